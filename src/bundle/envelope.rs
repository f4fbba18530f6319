//! The DSSE v1 envelope: pre-authentication encoding and signing.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::Serialize;

use super::error::BundleError;
use super::json::{canonical, check_numbers};
use super::keys::DeviceKey;
use super::payload::{Payload, PAYLOAD_TYPE};

/// DSSE's pre-authentication encoding, the bytes actually signed:
/// `"DSSEv1" SP len(type) SP type SP len(body) SP body`, lengths as ASCII decimal byte counts.
pub fn pae(payload_type: &str, body: &[u8]) -> Vec<u8> {
    let head = format!("DSSEv1 {} {} {} ", payload_type.len(), payload_type, body.len());
    let mut out = Vec::with_capacity(head.len() + body.len());
    out.extend_from_slice(head.as_bytes());
    out.extend_from_slice(body);
    out
}

/// A signed bundle ready to be written to a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedBundle {
    /// The file contents (UTF-8 JSON, one line, ending in a newline).
    pub text: String,
    /// Hex SHA-256 of the payload bytes: `prev` of the next bundle, and the dedupe key.
    pub payload_sha256: String,
    pub payload_bytes: usize,
}

#[derive(Serialize)]
struct Envelope<'a> {
    #[serde(rename = "payloadType")]
    payload_type: &'a str,
    payload: String,
    signatures: [Sig; 1],
}

#[derive(Serialize)]
struct Sig {
    keyid: String,
    sig: String,
}

/// Signs `payload` with `key`: the payload's RFC 8785 bytes in a DSSE envelope.
///
/// Refuses what `verify` would refuse (floats, unsafe integers, unknown item types,
/// attachments whose size or hash do not match, a signer whose key is not `key`), so the
/// app never hands out a file that staff cannot open.
pub fn sign(key: &DeviceKey, payload: &Payload) -> Result<SignedBundle, BundleError> {
    let public = key.public_key();
    if payload.signer.public_key != super::keys::public_key_b64(&public) {
        return Err(BundleError::SignedByOtherKey { keyid: key.key_id() });
    }
    super::verify::check_payload(payload)?;
    let value = serde_json::to_value(payload).map_err(|_| BundleError::PayloadNotJson)?;
    check_numbers(&value, "")?;
    let body = canonical(&value);
    let signature = key.sign_message(&pae(PAYLOAD_TYPE, &body));
    let envelope = Envelope {
        payload_type: PAYLOAD_TYPE,
        payload: STANDARD.encode(&body),
        signatures: [Sig { keyid: key.key_id(), sig: STANDARD.encode(signature) }],
    };
    let mut text = serde_json::to_string(&envelope).map_err(|_| BundleError::PayloadNotJson)?;
    text.push('\n');
    Ok(SignedBundle { text, payload_sha256: super::sha256_hex(&body), payload_bytes: body.len() })
}
