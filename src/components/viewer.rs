//! `#viewer`: shows a file of the listing: images (with previous/next across the folder's
//! images), the start of text files (as text, never as HTML), PDF in the browser's viewer,
//! audio and video with controls; anything else offers a download.

use leptos::prelude::*;

use crate::browser::{download, use_browser};
use crate::components::modal::{Modal, focus_button_on_mount};
use crate::i18n::{Msg, t};
use crate::logic::preview::{PreviewKind, preview_kind};
use crate::model::{Entry, TextHead};
use crate::state::use_app;

/// Text files are fetched up to this many bytes (a `Range` request).
const TEXT_LIMIT: u64 = 1 << 20;

#[derive(Clone)]
enum Shown {
    Url(String),
    Text(TextHead),
}

#[component]
pub fn Viewer(start: usize, on_close: Callback<()>) -> impl IntoView {
    let app = use_app();
    let browser = use_browser();
    let index = RwSignal::new(start);
    let close_btn = NodeRef::<leptos::html::Button>::new();
    focus_button_on_mount(close_btn);
    let entry = Memo::new(move |_| browser.entries.with(|v| v.get(index.get()).cloned()));
    let kind = Memo::new(move |_| entry.get().as_ref().map_or(PreviewKind::None, preview_kind));
    let content = LocalResource::new(move || {
        let entry = entry.get();
        let kind = kind.get();
        let client = app.client();
        async move {
            let entry = entry?;
            if kind == PreviewKind::None {
                return None;
            }
            let url = client.files().view_url(&entry.path).await;
            let shown = match (kind, url) {
                (_, Err(e)) => Err(e),
                (PreviewKind::Text, Ok(url)) => client
                    .files()
                    .text_head(&url, TEXT_LIMIT)
                    .await
                    .map(Shown::Text),
                (_, Ok(url)) => Ok(Shown::Url(url)),
            };
            Some(shown)
        }
    });
    Effect::new(move || {
        if let Some(Some(Err(e))) = content.get() {
            app.report(&e);
        }
    });
    // The other images of the folder, for previous / next.
    let step = move |delta: isize| {
        let now = index.get_untracked();
        let next = browser.entries.with_untracked(|v| {
            let is_image = |i: &usize| {
                v.get(*i)
                    .is_some_and(|e| preview_kind(e) == PreviewKind::Image)
            };
            if delta > 0 {
                (now + 1..v.len()).find(is_image)
            } else {
                (0..now).rev().find(is_image)
            }
        });
        if let Some(i) = next {
            index.set(i);
        }
    };
    let has_step = move |delta: isize| {
        let now = index.get();
        browser.entries.with(|v| {
            let is_image = |e: &Entry| preview_kind(e) == PreviewKind::Image;
            if delta > 0 {
                v.iter().skip(now + 1).any(is_image)
            } else {
                v.iter().take(now).any(is_image)
            }
        })
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if kind.get_untracked() != PreviewKind::Image {
            return;
        }
        match ev.key().as_str() {
            "ArrowLeft" => step(-1),
            "ArrowRight" => step(1),
            _ => return,
        }
        ev.prevent_default();
    };
    let name = move || entry.get().map(|e| e.name).unwrap_or_default();
    let body = move || {
        let kind = kind.get();
        let e = entry.get()?;
        if kind == PreviewKind::None {
            return Some(
                view! {
                    <div id="viewer-none" class="placeholder">
                        <p>{t(Msg::ViewerNone)}</p>
                        <button
                            id="viewer-download"
                            type="button"
                            class="primary"
                            on:click=move |_| download(app, e.clone())
                        >
                            {t(Msg::Download)}
                        </button>
                    </div>
                }
                .into_any(),
            );
        }
        let shown = match content.get() {
            Some(Some(Ok(s))) => s,
            Some(Some(Err(_))) => return None,
            _ => {
                return Some(
                    view! { <p class="placeholder" role="status">{t(Msg::Loading)}</p> }.into_any(),
                );
            }
        };
        Some(match (kind, shown) {
            (_, Shown::Text(head)) => view! {
                <pre id="viewer-text">{head.text}</pre>
                {head.truncated.then(|| view! { <p class="hint" id="viewer-truncated">{t(Msg::ViewerTruncated)}</p> })}
            }
            .into_any(),
            (PreviewKind::Image, Shown::Url(url)) => {
                view! { <img id="viewer-image" src=url alt=e.name.clone()/> }.into_any()
            }
            (PreviewKind::Pdf, Shown::Url(url)) => {
                view! { <iframe id="viewer-pdf" src=url title=e.name.clone()></iframe> }.into_any()
            }
            (PreviewKind::Audio, Shown::Url(url)) => {
                view! { <audio id="viewer-media" src=url controls preload="metadata"></audio> }.into_any()
            }
            (_, Shown::Url(url)) => {
                view! { <video id="viewer-media" src=url controls preload="metadata"></video> }.into_any()
            }
        })
    };
    view! {
        <Modal id="viewer" labelled_by="viewer-title" on_close=on_close>
            <div class="viewer-wrap" on:keydown=on_keydown>
            <div class="viewer-head">
                <h2 id="viewer-title">{name}</h2>
                <Show when=move || kind.get() == PreviewKind::Image>
                    <button
                        id="viewer-prev"
                        type="button"
                        disabled=move || !has_step(-1)
                        aria-label=t(Msg::ViewerPrev)
                        on:click=move |_| step(-1)
                    >
                        "‹"
                    </button>
                    <button
                        id="viewer-next"
                        type="button"
                        disabled=move || !has_step(1)
                        aria-label=t(Msg::ViewerNext)
                        on:click=move |_| step(1)
                    >
                        "›"
                    </button>
                </Show>
                <button id="viewer-close" type="button" node_ref=close_btn on:click=move |_| on_close.run(())>
                    {t(Msg::Close)}
                </button>
            </div>
            <div class="viewer-body">{body}</div>
            </div>
        </Modal>
    }
}
