//! How user bytes are served: the ONE place that decides the type, the disposition and the
//! protective headers of every response whose body a user uploaded (downloads, view links,
//! old versions, public links, thumbnails, zips), in every dialect.
//!
//! The SPA runs on the same origin and keeps its session token in `localStorage`, so a stored
//! `evil.html` (or `.svg`, `.xhtml`…) rendered as a document here would run script with the
//! user's session. Hence:
//! - only passive types may render inline ([`inline_type`]); everything else is sent as
//!   `application/octet-stream` + `attachment`, whatever the caller asked for;
//! - every answer carries `nosniff` (the browser must not guess HTML from bytes), a CSP that
//!   sandboxes the document (no script, no same-origin access) when it is opened top-level, and
//!   `Cross-Origin-Resource-Policy: same-origin` (no hotlinking into other sites' pages).
//!
//! PDF is the one exception to `sandbox`: Chromium refuses to start its PDF viewer in a
//! sandboxed document (it shows a blocked page instead), and the SPA shows PDFs in an
//! `<iframe>`. Chromium's viewer runs in its own extension process and never runs the PDF's
//! JavaScript with this origin's rights; its plugin document does need `object-src` to allow
//! the PDF itself, so PDF gets `default-src 'none'; object-src 'self'` (plus nosniff).

use axum::http::HeaderMap;
use axum::http::header::{self, HeaderValue};

/// Served when the stored type is not on the inline list: never rendered by a browser.
pub const OPAQUE: &str = "application/octet-stream";

/// Every non-PDF user document: no script, no plugins, no network, unique opaque origin.
/// `frame-ancestors 'self'`: the SPA itself frames previews; no other site may.
/// `img-src`/`media-src 'self'`: a picture or a video opened on its own is shown by the
/// browser's image/media document, which loads the very URL again.
pub const CSP_SANDBOX: &str =
    "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; frame-ancestors 'self'";

/// PDF: see the module comment for why there is no `sandbox` here.
pub const CSP_PDF: &str = "default-src 'none'; object-src 'self'; frame-ancestors 'self'";

/// Which types may be shown inline, and the exact `Content-Type` they are shown with. `None`:
/// the type is active (html, svg, xml, js, css…) or unknown, so it is only ever downloaded.
pub fn inline_type(essence: &str) -> Option<&'static str> {
    let essence = essence.trim().to_ascii_lowercase();
    let t = match essence.as_str() {
        "image/png" => "image/png",
        "image/jpeg" => "image/jpeg",
        "image/gif" => "image/gif",
        "image/webp" => "image/webp",
        "image/avif" => "image/avif",
        "image/bmp" => "image/bmp",
        "application/pdf" => "application/pdf",
        // A charset, so the browser never sniffs an encoding (UTF-7 tricks and the like).
        "text/plain" => "text/plain; charset=utf-8",
        // Media elements only play; a media document has no script.
        t if t.starts_with("audio/") || t.starts_with("video/") => return media_type(t),
        _ => return None,
    };
    Some(t)
}

/// `audio/*` and `video/*` as static strings (header values are built from these).
fn media_type(t: &str) -> Option<&'static str> {
    const MEDIA: &[&str] = &[
        "audio/mpeg",
        "audio/mp4",
        "audio/ogg",
        "audio/wav",
        "audio/x-wav",
        "audio/webm",
        "audio/flac",
        "audio/aac",
        "audio/x-flac",
        "audio/midi",
        "video/mp4",
        "video/webm",
        "video/ogg",
        "video/quicktime",
        "video/x-matroska",
        "video/mpeg",
        "video/x-msvideo",
        "video/mp2t",
        "video/3gpp",
    ];
    MEDIA.iter().copied().find(|m| *m == t)
}

/// The type a stored file is taken to have: from its name, as everywhere else in the server.
pub fn type_of_name(name: &str) -> String {
    mime_guess::from_path(name)
        .first_or_octet_stream()
        .essence_str()
        .to_owned()
}

/// What a user-content answer is sent as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The `Content-Type` header.
    pub content_type: &'static str,
    pub inline: bool,
    /// The `Content-Security-Policy` header.
    pub csp: &'static str,
}

/// The policy: `essence` is the stored type, `want_inline` what the caller asked for
/// (`for_view=1`, `inline=1`, a thumbnail). A passive type asked as a download keeps its type
/// (clients read it), as an attachment; anything else is opaque and an attachment.
pub fn decide(essence: &str, want_inline: bool) -> Decision {
    match inline_type(essence) {
        Some(t) => Decision {
            content_type: t,
            inline: want_inline,
            csp: if t == "application/pdf" && want_inline {
                CSP_PDF
            } else {
                CSP_SANDBOX
            },
        },
        None => Decision {
            content_type: if essence.eq_ignore_ascii_case("application/zip") {
                // Our own archives: a zip is never rendered, and clients look at the type.
                "application/zip"
            } else {
                OPAQUE
            },
            inline: false,
            csp: CSP_SANDBOX,
        },
    }
}

/// Stamp the decided headers on a response carrying user bytes: every user-content handler
/// calls this last, so whatever it set before (or `ServeFile` guessed) is overridden.
/// `file_name` names the download (`None`: no disposition file name, e.g. a thumbnail).
pub fn stamp(headers: &mut HeaderMap, essence: &str, file_name: Option<&str>, want_inline: bool) {
    let d = decide(essence, want_inline);
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(d.content_type),
    );
    let kind = if d.inline { "inline" } else { "attachment" };
    let disposition = match file_name {
        Some(name) => content_disposition(kind, name),
        None => kind.to_owned(),
    };
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(d.csp),
    );
    // Older browsers ignore `frame-ancestors`; this is its equivalent.
    headers.insert(
        header::X_FRAME_OPTIONS,
        HeaderValue::from_static("SAMEORIGIN"),
    );
    headers.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
}

/// RFC 6266: an ASCII fallback plus the exact UTF-8 name in `filename*`.
pub fn content_disposition(kind: &str, name: &str) -> String {
    let fallback: String = name
        .chars()
        .map(|c| {
            if c.is_ascii() && !c.is_ascii_control() && c != '"' && c != '\\' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    satchel_wire::name::percent_encode_segment(name, &mut encoded);
    format!("{kind}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_types_are_never_inline() {
        for t in [
            "text/html",
            "image/svg+xml",
            "application/xhtml+xml",
            "text/xml",
            "application/xml",
            "text/javascript",
            "application/javascript",
            "text/css",
            "application/octet-stream",
            "application/x-shockwave-flash",
            "text/markdown",
        ] {
            let d = decide(t, true);
            assert_eq!((d.content_type, d.inline), (OPAQUE, false), "{t}");
            assert!(d.csp.starts_with("sandbox"), "{t}");
        }
    }

    #[test]
    fn passive_types_are_inline_when_asked() {
        assert_eq!(decide("image/png", true).content_type, "image/png");
        assert!(decide("IMAGE/PNG", true).inline);
        assert!(!decide("image/png", false).inline);
        assert_eq!(decide("image/png", false).content_type, "image/png");
        assert_eq!(decide("application/pdf", false).csp, CSP_SANDBOX);
        assert_eq!(
            decide("text/plain", true).content_type,
            "text/plain; charset=utf-8"
        );
        assert_eq!(decide("video/mp4", true).content_type, "video/mp4");
        assert_eq!(decide("application/pdf", true).csp, CSP_PDF);
        assert_eq!(
            decide("application/zip", false).content_type,
            "application/zip"
        );
    }

    #[test]
    fn names_map_to_types() {
        assert_eq!(type_of_name("evil.html"), "text/html");
        assert_eq!(type_of_name("evil.svg"), "image/svg+xml");
        assert_eq!(type_of_name("a.pdf"), "application/pdf");
    }

    #[test]
    fn disposition_names() {
        assert_eq!(
            content_disposition("attachment", "Отчёт \"1\".pdf"),
            "attachment; filename=\"_____ _1_.pdf\"; \
             filename*=UTF-8''%D0%9E%D1%82%D1%87%D1%91%D1%82%20%221%22.pdf"
        );
    }
}
