//! `/tasks`: the tasks assigned to me, open ones first by due date, each linking to its item.

use leptos::prelude::*;

use crate::components::comments_panel::comment_text;
use crate::components::shell::Shell;
use crate::components::status::StatusRegions;
use crate::components::unavailable::Requires;
use crate::i18n::{Msg, t};
use crate::logic::format;
use crate::logic::paths::reveal_href;
use crate::model::MyTask;
use crate::state::use_app;

#[component]
pub fn TasksPage() -> impl IntoView {
    view! {
        <Shell>
            <Requires needs=|c| c.tasks>
                <TasksView/>
            </Requires>
        </Shell>
    }
}

fn status_label(s: crate::model::TaskStatus) -> &'static str {
    use crate::model::TaskStatus::*;
    t(match s {
        Open => Msg::TaskStatusOpen,
        Accepted => Msg::TaskStatusAccepted,
        Declined => Msg::TaskStatusDeclined,
        Completed => Msg::TaskStatusCompleted,
    })
}

#[component]
fn TasksView() -> impl IntoView {
    let app = use_app();
    let me = LocalResource::new(move || {
        let client = app.client();
        async move { client.session().account().await.ok() }
    });
    let tasks = LocalResource::new(move || {
        app.refresh.track();
        let client = app.client();
        async move { client.comments().my_tasks().await }
    });
    Effect::new(move || {
        if let Some(Err(e)) = tasks.get() {
            app.report(&e);
        }
    });
    let my_login = StoredValue::new(
        app.session
            .with_untracked(|s| s.as_ref().map(|s| s.login.clone()))
            .unwrap_or_default(),
    );
    let row = move |task: MyTask, my_id: Option<String>| {
        let c = task.comment;
        // My own status; the first assignee's when mine cannot be told apart.
        let status = c
            .assignees
            .iter()
            .find(|a| match &my_id {
                Some(id) if !a.user_id.is_empty() => *id == a.user_id,
                _ => my_login.with_value(|l| a.name == *l),
            })
            .or(c.assignees.first())
            .map(|a| a.status)
            .unwrap_or_default();
        let now = js_sys::Date::now() as i64;
        let overdue = status.is_open() && c.due_ms.is_some_and(|d| d < now);
        let due = c.due_ms.map(format::date).unwrap_or_default();
        view! {
            <tr data-comment-id=c.id.clone() data-status=status.code() class:overdue=overdue>
                <td class="item">
                    <a href=reveal_href(&task.path) title=task.path.to_string()>{task.name.clone()}</a>
                </td>
                <td class="text">{comment_text(c.parts.clone())}</td>
                <td class="due">
                    {due}
                    {overdue.then(|| view! { " " <span class="overdue-flag">{t(Msg::TaskOverdue)}</span> })}
                </td>
                <td class="status">{status_label(status)}</td>
            </tr>
        }
    };
    view! {
        <main class="files tasks">
            <h1 class="page-title">{t(Msg::TasksTitle)}</h1>
            <StatusRegions/>
            <Show
                when=move || tasks.get().is_some()
                fallback=|| view! { <p id="loading" class="placeholder" role="status">{t(Msg::Loading)}</p> }
            >
                {move || {
                    let list = tasks.get().and_then(Result::ok).unwrap_or_default();
                    let my_id = me.get().flatten().map(|a| a.user_id);
                    if list.is_empty() {
                        return view! { <p id="tasks-empty" class="placeholder">{t(Msg::TasksNone)}</p> }
                            .into_any();
                    }
                    view! {
                        <table id="my-tasks" class="result-table">
                            <thead>
                                <tr>
                                    <th scope="col">{t(Msg::ColItem)}</th>
                                    <th scope="col">{t(Msg::ColTask)}</th>
                                    <th scope="col">{t(Msg::ColDue)}</th>
                                    <th scope="col">{t(Msg::ColStatus)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {list.into_iter().map(|task| row(task, my_id.clone())).collect_view()}
                            </tbody>
                        </table>
                    }
                        .into_any()
                }}
            </Show>
        </main>
    }
}
