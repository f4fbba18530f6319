//! Helpers shared by the browser tests (`tests/web_*.rs` include this with `mod support;`).
#![allow(dead_code)] // each test binary uses its own subset of these helpers

use lvzhi::bundle::payload::{rfc3339_utc, uuid_v7, AppInfo, Item, Payload, Signer, KIND_MEMBER_SUBMISSION};
use lvzhi::bundle::{public_key_b64, DeviceKey};
use lvzhi::domain::member::MemberProfile;
use lvzhi::store::{Db, SentBundle};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A database of its own for one test (random name), to be passed to [`finish`].
pub async fn fresh_db(tag: &str) -> Db {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let n = (js_sys::Math::random() * 1e12) as u64;
    Db::open(&format!("lvzhi-test-{tag}-{n}")).await.expect("open test database")
}

/// Closes and deletes a test database.
pub async fn finish(db: Db) {
    let name = db.name().to_owned();
    drop(db);
    Db::delete_database(&name).await.expect("delete test database");
}

pub fn profile() -> MemberProfile {
    MemberProfile {
        name: "王秀兰".into(),
        member_id: "QY-2026-017".into(),
        committee: "青阳县政协".into(),
        sector: "农业农村界".into(),
        is_standing: false,
        phone: "13800001234".into(),
    }
}

/// A member hand-in by 王秀兰 (`member_id`), signed later by `k`: bundle id from `bundle`
/// and the time `t_ms`, the device's `seq`, no attachments.
pub fn member_payload(k: &DeviceKey, member_id: &str, t_ms: i64, bundle: u8, seq: u64, items: Vec<Item>) -> Payload {
    Payload {
        format: "lvzhi-bundle".into(),
        version: 1,
        bundle_id: uuid_v7(u64::try_from(t_ms).unwrap_or(0), [bundle; 10]),
        kind: KIND_MEMBER_SUBMISSION.into(),
        created_at: rfc3339_utc(t_ms),
        signer: Signer {
            member_id: member_id.into(),
            name: "王秀兰".into(),
            sector: "农业农村界".into(),
            public_key: public_key_b64(&k.public_key()),
            key_id: k.key_id(),
        },
        device_id: "phone".into(),
        seq,
        prev: None,
        app: AppInfo { name: "lvzhi".into(), version: "0.1.0".into() },
        items,
        attachments: vec![],
    }
}

/// A bundle the member's app recorded as handed in (seq 1, nothing in it), not yet received.
pub fn sent_bundle(id: &str) -> SentBundle {
    SentBundle {
        id: id.into(),
        seq: 1,
        created_ms: 5,
        payload_sha256: "00".repeat(32),
        file_name: "王秀兰-2026-11-25-1.lvzhi.json".into(),
        size: 100,
        items: Vec::new(),
        attachments: 0,
        received_ms: None,
    }
}

/// A Blob of `bytes` with its media type, as a picked file or a stored photo would be.
pub fn blob(bytes: &[u8], media_type: &str) -> web_sys::Blob {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).expect("blob")
}

/// The bytes of a Blob.
pub async fn bytes_of(b: &web_sys::Blob) -> Vec<u8> {
    let buf = JsFuture::from(b.array_buffer()).await.expect("read blob");
    js_sys::Uint8Array::new(&buf.unchecked_into()).to_vec()
}
