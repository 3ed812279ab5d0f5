//! Quotas: uploads (deduplicated ones too), parts, confirms, copies and link saves beyond the
//! user's or the company's quota are refused with 402 before any byte is stored; bulk quota
//! changes; quota requests; the storage overview.

mod common;

use common::admin::cast;
use common::*;
use reqwest::Method;
use satchel_wire::cloudike::UploadTicket;
use serde_json::Value;

/// What is stored on disk: blobs, and upload sessions (directories and parts).
fn stored(s: &Server) -> (usize, usize) {
    let data = s.dir.path().join("data");
    let sessions = std::fs::read_dir(data.join("tmp").join("uploads"))
        .map(|d| d.count())
        .unwrap_or(0);
    (files_under(&data.join("blobs")), sessions)
}

async fn set_quota(s: &Server, admin: &str, user: i64, bytes: &str) -> Value {
    s.post_as(
        admin,
        "accounts/company/change_users_quota",
        &[
            ("company_id", "1"),
            ("userid", &user.to_string()),
            ("quota_size", bytes),
        ],
    )
    .await
}

async fn expect_quota_exceeded(r: reqwest::Response) {
    let (status, body) = error_of(r).await;
    assert_eq!(status, 402);
    assert_eq!(body.error, "QuotaExceeded");
    assert_eq!(body.message, "User quota exceeded.");
}

#[tokio::test]
async fn an_upload_beyond_the_quota_is_refused_before_any_byte_is_stored() {
    let s = start().await;
    let cast = cast(&s).await;
    set_quota(&s, &cast.boss.token, cast.alice.id, "100").await;
    s.upload("/a.bin", &[1u8; 60]).await;
    let before = stored(&s);
    // 60 + 50 > 100: refused at files/create, no session, no blob.
    expect_quota_exceeded(s.create("/b.bin", &[2u8; 50], false, false).await).await;
    expect_quota_exceeded(s.create("/b.bin", &[2u8; 50], true, false).await).await;
    assert_eq!(stored(&s), before, "nothing may be stored");
    assert!(!s.names("/").await.contains(&"b.bin".to_string()));
    // Exactly up to the quota is fine.
    s.upload("/c.bin", &[3u8; 40]).await;
    // Overwriting frees the old content: 100 - 40 + 30 fits.
    s.upload_over("/c.bin", &[4u8; 30], true).await;
    let me = s.get_as(&s.token, "accounts/get/", &[]).await;
    assert_eq!(me["storage_size"], 90);
    assert_eq!(me["quota_size"], 100);
}

#[tokio::test]
async fn a_deduplicated_upload_counts_like_any_other() {
    let s = start().await;
    let cast = cast(&s).await;
    let content = vec![9u8; 500];
    // Alice's own bytes (only one's own content is deduplicated without sending it).
    s.upload("/shared-bytes.bin", &content).await;
    set_quota(&s, &cast.boss.token, cast.alice.id, "400").await;
    let before = stored(&s);
    // The same bytes are stored already (201 without a quota), but 500 > 400.
    expect_quota_exceeded(s.create("/dup.bin", &content, false, false).await).await;
    assert_eq!(stored(&s), before);
    assert_eq!(s.names("/").await, ["shared-bytes.bin"]);
    set_quota(&s, &cast.boss.token, cast.alice.id, "").await;
    assert_eq!(
        s.create("/dup.bin", &content, false, false).await.status(),
        201
    );
}

#[tokio::test]
async fn parts_and_confirm_are_refused_when_the_quota_shrinks_mid_upload() {
    let s = start().await;
    let cast = cast(&s).await;
    set_quota(&s, &cast.boss.token, cast.alice.id, "1000").await;
    let content = vec![5u8; 600];
    let r = s.create("/big.bin", &content, true, false).await;
    let t: UploadTicket = s.ok_json(r).await;
    let r = s.part(&t.temp_path, 1, &content[..300]).await;
    assert_eq!(r.status(), 200);
    set_quota(&s, &cast.boss.token, cast.alice.id, "500").await;
    let (num, size, md5) = ("2".to_string(), "300".to_string(), md5_hex(&content[300..]));
    let r = s
        .post(
            "files/create_part/",
            &[
                ("temp_path", &t.temp_path),
                ("part_num", &num),
                ("size", &size),
                ("checksum", &md5),
            ],
        )
        .await;
    expect_quota_exceeded(r).await;
    expect_quota_exceeded(s.confirm("/big.bin", &t.temp_path, &content, false).await).await;
    assert!(s.names("/").await.is_empty());
    // A part larger than max_part_size is refused up front.
    let huge = (64u64 * 1024 * 1024 + 1).to_string();
    let r = s
        .post(
            "files/create_part/",
            &[
                ("temp_path", &t.temp_path),
                ("part_num", "3"),
                ("size", &huge),
                ("checksum", &md5),
            ],
        )
        .await;
    assert_eq!(error_of(r).await.1.error, "InvalidParameters");
}

#[tokio::test]
async fn copies_and_link_saves_count_and_the_company_quota_caps_everyone() {
    let s = start().await;
    let cast = cast(&s).await;
    s.mkdir("/Dir").await;
    s.upload("/Dir/one.bin", &[1u8; 300]).await;
    set_quota(&s, &cast.boss.token, cast.alice.id, "500").await;
    // 300 + 300 > 500.
    let r = s
        .post(
            "fileops/copy",
            &[("from_path", "/Dir/one.bin"), ("to_path", "/")],
        )
        .await;
    expect_quota_exceeded(r).await;
    assert_eq!(s.names("/").await, ["Dir"]);
    // A public link saved into a user's storage counts too.
    let bob = s.as_user(&cast.bob.token);
    bob.upload("/gift.bin", &[8u8; 400]).await;
    let link: Value = bob
        .ok_json(bob.post("links/create/", &[("path", "/gift.bin")]).await)
        .await;
    let hash = link["hash"].as_str().expect("a link hash").to_owned();
    let r = s.get(&format!("links/add_to_storage/{hash}")).await;
    expect_quota_exceeded(r).await;
    // The company's quota: 300 + 400 stored in company 1; nobody may add 400 more.
    set_quota(&s, &cast.boss.token, cast.alice.id, "").await;
    s.post_as(
        &cast.root.token,
        "admin/company/1/edit_user/",
        &[("quota_size", "1000")],
    )
    .await;
    let carol = s.as_user(&cast.carol.token);
    expect_quota_exceeded(carol.create("/c.bin", &[3u8; 400], false, false).await).await;
    carol.upload("/c.bin", &[3u8; 300]).await;
    // Another company is not affected.
    let olga = s.as_user(&cast.olga.token);
    olga.upload("/o.bin", &[4u8; 2000]).await;
    let company = s.get_as(&cast.boss.token, "company/1", &[]).await;
    assert_eq!(company["storage_size"], 1000, "{company}");
    assert_eq!(company["quota_size"], 1000);
    assert_eq!(company["users_count"], 5);
    // A member sees only the company's name and status.
    let seen = s.get_as(&cast.alice.token, "company/1", &[]).await;
    assert_eq!(seen["name"], "Demo Company");
    assert!(seen.get("quota_size").is_none(), "{seen}");
}

#[tokio::test]
async fn bulk_quota_changes_stop_at_the_company_quota() {
    let s = start().await;
    let cast = cast(&s).await;
    s.post_as(
        &cast.root.token,
        "admin/company/1/edit_user/",
        &[("quota_size", "1000")],
    )
    .await;
    let ids = [
        cast.alice.id,
        cast.bob.id,
        999_999,
        cast.carol.id,
        cast.olga.id,
        cast.root.id,
    ];
    let ids: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
    let mut form = vec![("company_id", "1"), ("quota_size", "400")];
    form.extend(ids.iter().map(|i| ("userid", i.as_str())));
    let v = s
        .post_as(
            &cast.boss.token,
            "accounts/company/change_users_quota",
            &form,
        )
        .await;
    assert_eq!(
        (v["success"].as_u64(), v["failed"].as_u64()),
        (Some(2), Some(4)),
        "{v}"
    );
    let codes: Vec<(i64, i64)> = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["userid"].as_i64().unwrap(),
                n["error_code"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            (cast.alice.id, 0),
            (cast.bob.id, 0),
            (999_999, 404),
            (cast.carol.id, 402),
            (cast.olga.id, 404),
            // A company admin does not manage the system admin.
            (cast.root.id, 403),
        ]
    );
    assert_eq!(v["nodes"][3]["error_info"], "Company quota need increase.");
    assert_eq!(v["nodes"][0]["error_info"], "");
    let carol = s.get_as(&cast.carol.token, "accounts/get/", &[]).await;
    assert_eq!(carol["quota_size"], Value::Null);
    let bob = s.get_as(&cast.bob.token, "accounts/get/", &[]).await;
    assert_eq!(bob["quota_size"], 400);
    // A separate hard quota.
    let v = s
        .post_as(
            &cast.boss.token,
            "accounts/company/change_users_quota",
            &[
                ("company_id", "1"),
                ("userid", &cast.bob.id.to_string()),
                ("quota_size", "100"),
                ("hard_quota_size", "150"),
            ],
        )
        .await;
    assert_eq!(v["success"], 1);
    let found = s.find_users(&cast.boss.token, &[("query", "bob")]).await;
    assert_eq!(found["users"][0]["quota_size"], 100);
    assert_eq!(found["users"][0]["hard_quota_size"], 150);
}

#[tokio::test]
async fn quota_requests_are_approved_or_denied_by_the_admin() {
    let s = start().await;
    let cast = cast(&s).await;
    let first = s
        .post_as(
            &cast.alice.token,
            "company/1/request_quota/",
            &[("company_id", "1")],
        )
        .await;
    let again = s
        .post_as(
            &cast.alice.token,
            "company/1/request_quota/",
            &[("company_id", "1")],
        )
        .await;
    assert_eq!(first["request_id"], again["request_id"]);
    let r = s
        .call(
            Method::POST,
            "company/1/request_quota/",
            Some(&cast.olga.token),
            &[],
        )
        .await;
    assert_eq!(r.status(), 403);
    let list = s
        .get_as(&cast.boss.token, "company/1/quota_requests/", &[])
        .await;
    let line = &list["content"][0];
    assert_eq!(
        (line["login"].as_str(), line["state"].as_str()),
        (Some("alice"), Some("pending"))
    );
    let id = first["request_id"].to_string();
    s.post_as(
        &cast.boss.token,
        "admin/company/1/approve/",
        &[("request_id", &id), ("quota_size", "5000")],
    )
    .await;
    let me = s.get_as(&cast.alice.token, "accounts/get/", &[]).await;
    assert_eq!(me["quota_size"], 5000);
    // Decided requests cannot be decided again.
    let r = s
        .call(
            Method::POST,
            "admin/company/1/deny/",
            Some(&cast.boss.token),
            &[("request_id", &id)],
        )
        .await;
    assert_eq!(r.status(), 404);
    let second = s
        .post_as(
            &cast.alice.token,
            "company/1/request_quota/",
            &[("company_id", "1")],
        )
        .await;
    assert_ne!(second["request_id"], first["request_id"]);
    s.post_as(
        &cast.boss.token,
        "admin/company/1/deny/",
        &[("request_id", &second["request_id"].to_string())],
    )
    .await;
    let list = s
        .get_as(&cast.boss.token, "company/1/quota_requests/", &[])
        .await;
    let states: Vec<&str> = list["content"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["denied", "approved"]);
    let me = s.get_as(&cast.alice.token, "accounts/get/", &[]).await;
    assert_eq!(me["quota_size"], 5000);
}

#[tokio::test]
async fn storage_usage_by_user_and_kind() {
    let s = start().await;
    let cast = cast(&s).await;
    s.upload("/a.JPG", &[1u8; 10]).await;
    s.upload("/b.pdf", &[2u8; 20]).await;
    s.upload("/c.zip", &[3u8; 5]).await;
    s.upload("/d.xyz", &[4u8; 7]).await;
    s.as_user(&cast.bob.token)
        .upload("/e.mp3", &[5u8; 30])
        .await;
    s.as_user(&cast.olga.token)
        .upload("/x.mp4", &[6u8; 100])
        .await;
    let v = s
        .get_as(&cast.boss.token, "company/1/storage_usage/", &[])
        .await;
    let users: Vec<(String, u64, u64)> = v["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["login"].as_str().unwrap().to_owned(),
                u["storage_size"].as_u64().unwrap(),
                u["files_count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(users[0], ("alice".into(), 42, 4), "{v}");
    assert_eq!(users[1], ("bob".into(), 30, 1), "{v}");
    assert_eq!(users.len(), 5);
    let kinds: Vec<(String, u64, u64)> = v["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["kind"].as_str().unwrap().to_owned(),
                k["storage_size"].as_u64().unwrap(),
                k["files_count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("image".into(), 10, 1),
            ("audio".into(), 30, 1),
            ("video".into(), 0, 0),
            ("document".into(), 20, 1),
            ("archive".into(), 5, 1),
            ("other".into(), 7, 1),
        ]
    );
}

#[tokio::test]
async fn a_part_cannot_smuggle_more_bytes_than_the_declared_file() {
    let s = start().await;
    let cast = cast(&s).await;
    set_quota(&s, &cast.boss.token, cast.alice.id, "100").await;
    let r = s.create("/small.bin", &[1u8; 10], false, false).await;
    let t: UploadTicket = s.ok_json(r).await;
    let session = s.dir.path().join("data/tmp/uploads").join(&t.temp_path);
    let r = s.put(t.url.as_deref().unwrap(), vec![1u8; 5000]).await;
    assert_eq!(error_of(r).await.1.error, "BadDigest");
    assert_eq!(files_under(&session), 0, "the excess must not stay on disk");
    // The right bytes still go through.
    let r = s.put(t.url.as_deref().unwrap(), vec![1u8; 10]).await;
    assert_eq!(r.status(), 200);
    let r = s
        .confirm("/small.bin", &t.temp_path, &[1u8; 10], false)
        .await;
    assert_eq!(r.status(), 200);
}
