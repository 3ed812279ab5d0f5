//! Persistence: content blobs behind [`BlobStore`] (local disk today, S3 later) and metadata in
//! SQLite ([`sqlite::Db`]).

pub mod blobs;
pub mod sqlite;
mod sqlite_pool;

pub use blobs::{BlobKey, BlobStore, LocalDiskBlobs};
pub use sqlite::Db;
