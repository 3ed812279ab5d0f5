//! A modal dialog shell: `role="dialog"`, `aria-modal`, Escape closes, focus starts inside and
//! Tab cycles within it (keyboard users cannot wander into the page behind).

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
        } else if ev.key() == "Tab" {
            keep_focus_inside(&ev);
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

/// What Tab can reach inside a dialog.
const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), \
     select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// Wrap Tab from the last control to the first, and Shift+Tab from the first to the last.
fn keep_focus_inside(ev: &web_sys::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    let Some(dialog) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Ok(list) = dialog.query_selector_all(FOCUSABLE) else {
        return;
    };
    let controls: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|el| el.offset_parent().is_some())
        .collect();
    let (Some(first), Some(last)) = (controls.first(), controls.last()) else {
        return;
    };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let at = |el: &web_sys::HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>())
    };
    let target = if ev.shift_key() && at(first) {
        last
    } else if !ev.shift_key() && at(last) {
        first
    } else {
        return;
    };
    ev.prevent_default();
    let _ = target.focus();
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
