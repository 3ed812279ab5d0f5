mod common;

use common::*;
use satchel_wire::cloudike::{
    AccountInfo, Metadata, MultiResult, PurgeStatus, TaskStarted, TaskStatus, TrashListing,
};

async fn trash(s: &Server, query: &str) -> TrashListing {
    let r = s.get(&format!("trash/{query}")).await;
    s.ok_json(r).await
}

async fn delete(s: &Server, path: &str) {
    let r = s.post("fileops/delete/", &[("path", path)]).await;
    let m: Metadata = s.ok_json(r).await;
    assert!(m.deleted);
}

/// Poll a task until it is done; answers its final status.
async fn wait(s: &Server, taskid: &str) -> TaskStatus {
    for _ in 0..200 {
        let r = s.get(&format!("task/{taskid}/")).await;
        let st: TaskStatus = s.ok_json(r).await;
        if st.status == "done" {
            return st;
        }
        assert_eq!(st.status, "running");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("task {taskid} never finished");
}

async fn storage(s: &Server) -> u64 {
    let r = s.get("accounts/get/").await;
    s.ok_json::<AccountInfo>(r).await.storage_size
}

fn blob_file(s: &Server, content: &[u8]) -> std::path::PathBuf {
    let md5 = md5_hex(content);
    s.dir
        .path()
        .join("data/blobs")
        .join(&md5[..2])
        .join(format!("{md5}-{}", content.len()))
}

#[tokio::test]
async fn folder_goes_and_comes_back_whole() {
    let s = start().await;
    s.upload("/Docs/a.txt", b"aaa").await;
    s.upload("/Docs/sub/b.txt", b"bbbb").await;
    s.upload("/loose.txt", b"l").await;
    delete(&s, "/loose.txt").await;
    // Deletion times are in ms: let the two deletions get distinct ones, so "newest first" is
    // a real order and not a tie.
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    delete(&s, "/Docs").await;
    assert_eq!(s.names("/").await, Vec::<String>::new());

    let t = trash(&s, "").await;
    assert!(t.is_last_page);
    let paths: Vec<_> = t.content.iter().map(|i| i.restore_path.as_str()).collect();
    // Newest deletion first; the folder is one item holding its subtree's bytes.
    assert_eq!(paths, ["/Docs", "/loose.txt"]);
    let docs = &t.content[0];
    assert!(docs.folder);
    assert_eq!(docs.bytes, 7);
    assert!(docs.deleted > 0);
    assert_eq!(
        t.content[1].checksum.as_deref(),
        Some(md5_hex(b"l").as_str())
    );

    // dirs_only, paging.
    let t2 = trash(&s, "?dirs_only=true").await;
    assert_eq!(t2.content.len(), 1);
    let t3 = trash(&s, "?offset=1&limit=1").await;
    assert_eq!(t3.content[0].restore_path, "/loose.txt");
    let t4 = trash(&s, "?limit=1").await;
    assert!(!t4.is_last_page);

    // ETag and 304 until the trash changes.
    let r = s.get("trash/").await;
    let etag = r.headers()["etag"].to_str().unwrap().to_owned();
    assert_eq!(etag.trim_matches('"'), t.hash);
    let again = |etag: String| {
        let s = &s;
        async move { s.get_if_none_match("trash/", &etag).await.status() }
    };
    assert_eq!(again(etag.clone()).await, 304);

    let r = s.post(&format!("trash/restore/{}", docs.name), &[]).await;
    let m: Metadata = s.ok_json(r).await;
    assert_eq!((m.path.as_str(), m.deleted), ("/Docs", false));
    assert_eq!(again(etag).await, 200);
    assert_eq!(s.names("/Docs").await, ["sub", "a.txt"]);
    assert_eq!(s.download("/Docs/sub/b.txt").await, b"bbbb");
    assert_eq!(trash(&s, "").await.content.len(), 1);

    let r = s.post("trash/restore/999999", &[]).await;
    assert_eq!(error_of(r).await.0, 404);
}

#[tokio::test]
async fn restore_conflicts_and_missing_parents() {
    let s = start().await;
    s.upload("/x/old.txt", b"first").await;
    delete(&s, "/x/old.txt").await;
    s.upload("/x/old.txt", b"second").await;
    let id = trash(&s, "").await.content[0].name.clone();

    // The path is taken: overwrite=0 refuses.
    let r = s
        .post(&format!("trash/restore/{id}/"), &[("overwrite", "0")])
        .await;
    let (status, body) = error_of(r).await;
    assert_eq!((status.as_u16(), body.error.as_str()), (409, "Conflict"));
    // fileops/undelete never overwrites either.
    let r = s.post("fileops/undelete/", &[("path", "/x/old.txt")]).await;
    assert_eq!(error_of(r).await.0, 409);

    // overwrite=1 (the default): the file there goes to the trash in its place.
    let r = s.post(&format!("trash/restore/{id}"), &[]).await;
    s.ok_json::<Metadata>(r).await;
    assert_eq!(s.download("/x/old.txt").await, b"first");
    let t = trash(&s, "").await;
    assert_eq!(t.content.len(), 1);
    assert_eq!(
        t.content[0].checksum.as_deref(),
        Some(md5_hex(b"second").as_str())
    );

    // A folder is never replaced, even with overwrite=1.
    s.upload("/f/in.txt", b"in").await;
    delete(&s, "/f").await;
    s.mkdir("/f").await;
    let fid = trash(&s, "?dirs_only=1").await.content[0].name.clone();
    let r = s.post(&format!("trash/restore/{fid}"), &[]).await;
    assert_eq!(error_of(r).await.0, 409);

    // The parent folder is gone: it is recreated.
    s.upload("/deep/er/file.txt", b"deep").await;
    delete(&s, "/deep/er/file.txt").await;
    delete(&s, "/deep").await;
    let r = s
        .post("fileops/undelete/", &[("path", "/deep/er/file.txt")])
        .await;
    let m: Metadata = s.ok_json(r).await;
    assert_eq!(m.path, "/deep/er/file.txt");
    assert_eq!(s.download("/deep/er/file.txt").await, b"deep");
    assert_eq!(s.names("/deep").await, ["er"]);
    // The old /deep is still in the trash, and cannot replace the recreated folder.
    let did = trash(&s, "?dirs_only=1").await.content[0].clone();
    assert_eq!(did.restore_path, "/deep");
    let r = s.post(&format!("trash/restore/{}", did.name), &[]).await;
    assert_eq!(error_of(r).await.0, 409);
}

#[tokio::test]
async fn undelete_most_recent_and_multi() {
    let s = start().await;
    s.upload("/a.txt", b"v1").await;
    delete(&s, "/a.txt").await;
    s.upload("/a.txt", b"v2").await;
    delete(&s, "/a.txt").await;
    s.upload("/b.txt", b"b").await;
    delete(&s, "/b.txt").await;

    let r = s
        .post(
            "fileops/multi/undelete/",
            &[("path", "/a.txt"), ("path", "/nothing"), ("path", "/b.txt")],
        )
        .await;
    let m: MultiResult = s.ok_json(r).await;
    assert_eq!((m.success, m.failed), (2, 1));
    assert_eq!(m.nodes[1].error_code, Some(404));
    assert_eq!(m.nodes[0].error_code, None);
    // The most recently deleted /a.txt came back; the older one is still in the trash.
    assert_eq!(s.download("/a.txt").await, b"v2");
    let t = trash(&s, "").await;
    assert_eq!(t.content.len(), 1);
    assert_eq!(
        t.content[0].checksum.as_deref(),
        Some(md5_hex(b"v1").as_str())
    );
}

#[tokio::test]
async fn purge_frees_only_unshared_blobs() {
    let s = start().await;
    let shared = b"the same bytes in two files".to_vec();
    let own = b"bytes only the trashed file has".to_vec();
    s.upload("/a.txt", &shared).await;
    // Deduplicated: one blob, two files.
    let r = s.create("/b.txt", &shared, false, false).await;
    assert_eq!(r.status(), 201);
    s.upload("/dir/own.txt", &own).await;
    let total = (2 * shared.len() + own.len()) as u64;
    assert_eq!(storage(&s).await, total);

    delete(&s, "/a.txt").await;
    delete(&s, "/dir").await;
    // Trashed bytes still count until purged.
    assert_eq!(storage(&s).await, total);

    let r = s.post("fileops/purge/", &[("path", "/a.txt")]).await;
    let started: TaskStarted = s.ok_json(r).await;
    assert_eq!(started.taskid.len(), 128);
    let done = wait(&s, &started.taskid).await;
    assert_eq!(
        (done.items, done.bytes),
        (Some(1), Some(shared.len() as u64))
    );
    // The other file keeps the shared blob.
    assert!(blob_file(&s, &shared).is_file());
    assert_eq!(s.download("/b.txt").await, shared);
    assert_eq!(storage(&s).await, (shared.len() + own.len()) as u64);

    // Purging by trash id (the folder): its blob is used by nothing else and goes.
    let id = trash(&s, "").await.content[0].name.clone();
    let r = s.post("fileops/purge/", &[("name", &id)]).await;
    let started: TaskStarted = s.ok_json(r).await;
    wait(&s, &started.taskid).await;
    assert!(!blob_file(&s, &own).exists());
    assert_eq!(storage(&s).await, shared.len() as u64);
    assert!(trash(&s, "").await.content.is_empty());

    let r = s.post("fileops/purgestatus/", &[]).await;
    assert_eq!(s.ok_json::<PurgeStatus>(r).await.status, "DONE");
    // Unknown items are refused before any task starts.
    let r = s.post("fileops/purge/", &[("name", "12345")]).await;
    assert_eq!(error_of(r).await.0, 404);
    let r = s.get(&format!("task/{}/", "0".repeat(128))).await;
    assert_eq!(error_of(r).await.0, 404);
}

#[tokio::test]
async fn clear_some_or_everything() {
    let s = start().await;
    for name in ["/1.txt", "/2.txt", "/3.txt"] {
        s.upload(name, name.as_bytes()).await;
        delete(&s, name).await;
    }
    let r = s.post("trash/clear/", &[("paths", "/1.txt")]).await;
    let t: TaskStarted = s.ok_json(r).await;
    assert_eq!(wait(&s, &t.taskid).await.items, Some(1));
    let left: Vec<_> = trash(&s, "")
        .await
        .content
        .into_iter()
        .map(|i| i.restore_path)
        .collect();
    assert_eq!(left, ["/3.txt", "/2.txt"]);

    let r = s.post("trash/clear/", &[]).await;
    let t: TaskStarted = s.ok_json(r).await;
    assert_eq!(wait(&s, &t.taskid).await.items, Some(2));
    assert!(trash(&s, "").await.content.is_empty());
    assert_eq!(storage(&s).await, 0);
}
