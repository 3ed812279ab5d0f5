//! Thumbnails of images, made on first request and cached on disk as
//! `<thumbs>/<md5>-<edge>` (content-addressed like blobs, so every file and version with the same
//! bytes shares one). Small images are never enlarged. Images with transparency become PNG,
//! others JPEG.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::ImageFormat;
use satchel_wire::NodePath;

use super::{Core, CoreError, CoreResult, User, random_id};
use crate::store::BlobKey;

/// Which thumbnail: the longest edge in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PreviewSize {
    Small,
    Medium,
}

impl PreviewSize {
    pub const ALL: [PreviewSize; 2] = [PreviewSize::Small, PreviewSize::Medium];

    pub fn edge(self) -> u32 {
        match self {
            PreviewSize::Small => 256,
            PreviewSize::Medium => 1024,
        }
    }
}

pub struct Preview {
    pub bytes: Vec<u8>,
    /// `image/jpeg` or `image/png`.
    pub content_type: &'static str,
    /// The source content's MD5 and the edge: changes exactly when the picture does.
    pub etag: String,
}

/// Can this file have a preview? Judged from the name, as `mime_type` is; the formats the
/// server decodes.
pub fn previewable(name: &str) -> bool {
    let mime = mime_guess::from_path(name).first_or_octet_stream();
    matches!(
        mime.essence_str(),
        "image/jpeg" | "image/png" | "image/gif" | "image/webp"
    )
}

/// Remove the cached thumbnails of blobs that were deleted for good: a purged picture must
/// not live on in its previews.
pub(crate) async fn forget_thumbnails(thumbs_dir: &Path, freed: &[BlobKey]) {
    for key in freed {
        for size in PreviewSize::ALL {
            let _ = tokio::fs::remove_file(thumbs_dir.join(format!("{}-{}", key.md5, size.edge())))
                .await;
        }
    }
}

fn content_type(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(b"\x89PNG") {
        "image/png"
    } else {
        "image/jpeg"
    }
}

/// Decode, shrink and encode (blocking; run off the executor).
fn make_thumbnail(source: &Path, edge: u32) -> Result<Vec<u8>, String> {
    let img = image::ImageReader::open(source)
        .map_err(|e| e.to_string())?
        .with_guessed_format()
        .map_err(|e| e.to_string())?
        .decode()
        .map_err(|e| e.to_string())?;
    let img = if img.width() > edge || img.height() > edge {
        img.thumbnail(edge, edge)
    } else {
        img
    };
    let mut out = Cursor::new(Vec::new());
    if img.color().has_alpha() {
        img.write_to(&mut out, ImageFormat::Png)
            .map_err(|e| e.to_string())?;
    } else {
        let rgb = img.to_rgb8();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
            .encode_image(&rgb)
            .map_err(|e| e.to_string())?;
    }
    Ok(out.into_inner())
}

impl Core {
    /// The thumbnail of a file (the current version, or `version`). Folders, non-images and
    /// images that cannot be decoded are `NoPreview`.
    pub async fn preview(
        &self,
        user: &User,
        path: NodePath,
        version: Option<i64>,
        size: PreviewSize,
    ) -> CoreResult<Preview> {
        let (entry, _, key) = match self.file_version(user, path.clone(), version).await {
            Err(CoreError::InvalidParameters(_)) => {
                return Err(CoreError::NoPreview(path.to_string()));
            }
            other => other?,
        };
        if !previewable(&entry.node.name) {
            return Err(CoreError::NoPreview(path.to_string()));
        }
        let edge = size.edge();
        let cached: PathBuf = self.thumbs_dir.join(format!("{}-{edge}", key.md5));
        let etag = format!("{}-{edge}", key.md5);
        if let Ok(bytes) = tokio::fs::read(&cached).await {
            return Ok(Preview {
                content_type: content_type(&bytes),
                bytes,
                etag,
            });
        }
        let source = self
            .blobs
            .local_path(&key)
            .ok_or_else(|| CoreError::NotFound(format!("the content of {path} is gone")))?;
        let made = tokio::task::spawn_blocking(move || make_thumbnail(&source, edge)).await?;
        let bytes = match made {
            Ok(b) => b,
            Err(why) => {
                tracing::info!("no preview for {path}: {why}");
                return Err(CoreError::NoPreview(path.to_string()));
            }
        };
        // Write aside and rename: a concurrent request never reads half a thumbnail.
        let temp = self.thumbs_dir.join(format!(".{}.tmp", random_id()));
        tokio::fs::create_dir_all(&self.thumbs_dir).await?;
        tokio::fs::write(&temp, &bytes).await?;
        tokio::fs::rename(&temp, &cached).await?;
        Ok(Preview {
            content_type: content_type(&bytes),
            bytes,
            etag,
        })
    }
}
