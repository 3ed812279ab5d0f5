//! Administering accounts: the company's user list and directory, creating users, editing
//! them, passwords, enabling and disabling, unlocking, roles, deleting and restoring. Every
//! function takes the acting user and asks [`roles`] whether they may.

use rusqlite::{Connection, params};

use super::roles::{self, Actor, Role};
use super::users::{
    ACCOUNT_COLS, Account, account_by_id, check_new_login, check_new_password, insert_root_folder,
    row_account, user_by_login,
};
use super::{Core, CoreError, CoreResult, User, now_ms};

/// Languages the app is translated into.
pub const LANGUAGES: &[&str] = &["en", "de", "ru"];

/// How a user list is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UserOrder {
    #[default]
    Name,
    Login,
    StorageUsed,
    LastLogin,
}

/// One request for a page of a company's users.
#[derive(Debug, Clone, Default)]
pub struct UserSearch {
    /// A substring of the login or name, case-insensitive; empty = everyone.
    pub text: String,
    /// The company (heeded for the system admin only; `None`: every company).
    pub company: Option<i64>,
    pub order: UserOrder,
    pub descending: bool,
    pub offset: usize,
    pub limit: usize,
    /// Deleted (restorable) users too.
    pub with_deleted: bool,
}

/// The profile fields an admin edits; `None` keeps the current value.
#[derive(Debug, Clone, Default)]
pub struct UserEdit {
    pub name: Option<String>,
    pub lang: Option<String>,
    pub timezone: Option<String>,
}

/// The acting admin and the account they act on, after the role check.
fn managed(c: &Connection, actor: i64, target: i64) -> CoreResult<(Actor, Account)> {
    let actor = roles::actor(c, actor)?;
    let target = account_by_id(c, target)?;
    roles::authorize_user(&actor, target.company_id, target.role)?;
    Ok((actor, target))
}

fn not_self(actor: &Actor, target: &Account, what: &str) -> CoreResult<()> {
    if actor.id == target.user.id {
        return Err(CoreError::InvalidParameters(format!(
            "you cannot {what} yourself"
        )));
    }
    Ok(())
}

fn check_name(name: &str) -> CoreResult<()> {
    if name.trim().is_empty() || name.contains(char::is_control) || name.chars().count() > 255 {
        return Err(CoreError::InvalidParameters(format!(
            "invalid name {name:?}"
        )));
    }
    Ok(())
}

/// A new account with an empty tree in `company`. Login taken: `AlreadyExists`.
pub(crate) fn insert_user(
    c: &Connection,
    company: i64,
    login: &str,
    name: &str,
    hash: &str,
    role: Role,
) -> CoreResult<i64> {
    if user_by_login(c, login)?.is_some() {
        return Err(CoreError::AlreadyExists(format!("login {login}")));
    }
    let now = now_ms();
    c.execute(
        "INSERT INTO users (login, name, password_hash, created, company_id, role) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![login, name, hash, now, company, role.as_db()],
    )?;
    let id = c.last_insert_rowid();
    insert_root_folder(c, id, now)?;
    Ok(id)
}

fn company_exists(c: &Connection, company: i64) -> CoreResult<()> {
    let found: bool = c.query_row(
        "SELECT EXISTS(SELECT 1 FROM companies WHERE id = ?1)",
        [company],
        |r| r.get(0),
    )?;
    if found {
        Ok(())
    } else {
        Err(CoreError::UnknownEntity(format!("company {company}")))
    }
}

impl Core {
    /// A page of users of the actor's company (any company, or all, for the system admin).
    pub async fn find_users(&self, actor: &User, q: UserSearch) -> CoreResult<(u64, Vec<Account>)> {
        let aid = actor.id;
        self.db
            .read(move |c| {
                let actor = roles::actor(c, aid)?;
                let company = match (actor.role, q.company) {
                    (Role::SystemAdmin, asked) => asked,
                    _ => Some(actor.company_id),
                };
                if let Some(company) = company {
                    roles::authorize_company(&actor, company)?;
                } else {
                    roles::authorize_system(&actor)?;
                }
                let mut stmt = c.prepare(&format!(
                    "SELECT {ACCOUNT_COLS} FROM users u WHERE (?1 IS NULL OR u.company_id = ?1) \
                     AND (?2 OR u.deleted_at IS NULL)"
                ))?;
                let text = q.text.to_lowercase();
                let mut hits: Vec<Account> = stmt
                    .query_map(params![company, q.with_deleted], row_account)?
                    .collect::<Result<Vec<_>, _>>()?
                    .into_iter()
                    .filter(|a| {
                        a.user.login.to_lowercase().contains(&text)
                            || a.user.name.to_lowercase().contains(&text)
                    })
                    .collect();
                hits.sort_by(|a, b| {
                    let key = match q.order {
                        UserOrder::Name => {
                            a.user.name.to_lowercase().cmp(&b.user.name.to_lowercase())
                        }
                        UserOrder::Login => a.user.login.cmp(&b.user.login),
                        UserOrder::StorageUsed => a.bytes_used.cmp(&b.bytes_used),
                        UserOrder::LastLogin => a.last_login.cmp(&b.last_login),
                    };
                    key.then(a.user.id.cmp(&b.user.id))
                });
                if q.descending {
                    hits.reverse();
                }
                let count = hits.len() as u64;
                Ok((
                    count,
                    hits.into_iter().skip(q.offset).take(q.limit).collect(),
                ))
            })
            .await
    }

    /// The company directory for pickers: active members whose login or name contains `query`.
    pub async fn company_users(
        &self,
        actor: &User,
        company: i64,
        query: Option<String>,
        offset: usize,
        limit: usize,
    ) -> CoreResult<(u64, Vec<User>)> {
        let aid = actor.id;
        let q = query.unwrap_or_default().to_lowercase();
        self.db
            .read(move |c| {
                let actor = roles::actor(c, aid)?;
                roles::authorize_member(&actor, company)?;
                let mut stmt = c.prepare(
                    "SELECT id, login, name FROM users WHERE company_id = ?1 AND is_active = 1 \
                     AND deleted_at IS NULL ORDER BY login",
                )?;
                let hits: Vec<User> = stmt
                    .query_map([company], User::from_row)?
                    .collect::<Result<Vec<_>, _>>()?
                    .into_iter()
                    .filter(|u| {
                        u.login.to_lowercase().contains(&q) || u.name.to_lowercase().contains(&q)
                    })
                    .collect();
                let count = hits.len() as u64;
                Ok((count, hits.into_iter().skip(offset).take(limit).collect()))
            })
            .await
    }

    /// An admin creates a user (role `User`) with a password in `company`.
    pub async fn create_user(
        &self,
        actor: &User,
        company: i64,
        login: String,
        name: String,
        password: String,
    ) -> CoreResult<Account> {
        check_new_login(&login)?;
        check_name(&name)?;
        check_new_password(&password)?;
        let hash = super::passwords::hash(password).await?;
        let aid = actor.id;
        self.db
            .tx(move |c| {
                let actor = roles::actor(c, aid)?;
                roles::authorize_company(&actor, company)?;
                company_exists(c, company)?;
                let id = insert_user(c, company, &login, &name, &hash, Role::User)?;
                account_by_id(c, id)
            })
            .await
    }

    pub async fn edit_user(&self, actor: &User, user: i64, edit: UserEdit) -> CoreResult<Account> {
        if let Some(name) = &edit.name {
            check_name(name)?;
        }
        if let Some(lang) = &edit.lang
            && !LANGUAGES.contains(&lang.as_str())
        {
            return Err(CoreError::InvalidParameters(format!(
                "lang must be one of {}",
                LANGUAGES.join(", ")
            )));
        }
        if let Some(tz) = &edit.timezone
            && (tz.is_empty()
                || tz.len() > 64
                || !tz
                    .chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || "/_+-".contains(ch)))
        {
            return Err(CoreError::InvalidParameters(format!(
                "invalid timezone {tz:?}"
            )));
        }
        let aid = actor.id;
        self.db
            .tx(move |c| {
                let (_, target) = managed(c, aid, user)?;
                c.execute(
                    "UPDATE users SET name = ?2, lang = ?3, timezone = ?4 WHERE id = ?1",
                    params![
                        user,
                        edit.name.unwrap_or(target.user.name),
                        edit.lang.unwrap_or(target.lang),
                        edit.timezone.unwrap_or(target.timezone)
                    ],
                )?;
                account_by_id(c, user)
            })
            .await
    }

    /// Set a user's password; their tokens stay valid.
    pub async fn set_password(&self, actor: &User, user: i64, password: String) -> CoreResult<()> {
        check_new_password(&password)?;
        let hash = super::passwords::hash(password).await?;
        let aid = actor.id;
        self.db
            .tx(move |c| {
                managed(c, aid, user)?;
                c.execute(
                    "UPDATE users SET password_hash = ?2 WHERE id = ?1",
                    params![user, hash],
                )?;
                Ok(())
            })
            .await
    }

    /// Enable or disable an account. A disabled account's tokens are refused at once; enabling
    /// removes them, so the user signs in afresh.
    pub async fn set_active(&self, actor: &User, user: i64, active: bool) -> CoreResult<Account> {
        let aid = actor.id;
        self.db
            .tx(move |c| {
                let (actor, target) = managed(c, aid, user)?;
                if !active {
                    not_self(&actor, &target, "disable")?;
                } else if !target.active {
                    c.execute("DELETE FROM tokens WHERE user_id = ?1", [user])?;
                }
                c.execute(
                    "UPDATE users SET is_active = ?2 WHERE id = ?1",
                    params![user, active],
                )?;
                account_by_id(c, user)
            })
            .await
    }

    /// Lift the lock after too many wrong passwords, for every source.
    pub async fn unlock_user(&self, actor: &User, user: i64) -> CoreResult<Account> {
        let aid = actor.id;
        self.db
            .tx(move |c| {
                managed(c, aid, user)?;
                c.execute(
                    "UPDATE users SET locked_at = NULL, failed_logins = 0 WHERE id = ?1",
                    [user],
                )?;
                account_by_id(c, user)
            })
            .await
            // Every source's strikes for the login go, not just the one that set the mark.
            .inspect(|a| {
                self.throttle
                    .clear(&super::throttle::login_key(&a.user.login))
            })
    }

    /// Accounts of the actor's company (every company for the system admin) that some source is
    /// shut out of after too many wrong passwords.
    pub async fn blocked_logins(&self, actor: &User) -> CoreResult<Vec<Account>> {
        let aid = actor.id;
        let expired_before = super::now_ms() - self.lock_cooldown_ms();
        self.db
            .tx(move |c| {
                let actor = roles::actor(c, aid)?;
                roles::authorize_company(&actor, actor.company_id)?;
                let everyone = actor.role == Role::SystemAdmin;
                // Marks whose cool-down is over are no longer blocks.
                c.execute(
                    "UPDATE users SET locked_at = NULL WHERE locked_at <= ?1",
                    [expired_before],
                )?;
                let mut stmt = c.prepare(&format!(
                    "SELECT {ACCOUNT_COLS} FROM users u WHERE u.locked_at IS NOT NULL \
                     AND (?1 OR u.company_id = ?2) ORDER BY u.locked_at"
                ))?;
                let rows = stmt.query_map(params![everyone, actor.company_id], row_account)?;
                Ok(rows.collect::<Result<_, _>>()?)
            })
            .await
    }

    /// Make a user a plain user or a company admin (a system admin only by a system admin).
    pub async fn assign_role(&self, actor: &User, user: i64, role: Role) -> CoreResult<Account> {
        let aid = actor.id;
        self.db
            .tx(move |c| {
                let (actor, target) = managed(c, aid, user)?;
                if role == Role::SystemAdmin {
                    roles::authorize_system(&actor)?;
                }
                if role != target.role && actor.id == user {
                    not_self(&actor, &target, "change the role of")?;
                }
                c.execute(
                    "UPDATE users SET role = ?2 WHERE id = ?1",
                    params![user, role.as_db()],
                )?;
                account_by_id(c, user)
            })
            .await
    }

    /// Delete an account: it cannot sign in and leaves lists and pickers; its files, shares and
    /// links stay until purged, so [`Core::restore_user`] brings everything back.
    pub async fn delete_user(&self, actor: &User, user: i64) -> CoreResult<()> {
        let aid = actor.id;
        self.db
            .tx(move |c| {
                let (actor, target) = managed(c, aid, user)?;
                not_self(&actor, &target, "delete")?;
                c.execute(
                    "UPDATE users SET deleted_at = COALESCE(deleted_at, ?2) WHERE id = ?1",
                    params![user, now_ms()],
                )?;
                Ok(())
            })
            .await
    }

    pub async fn restore_user(&self, actor: &User, user: i64) -> CoreResult<()> {
        let aid = actor.id;
        self.db
            .tx(move |c| {
                managed(c, aid, user)?;
                c.execute("UPDATE users SET deleted_at = NULL WHERE id = ?1", [user])?;
                Ok(())
            })
            .await
    }

    /// Set an account's company and role by login (startup options, demo data and tests).
    pub async fn place_user(&self, login: &str, company: i64, role: Role) -> CoreResult<()> {
        let login = super::users::bare_login(login).to_owned();
        self.db
            .tx(move |c| {
                company_exists(c, company)?;
                let n = c.execute(
                    "UPDATE users SET company_id = ?2, role = ?3 WHERE login = ?1",
                    params![login, company, role.as_db()],
                )?;
                if n == 0 {
                    return Err(CoreError::UnknownEntity(format!("user {login}")));
                }
                Ok(())
            })
            .await
    }
}
