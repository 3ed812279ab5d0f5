//! The upload queue, for any dialect: it plans each file from the dialect's
//! [`UploadProtocol`](crate::model::UploadProtocol) (hash in the worker or not, a session with
//! parts, up to `parallel_chunks` at once where allowed, each retried with backoff, or one
//! request), asks the user about name conflicts, and reports progress. Per-file cancel aborts the
//! XHRs, stops the worker and cancels the server session.
//!
//! Reactive state (`Uploads`, `UploadItem`) is what the panel shows; the browser objects that are
//! not `Send` (File, XHRs, Worker) live in a thread-local runtime here.

pub mod md5;
pub mod retry;
mod transfer;

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

use futures::channel::oneshot;
use leptos::prelude::*;
use leptos::task::spawn_local;
use satchel_wire::NodePath;

use crate::api::http::XhrSet;
use crate::model::UploadSession;
use crate::state::{AppState, now_ms};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadState {
    Hashing,
    Waiting,
    Uploading,
    Done,
    Deduplicated,
    Failed,
    Cancelled,
    Skipped,
}

impl UploadState {
    /// The `data-state` attribute value.
    pub fn attr(self) -> &'static str {
        match self {
            UploadState::Hashing => "hashing",
            UploadState::Waiting => "waiting",
            UploadState::Uploading => "uploading",
            UploadState::Done => "done",
            UploadState::Deduplicated => "deduplicated",
            UploadState::Failed => "failed",
            UploadState::Cancelled => "cancelled",
            UploadState::Skipped => "skipped",
        }
    }

    pub fn finished(self) -> bool {
        matches!(
            self,
            UploadState::Done
                | UploadState::Deduplicated
                | UploadState::Failed
                | UploadState::Cancelled
                | UploadState::Skipped
        )
    }
}

/// One file in the panel.
#[derive(Debug, Clone, PartialEq)]
pub struct UploadItem {
    pub id: u32,
    pub name: String,
    pub folder: NodePath,
    pub size: u64,
    pub state: RwSignal<UploadState>,
    pub hashed: RwSignal<u64>,
    pub sent: RwSignal<u64>,
    /// Retry notes and failure reasons.
    pub note: RwSignal<Option<String>>,
    /// Refused because the storage quota is full (the panel says so plainly).
    pub over_quota: RwSignal<bool>,
    pub started_ms: RwSignal<f64>,
    pub ended_ms: RwSignal<Option<f64>>,
}

impl UploadItem {
    /// Bytes counted as transferred for the overall line.
    pub fn done_bytes(&self) -> u64 {
        match self.state.get() {
            UploadState::Done | UploadState::Deduplicated => self.size,
            _ => self.sent.get(),
        }
    }
}

/// The user's answer to a name conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictChoice {
    Replace,
    KeepBoth,
    Skip,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictPrompt {
    pub name: String,
    pub folder: NodePath,
}

/// The panel's reactive state, in context.
#[derive(Clone, Copy)]
pub struct Uploads {
    pub items: RwSignal<Vec<UploadItem>>,
    pub conflict: RwSignal<Option<ConflictPrompt>>,
}

impl Uploads {
    pub fn new() -> Self {
        Self {
            items: RwSignal::new(Vec::new()),
            conflict: RwSignal::new(None),
        }
    }
}

impl Default for Uploads {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_uploads() -> Uploads {
    expect_context::<Uploads>()
}

#[derive(Clone, Default)]
struct Control {
    cancelled: Rc<Cell<bool>>,
    xhrs: XhrSet,
    worker: md5::WorkerSlot,
    session: Rc<RefCell<Option<UploadSession>>>,
}

#[derive(Default)]
struct Runtime {
    next_id: u32,
    queue: VecDeque<(UploadItem, web_sys::File)>,
    running: bool,
    controls: HashMap<u32, Control>,
    conflict_tx: Option<oneshot::Sender<(ConflictChoice, bool)>>,
    apply_all: Option<ConflictChoice>,
}

thread_local! {
    static RT: RefCell<Runtime> = RefCell::new(Runtime::default());
}

/// Queue `files` for upload into `folder`.
pub fn enqueue(app: AppState, uploads: Uploads, folder: NodePath, files: Vec<web_sys::File>) {
    if files.is_empty() {
        return;
    }
    let start = RT.with_borrow_mut(|rt| {
        for file in files {
            rt.next_id += 1;
            let item = UploadItem {
                id: rt.next_id,
                name: file.name(),
                folder: folder.clone(),
                size: file.size() as u64,
                state: RwSignal::new(UploadState::Hashing),
                hashed: RwSignal::new(0),
                sent: RwSignal::new(0),
                note: RwSignal::new(None),
                over_quota: RwSignal::new(false),
                started_ms: RwSignal::new(now_ms()),
                ended_ms: RwSignal::new(None),
            };
            rt.controls.insert(item.id, Control::default());
            uploads.items.update(|v| v.push(item.clone()));
            rt.queue.push_back((item, file));
        }
        !std::mem::replace(&mut rt.running, true)
    });
    if start {
        spawn_local(run_queue(app, uploads));
    }
}

async fn run_queue(app: AppState, uploads: Uploads) {
    loop {
        let next = RT.with_borrow_mut(|rt| {
            let next = rt.queue.pop_front();
            if next.is_none() {
                rt.running = false;
                rt.apply_all = None;
            }
            next
        });
        let Some((item, file)) = next else { break };
        let Some(control) = RT.with_borrow(|rt| rt.controls.get(&item.id).cloned()) else {
            continue;
        };
        if !control.cancelled.get() {
            transfer::upload_one(app, uploads, &item, &file, &control).await;
        }
        item.ended_ms.set(Some(now_ms()));
        RT.with_borrow_mut(|rt| rt.controls.remove(&item.id));
    }
}

/// Cancel one file: stop its worker and XHRs and drop its server session.
pub fn cancel(app: AppState, uploads: Uploads, id: u32) {
    let control = RT.with_borrow_mut(|rt| rt.controls.get(&id).cloned());
    let Some(control) = control else { return };
    control.cancelled.set(true);
    control.worker.terminate();
    control.xhrs.abort_all();
    if let Some(item) = uploads
        .items
        .get_untracked()
        .into_iter()
        .find(|i| i.id == id)
    {
        if item.state.get_untracked() == UploadState::Waiting {
            // Answer the open conflict question for it, so the queue moves on.
            uploads.conflict.set(None);
            RT.with_borrow_mut(|rt| rt.conflict_tx.take());
        }
        if !item.state.get_untracked().finished() {
            item.state.set(UploadState::Cancelled);
            item.ended_ms.set(Some(now_ms()));
        }
    }
    if let Some(session) = control.session.borrow_mut().take() {
        let client = app.client();
        spawn_local(async move {
            let _ = client.uploads().cancel(&session).await;
        });
    }
}

pub fn cancel_all(app: AppState, uploads: Uploads) {
    let ids: Vec<u32> = RT.with_borrow(|rt| rt.controls.keys().copied().collect());
    for id in ids {
        cancel(app, uploads, id);
    }
}

/// Drop finished rows from the panel.
pub fn clear_finished(uploads: Uploads) {
    uploads
        .items
        .update(|v| v.retain(|i| !i.state.get_untracked().finished()));
}

/// The conflict dialog's answer.
pub fn answer_conflict(uploads: Uploads, choice: ConflictChoice, apply_all: bool) {
    uploads.conflict.set(None);
    if let Some(tx) = RT.with_borrow_mut(|rt| rt.conflict_tx.take()) {
        let _ = tx.send((choice, apply_all));
    }
}

async fn ask_conflict(uploads: Uploads, item: &UploadItem) -> Option<ConflictChoice> {
    if let Some(choice) = RT.with_borrow(|rt| rt.apply_all) {
        return Some(choice);
    }
    let (tx, rx) = oneshot::channel();
    RT.with_borrow_mut(|rt| rt.conflict_tx = Some(tx));
    item.state.set(UploadState::Waiting);
    uploads.conflict.set(Some(ConflictPrompt {
        name: item.name.clone(),
        folder: item.folder.clone(),
    }));
    let (choice, all) = rx.await.ok()?;
    if all {
        RT.with_borrow_mut(|rt| rt.apply_all = Some(choice));
    }
    Some(choice)
}

/// Totals for the overall line: (done bytes, total bytes, active files).
pub fn totals(items: &[UploadItem]) -> (u64, u64, usize) {
    let relevant = items.iter().filter(|i| {
        !matches!(
            i.state.get(),
            UploadState::Cancelled | UploadState::Skipped | UploadState::Failed
        )
    });
    let mut done = 0;
    let mut total = 0;
    let mut count = 0;
    for i in relevant {
        done += i.done_bytes();
        total += i.size;
        count += 1;
    }
    (done, total, count)
}
