//! Cloudike: folders shared with people, collaborators and invitations ([`SharingApi`]).

use async_trait::async_trait;

use super::*;

#[derive(Debug, Clone, Deserialize)]
struct WireCollaborator {
    #[serde(default)]
    login: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    writer: bool,
    #[serde(default)]
    status: String,
    #[serde(default)]
    owner: bool,
    #[serde(default)]
    is_indirect: bool,
    /// A group collaborator (`is_group`), named by `name`.
    #[serde(default)]
    group_id: Option<Id>,
    #[serde(default)]
    is_group: bool,
}

#[derive(Debug, Clone, Deserialize)]
struct WireShare {
    path: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    collaborators: Option<Count>,
    #[serde(default)]
    owner_name: String,
    #[serde(default)]
    writer: bool,
}

/// The form naming one collaborator of a shared folder (and their rights, when they change).
fn member_form(folder: &NodePath, login: &str, writer: Option<bool>) -> Form {
    let mut form: Form = vec![
        (field::PATH, folder.to_string()),
        ("member_login", login.to_owned()),
    ];
    if let Some(writer) = writer {
        form.push(("writer", writer.to_string()));
    }
    form
}

#[async_trait(?Send)]
impl SharingApi for Cloudike {
    fn declare(&self, caps: &mut Capabilities) {
        caps.invitations = true;
        caps.handover = true;
        caps.group_shares = true;
    }

    async fn collaborators(&self, folder: &NodePath) -> Result<Vec<Collaborator>, ApiError> {
        let form: Form = vec![(field::PATH, folder.to_string())];
        let list: Vec<WireCollaborator> = self
            .get(&with_query("shares/collaborators/", &form))
            .await?;
        Ok(list
            .into_iter()
            .map(|c| Collaborator {
                status: if c.owner || c.status == "owner" {
                    ShareStatus::Owner
                } else if c.status == "accepted" {
                    ShareStatus::Accepted
                } else {
                    ShareStatus::Invited
                },
                group_id: if c.is_group {
                    c.group_id.clone().and_then(Id::non_empty)
                } else {
                    None
                },
                login: c.login,
                name: c.name,
                writer: c.writer,
                inherited: c.is_indirect,
            })
            .collect())
    }

    async fn invite(&self, folder: &NodePath, login: &str, writer: bool) -> Result<(), ApiError> {
        let form = member_form(folder, login, Some(writer));
        unit(self.post_raw("shares/add/", &form).await?)
    }

    async fn set_rights(
        &self,
        folder: &NodePath,
        login: &str,
        writer: bool,
    ) -> Result<(), ApiError> {
        let form = member_form(folder, login, Some(writer));
        unit(self.post_raw("shares/update_collaborator/", &form).await?)
    }

    async fn remove_member(
        &self,
        folder: &NodePath,
        login: &str,
        invited: bool,
    ) -> Result<(), ApiError> {
        let form = member_form(folder, login, None);
        let endpoint = if invited {
            "shares/uninvite/"
        } else {
            "shares/remove/"
        };
        unit(self.post_raw(endpoint, &form).await?)
    }

    async fn unshare(&self, folder: &NodePath) -> Result<(), ApiError> {
        let form: Form = vec![(field::PATH, folder.to_string())];
        unit(self.post_raw("shares/unshare/", &form).await?)
    }

    async fn handover(&self, folder: &NodePath, login: &str) -> Result<(), ApiError> {
        let form: Form = vec![
            (field::PATH, folder.to_string()),
            ("member_login", login.to_owned()),
        ];
        unit(self.post_raw("fileops/handover/", &form).await?)
    }

    async fn invites(&self) -> Result<Vec<Invite>, ApiError> {
        let list: Vec<wire::ShareInvite> = self.get("shares/invites/").await?;
        Ok(list
            .into_iter()
            .map(|i| Invite {
                id: i.hash,
                name: i.name,
                owner_name: i.owner_name,
                writer: i.writer,
                created_ms: i.created,
            })
            .collect())
    }

    async fn accept_invite(&self, id: &str) -> Result<Entry, ApiError> {
        let form: Form = vec![("hash", id.to_owned())];
        let m: Metadata = self.post("shares/accept/", &form).await?;
        item_entry(&m)
    }

    async fn decline_invite(&self, id: &str) -> Result<(), ApiError> {
        let form: Form = vec![("hash", id.to_owned())];
        unit(self.post_raw("shares/decline/", &form).await?)
    }

    async fn shared_by_me(&self) -> Result<Vec<OwnShare>, ApiError> {
        let list: Vec<WireShare> = self.get("shares/?whose=my").await?;
        list.into_iter()
            .map(|s| {
                Ok(OwnShare {
                    path: parse_path(&s.path)?,
                    name: s.name,
                    collaborators: s.collaborators.map_or(0, |c| c.0),
                })
            })
            .collect()
    }

    async fn shared_with_me(&self) -> Result<Vec<Mount>, ApiError> {
        let list: Vec<WireShare> = self.get("shares/?whose=others").await?;
        list.into_iter()
            .map(|s| {
                Ok(Mount {
                    path: parse_path(&s.path)?,
                    name: s.name,
                    owner_name: s.owner_name,
                    writer: s.writer,
                })
            })
            .collect()
    }

    async fn invite_group(
        &self,
        folder: &NodePath,
        group: &Group,
        writer: bool,
    ) -> Result<(), ApiError> {
        self.share_with_group(folder, &group.id, Some(writer), "shares/add/")
            .await
    }

    async fn set_group_rights(
        &self,
        folder: &NodePath,
        group_id: &str,
        writer: bool,
    ) -> Result<(), ApiError> {
        self.share_with_group(
            folder,
            group_id,
            Some(writer),
            "shares/update_collaborator/",
        )
        .await
    }

    async fn remove_group_share(&self, folder: &NodePath, group_id: &str) -> Result<(), ApiError> {
        self.share_with_group(folder, group_id, None, "shares/uninvite/")
            .await
    }
}
