//! OpenDrive sign-in over real HTTP: classic sessions, OAuth with refresh-token rotation,
//! expired and invalid credentials answered in the guide's shapes.

mod common;

use common::opendrive::{self as od, Od, error_of, ok};
use common::{LOGIN, PASSWORD, start};
use serde_json::{Value, json};

fn db_path(s: &common::Server) -> std::path::PathBuf {
    s.dir.path().join("data").join("satchel.sqlite3")
}

/// Make every stored token (or refresh token) look expired, as time would.
fn expire(s: &common::Server, table: &str) {
    let c = rusqlite::Connection::open(db_path(s)).unwrap();
    c.execute(&format!("UPDATE {table} SET expires = 1"), [])
        .unwrap();
}

#[tokio::test]
async fn classic_session_login_info_exists_logout() {
    let s = start().await;
    let o = od::login(&s, LOGIN, PASSWORD).await;
    assert_eq!(o.sid.len(), 32);

    let info: Value = ok(o.get("session/info.json", &[]).await).await;
    assert_eq!(info["UserName"], LOGIN);
    assert_eq!(info["UserFirstName"], "Alice");
    assert_eq!(info["SessionID"], json!(o.sid));
    assert!(info["UserID"].as_str().unwrap().parse::<i64>().unwrap() > 0);

    let me: Value = ok(o.get("users/info.json/{sid}", &[]).await).await;
    assert_eq!(me["UserName"], LOGIN);
    assert_eq!(me["StorageUsed"], "0");

    let r: Value = ok(o.post("session/exists.json", json!({})).await).await;
    assert_eq!(r, json!({"result": true}));

    let r: Value = ok(o.post("session/logout.json", json!({})).await).await;
    assert_eq!(r, json!({"result": true}));
    let (status, e) = error_of(o.post("session/exists.json", json!({})).await).await;
    assert_eq!(status, 401);
    assert_eq!(
        e.message,
        "401: Unauthorized: Invalid sessions please relogin."
    );
    let (status, _) = error_of(o.get("folder/list.json/{sid}/0", &[]).await).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn wrong_password_missing_fields_and_no_session() {
    let s = start().await;
    let url = format!("{}/api/v1/session/login.json", s.base);
    let r = s
        .http
        .post(&url)
        .json(&json!({"username": LOGIN, "passwd": "nope-nope"}))
        .send()
        .await
        .unwrap();
    let (status, e) = error_of(r).await;
    assert_eq!(status, 401);
    assert_eq!(
        e.message,
        "401: Unauthorized: Invalid username or password."
    );
    assert_eq!(e.kind.as_deref(), Some("InvalidCredentials"));

    let r = s
        .http
        .post(&url)
        .json(&json!({"username": LOGIN}))
        .send()
        .await
        .unwrap();
    let (status, e) = error_of(r).await;
    assert_eq!(status, 400);
    assert!(e.message.contains("'passwd' is required"), "{}", e.message);

    let r = s
        .http
        .post(&url)
        .body("{not json")
        .header("content-type", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await.0, 400);

    let r = s
        .http
        .get(format!(
            "{}/api/v1/folder/list.json/not-a-session/0",
            s.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await.0, 401);
    // A session stolen from nowhere, and no session at all.
    let r = s
        .http
        .get(format!("{}/api/v1/session/info.json", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await.0, 401);
    // Unknown endpoint under /api/v1: a JSON 404, never the SPA.
    let r = s
        .http
        .get(format!("{}/api/v1/branding.json", s.base))
        .send()
        .await
        .unwrap();
    let (status, e) = error_of(r).await;
    assert_eq!(
        (status.as_u16(), e.kind.as_deref()),
        (404, Some("NotFound"))
    );
}

#[tokio::test]
async fn classic_session_expires() {
    let s = start().await;
    let o = od::login(&s, LOGIN, PASSWORD).await;
    assert_eq!(o.list("0").await.Folders.len(), 0);
    expire(&s, "tokens");
    let (status, e) = error_of(o.get("folder/list.json/{sid}/0", &[]).await).await;
    assert_eq!(status, 401);
    assert_eq!(e.kind.as_deref(), Some("Unauthorized"));
}

async fn grant(s: &common::Server, body: Value) -> reqwest::Response {
    s.http
        .post(format!("{}/api/v1/oauth2/grant.json", s.base))
        .json(&body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn oauth_password_grant_use_and_refresh_rotation() {
    let s = start().await;
    let r = grant(
        &s,
        json!({"grant_type": "password", "client_id": "OpenDrive", "username": LOGIN, "password": PASSWORD}),
    )
    .await;
    let t: Value = ok(r).await;
    assert_eq!(t["expires_in"], 86400);
    assert_eq!(t["token_type"], "bearer");
    assert_eq!(t["scope"], Value::Null);
    let access = t["access_token"].as_str().unwrap().to_owned();
    let refresh = t["refresh_token"].as_str().unwrap().to_owned();
    assert_eq!(access.len(), 40);
    assert_eq!(refresh.len(), 40);

    // session_id=OAUTH + access_token in the query string of every call, whatever the method.
    let o = Od {
        s: &s,
        sid: "OAUTH".into(),
        access_token: Some(access.clone()),
    };
    let folder = o.mkdir("0", "Via OAuth").await;
    assert_eq!(o.list("0").await.Folders[0].FolderID, folder.FolderID);
    let info: Value = ok(o.get("session/info.json", &[]).await).await;
    assert_eq!(info["UserName"], LOGIN);
    let f = o.upload(&folder.FolderID, "o.txt", b"oauth bytes", 4).await;
    assert_eq!(o.download(&f.FileId).await, b"oauth bytes");

    // Refresh: a new pair; the old refresh token is dead at once.
    let r = grant(
        &s,
        json!({"grant_type": "refresh_token", "client_id": "OpenDrive", "refresh_token": refresh}),
    )
    .await;
    let t2: Value = ok(r).await;
    let refresh2 = t2["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(refresh2, refresh);
    assert_ne!(t2["access_token"], t["access_token"]);
    let o2 = Od {
        s: &s,
        sid: "OAUTH".into(),
        access_token: Some(t2["access_token"].as_str().unwrap().into()),
    };
    assert_eq!(o2.list("0").await.Folders.len(), 1);
    let r = grant(
        &s,
        json!({"grant_type": "refresh_token", "client_id": "OpenDrive", "refresh_token": refresh}),
    )
    .await;
    assert_eq!(r.status(), 400);
    let e: Value = r.json().await.unwrap();
    assert_eq!(
        e,
        json!({"error": "invalid_grant", "error_description": "Invalid refresh token"})
    );

    // An expired refresh token says so.
    expire(&s, "oauth_refresh");
    let r = grant(
        &s,
        json!({"grant_type": "refresh_token", "client_id": "OpenDrive", "refresh_token": refresh2}),
    )
    .await;
    assert_eq!(r.status(), 400);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["error_description"], "Refresh token has expired");

    // An expired access token: the guide's invalid_token body.
    expire(&s, "tokens");
    let r = o2.get("folder/list.json/{sid}/0", &[]).await;
    assert_eq!(r.status(), 401);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["error"]["error"], "invalid_token");
    assert_eq!(
        e["error"]["error_description"],
        "The access token provided has expired"
    );
    assert_eq!(e["error"]["code"], 401);
}

#[tokio::test]
async fn oauth_errors() {
    let s = start().await;
    let r = grant(&s, json!({"grant_type": "password", "client_id": "OpenDrive", "username": LOGIN, "password": "wrong-one"})).await;
    assert_eq!(r.status(), 401);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["error"], "invalid_grant");
    let r = grant(
        &s,
        json!({"grant_type": "password", "username": LOGIN, "password": PASSWORD}),
    )
    .await;
    assert_eq!(r.status(), 400);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["error"], "invalid_request");
    let r = grant(&s, json!({"grant_type": "implicit", "client_id": "x"})).await;
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["error"], "unsupported_grant_type");

    // OAUTH without a token, and with a made-up one.
    let o = Od {
        s: &s,
        sid: "OAUTH".into(),
        access_token: None,
    };
    let r = o.get("folder/list.json/{sid}/0", &[]).await;
    assert_eq!(r.status(), 401);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["error"]["error"], "invalid_token");
    let o = Od {
        s: &s,
        sid: "OAUTH".into(),
        access_token: Some("f".repeat(40)),
    };
    let r = o.post("folder.json", json!({"folder_name": "x"})).await;
    assert_eq!(r.status(), 401);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["error"]["error"], "invalid_token");

    // Logging out an OAuth session removes its access token.
    let t: Value = ok(grant(&s, json!({"grant_type": "password", "client_id": "OpenDrive", "username": LOGIN, "password": PASSWORD})).await).await;
    let o = Od {
        s: &s,
        sid: "OAUTH".into(),
        access_token: Some(t["access_token"].as_str().unwrap().into()),
    };
    ok::<Value>(o.post("session/logout.json", json!({})).await).await;
    assert_eq!(o.get("session/info.json", &[]).await.status(), 401);
}
