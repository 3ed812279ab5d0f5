//! One file's transfer: hash if the protocol wants it, open the session (asking about a taken
//! name), send the parts with retries, confirm; or send everything in one request.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use futures::TryStreamExt;
use leptos::prelude::*;
use satchel_wire::FileName;

use super::{ConflictChoice, Control, UploadItem, UploadState, Uploads, ask_conflict, md5, retry};
use crate::api::Client;
use crate::i18n::{Msg, t, tf};
use crate::logic::paths::free_name;
use crate::model::{ApiError, ErrorKind, Part, UploadSession, UploadStart};
use crate::state::{AppState, now_ms};

pub(super) async fn upload_one(
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
