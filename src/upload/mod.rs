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

use std::cell::{Cell, RefCell};
use std::collections::{BTreeSet, HashMap, VecDeque};
use std::rc::Rc;

use futures::TryStreamExt;
use futures::channel::oneshot;
use leptos::prelude::*;
use leptos::task::spawn_local;
use satchel_wire::{FileName, NodePath};

use crate::api::Client;
use crate::api::http::XhrSet;
use crate::i18n::{Msg, t, tf};
use crate::logic::paths::free_name;
use crate::model::{ApiError, ErrorKind, Part, UploadSession, UploadStart};
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
            upload_one(app, uploads, &item, &file, &control).await;
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

async fn upload_one(
    app: AppState,
    uploads: Uploads,
    item: &UploadItem,
    file: &web_sys::File,
    control: &Control,
) {
    let outcome = transfer(app, uploads, item, file, control).await;
    if control.cancelled.get() {
        item.state.set(UploadState::Cancelled);
        return;
    }
    match outcome {
        Ok(state) => {
            item.state.set(state);
            if matches!(state, UploadState::Done | UploadState::Deduplicated) {
                app.succeed(tf(Msg::UploadFinished, &[&item.name]));
                app.reload();
            }
        }
        Err(err) => {
            let open_session = control.session.borrow_mut().take();
            if let Some(session) = open_session {
                let _ = app.client().uploads().cancel(&session).await;
            }
            if err.ends_session() {
                app.report(&err);
            }
            if err.kind == ErrorKind::QuotaExceeded {
                item.over_quota.set(true);
                item.note.set(Some(t(Msg::ErrQuotaExceeded).to_owned()));
                app.fail(t(Msg::ErrQuotaExceeded).to_owned());
            } else {
                item.note.set(Some(err.user_message()));
            }
            item.state.set(UploadState::Failed);
        }
    }
}

async fn transfer(
    app: AppState,
    uploads: Uploads,
    item: &UploadItem,
    file: &web_sys::File,
    control: &Control,
) -> Result<UploadState, ApiError> {
    let config = app.config.get_untracked();
    let name = FileName::parse(&item.name)
        .map_err(|e| ApiError::new(ErrorKind::InvalidName, 0, e.to_string()))?;
    let client = app.client();
    let plan =
        client
            .uploads()
            .protocol()
            .plan(item.size, config.chunk_size, config.parallel_chunks);
    item.state.set(UploadState::Hashing);
    let hashes = if plan.hash {
        let hashed = item.hashed;
        let hashes = md5::hash_file(
            file,
            config.chunk_size,
            move |n| hashed.set(n),
            &control.worker,
        )
        .await
        .map_err(|e| {
            ApiError::new(
                ErrorKind::Unexpected,
                0,
                format!("{} {e}", t(Msg::ErrWorker)),
            )
        })?;
        if control.cancelled.get() {
            return Err(ApiError::aborted());
        }
        Some(hashes)
    } else {
        None
    };
    let whole = hashes.as_ref().map(|h| h.whole.as_str());
    let mut target = item.folder.join(&name);
    let mut overwrite = false;
    // Open the session (or, for a single-request protocol, send everything); a taken name asks.
    let session = loop {
        let attempt = if plan.session {
            client
                .uploads()
                .begin(&target, item.size, whole.unwrap_or_default(), overwrite)
                .await
        } else {
            item.state.set(UploadState::Uploading);
            item.started_ms.set(now_ms());
            let sent = item.sent;
            client
                .uploads()
                .send_whole(
                    &target,
                    file,
                    whole,
                    overwrite,
                    Box::new(move |n| sent.set(n as u64)),
                    &control.xhrs,
                )
                .await
                .map(UploadStart::Deduplicated)
        };
        match attempt {
            Ok(UploadStart::Deduplicated(_)) if plan.session => {
                return Ok(UploadState::Deduplicated);
            }
            // A single request answered the new file: everything was sent.
            Ok(UploadStart::Deduplicated(_)) => {
                item.sent.set(item.size);
                return Ok(UploadState::Done);
            }
            Ok(UploadStart::Session(s)) => break s,
            Err(e) if e.kind == ErrorKind::Conflict && !overwrite => {
                match ask_conflict(uploads, item).await {
                    Some(ConflictChoice::Replace) => overwrite = true,
                    Some(ConflictChoice::KeepBoth) => {
                        let taken: BTreeSet<String> = client
                            .files()
                            .list(&item.folder)
                            .await?
                            .into_iter()
                            .map(|e| e.name)
                            .collect();
                        target = item.folder.join(&free_name(&name, &taken));
                    }
                    Some(ConflictChoice::Skip) | None => return Ok(UploadState::Skipped),
                }
                if control.cancelled.get() {
                    return Err(ApiError::aborted());
                }
                item.state.set(UploadState::Hashing);
            }
            Err(e) => return Err(e),
        }
    };
    *control.session.borrow_mut() = Some(session.clone());
    item.state.set(UploadState::Uploading);
    item.started_ms.set(now_ms());

    let chunk_md5s = hashes.as_ref().map(|h| h.chunks.as_slice()).unwrap_or(&[]);
    let loaded = Rc::new(RefCell::new(vec![0u64; plan.parts.len()]));
    futures::stream::iter(
        plan.parts
            .iter()
            .copied()
            .enumerate()
            .map(Ok::<_, ApiError>),
    )
    .try_for_each_concurrent(plan.parallel, |(i, part)| {
        let client = client.clone();
        let session = session.clone();
        let md5 = chunk_md5s.get(i).cloned().unwrap_or_default();
        let loaded = loaded.clone();
        async move {
            send_part(
                &client, &session, file, part, &md5, item, control, i, loaded,
            )
            .await
        }
    })
    .await?;

    if control.cancelled.get() {
        return Err(ApiError::aborted());
    }
    client
        .uploads()
        .confirm(&session, item.size, whole.unwrap_or_default(), overwrite)
        .await?;
    control.session.borrow_mut().take();
    item.sent.set(item.size);
    Ok(UploadState::Done)
}

#[allow(clippy::too_many_arguments)]
async fn send_part(
    client: &Client,
    session: &UploadSession,
    file: &web_sys::File,
    part: Part,
    md5: &str,
    item: &UploadItem,
    control: &Control,
    index: usize,
    loaded: Rc<RefCell<Vec<u64>>>,
) -> Result<(), ApiError> {
    let sent = item.sent;
    let set_loaded = {
        let loaded = loaded.clone();
        move |n: u64| {
            let total = {
                let mut l = loaded.borrow_mut();
                l[index] = n;
                l.iter().sum::<u64>()
            };
            sent.set(total);
        }
    };
    let mut attempt = 1;
    loop {
        if control.cancelled.get() {
            return Err(ApiError::aborted());
        }
        let result = async {
            let blob = file
                .slice_with_f64_and_f64(part.start as f64, part.end as f64)
                .map_err(|e| ApiError::new(ErrorKind::Unexpected, 0, format!("{e:?}")))?;
            let progress = set_loaded.clone();
            client
                .uploads()
                .send_part(
                    session,
                    part,
                    md5,
                    &blob,
                    Box::new(move |n| progress(n as u64)),
                    &control.xhrs,
                )
                .await
        }
        .await;
        match result {
            Ok(()) => {
                set_loaded(part.len());
                return Ok(());
            }
            Err(e)
                if e.is_transient()
                    && attempt < retry::MAX_ATTEMPTS
                    && !control.cancelled.get() =>
            {
                set_loaded(0);
                attempt += 1;
                item.note.set(Some(tf(
                    Msg::Retrying,
                    &[&part.num.to_string(), &attempt.to_string()],
                )));
                gloo_timers::future::TimeoutFuture::new(retry::delay_ms(attempt)).await;
            }
            Err(e) => return Err(e),
        }
    }
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
