//! Accounts and tokens. Passwords are stored as argon2 hashes; tokens are random 128-bit ids with
//! an expiry.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rusqlite::{Connection, OptionalExtension, params};

use super::{Core, CoreError, CoreResult, now_ms, random_id};

/// Normal tokens live 31 days (the reference example's span); `permanent_auth` ones a year.
const TOKEN_TTL_MS: i64 = 31 * 24 * 3600 * 1000;
const PERMANENT_TOKEN_TTL_MS: i64 = 365 * 24 * 3600 * 1000;

#[derive(Debug, Clone)]
pub struct User {
    pub id: i64,
    pub login: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct Token {
    pub token: String,
    pub user_id: i64,
    pub created: i64,
    pub expires: i64,
}

#[derive(Debug, Clone)]
pub struct Account {
    pub user: User,
    pub registered: i64,
    pub last_login: i64,
    pub bytes_used: u64,
    pub quota: Option<u64>,
}

/// `email:a@b` and `login:a` both name the login after the colon.
pub(crate) fn bare_login(login: &str) -> &str {
    login
        .strip_prefix("login:")
        .or_else(|| login.strip_prefix("email:"))
        .unwrap_or(login)
}

pub(crate) fn hash_password(password: &str) -> CoreResult<String> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| CoreError::Internal(format!("password hashing: {e}")))
}

pub(crate) fn password_matches(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

pub(crate) fn user_by_login(c: &Connection, login: &str) -> CoreResult<Option<(User, String)>> {
    Ok(c.query_row(
        "SELECT id, login, name, password_hash FROM users WHERE login = ?1",
        [login],
        |r| {
            Ok((
                User {
                    id: r.get(0)?,
                    login: r.get(1)?,
                    name: r.get(2)?,
                },
                r.get::<_, String>(3)?,
            ))
        },
    )
    .optional()?)
}

impl Core {
    /// Create a user with an empty tree, or, if the login exists, reset its password and name.
    /// Used by `--demo`, `--create-user` and tests.
    pub async fn ensure_user(&self, login: &str, password: &str, name: &str) -> CoreResult<User> {
        let login = bare_login(login).to_owned();
        if login.is_empty() || login.contains(char::is_control) {
            return Err(CoreError::InvalidParameters("invalid login".into()));
        }
        let password = password.to_owned();
        let name = name.to_owned();
        let hash = tokio::task::spawn_blocking(move || hash_password(&password)).await??;
        self.db
            .tx(move |c| {
                let now = now_ms();
                if let Some((user, _)) = user_by_login(c, &login)? {
                    c.execute(
                        "UPDATE users SET password_hash = ?1, name = ?2 WHERE id = ?3",
                        params![hash, name, user.id],
                    )?;
                    return Ok(User { name, ..user });
                }
                c.execute(
                    "INSERT INTO users (login, name, password_hash, created) VALUES (?1, ?2, ?3, ?4)",
                    params![login, name, hash, now],
                )?;
                let id = c.last_insert_rowid();
                c.execute(
                    "INSERT INTO nodes (user_id, parent_id, name, folder, created, modified) \
                     VALUES (?1, NULL, '', 1, ?2, ?2)",
                    params![id, now],
                )?;
                Ok(User { id, login, name })
            })
            .await
    }

    /// Check a login and password (off the executor: argon2 is deliberately slow).
    pub async fn check_password(&self, login: &str, password: &str) -> CoreResult<User> {
        let login = bare_login(login).to_owned();
        let found = self.db.tx(move |c| user_by_login(c, &login)).await?;
        let password = password.to_owned();
        let Some((user, hash)) = found else {
            return Err(CoreError::InvalidCredentials);
        };
        let ok = tokio::task::spawn_blocking(move || password_matches(&password, &hash)).await?;
        if ok {
            Ok(user)
        } else {
            Err(CoreError::InvalidCredentials)
        }
    }

    pub async fn login(
        &self,
        login: &str,
        password: &str,
        permanent: bool,
        device: Option<String>,
    ) -> CoreResult<Token> {
        let user = self.check_password(login, password).await?;
        self.db
            .tx(move |c| {
                let now = now_ms();
                let ttl = if permanent { PERMANENT_TOKEN_TTL_MS } else { TOKEN_TTL_MS };
                let token = Token { token: random_id(), user_id: user.id, created: now, expires: now + ttl };
                c.execute(
                    "INSERT INTO tokens (token, user_id, created, expires, device) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![token.token, user.id, now, token.expires, device],
                )?;
                c.execute("UPDATE users SET last_login = ?1 WHERE id = ?2", params![now, user.id])?;
                // Expired tokens are useless; drop them while we are here.
                c.execute("DELETE FROM tokens WHERE expires < ?1", [now])?;
                Ok(token)
            })
            .await
    }

    pub async fn user_for_token(&self, token: &str) -> CoreResult<User> {
        let token = token.to_owned();
        self.db
            .tx(move |c| {
                c.query_row(
                    "SELECT u.id, u.login, u.name FROM tokens t JOIN users u ON u.id = t.user_id \
                     WHERE t.token = ?1 AND t.expires > ?2",
                    params![token, now_ms()],
                    |r| {
                        Ok(User {
                            id: r.get(0)?,
                            login: r.get(1)?,
                            name: r.get(2)?,
                        })
                    },
                )
                .optional()?
                .ok_or_else(|| CoreError::Unauthorized("the token is unknown or expired".into()))
            })
            .await
    }

    pub async fn logout(&self, token: &str) -> CoreResult<()> {
        let token = token.to_owned();
        self.db
            .tx(move |c| {
                c.execute("DELETE FROM tokens WHERE token = ?1", [token])?;
                Ok(())
            })
            .await
    }

    pub async fn account(&self, user_id: i64) -> CoreResult<Account> {
        self.db
            .tx(move |c| {
                let (user, registered, last_login, quota) = c.query_row(
                    "SELECT id, login, name, created, last_login, quota FROM users WHERE id = ?1",
                    [user_id],
                    |r| {
                        Ok((
                            User {
                                id: r.get(0)?,
                                login: r.get(1)?,
                                name: r.get(2)?,
                            },
                            r.get(3)?,
                            r.get(4)?,
                            r.get::<_, Option<i64>>(5)?,
                        ))
                    },
                )?;
                let used: i64 = c.query_row(
                    "SELECT COALESCE(SUM(size), 0) FROM nodes WHERE user_id = ?1 AND folder = 0",
                    [user_id],
                    |r| r.get(0),
                )?;
                Ok(Account {
                    user,
                    registered,
                    last_login,
                    bytes_used: used as u64,
                    quota: quota.map(|q| q as u64),
                })
            })
            .await
    }
}
