//! The tree's primitives: a node's row, and finding nodes by id and by path (crossing into
//! shared folders' mounts), below everything that changes the tree and records it
//! (`nodes`, `events`, `quota`, `tree_guard`), so those depend on this module and not on
//! each other.
//!
//! Trashed nodes keep their parent and name (their subtree stays attached), so a lookup by path,
//! which only walks live children, never sees them. [`child`] finds mounts when walking a root,
//! so every lookup by path crosses into the owner's tree the same way; [`check_writable`] is the
//! one write check.

use md5::{Digest, Md5};
use rusqlite::{Connection, OptionalExtension, Row, params};
use satchel_wire::NodePath;

use super::walk::Steps;
use super::{CoreError, CoreResult};
use crate::store::BlobKey;

#[derive(Debug, Clone)]
pub struct Node {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub name: String,
    pub folder: bool,
    pub size: u64,
    pub md5: Option<String>,
    pub version: i64,
    pub created: i64,
    pub modified: i64,
    pub rev: i64,
    pub deleted_at: Option<i64>,
    pub favorite: bool,
    /// The tree the node belongs to (another user's inside a mount).
    pub user_id: i64,
    pub owner_name: String,
    /// A share root (a folder offered to collaborators), in either tree.
    pub shared: bool,
    /// May the caller change it? False inside a read-only mount (set by path lookups).
    pub writable: bool,
    /// How many comments it has.
    pub comments: u64,
}

impl Node {
    /// Folders: an opaque value that changes whenever the listing changes (the ETag).
    pub fn hash(&self) -> String {
        hex::encode(Md5::digest(format!("node:{}:rev:{}", self.id, self.rev)))
    }

    pub fn blob(&self) -> Option<BlobKey> {
        self.md5.as_ref().map(|md5| BlobKey {
            md5: md5.clone(),
            size: self.size,
        })
    }
}

pub(crate) const COLS: &str = concat!(
    "id, parent_id, name, folder, size, md5, version, created, modified, rev, deleted_at, ",
    "favorite, user_id, (SELECT name FROM users WHERE users.id = nodes.user_id), ",
    "(EXISTS(SELECT 1 FROM shares WHERE shares.node_id = nodes.id) ",
    "OR EXISTS(SELECT 1 FROM group_shares WHERE group_shares.node_id = nodes.id)), ",
    "(SELECT COUNT(*) FROM comments WHERE comments.node_id = nodes.id)"
);
/// How many columns [`COLS`] selects: the index of the first extra column after them.
pub(crate) const NCOLS: usize = 16;

pub(crate) fn row_node(r: &Row<'_>) -> rusqlite::Result<Node> {
    Ok(Node {
        id: r.get(0)?,
        parent_id: r.get(1)?,
        name: r.get(2)?,
        folder: r.get(3)?,
        size: r.get::<_, i64>(4)? as u64,
        md5: r.get(5)?,
        version: r.get(6)?,
        created: r.get(7)?,
        modified: r.get(8)?,
        rev: r.get(9)?,
        deleted_at: r.get(10)?,
        favorite: r.get(11)?,
        user_id: r.get(12)?,
        owner_name: r.get::<_, Option<String>>(13)?.unwrap_or_default(),
        shared: r.get(14)?,
        writable: true,
        comments: r.get::<_, i64>(15)? as u64,
    })
}

pub(crate) fn by_id(c: &Connection, id: i64) -> CoreResult<Node> {
    Ok(c.query_row(
        &format!("SELECT {COLS} FROM nodes WHERE id = ?1"),
        [id],
        row_node,
    )?)
}

pub(crate) fn root(c: &Connection, user: i64) -> CoreResult<Node> {
    c.query_row(
        &format!("SELECT {COLS} FROM nodes WHERE user_id = ?1 AND parent_id IS NULL"),
        [user],
        row_node,
    )
    .optional()?
    .ok_or_else(|| CoreError::Internal(format!("user {user} has no root folder")))
}

/// The live child `name` of `parent`. In a root folder this also finds the folders shared with
/// the root's owner and accepted (mounts): the owner's folder under the mount's name, writable
/// only for a writer. This is the one place a path walk enters another user's tree, so every
/// lookup by path sees mounts the same way.
pub(crate) fn child(c: &Connection, parent: i64, name: &str) -> CoreResult<Option<Node>> {
    let own = c
        .query_row(
            &format!(
                "SELECT {COLS} FROM nodes WHERE parent_id = ?1 AND name = ?2 AND deleted_at IS NULL"
            ),
            params![parent, name],
            row_node,
        )
        .optional()?;
    if own.is_some() {
        return Ok(own);
    }
    mount(c, parent, name)
}

/// The accepted share mounted as `name` in the root folder `root` (nothing if `root` is not a
/// root folder).
pub(crate) fn mount(c: &Connection, root: i64, name: &str) -> CoreResult<Option<Node>> {
    let found: Option<(i64, bool)> = c
        .query_row(
            "SELECT s.node_id, s.writer FROM shares s JOIN nodes r ON r.id = ?1 \
             WHERE r.parent_id IS NULL AND s.member_id = r.user_id AND s.status = 'accepted' \
             AND s.mount_name = ?2",
            params![root, name],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((id, writer)) = found else {
        return Ok(None);
    };
    let node = by_id(c, id)?;
    if !is_live(c, &node)? {
        return Ok(None);
    }
    Ok(Some(Node {
        name: name.to_owned(),
        writable: writer,
        ..node
    }))
}

/// Every mount in `user`'s root, as folders under their mount names.
pub(crate) fn mounts(c: &Connection, user: i64) -> CoreResult<Vec<Node>> {
    let root = root(c, user)?;
    let names: Vec<String> = {
        let mut stmt = c.prepare_cached(
            "SELECT mount_name FROM shares WHERE member_id = ?1 AND status = 'accepted' \
             AND mount_name IS NOT NULL",
        )?;
        let rows = stmt.query_map([user], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut out = Vec::new();
    for name in names {
        if let Some(n) = mount(c, root.id, &name)? {
            out.push(n);
        }
    }
    Ok(out)
}

/// The one write check: refuses (403) any change at or below a read-only mount. Every core
/// operation that changes the tree calls it with the caller's path.
pub(crate) fn check_writable(c: &Connection, user: i64, path: &NodePath) -> CoreResult<()> {
    let Some(first) = path.segments().first() else {
        return Ok(());
    };
    let root = root(c, user)?;
    if let Some(n) = child(c, root.id, first.as_str())?
        && !n.writable
    {
        return Err(CoreError::Forbidden(format!(
            "read-only shared folder: {path}"
        )));
    }
    Ok(())
}

/// Is `path` a mount (a folder shared with `user`, at the top of their tree)?
pub(crate) fn is_mount(c: &Connection, user: i64, path: &NodePath) -> CoreResult<bool> {
    if path.segments().len() != 1 {
        return Ok(false);
    }
    Ok(lookup(c, user, path)?.is_some_and(|n| n.user_id != user))
}

/// Neither the node nor any folder above it is in the trash.
pub(crate) fn is_live(c: &Connection, node: &Node) -> CoreResult<bool> {
    let mut current = node.clone();
    let mut steps = Steps::from(node.id);
    loop {
        if current.deleted_at.is_some() {
            return Ok(false);
        }
        steps.step()?;
        match current.parent_id {
            Some(parent) => current = by_id(c, parent)?,
            None => return Ok(true),
        }
    }
}

/// Where `user` reaches the node `id`: its path in their own tree, or through the mount of a
/// folder shared with them. `None` when they cannot reach it (a stranger's, trashed, purged, or
/// no longer shared). The path found is checked with [`lookup`], the one resolver.
pub(crate) fn path_for(c: &Connection, user: i64, id: i64) -> CoreResult<Option<NodePath>> {
    let Some(mut current) = c
        .query_row(
            &format!("SELECT {COLS} FROM nodes WHERE id = ?1"),
            [id],
            row_node,
        )
        .optional()?
    else {
        return Ok(None);
    };
    let mut names = Vec::new();
    let mut steps = Steps::from(id);
    loop {
        if current.deleted_at.is_some() {
            return Ok(None);
        }
        steps.step()?;
        if current.user_id != user {
            let mount: Option<String> = c
                .query_row(
                    "SELECT mount_name FROM shares WHERE node_id = ?1 AND member_id = ?2 \
                     AND status = 'accepted' AND mount_name IS NOT NULL",
                    params![current.id, user],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(name) = mount {
                names.push(name);
                break;
            }
        }
        match current.parent_id {
            Some(parent) => {
                names.push(current.name.clone());
                current = by_id(c, parent)?;
            }
            None if current.user_id == user => break,
            None => return Ok(None),
        }
    }
    names.reverse();
    let Ok(path) = NodePath::parse(&format!("/{}", names.join("/"))) else {
        return Ok(None);
    };
    Ok(lookup(c, user, &path)?.filter(|n| n.id == id).map(|_| path))
}

/// A node's path in its owner's tree.
pub(crate) fn path_of(c: &Connection, id: i64) -> CoreResult<NodePath> {
    let mut names = Vec::new();
    let mut current = by_id(c, id)?;
    let mut steps = Steps::from(id);
    while let Some(parent) = current.parent_id {
        steps.step()?;
        names.push(current.name.clone());
        current = by_id(c, parent)?;
    }
    names.reverse();
    Ok(NodePath::parse(&format!("/{}", names.join("/")))?)
}

pub(crate) fn children(c: &Connection, parent: i64) -> CoreResult<Vec<Node>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {COLS} FROM nodes WHERE parent_id = ?1 AND deleted_at IS NULL"
    ))?;
    let rows = stmt.query_map([parent], row_node)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The live node at `path`, if any. A file in the middle of the path means "not found".
pub(crate) fn lookup(c: &Connection, user: i64, path: &NodePath) -> CoreResult<Option<Node>> {
    let mut node = root(c, user)?;
    for segment in path.segments() {
        if !node.folder {
            return Ok(None);
        }
        match child(c, node.id, segment.as_str())? {
            Some(n) => {
                let writable = node.writable && n.writable;
                node = Node { writable, ..n };
            }
            None => return Ok(None),
        }
    }
    Ok(Some(node))
}

pub(crate) fn resolve(c: &Connection, user: i64, path: &NodePath) -> CoreResult<Node> {
    lookup(c, user, path)?.ok_or_else(|| CoreError::NotFound(path.to_string()))
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn insert_node(
    c: &Connection,
    parent: i64,
    name: &str,
    folder: bool,
    size: u64,
    md5: Option<&str>,
    created: i64,
    modified: i64,
) -> CoreResult<i64> {
    c.execute(
        // A node belongs to the tree of its parent (the owner's, inside a mount).
        "INSERT INTO nodes (user_id, parent_id, name, folder, size, md5, created, modified) \
         VALUES ((SELECT user_id FROM nodes WHERE id = ?1), ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![parent, name, folder, size as i64, md5, created, modified],
    )?;
    Ok(c.last_insert_rowid())
}

pub(crate) fn add_version(
    c: &Connection,
    node: i64,
    version: i64,
    key: &BlobKey,
    author: i64,
    now: i64,
) -> CoreResult<()> {
    c.execute(
        "INSERT INTO versions (node_id, version, md5, size, author, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![node, version, key.md5, key.size as i64, author, now],
    )?;
    Ok(())
}

/// Is any version of any node still using this blob?
pub(crate) fn blob_in_use(c: &Connection, key: &BlobKey) -> CoreResult<bool> {
    Ok(c.query_row(
        "SELECT EXISTS(SELECT 1 FROM versions WHERE md5 = ?1 AND size = ?2)",
        params![key.md5, key.size as i64],
        |r| r.get(0),
    )?)
}
