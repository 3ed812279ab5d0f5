//! Blob files are deleted only after the transaction that dropped their last reference has
//! committed. Deleting inside it would lose content whenever the transaction then rolled back
//! (a failed purge would leave rows whose bytes are gone); deleting afterwards can at worst
//! leave an unreferenced file behind, which costs disk space and loses nothing.

use std::sync::Arc;

use super::CoreResult;
use super::tree::blob_in_use;
use crate::store::{BlobKey, BlobStore, Db};

/// Delete those of `candidates` that nothing refers to any more, in a transaction of their own
/// (the database lock keeps a new reference from appearing while a file is removed). Answers
/// the blobs deleted, so their cached thumbnails can go too.
pub(crate) async fn release(
    db: &Db,
    blobs: &Arc<dyn BlobStore>,
    candidates: Vec<BlobKey>,
) -> CoreResult<Vec<BlobKey>> {
    if candidates.is_empty() {
        return Ok(candidates);
    }
    let blobs = blobs.clone();
    db.tx(move |c| {
        let mut freed = Vec::new();
        for key in candidates {
            if !blob_in_use(c, &key)? {
                blobs.delete(&key)?;
                freed.push(key);
            }
        }
        Ok(freed)
    })
    .await
}
