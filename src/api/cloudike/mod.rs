//! The Cloudike dialect (`/api/1`, see `docs/dialects/cloudike.md`): the only module that knows
//! Cloudike's endpoint names, field names and error names. This file holds the transport
//! (URLs, auth, error mapping) and the converters the areas share; each area's trait impl is in
//! the file of that name.

use satchel_wire::cloudike::{
    self as wire, AUTH_HEADER, AccountInfo, DownloadTicket, ErrorBody, FolderInfo, LoginResponse,
    Metadata, MultiResult, PartTicket, SearchResult, TaskStarted, TaskStatus, TrashItem,
    UploadTicket, VersionInfo, admin_error, field, preview_size,
};
use satchel_wire::{FileName, NodePath};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::api::http::{self, Reply};
use crate::api::{
    AdminApi, Api, CommentsApi, FilesApi, LinksApi, Progress, RecoveryApi, SessionApi, SharingApi,
    UploadsApi,
};
use crate::config::Dialect;
use crate::model::TaskStatus as WorkStatus;
use crate::model::*;

mod admin;
mod comments;
mod files;
mod links;
mod recovery;
mod session;
mod sharing;
mod uploads;

/// The header carrying a public link's password.
const LINK_PASSWORD_HEADER: &str = "Link-Password";

// Sharing, links and the directory (docs/dialects/cloudike.md, "Company directory", "Sharing",
// "Public links"). Only the fields the SPA reads; unknown ones are ignored.

/// Metadata as listings and link views send it, read leniently (a link view leaves the owner
/// fields out) and with the sharing extensions `shared` and `writable`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct Item {
    name: String,
    path: String,
    folder: bool,
    bytes: u64,
    checksum: Option<String>,
    version: i64,
    created: i64,
    modified: i64,
    mime_type: Option<String>,
    thumbnail: bool,
    favorite: bool,
    shared: bool,
    writable: Option<bool>,
    /// Extension: the number of comments.
    comments: u64,
    owner: Option<serde_json::Value>,
    content: Option<Vec<Item>>,
    is_last_page: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
struct CompanyAccount {
    #[serde(default)]
    company_id: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Deserialize)]
struct DirectoryUser {
    login: String,
    #[serde(default)]
    name: String,
}

#[derive(Debug, Clone, Deserialize)]
struct Directory {
    #[serde(default)]
    users: Vec<DirectoryUser>,
}

#[derive(Debug, Clone, Deserialize)]
struct WireCollaborator {
    #[serde(default)]
    login: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    writer: bool,
    #[serde(default)]
    status: String,
    #[serde(default)]
    owner: bool,
    #[serde(default)]
    is_indirect: bool,
    /// A group collaborator (`is_group`), named by `name`.
    #[serde(default)]
    group_id: Option<serde_json::Value>,
    #[serde(default)]
    is_group: bool,
}

#[derive(Debug, Clone, Deserialize)]
struct WireInvite {
    hash: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    owner_name: String,
    #[serde(default)]
    writer: bool,
    #[serde(default)]
    created: i64,
}

#[derive(Debug, Clone, Deserialize)]
struct WireShare {
    path: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    collaborators: Option<serde_json::Value>,
    #[serde(default)]
    owner_name: String,
    #[serde(default)]
    writer: bool,
}

#[derive(Debug, Clone, Deserialize)]
struct WireLink {
    hash: String,
    #[serde(default)]
    public_hash: String,
    path: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    folder: bool,
    #[serde(default)]
    created: i64,
    #[serde(default)]
    expires: Option<i64>,
    #[serde(default)]
    download_max: Option<u64>,
    #[serde(default)]
    downloads: u64,
    #[serde(default)]
    has_password: bool,
}

#[derive(Debug, Clone, Deserialize)]
struct SaveStatus {
    status: String,
    #[serde(default)]
    progress: Option<u8>,
    #[serde(default)]
    folder_name: String,
    #[serde(default)]
    files_count: u64,
    #[serde(default)]
    size: u64,
}

// Comments, tasks and events (docs/dialects/cloudike.md, "Comments and tasks (workflow)",
// "Activity (events)").

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct WireAssignee {
    user_id: Option<serde_json::Value>,
    user_name: String,
    status: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct WireComment {
    id: String,
    created_time: i64,
    modified_time: i64,
    text: String,
    #[serde(rename = "taggedText")]
    tagged_text: String,
    #[serde(rename = "type")]
    kind: String,
    owner_id: Option<serde_json::Value>,
    owner_name: String,
    due_date: i64,
    assignees: Vec<WireAssignee>,
    /// `workflow/tasks/` only.
    path: Option<String>,
    name: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct WireEvent {
    id: Option<serde_json::Value>,
    #[serde(rename = "type")]
    kind: String,
    timestamp: i64,
    path: Option<String>,
    oldpath: Option<String>,
    init_event_user_name: Option<String>,
    text: Option<String>,
}

/// A user id sent as a number or a string.
fn id_string(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn task_status(raw: &str) -> WorkStatus {
    match raw {
        "accepted" => WorkStatus::Accepted,
        "declined" | "decline" => WorkStatus::Declined,
        "completed" => WorkStatus::Completed,
        _ => WorkStatus::Open,
    }
}

/// Split `taggedText` (`Thanks @[7:bob]!`) into text and mentions; without tags, the plain text.
pub fn text_parts(text: &str, tagged: &str) -> Vec<TextPart> {
    if tagged.is_empty() {
        return vec![TextPart::Text(text.to_owned())];
    }
    let mut out = Vec::new();
    let mut rest = tagged;
    let mut plain = String::new();
    while let Some(at) = rest.find("@[") {
        let after = &rest[at + 2..];
        let tag = after.find(']').map(|end| &after[..end]).and_then(|inner| {
            let (id, login) = inner.split_once(':')?;
            let ok = !login.is_empty()
                && id.chars().all(|c| c.is_ascii_alphanumeric())
                && login
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'));
            ok.then_some((inner.len(), login))
        });
        match tag {
            Some((len, login)) => {
                plain.push_str(&rest[..at]);
                if !plain.is_empty() {
                    out.push(TextPart::Text(std::mem::take(&mut plain)));
                }
                out.push(TextPart::Mention(login.to_owned()));
                rest = &after[len + 1..];
            }
            None => {
                plain.push_str(&rest[..at + 2]);
                rest = after;
            }
        }
    }
    plain.push_str(rest);
    if !plain.is_empty() {
        out.push(TextPart::Text(plain));
    }
    out
}

fn comment_from(c: WireComment) -> Comment {
    Comment {
        parts: text_parts(&c.text, &c.tagged_text),
        id: c.id,
        created_ms: c.created_time,
        modified_ms: c.modified_time,
        text: c.text,
        is_task: c.kind == "task",
        author_id: c.owner_id.as_ref().and_then(id_string).unwrap_or_default(),
        author_name: c.owner_name,
        due_ms: (c.due_date > 0).then_some(c.due_date),
        assignees: c
            .assignees
            .into_iter()
            .map(|a| Assignee {
                user_id: a.user_id.as_ref().and_then(id_string).unwrap_or_default(),
                name: a.user_name,
                status: task_status(&a.status),
            })
            .collect(),
    }
}

fn draft_form(draft: &CommentDraft) -> Form {
    let mut form: Form = vec![("text", draft.text.clone())];
    if draft.is_task {
        form.push(("type", "task".into()));
        if let Some(due) = draft.due_ms {
            form.push(("due_date", due.to_string()));
        }
        for login in &draft.assignees {
            form.push(("assignee", login.clone()));
        }
    }
    form
}

fn event_from(e: WireEvent) -> Event {
    let path = e.path.as_deref().and_then(|p| NodePath::parse(p).ok());
    let name = path
        .as_ref()
        .or(e
            .oldpath
            .as_deref()
            .and_then(|p| NodePath::parse(p).ok())
            .as_ref())
        .and_then(|p| p.name().map(|n| n.as_str().to_owned()))
        .unwrap_or_default();
    Event {
        id: e.id.as_ref().and_then(id_string).unwrap_or_default(),
        kind: EventKind::from_code(&e.kind),
        time_ms: e.timestamp,
        path,
        name,
        actor: e.init_event_user_name.unwrap_or_default(),
        text: e.text.unwrap_or_default(),
    }
}

fn parse_path(raw: &str) -> Result<NodePath, ApiError> {
    NodePath::parse(raw)
        .map_err(|e| ApiError::new(ErrorKind::Unexpected, 200, format!("{raw}: {e}")))
}

fn item_entry(m: &Item) -> Result<Entry, ApiError> {
    let path = parse_path(if m.path.is_empty() { "/" } else { &m.path })?;
    let name = match path.name() {
        Some(n) => n.as_str().to_owned(),
        None => m.name.clone(),
    };
    Ok(Entry {
        name,
        path,
        is_folder: m.folder,
        size: m.bytes,
        modified_ms: m.modified,
        checksum: m.checksum.clone(),
        version: m.version,
        created_ms: m.created,
        mime: m.mime_type.clone(),
        favorite: m.favorite,
        thumbnail: m.thumbnail,
        shared: m.shared,
        writable: m.writable.unwrap_or(true),
        comments: m.comments,
        owner_id: m.owner.as_ref().and_then(id_string),
    })
}

fn link_from(origin: &str, l: WireLink) -> Result<PublicLink, ApiError> {
    let url = if l.public_hash.starts_with('/') {
        format!("{origin}{}", l.public_hash)
    } else if l.public_hash.is_empty() {
        format!("{origin}/s/{}", l.hash)
    } else {
        l.public_hash
    };
    Ok(PublicLink {
        path: parse_path(&l.path)?,
        id: l.hash,
        url,
        name: l.name,
        is_folder: l.folder,
        created_ms: l.created,
        expires_ms: l.expires,
        download_max: l.download_max.filter(|n| *n > 0),
        downloads: l.downloads,
        has_password: l.has_password,
    })
}

/// `links/<what>/<hash>/<path segments>`.
fn link_endpoint(what: &str, link: &str, path: &NodePath) -> String {
    let mut out = format!("links/{what}/");
    satchel_wire::name::percent_encode_segment(link, &mut out);
    out.push('/');
    out.push_str(path.to_url_path().trim_start_matches('/'));
    out
}

/// The form naming one collaborator of a shared folder (and their rights, when they change).
fn member_form(folder: &NodePath, login: &str, writer: Option<bool>) -> Form {
    let mut form: Form = vec![
        (field::PATH, folder.to_string()),
        ("member_login", login.to_owned()),
    ];
    if let Some(writer) = writer {
        form.push(("writer", writer.to_string()));
    }
    form
}

fn unit(reply: Reply) -> Result<(), ApiError> {
    if reply.ok() {
        Ok(())
    } else {
        Err(error_from(&reply))
    }
}

#[derive(Clone, Debug)]
pub struct Cloudike {
    /// Origin of the server (`""` = this page's origin).
    origin: String,
    token: Option<String>,
}

type Form = Vec<(&'static str, String)>;

impl Cloudike {
    pub fn new(origin: &str, token: Option<String>) -> Self {
        Self {
            origin: origin.trim_end_matches('/').to_owned(),
            token,
        }
    }

    /// `<origin>/api/1/<endpoint>`.
    fn url(&self, endpoint: &str) -> String {
        format!("{}{}/{}", self.origin, wire::BASE, endpoint)
    }

    /// A URL the server handed out (`/api/1/upload/...`), made absolute against the origin.
    fn server_url(&self, url: &str) -> String {
        if url.starts_with('/') {
            format!("{}{url}", self.origin)
        } else {
            url.to_owned()
        }
    }

    /// The origin recipients' pages live at: the server's, or this page's when that is `""`.
    fn page_origin(&self) -> String {
        if self.origin.is_empty() {
            web_sys::window()
                .and_then(|w| w.location().origin().ok())
                .unwrap_or_default()
        } else {
            self.origin.clone()
        }
    }

    fn auth(&self) -> Vec<(&'static str, &str)> {
        self.token
            .as_deref()
            .map(|t| vec![(AUTH_HEADER, t)])
            .unwrap_or_default()
    }

    async fn get<T: DeserializeOwned>(&self, endpoint: &str) -> Result<T, ApiError> {
        let reply = http::get(&self.url(endpoint), &self.auth()).await?;
        decode(reply)
    }

    async fn post<T: DeserializeOwned>(&self, endpoint: &str, form: &Form) -> Result<T, ApiError> {
        let reply = self.post_raw(endpoint, form).await?;
        decode(reply)
    }

    async fn post_raw(&self, endpoint: &str, form: &Form) -> Result<Reply, ApiError> {
        let body = serde_urlencoded::to_string(form)
            .map_err(|e| ApiError::new(ErrorKind::Unexpected, 0, e.to_string()))?;
        http::post_form(&self.url(endpoint), &self.auth(), body).await
    }
}

/// Map a reply to `T`, or its error body to an [`ApiError`].
fn decode<T: DeserializeOwned>(reply: Reply) -> Result<T, ApiError> {
    if !reply.ok() {
        return Err(error_from(&reply));
    }
    serde_json::from_str(&reply.body)
        .map_err(|e| ApiError::new(ErrorKind::Unexpected, reply.status, e.to_string()))
}

pub fn error_from(reply: &Reply) -> ApiError {
    match serde_json::from_str::<ErrorBody>(&reply.body) {
        Ok(body) => ApiError::new(
            kind_of(&body.error, reply.status),
            reply.status,
            body.message,
        ),
        Err(_) => ApiError::new(kind_of("", reply.status), reply.status, ""),
    }
}

/// Cloudike's symbolic error names (and, failing those, the status) in Satchel's terms.
pub fn kind_of(error: &str, status: u16) -> ErrorKind {
    match error {
        "Unauthorized" => ErrorKind::Unauthorized,
        "InvalidCredentials" => ErrorKind::InvalidCredentials,
        "NotFound" => ErrorKind::NotFound,
        "Conflict" => ErrorKind::Conflict,
        "AlreadyExists" => ErrorKind::AlreadyExists,
        "InvalidName" => ErrorKind::InvalidName,
        "BadDigest" => ErrorKind::BadDigest,
        "SameDirectory" => ErrorKind::SameDirectory,
        "IntoOwnSubtree" => ErrorKind::IntoOwnSubtree,
        "Forbidden" => ErrorKind::Forbidden,
        "PasswordRequired" => ErrorKind::PasswordRequired,
        "WrongPassword" => ErrorKind::WrongPassword,
        "LinkExpired" => ErrorKind::LinkExpired,
        "DownloadLimitReached" => ErrorKind::DownloadLimitReached,
        "LinkNotFound" => ErrorKind::NotFound,
        "SharedRootInside" => ErrorKind::SharedRootInside,
        "FileOrFolderMoveMountPointToAnother" => ErrorKind::MountMove,
        admin_error::QUOTA_EXCEEDED => ErrorKind::QuotaExceeded,
        admin_error::USER_DISABLED => ErrorKind::AccountDisabled,
        admin_error::USER_LOCKED => ErrorKind::AccountLocked,
        _ => match status {
            401 => ErrorKind::Unauthorized,
            402 => ErrorKind::QuotaExceeded,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            412 => ErrorKind::MountMove,
            424 => ErrorKind::IntoOwnSubtree,
            500..=599 => ErrorKind::Server,
            _ => ErrorKind::Unexpected,
        },
    }
}

/// A Cloudike item as an [`Entry`].
pub fn entry_from(m: &Metadata) -> Result<Entry, ApiError> {
    let path = NodePath::parse(&m.path)
        .map_err(|e| ApiError::new(ErrorKind::Unexpected, 200, format!("{}: {e}", m.path)))?;
    let name = match path.name() {
        Some(n) => n.as_str().to_owned(),
        None => m.name.clone(),
    };
    Ok(Entry {
        name,
        path,
        is_folder: m.folder,
        size: m.bytes,
        modified_ms: m.modified,
        checksum: m.checksum.clone(),
        version: m.version,
        created_ms: m.created,
        mime: m.mime_type.clone(),
        favorite: m.favorite,
        thumbnail: m.thumbnail,
        shared: false,
        writable: true,
        comments: 0,
        owner_id: (m.owner != 0).then(|| m.owner.to_string()),
    })
}

fn trash_entry(item: &TrashItem) -> Result<TrashEntry, ApiError> {
    let original = NodePath::parse(&item.restore_path).map_err(|e| {
        ApiError::new(
            ErrorKind::Unexpected,
            200,
            format!("{}: {e}", item.restore_path),
        )
    })?;
    let name = original
        .name()
        .map(|n| n.as_str().to_owned())
        .unwrap_or_default();
    Ok(TrashEntry {
        id: item.name.clone(),
        name,
        original,
        is_folder: item.folder,
        size: item.bytes,
        deleted_ms: item.deleted,
    })
}

/// `endpoint?query` (no `?` when the form is empty).
fn with_query(endpoint: &str, form: &Form) -> String {
    let query = serde_urlencoded::to_string(form).unwrap_or_default();
    if query.is_empty() {
        endpoint.to_owned()
    } else {
        format!("{endpoint}?{query}")
    }
}

fn search_type(kind: SearchKind) -> Option<&'static str> {
    match kind {
        SearchKind::Any => None,
        SearchKind::Folder => Some("folder"),
        SearchKind::Image => Some("image"),
        SearchKind::Audio => Some("audio"),
        SearchKind::Video => Some("video"),
        SearchKind::Document => Some("document"),
        SearchKind::Other => Some("other"),
    }
}

/// The total length in `bytes 0-9/1234`.
fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

fn endpoint_with_path(prefix: &str, path: &NodePath) -> String {
    // `to_url_path` starts with "/"; the endpoint already ends with one.
    format!("{prefix}{}", path.to_url_path().trim_start_matches('/'))
}

impl Api for Cloudike {
    fn dialect(&self) -> Dialect {
        Dialect::Cloudike
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

    #[test]
    fn tagged_text_splits_into_mentions() {
        assert_eq!(
            text_parts("Thanks @bob!", "Thanks @[7:bob]!"),
            vec![
                TextPart::Text("Thanks ".into()),
                TextPart::Mention("bob".into()),
                TextPart::Text("!".into()),
            ]
        );
        assert_eq!(
            text_parts("<b>x</b>", ""),
            vec![TextPart::Text("<b>x</b>".into())]
        );
        assert_eq!(
            text_parts("", "a @[x y] @[3:c]"),
            vec![
                TextPart::Text("a @[x y] ".into()),
                TextPart::Mention("c".into())
            ]
        );
    }

    #[test]
    fn errors_map_by_name_then_status() {
        assert_eq!(kind_of("Conflict", 409), ErrorKind::Conflict);
        assert_eq!(kind_of("AlreadyExists", 403), ErrorKind::AlreadyExists);
        assert_eq!(kind_of("", 401), ErrorKind::Unauthorized);
        assert_eq!(kind_of("Weird", 503), ErrorKind::Server);
        assert_eq!(kind_of("QuotaExceeded", 402), ErrorKind::QuotaExceeded);
        assert_eq!(kind_of("", 402), ErrorKind::QuotaExceeded);
        assert_eq!(kind_of("UserDisabled", 401), ErrorKind::AccountDisabled);
        assert_eq!(kind_of("UserLocked", 403), ErrorKind::AccountLocked);
    }

    #[test]
    fn urls() {
        let c = Cloudike::new("http://h:1/", None);
        let p = NodePath::parse("/a b/c?").unwrap();
        assert_eq!(
            c.url(&endpoint_with_path("metadata/", &p)),
            "http://h:1/api/1/metadata/a%20b/c%3F"
        );
        assert_eq!(
            endpoint_with_path("metadata/", &NodePath::root()),
            "metadata/"
        );
        assert_eq!(
            c.server_url("/api/1/upload/x/1"),
            "http://h:1/api/1/upload/x/1"
        );
    }
}
