//! The one place a failure becomes an OpenDrive answer (`docs/dialects/opendrive.md`, "Errors"):
//! the guide's status codes and `{"error": {"code", "message": "CODE: Phrase: message", "kind"}}`,
//! OAuth's `invalid_token` body for a bad access token, and the grant's flat OAuth errors.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use satchel_wire::opendrive::{ErrorBody, ErrorDetail, OAuthError};

use super::{ApiError, status_and_name};
use crate::core::CoreError;

/// A failure on its way out of an OpenDrive handler.
#[derive(Debug)]
pub enum OdError {
    Core(CoreError),
    /// A core error told in the guide's own sentence (`User not found`, `Folder not found`).
    Said(CoreError, String),
    /// `session_id=OAUTH` with a missing, unknown or expired `access_token`.
    InvalidToken,
    /// `oauth2/grant.json`: `{"error", "error_description"}` with its own status.
    Grant {
        status: StatusCode,
        error: &'static str,
        description: String,
    },
}

impl<E: Into<CoreError>> From<E> for OdError {
    fn from(e: E) -> Self {
        OdError::Core(e.into())
    }
}

impl From<ApiError> for OdError {
    fn from(e: ApiError) -> Self {
        OdError::Core(e.0)
    }
}

/// The guide's status for a core error. Name clashes are always 409; a folder moved into itself
/// is the guide's 404; a password a public item needs is 403 (401 means "log in again").
pub fn status_of(e: &CoreError) -> StatusCode {
    use CoreError::*;
    match e {
        InvalidParameters(_) | InvalidName(_) | BadDigest(_) | IncompleteUpload(_)
        | NotADirectory(_) | TaskFailed(_) => StatusCode::BAD_REQUEST,
        InvalidCredentials | Unauthorized(_) => StatusCode::UNAUTHORIZED,
        Forbidden(_) | SharedRootInside(_) | MoveAcrossShares(_) | PasswordRequired
        | WrongPassword | LinkExpired | DownloadLimitReached | UserDisabled | UserLocked
        | QuotaExceeded | GroupForbidden => StatusCode::FORBIDDEN,
        TokenOfDisabledUser => StatusCode::UNAUTHORIZED,
        NotFound(_) | NoSuchEndpoint(_) | UnknownEntity(_) | LinkNotFound | NoPreview(_)
        | IntoOwnSubtree(_) => StatusCode::NOT_FOUND,
        MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
        AlreadyExists(_) | Conflict(_) | SameDirectory(_) => StatusCode::CONFLICT,
        InjectedFault(_) => StatusCode::SERVICE_UNAVAILABLE,
        TooManyAttempts { .. } => StatusCode::TOO_MANY_REQUESTS,
        Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The sentence after `CODE: Phrase: `; the session errors use the guide's own words.
fn sentence(e: &CoreError) -> String {
    match e {
        CoreError::InvalidCredentials => "Invalid username or password.".into(),
        CoreError::Unauthorized(_) => "Invalid sessions please relogin.".into(),
        CoreError::IntoOwnSubtree(_) => "Folder cannot be copied/moved to itself.".into(),
        other => other.to_string(),
    }
}

impl OdError {
    pub fn body(&self) -> (StatusCode, ErrorBody) {
        match self {
            OdError::Core(e) | OdError::Said(e, _) => {
                let status = status_of(e);
                let phrase = status.canonical_reason().unwrap_or("Error");
                let kind = status_and_name(e).1;
                let said = super::public_message(e, status, || match self {
                    OdError::Said(_, sentence) => sentence.clone(),
                    _ => sentence(e),
                });
                (
                    status,
                    ErrorBody {
                        error: ErrorDetail {
                            code: status.as_u16(),
                            message: format!("{}: {phrase}: {}", status.as_u16(), said),
                            kind: Some(kind.to_owned()),
                            error: None,
                            error_description: None,
                        },
                    },
                )
            }
            OdError::InvalidToken => (
                StatusCode::UNAUTHORIZED,
                ErrorBody {
                    error: ErrorDetail {
                        code: 401,
                        message: String::new(),
                        kind: Some("Unauthorized".into()),
                        error: Some("invalid_token".into()),
                        error_description: Some("The access token provided has expired".into()),
                    },
                },
            ),
            OdError::Grant { status, .. } => (*status, ErrorBody::default()),
        }
    }
}

impl IntoResponse for OdError {
    fn into_response(self) -> Response {
        if let OdError::Grant {
            status,
            error,
            description,
        } = self
        {
            let body = OAuthError {
                error: error.to_owned(),
                error_description: description,
            };
            return (status, Json(body)).into_response();
        }
        let (status, body) = self.body();
        let mut response = (status, Json(body)).into_response();
        if let OdError::Core(e) | OdError::Said(e, _) = &self {
            super::add_retry_after(&mut response, e);
        }
        response
    }
}
