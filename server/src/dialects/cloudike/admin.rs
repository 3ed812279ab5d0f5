//! Administering users (`docs/dialects/cloudike.md`, "Administration"): the user list, creating
//! and inviting, editing, passwords, enabling, unlocking, roles, quotas, deleting and restoring.
//! The role checks are the core's; this only translates.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::routing::{MethodRouter, get, post};
use serde::Serialize;
use serde_json::{Value, json};

use super::{ApiResult, Authed, Params};
use crate::AppState;
use crate::core::CoreError;
use crate::core::accounts::{UserEdit, UserOrder, UserSearch};
use crate::core::quota::QuotaChange;
use crate::core::roles::Role;
use crate::core::users::Account;
use crate::http_error::ApiError;

pub(super) fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        (
            "admin/accounts_find_users",
            get(find_users).post(find_users),
        ),
        ("company/{company_id}/create_user", post(create_user)),
        ("company/{company_id}/invite_user", post(invite_user)),
        ("accounts/getinvited", get(getinvited).post(getinvited)),
        ("admin/edit_user", post(edit_user)),
        ("admin/accounts_set_password", post(set_password)),
        ("admin/accounts_enable", post(enable)),
        ("admin/accounts_disable", post(disable)),
        ("admin/accounts_unlock", post(unlock)),
        ("admin/blocked_logins", get(blocked_logins)),
        ("admin/assign_role", post(assign_role)),
        (
            "accounts/company/change_users_quota",
            post(change_users_quota),
        ),
        ("admin/accounts_delete", post(delete)),
        ("admin/accounts_restore", post(restore)),
    ]
}

/// `POST /api/0/accounts/create/`: joining through an invitation (the reference's v0 path).
pub(super) const JOIN_PATH: &str = "/api/0/accounts/create";

/// The role's name in user data.
pub(super) fn role_name(role: Role) -> &'static str {
    match role {
        Role::User => "user",
        Role::CompanyAdmin => "admin",
        Role::SystemAdmin => "sysadmin",
    }
}

fn parse_role(s: &str) -> ApiResult<Role> {
    match s {
        "user" => Ok(Role::User),
        "admin" => Ok(Role::CompanyAdmin),
        "sysadmin" => Ok(Role::SystemAdmin),
        other => Err(CoreError::InvalidParameters(format!(
            "parameter role: expected user, admin or sysadmin, not {other:?}"
        ))
        .into()),
    }
}

/// "User data": one shape everywhere an admin endpoint answers a user.
#[derive(Debug, Serialize)]
pub(super) struct UserData {
    userid: i64,
    login: String,
    name: String,
    role: &'static str,
    company_id: i64,
    is_active: bool,
    is_locked: bool,
    is_deleted: bool,
    /// Epoch ms; `null` unless deleted.
    deleted_date: Option<i64>,
    storage_size: u64,
    quota_size: Option<u64>,
    hard_quota_size: Option<u64>,
    last_login: i64,
    registration_date: i64,
    lang: String,
    timezone: String,
}

pub(super) fn user_data(a: Account) -> UserData {
    UserData {
        userid: a.user.id,
        login: a.user.login,
        name: a.user.name,
        role: role_name(a.role),
        company_id: a.company_id,
        is_active: a.active,
        is_locked: a.locked_at.is_some(),
        is_deleted: a.deleted_at.is_some(),
        deleted_date: a.deleted_at,
        storage_size: a.bytes_used,
        quota_size: a.quota,
        hard_quota_size: a.hard_quota,
        last_login: a.last_login,
        registration_date: a.registered,
        lang: a.lang,
        timezone: a.timezone,
    }
}

/// A numeric id from the URL; anything else is no such thing.
pub(super) fn path_id(raw: &str, what: &str) -> ApiResult<i64> {
    raw.parse()
        .map_err(|_| CoreError::UnknownEntity(format!("{what} {raw}")).into())
}

/// The page a list asks for: `offset` (from 0) and `limit` (`default` when absent or 0, at
/// most 1000).
pub(super) fn page(p: &Params, default: usize) -> ApiResult<(usize, usize)> {
    let offset = p.number("offset")?.unwrap_or(0);
    let limit = p
        .number("limit")?
        .filter(|l: &usize| *l > 0)
        .unwrap_or(default)
        .min(1000);
    Ok((offset, limit))
}

fn userid(p: &Params) -> ApiResult<i64> {
    p.required_number("userid")
}

/// An optional byte count where empty means unlimited.
pub(super) fn bytes_or_unlimited(p: &Params, name: &str) -> ApiResult<Option<u64>> {
    p.number(name)
}

fn empty() -> Json<Value> {
    Json(json!({}))
}

async fn find_users(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<Value>> {
    let order = match p.get("order_by").unwrap_or("name") {
        "" | "name" => UserOrder::Name,
        "login" => UserOrder::Login,
        "storage_size" => UserOrder::StorageUsed,
        "last_login" => UserOrder::LastLogin,
        other => {
            return Err(CoreError::InvalidParameters(format!(
                "parameter order_by: unknown order {other:?}"
            ))
            .into());
        }
    };
    let (offset, limit) = page(&p, 20)?;
    let search = UserSearch {
        text: p.get("query").unwrap_or("").to_owned(),
        company: p.number("company_id")?,
        order,
        descending: p.flag("reverse", false)?,
        offset,
        limit,
        with_deleted: p.flag("with_deleted", false)?,
    };
    let (count, users) = state.core.find_users(&user, search).await?;
    let users: Vec<UserData> = users.into_iter().map(user_data).collect();
    Ok(Json(json!({
        "count": count,
        "limit": limit,
        "offset": offset,
        "users": users,
    })))
}

async fn create_user(
    State(state): State<AppState>,
    Authed(user): Authed,
    Path(company): Path<String>,
    p: Params,
) -> ApiResult<(StatusCode, Json<UserData>)> {
    let company = path_id(&company, "company")?;
    let account = state
        .core
        .create_user(
            &user,
            company,
            p.required("login")?.to_owned(),
            p.required("name")?.to_owned(),
            p.required("password")?.to_owned(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(user_data(account))))
}

/// Where the SPA is reached from: the request's `Origin`, else its `Host` over HTTP.
fn origin(headers: &HeaderMap) -> String {
    let get = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|v| !v.is_empty() && *v != "null")
    };
    if let Some(o) = get(header::ORIGIN.as_str()) {
        return o.trim_end_matches('/').to_owned();
    }
    format!(
        "http://{}",
        get(header::HOST.as_str()).unwrap_or("localhost")
    )
}

async fn invite_user(
    State(state): State<AppState>,
    Authed(user): Authed,
    Path(company): Path<String>,
    headers: HeaderMap,
    p: Params,
) -> ApiResult<Json<Value>> {
    let company = path_id(&company, "company")?;
    let token = state
        .core
        .invite_user(
            &user,
            company,
            p.required("email")?.trim().to_owned(),
            p.get("name").unwrap_or("").trim().to_owned(),
        )
        .await?;
    let link = format!("{}/join/{token}", origin(&headers));
    Ok(Json(json!({ "token": token, "invite_link": link })))
}

async fn getinvited(State(state): State<AppState>, p: Params) -> ApiResult<Json<Value>> {
    let invited = state
        .core
        .invitation(p.required("invite_hash")?.to_owned())
        .await?;
    Ok(Json(
        json!({ "login": invited.login, "company": invited.company }),
    ))
}

/// `POST /api/0/accounts/create/`.
pub(super) async fn create_invited(
    State(state): State<AppState>,
    p: Params,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let id = state
        .core
        .accept_invitation(
            p.required("invite_hash")?.to_owned(),
            p.get("name").unwrap_or("").to_owned(),
            p.required("password")?.to_owned(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(json!({ "userid": id }))))
}

async fn edit_user(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<UserData>> {
    let edit = UserEdit {
        name: p.get("name").map(str::to_owned),
        lang: p.get("lang").filter(|v| !v.is_empty()).map(str::to_owned),
        timezone: p
            .get("timezone")
            .filter(|v| !v.is_empty())
            .map(str::to_owned),
    };
    let account = state.core.edit_user(&user, userid(&p)?, edit).await?;
    Ok(Json(user_data(account)))
}

async fn set_password(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<Value>> {
    state
        .core
        .set_password(&user, userid(&p)?, p.required("password")?.to_owned())
        .await?;
    Ok(empty())
}

async fn enable(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<UserData>> {
    let account = state.core.set_active(&user, userid(&p)?, true).await?;
    Ok(Json(user_data(account)))
}

async fn disable(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<UserData>> {
    let account = state.core.set_active(&user, userid(&p)?, false).await?;
    Ok(Json(user_data(account)))
}

async fn unlock(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<UserData>> {
    let account = state.core.unlock_user(&user, userid(&p)?).await?;
    Ok(Json(user_data(account)))
}

async fn blocked_logins(
    State(state): State<AppState>,
    Authed(user): Authed,
) -> ApiResult<Json<Value>> {
    let locked = state.core.blocked_logins(&user).await?;
    let content: Vec<Value> = locked
        .into_iter()
        .map(|a| {
            json!({
                "userid": a.user.id,
                "login": a.user.login,
                "failed_attempts": a.failed_logins,
                "locked_since": a.locked_at,
            })
        })
        .collect();
    Ok(Json(json!({ "content": content })))
}

async fn assign_role(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<UserData>> {
    let role = parse_role(p.required("role")?)?;
    let account = state.core.assign_role(&user, userid(&p)?, role).await?;
    Ok(Json(user_data(account)))
}

async fn change_users_quota(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<Value>> {
    let company: i64 = p.required_number("company_id")?;
    let users = p
        .all("userid")
        .into_iter()
        .map(|v| {
            v.parse::<i64>().map_err(|_| {
                ApiError::from(CoreError::InvalidParameters(
                    "parameter userid: expected a number".into(),
                ))
            })
        })
        .collect::<ApiResult<Vec<i64>>>()?;
    if users.is_empty() {
        return Err(CoreError::InvalidParameters("missing parameter: userid".into()).into());
    }
    p.required("quota_size")?;
    let soft = bytes_or_unlimited(&p, "quota_size")?;
    let hard = if p.get("hard_quota_size").is_some_and(|v| !v.is_empty()) {
        bytes_or_unlimited(&p, "hard_quota_size")?
    } else {
        soft
    };
    let outcomes = state
        .core
        .change_users_quota(&user, company, users, soft, hard)
        .await?;
    let failed = outcomes
        .iter()
        .filter(|(_, o)| *o != QuotaChange::Done)
        .count();
    let nodes: Vec<Value> = outcomes
        .iter()
        .map(|(id, outcome)| {
            let (code, info) = match outcome {
                QuotaChange::Done => (0, ""),
                QuotaChange::NoSuchUser => (404, "User not found"),
                QuotaChange::NotAllowed => (403, "Forbidden"),
                QuotaChange::CompanyQuotaTooSmall => (402, "Company quota need increase."),
            };
            json!({ "userid": id, "error_code": code, "error_info": info })
        })
        .collect();
    Ok(Json(json!({
        "success": outcomes.len() - failed,
        "failed": failed,
        "nodes": nodes,
    })))
}

async fn delete(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<Value>> {
    state.core.delete_user(&user, userid(&p)?).await?;
    Ok(empty())
}

async fn restore(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<Value>> {
    state.core.restore_user(&user, userid(&p)?).await?;
    Ok(empty())
}
