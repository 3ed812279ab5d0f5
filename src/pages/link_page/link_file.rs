//! A shared file as its recipient sees it: preview, download.

use super::*;

#[derive(Clone)]
enum Shown {
    Url(String),
    Text(TextHead),
}

#[component]
pub(super) fn LinkFile(visit: Visit, item: Entry) -> impl IntoView {
    let app = visit.app;
    let kind = preview_kind(&item);
    let previewable = matches!(
        kind,
        PreviewKind::Image | PreviewKind::Text | PreviewKind::Pdf
    );
    // One ticket serves the preview and the download button: a link with a download limit
    // is charged once per visit, not twice.
    let ticket = RwSignal::new(None::<String>);
    let shown = RwSignal::new(None::<Shown>);
    if previewable {
        let client = app.client();
        let link = visit.link.get_untracked();
        let path = item.path.clone();
        let password = visit.password();
        spawn_local(async move {
            let url = match client
                .links()
                .link_file_url(&link, &path, password.as_deref(), false)
                .await
            {
                Ok(u) => u,
                Err(e) => {
                    visit.fail(&e);
                    return;
                }
            };
            ticket.set(Some(url.clone()));
            let sep = if url.contains('?') { '&' } else { '?' };
            let view_url = format!("{url}{sep}for_view=1");
            let s = if kind == PreviewKind::Text {
                match client.files().text_head(&view_url, TEXT_LIMIT).await {
                    Ok(head) => Shown::Text(head),
                    Err(e) => {
                        visit.fail(&e);
                        return;
                    }
                }
            } else {
                Shown::Url(view_url)
            };
            shown.set(Some(s));
        });
    }
    let name = item.name.clone();
    let for_download = item.clone();
    let download = move |_| match ticket.get_untracked() {
        Some(url) => {
            if trigger_download(&url, &for_download.name).is_some() {
                app.succeed(tf(Msg::DownloadStarted, &[&for_download.name]));
            }
        }
        None => visit.download(for_download.clone()),
    };
    let preview = move || {
        let alt = name.clone();
        Some(match (kind, shown.get()?) {
            (_, Shown::Text(head)) => view! {
                <pre id="link-preview-text" class="link-preview">{head.text}</pre>
                {head.truncated.then(|| view! { <p class="hint">{t(Msg::ViewerTruncated)}</p> })}
            }
            .into_any(),
            (PreviewKind::Pdf, Shown::Url(url)) => {
                view! { <iframe id="link-preview-pdf" class="link-preview" src=url title=alt></iframe> }
                    .into_any()
            }
            (_, Shown::Url(url)) => {
                view! { <img id="link-preview-image" class="link-preview" src=url alt=alt/> }.into_any()
            }
        })
    };
    view! {
        <section id="link-file" class="link-file">
            <h1 id="link-name">{item.name.clone()}</h1>
            <p id="link-size" class="hint">{format::size(item.size)}</p>
            <div class="link-actions">
                <button id="link-download-file" type="button" class="primary" on:click=download>
                    {t(Msg::LinkDownloadFile)}
                </button>
                <SaveButton visit=visit/>
            </div>
            {move || (previewable && shown.with(Option::is_none) && ticket.with(Option::is_none))
                .then(|| view! { <p class="placeholder" role="status">{t(Msg::Loading)}</p> })}
            {preview}
        </section>
    }
}
