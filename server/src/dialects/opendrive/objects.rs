//! Core entries as the guide's file and folder objects (`docs/dialects/opendrive.md`,
//! "Objects"): ids as strings, dates in Unix seconds, public access from the caller's links.

use std::collections::HashMap;

use satchel_wire::NodePath;
use satchel_wire::name::percent_encode_segment;
use satchel_wire::opendrive::{self as od, ACCESS_PRIVATE, ACCESS_PUBLIC};

use super::OdResult;
use crate::AppState;
use crate::core::previews::previewable;
use crate::core::{Entry, User};

/// What the objects of one answer need besides the entries: the caller and their public links.
pub(super) struct Context {
    user: i64,
    /// Path of a linked item → (public id, has a password).
    links: HashMap<String, (String, bool)>,
}

impl Context {
    pub async fn load(state: &AppState, user: &User) -> OdResult<Self> {
        let links = state
            .core
            .links(user)
            .await?
            .into_iter()
            .map(|l| (l.path.to_string(), (l.hash, l.has_password)))
            .collect();
        Ok(Context {
            user: user.id,
            links,
        })
    }

    /// No links (items in the trash are never public).
    pub fn empty(user: &User) -> Self {
        Context {
            user: user.id,
            links: HashMap::new(),
        }
    }

    fn link(&self, path: &NodePath) -> Option<&(String, bool)> {
        self.links.get(&path.to_string())
    }
}

pub(super) fn seconds(ms: i64) -> i64 {
    ms.div_euclid(1000)
}

/// `"0"` for an item in the root, else its parent's id.
fn parent_id(entry: &Entry) -> String {
    match entry.path.parent() {
        Some(p) if !p.is_root() => entry
            .node
            .parent_id
            .map(|id| id.to_string())
            .unwrap_or_default(),
        _ => od::ROOT_ID.to_owned(),
    }
}

fn extension(name: &str) -> String {
    match name.rfind('.') {
        Some(i) if i > 0 => name[i + 1..].to_lowercase(),
        _ => String::new(),
    }
}

pub(super) fn download_link(id: &str) -> String {
    format!("{}/download/file.json/{id}", od::BASE)
}

pub(super) fn thumb_link(id: &str, name: &str) -> String {
    if previewable(name) {
        format!("{}/file/thumb.json/{id}", od::BASE)
    } else {
        String::new()
    }
}

pub(super) fn page_link(public_id: &str) -> String {
    format!("/s/{public_id}")
}

/// A public folder's file, downloaded by the folder's public id and its relative path.
pub(super) fn public_download_link(public_id: &str, rel: &NodePath) -> String {
    let mut encoded = String::new();
    percent_encode_segment(&rel.to_string(), &mut encoded);
    format!("{}?path={encoded}", download_link(public_id))
}

pub(super) fn file_of(entry: &Entry, ctx: &Context) -> od::File {
    let node = &entry.node;
    let id = node.id.to_string();
    let link = ctx.link(&entry.path);
    od::File {
        FileId: id.clone(),
        Name: node.name.clone(),
        GroupID: id.clone(),
        Extension: extension(&node.name),
        Size: node.size.to_string(),
        Views: "0".into(),
        Version: node.version.to_string(),
        Downloads: "0".into(),
        DateModified: seconds(node.modified).to_string(),
        DateUploaded: seconds(node.modified),
        DateTrashed: seconds(node.deleted_at.unwrap_or(0)).to_string(),
        Access: if link.is_some() {
            ACCESS_PUBLIC
        } else {
            ACCESS_PRIVATE
        },
        Link: link.map(|(h, _)| page_link(h)).unwrap_or_default(),
        DownloadLink: download_link(&id),
        StreamingLink: download_link(&id),
        ThumbLink: thumb_link(&id, &node.name),
        Password: String::new(),
        EditOnline: 0,
        Description: String::new(),
        FileHash: node.md5.clone().unwrap_or_default(),
        OwnerName: node.owner_name.clone(),
        Owner: node.user_id.to_string(),
        FolderID: parent_id(entry),
        Writable: node.writable.into(),
        CommentsCount: node.comments as i64,
        PasswordProtected: link.is_some_and(|(_, pw)| *pw).into(),
        Path: entry.path.to_string(),
        ..od::File::default()
    }
}

pub(super) fn folder_of(entry: &Entry, ctx: &Context) -> od::Folder {
    let node = &entry.node;
    let is_mount = entry.path.segments().len() == 1 && node.user_id != ctx.user;
    let link = ctx.link(&entry.path);
    od::Folder {
        FolderID: if entry.path.is_root() {
            od::ROOT_ID.to_owned()
        } else {
            node.id.to_string()
        },
        Name: entry.path.name().map(|n| n.to_string()).unwrap_or_default(),
        DateCreated: seconds(node.created),
        DateModified: seconds(node.modified),
        Access: if link.is_some() {
            ACCESS_PUBLIC
        } else {
            ACCESS_PRIVATE
        },
        Shared: if node.shared || is_mount { "1" } else { "0" }.into(),
        ChildFolders: 0,
        Link: link.map(|(h, _)| page_link(h)).unwrap_or_default(),
        Description: String::new(),
        Encrypted: "0".into(),
        Owner: node.user_id.to_string(),
        OwnerName: node.owner_name.clone(),
        ParentFolderID: if entry.path.is_root() {
            String::new()
        } else {
            parent_id(entry)
        },
        Writable: node.writable.into(),
        CommentsCount: node.comments as i64,
        Path: entry.path.to_string(),
        IsMount: is_mount.into(),
        ..od::Folder::default()
    }
}

/// A public item's file object for its recipient: no node ids, no owner, public download
/// links.
pub(super) fn public_file(entry: &Entry, public_id: &str, rel: &NodePath) -> od::File {
    let node = &entry.node;
    let download = if rel.is_root() {
        download_link(public_id)
    } else {
        public_download_link(public_id, rel)
    };
    od::File {
        FileId: if rel.is_root() {
            public_id.to_owned()
        } else {
            String::new()
        },
        Name: node.name.clone(),
        Extension: extension(&node.name),
        Size: node.size.to_string(),
        Views: "0".into(),
        Version: node.version.to_string(),
        Downloads: "0".into(),
        DateModified: seconds(node.modified).to_string(),
        DateUploaded: seconds(node.modified),
        DateTrashed: "0".into(),
        Access: ACCESS_PUBLIC,
        Link: page_link(public_id),
        DownloadLink: download.clone(),
        StreamingLink: download,
        FileHash: node.md5.clone().unwrap_or_default(),
        // An anonymous recipient learns nothing about the owner (no name, no id).
        OwnerName: String::new(),
        Path: rel.to_string(),
        ..od::File::default()
    }
}

/// A public folder (or a folder inside one) for its recipient.
pub(super) fn public_folder(entry: &Entry, public_id: &str, rel: &NodePath) -> od::Folder {
    let node = &entry.node;
    od::Folder {
        FolderID: String::new(),
        Name: node.name.clone(),
        DateCreated: seconds(node.created),
        DateModified: seconds(node.modified),
        Access: ACCESS_PUBLIC,
        Shared: "0".into(),
        Link: page_link(public_id),
        Encrypted: "0".into(),
        // An anonymous recipient learns nothing about the owner (no name, no id).
        OwnerName: String::new(),
        Path: rel.to_string(),
        PublicContent: Some(true),
        PublicDownload: Some(true),
        PublicUpload: Some(false),
        ..od::Folder::default()
    }
}

/// A file object with the `DirUpdateTime` of the folder holding it.
pub(super) async fn file_answer(
    state: &AppState,
    user: &User,
    entry: &crate::core::Entry,
) -> OdResult<axum::Json<od::File>> {
    let ctx = Context::load(state, user).await?;
    let mut file = file_of(entry, &ctx);
    file.DirUpdateTime = Some(super::parent_update_time(state, user, &entry.path).await?);
    Ok(axum::Json(file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_and_seconds() {
        assert_eq!(extension("a.TXT"), "txt");
        assert_eq!(extension(".bashrc"), "");
        assert_eq!(extension("noext"), "");
        assert_eq!(seconds(1_999), 1);
        assert_eq!(seconds(0), 0);
    }
}
