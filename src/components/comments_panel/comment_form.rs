//! The form for a new comment or task, with mention suggestions and assignees.

use super::*;

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
pub(super) fn CommentForm(path: satchel_wire::NodePath, ctx: Ctx, tasks: bool) -> impl IntoView {
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
