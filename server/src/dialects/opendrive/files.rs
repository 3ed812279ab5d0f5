//! Files (guide sections 3 and 4): info, id by path, rename, move/copy, versions, thumbnails,
//! downloads with Range, and zips of many items.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::{HeaderMap, Method};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{MethodRouter, get, post};
use satchel_wire::opendrive::{self as od, FileIdAnswer, FileVersion, FileVersions, field};
use tower::ServiceExt;
use tower_http::services::ServeFile;

use super::folders::{parse_path, transfer};
use super::links::{is_public_id, public_download, public_file_info};
use super::objects::{Context, download_link, file_answer, file_of, seconds, thumb_link};
use super::{
    Args, Call, Kind, MaybeCall, OdResult, changeable, entry_at, folder_path, item, new_name,
    node_id, said,
};
use crate::AppState;
use crate::core::CoreError;
use crate::core::previews::PreviewSize;
use crate::dialects::cloudike::archive::zip_response;
use crate::http_error::opendrive::OdError;

pub(super) fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("file/info.json/{file_id}", get(info)),
        ("file/idbypath.json", post(id_by_path)),
        ("file/rename.json", post(rename)),
        ("file/move_copy.json", post(move_copy)),
        (
            "file/fileversions.json/{session_id}/{file_group_id}",
            get(versions),
        ),
        ("file/thumb.json/{file_id}", get(thumb)),
        ("download/file.json/{file_id}", get(download)),
        ("download/all.json", post(zip).get(zip)),
    ]
}

async fn info(State(state): State<AppState>, call: MaybeCall) -> OdResult<Json<od::File>> {
    let raw = call.args.required(field::FILE_ID)?.to_owned();
    if is_public_id(&raw) {
        return Ok(Json(public_file_info(&state, &raw, &call.args).await?));
    }
    let Some(session) = call.session else {
        return Err(CoreError::Unauthorized("'session_id' is required.".into()).into());
    };
    let entry = item(&state, &session.user, &raw, Kind::File).await?;
    let ctx = Context::load(&state, &session.user).await?;
    Ok(Json(file_of(&entry, &ctx)))
}

async fn id_by_path(State(state): State<AppState>, call: Call) -> OdResult<Json<FileIdAnswer>> {
    let raw = call.args.required(field::PATH)?;
    let path = parse_path(raw)?;
    let not_found = || said(CoreError::NotFound(path.to_string()), "File not found.");
    let entry = match entry_at(&state, call.user(), &path).await {
        Ok(e) if !e.node.folder => e,
        Ok(_) | Err(OdError::Core(CoreError::NotFound(_))) => return Err(not_found()),
        Err(e) => return Err(e),
    };
    let id = entry.node.id.to_string();
    Ok(Json(FileIdAnswer {
        DownloadLink: download_link(&id),
        FileId: id,
    }))
}

async fn rename(State(state): State<AppState>, call: Call) -> OdResult<Json<od::File>> {
    let user = call.user();
    let entry = changeable(
        &state,
        user,
        call.args.required(field::FILE_ID)?,
        Kind::File,
    )
    .await?;
    let name = new_name(call.args.required(field::NEW_FILE_NAME)?)?;
    let entry = state.core.rename(user, entry.path, name).await?;
    file_answer(&state, user, &entry).await
}

async fn move_copy(State(state): State<AppState>, call: Call) -> OdResult<Json<od::File>> {
    let user = call.user();
    let args = &call.args;
    let entry = changeable(&state, user, args.required(field::SRC_FILE_ID)?, Kind::File).await?;
    let dst = folder_path(&state, user, args.required(field::DST_FOLDER_ID)?).await?;
    args.required(field::MOVE)?;
    let name = args
        .get(field::NEW_FILE_NAME)
        .filter(|n| !n.is_empty())
        .map(new_name)
        .transpose()?;
    let moved = transfer(
        &state,
        user,
        entry,
        dst,
        args.flag(field::MOVE, true)?,
        args.flag(field::OVERWRITE_IF_EXISTS, false)?,
        name,
    )
    .await?;
    let ctx = Context::load(&state, user).await?;
    let mut file = file_of(&moved.entry, &ctx);
    file.DirUpdateTime = Some(moved.dst_time);
    file.DirUpdateTimeSrc = Some(moved.src_time);
    Ok(Json(file))
}

async fn versions(State(state): State<AppState>, call: Call) -> OdResult<Json<FileVersions>> {
    let user = call.user();
    let group = call.args.required("file_group_id")?.to_owned();
    let entry = item(&state, user, &group, Kind::File).await?;
    let node = &entry.node;
    let list = state.core.versions(user, entry.path.clone(), 0, 0).await?;
    let versions = list
        .into_iter()
        .map(|v| {
            let id = format!("{}.{}", node.id, v.version);
            FileVersion {
                ID: id.clone(),
                FileId: id.clone(),
                GroupID: node.id.to_string(),
                Version: v.version.to_string(),
                Name: node.name.clone(),
                Size: v.blob.size as i64,
                DateModified: seconds(v.created),
                DateUploaded: seconds(v.created),
                DirectLink: download_link(&id),
                Extension: entry
                    .path
                    .name()
                    .and_then(|n| n.extension())
                    .unwrap_or_default(),
                Owner: v.author_name,
                ThumbLink: thumb_link(&id, &node.name),
                FileHash: v.blob.md5,
            }
        })
        .collect();
    Ok(Json(FileVersions {
        file_group_id: group,
        Versions: versions,
    }))
}

/// A file id, or a version's `"<id>.<version>"`.
fn file_and_version(raw: &str) -> OdResult<(String, Option<i64>)> {
    match raw.split_once('.') {
        Some((id, version)) => {
            let version = version
                .parse::<i64>()
                .ok()
                .filter(|v| *v > 0)
                .ok_or_else(|| CoreError::InvalidParameters("Invalid file ID.".into()))?;
            Ok((id.to_owned(), Some(version)))
        }
        None => Ok((raw.to_owned(), None)),
    }
}

async fn thumb(State(state): State<AppState>, call: Call) -> OdResult<Response> {
    let user = call.user();
    let (id, version) = file_and_version(call.args.required(field::FILE_ID)?)?;
    let entry = item(&state, user, &id, Kind::File).await?;
    let preview = state
        .core
        .preview(user, entry.path, version, PreviewSize::Small)
        .await?;
    let mut response = preview.bytes.into_response();
    let headers = response.headers_mut();
    // A thumbnail is made from user bytes: the content policy's headers, shown inline.
    crate::user_content::stamp(headers, preview.content_type, None, true);
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=3600"),
    );
    Ok(response)
}

/// Serve a stored blob with Range; `inline` is a wish that `user_content` may refuse.
pub(super) async fn serve(
    headers: &HeaderMap,
    offset: Option<u64>,
    file: std::path::PathBuf,
    name: &str,
    md5: &str,
    inline: bool,
) -> OdResult<Response> {
    let mut req = Request::builder()
        .method(Method::GET)
        .uri("/")
        .body(Body::empty())
        .map_err(|e| CoreError::Internal(format!("building a request: {e}")))?;
    for key in [
        header::RANGE,
        header::IF_RANGE,
        header::IF_MODIFIED_SINCE,
        header::IF_UNMODIFIED_SINCE,
    ] {
        if let Some(v) = headers.get(&key) {
            req.headers_mut().insert(key, v.clone());
        }
    }
    // The guide's `offset` is a Range from that byte on (an explicit Range wins).
    if let Some(offset) = offset
        && !req.headers().contains_key(header::RANGE)
        && offset > 0
        && let Ok(v) = HeaderValue::from_str(&format!("bytes={offset}-"))
    {
        req.headers_mut().insert(header::RANGE, v);
    }
    let mut response = ServeFile::new(&file)
        .oneshot(req)
        .await
        .map_err(|e| CoreError::Internal(format!("serving a blob: {e}")))?
        .map(Body::new);
    let h = response.headers_mut();
    // Type, disposition and protective headers: the content policy's, whatever was asked.
    crate::user_content::stamp(
        h,
        &crate::user_content::type_of_name(name),
        Some(name),
        inline,
    );
    if let Ok(v) = HeaderValue::from_str(&format!("\"{md5}\"")) {
        h.insert(header::ETAG, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=3600"),
    );
    Ok(response)
}

async fn download(State(state): State<AppState>, req: Request) -> OdResult<Response> {
    let headers = req.headers().clone();
    let args = Args::read(req, &state).await?;
    let raw = args.required(field::FILE_ID)?.to_owned();
    let inline = args.flag(field::INLINE, false)?;
    let offset: Option<u64> = args.number(field::OFFSET)?;
    if is_public_id(&raw) {
        let found = public_download(&state, &raw, &args).await?;
        return serve(
            &headers,
            offset,
            found.file,
            &found.name,
            &found.blob.md5,
            inline,
        )
        .await;
    }
    let call = MaybeCall::from_args(&state, args).await?;
    let Some(session) = call.session else {
        return Err(CoreError::Unauthorized("'session_id' is required.".into()).into());
    };
    let user = &session.user;
    let (id, version) = file_and_version(&raw)?;
    let entry = item(&state, user, &id, Kind::File).await?;
    let grant = state.core.grant_download(user, entry.path, version).await?;
    let found = state.core.redeem_download(&grant.ticket).await?;
    serve(
        &headers,
        offset,
        found.file,
        &found.name,
        &found.blob.md5,
        inline,
    )
    .await
}

async fn zip(State(state): State<AppState>, call: Call) -> OdResult<Response> {
    let user = call.user();
    let args = &call.args;
    let raw = args
        .get(field::ITEMS_ID)
        .or_else(|| args.get(field::FILES))
        .unwrap_or("");
    let mut paths = Vec::new();
    for id in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let id = node_id(id, "file")?;
        let path = state.core.path_of_node(user, id).await.map_err(|_| {
            said(
                CoreError::NotFound(id.to_string()),
                "File or folder not found.",
            )
        })?;
        paths.push(path);
    }
    if paths.is_empty() {
        return Err(CoreError::InvalidParameters("'items_id' is required.".into()).into());
    }
    let plan = state.core.archive_plan(user, paths).await?;
    Ok(zip_response(&state, plan))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_ids() {
        assert_eq!(file_and_version("42").unwrap(), ("42".into(), None));
        assert_eq!(file_and_version("42.3").unwrap(), ("42".into(), Some(3)));
        assert!(file_and_version("42.x").is_err());
        assert!(file_and_version("42.0").is_err());
    }
}
