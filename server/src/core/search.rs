//! Queries over a user's whole live tree: search, favorites and folder totals. Each walks the
//! live subtree once (trashed items and everything inside them are never seen).

use rusqlite::params;
use satchel_wire::NodePath;

use super::nodes::{self, Entry};
use super::{Core, CoreError, CoreResult, User, now_ms};

/// What kind of item a search asks for, judged from the name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Folder,
    Image,
    Audio,
    Video,
    Document,
    Other,
}

impl Kind {
    pub fn of(entry: &Entry) -> Kind {
        if entry.node.folder {
            return Kind::Folder;
        }
        let mime = mime_guess::from_path(&entry.node.name).first_or_octet_stream();
        match (mime.type_().as_str(), mime.subtype().as_str()) {
            ("image", _) => Kind::Image,
            ("audio", _) => Kind::Audio,
            ("video", _) => Kind::Video,
            ("text", _) => Kind::Document,
            ("application", sub)
                if sub == "pdf"
                    || sub == "rtf"
                    || sub == "msword"
                    || sub == "epub+zip"
                    || sub.starts_with("vnd.ms-")
                    || sub.starts_with("vnd.openxmlformats-officedocument")
                    || sub.starts_with("vnd.oasis.opendocument") =>
            {
                Kind::Document
            }
            _ => Kind::Other,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// A case-insensitive substring of the name.
    pub text: Option<String>,
    pub kind: Option<Kind>,
    /// Inclusive bounds on `modified`, epoch ms.
    pub modified_from: Option<i64>,
    pub modified_to: Option<i64>,
    pub offset: usize,
    pub limit: usize,
}

#[derive(Debug, Clone)]
pub struct FolderInfo {
    pub entry: Entry,
    /// Bytes of every live file below.
    pub size: u64,
    pub files: u64,
    pub folders: u64,
}

/// Stable result order: by path, case-insensitively.
fn sort_by_path(entries: &mut [Entry]) {
    entries.sort_by_cached_key(|e| (e.path.to_string().to_lowercase(), e.path.to_string()));
}

impl Core {
    /// Matching live items anywhere in the tree, by path; answers the page and whether it is
    /// the last one.
    pub async fn search(&self, user: &User, q: SearchQuery) -> CoreResult<(Vec<Entry>, bool)> {
        let user = user.id;
        self.db
            .read(move |c| {
                let root = nodes::resolve(c, user, &NodePath::root())?;
                let needle = q.text.as_deref().map(str::to_lowercase).unwrap_or_default();
                let mut hits: Vec<Entry> = nodes::live_descendants(c, &root, &NodePath::root())?
                    .into_iter()
                    .filter(|e| needle.is_empty() || e.node.name.to_lowercase().contains(&needle))
                    .filter(|e| q.kind.is_none_or(|k| Kind::of(e) == k))
                    .filter(|e| q.modified_from.is_none_or(|t| e.node.modified >= t))
                    .filter(|e| q.modified_to.is_none_or(|t| e.node.modified <= t))
                    .collect();
                sort_by_path(&mut hits);
                let total = hits.len();
                let page: Vec<Entry> = hits.into_iter().skip(q.offset).take(q.limit).collect();
                Ok((page, q.offset.saturating_add(q.limit) >= total))
            })
            .await
    }

    /// Mark or unmark an item (file or folder) as a favorite.
    pub async fn set_favorite(
        &self,
        user: &User,
        path: NodePath,
        favorite: bool,
    ) -> CoreResult<Entry> {
        let user = user.id;
        self.db
            .tx(move |c| {
                if path.is_root() {
                    return Err(CoreError::Forbidden(
                        "the root folder cannot be a favorite".into(),
                    ));
                }
                let node = nodes::resolve(c, user, &path)?;
                nodes::check_writable(c, user, &path)?;
                if node.favorite != favorite {
                    c.execute(
                        "UPDATE nodes SET favorite = ?2 WHERE id = ?1",
                        params![node.id, favorite],
                    )?;
                    // The flag is part of the parent's listing, so its ETag must change.
                    if let Some(parent) = node.parent_id {
                        nodes::bump(c, parent, now_ms())?;
                    }
                }
                Ok(Entry {
                    path,
                    node: nodes::by_id(c, node.id)?,
                })
            })
            .await
    }

    /// Live favorites, by path (a favorite inside a trashed folder is not listed).
    pub async fn favorites(&self, user: &User) -> CoreResult<Vec<Entry>> {
        let user = user.id;
        self.db
            .read(move |c| {
                let root = nodes::resolve(c, user, &NodePath::root())?;
                let mut favs: Vec<Entry> = nodes::live_descendants(c, &root, &NodePath::root())?
                    .into_iter()
                    .filter(|e| e.node.favorite)
                    .collect();
                sort_by_path(&mut favs);
                Ok(favs)
            })
            .await
    }

    /// Totals below a folder; a file is 400, as the reference says.
    pub async fn folder_info(&self, user: &User, path: NodePath) -> CoreResult<FolderInfo> {
        let user = user.id;
        self.db
            .read(move |c| {
                let node = nodes::resolve(c, user, &path)?;
                if !node.folder {
                    return Err(CoreError::InvalidParameters(format!(
                        "the value of 'path' is not the folder path: {path}"
                    )));
                }
                let (mut size, mut files, mut folders) = (0, 0, 0);
                for e in nodes::live_descendants(c, &node, &path)? {
                    if e.node.folder {
                        folders += 1;
                    } else {
                        files += 1;
                        size += e.node.size;
                    }
                }
                Ok(FolderInfo {
                    entry: Entry { path, node },
                    size,
                    files,
                    folders,
                })
            })
            .await
    }
}
