//! One file per screen. Pages read the app context and own their signals.

pub mod backup;
pub mod clues;
pub mod device;
pub mod duty;
pub mod handoff;
pub mod key;
pub mod me;
pub mod not_found;
pub mod profile;
pub mod proposals;
pub mod store_error;
