//! OpenDrive's account users and user groups (docs/dialects/opendrive.md, "Account users and user
//! groups"), mapped onto Satchel's admin terms. The [`AdminApi`] impl is at the end.
//!
//! Every account-user endpoint is keyed by login (`access_email`), so on this dialect the SPA's
//! user id ([`AdminUser::id`], [`Member::user_id`]) **is the login**. The API neither pages nor
//! sorts: `searchusers.json` answers every match, and the page is cut and sorted here.

use async_trait::async_trait;
use serde::Deserialize;
use serde_json::json;

use super::*;
use super::{Id, Num, OpenDrive, unit};
use crate::logic::user_list;

const MIB: u64 = 1024 * 1024;

/// An account user (guide 1.2-1.4), with only the fields the SPA reads.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub(super) struct AccountUser {
    first_name: String,
    last_name: String,
    /// The login.
    email: String,
    admin_mode: Num,
    access_admin_level: Num,
    /// 1 active, 0 disabled, 2 locked after failed logins.
    access_active: Num,
    /// Bytes, 0 = unlimited.
    storage_max: Num,
    storage_used: Num,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct UserGroup {
    #[serde(rename = "GroupID")]
    group_id: Id,
    group_name: String,
    num_users: Num,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct GroupCreated {
    #[serde(rename = "Group_id")]
    group_id: Id,
}

fn full_name(u: &AccountUser) -> String {
    format!("{} {}", u.first_name, u.last_name)
        .trim()
        .to_owned()
}

/// The account's role: `AccessAdminLevel` when sent, else `AdminMode` (1 = company admin).
fn role_of(u: &AccountUser) -> Role {
    match u.access_admin_level.0 {
        2 => Role::SystemAdmin,
        1 => Role::CompanyAdmin,
        _ if u.admin_mode.flag() => Role::CompanyAdmin,
        _ => Role::User,
    }
}

fn user_from(u: AccountUser) -> AdminUser {
    AdminUser {
        id: u.email.clone(),
        name: full_name(&u),
        role: role_of(&u),
        // 2 ("blocked") says locked, not whether the account is enabled: enabled is the likelier.
        active: u.access_active.0 != 0,
        locked: u.access_active.0 == 2,
        deleted: false,
        used_bytes: u.storage_used.bytes(),
        quota_bytes: (u.storage_max.0 > 0).then(|| u.storage_max.bytes()),
        // Not in this API.
        last_login_ms: 0,
        lang: String::new(),
        timezone: String::new(),
        login: u.email,
    }
}

pub(super) fn person_from(u: &AccountUser) -> Person {
    Person {
        login: u.email.clone(),
        name: full_name(u),
    }
}

fn group_from(g: UserGroup) -> Group {
    Group {
        id: g.group_id.0,
        name: g.group_name,
        members: g.num_users.bytes(),
    }
}

/// `access_first_name` / `access_last_name`: the display name split at its first space (the
/// server joins them with one). A one-word name repeats nothing: the last name is then empty,
/// which the server refuses, so it becomes the first word again.
fn name_parts(name: &str) -> (String, String) {
    let name = name.trim();
    match name.split_once(' ') {
        Some((first, last)) if !last.trim().is_empty() => {
            (first.to_owned(), last.trim().to_owned())
        }
        _ => (name.to_owned(), name.to_owned()),
    }
}

/// `access_max_storage` is whole MB (0 = unlimited): a limit is rounded up, never down.
fn quota_mb(bytes: Option<u64>) -> u64 {
    bytes.map_or(0, |b| b.div_ceil(MIB).max(1))
}

impl OpenDrive {
    /// Every account user of my company whose login or name contains `text`.
    pub(super) async fn search_users(&self, text: &str) -> Result<Vec<AccountUser>, ApiError> {
        let query = [("search_query", text.trim().to_owned())];
        self.get(
            &self.in_session("accountusers/searchusers.json", &[]),
            &query,
        )
        .await
    }

    pub(super) async fn user_info(&self, login: &str) -> Result<AccountUser, ApiError> {
        self.get(&self.in_session("accountusers/info.json", &[login]), &[])
            .await
    }

    pub(super) async fn put_user(
        &self,
        login: &str,
        mut fields: serde_json::Value,
    ) -> Result<(), ApiError> {
        fields["access_email"] = json!(login);
        unit(self.send("PUT", "accountusers.json", fields).await?)
    }

    /// My role: `users/info.json` always says `AdminMode: 0`, so ask the admin endpoint about
    /// myself; it refuses (403) everyone who is not an admin.
    pub(super) async fn my_role(&self, login: &str) -> Result<Role, ApiError> {
        match self.user_info(login).await {
            Ok(u) => Ok(role_of(&u)),
            Err(e) if matches!(e.kind, ErrorKind::Forbidden | ErrorKind::NotFound) => {
                Ok(Role::User)
            }
            Err(e) => Err(e),
        }
    }

    /// `setaccess.json`: 1 enables (and unlocks), 0 disables.
    pub(super) async fn set_access(&self, login: &str, active: bool) -> Result<(), ApiError> {
        let body = json!({ "access_email": login, "access_active": u8::from(active) });
        unit(
            self.send("POST", "accountusers/setaccess.json", body)
                .await?,
        )
    }
}

/// The answer of an endpoint that returns one account user, for tests.
#[cfg(test)]
fn decode_user(body: &str) -> AdminUser {
    let reply = crate::api::http::Reply {
        status: 200,
        body: body.to_owned(),
        etag: None,
        content_range: None,
    };
    user_from(super::decode(reply).unwrap())
}

#[async_trait(?Send)]
impl AdminApi for OpenDrive {
    fn declare(&self, caps: &mut Capabilities) {
        // Account users and user groups; no invitations, restorable deletion, company panel,
        // storage report or group shares in this API.
        caps.unlock_users = true;
        caps.roles = true;
        caps.quotas = true;
        caps.groups = true;
    }

    // Administration: account users and user groups (opendrive/admin.rs). User ids are logins.

    async fn admin_users(&self, q: &UserQuery) -> Result<UsersPage, ApiError> {
        let all = self.search_users(&q.text).await?;
        // Neither paged nor sorted by the API: done here.
        Ok(user_list::sort_and_page(
            all.into_iter().map(user_from).collect(),
            q,
        ))
    }

    async fn create_user(&self, user: &NewUser) -> Result<AdminUser, ApiError> {
        let login = user.login.trim();
        let (first, last) = name_parts(if user.name.trim().is_empty() {
            login
        } else {
            &user.name
        });
        let body = json!({
            "access_email": login,
            "access_first_name": first,
            "access_last_name": last,
            "access_password": user.password,
            "access_admin_mode": 0,
            "access_max_storage": 0,
            "group_id": "0",
        });
        unit(self.send("POST", "accountusers.json", body).await?)?;
        Ok(user_from(self.user_info(login).await?))
    }

    /// Only the name: this API keeps no language or time zone per account user.
    async fn edit_user(&self, login: &str, edit: &UserEdit) -> Result<AdminUser, ApiError> {
        let (first, last) = name_parts(&edit.name);
        if !first.is_empty() {
            let body = json!({ "access_first_name": first, "access_last_name": last });
            self.put_user(login, body).await?;
        }
        Ok(user_from(self.user_info(login).await?))
    }

    async fn set_user_password(&self, login: &str, password: &str) -> Result<(), ApiError> {
        self.put_user(login, json!({ "access_password": password }))
            .await
    }

    async fn set_user_active(&self, login: &str, active: bool) -> Result<AdminUser, ApiError> {
        self.set_access(login, active).await?;
        Ok(user_from(self.user_info(login).await?))
    }

    async fn unlock_user(&self, id: &str) -> Result<(), ApiError> {
        // `access_active` 1 unlocks (and enables: the API has no unlock alone).
        self.set_access(id, true).await
    }

    async fn set_user_role(&self, login: &str, role: Role) -> Result<(), ApiError> {
        let mode = match role {
            Role::User => 0,
            Role::CompanyAdmin => 1,
            // `access_admin_mode` knows no system admin.
            Role::SystemAdmin => return Err(ApiError::unsupported()),
        };
        self.put_user(login, json!({ "access_admin_mode": mode }))
            .await
    }

    /// One `PUT` per user; each answer is that user's outcome.
    async fn set_quota(
        &self,
        logins: &[String],
        quota_bytes: Option<u64>,
    ) -> Result<Vec<QuotaOutcome>, ApiError> {
        let mb = quota_mb(quota_bytes);
        let mut out = Vec::with_capacity(logins.len());
        for login in logins {
            let done = self
                .put_user(login, json!({ "access_max_storage": mb }))
                .await;
            if let Err(e) = &done
                && e.kind == ErrorKind::Unauthorized
            {
                return Err(e.clone());
            }
            out.push(QuotaOutcome {
                user_id: login.clone(),
                error: done.err().map(|e| {
                    if e.message.is_empty() {
                        e.status.to_string()
                    } else {
                        e.message
                    }
                }),
            });
        }
        Ok(out)
    }

    async fn delete_user(&self, login: &str) -> Result<(), ApiError> {
        self.delete_at(&self.in_session("accountusers.json", &[login]))
            .await
    }

    async fn groups(&self) -> Result<Vec<Group>, ApiError> {
        let all: Vec<UserGroup> = self
            .get("usergroups/all.json", &self.session_query())
            .await?;
        Ok(all.into_iter().map(group_from).collect())
    }

    async fn create_group(&self, name: &str) -> Result<Group, ApiError> {
        let made: GroupCreated = self
            .post("usergroups.json", json!({ "group_name": name.trim() }))
            .await?;
        Ok(Group {
            id: made.group_id.0,
            name: name.trim().to_owned(),
            members: 0,
        })
    }

    async fn rename_group(&self, group: &Group, name: &str) -> Result<Group, ApiError> {
        let body = json!({ "group_id": group.id, "group_name": name.trim() });
        unit(self.send("PUT", "usergroups.json", body).await?)?;
        Ok(Group {
            name: name.trim().to_owned(),
            ..group.clone()
        })
    }

    async fn delete_group(&self, group: &Group) -> Result<(), ApiError> {
        self.delete_at(&self.in_session("usergroups.json", &[&group.id]))
            .await
    }

    async fn group_members(&self, group: &Group) -> Result<Vec<Member>, ApiError> {
        let list: Vec<AccountUser> = self
            .get(
                &self.in_session("accountusers/usersingroup.json", &[&group.id]),
                &[],
            )
            .await?;
        Ok(list
            .iter()
            .map(|u| Member {
                user_id: u.email.clone(),
                person: person_from(u),
            })
            .collect())
    }

    /// `move.json`: the user ends up in this group **only** (out of any other group).
    async fn add_group_members(&self, group: &Group, logins: &[String]) -> Result<(), ApiError> {
        for login in logins {
            let body = json!({ "access_email": login, "group_id": group.id });
            unit(self.send("POST", "accountusers/move.json", body).await?)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
