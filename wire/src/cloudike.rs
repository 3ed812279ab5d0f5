//! Cloudike (`/api/1`) wire types: response bodies and form-field names.
//!
//! Where the vendor reference is silent, the choices are recorded in `docs/dialects/cloudike.md`;
//! this module and that file must agree. Requests are form-encoded POSTs (lists repeat the field)
//! and GETs with query parameters; responses are JSON. Times are epoch milliseconds.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The base path the dialect is mounted at.
pub const BASE: &str = "/api/1";
/// The token header; `MountbitAuth` (no dash) is accepted too, as the reference spells it both ways.
pub const AUTH_HEADER: &str = "Mountbit-Auth";
pub const AUTH_HEADER_ALT: &str = "MountbitAuth";

/// Form and query field names, exactly as sent on the wire.
pub mod field {
    pub const LOGIN: &str = "login";
    pub const PASSWORD: &str = "password";
    pub const PERMANENT_AUTH: &str = "permanent_auth";
    pub const DEVICE_DESCRIPTION: &str = "device_description";
    pub const PATH: &str = "path";
    pub const LISTING: &str = "listing";
    pub const OFFSET: &str = "offset";
    pub const LIMIT: &str = "limit";
    pub const ORDER_BY: &str = "order_by";
    pub const CREATED: &str = "created";
    pub const MODIFIED: &str = "modified";
    pub const SIZE: &str = "size";
    pub const CHECKSUM: &str = "checksum";
    pub const OVERWRITE: &str = "overwrite";
    pub const CREATE_DIRS: &str = "create_dirs";
    pub const MULTIPART: &str = "multipart";
    pub const VERSION: &str = "version";
    pub const TEMP_PATH: &str = "temp_path";
    pub const TEMP_NAME: &str = "temp_name";
    pub const PART_NUM: &str = "part_num";
    pub const FROM_PATH: &str = "from_path";
    pub const TO_PATH: &str = "to_path";
    pub const NEWNAME: &str = "newname";
    pub const ONLY_EMPTY: &str = "only_empty";
    pub const WITHOUT_TRASH: &str = "without_trash";
}

/// Every error body: the HTTP status repeated, a symbolic name as the reference uses them
/// (`NotFound`, `InvalidParameters`, …) and a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub status: u16,
    pub error: String,
    pub message: String,
}

/// `POST accounts/login/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginResponse {
    pub token: String,
    pub userid: i64,
    /// Epoch ms after which the token stops working.
    pub expires: i64,
    pub created: i64,
    pub offer_url: Option<String>,
}

/// `GET accounts/get/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountInfo {
    pub userid: i64,
    pub name: String,
    /// Typed logins such as `email:alice@example.com`.
    pub logins: Vec<String>,
    pub role: String,
    pub lang: String,
    pub timezone: String,
    pub is_active: bool,
    pub is_deleted: bool,
    pub registration_date: i64,
    pub last_login: i64,
    /// Bytes in use.
    pub storage_size: u64,
    /// Extension: the user's quota in bytes, absent when unlimited.
    #[serde(default)]
    pub quota_size: Option<u64>,
}

/// `GET metadata/<path>` and every endpoint that "returns metadata".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// Extension: the last path segment, `""` for the root.
    pub name: String,
    pub path: String,
    pub folder: bool,
    pub bytes: u64,
    /// Human-readable size, as the reference shows it ("123.4KB").
    pub size: String,
    /// Lower-case hex MD5 of the content; `None` for folders.
    pub checksum: Option<String>,
    pub version: i64,
    pub created: i64,
    pub modified: i64,
    pub mime_type: Option<String>,
    pub icon: String,
    pub thumbnail: bool,
    pub deleted: bool,
    /// Folders only: changes whenever anything below changes; the listing's ETag.
    pub hash: Option<String>,
    pub owner: i64,
    pub owner_name: String,
    /// Children of a folder when `listing=true` ("content", as in search results).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Vec<Metadata>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_last_page: Option<bool>,
}

/// `POST files/create/` when the content is not deduplicated: where to send the bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadTicket {
    /// For a single-part upload, where to `PUT` the whole body; `None` for multipart.
    pub url: Option<String>,
    pub method: String,
    pub parameters: BTreeMap<String, String>,
    pub headers: BTreeMap<String, String>,
    /// The URL to `POST` once every byte is sent (`files/confirm/<path>`).
    pub confirm_url: String,
    /// The upload session; sent back as `temp_path` to `create_part` and as `temp_name` to confirm.
    pub temp_path: String,
    /// Extension: the largest part the server accepts, in bytes.
    pub max_part_size: u64,
}

/// `POST files/create_part/`: where to `PUT` one part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartTicket {
    pub url: String,
    pub method: String,
    pub parameters: BTreeMap<String, String>,
    pub headers: BTreeMap<String, String>,
}

/// The body answering a part `PUT` (the `ETag` header carries the same MD5, as S3 does).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartReceipt {
    pub part_num: u32,
    pub size: u64,
    pub checksum: String,
}

/// `GET files/get/<path>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DownloadTicket {
    pub url: String,
    pub method: String,
    pub path: String,
    pub deleted: bool,
    pub version: i64,
    pub size: u64,
    pub checksum: Option<String>,
    pub created: i64,
    pub modified: i64,
}

/// `fileops/multi/*`: per-item outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MultiResult {
    pub success: u32,
    pub failed: u32,
    pub nodes: Vec<MultiNode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MultiNode {
    pub path: String,
    pub error_code: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// The human size the reference shows next to `bytes` ("123.4KB").
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes}B")
    } else {
        format!("{value:.1}{}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_sizes() {
        assert_eq!(human_size(0), "0B");
        assert_eq!(human_size(126_362), "123.4KB");
        assert_eq!(human_size(50 * 1024 * 1024), "50.0MB");
    }

    #[test]
    fn error_body_round_trips() {
        let e = ErrorBody { status: 404, error: "NotFound".into(), message: "File or folder not found.".into() };
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(serde_json::from_str::<ErrorBody>(&json).unwrap(), e);
    }
}
