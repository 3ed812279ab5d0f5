//! Test hooks (`Config::fault_panic_route`, off unless a test turns it on): routes that panic
//! or fail internally on purpose, so the tests can prove a panic answers a generic 500 and the
//! server keeps serving, and that a 5xx body carries no internal text.

use axum::Router;
use axum::routing::get;

use crate::AppState;
use crate::core::CoreError;
use crate::http_error::ApiError;
use crate::http_error::opendrive::OdError;

/// What the internal-error routes fail with: text that must reach the log only.
pub const SECRET_DETAIL: &str = "SQLITE_CORRUPT: database disk image is malformed at /srv/secret";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/1/_test/panic", get(panic_now))
        .route("/api/v1/_test/panic", get(panic_now))
        .route("/api/1/_test/internal", get(cloudike_internal))
        .route("/api/v1/_test/internal", get(opendrive_internal))
}

async fn panic_now() -> &'static str {
    panic!("test hook: {SECRET_DETAIL}")
}

async fn cloudike_internal() -> ApiError {
    ApiError(CoreError::Internal(SECRET_DETAIL.to_owned()))
}

async fn opendrive_internal() -> OdError {
    OdError::Core(CoreError::Internal(SECRET_DETAIL.to_owned()))
}
