#![cfg(target_arch = "wasm32")]
//! Receipts issued from the staff desk on real IndexedDB: numbered on from the previous
//! receipt of this desk (also when two are signed at once), carrying each member only
//! their own updates, and accepted by the member app under the pinned committee key only.

use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

use lvzhi::bundle::keys::DeviceKey;
use lvzhi::bundle::verify::verify;
use lvzhi::domain::lifecycle::{record, Actor, EventKind, ProposalEvent, Status};
use lvzhi::domain::proposal::{Category, Proposal, ProposalLimits};
use lvzhi::staff::receipt::{read_receipt, Committee, ReceiptError, ReceiptStatus};
use lvzhi::staff::review::StaffAction;
use lvzhi::store::{apply_receipt, stores, CommitteeName, Db, ImportCounts, InboxRecord};

mod support;
use support::{finish, fresh_db, profile, sent_bundle};

wasm_bindgen_test_configure!(run_in_browser);

const A: &str = "QY-2026-017";
const B: &str = "QY-2026-021";

fn committee_key() -> DeviceKey {
    DeviceKey::from_seed([7; 32])
}

fn committee() -> Committee {
    Committee { code: "QYZX".into(), name: "青阳县政协".into(), device_id: "desk-1".into() }
}

fn inbox(member_id: &str, name: &str, bundle_id: &str, received_ms: i64) -> InboxRecord {
    InboxRecord {
        id: format!("k-{member_id}|{bundle_id}"),
        key_id: format!("k-{member_id}"),
        bundle_id: bundle_id.into(),
        payload_sha256: format!("{bundle_id:0>64}"),
        member_id: member_id.into(),
        name: name.into(),
        sector: "农业农村界".into(),
        fingerprint: String::new(),
        created_at: "2026-11-25T01:00:00Z".into(),
        seq: 1,
        file_name: format!("{bundle_id}.lvzhi.json"),
        received_ms,
        counts: ImportCounts::default(),
    }
}

fn filed(id: &str, member_id: &str, proposal_id: &str, number: &str, at_ms: i64) -> StaffAction {
    StaffAction {
        id: id.into(),
        at_ms,
        staff_name: "刘芳".into(),
        proposal_id: proposal_id.into(),
        member_id: member_id.into(),
        event: ProposalEvent {
            id: id.into(),
            proposal_id: proposal_id.into(),
            at_ms,
            by: Actor::Staff,
            kind: EventKind::Filed { number: number.into() },
        },
    }
}

/// What the import and the review UI would have stored: bundles from A and B, and staff
/// actions on proposals of each.
async fn desk(db: &Db, actions: &[StaffAction]) {
    let tx = db.write_tx(&[stores::INBOX, stores::STAFF_ACTIONS]).unwrap();
    tx.put(stores::INBOX, &inbox(A, "王秀兰", "b-a1", 10)).unwrap();
    tx.put(stores::INBOX, &inbox(B, "李明", "b-b1", 11)).unwrap();
    for a in actions {
        tx.put(stores::STAFF_ACTIONS, a).unwrap();
    }
    tx.commit().await.unwrap();
}

/// A receipt's items, read back from the signed file.
fn statuses(text: &str) -> Vec<ReceiptStatus> {
    let v = verify(text.as_bytes()).unwrap();
    v.payload.items.iter().map(|i| serde_json::from_value(i.data.clone()).unwrap()).collect()
}

#[wasm_bindgen_test]
async fn receipts_number_on_from_the_previous_one_with_its_hash() {
    let db = fresh_db("staff-receipt-chain").await;
    desk(&db, &[]).await;
    let staff = db.staff();
    assert_eq!(staff.last_receipt().await.unwrap(), None);
    assert_eq!(staff.committee_name().await.unwrap(), None);
    let name = CommitteeName { code: "QYZX".into(), name: "青阳县政协".into() };
    staff.save_committee_name(&name).await.unwrap();
    assert_eq!(staff.committee_name().await.unwrap(), Some(name));

    let key = committee_key();
    let only_a = [A.to_string()];
    let (first, one) = staff.issue_receipt(&committee(), &key, Some(&only_a), "r1.json", "r1".into(), 100).await.unwrap().unwrap();
    let (second, two) = staff.issue_receipt(&committee(), &key, None, "r2.json", "r2".into(), 200).await.unwrap().unwrap();
    let v1 = verify(first.text.as_bytes()).unwrap();
    let v2 = verify(second.text.as_bytes()).unwrap();
    assert_eq!((v1.payload.seq, v1.payload.prev.as_deref()), (1, None));
    assert_eq!((v2.payload.seq, v2.payload.prev.as_deref()), (2, Some(first.payload_sha256.as_str())));
    assert_eq!((one.seq, one.for_all, two.seq, two.for_all), (1, false, 2, true));
    assert_eq!(v2.payload.signer.member_id, "QYZX");
    assert_eq!(v2.payload.device_id, "desk-1");

    // The list, newest first, and the chain survive reopening the database.
    let name = db.name().to_string();
    db.close();
    let db = Db::open(&name).await.unwrap();
    let staff = db.staff();
    let issued = staff.receipts().await.unwrap();
    assert_eq!(issued.iter().map(|r| r.seq).collect::<Vec<_>>(), [2, 1]);
    assert_eq!(issued[1].names, ["王秀兰"]);
    assert_eq!(issued[0].member_ids, [A, B]);
    let (third, _) = staff.issue_receipt(&committee(), &key, None, "r3.json", "r3".into(), 300).await.unwrap().unwrap();
    let v3 = verify(third.text.as_bytes()).unwrap();
    assert_eq!((v3.payload.seq, v3.payload.prev.as_deref()), (3, Some(second.payload_sha256.as_str())));

    // Nobody chosen handed anything in: nothing is signed and no number is used.
    let nobody = ["QY-2026-555".to_string()];
    assert!(staff.issue_receipt(&committee(), &key, Some(&nobody), "x", "r4".into(), 400).await.unwrap().is_none());
    assert_eq!(staff.last_receipt().await.unwrap().map(|r| r.seq), Some(3));
    // Settings keep working beside the receipts.
    assert_eq!(db.settings().get("lang").await.unwrap(), None);
    finish(db).await;
}

/// Starts a receipt for everyone as its own task, resolving to its seq.
fn issue_all(db: Db, id: &'static str) -> js_sys::Promise {
    wasm_bindgen_futures::future_to_promise(async move {
        let key = committee_key();
        let (_, issued) = db
            .staff()
            .issue_receipt(&committee(), &key, None, id, id.into(), 500)
            .await
            .map_err(|e| JsValue::from_str(&e.to_string()))?
            .ok_or(JsValue::NULL)?;
        #[allow(clippy::cast_precision_loss)]
        Ok(JsValue::from_f64(issued.seq as f64))
    })
}

#[wasm_bindgen_test]
async fn two_receipts_signed_at_once_take_different_numbers() {
    let db = fresh_db("staff-receipt-race").await;
    desk(&db, &[]).await;
    let both = js_sys::Promise::all(&js_sys::Array::of2(&issue_all(db.clone(), "ra").into(), &issue_all(db.clone(), "rb").into()));
    let seqs = wasm_bindgen_futures::JsFuture::from(both).await.unwrap();
    let mut seqs: Vec<f64> = js_sys::Array::from(&seqs).iter().map(|v| v.as_f64().unwrap()).collect();
    seqs.sort_by(f64::total_cmp);
    assert_eq!(seqs, [1.0, 2.0]);
    let issued = db.staff().receipts().await.unwrap();
    assert_eq!(issued.len(), 2);
    let hashes: Vec<&str> = issued.iter().map(|r| r.payload_sha256.as_str()).collect();
    assert_ne!(hashes[0], hashes[1]);
    finish(db).await;
}

#[wasm_bindgen_test]
async fn a_receipt_for_member_a_carries_only_as_updates() {
    let db = fresh_db("staff-receipt-only-a").await;
    let actions = [
        filed("s-a", A, "p-a", "〔2026〕第12号", 20),
        filed("s-b", B, "p-b", "〔2026〕第13号", 21),
    ];
    desk(&db, &actions).await;
    let staff = db.staff();
    assert_eq!(staff.actions().await.unwrap().len(), 2);
    let targets = staff.receipt_targets().await.unwrap();
    assert_eq!(targets.iter().map(|t| (t.member_id.as_str(), t.bundles.len(), t.updates)).collect::<Vec<_>>(), [(A, 1, 1), (B, 1, 1)]);

    let only_a = [A.to_string()];
    let (signed, issued) =
        staff.issue_receipt(&committee(), &committee_key(), Some(&only_a), "a.json", "ra".into(), 100).await.unwrap().unwrap();
    assert_eq!((issued.bundles, issued.updates), (1, 1));
    let items = statuses(&signed.text);
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].member_id, A);
    assert_eq!(items[0].received, ["b-a1"]);
    assert_eq!(items[0].updates.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["s-a"]);
    assert!(!signed.text.contains("s-b") && !signed.text.contains("b-b1"), "nothing of B's in A's receipt");
    finish(db).await;
}

/// The member's device: a submitted proposal `p1` (with its 提交 event) handed in as `b1`.
async fn member_device() -> Db {
    let db = fresh_db("staff-receipt-member").await;
    let mut p = Proposal::new_draft("p1".into(), &profile(), 1, 2026);
    p.title = "关于完善农村养老服务网络的建议".into();
    p.category = Some(Category::Society);
    p.reasons = "互助养老点覆盖不足。".into();
    p.suggestions = "1. 每村一个互助养老点".into();
    db.proposals().save(&p, false, 1).await.unwrap();
    let e = ProposalEvent { id: "p1-submit".into(), proposal_id: "p1".into(), at_ms: 2, by: Actor::Member, kind: EventKind::Submitted { rev: 1 } };
    record(&mut p, &e, &ProposalLimits::default(), 2).unwrap();
    db.proposals().record_event(&p, &e).await.unwrap();
    let sent = sent_bundle("b-a1");
    db.handoff().record_sent(&sent).await.unwrap();
    db
}

#[wasm_bindgen_test]
async fn the_member_accepts_the_desks_receipt_under_the_pinned_key_only() {
    assert_eq!(profile().member_id, A);
    let desk_db = fresh_db("staff-receipt-desk").await;
    // A staff action put straight into staff_actions (as the review UI stores it).
    desk(&desk_db, &[filed("s-file", A, "p1", "〔2026〕第12号", 30), filed("s-b", B, "p-b", "〔2026〕第13号", 31)]).await;
    let key = committee_key();
    let only_a = [A.to_string()];
    let (signed, _) =
        desk_db.staff().issue_receipt(&committee(), &key, Some(&only_a), "a.json", "ra".into(), 100).await.unwrap().unwrap();

    let member = member_device().await;
    let v = verify(signed.text.as_bytes()).unwrap();
    // Pinned to another committee key: refused, nothing applied.
    let other = DeviceKey::from_seed([8; 32]).key_id();
    assert!(matches!(read_receipt(&v, Some(&other), A), Err(ReceiptError::OtherKey { .. })));
    assert!(matches!(read_receipt(&v, None, A), Err(ReceiptError::Unpinned { .. })));
    assert_eq!(member.proposals().get("p1").await.unwrap().unwrap().status, Status::Submitted);

    let mine = read_receipt(&v, Some(&key.key_id()), A).unwrap();
    assert_eq!(mine.committee, "青阳县政协");
    let outcome = apply_receipt(&member, &mine, 200).await.unwrap();
    assert_eq!((outcome.received, outcome.applied, outcome.unknown), (1, 1, 0));
    let p = member.proposals().get("p1").await.unwrap().unwrap();
    assert_eq!(p.status, Status::Filed);
    assert_eq!(p.filed_number.as_deref(), Some("〔2026〕第12号"));
    assert_eq!(member.handoff().sent().await.unwrap()[0].received_ms, Some(200));
    let timeline: Vec<String> = member.proposals().events("p1").await.unwrap().into_iter().map(|e| e.id).collect();
    assert_eq!(timeline, ["p1-submit", "s-file"]);
    finish(member).await;
    finish(desk_db).await;
}
