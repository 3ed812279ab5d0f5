//! Checking a login and password, under the guessing limits of [`super::throttle`].
//!
//! Every check is reserved with the throttle *before* anything is looked up, so the answer to a
//! throttled source is the same whether or not the account exists and whether or not the
//! password is right; unknown accounts are verified against a dummy hash so that the time an
//! answer takes does not tell either. The `failed_logins`/`locked_at` columns only mirror the
//! throttle for administrators (the "blocked logins" list, unlock).

use rusqlite::params;

use super::passwords;
use super::throttle::{self, Scope};
use super::users::{Account, account_by_id, bare_login, user_by_login};
use super::{Core, CoreError, CoreResult, User, now_ms};

impl Core {
    /// Check a login and password. Wrong passwords count per login and source; after
    /// `lockout_after` of them that source gets [`CoreError::TooManyAttempts`] for the login
    /// until the cool-down ends or an admin unlocks the account. A disabled or deleted account
    /// is told so only when the password is right, so strangers learn nothing.
    pub async fn check_password(&self, login: &str, password: &str) -> CoreResult<User> {
        let attempt = self.throttle.reserve(
            Scope::SignIn,
            &throttle::login_key(login),
            throttle::source(),
        )?;
        let login = bare_login(login).to_owned();
        let expired_before = now_ms() - self.lock_cooldown_ms();
        let found = self
            .db
            .tx(move |c| {
                let Some((user, hash)) = user_by_login(c, &login)? else {
                    return Ok(None);
                };
                // An administrator's "locked" mark ends with the cool-down.
                c.execute(
                    "UPDATE users SET locked_at = NULL WHERE id = ?1 AND locked_at <= ?2",
                    params![user.id, expired_before],
                )?;
                Ok(Some((account_by_id(c, user.id)?, hash)))
            })
            .await?;
        let (account, hash): (Option<Account>, _) = match found {
            Some((a, h)) => (Some(a), Some(h)),
            None => (None, None),
        };
        let ok = match passwords::verify(password.to_owned(), hash).await {
            Ok(ok) => ok,
            Err(e) => {
                self.throttle.release(attempt);
                return Err(e);
            }
        };
        let Some(account) = account else {
            let _ = self.throttle.settle(attempt, false);
            return Err(CoreError::InvalidCredentials);
        };
        let id = account.user.id;
        if !ok {
            let closed = self.throttle.settle(attempt, false);
            self.db
                .tx(move |c| {
                    c.execute(
                        "UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ?1",
                        [id],
                    )?;
                    if closed.is_some() {
                        c.execute(
                            "UPDATE users SET locked_at = ?2 WHERE id = ?1",
                            params![id, now_ms()],
                        )?;
                    }
                    Ok(())
                })
                .await?;
            return Err(CoreError::InvalidCredentials);
        }
        let _ = self.throttle.settle(attempt, true);
        if account.failed_logins > 0 {
            self.db
                .tx(move |c| {
                    c.execute("UPDATE users SET failed_logins = 0 WHERE id = ?1", [id])?;
                    Ok(())
                })
                .await?;
        }
        if !account.active || account.deleted_at.is_some() {
            return Err(CoreError::UserDisabled);
        }
        Ok(account.user)
    }

    pub(crate) fn lock_cooldown_ms(&self) -> i64 {
        self.throttle.limits().cooldown.as_millis() as i64
    }
}
