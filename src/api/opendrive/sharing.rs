//! OpenDrive: folders shared with people, collaborators and invitations ([`SharingApi`]).

use async_trait::async_trait;

use super::*;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct SessionInfo {
    #[serde(rename = "UserID")]
    user_id: Id,
    user_name: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct SharedUsers {
    shared_users: Vec<WireSharedWithMe>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct WireSharedWithMe {
    name: String,
    #[serde(rename = "FolderID")]
    folder_id: Id,
    folder_name: String,
}

impl OpenDrive {
    /// The collaborators' grants on the folder with id `folder`.
    pub(super) async fn grants(&self, folder: &str) -> Result<Vec<WireGrant>, ApiError> {
        let l: GrantList = self
            .get(&self.in_session("sharing/listusers.json", &[folder]), &[])
            .await?;
        Ok(l.users)
    }

    pub(super) async fn grant_of(
        &self,
        folder: &NodePath,
        login: &str,
    ) -> Result<WireGrant, ApiError> {
        let id = self.folder_id(folder).await?;
        self.grants(&id)
            .await?
            .into_iter()
            .find(|g| g.name == login)
            .ok_or_else(|| ApiError::new(ErrorKind::NotFound, 404, login.to_owned()))
    }

    /// Every folder below `root` (not the folders shared with me), breadth first.
    pub(super) async fn own_folders(
        &self,
        root: &NodePath,
    ) -> Result<Vec<(NodePath, WireFolder)>, ApiError> {
        let mut out = Vec::new();
        let mut queue = vec![(root.clone(), self.folder_id(root).await?)];
        while let Some((path, id)) = queue.pop() {
            let l = self
                .list_all(&id, &[("only_subfolders", "1".into())])
                .await?;
            for f in l.folders {
                if f.is_mount.flag() {
                    continue;
                }
                if let Some(p) = child(&path, &f.name) {
                    queue.push((p.clone(), f.folder_id.0.clone()));
                    out.push((p, f));
                }
            }
        }
        Ok(out)
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct GrantList {
    #[serde(rename = "ShareWithUser")]
    users: Vec<WireGrant>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub(super) struct WireGrant {
    #[serde(rename = "SharingID")]
    sharing_id: Id,
    name: String,
    share_mode: Num,
    display_name: String,
    pending: Num,
}

#[async_trait(?Send)]
impl SharingApi for OpenDrive {
    // Grants take effect at once (no invitations); no handover and no group shares.

    async fn collaborators(&self, folder: &NodePath) -> Result<Vec<Collaborator>, ApiError> {
        let id = self.folder_id(folder).await?;
        let info = self.folder_info(&id).await?;
        // Folders name their owner by id and display name; the login is known for myself only.
        let me: SessionInfo = self.get("session/info.json", &self.session_query()).await?;
        let owner_login = if me.user_id == info.owner {
            me.user_name
        } else {
            info.owner_name.clone()
        };
        let mut out = vec![Collaborator {
            login: owner_login,
            name: info.owner_name,
            writer: true,
            status: ShareStatus::Owner,
            inherited: false,
            group_id: None,
        }];
        out.extend(self.grants(&id).await?.into_iter().map(|g| Collaborator {
            name: if g.display_name.is_empty() {
                g.name.clone()
            } else {
                g.display_name
            },
            login: g.name,
            writer: g.share_mode.flag(),
            status: if g.pending.flag() {
                ShareStatus::Invited
            } else {
                ShareStatus::Accepted
            },
            inherited: false,
            group_id: None,
        }));
        Ok(out)
    }

    async fn invite(&self, folder: &NodePath, login: &str, writer: bool) -> Result<(), ApiError> {
        let id = self.folder_id(folder).await?;
        let body = json!({ "folder_id": id, "username": login, "sharemode": i32::from(writer) });
        let reply = self.send("POST", "sharing.json", body).await?;
        if reply.status == 409 && self.grants(&id).await?.iter().any(|g| g.name == login) {
            // Already in the share: nothing changes.
            return Ok(());
        }
        unit(reply)
    }

    async fn set_rights(
        &self,
        folder: &NodePath,
        login: &str,
        writer: bool,
    ) -> Result<(), ApiError> {
        let grant = self.grant_of(folder, login).await?;
        let body = json!({ "sharing_id": grant.sharing_id.0, "sharemode": i32::from(writer) });
        unit(self.send("PUT", "sharing/setmode.json", body).await?)
    }

    async fn remove_member(
        &self,
        folder: &NodePath,
        login: &str,
        _invited: bool,
    ) -> Result<(), ApiError> {
        let grant = self.grant_of(folder, login).await?;
        self.delete_at(&self.in_session("sharing.json", &[&grant.sharing_id.0]))
            .await
    }

    async fn unshare(&self, folder: &NodePath) -> Result<(), ApiError> {
        let id = self.folder_id(folder).await?;
        for grant in self.grants(&id).await? {
            self.delete_at(&self.in_session("sharing.json", &[&grant.sharing_id.0]))
                .await?;
        }
        Ok(())
    }

    async fn invites(&self) -> Result<Vec<Invite>, ApiError> {
        // Sharing takes effect at once in this dialect: there is never an invitation to answer.
        Ok(Vec::new())
    }

    async fn shared_by_me(&self) -> Result<Vec<OwnShare>, ApiError> {
        // No list of my shares in this API: my folders marked shared, with their grants.
        let mut out = Vec::new();
        for (path, f) in self.own_folders(&NodePath::root()).await? {
            if !f.shared.flag() {
                continue;
            }
            let grants = self.grants(&f.folder_id.0).await?;
            if grants.is_empty() {
                continue;
            }
            out.push(OwnShare {
                name: name_of(&path, &f.name),
                path,
                collaborators: grants.len() as u64,
            });
        }
        Ok(out)
    }

    async fn shared_with_me(&self) -> Result<Vec<Mount>, ApiError> {
        let shared: SharedUsers = self
            .get(&self.in_session("sharing/listsharedusers.json", &[]), &[])
            .await?;
        let root = self
            .list_all(ROOT, &[("only_subfolders", "1".into())])
            .await?;
        Ok(shared
            .shared_users
            .into_iter()
            .filter_map(|s| {
                let mount = root
                    .folders
                    .iter()
                    .find(|f| f.is_mount.flag() && f.folder_id == s.folder_id);
                let name = if s.folder_name.is_empty() {
                    mount.map(|m| m.name.clone())?
                } else {
                    s.folder_name
                };
                Some(Mount {
                    path: child(&NodePath::root(), &name)?,
                    writer: mount.and_then(folder_writable).unwrap_or(false),
                    name,
                    owner_name: s.name,
                })
            })
            .collect())
    }
}
