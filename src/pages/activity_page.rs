//! `/activity`: what happened to my items, my shares and mentions of me, newest first, a page
//! at a time, with a filter by kind.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::rel_time::RelTime;
use crate::components::shell::Shell;
use crate::components::status::StatusRegions;
use crate::components::unavailable::Requires;
use crate::i18n::{Msg, fill, t};
use crate::logic::paths::reveal_href;
use crate::model::{Event, EventGroup, EventKind};
use crate::state::use_app;

/// Events fetched per "Load more".
const PAGE: u64 = 20;

#[component]
pub fn ActivityPage() -> impl IntoView {
    view! {
        <Shell>
            <Requires needs=|c| c.activity>
                <ActivityView/>
            </Requires>
        </Shell>
    }
}

fn sentence_key(kind: EventKind) -> Msg {
    match kind {
        EventKind::FileCreated => Msg::EvFileCreated,
        EventKind::FileDeleted => Msg::EvFileDeleted,
        EventKind::FileUndeleted => Msg::EvFileUndeleted,
        EventKind::FileNewContent => Msg::EvFileNewContent,
        EventKind::FileVersionRestored => Msg::EvFileVersionRestored,
        EventKind::FileRenamed => Msg::EvFileRenamed,
        EventKind::FileMoved => Msg::EvFileMoved,
        EventKind::FolderCreated => Msg::EvFolderCreated,
        EventKind::FolderDeleted => Msg::EvFolderDeleted,
        EventKind::FolderUndeleted => Msg::EvFolderUndeleted,
        EventKind::FolderRenamed => Msg::EvFolderRenamed,
        EventKind::FolderMoved => Msg::EvFolderMoved,
        EventKind::ShareInvitationSent => Msg::EvShareInvitationSent,
        EventKind::ShareAccepted => Msg::EvShareAccepted,
        EventKind::CommentAdded => Msg::EvCommentAdded,
        EventKind::Mention => Msg::EvMention,
        EventKind::TaskAssigned => Msg::EvTaskAssigned,
        EventKind::TaskStatusChanged => Msg::EvTaskStatusChanged,
        EventKind::Other => Msg::EvOther,
    }
}

fn group_label(g: EventGroup) -> &'static str {
    t(match g {
        EventGroup::All => Msg::ActivityAll,
        EventGroup::Files => Msg::ActivityFiles,
        EventGroup::Sharing => Msg::ActivitySharing,
        EventGroup::Comments => Msg::ActivityComments,
        EventGroup::Tasks => Msg::ActivityTasks,
    })
}

/// "<actor> did X to <item>", the item a link to its folder with it selected when reachable.
fn event_item(e: Event) -> impl IntoView {
    let actor = if e.actor.is_empty() {
        t(Msg::ActivitySomeone).to_owned()
    } else {
        e.actor.clone()
    };
    let template = t(sentence_key(e.kind));
    let (before, after) = template.split_once("{1}").unwrap_or((template, ""));
    let name = if e.name.is_empty() {
        t(Msg::ActivityUnknownItem).to_owned()
    } else {
        e.name.clone()
    };
    let item = match &e.path {
        Some(p) => view! {
            <a class="event-item" href=reveal_href(p) title=p.to_string()>{name}</a>
        }
        .into_any(),
        None => view! { <span class="event-item">{name}</span> }.into_any(),
    };
    let text =
        (!e.text.is_empty()).then(|| view! { " " <q class="event-text">{e.text.clone()}</q> });
    view! {
        <li data-event-type=e.kind.code() data-event-id=e.id.clone()>
            <span class="event-sentence">
                {fill(before, &[&actor])}
                {item}
                {fill(after, &[&actor])}
            </span>
            {text}
            " "
            <RelTime ms=e.time_ms class="event-time"/>
        </li>
    }
}

#[component]
fn ActivityView() -> impl IntoView {
    let app = use_app();
    let events = RwSignal::new(Vec::<Event>::new());
    let loaded = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let has_more = RwSignal::new(false);
    let group = RwSignal::new(EventGroup::All);
    // Fetch the next page (or the first one again when `reset`).
    let load = move |reset: bool| {
        if busy.get_untracked() && !reset {
            return;
        }
        busy.set(true);
        let skip = if reset {
            0
        } else {
            events.with_untracked(Vec::len) as u64
        };
        let client = app.client();
        let g = group.get_untracked();
        spawn_local(async move {
            match client.comments().events(g, skip, PAGE).await {
                // The filter changed meanwhile: that page is for the old one.
                Ok(_) if group.get_untracked() != g => {}
                Ok(page) => {
                    has_more.set(page.len() as u64 >= PAGE);
                    events.update(|v| {
                        if reset {
                            v.clear();
                        }
                        v.extend(page);
                    });
                }
                Err(e) => app.report(&e),
            }
            loaded.set(true);
            busy.set(false);
        });
    };
    Effect::new(move || {
        app.refresh.track();
        load(true);
    });
    let shown = Memo::new(move |_| {
        let g = group.get();
        events.with(|v| {
            v.iter()
                .filter(|e| g.contains(e.kind))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <main class="files activity">
            <h1 class="page-title">{t(Msg::ActivityTitle)}</h1>
            <div class="activity-filter">
                <label for="activity-type">{t(Msg::ActivityFilter)}</label>
                " "
                <select
                    id="activity-type"
                    on:change=move |ev| {
                        group.set(EventGroup::from_code(&event_target_value(&ev)));
                        load(true);
                    }
                >
                    {EventGroup::ALL
                        .into_iter()
                        .map(|g| {
                            view! {
                                <option value=g.code() selected=move || group.get() == g>
                                    {group_label(g)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <StatusRegions/>
            <Show
                when=move || loaded.get()
                fallback=|| view! { <p id="loading" class="placeholder" role="status">{t(Msg::Loading)}</p> }
            >
                <ol id="activity">
                    {move || shown.get().into_iter().map(event_item).collect_view()}
                </ol>
                <Show when=move || shown.with(Vec::is_empty)>
                    <p id="activity-empty" class="placeholder">{t(Msg::ActivityNone)}</p>
                </Show>
                <Show when=move || has_more.get()>
                    <button
                        id="activity-more"
                        type="button"
                        disabled=move || busy.get()
                        on:click=move |_| load(false)
                    >
                        {t(Msg::ActivityMore)}
                    </button>
                </Show>
            </Show>
        </main>
    }
}
