//! Zip archives of files and folders, streamed as they are written: the plan (names and blobs)
//! comes from one transaction, then a blocking worker feeds [`ZipWriter`] from the blob files
//! into a small bounded channel. Nothing is built in memory or on disk, so a GiB folder costs
//! the same memory as a tiny one; a slow client simply slows the worker down.

use std::fs::File;
use std::io::{self, Write};

use bytes::Bytes;
use futures_util::Stream;
use rusqlite::{Connection, OptionalExtension, params};
use satchel_wire::NodePath;
use tokio::sync::mpsc;

use super::nodes::{self, Entry};
use super::zipstream::{ZipWriter, archive_len, civil};
use super::{Core, CoreError, CoreResult, User, now_ms, random_id};
use crate::store::{BlobKey, BlobStore};

/// How long a tokenized archive link works.
pub const ARCHIVE_TICKET_TTL_MS: i64 = 3600 * 1000;
/// Chunks handed to the HTTP body, and how many may wait: the worker's whole buffer.
const CHUNK: usize = 64 * 1024;
const CHUNKS_IN_FLIGHT: usize = 4;

#[derive(Debug, Clone)]
pub struct ArchiveEntry {
    /// The name inside the zip; folders end with `/`.
    pub name: String,
    pub modified: i64,
    /// `None` for a folder.
    pub blob: Option<BlobKey>,
}

#[derive(Debug, Clone)]
pub struct ArchivePlan {
    /// `<folder>_<datetime>.zip`.
    pub file_name: String,
    pub entries: Vec<ArchiveEntry>,
}

impl ArchivePlan {
    /// The zip's exact length in bytes.
    pub fn zip_len(&self) -> u64 {
        archive_len(
            self.entries
                .iter()
                .map(|e| (e.name.as_str(), e.blob.as_ref().map(|b| b.size))),
        )
    }
}

pub struct ArchiveGrant {
    pub ticket: String,
    pub file_name: String,
    pub expires: i64,
}

/// One path segment as a zip entry name. `\` is a separator to Windows unzip tools, so a Linux
/// name holding one (`a\b.txt`) would unpack into a folder `a`: it becomes `_`. `.` and `..`
/// cannot reach here (`FileName` refuses them) but would climb out of the target folder, so
/// they are mapped too. Entries are built only from such segments joined by `/`, never with a
/// leading `/`, so no entry can land outside the folder it is unpacked into.
pub(crate) fn zip_segment(name: &str) -> String {
    match name.replace('\\', "_") {
        dots if dots == "." || dots == ".." => "_".into(),
        safe => safe,
    }
}

/// `Docs_2026-11-23_13-05-09_UTC.zip`: the single item's name, or for several items the folder
/// holding the first one (`files` for the root).
fn archive_name(paths: &[NodePath], now: i64) -> String {
    let folder = match paths {
        [one] => one.name().map(|n| n.to_string()),
        [first, ..] => first.parent().and_then(|p| p.name().map(|n| n.to_string())),
        [] => None,
    }
    .unwrap_or_else(|| "files".into());
    let (y, mo, d, h, mi, s) = civil(now);
    format!("{folder}_{y:04}-{mo:02}-{d:02}_{h:02}-{mi:02}-{s:02}_UTC.zip")
}

pub(crate) fn plan(
    c: &Connection,
    user: i64,
    paths: &[NodePath],
    now: i64,
) -> CoreResult<ArchivePlan> {
    if paths.is_empty() {
        return Err(CoreError::InvalidParameters(
            "missing parameter: path".into(),
        ));
    }
    let mut entries = Vec::new();
    let mut taken: Vec<String> = Vec::new();
    for path in paths {
        let node = nodes::resolve(c, user, path)?;
        // Two items with the same name (from different folders) get `name (1)`, as copies do.
        let top = match path.name() {
            None => None,
            Some(name) => {
                let mut unique = zip_segment(name.as_str());
                let mut n = 0;
                while taken.contains(&unique) {
                    n += 1;
                    unique = zip_segment(name.numbered(n).as_str());
                }
                taken.push(unique.clone());
                Some(unique)
            }
        };
        let prefix = top.as_ref().map(|t| format!("{t}/")).unwrap_or_default();
        if !node.folder {
            entries.push(ArchiveEntry {
                name: top.unwrap_or_default(),
                modified: node.modified,
                blob: node.blob(),
            });
            continue;
        }
        if top.is_some() {
            entries.push(ArchiveEntry {
                name: prefix.clone(),
                modified: node.modified,
                blob: None,
            });
        }
        let depth = path.segments().len();
        let mut below: Vec<(String, Entry)> = nodes::live_descendants(c, &node, path)?
            .into_iter()
            .map(|e| {
                let rel: Vec<String> = e.path.segments()[depth..]
                    .iter()
                    .map(|s| zip_segment(s.as_str()))
                    .collect();
                (rel.join("/"), e)
            })
            .collect();
        // A folder's own entry sorts before its contents (its name is their prefix).
        below.sort_by(|a, b| a.0.cmp(&b.0));
        for (rel, e) in below {
            let name = if e.node.folder {
                format!("{prefix}{rel}/")
            } else {
                format!("{prefix}{rel}")
            };
            entries.push(ArchiveEntry {
                name,
                modified: e.node.modified,
                blob: e.node.blob(),
            });
        }
    }
    Ok(ArchivePlan {
        file_name: archive_name(paths, now),
        entries,
    })
}

/// The blocking end of the channel: batches small writes into [`CHUNK`]-sized pieces.
struct ChannelWriter {
    tx: mpsc::Sender<io::Result<Bytes>>,
    buf: Vec<u8>,
}

impl ChannelWriter {
    fn send(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK)));
        self.tx
            .blocking_send(Ok(chunk))
            // The client went away: stop reading blobs.
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the download was closed"))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

fn write_archive(blobs: &dyn BlobStore, plan: &ArchivePlan, out: ChannelWriter) -> io::Result<()> {
    let mut zip = ZipWriter::new(out);
    for entry in &plan.entries {
        match &entry.blob {
            None => zip.add_dir(&entry.name, entry.modified)?,
            Some(key) => {
                let file = blobs.local_path(key).ok_or_else(|| {
                    io::Error::new(
                        io::ErrorKind::NotFound,
                        format!("the content of {} is gone", entry.name),
                    )
                })?;
                zip.add_file(&entry.name, entry.modified, key.size, File::open(file)?)?;
            }
        }
    }
    zip.finish()?.flush()
}

impl Core {
    /// What a zip of `paths` would hold; missing paths are 404 before any byte is sent.
    pub async fn archive_plan(&self, user: &User, paths: Vec<NodePath>) -> CoreResult<ArchivePlan> {
        let user = user.id;
        self.db.read(move |c| plan(c, user, &paths, now_ms())).await
    }

    /// The zip's bytes as they are produced. A failure midway (a blob gone) ends the stream
    /// with an error, which cuts the HTTP response short rather than sending a broken zip.
    pub fn stream_archive(
        &self,
        plan: ArchivePlan,
    ) -> impl Stream<Item = io::Result<Bytes>> + Send + 'static {
        let (tx, rx) = mpsc::channel(CHUNKS_IN_FLIGHT);
        let blobs = self.blobs.clone();
        let fail = tx.clone();
        tokio::task::spawn_blocking(move || {
            let out = ChannelWriter {
                tx,
                buf: Vec::with_capacity(CHUNK),
            };
            // A closed download (BrokenPipe) is the client's choice, not a failure.
            if let Err(e) = write_archive(blobs.as_ref(), &plan, out)
                && e.kind() != io::ErrorKind::BrokenPipe
            {
                tracing::warn!("streaming {}: {e}", plan.file_name);
                let _ = fail.blocking_send(Err(e));
            }
        });
        futures_util::stream::unfold(rx, |mut rx| async move {
            rx.recv().await.map(|item| (item, rx))
        })
    }

    /// A link that streams the zip of `paths` without the auth header, for an hour.
    pub async fn grant_archive(
        &self,
        user: &User,
        paths: Vec<NodePath>,
    ) -> CoreResult<ArchiveGrant> {
        let user = user.id;
        self.db
            .tx(move |c| {
                let now = now_ms();
                let file_name = plan(c, user, &paths, now)?.file_name;
                let ticket = random_id();
                let expires = now + ARCHIVE_TICKET_TTL_MS;
                let lines: Vec<String> = paths.iter().map(|p| p.to_string()).collect();
                c.execute("DELETE FROM archive_tickets WHERE expires < ?1", [now])?;
                c.execute(
                    "INSERT INTO archive_tickets (ticket, user_id, paths, file_name, expires) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![ticket, user, lines.join("\n"), file_name, expires],
                )?;
                Ok(ArchiveGrant { ticket, file_name, expires })
            })
            .await
    }

    /// The plan behind a link, made now (the tree may have changed since the link was made),
    /// under the link's file name.
    pub async fn redeem_archive(&self, ticket: &str) -> CoreResult<ArchivePlan> {
        let t = ticket.to_owned();
        self.db
            .read(move |c| {
                let (user, lines, file_name) = c
                    .query_row(
                        "SELECT user_id, paths, file_name FROM archive_tickets WHERE ticket = ?1 AND expires > ?2",
                        params![t, now_ms()],
                        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)),
                    )
                    .optional()?
                    .ok_or_else(|| CoreError::NotFound("the archive link is unknown or expired".into()))?;
                let paths = lines
                    .lines()
                    .map(NodePath::parse)
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(ArchivePlan { file_name, ..plan(c, user, &paths, now_ms())? })
            })
            .await
    }
}
