//! Arbitrary payload bytes, correctly signed with a fixed test key and wrapped in a DSSE
//! envelope, so the fuzzer reaches what `verify` checks after the signature (canonical form,
//! schema, items, attachments) and the importer and receipt reader behind it. What `verify`
//! accepts must re-verify, and signing its payload again must give the same payload bytes
//! (a re-export of unchanged content is byte-identical).
#![no_main]

use lvzhi::bundle::{pae, sign, verify, DeviceKey, PAYLOAD_TYPE};
use libfuzzer_sys::fuzz_target;

mod common;

/// The key of `tests/bundle.rs` (seed 7), which signed the seed payloads.
fn key() -> &'static DeviceKey {
    static KEY: std::sync::OnceLock<DeviceKey> = std::sync::OnceLock::new();
    KEY.get_or_init(|| DeviceKey::from_seed([7; 32]))
}

fn b64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fuzz_target!(|body: &[u8]| {
    let k = key();
    let sig = k.sign_message(&pae(PAYLOAD_TYPE, body));
    let file = serde_json::json!({
        "payloadType": PAYLOAD_TYPE,
        "payload": b64(body),
        "signatures": [{"keyid": k.key_id(), "sig": b64(&sig)}],
    })
    .to_string();
    if let Ok(v) = verify(file.as_bytes()) {
        common::accepted(file.as_bytes(), &v);
        let again = sign(k, &v.payload).expect("what verify accepts must sign again");
        assert_eq!(again.payload_sha256, v.payload_sha256, "re-signing must give the same payload bytes");
    }
});
