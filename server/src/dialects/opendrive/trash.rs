//! The trash (guide 4.10, 4.12, 4.15, 5.7, 5.12, 5.14, 5.17, 5.19): items go in and come back by
//! node id (the core's trash ids); deleting for good finishes before the answer.

use std::time::Duration;

use axum::extract::State;
use axum::response::Json;
use axum::routing::{MethodRouter, delete, get, post};
use satchel_wire::NodePath;
use satchel_wire::opendrive::{self as od, DirUpdate, ResultBody, TrashList, field};

use super::objects::{Context, file_answer, file_of, folder_of, seconds};
use super::{Call, Kind, OdResult, changeable, dir_update_time, done, node_id, parent_update_time};
use crate::AppState;
use crate::core::tasks::TaskState;
use crate::core::trash::TrashSelection;
use crate::core::{CoreError, User};

pub(super) fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("file/trash.json", post(trash_file)),
        ("folder/trash.json", post(trash_folder)),
        ("folder/trash.json/{session_id}", delete(empty)),
        ("file/restore.json", post(restore_file)),
        ("folder/restore.json", post(restore_folder)),
        ("file.json/{session_id}/{file_id}", delete(remove_file)),
        ("folder/remove.json", post(remove_folder)),
        ("folder/trashlist.json/{session_id}", get(list)),
    ]
}

async fn trash(state: &AppState, call: &Call, key: &str, kind: Kind) -> OdResult<Json<DirUpdate>> {
    let user = call.user();
    let entry = changeable(state, user, call.args.required(key)?, kind).await?;
    let entry = state.core.delete(user, entry.path, false, false).await?;
    Ok(Json(DirUpdate {
        DirUpdateTime: parent_update_time(state, user, &entry.path).await?,
    }))
}

async fn trash_file(State(state): State<AppState>, call: Call) -> OdResult<Json<DirUpdate>> {
    trash(&state, &call, field::FILE_ID, Kind::File).await
}

async fn trash_folder(State(state): State<AppState>, call: Call) -> OdResult<Json<DirUpdate>> {
    trash(&state, &call, field::FOLDER_ID, Kind::Folder).await
}

async fn restore(state: &AppState, call: &Call, key: &str) -> OdResult<crate::core::Entry> {
    let id = node_id(call.args.required(key)?, "item")?;
    Ok(state
        .core
        .restore_trash(call.user(), id.to_string(), false)
        .await?)
}

async fn restore_file(State(state): State<AppState>, call: Call) -> OdResult<Json<od::File>> {
    let entry = restore(&state, &call, field::FILE_ID).await?;
    let Json(mut file) = file_answer(&state, call.user(), &entry).await?;
    file.ParentID = Some(file.FolderID.clone());
    Ok(Json(file))
}

async fn restore_folder(State(state): State<AppState>, call: Call) -> OdResult<Json<od::Folder>> {
    let user = call.user();
    let entry = restore(&state, &call, field::FOLDER_ID).await?;
    let ctx = Context::load(&state, user).await?;
    let mut folder = folder_of(&entry, &ctx);
    folder.ParentID = Some(folder.ParentFolderID.clone());
    folder.DirUpdateTime = Some(parent_update_time(&state, user, &entry.path).await?);
    Ok(Json(folder))
}

/// Remove trash items for good and wait until the core's purge has finished.
async fn purge(state: &AppState, user: &User, what: TrashSelection) -> OdResult<()> {
    let task = state.core.purge_trash(user, what).await?;
    loop {
        match state.core.task(user, &task)? {
            TaskState::Running { .. } => tokio::time::sleep(Duration::from_millis(20)).await,
            TaskState::Done(_) => return Ok(()),
            TaskState::Failed(why) => return Err(CoreError::TaskFailed(why).into()),
        }
    }
}

/// Delete the trashed item `raw` for good; a live one is refused (trash it first).
async fn remove(state: &AppState, call: &Call, key: &str) -> OdResult<Json<DirUpdate>> {
    let user = call.user();
    let id = node_id(call.args.required(key)?, "item")?;
    if state.core.path_of_node(user, id).await.is_ok() {
        return Err(CoreError::InvalidParameters(
            "The item is not in the trash: trash it first.".into(),
        )
        .into());
    }
    let what = TrashSelection::Some {
        ids: vec![id.to_string()],
        paths: Vec::new(),
    };
    purge(state, user, what).await?;
    Ok(Json(DirUpdate {
        DirUpdateTime: dir_update_time(state, user, &NodePath::root()).await?,
    }))
}

async fn remove_file(State(state): State<AppState>, call: Call) -> OdResult<Json<DirUpdate>> {
    remove(&state, &call, field::FILE_ID).await
}

async fn remove_folder(State(state): State<AppState>, call: Call) -> OdResult<Json<DirUpdate>> {
    remove(&state, &call, field::FOLDER_ID).await
}

async fn empty(State(state): State<AppState>, call: Call) -> OdResult<Json<ResultBody>> {
    purge(&state, call.user(), TrashSelection::All).await?;
    Ok(done())
}

async fn list(State(state): State<AppState>, call: Call) -> OdResult<Json<TrashList>> {
    let user = call.user();
    let page = state.core.list_trash(user, false, 0, 0).await?;
    let count_only = call.args.flag(field::COUNT_ONLY, false)?;
    // Links belong to live items; a trashed one is never public.
    let ctx = Context::empty(user);
    let mut out = TrashList::default();
    for item in &page.items {
        let when = seconds(item.deleted_at);
        let orig = Some(item.entry.path.to_string());
        if item.entry.node.folder {
            out.FoldersCount += 1;
            if !count_only {
                let mut folder = folder_of(&item.entry, &ctx);
                folder.DateTrashed = Some(when);
                folder.OrigPath = orig;
                out.Folders.push(folder);
            }
        } else {
            out.FilesCount += 1;
            if !count_only {
                let mut file = file_of(&item.entry, &ctx);
                file.DataTrashed = Some(when.to_string());
                file.DateTrashed = when.to_string();
                file.OrigPath = orig;
                out.Files.push(file);
            }
        }
    }
    Ok(Json(out))
}
