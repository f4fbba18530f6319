//! Glue between Rust values and the JS side: record (de)serialisation and awaiting raw
//! `IDBRequest`s that `indexed_db_futures` 0.6 does not wrap (cursor `continuePrimaryKey`).

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

use super::error::{from_js, js_detail, StoreError};

/// Records must become plain JS objects so key paths (`id`, `updated_ms`) resolve: maps are
/// written as objects, not JS `Map`s; u64/i64 become numbers (an error above 2^53).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, StoreError> {
    let ser = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value.serialize(&ser).map_err(|e| StoreError::Failed { op: "encode", detail: e.to_string() })
}

/// Decodes one stored record; a mismatch is reported, never panicked on.
pub(crate) fn from_js_value<T: DeserializeOwned>(
    store: &str,
    value: JsValue,
) -> Result<T, StoreError> {
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| StoreError::Decode { store: store.to_owned(), detail: e.to_string() })
}

/// Waits for the next `success` (or `error`) of a request. A cursor request fires
/// `success` once per step, so this is called again after each `continue*()`.
///
/// The handlers are the promise's own resolve/reject functions (no Rust closures to keep
/// alive). The continuation runs in the microtask checkpoint right after the event is
/// dispatched, while the transaction is still active, so the caller may issue the next
/// request (this is how `indexed_db_futures` itself and JS `idb` work).
pub(crate) async fn next_event(
    op: &'static str,
    req: &web_sys::IdbRequest,
) -> Result<JsValue, StoreError> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        req.set_onsuccess(Some(&resolve));
        req.set_onerror(Some(&reject));
    });
    let outcome = wasm_bindgen_futures::JsFuture::from(promise).await;
    req.set_onsuccess(None);
    req.set_onerror(None);
    match outcome {
        Ok(_) => req.result().map_err(|e| from_js(op, &e)),
        Err(_) => match req.error() {
            Ok(Some(e)) => Err(super::error::from_dom(op, &e)),
            Ok(None) => {
                Err(StoreError::Failed { op, detail: "request failed without an error".into() })
            }
            Err(e) => Err(StoreError::Failed { op, detail: js_detail(&e) }),
        },
    }
}

/// The cursor from a cursor request's result, or `None` when it ran past the end.
pub(crate) fn as_cursor(result: JsValue) -> Option<web_sys::IdbCursorWithValue> {
    if result.is_null() || result.is_undefined() {
        None
    } else {
        result.dyn_into::<web_sys::IdbCursorWithValue>().ok()
    }
}
