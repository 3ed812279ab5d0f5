//! `/join/<token>`: someone invited by an admin creates their account (no sign-in needed). Shows
//! the invited login in `#join-login`, asks `#join-name` and `#join-password`, and on success
//! goes to the login page with a notice; an unknown or used token shows `#join-invalid`.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::i18n::{Msg, t, tf};
use crate::logic::user_list::MIN_PASSWORD;
use crate::model::ErrorKind;
use crate::state::use_app;

#[component]
pub fn JoinPage() -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let token = StoredValue::new(token);
    let invitation = LocalResource::new(move || {
        let client = app.client();
        let token = token.get_value();
        async move { client.admin().invitation(&token).await }
    });
    let name = NodeRef::<leptos::html::Input>::new();
    let password = NodeRef::<leptos::html::Input>::new();
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let read = |n: NodeRef<leptos::html::Input>| {
            n.get_untracked().map(|el| el.value()).unwrap_or_default()
        };
        let (full_name, pw) = (read(name).trim().to_owned(), read(password));
        if full_name.is_empty() {
            error.set(Some(t(Msg::JoinNameEmpty).to_owned()));
            return;
        }
        if pw.chars().count() < MIN_PASSWORD {
            error.set(Some(t(Msg::PasswordShort).to_owned()));
            return;
        }
        busy.set(true);
        error.set(None);
        let client = app.client();
        let navigate = navigate.clone();
        spawn_local(async move {
            match client
                .admin()
                .join(&token.get_value(), &full_name, &pw)
                .await
            {
                Ok(()) => {
                    app.notice.set(Some(t(Msg::JoinDone).to_owned()));
                    navigate(
                        "/login",
                        NavigateOptions {
                            replace: true,
                            ..Default::default()
                        },
                    );
                }
                Err(e) => error.set(Some(e.user_message())),
            }
            busy.set(false);
        });
    };
    let body = move || {
        let answer = invitation.get()?;
        Some(match answer {
            Err(e)
                if matches!(
                    e.kind,
                    ErrorKind::NotFound | ErrorKind::Forbidden | ErrorKind::Conflict
                ) =>
            {
                view! {
                    <p id="join-invalid" role="alert">{t(Msg::JoinInvalid)}</p>
                    <a href="/login">{t(Msg::LoginSubmit)}</a>
                }
                .into_any()
            }
            Err(e) => view! { <p id="join-error" role="alert">{e.user_message()}</p> }.into_any(),
            Ok(inv) => {
                let submit = submit.clone();
                view! {
                    <form class="join-form" on:submit=submit novalidate>
                        <p>{tf(Msg::JoinIntro, &[&inv.company])}</p>
                        <label for="join-login">{t(Msg::JoinLogin)}</label>
                        // An <output>: its text is also its `value`, and it cannot be edited.
                        <output id="join-login" class="join-login">{inv.login.clone()}</output>
                        // For password managers: the login the new password belongs to.
                        <input type="hidden" name="username" autocomplete="username" prop:value=inv.login.clone()/>
                        <label for="join-name">{t(Msg::JoinName)}</label>
                        <input id="join-name" type="text" autocomplete="name" required node_ref=name/>
                        <label for="join-password">{t(Msg::JoinPassword)}</label>
                        <input id="join-password" type="password" autocomplete="new-password" minlength="8" required node_ref=password/>
                        {move || error.get().map(|e| view! { <p id="join-error" role="alert">{e}</p> })}
                        <button id="join-submit" type="submit" class="primary" disabled=move || busy.get()>
                            {t(Msg::JoinSubmit)}
                        </button>
                    </form>
                }
                .into_any()
            }
        })
    };
    view! {
        <main class="login">
            <div class="login-card">
                <h1>{t(Msg::JoinTitle)}</h1>
                {move || body().unwrap_or_else(|| view! { <p role="status">{t(Msg::Loading)}</p> }.into_any())}
            </div>
        </main>
    }
}
