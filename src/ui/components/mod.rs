//! Shared pieces that take props and own no storage.

pub mod empty_state;
pub mod field;
pub mod icons;
pub mod lang_switch;
pub mod nav;
pub mod page_header;
pub mod qr;
pub mod record_form;
pub mod year_options;
