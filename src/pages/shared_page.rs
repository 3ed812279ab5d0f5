//! `/shared`: pending invitations (`ul#invites`, items `li[data-invite-hash]` with
//! `.invite-accept` / `.invite-decline`), then the folders shared with me
//! (`table#shared-with-me`, rows at my mount path) and by me (`table#shared-by-me`), then my
//! public links where the dialect can list them (`table#my-links`, see `components::my_links`).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::my_links::MyLinks;
use crate::components::shell::Shell;
use crate::components::status::StatusRegions;
use crate::components::unavailable::Requires;
use crate::i18n::{Msg, t, tf};
use crate::logic::format;
use crate::logic::paths::files_href;
use crate::model::Invite;
use crate::state::use_app;

#[component]
pub fn SharedPage() -> impl IntoView {
    view! {
        <Shell>
            <Requires needs=|c| c.sharing>
                <SharedView/>
            </Requires>
        </Shell>
    }
}

fn rights(writer: bool) -> &'static str {
    t(if writer {
        Msg::RightsWrite
    } else {
        Msg::RightsRead
    })
}

#[component]
fn SharedView() -> impl IntoView {
    let app = use_app();
    // Dialects where sharing takes effect at once have no invitations to show.
    let caps = app.client().capabilities();
    let invitations = caps.invitations;
    let invites = LocalResource::new(move || {
        app.refresh.track();
        let client = app.client();
        async move { client.sharing().invites().await }
    });
    let with_me = LocalResource::new(move || {
        app.refresh.track();
        let client = app.client();
        async move { client.sharing().shared_with_me().await }
    });
    let by_me = LocalResource::new(move || {
        app.refresh.track();
        let client = app.client();
        async move { client.sharing().shared_by_me().await }
    });
    Effect::new(move || {
        let failed = [
            invites.get().and_then(|r| r.err()),
            with_me.get().and_then(|r| r.err()),
            by_me.get().and_then(|r| r.err()),
        ];
        if let Some(e) = failed.into_iter().flatten().next() {
            app.report(&e);
        }
    });
    let answer = move |invite: Invite, accept: bool| {
        let client = app.client();
        spawn_local(async move {
            if accept {
                match client.sharing().accept_invite(&invite.id).await {
                    Ok(entry) => app.succeed(tf(Msg::InviteAccepted, &[&entry.name])),
                    Err(e) => app.report(&e),
                }
            } else {
                match client.sharing().decline_invite(&invite.id).await {
                    Ok(()) => app.succeed(t(Msg::InviteDeclined).to_owned()),
                    Err(e) => app.report(&e),
                }
            }
            app.reload();
        });
    };
    let invite_list = move || {
        let list = match invites.get() {
            Some(Ok(v)) => v,
            _ => Vec::new(),
        };
        if list.is_empty() {
            return view! { <p id="invites-empty" class="placeholder">{t(Msg::InvitesNone)}</p> }
                .into_any();
        }
        let items = list
            .into_iter()
            .map(|i| {
                let text = tf(
                    Msg::InviteFrom,
                    &[&i.owner_name, &i.name, rights(i.writer)],
                );
                let accept = i.clone();
                let decline = i.clone();
                view! {
                    <li data-invite-hash=i.id.clone()>
                        <span class="invite-text">{text}</span>
                        <span class="hint">{format::timestamp(i.created_ms)}</span>
                        <button type="button" class="invite-accept primary" on:click=move |_| answer(accept.clone(), true)>
                            {t(Msg::InviteAccept)}
                        </button>
                        <button type="button" class="invite-decline" on:click=move |_| answer(decline.clone(), false)>
                            {t(Msg::InviteDecline)}
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! { <ul id="invites" class="invites">{items}</ul> }.into_any()
    };
    let with_me_rows = move || {
        let list = match with_me.get() {
            Some(Ok(v)) => v,
            _ => Vec::new(),
        };
        list.into_iter()
            .map(|m| {
                view! {
                    <tr data-path=m.path.to_string()>
                        <td class="name"><a href=files_href(&m.path)>{m.name.clone()}</a></td>
                        <td>{m.owner_name.clone()}</td>
                        <td>{rights(m.writer)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let by_me_rows = move || {
        let list = match by_me.get() {
            Some(Ok(v)) => v,
            _ => Vec::new(),
        };
        list.into_iter()
            .map(|s| {
                view! {
                    <tr data-path=s.path.to_string()>
                        <td class="name"><a href=files_href(&s.path)>{s.name.clone()}</a></td>
                        <td class="path">{s.path.to_string()}</td>
                        <td class="size">{s.collaborators.to_string()}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <main class="files shared">
            <h1 class="page-title">{t(Msg::SharedTitle)}</h1>
            <StatusRegions/>
            <Show when=move || invitations>
                <section aria-labelledby="invites-title">
                    <h2 id="invites-title">{t(Msg::InvitesTitle)}</h2>
                    <Show
                        when=move || invites.get().is_some()
                        fallback=|| view! { <p class="placeholder" role="status">{t(Msg::Loading)}</p> }
                    >
                        {invite_list}
                    </Show>
                </section>
            </Show>
            <section aria-labelledby="with-me-title">
                <h2 id="with-me-title">{t(Msg::SharedWithMe)}</h2>
                <table id="shared-with-me" class="list">
                    <thead>
                        <tr>
                            <th scope="col" class="name">{t(Msg::ColName)}</th>
                            <th scope="col">{t(Msg::ColOwner)}</th>
                            <th scope="col">{t(Msg::ColRights)}</th>
                        </tr>
                    </thead>
                    <tbody>{with_me_rows}</tbody>
                </table>
                <Show when=move || matches!(with_me.get(), Some(Ok(v)) if v.is_empty())>
                    <p class="placeholder">{t(Msg::SharedNone)}</p>
                </Show>
            </section>
            <section aria-labelledby="by-me-title">
                <h2 id="by-me-title">{t(Msg::SharedByMe)}</h2>
                <table id="shared-by-me" class="list">
                    <thead>
                        <tr>
                            <th scope="col" class="name">{t(Msg::ColName)}</th>
                            <th scope="col">{t(Msg::ColFolder)}</th>
                            <th scope="col" class="size">{t(Msg::ColPeople)}</th>
                        </tr>
                    </thead>
                    <tbody>{by_me_rows}</tbody>
                </table>
                <Show when=move || matches!(by_me.get(), Some(Ok(v)) if v.is_empty())>
                    <p class="placeholder">{t(Msg::SharedNone)}</p>
                </Show>
            </section>
            <Show when=move || caps.link_list>
                <MyLinks/>
            </Show>
        </main>
    }
}
