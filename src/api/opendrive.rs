//! The OpenDrive dialect (`/api/v1`, see `docs/dialects/opendrive.md`): the only file that knows
//! OpenDrive's endpoint names, field names and error names.
//!
//! OpenDrive addresses items by id, the SPA by path. Ids come from listings (every child carries
//! its id) and from `folder/idbypath.json` / `file/idbypath.json`, and are kept per session in an
//! [`IdCache`]; a call on a cached id that answers "not found" resolves the path afresh once.

use std::cell::RefCell;
use std::collections::BTreeSet;

use satchel_wire::name::percent_encode_segment;
use satchel_wire::{FileName, NodePath};
use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer};
use serde_json::{Value, json};

use super::http::{self, JSON_CONTENT_TYPE, Reply};
use super::*;
use crate::config::Dialect;
use crate::logic::id_cache::{IdCache, Kind, Known};
use crate::logic::mentions::split_mentions;
use crate::logic::preview::{PreviewKind, preview_kind};

mod admin;

const BASE: &str = "/api/v1";
/// The root folder's id.
const ROOT: &str = "0";
/// Items per `list.json` call with `offset` (the guide's maximum).
const LIST_PAGE: u64 = 100;
/// A session lives 31 days (the contract); the login answer does not say.
const SESSION_MS: i64 = 31 * 24 * 3600 * 1000;
/// How often a listing restarts when the folder changes under it.
const MAX_RESTARTS: u32 = 3;

thread_local! {
    static IDS: RefCell<IdCache> = RefCell::new(IdCache::default());
}

// Lenient scalars: the guide sends numbers as numbers or strings of digits, booleans as 0/1.

/// A number sent as a JSON number, a string of digits, a boolean, or not at all (0).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Num(i64);

impl Num {
    fn flag(self) -> bool {
        self.0 != 0
    }

    fn bytes(self) -> u64 {
        self.0.max(0) as u64
    }

    /// Unix seconds as epoch ms.
    fn ms(self) -> i64 {
        self.0.saturating_mul(1000)
    }
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Num(match Value::deserialize(d)? {
            Value::Number(n) => n
                .as_i64()
                .or_else(|| n.as_f64().map(|f| f as i64))
                .unwrap_or(0),
            Value::String(s) => match s.trim() {
                "true" => 1,
                t => t.parse().unwrap_or(0),
            },
            Value::Bool(b) => i64::from(b),
            _ => 0,
        }))
    }
}

/// An id sent as a string or a number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Id(String);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Id(match Value::deserialize(d)? {
            Value::String(s) => s,
            Value::Number(n) => n.to_string(),
            _ => String::new(),
        }))
    }
}

// Records, with only the fields the SPA reads (docs/dialects/opendrive.md, "Objects").

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct WireFolder {
    #[serde(rename = "FolderID")]
    folder_id: Id,
    name: String,
    date_created: Num,
    date_modified: Num,
    date_trashed: Num,
    shared: Num,
    link: String,
    writable: Option<Num>,
    permission: Option<Num>,
    comments_count: Num,
    /// Extension: the absolute path in the caller's tree.
    path: String,
    is_mount: Num,
    owner_name: String,
    owner: Id,
    access: Num,
    /// Extension, trash list: where it was.
    orig_path: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct WireFile {
    #[serde(rename = "FileId")]
    file_id: Id,
    name: String,
    size: Num,
    version: Num,
    date_modified: Num,
    date_uploaded: Num,
    access: Num,
    link: String,
    thumb_link: String,
    file_hash: String,
    owner: Id,
    writable: Option<Num>,
    comments_count: Num,
    password_protected: Num,
    path: String,
    downloads: Num,
    /// *(sic)* the trash list's deletion date.
    data_trashed: Num,
    date_trashed: Num,
    orig_path: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct Listing {
    /// An opaque change stamp: compared, never read.
    dir_update_time: Value,
    folders: Vec<WireFolder>,
    files: Vec<WireFile>,
    is_last_page: Option<Num>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct TrashList {
    folders: Vec<WireFolder>,
    files: Vec<WireFile>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct LoginReply {
    #[serde(rename = "SessionID")]
    session_id: String,
    user_name: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct UserInfo {
    #[serde(rename = "UserID")]
    user_id: Id,
    user_name: String,
    user_first_name: String,
    user_last_name: String,
    storage_used: Num,
    max_storage: Num,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct SessionInfo {
    #[serde(rename = "UserID")]
    user_id: Id,
    user_name: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct UploadTicket {
    file_id: Id,
    temp_location: String,
    require_hash_only: Num,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct ChunkWritten {
    total_written: Num,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct WireVersion {
    version: Num,
    size: Num,
    date_modified: Num,
    date_uploaded: Num,
    owner: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct VersionList {
    versions: Vec<WireVersion>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct WireGrant {
    #[serde(rename = "SharingID")]
    sharing_id: Id,
    name: String,
    share_mode: Num,
    display_name: String,
    pending: Num,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct GrantList {
    #[serde(rename = "ShareWithUser")]
    users: Vec<WireGrant>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct WireSharedWithMe {
    name: String,
    #[serde(rename = "FolderID")]
    folder_id: Id,
    folder_name: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct SharedUsers {
    shared_users: Vec<WireSharedWithMe>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct SharedFolder {
    folder_info: WireFolder,
    folders: Vec<WireFolder>,
    files: Vec<WireFile>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct WireComment {
    comment_id: Id,
    comment: String,
    created: Num,
    modified: Num,
    user_id: Id,
    owner_first_name: String,
    owner_last_name: String,
    is_task: Num,
}

/// What a rename answers: the record of the renamed item.
enum Renamed {
    Folder(WireFolder),
    File(WireFile),
}

// Mapping records to Satchel's terms (pure, tested below).

fn unexpected(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorKind::Unexpected, 200, message)
}

/// Where a record lives: its `Path` when the server gave one, else `fallback`.
fn record_path(raw: &str, fallback: Option<NodePath>) -> Result<NodePath, ApiError> {
    if !raw.is_empty()
        && let Ok(path) = NodePath::parse(raw)
    {
        return Ok(path);
    }
    fallback.ok_or_else(|| unexpected(format!("no usable path: {raw:?}")))
}

/// `parent/name`, if `name` is a valid name.
fn child(parent: &NodePath, name: &str) -> Option<NodePath> {
    FileName::parse(name).ok().map(|n| parent.join(&n))
}

fn name_of(path: &NodePath, fallback: &str) -> String {
    path.name()
        .map(|n| n.as_str().to_owned())
        .unwrap_or_else(|| fallback.to_owned())
}

fn folder_writable(f: &WireFolder) -> Option<bool> {
    f.writable.or(f.permission).map(Num::flag)
}

fn folder_entry(f: &WireFolder, path: NodePath) -> Entry {
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

fn file_entry(f: &WireFile, path: NodePath) -> Entry {
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
fn listing_entries(folder: &NodePath, l: &Listing) -> Vec<(Entry, Known)> {
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
fn original_path(orig: &str, name: &str) -> NodePath {
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

/// A trash item's id for [`Client::restore`] and [`Client::purge`]: `kind:id:original path`.
fn trash_id(kind: Kind, id: &str, original: &NodePath) -> String {
    let k = match kind {
        Kind::Folder => "folder",
        Kind::File => "file",
    };
    format!("{k}:{id}:{original}")
}

fn parse_trash_id(raw: &str) -> Result<(Kind, &str, Option<NodePath>), ApiError> {
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

fn trash_entries(t: &TrashList) -> Vec<TrashEntry> {
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
fn purged_totals(listed: &[TrashEntry], ids: &[String]) -> (u64, u64) {
    listed
        .iter()
        .filter(|e| ids.is_empty() || ids.contains(&e.id))
        .fold((0, 0), |(n, b), e| (n + 1, b + e.size))
}

fn comment_from(c: WireComment) -> Comment {
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

/// The sentence of a guide-style message: `404: Not Found: File not found` → `File not found`.
fn phrase(message: &str) -> String {
    let rest = match message.split_once(": ") {
        Some((code, rest)) if code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()) => rest,
        _ => return message.to_owned(),
    };
    match rest.split_once(": ") {
        // "Not Found: …": the reason phrase goes too.
        Some((reason, sentence))
            if reason.split(' ').all(|w| w.starts_with(char::is_uppercase)) =>
        {
            sentence.to_owned()
        }
        _ => rest.to_owned(),
    }
}

pub fn error_from(reply: &Reply) -> ApiError {
    let body: Value = serde_json::from_str(&reply.body).unwrap_or(Value::Null);
    let error = &body["error"];
    let (kind, message) = match error {
        Value::Object(_) => (
            error["kind"].as_str().unwrap_or(""),
            error["message"]
                .as_str()
                .filter(|m| !m.is_empty())
                .or_else(|| error["error_description"].as_str())
                .unwrap_or(""),
        ),
        _ => ("", body["error_description"].as_str().unwrap_or("")),
    };
    ApiError::new(kind_of(kind, reply.status), reply.status, phrase(message))
}

/// The contract's symbolic `kind` (and, failing that, the status) in Satchel's terms.
pub fn kind_of(kind: &str, status: u16) -> ErrorKind {
    match kind {
        "Unauthorized" => ErrorKind::Unauthorized,
        "InvalidCredentials" => ErrorKind::InvalidCredentials,
        "NotFound" | "LinkNotFound" | "NoPreview" => ErrorKind::NotFound,
        "Conflict" => ErrorKind::Conflict,
        "AlreadyExists" => ErrorKind::AlreadyExists,
        "SameDirectory" => ErrorKind::SameDirectory,
        "InvalidName" => ErrorKind::InvalidName,
        "BadDigest" => ErrorKind::BadDigest,
        "IntoOwnSubtree" => ErrorKind::IntoOwnSubtree,
        "Forbidden" => ErrorKind::Forbidden,
        "PasswordRequired" => ErrorKind::PasswordRequired,
        "WrongPassword" => ErrorKind::WrongPassword,
        "LinkExpired" => ErrorKind::LinkExpired,
        "DownloadLimitReached" => ErrorKind::DownloadLimitReached,
        "SharedRootInside" => ErrorKind::SharedRootInside,
        "FileOrFolderMoveMountPointToAnother" => ErrorKind::MountMove,
        "QuotaExceeded" => ErrorKind::QuotaExceeded,
        "UserDisabled" | "AccountDisabled" => ErrorKind::AccountDisabled,
        "UserLocked" | "AccountLocked" => ErrorKind::AccountLocked,
        _ => match status {
            401 => ErrorKind::Unauthorized,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            500..=599 => ErrorKind::Server,
            _ => ErrorKind::Unexpected,
        },
    }
}

fn decode<T: DeserializeOwned>(reply: Reply) -> Result<T, ApiError> {
    if !reply.ok() {
        return Err(error_from(&reply));
    }
    serde_json::from_str(&reply.body)
        .map_err(|e| ApiError::new(ErrorKind::Unexpected, reply.status, e.to_string()))
}

fn unit(reply: Reply) -> Result<(), ApiError> {
    if reply.ok() {
        Ok(())
    } else {
        Err(error_from(&reply))
    }
}

/// `endpoint?query` (no `?` when there is none).
fn with_query(endpoint: &str, query: &[(&str, String)]) -> String {
    let q = serde_urlencoded::to_string(query).unwrap_or_default();
    if q.is_empty() {
        endpoint.to_owned()
    } else {
        let sep = if endpoint.contains('?') { '&' } else { '?' };
        format!("{endpoint}{sep}{q}")
    }
}

/// Where part `part_num` (1-based) starts when the queue cuts `chunk`-byte parts.
fn chunk_offset(part_num: u32, chunk: u64) -> u64 {
    u64::from(part_num.saturating_sub(1)) * chunk
}

/// An upload session's id: the file id and the temp location (neither holds a newline).
fn upload_id(file_id: &str, temp_location: &str) -> String {
    format!("{file_id}\n{temp_location}")
}

fn split_upload_id(id: &str) -> (&str, &str) {
    id.split_once('\n').unwrap_or((id, ""))
}

/// The search filter's kinds, judged like the viewer judges files.
fn search_kind_of(entry: &Entry) -> SearchKind {
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

fn matches_search(entry: &Entry, query: &SearchQuery) -> bool {
    (query.kind == SearchKind::Any || search_kind_of(entry) == query.kind)
        && query.from_ms.is_none_or(|from| entry.modified_ms >= from)
        && query.to_ms.is_none_or(|to| entry.modified_ms <= to)
}

/// The zip's name as the server gives it: `Docs_2026-11-23_13-05-09_UTC.zip`, after the single
/// item, or for several items the folder holding the first one (`files` for the root).
fn archive_name(paths: &[NodePath], now_ms: i64) -> String {
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

/// The public id in a `Link` (`/s/<public id>`).
fn public_id(link: &str) -> String {
    link.rsplit('/').next().unwrap_or_default().to_owned()
}

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

#[derive(Clone, Debug)]
pub struct OpenDrive {
    /// Origin of the server (`""` = this page's origin).
    origin: String,
    token: Option<String>,
    /// The upload queue's part size: part `n` starts at `(n - 1) * chunk_size`.
    chunk_size: u64,
}

impl OpenDrive {
    pub fn new(origin: &str, token: Option<String>, chunk_size: u64) -> Self {
        Self {
            origin: origin.trim_end_matches('/').to_owned(),
            token,
            chunk_size: chunk_size.max(1),
        }
    }

    fn sid(&self) -> &str {
        self.token.as_deref().unwrap_or_default()
    }

    /// `<origin>/api/v1/<endpoint>`.
    fn url(&self, endpoint: &str) -> String {
        format!("{}{BASE}/{endpoint}", self.origin)
    }

    /// `endpoint/<session_id>/<segments…>`, each segment percent-encoded.
    fn in_session(&self, endpoint: &str, segments: &[&str]) -> String {
        let mut out = endpoint.to_owned();
        for segment in std::iter::once(self.sid()).chain(segments.iter().copied()) {
            out.push('/');
            percent_encode_segment(segment, &mut out);
        }
        out
    }

    /// `endpoint/<segment>`, percent-encoded.
    fn at(endpoint: &str, segment: &str) -> String {
        let mut out = format!("{endpoint}/");
        percent_encode_segment(segment, &mut out);
        out
    }

    /// The page origin recipients' pages live at: the server's, or this page's when that is `""`.
    fn page_origin(&self) -> String {
        if self.origin.is_empty() {
            web_sys::window()
                .and_then(|w| w.location().origin().ok())
                .unwrap_or_default()
        } else {
            self.origin.clone()
        }
    }

    async fn get<T: DeserializeOwned>(
        &self,
        endpoint: &str,
        query: &[(&str, String)],
    ) -> Result<T, ApiError> {
        decode(http::get(&self.url(&with_query(endpoint, query)), &[]).await?)
    }

    /// `method endpoint` with a JSON body that carries the session id.
    async fn send(&self, method: &str, endpoint: &str, mut body: Value) -> Result<Reply, ApiError> {
        if let Some(token) = &self.token {
            body["session_id"] = Value::String(token.clone());
        }
        http::send(
            method,
            &self.url(endpoint),
            &[],
            Some((JSON_CONTENT_TYPE, body.to_string())),
        )
        .await
    }

    async fn post<T: DeserializeOwned>(&self, endpoint: &str, body: Value) -> Result<T, ApiError> {
        decode(self.send("POST", endpoint, body).await?)
    }

    async fn delete_at(&self, endpoint: &str) -> Result<(), ApiError> {
        unit(http::send("DELETE", &self.url(endpoint), &[], None).await?)
    }

    fn session_query(&self) -> Vec<(&'static str, String)> {
        vec![("session_id", self.sid().to_owned())]
    }

    // The id cache.

    fn ids<R>(&self, f: impl FnOnce(&mut IdCache) -> R) -> R {
        IDS.with_borrow_mut(|c| {
            c.use_session(self.sid());
            f(c)
        })
    }

    fn remember(&self, path: &NodePath, known: Known) {
        self.ids(|c| c.put(path.clone(), known));
    }

    fn forget(&self, path: &NodePath) {
        self.ids(|c| c.forget(path));
    }

    /// The id of `path`: the root, a cached one, or asked from the server.
    async fn resolve(&self, path: &NodePath) -> Result<Known, ApiError> {
        if path.is_root() {
            return Ok(Known::folder(ROOT, Some(true)));
        }
        if let Some(known) = self.ids(|c| c.get(path)) {
            return Ok(known);
        }
        let known = self.lookup(path).await?;
        self.remember(path, known.clone());
        Ok(known)
    }

    /// `folder/idbypath.json`, then `file/idbypath.json` (each is 404 for the other kind).
    async fn lookup(&self, path: &NodePath) -> Result<Known, ApiError> {
        #[derive(Deserialize)]
        struct FolderIdReply {
            #[serde(rename = "FolderId")]
            id: Id,
        }
        #[derive(Deserialize)]
        struct FileIdReply {
            #[serde(rename = "FileId")]
            id: Id,
        }
        let body = json!({ "path": path.to_string() });
        match self
            .post::<FolderIdReply>("folder/idbypath.json", body.clone())
            .await
        {
            Ok(r) => Ok(Known::folder(r.id.0, None)),
            Err(e) if e.kind == ErrorKind::NotFound => {
                let r: FileIdReply = self.post("file/idbypath.json", body).await?;
                Ok(Known::file(r.id.0, None))
            }
            Err(e) => Err(e),
        }
    }

    /// Run `op` on the id of `path`; a cached id the server no longer knows is resolved afresh
    /// and `op` runs once more.
    async fn on_item<T>(
        &self,
        path: &NodePath,
        op: impl AsyncFn(&Known) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let cached = !path.is_root() && self.ids(|c| c.get(path)).is_some();
        let known = self.resolve(path).await?;
        match op(&known).await {
            Err(e) if e.kind == ErrorKind::NotFound && cached => {
                self.forget(path);
                let known = self.resolve(path).await?;
                op(&known).await
            }
            other => other,
        }
    }

    async fn folder_id(&self, path: &NodePath) -> Result<String, ApiError> {
        let known = self.resolve(path).await?;
        match known.kind {
            Kind::Folder => Ok(known.id),
            Kind::File => Err(ApiError::new(ErrorKind::NotFound, 0, path.to_string())),
        }
    }

    async fn folder_info(&self, id: &str) -> Result<WireFolder, ApiError> {
        self.get(&self.in_session("folder/info.json", &[id]), &[])
            .await
    }

    async fn file_info(&self, id: &str) -> Result<WireFile, ApiError> {
        self.get(&Self::at("file/info.json", id), &self.session_query())
            .await
    }

    async fn list_all(
        &self,
        folder_id: &str,
        extra: &[(&str, String)],
    ) -> Result<Listing, ApiError> {
        self.get(&self.in_session("folder/list.json", &[folder_id]), extra)
            .await
    }

    /// Up to `limit` children of `folder` from `offset`, 100 per call; a folder that changes
    /// between calls (its `DirUpdateTime` differs) is read again from `offset`.
    async fn list_from(
        &self,
        path: &NodePath,
        folder: &Known,
        offset: u64,
        limit: u64,
    ) -> Result<Page, ApiError> {
        if folder.kind != Kind::Folder {
            return Err(ApiError::new(ErrorKind::NotFound, 0, path.to_string()));
        }
        let writable = match folder.writable {
            Some(w) => w,
            None => folder_writable(&self.folder_info(&folder.id).await?).unwrap_or(true),
        };
        let endpoint = self.in_session("folder/list.json", &[&folder.id]);
        let mut found: Vec<(Entry, Known)> = Vec::new();
        let mut stamp: Option<Value> = None;
        let mut at = offset;
        let mut restarts = 0;
        let is_last = loop {
            let last_time = stamp
                .as_ref()
                .map(|s| s.to_string().trim_matches('"').to_owned())
                .unwrap_or_else(|| "0".into());
            let l: Listing = self
                .get(
                    &endpoint,
                    &[("offset", at.to_string()), ("last_request_time", last_time)],
                )
                .await?;
            if stamp.as_ref().is_some_and(|s| *s != l.dir_update_time) && restarts < MAX_RESTARTS {
                restarts += 1;
                found.clear();
                at = offset;
                stamp = None;
                continue;
            }
            stamp = Some(l.dir_update_time.clone());
            let count = (l.folders.len() + l.files.len()) as u64;
            found.extend(listing_entries(path, &l));
            at += count;
            let last = l.is_last_page.is_some_and(Num::flag) || count < LIST_PAGE;
            if last || found.len() as u64 >= limit.max(1) {
                break last;
            }
        };
        self.ids(|c| {
            let children: Vec<(NodePath, Known)> = found
                .iter()
                .map(|(e, k)| (e.path.clone(), k.clone()))
                .collect();
            if offset == 0 && is_last {
                c.replace_children(path, children);
            } else {
                for (p, k) in children {
                    c.put(p, k);
                }
            }
        });
        Ok(Page {
            entries: found.into_iter().map(|(e, _)| e).collect(),
            is_last,
            writable,
        })
    }

    /// Every folder below `root` (not the folders shared with me), breadth first.
    async fn own_folders(&self, root: &NodePath) -> Result<Vec<(NodePath, WireFolder)>, ApiError> {
        let mut out = Vec::new();
        let mut queue = vec![(root.clone(), self.folder_id(root).await?)];
        while let Some((path, id)) = queue.pop() {
            let l = self
                .list_all(&id, &[("only_subfolders", "1".into())])
                .await?;
            for f in l.folders {
                if f.is_mount.flag() {
                    continue;
                }
                if let Some(p) = child(&path, &f.name) {
                    queue.push((p.clone(), f.folder_id.0.clone()));
                    out.push((p, f));
                }
            }
        }
        Ok(out)
    }

    fn download_link(&self, file_id: &str, inline: bool) -> String {
        let mut query = self.session_query();
        if inline {
            query.push(("inline", "1".into()));
        }
        self.url(&with_query(
            &Self::at("download/file.json", file_id),
            &query,
        ))
    }

    async fn file_id(&self, path: &NodePath) -> Result<String, ApiError> {
        let known = self.resolve(path).await?;
        match known.kind {
            Kind::File => Ok(known.id),
            Kind::Folder => Err(ApiError::new(ErrorKind::NotFound, 0, path.to_string())),
        }
    }

    /// Move (`mv`) or copy an item into the folder with id `dst`, landing as `new_name` if
    /// given; answers the id of what landed.
    async fn move_copy(
        &self,
        known: &Known,
        dst: &str,
        mv: bool,
        new_name: Option<&str>,
    ) -> Result<Known, ApiError> {
        match known.kind {
            Kind::Folder => {
                let mut body = json!({ "folder_id": known.id, "dst_folder_id": dst, "move": mv });
                if let Some(n) = new_name {
                    body["new_folder_name"] = n.into();
                }
                let f: WireFolder = self.post("folder/move_copy.json", body).await?;
                Ok(Known::folder(f.folder_id.0.clone(), folder_writable(&f)))
            }
            Kind::File => {
                let mut body = json!({
                    "src_file_id": known.id,
                    "dst_folder_id": dst,
                    "move": mv.to_string(),
                    "overwrite_if_exists": "false",
                });
                if let Some(n) = new_name {
                    body["new_file_name"] = n.into();
                }
                let f: WireFile = self.post("file/move_copy.json", body).await?;
                Ok(Known::file(f.file_id.0.clone(), f.writable.map(Num::flag)))
            }
        }
    }

    /// Rename the item with this id; answers the renamed record.
    async fn rename_known(&self, known: &Known, name: &str) -> Result<Renamed, ApiError> {
        match known.kind {
            Kind::Folder => {
                let body = json!({ "folder_id": known.id, "folder_name": name });
                Ok(Renamed::Folder(
                    self.post("folder/rename.json", body).await?,
                ))
            }
            Kind::File => {
                let body = json!({ "file_id": known.id, "new_file_name": name });
                Ok(Renamed::File(self.post("file/rename.json", body).await?))
            }
        }
    }

    async fn names_in(&self, folder: &NodePath) -> Result<BTreeSet<String>, ApiError> {
        Ok(self
            .list(folder)
            .await?
            .into_iter()
            .map(|e| e.name)
            .collect())
    }

    /// The collaborators' grants on the folder with id `folder`.
    async fn grants(&self, folder: &str) -> Result<Vec<WireGrant>, ApiError> {
        let l: GrantList = self
            .get(&self.in_session("sharing/listusers.json", &[folder]), &[])
            .await?;
        Ok(l.users)
    }

    async fn grant_of(&self, folder: &NodePath, login: &str) -> Result<WireGrant, ApiError> {
        let id = self.folder_id(folder).await?;
        self.grants(&id)
            .await?
            .into_iter()
            .find(|g| g.name == login)
            .ok_or_else(|| ApiError::new(ErrorKind::NotFound, 404, login.to_owned()))
    }

    fn public_link(
        &self,
        path: &NodePath,
        is_folder: bool,
        link: &str,
        downloads: u64,
        has_password: bool,
    ) -> PublicLink {
        let url = if link.starts_with('/') {
            format!("{}{link}", self.page_origin())
        } else {
            link.to_owned()
        };
        PublicLink {
            id: public_id(link),
            url,
            path: path.clone(),
            name: name_of(path, ""),
            is_folder,
            created_ms: 0,
            expires_ms: None,
            download_max: None,
            downloads,
            has_password,
        }
    }

    /// Make the item public (`on`) or private again; answers its `Link`.
    async fn set_public(&self, known: &Known, on: bool) -> Result<(String, u64, bool), ApiError> {
        let flag = i32::from(on);
        match known.kind {
            Kind::File => {
                let f: WireFile = self
                    .post(
                        "file/access.json",
                        json!({ "file_id": known.id, "file_ispublic": flag }),
                    )
                    .await?;
                Ok((f.link, f.downloads.bytes(), f.password_protected.flag()))
            }
            Kind::Folder => {
                let f: WireFolder = self
                    .post(
                        "folder/setaccess.json",
                        json!({ "folder_id": known.id, "folder_ispublic": flag }),
                    )
                    .await?;
                Ok((f.link, 0, false))
            }
        }
    }

    fn public_query(password: Option<&str>, path: &NodePath) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        if let Some(pw) = password {
            q.push(("password", pw.to_owned()));
        }
        if !path.is_root() {
            q.push(("path", path.to_string()));
        }
        q
    }
}

impl Client for OpenDrive {
    async fn login(&self, login: &str, password: &str) -> Result<Session, ApiError> {
        let body = json!({ "username": login, "passwd": password, "version": "satchel" });
        let reply = http::send(
            "POST",
            &self.url("session/login.json"),
            &[],
            Some((JSON_CONTENT_TYPE, body.to_string())),
        )
        .await?;
        if reply.status == 401 {
            let mut err = error_from(&reply);
            err.kind = ErrorKind::InvalidCredentials;
            return Err(err);
        }
        let r: LoginReply = decode(reply)?;
        Ok(Session {
            token: r.session_id,
            login: if r.user_name.is_empty() {
                login.to_owned()
            } else {
                r.user_name
            },
            expires_ms: now_ms() + SESSION_MS,
            dialect: Dialect::OpenDrive,
        })
    }

    async fn logout(&self) -> Result<(), ApiError> {
        let reply = self.send("POST", "session/logout.json", json!({})).await?;
        self.ids(|c| c.use_session(""));
        unit(reply)
    }

    async fn account(&self) -> Result<Account, ApiError> {
        let u: UserInfo = self
            .get(&self.in_session("users/info.json", &[]), &[])
            .await?;
        let full = format!("{} {}", u.user_first_name, u.user_last_name)
            .trim()
            .to_owned();
        let role = self.my_role(&u.user_name).await?;
        Ok(Account {
            user_id: u.user_id.0,
            name: if full.is_empty() { u.user_name } else { full },
            used_bytes: u.storage_used.bytes(),
            quota_bytes: (u.max_storage.0 > 0).then(|| u.max_storage.bytes()),
            role,
            company_id: None,
        })
    }

    async fn list(&self, path: &NodePath) -> Result<Vec<Entry>, ApiError> {
        self.on_item(path, async |k| {
            if k.kind != Kind::Folder {
                return Err(ApiError::new(ErrorKind::NotFound, 0, path.to_string()));
            }
            let l = self.list_all(&k.id, &[]).await?;
            let found = listing_entries(path, &l);
            self.ids(|c| {
                c.replace_children(
                    path,
                    found
                        .iter()
                        .map(|(e, k)| (e.path.clone(), k.clone()))
                        .collect(),
                )
            });
            Ok(found.into_iter().map(|(e, _)| e).collect())
        })
        .await
    }

    async fn create_folder(&self, path: &NodePath) -> Result<Entry, ApiError> {
        let (Some(parent), Some(name)) = (path.parent(), path.name()) else {
            return Err(ApiError::new(ErrorKind::AlreadyExists, 0, "/"));
        };
        let f: WireFolder = self
            .on_item(&parent, async |k| {
                self.post(
                    "folder.json",
                    json!({ "folder_name": name.as_str(), "folder_sub_parent": k.id }),
                )
                .await
            })
            .await?;
        self.remember(
            path,
            Known::folder(f.folder_id.0.clone(), folder_writable(&f)),
        );
        Ok(folder_entry(&f, path.clone()))
    }

    async fn rename(&self, path: &NodePath, new_name: &FileName) -> Result<Entry, ApiError> {
        let target = path
            .parent()
            .map(|p| p.join(new_name))
            .ok_or_else(|| ApiError::new(ErrorKind::Forbidden, 0, "/"))?;
        let renamed = self
            .on_item(path, async |k| {
                self.rename_known(k, new_name.as_str()).await
            })
            .await?;
        self.forget(path);
        let (entry, known) = match renamed {
            Renamed::Folder(f) => (
                folder_entry(&f, target.clone()),
                Known::folder(f.folder_id.0.clone(), folder_writable(&f)),
            ),
            Renamed::File(f) => (
                file_entry(&f, target.clone()),
                Known::file(f.file_id.0.clone(), f.writable.map(Num::flag)),
            ),
        };
        self.remember(&target, known);
        Ok(entry)
    }

    async fn move_to(&self, path: &NodePath, folder: &NodePath) -> Result<(), ApiError> {
        let dst = self.folder_id(folder).await?;
        let result = self
            .on_item(path, async |k| {
                self.move_copy(k, &dst, true, None).await.map(|_| ())
            })
            .await;
        self.forget(path);
        result.map_err(|mut e| {
            // A name taken there (the UI then keeps both); moving where it is stays SameDirectory.
            if e.kind == ErrorKind::Conflict {
                e.kind = ErrorKind::AlreadyExists;
            }
            e
        })
    }

    async fn copy_to(&self, path: &NodePath, folder: &NodePath) -> Result<(), ApiError> {
        let dst = self.folder_id(folder).await?;
        let first = self
            .on_item(path, async |k| self.move_copy(k, &dst, false, None).await)
            .await;
        let err = match first {
            Err(e) if matches!(e.kind, ErrorKind::Conflict | ErrorKind::AlreadyExists) => e,
            other => return other.map(|_| ()),
        };
        // A copy never clashes (as in the other dialects): a taken name becomes "name (n)",
        // given as the name the copy lands under.
        let Some(name) = path.name() else {
            return Err(err);
        };
        let free = crate::logic::paths::free_name(name, &self.names_in(folder).await?);
        self.on_item(path, async |k| {
            self.move_copy(k, &dst, false, Some(free.as_str())).await
        })
        .await
        .map(|_| ())
    }

    async fn delete(&self, paths: &[NodePath]) -> Result<DeleteOutcome, ApiError> {
        let mut outcome = DeleteOutcome::default();
        for path in paths {
            let result = self
                .on_item(path, async |k| {
                    let reply = match k.kind {
                        Kind::Folder => {
                            self.send("POST", "folder/trash.json", json!({ "folder_id": k.id }))
                                .await?
                        }
                        Kind::File => {
                            self.send("POST", "file/trash.json", json!({ "file_id": k.id }))
                                .await?
                        }
                    };
                    unit(reply)
                })
                .await;
            match result {
                Ok(()) => {
                    self.forget(path);
                    outcome.deleted += 1;
                }
                Err(e) if e.kind == ErrorKind::Unauthorized => return Err(e),
                Err(e) => outcome.failed.push((path.to_string(), e.user_message())),
            }
        }
        Ok(outcome)
    }

    async fn download_url(&self, path: &NodePath) -> Result<String, ApiError> {
        Ok(self.download_link(&self.file_id(path).await?, false))
    }

    async fn begin_upload(
        &self,
        path: &NodePath,
        size: u64,
        md5: &str,
        overwrite: bool,
    ) -> Result<UploadStart, ApiError> {
        let (Some(parent), Some(name)) = (path.parent(), path.name()) else {
            return Err(ApiError::new(ErrorKind::InvalidName, 0, "/"));
        };
        let ticket: UploadTicket = self
            .on_item(&parent, async |k| {
                let body = json!({
                    "folder_id": k.id,
                    "file_name": name.as_str(),
                    "file_size": size,
                    "file_hash": md5,
                    "open_if_exists": i32::from(overwrite),
                });
                self.post("upload/create_file.json", body).await
            })
            .await
            .map_err(|mut e| {
                // The name is taken: the queue asks the user.
                if e.status == 409 {
                    e.kind = ErrorKind::Conflict;
                }
                e
            })?;
        let file_id = ticket.file_id.0;
        if ticket.require_hash_only.flag() {
            // The same bytes are stored already: the file exists now.
            let body = json!({
                "file_id": file_id,
                "file_size": size,
                "temp_location": "",
                "file_hash": md5,
            });
            let f: WireFile = self.post("upload/close_file_upload.json", body).await?;
            self.remember(
                path,
                Known::file(f.file_id.0.clone(), f.writable.map(Num::flag)),
            );
            return Ok(UploadStart::Deduplicated(file_entry(&f, path.clone())));
        }
        // The guide opens the upload before the chunks (create already answered the location).
        let opened: UploadTicket = self
            .post(
                "upload/open_file_upload.json",
                json!({ "file_id": file_id, "file_size": size, "file_hash": md5 }),
            )
            .await?;
        let temp = if opened.temp_location.is_empty() {
            ticket.temp_location
        } else {
            opened.temp_location
        };
        Ok(UploadStart::Session(UploadSession {
            path: path.clone(),
            id: upload_id(&file_id, &temp),
            max_part_size: self.chunk_size,
            sequential: true,
        }))
    }

    async fn part_target(
        &self,
        session: &UploadSession,
        part_num: u32,
        size: u64,
        _md5: &str,
    ) -> Result<String, ApiError> {
        // The chunk's fields travel in the query of the target; `put_part` sends them as the
        // multipart fields the endpoint expects.
        let (file_id, temp) = split_upload_id(&session.id);
        let query = [
            ("session_id", self.sid().to_owned()),
            ("file_id", file_id.to_owned()),
            ("temp_location", temp.to_owned()),
            (
                "chunk_offset",
                chunk_offset(part_num, self.chunk_size).to_string(),
            ),
            ("chunk_size", size.to_string()),
        ];
        Ok(self.url(&with_query("upload/upload_file_chunk.json", &query)))
    }

    async fn put_part(
        &self,
        url: &str,
        blob: &web_sys::Blob,
        on_progress: impl Fn(f64) + 'static,
        xhrs: &http::XhrSet,
    ) -> Result<(), ApiError> {
        let (endpoint, query) = url.split_once('?').unwrap_or((url, ""));
        let fields: Vec<(String, String)> = serde_urlencoded::from_str(query)
            .map_err(|e| ApiError::new(ErrorKind::Unexpected, 0, e.to_string()))?;
        let field = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .and_then(|(_, v)| v.parse::<u64>().ok())
                .unwrap_or(0)
        };
        let (offset, size) = (field("chunk_offset"), field("chunk_size"));
        if size == 0 {
            // An empty file has nothing to send; the close checks its size and hash.
            return Ok(());
        }
        let form = web_sys::FormData::new()
            .map_err(|e| ApiError::new(ErrorKind::Unexpected, 0, format!("{e:?}")))?;
        // The text fields go first: the server needs them before it streams `file_data`.
        for (k, v) in &fields {
            form.append_with_str(k, v)
                .map_err(|e| ApiError::new(ErrorKind::Unexpected, 0, format!("{e:?}")))?;
        }
        form.append_with_blob_and_filename("file_data", blob, "chunk")
            .map_err(|e| ApiError::new(ErrorKind::Unexpected, 0, format!("{e:?}")))?;
        // The multipart framing is counted by the browser too: report at most the chunk.
        let progress = move |n: f64| on_progress(n.min(size as f64));
        let reply = http::xhr_post_multipart(endpoint, &form, &[], progress, xhrs).await?;
        let written: ChunkWritten = decode(reply)?;
        if written.total_written.bytes() != offset + size {
            return Err(ApiError::new(
                ErrorKind::Server,
                200,
                format!(
                    "TotalWritten {} after a chunk ending at {}",
                    written.total_written.0,
                    offset + size
                ),
            ));
        }
        Ok(())
    }

    async fn confirm(
        &self,
        session: &UploadSession,
        size: u64,
        md5: &str,
        _overwrite: bool,
    ) -> Result<Entry, ApiError> {
        let (file_id, temp) = split_upload_id(&session.id);
        let body = json!({
            "file_id": file_id,
            "file_size": size,
            "temp_location": temp,
            "file_hash": md5,
        });
        let f: WireFile = self.post("upload/close_file_upload.json", body).await?;
        self.remember(
            &session.path,
            Known::file(f.file_id.0.clone(), f.writable.map(Num::flag)),
        );
        Ok(file_entry(&f, session.path.clone()))
    }

    async fn cancel(&self, _session: &UploadSession) -> Result<(), ApiError> {
        // Nothing to undo: an upload is invisible until it is closed, and the server drops
        // sessions left alone for a day.
        Ok(())
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            trash: true,
            versions: true,
            search: true,
            archives: true,
            previews: true,
            sharing: true,
            links: true,
            // Files only: folders have no password in this dialect.
            link_password: true,
            // No `link_list`: links are only read item by item in this API.
            comments: true,
            // Account users and user groups; no invitations, restorable deletion, company
            // panel, storage report or group shares in this API.
            admin_users: true,
            unlock_users: true,
            roles: true,
            quotas: true,
            groups: true,
            ..Capabilities::default()
        }
    }

    async fn list_page(&self, path: &NodePath, offset: u64, limit: u64) -> Result<Page, ApiError> {
        self.on_item(path, async |k| self.list_from(path, k, offset, limit).await)
            .await
    }

    async fn trash(&self, _etag: Option<&str>) -> Result<Option<TrashListing>, ApiError> {
        let t: TrashList = self
            .get(&self.in_session("folder/trashlist.json", &[]), &[])
            .await?;
        Ok(Some(TrashListing {
            entries: trash_entries(&t),
            etag: None,
        }))
    }

    async fn restore(&self, id: &str, overwrite: bool) -> Result<Entry, ApiError> {
        let (kind, node, original) = parse_trash_id(id)?;
        if overwrite && let Some(target) = &original {
            // No overwrite in this API: what took the place goes to the trash first.
            self.forget(target);
            if self.resolve(target).await.is_ok() {
                let outcome = Client::delete(self, std::slice::from_ref(target)).await?;
                if let Some((_, message)) = outcome.failed.first() {
                    return Err(ApiError::new(ErrorKind::Conflict, 409, message.clone()));
                }
            }
        }
        let fallback = || original.clone();
        let entry = match kind {
            Kind::Folder => {
                let f: WireFolder = self
                    .post("folder/restore.json", json!({ "folder_id": node }))
                    .await?;
                let path = record_path(&f.path, fallback())?;
                self.forget(&path);
                folder_entry(&f, path)
            }
            Kind::File => {
                let f: WireFile = self
                    .post("file/restore.json", json!({ "file_id": node }))
                    .await?;
                let path = record_path(&f.path, fallback())?;
                self.forget(&path);
                file_entry(&f, path)
            }
        };
        Ok(entry)
    }

    async fn purge(&self, ids: &[String]) -> Result<String, ApiError> {
        // The answers say nothing of the space freed: the trash list does, beforehand.
        let t: TrashList = self
            .get(&self.in_session("folder/trashlist.json", &[]), &[])
            .await?;
        let listed = trash_entries(&t);
        let (items, bytes) = purged_totals(&listed, ids);
        if ids.is_empty() {
            self.delete_at(&self.in_session("folder/trash.json", &[]))
                .await?;
        }
        for id in ids {
            let (kind, node, _) = parse_trash_id(id)?;
            match kind {
                Kind::File => {
                    self.delete_at(&self.in_session("file.json", &[node]))
                        .await?
                }
                Kind::Folder => unit(
                    self.send("POST", "folder/remove.json", json!({ "folder_id": node }))
                        .await?,
                )?,
            }
        }
        // Deleting for good finishes before the answer: the "task" is done already.
        Ok(format!("done:{items}:{bytes}"))
    }

    async fn task(&self, id: &str) -> Result<TaskState, ApiError> {
        let done = id.strip_prefix("done:").and_then(|rest| {
            let (items, bytes) = rest.split_once(':')?;
            Some((items.parse().ok()?, bytes.parse().ok()?))
        });
        match done {
            Some((items, bytes)) => Ok(TaskState::Done { items, bytes }),
            None => Err(ApiError::new(ErrorKind::NotFound, 0, id.to_owned())),
        }
    }

    async fn versions(&self, path: &NodePath) -> Result<Vec<Version>, ApiError> {
        let list: VersionList = self
            .on_item(path, async |k| {
                self.get(&self.in_session("file/fileversions.json", &[&k.id]), &[])
                    .await
            })
            .await?;
        Ok(list
            .versions
            .into_iter()
            .map(|v| Version {
                number: v.version.0,
                size: v.size.bytes(),
                stored_ms: if v.date_uploaded.0 > 0 {
                    v.date_uploaded.ms()
                } else {
                    v.date_modified.ms()
                },
                author: v.owner,
            })
            .collect())
    }

    async fn version_url(&self, path: &NodePath, version: i64) -> Result<String, ApiError> {
        let id = self.file_id(path).await?;
        Ok(self.download_link(&format!("{id}.{version}"), false))
    }

    async fn restore_version(&self, _path: &NodePath, _version: i64) -> Result<Entry, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn set_favorite(&self, _path: &NodePath, _favorite: bool) -> Result<Entry, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn favorites(&self) -> Result<Vec<Entry>, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn search(&self, query: &SearchQuery, offset: u64, limit: u64) -> Result<Page, ApiError> {
        // `search_query` is recursive and answers a flat list; kinds and dates are not in the
        // API, so they are filtered here, on the whole answer, before paging.
        let l = self
            .list_all(ROOT, &[("search_query", query.text.clone())])
            .await?;
        let folders = l.folders.iter().filter_map(|f| {
            let path = record_path(&f.path, None).ok()?;
            Some((
                folder_entry(f, path),
                Known::folder(f.folder_id.0.clone(), folder_writable(f)),
            ))
        });
        let files = l.files.iter().filter_map(|f| {
            let path = record_path(&f.path, None).ok()?;
            Some((
                file_entry(f, path),
                Known::file(f.file_id.0.clone(), f.writable.map(Num::flag)),
            ))
        });
        let hits: Vec<(Entry, Known)> = folders
            .chain(files)
            .filter(|(e, _)| matches_search(e, query))
            .collect();
        self.ids(|c| {
            for (e, k) in &hits {
                c.put(e.path.clone(), k.clone());
            }
        });
        let total = hits.len() as u64;
        let entries: Vec<Entry> = hits
            .into_iter()
            .skip(offset as usize)
            .take(limit as usize)
            .map(|(e, _)| e)
            .collect();
        Ok(Page {
            is_last: offset + entries.len() as u64 >= total,
            entries,
            writable: true,
        })
    }

    async fn folder_totals(&self, path: &NodePath) -> Result<FolderTotals, ApiError> {
        // No totals in this API: the folders below are listed one by one.
        let id = self.folder_id(path).await?;
        let info = self.folder_info(&id).await?;
        let mut totals = FolderTotals {
            size: 0,
            files: 0,
            folders: 0,
            created_ms: info.date_created.ms(),
            modified_ms: info.date_modified.ms(),
        };
        let mut queue = vec![id];
        while let Some(id) = queue.pop() {
            let l = self.list_all(&id, &[]).await?;
            for f in &l.files {
                totals.files += 1;
                totals.size += f.size.bytes();
            }
            for f in l.folders {
                totals.folders += 1;
                queue.push(f.folder_id.0);
            }
        }
        Ok(totals)
    }

    async fn archive(&self, paths: &[NodePath]) -> Result<ArchiveLink, ApiError> {
        let mut ids = Vec::with_capacity(paths.len());
        for path in paths {
            ids.push(self.resolve(path).await?.id);
        }
        let mut query = self.session_query();
        query.push(("items_id", ids.join(",")));
        let file_name = archive_name(paths, now_ms());
        Ok(ArchiveLink {
            url: self.url(&with_query("download/all.json", &query)),
            file_name,
        })
    }

    async fn thumbnail(&self, path: &NodePath) -> Result<web_sys::Blob, ApiError> {
        let id = self.file_id(path).await?;
        let url = self.url(&with_query(
            &Self::at("file/thumb.json", &id),
            &self.session_query(),
        ));
        match http::get_blob(&url, &[]).await? {
            Ok(blob) => Ok(blob),
            Err(status) => Err(ApiError::new(kind_of("", status), status, "")),
        }
    }

    async fn view_url(&self, path: &NodePath) -> Result<String, ApiError> {
        Ok(self.download_link(&self.file_id(path).await?, true))
    }

    async fn text_head(&self, url: &str, limit: u64) -> Result<TextHead, ApiError> {
        let range = format!("bytes=0-{}", limit.saturating_sub(1));
        let reply = http::get(url, &[("Range", &range)]).await?;
        if !reply.ok() {
            return Err(error_from(&reply));
        }
        Ok(TextHead::from_range_reply(
            reply.body,
            reply.content_range.as_deref(),
            limit,
        ))
    }

    async fn people(&self, query: &str) -> Result<Vec<Person>, ApiError> {
        self.directory(query).await
    }

    async fn collaborators(&self, folder: &NodePath) -> Result<Vec<Collaborator>, ApiError> {
        let id = self.folder_id(folder).await?;
        let info = self.folder_info(&id).await?;
        // Folders name their owner by id and display name; the login is known for myself only.
        let me: SessionInfo = self.get("session/info.json", &self.session_query()).await?;
        let owner_login = if me.user_id == info.owner {
            me.user_name
        } else {
            info.owner_name.clone()
        };
        let mut out = vec![Collaborator {
            login: owner_login,
            name: info.owner_name,
            writer: true,
            status: ShareStatus::Owner,
            inherited: false,
            group_id: None,
        }];
        out.extend(self.grants(&id).await?.into_iter().map(|g| Collaborator {
            name: if g.display_name.is_empty() {
                g.name.clone()
            } else {
                g.display_name
            },
            login: g.name,
            writer: g.share_mode.flag(),
            status: if g.pending.flag() {
                ShareStatus::Invited
            } else {
                ShareStatus::Accepted
            },
            inherited: false,
            group_id: None,
        }));
        Ok(out)
    }

    async fn invite(&self, folder: &NodePath, login: &str, writer: bool) -> Result<(), ApiError> {
        let id = self.folder_id(folder).await?;
        let body = json!({ "folder_id": id, "username": login, "sharemode": i32::from(writer) });
        let reply = self.send("POST", "sharing.json", body).await?;
        if reply.status == 409 && self.grants(&id).await?.iter().any(|g| g.name == login) {
            // Already in the share: nothing changes.
            return Ok(());
        }
        unit(reply)
    }

    async fn set_rights(
        &self,
        folder: &NodePath,
        login: &str,
        writer: bool,
    ) -> Result<(), ApiError> {
        let grant = self.grant_of(folder, login).await?;
        let body = json!({ "sharing_id": grant.sharing_id.0, "sharemode": i32::from(writer) });
        unit(self.send("PUT", "sharing/setmode.json", body).await?)
    }

    async fn remove_member(
        &self,
        folder: &NodePath,
        login: &str,
        _invited: bool,
    ) -> Result<(), ApiError> {
        let grant = self.grant_of(folder, login).await?;
        self.delete_at(&self.in_session("sharing.json", &[&grant.sharing_id.0]))
            .await
    }

    async fn unshare(&self, folder: &NodePath) -> Result<(), ApiError> {
        let id = self.folder_id(folder).await?;
        for grant in self.grants(&id).await? {
            self.delete_at(&self.in_session("sharing.json", &[&grant.sharing_id.0]))
                .await?;
        }
        Ok(())
    }

    async fn handover(&self, _folder: &NodePath, _login: &str) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }

    async fn invites(&self) -> Result<Vec<Invite>, ApiError> {
        // Sharing takes effect at once in this dialect: there is never an invitation to answer.
        Ok(Vec::new())
    }

    async fn accept_invite(&self, _id: &str) -> Result<Entry, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn decline_invite(&self, _id: &str) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }

    async fn shared_by_me(&self) -> Result<Vec<OwnShare>, ApiError> {
        // No list of my shares in this API: my folders marked shared, with their grants.
        let mut out = Vec::new();
        for (path, f) in self.own_folders(&NodePath::root()).await? {
            if !f.shared.flag() {
                continue;
            }
            let grants = self.grants(&f.folder_id.0).await?;
            if grants.is_empty() {
                continue;
            }
            out.push(OwnShare {
                name: name_of(&path, &f.name),
                path,
                collaborators: grants.len() as u64,
            });
        }
        Ok(out)
    }

    async fn shared_with_me(&self) -> Result<Vec<Mount>, ApiError> {
        let shared: SharedUsers = self
            .get(&self.in_session("sharing/listsharedusers.json", &[]), &[])
            .await?;
        let root = self
            .list_all(ROOT, &[("only_subfolders", "1".into())])
            .await?;
        Ok(shared
            .shared_users
            .into_iter()
            .filter_map(|s| {
                let mount = root
                    .folders
                    .iter()
                    .find(|f| f.is_mount.flag() && f.folder_id == s.folder_id);
                let name = if s.folder_name.is_empty() {
                    mount.map(|m| m.name.clone())?
                } else {
                    s.folder_name
                };
                Some(Mount {
                    path: child(&NodePath::root(), &name)?,
                    writer: mount.and_then(folder_writable).unwrap_or(false),
                    name,
                    owner_name: s.name,
                })
            })
            .collect())
    }

    async fn create_link(
        &self,
        path: &NodePath,
        settings: &LinkSettings,
    ) -> Result<PublicLink, ApiError> {
        self.on_item(path, async |k| {
            let (link, downloads, mut has_password) = self.set_public(k, true).await?;
            if let (Kind::File, Some(pw)) = (k.kind, &settings.password) {
                let body = json!({ "file_id": k.id, "file_password": pw });
                unit(self.send("PUT", "file/filesettings.json", body).await?)?;
                has_password = !pw.is_empty();
            }
            Ok(self.public_link(path, k.kind == Kind::Folder, &link, downloads, has_password))
        })
        .await
    }

    async fn links(&self) -> Result<Vec<PublicLink>, ApiError> {
        // No list of links in this API; the share dialog asks per item (`link_of`).
        Err(ApiError::unsupported())
    }

    async fn link_of(&self, path: &NodePath) -> Result<Option<PublicLink>, ApiError> {
        self.on_item(path, async |k| {
            let (link, downloads, has_password) = match k.kind {
                Kind::File => {
                    let f = self.file_info(&k.id).await?;
                    (f.link, f.downloads.bytes(), f.password_protected.flag())
                }
                Kind::Folder => {
                    let f = self.folder_info(&k.id).await?;
                    (f.link, 0, false)
                }
            };
            Ok((!link.is_empty()).then(|| {
                self.public_link(path, k.kind == Kind::Folder, &link, downloads, has_password)
            }))
        })
        .await
    }

    async fn delete_link(&self, path: &NodePath) -> Result<(), ApiError> {
        self.on_item(path, async |k| self.set_public(k, false).await.map(|_| ()))
            .await
    }

    async fn link_view(
        &self,
        link: &str,
        path: &NodePath,
        password: Option<&str>,
    ) -> Result<LinkView, ApiError> {
        // A file's public id answers file/info.json; a folder's answers folder/shared.json.
        if path.is_root() {
            let query = Self::public_query(password, path);
            match self
                .get::<WireFile>(&Self::at("file/info.json", link), &query)
                .await
            {
                Ok(f) => {
                    let item_path = child(&NodePath::root(), &f.name).unwrap_or_default();
                    let mut item = file_entry(&f, item_path);
                    item.path = NodePath::root();
                    return Ok(LinkView {
                        item,
                        children: Vec::new(),
                    });
                }
                Err(e) if e.kind == ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        let s: SharedFolder = self
            .get(
                &Self::at("folder/shared.json", link),
                &Self::public_query(password, path),
            )
            .await?;
        let mut item = folder_entry(&s.folder_info, path.clone());
        if path.is_root() {
            item.name = s.folder_info.name.clone();
        }
        let folders = s
            .folders
            .iter()
            .filter_map(|f| Some(folder_entry(f, child(path, &f.name)?)));
        let files = s
            .files
            .iter()
            .filter_map(|f| Some(file_entry(f, child(path, &f.name)?)));
        Ok(LinkView {
            item,
            children: folders.chain(files).collect(),
        })
    }

    async fn link_file_url(
        &self,
        link: &str,
        path: &NodePath,
        password: Option<&str>,
        view: bool,
    ) -> Result<String, ApiError> {
        let mut query = Self::public_query(password, path);
        if view {
            query.push(("inline", "1".into()));
        }
        Ok(self.url(&with_query(&Self::at("download/file.json", link), &query)))
    }

    fn link_archive_url(
        &self,
        _link: &str,
        _paths: &[NodePath],
        _password: Option<&str>,
    ) -> String {
        // No zip of a public folder in this API (`link_archives` is off).
        String::new()
    }

    async fn save_link(&self, _link: &str, _password: Option<&str>) -> Result<String, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn save_state(&self, _task: &str) -> Result<SaveState, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn comments(&self, path: &NodePath) -> Result<Vec<Comment>, ApiError> {
        // Every item has one implicit task, its id the item's: its comments are the item's.
        let list: Vec<WireComment> = self
            .on_item(path, async |k| {
                self.get(&self.in_session("tasks/taskcomments.json", &[&k.id]), &[])
                    .await
            })
            .await?;
        Ok(list.into_iter().map(comment_from).collect())
    }

    async fn add_comment(
        &self,
        path: &NodePath,
        draft: &CommentDraft,
    ) -> Result<Comment, ApiError> {
        let c: WireComment = self
            .on_item(path, async |k| {
                self.post(
                    &self.in_session("tasks/comment.json", &[&k.id]),
                    json!({ "comment_text": draft.text }),
                )
                .await
            })
            .await?;
        Ok(comment_from(c))
    }

    async fn edit_comment(&self, id: &str, draft: &CommentDraft) -> Result<Comment, ApiError> {
        let reply = self
            .send(
                "PUT",
                &self.in_session("tasks/comment.json", &[id]),
                json!({ "comment_text": draft.text }),
            )
            .await?;
        Ok(comment_from(decode(reply)?))
    }

    async fn delete_comment(&self, id: &str) -> Result<(), ApiError> {
        self.delete_at(&self.in_session("tasks/trashcomment.json", &[id]))
            .await
    }

    async fn set_task_status(&self, _id: &str, _status: TaskStatus) -> Result<Comment, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn my_tasks(&self) -> Result<Vec<MyTask>, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn events(
        &self,
        _group: EventGroup,
        _skip: u64,
        _limit: u64,
    ) -> Result<Vec<Event>, ApiError> {
        Err(ApiError::unsupported())
    }

    // Administration: account users and user groups (opendrive/admin.rs). User ids are logins.

    async fn admin_users(&self, query: &UserQuery) -> Result<UsersPage, ApiError> {
        self.find_users(query).await
    }

    async fn create_user(&self, user: &NewUser) -> Result<AdminUser, ApiError> {
        self.new_user(user).await
    }

    async fn edit_user(&self, id: &str, edit: &UserEdit) -> Result<AdminUser, ApiError> {
        self.edit(id, edit).await
    }

    async fn set_user_password(&self, id: &str, password: &str) -> Result<(), ApiError> {
        self.set_password(id, password).await
    }

    async fn set_user_active(&self, id: &str, active: bool) -> Result<AdminUser, ApiError> {
        self.set_active(id, active).await
    }

    async fn unlock_user(&self, id: &str) -> Result<(), ApiError> {
        // `access_active` 1 unlocks (and enables: the API has no unlock alone).
        self.set_access(id, true).await
    }

    async fn set_user_role(&self, id: &str, role: Role) -> Result<(), ApiError> {
        self.set_role(id, role).await
    }

    async fn set_quota(
        &self,
        ids: &[String],
        quota_bytes: Option<u64>,
    ) -> Result<Vec<QuotaOutcome>, ApiError> {
        self.set_quotas(ids, quota_bytes).await
    }

    async fn delete_user(&self, id: &str) -> Result<(), ApiError> {
        self.remove_user(id).await
    }

    async fn groups(&self) -> Result<Vec<Group>, ApiError> {
        self.list_groups().await
    }

    async fn create_group(&self, name: &str) -> Result<Group, ApiError> {
        self.new_group(name).await
    }

    async fn rename_group(&self, group: &Group, name: &str) -> Result<Group, ApiError> {
        self.rename(group, name).await
    }

    async fn delete_group(&self, group: &Group) -> Result<(), ApiError> {
        self.remove_group(group).await
    }

    async fn group_members(&self, group: &Group) -> Result<Vec<Member>, ApiError> {
        self.members(group).await
    }

    async fn add_group_members(&self, group: &Group, user_ids: &[String]) -> Result<(), ApiError> {
        self.add_members(group, user_ids).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> NodePath {
        NodePath::parse(s).unwrap()
    }

    #[test]
    fn lenient_numbers_and_ids() {
        let n: Vec<Num> =
            serde_json::from_str(r#"[7, "12", " 3 ", true, null, "x", 2.9, "true"]"#).unwrap();
        assert_eq!(
            n,
            [
                Num(7),
                Num(12),
                Num(3),
                Num(1),
                Num(0),
                Num(0),
                Num(2),
                Num(1)
            ]
        );
        let i: Vec<Id> = serde_json::from_str(r#"["42", 42, null]"#).unwrap();
        assert_eq!(i, [Id("42".into()), Id("42".into()), Id(String::new())]);
        assert_eq!(Num(-5).bytes(), 0);
        assert_eq!(Num(2).ms(), 2000);
    }

    #[test]
    fn a_listing_maps_to_entries_and_ids() {
        let l: Listing = serde_json::from_str(
            r#"{"DirUpdateTime": 17, "Name": "Docs", "ParentFolderID": "0", "ResponseType": 1,
                "Folders": [{"FolderID": "7", "Name": "Sub", "DateCreated": 100, "DateModified": 200,
                             "Shared": "1", "ChildFolders": 0, "Writable": 0, "CommentsCount": 2, "Owner": "3"},
                            {"FolderID": "8", "Name": "bad/name"}],
                "Files": [{"FileId": "9", "Name": "a.PNG", "GroupID": "9", "Size": "1234", "Version": "3",
                           "DateModified": "300", "DateUploaded": 250, "ThumbLink": "/api/v1/file/thumb.json/9",
                           "FileHash": "ABCDEF", "Writable": 1, "CommentsCount": 0, "Owner": "3",
                           "Path": "/elsewhere/a.PNG"}],
                "IsLastPage": true}"#,
        )
        .unwrap();
        let found = listing_entries(&p("/Docs"), &l);
        assert_eq!(found.len(), 2, "an unusable name is left out");
        let (folder, fk) = &found[0];
        assert_eq!(folder.path, p("/Docs/Sub"));
        assert!(folder.is_folder && folder.shared && !folder.writable);
        assert_eq!(
            (folder.created_ms, folder.modified_ms, folder.comments),
            (100_000, 200_000, 2)
        );
        assert_eq!(fk, &Known::folder("7", Some(false)));
        let (file, k) = &found[1];
        // The listing's folder decides where a child is.
        assert_eq!(file.path, p("/Docs/a.PNG"));
        assert_eq!(file.name, "a.PNG");
        assert_eq!((file.size, file.version), (1234, 3));
        assert_eq!((file.modified_ms, file.created_ms), (300_000, 250_000));
        assert_eq!(file.checksum.as_deref(), Some("abcdef"));
        assert!(file.thumbnail && file.writable && !file.is_folder);
        assert_eq!(file.owner_id.as_deref(), Some("3"));
        assert_eq!(k, &Known::file("9", Some(true)));
        assert_eq!(l.is_last_page, Some(Num(1)));
    }

    #[test]
    fn record_paths_prefer_the_server_path() {
        assert_eq!(record_path("/a/b", Some(p("/x"))).unwrap(), p("/a/b"));
        assert_eq!(record_path("", Some(p("/x"))).unwrap(), p("/x"));
        assert_eq!(record_path("not absolute", Some(p("/x"))).unwrap(), p("/x"));
        assert!(record_path("", None).is_err());
    }

    #[test]
    fn trash_items_remember_where_they_were() {
        let t: TrashList = serde_json::from_str(
            r#"{"FilesCount": 1, "FoldersCount": 1,
                "Folders": [{"FolderID": "5", "Name": "old", "DateTrashed": 10, "OrigPath": "/a/old"}],
                "Files": [{"FileId": "6", "Name": "f.txt", "Size": "3", "DataTrashed": "20", "OrigPath": "/a"}]}"#,
        )
        .unwrap();
        let e = trash_entries(&t);
        assert_eq!(e.len(), 2);
        assert_eq!(
            (e[0].name.as_str(), e[0].deleted_ms, e[0].size),
            ("f.txt", 20_000, 3)
        );
        assert_eq!(
            e[0].original,
            p("/a/f.txt"),
            "OrigPath naming the folder it was in"
        );
        assert_eq!(
            e[1].original,
            p("/a/old"),
            "OrigPath naming the item itself"
        );
        let (kind, id, original) = parse_trash_id(&e[0].id).unwrap();
        assert_eq!((kind, id, original), (Kind::File, "6", Some(p("/a/f.txt"))));
        let (kind, id, _) = parse_trash_id(&e[1].id).unwrap();
        assert_eq!((kind, id), (Kind::Folder, "5"));
        assert!(parse_trash_id("node:1").is_err());
        assert_eq!(purged_totals(&e, &[]), (2, 3));
        assert_eq!(purged_totals(&e, &[e[1].id.clone()]), (1, 0));
        assert_eq!(purged_totals(&e, &[e[0].id.clone()]), (1, 3));
        assert_eq!(original_path("", "x"), p("/x"));
        // A path with colons survives the id.
        let id = trash_id(Kind::File, "1", &p("/a:b/c"));
        assert_eq!(parse_trash_id(&id).unwrap().2, Some(p("/a:b/c")));
    }

    #[test]
    fn comments_come_with_mentions_and_authors() {
        let c: WireComment = serde_json::from_str(
            r#"{"CommentId": "abc", "Comment": "hi @bob", "Number": "1", "Created": "5",
                "UserId": 3, "OwnerFirstName": "Ann", "OwnerLastName": "", "IsTask": 0}"#,
        )
        .unwrap();
        let c = comment_from(c);
        assert_eq!(
            (c.id.as_str(), c.author_id.as_str(), c.author_name.as_str()),
            ("abc", "3", "Ann")
        );
        assert_eq!((c.created_ms, c.modified_ms), (5000, 5000));
        assert_eq!(
            c.parts,
            vec![
                TextPart::Text("hi ".into()),
                TextPart::Mention("bob".into())
            ]
        );
        assert!(!c.is_task);
    }

    #[test]
    fn errors_by_kind_then_status() {
        let reply = |status: u16, body: &str| Reply {
            status,
            body: body.into(),
            etag: None,
            content_range: None,
        };
        let e = error_from(&reply(
            409,
            r#"{"error": {"code": 409, "message": "409: Conflict: File or folder with such name already exists", "kind": "AlreadyExists"}}"#,
        ));
        assert_eq!(e.kind, ErrorKind::AlreadyExists);
        assert_eq!(e.message, "File or folder with such name already exists");
        let e = error_from(&reply(
            404,
            r#"{"error": {"code": 404, "message": "404: Not Found: Folder cannot be copied/moved to itself", "kind": "IntoOwnSubtree"}}"#,
        ));
        assert_eq!(e.kind, ErrorKind::IntoOwnSubtree);
        let e = error_from(&reply(
            401,
            r#"{"error": {"code": 401, "message": "", "error": "invalid_token", "error_description": "The access token provided has expired"}}"#,
        ));
        assert_eq!(
            (e.kind, e.message.as_str()),
            (
                ErrorKind::Unauthorized,
                "The access token provided has expired"
            )
        );
        assert_eq!(error_from(&reply(502, "<html>")).kind, ErrorKind::Server);
        assert_eq!(error_from(&reply(403, "{}")).kind, ErrorKind::Forbidden);
        assert_eq!(
            phrase("400: Bad Request: Invalid chunk_offset 5: expected 0"),
            "Invalid chunk_offset 5: expected 0"
        );
        assert_eq!(
            phrase("409: File or folder with such name already exists"),
            "File or folder with such name already exists"
        );
        assert_eq!(phrase("plain"), "plain");
    }

    #[test]
    fn chunks_follow_the_queue_plan() {
        let chunk = 8;
        let parts = crate::model::plan(20, chunk);
        let offsets: Vec<(u64, u64)> = parts
            .iter()
            .map(|part| (chunk_offset(part.num, chunk), part.len()))
            .collect();
        assert_eq!(offsets, [(0, 8), (8, 8), (16, 4)]);
        let id = upload_id("0123abcd", "0123abcd");
        assert_eq!(split_upload_id(&id), ("0123abcd", "0123abcd"));
        assert_eq!(split_upload_id("42"), ("42", ""));
    }

    #[test]
    fn urls() {
        let c = OpenDrive::new("http://h/", Some("s1".into()), 8);
        assert_eq!(c.url("folder.json"), "http://h/api/v1/folder.json");
        assert_eq!(
            c.in_session("folder/list.json", &["0"]),
            "folder/list.json/s1/0"
        );
        assert_eq!(
            c.in_session("folder/trashlist.json", &[]),
            "folder/trashlist.json/s1"
        );
        assert_eq!(
            OpenDrive::at("file/info.json", "a b"),
            "file/info.json/a%20b"
        );
        assert_eq!(
            c.download_link("42.3", true),
            "http://h/api/v1/download/file.json/42.3?session_id=s1&inline=1"
        );
        assert_eq!(with_query("x", &[]), "x");
        assert_eq!(with_query("x?a=1", &[("b", "2".into())]), "x?a=1&b=2");
        assert_eq!(public_id("/s/abc"), "abc");
        // 2026-11-23 13:05:09 UTC.
        let t = 1_795_439_109_000;
        assert_eq!(
            archive_name(&[p("/Docs")], t),
            "Docs_2026-11-23_13-05-09_UTC.zip"
        );
        assert_eq!(
            archive_name(&[p("/a/x"), p("/a/y")], t),
            "a_2026-11-23_13-05-09_UTC.zip"
        );
        assert_eq!(
            archive_name(&[p("/x"), p("/y")], 0),
            "files_1970-01-01_00-00-00_UTC.zip"
        );
        assert_eq!(
            archive_name(&[p("/x")], 951_782_400_000),
            "x_2000-02-29_00-00-00_UTC.zip"
        );
    }

    #[test]
    fn search_filters_by_kind_and_date() {
        let entry = |name: &str, folder: bool, modified_ms: i64| Entry {
            name: name.into(),
            path: p(&format!("/{name}")),
            is_folder: folder,
            size: 0,
            modified_ms,
            checksum: None,
            version: 0,
            created_ms: 0,
            mime: None,
            favorite: false,
            thumbnail: false,
            shared: false,
            writable: true,
            comments: 0,
            owner_id: None,
        };
        assert_eq!(search_kind_of(&entry("d", true, 0)), SearchKind::Folder);
        assert_eq!(search_kind_of(&entry("a.jpg", false, 0)), SearchKind::Image);
        assert_eq!(search_kind_of(&entry("a.mp3", false, 0)), SearchKind::Audio);
        assert_eq!(
            search_kind_of(&entry("a.webm", false, 0)),
            SearchKind::Video
        );
        assert_eq!(
            search_kind_of(&entry("a.docx", false, 0)),
            SearchKind::Document
        );
        assert_eq!(
            search_kind_of(&entry("a.txt", false, 0)),
            SearchKind::Document
        );
        assert_eq!(search_kind_of(&entry("a.bin", false, 0)), SearchKind::Other);
        let q = SearchQuery {
            text: "a".into(),
            kind: SearchKind::Image,
            from_ms: Some(10),
            to_ms: Some(20),
        };
        assert!(matches_search(&entry("a.png", false, 15), &q));
        assert!(!matches_search(&entry("a.png", false, 25), &q));
        assert!(!matches_search(&entry("a.txt", false, 15), &q));
    }
}
