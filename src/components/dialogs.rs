//! Shows the dialog the files page asked for and runs the chosen operation.

use leptos::prelude::*;
use satchel_wire::NodePath;

use crate::browser::{self, DialogKind, use_browser};
use crate::components::confirm_dialog::ConfirmDelete;
use crate::components::folder_picker::FolderPicker;
use crate::components::modal::focus_file_list;
use crate::components::name_prompt::NamePrompt;
use crate::components::properties_dialog::PropertiesDialog;
use crate::components::share_dialog::ShareDialog;
use crate::components::versions_panel::VersionsPanel;
use crate::components::viewer::Viewer;
use crate::i18n::{Msg, t, tf};
use crate::state::use_app;

#[component]
pub fn Dialogs() -> impl IntoView {
    let app = use_app();
    let b = use_browser();
    let close = Callback::new(move |_: ()| {
        b.dialog.set(None);
        focus_file_list();
    });
    move || {
        let folder = b.folder.get_untracked();
        match b.dialog.get()? {
            DialogKind::NewFolder => Some(
                view! {
                    <NamePrompt
                        title=t(Msg::NewFolderTitle).to_owned()
                        initial=String::new()
                        on_ok=Callback::new(move |name| {
                            close.run(());
                            browser::create_folder(app, folder.clone(), name);
                        })
                        on_cancel=close
                    />
                }
                .into_any(),
            ),
            DialogKind::Rename(entry) => Some(
                view! {
                    <NamePrompt
                        title=tf(Msg::RenameTitle, &[&entry.name])
                        initial=entry.name.clone()
                        on_ok=Callback::new(move |name| {
                            close.run(());
                            browser::rename(app, entry.clone(), name);
                        })
                        on_cancel=close
                    />
                }
                .into_any(),
            ),
            DialogKind::Delete(entries) => Some(
                view! {
                    <ConfirmDelete
                        entries=entries.clone()
                        on_ok=Callback::new(move |_| {
                            close.run(());
                            browser::delete(app, entries.clone());
                        })
                        on_cancel=close
                    />
                }
                .into_any(),
            ),
            DialogKind::Versions(entry) => {
                Some(view! { <VersionsPanel entry=entry on_close=close/> }.into_any())
            }
            DialogKind::Properties(entry) => {
                Some(view! { <PropertiesDialog entry=entry on_close=close/> }.into_any())
            }
            DialogKind::Share(entry) => {
                Some(view! { <ShareDialog entry=entry on_close=close/> }.into_any())
            }
            DialogKind::Viewer(index) => {
                Some(view! { <Viewer start=index on_close=close/> }.into_any())
            }
            DialogKind::Move(entries) | DialogKind::Copy(entries) => {
                let copy = matches!(b.dialog.get_untracked(), Some(DialogKind::Copy(_)));
                let key = if copy { Msg::CopyTitle } else { Msg::MoveTitle };
                let title = tf(key, &[&entries.len().to_string()]);
                Some(
                    view! {
                        <FolderPicker
                            title=title
                            start=NodePath::root()
                            on_pick=Callback::new(move |target| {
                                close.run(());
                                browser::transfer(app, entries.clone(), target, copy);
                            })
                            on_cancel=close
                        />
                    }
                    .into_any(),
                )
            }
        }
    }
}
