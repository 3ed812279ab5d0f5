//! Download tickets granted through a public link. A ticket outlives the request that granted
//! it (an hour), so it names its link and redeeming it re-checks that the link still stands:
//! deleted, expired, its item gone or its creator no longer reaching the item in a mount all
//! refuse the ticket. Changing a link's settings drops its tickets (see `links::create_link`).

use rusqlite::{Connection, OptionalExtension, params};
use satchel_wire::NodePath;

use super::{CoreError, CoreResult, nodes, now_ms};

/// Refuse a ticket of link `hash` unless the link is still open to recipients. The download
/// limit is not checked again: granting the ticket counted (and used up) the download.
pub(crate) fn check_still_open(c: &Connection, hash: &str) -> CoreResult<()> {
    let row: Option<(i64, Option<i64>, i64, String)> = c
        .query_row(
            "SELECT node_id, expires, user_id, path FROM links WHERE hash = ?1",
            [hash],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let (node_id, expires, creator, made_at) = row.ok_or(CoreError::LinkNotFound)?;
    check_link_stands(c, node_id, expires, creator, &made_at)?;
    Ok(())
}

/// A link stands while its item is live, its creator still reaches the item where the link
/// was made (inside a mount: not after leaving, being removed, or an unshare), and it has not
/// expired. Answers the item. Opening a link and redeeming its ticket both ask this.
pub(crate) fn check_link_stands(
    c: &Connection,
    node_id: i64,
    expires: Option<i64>,
    creator: i64,
    made_at: &str,
) -> CoreResult<nodes::Node> {
    let node = nodes::by_id(c, node_id)?;
    if !nodes::is_live(c, &node)? {
        return Err(CoreError::LinkNotFound);
    }
    if node.user_id != creator {
        let reached = NodePath::parse(made_at)
            .ok()
            .map(|p| nodes::lookup(c, creator, &p))
            .transpose()?
            .flatten();
        if reached.is_none_or(|n| n.id != node.id || !n.writable) {
            return Err(CoreError::LinkNotFound);
        }
    }
    if expires.is_some_and(|e| e <= now_ms()) {
        return Err(CoreError::LinkExpired);
    }
    Ok(node)
}

/// Count one download of link `hash`, atomically with the limit: two concurrent downloads of a
/// link with one left cannot both pass (a check, then an increment, could).
pub(crate) fn count_download(c: &Connection, hash: &str) -> CoreResult<()> {
    let counted = c.execute(
        "UPDATE links SET downloads = downloads + 1 \
         WHERE hash = ?1 AND (download_max IS NULL OR downloads < download_max)",
        params![hash],
    )?;
    if counted == 0 {
        return Err(CoreError::DownloadLimitReached);
    }
    Ok(())
}

/// Drop the tickets granted through link `hash` (its settings changed).
pub(crate) fn revoke(c: &Connection, hash: &str) -> CoreResult<()> {
    c.execute("DELETE FROM tickets WHERE link_hash = ?1", [hash])?;
    Ok(())
}
