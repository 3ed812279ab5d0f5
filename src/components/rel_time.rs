//! `<time>` showing how long ago, with the absolute time in `datetime` and the tooltip.

use leptos::prelude::*;

use crate::i18n::{Msg, t, tf};
use crate::logic::format::{self, Ago};

/// "3 min ago", or the date when it is long ago.
pub fn relative(ms: i64) -> String {
    match format::ago(ms, js_sys::Date::now() as i64) {
        Ago::JustNow => t(Msg::AgoJustNow).to_owned(),
        Ago::Minutes(n) => tf(Msg::AgoMinutes, &[&n.to_string()]),
        Ago::Hours(n) => tf(Msg::AgoHours, &[&n.to_string()]),
        Ago::Days(n) => tf(Msg::AgoDays, &[&n.to_string()]),
        Ago::Long => format::timestamp(ms),
    }
}

fn iso(ms: i64) -> String {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64))
        .to_iso_string()
        .into()
}

#[component]
pub fn RelTime(ms: i64, #[prop(into)] class: String) -> impl IntoView {
    view! {
        <time class=class datetime=iso(ms) title=format::timestamp(ms)>
            {relative(ms)}
        </time>
    }
}
