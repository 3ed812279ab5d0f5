//! Signing in and out, the signed-in account, and the company directory.

use async_trait::async_trait;

use crate::model::*;

/// Signing in and out, the signed-in account, and the company directory.
///
/// Every method defaults to "not in this API" ([`ApiError::unsupported`], which the UI already
/// treats as unsupported): a dialect overrides what its server offers and sets the matching
/// flags in [`Self::declare`].
#[async_trait(?Send)]
pub trait SessionApi {
    /// Set this area's own capability flags (the area's presence is counted by `api::Client`).
    fn declare(&self, _caps: &mut Capabilities) {}

    async fn login(&self, _login: &str, _password: &str) -> Result<Session, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn logout(&self) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }

    async fn account(&self) -> Result<Account, ApiError> {
        Err(ApiError::unsupported())
    }

    /// People in my directory whose login or name contains `query`.
    async fn people(&self, _query: &str) -> Result<Vec<Person>, ApiError> {
        Err(ApiError::unsupported())
    }
}
