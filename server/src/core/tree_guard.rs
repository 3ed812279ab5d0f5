//! The shape of the tree: `parent_id` links must form a forest (one tree per user, no cycle).
//!
//! A move or copy is checked here by node id, not by path: one folder can be reached by two
//! paths (a share and a share inside it, both mounted by the same member), so a path check
//! alone let a folder become its own ancestor. Every walk up the tree is bounded by
//! [`MAX_WALK`], so a corrupt tree answers an Internal error instead of looping forever while
//! the database lock is held. [`copy_subtree`] lists what it copies before inserting anything,
//! and iterates, so it can neither walk into its own copies nor overflow the stack.

use std::collections::HashSet;

use rusqlite::Connection;
use satchel_wire::NodePath;

use super::nodes::{self, Node};
use super::{CoreError, CoreResult};

/// More folders above a node than any real tree has (paths are at most 256 deep); reaching it
/// means a cycle.
pub(crate) const MAX_WALK: usize = 10_000;

fn corrupt(id: i64) -> CoreError {
    CoreError::Internal(format!(
        "the tree above node {id} is corrupt: a cycle, or deeper than {MAX_WALK}"
    ))
}

/// Counts the steps of a walk up the tree, refusing the step past [`MAX_WALK`].
pub(crate) struct Steps {
    start: i64,
    taken: usize,
}

impl Steps {
    pub(crate) fn from(start: i64) -> Self {
        Self { start, taken: 0 }
    }

    pub(crate) fn step(&mut self) -> CoreResult<()> {
        self.taken += 1;
        if self.taken > MAX_WALK {
            return Err(corrupt(self.start));
        }
        Ok(())
    }
}

/// `id` and the id of every folder above it, bottom-up, ending at a root.
pub(crate) fn ancestors(c: &Connection, id: i64) -> CoreResult<Vec<i64>> {
    // The depth column bounds the recursion even when the links loop.
    let mut stmt = c.prepare_cached(
        "WITH RECURSIVE up(id, depth) AS (SELECT ?1, 0 UNION ALL \
         SELECT n.parent_id, up.depth + 1 FROM nodes n JOIN up ON n.id = up.id \
         WHERE n.parent_id IS NOT NULL AND up.depth < ?2) \
         SELECT id FROM up ORDER BY depth",
    )?;
    let rows = stmt.query_map(rusqlite::params![id, MAX_WALK as i64], |r| r.get(0))?;
    let ids: Vec<i64> = rows.collect::<Result<_, _>>()?;
    if ids.len() > MAX_WALK {
        return Err(corrupt(id));
    }
    Ok(ids)
}

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
            for kid in nodes::children(c, plan[i].0.id)? {
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
        let id = nodes::insert_node(
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
            nodes::add_version(c, id, 1, &key, user, now)?;
        }
        copies.push(id);
    }
    Ok(copies[0])
}

#[cfg(test)]
mod props;
