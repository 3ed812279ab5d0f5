//! The frame of every signed-in page: header, `nav#sidebar` and the page's `main`. Without a
//! session it sends the visitor to the login page instead.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};

use crate::api::Client as _;
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
    let location = use_location();
    // Pending invitations, for the badge on "Shared".
    let invites = LocalResource::new(move || {
        app.refresh.track();
        let client = app.client();
        async move {
            if caps.invitations {
                client.invites().await
            } else {
                Ok(Vec::new())
            }
        }
    });
    // `aria-current` on the link of the section being shown.
    let current = move |prefix: &'static str| current_page(location.pathname, prefix);
    view! {
        <nav id="sidebar" aria-label=t(Msg::NavLabel)>
            <ul>
                <li>
                    <a id="nav-files" href="/files/" aria-current=current("/files")>
                        {t(Msg::NavFiles)}
                    </a>
                </li>
                <Show when=move || caps.favorites>
                    <li>
                        <a id="nav-favorites" href="/favorites" aria-current=current("/favorites")>
                            {t(Msg::NavFavorites)}
                        </a>
                    </li>
                </Show>
                <Show when=move || caps.sharing>
                    <li>
                        <a id="nav-shared" href="/shared" aria-current=current("/shared")>
                            {t(Msg::NavShared)}
                            {move || {
                                let n = invites.get().and_then(|r| r.ok()).map_or(0, |v| v.len());
                                (n > 0).then(|| view! {
                                    <span id="invite-count" class="badge" aria-label=tf(Msg::NavInvites, &[&n.to_string()])>
                                        {n.to_string()}
                                    </span>
                                })
                            }}
                        </a>
                    </li>
                </Show>
                <Show when=move || caps.tasks>
                    <li>
                        <a id="nav-tasks" href="/tasks" aria-current=current("/tasks")>
                            {t(Msg::NavTasks)}
                        </a>
                    </li>
                </Show>
                <Show when=move || caps.activity>
                    <li>
                        <a id="nav-activity" href="/activity" aria-current=current("/activity")>
                            {t(Msg::NavActivity)}
                        </a>
                    </li>
                </Show>
                <Show when=move || caps.trash>
                    <li>
                        <a id="nav-trash" href="/trash" aria-current=current("/trash")>
                            {t(Msg::NavTrash)}
                        </a>
                    </li>
                </Show>
                // Only for admins; the admin pages check again (`#admin-forbidden`).
                <Show when=move || caps.admin_users && app.account.with(|a| a.as_ref().is_some_and(|a| a.role.is_admin()))>
                    <li>
                        <a id="nav-admin" href="/admin/users" aria-current=current("/admin")>
                            {t(Msg::NavAdmin)}
                        </a>
                    </li>
                </Show>
            </ul>
            <StorageIndicator/>
        </nav>
    }
}

/// `aria-current="page"` on a navigation link while the path shown starts with `prefix`.
pub(crate) fn current_page(
    pathname: Memo<String>,
    prefix: &'static str,
) -> impl Fn() -> Option<&'static str> + Copy + 'static {
    move || pathname.with(|p| p.starts_with(prefix)).then_some("page")
}
