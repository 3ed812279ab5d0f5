//! Bounded walks up the tree: every walk up `parent_id` links stops at [`MAX_WALK`], so a
//! corrupt tree (a cycle) answers an Internal error instead of looping forever while the
//! database lock is held. Below both the lookups (`tree`) and the shape checks (`tree_guard`).

use rusqlite::Connection;

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
