//! Administration: users, groups, companies, quotas, storage, and joining by invitation.

use async_trait::async_trait;

use crate::model::*;

/// Administration: users, groups, companies, quotas, storage, and joining by invitation.
///
/// Every method defaults to "not in this API" ([`ApiError::unsupported`], which the UI already
/// treats as unsupported): a dialect overrides what its server offers and sets the matching
/// flags in [`Self::declare`].
#[async_trait(?Send)]
pub trait AdminApi {
    /// Set this area's own capability flags (the area's presence is counted by `api::Client`).
    fn declare(&self, _caps: &mut Capabilities) {}

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
