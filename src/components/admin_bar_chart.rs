//! A horizontal bar chart as inline SVG (no chart library): one bar per item, biggest first, each
//! with a `<title>` (its label and value); the chart itself is `role="img"` with a label. The
//! numbers also go in a table next to it, for reading and for screen readers.

use leptos::prelude::*;

use crate::i18n::{Msg, tf};
use crate::logic::chart::{self, LABEL_WIDTH, ROW};
use crate::logic::format;

/// The drawing width of the bars, in SVG units (the SVG scales to its box).
const BARS_WIDTH: f64 = 460.0;
/// Room right of the longest bar for its value.
const VALUE_WIDTH: f64 = 90.0;

#[component]
pub fn BarChart(id: &'static str, label: String, items: Vec<(String, u64)>) -> impl IntoView {
    let bars = chart::bars(&items, BARS_WIDTH);
    let height = chart::height(bars.len());
    let width = LABEL_WIDTH + BARS_WIDTH + VALUE_WIDTH;
    view! {
        <svg
            id=id
            class="bar-chart"
            role="img"
            aria-label=tf(Msg::ChartLabel, &[&label])
            viewBox=format!("0 0 {width} {height}")
            preserveAspectRatio="xMinYMin meet"
        >
            {bars
                .into_iter()
                .map(|b| {
                    let size = format::size(b.value);
                    let title = tf(Msg::BarTitle, &[&b.label, &size, &format!("{:.1} %", b.percent)]);
                    let text_y = b.y + ROW / 2.0;
                    view! {
                        <g class="bar" data-label=b.label.clone()>
                            <title>{title}</title>
                            <text class="bar-label" x=LABEL_WIDTH - 8.0 y=text_y text-anchor="end" dominant-baseline="middle">
                                {chart::short_label(&b.label, chart::LABEL_CHARS)}
                            </text>
                            <rect class="bar-rect" x=LABEL_WIDTH y=b.y width=b.width height=ROW rx="3"></rect>
                            <text class="bar-value" x=LABEL_WIDTH + b.width + 6.0 y=text_y dominant-baseline="middle">
                                {size}
                            </text>
                        </g>
                    }
                })
                .collect_view()}
        </svg>
    }
}
