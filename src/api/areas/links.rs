//! Public links: the owner's side and the recipient's (no sign-in).

use async_trait::async_trait;
use satchel_wire::NodePath;

use crate::model::*;

/// Public links: the owner's side and the recipient's (no sign-in).
///
/// Every method defaults to "not in this API" ([`ApiError::unsupported`], which the UI already
/// treats as unsupported): a dialect overrides what its server offers and sets the matching
/// flags in [`Self::declare`].
#[async_trait(?Send)]
pub trait LinksApi {
    /// Set this area's own capability flags (the area's presence is counted by `api::Client`).
    fn declare(&self, _caps: &mut Capabilities) {}

    /// Create the link of `path`, or change its settings (the address stays).
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

    /// The link of `path`, if it has one.
    async fn link_of(&self, path: &NodePath) -> Result<Option<PublicLink>, ApiError> {
        Ok(self.links().await?.into_iter().find(|l| &l.path == path))
    }

    async fn delete_link(&self, _path: &NodePath) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }

    /// The recipient's view of `path` (relative to the shared item), without signing in.
    async fn link_view(
        &self,
        _link: &str,
        _path: &NodePath,
        _password: Option<&str>,
    ) -> Result<LinkView, ApiError> {
        Err(ApiError::unsupported())
    }

    /// A URL that downloads one shared file (counts as a download); `view` shows it inline.
    async fn link_file_url(
        &self,
        _link: &str,
        _path: &NodePath,
        _password: Option<&str>,
        _view: bool,
    ) -> Result<String, ApiError> {
        Err(ApiError::unsupported())
    }

    /// A URL a browser can navigate to for a zip of `paths` (none = the whole shared folder).
    fn link_archive_url(
        &self,
        _link: &str,
        _paths: &[NodePath],
        _password: Option<&str>,
    ) -> String {
        String::new()
    }

    /// Copy the shared item into my files (signed in); answers a task id for [`Self::save_state`].
    async fn save_link(&self, _link: &str, _password: Option<&str>) -> Result<String, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn save_state(&self, _task: &str) -> Result<SaveState, ApiError> {
        Err(ApiError::unsupported())
    }
}
