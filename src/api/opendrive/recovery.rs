//! OpenDrive: the trash, the jobs that purge it, and file versions ([`RecoveryApi`]).

use async_trait::async_trait;

use super::*;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct VersionList {
    versions: Vec<WireVersion>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct WireVersion {
    version: Num,
    size: Num,
    date_modified: Num,
    date_uploaded: Num,
    owner: String,
}

#[async_trait(?Send)]
impl RecoveryApi for OpenDrive {
    fn declare(&self, caps: &mut Capabilities) {
        // Versions can be listed and downloaded, not restored.
        caps.versions = true;
    }

    async fn trash(&self, _etag: Option<&str>) -> Result<Option<TrashListing>, ApiError> {
        let t: TrashList = self
            .get(&self.in_session("folder/trashlist.json", &[]), &[])
            .await?;
        Ok(Some(TrashListing {
            entries: trash_entries(&t),
            etag: None,
        }))
    }

    async fn restore(&self, id: &str, overwrite: bool) -> Result<Entry, ApiError> {
        let (kind, node, original) = parse_trash_id(id)?;
        if overwrite && let Some(target) = &original {
            // No overwrite in this API: what took the place goes to the trash first.
            self.forget(target);
            if self.resolve(target).await.is_ok() {
                let outcome = FilesApi::delete(self, std::slice::from_ref(target)).await?;
                if let Some((_, message)) = outcome.failed.first() {
                    return Err(ApiError::new(ErrorKind::Conflict, 409, message.clone()));
                }
            }
        }
        let fallback = || original.clone();
        let entry = match kind {
            Kind::Folder => {
                let f: WireFolder = self
                    .post("folder/restore.json", json!({ "folder_id": node }))
                    .await?;
                let path = record_path(&f.path, fallback())?;
                self.forget(&path);
                folder_entry(&f, path)
            }
            Kind::File => {
                let f: WireFile = self
                    .post("file/restore.json", json!({ "file_id": node }))
                    .await?;
                let path = record_path(&f.path, fallback())?;
                self.forget(&path);
                file_entry(&f, path)
            }
        };
        Ok(entry)
    }

    async fn purge(&self, ids: &[String]) -> Result<String, ApiError> {
        // The answers say nothing of the space freed: the trash list does, beforehand.
        let t: TrashList = self
            .get(&self.in_session("folder/trashlist.json", &[]), &[])
            .await?;
        let listed = trash_entries(&t);
        let (items, bytes) = purged_totals(&listed, ids);
        if ids.is_empty() {
            self.delete_at(&self.in_session("folder/trash.json", &[]))
                .await?;
        }
        for id in ids {
            let (kind, node, _) = parse_trash_id(id)?;
            match kind {
                Kind::File => {
                    self.delete_at(&self.in_session("file.json", &[node]))
                        .await?
                }
                Kind::Folder => unit(
                    self.send("POST", "folder/remove.json", json!({ "folder_id": node }))
                        .await?,
                )?,
            }
        }
        // Deleting for good finishes before the answer: the "task" is done already.
        Ok(format!("done:{items}:{bytes}"))
    }

    async fn task(&self, id: &str) -> Result<TaskState, ApiError> {
        let done = id.strip_prefix("done:").and_then(|rest| {
            let (items, bytes) = rest.split_once(':')?;
            Some((items.parse().ok()?, bytes.parse().ok()?))
        });
        match done {
            Some((items, bytes)) => Ok(TaskState::Done { items, bytes }),
            None => Err(ApiError::new(ErrorKind::NotFound, 0, id.to_owned())),
        }
    }

    async fn versions(&self, path: &NodePath) -> Result<Vec<Version>, ApiError> {
        let list: VersionList = self
            .on_item(path, async |k| {
                self.get(&self.in_session("file/fileversions.json", &[&k.id]), &[])
                    .await
            })
            .await?;
        Ok(list
            .versions
            .into_iter()
            .map(|v| Version {
                number: v.version.0,
                size: v.size.bytes(),
                stored_ms: if v.date_uploaded.0 > 0 {
                    v.date_uploaded.ms()
                } else {
                    v.date_modified.ms()
                },
                author: v.owner,
            })
            .collect())
    }

    async fn version_url(&self, path: &NodePath, version: i64) -> Result<String, ApiError> {
        let id = self.file_id(path).await?;
        Ok(self.download_link(&format!("{id}.{version}"), false))
    }
}
