//! Which viewer suits a file, judged from its MIME type and extension.

use crate::model::Entry;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PreviewKind {
    Image,
    Text,
    Pdf,
    Audio,
    Video,
    None,
}

const TEXT: &[&str] = &[
    "txt",
    "md",
    "markdown",
    "rs",
    "js",
    "mjs",
    "ts",
    "tsx",
    "jsx",
    "py",
    "json",
    "toml",
    "yaml",
    "yml",
    "csv",
    "tsv",
    "html",
    "htm",
    "css",
    "scss",
    "xml",
    "svg",
    "sh",
    "bash",
    "zsh",
    "c",
    "h",
    "cc",
    "cpp",
    "hpp",
    "java",
    "kt",
    "go",
    "rb",
    "php",
    "pl",
    "lua",
    "sql",
    "ini",
    "cfg",
    "conf",
    "log",
    "tex",
    "diff",
    "patch",
    "gitignore",
    "env",
    "bat",
    "ps1",
    "swift",
    "cs",
    "r",
    "dart",
];
const IMAGE: &[&str] = &["jpg", "jpeg", "png", "gif", "webp", "bmp", "avif", "ico"];
const AUDIO: &[&str] = &["mp3", "ogg", "oga", "wav", "flac", "m4a", "aac", "opus"];
const VIDEO: &[&str] = &["mp4", "m4v", "webm", "ogv", "mov"];

fn extension(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() || name.starts_with('.') => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

pub fn preview_kind(entry: &Entry) -> PreviewKind {
    if entry.is_folder {
        return PreviewKind::None;
    }
    let ext = extension(&entry.name);
    let mime = entry.mime.as_deref().unwrap_or("");
    let has = |list: &[&str]| list.contains(&ext.as_str());
    // SVG can carry scripts: shown as text, never as an image of this origin.
    if ext != "svg"
        && (entry.thumbnail || has(IMAGE) || mime.starts_with("image/") && mime != "image/svg+xml")
    {
        PreviewKind::Image
    } else if ext == "pdf" || mime == "application/pdf" {
        PreviewKind::Pdf
    } else if has(AUDIO) || mime.starts_with("audio/") {
        PreviewKind::Audio
    } else if has(VIDEO) || mime.starts_with("video/") {
        PreviewKind::Video
    } else if has(TEXT) || mime.starts_with("text/") || mime == "application/json" {
        PreviewKind::Text
    } else {
        PreviewKind::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::sort::tests::entry;

    #[test]
    fn kinds() {
        assert_eq!(
            preview_kind(&entry("a.JPG", false, 1, 1)),
            PreviewKind::Image
        );
        assert_eq!(
            preview_kind(&entry("main.rs", false, 1, 1)),
            PreviewKind::Text
        );
        assert_eq!(
            preview_kind(&entry("x.svg", false, 1, 1)),
            PreviewKind::Text
        );
        assert_eq!(
            preview_kind(&entry("doc.pdf", false, 1, 1)),
            PreviewKind::Pdf
        );
        assert_eq!(
            preview_kind(&entry("song.mp3", false, 1, 1)),
            PreviewKind::Audio
        );
        assert_eq!(
            preview_kind(&entry("clip.webm", false, 1, 1)),
            PreviewKind::Video
        );
        assert_eq!(
            preview_kind(&entry("blob.bin", false, 1, 1)),
            PreviewKind::None
        );
        assert_eq!(
            preview_kind(&entry("Makefile", false, 1, 1)),
            PreviewKind::None
        );
        assert_eq!(
            preview_kind(&entry("dir.txt", true, 1, 1)),
            PreviewKind::None
        );
    }
}
