//! OAuth2's password grant with rotating refresh tokens (OpenDrive's sign-in). An access token
//! is an ordinary core token with a one-day life, so every dialect accepts it; a refresh token
//! lives in its own table and is good for exactly one refresh.

use rusqlite::{OptionalExtension, params};

use super::{Core, CoreError, CoreResult, User, now_ms, random_id};

/// The guide's lifetimes: a day for access tokens, 30 days for refresh tokens.
pub const ACCESS_TTL_MS: i64 = 86_400 * 1000;
pub const REFRESH_TTL_MS: i64 = 30 * 86_400 * 1000;

#[derive(Debug, Clone)]
pub struct OAuthTokens {
    pub access_token: String,
    pub refresh_token: String,
    /// Seconds the access token lives.
    pub expires_in: i64,
}

/// 40 lower-case hex digits, like the guide's examples.
fn token40() -> String {
    format!("{}{}", random_id(), &random_id()[..8])
}

fn issue(c: &rusqlite::Connection, user: i64) -> CoreResult<OAuthTokens> {
    let now = now_ms();
    let tokens = OAuthTokens {
        access_token: token40(),
        refresh_token: token40(),
        expires_in: ACCESS_TTL_MS / 1000,
    };
    c.execute(
        "INSERT INTO tokens (token, user_id, created, expires, device) VALUES (?1, ?2, ?3, ?4, 'oauth')",
        params![tokens.access_token, user, now, now + ACCESS_TTL_MS],
    )?;
    c.execute(
        "INSERT INTO oauth_refresh (token, user_id, created, expires, access_token) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            tokens.refresh_token,
            user,
            now,
            now + REFRESH_TTL_MS,
            tokens.access_token
        ],
    )?;
    c.execute("DELETE FROM tokens WHERE expires < ?1", [now])?;
    c.execute("DELETE FROM oauth_refresh WHERE expires < ?1", [now])?;
    c.execute(
        "UPDATE users SET last_login = ?1 WHERE id = ?2",
        params![now, user],
    )?;
    Ok(tokens)
}

/// Revoke the refresh token issued together with the OAuth access token `access` (logging out).
/// Not an OAuth token: nothing happens.
pub(crate) fn revoke_refresh_of(c: &rusqlite::Connection, access: &str) -> CoreResult<()> {
    c.execute(
        "DELETE FROM oauth_refresh WHERE access_token = ?1",
        [access],
    )?;
    Ok(())
}

impl Core {
    /// `grant_type=password`: wrong credentials are [`CoreError::InvalidCredentials`].
    pub async fn oauth_password_grant(
        &self,
        login: &str,
        password: &str,
    ) -> CoreResult<(User, OAuthTokens)> {
        let user = self.check_password(login, password).await?;
        let uid = user.id;
        let tokens = self.db.tx(move |c| issue(c, uid)).await?;
        Ok((user, tokens))
    }

    /// `grant_type=refresh_token`: a new pair; the refresh token given stops working at once.
    /// Unknown and expired tokens are [`CoreError::Unauthorized`] with the guide's sentences.
    pub async fn oauth_refresh(&self, refresh_token: &str) -> CoreResult<OAuthTokens> {
        let token = refresh_token.to_owned();
        self.db
            .tx(move |c| {
                let found: Option<(i64, i64)> = c
                    .query_row(
                        "SELECT user_id, expires FROM oauth_refresh WHERE token = ?1",
                        [&token],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()?;
                let Some((user, expires)) = found else {
                    return Err(CoreError::Unauthorized("Invalid refresh token".into()));
                };
                c.execute("DELETE FROM oauth_refresh WHERE token = ?1", [&token])?;
                if expires <= now_ms() {
                    return Err(CoreError::Unauthorized("Refresh token has expired".into()));
                }
                issue(c, user)
            })
            .await
    }
}
