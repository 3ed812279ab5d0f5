//! One client for whichever dialect the session speaks: [`AnyClient`] holds the adapter and
//! forwards every [`Client`] call to it, admin calls included, so an adapter's overrides count.

use satchel_wire::{FileName, NodePath};

use super::cloudike::Cloudike;
use super::http;
use super::opendrive::OpenDrive;
use super::*;
use crate::config::{Config, Dialect};

#[derive(Clone, Debug)]
pub enum AnyClient {
    Cloudike(Cloudike),
    OpenDrive(OpenDrive),
}

impl AnyClient {
    /// The adapter for `dialect`, talking to the configured server with `token`.
    pub fn new(dialect: Dialect, config: &Config, token: Option<String>) -> Self {
        match dialect {
            Dialect::Cloudike => Self::Cloudike(Cloudike::new(&config.api_base, token)),
            Dialect::OpenDrive => {
                Self::OpenDrive(OpenDrive::new(&config.api_base, token, config.chunk_size))
            }
        }
    }

    pub fn dialect(&self) -> Dialect {
        match self {
            Self::Cloudike(_) => Dialect::Cloudike,
            Self::OpenDrive(_) => Dialect::OpenDrive,
        }
    }
}

/// `async fn`s that hand their arguments to the adapter's method of the same name.
macro_rules! delegate {
    ($(fn $name:ident(&self $(, $arg:ident: $ty:ty)*) -> $ret:ty;)*) => {
        $(
            async fn $name(&self $(, $arg: $ty)*) -> $ret {
                match self {
                    AnyClient::Cloudike(c) => c.$name($($arg),*).await,
                    AnyClient::OpenDrive(c) => c.$name($($arg),*).await,
                }
            }
        )*
    };
}

impl Client for AnyClient {
    fn capabilities(&self) -> Capabilities {
        match self {
            AnyClient::Cloudike(c) => c.capabilities(),
            AnyClient::OpenDrive(c) => c.capabilities(),
        }
    }

    fn link_archive_url(&self, link: &str, paths: &[NodePath], password: Option<&str>) -> String {
        match self {
            AnyClient::Cloudike(c) => c.link_archive_url(link, paths, password),
            AnyClient::OpenDrive(c) => c.link_archive_url(link, paths, password),
        }
    }

    delegate! {
        fn login(&self, login: &str, password: &str) -> Result<Session, ApiError>;
        fn logout(&self) -> Result<(), ApiError>;
        fn account(&self) -> Result<Account, ApiError>;
        fn list(&self, path: &NodePath) -> Result<Vec<Entry>, ApiError>;
        fn create_folder(&self, path: &NodePath) -> Result<Entry, ApiError>;
        fn rename(&self, path: &NodePath, new_name: &FileName) -> Result<Entry, ApiError>;
        fn move_to(&self, path: &NodePath, folder: &NodePath) -> Result<(), ApiError>;
        fn copy_to(&self, path: &NodePath, folder: &NodePath) -> Result<(), ApiError>;
        fn delete(&self, paths: &[NodePath]) -> Result<DeleteOutcome, ApiError>;
        fn download_url(&self, path: &NodePath) -> Result<String, ApiError>;
        fn begin_upload(&self, path: &NodePath, size: u64, md5: &str, overwrite: bool) -> Result<UploadStart, ApiError>;
        fn part_target(&self, session: &UploadSession, part_num: u32, size: u64, md5: &str) -> Result<String, ApiError>;
        fn put_part(&self, url: &str, blob: &web_sys::Blob, on_progress: impl Fn(f64) + 'static, xhrs: &http::XhrSet) -> Result<(), ApiError>;
        fn confirm(&self, session: &UploadSession, size: u64, md5: &str, overwrite: bool) -> Result<Entry, ApiError>;
        fn cancel(&self, session: &UploadSession) -> Result<(), ApiError>;
        fn list_page(&self, path: &NodePath, offset: u64, limit: u64) -> Result<Page, ApiError>;
        fn trash(&self, etag: Option<&str>) -> Result<Option<TrashListing>, ApiError>;
        fn restore(&self, id: &str, overwrite: bool) -> Result<Entry, ApiError>;
        fn purge(&self, ids: &[String]) -> Result<String, ApiError>;
        fn task(&self, id: &str) -> Result<TaskState, ApiError>;
        fn versions(&self, path: &NodePath) -> Result<Vec<Version>, ApiError>;
        fn version_url(&self, path: &NodePath, version: i64) -> Result<String, ApiError>;
        fn restore_version(&self, path: &NodePath, version: i64) -> Result<Entry, ApiError>;
        fn set_favorite(&self, path: &NodePath, favorite: bool) -> Result<Entry, ApiError>;
        fn favorites(&self) -> Result<Vec<Entry>, ApiError>;
        fn search(&self, query: &SearchQuery, offset: u64, limit: u64) -> Result<Page, ApiError>;
        fn folder_totals(&self, path: &NodePath) -> Result<FolderTotals, ApiError>;
        fn archive(&self, paths: &[NodePath]) -> Result<ArchiveLink, ApiError>;
        fn thumbnail(&self, path: &NodePath) -> Result<web_sys::Blob, ApiError>;
        fn view_url(&self, path: &NodePath) -> Result<String, ApiError>;
        fn text_head(&self, url: &str, limit: u64) -> Result<TextHead, ApiError>;
        fn people(&self, query: &str) -> Result<Vec<Person>, ApiError>;
        fn collaborators(&self, folder: &NodePath) -> Result<Vec<Collaborator>, ApiError>;
        fn invite(&self, folder: &NodePath, login: &str, writer: bool) -> Result<(), ApiError>;
        fn set_rights(&self, folder: &NodePath, login: &str, writer: bool) -> Result<(), ApiError>;
        fn remove_member(&self, folder: &NodePath, login: &str, invited: bool) -> Result<(), ApiError>;
        fn unshare(&self, folder: &NodePath) -> Result<(), ApiError>;
        fn handover(&self, folder: &NodePath, login: &str) -> Result<(), ApiError>;
        fn invites(&self) -> Result<Vec<Invite>, ApiError>;
        fn accept_invite(&self, id: &str) -> Result<Entry, ApiError>;
        fn decline_invite(&self, id: &str) -> Result<(), ApiError>;
        fn shared_by_me(&self) -> Result<Vec<OwnShare>, ApiError>;
        fn shared_with_me(&self) -> Result<Vec<Mount>, ApiError>;
        fn create_link(&self, path: &NodePath, settings: &LinkSettings) -> Result<PublicLink, ApiError>;
        fn links(&self) -> Result<Vec<PublicLink>, ApiError>;
        fn link_of(&self, path: &NodePath) -> Result<Option<PublicLink>, ApiError>;
        fn delete_link(&self, path: &NodePath) -> Result<(), ApiError>;
        fn link_view(&self, link: &str, path: &NodePath, password: Option<&str>) -> Result<LinkView, ApiError>;
        fn link_file_url(&self, link: &str, path: &NodePath, password: Option<&str>, view: bool) -> Result<String, ApiError>;
        fn save_link(&self, link: &str, password: Option<&str>) -> Result<String, ApiError>;
        fn save_state(&self, task: &str) -> Result<SaveState, ApiError>;
        fn comments(&self, path: &NodePath) -> Result<Vec<Comment>, ApiError>;
        fn add_comment(&self, path: &NodePath, draft: &CommentDraft) -> Result<Comment, ApiError>;
        fn edit_comment(&self, id: &str, draft: &CommentDraft) -> Result<Comment, ApiError>;
        fn delete_comment(&self, id: &str) -> Result<(), ApiError>;
        fn set_task_status(&self, id: &str, status: TaskStatus) -> Result<Comment, ApiError>;
        fn my_tasks(&self) -> Result<Vec<MyTask>, ApiError>;
        fn events(&self, group: EventGroup, skip: u64, limit: u64) -> Result<Vec<Event>, ApiError>;
        fn admin_users(&self, query: &UserQuery) -> Result<UsersPage, ApiError>;
        fn create_user(&self, user: &NewUser) -> Result<AdminUser, ApiError>;
        fn invite_user(&self, email: &str, name: &str) -> Result<String, ApiError>;
        fn edit_user(&self, id: &str, edit: &UserEdit) -> Result<AdminUser, ApiError>;
        fn set_user_password(&self, id: &str, password: &str) -> Result<(), ApiError>;
        fn set_user_active(&self, id: &str, active: bool) -> Result<AdminUser, ApiError>;
        fn unlock_user(&self, id: &str) -> Result<(), ApiError>;
        fn set_user_role(&self, id: &str, role: Role) -> Result<(), ApiError>;
        fn set_quota(&self, ids: &[String], quota_bytes: Option<u64>) -> Result<Vec<QuotaOutcome>, ApiError>;
        fn delete_user(&self, id: &str) -> Result<(), ApiError>;
        fn restore_user(&self, id: &str) -> Result<(), ApiError>;
        fn groups(&self) -> Result<Vec<Group>, ApiError>;
        fn create_group(&self, name: &str) -> Result<Group, ApiError>;
        fn rename_group(&self, group: &Group, name: &str) -> Result<Group, ApiError>;
        fn delete_group(&self, group: &Group) -> Result<(), ApiError>;
        fn group_members(&self, group: &Group) -> Result<Vec<Member>, ApiError>;
        fn add_group_members(&self, group: &Group, user_ids: &[String]) -> Result<(), ApiError>;
        fn remove_group_member(&self, group: &Group, user_id: &str) -> Result<(), ApiError>;
        fn invite_group(&self, folder: &NodePath, group: &Group, writer: bool) -> Result<(), ApiError>;
        fn set_group_rights(&self, folder: &NodePath, group_id: &str, writer: bool) -> Result<(), ApiError>;
        fn remove_group_share(&self, folder: &NodePath, group_id: &str) -> Result<(), ApiError>;
        fn company(&self) -> Result<Company, ApiError>;
        fn companies(&self) -> Result<Vec<Company>, ApiError>;
        fn request_quota(&self) -> Result<(), ApiError>;
        fn quota_requests(&self) -> Result<Vec<QuotaRequest>, ApiError>;
        fn decide_quota_request(&self, request: &QuotaRequest, approve: bool, quota_bytes: Option<u64>) -> Result<(), ApiError>;
        fn storage_report(&self) -> Result<StorageReport, ApiError>;
        fn invitation(&self, token: &str) -> Result<Invitation, ApiError>;
        fn join(&self, token: &str, name: &str, password: &str) -> Result<(), ApiError>;
    }
}
