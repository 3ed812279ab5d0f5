//! The OpenDrive chunked upload over real HTTP (guide section 12): MD5 declared up front,
//! chunks at byte offsets, the whole file verified at close; deduplication; refusals that lose
//! nothing; versions, downloads with Range, thumbnails and zips.

mod common;

use std::io::Read;

use common::opendrive::{self as od, error_of, ok};
use common::{LOGIN, PASSWORD, md5_hex, start};
use satchel_wire::opendrive::{CreateFileAnswer, File, FileVersions, Listing};
use serde_json::{Value, json};

fn bytes(n: usize) -> Vec<u8> {
    (0..n).map(|i| (i * 7 % 251) as u8).collect()
}

#[tokio::test]
async fn chunked_upload_verified_then_visible() {
    let s = start().await;
    let o = od::login(&s, LOGIN, PASSWORD).await;
    let content = bytes(100_000);
    let created: CreateFileAnswer = ok(o.create_file("0", "big.bin", &content).await).await;
    assert_eq!(created.RequireHashOnly, 0);
    assert_eq!(created.RequireHash, 1);
    assert_eq!(created.TempLocation.len(), 32);
    assert_eq!(
        created.FileId, created.TempLocation,
        "provisional until closed"
    );
    let temp = created.TempLocation.clone();
    // Nothing is visible before the close.
    assert!(o.list("0").await.Files.is_empty());

    let r: Value = ok(o
        .post(
            "upload/open_file_upload.json",
            json!({"file_id": temp, "file_size": content.len()}),
        )
        .await)
    .await;
    assert_eq!(r["TempLocation"], json!(temp));
    let (st, _) = error_of(
        o.post(
            "upload/open_file_upload.json",
            json!({"file_id": temp, "file_size": 5}),
        )
        .await,
    )
    .await;
    assert_eq!(st, 400, "another size than create_file's");

    let r: Value = ok(o.chunk(&temp, 0, &content[..40_000], 40_000).await).await;
    assert_eq!(r["TotalWritten"], 40_000);
    // A wrong offset (a gap, or going back too far) changes nothing.
    let (st, e) = error_of(
        o.chunk(&temp, 50_000, &content[50_000..60_000], 10_000)
            .await,
    )
    .await;
    assert_eq!(st, 400);
    assert!(
        e.message
            .contains("Invalid chunk_offset 50000: expected 40000"),
        "{}",
        e.message
    );
    // A body shorter than chunk_size is refused, the chunks before it stay.
    let (st, _) = error_of(
        o.chunk(&temp, 40_000, &content[40_000..45_000], 6_000)
            .await,
    )
    .await;
    assert_eq!(st, 400);
    // Past the declared size.
    let (st, _) = error_of(o.chunk(&temp, 40_000, &bytes(70_000), 70_000).await).await;
    assert_eq!(st, 400);
    let r: Value = ok(o
        .chunk(&temp, 40_000, &content[40_000..80_000], 40_000)
        .await)
    .await;
    assert_eq!(r["TotalWritten"], 80_000);
    // The last chunk may be sent again (a retry replaces it).
    let r: Value = ok(o
        .chunk(&temp, 40_000, &content[40_000..80_000], 40_000)
        .await)
    .await;
    assert_eq!(r["TotalWritten"], 80_000);
    // Closing early: bytes missing.
    let (st, e) = error_of(o.close(&temp, &temp, &content, &md5_hex(&content)).await).await;
    assert_eq!(
        (st.as_u16(), e.kind.as_deref()),
        (400, Some("IncompleteUpload"))
    );
    let r: Value = ok(o.chunk(&temp, 80_000, &content[80_000..], 20_000).await).await;
    assert_eq!(r["TotalWritten"], 100_000);

    // A wrong hash at close is refused and loses nothing: close again with the right one.
    let (st, e) = error_of(o.close(&temp, &temp, &content, &md5_hex(b"other")).await).await;
    assert_eq!((st.as_u16(), e.kind.as_deref()), (400, Some("BadDigest")));
    assert!(o.list("0").await.Files.is_empty());
    let f: File = ok(o.close(&temp, &temp, &content, &md5_hex(&content)).await).await;
    assert_ne!(f.FileId, temp);
    assert_eq!(f.Size, "100000");
    assert_eq!(f.FileHash, md5_hex(&content));
    assert!(f.DirUpdateTime.is_some());
    assert_eq!(o.download(&f.FileId).await, content);
    // The session is gone once closed.
    assert_eq!(error_of(o.chunk(&temp, 0, b"x", 1).await).await.0, 404);
}

#[tokio::test]
async fn dedup_existing_names_and_new_versions() {
    let s = start().await;
    let o = od::login(&s, LOGIN, PASSWORD).await;
    let content = b"the same bytes twice".to_vec();
    let first = o.upload("0", "one.txt", &content, 5).await;
    // The same bytes elsewhere: RequireHashOnly, the file exists at once, close confirms it.
    let created: CreateFileAnswer = ok(o.create_file("0", "two.txt", &content).await).await;
    assert_eq!(created.RequireHashOnly, 1);
    assert_eq!(created.TempLocation, "");
    assert_ne!(created.FileId, first.FileId);
    let f: File = ok(o
        .close(&created.FileId, "", &content, &md5_hex(&content))
        .await)
    .await;
    assert_eq!(f.Name, "two.txt");
    let (st, _) = error_of(
        o.close(&created.FileId, "", &content, &md5_hex(b"nope"))
            .await,
    )
    .await;
    assert_eq!(st, 400);

    // An existing name: 409 without open_if_exists; a new version with it.
    let v2 = b"second version".to_vec();
    let (st, _) = error_of(o.create_file("0", "one.txt", &v2).await).await;
    assert_eq!(st, 409);
    let r = o
        .post(
            "upload/create_file.json",
            json!({"folder_id": "0", "file_name": "one.txt", "file_size": v2.len(), "file_hash": md5_hex(&v2), "open_if_exists": 1}),
        )
        .await;
    let created: CreateFileAnswer = ok(r).await;
    let temp = created.TempLocation;
    ok::<Value>(o.chunk(&temp, 0, &v2, v2.len()).await).await;
    let f: File = ok(o.close(&temp, &temp, &v2, &md5_hex(&v2)).await).await;
    assert_eq!(f.FileId, first.FileId, "the same file, a new version");
    assert_eq!(f.Version, "2");

    let vs: FileVersions = ok(o
        .get(&format!("file/fileversions.json/{{sid}}/{}", f.FileId), &[])
        .await)
    .await;
    assert_eq!(vs.Versions.len(), 2);
    assert_eq!(vs.Versions[0].Version, "2");
    assert_eq!(vs.Versions[1].FileId, format!("{}.1", f.FileId));
    assert_eq!(vs.Versions[1].Size, content.len() as i64);
    // An old version downloads by its own id.
    assert_eq!(o.download(&vs.Versions[1].FileId).await, content);
    assert_eq!(o.download(&f.FileId).await, v2);

    // checkfileexistsbyname.
    let r: Value = ok(o
        .post(
            "upload/checkfileexistsbyname.json/0",
            json!({"name": ["one.txt", "new.txt"]}),
        )
        .await)
    .await;
    assert_eq!(r, json!({"result": ["one.txt"]}));
    // A missing hash or size is refused up front.
    let (st, _) = error_of(
        o.post(
            "upload/create_file.json",
            json!({"folder_id": "0", "file_name": "x", "file_size": 3}),
        )
        .await,
    )
    .await;
    assert_eq!(st, 400);
    let (st, _) = error_of(
        o.post(
            "upload/create_file.json",
            json!({"folder_id": "0", "file_name": "x", "file_size": 3, "file_hash": "zz"}),
        )
        .await,
    )
    .await;
    assert_eq!(st, 400);
}

#[tokio::test]
async fn chunk_needs_a_session_and_the_file_part() {
    let s = start().await;
    let o = od::login(&s, LOGIN, PASSWORD).await;
    let content = b"abc".to_vec();
    let created: CreateFileAnswer = ok(o.create_file("0", "a.txt", &content).await).await;
    let temp = created.TempLocation;
    let form = reqwest::multipart::Form::new()
        .text("temp_location", temp.clone())
        .text("chunk_offset", "0")
        .text("chunk_size", "3")
        .part(
            "file_data",
            reqwest::multipart::Part::bytes(content.clone()),
        );
    let r = s
        .http
        .post(o.url("upload/upload_file_chunk.json"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let (st, e) = error_of(r).await;
    assert_eq!(st, 400);
    assert!(
        e.message.contains("Session_id field missing"),
        "{}",
        e.message
    );
    // Another user cannot write into the session.
    s.core
        .ensure_user("bob", "bob-secret", "Bob")
        .await
        .unwrap();
    let bob = od::login(&s, "bob", "bob-secret").await;
    assert_eq!(
        error_of(bob.chunk(&temp, 0, &content, 3).await).await.0,
        404
    );
    let form = reqwest::multipart::Form::new()
        .text("session_id", o.sid.clone())
        .text("temp_location", temp.clone())
        .text("chunk_offset", "0")
        .text("chunk_size", "3");
    let r = s
        .http
        .post(o.url("upload/upload_file_chunk.json"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await.0, 400);
    let f = {
        ok::<Value>(o.chunk(&temp, 0, &content, 3).await).await;
        ok::<File>(o.close(&temp, &temp, &content, &md5_hex(&content)).await).await
    };
    assert_eq!(o.download(&f.FileId).await, content);
    // An empty file needs no chunk at all.
    let empty = o.upload("0", "empty.txt", b"", 10).await;
    assert_eq!(empty.Size, "0");
}

#[tokio::test]
async fn downloads_ranges_thumbnails_and_zips() {
    let s = start().await;
    let o = od::login(&s, LOGIN, PASSWORD).await;
    let d = o.mkdir("0", "Z").await;
    let content = bytes(5000);
    let f = o.upload(&d.FolderID, "data.bin", &content, 1000).await;
    o.upload(&d.FolderID, "b.txt", b"bee", 10).await;

    let url = o.url(&format!("download/file.json/{}", f.FileId));
    let r = s
        .http
        .get(&url)
        .query(&[("session_id", &o.sid)])
        .header("Range", "bytes=10-19")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 206);
    assert_eq!(r.bytes().await.unwrap().to_vec(), content[10..20].to_vec());
    let r = s
        .http
        .get(&url)
        .query(&[("session_id", o.sid.as_str()), ("offset", "4990")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 206);
    assert_eq!(r.bytes().await.unwrap().to_vec(), content[4990..].to_vec());
    let r = s
        .http
        .get(&url)
        .query(&[("session_id", o.sid.as_str()), ("inline", "1")])
        .send()
        .await
        .unwrap();
    // An unknown type is never shown inline, whatever is asked (see `user_content`).
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let r = s.http.get(&url).send().await.unwrap();
    assert_eq!(error_of(r).await.0, 401, "no session, not a public id");

    // A thumbnail of a real image; none for other files.
    let mut png = Vec::new();
    image::RgbImage::from_pixel(600, 300, image::Rgb([200, 30, 30]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let img = o.upload(&d.FolderID, "pic.png", &png, 100_000).await;
    assert_eq!(
        img.ThumbLink,
        format!("/api/v1/file/thumb.json/{}", img.FileId)
    );
    let r = o.get(&format!("file/thumb.json/{}", img.FileId), &[]).await;
    assert_eq!(r.status(), 200);
    let thumb = image::load_from_memory(&r.bytes().await.unwrap()).unwrap();
    assert_eq!((thumb.width(), thumb.height()), (256, 128));
    assert_eq!(
        error_of(o.get(&format!("file/thumb.json/{}", f.FileId), &[]).await)
            .await
            .0,
        404
    );

    // A zip of a folder and a file (a browser form POST).
    let items = format!("{},{}", d.FolderID, f.FileId);
    let r = s
        .http
        .post(o.url("download/all.json"))
        .form(&[("session_id", o.sid.as_str()), ("items_id", items.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/zip");
    let zipped = r.bytes().await.unwrap().to_vec();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(zipped)).unwrap();
    let mut names: Vec<String> = zip.file_names().map(str::to_owned).collect();
    names.sort();
    assert!(names.contains(&"Z/data.bin".to_owned()), "{names:?}");
    assert!(names.contains(&"data.bin".to_owned()), "{names:?}");
    let mut inner = Vec::new();
    zip.by_name("Z/b.txt")
        .unwrap()
        .read_to_end(&mut inner)
        .unwrap();
    assert_eq!(inner, b"bee");
    let r = o
        .post("download/all.json", json!({"items_id": "99999"}))
        .await;
    assert_eq!(error_of(r).await.0, 404);
    let l: Listing = o.list(&d.FolderID).await;
    assert_eq!(l.Files.len(), 3);
}
