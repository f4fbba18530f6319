//! The device key: Ed25519 from a 32-byte seed, its RFC 7638 key id and a fingerprint
//! people can read aloud.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ed25519_dalek::{Signature, Signer as _, SigningKey};
use sha2::{Digest, Sha256};

/// An Ed25519 signing key. The seed comes from the caller (the browser's CSPRNG, or a test
/// vector); `ed25519-dalek`'s `zeroize` feature wipes the secret when the key is dropped.
pub struct DeviceKey {
    key: SigningKey,
}

impl DeviceKey {
    pub fn from_seed(seed: [u8; 32]) -> Self {
        let mut seed = seed;
        let key = SigningKey::from_bytes(&seed);
        // The copy we were handed is wiped too (cheap; the caller owns its own copy).
        seed.fill(0);
        std::hint::black_box(&seed);
        DeviceKey { key }
    }

    pub fn public_key(&self) -> [u8; 32] {
        self.key.verifying_key().to_bytes()
    }

    /// RFC 7638 thumbprint of the public key, base64url without padding.
    pub fn key_id(&self) -> String {
        key_id(&self.public_key())
    }

    /// The raw Ed25519 signature (64 bytes) of `message`. Bundles are signed with
    /// [`super::sign`], which signs DSSE's PAE of the payload; this is for tests and tools.
    pub fn sign_message(&self, message: &[u8]) -> [u8; 64] {
        let sig: Signature = self.key.sign(message);
        sig.to_bytes()
    }
}

impl std::fmt::Debug for DeviceKey {
    /// Never prints the secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceKey").field("key_id", &self.key_id()).finish_non_exhaustive()
    }
}

/// RFC 7638 JWK thumbprint of an Ed25519 public key (RFC 8037 OKP key): SHA-256 of
/// `{"crv":"Ed25519","kty":"OKP","x":"<base64url key>"}` (required members only, sorted,
/// no whitespace), base64url without padding (43 characters).
pub fn key_id(public_key: &[u8; 32]) -> String {
    let jwk = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{}"}}"#, public_key_b64(public_key));
    URL_SAFE_NO_PAD.encode(Sha256::digest(jwk.as_bytes()))
}

/// The public key as it appears in the payload and in the JWK: base64url, no padding.
pub fn public_key_b64(public_key: &[u8; 32]) -> String {
    URL_SAFE_NO_PAD.encode(public_key)
}

/// The key id as 24 digits in 6 groups of 4 ("0123 4567 8901 2345 6789 0123"), for reading
/// aloud over the phone or at the desk.
///
/// Derivation: take the 32 bytes the key id encodes (base64url-decoded; a string that is
/// not a 43-character base64url of 32 bytes is hashed with SHA-256 instead, so the function
/// is total). Group `i` (0..6) is the big-endian `u32` of bytes `4i..4i+4`, modulo 10,000,
/// zero-padded to 4 digits. That keeps ~79.7 bits of the thumbprint; the bias of the
/// modulo is below 10⁻⁵ per group.
pub fn fingerprint(key_id: &str) -> String {
    let bytes: [u8; 32] = match URL_SAFE_NO_PAD.decode(key_id) {
        Ok(b) if b.len() == 32 => b.try_into().unwrap_or([0; 32]),
        _ => Sha256::digest(key_id.as_bytes()).into(),
    };
    let groups: Vec<String> = bytes
        .chunks_exact(4)
        .take(6)
        .map(|c| format!("{:04}", u32::from_be_bytes([c[0], c[1], c[2], c[3]]) % 10_000))
        .collect();
    groups.join(" ")
}

/// Verifying key from the payload's base64url text; `None` if it is not 32 bytes of a
/// valid curve point.
pub(crate) fn parse_public_key(b64: &str) -> Option<([u8; 32], ed25519_dalek::VerifyingKey)> {
    let bytes: [u8; 32] = URL_SAFE_NO_PAD.decode(b64).ok()?.try_into().ok()?;
    let key = ed25519_dalek::VerifyingKey::from_bytes(&bytes).ok()?;
    Some((bytes, key))
}
