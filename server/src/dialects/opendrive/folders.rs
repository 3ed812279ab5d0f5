//! Folders (guide section 5): listing with offset pages, info, breadcrumbs, id by path, create,
//! rename, and move/copy (shared with files).

use axum::extract::State;
use axum::response::Json;
use axum::routing::{MethodRouter, get, post};
use satchel_wire::opendrive::{
    self as od, Breadcrumbs, Crumb, FolderIdAnswer, Listing, PAGE_SIZE, field,
};
use satchel_wire::{FileName, NodePath};

use super::objects::{Context, file_of, folder_of};
use super::{
    Call, Kind, OdResult, changeable, dir_update_time, entry_at, folder_path, item, new_name,
    parent_update_time, said,
};
use crate::AppState;
use crate::core::search::SearchQuery;
use crate::core::{CoreError, Entry, ListQuery, Order, User};

pub(super) fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("folder/list.json/{session_id}/{folder_id}", get(list)),
        ("folder/info.json/{session_id}/{folder_id}", get(info)),
        (
            "folder/breadcrumb.json/{session_id}/{folder_id}",
            get(breadcrumb),
        ),
        ("folder/idbypath.json", post(id_by_path)),
        ("folder.json", post(create)),
        ("folder/rename.json", post(rename)),
        ("folder/move_copy.json", post(move_copy)),
    ]
}

fn all_children() -> ListQuery {
    ListQuery {
        listing: true,
        offset: 0,
        limit: 0,
        order: Order::Name,
        descending: false,
    }
}

/// Folders first, then files, each by name (the listing order, also for search results).
fn sort_like_listing(entries: &mut [Entry]) {
    entries.sort_by(|a, b| {
        b.node.folder.cmp(&a.node.folder).then_with(|| {
            a.node
                .name
                .to_lowercase()
                .cmp(&b.node.name.to_lowercase())
                .then(a.node.name.cmp(&b.node.name))
        })
    });
}

/// `{"FolderID":"0","Name":""}`, then every folder down to `path` itself.
async fn crumbs(state: &AppState, user: &User, path: &NodePath) -> OdResult<Vec<Crumb>> {
    let mut out = vec![Crumb {
        FolderID: od::ROOT_ID.into(),
        Name: String::new(),
    }];
    let mut walked = NodePath::root();
    for segment in path.segments() {
        walked = walked.join(segment);
        let entry = entry_at(state, user, &walked).await?;
        out.push(Crumb {
            FolderID: entry.node.id.to_string(),
            Name: segment.to_string(),
        });
    }
    Ok(out)
}

async fn list(State(state): State<AppState>, call: Call) -> OdResult<Json<Listing>> {
    let user = call.user();
    let args = &call.args;
    let path = folder_path(&state, user, args.required(field::FOLDER_ID)?).await?;
    let offset: Option<usize> = args.number(field::OFFSET)?;
    let only_folders = args.flag(field::ONLY_SUBFOLDERS, false)?;
    let search = args
        .get(field::SEARCH_QUERY)
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(str::to_owned);
    // The plain case pages in the core; a search or a folder-only list is filtered first.
    let paged_in_core = search.is_none() && !only_folders;
    let q = match (paged_in_core, offset) {
        (true, Some(offset)) => ListQuery {
            offset,
            limit: PAGE_SIZE,
            ..all_children()
        },
        _ => all_children(),
    };
    let listing = state.core.list(user, path.clone(), q).await?;
    let (mut entries, mut last) = listing.children.unwrap_or_default();
    if let Some(text) = search {
        let (hits, _) = state
            .core
            .search(
                user,
                SearchQuery {
                    text: Some(text),
                    limit: usize::MAX,
                    ..SearchQuery::default()
                },
            )
            .await?;
        entries = hits
            .into_iter()
            .filter(|e| e.path.starts_with(&path) && e.path != path)
            .collect();
        sort_like_listing(&mut entries);
    }
    if only_folders {
        entries.retain(|e| e.node.folder);
    }
    if !paged_in_core && let Some(offset) = offset {
        let total = entries.len();
        entries = entries.into_iter().skip(offset).take(PAGE_SIZE).collect();
        last = offset.saturating_add(PAGE_SIZE) >= total;
    }
    let ctx = Context::load(&state, user).await?;
    let (folders, files): (Vec<Entry>, Vec<Entry>) =
        entries.into_iter().partition(|e| e.node.folder);
    let me = folder_of(&listing.entry, &ctx);
    let breadcrumbs = if args.flag(field::WITH_BREADCRUMBS, false)? {
        Some(crumbs(&state, user, &path).await?)
    } else {
        None
    };
    Ok(Json(Listing {
        DirUpdateTime: listing.entry.node.rev,
        Name: me.Name,
        ParentFolderID: me.ParentFolderID,
        DirectFolderLink: me.Link,
        ResponseType: 1,
        Folders: folders.iter().map(|e| folder_of(e, &ctx)).collect(),
        Files: files.iter().map(|e| file_of(e, &ctx)).collect(),
        IsLastPage: last,
        Breadcrumbs: breadcrumbs,
    }))
}

async fn info(State(state): State<AppState>, call: Call) -> OdResult<Json<od::Folder>> {
    let user = call.user();
    let entry = item(
        &state,
        user,
        call.args.required(field::FOLDER_ID)?,
        Kind::Folder,
    )
    .await?;
    let listing = state
        .core
        .list(user, entry.path.clone(), all_children())
        .await?;
    let children = listing.children.map(|(c, _)| c).unwrap_or_default();
    let ctx = Context::load(&state, user).await?;
    let mut folder = folder_of(&listing.entry, &ctx);
    let public = folder.Access == od::ACCESS_PUBLIC;
    folder.ChildFolders = children.iter().filter(|e| e.node.folder).count() as i64;
    folder.DirUpdateTime = Some(listing.entry.node.rev);
    folder.DateTrashed = Some(0);
    folder.ID = Some(folder.FolderID.clone());
    folder.PublicUpload = Some(false);
    folder.PublicContent = Some(public);
    folder.PublicDownload = Some(public);
    folder.Permission = Some(folder.Writable);
    Ok(Json(folder))
}

async fn breadcrumb(State(state): State<AppState>, call: Call) -> OdResult<Json<Breadcrumbs>> {
    let user = call.user();
    let path = folder_path(&state, user, call.args.required(field::FOLDER_ID)?).await?;
    Ok(Json(Breadcrumbs {
        Breadcrumbs: crumbs(&state, user, &path).await?,
    }))
}

/// `path` as `idbypath.json` takes it: absolute, `/`-separated, a trailing `/` ignored, `""`
/// the root.
pub(super) fn parse_path(raw: &str) -> OdResult<NodePath> {
    let raw = raw.trim_end_matches('/');
    if raw.is_empty() {
        return Ok(NodePath::root());
    }
    let absolute = if raw.starts_with('/') {
        raw.to_owned()
    } else {
        format!("/{raw}")
    };
    Ok(NodePath::parse(&absolute)?)
}

async fn id_by_path(State(state): State<AppState>, call: Call) -> OdResult<Json<FolderIdAnswer>> {
    let path = parse_path(call.args.get(field::PATH).unwrap_or(""))?;
    if call.args.get(field::PATH).is_none() {
        return Err(CoreError::InvalidParameters("'path' is required.".into()).into());
    }
    let not_found = || said(CoreError::NotFound(path.to_string()), "Folder not found");
    let entry = match entry_at(&state, call.user(), &path).await {
        Ok(e) => e,
        Err(super::OdError::Core(CoreError::NotFound(_))) => return Err(not_found()),
        Err(e) => return Err(e),
    };
    if !entry.node.folder {
        return Err(not_found());
    }
    Ok(Json(FolderIdAnswer {
        FolderId: if path.is_root() {
            od::ROOT_ID.into()
        } else {
            entry.node.id.to_string()
        },
    }))
}

/// A folder object with the `DirUpdateTime` of the folder holding it.
async fn answer(state: &AppState, user: &User, entry: &Entry) -> OdResult<Json<od::Folder>> {
    let ctx = Context::load(state, user).await?;
    let mut folder = folder_of(entry, &ctx);
    folder.DirUpdateTime = Some(parent_update_time(state, user, &entry.path).await?);
    Ok(Json(folder))
}

async fn create(State(state): State<AppState>, call: Call) -> OdResult<Json<od::Folder>> {
    let user = call.user();
    let name = new_name(call.args.required(field::FOLDER_NAME)?)?;
    let parent = call
        .args
        .get(field::FOLDER_SUB_PARENT)
        .unwrap_or(od::ROOT_ID);
    let parent = folder_path(&state, user, parent).await?;
    let entry = state
        .core
        .create_folder(user, parent.join(&name), None, None)
        .await?;
    answer(&state, user, &entry).await
}

async fn rename(State(state): State<AppState>, call: Call) -> OdResult<Json<od::Folder>> {
    let user = call.user();
    let entry = changeable(
        &state,
        user,
        call.args.required(field::FOLDER_ID)?,
        Kind::Folder,
    )
    .await?;
    let name = new_name(call.args.required(field::FOLDER_NAME)?)?;
    let entry = state.core.rename(user, entry.path, name).await?;
    answer(&state, user, &entry).await
}

/// Where a move or copy left things: the item, and the stamps of its old and new folders.
pub(super) struct Moved {
    pub entry: Entry,
    pub src_time: i64,
    pub dst_time: i64,
}

/// Move or copy `entry` into the folder `dst` (`docs/dialects/opendrive.md`, "Move/copy rules").
/// With a new name, the name taken or free in `dst` is the new one.
pub(super) async fn transfer(
    state: &AppState,
    user: &User,
    entry: Entry,
    dst: NodePath,
    move_it: bool,
    overwrite: bool,
    new_name: Option<FileName>,
) -> OdResult<Moved> {
    let src_parent = entry.path.parent().unwrap_or_default();
    let new_name = new_name.filter(|n| entry.path.name() != Some(n));
    let final_name = new_name
        .clone()
        .or_else(|| entry.path.name().cloned())
        .ok_or_else(|| CoreError::Forbidden("the root folder cannot be moved".into()))?;
    let core = &state.core;
    let replace_file = overwrite && !entry.node.folder;
    if replace_file && (move_it || src_parent != dst) {
        // Replacing a file: the one there goes to the trash (recoverable).
        let target = dst.join(&final_name);
        if target != entry.path
            && let Ok(there) = entry_at(state, user, &target).await
            && !there.node.folder
        {
            core.delete(user, target, false, false).await?;
        }
    }
    let landed = if move_it {
        let from = match &new_name {
            Some(name) => {
                core.rename(user, entry.path.clone(), name.clone())
                    .await?
                    .path
            }
            None => entry.path.clone(),
        };
        match core.move_node(user, from.clone(), dst.clone(), false).await {
            Ok(moved) => moved,
            Err(e) => {
                if new_name.is_some()
                    && let Some(old) = entry.path.name().cloned()
                {
                    let _ = core.rename(user, from, old).await;
                }
                return Err(e.into());
            }
        }
    } else {
        // Beside the original, or under a new name, a copy is first numbered, then named.
        let numbered = src_parent == dst || new_name.is_some();
        let copy = core
            .copy_node(user, entry.path.clone(), dst.clone(), numbered)
            .await?;
        match &new_name {
            Some(name) => match core.rename(user, copy.path.clone(), name.clone()).await {
                Ok(named) => named,
                Err(e) => {
                    let _ = core.delete(user, copy.path, false, true).await;
                    return Err(e.into());
                }
            },
            None => copy,
        }
    };
    Ok(Moved {
        src_time: dir_update_time(state, user, &src_parent).await?,
        dst_time: dir_update_time(state, user, &dst).await?,
        entry: landed,
    })
}

async fn move_copy(State(state): State<AppState>, call: Call) -> OdResult<Json<od::Folder>> {
    let user = call.user();
    let args = &call.args;
    let entry = changeable(&state, user, args.required(field::FOLDER_ID)?, Kind::Folder).await?;
    let dst = folder_path(&state, user, args.required(field::DST_FOLDER_ID)?).await?;
    let name = args
        .get(field::NEW_FOLDER_NAME)
        .filter(|n| !n.is_empty())
        .map(new_name)
        .transpose()?;
    args.required(field::MOVE)?;
    let moved = transfer(
        &state,
        user,
        entry,
        dst,
        args.flag(field::MOVE, true)?,
        false,
        name,
    )
    .await?;
    let ctx = Context::load(&state, user).await?;
    let mut folder = folder_of(&moved.entry, &ctx);
    folder.DirUpdateTime = Some(moved.dst_time);
    folder.DirUpdateTimeSrc = Some(moved.src_time);
    Ok(Json(folder))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_by_idbypath() {
        assert!(parse_path("").unwrap().is_root());
        assert!(parse_path("/").unwrap().is_root());
        assert_eq!(parse_path("/a b/c/").unwrap().to_string(), "/a b/c");
        assert_eq!(parse_path("a/c").unwrap().to_string(), "/a/c");
        assert!(parse_path("/a/../b").is_err());
        assert!(parse_path("/a//b").is_err());
    }
}
