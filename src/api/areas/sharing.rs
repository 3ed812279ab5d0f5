//! Folders shared with people and groups, invitations, and what is shared with me.

use async_trait::async_trait;
use satchel_wire::NodePath;

use crate::model::*;

/// Folders shared with people and groups, invitations, and what is shared with me.
///
/// Every method defaults to "not in this API" ([`ApiError::unsupported`], which the UI already
/// treats as unsupported): a dialect overrides what its server offers and sets the matching
/// flags in [`Self::declare`].
#[async_trait(?Send)]
pub trait SharingApi {
    /// Set this area's own capability flags (the area's presence is counted by `api::Client`).
    fn declare(&self, _caps: &mut Capabilities) {}

    /// The owner first, then everyone invited to or sharing `folder`.
    async fn collaborators(&self, _folder: &NodePath) -> Result<Vec<Collaborator>, ApiError> {
        Err(ApiError::unsupported())
    }

    /// Invite `login`; inviting someone already in the share changes nothing.
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

    /// Take back an invitation (`invited`) or remove an accepted collaborator.
    async fn remove_member(
        &self,
        _folder: &NodePath,
        _login: &str,
        _invited: bool,
    ) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }

    /// Stop sharing: every collaborator and invitation goes.
    async fn unshare(&self, _folder: &NodePath) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }

    /// Make an accepted collaborator the owner.
    async fn handover(&self, _folder: &NodePath, _login: &str) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }

    async fn invites(&self) -> Result<Vec<Invite>, ApiError> {
        Err(ApiError::unsupported())
    }

    /// Accept: the folder appears in my tree (answered).
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
}
