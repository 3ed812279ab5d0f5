//! MD5 in a Web Worker (`src/bin/md5_worker.rs`), so hashing never freezes the page.
//!
//! Protocol (plain JS objects):
//! - worker → page `{kind: "ready"}` once its wasm is loaded and `onmessage` is set;
//! - page → worker `{file: Blob, chunk: number}` (the Blob is structured-cloned: no copy);
//! - worker → page `{kind: "chunk", index, md5, done}` per chunk, then `{kind: "done", md5, done}`
//!   with the whole-file MD5, or `{kind: "error", message}`.

use std::cell::RefCell;
use std::rc::Rc;

use futures::StreamExt;
use futures::channel::mpsc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, MessageEvent, Worker};

/// trunk emits `md5_worker_loader.js` (data-loader-shim) next to index.html; it imports the
/// no-modules glue `md5_worker.js` and loads `md5_worker_bg.wasm`.
pub const WORKER_URL: &str = "/md5_worker_loader.js";

pub mod proto {
    pub const KIND: &str = "kind";
    pub const READY: &str = "ready";
    pub const CHUNK: &str = "chunk";
    pub const DONE: &str = "done";
    pub const ERROR: &str = "error";
    pub const FILE: &str = "file";
    pub const CHUNK_SIZE: &str = "chunk";
    pub const INDEX: &str = "index";
    pub const MD5: &str = "md5";
    pub const BYTES_DONE: &str = "done";
    pub const MESSAGE: &str = "message";
}

/// The MD5s of every chunk and of the whole file, lower-case hex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileHashes {
    pub chunks: Vec<String>,
    pub whole: String,
}

/// The running worker of a job, so cancelling can terminate it.
#[derive(Clone, Default)]
pub struct WorkerSlot(Rc<RefCell<Option<Running>>>);

type Running = (Worker, mpsc::UnboundedSender<JsValue>);

impl WorkerSlot {
    /// Stop the worker; the waiting [`hash_file`] then returns an error.
    pub fn terminate(&self) {
        let running = self.0.borrow_mut().take();
        if let Some((worker, tx)) = running {
            worker.terminate();
            tx.close_channel();
        }
    }
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn get_str(obj: &JsValue, key: &str) -> String {
    get(obj, key).as_string().unwrap_or_default()
}

/// Hash `file` in `chunk_size` pieces in a worker; `on_progress` gets the bytes hashed so far.
pub async fn hash_file(
    file: &Blob,
    chunk_size: u64,
    on_progress: impl Fn(u64) + 'static,
    slot: &WorkerSlot,
) -> Result<FileHashes, String> {
    let worker = Worker::new(WORKER_URL).map_err(|e| format!("{e:?}"))?;
    let (tx, mut rx) = mpsc::unbounded::<JsValue>();
    *slot.0.borrow_mut() = Some((worker.clone(), tx.clone()));
    let on_message = {
        let tx = tx.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let _ = tx.unbounded_send(e.data());
        })
    };
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_e: web_sys::Event| {
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &proto::KIND.into(), &proto::ERROR.into());
        let _ = js_sys::Reflect::set(&msg, &proto::MESSAGE.into(), &"worker failed".into());
        let _ = tx.unbounded_send(msg.into());
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));

    let result = async {
        let mut chunks = Vec::new();
        while let Some(msg) = rx.next().await {
            match get_str(&msg, proto::KIND).as_str() {
                proto::READY => {
                    let job = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(&job, &proto::FILE.into(), file);
                    let _ = js_sys::Reflect::set(
                        &job,
                        &proto::CHUNK_SIZE.into(),
                        &JsValue::from_f64(chunk_size as f64),
                    );
                    worker.post_message(&job).map_err(|e| format!("{e:?}"))?;
                }
                proto::CHUNK => {
                    chunks.push(get_str(&msg, proto::MD5));
                    on_progress(get(&msg, proto::BYTES_DONE).as_f64().unwrap_or(0.0) as u64);
                }
                proto::DONE => {
                    on_progress(get(&msg, proto::BYTES_DONE).as_f64().unwrap_or(0.0) as u64);
                    return Ok(FileHashes {
                        chunks,
                        whole: get_str(&msg, proto::MD5),
                    });
                }
                _ => return Err(get_str(&msg, proto::MESSAGE)),
            }
        }
        Err("worker stopped".to_owned())
    }
    .await;
    worker.set_onmessage(None);
    worker.set_onerror(None);
    worker.terminate();
    slot.0.borrow_mut().take();
    drop((on_message, on_error));
    result
}
