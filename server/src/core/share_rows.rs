//! The `shares` rows' helpers that personal shares (`shares`), group shares (`group_shares`)
//! and groups (`groups`) all need: the folder a share is made on, mount names and hashes, and
//! [`sync`], which turns group shares into one accepted `shares` row per member. Below all
//! three, so each of them depends downward only.

use rusqlite::{Connection, params};
use satchel_wire::{FileName, NodePath};

use super::nodes::{self, Node};
use super::walk;
use super::{CoreError, CoreResult, now_ms};

/// The reference's maximum of numbered mount names (` (1)` … ` (10)`).
const MAX_MOUNT_NUMBER: u32 = 10;

/// The caller's own folder at `path`, which only its owner may manage (a collaborator's path
/// inside a mount: 403).
pub(crate) fn own_folder(c: &Connection, user: i64, path: &NodePath) -> CoreResult<Node> {
    let node = nodes::resolve(c, user, path)?;
    if node.user_id != user {
        return Err(CoreError::Forbidden(format!(
            "only the owner manages the share of {path}"
        )));
    }
    if !node.folder {
        return Err(CoreError::InvalidParameters(format!(
            "only folders are shared: {path}"
        )));
    }
    if path.is_root() {
        return Err(CoreError::InvalidParameters(
            "the root folder cannot be shared".into(),
        ));
    }
    Ok(node)
}

/// The caller's folder at `path`, if it may be shared: not inside (or holding) a folder shared
/// with them, not the root.
pub(crate) fn shareable_folder(c: &Connection, user: i64, path: &NodePath) -> CoreResult<Node> {
    let node = nodes::resolve(c, user, path)?;
    let holds_mount = path.is_root() && !nodes::mounts(c, user)?.is_empty();
    if node.user_id != user || holds_mount {
        return Err(CoreError::SharedRootInside(path.to_string()));
    }
    own_folder(c, user, path)
}

/// A free name for a mount in `user`'s root: `name`, then `name (1)` … `name (10)`.
pub(crate) fn free_mount_name(c: &Connection, user: i64, name: &str) -> CoreResult<String> {
    let root = nodes::resolve(c, user, &NodePath::root())?;
    let base = FileName::parse(name)?;
    let mut candidate = base.clone();
    for n in 0..=MAX_MOUNT_NUMBER {
        if n > 0 {
            candidate = base.numbered(n);
        }
        if nodes::child(c, root.id, candidate.as_str())?.is_none() {
            return Ok(candidate.to_string());
        }
    }
    Err(CoreError::Conflict(format!(
        "no free name for the shared folder {name} (at most {MAX_MOUNT_NUMBER} numbered)"
    )))
}

/// The nearest share root at or above `node` (in its owner's tree).
pub(crate) fn share_root(c: &Connection, node: &Node) -> CoreResult<Option<Node>> {
    let mut current = Some(node.clone());
    let mut steps = walk::Steps::from(node.id);
    while let Some(n) = current {
        if n.shared {
            return Ok(Some(n));
        }
        steps.step()?;
        current = n.parent_id.map(|p| nodes::by_id(c, p)).transpose()?;
    }
    Ok(None)
}

pub(crate) fn new_hash() -> String {
    format!("{}{}", super::random_id(), &super::random_id()[..8])
}

/// Bring every group-made `shares` row in line with `group_shares` and `group_members`.
pub(crate) fn sync(c: &Connection) -> CoreResult<()> {
    let now = now_ms();
    // Rows whose member left the group, whose group or group share ended, or who own the
    // folder now (a handover).
    let stale: Vec<(i64, i64)> = {
        let mut stmt = c.prepare(
            "SELECT s.id, s.member_id FROM shares s WHERE s.group_id IS NOT NULL AND (NOT EXISTS ( \
               SELECT 1 FROM group_shares gs JOIN group_members gm ON gm.group_id = gs.group_id \
               WHERE gs.node_id = s.node_id AND gs.group_id = s.group_id AND gm.user_id = s.member_id) \
             OR s.member_id = (SELECT user_id FROM nodes WHERE id = s.node_id))",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?
    };
    for (id, member) in &stale {
        c.execute("DELETE FROM shares WHERE id = ?1", [id])?;
        bump_root(c, *member, now)?;
    }
    // Members without the folder yet.
    let missing: Vec<(i64, i64, i64, i64, bool)> = {
        let mut stmt = c.prepare(
            "SELECT gs.node_id, gs.group_id, n.user_id, gm.user_id, gs.writer \
             FROM group_shares gs JOIN group_members gm ON gm.group_id = gs.group_id \
             JOIN nodes n ON n.id = gs.node_id \
             WHERE gm.user_id != n.user_id AND NOT EXISTS ( \
               SELECT 1 FROM shares s WHERE s.node_id = gs.node_id AND s.member_id = gm.user_id) \
             ORDER BY gs.created, gm.user_id",
        )?;
        stmt.query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<Result<_, _>>()?
    };
    for (node_id, group, owner, member, writer) in missing {
        let node = nodes::by_id(c, node_id)?;
        let name = free_mount_name(c, member, &node.name)?;
        c.execute(
            "INSERT INTO shares (node_id, owner_id, member_id, writer, status, hash, mount_name, created, group_id) \
             VALUES (?1, ?2, ?3, ?4, 'accepted', ?5, ?6, ?7, ?8)",
            params![node_id, owner, member, writer, new_hash(), name, now, group],
        )?;
        bump_root(c, member, now)?;
    }
    Ok(())
}

/// A member's root listing changed (a mount came or went).
fn bump_root(c: &Connection, user: i64, now: i64) -> CoreResult<()> {
    let root = nodes::resolve(c, user, &NodePath::root())?;
    nodes::bump(c, root.id, now)
}
