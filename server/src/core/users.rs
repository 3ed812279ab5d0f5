//! Accounts and tokens. Passwords are stored as argon2 hashes; tokens are random 128-bit ids with
//! an expiry.

use rusqlite::{Connection, OptionalExtension, params};

use super::roles::Role;
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

impl User {
    /// The user in a row's first three columns: id, login, name.
    pub(crate) fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
        Ok(User {
            id: r.get(0)?,
            login: r.get(1)?,
            name: r.get(2)?,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Token {
    pub token: String,
    pub user_id: i64,
    pub created: i64,
    pub expires: i64,
}

/// Everything about an account: what `accounts/get` shows the user and admins see in lists.
#[derive(Debug, Clone)]
pub struct Account {
    pub user: User,
    pub role: Role,
    pub company_id: i64,
    /// False after an admin disabled the account.
    pub active: bool,
    /// When a source was last shut out after too many wrong passwords, until the cool-down ends
    /// (mirrors the in-memory throttle for administrators).
    pub locked_at: Option<i64>,
    pub failed_logins: u32,
    /// Deleted (restorable until purged).
    pub deleted_at: Option<i64>,
    pub registered: i64,
    pub last_login: i64,
    pub bytes_used: u64,
    /// The quota shown to the user; `None` = unlimited.
    pub quota: Option<u64>,
    /// The limit uploads are refused at; `None` = unlimited.
    pub hard_quota: Option<u64>,
    pub lang: String,
    pub timezone: String,
}

/// The columns [`row_account`] reads, from `users u`.
pub(crate) const ACCOUNT_COLS: &str = "u.id, u.login, u.name, u.role, u.company_id, u.is_active, \
    u.locked_at, u.failed_logins, u.deleted_at, u.created, u.last_login, \
    (SELECT COALESCE(SUM(size), 0) FROM nodes WHERE user_id = u.id AND folder = 0), \
    u.quota, u.hard_quota, u.lang, u.timezone";

pub(crate) fn row_account(r: &rusqlite::Row<'_>) -> rusqlite::Result<Account> {
    Ok(Account {
        user: User::from_row(r)?,
        role: Role::from_db(&r.get::<_, String>(3)?),
        company_id: r.get(4)?,
        active: r.get(5)?,
        locked_at: r.get(6)?,
        failed_logins: r.get(7)?,
        deleted_at: r.get(8)?,
        registered: r.get(9)?,
        last_login: r.get(10)?,
        bytes_used: r.get::<_, i64>(11)? as u64,
        quota: r.get::<_, Option<i64>>(12)?.map(|q| q as u64),
        hard_quota: r.get::<_, Option<i64>>(13)?.map(|q| q as u64),
        lang: r.get(14)?,
        timezone: r.get(15)?,
    })
}

pub(crate) fn account_by_id(c: &Connection, id: i64) -> CoreResult<Account> {
    c.query_row(
        &format!("SELECT {ACCOUNT_COLS} FROM users u WHERE u.id = ?1"),
        [id],
        row_account,
    )
    .optional()?
    .ok_or_else(|| CoreError::UnknownEntity(format!("user {id}")))
}

/// The password rule for every password an admin or an invitee sets.
pub(crate) fn check_new_password(password: &str) -> CoreResult<()> {
    if password.chars().count() < 8 {
        return Err(CoreError::InvalidParameters(
            "the password must have at least 8 characters".into(),
        ));
    }
    Ok(())
}

/// A login an admin may create: not empty, no control characters, no `:` (the typed-login
/// separator), at most 255 characters.
pub(crate) fn check_new_login(login: &str) -> CoreResult<()> {
    if login.trim().is_empty()
        || login.trim() != login
        || login.contains(char::is_control)
        || login.contains(':')
        || login.chars().count() > 255
    {
        return Err(CoreError::InvalidParameters(format!(
            "invalid login {login:?}"
        )));
    }
    Ok(())
}

/// `email:a@b` and `login:a` both name the login after the colon.
pub(crate) fn bare_login(login: &str) -> &str {
    login
        .strip_prefix("login:")
        .or_else(|| login.strip_prefix("email:"))
        .unwrap_or(login)
}

/// A new user's root folder: the nameless node every one of their paths starts from.
pub(crate) fn insert_root_folder(c: &Connection, user: i64, now: i64) -> CoreResult<()> {
    c.execute(
        "INSERT INTO nodes (user_id, parent_id, name, folder, created, modified) \
         VALUES (?1, NULL, '', 1, ?2, ?2)",
        params![user, now],
    )?;
    Ok(())
}

pub(crate) fn user_by_login(c: &Connection, login: &str) -> CoreResult<Option<(User, String)>> {
    Ok(c.query_row(
        "SELECT id, login, name, password_hash FROM users WHERE login = ?1",
        [login],
        |r| Ok((User::from_row(r)?, r.get::<_, String>(3)?)),
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
        let hash = super::passwords::hash(password).await?;
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
                insert_root_folder(c, id, now)?;
                Ok(User { id, login, name })
            })
            .await
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

    /// The user behind a token. A disabled or deleted account's tokens stop working at once.
    pub async fn user_for_token(&self, token: &str) -> CoreResult<User> {
        let token = token.to_owned();
        self.db
            .tx(move |c| {
                let (user, active, deleted) = c
                    .query_row(
                        "SELECT u.id, u.login, u.name, u.is_active, u.deleted_at IS NOT NULL \
                         FROM tokens t JOIN users u ON u.id = t.user_id \
                         WHERE t.token = ?1 AND t.expires > ?2",
                        params![token, now_ms()],
                        |r| {
                            Ok((
                                User::from_row(r)?,
                                r.get::<_, bool>(3)?,
                                r.get::<_, bool>(4)?,
                            ))
                        },
                    )
                    .optional()?
                    .ok_or_else(|| {
                        CoreError::Unauthorized("the token is unknown or expired".into())
                    })?;
                if !active || deleted {
                    return Err(CoreError::TokenOfDisabledUser);
                }
                Ok(user)
            })
            .await
    }

    pub async fn logout(&self, token: &str) -> CoreResult<()> {
        let token = token.to_owned();
        self.db
            .tx(move |c| {
                // An OAuth session's refresh token would otherwise mint new access tokens.
                super::oauth::revoke_refresh_of(c, &token)?;
                c.execute("DELETE FROM tokens WHERE token = ?1", [token])?;
                Ok(())
            })
            .await
    }

    pub async fn account(&self, user_id: i64) -> CoreResult<Account> {
        self.db.read(move |c| account_by_id(c, user_id)).await
    }
}
