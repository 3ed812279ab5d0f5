//! Collaborator shares over real HTTP: invitations, mounts in the collaborator's tree, and an
//! authorization matrix of owner / writer / reader / invited-only / stranger.

mod common;

use common::*;
use reqwest::Response;
use satchel_wire::cloudike::{
    Collaborator, CompanyUsers, Metadata, ShareInvitation, ShareInvite, UploadTicket,
};
use serde_json::Value;

struct People {
    alice: String,
    wendy: String,
    rita: String,
    ivan: String,
    sam: String,
    ids: std::collections::HashMap<&'static str, i64>,
}

async fn user(s: &Server, login: &'static str, name: &str) -> String {
    s.core
        .ensure_user(login, &format!("{login}-secret"), name)
        .await
        .unwrap();
    s.login(login, &format!("{login}-secret")).await
}

async fn invite(s: &Server, path: &str, login: &str, writer: bool) -> ShareInvitation {
    let w = if writer { "true" } else { "false" };
    let r = s
        .post(
            "shares/add/",
            &[("path", path), ("member_login", login), ("writer", w)],
        )
        .await;
    s.ok_json(r).await
}

/// Alice shares /Team with Wendy (writer, accepted), Rita (reader, accepted) and Ivan (invited
/// only); Sam is a stranger.
async fn setup() -> (Server, People) {
    let mut s = start().await;
    s.upload("/Team/plan.txt", b"the plan").await;
    s.upload("/Team/docs/spec.txt", b"the spec").await;
    s.upload("/Private/diary.txt", b"dear diary").await;
    let alice = s.token.clone();
    let wendy = user(&s, "wendy", "Wendy").await;
    let rita = user(&s, "rita", "Rita").await;
    let ivan = user(&s, "ivan", "Ivan").await;
    let sam = user(&s, "sam", "Sam").await;
    let w = invite(&s, "/Team", "wendy", true).await;
    assert_eq!(w.status, "invited");
    assert!(w.writer);
    assert_eq!(w.hash.len(), 40);
    let r = invite(&s, "/Team", "email:rita", false).await;
    invite(&s, "/Team", "login:ivan", false).await;
    for (token, hash) in [(&wendy, &w.hash), (&rita, &r.hash)] {
        s.token = token.clone();
        let r = s.get("shares/invites/").await;
        let inv: Vec<ShareInvite> = s.ok_json(r).await;
        assert_eq!(inv.len(), 1);
        assert_eq!(
            (inv[0].name.as_str(), inv[0].owner_name.as_str()),
            ("Team", "Alice")
        );
        let r = s.post("shares/accept/", &[("hash", hash)]).await;
        let m: Metadata = s.ok_json(r).await;
        assert_eq!((m.path.as_str(), m.folder, m.shared), ("/Team", true, true));
    }
    s.token = alice.clone();
    let mut ids = std::collections::HashMap::new();
    for (name, token) in [
        ("alice", &alice),
        ("wendy", &wendy),
        ("rita", &rita),
        ("ivan", &ivan),
        ("sam", &sam),
    ] {
        let r = s
            .http
            .get(s.url("accounts/get/"))
            .header("Mountbit-Auth", token)
            .send()
            .await
            .unwrap();
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["company_id"], 1);
        ids.insert(name, v["userid"].as_i64().unwrap());
    }
    let people = People {
        alice,
        wendy,
        rita,
        ivan,
        sam,
        ids,
    };
    (s, people)
}

/// A refusal: 403 or 404 with the JSON error body, naming no file inside the share that the
/// request itself did not name (`what` holds the request's paths: an echo of them is no leak).
async fn refused(r: Response, what: &str) -> u16 {
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    assert!(status == 403 || status == 404, "{what}: {status} {text}");
    let body: Value = serde_json::from_str(&text).expect("a JSON error body");
    assert_eq!(body["status"], status);
    for leak in [
        "plan.txt", "spec.txt", "docs", "the plan", "diary", "Private",
    ] {
        if !what.contains(leak) {
            assert!(!text.contains(leak), "{what} leaked {leak}: {text}");
        }
    }
    status
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Owner,
    Writer,
    Reader,
    Invited,
    Stranger,
}

/// Every files endpoint on the shared folder, as each role: the exact allowed set.
#[tokio::test]
async fn authorization_matrix_for_files_endpoints() {
    let (mut s, p) = setup().await;
    let roles = [
        (Role::Owner, p.alice.clone()),
        (Role::Writer, p.wendy.clone()),
        (Role::Reader, p.rita.clone()),
        (Role::Invited, p.ivan.clone()),
        (Role::Stranger, p.sam.clone()),
    ];
    for (role, token) in roles {
        s.token = token;
        let reads = matches!(role, Role::Owner | Role::Writer | Role::Reader);
        let writes = matches!(role, Role::Owner | Role::Writer);
        let tag = format!("{role:?}");

        // Reads.
        let read_calls: Vec<(&str, Response)> = vec![
            ("metadata /Team", s.get("metadata/Team").await),
            (
                "metadata /Team/docs/spec.txt",
                s.get("metadata/Team/docs/spec.txt").await,
            ),
            (
                "files/get /Team/plan.txt",
                s.get("files/get/Team/plan.txt").await,
            ),
            (
                "versions /Team/plan.txt",
                s.get("files/versions/Team/plan.txt").await,
            ),
            (
                "zip /Team",
                s.get("files/download_as_archive_stream/?path=/Team").await,
            ),
            (
                "zip link /Team/docs",
                s.post(
                    "files/download_as_archive_stream/",
                    &[("path", "/Team/docs")],
                )
                .await,
            ),
            (
                "folder_info /Team",
                s.get("fileops/folder_info/?path=/Team").await,
            ),
            (
                "/Team/plan.txt preview",
                s.get("files/get_preview/Team/plan.txt").await,
            ),
            (
                "collaborators /Team/docs",
                s.get("shares/collaborators/?path=/Team/docs").await,
            ),
        ];
        for (what, r) in read_calls {
            let what = format!("{tag} {what}");
            if reads {
                // A text file has no preview: 404 NoPreview, but it was found.
                if what.ends_with("preview") {
                    assert_eq!(error_of(r).await.1.error, "NoPreview", "{what}");
                } else {
                    assert!(r.status().is_success(), "{what}: {}", r.status());
                }
            } else {
                assert_eq!(refused(r, &what).await, 404, "{what}");
            }
        }
        if reads {
            assert_eq!(s.download("/Team/plan.txt").await, b"the plan");
            let m = s.list("/Team").await;
            assert_eq!(m.owner, p.ids["alice"], "{tag}");
            assert_eq!(m.owner_name, "Alice");
            assert!(m.shared);
            assert_eq!(m.writable, writes, "{tag}");
            let kids = m.content.unwrap();
            assert!(
                kids.iter()
                    .all(|k| k.writable == writes && k.owner == p.ids["alice"])
            );
        }

        // Writes (each on its own fresh name, so allowed ones do not disturb the next role).
        let n = tag.clone();
        let folder = format!("/Team/new-{n}");
        let write_calls: Vec<(&str, Response)> = vec![
            (
                "folder_create /Team/new",
                s.post("fileops/folder_create", &[("path", &folder)]).await,
            ),
            (
                "files/create /Team/up",
                s.create(
                    &format!("/Team/up-{n}.txt"),
                    format!("up {n}").as_bytes(),
                    false,
                    false,
                )
                .await,
            ),
            (
                "copy /Team/plan.txt into /Team/docs",
                s.post(
                    "fileops/copy/",
                    &[("from_path", "/Team/plan.txt"), ("to_path", "/Team/docs")],
                )
                .await,
            ),
            (
                "set_favorite /Team/plan.txt",
                s.post("fileops/set_favorite/", &[("path", "/Team/plan.txt")])
                    .await,
            ),
            (
                "restore version /Team/plan.txt",
                s.post(
                    "files/restore/",
                    &[("path", "/Team/plan.txt"), ("version", "1")],
                )
                .await,
            ),
            (
                "rename /Team/docs/spec.txt",
                s.post(
                    "fileops/rename/",
                    &[
                        ("path", "/Team/docs/spec.txt"),
                        ("newname", &format!("spec-{n}.txt")),
                    ],
                )
                .await,
            ),
        ];
        for (what, r) in write_calls {
            let what = format!("{tag} {what}");
            // Creating with missing parents is fine for anyone: it makes /Team in their own
            // tree (checked below: the owner's folder is untouched).
            let own_tree = what.contains("/Team/new") || what.contains("/Team/up");
            if writes || (!reads && own_tree) {
                assert!(r.status().is_success(), "{what}: {}", r.status());
            } else if reads {
                assert_eq!(refused(r, &what).await, 403, "{what}");
            } else {
                assert_eq!(refused(r, &what).await, 404, "{what}");
            }
        }
        if !reads {
            let m = s.list("/Team").await;
            assert_eq!(
                m.owner,
                p.ids[if role == Role::Invited { "ivan" } else { "sam" }]
            );
            let names: Vec<String> = m.content.unwrap().into_iter().map(|c| c.name).collect();
            assert_eq!(names, [format!("new-{n}")], "{tag}");
            let r = s
                .post(
                    "fileops/delete/",
                    &[("path", "/Team"), ("without_trash", "true")],
                )
                .await;
            assert_eq!(r.status(), 200);
        }
        if writes {
            // Put the spec back for the next role.
            let r = s
                .post(
                    "fileops/rename/",
                    &[
                        ("path", &format!("/Team/docs/spec-{n}.txt")),
                        ("newname", "spec.txt"),
                    ],
                )
                .await;
            assert_eq!(r.status(), 200);
            let r = s.post("fileops/delete/", &[("path", &folder)]).await;
            assert_eq!(r.status(), 200, "{tag} delete");
        } else {
            let r = s
                .post("fileops/delete/", &[("path", "/Team/plan.txt")])
                .await;
            let expect = if reads { 403 } else { 404 };
            assert_eq!(
                refused(r, &format!("{tag} delete /Team/plan.txt")).await,
                expect
            );
            let r = s
                .post("fileops/multi/delete/", &[("path", "/Team/plan.txt")])
                .await;
            let v: Value = s.ok_json(r).await;
            assert_eq!(v["failed"], 1, "{tag} multi/delete");
            assert_eq!(v["nodes"][0]["error_code"], expect);
        }

        // Public links on the shared folder: a write (readers may not publish the owner's
        // items). A writer's link lives only while the writer is in the share.
        let r = s.post("links/create/", &[("path", "/Team")]).await;
        if writes {
            let link: Value = s.ok_json(r).await;
            let h = link["hash"].as_str().unwrap().to_owned();
            let r = s
                .http
                .get(s.url(&format!("links/metadata/{h}/docs")))
                .send()
                .await
                .unwrap();
            let m: Metadata = s.ok_json(r).await;
            let paths: Vec<String> = m.content.unwrap().into_iter().map(|c| c.path).collect();
            assert!(paths.contains(&"/docs/spec.txt".to_owned()), "{paths:?}");
            let r = s.post("links/delete/", &[("hash", &h)]).await;
            assert_eq!(r.status(), 200);
        } else {
            let expect = if reads { 403 } else { 404 };
            assert_eq!(
                refused(r, &format!("{tag} links/create /Team")).await,
                expect
            );
        }

        // Search and favorites never reach into someone else's tree for strangers.
        let r = s.get("files/search/?query=plan").await;
        let v: Value = s.ok_json(r).await;
        if !reads {
            assert!(v["content"].as_array().unwrap().is_empty(), "{tag} search");
        }
        // The share management endpoints: only the owner.
        let r = s.post("shares/unshare/", &[("path", "/Team/docs")]).await;
        if role == Role::Owner {
            // /Team/docs itself is not shared: nothing to remove, still fine.
            assert_eq!(r.status(), 200);
        } else {
            let expect = if reads { 403 } else { 404 };
            assert_eq!(
                refused(r, &format!("{tag} unshare /Team/docs")).await,
                expect
            );
        }
        let r = s
            .post("shares/add/", &[("path", "/Team"), ("member_login", "sam")])
            .await;
        match role {
            Role::Owner => assert_eq!(r.status(), 200),
            Role::Writer | Role::Reader => {
                let (status, body) = error_of(r).await;
                assert_eq!(
                    (status.as_u16(), body.error.as_str()),
                    (424, "SharedRootInside")
                );
            }
            _ => assert_eq!(refused(r, &format!("{tag} add")).await, 404),
        }
        if role == Role::Owner {
            // Take back Sam's invitation again.
            let r = s
                .post(
                    "shares/uninvite/",
                    &[("path", "/Team"), ("member_login", "sam")],
                )
                .await;
            assert_eq!(r.status(), 200);
        }
    }
    // The owner's tree got what the writers made and nothing from the others.
    s.token = p.alice.clone();
    let names = s.names("/Team").await;
    assert!(names.contains(&"plan.txt".to_owned()) && names.contains(&"docs".to_owned()));
    assert!(
        !names
            .iter()
            .any(|n| n.contains("Reader") || n.contains("Invited") || n.contains("Stranger"))
    );
    assert_eq!(s.names("/").await, ["Private", "Team"]);
    // The reader's root holds the mount and nothing else; invitees and strangers see nothing.
    s.token = p.rita.clone();
    assert_eq!(s.names("/").await, ["Team"]);
    for t in [&p.ivan, &p.sam] {
        s.token = t.clone();
        assert!(s.names("/").await.is_empty());
    }
}

#[tokio::test]
async fn writer_uploads_and_deletes_into_the_owners_tree() {
    let (mut s, p) = setup().await;
    s.token = p.wendy.clone();
    // Multipart upload inside the mount: create, part PUT, confirm.
    let content = b"written by wendy".to_vec();
    let r = s.create("/Team/docs/w.txt", &content, true, false).await;
    let t: UploadTicket = s.ok_json(r).await;
    let r = s.part(&t.temp_path, 1, &content).await;
    assert_eq!(r.status(), 200);
    let r = s
        .confirm("/Team/docs/w.txt", &t.temp_path, &content, false)
        .await;
    let m: Metadata = s.ok_json(r).await;
    assert_eq!(m.path, "/Team/docs/w.txt");
    assert_eq!(m.owner, p.ids["alice"]);

    s.token = p.alice.clone();
    assert_eq!(s.download("/Team/docs/w.txt").await, content);
    let r = s.get("files/versions/Team/docs/w.txt").await;
    let v: Value = s.ok_json(r).await;
    assert_eq!(v[0]["author"], p.ids["wendy"]);
    assert_eq!(v[0]["author_name"], "Wendy");

    // The writer deletes: the item goes to the owner's trash.
    s.token = p.wendy.clone();
    let r = s
        .post("fileops/delete/", &[("path", "/Team/docs/w.txt")])
        .await;
    assert_eq!(r.status(), 200);
    let r = s.get("trash/").await;
    let v: Value = s.ok_json(r).await;
    assert!(v["content"].as_array().unwrap().is_empty());
    s.token = p.alice.clone();
    let r = s.get("trash/").await;
    let v: Value = s.ok_json(r).await;
    assert_eq!(v["content"][0]["restore_path"], "/Team/docs/w.txt");
    let id = v["content"][0]["name"].as_str().unwrap().to_owned();
    let r = s.post(&format!("trash/restore/{id}"), &[]).await;
    let m: Metadata = s.ok_json(r).await;
    assert_eq!(m.path, "/Team/docs/w.txt");
    s.token = p.wendy.clone();
    assert_eq!(s.download("/Team/docs/w.txt").await, content);
    let r = s
        .post("fileops/delete/", &[("path", "/Team/docs/w.txt")])
        .await;
    assert_eq!(r.status(), 200);
    s.token = p.alice.clone();
    // Wendy's storage counts nothing of Alice's folder.
    s.token = p.wendy.clone();
    let r = s.get("accounts/get/").await;
    let v: Value = s.ok_json(r).await;
    assert_eq!(v["storage_size"], 0);

    // Nothing moves between trees; the mount itself cannot be moved or renamed.
    s.mkdir("/Mine").await;
    let moves = [
        ("/Team/plan.txt", "/Mine"),
        ("/Mine", "/Team"),
        ("/Team", "/Mine"),
    ];
    for (from, to) in moves {
        let r = s
            .post("fileops/move/", &[("from_path", from), ("to_path", to)])
            .await;
        let (status, body) = error_of(r).await;
        assert_eq!(
            (status.as_u16(), body.error.as_str()),
            (412, "FileOrFolderMoveMountPointToAnother"),
            "{from} -> {to}"
        );
    }
    let r = s
        .post("fileops/rename/", &[("path", "/Team"), ("newname", "X")])
        .await;
    assert_eq!(error_of(r).await.0, 403);
    // Copy works both ways and makes new content in the target tree.
    let r = s
        .post(
            "fileops/copy/",
            &[("from_path", "/Team/plan.txt"), ("to_path", "/Mine")],
        )
        .await;
    let m: Metadata = s.ok_json(r).await;
    assert_eq!(m.owner, p.ids["wendy"]);
    let r = s
        .post(
            "fileops/copy/",
            &[("from_path", "/Mine"), ("to_path", "/Team")],
        )
        .await;
    let m: Metadata = s.ok_json(r).await;
    assert_eq!((m.path.as_str(), m.owner), ("/Team/Mine", p.ids["alice"]));
    // A move inside the mount is fine.
    let r = s
        .post(
            "fileops/move/",
            &[("from_path", "/Team/Mine"), ("to_path", "/Team/docs")],
        )
        .await;
    assert_eq!(r.status(), 200);
    s.token = p.alice.clone();
    assert_eq!(s.names("/Team/docs/Mine").await, ["plan.txt"]);

    // Deleting the mount leaves the share; the owner's folder stays, and Wendy's link to it
    // stops working.
    s.token = p.wendy.clone();
    let r = s.post("links/create/", &[("path", "/Team/plan.txt")]).await;
    let link: Value = s.ok_json(r).await;
    let link_url = s.url(&format!("links/get/{}/", link["hash"].as_str().unwrap()));
    let r = s.http.get(&link_url).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let r = s.post("fileops/delete/", &[("path", "/Team")]).await;
    assert_eq!(r.status(), 200);
    assert_eq!(s.names("/").await, ["Mine"]);
    let r = s.http.get(&link_url).send().await.unwrap();
    assert_eq!(error_of(r).await.1.error, "LinkNotFound");
    s.token = p.alice.clone();
    assert!(s.names("/Team").await.contains(&"plan.txt".to_owned()));
    let r = s.get("shares/collaborators/?path=/Team").await;
    let c: Vec<Collaborator> = s.ok_json(r).await;
    assert!(!c.iter().any(|c| c.login == "wendy"));
}

#[tokio::test]
async fn invitations_collaborators_and_errors() {
    let (mut s, p) = setup().await;
    // Yourself: 409; unknown user: 404; a file: 400; again: 200 with an empty body.
    let r = s
        .post(
            "shares/add/",
            &[("path", "/Team"), ("member_login", "alice")],
        )
        .await;
    assert_eq!(error_of(r).await.0, 409);
    let r = s
        .post(
            "shares/add/",
            &[("path", "/Team"), ("member_login", "nobody")],
        )
        .await;
    assert_eq!(error_of(r).await.0, 404);
    let r = s
        .post(
            "shares/add/",
            &[("path", "/Team/plan.txt"), ("member_login", "sam")],
        )
        .await;
    assert_eq!(error_of(r).await.0, 400);
    let r = s
        .post(
            "shares/add/",
            &[("path", "/Team"), ("member_login", "wendy")],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().is_empty());

    // Collaborators: owner first; indirect below the share root.
    let r = s.get("shares/collaborators/?path=/Team/docs").await;
    let c: Vec<Collaborator> = s.ok_json(r).await;
    let lines: Vec<(&str, &str, bool, bool)> = c
        .iter()
        .map(|c| (c.login.as_str(), c.status.as_str(), c.writer, c.owner))
        .collect();
    assert_eq!(
        lines,
        [
            ("alice", "owner", true, true),
            ("wendy", "accepted", true, false),
            ("rita", "accepted", false, false),
            ("ivan", "invited", false, false),
        ]
    );
    assert!(c[1..].iter().all(|c| c.is_indirect));
    // An accepted collaborator sees the same through their mount path.
    s.token = p.rita.clone();
    let r = s.get("shares/collaborators/?path=/Team").await;
    let c2: Vec<Collaborator> = s.ok_json(r).await;
    assert_eq!(c2.len(), 4);
    assert!(!c2[1].is_indirect);
    // A collaborator cannot manage the share.
    for (endpoint, form) in [
        (
            "shares/update_collaborator/",
            vec![
                ("path", "/Team"),
                ("member_login", "rita"),
                ("writer", "true"),
            ],
        ),
        (
            "shares/remove/",
            vec![("path", "/Team"), ("member_login", "wendy")],
        ),
        (
            "fileops/handover/",
            vec![("path", "/Team"), ("member_login", "rita")],
        ),
    ] {
        let r = s.post(endpoint, &form).await;
        assert_eq!(error_of(r).await.0, 403, "{endpoint}");
    }
    // A folder holding a folder shared with me: 424.
    let r = s
        .post("shares/add/", &[("path", "/"), ("member_login", "sam")])
        .await;
    let (status, body) = error_of(r).await;
    assert_eq!(
        (status.as_u16(), body.error.as_str()),
        (424, "SharedRootInside")
    );

    // Update rights: Rita becomes a writer.
    s.token = p.alice.clone();
    let r = s
        .post(
            "shares/update_collaborator/",
            &[
                ("path", "/Team"),
                ("member_login", "rita"),
                ("writer", "true"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    s.token = p.rita.clone();
    s.mkdir("/Team/by-rita").await;

    // Remove / uninvite only in the right state.
    s.token = p.alice.clone();
    let r = s
        .post(
            "shares/remove/",
            &[("path", "/Team"), ("member_login", "ivan")],
        )
        .await;
    assert_eq!(error_of(r).await.0, 404);
    let r = s
        .post(
            "shares/uninvite/",
            &[("path", "/Team"), ("member_login", "rita")],
        )
        .await;
    assert_eq!(error_of(r).await.0, 404);
    let r = s
        .post(
            "shares/remove/",
            &[("path", "/Team"), ("member_login", "rita")],
        )
        .await;
    assert_eq!(r.status(), 200);
    let r = s
        .post(
            "shares/uninvite/",
            &[("path", "/Team"), ("member_login", "ivan")],
        )
        .await;
    assert_eq!(r.status(), 200);
    s.token = p.rita.clone();
    let r = s.get("metadata/Team").await;
    assert_eq!(refused(r, "removed rita").await, 404);
    assert!(s.names("/").await.is_empty());
    s.token = p.ivan.clone();
    let r = s.get("shares/invites/").await;
    let inv: Vec<ShareInvite> = s.ok_json(r).await;
    assert!(inv.is_empty());

    // shares/ lists.
    s.token = p.alice.clone();
    let r = s.get("shares/?whose=my").await;
    let v: Value = s.ok_json(r).await;
    assert_eq!(v[0]["path"], "/Team");
    assert_eq!(v[0]["collaborators"], 1);
    s.token = p.wendy.clone();
    let r = s.get("shares/?whose=others").await;
    let v: Value = s.ok_json(r).await;
    assert_eq!(v[0]["path"], "/Team");
    assert_eq!(v[0]["owner_name"], "Alice");
    assert_eq!(v[0]["writer"], true);

    // Unshare: every collaborator goes.
    s.token = p.alice.clone();
    let r = s.post("shares/unshare/", &[("path", "/Team")]).await;
    assert_eq!(r.status(), 200);
    s.token = p.wendy.clone();
    assert!(s.names("/").await.is_empty());
    let _ = &p.sam;
}

#[tokio::test]
async fn accept_numbers_clashing_names_and_decline() {
    let (mut s, p) = setup().await;
    s.token = p.sam.clone();
    s.mkdir("/Team").await;
    s.token = p.alice.clone();
    let inv = invite(&s, "/Team", "sam", false).await;
    s.mkdir("/Other/Team").await;
    let r = s
        .post(
            "shares/add/",
            &[
                ("path", "/Other/Team"),
                ("member_login", "sam"),
                ("invitation", "see <this>"),
            ],
        )
        .await;
    let inv2: ShareInvitation = s.ok_json(r).await;
    s.mkdir("/Third").await;
    let inv3 = invite(&s, "/Third", "sam", false).await;
    s.token = p.sam.clone();
    let r = s.get("shares/invites/").await;
    let list: Vec<ShareInvite> = s.ok_json(r).await;
    assert_eq!(list.len(), 3);
    let with_note: Vec<Option<&str>> = list.iter().map(|i| i.invitation.as_deref()).collect();
    assert!(with_note.contains(&Some("see <this>")));
    let r = s.post("shares/accept/", &[("hash", &inv.hash)]).await;
    let m: Metadata = s.ok_json(r).await;
    assert_eq!(m.path, "/Team (1)");
    let r = s.post("shares/accept/", &[("hash", &inv2.hash)]).await;
    let m: Metadata = s.ok_json(r).await;
    assert_eq!(m.path, "/Team (2)");
    assert_eq!(s.names("/").await, ["Team", "Team (1)", "Team (2)"]);
    assert_eq!(s.download("/Team (1)/plan.txt").await, b"the plan");
    // Accepting twice, or another's hash: 404.
    let r = s.post("shares/accept/", &[("hash", &inv.hash)]).await;
    assert_eq!(error_of(r).await.0, 404);
    let r = s.post("shares/decline/", &[("hash", &inv3.hash)]).await;
    assert_eq!(r.status(), 200);
    let r = s.get("shares/invites/").await;
    let list: Vec<ShareInvite> = s.ok_json(r).await;
    assert!(list.is_empty());
    // A name taken by a mount cannot be taken by a new folder.
    let r = s
        .post("fileops/folder_create", &[("path", "/Team (1)")])
        .await;
    assert_eq!(error_of(r).await.0, 403);
}

#[tokio::test]
async fn handover_and_company_directory() {
    let (mut s, p) = setup().await;
    let r = s.get("company/1/users?query=I").await;
    let u: CompanyUsers = s.ok_json(r).await;
    let logins: Vec<&str> = u.users.iter().map(|u| u.login.as_str()).collect();
    assert_eq!(logins, ["alice", "ivan", "rita"]);
    assert_eq!(u.count, 3);
    let r = s.get("company/1/users?limit=2&offset=1").await;
    let u: CompanyUsers = s.ok_json(r).await;
    assert_eq!((u.count, u.users.len()), (5, 2));
    let r = s.get("company/2/users").await;
    assert_eq!(error_of(r).await.0, 403);

    let r = s
        .post(
            "fileops/handover/",
            &[("path", "/Team"), ("member_login", "ivan")],
        )
        .await;
    assert_eq!(error_of(r).await.0, 404);
    let r = s
        .post(
            "fileops/handover/",
            &[("path", "/Team"), ("member_login", "wendy")],
        )
        .await;
    assert_eq!(r.status(), 200);
    // Wendy owns it now; Alice is a writer with a mount of the same name.
    s.token = p.wendy.clone();
    let m = s.list("/Team").await;
    assert_eq!(m.owner, p.ids["wendy"]);
    assert!(m.writable);
    s.token = p.alice.clone();
    let m = s.list("/Team").await;
    assert_eq!(m.owner, p.ids["wendy"]);
    assert!(m.writable);
    s.upload("/Team/from-alice.txt", b"still writing").await;
    let r = s.post("shares/unshare/", &[("path", "/Team")]).await;
    assert_eq!(error_of(r).await.0, 403);
    // Rita still reads it.
    s.token = p.rita.clone();
    assert_eq!(s.download("/Team/from-alice.txt").await, b"still writing");
}

#[tokio::test]
async fn mounts_follow_the_owners_changes() {
    let (mut s, p) = setup().await;
    // The member's root ETag changes when the mount goes away.
    s.token = p.rita.clone();
    let r = s.get("metadata/").await;
    let etag = r.headers()["etag"].to_str().unwrap().to_owned();
    let r = s.get_if_none_match("metadata/", &etag).await;
    assert_eq!(r.status(), 304);
    // A change inside the shared folder changes it too (the mount's hash is listed).
    s.token = p.alice.clone();
    s.upload("/Team/new.txt", b"new").await;
    s.token = p.rita.clone();
    let r = s.get("metadata/").await;
    let etag2 = r.headers()["etag"].to_str().unwrap().to_owned();
    assert_ne!(etag, etag2);

    // The owner trashes a folder holding the share: the mount disappears, and comes back
    // with the restore.
    s.token = p.alice.clone();
    s.mkdir("/Outer").await;
    let r = s
        .post(
            "fileops/move/",
            &[("from_path", "/Team"), ("to_path", "/Outer")],
        )
        .await;
    assert_eq!(r.status(), 200);
    s.token = p.rita.clone();
    assert_eq!(s.download("/Team/plan.txt").await, b"the plan");
    s.token = p.alice.clone();
    s.post("fileops/delete/", &[("path", "/Outer")]).await;
    s.token = p.rita.clone();
    assert!(s.names("/").await.is_empty());
    let r = s.get("metadata/Team/plan.txt").await;
    assert_eq!(refused(r, "metadata /Team/plan.txt").await, 404);
    s.token = p.alice.clone();
    let r = s.post("fileops/undelete/", &[("path", "/Outer")]).await;
    assert_eq!(r.status(), 200);
    s.token = p.rita.clone();
    assert_eq!(s.names("/").await, ["Team"]);
}
