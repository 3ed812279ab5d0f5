//! The trash, the background jobs that empty it, and file versions.

use async_trait::async_trait;
use satchel_wire::NodePath;

use crate::model::*;

/// The trash, the background jobs that empty it, and file versions.
///
/// Every method defaults to "not in this API" ([`ApiError::unsupported`], which the UI already
/// treats as unsupported): a dialect overrides what its server offers and sets the matching
/// flags in [`Self::declare`].
#[async_trait(?Send)]
pub trait RecoveryApi {
    /// Set this area's own capability flags (the area's presence is counted by `api::Client`).
    fn declare(&self, _caps: &mut Capabilities) {}

    /// The trash; `Ok(None)` when it is unchanged since `etag`.
    async fn trash(&self, _etag: Option<&str>) -> Result<Option<TrashListing>, ApiError> {
        Err(ApiError::unsupported())
    }

    /// Put an item back where it was; a taken place is `Conflict` unless `overwrite`.
    async fn restore(&self, _id: &str, _overwrite: bool) -> Result<Entry, ApiError> {
        Err(ApiError::unsupported())
    }

    /// Delete trash items for good (all of them when `ids` is empty); answers a task id.
    async fn purge(&self, _ids: &[String]) -> Result<String, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn task(&self, _id: &str) -> Result<TaskState, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn versions(&self, _path: &NodePath) -> Result<Vec<Version>, ApiError> {
        Err(ApiError::unsupported())
    }

    /// A URL that downloads one version without further authentication.
    async fn version_url(&self, _path: &NodePath, _version: i64) -> Result<String, ApiError> {
        Err(ApiError::unsupported())
    }

    /// Make `version`'s content the newest version.
    async fn restore_version(&self, _path: &NodePath, _version: i64) -> Result<Entry, ApiError> {
        Err(ApiError::unsupported())
    }
}
