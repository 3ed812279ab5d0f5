//! The company directory and collaborator sharing (`docs/dialects/cloudike.md`, "Company
//! directory" and "Sharing").

use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};
use satchel_wire::cloudike::{
    Collaborator, CompanyUser, CompanyUsers, Metadata, MyShare, OtherShare, ShareInvitation,
    ShareInvite, field,
};

use serde_json::{Value, json};

use super::{ApiResult, Authed, Params, metadata_of};
use crate::AppState;
use crate::core::shares::MemberState;
use crate::core::{CoreError, User};

pub(super) fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("company/{company_id}/users", get(company_users)),
        ("shares", get(shares)),
        ("shares/add", post(add)),
        ("shares/collaborators", get(collaborators)),
        ("shares/update_collaborator", post(update)),
        ("shares/remove", post(remove)),
        ("shares/uninvite", post(uninvite)),
        ("shares/unshare", post(unshare)),
        ("shares/invites", get(invites)),
        ("shares/accept", post(accept)),
        ("shares/decline", post(decline)),
        ("fileops/handover", post(handover)),
    ]
}

/// `group_id` instead of `member_login`: the share is with a group.
fn group_id(p: &Params) -> ApiResult<Option<i64>> {
    p.number("group_id")
}

/// A group among the collaborators (and `shares/add/`'s answer for a group).
fn group_line(id: i64, name: &str, writer: bool, is_indirect: bool) -> Value {
    json!({
        "group_id": id.to_string(),
        "name": name,
        "writer": writer,
        "status": "accepted",
        "is_group": true,
        "is_indirect": is_indirect,
    })
}

fn member_login(p: &Params) -> ApiResult<String> {
    Ok(p.required(field::MEMBER_LOGIN)?.to_owned())
}

async fn company_users(
    State(state): State<AppState>,
    Authed(user): Authed,
    Path(company): Path<String>,
    p: Params,
) -> ApiResult<Json<CompanyUsers>> {
    let company: i64 = company
        .parse()
        .map_err(|_| CoreError::NotFound(format!("company {company}")))?;
    let (count, users) = state
        .core
        .company_users(
            &user,
            company,
            p.get(field::QUERY).map(str::to_owned),
            p.number(field::OFFSET)?.unwrap_or(0),
            p.number(field::LIMIT)?.filter(|l| *l > 0).unwrap_or(20),
        )
        .await?;
    Ok(Json(CompanyUsers {
        count,
        users: users
            .into_iter()
            .map(|u| CompanyUser {
                userid: u.id,
                login: u.login,
                name: u.name,
            })
            .collect(),
    }))
}

async fn add(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Response> {
    if let Some(group) = group_id(&p)? {
        let writer = p.flag(field::WRITER, false)?;
        let made = state
            .core
            .share_with_group(&user, p.path(field::PATH)?, group, writer)
            .await?;
        return Ok(match made {
            Some(g) => Json(group_line(g.id, &g.name, writer, false)).into_response(),
            None => ().into_response(),
        });
    }
    let made = state
        .core
        .share_add(
            &user,
            p.path(field::PATH)?,
            member_login(&p)?,
            p.flag(field::WRITER, false)?,
            p.get(field::INVITATION).map(str::to_owned),
        )
        .await?;
    Ok(match made {
        Some(inv) => Json(ShareInvitation {
            hash: inv.hash,
            member_login: inv.member.login,
            userid: inv.member.id,
            writer: inv.writer,
            status: "invited".into(),
        })
        .into_response(),
        // Already a collaborator: the reference's 200 with an empty body.
        None => ().into_response(),
    })
}

async fn collaborators(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<Vec<Value>>> {
    let path = p.path(field::PATH)?;
    let people = state.core.collaborators(&user, path.clone()).await?;
    let groups = state.core.group_collaborators(&user, path).await?;
    let mut out = Vec::new();
    for c in people {
        let line = Collaborator {
            userid: c.user.id,
            login: c.user.login,
            name: c.user.name,
            writer: c.writer,
            owner: c.status == "owner",
            status: c.status,
            is_indirect: c.is_indirect,
        };
        out.push(serde_json::to_value(line).map_err(|e| CoreError::Internal(e.to_string()))?);
    }
    out.extend(
        groups
            .into_iter()
            .map(|g| group_line(g.group_id, &g.name, g.writer, g.is_indirect)),
    );
    Ok(Json(out))
}

fn empty() -> Json<serde_json::Value> {
    Json(serde_json::json!({}))
}

async fn update(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<serde_json::Value>> {
    if let Some(group) = group_id(&p)? {
        let writer = p.flag(field::WRITER, false)?;
        state
            .core
            .group_share_update(&user, p.path(field::PATH)?, group, writer)
            .await?;
        return Ok(empty());
    }
    state
        .core
        .share_update(
            &user,
            p.path(field::PATH)?,
            member_login(&p)?,
            p.flag(field::WRITER, false)?,
        )
        .await?;
    Ok(empty())
}

/// Take a group (`group_id`) or one member in `state` off the share at `path`.
async fn remove_member(
    state: &AppState,
    user: &User,
    p: &Params,
    member_state: MemberState,
) -> ApiResult<Json<serde_json::Value>> {
    if let Some(group) = group_id(p)? {
        state
            .core
            .group_share_remove(user, p.path(field::PATH)?, group)
            .await?;
        return Ok(empty());
    }
    state
        .core
        .share_remove(user, p.path(field::PATH)?, member_login(p)?, member_state)
        .await?;
    Ok(empty())
}

async fn remove(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<serde_json::Value>> {
    remove_member(&state, &user, &p, MemberState::Accepted).await
}

async fn uninvite(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<serde_json::Value>> {
    remove_member(&state, &user, &p, MemberState::Invited).await
}

async fn unshare(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<serde_json::Value>> {
    state.core.unshare(&user, p.path(field::PATH)?).await?;
    Ok(empty())
}

async fn invites(
    State(state): State<AppState>,
    Authed(user): Authed,
) -> ApiResult<Json<Vec<ShareInvite>>> {
    let list = state.core.invites(&user).await?;
    Ok(Json(
        list.into_iter()
            .map(|i| ShareInvite {
                hash: i.hash,
                name: i.name,
                owner: i.owner,
                owner_name: i.owner_name,
                writer: i.writer,
                created: i.created,
                invitation: i.invitation,
            })
            .collect(),
    ))
}

async fn accept(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<Metadata>> {
    let entry = state
        .core
        .share_accept(&user, p.required(field::HASH)?.to_owned())
        .await?;
    Ok(Json(metadata_of(&entry, &user)))
}

async fn decline(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<serde_json::Value>> {
    state
        .core
        .share_decline(&user, p.required(field::HASH)?.to_owned())
        .await?;
    Ok(empty())
}

async fn shares(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Response> {
    match p.get(field::WHOSE).unwrap_or("my") {
        "my" => {
            let list = state.core.my_shares(&user).await?;
            let out: Vec<MyShare> = list
                .into_iter()
                .map(|s| MyShare {
                    path: s.path.to_string(),
                    name: s.name,
                    collaborators: s.collaborators,
                })
                .collect();
            Ok(Json(out).into_response())
        }
        "others" => {
            let list = state.core.other_shares(&user).await?;
            let out: Vec<OtherShare> = list
                .into_iter()
                .map(|s| OtherShare {
                    path: s.path.to_string(),
                    name: s.name,
                    owner: s.owner,
                    owner_name: s.owner_name,
                    writer: s.writer,
                })
                .collect();
            Ok(Json(out).into_response())
        }
        other => Err(CoreError::InvalidParameters(format!(
            "parameter whose: expected my or others, not {other:?}"
        ))
        .into()),
    }
}

async fn handover(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<serde_json::Value>> {
    let member = match p.get(field::MEMBER_LOGIN) {
        Some(login) => login.to_owned(),
        None => p.required(field::MEMBER_ID)?.to_owned(),
    };
    state
        .core
        .handover(&user, p.path(field::PATH)?, member)
        .await?;
    Ok(empty())
}
