//! Image thumbnails (`docs/dialects/cloudike.md`, "Previews").

use axum::extract::State;
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};
use satchel_wire::cloudike::{self as wire, field, preview_size};

use super::{ApiResult, Authed, Params, matches_etag, url_path};
use crate::AppState;
use crate::core::CoreError;
use crate::core::previews::PreviewSize;

pub(super) fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("files/get_preview", get(preview)),
        ("files/get_preview/{*path}", get(preview)),
    ]
}

async fn preview(
    State(state): State<AppState>,
    Authed(user): Authed,
    uri: Uri,
    headers: HeaderMap,
    p: Params,
) -> ApiResult<Response> {
    let path = url_path(uri.path(), &format!("{}/files/get_preview", wire::BASE))?;
    let size = match p.get(field::SIZE).unwrap_or(preview_size::SMALL) {
        preview_size::SMALL | "" => PreviewSize::Small,
        preview_size::MEDIUM => PreviewSize::Medium,
        other => {
            return Err(CoreError::InvalidParameters(format!(
                "parameter size: expected small or medium, not {other:?}"
            ))
            .into());
        }
    };
    let shot = state
        .core
        .preview(&user, path, p.number(field::VERSION)?, size)
        .await?;
    let etag = HeaderValue::from_str(&format!("\"{}\"", shot.etag)).expect("hex is a valid header");
    let cache = HeaderValue::from_static("private, max-age=86400");
    if matches_etag(&headers, &shot.etag) {
        return Ok((
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, etag), (header::CACHE_CONTROL, cache)],
        )
            .into_response());
    }
    let mut response = (
        [(header::ETAG, etag), (header::CACHE_CONTROL, cache)],
        shot.bytes,
    )
        .into_response();
    // A thumbnail is made from user bytes: the content policy's headers, shown inline.
    crate::user_content::stamp(response.headers_mut(), shot.content_type, None, true);
    Ok(response)
}
