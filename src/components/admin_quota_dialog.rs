//! `#quota-dialog`: a quota as a number (`#quota-value`) and unit (`#quota-unit`, MB/GB), or
//! `#quota-unlimited`; checked before the caller sends it. Used for one user, for the selected
//! users, and to approve a request for more storage.

use leptos::prelude::*;

use crate::components::admin_user_dialogs::{
    Buttons, FieldError, Input, checked, select_value, value_of,
};
use crate::components::modal::{Modal, focus_input_on_mount};
use crate::i18n::{Msg, t};
use crate::logic::quota::{self, QuotaUnit};

/// Ask for a quota (a number and MB/GB, or unlimited); the caller sends it.
#[component]
pub fn QuotaDialog(
    title: String,
    /// What the field starts with (`None`: unlimited, shown as an empty field).
    initial: Option<u64>,
    /// Set while the caller's request runs.
    busy: RwSignal<bool>,
    /// A refusal from the caller's request.
    error: RwSignal<Option<String>>,
    on_submit: Callback<Option<u64>>,
    on_close: Callback<()>,
) -> impl IntoView {
    let value = Input::new();
    let unlimited_box = Input::new();
    let unit = NodeRef::<leptos::html::Select>::new();
    let (start_value, start_unit) = initial.map(quota::from_bytes).unwrap_or_default();
    focus_input_on_mount(value);
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if checked(unlimited_box) {
            on_submit.run(None);
            return;
        }
        match quota::to_bytes(&value_of(value), QuotaUnit::from_code(&select_value(unit))) {
            Ok(bytes) => {
                error.set(None);
                on_submit.run(Some(bytes));
            }
            Err(_) => error.set(Some(t(Msg::QuotaInvalid).to_owned())),
        }
    };
    view! {
        <Modal id="quota-dialog" labelled_by="quota-title" on_close=on_close>
            <form on:submit=submit novalidate>
                <h2 id="quota-title">{title}</h2>
                <div class="quota-fields">
                    <div>
                        <label for="quota-value">{t(Msg::QuotaValue)}</label>
                        <input
                            id="quota-value"
                            type="number"
                            min="0"
                            step="any"
                            inputmode="decimal"
                            node_ref=value
                            prop:value=start_value
                            // Typing a number means a limit: untick "unlimited".
                            on:input=move |_| {
                                if let Some(el) = unlimited_box.get_untracked() {
                                    el.set_checked(false);
                                }
                            }
                        />
                    </div>
                    <div>
                        <label for="quota-unit">{t(Msg::QuotaUnitLabel)}</label>
                        <select id="quota-unit" node_ref=unit>
                            {[QuotaUnit::Mb, QuotaUnit::Gb]
                                .into_iter()
                                .map(|u| view! { <option value=u.code() selected=u == start_unit>{u.code()}</option> })
                                .collect_view()}
                        </select>
                    </div>
                </div>
                <div class="checkbox">
                    <input
                        id="quota-unlimited"
                        type="checkbox"
                        node_ref=unlimited_box
                    />
                    <label for="quota-unlimited">{t(Msg::QuotaUnlimitedLabel)}</label>
                </div>
                <FieldError id="quota-error" error=error/>
                <Buttons submit_id="quota-submit" label=t(Msg::QuotaSubmit) busy=busy on_close=on_close/>
            </form>
        </Modal>
    }
}
