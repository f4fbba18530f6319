//! Plain Rust types and rules of the duty domain. No I/O, no clock, no browser:
//! callers pass `now` and ids in, so everything here is tested natively.

pub mod clue;
pub mod duty;
pub mod lifecycle;
pub mod member;
pub mod proposal;
pub mod sentiment;
pub mod score;
pub mod similarity;
pub mod text;
pub mod year_report;
pub mod year_summary;
