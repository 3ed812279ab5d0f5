//! The Cloudike dialect (`/api/1`, see `docs/dialects/cloudike.md`): the only module that knows
//! Cloudike's endpoint names, field names and error names (the admin endpoints are in
//! `cloudike/admin.rs`).

use satchel_wire::cloudike::{
    self as wire, AUTH_HEADER, AccountInfo, DownloadTicket, ErrorBody, FolderInfo, LoginResponse,
    Metadata, MultiResult, PartTicket, SearchResult, TaskStarted, TaskStatus, TrashItem,
    UploadTicket, VersionInfo, admin_error, field, preview_size,
};
use satchel_wire::{FileName, NodePath};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::TaskStatus as WorkStatus;
use super::http::{self, Reply};
use super::{
    Account, ApiError, ArchiveLink, Capabilities, Client, Collaborator, DeleteOutcome, Entry,
    ErrorKind, FolderTotals, Invite, LinkSettings, LinkView, Mount, OwnShare, Page, Person,
    PublicLink, SaveState, SearchKind, SearchQuery, Session, ShareStatus, TaskState, TextHead,
    TrashEntry, TrashListing, UploadSession, UploadStart, Version,
};
use super::{
    AdminUser, Company, Group, Invitation, Member, NewUser, QuotaOutcome, QuotaRequest, Role,
    StorageReport, UserEdit, UserQuery, UsersPage,
};
use super::{Assignee, Comment, CommentDraft, Event, EventGroup, EventKind, MyTask, TextPart};

mod admin;

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
        "TooManyAttempts" => ErrorKind::TooManyAttempts,
        _ => match status {
            401 => ErrorKind::Unauthorized,
            402 => ErrorKind::QuotaExceeded,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            412 => ErrorKind::MountMove,
            429 => ErrorKind::TooManyAttempts,
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

impl Client for Cloudike {
    async fn login(&self, login: &str, password: &str) -> Result<Session, ApiError> {
        let form: Form = vec![
            (field::LOGIN, login.to_owned()),
            (field::PASSWORD, password.to_owned()),
            (field::PERMANENT_AUTH, "false".into()),
            (field::DEVICE_DESCRIPTION, "Satchel web".into()),
        ];
        let reply = self.post_raw("accounts/login/", &form).await?;
        if reply.status == 401 {
            let mut err = error_from(&reply);
            if err.kind == ErrorKind::Unauthorized {
                err.kind = ErrorKind::InvalidCredentials;
            }
            return Err(err);
        }
        let r: LoginResponse = decode(reply)?;
        Ok(Session {
            token: r.token,
            login: login.to_owned(),
            expires_ms: r.expires,
            dialect: crate::config::Dialect::Cloudike,
        })
    }

    async fn logout(&self) -> Result<(), ApiError> {
        let reply = self.post_raw("accounts/logout/", &Vec::new()).await?;
        if reply.ok() {
            Ok(())
        } else {
            Err(error_from(&reply))
        }
    }

    async fn account(&self) -> Result<Account, ApiError> {
        let a: AccountInfo = self.get("accounts/get/").await?;
        Ok(Account {
            user_id: a.userid.to_string(),
            name: a.name,
            used_bytes: a.storage_size,
            quota_bytes: a.quota_size,
            role: admin::role_from(&a.role),
            company_id: Some(a.company_id.to_string()),
        })
    }

    async fn list(&self, path: &NodePath) -> Result<Vec<Entry>, ApiError> {
        let endpoint = format!(
            "{}?{}=true",
            endpoint_with_path("metadata/", path),
            field::LISTING
        );
        let m: Item = self.get(&endpoint).await?;
        m.content
            .unwrap_or_default()
            .iter()
            .map(item_entry)
            .collect()
    }

    async fn create_folder(&self, path: &NodePath) -> Result<Entry, ApiError> {
        let now = now_ms().to_string();
        let form: Form = vec![
            (field::PATH, path.to_string()),
            (field::CREATED, now.clone()),
            (field::MODIFIED, now),
        ];
        let m: Metadata = self.post("fileops/folder_create", &form).await?;
        entry_from(&m)
    }

    async fn rename(&self, path: &NodePath, new_name: &FileName) -> Result<Entry, ApiError> {
        let form: Form = vec![
            (field::PATH, path.to_string()),
            (field::NEWNAME, new_name.to_string()),
        ];
        let m: Metadata = self.post("fileops/rename/", &form).await?;
        entry_from(&m)
    }

    async fn move_to(&self, path: &NodePath, folder: &NodePath) -> Result<(), ApiError> {
        let form: Form = vec![
            (field::FROM_PATH, path.to_string()),
            (field::TO_PATH, folder.to_string()),
            (field::OVERWRITE, "false".into()),
        ];
        let reply = self.post_raw("fileops/move/", &form).await?;
        if reply.ok() {
            Ok(())
        } else {
            Err(error_from(&reply))
        }
    }

    async fn copy_to(&self, path: &NodePath, folder: &NodePath) -> Result<(), ApiError> {
        // overwrite=true never replaces on copy: a taken name becomes "name (1).ext".
        let form: Form = vec![
            (field::FROM_PATH, path.to_string()),
            (field::TO_PATH, folder.to_string()),
            (field::OVERWRITE, "true".into()),
        ];
        let reply = self.post_raw("fileops/copy/", &form).await?;
        if reply.ok() {
            Ok(())
        } else {
            Err(error_from(&reply))
        }
    }

    async fn delete(&self, paths: &[NodePath]) -> Result<DeleteOutcome, ApiError> {
        let mut form: Form = paths.iter().map(|p| (field::PATH, p.to_string())).collect();
        form.push((field::ONLY_EMPTY, "false".into()));
        form.push((field::WITHOUT_TRASH, "false".into()));
        let r: MultiResult = self.post("fileops/multi/delete/", &form).await?;
        let failed = r
            .nodes
            .into_iter()
            .filter(|n| n.error_code.is_some_and(|c| c >= 400))
            .map(|n| (n.path, n.message.unwrap_or_default()))
            .collect();
        Ok(DeleteOutcome {
            deleted: r.success,
            failed,
        })
    }

    async fn download_url(&self, path: &NodePath) -> Result<String, ApiError> {
        let ticket: DownloadTicket = self.get(&endpoint_with_path("files/get/", path)).await?;
        Ok(self.server_url(&ticket.url))
    }

    async fn begin_upload(
        &self,
        path: &NodePath,
        size: u64,
        md5: &str,
        overwrite: bool,
    ) -> Result<UploadStart, ApiError> {
        let now = now_ms().to_string();
        let form: Form = vec![
            (field::PATH, path.to_string()),
            (field::SIZE, size.to_string()),
            (field::CHECKSUM, md5.to_owned()),
            (field::OVERWRITE, overwrite.to_string()),
            (field::CREATE_DIRS, "true".into()),
            (field::MULTIPART, "true".into()),
            (field::CREATED, now.clone()),
            (field::MODIFIED, now),
        ];
        let reply = self.post_raw("files/create/", &form).await?;
        match reply.status {
            201 => Ok(UploadStart::Deduplicated(entry_from(&decode::<Metadata>(
                reply,
            )?)?)),
            _ => {
                let t: UploadTicket = decode(reply)?;
                Ok(UploadStart::Session(UploadSession {
                    path: path.clone(),
                    id: t.temp_path,
                    max_part_size: t.max_part_size,
                    sequential: false,
                }))
            }
        }
    }

    async fn part_target(
        &self,
        session: &UploadSession,
        part_num: u32,
        size: u64,
        md5: &str,
    ) -> Result<String, ApiError> {
        let form: Form = vec![
            (field::TEMP_PATH, session.id.clone()),
            (field::PART_NUM, part_num.to_string()),
            (field::SIZE, size.to_string()),
            (field::CHECKSUM, md5.to_owned()),
        ];
        let t: PartTicket = self.post("files/create_part/", &form).await?;
        Ok(self.server_url(&t.url))
    }

    async fn put_part(
        &self,
        url: &str,
        blob: &web_sys::Blob,
        on_progress: impl Fn(f64) + 'static,
        xhrs: &http::XhrSet,
    ) -> Result<(), ApiError> {
        let reply = http::xhr_put(url, blob, &[], on_progress, xhrs).await?;
        if reply.ok() {
            Ok(())
        } else {
            Err(error_from(&reply))
        }
    }

    async fn confirm(
        &self,
        session: &UploadSession,
        size: u64,
        md5: &str,
        overwrite: bool,
    ) -> Result<Entry, ApiError> {
        let form: Form = vec![
            (field::TEMP_NAME, session.id.clone()),
            (field::OVERWRITE, overwrite.to_string()),
            (field::SIZE, size.to_string()),
            (field::CHECKSUM, md5.to_owned()),
        ];
        let m: Metadata = self
            .post(&endpoint_with_path("files/confirm/", &session.path), &form)
            .await?;
        entry_from(&m)
    }

    async fn cancel(&self, session: &UploadSession) -> Result<(), ApiError> {
        let form: Form = vec![(field::TEMP_PATH, session.id.clone())];
        let reply = self.post_raw("files/cancel_upload/", &form).await?;
        if reply.ok() {
            Ok(())
        } else {
            Err(error_from(&reply))
        }
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            trash: true,
            versions: true,
            favorites: true,
            search: true,
            archives: true,
            previews: true,
            sharing: true,
            invitations: true,
            links: true,
            link_expiry: true,
            link_password: true,
            folder_link_password: true,
            link_download_limit: true,
            link_archives: true,
            save_links: true,
            link_list: true,
            version_restore: true,
            handover: true,
            comments: true,
            tasks: true,
            activity: true,
            admin_users: true,
            invite_users: true,
            user_locale: true,
            unlock_users: true,
            restore_users: true,
            roles: true,
            quotas: true,
            groups: true,
            group_member_removal: true,
            group_shares: true,
            company: true,
            quota_requests: true,
            companies: true,
            storage_report: true,
        }
    }

    async fn list_page(&self, path: &NodePath, offset: u64, limit: u64) -> Result<Page, ApiError> {
        let form: Form = vec![
            (field::LISTING, "true".into()),
            (field::OFFSET, offset.to_string()),
            (field::LIMIT, limit.to_string()),
            (field::ORDER_BY, "name".into()),
        ];
        let m: Item = self
            .get(&with_query(&endpoint_with_path("metadata/", path), &form))
            .await?;
        let writable = m.writable.unwrap_or(true);
        let is_last_page = m.is_last_page;
        let content = m.content.unwrap_or_default();
        let is_last = is_last_page.unwrap_or(true) || (content.len() as u64) < limit;
        Ok(Page {
            entries: content.iter().map(item_entry).collect::<Result<_, _>>()?,
            is_last,
            writable,
        })
    }

    async fn trash(&self, etag: Option<&str>) -> Result<Option<TrashListing>, ApiError> {
        let mut headers = self.auth();
        if let Some(tag) = etag {
            headers.push(("If-None-Match", tag));
        }
        let reply = http::get(&self.url("trash/"), &headers).await?;
        if reply.status == 304 {
            return Ok(None);
        }
        let tag = reply.etag.clone();
        let listing: wire::TrashListing = decode(reply)?;
        Ok(Some(TrashListing {
            entries: listing
                .content
                .iter()
                .map(trash_entry)
                .collect::<Result<_, _>>()?,
            etag: tag,
        }))
    }

    async fn restore(&self, id: &str, overwrite: bool) -> Result<Entry, ApiError> {
        let form: Form = vec![(field::OVERWRITE, if overwrite { "1" } else { "0" }.into())];
        let mut endpoint = "trash/restore/".to_owned();
        satchel_wire::name::percent_encode_segment(id, &mut endpoint);
        let m: Metadata = self.post(&endpoint, &form).await?;
        entry_from(&m)
    }

    async fn purge(&self, ids: &[String]) -> Result<String, ApiError> {
        let started: TaskStarted = if ids.is_empty() {
            self.post("trash/clear/", &Vec::new()).await?
        } else {
            let form: Form = ids.iter().map(|id| (field::NAME, id.clone())).collect();
            self.post("fileops/purge/", &form).await?
        };
        Ok(started.taskid)
    }

    async fn task(&self, id: &str) -> Result<TaskState, ApiError> {
        let s: TaskStatus = self.get(&format!("task/{id}/")).await?;
        Ok(if s.status == "done" {
            TaskState::Done {
                items: s.items.unwrap_or(0),
                bytes: s.bytes.unwrap_or(0),
            }
        } else {
            TaskState::Running {
                percent: s.progress.unwrap_or(0),
            }
        })
    }

    async fn versions(&self, path: &NodePath) -> Result<Vec<Version>, ApiError> {
        let list: Vec<VersionInfo> = self
            .get(&endpoint_with_path("files/versions/", path))
            .await?;
        Ok(list
            .into_iter()
            .map(|v| Version {
                number: v.version,
                size: v.bytes,
                stored_ms: v.timestamp,
                author: v.author_name,
            })
            .collect())
    }

    async fn version_url(&self, path: &NodePath, version: i64) -> Result<String, ApiError> {
        let form: Form = vec![(field::VERSION, version.to_string())];
        let endpoint = with_query(&endpoint_with_path("files/get/", path), &form);
        let ticket: DownloadTicket = self.get(&endpoint).await?;
        Ok(self.server_url(&ticket.url))
    }

    async fn restore_version(&self, path: &NodePath, version: i64) -> Result<Entry, ApiError> {
        let form: Form = vec![
            (field::PATH, path.to_string()),
            (field::VERSION, version.to_string()),
        ];
        let m: Metadata = self.post("files/restore/", &form).await?;
        entry_from(&m)
    }

    async fn set_favorite(&self, path: &NodePath, favorite: bool) -> Result<Entry, ApiError> {
        let form: Form = vec![
            (field::PATH, path.to_string()),
            (field::FAVORITE, favorite.to_string()),
        ];
        let m: Metadata = self.post("fileops/set_favorite/", &form).await?;
        entry_from(&m)
    }

    async fn favorites(&self) -> Result<Vec<Entry>, ApiError> {
        let list: Vec<Metadata> = self.get("files/favorites/").await?;
        list.iter().map(entry_from).collect()
    }

    async fn search(&self, query: &SearchQuery, offset: u64, limit: u64) -> Result<Page, ApiError> {
        let mut form: Form = vec![
            (field::QUERY, query.text.clone()),
            (field::OFFSET, offset.to_string()),
            (field::LIMIT, limit.to_string()),
        ];
        if let Some(t) = search_type(query.kind) {
            form.push((field::TYPE, t.into()));
        }
        if let Some(ms) = query.from_ms {
            form.push((field::MODIFIED_FROM, ms.to_string()));
        }
        if let Some(ms) = query.to_ms {
            form.push((field::MODIFIED_TO, ms.to_string()));
        }
        let r: SearchResult = self.get(&with_query("files/search/", &form)).await?;
        Ok(Page {
            entries: r.content.iter().map(entry_from).collect::<Result<_, _>>()?,
            is_last: r.is_last_page,
            writable: true,
        })
    }

    async fn folder_totals(&self, path: &NodePath) -> Result<FolderTotals, ApiError> {
        let form: Form = vec![(field::PATH, path.to_string())];
        let i: FolderInfo = self.get(&with_query("fileops/folder_info/", &form)).await?;
        Ok(FolderTotals {
            size: i.size,
            files: i.files_count,
            folders: i.folders_count,
            created_ms: i.created,
            modified_ms: i.modified,
        })
    }

    async fn archive(&self, paths: &[NodePath]) -> Result<ArchiveLink, ApiError> {
        let form: Form = paths.iter().map(|p| (field::PATH, p.to_string())).collect();
        let link: wire::ArchiveLink = self
            .post("files/download_as_archive_stream/", &form)
            .await?;
        Ok(ArchiveLink {
            url: self.server_url(&link.url),
            file_name: link.file_name,
        })
    }

    async fn thumbnail(&self, path: &NodePath) -> Result<web_sys::Blob, ApiError> {
        let form: Form = vec![(field::SIZE, preview_size::SMALL.into())];
        let url = self.url(&with_query(
            &endpoint_with_path("files/get_preview/", path),
            &form,
        ));
        match http::get_blob(&url, &self.auth()).await? {
            Ok(blob) => Ok(blob),
            Err(status) => Err(ApiError::new(kind_of("", status), status, "")),
        }
    }

    async fn view_url(&self, path: &NodePath) -> Result<String, ApiError> {
        let url = self.download_url(path).await?;
        let sep = if url.contains('?') { '&' } else { '?' };
        Ok(format!("{url}{sep}for_view=1"))
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
        let a: CompanyAccount = self.get("accounts/get/").await?;
        let company = match a.company_id {
            Some(serde_json::Value::String(s)) => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => "1".to_owned(),
        };
        let form: Form = vec![
            (field::QUERY, query.to_owned()),
            (field::LIMIT, "20".into()),
        ];
        let mut endpoint = "company/".to_owned();
        satchel_wire::name::percent_encode_segment(&company, &mut endpoint);
        endpoint.push_str("/users");
        let d: Directory = self.get(&with_query(&endpoint, &form)).await?;
        Ok(d.users
            .into_iter()
            .map(|u| Person {
                login: u.login,
                name: u.name,
            })
            .collect())
    }

    async fn collaborators(&self, folder: &NodePath) -> Result<Vec<Collaborator>, ApiError> {
        let form: Form = vec![(field::PATH, folder.to_string())];
        let list: Vec<WireCollaborator> = self
            .get(&with_query("shares/collaborators/", &form))
            .await?;
        Ok(list
            .into_iter()
            .map(|c| Collaborator {
                status: if c.owner || c.status == "owner" {
                    ShareStatus::Owner
                } else if c.status == "accepted" {
                    ShareStatus::Accepted
                } else {
                    ShareStatus::Invited
                },
                group_id: if c.is_group {
                    c.group_id.as_ref().and_then(id_string)
                } else {
                    None
                },
                login: c.login,
                name: c.name,
                writer: c.writer,
                inherited: c.is_indirect,
            })
            .collect())
    }

    async fn invite(&self, folder: &NodePath, login: &str, writer: bool) -> Result<(), ApiError> {
        let form = member_form(folder, login, Some(writer));
        unit(self.post_raw("shares/add/", &form).await?)
    }

    async fn set_rights(
        &self,
        folder: &NodePath,
        login: &str,
        writer: bool,
    ) -> Result<(), ApiError> {
        let form = member_form(folder, login, Some(writer));
        unit(self.post_raw("shares/update_collaborator/", &form).await?)
    }

    async fn remove_member(
        &self,
        folder: &NodePath,
        login: &str,
        invited: bool,
    ) -> Result<(), ApiError> {
        let form = member_form(folder, login, None);
        let endpoint = if invited {
            "shares/uninvite/"
        } else {
            "shares/remove/"
        };
        unit(self.post_raw(endpoint, &form).await?)
    }

    async fn unshare(&self, folder: &NodePath) -> Result<(), ApiError> {
        let form: Form = vec![(field::PATH, folder.to_string())];
        unit(self.post_raw("shares/unshare/", &form).await?)
    }

    async fn handover(&self, folder: &NodePath, login: &str) -> Result<(), ApiError> {
        let form: Form = vec![
            (field::PATH, folder.to_string()),
            ("member_login", login.to_owned()),
        ];
        unit(self.post_raw("fileops/handover/", &form).await?)
    }

    async fn invites(&self) -> Result<Vec<Invite>, ApiError> {
        let list: Vec<WireInvite> = self.get("shares/invites/").await?;
        Ok(list
            .into_iter()
            .map(|i| Invite {
                id: i.hash,
                name: i.name,
                owner_name: i.owner_name,
                writer: i.writer,
                created_ms: i.created,
            })
            .collect())
    }

    async fn accept_invite(&self, id: &str) -> Result<Entry, ApiError> {
        let form: Form = vec![("hash", id.to_owned())];
        let m: Item = self.post("shares/accept/", &form).await?;
        item_entry(&m)
    }

    async fn decline_invite(&self, id: &str) -> Result<(), ApiError> {
        let form: Form = vec![("hash", id.to_owned())];
        unit(self.post_raw("shares/decline/", &form).await?)
    }

    async fn shared_by_me(&self) -> Result<Vec<OwnShare>, ApiError> {
        let list: Vec<WireShare> = self.get("shares/?whose=my").await?;
        list.into_iter()
            .map(|s| {
                Ok(OwnShare {
                    path: parse_path(&s.path)?,
                    name: s.name,
                    collaborators: match s.collaborators {
                        Some(serde_json::Value::Number(n)) => n.as_u64().unwrap_or(0),
                        Some(serde_json::Value::Array(a)) => a.len() as u64,
                        _ => 0,
                    },
                })
            })
            .collect()
    }

    async fn shared_with_me(&self) -> Result<Vec<Mount>, ApiError> {
        let list: Vec<WireShare> = self.get("shares/?whose=others").await?;
        list.into_iter()
            .map(|s| {
                Ok(Mount {
                    path: parse_path(&s.path)?,
                    name: s.name,
                    owner_name: s.owner_name,
                    writer: s.writer,
                })
            })
            .collect()
    }

    async fn create_link(
        &self,
        path: &NodePath,
        settings: &LinkSettings,
    ) -> Result<PublicLink, ApiError> {
        let mut form: Form = vec![(field::PATH, path.to_string())];
        if let Some(ttl) = settings.ttl_secs {
            form.push(("ttl", ttl.to_string()));
        }
        if let Some(max) = settings.download_max {
            form.push(("download_max", max.to_string()));
        }
        if let Some(pw) = &settings.password {
            form.push((field::PASSWORD, pw.clone()));
        }
        let l: WireLink = self.post("links/create/", &form).await?;
        link_from(&self.page_origin(), l)
    }

    async fn links(&self) -> Result<Vec<PublicLink>, ApiError> {
        let list: Vec<WireLink> = self.get("links/").await?;
        let origin = self.page_origin();
        list.into_iter().map(|l| link_from(&origin, l)).collect()
    }

    async fn delete_link(&self, path: &NodePath) -> Result<(), ApiError> {
        let form: Form = vec![(field::PATH, path.to_string())];
        unit(self.post_raw("links/delete/", &form).await?)
    }

    async fn link_view(
        &self,
        link: &str,
        path: &NodePath,
        password: Option<&str>,
    ) -> Result<LinkView, ApiError> {
        let endpoint = format!(
            "{}?{}=true",
            link_endpoint("metadata", link, path),
            field::LISTING
        );
        let headers: Vec<(&str, &str)> = password
            .map(|p| vec![(LINK_PASSWORD_HEADER, p)])
            .unwrap_or_default();
        let reply = http::get(&self.url(&endpoint), &headers).await?;
        let m: Item = decode(reply)?;
        Ok(LinkView {
            item: item_entry(&m)?,
            children: m
                .content
                .unwrap_or_default()
                .iter()
                .map(item_entry)
                .collect::<Result<_, _>>()?,
        })
    }

    async fn link_file_url(
        &self,
        link: &str,
        path: &NodePath,
        password: Option<&str>,
        view: bool,
    ) -> Result<String, ApiError> {
        let headers: Vec<(&str, &str)> = password
            .map(|p| vec![(LINK_PASSWORD_HEADER, p)])
            .unwrap_or_default();
        let reply = http::get(&self.url(&link_endpoint("get", link, path)), &headers).await?;
        let ticket: DownloadTicket = decode(reply)?;
        let url = self.server_url(&ticket.url);
        Ok(if view {
            let sep = if url.contains('?') { '&' } else { '?' };
            format!("{url}{sep}for_view=1")
        } else {
            url
        })
    }

    fn link_archive_url(&self, link: &str, paths: &[NodePath], password: Option<&str>) -> String {
        let mut form: Form = paths.iter().map(|p| (field::PATH, p.to_string())).collect();
        if let Some(pw) = password {
            form.push((field::PASSWORD, pw.to_owned()));
        }
        let endpoint = link_endpoint("download_as_archive_stream", link, &NodePath::root());
        self.url(&with_query(&endpoint, &form))
    }

    async fn save_link(&self, link: &str, password: Option<&str>) -> Result<String, ApiError> {
        let mut headers = self.auth();
        if let Some(p) = password {
            headers.push((LINK_PASSWORD_HEADER, p));
        }
        let endpoint = link_endpoint("add_to_storage", link, &NodePath::root());
        let reply = http::get(&self.url(&endpoint), &headers).await?;
        let started: TaskStarted = decode(reply)?;
        Ok(started.taskid)
    }

    async fn save_state(&self, task: &str) -> Result<SaveState, ApiError> {
        let s: SaveStatus = self.get(&format!("task/{task}/")).await?;
        Ok(if s.status == "done" {
            SaveState::Done {
                name: s.folder_name,
                files: s.files_count,
                size: s.size,
            }
        } else {
            SaveState::Running {
                percent: s.progress.unwrap_or(0),
            }
        })
    }

    async fn comments(&self, path: &NodePath) -> Result<Vec<Comment>, ApiError> {
        let list: Vec<WireComment> = self
            .get(&endpoint_with_path("workflow/comments/", path))
            .await?;
        Ok(list.into_iter().map(comment_from).collect())
    }

    async fn add_comment(
        &self,
        path: &NodePath,
        draft: &CommentDraft,
    ) -> Result<Comment, ApiError> {
        let c: WireComment = self
            .post(
                &endpoint_with_path("workflow/comment/", path),
                &draft_form(draft),
            )
            .await?;
        Ok(comment_from(c))
    }

    async fn edit_comment(&self, id: &str, draft: &CommentDraft) -> Result<Comment, ApiError> {
        let mut form = draft_form(draft);
        form.retain(|(k, _)| *k != "type");
        form.push(("id", id.to_owned()));
        let c: WireComment = self.post("workflow/comment/edit", &form).await?;
        Ok(comment_from(c))
    }

    async fn delete_comment(&self, id: &str) -> Result<(), ApiError> {
        let form: Form = vec![("id", id.to_owned())];
        unit(self.post_raw("workflow/comment/delete", &form).await?)
    }

    async fn set_task_status(&self, id: &str, status: WorkStatus) -> Result<Comment, ApiError> {
        let form: Form = vec![("id", id.to_owned()), ("status", status.code().into())];
        let c: WireComment = self
            .post("workflow/comment/update_task_status", &form)
            .await?;
        Ok(comment_from(c))
    }

    async fn my_tasks(&self) -> Result<Vec<MyTask>, ApiError> {
        let list: Vec<WireComment> = self.get("workflow/tasks/").await?;
        let mut out = Vec::with_capacity(list.len());
        for mut c in list {
            let path = parse_path(c.path.take().as_deref().unwrap_or("/"))?;
            let name = match path.name() {
                Some(n) => n.as_str().to_owned(),
                None => c.name.clone(),
            };
            out.push(MyTask {
                comment: comment_from(c),
                path,
                name,
            });
        }
        Ok(out)
    }

    async fn events(
        &self,
        group: EventGroup,
        skip: u64,
        limit: u64,
    ) -> Result<Vec<Event>, ApiError> {
        let mut form: Form = vec![("skip", skip.to_string()), ("limit", limit.to_string())];
        if group != EventGroup::All {
            let types: Vec<&str> = EventKind::ALL
                .into_iter()
                .filter(|k| k.group() == group)
                .map(EventKind::code)
                .collect();
            form.push(("type", types.join(",")));
        }
        let list: Vec<WireEvent> = self.get(&with_query("events/", &form)).await?;
        Ok(list.into_iter().map(event_from).collect())
    }

    async fn admin_users(&self, query: &UserQuery) -> Result<UsersPage, ApiError> {
        self.find_users(query).await
    }

    async fn create_user(&self, user: &NewUser) -> Result<AdminUser, ApiError> {
        self.create_user_in_company(user).await
    }

    async fn invite_user(&self, email: &str, name: &str) -> Result<String, ApiError> {
        self.invite_to_company(email, name).await
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
        self.unlock(id).await
    }

    async fn set_user_role(&self, id: &str, role: Role) -> Result<(), ApiError> {
        self.assign_role(id, role).await
    }

    async fn set_quota(
        &self,
        ids: &[String],
        quota_bytes: Option<u64>,
    ) -> Result<Vec<QuotaOutcome>, ApiError> {
        self.change_quota(ids, quota_bytes).await
    }

    async fn delete_user(&self, id: &str) -> Result<(), ApiError> {
        self.delete_or_restore(id, false).await
    }

    async fn restore_user(&self, id: &str) -> Result<(), ApiError> {
        self.delete_or_restore(id, true).await
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

    async fn remove_group_member(&self, group: &Group, user_id: &str) -> Result<(), ApiError> {
        self.remove_member_of(group, user_id).await
    }

    async fn invite_group(
        &self,
        folder: &NodePath,
        group: &Group,
        writer: bool,
    ) -> Result<(), ApiError> {
        self.share_with_group(folder, &group.id, Some(writer), "shares/add/")
            .await
    }

    async fn set_group_rights(
        &self,
        folder: &NodePath,
        group_id: &str,
        writer: bool,
    ) -> Result<(), ApiError> {
        self.share_with_group(
            folder,
            group_id,
            Some(writer),
            "shares/update_collaborator/",
        )
        .await
    }

    async fn remove_group_share(&self, folder: &NodePath, group_id: &str) -> Result<(), ApiError> {
        self.share_with_group(folder, group_id, None, "shares/uninvite/")
            .await
    }

    async fn company(&self) -> Result<Company, ApiError> {
        self.my_company().await
    }

    async fn companies(&self) -> Result<Vec<Company>, ApiError> {
        self.all_companies().await
    }

    async fn request_quota(&self) -> Result<(), ApiError> {
        let a: AccountInfo = self.get("accounts/get/").await?;
        self.ask_for_quota(&a.userid.to_string()).await
    }

    async fn quota_requests(&self) -> Result<Vec<QuotaRequest>, ApiError> {
        self.requests().await
    }

    async fn decide_quota_request(
        &self,
        request: &QuotaRequest,
        approve: bool,
        quota_bytes: Option<u64>,
    ) -> Result<(), ApiError> {
        self.decide(request, approve, quota_bytes).await
    }

    async fn storage_report(&self) -> Result<StorageReport, ApiError> {
        self.usage().await
    }

    async fn invitation(&self, token: &str) -> Result<Invitation, ApiError> {
        self.invited(token).await
    }

    async fn join(&self, token: &str, name: &str, password: &str) -> Result<(), ApiError> {
        self.accept_invitation(token, name, password).await
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
        assert_eq!(kind_of("TooManyAttempts", 429), ErrorKind::TooManyAttempts);
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
