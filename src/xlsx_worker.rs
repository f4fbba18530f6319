//! The Excel writer as a web worker (`lvzhi-xlsx`, built by Trunk from `staff.html` with
//! `data-type="worker"`). rust_xlsxwriter is over a quarter of the staff workspace's
//! wasm, and only 导出 Excel needs it: as a worker it is fetched when a desk first exports
//! (the service worker keeps it for offline use), not with every start of the workspace.
//!
//! Protocol: the worker first posts "ready"; then the page posts one JSON string
//! `{"sheets": [Sheet…], "now_ms": …}`
//! (`staff::export::Sheet`); the worker answers with the workbook's bytes (a `Uint8Array`),
//! or with a string saying why it could not be written.

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let text = ev.data().as_string().unwrap_or_default();
        let answer: JsValue = match lvzhi::staff::export::xlsx_from_json(&text) {
            Ok(bytes) => js_sys::Uint8Array::from(bytes.as_slice()).into(),
            Err(why) => JsValue::from_str(&why),
        };
        let _ = reply.post_message(&answer);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // A message posted while the wasm was still loading would have found no handler.
    let _ = scope.post_message(&JsValue::from_str(READY));
}

/// The worker's first message: it now listens.
#[cfg(target_arch = "wasm32")]
const READY: &str = "ready";

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("lvzhi-xlsx is the staff workspace's Excel worker: `make build` builds it into dist/staff/.");
}
