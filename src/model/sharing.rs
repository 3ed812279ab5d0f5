//! Shared folders: people, collaborators, invitations, shares and mounts.

use satchel_wire::NodePath;

/// Someone in the user directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub login: String,
    pub name: String,
}

/// Where a collaborator stands in a share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareStatus {
    Owner,
    Invited,
    Accepted,
}

impl ShareStatus {
    /// The value of the `data-status` attribute.
    pub fn code(self) -> &'static str {
        match self {
            ShareStatus::Owner => "owner",
            ShareStatus::Invited => "invited",
            ShareStatus::Accepted => "accepted",
        }
    }
}

/// One person in a shared folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collaborator {
    pub login: String,
    pub name: String,
    pub writer: bool,
    pub status: ShareStatus,
    /// The share was made on an ancestor folder.
    pub inherited: bool,
    /// A whole group (then `name` is the group's name and `login` is empty).
    pub group_id: Option<String>,
}

/// A pending invitation to someone else's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invite {
    pub id: String,
    pub name: String,
    pub owner_name: String,
    pub writer: bool,
    pub created_ms: i64,
}

/// A folder I share with others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnShare {
    pub path: NodePath,
    pub name: String,
    pub collaborators: u64,
}

/// Someone else's folder mounted in my tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    pub path: NodePath,
    pub name: String,
    pub owner_name: String,
    pub writer: bool,
}
