//! `table#file-list` (or the `ul#file-grid` tiles): sortable headers, rows, keyboard navigation,
//! loading and empty states.
//!
//! Folders may hold 100,000 items, so only the rows in the window (plus a few) are in the DOM;
//! spacers above and below keep the scrollbar true. Rows have a fixed height (`--row-h` in the
//! CSS), which makes a row's position a multiplication. The page itself scrolls (no inner
//! scroll box), so the window's scroll position and the list's top decide what is visible.

use leptos::ev;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

use crate::browser::{Browser, DialogKind, ViewMode, sort_by, use_browser};
use crate::components::file_row::{FileRow, GridItem};
use crate::i18n::{Msg, t};
use crate::logic::selection::Selection;
use crate::logic::sort::SortKey;

/// Rows drawn beyond the visible ones, above and below.
const OVERSCAN: usize = 8;
/// Up to this many items everything is drawn (small folders need no windowing).
const WINDOW_FROM: usize = 400;
/// Used until the CSS has been read.
const DEFAULT_ROW_PX: f64 = 41.0;

#[component]
fn SortHeader(key: SortKey, id: &'static str, label: Msg, class: &'static str) -> impl IntoView {
    let browser = use_browser();
    let aria = move || browser.sort.get().aria_sort(key);
    let arrow = move || match aria() {
        "ascending" => "▲",
        "descending" => "▼",
        _ => "",
    };
    view! {
        <th scope="col" class=class aria-sort=aria>
            <button id=id type="button" on:click=move |_| sort_by(browser, key)>
                {t(label)}
                <span class="sort-arrow" aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}

/// A CSS length variable of `el` in pixels (`--row-h: 41px`).
fn css_px(el: &web_sys::Element, var: &str) -> Option<f64> {
    let style = web_sys::window()?.get_computed_style(el).ok()??;
    let value = style.get_property_value(var).ok()?;
    value.trim().trim_end_matches("px").parse().ok()
}

/// The geometry windowing needs: line height, items per line, and where line 0 starts
/// relative to the viewport's top.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Geometry {
    line_px: f64,
    per_line: usize,
    top_px: f64,
    viewport_px: f64,
}

fn measure(el: &web_sys::Element, mode: ViewMode) -> Geometry {
    let viewport_px = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(800.0);
    let (line_px, per_line) = match mode {
        ViewMode::List => (css_px(el, "--row-h").unwrap_or(DEFAULT_ROW_PX), 1),
        ViewMode::Grid => {
            let h = css_px(el, "--tile-h").unwrap_or(160.0);
            let w = css_px(el, "--tile-w").unwrap_or(140.0);
            let gap = css_px(el, "--tile-gap").unwrap_or(8.0);
            let width = el.client_width() as f64;
            (
                h + gap,
                (((width + gap) / (w + gap)).floor() as usize).max(1),
            )
        }
    };
    Geometry {
        line_px,
        per_line,
        top_px: el.get_bounding_client_rect().top(),
        viewport_px,
    }
}

/// The items `[start, end)` to draw.
fn window(len: usize, g: Geometry) -> (usize, usize) {
    if len <= WINDOW_FROM {
        return (0, len);
    }
    let lines = len.div_ceil(g.per_line);
    let first = ((-g.top_px) / g.line_px).floor().max(0.0) as usize;
    let visible = (g.viewport_px / g.line_px).ceil() as usize + 1;
    let start_line = first.saturating_sub(OVERSCAN).min(lines);
    let end_line = (first + visible + OVERSCAN).min(lines);
    (start_line * g.per_line, (end_line * g.per_line).min(len))
}

/// Scroll the window so that item `index` is visible (centred if it was not).
fn reveal(el: &web_sys::Element, mode: ViewMode, index: usize) {
    let Some(w) = web_sys::window() else { return };
    let g = measure(el, mode);
    let top = g.top_px + (index / g.per_line) as f64 * g.line_px;
    let bottom = top + g.line_px;
    if top < 0.0 || bottom > g.viewport_px {
        let y = w.scroll_y().unwrap_or(0.0) + top - g.viewport_px / 2.0;
        w.scroll_to_with_x_and_y(0.0, y.max(0.0));
    }
}

fn keydown(browser: Browser, per_line: usize, ev: &web_sys::KeyboardEvent) -> Option<Key> {
    let len = browser.entries.with_untracked(Vec::len);
    let shift = ev.shift_key();
    let grid = browser.view.get_untracked() == ViewMode::Grid;
    let step = |delta: isize| {
        browser.selection.update(|s| *s = s.step(delta, len, shift));
        Key::Moved
    };
    Some(match ev.key().as_str() {
        "ArrowDown" => step(per_line as isize),
        "ArrowUp" => step(-(per_line as isize)),
        "ArrowRight" if grid => step(1),
        "ArrowLeft" if grid => step(-1),
        "Home" => step(-(len as isize)),
        "End" => step(len as isize),
        "Enter" => Key::Open,
        "Delete" if browser.writable.get_untracked() => {
            let sel = browser.selected();
            if sel.is_empty() {
                return None;
            }
            browser.dialog.set(Some(DialogKind::Delete(sel)));
            Key::Handled
        }
        "F2" if browser.writable.get_untracked() => {
            let sel = browser.selected();
            let entry = sel.into_iter().next().or_else(|| browser.focused())?;
            browser.dialog.set(Some(DialogKind::Rename(entry)));
            Key::Handled
        }
        "a" if ev.ctrl_key() || ev.meta_key() => {
            browser.selection.set(Selection::all(len));
            Key::Handled
        }
        "Escape" => {
            browser.selection.set(Selection::default());
            Key::Handled
        }
        _ => return None,
    })
}

enum Key {
    Moved,
    Open,
    Handled,
}

#[component]
pub fn FileTable() -> impl IntoView {
    let browser = use_browser();
    let navigate = StoredValue::new_local(use_navigate());
    let body = NodeRef::<leptos::html::Tbody>::new();
    let grid = NodeRef::<leptos::html::Ul>::new();
    // Bumped on scroll and resize: the window recomputes from fresh measurements.
    let tick = RwSignal::new(0u32);
    let scroll =
        window_event_listener(ev::scroll, move |_| tick.update(|n| *n = n.wrapping_add(1)));
    let resize =
        window_event_listener(ev::resize, move |_| tick.update(|n| *n = n.wrapping_add(1)));
    on_cleanup(move || {
        scroll.remove();
        resize.remove();
    });
    let container = move || -> Option<web_sys::Element> {
        match browser.view.get_untracked() {
            ViewMode::List => body.get_untracked().map(|e| e.unchecked_into()),
            ViewMode::Grid => grid.get_untracked().map(|e| e.unchecked_into()),
        }
    };
    let geometry = Memo::new(move |_| {
        tick.track();
        let mode = browser.view.get();
        // Re-measure once the container is mounted.
        let el = match mode {
            ViewMode::List => body.get().map(|e| e.unchecked_into::<web_sys::Element>()),
            ViewMode::Grid => grid.get().map(|e| e.unchecked_into::<web_sys::Element>()),
        };
        el.map(|el| measure(&el, mode))
    });
    let range = Memo::new(move |_| {
        let len = browser.entries.with(Vec::len);
        match geometry.get() {
            Some(g) => window(len, g),
            None => (0, len.min(WINDOW_FROM)),
        }
    });
    let visible = move || {
        let (start, end) = range.get();
        browser.entries.with(|v| {
            v[start.min(v.len())..end.min(v.len())]
                .iter()
                .enumerate()
                .map(|(i, e)| (start + i, e.clone()))
                .collect::<Vec<_>>()
        })
    };
    // The space the undrawn items take above and below, in pixels.
    let spacers = move || {
        let (start, end) = range.get();
        let len = browser.entries.with(Vec::len);
        let g = geometry.get();
        let line = g.map_or(DEFAULT_ROW_PX, |g| g.line_px);
        let per = g.map_or(1, |g| g.per_line);
        (
            (start / per) as f64 * line,
            (len.saturating_sub(end)).div_ceil(per) as f64 * line,
        )
    };
    Effect::new(move || {
        if let Some(i) = browser.scroll_to.get() {
            if let Some(el) = container() {
                reveal(&el, browser.view.get_untracked(), i);
            }
            browser.scroll_to.set(None);
        }
    });
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let per_line = geometry.get_untracked().map_or(1, |g| g.per_line);
        match keydown(browser, per_line, &ev) {
            None => return,
            Some(Key::Moved) => browser
                .scroll_to
                .set(browser.selection.get_untracked().focus),
            Some(Key::Open) => {
                let focus = browser.selection.get_untracked().focus;
                match (focus, browser.focused()) {
                    (Some(i), Some(entry)) => {
                        navigate.with_value(|nav| browser.open(i, &entry, nav))
                    }
                    _ => return,
                }
            }
            Some(Key::Handled) => {}
        }
        ev.prevent_default();
    };
    let key = |(i, e): &(usize, crate::model::Entry)| {
        (
            *i,
            e.path.clone(),
            e.size,
            e.modified_ms,
            e.version,
            e.favorite,
            e.shared,
        )
    };
    view! {
        <Show
            when=move || !browser.loading.get()
            fallback=|| view! { <p id="loading" class="placeholder" role="status">{t(Msg::Loading)}</p> }
        >
            <Show
                when=move || browser.view.get() == ViewMode::List
                fallback=move || view! {
                    <ul
                        id="file-grid"
                        role="listbox"
                        tabindex="0"
                        aria-multiselectable="true"
                        aria-label=t(Msg::ViewGrid)
                        node_ref=grid
                        style:padding-top=move || format!("{}px", spacers().0)
                        style:padding-bottom=move || format!("{}px", spacers().1)
                        on:keydown=on_keydown
                    >
                        <For each=visible key=key children=|(i, e)| view! { <GridItem index=i entry=e/> }/>
                    </ul>
                }
            >
                <table id="file-list" tabindex="0" aria-multiselectable="true" aria-rowcount=move || browser.entries.with(Vec::len) + 1 on:keydown=on_keydown>
                    <thead>
                        <tr>
                            <SortHeader key=SortKey::Name id="sort-name" label=Msg::ColName class="name"/>
                            <SortHeader key=SortKey::Size id="sort-size" label=Msg::ColSize class="size"/>
                            <SortHeader
                                key=SortKey::Modified
                                id="sort-modified"
                                label=Msg::ColModified
                                class="modified"
                            />
                        </tr>
                    </thead>
                    <tbody node_ref=body>
                        <tr class="spacer" aria-hidden="true" style:height=move || format!("{}px", spacers().0)></tr>
                        // Keyed by the item and its position: rows that did not change keep their
                        // DOM nodes when the list scrolls or reloads.
                        <For each=visible key=key children=|(i, e)| view! { <FileRow index=i entry=e/> }/>
                        <tr class="spacer" aria-hidden="true" style:height=move || format!("{}px", spacers().1)></tr>
                    </tbody>
                </table>
            </Show>
            <Show when=move || browser.entries.with(Vec::is_empty)>
                <div id="empty-folder" class="placeholder">
                    <p>{t(Msg::EmptyFolder)}</p>
                    <Show when=move || browser.writable.get()>
                        <p class="hint">{t(Msg::EmptyFolderHint)}</p>
                    </Show>
                </div>
            </Show>
        </Show>
    }
}
