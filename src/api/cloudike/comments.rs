//! Cloudike: comments, mentions, tasks and the activity feed ([`CommentsApi`]).

use async_trait::async_trait;

use super::*;

/// A user id as the model keeps it (`""` when the server named nobody).
fn user_id(id: i64) -> String {
    if id == 0 {
        String::new()
    } else {
        id.to_string()
    }
}

fn comment_from(c: wire::Comment) -> Comment {
    Comment {
        parts: text_parts(&c.text, &c.tagged_text),
        id: c.id,
        created_ms: c.created_time,
        modified_ms: c.modified_time,
        text: c.text,
        is_task: c.kind == "task",
        author_id: user_id(c.owner_id),
        author_name: c.owner_name,
        due_ms: (c.due_date > 0).then_some(c.due_date),
        assignees: c
            .assignees
            .into_iter()
            .map(|a| Assignee {
                user_id: user_id(a.user_id),
                name: a.user_name,
                status: task_status(&a.status),
            })
            .collect(),
    }
}

fn task_status(raw: &str) -> WorkStatus {
    match raw {
        "accepted" => WorkStatus::Accepted,
        "declined" | "decline" => WorkStatus::Declined,
        "completed" => WorkStatus::Completed,
        _ => WorkStatus::Open,
    }
}

fn draft_form(draft: &CommentDraft) -> Form {
    let mut form: Form = vec![("text", draft.text.clone())];
    if draft.is_task {
        form.push(("type", "task".into()));
        if let Some(due) = draft.due_ms {
            form.push(("due_date", due.to_string()));
        }
        for login in &draft.assignees {
            form.push(("assignee", login.clone()));
        }
    }
    form
}

fn event_from(e: WireEvent) -> Event {
    let path = e.path.as_deref().and_then(|p| NodePath::parse(p).ok());
    let name = path
        .as_ref()
        .or(e
            .oldpath
            .as_deref()
            .and_then(|p| NodePath::parse(p).ok())
            .as_ref())
        .and_then(|p| p.name().map(|n| n.as_str().to_owned()))
        .unwrap_or_default();
    Event {
        id: e.id.clone().and_then(Id::non_empty).unwrap_or_default(),
        kind: EventKind::from_code(&e.kind),
        time_ms: e.timestamp,
        path,
        name,
        actor: e.init_event_user_name.unwrap_or_default(),
        text: e.text.unwrap_or_default(),
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct WireEvent {
    id: Option<Id>,
    #[serde(rename = "type")]
    kind: String,
    timestamp: i64,
    path: Option<String>,
    oldpath: Option<String>,
    init_event_user_name: Option<String>,
    text: Option<String>,
}

#[async_trait(?Send)]
impl CommentsApi for Cloudike {
    fn declare(&self, caps: &mut Capabilities) {
        caps.tasks = true;
        caps.activity = true;
    }

    async fn comments(&self, path: &NodePath) -> Result<Vec<Comment>, ApiError> {
        let list: Vec<wire::Comment> = self
            .get(&endpoint_with_path("workflow/comments/", path))
            .await?;
        Ok(list.into_iter().map(comment_from).collect())
    }

    async fn add_comment(
        &self,
        path: &NodePath,
        draft: &CommentDraft,
    ) -> Result<Comment, ApiError> {
        let c: wire::Comment = self
            .post(
                &endpoint_with_path("workflow/comment/", path),
                &draft_form(draft),
            )
            .await?;
        Ok(comment_from(c))
    }

    async fn edit_comment(&self, id: &str, draft: &CommentDraft) -> Result<Comment, ApiError> {
        let mut form = draft_form(draft);
        form.retain(|(k, _)| *k != "type");
        form.push(("id", id.to_owned()));
        let c: wire::Comment = self.post("workflow/comment/edit", &form).await?;
        Ok(comment_from(c))
    }

    async fn delete_comment(&self, id: &str) -> Result<(), ApiError> {
        let form: Form = vec![("id", id.to_owned())];
        unit(self.post_raw("workflow/comment/delete", &form).await?)
    }

    async fn set_task_status(&self, id: &str, status: WorkStatus) -> Result<Comment, ApiError> {
        let form: Form = vec![("id", id.to_owned()), ("status", status.code().into())];
        let c: wire::Comment = self
            .post("workflow/comment/update_task_status", &form)
            .await?;
        Ok(comment_from(c))
    }

    async fn my_tasks(&self) -> Result<Vec<MyTask>, ApiError> {
        let list: Vec<wire::TaskItem> = self.get("workflow/tasks/").await?;
        let mut out = Vec::with_capacity(list.len());
        for t in list {
            let path = parse_path(if t.path.is_empty() { "/" } else { &t.path })?;
            let name = match path.name() {
                Some(n) => n.as_str().to_owned(),
                None => t.name,
            };
            out.push(MyTask {
                comment: comment_from(t.comment),
                path,
                name,
            });
        }
        Ok(out)
    }

    async fn events(
        &self,
        group: EventGroup,
        skip: u64,
        limit: u64,
    ) -> Result<Vec<Event>, ApiError> {
        let mut form: Form = vec![("skip", skip.to_string()), ("limit", limit.to_string())];
        if group != EventGroup::All {
            let types: Vec<&str> = EventKind::ALL
                .into_iter()
                .filter(|k| k.group() == group)
                .map(EventKind::code)
                .collect();
            form.push(("type", types.join(",")));
        }
        let list: Vec<WireEvent> = self.get(&with_query("events/", &form)).await?;
        Ok(list.into_iter().map(event_from).collect())
    }
}
