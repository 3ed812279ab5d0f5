//! Walking and changing OpenDrive's tree by id: paged listings that restart when the folder
//! changes under them, renames and moves of known items, the names taken in a folder.

use std::collections::BTreeSet;

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
