//! `aside#comments-panel`: the comments (and tasks) on the single selected item, newest last,
//! with a form that suggests `@mentions` of the people who can see the item. Comment text is
//! rendered as text, never as HTML; mentions come from the adapter as separate parts.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::api::Client;
use crate::browser::use_browser;
use crate::components::confirm_dialog::Confirm;
use crate::components::rel_time::RelTime;
use crate::i18n::{Msg, t, tf};
use crate::logic::{format, mentions};
use crate::model::{Comment, CommentDraft, Entry, Person, ShareStatus, TaskStatus, TextPart};
use crate::state::{AppState, use_app};

mod comment_item;
use comment_item::comment_item;

mod comment_form;
use comment_form::CommentForm;

#[component]
pub fn CommentsPanel() -> impl IntoView {
    let browser = use_browser();
    let target = Memo::new(move |_| {
        let sel = browser.selected();
        match sel.as_slice() {
            [e] => Some(e.clone()),
            _ => None,
        }
    });
    let path = Memo::new(move |_| target.get().map(|e| e.path));
    let close = move |_| browser.comments_open.set(false);
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" && !ev.default_prevented() {
            browser.comments_open.set(false);
        }
    };
    view! {
        <Show when=move || browser.comments_open.get()>
            <aside id="comments-panel" aria-labelledby="comments-title" on:keydown=on_keydown>
                <div class="panel-head">
                    <h2 id="comments-title">
                        {move || match target.get() {
                            Some(e) => tf(Msg::CommentsTitle, &[&e.name]),
                            None => t(Msg::Comments).to_owned(),
                        }}
                    </h2>
                    <button
                        id="comments-close"
                        type="button"
                        aria-label=t(Msg::CommentsClose)
                        title=t(Msg::CommentsClose)
                        on:click=close
                    >
                        "×"
                    </button>
                </div>
                {move || match path.get() {
                    Some(_) => {
                        target
                            .get_untracked()
                            .map(|entry| view! { <Thread entry=entry/> }.into_any())
                    }
                    None => {
                        Some(
                            view! { <p class="placeholder">{t(Msg::CommentsPickOne)}</p> }
                                .into_any(),
                        )
                    }
                }}
            </aside>
        </Show>
    }
}

/// The people who can see `entry`: the owner and the collaborators of the share it is in (or
/// of its folder), else just me.
async fn people_for(client: &Client, entry: &Entry, me: String, sharing: bool) -> Vec<Person> {
    let mut out: Vec<Person> = Vec::new();
    if sharing {
        let mut list = client
            .sharing()
            .collaborators(&entry.path)
            .await
            .unwrap_or_default();
        if list.is_empty()
            && let Some(parent) = entry.path.parent()
            && !parent.is_root()
        {
            list = client
                .sharing()
                .collaborators(&parent)
                .await
                .unwrap_or_default();
        }
        out = list
            .into_iter()
            .filter(|c| c.status != ShareStatus::Invited)
            .map(|c| Person {
                login: c.login,
                name: c.name,
            })
            .collect();
    }
    if out.is_empty() && !me.is_empty() {
        out.push(Person {
            login: me,
            name: String::new(),
        });
    }
    out
}

fn person_label(p: &Person) -> String {
    if p.name.is_empty() || p.name == p.login {
        p.login.clone()
    } else {
        format!("{} ({})", p.name, p.login)
    }
}

fn status_label(s: TaskStatus) -> &'static str {
    t(match s {
        TaskStatus::Open => Msg::TaskStatusOpen,
        TaskStatus::Accepted => Msg::TaskStatusAccepted,
        TaskStatus::Declined => Msg::TaskStatusDeclined,
        TaskStatus::Completed => Msg::TaskStatusCompleted,
    })
}

/// A comment's text: plain parts as text nodes, mentions as highlighted `@login` spans.
pub fn comment_text(parts: Vec<TextPart>) -> impl IntoView {
    parts
        .into_iter()
        .map(|p| match p {
            TextPart::Text(s) => s.into_any(),
            TextPart::Mention(login) => {
                let shown = format!("@{login}");
                view! { <span class="mention" data-login=login>{shown}</span> }.into_any()
            }
        })
        .collect_view()
}

/// What every comment of one thread needs.
#[derive(Clone, Copy)]
struct Ctx {
    app: AppState,
    my_id: Memo<Option<String>>,
    my_login: StoredValue<String>,
    owner: Memo<bool>,
    editing: RwSignal<Option<String>>,
    deleting: RwSignal<Option<String>>,
    reload: RwSignal<u32>,
    people: Signal<Vec<Person>>,
}

impl Ctx {
    fn refresh(&self) {
        self.reload.update(|n| *n = n.wrapping_add(1));
    }

    fn is_me(&self, user_id: &str, name: &str) -> bool {
        let id = self.my_id.get();
        match id {
            Some(id) if !user_id.is_empty() => id == user_id,
            _ => self.my_login.with_value(|l| !l.is_empty() && l == name),
        }
    }

    /// The login of an assignee known by name (as the server shows them).
    fn login_of(&self, name: &str) -> Option<String> {
        self.people.with_untracked(|v| {
            v.iter()
                .find(|p| p.login == name || p.name == name)
                .map(|p| p.login.clone())
        })
    }
}

#[component]
fn Thread(entry: Entry) -> impl IntoView {
    let app = use_app();
    let caps = app.client().capabilities();
    let path = StoredValue::new(entry.path.clone());
    let reload = RwSignal::new(0u32);
    let my_login = app
        .session
        .with_untracked(|s| s.as_ref().map(|s| s.login.clone()))
        .unwrap_or_default();
    let me = LocalResource::new(move || {
        let client = app.client();
        async move { client.session().account().await.ok() }
    });
    let people_res = LocalResource::new({
        let entry = entry.clone();
        let my_login = my_login.clone();
        move || {
            let client = app.client();
            let entry = entry.clone();
            let me = my_login.clone();
            async move { people_for(&client, &entry, me, caps.sharing).await }
        }
    });
    let people = Signal::derive(move || people_res.get().unwrap_or_default());
    let comments = LocalResource::new(move || {
        reload.track();
        let client = app.client();
        let path = path.get_value();
        async move { client.comments().comments(&path).await }
    });
    Effect::new(move || {
        if let Some(Err(e)) = comments.get() {
            app.report(&e);
        }
    });
    // Newest last: when comments arrive, show the end of the panel.
    Effect::new(move |prev: Option<usize>| {
        let n = comments.get().and_then(Result::ok).map_or(0, |v| v.len());
        if n > prev.unwrap_or(0) {
            crate::browser::after_render(|| {
                if let Some(el) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id("comments-panel"))
                {
                    el.set_scroll_top(el.scroll_height());
                }
            });
        }
        n
    });
    let my_id = Memo::new(move |_| me.get().flatten().map(|a| a.user_id));
    let owner_id = entry.owner_id.clone();
    let owner = Memo::new(move |_| match (&owner_id, my_id.get()) {
        (Some(o), Some(m)) => *o == m,
        _ => false,
    });
    let ctx = Ctx {
        app,
        my_id,
        my_login: StoredValue::new(my_login),
        owner,
        editing: RwSignal::new(None),
        deleting: RwSignal::new(None),
        reload,
        people,
    };
    let do_delete = move |id: String| {
        ctx.deleting.set(None);
        let client = app.client();
        spawn_local(async move {
            match client.comments().delete_comment(&id).await {
                Ok(()) => app.succeed(t(Msg::CommentDeleted).to_owned()),
                Err(e) => app.report(&e),
            }
            ctx.refresh();
            app.reload();
        });
    };
    view! {
        <Show
            when=move || comments.get().is_some()
            fallback=|| view! { <p class="placeholder" role="status">{t(Msg::Loading)}</p> }
        >
            {move || {
                let list = comments.get().and_then(Result::ok).unwrap_or_default();
                let none = list
                    .is_empty()
                    .then(|| view! { <p id="comments-empty" class="placeholder">{t(Msg::CommentsNone)}</p> });
                view! {
                    {none}
                    <ol id="comment-list">
                        {list.into_iter().map(|c| comment_item(ctx, c)).collect_view()}
                    </ol>
                }
            }}
        </Show>
        <CommentForm path=entry.path.clone() ctx=ctx tasks=caps.tasks/>
        {move || {
            ctx.deleting
                .get()
                .map(|id| {
                    view! {
                        <Confirm
                            title=t(Msg::CommentDeleteTitle).to_owned()
                            text=t(Msg::CommentDeleteText).to_owned()
                            ok_label=t(Msg::CommentDelete)
                            on_ok=Callback::new(move |_| do_delete(id.clone()))
                            on_cancel=Callback::new(move |_| ctx.deleting.set(None))
                        />
                    }
                })
        }}
    }
}
