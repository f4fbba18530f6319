#![cfg(target_arch = "wasm32")]
//! The device key and the record of signed bundles on real IndexedDB.

use wasm_bindgen_test::*;

use lvzhi::store::{DeviceKeyRecord, SentBundle, SentItem, StoreError, DEVICE_KEY_ID};

mod support;
use support::{finish, fresh_db};

wasm_bindgen_test_configure!(run_in_browser);

fn sent(seq: u64, items: &[(&str, &str, u32, &str)]) -> SentBundle {
    SentBundle {
        id: format!("bundle-{seq}"),
        seq,
        created_ms: 1_000 * seq as i64,
        payload_sha256: format!("{seq:064x}"),
        file_name: format!("王秀兰-2026-11-25-{seq}.lvzhi.json"),
        size: 1234,
        items: items
            .iter()
            .map(|(kind, id, rev, at)| SentItem { kind: (*kind).into(), id: (*id).into(), rev: *rev, updated_at: (*at).into() })
            .collect(),
        attachments: 0,
        received_ms: None,
    }
}

#[wasm_bindgen_test]
async fn the_key_is_kept_and_replaced_whole() {
    let db = fresh_db("key").await;
    let store = db.handoff();
    assert_eq!(store.key().await.expect("read"), None);
    let mut key = DeviceKeyRecord {
        id: DEVICE_KEY_ID.into(),
        device_id: "dev-1".into(),
        public_key: "pk".into(),
        key_id: "kid".into(),
        created_ms: 5,
        seed: Some("c2VlZA==".into()),
        sealed: None,
    };
    store.save_key(&key).await.expect("save");
    assert_eq!(store.key().await.expect("read"), Some(key.clone()));
    key.seed = None;
    key.sealed = Some(serde_json::json!({ "format": "lvzhi-sealed/1" }));
    store.save_key(&key).await.expect("protect");
    assert_eq!(store.key().await.expect("read"), Some(key));
    finish(db).await;
}

#[wasm_bindgen_test]
async fn sent_bundles_number_once_and_the_manifest_keeps_the_last_hand_in() {
    let db = fresh_db("sent").await;
    let store = db.handoff();
    assert_eq!(store.last_sent().await.expect("none"), None);
    store.record_sent(&sent(1, &[("proposal", "p1", 1, "2026-01-01T00:00:00Z"), ("duty_log", "d1", 1, "2026-01-02T00:00:00Z")])).await.expect("1");
    store.record_sent(&sent(2, &[("proposal", "p1", 2, "2026-03-01T00:00:00Z")])).await.expect("2");
    // The same number again (two exports racing) is refused and stores nothing.
    let mut twin = sent(2, &[]);
    twin.id = "other".into();
    assert!(matches!(store.record_sent(&twin).await.unwrap_err(), StoreError::Constraint { .. }));
    assert_eq!(store.last_sent().await.expect("last").map(|b| b.seq), Some(2));
    assert_eq!(store.sent().await.expect("all").iter().map(|b| b.seq).collect::<Vec<_>>(), [2, 1]);
    let manifest = store.manifest().await.expect("manifest");
    assert_eq!(manifest.get(&("proposal".into(), "p1".into())), Some(&(2, "2026-03-01T00:00:00Z".to_string())));
    assert_eq!(manifest.get(&("duty_log".into(), "d1".into())), Some(&(1, "2026-01-02T00:00:00Z".to_string())));
    assert_eq!(manifest.len(), 2);
    finish(db).await;
}
