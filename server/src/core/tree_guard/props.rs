//! Property test of the tree: random sequences of share-and-accept, mkdir, move, copy, rename,
//! delete and restore by three users, through the core API, keep the tree a forest. Small
//! names and shallow paths make nested shares and mounts of the same folder common, which is
//! how the cycle of the "Hardening" issue was reached.

use std::time::Duration;

use proptest::prelude::*;
use rusqlite::params;
use satchel_wire::{FileName, NodePath};

use super::ancestors;
use crate::core::{Core, CoreError, User, now_ms, tree, users};

const NAMES: [&str; 3] = ["a", "b", "c"];

#[derive(Debug, Clone)]
enum Op {
    Mkdir(usize, Vec<usize>),
    Share(usize, Vec<usize>, usize),
    Move(usize, Vec<usize>, Vec<usize>),
    Copy(usize, Vec<usize>, Vec<usize>),
    Rename(usize, Vec<usize>, usize),
    Delete(usize, Vec<usize>),
    Restore(usize, usize),
}

fn path(segments: &[usize]) -> NodePath {
    let names: Vec<&str> = segments.iter().map(|i| NAMES[*i]).collect();
    NodePath::parse(&format!("/{}", names.join("/"))).unwrap()
}

fn op() -> impl Strategy<Value = Op> {
    let user = 0..3usize;
    let p = || prop::collection::vec(0..NAMES.len(), 1..=3);
    prop_oneof![
        3 => (user.clone(), p()).prop_map(|(u, p)| Op::Mkdir(u, p)),
        3 => (user.clone(), p(), 0..3usize).prop_map(|(u, p, m)| Op::Share(u, p, m)),
        3 => (user.clone(), p(), prop::collection::vec(0..NAMES.len(), 0..=2))
            .prop_map(|(u, f, t)| Op::Move(u, f, t)),
        3 => (user.clone(), p(), prop::collection::vec(0..NAMES.len(), 0..=2))
            .prop_map(|(u, f, t)| Op::Copy(u, f, t)),
        1 => (user.clone(), p(), 0..NAMES.len()).prop_map(|(u, p, n)| Op::Rename(u, p, n)),
        1 => (user.clone(), p()).prop_map(|(u, p)| Op::Delete(u, p)),
        1 => (user, 0..4usize).prop_map(|(u, k)| Op::Restore(u, k)),
    ]
}

async fn apply(core: &Core, users: &[User], op: Op) -> Result<(), CoreError> {
    match op {
        Op::Mkdir(u, p) => core
            .create_folder(&users[u], path(&p), None, None)
            .await
            .map(drop),
        Op::Share(u, p, m) => {
            let member = &users[m];
            let invited = core
                .share_add(&users[u], path(&p), member.login.clone(), true, None)
                .await?;
            if let Some(inv) = invited {
                core.share_accept(member, inv.hash).await?;
            }
            Ok(())
        }
        Op::Move(u, f, t) => core
            .move_node(&users[u], path(&f), path(&t), false)
            .await
            .map(drop),
        Op::Copy(u, f, t) => core
            .copy_node(&users[u], path(&f), path(&t), true)
            .await
            .map(drop),
        Op::Rename(u, p, n) => {
            let name = FileName::parse(NAMES[n]).unwrap();
            core.rename(&users[u], path(&p), name).await.map(drop)
        }
        Op::Delete(u, p) => core
            .delete(&users[u], path(&p), false, false)
            .await
            .map(drop),
        Op::Restore(u, k) => {
            let page = core.list_trash(&users[u], false, 0, 0).await?;
            match page.items.get(k) {
                Some(item) => core
                    .restore_trash(&users[u], item.id.clone(), false)
                    .await
                    .map(drop),
                None => Ok(()),
            }
        }
    }
}

/// No cycle, every live node reachable from its owner's root by its path, live siblings
/// uniquely named.
fn check_invariants(c: &rusqlite::Connection) -> Result<(), String> {
    let all: Vec<(i64, i64, bool)> = {
        let mut stmt = c
            .prepare("SELECT id, user_id, deleted_at IS NOT NULL FROM nodes")
            .unwrap();
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)));
        rows.unwrap().collect::<Result<_, _>>().unwrap()
    };
    for (id, owner, _) in &all {
        let up = ancestors(c, *id).map_err(|e| format!("node {id}: {e}"))?;
        let top = tree::by_id(c, *up.last().unwrap()).unwrap();
        if top.parent_id.is_some() || top.user_id != *owner {
            return Err(format!("node {id} does not lead to its owner's root"));
        }
        let live = up
            .iter()
            .all(|a| tree::by_id(c, *a).unwrap().deleted_at.is_none());
        if live && up.len() > 1 {
            let p = tree::path_of(c, *id).map_err(|e| e.to_string())?;
            let found = tree::lookup(c, *owner, &p).map_err(|e| e.to_string())?;
            if found.map(|n| n.id) != Some(*id) {
                return Err(format!("node {id} is not found at its path {p}"));
            }
        }
    }
    let dup: Option<(i64, String)> = c
        .query_row(
            "SELECT parent_id, name FROM nodes WHERE deleted_at IS NULL AND parent_id IS NOT NULL \
             GROUP BY parent_id, name HAVING COUNT(*) > 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .ok();
    match dup {
        Some(d) => Err(format!("two live siblings named alike: {d:?}")),
        None => Ok(()),
    }
}

fn run(ops: Vec<Op>) -> Result<(), String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = crate::Config::new(dir.path().join("data"));
    let out = rt.block_on(async {
        let core = crate::open_core(&config).await.map_err(|e| e.to_string())?;
        // Users straight into the database: hashing three passwords per case would dominate.
        let users: Vec<User> = core
            .db
            .tx_blocking(|c| {
                (0..3)
                    .map(|i| {
                        let login = format!("u{i}");
                        c.execute(
                            "INSERT INTO users (login, name, password_hash, created) \
                             VALUES (?1, ?1, 'x', ?2)",
                            params![login, now_ms()],
                        )?;
                        let id = c.last_insert_rowid();
                        users::insert_root_folder(c, id, now_ms())?;
                        Ok(User {
                            id,
                            login: login.clone(),
                            name: login,
                        })
                    })
                    .collect()
            })
            .map_err(|e| e.to_string())?;
        for op in ops {
            let shown = format!("{op:?}");
            // A hang (the cycle this guards against) fails the case instead of stalling it.
            match tokio::time::timeout(Duration::from_secs(5), apply(&core, &users, op)).await {
                Err(_) => return Err(format!("{shown} did not finish")),
                Ok(Err(CoreError::Internal(e))) => return Err(format!("{shown}: internal {e}")),
                Ok(_) => {}
            }
        }
        core.db
            .tx_blocking(|c| Ok(check_invariants(c)))
            .map_err(|e| e.to_string())?
    });
    // A stuck blocking task must not stall the test run.
    rt.shutdown_background();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_operations_keep_the_tree_a_forest(ops in prop::collection::vec(op(), 1..20)) {
        if let Err(e) = run(ops) {
            return Err(TestCaseError::fail(e));
        }
    }
}
