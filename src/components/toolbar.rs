//! The action buttons and the hidden file input.

use leptos::prelude::*;

use crate::browser::{DialogKind, ViewMode, download_selection, toggle_favorite, use_browser};
use crate::i18n::{Msg, t};
use crate::state::use_app;
use crate::upload::{enqueue, use_uploads};

/// The files chosen in an `<input type=file>`.
pub fn files_of(input: &web_sys::HtmlInputElement) -> Vec<web_sys::File> {
    let Some(list) = input.files() else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

#[component]
pub fn Toolbar() -> impl IntoView {
    let app = use_app();
    let uploads = use_uploads();
    let browser = use_browser();
    let input = NodeRef::<leptos::html::Input>::new();
    let count = Memo::new(move |_| browser.selection.with(|s| s.selected.len()));
    let caps = app.client().capabilities();
    // A single file, or what the server can zip (folders, several items).
    let downloadable = Memo::new(move |_| {
        let sel = browser.selected();
        !sel.is_empty() && (caps.archives || sel.iter().all(|e| !e.is_folder))
    });
    let single_file = Memo::new(move |_| {
        let sel = browser.selected();
        matches!(sel.as_slice(), [e] if !e.is_folder)
    });
    let first_favorite = Memo::new(move |_| browser.selected().first().is_some_and(|e| e.favorite));
    let open_dialog = move |make: fn(Vec<crate::model::Entry>) -> Option<DialogKind>| {
        if let Some(d) = make(browser.selected()) {
            browser.dialog.set(Some(d));
        }
    };
    let on_files = move |_| {
        if let Some(el) = input.get() {
            enqueue(app, uploads, browser.folder.get_untracked(), files_of(&el));
            el.set_value("");
        }
    };
    view! {
        <div class="toolbar" role="toolbar" aria-label=t(Msg::Toolbar)>
            <Show when=move || browser.writable.get()>
            <button
                id="btn-new-folder"
                type="button"
                on:click=move |_| browser.dialog.set(Some(DialogKind::NewFolder))
            >
                {t(Msg::NewFolder)}
            </button>
            <button
                id="btn-upload"
                type="button"
                on:click=move |_| {
                    if let Some(el) = input.get() {
                        el.click();
                    }
                }
            >
                {t(Msg::Upload)}
            </button>
            <input
                id="upload-input"
                class="visually-hidden"
                type="file"
                multiple
                tabindex="-1"
                aria-hidden="true"
                node_ref=input
                on:change=on_files
            />
            </Show>
            <Show when=move || browser.writable.get()>
            <button
                id="btn-rename"
                type="button"
                disabled=move || count.get() != 1
                on:click=move |_| open_dialog(|v| v.into_iter().next().map(DialogKind::Rename))
            >
                {t(Msg::Rename)}
            </button>
            <button
                id="btn-move"
                type="button"
                disabled=move || count.get() == 0
                on:click=move |_| open_dialog(|v| Some(DialogKind::Move(v)))
            >
                {t(Msg::Move)}
            </button>
            </Show>
            <button
                id="btn-copy"
                type="button"
                disabled=move || count.get() == 0
                on:click=move |_| open_dialog(|v| Some(DialogKind::Copy(v)))
            >
                {t(Msg::Copy)}
            </button>
            <Show when=move || browser.writable.get()>
            <button
                id="btn-delete"
                type="button"
                class="danger"
                disabled=move || count.get() == 0
                on:click=move |_| open_dialog(|v| Some(DialogKind::Delete(v)))
            >
                {t(Msg::Delete)}
            </button>
            </Show>
            <button
                id="btn-download"
                type="button"
                disabled=move || !downloadable.get()
                on:click=move |_| download_selection(app, browser.selected())
            >
                {t(Msg::Download)}
            </button>
            <button
                id="btn-preview"
                type="button"
                disabled=move || !single_file.get()
                on:click=move |_| {
                    if let Some(i) = browser.selection.get_untracked().selected.first().copied() {
                        browser.dialog.set(Some(DialogKind::Viewer(i)));
                    }
                }
            >
                {t(Msg::Preview)}
            </button>
            <Show when=move || caps.favorites>
                <button
                    id="btn-favorite"
                    type="button"
                    aria-pressed=move || first_favorite.get().to_string()
                    disabled=move || count.get() == 0
                    on:click=move |_| toggle_favorite(app, browser.selected())
                >
                    <span aria-hidden="true">{move || if first_favorite.get() { "★ " } else { "☆ " }}</span>
                    {t(Msg::FavoriteToggle)}
                </button>
            </Show>
            <Show when=move || caps.versions>
                <button
                    id="btn-versions"
                    type="button"
                    disabled=move || !single_file.get()
                    on:click=move |_| open_dialog(|v| v.into_iter().next().map(DialogKind::Versions))
                >
                    {t(Msg::Versions)}
                </button>
            </Show>
            <button
                id="btn-properties"
                type="button"
                disabled=move || count.get() != 1
                on:click=move |_| open_dialog(|v| v.into_iter().next().map(DialogKind::Properties))
            >
                {t(Msg::Properties)}
            </button>
            <Show when=move || caps.sharing || caps.links>
                <button
                    id="btn-share"
                    type="button"
                    disabled=move || count.get() != 1
                    on:click=move |_| open_dialog(|v| v.into_iter().next().map(DialogKind::Share))
                >
                    {t(Msg::Share)}
                </button>
            </Show>
            <Show when=move || caps.comments>
                <button
                    id="btn-comments"
                    type="button"
                    aria-pressed=move || browser.comments_open.get().to_string()
                    aria-controls="comments-panel"
                    disabled=move || count.get() != 1
                    on:click=move |_| browser.comments_open.update(|o| *o = !*o)
                >
                    {t(Msg::Comments)}
                </button>
            </Show>
            <span class="view-toggle" role="group" aria-label=t(Msg::ViewLabel)>
                <button
                    id="btn-view-list"
                    type="button"
                    aria-pressed=move || (browser.view.get() == ViewMode::List).to_string()
                    on:click=move |_| browser.view.set(ViewMode::List)
                >
                    {t(Msg::ViewList)}
                </button>
                <button
                    id="btn-view-grid"
                    type="button"
                    aria-pressed=move || (browser.view.get() == ViewMode::Grid).to_string()
                    on:click=move |_| browser.view.set(ViewMode::Grid)
                >
                    {t(Msg::ViewGrid)}
                </button>
            </span>
            <span class="selection-count" aria-live="polite">
                {move || {
                    let n = count.get();
                    (n > 0).then(|| crate::i18n::tf(Msg::Selected, &[&n.to_string()]))
                }}
            </span>
        </div>
    }
}
