//! `/favorites`: every starred item, wherever it lives.

use leptos::prelude::*;

use crate::components::result_table::ResultTable;
use crate::components::shell::Shell;
use crate::components::status::StatusRegions;
use crate::components::unavailable::Requires;
use crate::i18n::{Msg, t};
use crate::state::use_app;

#[component]
pub fn FavoritesPage() -> impl IntoView {
    view! {
        <Shell>
            <Requires needs=|c| c.favorites>
                <FavoritesView/>
            </Requires>
        </Shell>
    }
}

#[component]
fn FavoritesView() -> impl IntoView {
    let app = use_app();
    let listing = LocalResource::new(move || {
        app.refresh.track();
        let client = app.client();
        async move { client.files().favorites().await }
    });
    Effect::new(move || {
        if let Some(Err(e)) = listing.get() {
            app.report(&e);
        }
    });
    let entries = Signal::derive(move || match listing.get() {
        Some(Ok(v)) => v,
        _ => Vec::new(),
    });
    view! {
        <main class="files favorites">
            <h1 class="page-title">{t(Msg::FavoritesTitle)}</h1>
            <StatusRegions/>
            <Show
                when=move || listing.get().is_some()
                fallback=|| view! { <p id="loading" class="placeholder" role="status">{t(Msg::Loading)}</p> }
            >
                <ResultTable id="favorites-list" entries=entries/>
                <Show when=move || entries.with(Vec::is_empty)>
                    <p id="empty-favorites" class="placeholder">{t(Msg::FavoritesEmpty)}</p>
                </Show>
            </Show>
        </main>
    }
}
