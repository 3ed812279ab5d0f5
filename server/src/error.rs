//! The one error type of the domain core. Every front-end maps it to its own wire form in one
//! place (`crate::http_error` for HTTP), so the core never thinks in status codes. It sits at
//! the top of the crate, below both the core and the store (which answers it too), and the
//! core re-exports it as `core::error`.

use satchel_wire::NameError;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("{0}")]
    InvalidParameters(String),
    #[error("Invalid name: {0}")]
    InvalidName(#[from] NameError),
    #[error("Wrong login or password")]
    InvalidCredentials,
    #[error("Authentication required: {0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("Already exists: {0}")]
    AlreadyExists(String),
    #[error("File or folder not found: {0}")]
    NotFound(String),
    /// A user, group, company, invitation or request that does not exist.
    #[error("Not found: {0}")]
    UnknownEntity(String),
    #[error("Method not allowed here: {0}")]
    MethodNotAllowed(String),
    /// A URL no front-end serves.
    #[error("No such endpoint: {0}")]
    NoSuchEndpoint(String),
    /// A folder, a non-image, or an image that cannot be decoded.
    #[error("No preview for {0}")]
    NoPreview(String),
    #[error("Not a folder: {0}")]
    NotADirectory(String),
    #[error("{0}")]
    Conflict(String),
    #[error("The item is already in that folder: {0}")]
    SameDirectory(String),
    #[error("A folder cannot be moved or copied into itself: {0}")]
    IntoOwnSubtree(String),
    #[error("{0}")]
    BadDigest(String),
    #[error("{0}")]
    IncompleteUpload(String),
    /// A background task ended in an error (the reference's 400 when polling it).
    #[error("The background task failed: {0}")]
    TaskFailed(String),
    /// The `--fault-fail-part` test hook.
    #[error("Injected fault for part {0} (test hook); send the part again")]
    InjectedFault(u32),
    /// `shares/add/` on a folder holding (or inside) a folder shared with the caller.
    #[error("A folder shared with you is inside, or holds, this folder: {0}")]
    SharedRootInside(String),
    /// Moving a mount, or moving anything between two different trees.
    #[error("Nothing can be moved into, out of, or as a shared folder: {0}")]
    MoveAcrossShares(String),
    #[error("Link not found")]
    LinkNotFound,
    #[error("The link has expired")]
    LinkExpired,
    #[error("The link's download limit has been reached")]
    DownloadLimitReached,
    #[error("The link is protected by a password")]
    PasswordRequired,
    #[error("Wrong password for the link")]
    WrongPassword,
    /// A disabled or deleted account signing in (403 at login).
    #[error("This account has been disabled")]
    UserDisabled,
    /// A token of a disabled or deleted account (401: the session is over).
    #[error("This account has been disabled")]
    TokenOfDisabledUser,
    /// Too many wrong passwords in a row; an admin must unlock the account.
    #[error("This account is locked after too many failed logins; ask an administrator")]
    UserLocked,
    /// Too many password checks from one source (for one login or link, or in all): answered
    /// the same whether or not the account exists or the password is right.
    #[error("Too many attempts. Try again in {retry_after_s} s")]
    TooManyAttempts { retry_after_s: u64 },
    /// The upload, copy or save would pass the user's or the company's hard quota.
    #[error("User quota exceeded.")]
    QuotaExceeded,
    /// A group of another company.
    #[error("The group belongs to another company")]
    GroupForbidden,
    #[error("Internal error: {0}")]
    Internal(String),
}

impl From<rusqlite::Error> for CoreError {
    fn from(e: rusqlite::Error) -> Self {
        CoreError::Internal(format!("database: {e}"))
    }
}

impl From<std::io::Error> for CoreError {
    fn from(e: std::io::Error) -> Self {
        CoreError::Internal(format!("storage: {e}"))
    }
}

impl From<tokio::task::JoinError> for CoreError {
    fn from(e: tokio::task::JoinError) -> Self {
        CoreError::Internal(format!("worker: {e}"))
    }
}

pub type CoreResult<T> = Result<T, CoreError>;
