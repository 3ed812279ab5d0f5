//! One comment of a thread (text with mentions, edit and delete) and its task block.

use super::*;

pub(super) fn comment_item(ctx: Ctx, c: Comment) -> impl IntoView {
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
