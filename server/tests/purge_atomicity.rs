//! A purge that fails keeps the file's bytes: blob files are deleted only after the transaction
//! that dropped their last reference has committed.

mod common;

use common::*;

/// A trigger that fails any change of a folder's revision: deleting for good then fails at its
/// last step (the parent's revision bump), after the rows and the blob were already dealt with.
const FAIL_BUMP: &str = "CREATE TRIGGER fail_bump BEFORE UPDATE OF rev ON nodes \
     BEGIN SELECT RAISE(ABORT, 'injected failure'); END;";

#[tokio::test]
async fn a_failed_purge_keeps_the_blob_and_a_committed_one_frees_it() {
    let s = start().await;
    let content = b"the only copy of these bytes";
    s.upload("/doomed.txt", content).await;
    let blobs = s.dir.path().join("data").join("blobs");
    let before = files_under(&blobs);
    assert_eq!(before, 1, "one blob stored");

    let db = rusqlite::Connection::open(s.dir.path().join("data").join("satchel.sqlite3")).unwrap();
    db.busy_timeout(std::time::Duration::from_secs(5)).unwrap();
    db.execute_batch(FAIL_BUMP).unwrap();
    let r = s
        .post(
            "fileops/delete",
            &[("path", "/doomed.txt"), ("without_trash", "true")],
        )
        .await;
    assert_eq!(r.status(), 500, "the injected failure rolls the purge back");
    assert_eq!(
        files_under(&blobs),
        before,
        "the blob survived the rollback"
    );
    db.execute_batch("DROP TRIGGER fail_bump;").unwrap();
    assert_eq!(s.download("/doomed.txt").await, content);

    // The same purge, committed this time, frees the blob.
    let r = s
        .post(
            "fileops/delete",
            &[("path", "/doomed.txt"), ("without_trash", "true")],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(files_under(&blobs), 0, "a committed purge deletes the blob");
}
