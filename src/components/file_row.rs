//! One item of the listing, as a table row or a grid cell. The name is rendered as text, never
//! as HTML.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::browser::use_browser;
use crate::components::modal::focus_file_list;
use crate::components::thumb::Thumb;
use crate::i18n::{Msg, t, tf};
use crate::logic::format;
use crate::logic::selection::ClickMode;
use crate::model::Entry;
use crate::state::use_app;

/// Click handlers and state shared by the row and the grid cell at position `index`.
fn item_state(
    index: usize,
    entry: Entry,
) -> (
    Memo<bool>,
    Memo<bool>,
    impl Fn(web_sys::MouseEvent) + Clone + 'static,
    impl Fn(web_sys::MouseEvent) + Clone + 'static,
) {
    let browser = use_browser();
    let navigate = use_navigate();
    let selected = Memo::new(move |_| browser.selection.with(|s| s.is_selected(index)));
    let focused = Memo::new(move |_| browser.selection.with(|s| s.focus == Some(index)));
    let on_click = move |ev: web_sys::MouseEvent| {
        let mode = ClickMode::from_modifiers(ev.shift_key(), ev.ctrl_key() || ev.meta_key());
        if mode == ClickMode::Range {
            // Keep the browser from selecting the text between the clicks.
            ev.prevent_default();
        }
        browser.selection.update(|s| *s = s.click(index, mode));
        focus_file_list();
    };
    let on_dblclick = move |_: web_sys::MouseEvent| browser.open(index, &entry, &navigate);
    (selected, focused, on_click, on_dblclick)
}

fn star(entry: &Entry) -> Option<impl IntoView + use<>> {
    entry
        .favorite
        .then(|| view! { <span class="star" role="img" aria-label=t(Msg::Favorite)>"★"</span> })
}

/// `span.shared-marker` on share roots (shared by me, or mounted from someone else).
fn shared_marker(entry: &Entry) -> Option<impl IntoView + use<>> {
    entry.shared.then(|| {
        view! {
            <span class="shared-marker" role="img" aria-label=t(Msg::SharedMarker) title=t(Msg::SharedMarker)>
                "⇄"
            </span>
        }
    })
}

/// `span.comment-count` when the item has comments.
fn comment_count(entry: &Entry) -> Option<impl IntoView + use<>> {
    let n = entry.comments;
    (n > 0).then(|| {
        let label = tf(Msg::CommentCount, &[&n.to_string()]);
        view! {
            <span class="comment-count" aria-label=label.clone() title=label>
                {n.to_string()}
            </span>
        }
    })
}

fn kind(entry: &Entry) -> &'static str {
    if entry.is_folder { "folder" } else { "file" }
}

#[component]
pub fn FileRow(index: usize, entry: Entry) -> impl IntoView {
    let app = use_app();
    let (selected, focused, on_click, on_dblclick) = item_state(index, entry.clone());
    let size = if entry.is_folder {
        t(Msg::FolderKind).to_owned()
    } else {
        format::size(entry.size)
    };
    let thumb = (entry.thumbnail && app.client().capabilities().previews)
        .then(|| view! { <Thumb path=entry.path.clone()/> });
    view! {
        <tr
            data-path=entry.path.to_string()
            data-kind=kind(&entry)
            aria-rowindex=index + 2
            tabindex="-1"
            aria-selected=move || selected.get().to_string()
            class:focused=focused
            on:click=on_click
            on:dblclick=on_dblclick
        >
            <td class="name" title=entry.name.clone()>
                {thumb}
                {star(&entry)}
                <span class="label">{entry.name.clone()}</span>
                {shared_marker(&entry)}
                {comment_count(&entry)}
            </td>
            <td class="size">{size}</td>
            <td class="modified">{format::timestamp(entry.modified_ms)}</td>
        </tr>
    }
}

#[component]
pub fn GridItem(index: usize, entry: Entry) -> impl IntoView {
    let app = use_app();
    let (selected, focused, on_click, on_dblclick) = item_state(index, entry.clone());
    let thumb = (entry.thumbnail && app.client().capabilities().previews)
        .then(|| view! { <Thumb path=entry.path.clone()/> });
    let icon = thumb
        .is_none()
        .then(|| view! { <span class="icon" aria-hidden="true"></span> });
    view! {
        <li
            data-path=entry.path.to_string()
            data-kind=kind(&entry)
            role="option"
            aria-selected=move || selected.get().to_string()
            class:focused=focused
            on:click=on_click
            on:dblclick=on_dblclick
        >
            <span class="tile">{thumb}{icon}</span>
            <span class="grid-name" title=entry.name.clone()>
                {star(&entry)}
                {entry.name.clone()}
                {shared_marker(&entry)}
                {comment_count(&entry)}
            </span>
        </li>
    }
}
