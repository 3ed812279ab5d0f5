//! `/login`: username and password form.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::config::Dialect;
use crate::i18n::{Msg, t, tf};
use crate::state::use_app;

#[component]
pub fn LoginPage() -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    // `?next=/s/…`: back to the public link the visitor signed in from.
    let next = use_query_map()
        .with_untracked(|q| q.get("next"))
        .filter(|n| n.starts_with("/s/"))
        .unwrap_or_else(|| "/files/".to_owned());
    // Signed in already (or just now): go to the files.
    Effect::new(move || {
        if app.session.with(Option::is_some) {
            navigate(
                &next,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let config = app.config.get_untracked();
    let dialect = RwSignal::new(config.dialect);
    let dialect_ref = NodeRef::<leptos::html::Select>::new();
    let user_ref = NodeRef::<leptos::html::Input>::new();
    let pass_ref = NodeRef::<leptos::html::Input>::new();
    // A session that just ended (expired, or the account disabled) is an error to explain;
    // signing out is a plain notice.
    let is_error = |n: &String| n == t(Msg::SessionExpired) || n == t(Msg::ErrAccountDisabled);
    let error = RwSignal::new(app.notice.get_untracked().filter(is_error));
    let notice = Memo::new(move |_| app.notice.get().filter(|n| !is_error(n)));
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        // Read the fields themselves: automation may fill them without input events.
        let read = |node: NodeRef<leptos::html::Input>, fallback: RwSignal<String>| {
            node.get_untracked()
                .map(|el| el.value())
                .unwrap_or_else(|| fallback.get_untracked())
        };
        let (user, pass) = (read(user_ref, username), read(pass_ref, password));
        if user.trim().is_empty() || pass.is_empty() {
            error.set(Some(t(Msg::LoginMissing).to_owned()));
            return;
        }
        busy.set(true);
        error.set(None);
        // Read the choice itself too, for the same reason as the fields.
        let chosen = dialect_ref
            .get_untracked()
            .and_then(|el| Dialect::from_code(&el.value()))
            .unwrap_or_else(|| dialect.get_untracked());
        let client = app.client_for(chosen);
        spawn_local(async move {
            match client.session().login(user.trim(), &pass).await {
                Ok(session) => app.sign_in(session),
                Err(e) => error.set(Some(tf(Msg::LoginFailed, &[&e.user_message()]))),
            }
            busy.set(false);
        });
    };
    view! {
        <main class="login">
            <form class="login-card" on:submit=submit novalidate>
                <h1>{t(Msg::LoginTitle)}</h1>
                {move || notice.get().map(|n| view! { <p id="login-notice" role="status">{n}</p> })}
                {(!config.dialect_locked).then(|| view! {
                    <label for="login-dialect">{t(Msg::LoginDialect)}</label>
                    <select
                        id="login-dialect"
                        name="dialect"
                        node_ref=dialect_ref
                        on:change=move |ev| {
                            if let Some(d) = Dialect::from_code(&event_target_value(&ev)) {
                                dialect.set(d);
                            }
                        }
                    >
                        {Dialect::ALL
                            .into_iter()
                            .map(|d| view! {
                                <option value=d.code() selected=move || dialect.get() == d>
                                    {dialect_label(d)}
                                </option>
                            })
                            .collect_view()}
                    </select>
                })}
                <label for="login-username">{t(Msg::LoginUsername)}</label>
                <input
                    id="login-username"
                    name="username"
                    type="text"
                    autocomplete="username"
                    node_ref=user_ref
                    autofocus
                    required
                    prop:value=move || username.get()
                    on:input=move |ev| username.set(event_target_value(&ev))
                />
                <label for="login-password">{t(Msg::LoginPassword)}</label>
                <input
                    id="login-password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    node_ref=pass_ref
                    required
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev))
                />
                // Present only while there is an error, so its text is never stale.
                {move || error.get().map(|e| view! { <p id="login-error" role="alert">{e}</p> })}
                <button id="login-submit" type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { t(Msg::LoginBusy) } else { t(Msg::LoginSubmit) }}
                </button>
            </form>
        </main>
    }
}

fn dialect_label(dialect: Dialect) -> &'static str {
    t(match dialect {
        Dialect::Cloudike => Msg::DialectCloudike,
        Dialect::OpenDrive => Msg::DialectOpenDrive,
    })
}
