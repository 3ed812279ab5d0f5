//! OpenDrive: the files area.

use async_trait::async_trait;

use super::*;

impl OpenDrive {
    pub(super) async fn names_in(&self, folder: &NodePath) -> Result<BTreeSet<String>, ApiError> {
        Ok(self
            .list(folder)
            .await?
            .into_iter()
            .map(|e| e.name)
            .collect())
    }

    /// Rename the item with this id; answers the renamed record.
    pub(super) async fn rename_known(
        &self,
        known: &Known,
        name: &str,
    ) -> Result<Renamed, ApiError> {
        match known.kind {
            Kind::Folder => {
                let body = json!({ "folder_id": known.id, "folder_name": name });
                Ok(Renamed::Folder(
                    self.post("folder/rename.json", body).await?,
                ))
            }
            Kind::File => {
                let body = json!({ "file_id": known.id, "new_file_name": name });
                Ok(Renamed::File(self.post("file/rename.json", body).await?))
            }
        }
    }

    /// Move (`mv`) or copy an item into the folder with id `dst`, landing as `new_name` if
    /// given; answers the id of what landed.
    pub(super) async fn move_copy(
        &self,
        known: &Known,
        dst: &str,
        mv: bool,
        new_name: Option<&str>,
    ) -> Result<Known, ApiError> {
        match known.kind {
            Kind::Folder => {
                let mut body = json!({ "folder_id": known.id, "dst_folder_id": dst, "move": mv });
                if let Some(n) = new_name {
                    body["new_folder_name"] = n.into();
                }
                let f: WireFolder = self.post("folder/move_copy.json", body).await?;
                Ok(Known::folder(f.folder_id.0.clone(), folder_writable(&f)))
            }
            Kind::File => {
                let mut body = json!({
                    "src_file_id": known.id,
                    "dst_folder_id": dst,
                    "move": mv.to_string(),
                    "overwrite_if_exists": "false",
                });
                if let Some(n) = new_name {
                    body["new_file_name"] = n.into();
                }
                let f: WireFile = self.post("file/move_copy.json", body).await?;
                Ok(Known::file(f.file_id.0.clone(), f.writable.map(Num::flag)))
            }
        }
    }

    /// Up to `limit` children of `folder` from `offset`, 100 per call; a folder that changes
    /// between calls (its `DirUpdateTime` differs) is read again from `offset`.
    pub(super) async fn list_from(
        &self,
        path: &NodePath,
        folder: &Known,
        offset: u64,
        limit: u64,
    ) -> Result<Page, ApiError> {
        if folder.kind != Kind::Folder {
            return Err(ApiError::new(ErrorKind::NotFound, 0, path.to_string()));
        }
        let writable = match folder.writable {
            Some(w) => w,
            None => folder_writable(&self.folder_info(&folder.id).await?).unwrap_or(true),
        };
        let endpoint = self.in_session("folder/list.json", &[&folder.id]);
        let mut found: Vec<(Entry, Known)> = Vec::new();
        let mut stamp: Option<Value> = None;
        let mut at = offset;
        let mut restarts = 0;
        let is_last = loop {
            let last_time = stamp
                .as_ref()
                .map(|s| s.to_string().trim_matches('"').to_owned())
                .unwrap_or_else(|| "0".into());
            let l: Listing = self
                .get(
                    &endpoint,
                    &[("offset", at.to_string()), ("last_request_time", last_time)],
                )
                .await?;
            if stamp.as_ref().is_some_and(|s| *s != l.dir_update_time) && restarts < MAX_RESTARTS {
                restarts += 1;
                found.clear();
                at = offset;
                stamp = None;
                continue;
            }
            stamp = Some(l.dir_update_time.clone());
            let count = (l.folders.len() + l.files.len()) as u64;
            found.extend(listing_entries(path, &l));
            at += count;
            let last = l.is_last_page.is_some_and(Num::flag) || count < LIST_PAGE;
            if last || found.len() as u64 >= limit.max(1) {
                break last;
            }
        };
        self.ids(|c| {
            let children: Vec<(NodePath, Known)> = found
                .iter()
                .map(|(e, k)| (e.path.clone(), k.clone()))
                .collect();
            if offset == 0 && is_last {
                c.replace_children(path, children);
            } else {
                for (p, k) in children {
                    c.put(p, k);
                }
            }
        });
        Ok(Page {
            entries: found.into_iter().map(|(e, _)| e).collect(),
            is_last,
            writable,
        })
    }

    pub(super) async fn list_all(
        &self,
        folder_id: &str,
        extra: &[(&str, String)],
    ) -> Result<Listing, ApiError> {
        self.get(&self.in_session("folder/list.json", &[folder_id]), extra)
            .await
    }
}

/// Items per `list.json` call with `offset` (the guide's maximum).
const LIST_PAGE: u64 = 100;

/// How often a listing restarts when the folder changes under it.
const MAX_RESTARTS: u32 = 3;

/// What a rename answers: the record of the renamed item.
pub(super) enum Renamed {
    Folder(WireFolder),
    File(WireFile),
}

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

    async fn set_favorite(&self, _path: &NodePath, _favorite: bool) -> Result<Entry, ApiError> {
        Err(ApiError::unsupported())
    }

    async fn favorites(&self) -> Result<Vec<Entry>, ApiError> {
        Err(ApiError::unsupported())
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
        let range = format!("bytes=0-{}", limit.saturating_sub(1));
        let reply = http::get(url, &[("Range", &range)]).await?;
        if !reply.ok() {
            return Err(error_from(&reply));
        }
        Ok(TextHead::from_range_reply(
            reply.body,
            reply.content_range.as_deref(),
            limit,
        ))
    }
}
