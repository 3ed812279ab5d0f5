//! OpenDrive: the session area.

use async_trait::async_trait;

use super::*;

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

    async fn people(&self, query: &str) -> Result<Vec<Person>, ApiError> {
        self.directory(query).await
    }
}
