//! Property tests of the request parsers both dialects share: `Params` from any query string,
//! form or JSON body never panics, nor do its typed getters; `url_path` never yields `..` or an
//! empty segment.

use axum::body::Body;
use axum::extract::FromRequest;
use axum::http::Request;
use proptest::prelude::*;
use satchel_server::dialects::Params;
use satchel_server::dialects::params::url_path;

const FIELDS: [&str; 6] = ["size", "part_num", "userid", "path", "name", "overwrite"];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(
            prop_oneof![
                Just("%".to_owned()),
                Just("&".to_owned()),
                Just("=".to_owned()),
                Just("size".to_owned()),
                Just("/".to_owned()),
                Just("..".to_owned()),
                Just("%2e".to_owned()),
                Just("%FF".to_owned()),
                Just("\"".to_owned()),
                Just("{".to_owned()),
                Just("[".to_owned()),
                Just("-1".to_owned()),
                Just("99999999999999999999".to_owned()),
                any::<char>().prop_map(String::from),
            ],
            0..16,
        )
        .prop_map(|parts| parts.concat()),
        any::<String>(),
    ]
}

fn parse(query: &str, content_type: Option<&str>, body: Vec<u8>) -> Option<Params> {
    let encoded: String =
        percent_encoding::utf8_percent_encode(query, percent_encoding::CONTROLS).to_string();
    let uri = format!(
        "/x?{}",
        encoded.replace([' ', '#', '"', '<', '>', '`', '{', '}'], "_")
    );
    // A query the URI grammar refuses never reaches a handler; the body is still worth testing.
    let uri = if uri.parse::<axum::http::Uri>().is_ok() {
        uri
    } else {
        "/x".to_owned()
    };
    let mut req = Request::builder().method("POST").uri(uri.as_str());
    if let Some(ct) = content_type {
        req = req.header("content-type", ct);
    }
    let req = req
        .body(Body::from(body))
        .expect("a request with a valid URI");
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(Params::from_request(req, &())).ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn params_never_panic(
        query in text(),
        body in prop_oneof![
            text().prop_map(String::into_bytes),
            any::<Vec<u8>>(),
            (text(), text(), any::<f64>()).prop_map(|(k, v, n)| {
                serde_json::json!({ k: v.clone(), "size": [v, null, n, {"a": true}], "part_num": n })
                    .to_string()
                    .into_bytes()
            }),
        ],
        json in any::<bool>(),
    ) {
        let ct = json.then_some("application/json");
        if let Some(p) = parse(&query, ct, body) {
            for f in FIELDS {
                let _ = p.required_number::<u64>(f);
                let _ = p.required_number::<u32>(f);
                let _ = p.number::<i64>(f);
                let _ = p.flag(f, false);
                let _ = p.path(f);
                let _ = p.name(f);
            }
        }
    }

    #[test]
    fn url_paths_never_climb(rest in text()) {
        let prefix = "/api/1/metadata";
        if let Ok(path) = url_path(&format!("{prefix}/{rest}"), prefix) {
            for s in path.segments() {
                prop_assert!(!s.as_str().is_empty() && s.as_str() != ".." && s.as_str() != ".");
                prop_assert!(!s.as_str().contains('/'));
            }
        }
    }
}
