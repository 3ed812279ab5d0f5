//! Public links (`docs/dialects/cloudike.md`, "Public links"): the creator's endpoints, and the
//! recipient's, which need no account and see paths relative to the linked item only.

use axum::Json;
use axum::extract::State;
use axum::http::Uri;
use axum::http::header::{self, HeaderMap};
use axum::response::Response;
use axum::routing::{MethodRouter, get, post};
use satchel_wire::NodePath;
use satchel_wire::cloudike::{
    self as wire, DownloadTicket, LINK_PASSWORD_HEADER, Metadata, PublicLink, TaskStarted, field,
};
use satchel_wire::name::percent_encode_segment;

use super::archive::zip_response;
use super::{ApiResult, Authed, Params, header_str, list_query, metadata_of, url_path};
use crate::AppState;
use crate::core::links::{Link, LinkSettings};
use crate::core::{CoreError, Entry, User};

pub(super) fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("links", get(list)),
        ("links/create", post(create)),
        ("links/delete", post(delete)),
        ("links/metadata/{hash}", get(metadata)),
        ("links/metadata/{hash}/{*path}", get(metadata)),
        ("links/get/{hash}", get(file_get)),
        ("links/get/{hash}/{*path}", get(file_get)),
        ("links/download_as_archive_stream/{hash}", get(archive)),
        ("links/add_to_storage/{hash}", get(add_to_storage)),
    ]
}

fn wire_link(link: Link, headers: &HeaderMap) -> PublicLink {
    let page = format!("/s/{}", link.hash);
    let public_hash = match header_str(headers, header::HOST.as_str()) {
        Some(host) => format!("http://{host}{page}"),
        None => page,
    };
    PublicLink {
        hash: link.hash,
        public_hash,
        path: link.path.to_string(),
        name: link.name,
        folder: link.folder,
        created: link.created,
        expires: link.expires,
        download_max: link.download_max,
        downloads: link.downloads,
        has_password: link.has_password,
    }
}

async fn create(
    State(state): State<AppState>,
    Authed(user): Authed,
    headers: HeaderMap,
    p: Params,
) -> ApiResult<Json<PublicLink>> {
    let settings = LinkSettings {
        ttl: p.number(field::TTL)?,
        download_max: p.number(field::DOWNLOAD_MAX)?,
        password: p.get(field::PASSWORD).map(str::to_owned),
    };
    let link = state
        .core
        .create_link(&user, p.path(field::PATH)?, settings)
        .await?;
    Ok(Json(wire_link(link, &headers)))
}

async fn list(
    State(state): State<AppState>,
    Authed(user): Authed,
    headers: HeaderMap,
) -> ApiResult<Json<Vec<PublicLink>>> {
    let links = state.core.links(&user).await?;
    Ok(Json(
        links.into_iter().map(|l| wire_link(l, &headers)).collect(),
    ))
}

async fn delete(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<serde_json::Value>> {
    let path = p.get(field::PATH).map(NodePath::parse).transpose()?;
    let hash = p.get(field::HASH).map(str::to_owned);
    state.core.delete_link(&user, path, hash).await?;
    Ok(Json(serde_json::json!({})))
}

/// The link's password: the `Link-Password` header or a `password` parameter.
fn password(headers: &HeaderMap, p: &Params) -> Option<String> {
    header_str(headers, LINK_PASSWORD_HEADER)
        .or_else(|| p.get(field::PASSWORD))
        .map(str::to_owned)
}

/// `<hash>` and the relative `<path>` after `{BASE}/links/<endpoint>/`. A path that is not a
/// list of valid names (`..`, `%2e%2e`, `%2F`…) names nothing inside the link: 404.
fn hash_and_path(uri: &Uri, endpoint: &str) -> ApiResult<(String, NodePath)> {
    let prefix = format!("{}/links/{endpoint}/", wire::BASE);
    let rest = uri.path().strip_prefix(&prefix).unwrap_or("");
    let hash = rest.split('/').next().unwrap_or("").to_owned();
    let rel = url_path(uri.path(), &format!("{prefix}{hash}"))
        .map_err(|_| CoreError::NotFound("no such item in the shared link".into()))?;
    Ok((hash, rel))
}

/// The recipient's metadata: relative path, no owner fields.
fn recipient_metadata(entry: &Entry) -> Metadata {
    let mut meta = metadata_of(
        entry,
        &User {
            id: 0,
            login: String::new(),
            name: String::new(),
        },
    );
    if entry.path.is_root() {
        meta.name = entry.node.name.clone();
    }
    meta.owner = 0;
    meta.owner_name = String::new();
    meta.shared = false;
    meta.writable = false;
    meta.favorite = false;
    // A public-link recipient never sees comments.
    meta.comments = 0;
    meta
}

async fn metadata(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    p: Params,
) -> ApiResult<Json<Metadata>> {
    let (hash, rel) = hash_and_path(&uri, "metadata")?;
    let listing = state
        .core
        .link_list(&hash, password(&headers, &p), rel, list_query(&p)?)
        .await?;
    let mut meta = recipient_metadata(&listing.entry);
    if let Some((children, last)) = listing.children {
        meta.content = Some(children.iter().map(recipient_metadata).collect());
        meta.is_last_page = Some(last);
    }
    Ok(Json(meta))
}

async fn file_get(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    p: Params,
) -> ApiResult<Json<DownloadTicket>> {
    let (hash, rel) = hash_and_path(&uri, "get")?;
    let grant = state
        .core
        .link_download(&hash, password(&headers, &p), rel)
        .await?;
    let mut name = String::new();
    percent_encode_segment(&grant.entry.node.name, &mut name);
    let node = &grant.entry.node;
    Ok(Json(DownloadTicket {
        url: format!("{}/download/{}/{name}", wire::BASE, grant.ticket),
        method: "GET".into(),
        path: grant.entry.path.to_string(),
        deleted: false,
        version: node.version,
        size: grant.blob.size,
        checksum: Some(grant.blob.md5.clone()),
        created: node.created,
        modified: node.modified,
    }))
}

async fn archive(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    p: Params,
) -> ApiResult<Response> {
    let (hash, _) = hash_and_path(&uri, "download_as_archive_stream")?;
    let rels = p
        .all(field::PATH)
        .into_iter()
        .map(|raw| {
            NodePath::parse(raw)
                .map_err(|_| CoreError::NotFound("no such item in the shared link".into()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let plan = state
        .core
        .link_archive(&hash, password(&headers, &p), rels)
        .await?;
    Ok(zip_response(&state, plan))
}

async fn add_to_storage(
    State(state): State<AppState>,
    Authed(user): Authed,
    uri: Uri,
    headers: HeaderMap,
    p: Params,
) -> ApiResult<Json<TaskStarted>> {
    let (hash, _) = hash_and_path(&uri, "add_to_storage")?;
    let taskid = state
        .core
        .add_link_to_storage(&user, &hash, password(&headers, &p))
        .await?;
    Ok(Json(TaskStarted { taskid }))
}
