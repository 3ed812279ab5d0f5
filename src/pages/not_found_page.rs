use leptos::prelude::*;

use crate::i18n::{Msg, t};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <main class="login">
            <div class="login-card">
                <p>{t(Msg::NotFoundPage)}</p>
                <a href="/files/">{t(Msg::BackToFiles)}</a>
            </div>
        </main>
    }
}
