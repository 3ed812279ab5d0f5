//! What the toolbar, the context menu and the keyboard do to the selected entries: download,
//! favorite, create, rename, move or copy (keeping both on a clash), delete.

use std::collections::BTreeSet;

use leptos::task::spawn_local;
use satchel_wire::{FileName, NodePath};
use wasm_bindgen::JsCast;

use crate::api::Client;
use crate::i18n::{Msg, tf};
use crate::logic::paths::free_name;
use crate::model::{ApiError, Entry, ErrorKind};
use crate::state::AppState;

/// Ask the server for a download URL and click a temporary `<a download>`.
pub fn download(app: AppState, entry: Entry) {
    let client = app.client();
    spawn_local(async move {
        match client.files().download_url(&entry.path).await {
            Ok(url) => {
                if trigger_download(&url, &entry.name).is_some() {
                    app.succeed(tf(Msg::DownloadStarted, &[&entry.name]));
                }
            }
            Err(e) => app.report(&e),
        }
    });
}

/// The toolbar's Download: a single file as itself, anything else (a folder, several items) as
/// one zip streamed by the server, if the dialect can; else file by file.
pub fn download_selection(app: AppState, entries: Vec<Entry>) {
    let single_file = matches!(entries.as_slice(), [e] if !e.is_folder);
    if single_file || !app.client().capabilities().archives {
        for entry in entries.into_iter().filter(|e| !e.is_folder) {
            download(app, entry);
        }
        return;
    }
    let client = app.client();
    let paths: Vec<NodePath> = entries.iter().map(|e| e.path.clone()).collect();
    spawn_local(async move {
        match client.files().archive(&paths).await {
            Ok(link) => {
                if trigger_download(&link.url, &link.file_name).is_some() {
                    app.succeed(tf(Msg::ArchiveStarted, &[&link.file_name]));
                }
            }
            Err(e) => app.report(&e),
        }
    });
}

/// Star (or unstar) every entry: all get the opposite of the first one's state.
pub fn toggle_favorite(app: AppState, entries: Vec<Entry>) {
    let Some(first) = entries.first() else { return };
    let favorite = !first.favorite;
    let client = app.client();
    spawn_local(async move {
        let mut done = 0;
        for entry in &entries {
            match client.files().set_favorite(&entry.path, favorite).await {
                Ok(_) => done += 1,
                Err(e) => {
                    app.report(&e);
                    break;
                }
            }
        }
        if done > 0 {
            let key = if favorite {
                Msg::FavoriteSet
            } else {
                Msg::FavoriteUnset
            };
            app.succeed(tf(key, &[&done.to_string()]));
        }
        app.reload();
    });
}

pub fn trigger_download(url: &str, name: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(url);
    a.set_download(name);
    a.set_attribute("rel", "external").ok()?;
    let body = document.body()?;
    body.append_child(&a).ok()?;
    a.click();
    a.remove();
    Some(())
}

pub fn create_folder(app: AppState, folder: NodePath, name: FileName) {
    let client = app.client();
    spawn_local(async move {
        match client.files().create_folder(&folder.join(&name)).await {
            Ok(_) => app.succeed(tf(Msg::FolderCreated, &[name.as_str()])),
            Err(e) => app.report(&e),
        }
        app.reload();
    });
}

pub fn rename(app: AppState, entry: Entry, name: FileName) {
    let client = app.client();
    spawn_local(async move {
        match client.files().rename(&entry.path, &name).await {
            Ok(_) => app.succeed(tf(Msg::Renamed, &[name.as_str()])),
            Err(e) => app.report(&e),
        }
        app.reload();
    });
}

/// Move (`copy == false`) or copy every entry into `target`, stopping at the first failure.
pub fn transfer(app: AppState, entries: Vec<Entry>, target: NodePath, copy: bool) {
    let client = app.client();
    spawn_local(async move {
        let mut done = 0;
        for entry in &entries {
            let result = if copy {
                client.files().copy_to(&entry.path, &target).await
            } else {
                move_keeping_both(&client, entry, &target).await
            };
            match result {
                Ok(()) => done += 1,
                Err(e) => {
                    app.report(&e);
                    app.reload();
                    return;
                }
            }
        }
        let key = if copy { Msg::Copied } else { Msg::Moved };
        app.succeed(tf(key, &[&done.to_string(), &target.to_string()]));
        app.reload();
    });
}

/// Move `entry` into `target`; if the name is taken there, keep both: the moved item gets the
/// first free `name (n).ext` (as a copy would), by renaming it before the move.
async fn move_keeping_both(
    client: &Client,
    entry: &Entry,
    target: &NodePath,
) -> Result<(), ApiError> {
    let err = match client.files().move_to(&entry.path, target).await {
        Err(e) if e.kind == ErrorKind::AlreadyExists => e,
        other => return other,
    };
    let (Some(name), Some(source)) = (entry.path.name(), entry.path.parent()) else {
        return Err(err);
    };
    let mut taken: BTreeSet<String> = client
        .files()
        .list(target)
        .await?
        .into_iter()
        .map(|e| e.name)
        .collect();
    taken.extend(
        client
            .files()
            .list(&source)
            .await?
            .into_iter()
            .map(|e| e.name),
    );
    let free = free_name(name, &taken);
    client.files().rename(&entry.path, &free).await?;
    let renamed = source.join(&free);
    if let Err(e) = client.files().move_to(&renamed, target).await {
        // Put the name back; the move itself is what failed.
        let _ = client.files().rename(&renamed, name).await;
        return Err(e);
    }
    Ok(())
}

pub fn delete(app: AppState, entries: Vec<Entry>) {
    let client = app.client();
    let paths: Vec<NodePath> = entries.iter().map(|e| e.path.clone()).collect();
    spawn_local(async move {
        match client.files().delete(&paths).await {
            Ok(outcome) if outcome.failed.is_empty() => {
                app.succeed(tf(Msg::Deleted, &[&outcome.deleted.to_string()]))
            }
            Ok(outcome) => {
                let names: Vec<String> = outcome
                    .failed
                    .iter()
                    .map(|(p, m)| {
                        if m.is_empty() {
                            p.clone()
                        } else {
                            format!("{p}: {m}")
                        }
                    })
                    .collect();
                app.fail(tf(
                    Msg::DeletePartial,
                    &[
                        &outcome.deleted.to_string(),
                        &outcome.failed.len().to_string(),
                        &names.join("; "),
                    ],
                ));
            }
            Err(e) => app.report(&e),
        }
        app.reload();
    });
}
