//! Cloudike: the comments area.

use async_trait::async_trait;

use super::*;

#[async_trait(?Send)]
impl CommentsApi for Cloudike {
    fn declare(&self, caps: &mut Capabilities) {
        caps.tasks = true;
        caps.activity = true;
    }

    async fn comments(&self, path: &NodePath) -> Result<Vec<Comment>, ApiError> {
        let list: Vec<WireComment> = self
            .get(&endpoint_with_path("workflow/comments/", path))
            .await?;
        Ok(list.into_iter().map(comment_from).collect())
    }

    async fn add_comment(
        &self,
        path: &NodePath,
        draft: &CommentDraft,
    ) -> Result<Comment, ApiError> {
        let c: WireComment = self
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
        let c: WireComment = self.post("workflow/comment/edit", &form).await?;
        Ok(comment_from(c))
    }

    async fn delete_comment(&self, id: &str) -> Result<(), ApiError> {
        let form: Form = vec![("id", id.to_owned())];
        unit(self.post_raw("workflow/comment/delete", &form).await?)
    }

    async fn set_task_status(&self, id: &str, status: WorkStatus) -> Result<Comment, ApiError> {
        let form: Form = vec![("id", id.to_owned()), ("status", status.code().into())];
        let c: WireComment = self
            .post("workflow/comment/update_task_status", &form)
            .await?;
        Ok(comment_from(c))
    }

    async fn my_tasks(&self) -> Result<Vec<MyTask>, ApiError> {
        let list: Vec<WireComment> = self.get("workflow/tasks/").await?;
        let mut out = Vec::with_capacity(list.len());
        for mut c in list {
            let path = parse_path(c.path.take().as_deref().unwrap_or("/"))?;
            let name = match path.name() {
                Some(n) => n.as_str().to_owned(),
                None => c.name.clone(),
            };
            out.push(MyTask {
                comment: comment_from(c),
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
