//! Search, favorites and folder properties (`docs/dialects/cloudike.md`, "Favorites",
//! "Search", "Folder properties").

use axum::Json;
use axum::extract::State;
use axum::routing::{MethodRouter, get, post};
use satchel_wire::cloudike::{FolderInfo, Metadata, SearchResult, field};

use super::{ApiResult, Authed, Params, metadata_of};
use crate::AppState;
use crate::core::CoreError;
use crate::core::search::{Kind, SearchQuery};

/// `files/search/` answers this many items unless `limit` says otherwise, and never more than
/// [`MAX_SEARCH_LIMIT`].
const DEFAULT_SEARCH_LIMIT: usize = 100;
const MAX_SEARCH_LIMIT: usize = 1000;

pub(super) fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("fileops/set_favorite", post(set_favorite)),
        ("files/favorites", get(favorites)),
        // The reference says POST; a search is a read, so GET works too.
        ("files/search", get(search).post(search)),
        ("fileops/folder_info", get(folder_info)),
    ]
}

async fn set_favorite(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<Metadata>> {
    let entry = state
        .core
        .set_favorite(&user, p.path(field::PATH)?, p.flag(field::FAVORITE, true)?)
        .await?;
    Ok(Json(metadata_of(&entry, &user)))
}

async fn favorites(
    State(state): State<AppState>,
    Authed(user): Authed,
) -> ApiResult<Json<Vec<Metadata>>> {
    let favs = state.core.favorites(&user).await?;
    Ok(Json(favs.iter().map(|e| metadata_of(e, &user)).collect()))
}

fn kind(name: &str) -> ApiResult<Kind> {
    Ok(match name {
        "folder" => Kind::Folder,
        "image" => Kind::Image,
        "audio" => Kind::Audio,
        "video" => Kind::Video,
        "document" => Kind::Document,
        "other" => Kind::Other,
        _ => {
            return Err(CoreError::InvalidParameters(format!(
                "parameter type: expected folder, image, audio, video, document or other, not {name:?}"
            ))
            .into());
        }
    })
}

async fn search(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<SearchResult>> {
    let limit = match p.number(field::LIMIT)?.unwrap_or(0) {
        0 => DEFAULT_SEARCH_LIMIT,
        n => n,
    };
    let q = SearchQuery {
        text: p
            .get(field::QUERY)
            .filter(|t| !t.is_empty())
            .map(str::to_owned),
        kind: p
            .get(field::TYPE)
            .filter(|t| !t.is_empty())
            .map(kind)
            .transpose()?,
        modified_from: p.number(field::MODIFIED_FROM)?,
        modified_to: p.number(field::MODIFIED_TO)?,
        offset: p.number(field::OFFSET)?.unwrap_or(0),
        limit: limit.min(MAX_SEARCH_LIMIT),
    };
    let (hits, last) = state.core.search(&user, q).await?;
    Ok(Json(SearchResult {
        content: hits.iter().map(|e| metadata_of(e, &user)).collect(),
        is_last_page: last,
    }))
}

async fn folder_info(
    State(state): State<AppState>,
    Authed(user): Authed,
    p: Params,
) -> ApiResult<Json<FolderInfo>> {
    let info = state.core.folder_info(&user, p.path(field::PATH)?).await?;
    Ok(Json(FolderInfo {
        path: info.entry.path.to_string(),
        size: info.size,
        files_count: info.files,
        folders_count: info.folders,
        created: info.entry.node.created,
        modified: info.entry.node.modified,
    }))
}
