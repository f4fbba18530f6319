//! 履职通 (lvzhi): an offline-first duty app for county CPPCC members and staff.
//!
//! Layers (see ARCHITECTURE.md): `domain`, `bundle`, `staff` and `i18n` are pure Rust and build everywhere;
//! `store` (IndexedDB) and `ui` (Leptos) exist only in the browser build.

pub mod bundle;
pub mod domain;
pub mod i18n;
pub mod staff;

#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod ui;
