//! Public links: their settings, what the owner and what a recipient sees.

use satchel_wire::NodePath;

use super::Entry;

/// What a public link should allow; `None` = no limit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LinkSettings {
    /// Seconds from now until it stops working.
    pub ttl_secs: Option<u64>,
    pub password: Option<String>,
    pub download_max: Option<u64>,
}

/// A public link to a file or folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicLink {
    pub id: String,
    /// The recipient's page.
    pub url: String,
    pub path: NodePath,
    pub name: String,
    pub is_folder: bool,
    pub created_ms: i64,
    pub expires_ms: Option<i64>,
    pub download_max: Option<u64>,
    pub downloads: u64,
    pub has_password: bool,
}

/// What a link recipient sees at one path: the item and, for a folder, its children (paths
/// relative to the shared item).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkView {
    pub item: Entry,
    pub children: Vec<Entry>,
}

/// The outcome of copying a shared item into my files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Running { percent: u8 },
    Done { name: String, files: u64, size: u64 },
}
