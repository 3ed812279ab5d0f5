//! Taking a file's bytes. A dialect declares its [`UploadProtocol`]; the queue (`upload/`) plans
//! the transfer from it ([`UploadProtocol::plan`]) and calls only the methods that protocol uses:
//!
//! - [`UploadProtocol::ParallelParts`] and [`UploadProtocol::OrderedChunks`]: [`UploadsApi::begin`],
//!   [`UploadsApi::send_part`] per part, [`UploadsApi::confirm`] (and [`UploadsApi::cancel`]);
//! - [`UploadProtocol::SingleWithMd5`] and [`UploadProtocol::SingleMultipart`]:
//!   [`UploadsApi::send_whole`].

use async_trait::async_trait;
use satchel_wire::NodePath;

use crate::api::http::XhrSet;
use crate::model::*;

/// Called with the bytes of the current request sent so far.
pub type Progress = Box<dyn Fn(f64)>;

/// How a dialect takes bytes. Every method defaults to "not in this API"
/// ([`ApiError::unsupported`]); a dialect overrides those of its protocol.
#[async_trait(?Send)]
pub trait UploadsApi {
    fn protocol(&self) -> UploadProtocol;

    /// Open an upload of `size` bytes whose MD5 is `md5` (session protocols); the server may
    /// already hold the bytes and answer the new file at once.
    async fn begin(
        &self,
        _path: &NodePath,
        _size: u64,
        _md5: &str,
        _overwrite: bool,
    ) -> Result<UploadStart, ApiError> {
        Err(ApiError::unsupported())
    }

    /// Send one part (`md5` is the part's), registering its requests in `xhrs` so that
    /// cancelling can abort them.
    async fn send_part(
        &self,
        _session: &UploadSession,
        _part: Part,
        _md5: &str,
        _blob: &web_sys::Blob,
        _on_progress: Progress,
        _xhrs: &XhrSet,
    ) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }

    /// Every part is there: make the file.
    async fn confirm(
        &self,
        _session: &UploadSession,
        _size: u64,
        _md5: &str,
        _overwrite: bool,
    ) -> Result<Entry, ApiError> {
        Err(ApiError::unsupported())
    }

    /// Drop an open session (best effort: the queue ignores the answer).
    async fn cancel(&self, _session: &UploadSession) -> Result<(), ApiError> {
        Err(ApiError::unsupported())
    }

    /// Send the whole file in one request (single-request protocols); `md5` is the whole
    /// file's when the protocol hashes first.
    async fn send_whole(
        &self,
        _path: &NodePath,
        _blob: &web_sys::Blob,
        _md5: Option<&str>,
        _overwrite: bool,
        _on_progress: Progress,
        _xhrs: &XhrSet,
    ) -> Result<Entry, ApiError> {
        Err(ApiError::unsupported())
    }
}
