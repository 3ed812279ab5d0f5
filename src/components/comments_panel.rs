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

fn comment_item(ctx: Ctx, c: Comment) -> impl IntoView {
    let app = ctx.app;
    let own = ctx.is_me(&c.author_id, &c.author_name);
    let can_delete = own || ctx.owner.get();
    let now = js_sys::Date::now() as i64;
    let overdue = c.is_overdue(now);
    let editing = ctx.editing.get().as_deref() == Some(c.id.as_str());
    let id = c.id.clone();
    let edited = (c.modified_ms > c.created_ms + 1000)
        .then(|| view! { <span class="comment-edited">{t(Msg::CommentEdited)}</span> });
    let author = if c.author_name.is_empty() {
        t(Msg::ActivitySomeone).to_owned()
    } else {
        c.author_name.clone()
    };
    let edit_box = NodeRef::<leptos::html::Textarea>::new();
    let body = if editing {
        let original = c.clone();
        let save = move |_| {
            let Some(el) = edit_box.get() else { return };
            let text = el.value().trim().to_owned();
            if text.is_empty() {
                app.fail(t(Msg::CommentEmpty).to_owned());
                return;
            }
            let draft = CommentDraft {
                text,
                is_task: original.is_task,
                due_ms: original.due_ms,
                assignees: original
                    .assignees
                    .iter()
                    .map(|a| ctx.login_of(&a.name))
                    .collect::<Option<Vec<_>>>()
                    // Unknown logins: leave the assignees as they are.
                    .unwrap_or_default(),
            };
            let id = original.id.clone();
            let client = app.client();
            spawn_local(async move {
                match client.comments().edit_comment(&id, &draft).await {
                    Ok(_) => {
                        app.error.set(None);
                        ctx.editing.set(None);
                    }
                    Err(e) => app.report(&e),
                }
                ctx.refresh();
            });
        };
        Effect::new(move || {
            if let Some(el) = edit_box.get() {
                let _ = el.focus();
            }
        });
        view! {
            <div class="comment-editing">
                <textarea
                    class="comment-edit-input"
                    aria-label=t(Msg::CommentEditLabel)
                    rows="3"
                    node_ref=edit_box
                    prop:value=c.text.clone()
                ></textarea>
                <div class="comment-actions">
                    <button class="comment-save" type="button" on:click=save>
                        {t(Msg::CommentSave)}
                    </button>
                    <button
                        class="comment-cancel"
                        type="button"
                        on:click=move |_| ctx.editing.set(None)
                    >
                        {t(Msg::Cancel)}
                    </button>
                </div>
            </div>
        }
        .into_any()
    } else {
        view! { <p class="comment-text">{comment_text(c.parts.clone())}</p> }.into_any()
    };
    let task = c.is_task.then(|| task_block(ctx, &c, overdue));
    let actions = (!editing && (own || can_delete)).then(|| {
        let edit_id = id.clone();
        let delete_id = id.clone();
        view! {
            <div class="comment-actions">
                {own
                    .then(|| {
                        view! {
                            <button
                                class="comment-edit"
                                type="button"
                                on:click=move |_| ctx.editing.set(Some(edit_id.clone()))
                            >
                                {t(Msg::CommentEdit)}
                            </button>
                        }
                    })}
                {can_delete
                    .then(|| {
                        view! {
                            <button
                                class="comment-delete danger"
                                type="button"
                                on:click=move |_| ctx.deleting.set(Some(delete_id.clone()))
                            >
                                {t(Msg::CommentDelete)}
                            </button>
                        }
                    })}
            </div>
        }
    });
    view! {
        <li
            data-comment-id=id
            data-type=if c.is_task { "task" } else { "text" }
            class:task=c.is_task
            class:overdue=overdue
            class:own=own
        >
            <div class="comment-meta">
                <span class="comment-author">{author}</span>
                " "
                <RelTime ms=c.created_ms class="comment-time"/>
                " "
                {edited}
            </div>
            {body}
            {task}
            {actions}
        </li>
    }
}

fn task_block(ctx: Ctx, c: &Comment, overdue: bool) -> impl IntoView + use<> {
    let app = ctx.app;
    let mine = c
        .assignees
        .iter()
        .find(|a| ctx.is_me(&a.user_id, &a.name))
        .map(|a| a.status);
    let due = c.due_ms.map(|d| {
        view! {
            <span class="task-due">
                <time datetime=format::date(d)>{tf(Msg::TaskDueOn, &[&format::date(d)])}</time>
            </span>
        }
    });
    let flag = overdue.then(|| view! { <span class="overdue-flag">{t(Msg::TaskOverdue)}</span> });
    let assignees = c
        .assignees
        .iter()
        .map(|a| {
            view! {
                <li data-user-id=a.user_id.clone() data-status=a.status.code()>
                    <span class="assignee-name">{a.name.clone()}</span>
                    " "
                    <span class="task-status">{status_label(a.status)}</span>
                </li>
            }
        })
        .collect_view();
    let id = c.id.clone();
    let set = move |status: TaskStatus| {
        let client = app.client();
        let id = id.clone();
        spawn_local(async move {
            match client.comments().set_task_status(&id, status).await {
                Ok(_) => app.succeed(tf(Msg::TaskUpdated, &[status_label(status)])),
                Err(e) => app.report(&e),
            }
            ctx.refresh();
        });
    };
    let buttons = mine.map(|current| {
        let (s1, s2, s3) = (set.clone(), set.clone(), set);
        view! {
            <div class="task-actions">
                <button
                    class="task-accept"
                    type="button"
                    aria-pressed=(current == TaskStatus::Accepted).to_string()
                    on:click=move |_| s1(TaskStatus::Accepted)
                >
                    {t(Msg::TaskAccept)}
                </button>
                <button
                    class="task-decline"
                    type="button"
                    aria-pressed=(current == TaskStatus::Declined).to_string()
                    on:click=move |_| s2(TaskStatus::Declined)
                >
                    {t(Msg::TaskDecline)}
                </button>
                <button
                    class="task-complete"
                    type="button"
                    aria-pressed=(current == TaskStatus::Completed).to_string()
                    on:click=move |_| s3(TaskStatus::Completed)
                >
                    {t(Msg::TaskComplete)}
                </button>
            </div>
        }
    });
    view! {
        <div class="task-info">
            {due}
            " "
            {flag}
            <ul class="task-assignees" aria-label=t(Msg::TaskAssignedTo)>
                {assignees}
            </ul>
            {buttons}
        </div>
    }
}

/// The logins chosen in a `<select multiple>`.
fn selected_values(el: &web_sys::HtmlSelectElement) -> Vec<String> {
    let options = el.selected_options();
    (0..options.length())
        .filter_map(|i| options.item(i))
        .filter_map(|e| e.dyn_into::<web_sys::HtmlOptionElement>().ok())
        .map(|o| o.value())
        .collect()
}

#[component]
fn CommentForm(path: satchel_wire::NodePath, ctx: Ctx, tasks: bool) -> impl IntoView {
    let app = ctx.app;
    let path = StoredValue::new(path);
    let input = NodeRef::<leptos::html::Textarea>::new();
    let assignees = NodeRef::<leptos::html::Select>::new();
    let due = NodeRef::<leptos::html::Input>::new();
    let is_task = RwSignal::new(false);
    let busy = RwSignal::new(false);
    // What follows the `@` being typed, if any.
    let mention = RwSignal::new(None::<String>);
    let active = RwSignal::new(0usize);
    let suggestions = Memo::new(move |_| {
        let Some(q) = mention.get() else {
            return Vec::new();
        };
        let q = q.to_lowercase();
        ctx.people.with(|v| {
            v.iter()
                .filter(|p| {
                    p.login.to_lowercase().contains(&q) || p.name.to_lowercase().contains(&q)
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    // The mention at the caret, as byte offsets into the textarea's value.
    let at_caret = move || -> Option<(String, usize, usize)> {
        let el = input.get_untracked()?;
        let value = el.value();
        let caret16 = el.selection_start().ok().flatten()? as usize;
        let caret = mentions::byte_offset(&value, caret16);
        let (at, _) = mentions::mention_at(&value, caret)?;
        Some((value, at, caret))
    };
    let update_mention = move || {
        let q = at_caret().map(|(value, at, caret)| value[at + 1..caret].to_owned());
        if q != mention.get_untracked() {
            active.set(0);
        }
        mention.set(q);
    };
    let choose = move |login: String| {
        let Some(el) = input.get_untracked() else {
            return;
        };
        if let Some((value, at, caret)) = at_caret() {
            let (text, pos) = mentions::insert_mention(&value, at, caret, &login);
            el.set_value(&text);
            let u = mentions::utf16_offset(&text, pos) as u32;
            let _ = el.set_selection_range(u, u);
        }
        let _ = el.focus();
        mention.set(None);
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let len = suggestions.with_untracked(Vec::len);
        if len == 0 {
            return;
        }
        match ev.key().as_str() {
            "ArrowDown" => active.update(|a| *a = (*a + 1) % len),
            "ArrowUp" => active.update(|a| *a = (*a + len - 1) % len),
            "Enter" | "Tab" => {
                let i = active.get_untracked().min(len - 1);
                if let Some(p) = suggestions.with_untracked(|v| v.get(i).cloned()) {
                    choose(p.login);
                }
            }
            "Escape" => {
                mention.set(None);
                ev.stop_propagation();
            }
            _ => return,
        }
        ev.prevent_default();
    };
    let on_submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(el) = input.get_untracked() else {
            return;
        };
        let text = el.value().trim().to_owned();
        if text.is_empty() {
            app.fail(t(Msg::CommentEmpty).to_owned());
            return;
        }
        let mut draft = CommentDraft {
            text,
            ..Default::default()
        };
        if tasks && is_task.get_untracked() {
            draft.is_task = true;
            draft.assignees = assignees
                .get_untracked()
                .map(|s| selected_values(&s))
                .unwrap_or_default();
            if draft.assignees.is_empty() {
                app.fail(t(Msg::TaskNoAssignee).to_owned());
                return;
            }
            draft.due_ms = due
                .get_untracked()
                .and_then(|d| format::end_of_date(&d.value()));
        }
        busy.set(true);
        let client = app.client();
        spawn_local(async move {
            match client
                .comments()
                .add_comment(&path.get_value(), &draft)
                .await
            {
                Ok(_) => {
                    if let Some(el) = input.get_untracked() {
                        el.set_value("");
                    }
                    is_task.set(false);
                    mention.set(None);
                    app.succeed(t(Msg::CommentAdded).to_owned());
                    app.reload();
                }
                Err(e) => app.report(&e),
            }
            busy.set(false);
            ctx.refresh();
        });
    };
    view! {
        <form id="comment-form" class="comment-form" on:submit=on_submit>
            <label for="comment-input">{t(Msg::CommentLabel)}</label>
            <div class="mention-wrap">
                <textarea
                    id="comment-input"
                    rows="3"
                    maxlength="10000"
                    placeholder=t(Msg::CommentPlaceholder)
                    aria-autocomplete="list"
                    aria-controls="mention-suggestions"
                    node_ref=input
                    on:input=move |_| update_mention()
                    on:click=move |_| update_mention()
                    on:keydown=on_keydown
                    on:blur=move |_| mention.set(None)
                ></textarea>
                <Show when=move || !suggestions.with(Vec::is_empty)>
                    <ul
                        id="mention-suggestions"
                        role="listbox"
                        aria-label=t(Msg::MentionSuggestions)
                    >
                        {move || {
                            suggestions
                                .get()
                                .into_iter()
                                .enumerate()
                                .map(|(i, p)| {
                                    let login = p.login.clone();
                                    view! {
                                        <li
                                            role="option"
                                            data-login=p.login.clone()
                                            aria-selected=move || (active.get() == i).to_string()
                                            on:mousedown=move |ev: web_sys::MouseEvent| {
                                                ev.prevent_default();
                                                choose(login.clone());
                                            }
                                        >
                                            {person_label(&p)}
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </Show>
            </div>
            <Show when=move || tasks>
                <label class="task-toggle">
                    <input
                        id="comment-is-task"
                        type="checkbox"
                        prop:checked=is_task
                        on:change=move |ev| is_task.set(event_target_checked(&ev))
                    />
                    " "
                    {t(Msg::TaskToggle)}
                </label>
                <Show when=move || is_task.get()>
                    <div class="task-fields">
                        <label for="task-assignees">{t(Msg::TaskAssignees)}</label>
                        <select id="task-assignees" multiple node_ref=assignees>
                            {move || {
                                ctx.people
                                    .get()
                                    .into_iter()
                                    .map(|p| {
                                        view! { <option value=p.login.clone()>{person_label(&p)}</option> }
                                    })
                                    .collect_view()
                            }}
                        </select>
                        <label for="task-due">{t(Msg::TaskDue)}</label>
                        <input id="task-due" type="date" node_ref=due/>
                    </div>
                </Show>
            </Show>
            <button id="comment-submit" type="submit" disabled=move || busy.get()>
                {t(Msg::CommentSubmit)}
            </button>
        </form>
    }
}
