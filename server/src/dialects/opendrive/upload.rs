//! The chunked upload (guide section 12) over the core's upload sessions: `create_file` opens a
//! session (or deduplicates), chunks land at byte offsets as the session's numbered parts, and
//! `close_file_upload` assembles and verifies the MD5 before anything becomes visible.

use std::collections::HashMap;

use axum::extract::multipart::Field;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::Uri;
use axum::response::Json;
use axum::routing::{MethodRouter, post};
use futures_util::TryStreamExt;
use satchel_wire::opendrive::{
    self as od, ChunkAnswer, CreateFileAnswer, ExistingNames, OpenUploadAnswer, field,
};

use super::objects::{Context, download_link, file_answer};
use super::{Call, Kind, OdResult, authenticate, folder_path, item, new_name, said};
use crate::AppState;
use crate::core::uploads::{Confirm, CreateFile, CreateOutcome, MAX_PART_SIZE, check_md5};
use crate::core::{CoreError, ListQuery, Order};
use crate::http_error::opendrive::OdError;

pub(super) fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    // A chunk is at most one part; leave room for the multipart framing around it.
    let chunk_limit = DefaultBodyLimit::max(MAX_PART_SIZE as usize + 1024 * 1024);
    vec![
        ("upload/create_file.json", post(create_file)),
        ("upload/open_file_upload.json", post(open_file_upload)),
        (
            "upload/upload_file_chunk.json",
            post(upload_chunk).layer(chunk_limit),
        ),
        ("upload/close_file_upload.json", post(close_file_upload)),
        (
            "upload/checkfileexistsbyname.json/{folder_id}",
            post(existing_names),
        ),
    ]
}

/// An upload session id (`TempLocation`): 32 lower-case hex digits.
fn is_temp_location(raw: &str) -> bool {
    raw.len() == 32 && raw.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn md5_param(raw: &str) -> OdResult<String> {
    Ok(check_md5(field::FILE_HASH, raw.trim())?)
}

async fn create_file(
    State(state): State<AppState>,
    call: Call,
) -> OdResult<Json<CreateFileAnswer>> {
    let user = call.user();
    let args = &call.args;
    let folder = folder_path(&state, user, args.required(field::FOLDER_ID)?).await?;
    let name = new_name(args.required(field::FILE_NAME)?)?;
    let size: u64 = args.required_number(field::FILE_SIZE)?;
    let md5 = md5_param(args.required(field::FILE_HASH)?)?;
    let open_if_exists = args.flag(field::OPEN_IF_EXISTS, false)?;
    let path = folder.join(&name);
    let outcome = state
        .core
        .create_file(
            user,
            CreateFile {
                path: path.clone(),
                size,
                md5,
                overwrite: open_if_exists,
                create_dirs: false,
                multipart: true,
                created: None,
                modified: None,
            },
        )
        .await?;
    let mut answer = CreateFileAnswer {
        Name: name.to_string(),
        Extension: name.extension().unwrap_or_default(),
        Size: size.to_string(),
        Views: "0".into(),
        Downloads: "0".into(),
        Access: od::ACCESS_PRIVATE.to_string(),
        RequireHash: 1,
        ..CreateFileAnswer::default()
    };
    match outcome {
        CreateOutcome::Deduplicated(entry) => {
            let file = super::objects::file_of(&entry, &Context::load(&state, user).await?);
            answer.FileId = file.FileId;
            answer.GroupID = file.GroupID;
            answer.Version = file.Version;
            answer.Access = file.Access.to_string();
            answer.Link = file.Link;
            answer.DownloadLink = file.DownloadLink;
            answer.StreamingLink = file.StreamingLink;
            answer.RequireHashOnly = 1;
        }
        CreateOutcome::Upload { temp_path, .. } => {
            answer.FileId = temp_path.clone();
            answer.GroupID = temp_path.clone();
            answer.Version = "1".into();
            answer.DownloadLink = download_link(&temp_path);
            answer.TempLocation = temp_path;
        }
    }
    answer.DirUpdateTime = super::dir_update_time(&state, user, &folder).await?;
    Ok(Json(answer))
}

/// The session a call names: `temp_location`, else a provisional `file_id`.
fn temp_of(args: &super::Args) -> Option<String> {
    args.get(field::TEMP_LOCATION)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .or_else(|| args.get(field::FILE_ID).filter(|f| is_temp_location(f)))
        .map(str::to_owned)
}

async fn open_file_upload(
    State(state): State<AppState>,
    call: Call,
) -> OdResult<Json<OpenUploadAnswer>> {
    let args = &call.args;
    args.required(field::FILE_ID)?;
    let size: u64 = args.required_number(field::FILE_SIZE)?;
    let temp =
        temp_of(args).ok_or_else(|| CoreError::InvalidParameters("Invalid file ID".into()))?;
    let upload = state.core.upload_state(call.user(), &temp).await?;
    if upload.size != size {
        return Err(CoreError::InvalidParameters(format!(
            "Invalid value specified for 'file_size': create_file said {} bytes",
            upload.size
        ))
        .into());
    }
    if let Some(hash) = args.get(field::FILE_HASH).filter(|h| !h.trim().is_empty())
        && md5_param(hash)? != upload.md5
    {
        return Err(CoreError::InvalidParameters(
            "Invalid value specified for 'file_hash': create_file said another hash".into(),
        )
        .into());
    }
    Ok(Json(OpenUploadAnswer {
        TempLocation: temp,
        RequireCompression: 0,
        RequireHash: 1,
        RequireHashOnly: 0,
        SpeedLimit: 0,
    }))
}

async fn text(field: Field<'_>) -> OdResult<String> {
    field
        .text()
        .await
        .map_err(|e| CoreError::InvalidParameters(format!("unreadable form field: {e}")).into())
}

/// Multipart: the text fields first, then `file_data`, streamed straight to the session.
async fn upload_chunk(
    State(state): State<AppState>,
    uri: Uri,
    mut form: Multipart,
) -> OdResult<Json<ChunkAnswer>> {
    let mut fields: HashMap<String, String> = uri
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default();
    let bad = |e: axum::extract::multipart::MultipartError| -> OdError {
        CoreError::InvalidParameters(format!("unreadable multipart body: {e}")).into()
    };
    while let Some(part) = form.next_field().await.map_err(bad)? {
        let name = part.name().unwrap_or_default().to_owned();
        if name != field::FILE_DATA {
            let value = text(part).await?;
            fields.insert(name, value);
            continue;
        }
        let get = |k: &str| fields.get(k).map(String::as_str);
        let session_id = get(field::SESSION_ID);
        if session_id.is_none() && get(field::ACCESS_TOKEN).is_none() {
            return Err(CoreError::InvalidParameters("Session_id field missing".into()).into());
        }
        let oauth = session_id == Some(od::OAUTH);
        let Some(session) = authenticate(&state, session_id, get(field::ACCESS_TOKEN)).await?
        else {
            return Err(if oauth {
                OdError::InvalidToken
            } else {
                CoreError::Unauthorized("'session_id' is required.".into()).into()
            });
        };
        let temp = get(field::TEMP_LOCATION)
            .filter(|t| !t.is_empty())
            .or_else(|| get(field::FILE_ID).filter(|f| is_temp_location(f)))
            .ok_or_else(|| CoreError::InvalidParameters("Invalid file ID".into()))?
            .to_owned();
        let number = |k: &str| -> OdResult<u64> {
            get(k).and_then(|v| v.trim().parse().ok()).ok_or_else(|| {
                CoreError::InvalidParameters(format!("Invalid value specified for '{k}'.")).into()
            })
        };
        let offset = number(field::CHUNK_OFFSET)?;
        let size = number(field::CHUNK_SIZE)?;
        let total = state
            .core
            .put_chunk(
                &session.user,
                temp,
                offset,
                size,
                part.map_err(|e| e.to_string()),
            )
            .await?;
        // Anything after the file is ignored, but read so the connection stays usable.
        while let Some(rest) = form.next_field().await.map_err(bad)? {
            let _ = rest.bytes().await;
        }
        return Ok(Json(ChunkAnswer {
            TotalWritten: total,
        }));
    }
    Err(CoreError::InvalidParameters("Please select file for upload (file_data).".into()).into())
}

async fn close_file_upload(State(state): State<AppState>, call: Call) -> OdResult<Json<od::File>> {
    let user = call.user();
    let args = &call.args;
    let file_id = args.required(field::FILE_ID)?;
    let size: u64 = args.required_number(field::FILE_SIZE)?;
    let hash = args
        .get(field::FILE_HASH)
        .filter(|h| !h.trim().is_empty())
        .map(md5_param)
        .transpose()?;
    let Some(temp) = temp_of(args) else {
        // Deduplicated at create_file: the file is already there; check it is the one meant.
        let entry = item(&state, user, file_id, Kind::File).await?;
        let node = &entry.node;
        if node.size != size || hash.as_ref().is_some_and(|h| Some(h) != node.md5.as_ref()) {
            return Err(CoreError::BadDigest(format!(
                "the file has MD5 {} and {} bytes; that is not what was declared",
                node.md5.as_deref().unwrap_or(""),
                node.size
            ))
            .into());
        }
        return file_answer(&state, user, &entry).await;
    };
    let upload = state
        .core
        .upload_state(user, &temp)
        .await
        .map_err(|e| said(e, "File was not found"))?;
    let entry = state
        .core
        .confirm(
            user,
            Confirm {
                temp_path: temp,
                path: upload.path,
                overwrite: None,
                size: Some(size),
                md5: hash,
            },
        )
        .await?;
    file_answer(&state, user, &entry).await
}

async fn existing_names(
    State(state): State<AppState>,
    call: Call,
) -> OdResult<Json<ExistingNames>> {
    let user = call.user();
    let folder = folder_path(&state, user, call.args.required(field::FOLDER_ID)?).await?;
    let q = ListQuery {
        listing: true,
        offset: 0,
        limit: 0,
        order: Order::Name,
        descending: false,
    };
    let (children, _) = state
        .core
        .list(user, folder, q)
        .await?
        .children
        .unwrap_or_default();
    let result = call
        .args
        .p
        .all(field::NAME)
        .into_iter()
        .filter(|n| children.iter().any(|e| e.node.name == *n))
        .map(str::to_owned)
        .collect();
    Ok(Json(ExistingNames { result }))
}
