//! The frame of every signed-in page: header, `nav#sidebar` and the page's `main`. Without a
//! session it sends the visitor to the login page instead.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};

use crate::components::header::Header;
use crate::components::storage_indicator::StorageIndicator;
use crate::i18n::{Msg, t, tf};
use crate::state::use_app;

#[component]
pub fn Shell(children: ChildrenFn) -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    Effect::new(move || {
        if app.session.with(Option::is_none) {
            navigate(
                "/login",
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    view! {
        <Show when=move || app.session.with(Option::is_some)>
            <Header/>
            <div class="layout">
                <Sidebar/>
                {children()}
            </div>
        </Show>
    }
}

#[component]
fn Sidebar() -> impl IntoView {
    let app = use_app();
    let caps = app.client().capabilities();
    // Pending invitations, for the badge on "Shared".
    let invites = LocalResource::new(move || {
        app.refresh.track();
        let client = app.client();
        async move {
            if caps.invitations {
                client.sharing().invites().await
            } else {
                Ok(Vec::new())
            }
        }
    });
    view! {
        <nav id="sidebar" aria-label=t(Msg::NavLabel)>
            <ul>
                <NavItem id="nav-files" href="/files/" section="/files" label=Msg::NavFiles/>
                <Show when=move || caps.favorites>
                    <NavItem id="nav-favorites" href="/favorites" section="/favorites" label=Msg::NavFavorites/>
                </Show>
                <Show when=move || caps.sharing>
                    <NavItem id="nav-shared" href="/shared" section="/shared" label=Msg::NavShared>
                        {move || {
                                let n = invites.get().and_then(|r| r.ok()).map_or(0, |v| v.len());
                                (n > 0).then(|| view! {
                                    <span id="invite-count" class="badge" aria-label=tf(Msg::NavInvites, &[&n.to_string()])>
                                        {n.to_string()}
                                    </span>
                                })
                            }}
                    </NavItem>
                </Show>
                <Show when=move || caps.tasks>
                    <NavItem id="nav-tasks" href="/tasks" section="/tasks" label=Msg::NavTasks/>
                </Show>
                <Show when=move || caps.activity>
                    <NavItem id="nav-activity" href="/activity" section="/activity" label=Msg::NavActivity/>
                </Show>
                <Show when=move || caps.trash>
                    <NavItem id="nav-trash" href="/trash" section="/trash" label=Msg::NavTrash/>
                </Show>
                // Only for admins; the admin pages check again (`#admin-forbidden`).
                <Show when=move || caps.admin_users && app.account.with(|a| a.as_ref().is_some_and(|a| a.role.is_admin()))>
                    <NavItem id="nav-admin" href="/admin/users" section="/admin" label=Msg::NavAdmin/>
                </Show>
            </ul>
            <StorageIndicator/>
        </nav>
    }
}

/// One navigation entry; its link is `aria-current="page"` while the path shown starts with
/// `section`. Children follow the label (a badge).
#[component]
pub(crate) fn NavItem(
    id: &'static str,
    href: &'static str,
    section: &'static str,
    label: Msg,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let pathname = use_location().pathname;
    let current = move || pathname.with(|p| p.starts_with(section)).then_some("page");
    view! {
        <li>
            <a id=id href=href aria-current=current>
                {t(label)}
                {children.map(|c| c())}
            </a>
        </li>
    }
}
