//! `nav#breadcrumbs`: one link per ancestor of the current folder.

use leptos::prelude::*;
use satchel_wire::NodePath;

use crate::browser::use_browser;
use crate::i18n::{Msg, t};
use crate::logic::paths::files_href;

/// Every ancestor of `path` (root first) with its label.
fn crumbs(path: &NodePath) -> Vec<(NodePath, String)> {
    let mut out = vec![(NodePath::root(), t(Msg::Home).to_owned())];
    let mut current = NodePath::root();
    for segment in path.segments() {
        current = current.join(segment);
        out.push((current.clone(), segment.as_str().to_owned()));
    }
    out
}

#[component]
pub fn Breadcrumbs() -> impl IntoView {
    let browser = use_browser();
    view! {
        <nav id="breadcrumbs" aria-label=t(Msg::Breadcrumbs)>
            <ol>
                {move || {
                    let folder = browser.folder.get();
                    let list = crumbs(&folder);
                    let last = list.len() - 1;
                    list.into_iter()
                        .enumerate()
                        .map(|(i, (path, label))| {
                            let current = (i == last).then_some("page");
                            view! {
                                <li>
                                    <a
                                        href=files_href(&path)
                                        data-crumb-path=path.to_string()
                                        aria-current=current
                                    >
                                        {label}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </nav>
    }
}
