//! The OpenDrive dialect (`/api/v1`, see `docs/dialects/opendrive.md`): the only folder that knows
//! OpenDrive's endpoint names, field names and error names. This file holds the transport, the
//! id cache and the converters the areas share; each area's trait impl is in the file of that
//! name.
//!
//! OpenDrive addresses items by id, the SPA by path. Ids come from listings (every child carries
//! its id) and from `folder/idbypath.json` / `file/idbypath.json`, and are kept per session in an
//! [`IdCache`]; a call on a cached id that answers "not found" resolves the path afresh once.

use std::cell::RefCell;

use satchel_wire::name::percent_encode_segment;
use satchel_wire::{FileName, NodePath};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::api::http::{self, JSON_CONTENT_TYPE, Reply};
use crate::api::{
    AdminApi, Api, CommentsApi, FilesApi, LinksApi, Progress, RecoveryApi, SessionApi, SharingApi,
    UploadsApi,
};
use crate::config::Dialect;
use crate::logic::id_cache::{IdCache, Kind, Known};
use crate::logic::mentions::split_mentions;
use crate::logic::preview::{PreviewKind, preview_kind};
use crate::model::*;
use convert::*;

mod admin;
mod comments;
mod convert;
mod files;
mod links;
mod recovery;
mod session;
mod sharing;
mod tree;
mod uploads;

const BASE: &str = "/api/v1";
/// The root folder's id.
const ROOT: &str = "0";

thread_local! {
    static IDS: RefCell<IdCache> = RefCell::new(IdCache::default());
}

/// The sentence of a guide-style message: `404: Not Found: File not found` → `File not found`.
fn phrase(message: &str) -> String {
    let rest = match message.split_once(": ") {
        Some((code, rest)) if code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()) => rest,
        _ => return message.to_owned(),
    };
    match rest.split_once(": ") {
        // "Not Found: …": the reason phrase goes too.
        Some((reason, sentence))
            if reason.split(' ').all(|w| w.starts_with(char::is_uppercase)) =>
        {
            sentence.to_owned()
        }
        _ => rest.to_owned(),
    }
}

pub fn error_from(reply: &Reply) -> ApiError {
    let body: Value = serde_json::from_str(&reply.body).unwrap_or(Value::Null);
    let error = &body["error"];
    let (kind, message) = match error {
        Value::Object(_) => (
            error["kind"].as_str().unwrap_or(""),
            error["message"]
                .as_str()
                .filter(|m| !m.is_empty())
                .or_else(|| error["error_description"].as_str())
                .unwrap_or(""),
        ),
        _ => ("", body["error_description"].as_str().unwrap_or("")),
    };
    ApiError::new(kind_of(kind, reply.status), reply.status, phrase(message))
}

/// The contract's symbolic `kind` (and, failing that, the status) in Satchel's terms.
pub fn kind_of(kind: &str, status: u16) -> ErrorKind {
    match kind {
        "Unauthorized" => ErrorKind::Unauthorized,
        "InvalidCredentials" => ErrorKind::InvalidCredentials,
        "NotFound" | "LinkNotFound" | "NoPreview" => ErrorKind::NotFound,
        "Conflict" => ErrorKind::Conflict,
        "AlreadyExists" => ErrorKind::AlreadyExists,
        "SameDirectory" => ErrorKind::SameDirectory,
        "InvalidName" => ErrorKind::InvalidName,
        "BadDigest" => ErrorKind::BadDigest,
        "IntoOwnSubtree" => ErrorKind::IntoOwnSubtree,
        "Forbidden" => ErrorKind::Forbidden,
        "PasswordRequired" => ErrorKind::PasswordRequired,
        "WrongPassword" => ErrorKind::WrongPassword,
        "LinkExpired" => ErrorKind::LinkExpired,
        "DownloadLimitReached" => ErrorKind::DownloadLimitReached,
        "SharedRootInside" => ErrorKind::SharedRootInside,
        "FileOrFolderMoveMountPointToAnother" => ErrorKind::MountMove,
        "QuotaExceeded" => ErrorKind::QuotaExceeded,
        "UserDisabled" | "AccountDisabled" => ErrorKind::AccountDisabled,
        "UserLocked" | "AccountLocked" => ErrorKind::AccountLocked,
        "TooManyAttempts" => ErrorKind::TooManyAttempts,
        _ => match status {
            401 => ErrorKind::Unauthorized,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            429 => ErrorKind::TooManyAttempts,
            500..=599 => ErrorKind::Server,
            _ => ErrorKind::Unexpected,
        },
    }
}

fn decode<T: DeserializeOwned>(reply: Reply) -> Result<T, ApiError> {
    if !reply.ok() {
        return Err(error_from(&reply));
    }
    serde_json::from_str(&reply.body)
        .map_err(|e| ApiError::new(ErrorKind::Unexpected, reply.status, e.to_string()))
}

fn unit(reply: Reply) -> Result<(), ApiError> {
    if reply.ok() {
        Ok(())
    } else {
        Err(error_from(&reply))
    }
}

/// `endpoint?query` (no `?` when there is none).
fn with_query(endpoint: &str, query: &[(&str, String)]) -> String {
    let q = serde_urlencoded::to_string(query).unwrap_or_default();
    if q.is_empty() {
        endpoint.to_owned()
    } else {
        let sep = if endpoint.contains('?') { '&' } else { '?' };
        format!("{endpoint}{sep}{q}")
    }
}

/// Where part `part_num` (1-based) starts when the queue cuts `chunk`-byte parts.
fn chunk_offset(part_num: u32, chunk: u64) -> u64 {
    u64::from(part_num.saturating_sub(1)) * chunk
}

/// An upload session's id: the file id and the temp location (neither holds a newline).
fn upload_id(file_id: &str, temp_location: &str) -> String {
    format!("{file_id}\n{temp_location}")
}

fn split_upload_id(id: &str) -> (&str, &str) {
    id.split_once('\n').unwrap_or((id, ""))
}

/// The public id in a `Link` (`/s/<public id>`).
fn public_id(link: &str) -> String {
    link.rsplit('/').next().unwrap_or_default().to_owned()
}

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

#[derive(Clone, Debug)]
pub struct OpenDrive {
    /// Origin of the server (`""` = this page's origin).
    origin: String,
    token: Option<String>,
    /// The upload queue's part size: part `n` starts at `(n - 1) * chunk_size`.
    chunk_size: u64,
}

impl OpenDrive {
    pub fn new(origin: &str, token: Option<String>, chunk_size: u64) -> Self {
        Self {
            origin: origin.trim_end_matches('/').to_owned(),
            token,
            chunk_size: chunk_size.max(1),
        }
    }

    fn sid(&self) -> &str {
        self.token.as_deref().unwrap_or_default()
    }

    /// `<origin>/api/v1/<endpoint>`.
    fn url(&self, endpoint: &str) -> String {
        format!("{}{BASE}/{endpoint}", self.origin)
    }

    /// `endpoint/<session_id>/<segments…>`, each segment percent-encoded.
    fn in_session(&self, endpoint: &str, segments: &[&str]) -> String {
        let mut out = endpoint.to_owned();
        for segment in std::iter::once(self.sid()).chain(segments.iter().copied()) {
            out.push('/');
            percent_encode_segment(segment, &mut out);
        }
        out
    }

    /// `endpoint/<segment>`, percent-encoded.
    fn at(endpoint: &str, segment: &str) -> String {
        let mut out = format!("{endpoint}/");
        percent_encode_segment(segment, &mut out);
        out
    }

    async fn get<T: DeserializeOwned>(
        &self,
        endpoint: &str,
        query: &[(&str, String)],
    ) -> Result<T, ApiError> {
        decode(http::get(&self.url(&with_query(endpoint, query)), &[]).await?)
    }

    /// `method endpoint` with a JSON body that carries the session id.
    async fn send(&self, method: &str, endpoint: &str, mut body: Value) -> Result<Reply, ApiError> {
        if let Some(token) = &self.token {
            body["session_id"] = Value::String(token.clone());
        }
        http::send(
            method,
            &self.url(endpoint),
            &[],
            Some((JSON_CONTENT_TYPE, body.to_string())),
        )
        .await
    }

    async fn post<T: DeserializeOwned>(&self, endpoint: &str, body: Value) -> Result<T, ApiError> {
        decode(self.send("POST", endpoint, body).await?)
    }

    async fn delete_at(&self, endpoint: &str) -> Result<(), ApiError> {
        unit(http::send("DELETE", &self.url(endpoint), &[], None).await?)
    }

    fn session_query(&self) -> Vec<(&'static str, String)> {
        vec![("session_id", self.sid().to_owned())]
    }

    // The id cache.

    fn ids<R>(&self, f: impl FnOnce(&mut IdCache) -> R) -> R {
        IDS.with_borrow_mut(|c| {
            c.use_session(self.sid());
            f(c)
        })
    }

    fn remember(&self, path: &NodePath, known: Known) {
        self.ids(|c| c.put(path.clone(), known));
    }

    fn forget(&self, path: &NodePath) {
        self.ids(|c| c.forget(path));
    }

    /// The id of `path`: the root, a cached one, or asked from the server.
    async fn resolve(&self, path: &NodePath) -> Result<Known, ApiError> {
        if path.is_root() {
            return Ok(Known::folder(ROOT, Some(true)));
        }
        if let Some(known) = self.ids(|c| c.get(path)) {
            return Ok(known);
        }
        let known = self.lookup(path).await?;
        self.remember(path, known.clone());
        Ok(known)
    }

    /// `folder/idbypath.json`, then `file/idbypath.json` (each is 404 for the other kind).
    async fn lookup(&self, path: &NodePath) -> Result<Known, ApiError> {
        #[derive(Deserialize)]
        struct FolderIdReply {
            #[serde(rename = "FolderId")]
            id: Id,
        }
        #[derive(Deserialize)]
        struct FileIdReply {
            #[serde(rename = "FileId")]
            id: Id,
        }
        let body = json!({ "path": path.to_string() });
        match self
            .post::<FolderIdReply>("folder/idbypath.json", body.clone())
            .await
        {
            Ok(r) => Ok(Known::folder(r.id.0, None)),
            Err(e) if e.kind == ErrorKind::NotFound => {
                let r: FileIdReply = self.post("file/idbypath.json", body).await?;
                Ok(Known::file(r.id.0, None))
            }
            Err(e) => Err(e),
        }
    }

    /// Run `op` on the id of `path`; a cached id the server no longer knows is resolved afresh
    /// and `op` runs once more.
    async fn on_item<T>(
        &self,
        path: &NodePath,
        op: impl AsyncFn(&Known) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let cached = !path.is_root() && self.ids(|c| c.get(path)).is_some();
        let known = self.resolve(path).await?;
        match op(&known).await {
            Err(e) if e.kind == ErrorKind::NotFound && cached => {
                self.forget(path);
                let known = self.resolve(path).await?;
                op(&known).await
            }
            other => other,
        }
    }

    async fn folder_id(&self, path: &NodePath) -> Result<String, ApiError> {
        let known = self.resolve(path).await?;
        match known.kind {
            Kind::Folder => Ok(known.id),
            Kind::File => Err(ApiError::new(ErrorKind::NotFound, 0, path.to_string())),
        }
    }

    async fn folder_info(&self, id: &str) -> Result<WireFolder, ApiError> {
        self.get(&self.in_session("folder/info.json", &[id]), &[])
            .await
    }

    fn download_link(&self, file_id: &str, inline: bool) -> String {
        let mut query = self.session_query();
        if inline {
            query.push(("inline", "1".into()));
        }
        self.url(&with_query(
            &Self::at("download/file.json", file_id),
            &query,
        ))
    }

    async fn file_id(&self, path: &NodePath) -> Result<String, ApiError> {
        let known = self.resolve(path).await?;
        match known.kind {
            Kind::File => Ok(known.id),
            Kind::Folder => Err(ApiError::new(ErrorKind::NotFound, 0, path.to_string())),
        }
    }
}

impl Api for OpenDrive {
    fn dialect(&self) -> Dialect {
        Dialect::OpenDrive
    }

    fn session(&self) -> &dyn SessionApi {
        self
    }

    fn files(&self) -> &dyn FilesApi {
        self
    }

    fn uploads(&self) -> &dyn UploadsApi {
        self
    }

    fn recovery(&self) -> Option<&dyn RecoveryApi> {
        Some(self)
    }

    fn sharing(&self) -> Option<&dyn SharingApi> {
        Some(self)
    }

    fn links(&self) -> Option<&dyn LinksApi> {
        Some(self)
    }

    fn comments(&self) -> Option<&dyn CommentsApi> {
        Some(self)
    }

    fn admin(&self) -> Option<&dyn AdminApi> {
        Some(self)
    }
}

#[cfg(test)]
mod tests;
