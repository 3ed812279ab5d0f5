//! Zip downloads streamed on the fly (`docs/dialects/cloudike.md`, "Archives").

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::header::{self, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};
use satchel_wire::NodePath;
use satchel_wire::cloudike::{self as wire, ArchiveLink, field};
use satchel_wire::name::percent_encode_segment;

use super::{ApiResult, Authed, Params};
use crate::AppState;
use crate::core::archive::ArchivePlan;

pub(super) fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        (
            "files/download_as_archive_stream",
            get(stream_now).post(make_link),
        ),
        // The link itself: the 128-bit ticket is the credential, like a download ticket.
        ("archive/{ticket}/{name}", get(stream_link)),
    ]
}

fn paths(p: &Params) -> ApiResult<Vec<NodePath>> {
    Ok(p.all(field::PATH)
        .into_iter()
        .map(NodePath::parse)
        .collect::<Result<_, _>>()?)
}

pub(crate) fn zip_response(state: &AppState, plan: ArchivePlan) -> Response {
    let file_name = plan.file_name.clone();
    // Known in advance (entries are stored, sizes known), so a browser shows real progress.
    let length = HeaderValue::from(plan.zip_len());
    let body = Body::from_stream(state.core.stream_archive(plan));
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::CONTENT_LENGTH, length);
    // User bytes inside: the content policy's headers, always as a download.
    crate::user_content::stamp(headers, "application/zip", Some(&file_name), false);
    response
}

async fn stream_now(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Response> {
    let plan = state.core.archive_plan(&user, paths(&p)?).await?;
    Ok(zip_response(&state, plan))
}

async fn make_link(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<ArchiveLink>> {
    let grant = state.core.grant_archive(&user, paths(&p)?).await?;
    let mut name = String::new();
    percent_encode_segment(&grant.file_name, &mut name);
    Ok(Json(ArchiveLink {
        url: format!("{}/archive/{}/{name}", wire::BASE, grant.ticket),
        file_name: grant.file_name,
        expired: grant.expires,
    }))
}

async fn stream_link(
    State(state): State<AppState>,
    Path((ticket, _name)): Path<(String, String)>,
) -> ApiResult<Response> {
    let plan = state.core.redeem_archive(&ticket).await?;
    Ok(zip_response(&state, plan))
}
