//! OpenDrive: comments, mentions, tasks and the activity feed ([`CommentsApi`]).

use async_trait::async_trait;

use super::*;

#[async_trait(?Send)]
impl CommentsApi for OpenDrive {
    // Plain comments: no tasks and no activity feed in this API.

    async fn comments(&self, path: &NodePath) -> Result<Vec<Comment>, ApiError> {
        // Every item has one implicit task, its id the item's: its comments are the item's.
        let list: Vec<WireComment> = self
            .on_item(path, async |k| {
                self.get(&self.in_session("tasks/taskcomments.json", &[&k.id]), &[])
                    .await
            })
            .await?;
        Ok(list.into_iter().map(comment_from).collect())
    }

    async fn add_comment(
        &self,
        path: &NodePath,
        draft: &CommentDraft,
    ) -> Result<Comment, ApiError> {
        let c: WireComment = self
            .on_item(path, async |k| {
                self.post(
                    &self.in_session("tasks/comment.json", &[&k.id]),
                    json!({ "comment_text": draft.text }),
                )
                .await
            })
            .await?;
        Ok(comment_from(c))
    }

    async fn edit_comment(&self, id: &str, draft: &CommentDraft) -> Result<Comment, ApiError> {
        let reply = self
            .send(
                "PUT",
                &self.in_session("tasks/comment.json", &[id]),
                json!({ "comment_text": draft.text }),
            )
            .await?;
        Ok(comment_from(decode(reply)?))
    }

    async fn delete_comment(&self, id: &str) -> Result<(), ApiError> {
        self.delete_at(&self.in_session("tasks/trashcomment.json", &[id]))
            .await
    }
}
