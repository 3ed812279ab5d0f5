//! `/trash`: what was deleted, with restore, delete forever and empty trash. Deleting for good
//! runs as a background task on the server; its progress shows in `#task-progress`.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::Client;
use crate::components::confirm_dialog::Confirm;
use crate::components::modal::{Modal, focus_button_on_mount};
use crate::components::shell::Shell;
use crate::components::status::StatusRegions;
use crate::components::unavailable::Requires;
use crate::i18n::{Msg, t, tf};
use crate::logic::format;
use crate::logic::selection::{ClickMode, Selection};
use crate::model::{ApiError, ErrorKind, TaskState, TrashEntry};
use crate::state::{AppState, use_app};

/// How often a running task is asked for its progress.
const POLL_MS: u32 = 300;

#[derive(Clone)]
enum Ask {
    Purge(Vec<TrashEntry>),
    Empty,
    /// The original place of `.0` is taken; `.1` are still to restore after it.
    Conflict(TrashEntry, Vec<TrashEntry>),
}

#[derive(Clone, Copy)]
struct Trash {
    entries: RwSignal<Vec<TrashEntry>>,
    loaded: RwSignal<bool>,
    etag: StoredValue<Option<String>>,
    selection: RwSignal<Selection>,
    ask: RwSignal<Option<Ask>>,
    /// Percent done of the running purge.
    progress: RwSignal<Option<u8>>,
}

impl Trash {
    fn selected(&self) -> Vec<TrashEntry> {
        let sel = self.selection.get_untracked();
        self.entries.with_untracked(|v| {
            v.iter()
                .enumerate()
                .filter(|(i, _)| sel.is_selected(*i))
                .map(|(_, e)| e.clone())
                .collect()
        })
    }

    /// Reload the listing; an unchanged trash (304) keeps what is shown.
    fn load(self, app: AppState) {
        let client = app.client();
        let etag = self.etag.get_value();
        spawn_local(async move {
            match client.recovery().trash(etag.as_deref()).await {
                Ok(Some(listing)) => {
                    self.etag.set_value(listing.etag);
                    self.selection.set(Selection::default());
                    self.entries.set(listing.entries);
                }
                Ok(None) => {}
                Err(e) => app.report(&e),
            }
            self.loaded.set(true);
        });
    }

    /// Restore one after another; a taken place stops and asks what to do.
    fn restore(self, app: AppState, mut queue: Vec<TrashEntry>, overwrite_first: bool) {
        let client = app.client();
        spawn_local(async move {
            let mut overwrite = overwrite_first;
            let mut done = 0usize;
            while !queue.is_empty() {
                let entry = queue.remove(0);
                match client.recovery().restore(&entry.id, overwrite).await {
                    Ok(_) => done += 1,
                    Err(e) if e.kind == ErrorKind::Conflict && !overwrite => {
                        self.ask.set(Some(Ask::Conflict(entry, queue)));
                        self.report_restored(app, done);
                        self.load(app);
                        return;
                    }
                    Err(e) => {
                        app.report(&e);
                        self.load(app);
                        return;
                    }
                }
                overwrite = false;
            }
            self.report_restored(app, done);
            self.load(app);
        });
    }

    fn report_restored(&self, app: AppState, done: usize) {
        if done > 0 {
            app.succeed(tf(Msg::TrashRestored, &[&done.to_string()]));
        }
    }

    /// Delete for good (everything when `entries` is empty) and follow the task to its end.
    fn purge(self, app: AppState, entries: Vec<TrashEntry>) {
        let client = app.client();
        let ids: Vec<String> = entries.into_iter().map(|e| e.id).collect();
        self.progress.set(Some(0));
        spawn_local(async move {
            let outcome =
                run_task(&client, client.recovery().purge(&ids).await, self.progress).await;
            self.progress.set(None);
            match outcome {
                Ok((items, bytes)) => app.succeed(tf(
                    Msg::TrashPurged,
                    &[&items.to_string(), &format::size(bytes)],
                )),
                Err(e) => app.report(&e),
            }
            self.load(app);
        });
    }
}

/// Poll a started task until it is done, mirroring its progress into `progress`.
async fn run_task(
    client: &Client,
    started: Result<String, ApiError>,
    progress: RwSignal<Option<u8>>,
) -> Result<(u64, u64), ApiError> {
    let id = started?;
    loop {
        match client.recovery().task(&id).await? {
            TaskState::Done { items, bytes } => return Ok((items, bytes)),
            TaskState::Running { percent } => progress.set(Some(percent)),
        }
        gloo_timers::future::TimeoutFuture::new(POLL_MS).await;
    }
}

#[component]
pub fn TrashPage() -> impl IntoView {
    view! {
        <Shell>
            <Requires needs=|c| c.trash>
                <TrashView/>
            </Requires>
        </Shell>
    }
}

#[component]
fn TrashView() -> impl IntoView {
    let app = use_app();
    let trash = Trash {
        entries: RwSignal::new(Vec::new()),
        loaded: RwSignal::new(false),
        etag: StoredValue::new(None),
        selection: RwSignal::new(Selection::default()),
        ask: RwSignal::new(None),
        progress: RwSignal::new(None),
    };
    trash.load(app);
    let count = Memo::new(move |_| trash.selection.with(|s| s.selected.len()));
    let busy = move || trash.progress.with(Option::is_some);
    let empty = move || trash.entries.with(Vec::is_empty);
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let len = trash.entries.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" => trash
                .selection
                .update(|s| *s = s.step(1, len, ev.shift_key())),
            "ArrowUp" => trash
                .selection
                .update(|s| *s = s.step(-1, len, ev.shift_key())),
            "a" if ev.ctrl_key() || ev.meta_key() => trash.selection.set(Selection::all(len)),
            "Escape" => trash.selection.set(Selection::default()),
            _ => return,
        }
        ev.prevent_default();
    };
    view! {
        <main class="files trash">
            <h1 class="page-title">{t(Msg::TrashTitle)}</h1>
            <div class="toolbar" role="toolbar" aria-label=t(Msg::Toolbar)>
                <button
                    id="btn-restore"
                    type="button"
                    disabled=move || count.get() == 0 || busy()
                    on:click=move |_| trash.restore(app, trash.selected(), false)
                >
                    {t(Msg::TrashRestore)}
                </button>
                <button
                    id="btn-purge"
                    type="button"
                    class="danger"
                    disabled=move || count.get() == 0 || busy()
                    on:click=move |_| trash.ask.set(Some(Ask::Purge(trash.selected())))
                >
                    {t(Msg::TrashPurge)}
                </button>
                <button
                    id="btn-empty-trash"
                    type="button"
                    class="danger"
                    disabled=move || empty() || busy()
                    on:click=move |_| trash.ask.set(Some(Ask::Empty))
                >
                    {t(Msg::TrashEmpty)}
                </button>
            </div>
            <StatusRegions/>
            <Show when=move || trash.progress.with(Option::is_some)>
                <div id="task-progress" role="status">
                    <progress max="100" value=move || trash.progress.get().unwrap_or(0)></progress>
                    <span>{move || tf(Msg::TaskRunning, &[&trash.progress.get().unwrap_or(0).to_string()])}</span>
                </div>
            </Show>
            <Show
                when=move || trash.loaded.get()
                fallback=|| view! { <p id="loading" class="placeholder" role="status">{t(Msg::Loading)}</p> }
            >
                <Show
                    when=move || !empty()
                    fallback=|| view! { <p id="empty-trash" class="placeholder">{t(Msg::TrashIsEmpty)}</p> }
                >
                    <table id="trash-list" class="list" tabindex="0" aria-multiselectable="true" on:keydown=on_keydown>
                        <thead>
                            <tr>
                                <th scope="col" class="name">{t(Msg::ColName)}</th>
                                <th scope="col" class="origin">{t(Msg::ColOriginal)}</th>
                                <th scope="col" class="size">{t(Msg::ColSize)}</th>
                                <th scope="col" class="modified">{t(Msg::ColDeleted)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {move || {
                                trash
                                    .entries
                                    .get()
                                    .into_iter()
                                    .enumerate()
                                    .map(|(i, e)| view! { <TrashRow index=i entry=e trash=trash/> })
                                    .collect_view()
                            }}
                        </tbody>
                    </table>
                </Show>
            </Show>
        </main>
        <TrashDialogs trash=trash/>
    }
}

#[component]
fn TrashRow(index: usize, entry: TrashEntry, trash: Trash) -> impl IntoView {
    let selected = Memo::new(move |_| trash.selection.with(|s| s.is_selected(index)));
    let focused = Memo::new(move |_| trash.selection.with(|s| s.focus == Some(index)));
    let on_click = move |ev: web_sys::MouseEvent| {
        let mode = ClickMode::from_modifiers(ev.shift_key(), ev.ctrl_key() || ev.meta_key());
        if mode == ClickMode::Range {
            ev.prevent_default();
        }
        trash.selection.update(|s| *s = s.click(index, mode));
    };
    let kind = if entry.is_folder { "folder" } else { "file" };
    let folder = entry
        .original
        .parent()
        .map(|p| p.to_string())
        .unwrap_or_default();
    view! {
        <tr
            data-trash-name=entry.id.clone()
            data-restore-path=entry.original.to_string()
            data-kind=kind
            aria-selected=move || selected.get().to_string()
            class:focused=focused
            on:click=on_click
        >
            <td class="name">{entry.name.clone()}</td>
            <td class="origin">{folder}</td>
            <td class="size">{format::size(entry.size)}</td>
            <td class="modified">{format::timestamp(entry.deleted_ms)}</td>
        </tr>
    }
}

#[component]
fn TrashDialogs(trash: Trash) -> impl IntoView {
    let app = use_app();
    let close = Callback::new(move |_: ()| trash.ask.set(None));
    move || match trash.ask.get()? {
        Ask::Purge(entries) => {
            let n = entries.len().to_string();
            Some(
                view! {
                    <Confirm
                        title=tf(Msg::PurgeTitle, &[&n])
                        text=t(Msg::PurgeText).to_owned()
                        ok_label=t(Msg::TrashPurge)
                        on_ok=Callback::new(move |_| {
                            close.run(());
                            trash.purge(app, entries.clone());
                        })
                        on_cancel=close
                    />
                }
                .into_any(),
            )
        }
        Ask::Empty => Some(
            view! {
                <Confirm
                    title=t(Msg::EmptyTrashTitle).to_owned()
                    text=t(Msg::PurgeText).to_owned()
                    ok_label=t(Msg::TrashEmpty)
                    on_ok=Callback::new(move |_| {
                        close.run(());
                        trash.purge(app, Vec::new());
                    })
                    on_cancel=close
                />
            }
            .into_any(),
        ),
        Ask::Conflict(entry, rest) => {
            Some(view! { <RestoreConflict entry=entry rest=rest trash=trash/> }.into_any())
        }
    }
}

#[component]
fn RestoreConflict(entry: TrashEntry, rest: Vec<TrashEntry>, trash: Trash) -> impl IntoView {
    let app = use_app();
    let cancel = NodeRef::<leptos::html::Button>::new();
    focus_button_on_mount(cancel);
    let is_file = !entry.is_folder;
    let path = entry.original.to_string();
    let skip = {
        let rest = rest.clone();
        Callback::new(move |_: ()| {
            trash.ask.set(None);
            if !rest.is_empty() {
                trash.restore(app, rest.clone(), false);
            }
        })
    };
    let replace = move |_| {
        trash.ask.set(None);
        let mut queue = vec![entry.clone()];
        queue.extend(rest.iter().cloned());
        trash.restore(app, queue, true);
    };
    view! {
        <Modal id="restore-conflict" labelled_by="restore-conflict-title" on_close=skip>
            <h2 id="restore-conflict-title">{t(Msg::RestoreConflictTitle)}</h2>
            <p>{tf(Msg::RestoreConflictText, &[&path])}</p>
            <Show when=move || !is_file>
                <p class="hint">{t(Msg::RestoreConflictFolder)}</p>
            </Show>
            <div class="dialog-buttons">
                <button id="restore-cancel" type="button" node_ref=cancel on:click=move |_| skip.run(())>
                    {t(Msg::Cancel)}
                </button>
                <Show when=move || is_file>
                    <button id="restore-replace" type="button" class="danger" on:click=replace.clone()>
                        {t(Msg::RestoreReplace)}
                    </button>
                </Show>
            </div>
        </Modal>
    }
}
