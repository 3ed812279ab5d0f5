//! Folder paths in the SPA's own URLs: `/files/<segments percent-encoded>`, and the
//! free `name (n).ext` a "keep both" picks.

use std::collections::BTreeSet;

use satchel_wire::{FileName, NodePath};

pub const FILES_PREFIX: &str = "/files";

/// The SPA URL showing `path`: `/files/` for the root, `/files/a%20b/c` otherwise.
pub fn files_href(path: &NodePath) -> String {
    if path.is_root() {
        format!("{FILES_PREFIX}/")
    } else {
        format!("{FILES_PREFIX}{}", path.to_url_path())
    }
}

/// The folder holding `path`, with `path` selected: `/files/<parent>?select=<name>`.
pub fn reveal_href(path: &NodePath) -> String {
    let folder = path.parent().unwrap_or_default();
    match path.name() {
        Some(name) => {
            let q = serde_urlencoded::to_string([("select", name.as_str())]).unwrap_or_default();
            format!("{}?{q}", files_href(&folder))
        }
        None => files_href(&folder),
    }
}

/// Decode `%XX` escapes; a `%` not followed by two hex digits stays as it is (the router may
/// hand over a path that is already partly decoded).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The folder a `/files/...` pathname shows; `None` if it is not a valid path.
pub fn folder_from_pathname(pathname: &str) -> Option<NodePath> {
    let rest = pathname.strip_prefix(FILES_PREFIX)?;
    if rest.is_empty() {
        return Some(NodePath::root());
    }
    if !rest.starts_with('/') {
        return None;
    }
    let decoded: Vec<String> = rest.split('/').map(percent_decode).collect();
    NodePath::parse(&decoded.join("/")).ok()
}

/// The first `name (n).ext` not taken in `folder`.
pub fn free_name(name: &FileName, taken: &BTreeSet<String>) -> FileName {
    (1..)
        .map(|n| name.numbered(n))
        .find(|c| !taken.contains(c.as_str()))
        .unwrap_or_else(|| name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for raw in [
            "/",
            "/a b/c",
            "/<img src=x onerror=alert(1)>",
            "/100%/x?#",
            "/Привет",
        ] {
            let p = NodePath::parse(raw).unwrap();
            assert_eq!(folder_from_pathname(&files_href(&p)), Some(p), "{raw}");
        }
        assert_eq!(folder_from_pathname("/files"), Some(NodePath::root()));
        assert_eq!(
            folder_from_pathname("/files/a%20b/"),
            NodePath::parse("/a b").ok()
        );
        assert_eq!(folder_from_pathname("/other"), None);
        assert_eq!(
            reveal_href(&NodePath::parse("/a b/c&d.txt").unwrap()),
            "/files/a%20b?select=c%26d.txt"
        );
        assert_eq!(percent_decode("50%"), "50%");
        assert_eq!(percent_decode("a%zzb"), "a%zzb");
    }

    #[test]
    fn keep_both_picks_first_free_number() {
        let name = FileName::parse("a.txt").unwrap();
        let taken: BTreeSet<String> = ["a.txt", "a (1).txt", "a (2).txt"].map(String::from).into();
        assert_eq!(free_name(&name, &taken).as_str(), "a (3).txt");
        assert_eq!(free_name(&name, &BTreeSet::new()).as_str(), "a (1).txt");
    }
}
