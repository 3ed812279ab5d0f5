//! The frame of every `/admin/...` page: the shell, the admin sub-nav (`a#nav-admin-users`, …,
//! each by capability), the live regions `#admin-status` / `#admin-error`, and the gate: anyone
//! who is not an admin sees `#admin-forbidden` instead of the page.

use leptos::prelude::*;

use crate::components::shell::{NavItem, Shell};
use crate::components::status::StatusRegions;
use crate::i18n::{Msg, t};
use crate::state::use_app;

/// May the signed-in account open the admin section? `None` while the account is loading.
pub fn admin_allowed() -> Signal<Option<bool>> {
    let app = use_app();
    let caps = app.client().capabilities();
    Signal::derive(move || {
        app.account
            .with(|a| a.as_ref().map(|a| a.role.is_admin() && caps.admin_users))
    })
}

#[component]
pub fn AdminFrame(children: ChildrenFn) -> impl IntoView {
    let children = StoredValue::new(children);
    let allowed = admin_allowed();
    view! {
        <Shell>
            <main class="files admin">
                {move || match allowed.get() {
                    None => view! { <p id="loading" class="placeholder" role="status">{t(Msg::Loading)}</p> }
                        .into_any(),
                    Some(false) => view! {
                        <p id="admin-forbidden" class="placeholder forbidden" role="alert">{t(Msg::AdminForbidden)}</p>
                    }
                        .into_any(),
                    Some(true) => view! {
                        <AdminNav/>
                        <StatusRegions status_id="admin-status" error_id="admin-error"/>
                        {children.with_value(|c| c())}
                    }
                        .into_any(),
                }}
            </main>
        </Shell>
    }
}

#[component]
fn AdminNav() -> impl IntoView {
    let app = use_app();
    let caps = app.client().capabilities();
    let company = caps.company || caps.quota_requests || caps.companies;
    view! {
        <nav class="admin-nav" aria-label=t(Msg::AdminNavLabel)>
            <ul>
                {caps.admin_users.then(|| view! {
                    <NavItem id="nav-admin-users" href="/admin/users" section="/admin/users" label=Msg::AdminUsers/>
                })}
                {caps.groups.then(|| view! {
                    <NavItem id="nav-admin-groups" href="/admin/groups" section="/admin/groups" label=Msg::AdminGroups/>
                })}
                {company.then(|| view! {
                    <NavItem id="nav-admin-company" href="/admin/company" section="/admin/company" label=Msg::AdminCompany/>
                })}
                {caps.storage_report.then(|| view! {
                    <NavItem id="nav-admin-storage" href="/admin/storage" section="/admin/storage" label=Msg::AdminStorage/>
                })}
            </ul>
        </nav>
    }
}
