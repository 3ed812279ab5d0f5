//! What bounds an upload before its bytes arrive: which content may be deduplicated without
//! sending it, how many sessions a user may keep open, what their declared sizes reserve of the
//! quota, and how many more bytes a session may still receive.

use rusqlite::{Connection, params};

use super::sizes::stored;
use super::{CoreError, CoreResult};
use crate::store::BlobKey;

/// Open (unconfirmed, uncancelled) upload sessions one user may hold at once.
pub const MAX_OPEN_SESSIONS: u64 = 100;

/// Whether `user` may have `key` deduplicated without sending its bytes: only content the user
/// can already read from their own tree (a current or old version, trashed ones included since
/// they own them). Anything else must be uploaded, so an MD5 and a size are never enough to
/// obtain someone else's file, nor to learn that it exists. (Storage is still shared: the
/// uploaded bytes are verified, then land on the existing blob.)
pub(crate) fn may_deduplicate(c: &Connection, user: i64, key: &BlobKey) -> CoreResult<bool> {
    Ok(c.query_row(
        "SELECT EXISTS(SELECT 1 FROM versions v JOIN nodes n ON n.id = v.node_id \
         WHERE n.user_id = ?1 AND v.md5 = ?2 AND v.size = ?3)",
        params![user, key.md5, super::sizes::declared("size", key.size)?],
        |r| r.get(0),
    )?)
}

/// Refuse a new session once `user` holds [`MAX_OPEN_SESSIONS`]: each one reserves disk space.
pub(crate) fn check_open_sessions(c: &Connection, user: i64) -> CoreResult<()> {
    let open: i64 = c.query_row(
        "SELECT COUNT(*) FROM uploads WHERE user_id = ?1",
        [user],
        |r| r.get(0),
    )?;
    if stored(open) >= MAX_OPEN_SESSIONS {
        return Err(CoreError::InvalidParameters(format!(
            "too many unfinished uploads (at most {MAX_OPEN_SESSIONS}): confirm or cancel some first"
        )));
    }
    Ok(())
}

/// Saturating sum of a column of sizes (SQL `SUM` would fail on an i64 overflow).
fn sum(c: &Connection, sql: &str, key: i64) -> CoreResult<u64> {
    let mut stmt = c.prepare(sql)?;
    let sizes = stmt.query_map([key], |r| r.get::<_, i64>(0))?;
    let mut total = 0u64;
    for size in sizes {
        total = total.saturating_add(stored(size?));
    }
    Ok(total)
}

/// Declared sizes of the open sessions that will land in `owner`'s tree.
pub(crate) fn pending_bytes(c: &Connection, owner: i64) -> CoreResult<u64> {
    sum(
        c,
        "SELECT size FROM uploads WHERE COALESCE(owner_id, user_id) = ?1",
        owner,
    )
}

/// Declared sizes of the open sessions that will land in the trees of `company`'s members.
pub(crate) fn company_pending_bytes(c: &Connection, company: i64) -> CoreResult<u64> {
    sum(
        c,
        "SELECT p.size FROM uploads p JOIN users u ON u.id = COALESCE(p.owner_id, p.user_id) \
         WHERE u.company_id = ?1",
        company,
    )
}

/// How many more bytes part `part_num` of a session declared as `declared` bytes may hold:
/// the parts already received (other than this one, which a retry replaces) use the rest.
pub(crate) fn room_left(
    c: &Connection,
    temp_path: &str,
    part_num: u32,
    declared: u64,
) -> CoreResult<u64> {
    let mut stmt = c.prepare(
        "SELECT size FROM upload_parts \
         WHERE temp_path = ?1 AND part_num != ?2 AND md5 IS NOT NULL AND size IS NOT NULL",
    )?;
    let sizes = stmt.query_map(params![temp_path, part_num], |r| r.get::<_, i64>(0))?;
    let mut received = 0u64;
    for size in sizes {
        received = received.saturating_add(stored(size?));
    }
    Ok(declared.saturating_sub(received))
}
