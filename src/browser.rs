//! The files page's state in context: the current folder, its sorted listing, sort order,
//! selection and the open dialog, plus the operations the toolbar and keyboard trigger.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use satchel_wire::{FileName, NodePath};
use wasm_bindgen::JsCast;

use std::collections::BTreeSet;

use crate::api::{ApiError, Client, Entry, ErrorKind};
use crate::i18n::{Msg, tf};
use crate::logic::paths::files_href;
use crate::logic::selection::Selection;
use crate::logic::sort::{SortOrder, sort_entries};
use crate::state::AppState;
use crate::upload::free_name;

/// Which dialog is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogKind {
    NewFolder,
    Rename(Entry),
    Delete(Vec<Entry>),
    Move(Vec<Entry>),
    Copy(Vec<Entry>),
}

#[derive(Clone, Copy)]
pub struct Browser {
    pub folder: Memo<NodePath>,
    pub entries: Memo<Vec<Entry>>,
    pub loading: Memo<bool>,
    pub sort: RwSignal<SortOrder>,
    pub selection: RwSignal<Selection>,
    pub dialog: RwSignal<Option<DialogKind>>,
}

pub fn use_browser() -> Browser {
    expect_context::<Browser>()
}

/// Create the page state for `folder` and put it in context.
pub fn provide_browser(app: AppState, folder: Memo<NodePath>) -> Browser {
    let listing = LocalResource::new(move || {
        let folder = folder.get();
        app.refresh.track();
        let client = app.client();
        async move {
            let result = client.list(&folder).await;
            (folder, result)
        }
    });
    // Failures go to the alert region (and a 401 back to the login page).
    Effect::new(move || {
        if let Some((_, Err(e))) = listing.get() {
            app.report(&e);
        }
    });
    let sort = RwSignal::new(SortOrder::default());
    let entries = Memo::new(move |_| match listing.get() {
        Some((f, Ok(mut v))) if f == folder.get() => {
            sort_entries(&mut v, sort.get());
            v
        }
        _ => Vec::new(),
    });
    let loading = Memo::new(move |_| match listing.get() {
        Some((f, _)) => f != folder.get(),
        None => true,
    });
    let selection = RwSignal::new(Selection::default());
    // Keep the same items selected when the list is re-sorted or reloaded; a new folder starts
    // with nothing selected.
    Effect::new(move |prev: Option<(NodePath, Vec<NodePath>)>| {
        let now = folder.get();
        let paths: Vec<NodePath> = entries.with(|v| v.iter().map(|e| e.path.clone()).collect());
        match prev {
            Some((was, old)) if was == now => {
                selection.update(|s| *s = s.remap(&old, &paths));
            }
            _ => selection.set(Selection::default()),
        }
        (now, paths)
    });
    let browser = Browser {
        folder,
        entries,
        loading,
        sort,
        selection,
        dialog: RwSignal::new(None),
    };
    provide_context(browser);
    browser
}

impl Browser {
    pub fn selected(&self) -> Vec<Entry> {
        let sel = self.selection.get();
        self.entries.with(|v| {
            v.iter()
                .enumerate()
                .filter(|(i, _)| sel.is_selected(*i))
                .map(|(_, e)| e.clone())
                .collect()
        })
    }

    pub fn focused(&self) -> Option<Entry> {
        let focus = self.selection.get_untracked().focus?;
        self.entries.with_untracked(|v| v.get(focus).cloned())
    }

    /// Enter / double-click: a folder opens, a file downloads.
    pub fn open(&self, app: AppState, entry: &Entry, navigate: &dyn Fn(&str, NavigateOptions)) {
        if entry.is_folder {
            navigate(&files_href(&entry.path), NavigateOptions::default());
        } else {
            download(app, entry.clone());
        }
    }
}

/// Ask the server for a download URL and click a temporary `<a download>`.
pub fn download(app: AppState, entry: Entry) {
    let client = app.client();
    spawn_local(async move {
        match client.download_url(&entry.path).await {
            Ok(url) => {
                if trigger_download(&url, &entry.name).is_some() {
                    app.succeed(tf(Msg::DownloadStarted, &[&entry.name]));
                }
            }
            Err(e) => app.report(&e),
        }
    });
}

fn trigger_download(url: &str, name: &str) -> Option<()> {
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
        match client.create_folder(&folder.join(&name)).await {
            Ok(_) => app.succeed(tf(Msg::FolderCreated, &[name.as_str()])),
            Err(e) => app.report(&e),
        }
        app.reload();
    });
}

pub fn rename(app: AppState, entry: Entry, name: FileName) {
    let client = app.client();
    spawn_local(async move {
        match client.rename(&entry.path, &name).await {
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
                client.copy_to(&entry.path, &target).await
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
    client: &impl Client,
    entry: &Entry,
    target: &NodePath,
) -> Result<(), ApiError> {
    let err = match client.move_to(&entry.path, target).await {
        Err(e) if e.kind == ErrorKind::AlreadyExists => e,
        other => return other,
    };
    let (Some(name), Some(source)) = (entry.path.name(), entry.path.parent()) else {
        return Err(err);
    };
    let mut taken: BTreeSet<String> = client
        .list(target)
        .await?
        .into_iter()
        .map(|e| e.name)
        .collect();
    taken.extend(client.list(&source).await?.into_iter().map(|e| e.name));
    let free = free_name(name, &taken);
    client.rename(&entry.path, &free).await?;
    let renamed = source.join(&free);
    if let Err(e) = client.move_to(&renamed, target).await {
        // Put the name back; the move itself is what failed.
        let _ = client.rename(&renamed, name).await;
        return Err(e);
    }
    Ok(())
}

pub fn delete(app: AppState, entries: Vec<Entry>) {
    let client = app.client();
    let paths: Vec<NodePath> = entries.iter().map(|e| e.path.clone()).collect();
    spawn_local(async move {
        match client.delete(&paths).await {
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
