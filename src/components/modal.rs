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

/// Give the keyboard back to the file list (or grid) after a dialog closes or a row is clicked:
/// rows come and go as the list scrolls, so the focus lives on the list itself.
pub fn focus_file_list() {
    let document = web_sys::window().and_then(|w| w.document());
    let found = document.and_then(|d| {
        d.get_element_by_id("file-list")
            .or_else(|| d.get_element_by_id("file-grid"))
    });
    if let Some(el) = found {
        focus_without_scroll(&el);
    }
}

/// `el.focus({preventScroll: true})`: the list may be far taller than the window, and focusing it
/// must not jump to its top.
fn focus_without_scroll(el: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"preventScroll".into(), &true.into());
    if let Ok(focus) = js_sys::Reflect::get(el, &"focus".into())
        && let Some(focus) = focus.dyn_ref::<js_sys::Function>()
    {
        let _ = focus.call1(el, &options);
    }
}
