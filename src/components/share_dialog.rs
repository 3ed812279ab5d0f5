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

mod link_section;
mod member_row;
use link_section::LinkSection;
use member_row::{confirm_ask, member_row};

mod people_section;
use people_section::PeopleSection;

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
pub(super) enum Ask {
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
