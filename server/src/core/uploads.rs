//! Upload sessions: a file arrives as numbered parts, each checked against its own MD5, then is
//! assembled, checked against the declared whole-file MD5 and size, and only then put in the tree.
//! Nothing half-uploaded is ever visible. Parts stream to disk while being hashed, off the async
//! executor; nothing is ever held whole in memory.

use std::fs::File;
use std::io::{self, BufWriter};
use std::path::PathBuf;

use bytes::Bytes;
use futures_util::Stream;
use rusqlite::{OptionalExtension, params};
use satchel_wire::NodePath;

use super::nodes::{self, Entry};
use super::upload_bytes::{HashingWriter, remove_quietly, stream_to_file};
use super::{Core, CoreError, CoreResult, User, now_ms, random_id};
use super::{quota, sizes, upload_limits};
use crate::store::BlobKey;
use crate::store::blobs::is_md5_hex;

/// The part size we advertise; a client may send smaller parts (the last one usually is).
pub const MAX_PART_SIZE: u64 = 64 * 1024 * 1024;
/// S3's limit, and ours.
pub const MAX_PARTS: u32 = 10_000;
/// Sessions untouched this long are abandoned and removed.
pub const SESSION_IDLE_MS: i64 = 24 * 3600 * 1000;

/// What `files/create` asks for.
#[derive(Debug, Clone)]
pub struct CreateFile {
    pub path: NodePath,
    pub size: u64,
    pub md5: String,
    pub overwrite: bool,
    pub create_dirs: bool,
    pub multipart: bool,
    pub created: Option<i64>,
    pub modified: Option<i64>,
}

pub enum CreateOutcome {
    /// The content was already stored; the file exists now.
    Deduplicated(Entry),
    /// Send the bytes to this session.
    Upload { temp_path: String, multipart: bool },
}

#[derive(Debug, Clone)]
pub struct PartReceipt {
    pub part_num: u32,
    pub size: u64,
    pub md5: String,
}

pub struct Confirm {
    pub temp_path: String,
    pub path: NodePath,
    pub overwrite: Option<bool>,
    pub size: Option<u64>,
    pub md5: Option<String>,
}

pub(super) struct Session {
    pub(super) user_id: i64,
    path: String,
    size: u64,
    md5: String,
    overwrite: bool,
    create_dirs: bool,
    multipart: bool,
    created: Option<i64>,
    modified: Option<i64>,
}

pub(super) fn load_session(c: &rusqlite::Connection, temp_path: &str) -> CoreResult<Session> {
    c.query_row(
        "SELECT user_id, size, md5, overwrite, create_dirs, multipart, created_param, modified_param, path \
         FROM uploads WHERE temp_path = ?1",
        [temp_path],
        |r| {
            Ok(Session {
                user_id: r.get(0)?,
                size: sizes::stored(r.get(1)?),
                md5: r.get(2)?,
                overwrite: r.get(3)?,
                create_dirs: r.get(4)?,
                multipart: r.get(5)?,
                created: r.get(6)?,
                modified: r.get(7)?,
                path: r.get(8)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| CoreError::NotFound(format!("upload session {temp_path}")))
}

/// A session id is the credential for its part URLs and a directory name; accept nothing else.
pub(super) fn check_temp_path(temp_path: &str) -> CoreResult<()> {
    if temp_path.len() == 32
        && temp_path
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        Ok(())
    } else {
        Err(CoreError::NotFound(format!("upload session {temp_path}")))
    }
}

pub fn check_md5(field: &str, value: &str) -> CoreResult<String> {
    if is_md5_hex(value) {
        Ok(value.to_ascii_lowercase())
    } else {
        Err(CoreError::InvalidParameters(format!(
            "{field} must be 32 hex digits (MD5)"
        )))
    }
}

impl Core {
    pub(super) async fn forget_session(&self, temp_path: &str) {
        self.faulted
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(temp_path);
        let _ = tokio::fs::remove_dir_all(self.session_dir(temp_path)).await;
    }

    pub(super) fn session_dir(&self, temp_path: &str) -> PathBuf {
        self.uploads_dir.join(temp_path)
    }

    pub async fn create_file(&self, user: &User, req: CreateFile) -> CoreResult<CreateOutcome> {
        let size = sizes::declared("size", req.size)?;
        let user = user.clone();
        let blobs = self.blobs.clone();
        let outcome = self
            .db
            .tx(move |c| {
                nodes::check_file_target(c, user.id, &req.path, req.overwrite)?;
                // Before any byte is stored; a deduplicated upload counts like any other, and so
                // do the sessions still open.
                quota::check_session_room(c, user.id, &req.path, req.size, req.overwrite)?;
                let key = BlobKey { md5: req.md5.clone(), size: req.size };
                // Deduplication without the bytes: only of content the caller already holds.
                // Anyone else's answers exactly like unknown content (see `upload_limits`).
                if upload_limits::may_deduplicate(c, user.id, &key)? && blobs.exists(&key) {
                    let entry = nodes::put_file(
                        c, &user, &req.path, &key, req.overwrite, req.create_dirs, req.created, req.modified,
                    )?;
                    return Ok(CreateOutcome::Deduplicated(entry));
                }
                // Fail now rather than after every byte has been sent.
                nodes::check_parent(c, user.id, &req.path, req.create_dirs)?;
                upload_limits::check_open_sessions(c, user.id)?;
                let owner = quota::tree_owner(c, user.id, &req.path)?;
                let temp_path = random_id();
                c.execute(
                    "INSERT INTO uploads (temp_path, user_id, path, size, md5, overwrite, create_dirs, multipart, \
                     created_param, modified_param, touched, owner_id) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                    params![
                        temp_path, user.id, req.path.to_string(), size, req.md5, req.overwrite,
                        req.create_dirs, req.multipart, req.created, req.modified, now_ms(), owner
                    ],
                )?;
                Ok(CreateOutcome::Upload { temp_path, multipart: req.multipart })
            })
            .await?;
        if let CreateOutcome::Upload { temp_path, .. } = &outcome {
            tokio::fs::create_dir_all(self.session_dir(temp_path)).await?;
        }
        Ok(outcome)
    }

    /// Announce a part and what it must hash to.
    pub async fn create_part(
        &self,
        user: &User,
        temp_path: String,
        part_num: u32,
        size: Option<u64>,
        md5: Option<String>,
    ) -> CoreResult<()> {
        check_temp_path(&temp_path)?;
        check_part_num(part_num)?;
        if let Some(size) = size
            && size > MAX_PART_SIZE
        {
            return Err(CoreError::InvalidParameters(format!(
                "a part holds at most {MAX_PART_SIZE} bytes (max_part_size)"
            )));
        }
        let user = user.id;
        self.db
            .tx(move |c| {
                let session = load_session(c, &temp_path)?;
                if session.user_id != user {
                    return Err(CoreError::NotFound(format!("upload session {temp_path}")));
                }
                // The quota may have shrunk (or the tree filled) since the session began.
                let path = NodePath::parse(&session.path)?;
                quota::check_file_room(c, user, &path, session.size, session.overwrite)?;
                c.execute(
                    "INSERT INTO upload_parts (temp_path, part_num, expected_size, expected_md5) VALUES (?1, ?2, ?3, ?4) \
                     ON CONFLICT(temp_path, part_num) DO UPDATE SET expected_size = ?3, expected_md5 = ?4",
                    params![temp_path, part_num, sizes::declared_opt("size", size)?, md5],
                )?;
                c.execute("UPDATE uploads SET touched = ?2 WHERE temp_path = ?1", params![temp_path, now_ms()])?;
                Ok(())
            })
            .await
    }

    /// Receive one part's bytes. The part URL is the credential (no user): like a presigned URL.
    pub async fn put_part<S, E>(
        &self,
        temp_path: String,
        part_num: u32,
        content_md5: Option<String>,
        body: S,
    ) -> CoreResult<PartReceipt>
    where
        S: Stream<Item = Result<Bytes, E>> + Send + Unpin,
        E: std::fmt::Display,
    {
        check_temp_path(&temp_path)?;
        check_part_num(part_num)?;
        let tp = temp_path.clone();
        let (expected_size, expected_md5, cap) = self
            .db
            .tx(move |c| {
                let session = load_session(c, &tp)?;
                // No part can hold more than the whole declared file (nor, in a multipart
                // upload, more than max_part_size): the quota was checked against that size.
                let cap = if session.multipart {
                    session.size.min(MAX_PART_SIZE)
                } else {
                    session.size
                };
                // Nor, all parts together, more than the declared size: temp storage is bounded.
                let cap = cap.min(upload_limits::room_left(c, &tp, part_num, session.size)?);
                c.execute("UPDATE uploads SET touched = ?2 WHERE temp_path = ?1", params![tp, now_ms()])?;
                if !session.multipart {
                    if part_num != 1 {
                        return Err(CoreError::InvalidParameters(
                            "a single-part upload takes part 1 only".into(),
                        ));
                    }
                    return Ok((Some(session.size), Some(session.md5), cap));
                }
                let expected = c
                    .query_row(
                        "SELECT expected_size, expected_md5 FROM upload_parts WHERE temp_path = ?1 AND part_num = ?2",
                        params![tp, part_num],
                        |r| Ok((r.get::<_, Option<i64>>(0)?.map(sizes::stored), r.get::<_, Option<String>>(1)?)),
                    )
                    .optional()?;
                let (size, md5) = expected.unwrap_or((None, None));
                Ok((size, md5, cap))
            })
            .await?;

        let dir = self.session_dir(&temp_path);
        tokio::fs::create_dir_all(&dir).await?;
        let partial = dir.join(format!("{part_num}.{}.partial", random_id()));
        let received = stream_to_file(body, partial.clone(), cap).await;
        let (size, md5) = match received {
            Ok(r) => r,
            Err(e) => {
                remove_quietly(&partial);
                return Err(e);
            }
        };

        if self.fault_fail_part == Some(part_num) {
            let first = self
                .faulted
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(temp_path.clone());
            if first {
                remove_quietly(&partial);
                // The browser tests read this line to prove the client's retry was exercised.
                tracing::warn!("injected fault: refused the first PUT of part {part_num}");
                return Err(CoreError::InjectedFault(part_num));
            }
        }

        let mut problem = None;
        if let Some(expected) = expected_md5.as_deref()
            && !expected.eq_ignore_ascii_case(&md5)
        {
            problem = Some(format!(
                "part {part_num}: MD5 is {md5}, expected {expected}"
            ));
        }
        if let Some(header) = content_md5.as_deref() {
            use base64::Engine;
            let ok = base64::engine::general_purpose::STANDARD
                .decode(header.trim())
                .map(|raw| hex::encode(raw) == md5)
                .unwrap_or(false);
            if !ok {
                problem = Some(format!(
                    "part {part_num}: Content-MD5 does not match the body"
                ));
            }
        }
        if let Some(expected) = expected_size
            && expected != size
            && problem.is_none()
        {
            problem = Some(format!(
                "part {part_num}: {size} bytes received, {expected} expected"
            ));
        }
        if let Some(message) = problem {
            remove_quietly(&partial);
            return Err(CoreError::BadDigest(message));
        }

        let final_path = dir.join(part_num.to_string());
        tokio::fs::rename(&partial, &final_path).await?;
        let receipt = PartReceipt {
            part_num,
            size,
            md5,
        };
        let r = receipt.clone();
        let recorded = self
            .db
            .tx(move |c| {
                let session = load_session(c, &temp_path)?;
                // Parts of one session may stream concurrently; only one can take the last room.
                if r.size > upload_limits::room_left(c, &temp_path, part_num, session.size)? {
                    return Err(CoreError::BadDigest(format!(
                        "part {part_num}: the parts would hold more than the {} bytes declared",
                        session.size
                    )));
                }
                c.execute(
                    "INSERT INTO upload_parts (temp_path, part_num, size, md5) VALUES (?1, ?2, ?3, ?4) \
                     ON CONFLICT(temp_path, part_num) DO UPDATE SET size = ?3, md5 = ?4",
                    params![temp_path, part_num, sizes::declared("size", r.size)?, r.md5],
                )?;
                Ok(())
            })
            .await;
        if let Err(e) = recorded {
            // Cancelled while the bytes were arriving.
            remove_quietly(&final_path);
            return Err(e);
        }
        Ok(receipt)
    }

    /// Assemble, verify, and publish. The session stays (for a retry or a cancel) if this fails.
    pub async fn confirm(&self, user: &User, req: Confirm) -> CoreResult<Entry> {
        check_temp_path(&req.temp_path)?;
        sizes::declared_opt("size", req.size)?;
        let uid = user.id;
        let tp = req.temp_path.clone();
        let path = req.path.clone();
        let want_overwrite = req.overwrite;
        let req_size = req.size;
        let (session, parts) = self
            .db
            .tx(move |c| {
                let session = load_session(c, &tp)?;
                if session.user_id != uid {
                    return Err(CoreError::NotFound(format!("upload session {tp}")));
                }
                let overwrite = want_overwrite.unwrap_or(session.overwrite);
                nodes::check_file_target(c, uid, &path, overwrite)?;
                quota::check_file_room(c, uid, &path, req_size.unwrap_or(session.size), overwrite)?;
                let mut stmt = c.prepare(
                    "SELECT part_num, size, md5 FROM upload_parts WHERE temp_path = ?1 AND md5 IS NOT NULL ORDER BY part_num",
                )?;
                let parts = stmt
                    .query_map([&tp], |r| {
                        Ok((r.get::<_, u32>(0)?, sizes::stored(r.get(1)?), r.get::<_, String>(2)?))
                    })?
                    .collect::<Result<Vec<_>, _>>()?;
                Ok((session, parts))
            })
            .await?;
        let size = req.size.unwrap_or(session.size);
        let md5 = match req.md5 {
            Some(m) => check_md5("checksum", &m)?,
            None => session.md5.clone(),
        };
        for (i, (num, _, _)) in parts.iter().enumerate() {
            if *num as usize != i + 1 {
                return Err(CoreError::IncompleteUpload(format!(
                    "part {} has not been received",
                    i + 1
                )));
            }
        }
        let total = parts.iter().fold(0u64, |t, (_, s, _)| t.saturating_add(*s));
        if total < size {
            return Err(CoreError::IncompleteUpload(format!(
                "{total} of {size} bytes received; a part is missing"
            )));
        }
        if total > size {
            return Err(CoreError::BadDigest(format!(
                "{total} bytes received, {size} declared"
            )));
        }

        let dir = self.session_dir(&req.temp_path);
        let assembled = self
            .blobs
            .temp_dir()
            .join(format!("assemble-{}", random_id()));
        let part_files: Vec<PathBuf> = parts
            .iter()
            .map(|(n, _, _)| dir.join(n.to_string()))
            .collect();
        // One part (every single-part upload) was hashed on arrival: link it instead of copying
        // it; the link leaves the part in place in case publishing fails.
        let single = match parts.as_slice() {
            [(_, size, md5)] => Some((*size, md5.clone())),
            _ => None,
        };
        let target = assembled.clone();
        let leftover = assembled.clone();
        let joined = tokio::task::spawn_blocking(move || -> io::Result<(u64, String)> {
            if let Some(known) = single
                && std::fs::hard_link(&part_files[0], &target).is_ok()
            {
                return Ok(known);
            }
            let mut out = HashingWriter::new(BufWriter::new(File::create(&target)?));
            for part in part_files {
                io::copy(&mut File::open(part)?, &mut out)?;
            }
            let done = out.finish()?;
            Ok(done)
        })
        .await?;
        let (got_size, got_md5) = match joined {
            Ok(r) => r,
            Err(e) => {
                remove_quietly(&assembled);
                return Err(e.into());
            }
        };
        if got_size != size || got_md5 != md5 {
            remove_quietly(&assembled);
            return Err(CoreError::BadDigest(format!(
                "the assembled file has MD5 {got_md5} and {got_size} bytes; {md5} and {size} were declared"
            )));
        }

        let user = user.clone();
        let blobs = self.blobs.clone();
        let tp = req.temp_path.clone();
        let path = req.path;
        let key = BlobKey { md5, size };
        let published = self
            .db
            .tx(move |c| {
                // Inside the transaction: a concurrent purge cannot remove the blob between the
                // move into the store and the version row that keeps it alive.
                load_session(c, &tp)?;
                let overwrite = req.overwrite.unwrap_or(session.overwrite);
                nodes::check_file_target(c, user.id, &path, overwrite)?;
                quota::check_file_room(c, user.id, &path, key.size, overwrite)?;
                blobs.put_file(&key, &assembled)?;
                let entry = nodes::put_file(
                    c,
                    &user,
                    &path,
                    &key,
                    overwrite,
                    session.create_dirs,
                    session.created,
                    session.modified,
                )?;
                c.execute("DELETE FROM upload_parts WHERE temp_path = ?1", [&tp])?;
                c.execute("DELETE FROM uploads WHERE temp_path = ?1", [&tp])?;
                Ok(entry)
            })
            .await;
        // Moved into the store on success; a failure must not leave it behind.
        remove_quietly(&leftover);
        match published {
            Ok(entry) => {
                self.forget_session(&req.temp_path).await;
                Ok(entry)
            }
            Err(e) => Err(e),
        }
    }
}

fn check_part_num(part_num: u32) -> CoreResult<()> {
    if (1..=MAX_PARTS).contains(&part_num) {
        Ok(())
    } else {
        Err(CoreError::InvalidParameters(format!(
            "part_num must be 1 to {MAX_PARTS}"
        )))
    }
}
