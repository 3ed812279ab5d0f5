//! The MD5 Web Worker (built by trunk with `data-type="worker"`, wasm-bindgen no-modules).
//! Protocol: see `satchel::upload::md5`. Reads the posted Blob slice by slice with
//! `FileReaderSync` and posts each chunk's MD5, then the whole file's.

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use md5::{Digest, Md5};
    use satchel::upload::md5::proto;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;
    use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

    /// Read at most this much per FileReaderSync call, so memory stays small with big chunks.
    const READ_SLICE: u64 = 4 * 1024 * 1024;

    fn set(obj: &js_sys::Object, key: &str, value: &JsValue) {
        let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), value);
    }

    fn post(scope: &DedicatedWorkerGlobalScope, fields: &[(&str, JsValue)]) {
        let msg = js_sys::Object::new();
        for (k, v) in fields {
            set(&msg, k, v);
        }
        let _ = scope.post_message(&msg);
    }

    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let reply_to = scope.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if let Err(err) = run(&reply_to, &e.data()) {
                let text = err.as_string().unwrap_or_else(|| format!("{err:?}"));
                post(
                    &reply_to,
                    &[
                        (proto::KIND, proto::ERROR.into()),
                        (proto::MESSAGE, text.into()),
                    ],
                );
            }
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        post(&scope, &[(proto::KIND, proto::READY.into())]);
    }

    fn run(scope: &DedicatedWorkerGlobalScope, data: &JsValue) -> Result<(), JsValue> {
        let file: Blob = js_sys::Reflect::get(data, &proto::FILE.into())?.dyn_into()?;
        let chunk = js_sys::Reflect::get(data, &proto::CHUNK_SIZE.into())?
            .as_f64()
            .unwrap_or(8.0 * 1024.0 * 1024.0)
            .max(1.0) as u64;
        let size = file.size() as u64;
        let reader = FileReaderSync::new()?;
        let mut whole = Md5::new();
        let mut start = 0u64;
        let mut index = 0u32;
        loop {
            let end = (start + chunk).min(size);
            let mut part = Md5::new();
            let mut pos = start;
            while pos < end {
                let stop = (pos + READ_SLICE).min(end);
                let slice = file.slice_with_f64_and_f64(pos as f64, stop as f64)?;
                let buf = reader.read_as_array_buffer(&slice)?;
                let bytes = js_sys::Uint8Array::new(&buf).to_vec();
                part.update(&bytes);
                whole.update(&bytes);
                pos = stop;
            }
            post(
                scope,
                &[
                    (proto::KIND, proto::CHUNK.into()),
                    (proto::INDEX, index.into()),
                    (proto::MD5, hex::encode(part.finalize()).into()),
                    (proto::BYTES_DONE, (end as f64).into()),
                ],
            );
            index += 1;
            start = end;
            if start >= size {
                break;
            }
        }
        post(
            scope,
            &[
                (proto::KIND, proto::DONE.into()),
                (proto::MD5, hex::encode(whole.finalize()).into()),
                (proto::BYTES_DONE, (size as f64).into()),
            ],
        );
        Ok(())
    }
}
