//! The signed hand-off bundle (issue 5): what a member hands to staff, verifiable anywhere.
//!
//! A bundle is a DSSE v1 envelope (one JSON file) whose payload is the RFC 8785 (JCS)
//! canonical JSON of a [`payload::Payload`], signed with the device's Ed25519 key. The
//! format, its limits and the reasons a file is refused are written down in `docs/BUNDLE.md`.
//!
//! Pure Rust like `domain`: no clock, no RNG (callers pass times, ids and seeds in), so the
//! browser and the native staff tool (`src/bin/lvzhi.rs`) share every byte of it.

pub mod backup;
pub mod envelope;
pub mod error;
pub mod json;
pub mod keys;
pub mod payload;
pub mod qr;
pub mod seal;
pub mod verify;

pub use envelope::{pae, sign, SignedBundle};
pub use error::BundleError;
pub use keys::{fingerprint, key_id, public_key_b64, DeviceKey};
pub use payload::{attachment, rfc3339_utc, uuid_v7, AppInfo, Attachment, Item, Payload, Signer, PAYLOAD_TYPE};
pub use verify::{verify, Verified, BUNDLE_MAX_BYTES};

/// Lowercase hex of a byte string (payload and attachment hashes).
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex(&sha2::Sha256::digest(bytes))
}
