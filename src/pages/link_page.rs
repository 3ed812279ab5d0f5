//! `/s/<link>` and `/s/<link>/<path>`: what a public link shows. No account is needed (no
//! redirect to the login page); paths are relative to the shared item, so the owner's tree is
//! never visible.
//!
//! - a file: its name, size, a preview (images, text, PDF) and `#link-download-file`;
//! - a folder: `table#link-list` (rows `tr[data-path][data-kind]`, checkboxes, `.link-download`
//!   per file), breadcrumbs `a[data-link-crumb]` and `#link-download-zip`;
//! - `#link-password-prompt` when the link has a password, and the full-page states
//!   `#link-expired`, `#link-limit` and `#link-not-found`;
//! - `#link-save` ("Save to my files") for a signed-in visitor.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_location, use_navigate};
use satchel_wire::NodePath;

use crate::browser::trigger_download;
use crate::components::status::StatusRegions;
use crate::i18n::{Msg, t, tf};
use crate::logic::format;
use crate::logic::paths::percent_decode;
use crate::logic::preview::{PreviewKind, preview_kind};
use crate::model::{ApiError, Entry, ErrorKind, LinkView, SaveState, TextHead};
use crate::state::{AppState, use_app};

mod link_file;
use link_file::LinkFile;

mod link_folder;
use link_folder::LinkFolder;

const PREFIX: &str = "/s/";
/// Text files are shown up to this many bytes.
const TEXT_LIMIT: u64 = 1 << 20;
/// How often the "save to my files" task is asked for its progress.
const POLL_MS: u32 = 400;

/// `/s/<link>/<a>/<b>` → (`<link>`, `/a/b`).
pub fn link_target(pathname: &str) -> Option<(String, NodePath)> {
    let rest = pathname.strip_prefix(PREFIX)?;
    let (link, path) = match rest.split_once('/') {
        Some((l, p)) => (l, p),
        None => (rest, ""),
    };
    if link.is_empty() {
        return None;
    }
    let decoded: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(percent_decode)
        .collect();
    let path = NodePath::parse(&format!("/{}", decoded.join("/"))).ok()?;
    Some((percent_decode(link), path))
}

/// The SPA address of `path` inside link `link`.
pub fn link_href(link: &str, path: &NodePath) -> String {
    let mut out = String::from(PREFIX);
    satchel_wire::name::percent_encode_segment(link, &mut out);
    if !path.is_root() {
        out.push_str(&path.to_url_path());
    }
    out
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn stored(key: &str) -> Option<String> {
    session_storage()?.get_item(key).ok().flatten()
}

fn store(key: &str, value: &str) {
    if let Some(s) = session_storage() {
        let _ = s.set_item(key, value);
    }
}

fn password_key(link: &str) -> String {
    format!("satchel.link.{link}.password")
}

fn name_key(link: &str) -> String {
    format!("satchel.link.{link}.name")
}

/// Where the visit stands, as the page shows it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gate {
    Password { wrong: bool },
    Expired,
    Limit,
    NotFound,
}

fn gate_of(err: &ApiError) -> Option<Gate> {
    Some(match err.kind {
        ErrorKind::PasswordRequired => Gate::Password { wrong: false },
        ErrorKind::WrongPassword => Gate::Password { wrong: true },
        ErrorKind::LinkExpired => Gate::Expired,
        ErrorKind::DownloadLimitReached => Gate::Limit,
        ErrorKind::NotFound => Gate::NotFound,
        _ => return None,
    })
}

/// The page's shared state.
#[derive(Clone, Copy)]
struct Visit {
    app: AppState,
    link: Memo<String>,
    path: Memo<NodePath>,
    password: RwSignal<Option<String>>,
    /// A failure that replaces the whole page (set by downloads too).
    gate: RwSignal<Option<Gate>>,
}

impl Visit {
    fn password(&self) -> Option<String> {
        self.password.get_untracked()
    }

    /// Handle a failure: a gate state, or the error region.
    fn fail(&self, err: &ApiError) {
        match gate_of(err) {
            Some(g) => self.gate.set(Some(g)),
            None if err.ends_session() => self.app.report(err),
            None => self.app.fail(err.user_message()),
        }
    }

    /// Download one shared file (asks for a fresh ticket: one download).
    fn download(self, entry: Entry) {
        let client = self.app.client();
        let link = self.link.get_untracked();
        let password = self.password();
        spawn_local(async move {
            match client
                .links()
                .link_file_url(&link, &entry.path, password.as_deref(), false)
                .await
            {
                Ok(url) => {
                    if trigger_download(&url, &entry.name).is_some() {
                        self.app.succeed(tf(Msg::DownloadStarted, &[&entry.name]));
                    }
                }
                Err(e) => self.fail(&e),
            }
        });
    }
}

#[component]
pub fn LinkPage() -> impl IntoView {
    let app = use_app();
    let location = use_location();
    let target = Memo::new(move |_| link_target(&location.pathname.get()));
    let link = Memo::new(move |_| target.get().map(|(l, _)| l).unwrap_or_default());
    let path = Memo::new(move |_| target.get().map(|(_, p)| p).unwrap_or_default());
    // A password typed earlier in this tab is sent at once (also after moving to a subfolder).
    let password = RwSignal::new(stored(&password_key(&link.get_untracked())));
    Effect::new(move || {
        let known = stored(&password_key(&link.get()));
        if password.get_untracked() != known {
            password.set(known);
        }
    });
    let visit = Visit {
        app,
        link,
        path,
        password,
        gate: RwSignal::new(None),
    };
    let shown = RwSignal::new(None::<LinkView>);
    let loading = RwSignal::new(true);
    let generation = StoredValue::new(0u32);
    Effect::new(move || {
        let link = link.get();
        let path = path.get();
        let pw = password.get();
        generation.update_value(|g| *g = g.wrapping_add(1));
        let mine = generation.get_value();
        loading.set(true);
        let client = app.client();
        spawn_local(async move {
            let result = if link.is_empty() {
                Err(ApiError::new(ErrorKind::NotFound, 404, ""))
            } else {
                client.links().link_view(&link, &path, pw.as_deref()).await
            };
            if generation.get_value() != mine {
                return;
            }
            loading.set(false);
            match result {
                Ok(v) => {
                    visit.gate.set(None);
                    // Remembered for this tab only once it worked.
                    if let Some(p) = &pw {
                        store(&password_key(&link), p);
                    }
                    if path.is_root() {
                        store(&name_key(&link), &v.item.name);
                    }
                    shown.set(Some(v));
                }
                Err(e) => {
                    shown.set(None);
                    visit.fail(&e);
                }
            }
        });
    });
    let body = move || {
        if let Some(g) = visit.gate.get() {
            return gate_view(visit, g).into_any();
        }
        match shown.get() {
            None if loading.get() => {
                view! { <p id="loading" class="placeholder" role="status">{t(Msg::Loading)}</p> }
                    .into_any()
            }
            None => ().into_any(),
            Some(v) if v.item.is_folder => view! { <LinkFolder visit=visit shown=v/> }.into_any(),
            Some(v) => view! { <LinkFile visit=visit item=v.item/> }.into_any(),
        }
    };
    let signed_in = move || app.session.with(Option::is_some);
    view! {
        <header class="topbar">
            <a class="brand" href=move || if signed_in() { "/files/" } else { "/login" }>{t(Msg::AppName)}</a>
            <span class="link-page-title">{t(Msg::LinkPageTitle)}</span>
        </header>
        <main class="files link-page">
            <StatusRegions/>
            {body}
        </main>
    }
}

fn gate_view(visit: Visit, gate: Gate) -> impl IntoView {
    match gate {
        Gate::Password { wrong } => view! { <PasswordPrompt visit=visit wrong=wrong/> }.into_any(),
        Gate::Expired => view! {
            <section id="link-expired" class="placeholder link-state" role="alert">
                <h1>{t(Msg::LinkExpiredTitle)}</h1>
                <p>{t(Msg::LinkExpiredText)}</p>
            </section>
        }
        .into_any(),
        Gate::Limit => view! {
            <section id="link-limit" class="placeholder link-state" role="alert">
                <h1>{t(Msg::LinkLimitTitle)}</h1>
                <p>{t(Msg::LinkLimitText)}</p>
            </section>
        }
        .into_any(),
        Gate::NotFound => view! {
            <section id="link-not-found" class="placeholder link-state" role="alert">
                <h1>{t(Msg::LinkNotFoundTitle)}</h1>
                <p>{t(Msg::LinkNotFoundText)}</p>
            </section>
        }
        .into_any(),
    }
}

#[component]
fn PasswordPrompt(visit: Visit, wrong: bool) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    crate::components::modal::focus_input_on_mount(input);
    let on_submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let Some(el) = input.get() else { return };
        let value = el.value();
        visit.gate.set(None);
        visit.password.set(Some(value));
    };
    let message = if wrong {
        t(Msg::ErrWrongPassword)
    } else {
        t(Msg::ErrPasswordRequired)
    };
    view! {
        <form id="link-password-prompt" class="link-state login-card" on:submit=on_submit>
            <h1>{t(Msg::LinkPasswordTitle)}</h1>
            <p id="link-password-error" class:error=wrong role=if wrong { "alert" } else { "status" }>
                {message}
            </p>
            <label for="link-password-input">{t(Msg::LinkPasswordLabel)}</label>
            <input id="link-password-input" type="password" autocomplete="off" node_ref=input/>
            <button id="link-password-submit" type="submit" class="primary">
                {t(Msg::LinkPasswordSubmit)}
            </button>
        </form>
    }
}

/// `#link-save`: copy the shared item into my files and follow the task.
#[component]
fn SaveButton(visit: Visit) -> impl IntoView {
    let app = visit.app;
    // Dialects without "save to my files" show nothing here.
    if !app.client().capabilities().save_links {
        return ().into_any();
    }
    let busy = RwSignal::new(None::<u8>);
    let save = move |_| {
        let client = app.client();
        let link = visit.link.get_untracked();
        let password = visit.password();
        busy.set(Some(0));
        spawn_local(async move {
            let outcome = async {
                let task = client.links().save_link(&link, password.as_deref()).await?;
                loop {
                    match client.links().save_state(&task).await? {
                        SaveState::Running { percent } => {
                            busy.set(Some(percent));
                            gloo_timers::future::TimeoutFuture::new(POLL_MS).await;
                        }
                        done => return Ok::<_, ApiError>(done),
                    }
                }
            }
            .await;
            busy.set(None);
            match outcome {
                Ok(SaveState::Done { name, files, size }) => app.succeed(tf(
                    Msg::LinkSaved,
                    &[&name, &files.to_string(), &format::size(size)],
                )),
                Ok(SaveState::Running { .. }) => {}
                Err(e) => visit.fail(&e),
            }
        });
    };
    view! {
        <Show
            when=move || app.session.with(Option::is_some)
            fallback=move || {
                let here = link_href(&visit.link.get_untracked(), &visit.path.get_untracked());
                let href = format!(
                    "/login?{}",
                    serde_urlencoded::to_string([("next", here)]).unwrap_or_default()
                );
                view! { <a class="link-signin" href=href>{t(Msg::LinkSignIn)}</a> }
            }
        >
            <button id="link-save" type="button" disabled=move || busy.get().is_some() on:click=save>
                {t(Msg::LinkSave)}
            </button>
            <span class="hint" role="status">
                {move || busy.get().map(|p| tf(Msg::LinkSaving, &[&p.to_string()]))}
            </span>
        </Show>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        assert_eq!(
            link_target("/s/abc"),
            Some(("abc".into(), NodePath::root()))
        );
        assert_eq!(
            link_target("/s/abc/a%20b/c"),
            Some(("abc".into(), NodePath::parse("/a b/c").unwrap()))
        );
        assert_eq!(link_target("/s/"), None);
        let p = NodePath::parse("/a b/c").unwrap();
        assert_eq!(link_href("abc", &p), "/s/abc/a%20b/c");
        assert_eq!(link_href("abc", &NodePath::root()), "/s/abc");
    }
}
