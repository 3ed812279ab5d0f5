//! The live regions: successes in `#status` (role=status), failures in `#error` (role=alert);
//! the admin pages show the same regions as `#admin-status` and `#admin-error`.

use leptos::prelude::*;

use crate::i18n::{Msg, t};
use crate::state::use_app;

#[component]
pub fn StatusRegions(
    #[prop(default = "status")] status_id: &'static str,
    #[prop(default = "error")] error_id: &'static str,
) -> impl IntoView {
    let app = use_app();
    view! {
        <div class="messages">
            <p id=status_id role="status" aria-live="polite">
                {move || app.status.get()}
            </p>
            <div id=error_id role="alert" class:visible=move || app.error.with(Option::is_some)>
                <span>{move || app.error.get()}</span>
                <Show when=move || app.error.with(Option::is_some)>
                    <button type="button" class="link" on:click=move |_| app.error.set(None)>
                        {t(Msg::Close)}
                    </button>
                </Show>
            </div>
        </div>
    }
}
