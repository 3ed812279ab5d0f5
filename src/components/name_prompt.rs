//! A dialog asking for a name (new folder, rename), validated with `FileName::parse` before
//! anything is sent.

use leptos::prelude::*;
use satchel_wire::{FileName, NameError};

use crate::components::modal::{Modal, focus_input_on_mount};
use crate::i18n::{Msg, t, tf};

/// The message for a refused name.
pub fn name_error(err: &NameError) -> String {
    match err {
        NameError::Empty => t(Msg::NameEmpty).to_owned(),
        NameError::TooLong(n) => tf(Msg::NameTooLong, &[&n.to_string()]),
        NameError::DotName => t(Msg::NameDot).to_owned(),
        NameError::Slash => t(Msg::NameSlash).to_owned(),
        NameError::ControlChar => t(Msg::NameControl).to_owned(),
        NameError::OuterSpace => t(Msg::NameSpace).to_owned(),
        NameError::InvisibleChar(_) => t(Msg::NameInvisible).to_owned(),
        _ => t(Msg::NameOther).to_owned(),
    }
}

#[component]
pub fn NamePrompt(
    title: String,
    initial: String,
    on_ok: Callback<FileName>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let value = RwSignal::new(initial);
    let error = RwSignal::new(None::<String>);
    let input = NodeRef::<leptos::html::Input>::new();
    focus_input_on_mount(input);
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        // Read the field itself: automation may change it without an input event.
        let raw = input
            .get_untracked()
            .map(|el| el.value())
            .unwrap_or_else(|| value.get_untracked());
        match FileName::parse(&raw) {
            Ok(name) => on_ok.run(name),
            Err(e) => error.set(Some(name_error(&e))),
        }
    };
    view! {
        <Modal id="name-dialog" labelled_by="name-dialog-title" on_close=on_cancel>
            <form on:submit=submit novalidate>
                <h2 id="name-dialog-title">{title}</h2>
                <label for="dialog-name">{t(Msg::NameLabel)}</label>
                <input
                    id="dialog-name"
                    type="text"
                    autocomplete="off"
                    node_ref=input
                    prop:value=move || value.get()
                    on:input=move |ev| {
                        value.set(event_target_value(&ev));
                        error.set(None);
                    }
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    aria-describedby="dialog-error"
                />
                // Present only while there is something to say, so its text is never stale.
                {move || error.get().map(|e| view! {
                    <p id="dialog-error" class="field-error" role="alert">{e}</p>
                })}
                <div class="dialog-buttons">
                    <button id="dialog-cancel" type="button" on:click=move |_| on_cancel.run(())>
                        {t(Msg::Cancel)}
                    </button>
                    <button id="dialog-ok" type="submit" class="primary">
                        {t(Msg::Ok)}
                    </button>
                </div>
            </form>
        </Modal>
    }
}
