//! Who is signed in: the persisted session and the account.

use crate::config::Dialect;

use super::Role;

/// A signed-in session, persisted in localStorage.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Session {
    pub token: String,
    pub login: String,
    /// Epoch ms after which the token stops working.
    pub expires_ms: i64,
    /// The dialect the token belongs to (sessions stored before there was a choice: Cloudike).
    #[serde(default)]
    pub dialect: Dialect,
}

/// The signed-in account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// The user id others' records (comments, events) refer to.
    pub user_id: String,
    pub name: String,
    pub used_bytes: u64,
    pub quota_bytes: Option<u64>,
    pub role: Role,
    /// The company the user belongs to, when the dialect has companies.
    pub company_id: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_sessions_speak_cloudike() {
        let s: Session =
            serde_json::from_str(r#"{"token":"t","login":"a","expires_ms":5}"#).unwrap();
        assert_eq!(s.dialect, Dialect::Cloudike);
        let s: Session = serde_json::from_str(
            r#"{"token":"t","login":"a","expires_ms":5,"dialect":"opendrive"}"#,
        )
        .unwrap();
        assert_eq!(s.dialect, Dialect::OpenDrive);
    }
}
