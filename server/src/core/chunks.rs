//! Offset-addressed chunks over an upload session (OpenDrive's `upload_file_chunk`): each chunk
//! becomes the next numbered part of the session in [`super::uploads`], so the same checks,
//! the same assembly and the same whole-file MD5 verification apply. Chunks arrive in order;
//! the last one may be sent again (a retry replaces it).

use bytes::Bytes;
use futures_util::Stream;
use rusqlite::OptionalExtension;
use satchel_wire::NodePath;

use super::uploads::{MAX_PART_SIZE, MAX_PARTS};
use super::{Core, CoreError, CoreResult, User};

/// An upload session as a chunked client sees it.
#[derive(Debug, Clone)]
pub struct UploadState {
    /// Where the file will be published.
    pub path: NodePath,
    /// The declared size and MD5 of the whole file.
    pub size: u64,
    pub md5: String,
    /// The parts received, in order: `(part_num, size)`.
    pub parts: Vec<(u32, u64)>,
}

impl UploadState {
    /// Bytes received so far (OpenDrive's `TotalWritten`).
    pub fn written(&self) -> u64 {
        self.parts
            .iter()
            .fold(0u64, |t, (_, s)| t.saturating_add(*s))
    }

    /// The part a chunk at `offset` becomes: the next one, or the last one again.
    fn part_for(&self, offset: u64) -> CoreResult<u32> {
        let written = self.written();
        if offset == written {
            return Ok(self.parts.len() as u32 + 1);
        }
        if let Some((num, size)) = self.parts.last()
            && offset == written.saturating_sub(*size)
        {
            return Ok(*num);
        }
        Err(CoreError::InvalidParameters(format!(
            "Invalid chunk_offset {offset}: expected {written}"
        )))
    }
}

impl Core {
    /// The session `temp_path` of `user` (404 for anyone else's or an unknown one).
    pub async fn upload_state(&self, user: &User, temp_path: &str) -> CoreResult<UploadState> {
        let uid = user.id;
        let tp = temp_path.to_owned();
        self.db
            .read(move |c| {
                let unknown = || CoreError::NotFound(format!("upload session {tp}"));
                let (owner, path, size, md5): (i64, String, i64, String) = c
                    .query_row(
                        "SELECT user_id, path, size, md5 FROM uploads WHERE temp_path = ?1",
                        [&tp],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                    )
                    .optional()?
                    .ok_or_else(unknown)?;
                if owner != uid {
                    return Err(unknown());
                }
                let mut stmt = c.prepare(
                    "SELECT part_num, size FROM upload_parts \
                     WHERE temp_path = ?1 AND md5 IS NOT NULL ORDER BY part_num",
                )?;
                let parts = stmt
                    .query_map([&tp], |r| Ok((r.get(0)?, super::sizes::stored(r.get(1)?))))?
                    .collect::<Result<Vec<(u32, u64)>, _>>()?;
                Ok(UploadState {
                    path: NodePath::parse(&path)?,
                    size: super::sizes::stored(size),
                    md5,
                    parts,
                })
            })
            .await
    }

    /// Receive `size` bytes meant for `offset` of the file; answers the bytes received so far.
    /// A wrong offset, a chunk past the declared size, or a body of another length changes
    /// nothing that was received before.
    pub async fn put_chunk<S, E>(
        &self,
        user: &User,
        temp_path: String,
        offset: u64,
        size: u64,
        body: S,
    ) -> CoreResult<u64>
    where
        S: Stream<Item = Result<Bytes, E>> + Send + Unpin,
        E: std::fmt::Display,
    {
        if size == 0 || size > MAX_PART_SIZE {
            return Err(CoreError::InvalidParameters(format!(
                "chunk_size must be 1 to {MAX_PART_SIZE} bytes"
            )));
        }
        let state = self.upload_state(user, &temp_path).await?;
        let part_num = state.part_for(offset)?;
        if part_num > MAX_PARTS {
            return Err(CoreError::InvalidParameters(format!(
                "at most {MAX_PARTS} chunks per file"
            )));
        }
        if offset.saturating_add(size) > state.size {
            return Err(CoreError::InvalidParameters(format!(
                "the chunk ends at byte {}, past the file's {} bytes",
                offset.saturating_add(size),
                state.size
            )));
        }
        self.create_part(user, temp_path.clone(), part_num, Some(size), None)
            .await?;
        self.put_part(temp_path.clone(), part_num, None, body)
            .await?;
        Ok(self.upload_state(user, &temp_path).await?.written())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(parts: &[(u32, u64)]) -> UploadState {
        UploadState {
            path: NodePath::root(),
            size: 100,
            md5: String::new(),
            parts: parts.to_vec(),
        }
    }

    #[test]
    fn chunks_go_in_order_and_the_last_may_be_resent() {
        assert_eq!(state(&[]).part_for(0).unwrap(), 1);
        assert!(state(&[]).part_for(5).is_err());
        let s = state(&[(1, 10), (2, 10)]);
        assert_eq!(s.part_for(20).unwrap(), 3);
        assert_eq!(s.part_for(10).unwrap(), 2);
        assert!(s.part_for(0).is_err());
        assert!(s.part_for(25).is_err());
    }
}
