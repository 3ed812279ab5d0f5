//! Cloudike's administration endpoints (docs/dialects/cloudike.md, "Administration (issue 6)"):
//! users, groups, the company, quota requests and the storage report. The records it reads are
//! in `records.rs`, leniently, like the rest of the SPA's Cloudike structs.

use std::cell::RefCell;

use async_trait::async_trait;
use satchel_wire::cloudike::admin_field as f;

use super::*;
use super::{Cloudike, Form, decode, unit, with_query};

mod records;

use crate::api::http;
pub(super) use records::role_from;
use records::*;

thread_local! {
    /// The signed-in user's company, per token: every company endpoint names it in the path.
    static COMPANY: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
}

impl Cloudike {
    /// The caller's company id (`accounts/get/`), asked once per token.
    pub(super) async fn company_id(&self) -> Result<String, ApiError> {
        let token = self.token.clone().unwrap_or_default();
        let known = COMPANY.with_borrow(|c| {
            c.as_ref()
                .filter(|(t, _)| *t == token)
                .map(|(_, id)| id.clone())
        });
        if let Some(id) = known {
            return Ok(id);
        }
        let a: MyCompany = self.get("accounts/get/").await?;
        // Before companies existed every user was in company 1.
        let id = a
            .company_id
            .clone()
            .and_then(Id::non_empty)
            .unwrap_or_else(|| "1".to_owned());
        COMPANY.set(Some((token, id.clone())));
        Ok(id)
    }

    pub(super) async fn company_endpoint(&self, suffix: &str) -> Result<String, ApiError> {
        Ok(endpoint("company/", &self.company_id().await?, suffix))
    }

    pub(super) async fn admin_company_endpoint(&self, suffix: &str) -> Result<String, ApiError> {
        Ok(endpoint(
            "admin/company/",
            &self.company_id().await?,
            suffix,
        ))
    }

    pub(super) async fn user_call(&self, endpoint: &str, id: &str) -> Result<AdminUser, ApiError> {
        let form: Form = vec![(f::USERID, id.to_owned())];
        Ok(user_from(self.post(endpoint, &form).await?))
    }

    pub(super) async fn unit_call(&self, endpoint: &str, form: &Form) -> Result<(), ApiError> {
        unit(self.post_raw(endpoint, form).await?)
    }

    pub(super) async fn delete_or_restore(&self, id: &str, restore: bool) -> Result<(), ApiError> {
        let form: Form = vec![(f::USERID, id.to_owned())];
        let endpoint = if restore {
            "admin/accounts_restore/"
        } else {
            "admin/accounts_delete/"
        };
        self.unit_call(endpoint, &form).await
    }

    pub(super) async fn share_with_group(
        &self,
        folder: &satchel_wire::NodePath,
        group_id: &str,
        writer: Option<bool>,
        endpoint: &str,
    ) -> Result<(), ApiError> {
        let mut form: Form = vec![
            (satchel_wire::cloudike::field::PATH, folder.to_string()),
            (f::GROUP_ID, group_id.to_owned()),
        ];
        if let Some(w) = writer {
            form.push((satchel_wire::cloudike::field::WRITER, w.to_string()));
        }
        self.unit_call(endpoint, &form).await
    }
}

#[async_trait(?Send)]
impl AdminApi for Cloudike {
    fn declare(&self, caps: &mut Capabilities) {
        caps.invite_users = true;
        caps.user_locale = true;
        caps.unlock_users = true;
        caps.restore_users = true;
        caps.roles = true;
        caps.quotas = true;
        caps.groups = true;
        caps.group_member_removal = true;
        caps.company = true;
        caps.quota_requests = true;
        caps.companies = true;
        caps.storage_report = true;
    }

    async fn admin_users(&self, q: &UserQuery) -> Result<UsersPage, ApiError> {
        let form: Form = vec![
            (f::QUERY, q.text.clone()),
            (f::OFFSET, q.offset.to_string()),
            (f::LIMIT, q.limit.max(1).to_string()),
            (f::ORDER_BY, order_by(q.sort).to_owned()),
            (f::REVERSE, q.descending.to_string()),
            (f::WITH_DELETED, q.include_deleted.to_string()),
        ];
        let found: FoundUsers = self.post("admin/accounts_find_users/", &form).await?;
        Ok(UsersPage {
            total: found.count,
            users: found.users.into_iter().map(user_from).collect(),
        })
    }

    async fn create_user(&self, user: &NewUser) -> Result<AdminUser, ApiError> {
        let form: Form = vec![
            (f::LOGIN, user.login.clone()),
            (f::NAME, user.name.clone()),
            (f::PASSWORD, user.password.clone()),
        ];
        let endpoint = self.company_endpoint("/create_user/").await?;
        Ok(user_from(self.post(&endpoint, &form).await?))
    }

    async fn invite_user(&self, email: &str, name: &str) -> Result<String, ApiError> {
        let form: Form = vec![(f::EMAIL, email.to_owned()), (f::NAME, name.to_owned())];
        let endpoint = self.company_endpoint("/invite_user/").await?;
        let made: InviteMade = self.post(&endpoint, &form).await?;
        Ok(if made.invite_link.starts_with('/') {
            format!("{}{}", self.page_origin(), made.invite_link)
        } else if made.invite_link.is_empty() {
            format!("{}/join/{}", self.page_origin(), made.token)
        } else {
            made.invite_link
        })
    }

    async fn edit_user(&self, id: &str, edit: &UserEdit) -> Result<AdminUser, ApiError> {
        // An absent field stays as it is; the server refuses an empty time zone.
        let mut form: Form = vec![(f::USERID, id.to_owned()), (f::NAME, edit.name.clone())];
        if !edit.lang.is_empty() {
            form.push((f::LANG, edit.lang.clone()));
        }
        if !edit.timezone.is_empty() {
            form.push((f::TIMEZONE, edit.timezone.clone()));
        }
        Ok(user_from(self.post("admin/edit_user/", &form).await?))
    }

    async fn set_user_password(&self, id: &str, password: &str) -> Result<(), ApiError> {
        let form: Form = vec![
            (f::USERID, id.to_owned()),
            (f::PASSWORD, password.to_owned()),
        ];
        self.unit_call("admin/accounts_set_password/", &form).await
    }

    async fn set_user_active(&self, id: &str, active: bool) -> Result<AdminUser, ApiError> {
        let endpoint = if active {
            "admin/accounts_enable/"
        } else {
            "admin/accounts_disable/"
        };
        self.user_call(endpoint, id).await
    }

    async fn unlock_user(&self, id: &str) -> Result<(), ApiError> {
        self.user_call("admin/accounts_unlock/", id).await.map(drop)
    }

    async fn set_user_role(&self, id: &str, role: Role) -> Result<(), ApiError> {
        let form: Form = vec![
            (f::USERID, id.to_owned()),
            (f::ROLE, role_code(role).into()),
        ];
        self.unit_call("admin/assign_role/", &form).await
    }

    async fn set_quota(
        &self,
        ids: &[String],
        quota_bytes: Option<u64>,
    ) -> Result<Vec<QuotaOutcome>, ApiError> {
        let quota = quota_bytes.map(|b| b.to_string()).unwrap_or_default();
        let mut form: Form = vec![(f::COMPANY_ID, self.company_id().await?)];
        form.extend(ids.iter().map(|id| (f::USERID, id.clone())));
        form.push((f::QUOTA_SIZE, quota.clone()));
        form.push((f::HARD_QUOTA_SIZE, quota));
        let r: QuotaChange = self
            .post("accounts/company/change_users_quota", &form)
            .await?;
        Ok(r.nodes
            .into_iter()
            .map(|n| QuotaOutcome {
                user_id: id_of(&n.userid),
                error: (n.error_code != 0).then(|| {
                    n.error_info
                        .filter(|i| !i.is_empty())
                        .unwrap_or_else(|| n.error_code.to_string())
                }),
            })
            .collect())
    }

    async fn delete_user(&self, id: &str) -> Result<(), ApiError> {
        self.delete_or_restore(id, false).await
    }

    async fn restore_user(&self, id: &str) -> Result<(), ApiError> {
        self.delete_or_restore(id, true).await
    }

    async fn groups(&self) -> Result<Vec<Group>, ApiError> {
        let form: Form = vec![(f::OFFSET, "0".into()), (f::LIMIT, "1000".into())];
        let list: GroupList = self.get(&with_query("groups/list/", &form)).await?;
        Ok(list.groups.into_iter().map(group_from).collect())
    }

    async fn create_group(&self, name: &str) -> Result<Group, ApiError> {
        let form: Form = vec![(f::NAME, name.to_owned())];
        Ok(group_from(self.post("groups/create/", &form).await?))
    }

    async fn rename_group(&self, group: &Group, name: &str) -> Result<Group, ApiError> {
        let form: Form = vec![(f::NAME, name.to_owned())];
        let endpoint = endpoint("groups/", &group.id, "/change/");
        Ok(group_from(self.post(&endpoint, &form).await?))
    }

    async fn delete_group(&self, group: &Group) -> Result<(), ApiError> {
        // By name, as the reference has it.
        let form: Form = vec![(f::NAME, group.name.clone())];
        self.unit_call("groups/delete/", &form).await
    }

    async fn group_members(&self, group: &Group) -> Result<Vec<Member>, ApiError> {
        let list: Content<WireMember> =
            self.get(&endpoint("groups/", &group.id, "/users/")).await?;
        Ok(list
            .content
            .into_iter()
            .map(|m| Member {
                user_id: id_of(&m.userid),
                person: Person {
                    login: m.login,
                    name: m.name,
                },
            })
            .collect())
    }

    async fn add_group_members(&self, group: &Group, ids: &[String]) -> Result<(), ApiError> {
        let form: Form = ids.iter().map(|id| (f::USERID, id.clone())).collect();
        let added: Vec<MemberAdded> = self
            .post(&endpoint("groups/", &group.id, "/add_user/"), &form)
            .await?;
        // One id at a time from the UI: the first refusal is the answer.
        match added.into_iter().find(|a| a.status == "error") {
            Some(a) => {
                let status = if a.code == 0 { 400 } else { a.code };
                let kind = super::kind_of("", status);
                let who = id_of(&a.userid);
                Err(ApiError::new(
                    kind,
                    status,
                    format!("{who}: {}", a.message.unwrap_or_default()),
                ))
            }
            None => Ok(()),
        }
    }

    async fn remove_group_member(&self, group: &Group, id: &str) -> Result<(), ApiError> {
        let form: Form = vec![(f::USERID, id.to_owned())];
        self.unit_call(&endpoint("groups/", &group.id, "/remove_user/"), &form)
            .await
    }

    async fn company(&self) -> Result<Company, ApiError> {
        let endpoint = self.company_endpoint("").await?;
        Ok(company_from(self.get(&endpoint).await?))
    }

    async fn companies(&self) -> Result<Vec<Company>, ApiError> {
        let list: CompanyList = self.get("admin/find_companies/").await?;
        Ok(list.companies.into_iter().map(company_from).collect())
    }

    async fn request_quota(&self) -> Result<(), ApiError> {
        let a: AccountInfo = self.get("accounts/get/").await?;
        let company = self.company_id().await?;
        let form: Form = vec![(f::USER_ID, a.userid.to_string()), (f::COMPANY_ID, company)];
        let endpoint = self.company_endpoint("/request_quota/").await?;
        self.unit_call(&endpoint, &form).await
    }

    async fn quota_requests(&self) -> Result<Vec<QuotaRequest>, ApiError> {
        let endpoint = self.company_endpoint("/quota_requests/").await?;
        let list: Content<WireRequest> = self.get(&endpoint).await?;
        Ok(list.content.into_iter().map(request_from).collect())
    }

    async fn decide_quota_request(
        &self,
        request: &QuotaRequest,
        approve: bool,
        quota_bytes: Option<u64>,
    ) -> Result<(), ApiError> {
        let mut form: Form = vec![(f::REQUEST_ID, request.id.clone())];
        let endpoint = if approve {
            form.push((
                f::QUOTA_SIZE,
                quota_bytes.map(|b| b.to_string()).unwrap_or_default(),
            ));
            self.admin_company_endpoint("/approve/").await?
        } else {
            self.admin_company_endpoint("/deny/").await?
        };
        self.unit_call(&endpoint, &form).await
    }

    async fn storage_report(&self) -> Result<StorageReport, ApiError> {
        let endpoint = self.company_endpoint("/storage_usage/").await?;
        let u: StorageUsage = self.get(&endpoint).await?;
        Ok(StorageReport {
            per_user: u
                .users
                .into_iter()
                .map(|w| UserUsage {
                    person: Person {
                        login: w.login,
                        name: w.name,
                    },
                    bytes: w.storage_size,
                    files: w.files_count,
                })
                .collect(),
            per_kind: u
                .kinds
                .into_iter()
                .map(|k| KindUsage {
                    kind: k.kind,
                    bytes: k.storage_size,
                    files: k.files_count,
                })
                .collect(),
        })
    }

    async fn invitation(&self, token: &str) -> Result<Invitation, ApiError> {
        let form: Form = vec![(f::INVITE_HASH, token.to_owned())];
        let reply = http::get(&self.url(&with_query("accounts/getinvited/", &form)), &[]).await?;
        let i: Invited = decode(reply)?;
        Ok(Invitation {
            login: i.login,
            company: i.company,
        })
    }

    async fn join(&self, token: &str, name: &str, password: &str) -> Result<(), ApiError> {
        let form: Form = vec![
            (f::INVITE_HASH, token.to_owned()),
            (f::NAME, name.to_owned()),
            (f::PASSWORD, password.to_owned()),
        ];
        let body = serde_urlencoded::to_string(&form)
            .map_err(|e| ApiError::new(ErrorKind::Unexpected, 0, e.to_string()))?;
        // The one v0 endpoint: signing up has no token yet.
        let url = format!("{}/api/0/accounts/create/", self.origin);
        unit(http::post_form(&url, &[], body).await?)
    }
}

#[cfg(test)]
mod tests;
