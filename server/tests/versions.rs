mod common;

use common::*;
use satchel_wire::cloudike::{Metadata, VersionInfo};

async fn versions(s: &Server, path: &str, query: &str) -> Vec<VersionInfo> {
    let r = s.get(&format!("files/versions/{}{query}", enc(path))).await;
    s.ok_json(r).await
}

async fn download_version(s: &Server, path: &str, version: i64) -> Vec<u8> {
    let r = s
        .get(&format!("files/get/{}?version={version}", enc(path)))
        .await;
    let v: serde_json::Value = s.ok_json(r).await;
    assert_eq!(v["version"], version);
    let r = s
        .http
        .get(s.url(v["url"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.bytes().await.unwrap().to_vec()
}

#[tokio::test]
async fn history_lists_newest_first_with_authors() {
    let s = start().await;
    s.upload("/d/notes.txt", b"one").await;
    s.upload_over("/d/notes.txt", b"two!", true).await;
    let m = s.upload_over("/d/notes.txt", b"three", true).await;
    assert_eq!(m.version, 3);

    let all = versions(&s, "/d/notes.txt", "").await;
    let nums: Vec<_> = all.iter().map(|v| v.version).collect();
    assert_eq!(nums, [3, 2, 1]);
    assert_eq!(all[2].checksum, md5_hex(b"one"));
    assert_eq!(all[1].bytes, 4);
    assert_eq!(all[1].size, "4B");
    assert!(all.iter().all(|v| v.timestamp > 1_600_000_000_000));
    assert!(
        all.iter()
            .all(|v| v.author == m.owner && v.author_name == "Alice")
    );
    assert!(all.iter().all(|v| v.restored_from.is_none()));

    let page = versions(&s, "/d/notes.txt", "?skip=1&limit=1").await;
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].version, 2);

    // Every version downloads.
    assert_eq!(download_version(&s, "/d/notes.txt", 1).await, b"one");
    assert_eq!(download_version(&s, "/d/notes.txt", 2).await, b"two!");
    assert_eq!(s.download("/d/notes.txt").await, b"three");

    let r = s.get("files/versions/d").await;
    assert_eq!(error_of(r).await.1.error, "InvalidParameters");
    let r = s.get("files/versions/d/missing.txt").await;
    assert_eq!(error_of(r).await.0, 404);
}

#[tokio::test]
async fn restore_makes_a_new_version() {
    let s = start().await;
    s.upload("/r.txt", b"original").await;
    s.upload_over("/r.txt", b"edited", true).await;
    // Another account's name must not leak into this history.
    s.core
        .ensure_user("bob", "bob-secret", "Bob")
        .await
        .unwrap();

    let r = s
        .post("files/restore/", &[("path", "/r.txt"), ("version", "1")])
        .await;
    let m: Metadata = s.ok_json(r).await;
    assert_eq!(m.version, 3);
    assert_eq!(m.checksum.as_deref(), Some(md5_hex(b"original").as_str()));
    assert_eq!(s.download("/r.txt").await, b"original");

    let all = versions(&s, "/r.txt", "").await;
    assert_eq!(all.len(), 3);
    assert_eq!((all[0].version, all[0].restored_from), (3, Some(1)));
    assert_eq!(all[0].checksum, all[2].checksum);
    // The older versions keep their own author, timestamp and content.
    assert_eq!(all[1].checksum, md5_hex(b"edited"));
    assert!(all.iter().all(|v| v.author_name == "Alice"));
    assert!(all[2].timestamp <= all[0].timestamp);
    assert_eq!(download_version(&s, "/r.txt", 2).await, b"edited");

    let r = s
        .post("files/restore/", &[("path", "/r.txt"), ("version", "9")])
        .await;
    assert_eq!(error_of(r).await.0, 404);
    let r = s.post("files/restore/", &[("path", "/r.txt")]).await;
    assert_eq!(error_of(r).await.0, 400);
}

/// Version restore of a file with a version from another user: the owner uploads v1 in a shared
/// folder, a writer collaborator uploads v2, the owner restores v1.
#[tokio::test]
async fn version_restore_of_a_file_with_a_version_from_another_user() {
    let mut s = start().await;
    let alice = s.token.clone();
    let v1 = s
        .upload("/Shared/report.txt", b"version one by alice")
        .await;
    s.core
        .ensure_user("wendy", "wendy-secret", "Wendy")
        .await
        .unwrap();
    let wendy = s.login("wendy", "wendy-secret").await;
    let r = s
        .post(
            "shares/add/",
            &[
                ("path", "/Shared"),
                ("member_login", "wendy"),
                ("writer", "true"),
            ],
        )
        .await;
    let inv: serde_json::Value = s.ok_json(r).await;
    let wendy_id = inv["userid"].as_i64().unwrap();

    s.token = wendy;
    let r = s
        .post("shares/accept/", &[("hash", inv["hash"].as_str().unwrap())])
        .await;
    assert_eq!(r.status(), 200);
    let v2 = s
        .upload_over("/Shared/report.txt", b"version two by wendy", true)
        .await;
    assert_eq!(v2.version, 2);
    assert_eq!(v2.owner, v1.owner);

    s.token = alice;
    let r = s
        .post(
            "files/restore/",
            &[("path", "/Shared/report.txt"), ("version", "1")],
        )
        .await;
    let m: Metadata = s.ok_json(r).await;
    assert_eq!(m.version, 3);
    assert_eq!(
        m.checksum.as_deref(),
        Some(md5_hex(b"version one by alice").as_str())
    );

    let all = versions(&s, "/Shared/report.txt", "").await;
    let lines: Vec<(i64, i64, &str, Option<i64>)> = all
        .iter()
        .map(|v| (v.version, v.author, v.author_name.as_str(), v.restored_from))
        .collect();
    assert_eq!(
        lines,
        [
            (3, v1.owner, "Alice", Some(1)),
            (2, wendy_id, "Wendy", None),
            (1, v1.owner, "Alice", None),
        ]
    );
    assert_eq!(
        s.download("/Shared/report.txt").await,
        b"version one by alice"
    );
    assert_eq!(
        download_version(&s, "/Shared/report.txt", 2).await,
        b"version two by wendy"
    );
    assert_eq!(
        download_version(&s, "/Shared/report.txt", 1).await,
        b"version one by alice"
    );
    // The collaborator sees the same history through the mount.
    let wendy = s.login("wendy", "wendy-secret").await;
    s.token = wendy;
    let theirs = versions(&s, "/Shared/report.txt", "").await;
    assert_eq!(theirs, all);
    assert_eq!(
        s.download("/Shared/report.txt").await,
        b"version one by alice"
    );
}
