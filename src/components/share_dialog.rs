//! `#share-dialog`: share the one selected item.
//!
//! - "People" (folders only): `input#share-person` with suggestions from the directory in
//!   `ul#share-suggestions`, `select#share-rights`, `button#share-invite`; the collaborators in
//!   `ul#share-collaborators` (rights `.share-rights`, `.share-remove`); `#share-stop` and
//!   `#share-handover` with `select#handover-to`, both confirmed in `#confirm-dialog`.
//! - "Public link": `#link-expiry`, `#link-password`, `#link-download-max`, `#link-create`; the
//!   address in `input#link-url` with `#link-copy` and `#link-delete`.
//!
//! - With group shares, groups are suggested too (`#share-suggestions li[data-group]`); a chosen
//!   group is invited as a whole and listed as `#share-collaborators li[data-group]`.
//!
//! Failures show in `#share-error` (role=alert), successes in `#share-status`.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::api::Client;
use crate::components::confirm_dialog::Confirm;
use crate::components::modal::{Modal, focus_button_on_mount};
use crate::i18n::{Msg, t, tf};
use crate::model::{
    ApiError, Collaborator, Entry, ErrorKind, Group, LinkSettings, Person, PublicLink, ShareStatus,
};
use crate::state::{AppState, now_ms, use_app};

/// The longest life a link may get (one year), in seconds.
const MAX_TTL_SECS: u64 = 31_536_000;
/// Typing pauses this long before the directory is asked.
const SUGGEST_DELAY_MS: u32 = 200;

/// Typing in a people field: count the keystroke in `asked` and, unless `text` is blank, ask
/// the directory after a short pause. `answer` runs only if no newer keystroke came meanwhile,
/// so a slow answer never overwrites a newer one.
pub(crate) fn ask_directory_later(
    client: Client,
    asked: StoredValue<u32>,
    text: String,
    answer: impl FnOnce(Result<Vec<Person>, ApiError>) + 'static,
) {
    asked.update_value(|n| *n = n.wrapping_add(1));
    let mine = asked.get_value();
    if text.trim().is_empty() {
        return;
    }
    spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(SUGGEST_DELAY_MS).await;
        if asked.get_value() != mine {
            return;
        }
        let found = client.session().people(text.trim()).await;
        if asked.get_value() == mine {
            answer(found);
        }
    });
}

/// Messages of the dialog: one failure (role=alert) and one success (role=status).
#[derive(Clone, Copy)]
struct Notes {
    error: RwSignal<Option<String>>,
    status: RwSignal<Option<String>>,
}

impl Notes {
    fn fail(&self, app: AppState, err: &ApiError, what: Msg) {
        if err.ends_session() {
            app.report(err);
            return;
        }
        self.status.set(None);
        self.error.set(Some(share_error(err, what)));
    }

    fn say(&self, text: String) {
        self.error.set(None);
        self.status.set(Some(text));
    }

    fn fail_text(&self, text: String) {
        self.status.set(None);
        self.error.set(Some(text));
    }
}

/// A clear sentence for a sharing failure; `what` is the message for a 404.
fn share_error(err: &ApiError, what: Msg) -> String {
    let key = match err.kind {
        ErrorKind::Conflict => Msg::ShareErrSelf,
        ErrorKind::SharedRootInside | ErrorKind::IntoOwnSubtree => Msg::ShareErrNested,
        ErrorKind::NotFound => what,
        ErrorKind::Forbidden => Msg::ShareErrForbidden,
        _ => return err.user_message(),
    };
    t(key).to_owned()
}

#[component]
pub fn ShareDialog(entry: Entry, on_close: Callback<()>) -> impl IntoView {
    let app = use_app();
    let caps = app.client().capabilities();
    let close = NodeRef::<leptos::html::Button>::new();
    focus_button_on_mount(close);
    let notes = Notes {
        error: RwSignal::new(None),
        status: RwSignal::new(None),
    };
    let people = (entry.is_folder && caps.sharing)
        .then(|| view! { <PeopleSection entry=entry.clone() notes=notes on_close=on_close/> });
    let files_note = (!entry.is_folder && caps.sharing)
        .then(|| view! { <p class="hint">{t(Msg::ShareFilesOnlyLinks)}</p> });
    let link = caps
        .links
        .then(|| view! { <LinkSection entry=entry.clone() notes=notes/> });
    view! {
        <Modal id="share-dialog" labelled_by="share-title" on_close=on_close>
            <h2 id="share-title">{tf(Msg::ShareTitle, &[&entry.name])}</h2>
            <p id="share-error" class="error" role="alert">{move || notes.error.get()}</p>
            <p id="share-status" class="status" role="status">{move || notes.status.get()}</p>
            {people}
            {files_note}
            {link}
            <div class="dialog-buttons">
                <button id="share-close" type="button" node_ref=close on:click=move |_| on_close.run(())>
                    {t(Msg::Close)}
                </button>
            </div>
        </Modal>
    }
}

/// One suggestion under the person field.
#[derive(Clone, PartialEq)]
enum Suggestion {
    Person(Person),
    Group(Group),
}

/// The groups whose name contains `text` (case-insensitive).
fn matching_groups(groups: &[Group], text: &str) -> Vec<Suggestion> {
    let text = text.trim().to_lowercase();
    groups
        .iter()
        .filter(|g| g.name.to_lowercase().contains(&text))
        .cloned()
        .map(Suggestion::Group)
        .collect()
}

#[derive(Clone)]
enum Ask {
    Stop,
    Handover(Collaborator),
}

fn status_text(status: ShareStatus) -> &'static str {
    t(match status {
        ShareStatus::Owner => Msg::StatusOwner,
        ShareStatus::Invited => Msg::StatusInvited,
        ShareStatus::Accepted => Msg::StatusAccepted,
    })
}

#[component]
fn PeopleSection(entry: Entry, notes: Notes, on_close: Callback<()>) -> impl IntoView {
    let app = use_app();
    let invitations = app.client().capabilities().invitations;
    let path = StoredValue::new(entry.path.clone());
    let folder_name = StoredValue::new(entry.name.clone());
    let reload = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        reload.track();
        let client = app.client();
        let path = path.get_value();
        async move { client.sharing().collaborators(&path).await }
    });
    let members = Memo::new(move |_| match list.get() {
        Some(Ok(v)) => v,
        _ => Vec::new(),
    });
    Effect::new(move || {
        if let Some(Err(e)) = list.get()
            && e.kind != ErrorKind::NotFound
        {
            notes.fail(app, &e, Msg::ErrNotFound);
        }
    });
    let direct = Memo::new(move |_| {
        members.with(|v| {
            v.iter()
                .any(|c| c.status != ShareStatus::Owner && !c.inherited)
        })
    });
    let accepted = Memo::new(move |_| {
        members.with(|v| {
            v.iter()
                .filter(|c| {
                    c.status == ShareStatus::Accepted && !c.inherited && c.group_id.is_none()
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    });

    // The person field and its suggestions.
    let person = RwSignal::new(String::new());
    let suggestions = RwSignal::new(Vec::<Suggestion>::new());
    // The group picked from the suggestions, if the field still shows it.
    let chosen_group = RwSignal::new(None::<Group>);
    let caps = app.client().capabilities();
    let groups = LocalResource::new(move || {
        let client = app.client();
        async move {
            if caps.group_shares {
                client.admin().groups().await.unwrap_or_default()
            } else {
                Vec::new()
            }
        }
    });
    let active = RwSignal::new(None::<usize>);
    let asked = StoredValue::new(0u32);
    let rights = RwSignal::new("read".to_owned());
    let busy = RwSignal::new(false);
    let on_input = move |ev: web_sys::Event| {
        let text = event_target_value(&ev);
        person.set(text.clone());
        chosen_group.set(None);
        active.set(None);
        if text.trim().is_empty() {
            suggestions.set(Vec::new());
        }
        let typed = text.clone();
        ask_directory_later(app.client(), asked, text, move |found| {
            let group_hits = groups
                .get_untracked()
                .map(|g| matching_groups(&g, &typed))
                .unwrap_or_default();
            match found {
                Ok(list) => suggestions.set(
                    list.into_iter()
                        .map(Suggestion::Person)
                        .chain(group_hits)
                        .collect(),
                ),
                Err(e) if e.ends_session() => app.report(&e),
                Err(_) => suggestions.set(group_hits),
            }
        });
    };
    let choose = move |s: Suggestion| {
        match s {
            Suggestion::Person(p) => person.set(p.login),
            Suggestion::Group(g) => {
                person.set(g.name.clone());
                chosen_group.set(Some(g));
            }
        }
        suggestions.set(Vec::new());
        active.set(None);
        asked.update_value(|n| *n = n.wrapping_add(1));
    };
    let invite_group = move |g: Group| {
        let writer = rights.get_untracked() == "write";
        let client = app.client();
        busy.set(true);
        spawn_local(async move {
            match client
                .sharing()
                .invite_group(&path.get_value(), &g, writer)
                .await
            {
                Ok(()) => {
                    notes.say(tf(Msg::ShareGroupInvited, &[&g.name]));
                    person.set(String::new());
                    chosen_group.set(None);
                    suggestions.set(Vec::new());
                    app.reload();
                }
                Err(e) => notes.fail(app, &e, Msg::ShareErrUnknown),
            }
            busy.set(false);
            reload.update(|n| *n = n.wrapping_add(1));
        });
    };
    let invite = move || {
        if let Some(g) = chosen_group.get_untracked() {
            invite_group(g);
            return;
        }
        let login = person.get_untracked().trim().to_owned();
        if login.is_empty() {
            notes.fail_text(t(Msg::ShareErrEmpty).to_owned());
            return;
        }
        // The owner is left to the server (409: "that is you").
        if members.with_untracked(|v| {
            v.iter()
                .any(|c| c.login == login && c.status != ShareStatus::Owner)
        }) {
            notes.say(tf(Msg::ShareAlready, &[&login]));
            return;
        }
        let writer = rights.get_untracked() == "write";
        let client = app.client();
        busy.set(true);
        spawn_local(async move {
            match client
                .sharing()
                .invite(&path.get_value(), &login, writer)
                .await
            {
                Ok(()) => {
                    let done = if invitations {
                        Msg::ShareInvited
                    } else {
                        Msg::ShareAdded
                    };
                    notes.say(tf(done, &[&login]));
                    person.set(String::new());
                    suggestions.set(Vec::new());
                    app.reload();
                }
                Err(e) => notes.fail(app, &e, Msg::ShareErrUnknown),
            }
            busy.set(false);
            reload.update(|n| *n = n.wrapping_add(1));
        });
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let len = suggestions.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if len > 0 => {
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % len)));
            }
            "ArrowUp" if len > 0 => {
                active.update(|a| *a = Some(a.map_or(len - 1, |i| (i + len - 1) % len)));
            }
            "Enter" => {
                let picked = active
                    .get_untracked()
                    .and_then(|i| suggestions.with_untracked(|v| v.get(i).cloned()));
                match picked {
                    Some(p) => choose(p),
                    None => invite(),
                }
            }
            "Escape" if len > 0 => {
                suggestions.set(Vec::new());
                ev.stop_propagation();
            }
            _ => return,
        }
        ev.prevent_default();
    };

    // Changes to one collaborator.
    let change_rights = move |login: String, group: Option<String>, writer: bool| {
        let client = app.client();
        spawn_local(async move {
            let folder = path.get_value();
            let outcome = match group {
                Some(id) => {
                    client
                        .sharing()
                        .set_group_rights(&folder, &id, writer)
                        .await
                }
                None => client.sharing().set_rights(&folder, &login, writer).await,
            };
            match outcome {
                Ok(()) => notes.error.set(None),
                Err(e) => notes.fail(app, &e, Msg::ErrNotFound),
            }
            reload.update(|n| *n = n.wrapping_add(1));
        });
    };
    let remove = move |c: Collaborator| {
        let client = app.client();
        spawn_local(async move {
            let invited = c.status == ShareStatus::Invited;
            let folder = path.get_value();
            let outcome = match &c.group_id {
                Some(id) => client.sharing().remove_group_share(&folder, id).await,
                None => {
                    client
                        .sharing()
                        .remove_member(&folder, &c.login, invited)
                        .await
                }
            };
            match outcome {
                Ok(()) => {
                    notes.error.set(None);
                    app.reload();
                }
                Err(e) => notes.fail(app, &e, Msg::ErrNotFound),
            }
            reload.update(|n| *n = n.wrapping_add(1));
        });
    };

    let can_handover = app.client().capabilities().handover;
    let ask = RwSignal::new(None::<Ask>);
    let handover_to = RwSignal::new(String::new());
    let run_ask = move |what: Ask| {
        ask.set(None);
        let client = app.client();
        spawn_local(async move {
            let p = path.get_value();
            let name = folder_name.get_value();
            match what {
                Ask::Stop => match client.sharing().unshare(&p).await {
                    Ok(()) => {
                        notes.say(tf(Msg::ShareStopped, &[&name]));
                        app.reload();
                    }
                    Err(e) => notes.fail(app, &e, Msg::ErrNotFound),
                },
                Ask::Handover(c) => match client.sharing().handover(&p, &c.login).await {
                    Ok(()) => {
                        let shown = if c.name.is_empty() { c.login } else { c.name };
                        app.succeed(tf(Msg::ShareHandoverDone, &[&shown, &name]));
                        app.reload();
                        on_close.run(());
                        return;
                    }
                    Err(e) => notes.fail(app, &e, Msg::ErrNotFound),
                },
            }
            reload.update(|n| *n = n.wrapping_add(1));
        });
    };
    let confirm = move || {
        let name = folder_name.get_value();
        let cancel = Callback::new(move |_| ask.set(None));
        match ask.get()? {
            Ask::Stop => Some(
                view! {
                    <Confirm
                        title=tf(Msg::ShareStopTitle, &[&name])
                        text=t(Msg::ShareStopText).to_owned()
                        ok_label=t(Msg::ShareStop)
                        on_ok=Callback::new(move |_| run_ask(Ask::Stop))
                        on_cancel=cancel
                    />
                }
                .into_any(),
            ),
            Ask::Handover(c) => {
                let shown = if c.name.is_empty() {
                    c.login.clone()
                } else {
                    c.name.clone()
                };
                Some(
                    view! {
                        <Confirm
                            title=tf(Msg::ShareHandoverTitle, &[&shown, &name])
                            text=t(Msg::ShareHandoverText).to_owned()
                            ok_label=t(Msg::ShareHandover)
                            on_ok=Callback::new(move |_| run_ask(Ask::Handover(c.clone())))
                            on_cancel=cancel
                        />
                    }
                    .into_any(),
                )
            }
        }
    };
    let start_handover = move || {
        let login = handover_to.get_untracked();
        let list = accepted.get_untracked();
        let picked = list
            .iter()
            .find(|c| c.login == login)
            .or_else(|| list.first())
            .cloned();
        match picked {
            Some(c) => ask.set(Some(Ask::Handover(c))),
            None => notes.fail_text(t(Msg::ShareHandoverNone).to_owned()),
        }
    };

    let member_row = move |c: Collaborator| {
        let owner = c.status == ShareStatus::Owner;
        let name = if c.name.is_empty() {
            c.login.clone()
        } else {
            c.name.clone()
        };
        let controls = (!owner).then(|| {
            let login = c.login.clone();
            let group = c.group_id.clone();
            let for_remove = c.clone();
            let inherited = c.inherited;
            view! {
                <select
                    class="share-rights"
                    aria-label=tf(Msg::ShareRightsLabel, &[&name])
                    disabled=inherited
                    on:change=move |ev| change_rights(login.clone(), group.clone(), event_target_value(&ev) == "write")
                >
                    <option value="read" selected=!c.writer>{t(Msg::RightsRead)}</option>
                    <option value="write" selected=c.writer>{t(Msg::RightsWrite)}</option>
                </select>
                <button
                    type="button"
                    class="share-remove danger"
                    aria-label=tf(Msg::ShareRemoveLabel, &[&name])
                    disabled=inherited
                    on:click=move |_| remove(for_remove.clone())
                >
                    {t(Msg::ShareRemove)}
                </button>
            }
        });
        view! {
            <li
                data-login=c.group_id.is_none().then(|| c.login.clone())
                data-group=c.group_id.is_some().then(|| c.name.clone())
                data-status=c.status.code()
            >
                <span class="collab-name">{name.clone()}</span>
                <span class="collab-login hint">
                    {if c.group_id.is_some() { t(Msg::ShareGroupTag).to_owned() } else { c.login.clone() }}
                </span>
                <span class="collab-status">{status_text(c.status)}</span>
                {c.inherited.then(|| view! { <span class="collab-inherited hint">{t(Msg::ShareInherited)}</span> })}
                <span class="collab-actions">{controls}</span>
            </li>
        }
    };

    view! {
        <section class="share-section" aria-labelledby="share-people-title">
            <h3 id="share-people-title">{t(Msg::SharePeople)}</h3>
            <div class="share-invite">
                <div class="combo">
                    <label for="share-person">{t(Msg::SharePerson)}</label>
                    <input
                        id="share-person"
                        type="text"
                        role="combobox"
                        autocomplete="off"
                        aria-autocomplete="list"
                        aria-controls="share-suggestions"
                        aria-expanded=move || suggestions.with(|v| !v.is_empty()).to_string()
                        aria-activedescendant=move || active.get().map(|i| format!("share-suggestion-{i}"))
                        prop:value=move || person.get()
                        on:input=on_input
                        on:keydown=on_keydown
                    />
                    <ul
                        id="share-suggestions"
                        role="listbox"
                        aria-label=t(Msg::SharePerson)
                        hidden=move || suggestions.with(Vec::is_empty)
                    >
                        {move || {
                            suggestions
                                .get()
                                .into_iter()
                                .enumerate()
                                .map(|(i, s)| {
                                    let picked = s.clone();
                                    let (label, login, group) = match &s {
                                        Suggestion::Person(p) if p.name.is_empty() => (p.login.clone(), Some(p.login.clone()), None),
                                        Suggestion::Person(p) => (format!("{} ({})", p.name, p.login), Some(p.login.clone()), None),
                                        Suggestion::Group(g) => (tf(Msg::ShareGroupOption, &[&g.name]), None, Some(g.name.clone())),
                                    };
                                    view! {
                                        <li
                                            id=format!("share-suggestion-{i}")
                                            role="option"
                                            data-login=login
                                            data-group=group
                                            aria-selected=move || (active.get() == Some(i)).to_string()
                                            on:mousedown=|ev: web_sys::MouseEvent| ev.prevent_default()
                                            on:click=move |_| choose(picked.clone())
                                        >
                                            {label}
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </div>
                <div>
                    <label for="share-rights">{t(Msg::ShareRights)}</label>
                    <select id="share-rights" on:change=move |ev| rights.set(event_target_value(&ev))>
                        <option value="read" selected=true>{t(Msg::RightsRead)}</option>
                        <option value="write">{t(Msg::RightsWrite)}</option>
                    </select>
                </div>
                <button
                    id="share-invite"
                    type="button"
                    class="primary"
                    disabled=move || busy.get()
                    on:click=move |_| invite()
                >
                    {t(Msg::ShareInvite)}
                </button>
            </div>
            <h4>{t(Msg::ShareCollaborators)}</h4>
            <ul id="share-collaborators" class="collaborators">
                {move || members.get().into_iter().map(member_row).collect_view()}
            </ul>
            <Show when=move || list.get().is_some() && !direct.get()>
                <p class="hint">{t(Msg::ShareNobody)}</p>
            </Show>
            <Show when=move || direct.get()>
                <div class="share-manage">
                    <button id="share-stop" type="button" class="danger" on:click=move |_| ask.set(Some(Ask::Stop))>
                        {t(Msg::ShareStop)}
                    </button>
                    <Show when=move || can_handover && accepted.with(|v| !v.is_empty())>
                        <label for="handover-to">{t(Msg::ShareHandoverTo)}</label>
                        <select id="handover-to" on:change=move |ev| handover_to.set(event_target_value(&ev))>
                            {move || {
                                accepted
                                    .get()
                                    .into_iter()
                                    .map(|c| {
                                        let label = if c.name.is_empty() { c.login.clone() } else { c.name.clone() };
                                        view! { <option value=c.login.clone()>{label}</option> }
                                    })
                                    .collect_view()
                            }}
                        </select>
                        <button id="share-handover" type="button" on:click=move |_| start_handover()>
                            {t(Msg::ShareHandover)}
                        </button>
                    </Show>
                </div>
            </Show>
            {confirm}
        </section>
    }
}

/// `YYYY-MM-DD` of `ms` in local time (the value of an `<input type=date>`).
fn date_value(ms: f64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// The end (23:59:59 local) of the day `YYYY-MM-DD`, epoch ms.
fn end_of_day_ms(value: &str) -> Option<f64> {
    let mut parts = value.split('-').map(|p| p.parse::<u32>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    let date =
        js_sys::Date::new_with_year_month_day_hr_min_sec(y, m as i32 - 1, d as i32, 23, 59, 59);
    let ms = date.get_time();
    (!ms.is_nan()).then_some(ms)
}

/// `navigator.clipboard.writeText(text)`; `false` when the browser refuses.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else {
        return false;
    };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) else {
        return false;
    };
    let Some(write) = write.dyn_ref::<js_sys::Function>() else {
        return false;
    };
    let Ok(promise) = write.call1(&clipboard, &text.into()) else {
        return false;
    };
    let Ok(promise) = promise.dyn_into::<js_sys::Promise>() else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

#[component]
fn LinkSection(entry: Entry, notes: Notes) -> impl IntoView {
    let app = use_app();
    let caps = app.client().capabilities();
    let is_folder = entry.is_folder;
    let path = StoredValue::new(entry.path.clone());
    let link = RwSignal::new(None::<PublicLink>);
    let expiry = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let max = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let url_input = NodeRef::<leptos::html::Input>::new();
    let show = move |l: &PublicLink| {
        expiry.set(
            l.expires_ms
                .map(|ms| date_value(ms as f64))
                .unwrap_or_default(),
        );
        max.set(l.download_max.map(|n| n.to_string()).unwrap_or_default());
    };
    {
        let client = app.client();
        spawn_local(async move {
            match client.links().link_of(&path.get_value()).await {
                Ok(mine) => {
                    if let Some(l) = mine {
                        show(&l);
                        link.set(Some(l));
                    }
                }
                Err(e) => notes.fail(app, &e, Msg::ErrNotFound),
            }
        });
    }
    let settings = move || -> Result<LinkSettings, String> {
        let mut s = LinkSettings::default();
        let day = expiry.get_untracked();
        if !day.trim().is_empty() {
            let end = end_of_day_ms(day.trim()).ok_or_else(|| t(Msg::LinkErrPast).to_owned())?;
            let secs = ((end - now_ms()) / 1000.0).ceil();
            if secs <= 0.0 {
                return Err(t(Msg::LinkErrPast).to_owned());
            }
            s.ttl_secs = Some((secs as u64).min(MAX_TTL_SECS));
        }
        let pw = password.get_untracked();
        if !pw.is_empty() {
            s.password = Some(pw);
        }
        let limit = max.get_untracked();
        if !limit.trim().is_empty() {
            match limit.trim().parse::<u64>() {
                Ok(n) if n >= 1 => s.download_max = Some(n),
                _ => return Err(t(Msg::LinkErrMax).to_owned()),
            }
        }
        Ok(s)
    };
    let create = move || {
        let s = match settings() {
            Ok(s) => s,
            Err(text) => {
                notes.fail_text(text);
                return;
            }
        };
        let client = app.client();
        busy.set(true);
        spawn_local(async move {
            match client.links().create_link(&path.get_value(), &s).await {
                Ok(l) => {
                    show(&l);
                    link.set(Some(l));
                    notes.say(t(Msg::LinkCreated).to_owned());
                    crate::browser::after_render(move || {
                        if let Some(el) = url_input.get_untracked() {
                            el.select();
                        }
                    });
                }
                Err(e) => notes.fail(app, &e, Msg::ErrNotFound),
            }
            busy.set(false);
        });
    };
    let copy = move || {
        let Some(url) = link.with_untracked(|l| l.as_ref().map(|l| l.url.clone())) else {
            return;
        };
        spawn_local(async move {
            if copy_text(&url).await {
                notes.say(t(Msg::LinkCopied).to_owned());
            } else if let Some(el) = url_input.get_untracked() {
                // No clipboard access: select the address so that Ctrl+C copies it.
                let _ = el.focus();
                el.select();
            }
        });
    };
    let delete = move || {
        let client = app.client();
        busy.set(true);
        spawn_local(async move {
            match client.links().delete_link(&path.get_value()).await {
                Ok(()) => {
                    link.set(None);
                    password.set(String::new());
                    notes.say(t(Msg::LinkDeleted).to_owned());
                }
                Err(e) => notes.fail(app, &e, Msg::ErrNotFound),
            }
            busy.set(false);
        });
    };
    let today = date_value(now_ms());
    let last_day = date_value(now_ms() + MAX_TTL_SECS as f64 * 1000.0);
    view! {
        <section class="share-section" aria-labelledby="share-link-title">
            <h3 id="share-link-title">{t(Msg::SharePublicLink)}</h3>
            <Show when=move || link.with(Option::is_none)>
                <p class="hint">{t(Msg::LinkNone)}</p>
            </Show>
            <div class="link-settings">
                <Show when=move || caps.link_expiry>
                    <div>
                        <label for="link-expiry">{t(Msg::LinkExpiry)}</label>
                        <input
                            id="link-expiry"
                            type="date"
                            min=today.clone()
                            max=last_day.clone()
                            prop:value=move || expiry.get()
                            on:input=move |ev| expiry.set(event_target_value(&ev))
                            on:change=move |ev| expiry.set(event_target_value(&ev))
                        />
                    </div>
                </Show>
                <Show when=move || caps.link_password && (!is_folder || caps.folder_link_password)>
                    <div>
                        <label for="link-password">{t(Msg::LinkPassword)}</label>
                        <input
                            id="link-password"
                            type="password"
                            autocomplete="new-password"
                            placeholder=move || {
                                link.with(|l| l.as_ref().is_some_and(|l| l.has_password))
                                    .then(|| t(Msg::LinkPasswordKeep))
                            }
                            prop:value=move || password.get()
                            on:input=move |ev| password.set(event_target_value(&ev))
                        />
                    </div>
                </Show>
                <Show when=move || caps.link_download_limit>
                    <div>
                        <label for="link-download-max">{t(Msg::LinkDownloadMax)}</label>
                        <input
                            id="link-download-max"
                            type="number"
                            min="1"
                            step="1"
                            inputmode="numeric"
                            prop:value=move || max.get()
                            on:input=move |ev| max.set(event_target_value(&ev))
                        />
                    </div>
                </Show>
                <button
                    id="link-create"
                    type="button"
                    class="primary"
                    disabled=move || busy.get()
                    on:click=move |_| create()
                >
                    {move || if link.with(Option::is_some) { t(Msg::LinkUpdate) } else { t(Msg::LinkCreate) }}
                </button>
            </div>
            <Show when=move || link.with(Option::is_some)>
                <div class="link-address">
                    <label for="link-url">{t(Msg::LinkUrl)}</label>
                    <div class="link-row">
                        <input
                            id="link-url"
                            type="text"
                            readonly
                            node_ref=url_input
                            prop:value=move || link.with(|l| l.as_ref().map(|l| l.url.clone()).unwrap_or_default())
                            on:focus=move |_| {
                                if let Some(el) = url_input.get_untracked() {
                                    el.select();
                                }
                            }
                        />
                        <button id="link-copy" type="button" on:click=move |_| copy()>{t(Msg::LinkCopy)}</button>
                        <button
                            id="link-delete"
                            type="button"
                            class="danger"
                            disabled=move || busy.get()
                            on:click=move |_| delete()
                        >
                            {t(Msg::LinkDelete)}
                        </button>
                    </div>
                    <p class="hint link-info">
                        {move || {
                            link.with(|l| {
                                let l = l.as_ref()?;
                                let mut parts = vec![tf(Msg::LinkDownloads, &[&l.downloads.to_string()])];
                                if let Some(ms) = l.expires_ms {
                                    parts.push(tf(Msg::LinkExpiresOn, &[&crate::logic::format::timestamp(ms)]));
                                }
                                Some(parts.join(" · "))
                            })
                        }}
                    </p>
                </div>
            </Show>
        </section>
    }
}
