//! The top bar: app name, signed-in user, sign out.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::Client;
use crate::i18n::{Msg, t};
use crate::state::use_app;
use crate::upload::{cancel_all, use_uploads};

#[component]
pub fn Header() -> impl IntoView {
    let app = use_app();
    let uploads = use_uploads();
    let login = move || app.session.with(|s| s.as_ref().map(|s| s.login.clone()));
    let account = LocalResource::new(move || {
        let client = app.client();
        async move { client.account().await.ok() }
    });
    let full_name = move || account.get().flatten().map(|a| a.name).unwrap_or_default();
    let logout = move |_| {
        cancel_all(app, uploads);
        let client = app.client();
        spawn_local(async move {
            // Signing out locally must work even when the server is unreachable.
            let _ = client.logout().await;
            app.sign_out(Msg::SignedOut);
        });
    };
    view! {
        <header class="topbar">
            <a class="brand" href="/files/">{t(Msg::AppName)}</a>
            <div class="user">
                <span class="visually-hidden">{t(Msg::SignedInAs)}" "</span>
                <span id="current-user" title=full_name>{login}</span>
                <button id="btn-logout" type="button" on:click=logout>{t(Msg::Logout)}</button>
            </div>
        </header>
    }
}
