//! Comments, tasks and activity events.

use satchel_wire::NodePath;

/// A piece of a comment's text: plain text or a mention of someone (by login).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextPart {
    Text(String),
    Mention(String),
}

/// Where an assignee stands on a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TaskStatus {
    #[default]
    Open,
    Accepted,
    Declined,
    Completed,
}

impl TaskStatus {
    /// The value of `data-status` attributes.
    pub fn code(self) -> &'static str {
        match self {
            TaskStatus::Open => "open",
            TaskStatus::Accepted => "accepted",
            TaskStatus::Declined => "declined",
            TaskStatus::Completed => "completed",
        }
    }

    /// Still to be done (not completed nor declined).
    pub fn is_open(self) -> bool {
        matches!(self, TaskStatus::Open | TaskStatus::Accepted)
    }
}

/// Someone a task is assigned to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignee {
    pub user_id: String,
    pub name: String,
    pub status: TaskStatus,
}

/// A comment on a file or folder; a task when `is_task`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub id: String,
    pub created_ms: i64,
    pub modified_ms: i64,
    pub text: String,
    /// The text split into plain parts and mentions (one plain part when there is none).
    pub parts: Vec<TextPart>,
    pub is_task: bool,
    pub author_id: String,
    pub author_name: String,
    pub due_ms: Option<i64>,
    pub assignees: Vec<Assignee>,
}

impl Comment {
    /// A task nobody has finished or declined yet (or with nobody assigned).
    pub fn is_open_task(&self) -> bool {
        self.is_task
            && (self.assignees.is_empty() || self.assignees.iter().any(|a| a.status.is_open()))
    }

    pub fn is_overdue(&self, now_ms: i64) -> bool {
        self.is_open_task() && self.due_ms.is_some_and(|d| d < now_ms)
    }
}

/// A new comment or the new content of an edited one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CommentDraft {
    pub text: String,
    pub is_task: bool,
    pub due_ms: Option<i64>,
    /// Logins.
    pub assignees: Vec<String>,
}

/// A task assigned to me, with the item it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MyTask {
    pub comment: Comment,
    pub path: NodePath,
    pub name: String,
}

/// What happened, in an activity event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    FileCreated,
    FileDeleted,
    FileUndeleted,
    FileNewContent,
    FileVersionRestored,
    FileRenamed,
    FileMoved,
    FolderCreated,
    FolderDeleted,
    FolderUndeleted,
    FolderRenamed,
    FolderMoved,
    ShareInvitationSent,
    ShareAccepted,
    CommentAdded,
    Mention,
    TaskAssigned,
    TaskStatusChanged,
    Other,
}

/// A group of event kinds for the activity filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EventGroup {
    #[default]
    All,
    Files,
    Sharing,
    Comments,
    Tasks,
}

impl EventGroup {
    pub const ALL: [EventGroup; 5] = [
        EventGroup::All,
        EventGroup::Files,
        EventGroup::Sharing,
        EventGroup::Comments,
        EventGroup::Tasks,
    ];

    /// The `<option>` value.
    pub fn code(self) -> &'static str {
        match self {
            EventGroup::All => "all",
            EventGroup::Files => "files",
            EventGroup::Sharing => "sharing",
            EventGroup::Comments => "comments",
            EventGroup::Tasks => "tasks",
        }
    }

    pub fn from_code(code: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|g| g.code() == code)
            .unwrap_or_default()
    }

    pub fn contains(self, kind: EventKind) -> bool {
        self == EventGroup::All || kind.group() == self
    }
}

impl EventKind {
    pub const ALL: [EventKind; 18] = [
        EventKind::FileCreated,
        EventKind::FileDeleted,
        EventKind::FileUndeleted,
        EventKind::FileNewContent,
        EventKind::FileVersionRestored,
        EventKind::FileRenamed,
        EventKind::FileMoved,
        EventKind::FolderCreated,
        EventKind::FolderDeleted,
        EventKind::FolderUndeleted,
        EventKind::FolderRenamed,
        EventKind::FolderMoved,
        EventKind::ShareInvitationSent,
        EventKind::ShareAccepted,
        EventKind::CommentAdded,
        EventKind::Mention,
        EventKind::TaskAssigned,
        EventKind::TaskStatusChanged,
    ];

    /// The value of `data-event-type`.
    pub fn code(self) -> &'static str {
        match self {
            EventKind::FileCreated => "file_created",
            EventKind::FileDeleted => "file_deleted",
            EventKind::FileUndeleted => "file_undeleted",
            EventKind::FileNewContent => "file_new_content",
            EventKind::FileVersionRestored => "file_version_restored",
            EventKind::FileRenamed => "file_renamed",
            EventKind::FileMoved => "file_moved",
            EventKind::FolderCreated => "folder_created",
            EventKind::FolderDeleted => "folder_deleted",
            EventKind::FolderUndeleted => "folder_undeleted",
            EventKind::FolderRenamed => "folder_renamed",
            EventKind::FolderMoved => "folder_moved",
            EventKind::ShareInvitationSent => "share_invitation_sent",
            EventKind::ShareAccepted => "share_accepted",
            EventKind::CommentAdded => "comment_added",
            EventKind::Mention => "mention",
            EventKind::TaskAssigned => "task_assigned",
            EventKind::TaskStatusChanged => "task_status_changed",
            EventKind::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|k| k.code() == code)
            .unwrap_or(EventKind::Other)
    }

    pub fn group(self) -> EventGroup {
        match self {
            EventKind::ShareInvitationSent | EventKind::ShareAccepted => EventGroup::Sharing,
            EventKind::CommentAdded | EventKind::Mention => EventGroup::Comments,
            EventKind::TaskAssigned | EventKind::TaskStatusChanged => EventGroup::Tasks,
            _ => EventGroup::Files,
        }
    }
}

/// One entry of the activity feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: String,
    pub kind: EventKind,
    pub time_ms: i64,
    /// Where the item is now in my tree; `None` when I cannot reach it.
    pub path: Option<NodePath>,
    /// The item's name (from the path, or the old path).
    pub name: String,
    /// Who did it.
    pub actor: String,
    /// A comment's or status's text, when the event has one.
    pub text: String,
}
