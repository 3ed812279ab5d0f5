//! Version history and restore (`docs/dialects/cloudike.md`, "Versions").

use axum::Json;
use axum::extract::State;
use axum::http::Uri;
use axum::routing::{MethodRouter, get, post};
use satchel_wire::cloudike::{self as wire, Metadata, VersionInfo, field, human_size};

use super::{ApiResult, Authed, Params, metadata_of, url_path};
use crate::AppState;

pub(super) fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("files/versions", get(versions)),
        ("files/versions/{*path}", get(versions)),
        ("files/restore", post(restore)),
    ]
}

async fn versions(
    State(state): State<AppState>,
    Authed(user): Authed,
    uri: Uri,
    p: Params,
) -> ApiResult<Json<Vec<VersionInfo>>> {
    let path = url_path(uri.path(), &format!("{}/files/versions", wire::BASE))?;
    let list = state
        .core
        .versions(
            &user,
            path,
            p.number(field::SKIP)?.unwrap_or(0),
            p.number(field::LIMIT)?.unwrap_or(0),
        )
        .await?;
    Ok(Json(
        list.into_iter()
            .map(|v| VersionInfo {
                version: v.version,
                bytes: v.blob.size,
                size: human_size(v.blob.size),
                checksum: v.blob.md5,
                timestamp: v.created,
                author: v.author,
                author_name: v.author_name,
                restored_from: v.restored_from,
            })
            .collect(),
    ))
}

async fn restore(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<Metadata>> {
    let entry = state
        .core
        .restore_version(
            &user,
            p.path(field::PATH)?,
            p.required_number(field::VERSION)?,
        )
        .await?;
    Ok(Json(metadata_of(&entry, &user)))
}
