//! Delete confirmation: says how many and which items.

use leptos::prelude::*;

use crate::components::modal::{Modal, focus_button_on_mount};
use crate::i18n::{Msg, t, tf};
use crate::model::Entry;
use crate::state::use_app;

const SHOWN: usize = 10;

#[component]
pub fn ConfirmDelete(
    entries: Vec<Entry>,
    on_ok: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let cancel = NodeRef::<leptos::html::Button>::new();
    focus_button_on_mount(cancel);
    let count = entries.len();
    // Without a trash, deleting is for good: say so.
    let question = t(if use_app().client().capabilities().trash {
        Msg::DeleteQuestion
    } else {
        Msg::DeleteQuestionForever
    });
    let names: Vec<String> = entries.iter().take(SHOWN).map(|e| e.name.clone()).collect();
    let more = (count > SHOWN).then(|| tf(Msg::DeleteMore, &[&(count - SHOWN).to_string()]));
    view! {
        <Modal id="confirm-dialog" labelled_by="confirm-title" on_close=on_cancel>
            <h2 id="confirm-title">{tf(Msg::DeleteTitle, &[&count.to_string()])}</h2>
            <p>{question}</p>
            <ul class="confirm-names">
                {names.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                {more.map(|m| view! { <li class="more">{m}</li> })}
            </ul>
            <div class="dialog-buttons">
                <button id="confirm-cancel" type="button" node_ref=cancel on:click=move |_| on_cancel.run(())>
                    {t(Msg::Cancel)}
                </button>
                <button id="confirm-ok" type="button" class="danger" on:click=move |_| on_ok.run(())>
                    {t(Msg::Delete)}
                </button>
            </div>
        </Modal>
    }
}

/// A yes/no question with the same ids as the delete confirmation (`#confirm-ok`).
#[component]
pub fn Confirm(
    title: String,
    text: String,
    ok_label: &'static str,
    on_ok: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let cancel = NodeRef::<leptos::html::Button>::new();
    focus_button_on_mount(cancel);
    view! {
        <Modal id="confirm-dialog" labelled_by="confirm-title" on_close=on_cancel>
            <h2 id="confirm-title">{title}</h2>
            <p>{text}</p>
            <div class="dialog-buttons">
                <button id="confirm-cancel" type="button" node_ref=cancel on:click=move |_| on_cancel.run(())>
                    {t(Msg::Cancel)}
                </button>
                <button id="confirm-ok" type="button" class="danger" on:click=move |_| on_ok.run(())>
                    {ok_label}
                </button>
            </div>
        </Modal>
    }
}
