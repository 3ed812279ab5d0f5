//! Asked when an upload's name is taken: replace, keep both, or skip (optionally for all).

use leptos::prelude::*;

use crate::components::modal::{Modal, focus_button_on_mount};
use crate::i18n::{Msg, t, tf};
use crate::upload::{ConflictChoice, answer_conflict, use_uploads};

#[component]
pub fn ConflictDialog() -> impl IntoView {
    let uploads = use_uploads();
    view! {
        {move || uploads.conflict.get().map(|prompt| {
            view! { <ConflictQuestion name=prompt.name folder=prompt.folder.to_string()/> }
        })}
    }
}

#[component]
fn ConflictQuestion(name: String, folder: String) -> impl IntoView {
    let uploads = use_uploads();
    let apply_all = RwSignal::new(false);
    let first = NodeRef::<leptos::html::Button>::new();
    focus_button_on_mount(first);
    let answer =
        move |choice: ConflictChoice| answer_conflict(uploads, choice, apply_all.get_untracked());
    view! {
        <Modal
            id="conflict-dialog"
            labelled_by="conflict-title"
            on_close=Callback::new(move |_| answer(ConflictChoice::Skip))
        >
            <h2 id="conflict-title">{tf(Msg::ConflictTitle, &[&name])}</h2>
            <p>{tf(Msg::ConflictText, &[&folder])}</p>
            <p class="checkbox">
                <input
                    id="conflict-apply-all"
                    type="checkbox"
                    prop:checked=move || apply_all.get()
                    on:change=move |ev| apply_all.set(event_target_checked(&ev))
                />
                <label for="conflict-apply-all">{t(Msg::ConflictApplyAll)}</label>
            </p>
            <div class="dialog-buttons">
                <button id="conflict-skip" type="button" on:click=move |_| answer(ConflictChoice::Skip)>
                    {t(Msg::ConflictSkip)}
                </button>
                <button
                    id="conflict-keep-both"
                    type="button"
                    on:click=move |_| answer(ConflictChoice::KeepBoth)
                >
                    {t(Msg::ConflictKeepBoth)}
                </button>
                <button
                    id="conflict-replace"
                    type="button"
                    class="primary"
                    node_ref=first
                    on:click=move |_| answer(ConflictChoice::Replace)
                >
                    {t(Msg::ConflictReplace)}
                </button>
            </div>
        </Modal>
    }
}
