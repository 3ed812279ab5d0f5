//! Account administration over HTTP: lockout and unlock, disable and enable (tokens stop at
//! once), delete and restore, create, invite and join, passwords, roles, the user list.

mod common;

use common::admin::{cast, logins};
use common::*;
use reqwest::Method;
use serde_json::Value;

#[tokio::test]
async fn wrong_passwords_lock_the_account_until_an_admin_unlocks_it() {
    let s = start_with(|c| c.lockout_after = 3).await;
    let cast = cast(&s).await;
    // A right password resets the count: two wrong, one right, two wrong is no lock.
    for _ in 0..2 {
        assert_eq!(
            s.try_login("bob", "nope").await,
            (401, "InvalidCredentials".into())
        );
    }
    s.login("bob", &cast.bob.password).await;
    for _ in 0..2 {
        assert_eq!(s.try_login("bob", "nope").await.0, 401);
    }
    let blocked = s
        .get_as(&cast.boss.token, "admin/blocked_logins/", &[])
        .await;
    assert_eq!(blocked["content"].as_array().unwrap().len(), 0, "{blocked}");
    // The third wrong one in a row locks (this source out, for the cool-down): even the right
    // password is then the same 429 a stranger gets, not a 403 saying the account exists.
    assert_eq!(s.try_login("bob", "nope").await.0, 401);
    assert_eq!(
        s.try_login("bob", &cast.bob.password).await,
        (429, "TooManyAttempts".into())
    );
    let blocked = s
        .get_as(&cast.boss.token, "admin/blocked_logins/", &[])
        .await;
    let line = &blocked["content"][0];
    assert_eq!(line["login"], "bob", "{blocked}");
    assert_eq!(line["failed_attempts"], 3);
    assert!(line["locked_since"].as_i64().unwrap() > 0);
    // Company 2's admin does not see company 1's locked users.
    let theirs = s
        .get_as(&cast.other.token, "admin/blocked_logins/", &[])
        .await;
    assert_eq!(theirs["content"].as_array().unwrap().len(), 0);
    let found = s.find_users(&cast.boss.token, &[("query", "bob")]).await;
    assert_eq!(found["users"][0]["is_locked"], true);
    let v = s
        .account_action(&cast.boss.token, "unlock", cast.bob.id)
        .await;
    assert_eq!(v["is_locked"], false);
    s.login("bob", &cast.bob.password).await;
}

#[tokio::test]
async fn the_default_lockout_is_five() {
    let s = start().await;
    let cast = cast(&s).await;
    for _ in 0..4 {
        s.try_login("carol", "nope").await;
    }
    s.login("carol", &cast.carol.password).await;
    for _ in 0..5 {
        assert_eq!(s.try_login("carol", "nope").await.0, 401);
    }
    assert_eq!(s.try_login("carol", &cast.carol.password).await.0, 429);
}

#[tokio::test]
async fn a_disabled_user_is_refused_at_once_and_enabling_restores_login() {
    let s = start().await;
    let cast = cast(&s).await;
    assert_eq!(
        s.call(Method::GET, "metadata/", Some(&cast.bob.token), &[])
            .await
            .status(),
        200
    );
    let v = s
        .account_action(&cast.boss.token, "disable", cast.bob.id)
        .await;
    assert_eq!(v["is_active"], false);
    // The token in hand stops working with the next request.
    let r = s
        .call(Method::GET, "metadata/", Some(&cast.bob.token), &[])
        .await;
    let (status, body) = error_of(r).await;
    assert_eq!(
        (status.as_u16(), body.error.as_str()),
        (401, "UserDisabled")
    );
    assert_eq!(body.message, "This account has been disabled");
    // Signing in: 403 UserDisabled with the right password, 401 with a wrong one.
    assert_eq!(
        s.try_login("bob", &cast.bob.password).await,
        (403, "UserDisabled".into())
    );
    assert_eq!(s.try_login("bob", "wrong").await.0, 401);
    // Left out of the directory, still in the admin's list.
    let dir = s.get_as(&cast.alice.token, "company/1/users", &[]).await;
    assert!(!dir.to_string().contains("\"bob\""), "{dir}");
    let v = s
        .account_action(&cast.boss.token, "enable", cast.bob.id)
        .await;
    assert_eq!(v["is_active"], true);
    let token = s.login("bob", &cast.bob.password).await;
    assert_eq!(
        s.call(Method::GET, "metadata/", Some(&token), &[])
            .await
            .status(),
        200
    );
    // An admin cannot disable, delete or demote themselves.
    let boss = cast.boss.id.to_string();
    for (endpoint, extra) in [
        ("admin/accounts_disable/", None),
        ("admin/accounts_delete/", None),
        ("admin/assign_role/", Some(("role", "user"))),
    ] {
        let mut form = vec![("userid", boss.as_str())];
        form.extend(extra);
        let r = s
            .call(Method::POST, endpoint, Some(&cast.boss.token), &form)
            .await;
        assert_eq!(error_of(r).await.1.error, "InvalidParameters", "{endpoint}");
    }
    s.get_as(&cast.boss.token, "accounts/get/", &[]).await;
}

#[tokio::test]
async fn a_deleted_user_keeps_their_files_and_comes_back_on_restore() {
    let s = start().await;
    let cast = cast(&s).await;
    let as_carol = s.as_user(&cast.carol.token);
    as_carol.upload("/keep.txt", b"precious").await;
    s.account_action(&cast.boss.token, "delete", cast.carol.id)
        .await;
    let r = s
        .call(Method::GET, "metadata/", Some(&cast.carol.token), &[])
        .await;
    assert_eq!(error_of(r).await.1.error, "UserDisabled");
    assert_eq!(
        s.try_login("carol", &cast.carol.password).await,
        (403, "UserDisabled".into())
    );
    // Hidden from the list unless asked, and from the directory.
    let list = s.find_users(&cast.boss.token, &[]).await;
    assert!(!list.to_string().contains("\"carol\""), "{list}");
    let list = s
        .find_users(
            &cast.boss.token,
            &[("with_deleted", "true"), ("query", "carol")],
        )
        .await;
    let u = &list["users"][0];
    assert_eq!(u["is_deleted"], true, "{list}");
    assert!(u["deleted_date"].as_i64().unwrap() > 0);
    assert_eq!(u["storage_size"], 8);
    s.account_action(&cast.boss.token, "restore", cast.carol.id)
        .await;
    let token = s.login("carol", &cast.carol.password).await;
    let back = s.as_user(&token);
    assert_eq!(back.download("/keep.txt").await, b"precious");
}

#[tokio::test]
async fn an_admin_creates_a_user_who_then_signs_in() {
    let s = start().await;
    let cast = cast(&s).await;
    let r = s
        .call(
            Method::POST,
            "company/1/create_user/",
            Some(&cast.boss.token),
            &[
                ("login", "dave"),
                ("name", "Dave"),
                ("password", "dave-secret"),
            ],
        )
        .await;
    assert_eq!(r.status(), 201);
    let v: Value = r.json().await.unwrap();
    for key in [
        "userid",
        "login",
        "name",
        "role",
        "company_id",
        "is_active",
        "is_locked",
        "is_deleted",
        "deleted_date",
        "storage_size",
        "quota_size",
        "hard_quota_size",
        "last_login",
        "registration_date",
        "lang",
        "timezone",
    ] {
        assert!(v.get(key).is_some(), "user data lacks {key}: {v}");
    }
    assert_eq!(
        (v["role"].as_str(), v["company_id"].as_i64()),
        (Some("user"), Some(1))
    );
    assert_eq!(v["last_login"], 0);
    let token = s.login("dave", "dave-secret").await;
    let me = s.get_as(&token, "accounts/get/", &[]).await;
    assert_eq!(me["name"], "Dave");
    // Taken login, short password, bad login.
    for (login, password, error) in [
        ("dave", "dave-secret", "AlreadyExists"),
        ("erin", "short", "InvalidParameters"),
        ("a:b", "long-enough", "InvalidParameters"),
    ] {
        let r = s
            .call(
                Method::POST,
                "company/1/create_user/",
                Some(&cast.boss.token),
                &[("login", login), ("name", "X"), ("password", password)],
            )
            .await;
        assert_eq!(error_of(r).await.1.error, error, "{login}");
    }
}

#[tokio::test]
async fn invite_getinvited_join_and_login() {
    let s = start().await;
    let cast = cast(&s).await;
    let r = s
        .http
        .post(s.url("company/1/invite_user/"))
        .header("Mountbit-Auth", &cast.boss.token)
        .header("Origin", "http://files.example")
        .form(&[("email", "erin@example.com"), ("name", "Erin")])
        .send()
        .await
        .unwrap();
    let v: Value = s.ok_json(r).await;
    let token = v["token"].as_str().unwrap().to_owned();
    assert_eq!(
        v["invite_link"],
        format!("http://files.example/join/{token}")
    );
    // No token needed to look at the invitation.
    let r = s
        .call(
            Method::GET,
            "accounts/getinvited/",
            None,
            &[("invite_hash", &token)],
        )
        .await;
    let v: Value = s.ok_json(r).await;
    assert_eq!(v["login"], "erin@example.com");
    assert_eq!(v["company"], "Demo Company");
    let r = s
        .call(
            Method::POST,
            "/api/0/accounts/create/",
            None,
            &[
                ("invite_hash", &token),
                ("name", "Erin E"),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(error_of(r).await.1.error, "InvalidParameters");
    let r = s
        .call(
            Method::POST,
            "/api/0/accounts/create/",
            None,
            &[
                ("invite_hash", &token),
                ("name", "Erin E"),
                ("password", "erin-secret"),
            ],
        )
        .await;
    assert_eq!(r.status(), 201);
    let v: Value = r.json().await.unwrap();
    assert!(v["userid"].as_i64().unwrap() > 0);
    let t = s.login("erin@example.com", "erin-secret").await;
    let me = s.get_as(&t, "accounts/get/", &[]).await;
    assert_eq!(
        (me["name"].as_str(), me["role"].as_str()),
        (Some("Erin E"), Some("user"))
    );
    assert_eq!(me["company_id"], 1);
    // A used or unknown invitation: 404.
    for hash in [token.as_str(), "0123456789abcdef0123456789abcdef"] {
        let r = s
            .call(
                Method::GET,
                "accounts/getinvited/",
                None,
                &[("invite_hash", hash)],
            )
            .await;
        assert_eq!(r.status(), 404);
        let r = s
            .call(
                Method::POST,
                "/api/0/accounts/create/",
                None,
                &[
                    ("invite_hash", hash),
                    ("name", "X"),
                    ("password", "xxxxxxxxx"),
                ],
            )
            .await;
        assert_eq!(r.status(), 404);
    }
}

#[tokio::test]
async fn edit_password_and_role() {
    let s = start().await;
    let cast = cast(&s).await;
    let bob = cast.bob.id.to_string();
    let v = s
        .post_as(
            &cast.boss.token,
            "admin/edit_user/",
            &[
                ("userid", &bob),
                ("name", "Robert"),
                ("lang", "de"),
                ("timezone", "Europe/Berlin"),
            ],
        )
        .await;
    assert_eq!(
        (v["name"].as_str(), v["lang"].as_str()),
        (Some("Robert"), Some("de"))
    );
    assert_eq!(v["timezone"], "Europe/Berlin");
    let me = s.get_as(&cast.bob.token, "accounts/get/", &[]).await;
    assert_eq!(
        (me["lang"].as_str(), me["timezone"].as_str()),
        (Some("de"), Some("Europe/Berlin"))
    );
    for (key, value) in [("lang", "xx"), ("timezone", "<script>")] {
        let r = s
            .call(
                Method::POST,
                "admin/edit_user/",
                Some(&cast.boss.token),
                &[("userid", &bob), (key, value)],
            )
            .await;
        assert_eq!(error_of(r).await.1.error, "InvalidParameters", "{key}");
    }
    let r = s
        .call(
            Method::POST,
            "admin/accounts_set_password/",
            Some(&cast.boss.token),
            &[("userid", &bob), ("password", "1234567")],
        )
        .await;
    assert_eq!(error_of(r).await.1.error, "InvalidParameters");
    s.post_as(
        &cast.boss.token,
        "admin/accounts_set_password/",
        &[("userid", &bob), ("password", "new-bob-pass")],
    )
    .await;
    assert_eq!(s.try_login("bob", &cast.bob.password).await.0, 401);
    s.login("bob", "new-bob-pass").await;
    // The old token stays valid.
    assert_eq!(
        s.call(Method::GET, "metadata/", Some(&cast.bob.token), &[])
            .await
            .status(),
        200
    );
    // A new company admin can administer at once.
    let v = s
        .post_as(
            &cast.boss.token,
            "admin/assign_role/",
            &[("userid", &bob), ("role", "admin")],
        )
        .await;
    assert_eq!(v["role"], "admin");
    s.find_users(&cast.bob.token, &[]).await;
    let r = s
        .call(
            Method::POST,
            "admin/assign_role/",
            Some(&cast.boss.token),
            &[("userid", &bob), ("role", "king")],
        )
        .await;
    assert_eq!(r.status(), 400);
    let r = s
        .call(
            Method::POST,
            "admin/edit_user/",
            Some(&cast.boss.token),
            &[("userid", "999999")],
        )
        .await;
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn the_user_list_pages_searches_and_sorts() {
    let s = start().await;
    let cast = cast(&s).await;
    let as_bob = s.as_user(&cast.bob.token);
    as_bob.upload("/big.bin", &[7u8; 3000]).await;
    let logins = |v: &Value| logins(v, "users");
    let v = s
        .find_users(&cast.boss.token, &[("order_by", "login")])
        .await;
    assert_eq!(logins(&v), ["alice", "bob", "boss", "carol", "root"]);
    assert_eq!(
        (
            v["count"].as_u64(),
            v["limit"].as_u64(),
            v["offset"].as_u64()
        ),
        (Some(5), Some(20), Some(0))
    );
    let v = s
        .find_users(
            &cast.boss.token,
            &[
                ("order_by", "login"),
                ("reverse", "true"),
                ("offset", "1"),
                ("limit", "2"),
            ],
        )
        .await;
    assert_eq!(logins(&v), ["carol", "boss"]);
    assert_eq!(v["count"], 5);
    let v = s
        .find_users(
            &cast.boss.token,
            &[("order_by", "storage_size"), ("reverse", "true")],
        )
        .await;
    assert_eq!(logins(&v)[0], "bob");
    assert_eq!(v["users"][0]["storage_size"], 3000);
    let v = s.find_users(&cast.boss.token, &[("query", "BO")]).await;
    assert_eq!(logins(&v), ["bob", "boss"]);
    let v = s
        .find_users(
            &cast.boss.token,
            &[("order_by", "last_login"), ("reverse", "true")],
        )
        .await;
    assert!(v["users"][0]["last_login"].as_i64().unwrap() > 0);
    let r = s
        .call(
            Method::POST,
            "admin/accounts_find_users/",
            Some(&cast.boss.token),
            &[("order_by", "shoe_size")],
        )
        .await;
    assert_eq!(r.status(), 400);
}
