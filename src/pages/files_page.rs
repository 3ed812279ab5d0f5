//! `/files/*path`: the file browser for the folder in the URL.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::browser::provide_browser;
use crate::components::breadcrumbs::Breadcrumbs;
use crate::components::comments_panel::CommentsPanel;
use crate::components::conflict_dialog::ConflictDialog;
use crate::components::dialogs::Dialogs;
use crate::components::file_table::FileTable;
use crate::components::shell::Shell;
use crate::components::status::StatusRegions;
use crate::components::toolbar::Toolbar;
use crate::components::upload_panel::UploadPanel;
use crate::i18n::{Msg, t};
use crate::logic::paths::folder_from_pathname;
use crate::state::use_app;
use crate::upload::{enqueue, use_uploads};

#[component]
pub fn FilesPage() -> impl IntoView {
    view! {
        <Shell>
            <FileBrowser/>
        </Shell>
    }
}

#[component]
fn FileBrowser() -> impl IntoView {
    let app = use_app();
    let uploads = use_uploads();
    let location = use_location();
    let folder =
        Memo::new(move |_| folder_from_pathname(&location.pathname.get()).unwrap_or_default());
    let browser = provide_browser(app, folder);
    let dragging = RwSignal::new(false);
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if !browser.writable.get_untracked() {
            return;
        }
        let files = ev.data_transfer().and_then(|dt| dt.files());
        if let Some(list) = files {
            let files = (0..list.length()).filter_map(|i| list.get(i)).collect();
            enqueue(app, uploads, browser.folder.get_untracked(), files);
        }
    };
    view! {
        <main
            class="files"
            class:dragging=dragging
            on:dragover=move |ev: web_sys::DragEvent| {
                // Inside a read-only share nothing may be dropped: the browser shows "no".
                if browser.writable.get_untracked() {
                    ev.prevent_default();
                    dragging.set(true);
                }
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <Breadcrumbs/>
            <Toolbar/>
            <StatusRegions/>
            <FileTable/>
            <Show when=move || browser.writable.get()>
                <p class="drop-hint" aria-hidden="true">{t(Msg::DropHint)}</p>
            </Show>
        </main>
        <CommentsPanel/>
        <UploadPanel/>
        <Dialogs/>
        <ConflictDialog/>
    }
}
