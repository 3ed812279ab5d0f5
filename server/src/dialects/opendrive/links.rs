//! Public access (guide 4.6, 4.13, 4.14, 5.6, 5.16) over the core's public links: an item is
//! public while its owner has a link to it; recipients name it by the link's 40-hex public id,
//! never by node id, and walk below a public folder by relative path.

use axum::extract::State;
use axum::response::Json;
use axum::routing::{MethodRouter, get, post, put};
use satchel_wire::NodePath;
use satchel_wire::opendrive::{self as od, ResultBody, SharedFolder, VerifyPassword, field};

use super::objects::{Context, file_answer, file_of, folder_of, public_file, public_folder};
use super::{Args, Call, Kind, OdResult, changeable, done, new_name, said};
use crate::AppState;
use crate::core::downloads::Redeemed;
use crate::core::links::LinkSettings;
use crate::core::{CoreError, Entry, ListQuery, Order, User};

pub(super) fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("file/access.json", post(file_access)),
        ("folder/setaccess.json", post(folder_access)),
        ("file/filesettings.json", put(file_settings)),
        ("file/verifypassword.json", post(verify_password)),
        ("folder/shared.json/{folder_id}", get(shared_folder)),
    ]
}

/// A link's public id: 40 lower-case hex digits (node ids are decimal).
pub(super) fn is_public_id(raw: &str) -> bool {
    raw.len() == 40 && raw.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// `path` below a public folder (`""` or `/` is the item itself).
fn rel_path(args: &Args) -> OdResult<NodePath> {
    super::folders::parse_path(args.get(field::PATH).unwrap_or(""))
}

fn password(args: &Args) -> Option<String> {
    args.get(field::PASSWORD)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
}

fn one(listing: bool) -> ListQuery {
    ListQuery {
        listing,
        offset: 0,
        limit: 0,
        order: Order::Name,
        descending: false,
    }
}

/// `file/info.json/{public_id}`: the linked file, or a file below a linked folder.
pub(super) async fn public_file_info(
    state: &AppState,
    public_id: &str,
    args: &Args,
) -> OdResult<od::File> {
    let rel = rel_path(args)?;
    let listing = state
        .core
        .link_list(public_id, password(args), rel.clone(), one(false))
        .await?;
    if listing.entry.node.folder {
        return Err(said(
            CoreError::NotFound(rel.to_string()),
            "File not found.",
        ));
    }
    Ok(public_file(&listing.entry, public_id, &rel))
}

/// `download/file.json/{public_id}`: what the recipient downloads.
pub(super) async fn public_download(
    state: &AppState,
    public_id: &str,
    args: &Args,
) -> OdResult<Redeemed> {
    let grant = state
        .core
        .link_download(public_id, password(args), rel_path(args)?)
        .await?;
    Ok(state.core.redeem_download(&grant.ticket).await?)
}

async fn shared_folder(
    State(state): State<AppState>,
    req: axum::extract::Request,
) -> OdResult<Json<SharedFolder>> {
    let args = Args::read(req, &state).await?;
    let public_id = args.required(field::FOLDER_ID)?.to_owned();
    if !is_public_id(&public_id) {
        return Err(said(CoreError::LinkNotFound, "Folder not found."));
    }
    let rel = rel_path(&args)?;
    let listing = state
        .core
        .link_list(&public_id, password(&args), rel.clone(), one(true))
        .await?;
    if !listing.entry.node.folder {
        return Err(said(
            CoreError::NotFound(rel.to_string()),
            "Folder not found.",
        ));
    }
    let (children, _) = listing.children.unwrap_or_default();
    let (folders, files): (Vec<Entry>, Vec<Entry>) =
        children.into_iter().partition(|e| e.node.folder);
    Ok(Json(SharedFolder {
        FolderInfo: public_folder(&listing.entry, &public_id, &rel),
        Folders: folders
            .iter()
            .map(|e| public_folder(e, &public_id, &e.path))
            .collect(),
        Files: files
            .iter()
            .map(|e| public_file(e, &public_id, &e.path))
            .collect(),
    }))
}

async fn verify_password(
    State(state): State<AppState>,
    call: super::MaybeCall,
) -> OdResult<Json<VerifyPassword>> {
    let public_id = call.args.required(field::FILE_ID)?;
    if !is_public_id(public_id) {
        return Err(said(CoreError::LinkNotFound, "Invalid file ID."));
    }
    let given = call.args.required(field::PASSWORD)?.to_owned();
    let checked = state
        .core
        .link_list(public_id, Some(given), NodePath::root(), one(false))
        .await;
    match checked {
        Ok(_) => Ok(Json(VerifyPassword { Result: true })),
        Err(CoreError::WrongPassword | CoreError::PasswordRequired) => {
            Ok(Json(VerifyPassword { Result: false }))
        }
        Err(e) => Err(e.into()),
    }
}

/// Make the item at `entry` public (`1`, `2`) or private (`0`). Public again keeps its link
/// (and password).
async fn set_access(state: &AppState, user: &User, entry: &Entry, value: &str) -> OdResult<()> {
    let public = match value.trim() {
        "0" => false,
        "1" | "2" => true,
        _ => {
            return Err(CoreError::InvalidParameters(
                "Invalid value specified for access. Expected one of (0, 1, 2).".into(),
            )
            .into());
        }
    };
    let ctx = Context::load(state, user).await?;
    let is_public = folder_or_file_access(entry, &ctx) == od::ACCESS_PUBLIC;
    match (public, is_public) {
        (true, false) => {
            state
                .core
                .create_link(user, entry.path.clone(), LinkSettings::default())
                .await?;
        }
        (false, true) => {
            state
                .core
                .delete_link(user, Some(entry.path.clone()), None)
                .await?;
        }
        _ => {}
    }
    Ok(())
}

fn folder_or_file_access(entry: &Entry, ctx: &Context) -> i64 {
    if entry.node.folder {
        folder_of(entry, ctx).Access
    } else {
        file_of(entry, ctx).Access
    }
}

async fn file_access(State(state): State<AppState>, call: Call) -> OdResult<Json<od::File>> {
    let user = call.user();
    let entry = changeable(
        &state,
        user,
        call.args.required(field::FILE_ID)?,
        Kind::File,
    )
    .await?;
    set_access(
        &state,
        user,
        &entry,
        call.args.required(field::FILE_ISPUBLIC)?,
    )
    .await?;
    file_answer(&state, user, &entry).await
}

async fn folder_access(State(state): State<AppState>, call: Call) -> OdResult<Json<od::Folder>> {
    let user = call.user();
    let entry = changeable(
        &state,
        user,
        call.args.required(field::FOLDER_ID)?,
        Kind::Folder,
    )
    .await?;
    set_access(
        &state,
        user,
        &entry,
        call.args.required(field::FOLDER_ISPUBLIC)?,
    )
    .await?;
    let ctx = Context::load(&state, user).await?;
    let mut folder = folder_of(&entry, &ctx);
    folder.DirUpdateTime = Some(super::parent_update_time(&state, user, &entry.path).await?);
    Ok(Json(folder))
}

/// `file_password` (a public file's link password; `""` removes it) and `file_name`.
async fn file_settings(State(state): State<AppState>, call: Call) -> OdResult<Json<ResultBody>> {
    let user = call.user();
    let args = &call.args;
    let entry = changeable(&state, user, args.required(field::FILE_ID)?, Kind::File).await?;
    if let Some(pw) = args.get(field::FILE_PASSWORD) {
        let ctx = Context::load(&state, user).await?;
        if file_of(&entry, &ctx).Access != od::ACCESS_PUBLIC {
            return Err(CoreError::InvalidParameters(
                "make the file public first (file/access.json)".into(),
            )
            .into());
        }
        let settings = LinkSettings {
            password: Some(pw.to_owned()).filter(|p| !p.is_empty()),
            ..LinkSettings::default()
        };
        state
            .core
            .create_link(user, entry.path.clone(), settings)
            .await?;
    }
    if let Some(name) = args.get(field::FILE_NAME).filter(|n| !n.is_empty()) {
        let name = new_name(name)?;
        state.core.rename(user, entry.path, name).await?;
    }
    Ok(done())
}
