mod common;

use common::*;
use satchel_wire::cloudike::{FolderInfo, Metadata, SearchResult};

async fn favorites(s: &Server) -> Vec<String> {
    let r = s.get("files/favorites/").await;
    let v: Vec<Metadata> = s.ok_json(r).await;
    assert!(v.iter().all(|m| m.favorite));
    v.into_iter().map(|m| m.path).collect()
}

async fn search(s: &Server, query: &str) -> SearchResult {
    let r = s.get(&format!("files/search/?{query}")).await;
    s.ok_json(r).await
}

fn paths(r: &SearchResult) -> Vec<&str> {
    r.content.iter().map(|m| m.path.as_str()).collect()
}

#[tokio::test]
async fn favorites_mark_list_and_unmark() {
    let s = start().await;
    s.upload("/Docs/report.pdf", b"pdf").await;
    s.upload("/Docs/old/note.txt", b"note").await;
    s.mkdir("/Photos").await;
    let before = s.list("/Docs").await.hash;

    let r = s
        .post("fileops/set_favorite/", &[("path", "/Docs/report.pdf")])
        .await;
    let m: Metadata = s.ok_json(r).await;
    assert!(m.favorite);
    let r = s
        .post(
            "fileops/set_favorite/",
            &[("path", "/Photos"), ("favorite", "true")],
        )
        .await;
    assert!(s.ok_json::<Metadata>(r).await.favorite);
    s.post("fileops/set_favorite/", &[("path", "/Docs/old/note.txt")])
        .await;
    assert_eq!(
        favorites(&s).await,
        ["/Docs/old/note.txt", "/Docs/report.pdf", "/Photos"]
    );
    // The flag shows in listings, and the listing's ETag changed.
    let docs = s.list("/Docs").await;
    assert_ne!(docs.hash, before);
    let report = docs
        .content
        .unwrap()
        .into_iter()
        .find(|m| m.name == "report.pdf");
    assert!(report.unwrap().favorite);

    let r = s
        .post(
            "fileops/set_favorite/",
            &[("path", "/Photos"), ("favorite", "false")],
        )
        .await;
    assert!(!s.ok_json::<Metadata>(r).await.favorite);
    // A favorite inside a trashed folder is not listed; it comes back with the folder.
    s.post("fileops/delete/", &[("path", "/Docs/old")]).await;
    assert_eq!(favorites(&s).await, ["/Docs/report.pdf"]);
    s.post("fileops/undelete/", &[("path", "/Docs/old")]).await;
    assert_eq!(favorites(&s).await.len(), 2);

    let r = s.post("fileops/set_favorite/", &[("path", "/nope")]).await;
    assert_eq!(error_of(r).await.0, 404);
    let r = s
        .post(
            "fileops/set_favorite/",
            &[("path", "/Photos"), ("favorite", "maybe")],
        )
        .await;
    assert_eq!(error_of(r).await.0, 400);
}

#[tokio::test]
async fn search_by_name_type_and_time() {
    let s = start().await;
    s.upload("/Holiday/Beach.JPG", b"jpg").await;
    s.upload("/Holiday/beach-notes.txt", b"txt").await;
    s.upload("/Music/beach boys.mp3", b"mp3").await;
    s.upload("/Work/plan.docx", b"docx").await;
    s.upload("/Work/archive.bin", b"bin").await;
    s.mkdir("/Work/Beach house").await;
    s.upload("/gone/beach.png", b"png").await;
    s.post("fileops/delete/", &[("path", "/gone")]).await;

    let r = search(&s, "query=BEACH").await;
    assert!(r.is_last_page);
    // Case-insensitive, anywhere in the tree, trashed items excluded, ordered by path.
    assert_eq!(
        paths(&r),
        [
            "/Holiday/beach-notes.txt",
            "/Holiday/Beach.JPG",
            "/Music/beach boys.mp3",
            "/Work/Beach house"
        ]
    );
    assert_eq!(
        paths(&search(&s, "query=beach&type=image").await),
        ["/Holiday/Beach.JPG"]
    );
    assert_eq!(
        paths(&search(&s, "query=beach&type=folder").await),
        ["/Work/Beach house"]
    );
    assert_eq!(
        paths(&search(&s, "query=beach&type=audio").await),
        ["/Music/beach boys.mp3"]
    );
    assert_eq!(
        paths(&search(&s, "type=document").await),
        ["/Holiday/beach-notes.txt", "/Work/plan.docx"]
    );
    assert_eq!(
        paths(&search(&s, "type=other").await),
        ["/Work/archive.bin"]
    );

    let page = search(&s, "query=beach&offset=1&limit=2").await;
    assert_eq!(
        paths(&page),
        ["/Holiday/Beach.JPG", "/Music/beach boys.mp3"]
    );
    assert!(!page.is_last_page);

    // Modified range (inclusive).
    let t = s.upload("/late.txt", b"late").await.modified;
    let r = search(&s, &format!("modified_from={t}")).await;
    assert!(paths(&r).contains(&"/late.txt"));
    assert!(r.content.iter().all(|m| m.modified >= t));
    let r = search(&s, &format!("query=late&modified_to={}", t - 1)).await;
    assert!(r.content.is_empty());

    // POST works too (the reference's method).
    let r = s.post("files/search/", &[("query", "plan")]).await;
    assert_eq!(s.ok_json::<SearchResult>(r).await.content.len(), 1);
    let r = s.get("files/search/?type=spreadsheet").await;
    assert_eq!(error_of(r).await.0, 400);
}

#[tokio::test]
async fn folder_info_totals() {
    let s = start().await;
    s.upload("/P/a.txt", b"12345").await;
    s.upload("/P/q/b.txt", b"123").await;
    s.upload("/P/q/r/c.txt", b"1").await;
    s.mkdir("/P/empty").await;
    s.upload("/P/q/trashed.txt", b"1234567890").await;
    s.post("fileops/delete/", &[("path", "/P/q/trashed.txt")])
        .await;

    let r = s.get("fileops/folder_info/?path=/P").await;
    let info: FolderInfo = s.ok_json(r).await;
    assert_eq!((info.size, info.files_count, info.folders_count), (9, 3, 3));
    assert_eq!(info.path, "/P");
    assert!(info.created > 0 && info.modified >= info.created);

    let r = s.get("fileops/folder_info/?path=/").await;
    let root: FolderInfo = s.ok_json(r).await;
    assert_eq!((root.files_count, root.folders_count), (3, 4));

    let r = s.get("fileops/folder_info/?path=/P/a.txt").await;
    assert_eq!(error_of(r).await.1.error, "InvalidParameters");
    let r = s.get("fileops/folder_info/?path=/missing").await;
    assert_eq!(error_of(r).await.0, 404);
}
