//! `/search?q=…&type=…&from=…&to=…`: name search with kind and date filters, paged.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::result_table::ResultTable;
use crate::components::shell::Shell;
use crate::components::status::StatusRegions;
use crate::components::unavailable::Requires;
use crate::i18n::{Msg, t, tf};
use crate::model::{Entry, SearchKind, SearchQuery};
use crate::state::use_app;

const PAGE: u64 = 100;

/// `YYYY-MM-DD` (an `<input type=date>` value) as epoch ms at the start (or end) of that day, UTC.
fn day_ms(value: &str, end_of_day: bool) -> Option<i64> {
    if value.is_empty() {
        return None;
    }
    let ms = js_sys::Date::parse(value);
    if ms.is_nan() {
        return None;
    }
    Some(ms as i64 + if end_of_day { 86_400_000 - 1 } else { 0 })
}

fn kind_label(kind: SearchKind) -> Msg {
    match kind {
        SearchKind::Any => Msg::KindAny,
        SearchKind::Folder => Msg::KindFolder,
        SearchKind::Image => Msg::KindImage,
        SearchKind::Audio => Msg::KindAudio,
        SearchKind::Video => Msg::KindVideo,
        SearchKind::Document => Msg::KindDocument,
        SearchKind::Other => Msg::KindOther,
    }
}

#[component]
pub fn SearchPage() -> impl IntoView {
    view! {
        <Shell>
            <Requires needs=|c| c.search>
                <SearchView/>
            </Requires>
        </Shell>
    }
}

#[component]
fn SearchView() -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let query = use_query_map();
    let param = move |k: &str| query.with(|q| q.get(k).unwrap_or_default());
    let request = Memo::new(move |_| {
        let from = param("from");
        let to = param("to");
        SearchQuery {
            text: param("q"),
            kind: SearchKind::from_code(&param("type")),
            from_ms: day_ms(&from, false),
            to_ms: day_ms(&to, true),
        }
    });
    let results = RwSignal::new(Vec::<Entry>::new());
    let is_last = RwSignal::new(true);
    let loading = RwSignal::new(false);
    // Bumped per request so a slow, outdated answer is dropped.
    let generation = StoredValue::new(0u32);
    let fetch = move |offset: u64| {
        let q = request.get_untracked();
        let client = app.client();
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        loading.set(true);
        spawn_local(async move {
            let page = client.files().search(&q, offset, PAGE).await;
            if generation.get_value() != mine {
                return;
            }
            loading.set(false);
            match page {
                Ok(p) => {
                    is_last.set(p.is_last);
                    if offset == 0 {
                        results.set(p.entries);
                    } else {
                        results.update(|v| v.extend(p.entries));
                    }
                }
                Err(e) => app.report(&e),
            }
        });
    };
    Effect::new(move || {
        request.track();
        fetch(0);
    });
    // Filters live in the URL, so back/forward and reloads keep them.
    let set_param = move |key: &'static str, value: String| {
        let mut pairs: Vec<(String, String)> = ["q", "type", "from", "to"]
            .iter()
            .map(|k| (k.to_string(), param(k)))
            .filter(|(k, v)| *k != key && !v.is_empty())
            .collect();
        if !value.is_empty() {
            pairs.push((key.to_owned(), value));
        }
        let q = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        navigate(&format!("/search?{q}"), Default::default());
    };
    let entries = Signal::derive(move || results.get());
    view! {
        <main class="files search-page">
            <h1 class="page-title">
                {move || tf(Msg::SearchTitle, &[&request.with(|r| r.text.clone())])}
            </h1>
            <div class="filters">
                <label>
                    {t(Msg::SearchType)}
                    <select
                        id="search-type"
                        on:change={
                            let set_param = set_param.clone();
                            move |ev| set_param("type", event_target_value(&ev))
                        }
                    >
                        {SearchKind::ALL
                            .into_iter()
                            .map(|k| {
                                view! {
                                    <option
                                        value=k.code()
                                        selected=move || request.with(|r| r.kind == k)
                                    >
                                        {t(kind_label(k))}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    {t(Msg::SearchFrom)}
                    <input
                        id="search-from"
                        type="date"
                        prop:value=move || param("from")
                        on:change={
                            let set_param = set_param.clone();
                            move |ev| set_param("from", event_target_value(&ev))
                        }
                    />
                </label>
                <label>
                    {t(Msg::SearchTo)}
                    <input
                        id="search-to"
                        type="date"
                        prop:value=move || param("to")
                        on:change=move |ev| set_param("to", event_target_value(&ev))
                    />
                </label>
            </div>
            <StatusRegions/>
            <ResultTable id="search-results" entries=entries/>
            <Show when=move || !loading.get() && results.with(Vec::is_empty)>
                <p id="search-empty" class="placeholder">{t(Msg::SearchNone)}</p>
            </Show>
            <Show when=move || loading.get()>
                <p class="placeholder" role="status">{t(Msg::Loading)}</p>
            </Show>
            <Show when=move || !is_last.get() && !loading.get()>
                <button
                    id="search-more"
                    type="button"
                    on:click=move |_| fetch(results.with_untracked(Vec::len) as u64)
                >
                    {t(Msg::SearchMore)}
                </button>
            </Show>
        </main>
    }
}
