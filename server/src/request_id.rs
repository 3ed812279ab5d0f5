//! Request ids, 5xx hygiene, panics and what the request log shows.
//!
//! Every request gets a fresh random id, answered in `X-Request-Id` and held in a task-local
//! while the handler runs, so the error mappers (`http_error`, above this module) can put it in a 5xx body and in
//! the log line without threading it through every handler. A 5xx body never carries internal
//! text (database messages, panic payloads): only a generic sentence and the id; the details go
//! to the log with the same id.
//!
//! The request log never shows a URL: OpenDrive carries `session_id` in paths and queries and
//! public links carry their secret hash in the path, so a span holds the method and the matched
//! route template only (`/api/v1/file/fileversions.json/{session_id}/{file_group_id}`).

use axum::extract::{MatchedPath, Request};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use rand::Rng;

pub const HEADER: &str = "x-request-id";

/// The current request: its id, and which dialect answers it (a panic is told in its format).
#[derive(Debug, Clone)]
pub struct RequestId {
    pub id: String,
    opendrive: bool,
}

tokio::task_local! {
    static CURRENT: RequestId;
}

/// The id of the request being handled, if any (`-` outside one, e.g. in unit tests).
pub fn current() -> String {
    CURRENT
        .try_with(|r| r.id.clone())
        .unwrap_or_else(|_| "-".to_owned())
}

/// Log an internal failure with the request id and return the sentence a client may see.
pub fn internal_message(detail: &dyn std::fmt::Display) -> String {
    let id = current();
    tracing::error!(request_id = %id, "internal error: {detail}");
    format!("Internal server error (request id {id})")
}

fn new_id() -> String {
    let bytes: [u8; 8] = rand::thread_rng().r#gen();
    hex::encode(bytes)
}

/// The outermost middleware: make the id, run the request inside its scope, answer the header.
pub async fn scope(mut req: Request, next: Next) -> Response {
    let current = RequestId {
        id: new_id(),
        opendrive: req
            .uri()
            .path()
            .starts_with(&format!("{}/", satchel_wire::opendrive::BASE)),
    };
    req.extensions_mut().insert(current.clone());
    let header = HeaderValue::from_str(&current.id).ok();
    let mut response = CURRENT.scope(current, next.run(req)).await;
    if let Some(v) = header {
        response.headers_mut().insert(HEADER, v);
    }
    response
}

/// `TraceLayer`'s span: method, matched route template and request id; never the URI.
pub fn make_span<B>(req: &axum::http::Request<B>) -> tracing::Span {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str())
        .unwrap_or("(no route)");
    let id = req
        .extensions()
        .get::<RequestId>()
        .map(|r| r.id.as_str())
        .unwrap_or("-");
    tracing::info_span!("request", method = %req.method(), route, request_id = id)
}

/// Whether the current request is OpenDrive's (a panic is answered in its format).
pub fn current_is_opendrive() -> bool {
    CURRENT.try_with(|r| r.opendrive).unwrap_or(false)
}
