//! Folder picker for move and copy: browse folders, pick the one shown.

use leptos::prelude::*;
use satchel_wire::NodePath;

use crate::components::modal::{Modal, focus_button_on_mount};
use crate::i18n::{Msg, t};
use crate::state::use_app;

#[component]
pub fn FolderPicker(
    title: String,
    start: NodePath,
    on_pick: Callback<NodePath>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let location = RwSignal::new(start);
    let ok = NodeRef::<leptos::html::Button>::new();
    focus_button_on_mount(ok);
    let folders = LocalResource::new(move || {
        let at = location.get();
        let client = app.client();
        async move {
            let result = client.files().list(&at).await;
            let mut folders: Vec<_> = result
                .as_ref()
                .map(|v| v.iter().filter(|e| e.is_folder).cloned().collect())
                .unwrap_or_default();
            folders.sort_by_key(|e| e.name.to_lowercase());
            (at, folders, result.err())
        }
    });
    Effect::new(move || {
        if let Some((_, _, Some(e))) = folders.get() {
            app.report(&e);
        }
    });
    let entry = move |path: NodePath, label: String, class: &'static str| {
        let target = path.clone();
        view! {
            <li>
                <button
                    type="button"
                    class=class
                    data-picker-path=path.to_string()
                    on:click=move |_| location.set(target.clone())
                >
                    {label}
                </button>
            </li>
        }
    };
    view! {
        <Modal id="folder-picker" labelled_by="picker-title" on_close=on_cancel>
            <h2 id="picker-title">{title}</h2>
            <p class="picker-location">
                {t(Msg::PickerHere)}" "
                <strong id="picker-location">{move || location.get().to_string()}</strong>
            </p>
            <ul class="picker-list">
                {entry(NodePath::root(), t(Msg::PickerRoot).to_owned(), "picker-root")}
                {move || {
                    location.get().parent().filter(|p| !p.is_root()).map(|parent| {
                        entry(parent, t(Msg::PickerUp).to_owned(), "picker-up")
                    })
                }}
                {move || match folders.get() {
                    Some((at, list, _)) if at == location.get() => {
                        if list.is_empty() {
                            view! { <li class="hint">{t(Msg::PickerNoFolders)}</li> }.into_any()
                        } else {
                            list.into_iter()
                                .map(|f| entry(f.path.clone(), f.name.clone(), "picker-folder"))
                                .collect_view()
                                .into_any()
                        }
                    }
                    _ => view! { <li class="hint">{t(Msg::Loading)}</li> }.into_any(),
                }}
            </ul>
            <div class="dialog-buttons">
                <button id="picker-cancel" type="button" on:click=move |_| on_cancel.run(())>
                    {t(Msg::Cancel)}
                </button>
                <button
                    id="picker-ok"
                    type="button"
                    class="primary"
                    node_ref=ok
                    on:click=move |_| on_pick.run(location.get_untracked())
                >
                    {t(Msg::PickerChoose)}
                </button>
            </div>
        </Modal>
    }
}
