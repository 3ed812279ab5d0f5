//! Satchel's own terms, whatever the dialect: entries, pages, shares, links, comments, events,
//! admin records, errors and capabilities. Plain data (no I/O, no views); `api/` maps each
//! dialect onto these, and the UI, `logic/` and `upload/` see only these.

mod account;
mod admin;
mod capabilities;
mod comments;
mod entry;
mod error;
mod links;
mod recovery;
mod sharing;
mod upload;

pub use account::{Account, Session};
pub use admin::{
    AdminUser, Company, Group, Invitation, KindUsage, Member, NewUser, QuotaOutcome, QuotaRequest,
    RequestState, Role, StorageReport, UserEdit, UserQuery, UserSort, UserUsage, UsersPage,
};
pub use capabilities::{Capabilities, capability_names};
pub use comments::{
    Assignee, Comment, CommentDraft, Event, EventGroup, EventKind, MyTask, TaskStatus, TextPart,
};
pub use entry::{
    ArchiveLink, DeleteOutcome, Entry, FolderTotals, Page, SearchKind, SearchQuery, TextHead,
};
pub use error::{ApiError, ErrorKind};
pub use links::{LinkSettings, LinkView, PublicLink, SaveState};
pub use recovery::{TaskState, TrashEntry, TrashListing, Version};
pub use sharing::{Collaborator, Invite, Mount, OwnShare, Person, ShareStatus};
pub use upload::{Part, UploadPlan, UploadProtocol, UploadSession, UploadStart, plan};
