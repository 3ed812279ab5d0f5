//! The role matrix: every administration endpoint, called by the system admin, company 1's
//! admin, company 2's admin, a plain user of company 1 and nobody, allows exactly the intended
//! roles (2xx), refuses the others with 403 and the anonymous with 401.

mod common;

use common::admin::{Cast, cast, logins};
use common::*;
use reqwest::Method;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    User,
    OtherAdmin,
    Admin,
    Sys,
}

use Who::*;

const GET: Method = Method::GET;
const POST: Method = Method::POST;

/// One endpoint call and the roles it must allow. In the path and form, `{role}` is replaced by
/// the caller's name (so creations do not clash), `{bob}` `{gid}` `{rid}` `{rid2}` by ids.
struct Row {
    method: Method,
    path: &'static str,
    form: &'static [(&'static str, &'static str)],
    allowed: &'static [Who],
}

fn row(
    method: Method,
    path: &'static str,
    form: &'static [(&'static str, &'static str)],
    allowed: &'static [Who],
) -> Row {
    Row {
        method,
        path,
        form,
        allowed,
    }
}

/// Run in this order by each caller in turn, so every allowed caller's sequence is repeatable
/// (disable then enable, delete then restore, add then remove …).
fn table() -> Vec<Row> {
    vec![
        row(
            POST,
            "admin/accounts_find_users/",
            &[("company_id", "1")],
            &[Sys, Admin, OtherAdmin],
        ),
        row(GET, "company/1/users", &[], &[Sys, Admin, User]),
        row(
            POST,
            "company/1/create_user/",
            &[
                ("login", "new-{role}"),
                ("name", "New"),
                ("password", "new-secret-1"),
            ],
            &[Sys, Admin],
        ),
        row(
            POST,
            "company/1/invite_user/",
            &[("email", "{role}@example.com"), ("name", "Invited")],
            &[Sys, Admin],
        ),
        row(
            POST,
            "admin/edit_user/",
            &[("userid", "{bob}"), ("name", "Bob B")],
            &[Sys, Admin],
        ),
        row(
            POST,
            "admin/accounts_set_password/",
            &[("userid", "{bob}"), ("password", "bob-secret")],
            &[Sys, Admin],
        ),
        row(
            POST,
            "admin/accounts_disable/",
            &[("userid", "{bob}")],
            &[Sys, Admin],
        ),
        row(
            POST,
            "admin/accounts_enable/",
            &[("userid", "{bob}")],
            &[Sys, Admin],
        ),
        row(
            POST,
            "admin/accounts_unlock/",
            &[("userid", "{bob}")],
            &[Sys, Admin],
        ),
        row(GET, "admin/blocked_logins/", &[], &[Sys, Admin, OtherAdmin]),
        row(
            POST,
            "admin/assign_role/",
            &[("userid", "{bob}"), ("role", "admin")],
            &[Sys, Admin],
        ),
        row(
            POST,
            "admin/assign_role/",
            &[("userid", "{bob}"), ("role", "user")],
            &[Sys, Admin],
        ),
        row(
            POST,
            "accounts/company/change_users_quota",
            &[
                ("company_id", "1"),
                ("userid", "{bob}"),
                ("quota_size", "1000000"),
            ],
            &[Sys, Admin],
        ),
        row(
            POST,
            "admin/accounts_delete/",
            &[("userid", "{bob}")],
            &[Sys, Admin],
        ),
        row(
            POST,
            "admin/accounts_restore/",
            &[("userid", "{bob}")],
            &[Sys, Admin],
        ),
        // Open to members for the share dialog; a company admin always lists their own.
        row(
            GET,
            "groups/list/",
            &[("company_id", "1")],
            &[Sys, Admin, OtherAdmin, User],
        ),
        row(
            POST,
            "groups/create/",
            &[("name", "g-{role}")],
            &[Sys, Admin, OtherAdmin],
        ),
        row(
            POST,
            "groups/{gid}/change/",
            &[("name", "team-{role}")],
            &[Sys, Admin],
        ),
        row(
            POST,
            "groups/{gid}/add_user/",
            &[("userid", "{bob}")],
            &[Sys, Admin],
        ),
        row(GET, "groups/{gid}/users/", &[], &[Sys, Admin]),
        row(
            POST,
            "groups/{gid}/remove_user/",
            &[("userid", "{bob}")],
            &[Sys, Admin],
        ),
        row(
            POST,
            "groups/delete/",
            &[("name", "g-{role}")],
            &[Sys, Admin, OtherAdmin],
        ),
        row(GET, "company/1", &[], &[Sys, Admin, User]),
        row(POST, "admin/find_companies/", &[], &[Sys]),
        row(
            POST,
            "admin/company/1/edit_user/",
            &[("quota_size", "")],
            &[Sys],
        ),
        row(
            POST,
            "company/1/request_quota/",
            &[("company_id", "1")],
            &[Sys, Admin, User],
        ),
        row(GET, "company/1/quota_requests/", &[], &[Sys, Admin]),
        row(
            POST,
            "admin/company/1/approve/",
            &[("request_id", "{rid}"), ("quota_size", "5000000")],
            &[Sys, Admin],
        ),
        row(
            POST,
            "admin/company/1/deny/",
            &[("request_id", "{rid2}")],
            &[Sys, Admin],
        ),
        row(GET, "company/1/storage_usage/", &[], &[Sys, Admin]),
    ]
}

fn token_of(cast: &Cast, who: Who) -> Option<&str> {
    match who {
        Anonymous => None,
        User => Some(&cast.alice.token),
        OtherAdmin => Some(&cast.other.token),
        Admin => Some(&cast.boss.token),
        Sys => Some(&cast.root.token),
    }
}

#[tokio::test]
async fn every_admin_endpoint_allows_exactly_the_intended_roles() {
    let s = start().await;
    let cast = cast(&s).await;
    let group = s
        .post_as(&cast.boss.token, "groups/create/", &[("name", "team")])
        .await;
    let gid = group["group_id"].as_str().unwrap().to_owned();
    let alice = satchel_server::core::User {
        id: cast.alice.id,
        login: cast.alice.login.into(),
        name: "Alice".into(),
    };
    let carol = satchel_server::core::User {
        id: cast.carol.id,
        login: cast.carol.login.into(),
        name: "carol".into(),
    };
    let mut failures = Vec::new();
    let rows = table();
    for who in [Anonymous, User, OtherAdmin, Admin, Sys] {
        // Fresh pending requests to approve and deny in this caller's run.
        let rid = s.core.request_quota(&alice, 1).await.unwrap().to_string();
        let rid2 = s.core.request_quota(&carol, 1).await.unwrap().to_string();
        let bob = cast.bob.id.to_string();
        let role = format!("{who:?}").to_lowercase();
        let fill = |t: &str| {
            t.replace("{role}", &role)
                .replace("{bob}", &bob)
                .replace("{gid}", &gid)
                .replace("{rid2}", &rid2)
                .replace("{rid}", &rid)
        };
        for r in &rows {
            let path = fill(r.path);
            let values: Vec<(String, String)> = r
                .form
                .iter()
                .map(|(k, v)| (k.to_string(), fill(v)))
                .collect();
            let form: Vec<(&str, &str)> = values
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let resp = s
                .call(r.method.clone(), &path, token_of(&cast, who), &form)
                .await;
            let status = resp.status().as_u16();
            let body = resp.text().await.unwrap();
            let expected_ok = r.allowed.contains(&who);
            let fine = match (who, expected_ok) {
                (_, true) => (200..300).contains(&status),
                (Anonymous, false) => status == 401,
                (_, false) => status == 403,
            };
            if !fine {
                failures.push(format!(
                    "{who:?} {} {path}: {status} {body} (allowed: {:?})",
                    r.method, r.allowed
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "role matrix broken:\n{}",
        failures.join("\n")
    );
}

#[tokio::test]
async fn a_company_admin_sees_only_their_own_company() {
    let s = start().await;
    let cast = cast(&s).await;
    // Asking for company 1 by parameter still answers company 2.
    let v = s
        .find_users(&cast.other.token, &[("company_id", "1")])
        .await;
    let logins = logins(&v, "users");
    assert_eq!(logins.len(), 2, "{v}");
    assert!(
        logins.iter().any(|l| l == "other") && logins.iter().any(|l| l == "olga"),
        "{v}"
    );
    // Acting on a user of another company is refused, and nothing changes.
    let r = s
        .call(
            POST,
            "admin/accounts_disable/",
            Some(&cast.other.token),
            &[("userid", &cast.bob.id.to_string())],
        )
        .await;
    assert_eq!(error_of(r).await.1.error, "Forbidden");
    s.login("bob", &cast.bob.password).await;
    // Another company's group: GroupForbidden.
    let g = s
        .post_as(&cast.boss.token, "groups/create/", &[("name", "ops")])
        .await;
    let gid = g["group_id"].as_str().unwrap();
    let r = s
        .call(
            GET,
            &format!("groups/{gid}/users/"),
            Some(&cast.other.token),
            &[],
        )
        .await;
    assert_eq!(error_of(r).await.1.error, "GroupForbidden");
    // The system admin may list every company, or one.
    let v = s.find_users(&cast.root.token, &[]).await;
    assert_eq!(v["count"], 7, "{v}");
    let v = s
        .find_users(
            &cast.root.token,
            &[("company_id", &cast.company2.to_string())],
        )
        .await;
    assert_eq!(v["count"], 2, "{v}");
}

#[tokio::test]
async fn a_company_admin_cannot_touch_the_system_admin_nor_make_one() {
    let s = start().await;
    let cast = cast(&s).await;
    let root = cast.root.id.to_string();
    let bob = cast.bob.id.to_string();
    for (endpoint, form) in [
        ("admin/accounts_disable/", vec![("userid", root.as_str())]),
        (
            "admin/accounts_set_password/",
            vec![("userid", root.as_str()), ("password", "12345678")],
        ),
        (
            "admin/assign_role/",
            vec![("userid", bob.as_str()), ("role", "sysadmin")],
        ),
    ] {
        let r = s.call(POST, endpoint, Some(&cast.boss.token), &form).await;
        assert_eq!(r.status(), 403, "{endpoint}");
    }
    let v = s
        .post_as(
            &cast.root.token,
            "admin/assign_role/",
            &[("userid", &bob), ("role", "sysadmin")],
        )
        .await;
    assert_eq!(v["role"], "sysadmin");
}

#[tokio::test]
async fn account_info_tells_role_company_quota_and_state() {
    let s = start().await;
    let cast = cast(&s).await;
    let v = s.get_as(&cast.boss.token, "accounts/get/", &[]).await;
    assert_eq!(v["role"], "admin");
    assert_eq!(v["company_id"], 1);
    assert_eq!(v["is_active"], true);
    assert_eq!(v["quota_size"], Value::Null);
    let v = s.get_as(&cast.olga.token, "accounts/get/", &[]).await;
    assert_eq!(v["role"], "user");
    assert_eq!(v["company_id"], cast.company2);
    let v = s.get_as(&cast.root.token, "accounts/get/", &[]).await;
    assert_eq!(v["role"], "sysadmin");
    s.post_as(
        &cast.boss.token,
        "accounts/company/change_users_quota",
        &[
            ("company_id", "1"),
            ("userid", &cast.alice.id.to_string()),
            ("quota_size", "4096"),
        ],
    )
    .await;
    let v = s.get_as(&cast.alice.token, "accounts/get/", &[]).await;
    assert_eq!(v["quota_size"], 4096);
}

#[tokio::test]
async fn the_demo_data_has_a_company_its_admin_users_and_the_system_admin() {
    let s = start_with(|c| c.demo = true).await;
    let expect = [
        ("demo", "demo-satchel", "admin"),
        ("bob", "bob-satchel", "user"),
        ("carol", "carol-satchel", "user"),
        ("root", "root-satchel", "sysadmin"),
    ];
    for (login, password, role) in expect {
        let token = s.login(login, password).await;
        let me = s.get_as(&token, "accounts/get/", &[]).await;
        assert_eq!(
            (me["role"].as_str(), me["company_id"].as_i64()),
            (Some(role), Some(1)),
            "{login}"
        );
    }
    let demo = s.login("demo", "demo-satchel").await;
    let company = s.get_as(&demo, "company/1", &[]).await;
    assert_eq!(company["name"], "Demo Company");
    assert_eq!(company["quota_size"], 10u64 * 1024 * 1024 * 1024);
}
