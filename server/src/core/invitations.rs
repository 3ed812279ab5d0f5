//! Invitations by e-mail: an admin invites someone into their company and passes the link on
//! (there is no mail server); the invitee picks a name and password and joins as a plain user.

use rusqlite::{OptionalExtension, params};

use super::accounts::insert_user;
use super::roles::{self, Role};
use super::users::{check_new_login, check_new_password};
use super::{Core, CoreError, CoreResult, User, now_ms, random_id};

/// Invitations live 14 days.
const INVITATION_TTL_MS: i64 = 14 * 24 * 3600 * 1000;

/// What the invited person sees before joining.
#[derive(Debug, Clone)]
pub struct Invited {
    /// The login they will have: the invited e-mail address.
    pub login: String,
    pub company: String,
}

impl Core {
    /// Invite `email` into `company`; answers the invitation token.
    pub async fn invite_user(
        &self,
        actor: &User,
        company: i64,
        email: String,
        name: String,
    ) -> CoreResult<String> {
        check_new_login(&email)?;
        if !email.contains('@') {
            return Err(CoreError::InvalidParameters(format!(
                "not an e-mail address: {email:?}"
            )));
        }
        let aid = actor.id;
        self.db
            .tx(move |c| {
                let actor = roles::actor(c, aid)?;
                roles::authorize_company(&actor, company)?;
                if super::users::user_by_login(c, &email)?.is_some() {
                    return Err(CoreError::AlreadyExists(format!("login {email}")));
                }
                let token = random_id();
                let now = now_ms();
                c.execute(
                    "INSERT INTO invitations (token, company_id, email, name, created, expires) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![token, company, email, name, now, now + INVITATION_TTL_MS],
                )?;
                Ok(token)
            })
            .await
    }

    /// An unused, unexpired invitation (no token needed: the invitation is the credential).
    pub async fn invitation(&self, token: String) -> CoreResult<Invited> {
        self.db
            .read(move |c| {
                c.query_row(
                    "SELECT i.email, co.name FROM invitations i JOIN companies co ON co.id = i.company_id \
                     WHERE i.token = ?1 AND i.used_by IS NULL AND i.expires > ?2",
                    params![token, now_ms()],
                    |r| Ok(Invited { login: r.get(0)?, company: r.get(1)? }),
                )
                .optional()?
                .ok_or_else(|| CoreError::UnknownEntity("invitation".into()))
            })
            .await
    }

    /// Join through an invitation: a new plain user of the inviting company. Answers their id.
    pub async fn accept_invitation(
        &self,
        token: String,
        name: String,
        password: String,
    ) -> CoreResult<i64> {
        check_new_password(&password)?;
        let hash = super::passwords::hash(password).await?;
        self.db
            .tx(move |c| {
                let (company, email, invited_name): (i64, String, String) = c
                    .query_row(
                        "SELECT company_id, email, name FROM invitations \
                         WHERE token = ?1 AND used_by IS NULL AND expires > ?2",
                        params![token, now_ms()],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                    )
                    .optional()?
                    .ok_or_else(|| CoreError::UnknownEntity("invitation".into()))?;
                let name = if name.trim().is_empty() {
                    invited_name
                } else {
                    name
                };
                let id = insert_user(c, company, &email, &name, &hash, Role::User)?;
                c.execute(
                    "UPDATE invitations SET used_by = ?2 WHERE token = ?1",
                    params![token, id],
                )?;
                Ok(id)
            })
            .await
    }
}
