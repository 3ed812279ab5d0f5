//! Shared helpers: an in-process server on 127.0.0.1:0 over a fresh temp dir, and a client.
#![allow(dead_code)]

pub mod admin;
pub mod opendrive;

use std::sync::Arc;

use md5::{Digest, Md5};
use reqwest::{Response, StatusCode};
use satchel_server::Config;
use satchel_server::core::Core;
use satchel_wire::NodePath;
use satchel_wire::cloudike::{ErrorBody, Metadata, UploadTicket};
use serde_json::Value;

pub const LOGIN: &str = "alice";
pub const PASSWORD: &str = "alice-secret";

pub struct Server {
    pub base: String,
    pub addr: std::net::SocketAddr,
    pub http: reqwest::Client,
    pub core: Arc<Core>,
    pub token: String,
    pub dir: tempfile::TempDir,
}

pub async fn start() -> Server {
    start_with(|_| {}).await
}

pub async fn start_with(tweak: impl FnOnce(&mut Config)) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::new(dir.path().join("data"));
    config.listen = "127.0.0.1:0".parse().unwrap();
    tweak(&mut config);
    let running = satchel_server::start(&config).await.unwrap();
    running
        .core
        .ensure_user(LOGIN, PASSWORD, "Alice")
        .await
        .unwrap();
    let mut server = Server {
        base: format!("http://{}", running.addr),
        addr: running.addr,
        http: reqwest::Client::new(),
        core: running.core,
        token: String::new(),
        dir,
    };
    server.token = server.login(LOGIN, PASSWORD).await;
    server
}

/// Every file below `dir`, recursively (blobs, upload session parts).
pub fn files_under(dir: &std::path::Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| {
            if e.path().is_dir() {
                files_under(&e.path())
            } else {
                1
            }
        })
        .sum()
}

pub fn md5_hex(bytes: &[u8]) -> String {
    hex::encode(Md5::digest(bytes))
}

/// `/a b/c` → `a%20b/c`, for `metadata/<path>` style URLs.
pub fn enc(path: &str) -> String {
    NodePath::parse(path)
        .unwrap()
        .to_url_path()
        .trim_start_matches('/')
        .to_owned()
}

pub async fn error_of(r: Response) -> (StatusCode, ErrorBody) {
    let status = r.status();
    let body: ErrorBody = r.json().await.expect("an error body");
    assert_eq!(body.status, status.as_u16());
    (status, body)
}

impl Server {
    pub fn url(&self, endpoint: &str) -> String {
        if endpoint.starts_with('/') {
            format!("{}{endpoint}", self.base)
        } else {
            format!("{}/api/1/{endpoint}", self.base)
        }
    }

    pub async fn login(&self, login: &str, password: &str) -> String {
        let r = self
            .http
            .post(self.url("accounts/login/"))
            .form(&[("login", login), ("password", password)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let v: Value = r.json().await.unwrap();
        v["token"].as_str().unwrap().to_owned()
    }

    pub async fn post(&self, endpoint: &str, form: &[(&str, &str)]) -> Response {
        self.http
            .post(self.url(endpoint))
            .header("Mountbit-Auth", &self.token)
            .form(form)
            .send()
            .await
            .unwrap()
    }

    pub async fn get(&self, endpoint: &str) -> Response {
        self.http
            .get(self.url(endpoint))
            .header("Mountbit-Auth", &self.token)
            .send()
            .await
            .unwrap()
    }

    /// A conditional GET: 304 with no body when `etag` still matches.
    pub async fn get_if_none_match(&self, endpoint: &str, etag: &str) -> Response {
        self.http
            .get(self.url(endpoint))
            .header("Mountbit-Auth", &self.token)
            .header("If-None-Match", etag)
            .send()
            .await
            .unwrap()
    }

    pub async fn ok_json<T: serde::de::DeserializeOwned>(&self, r: Response) -> T {
        let status = r.status();
        let text = r.text().await.unwrap();
        assert!(status.is_success(), "{status}: {text}");
        serde_json::from_str(&text).unwrap()
    }

    pub async fn list(&self, path: &str) -> Metadata {
        let r = self.get(&format!("metadata/{}", enc(path))).await;
        self.ok_json(r).await
    }

    pub async fn names(&self, path: &str) -> Vec<String> {
        self.list(path)
            .await
            .content
            .unwrap()
            .into_iter()
            .map(|m| m.name)
            .collect()
    }

    pub async fn mkdir(&self, path: &str) -> Metadata {
        let r = self.post("fileops/folder_create", &[("path", path)]).await;
        self.ok_json(r).await
    }

    pub async fn create(
        &self,
        path: &str,
        content: &[u8],
        multipart: bool,
        overwrite: bool,
    ) -> Response {
        let size = content.len().to_string();
        let md5 = md5_hex(content);
        self.post(
            "files/create/",
            &[
                ("path", path),
                ("size", &size),
                ("checksum", &md5),
                ("multipart", if multipart { "true" } else { "false" }),
                ("overwrite", if overwrite { "true" } else { "false" }),
            ],
        )
        .await
    }

    pub async fn put(&self, url: &str, bytes: Vec<u8>) -> Response {
        self.http
            .put(self.url(url))
            .body(bytes)
            .send()
            .await
            .unwrap()
    }

    pub async fn part(&self, temp: &str, n: u32, bytes: &[u8]) -> Response {
        let (num, size, md5) = (n.to_string(), bytes.len().to_string(), md5_hex(bytes));
        let r = self
            .post(
                "files/create_part/",
                &[
                    ("temp_path", temp),
                    ("part_num", &num),
                    ("size", &size),
                    ("checksum", &md5),
                ],
            )
            .await;
        let t: Value = self.ok_json(r).await;
        self.put(t["url"].as_str().unwrap(), bytes.to_vec()).await
    }

    pub async fn confirm(
        &self,
        path: &str,
        temp: &str,
        content: &[u8],
        overwrite: bool,
    ) -> Response {
        let (size, md5) = (content.len().to_string(), md5_hex(content));
        self.post(
            &format!("files/confirm/{}", enc(path)),
            &[
                ("temp_name", temp),
                ("size", &size),
                ("checksum", &md5),
                ("overwrite", if overwrite { "true" } else { "false" }),
            ],
        )
        .await
    }

    /// A single-part upload all the way to a visible file.
    pub async fn upload(&self, path: &str, content: &[u8]) -> Metadata {
        self.upload_over(path, content, false).await
    }

    pub async fn upload_over(&self, path: &str, content: &[u8], overwrite: bool) -> Metadata {
        let r = self.create(path, content, false, overwrite).await;
        if r.status() == 201 {
            return r.json().await.unwrap();
        }
        let t: UploadTicket = self.ok_json(r).await;
        let r = self.put(t.url.as_deref().unwrap(), content.to_vec()).await;
        assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
        let r = self.confirm(path, &t.temp_path, content, overwrite).await;
        self.ok_json(r).await
    }

    pub async fn download(&self, path: &str) -> Vec<u8> {
        let r = self.get(&format!("files/get/{}", enc(path))).await;
        let v: Value = self.ok_json(r).await;
        let r = self
            .http
            .get(self.url(v["url"].as_str().unwrap()))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        r.bytes().await.unwrap().to_vec()
    }

    /// A request written by hand, so nothing normalises `../` before it leaves.
    pub async fn raw_get(&self, target: &str) -> (u16, String) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut s = tokio::net::TcpStream::connect(self.addr).await.unwrap();
        let req = format!(
            "GET {target} HTTP/1.1\r\nHost: x\r\nMountbit-Auth: {}\r\nConnection: close\r\n\r\n",
            self.token
        );
        s.write_all(req.as_bytes()).await.unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).await.unwrap();
        let status = out[9..12].parse().unwrap();
        (status, out)
    }
}
