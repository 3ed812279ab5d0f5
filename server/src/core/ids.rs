//! Addressing by node id, for dialects whose clients name items by id (OpenDrive) rather than by
//! path. An id is turned into the path the caller reaches it at, and every operation then goes
//! through the ordinary path-based core calls, so the permission rules stay in one place.

use satchel_wire::NodePath;

use super::nodes;
use super::{Core, CoreError, CoreResult, User};

impl Core {
    /// Where `user` reaches the live node `id`: its path in their own tree, or through the mount
    /// of a folder shared with them. Anything else (a stranger's, trashed, purged, never
    /// existed) is 404, with no hint of which.
    pub async fn path_of_node(&self, user: &User, id: i64) -> CoreResult<NodePath> {
        let uid = user.id;
        self.db
            .read(move |c| nodes::path_for(c, uid, id))
            .await?
            .ok_or_else(|| CoreError::NotFound(format!("item {id}")))
    }
}
