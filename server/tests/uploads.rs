mod common;

use common::*;
use satchel_wire::cloudike::{DownloadTicket, Metadata, PartReceipt, UploadTicket};

fn pattern(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
        .collect()
}

async fn session(s: &Server, path: &str, content: &[u8]) -> UploadTicket {
    let r = s.create(path, content, true, false).await;
    assert_eq!(r.status(), 200);
    let t: UploadTicket = r.json().await.unwrap();
    assert!(t.url.is_none());
    assert!(t.max_part_size > 0);
    t
}

#[tokio::test]
async fn chunked_upload_with_bad_part_resent() {
    let s = start().await;
    let content = pattern(3 * 256 * 1024 + 1234, 1);
    let parts: Vec<&[u8]> = content.chunks(256 * 1024).collect();
    assert_eq!(parts.len(), 4);
    let t = session(&s, "/big/file.bin", &content).await;
    assert!(t.confirm_url.ends_with("/files/confirm/big/file.bin"));
    for (i, part) in parts.iter().enumerate() {
        let r = s.part(&t.temp_path, i as u32 + 1, part).await;
        assert_eq!(r.status(), 200);
        let etag = r.headers()["etag"].to_str().unwrap().to_owned();
        let receipt: PartReceipt = r.json().await.unwrap();
        assert_eq!(receipt.size, part.len() as u64);
        assert_eq!(etag, format!("\"{}\"", md5_hex(part)));
    }
    // Part 2 again, with bytes that do not match its announced MD5: refused, the rest intact.
    let (num, size, md5) = (
        "2".to_string(),
        parts[1].len().to_string(),
        md5_hex(parts[1]),
    );
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
    let url = r.json::<serde_json::Value>().await.unwrap()["url"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut corrupt = parts[1].to_vec();
    corrupt[10] ^= 0xff;
    let r = s.put(&url, corrupt).await;
    let (status, body) = error_of(r).await;
    assert_eq!((status.as_u16(), body.error.as_str()), (400, "BadDigest"));
    // A wrong Content-MD5 header is refused too.
    let r = s
        .http
        .put(s.url(&url))
        .header("Content-MD5", "AAAAAAAAAAAAAAAAAAAAAA==")
        .body(parts[1].to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await.1.error, "BadDigest");
    // Resend it right (with a correct Content-MD5).
    use base64::Engine;
    use md5::Digest;
    let good = base64::engine::general_purpose::STANDARD.encode(md5::Md5::digest(parts[1]));
    let r = s
        .http
        .put(s.url(&url))
        .header("Content-MD5", good)
        .body(parts[1].to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    // Nothing is visible before confirm, not even the folder it will create.
    assert!(s.names("/").await.is_empty());

    let r = s
        .confirm("/big/file.bin", &t.temp_path, &content, false)
        .await;
    let m: Metadata = s.ok_json(r).await;
    assert_eq!(m.bytes, content.len() as u64);
    assert_eq!(m.checksum.as_deref(), Some(md5_hex(&content).as_str()));
    assert_eq!(m.version, 1);
    assert_eq!(s.download("/big/file.bin").await, content);
    // The session is gone.
    let r = s.put(&url, parts[1].to_vec()).await;
    assert_eq!(error_of(r).await.0, 404);
}

#[tokio::test]
async fn missing_part_and_wrong_checksum_leave_nothing() {
    let s = start().await;
    let content = pattern(300_000, 2);
    let parts: Vec<&[u8]> = content.chunks(100_000).collect();
    let t = session(&s, "/x.bin", &content).await;
    s.part(&t.temp_path, 1, parts[0]).await;
    s.part(&t.temp_path, 3, parts[2]).await;
    let r = s.confirm("/x.bin", &t.temp_path, &content, false).await;
    let (status, body) = error_of(r).await;
    assert_eq!(
        (status.as_u16(), body.error.as_str()),
        (400, "IncompleteUpload")
    );
    assert!(s.names("/").await.is_empty());
    // Trailing part missing: also incomplete.
    let t2 = session(&s, "/y.bin", &content).await;
    s.part(&t2.temp_path, 1, parts[0]).await;
    let r = s.confirm("/y.bin", &t2.temp_path, &content, false).await;
    assert_eq!(error_of(r).await.1.error, "IncompleteUpload");

    // All parts, but the declared whole-file checksum is wrong.
    s.part(&t.temp_path, 2, parts[1]).await;
    let size = content.len().to_string();
    let r = s
        .post(
            "files/confirm/x.bin",
            &[
                ("temp_name", &t.temp_path),
                ("size", &size),
                ("checksum", &"0".repeat(32)),
            ],
        )
        .await;
    let (status, body) = error_of(r).await;
    assert_eq!((status.as_u16(), body.error.as_str()), (400, "BadDigest"));
    assert!(s.names("/").await.is_empty());
    // The session survived; the right checksum now succeeds.
    let r = s.confirm("/x.bin", &t.temp_path, &content, false).await;
    let _: Metadata = s.ok_json(r).await;
    assert_eq!(s.names("/").await, ["x.bin"]);
    // Nothing left behind in the temp area but the other live session.
    let tmp = s.dir.path().join("data/tmp/uploads");
    let left: Vec<_> = std::fs::read_dir(tmp)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left, vec![std::ffi::OsString::from(&t2.temp_path)]);
}

#[tokio::test]
async fn dedup_overwrite_versions_and_conflicts() {
    let s = start().await;
    let content = b"the same bytes".to_vec();
    s.upload("/one.txt", &content).await;
    // Same size and checksum: 201 with metadata, no PUT.
    let r = s.create("/two.txt", &content, false, false).await;
    assert_eq!(r.status(), 201);
    let m: Metadata = r.json().await.unwrap();
    assert_eq!(
        (m.path.as_str(), m.bytes),
        ("/two.txt", content.len() as u64)
    );
    assert_eq!(s.download("/two.txt").await, content);
    // Not across users: an MD5 and a size are no credential, Bob must send the bytes (200).
    s.core.ensure_user("bob", "bob-pw", "Bob").await.unwrap();
    let bob = s.login("bob", "bob-pw").await;
    let (size, md5) = (content.len().to_string(), md5_hex(&content));
    let r = s
        .http
        .post(s.url("files/create/"))
        .header("Mountbit-Auth", bob)
        .form(&[("path", "/mine.txt"), ("size", &size), ("checksum", &md5)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    // Existing file, overwrite=false: 409; a folder in the way: 409.
    let r = s.create("/one.txt", b"other", false, false).await;
    assert_eq!(error_of(r).await.1.error, "Conflict");
    s.mkdir("/dir").await;
    let r = s.create("/dir", b"other", false, true).await;
    assert_eq!(error_of(r).await.0, 409);
    // Overwrite records version 2, and version 1 stays downloadable.
    let m = s.upload_over("/one.txt", b"version two", true).await;
    assert_eq!(m.version, 2);
    assert_eq!(s.download("/one.txt").await, b"version two");
    let r = s.get("files/get/one.txt?version=1").await;
    let t: DownloadTicket = s.ok_json(r).await;
    assert_eq!(t.version, 1);
    let body = s
        .http
        .get(s.url(&t.url))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(&body[..], &content[..]);
    // A missing parent without create_dirs: 404 at once; a file on the way: 405.
    let r = s
        .post(
            "files/create/",
            &[
                ("path", "/nodir/a"),
                ("size", "1"),
                ("checksum", &md5_hex(b"q")),
                ("create_dirs", "false"),
            ],
        )
        .await;
    assert_eq!(error_of(r).await.0, 404);
    let r = s.create("/one.txt/inner.txt", b"q", false, false).await;
    assert_eq!(error_of(r).await.1.error, "NotADirectory");
    // Bad parameters.
    let r = s
        .post(
            "files/create/",
            &[("path", "/q"), ("size", "1"), ("checksum", "xyz")],
        )
        .await;
    assert_eq!(error_of(r).await.1.error, "InvalidParameters");
    let r = s
        .post("files/create/", &[("path", "/q"), ("checksum", &md5)])
        .await;
    assert!(error_of(r).await.1.message.contains("size"));
}

#[tokio::test]
async fn cancel_upload_removes_session() {
    let s = start().await;
    let content = pattern(1000, 3);
    let t = session(&s, "/c.bin", &content).await;
    s.part(&t.temp_path, 1, &content[..500]).await;
    let r = s
        .post("files/cancel_upload/", &[("temp_path", &t.temp_path)])
        .await;
    assert_eq!(r.status(), 200);
    let r = s
        .put(
            &format!("/api/1/upload/{}/2", t.temp_path),
            content[500..].to_vec(),
        )
        .await;
    assert_eq!(error_of(r).await.0, 404);
    let r = s.confirm("/c.bin", &t.temp_path, &content, false).await;
    assert_eq!(error_of(r).await.0, 404);
    assert!(
        !s.dir
            .path()
            .join("data/tmp/uploads")
            .join(&t.temp_path)
            .exists()
    );
    // Sweeping: a fresh session survives a 24h sweep, not a zero-idle one.
    let t = session(&s, "/d.bin", &content).await;
    assert_eq!(s.core.sweep_uploads(24 * 3600 * 1000).await.unwrap(), 0);
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    assert_eq!(s.core.sweep_uploads(0).await.unwrap(), 1);
    let r = s
        .put(&format!("/api/1/upload/{}/1", t.temp_path), content.clone())
        .await;
    assert_eq!(error_of(r).await.0, 404);
    // Made-up session ids are 404, never a path.
    let r = s.put("/api/1/upload/..%2F..%2Fx/1", content).await;
    assert_eq!(error_of(r).await.0, 404);
}

#[tokio::test]
async fn download_full_range_and_disposition() {
    let s = start().await;
    let content = pattern(10_000, 4);
    s.upload("/Ünïcode file.bin", &content).await;
    let r = s
        .get(&format!("files/get/{}", enc("/Ünïcode file.bin")))
        .await;
    let t: DownloadTicket = s.ok_json(r).await;
    assert_eq!(t.size, 10_000);
    assert_eq!(t.checksum.as_deref(), Some(md5_hex(&content).as_str()));
    assert!(t.url.starts_with("/api/1/download/"));
    let r = s.http.get(s.url(&t.url)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let cd = r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cd.starts_with("attachment;"), "{cd}");
    assert!(
        cd.contains("filename*=UTF-8''%C3%9Cn%C3%AFcode%20file.bin"),
        "{cd}"
    );
    assert_eq!(r.bytes().await.unwrap().to_vec(), content);
    let r = s
        .http
        .get(s.url(&t.url))
        .header("Range", "bytes=100-199")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 206);
    assert_eq!(r.headers()["content-range"], "bytes 100-199/10000");
    assert_eq!(
        r.bytes().await.unwrap().to_vec(),
        content[100..200].to_vec()
    );
    let r = s
        .http
        .get(s.url(&format!("{}?for_view=1", t.url)))
        .send()
        .await
        .unwrap();
    // An unknown type is never shown inline, whatever is asked (see `user_content`).
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
    // A text file gets its type from the extension.
    s.upload("/note.txt", b"hi").await;
    let r = s.get("files/get/note.txt").await;
    let t: DownloadTicket = s.ok_json(r).await;
    let r = s.http.get(s.url(&t.url)).send().await.unwrap();
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    // Unknown tickets and folders.
    let r = s
        .http
        .get(s.url("/api/1/download/0123/x"))
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await.0, 404);
    s.mkdir("/f").await;
    let r = s.get("files/get/f").await;
    assert_eq!(error_of(r).await.0, 400);
    let r = s.get("files/get/none").await;
    assert_eq!(error_of(r).await.0, 404);
}

#[tokio::test]
async fn fault_injection_fails_first_put_of_part_only() {
    let s = start_with(|c| c.fault_fail_part = Some(2)).await;
    let content = pattern(200_000, 5);
    let parts: Vec<&[u8]> = content.chunks(100_000).collect();
    let t = session(&s, "/f.bin", &content).await;
    assert_eq!(s.part(&t.temp_path, 1, parts[0]).await.status(), 200);
    let r = s.part(&t.temp_path, 2, parts[1]).await;
    let (status, body) = error_of(r).await;
    assert_eq!(
        (status.as_u16(), body.error.as_str()),
        (503, "InjectedFault")
    );
    assert_eq!(s.part(&t.temp_path, 2, parts[1]).await.status(), 200);
    let r = s.confirm("/f.bin", &t.temp_path, &content, false).await;
    let _: Metadata = s.ok_json(r).await;
    assert_eq!(s.download("/f.bin").await, content);
}

#[tokio::test]
async fn single_put_streams_a_few_mib() {
    let s = start().await;
    let content = pattern(4 * 1024 * 1024 + 7, 6);
    let m = s.upload("/large.bin", &content).await;
    assert_eq!(m.bytes, content.len() as u64);
    assert_eq!(s.download("/large.bin").await, content);
    // A single-part session takes part 1 only.
    let other = pattern(10, 7);
    let r = s.create("/small.bin", &other, false, false).await;
    let t: UploadTicket = r.json().await.unwrap();
    let r = s
        .put(&format!("/api/1/upload/{}/2", t.temp_path), other)
        .await;
    assert_eq!(error_of(r).await.0, 400);
}

#[tokio::test]
async fn startup_removes_leftovers() {
    let s = start().await;
    let content = pattern(1000, 8);
    let t = session(&s, "/keep.bin", &content).await;
    s.part(&t.temp_path, 1, &content[..400]).await;
    let data = s.dir.path().join("data");
    let uploads = data.join("tmp/uploads");
    std::fs::write(uploads.join(&t.temp_path).join("2.0123.partial"), b"half").unwrap();
    std::fs::create_dir_all(uploads.join("0".repeat(32))).unwrap();
    std::fs::write(data.join("tmp/assemble-dead"), b"junk").unwrap();
    let mut c = satchel_server::Config::new(data.clone());
    c.listen = "127.0.0.1:0".parse().unwrap();
    satchel_server::start(&c).await.unwrap();
    assert!(!uploads.join(&t.temp_path).join("2.0123.partial").exists());
    assert!(!uploads.join("0".repeat(32)).exists());
    assert!(!data.join("tmp/assemble-dead").exists());
    // The live session and its part survive and still complete.
    s.part(&t.temp_path, 2, &content[400..]).await;
    let r = s.confirm("/keep.bin", &t.temp_path, &content, false).await;
    let _: Metadata = s.ok_json(r).await;
    assert_eq!(s.download("/keep.bin").await, content);
}
