//! Folders shared with a group. A group share is one `group_shares` row; [`sync`] (in `share_rows`) turns it into
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
use super::share_rows::{own_folder, share_root, shareable_folder, sync};
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
