//! Trash, undelete, purge and background tasks (`docs/dialects/cloudike.md`, "Trash").

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};
use satchel_wire::NodePath;
use satchel_wire::cloudike::{
    Metadata, MultiResult, PurgeStatus, TaskStarted, TaskStatus, TrashItem, TrashListing, field,
    human_size,
};

use super::{ApiResult, Authed, Params, matches_etag, metadata_of, run_multi};
use crate::AppState;
use crate::core::tasks::{TaskOutcome, TaskState};
use crate::core::trash::{self, TrashSelection};
use crate::core::{CoreError, User};

pub(super) fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("trash", get(list)),
        ("trash/restore/{name}", post(restore)),
        ("trash/clear", post(clear)),
        ("fileops/undelete", post(undelete)),
        ("fileops/multi/undelete", post(multi_undelete)),
        ("fileops/purge", post(purge)),
        ("fileops/purgestatus", post(purge_status)),
        ("task/{taskid}", get(task)),
    ]
}

fn item_of(item: &trash::TrashItem, user: &User) -> TrashItem {
    let meta = metadata_of(&item.entry, user);
    let node = &item.entry.node;
    TrashItem {
        name: item.id.clone(),
        restore_path: item.entry.path.to_string(),
        folder: node.folder,
        bytes: item.bytes,
        size: human_size(item.bytes),
        checksum: meta.checksum,
        version: node.version,
        created: node.created,
        modified: node.modified,
        deleted: item.deleted_at,
        icon: meta.icon,
        mime_type: meta.mime_type,
    }
}

async fn list(
    State(state): State<AppState>,
    Authed(user): Authed,
    headers: HeaderMap,
    p: Params,
) -> ApiResult<Response> {
    let page = state
        .core
        .list_trash(
            &user,
            p.flag(field::DIRS_ONLY, false)?,
            p.number(field::OFFSET)?.unwrap_or(0),
            p.number(field::LIMIT)?.unwrap_or(0),
        )
        .await?;
    let etag = HeaderValue::from_str(&format!("\"{}\"", page.hash)).expect("hex is a valid header");
    if matches_etag(&headers, &page.hash) {
        return Ok((StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response());
    }
    let body = TrashListing {
        hash: page.hash.clone(),
        content: page.items.iter().map(|i| item_of(i, &user)).collect(),
        is_last_page: page.last,
    };
    Ok(([(header::ETAG, etag)], Json(body)).into_response())
}

async fn restore(
    State(state): State<AppState>,
    Authed(user): Authed,
    Path(name): Path<String>,
    p: Params,
) -> ApiResult<Json<Metadata>> {
    let entry = state
        .core
        .restore_trash(&user, name, p.flag(field::OVERWRITE, true)?)
        .await?;
    Ok(Json(metadata_of(&entry, &user)))
}

async fn undelete(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<Metadata>> {
    let entry = state.core.undelete(&user, p.path(field::PATH)?).await?;
    Ok(Json(metadata_of(&entry, &user)))
}

async fn multi_undelete(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<MultiResult>> {
    let core = &state.core;
    let user = &user;
    Ok(Json(run_multi(&p, |path| core.undelete(user, path)).await?))
}

/// Trash ids (`name`) and original paths (`path`, and `paths` for `trash/clear`); none = all.
fn selection(p: &Params, path_fields: &[&str]) -> ApiResult<TrashSelection> {
    let ids: Vec<String> = p.all(field::NAME).into_iter().map(str::to_owned).collect();
    let mut paths = Vec::new();
    for f in path_fields {
        for raw in p.all(f) {
            paths.push(NodePath::parse(raw)?);
        }
    }
    Ok(if ids.is_empty() && paths.is_empty() {
        TrashSelection::All
    } else {
        TrashSelection::Some { ids, paths }
    })
}

async fn purge(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<TaskStarted>> {
    let what = selection(&p, &[field::PATH])?;
    let taskid = state.core.purge_trash(&user, what).await?;
    Ok(Json(TaskStarted { taskid }))
}

async fn clear(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<TaskStarted>> {
    let what = selection(&p, &[field::PATHS, field::PATH])?;
    let taskid = state.core.purge_trash(&user, what).await?;
    Ok(Json(TaskStarted { taskid }))
}

async fn purge_status(State(state): State<AppState>, Authed(user): Authed) -> Json<PurgeStatus> {
    let status = if state.core.purge_running(&user) {
        "PROCESSING"
    } else {
        "DONE"
    };
    Json(PurgeStatus {
        status: status.into(),
    })
}

async fn task(
    State(state): State<AppState>,
    Authed(user): Authed,
    Path(taskid): Path<String>,
) -> ApiResult<Json<TaskStatus>> {
    let status = match state.core.task(&user, &taskid)? {
        TaskState::Running { progress } => TaskStatus {
            status: "running".into(),
            progress: Some(progress),
            items: None,
            bytes: None,
            folder_name: None,
            files_count: None,
            size: None,
        },
        TaskState::Done(TaskOutcome::Purged { items, bytes }) => TaskStatus {
            status: "done".into(),
            progress: Some(100),
            items: Some(items),
            bytes: Some(bytes),
            folder_name: None,
            files_count: None,
            size: None,
        },
        TaskState::Done(TaskOutcome::Copied {
            folder_name,
            files_count,
            size,
        }) => TaskStatus {
            status: "done".into(),
            progress: Some(100),
            items: None,
            bytes: None,
            folder_name: Some(folder_name),
            files_count: Some(files_count),
            size: Some(size),
        },
        TaskState::Failed(why) => return Err(CoreError::TaskFailed(why).into()),
    };
    Ok(Json(status))
}
