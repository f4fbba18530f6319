#![cfg(target_arch = "wasm32")]
//! The staff store in real headless Chromium: signed member bundles imported into
//! IndexedDB (new, duplicate, newer revision, conflict, held and released after
//! enrolment), one transaction per file. Run with `scripts/test-browser.sh`.

mod support;

use serde_json::{json, Value};
use wasm_bindgen_test::*;

use lvzhi::bundle::payload::{attachment, rfc3339_utc, Item, Payload};
use lvzhi::bundle::{public_key_b64, sign, verify, DeviceKey};
use lvzhi::staff::import::{classify, Accepted, FileResult, ItemType, Rejection};
use lvzhi::staff::roster::{MemberStatus, RosterEntry, Trust};
use lvzhi::store::staff::{merge_roster_row, PendingFile, PendingReason, StaffItem};
use lvzhi::store::{stores, Db, ImportCounts, StoreError};
use support::{finish, fresh_db, member_payload};

wasm_bindgen_test_configure!(run_in_browser);

const T: i64 = 1_767_225_600_000;
const MEMBER: &str = "QY-2026-017";

fn key(n: u8) -> DeviceKey {
    DeviceKey::from_seed([n; 32])
}

fn item(ty: &str, id: &str, rev: u32, data: Value) -> Item {
    Item { r#type: ty.into(), id: id.into(), rev, updated_at: rfc3339_utc(T + i64::from(rev)), data }
}

fn proposal(id: &str, rev: u32, text_rev: u32, title: &str) -> Item {
    let data = json!({
        "id": id, "rev": text_rev, "status": "submitted", "year": 2026, "created_ms": T, "updated_ms": T + i64::from(rev),
        "title": title, "category": "society",
        "proposer": {"name": "王秀兰", "member_id": MEMBER, "sector": "农业农村界"},
        "reasons": "枯水期断水。𠀀", "suggestions": "1. 管网延伸。",
    });
    item("proposal", id, rev, data)
}

fn duty(id: &str, rev: u32) -> Item {
    let data = json!({"id": id, "kind": "plenary", "date": "2026-01-12", "year": 2026, "created_ms": T, "updated_ms": T});
    item("duty_log", id, rev, data)
}

fn payload(k: &DeviceKey, bundle: u8, seq: u64, items: Vec<Item>) -> Payload {
    member_payload(k, MEMBER, T, bundle, seq, items)
}

fn file(k: &DeviceKey, p: &Payload) -> Vec<u8> {
    sign(k, p).expect("sign").text.into_bytes()
}

fn entry(k: Option<&DeviceKey>) -> RosterEntry {
    RosterEntry {
        member_id: MEMBER.into(),
        name: "王秀兰".into(),
        sector: "农业农村界".into(),
        key_id: k.map(DeviceKey::key_id),
        enrolled_ms: k.map(|_| T),
        status: MemberStatus::Active,
        previous_keys: vec![],
    }
}

/// Classifies `bytes` against what the database holds, as the import page does.
async fn classify_in(db: &Db, bytes: &[u8]) -> FileResult {
    let roster = db.staff().roster().await.expect("roster");
    match verify(bytes) {
        Ok(v) => {
            let inbox = db.staff().inbox_for(&v).await.expect("inbox");
            classify(v, &roster, &inbox)
        }
        Err(e) => FileResult::Rejected(Rejection::Bundle(e)),
    }
}

fn accepted(r: FileResult) -> Accepted {
    match r {
        FileResult::New(a) => *a,
        other => panic!("expected a new file, got {other:?}"),
    }
}

async fn counts(db: &Db) -> (u32, u32, u32, u32) {
    let n = |s: &'static str| async move { db.repo::<Value>(s).count().await.expect("count") };
    (n(stores::INBOX).await, n(stores::STAFF_ITEMS).await, n(stores::STAFF_FILES).await, n(stores::STAFF_PENDING).await)
}

/// Imports `bytes` as the import page does: verify, then read, classify and store (or
/// hold) in one transaction.
async fn import(db: &Db, bytes: &[u8], name: &str, t: i64) -> (FileResult, Option<ImportCounts>) {
    db.staff().import_verified(verify(bytes).expect("verify"), name, bytes, t).await.expect("import")
}

fn tally(c: Option<ImportCounts>) -> (u32, u32, u32, u32) {
    let c = c.expect("counts of a new file");
    (c.new, c.updated, c.skipped, c.files)
}

async fn stored(db: &Db, ty: &str, id: &str) -> StaffItem {
    let k = format!("{MEMBER}|{ty}|{id}");
    db.repo::<StaffItem>(stores::STAFF_ITEMS).get(k.as_str()).await.expect("get").expect("stored")
}

#[wasm_bindgen_test]
async fn a_signed_bundle_is_imported_once_and_a_newer_revision_replaces() {
    let db = fresh_db("staff-import").await;
    let k = key(1);
    db.staff().save_member(&entry(Some(&k))).await.expect("roster");

    let mut p = payload(&k, 1, 1, vec![proposal("p1", 1, 1, "关于农村饮水的建议"), duty("d1", 1), duty("d2", 1)]);
    p.attachments.push(attachment("a1", "p1", "调研.pdf", "application/pdf", b"%PDF-1.4 test"));
    let first = file(&k, &p);
    let a = accepted(classify_in(&db, &first).await);
    let c = db.staff().store_accepted(&a, "王秀兰-1.lvzhi.json", T).await.expect("store");
    assert_eq!((c.new, c.updated, c.skipped, c.files), (3, 0, 0, 1));
    assert_eq!(counts(&db).await, (1, 3, 1, 0));
    let p1 = stored(&db, "proposal", "p1").await;
    assert_eq!((p1.rev, p1.status.as_deref(), p1.category.as_deref(), p1.year), (1, Some("submitted"), Some("society"), Some(2026)));
    assert_eq!(p1.sector, "农业农村界");
    assert_eq!(p1.data["reasons"], json!("枯水期断水。𠀀"));
    let bundles = db.staff().bundles(10).await.expect("bundles");
    assert_eq!(bundles.len(), 1);
    assert_eq!((bundles[0].file_name.as_str(), bundles[0].counts.new), ("王秀兰-1.lvzhi.json", 3));
    assert_eq!(db.staff().item_count(ItemType::DutyLog).await.expect("count"), 2);
    let page = db.staff().items(ItemType::DutyLog, None, 1).await.expect("page");
    assert_eq!(page.items.len(), 1);
    let rest = db.staff().items(ItemType::DutyLog, page.next, 10).await.expect("page 2");
    assert_eq!(rest.items.len(), 1);
    assert_ne!(page.items[0].id, rest.items[0].id);

    // The same file again: a duplicate, and nothing changes.
    assert!(matches!(classify_in(&db, &first).await, FileResult::Duplicate { .. }));
    assert_eq!(counts(&db).await, (1, 3, 1, 0));
    // Storing it anyway (another tab raced us) fails as a whole.
    assert!(matches!(db.staff().store_accepted(&a, "again", T + 1).await, Err(StoreError::Constraint { .. })));
    assert_eq!(counts(&db).await, (1, 3, 1, 0));

    // A later bundle: p1 corrected (hand-in rev 2), d1 unchanged, d3 new.
    let p2 = payload(&k, 2, 2, vec![proposal("p1", 2, 2, "关于农村饮水安全的建议"), duty("d1", 1), duty("d3", 1)]);
    let a = accepted(classify_in(&db, &file(&k, &p2)).await);
    let c = db.staff().store_accepted(&a, "王秀兰-2.lvzhi.json", T + 10).await.expect("store");
    assert_eq!((c.new, c.updated, c.skipped), (1, 1, 1));
    assert_eq!(counts(&db).await, (2, 4, 1, 0));
    let p1 = stored(&db, "proposal", "p1").await;
    assert_eq!((p1.rev, p1.data["title"].clone()), (2, json!("关于农村饮水安全的建议")));
    let newest = db.staff().bundles(10).await.expect("bundles");
    assert_eq!(newest[0].file_name, "王秀兰-2.lvzhi.json", "newest first");

    // The older file imported late changes nothing of what the newer one wrote.
    let p0 = payload(&k, 3, 3, vec![proposal("p1", 1, 1, "关于农村饮水的建议")]);
    let a = accepted(classify_in(&db, &file(&k, &p0)).await);
    let c = db.staff().store_accepted(&a, "old.lvzhi.json", T + 20).await.expect("store");
    assert_eq!((c.new, c.updated, c.skipped), (0, 0, 1));
    assert_eq!(stored(&db, "proposal", "p1").await.rev, 2);
    finish(db).await;
}

#[wasm_bindgen_test]
async fn a_conflict_and_a_failing_write_leave_nothing() {
    let db = fresh_db("staff-conflict").await;
    let k = key(2);
    db.staff().save_member(&entry(Some(&k))).await.expect("roster");
    let p = payload(&k, 7, 1, vec![duty("d1", 1)]);
    let a = accepted(classify_in(&db, &file(&k, &p)).await);
    db.staff().store_accepted(&a, "a.json", T).await.expect("store");

    // Same (key, bundle id), other content: a conflict.
    let other = payload(&k, 7, 1, vec![duty("d1", 1), duty("d9", 1)]);
    assert!(matches!(classify_in(&db, &file(&k, &other)).await, FileResult::Conflict { .. }));

    // A file whose hash is stored under another bundle id: the inbox's unique index
    // refuses the write, and none of its items, files or the pending release happen.
    let mut q = payload(&k, 8, 2, vec![duty("d5", 1), duty("d6", 1)]);
    q.attachments.push(attachment("ph", "d5", "photo.jpg", "image/jpeg", b"\xff\xd8\xff jpeg"));
    let bytes = file(&k, &q);
    let a = accepted(classify_in(&db, &bytes).await);
    let v = verify(&bytes).expect("verify");
    db.staff().hold(&PendingFile::new(&v, PendingReason::KeyChanged, "q.json", "held".into(), T)).await.expect("hold");
    let clash = json!({
        "id": "x|y", "key_id": "x", "bundle_id": "y", "payload_sha256": v.payload_sha256,
        "member_id": MEMBER, "received_ms": T,
    });
    db.repo::<Value>(stores::INBOX).put(&clash).await.expect("clash");
    let before = counts(&db).await;
    assert_eq!(before, (2, 1, 0, 1));
    let err = db.staff().store_accepted(&a, "q.json", T + 1).await;
    assert!(matches!(err, Err(StoreError::Constraint { .. })), "got {err:?}");
    assert_eq!(counts(&db).await, before, "nothing of the file is written");
    finish(db).await;
}

#[wasm_bindgen_test]
async fn an_unknown_signer_is_held_and_imported_after_enrolment() {
    let db = fresh_db("staff-pending").await;
    let k = key(3);
    // On the roster without a key (from the CSV), the file is held.
    db.staff().import_roster(vec![entry(None)]).await.expect("roster");
    let bytes = file(&k, &payload(&k, 1, 1, vec![duty("d1", 1)]));
    let (v, trust) = match classify_in(&db, &bytes).await {
        FileResult::Pending { verified, trust } => (*verified, trust),
        other => panic!("expected pending, got {other:?}"),
    };
    assert_eq!(trust, Trust::Unenrolled);
    let text = String::from_utf8(bytes.clone()).expect("utf8");
    let reason = PendingReason::of(&trust).expect("reason");
    db.staff().hold(&PendingFile::new(&v, reason, "w.json", text.clone(), T)).await.expect("hold");
    db.staff().hold(&PendingFile::new(&v, reason, "w.json", text, T)).await.expect("hold twice");
    let held = db.staff().pending().await.expect("pending");
    assert_eq!(held.len(), 1);
    assert_eq!((held[0].member_id.as_str(), held[0].fingerprint.as_str()), (MEMBER, v.fingerprint.as_str()));
    assert_eq!(counts(&db).await, (0, 0, 0, 1));

    // Staff compare the fingerprint and enrol: the held text now imports, and the import
    // releases it in the same transaction.
    let enrolled = db.staff().enrol(&v, T + 5).await.expect("enrol").expect("allowed");
    assert_eq!((enrolled.key_id.clone(), enrolled.enrolled_ms), (Some(k.key_id()), Some(T + 5)));
    let a = accepted(classify_in(&db, held[0].text.as_bytes()).await);
    db.staff().store_accepted(&a, &held[0].file_name, T + 6).await.expect("store");
    assert_eq!(counts(&db).await, (1, 1, 0, 0));

    // A roster file without keys keeps the enrolled key; a revoked member is refused.
    let (added, changed) = db.staff().import_roster(vec![RosterEntry { name: "王秀兰".into(), ..entry(None) }]).await.expect("again");
    assert_eq!((added, changed), (0, 0));
    assert_eq!(db.staff().member(MEMBER).await.expect("get").and_then(|e| e.key_id), Some(k.key_id()));
    assert!(db.staff().revoke(MEMBER).await.expect("revoke"));
    let later = file(&k, &payload(&k, 2, 2, vec![duty("d2", 1)]));
    assert_eq!(classify_in(&db, &later).await, FileResult::Rejected(Rejection::RevokedKey));
    // A changed key is held for confirmation, and enrolling it retires the old one.
    let k2 = key(4);
    let b2 = file(&k2, &payload(&k2, 3, 1, vec![duty("d3", 1)]));
    let v2 = match classify_in(&db, &b2).await {
        FileResult::NeedsConfirmation { verified, .. } => *verified,
        other => panic!("expected confirmation, got {other:?}"),
    };
    db.staff().enrol(&v2, T + 9).await.expect("enrol").expect("allowed");
    assert!(matches!(classify_in(&db, &b2).await, FileResult::New(_)));
    assert_eq!(classify_in(&db, &later).await, FileResult::Rejected(Rejection::RevokedKey));
    finish(db).await;
}

#[wasm_bindgen_test]
async fn the_committee_key_is_made_once() {
    let db = fresh_db("staff-key").await;
    assert_eq!(db.staff().committee_key().await.expect("get"), None);
    let k = key(9);
    let record = lvzhi::store::DeviceKeyRecord {
        id: lvzhi::store::COMMITTEE_KEY_ID.into(),
        device_id: "desk".into(),
        public_key: public_key_b64(&k.public_key()),
        key_id: k.key_id(),
        created_ms: T,
        seed: Some("c2VlZA==".into()),
        sealed: None,
    };
    assert_eq!(db.staff().create_committee_key(&record).await.expect("make"), record);
    let other = lvzhi::store::DeviceKeyRecord { key_id: "other".into(), ..record.clone() };
    assert_eq!(db.staff().create_committee_key(&other).await.expect("again"), record, "the first key stays");
    // The member's own device key is another record.
    assert_eq!(db.handoff().key().await.expect("device"), None);
    finish(db).await;
}

#[wasm_bindgen_test]
fn a_roster_row_keeps_the_enrolled_key_unless_it_names_another() {
    let k = key(5);
    let stored = entry(Some(&k));
    let row = RosterEntry { sector: "教育界".into(), ..entry(None) };
    let merged = merge_roster_row(Some(&stored), row);
    assert_eq!((merged.key_id, merged.sector.as_str()), (Some(k.key_id()), "教育界"));
    let new_key = key(6).key_id();
    let merged = merge_roster_row(Some(&stored), RosterEntry { key_id: Some(new_key.clone()), ..entry(None) });
    assert_eq!((merged.key_id, merged.previous_keys), (Some(new_key), vec![k.key_id()]));
}

#[wasm_bindgen_test]
async fn one_transaction_reads_classifies_and_stores_or_holds_a_file() {
    let db = fresh_db("staff-one-tx").await;
    let k = key(11);
    let mut p = payload(&k, 1, 1, vec![proposal("p1", 1, 1, "关于农村饮水的建议"), duty("d1", 1), duty("d2", 1)]);
    p.attachments.push(attachment("a1", "p1", "调研.pdf", "application/pdf", b"%PDF-1.4 test"));
    let first = file(&k, &p);

    // Not on the roster: held with its whole text, nothing else written.
    let (r, c) = import(&db, &first, "王秀兰-1.lvzhi.json", T).await;
    assert!(matches!(r, FileResult::Pending { trust: Trust::Unknown, .. }), "got {r:?}");
    assert_eq!(c, None);
    let held = db.staff().pending().await.expect("pending");
    assert_eq!(held.len(), 1);
    assert_eq!((held[0].reason, held[0].file_name.as_str(), held[0].text.as_bytes()), (PendingReason::Unknown, "王秀兰-1.lvzhi.json", &first[..]));
    assert_eq!(counts(&db).await, (0, 0, 0, 1));

    // Enrolled (under another spelling of the name), beside members sorting before and
    // after with other keys: stored in full, released from pending.
    let other = |id: &str, n: u8| RosterEntry { member_id: id.into(), key_id: Some(key(n).key_id()), ..entry(None) };
    db.staff().import_roster(vec![other("QY-2026-001", 12), other("QY-2026-099", 13)]).await.expect("roster");
    db.staff().save_member(&RosterEntry { name: "王秀蘭".into(), ..entry(Some(&k)) }).await.expect("enrol");
    let (r, c) = import(&db, &first, "王秀兰-1.lvzhi.json", T + 1).await;
    assert_eq!(tally(c), (3, 0, 0, 1));
    assert_eq!(accepted(r).roster_name.as_deref(), Some("王秀蘭"));
    assert_eq!(counts(&db).await, (1, 3, 1, 0));
    assert_eq!(db.staff().bundles(10).await.expect("bundles")[0].counts.new, 3);

    // The same file again, under any name: a duplicate, nothing changes.
    let (r, c) = import(&db, &first, "copy.json", T + 2).await;
    assert!(matches!(r, FileResult::Duplicate { .. }), "got {r:?}");
    assert_eq!((c, counts(&db).await), (None, (1, 3, 1, 0)));
    // Same (key, bundle id), other content: a conflict.
    let clash = file(&k, &payload(&k, 1, 1, vec![duty("d9", 1)]));
    assert!(matches!(import(&db, &clash, "clash.json", T + 3).await.0, FileResult::Conflict { .. }));

    // Staff filed p1 meanwhile. A later file: p1 handed in again with the same text
    // (rev 1, so staff's status stays, read from the stored record in the same
    // transaction), d1 unchanged, d3 new; and d3 twice, the higher revision winning.
    let mut p1 = stored(&db, "proposal", "p1").await;
    p1.data["status"] = json!("filed");
    p1.data["filed_number"] = json!("2026-001");
    db.repo::<StaffItem>(stores::STAFF_ITEMS).put(&p1).await.expect("file p1");
    let later = payload(&k, 2, 2, vec![proposal("p1", 2, 1, "关于农村饮水的建议"), duty("d1", 1), duty("d3", 1), duty("d3", 2)]);
    let (_, c) = import(&db, &file(&k, &later), "王秀兰-2.lvzhi.json", T + 4).await;
    assert_eq!(tally(c), (1, 1, 2, 0));
    let p1 = stored(&db, "proposal", "p1").await;
    assert_eq!((p1.rev, p1.data["status"].clone(), p1.data["filed_number"].clone()), (2, json!("filed"), json!("2026-001")));
    assert_eq!(stored(&db, "duty_log", "d3").await.rev, 2);
    assert_eq!(counts(&db).await, (2, 4, 1, 0));

    // A new key of the member: held for confirmation. A key another member used before:
    // refused (only found by looking through every roster entry's previous keys).
    let k2 = key(14);
    let (r, _) = import(&db, &file(&k2, &payload(&k2, 3, 1, vec![duty("d4", 1)])), "new-phone.json", T + 5).await;
    assert!(matches!(r, FileResult::NeedsConfirmation { .. }), "got {r:?}");
    let held = db.staff().pending().await.expect("pending");
    assert_eq!((held.len(), held[0].reason), (1, PendingReason::KeyChanged));
    let k3 = key(15);
    let retired = RosterEntry { previous_keys: vec![k3.key_id()], ..other("QY-2026-050", 16) };
    db.staff().save_member(&retired).await.expect("roster");
    let (r, _) = import(&db, &file(&k3, &payload(&k3, 4, 1, vec![duty("d5", 1)])), "old-phone.json", T + 6).await;
    assert_eq!(r, FileResult::Rejected(Rejection::KeyOfOther { member_id: "QY-2026-050".into() }));
    assert_eq!(counts(&db).await, (2, 4, 1, 1), "nothing of a refused file is kept");
    finish(db).await;
}

#[wasm_bindgen_test]
async fn the_same_file_imported_twice_at_once_is_stored_once() {
    let db = fresh_db("staff-race").await;
    let k = key(17);
    db.staff().save_member(&entry(Some(&k))).await.expect("roster");
    let bytes = file(&k, &payload(&k, 1, 1, vec![duty("d1", 1), duty("d2", 1)]));
    // Both started before either finished, as two tabs (or two drops) would.
    let start = |name: &'static str| {
        let (db, bytes) = (db.clone(), bytes.clone());
        wasm_bindgen_futures::future_to_promise(async move {
            let (r, _) = db.staff().import_verified(verify(&bytes).expect("verify"), name, &bytes, T).await.expect("import");
            let kind = match r {
                FileResult::New(_) => "new",
                FileResult::Duplicate { .. } => "duplicate",
                _ => "other",
            };
            Ok(kind.into())
        })
    };
    let both = js_sys::Array::of2(&start("a.json").into(), &start("b.json").into());
    let kinds = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::all(&both)).await.expect("both");
    let mut kinds: Vec<String> = js_sys::Array::from(&kinds).iter().filter_map(|v| v.as_string()).collect();
    kinds.sort();
    assert_eq!(kinds, ["duplicate", "new"]);
    assert_eq!(counts(&db).await, (1, 2, 0, 0));
    finish(db).await;
}
