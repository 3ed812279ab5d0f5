//! Satchel: a web file manager SPA (Leptos, client-side rendered).
//!
//! - `model/`: Satchel's own types (entries, shares, links, comments, admin records, errors,
//!   capabilities), whatever the dialect;
//! - `api/`: the area traits, the [`api::Client`] the UI holds, and one folder per server dialect
//!   implementing the areas (no views);
//! - `upload/`: the upload queue (hashing, retries, progress, cancel), driving the dialect's
//!   upload protocol, and the MD5 worker protocol;
//! - `logic/`: pure functions over `model` (sorting, selection, formatting, URL paths), tested
//!   natively;
//! - `state`, `browser`: contexts for the app and the files page;
//! - `components/`, `pages/`: views. Every user-facing string comes from [`i18n`].

pub mod api;
pub mod browser;
pub mod components;
pub mod config;
pub mod i18n;
#[cfg(test)]
mod layering;
pub mod logic;
pub mod model;
pub mod pages;
pub mod state;
pub mod upload;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::pages::activity_page::ActivityPage;
use crate::pages::admin_company_page::AdminCompanyPage;
use crate::pages::admin_groups_page::AdminGroupsPage;
use crate::pages::admin_storage_page::AdminStoragePage;
use crate::pages::admin_users_page::AdminUsersPage;
use crate::pages::bench_page::BenchPage;
use crate::pages::favorites_page::FavoritesPage;
use crate::pages::files_page::FilesPage;
use crate::pages::join_page::JoinPage;
use crate::pages::link_page::LinkPage;
use crate::pages::login_page::LoginPage;
use crate::pages::not_found_page::NotFoundPage;
use crate::pages::search_page::SearchPage;
use crate::pages::shared_page::SharedPage;
use crate::pages::tasks_page::TasksPage;
use crate::pages::trash_page::TrashPage;
use crate::state::{AppState, load_config, mark_body, use_app};
use crate::upload::Uploads;

#[component]
pub fn App() -> impl IntoView {
    let app = AppState::new();
    provide_context(app);
    provide_context(Uploads::new());
    // Who is signed in (the shell shows the admin section by role), after sign-in and on start.
    // Changes (uploads, deletes) move the storage numbers, so they reload it too.
    Effect::new(move || {
        app.refresh.track();
        if app.config_loaded.get() && app.session.with(Option::is_some) {
            app.load_account();
        }
    });
    mark_body(app);
    spawn_local(async move {
        let config = load_config().await;
        app.config.set(config);
        app.config_loaded.set(true);
    });
    view! {
        <Router>
            <Show when=move || app.config_loaded.get()>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/login") view=LoginPage/>
                    <Route path=path!("/files") view=FilesPage/>
                    <Route path=path!("/files/*path") view=FilesPage/>
                    <Route path=path!("/favorites") view=FavoritesPage/>
                    <Route path=path!("/trash") view=TrashPage/>
                    <Route path=path!("/search") view=SearchPage/>
                    <Route path=path!("/shared") view=SharedPage/>
                    <Route path=path!("/tasks") view=TasksPage/>
                    <Route path=path!("/activity") view=ActivityPage/>
                    <Route path=path!("/admin") view=|| view! { <Redirect path="/admin/users"/> }/>
                    <Route path=path!("/admin/users") view=AdminUsersPage/>
                    <Route path=path!("/admin/groups") view=AdminGroupsPage/>
                    <Route path=path!("/admin/company") view=AdminCompanyPage/>
                    <Route path=path!("/admin/storage") view=AdminStoragePage/>
                    // Invitations and public links: no sign-in needed.
                    <Route path=path!("/join/:token") view=JoinPage/>
                    <Route path=path!("/s/:hash") view=LinkPage/>
                    <Route path=path!("/s/:hash/*path") view=LinkPage/>
                    <Route path=path!("/bench") view=BenchPage/>
                </Routes>
            </Show>
        </Router>
    }
}

/// `/`: the files when signed in, else the login page.
#[component]
fn Home() -> impl IntoView {
    let app = use_app();
    let target = if app.session.with_untracked(Option::is_some) {
        "/files/"
    } else {
        "/login"
    };
    view! { <Redirect path=target/> }
}
