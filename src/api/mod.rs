//! The API layer: one [`Client`] trait in Satchel's own terms, one adapter per server dialect.
//! Components and the upload queue only see the types defined here; only `cloudike.rs` (with its
//! `cloudike/admin.rs`) knows Cloudike's names and URLs, only `opendrive.rs` OpenDrive's. No
//! `view!` in this module.

pub mod cloudike;
pub mod dispatch;
pub mod http;
pub mod opendrive;

pub use dispatch::AnyClient;

use satchel_wire::{FileName, NodePath};

use crate::config::{Config, Dialect};
use crate::model::*;

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
