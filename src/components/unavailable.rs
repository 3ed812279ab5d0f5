//! Pages reached by URL that the server's dialect cannot serve say so instead of failing.

use leptos::prelude::*;

use crate::components::status::StatusRegions;
use crate::i18n::{Msg, t};
use crate::model::Capabilities;
use crate::state::use_app;

/// Its children when the dialect has what `needs` asks for, else `#not-available`.
#[component]
pub fn Requires(needs: fn(&Capabilities) -> bool, children: ChildrenFn) -> impl IntoView {
    let app = use_app();
    let available = needs(&app.client().capabilities());
    view! {
        <Show when=move || available fallback=NotAvailable>
            {children()}
        </Show>
    }
}

#[component]
fn NotAvailable() -> impl IntoView {
    view! {
        <main class="files unavailable">
            <StatusRegions/>
            <p id="not-available" class="placeholder" role="status">{t(Msg::NotAvailable)}</p>
        </main>
    }
}
