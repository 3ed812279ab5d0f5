//! The OpenDrive dialect (`/api/v1`): the only file that knows OpenDrive's endpoint names, field
//! names and error texts.

use satchel_wire::{FileName, NodePath};

use super::http;
use super::*;

#[derive(Clone, Debug)]
pub struct OpenDrive {
    origin: String,
    token: Option<String>,
    chunk_size: u64,
}

impl OpenDrive {
    pub fn new(origin: &str, token: Option<String>, chunk_size: u64) -> Self {
        Self {
            origin: origin.trim_end_matches('/').to_owned(),
            token,
            chunk_size,
        }
    }
}

impl Client for OpenDrive {
    fn capabilities(&self) -> Capabilities {
        Capabilities::default()
    }

    fn link_archive_url(
        &self,
        _link: &str,
        _paths: &[NodePath],
        _password: Option<&str>,
    ) -> String {
        String::new()
    }

    async fn login(&self, _login: &str, _password: &str) -> Result<Session, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn logout(&self) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }

    async fn account(&self) -> Result<Account, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn list(&self, _path: &NodePath) -> Result<Vec<Entry>, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn create_folder(&self, _path: &NodePath) -> Result<Entry, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn rename(&self, _path: &NodePath, _new_name: &FileName) -> Result<Entry, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn move_to(&self, _path: &NodePath, _folder: &NodePath) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }

    async fn copy_to(&self, _path: &NodePath, _folder: &NodePath) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }

    async fn delete(&self, _paths: &[NodePath]) -> Result<DeleteOutcome, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn download_url(&self, _path: &NodePath) -> Result<String, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn begin_upload(
        &self,
        _path: &NodePath,
        _size: u64,
        _md5: &str,
        _overwrite: bool,
    ) -> Result<UploadStart, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn part_target(
        &self,
        _session: &UploadSession,
        _part_num: u32,
        _size: u64,
        _md5: &str,
    ) -> Result<String, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn put_part(
        &self,
        _url: &str,
        _blob: &web_sys::Blob,
        _on_progress: impl Fn(f64) + 'static,
        _xhrs: &http::XhrSet,
    ) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }

    async fn confirm(
        &self,
        _session: &UploadSession,
        _size: u64,
        _md5: &str,
        _overwrite: bool,
    ) -> Result<Entry, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn cancel(&self, _session: &UploadSession) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }

    async fn list_page(
        &self,
        _path: &NodePath,
        _offset: u64,
        _limit: u64,
    ) -> Result<Page, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn trash(&self, _etag: Option<&str>) -> Result<Option<TrashListing>, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn restore(&self, _id: &str, _overwrite: bool) -> Result<Entry, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn purge(&self, _ids: &[String]) -> Result<String, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn task(&self, _id: &str) -> Result<TaskState, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn versions(&self, _path: &NodePath) -> Result<Vec<Version>, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn version_url(&self, _path: &NodePath, _version: i64) -> Result<String, ApiError> {
        Err(ApiError::unsupported())
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

    async fn search(
        &self,
        _query: &SearchQuery,
        _offset: u64,
        _limit: u64,
    ) -> Result<Page, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn folder_totals(&self, _path: &NodePath) -> Result<FolderTotals, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn archive(&self, _paths: &[NodePath]) -> Result<ArchiveLink, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn thumbnail(&self, _path: &NodePath) -> Result<web_sys::Blob, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn view_url(&self, _path: &NodePath) -> Result<String, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn text_head(&self, _url: &str, _limit: u64) -> Result<TextHead, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn people(&self, _query: &str) -> Result<Vec<Person>, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn collaborators(&self, _folder: &NodePath) -> Result<Vec<Collaborator>, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn invite(
        &self,
        _folder: &NodePath,
        _login: &str,
        _writer: bool,
    ) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }

    async fn set_rights(
        &self,
        _folder: &NodePath,
        _login: &str,
        _writer: bool,
    ) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }

    async fn remove_member(
        &self,
        _folder: &NodePath,
        _login: &str,
        _invited: bool,
    ) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }

    async fn unshare(&self, _folder: &NodePath) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }

    async fn handover(&self, _folder: &NodePath, _login: &str) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }

    async fn invites(&self) -> Result<Vec<Invite>, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn accept_invite(&self, _id: &str) -> Result<Entry, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn decline_invite(&self, _id: &str) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }

    async fn shared_by_me(&self) -> Result<Vec<OwnShare>, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn shared_with_me(&self) -> Result<Vec<Mount>, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn create_link(
        &self,
        _path: &NodePath,
        _settings: &LinkSettings,
    ) -> Result<PublicLink, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn links(&self) -> Result<Vec<PublicLink>, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn delete_link(&self, _path: &NodePath) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }

    async fn link_view(
        &self,
        _link: &str,
        _path: &NodePath,
        _password: Option<&str>,
    ) -> Result<LinkView, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn link_file_url(
        &self,
        _link: &str,
        _path: &NodePath,
        _password: Option<&str>,
        _view: bool,
    ) -> Result<String, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn save_link(&self, _link: &str, _password: Option<&str>) -> Result<String, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn save_state(&self, _task: &str) -> Result<SaveState, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn comments(&self, _path: &NodePath) -> Result<Vec<Comment>, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn add_comment(
        &self,
        _path: &NodePath,
        _draft: &CommentDraft,
    ) -> Result<Comment, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn edit_comment(&self, _id: &str, _draft: &CommentDraft) -> Result<Comment, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn delete_comment(&self, _id: &str) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
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
}
