//! Requests for more storage: a member asks (once at a time), an admin of the company approves
//! with a new quota or denies.

use rusqlite::{Connection, OptionalExtension, params};

use super::quota::set_quota;
use super::roles;
use super::{Core, CoreError, CoreResult, User, now_ms};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestState {
    Pending,
    Approved,
    Denied,
}

impl RequestState {
    /// The value in the `quota_requests.state` column (and on the wire).
    pub fn as_str(self) -> &'static str {
        match self {
            RequestState::Pending => "pending",
            RequestState::Approved => "approved",
            RequestState::Denied => "denied",
        }
    }

    fn from_db(s: &str) -> RequestState {
        match s {
            "approved" => RequestState::Approved,
            "denied" => RequestState::Denied,
            _ => RequestState::Pending,
        }
    }
}

#[derive(Debug, Clone)]
pub struct QuotaRequest {
    pub id: i64,
    pub user: User,
    pub created: i64,
    pub state: RequestState,
}

/// A pending request of `company`, for an admin of it.
fn pending(
    c: &Connection,
    actor: i64,
    company: i64,
    request: i64,
) -> CoreResult<(roles::Actor, i64)> {
    let actor = roles::actor(c, actor)?;
    roles::authorize_company(&actor, company)?;
    let user: i64 = c
        .query_row(
            "SELECT user_id FROM quota_requests WHERE id = ?1 AND company_id = ?2 AND state = 'pending'",
            params![request, company],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| CoreError::UnknownEntity(format!("pending quota request {request}")))?;
    Ok((actor, user))
}

fn decide(c: &Connection, request: i64, state: RequestState) -> CoreResult<()> {
    c.execute(
        "UPDATE quota_requests SET state = ?2, decided = ?3 WHERE id = ?1",
        params![request, state.as_str(), now_ms()],
    )?;
    Ok(())
}

impl Core {
    /// Ask the admins of my company for more storage; asking again while a request is pending
    /// answers that request's id.
    pub async fn request_quota(&self, user: &User, company: i64) -> CoreResult<i64> {
        let uid = user.id;
        self.db
            .tx(move |c| {
                let actor = roles::actor(c, uid)?;
                if actor.company_id != company {
                    return Err(CoreError::Forbidden(format!(
                        "not a member of company {company}"
                    )));
                }
                let open: Option<i64> = c
                    .query_row(
                        "SELECT id FROM quota_requests WHERE user_id = ?1 AND state = 'pending'",
                        [uid],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(id) = open {
                    return Ok(id);
                }
                c.execute(
                    "INSERT INTO quota_requests (company_id, user_id, created) VALUES (?1, ?2, ?3)",
                    params![company, uid, now_ms()],
                )?;
                Ok(c.last_insert_rowid())
            })
            .await
    }

    /// The company's quota requests, newest first.
    pub async fn quota_requests(
        &self,
        actor: &User,
        company: i64,
    ) -> CoreResult<Vec<QuotaRequest>> {
        let aid = actor.id;
        self.db
            .read(move |c| {
                roles::authorize_company(&roles::actor(c, aid)?, company)?;
                let mut stmt = c.prepare(
                    "SELECT q.id, u.id, u.login, u.name, q.created, q.state FROM quota_requests q \
                     JOIN users u ON u.id = q.user_id WHERE q.company_id = ?1 ORDER BY q.id DESC",
                )?;
                let rows = stmt.query_map([company], |r| {
                    Ok(QuotaRequest {
                        id: r.get(0)?,
                        user: User {
                            id: r.get(1)?,
                            login: r.get(2)?,
                            name: r.get(3)?,
                        },
                        created: r.get(4)?,
                        state: RequestState::from_db(&r.get::<_, String>(5)?),
                    })
                })?;
                Ok(rows.collect::<Result<_, _>>()?)
            })
            .await
    }

    /// Approve: the requester's quota (and hard quota) becomes `quota` (`None` = unlimited).
    pub async fn approve_quota_request(
        &self,
        actor: &User,
        company: i64,
        request: i64,
        quota: Option<u64>,
    ) -> CoreResult<()> {
        let aid = actor.id;
        self.db
            .tx(move |c| {
                let (actor, user) = pending(c, aid, company, request)?;
                set_quota(c, &actor, user, quota)?;
                decide(c, request, RequestState::Approved)
            })
            .await
    }

    pub async fn deny_quota_request(
        &self,
        actor: &User,
        company: i64,
        request: i64,
    ) -> CoreResult<()> {
        let aid = actor.id;
        self.db
            .tx(move |c| {
                pending(c, aid, company, request)?;
                decide(c, request, RequestState::Denied)
            })
            .await
    }
}
