//! The trash: every node with `deleted_at` set is one trash item (a deleted folder is one item;
//! its subtree stays attached to it and comes back with it). Items are named by their node id.
//! Restoring puts a node back at the path it was deleted from; purging removes it for good and
//! frees every blob that no live file, trashed file or version still uses.

use md5::{Digest, Md5};
use rusqlite::{Connection, OptionalExtension, params};
use satchel_wire::NodePath;

use super::events::{self, Extra, Kind};
use super::nodes::{self, COLS, Entry, NCOLS, Node, row_node};
use super::previews::forget_thumbnails;
use super::tasks::{TaskKind, TaskOutcome, TaskState};
use super::{Core, CoreError, CoreResult, User, now_ms};

#[derive(Debug, Clone)]
pub struct TrashItem {
    /// The trash id (`name` on the wire).
    pub id: String,
    /// The node, at the path it was deleted from.
    pub entry: Entry,
    /// Bytes of every file inside (a file's own size).
    pub bytes: u64,
    pub deleted_at: i64,
}

#[derive(Debug, Clone)]
pub struct TrashPage {
    /// Changes whenever anything enters or leaves the trash (the listing's ETag).
    pub hash: String,
    pub items: Vec<TrashItem>,
    pub last: bool,
}

/// Which trash items a purge removes.
#[derive(Debug, Clone)]
pub enum TrashSelection {
    All,
    /// Trash ids and original paths (every item deleted from such a path).
    Some {
        ids: Vec<String>,
        paths: Vec<NodePath>,
    },
}

fn trash_hash(c: &Connection, user: i64) -> CoreResult<String> {
    let rev: i64 = c.query_row("SELECT trash_rev FROM users WHERE id = ?1", [user], |r| {
        r.get(0)
    })?;
    Ok(hex::encode(Md5::digest(format!("trash:{user}:rev:{rev}"))))
}

/// A trashed node and the path it was deleted from.
fn trashed(c: &Connection, user: i64, id: &str) -> CoreResult<(Node, NodePath)> {
    let unknown = || CoreError::NotFound(format!("trash item {id}"));
    let num: i64 = id.parse().map_err(|_| unknown())?;
    let (node, orig) = c
        .query_row(
            &format!(
                "SELECT {COLS}, orig_path FROM nodes \
                 WHERE id = ?1 AND user_id = ?2 AND deleted_at IS NOT NULL"
            ),
            params![num, user],
            |r| Ok((row_node(r)?, r.get::<_, Option<String>>(NCOLS)?)),
        )
        .optional()?
        .ok_or_else(unknown)?;
    let orig = orig
        .as_deref()
        .and_then(|p| NodePath::parse(p).ok())
        .ok_or_else(|| CoreError::Internal(format!("trash item {id} has no valid origin")))?;
    Ok((node, orig))
}

/// Trash ids of the items deleted from `path`, newest first.
fn trashed_at(c: &Connection, user: i64, path: &NodePath) -> CoreResult<Vec<String>> {
    let mut stmt = c.prepare(
        "SELECT id FROM nodes WHERE user_id = ?1 AND deleted_at IS NOT NULL AND orig_path = ?2 \
         ORDER BY deleted_at DESC, id DESC",
    )?;
    let ids = stmt
        .query_map(params![user, path.to_string()], |r| r.get::<_, i64>(0))?
        .map(|id| id.map(|id| id.to_string()))
        .collect::<Result<_, _>>()?;
    Ok(ids)
}

/// Put a trashed node back where it was. Missing folders on the way are recreated. A taken path
/// is a 409 unless `overwrite`, and even then only a file replaces a file (the one there goes to
/// the trash): folders are never merged or replaced.
fn restore(c: &Connection, user: i64, id: &str, overwrite: bool) -> CoreResult<Entry> {
    let (node, orig) = trashed(c, user, id)?;
    let (Some(parent_path), Some(name)) = (orig.parent(), orig.name()) else {
        return Err(CoreError::Internal(
            "the root folder was in the trash".into(),
        ));
    };
    let now = now_ms();
    let parent = nodes::folder_at(c, user, &parent_path, true, now)?;
    if parent.user_id != node.user_id {
        // The way back now leads into a folder shared with the user: nothing moves between
        // trees.
        return Err(CoreError::Conflict(format!(
            "{orig} is now inside a shared folder"
        )));
    }
    // The way back must not lead through the node itself (by id, whatever the path says).
    super::tree_guard::check_not_within(c, &node, &parent, &orig)?;
    if let Some(existing) = nodes::child(c, parent.id, name.as_str())? {
        if !overwrite {
            return Err(CoreError::Conflict(format!("{orig} is taken")));
        }
        if existing.folder || node.folder {
            return Err(CoreError::Conflict(format!(
                "{orig} is taken and a folder is never replaced"
            )));
        }
        nodes::trash(c, user, &existing, now)?;
    }
    c.execute(
        "UPDATE nodes SET deleted_at = NULL, orig_path = NULL, parent_id = ?2, name = ?3 WHERE id = ?1",
        params![node.id, parent.id, name.as_str()],
    )?;
    nodes::bump_trash(c, node.id)?;
    nodes::bump(c, parent.id, now)?;
    events::record(c, Kind::Undeleted, user, node.id, Extra::default())?;
    Ok(Entry {
        path: orig,
        node: nodes::by_id(c, node.id)?,
    })
}

impl Core {
    /// Newest deletions first.
    pub async fn list_trash(
        &self,
        user: &User,
        dirs_only: bool,
        offset: usize,
        limit: usize,
    ) -> CoreResult<TrashPage> {
        let user = user.id;
        self.db
            .read(move |c| {
                let hash = trash_hash(c, user)?;
                let mut stmt = c.prepare(&format!(
                    "SELECT {COLS}, orig_path FROM nodes WHERE user_id = ?1 AND deleted_at IS NOT NULL \
                     AND (?2 = 0 OR folder = 1) ORDER BY deleted_at DESC, id DESC"
                ))?;
                let all = stmt
                    .query_map(params![user, dirs_only], |r| {
                        Ok((row_node(r)?, r.get::<_, Option<String>>(NCOLS)?))
                    })?
                    .collect::<Result<Vec<_>, _>>()?;
                let total = all.len();
                let end = if limit == 0 { total } else { offset.saturating_add(limit).min(total) };
                let mut items = Vec::new();
                for (node, orig) in all.into_iter().skip(offset).take(end.saturating_sub(offset)) {
                    let Some(path) = orig.as_deref().and_then(|p| NodePath::parse(p).ok()) else {
                        continue;
                    };
                    let bytes = if node.folder { nodes::subtree_bytes(c, node.id)? } else { node.size };
                    items.push(TrashItem {
                        id: node.id.to_string(),
                        bytes,
                        deleted_at: node.deleted_at.unwrap_or_default(),
                        entry: Entry { path, node },
                    });
                }
                Ok(TrashPage { hash, items, last: end >= total })
            })
            .await
    }

    pub async fn restore_trash(
        &self,
        user: &User,
        id: String,
        overwrite: bool,
    ) -> CoreResult<Entry> {
        let user = user.id;
        self.db.tx(move |c| restore(c, user, &id, overwrite)).await
    }

    /// Restore the item most recently deleted from `path`; a taken path is a 409.
    pub async fn undelete(&self, user: &User, path: NodePath) -> CoreResult<Entry> {
        let user = user.id;
        self.db
            .tx(move |c| {
                let Some(id) = trashed_at(c, user, &path)?.into_iter().next() else {
                    return Err(CoreError::NotFound(format!(
                        "nothing deleted from {path} is in the trash"
                    )));
                };
                restore(c, user, &id, false)
            })
            .await
    }

    /// Start removing trash items for good; answers the task id. Unknown ids or paths with
    /// nothing trashed are refused before anything starts.
    pub async fn purge_trash(&self, user: &User, what: TrashSelection) -> CoreResult<String> {
        let uid = user.id;
        let ids: Vec<String> = self
            .db
            .tx(move |c| match what {
                TrashSelection::All => {
                    let mut stmt = c.prepare(
                        "SELECT id FROM nodes WHERE user_id = ?1 AND deleted_at IS NOT NULL ORDER BY id",
                    )?;
                    let ids = stmt
                        .query_map([uid], |r| r.get::<_, i64>(0))?
                        .map(|id| id.map(|id| id.to_string()))
                        .collect::<Result<_, _>>()?;
                    Ok(ids)
                }
                TrashSelection::Some { ids, paths } => {
                    let mut out = Vec::new();
                    for id in ids {
                        trashed(c, uid, &id)?;
                        out.push(id);
                    }
                    for path in paths {
                        let found = trashed_at(c, uid, &path)?;
                        if found.is_empty() {
                            return Err(CoreError::NotFound(format!(
                                "nothing deleted from {path} is in the trash"
                            )));
                        }
                        out.extend(found);
                    }
                    out.sort();
                    out.dedup();
                    Ok(out)
                }
            })
            .await?;
        let task = self.tasks.start(uid, TaskKind::Purge);
        let (db, blobs, tasks) = (self.db.clone(), self.blobs.clone(), self.tasks.clone());
        let thumbs = self.thumbs_dir.clone();
        let id = task.clone();
        tokio::spawn(async move {
            let total = ids.len().max(1);
            let (mut items, mut bytes) = (0u64, 0u64);
            for (i, trash_id) in ids.into_iter().enumerate() {
                // One transaction per item: a failure (or a restart) never leaves one half-purged.
                let done = db
                    .tx(move |c| {
                        // Gone meanwhile (restored, or inside an item purged just before): skip.
                        let Ok((node, _)) = trashed(c, uid, &trash_id) else {
                            return Ok(None);
                        };
                        let size = nodes::subtree_bytes(c, node.id)?;
                        let unreferenced = nodes::purge(c, node.id)?;
                        Ok(Some((size, unreferenced)))
                    })
                    .await;
                match done {
                    Ok(Some((size, unreferenced))) => {
                        items += 1;
                        bytes += size;
                        // Committed: the item is gone, so its bytes may go too. A failure here
                        // only leaves unreferenced files behind.
                        match super::blob_release::release(&db, &blobs, unreferenced).await {
                            Ok(freed) => forget_thumbnails(&thumbs, &freed).await,
                            Err(e) => tracing::warn!("deleting purged blobs: {e}"),
                        }
                    }
                    Ok(None) => {}
                    Err(e) => {
                        tracing::warn!("purging the trash: {e}");
                        tasks.set(&id, TaskState::Failed(e.to_string()));
                        return;
                    }
                }
                let progress = ((i + 1) * 100 / total) as u8;
                tasks.set(
                    &id,
                    TaskState::Running {
                        progress: progress.min(99),
                    },
                );
            }
            tasks.set(&id, TaskState::Done(TaskOutcome::Purged { items, bytes }));
        });
        Ok(task)
    }
}
