//! How an upload's bytes reach the disk: streamed chunk by chunk off the async executor, hashed
//! as they are written, and cut off at the size a part may hold, so nothing is held whole in
//! memory and no session receives more than it declared.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use md5::{Digest, Md5};

use super::{CoreError, CoreResult};

/// A writer that hashes what passes through it.
pub(super) struct HashingWriter<W> {
    inner: W,
    hasher: Md5,
    written: u64,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.written += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> HashingWriter<W> {
    pub(super) fn new(inner: W) -> Self {
        Self {
            inner,
            hasher: Md5::new(),
            written: 0,
        }
    }
    pub(super) fn finish(mut self) -> io::Result<(u64, String)> {
        self.inner.flush()?;
        Ok((self.written, hex::encode(self.hasher.finalize())))
    }
}

pub(super) fn remove_quietly(path: &Path) {
    let _ = std::fs::remove_file(path);
}

/// Stream a body into `path` while hashing it; the disk and the hashing run on the blocking pool,
/// fed chunk by chunk through a small channel so memory stays bounded.
/// More than `cap` bytes is refused (`BadDigest`) without writing the excess.
pub(super) async fn stream_to_file<S, E>(
    mut body: S,
    path: PathBuf,
    cap: u64,
) -> CoreResult<(u64, String)>
where
    S: Stream<Item = Result<Bytes, E>> + Send + Unpin,
    E: std::fmt::Display,
{
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Bytes>(8);
    let writer = tokio::task::spawn_blocking(move || -> io::Result<(u64, String)> {
        let mut out =
            HashingWriter::new(BufWriter::with_capacity(256 * 1024, File::create(&path)?));
        while let Some(chunk) = rx.blocking_recv() {
            out.write_all(&chunk)?;
        }
        let done = out.finish()?;
        Ok(done)
    });
    let mut failure = None;
    let mut received = 0u64;
    while let Some(chunk) = body.next().await {
        match chunk {
            Ok(bytes) => {
                received += bytes.len() as u64;
                if received > cap {
                    failure = Some(CoreError::BadDigest(format!(
                        "more than the {cap} bytes this part may hold"
                    )));
                    break;
                }
                if tx.send(bytes).await.is_err() {
                    break; // the writer failed; its error is reported below
                }
            }
            Err(e) => {
                failure = Some(CoreError::InvalidParameters(format!(
                    "the body was cut short: {e}"
                )));
                break;
            }
        }
    }
    drop(tx);
    let written = writer.await?;
    if let Some(e) = failure {
        return Err(e);
    }
    Ok(written?)
}
