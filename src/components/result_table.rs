//! A flat list of items from anywhere (favorites, search results): name, folder, size, modified.
//! Double-click or Enter shows the item in its folder, selected.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::i18n::{Msg, t};
use crate::logic::format;
use crate::logic::paths::reveal_href;
use crate::model::Entry;

#[component]
pub fn ResultTable(id: &'static str, entries: Signal<Vec<Entry>>) -> impl IntoView {
    let navigate = use_navigate();
    let focus = RwSignal::new(None::<usize>);
    // A new result set starts with nothing focused.
    Effect::new(move || {
        entries.track();
        focus.set(None);
    });
    let reveal = {
        let navigate = navigate.clone();
        move |i: usize| {
            if let Some(e) = entries.with_untracked(|v| v.get(i).cloned()) {
                navigate(&reveal_href(&e.path), Default::default());
            }
        }
    };
    let on_keydown = {
        let reveal = reveal.clone();
        move |ev: web_sys::KeyboardEvent| {
            let len = entries.with_untracked(Vec::len);
            if len == 0 {
                return;
            }
            let now = focus.get_untracked();
            match ev.key().as_str() {
                "ArrowDown" => focus.set(Some(now.map_or(0, |i| (i + 1).min(len - 1)))),
                "ArrowUp" => focus.set(Some(now.map_or(len - 1, |i| i.saturating_sub(1)))),
                "Enter" => match now {
                    Some(i) => reveal(i),
                    None => return,
                },
                _ => return,
            }
            ev.prevent_default();
        }
    };
    view! {
        <table id=id class="list" tabindex="0" on:keydown=on_keydown>
            <thead>
                <tr>
                    <th scope="col" class="name">{t(Msg::ColName)}</th>
                    <th scope="col" class="origin">{t(Msg::ColFolder)}</th>
                    <th scope="col" class="size">{t(Msg::ColSize)}</th>
                    <th scope="col" class="modified">{t(Msg::ColModified)}</th>
                </tr>
            </thead>
            <tbody>
                {move || {
                    let reveal = reveal.clone();
                    entries
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(move |(i, e)| {
                            let reveal = reveal.clone();
                            let kind = if e.is_folder { "folder" } else { "file" };
                            let folder = e.path.parent().map(|p| p.to_string()).unwrap_or_default();
                            let size = if e.is_folder {
                                t(Msg::FolderKind).to_owned()
                            } else {
                                format::size(e.size)
                            };
                            view! {
                                <tr
                                    data-path=e.path.to_string()
                                    data-kind=kind
                                    aria-selected=move || (focus.get() == Some(i)).to_string()
                                    class:focused=move || focus.get() == Some(i)
                                    on:click=move |_| focus.set(Some(i))
                                    on:dblclick=move |_| reveal(i)
                                >
                                    <td class="name">
                                        {e.favorite.then(|| view! { <span class="star" role="img" aria-label=t(Msg::Favorite)>"★"</span> })}
                                        {e.name.clone()}
                                    </td>
                                    <td class="origin">{folder}</td>
                                    <td class="size">{size}</td>
                                    <td class="modified">{format::timestamp(e.modified_ms)}</td>
                                </tr>
                            }
                        })
                        .collect_view()
                }}
            </tbody>
        </table>
    }
}
