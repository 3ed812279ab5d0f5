//! `/admin/groups`: create (`input#new-group-name`, `button#new-group-submit`), list (`ul#groups`,
//! items `li[data-group]` with `button.group-open`, `button[data-action="rename-group"]`,
//! `button[data-action="delete-group"]`), rename (`#rename-group-dialog`) and delete (confirmed)
//! groups; the opened group's members in `section#group-members`.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::admin_frame::AdminFrame;
use crate::components::admin_group_members::GroupMembers;
use crate::components::admin_user_dialogs::value_of;
use crate::components::confirm_dialog::Confirm;
use crate::components::modal::{Modal, focus_input_on_mount};
use crate::i18n::{Msg, t, tf};
use crate::model::Group;
use crate::state::use_app;

#[component]
pub fn AdminGroupsPage() -> impl IntoView {
    view! {
        <AdminFrame>
            <GroupsView/>
        </AdminFrame>
    }
}

#[derive(Clone)]
enum Ask {
    Rename(Group),
    Delete(Group),
}

#[component]
fn GroupsView() -> impl IntoView {
    let app = use_app();
    let version = RwSignal::new(0u32);
    let bump = move || version.update(|n| *n = n.wrapping_add(1));
    let groups = LocalResource::new(move || {
        version.track();
        let client = app.client();
        async move { client.admin().groups().await }
    });
    Effect::new(move || {
        if let Some(Err(e)) = groups.get() {
            app.report(&e);
        }
    });
    // The open group, by id (its name may change).
    let open = RwSignal::new(None::<String>);
    let open_group = Memo::new(move |_| {
        let id = open.get()?;
        groups.get()?.ok()?.into_iter().find(|g| g.id == id)
    });
    let ask = RwSignal::new(None::<Ask>);
    let new_name = NodeRef::<leptos::html::Input>::new();
    let busy = RwSignal::new(false);
    let create = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let name = value_of(new_name).trim().to_owned();
        if name.is_empty() {
            app.fail(t(Msg::GroupNameEmpty).to_owned());
            return;
        }
        busy.set(true);
        let client = app.client();
        spawn_local(async move {
            match client.admin().create_group(&name).await {
                Ok(g) => {
                    app.succeed(tf(Msg::GroupCreated, &[&g.name]));
                    if let Some(el) = new_name.get_untracked() {
                        el.set_value("");
                    }
                    open.set(Some(g.id));
                    bump();
                }
                Err(e) => app.report(&e),
            }
            busy.set(false);
        });
    };
    let rename = move |g: Group, name: String| {
        let client = app.client();
        spawn_local(async move {
            match client.admin().rename_group(&g, &name).await {
                Ok(renamed) => {
                    ask.set(None);
                    app.succeed(tf(Msg::GroupRenamed, &[&renamed.name]));
                    bump();
                }
                Err(e) => app.report(&e),
            }
        });
    };
    let delete = move |g: Group| {
        ask.set(None);
        let client = app.client();
        spawn_local(async move {
            match client.admin().delete_group(&g).await {
                Ok(()) => {
                    if open.get_untracked().as_deref() == Some(g.id.as_str()) {
                        open.set(None);
                    }
                    app.succeed(tf(Msg::GroupDeleted, &[&g.name]));
                    bump();
                }
                Err(e) => app.report(&e),
            }
        });
    };
    let item = move |g: Group| {
        let id = g.id.clone();
        let is_open = {
            let id = StoredValue::new(id.clone());
            move || id.with_value(|id| open.get().as_deref() == Some(id.as_str()))
        };
        let (for_rename, for_delete) = (g.clone(), g.clone());
        view! {
            <li data-group=g.name.clone() class:open=is_open>
                <button
                    type="button"
                    class="group-open link-like"
                    aria-pressed=move || is_open().to_string()
                    on:click=move |_| open.set(Some(id.clone()))
                >
                    <span class="group-name">{g.name.clone()}</span>
                    <span class="hint">{tf(Msg::GroupMembersCount, &[&g.members.to_string()])}</span>
                </button>
                <button
                    type="button"
                    data-action="rename-group"
                    aria-label=tf(Msg::ActLabel, &[t(Msg::RenameGroup), &g.name])
                    on:click=move |_| ask.set(Some(Ask::Rename(for_rename.clone())))
                >
                    {t(Msg::RenameGroup)}
                </button>
                <button
                    type="button"
                    data-action="delete-group"
                    class="danger"
                    aria-label=tf(Msg::ActLabel, &[t(Msg::DeleteGroup), &g.name])
                    on:click=move |_| ask.set(Some(Ask::Delete(for_delete.clone())))
                >
                    {t(Msg::DeleteGroup)}
                </button>
            </li>
        }
    };
    let dialog = move || {
        let close = Callback::new(move |_| ask.set(None));
        Some(match ask.get()? {
            Ask::Rename(g) => view! {
                <RenameGroup group=g on_ok=Callback::new(move |(g, name)| rename(g, name)) on_cancel=close/>
            }
            .into_any(),
            Ask::Delete(g) => {
                let target = g.clone();
                view! {
                    <Confirm
                        title=tf(Msg::DeleteGroupTitle, &[&g.name])
                        text=t(Msg::DeleteGroupText).to_owned()
                        ok_label=t(Msg::DeleteGroup)
                        on_ok=Callback::new(move |_| delete(target.clone()))
                        on_cancel=close
                    />
                }
                .into_any()
            }
        })
    };
    view! {
        <h1 class="page-title">{t(Msg::GroupsTitle)}</h1>
        <form class="inline-form" on:submit=create novalidate>
            <label for="new-group-name">{t(Msg::NewGroupName)}</label>
            <div class="inline-row">
                <input id="new-group-name" type="text" autocomplete="off" node_ref=new_name/>
                <button id="new-group-submit" type="submit" class="primary" disabled=move || busy.get()>
                    {t(Msg::NewGroupSubmit)}
                </button>
            </div>
        </form>
        <div class="groups-layout">
            <div>
                <ul id="groups" class="group-list">
                    {move || groups.get().and_then(Result::ok).unwrap_or_default().into_iter().map(item).collect_view()}
                </ul>
                <Show when=move || groups.get().and_then(Result::ok).is_some_and(|v| v.is_empty())>
                    <p id="groups-empty" class="hint">{t(Msg::GroupsNone)}</p>
                </Show>
            </div>
            {move || match open_group.get() {
                Some(g) => view! { <GroupMembers group=g on_changed=Callback::new(move |_| bump())/> }.into_any(),
                None => view! { <p class="hint group-pick">{t(Msg::GroupPick)}</p> }.into_any(),
            }}
        </div>
        {dialog}
    }
}

#[component]
fn RenameGroup(
    group: Group,
    on_ok: Callback<(Group, String)>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let error = RwSignal::new(None::<String>);
    focus_input_on_mount(input);
    let target = StoredValue::new(group.clone());
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let name = value_of(input).trim().to_owned();
        if name.is_empty() {
            error.set(Some(t(Msg::GroupNameEmpty).to_owned()));
            return;
        }
        on_ok.run((target.get_value(), name));
    };
    view! {
        <Modal id="rename-group-dialog" labelled_by="rename-group-title" on_close=on_cancel>
            <form on:submit=submit novalidate>
                <h2 id="rename-group-title">{tf(Msg::RenameGroupTitle, &[&group.name])}</h2>
                <label for="rename-group-name">{t(Msg::GroupNewName)}</label>
                <input id="rename-group-name" type="text" autocomplete="off" node_ref=input prop:value=group.name.clone()/>
                <p class="field-error" role="alert">{move || error.get()}</p>
                <div class="dialog-buttons">
                    <button type="button" on:click=move |_| on_cancel.run(())>{t(Msg::Cancel)}</button>
                    <button id="rename-group-submit" type="submit" class="primary">{t(Msg::RenameGroup)}</button>
                </div>
            </form>
        </Modal>
    }
}
