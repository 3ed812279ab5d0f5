//! Cloudike: how the server takes a file's bytes ([`UploadsApi`]).

use async_trait::async_trait;

use super::*;

#[async_trait(?Send)]
impl UploadsApi for Cloudike {
    fn protocol(&self) -> UploadProtocol {
        UploadProtocol::ParallelParts
    }

    async fn begin(
        &self,
        path: &NodePath,
        size: u64,
        md5: &str,
        overwrite: bool,
    ) -> Result<UploadStart, ApiError> {
        let now = now_ms().to_string();
        let form: Form = vec![
            (field::PATH, path.to_string()),
            (field::SIZE, size.to_string()),
            (field::CHECKSUM, md5.to_owned()),
            (field::OVERWRITE, overwrite.to_string()),
            (field::CREATE_DIRS, "true".into()),
            (field::MULTIPART, "true".into()),
            (field::CREATED, now.clone()),
            (field::MODIFIED, now),
        ];
        let reply = self.post_raw("files/create/", &form).await?;
        match reply.status {
            201 => Ok(UploadStart::Deduplicated(entry_from(&decode::<Metadata>(
                reply,
            )?)?)),
            _ => {
                let t: UploadTicket = decode(reply)?;
                Ok(UploadStart::Session(UploadSession {
                    path: path.clone(),
                    id: t.temp_path,
                    max_part_size: t.max_part_size,
                }))
            }
        }
    }

    /// Ask where part `part.num` goes, then `PUT` its bytes there.
    async fn send_part(
        &self,
        session: &UploadSession,
        part: Part,
        md5: &str,
        blob: &web_sys::Blob,
        on_progress: Progress,
        xhrs: &http::XhrSet,
    ) -> Result<(), ApiError> {
        let form: Form = vec![
            (field::TEMP_PATH, session.id.clone()),
            (field::PART_NUM, part.num.to_string()),
            (field::SIZE, part.len().to_string()),
            (field::CHECKSUM, md5.to_owned()),
        ];
        let t: PartTicket = self.post("files/create_part/", &form).await?;
        let url = self.server_url(&t.url);
        unit(http::xhr_put(&url, blob, &[], on_progress, xhrs).await?)
    }

    async fn confirm(
        &self,
        session: &UploadSession,
        size: u64,
        md5: &str,
        overwrite: bool,
    ) -> Result<Entry, ApiError> {
        let form: Form = vec![
            (field::TEMP_NAME, session.id.clone()),
            (field::OVERWRITE, overwrite.to_string()),
            (field::SIZE, size.to_string()),
            (field::CHECKSUM, md5.to_owned()),
        ];
        let m: Metadata = self
            .post(&endpoint_with_path("files/confirm/", &session.path), &form)
            .await?;
        entry_from(&m)
    }

    async fn cancel(&self, session: &UploadSession) -> Result<(), ApiError> {
        let form: Form = vec![(field::TEMP_PATH, session.id.clone())];
        let reply = self.post_raw("files/cancel_upload/", &form).await?;
        if reply.ok() {
            Ok(())
        } else {
            Err(error_from(&reply))
        }
    }
}
