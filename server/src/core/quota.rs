//! Storage quotas: the check every write that adds bytes makes before storing any (uploads,
//! copies, link saves), and the admins' change of users' quotas. The hard quota is the limit;
//! the company's quota caps the sum of its members' storage.

use rusqlite::{Connection, OptionalExtension, params};
use satchel_wire::NodePath;

use super::roles;
use super::users::account_by_id;
use super::{Core, CoreError, CoreResult, User, sizes, tree, upload_limits};

/// Bytes of every file in `user`'s tree (trashed ones included: purging frees them).
pub(crate) fn used_bytes(c: &Connection, user: i64) -> CoreResult<u64> {
    let n: i64 = c.query_row(
        "SELECT COALESCE(SUM(size), 0) FROM nodes WHERE user_id = ?1 AND folder = 0",
        [user],
        |r| r.get(0),
    )?;
    Ok(n as u64)
}

/// Bytes stored by every member of a company.
pub(crate) fn company_used_bytes(c: &Connection, company: i64) -> CoreResult<u64> {
    let n: i64 = c.query_row(
        "SELECT COALESCE(SUM(n.size), 0) FROM nodes n JOIN users u ON u.id = n.user_id \
         WHERE u.company_id = ?1 AND n.folder = 0",
        [company],
        |r| r.get(0),
    )?;
    Ok(n as u64)
}

/// Refuse (402) when `adding` more bytes in `owner`'s tree, `freeing` others (an overwritten
/// file), would pass the owner's hard quota or their company's quota.
pub(crate) fn check_room(c: &Connection, owner: i64, adding: u64, freeing: u64) -> CoreResult<()> {
    room(c, owner, adding, freeing, false)
}

/// Every sum saturates: a declared size near 2^64 must fail the check, never wrap past it.
/// `with_pending` also counts the declared sizes of the open upload sessions into the tree.
fn room(
    c: &Connection,
    owner: i64,
    adding: u64,
    freeing: u64,
    with_pending: bool,
) -> CoreResult<()> {
    let (hard, company): (Option<i64>, i64) = c.query_row(
        "SELECT hard_quota, company_id FROM users WHERE id = ?1",
        [owner],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let company_quota: Option<i64> = c
        .query_row(
            "SELECT quota FROM companies WHERE id = ?1",
            [company],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let after = |used: u64, pending: u64| {
        used.saturating_add(pending)
            .saturating_add(adding)
            .saturating_sub(freeing)
    };
    if let Some(limit) = hard {
        let pending = if with_pending {
            upload_limits::pending_bytes(c, owner)?
        } else {
            0
        };
        if after(used_bytes(c, owner)?, pending) > sizes::stored(limit) {
            return Err(CoreError::QuotaExceeded);
        }
    }
    if let Some(limit) = company_quota {
        let pending = if with_pending {
            upload_limits::company_pending_bytes(c, company)?
        } else {
            0
        };
        if after(company_used_bytes(c, company)?, pending) > sizes::stored(limit) {
            return Err(CoreError::QuotaExceeded);
        }
    }
    Ok(())
}

/// Whose tree a new item at `path` (as `user` sees it) lands in: the mount owner's inside a
/// folder shared with `user`, else `user`'s own.
pub(crate) fn tree_owner(c: &Connection, user: i64, path: &NodePath) -> CoreResult<i64> {
    let Some(first) = path.segments().first() else {
        return Ok(user);
    };
    let top = NodePath::root().join(first);
    Ok(match tree::lookup(c, user, &top)? {
        Some(n) if n.user_id != user => n.user_id,
        _ => user,
    })
}

/// The check for a new file of `size` bytes at `path`: the file it would replace is freed.
pub(crate) fn check_file_room(
    c: &Connection,
    user: i64,
    path: &NodePath,
    size: u64,
    overwrite: bool,
) -> CoreResult<()> {
    file_room(c, user, path, size, overwrite, false)
}

/// The check for a new upload session (or a deduplicated file): like [`check_file_room`], and
/// the sessions still open into the same tree count too, so several sessions each under the
/// quota cannot together reserve more than it.
pub(crate) fn check_session_room(
    c: &Connection,
    user: i64,
    path: &NodePath,
    size: u64,
    overwrite: bool,
) -> CoreResult<()> {
    file_room(c, user, path, size, overwrite, true)
}

fn file_room(
    c: &Connection,
    user: i64,
    path: &NodePath,
    size: u64,
    overwrite: bool,
    with_pending: bool,
) -> CoreResult<()> {
    let owner = tree_owner(c, user, path)?;
    let freeing = match tree::lookup(c, user, path)? {
        Some(n) if overwrite && !n.folder => n.size,
        _ => 0,
    };
    room(c, owner, size, freeing, with_pending)
}

/// Bytes of the live files in a subtree: what copying it adds.
pub(crate) fn live_subtree_bytes(c: &Connection, id: i64) -> CoreResult<u64> {
    let bytes: i64 = c.query_row(
        // UNION (not ALL): each id once, so the walk ends even if the links loop.
        "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION \
         SELECT n.id FROM nodes n JOIN sub ON n.parent_id = sub.id WHERE n.deleted_at IS NULL) \
         SELECT COALESCE(SUM(size), 0) FROM nodes WHERE folder = 0 AND id IN (SELECT id FROM sub)",
        [id],
        |r| r.get(0),
    )?;
    Ok(bytes as u64)
}

/// What a bulk quota change did to one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuotaChange {
    Done,
    NoSuchUser,
    /// The actor may not manage this user (a system admin, for a company admin).
    NotAllowed,
    /// The company's quota is smaller than its members' hard quotas would add up to.
    CompanyQuotaTooSmall,
}

/// Set the quota of one user (`hard` the limit, `soft` shown) unless the hard quotas of the
/// company's members would pass the company's quota.
fn set_one(
    c: &Connection,
    actor: &roles::Actor,
    company: i64,
    user: i64,
    soft: Option<u64>,
    hard: Option<u64>,
) -> CoreResult<QuotaChange> {
    let Ok(target) = account_by_id(c, user) else {
        return Ok(QuotaChange::NoSuchUser);
    };
    if target.company_id != company || target.deleted_at.is_some() {
        return Ok(QuotaChange::NoSuchUser);
    }
    if roles::authorize_user(actor, target.company_id, target.role).is_err() {
        return Ok(QuotaChange::NotAllowed);
    }
    let company_quota: Option<i64> = c.query_row(
        "SELECT quota FROM companies WHERE id = ?1",
        [company],
        |r| r.get(0),
    )?;
    if let (Some(limit), Some(hard)) = (company_quota, hard) {
        let others: i64 = c.query_row(
            "SELECT COALESCE(SUM(hard_quota), 0) FROM users \
             WHERE company_id = ?1 AND id != ?2 AND deleted_at IS NULL AND hard_quota IS NOT NULL",
            params![company, user],
            |r| r.get(0),
        )?;
        if sizes::stored(others).saturating_add(hard) > sizes::stored(limit) {
            return Ok(QuotaChange::CompanyQuotaTooSmall);
        }
    }
    c.execute(
        "UPDATE users SET quota = ?2, hard_quota = ?3 WHERE id = ?1",
        params![
            user,
            sizes::declared_opt("quota_size", soft)?,
            sizes::declared_opt("hard_quota_size", hard)?
        ],
    )?;
    Ok(QuotaChange::Done)
}

/// Set one user's quota (and hard quota) directly: approving a quota request.
pub(crate) fn set_quota(
    c: &Connection,
    actor: &roles::Actor,
    user: i64,
    quota: Option<u64>,
) -> CoreResult<()> {
    let target = account_by_id(c, user)?;
    match set_one(c, actor, target.company_id, user, quota, quota)? {
        QuotaChange::Done => Ok(()),
        QuotaChange::NoSuchUser => Err(CoreError::UnknownEntity(format!("user {user}"))),
        QuotaChange::NotAllowed => Err(CoreError::Forbidden(
            "only the system administrator manages a system administrator".into(),
        )),
        QuotaChange::CompanyQuotaTooSmall => Err(CoreError::InvalidParameters(
            "Company quota need increase.".into(),
        )),
    }
}

impl Core {
    /// Change the quota of several users of `company` (`None` = unlimited; `hard` defaults to
    /// `soft`). Each user succeeds or fails on its own; answers the outcome per user, in order.
    pub async fn change_users_quota(
        &self,
        actor: &User,
        company: i64,
        users: Vec<i64>,
        soft: Option<u64>,
        hard: Option<u64>,
    ) -> CoreResult<Vec<(i64, QuotaChange)>> {
        let aid = actor.id;
        let hard = hard.or(soft);
        self.db
            .tx(move |c| {
                let actor = roles::actor(c, aid)?;
                roles::authorize_company(&actor, company)?;
                let mut out = Vec::new();
                for user in users {
                    out.push((user, set_one(c, &actor, company, user, soft, hard)?));
                }
                Ok(out)
            })
            .await
    }
}
