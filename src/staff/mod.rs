//! The staff workspace's pure core (issue 6): what committee staff do with the bundles of
//! 100–300 members, without the browser. Plain Rust like `domain` and `bundle`: no web-sys,
//! no clock, no RNG (callers pass `now`, ids and seeds in), built natively and for wasm32.
//!
//! - [`roster`]: the member roster, its CSV import, and [`roster::trust`] of a signer.
//! - [`import`]: the decision for one file (verify, trust, decode, dedupe, per-item plan).
//! - [`review`]: staff actions through the lifecycle, 立案编号 in sequence, the history.
//! - [`scores`]: every member's score for a year under one rule set.
//! - [`export`]: the proposal list and the score table as CSV and XLSX.
//! - [`receipt`]: the signed receipt back to members, and the member-side check of it.
//! - [`csv`]: RFC 4180 writing (with the formula guard) and reading.

pub mod csv;
pub mod export;
pub mod import;
pub mod receipt;
pub mod review;
pub mod roster;
pub mod scores;

#[cfg(test)]
mod tests;
