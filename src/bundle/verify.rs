//! Reading a bundle: every check, in the order of `docs/BUNDLE.md`, each failure a
//! specific [`BundleError`]. Nothing here trusts the payload before its signature holds,
//! except reading `format`, `version` and the signer's key needed to check it.

use std::collections::HashSet;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use ed25519_dalek::Signature;
use serde_json::{Map, Value};

use super::error::{AttachmentFault, BundleError, FieldType};
use super::json::{canonical, parse_strict};
use super::keys::{fingerprint, key_id, parse_public_key};
use super::payload::{Payload, FORMAT, ITEM_TYPES, KINDS, PAYLOAD_TYPE, VERSION};

/// The largest bundle accepted (50 MiB), checked before a byte is parsed.
pub const BUNDLE_MAX_BYTES: usize = 50 * 1024 * 1024;

/// The media type before its `; version=` parameter.
const MEDIA_TYPE: &str = "application/vnd.lvzhi.bundle+json";

/// A bundle whose signature, key id, canonical form and schema all hold.
#[derive(Clone, Debug, PartialEq)]
pub struct Verified {
    pub payload: Payload,
    /// Hex SHA-256 of the payload bytes (dedupe key; `prev` of the next bundle).
    pub payload_sha256: String,
    /// The signer's key id, as checked against the public key.
    pub key_id: String,
    /// [`fingerprint`] of `key_id`.
    pub fingerprint: String,
}

/// Checks a bundle file and returns its payload, or the first reason to refuse it.
pub fn verify(bytes: &[u8]) -> Result<Verified, BundleError> {
    if bytes.len() > BUNDLE_MAX_BYTES {
        return Err(BundleError::TooLarge { max_bytes: BUNDLE_MAX_BYTES, size: bytes.len() });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(BundleError::Empty);
    }
    if std::str::from_utf8(bytes).is_err() {
        return Err(BundleError::InvalidUtf8);
    }
    let envelope = parse_strict(bytes, "", false)?;
    let not_envelope = |field: &str| BundleError::NotAnEnvelope { field: field.to_string() };
    let env = envelope.as_object().ok_or_else(|| not_envelope(""))?;
    // Our envelopes carry these fields only: an unknown one would be unsigned text riding
    // along, so it is refused (every byte of a valid file then matters).
    if let Some(k) = env.keys().find(|k| !["payloadType", "payload", "signatures"].contains(&k.as_str())) {
        return Err(not_envelope(k));
    }
    let payload_type = env.get("payloadType").and_then(Value::as_str).ok_or_else(|| not_envelope("payloadType"))?;
    check_payload_type(payload_type)?;
    let payload_b64 = env.get("payload").and_then(Value::as_str).ok_or_else(|| not_envelope("payload"))?;
    let signatures = env.get("signatures").and_then(Value::as_array).ok_or_else(|| not_envelope("signatures"))?;
    if signatures.is_empty() {
        return Err(BundleError::NoSignature);
    }
    let mut sigs = Vec::with_capacity(signatures.len());
    for (i, s) in signatures.iter().enumerate() {
        let field = |name: &str| format!("signatures[{i}]{name}");
        let obj = s.as_object().ok_or_else(|| not_envelope(&field("")))?;
        if let Some(k) = obj.keys().find(|k| !["keyid", "sig"].contains(&k.as_str())) {
            return Err(not_envelope(&field(&format!(".{k}"))));
        }
        let sig = obj.get("sig").and_then(Value::as_str).ok_or_else(|| not_envelope(&field(".sig")))?;
        let keyid = match obj.get("keyid") {
            None | Some(Value::Null) => "",
            Some(Value::String(k)) => k.as_str(),
            Some(_) => return Err(not_envelope(&field(".keyid"))),
        };
        let sig = STANDARD.decode(sig).map_err(|_| BundleError::BadBase64 { field: field(".sig") })?;
        sigs.push((keyid, sig));
    }
    let body = STANDARD.decode(payload_b64).map_err(|_| BundleError::BadBase64 { field: "payload".into() })?;
    let value = parse_strict(&body, "", true).map_err(|e| match e {
        BundleError::DuplicateKey { .. } | BundleError::FloatInPayload { .. } | BundleError::NumberOutOfRange { .. } => e,
        _ => BundleError::PayloadNotJson,
    })?;

    // Format and version first, so a newer file says so rather than "field missing".
    let root = Obj::root(&value)?;
    let format = root.str("format")?;
    if format != FORMAT {
        return Err(BundleError::UnsupportedFormat { found: short(format) });
    }
    let version = root.get("version")?;
    if version.as_u64() != Some(u64::from(VERSION)) {
        return Err(BundleError::UnsupportedVersion { found: short(&version.to_string()) });
    }

    // The signature, against the key the payload itself names (the keyid is a hint only).
    let signer = root.obj("signer")?;
    let (public, verifying) = parse_public_key(signer.str("public_key")?).ok_or(BundleError::BadPublicKey)?;
    let expected_id = key_id(&public);
    let signed = super::envelope::pae(payload_type, &body);
    // Every signature must be the signer's and hold: v1 bundles carry exactly one, and a
    // second one nobody checks would be unverified bytes in the file.
    for (keyid, sig) in &sigs {
        let holds = <[u8; 64]>::try_from(sig.as_slice())
            .is_ok_and(|s| verifying.verify_strict(&signed, &Signature::from_bytes(&s)).is_ok());
        let names_other = !keyid.is_empty() && *keyid != expected_id;
        match (holds, names_other) {
            (true, false) => {}
            // Signed by the signer's key but labelled with another key id.
            (true, true) => return Err(BundleError::KeyIdMismatch),
            (false, true) => return Err(BundleError::SignedByOtherKey { keyid: short(keyid) }),
            (false, false) => return Err(BundleError::BadSignature),
        }
    }
    if signer.str("key_id")? != expected_id {
        return Err(BundleError::KeyIdMismatch);
    }
    if canonical(&value) != body {
        return Err(BundleError::PayloadNotCanonical);
    }

    check_shape(&root)?;
    let payload: Payload = serde_json::from_value(value).map_err(|_| BundleError::PayloadNotJson)?;
    check_payload(&payload)?;
    Ok(Verified {
        payload,
        payload_sha256: super::sha256_hex(&body),
        fingerprint: fingerprint(&expected_id),
        key_id: expected_id,
    })
}

fn check_payload_type(found: &str) -> Result<(), BundleError> {
    if found == PAYLOAD_TYPE {
        return Ok(());
    }
    let version = found
        .strip_prefix(MEDIA_TYPE)
        .and_then(|rest| rest.split(';').map(str::trim).find_map(|p| p.strip_prefix("version=")));
    match version {
        Some(v) if v != VERSION.to_string() => Err(BundleError::UnsupportedVersion { found: short(v) }),
        _ => Err(BundleError::WrongPayloadType { found: short(found) }),
    }
}

/// Text from a file, cut to 80 characters for a message.
fn short(s: &str) -> String {
    match s.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// One JSON object of the payload with its path, for precise field errors.
struct Obj<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

impl<'a> Obj<'a> {
    fn root(value: &'a Value) -> Result<Self, BundleError> {
        Obj::new(value, String::new())
    }
    fn new(value: &'a Value, path: String) -> Result<Self, BundleError> {
        match value {
            Value::Object(map) => Ok(Obj { map, path }),
            _ if path.is_empty() => Err(BundleError::PayloadNotJson),
            _ => Err(BundleError::WrongType { field: path, expected: FieldType::Object }),
        }
    }
    fn get(&self, key: &str) -> Result<&'a Value, BundleError> {
        self.map.get(key).ok_or_else(|| BundleError::MissingField { field: join(&self.path, key) })
    }
    fn wrong(&self, key: &str, expected: FieldType) -> BundleError {
        BundleError::WrongType { field: join(&self.path, key), expected }
    }
    fn str(&self, key: &str) -> Result<&'a str, BundleError> {
        self.get(key)?.as_str().ok_or_else(|| self.wrong(key, FieldType::Text))
    }
    fn opt_str(&self, key: &str) -> Result<(), BundleError> {
        match self.get(key)? {
            Value::Null | Value::String(_) => Ok(()),
            _ => Err(self.wrong(key, FieldType::TextOrNull)),
        }
    }
    fn whole(&self, key: &str, max: u64) -> Result<(), BundleError> {
        match self.get(key)?.as_u64() {
            Some(n) if n <= max => Ok(()),
            _ => Err(self.wrong(key, FieldType::WholeNumber)),
        }
    }
    fn obj(&self, key: &str) -> Result<Obj<'a>, BundleError> {
        Obj::new(self.get(key)?, join(&self.path, key))
    }
    fn list(&self, key: &str) -> Result<&'a Vec<Value>, BundleError> {
        self.get(key)?.as_array().ok_or_else(|| self.wrong(key, FieldType::List))
    }
    /// Every field present with its kind (`any`: any JSON value), and none other.
    fn fields(&self, text: &[&str], whole: &[(&str, u64)], any: &[&str]) -> Result<(), BundleError> {
        for key in self.map.keys() {
            let k = key.as_str();
            if !text.contains(&k) && !any.contains(&k) && !whole.iter().any(|(w, _)| *w == k) {
                return Err(BundleError::UnknownField { field: join(&self.path, key) });
            }
        }
        text.iter().try_for_each(|k| self.str(k).map(|_| ()))?;
        whole.iter().try_for_each(|(k, max)| self.whole(k, *max))?;
        any.iter().try_for_each(|k| self.get(k).map(|_| ()))
    }
}

/// The payload's JSON shape: each field present, of its kind, and no unknown field (a
/// field this version does not know would be signed but silently dropped on import).
fn check_shape(root: &Obj) -> Result<(), BundleError> {
    const TOP: [&str; 12] = [
        "format", "version", "bundle_id", "kind", "created_at", "signer", "device_id", "seq", "prev", "app", "items",
        "attachments",
    ];
    for key in root.map.keys() {
        if !TOP.contains(&key.as_str()) {
            return Err(BundleError::UnknownField { field: key.clone() });
        }
    }
    for k in ["bundle_id", "kind", "created_at", "device_id"] {
        root.str(k)?;
    }
    root.whole("seq", super::json::MAX_SAFE_INTEGER)?;
    root.opt_str("prev")?;
    root.obj("signer")?.fields(&["member_id", "name", "sector", "public_key", "key_id"], &[], &[])?;
    root.obj("app")?.fields(&["name", "version"], &[], &[])?;
    for (i, item) in root.list("items")?.iter().enumerate() {
        Obj::new(item, format!("items[{i}]"))?.fields(
            &["type", "id", "updated_at"],
            &[("rev", u64::from(u32::MAX))],
            &["data"],
        )?;
    }
    for (i, a) in root.list("attachments")?.iter().enumerate() {
        Obj::new(a, format!("attachments[{i}]"))?
            .fields(&["id", "owner_id", "name", "media_type", "sha256", "data"], &[("size", u64::MAX)], &[])?;
    }
    Ok(())
}

fn rfc3339(s: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(s).is_ok()
}

/// The rules beyond JSON shape, shared by `verify` and `sign` (so we never write a file we
/// would refuse): known kind and item types, ids, times, key id, attachment contents.
pub(crate) fn check_payload(p: &Payload) -> Result<(), BundleError> {
    if p.format != FORMAT {
        return Err(BundleError::UnsupportedFormat { found: short(&p.format) });
    }
    if p.version != VERSION {
        return Err(BundleError::UnsupportedVersion { found: p.version.to_string() });
    }
    if !KINDS.contains(&p.kind.as_str()) {
        return Err(BundleError::UnknownKind { found: short(&p.kind) });
    }
    if p.bundle_id.is_empty() {
        return Err(BundleError::EmptyId { field: "bundle_id".into() });
    }
    if !rfc3339(&p.created_at) {
        return Err(BundleError::BadTimestamp { field: "created_at".into() });
    }
    let (public, _) = parse_public_key(&p.signer.public_key).ok_or(BundleError::BadPublicKey)?;
    if p.signer.key_id != key_id(&public) {
        return Err(BundleError::KeyIdMismatch);
    }
    let mut seen = HashSet::with_capacity(p.items.len());
    for (i, item) in p.items.iter().enumerate() {
        if !ITEM_TYPES.contains(&item.r#type.as_str()) {
            return Err(BundleError::UnknownItemType { item_type: short(&item.r#type) });
        }
        if item.id.is_empty() {
            return Err(BundleError::EmptyId { field: format!("items[{i}].id") });
        }
        if !rfc3339(&item.updated_at) {
            return Err(BundleError::BadTimestamp { field: format!("items[{i}].updated_at") });
        }
        if !seen.insert((item.r#type.as_str(), item.id.as_str(), item.rev)) {
            return Err(BundleError::DuplicateItem { item_type: item.r#type.clone(), id: short(&item.id), rev: item.rev });
        }
    }
    for (i, a) in p.attachments.iter().enumerate() {
        if a.id.is_empty() {
            return Err(BundleError::EmptyId { field: format!("attachments[{i}].id") });
        }
        let bad = |fault| BundleError::BadAttachment { id: short(&a.id), fault };
        let bytes = STANDARD.decode(&a.data).map_err(|_| bad(AttachmentFault::Base64))?;
        if bytes.len() as u64 != a.size {
            return Err(bad(AttachmentFault::Size { declared: a.size, actual: bytes.len() as u64 }));
        }
        if super::sha256_hex(&bytes) != a.sha256 {
            return Err(bad(AttachmentFault::Sha256));
        }
    }
    Ok(())
}
