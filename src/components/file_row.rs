//! One row of the listing. The name is rendered as text, never as HTML.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::Entry;
use crate::browser::use_browser;
use crate::i18n::{Msg, t};
use crate::logic::format;
use crate::logic::selection::ClickMode;
use crate::state::use_app;

#[component]
pub fn FileRow(entry: Entry) -> impl IntoView {
    let app = use_app();
    let browser = use_browser();
    let navigate = use_navigate();
    // The row's position in the sorted list, which changes as other rows come and go.
    let path = entry.path.clone();
    let index = Memo::new(move |_| {
        browser
            .entries
            .with(|v| v.iter().position(|e| e.path == path))
    });
    let selected = Memo::new(move |_| {
        index
            .get()
            .is_some_and(|i| browser.selection.with(|s| s.is_selected(i)))
    });
    let focused = Memo::new(move |_| {
        index
            .get()
            .is_some_and(|i| browser.selection.with(|s| s.focus == Some(i)))
    });
    let on_click = move |ev: web_sys::MouseEvent| {
        let mode = ClickMode::from_modifiers(ev.shift_key(), ev.ctrl_key() || ev.meta_key());
        if mode == ClickMode::Range {
            // Keep the browser from selecting the text between the clicks.
            ev.prevent_default();
        }
        if let Some(i) = index.get_untracked() {
            browser.selection.update(|s| *s = s.click(i, mode));
        }
    };
    let open_entry = entry.clone();
    let on_dblclick = move |_| browser.open(app, &open_entry, &navigate);
    let kind = if entry.is_folder { "folder" } else { "file" };
    let size = if entry.is_folder {
        t(Msg::FolderKind).to_owned()
    } else {
        format::size(entry.size)
    };
    view! {
        <tr
            data-path=entry.path.to_string()
            data-kind=kind
            tabindex="-1"
            aria-selected=move || selected.get().to_string()
            class:focused=focused
            on:click=on_click
            on:dblclick=on_dblclick
        >
            <td class="name">{entry.name.clone()}</td>
            <td class="size">{size}</td>
            <td class="modified">{format::timestamp(entry.modified_ms)}</td>
        </tr>
    }
}
