//! "My public links" on `/shared`: every link the user made, in `table#my-links` with one
//! `tr[data-path]` per link, `.my-link-copy` and `.my-link-delete` (confirmed first); empty
//! state `p#my-links-empty`. Shown only where the dialect can list links (`link_list`).

use std::collections::HashSet;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::confirm_dialog::Confirm;
use crate::components::share_dialog::copy_text;
use crate::i18n::{Msg, t, tf};
use crate::logic::format;
use crate::logic::paths::reveal_href;
use crate::model::PublicLink;
use crate::state::use_app;

/// "3" or "3 of 10": only the limit the server reported, nothing guessed.
pub fn downloads_text(downloads: u64, max: Option<u64>) -> String {
    match max {
        Some(max) => tf(
            Msg::MyLinksDownloadsOf,
            &[&downloads.to_string(), &max.to_string()],
        ),
        None => downloads.to_string(),
    }
}

/// Newest first, so that the link just made is on top.
pub fn newest_first(mut links: Vec<PublicLink>) -> Vec<PublicLink> {
    links.sort_by(|a, b| {
        b.created_ms
            .cmp(&a.created_ms)
            .then_with(|| a.path.cmp(&b.path))
    });
    links
}

fn shown_name(l: &PublicLink) -> String {
    if l.name.is_empty() {
        l.path.to_string()
    } else {
        l.name.clone()
    }
}

#[component]
pub fn MyLinks() -> impl IntoView {
    let app = use_app();
    let links = LocalResource::new(move || {
        app.refresh.track();
        let client = app.client();
        async move { client.links().links().await }
    });
    // Deleted here since the last load: hidden at once, without waiting for a reload.
    let removed = RwSignal::new(HashSet::<String>::new());
    let ask = RwSignal::new(None::<PublicLink>);
    let title = NodeRef::<leptos::html::H2>::new();
    Effect::new(move || {
        if let Some(Err(e)) = links.get() {
            app.report(&e);
        }
    });
    let visible = move || match links.get() {
        Some(Ok(list)) => {
            let gone = removed.get();
            Some(newest_first(
                list.into_iter()
                    .filter(|l| !gone.contains(&l.path.to_string()))
                    .collect(),
            ))
        }
        Some(Err(_)) => Some(Vec::new()),
        None => None,
    };
    let copy = move |url: String| {
        spawn_local(async move {
            if copy_text(&url).await {
                app.succeed(t(Msg::LinkCopied).to_owned());
            } else {
                // No clipboard access: the address itself, to copy by hand.
                app.succeed(tf(Msg::MyLinksCopyFailed, &[&url]));
            }
        });
    };
    let delete = move |link: PublicLink| {
        ask.set(None);
        let client = app.client();
        spawn_local(async move {
            match client.links().delete_link(&link.path).await {
                Ok(()) => {
                    removed.update(|s| {
                        s.insert(link.path.to_string());
                    });
                    app.succeed(t(Msg::LinkDeleted).to_owned());
                    // The focused button went with its row: keep focus in the section.
                    if let Some(h) = title.get_untracked() {
                        let _ = h.focus();
                    }
                }
                Err(e) => app.report(&e),
            }
        });
    };
    let rows = move || {
        visible()
            .unwrap_or_default()
            .into_iter()
            .map(|l| {
                let name = shown_name(&l);
                let expires = l
                    .expires_ms
                    .map(format::timestamp)
                    .unwrap_or_else(|| t(Msg::Never).to_owned());
                let password = t(if l.has_password {
                    Msg::MyLinksPasswordYes
                } else {
                    Msg::MyLinksPasswordNo
                });
                let url = l.url.clone();
                let target = l.clone();
                view! {
                    <tr data-path=l.path.to_string() data-kind=if l.is_folder { "folder" } else { "file" }>
                        <td class="name"><a href=reveal_href(&l.path)>{name.clone()}</a></td>
                        <td class="path">{l.path.to_string()}</td>
                        <td class="modified">{format::timestamp(l.created_ms)}</td>
                        <td class="modified">{expires}</td>
                        <td>{password}</td>
                        <td class="size">{downloads_text(l.downloads, l.download_max)}</td>
                        <td class="actions">
                            <button
                                type="button"
                                class="my-link-copy"
                                aria-label=tf(Msg::MyLinksCopyFor, &[&name])
                                on:click=move |_| copy(url.clone())
                            >
                                {t(Msg::LinkCopy)}
                            </button>
                            <button
                                type="button"
                                class="my-link-delete danger"
                                aria-label=tf(Msg::MyLinksDeleteFor, &[&name])
                                on:click=move |_| ask.set(Some(target.clone()))
                            >
                                {t(Msg::LinkDelete)}
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    let confirm = move || {
        let link = ask.get()?;
        let name = shown_name(&link);
        Some(view! {
            <Confirm
                title=tf(Msg::MyLinksDeleteTitle, &[&name])
                text=t(Msg::MyLinksDeleteText).to_owned()
                ok_label=t(Msg::LinkDelete)
                on_ok=Callback::new(move |_| delete(link.clone()))
                on_cancel=Callback::new(move |_| ask.set(None))
            />
        })
    };
    view! {
        <section aria-labelledby="links-title">
            <h2 id="links-title" tabindex="-1" node_ref=title>{t(Msg::MyLinksTitle)}</h2>
            <Show
                when=move || visible().is_some()
                fallback=|| view! { <p class="placeholder" role="status">{t(Msg::Loading)}</p> }
            >
                <Show
                    when=move || !visible().unwrap_or_default().is_empty()
                    fallback=move || {
                        // A failed load is reported in the alert region; it is not "no links".
                        let failed = matches!(links.get(), Some(Err(_)));
                        (!failed)
                            .then(|| view! { <p id="my-links-empty" class="placeholder">{t(Msg::MyLinksNone)}</p> })
                    }
                >
                    <div class="table-scroll">
                        <table id="my-links" class="list my-links" aria-labelledby="links-title">
                            <thead>
                                <tr>
                                    <th scope="col" class="name">{t(Msg::ColName)}</th>
                                    <th scope="col">{t(Msg::ColFolder)}</th>
                                    <th scope="col">{t(Msg::ColCreated)}</th>
                                    <th scope="col">{t(Msg::ColExpires)}</th>
                                    <th scope="col">{t(Msg::ColPassword)}</th>
                                    <th scope="col" class="size">{t(Msg::ColDownloads)}</th>
                                    <th scope="col">{t(Msg::ColActions)}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                </Show>
            </Show>
            {confirm}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use satchel_wire::NodePath;

    fn link(path: &str, created_ms: i64) -> PublicLink {
        PublicLink {
            id: path.to_owned(),
            url: format!("/s{path}"),
            path: NodePath::parse(path).unwrap(),
            name: String::new(),
            is_folder: false,
            created_ms,
            expires_ms: None,
            download_max: None,
            downloads: 0,
            has_password: false,
        }
    }

    #[test]
    fn downloads_show_the_limit_only_when_known() {
        assert_eq!(downloads_text(3, None), "3");
        assert_eq!(downloads_text(3, Some(10)), "3 of 10");
    }

    #[test]
    fn newest_link_comes_first() {
        let sorted = newest_first(vec![link("/a", 1), link("/c", 5), link("/b", 5)]);
        let paths: Vec<String> = sorted.iter().map(|l| l.path.to_string()).collect();
        assert_eq!(paths, ["/b", "/c", "/a"]);
    }

    #[test]
    fn a_nameless_link_shows_its_path() {
        assert_eq!(shown_name(&link("/x/y.txt", 0)), "/x/y.txt");
    }
}
