//! The headers every response needs, set in one middleware over the whole router.
//!
//! - Everywhere: `nosniff`, `Referrer-Policy: no-referrer` (link pages carry their secret in
//!   the URL, and OpenDrive URLs carry `session_id`: no other site may learn them from a
//!   Referer), `Cross-Origin-Opener-Policy: same-origin`, a minimal `Permissions-Policy`.
//! - The SPA's pages (any `text/html` outside `/api`: `index.html` and the client-route
//!   fallback): a strict CSP whose `script-src` lists the SHA-256 of each inline script of the
//!   served `index.html` (trunk writes one `<script type="module">` that loads the wasm),
//!   computed at startup so a rebuild never needs a code change.
//! - API answers: never framed (`frame-ancestors 'none'`, `X-Frame-Options: DENY`), nothing
//!   loadable from them (`default-src 'none'`).
//! - User content sets its own CSP in `user_content::stamp`; a CSP already present is kept.
//! - The SPA's other assets (js, css, wasm) get no CSP: a CSP on the MD5 worker's script would
//!   bind the worker itself.

use std::path::Path;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};

/// API answers: JSON is never a document to render or frame.
const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

/// No feature the SPA does not use (it uses none of these).
const PERMISSIONS: &str =
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()";

/// The SPA page's CSP. `style-src` has no `'unsafe-inline'`: the SPA writes no `style="…"`
/// attribute; its `style:prop=` bindings go through CSSOM (`style.setProperty`), which CSP does
/// not govern. `'wasm-unsafe-eval'` lets the page compile its wasm; the MD5 worker is a
/// same-origin script (`worker-src 'self'`).
pub fn spa_csp(index_html: &str) -> String {
    let mut script = String::from("'self' 'wasm-unsafe-eval'");
    for hash in inline_script_hashes(index_html) {
        script.push_str(&format!(" 'sha256-{hash}'"));
    }
    format!(
        "default-src 'self'; script-src {script}; style-src 'self'; \
         img-src 'self' blob: data:; media-src 'self' blob:; connect-src 'self'; \
         worker-src 'self' blob:; frame-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// The base64 SHA-256 of the text of every `<script>` without `src` (what CSP hashes: the
/// exact characters between the tags), skipping comments.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    // ASCII lower-casing keeps byte offsets, so positions found in `lower` index `html`.
    let lower = html.to_ascii_lowercase();
    let mut hashes = Vec::new();
    let mut at = 0;
    while let Some(i) = lower[at..].find('<') {
        let start = at + i;
        if lower[start..].starts_with("<!--") {
            match lower[start..].find("-->") {
                Some(end) => at = start + end + 3,
                None => break,
            }
            continue;
        }
        if !lower[start..].starts_with("<script") {
            at = start + 1;
            continue;
        }
        let Some(gt) = lower[start..].find('>') else {
            break;
        };
        let open_tag = &lower[start + "<script".len()..start + gt];
        let body = start + gt + 1;
        let Some(len) = lower[body..].find("</script") else {
            break;
        };
        let has_src = open_tag
            .split(|c: char| c.is_ascii_whitespace())
            .any(|attr| attr == "src" || attr.starts_with("src="));
        if !has_src {
            let digest = Sha256::digest(&html.as_bytes()[body..body + len]);
            hashes.push(base64::engine::general_purpose::STANDARD.encode(digest));
        }
        at = body + len;
    }
    hashes
}

/// The SPA page's CSP for the `index.html` in `dir` (no hashes if there is none yet).
pub fn spa_csp_for_dir(dir: &Path) -> String {
    spa_csp(&std::fs::read_to_string(dir.join("index.html")).unwrap_or_default())
}

/// The middleware (state: the SPA page's CSP).
pub async fn stamp(State(spa_csp): State<Arc<str>>, req: Request, next: Next) -> Response {
    let api = req.uri().path() == "/api" || req.uri().path().starts_with("/api/");
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert("permissions-policy", HeaderValue::from_static(PERMISSIONS));
    if h.contains_key(header::CONTENT_SECURITY_POLICY) {
        return response;
    }
    let html = h
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.trim_start().to_ascii_lowercase().starts_with("text/html"));
    let csp = if api {
        Some(HeaderValue::from_static(API_CSP))
    } else if html {
        HeaderValue::from_str(&spa_csp).ok()
    } else {
        None
    };
    if let Some(csp) = csp {
        h.insert(header::CONTENT_SECURITY_POLICY, csp);
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_only() {
        let html = "<html><!-- <script>no</script> --><script src=\"/a.js\"></script>\
                    <SCRIPT type=\"module\">import x;</SCRIPT><script>b()</script></html>";
        let hashes = inline_script_hashes(html);
        let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s));
        assert_eq!(hashes, vec![b64("import x;"), b64("b()")]);
        assert!(spa_csp(html).contains(&format!("'sha256-{}'", b64("import x;"))));
    }
}
