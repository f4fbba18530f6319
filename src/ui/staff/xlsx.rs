//! 导出 Excel: the workbook is written by the XLSX worker (`src/xlsx_worker.rs`, served as
//! `/staff/lvzhi-xlsx_loader.js`), so rust_xlsxwriter is not part of the workspace's own
//! download. One worker per export, ended afterwards.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

use crate::staff::export::{Sheet, XlsxJob};

/// Trunk's loader for the worker (it names worker files after the binary, unhashed).
const WORKER: &str = "/staff/lvzhi-xlsx_loader.js";

/// The next message from `worker` (or its error event, e.g. the file could not load).
async fn next_message(worker: &Worker) -> Result<JsValue, JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve: js_sys::Function, reject: js_sys::Function| {
        let on_message = Closure::once_into_js(move |ev: MessageEvent| {
            let _ = resolve.call1(&JsValue::NULL, &ev.data());
        });
        worker.set_onmessage(Some(on_message.unchecked_ref()));
        let on_error = Closure::once_into_js(move |ev: JsValue| {
            let _ = reject.call1(&JsValue::NULL, &ev);
        });
        worker.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await
}

/// The workbook's bytes, or why there are none (in the worker's or the browser's words;
/// the page shows its own sentence).
pub async fn workbook(sheets: Vec<Sheet>, now_ms: i64) -> Result<Vec<u8>, String> {
    let job = serde_json::to_string(&XlsxJob { sheets, now_ms }).map_err(|e| e.to_string())?;
    let worker = Worker::new(WORKER).map_err(|e| format!("{e:?}"))?;
    let result = async {
        next_message(&worker).await?; // "ready"
        worker.post_message(&JsValue::from_str(&job))?;
        next_message(&worker).await
    }
    .await;
    worker.terminate();
    match result {
        Ok(answer) if answer.is_instance_of::<js_sys::Uint8Array>() => Ok(js_sys::Uint8Array::new(&answer).to_vec()),
        Ok(answer) => Err(answer.as_string().unwrap_or_default()),
        Err(e) => Err(format!("{e:?}")),
    }
}
