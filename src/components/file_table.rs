//! `table#file-list`: sortable headers, rows, keyboard navigation, loading and empty states.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::browser::{DialogKind, use_browser};
use crate::components::file_row::FileRow;
use crate::i18n::{Msg, t};
use crate::logic::selection::Selection;
use crate::logic::sort::SortKey;
use crate::state::use_app;

#[component]
fn SortHeader(key: SortKey, id: &'static str, label: Msg, class: &'static str) -> impl IntoView {
    let browser = use_browser();
    let aria = move || browser.sort.get().aria_sort(key);
    let arrow = move || match aria() {
        "ascending" => "▲",
        "descending" => "▼",
        _ => "",
    };
    view! {
        <th scope="col" class=class aria-sort=aria>
            <button id=id type="button" on:click=move |_| browser.sort.update(|s| *s = s.clicked(key))>
                {t(label)}
                <span class="sort-arrow" aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}

#[component]
pub fn FileTable() -> impl IntoView {
    let app = use_app();
    let browser = use_browser();
    let navigate = use_navigate();
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let len = browser.entries.with_untracked(Vec::len);
        let key = ev.key();
        match key.as_str() {
            "ArrowDown" | "ArrowUp" => {
                let delta = if key == "ArrowDown" { 1 } else { -1 };
                browser
                    .selection
                    .update(|s| *s = s.step(delta, len, ev.shift_key()));
            }
            "Home" => browser
                .selection
                .update(|s| *s = s.step(-(len as isize), len, ev.shift_key())),
            "End" => browser
                .selection
                .update(|s| *s = s.step(len as isize, len, ev.shift_key())),
            "Enter" => match browser.focused() {
                Some(entry) => browser.open(app, &entry, &navigate),
                None => return,
            },
            "Delete" => {
                let sel = browser.selected();
                if sel.is_empty() {
                    return;
                }
                browser.dialog.set(Some(DialogKind::Delete(sel)));
            }
            "F2" => {
                let sel = browser.selected();
                let Some(entry) = sel.into_iter().next().or_else(|| browser.focused()) else {
                    return;
                };
                browser.dialog.set(Some(DialogKind::Rename(entry)));
            }
            "a" if ev.ctrl_key() || ev.meta_key() => browser.selection.set(Selection::all(len)),
            "Escape" => browser.selection.set(Selection::default()),
            _ => return,
        }
        ev.prevent_default();
    };
    view! {
        <Show
            when=move || !browser.loading.get()
            fallback=|| view! { <p id="loading" class="placeholder" role="status">{t(Msg::Loading)}</p> }
        >
            <table id="file-list" tabindex="0" aria-multiselectable="true" on:keydown=on_keydown.clone()>
                <thead>
                    <tr>
                        <SortHeader key=SortKey::Name id="sort-name" label=Msg::ColName class="name"/>
                        <SortHeader key=SortKey::Size id="sort-size" label=Msg::ColSize class="size"/>
                        <SortHeader
                            key=SortKey::Modified
                            id="sort-modified"
                            label=Msg::ColModified
                            class="modified"
                        />
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || browser.entries.get()
                        // Keyed by the item, not its position: rows that did not change keep
                        // their DOM nodes when the list reloads or re-sorts.
                        key=|e| (e.path.clone(), e.size, e.modified_ms, e.version)
                        children=|e| view! { <FileRow entry=e/> }
                    />
                </tbody>
            </table>
            <Show when=move || browser.entries.with(Vec::is_empty)>
                <div id="empty-folder" class="placeholder">
                    <p>{t(Msg::EmptyFolder)}</p>
                    <p class="hint">{t(Msg::EmptyFolderHint)}</p>
                </div>
            </Show>
        </Show>
    }
}
