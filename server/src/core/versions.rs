//! A file's version history: every stored content of a file, newest last, each with its author.
//! Restoring an old version copies it into a new newest version, so history is never rewritten.

use rusqlite::{OptionalExtension, params};
use satchel_wire::NodePath;

use super::events::{self, Extra, Kind};
use super::nodes::{self, Entry};
use super::{Core, CoreError, CoreResult, User, now_ms};
use crate::store::BlobKey;

#[derive(Debug, Clone)]
pub struct Version {
    pub version: i64,
    pub blob: BlobKey,
    pub created: i64,
    pub author: i64,
    pub author_name: String,
    pub restored_from: Option<i64>,
}

fn live_file(c: &rusqlite::Connection, user: i64, path: &NodePath) -> CoreResult<nodes::Node> {
    let node = nodes::resolve(c, user, path)?;
    if node.folder {
        return Err(CoreError::InvalidParameters(format!(
            "{path} is a folder, not a file"
        )));
    }
    Ok(node)
}

impl Core {
    /// Newest first; `skip` passes over the newest ones, `limit` 0 means all.
    pub async fn versions(
        &self,
        user: &User,
        path: NodePath,
        skip: usize,
        limit: usize,
    ) -> CoreResult<Vec<Version>> {
        let user = user.id;
        self.db
            .read(move |c| {
                let node = live_file(c, user, &path)?;
                let mut stmt = c.prepare(
                    "SELECT v.version, v.md5, v.size, v.created, v.author, COALESCE(u.name, ''), v.restored_from \
                     FROM versions v LEFT JOIN users u ON u.id = v.author \
                     WHERE v.node_id = ?1 ORDER BY v.version DESC LIMIT ?2 OFFSET ?3",
                )?;
                let limit = if limit == 0 { -1 } else { limit as i64 };
                let rows = stmt.query_map(params![node.id, limit, skip as i64], |r| {
                    Ok(Version {
                        version: r.get(0)?,
                        blob: BlobKey { md5: r.get(1)?, size: r.get::<_, i64>(2)? as u64 },
                        created: r.get(3)?,
                        author: r.get(4)?,
                        author_name: r.get(5)?,
                        restored_from: r.get(6)?,
                    })
                })?;
                Ok(rows.collect::<Result<_, _>>()?)
            })
            .await
    }

    /// Make version `version`'s content the file's new newest version (authored by `user`).
    pub async fn restore_version(
        &self,
        user: &User,
        path: NodePath,
        version: i64,
    ) -> CoreResult<Entry> {
        let uid = user.id;
        self.db
            .tx(move |c| {
                let node = live_file(c, uid, &path)?;
                nodes::check_writable(c, uid, &path)?;
                let key = c
                    .query_row(
                        "SELECT md5, size FROM versions WHERE node_id = ?1 AND version = ?2",
                        params![node.id, version],
                        |r| Ok(BlobKey { md5: r.get(0)?, size: r.get::<_, i64>(1)? as u64 }),
                    )
                    .optional()?
                    .ok_or_else(|| CoreError::NotFound(format!("{path} version {version}")))?;
                let now = now_ms();
                let next = node.version + 1;
                c.execute(
                    "UPDATE nodes SET size = ?2, md5 = ?3, version = ?4, modified = ?5 WHERE id = ?1",
                    params![node.id, key.size as i64, key.md5, next, now],
                )?;
                c.execute(
                    "INSERT INTO versions (node_id, version, md5, size, author, created, restored_from) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![node.id, next, key.md5, key.size as i64, uid, now, version],
                )?;
                if let Some(parent) = node.parent_id {
                    nodes::bump(c, parent, now)?;
                }
                events::record(c, Kind::VersionRestored, uid, node.id, Extra::default())?;
                Ok(Entry { path, node: nodes::by_id(c, node.id)? })
            })
            .await
    }
}
