//! The dialogs of the admin user list: new user (`#new-user-dialog`), invitation
//! (`#invite-dialog`, then `input#invite-link`), edit (`#edit-user-dialog`), password
//! (`#password-dialog`) and role (`#role-dialog` with `#role-select`). Each checks its fields before anything is sent and
//! shows failures inside itself (`.field-error`, role=alert), keeping what was typed.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::modal::{Modal, focus_input_on_mount};
use crate::components::share_dialog::copy_text;
use crate::i18n::{Msg, t, tf};
use crate::logic::user_list::{self, NewUserProblem};
use crate::model::{AdminUser, ApiError, NewUser, Role, UserEdit};
use crate::state::{AppState, use_app};

pub type Input = NodeRef<leptos::html::Input>;

/// The field's current value (automation may fill it without input events).
pub fn value_of(node: Input) -> String {
    node.get_untracked()
        .map(|el| el.value())
        .unwrap_or_default()
}

pub fn checked(node: Input) -> bool {
    node.get_untracked().is_some_and(|el| el.checked())
}

pub fn select_value(node: NodeRef<leptos::html::Select>) -> String {
    node.get_untracked()
        .map(|el| el.value())
        .unwrap_or_default()
}

/// A failure inside a dialog; a dead session still goes back to the login page.
fn fail(app: AppState, error: RwSignal<Option<String>>, err: &ApiError) {
    if err.ends_session() {
        app.report(err);
    } else {
        error.set(Some(err.user_message()));
    }
}

/// The name to call a user by in messages.
pub fn shown_name(user: &AdminUser) -> String {
    if user.name.is_empty() {
        user.login.clone()
    } else {
        format!("{} ({})", user.name, user.login)
    }
}

pub fn role_label(role: Role) -> &'static str {
    t(match role {
        Role::User => Msg::RoleUser,
        Role::CompanyAdmin => Msg::RoleCompanyAdmin,
        Role::SystemAdmin => Msg::RoleSystemAdmin,
    })
}

/// Cancel and the dialog's submit button.
#[component]
pub fn Buttons(
    submit_id: &'static str,
    label: &'static str,
    busy: RwSignal<bool>,
    on_close: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="dialog-buttons">
            <button type="button" class="dialog-cancel" on:click=move |_| on_close.run(())>{t(Msg::Cancel)}</button>
            <button id=submit_id type="submit" class="primary" disabled=move || busy.get()>{label}</button>
        </div>
    }
}

/// The dialog's failure line.
#[component]
pub fn FieldError(id: &'static str, error: RwSignal<Option<String>>) -> impl IntoView {
    view! { <p id=id class="field-error" role="alert">{move || error.get()}</p> }
}

#[component]
pub fn NewUserDialog(on_done: Callback<AdminUser>, on_close: Callback<()>) -> impl IntoView {
    let app = use_app();
    let (login, name, password) = (Input::new(), Input::new(), Input::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    focus_input_on_mount(login);
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let mut user = NewUser {
            login: value_of(login).trim().to_owned(),
            name: value_of(name).trim().to_owned(),
            password: value_of(password),
        };
        // The server needs a name; the login is the natural one to start with.
        if user.name.is_empty() {
            user.name = user.login.clone();
        }
        if let Err(problem) = user_list::check_new_user(&user.login, &user.password) {
            error.set(Some(
                t(match problem {
                    NewUserProblem::LoginEmpty => Msg::NewUserLoginEmpty,
                    NewUserProblem::PasswordShort => Msg::PasswordShort,
                })
                .to_owned(),
            ));
            return;
        }
        busy.set(true);
        let client = app.client();
        spawn_local(async move {
            match client.admin().create_user(&user).await {
                Ok(made) => on_done.run(made),
                Err(e) => fail(app, error, &e),
            }
            busy.set(false);
        });
    };
    view! {
        <Modal id="new-user-dialog" labelled_by="new-user-title" on_close=on_close>
            <form on:submit=submit novalidate>
                <h2 id="new-user-title">{t(Msg::NewUserTitle)}</h2>
                <label for="new-user-login">{t(Msg::NewUserLogin)}</label>
                <input id="new-user-login" type="text" autocomplete="off" required node_ref=login/>
                <label for="new-user-name">{t(Msg::NewUserName)}</label>
                <input id="new-user-name" type="text" autocomplete="off" node_ref=name/>
                <label for="new-user-password">{t(Msg::NewUserPassword)}</label>
                <input id="new-user-password" type="password" autocomplete="new-password" minlength="8" required node_ref=password/>
                <FieldError id="new-user-error" error=error/>
                <Buttons submit_id="new-user-submit" label=t(Msg::NewUserSubmit) busy=busy on_close=on_close/>
            </form>
        </Modal>
    }
}

#[component]
pub fn InviteDialog(on_close: Callback<()>) -> impl IntoView {
    let app = use_app();
    let (email, name) = (Input::new(), Input::new());
    let link_input = Input::new();
    let error = RwSignal::new(None::<String>);
    let note = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let link = RwSignal::new(None::<(String, String)>);
    focus_input_on_mount(email);
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let (address, mut full_name) = (
            value_of(email).trim().to_owned(),
            value_of(name).trim().to_owned(),
        );
        if address.is_empty() {
            error.set(Some(t(Msg::InviteEmailEmpty).to_owned()));
            return;
        }
        if full_name.is_empty() {
            full_name = address.clone();
        }
        busy.set(true);
        error.set(None);
        let client = app.client();
        spawn_local(async move {
            match client.admin().invite_user(&address, &full_name).await {
                Ok(url) => {
                    note.set(Some(tf(Msg::InviteMade, &[&address])));
                    link.set(Some((url, address)));
                    crate::browser::after_render(move || {
                        if let Some(el) = link_input.get_untracked() {
                            let _ = el.focus();
                            el.select();
                        }
                    });
                }
                Err(e) => fail(app, error, &e),
            }
            busy.set(false);
        });
    };
    let copy = move |_| {
        let Some((url, _)) = link.get_untracked() else {
            return;
        };
        spawn_local(async move {
            if copy_text(&url).await {
                note.set(Some(t(Msg::LinkCopied).to_owned()));
            } else if let Some(el) = link_input.get_untracked() {
                let _ = el.focus();
                el.select();
            }
        });
    };
    view! {
        <Modal id="invite-dialog" labelled_by="invite-title" on_close=on_close>
            <form on:submit=submit novalidate>
                <h2 id="invite-title">{t(Msg::InviteTitle)}</h2>
                <label for="invite-email">{t(Msg::InviteEmail)}</label>
                <input id="invite-email" type="email" autocomplete="off" required node_ref=email/>
                <label for="invite-name">{t(Msg::InviteName)}</label>
                <input id="invite-name" type="text" autocomplete="off" node_ref=name/>
                <FieldError id="invite-error" error=error/>
                <p id="invite-status" class="status" role="status">{move || note.get()}</p>
                <Show when=move || link.with(Option::is_some)>
                    <label for="invite-link">{t(Msg::InviteLinkLabel)}</label>
                    <div class="link-row">
                        <input
                            id="invite-link"
                            type="text"
                            readonly
                            node_ref=link_input
                            prop:value=move || link.with(|l| l.as_ref().map(|l| l.0.clone()).unwrap_or_default())
                        />
                        <button id="invite-copy" type="button" on:click=copy>{t(Msg::LinkCopy)}</button>
                    </div>
                    <p class="hint">{move || link.with(|l| l.as_ref().map(|l| tf(Msg::InviteLinkHint, &[&l.1])))}</p>
                </Show>
                <div class="dialog-buttons">
                    <button type="button" class="dialog-cancel" on:click=move |_| on_close.run(())>{t(Msg::Close)}</button>
                    <button id="invite-submit" type="submit" class="primary" disabled=move || busy.get()>{t(Msg::InviteSubmit)}</button>
                </div>
            </form>
        </Modal>
    }
}

const LANGS: [(&str, Msg); 3] = [
    ("en", Msg::LangEn),
    ("de", Msg::LangDe),
    ("ru", Msg::LangRu),
];

#[component]
pub fn EditUserDialog(
    user: AdminUser,
    on_done: Callback<AdminUser>,
    on_close: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let (name, timezone) = (Input::new(), Input::new());
    let lang = NodeRef::<leptos::html::Select>::new();
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    focus_input_on_mount(name);
    let id = user.id.clone();
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let edit = UserEdit {
            name: value_of(name).trim().to_owned(),
            lang: select_value(lang),
            timezone: value_of(timezone).trim().to_owned(),
        };
        busy.set(true);
        let client = app.client();
        let id = id.clone();
        spawn_local(async move {
            match client.admin().edit_user(&id, &edit).await {
                Ok(saved) => on_done.run(saved),
                Err(e) => fail(app, error, &e),
            }
            busy.set(false);
        });
    };
    let current_lang = user.lang.clone();
    let locale = app.client().capabilities().user_locale;
    view! {
        <Modal id="edit-user-dialog" labelled_by="edit-user-title" on_close=on_close>
            <form on:submit=submit novalidate>
                <h2 id="edit-user-title">{tf(Msg::EditUserTitle, &[&user.login])}</h2>
                <label for="edit-user-name">{t(Msg::EditName)}</label>
                <input id="edit-user-name" type="text" autocomplete="off" node_ref=name prop:value=user.name.clone()/>
                // Only where the dialect keeps them (an absent field leaves the value alone).
                {locale.then(|| view! {
                    <label for="edit-user-lang">{t(Msg::EditLang)}</label>
                    <select id="edit-user-lang" node_ref=lang>
                        {LANGS
                            .into_iter()
                            .map(|(code, label)| view! { <option value=code selected=current_lang == code>{t(label)}</option> })
                            .collect_view()}
                    </select>
                    <label for="edit-user-timezone">{t(Msg::EditTimezone)}</label>
                    <input
                        id="edit-user-timezone"
                        type="text"
                        autocomplete="off"
                        placeholder="Europe/Berlin"
                        node_ref=timezone
                        prop:value=user.timezone.clone()
                    />
                })}
                <FieldError id="edit-user-error" error=error/>
                <Buttons submit_id="edit-user-submit" label=t(Msg::CommentSave) busy=busy on_close=on_close/>
            </form>
        </Modal>
    }
}

#[component]
pub fn PasswordDialog(
    user: AdminUser,
    on_done: Callback<()>,
    on_close: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let password = Input::new();
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    focus_input_on_mount(password);
    let id = user.id.clone();
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let pw = value_of(password);
        if pw.chars().count() < user_list::MIN_PASSWORD {
            error.set(Some(t(Msg::PasswordShort).to_owned()));
            return;
        }
        busy.set(true);
        let client = app.client();
        let id = id.clone();
        spawn_local(async move {
            match client.admin().set_user_password(&id, &pw).await {
                Ok(()) => on_done.run(()),
                Err(e) => fail(app, error, &e),
            }
            busy.set(false);
        });
    };
    view! {
        <Modal id="password-dialog" labelled_by="password-title" on_close=on_close>
            <form on:submit=submit novalidate>
                <h2 id="password-title">{tf(Msg::PasswordTitle, &[&user.login])}</h2>
                <label for="password-new">{t(Msg::PasswordNew)}</label>
                <input id="password-new" type="password" autocomplete="new-password" minlength="8" required node_ref=password/>
                <FieldError id="password-error" error=error/>
                <Buttons submit_id="password-submit" label=t(Msg::PasswordSubmit) busy=busy on_close=on_close/>
            </form>
        </Modal>
    }
}

#[component]
pub fn RoleDialog(
    user: AdminUser,
    /// The signed-in admin's own role: it limits what they may hand out.
    me: Role,
    on_done: Callback<Role>,
    on_close: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let select = NodeRef::<leptos::html::Select>::new();
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let id = user.id.clone();
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let Some(role) = Role::from_code(&select_value(select)) else {
            return;
        };
        busy.set(true);
        let client = app.client();
        let id = id.clone();
        spawn_local(async move {
            match client.admin().set_user_role(&id, role).await {
                Ok(()) => on_done.run(role),
                Err(e) => fail(app, error, &e),
            }
            busy.set(false);
        });
    };
    let current = user.role;
    view! {
        <Modal id="role-dialog" labelled_by="role-title" on_close=on_close>
            <form on:submit=submit novalidate>
                <h2 id="role-title">{tf(Msg::RoleTitle, &[&user.login])}</h2>
                <label for="role-select">{t(Msg::RoleLabel)}</label>
                <select id="role-select" node_ref=select>
                    {user_list::assignable_roles(me)
                        .into_iter()
                        .map(|r| view! { <option value=r.code() selected=r == current>{role_label(r)}</option> })
                        .collect_view()}
                </select>
                <FieldError id="role-error" error=error/>
                <Buttons submit_id="role-submit" label=t(Msg::RoleSubmit) busy=busy on_close=on_close/>
            </form>
        </Modal>
    }
}
