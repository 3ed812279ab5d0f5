//! Groups: create, rename, list, delete, membership; folders shared with a group are mounted
//! for its members without accepting, for members added later too, and go for members removed,
//! when the group's share ends and when the group is deleted.

mod common;

use common::admin::{self, cast};
use common::*;
use reqwest::Method;
use serde_json::Value;

fn logins(v: &Value) -> Vec<String> {
    admin::logins(v, "content")
}

#[tokio::test]
async fn groups_are_created_renamed_listed_filled_and_deleted() {
    let s = start().await;
    let cast = cast(&s).await;
    let boss = cast.boss.token.as_str();
    let g = s
        .post_as(boss, "groups/create/", &[("name", "Design")])
        .await;
    assert_eq!(
        (g["name"].as_str(), g["company_id"].as_i64()),
        (Some("Design"), Some(1))
    );
    assert_eq!(g["members_count"], 0);
    let gid = g["group_id"]
        .as_str()
        .expect("the id is a string")
        .to_owned();
    let r = s
        .call(
            Method::POST,
            "groups/create/",
            Some(boss),
            &[("name", "Design")],
        )
        .await;
    let (status, body) = error_of(r).await;
    assert_eq!(
        (status.as_u16(), body.error.as_str()),
        (403, "AlreadyExists")
    );
    assert!(
        body.message.contains("A group already exists"),
        "{}",
        body.message
    );
    // The same name in another company is fine.
    s.post_as(&cast.other.token, "groups/create/", &[("name", "Design")])
        .await;
    let ops = s.post_as(boss, "groups/create/", &[("name", "Ops")]).await;
    let r = s
        .call(
            Method::POST,
            &format!("groups/{}/change/", ops["group_id"].as_str().unwrap()),
            Some(boss),
            &[("name", "Design")],
        )
        .await;
    assert_eq!(r.status(), 403);
    let g = s
        .post_as(
            boss,
            &format!("groups/{gid}/change/"),
            &[("name", "Design Team")],
        )
        .await;
    assert_eq!(g["name"], "Design Team");
    let (bob, carol, olga) = (
        cast.bob.id.to_string(),
        cast.carol.id.to_string(),
        cast.olga.id.to_string(),
    );
    let r = s
        .call(
            Method::POST,
            &format!("groups/{gid}/add_user/"),
            Some(boss),
            &[
                ("userid", &bob),
                ("userid", &carol),
                ("userid", "999999"),
                ("userid", &olga),
            ],
        )
        .await;
    let added: Value = s.ok_json(r).await;
    assert_eq!(
        added[0],
        serde_json::json!({"userid": cast.bob.id, "status": "added"})
    );
    assert_eq!(added[1]["status"], "added");
    assert_eq!(
        added[2],
        serde_json::json!({"userid": 999999, "status": "error", "code": 404, "message": "User not found"})
    );
    assert_eq!(added[3]["code"], 404, "another company's user cannot join");
    let members = s.get_as(boss, &format!("groups/{gid}/users/"), &[]).await;
    assert_eq!(logins(&members), ["bob", "carol"]);
    // Every member can list the groups (the share dialog offers them), read-only.
    let list = s.get_as(&cast.alice.token, "groups/list/", &[]).await;
    assert_eq!(list["count"], 2, "{list}");
    let names: Vec<&str> = list["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Design Team", "Ops"]);
    assert_eq!(list["groups"][0]["members_count"], 2);
    let r = s
        .call(
            Method::POST,
            "groups/create/",
            Some(&cast.alice.token),
            &[("name", "Mine")],
        )
        .await;
    assert_eq!(r.status(), 403);
    s.post_as(
        boss,
        &format!("groups/{gid}/remove_user/"),
        &[("userid", &carol)],
    )
    .await;
    let r = s
        .call(
            Method::POST,
            &format!("groups/{gid}/remove_user/"),
            Some(boss),
            &[("userid", &carol)],
        )
        .await;
    assert_eq!(r.status(), 404);
    let members = s.get_as(boss, &format!("groups/{gid}/users/"), &[]).await;
    assert_eq!(logins(&members), ["bob"]);
    s.post_as(boss, "groups/delete/", &[("name", "Design Team")])
        .await;
    let r = s
        .call(
            Method::POST,
            "groups/delete/",
            Some(boss),
            &[("name", "Design Team")],
        )
        .await;
    assert_eq!(r.status(), 404);
    let list = s.get_as(boss, "groups/list/", &[]).await;
    assert_eq!(list["count"], 1);
    let r = s
        .call(
            Method::GET,
            &format!("groups/{gid}/users/"),
            Some(boss),
            &[],
        )
        .await;
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn a_group_share_follows_membership() {
    let s = start().await;
    let cast = cast(&s).await;
    let boss = cast.boss.token.as_str();
    let g = s.post_as(boss, "groups/create/", &[("name", "Crew")]).await;
    let gid = g["group_id"].as_str().unwrap().to_owned();
    let (bob_id, carol_id) = (cast.bob.id.to_string(), cast.carol.id.to_string());
    s.post_as(
        boss,
        &format!("groups/{gid}/add_user/"),
        &[("userid", &bob_id)],
    )
    .await;
    // Alice, a plain user, shares with the group.
    s.mkdir("/Team").await;
    s.upload("/Team/plan.txt", b"the plan").await;
    let r = s
        .post(
            "shares/add/",
            &[("path", "/Team"), ("group_id", &gid), ("writer", "false")],
        )
        .await;
    let added: Value = s.ok_json(r).await;
    assert_eq!(added["is_group"], true);
    assert_eq!(added["group_id"], gid.as_str());
    // The owner's list of shared folders counts the group once.
    let mine: Value = s.ok_json(s.get("shares/?whose=my").await).await;
    assert_eq!(mine[0]["collaborators"], 1, "{mine}");
    // Bob has it without accepting.
    let bob = s.as_user(&cast.bob.token);
    assert_eq!(bob.names("/").await, ["Team"]);
    assert_eq!(bob.download("/Team/plan.txt").await, b"the plan");
    let invites: Value = bob.ok_json(bob.get("shares/invites/").await).await;
    assert_eq!(invites.as_array().unwrap().len(), 0);
    // The collaborators: the owner, then the group (not its members one by one).
    let collab: Value = bob
        .ok_json(bob.get("shares/collaborators/?path=/Team").await)
        .await;
    let lines = collab.as_array().unwrap();
    assert_eq!(lines.len(), 2, "{collab}");
    assert_eq!(lines[0]["login"], "alice");
    assert_eq!(
        (
            lines[1]["group_id"].as_str(),
            lines[1]["name"].as_str(),
            lines[1]["status"].as_str()
        ),
        (Some(gid.as_str()), Some("Crew"), Some("accepted"))
    );
    assert_eq!(
        (lines[1]["is_group"].as_bool(), lines[1]["writer"].as_bool()),
        (Some(true), Some(false))
    );
    // Read-only: bob cannot upload.
    let r = bob.create("/Team/bob.txt", b"hi", false, false).await;
    assert_eq!(r.status(), 403);
    // Carol joins later and gets it; the group becomes writer and she can write.
    let carol = s.as_user(&cast.carol.token);
    assert!(carol.names("/").await.is_empty());
    s.post_as(
        boss,
        &format!("groups/{gid}/add_user/"),
        &[("userid", &carol_id)],
    )
    .await;
    assert_eq!(carol.names("/").await, ["Team"]);
    s.post_as(
        &s.token,
        "shares/update_collaborator/",
        &[("path", "/Team"), ("group_id", &gid), ("writer", "true")],
    )
    .await;
    carol.upload("/Team/carol.txt", b"from carol").await;
    assert_eq!(s.download("/Team/carol.txt").await, b"from carol");
    // Bob leaves the group: the folder is gone for him at once.
    s.post_as(
        boss,
        &format!("groups/{gid}/remove_user/"),
        &[("userid", &bob_id)],
    )
    .await;
    assert!(bob.names("/").await.is_empty());
    let r = bob.get("metadata/Team").await;
    assert_eq!(r.status(), 404);
    assert_eq!(carol.names("/").await, ["Team"]);
    // Ending the group's share unmounts it; sharing again brings it back.
    s.post_as(
        &s.token,
        "shares/uninvite/",
        &[("path", "/Team"), ("group_id", &gid)],
    )
    .await;
    assert!(carol.names("/").await.is_empty());
    s.post_as(
        &s.token,
        "shares/add/",
        &[("path", "/Team"), ("group_id", &gid)],
    )
    .await;
    assert_eq!(carol.names("/").await, ["Team"]);
    // Deleting the group ends its shares.
    s.post_as(boss, "groups/delete/", &[("name", "Crew")]).await;
    assert!(carol.names("/").await.is_empty());
    let collab: Value = s
        .ok_json(s.get("shares/collaborators/?path=/Team").await)
        .await;
    assert_eq!(collab.as_array().unwrap().len(), 1, "{collab}");
    // The owner's files are untouched.
    assert_eq!(s.names("/Team").await, ["carol.txt", "plan.txt"]);
}

#[tokio::test]
async fn a_group_share_keeps_a_personal_share_and_refuses_other_companies() {
    let s = start().await;
    let cast = cast(&s).await;
    let g = s
        .post_as(&cast.boss.token, "groups/create/", &[("name", "Crew")])
        .await;
    let gid = g["group_id"].as_str().unwrap().to_owned();
    s.mkdir("/Both").await;
    // Bob accepted a personal share first; joining a group with the same folder changes nothing.
    let inv: Value = s
        .ok_json(
            s.post("shares/add/", &[("path", "/Both"), ("member_login", "bob")])
                .await,
        )
        .await;
    let bob = s.as_user(&cast.bob.token);
    bob.ok_json::<Value>(
        bob.post("shares/accept/", &[("hash", inv["hash"].as_str().unwrap())])
            .await,
    )
    .await;
    s.post_as(
        &cast.boss.token,
        &format!("groups/{gid}/add_user/"),
        &[("userid", &cast.bob.id.to_string())],
    )
    .await;
    s.post_as(
        &s.token,
        "shares/add/",
        &[("path", "/Both"), ("group_id", &gid)],
    )
    .await;
    assert_eq!(bob.names("/").await, ["Both"]);
    // Removing his personal share leaves him the group's.
    s.post_as(
        &s.token,
        "shares/remove/",
        &[("path", "/Both"), ("member_login", "bob")],
    )
    .await;
    assert_eq!(bob.names("/").await, ["Both"]);
    // Another company's group: 403 GroupForbidden.
    let theirs = s
        .post_as(&cast.other.token, "groups/create/", &[("name", "Theirs")])
        .await;
    s.mkdir("/Other").await;
    let r = s
        .post(
            "shares/add/",
            &[
                ("path", "/Other"),
                ("group_id", theirs["group_id"].as_str().unwrap()),
            ],
        )
        .await;
    assert_eq!(error_of(r).await.1.error, "GroupForbidden");
}
