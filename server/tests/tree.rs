mod common;

use common::*;
use satchel_wire::cloudike::{Metadata, MultiResult};

#[tokio::test]
async fn listing_etag_and_304() {
    let s = start().await;
    s.mkdir("/Docs").await;
    let r = s.get("metadata/Docs").await;
    let etag = r.headers()["etag"].to_str().unwrap().to_owned();
    let m: Metadata = r.json().await.unwrap();
    assert_eq!(etag.trim_matches('"'), m.hash.clone().unwrap());
    let r = s.get_if_none_match("metadata/Docs", &etag).await;
    assert_eq!(r.status(), 304);
    assert!(r.bytes().await.unwrap().is_empty());
    s.upload("/Docs/new.txt", b"hello").await;
    let r = s.get_if_none_match("metadata/Docs/", &etag).await;
    assert_eq!(r.status(), 200);
    assert_ne!(r.headers()["etag"].to_str().unwrap(), etag);
    // The root's hash changes too (something below changed).
    let root = s.list("/").await;
    assert!(root.hash.is_some());
    // Root also answers at metadata// .
    let r = s.get("metadata//").await;
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn listing_order_and_paging() {
    let s = start().await;
    s.upload("/b.txt", b"bb").await;
    s.upload("/a.txt", b"aaa").await;
    s.mkdir("/z").await;
    assert_eq!(s.names("/").await, ["z", "a.txt", "b.txt"]);
    let r = s.get("metadata/?order_by=-name").await;
    let m: Metadata = s.ok_json(r).await;
    let names: Vec<_> = m.content.unwrap().into_iter().map(|c| c.name).collect();
    assert_eq!(names, ["z", "b.txt", "a.txt"]);
    let r = s.get("metadata/?order_by=size&offset=1&limit=1").await;
    let m: Metadata = s.ok_json(r).await;
    assert_eq!(m.content.unwrap()[0].name, "b.txt");
    assert_eq!(m.is_last_page, Some(false));
    let r = s.get("metadata/?order_by=bogus").await;
    assert_eq!(error_of(r).await.1.error, "InvalidParameters");
    let r = s.get("metadata/missing").await;
    assert_eq!(error_of(r).await.0, 404);
}

#[tokio::test]
async fn folder_create() {
    let s = start().await;
    let m = s.mkdir("/a/b/c").await;
    assert_eq!(
        (m.path.as_str(), m.name.as_str(), m.folder),
        ("/a/b/c", "c", true)
    );
    assert_eq!(s.names("/a/b").await, ["c"]);
    let r = s
        .post("fileops/folder_create/", &[("path", "/a/b/c")])
        .await;
    let (status, body) = error_of(r).await;
    assert_eq!(
        (status.as_u16(), body.error.as_str()),
        (403, "AlreadyExists")
    );
    let r = s.post("fileops/folder_create/", &[]).await;
    let (_, body) = error_of(r).await;
    assert!(body.message.contains("path"));
    // JSON bodies work too.
    let r = s
        .http
        .post(s.url("fileops/folder_create"))
        .header("Mountbit-Auth", &s.token)
        .json(&serde_json::json!({"path": "/json"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn traversal_never_escapes() {
    let s = start().await;
    s.mkdir("/inner").await;
    for target in [
        "/api/1/metadata/inner/%2e%2e/%2e%2e",
        "/api/1/metadata/%2E%2E",
        "/api/1/metadata/inner%2F..%2F..",
        "/api/1/metadata/inner/../../etc",
        "/api/1/files/get/../../satchel.sqlite3",
    ] {
        let (status, text) = s.raw_get(target).await;
        assert!(status == 400 || status == 404, "{target}: {text}");
        assert!(text.contains("\"error\""), "{target}: {text}");
    }
    let (status, text) = s.raw_get("/api/1/metadata/inner/%2e%2e").await;
    assert_eq!(status, 400, "{text}");
    assert!(text.contains("InvalidName"));
    let (status, _) = s.raw_get("/api/1/metadata/%FF%FE").await;
    assert_eq!(status, 400);
    for bad in ["/../x", "/inner/..", "relative", "/a//b"] {
        let r = s.post("fileops/folder_create", &[("path", bad)]).await;
        let (status, body) = error_of(r).await;
        assert_eq!(
            (status.as_u16(), body.error.as_str()),
            (400, "InvalidName"),
            "{bad}"
        );
        let r = s
            .post(
                "fileops/move/",
                &[("from_path", "/inner"), ("to_path", bad)],
            )
            .await;
        assert_eq!(error_of(r).await.0, 400);
    }
    let r = s
        .post(
            "fileops/rename/",
            &[("path", "/inner"), ("newname", "../x")],
        )
        .await;
    assert_eq!(error_of(r).await.1.error, "InvalidName");
    assert_eq!(s.names("/").await, ["inner"]);
}

#[tokio::test]
async fn hostile_and_long_names_round_trip() {
    let s = start().await;
    let long = "n".repeat(1000);
    for name in [
        "<script>alert(1)<\\script>.txt",
        "Привет мир 🌍.md",
        long.as_str(),
        "a%2Fb",
        "q?#&=+.txt",
    ] {
        let path = format!("/{name}");
        let m = s.upload(&path, name.as_bytes()).await;
        assert_eq!(m.name, name);
        assert_eq!(m.path, path);
        assert_eq!(s.download(&path).await, name.as_bytes());
        let listed = s.list(&path).await;
        assert_eq!(listed.name, name);
    }
    let mut names = s.names("/").await;
    names.sort();
    assert_eq!(names.len(), 5);
    let huge = format!("/{}", "x".repeat(10_000));
    let r = s.post("fileops/folder_create", &[("path", &huge)]).await;
    let (status, body) = error_of(r).await;
    assert_eq!((status.as_u16(), body.error.as_str()), (400, "InvalidName"));
    assert!(body.message.contains("10000"));
    let r = s.create(&huge, b"x", false, false).await;
    assert_eq!(error_of(r).await.1.error, "InvalidName");
}

#[tokio::test]
async fn rename_move_copy_rules() {
    let s = start().await;
    s.mkdir("/A/sub").await;
    s.mkdir("/B").await;
    s.upload("/A/f.txt", b"one").await;
    s.upload("/B/f.txt", b"two").await;
    s.upload("/B/g.txt", b"three").await;

    // rename onto an existing name: 409
    let r = s
        .post(
            "fileops/rename/",
            &[("path", "/B/g.txt"), ("newname", "f.txt")],
        )
        .await;
    assert_eq!(error_of(r).await.0, 409);
    let r = s
        .post(
            "fileops/rename",
            &[("path", "/B/g.txt"), ("newname", "h.txt")],
        )
        .await;
    let m: Metadata = s.ok_json(r).await;
    assert_eq!(m.path, "/B/h.txt");

    // move with overwrite=false onto a taken name: 403
    let r = s
        .post(
            "fileops/move/",
            &[
                ("from_path", "/A/f.txt"),
                ("to_path", "/B"),
                ("overwrite", "false"),
            ],
        )
        .await;
    let (status, body) = error_of(r).await;
    assert_eq!(
        (status.as_u16(), body.error.as_str()),
        (403, "AlreadyExists")
    );
    // into own subtree: 424; onto a file: 405; same dir: 409; missing: 404
    let r = s
        .post(
            "fileops/move/",
            &[("from_path", "/A"), ("to_path", "/A/sub")],
        )
        .await;
    assert_eq!(error_of(r).await.0, 424);
    let r = s
        .post("fileops/move/", &[("from_path", "/A"), ("to_path", "/A")])
        .await;
    assert_eq!(error_of(r).await.0, 424);
    let r = s
        .post(
            "fileops/move/",
            &[("from_path", "/A/sub"), ("to_path", "/B/f.txt")],
        )
        .await;
    assert_eq!(error_of(r).await.1.error, "NotADirectory");
    let r = s
        .post(
            "fileops/move/",
            &[("from_path", "/A/f.txt"), ("to_path", "/A")],
        )
        .await;
    let (status, body) = error_of(r).await;
    assert_eq!(
        (status.as_u16(), body.error.as_str()),
        (409, "SameDirectory")
    );
    let r = s
        .post(
            "fileops/move/",
            &[("from_path", "/nope"), ("to_path", "/A")],
        )
        .await;
    assert_eq!(error_of(r).await.0, 404);

    // move with overwrite replaces the file
    let r = s
        .post(
            "fileops/move/",
            &[("from_path", "/A/f.txt"), ("to_path", "/B")],
        )
        .await;
    let m: Metadata = s.ok_json(r).await;
    assert_eq!(m.path, "/B/f.txt");
    assert_eq!(s.download("/B/f.txt").await, b"one");
    assert_eq!(s.names("/A").await, ["sub"]);

    // copy collisions are numbered; overwrite=false refuses
    for expected in ["f (1).txt", "f (2).txt"] {
        let r = s
            .post(
                "fileops/copy/",
                &[("from_path", "/B/f.txt"), ("to_path", "/B")],
            )
            .await;
        let m: Metadata = s.ok_json(r).await;
        assert_eq!(m.name, expected);
    }
    let r = s
        .post(
            "fileops/copy",
            &[
                ("from_path", "/B/f.txt"),
                ("to_path", "/B"),
                ("overwrite", "false"),
            ],
        )
        .await;
    assert_eq!(error_of(r).await.0, 403);
    assert_eq!(s.download("/B/f (2).txt").await, b"one");
    // copying a folder copies its tree
    let r = s
        .post(
            "fileops/copy/",
            &[("from_path", "/B"), ("to_path", "/A/sub")],
        )
        .await;
    let _: Metadata = s.ok_json(r).await;
    assert_eq!(
        s.names("/A/sub/B").await,
        ["f (1).txt", "f (2).txt", "f.txt", "h.txt"]
    );
    let r = s
        .post(
            "fileops/copy/",
            &[("from_path", "/A"), ("to_path", "/A/sub")],
        )
        .await;
    assert_eq!(error_of(r).await.0, 424);
}

#[tokio::test]
async fn delete_and_multi_delete() {
    let s = start().await;
    s.mkdir("/d/e").await;
    s.upload("/d/e/x.txt", b"x").await;
    s.upload("/y.txt", b"y").await;
    s.upload("/z.txt", b"zz").await;
    let r = s
        .post("fileops/delete/", &[("path", "/d"), ("only_empty", "true")])
        .await;
    assert_eq!(error_of(r).await.0, 403);
    let r = s.post("fileops/delete/", &[("path", "/d")]).await;
    let m: Metadata = s.ok_json(r).await;
    assert!(m.deleted);
    assert_eq!(m.path, "/d");
    assert_eq!(s.names("/").await, ["y.txt", "z.txt"]);
    let r = s.get("metadata/d/e").await;
    assert_eq!(error_of(r).await.0, 404);
    // The name is free again.
    s.mkdir("/d").await;

    let r = s
        .post(
            "fileops/delete",
            &[("path", "/z.txt"), ("without_trash", "true")],
        )
        .await;
    assert!(s.ok_json::<Metadata>(r).await.deleted);
    let r = s
        .post(
            "fileops/multi/delete/",
            &[("path", "/y.txt"), ("path", "/missing"), ("path", "/d")],
        )
        .await;
    let m: MultiResult = s.ok_json(r).await;
    assert_eq!((m.success, m.failed), (2, 1));
    assert_eq!(m.nodes[1].path, "/missing");
    assert_eq!(m.nodes[1].error_code, Some(404));
    assert_eq!(m.nodes[0].error_code, None);
    assert!(s.names("/").await.is_empty());
    let r = s.post("fileops/delete/", &[("path", "/")]).await;
    assert_eq!(error_of(r).await.0, 403);
}

#[tokio::test]
async fn purge_keeps_shared_blobs() {
    let s = start().await;
    s.upload("/a.txt", b"shared bytes").await;
    let r = s
        .post(
            "fileops/copy/",
            &[("from_path", "/a.txt"), ("to_path", "/")],
        )
        .await;
    let _: Metadata = s.ok_json(r).await;
    let r = s
        .post(
            "fileops/delete/",
            &[("path", "/a.txt"), ("without_trash", "true")],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(s.download("/a (1).txt").await, b"shared bytes");
    let r = s
        .post(
            "fileops/delete/",
            &[("path", "/a (1).txt"), ("without_trash", "true")],
        )
        .await;
    assert_eq!(r.status(), 200);
    let blobs = s.dir.path().join("data/blobs");
    let count = walk(&blobs);
    assert_eq!(count, 0, "the last reference gone, the blob is gone");
}

fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| {
                    if e.path().is_dir() {
                        walk(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}
