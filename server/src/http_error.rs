//! The one place a [`CoreError`] becomes an HTTP answer: a status and the JSON body
//! `{"status", "error", "message"}` of `docs/dialects/cloudike.md`.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use satchel_wire::cloudike::ErrorBody;

use crate::core::CoreError;

pub mod opendrive;

/// A [`CoreError`] on its way out of a handler.
#[derive(Debug)]
pub struct ApiError(pub CoreError);

impl<E: Into<CoreError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl ApiError {
    pub fn status_and_name(&self) -> (StatusCode, &'static str) {
        status_and_name(&self.0)
    }

    pub fn body(&self) -> ErrorBody {
        let (status, name) = self.status_and_name();
        ErrorBody {
            status: status.as_u16(),
            error: name.to_owned(),
            message: public_message(&self.0, status, || self.0.to_string()),
        }
    }
}

/// The Cloudike status and symbolic name of a core error (the names are shared by every dialect).
pub fn status_and_name(e: &CoreError) -> (StatusCode, &'static str) {
    use CoreError::*;
    match e {
        InvalidParameters(_) => (StatusCode::BAD_REQUEST, "InvalidParameters"),
        InvalidName(_) => (StatusCode::BAD_REQUEST, "InvalidName"),
        InvalidCredentials => (StatusCode::UNAUTHORIZED, "InvalidCredentials"),
        Unauthorized(_) => (StatusCode::UNAUTHORIZED, "Unauthorized"),
        Forbidden(_) => (StatusCode::FORBIDDEN, "Forbidden"),
        AlreadyExists(_) => (StatusCode::FORBIDDEN, "AlreadyExists"),
        NotFound(_) | NoSuchEndpoint(_) | UnknownEntity(_) => (StatusCode::NOT_FOUND, "NotFound"),
        MethodNotAllowed(_) => (StatusCode::METHOD_NOT_ALLOWED, "MethodNotAllowed"),
        NoPreview(_) => (StatusCode::NOT_FOUND, "NoPreview"),
        NotADirectory(_) => (StatusCode::METHOD_NOT_ALLOWED, "NotADirectory"),
        Conflict(_) => (StatusCode::CONFLICT, "Conflict"),
        SameDirectory(_) => (StatusCode::CONFLICT, "SameDirectory"),
        IntoOwnSubtree(_) => (StatusCode::FAILED_DEPENDENCY, "IntoOwnSubtree"),
        BadDigest(_) => (StatusCode::BAD_REQUEST, "BadDigest"),
        IncompleteUpload(_) => (StatusCode::BAD_REQUEST, "IncompleteUpload"),
        TaskFailed(_) => (StatusCode::BAD_REQUEST, "TaskFailed"),
        InjectedFault(_) => (StatusCode::SERVICE_UNAVAILABLE, "InjectedFault"),
        SharedRootInside(_) => (StatusCode::FAILED_DEPENDENCY, "SharedRootInside"),
        MoveAcrossShares(_) => (
            StatusCode::PRECONDITION_FAILED,
            "FileOrFolderMoveMountPointToAnother",
        ),
        LinkNotFound => (StatusCode::NOT_FOUND, "LinkNotFound"),
        LinkExpired => (StatusCode::GONE, "LinkExpired"),
        DownloadLimitReached => (StatusCode::GONE, "DownloadLimitReached"),
        PasswordRequired => (StatusCode::UNAUTHORIZED, "PasswordRequired"),
        WrongPassword => (StatusCode::UNAUTHORIZED, "WrongPassword"),
        UserDisabled => (StatusCode::FORBIDDEN, "UserDisabled"),
        TokenOfDisabledUser => (StatusCode::UNAUTHORIZED, "UserDisabled"),
        UserLocked => (StatusCode::FORBIDDEN, "UserLocked"),
        TooManyAttempts { .. } => (StatusCode::TOO_MANY_REQUESTS, "TooManyAttempts"),
        QuotaExceeded => (StatusCode::PAYMENT_REQUIRED, "QuotaExceeded"),
        GroupForbidden => (StatusCode::FORBIDDEN, "GroupForbidden"),
        Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "InternalError"),
    }
}

/// What a client may read about a failure: for a 5xx (but the test hook's injected 503),
/// a generic sentence with the request id; the details go to the log under that id.
pub(crate) fn public_message(
    e: &CoreError,
    status: StatusCode,
    said: impl FnOnce() -> String,
) -> String {
    if status.is_server_error() && !matches!(e, CoreError::InjectedFault(_)) {
        crate::request_id::internal_message(e)
    } else {
        said()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, _) = self.status_and_name();
        let mut response = (status, Json(self.body())).into_response();
        add_retry_after(&mut response, &self.0);
        response
    }
}

/// `Retry-After` (seconds) on a [`CoreError::TooManyAttempts`] answer, in every dialect.
pub fn add_retry_after(response: &mut Response, e: &CoreError) {
    if let CoreError::TooManyAttempts { retry_after_s } = e {
        response.headers_mut().insert(
            axum::http::header::RETRY_AFTER,
            axum::http::HeaderValue::from(*retry_after_s),
        );
    }
}

/// `CatchPanicLayer`'s answer: the dialect's generic 500 (the payload goes to the log only).
pub fn on_panic(payload: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else {
        "a panic with no message".to_owned()
    };
    let e = CoreError::Internal(format!("handler panicked: {detail}"));
    if crate::request_id::current_is_opendrive() {
        opendrive::OdError::Core(e).into_response()
    } else {
        ApiError(e).into_response()
    }
}
