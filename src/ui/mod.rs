//! The Leptos user interface (browser only).
//!
//! Pages own their signals; components take props. Nothing here touches IndexedDB
//! directly: pages call [`service`], which owns the open database handle.

mod app;
mod components;
/// What this browser offers: storage, installing, WeChat.
mod device;
mod autosave;
/// The encrypted backup file: make, deliver, restore.
mod backup;
/// Making and delivering a member's signed bundle.
mod export;
/// Picking and reading files.
mod files;
mod journal;
/// The service worker and the update banner.
pub(crate) mod offline;
mod pages;
/// Lists shown a page at a time.
mod paging;
/// Photo preparation (decode, scale, JPEG) before storing.
pub mod photo;
mod service;
/// The staff workspace, a binary of its own.
pub mod staff;
/// User Timing marks read by the benchmark.
mod timing;

pub use app::App;
/// The sentence for a storage failure (public for the browser tests).
pub use service::store_error_text;

/// Entry point called from `main.rs` in the browser build.
pub fn start() {
    console_error_panic_hook::set_once();
    // index.html shows a plain "loading" line while the wasm downloads; the app replaces it.
    if let Some(el) = leptos::prelude::document().get_element_by_id("boot") {
        el.remove();
    }
    leptos::mount::mount_to_body(App);
}
