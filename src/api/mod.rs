//! The API layer: one [`Client`] trait in Satchel's own terms, one adapter per server dialect.
//! Components and the upload queue only see the types defined here; only `cloudike.rs` (with its
//! `cloudike/admin.rs`) knows Cloudike's names and URLs, only `opendrive.rs` OpenDrive's. No
//! `view!` in this module.

pub mod admin;
pub mod cloudike;
pub mod dispatch;
pub mod http;
pub mod opendrive;

pub use admin::*;
pub use dispatch::AnyClient;

use satchel_wire::{FileName, NodePath};

use crate::config::{Config, Dialect};
use crate::i18n::{Msg, t, tf};

/// A file or folder as the UI sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub path: NodePath,
    pub is_folder: bool,
    pub size: u64,
    pub modified_ms: i64,
    pub checksum: Option<String>,
    pub version: i64,
    pub created_ms: i64,
    pub mime: Option<String>,
    pub favorite: bool,
    /// The server can make a preview image of it.
    pub thumbnail: bool,
    /// A share root (shared by me, or a share mounted in my tree).
    pub shared: bool,
    /// The caller may change it (false inside a read-only share).
    pub writable: bool,
    /// How many comments it has (0 when the dialect has none).
    pub comments: u64,
    /// The owner's user id, when the server says.
    pub owner_id: Option<String>,
}

/// What the server's dialect can do beyond plain files; the UI hides the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Capabilities {
    pub trash: bool,
    pub versions: bool,
    pub favorites: bool,
    pub search: bool,
    pub archives: bool,
    pub previews: bool,
    /// Folders can be shared with other users (collaborators).
    pub sharing: bool,
    /// Sharing invites: the other user accepts or declines (else a share takes effect at once).
    pub invitations: bool,
    /// Public links that need no account.
    pub links: bool,
    pub link_expiry: bool,
    pub link_password: bool,
    /// Folder links can have a password too (`link_password` alone covers files).
    pub folder_link_password: bool,
    pub link_download_limit: bool,
    /// A link recipient can download a shared folder (or a selection in it) as one zip.
    pub link_archives: bool,
    /// A signed-in link recipient can copy the shared item into their own files.
    pub save_links: bool,
    /// Every link the user made can be listed in one place (else only one item's at a time).
    pub link_list: bool,
    /// An older version can be made the current one again.
    pub version_restore: bool,
    /// The owner of a shared folder can hand it over to a collaborator.
    pub handover: bool,
    /// Comments on files and folders, with mentions.
    pub comments: bool,
    /// Comments that are tasks with assignees, statuses and due dates.
    pub tasks: bool,
    /// The activity feed.
    pub activity: bool,
    /// Admins list, create, edit, disable and delete users (the admin section exists).
    pub admin_users: bool,
    /// Users are invited by a link instead of being given a password.
    pub invite_users: bool,
    /// An admin sets a user's language and time zone.
    pub user_locale: bool,
    /// Users locked after wrong passwords can be unlocked.
    pub unlock_users: bool,
    /// Deleted users can be restored.
    pub restore_users: bool,
    /// Roles can be changed.
    pub roles: bool,
    /// Per-user quotas.
    pub quotas: bool,
    pub groups: bool,
    /// A member can be taken out of a group (OpenDrive can only move people between groups).
    pub group_member_removal: bool,
    /// Folders can be shared with a group.
    pub group_shares: bool,
    /// The company panel (name, quota, users).
    pub company: bool,
    /// Users ask for more storage; admins approve or deny.
    pub quota_requests: bool,
    /// The system admin lists every company.
    pub companies: bool,
    /// Storage per user and per kind of file.
    pub storage_report: bool,
}

/// One page of a folder listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub entries: Vec<Entry>,
    pub is_last: bool,
    /// The folder itself may be changed (false inside a read-only share).
    pub writable: bool,
}

/// Someone in the user directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub login: String,
    pub name: String,
}

/// Where a collaborator stands in a share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareStatus {
    Owner,
    Invited,
    Accepted,
}

impl ShareStatus {
    /// The value of the `data-status` attribute.
    pub fn code(self) -> &'static str {
        match self {
            ShareStatus::Owner => "owner",
            ShareStatus::Invited => "invited",
            ShareStatus::Accepted => "accepted",
        }
    }
}

/// One person in a shared folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collaborator {
    pub login: String,
    pub name: String,
    pub writer: bool,
    pub status: ShareStatus,
    /// The share was made on an ancestor folder.
    pub inherited: bool,
    /// A whole group (then `name` is the group's name and `login` is empty).
    pub group_id: Option<String>,
}

/// A pending invitation to someone else's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invite {
    pub id: String,
    pub name: String,
    pub owner_name: String,
    pub writer: bool,
    pub created_ms: i64,
}

/// A folder I share with others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnShare {
    pub path: NodePath,
    pub name: String,
    pub collaborators: u64,
}

/// Someone else's folder mounted in my tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    pub path: NodePath,
    pub name: String,
    pub owner_name: String,
    pub writer: bool,
}

/// What a public link should allow; `None` = no limit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LinkSettings {
    /// Seconds from now until it stops working.
    pub ttl_secs: Option<u64>,
    pub password: Option<String>,
    pub download_max: Option<u64>,
}

/// A public link to a file or folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicLink {
    pub id: String,
    /// The recipient's page.
    pub url: String,
    pub path: NodePath,
    pub name: String,
    pub is_folder: bool,
    pub created_ms: i64,
    pub expires_ms: Option<i64>,
    pub download_max: Option<u64>,
    pub downloads: u64,
    pub has_password: bool,
}

/// What a link recipient sees at one path: the item and, for a folder, its children (paths
/// relative to the shared item).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkView {
    pub item: Entry,
    pub children: Vec<Entry>,
}

/// The outcome of copying a shared item into my files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Running { percent: u8 },
    Done { name: String, files: u64, size: u64 },
}

/// Something in the trash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrashEntry {
    /// The server's opaque id for restoring or purging it.
    pub id: String,
    pub name: String,
    /// Where it was deleted from.
    pub original: NodePath,
    pub is_folder: bool,
    pub size: u64,
    pub deleted_ms: i64,
}

/// The trash, with the validator to ask "changed since?" next time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrashListing {
    pub entries: Vec<TrashEntry>,
    pub etag: Option<String>,
}

/// A background job's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskState {
    Running { percent: u8 },
    Done { items: u64, bytes: u64 },
}

/// One stored version of a file, newest first in lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub number: i64,
    pub size: u64,
    pub stored_ms: i64,
    pub author: String,
}

/// Totals below a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderTotals {
    pub size: u64,
    pub files: u64,
    pub folders: u64,
    pub created_ms: i64,
    pub modified_ms: i64,
}

/// What kind of item a search looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchKind {
    #[default]
    Any,
    Folder,
    Image,
    Audio,
    Video,
    Document,
    Other,
}

impl SearchKind {
    pub const ALL: [SearchKind; 7] = [
        SearchKind::Any,
        SearchKind::Folder,
        SearchKind::Image,
        SearchKind::Audio,
        SearchKind::Video,
        SearchKind::Document,
        SearchKind::Other,
    ];

    /// The value in the SPA's own URL and `<select>`.
    pub fn code(self) -> &'static str {
        match self {
            SearchKind::Any => "any",
            SearchKind::Folder => "folder",
            SearchKind::Image => "image",
            SearchKind::Audio => "audio",
            SearchKind::Video => "video",
            SearchKind::Document => "document",
            SearchKind::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|k| k.code() == code)
            .unwrap_or_default()
    }
}

/// A search request; dates are epoch ms, inclusive.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchQuery {
    pub text: String,
    pub kind: SearchKind,
    pub from_ms: Option<i64>,
    pub to_ms: Option<i64>,
}

/// The start of a file as text, and whether it was cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextHead {
    pub text: String,
    pub truncated: bool,
}

impl TextHead {
    /// The first `limit` bytes of `body` (cut at a character boundary), from an answer to a
    /// `Range: bytes=0-…` request whose `Content-Range` was `content_range`. A server that
    /// ignores Range sends everything: it is cut here.
    pub fn from_range_reply(mut text: String, content_range: Option<&str>, limit: u64) -> Self {
        let total = content_range.and_then(|r| r.rsplit('/').next()?.trim().parse::<u64>().ok());
        let mut truncated = total.is_some_and(|t| t > limit);
        if text.len() as u64 > limit {
            let mut cut = limit as usize;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
            truncated = true;
        }
        Self { text, truncated }
    }
}

/// A link that downloads several items as one zip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveLink {
    pub url: String,
    pub file_name: String,
}

/// A piece of a comment's text: plain text or a mention of someone (by login).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextPart {
    Text(String),
    Mention(String),
}

/// Where an assignee stands on a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TaskStatus {
    #[default]
    Open,
    Accepted,
    Declined,
    Completed,
}

impl TaskStatus {
    /// The value of `data-status` attributes.
    pub fn code(self) -> &'static str {
        match self {
            TaskStatus::Open => "open",
            TaskStatus::Accepted => "accepted",
            TaskStatus::Declined => "declined",
            TaskStatus::Completed => "completed",
        }
    }

    /// Still to be done (not completed nor declined).
    pub fn is_open(self) -> bool {
        matches!(self, TaskStatus::Open | TaskStatus::Accepted)
    }
}

/// Someone a task is assigned to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignee {
    pub user_id: String,
    pub name: String,
    pub status: TaskStatus,
}

/// A comment on a file or folder; a task when `is_task`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub id: String,
    pub created_ms: i64,
    pub modified_ms: i64,
    pub text: String,
    /// The text split into plain parts and mentions (one plain part when there is none).
    pub parts: Vec<TextPart>,
    pub is_task: bool,
    pub author_id: String,
    pub author_name: String,
    pub due_ms: Option<i64>,
    pub assignees: Vec<Assignee>,
}

impl Comment {
    /// A task nobody has finished or declined yet (or with nobody assigned).
    pub fn is_open_task(&self) -> bool {
        self.is_task
            && (self.assignees.is_empty() || self.assignees.iter().any(|a| a.status.is_open()))
    }

    pub fn is_overdue(&self, now_ms: i64) -> bool {
        self.is_open_task() && self.due_ms.is_some_and(|d| d < now_ms)
    }
}

/// A new comment or the new content of an edited one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CommentDraft {
    pub text: String,
    pub is_task: bool,
    pub due_ms: Option<i64>,
    /// Logins.
    pub assignees: Vec<String>,
}

/// A task assigned to me, with the item it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MyTask {
    pub comment: Comment,
    pub path: NodePath,
    pub name: String,
}

/// What happened, in an activity event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    FileCreated,
    FileDeleted,
    FileUndeleted,
    FileNewContent,
    FileVersionRestored,
    FileRenamed,
    FileMoved,
    FolderCreated,
    FolderDeleted,
    FolderUndeleted,
    FolderRenamed,
    FolderMoved,
    ShareInvitationSent,
    ShareAccepted,
    CommentAdded,
    Mention,
    TaskAssigned,
    TaskStatusChanged,
    Other,
}

/// A group of event kinds for the activity filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EventGroup {
    #[default]
    All,
    Files,
    Sharing,
    Comments,
    Tasks,
}

impl EventGroup {
    pub const ALL: [EventGroup; 5] = [
        EventGroup::All,
        EventGroup::Files,
        EventGroup::Sharing,
        EventGroup::Comments,
        EventGroup::Tasks,
    ];

    /// The `<option>` value.
    pub fn code(self) -> &'static str {
        match self {
            EventGroup::All => "all",
            EventGroup::Files => "files",
            EventGroup::Sharing => "sharing",
            EventGroup::Comments => "comments",
            EventGroup::Tasks => "tasks",
        }
    }

    pub fn from_code(code: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|g| g.code() == code)
            .unwrap_or_default()
    }

    pub fn contains(self, kind: EventKind) -> bool {
        self == EventGroup::All || kind.group() == self
    }
}

impl EventKind {
    pub const ALL: [EventKind; 18] = [
        EventKind::FileCreated,
        EventKind::FileDeleted,
        EventKind::FileUndeleted,
        EventKind::FileNewContent,
        EventKind::FileVersionRestored,
        EventKind::FileRenamed,
        EventKind::FileMoved,
        EventKind::FolderCreated,
        EventKind::FolderDeleted,
        EventKind::FolderUndeleted,
        EventKind::FolderRenamed,
        EventKind::FolderMoved,
        EventKind::ShareInvitationSent,
        EventKind::ShareAccepted,
        EventKind::CommentAdded,
        EventKind::Mention,
        EventKind::TaskAssigned,
        EventKind::TaskStatusChanged,
    ];

    /// The value of `data-event-type`.
    pub fn code(self) -> &'static str {
        match self {
            EventKind::FileCreated => "file_created",
            EventKind::FileDeleted => "file_deleted",
            EventKind::FileUndeleted => "file_undeleted",
            EventKind::FileNewContent => "file_new_content",
            EventKind::FileVersionRestored => "file_version_restored",
            EventKind::FileRenamed => "file_renamed",
            EventKind::FileMoved => "file_moved",
            EventKind::FolderCreated => "folder_created",
            EventKind::FolderDeleted => "folder_deleted",
            EventKind::FolderUndeleted => "folder_undeleted",
            EventKind::FolderRenamed => "folder_renamed",
            EventKind::FolderMoved => "folder_moved",
            EventKind::ShareInvitationSent => "share_invitation_sent",
            EventKind::ShareAccepted => "share_accepted",
            EventKind::CommentAdded => "comment_added",
            EventKind::Mention => "mention",
            EventKind::TaskAssigned => "task_assigned",
            EventKind::TaskStatusChanged => "task_status_changed",
            EventKind::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|k| k.code() == code)
            .unwrap_or(EventKind::Other)
    }

    pub fn group(self) -> EventGroup {
        match self {
            EventKind::ShareInvitationSent | EventKind::ShareAccepted => EventGroup::Sharing,
            EventKind::CommentAdded | EventKind::Mention => EventGroup::Comments,
            EventKind::TaskAssigned | EventKind::TaskStatusChanged => EventGroup::Tasks,
            _ => EventGroup::Files,
        }
    }
}

/// One entry of the activity feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: String,
    pub kind: EventKind,
    pub time_ms: i64,
    /// Where the item is now in my tree; `None` when I cannot reach it.
    pub path: Option<NodePath>,
    /// The item's name (from the path, or the old path).
    pub name: String,
    /// Who did it.
    pub actor: String,
    /// A comment's or status's text, when the event has one.
    pub text: String,
}

/// A signed-in session, persisted in localStorage.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Session {
    pub token: String,
    pub login: String,
    /// Epoch ms after which the token stops working.
    pub expires_ms: i64,
    /// The dialect the token belongs to (sessions stored before there was a choice: Cloudike).
    #[serde(default)]
    pub dialect: Dialect,
}

/// The signed-in account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// The user id others' records (comments, events) refer to.
    pub user_id: String,
    pub name: String,
    pub used_bytes: u64,
    pub quota_bytes: Option<u64>,
    pub role: Role,
    /// The company the user belongs to, when the dialect has companies.
    pub company_id: Option<String>,
}

/// An open upload session on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadSession {
    pub path: NodePath,
    pub id: String,
    pub max_part_size: u64,
    /// The server takes the parts one at a time, in order.
    pub sequential: bool,
}

/// What `begin_upload` answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadStart {
    /// The content was already stored: the file exists now, nothing to send.
    Deduplicated(Entry),
    /// Send the parts, then confirm.
    Session(UploadSession),
}

/// What a multi-delete did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DeleteOutcome {
    pub deleted: u32,
    pub failed: Vec<(String, String)>,
}

/// Why a call failed, in terms the UI can branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Unauthorized,
    InvalidCredentials,
    NotFound,
    Conflict,
    AlreadyExists,
    InvalidName,
    BadDigest,
    SameDirectory,
    IntoOwnSubtree,
    Forbidden,
    /// A public link needs its password.
    PasswordRequired,
    WrongPassword,
    LinkExpired,
    DownloadLimitReached,
    /// Sharing a folder that contains, or lies inside, a folder shared with you.
    SharedRootInside,
    /// A shared folder cannot be moved there (in or out of another tree).
    MountMove,
    /// Storage quota (the user's or the company's) would be exceeded.
    QuotaExceeded,
    /// The account was disabled by an admin.
    AccountDisabled,
    /// Too many wrong passwords: an admin must unlock the account.
    AccountLocked,
    /// Too many password attempts from here (429): wait, then try again.
    TooManyAttempts,
    /// The dialect has no such call.
    Unsupported,
    Network,
    Aborted,
    Server,
    Unexpected,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub kind: ErrorKind,
    /// HTTP status, 0 when no answer arrived.
    pub status: u16,
    /// The server's own sentence, if any.
    pub message: String,
}

impl ApiError {
    pub fn new(kind: ErrorKind, status: u16, message: impl Into<String>) -> Self {
        Self {
            kind,
            status,
            message: message.into(),
        }
    }

    pub fn network(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Network, 0, message)
    }

    /// What a trait method a dialect does not override answers.
    pub fn unsupported() -> Self {
        Self::new(ErrorKind::Unsupported, 0, "")
    }

    pub fn aborted() -> Self {
        Self::new(ErrorKind::Aborted, 0, "")
    }

    /// The session is over (signed out, or the account disabled): back to the login page.
    pub fn ends_session(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::Unauthorized | ErrorKind::AccountDisabled
        )
    }

    /// Worth sending again? Everything but a refusal that another try cannot change (signed out,
    /// cancelled, forbidden, a name problem).
    pub fn is_transient(&self) -> bool {
        !matches!(
            self.kind,
            ErrorKind::Unauthorized
                | ErrorKind::InvalidCredentials
                | ErrorKind::Aborted
                | ErrorKind::Forbidden
                | ErrorKind::InvalidName
                | ErrorKind::AlreadyExists
                | ErrorKind::Conflict
                | ErrorKind::PasswordRequired
                | ErrorKind::WrongPassword
                | ErrorKind::LinkExpired
                | ErrorKind::DownloadLimitReached
                | ErrorKind::SharedRootInside
                | ErrorKind::MountMove
                | ErrorKind::QuotaExceeded
                | ErrorKind::AccountDisabled
                | ErrorKind::AccountLocked
                | ErrorKind::TooManyAttempts
                | ErrorKind::Unsupported
        )
    }

    /// What happened and what to do, for people.
    pub fn user_message(&self) -> String {
        if self.kind == ErrorKind::TooManyAttempts {
            return too_many_attempts(&self.message);
        }
        let key = match self.kind {
            ErrorKind::Unauthorized => Msg::ErrUnauthorized,
            ErrorKind::InvalidCredentials => Msg::ErrInvalidCredentials,
            ErrorKind::NotFound => Msg::ErrNotFound,
            ErrorKind::Conflict => Msg::ErrConflict,
            ErrorKind::AlreadyExists => Msg::ErrAlreadyExists,
            ErrorKind::InvalidName => Msg::ErrInvalidName,
            ErrorKind::BadDigest => Msg::ErrBadDigest,
            ErrorKind::SameDirectory => Msg::ErrSameDirectory,
            ErrorKind::IntoOwnSubtree => Msg::ErrIntoOwnSubtree,
            ErrorKind::Forbidden => Msg::ErrForbidden,
            ErrorKind::PasswordRequired => Msg::ErrPasswordRequired,
            ErrorKind::WrongPassword => Msg::ErrWrongPassword,
            ErrorKind::LinkExpired => Msg::ErrLinkExpired,
            ErrorKind::DownloadLimitReached => Msg::ErrDownloadLimit,
            ErrorKind::SharedRootInside => Msg::ErrSharedRootInside,
            ErrorKind::MountMove => Msg::ErrMountMove,
            ErrorKind::QuotaExceeded => Msg::ErrQuotaExceeded,
            ErrorKind::AccountDisabled => Msg::ErrAccountDisabled,
            ErrorKind::AccountLocked => Msg::ErrAccountLocked,
            ErrorKind::TooManyAttempts => Msg::ErrTooManyAttempts,
            ErrorKind::Unsupported => Msg::ErrUnsupported,
            ErrorKind::Network => Msg::ErrNetwork,
            ErrorKind::Aborted => Msg::ErrAborted,
            ErrorKind::Server => Msg::ErrServer,
            ErrorKind::Unexpected => Msg::ErrUnexpected,
        };
        if self.message.is_empty() {
            t(key).to_owned()
        } else {
            format!("{} ({})", t(key), self.message)
        }
    }
}

/// "Wait N minutes": both dialects' 429 messages end with the seconds to wait ("… in 900 s"), the
/// same number as their `Retry-After` header.
fn too_many_attempts(server_message: &str) -> String {
    let seconds = server_message
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse::<u64>().ok())
        .next_back();
    match seconds.map(|s| s.div_ceil(60)) {
        Some(minutes) if minutes > 1 => tf(Msg::ErrTooManyAttempts, &[&minutes.to_string()]),
        _ => t(Msg::ErrTooManyAttemptsMinute).to_owned(),
    }
}

/// Everything the UI can ask a server to do. Futures are not `Send` (browser), hence no bound.
#[allow(async_fn_in_trait)]
pub trait Client {
    async fn login(&self, login: &str, password: &str) -> Result<Session, ApiError>;
    async fn logout(&self) -> Result<(), ApiError>;
    async fn account(&self) -> Result<Account, ApiError>;
    /// The children of a folder (unsorted; the UI sorts).
    async fn list(&self, path: &NodePath) -> Result<Vec<Entry>, ApiError>;
    async fn create_folder(&self, path: &NodePath) -> Result<Entry, ApiError>;
    async fn rename(&self, path: &NodePath, new_name: &FileName) -> Result<Entry, ApiError>;
    async fn move_to(&self, path: &NodePath, folder: &NodePath) -> Result<(), ApiError>;
    async fn copy_to(&self, path: &NodePath, folder: &NodePath) -> Result<(), ApiError>;
    async fn delete(&self, paths: &[NodePath]) -> Result<DeleteOutcome, ApiError>;
    /// A URL that downloads the file without further authentication.
    async fn download_url(&self, path: &NodePath) -> Result<String, ApiError>;
    async fn begin_upload(
        &self,
        path: &NodePath,
        size: u64,
        md5: &str,
        overwrite: bool,
    ) -> Result<UploadStart, ApiError>;
    /// Where to `PUT` part `part_num` (1-based).
    async fn part_target(
        &self,
        session: &UploadSession,
        part_num: u32,
        size: u64,
        md5: &str,
    ) -> Result<String, ApiError>;
    /// `PUT` one part's bytes to a URL from [`Client::part_target`], reporting bytes sent.
    async fn put_part(
        &self,
        url: &str,
        blob: &web_sys::Blob,
        on_progress: impl Fn(f64) + 'static,
        xhrs: &http::XhrSet,
    ) -> Result<(), ApiError>;
    async fn confirm(
        &self,
        session: &UploadSession,
        size: u64,
        md5: &str,
        overwrite: bool,
    ) -> Result<Entry, ApiError>;
    async fn cancel(&self, session: &UploadSession) -> Result<(), ApiError>;

    fn capabilities(&self) -> Capabilities;
    /// `limit` children of a folder from `offset` (in the server's name order).
    async fn list_page(&self, path: &NodePath, offset: u64, limit: u64) -> Result<Page, ApiError>;
    /// The trash; `Ok(None)` when it is unchanged since `etag`.
    async fn trash(&self, etag: Option<&str>) -> Result<Option<TrashListing>, ApiError>;
    /// Put an item back where it was; a taken place is `Conflict` unless `overwrite`.
    async fn restore(&self, id: &str, overwrite: bool) -> Result<Entry, ApiError>;
    /// Delete trash items for good (all of them when `ids` is empty); answers a task id.
    async fn purge(&self, ids: &[String]) -> Result<String, ApiError>;
    async fn task(&self, id: &str) -> Result<TaskState, ApiError>;
    async fn versions(&self, path: &NodePath) -> Result<Vec<Version>, ApiError>;
    /// A URL that downloads one version without further authentication.
    async fn version_url(&self, path: &NodePath, version: i64) -> Result<String, ApiError>;
    /// Make `version`'s content the newest version.
    async fn restore_version(&self, path: &NodePath, version: i64) -> Result<Entry, ApiError>;
    async fn set_favorite(&self, path: &NodePath, favorite: bool) -> Result<Entry, ApiError>;
    async fn favorites(&self) -> Result<Vec<Entry>, ApiError>;
    async fn search(&self, query: &SearchQuery, offset: u64, limit: u64) -> Result<Page, ApiError>;
    async fn folder_totals(&self, path: &NodePath) -> Result<FolderTotals, ApiError>;
    async fn archive(&self, paths: &[NodePath]) -> Result<ArchiveLink, ApiError>;
    /// A small preview image, as a Blob for an object URL (the request needs the auth header).
    async fn thumbnail(&self, path: &NodePath) -> Result<web_sys::Blob, ApiError>;
    /// A URL that shows the file inline in the browser (images, PDF, media; supports Range).
    async fn view_url(&self, path: &NodePath) -> Result<String, ApiError>;
    /// The first `limit` bytes of a file as text.
    async fn text_head(&self, url: &str, limit: u64) -> Result<TextHead, ApiError>;

    /// People in my directory whose login or name contains `query`.
    async fn people(&self, query: &str) -> Result<Vec<Person>, ApiError>;
    /// The owner first, then everyone invited to or sharing `folder`.
    async fn collaborators(&self, folder: &NodePath) -> Result<Vec<Collaborator>, ApiError>;
    /// Invite `login`; inviting someone already in the share changes nothing.
    async fn invite(&self, folder: &NodePath, login: &str, writer: bool) -> Result<(), ApiError>;
    async fn set_rights(
        &self,
        folder: &NodePath,
        login: &str,
        writer: bool,
    ) -> Result<(), ApiError>;
    /// Take back an invitation (`invited`) or remove an accepted collaborator.
    async fn remove_member(
        &self,
        folder: &NodePath,
        login: &str,
        invited: bool,
    ) -> Result<(), ApiError>;
    /// Stop sharing: every collaborator and invitation goes.
    async fn unshare(&self, folder: &NodePath) -> Result<(), ApiError>;
    /// Make an accepted collaborator the owner.
    async fn handover(&self, folder: &NodePath, login: &str) -> Result<(), ApiError>;
    async fn invites(&self) -> Result<Vec<Invite>, ApiError>;
    /// Accept: the folder appears in my tree (answered).
    async fn accept_invite(&self, id: &str) -> Result<Entry, ApiError>;
    async fn decline_invite(&self, id: &str) -> Result<(), ApiError>;
    async fn shared_by_me(&self) -> Result<Vec<OwnShare>, ApiError>;
    async fn shared_with_me(&self) -> Result<Vec<Mount>, ApiError>;
    /// Create the link of `path`, or change its settings (the address stays).
    async fn create_link(
        &self,
        path: &NodePath,
        settings: &LinkSettings,
    ) -> Result<PublicLink, ApiError>;
    async fn links(&self) -> Result<Vec<PublicLink>, ApiError>;
    /// The link of `path`, if it has one.
    async fn link_of(&self, path: &NodePath) -> Result<Option<PublicLink>, ApiError> {
        Ok(self.links().await?.into_iter().find(|l| &l.path == path))
    }
    async fn delete_link(&self, path: &NodePath) -> Result<(), ApiError>;
    /// The recipient's view of `path` (relative to the shared item), without signing in.
    async fn link_view(
        &self,
        link: &str,
        path: &NodePath,
        password: Option<&str>,
    ) -> Result<LinkView, ApiError>;
    /// A URL that downloads one shared file (counts as a download); `view` shows it inline.
    async fn link_file_url(
        &self,
        link: &str,
        path: &NodePath,
        password: Option<&str>,
        view: bool,
    ) -> Result<String, ApiError>;
    /// A URL a browser can navigate to for a zip of `paths` (none = the whole shared folder).
    fn link_archive_url(&self, link: &str, paths: &[NodePath], password: Option<&str>) -> String;
    /// Copy the shared item into my files (signed in); answers a task id for [`Client::save_state`].
    async fn save_link(&self, link: &str, password: Option<&str>) -> Result<String, ApiError>;
    async fn save_state(&self, task: &str) -> Result<SaveState, ApiError>;

    /// The comments on an item, oldest first.
    async fn comments(&self, path: &NodePath) -> Result<Vec<Comment>, ApiError>;
    async fn add_comment(&self, path: &NodePath, draft: &CommentDraft)
    -> Result<Comment, ApiError>;
    /// Only the author may edit.
    async fn edit_comment(&self, id: &str, draft: &CommentDraft) -> Result<Comment, ApiError>;
    /// The author, or the item's owner.
    async fn delete_comment(&self, id: &str) -> Result<(), ApiError>;
    /// Change my own status on a task assigned to me.
    async fn set_task_status(&self, id: &str, status: TaskStatus) -> Result<Comment, ApiError>;
    /// Tasks assigned to me, open ones first by due date.
    async fn my_tasks(&self) -> Result<Vec<MyTask>, ApiError>;
    /// `limit` activity events of `group` from `skip`, newest first.
    async fn events(
        &self,
        group: EventGroup,
        skip: u64,
        limit: u64,
    ) -> Result<Vec<Event>, ApiError>;

    // Administration. Defaults answer `Unsupported`; the capability set keeps the UI from asking.

    /// A page of the company's users (all users for a system admin).
    async fn admin_users(&self, _query: &UserQuery) -> Result<UsersPage, ApiError> {
        Err(ApiError::unsupported())
    }
    async fn create_user(&self, _user: &NewUser) -> Result<AdminUser, ApiError> {
        Err(ApiError::unsupported())
    }
    /// Invite by e-mail; answers the invitation link (no mail server: the admin passes it on).
    async fn invite_user(&self, _email: &str, _name: &str) -> Result<String, ApiError> {
        Err(ApiError::unsupported())
    }
    async fn edit_user(&self, _id: &str, _edit: &UserEdit) -> Result<AdminUser, ApiError> {
        Err(ApiError::unsupported())
    }
    async fn set_user_password(&self, _id: &str, _password: &str) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }
    /// Enable (`true`) or disable a user; a disabled user's tokens stop working at once.
    async fn set_user_active(&self, _id: &str, _active: bool) -> Result<AdminUser, ApiError> {
        Err(ApiError::unsupported())
    }
    async fn unlock_user(&self, _id: &str) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }
    async fn set_user_role(&self, _id: &str, _role: Role) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }
    /// Set (or with `None` lift) the quota of several users at once.
    async fn set_quota(
        &self,
        _ids: &[String],
        _quota_bytes: Option<u64>,
    ) -> Result<Vec<QuotaOutcome>, ApiError> {
        Err(ApiError::unsupported())
    }
    /// Delete a user, keeping their data restorable.
    async fn delete_user(&self, _id: &str) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }
    async fn restore_user(&self, _id: &str) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }
    async fn groups(&self) -> Result<Vec<Group>, ApiError> {
        Err(ApiError::unsupported())
    }
    async fn create_group(&self, _name: &str) -> Result<Group, ApiError> {
        Err(ApiError::unsupported())
    }
    async fn rename_group(&self, _group: &Group, _name: &str) -> Result<Group, ApiError> {
        Err(ApiError::unsupported())
    }
    async fn delete_group(&self, _group: &Group) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }
    async fn group_members(&self, _group: &Group) -> Result<Vec<Member>, ApiError> {
        Err(ApiError::unsupported())
    }
    async fn add_group_members(
        &self,
        _group: &Group,
        _user_ids: &[String],
    ) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }
    async fn remove_group_member(&self, _group: &Group, _user_id: &str) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }
    /// Share `folder` with every member of a group, now and later.
    async fn invite_group(
        &self,
        _folder: &NodePath,
        _group: &Group,
        _writer: bool,
    ) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }
    /// Change a group's rights in a folder shared with it.
    async fn set_group_rights(
        &self,
        _folder: &NodePath,
        _group_id: &str,
        _writer: bool,
    ) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }
    /// Stop sharing a folder with a group.
    async fn remove_group_share(
        &self,
        _folder: &NodePath,
        _group_id: &str,
    ) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }
    /// The signed-in user's company.
    async fn company(&self) -> Result<Company, ApiError> {
        Err(ApiError::unsupported())
    }
    /// Every company (system admin).
    async fn companies(&self) -> Result<Vec<Company>, ApiError> {
        Err(ApiError::unsupported())
    }
    /// Ask the company admin for more storage.
    async fn request_quota(&self) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }
    async fn quota_requests(&self) -> Result<Vec<QuotaRequest>, ApiError> {
        Err(ApiError::unsupported())
    }
    /// Approve (granting `quota_bytes`) or deny a request.
    async fn decide_quota_request(
        &self,
        _request: &QuotaRequest,
        _approve: bool,
        _quota_bytes: Option<u64>,
    ) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }
    async fn storage_report(&self) -> Result<StorageReport, ApiError> {
        Err(ApiError::unsupported())
    }
    /// Who an invitation link was made for (no sign-in needed).
    async fn invitation(&self, _token: &str) -> Result<Invitation, ApiError> {
        Err(ApiError::unsupported())
    }
    /// Accept an invitation: create the account with this name and password.
    async fn join(&self, _token: &str, _name: &str, _password: &str) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }
}

/// The client for `dialect` on the configured server, carrying the session token if any.
pub fn client(config: &Config, dialect: Dialect, token: Option<String>) -> AnyClient {
    AnyClient::new(dialect, config, token)
}

/// The `data-capabilities` value: the names of the true fields, comma-separated.
pub fn capability_names(caps: &Capabilities) -> String {
    // Destructured without `..`, so that a new field cannot be forgotten here.
    let Capabilities {
        trash,
        versions,
        favorites,
        search,
        archives,
        previews,
        sharing,
        invitations,
        links,
        link_expiry,
        link_password,
        folder_link_password,
        link_download_limit,
        link_archives,
        save_links,
        link_list,
        version_restore,
        handover,
        comments,
        tasks,
        activity,
        admin_users,
        invite_users,
        user_locale,
        unlock_users,
        restore_users,
        roles,
        quotas,
        groups,
        group_member_removal,
        group_shares,
        company,
        quota_requests,
        companies,
        storage_report,
    } = *caps;
    let all = [
        ("trash", trash),
        ("versions", versions),
        ("favorites", favorites),
        ("search", search),
        ("archives", archives),
        ("previews", previews),
        ("sharing", sharing),
        ("invitations", invitations),
        ("links", links),
        ("link_expiry", link_expiry),
        ("link_password", link_password),
        ("folder_link_password", folder_link_password),
        ("link_download_limit", link_download_limit),
        ("link_archives", link_archives),
        ("save_links", save_links),
        ("link_list", link_list),
        ("version_restore", version_restore),
        ("handover", handover),
        ("comments", comments),
        ("tasks", tasks),
        ("activity", activity),
        ("admin_users", admin_users),
        ("invite_users", invite_users),
        ("user_locale", user_locale),
        ("unlock_users", unlock_users),
        ("restore_users", restore_users),
        ("roles", roles),
        ("quotas", quotas),
        ("groups", groups),
        ("group_member_removal", group_member_removal),
        ("group_shares", group_shares),
        ("company", company),
        ("quota_requests", quota_requests),
        ("companies", companies),
        ("storage_report", storage_report),
    ];
    all.iter()
        .filter(|(_, on)| *on)
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {

    #[test]
    fn text_head_from_a_range_reply() {
        let h = TextHead::from_range_reply("abcdef".into(), Some("bytes 0-5/1234"), 6);
        assert_eq!((h.text.as_str(), h.truncated), ("abcdef", true));
        let h = TextHead::from_range_reply("abc".into(), Some("bytes */*"), 6);
        assert_eq!((h.text.as_str(), h.truncated), ("abc", false));
        // A server that ignores Range: cut at a character boundary.
        let h = TextHead::from_range_reply("aé€x".into(), None, 4);
        assert_eq!((h.text.as_str(), h.truncated), ("aé", true));
    }

    use super::*;

    #[test]
    fn too_many_attempts_says_how_many_minutes_to_wait() {
        let e = ApiError::new(
            ErrorKind::TooManyAttempts,
            429,
            "Too many attempts. Try again in 900 s",
        );
        assert_eq!(
            e.user_message(),
            "Too many attempts. Wait 15 minutes and try again."
        );
        let e = ApiError::new(
            ErrorKind::TooManyAttempts,
            429,
            "429: Too Many Requests: in 1 s",
        );
        assert_eq!(
            e.user_message(),
            "Too many attempts. Wait a minute and try again."
        );
    }

    #[test]
    fn capability_names_lists_true_fields_in_order() {
        assert_eq!(capability_names(&Capabilities::default()), "");
        let caps = Capabilities {
            trash: true,
            link_password: true,
            admin_users: true,
            ..Capabilities::default()
        };
        assert_eq!(capability_names(&caps), "trash,link_password,admin_users");
    }

    #[test]
    fn old_sessions_speak_cloudike() {
        let s: Session =
            serde_json::from_str(r#"{"token":"t","login":"a","expires_ms":5}"#).unwrap();
        assert_eq!(s.dialect, Dialect::Cloudike);
        let s: Session = serde_json::from_str(
            r#"{"token":"t","login":"a","expires_ms":5,"dialect":"opendrive"}"#,
        )
        .unwrap();
        assert_eq!(s.dialect, Dialect::OpenDrive);
    }
}
