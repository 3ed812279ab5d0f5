//! OpenDrive (`/api/v1`) wire types: response bodies and parameter names.
//!
//! Every choice the vendor guide leaves open is recorded in `docs/dialects/opendrive.md`; this
//! module and that file must agree. Field names are spelled exactly as the guide spells them
//! (`FolderID` but `FileId`, `DataTrashed`, …), so the structs keep those names as Rust fields.
//! Numbers the guide types as strings (a file's `Size`, `Version`, `DateModified`) stay strings
//! here; the helper methods parse them. Dates are Unix seconds; `DirUpdateTime` is an opaque
//! change stamp compared for equality only.
#![allow(non_snake_case)]

use serde::{Deserialize, Serialize};

/// The base path the dialect is mounted at.
pub const BASE: &str = "/api/v1";
/// `session_id` for calls authenticated by an OAuth access token (sent as `access_token` in the
/// query string of every call).
pub const OAUTH: &str = "OAUTH";
/// The root folder's id.
pub const ROOT_ID: &str = "0";
/// Items per `folder/list.json` call when `offset` is given (folders, then files).
pub const PAGE_SIZE: usize = 100;
/// The longest file or folder name, in characters (guide 5.9).
pub const MAX_NAME_CHARS: usize = 255;
/// Characters no file or folder name may hold (guide 5.9).
pub const FORBIDDEN_CHARS: &[char] = &['\\', '/', ':', '*', '?', '"', '<', '>', '|'];
/// OAuth lifetimes (guide 15): access tokens in seconds, refresh tokens 30 days.
pub const ACCESS_TOKEN_TTL_S: i64 = 86_400;
pub const REFRESH_TOKEN_TTL_S: i64 = 30 * 86_400;

/// Parameter names, exactly as sent on the wire.
pub mod field {
    pub const SESSION_ID: &str = "session_id";
    pub const ACCESS_TOKEN: &str = "access_token";
    pub const USERNAME: &str = "username";
    pub const PASSWD: &str = "passwd";
    pub const PASSWORD: &str = "password";
    pub const GRANT_TYPE: &str = "grant_type";
    pub const CLIENT_ID: &str = "client_id";
    pub const REFRESH_TOKEN: &str = "refresh_token";
    pub const FOLDER_ID: &str = "folder_id";
    pub const FILE_ID: &str = "file_id";
    pub const PATH: &str = "path";
    pub const OFFSET: &str = "offset";
    pub const LAST_REQUEST_TIME: &str = "last_request_time";
    pub const ONLY_SUBFOLDERS: &str = "only_subfolders";
    pub const WITH_BREADCRUMBS: &str = "with_breadcrumbs";
    pub const SEARCH_QUERY: &str = "search_query";
    pub const FOLDER_NAME: &str = "folder_name";
    pub const FOLDER_SUB_PARENT: &str = "folder_sub_parent";
    pub const DST_FOLDER_ID: &str = "dst_folder_id";
    pub const SRC_FILE_ID: &str = "src_file_id";
    pub const MOVE: &str = "move";
    pub const OVERWRITE_IF_EXISTS: &str = "overwrite_if_exists";
    pub const NEW_FILE_NAME: &str = "new_file_name";
    pub const NEW_FOLDER_NAME: &str = "new_folder_name";
    pub const COUNT_ONLY: &str = "count_only";
    pub const FOLDER_ISPUBLIC: &str = "folder_ispublic";
    pub const FILE_ISPUBLIC: &str = "file_ispublic";
    pub const FILE_PASSWORD: &str = "file_password";
    pub const FILE_NAME: &str = "file_name";
    pub const FILE_SIZE: &str = "file_size";
    pub const FILE_HASH: &str = "file_hash";
    pub const OPEN_IF_EXISTS: &str = "open_if_exists";
    pub const TEMP_LOCATION: &str = "temp_location";
    pub const CHUNK_OFFSET: &str = "chunk_offset";
    pub const CHUNK_SIZE: &str = "chunk_size";
    pub const FILE_DATA: &str = "file_data";
    pub const NAME: &str = "name";
    pub const INLINE: &str = "inline";
    pub const ITEMS_ID: &str = "items_id";
    pub const FILES: &str = "files";
    pub const SESSION_KEY: &str = "session_key";
    pub const SHAREMODE: &str = "sharemode";
    pub const SHARING_ID: &str = "sharing_id";
    pub const TASK_ID: &str = "task_id";
    pub const WITH_COMMENTS: &str = "with_comments";
    pub const COMMENT_TEXT: &str = "comment_text";
}

/// `Access` as read: the guide's 1 public, 3 private (2, hidden, is never answered).
pub const ACCESS_PUBLIC: i64 = 1;
pub const ACCESS_PRIVATE: i64 = 3;

/// Is `name` acceptable as a new file or folder name? The error is the guide's sentence.
pub fn check_name(name: &str) -> Result<(), String> {
    let invalid = || {
        "Folder name is invalid or cannot contain any of the following characters \\/:*?\"<>|"
            .to_owned()
    };
    if name.is_empty() {
        return Err("'folder_name' is required.".into());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!(
            "Invalid value specified for 'folder_name'. Maximum {MAX_NAME_CHARS} characters allowed."
        ));
    }
    if name == "."
        || name == ".."
        || name.trim() != name
        || name.contains(FORBIDDEN_CHARS)
        || name.contains(char::is_control)
    {
        return Err(invalid());
    }
    Ok(())
}

/// A guide "string" number (`"123"`); anything unparsable is 0.
pub fn num(s: &str) -> i64 {
    s.trim().parse().unwrap_or(0)
}

/// Every error except the OAuth grant's: `{"error": {...}}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ErrorDetail {
    pub code: u16,
    /// `404: Not Found: File or folder not found: /a` (the guide's style).
    pub message: String,
    /// Extension: the symbolic name (`NotFound`, `PasswordRequired`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// OAuth's `invalid_token` on an expired or unknown access token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
}

/// `oauth2/grant.json` errors (a flat object, as the guide shows).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OAuthError {
    pub error: String,
    pub error_description: String,
}

/// `oauth2/grant.json` success.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenResponse {
    pub access_token: String,
    pub expires_in: i64,
    pub token_type: String,
    pub scope: Option<String>,
    pub refresh_token: String,
}

/// "True (200 OK)", and every `result: True` answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultBody {
    pub result: bool,
}

/// `session/login.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoginResponse {
    pub SessionID: String,
    pub UserName: String,
    pub UserFirstName: String,
    pub UserLastName: String,
    pub AccType: i64,
    pub UserLang: String,
    pub IsAccessUser: i64,
    pub DriveName: String,
    pub UserLevel: String,
    pub UserPlan: String,
    pub FVersioning: String,
    pub UserDomain: String,
    pub PartnerUsersDomain: String,
    pub IsPartner: String,
    pub Encoding: String,
}

/// `session/info.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionInfo {
    pub SessionID: String,
    pub UserName: String,
    pub UserFirstName: String,
    pub UserLastName: String,
    pub AccType: String,
    pub UserLang: String,
    pub UserID: String,
    pub IsAccountUser: String,
    pub DriveName: String,
    pub UserLevel: String,
    pub UserPlan: String,
    pub FVersioning: String,
    pub UserDomain: String,
    pub PartnerUsersDomain: String,
    pub Encoding: String,
    pub IsPartner: String,
}

/// `users/info.json/{session_id}` (the fields a file manager uses).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserInfo {
    pub UserID: i64,
    pub AccessUserID: i64,
    pub UserName: String,
    pub UserFirstName: String,
    pub UserLastName: String,
    pub Email: String,
    pub AccType: String,
    /// Bytes, `"0"` = unlimited.
    pub MaxStorage: String,
    pub StorageUsed: String,
    pub MaxFileSize: String,
    pub IsAccountUser: i64,
    pub AdminMode: i64,
    pub FVersioning: String,
    pub UserLang: String,
    /// `YYYY-MM-DD HH:MM:SS` (UTC).
    pub UserSince: String,
}

/// A file, as listings, `file/info.json` and the file mutations answer it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct File {
    pub FileId: String,
    pub Name: String,
    pub GroupID: String,
    pub Extension: String,
    pub Size: String,
    pub Views: String,
    pub Version: String,
    pub Downloads: String,
    pub DateModified: String,
    pub DateUploaded: i64,
    pub DateTrashed: String,
    pub Access: i64,
    pub Link: String,
    pub DownloadLink: String,
    pub StreamingLink: String,
    pub ThumbLink: String,
    pub Password: String,
    pub EditOnline: i64,
    pub Description: String,
    pub FileHash: String,
    pub OwnerName: String,
    pub Owner: String,
    /// Extension: the parent folder (`"0"` for the root; `""` inside a public folder).
    pub FolderID: String,
    /// Extension: 1 writable, 0 read-only (inside a view-only share).
    pub Writable: i64,
    pub CommentsCount: i64,
    pub PasswordProtected: i64,
    /// Extension: the absolute path in the caller's tree (`""` for a public recipient).
    pub Path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub DirUpdateTime: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub DirUpdateTimeSrc: Option<i64>,
    /// `file/restore.json`: the folder it went back into.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ParentID: Option<String>,
    /// The trash list's spelling (sic), Unix seconds as a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub DataTrashed: Option<String>,
    /// Extension (trash list): where it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub OrigPath: Option<String>,
}

impl File {
    pub fn size(&self) -> u64 {
        num(&self.Size).max(0) as u64
    }
    pub fn modified_s(&self) -> i64 {
        num(&self.DateModified)
    }
    pub fn version(&self) -> i64 {
        num(&self.Version)
    }
}

/// A folder, as listings, `folder/info.json` and the folder mutations answer it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Folder {
    pub FolderID: String,
    pub Name: String,
    pub DateCreated: i64,
    pub DateModified: i64,
    pub Access: i64,
    pub Shared: String,
    pub ChildFolders: i64,
    pub Link: String,
    pub Description: String,
    pub Encrypted: String,
    pub Owner: String,
    pub OwnerName: String,
    /// Extensions.
    pub ParentFolderID: String,
    pub Writable: i64,
    pub CommentsCount: i64,
    pub Path: String,
    /// 1 for a folder another user shared with me (listed in my root).
    pub IsMount: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub DirUpdateTime: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub DirUpdateTimeSrc: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ParentID: Option<String>,
    /// `folder/info.json` and the trash list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub DateTrashed: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ID: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub PublicUpload: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub PublicContent: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub PublicDownload: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub Permission: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub OrigPath: Option<String>,
}

/// One step of a breadcrumb, root (`"0"`, `""`) first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Crumb {
    pub FolderID: String,
    pub Name: String,
}

/// `folder/breadcrumb.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Breadcrumbs {
    pub Breadcrumbs: Vec<Crumb>,
}

/// `folder/list.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Listing {
    pub DirUpdateTime: i64,
    pub Name: String,
    pub ParentFolderID: String,
    pub DirectFolderLink: String,
    pub ResponseType: i64,
    pub Folders: Vec<Folder>,
    pub Files: Vec<File>,
    /// Extension: this page reaches the end of the folder.
    pub IsLastPage: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub Breadcrumbs: Option<Vec<Crumb>>,
}

/// `folder/idbypath.json` (lower-case `d`, as the guide).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FolderIdAnswer {
    pub FolderId: String,
}

/// `file/idbypath.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FileIdAnswer {
    pub FileId: String,
    pub DownloadLink: String,
}

/// Trash, delete and share removal answers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DirUpdate {
    pub DirUpdateTime: i64,
}

/// `folder/trashlist.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrashList {
    pub FilesCount: i64,
    pub FoldersCount: i64,
    pub Folders: Vec<Folder>,
    pub Files: Vec<File>,
}

/// One version in `file/fileversions.json`, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FileVersion {
    pub ID: String,
    /// `"<file id>.<version>"`.
    pub FileId: String,
    pub GroupID: String,
    pub Version: String,
    pub Name: String,
    pub Size: i64,
    pub DateModified: i64,
    pub DateUploaded: i64,
    /// The download URL of this version (append `?session_id=`).
    pub DirectLink: String,
    pub Extension: String,
    /// The author's name.
    pub Owner: String,
    pub ThumbLink: String,
    /// Extension.
    pub FileHash: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FileVersions {
    pub file_group_id: String,
    pub Versions: Vec<FileVersion>,
}

/// `upload/create_file.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CreateFileAnswer {
    /// The real id after deduplication (`RequireHashOnly` 1), else provisional (= `TempLocation`).
    pub FileId: String,
    pub Name: String,
    pub GroupID: String,
    pub Extension: String,
    pub Size: String,
    pub Views: String,
    pub Version: String,
    pub Downloads: String,
    pub Access: String,
    pub Link: String,
    pub DownloadLink: String,
    pub StreamingLink: String,
    pub DirUpdateTime: i64,
    pub TempLocation: String,
    pub SpeedLimit: i64,
    pub RequireCompression: i64,
    pub RequireHash: i64,
    pub RequireHashOnly: i64,
}

/// `upload/open_file_upload.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OpenUploadAnswer {
    pub TempLocation: String,
    pub RequireCompression: i64,
    pub RequireHash: i64,
    pub RequireHashOnly: i64,
    pub SpeedLimit: i64,
}

/// `upload/upload_file_chunk.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChunkAnswer {
    pub TotalWritten: u64,
}

/// `upload/checkfileexistsbyname.json`: the names that exist.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExistingNames {
    pub result: Vec<String>,
}

/// `sharing.json` (POST).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShareGrant {
    pub DirUpdateTime: i64,
    /// `"<folder id>_<member user id>"`.
    pub SharingID: String,
    pub Name: String,
    pub ShareMode: String,
}

/// A line of `sharing/listusers.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShareWithUser {
    pub SharingID: String,
    /// The member's login.
    pub Name: String,
    /// `"0"` view only, `"1"` full access.
    pub ShareMode: String,
    /// Extensions.
    pub DisplayName: String,
    pub Pending: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShareUsers {
    pub ShareWithUser: Vec<ShareWithUser>,
}

/// A line of `sharing/listsharedusers.json`: a folder someone shared with me.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SharedUser {
    pub SharingID: String,
    /// The owner's name.
    pub Name: String,
    pub FolderID: String,
    pub FolderName: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SharedUsers {
    pub DirUpdateTime: i64,
    pub ResponseType: i64,
    pub SharedUsers: Vec<SharedUser>,
}

/// `folder/shared.json/{public_id}`: a public folder as its recipient sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SharedFolder {
    pub FolderInfo: Folder,
    /// Extension: the subfolders.
    pub Folders: Vec<Folder>,
    pub Files: Vec<File>,
}

/// `file/verifypassword.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VerifyPassword {
    pub Result: bool,
}

/// A comment of an item's task (`tasks/taskcomments.json`, `tasks/comment.json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Comment {
    pub CommentId: String,
    pub Comment: String,
    /// 1-based position, as a string.
    pub Number: String,
    /// Unix seconds, as a string.
    pub Created: String,
    pub Modified: String,
    pub UserId: i64,
    pub AccessUserId: i64,
    pub OwnerFirstName: String,
    pub OwnerLastName: String,
    pub OwnerAvatar: String,
    pub OwnerAvatarColor: String,
    pub TagId: i64,
    pub TagName: String,
    pub TagColor: String,
    pub SubComments: Vec<Nothing>,
    pub Attachments: Vec<Nothing>,
    /// Extensions.
    pub IsTask: i64,
    pub Editable: i64,
    pub Deletable: i64,
}

/// The implicit task of an item (`tasks.json?task_id=<item id>`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Task {
    pub TaskId: String,
    pub Name: String,
    pub Description: String,
    pub Status: String,
    pub CommentsCount: i64,
    pub OwnerUserId: i64,
    pub OwnerFirstName: String,
    pub OwnerLastName: String,
    /// Extension: the item's path.
    pub Link: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub Comments: Option<Vec<Comment>>,
}

/// An account user (guide 1.2-1.4): a person of the caller's company, keyed by login.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccountUser {
    pub AccessUserID: String,
    pub FirstName: String,
    pub LastName: String,
    /// The login (`access_email` in requests), an email or not.
    pub Email: String,
    /// 0 users, 1 admin.
    pub AdminMode: i64,
    pub AccessAdminLevel: i64,
    /// 0 inactive (disabled), 1 active, 2 blocked (locked after failed logins).
    pub AccessActive: i64,
    pub BwMax: i64,
    pub BwUsed: i64,
    /// Bytes; 0 = unlimited.
    pub StorageMax: i64,
    pub StorageUsed: i64,
    /// Unix seconds, as a string.
    pub AccessSince: String,
    pub Position: String,
    pub Phone: String,
    pub Avatar: String,
    pub AvatarColor: String,
    /// Extension: the groups the user is in (ids).
    pub GroupIDs: Vec<String>,
}

/// A user group (guide 14.1, 14.2).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserGroup {
    pub GroupID: String,
    pub GroupName: String,
    /// Always `"1"`.
    pub GroupActive: String,
    pub GroupMaxStorage: String,
    pub GroupMaxBw: String,
    pub GroupSince: String,
    pub NumUsers: i64,
}

/// `POST /usergroups.json` (the guide's spelling).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupCreated {
    pub Group_id: i64,
}

/// The element of lists this server always answers empty (subcomments, attachments).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Nothing {}

/// Split a display name at its first space: `UserFirstName`, `UserLastName`.
pub fn split_name(name: &str) -> (String, String) {
    match name.trim().split_once(' ') {
        Some((first, last)) => (first.to_owned(), last.trim().to_owned()),
        None => (name.trim().to_owned(), String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_guide() {
        assert!(check_name("Report 2024.pdf").is_ok());
        assert!(check_name("Отчёт").is_ok());
        for bad in [
            "", ".", "..", " a", "a ", "a/b", "<script>", "a|b", "a\u{1}b", "x:y",
        ] {
            assert!(check_name(bad).is_err(), "{bad:?} accepted");
        }
        assert!(check_name(&"a".repeat(255)).is_ok());
        let long = check_name(&"a".repeat(256)).unwrap_err();
        assert!(long.contains("Maximum 255"), "{long}");
    }

    #[test]
    fn field_names_are_the_guides() {
        let f = Folder {
            FolderID: "1".into(),
            ..Folder::default()
        };
        let v = serde_json::to_value(&f).unwrap();
        assert_eq!(v["FolderID"], "1");
        assert!(v.get("DirUpdateTime").is_none());
        let ans = FolderIdAnswer {
            FolderId: "0".into(),
        };
        assert_eq!(serde_json::to_string(&ans).unwrap(), r#"{"FolderId":"0"}"#);
        let t: File =
            serde_json::from_str(r#"{"FileId":"4","Size":"12","DataTrashed":"5"}"#).unwrap();
        assert_eq!(t.size(), 12);
        assert_eq!(t.DataTrashed.as_deref(), Some("5"));
    }

    #[test]
    fn display_names_split_once() {
        assert_eq!(split_name("Alice"), ("Alice".into(), "".into()));
        assert_eq!(
            split_name("Ada King Lovelace"),
            ("Ada".into(), "King Lovelace".into())
        );
    }
}
