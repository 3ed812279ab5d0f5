//! An OpenDrive (`/api/v1`) client for the tests, speaking exactly as
//! `docs/dialects/opendrive.md` says the SPA does: JSON bodies with `session_id` for POST/PUT,
//! query parameters for GET/DELETE, multipart for chunks.

use reqwest::multipart::{Form, Part};
use reqwest::{Response, StatusCode};
use satchel_wire::opendrive::{CreateFileAnswer, ErrorBody, ErrorDetail, File, Folder, Listing};
use serde_json::{Value, json};

use super::{Server, md5_hex};

pub struct Od<'a> {
    pub s: &'a Server,
    /// `session_id` as sent (a session id, or `OAUTH`).
    pub sid: String,
    /// The access token sent in every query string when `sid` is `OAUTH`.
    pub access_token: Option<String>,
}

pub async fn login<'a>(s: &'a Server, login: &str, password: &str) -> Od<'a> {
    let r = s
        .http
        .post(format!("{}/api/v1/session/login.json", s.base))
        .json(&json!({"username": login, "passwd": password}))
        .send()
        .await
        .unwrap();
    let status = r.status();
    let v: Value = r.json().await.unwrap();
    assert_eq!(status, 200, "{v}");
    Od {
        s,
        sid: v["SessionID"].as_str().unwrap().to_owned(),
        access_token: None,
    }
}

/// The error of an answer, checking the body repeats the status.
pub async fn error_of(r: Response) -> (StatusCode, ErrorDetail) {
    let status = r.status();
    let text = r.text().await.unwrap();
    let body: ErrorBody = serde_json::from_str(&text).unwrap_or_else(|_| panic!("{text}"));
    assert_eq!(body.error.code, status.as_u16(), "{text}");
    (status, body.error)
}

pub async fn ok<T: serde::de::DeserializeOwned>(r: Response) -> T {
    let status = r.status();
    let text = r.text().await.unwrap();
    assert!(status.is_success(), "{status}: {text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

impl Od<'_> {
    pub fn url(&self, endpoint: &str) -> String {
        let endpoint = endpoint.replace("{sid}", &self.sid);
        let mut url = format!("{}/api/v1/{endpoint}", self.s.base);
        if let Some(t) = &self.access_token {
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str(&format!("access_token={t}"));
        }
        url
    }

    fn with_session(&self, mut body: Value) -> Value {
        body["session_id"] = json!(self.sid);
        body
    }

    pub async fn post(&self, endpoint: &str, body: Value) -> Response {
        let body = self.with_session(body);
        self.s
            .http
            .post(self.url(endpoint))
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn put(&self, endpoint: &str, body: Value) -> Response {
        let body = self.with_session(body);
        self.s
            .http
            .put(self.url(endpoint))
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    /// GET; `{sid}` in the endpoint is the session id; `session_id` is added to the query when
    /// the endpoint has no `{sid}`.
    pub async fn get(&self, endpoint: &str, query: &[(&str, &str)]) -> Response {
        let mut q: Vec<(&str, &str)> = query.to_vec();
        if !endpoint.contains("{sid}") {
            q.push(("session_id", &self.sid));
        }
        self.s
            .http
            .get(self.url(endpoint))
            .query(&q)
            .send()
            .await
            .unwrap()
    }

    pub async fn delete(&self, endpoint: &str) -> Response {
        self.s.http.delete(self.url(endpoint)).send().await.unwrap()
    }

    pub async fn list(&self, folder_id: &str) -> Listing {
        ok(self
            .get(&format!("folder/list.json/{{sid}}/{folder_id}"), &[])
            .await)
        .await
    }

    pub async fn names(&self, folder_id: &str) -> Vec<String> {
        let l = self.list(folder_id).await;
        l.Folders
            .iter()
            .map(|f| f.Name.clone())
            .chain(l.Files.iter().map(|f| f.Name.clone()))
            .collect()
    }

    pub async fn mkdir(&self, parent: &str, name: &str) -> Folder {
        ok(self
            .post(
                "folder.json",
                json!({"folder_name": name, "folder_sub_parent": parent}),
            )
            .await)
        .await
    }

    pub async fn create_file(&self, folder: &str, name: &str, content: &[u8]) -> Response {
        self.post(
            "upload/create_file.json",
            json!({
                "folder_id": folder,
                "file_name": name,
                "file_size": content.len(),
                "file_hash": md5_hex(content),
            }),
        )
        .await
    }

    pub async fn chunk(
        &self,
        temp: &str,
        offset: usize,
        bytes: &[u8],
        declared: usize,
    ) -> Response {
        let mut form = Form::new()
            .text("file_id", temp.to_owned())
            .text("temp_location", temp.to_owned())
            .text("chunk_offset", offset.to_string())
            .text("chunk_size", declared.to_string());
        if self.access_token.is_none() {
            form = form.text("session_id", self.sid.clone());
        } else {
            form = form.text("session_id", "OAUTH");
        }
        let form = form.part("file_data", Part::bytes(bytes.to_vec()).file_name("blob"));
        self.s
            .http
            .post(self.url("upload/upload_file_chunk.json"))
            .multipart(form)
            .send()
            .await
            .unwrap()
    }

    pub async fn close(&self, file_id: &str, temp: &str, content: &[u8], hash: &str) -> Response {
        self.post(
            "upload/close_file_upload.json",
            json!({
                "file_id": file_id,
                "temp_location": temp,
                "file_size": content.len(),
                "file_hash": hash,
            }),
        )
        .await
    }

    /// The whole protocol: create, open, chunks of `chunk` bytes, close.
    pub async fn upload(&self, folder: &str, name: &str, content: &[u8], chunk: usize) -> File {
        let created: CreateFileAnswer = ok(self.create_file(folder, name, content).await).await;
        if created.RequireHashOnly == 1 {
            return ok(self
                .close(&created.FileId, "", content, &md5_hex(content))
                .await)
            .await;
        }
        let temp = created.TempLocation.clone();
        let r = self
            .post(
                "upload/open_file_upload.json",
                json!({"file_id": created.FileId, "file_size": content.len(), "file_hash": md5_hex(content)}),
            )
            .await;
        let opened: Value = ok(r).await;
        assert_eq!(opened["TempLocation"], json!(temp));
        let mut offset = 0;
        for piece in content.chunks(chunk.max(1)) {
            let r = self.chunk(&temp, offset, piece, piece.len()).await;
            let v: Value = ok(r).await;
            offset += piece.len();
            assert_eq!(v["TotalWritten"], json!(offset));
        }
        ok(self
            .close(&created.FileId, &temp, content, &md5_hex(content))
            .await)
        .await
    }

    pub async fn download(&self, file_id: &str) -> Vec<u8> {
        let r = self
            .get(&format!("download/file.json/{file_id}"), &[])
            .await;
        assert_eq!(r.status(), 200);
        r.bytes().await.unwrap().to_vec()
    }
}
