//! The files page's state in context: the current folder, its sorted listing, sort order,
//! selection and the open dialog; the operations the toolbar and keyboard trigger are in
//! `actions.rs`.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_query_map;
use satchel_wire::NodePath;
use wasm_bindgen::JsCast;

use crate::logic::paths::files_href;
use crate::logic::selection::{ClickMode, Selection};
use crate::logic::sort::{SortOrder, sorted_order};
use crate::model::Entry;
use crate::state::AppState;

mod actions;

pub use actions::{
    create_folder, delete, download, download_selection, rename, toggle_favorite, transfer,
    trigger_download,
};

/// Which dialog is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogKind {
    NewFolder,
    Rename(Entry),
    Delete(Vec<Entry>),
    Move(Vec<Entry>),
    Copy(Vec<Entry>),
    Versions(Entry),
    Properties(Entry),
    Share(Entry),
    /// The viewer, on this index of the sorted listing.
    Viewer(usize),
}

/// How the listing is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ViewMode {
    #[default]
    List,
    Grid,
}

/// Children fetched per request: the first page shows while the rest arrives.
const PAGE_SIZE: u64 = 5000;

/// What has arrived of one folder's listing, with the sort keys computed once per entry.
#[derive(Default)]
struct Listing {
    folder: Option<NodePath>,
    entries: Vec<Entry>,
    keys: Vec<String>,
    /// The first page is here.
    started: bool,
    /// The folder may be changed (false inside a read-only share).
    writable: bool,
}

#[derive(Clone, Copy)]
pub struct Browser {
    pub folder: Memo<NodePath>,
    pub entries: Memo<Vec<Entry>>,
    pub loading: Memo<bool>,
    /// The folder shown may be changed: write actions are left out when it may not.
    pub writable: Memo<bool>,
    pub sort: RwSignal<SortOrder>,
    pub selection: RwSignal<Selection>,
    pub dialog: RwSignal<Option<DialogKind>>,
    pub view: RwSignal<ViewMode>,
    /// A row the list should scroll into view (keyboard moves, `?select=`).
    pub scroll_to: RwSignal<Option<usize>>,
    /// `aside#comments-panel` is shown (for the single selected item).
    pub comments_open: RwSignal<bool>,
}

pub fn use_browser() -> Browser {
    expect_context::<Browser>()
}

fn perf_now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}

/// Run `f` in the next animation frame, i.e. after the DOM changes made now are rendered.
pub fn after_render(f: impl FnOnce() + 'static) {
    let cb = wasm_bindgen::closure::Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(cb.unchecked_ref());
    }
}

/// `window.__satchel_timings.<key> = ms`, read by the benchmark.
fn record_timing(key: &str, ms: f64) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let name = wasm_bindgen::JsValue::from_str("__satchel_timings");
    let obj = match js_sys::Reflect::get(&window, &name) {
        Ok(v) if v.is_object() => v,
        _ => {
            // Keys appear only once measured: a reader waits for the one it needs.
            let o: wasm_bindgen::JsValue = js_sys::Object::new().into();
            let _ = js_sys::Reflect::set(&window, &name, &o);
            o
        }
    };
    let _ = js_sys::Reflect::set(&obj, &key.into(), &ms.into());
}

/// Change the sort order and record how long sorting and re-rendering took.
pub fn sort_by(browser: Browser, key: crate::logic::sort::SortKey) {
    let started = perf_now();
    browser.sort.update(|s| *s = s.clicked(key));
    after_render(move || record_timing("sort_ms", perf_now() - started));
}

/// Fetch `folder` page by page into `listing`. The request for the next page goes out before
/// the current one is applied, and the browser gets a turn (to paint) between pages.
///
/// A new folder shows its first page at once and grows. A reload of the folder already shown
/// (after a change) swaps in only when complete, so a huge list does not shrink and jump.
async fn load_pages(
    app: AppState,
    folder: NodePath,
    listing: RwSignal<Listing>,
    generation: StoredValue<u32>,
    mine: u32,
) {
    let client = app.client();
    let reload = listing.with_untracked(|l| l.started && l.folder.as_ref() == Some(&folder));
    let started = perf_now();
    let mut offset = 0;
    let mut buffer = Listing {
        folder: Some(folder.clone()),
        started: true,
        writable: true,
        ..Default::default()
    };
    let mut reply = client.files().list_page(&folder, 0, PAGE_SIZE).await;
    loop {
        if generation.get_value() != mine {
            return;
        }
        let page = match reply {
            Ok(p) => p,
            Err(e) => {
                app.report(&e);
                if !reload && offset == 0 {
                    listing.set(buffer);
                }
                return;
            }
        };
        let received = perf_now();
        let writable = page.writable;
        let count = page.entries.len() as u64;
        let last = page.is_last || count == 0;
        let keys = crate::logic::sort::sort_keys(&page.entries);
        let this_folder = &folder;
        let buffer = &mut buffer;
        let apply = async move {
            if reload {
                buffer.writable = writable;
                buffer.entries.extend(page.entries);
                buffer.keys.extend(keys);
                if last {
                    listing.set(std::mem::take(buffer));
                }
            } else {
                listing.update(|l| {
                    if offset == 0 {
                        *l = Listing {
                            folder: Some(this_folder.clone()),
                            entries: page.entries,
                            keys,
                            started: true,
                            writable,
                        };
                    } else {
                        l.entries.extend(page.entries);
                        l.keys.extend(keys);
                    }
                });
            }
            if offset == 0 || (reload && last) {
                after_render(move || record_timing("first_rows_ms", perf_now() - received));
            }
            if !last {
                gloo_timers::future::TimeoutFuture::new(0).await;
            }
        };
        if last {
            apply.await;
            record_timing("listing_ms", received - started);
            return;
        }
        let next_offset = offset + count;
        // `join` polls the request first, so it is on the wire while this page is applied.
        let (next, ()) = futures::future::join(
            client.files().list_page(&folder, next_offset, PAGE_SIZE),
            apply,
        )
        .await;
        reply = next;
        offset = next_offset;
    }
}

/// Create the page state for `folder` and put it in context.
pub fn provide_browser(app: AppState, folder: Memo<NodePath>) -> Browser {
    let listing = RwSignal::new(Listing::default());
    let generation = StoredValue::new(0u32);
    Effect::new(move || {
        let folder = folder.get();
        app.refresh.track();
        generation.update_value(|g| *g = g.wrapping_add(1));
        let mine = generation.get_value();
        spawn_local(load_pages(app, folder, listing, generation, mine));
    });
    let sort = RwSignal::new(SortOrder::default());
    let entries = Memo::new(move |_| {
        let order = sort.get();
        let current = folder.get();
        listing.with(|l| {
            if l.folder.as_ref() != Some(&current) {
                return Vec::new();
            }
            sorted_order(&l.entries, &l.keys, order)
                .into_iter()
                .map(|i| l.entries[i].clone())
                .collect()
        })
    });
    let loading = Memo::new(move |_| {
        let current = folder.get();
        listing.with(|l| !l.started || l.folder.as_ref() != Some(&current))
    });
    let writable = Memo::new(move |_| {
        let current = folder.get();
        listing.with(|l| l.folder.as_ref() != Some(&current) || l.writable)
    });
    let selection = RwSignal::new(Selection::default());
    let scroll_to = RwSignal::new(None);
    let query = use_query_map();
    // `?select=<name>` (from search and favorites) selects that item once it has arrived.
    let revealed = StoredValue::new(None::<(NodePath, String)>);
    // Keep the same items selected when the list is re-sorted or reloaded; a new folder starts
    // with nothing selected.
    Effect::new(move |prev: Option<(NodePath, Vec<NodePath>)>| {
        let now = folder.get();
        let paths: Vec<NodePath> = entries.with(|v| v.iter().map(|e| e.path.clone()).collect());
        match prev {
            Some((was, old)) if was == now => {
                selection.update(|s| *s = s.remap(&old, &paths));
            }
            _ => selection.set(Selection::default()),
        }
        if let Some(name) = query.with(|q| q.get("select")) {
            let key = (now.clone(), name);
            if revealed.with_value(|r| r.as_ref() != Some(&key)) {
                let found = entries.with(|v| v.iter().position(|e| e.name == key.1));
                if let Some(i) = found {
                    revealed.set_value(Some(key));
                    selection.set(Selection::default().click(i, ClickMode::Replace));
                    scroll_to.set(Some(i));
                }
            }
        }
        (now, paths)
    });
    let browser = Browser {
        folder,
        entries,
        loading,
        writable,
        sort,
        selection,
        dialog: RwSignal::new(None),
        view: RwSignal::new(ViewMode::default()),
        scroll_to,
        comments_open: RwSignal::new(false),
    };
    provide_context(browser);
    browser
}

impl Browser {
    pub fn selected(&self) -> Vec<Entry> {
        let sel = self.selection.get();
        self.entries.with(|v| {
            v.iter()
                .enumerate()
                .filter(|(i, _)| sel.is_selected(*i))
                .map(|(_, e)| e.clone())
                .collect()
        })
    }

    pub fn focused(&self) -> Option<Entry> {
        let focus = self.selection.get_untracked().focus?;
        self.entries.with_untracked(|v| v.get(focus).cloned())
    }

    /// Enter / double-click: a folder opens, a file shows in the viewer.
    pub fn open(&self, index: usize, entry: &Entry, navigate: &dyn Fn(&str, NavigateOptions)) {
        if entry.is_folder {
            navigate(&files_href(&entry.path), NavigateOptions::default());
        } else {
            self.dialog.set(Some(DialogKind::Viewer(index)));
        }
    }
}
