//! A modal dialog shell: `role="dialog"`, `aria-modal`, Escape closes, focus starts inside.

use leptos::prelude::*;

#[component]
pub fn Modal(
    id: &'static str,
    /// The id of the element that labels the dialog.
    labelled_by: &'static str,
    on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            ev.stop_propagation();
            on_close.run(());
        }
    };
    view! {
        <div class="backdrop">
            <div
                id=id
                class="dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby=labelled_by
                on:keydown=on_keydown
            >
                {children()}
            </div>
        </div>
    }
}

/// Focus an input as soon as it is mounted (and select its text).
pub fn focus_input_on_mount(node: NodeRef<leptos::html::Input>) {
    Effect::new(move || {
        if let Some(el) = node.get() {
            let _ = el.focus();
            el.select();
        }
    });
}

/// Focus a button as soon as it is mounted.
pub fn focus_button_on_mount(node: NodeRef<leptos::html::Button>) {
    Effect::new(move || {
        if let Some(el) = node.get() {
            let _ = el.focus();
        }
    });
}

/// Give the keyboard back to the file list after a dialog closes.
pub fn focus_file_list() {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("file-list"))
    {
        use wasm_bindgen::JsCast;
        if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}
