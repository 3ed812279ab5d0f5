//! Dialect-neutral HTTP helpers: `fetch` (via gloo-net) for API calls and `XMLHttpRequest` for
//! part uploads, whose `upload.onprogress` gives byte-level progress and which can be aborted.

use std::cell::RefCell;
use std::rc::Rc;

use futures::channel::oneshot;
use gloo_net::http::{Request, RequestBuilder};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Blob, FormData, ProgressEvent, XmlHttpRequest};

use crate::model::{ApiError, TextHead};

pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// An HTTP answer: status and body text.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub body: String,
    pub etag: Option<String>,
    /// `Content-Range` of a 206 answer (`bytes 0-9/1234`).
    pub content_range: Option<String>,
}

impl Reply {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

fn js_error(err: impl std::fmt::Debug) -> ApiError {
    ApiError::network(format!("{err:?}"))
}

pub const JSON_CONTENT_TYPE: &str = "application/json";

async fn finish(builder: RequestBuilder, body: Option<String>) -> Result<Reply, ApiError> {
    finish_typed(builder, body.map(|b| (FORM_CONTENT_TYPE, b))).await
}

async fn finish_typed(
    builder: RequestBuilder,
    body: Option<(&str, String)>,
) -> Result<Reply, ApiError> {
    let request: Request = match body {
        Some((content_type, b)) => builder
            .header("Content-Type", content_type)
            .body(b)
            .map_err(js_error)?,
        None => builder.build().map_err(js_error)?,
    };
    let response = request
        .send()
        .await
        .map_err(|e| ApiError::network(e.to_string()))?;
    let status = response.status();
    let etag = response.headers().get("ETag");
    let content_range = response.headers().get("Content-Range");
    let body = response
        .text()
        .await
        .map_err(|e| ApiError::network(e.to_string()))?;
    Ok(Reply {
        status,
        body,
        etag,
        content_range,
    })
}

/// `GET url` answered as a Blob (binary data stays in the browser); non-2xx is `Err(status)`.
pub async fn get_blob(url: &str, headers: &[(&str, &str)]) -> Result<Result<Blob, u16>, ApiError> {
    let mut builder = Request::get(url);
    for (k, v) in headers {
        builder = builder.header(k, v);
    }
    let response = builder
        .send()
        .await
        .map_err(|e| ApiError::network(e.to_string()))?;
    if !response.ok() {
        return Ok(Err(response.status()));
    }
    let raw: web_sys::Response = response.into();
    let promise = raw.blob().map_err(js_error)?;
    let blob = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(js_error)?;
    Ok(Ok(blob.unchecked_into()))
}

/// `origin` (the API server's), or this page's own origin when `origin` is `""` (same-origin
/// deployment): where recipients' pages and invitation links live.
pub fn page_origin(origin: &str) -> String {
    if origin.is_empty() {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    } else {
        origin.to_owned()
    }
}

/// The first `limit` bytes of a file at `url` (a Range GET), for text previews; a failure is
/// told by the dialect's `error_from`.
pub async fn text_head(
    url: &str,
    limit: u64,
    error_from: fn(&Reply) -> ApiError,
) -> Result<TextHead, ApiError> {
    let range = format!("bytes=0-{}", limit.saturating_sub(1));
    let reply = get(url, &[("Range", &range)]).await?;
    if !reply.ok() {
        return Err(error_from(&reply));
    }
    Ok(TextHead::from_range_reply(
        reply.body,
        reply.content_range.as_deref(),
        limit,
    ))
}

/// `GET url` with the given headers.
pub async fn get(url: &str, headers: &[(&str, &str)]) -> Result<Reply, ApiError> {
    let mut builder = Request::get(url);
    for (k, v) in headers {
        builder = builder.header(k, v);
    }
    finish(builder, None).await
}

/// `POST url` with a form-encoded body.
pub async fn post_form(
    url: &str,
    headers: &[(&str, &str)],
    form: String,
) -> Result<Reply, ApiError> {
    let mut builder = Request::post(url);
    for (k, v) in headers {
        builder = builder.header(k, v);
    }
    finish(builder, Some(form)).await
}

/// `method url` with an optional body of the given content type (`GET`, `POST`, `PUT`, `DELETE`).
pub async fn send(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<(&str, String)>,
) -> Result<Reply, ApiError> {
    let mut builder = match method {
        "POST" => Request::post(url),
        "PUT" => Request::put(url),
        "DELETE" => Request::delete(url),
        _ => Request::get(url),
    };
    for (k, v) in headers {
        builder = builder.header(k, v);
    }
    finish_typed(builder, body).await
}

/// The XHRs of one job, so that cancelling can abort all of them at once.
#[derive(Clone, Default)]
pub struct XhrSet(Rc<RefCell<Vec<XmlHttpRequest>>>);

impl XhrSet {
    fn add(&self, xhr: &XmlHttpRequest) {
        self.0.borrow_mut().push(xhr.clone());
    }

    fn remove(&self, xhr: &XmlHttpRequest) {
        self.0.borrow_mut().retain(|x| x != xhr);
    }

    /// Abort every request still running.
    pub fn abort_all(&self) {
        let running: Vec<_> = self.0.borrow_mut().drain(..).collect();
        for xhr in running {
            let _ = xhr.abort();
        }
    }
}

type Done = Rc<RefCell<Option<oneshot::Sender<Result<(), ApiError>>>>>;

fn settle(done: &Done, outcome: Result<(), ApiError>) {
    if let Some(tx) = done.borrow_mut().take() {
        let _ = tx.send(outcome);
    }
}

/// What an XHR sends: raw bytes, or a multipart form (the browser writes its boundary).
enum XhrBody<'a> {
    Blob(&'a Blob),
    Form(&'a FormData),
}

/// `PUT url` with `body` (a Blob slice: the browser streams it, nothing is copied into wasm).
/// `on_progress` gets the bytes sent so far. The request is registered in `set` while it runs.
pub async fn xhr_put(
    url: &str,
    body: &Blob,
    headers: &[(&str, &str)],
    on_progress: impl Fn(f64) + 'static,
    set: &XhrSet,
) -> Result<Reply, ApiError> {
    xhr_send("PUT", url, XhrBody::Blob(body), headers, on_progress, set).await
}

/// `POST url` with a `multipart/form-data` body (its Blob fields are streamed like
/// [`xhr_put`]'s), with the same progress and abort handling.
pub async fn xhr_post_multipart(
    url: &str,
    form: &FormData,
    headers: &[(&str, &str)],
    on_progress: impl Fn(f64) + 'static,
    set: &XhrSet,
) -> Result<Reply, ApiError> {
    xhr_send("POST", url, XhrBody::Form(form), headers, on_progress, set).await
}

async fn xhr_send(
    method: &str,
    url: &str,
    body: XhrBody<'_>,
    headers: &[(&str, &str)],
    on_progress: impl Fn(f64) + 'static,
    set: &XhrSet,
) -> Result<Reply, ApiError> {
    let xhr = XmlHttpRequest::new().map_err(js_error)?;
    xhr.open(method, url).map_err(js_error)?;
    for (k, v) in headers {
        xhr.set_request_header(k, v).map_err(js_error)?;
    }
    let (tx, rx) = oneshot::channel();
    let done: Done = Rc::new(RefCell::new(Some(tx)));
    let on_load = {
        let done = done.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_| settle(&done, Ok(())))
    };
    let on_error = {
        let done = done.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            settle(&done, Err(ApiError::network("upload connection failed")))
        })
    };
    let on_abort = {
        let done = done.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_| settle(&done, Err(ApiError::aborted())))
    };
    let on_progress =
        Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| on_progress(e.loaded()));
    xhr.set_onload(Some(on_load.as_ref().unchecked_ref()));
    xhr.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    xhr.set_ontimeout(Some(on_error.as_ref().unchecked_ref()));
    xhr.set_onabort(Some(on_abort.as_ref().unchecked_ref()));
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    set.add(&xhr);
    let sent = match body {
        XhrBody::Blob(blob) => xhr.send_with_opt_blob(Some(blob)),
        XhrBody::Form(form) => xhr.send_with_opt_form_data(Some(form)),
    };
    let outcome = match sent {
        Ok(()) => rx.await.unwrap_or_else(|_| Err(ApiError::aborted())),
        Err(e) => Err(js_error(e)),
    };
    set.remove(&xhr);
    xhr.set_onload(None);
    xhr.set_onerror(None);
    xhr.set_ontimeout(None);
    xhr.set_onabort(None);
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(None);
    }
    // The closures must outlive the request; drop them only now.
    drop((on_load, on_error, on_abort, on_progress));
    outcome?;
    let status = xhr.status().map_err(js_error)?;
    let body = xhr.response_text().map_err(js_error)?.unwrap_or_default();
    Ok(Reply {
        status,
        body,
        etag: None,
        content_range: None,
    })
}
