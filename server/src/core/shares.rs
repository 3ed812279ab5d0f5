//! Collaborator shares: an owner offers one of their folders to another user (an invitation
//! with a hash); once accepted, the folder is mounted at the top of the member's tree under its
//! name. The mount is resolved by [`nodes::child`] (the one place a path walk enters another
//! tree) and writes are refused by [`nodes::check_writable`] unless the member is a writer.
//! Everything else here manages the `shares` rows (group shares: `group_shares`).

use rusqlite::{Connection, OptionalExtension, params};
use satchel_wire::{FileName, NodePath};

use super::events::{self, Extra, Kind};
use super::nodes::{self, Entry};
use super::share_rows::{
    self, free_mount_name, new_hash, own_folder, share_root, shareable_folder,
};
use super::users::{bare_login, user_by_login};
use super::{Core, CoreError, CoreResult, User, now_ms};

/// `shares/add/`'s answer.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub hash: String,
    pub member: User,
    pub writer: bool,
}

/// A line of `shares/collaborators/`.
#[derive(Debug, Clone)]
pub struct Collaborator {
    pub user: User,
    pub writer: bool,
    /// `owner`, `invited` or `accepted`.
    pub status: String,
    pub is_indirect: bool,
}

/// Where a collaborator stands: removing one is a different request in each state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberState {
    Invited,
    Accepted,
}

impl MemberState {
    /// The value in the `shares.status` column.
    fn as_db(self) -> &'static str {
        match self {
            MemberState::Invited => "invited",
            MemberState::Accepted => "accepted",
        }
    }
}

/// A pending invitation, as the invited user sees it.
#[derive(Debug, Clone)]
pub struct Invite {
    pub hash: String,
    pub name: String,
    pub owner: i64,
    pub owner_name: String,
    pub writer: bool,
    pub created: i64,
    pub invitation: Option<String>,
}

/// A folder I share.
#[derive(Debug, Clone)]
pub struct MyShare {
    pub path: NodePath,
    pub name: String,
    pub collaborators: u64,
}

/// A folder shared with me, mounted in my tree.
#[derive(Debug, Clone)]
pub struct OtherShare {
    pub path: NodePath,
    pub name: String,
    pub owner: i64,
    pub owner_name: String,
    pub writer: bool,
}

pub(crate) fn user_by_id(c: &Connection, id: i64) -> CoreResult<User> {
    Ok(c.query_row(
        "SELECT id, login, name FROM users WHERE id = ?1",
        [id],
        User::from_row,
    )?)
}

/// A member named by login (`email:`/`login:` typed or bare) or by user id.
fn member(c: &Connection, login: &str) -> CoreResult<User> {
    if let Some((u, _)) = user_by_login(c, bare_login(login))? {
        return Ok(u);
    }
    if let Ok(id) = login.parse::<i64>()
        && let Ok(u) = user_by_id(c, id)
    {
        return Ok(u);
    }
    Err(CoreError::NotFound(format!("user {login}")))
}

impl Core {
    /// Invite `login` to the folder at `path`. `None`: already a collaborator (nothing changes).
    pub async fn share_add(
        &self,
        owner: &User,
        path: NodePath,
        login: String,
        writer: bool,
        invitation: Option<String>,
    ) -> CoreResult<Option<Invitation>> {
        let uid = owner.id;
        self.db
            .tx(move |c| {
                let node = shareable_folder(c, uid, &path)?;
                let member = member(c, &login)?;
                if member.id == uid {
                    return Err(CoreError::Conflict("you cannot share with yourself".into()));
                }
                let exists: bool = c.query_row(
                    "SELECT EXISTS(SELECT 1 FROM shares WHERE node_id = ?1 AND member_id = ?2)",
                    params![node.id, member.id],
                    |r| r.get(0),
                )?;
                if exists {
                    return Ok(None);
                }
                let hash = new_hash();
                c.execute(
                    "INSERT INTO shares (node_id, owner_id, member_id, writer, status, hash, invitation, created) \
                     VALUES (?1, ?2, ?3, ?4, 'invited', ?5, ?6, ?7)",
                    params![node.id, uid, member.id, writer, hash, invitation, now_ms()],
                )?;
                if let Some(parent) = node.parent_id {
                    nodes::bump(c, parent, now_ms())?;
                }
                let extra = Extra {
                    text: Some(member.login.clone()),
                    ..Extra::default()
                };
                events::record(c, Kind::ShareInvitationSent, uid, node.id, extra)?;
                Ok(Some(Invitation { hash, member, writer }))
            })
            .await
    }

    /// The owner, then every collaborator of the share `path` is in (the owner's path or a
    /// mount path). Only the owner and accepted collaborators see it.
    pub async fn collaborators(
        &self,
        user: &User,
        path: NodePath,
    ) -> CoreResult<Vec<Collaborator>> {
        let uid = user.id;
        self.db
            .read(move |c| {
                let node = nodes::resolve(c, uid, &path)?;
                let owner = user_by_id(c, node.user_id)?;
                let mut out = vec![Collaborator {
                    user: owner,
                    writer: true,
                    status: "owner".into(),
                    is_indirect: false,
                }];
                let Some(root) = share_root(c, &node)? else {
                    return Ok(out);
                };
                let mut stmt = c.prepare(
                    // Group members are listed as their group (see `group_shares`).
                    "SELECT member_id, writer, status FROM shares WHERE node_id = ?1 AND group_id IS NULL ORDER BY id",
                )?;
                let rows: Vec<(i64, bool, String)> = stmt
                    .query_map([root.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect::<Result<_, _>>()?;
                for (member, writer, status) in rows {
                    out.push(Collaborator {
                        user: user_by_id(c, member)?,
                        writer,
                        status,
                        is_indirect: root.id != node.id,
                    });
                }
                Ok(out)
            })
            .await
    }

    /// Change a collaborator's (or an invitee's) rights.
    pub async fn share_update(
        &self,
        owner: &User,
        path: NodePath,
        login: String,
        writer: bool,
    ) -> CoreResult<()> {
        let uid = owner.id;
        self.db
            .tx(move |c| {
                let node = own_folder(c, uid, &path)?;
                let member = member(c, &login)?;
                let n = c.execute(
                    "UPDATE shares SET writer = ?3 WHERE node_id = ?1 AND member_id = ?2 AND group_id IS NULL",
                    params![node.id, member.id, writer],
                )?;
                if n == 0 {
                    return Err(CoreError::NotFound(format!("collaborator {login}")));
                }
                Ok(())
            })
            .await
    }

    /// `shares/remove/` (status `accepted`) and `shares/uninvite/` (status `invited`).
    pub async fn share_remove(
        &self,
        owner: &User,
        path: NodePath,
        login: String,
        state: MemberState,
    ) -> CoreResult<()> {
        let status = state.as_db();
        let uid = owner.id;
        self.db
            .tx(move |c| {
                let node = own_folder(c, uid, &path)?;
                let member = member(c, &login)?;
                let n = c.execute(
                    "DELETE FROM shares WHERE node_id = ?1 AND member_id = ?2 AND status = ?3 \
                     AND group_id IS NULL",
                    params![node.id, member.id, status],
                )?;
                if n == 0 {
                    return Err(CoreError::NotFound(format!(
                        "{status} collaborator {login}"
                    )));
                }
                // Still in a group the folder is shared with: mounted through the group now.
                share_rows::sync(c)?;
                if let Some(parent) = node.parent_id {
                    nodes::bump(c, parent, now_ms())?;
                }
                Ok(())
            })
            .await
    }

    /// Remove every collaborator and invitation.
    pub async fn unshare(&self, owner: &User, path: NodePath) -> CoreResult<()> {
        let uid = owner.id;
        self.db
            .tx(move |c| {
                let node = own_folder(c, uid, &path)?;
                c.execute("DELETE FROM shares WHERE node_id = ?1", [node.id])?;
                c.execute("DELETE FROM group_shares WHERE node_id = ?1", [node.id])?;
                if let Some(parent) = node.parent_id {
                    nodes::bump(c, parent, now_ms())?;
                }
                Ok(())
            })
            .await
    }

    /// My pending invitations, newest first.
    pub async fn invites(&self, user: &User) -> CoreResult<Vec<Invite>> {
        let uid = user.id;
        self.db
            .read(move |c| {
                let mut stmt = c.prepare(
                    "SELECT s.hash, n.name, s.owner_id, u.name, s.writer, s.created, s.invitation FROM shares s \
                     JOIN nodes n ON n.id = s.node_id JOIN users u ON u.id = s.owner_id \
                     WHERE s.member_id = ?1 AND s.status = 'invited' AND n.deleted_at IS NULL \
                     ORDER BY s.created DESC, s.id DESC",
                )?;
                let rows = stmt.query_map([uid], |r| {
                    Ok(Invite {
                        hash: r.get(0)?,
                        name: r.get(1)?,
                        owner: r.get(2)?,
                        owner_name: r.get(3)?,
                        writer: r.get(4)?,
                        created: r.get(5)?,
                        invitation: r.get(6)?,
                    })
                })?;
                Ok(rows.collect::<Result<_, _>>()?)
            })
            .await
    }

    /// Accept an invitation: the folder is mounted in my root (numbered on a clash).
    pub async fn share_accept(&self, user: &User, hash: String) -> CoreResult<Entry> {
        let uid = user.id;
        self.db
            .tx(move |c| {
                let node_id: i64 = c
                    .query_row(
                        "SELECT node_id FROM shares WHERE hash = ?1 AND member_id = ?2 AND status = 'invited'",
                        params![hash, uid],
                        |r| r.get(0),
                    )
                    .optional()?
                    .ok_or_else(|| CoreError::NotFound(format!("invitation {hash}")))?;
                let node = nodes::by_id(c, node_id)?;
                let name = free_mount_name(c, uid, &node.name)?;
                c.execute(
                    "UPDATE shares SET status = 'accepted', mount_name = ?2 WHERE hash = ?1",
                    params![hash, name],
                )?;
                let root = nodes::resolve(c, uid, &NodePath::root())?;
                nodes::bump(c, root.id, now_ms())?;
                events::record(c, Kind::ShareAccepted, uid, node.id, Extra::default())?;
                let path = NodePath::root().join(&FileName::parse(&name)?);
                Ok(Entry {
                    node: nodes::resolve(c, uid, &path)?,
                    path,
                })
            })
            .await
    }

    pub async fn share_decline(&self, user: &User, hash: String) -> CoreResult<()> {
        let uid = user.id;
        self.db
            .tx(move |c| {
                let n = c.execute(
                    "DELETE FROM shares WHERE hash = ?1 AND member_id = ?2 AND status = 'invited'",
                    params![hash, uid],
                )?;
                if n == 0 {
                    return Err(CoreError::NotFound(format!("invitation {hash}")));
                }
                Ok(())
            })
            .await
    }

    /// Folders I share (with at least one collaborator or invitation), by path.
    pub async fn my_shares(&self, user: &User) -> CoreResult<Vec<MyShare>> {
        let uid = user.id;
        self.db
            .read(move |c| {
                // People shared with one by one, plus groups (counted once each).
                let mut stmt = c.prepare(
                    "SELECT x.node_id, COUNT(*) FROM ( \
                       SELECT node_id FROM shares WHERE owner_id = ?1 AND group_id IS NULL \
                       UNION ALL SELECT node_id FROM group_shares WHERE owner_id = ?1) x \
                     JOIN nodes n ON n.id = x.node_id WHERE n.deleted_at IS NULL GROUP BY x.node_id",
                )?;
                let rows: Vec<(i64, i64)> = stmt
                    .query_map([uid], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<Result<_, _>>()?;
                let mut out = Vec::new();
                for (id, n) in rows {
                    let path = nodes::path_of(c, id)?;
                    out.push(MyShare {
                        name: path.name().map(|n| n.to_string()).unwrap_or_default(),
                        path,
                        collaborators: n as u64,
                    });
                }
                out.sort_by_key(|a| a.path.to_string());
                Ok(out)
            })
            .await
    }

    /// Folders shared with me, as mounted in my root.
    pub async fn other_shares(&self, user: &User) -> CoreResult<Vec<OtherShare>> {
        let uid = user.id;
        self.db
            .read(move |c| {
                let mut stmt = c.prepare(
                    "SELECT s.mount_name, s.owner_id, u.name, s.writer FROM shares s \
                     JOIN users u ON u.id = s.owner_id JOIN nodes n ON n.id = s.node_id \
                     WHERE s.member_id = ?1 AND s.status = 'accepted' AND n.deleted_at IS NULL \
                     ORDER BY s.mount_name",
                )?;
                let rows: Vec<(String, i64, String, bool)> = stmt
                    .query_map([uid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                    .collect::<Result<_, _>>()?;
                let mut out = Vec::new();
                for (name, owner, owner_name, writer) in rows {
                    let path = NodePath::root().join(&FileName::parse(&name)?);
                    out.push(OtherShare {
                        path,
                        name,
                        owner,
                        owner_name,
                        writer,
                    });
                }
                Ok(out)
            })
            .await
    }

    /// Hand the shared folder at `path` over to an accepted collaborator: it moves into their
    /// tree where their mount was, and the old owner becomes a writer with a mount of it.
    pub async fn handover(&self, owner: &User, path: NodePath, login: String) -> CoreResult<()> {
        let uid = owner.id;
        self.db
            .tx(move |c| {
                let node = own_folder(c, uid, &path)?;
                let member = member(c, &login)?;
                let mount_name: String = c
                    .query_row(
                        "SELECT mount_name FROM shares WHERE node_id = ?1 AND member_id = ?2 AND status = 'accepted'",
                        params![node.id, member.id],
                        |r| r.get(0),
                    )
                    .optional()?
                    .ok_or_else(|| CoreError::NotFound(format!("accepted collaborator {login}")))?;
                let now = now_ms();
                c.execute(
                    "DELETE FROM shares WHERE node_id = ?1 AND member_id = ?2",
                    params![node.id, member.id],
                )?;
                let new_root = nodes::resolve(c, member.id, &NodePath::root())?;
                // The whole subtree (trashed items inside included) changes trees.
                c.execute(
                    // UNION (not ALL): each id once, so the walk ends even if the links loop.
                    "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION \
                     SELECT n.id FROM nodes n JOIN sub ON n.parent_id = sub.id) \
                     UPDATE nodes SET user_id = ?2 WHERE id IN (SELECT id FROM sub)",
                    params![node.id, member.id],
                )?;
                c.execute(
                    "UPDATE nodes SET parent_id = ?2, name = ?3 WHERE id = ?1",
                    params![node.id, new_root.id, mount_name],
                )?;
                c.execute(
                    "UPDATE shares SET owner_id = ?2 WHERE node_id = ?1",
                    params![node.id, member.id],
                )?;
                c.execute(
                    "UPDATE group_shares SET owner_id = ?2 WHERE node_id = ?1",
                    params![node.id, member.id],
                )?;
                if let Some(parent) = node.parent_id {
                    nodes::bump(c, parent, now)?;
                }
                nodes::bump(c, new_root.id, now)?;
                let name = free_mount_name(c, uid, &node.name)?;
                c.execute(
                    "INSERT INTO shares (node_id, owner_id, member_id, writer, status, hash, mount_name, created) \
                     VALUES (?1, ?2, ?3, 1, 'accepted', ?4, ?5, ?6)",
                    params![node.id, member.id, uid, new_hash(), name, now],
                )?;
                share_rows::sync(c)?;
                Ok(())
            })
            .await
    }
}
