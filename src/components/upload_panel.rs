//! `#upload-panel`: one line per file (state, bytes, speed, ETA, retries, cancel) and an overall
//! line.

use leptos::prelude::*;

use crate::i18n::{Msg, t, tf};
use crate::logic::format;
use crate::state::{now_ms, use_app};
use crate::upload::{
    UploadItem, UploadState, cancel, cancel_all, clear_finished, totals, use_uploads,
};

fn percent(done: u64, total: u64) -> u64 {
    done.saturating_mul(100).checked_div(total).unwrap_or(100)
}

/// "3.0 MB of 10.0 MB — 1.2 MB/s, 6s left" for a running transfer.
fn transfer_text(done: u64, total: u64, elapsed_ms: f64) -> String {
    let mut text = format!("{} / {}", format::size(done), format::size(total));
    if let Some(speed) = format::speed(done, elapsed_ms) {
        let eta = format::eta_secs(total.saturating_sub(done), speed)
            .map(format::duration)
            .unwrap_or_default();
        text.push_str(" — ");
        text.push_str(&tf(Msg::Eta, &[&format::size(speed as u64), &eta]));
    }
    text
}

fn progress_text(item: &UploadItem) -> String {
    match item.state.get() {
        UploadState::Hashing => tf(
            Msg::StateHashing,
            &[&format!("{}%", percent(item.hashed.get(), item.size))],
        ),
        UploadState::Waiting => t(Msg::StateWaiting).to_owned(),
        UploadState::Uploading => {
            let elapsed = now_ms() - item.started_ms.get();
            format!(
                "{}: {}",
                t(Msg::StateUploading),
                transfer_text(item.sent.get(), item.size, elapsed)
            )
        }
        UploadState::Done => {
            let elapsed = item.ended_ms.get().unwrap_or_else(now_ms) - item.started_ms.get();
            let speed = format::speed(item.size, elapsed)
                .map(|s| format!(", {}/s", format::size(s as u64)))
                .unwrap_or_default();
            format!("{}: {}{speed}", t(Msg::StateDone), format::size(item.size))
        }
        UploadState::Deduplicated => t(Msg::StateDeduplicated).to_owned(),
        UploadState::Failed => tf(Msg::StateFailed, &[&item.note.get().unwrap_or_default()]),
        UploadState::Cancelled => t(Msg::StateCancelled).to_owned(),
        UploadState::Skipped => t(Msg::StateSkipped).to_owned(),
    }
}

/// Bytes per second over the files sending right now, if any.
fn overall_speed(items: &[UploadItem]) -> Option<f64> {
    let active: Vec<&UploadItem> = items
        .iter()
        .filter(|i| i.state.get() == UploadState::Uploading)
        .collect();
    let started = active.iter().map(|i| i.started_ms.get()).reduce(f64::min)?;
    let sent: u64 = active.iter().map(|i| i.sent.get()).sum();
    format::speed(sent, now_ms() - started)
}

#[component]
fn UploadRow(item: UploadItem) -> impl IntoView {
    let app = use_app();
    let uploads = use_uploads();
    let state = item.state;
    let note = item.note;
    let id = item.id;
    let size = item.size;
    let shown = item.clone();
    let value = move || match state.get() {
        UploadState::Hashing => 0,
        UploadState::Done | UploadState::Deduplicated => size.max(1),
        _ => item.sent.get(),
    };
    view! {
        <li
            class="upload"
            data-upload-name=item.name.clone()
            data-state=move || state.get().attr()
            data-error=move || item.over_quota.get().then_some("quota")
        >
            <span class="upload-name">{item.name.clone()}</span>
            <progress max=size.max(1).to_string() value=move || value().to_string()></progress>
            <span class="upload-progress">{move || progress_text(&shown)}</span>
            <span class="upload-note">
                {move || (state.get() == UploadState::Uploading).then(|| note.get()).flatten()}
            </span>
            <button
                type="button"
                class="upload-cancel"
                aria-label=format!("{} {}", t(Msg::UploadCancel), item.name)
                disabled=move || state.get().finished()
                on:click=move |_| cancel(app, uploads, id)
            >
                {t(Msg::UploadCancel)}
            </button>
        </li>
    }
}

#[component]
pub fn UploadPanel() -> impl IntoView {
    let app = use_app();
    let uploads = use_uploads();
    let overall = move || {
        uploads.items.with(|items| {
            let (done, total, count) = totals(items);
            let mut line = tf(
                Msg::Overall,
                &[
                    &format::size(done),
                    &format::size(total),
                    &count.to_string(),
                    &format!("{}%", percent(done, total)),
                ],
            );
            if let Some(rate) = overall_speed(items) {
                let eta = format::eta_secs(total.saturating_sub(done), rate)
                    .map(format::duration)
                    .unwrap_or_default();
                line.push_str(" — ");
                line.push_str(&tf(Msg::Eta, &[&format::size(rate as u64), &eta]));
            }
            line
        })
    };
    let any_running = move || {
        uploads
            .items
            .with(|v| v.iter().any(|i| !i.state.get().finished()))
    };
    view! {
        <Show when=move || uploads.items.with(|v| !v.is_empty())>
            <section id="upload-panel" aria-labelledby="upload-title">
                <div class="upload-head">
                    <h2 id="upload-title">{t(Msg::UploadsTitle)}</h2>
                    <p id="upload-overall" aria-live="polite">{overall}</p>
                    <button
                        id="upload-cancel-all"
                        type="button"
                        disabled=move || !any_running()
                        on:click=move |_| cancel_all(app, uploads)
                    >
                        {t(Msg::CancelAll)}
                    </button>
                    <button
                        id="upload-clear"
                        type="button"
                        on:click=move |_| clear_finished(uploads)
                    >
                        {t(Msg::ClearFinished)}
                    </button>
                </div>
                <Show when=move || uploads.items.with(|v| v.iter().any(|i| i.over_quota.get()))>
                    <p id="upload-quota-error" class="upload-quota" role="alert">{t(Msg::ErrQuotaExceeded)}</p>
                </Show>
                <ul class="upload-list">
                    <For
                        each=move || uploads.items.get()
                        key=|item| item.id
                        children=|item| view! { <UploadRow item=item/> }
                    />
                </ul>
            </section>
        </Show>
    }
}
