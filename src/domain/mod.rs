//! Plain Rust types and rules of the duty domain. No I/O, no clock, no browser:
//! callers pass `now` and ids in, so everything here is tested natively.

pub mod member;
pub mod text;
