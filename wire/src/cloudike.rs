//! Cloudike (`/api/1`) wire types: response bodies and form-field names.
//!
//! Where the vendor reference is silent, the choices are recorded in `docs/dialects/cloudike.md`;
//! this module and that file must agree. Requests are form-encoded POSTs (lists repeat the field)
//! and GETs with query parameters; responses are JSON. Times are epoch milliseconds.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The base path the dialect is mounted at.
pub const BASE: &str = "/api/1";
/// The token header; `MountbitAuth` (no dash) is accepted too, as the reference spells it both ways.
pub const AUTH_HEADER: &str = "Mountbit-Auth";
pub const AUTH_HEADER_ALT: &str = "MountbitAuth";

/// Form and query field names, exactly as sent on the wire.
pub mod field {
    pub const LOGIN: &str = "login";
    pub const PASSWORD: &str = "password";
    pub const PERMANENT_AUTH: &str = "permanent_auth";
    pub const DEVICE_DESCRIPTION: &str = "device_description";
    pub const PATH: &str = "path";
    pub const LISTING: &str = "listing";
    pub const OFFSET: &str = "offset";
    pub const LIMIT: &str = "limit";
    pub const ORDER_BY: &str = "order_by";
    pub const CREATED: &str = "created";
    pub const MODIFIED: &str = "modified";
    pub const SIZE: &str = "size";
    pub const CHECKSUM: &str = "checksum";
    pub const OVERWRITE: &str = "overwrite";
    pub const CREATE_DIRS: &str = "create_dirs";
    pub const MULTIPART: &str = "multipart";
    pub const VERSION: &str = "version";
    pub const TEMP_PATH: &str = "temp_path";
    pub const TEMP_NAME: &str = "temp_name";
    pub const PART_NUM: &str = "part_num";
    pub const FROM_PATH: &str = "from_path";
    pub const TO_PATH: &str = "to_path";
    pub const NEWNAME: &str = "newname";
    pub const ONLY_EMPTY: &str = "only_empty";
    pub const WITHOUT_TRASH: &str = "without_trash";
    pub const DIRS_ONLY: &str = "dirs_only";
    /// A trash item's id (`purge`, `trash/clear`).
    pub const NAME: &str = "name";
    /// `trash/clear`: original paths of the items to remove.
    pub const PATHS: &str = "paths";
    /// `files/versions/<path>`: how many of the newest versions to pass over.
    pub const SKIP: &str = "skip";
    /// `fileops/set_favorite/`: `true` marks, `false` unmarks.
    pub const FAVORITE: &str = "favorite";
    /// `files/search/`: a case-insensitive substring of the name.
    pub const QUERY: &str = "query";
    /// `files/search/`: `folder`, `image`, `audio`, `video`, `document` or `other`.
    pub const TYPE: &str = "type";
    pub const MODIFIED_FROM: &str = "modified_from";
    pub const MODIFIED_TO: &str = "modified_to";
    /// `shares/*`: the collaborator (a login, typed or bare; `handover` also takes `member_id`).
    pub const MEMBER_LOGIN: &str = "member_login";
    pub const MEMBER_ID: &str = "member_id";
    pub const WRITER: &str = "writer";
    pub const INVITATION: &str = "invitation";
    /// `shares/accept/`, `shares/decline/`, `links/delete/`.
    pub const HASH: &str = "hash";
    /// `shares/`: `my` or `others`.
    pub const WHOSE: &str = "whose";
    /// `links/create/`: seconds until the link expires (0 = never).
    pub const TTL: &str = "ttl";
    /// `links/create/`: downloads allowed (0 = unlimited).
    pub const DOWNLOAD_MAX: &str = "download_max";
    /// `workflow/comment*`: a comment's text, id, a task's due date (ms) and assignees (logins,
    /// repeated), and a task status.
    pub const TEXT: &str = "text";
    pub const ID: &str = "id";
    pub const DUE_DATE: &str = "due_date";
    pub const ASSIGNEE: &str = "assignee";
    pub const STATUS: &str = "status";
    /// `events/`: `me` or `other`, and the time window (ms, inclusive).
    pub const PERSON: &str = "person";
    pub const FROM_TIMESTAMP: &str = "from_timestamp";
    pub const TO_TIMESTAMP: &str = "to_timestamp";
}

/// `files/get_preview/<path>` sizes (`size` parameter): the longest edge is 256 or 1024 pixels.
pub mod preview_size {
    pub const SMALL: &str = "small";
    pub const MEDIUM: &str = "medium";
}

/// Administration field names (docs/dialects/cloudike.md, "Administration (issue 6)").
pub mod admin_field {
    /// A user's id in every `admin/*` call (repeated in `change_users_quota` and `add_user`).
    pub const USERID: &str = "userid";
    pub const NAME: &str = "name";
    pub const LOGIN: &str = "login";
    pub const PASSWORD: &str = "password";
    pub const EMAIL: &str = "email";
    pub const LANG: &str = "lang";
    pub const TIMEZONE: &str = "timezone";
    /// `user`, `admin` or `sysadmin`.
    pub const ROLE: &str = "role";
    pub const QUERY: &str = "query";
    pub const OFFSET: &str = "offset";
    pub const LIMIT: &str = "limit";
    /// `name`, `login`, `storage_size` or `last_login`.
    pub const ORDER_BY: &str = "order_by";
    /// `true` = descending.
    pub const REVERSE: &str = "reverse";
    pub const WITH_DELETED: &str = "with_deleted";
    pub const COMPANY_ID: &str = "company_id";
    /// Bytes; empty = unlimited.
    pub const QUOTA_SIZE: &str = "quota_size";
    pub const HARD_QUOTA_SIZE: &str = "hard_quota_size";
    pub const REQUEST_ID: &str = "request_id";
    /// `request_quota`: the asking user.
    pub const USER_ID: &str = "user_id";
    /// `shares/*` with a group instead of `member_login`.
    pub const GROUP_ID: &str = "group_id";
    /// `accounts/getinvited/`, `/api/0/accounts/create/`.
    pub const INVITE_HASH: &str = "invite_hash";
}

/// The symbolic error names of the admin contract.
pub mod admin_error {
    /// 401 on every call of a disabled user, 403 at their login.
    pub const USER_DISABLED: &str = "UserDisabled";
    /// 403 at login after too many wrong passwords.
    pub const USER_LOCKED: &str = "UserLocked";
    /// 402: an upload or copy would pass the user's or the company's quota.
    pub const QUOTA_EXCEEDED: &str = "QuotaExceeded";
}

/// Every error body: the HTTP status repeated, a symbolic name as the reference uses them
/// (`NotFound`, `InvalidParameters`, …) and a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub status: u16,
    pub error: String,
    pub message: String,
}

/// `POST accounts/login/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginResponse {
    pub token: String,
    pub userid: i64,
    /// Epoch ms after which the token stops working.
    pub expires: i64,
    pub created: i64,
    pub offer_url: Option<String>,
}

/// `GET accounts/get/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountInfo {
    pub userid: i64,
    pub name: String,
    /// Typed logins such as `email:alice@example.com`.
    pub logins: Vec<String>,
    pub role: String,
    pub lang: String,
    pub timezone: String,
    pub is_active: bool,
    pub is_deleted: bool,
    pub registration_date: i64,
    pub last_login: i64,
    /// Bytes in use.
    pub storage_size: u64,
    /// Extension: the user's quota in bytes, absent when unlimited.
    #[serde(default)]
    pub quota_size: Option<u64>,
    /// Extension: the user's company (every user is in company 1 for now).
    #[serde(default)]
    pub company_id: i64,
}

/// `GET metadata/<path>` and every endpoint that "returns metadata".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// Read leniently by the SPA: a link view leaves the owner fields out.
#[serde(default)]
pub struct Metadata {
    /// Extension: the last path segment, `""` for the root.
    pub name: String,
    pub path: String,
    pub folder: bool,
    pub bytes: u64,
    /// Human-readable size, as the reference shows it ("123.4KB").
    pub size: String,
    /// Lower-case hex MD5 of the content; `None` for folders.
    pub checksum: Option<String>,
    pub version: i64,
    pub created: i64,
    pub modified: i64,
    pub mime_type: Option<String>,
    pub icon: String,
    pub thumbnail: bool,
    pub deleted: bool,
    /// Folders only: changes whenever anything below changes; the listing's ETag.
    pub hash: Option<String>,
    /// Some servers send ids as strings of digits.
    #[serde(deserialize_with = "crate::loose::int")]
    pub owner: i64,
    pub owner_name: String,
    /// Extension: marked with `fileops/set_favorite/`.
    #[serde(default)]
    pub favorite: bool,
    /// Extension: the item is a share root (a folder shared with collaborators), in either tree.
    #[serde(default)]
    pub shared: bool,
    /// Extension: the caller may change the item (false inside a read-only shared folder).
    #[serde(default = "yes")]
    pub writable: bool,
    /// Extension: how many comments the item has (sent only when there are any).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub comments: u64,
    /// Children of a folder when `listing=true` ("content", as in search results).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Vec<Metadata>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_last_page: Option<bool>,
}

/// `POST files/create/` when the content is not deduplicated: where to send the bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadTicket {
    /// For a single-part upload, where to `PUT` the whole body; `None` for multipart.
    pub url: Option<String>,
    pub method: String,
    pub parameters: BTreeMap<String, String>,
    pub headers: BTreeMap<String, String>,
    /// The URL to `POST` once every byte is sent (`files/confirm/<path>`).
    pub confirm_url: String,
    /// The upload session; sent back as `temp_path` to `create_part` and as `temp_name` to confirm.
    pub temp_path: String,
    /// Extension: the largest part the server accepts, in bytes.
    pub max_part_size: u64,
}

/// `POST files/create_part/`: where to `PUT` one part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartTicket {
    pub url: String,
    pub method: String,
    pub parameters: BTreeMap<String, String>,
    pub headers: BTreeMap<String, String>,
}

/// The body answering a part `PUT` (the `ETag` header carries the same MD5, as S3 does).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartReceipt {
    pub part_num: u32,
    pub size: u64,
    pub checksum: String,
}

/// `GET files/get/<path>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DownloadTicket {
    pub url: String,
    pub method: String,
    pub path: String,
    pub deleted: bool,
    pub version: i64,
    pub size: u64,
    pub checksum: Option<String>,
    pub created: i64,
    pub modified: i64,
}

/// `fileops/multi/*`: per-item outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MultiResult {
    pub success: u32,
    pub failed: u32,
    pub nodes: Vec<MultiNode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MultiNode {
    pub path: String,
    pub error_code: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// `GET trash/`: the items, newest deletion first. The `ETag` header carries `hash`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrashListing {
    pub hash: String,
    pub content: Vec<TrashItem>,
    pub is_last_page: bool,
}

/// One trash item: metadata with `name` (the trash id) instead of `path`, and `restore_path`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrashItem {
    /// The trash id, for `trash/restore/<name>` and `fileops/purge/`.
    pub name: String,
    /// Where the item was deleted from (and returns to).
    pub restore_path: String,
    pub folder: bool,
    /// Bytes of the file, or of every file inside the folder.
    pub bytes: u64,
    pub size: String,
    pub checksum: Option<String>,
    pub version: i64,
    pub created: i64,
    pub modified: i64,
    /// When it was deleted (epoch ms).
    pub deleted: i64,
    pub mime_type: Option<String>,
    pub icon: String,
}

/// Endpoints that start a background task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskStarted {
    pub taskid: String,
}

/// `GET task/<taskid>/`: `status` is `running` (with `progress`, 0-100) or `done` (with the
/// task's result fields: a purge reports `items` and `bytes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskStatus {
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes: Option<u64>,
    /// `links/add_to_storage/`: the name the copy got in my root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folder_name: Option<String>,
    /// `links/add_to_storage/`: files copied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files_count: Option<u64>,
    /// `links/add_to_storage/`: bytes copied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
}

/// `POST fileops/purgestatus/`: `PROCESSING` while a purge runs, else `DONE`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurgeStatus {
    pub status: String,
}

/// `GET files/versions/<path>`: one version, newest first (the first is the current one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionInfo {
    pub version: i64,
    pub bytes: u64,
    /// Human-readable, as in metadata.
    pub size: String,
    pub checksum: String,
    /// When this version was stored (epoch ms).
    pub timestamp: i64,
    /// Who stored it: user id and display name.
    pub author: i64,
    pub author_name: String,
    /// Set when `files/restore/` made this version: the version it copied.
    #[serde(default)]
    pub restored_from: Option<i64>,
}

/// `files/search/`: one page of matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResult {
    pub content: Vec<Metadata>,
    pub is_last_page: bool,
}

/// `GET fileops/folder_info/`: totals for everything (live) below a folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderInfo {
    pub path: String,
    /// Bytes of every file below.
    pub size: u64,
    pub files_count: u64,
    pub folders_count: u64,
    pub created: i64,
    pub modified: i64,
}

/// `POST files/download_as_archive_stream/`: a link that streams the zip with no auth header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveLink {
    pub url: String,
    /// `<folder>_<datetime>.zip`, the name the download gets.
    pub file_name: String,
    /// When the link stops working (epoch ms).
    pub expired: i64,
}

/// The human size the reference shows next to `bytes` ("123.4KB").
fn yes() -> bool {
    true
}

/// `GET company/<id>/users`: one person of the picker.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// Read leniently by the SPA: real servers leave fields out.
#[serde(default)]
pub struct CompanyUser {
    pub userid: i64,
    pub login: String,
    pub name: String,
}

/// `GET company/<id>/users`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// Read leniently by the SPA: real servers leave fields out.
#[serde(default)]
pub struct CompanyUsers {
    pub count: u64,
    pub users: Vec<CompanyUser>,
}

/// `POST shares/add/`: the invitation made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareInvitation {
    /// 40 hex digits: the invite token for `shares/accept/`.
    pub hash: String,
    pub member_login: String,
    pub userid: i64,
    pub writer: bool,
    /// Always `invited`.
    pub status: String,
}

/// `GET shares/collaborators/`: the owner first, then each collaborator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Collaborator {
    pub userid: i64,
    pub login: String,
    pub name: String,
    pub writer: bool,
    /// `owner`, `invited` or `accepted`.
    pub status: String,
    pub owner: bool,
    /// The share was made on an ancestor of the asked path.
    pub is_indirect: bool,
}

/// `GET shares/invites/`: a pending invitation to me.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// Read leniently by the SPA: real servers leave fields out.
#[serde(default)]
pub struct ShareInvite {
    pub hash: String,
    /// The shared folder's name.
    pub name: String,
    pub owner: i64,
    pub owner_name: String,
    pub writer: bool,
    pub created: i64,
    /// Extension: the owner's message from `shares/add/` (`invitation`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invitation: Option<String>,
}

/// `GET shares/?whose=my`: a folder I share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyShare {
    pub path: String,
    pub name: String,
    /// Collaborators and pending invitations.
    pub collaborators: u64,
}

/// `GET shares/?whose=others`: a folder shared with me, mounted in my tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherShare {
    /// My mount path.
    pub path: String,
    pub name: String,
    pub owner: i64,
    pub owner_name: String,
    pub writer: bool,
}

/// `POST links/create/` and each item of `GET links/`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// Read leniently by the SPA: real servers leave fields out.
#[serde(default)]
pub struct PublicLink {
    pub hash: String,
    /// The full URL of the recipient's page (`…/s/<hash>`).
    pub public_hash: String,
    pub path: String,
    pub name: String,
    pub folder: bool,
    pub created: i64,
    /// Epoch ms; `None` never expires.
    pub expires: Option<i64>,
    /// `None` is unlimited.
    pub download_max: Option<u64>,
    pub downloads: u64,
    pub has_password: bool,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// A task's assignee (`assignees` of a comment).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// Read leniently by the SPA: real servers leave fields out.
#[serde(default)]
pub struct CommentAssignee {
    /// 24 hex digits.
    pub id: String,
    /// Some servers send ids as strings of digits.
    #[serde(deserialize_with = "crate::loose::int")]
    pub user_id: i64,
    pub user_name: String,
    /// `open`, `accepted`, `declined` or `completed`.
    pub status: String,
    pub created_time: i64,
}

/// `workflow/comments/<path>` items and the answer of every `workflow/comment*` write.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// Read leniently by the SPA: real servers leave fields out.
#[serde(default)]
pub struct Comment {
    /// 24 hex digits.
    pub id: String,
    pub created_time: i64,
    pub modified_time: i64,
    /// Stored verbatim (render it as text).
    pub text: String,
    /// The text with each mention as `@[<user_id>:<login>]`; `""` when it mentions nobody.
    #[serde(rename = "taggedText", default)]
    pub tagged_text: String,
    /// `text` or `task`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Some servers send ids as strings of digits.
    #[serde(deserialize_with = "crate::loose::int")]
    pub owner_id: i64,
    #[serde(default)]
    pub owner_name: String,
    /// Ms; 0 = none.
    #[serde(default)]
    pub due_date: i64,
    #[serde(default)]
    pub assignees: Vec<CommentAssignee>,
}

/// `workflow/tasks/` items: a task comment, and the item it is on in my tree.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// Read leniently by the SPA: real servers leave fields out.
#[serde(default)]
pub struct TaskItem {
    #[serde(flatten)]
    pub comment: Comment,
    pub path: String,
    pub name: String,
}

/// `content` of an event: the item as it was when the event happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventContent {
    pub size: u64,
    pub created: i64,
    pub modified: i64,
}

/// `events/` items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: i64,
    #[serde(rename = "type")]
    pub kind: String,
    pub timestamp: i64,
    /// In the reader's tree; `None` when the reader cannot reach the item any more.
    pub path: Option<String>,
    /// Renames and moves: where the item was (in the reader's tree), else `None`.
    #[serde(default)]
    pub oldpath: Option<String>,
    pub init_event_user_id: i64,
    pub init_event_user_name: String,
    /// The owner of the item.
    pub user_id: i64,
    pub version: i64,
    pub content: EventContent,
    #[serde(default)]
    pub text: Option<String>,
    /// Extension: `mention` / `task_assigned`: the user mentioned or assigned.
    #[serde(default)]
    pub target_user_id: Option<i64>,
}

/// The header a link recipient sends the link's password in.
pub const LINK_PASSWORD_HEADER: &str = "Link-Password";

pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes}B")
    } else {
        format!("{value:.1}{}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_sizes() {
        assert_eq!(human_size(0), "0B");
        assert_eq!(human_size(126_362), "123.4KB");
        assert_eq!(human_size(50 * 1024 * 1024), "50.0MB");
    }

    #[test]
    fn the_spa_reads_sparse_and_loose_records() {
        let t: TaskItem = serde_json::from_str(
            r#"{"id":"c1","text":"hi","type":"task","owner_id":"7","path":"/a",
                "assignees":[{"user_id":8,"user_name":"Bob","status":"open"}]}"#,
        )
        .unwrap();
        assert_eq!((t.comment.owner_id, t.path.as_str()), (7, "/a"));
        assert_eq!(t.comment.assignees[0].user_id, 8);
        let m: Metadata =
            serde_json::from_str(r#"{"path":"/s","folder":true,"owner":"3"}"#).unwrap();
        assert_eq!((m.owner, m.writable, m.content), (3, true, None));
        let l: PublicLink = serde_json::from_str(r#"{"hash":"h","path":"/x"}"#).unwrap();
        assert_eq!((l.hash.as_str(), l.expires), ("h", None));
    }

    #[test]
    fn error_body_round_trips() {
        let e = ErrorBody {
            status: 404,
            error: "NotFound".into(),
            message: "File or folder not found.".into(),
        };
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(serde_json::from_str::<ErrorBody>(&json).unwrap(), e);
    }
}
