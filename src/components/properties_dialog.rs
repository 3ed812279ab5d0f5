//! `#properties-dialog`: size, dates and checksum of a file; totals of a folder (asked from the
//! server, since they cover everything below it).

use leptos::prelude::*;

use crate::components::modal::{Modal, focus_button_on_mount};
use crate::i18n::{Msg, t, tf};
use crate::logic::format;
use crate::model::Entry;
use crate::state::use_app;

#[component]
pub fn PropertiesDialog(entry: Entry, on_close: Callback<()>) -> impl IntoView {
    let app = use_app();
    let close = NodeRef::<leptos::html::Button>::new();
    focus_button_on_mount(close);
    let is_folder = entry.is_folder;
    let path = entry.path.clone();
    let totals = LocalResource::new(move || {
        let client = app.client();
        let path = path.clone();
        async move {
            if is_folder {
                Some(client.files().folder_totals(&path).await)
            } else {
                None
            }
        }
    });
    Effect::new(move || {
        if let Some(Some(Err(e))) = totals.get() {
            app.report(&e);
        }
    });
    let loaded = move || totals.get().flatten().and_then(Result::ok);
    let size = {
        let entry = entry.clone();
        move || {
            if is_folder {
                loaded()
                    .map(|f| format::size(f.size))
                    .unwrap_or_else(|| t(Msg::Loading).to_owned())
            } else {
                format::size(entry.size)
            }
        }
    };
    let created = {
        let entry = entry.clone();
        move || {
            let ms = if is_folder {
                loaded().map_or(entry.created_ms, |f| f.created_ms)
            } else {
                entry.created_ms
            };
            format::timestamp(ms)
        }
    };
    let modified = {
        let entry = entry.clone();
        move || {
            let ms = if is_folder {
                loaded().map_or(entry.modified_ms, |f| f.modified_ms)
            } else {
                entry.modified_ms
            };
            format::timestamp(ms)
        }
    };
    view! {
        <Modal id="properties-dialog" labelled_by="properties-title" on_close=on_close>
            <h2 id="properties-title">{tf(Msg::PropTitle, &[&entry.name])}</h2>
            <dl class="properties">
                <dt>{t(Msg::PropSize)}</dt>
                <dd id="prop-size">{size}</dd>
                <Show when=move || is_folder>
                    <dt>{t(Msg::PropFiles)}</dt>
                    <dd id="prop-files">{move || loaded().map(|f| f.files.to_string()).unwrap_or_default()}</dd>
                    <dt>{t(Msg::PropFolders)}</dt>
                    <dd id="prop-folders">{move || loaded().map(|f| f.folders.to_string()).unwrap_or_default()}</dd>
                </Show>
                <dt>{t(Msg::PropCreated)}</dt>
                <dd id="prop-created">{created}</dd>
                <dt>{t(Msg::PropModified)}</dt>
                <dd id="prop-modified">{modified}</dd>
                {(!is_folder).then(|| view! {
                    <dt>{t(Msg::PropMd5)}</dt>
                    <dd id="prop-md5">{entry.checksum.clone().unwrap_or_default()}</dd>
                })}
            </dl>
            <div class="dialog-buttons">
                <button id="properties-close" type="button" node_ref=close on:click=move |_| on_close.run(())>
                    {t(Msg::Close)}
                </button>
            </div>
        </Modal>
    }
}
