//! The activity feed (`events/`): what the core operations record, newest first, paging,
//! filters, per-reader paths and who sees what.

mod common;

use common::*;
use reqwest::Response;
use satchel_wire::cloudike::{Event, Metadata, ShareInvitation};
use serde_json::Value;

async fn user(s: &Server, login: &str, name: &str) -> String {
    s.core
        .ensure_user(login, &format!("{login}-secret"), name)
        .await
        .unwrap();
    s.login(login, &format!("{login}-secret")).await
}

async fn as_get(s: &Server, token: &str, endpoint: &str) -> Response {
    s.http
        .get(s.url(endpoint))
        .header("Mountbit-Auth", token)
        .send()
        .await
        .unwrap()
}

async fn as_post(s: &Server, token: &str, endpoint: &str, form: &[(&str, &str)]) -> Response {
    s.http
        .post(s.url(endpoint))
        .header("Mountbit-Auth", token)
        .form(form)
        .send()
        .await
        .unwrap()
}

async fn events(s: &Server, token: &str, query: &str) -> Vec<Event> {
    let r = as_get(s, token, &format!("events/{query}")).await;
    s.ok_json(r).await
}

fn kinds(ev: &[Event]) -> Vec<&str> {
    ev.iter().map(|e| e.kind.as_str()).collect()
}

#[tokio::test]
async fn feed_records_operations_newest_first_with_paging_and_filters() {
    let s = start().await;
    let t = s.token.clone();
    s.mkdir("/D").await;
    s.upload("/D/a.txt", b"one").await;
    s.upload_over("/D/a.txt", b"two!", true).await;
    let ok = |r: Response| async { s.ok_json::<Metadata>(r).await };
    ok(s.post(
        "fileops/rename/",
        &[("path", "/D/a.txt"), ("newname", "b.txt")],
    )
    .await)
    .await;
    s.mkdir("/E").await;
    ok(s.post(
        "fileops/move/",
        &[("from_path", "/D/b.txt"), ("to_path", "/E")],
    )
    .await)
    .await;
    ok(
        s.post("files/restore/", &[("path", "/E/b.txt"), ("version", "1")])
            .await,
    )
    .await;
    ok(s.post("fileops/delete/", &[("path", "/E/b.txt")]).await).await;
    ok(s.post("fileops/undelete/", &[("path", "/E/b.txt")]).await).await;
    let before = events(&s, &t, "?type=file_renamed,file_moved").await;
    let old: Vec<Option<&str>> = before.iter().map(|e| e.oldpath.as_deref()).collect();
    assert_eq!(old, [Some("/D/b.txt"), Some("/D/a.txt")]);
    ok(s.post("fileops/delete/", &[("path", "/D")]).await).await;
    let r = s
        .post("workflow/comment/E/b.txt", &[("text", "hello")])
        .await;
    let _: Value = s.ok_json(r).await;

    let all = events(&s, &t, "?limit=100").await;
    assert_eq!(
        kinds(&all),
        [
            "comment_added",
            "folder_deleted",
            "file_undeleted",
            "file_deleted",
            "file_version_restored",
            "file_moved",
            "folder_created",
            "file_renamed",
            "file_new_content",
            "file_created",
            "folder_created",
        ]
    );
    assert!(all.windows(2).all(|w| w[0].timestamp >= w[1].timestamp));
    let by = |k: &str| all.iter().find(|e| e.kind == k).unwrap().clone();
    let renamed = by("file_renamed");
    assert_eq!(renamed.path.as_deref(), Some("/E/b.txt"), "where it is now");
    // Where it was is named only while that folder is reachable (/D is in the trash now).
    assert_eq!(renamed.oldpath, None);
    assert_eq!(by("file_moved").path.as_deref(), Some("/E/b.txt"));
    // A deleted folder that is still in the trash is named where it was.
    assert_eq!(by("folder_deleted").path.as_deref(), Some("/D"));
    let created = all.last().unwrap();
    assert_eq!(created.path, None, "/D is in the trash");
    let content = by("file_new_content");
    assert_eq!((content.version, content.content.size), (2, 4));
    assert_eq!(by("file_created").content.size, 3);
    assert_eq!(by("comment_added").text.as_deref(), Some("hello"));
    assert_eq!(created.init_event_user_name, "Alice");
    assert_eq!(created.init_event_user_id, created.user_id);

    // Paging: the default is 20; skip and limit cut the same order.
    assert_eq!(events(&s, &t, "").await, all);
    let p1 = events(&s, &t, "?limit=4").await;
    let p2 = events(&s, &t, "?limit=4&skip=4").await;
    assert_eq!([p1, p2].concat(), all[..8].to_vec());
    assert_eq!(events(&s, &t, "?skip=100").await, vec![]);

    // Filters.
    let f = events(&s, &t, "?type=file_renamed").await;
    assert_eq!(kinds(&f), ["file_renamed"]);
    let f = events(&s, &t, "?type=file_moved&type=folder_created").await;
    assert_eq!(
        kinds(&f),
        ["file_moved", "folder_created", "folder_created"]
    );
    let f = events(&s, &t, "?type=file_deleted,folder_deleted").await;
    assert_eq!(kinds(&f), ["folder_deleted", "file_deleted"]);
    assert_eq!(events(&s, &t, "?person=me&limit=100").await, all);
    assert!(events(&s, &t, "?person=other").await.is_empty());
    let mid = all[5].timestamp;
    let f = events(&s, &t, &format!("?from_timestamp={mid}&limit=100")).await;
    assert!(f.iter().all(|e| e.timestamp >= mid) && f.len() >= 6);
    let f = events(&s, &t, &format!("?to_timestamp={mid}&limit=100")).await;
    assert!(f.iter().all(|e| e.timestamp <= mid) && f.len() >= 6);
    for bad in ["?type=nope", "?person=them", "?limit=x"] {
        let r = s.get(&format!("events/{bad}")).await;
        assert_eq!(error_of(r).await.0, 400, "{bad}");
    }

    // Purged for good: the path is gone.
    ok(s.post(
        "fileops/delete/",
        &[("path", "/E/b.txt"), ("without_trash", "true")],
    )
    .await)
    .await;
    let after = events(&s, &t, "?type=file_created").await;
    assert_eq!(after[0].path, None);

    // A stranger sees none of it; and the limit is at most 100.
    let sam = user(&s, "sam", "Sam").await;
    assert!(events(&s, &sam, "").await.is_empty());
    for i in 0..105 {
        s.mkdir(&format!("/many/{i}")).await;
    }
    assert_eq!(events(&s, &t, "?limit=500").await.len(), 100);
    assert!(events(&s, &sam, "?limit=500").await.is_empty());
}

#[tokio::test]
async fn shared_items_are_seen_at_each_readers_own_path() {
    let s = start().await;
    s.upload("/Team/plan.txt", b"plan").await;
    s.upload("/Private/x.txt", b"x").await;
    let alice = s.token.clone();
    let wendy = user(&s, "wendy", "Wendy").await;
    let sam = user(&s, "sam", "Sam").await;
    let r = s
        .post(
            "shares/add/",
            &[
                ("path", "/Team"),
                ("member_login", "wendy"),
                ("writer", "true"),
            ],
        )
        .await;
    let inv: ShareInvitation = s.ok_json(r).await;
    let r = as_post(&s, &wendy, "shares/accept/", &[("hash", &inv.hash)]).await;
    let _: Metadata = s.ok_json(r).await;

    let a = events(&s, &alice, "?type=share_invitation_sent,share_accepted").await;
    assert_eq!(kinds(&a), ["share_accepted", "share_invitation_sent"]);
    assert_eq!(a[0].init_event_user_name, "Wendy");
    assert_eq!(a[1].text.as_deref(), Some("wendy"));

    // Wendy uploads into the share; Alice renames the shared folder: each sees their own path.
    let mut w = Server {
        token: wendy.clone(),
        ..start_shell(&s)
    };
    w.upload("/Team/w.txt", b"from wendy").await;
    w.token = wendy.clone();
    let r = s
        .post(
            "fileops/rename/",
            &[("path", "/Team"), ("newname", "Team2")],
        )
        .await;
    let _: Metadata = s.ok_json(r).await;
    let a = events(&s, &alice, "?type=file_created&person=other").await;
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].path.as_deref(), Some("/Team2/w.txt"));
    assert_eq!(a[0].init_event_user_name, "Wendy");
    assert_eq!(a[0].user_id, a[1 - 1].user_id);
    let we = events(&s, &wendy, "?type=file_created").await;
    let paths: Vec<Option<&str>> = we.iter().map(|e| e.path.as_deref()).collect();
    assert_eq!(paths, [Some("/Team/w.txt"), Some("/Team/plan.txt")]);
    // Alice's private files and the rename of her folder above the share's items are hers.
    let all_w = events(&s, &wendy, "?limit=100").await;
    assert!(
        all_w
            .iter()
            .all(|e| e.path.as_deref() != Some("/Private/x.txt"))
    );
    assert!(
        !all_w
            .iter()
            .any(|e| e.path.as_deref().is_some_and(|p| p.contains("Private")))
    );
    let renamed = events(&s, &wendy, "?type=folder_renamed").await;
    assert_eq!(
        renamed[0].path.as_deref(),
        Some("/Team"),
        "her mount keeps its name"
    );
    assert_eq!(renamed[0].oldpath, None, "she never saw the owner's root");
    let renamed = events(&s, &alice, "?type=folder_renamed").await;
    assert_eq!(
        (renamed[0].path.as_deref(), renamed[0].oldpath.as_deref()),
        (Some("/Team2"), Some("/Team"))
    );
    // Sam sees nothing.
    assert!(events(&s, &sam, "?limit=100").await.is_empty());

    // The owner trashes the file: Wendy still sees its history, without a path.
    let r = s.post("fileops/delete/", &[("path", "/Team2/w.txt")]).await;
    let _: Metadata = s.ok_json(r).await;
    let we = events(&s, &wendy, "?type=file_created").await;
    assert_eq!(we[0].path, None);
    let del = events(&s, &wendy, "?type=file_deleted").await;
    assert_eq!(del[0].path.as_deref(), Some("/Team/w.txt"));

    // Once she leaves, the share's events are no longer hers.
    let r = as_post(&s, &wendy, "fileops/delete/", &[("path", "/Team")]).await;
    let _: Metadata = s.ok_json(r).await;
    let left = events(&s, &wendy, "?limit=100").await;
    assert!(left.is_empty(), "{left:?}");
}

/// Another client on the same server (a different token).
fn start_shell(s: &Server) -> Server {
    Server {
        base: s.base.clone(),
        addr: s.addr,
        http: s.http.clone(),
        core: s.core.clone(),
        token: s.token.clone(),
        dir: tempfile::tempdir().unwrap(),
    }
}

#[tokio::test]
async fn deduplicated_creates_and_uploads_record_file_created() {
    let s = start().await;
    let t = s.token.clone();
    s.upload("/one.txt", b"same bytes").await;
    let r = s.create("/two.txt", b"same bytes", false, false).await;
    assert_eq!(r.status(), 201, "deduplicated");
    let ev = events(&s, &t, "?type=file_created").await;
    let paths: Vec<Option<&str>> = ev.iter().map(|e| e.path.as_deref()).collect();
    assert_eq!(paths, [Some("/two.txt"), Some("/one.txt")]);
    // Comments on a root item named like a fixed endpoint: no `id` means "comment on /edit".
    s.upload("/edit", b"e").await;
    let r = s
        .post("workflow/comment/edit", &[("text", "on the file")])
        .await;
    let c: Value = s.ok_json(r).await;
    assert_eq!(c["text"], "on the file");
    let r = s.get("workflow/comments/edit").await;
    let list: Vec<Value> = s.ok_json(r).await;
    assert_eq!(list.len(), 1);
    let added = events(&s, &t, "?type=comment_added").await;
    assert_eq!(added[0].path.as_deref(), Some("/edit"));
}
