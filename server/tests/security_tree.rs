//! The "Hardening" findings over real HTTP: a folder moved or copied into itself through two
//! mounts of nested shares, empty required numbers, invisible characters in names, and
//! backslashes in zip entries. Every request here has a 10 s timeout: a server that hangs
//! fails the test instead of stalling it, and each attack is followed by a request that must
//! still be served.

mod common;

use std::time::Duration;

use common::opendrive::{self as od};
use common::*;
use satchel_wire::cloudike::{Metadata, ShareInvitation};
use serde_json::json;

const BIDI: &str = "invoice\u{202E}fdp.exe";

async fn with_timeout() -> Server {
    let mut s = start().await;
    s.http = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    s
}

async fn user(s: &Server, login: &str) -> String {
    let password = format!("{login}-secret");
    s.core.ensure_user(login, &password, login).await.unwrap();
    s.login(login, &password).await
}

/// Alice shares /S and /S/T with Bob (writer); Bob accepts both, so his root holds the mounts
/// /S and /T, and Alice's folder T is reachable as /S/T and as /T. Answers Bob's token.
async fn nested_shares(s: &mut Server) -> String {
    s.upload("/S/T/inner.txt", b"inner").await;
    let alice = s.token.clone();
    let bob = user(s, "bob").await;
    let mut hashes = Vec::new();
    for path in ["/S", "/S/T"] {
        let r = s
            .post(
                "shares/add/",
                &[("path", path), ("member_login", "bob"), ("writer", "true")],
            )
            .await;
        let inv: ShareInvitation = s.ok_json(r).await;
        hashes.push(inv.hash);
    }
    s.token = bob.clone();
    for hash in &hashes {
        let r = s.post("shares/accept/", &[("hash", hash)]).await;
        let _: Metadata = s.ok_json(r).await;
    }
    let mut names = s.names("/").await;
    names.sort();
    assert_eq!(names, ["S", "T"]);
    s.token = alice;
    bob
}

/// The server still answers, and the tree is intact (every listing ends).
async fn still_serving(s: &Server) {
    assert!(s.names("/S/T").await.contains(&"inner.txt".to_owned()));
    assert_eq!(s.names("/S").await, ["T"]);
}

async fn refused_as(r: reqwest::Response, status: u16, error: &str) {
    let (got, body) = error_of(r).await;
    assert_eq!(
        (got.as_u16(), body.error.as_str()),
        (status, error),
        "{body:?}"
    );
}

#[tokio::test]
async fn moving_a_folder_into_itself_through_two_mounts_is_refused() {
    let mut s = with_timeout().await;
    let bob = nested_shares(&mut s).await;
    s.token = bob;
    s.mkdir("/T/sub").await;
    // /S/T and /T are one folder: moving it into itself (or below) would make a cycle.
    for to in ["/T", "/T/sub"] {
        let r = s
            .post("fileops/move/", &[("from_path", "/S/T"), ("to_path", to)])
            .await;
        refused_as(r, 424, "IntoOwnSubtree").await;
    }
    still_serving(&s).await;
}

#[tokio::test]
async fn copying_a_folder_into_its_own_subtree_through_two_mounts_is_refused() {
    let mut s = with_timeout().await;
    let bob = nested_shares(&mut s).await;
    s.token = bob;
    // /T is inside /S: the copy would walk into the copies it makes (the process aborted).
    for (from, to) in [("/S", "/T"), ("/T", "/S/T")] {
        let r = s
            .post("fileops/copy/", &[("from_path", from), ("to_path", to)])
            .await;
        refused_as(r, 424, "IntoOwnSubtree").await;
    }
    still_serving(&s).await;
    // An ordinary copy between the two mounts still works.
    let r = s
        .post(
            "fileops/copy/",
            &[("from_path", "/T/inner.txt"), ("to_path", "/S")],
        )
        .await;
    let _: Metadata = s.ok_json(r).await;
}

#[tokio::test]
async fn empty_required_numbers_are_400_not_a_panic() {
    let s = with_timeout().await;
    let md5 = md5_hex(b"x");
    let calls: [(&str, Vec<(&str, &str)>); 4] = [
        (
            "files/create/",
            vec![("path", "/x.txt"), ("size", ""), ("checksum", &md5)],
        ),
        (
            "files/create_part",
            vec![("temp_path", "abc"), ("part_num", ""), ("size", "1")],
        ),
        ("admin/assign_role", vec![("userid", ""), ("role", "user")]),
        (
            "accounts/company/change_users_quota",
            vec![("company_id", ""), ("userid", "1")],
        ),
    ];
    for (endpoint, form) in calls {
        let r = s.post(endpoint, &form).await;
        let (status, body) = error_of(r).await;
        assert_eq!(
            (status.as_u16(), body.error.as_str()),
            (400, "InvalidParameters"),
            "{endpoint}: {body:?}"
        );
        assert!(body.message.starts_with("missing parameter: "), "{body:?}");
        // The server keeps serving.
        assert!(s.names("/").await.is_empty());
    }
}

#[tokio::test]
async fn bidi_and_invisible_names_are_refused_in_both_dialects() {
    let s = with_timeout().await;
    let path = format!("/{BIDI}");
    let r = s.post("fileops/folder_create", &[("path", &path)]).await;
    refused_as(r, 400, "InvalidName").await;
    let r = s.create(&path, b"pdf?", false, false).await;
    refused_as(r, 400, "InvalidName").await;
    let r = s
        .post("fileops/folder_create", &[("path", "/zero\u{200B}width")])
        .await;
    refused_as(r, 400, "InvalidName").await;

    let o = od::login(&s, LOGIN, PASSWORD).await;
    let r = o
        .post(
            "folder.json",
            json!({"folder_name": BIDI, "folder_sub_parent": "0"}),
        )
        .await;
    assert_eq!(r.status(), 400);
    let r = o.create_file("0", BIDI, b"pdf?").await;
    assert_eq!(r.status(), 400);
    assert!(s.names("/").await.is_empty());
}

#[tokio::test]
async fn zip_entries_never_hold_a_backslash() {
    let s = with_timeout().await;
    s.upload("/Z/a\\b.txt", b"one").await;
    s.upload("/Z/d\\e/f.txt", b"two").await;
    let r = s.get("files/download_as_archive_stream/?path=/Z").await;
    assert_eq!(r.status(), 200);
    let announced: usize = r.headers()["content-length"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let bytes = r.bytes().await.unwrap();
    assert_eq!(bytes.len(), announced);
    let z = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut names: Vec<String> = z.file_names().map(str::to_owned).collect();
    names.sort();
    assert_eq!(names, ["Z/", "Z/a_b.txt", "Z/d_e/", "Z/d_e/f.txt"]);
}
