//! Hardening of uploads, quotas and public links, over real HTTP: an MD5 and a size never hand
//! over (or reveal) someone else's file; absurd sizes are refused, never wrapped; a session never
//! holds more than it declared, and open sessions reserve quota; a link's download limit holds
//! under concurrency, and its tickets die with it.

mod common;

use common::admin::cast;
use common::opendrive::{self as od, ok};
use common::*;
use reqwest::{Method, Response};
use satchel_wire::cloudike::{PublicLink, UploadTicket};
use satchel_wire::opendrive::CreateFileAnswer;
use serde_json::Value;

fn blobs(s: &Server) -> usize {
    files_under(&s.dir.path().join("data").join("blobs"))
}

/// Bytes held on disk by one upload session.
fn session_bytes(s: &Server, temp: &str) -> u64 {
    let dir = s
        .dir
        .path()
        .join("data")
        .join("tmp")
        .join("uploads")
        .join(temp);
    std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.metadata().unwrap().len()).sum())
        .unwrap_or(0)
}

async fn bob(s: &Server) -> Server {
    s.core.ensure_user("bob", "bob-pw", "Bob").await.unwrap();
    let token = s.login("bob", "bob-pw").await;
    s.as_user(&token)
}

/// `files/create/` with a declared size and checksum (not taken from any content).
async fn create_raw(s: &Server, path: &str, size: &str, md5: &str, multipart: bool) -> Response {
    let multipart = if multipart { "true" } else { "false" };
    s.post(
        "files/create/",
        &[
            ("path", path),
            ("size", size),
            ("checksum", md5),
            ("multipart", multipart),
        ],
    )
    .await
}

/// The keys of an answer, and its status: what tells "known" from "unknown" content.
async fn shape(r: Response) -> (u16, Vec<String>) {
    let status = r.status().as_u16();
    let v: Value = r.json().await.unwrap();
    let mut keys: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    (status, keys)
}

#[tokio::test]
async fn an_md5_and_size_do_not_hand_over_someone_elses_file() {
    let s = start().await;
    let secret = b"alice's payroll, 2026".to_vec();
    s.upload("/payroll.txt", &secret).await;
    assert_eq!(blobs(&s), 1);
    let bob = bob(&s).await;

    // Alice's content and content nobody has answer alike: 200 and a session to upload to.
    let taken = bob.create("/mine.txt", &secret, false, false).await;
    let unknown = bob
        .create("/other.txt", b"nobody has these bytes", false, false)
        .await;
    let taken_shape = shape(taken).await;
    assert_eq!(taken_shape, shape(unknown).await);
    assert_eq!(taken_shape.0, 200);
    assert!(
        bob.names("/").await.is_empty(),
        "nothing appears before the bytes"
    );

    // Once Bob sends the bytes, the file is his; storage is still shared (one blob).
    let m = bob.upload("/mine.txt", &secret).await;
    assert_eq!(m.path, "/mine.txt");
    assert_eq!(bob.download("/mine.txt").await, secret);
    assert_eq!(blobs(&s), 1);

    // Alice's own content is still deduplicated without the bytes: 201 with metadata.
    let r = s.create("/again/payroll.txt", &secret, false, false).await;
    assert_eq!(r.status(), 201);
    assert_eq!(s.download("/again/payroll.txt").await, secret);
    // Her trashed content too: it is hers.
    let gone = b"trashed but mine".to_vec();
    s.upload("/old.txt", &gone).await;
    s.post("fileops/delete/", &[("path", "/old.txt")]).await;
    assert_eq!(
        s.create("/back.txt", &gone, false, false).await.status(),
        201
    );
}

#[tokio::test]
async fn opendrive_hash_only_upload_is_for_ones_own_content() {
    let s = start().await;
    let alice = od::login(&s, LOGIN, PASSWORD).await;
    let secret = b"alice's OpenDrive secret".to_vec();
    alice.upload("0", "secret.txt", &secret, 8).await;
    s.core.ensure_user("bob", "bob-pw", "Bob").await.unwrap();
    let bob = od::login(&s, "bob", "bob-pw").await;

    let taken: CreateFileAnswer = ok(bob.create_file("0", "mine.txt", &secret).await).await;
    let unknown: CreateFileAnswer =
        ok(bob.create_file("0", "other.txt", b"unknown bytes!!").await).await;
    for a in [&taken, &unknown] {
        assert_eq!(a.RequireHashOnly, 0);
        assert_eq!(a.TempLocation.len(), 32);
        assert_eq!(
            a.FileId, a.TempLocation,
            "a provisional id, as for unknown content"
        );
    }
    assert!(bob.names("0").await.is_empty());
    // Closing without the bytes publishes nothing.
    let r = bob
        .close(
            &taken.FileId,
            &taken.TempLocation,
            &secret,
            &md5_hex(&secret),
        )
        .await;
    assert_eq!(r.status(), 400);
    assert!(bob.names("0").await.is_empty());

    let f = bob.upload("0", "mine2.txt", &secret, 8).await;
    assert_eq!(bob.download(&f.FileId).await, secret);
    assert_eq!(blobs(&s), 1, "the verified bytes share the stored blob");

    let again: CreateFileAnswer = ok(alice.create_file("0", "copy.txt", &secret).await).await;
    assert_eq!(again.RequireHashOnly, 1);
    assert_eq!(again.TempLocation, "");
}

#[tokio::test]
async fn absurd_sizes_are_refused_never_wrapped() {
    let s = start().await;
    let cast = cast(&s).await;
    s.upload("/a.bin", &[1u8; 60]).await;
    let md5 = md5_hex(b"whatever");
    for size in ["18446744073709551615", "9223372036854775808"] {
        let r = create_raw(&s, "/huge.bin", size, &md5, true).await;
        let (status, body) = error_of(r).await;
        assert_eq!(
            (status.as_u16(), body.error.as_str()),
            (400, "InvalidParameters")
        );
    }
    let alice = cast.alice.id.to_string();
    let quota = |bytes: &'static str| {
        let (s, alice, boss) = (&s, alice.clone(), cast.boss.token.clone());
        async move {
            let form = [
                ("company_id", "1"),
                ("userid", alice.as_str()),
                ("quota_size", bytes),
            ];
            let endpoint = "accounts/company/change_users_quota";
            s.call(Method::POST, endpoint, Some(&boss), &form).await
        }
    };
    let r = quota("18446744073709551615").await;
    assert_eq!(
        r.status(),
        400,
        "a quota beyond i64 would be stored negative"
    );
    let r = quota("1000").await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    // 60 stored + (2^64 - 10) wrapped to 49 before: it must be refused, not let through.
    let r = create_raw(&s, "/wrap.bin", "18446744073709551606", &md5, false).await;
    assert_eq!(r.status(), 400);
    let r = create_raw(&s, "/max.bin", "9223372036854775807", &md5, false).await;
    assert_eq!(error_of(r).await.0, 402);
    // A confirm declaring an absurd size: 400 too.
    let t: UploadTicket = s
        .ok_json(s.create("/c.bin", b"abc", false, false).await)
        .await;
    s.put(t.url.as_deref().unwrap(), b"abc".to_vec()).await;
    let r = s
        .post(
            "files/confirm/c.bin",
            &[
                ("temp_name", &t.temp_path),
                ("size", "18446744073709551615"),
            ],
        )
        .await;
    assert_eq!(r.status(), 400);
    // OpenDrive's create_file: the same.
    let o = od::login(&s, LOGIN, PASSWORD).await;
    let r = o
        .post(
            "upload/create_file.json",
            serde_json::json!({"folder_id": "0", "file_name": "h.bin",
                "file_size": "18446744073709551615", "file_hash": md5}),
        )
        .await;
    assert_eq!(r.status(), 400);
    // Still serving.
    s.upload("/after.bin", b"still here").await;
    assert_eq!(s.download("/after.bin").await, b"still here");
}

#[tokio::test]
async fn a_session_never_receives_more_than_it_declared() {
    let s = start().await;
    const MIB: usize = 1024 * 1024;
    let content = vec![7u8; MIB];
    let t: UploadTicket = s
        .ok_json(s.create("/one.bin", &content, true, false).await)
        .await;
    assert_eq!(s.part(&t.temp_path, 1, &content).await.status(), 200);
    // A second MiB has no room: refused, and not kept.
    let r = s.part(&t.temp_path, 2, &content).await;
    assert_eq!(error_of(r).await.0, 400);
    assert!(session_bytes(&s, &t.temp_path) <= MIB as u64);
    // Resending part 1 (a retry) still fits: it replaces itself.
    assert_eq!(s.part(&t.temp_path, 1, &content).await.status(), 200);
    let r = s.confirm("/one.bin", &t.temp_path, &content, false).await;
    assert_eq!(r.status(), 200);

    // A single-part session of 10 bytes split over part URLs cannot take more either.
    let small = b"0123456789".to_vec();
    let t: UploadTicket = s
        .ok_json(s.create("/two.bin", &small, true, false).await)
        .await;
    assert_eq!(s.part(&t.temp_path, 1, &small[..6]).await.status(), 200);
    assert_eq!(error_of(s.part(&t.temp_path, 2, &small).await).await.0, 400);
    assert_eq!(s.part(&t.temp_path, 2, &small[6..]).await.status(), 200);
}

#[tokio::test]
async fn open_sessions_count_toward_the_quota_and_are_bounded() {
    let s = start().await;
    let cast = cast(&s).await;
    s.post_as(
        &cast.boss.token,
        "accounts/company/change_users_quota",
        &[
            ("company_id", "1"),
            ("userid", &cast.alice.id.to_string()),
            ("quota_size", "1000"),
        ],
    )
    .await;
    let a: UploadTicket = s
        .ok_json(s.create("/a.bin", &[1u8; 600], false, false).await)
        .await;
    // Each is under the quota, both together are not.
    let (status, body) = error_of(s.create("/b.bin", &[2u8; 600], false, false).await).await;
    assert_eq!(
        (status.as_u16(), body.error.as_str()),
        (402, "QuotaExceeded")
    );
    s.post("files/cancel_upload", &[("temp_path", &a.temp_path)])
        .await;
    assert_eq!(
        s.create("/b.bin", &[2u8; 600], false, false).await.status(),
        200
    );

    // At most 100 open sessions per user (Bob has no quota).
    let bob = bob(&s).await;
    for i in 0..100 {
        let r = bob
            .create(&format!("/f{i}.bin"), &[i as u8; 3], false, false)
            .await;
        assert_eq!(r.status(), 200);
    }
    let (status, body) = error_of(bob.create("/f100.bin", b"xyz", false, false).await).await;
    assert_eq!(status, 400);
    assert!(
        body.message.contains("unfinished uploads"),
        "{}",
        body.message
    );
}

async fn make_link(s: &Server, path: &str, extra: &[(&str, &str)]) -> Response {
    let mut form = vec![("path", path)];
    form.extend_from_slice(extra);
    s.post("links/create/", &form).await
}

async fn anon_get(s: &Server, endpoint: &str) -> Response {
    s.http.get(s.url(endpoint)).send().await.unwrap()
}

// Several worker threads, so the server really handles the ten requests at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_one_download_link_serves_one_of_ten_concurrent_downloads() {
    let s = start().await;
    s.upload("/Pub/a.txt", b"alpha").await;
    // A password makes each download verify a hash between the link's checks and its count:
    // the window where a check-then-increment let several through.
    let settings = [("download_max", "1"), ("password", "pw")];
    let link: PublicLink = s.ok_json(make_link(&s, "/Pub", &settings).await).await;
    let url = s.url(&format!("links/get/{}/a.txt", link.hash));
    let tries = (0..10).map(|_| {
        let (http, url) = (s.http.clone(), url.clone());
        tokio::spawn(async move {
            let r = http.get(url).header("Link-Password", "pw").send().await;
            r.unwrap().status().as_u16()
        })
    });
    let mut statuses = Vec::new();
    for t in tries {
        statuses.push(t.await.unwrap());
    }
    statuses.sort();
    assert_eq!(statuses, [200, 410, 410, 410, 410, 410, 410, 410, 410, 410]);
    let all: Vec<PublicLink> = s.ok_json(s.get("links/").await).await;
    assert_eq!(all[0].downloads, 1);
}

#[tokio::test]
async fn a_link_ticket_dies_with_its_link() {
    let s = start().await;
    s.upload("/Pub/a.txt", b"alpha").await;
    let ticket = |hash: String| {
        let s = &s;
        async move {
            let t: Value = s
                .ok_json(anon_get(s, &format!("links/get/{hash}/a.txt")).await)
                .await;
            t["url"].as_str().unwrap().to_owned()
        }
    };
    let link: PublicLink = s.ok_json(make_link(&s, "/Pub", &[]).await).await;
    let live = ticket(link.hash.clone()).await;
    assert_eq!(
        anon_get(&s, &live).await.status(),
        200,
        "a live link's ticket works"
    );

    // Deleted link: its ticket is refused.
    let t = ticket(link.hash.clone()).await;
    s.post("links/delete/", &[("hash", &link.hash)]).await;
    assert_eq!(anon_get(&s, &t).await.status(), 404);

    // Changed settings (a password now): tickets granted before are refused.
    let link: PublicLink = s.ok_json(make_link(&s, "/Pub", &[]).await).await;
    let t = ticket(link.hash.clone()).await;
    make_link(&s, "/Pub", &[("password", "sesame")]).await;
    assert_eq!(anon_get(&s, &t).await.status(), 404);

    // The linked item trashed: refused.
    let link: PublicLink = s.ok_json(make_link(&s, "/Pub", &[]).await).await;
    let t = ticket(link.hash.clone()).await;
    s.post("fileops/delete/", &[("path", "/Pub")]).await;
    assert_eq!(anon_get(&s, &t).await.status(), 404);
}

#[tokio::test]
async fn a_huge_download_max_is_refused_never_stored_negative() {
    let s = start().await;
    s.upload("/f.txt", b"f").await;
    let r = make_link(&s, "/f.txt", &[("download_max", "18446744073709551615")]).await;
    let (status, body) = error_of(r).await;
    assert_eq!(
        (status.as_u16(), body.error.as_str()),
        (400, "InvalidParameters")
    );
    let all: Value = s.ok_json(s.get("links/").await).await;
    assert_eq!(all, serde_json::json!([]), "nothing was stored");
    // The largest storable limit is kept as it is.
    let link: PublicLink = s
        .ok_json(make_link(&s, "/f.txt", &[("download_max", "9223372036854775807")]).await)
        .await;
    assert_eq!(link.download_max, Some(i64::MAX as u64));
    let all: Value = s.ok_json(s.get("links/").await).await;
    assert_eq!(all[0]["download_max"], serde_json::json!(i64::MAX));
}
