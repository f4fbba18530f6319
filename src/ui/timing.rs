//! User Timing marks and measures around our own storage calls and the first screen, so the
//! benchmark (`tests/perf/bench.mjs`) can tell time in storage from time in rendering.
//! Always on: a mark costs a few microseconds. Each measure `lvzhi:X` runs from the mark
//! `lvzhi:X:start`, which is cleared once measured (measures stay, one small entry each).
//!
//! - `lvzhi:ready` (a mark, once per page load): the first screen a member sees, the
//!   proposal list with its first page, is painted.
//! - `lvzhi:query`: the proposal list's store calls (page + count), no rendering.
//! - `lvzhi:list`: the same plus rendering, until the frame that shows it.
//! - `lvzhi:duty-list`: the duty timeline's first page (newest first, so the current month)
//!   with this year's counts per kind: store calls + rendering, until the frame that shows it.
//! - `lvzhi:score`: the yearly score card's work: gathering the year's facts
//!   (`AppCtx::score_facts`) and scoring them (not drawing the card).
//! - `lvzhi:autosave`: from the start of an autosave to its IndexedDB commit.
//! - `lvzhi:export-prepare`, `lvzhi:export-sign`: gathering a hand-in bundle; signing it
//!   and recording it as sent.
//! - `lvzhi:import`: one staff import file, from its bytes to its transaction's commit.

use std::cell::Cell;

fn performance() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}

pub fn mark(name: &str) {
    if let Some(p) = performance() {
        let _ = p.mark(name);
    }
}

/// Measures `name` from the mark `start`, then clears that mark.
pub fn measure(name: &str, start: &str) {
    if let Some(p) = performance() {
        let _ = p.measure_with_start_mark(name, start);
        p.clear_marks_with_mark_name(start);
    }
}

thread_local! {
    static READY: Cell<bool> = const { Cell::new(false) };
}

/// Marks `lvzhi:ready` the first time it is called in this page load.
pub fn ready() {
    if !READY.with(|r| r.replace(true)) {
        mark("lvzhi:ready");
    }
}
