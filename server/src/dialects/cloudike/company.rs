//! Companies (`docs/dialects/cloudike.md`, "Company"): a company's data, the system admin's
//! list and quota, quota requests and the storage overview.

use axum::Json;
use axum::extract::{Path, State};
use axum::routing::{MethodRouter, get, post};
use serde_json::{Value, json};

use super::admin::{bytes_or_unlimited, path_id};
use super::{ApiResult, Authed, Params};
use crate::AppState;
use crate::core::CoreError;
use crate::core::companies::Company;

pub(super) fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("company/{company_id}", get(company)),
        (
            "admin/find_companies",
            get(find_companies).post(find_companies),
        ),
        ("admin/company/{company_id}/edit_user", post(edit_quota)),
        ("company/{company_id}/request_quota", post(request_quota)),
        ("company/{company_id}/quota_requests", get(quota_requests)),
        ("admin/company/{company_id}/approve", post(approve)),
        ("admin/company/{company_id}/deny", post(deny)),
        ("company/{company_id}/storage_usage", get(storage_usage)),
    ]
}

/// A company; members see only its id, name and status.
fn company_json(c: &Company, full: bool) -> Value {
    if full {
        json!({
            "company_id": c.id,
            "name": c.name,
            "status": c.status,
            "quota_size": c.quota,
            "storage_size": c.bytes_used,
            "users_count": c.users,
        })
    } else {
        json!({ "company_id": c.id, "name": c.name, "status": c.status })
    }
}

async fn company(
    State(state): State<AppState>,
    Authed(user): Authed,
    Path(company): Path<String>,
) -> ApiResult<Json<Value>> {
    let (c, full) = state
        .core
        .company(&user, path_id(&company, "company")?)
        .await?;
    Ok(Json(company_json(&c, full)))
}

async fn find_companies(
    State(state): State<AppState>,
    Authed(user): Authed,
) -> ApiResult<Json<Value>> {
    let all = state.core.companies(&user).await?;
    let companies: Vec<Value> = all.iter().map(|c| company_json(c, true)).collect();
    Ok(Json(
        json!({ "count": companies.len(), "companies": companies }),
    ))
}

/// "Changes a Company quota" (the reference's name for it).
async fn edit_quota(
    State(state): State<AppState>,
    Authed(user): Authed,
    Path(company): Path<String>,
    p: Params,
) -> ApiResult<Json<Value>> {
    p.required("quota_size")?;
    let c = state
        .core
        .set_company_quota(
            &user,
            path_id(&company, "company")?,
            bytes_or_unlimited(&p, "quota_size")?,
        )
        .await?;
    Ok(Json(company_json(&c, true)))
}

async fn request_quota(
    State(state): State<AppState>,
    Authed(user): Authed,
    Path(company): Path<String>,
    p: Params,
) -> ApiResult<Json<Value>> {
    if let Some(asked) = p.number::<i64>("user_id")?
        && asked != user.id
    {
        return Err(
            CoreError::Forbidden("you can only ask for more storage for yourself".into()).into(),
        );
    }
    let id = state
        .core
        .request_quota(&user, path_id(&company, "company")?)
        .await?;
    Ok(Json(json!({ "request_id": id })))
}

async fn quota_requests(
    State(state): State<AppState>,
    Authed(user): Authed,
    Path(company): Path<String>,
) -> ApiResult<Json<Value>> {
    let list = state
        .core
        .quota_requests(&user, path_id(&company, "company")?)
        .await?;
    let content: Vec<Value> = list
        .into_iter()
        .map(|r| {
            json!({
                "request_id": r.id,
                "userid": r.user.id,
                "login": r.user.login,
                "name": r.user.name,
                "created": r.created,
                "state": r.state.as_str(),
            })
        })
        .collect();
    Ok(Json(json!({ "content": content })))
}

async fn approve(
    State(state): State<AppState>,
    Authed(user): Authed,
    Path(company): Path<String>,
    p: Params,
) -> ApiResult<Json<Value>> {
    p.required("quota_size")?;
    state
        .core
        .approve_quota_request(
            &user,
            path_id(&company, "company")?,
            p.required_number("request_id")?,
            bytes_or_unlimited(&p, "quota_size")?,
        )
        .await?;
    Ok(Json(json!({})))
}

async fn deny(
    State(state): State<AppState>,
    Authed(user): Authed,
    Path(company): Path<String>,
    p: Params,
) -> ApiResult<Json<Value>> {
    state
        .core
        .deny_quota_request(
            &user,
            path_id(&company, "company")?,
            p.required_number("request_id")?,
        )
        .await?;
    Ok(Json(json!({})))
}

async fn storage_usage(
    State(state): State<AppState>,
    Authed(user): Authed,
    Path(company): Path<String>,
) -> ApiResult<Json<Value>> {
    let usage = state
        .core
        .storage_usage(&user, path_id(&company, "company")?)
        .await?;
    let users: Vec<Value> = usage
        .users
        .into_iter()
        .map(|u| {
            json!({
                "userid": u.user.id,
                "login": u.user.login,
                "name": u.user.name,
                "storage_size": u.bytes,
                "files_count": u.files,
            })
        })
        .collect();
    let kinds: Vec<Value> = usage
        .kinds
        .into_iter()
        .map(
            |k| json!({ "kind": k.kind.as_str(), "storage_size": k.bytes, "files_count": k.files }),
        )
        .collect();
    Ok(Json(json!({ "users": users, "kinds": kinds })))
}
