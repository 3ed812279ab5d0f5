//! The OpenDrive dialect (`/api/v1`, see `docs/dialects/opendrive.md`): the only folder that knows
//! OpenDrive's endpoint names, field names and error names. This file holds the transport, the
//! id cache and the converters the areas share; each area's trait impl is in the file of that
//! name.
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

use crate::api::http::{self, JSON_CONTENT_TYPE, Reply};
use crate::api::{
    AdminApi, Api, CommentsApi, FilesApi, LinksApi, Progress, RecoveryApi, SessionApi, SharingApi,
    UploadsApi,
};
use crate::config::Dialect;
use crate::logic::id_cache::{IdCache, Kind, Known};
use crate::logic::mentions::split_mentions;
use crate::logic::preview::{PreviewKind, preview_kind};
use crate::model::*;

mod admin;
mod comments;
mod files;
mod links;
mod recovery;
mod session;
mod sharing;
mod uploads;

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

/// A trash item's id for [`RecoveryApi::restore`] and [`RecoveryApi::purge`]: `kind:id:original path`.
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

impl Api for OpenDrive {
    fn dialect(&self) -> Dialect {
        Dialect::OpenDrive
    }

    fn session(&self) -> &dyn SessionApi {
        self
    }

    fn files(&self) -> &dyn FilesApi {
        self
    }

    fn uploads(&self) -> &dyn UploadsApi {
        self
    }

    fn recovery(&self) -> Option<&dyn RecoveryApi> {
        Some(self)
    }

    fn sharing(&self) -> Option<&dyn SharingApi> {
        Some(self)
    }

    fn links(&self) -> Option<&dyn LinksApi> {
        Some(self)
    }

    fn comments(&self) -> Option<&dyn CommentsApi> {
        Some(self)
    }

    fn admin(&self) -> Option<&dyn AdminApi> {
        Some(self)
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
