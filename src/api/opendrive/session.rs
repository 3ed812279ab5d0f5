//! OpenDrive: sign-in, the signed-in account and the company directory ([`SessionApi`]).

use async_trait::async_trait;

use super::admin::person_from;
use super::*;

/// A session lives 31 days (the contract); the login answer does not say.
const SESSION_MS: i64 = 31 * 24 * 3600 * 1000;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct LoginReply {
    #[serde(rename = "SessionID")]
    session_id: String,
    user_name: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct UserInfo {
    #[serde(rename = "UserID")]
    user_id: Id,
    user_name: String,
    user_first_name: String,
    user_last_name: String,
    storage_used: Num,
    max_storage: Num,
}

#[async_trait(?Send)]
impl SessionApi for OpenDrive {
    async fn login(&self, login: &str, password: &str) -> Result<Session, ApiError> {
        let body = json!({ "username": login, "passwd": password, "version": "satchel" });
        let reply = http::send(
            "POST",
            &self.url("session/login.json"),
            &[],
            Some((JSON_CONTENT_TYPE, body.to_string())),
        )
        .await?;
        if reply.status == 401 {
            let mut err = error_from(&reply);
            err.kind = ErrorKind::InvalidCredentials;
            return Err(err);
        }
        let r: LoginReply = decode(reply)?;
        Ok(Session {
            token: r.session_id,
            login: if r.user_name.is_empty() {
                login.to_owned()
            } else {
                r.user_name
            },
            expires_ms: now_ms() + SESSION_MS,
            dialect: Dialect::OpenDrive,
        })
    }

    async fn logout(&self) -> Result<(), ApiError> {
        let reply = self.send("POST", "session/logout.json", json!({})).await?;
        self.ids(|c| c.use_session(""));
        unit(reply)
    }

    async fn account(&self) -> Result<Account, ApiError> {
        let u: UserInfo = self
            .get(&self.in_session("users/info.json", &[]), &[])
            .await?;
        let full = format!("{} {}", u.user_first_name, u.user_last_name)
            .trim()
            .to_owned();
        let role = self.my_role(&u.user_name).await?;
        Ok(Account {
            user_id: u.user_id.0,
            name: if full.is_empty() { u.user_name } else { full },
            used_bytes: u.storage_used.bytes(),
            quota_bytes: (u.max_storage.0 > 0).then(|| u.max_storage.bytes()),
            role,
            company_id: None,
        })
    }

    /// The directory for the share dialog and the group picker: company people only, and none
    /// for a plain user (the endpoint is an admin's).
    async fn people(&self, query: &str) -> Result<Vec<Person>, ApiError> {
        match self.search_users(query).await {
            Ok(found) => Ok(found.iter().map(person_from).collect()),
            Err(e) if e.kind == ErrorKind::Forbidden => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }
}
