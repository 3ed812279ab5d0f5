//! Public links: a random hash that lets anyone (no account) see and download one file or
//! folder, optionally with an expiry, a download limit and a password. A recipient's paths are
//! relative to the linked node and are resolved inside it only: a path is a list of validated
//! names (never `..`), walked down from the linked node, so nothing outside can be reached.

use rusqlite::{Connection, OptionalExtension, params};
use satchel_wire::NodePath;

use super::archive::ArchivePlan;
use super::downloads::TICKET_TTL_MS;
use super::link_tickets;
use super::nodes::{self, Entry, ListQuery, Listing, Node};
use super::passwords;
use super::tasks::{TaskKind, TaskOutcome, TaskState};
use super::throttle::{self, Scope};
use super::{Core, CoreError, CoreResult, User, now_ms};
use crate::store::BlobKey;

/// The longest `ttl` accepted: one year, in seconds.
pub const MAX_TTL_S: u64 = 31_536_000;

/// A link as its creator sees it.
#[derive(Debug, Clone)]
pub struct Link {
    pub hash: String,
    pub path: NodePath,
    pub name: String,
    pub folder: bool,
    pub created: i64,
    pub expires: Option<i64>,
    pub download_max: Option<u64>,
    pub downloads: u64,
    pub has_password: bool,
}

/// What `links/create/` sets.
#[derive(Debug, Clone, Default)]
pub struct LinkSettings {
    /// Seconds; `None` or 0 never expires.
    pub ttl: Option<u64>,
    /// `None` or 0 is unlimited.
    pub download_max: Option<u64>,
    pub password: Option<String>,
}

/// A download the recipient is allowed: the ticket and what it serves.
pub struct LinkGrant {
    pub ticket: String,
    pub entry: Entry,
    pub blob: BlobKey,
}

/// `node_id, expires, download_max, downloads, password_hash` of a link.
type LinkRow = (
    i64,
    Option<i64>,
    Option<i64>,
    i64,
    Option<String>,
    i64,
    String,
);

/// The link row a recipient's request opens.
struct Opened {
    hash: String,
    node: Node,
    password_hash: Option<String>,
}

/// 40 lower-case hex digits.
fn new_hash() -> String {
    let id = super::random_id();
    format!("{id}{}", &super::random_id()[..8])
}

fn link_of(c: &Connection, user: i64, hash: &str) -> CoreResult<Link> {
    let (node_id, stored, created, expires, max, downloads, pw): (
        i64,
        String,
        i64,
        Option<i64>,
        Option<i64>,
        i64,
        Option<String>,
    ) = c
        .query_row(
            "SELECT node_id, path, created, expires, download_max, downloads, password_hash \
             FROM links WHERE hash = ?1 AND user_id = ?2",
            params![hash, user],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            },
        )
        .optional()?
        .ok_or(CoreError::LinkNotFound)?;
    let node = nodes::by_id(c, node_id)?;
    // The creator's own items follow renames and moves; a link made inside a mount keeps the
    // path it was made at.
    let path = if node.user_id == user {
        nodes::path_of(c, node_id)?
    } else {
        NodePath::parse(&stored)?
    };
    Ok(Link {
        hash: hash.to_owned(),
        name: path.name().map(|n| n.to_string()).unwrap_or_default(),
        path,
        folder: node.folder,
        created,
        expires,
        download_max: max.map(super::sizes::stored),
        downloads: super::sizes::stored(downloads),
        has_password: pw.is_some(),
    })
}

/// Nothing at a recipient's path. The message never echoes a path.
fn not_inside() -> CoreError {
    CoreError::NotFound("no such item in the shared link".into())
}

/// The node at `rel` (relative to the linked node), walking down from it only.
fn inside(c: &Connection, top: &Node, rel: &NodePath) -> CoreResult<Node> {
    let mut node = top.clone();
    for segment in rel.segments() {
        if !node.folder {
            return Err(not_inside());
        }
        node = nodes::children(c, node.id)?
            .into_iter()
            .find(|n| n.name == segment.as_str())
            .ok_or_else(not_inside)?;
    }
    Ok(node)
}

impl Core {
    pub async fn create_link(
        &self,
        user: &User,
        path: NodePath,
        settings: LinkSettings,
    ) -> CoreResult<Link> {
        let ttl = settings.ttl.unwrap_or(0);
        if ttl > MAX_TTL_S {
            return Err(CoreError::InvalidParameters(format!(
                "parameter ttl: at most {MAX_TTL_S} seconds"
            )));
        }
        let password_hash = match settings.password.filter(|p| !p.is_empty()) {
            Some(p) => Some(passwords::hash(p).await?),
            None => None,
        };
        let uid = user.id;
        // Beyond i64 it would be stored negative: refused rather than silently clamped.
        let max =
            super::sizes::declared_opt("download_max", settings.download_max.filter(|m| *m > 0))?;
        self.db
            .tx(move |c| {
                if path.is_root() {
                    return Err(CoreError::Forbidden(
                        "the root folder cannot be shared by link".into(),
                    ));
                }
                let node = nodes::resolve(c, uid, &path)?;
                // Publishing is a write: a read-only collaborator cannot link the owner's items.
                nodes::check_writable(c, uid, &path)?;
                let now = now_ms();
                let expires = (ttl > 0).then(|| now + ttl as i64 * 1000);
                let existing: Option<String> = c
                    .query_row(
                        "SELECT hash FROM links WHERE node_id = ?1 AND user_id = ?2",
                        params![node.id, uid],
                        |r| r.get(0),
                    )
                    .optional()?;
                let hash = match existing {
                    Some(hash) => {
                        c.execute(
                            "UPDATE links SET expires = ?2, download_max = ?3, password_hash = ?4, \
                             path = ?5 WHERE hash = ?1",
                            params![hash, expires, max, password_hash, path.to_string()],
                        )?;
                        // Tickets granted under the old settings do not survive them.
                        link_tickets::revoke(c, &hash)?;
                        hash
                    }
                    None => {
                        let hash = new_hash();
                        c.execute(
                            "INSERT INTO links (hash, user_id, node_id, path, created, expires, \
                             download_max, password_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                            params![
                                hash,
                                uid,
                                node.id,
                                path.to_string(),
                                now,
                                expires,
                                max,
                                password_hash
                            ],
                        )?;
                        hash
                    }
                };
                link_of(c, uid, &hash)
            })
            .await
    }

    /// My links, newest first.
    pub async fn links(&self, user: &User) -> CoreResult<Vec<Link>> {
        let uid = user.id;
        self.db
            .read(move |c| {
                let hashes: Vec<String> = {
                    let mut stmt = c.prepare(
                        "SELECT hash FROM links WHERE user_id = ?1 ORDER BY created DESC, hash",
                    )?;
                    let rows = stmt.query_map([uid], |r| r.get(0))?;
                    rows.collect::<Result<_, _>>()?
                };
                hashes.iter().map(|h| link_of(c, uid, h)).collect()
            })
            .await
    }

    /// Remove my link to `path`, or my link `hash`.
    pub async fn delete_link(
        &self,
        user: &User,
        path: Option<NodePath>,
        hash: Option<String>,
    ) -> CoreResult<()> {
        let uid = user.id;
        self.db
            .tx(move |c| {
                let n = match (path, hash) {
                    (_, Some(hash)) => c.execute(
                        "DELETE FROM links WHERE hash = ?1 AND user_id = ?2",
                        params![hash, uid],
                    )?,
                    (Some(path), None) => {
                        let node = nodes::resolve(c, uid, &path)?;
                        c.execute(
                            "DELETE FROM links WHERE node_id = ?1 AND user_id = ?2",
                            params![node.id, uid],
                        )?
                    }
                    (None, None) => {
                        return Err(CoreError::InvalidParameters(
                            "missing parameter: path".into(),
                        ));
                    }
                };
                if n == 0 {
                    return Err(CoreError::LinkNotFound);
                }
                Ok(())
            })
            .await
    }

    /// Check a recipient's access: the link exists, is live, has downloads left, and the
    /// password (if any) matches.
    async fn open_link(&self, hash: &str, password: Option<String>) -> CoreResult<Opened> {
        let h = hash.to_owned();
        let opened = self
            .db
            .read(move |c| {
                let row: Option<LinkRow> = c
                    .query_row(
                        "SELECT node_id, expires, download_max, downloads, password_hash, user_id, path \
                         FROM links WHERE hash = ?1",
                        [&h],
                        |r| {
                            Ok((
                                r.get(0)?,
                                r.get(1)?,
                                r.get(2)?,
                                r.get(3)?,
                                r.get(4)?,
                                r.get(5)?,
                                r.get(6)?,
                            ))
                        },
                    )
                    .optional()?;
                let (node_id, expires, max, downloads, password_hash, creator, made_at) =
                    row.ok_or(CoreError::LinkNotFound)?;
                let node =
                    super::link_tickets::check_link_stands(c, node_id, expires, creator, &made_at)?;
                if max.is_some_and(|m| downloads >= m) {
                    return Err(CoreError::DownloadLimitReached);
                }
                Ok(Opened {
                    hash: h,
                    node,
                    password_hash,
                })
            })
            .await?;
        if let Some(stored) = opened.password_hash.clone() {
            let Some(given) = password.filter(|p| !p.is_empty()) else {
                return Err(CoreError::PasswordRequired);
            };
            // Guesses count per link and source, and draw on the source's bucket.
            let attempt = self.throttle.reserve(
                Scope::Link,
                &throttle::link_key(&opened.hash),
                throttle::source(),
            )?;
            let ok = match passwords::verify(given, Some(stored)).await {
                Ok(ok) => ok,
                Err(e) => {
                    self.throttle.release(attempt);
                    return Err(e);
                }
            };
            let _ = self.throttle.settle(attempt, ok);
            if !ok {
                return Err(CoreError::WrongPassword);
            }
        }
        Ok(opened)
    }

    /// The recipient's view of `rel` (paths relative to the linked item).
    pub async fn link_list(
        &self,
        hash: &str,
        password: Option<String>,
        rel: NodePath,
        q: ListQuery,
    ) -> CoreResult<Listing> {
        let top = self.open_link(hash, password).await?.node;
        self.db
            .read(move |c| {
                let node = inside(c, &top, &rel)?;
                let children = (q.listing && node.folder)
                    .then(|| -> CoreResult<_> {
                        Ok(nodes::page_of(nodes::children(c, node.id)?, &rel, q))
                    })
                    .transpose()?;
                Ok(Listing {
                    entry: Entry { path: rel, node },
                    children,
                })
            })
            .await
    }

    /// A download ticket for the file at `rel`; counts as one download.
    pub async fn link_download(
        &self,
        hash: &str,
        password: Option<String>,
        rel: NodePath,
    ) -> CoreResult<LinkGrant> {
        let opened = self.open_link(hash, password).await?;
        self.db
            .tx(move |c| {
                let node = inside(c, &opened.node, &rel)?;
                let Some(blob) = node.blob().filter(|_| !node.folder) else {
                    return Err(CoreError::InvalidParameters(
                        "a folder cannot be downloaded as a file".into(),
                    ));
                };
                let ticket = super::random_id();
                let now = now_ms();
                c.execute("DELETE FROM tickets WHERE expires < ?1", [now])?;
                c.execute(
                    "INSERT INTO tickets (ticket, user_id, md5, size, name, expires, link_hash) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        ticket,
                        node.user_id,
                        blob.md5,
                        super::sizes::declared("size", blob.size)?,
                        node.name,
                        now + TICKET_TTL_MS,
                        opened.hash
                    ],
                )?;
                link_tickets::count_download(c, &opened.hash)?;
                Ok(LinkGrant {
                    ticket,
                    entry: Entry { path: rel, node },
                    blob,
                })
            })
            .await
    }

    /// The zip of `rels` (none = the whole linked item); counts as one download.
    pub async fn link_archive(
        &self,
        hash: &str,
        password: Option<String>,
        rels: Vec<NodePath>,
    ) -> CoreResult<ArchivePlan> {
        let opened = self.open_link(hash, password).await?;
        self.db
            .tx(move |c| {
                let top_path = nodes::path_of(c, opened.node.id)?;
                let rels = if rels.is_empty() {
                    vec![NodePath::root()]
                } else {
                    rels
                };
                let mut paths = Vec::new();
                for rel in &rels {
                    inside(c, &opened.node, rel)?;
                    let mut p = top_path.clone();
                    for s in rel.segments() {
                        p = p.join(s);
                    }
                    paths.push(p);
                }
                let plan = super::archive::plan(c, opened.node.user_id, &paths, now_ms())?;
                link_tickets::count_download(c, &opened.hash)?;
                Ok(plan)
            })
            .await
    }

    /// Copy the linked item into `user`'s root (numbered on a clash), as a finished task.
    pub async fn add_link_to_storage(
        &self,
        user: &User,
        hash: &str,
        password: Option<String>,
    ) -> CoreResult<String> {
        let opened = self.open_link(hash, password).await?;
        let uid = user.id;
        let outcome = self
            .db
            .tx(move |c| {
                let root = nodes::resolve(c, uid, &NodePath::root())?;
                let (id, name) = nodes::copy_numbered(c, uid, &opened.node, &root)?;
                nodes::bump(c, root.id, now_ms())?;
                let copied = nodes::by_id(c, id)?;
                let below = nodes::live_descendants(c, &copied, &NodePath::root())?;
                let (files_count, size) = if copied.folder {
                    let files: Vec<&Entry> = below.iter().filter(|e| !e.node.folder).collect();
                    (
                        files.len() as u64,
                        files.iter().map(|e| e.node.size).sum::<u64>(),
                    )
                } else {
                    (1, copied.size)
                };
                Ok(TaskOutcome::Copied {
                    folder_name: name,
                    files_count,
                    size,
                })
            })
            .await?;
        let id = self.tasks.start(user.id, TaskKind::Copy);
        self.tasks.set(&id, TaskState::Done(outcome));
        Ok(id)
    }
}
