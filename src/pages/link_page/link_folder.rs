//! A shared folder as its recipient sees it: breadcrumbs, the listing, zip and save.

use super::*;

/// Ancestors of `path` inside the link (the shared folder first) with their labels.
fn link_crumbs(root_label: String, path: &NodePath) -> Vec<(NodePath, String)> {
    let mut out = vec![(NodePath::root(), root_label)];
    let mut current = NodePath::root();
    for segment in path.segments() {
        current = current.join(segment);
        out.push((current.clone(), segment.as_str().to_owned()));
    }
    out
}

#[component]
pub(super) fn LinkFolder(visit: Visit, shown: LinkView) -> impl IntoView {
    let app = visit.app;
    let zips = app.client().capabilities().link_archives;
    let navigate = StoredValue::new_local(use_navigate());
    let link = visit.link.get_untracked();
    let folder = visit.path.get_untracked();
    let mut children = shown.children;
    children.sort_by(|a, b| {
        b.is_folder
            .cmp(&a.is_folder)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    let root_label = if folder.is_root() {
        shown.item.name.clone()
    } else {
        stored(&name_key(&link)).unwrap_or_default()
    };
    let root_label = if root_label.is_empty() {
        t(Msg::LinkPageTitle).to_owned()
    } else {
        root_label
    };
    let selected = RwSignal::new(BTreeSet::<String>::new());
    let empty = children.is_empty();
    let zip_name = format!(
        "{}.zip",
        folder.name().map_or(root_label.as_str(), |n| n.as_str())
    );
    let zip = {
        let link = link.clone();
        let folder = folder.clone();
        move |_| {
            let picked = selected.get_untracked();
            let paths: Vec<NodePath> = if picked.is_empty() {
                if folder.is_root() {
                    Vec::new()
                } else {
                    vec![folder.clone()]
                }
            } else {
                picked
                    .iter()
                    .filter_map(|p| NodePath::parse(p).ok())
                    .collect()
            };
            let password = visit.password();
            let url = app
                .client()
                .links()
                .link_archive_url(&link, &paths, password.as_deref());
            if trigger_download(&url, "").is_some() {
                app.succeed(tf(Msg::ArchiveStarted, &[&zip_name]));
            }
        }
    };
    let crumbs = link_crumbs(root_label.clone(), &folder);
    let last = crumbs.len() - 1;
    let crumbs = crumbs
        .into_iter()
        .enumerate()
        .map(|(i, (p, label))| {
            let current = (i == last).then_some("page");
            view! {
                <li>
                    <a href=link_href(&link, &p) data-link-crumb=p.to_string() aria-current=current>
                        {label}
                    </a>
                </li>
            }
        })
        .collect_view();
    let rows = children
        .into_iter()
        .map(|e| {
            let key = e.path.to_string();
            let href = link_href(&link, &e.path);
            let is_folder = e.is_folder;
            let for_open = href.clone();
            let open = move |_: web_sys::MouseEvent| {
                if is_folder {
                    navigate.with_value(|n| n(&for_open, Default::default()));
                }
            };
            let k1 = key.clone();
            let k2 = key.clone();
            let checked = move || selected.with(|s| s.contains(&k1));
            let toggle = move |ev: web_sys::Event| {
                let on = event_target_checked(&ev);
                selected.update(|s| {
                    if on {
                        s.insert(k2.clone());
                    } else {
                        s.remove(&k2);
                    }
                });
            };
            let name_cell = if is_folder {
                view! { <a class="label" href=href>{e.name.clone()}</a> }.into_any()
            } else {
                view! { <span class="label">{e.name.clone()}</span> }.into_any()
            };
            let size = if is_folder {
                t(Msg::FolderKind).to_owned()
            } else {
                format::size(e.size)
            };
            let download = (!is_folder).then(|| {
                let entry = e.clone();
                view! {
                    <button
                        type="button"
                        class="link-download"
                        aria-label=format!("{} {}", t(Msg::LinkDownloadFile), e.name)
                        on:click=move |_| visit.download(entry.clone())
                    >
                        {t(Msg::LinkDownloadFile)}
                    </button>
                }
            });
            let k3 = key.clone();
            view! {
                <tr
                    data-path=key.clone()
                    data-kind=if is_folder { "folder" } else { "file" }
                    aria-selected=move || selected.with(|s| s.contains(&k3)).to_string()
                    on:dblclick=open
                >
                    <td class="check">
                        // Selecting only serves the zip: without zips there is nothing to pick.
                        {zips.then(|| view! {
                            <input
                                type="checkbox"
                                class="link-select"
                                aria-label=tf(Msg::LinkSelect, &[&e.name])
                                prop:checked=checked
                                on:change=toggle
                            />
                        })}
                    </td>
                    <td class="name" title=e.name.clone()>{name_cell}</td>
                    <td class="size">{size}</td>
                    <td class="modified">{format::timestamp(e.modified_ms)}</td>
                    <td class="actions">{download}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <nav id="link-breadcrumbs" class="breadcrumbs" aria-label=t(Msg::Breadcrumbs)>
            <ol>{crumbs}</ol>
        </nav>
        <div class="toolbar link-actions" role="toolbar" aria-label=t(Msg::Toolbar)>
            {zips.then(|| view! {
                <button id="link-download-zip" type="button" class="primary" on:click=zip>
                    {move || {
                        if selected.with(BTreeSet::is_empty) {
                            t(Msg::LinkDownloadZip)
                        } else {
                            t(Msg::LinkDownloadZipSelected)
                        }
                    }}
                </button>
            })}
            <SaveButton visit=visit/>
        </div>
        <table id="link-list" class="list">
            <thead>
                <tr>
                    <th scope="col" class="check"><span class="visually-hidden">{t(Msg::LinkSelectColumn)}</span></th>
                    <th scope="col" class="name">{t(Msg::ColName)}</th>
                    <th scope="col" class="size">{t(Msg::ColSize)}</th>
                    <th scope="col" class="modified">{t(Msg::ColModified)}</th>
                    <th scope="col" class="actions"><span class="visually-hidden">{t(Msg::Toolbar)}</span></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {empty.then(|| view! { <p id="link-empty" class="placeholder">{t(Msg::LinkFolderEmpty)}</p> })}
    }
}
