//! OpenDrive: public links, the owner's side and the recipient's ([`LinksApi`]).

use async_trait::async_trait;

use super::*;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct SharedFolder {
    folder_info: WireFolder,
    folders: Vec<WireFolder>,
    files: Vec<WireFile>,
}

impl OpenDrive {
    pub(super) fn public_query(
        password: Option<&str>,
        path: &NodePath,
    ) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        if let Some(pw) = password {
            q.push(("password", pw.to_owned()));
        }
        if !path.is_root() {
            q.push(("path", path.to_string()));
        }
        q
    }

    /// Make the item public (`on`) or private again; answers its `Link`.
    pub(super) async fn set_public(
        &self,
        known: &Known,
        on: bool,
    ) -> Result<(String, u64, bool), ApiError> {
        let flag = i32::from(on);
        match known.kind {
            Kind::File => {
                let f: WireFile = self
                    .post(
                        "file/access.json",
                        json!({ "file_id": known.id, "file_ispublic": flag }),
                    )
                    .await?;
                Ok((f.link, f.downloads.bytes(), f.password_protected.flag()))
            }
            Kind::Folder => {
                let f: WireFolder = self
                    .post(
                        "folder/setaccess.json",
                        json!({ "folder_id": known.id, "folder_ispublic": flag }),
                    )
                    .await?;
                Ok((f.link, 0, false))
            }
        }
    }

    /// The page origin recipients' pages live at: the server's, or this page's when that is `""`.
    pub(super) fn page_origin(&self) -> String {
        http::page_origin(&self.origin)
    }

    pub(super) fn public_link(
        &self,
        path: &NodePath,
        is_folder: bool,
        link: &str,
        downloads: u64,
        has_password: bool,
    ) -> PublicLink {
        let url = if link.starts_with('/') {
            format!("{}{link}", self.page_origin())
        } else {
            link.to_owned()
        };
        PublicLink {
            id: public_id(link),
            url,
            path: path.clone(),
            name: name_of(path, ""),
            is_folder,
            created_ms: 0,
            expires_ms: None,
            download_max: None,
            downloads,
            has_password,
        }
    }

    pub(super) async fn file_info(&self, id: &str) -> Result<WireFile, ApiError> {
        self.get(&Self::at("file/info.json", id), &self.session_query())
            .await
    }
}

#[async_trait(?Send)]
impl LinksApi for OpenDrive {
    fn declare(&self, caps: &mut Capabilities) {
        // Files only: folders have no password in this dialect. No `link_list`: links are only
        // read item by item in this API.
        caps.link_password = true;
    }

    async fn create_link(
        &self,
        path: &NodePath,
        settings: &LinkSettings,
    ) -> Result<PublicLink, ApiError> {
        self.on_item(path, async |k| {
            let (link, downloads, mut has_password) = self.set_public(k, true).await?;
            if let (Kind::File, Some(pw)) = (k.kind, &settings.password) {
                let body = json!({ "file_id": k.id, "file_password": pw });
                unit(self.send("PUT", "file/filesettings.json", body).await?)?;
                has_password = !pw.is_empty();
            }
            Ok(self.public_link(path, k.kind == Kind::Folder, &link, downloads, has_password))
        })
        .await
    }

    async fn link_of(&self, path: &NodePath) -> Result<Option<PublicLink>, ApiError> {
        self.on_item(path, async |k| {
            let (link, downloads, has_password) = match k.kind {
                Kind::File => {
                    let f = self.file_info(&k.id).await?;
                    (f.link, f.downloads.bytes(), f.password_protected.flag())
                }
                Kind::Folder => {
                    let f = self.folder_info(&k.id).await?;
                    (f.link, 0, false)
                }
            };
            Ok((!link.is_empty()).then(|| {
                self.public_link(path, k.kind == Kind::Folder, &link, downloads, has_password)
            }))
        })
        .await
    }

    async fn delete_link(&self, path: &NodePath) -> Result<(), ApiError> {
        self.on_item(path, async |k| self.set_public(k, false).await.map(|_| ()))
            .await
    }

    async fn link_view(
        &self,
        link: &str,
        path: &NodePath,
        password: Option<&str>,
    ) -> Result<LinkView, ApiError> {
        // A file's public id answers file/info.json; a folder's answers folder/shared.json.
        if path.is_root() {
            let query = Self::public_query(password, path);
            match self
                .get::<WireFile>(&Self::at("file/info.json", link), &query)
                .await
            {
                Ok(f) => {
                    let item_path = child(&NodePath::root(), &f.name).unwrap_or_default();
                    let mut item = file_entry(&f, item_path);
                    item.path = NodePath::root();
                    return Ok(LinkView {
                        item,
                        children: Vec::new(),
                    });
                }
                Err(e) if e.kind == ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        let s: SharedFolder = self
            .get(
                &Self::at("folder/shared.json", link),
                &Self::public_query(password, path),
            )
            .await?;
        let mut item = folder_entry(&s.folder_info, path.clone());
        if path.is_root() {
            item.name = s.folder_info.name.clone();
        }
        let folders = s
            .folders
            .iter()
            .filter_map(|f| Some(folder_entry(f, child(path, &f.name)?)));
        let files = s
            .files
            .iter()
            .filter_map(|f| Some(file_entry(f, child(path, &f.name)?)));
        Ok(LinkView {
            item,
            children: folders.chain(files).collect(),
        })
    }

    async fn link_file_url(
        &self,
        link: &str,
        path: &NodePath,
        password: Option<&str>,
        view: bool,
    ) -> Result<String, ApiError> {
        let mut query = Self::public_query(password, path);
        if view {
            query.push(("inline", "1".into()));
        }
        Ok(self.url(&with_query(&Self::at("download/file.json", link), &query)))
    }
}
