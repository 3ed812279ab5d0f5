//! The shape of the tree: `parent_id` links must form a forest (one tree per user, no cycle).
//!
//! A move or copy is checked here by node id, not by path: one folder can be reached by two
//! paths (a share and a share inside it, both mounted by the same member), so a path check
//! alone let a folder become its own ancestor. Every walk up the tree is bounded by
//! [`MAX_WALK`](super::walk::MAX_WALK) (`walk`), so a corrupt tree answers an Internal error
//! instead of looping forever while the database lock is held. [`copy_subtree`] lists what it copies before inserting anything,
//! and iterates, so it can neither walk into its own copies nor overflow the stack.

use std::collections::HashSet;

use rusqlite::Connection;
use satchel_wire::NodePath;

use super::tree::{self, Node};
pub(crate) use super::walk::ancestors;
use super::{CoreError, CoreResult};

/// Refuses to put `source` into `dest` when `dest` is `source` or lies below it in the owner's
/// tree, whatever paths the caller reached them by. Both move and copy call it (via `place`),
/// and so does restoring from the trash.
pub(crate) fn check_not_within(
    c: &Connection,
    source: &Node,
    dest: &Node,
    from: &NodePath,
) -> CoreResult<()> {
    if ancestors(c, dest.id)?.contains(&source.id) {
        return Err(CoreError::IntoOwnSubtree(from.to_string()));
    }
    Ok(())
}

/// Copy `src` (and, for a folder, its live subtree) into `parent` as `name`. Answers the copy's
/// id. The subtree is listed first, breadth-first with a visited set, and copied from that list:
/// nothing inserted is ever read back, and no recursion depends on the tree's depth.
pub(crate) fn copy_subtree(
    c: &Connection,
    user: i64,
    src: &Node,
    parent: i64,
    name: &str,
    now: i64,
) -> CoreResult<i64> {
    // (source node, index of its parent in `plan`)
    let mut plan: Vec<(Node, Option<usize>)> = vec![(src.clone(), None)];
    let mut seen = HashSet::from([src.id]);
    let mut i = 0;
    while i < plan.len() {
        if plan[i].0.folder {
            for kid in tree::children(c, plan[i].0.id)? {
                if seen.insert(kid.id) {
                    plan.push((kid, Some(i)));
                }
            }
        }
        i += 1;
    }
    let mut copies: Vec<i64> = Vec::with_capacity(plan.len());
    for (node, up) in &plan {
        let (into, as_name) = match up {
            None => (parent, name),
            Some(j) => (copies[*j], node.name.as_str()),
        };
        let id = tree::insert_node(
            c,
            into,
            as_name,
            node.folder,
            node.size,
            node.md5.as_deref(),
            node.created,
            node.modified,
        )?;
        if let Some(key) = node.blob() {
            tree::add_version(c, id, 1, &key, user, now)?;
        }
        copies.push(id);
    }
    Ok(copies[0])
}

#[cfg(test)]
mod props;
