//! Comments, tasks and the activity feed.

use async_trait::async_trait;
use satchel_wire::NodePath;

use crate::model::*;

/// Comments, tasks and the activity feed.
///
/// Every method defaults to "not in this API" ([`ApiError::unsupported`], which the UI already
/// treats as unsupported): a dialect overrides what its server offers and sets the matching
/// flags in [`Self::declare`].
#[async_trait(?Send)]
pub trait CommentsApi {
    /// Set this area's own capability flags (the area's presence is counted by `api::Client`).
    fn declare(&self, _caps: &mut Capabilities) {}

    /// The comments on an item, oldest first.
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

    /// Only the author may edit.
    async fn edit_comment(&self, _id: &str, _draft: &CommentDraft) -> Result<Comment, ApiError> {
        Err(ApiError::unsupported())
    }

    /// The author, or the item's owner.
    async fn delete_comment(&self, _id: &str) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }

    /// Change my own status on a task assigned to me.
    async fn set_task_status(&self, _id: &str, _status: TaskStatus) -> Result<Comment, ApiError> {
        Err(ApiError::unsupported())
    }

    /// Tasks assigned to me, open ones first by due date.
    async fn my_tasks(&self) -> Result<Vec<MyTask>, ApiError> {
        Err(ApiError::unsupported())
    }

    /// `limit` activity events of `group` from `skip`, newest first.
    async fn events(
        &self,
        _group: EventGroup,
        _skip: u64,
        _limit: u64,
    ) -> Result<Vec<Event>, ApiError> {
        Err(ApiError::unsupported())
    }
}
