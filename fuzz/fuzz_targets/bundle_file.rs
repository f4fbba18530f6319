//! A whole bundle file, as picked in the app or passed to `lvzhi verify`: `verify` never
//! panics, and what it accepts re-verifies and is read by the importer and the receipt
//! reader without panicking (`common::accepted`). Random bytes rarely get past the
//! signature; `bundle_payload` covers what lies behind it.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(v) = lvzhi::bundle::verify(data) {
        common::accepted(data, &v);
    }
});
