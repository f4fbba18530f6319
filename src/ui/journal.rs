//! A write-ahead journal in `localStorage` for text being typed.
//!
//! IndexedDB writes are asynchronous: a tab killed (or a phone locked) in the second
//! between a keystroke and the debounced save would lose the keystroke. `localStorage`
//! writes are synchronous, so every input is journaled at once; the journal entry is
//! cleared after IndexedDB holds the same content, and a journal newer than the stored
//! record is recovered the next time the record is opened.

use serde::{de::DeserializeOwned, Serialize};

const PREFIX: &str = "lvzhi.journal.";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Journals `value` under `key`. Best effort: a full or disabled `localStorage` only
/// means the debounced IndexedDB save is the sole copy, as without a journal.
pub fn write<T: Serialize>(key: &str, value: &T) {
    let Some(storage) = storage() else { return };
    let Ok(js) = serde_wasm_bindgen::to_value(value) else { return };
    if let Ok(text) = js_sys::JSON::stringify(&js) {
        let _ = storage.set_item(&format!("{PREFIX}{key}"), &String::from(text));
    }
}

/// The journaled value, if any and readable.
pub fn read<T: DeserializeOwned>(key: &str) -> Option<T> {
    let text = storage()?.get_item(&format!("{PREFIX}{key}")).ok()??;
    let js = js_sys::JSON::parse(&text).ok()?;
    serde_wasm_bindgen::from_value(js).ok()
}

pub fn clear(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&format!("{PREFIX}{key}"));
    }
}
