//! The Cloudike dialect (`/api/1`, see `docs/dialects/cloudike.md`): the only module that knows
//! Cloudike's endpoint names, field names and error names. This file holds the transport
//! (URLs, auth, error mapping) and the converters the areas share; each area's trait impl is in
//! the file of that name.

use satchel_wire::cloudike::{
    self as wire, AUTH_HEADER, AccountInfo, DownloadTicket, ErrorBody, FolderInfo, LoginResponse,
    Metadata, MultiResult, PartTicket, SearchResult, TaskStarted, TaskStatus, TrashItem,
    UploadTicket, VersionInfo, admin_error, field, preview_size,
};
use satchel_wire::loose::{Count, Id};
use satchel_wire::{FileName, NodePath};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::api::http::{self, Reply};
use crate::api::{
    AdminApi, Api, CommentsApi, FilesApi, LinksApi, Progress, RecoveryApi, SessionApi, SharingApi,
    UploadsApi,
};
use crate::config::Dialect;
use crate::model::TaskStatus as WorkStatus;
use crate::model::*;

mod admin;
mod comments;
mod files;
mod links;
mod recovery;
mod session;
mod sharing;
mod uploads;

// Sharing, links and the directory (docs/dialects/cloudike.md, "Company directory", "Sharing",
// "Public links"). Only the fields the SPA reads; unknown ones are ignored.

// Comments, tasks and events (docs/dialects/cloudike.md, "Comments and tasks (workflow)",
// "Activity (events)").

/// Split `taggedText` (`Thanks @[7:bob]!`) into text and mentions; without tags, the plain text.
pub fn text_parts(text: &str, tagged: &str) -> Vec<TextPart> {
    if tagged.is_empty() {
        return vec![TextPart::Text(text.to_owned())];
    }
    let mut out = Vec::new();
    let mut rest = tagged;
    let mut plain = String::new();
    while let Some(at) = rest.find("@[") {
        let after = &rest[at + 2..];
        let tag = after.find(']').map(|end| &after[..end]).and_then(|inner| {
            let (id, login) = inner.split_once(':')?;
            let ok = !login.is_empty()
                && id.chars().all(|c| c.is_ascii_alphanumeric())
                && login
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'));
            ok.then_some((inner.len(), login))
        });
        match tag {
            Some((len, login)) => {
                plain.push_str(&rest[..at]);
                if !plain.is_empty() {
                    out.push(TextPart::Text(std::mem::take(&mut plain)));
                }
                out.push(TextPart::Mention(login.to_owned()));
                rest = &after[len + 1..];
            }
            None => {
                plain.push_str(&rest[..at + 2]);
                rest = after;
            }
        }
    }
    plain.push_str(rest);
    if !plain.is_empty() {
        out.push(TextPart::Text(plain));
    }
    out
}

fn parse_path(raw: &str) -> Result<NodePath, ApiError> {
    NodePath::parse(raw)
        .map_err(|e| ApiError::new(ErrorKind::Unexpected, 200, format!("{raw}: {e}")))
}

/// A listed item as an [`Entry`], with the sharing extensions (`shared`, `writable`, `comments`)
/// that listings, link views and accepted invitations carry.
fn item_entry(m: &Metadata) -> Result<Entry, ApiError> {
    let path = parse_path(if m.path.is_empty() { "/" } else { &m.path })?;
    Ok(entry_at(m, path))
}

/// Every field of `m` as an [`Entry`] at `path` (the name is the path's last segment).
fn entry_at(m: &Metadata, path: NodePath) -> Entry {
    let name = match path.name() {
        Some(n) => n.as_str().to_owned(),
        None => m.name.clone(),
    };
    Entry {
        name,
        path,
        is_folder: m.folder,
        size: m.bytes,
        modified_ms: m.modified,
        checksum: m.checksum.clone(),
        version: m.version,
        created_ms: m.created,
        mime: m.mime_type.clone(),
        favorite: m.favorite,
        thumbnail: m.thumbnail,
        shared: m.shared,
        writable: m.writable,
        comments: m.comments,
        owner_id: (m.owner != 0).then(|| m.owner.to_string()),
    }
}

fn unit(reply: Reply) -> Result<(), ApiError> {
    if reply.ok() {
        Ok(())
    } else {
        Err(error_from(&reply))
    }
}

#[derive(Clone, Debug)]
pub struct Cloudike {
    /// Origin of the server (`""` = this page's origin).
    origin: String,
    token: Option<String>,
}

type Form = Vec<(&'static str, String)>;

impl Cloudike {
    pub fn new(origin: &str, token: Option<String>) -> Self {
        Self {
            origin: origin.trim_end_matches('/').to_owned(),
            token,
        }
    }

    /// `<origin>/api/1/<endpoint>`.
    fn url(&self, endpoint: &str) -> String {
        format!("{}{}/{}", self.origin, wire::BASE, endpoint)
    }

    /// A URL the server handed out (`/api/1/upload/...`), made absolute against the origin.
    fn server_url(&self, url: &str) -> String {
        if url.starts_with('/') {
            format!("{}{url}", self.origin)
        } else {
            url.to_owned()
        }
    }

    /// The origin recipients' pages live at: the server's, or this page's when that is `""`.
    fn page_origin(&self) -> String {
        http::page_origin(&self.origin)
    }

    fn auth(&self) -> Vec<(&'static str, &str)> {
        self.token
            .as_deref()
            .map(|t| vec![(AUTH_HEADER, t)])
            .unwrap_or_default()
    }

    async fn get<T: DeserializeOwned>(&self, endpoint: &str) -> Result<T, ApiError> {
        let reply = http::get(&self.url(endpoint), &self.auth()).await?;
        decode(reply)
    }

    async fn post<T: DeserializeOwned>(&self, endpoint: &str, form: &Form) -> Result<T, ApiError> {
        let reply = self.post_raw(endpoint, form).await?;
        decode(reply)
    }

    async fn post_raw(&self, endpoint: &str, form: &Form) -> Result<Reply, ApiError> {
        let body = serde_urlencoded::to_string(form)
            .map_err(|e| ApiError::new(ErrorKind::Unexpected, 0, e.to_string()))?;
        http::post_form(&self.url(endpoint), &self.auth(), body).await
    }
}

/// Map a reply to `T`, or its error body to an [`ApiError`].
fn decode<T: DeserializeOwned>(reply: Reply) -> Result<T, ApiError> {
    if !reply.ok() {
        return Err(error_from(&reply));
    }
    serde_json::from_str(&reply.body)
        .map_err(|e| ApiError::new(ErrorKind::Unexpected, reply.status, e.to_string()))
}

pub fn error_from(reply: &Reply) -> ApiError {
    match serde_json::from_str::<ErrorBody>(&reply.body) {
        Ok(body) => ApiError::new(
            kind_of(&body.error, reply.status),
            reply.status,
            body.message,
        ),
        Err(_) => ApiError::new(kind_of("", reply.status), reply.status, ""),
    }
}

/// Cloudike's symbolic error names (and, failing those, the status) in Satchel's terms.
pub fn kind_of(error: &str, status: u16) -> ErrorKind {
    match error {
        "Unauthorized" => ErrorKind::Unauthorized,
        "InvalidCredentials" => ErrorKind::InvalidCredentials,
        "NotFound" => ErrorKind::NotFound,
        "Conflict" => ErrorKind::Conflict,
        "AlreadyExists" => ErrorKind::AlreadyExists,
        "InvalidName" => ErrorKind::InvalidName,
        "BadDigest" => ErrorKind::BadDigest,
        "SameDirectory" => ErrorKind::SameDirectory,
        "IntoOwnSubtree" => ErrorKind::IntoOwnSubtree,
        "Forbidden" => ErrorKind::Forbidden,
        "PasswordRequired" => ErrorKind::PasswordRequired,
        "WrongPassword" => ErrorKind::WrongPassword,
        "LinkExpired" => ErrorKind::LinkExpired,
        "DownloadLimitReached" => ErrorKind::DownloadLimitReached,
        "LinkNotFound" => ErrorKind::NotFound,
        "SharedRootInside" => ErrorKind::SharedRootInside,
        "FileOrFolderMoveMountPointToAnother" => ErrorKind::MountMove,
        admin_error::QUOTA_EXCEEDED => ErrorKind::QuotaExceeded,
        admin_error::USER_DISABLED => ErrorKind::AccountDisabled,
        admin_error::USER_LOCKED => ErrorKind::AccountLocked,
        "TooManyAttempts" => ErrorKind::TooManyAttempts,
        _ => match status {
            401 => ErrorKind::Unauthorized,
            402 => ErrorKind::QuotaExceeded,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            412 => ErrorKind::MountMove,
            424 => ErrorKind::IntoOwnSubtree,
            429 => ErrorKind::TooManyAttempts,
            500..=599 => ErrorKind::Server,
            _ => ErrorKind::Unexpected,
        },
    }
}

/// A Cloudike item as an [`Entry`], from replies that carry no sharing extensions (a plain
/// metadata answer): the caller's own, writable, uncommented.
pub fn entry_from(m: &Metadata) -> Result<Entry, ApiError> {
    Ok(Entry {
        shared: false,
        writable: true,
        comments: 0,
        ..entry_at(m, parse_path(&m.path)?)
    })
}

/// `endpoint?query` (no `?` when the form is empty).
fn with_query(endpoint: &str, form: &Form) -> String {
    let query = serde_urlencoded::to_string(form).unwrap_or_default();
    if query.is_empty() {
        endpoint.to_owned()
    } else {
        format!("{endpoint}?{query}")
    }
}

/// Milliseconds since the epoch, from the browser's clock.
fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

fn endpoint_with_path(prefix: &str, path: &NodePath) -> String {
    // `to_url_path` starts with "/"; the endpoint already ends with one.
    format!("{prefix}{}", path.to_url_path().trim_start_matches('/'))
}

impl Api for Cloudike {
    fn dialect(&self) -> Dialect {
        Dialect::Cloudike
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
