//! Comments, tasks and the activity feed (`docs/dialects/cloudike.md`, "Comments and tasks
//! (workflow)" and "Activity (events)").

use axum::Json;
use axum::extract::State;
use axum::http::Uri;
use axum::routing::{MethodRouter, get, post};
use satchel_wire::cloudike::{
    self as wire, Comment, CommentAssignee, Event, EventContent, TaskItem, field,
};

use super::{ApiResult, Authed, Params, url_path};
use crate::AppState;
use crate::core::comments::{self, CommentInput};
use crate::core::events::EventQuery;
use crate::core::{CoreError, User};

pub(super) fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("workflow/comments", get(list)),
        ("workflow/comments/{*path}", get(list)),
        ("workflow/comment/edit", post(edit)),
        ("workflow/comment/delete", post(delete)),
        ("workflow/comment/update_task_status", post(update_status)),
        ("workflow/comment", post(add)),
        ("workflow/comment/{*path}", post(add)),
        ("workflow/tasks", get(tasks)),
        ("events", get(events)),
    ]
}

fn to_wire(c: comments::Comment) -> Comment {
    Comment {
        id: c.id,
        created_time: c.created,
        modified_time: c.modified,
        text: c.text,
        tagged_text: c.tagged,
        kind: c.kind,
        owner_id: c.author,
        owner_name: c.author_name,
        due_date: c.due_date,
        assignees: c
            .assignees
            .into_iter()
            .map(|a| CommentAssignee {
                id: a.id,
                user_id: a.user_id,
                user_name: a.user_name,
                status: a.status,
                created_time: a.created,
            })
            .collect(),
    }
}

/// `text`, `due_date` and `assignee` (repeated; absent = unchanged on an edit).
fn input(p: &Params, task: bool) -> ApiResult<CommentInput> {
    let logins: Vec<String> = p
        .all(field::ASSIGNEE)
        .into_iter()
        .map(str::to_owned)
        .collect();
    Ok(CommentInput {
        text: p.required(field::TEXT)?.to_owned(),
        task,
        due_date: p.number(field::DUE_DATE)?,
        assignees: (!logins.is_empty()).then_some(logins),
    })
}

async fn list(
    State(state): State<AppState>,
    Authed(user): Authed,
    uri: Uri,
) -> ApiResult<Json<Vec<Comment>>> {
    let path = url_path(uri.path(), &format!("{}/workflow/comments", wire::BASE))?;
    let list = state.core.comments(&user, path).await?;
    Ok(Json(list.into_iter().map(to_wire).collect()))
}

async fn create(state: &AppState, user: &User, uri: &Uri, p: &Params) -> ApiResult<Json<Comment>> {
    let path = url_path(uri.path(), &format!("{}/workflow/comment", wire::BASE))?;
    let task = match p.get(field::TYPE).unwrap_or("text") {
        "text" | "" => false,
        "task" => true,
        other => {
            return Err(CoreError::InvalidParameters(format!(
                "parameter type: expected text or task, not {other:?}"
            ))
            .into());
        }
    };
    let comment = state.core.add_comment(user, path, input(p, task)?).await?;
    Ok(Json(to_wire(comment)))
}

async fn add(
    State(state): State<AppState>,
    Authed(user): Authed,
    uri: Uri,
    p: Params,
) -> ApiResult<Json<Comment>> {
    create(&state, &user, &uri, &p).await
}

/// The comment's `id`; without one, `workflow/comment/edit` (and `delete`, and
/// `update_task_status`) is a new comment on the item of that name at the root.
fn id_of(p: &Params) -> Option<String> {
    p.get(field::ID).map(str::to_owned)
}

async fn edit(
    State(state): State<AppState>,
    Authed(user): Authed,
    uri: Uri,
    p: Params,
) -> ApiResult<Json<Comment>> {
    let Some(id) = id_of(&p) else {
        return create(&state, &user, &uri, &p).await;
    };
    let comment = state.core.edit_comment(&user, id, input(&p, true)?).await?;
    Ok(Json(to_wire(comment)))
}

async fn delete(
    State(state): State<AppState>,
    Authed(user): Authed,
    uri: Uri,
    p: Params,
) -> ApiResult<axum::response::Response> {
    use axum::response::IntoResponse;
    let Some(id) = id_of(&p) else {
        return Ok(create(&state, &user, &uri, &p).await?.into_response());
    };
    state.core.delete_comment(&user, id).await?;
    Ok(Json(serde_json::json!({})).into_response())
}

async fn update_status(
    State(state): State<AppState>,
    Authed(user): Authed,
    uri: Uri,
    p: Params,
) -> ApiResult<Json<Comment>> {
    let Some(id) = id_of(&p) else {
        return create(&state, &user, &uri, &p).await;
    };
    let status = comments::task_status(p.required(field::STATUS)?)?;
    let comment = state.core.update_task_status(&user, id, status).await?;
    Ok(Json(to_wire(comment)))
}

async fn tasks(
    State(state): State<AppState>,
    Authed(user): Authed,
) -> ApiResult<Json<Vec<TaskItem>>> {
    let list = state.core.my_tasks(&user).await?;
    Ok(Json(
        list.into_iter()
            .map(|t| TaskItem {
                name: t.path.name().map(|n| n.to_string()).unwrap_or_default(),
                path: t.path.to_string(),
                comment: to_wire(t.comment),
            })
            .collect(),
    ))
}

async fn events(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<Vec<Event>>> {
    let limit: usize = p.number(field::LIMIT)?.filter(|l| *l > 0).unwrap_or(20);
    let mine = match p.get(field::PERSON) {
        None | Some("") => None,
        Some("me") => Some(true),
        Some("other") => Some(false),
        Some(other) => {
            return Err(CoreError::InvalidParameters(format!(
                "parameter person: expected me or other, not {other:?}"
            ))
            .into());
        }
    };
    let types = p
        .all(field::TYPE)
        .into_iter()
        .flat_map(|t| t.split(','))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    let q = EventQuery {
        skip: p.number(field::SKIP)?.unwrap_or(0),
        limit: limit.min(100),
        types,
        mine,
        from: p.number(field::FROM_TIMESTAMP)?,
        to: p.number(field::TO_TIMESTAMP)?,
    };
    let list = state.core.events(&user, q).await?;
    Ok(Json(
        list.into_iter()
            .map(|e| Event {
                id: e.id,
                kind: e.kind,
                timestamp: e.timestamp,
                path: e.path.map(|p| p.to_string()),
                oldpath: e.oldpath.map(|p| p.to_string()),
                init_event_user_id: e.actor,
                init_event_user_name: e.actor_name,
                user_id: e.owner,
                version: e.version,
                content: EventContent {
                    size: e.size,
                    created: e.created,
                    modified: e.modified,
                },
                text: e.text,
                target_user_id: e.target,
            })
            .collect(),
    ))
}
