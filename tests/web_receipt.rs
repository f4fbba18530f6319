#![cfg(target_arch = "wasm32")]
//! A staff receipt read by the member app on real IndexedDB: signed with a committee key,
//! verified, read for this member, and applied — bundles marked received, staff's events
//! on the proposal timeline through the lifecycle rules; reading it twice changes nothing.

use wasm_bindgen_test::*;

use lvzhi::bundle::keys::DeviceKey;
use lvzhi::bundle::verify::verify;
use lvzhi::domain::lifecycle::{record, Actor, EventKind, ProposalEvent, Status};
use lvzhi::domain::proposal::{Category, Proposal, ProposalLimits};
use lvzhi::staff::receipt::{read_receipt, sign_receipt, Committee, ReceiptMeta, ReceiptStatus};
use lvzhi::store::apply_receipt;

mod support;
use support::{finish, fresh_db, profile, sent_bundle};

wasm_bindgen_test_configure!(run_in_browser);

fn event(id: &str, proposal_id: &str, at_ms: i64, by: Actor, kind: EventKind) -> ProposalEvent {
    ProposalEvent { id: id.into(), proposal_id: proposal_id.into(), at_ms, by, kind }
}

/// A proposal the member submitted, stored with its 提交 event.
async fn submitted(db: &lvzhi::store::Db, id: &str) -> Proposal {
    let mut p = Proposal::new_draft(id.into(), &profile(), 1, 2026);
    p.title = "关于完善农村养老服务网络的建议".into();
    p.category = Some(Category::Society);
    p.reasons = "互助养老点覆盖不足。".into();
    p.suggestions = "1. 每村一个互助养老点".into();
    db.proposals().save(&p, false, 1).await.unwrap();
    let e = event(&format!("{id}-submit"), id, 2, Actor::Member, EventKind::Submitted { rev: 1 });
    record(&mut p, &e, &ProposalLimits::default(), 2).unwrap();
    db.proposals().record_event(&p, &e).await.unwrap();
    p
}

#[wasm_bindgen_test]
async fn a_signed_receipt_files_my_proposal_and_marks_my_bundle_received_once() {
    let db = fresh_db("receipt").await;
    submitted(&db, "p1").await;
    db.handoff().record_sent(&sent_bundle("b1")).await.unwrap();

    let committee_key = DeviceKey::from_seed([7; 32]);
    let committee = Committee { code: "QYZX".into(), name: "青阳县政协".into(), device_id: "office-1".into() };
    let me = profile().member_id;
    let statuses = [
        ReceiptStatus {
            member_id: me.clone(),
            received: vec!["b1".into(), "unknown-bundle".into()],
            updates: vec![
                event("s1", "p1", 10, Actor::Staff, EventKind::Filed { number: "〔2026〕第12号".into() }),
                event("s2", "p1", 11, Actor::Staff, EventKind::Assigned { lead: vec!["县民政局".into()], assisting: vec![] }),
                event("s3", "p-elsewhere", 12, Actor::Staff, EventKind::Filed { number: "〔2026〕第13号".into() }),
            ],
        },
        ReceiptStatus { member_id: "QY-2026-099".into(), received: vec!["b9".into()], updates: vec![] },
    ];
    let meta = ReceiptMeta { bundle_id: "r1".into(), created_ms: 20, seq: 1, prev: None };
    let signed = sign_receipt(&committee, &committee_key, &meta, &statuses).unwrap();
    let verified = verify(signed.text.as_bytes()).unwrap();

    // An unpinned committee key is not trusted blindly.
    assert!(read_receipt(&verified, None, &me).is_err());
    let mine = read_receipt(&verified, Some(&committee_key.key_id()), &me).unwrap();
    assert_eq!(mine.received, ["b1", "unknown-bundle"]);

    let outcome = apply_receipt(&db, &mine, 30).await.unwrap();
    assert_eq!((outcome.received, outcome.applied, outcome.already, outcome.unknown), (1, 2, 0, 1));
    assert!(outcome.refused.is_empty());
    let p = db.proposals().get("p1").await.unwrap().unwrap();
    assert_eq!(p.status, Status::Assigned);
    assert_eq!(p.filed_number.as_deref(), Some("〔2026〕第12号"));
    let timeline: Vec<String> = db.proposals().events("p1").await.unwrap().into_iter().map(|e| e.id).collect();
    assert_eq!(timeline, ["p1-submit", "s1", "s2"]);
    assert_eq!(db.handoff().sent().await.unwrap()[0].received_ms, Some(30));

    // The same receipt again: nothing changes, not even the time it was first received.
    let again = apply_receipt(&db, &mine, 40).await.unwrap();
    assert_eq!((again.applied, again.already), (0, 2));
    assert_eq!(db.proposals().events("p1").await.unwrap().len(), 3);
    assert_eq!(db.handoff().sent().await.unwrap()[0].received_ms, Some(30));
    finish(db).await;
}

#[wasm_bindgen_test]
async fn an_event_the_lifecycle_refuses_here_is_reported_not_forced() {
    let db = fresh_db("receipt-refused").await;
    // Still a draft on this device: staff cannot have filed it.
    let draft = Proposal::new_draft("p2".into(), &profile(), 1, 2026);
    db.proposals().save(&draft, false, 1).await.unwrap();
    let mine = lvzhi::staff::receipt::ReceiptForMe {
        committee: "青阳县政协".into(),
        bundle_id: "r2".into(),
        received: vec![],
        updates: vec![event("s9", "p2", 10, Actor::Staff, EventKind::Filed { number: "〔2026〕第14号".into() })],
    };
    let outcome = apply_receipt(&db, &mine, 30).await.unwrap();
    assert_eq!(outcome.applied, 0);
    assert_eq!(outcome.refused.len(), 1);
    assert_eq!(db.proposals().get("p2").await.unwrap().unwrap().status, Status::Draft);
    assert!(db.proposals().events("p2").await.unwrap().is_empty());
    finish(db).await;
}
