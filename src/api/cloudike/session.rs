//! Cloudike: sign-in, the signed-in account and the company directory ([`SessionApi`]).

use async_trait::async_trait;

use super::*;

#[derive(Debug, Clone, Deserialize)]
struct CompanyAccount {
    #[serde(default)]
    company_id: Option<Id>,
}

#[async_trait(?Send)]
impl SessionApi for Cloudike {
    async fn login(&self, login: &str, password: &str) -> Result<Session, ApiError> {
        let form: Form = vec![
            (field::LOGIN, login.to_owned()),
            (field::PASSWORD, password.to_owned()),
            (field::PERMANENT_AUTH, "false".into()),
            (field::DEVICE_DESCRIPTION, "Satchel web".into()),
        ];
        let reply = self.post_raw("accounts/login/", &form).await?;
        if reply.status == 401 {
            let mut err = error_from(&reply);
            if err.kind == ErrorKind::Unauthorized {
                err.kind = ErrorKind::InvalidCredentials;
            }
            return Err(err);
        }
        let r: LoginResponse = decode(reply)?;
        Ok(Session {
            token: r.token,
            login: login.to_owned(),
            expires_ms: r.expires,
            dialect: crate::config::Dialect::Cloudike,
        })
    }

    async fn logout(&self) -> Result<(), ApiError> {
        let reply = self.post_raw("accounts/logout/", &Vec::new()).await?;
        if reply.ok() {
            Ok(())
        } else {
            Err(error_from(&reply))
        }
    }

    async fn account(&self) -> Result<Account, ApiError> {
        let a: AccountInfo = self.get("accounts/get/").await?;
        Ok(Account {
            user_id: a.userid.to_string(),
            name: a.name,
            used_bytes: a.storage_size,
            quota_bytes: a.quota_size,
            role: admin::role_from(&a.role),
            company_id: Some(a.company_id.to_string()),
        })
    }

    async fn people(&self, query: &str) -> Result<Vec<Person>, ApiError> {
        let a: CompanyAccount = self.get("accounts/get/").await?;
        // Before companies existed every user was in company 1.
        let company = a
            .company_id
            .and_then(Id::non_empty)
            .unwrap_or_else(|| "1".to_owned());
        let form: Form = vec![
            (field::QUERY, query.to_owned()),
            (field::LIMIT, "20".into()),
        ];
        let mut endpoint = "company/".to_owned();
        satchel_wire::name::percent_encode_segment(&company, &mut endpoint);
        endpoint.push_str("/users");
        let d: wire::CompanyUsers = self.get(&with_query(&endpoint, &form)).await?;
        Ok(d.users
            .into_iter()
            .map(|u| Person {
                login: u.login,
                name: u.name,
            })
            .collect())
    }
}
