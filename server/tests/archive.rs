mod common;

use std::io::Read;

use common::*;
use satchel_wire::cloudike::ArchiveLink;

/// (name, MD5 of the content; `None` for folders) for every entry, in archive order.
fn entries(zip_bytes: &[u8]) -> Vec<(String, Option<String>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes.to_vec())).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let name = f.name().to_owned();
            if f.is_dir() {
                (name, None)
            } else {
                let mut data = Vec::new();
                f.read_to_end(&mut data).unwrap();
                assert_eq!(f.size(), data.len() as u64);
                (name, Some(md5_hex(&data)))
            }
        })
        .collect()
}

fn big(n: usize) -> Vec<u8> {
    (0..n).map(|i| (i * 7 + i / 1000) as u8).collect()
}

#[tokio::test]
async fn folder_streams_as_zip() {
    let s = start().await;
    let large = big(3 * 1024 * 1024 + 17);
    s.upload("/Docs/a.txt", b"alpha").await;
    s.upload("/Docs/sub/Отчёт.txt", b"report").await;
    s.upload("/Docs/sub/deeper/large.bin", &large).await;
    s.mkdir("/Docs/empty").await;
    s.upload("/Docs/gone.txt", b"trashed").await;
    s.post("fileops/delete/", &[("path", "/Docs/gone.txt")])
        .await;

    let r = s.get("files/download_as_archive_stream/?path=/Docs").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/zip");
    let disposition = r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"Docs_"),
        "{disposition}"
    );
    assert!(disposition.contains("_UTC.zip"), "{disposition}");
    let announced: usize = r.headers()["content-length"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let bytes = r.bytes().await.unwrap();
    assert_eq!(bytes.len(), announced);
    assert_eq!(
        entries(&bytes),
        [
            ("Docs/".to_owned(), None),
            ("Docs/a.txt".to_owned(), Some(md5_hex(b"alpha"))),
            ("Docs/empty/".to_owned(), None),
            ("Docs/sub/".to_owned(), None),
            ("Docs/sub/deeper/".to_owned(), None),
            (
                "Docs/sub/deeper/large.bin".to_owned(),
                Some(md5_hex(&large))
            ),
            ("Docs/sub/Отчёт.txt".to_owned(), Some(md5_hex(b"report"))),
        ]
    );
}

#[tokio::test]
async fn several_items_and_the_link() {
    let s = start().await;
    s.upload("/P/one.txt", b"one").await;
    s.upload("/P/Q/two.txt", b"two").await;
    s.upload("/R/one.txt", b"another one").await;

    // Two items with the same name: the second is numbered.
    let r = s
        .post(
            "files/download_as_archive_stream/",
            &[
                ("path", "/P/one.txt"),
                ("path", "/P/Q"),
                ("path", "/R/one.txt"),
            ],
        )
        .await;
    let link: ArchiveLink = s.ok_json(r).await;
    assert!(link.file_name.starts_with("P_") && link.file_name.ends_with(".zip"));
    assert!(link.expired > 0);
    // No auth header: a browser navigates to it.
    let r = s.http.get(s.url(&link.url)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let disposition = r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(disposition.contains(&link.file_name));
    let bytes = r.bytes().await.unwrap();
    assert_eq!(
        entries(&bytes),
        [
            ("one.txt".to_owned(), Some(md5_hex(b"one"))),
            ("Q/".to_owned(), None),
            ("Q/two.txt".to_owned(), Some(md5_hex(b"two"))),
            ("one (1).txt".to_owned(), Some(md5_hex(b"another one"))),
        ]
    );

    // The whole tree.
    let r = s.get("files/download_as_archive_stream/?path=/").await;
    let names: Vec<_> = entries(&r.bytes().await.unwrap())
        .into_iter()
        .map(|e| e.0)
        .collect();
    assert_eq!(
        names,
        ["P/", "P/Q/", "P/Q/two.txt", "P/one.txt", "R/", "R/one.txt"]
    );

    let r = s.get("files/download_as_archive_stream/?path=/nope").await;
    assert_eq!(error_of(r).await.0, 404);
    let r = s.get("files/download_as_archive_stream/").await;
    assert_eq!(error_of(r).await.0, 400);
    let r = s
        .http
        .get(s.url(&format!("archive/{}/x.zip", "0".repeat(32))))
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await.0, 404);
    // Without the header the direct GET needs auth.
    let r = s
        .http
        .get(s.url("files/download_as_archive_stream/?path=/P"))
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await.0, 401);
}

/// Resident memory of this process (the in-process server included), in bytes.
fn rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    kb * 1024
}

/// A 2 GiB folder streams as a zip while the server's memory stays flat: 32 files of 64 MiB
/// (deduplicated to one blob, so the disk holds 64 MiB), read back as the client would, chunk
/// by chunk, sampling resident memory as it goes.
#[tokio::test]
async fn two_gib_folder_streams_in_flat_memory() {
    use futures_util::StreamExt;
    const FILE: usize = 64 * 1024 * 1024;
    const FILES: usize = 32;
    let s = start().await;
    {
        let content = big(FILE);
        s.upload("/Big/f00.bin", &content).await;
        for i in 1..FILES {
            let r = s
                .create(&format!("/Big/f{i:02}.bin"), &content, false, false)
                .await;
            assert_eq!(r.status(), 201, "deduplicated");
        }
    }
    let baseline = rss();
    let r = s.get("files/download_as_archive_stream/?path=/Big").await;
    assert_eq!(r.status(), 200);
    let mut body = r.bytes_stream();
    let (mut total, mut peak, mut chunks) = (0u64, baseline, 0u64);
    while let Some(chunk) = body.next().await {
        total += chunk.unwrap().len() as u64;
        chunks += 1;
        if chunks % 64 == 0 {
            peak = peak.max(rss());
        }
    }
    assert!(
        total > (FILE * FILES) as u64,
        "the whole 2 GiB arrived ({total} bytes)"
    );
    let growth = peak.saturating_sub(baseline);
    assert!(
        growth < 100 * 1024 * 1024,
        "memory grew by {} MiB while streaming 2 GiB",
        growth / (1024 * 1024)
    );
}
