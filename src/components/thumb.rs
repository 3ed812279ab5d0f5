//! `img.thumb`: a preview fetched with the auth header (an `<img src>` cannot send it), shown
//! through an object URL that is revoked when the row goes away.

use leptos::prelude::*;
use leptos::task::spawn_local;
use satchel_wire::NodePath;

use crate::state::use_app;

#[component]
pub fn Thumb(path: NodePath) -> impl IntoView {
    let app = use_app();
    let url = RwSignal::new(None::<String>);
    let client = app.client();
    spawn_local(async move {
        let Ok(blob) = client.files().thumbnail(&path).await else {
            return;
        };
        let Ok(object) = web_sys::Url::create_object_url_with_blob(&blob) else {
            return;
        };
        // The row may have scrolled away meanwhile: then nobody will show (or revoke) it.
        if let Some(Some(orphan)) = url.try_set(Some(object)) {
            let _ = web_sys::Url::revoke_object_url(&orphan);
        }
    });
    on_cleanup(move || {
        if let Some(Some(u)) = url.try_get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&u);
        }
    });
    move || match url.get() {
        Some(src) => {
            view! { <img class="thumb" src=src alt="" loading="lazy" decoding="async"/> }.into_any()
        }
        None => {
            view! { <span class="thumb placeholder-thumb" aria-hidden="true"></span> }.into_any()
        }
    }
}
