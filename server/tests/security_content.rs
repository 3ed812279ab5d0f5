//! Hardening: user content is never rendered as an active document on the app's origin, every
//! answer carries its security headers, 5xx bodies hide internals, and panics are contained.
//! Over real HTTP, through every path that serves user bytes, in both dialects.

mod common;

use std::io::Cursor;

use base64::Engine;
use common::opendrive::{self as od, ok};
use common::*;
use reqwest::Response;
use satchel_wire::cloudike::PublicLink;
use satchel_wire::opendrive::{File, Listing, SharedFolder};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

const HTML: &[u8] = b"<!doctype html><script>fetch('/x?'+localStorage.token)</script>";
const SVG: &[u8] = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>";
const PDF: &[u8] = b"%PDF-1.4\n%%EOF\n";

fn png() -> Vec<u8> {
    let img =
        image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(4, 4, image::Rgb([1, 2, 3])));
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn header(r: &Response, name: &str) -> String {
    r.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

/// Headers every user-content answer has, whatever its type.
fn assert_protected(r: &Response, what: &str) {
    assert_eq!(header(r, "x-content-type-options"), "nosniff", "{what}");
    assert!(
        header(r, "content-security-policy").contains("frame-ancestors 'self'"),
        "{what}"
    );
    assert_eq!(
        header(r, "cross-origin-resource-policy"),
        "same-origin",
        "{what}"
    );
}

/// Active content asked for inline (or not): an opaque, sandboxed download.
fn assert_opaque(r: &Response, what: &str) {
    assert!(r.status().is_success(), "{what}: {}", r.status());
    let ct = header(r, "content-type");
    assert!(
        !ct.contains("html") && !ct.contains("svg") && !ct.contains("xml"),
        "{what}: {ct}"
    );
    assert!(
        ct == "application/octet-stream" || ct == "application/zip",
        "{what}: {ct}"
    );
    assert!(
        header(r, "content-disposition").starts_with("attachment"),
        "{what}"
    );
    assert!(
        header(r, "content-security-policy").starts_with("sandbox;"),
        "{what}"
    );
    assert_protected(r, what);
}

/// A passive type asked for inline: inline, with its own type.
fn assert_inline(r: &Response, content_type: &str, what: &str) {
    assert!(r.status().is_success(), "{what}: {}", r.status());
    assert_eq!(header(r, "content-type"), content_type, "{what}");
    assert!(
        header(r, "content-disposition").starts_with("inline"),
        "{what}"
    );
    let csp = header(r, "content-security-policy");
    if content_type == "application/pdf" {
        // Chromium's PDF viewer does not run in a sandboxed document; object-src lets it load.
        assert!(!csp.contains("sandbox"), "{what}: {csp}");
        assert!(csp.contains("default-src 'none'"), "{what}: {csp}");
        assert!(csp.contains("object-src 'self'"), "{what}: {csp}");
    } else {
        assert!(csp.starts_with("sandbox;"), "{what}: {csp}");
    }
    assert_protected(r, what);
}

async fn fetch(s: &Server, url: &str) -> Response {
    s.http.get(s.url(url)).send().await.unwrap()
}

/// A Cloudike download ticket's URL for `endpoint` (files/get/…, links/get/…).
async fn ticket(s: &Server, endpoint: &str, auth: bool) -> String {
    let mut req = s.http.get(s.url(endpoint));
    if auth {
        req = req.header("Mountbit-Auth", &s.token);
    }
    let v: Value = s.ok_json(req.send().await.unwrap()).await;
    v["url"].as_str().unwrap().to_owned()
}

async fn seed(s: &Server) {
    s.upload("/evil.html", b"<p>first version</p>").await;
    s.upload_over("/evil.html", HTML, true).await;
    s.upload("/evil.svg", SVG).await;
    s.upload("/pic.png", &png()).await;
    s.upload("/doc.pdf", PDF).await;
    s.upload("/notes.txt", b"plain").await;
    s.upload("/site/index.html", HTML).await;
}

#[tokio::test]
async fn cloudike_serves_active_content_only_as_sandboxed_downloads() {
    let s = start().await;
    seed(&s).await;
    for name in ["evil.html", "evil.svg"] {
        let url = ticket(&s, &format!("files/get/{name}"), true).await;
        assert_opaque(&fetch(&s, &format!("{url}?for_view=1")).await, name);
        assert_opaque(&fetch(&s, &url).await, name);
    }
    // An old version.
    let url = ticket(&s, "files/get/evil.html?version=1", true).await;
    assert_opaque(&fetch(&s, &format!("{url}?for_view=1")).await, "version 1");

    // Public links: the file itself, and a file inside a linked folder.
    let r = s.post("links/create/", &[("path", "/evil.svg")]).await;
    let link: PublicLink = s.ok_json(r).await;
    let url = ticket(&s, &format!("links/get/{}", link.hash), false).await;
    assert_opaque(&fetch(&s, &format!("{url}?for_view=1")).await, "link");
    let r = s.post("links/create/", &[("path", "/site")]).await;
    let site: PublicLink = s.ok_json(r).await;
    let url = ticket(&s, &format!("links/get/{}/index.html", site.hash), false).await;
    assert_opaque(&fetch(&s, &format!("{url}?for_view=1")).await, "in a link");

    // Zips: streamed now, by archive link, and of a public link.
    let r = s
        .get("files/download_as_archive_stream?path=/evil.html&path=/evil.svg")
        .await;
    assert_opaque(&r, "zip now");
    assert_eq!(header(&r, "content-type"), "application/zip");
    let r = s
        .post("files/download_as_archive_stream", &[("path", "/site")])
        .await;
    let v: Value = s.ok_json(r).await;
    assert_opaque(&fetch(&s, v["url"].as_str().unwrap()).await, "zip link");
    let r = fetch(
        &s,
        &format!(
            "links/download_as_archive_stream/{}?path=/index.html",
            site.hash
        ),
    )
    .await;
    assert_opaque(&r, "zip of a link");

    // Thumbnails: made from user bytes, inline images, still protected; none of an SVG.
    let r = s.get("files/get_preview/pic.png").await;
    assert_inline(&r, "image/jpeg", "preview");
    let r = s.get("files/get_preview/evil.svg").await;
    assert_eq!(r.status(), 404);
    assert!(!header(&r, "content-type").contains("svg"));

    // Passive types stay inline with their own type.
    for (name, ct) in [
        ("pic.png", "image/png"),
        ("doc.pdf", "application/pdf"),
        ("notes.txt", "text/plain; charset=utf-8"),
    ] {
        let url = ticket(&s, &format!("files/get/{name}"), true).await;
        assert_inline(&fetch(&s, &format!("{url}?for_view=1")).await, ct, name);
    }
    let url = ticket(&s, "files/get/pic.png?version=1", true).await;
    assert_inline(
        &fetch(&s, &format!("{url}?for_view=1")).await,
        "image/png",
        "png version",
    );
}

#[tokio::test]
async fn opendrive_serves_active_content_only_as_sandboxed_downloads() {
    let s = start().await;
    seed(&s).await;
    let o = od::login(&s, LOGIN, PASSWORD).await;
    let root: Listing = ok(o.get("folder/list.json/{sid}/0", &[]).await).await;
    let id = |name: &str| {
        root.Files
            .iter()
            .find(|f| f.Name == name)
            .unwrap_or_else(|| panic!("{name}"))
            .FileId
            .clone()
    };
    let get = |endpoint: String, q: &'static [(&'static str, &'static str)]| {
        let o = &o;
        async move { o.get(&endpoint, q).await }
    };
    for name in ["evil.html", "evil.svg"] {
        let file = format!("download/file.json/{}", id(name));
        assert_opaque(&get(file.clone(), &[("inline", "1")]).await, name);
        assert_opaque(&get(file, &[]).await, name);
    }
    let old = format!("download/file.json/{}.1", id("evil.html"));
    assert_opaque(&get(old, &[("inline", "1")]).await, "version 1");

    // The public download by id needs no session at all.
    let pf: File = ok(o
        .post(
            "file/access.json",
            json!({"file_id": id("evil.html"), "file_ispublic": 1}),
        )
        .await)
    .await;
    let public_id = pf.Link.strip_prefix("/s/").unwrap().to_owned();
    let anon = |endpoint: String| {
        let url = format!("{}/api/v1/{endpoint}", s.base);
        let http = s.http.clone();
        async move { http.get(url).send().await.unwrap() }
    };
    let r = anon(format!("download/file.json/{public_id}?inline=1")).await;
    assert_opaque(&r, "public");

    // Zips and thumbnails.
    let items = format!("{},{}", id("evil.html"), id("evil.svg"));
    let r = o
        .get("download/all.json", &[("items_id", items.as_str())])
        .await;
    assert_opaque(&r, "zip");
    let r = get(format!("file/thumb.json/{}", id("pic.png")), &[]).await;
    assert_inline(&r, "image/jpeg", "thumb");

    for (name, ct) in [("pic.png", "image/png"), ("doc.pdf", "application/pdf")] {
        let file = format!("download/file.json/{}", id(name));
        assert_inline(&get(file, &[("inline", "1")]).await, ct, name);
    }
}

#[tokio::test]
async fn opendrive_public_items_do_not_name_their_owner() {
    let s = start().await;
    let o = od::login(&s, LOGIN, PASSWORD).await;
    let dir = o.mkdir("0", "Public").await;
    let f = o.upload(&dir.FolderID, "a.txt", b"a", 100).await;
    assert_eq!(f.OwnerName, "Alice", "the owner sees their name");
    let pf: File = ok(o
        .post(
            "file/access.json",
            json!({"file_id": f.FileId, "file_ispublic": 1}),
        )
        .await)
    .await;
    let pd: satchel_wire::opendrive::Folder = ok(o
        .post(
            "folder/setaccess.json",
            json!({"folder_id": dir.FolderID, "folder_ispublic": 1}),
        )
        .await)
    .await;
    let file_id = pf.Link.strip_prefix("/s/").unwrap();
    let folder_id = pd.Link.strip_prefix("/s/").unwrap();
    let url = |e: String| format!("{}/api/v1/{e}", s.base);
    let info: File = ok(s
        .http
        .get(url(format!("file/info.json/{file_id}")))
        .send()
        .await
        .unwrap())
    .await;
    assert_eq!((info.OwnerName.as_str(), info.Owner.as_str()), ("", ""));
    let shared: SharedFolder = ok(s
        .http
        .get(url(format!("folder/shared.json/{folder_id}")))
        .send()
        .await
        .unwrap())
    .await;
    assert_eq!(shared.FolderInfo.OwnerName, "");
    assert_eq!(shared.Files.len(), 1);
    assert!(shared.Files.iter().all(|f| f.OwnerName.is_empty()));
}

fn sha256_b64(s: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s.as_bytes()))
}

#[tokio::test]
async fn spa_pages_and_api_answers_carry_security_headers() {
    let spa = tempfile::tempdir().unwrap();
    let script = "\nimport init from '/satchel-1.js';\nawait init({ module_or_path: '/satchel-1_bg.wasm' });\n";
    std::fs::write(
        spa.path().join("index.html"),
        format!(
            "<!DOCTYPE html><html><head><script src=\"/other.js\"></script>\
             <script type=\"module\">{script}</script></head><body></body></html>"
        ),
    )
    .unwrap();
    std::fs::write(
        spa.path().join("md5_worker_loader.js"),
        "importScripts('x')",
    )
    .unwrap();
    let dir = spa.path().to_owned();
    let s = start_with(move |c| c.spa_dir = Some(dir)).await;

    for page in ["/", "/files/x", "/s/0123456789abcdef"] {
        let r = fetch(&s, page).await;
        assert_eq!(r.status(), 200, "{page}");
        assert!(header(&r, "content-type").starts_with("text/html"));
        let csp = header(&r, "content-security-policy");
        assert!(
            csp.contains(&format!(
                "script-src 'self' 'wasm-unsafe-eval' 'sha256-{}'",
                sha256_b64(script)
            )),
            "{page}: {csp}"
        );
        for directive in [
            "default-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "connect-src 'self'",
            "worker-src 'self' blob:",
        ] {
            assert!(csp.contains(directive), "{page}: {directive}");
        }
        assert_eq!(header(&r, "referrer-policy"), "no-referrer");
        assert_eq!(header(&r, "x-content-type-options"), "nosniff");
        assert_eq!(header(&r, "cross-origin-opener-policy"), "same-origin");
        assert_eq!(header(&r, "x-frame-options"), "DENY");
        assert!(!header(&r, "permissions-policy").is_empty());
        assert_eq!(header(&r, "x-request-id").len(), 16);
    }
    // A script asset (here the MD5 worker) gets no CSP, which would bind the worker itself.
    let r = fetch(&s, "/md5_worker_loader.js").await;
    assert_eq!(r.status(), 200);
    assert_eq!(header(&r, "content-security-policy"), "");
    assert_eq!(header(&r, "x-content-type-options"), "nosniff");

    // API answers: never framed, nothing loaded from them.
    let r = s.get("accounts/get").await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        header(&r, "content-security-policy"),
        "default-src 'none'; frame-ancestors 'none'"
    );
    assert_eq!(header(&r, "x-frame-options"), "DENY");
    assert_eq!(header(&r, "x-content-type-options"), "nosniff");
    assert_eq!(header(&r, "referrer-policy"), "no-referrer");
}

/// The request id in a generic 5xx message, and that it is the header's.
fn id_in(message: &str, r_id: &str) {
    assert!(!r_id.is_empty());
    assert!(
        message.contains(&format!("request id {r_id}")),
        "{message} / {r_id}"
    );
    for secret in ["SQLITE", "secret", "malformed", "panicked", "test hook"] {
        assert!(!message.contains(secret), "{message}");
    }
}

#[tokio::test]
async fn server_errors_hide_internals_and_carry_the_request_id() {
    let s = start_with(|c| c.fault_panic_route = true).await;
    let r = fetch(&s, "/api/1/_test/internal").await;
    assert_eq!(r.status(), 500);
    let id = header(&r, "x-request-id");
    let (_, body) = error_of(r).await;
    assert_eq!(body.error, "InternalError");
    id_in(&body.message, &id);

    let r = fetch(&s, "/api/v1/_test/internal").await;
    assert_eq!(r.status(), 500);
    let id = header(&r, "x-request-id");
    let (_, e) = od::error_of(r).await;
    id_in(&e.message, &id);

    // Ids differ per request.
    let a = header(&fetch(&s, "/api/1/accounts/get").await, "x-request-id");
    assert_ne!(a, id);
}

#[tokio::test]
async fn a_panicking_handler_answers_500_and_the_server_keeps_serving() {
    let s = start_with(|c| c.fault_panic_route = true).await;
    for _ in 0..2 {
        let r = fetch(&s, "/api/1/_test/panic").await;
        assert_eq!(r.status(), 500);
        let id = header(&r, "x-request-id");
        assert_eq!(header(&r, "x-content-type-options"), "nosniff");
        let (_, body) = error_of(r).await;
        id_in(&body.message, &id);

        let r = fetch(&s, "/api/v1/_test/panic").await;
        assert_eq!(r.status(), 500);
        let id = header(&r, "x-request-id");
        let (_, e) = od::error_of(r).await;
        id_in(&e.message, &id);

        // The very next request, on a new connection, is served as usual.
        let r = s.get("accounts/get").await;
        assert_eq!(r.status(), 200);
    }
    let fresh = reqwest::Client::new();
    let r = fresh
        .get(s.url("accounts/get"))
        .header("Mountbit-Auth", &s.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}
