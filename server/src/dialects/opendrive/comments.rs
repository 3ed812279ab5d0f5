//! File comments through the guide's task comments (section 11): every file and folder has one
//! implicit task whose `TaskId` is the item's id, and that task's comments are the item's core
//! comments (the ones the Cloudike dialect shows too).

use axum::extract::State;
use axum::response::Json;
use axum::routing::{MethodRouter, delete, get, post};
use satchel_wire::opendrive::{self as od, ResultBody, Task, field, split_name};

use super::objects::seconds;
use super::{Call, OdResult, done, entry_at, node_id, said};
use crate::AppState;
use crate::core::comments::{Comment, CommentInput};
use crate::core::{CoreError, Entry, User};

pub(super) fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("tasks.json", get(task)),
        ("tasks/taskcomments.json/{session_id}/{task_id}", get(list)),
        (
            "tasks/taskcomments.json/{session_id}/{task_id}/{comment_id}",
            get(list),
        ),
        // One pattern: POST names a task, PUT a comment.
        ("tasks/comment.json/{session_id}/{id}", post(add).put(edit)),
        (
            "tasks/trashcomment.json/{session_id}/{comment_id}",
            delete(remove),
        ),
    ]
}

/// The item a task id names (a file or a folder the caller reaches).
async fn task_item(state: &AppState, user: &User, raw: &str) -> OdResult<Entry> {
    let not_found = || said(CoreError::NotFound(raw.to_owned()), "Task not found");
    let id = node_id(raw, "task").map_err(|_| not_found())?;
    let path = state
        .core
        .path_of_node(user, id)
        .await
        .map_err(|_| not_found())?;
    entry_at(state, user, &path).await
}

fn comment_of(c: &Comment, number: usize, user: &User, item_owner: i64) -> od::Comment {
    let (first, last) = split_name(&c.author_name);
    od::Comment {
        CommentId: c.id.clone(),
        Comment: c.text.clone(),
        Number: number.to_string(),
        Created: seconds(c.created).to_string(),
        Modified: seconds(c.modified).to_string(),
        UserId: c.author,
        OwnerFirstName: first,
        OwnerLastName: last,
        IsTask: (c.kind == "task").into(),
        Editable: (c.author == user.id).into(),
        Deletable: (c.author == user.id || item_owner == user.id).into(),
        ..od::Comment::default()
    }
}

async fn comments_of(state: &AppState, user: &User, entry: &Entry) -> OdResult<Vec<od::Comment>> {
    let all = state.core.comments(user, entry.path.clone()).await?;
    Ok(all
        .iter()
        .enumerate()
        .map(|(i, c)| comment_of(c, i + 1, user, entry.node.user_id))
        .collect())
}

async fn task(State(state): State<AppState>, call: Call) -> OdResult<Json<Task>> {
    let user = call.user();
    let entry = task_item(&state, user, call.args.required(field::TASK_ID)?).await?;
    let comments = comments_of(&state, user, &entry).await?;
    let (first, last) = split_name(&entry.node.owner_name);
    Ok(Json(Task {
        TaskId: entry.node.id.to_string(),
        Name: entry.node.name.clone(),
        Description: String::new(),
        Status: "active".into(),
        CommentsCount: comments.len() as i64,
        OwnerUserId: entry.node.user_id,
        OwnerFirstName: first,
        OwnerLastName: last,
        Link: entry.path.to_string(),
        Comments: call
            .args
            .flag(field::WITH_COMMENTS, false)?
            .then_some(comments),
    }))
}

async fn list(State(state): State<AppState>, call: Call) -> OdResult<Json<Vec<od::Comment>>> {
    let user = call.user();
    let entry = task_item(&state, user, call.args.required(field::TASK_ID)?).await?;
    let mut comments = comments_of(&state, user, &entry).await?;
    if let Some(id) = call.args.get("comment_id").filter(|c| !c.is_empty()) {
        comments.retain(|c| c.CommentId == id);
        if comments.is_empty() {
            return Err(said(
                CoreError::NotFound(id.to_owned()),
                "Comment not found",
            ));
        }
    }
    Ok(Json(comments))
}

/// The comment `id` as it now stands, numbered in its item's list.
async fn answer(state: &AppState, user: &User, node: i64, id: &str) -> OdResult<Json<od::Comment>> {
    let path = state.core.path_of_node(user, node).await?;
    let entry = entry_at(state, user, &path).await?;
    comments_of(state, user, &entry)
        .await?
        .into_iter()
        .find(|c| c.CommentId == id)
        .map(Json)
        .ok_or_else(|| said(CoreError::NotFound(id.to_owned()), "Comment not found"))
}

fn text(call: &Call) -> OdResult<String> {
    Ok(call.args.required(field::COMMENT_TEXT)?.to_owned())
}

async fn add(State(state): State<AppState>, call: Call) -> OdResult<Json<od::Comment>> {
    let user = call.user();
    let entry = task_item(&state, user, call.args.required("id")?).await?;
    let input = CommentInput {
        text: text(&call)?,
        ..CommentInput::default()
    };
    let made = state.core.add_comment(user, entry.path, input).await?;
    answer(&state, user, made.node_id, &made.id).await
}

fn comment_not_found(e: CoreError, id: &str) -> super::OdError {
    match e {
        CoreError::NotFound(_) => said(CoreError::NotFound(id.to_owned()), "Comment not found"),
        other => other.into(),
    }
}

async fn edit(State(state): State<AppState>, call: Call) -> OdResult<Json<od::Comment>> {
    let user = call.user();
    let id = call.args.required("id")?.to_owned();
    let input = CommentInput {
        text: text(&call)?,
        ..CommentInput::default()
    };
    let edited = state
        .core
        .edit_comment(user, id.clone(), input)
        .await
        .map_err(|e| comment_not_found(e, &id))?;
    answer(&state, user, edited.node_id, &id).await
}

async fn remove(State(state): State<AppState>, call: Call) -> OdResult<Json<ResultBody>> {
    let id = call.args.required("comment_id")?.to_owned();
    state
        .core
        .delete_comment(call.user(), id.clone())
        .await
        .map_err(|e| comment_not_found(e, &id))?;
    Ok(done())
}
