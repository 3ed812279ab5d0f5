//! Groups (`docs/dialects/cloudike.md`, "Groups"): list, create, rename, delete, membership.

use axum::Json;
use axum::extract::{Path, State};
use axum::routing::{MethodRouter, get, post};
use serde_json::{Value, json};

use super::admin::{page, path_id};
use super::{ApiResult, Authed, Params};
use crate::AppState;
use crate::core::CoreError;
use crate::core::groups::{Group, MemberOutcome};

pub(super) fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("groups/list", get(list).post(list)),
        ("groups/create", post(create)),
        ("groups/delete", post(delete)),
        ("groups/{group_id}/change", post(change)),
        ("groups/{group_id}/add_user", post(add_user)),
        ("groups/{group_id}/remove_user", post(remove_user)),
        ("groups/{group_id}/users", get(users)),
    ]
}

/// A group on the wire; its id is a string, as the reference shows.
pub(super) fn group_json(g: &Group) -> Value {
    json!({
        "group_id": g.id.to_string(),
        "name": g.name,
        "company_id": g.company_id,
        "members_count": g.members,
    })
}

async fn list(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<Value>> {
    let (offset, limit) = page(&p, 100)?;
    let (count, groups) = state
        .core
        .list_groups(&user, p.number("company_id")?, offset, limit)
        .await?;
    let groups: Vec<Value> = groups.iter().map(group_json).collect();
    Ok(Json(json!({
        "count": count,
        "limit": limit,
        "offset": offset,
        "groups": groups,
    })))
}

async fn create(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<Value>> {
    let g = state
        .core
        .create_group(
            &user,
            p.number("company_id")?,
            p.required("name")?.to_owned(),
        )
        .await?;
    Ok(Json(group_json(&g)))
}

async fn change(
    State(state): State<AppState>,
    Authed(user): Authed,
    Path(group): Path<String>,
    p: Params,
) -> ApiResult<Json<Value>> {
    let g = state
        .core
        .rename_group(
            &user,
            path_id(&group, "group")?,
            p.required("name")?.to_owned(),
        )
        .await?;
    Ok(Json(group_json(&g)))
}

/// By name, as the reference says (in the caller's company, or `company_id`'s for the system
/// admin).
async fn delete(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<Value>> {
    state
        .core
        .delete_group_named(
            &user,
            p.number("company_id")?,
            p.required("name")?.to_owned(),
        )
        .await?;
    Ok(Json(json!({})))
}

fn userids(p: &Params) -> ApiResult<Vec<i64>> {
    let ids: Vec<i64> = p
        .all("userid")
        .into_iter()
        .map(|v| {
            v.parse::<i64>().map_err(|_| {
                CoreError::InvalidParameters("parameter userid: expected a number".into())
            })
        })
        .collect::<Result<_, _>>()?;
    if ids.is_empty() {
        return Err(CoreError::InvalidParameters("missing parameter: userid".into()).into());
    }
    Ok(ids)
}

async fn add_user(
    State(state): State<AppState>,
    Authed(user): Authed,
    Path(group): Path<String>,
    p: Params,
) -> ApiResult<Json<Vec<Value>>> {
    let outcomes = state
        .core
        .add_group_members(&user, path_id(&group, "group")?, userids(&p)?)
        .await?;
    Ok(Json(
        outcomes
            .into_iter()
            .map(|(id, o)| match o {
                MemberOutcome::Added => json!({ "userid": id, "status": "added" }),
                MemberOutcome::NoSuchUser => json!({
                    "userid": id, "status": "error", "code": 404, "message": "User not found",
                }),
            })
            .collect(),
    ))
}

async fn remove_user(
    State(state): State<AppState>,
    Authed(user): Authed,
    Path(group): Path<String>,
    p: Params,
) -> ApiResult<Json<Value>> {
    let group = path_id(&group, "group")?;
    for id in userids(&p)? {
        state.core.remove_group_member(&user, group, id).await?;
    }
    Ok(Json(json!({})))
}

async fn users(
    State(state): State<AppState>,
    Authed(user): Authed,
    Path(group): Path<String>,
) -> ApiResult<Json<Value>> {
    let members = state
        .core
        .group_members(&user, path_id(&group, "group")?)
        .await?;
    let content: Vec<Value> = members
        .into_iter()
        .map(|u| json!({ "userid": u.id, "login": u.login, "name": u.name }))
        .collect();
    Ok(Json(json!({ "content": content })))
}
