//! Comments and tasks (`workflow/*`) over real HTTP: who may read and write them, how they
//! follow their item, mentions and task statuses.

mod common;

use common::*;
use reqwest::Response;
use satchel_wire::cloudike::{Comment, Metadata, ShareInvitation, TaskItem};
use serde_json::Value;

struct People {
    alice: String,
    wendy: String,
    rita: String,
    sam: String,
    wendy_id: i64,
    alice_id: i64,
}

async fn user(s: &Server, login: &str, name: &str) -> String {
    s.core
        .ensure_user(login, &format!("{login}-secret"), name)
        .await
        .unwrap();
    s.login(login, &format!("{login}-secret")).await
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

async fn as_get(s: &Server, token: &str, endpoint: &str) -> Response {
    s.http
        .get(s.url(endpoint))
        .header("Mountbit-Auth", token)
        .send()
        .await
        .unwrap()
}

async fn userid(s: &Server, token: &str) -> i64 {
    let v: Value = s.ok_json(as_get(s, token, "accounts/get/").await).await;
    v["userid"].as_i64().unwrap()
}

/// Alice shares /Team with Wendy (writer) and Rita (reader), both accepted; Sam is a stranger.
async fn setup() -> (Server, People) {
    let s = start().await;
    s.upload("/Team/plan.txt", b"the plan").await;
    s.upload("/Team/other.txt", b"other").await;
    let alice = s.token.clone();
    let wendy = user(&s, "wendy", "Wendy").await;
    let rita = user(&s, "rita", "Rita").await;
    let sam = user(&s, "sam", "Sam").await;
    for (login, token, writer) in [("wendy", &wendy, "true"), ("rita", &rita, "false")] {
        let r = s
            .post(
                "shares/add/",
                &[
                    ("path", "/Team"),
                    ("member_login", login),
                    ("writer", writer),
                ],
            )
            .await;
        let inv: ShareInvitation = s.ok_json(r).await;
        let r = as_post(&s, token, "shares/accept/", &[("hash", &inv.hash)]).await;
        let _: Metadata = s.ok_json(r).await;
    }
    let people = People {
        wendy_id: userid(&s, &wendy).await,
        alice_id: userid(&s, &alice).await,
        alice,
        wendy,
        rita,
        sam,
    };
    (s, people)
}

async fn comment(s: &Server, token: &str, path: &str, form: &[(&str, &str)]) -> Comment {
    let r = as_post(s, token, &format!("workflow/comment/{}", enc(path)), form).await;
    s.ok_json(r).await
}

async fn comments(s: &Server, token: &str, path: &str) -> Vec<Comment> {
    let r = as_get(s, token, &format!("workflow/comments/{}", enc(path))).await;
    s.ok_json(r).await
}

#[tokio::test]
async fn comments_crud_and_permissions() {
    let (s, p) = setup().await;
    let a = comment(&s, &p.alice, "/Team/plan.txt", &[("text", "Owner comment")]).await;
    assert_eq!(a.id.len(), 24);
    assert!(a.id.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(
        (
            a.kind.as_str(),
            a.tagged_text.as_str(),
            a.owner_id,
            a.due_date
        ),
        ("text", "", p.alice_id, 0)
    );
    assert_eq!(a.owner_name, "Alice");
    assert!(a.assignees.is_empty());
    assert_eq!(a.created_time, a.modified_time);

    // Collaborators comment through their own paths; a reader may comment too.
    let w = comment(
        &s,
        &p.wendy,
        "/Team/plan.txt",
        &[("text", "Writer comment")],
    )
    .await;
    let html = "<script>alert(1)</script> & <b>bold</b> \"q\"";
    let rc = comment(&s, &p.rita, "/Team/plan.txt", &[("text", html)]).await;
    assert_eq!(rc.text, html);

    let list = comments(&s, &p.wendy, "/Team/plan.txt").await;
    let ids: Vec<&str> = list.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, [a.id.as_str(), w.id.as_str(), rc.id.as_str()]);
    assert_eq!(list[2].text, html, "stored verbatim");
    // Raw JSON keys as the contract names them.
    let raw: Value = s
        .ok_json(as_get(&s, &p.alice, "workflow/comments/Team/plan.txt").await)
        .await;
    for key in [
        "id",
        "created_time",
        "modified_time",
        "text",
        "taggedText",
        "type",
        "owner_id",
        "owner_name",
        "due_date",
        "assignees",
    ] {
        assert!(raw[0].get(key).is_some(), "missing {key}: {raw}");
    }

    // A stranger: 404 for reading, writing, editing, deleting.
    let r = as_get(&s, &p.sam, "workflow/comments/Team/plan.txt").await;
    assert_eq!(error_of(r).await.0, 404);
    let r = as_post(
        &s,
        &p.sam,
        "workflow/comment/Team/plan.txt",
        &[("text", "hi")],
    )
    .await;
    assert_eq!(error_of(r).await.0, 404);
    let r = as_post(
        &s,
        &p.sam,
        "workflow/comment/edit",
        &[("id", &a.id), ("text", "x")],
    )
    .await;
    assert_eq!(error_of(r).await.0, 404);
    let r = as_post(&s, &p.sam, "workflow/comment/delete", &[("id", &a.id)]).await;
    assert_eq!(error_of(r).await.0, 404);
    let r = as_post(
        &s,
        &p.alice,
        "workflow/comment/delete",
        &[("id", "0123456789abcdef01234567")],
    )
    .await;
    assert_eq!(error_of(r).await.0, 404);

    // Editing someone else's comment: 403; one's own: fine.
    let r = as_post(
        &s,
        &p.wendy,
        "workflow/comment/edit",
        &[("id", &a.id), ("text", "x")],
    )
    .await;
    assert_eq!(error_of(r).await.0, 403);
    let r = as_post(
        &s,
        &p.alice,
        "workflow/comment/edit/",
        &[("id", &a.id), ("text", "Edited")],
    )
    .await;
    let edited: Comment = s.ok_json(r).await;
    assert_eq!(
        (edited.id.as_str(), edited.text.as_str()),
        (a.id.as_str(), "Edited")
    );
    assert!(edited.modified_time >= edited.created_time);

    // Deleting: a collaborator cannot delete another's comment; the owner of the file can.
    let r = as_post(&s, &p.rita, "workflow/comment/delete", &[("id", &w.id)]).await;
    assert_eq!(error_of(r).await.0, 403);
    let r = as_post(&s, &p.alice, "workflow/comment/delete", &[("id", &w.id)]).await;
    let v: Value = s.ok_json(r).await;
    assert_eq!(v, serde_json::json!({}));
    // The author deletes their own.
    let r = as_post(&s, &p.rita, "workflow/comment/delete/", &[("id", &rc.id)]).await;
    let _: Value = s.ok_json(r).await;
    let list = comments(&s, &p.rita, "/Team/plan.txt").await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].text, "Edited");

    // Bad input.
    let r = as_post(
        &s,
        &p.alice,
        "workflow/comment/Team/plan.txt",
        &[("text", "  ")],
    )
    .await;
    assert_eq!(error_of(r).await.0, 400);
    let long = "x".repeat(10_001);
    let r = as_post(
        &s,
        &p.alice,
        "workflow/comment/Team/plan.txt",
        &[("text", &long)],
    )
    .await;
    assert_eq!(error_of(r).await.0, 400);
    let r = as_post(
        &s,
        &p.alice,
        "workflow/comment/Team/plan.txt",
        &[("text", "a"), ("type", "poll")],
    )
    .await;
    assert_eq!(error_of(r).await.0, 400);
    let r = as_post(
        &s,
        &p.alice,
        "workflow/comment/Team/nope.txt",
        &[("text", "a")],
    )
    .await;
    assert_eq!(error_of(r).await.0, 404);
    let ok = comment(
        &s,
        &p.alice,
        "/Team/plan.txt",
        &[("text", &"y".repeat(10_000))],
    )
    .await;
    assert_eq!(ok.text.len(), 10_000);

    // The listing counts comments on items that have any (and only those).
    let raw: Value = s.ok_json(as_get(&s, &p.wendy, "metadata/Team").await).await;
    let items = raw["content"].as_array().unwrap();
    let plan = items.iter().find(|i| i["name"] == "plan.txt").unwrap();
    let other = items.iter().find(|i| i["name"] == "other.txt").unwrap();
    assert_eq!(plan["comments"], 2);
    assert!(other.get("comments").is_none(), "{other}");
    let m = s.list("/Team").await;
    assert_eq!(
        m.content
            .unwrap()
            .iter()
            .find(|i| i.name == "plan.txt")
            .unwrap()
            .comments,
        2
    );

    // Folders take comments too.
    let f = comment(&s, &p.wendy, "/Team", &[("text", "on the folder")]).await;
    assert_eq!(comments(&s, &p.alice, "/Team").await, vec![f]);
}

#[tokio::test]
async fn comments_follow_rename_move_trash_restore_and_purge() {
    let s = start().await;
    let t = s.token.clone();
    s.upload("/a.txt", b"aaa").await;
    s.mkdir("/Dir").await;
    let c = comment(&s, &t, "/a.txt", &[("text", "keep me")]).await;
    let r = s
        .post(
            "fileops/rename/",
            &[("path", "/a.txt"), ("newname", "b.txt")],
        )
        .await;
    let _: Metadata = s.ok_json(r).await;
    assert_eq!(comments(&s, &t, "/b.txt").await, vec![c.clone()]);
    let r = s
        .post(
            "fileops/move/",
            &[("from_path", "/b.txt"), ("to_path", "/Dir")],
        )
        .await;
    let _: Metadata = s.ok_json(r).await;
    assert_eq!(comments(&s, &t, "/Dir/b.txt").await, vec![c.clone()]);

    // In the trash (the folder above it): unreachable; back with it.
    let r = s.post("fileops/delete/", &[("path", "/Dir")]).await;
    let _: Metadata = s.ok_json(r).await;
    let r = s.get("workflow/comments/Dir/b.txt").await;
    assert_eq!(error_of(r).await.0, 404);
    let r = s
        .post("workflow/comment/edit", &[("id", &c.id), ("text", "x")])
        .await;
    assert_eq!(error_of(r).await.0, 404);
    let r = s.post("fileops/undelete/", &[("path", "/Dir")]).await;
    let _: Metadata = s.ok_json(r).await;
    assert_eq!(comments(&s, &t, "/Dir/b.txt").await, vec![c.clone()]);

    // Purged: gone with the item; a new file at the same path starts without comments.
    let r = s
        .post(
            "fileops/delete/",
            &[("path", "/Dir/b.txt"), ("without_trash", "true")],
        )
        .await;
    let _: Metadata = s.ok_json(r).await;
    s.upload("/Dir/b.txt", b"new").await;
    assert!(comments(&s, &t, "/Dir/b.txt").await.is_empty());
    let r = s
        .post("workflow/comment/edit", &[("id", &c.id), ("text", "x")])
        .await;
    assert_eq!(error_of(r).await.0, 404);
}

#[tokio::test]
async fn mentions_and_tasks() {
    let (s, p) = setup().await;
    // @wendy sees the item; @sam does not; @nobody is nobody; mail@wendy is an address.
    let c = comment(
        &s,
        &p.alice,
        "/Team/plan.txt",
        &[("text", "Thanks @wendy. Ask @sam, @nobody or mail@wendy")],
    )
    .await;
    assert_eq!(
        c.tagged_text,
        format!(
            "Thanks @[{}:wendy]. Ask @sam, @nobody or mail@wendy",
            p.wendy_id
        )
    );
    let plain = comment(
        &s,
        &p.alice,
        "/Team/plan.txt",
        &[("text", "no mention @sam")],
    )
    .await;
    assert_eq!(plain.tagged_text, "");
    // Wendy gets a mention event at her own path.
    let r = as_get(&s, &p.wendy, "events/?type=mention").await;
    let ev: Value = s.ok_json(r).await;
    let ev = ev.as_array().unwrap();
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(ev[0]["path"], "/Team/plan.txt");
    assert_eq!(ev[0]["init_event_user_name"], "Alice");
    let r = as_get(&s, &p.sam, "events/").await;
    let ev: Vec<Value> = s.ok_json(r).await;
    assert!(ev.is_empty(), "{ev:?}");

    // A task for Wendy and Rita.
    let t = comment(
        &s,
        &p.alice,
        "/Team/plan.txt",
        &[
            ("text", "Review it"),
            ("type", "task"),
            ("due_date", "1900000000000"),
            ("assignee", "wendy"),
            ("assignee", "rita"),
        ],
    )
    .await;
    assert_eq!((t.kind.as_str(), t.due_date), ("task", 1_900_000_000_000));
    assert_eq!(t.assignees.len(), 2);
    assert!(
        t.assignees
            .iter()
            .all(|a| a.status == "open" && a.id.len() == 24)
    );
    assert_eq!(t.assignees[0].user_id, p.wendy_id);
    assert_eq!(t.assignees[0].user_name, "Wendy");
    // Assignees must see the item.
    let r = as_post(
        &s,
        &p.alice,
        "workflow/comment/Team/plan.txt",
        &[("text", "x"), ("type", "task"), ("assignee", "sam")],
    )
    .await;
    assert_eq!(error_of(r).await.0, 400);

    // Statuses: assignees only.
    let st = |token: &str, status: &str| {
        let (token, status, id) = (token.to_owned(), status.to_owned(), t.id.clone());
        let s = &s;
        async move {
            as_post(
                s,
                &token,
                "workflow/comment/update_task_status",
                &[("id", &id), ("status", &status)],
            )
            .await
        }
    };
    let r = st(&p.wendy, "accepted").await;
    let after: Comment = s.ok_json(r).await;
    assert_eq!(after.assignees[0].status, "accepted");
    assert_eq!(after.assignees[1].status, "open");
    let r = st(&p.rita, "decline").await;
    let after: Comment = s.ok_json(r).await;
    assert_eq!(after.assignees[1].status, "declined");
    assert_eq!(error_of(st(&p.alice, "completed").await).await.0, 403);
    assert_eq!(error_of(st(&p.sam, "completed").await).await.0, 404);
    assert_eq!(error_of(st(&p.wendy, "maybe").await).await.0, 400);
    // A text comment has no assignees.
    let r = as_post(
        &s,
        &p.wendy,
        "workflow/comment/update_task_status",
        &[("id", &c.id), ("status", "completed")],
    )
    .await;
    assert_eq!(error_of(r).await.0, 403);

    // My tasks.
    let r = as_get(&s, &p.wendy, "workflow/tasks/").await;
    let tasks: Vec<TaskItem> = s.ok_json(r).await;
    assert_eq!(tasks.len(), 1);
    assert_eq!(
        (
            tasks[0].path.as_str(),
            tasks[0].name.as_str(),
            tasks[0].comment.id.as_str()
        ),
        ("/Team/plan.txt", "plan.txt", t.id.as_str())
    );
    let r = as_get(&s, &p.alice, "workflow/tasks").await;
    let tasks: Vec<TaskItem> = s.ok_json(r).await;
    assert!(tasks.is_empty());
    // A task_assigned event for Wendy.
    let r = as_get(&s, &p.wendy, "events/?type=task_assigned").await;
    let ev: Vec<Value> = s.ok_json(r).await;
    // Wendy is in the share: she sees Rita's assignment too, each naming its assignee.
    assert_eq!(ev.len(), 2);
    let mine: Vec<&Value> = ev
        .iter()
        .filter(|e| e["target_user_id"] == p.wendy_id)
        .collect();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["text"], "Review it");

    // Editing a task: the author changes the text, due date and assignees.
    let r = as_post(
        &s,
        &p.alice,
        "workflow/comment/edit",
        &[
            ("id", &t.id),
            ("text", "Review it, @rita"),
            ("due_date", "1800000000000"),
            ("assignee", "wendy"),
        ],
    )
    .await;
    let e: Comment = s.ok_json(r).await;
    assert_eq!(e.due_date, 1_800_000_000_000);
    assert_eq!(e.assignees.len(), 1);
    assert_eq!(e.assignees[0].status, "accepted", "kept");
    assert!(e.tagged_text.contains(":rita]"));
    let r = as_get(&s, &p.rita, "workflow/tasks/").await;
    let tasks: Vec<TaskItem> = s.ok_json(r).await;
    assert!(tasks.is_empty());
    // Once Wendy leaves the share, the task is no longer hers to see.
    let r = as_post(&s, &p.wendy, "fileops/delete/", &[("path", "/Team")]).await;
    let _: Metadata = s.ok_json(r).await;
    let r = as_get(&s, &p.wendy, "workflow/tasks/").await;
    let tasks: Vec<TaskItem> = s.ok_json(r).await;
    assert!(tasks.is_empty());
}
