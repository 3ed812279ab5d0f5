//! Content-addressed blob storage. A blob is named by the MD5 and the size of its bytes, so two
//! identical uploads (by anyone) share one blob.

use std::io;
use std::path::{Path, PathBuf};

/// The address of a blob: lower-case MD5 hex and byte count.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BlobKey {
    pub md5: String,
    pub size: u64,
}

/// Where file contents live. Calls block (disk or network); run them off the async executor.
pub trait BlobStore: Send + Sync + 'static {
    fn exists(&self, key: &BlobKey) -> bool;
    /// Take ownership of a finished, verified temp file. The temp file must be on a filesystem
    /// where [`BlobStore::temp_dir`] lives, so the move is a rename. If the blob already exists the
    /// temp file is simply dropped.
    fn put_file(&self, key: &BlobKey, temp: &Path) -> io::Result<()>;
    fn delete(&self, key: &BlobKey) -> io::Result<()>;
    /// A local file to serve the blob from (a remote store would hand out a URL instead).
    fn local_path(&self, key: &BlobKey) -> Option<PathBuf>;
    /// Where uploads and assembly may put temporary files.
    fn temp_dir(&self) -> PathBuf;
}

/// Blobs as files: `<root>/ab/abcdef…-<size>`.
pub struct LocalDiskBlobs {
    root: PathBuf,
    tmp: PathBuf,
}

impl LocalDiskBlobs {
    pub fn open(root: PathBuf, tmp: PathBuf) -> io::Result<Self> {
        std::fs::create_dir_all(&root)?;
        std::fs::create_dir_all(&tmp)?;
        Ok(Self { root, tmp })
    }

    fn path(&self, key: &BlobKey) -> PathBuf {
        // The MD5 comes from our own hashing or a validated hex string; never from a raw name.
        let prefix = key.md5.get(..2).unwrap_or("00");
        self.root
            .join(prefix)
            .join(format!("{}-{}", key.md5, key.size))
    }
}

impl BlobStore for LocalDiskBlobs {
    fn exists(&self, key: &BlobKey) -> bool {
        self.path(key).is_file()
    }

    fn put_file(&self, key: &BlobKey, temp: &Path) -> io::Result<()> {
        let dest = self.path(key);
        if dest.is_file() {
            return std::fs::remove_file(temp);
        }
        if let Some(dir) = dest.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::rename(temp, dest)
    }

    fn delete(&self, key: &BlobKey) -> io::Result<()> {
        match std::fs::remove_file(self.path(key)) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }

    fn local_path(&self, key: &BlobKey) -> Option<PathBuf> {
        let p = self.path(key);
        p.is_file().then_some(p)
    }

    fn temp_dir(&self) -> PathBuf {
        self.tmp.clone()
    }
}

/// True if `s` is 32 hex digits (any case).
pub fn is_md5_hex(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())
}
