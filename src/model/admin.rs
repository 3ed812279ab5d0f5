//! Satchel's own terms for administration: people, groups, companies, quotas. Dialects map their
//! admin endpoints onto these in their `admin.rs`.

use super::Person;

/// What a signed-in user may administer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Role {
    #[default]
    User,
    /// Manages the people, groups and quota of one company.
    CompanyAdmin,
    /// Manages every company.
    SystemAdmin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::User, Role::CompanyAdmin, Role::SystemAdmin];

    pub fn is_admin(self) -> bool {
        !matches!(self, Role::User)
    }

    /// The value in the SPA's `<select>` and `data-role` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Role::User => "user",
            Role::CompanyAdmin => "admin",
            Role::SystemAdmin => "sysadmin",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// A user as an admin sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminUser {
    pub id: String,
    pub login: String,
    pub name: String,
    pub role: Role,
    /// False after "disable": the user cannot sign in and their tokens stop working.
    pub active: bool,
    /// Locked after too many wrong passwords, until an admin unlocks them.
    pub locked: bool,
    /// Deleted but restorable.
    pub deleted: bool,
    pub used_bytes: u64,
    /// `None`: no personal limit (the company's quota still applies).
    pub quota_bytes: Option<u64>,
    /// Epoch ms, 0 = never.
    pub last_login_ms: i64,
    pub lang: String,
    pub timezone: String,
}

/// The column a user list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UserSort {
    #[default]
    Name,
    Login,
    Used,
    LastLogin,
}

/// One request for a page of users.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UserQuery {
    /// Matches login or name, case-insensitively; empty = everyone.
    pub text: String,
    pub sort: UserSort,
    pub descending: bool,
    pub offset: u64,
    pub limit: u64,
    /// Also list deleted (restorable) users.
    pub include_deleted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UsersPage {
    pub users: Vec<AdminUser>,
    /// Matches in all, for the pager.
    pub total: u64,
}

/// A user an admin creates directly (with a password).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub login: String,
    pub name: String,
    pub password: String,
}

/// The editable profile fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserEdit {
    pub name: String,
    pub lang: String,
    pub timezone: String,
}

/// What a bulk quota change did to one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaOutcome {
    pub user_id: String,
    /// `None` when it worked, else the server's reason.
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub members: u64,
}

/// A group member (`Person` plus the id the group endpoints take).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub user_id: String,
    pub person: Person,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Company {
    pub id: String,
    pub name: String,
    /// `None`: unlimited.
    pub quota_bytes: Option<u64>,
    pub used_bytes: u64,
    pub users: u64,
    pub active: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestState {
    Pending,
    Approved,
    Denied,
}

/// A user's request for more storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaRequest {
    pub id: String,
    pub user_id: String,
    pub person: Person,
    pub created_ms: i64,
    pub state: RequestState,
}

/// Storage of a company, per user and per kind of file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StorageReport {
    pub per_user: Vec<UserUsage>,
    pub per_kind: Vec<KindUsage>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserUsage {
    pub person: Person,
    pub bytes: u64,
    pub files: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindUsage {
    /// `image`, `audio`, `video`, `document`, `archive` or `other`.
    pub kind: String,
    pub bytes: u64,
    pub files: u64,
}

/// An invitation as the invited person sees it before joining.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub login: String,
    pub company: String,
}
