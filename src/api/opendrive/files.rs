//! OpenDrive: listing, changing and downloading files and folders, previews and search
//! ([`FilesApi`]).

use async_trait::async_trait;

use super::tree::Renamed;
use super::*;

#[async_trait(?Send)]
impl FilesApi for OpenDrive {
    fn declare(&self, caps: &mut Capabilities) {
        // No favorites in this API.
        caps.search = true;
        caps.archives = true;
        caps.previews = true;
    }

    async fn list(&self, path: &NodePath) -> Result<Vec<Entry>, ApiError> {
        self.on_item(path, async |k| {
            if k.kind != Kind::Folder {
                return Err(ApiError::new(ErrorKind::NotFound, 0, path.to_string()));
            }
            let l = self.list_all(&k.id, &[]).await?;
            let found = listing_entries(path, &l);
            self.ids(|c| {
                c.replace_children(
                    path,
                    found
                        .iter()
                        .map(|(e, k)| (e.path.clone(), k.clone()))
                        .collect(),
                )
            });
            Ok(found.into_iter().map(|(e, _)| e).collect())
        })
        .await
    }

    async fn create_folder(&self, path: &NodePath) -> Result<Entry, ApiError> {
        let (Some(parent), Some(name)) = (path.parent(), path.name()) else {
            return Err(ApiError::new(ErrorKind::AlreadyExists, 0, "/"));
        };
        let f: WireFolder = self
            .on_item(&parent, async |k| {
                self.post(
                    "folder.json",
                    json!({ "folder_name": name.as_str(), "folder_sub_parent": k.id }),
                )
                .await
            })
            .await?;
        self.remember(
            path,
            Known::folder(f.folder_id.0.clone(), folder_writable(&f)),
        );
        Ok(folder_entry(&f, path.clone()))
    }

    async fn rename(&self, path: &NodePath, new_name: &FileName) -> Result<Entry, ApiError> {
        let target = path
            .parent()
            .map(|p| p.join(new_name))
            .ok_or_else(|| ApiError::new(ErrorKind::Forbidden, 0, "/"))?;
        let renamed = self
            .on_item(path, async |k| {
                self.rename_known(k, new_name.as_str()).await
            })
            .await?;
        self.forget(path);
        let (entry, known) = match renamed {
            Renamed::Folder(f) => (
                folder_entry(&f, target.clone()),
                Known::folder(f.folder_id.0.clone(), folder_writable(&f)),
            ),
            Renamed::File(f) => (
                file_entry(&f, target.clone()),
                Known::file(f.file_id.0.clone(), f.writable.map(Num::flag)),
            ),
        };
        self.remember(&target, known);
        Ok(entry)
    }

    async fn move_to(&self, path: &NodePath, folder: &NodePath) -> Result<(), ApiError> {
        let dst = self.folder_id(folder).await?;
        let result = self
            .on_item(path, async |k| {
                self.move_copy(k, &dst, true, None).await.map(|_| ())
            })
            .await;
        self.forget(path);
        result.map_err(|mut e| {
            // A name taken there (the UI then keeps both); moving where it is stays SameDirectory.
            if e.kind == ErrorKind::Conflict {
                e.kind = ErrorKind::AlreadyExists;
            }
            e
        })
    }

    async fn copy_to(&self, path: &NodePath, folder: &NodePath) -> Result<(), ApiError> {
        let dst = self.folder_id(folder).await?;
        let first = self
            .on_item(path, async |k| self.move_copy(k, &dst, false, None).await)
            .await;
        let err = match first {
            Err(e) if matches!(e.kind, ErrorKind::Conflict | ErrorKind::AlreadyExists) => e,
            other => return other.map(|_| ()),
        };
        // A copy never clashes (as in the other dialects): a taken name becomes "name (n)",
        // given as the name the copy lands under.
        let Some(name) = path.name() else {
            return Err(err);
        };
        let free = crate::logic::paths::free_name(name, &self.names_in(folder).await?);
        self.on_item(path, async |k| {
            self.move_copy(k, &dst, false, Some(free.as_str())).await
        })
        .await
        .map(|_| ())
    }

    async fn delete(&self, paths: &[NodePath]) -> Result<DeleteOutcome, ApiError> {
        let mut outcome = DeleteOutcome::default();
        for path in paths {
            let result = self
                .on_item(path, async |k| {
                    let reply = match k.kind {
                        Kind::Folder => {
                            self.send("POST", "folder/trash.json", json!({ "folder_id": k.id }))
                                .await?
                        }
                        Kind::File => {
                            self.send("POST", "file/trash.json", json!({ "file_id": k.id }))
                                .await?
                        }
                    };
                    unit(reply)
                })
                .await;
            match result {
                Ok(()) => {
                    self.forget(path);
                    outcome.deleted += 1;
                }
                Err(e) if e.kind == ErrorKind::Unauthorized => return Err(e),
                Err(e) => outcome.failed.push((path.to_string(), e.user_message())),
            }
        }
        Ok(outcome)
    }

    async fn download_url(&self, path: &NodePath) -> Result<String, ApiError> {
        Ok(self.download_link(&self.file_id(path).await?, false))
    }

    async fn list_page(&self, path: &NodePath, offset: u64, limit: u64) -> Result<Page, ApiError> {
        self.on_item(path, async |k| self.list_from(path, k, offset, limit).await)
            .await
    }

    async fn search(&self, query: &SearchQuery, offset: u64, limit: u64) -> Result<Page, ApiError> {
        // `search_query` is recursive and answers a flat list; kinds and dates are not in the
        // API, so they are filtered here, on the whole answer, before paging.
        let l = self
            .list_all(ROOT, &[("search_query", query.text.clone())])
            .await?;
        let folders = l.folders.iter().filter_map(|f| {
            let path = record_path(&f.path, None).ok()?;
            Some((
                folder_entry(f, path),
                Known::folder(f.folder_id.0.clone(), folder_writable(f)),
            ))
        });
        let files = l.files.iter().filter_map(|f| {
            let path = record_path(&f.path, None).ok()?;
            Some((
                file_entry(f, path),
                Known::file(f.file_id.0.clone(), f.writable.map(Num::flag)),
            ))
        });
        let hits: Vec<(Entry, Known)> = folders
            .chain(files)
            .filter(|(e, _)| matches_search(e, query))
            .collect();
        self.ids(|c| {
            for (e, k) in &hits {
                c.put(e.path.clone(), k.clone());
            }
        });
        let total = hits.len() as u64;
        let entries: Vec<Entry> = hits
            .into_iter()
            .skip(offset as usize)
            .take(limit as usize)
            .map(|(e, _)| e)
            .collect();
        Ok(Page {
            is_last: offset + entries.len() as u64 >= total,
            entries,
            writable: true,
        })
    }

    async fn folder_totals(&self, path: &NodePath) -> Result<FolderTotals, ApiError> {
        // No totals in this API: the folders below are listed one by one.
        let id = self.folder_id(path).await?;
        let info = self.folder_info(&id).await?;
        let mut totals = FolderTotals {
            size: 0,
            files: 0,
            folders: 0,
            created_ms: info.date_created.ms(),
            modified_ms: info.date_modified.ms(),
        };
        let mut queue = vec![id];
        while let Some(id) = queue.pop() {
            let l = self.list_all(&id, &[]).await?;
            for f in &l.files {
                totals.files += 1;
                totals.size += f.size.bytes();
            }
            for f in l.folders {
                totals.folders += 1;
                queue.push(f.folder_id.0);
            }
        }
        Ok(totals)
    }

    async fn archive(&self, paths: &[NodePath]) -> Result<ArchiveLink, ApiError> {
        let mut ids = Vec::with_capacity(paths.len());
        for path in paths {
            ids.push(self.resolve(path).await?.id);
        }
        let mut query = self.session_query();
        query.push(("items_id", ids.join(",")));
        let file_name = archive_name(paths, now_ms());
        Ok(ArchiveLink {
            url: self.url(&with_query("download/all.json", &query)),
            file_name,
        })
    }

    async fn thumbnail(&self, path: &NodePath) -> Result<web_sys::Blob, ApiError> {
        let id = self.file_id(path).await?;
        let url = self.url(&with_query(
            &Self::at("file/thumb.json", &id),
            &self.session_query(),
        ));
        match http::get_blob(&url, &[]).await? {
            Ok(blob) => Ok(blob),
            Err(status) => Err(ApiError::new(kind_of("", status), status, "")),
        }
    }

    async fn view_url(&self, path: &NodePath) -> Result<String, ApiError> {
        Ok(self.download_link(&self.file_id(path).await?, true))
    }

    async fn text_head(&self, url: &str, limit: u64) -> Result<TextHead, ApiError> {
        http::text_head(url, limit, error_from).await
    }
}
