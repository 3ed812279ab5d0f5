//! `#versions-panel`: the stored versions of one file, newest first, each downloadable and
//! restorable (restoring copies it into a new newest version; history is never rewritten).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::modal::{Modal, focus_button_on_mount};
use crate::i18n::{Msg, t, tf};
use crate::logic::format;
use crate::model::Entry;
use crate::state::use_app;

#[component]
pub fn VersionsPanel(entry: Entry, on_close: Callback<()>) -> impl IntoView {
    let app = use_app();
    let close = NodeRef::<leptos::html::Button>::new();
    focus_button_on_mount(close);
    let path = entry.path.clone();
    let reload = RwSignal::new(0u32);
    // Each version with its download link (a ticket per version, asked for up front).
    let versions = LocalResource::new(move || {
        reload.track();
        let client = app.client();
        let path = path.clone();
        async move {
            let list = client.recovery().versions(&path).await?;
            let mut out = Vec::with_capacity(list.len());
            for v in list {
                let url = client.recovery().version_url(&path, v.number).await.ok();
                out.push((v, url));
            }
            Ok::<_, crate::model::ApiError>(out)
        }
    });
    Effect::new(move || {
        if let Some(Err(e)) = versions.get() {
            app.report(&e);
        }
    });
    let restore = {
        let path = entry.path.clone();
        move |number: i64| {
            let client = app.client();
            let path = path.clone();
            spawn_local(async move {
                match client.recovery().restore_version(&path, number).await {
                    Ok(_) => app.succeed(tf(Msg::VersionRestored, &[&number.to_string()])),
                    Err(e) => app.report(&e),
                }
                reload.update(|n| *n += 1);
                app.reload();
            });
        }
    };
    // Inside a read-only share there is nothing to restore into, and some dialects cannot
    // restore at all: then the button is left out.
    let can_restore = app.client().capabilities().version_restore
        && entry.writable
        && use_context::<crate::browser::Browser>().is_none_or(|b| b.writable.get_untracked());
    let name = entry.name.clone();
    view! {
        <Modal id="versions-panel" labelled_by="versions-title" on_close=on_close>
            <h2 id="versions-title">{tf(Msg::VersionsTitle, &[&entry.name])}</h2>
            <Show
                when=move || versions.get().is_some()
                fallback=|| view! { <p class="placeholder" role="status">{t(Msg::Loading)}</p> }
            >
                <table class="list versions">
                    <thead>
                        <tr>
                            <th scope="col">{t(Msg::ColVersion)}</th>
                            <th scope="col" class="size">{t(Msg::ColSize)}</th>
                            <th scope="col">{t(Msg::ColModified)}</th>
                            <th scope="col">{t(Msg::ColAuthor)}</th>
                            <th scope="col"><span class="visually-hidden">{t(Msg::Toolbar)}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {
                            let restore = restore.clone();
                            let name = name.clone();
                            move || {
                                let list = match versions.get() {
                                    Some(Ok(v)) => v,
                                    _ => Vec::new(),
                                };
                                list.into_iter()
                                    .enumerate()
                                    .map(|(i, (v, url))| {
                                        let restore = restore.clone();
                                        let n = v.number;
                                        let label = n.to_string();
                                        view! {
                                            <tr data-version=n.to_string()>
                                                <td>
                                                    {label.clone()}
                                                    {(i == 0).then(|| view! { <span class="hint">" ("{t(Msg::VersionCurrent)}")"</span> })}
                                                </td>
                                                <td class="size">{format::size(v.size)}</td>
                                                <td class="modified">{format::timestamp(v.stored_ms)}</td>
                                                <td>{v.author}</td>
                                                <td><div class="actions">
                                                    <a
                                                        class="version-download"
                                                        href=url.unwrap_or_default()
                                                        download=name.clone()
                                                        rel="external"
                                                        aria-label=tf(Msg::VersionDownloadLabel, &[&label])
                                                    >
                                                        {t(Msg::VersionDownload)}
                                                    </a>
                                                    {can_restore.then(|| view! {
                                                        <button
                                                            type="button"
                                                            class="version-restore"
                                                            disabled=i == 0
                                                            aria-label=tf(Msg::VersionRestoreLabel, &[&label])
                                                            on:click=move |_| restore(n)
                                                        >
                                                            {t(Msg::VersionRestore)}
                                                        </button>
                                                    })}
                                                </div></td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            }
                        }
                    </tbody>
                </table>
            </Show>
            <div class="dialog-buttons">
                <button id="versions-close" type="button" node_ref=close on:click=move |_| on_close.run(())>
                    {t(Msg::Close)}
                </button>
            </div>
        </Modal>
    }
}
