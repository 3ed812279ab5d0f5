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

#[derive(Clone)]
enum Shown {
    Url(String),
    Text(TextHead),
}

#[component]
fn LinkFile(visit: Visit, item: Entry) -> impl IntoView {
    let app = visit.app;
    let kind = preview_kind(&item);
    let previewable = matches!(
        kind,
        PreviewKind::Image | PreviewKind::Text | PreviewKind::Pdf
    );
    // One ticket serves the preview and the download button: a link with a download limit
    // is charged once per visit, not twice.
    let ticket = RwSignal::new(None::<String>);
    let shown = RwSignal::new(None::<Shown>);
    if previewable {
        let client = app.client();
        let link = visit.link.get_untracked();
        let path = item.path.clone();
        let password = visit.password();
        spawn_local(async move {
            let url = match client
                .links()
                .link_file_url(&link, &path, password.as_deref(), false)
                .await
            {
                Ok(u) => u,
                Err(e) => {
                    visit.fail(&e);
                    return;
                }
            };
            ticket.set(Some(url.clone()));
            let sep = if url.contains('?') { '&' } else { '?' };
            let view_url = format!("{url}{sep}for_view=1");
            let s = if kind == PreviewKind::Text {
                match client.files().text_head(&view_url, TEXT_LIMIT).await {
                    Ok(head) => Shown::Text(head),
                    Err(e) => {
                        visit.fail(&e);
                        return;
                    }
                }
            } else {
                Shown::Url(view_url)
            };
            shown.set(Some(s));
        });
    }
    let name = item.name.clone();
    let for_download = item.clone();
    let download = move |_| match ticket.get_untracked() {
        Some(url) => {
            if trigger_download(&url, &for_download.name).is_some() {
                app.succeed(tf(Msg::DownloadStarted, &[&for_download.name]));
            }
        }
        None => visit.download(for_download.clone()),
    };
    let preview = move || {
        let alt = name.clone();
        Some(match (kind, shown.get()?) {
            (_, Shown::Text(head)) => view! {
                <pre id="link-preview-text" class="link-preview">{head.text}</pre>
                {head.truncated.then(|| view! { <p class="hint">{t(Msg::ViewerTruncated)}</p> })}
            }
            .into_any(),
            (PreviewKind::Pdf, Shown::Url(url)) => {
                view! { <iframe id="link-preview-pdf" class="link-preview" src=url title=alt></iframe> }
                    .into_any()
            }
            (_, Shown::Url(url)) => {
                view! { <img id="link-preview-image" class="link-preview" src=url alt=alt/> }.into_any()
            }
        })
    };
    view! {
        <section id="link-file" class="link-file">
            <h1 id="link-name">{item.name.clone()}</h1>
            <p id="link-size" class="hint">{format::size(item.size)}</p>
            <div class="link-actions">
                <button id="link-download-file" type="button" class="primary" on:click=download>
                    {t(Msg::LinkDownloadFile)}
                </button>
                <SaveButton visit=visit/>
            </div>
            {move || (previewable && shown.with(Option::is_none) && ticket.with(Option::is_none))
                .then(|| view! { <p class="placeholder" role="status">{t(Msg::Loading)}</p> })}
            {preview}
        </section>
    }
}

/// Ancestors of `path` inside the link (the shared folder first) with their labels.
fn link_crumbs(root_label: String, path: &NodePath) -> Vec<(NodePath, String)> {
    let mut out = vec![(NodePath::root(), root_label)];
    let mut current = NodePath::root();
    for segment in path.segments() {
        current = current.join(segment);
        out.push((current.clone(), segment.as_str().to_owned()));
    }
    out
}

#[component]
fn LinkFolder(visit: Visit, shown: LinkView) -> impl IntoView {
    let app = visit.app;
    let zips = app.client().capabilities().link_archives;
    let navigate = StoredValue::new_local(use_navigate());
    let link = visit.link.get_untracked();
    let folder = visit.path.get_untracked();
    let mut children = shown.children;
    children.sort_by(|a, b| {
        b.is_folder
            .cmp(&a.is_folder)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    let root_label = if folder.is_root() {
        shown.item.name.clone()
    } else {
        stored(&name_key(&link)).unwrap_or_default()
    };
    let root_label = if root_label.is_empty() {
        t(Msg::LinkPageTitle).to_owned()
    } else {
        root_label
    };
    let selected = RwSignal::new(BTreeSet::<String>::new());
    let empty = children.is_empty();
    let zip_name = format!(
        "{}.zip",
        folder.name().map_or(root_label.as_str(), |n| n.as_str())
    );
    let zip = {
        let link = link.clone();
        let folder = folder.clone();
        move |_| {
            let picked = selected.get_untracked();
            let paths: Vec<NodePath> = if picked.is_empty() {
                if folder.is_root() {
                    Vec::new()
                } else {
                    vec![folder.clone()]
                }
            } else {
                picked
                    .iter()
                    .filter_map(|p| NodePath::parse(p).ok())
                    .collect()
            };
            let password = visit.password();
            let url = app
                .client()
                .links()
                .link_archive_url(&link, &paths, password.as_deref());
            if trigger_download(&url, "").is_some() {
                app.succeed(tf(Msg::ArchiveStarted, &[&zip_name]));
            }
        }
    };
    let crumbs = link_crumbs(root_label.clone(), &folder);
    let last = crumbs.len() - 1;
    let crumbs = crumbs
        .into_iter()
        .enumerate()
        .map(|(i, (p, label))| {
            let current = (i == last).then_some("page");
            view! {
                <li>
                    <a href=link_href(&link, &p) data-link-crumb=p.to_string() aria-current=current>
                        {label}
                    </a>
                </li>
            }
        })
        .collect_view();
    let rows = children
        .into_iter()
        .map(|e| {
            let key = e.path.to_string();
            let href = link_href(&link, &e.path);
            let is_folder = e.is_folder;
            let for_open = href.clone();
            let open = move |_: web_sys::MouseEvent| {
                if is_folder {
                    navigate.with_value(|n| n(&for_open, Default::default()));
                }
            };
            let k1 = key.clone();
            let k2 = key.clone();
            let checked = move || selected.with(|s| s.contains(&k1));
            let toggle = move |ev: web_sys::Event| {
                let on = event_target_checked(&ev);
                selected.update(|s| {
                    if on {
                        s.insert(k2.clone());
                    } else {
                        s.remove(&k2);
                    }
                });
            };
            let name_cell = if is_folder {
                view! { <a class="label" href=href>{e.name.clone()}</a> }.into_any()
            } else {
                view! { <span class="label">{e.name.clone()}</span> }.into_any()
            };
            let size = if is_folder {
                t(Msg::FolderKind).to_owned()
            } else {
                format::size(e.size)
            };
            let download = (!is_folder).then(|| {
                let entry = e.clone();
                view! {
                    <button
                        type="button"
                        class="link-download"
                        aria-label=format!("{} {}", t(Msg::LinkDownloadFile), e.name)
                        on:click=move |_| visit.download(entry.clone())
                    >
                        {t(Msg::LinkDownloadFile)}
                    </button>
                }
            });
            let k3 = key.clone();
            view! {
                <tr
                    data-path=key.clone()
                    data-kind=if is_folder { "folder" } else { "file" }
                    aria-selected=move || selected.with(|s| s.contains(&k3)).to_string()
                    on:dblclick=open
                >
                    <td class="check">
                        // Selecting only serves the zip: without zips there is nothing to pick.
                        {zips.then(|| view! {
                            <input
                                type="checkbox"
                                class="link-select"
                                aria-label=tf(Msg::LinkSelect, &[&e.name])
                                prop:checked=checked
                                on:change=toggle
                            />
                        })}
                    </td>
                    <td class="name" title=e.name.clone()>{name_cell}</td>
                    <td class="size">{size}</td>
                    <td class="modified">{format::timestamp(e.modified_ms)}</td>
                    <td class="actions">{download}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <nav id="link-breadcrumbs" class="breadcrumbs" aria-label=t(Msg::Breadcrumbs)>
            <ol>{crumbs}</ol>
        </nav>
        <div class="toolbar link-actions" role="toolbar" aria-label=t(Msg::Toolbar)>
            {zips.then(|| view! {
                <button id="link-download-zip" type="button" class="primary" on:click=zip>
                    {move || {
                        if selected.with(BTreeSet::is_empty) {
                            t(Msg::LinkDownloadZip)
                        } else {
                            t(Msg::LinkDownloadZipSelected)
                        }
                    }}
                </button>
            })}
            <SaveButton visit=visit/>
        </div>
        <table id="link-list" class="list">
            <thead>
                <tr>
                    <th scope="col" class="check"><span class="visually-hidden">{t(Msg::LinkSelectColumn)}</span></th>
                    <th scope="col" class="name">{t(Msg::ColName)}</th>
                    <th scope="col" class="size">{t(Msg::ColSize)}</th>
                    <th scope="col" class="modified">{t(Msg::ColModified)}</th>
                    <th scope="col" class="actions"><span class="visually-hidden">{t(Msg::Toolbar)}</span></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {empty.then(|| view! { <p id="link-empty" class="placeholder">{t(Msg::LinkFolderEmpty)}</p> })}
    }
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
