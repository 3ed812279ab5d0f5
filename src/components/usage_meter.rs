//! Storage used against a quota: a `<meter>` (when there is a limit) and the numbers as text.

use leptos::prelude::*;

use crate::i18n::{Msg, t, tf};
use crate::logic::format;
use crate::logic::quota;

/// "1.2 GB of 10.0 GB" or "1.2 GB of unlimited".
pub fn used_text(used: u64, limit: Option<u64>) -> String {
    let limit = limit.map_or_else(|| t(Msg::QuotaUnlimited).to_owned(), format::size);
    tf(Msg::UsedOfQuota, &[&format::size(used), &limit])
}

#[component]
pub fn UsageMeter(used: u64, limit: Option<u64>) -> impl IntoView {
    let text = used_text(used, limit);
    let over = quota::fill(used, limit).is_some_and(|f| f >= 1.0);
    let meter = limit.map(|q| {
        let max = q.max(1);
        view! {
            <meter
                min="0"
                max=max.to_string()
                low=(max as f64 * 0.8).to_string()
                high=(max as f64 * 0.95).to_string()
                optimum="0"
                value=used.min(max).to_string()
                aria-label=text.clone()
            ></meter>
        }
    });
    view! {
        <span class="usage" class:over=over>
            {meter}
            <span class="usage-text">{text.clone()}</span>
        </span>
    }
}
