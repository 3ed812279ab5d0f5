//! The trash, versions and the background jobs that purge.

use satchel_wire::NodePath;

/// Something in the trash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrashEntry {
    /// The server's opaque id for restoring or purging it.
    pub id: String,
    pub name: String,
    /// Where it was deleted from.
    pub original: NodePath,
    pub is_folder: bool,
    pub size: u64,
    pub deleted_ms: i64,
}

/// The trash, with the validator to ask "changed since?" next time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrashListing {
    pub entries: Vec<TrashEntry>,
    pub etag: Option<String>,
}

/// A background job's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskState {
    Running { percent: u8 },
    Done { items: u64, bytes: u64 },
}

/// One stored version of a file, newest first in lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub number: i64,
    pub size: u64,
    pub stored_ms: i64,
    pub author: String,
}
