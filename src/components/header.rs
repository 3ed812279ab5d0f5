//! The top bar: app name, signed-in user, sign out.

use leptos::prelude::*;
use leptos::task::spawn_local;

use leptos_router::hooks::{use_navigate, use_query_map};

use crate::i18n::{Msg, t};
use crate::state::use_app;
use crate::upload::{cancel_all, use_uploads};

#[component]
pub fn Header() -> impl IntoView {
    let app = use_app();
    let uploads = use_uploads();
    let login = move || app.session.with(|s| s.as_ref().map(|s| s.login.clone()));
    let full_name = move || {
        app.account
            .with(|a| a.as_ref().map(|a| a.name.clone()))
            .unwrap_or_default()
    };
    let logout = move |_| {
        cancel_all(app, uploads);
        let client = app.client();
        spawn_local(async move {
            // Signing out locally must work even when the server is unreachable.
            let _ = client.session().logout().await;
            app.sign_out(Msg::SignedOut);
        });
    };
    view! {
        <header class="topbar">
            <a class="brand" href="/files/">{t(Msg::AppName)}</a>
            <Show when=move || app.client().capabilities().search>
                <SearchBox/>
            </Show>
            <div class="user">
                <span class="visually-hidden">{t(Msg::SignedInAs)}" "</span>
                <span id="current-user" title=full_name>{login}</span>
                <button id="btn-logout" type="button" on:click=logout>{t(Msg::Logout)}</button>
            </div>
        </header>
    }
}

/// `input#search-input`: Enter opens `/search?q=…`.
#[component]
fn SearchBox() -> impl IntoView {
    let navigate = use_navigate();
    let query = use_query_map();
    let input = NodeRef::<leptos::html::Input>::new();
    let on_submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let Some(el) = input.get() else { return };
        let text = el.value();
        let q = serde_urlencoded::to_string([("q", text.trim())]).unwrap_or_default();
        navigate(&format!("/search?{q}"), Default::default());
    };
    view! {
        <form class="search" role="search" on:submit=on_submit>
            <label for="search-input" class="visually-hidden">{t(Msg::SearchLabel)}</label>
            <input
                id="search-input"
                type="search"
                placeholder=t(Msg::SearchPlaceholder)
                node_ref=input
                prop:value=move || query.with(|q| q.get("q").unwrap_or_default())
            />
        </form>
    }
}
