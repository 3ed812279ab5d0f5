//! `table#admin-users`: one `tr[data-login]` per user (name, login, role, status, storage used
//! against the quota, last login), sortable headers `button[data-sort]` with `aria-sort`, a
//! checkbox per row (`input.admin-select`) and one page-wide, and the row's actions
//! (`button[data-action]`, only those that apply).

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::components::admin_user_dialogs::role_label;
use crate::components::usage_meter::UsageMeter;
use crate::i18n::{Msg, t, tf};
use crate::logic::format;
use crate::logic::user_list::{self, UserAction, UserStatus};
use crate::model::{AdminUser, Role, UserSort};
use crate::state::use_app;

fn status_label(s: UserStatus) -> &'static str {
    t(match s {
        UserStatus::Active => Msg::UserActive,
        UserStatus::Disabled => Msg::UserDisabled,
        UserStatus::Locked => Msg::UserLocked,
        UserStatus::Deleted => Msg::UserDeleted,
    })
}

fn action_label(a: UserAction) -> &'static str {
    t(match a {
        UserAction::Edit => Msg::ActEdit,
        UserAction::Password => Msg::ActPassword,
        UserAction::Disable => Msg::ActDisable,
        UserAction::Enable => Msg::ActEnable,
        UserAction::Unlock => Msg::ActUnlock,
        UserAction::Role => Msg::ActRole,
        UserAction::Quota => Msg::ActQuota,
        UserAction::Delete => Msg::ActDelete,
        UserAction::Restore => Msg::ActRestore,
    })
}

const COLUMNS: [(UserSort, Msg); 4] = [
    (UserSort::Name, Msg::ColName),
    (UserSort::Login, Msg::ColLogin),
    (UserSort::Used, Msg::ColUsed),
    (UserSort::LastLogin, Msg::ColLastLogin),
];

#[component]
pub fn UserTable(
    users: Signal<Vec<AdminUser>>,
    loading: Signal<bool>,
    /// The column and whether descending; a header click changes it and goes to the first page.
    sort: RwSignal<(UserSort, bool)>,
    offset: RwSignal<u64>,
    /// Selected rows by id (kept across pages).
    selected: RwSignal<BTreeMap<String, AdminUser>>,
    on_action: Callback<(AdminUser, UserAction)>,
) -> impl IntoView {
    let app = use_app();
    let caps = app.client().capabilities();
    let me = move || {
        app.account
            .with(|a| a.as_ref().map(|a| (a.user_id.clone(), a.role)))
    };
    let my_login = move || {
        app.session
            .with(|s| s.as_ref().map(|s| s.login.clone()).unwrap_or_default())
    };
    let is_me = move |u: &AdminUser| {
        me().is_some_and(|(id, _)| !id.is_empty() && id == u.id) || u.login == my_login()
    };
    let act = move |u: AdminUser, a: UserAction| on_action.run((u, a));
    let row = move |u: AdminUser| {
        let status = UserStatus::of(&u);
        let my_role = me().map_or(Role::User, |m| m.1);
        let actions = user_list::actions_for(&u, is_me(&u), my_role, &caps);
        let id = u.id.clone();
        let for_select = u.clone();
        let who = if u.name.is_empty() {
            u.login.clone()
        } else {
            u.name.clone()
        };
        let last = if u.last_login_ms > 0 {
            format::timestamp(u.last_login_ms)
        } else {
            t(Msg::Never).to_owned()
        };
        view! {
            <tr data-login=u.login.clone() data-status=status.code() data-role=u.role.code()>
                <td class="select">
                    <input
                        type="checkbox"
                        class="admin-select"
                        aria-label=tf(Msg::SelectUser, &[&u.login])
                        prop:checked={
                            let id = id.clone();
                            move || selected.with(|s| s.contains_key(&id))
                        }
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let u = for_select.clone();
                            selected.update(|s| {
                                if on {
                                    s.insert(u.id.clone(), u);
                                } else {
                                    s.remove(&u.id);
                                }
                            });
                        }
                    />
                </td>
                <td class="name">{u.name.clone()}</td>
                <td class="login">{u.login.clone()}</td>
                <td class="role">{role_label(u.role)}</td>
                <td class="status"><span class="user-status" data-status=status.code()>{status_label(status)}</span></td>
                <td class="used"><UsageMeter used=u.used_bytes limit=u.quota_bytes/></td>
                <td class="last-login">{last}</td>
                <td class="actions">
                    {actions
                        .into_iter()
                        .map(|a| {
                            let target = u.clone();
                            let danger = matches!(a, UserAction::Delete | UserAction::Disable);
                            view! {
                                <button
                                    type="button"
                                    data-action=a.code()
                                    class:danger=danger
                                    aria-label=tf(Msg::ActLabel, &[action_label(a), &who])
                                    on:click=move |_| act(target.clone(), a)
                                >
                                    {action_label(a)}
                                </button>
                            }
                        })
                        .collect_view()}
                </td>
            </tr>
        }
    };
    let header = move |(key, label): (UserSort, Msg)| {
        view! {
            <th scope="col" aria-sort=move || user_list::aria_sort(sort.get(), key)>
                <button type="button" data-sort=user_list::sort_code(key) on:click=move |_| {
                    sort.update(|s| *s = user_list::clicked(*s, key));
                    offset.set(0);
                }>
                    {t(label)}
                    <span class="sort-arrow" aria-hidden="true">
                        {move || match user_list::aria_sort(sort.get(), key) {
                            "ascending" => "▲",
                            "descending" => "▼",
                            _ => "",
                        }}
                    </span>
                </button>
            </th>
        }
    };
    let all_on_page = move || {
        users.with(|list| {
            !list.is_empty() && selected.with(|s| list.iter().all(|u| s.contains_key(&u.id)))
        })
    };
    let toggle_page = move |ev: web_sys::Event| {
        let on = event_target_checked(&ev);
        let list = users.get_untracked();
        selected.update(|s| {
            for u in list {
                if on {
                    s.insert(u.id.clone(), u);
                } else {
                    s.remove(&u.id);
                }
            }
        });
    };
    let [name_col, login_col, used_col, last_col] = COLUMNS;
    view! {
    <div class="table-scroll">
        <table id="admin-users" class="list admin-table" aria-busy=move || loading.get().to_string()>
            <thead>
                <tr>
                    <th scope="col" class="select">
                        <input
                            type="checkbox"
                            id="admin-select-all"
                            aria-label=t(Msg::SelectAllUsers)
                            prop:checked=all_on_page
                            on:change=toggle_page
                        />
                    </th>
                    {header(name_col)}
                    {header(login_col)}
                    <th scope="col">{t(Msg::ColRole)}</th>
                    <th scope="col">{t(Msg::ColStatus)}</th>
                    {header(used_col)}
                    {header(last_col)}
                    <th scope="col">{t(Msg::ColActions)}</th>
                </tr>
            </thead>
            <tbody>
                {move || users.get().into_iter().map(row).collect_view()}
            </tbody>
        </table>
    </div>
    }
}
