//! The sign-in findings of the "Hardening" review, over real HTTP: guesses sent at once are not
//! all checked, a stranger cannot lock the owner out, the lock is a cool-down per source, a
//! throttled answer says nothing about the account, link passwords are throttled too, and an
//! OpenDrive logout ends the OAuth refresh token.
//!
//! Sources are told apart with `X-Forwarded-For`, which the server believes only because these
//! tests set `trust_forwarded_for` (off by default).

mod common;

use std::time::{Duration, Instant};

use common::opendrive::Od;
use common::*;
use futures_util::future::join_all;
use serde_json::{Value, json};

struct Answer {
    status: u16,
    body: Value,
    retry_after: Option<String>,
}

async fn answer(r: reqwest::Response) -> Answer {
    let status = r.status().as_u16();
    let retry_after = r
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_owned());
    let body = r.json().await.unwrap_or(Value::Null);
    Answer {
        status,
        body,
        retry_after,
    }
}

/// A Cloudike sign-in as if from `source`.
async fn login_from(s: &Server, source: &str, login: &str, password: &str) -> Answer {
    let r = s
        .http
        .post(s.url("accounts/login/"))
        .header("X-Forwarded-For", source)
        .form(&[("login", login), ("password", password)])
        .send()
        .await
        .unwrap();
    answer(r).await
}

async fn start_trusting(tweak: impl FnOnce(&mut satchel_server::Config)) -> Server {
    start_with(|c| {
        c.trust_forwarded_for = true;
        tweak(c)
    })
    .await
}

#[tokio::test]
async fn guesses_sent_at_once_are_checked_at_most_lockout_after_times() {
    // A big bucket, so that only the per-login strikes can hold the guesses back.
    let s = start_trusting(|c| c.guess_burst = 100).await;
    let wrong: Vec<String> = (0..25).map(|i| format!("nope-{i}")).collect();
    let answers = join_all(wrong.iter().map(|pw| login_from(&s, "10.0.0.9", LOGIN, pw))).await;
    let checked = answers.iter().filter(|a| a.status == 401).count();
    let refused = answers.iter().filter(|a| a.status == 429).count();
    assert!(checked <= 5, "{checked} guesses were verified");
    assert_eq!(checked + refused, 25);
    // The limit is passed: the right password does not get in from there.
    let a = login_from(&s, "10.0.0.9", LOGIN, PASSWORD).await;
    assert_eq!(
        (a.status, a.body["error"].as_str()),
        (429, Some("TooManyAttempts"))
    );
    assert!(a.retry_after.unwrap().parse::<u64>().unwrap() > 0);
}

#[tokio::test]
async fn a_stranger_cannot_lock_the_owner_out_from_elsewhere() {
    let s = start_trusting(|_| {}).await;
    for _ in 0..5 {
        assert_eq!(
            login_from(&s, "203.0.113.66", LOGIN, "guess").await.status,
            401
        );
    }
    assert_eq!(
        login_from(&s, "203.0.113.66", LOGIN, "guess").await.status,
        429
    );
    let owner = login_from(&s, "198.51.100.1", LOGIN, PASSWORD).await;
    assert_eq!(owner.status, 200, "{}", owner.body);
}

#[tokio::test]
async fn the_lock_is_a_cool_down_not_a_permanent_block() {
    let s = start_trusting(|c| c.lockout_cooldown = Duration::from_millis(300)).await;
    for _ in 0..5 {
        login_from(&s, "10.1.1.1", LOGIN, "guess").await;
    }
    assert_eq!(
        login_from(&s, "10.1.1.1", LOGIN, PASSWORD).await.status,
        429
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let a = login_from(&s, "10.1.1.1", LOGIN, PASSWORD).await;
        if a.status == 200 {
            break;
        }
        assert_eq!(a.status, 429);
        assert!(
            Instant::now() < deadline,
            "still locked after the cool-down"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_throttled_answer_is_the_same_for_unknown_and_real_accounts() {
    let s = start_trusting(|_| {}).await;
    for (source, login) in [("10.2.0.1", LOGIN), ("10.2.0.2", "nobody-here")] {
        for _ in 0..5 {
            assert_eq!(login_from(&s, source, login, "guess").await.status, 401);
        }
    }
    // The real account with its right password, and a made-up one.
    let real = login_from(&s, "10.2.0.1", LOGIN, PASSWORD).await;
    let unknown = login_from(&s, "10.2.0.2", "nobody-here", PASSWORD).await;
    assert_eq!(real.status, 429);
    assert_eq!((real.status, &real.body), (unknown.status, &unknown.body));
    assert_eq!(real.retry_after, unknown.retry_after);

    // OpenDrive: the guide's error shape with 429, for both sign-in endpoints.
    let r = s
        .http
        .post(format!("{}/api/v1/session/login.json", s.base))
        .header("X-Forwarded-For", "10.2.0.2")
        .json(&json!({"username": "nobody-here", "passwd": "x"}))
        .send()
        .await
        .unwrap();
    let (status, e) = common::opendrive::error_of(r).await;
    assert_eq!(
        (status.as_u16(), e.kind.as_deref()),
        (429, Some("TooManyAttempts"))
    );
    let r = s
        .http
        .post(format!("{}/api/v1/oauth2/grant.json", s.base))
        .header("X-Forwarded-For", "10.2.0.1")
        .json(&json!({"grant_type": "password", "client_id": "OpenDrive", "username": LOGIN, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
}

#[tokio::test]
async fn wrong_guesses_drain_a_per_source_bucket_right_passwords_do_not() {
    let s = start_trusting(|c| c.guess_burst = 3).await;
    for _ in 0..6 {
        assert_eq!(
            login_from(&s, "10.3.0.1", LOGIN, PASSWORD).await.status,
            200
        );
    }
    // Three wrong guesses on three different logins empty the bucket for every login.
    for login in ["a", "b", "c"] {
        assert_eq!(login_from(&s, "10.3.0.1", login, "guess").await.status, 401);
    }
    let a = login_from(&s, "10.3.0.1", "d", "guess").await;
    assert_eq!((a.status, a.retry_after.is_some()), (429, true));
    // Another source has its own bucket.
    assert_eq!(
        login_from(&s, "10.3.0.2", LOGIN, PASSWORD).await.status,
        200
    );
}

#[tokio::test]
async fn link_password_guessing_is_throttled_per_link_and_source() {
    let s = start_trusting(|_| {}).await;
    s.upload("/Pub/a.txt", b"alpha").await;
    let r = s
        .post(
            "links/create/",
            &[("path", "/Pub"), ("password", "open sesame")],
        )
        .await;
    let link: Value = s.ok_json(r).await;
    let url = s.url(&format!(
        "links/metadata/{}/",
        link["hash"].as_str().unwrap()
    ));
    let try_from = |source: &'static str, pw: &'static str| {
        let req = s
            .http
            .get(&url)
            .header("X-Forwarded-For", source)
            .header("Link-Password", pw);
        async move { answer(req.send().await.unwrap()).await }
    };
    for _ in 0..5 {
        assert_eq!(try_from("10.4.0.1", "guess").await.status, 401);
    }
    let a = try_from("10.4.0.1", "open sesame").await;
    assert_eq!(
        (a.status, a.body["error"].as_str()),
        (429, Some("TooManyAttempts"))
    );
    assert!(a.retry_after.is_some());
    assert_eq!(try_from("10.4.0.2", "open sesame").await.status, 200);
}

#[tokio::test]
async fn an_opendrive_logout_ends_the_refresh_token_too() {
    let s = start().await;
    let grant = |body: Value| {
        s.http
            .post(format!("{}/api/v1/oauth2/grant.json", s.base))
            .json(&body)
            .send()
    };
    let t: Value = grant(json!({"grant_type": "password", "client_id": "OpenDrive", "username": LOGIN, "password": PASSWORD}))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // Another device's grant, which this logout must leave alone.
    let other: Value = grant(json!({"grant_type": "password", "client_id": "OpenDrive", "username": LOGIN, "password": PASSWORD}))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let o = Od {
        s: &s,
        sid: "OAUTH".into(),
        access_token: Some(t["access_token"].as_str().unwrap().into()),
    };
    assert_eq!(o.post("session/logout.json", json!({})).await.status(), 200);
    let r = grant(json!({"grant_type": "refresh_token", "client_id": "OpenDrive", "refresh_token": t["refresh_token"]}))
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["error"], "invalid_grant");
    let r = grant(json!({"grant_type": "refresh_token", "client_id": "OpenDrive", "refresh_token": other["refresh_token"]}))
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}
