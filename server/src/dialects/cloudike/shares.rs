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

use super::{ApiResult, Authed, Params, metadata_of};
use crate::AppState;
use crate::core::CoreError;
use crate::core::shares::MemberState;

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
) -> ApiResult<Json<Vec<Collaborator>>> {
    let list = state
        .core
        .collaborators(&user, p.path(field::PATH)?)
        .await?;
    Ok(Json(
        list.into_iter()
            .map(|c| Collaborator {
                userid: c.user.id,
                login: c.user.login,
                name: c.user.name,
                writer: c.writer,
                owner: c.status == "owner",
                status: c.status,
                is_indirect: c.is_indirect,
            })
            .collect(),
    ))
}

fn empty() -> Json<serde_json::Value> {
    Json(serde_json::json!({}))
}

async fn update(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<serde_json::Value>> {
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

async fn remove(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<serde_json::Value>> {
    state
        .core
        .share_remove(
            &user,
            p.path(field::PATH)?,
            member_login(&p)?,
            MemberState::Accepted,
        )
        .await?;
    Ok(empty())
}

async fn uninvite(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<serde_json::Value>> {
    state
        .core
        .share_remove(
            &user,
            p.path(field::PATH)?,
            member_login(&p)?,
            MemberState::Invited,
        )
        .await?;
    Ok(empty())
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
