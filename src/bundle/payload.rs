//! The payload (v1) of a bundle: who signed, what is in it. Serialized as RFC 8785 JSON.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::{Deserialize, Serialize};

pub const PAYLOAD_TYPE: &str = "application/vnd.lvzhi.bundle+json; version=1";
/// `format` of every payload.
pub const FORMAT: &str = "lvzhi-bundle";
/// `version` this code writes and reads.
pub const VERSION: u32 = 1;

/// `kind` of a bundle a member hands in.
pub const KIND_MEMBER_SUBMISSION: &str = "member-submission";
/// `kind` of a receipt staff send back.
pub const KIND_STAFF_RECEIPT: &str = "staff-receipt";
pub const KINDS: [&str; 2] = [KIND_MEMBER_SUBMISSION, KIND_STAFF_RECEIPT];

/// Every item `type` a v1 bundle may carry; anything else is refused.
pub const ITEM_TYPES: [&str; 7] =
    ["proposal", "proposal_event", "duty_log", "sentiment_report", "clue", "year_report", "receipt_status"];

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    pub member_id: String,
    pub name: String,
    pub sector: String,
    /// Ed25519 public key, base64url without padding (32 bytes).
    pub public_key: String,
    /// RFC 7638 thumbprint of `public_key` ([`super::key_id`]).
    pub key_id: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppInfo {
    pub name: String,
    pub version: String,
}

/// One record handed over, at one revision. `data` is the record as the store keeps it
/// (e.g. a `domain::proposal::Proposal`); its shape is checked by whoever imports it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub r#type: String,
    pub id: String,
    pub rev: u32,
    /// RFC 3339 UTC.
    pub updated_at: String,
    pub data: serde_json::Value,
}

/// A file travelling inside the bundle (a proposal's attachment, a duty photo).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    pub id: String,
    /// Id of the item that owns the file.
    pub owner_id: String,
    pub name: String,
    pub media_type: String,
    pub size: u64,
    /// Lowercase hex SHA-256 of the file bytes.
    pub sha256: String,
    /// Standard base64 (with padding) of the file bytes.
    pub data: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payload {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`VERSION`].
    pub version: u32,
    /// UUIDv7 ([`uuid_v7`]).
    pub bundle_id: String,
    /// One of [`KINDS`].
    pub kind: String,
    /// RFC 3339 UTC ([`rfc3339_utc`]).
    pub created_at: String,
    pub signer: Signer,
    pub device_id: String,
    /// Per-device counter, from 1.
    pub seq: u64,
    /// Hex SHA-256 of the previous bundle's payload bytes from this device, or `None`.
    pub prev: Option<String>,
    pub app: AppInfo,
    pub items: Vec<Item>,
    pub attachments: Vec<Attachment>,
}

impl Payload {
    /// Number of items per type, in [`ITEM_TYPES`] order, types with none left out.
    pub fn item_counts(&self) -> Vec<(&'static str, usize)> {
        ITEM_TYPES
            .iter()
            .map(|t| (*t, self.items.iter().filter(|i| i.r#type == *t).count()))
            .filter(|(_, n)| *n > 0)
            .collect()
    }
}

/// A UUIDv7 (RFC 9562) from a Unix time in milliseconds and 10 random bytes: 48 bits of
/// time, the version nibble 7, 12 bits of `random[0..2]`, the variant bits 10 and 62 bits
/// of `random[2..10]`. Lowercase, hyphenated.
pub fn uuid_v7(unix_ms: u64, random: [u8; 10]) -> String {
    let t = unix_ms.to_be_bytes();
    let mut b = [0u8; 16];
    b[..6].copy_from_slice(&t[2..8]);
    b[6] = 0x70 | (random[0] & 0x0f);
    b[7] = random[1];
    b[8] = 0x80 | (random[2] & 0x3f);
    b[9..].copy_from_slice(&random[3..10]);
    let h = super::hex(&b);
    format!("{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..])
}

/// RFC 3339 UTC with milliseconds, always: "2026-11-25T08:30:00.000Z". One fixed width
/// keeps the canonical bytes of re-exported content identical. A time outside chrono's
/// range (±262,000 years) gives the Unix epoch.
pub fn rfc3339_utc(unix_ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(unix_ms)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// An attachment with `size`, `sha256` and `data` filled from the file bytes.
pub fn attachment(id: &str, owner_id: &str, name: &str, media_type: &str, bytes: &[u8]) -> Attachment {
    Attachment {
        id: id.to_string(),
        owner_id: owner_id.to_string(),
        name: name.to_string(),
        media_type: media_type.to_string(),
        size: bytes.len() as u64,
        sha256: super::sha256_hex(bytes),
        data: STANDARD.encode(bytes),
    }
}

/// A small, fixed payload signed by `key`: two proposals (one whose title has a comma,
/// quotes and a line break), a duty log and an attachment. For tests, fixtures and
/// `lvzhi sign-demo`; the member data is invented.
#[doc(hidden)]
pub fn demo(key: &super::DeviceKey) -> Payload {
    use serde_json::json;
    let public = key.public_key();
    let proposal_id = uuid_v7(1_764_059_400_000, [1; 10]);
    Payload {
        format: FORMAT.into(),
        version: VERSION,
        bundle_id: uuid_v7(1_764_059_400_000, [9; 10]),
        kind: KIND_MEMBER_SUBMISSION.into(),
        created_at: rfc3339_utc(1_764_059_400_000),
        signer: Signer {
            member_id: "2026-017".into(),
            name: "王秀兰".into(),
            sector: "农业和农村界".into(),
            public_key: super::public_key_b64(&public),
            key_id: super::key_id(&public),
        },
        device_id: "demo-device".into(),
        seq: 1,
        prev: None,
        app: AppInfo { name: "lvzhi".into(), version: "0.1.0".into() },
        items: vec![
            Item {
                r#type: "proposal".into(),
                id: proposal_id.clone(),
                rev: 2,
                updated_at: rfc3339_utc(1_764_059_000_000),
                data: json!({
                    "id": proposal_id, "rev": 2, "status": "submitted", "year": 2026,
                    "title": "关于加强农村\"一老一小\"服务，\n补齐短板的建议", "category": "society",
                    "proposer": {"name": "王秀兰", "member_id": "2026-017", "sector": "农业和农村界"},
                    "co_signers": [{"name": "李明", "member_id": "2026-021"}, {"name": "张华", "member_id": "2026-033"}],
                    "sector": "农业和农村界", "reasons": "……", "suggestions": "1. ……",
                }),
            },
            Item {
                r#type: "proposal".into(),
                id: uuid_v7(1_764_059_400_001, [2; 10]),
                rev: 1,
                updated_at: rfc3339_utc(1_764_059_100_000),
                data: json!({"title": "关于完善县域公交线路的建议", "category": "economy", "status": "submitted",
                    "proposer": {"name": "王秀兰", "member_id": "2026-017", "sector": "农业和农村界"}}),
            },
            Item {
                r#type: "duty_log".into(),
                id: uuid_v7(1_764_059_400_002, [3; 10]),
                rev: 1,
                updated_at: rfc3339_utc(1_764_059_200_000),
                data: json!({"kind": "plenary", "date": "2026-01-12", "title": "政协全体会议"}),
            },
        ],
        attachments: vec![attachment("a1", &proposal_id, "调研照片.jpg", "image/jpeg", b"\xff\xd8\xff demo")],
    }
}
