//! `url_path` and the typed `Params` getters: never panic, never yield `..` or empty segments.
#![no_main]

use libfuzzer_sys::fuzz_target;
use satchel_server::dialects::Params;
use satchel_server::dialects::params::url_path;

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    let prefix = "/api/1/metadata";
    if let Ok(path) = url_path(&format!("{prefix}/{raw}"), prefix) {
        for s in path.segments() {
            assert!(!s.as_str().is_empty() && s.as_str() != "..");
        }
    }
    // The body half of Params: form pairs (the JSON half is serde_json's, fuzzed upstream).
    let pairs = form_urlencoded_pairs(data);
    let p = Params(pairs);
    for f in ["size", "part_num", "userid", "company_id", "path", "name"] {
        let _ = p.required_number::<u64>(f);
        let _ = p.number::<i64>(f);
        let _ = p.flag(f, true);
        let _ = p.path(f);
        let _ = p.name(f);
    }
});

fn form_urlencoded_pairs(data: &[u8]) -> Vec<(String, String)> {
    String::from_utf8_lossy(data)
        .split('&')
        .map(|kv| match kv.split_once('=') {
            Some((k, v)) => (k.to_owned(), v.to_owned()),
            None => (kv.to_owned(), String::new()),
        })
        .collect()
}
