//! Cloudike: the trash, the jobs that purge it, and file versions ([`RecoveryApi`]).

use async_trait::async_trait;

use super::*;

fn trash_entry(item: &TrashItem) -> Result<TrashEntry, ApiError> {
    let original = NodePath::parse(&item.restore_path).map_err(|e| {
        ApiError::new(
            ErrorKind::Unexpected,
            200,
            format!("{}: {e}", item.restore_path),
        )
    })?;
    let name = original
        .name()
        .map(|n| n.as_str().to_owned())
        .unwrap_or_default();
    Ok(TrashEntry {
        id: item.name.clone(),
        name,
        original,
        is_folder: item.folder,
        size: item.bytes,
        deleted_ms: item.deleted,
    })
}

#[async_trait(?Send)]
impl RecoveryApi for Cloudike {
    fn declare(&self, caps: &mut Capabilities) {
        caps.versions = true;
        caps.version_restore = true;
    }

    async fn trash(&self, etag: Option<&str>) -> Result<Option<TrashListing>, ApiError> {
        let mut headers = self.auth();
        if let Some(tag) = etag {
            headers.push(("If-None-Match", tag));
        }
        let reply = http::get(&self.url("trash/"), &headers).await?;
        if reply.status == 304 {
            return Ok(None);
        }
        let tag = reply.etag.clone();
        let listing: wire::TrashListing = decode(reply)?;
        Ok(Some(TrashListing {
            entries: listing
                .content
                .iter()
                .map(trash_entry)
                .collect::<Result<_, _>>()?,
            etag: tag,
        }))
    }

    async fn restore(&self, id: &str, overwrite: bool) -> Result<Entry, ApiError> {
        let form: Form = vec![(field::OVERWRITE, if overwrite { "1" } else { "0" }.into())];
        let mut endpoint = "trash/restore/".to_owned();
        satchel_wire::name::percent_encode_segment(id, &mut endpoint);
        let m: Metadata = self.post(&endpoint, &form).await?;
        entry_from(&m)
    }

    async fn purge(&self, ids: &[String]) -> Result<String, ApiError> {
        let started: TaskStarted = if ids.is_empty() {
            self.post("trash/clear/", &Vec::new()).await?
        } else {
            let form: Form = ids.iter().map(|id| (field::NAME, id.clone())).collect();
            self.post("fileops/purge/", &form).await?
        };
        Ok(started.taskid)
    }

    async fn task(&self, id: &str) -> Result<TaskState, ApiError> {
        let s: TaskStatus = self.get(&format!("task/{id}/")).await?;
        Ok(if s.status == "done" {
            TaskState::Done {
                items: s.items.unwrap_or(0),
                bytes: s.bytes.unwrap_or(0),
            }
        } else {
            TaskState::Running {
                percent: s.progress.unwrap_or(0),
            }
        })
    }

    async fn versions(&self, path: &NodePath) -> Result<Vec<Version>, ApiError> {
        let list: Vec<VersionInfo> = self
            .get(&endpoint_with_path("files/versions/", path))
            .await?;
        Ok(list
            .into_iter()
            .map(|v| Version {
                number: v.version,
                size: v.bytes,
                stored_ms: v.timestamp,
                author: v.author_name,
            })
            .collect())
    }

    async fn version_url(&self, path: &NodePath, version: i64) -> Result<String, ApiError> {
        let form: Form = vec![(field::VERSION, version.to_string())];
        let endpoint = with_query(&endpoint_with_path("files/get/", path), &form);
        let ticket: DownloadTicket = self.get(&endpoint).await?;
        Ok(self.server_url(&ticket.url))
    }

    async fn restore_version(&self, path: &NodePath, version: i64) -> Result<Entry, ApiError> {
        let form: Form = vec![
            (field::PATH, path.to_string()),
            (field::VERSION, version.to_string()),
        ];
        let m: Metadata = self.post("files/restore/", &form).await?;
        entry_from(&m)
    }
}
