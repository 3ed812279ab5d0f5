//! OpenDrive account users and user groups (guide sections 1 and 14) over the administration
//! core: a company admin manages their company's people and groups; a plain user cannot.

mod common;

use common::admin::cast;
use common::opendrive::{self as od, error_of, ok};
use common::start;
use satchel_wire::opendrive::{AccountUser, GroupCreated, UserGroup};
use serde_json::{Value, json};

#[tokio::test]
async fn admin_manages_users_and_groups() {
    let s = start().await;
    let c = cast(&s).await;
    let boss = od::login(&s, c.boss.login, &c.boss.password).await;
    let alice = od::login(&s, c.alice.login, &c.alice.password).await;

    // Groups: create, list, rename, info.
    let g: GroupCreated = ok(boss
        .post(
            "usergroups.json",
            json!({"group_name": "Sales", "group_bw_max": 0, "group_max_storage": 0}),
        )
        .await)
    .await;
    let g2: GroupCreated = ok(boss
        .post("usergroups.json", json!({"group_name": "Ops"}))
        .await)
    .await;
    let all: Vec<UserGroup> = ok(boss.get("usergroups/all.json", &[]).await).await;
    let names: Vec<&str> = all.iter().map(|g| g.GroupName.as_str()).collect();
    assert_eq!(names, ["Ops", "Sales"]);
    ok::<Value>(
        boss.put(
            "usergroups.json",
            json!({"group_id": g.Group_id.to_string(), "group_name": "Sales EU"}),
        )
        .await,
    )
    .await;
    let one: UserGroup = ok(boss
        .get(&format!("usergroups.json/{{sid}}/{}", g.Group_id), &[])
        .await)
    .await;
    assert_eq!((one.GroupName.as_str(), one.NumUsers), ("Sales EU", 0));
    let (st, _) = error_of(
        boss.post("usergroups.json", json!({"group_name": "Ops"}))
            .await,
    )
    .await;
    assert!(st == 409 || st == 400, "a taken group name: {st}");

    // Create a user straight into a group, as an admin, with a quota in MB.
    let r: Value = ok(boss.post("accountusers.json", json!({
        "access_first_name": "Dora", "access_last_name": "Explorer", "access_password": "dora-secret",
        "access_email": "dora@example.com", "access_admin_mode": 0, "access_notification": 0,
        "access_max_storage": 10, "access_bw_max": 0, "group_id": g.Group_id.to_string()
    })).await).await;
    assert_eq!(r, json!({"result": true}));
    let dora = od::login(&s, "dora@example.com", "dora-secret").await;
    assert!(dora.list("0").await.Folders.is_empty());
    let info: AccountUser = ok(boss
        .get("accountusers/info.json/{sid}/dora@example.com", &[])
        .await)
    .await;
    assert_eq!(
        (
            info.FirstName.as_str(),
            info.LastName.as_str(),
            info.AccessActive,
            info.AdminMode
        ),
        ("Dora", "Explorer", 1, 0)
    );
    assert_eq!(info.StorageMax, 10 * 1024 * 1024);
    assert_eq!(info.GroupIDs, [g.Group_id.to_string()]);
    let in_group: Vec<AccountUser> = ok(boss
        .get(
            &format!("accountusers/usersingroup.json/{{sid}}/{}", g.Group_id),
            &[],
        )
        .await)
    .await;
    assert_eq!(in_group.len(), 1);
    assert_eq!(in_group[0].Email, "dora@example.com");
    let found: Vec<AccountUser> = ok(boss
        .get(
            "accountusers/searchusers.json/{sid}",
            &[("search_query", "dora")],
        )
        .await)
    .await;
    assert_eq!(found.len(), 1);

    // Edit: name, password, admin mode; move to the other group.
    ok::<Value>(boss.put("accountusers.json", json!({"access_email": "dora@example.com", "new_access_email": "dora@example.com", "access_first_name": "Doris", "access_admin_mode": 1, "access_password": "dora-new-secret"})).await).await;
    let info: AccountUser = ok(boss
        .get("accountusers/info.json/{sid}/dora@example.com", &[])
        .await)
    .await;
    assert_eq!((info.FirstName.as_str(), info.AdminMode), ("Doris", 1));
    od::login(&s, "dora@example.com", "dora-new-secret").await;
    let (st, _) = error_of(boss.put("accountusers.json", json!({"access_email": "dora@example.com", "new_access_email": "x@example.com", "access_admin_mode": 1})).await).await;
    assert_eq!(st, 400, "logins are not changed");
    ok::<Value>(
        boss.post(
            "accountusers/move.json",
            json!({"access_email": "dora@example.com", "group_id": g2.Group_id.to_string()}),
        )
        .await,
    )
    .await;
    let info: AccountUser = ok(boss
        .get("accountusers/info.json/{sid}/dora@example.com", &[])
        .await)
    .await;
    assert_eq!(info.GroupIDs, [g2.Group_id.to_string()]);

    // Block: her session ends and she cannot sign in; active again.
    ok::<Value>(
        boss.post(
            "accountusers/setaccess.json",
            json!({"access_email": "dora@example.com", "access_active": 2}),
        )
        .await,
    )
    .await;
    assert_eq!(dora.get("session/info.json", &[]).await.status(), 401);
    let r = s
        .http
        .post(format!("{}/api/v1/session/login.json", s.base))
        .json(&json!({"username": "dora@example.com", "passwd": "dora-new-secret"}))
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await.0, 403);
    let info: AccountUser = ok(boss
        .get("accountusers/info.json/{sid}/dora@example.com", &[])
        .await)
    .await;
    assert_eq!(info.AccessActive, 0);
    ok::<Value>(
        boss.post(
            "accountusers/setaccess.json",
            json!({"access_email": "dora@example.com", "access_active": 1}),
        )
        .await,
    )
    .await;
    od::login(&s, "dora@example.com", "dora-new-secret").await;
    let (st, _) = error_of(
        boss.post(
            "accountusers/setaccess.json",
            json!({"access_email": "dora@example.com", "access_active": 5}),
        )
        .await,
    )
    .await;
    assert_eq!(st, 400);

    // A plain user may not do any of it.
    let (st, _) = error_of(alice.post("accountusers.json", json!({"access_first_name": "E", "access_last_name": "F", "access_password": "eeeee-secret", "access_email": "e@example.com"})).await).await;
    assert_eq!(st, 403);
    let (st, _) = error_of(
        alice
            .post(
                "accountusers/setaccess.json",
                json!({"access_email": "dora@example.com", "access_active": 0}),
            )
            .await,
    )
    .await;
    assert!(st == 403 || st == 404, "{st}");
    let (st, _) = error_of(
        alice
            .delete(&format!("usergroups.json/{{sid}}/{}", g.Group_id))
            .await,
    )
    .await;
    assert_eq!(st, 403);
    // Another company's admin does not see company 1's people.
    let other = od::login(&s, c.other.login, &c.other.password).await;
    let (st, _) = error_of(
        other
            .get("accountusers/info.json/{sid}/dora@example.com", &[])
            .await,
    )
    .await;
    assert_eq!(st, 404);

    // Delete the user and a group.
    ok::<Value>(
        boss.delete("accountusers.json/{sid}/dora@example.com")
            .await,
    )
    .await;
    let (st, _) = error_of(
        boss.get("accountusers/info.json/{sid}/dora@example.com", &[])
            .await,
    )
    .await;
    assert_eq!(st, 404);
    ok::<Value>(
        boss.delete(&format!("usergroups.json/{{sid}}/{}", g.Group_id))
            .await,
    )
    .await;
    let all: Vec<UserGroup> = ok(boss.get("usergroups/all.json", &[]).await).await;
    assert_eq!(all.len(), 1);
    // Bad input.
    let (st, _) = error_of(boss.post("accountusers.json", json!({"access_first_name": "", "access_last_name": "X", "access_password": "xxxxx-secret", "access_email": "x@example.com"})).await).await;
    assert_eq!(st, 400);
    let (st, _) = error_of(boss.get("usergroups.json/{sid}/abc", &[]).await).await;
    assert_eq!(st, 400);
}
