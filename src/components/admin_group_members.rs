//! `section#group-members`: the members of one group (`li[data-member]` with
//! `button[data-action="remove-member"]` where the dialect can remove) and adding one: `input#group-member-login` suggests
//! company users from the directory (`ul#group-member-suggestions`), `button#group-member-add`.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::Client;
use crate::components::share_dialog::ask_directory_later;
use crate::i18n::{Msg, t, tf};
use crate::model::{ApiError, ErrorKind, Group, Member, Person, UserQuery};
use crate::state::use_app;

fn shown(p: &Person) -> String {
    if p.name.is_empty() {
        p.login.clone()
    } else {
        format!("{} ({})", p.name, p.login)
    }
}

/// The user id behind a login (the group endpoints take ids; the directory gives logins).
async fn user_id(client: &Client, login: &str) -> Result<String, ApiError> {
    let query = UserQuery {
        text: login.to_owned(),
        limit: 50,
        ..UserQuery::default()
    };
    let page = client.admin().admin_users(&query).await?;
    page.users
        .into_iter()
        .find(|u| u.login == login && !u.deleted)
        .map(|u| u.id)
        .ok_or_else(|| ApiError::new(ErrorKind::NotFound, 404, ""))
}

#[component]
pub fn GroupMembers(group: Group, on_changed: Callback<()>) -> impl IntoView {
    let app = use_app();
    let group = StoredValue::new(group);
    let version = RwSignal::new(0u32);
    let members = LocalResource::new(move || {
        version.track();
        let client = app.client();
        let g = group.get_value();
        async move { client.admin().group_members(&g).await }
    });
    Effect::new(move || {
        if let Some(Err(e)) = members.get() {
            app.report(&e);
        }
    });
    let changed = move || {
        version.update(|n| *n = n.wrapping_add(1));
        on_changed.run(());
    };
    let login = RwSignal::new(String::new());
    let suggestions = RwSignal::new(Vec::<Person>::new());
    let asked = StoredValue::new(0u32);
    let busy = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    let on_input = move |ev: web_sys::Event| {
        let text = event_target_value(&ev);
        login.set(text.clone());
        if text.trim().is_empty() {
            suggestions.set(Vec::new());
        }
        ask_directory_later(app.client(), asked, text, move |found| {
            suggestions.set(found.unwrap_or_default())
        });
    };
    let add = move || {
        // Read the field itself: automation may fill it without input events.
        let wanted = input
            .get_untracked()
            .map(|el| el.value())
            .unwrap_or_else(|| login.get_untracked())
            .trim()
            .to_owned();
        if wanted.is_empty() {
            app.fail(t(Msg::GroupMemberEmpty).to_owned());
            return;
        }
        let client = app.client();
        let g = group.get_value();
        busy.set(true);
        spawn_local(async move {
            let outcome = match user_id(&client, &wanted).await {
                Ok(id) => client.admin().add_group_members(&g, &[id]).await,
                Err(e) => Err(e),
            };
            match outcome {
                Ok(()) => {
                    app.succeed(tf(Msg::GroupMemberAdded, &[&wanted, &g.name]));
                    login.set(String::new());
                    if let Some(el) = input.get_untracked() {
                        el.set_value("");
                    }
                    suggestions.set(Vec::new());
                    changed();
                }
                Err(e) if e.kind == ErrorKind::NotFound => {
                    app.fail(t(Msg::GroupMemberUnknown).to_owned())
                }
                Err(e) => app.report(&e),
            }
            busy.set(false);
        });
    };
    let remove = move |m: Member| {
        let client = app.client();
        let g = group.get_value();
        spawn_local(async move {
            match client.admin().remove_group_member(&g, &m.user_id).await {
                Ok(()) => {
                    app.succeed(tf(Msg::GroupMemberRemoved, &[&m.person.login, &g.name]));
                    changed();
                }
                Err(e) => app.report(&e),
            }
        });
    };
    let on_submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        add();
    };
    // Without removal (OpenDrive only moves people between groups) the row has no button.
    let removable = app.client().capabilities().group_member_removal;
    let member_row = move |m: Member| {
        let who = shown(&m.person);
        let target = m.clone();
        let label = tf(Msg::ActLabel, &[t(Msg::GroupMemberRemove), &who]);
        view! {
            <li data-member=m.person.login.clone()>
                <span class="member-name">{who}</span>
                {removable.then(|| view! {
                    <button
                        type="button"
                        data-action="remove-member"
                        class="danger"
                        aria-label=label
                        on:click=move |_| remove(target.clone())
                    >
                        {t(Msg::GroupMemberRemove)}
                    </button>
                })}
            </li>
        }
    };
    view! {
        <section id="group-members" data-group=group.with_value(|g| g.name.clone()) aria-labelledby="group-members-title">
            <h2 id="group-members-title">{group.with_value(|g| tf(Msg::GroupMembersTitle, &[&g.name]))}</h2>
            <form class="inline-form combo" on:submit=on_submit novalidate>
                <label for="group-member-login">{t(Msg::GroupMemberLogin)}</label>
                <div class="inline-row">
                    <input
                        id="group-member-login"
                        type="text"
                        autocomplete="off"
                        aria-controls="group-member-suggestions"
                        node_ref=input
                        prop:value=move || login.get()
                        on:input=on_input
                    />
                    <button id="group-member-add" type="submit" class="primary" disabled=move || busy.get()>
                        {t(Msg::GroupMemberAdd)}
                    </button>
                </div>
                <ul id="group-member-suggestions" class="suggestions" role="listbox" hidden=move || suggestions.with(Vec::is_empty)>
                    {move || suggestions.get().into_iter().map(|p| {
                        let pick = p.login.clone();
                        view! {
                            <li
                                role="option"
                                data-login=p.login.clone()
                                on:mousedown=|ev: web_sys::MouseEvent| ev.prevent_default()
                                on:click=move |_| {
                                    login.set(pick.clone());
                                    if let Some(el) = input.get_untracked() {
                                        el.set_value(&pick);
                                    }
                                    suggestions.set(Vec::new());
                                }
                            >
                                {shown(&p)}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </form>
            <ul id="group-member-list" class="member-list">
                {move || members.get().and_then(Result::ok).unwrap_or_default().into_iter().map(member_row).collect_view()}
            </ul>
            <Show when=move || members.get().and_then(Result::ok).is_some_and(|v| v.is_empty())>
                <p class="hint">{t(Msg::GroupNoMembers)}</p>
            </Show>
        </section>
    }
}
