//! The tree: folders and files addressed by path, one tree per user, with a trash and a version
//! history per file.
//!
//! Trashed nodes keep their parent and name (their subtree stays attached), so a lookup by path,
//! which only walks live children, never sees them. Each folder carries a revision counter bumped
//! whenever its listing (or anything below it) changes; its `hash` is derived from it.
//!
//! Shared folders: a folder another user shared with the caller and that the caller accepted
//! is a *mount* at the top of the caller's tree. [`child`] finds mounts when walking a root,
//! so every lookup by path (and so every endpoint) crosses into the owner's tree the same
//! way; new nodes take their parent's owner; [`check_writable`] is the one write check.

use md5::{Digest, Md5};
use rusqlite::{Connection, OptionalExtension, params};
use satchel_wire::{FileName, NodePath};

use super::events::{self, Extra, Kind};
use super::quota;
pub use super::tree::Node;
pub(crate) use super::tree::{
    COLS, NCOLS, add_version, blob_in_use, by_id, check_writable, child, children, insert_node,
    is_live, is_mount, lookup, mounts, path_for, path_of, resolve, root, row_node,
};
use super::tree_guard;
use super::{Core, CoreError, CoreResult, User, now_ms};
use crate::store::BlobKey;

/// A node and the path it is (or, for a trashed node, was) at.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: NodePath,
    pub node: Node,
}

/// Listing order; folders always come first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Name,
    Modified,
    Size,
}

/// What part of a listing to return.
#[derive(Debug, Clone, Copy)]
pub struct ListQuery {
    /// Include the children at all.
    pub listing: bool,
    pub offset: usize,
    /// 0 means all.
    pub limit: usize,
    pub order: Order,
    pub descending: bool,
}

#[derive(Debug, Clone)]
pub struct Listing {
    pub entry: Entry,
    /// The requested page of children and whether it is the last page (`None` if not asked).
    pub children: Option<(Vec<Entry>, bool)>,
}

/// Every live node below `top` (not `top` itself) with its path, in no particular order.
/// Trashed nodes and everything inside them are left out.
pub(crate) fn live_descendants(
    c: &Connection,
    top: &Node,
    top_path: &NodePath,
) -> CoreResult<Vec<Entry>> {
    let prefix = if top_path.is_root() {
        String::new()
    } else {
        top_path.to_string()
    };
    // A walk down can only meet a cycle if `top` is on it: this bounded walk up catches that.
    tree_guard::ancestors(c, top.id)?;
    let mut stmt = c.prepare_cached(&format!(
        "WITH RECURSIVE sub(id, path) AS ( \
           SELECT id, ?2 || '/' || name FROM nodes WHERE parent_id = ?1 AND deleted_at IS NULL \
           UNION ALL \
           SELECT n.id, sub.path || '/' || n.name FROM nodes n JOIN sub ON n.parent_id = sub.id \
           WHERE n.deleted_at IS NULL) \
         SELECT {COLS}, sub.path FROM sub JOIN nodes USING (id)"
    ))?;
    let rows = stmt.query_map(params![top.id, prefix], |r| {
        Ok((row_node(r)?, r.get::<_, String>(NCOLS)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (node, path) = row?;
        // Names were validated on the way in; a path that no longer parses is skipped, not fatal.
        if let Ok(path) = NodePath::parse(&path) {
            out.push(Entry { path, node });
        }
    }
    Ok(out)
}

/// The folder at `path`; with `create`, missing folders on the way are made.
pub(crate) fn folder_at(
    c: &Connection,
    user: i64,
    path: &NodePath,
    create: bool,
    now: i64,
) -> CoreResult<Node> {
    check_writable(c, user, path)?;
    let mut node = root(c, user)?;
    for (i, segment) in path.segments().iter().enumerate() {
        node = match child(c, node.id, segment.as_str())? {
            Some(n) if n.folder => n,
            Some(_) => {
                let at: Vec<&str> = path.segments()[..=i].iter().map(|s| s.as_str()).collect();
                return Err(CoreError::NotADirectory(format!("/{}", at.join("/"))));
            }
            None if create => {
                let id = insert_node(c, node.id, segment.as_str(), true, 0, None, now, now)?;
                bump(c, node.id, now)?;
                events::record(c, Kind::Created, user, id, Extra::default())?;
                by_id(c, id)?
            }
            None => return Err(CoreError::NotFound(path.to_string())),
        };
    }
    Ok(node)
}

/// Record that `folder`'s listing changed: bump its revision and every ancestor's.
pub(crate) fn bump(c: &Connection, folder: i64, now: i64) -> CoreResult<()> {
    // Bounded: a cycle in the links is an Internal error, not a loop under the database lock.
    for id in tree_guard::ancestors(c, folder)? {
        c.execute(
            "UPDATE nodes SET rev = rev + 1, modified = MAX(modified, ?2) WHERE id = ?1",
            params![id, now],
        )?;
    }
    Ok(())
}

/// Record that the trash of `node`'s owner changed (its listing's ETag).
pub(crate) fn bump_trash(c: &Connection, node: i64) -> CoreResult<()> {
    c.execute(
        "UPDATE users SET trash_rev = trash_rev + 1 WHERE id = (SELECT user_id FROM nodes WHERE id = ?1)",
        [node],
    )?;
    Ok(())
}

/// Bytes of every file in a node's subtree, trashed descendants included (what purging frees
/// from the account's `storage_size`).
pub(crate) fn subtree_bytes(c: &Connection, id: i64) -> CoreResult<u64> {
    let bytes: i64 = c.query_row(
        // UNION (not ALL): each id once, so the walk ends even if the links loop.
        "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION \
         SELECT n.id FROM nodes n JOIN sub ON n.parent_id = sub.id) \
         SELECT COALESCE(SUM(size), 0) FROM nodes WHERE folder = 0 AND id IN (SELECT id FROM sub)",
        [id],
        |r| r.get(0),
    )?;
    Ok(bytes as u64)
}

/// Remove a node and its whole subtree for good. Answers the blobs nothing refers to any more:
/// the caller hands them to `blob_release::release` once this transaction has committed.
pub(crate) fn purge(c: &Connection, id: i64) -> CoreResult<Vec<BlobKey>> {
    // Trashed descendants leave the trash with it.
    bump_trash(c, id)?;
    let ids: Vec<i64> = {
        let mut stmt = c.prepare(
            // UNION (not ALL): each id once, so the walk ends even if the links loop.
            "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION \
             SELECT n.id FROM nodes n JOIN sub ON n.parent_id = sub.id) SELECT id FROM sub",
        )?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut keys = Vec::new();
    for id in &ids {
        let mut stmt = c.prepare_cached("SELECT md5, size FROM versions WHERE node_id = ?1")?;
        let rows = stmt.query_map([id], |r| {
            Ok(BlobKey {
                md5: r.get(0)?,
                size: r.get::<_, i64>(1)? as u64,
            })
        })?;
        for key in rows {
            keys.push(key?);
        }
        c.execute("DELETE FROM versions WHERE node_id = ?1", [id])?;
    }
    // Children first, so the parent references stay valid until the end.
    for id in ids.iter().rev() {
        c.execute("DELETE FROM nodes WHERE id = ?1", [id])?;
    }
    keys.sort_by(|a, b| (&a.md5, a.size).cmp(&(&b.md5, b.size)));
    keys.dedup();
    let mut unreferenced = Vec::new();
    for key in keys {
        if !blob_in_use(c, &key)? {
            unreferenced.push(key);
        }
    }
    Ok(unreferenced)
}

/// Put a live node in its owner's trash. It remembers its path in the owner's tree (inside a
/// mount, the owner's path, not the collaborator's).
pub(crate) fn trash(c: &Connection, actor: i64, node: &Node, now: i64) -> CoreResult<()> {
    let orig = path_of(c, node.id)?;
    c.execute(
        "UPDATE nodes SET deleted_at = ?2, orig_path = ?3 WHERE id = ?1",
        params![node.id, now, orig.to_string()],
    )?;
    events::record(c, Kind::Deleted, actor, node.id, Extra::default())?;
    bump_trash(c, node.id)?;
    if let Some(parent) = node.parent_id {
        bump(c, parent, now)?;
    }
    Ok(())
}

/// Put a verified blob at `path` as a new file or a new version of the file there.
/// Used by deduplicated creates and by confirmed uploads.
#[allow(clippy::too_many_arguments)]
pub(crate) fn put_file(
    c: &Connection,
    user: &User,
    path: &NodePath,
    key: &BlobKey,
    overwrite: bool,
    create_dirs: bool,
    created: Option<i64>,
    modified: Option<i64>,
) -> CoreResult<Entry> {
    let now = now_ms();
    let (Some(parent_path), Some(name)) = (path.parent(), path.name()) else {
        return Err(CoreError::Conflict(
            "the root folder cannot be a file".into(),
        ));
    };
    let parent = folder_at(c, user.id, &parent_path, create_dirs, now)?;
    let id =
        match child(c, parent.id, name.as_str())? {
            Some(existing) if existing.folder => {
                return Err(CoreError::Conflict(format!(
                    "a folder is already at {path}"
                )));
            }
            Some(_) if !overwrite => {
                return Err(CoreError::Conflict(format!("a file is already at {path}")));
            }
            Some(existing) => {
                let version = existing.version + 1;
                c.execute(
                "UPDATE nodes SET size = ?2, md5 = ?3, version = ?4, modified = ?5 WHERE id = ?1",
                params![existing.id, key.size as i64, key.md5, version, modified.unwrap_or(now)],
            )?;
                add_version(c, existing.id, version, key, user.id, now)?;
                events::record(c, Kind::NewContent, user.id, existing.id, Extra::default())?;
                existing.id
            }
            None => {
                let id = insert_node(
                    c,
                    parent.id,
                    name.as_str(),
                    false,
                    key.size,
                    Some(&key.md5),
                    created.unwrap_or(now),
                    modified.unwrap_or(now),
                )?;
                add_version(c, id, 1, key, user.id, now)?;
                events::record(c, Kind::Created, user.id, id, Extra::default())?;
                id
            }
        };
    bump(c, parent.id, now)?;
    Ok(Entry {
        path: path.clone(),
        node: by_id(c, id)?,
    })
}

/// Check that `path` could take a new file (used before an upload starts and before assembly).
pub(crate) fn check_file_target(
    c: &Connection,
    user: i64,
    path: &NodePath,
    overwrite: bool,
) -> CoreResult<()> {
    check_writable(c, user, path)?;
    if path.is_root() {
        return Err(CoreError::Conflict(
            "the root folder cannot be a file".into(),
        ));
    }
    match lookup(c, user, path)? {
        Some(n) if n.folder => Err(CoreError::Conflict(format!(
            "a folder is already at {path}"
        ))),
        Some(_) if !overwrite => Err(CoreError::Conflict(format!("a file is already at {path}"))),
        _ => Ok(()),
    }
}

/// Could `path`'s parent hold a new file? A file on the way is 405; a missing folder is fine only
/// when it would be created.
pub(crate) fn check_parent(
    c: &Connection,
    user: i64,
    path: &NodePath,
    create_dirs: bool,
) -> CoreResult<()> {
    check_writable(c, user, path)?;
    let parent = path.parent().unwrap_or_default();
    let mut node = root(c, user)?;
    let mut walked = NodePath::root();
    for segment in parent.segments() {
        walked = walked.join(segment);
        match child(c, node.id, segment.as_str())? {
            Some(n) if n.folder => node = n,
            Some(_) => return Err(CoreError::NotADirectory(walked.to_string())),
            None if create_dirs => return Ok(()),
            None => return Err(CoreError::NotFound(parent.to_string())),
        }
    }
    Ok(())
}

fn sort_children(nodes: Vec<Node>, order: Order, descending: bool) -> Vec<Node> {
    // Folders first, then the order asked for, then the exact name. The lower-cased name is
    // computed once per node, not twice per comparison: a 100,000-entry folder is sorted for
    // every page it is listed in.
    let mut keyed: Vec<(String, Node)> = nodes
        .into_iter()
        .map(|n| {
            let key = match order {
                Order::Name => n.name.to_lowercase(),
                Order::Modified | Order::Size => String::new(),
            };
            (key, n)
        })
        .collect();
    keyed.sort_unstable_by(|(ka, a), (kb, b)| {
        let by = match order {
            Order::Name => ka.cmp(kb),
            Order::Modified => a.modified.cmp(&b.modified),
            Order::Size => a.size.cmp(&b.size),
        }
        .then_with(|| a.name.cmp(&b.name));
        b.folder
            .cmp(&a.folder)
            .then(if descending { by.reverse() } else { by })
    });
    keyed.into_iter().map(|(_, n)| n).collect()
}

/// One page of `kids` (children of the folder at `path`), sorted as `q` asks, and whether it
/// is the last page.
pub(crate) fn page_of(kids: Vec<Node>, path: &NodePath, q: ListQuery) -> (Vec<Entry>, bool) {
    let kids = sort_children(kids, q.order, q.descending);
    let total = kids.len();
    let end = if q.limit == 0 {
        total
    } else {
        q.offset.saturating_add(q.limit).min(total)
    };
    let page: Vec<Entry> = kids
        .into_iter()
        .skip(q.offset)
        .take(end.saturating_sub(q.offset))
        .filter_map(|n| {
            let name = FileName::parse(&n.name).ok()?;
            Some(Entry {
                path: path.join(&name),
                node: n,
            })
        })
        .collect();
    (page, end >= total)
}

/// Where a move or copy lands: checks shared by both.
struct Placement {
    source: Node,
    dest: Node,
    name: FileName,
}

fn place(c: &Connection, user: i64, from: &NodePath, to: &NodePath) -> CoreResult<Placement> {
    let Some(name) = from.name().cloned() else {
        return Err(CoreError::Forbidden(
            "the root folder cannot be moved or copied".into(),
        ));
    };
    let source = resolve(c, user, from)?;
    let dest = resolve(c, user, to)?;
    if !dest.folder {
        return Err(CoreError::NotADirectory(to.to_string()));
    }
    check_writable(c, user, to)?;
    if source.folder && to.starts_with(from) {
        return Err(CoreError::IntoOwnSubtree(from.to_string()));
    }
    // By id too: through two mounts of nested shares, paths do not show that `to` is inside.
    tree_guard::check_not_within(c, &source, &dest, from)?;
    Ok(Placement { source, dest, name })
}

/// Copy `src` into the folder `dest` under its own name, numbered (`name (1).ext`, …) when
/// taken. Answers the copy's id and name.
pub(crate) fn copy_numbered(
    c: &Connection,
    user: i64,
    src: &Node,
    dest: &Node,
) -> CoreResult<(i64, String)> {
    quota::check_room(c, dest.user_id, quota::live_subtree_bytes(c, src.id)?, 0)?;
    let name = FileName::parse(&src.name)?;
    let mut target = name.clone();
    let mut n = 0;
    while child(c, dest.id, target.as_str())?.is_some() {
        n += 1;
        target = name.numbered(n);
    }
    let id = tree_guard::copy_subtree(c, user, src, dest.id, target.as_str(), now_ms())?;
    Ok((id, target.to_string()))
}

impl Core {
    pub async fn list(&self, user: &User, path: NodePath, q: ListQuery) -> CoreResult<Listing> {
        let user = user.id;
        let rendezvous = self.listing_rendezvous.clone();
        self.db
            .read(move |c| {
                if let Some(r) = rendezvous {
                    r.wait(std::time::Duration::from_secs(10))?;
                }
                let mut node = resolve(c, user, &path)?;
                if path.is_root() {
                    // The root's listing shows the mounts too: its hash must change with them.
                    let mut mix = format!("{}", node.rev);
                    for m in mounts(c, user)? {
                        mix.push_str(&format!("|{}:{}:{}", m.id, m.rev, m.name));
                    }
                    let digest = Md5::digest(mix.as_bytes());
                    let mut bytes = [0u8; 8];
                    bytes.copy_from_slice(&digest[..8]);
                    node.rev = i64::from_le_bytes(bytes);
                }
                let listing = q.listing;
                let children = if listing && node.folder {
                    let mut kids: Vec<Node> = children(c, node.id)?
                        .into_iter()
                        .map(|n| Node {
                            writable: node.writable,
                            ..n
                        })
                        .collect();
                    if path.is_root() {
                        kids.extend(mounts(c, user)?);
                    }
                    Some(page_of(kids, &path, q))
                } else {
                    None
                };
                Ok(Listing {
                    entry: Entry { path, node },
                    children,
                })
            })
            .await
    }

    /// Create a folder (and any missing parents). Anything already at `path` is refused.
    pub async fn create_folder(
        &self,
        user: &User,
        path: NodePath,
        created: Option<i64>,
        modified: Option<i64>,
    ) -> CoreResult<Entry> {
        let user = user.id;
        self.db
            .tx(move |c| {
                let now = now_ms();
                let (Some(parent_path), Some(name)) = (path.parent(), path.name()) else {
                    return Err(CoreError::AlreadyExists("/".into()));
                };
                let parent = folder_at(c, user, &parent_path, true, now)?;
                if child(c, parent.id, name.as_str())?.is_some() {
                    return Err(CoreError::AlreadyExists(path.to_string()));
                }
                let id = insert_node(
                    c,
                    parent.id,
                    name.as_str(),
                    true,
                    0,
                    None,
                    created.unwrap_or(now),
                    modified.unwrap_or(now),
                )?;
                bump(c, parent.id, now)?;
                events::record(c, Kind::Created, user, id, Extra::default())?;
                Ok(Entry {
                    path,
                    node: by_id(c, id)?,
                })
            })
            .await
    }

    pub async fn rename(
        &self,
        user: &User,
        path: NodePath,
        new_name: FileName,
    ) -> CoreResult<Entry> {
        let user = user.id;
        self.db
            .tx(move |c| {
                let Some(parent_path) = path.parent() else {
                    return Err(CoreError::Forbidden(
                        "the root folder cannot be renamed".into(),
                    ));
                };
                let node = resolve(c, user, &path)?;
                check_writable(c, user, &path)?;
                if is_mount(c, user, &path)? {
                    return Err(CoreError::Forbidden(
                        "a shared folder is renamed by its owner only".into(),
                    ));
                }
                let new_path = parent_path.join(&new_name);
                if node.name == new_name.as_str() {
                    return Ok(Entry {
                        path: new_path,
                        node,
                    });
                }
                let parent = node.parent_id.unwrap_or_default();
                if child(c, parent, new_name.as_str())?.is_some() {
                    return Err(CoreError::Conflict(format!(
                        "the name is taken: {new_path}"
                    )));
                }
                let now = now_ms();
                c.execute(
                    "UPDATE nodes SET name = ?2 WHERE id = ?1",
                    params![node.id, new_name.as_str()],
                )?;
                bump(c, parent, now)?;
                let old = Some((parent, node.name.clone()));
                let extra = Extra {
                    old,
                    ..Extra::default()
                };
                events::record(c, Kind::Renamed, user, node.id, extra)?;
                Ok(Entry {
                    path: new_path,
                    node: by_id(c, node.id)?,
                })
            })
            .await
    }

    pub async fn move_node(
        &self,
        user: &User,
        from: NodePath,
        to: NodePath,
        overwrite: bool,
    ) -> CoreResult<Entry> {
        let user = user.id;
        self.db
            .tx(move |c| {
                let Placement { source, dest, name } = place(c, user, &from, &to)?;
                check_writable(c, user, &from)?;
                if is_mount(c, user, &from)? || source.user_id != dest.user_id {
                    return Err(CoreError::MoveAcrossShares(from.to_string()));
                }
                if source.parent_id == Some(dest.id) {
                    return Err(CoreError::SameDirectory(from.to_string()));
                }
                let new_path = to.join(&name);
                let now = now_ms();
                if let Some(existing) = child(c, dest.id, name.as_str())? {
                    if !overwrite || existing.folder {
                        return Err(CoreError::AlreadyExists(new_path.to_string()));
                    }
                    trash(c, user, &existing, now)?;
                }
                c.execute(
                    "UPDATE nodes SET parent_id = ?2 WHERE id = ?1",
                    params![source.id, dest.id],
                )?;
                if let Some(old_parent) = source.parent_id {
                    bump(c, old_parent, now)?;
                }
                bump(c, dest.id, now)?;
                if let Some(old_parent) = source.parent_id {
                    let old = Some((old_parent, source.name.clone()));
                    let extra = Extra {
                        old,
                        ..Extra::default()
                    };
                    events::record(c, Kind::Moved, user, source.id, extra)?;
                }
                Ok(Entry {
                    path: new_path,
                    node: by_id(c, source.id)?,
                })
            })
            .await
    }

    /// Copy; a taken name is never replaced: the copy becomes `name (1).ext`, `name (2).ext`, …
    pub async fn copy_node(
        &self,
        user: &User,
        from: NodePath,
        to: NodePath,
        overwrite: bool,
    ) -> CoreResult<Entry> {
        let user = user.id;
        self.db
            .tx(move |c| {
                let Placement { source, dest, name } = place(c, user, &from, &to)?;
                quota::check_room(c, dest.user_id, quota::live_subtree_bytes(c, source.id)?, 0)?;
                let mut target = name.clone();
                let mut n = 0;
                while child(c, dest.id, target.as_str())?.is_some() {
                    if !overwrite {
                        return Err(CoreError::AlreadyExists(to.join(&name).to_string()));
                    }
                    n += 1;
                    target = name.numbered(n);
                }
                let now = now_ms();
                let id = tree_guard::copy_subtree(c, user, &source, dest.id, target.as_str(), now)?;
                bump(c, dest.id, now)?;
                Ok(Entry {
                    path: to.join(&target),
                    node: by_id(c, id)?,
                })
            })
            .await
    }

    /// Delete to the trash, or for good with `without_trash`. Answers the item as it was.
    pub async fn delete(
        &self,
        user: &User,
        path: NodePath,
        only_empty: bool,
        without_trash: bool,
    ) -> CoreResult<Entry> {
        let user = user.id;
        let (entry, unreferenced) = self
            .db
            .tx(move |c| {
                if path.is_root() {
                    return Err(CoreError::Forbidden(
                        "the root folder cannot be deleted".into(),
                    ));
                }
                let node = resolve(c, user, &path)?;
                if is_mount(c, user, &path)? {
                    // Deleting a mount leaves the share; the owner's folder stays.
                    c.execute(
                        "DELETE FROM shares WHERE node_id = ?1 AND member_id = ?2",
                        params![node.id, user],
                    )?;
                    bump(c, root(c, user)?.id, now_ms())?;
                    let node = Node {
                        deleted_at: Some(now_ms()),
                        ..node
                    };
                    return Ok((Entry { path, node }, Vec::new()));
                }
                check_writable(c, user, &path)?;
                if only_empty && node.folder && !children(c, node.id)?.is_empty() {
                    return Err(CoreError::Forbidden(format!(
                        "the folder is not empty: {path}"
                    )));
                }
                let now = now_ms();
                if without_trash {
                    events::record(c, Kind::Deleted, user, node.id, Extra::default())?;
                    let freed = purge(c, node.id)?;
                    if let Some(parent) = node.parent_id {
                        bump(c, parent, now)?;
                    }
                    let entry = Entry {
                        path,
                        node: Node {
                            deleted_at: Some(now),
                            ..node
                        },
                    };
                    Ok((entry, freed))
                } else {
                    trash(c, user, &node, now)?;
                    let entry = Entry {
                        path,
                        node: by_id(c, node.id)?,
                    };
                    Ok((entry, Vec::new()))
                }
            })
            .await?;
        let freed = super::blob_release::release(&self.db, &self.blobs, unreferenced).await?;
        super::previews::forget_thumbnails(&self.thumbs_dir, &freed).await;
        Ok(entry)
    }

    /// The blob behind a file (a given version, or the current one).
    pub async fn file_version(
        &self,
        user: &User,
        path: NodePath,
        version: Option<i64>,
    ) -> CoreResult<(Entry, i64, BlobKey)> {
        let user = user.id;
        self.db
            .read(move |c| {
                let node = resolve(c, user, &path)?;
                if node.folder {
                    return Err(CoreError::InvalidParameters(format!(
                        "{path} is a folder, not a file"
                    )));
                }
                let version = version.unwrap_or(node.version);
                let key = c
                    .query_row(
                        "SELECT md5, size FROM versions WHERE node_id = ?1 AND version = ?2",
                        params![node.id, version],
                        |r| {
                            Ok(BlobKey {
                                md5: r.get(0)?,
                                size: r.get::<_, i64>(1)? as u64,
                            })
                        },
                    )
                    .optional()?
                    .ok_or_else(|| CoreError::NotFound(format!("{path} version {version}")))?;
                Ok((Entry { path, node }, version, key))
            })
            .await
    }
}
