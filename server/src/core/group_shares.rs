//! Folders shared with a group. A group share is one `group_shares` row; [`sync`] turns it into
//! one accepted `shares` row per member (tagged with the group), so a member's mount resolves
//! exactly like a personal share in `nodes::child`. Every change to membership, to group shares
//! or to groups calls [`sync`] in the same transaction: members get the folder without
//! accepting, members added later get it, removed members lose it.
//!
//! A member who already has the folder (personally or through another group) keeps that row; a
//! member who leaves a group mount gets it back at the next sync (a group share is the admin's
//! decision, not the member's).

use rusqlite::{Connection, params};
use satchel_wire::NodePath;

use super::groups::{self, Group};
use super::nodes::{self};
use super::roles;
use super::shares::{free_mount_name, new_hash, own_folder, share_root, shareable_folder};
use super::{Core, CoreError, CoreResult, User, now_ms};

/// A group a folder is shared with, as `shares/collaborators/` lists it.
#[derive(Debug, Clone)]
pub struct GroupCollaborator {
    pub group_id: i64,
    pub name: String,
    pub writer: bool,
    /// The share was made on an ancestor of the asked path.
    pub is_indirect: bool,
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

/// The group, if the folder's owner may share with it: a group of their own company.
fn shareable_group(c: &Connection, owner: i64, group: i64) -> CoreResult<Group> {
    let actor = roles::actor(c, owner)?;
    let g = groups::group_by_id(c, group)?;
    if g.company_id != actor.company_id {
        return Err(CoreError::GroupForbidden);
    }
    Ok(g)
}

impl Core {
    /// Share the folder at `path` with every member of `group`, now and later. Sharing again
    /// changes nothing (answers `None`).
    pub async fn share_with_group(
        &self,
        owner: &User,
        path: NodePath,
        group: i64,
        writer: bool,
    ) -> CoreResult<Option<Group>> {
        let uid = owner.id;
        self.db
            .tx(move |c| {
                let node = shareable_folder(c, uid, &path)?;
                let g = shareable_group(c, uid, group)?;
                let n = c.execute(
                    "INSERT OR IGNORE INTO group_shares (node_id, group_id, owner_id, writer, created) \
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![node.id, group, uid, writer, now_ms()],
                )?;
                if n == 0 {
                    return Ok(None);
                }
                if let Some(parent) = node.parent_id {
                    nodes::bump(c, parent, now_ms())?;
                }
                sync(c)?;
                Ok(Some(g))
            })
            .await
    }

    /// Change the rights of a group on a folder shared with it (and of its members' mounts).
    pub async fn group_share_update(
        &self,
        owner: &User,
        path: NodePath,
        group: i64,
        writer: bool,
    ) -> CoreResult<()> {
        let uid = owner.id;
        self.db
            .tx(move |c| {
                let node = own_folder(c, uid, &path)?;
                let n = c.execute(
                    "UPDATE group_shares SET writer = ?3 WHERE node_id = ?1 AND group_id = ?2",
                    params![node.id, group, writer],
                )?;
                if n == 0 {
                    return Err(CoreError::UnknownEntity(format!("group {group} on {path}")));
                }
                c.execute(
                    "UPDATE shares SET writer = ?3 WHERE node_id = ?1 AND group_id = ?2",
                    params![node.id, group, writer],
                )?;
                Ok(())
            })
            .await
    }

    /// Stop sharing a folder with a group: its members' mounts go.
    pub async fn group_share_remove(
        &self,
        owner: &User,
        path: NodePath,
        group: i64,
    ) -> CoreResult<()> {
        let uid = owner.id;
        self.db
            .tx(move |c| {
                let node = own_folder(c, uid, &path)?;
                let n = c.execute(
                    "DELETE FROM group_shares WHERE node_id = ?1 AND group_id = ?2",
                    params![node.id, group],
                )?;
                if n == 0 {
                    return Err(CoreError::UnknownEntity(format!("group {group} on {path}")));
                }
                if let Some(parent) = node.parent_id {
                    nodes::bump(c, parent, now_ms())?;
                }
                sync(c)
            })
            .await
    }

    /// The groups the share `path` is in is shared with; visible to whoever may see its
    /// collaborators (the path must resolve for them).
    pub async fn group_collaborators(
        &self,
        user: &User,
        path: NodePath,
    ) -> CoreResult<Vec<GroupCollaborator>> {
        let uid = user.id;
        self.db
            .read(move |c| {
                let node = nodes::resolve(c, uid, &path)?;
                let Some(root) = share_root(c, &node)? else {
                    return Ok(Vec::new());
                };
                let mut stmt = c.prepare(
                    "SELECT g.id, g.name, gs.writer FROM group_shares gs \
                     JOIN user_groups g ON g.id = gs.group_id WHERE gs.node_id = ?1 ORDER BY g.name",
                )?;
                let rows = stmt.query_map([root.id], |r| {
                    Ok(GroupCollaborator {
                        group_id: r.get(0)?,
                        name: r.get(1)?,
                        writer: r.get(2)?,
                        is_indirect: root.id != node.id,
                    })
                })?;
                Ok(rows.collect::<Result<_, _>>()?)
            })
            .await
    }
}
