//! OpenDrive: how the server takes a file's bytes ([`UploadsApi`]).

use async_trait::async_trait;

use super::*;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct UploadTicket {
    file_id: Id,
    temp_location: String,
    require_hash_only: Num,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct ChunkWritten {
    total_written: Num,
}

#[async_trait(?Send)]
impl UploadsApi for OpenDrive {
    fn protocol(&self) -> UploadProtocol {
        UploadProtocol::OrderedChunks
    }

    async fn begin(
        &self,
        path: &NodePath,
        size: u64,
        md5: &str,
        overwrite: bool,
    ) -> Result<UploadStart, ApiError> {
        let (Some(parent), Some(name)) = (path.parent(), path.name()) else {
            return Err(ApiError::new(ErrorKind::InvalidName, 0, "/"));
        };
        let ticket: UploadTicket = self
            .on_item(&parent, async |k| {
                let body = json!({
                    "folder_id": k.id,
                    "file_name": name.as_str(),
                    "file_size": size,
                    "file_hash": md5,
                    "open_if_exists": i32::from(overwrite),
                });
                self.post("upload/create_file.json", body).await
            })
            .await
            .map_err(|mut e| {
                // The name is taken: the queue asks the user.
                if e.status == 409 {
                    e.kind = ErrorKind::Conflict;
                }
                e
            })?;
        let file_id = ticket.file_id.0;
        if ticket.require_hash_only.flag() {
            // The same bytes are stored already: the file exists now.
            let body = json!({
                "file_id": file_id,
                "file_size": size,
                "temp_location": "",
                "file_hash": md5,
            });
            let f: WireFile = self.post("upload/close_file_upload.json", body).await?;
            self.remember(
                path,
                Known::file(f.file_id.0.clone(), f.writable.map(Num::flag)),
            );
            return Ok(UploadStart::Deduplicated(file_entry(&f, path.clone())));
        }
        // The guide opens the upload before the chunks (create already answered the location).
        let opened: UploadTicket = self
            .post(
                "upload/open_file_upload.json",
                json!({ "file_id": file_id, "file_size": size, "file_hash": md5 }),
            )
            .await?;
        let temp = if opened.temp_location.is_empty() {
            ticket.temp_location
        } else {
            opened.temp_location
        };
        Ok(UploadStart::Session(UploadSession {
            path: path.clone(),
            id: upload_id(&file_id, &temp),
            max_part_size: self.chunk_size,
        }))
    }

    /// One chunk as the multipart form `upload_file_chunk.json` expects; the server answers
    /// how much it holds, which must end where the chunk ends.
    async fn send_part(
        &self,
        session: &UploadSession,
        part: Part,
        _md5: &str,
        blob: &web_sys::Blob,
        on_progress: Progress,
        xhrs: &http::XhrSet,
    ) -> Result<(), ApiError> {
        let (file_id, temp) = split_upload_id(&session.id);
        let (offset, size) = (chunk_offset(part.num, self.chunk_size), part.len());
        if size == 0 {
            // An empty file has nothing to send; the close checks its size and hash.
            return Ok(());
        }
        let fields = [
            ("session_id", self.sid().to_owned()),
            ("file_id", file_id.to_owned()),
            ("temp_location", temp.to_owned()),
            ("chunk_offset", offset.to_string()),
            ("chunk_size", size.to_string()),
        ];
        let form = web_sys::FormData::new()
            .map_err(|e| ApiError::new(ErrorKind::Unexpected, 0, format!("{e:?}")))?;
        // The text fields go first: the server needs them before it streams `file_data`.
        for (k, v) in &fields {
            form.append_with_str(k, v)
                .map_err(|e| ApiError::new(ErrorKind::Unexpected, 0, format!("{e:?}")))?;
        }
        form.append_with_blob_and_filename("file_data", blob, "chunk")
            .map_err(|e| ApiError::new(ErrorKind::Unexpected, 0, format!("{e:?}")))?;
        // The multipart framing is counted by the browser too: report at most the chunk.
        let progress = move |n: f64| on_progress(n.min(size as f64));
        let endpoint = self.url("upload/upload_file_chunk.json");
        let reply = http::xhr_post_multipart(&endpoint, &form, &[], progress, xhrs).await?;
        let written: ChunkWritten = decode(reply)?;
        if written.total_written.bytes() != offset + size {
            return Err(ApiError::new(
                ErrorKind::Server,
                200,
                format!(
                    "TotalWritten {} after a chunk ending at {}",
                    written.total_written.0,
                    offset + size
                ),
            ));
        }
        Ok(())
    }

    async fn confirm(
        &self,
        session: &UploadSession,
        size: u64,
        md5: &str,
        _overwrite: bool,
    ) -> Result<Entry, ApiError> {
        let (file_id, temp) = split_upload_id(&session.id);
        let body = json!({
            "file_id": file_id,
            "file_size": size,
            "temp_location": temp,
            "file_hash": md5,
        });
        let f: WireFile = self.post("upload/close_file_upload.json", body).await?;
        self.remember(
            &session.path,
            Known::file(f.file_id.0.clone(), f.writable.map(Num::flag)),
        );
        Ok(file_entry(&f, session.path.clone()))
    }

    async fn cancel(&self, _session: &UploadSession) -> Result<(), ApiError> {
        // Nothing to undo: an upload is invisible until it is closed, and the server drops
        // sessions left alone for a day.
        Ok(())
    }
}
