//! OpenDrive's records as the SPA reads them (only the fields it uses, leniently), and their
//! mapping onto Satchel's model. Shared by the areas.

use super::*;

// Lenient scalars: the guide sends numbers as numbers or strings of digits, booleans as 0/1.
pub(super) use satchel_wire::loose::{Id, Num};

// Records, with only the fields the SPA reads (docs/dialects/opendrive.md, "Objects").

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub(super) struct WireFolder {
    #[serde(rename = "FolderID")]
    pub(super) folder_id: Id,
    pub(super) name: String,
    pub(super) date_created: Num,
    pub(super) date_modified: Num,
    pub(super) date_trashed: Num,
    pub(super) shared: Num,
    pub(super) link: String,
    pub(super) writable: Option<Num>,
    pub(super) permission: Option<Num>,
    pub(super) comments_count: Num,
    /// Extension: the absolute path in the caller's tree.
    pub(super) path: String,
    pub(super) is_mount: Num,
    pub(super) owner_name: String,
    pub(super) owner: Id,
    pub(super) access: Num,
    /// Extension, trash list: where it was.
    pub(super) orig_path: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub(super) struct WireFile {
    #[serde(rename = "FileId")]
    pub(super) file_id: Id,
    pub(super) name: String,
    pub(super) size: Num,
    pub(super) version: Num,
    pub(super) date_modified: Num,
    pub(super) date_uploaded: Num,
    pub(super) access: Num,
    pub(super) link: String,
    pub(super) thumb_link: String,
    pub(super) file_hash: String,
    pub(super) owner: Id,
    pub(super) writable: Option<Num>,
    pub(super) comments_count: Num,
    pub(super) password_protected: Num,
    pub(super) path: String,
    pub(super) downloads: Num,
    /// *(sic)* the trash list's deletion date.
    pub(super) data_trashed: Num,
    pub(super) date_trashed: Num,
    pub(super) orig_path: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub(super) struct Listing {
    /// An opaque change stamp: compared, never read.
    pub(super) dir_update_time: Value,
    pub(super) folders: Vec<WireFolder>,
    pub(super) files: Vec<WireFile>,
    pub(super) is_last_page: Option<Num>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub(super) struct TrashList {
    pub(super) folders: Vec<WireFolder>,
    pub(super) files: Vec<WireFile>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub(super) struct WireComment {
    pub(super) comment_id: Id,
    pub(super) comment: String,
    pub(super) created: Num,
    pub(super) modified: Num,
    pub(super) user_id: Id,
    pub(super) owner_first_name: String,
    pub(super) owner_last_name: String,
    pub(super) is_task: Num,
}

// Mapping records to Satchel's terms (pure, tested below).

pub(super) fn unexpected(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorKind::Unexpected, 200, message)
}

/// Where a record lives: its `Path` when the server gave one, else `fallback`.
pub(super) fn record_path(raw: &str, fallback: Option<NodePath>) -> Result<NodePath, ApiError> {
    if !raw.is_empty()
        && let Ok(path) = NodePath::parse(raw)
    {
        return Ok(path);
    }
    fallback.ok_or_else(|| unexpected(format!("no usable path: {raw:?}")))
}

/// `parent/name`, if `name` is a valid name.
pub(super) fn child(parent: &NodePath, name: &str) -> Option<NodePath> {
    FileName::parse(name).ok().map(|n| parent.join(&n))
}

pub(super) fn name_of(path: &NodePath, fallback: &str) -> String {
    path.name()
        .map(|n| n.as_str().to_owned())
        .unwrap_or_else(|| fallback.to_owned())
}

pub(super) fn folder_writable(f: &WireFolder) -> Option<bool> {
    f.writable.or(f.permission).map(Num::flag)
}

pub(super) fn folder_entry(f: &WireFolder, path: NodePath) -> Entry {
    Entry {
        name: name_of(&path, &f.name),
        path,
        is_folder: true,
        size: 0,
        modified_ms: f.date_modified.ms(),
        checksum: None,
        version: 0,
        created_ms: f.date_created.ms(),
        mime: None,
        favorite: false,
        thumbnail: false,
        shared: f.shared.flag() || f.is_mount.flag(),
        writable: folder_writable(f).unwrap_or(true),
        comments: f.comments_count.bytes(),
        owner_id: (!f.owner.0.is_empty()).then(|| f.owner.0.clone()),
    }
}

pub(super) fn file_entry(f: &WireFile, path: NodePath) -> Entry {
    let uploaded = f.date_uploaded.ms();
    Entry {
        name: name_of(&path, &f.name),
        path,
        is_folder: false,
        size: f.size.bytes(),
        modified_ms: f.date_modified.ms(),
        checksum: (!f.file_hash.is_empty()).then(|| f.file_hash.to_ascii_lowercase()),
        version: f.version.0,
        created_ms: if uploaded > 0 {
            uploaded
        } else {
            f.date_modified.ms()
        },
        mime: None,
        favorite: false,
        thumbnail: !f.thumb_link.is_empty(),
        shared: false,
        writable: f.writable.is_none_or(Num::flag),
        comments: f.comments_count.bytes(),
        owner_id: (!f.owner.0.is_empty()).then(|| f.owner.0.clone()),
    }
}

/// The children of `folder` in a listing (folders first), with what the id cache should learn.
pub(super) fn listing_entries(folder: &NodePath, l: &Listing) -> Vec<(Entry, Known)> {
    let folders = l.folders.iter().filter_map(|f| {
        let path = child(folder, &f.name)?;
        let known = Known::folder(f.folder_id.0.clone(), folder_writable(f));
        Some((folder_entry(f, path), known))
    });
    let files = l.files.iter().filter_map(|f| {
        let path = child(folder, &f.name)?;
        let known = Known::file(f.file_id.0.clone(), f.writable.map(Num::flag));
        Some((file_entry(f, path), known))
    });
    folders.chain(files).collect()
}

/// Where a trashed item was: `OrigPath` names the item itself or, if its last segment is not the
/// item's name, the folder it was in.
pub(super) fn original_path(orig: &str, name: &str) -> NodePath {
    let named = |p: NodePath| {
        if p.name().is_some_and(|n| n.as_str() == name) {
            Some(p)
        } else {
            child(&p, name)
        }
    };
    NodePath::parse(orig)
        .ok()
        .and_then(named)
        .or_else(|| child(&NodePath::root(), name))
        .unwrap_or_default()
}

/// A trash item's id for [`RecoveryApi::restore`] and [`RecoveryApi::purge`]: `kind:id:original path`.
pub(super) fn trash_id(kind: Kind, id: &str, original: &NodePath) -> String {
    let k = match kind {
        Kind::Folder => "folder",
        Kind::File => "file",
    };
    format!("{k}:{id}:{original}")
}

pub(super) fn parse_trash_id(raw: &str) -> Result<(Kind, &str, Option<NodePath>), ApiError> {
    let mut parts = raw.splitn(3, ':');
    let kind = match parts.next() {
        Some("folder") => Kind::Folder,
        Some("file") => Kind::File,
        _ => return Err(ApiError::new(ErrorKind::NotFound, 0, raw.to_owned())),
    };
    let id = parts.next().unwrap_or_default();
    let original = parts.next().and_then(|p| NodePath::parse(p).ok());
    Ok((kind, id, original))
}

pub(super) fn trash_entries(t: &TrashList) -> Vec<TrashEntry> {
    let folders = t.folders.iter().map(|f| {
        let original = original_path(&f.orig_path, &f.name);
        TrashEntry {
            id: trash_id(Kind::Folder, &f.folder_id.0, &original),
            name: f.name.clone(),
            original,
            is_folder: true,
            size: 0,
            deleted_ms: f.date_trashed.ms(),
        }
    });
    let files = t.files.iter().map(|f| {
        let original = original_path(&f.orig_path, &f.name);
        let deleted = if f.data_trashed.0 > 0 {
            f.data_trashed
        } else {
            f.date_trashed
        };
        TrashEntry {
            id: trash_id(Kind::File, &f.file_id.0, &original),
            name: f.name.clone(),
            original,
            is_folder: false,
            size: f.size.bytes(),
            deleted_ms: deleted.ms(),
        }
    });
    let mut all: Vec<TrashEntry> = folders.chain(files).collect();
    all.sort_by_key(|e| std::cmp::Reverse(e.deleted_ms));
    all
}

/// How many items and bytes purging `ids` (every listed item when empty) frees.
pub(super) fn purged_totals(listed: &[TrashEntry], ids: &[String]) -> (u64, u64) {
    listed
        .iter()
        .filter(|e| ids.is_empty() || ids.contains(&e.id))
        .fold((0, 0), |(n, b), e| (n + 1, b + e.size))
}

pub(super) fn comment_from(c: WireComment) -> Comment {
    let author = format!("{} {}", c.owner_first_name, c.owner_last_name)
        .trim()
        .to_owned();
    let created = c.created.ms();
    Comment {
        parts: split_mentions(&c.comment),
        id: c.comment_id.0,
        created_ms: created,
        modified_ms: if c.modified.0 > 0 {
            c.modified.ms()
        } else {
            created
        },
        text: c.comment,
        is_task: c.is_task.flag(),
        author_id: c.user_id.0,
        author_name: author,
        due_ms: None,
        assignees: Vec::new(),
    }
}

/// The search filter's kinds, judged like the viewer judges files.
pub(super) fn search_kind_of(entry: &Entry) -> SearchKind {
    const DOCUMENTS: &[&str] = &[
        "doc", "docx", "odt", "rtf", "xls", "xlsx", "ods", "ppt", "pptx", "odp", "pages", "key",
        "numbers",
    ];
    if entry.is_folder {
        return SearchKind::Folder;
    }
    let ext = entry
        .name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match preview_kind(entry) {
        PreviewKind::Image => SearchKind::Image,
        PreviewKind::Audio => SearchKind::Audio,
        PreviewKind::Video => SearchKind::Video,
        PreviewKind::Pdf | PreviewKind::Text => SearchKind::Document,
        PreviewKind::None if DOCUMENTS.contains(&ext.as_str()) => SearchKind::Document,
        PreviewKind::None => SearchKind::Other,
    }
}

pub(super) fn matches_search(entry: &Entry, query: &SearchQuery) -> bool {
    (query.kind == SearchKind::Any || search_kind_of(entry) == query.kind)
        && query.from_ms.is_none_or(|from| entry.modified_ms >= from)
        && query.to_ms.is_none_or(|to| entry.modified_ms <= to)
}

/// The zip's name as the server gives it: `Docs_2026-11-23_13-05-09_UTC.zip`, after the single
/// item, or for several items the folder holding the first one (`files` for the root).
pub(super) fn archive_name(paths: &[NodePath], now_ms: i64) -> String {
    let folder = match paths {
        [one] => one.name().map(|n| n.to_string()),
        [first, ..] => first.parent().and_then(|p| p.name().map(|n| n.to_string())),
        [] => None,
    }
    .unwrap_or_else(|| "files".into());
    let secs = now_ms.div_euclid(1000);
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Days since 1970-01-01 to a civil date (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let (h, mi, s) = (rest / 3600, rest % 3600 / 60, rest % 60);
    format!("{folder}_{y:04}-{m:02}-{d:02}_{h:02}-{mi:02}-{s:02}_UTC.zip")
}
