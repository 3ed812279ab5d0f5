//! Files and folders: listing, changing, downloading, previews, search and favorites.

use async_trait::async_trait;
use satchel_wire::{FileName, NodePath};

use crate::model::*;

/// Files and folders: listing, changing, downloading, previews, search and favorites.
///
/// Every method defaults to "not in this API" ([`ApiError::unsupported`], which the UI already
/// treats as unsupported): a dialect overrides what its server offers and sets the matching
/// flags in [`Self::declare`].
#[async_trait(?Send)]
pub trait FilesApi {
    /// Set this area's own capability flags (the area's presence is counted by `api::Client`).
    fn declare(&self, _caps: &mut Capabilities) {}

    /// The children of a folder (unsorted; the UI sorts).
    async fn list(&self, _path: &NodePath) -> Result<Vec<Entry>, ApiError> {
        Err(ApiError::unsupported())
    }

    /// `limit` children of a folder from `offset` (in the server's name order).
    async fn list_page(
        &self,
        _path: &NodePath,
        _offset: u64,
        _limit: u64,
    ) -> Result<Page, ApiError> {
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

    /// A URL that downloads the file without further authentication.
    async fn download_url(&self, _path: &NodePath) -> Result<String, ApiError> {
        Err(ApiError::unsupported())
    }

    /// A URL that shows the file inline in the browser (images, PDF, media; supports Range).
    async fn view_url(&self, _path: &NodePath) -> Result<String, ApiError> {
        Err(ApiError::unsupported())
    }

    /// The first `limit` bytes of a file as text.
    async fn text_head(&self, _url: &str, _limit: u64) -> Result<TextHead, ApiError> {
        Err(ApiError::unsupported())
    }

    /// A small preview image, as a Blob for an object URL (the request needs the auth header).
    async fn thumbnail(&self, _path: &NodePath) -> Result<web_sys::Blob, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn archive(&self, _paths: &[NodePath]) -> Result<ArchiveLink, ApiError> {
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

    async fn favorites(&self) -> Result<Vec<Entry>, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn set_favorite(&self, _path: &NodePath, _favorite: bool) -> Result<Entry, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn folder_totals(&self, _path: &NodePath) -> Result<FolderTotals, ApiError> {
        Err(ApiError::unsupported())
    }
}
