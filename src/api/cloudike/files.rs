//! Cloudike: listing, changing and downloading files and folders, previews, search and
//! favorites ([`FilesApi`]).

use async_trait::async_trait;

use super::*;

fn search_type(kind: SearchKind) -> Option<&'static str> {
    match kind {
        SearchKind::Any => None,
        SearchKind::Folder => Some("folder"),
        SearchKind::Image => Some("image"),
        SearchKind::Audio => Some("audio"),
        SearchKind::Video => Some("video"),
        SearchKind::Document => Some("document"),
        SearchKind::Other => Some("other"),
    }
}

#[async_trait(?Send)]
impl FilesApi for Cloudike {
    fn declare(&self, caps: &mut Capabilities) {
        caps.favorites = true;
        caps.search = true;
        caps.archives = true;
        caps.previews = true;
    }

    async fn list(&self, path: &NodePath) -> Result<Vec<Entry>, ApiError> {
        let endpoint = format!(
            "{}?{}=true",
            endpoint_with_path("metadata/", path),
            field::LISTING
        );
        let m: Metadata = self.get(&endpoint).await?;
        m.content
            .unwrap_or_default()
            .iter()
            .map(item_entry)
            .collect()
    }

    async fn create_folder(&self, path: &NodePath) -> Result<Entry, ApiError> {
        let now = now_ms().to_string();
        let form: Form = vec![
            (field::PATH, path.to_string()),
            (field::CREATED, now.clone()),
            (field::MODIFIED, now),
        ];
        let m: Metadata = self.post("fileops/folder_create", &form).await?;
        entry_from(&m)
    }

    async fn rename(&self, path: &NodePath, new_name: &FileName) -> Result<Entry, ApiError> {
        let form: Form = vec![
            (field::PATH, path.to_string()),
            (field::NEWNAME, new_name.to_string()),
        ];
        let m: Metadata = self.post("fileops/rename/", &form).await?;
        entry_from(&m)
    }

    async fn move_to(&self, path: &NodePath, folder: &NodePath) -> Result<(), ApiError> {
        let form: Form = vec![
            (field::FROM_PATH, path.to_string()),
            (field::TO_PATH, folder.to_string()),
            (field::OVERWRITE, "false".into()),
        ];
        let reply = self.post_raw("fileops/move/", &form).await?;
        if reply.ok() {
            Ok(())
        } else {
            Err(error_from(&reply))
        }
    }

    async fn copy_to(&self, path: &NodePath, folder: &NodePath) -> Result<(), ApiError> {
        // overwrite=true never replaces on copy: a taken name becomes "name (1).ext".
        let form: Form = vec![
            (field::FROM_PATH, path.to_string()),
            (field::TO_PATH, folder.to_string()),
            (field::OVERWRITE, "true".into()),
        ];
        let reply = self.post_raw("fileops/copy/", &form).await?;
        if reply.ok() {
            Ok(())
        } else {
            Err(error_from(&reply))
        }
    }

    async fn delete(&self, paths: &[NodePath]) -> Result<DeleteOutcome, ApiError> {
        let mut form: Form = paths.iter().map(|p| (field::PATH, p.to_string())).collect();
        form.push((field::ONLY_EMPTY, "false".into()));
        form.push((field::WITHOUT_TRASH, "false".into()));
        let r: MultiResult = self.post("fileops/multi/delete/", &form).await?;
        let failed = r
            .nodes
            .into_iter()
            .filter(|n| n.error_code.is_some_and(|c| c >= 400))
            .map(|n| (n.path, n.message.unwrap_or_default()))
            .collect();
        Ok(DeleteOutcome {
            deleted: r.success,
            failed,
        })
    }

    async fn download_url(&self, path: &NodePath) -> Result<String, ApiError> {
        let ticket: DownloadTicket = self.get(&endpoint_with_path("files/get/", path)).await?;
        Ok(self.server_url(&ticket.url))
    }

    async fn list_page(&self, path: &NodePath, offset: u64, limit: u64) -> Result<Page, ApiError> {
        let form: Form = vec![
            (field::LISTING, "true".into()),
            (field::OFFSET, offset.to_string()),
            (field::LIMIT, limit.to_string()),
            (field::ORDER_BY, "name".into()),
        ];
        let m: Metadata = self
            .get(&with_query(&endpoint_with_path("metadata/", path), &form))
            .await?;
        let writable = m.writable;
        let is_last_page = m.is_last_page;
        let content = m.content.unwrap_or_default();
        let is_last = is_last_page.unwrap_or(true) || (content.len() as u64) < limit;
        Ok(Page {
            entries: content.iter().map(item_entry).collect::<Result<_, _>>()?,
            is_last,
            writable,
        })
    }

    async fn set_favorite(&self, path: &NodePath, favorite: bool) -> Result<Entry, ApiError> {
        let form: Form = vec![
            (field::PATH, path.to_string()),
            (field::FAVORITE, favorite.to_string()),
        ];
        let m: Metadata = self.post("fileops/set_favorite/", &form).await?;
        entry_from(&m)
    }

    async fn favorites(&self) -> Result<Vec<Entry>, ApiError> {
        let list: Vec<Metadata> = self.get("files/favorites/").await?;
        list.iter().map(entry_from).collect()
    }

    async fn search(&self, query: &SearchQuery, offset: u64, limit: u64) -> Result<Page, ApiError> {
        let mut form: Form = vec![
            (field::QUERY, query.text.clone()),
            (field::OFFSET, offset.to_string()),
            (field::LIMIT, limit.to_string()),
        ];
        if let Some(t) = search_type(query.kind) {
            form.push((field::TYPE, t.into()));
        }
        if let Some(ms) = query.from_ms {
            form.push((field::MODIFIED_FROM, ms.to_string()));
        }
        if let Some(ms) = query.to_ms {
            form.push((field::MODIFIED_TO, ms.to_string()));
        }
        let r: SearchResult = self.get(&with_query("files/search/", &form)).await?;
        Ok(Page {
            entries: r.content.iter().map(entry_from).collect::<Result<_, _>>()?,
            is_last: r.is_last_page,
            writable: true,
        })
    }

    async fn folder_totals(&self, path: &NodePath) -> Result<FolderTotals, ApiError> {
        let form: Form = vec![(field::PATH, path.to_string())];
        let i: FolderInfo = self.get(&with_query("fileops/folder_info/", &form)).await?;
        Ok(FolderTotals {
            size: i.size,
            files: i.files_count,
            folders: i.folders_count,
            created_ms: i.created,
            modified_ms: i.modified,
        })
    }

    async fn archive(&self, paths: &[NodePath]) -> Result<ArchiveLink, ApiError> {
        let form: Form = paths.iter().map(|p| (field::PATH, p.to_string())).collect();
        let link: wire::ArchiveLink = self
            .post("files/download_as_archive_stream/", &form)
            .await?;
        Ok(ArchiveLink {
            url: self.server_url(&link.url),
            file_name: link.file_name,
        })
    }

    async fn thumbnail(&self, path: &NodePath) -> Result<web_sys::Blob, ApiError> {
        let form: Form = vec![(field::SIZE, preview_size::SMALL.into())];
        let url = self.url(&with_query(
            &endpoint_with_path("files/get_preview/", path),
            &form,
        ));
        match http::get_blob(&url, &self.auth()).await? {
            Ok(blob) => Ok(blob),
            Err(status) => Err(ApiError::new(kind_of("", status), status, "")),
        }
    }

    async fn view_url(&self, path: &NodePath) -> Result<String, ApiError> {
        let url = self.download_url(path).await?;
        let sep = if url.contains('?') { '&' } else { '?' };
        Ok(format!("{url}{sep}for_view=1"))
    }

    async fn text_head(&self, url: &str, limit: u64) -> Result<TextHead, ApiError> {
        http::text_head(url, limit, error_from).await
    }
}
