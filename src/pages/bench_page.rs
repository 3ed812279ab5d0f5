//! `/bench`: hash a chosen file in the MD5 worker and report the MD5 and the time taken.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::toolbar::files_of;
use crate::i18n::{Msg, t};
use crate::state::use_app;
use crate::upload::md5::{WorkerSlot, hash_file};

fn perf_now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}

#[component]
pub fn BenchPage() -> impl IntoView {
    let app = use_app();
    let result = RwSignal::new(None::<(String, f64)>);
    let error = RwSignal::new(None::<String>);
    let running = RwSignal::new(false);
    let on_change = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = files_of(&input).into_iter().next() else {
            return;
        };
        result.set(None);
        error.set(None);
        running.set(true);
        let chunk = app.config.get_untracked().chunk_size;
        spawn_local(async move {
            let started = perf_now();
            let slot = WorkerSlot::default();
            match hash_file(&file, chunk, |_| {}, &slot).await {
                Ok(h) => result.set(Some((h.whole, perf_now() - started))),
                Err(e) => error.set(Some(format!("{} {e}", t(Msg::ErrWorker)))),
            }
            running.set(false);
        });
    };
    view! {
        <main class="login">
            <div class="login-card">
                <h1>{t(Msg::BenchTitle)}</h1>
                <label for="bench-file">{t(Msg::BenchFile)}</label>
                <input id="bench-file" type="file" on:change=on_change/>
                <Show when=move || running.get()>
                    <p role="status">{t(Msg::BenchRunning)}</p>
                </Show>
                {move || result.get().map(|(md5, ms)| view! {
                    <dl class="bench">
                        <dt>{t(Msg::BenchMd5)}</dt>
                        <dd id="bench-md5">{md5}</dd>
                        <dt>{t(Msg::BenchMs)}</dt>
                        <dd id="bench-ms">{format!("{ms:.1}")}</dd>
                    </dl>
                })}
                <p id="error" role="alert" class:visible=move || error.with(Option::is_some)>{move || error.get()}</p>
            </div>
        </main>
    }
}
