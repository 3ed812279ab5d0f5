//! Sharing folders with people (guide section 9) over the core's collaborator shares. The guide
//! has no invitation step, so a share is created and accepted on the member's behalf at once;
//! a grant's `SharingID` is `"<folder id>_<member user id>"`.

use axum::extract::State;
use axum::response::Json;
use axum::routing::{MethodRouter, delete, get, post, put};
use satchel_wire::opendrive::{
    ResultBody, ShareGrant, ShareUsers, ShareWithUser, SharedUser, SharedUsers, field,
};

use super::{Call, Kind, OdResult, changeable, done, entry_at, parent_update_time, said};
use crate::AppState;
use crate::core::shares::MemberState;
use crate::core::{CoreError, Entry, User};

pub(super) fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("sharing.json", post(share)),
        ("sharing.json/{session_id}/{sharing_id}", delete(unshare)),
        ("sharing/setmode.json", put(set_mode)),
        (
            "sharing/listusers.json/{session_id}/{folder_id}",
            get(list_users),
        ),
        (
            "sharing/listsharedusers.json/{session_id}",
            get(shared_with_me),
        ),
    ]
}

fn sharing_id(folder: i64, member: i64) -> String {
    format!("{folder}_{member}")
}

/// `sharemode`: `"0"` view only, `"1"` full access.
fn writer(raw: &str) -> OdResult<bool> {
    match raw.trim() {
        "0" => Ok(false),
        "1" => Ok(true),
        _ => Err(CoreError::InvalidParameters(
            "Invalid value specified for 'sharemode'. Expected one of (0, 1).".into(),
        )
        .into()),
    }
}

/// The caller's folder and the member a `SharingID` names.
async fn grant(state: &AppState, user: &User, raw: &str) -> OdResult<(Entry, String)> {
    let invalid = || CoreError::InvalidParameters("Invalid shared id.".into());
    let (folder, member) = raw.trim().split_once('_').ok_or_else(invalid)?;
    let member: i64 = member.parse().map_err(|_| invalid())?;
    let entry = changeable(state, user, folder, Kind::Folder)
        .await
        .map_err(|_| {
            said(
                CoreError::NotFound(raw.to_owned()),
                "Invalid shared folder id.",
            )
        })?;
    Ok((entry, member.to_string()))
}

async fn share(State(state): State<AppState>, call: Call) -> OdResult<Json<ShareGrant>> {
    let user = call.user();
    let args = &call.args;
    let entry = changeable(&state, user, args.required(field::FOLDER_ID)?, Kind::Folder).await?;
    let username = args.required(field::USERNAME)?.to_owned();
    let writer = writer(args.required(field::SHAREMODE)?)?;
    let invited = state
        .core
        .share_add(user, entry.path.clone(), username.clone(), writer, None)
        .await
        .map_err(|e| match e {
            CoreError::NotFound(what) => said(CoreError::NotFound(what), "User not found"),
            other => other.into(),
        })?
        .ok_or_else(|| {
            said(
                CoreError::Conflict(username.clone()),
                "This folder already shared with this user",
            )
        })?;
    state
        .core
        .share_accept(&invited.member, invited.hash.clone())
        .await?;
    Ok(Json(ShareGrant {
        DirUpdateTime: parent_update_time(&state, user, &entry.path).await?,
        SharingID: sharing_id(entry.node.id, invited.member.id),
        Name: invited.member.login,
        ShareMode: if writer { "1" } else { "0" }.into(),
    }))
}

async fn list_users(State(state): State<AppState>, call: Call) -> OdResult<Json<ShareUsers>> {
    let user = call.user();
    let entry = changeable(
        &state,
        user,
        call.args.required(field::FOLDER_ID)?,
        Kind::Folder,
    )
    .await?;
    let people = state.core.collaborators(user, entry.path.clone()).await?;
    let lines = people
        .into_iter()
        .filter(|c| c.status != "owner" && !c.is_indirect)
        .map(|c| ShareWithUser {
            SharingID: sharing_id(entry.node.id, c.user.id),
            Name: c.user.login,
            ShareMode: if c.writer { "1" } else { "0" }.into(),
            DisplayName: c.user.name,
            Pending: (c.status == "invited").into(),
        })
        .collect();
    Ok(Json(ShareUsers {
        ShareWithUser: lines,
    }))
}

async fn set_mode(State(state): State<AppState>, call: Call) -> OdResult<Json<ResultBody>> {
    let user = call.user();
    let (entry, member) = grant(&state, user, call.args.required(field::SHARING_ID)?).await?;
    let writer = writer(call.args.required(field::SHAREMODE)?)?;
    state
        .core
        .share_update(user, entry.path, member, writer)
        .await
        .map_err(|e| match e {
            CoreError::NotFound(what) => said(CoreError::NotFound(what), "Invalid shared id."),
            other => other.into(),
        })?;
    Ok(done())
}

async fn unshare(
    State(state): State<AppState>,
    call: Call,
) -> OdResult<Json<satchel_wire::opendrive::DirUpdate>> {
    let user = call.user();
    let (entry, member) = grant(&state, user, call.args.required(field::SHARING_ID)?).await?;
    let core = &state.core;
    let removed = match core
        .share_remove(
            user,
            entry.path.clone(),
            member.clone(),
            MemberState::Accepted,
        )
        .await
    {
        Err(CoreError::NotFound(_)) => {
            core.share_remove(user, entry.path.clone(), member, MemberState::Invited)
                .await
        }
        other => other,
    };
    removed.map_err(|e| match e {
        CoreError::NotFound(what) => said(CoreError::NotFound(what), "Invalid shared id."),
        other => other.into(),
    })?;
    Ok(Json(satchel_wire::opendrive::DirUpdate {
        DirUpdateTime: parent_update_time(&state, user, &entry.path).await?,
    }))
}

async fn shared_with_me(State(state): State<AppState>, call: Call) -> OdResult<Json<SharedUsers>> {
    let user = call.user();
    let mut lines = Vec::new();
    for share in state.core.other_shares(user).await? {
        let entry = entry_at(&state, user, &share.path).await?;
        lines.push(SharedUser {
            SharingID: sharing_id(entry.node.id, user.id),
            Name: share.owner_name,
            FolderID: entry.node.id.to_string(),
            FolderName: share.name,
        });
    }
    Ok(Json(SharedUsers {
        DirUpdateTime: super::dir_update_time(&state, user, &satchel_wire::NodePath::root())
            .await?,
        ResponseType: 1,
        SharedUsers: lines,
    }))
}
