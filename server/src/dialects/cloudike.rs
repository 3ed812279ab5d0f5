//! The Cloudike front-end (`/api/1`), exactly as `docs/dialects/cloudike.md` describes it.
//! Handlers only translate: parameters in, core call, wire types out.

mod admin;
pub(crate) mod archive;
mod company;
mod find;
mod groups;
mod links;
mod previews;
mod shares;
mod trash;
mod versions;
mod workflow;

use std::collections::BTreeMap;
use std::future::Future;

use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequestParts, Path, Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::request::Parts;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post, put};
use axum::{Json, Router};
use base64::Engine;
use satchel_wire::cloudike::{
    self as wire, AUTH_HEADER, AUTH_HEADER_ALT, AccountInfo, DownloadTicket, LoginResponse,
    Metadata, MultiNode, MultiResult, PartTicket, UploadTicket, field, human_size,
};
use satchel_wire::name::percent_encode_segment;
use tower::ServiceExt;
use tower_http::services::ServeFile;

use super::params::{Params, url_path};
use crate::AppState;
use crate::core::uploads::{Confirm, CreateFile, CreateOutcome, MAX_PART_SIZE, check_md5};
use crate::core::{CoreError, Entry, ListQuery, Order, User};
use crate::http_error::ApiError;

type ApiResult<T> = Result<T, ApiError>;

pub fn router() -> Router<AppState> {
    let mut r = Router::new();
    // The reference shows some endpoints with a trailing slash and some without; accept both.
    let mut routes: Vec<(&str, MethodRouter<AppState>)> = vec![
        ("accounts/login", post(login)),
        ("accounts/logout", post(logout)),
        ("accounts/get", get(account)),
        ("metadata", get(metadata)),
        ("fileops/folder_create", post(folder_create)),
        ("files/create", post(create_file)),
        ("files/create_part", post(create_part)),
        ("files/cancel_upload", post(cancel_upload)),
        ("fileops/move", post(move_node)),
        ("fileops/copy", post(copy_node)),
        ("fileops/rename", post(rename)),
        ("fileops/delete", post(delete)),
        ("fileops/multi/delete", post(multi_delete)),
    ];
    routes.extend(trash::routes());
    routes.extend(find::routes());
    routes.extend(archive::routes());
    routes.extend(previews::routes());
    routes.extend(versions::routes());
    routes.extend(shares::routes());
    routes.extend(links::routes());
    routes.extend(workflow::routes());
    routes.extend(admin::routes());
    routes.extend(groups::routes());
    routes.extend(company::routes());
    for (path, handler) in routes {
        r = r.route(&format!("{}/{path}", wire::BASE), handler.clone());
        // A catch-all (`{*path}`) already takes the trailing slash.
        if !path.contains("{*") {
            r = r.route(&format!("{}/{path}/", wire::BASE), handler);
        }
    }
    r = r
        .route(admin::JOIN_PATH, post(admin::create_invited))
        .route(
            &format!("{}/", admin::JOIN_PATH),
            post(admin::create_invited),
        );
    r.route(&format!("{}/metadata/{{*path}}", wire::BASE), get(metadata))
        .route(
            &format!("{}/files/confirm/{{*path}}", wire::BASE),
            post(confirm),
        )
        .route(
            &format!("{}/files/get/{{*path}}", wire::BASE),
            get(file_get),
        )
        .route(
            &format!("{}/download/{{ticket}}/{{*name}}", wire::BASE),
            get(download),
        )
        .route(
            &format!("{}/upload/{{temp_path}}/{{part_num}}", wire::BASE),
            // Parts and whole files stream to disk; no size limit applies here.
            put(upload_part).layer(axum::extract::DefaultBodyLimit::disable()),
        )
}

/// The caller, from `Mountbit-Auth` (or `MountbitAuth`), or HTTP Basic login and password.
pub struct Authed(pub User);

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

fn token_of(headers: &HeaderMap) -> Option<&str> {
    header_str(headers, AUTH_HEADER).or_else(|| header_str(headers, AUTH_HEADER_ALT))
}

impl FromRequestParts<AppState> for Authed {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(token) = token_of(&parts.headers) {
            return Ok(Authed(state.core.user_for_token(token).await?));
        }
        if let Some(basic) = header_str(&parts.headers, header::AUTHORIZATION.as_str())
            .and_then(|v| v.strip_prefix("Basic "))
        {
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(basic.trim())
                .ok()
                .and_then(|raw| String::from_utf8(raw).ok())
                .ok_or_else(|| CoreError::Unauthorized("malformed Basic credentials".into()))?;
            let (login, password) = decoded
                .split_once(':')
                .ok_or_else(|| CoreError::Unauthorized("malformed Basic credentials".into()))?;
            return match state.core.check_password(login, password).await {
                Ok(user) => Ok(Authed(user)),
                Err(CoreError::InvalidCredentials) => {
                    Err(CoreError::Unauthorized("wrong login or password".into()).into())
                }
                Err(e) => Err(e.into()),
            };
        }
        Err(CoreError::Unauthorized("send the Mountbit-Auth header (log in first)".into()).into())
    }
}

fn icon_for(entry: &Entry, mime: Option<&mime_guess::Mime>) -> String {
    if entry.node.folder {
        return "dir".into();
    }
    match mime.map(|m| m.type_().as_str()) {
        Some("image") => "image",
        Some("video") => "video",
        Some("audio") => "audio",
        Some("text") => "text",
        _ => "file",
    }
    .into()
}

pub fn metadata_of(entry: &Entry, _user: &User) -> Metadata {
    let node = &entry.node;
    let mime = (!node.folder).then(|| mime_guess::from_path(&node.name).first_or_octet_stream());
    Metadata {
        name: entry.path.name().map(|n| n.to_string()).unwrap_or_default(),
        path: entry.path.to_string(),
        folder: node.folder,
        bytes: node.size,
        size: human_size(node.size),
        checksum: if node.folder { None } else { node.md5.clone() },
        version: node.version,
        created: node.created,
        modified: node.modified,
        icon: icon_for(entry, mime.as_ref()),
        mime_type: mime.map(|m| m.to_string()),
        thumbnail: !node.folder && crate::core::previews::previewable(&node.name),
        deleted: node.deleted_at.is_some(),
        hash: node.folder.then(|| node.hash()),
        // Inside a mount, the real owner's.
        owner: node.user_id,
        owner_name: node.owner_name.clone(),
        favorite: node.favorite,
        shared: node.shared,
        writable: node.writable,
        comments: node.comments,
        content: None,
        is_last_page: None,
    }
}

async fn login(State(state): State<AppState>, p: Params) -> ApiResult<Json<LoginResponse>> {
    let token = state
        .core
        .login(
            p.required(field::LOGIN)?,
            p.required(field::PASSWORD)?,
            p.flag(field::PERMANENT_AUTH, false)?,
            p.get(field::DEVICE_DESCRIPTION).map(str::to_owned),
        )
        .await?;
    Ok(Json(LoginResponse {
        token: token.token,
        userid: token.user_id,
        expires: token.expires,
        created: token.created,
        offer_url: None,
    }))
}

async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    Authed(_): Authed,
) -> ApiResult<Json<serde_json::Value>> {
    if let Some(token) = token_of(&headers) {
        state.core.logout(token).await?;
    }
    Ok(Json(serde_json::json!({})))
}

async fn account(
    State(state): State<AppState>,
    Authed(user): Authed,
) -> ApiResult<Json<AccountInfo>> {
    let a = state.core.account(user.id).await?;
    let typed = if a.user.login.contains('@') {
        "email"
    } else {
        "login"
    };
    Ok(Json(AccountInfo {
        userid: a.user.id,
        name: a.user.name,
        logins: vec![format!("{typed}:{}", a.user.login)],
        role: admin::role_name(a.role).into(),
        lang: a.lang,
        timezone: a.timezone,
        is_active: a.active,
        is_deleted: a.deleted_at.is_some(),
        registration_date: a.registered,
        last_login: a.last_login,
        storage_size: a.bytes_used,
        quota_size: a.quota,
        company_id: a.company_id,
    }))
}

/// `If-None-Match` holds our ETag (quoted or not, weak or not, or `*`)?
fn matches_etag(headers: &HeaderMap, etag: &str) -> bool {
    header_str(headers, header::IF_NONE_MATCH.as_str()).is_some_and(|v| {
        v.split(',').any(|tag| {
            let tag = tag.trim();
            let tag = tag.strip_prefix("W/").unwrap_or(tag);
            tag == "*" || tag.trim_matches('"') == etag
        })
    })
}

async fn metadata(
    State(state): State<AppState>,
    Authed(user): Authed,
    uri: Uri,
    headers: HeaderMap,
    p: Params,
) -> ApiResult<Response> {
    let path = url_path(uri.path(), &format!("{}/metadata", wire::BASE))?;
    let query = list_query(&p)?;
    let listing = state.core.list(&user, path, query).await?;
    let node = &listing.entry.node;
    let etag = if node.folder {
        node.hash()
    } else {
        format!("{}-{}", node.md5.as_deref().unwrap_or(""), node.version)
    };
    let etag_header = HeaderValue::from_str(&format!("\"{etag}\"")).expect("hex is a valid header");
    if matches_etag(&headers, &etag) {
        return Ok((StatusCode::NOT_MODIFIED, [(header::ETAG, etag_header)]).into_response());
    }
    let mut meta = metadata_of(&listing.entry, &user);
    if let Some((children, last)) = listing.children {
        meta.content = Some(children.iter().map(|e| metadata_of(e, &user)).collect());
        meta.is_last_page = Some(last);
    }
    Ok(([(header::ETAG, etag_header)], Json(meta)).into_response())
}

/// `listing`, `offset`, `limit` and `order_by` of a listing.
fn list_query(p: &Params) -> ApiResult<ListQuery> {
    let order_by = p.get(field::ORDER_BY).unwrap_or("name");
    let (descending, key) = match order_by.strip_prefix('-') {
        Some(k) => (true, k),
        None => (false, order_by),
    };
    let order = match key {
        "name" => Order::Name,
        "modified_time" | "modified" => Order::Modified,
        "size" => Order::Size,
        _ => {
            return Err(CoreError::InvalidParameters(format!(
                "parameter order_by: unknown order {order_by:?}"
            ))
            .into());
        }
    };
    Ok(ListQuery {
        listing: p.flag(field::LISTING, true)?,
        offset: p.number(field::OFFSET)?.unwrap_or(0),
        limit: p.number(field::LIMIT)?.unwrap_or(0),
        order,
        descending,
    })
}

async fn folder_create(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<Metadata>> {
    let entry = state
        .core
        .create_folder(
            &user,
            p.path(field::PATH)?,
            p.number(field::CREATED)?,
            p.number(field::MODIFIED)?,
        )
        .await?;
    Ok(Json(metadata_of(&entry, &user)))
}

async fn create_file(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Response> {
    let path = p.path(field::PATH)?;
    let req = CreateFile {
        path: path.clone(),
        size: p.required_number(field::SIZE)?,
        md5: check_md5(field::CHECKSUM, p.required(field::CHECKSUM)?)?,
        overwrite: p.flag(field::OVERWRITE, false)?,
        create_dirs: p.flag(field::CREATE_DIRS, true)?,
        multipart: p.flag(field::MULTIPART, false)?,
        created: p.number(field::CREATED)?,
        modified: p.number(field::MODIFIED)?,
    };
    match state.core.create_file(&user, req).await? {
        CreateOutcome::Deduplicated(entry) => {
            Ok((StatusCode::CREATED, Json(metadata_of(&entry, &user))).into_response())
        }
        CreateOutcome::Upload {
            temp_path,
            multipart,
        } => {
            let url = (!multipart).then(|| format!("{}/upload/{temp_path}/1", wire::BASE));
            Ok(Json(UploadTicket {
                url,
                method: "PUT".into(),
                parameters: BTreeMap::new(),
                headers: BTreeMap::new(),
                confirm_url: format!("{}/files/confirm{}", wire::BASE, path.to_url_path()),
                temp_path,
                max_part_size: MAX_PART_SIZE,
            })
            .into_response())
        }
    }
}

async fn create_part(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<PartTicket>> {
    let temp_path = p.required(field::TEMP_PATH)?.to_owned();
    let part_num: u32 = p.required_number(field::PART_NUM)?;
    let md5 = p
        .get(field::CHECKSUM)
        .filter(|s| !s.is_empty())
        .map(|m| check_md5(field::CHECKSUM, m))
        .transpose()?;
    state
        .core
        .create_part(
            &user,
            temp_path.clone(),
            part_num,
            p.number(field::SIZE)?,
            md5,
        )
        .await?;
    Ok(Json(PartTicket {
        url: format!("{}/upload/{temp_path}/{part_num}", wire::BASE),
        method: "PUT".into(),
        parameters: BTreeMap::new(),
        headers: BTreeMap::new(),
    }))
}

async fn upload_part(
    State(state): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let Path((temp_path, part_num)) = path.map_err(bad_url)?;
    let part_num: u32 = part_num
        .parse()
        .map_err(|_| CoreError::InvalidParameters("part_num must be a number".into()))?;
    let content_md5 = header_str(&headers, "content-md5").map(str::to_owned);
    let receipt = state
        .core
        .put_part(temp_path, part_num, content_md5, body.into_data_stream())
        .await?;
    let etag =
        HeaderValue::from_str(&format!("\"{}\"", receipt.md5)).expect("hex is a valid header");
    Ok((
        [(header::ETAG, etag)],
        Json(wire::PartReceipt {
            part_num: receipt.part_num,
            size: receipt.size,
            checksum: receipt.md5,
        }),
    )
        .into_response())
}

async fn confirm(
    State(state): State<AppState>,
    Authed(user): Authed,
    uri: Uri,
    p: Params,
) -> ApiResult<Json<Metadata>> {
    let path = url_path(uri.path(), &format!("{}/files/confirm", wire::BASE))?;
    let temp_path = p
        .get(field::TEMP_NAME)
        .or_else(|| p.get(field::TEMP_PATH))
        .ok_or_else(|| {
            CoreError::InvalidParameters(format!("missing parameter: {}", field::TEMP_NAME))
        })?
        .to_owned();
    let overwrite = match p.get(field::OVERWRITE) {
        Some(_) => Some(p.flag(field::OVERWRITE, false)?),
        None => None,
    };
    let md5 = p
        .get(field::CHECKSUM)
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    let req = Confirm {
        temp_path,
        path,
        overwrite,
        size: p.number(field::SIZE)?,
        md5,
    };
    let entry = state.core.confirm(&user, req).await?;
    Ok(Json(metadata_of(&entry, &user)))
}

async fn cancel_upload(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<serde_json::Value>> {
    let temp_path = p.required(field::TEMP_PATH)?.to_owned();
    state.core.cancel_upload(&user, temp_path).await?;
    Ok(Json(serde_json::json!({})))
}

async fn file_get(
    State(state): State<AppState>,
    Authed(user): Authed,
    uri: Uri,
    p: Params,
) -> ApiResult<Json<DownloadTicket>> {
    let path = url_path(uri.path(), &format!("{}/files/get", wire::BASE))?;
    let grant = state
        .core
        .grant_download(&user, path, p.number(field::VERSION)?)
        .await?;
    let mut name = String::new();
    percent_encode_segment(&grant.entry.node.name, &mut name);
    let node = &grant.entry.node;
    Ok(Json(DownloadTicket {
        url: format!("{}/download/{}/{name}", wire::BASE, grant.ticket),
        method: "GET".into(),
        path: grant.entry.path.to_string(),
        deleted: node.deleted_at.is_some(),
        version: grant.version,
        size: grant.blob.size,
        checksum: Some(grant.blob.md5.clone()),
        created: node.created,
        modified: node.modified,
    }))
}

async fn download(
    State(state): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
    req: Request,
) -> ApiResult<Response> {
    let Path((ticket, _name)) = path.map_err(bad_url)?;
    let p = Params(
        req.uri()
            .query()
            .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
            .unwrap_or_default(),
    );
    let found = state.core.redeem_download(&ticket).await?;
    let inline = p.flag("for_view", false)?;
    // ServeFile brings Range (206), If-Modified-Since and HEAD for free; the type, disposition
    // and protective headers are the content policy's (`user_content`), not ServeFile's guess.
    let mut response = ServeFile::new(&found.file)
        .oneshot(req)
        .await
        .map_err(|e| CoreError::Internal(format!("serving a blob: {e}")))?
        .map(Body::new);
    let headers = response.headers_mut();
    let essence = crate::user_content::type_of_name(&found.name);
    crate::user_content::stamp(headers, &essence, Some(&found.name), inline);
    if let Ok(v) = HeaderValue::from_str(&format!("\"{}\"", found.blob.md5)) {
        headers.insert(header::ETAG, v);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=3600"),
    );
    Ok(response)
}

fn move_params(p: &Params) -> ApiResult<(satchel_wire::NodePath, satchel_wire::NodePath, bool)> {
    Ok((
        p.path(field::FROM_PATH)?,
        p.path(field::TO_PATH)?,
        p.flag(field::OVERWRITE, true)?,
    ))
}

async fn move_node(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<Metadata>> {
    let (from, to, overwrite) = move_params(&p)?;
    let entry = state.core.move_node(&user, from, to, overwrite).await?;
    Ok(Json(metadata_of(&entry, &user)))
}

async fn copy_node(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<Metadata>> {
    let (from, to, overwrite) = move_params(&p)?;
    let entry = state.core.copy_node(&user, from, to, overwrite).await?;
    Ok(Json(metadata_of(&entry, &user)))
}

async fn rename(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<Metadata>> {
    let entry = state
        .core
        .rename(&user, p.path(field::PATH)?, p.name(field::NEWNAME)?)
        .await?;
    Ok(Json(metadata_of(&entry, &user)))
}

async fn delete(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<Metadata>> {
    let entry = state
        .core
        .delete(
            &user,
            p.path(field::PATH)?,
            p.flag(field::ONLY_EMPTY, false)?,
            p.flag(field::WITHOUT_TRASH, false)?,
        )
        .await?;
    Ok(Json(metadata_of(&entry, &user)))
}

async fn multi_delete(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<MultiResult>> {
    let only_empty = p.flag(field::ONLY_EMPTY, false)?;
    let without_trash = p.flag(field::WITHOUT_TRASH, false)?;
    let (core, user) = (&state.core, &user);
    Ok(Json(
        run_multi(&p, |path| {
            core.delete(user, path, only_empty, without_trash)
        })
        .await?,
    ))
}

/// `fileops/multi/*`: apply `op` to every `path` in order; one item's failure is reported in
/// `nodes` and does not stop the others.
async fn run_multi<T, F, Fut>(p: &Params, mut op: F) -> ApiResult<MultiResult>
where
    F: FnMut(satchel_wire::NodePath) -> Fut,
    Fut: Future<Output = Result<T, CoreError>>,
{
    let paths = p.all(field::PATH);
    if paths.is_empty() {
        return Err(
            CoreError::InvalidParameters(format!("missing parameter: {}", field::PATH)).into(),
        );
    }
    let mut result = MultiResult {
        success: 0,
        failed: 0,
        nodes: Vec::new(),
    };
    for raw in paths {
        let outcome = match satchel_wire::NodePath::parse(raw) {
            Ok(path) => op(path).await.map_err(ApiError),
            Err(e) => Err(ApiError::from(e)),
        };
        match outcome {
            Ok(_) => {
                result.success += 1;
                result.nodes.push(MultiNode {
                    path: raw.to_owned(),
                    error_code: None,
                    message: None,
                });
            }
            Err(e) => {
                result.failed += 1;
                let body = e.body();
                result.nodes.push(MultiNode {
                    path: raw.to_owned(),
                    error_code: Some(body.status),
                    message: Some(body.message),
                });
            }
        }
    }
    Ok(result)
}

fn bad_url(e: PathRejection) -> ApiError {
    ApiError(CoreError::InvalidParameters(format!("bad URL: {e}")))
}

/// A known endpoint asked with the wrong method.
pub async fn wrong_method(req: Request) -> ApiError {
    ApiError(CoreError::MethodNotAllowed(format!(
        "{} {}",
        req.method(),
        req.uri().path()
    )))
}

/// Any other `/api/...` path: a JSON 404, never the SPA's page.
pub async fn api_not_found(uri: Uri) -> ApiError {
    ApiError(CoreError::NoSuchEndpoint(uri.path().to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etag_matching() {
        let mut h = HeaderMap::new();
        h.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_static("W/\"abc\", \"def\""),
        );
        assert!(matches_etag(&h, "abc"));
        assert!(matches_etag(&h, "def"));
        assert!(!matches_etag(&h, "ab"));
    }
}
