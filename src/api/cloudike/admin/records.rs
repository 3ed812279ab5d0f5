//! What Cloudike's admin endpoints answer, read leniently (only the fields the SPA uses), and
//! its mapping onto Satchel's admin model.

use serde::Deserialize;

use super::super::*;

/// "User data", the one shape every admin endpoint answers a user in.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(super) struct UserData {
    pub(super) userid: Option<Id>,
    pub(super) login: String,
    pub(super) name: String,
    pub(super) role: String,
    pub(super) is_active: Option<bool>,
    pub(super) is_locked: bool,
    pub(super) is_deleted: bool,
    pub(super) storage_size: u64,
    pub(super) quota_size: Option<u64>,
    pub(super) last_login: i64,
    pub(super) lang: String,
    pub(super) timezone: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct FoundUsers {
    pub(super) count: u64,
    pub(super) users: Vec<UserData>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct InviteMade {
    pub(super) token: String,
    pub(super) invite_link: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct QuotaNode {
    pub(super) userid: Option<Id>,
    pub(super) error_code: u16,
    /// `null` when done.
    pub(super) error_info: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct QuotaChange {
    pub(super) nodes: Vec<QuotaNode>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct WireGroup {
    pub(super) group_id: Option<Id>,
    pub(super) name: String,
    pub(super) members_count: u64,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct GroupList {
    pub(super) groups: Vec<WireGroup>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct MemberAdded {
    pub(super) userid: Option<Id>,
    pub(super) status: String,
    pub(super) code: u16,
    pub(super) message: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Content<T> {
    pub(super) content: Vec<T>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct WireMember {
    pub(super) userid: Option<Id>,
    pub(super) login: String,
    pub(super) name: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct WireCompany {
    pub(super) company_id: Option<Id>,
    pub(super) name: String,
    pub(super) status: String,
    pub(super) quota_size: Option<u64>,
    pub(super) storage_size: u64,
    pub(super) users_count: u64,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct CompanyList {
    pub(super) companies: Vec<WireCompany>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct WireRequest {
    pub(super) request_id: Option<Id>,
    pub(super) userid: Option<Id>,
    pub(super) login: String,
    pub(super) name: String,
    pub(super) created: i64,
    pub(super) state: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct WireUserUsage {
    pub(super) login: String,
    pub(super) name: String,
    pub(super) storage_size: u64,
    pub(super) files_count: u64,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct WireKindUsage {
    pub(super) kind: String,
    pub(super) storage_size: u64,
    pub(super) files_count: u64,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct StorageUsage {
    pub(super) users: Vec<WireUserUsage>,
    pub(super) kinds: Vec<WireKindUsage>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Invited {
    pub(super) login: String,
    pub(super) company: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct MyCompany {
    pub(super) company_id: Option<Id>,
}

pub(in crate::api::cloudike) fn role_code(role: Role) -> &'static str {
    match role {
        Role::User => "user",
        Role::CompanyAdmin => "admin",
        Role::SystemAdmin => "sysadmin",
    }
}

pub(in crate::api::cloudike) fn role_from(code: &str) -> Role {
    match code {
        "admin" => Role::CompanyAdmin,
        "sysadmin" => Role::SystemAdmin,
        _ => Role::User,
    }
}

pub(super) fn order_by(sort: UserSort) -> &'static str {
    match sort {
        UserSort::Name => "name",
        UserSort::Login => "login",
        UserSort::Used => "storage_size",
        UserSort::LastLogin => "last_login",
    }
}

pub(super) fn id_of(v: &Option<Id>) -> String {
    v.clone().and_then(Id::non_empty).unwrap_or_default()
}

pub(super) fn user_from(u: UserData) -> AdminUser {
    AdminUser {
        id: id_of(&u.userid),
        login: u.login,
        name: u.name,
        role: role_from(&u.role),
        active: u.is_active.unwrap_or(true),
        locked: u.is_locked,
        deleted: u.is_deleted,
        used_bytes: u.storage_size,
        quota_bytes: u.quota_size,
        last_login_ms: u.last_login,
        lang: u.lang,
        timezone: u.timezone,
    }
}

pub(super) fn group_from(g: WireGroup) -> Group {
    Group {
        id: id_of(&g.group_id),
        name: g.name,
        members: g.members_count,
    }
}

pub(super) fn company_from(c: WireCompany) -> Company {
    Company {
        id: id_of(&c.company_id),
        name: c.name,
        quota_bytes: c.quota_size,
        used_bytes: c.storage_size,
        users: c.users_count,
        active: c.status.is_empty() || c.status == "active",
    }
}

pub(super) fn request_from(r: WireRequest) -> QuotaRequest {
    QuotaRequest {
        id: id_of(&r.request_id),
        user_id: id_of(&r.userid),
        person: Person {
            login: r.login,
            name: r.name,
        },
        created_ms: r.created,
        state: match r.state.as_str() {
            "approved" => RequestState::Approved,
            "denied" => RequestState::Denied,
            _ => RequestState::Pending,
        },
    }
}

/// `prefix<segment>suffix` with the segment percent-encoded.
pub(super) fn endpoint(prefix: &str, segment: &str, suffix: &str) -> String {
    let mut out = prefix.to_owned();
    satchel_wire::name::percent_encode_segment(segment, &mut out);
    out.push_str(suffix);
    out
}
