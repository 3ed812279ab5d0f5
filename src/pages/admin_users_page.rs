//! `/admin/users`: the company's users, searchable (`input#admin-user-search`, debounced),
//! sortable (`button[data-sort]`), paged (`#admin-users-prev` / `#admin-users-next`), with one
//! `tr[data-login]` per user in `table#admin-users` and the actions that apply to each row
//! (`button[data-action]`); quotas for the selected rows (`input.admin-select`) via
//! `#admin-bulk-quota`, with per-user failures listed in `ul#admin-bulk-failures`.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::admin_frame::AdminFrame;
use crate::components::admin_quota_dialog::QuotaDialog;
use crate::components::admin_user_dialogs::{
    EditUserDialog, InviteDialog, NewUserDialog, PasswordDialog, RoleDialog, role_label, shown_name,
};
use crate::components::admin_user_table::UserTable;
use crate::components::confirm_dialog::Confirm;
use crate::i18n::{Msg, t, tf};
use crate::logic::bulk;
use crate::logic::user_list::{self, UserAction};
use crate::model::{AdminUser, Role, UserQuery, UserSort};
use crate::state::use_app;

/// Users per page.
const PAGE: u64 = 20;
/// Typing pauses this long before the list is asked again.
const SEARCH_DELAY_MS: u32 = 300;

#[component]
pub fn AdminUsersPage() -> impl IntoView {
    view! {
        <AdminFrame>
            <UsersView/>
        </AdminFrame>
    }
}

#[derive(Clone)]
enum Dialog {
    New,
    Invite,
    Edit(AdminUser),
    Password(AdminUser),
    Role(AdminUser),
    /// One user or the selected ones.
    Quota(Vec<AdminUser>),
    Delete(AdminUser),
}

#[component]
fn UsersView() -> impl IntoView {
    let app = use_app();
    let caps = app.client().capabilities();
    let text = RwSignal::new(String::new());
    let typed = StoredValue::new(0u32);
    let sort = RwSignal::new((UserSort::Name, false));
    let offset = RwSignal::new(0u64);
    let show_deleted = RwSignal::new(false);
    let version = RwSignal::new(0u32);
    let bump = move || version.update(|n| *n = n.wrapping_add(1));
    let users = LocalResource::new(move || {
        version.track();
        let (key, descending) = sort.get();
        let query = UserQuery {
            text: text.get(),
            sort: key,
            descending,
            offset: offset.get(),
            limit: PAGE,
            include_deleted: show_deleted.get(),
        };
        let client = app.client();
        async move { client.admin().admin_users(&query).await }
    });
    Effect::new(move || {
        if let Some(Err(e)) = users.get() {
            app.report(&e);
        }
    });
    let page = Memo::new(move |_| users.get().and_then(Result::ok).unwrap_or_default());
    // Selected rows by id, kept across pages and searches (the ids stay valid).
    let selected = RwSignal::new(BTreeMap::<String, AdminUser>::new());
    let dialog = RwSignal::new(None::<Dialog>);
    let failures = RwSignal::new(Vec::<(String, String)>::new());
    let me = move || {
        app.account
            .with(|a| a.as_ref().map(|a| (a.user_id.clone(), a.role)))
    };

    let on_search = move |ev: web_sys::Event| {
        let value = event_target_value(&ev);
        typed.update_value(|n| *n = n.wrapping_add(1));
        let mine = typed.get_value();
        spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(SEARCH_DELAY_MS).await;
            if typed.get_value() == mine {
                offset.set(0);
                text.set(value.trim().to_owned());
            }
        });
    };
    let done = move |message: String| {
        dialog.set(None);
        app.succeed(message);
        bump();
    };
    let act = move |user: AdminUser, action: UserAction| {
        let open = |d: Dialog| dialog.set(Some(d));
        match action {
            UserAction::Edit => open(Dialog::Edit(user)),
            UserAction::Password => open(Dialog::Password(user)),
            UserAction::Role => open(Dialog::Role(user)),
            UserAction::Quota => open(Dialog::Quota(vec![user])),
            UserAction::Delete => open(Dialog::Delete(user)),
            UserAction::Disable | UserAction::Enable | UserAction::Unlock | UserAction::Restore => {
                let client = app.client();
                spawn_local(async move {
                    let who = shown_name(&user);
                    let outcome = match action {
                        UserAction::Disable => client
                            .admin()
                            .set_user_active(&user.id, false)
                            .await
                            .map(|_| tf(Msg::UserDisabledDone, &[&who])),
                        UserAction::Enable => client
                            .admin()
                            .set_user_active(&user.id, true)
                            .await
                            .map(|_| tf(Msg::UserEnabledDone, &[&who])),
                        UserAction::Unlock => client
                            .admin()
                            .unlock_user(&user.id)
                            .await
                            .map(|_| tf(Msg::UserUnlockedDone, &[&who])),
                        _ => client
                            .admin()
                            .restore_user(&user.id)
                            .await
                            .map(|_| tf(Msg::UserRestoredDone, &[&who])),
                    };
                    match outcome {
                        Ok(message) => app.succeed(message),
                        Err(e) => app.report(&e),
                    }
                    bump();
                });
            }
        }
    };
    let delete = move |user: AdminUser| {
        dialog.set(None);
        let client = app.client();
        spawn_local(async move {
            match client.admin().delete_user(&user.id).await {
                Ok(()) => {
                    selected.update(|s| {
                        s.remove(&user.id);
                    });
                    app.succeed(tf(Msg::UserDeletedDone, &[&shown_name(&user)]));
                }
                Err(e) => app.report(&e),
            }
            bump();
        });
    };
    let quota_busy = RwSignal::new(false);
    let quota_error = RwSignal::new(None::<String>);
    let set_quota = move |who: Vec<AdminUser>, bytes: Option<u64>| {
        let asked: Vec<(String, String)> = who
            .iter()
            .map(|u| (u.id.clone(), u.login.clone()))
            .collect();
        let ids: Vec<String> = asked.iter().map(|a| a.0.clone()).collect();
        let client = app.client();
        quota_busy.set(true);
        spawn_local(async move {
            match client.admin().set_quota(&ids, bytes).await {
                Ok(outcomes) => {
                    let summary = bulk::summarize(&asked, &outcomes);
                    let listed: Vec<(String, String)> = summary
                        .failed
                        .iter()
                        .map(|(who, why)| {
                            let why = if why.is_empty() {
                                t(Msg::QuotaNoAnswer).to_owned()
                            } else {
                                why.clone()
                            };
                            (who.clone(), why)
                        })
                        .collect();
                    dialog.set(None);
                    if listed.is_empty() {
                        failures.set(Vec::new());
                        app.succeed(tf(Msg::QuotaDone, &[&summary.done.to_string()]));
                    } else {
                        app.fail(tf(
                            Msg::QuotaSomeFailed,
                            &[&summary.done.to_string(), &listed.len().to_string()],
                        ));
                        failures.set(listed);
                    }
                    bump();
                }
                Err(e) if e.ends_session() => app.report(&e),
                Err(e) => quota_error.set(Some(e.user_message())),
            }
            quota_busy.set(false);
        });
    };
    let bulk_quota = move |_| {
        let chosen: Vec<AdminUser> = selected.get_untracked().into_values().collect();
        if chosen.is_empty() {
            app.fail(t(Msg::QuotaNoneSelected).to_owned());
            return;
        }
        quota_error.set(None);
        dialog.set(Some(Dialog::Quota(chosen)));
    };

    let dialog_view = move || {
        let close = Callback::new(move |_| dialog.set(None));
        let d = dialog.get()?;
        Some(match d {
            Dialog::New => view! {
                <NewUserDialog
                    on_done=Callback::new(move |u: AdminUser| done(tf(Msg::UserCreated, &[&u.login])))
                    on_close=close
                />
            }
            .into_any(),
            Dialog::Invite => view! { <InviteDialog on_close=Callback::new(move |_| { dialog.set(None); bump(); })/> }.into_any(),
            Dialog::Edit(u) => view! {
                <EditUserDialog
                    user=u
                    on_done=Callback::new(move |u: AdminUser| done(tf(Msg::UserSaved, &[&shown_name(&u)])))
                    on_close=close
                />
            }
            .into_any(),
            Dialog::Password(u) => {
                let who = shown_name(&u);
                view! {
                    <PasswordDialog
                        user=u
                        on_done=Callback::new(move |_| done(tf(Msg::PasswordSet, &[&who])))
                        on_close=close
                    />
                }
                .into_any()
            }
            Dialog::Role(u) => {
                let who = shown_name(&u);
                let my_role = me().map_or(Role::User, |m| m.1);
                view! {
                    <RoleDialog
                        user=u
                        me=my_role
                        on_done=Callback::new(move |r: Role| done(tf(Msg::RoleChanged, &[&who, role_label(r)])))
                        on_close=close
                    />
                }
                .into_any()
            }
            Dialog::Quota(who) => {
                let title = match who.as_slice() {
                    [one] => tf(Msg::QuotaTitleOne, &[&shown_name(one)]),
                    many => tf(Msg::QuotaTitleMany, &[&many.len().to_string()]),
                };
                let initial = match who.as_slice() {
                    [one] => one.quota_bytes,
                    _ => None,
                };
                let who = StoredValue::new(who);
                view! {
                    <QuotaDialog
                        title=title
                        initial=initial
                        busy=quota_busy
                        error=quota_error
                        on_submit=Callback::new(move |bytes| set_quota(who.get_value(), bytes))
                        on_close=close
                    />
                }
                .into_any()
            }
            Dialog::Delete(u) => {
                let target = u.clone();
                view! {
                    <Confirm
                        title=tf(Msg::DeleteUserTitle, &[&shown_name(&u)])
                        text=t(Msg::DeleteUserText).to_owned()
                        ok_label=t(Msg::ActDelete)
                        on_ok=Callback::new(move |_| delete(target.clone()))
                        on_cancel=close
                    />
                }
                .into_any()
            }
        })
    };

    let range = move || {
        page.with(|p| {
            let (from, to) = user_list::page_range(offset.get(), p.users.len(), p.total);
            tf(
                Msg::PagerRange,
                &[&from.to_string(), &to.to_string(), &p.total.to_string()],
            )
        })
    };
    view! {
        <h1 class="page-title">{t(Msg::AdminUsersTitle)}</h1>
        <div class="toolbar admin-toolbar">
            <label for="admin-user-search" class="visually-hidden">{t(Msg::AdminUserSearch)}</label>
            <input
                id="admin-user-search"
                type="search"
                placeholder=t(Msg::AdminUserSearchPlaceholder)
                on:input=on_search
            />
            // Deleted users are listed only where they can be restored.
            {caps.restore_users.then(|| view! {
                <span class="checkbox">
                    <input
                        id="admin-show-deleted"
                        type="checkbox"
                        on:change=move |ev| {
                            offset.set(0);
                            show_deleted.set(event_target_checked(&ev));
                        }
                    />
                    <label for="admin-show-deleted">{t(Msg::AdminShowDeleted)}</label>
                </span>
            })}
            <button id="admin-new-user" type="button" class="primary" on:click=move |_| dialog.set(Some(Dialog::New))>
                {t(Msg::NewUser)}
            </button>
            {caps.invite_users.then(|| view! {
                <button id="admin-invite-user" type="button" on:click=move |_| dialog.set(Some(Dialog::Invite))>
                    {t(Msg::InviteUser)}
                </button>
            })}
            {caps.quotas.then(|| view! {
                <button id="admin-bulk-quota" type="button" on:click=bulk_quota>
                    {t(Msg::BulkQuota)}
                    {move || {
                        let n = selected.with(BTreeMap::len);
                        (n > 0).then(|| format!(" ({n})"))
                    }}
                </button>
            })}
        </div>
        <Show when=move || failures.with(|f| !f.is_empty())>
            <ul id="admin-bulk-failures" class="bulk-failures">
                {move || failures.get().into_iter().map(|(who, why)| view! {
                    <li data-login=who.clone()><strong>{who.clone()}</strong>": "{why}</li>
                }).collect_view()}
            </ul>
        </Show>
        <UserTable
            users=Signal::derive(move || page.get().users)
            loading=Signal::derive(move || users.get().is_none())
            sort=sort
            offset=offset
            selected=selected
            on_action=Callback::new(move |(u, a)| act(u, a))
        />
        <Show when=move || users.get().is_some() && page.with(|p| p.users.is_empty())>
            <p id="admin-users-empty" class="placeholder">{t(Msg::UsersNone)}</p>
        </Show>
        <nav class="pager" aria-label=t(Msg::PagerLabel)>
            <button
                id="admin-users-prev"
                type="button"
                disabled=move || offset.get() == 0
                on:click=move |_| offset.update(|o| *o = o.saturating_sub(PAGE))
            >
                {t(Msg::PagerPrev)}
            </button>
            <span id="admin-users-range" aria-live="polite">{range}</span>
            <button
                id="admin-users-next"
                type="button"
                disabled=move || page.with(|p| offset.get() + (p.users.len() as u64) >= p.total)
                on:click=move |_| offset.update(|o| *o += PAGE)
            >
                {t(Msg::PagerNext)}
            </button>
        </nav>
        {dialog_view}
    }
}
