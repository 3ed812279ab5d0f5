//! The API layer: one [`Client`] trait in Satchel's own terms, one adapter per server dialect.
//! Components and the upload queue only see the types defined here; only `cloudike.rs` knows
//! Cloudike's names and URLs. No `view!` in this module.

pub mod cloudike;
pub mod http;

use satchel_wire::{FileName, NodePath};

use crate::config::{Config, Dialect};
use crate::i18n::{Msg, t};

/// A file or folder as the UI sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub path: NodePath,
    pub is_folder: bool,
    pub size: u64,
    pub modified_ms: i64,
    pub checksum: Option<String>,
    pub version: i64,
}

/// A signed-in session, persisted in localStorage.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Session {
    pub token: String,
    pub login: String,
    /// Epoch ms after which the token stops working.
    pub expires_ms: i64,
}

/// The signed-in account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub name: String,
    pub used_bytes: u64,
    pub quota_bytes: Option<u64>,
}

/// An open upload session on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadSession {
    pub path: NodePath,
    pub id: String,
    pub max_part_size: u64,
}

/// What `begin_upload` answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadStart {
    /// The content was already stored: the file exists now, nothing to send.
    Deduplicated(Entry),
    /// Send the parts, then confirm.
    Session(UploadSession),
}

/// What a multi-delete did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DeleteOutcome {
    pub deleted: u32,
    pub failed: Vec<(String, String)>,
}

/// Why a call failed, in terms the UI can branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Unauthorized,
    InvalidCredentials,
    NotFound,
    Conflict,
    AlreadyExists,
    InvalidName,
    BadDigest,
    SameDirectory,
    IntoOwnSubtree,
    Forbidden,
    Network,
    Aborted,
    Server,
    Unexpected,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub kind: ErrorKind,
    /// HTTP status, 0 when no answer arrived.
    pub status: u16,
    /// The server's own sentence, if any.
    pub message: String,
}

impl ApiError {
    pub fn new(kind: ErrorKind, status: u16, message: impl Into<String>) -> Self {
        Self {
            kind,
            status,
            message: message.into(),
        }
    }

    pub fn network(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Network, 0, message)
    }

    pub fn aborted() -> Self {
        Self::new(ErrorKind::Aborted, 0, "")
    }

    /// Worth sending again? Everything but a refusal that another try cannot change (signed out,
    /// cancelled, forbidden, a name problem).
    pub fn is_transient(&self) -> bool {
        !matches!(
            self.kind,
            ErrorKind::Unauthorized
                | ErrorKind::InvalidCredentials
                | ErrorKind::Aborted
                | ErrorKind::Forbidden
                | ErrorKind::InvalidName
                | ErrorKind::AlreadyExists
                | ErrorKind::Conflict
        )
    }

    /// What happened and what to do, for people.
    pub fn user_message(&self) -> String {
        let key = match self.kind {
            ErrorKind::Unauthorized => Msg::ErrUnauthorized,
            ErrorKind::InvalidCredentials => Msg::ErrInvalidCredentials,
            ErrorKind::NotFound => Msg::ErrNotFound,
            ErrorKind::Conflict => Msg::ErrConflict,
            ErrorKind::AlreadyExists => Msg::ErrAlreadyExists,
            ErrorKind::InvalidName => Msg::ErrInvalidName,
            ErrorKind::BadDigest => Msg::ErrBadDigest,
            ErrorKind::SameDirectory => Msg::ErrSameDirectory,
            ErrorKind::IntoOwnSubtree => Msg::ErrIntoOwnSubtree,
            ErrorKind::Forbidden => Msg::ErrForbidden,
            ErrorKind::Network => Msg::ErrNetwork,
            ErrorKind::Aborted => Msg::ErrAborted,
            ErrorKind::Server => Msg::ErrServer,
            ErrorKind::Unexpected => Msg::ErrUnexpected,
        };
        if self.message.is_empty() {
            t(key).to_owned()
        } else {
            format!("{} ({})", t(key), self.message)
        }
    }
}

/// Everything the UI can ask a server to do. Futures are not `Send` (browser), hence no bound.
#[allow(async_fn_in_trait)]
pub trait Client {
    async fn login(&self, login: &str, password: &str) -> Result<Session, ApiError>;
    async fn logout(&self) -> Result<(), ApiError>;
    async fn account(&self) -> Result<Account, ApiError>;
    /// The children of a folder (unsorted; the UI sorts).
    async fn list(&self, path: &NodePath) -> Result<Vec<Entry>, ApiError>;
    async fn create_folder(&self, path: &NodePath) -> Result<Entry, ApiError>;
    async fn rename(&self, path: &NodePath, new_name: &FileName) -> Result<Entry, ApiError>;
    async fn move_to(&self, path: &NodePath, folder: &NodePath) -> Result<(), ApiError>;
    async fn copy_to(&self, path: &NodePath, folder: &NodePath) -> Result<(), ApiError>;
    async fn delete(&self, paths: &[NodePath]) -> Result<DeleteOutcome, ApiError>;
    /// A URL that downloads the file without further authentication.
    async fn download_url(&self, path: &NodePath) -> Result<String, ApiError>;
    async fn begin_upload(
        &self,
        path: &NodePath,
        size: u64,
        md5: &str,
        overwrite: bool,
    ) -> Result<UploadStart, ApiError>;
    /// Where to `PUT` part `part_num` (1-based).
    async fn part_target(
        &self,
        session: &UploadSession,
        part_num: u32,
        size: u64,
        md5: &str,
    ) -> Result<String, ApiError>;
    /// `PUT` one part's bytes to a URL from [`Client::part_target`], reporting bytes sent.
    async fn put_part(
        &self,
        url: &str,
        blob: &web_sys::Blob,
        on_progress: impl Fn(f64) + 'static,
        xhrs: &http::XhrSet,
    ) -> Result<(), ApiError>;
    async fn confirm(
        &self,
        session: &UploadSession,
        size: u64,
        md5: &str,
        overwrite: bool,
    ) -> Result<Entry, ApiError>;
    async fn cancel(&self, session: &UploadSession) -> Result<(), ApiError>;
}

/// The client for the configured dialect, carrying the session token if any.
pub fn client(config: &Config, token: Option<String>) -> impl Client + Clone + use<> {
    match config.dialect {
        Dialect::Cloudike => cloudike::Cloudike::new(&config.api_base, token),
    }
}
