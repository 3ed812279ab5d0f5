//! Public links: the creator's endpoints, and the recipient's (no account), with password,
//! expiry, download limit and confinement to the linked item.

mod common;

use std::io::Read;

use common::*;
use reqwest::Response;
use satchel_wire::cloudike::{Metadata, PublicLink};
use serde_json::Value;

async fn make_link(s: &Server, path: &str, extra: &[(&str, &str)]) -> PublicLink {
    let mut form = vec![("path", path)];
    form.extend_from_slice(extra);
    let r = s.post("links/create/", &form).await;
    s.ok_json(r).await
}

/// A recipient's GET: no auth header; the password (if any) in `Link-Password`.
async fn anon(s: &Server, endpoint: &str, password: Option<&str>) -> Response {
    let mut req = s.http.get(s.url(endpoint));
    if let Some(p) = password {
        req = req.header("Link-Password", p);
    }
    req.send().await.unwrap()
}

async fn seed(s: &Server) {
    s.upload("/Pub/a.txt", b"alpha").await;
    s.upload("/Pub/sub/b.txt", b"bravo").await;
    s.upload("/Secret/s.txt", b"hidden").await;
    s.upload("/top.txt", b"toplevel").await;
}

#[tokio::test]
async fn folder_link_serves_only_the_folder() {
    let s = start().await;
    seed(&s).await;
    let link = make_link(&s, "/Pub", &[]).await;
    assert_eq!(link.hash.len(), 40);
    assert!(link.hash.chars().all(|c| c.is_ascii_hexdigit()));
    assert!(link.public_hash.ends_with(&format!("/s/{}", link.hash)));
    assert_eq!((link.path.as_str(), link.name.as_str()), ("/Pub", "Pub"));
    assert!(link.folder && !link.has_password);
    assert_eq!(
        (link.expires, link.download_max, link.downloads),
        (None, None, 0)
    );

    let r = s.get("links/").await;
    let all: Vec<PublicLink> = s.ok_json(r).await;
    assert_eq!(all, vec![link.clone()]);

    // The recipient's view: relative paths, no owner.
    let h = &link.hash;
    let r = anon(&s, &format!("links/metadata/{h}/"), None).await;
    let m: Metadata = s.ok_json(r).await;
    assert_eq!((m.name.as_str(), m.path.as_str(), m.owner), ("Pub", "/", 0));
    assert_eq!(m.owner_name, "");
    let kids: Vec<(String, String)> = m
        .content
        .unwrap()
        .into_iter()
        .map(|c| (c.name, c.path))
        .collect();
    assert_eq!(
        kids,
        [
            ("sub".to_owned(), "/sub".to_owned()),
            ("a.txt".to_owned(), "/a.txt".to_owned())
        ]
    );
    let r = anon(&s, &format!("links/metadata/{h}/sub"), None).await;
    let m: Metadata = s.ok_json(r).await;
    assert_eq!(m.content.unwrap()[0].path, "/sub/b.txt");

    // Download through a ticket.
    let r = anon(&s, &format!("links/get/{h}/sub/b.txt"), None).await;
    let t: Value = s.ok_json(r).await;
    let r = s
        .http
        .get(s.url(t["url"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.bytes().await.unwrap().as_ref(), b"bravo");

    // Zip of the whole folder and of one path.
    let r = anon(&s, &format!("links/download_as_archive_stream/{h}/"), None).await;
    assert_eq!(r.status(), 200);
    let bytes = r.bytes().await.unwrap().to_vec();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut names: Vec<String> = zip.file_names().map(str::to_owned).collect();
    names.sort();
    assert_eq!(names, ["Pub/", "Pub/a.txt", "Pub/sub/", "Pub/sub/b.txt"]);
    let mut content = String::new();
    zip.by_name("Pub/a.txt")
        .unwrap()
        .read_to_string(&mut content)
        .unwrap();
    assert_eq!(content, "alpha");
    let r = anon(
        &s,
        &format!("links/download_as_archive_stream/{h}/?path=/sub/b.txt"),
        None,
    )
    .await;
    assert_eq!(r.status(), 200);

    // Downloads were counted (one get, two zips).
    let r = s.get("links/").await;
    let all: Vec<PublicLink> = s.ok_json(r).await;
    assert_eq!(all[0].downloads, 3);

    // Missing inside: 404; a folder is not downloadable.
    let r = anon(&s, &format!("links/metadata/{h}/nope"), None).await;
    assert_eq!(error_of(r).await.0, 404);
    let r = anon(&s, &format!("links/get/{h}/sub"), None).await;
    assert_eq!(error_of(r).await.0, 400);
}

#[tokio::test]
async fn link_paths_never_escape_the_linked_item() {
    let s = start().await;
    seed(&s).await;
    let h = make_link(&s, "/Pub", &[]).await.hash;
    let base = "/api/1/links";
    let attempts = [
        format!("{base}/metadata/{h}/.."),
        format!("{base}/metadata/{h}/../Secret"),
        format!("{base}/metadata/{h}/../Secret/s.txt"),
        format!("{base}/metadata/{h}/sub/../../Secret"),
        format!("{base}/metadata/{h}/%2e%2e"),
        format!("{base}/metadata/{h}/%2e%2e/Secret"),
        format!("{base}/metadata/{h}/%2E%2E/%2E%2E/Secret"),
        format!("{base}/metadata/{h}/..%2fSecret"),
        format!("{base}/metadata/{h}/%2e%2e%2fSecret"),
        format!("{base}/metadata/{h}/./../top.txt"),
        format!("{base}/get/{h}/../top.txt"),
        format!("{base}/get/{h}/%2e%2e/top.txt"),
        format!("{base}/get/{h}/..%2ftop.txt"),
        format!("{base}/get/{h}/%2e%2e/Secret/s.txt"),
        format!("{base}/download_as_archive_stream/{h}/?path=/../Secret"),
        format!("{base}/download_as_archive_stream/{h}/?path=..%2fSecret"),
        format!("{base}/download_as_archive_stream/{h}/?path=%2e%2e"),
        format!("{base}/metadata/../metadata/"),
        format!("{base}/metadata/{h}/..%5cSecret"),
    ];
    for target in &attempts {
        let (status, text) = s.raw_get(target).await;
        assert_eq!(status, 404, "{target}: {text}");
        for leak in ["Secret", "s.txt", "top.txt", "hidden", "toplevel"] {
            let body = text.split("\r\n\r\n").nth(1).unwrap_or("");
            assert!(!body.contains(leak), "{target} leaked {leak}: {body}");
        }
    }
}

#[tokio::test]
async fn file_link_is_the_file() {
    let s = start().await;
    seed(&s).await;
    let link = make_link(&s, "/Pub/a.txt", &[]).await;
    assert!(!link.folder);
    let h = &link.hash;
    let r = anon(&s, &format!("links/metadata/{h}/"), None).await;
    let m: Metadata = s.ok_json(r).await;
    assert_eq!((m.name.as_str(), m.folder, m.bytes), ("a.txt", false, 5));
    let r = anon(&s, &format!("links/get/{h}/"), None).await;
    assert_eq!(r.status(), 200);
    for rel in ["x", "a.txt", "..", "%2e%2e/sub"] {
        let r = anon(&s, &format!("links/metadata/{h}/{rel}"), None).await;
        assert_eq!(r.status(), 404, "{rel}");
    }
}

#[tokio::test]
async fn password_protects_every_recipient_endpoint() {
    let s = start().await;
    seed(&s).await;
    let link = make_link(&s, "/Pub", &[("password", "open sesame")]).await;
    assert!(link.has_password);
    let h = &link.hash;
    for endpoint in [
        format!("links/metadata/{h}/"),
        format!("links/get/{h}/a.txt"),
        format!("links/download_as_archive_stream/{h}/"),
    ] {
        let r = anon(&s, &endpoint, None).await;
        let (status, body) = error_of(r).await;
        assert_eq!(
            (status.as_u16(), body.error.as_str()),
            (401, "PasswordRequired")
        );
        assert!(!body.message.contains("a.txt"));
        let r = anon(&s, &endpoint, Some("wrong")).await;
        let (status, body) = error_of(r).await;
        assert_eq!(
            (status.as_u16(), body.error.as_str()),
            (401, "WrongPassword")
        );
        let r = anon(&s, &endpoint, Some("open sesame")).await;
        assert_eq!(r.status(), 200, "{endpoint}");
    }
    // The password as a parameter.
    let r = anon(
        &s,
        &format!("links/metadata/{h}/?password=open%20sesame"),
        None,
    )
    .await;
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn expired_link_is_gone() {
    let s = start().await;
    seed(&s).await;
    let link = make_link(&s, "/Pub", &[("ttl", "1")]).await;
    let expires = link.expires.unwrap();
    assert!(expires > link.created && expires <= link.created + 1_100);
    let h = &link.hash;
    let r = anon(&s, &format!("links/metadata/{h}/"), None).await;
    assert_eq!(r.status(), 200);
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    let r = anon(&s, &format!("links/metadata/{h}/"), None).await;
    let (status, body) = error_of(r).await;
    assert_eq!((status.as_u16(), body.error.as_str()), (410, "LinkExpired"));

    // Too long a ttl.
    let r = s
        .post("links/create/", &[("path", "/Pub"), ("ttl", "31536001")])
        .await;
    assert_eq!(error_of(r).await.0, 400);
}

#[tokio::test]
async fn download_limit_and_deleted_links() {
    let s = start().await;
    seed(&s).await;
    let link = make_link(&s, "/Pub", &[("download_max", "1")]).await;
    assert_eq!(link.download_max, Some(1));
    let h = link.hash.clone();
    let r = anon(&s, &format!("links/get/{h}/a.txt"), None).await;
    assert_eq!(r.status(), 200);
    let r = anon(&s, &format!("links/get/{h}/a.txt"), None).await;
    let (status, body) = error_of(r).await;
    assert_eq!(
        (status.as_u16(), body.error.as_str()),
        (410, "DownloadLimitReached")
    );

    // Creating again on the same path keeps the hash and replaces the settings.
    let again = make_link(&s, "/Pub", &[]).await;
    assert_eq!(again.hash, h);
    assert_eq!(again.download_max, None);
    let r = anon(&s, &format!("links/get/{h}/a.txt"), None).await;
    assert_eq!(r.status(), 200);

    // Deleted: 404 LinkNotFound, as an unknown hash.
    let r = s.post("links/delete/", &[("path", "/Pub")]).await;
    assert_eq!(r.status(), 200);
    for hash in [h.as_str(), "0123456789abcdef0123456789abcdef01234567"] {
        let r = anon(&s, &format!("links/metadata/{hash}/"), None).await;
        let (status, body) = error_of(r).await;
        assert_eq!(
            (status.as_u16(), body.error.as_str()),
            (404, "LinkNotFound")
        );
    }
    let r = s.post("links/delete/", &[("hash", &h)]).await;
    assert_eq!(error_of(r).await.0, 404);

    // A trashed item's link is not found either.
    let h2 = make_link(&s, "/Secret", &[]).await.hash;
    s.post("fileops/delete/", &[("path", "/Secret")]).await;
    let r = anon(&s, &format!("links/metadata/{h2}/"), None).await;
    assert_eq!(error_of(r).await.1.error, "LinkNotFound");
}

#[tokio::test]
async fn only_the_creator_manages_links_and_add_to_storage_copies() {
    let mut s = start().await;
    seed(&s).await;
    let h = make_link(&s, "/Pub", &[]).await.hash;
    let alice = s.token.clone();
    s.core
        .ensure_user("bob", "bob-secret", "Bob")
        .await
        .unwrap();
    let bob = s.login("bob", "bob-secret").await;

    s.token = bob.clone();
    let r = s.get("links/").await;
    let mine: Vec<PublicLink> = s.ok_json(r).await;
    assert!(mine.is_empty());
    let r = s.post("links/delete/", &[("hash", &h)]).await;
    assert_eq!(error_of(r).await.0, 404);
    // Bob's path /Pub does not exist: his links cannot reach Alice's tree.
    let r = s.post("links/create/", &[("path", "/Pub")]).await;
    let (status, body) = error_of(r).await;
    assert_eq!(status, 404);
    assert!(!body.message.contains("a.txt"));

    // add_to_storage: copies into Bob's root, numbered on a clash.
    for expected in ["Pub", "Pub (1)"] {
        let r = s.get(&format!("links/add_to_storage/{h}/")).await;
        let v: Value = s.ok_json(r).await;
        let r = s
            .get(&format!("task/{}/", v["taskid"].as_str().unwrap()))
            .await;
        let t: Value = s.ok_json(r).await;
        assert_eq!(t["status"], "done");
        assert_eq!(t["folder_name"], expected);
        assert_eq!(t["files_count"], 2);
        assert_eq!(t["size"], 10);
    }
    assert_eq!(s.names("/").await, ["Pub", "Pub (1)"]);
    assert_eq!(s.download("/Pub (1)/sub/b.txt").await, b"bravo");
    // The copy is Bob's own: changing it leaves Alice's alone.
    s.post("fileops/delete/", &[("path", "/Pub/a.txt")]).await;
    s.token = alice;
    assert_eq!(s.download("/Pub/a.txt").await, b"alpha");

    // Not signed in: 401.
    let r = anon(&s, &format!("links/add_to_storage/{h}/"), None).await;
    assert_eq!(error_of(r).await.0, 401);
}
