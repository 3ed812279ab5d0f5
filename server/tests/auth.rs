mod common;

use base64::Engine;
use common::*;
use satchel_server::core::roles::Role;
use satchel_wire::cloudike::AccountInfo;
use serde_json::Value;

#[tokio::test]
async fn login_logout_and_tokens() {
    let s = start().await;
    // Wrong password and unknown user: 401 InvalidCredentials.
    for (login, password) in [(LOGIN, "nope"), ("nobody", "x")] {
        let r = s
            .http
            .post(s.url("accounts/login/"))
            .form(&[("login", login), ("password", password)])
            .send()
            .await
            .unwrap();
        let (status, body) = error_of(r).await;
        assert_eq!(status, 401);
        assert_eq!(body.error, "InvalidCredentials");
    }
    // Typed login and no trailing slash.
    let r = s
        .http
        .post(s.url("accounts/login"))
        .form(&[
            ("login", "login:alice"),
            ("password", PASSWORD),
            ("permanent_auth", "true"),
        ])
        .send()
        .await
        .unwrap();
    let v: Value = s.ok_json(r).await;
    assert!(
        v["expires"].as_i64().unwrap() > v["created"].as_i64().unwrap() + 300 * 24 * 3600 * 1000
    );
    assert!(v["offer_url"].is_null());

    // Missing parameter.
    let r = s
        .http
        .post(s.url("accounts/login/"))
        .form(&[("login", LOGIN)])
        .send()
        .await
        .unwrap();
    let (status, body) = error_of(r).await;
    assert_eq!(
        (status.as_u16(), body.error.as_str()),
        (400, "InvalidParameters")
    );
    assert!(body.message.contains("password"));

    // No token, a bad token.
    let r = s.http.get(s.url("accounts/get/")).send().await.unwrap();
    assert_eq!(error_of(r).await.1.error, "Unauthorized");
    let r = s
        .http
        .get(s.url("metadata/"))
        .header("Mountbit-Auth", "0123")
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await.0, 401);

    // The alternative header, and Basic auth.
    let r = s
        .http
        .get(s.url("accounts/get"))
        .header("MountbitAuth", &s.token)
        .send()
        .await
        .unwrap();
    let a: AccountInfo = s.ok_json(r).await;
    assert_eq!(a.name, "Alice");
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{LOGIN}:{PASSWORD}"));
    let r = s
        .http
        .get(s.url("metadata/"))
        .header("Authorization", format!("Basic {basic}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let bad = base64::engine::general_purpose::STANDARD.encode(format!("{LOGIN}:wrong"));
    let r = s
        .http
        .get(s.url("metadata/"))
        .header("Authorization", format!("Basic {bad}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);

    // Logout kills the token.
    let r = s.post("accounts/logout/", &[]).await;
    assert_eq!(r.status(), 200);
    let r = s.get("accounts/get/").await;
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn account_counts_bytes() {
    let s = start().await;
    s.upload("/a.bin", &[7u8; 1000]).await;
    let r = s.get("accounts/get/").await;
    let a: AccountInfo = s.ok_json(r).await;
    assert_eq!(a.storage_size, 1000);
    assert_eq!(a.logins, vec!["login:alice".to_string()]);
    assert_eq!(a.quota_size, None);
}

#[tokio::test]
async fn unknown_api_paths_are_json_404() {
    let s = start().await;
    let r = s.get("no/such/thing").await;
    let (status, body) = error_of(r).await;
    assert_eq!((status.as_u16(), body.error.as_str()), (404, "NotFound"));
    let r = s.get("fileops/move/").await;
    assert_eq!(error_of(r).await.0, 405);
}

#[tokio::test]
async fn spa_is_served_with_fallback() {
    let spa = tempfile::tempdir().unwrap();
    std::fs::write(spa.path().join("index.html"), "<html>satchel</html>").unwrap();
    std::fs::write(spa.path().join("app.wasm"), b"\0asm").unwrap();
    let dir = spa.path().to_owned();
    let s = start_with(move |c| c.spa_dir = Some(dir)).await;
    let r = s.http.get(s.url("/files/Docs")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.unwrap(), "<html>satchel</html>");
    let r = s.http.get(s.url("/app.wasm")).send().await.unwrap();
    assert_eq!(r.headers()["content-type"], "application/wasm");
    let r = s.http.get(s.url("/api/1/bogus")).send().await.unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(r.headers()["content-type"], "application/json");
}

#[test]
fn cli_parses() {
    let args = [
        "--data",
        "/d",
        "--listen",
        "0.0.0.0:9",
        "--demo",
        "--create-user",
        "bob:pw:x",
        "--fault-fail-part",
        "2",
    ];
    let c = satchel_server::Config::from_args(args.iter().map(|s| s.to_string())).unwrap();
    assert!(c.demo);
    assert_eq!(
        c.create_users,
        vec![("bob".to_string(), "pw:x".to_string(), Role::User)]
    );
    assert_eq!(c.fault_fail_part, Some(2));
    assert!(satchel_server::Config::from_args(["--demo".to_string()]).is_err());
}

#[tokio::test]
async fn demo_and_create_user_flags() {
    let s = start_with(|c| {
        c.demo = true;
        c.create_users
            .push(("bob".into(), "bob-pw".into(), Role::User));
    })
    .await;
    let token = s.login("demo", "demo-satchel").await;
    let r = s
        .http
        .get(s.url("metadata/Documents"))
        .header("Mountbit-Auth", &token)
        .send()
        .await
        .unwrap();
    let m: satchel_wire::cloudike::Metadata = s.ok_json(r).await;
    assert_eq!(m.content.unwrap()[0].name, "welcome.txt");
    s.login("bob", "bob-pw").await;
    // Idempotent: a second start over the same data works.
    let data = s.dir.path().join("data");
    let mut c = satchel_server::Config::new(data);
    c.listen = "127.0.0.1:0".parse().unwrap();
    c.demo = true;
    satchel_server::start(&c).await.unwrap();
}
