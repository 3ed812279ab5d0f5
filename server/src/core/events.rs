//! The activity feed (`events/`). Every core operation that changes something records one event
//! with [`record`], inside its own transaction. An event keeps the node id (and, for renames and
//! moves, where the node was), so each reader gets paths in their own tree: the owner's path, or
//! a collaborator's path through their mount, or none when the reader cannot reach it any more.
//!
//! Who sees an event: the item's owner, accepted collaborators of a share containing the item,
//! and for `mention` / `task_assigned` the mentioned or assigned user.

use rusqlite::{Connection, OptionalExtension, params};
use satchel_wire::{FileName, NodePath};

use super::tree::{self, by_id};
use super::{Core, CoreError, CoreResult, User, now_ms};

/// What happened. File and folder variants of the tree events are picked by the node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Created,
    NewContent,
    Deleted,
    Undeleted,
    Renamed,
    Moved,
    VersionRestored,
    ShareInvitationSent,
    ShareAccepted,
    CommentAdded,
    Mention,
    TaskAssigned,
    TaskStatusChanged,
}

/// Every type name `events/` may answer (and accepts in `type`).
pub const TYPES: &[&str] = &[
    "file_created",
    "file_deleted",
    "file_undeleted",
    "file_new_content",
    "file_version_restored",
    "file_renamed",
    "file_moved",
    "folder_created",
    "folder_deleted",
    "folder_undeleted",
    "folder_renamed",
    "folder_moved",
    "share_invitation_sent",
    "share_accepted",
    "comment_added",
    "mention",
    "task_assigned",
    "task_status_changed",
];

impl Kind {
    fn name(self, folder: bool) -> &'static str {
        use Kind::*;
        let (file, dir) = match self {
            Created => ("file_created", "folder_created"),
            NewContent => ("file_new_content", "file_new_content"),
            Deleted => ("file_deleted", "folder_deleted"),
            Undeleted => ("file_undeleted", "folder_undeleted"),
            Renamed => ("file_renamed", "folder_renamed"),
            Moved => ("file_moved", "folder_moved"),
            VersionRestored => ("file_version_restored", "file_version_restored"),
            ShareInvitationSent => return "share_invitation_sent",
            ShareAccepted => return "share_accepted",
            CommentAdded => return "comment_added",
            Mention => return "mention",
            TaskAssigned => return "task_assigned",
            TaskStatusChanged => return "task_status_changed",
        };
        if folder { dir } else { file }
    }
}

/// The optional parts of an event.
#[derive(Debug, Clone, Default)]
pub struct Extra {
    /// Renames and moves: the folder and name the node had before.
    pub old: Option<(i64, String)>,
    /// `mention` / `task_assigned`: who is mentioned or assigned (they see the event).
    pub target: Option<i64>,
    pub text: Option<String>,
}

/// Record that `actor` did `kind` to the node `node_id` (as it is now).
pub(crate) fn record(
    c: &Connection,
    kind: Kind,
    actor: i64,
    node_id: i64,
    extra: Extra,
) -> CoreResult<()> {
    let n = by_id(c, node_id)?;
    let (old_parent, old_name) = match extra.old {
        Some((p, name)) => (Some(p), Some(name)),
        None => (None, None),
    };
    c.execute(
        "INSERT INTO events (kind, timestamp, node_id, owner_id, actor, target_user, parent_id, name, \
         old_parent_id, old_name, version, size, created, modified, text) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            kind.name(n.folder),
            now_ms(),
            n.id,
            n.user_id,
            actor,
            extra.target,
            n.parent_id,
            n.name,
            old_parent,
            old_name,
            n.version,
            n.size as i64,
            n.created,
            n.modified,
            extra.text,
        ],
    )?;
    Ok(())
}

/// What `events/` asks for.
#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    pub skip: usize,
    pub limit: usize,
    /// Type names (any of them); empty = all.
    pub types: Vec<String>,
    /// `Some(true)`: only mine; `Some(false)`: only others'.
    pub mine: Option<bool>,
    pub from: Option<i64>,
    pub to: Option<i64>,
}

/// One event as a reader sees it.
#[derive(Debug, Clone)]
pub struct Event {
    pub id: i64,
    pub kind: String,
    pub timestamp: i64,
    pub path: Option<NodePath>,
    pub oldpath: Option<NodePath>,
    pub actor: i64,
    pub actor_name: String,
    pub owner: i64,
    pub version: i64,
    pub size: u64,
    pub created: i64,
    pub modified: i64,
    pub text: Option<String>,
    pub target: Option<i64>,
}

/// `name` inside the folder `parent`, as `user` reaches it.
fn path_in(
    c: &Connection,
    user: i64,
    parent: Option<i64>,
    name: &str,
) -> CoreResult<Option<NodePath>> {
    let Some(parent) = parent else {
        return Ok(None);
    };
    let (Some(dir), Ok(name)) = (tree::path_for(c, user, parent)?, FileName::parse(name)) else {
        return Ok(None);
    };
    Ok(Some(dir.join(&name)))
}

impl Core {
    /// Newest first.
    pub async fn events(&self, user: &User, q: EventQuery) -> CoreResult<Vec<Event>> {
        for t in &q.types {
            if !TYPES.contains(&t.as_str()) {
                return Err(CoreError::InvalidParameters(format!(
                    "parameter type: unknown event type {t:?}"
                )));
            }
        }
        let uid = user.id;
        self.db
            .read(move |c| {
                let types = format!(",{},", q.types.join(","));
                let mut stmt = c.prepare(
                    "WITH RECURSIVE shared(id) AS ( \
                       SELECT node_id FROM shares WHERE member_id = ?1 AND status = 'accepted' \
                       UNION SELECT n.id FROM nodes n JOIN shared ON n.parent_id = shared.id) \
                     SELECT e.id, e.kind, e.timestamp, e.node_id, e.actor, COALESCE(u.name, ''), \
                       COALESCE((SELECT user_id FROM nodes WHERE id = e.node_id), e.owner_id), \
                       e.parent_id, e.name, e.old_parent_id, e.old_name, e.version, e.size, \
                       e.created, e.modified, e.text, e.target_user \
                     FROM events e LEFT JOIN users u ON u.id = e.actor \
                     WHERE (COALESCE((SELECT user_id FROM nodes WHERE id = e.node_id), e.owner_id) = ?1 \
                       OR (e.target_user = ?1 AND e.kind IN ('mention', 'task_assigned')) \
                       OR e.node_id IN (SELECT id FROM shared) \
                       OR e.parent_id IN (SELECT id FROM shared)) \
                     AND (?2 = ',,' OR instr(?2, ',' || e.kind || ',') > 0) \
                     AND (?3 IS NULL OR (?3 = 1 AND e.actor = ?1) OR (?3 = 0 AND e.actor <> ?1)) \
                     AND (?4 IS NULL OR e.timestamp >= ?4) AND (?5 IS NULL OR e.timestamp <= ?5) \
                     ORDER BY e.timestamp DESC, e.id DESC LIMIT ?6 OFFSET ?7",
                )?;
                type Row = (
                    i64,
                    String,
                    i64,
                    i64,
                    i64,
                    String,
                    i64,
                    Option<i64>,
                    String,
                    Option<i64>,
                    Option<String>,
                    i64,
                    i64,
                    i64,
                    i64,
                    Option<String>,
                    Option<i64>,
                );
                let rows: Vec<Row> = stmt
                    .query_map(
                        params![
                            uid,
                            types,
                            q.mine,
                            q.from,
                            q.to,
                            q.limit as i64,
                            q.skip as i64
                        ],
                        |r| {
                            Ok((
                                r.get(0)?,
                                r.get(1)?,
                                r.get(2)?,
                                r.get(3)?,
                                r.get(4)?,
                                r.get(5)?,
                                r.get(6)?,
                                r.get(7)?,
                                r.get(8)?,
                                r.get(9)?,
                                r.get(10)?,
                                r.get(11)?,
                                r.get(12)?,
                                r.get(13)?,
                                r.get(14)?,
                                r.get(15)?,
                                r.get(16)?,
                            ))
                        },
                    )?
                    .collect::<Result<_, _>>()?;
                let mut out = Vec::new();
                for (
                    id,
                    kind,
                    timestamp,
                    node,
                    actor,
                    actor_name,
                    owner,
                    parent,
                    name,
                    old_parent,
                    old_name,
                    version,
                    size,
                    created,
                    modified,
                    text,
                    target,
                ) in rows
                {
                    // A deleted item is named where it was; anything else where it is now.
                    let path = if kind.ends_with("_deleted") {
                        match tree::path_for(c, uid, node)? {
                            Some(p) => Some(p),
                            None => path_in(c, uid, parent, &name)?,
                        }
                    } else {
                        tree::path_for(c, uid, node)?
                    };
                    let oldpath = match old_name {
                        Some(old) => path_in(c, uid, old_parent, &old)?,
                        None => None,
                    };
                    out.push(Event {
                        id,
                        kind,
                        timestamp,
                        path,
                        oldpath,
                        actor,
                        actor_name,
                        owner,
                        version,
                        size: size as u64,
                        created,
                        modified,
                        text,
                        target,
                    });
                }
                Ok(out)
            })
            .await
    }
}

/// Does `user` reach the node at all (owner or collaborator)?
pub(crate) fn can_see(c: &Connection, user: i64, node: i64) -> CoreResult<bool> {
    Ok(tree::path_for(c, user, node)?.is_some())
}

/// The user id behind a login (bare or typed), if any.
pub(crate) fn user_id_by_login(c: &Connection, login: &str) -> CoreResult<Option<(i64, String)>> {
    Ok(c.query_row(
        "SELECT id, login FROM users WHERE login = ?1",
        [super::users::bare_login(login)],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?)
}
