//! Files and folders as the UI sees them, and what listing, searching and deleting answer.

use satchel_wire::NodePath;

/// A file or folder as the UI sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub path: NodePath,
    pub is_folder: bool,
    pub size: u64,
    pub modified_ms: i64,
    pub checksum: Option<String>,
    pub version: i64,
    pub created_ms: i64,
    pub mime: Option<String>,
    pub favorite: bool,
    /// The server can make a preview image of it.
    pub thumbnail: bool,
    /// A share root (shared by me, or a share mounted in my tree).
    pub shared: bool,
    /// The caller may change it (false inside a read-only share).
    pub writable: bool,
    /// How many comments it has (0 when the dialect has none).
    pub comments: u64,
    /// The owner's user id, when the server says.
    pub owner_id: Option<String>,
}

/// One page of a folder listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub entries: Vec<Entry>,
    pub is_last: bool,
    /// The folder itself may be changed (false inside a read-only share).
    pub writable: bool,
}

/// Totals below a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderTotals {
    pub size: u64,
    pub files: u64,
    pub folders: u64,
    pub created_ms: i64,
    pub modified_ms: i64,
}

/// What kind of item a search looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchKind {
    #[default]
    Any,
    Folder,
    Image,
    Audio,
    Video,
    Document,
    Other,
}

impl SearchKind {
    pub const ALL: [SearchKind; 7] = [
        SearchKind::Any,
        SearchKind::Folder,
        SearchKind::Image,
        SearchKind::Audio,
        SearchKind::Video,
        SearchKind::Document,
        SearchKind::Other,
    ];

    /// The value in the SPA's own URL and `<select>`.
    pub fn code(self) -> &'static str {
        match self {
            SearchKind::Any => "any",
            SearchKind::Folder => "folder",
            SearchKind::Image => "image",
            SearchKind::Audio => "audio",
            SearchKind::Video => "video",
            SearchKind::Document => "document",
            SearchKind::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|k| k.code() == code)
            .unwrap_or_default()
    }
}

/// A search request; dates are epoch ms, inclusive.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchQuery {
    pub text: String,
    pub kind: SearchKind,
    pub from_ms: Option<i64>,
    pub to_ms: Option<i64>,
}

/// The start of a file as text, and whether it was cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextHead {
    pub text: String,
    pub truncated: bool,
}

impl TextHead {
    /// The first `limit` bytes of `body` (cut at a character boundary), from an answer to a
    /// `Range: bytes=0-…` request whose `Content-Range` was `content_range`. A server that
    /// ignores Range sends everything: it is cut here.
    pub fn from_range_reply(mut text: String, content_range: Option<&str>, limit: u64) -> Self {
        let total = content_range.and_then(|r| r.rsplit('/').next()?.trim().parse::<u64>().ok());
        let mut truncated = total.is_some_and(|t| t > limit);
        if text.len() as u64 > limit {
            let mut cut = limit as usize;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
            truncated = true;
        }
        Self { text, truncated }
    }
}

/// A link that downloads several items as one zip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveLink {
    pub url: String,
    pub file_name: String,
}

/// What a multi-delete did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DeleteOutcome {
    pub deleted: u32,
    pub failed: Vec<(String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_head_from_a_range_reply() {
        let h = TextHead::from_range_reply("abcdef".into(), Some("bytes 0-5/1234"), 6);
        assert_eq!((h.text.as_str(), h.truncated), ("abcdef", true));
        let h = TextHead::from_range_reply("abc".into(), Some("bytes */*"), 6);
        assert_eq!((h.text.as_str(), h.truncated), ("abc", false));
        // A server that ignores Range: cut at a character boundary.
        let h = TextHead::from_range_reply("aé€x".into(), None, 4);
        assert_eq!((h.text.as_str(), h.truncated), ("aé", true));
    }
}
