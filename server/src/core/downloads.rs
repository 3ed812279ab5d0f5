//! Download tickets: short-lived random ids that let a plain `GET` (a link, an `<img>`, a
//! download manager) fetch one blob without the auth header, like a presigned URL.

use std::path::PathBuf;

use rusqlite::{OptionalExtension, params};
use satchel_wire::NodePath;

use super::nodes::Entry;
use super::{Core, CoreError, CoreResult, User, now_ms, random_id};
use crate::store::BlobKey;

pub const TICKET_TTL_MS: i64 = 3600 * 1000;

pub struct Grant {
    pub ticket: String,
    pub entry: Entry,
    pub version: i64,
    pub blob: BlobKey,
}

pub struct Redeemed {
    pub name: String,
    pub blob: BlobKey,
    pub file: PathBuf,
}

impl Core {
    pub async fn grant_download(
        &self,
        user: &User,
        path: NodePath,
        version: Option<i64>,
    ) -> CoreResult<Grant> {
        let (entry, version, blob) = self.file_version(user, path, version).await?;
        let ticket = random_id();
        let (t, name, key, uid) = (
            ticket.clone(),
            entry.node.name.clone(),
            blob.clone(),
            user.id,
        );
        self.db
            .tx(move |c| {
                let now = now_ms();
                c.execute("DELETE FROM tickets WHERE expires < ?1", [now])?;
                c.execute(
                    "INSERT INTO tickets (ticket, user_id, md5, size, name, expires) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![t, uid, key.md5, super::sizes::declared("size", key.size)?, name, now + TICKET_TTL_MS],
                )?;
                Ok(())
            })
            .await?;
        Ok(Grant {
            ticket,
            entry,
            version,
            blob,
        })
    }

    pub async fn redeem_download(&self, ticket: &str) -> CoreResult<Redeemed> {
        let t = ticket.to_owned();
        let (name, blob) = self
            .db
            .read(move |c| {
                let (name, blob, link) = c
                    .query_row(
                        "SELECT name, md5, size, link_hash FROM tickets WHERE ticket = ?1 AND expires > ?2",
                        params![t, now_ms()],
                        |r| {
                            Ok((
                                r.get::<_, String>(0)?,
                                BlobKey {
                                    md5: r.get(1)?,
                                    size: super::sizes::stored(r.get(2)?),
                                },
                                r.get::<_, Option<String>>(3)?,
                            ))
                        },
                    )
                    .optional()?
                    .ok_or_else(|| {
                        CoreError::NotFound("the download link is unknown or expired".into())
                    })?;
                // Granted through a public link: the link must still stand now.
                if let Some(hash) = link {
                    super::link_tickets::check_still_open(c, &hash)?;
                }
                Ok((name, blob))
            })
            .await?;
        let file = self
            .blobs
            .local_path(&blob)
            .ok_or_else(|| CoreError::NotFound("the file's content is gone".into()))?;
        Ok(Redeemed { name, blob, file })
    }
}
