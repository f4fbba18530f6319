//! The staff core end to end on real signed bundles: import decisions, then review and a
//! receipt back to the member.

use serde_json::{json, Value};

use super::import::*;
use super::receipt::*;
use super::review::{file, FilingCounter, Stamp};
use super::roster::{enrol, revoke, MemberStatus, RosterEntry, Trust};
use crate::bundle::payload::{rfc3339_utc, uuid_v7, AppInfo, Item, Payload, Signer, KIND_MEMBER_SUBMISSION};
use crate::bundle::{public_key_b64, sign, verify, BundleError, DeviceKey};
use crate::domain::lifecycle::{record, Actor, EventKind, Status};
use crate::domain::proposal::{Proposal, ProposalLimits};

const T: i64 = 1_767_225_600_000;

fn key(n: u8) -> DeviceKey {
    DeviceKey::from_seed([n; 32])
}

fn proposal_data(id: &str, member_id: &str, status: &str, rev: u32) -> Value {
    json!({
        "id": id, "rev": rev, "status": status, "year": 2026, "created_ms": T, "updated_ms": T,
        "title": "关于加强农村饮用水安全保障的建议", "category": "society",
        "proposer": {"name": "王秀兰", "member_id": member_id, "sector": "农业农村界"},
        "reasons": "枯水期断水。", "suggestions": "1. 管网延伸。",
    })
}

fn item(ty: &str, id: &str, rev: u32, data: Value) -> Item {
    Item { r#type: ty.into(), id: id.into(), rev, updated_at: rfc3339_utc(T + i64::from(rev)), data }
}

fn proposal(id: &str, member_id: &str, rev: u32) -> Item {
    item("proposal", id, rev, proposal_data(id, member_id, "submitted", 1))
}

fn duty(id: &str, rev: u32) -> Item {
    let data = json!({"id": id, "kind": "plenary", "date": "2026-01-12", "year": 2026, "created_ms": T, "updated_ms": T});
    item("duty_log", id, rev, data)
}

fn year_report() -> Item {
    item("year_report", "2026", 1, json!({"id": "2026", "year": 2026, "created_ms": T, "updated_ms": T, "narrative": "一年来……"}))
}

fn submitted_event(id: &str, proposal_id: &str) -> Item {
    let data = json!({"id": id, "proposal_id": proposal_id, "at_ms": T, "by": "member", "kind": {"type": "submitted", "rev": 1}});
    item("proposal_event", id, 1, data)
}

fn payload(k: &DeviceKey, member_id: &str, bundle: u8, items: Vec<Item>) -> Payload {
    let public = k.public_key();
    Payload {
        format: "lvzhi-bundle".into(),
        version: 1,
        bundle_id: uuid_v7(T as u64, [bundle; 10]),
        kind: KIND_MEMBER_SUBMISSION.into(),
        created_at: rfc3339_utc(T),
        signer: Signer {
            member_id: member_id.into(),
            name: "王秀兰".into(),
            sector: "农业农村界".into(),
            public_key: public_key_b64(&public),
            key_id: k.key_id(),
        },
        device_id: "phone".into(),
        seq: 1,
        prev: None,
        app: AppInfo { name: "lvzhi".into(), version: "0.1.0".into() },
        items,
        attachments: vec![],
    }
}

fn file_bytes(k: &DeviceKey, p: &Payload) -> Vec<u8> {
    sign(k, p).unwrap().text.into_bytes()
}

fn roster_with(member_id: &str, k: Option<&DeviceKey>) -> Vec<RosterEntry> {
    vec![RosterEntry {
        member_id: member_id.into(),
        name: "王秀兰".into(),
        sector: "农业农村界".into(),
        key_id: k.map(DeviceKey::key_id),
        enrolled_ms: k.map(|_| T),
        status: MemberStatus::Active,
        previous_keys: vec![],
    }]
}

fn accepted(r: FileResult) -> Accepted {
    match r {
        FileResult::New(a) => *a,
        other => panic!("expected New, got {other:?}"),
    }
}

fn actions(a: &Accepted) -> Vec<(ItemType, &str, ItemAction)> {
    a.items.iter().map(|c| (c.record.item_type(), c.record.id(), c.action)).collect()
}

#[test]
fn a_file_imports_once_and_again_is_a_duplicate() {
    let k = key(1);
    let roster = roster_with("2026-017", Some(&k));
    let p = payload(&k, "2026-017", 1, vec![proposal("p1", "2026-017", 1), submitted_event("e1", "p1"), duty("d1", 1), year_report()]);
    let bytes = file_bytes(&k, &p);
    let mut inbox = MemoryInbox::default();
    let a = accepted(classify_file(&bytes, &roster, &inbox));
    assert_eq!(actions(&a), vec![
        (ItemType::Proposal, "p1", ItemAction::Insert),
        (ItemType::ProposalEvent, "e1", ItemAction::Insert),
        (ItemType::DutyLog, "d1", ItemAction::Insert),
        (ItemType::YearReport, "2026", ItemAction::Insert),
    ]);
    assert!(matches!(&a.items[0].record, Record::Proposal(p) if p.status == Status::Submitted && p.title.starts_with("关于")));
    assert_eq!(a.upserts().count(), 4);
    assert_eq!(a.roster_name, None);
    inbox.add(&a);
    assert_eq!(classify_file(&bytes, &roster, &inbox), FileResult::Duplicate { bundle_id: p.bundle_id.clone() });
    // The same content found by hash alone is a duplicate too.
    let by_hash = MemoryInbox { hashes: inbox.hashes.clone(), ..Default::default() };
    assert!(matches!(classify_file(&bytes, &roster, &by_hash), FileResult::Duplicate { .. }));

    // Another member's yearly report has the same id ("2026"): items are per member.
    let k2 = key(2);
    let mut roster2 = roster.clone();
    roster2.extend(roster_with("2026-021", Some(&k2)));
    let other = payload(&k2, "2026-021", 2, vec![year_report()]);
    let b = accepted(classify_file(&file_bytes(&k2, &other), &roster2, &inbox));
    assert_eq!(actions(&b), vec![(ItemType::YearReport, "2026", ItemAction::Insert)]);
}

#[test]
fn same_bundle_id_with_other_content_is_a_conflict() {
    let k = key(1);
    let roster = roster_with("2026-017", Some(&k));
    let mut inbox = MemoryInbox::default();
    let first = payload(&k, "2026-017", 1, vec![duty("d1", 1)]);
    let a = accepted(classify_file(&file_bytes(&k, &first), &roster, &inbox));
    inbox.add(&a);
    let changed = payload(&k, "2026-017", 1, vec![duty("d1", 2)]);
    match classify_file(&file_bytes(&k, &changed), &roster, &inbox) {
        FileResult::Conflict { bundle_id, existing_sha } => {
            assert_eq!(bundle_id, first.bundle_id);
            assert_eq!(existing_sha, a.verified.payload_sha256);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_newer_revision_replaces_and_an_older_one_is_skipped() {
    let k = key(1);
    let roster = roster_with("2026-017", Some(&k));
    let mut inbox = MemoryInbox::default();
    let first = payload(&k, "2026-017", 1, vec![proposal("p1", "2026-017", 1), duty("d1", 1)]);
    inbox.add(&accepted(classify_file(&file_bytes(&k, &first), &roster, &inbox)));

    let second = payload(&k, "2026-017", 2, vec![proposal("p1", "2026-017", 2), duty("d1", 1), duty("d2", 1)]);
    let a = accepted(classify_file(&file_bytes(&k, &second), &roster, &inbox));
    assert_eq!(actions(&a), vec![
        (ItemType::Proposal, "p1", ItemAction::Replace { old_rev: 1 }),
        (ItemType::DutyLog, "d1", ItemAction::SkipSame),
        (ItemType::DutyLog, "d2", ItemAction::Insert),
    ]);
    assert_eq!(a.upserts().map(|c| c.record.id()).collect::<Vec<_>>(), ["p1", "d2"]);
    inbox.add(&a);

    // An old file imported late: the stored newer revision stays.
    let late = payload(&k, "2026-017", 3, vec![proposal("p1", "2026-017", 1)]);
    let a = accepted(classify_file(&file_bytes(&k, &late), &roster, &inbox));
    assert_eq!(actions(&a), vec![(ItemType::Proposal, "p1", ItemAction::SkipOlder { stored_rev: 2 })]);
    assert_eq!(a.upserts().count(), 0);

    // One item twice in a bundle: the higher revision wins.
    let twice = payload(&k, "2026-017", 4, vec![duty("d9", 1), duty("d9", 3)]);
    let a = accepted(classify_file(&file_bytes(&k, &twice), &roster, &inbox));
    assert_eq!(actions(&a), vec![
        (ItemType::DutyLog, "d9", ItemAction::SkipOlder { stored_rev: 3 }),
        (ItemType::DutyLog, "d9", ItemAction::Insert),
    ]);
}

#[test]
fn trust_decides_before_anything_is_imported() {
    let k = key(1);
    let inbox = MemoryInbox::default();
    let p = payload(&k, "2026-017", 1, vec![duty("d1", 1)]);
    let bytes = file_bytes(&k, &p);

    // Unknown member: held pending; enrolling makes the same file import.
    let mut roster: Vec<RosterEntry> = vec![];
    assert!(matches!(classify_file(&bytes, &roster, &inbox), FileResult::Pending { trust: Trust::Unknown, .. }));
    let mut on_roster = roster_with("2026-017", None);
    match classify_file(&bytes, &on_roster, &inbox) {
        FileResult::Pending { trust, verified } => {
            assert_eq!(trust, Trust::Unenrolled);
            enrol(&mut on_roster, &verified.payload.signer, T).unwrap();
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(classify_file(&bytes, &on_roster, &inbox), FileResult::New(_)));
    enrol(&mut roster, &p.signer, T).unwrap();
    assert!(matches!(classify_file(&bytes, &roster, &inbox), FileResult::New(_)));

    // A new key for a known member: confirmation first, then it imports and the old key is refused.
    let new_key = key(3);
    let from_new = payload(&new_key, "2026-017", 2, vec![duty("d1", 2)]);
    let new_bytes = file_bytes(&new_key, &from_new);
    match classify_file(&new_bytes, &roster, &inbox) {
        FileResult::NeedsConfirmation { old_key, verified } => {
            assert_eq!(old_key, k.key_id());
            enrol(&mut roster, &verified.payload.signer, T + 1).unwrap();
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(classify_file(&new_bytes, &roster, &inbox), FileResult::New(_)));
    assert_eq!(classify_file(&bytes, &roster, &inbox), FileResult::Rejected(Rejection::RevokedKey));

    // A revoked key is refused.
    revoke(&mut roster, "2026-017");
    assert_eq!(classify_file(&new_bytes, &roster, &inbox), FileResult::Rejected(Rejection::RevokedKey));

    // Another member's key signing under this member id is refused.
    let roster = roster_with("2026-099", Some(&k));
    assert_eq!(
        classify_file(&bytes, &roster, &inbox),
        FileResult::Rejected(Rejection::KeyOfOther { member_id: "2026-099".into() })
    );
}

#[test]
fn a_changed_file_or_a_bad_item_refuses_the_whole_file() {
    let k = key(1);
    let roster = roster_with("2026-017", Some(&k));
    let inbox = MemoryInbox::default();
    let bytes = file_bytes(&k, &payload(&k, "2026-017", 1, vec![duty("d1", 1)]));
    let mut tampered = String::from_utf8(bytes).unwrap();
    // Flip one character of the base64 payload.
    let at = tampered.find("\"payload\":\"").unwrap() + 20;
    let c = if &tampered[at..at + 1] == "A" { "B" } else { "A" };
    tampered.replace_range(at..at + 1, c);
    assert!(matches!(classify_file(tampered.as_bytes(), &roster, &inbox), FileResult::Rejected(Rejection::Bundle(_))));
    assert_eq!(classify_file(b"", &roster, &inbox), FileResult::Rejected(Rejection::Bundle(BundleError::Empty)));

    let cases = [
        (item("duty_log", "d2", 1, json!({"id": "d2", "kind": "no_such_kind"})), ItemProblem::Malformed),
        (item("proposal", "p1", 1, proposal_data("p-other", "2026-017", "submitted", 1)), ItemProblem::IdMismatch),
        (item("clue", "c1", 1, json!({"id": "c1"})), ItemProblem::UnexpectedType),
        (item("receipt_status", "2026-017", 1, json!({})), ItemProblem::UnexpectedType),
    ];
    for (bad, problem) in cases {
        let p = payload(&k, "2026-017", 1, vec![duty("d1", 1), bad.clone()]);
        let got = classify_file(&file_bytes(&k, &p), &roster, &inbox);
        let want = Rejection::BadItem { index: 1, item_type: bad.r#type.clone(), id: bad.id.clone(), problem };
        assert_eq!(got, FileResult::Rejected(want));
        // An unknown signer's bad file is refused at once, not held.
        assert!(matches!(classify_file(&file_bytes(&k, &p), &[], &inbox), FileResult::Rejected(Rejection::BadItem { .. })));
    }
}

fn committee() -> Committee {
    Committee { code: "QYZX".into(), name: "青阳县政协".into(), device_id: "staff-pc".into() }
}

fn meta(n: u8) -> ReceiptMeta {
    ReceiptMeta { bundle_id: uuid_v7(T as u64 + 5, [n; 10]), created_ms: T + 5, seq: u64::from(n), prev: None }
}

#[test]
fn a_receipt_goes_round_the_loop() {
    // Member hands in; staff import, file and assign; the receipt carries both back.
    let member = key(1);
    let roster = roster_with("2026-017", Some(&member));
    let p = payload(&member, "2026-017", 1, vec![proposal("p1", "2026-017", 1)]);
    let a = accepted(classify_file(&file_bytes(&member, &p), &roster, &MemoryInbox::default()));
    let Record::Proposal(mut staff_copy) = a.items[0].record.clone() else { panic!() };
    let limits = ProposalLimits::default();
    let mut counter = FilingCounter::from_numbers(["〔2026〕第11号"]);
    let stamp = |id: &str, t: i64| Stamp { id: id.into(), happened_ms: t, now_ms: t, staff_name: "刘芳".into() };
    let filed = file(&mut staff_copy, &mut counter, &stamp("s1", T + 1), &limits).unwrap();
    let assign = EventKind::Assigned { lead: vec!["县水利局".into()], assisting: vec![] };
    let assigned = super::review::review(&mut staff_copy, assign, &stamp("s2", T + 2), &limits).unwrap();
    let other = super::review::StaffAction { member_id: "2026-021".into(), ..filed.clone() };

    let status = receipt_status("2026-017", vec![p.bundle_id.clone()], &[assigned.clone(), filed.clone(), other]);
    assert_eq!(status.updates.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["s1", "s2"]);
    let for_b = ReceiptStatus { member_id: "2026-021".into(), received: vec!["b-other".into()], updates: vec![] };
    let staff_key = key(9);
    let signed = sign_receipt(&committee(), &staff_key, &meta(1), &[status, for_b]).unwrap();

    // verify accepts the kind; the member reads only their own part.
    let v = verify(signed.text.as_bytes()).unwrap();
    assert_eq!(v.payload.kind, "staff-receipt");
    assert_eq!(v.payload.signer.name, "青阳县政协");
    let mine = read_receipt(&v, Some(&staff_key.key_id()), "2026-017").unwrap();
    assert_eq!(mine.received, vec![p.bundle_id.clone()]);
    assert_eq!(mine.committee, "青阳县政协");
    assert!(mine.updates.iter().all(|e| e.by == Actor::Staff));

    // The member's app records the updates on its own copy and sees the number.
    let Record::Proposal(mut member_copy) = a.items[0].record.clone() else { panic!() };
    for e in &mine.updates {
        record(&mut member_copy, e, &limits, T + 10).unwrap();
    }
    assert_eq!(member_copy.status, Status::Assigned);
    assert_eq!(member_copy.filed_number.as_deref(), Some("〔2026〕第12号"));

    let theirs = read_receipt(&v, Some(&staff_key.key_id()), "2026-021").unwrap();
    assert_eq!((theirs.received.len(), theirs.updates.len()), (1, 0));
    assert!(read_receipt(&v, Some(&staff_key.key_id()), "2026-555").unwrap().is_empty());

    // Unpinned or another key: refused, with the fingerprint to compare.
    match read_receipt(&v, None, "2026-017") {
        Err(ReceiptError::Unpinned { key_id, fingerprint }) => {
            assert_eq!(key_id, staff_key.key_id());
            assert_eq!(fingerprint, v.fingerprint);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(read_receipt(&v, Some(&key(8).key_id()), "2026-017"), Err(ReceiptError::OtherKey { .. })));

    // A member's bundle is not a receipt, and a receipt is not a member's bundle.
    let member_v = verify(&file_bytes(&member, &p)).unwrap();
    assert!(matches!(read_receipt(&member_v, Some(&member.key_id()), "2026-017"), Err(ReceiptError::NotAReceipt { .. })));
    assert_eq!(
        classify_file(signed.text.as_bytes(), &roster, &MemoryInbox::default()),
        FileResult::Rejected(Rejection::WrongKind { kind: "staff-receipt".into() })
    );
}

#[test]
fn a_receipt_cannot_speak_for_the_member() {
    let staff_key = key(9);
    let mut status = ReceiptStatus { member_id: "2026-017".into(), received: vec![], updates: vec![] };
    status.updates.push(crate::domain::lifecycle::ProposalEvent {
        id: "x".into(),
        proposal_id: "p1".into(),
        at_ms: T,
        by: Actor::Member,
        kind: EventKind::Revised { new_rev: 2 },
    });
    let signed = sign_receipt(&committee(), &staff_key, &meta(2), &[status]).unwrap();
    let v = verify(signed.text.as_bytes()).unwrap();
    assert_eq!(
        read_receipt(&v, Some(&staff_key.key_id()), "2026-017"),
        Err(ReceiptError::BadItem { index: 0, problem: ItemProblem::Malformed })
    );
    // An entry whose id is not its member's, or of another type, is refused too.
    let mut payload = receipt_payload(&committee(), &staff_key, &meta(3), &[]);
    payload.items.push(Item {
        r#type: RECEIPT_STATUS.into(),
        id: "2026-999".into(),
        rev: 1,
        updated_at: payload.created_at.clone(),
        data: json!({"member_id": "2026-017", "received": [], "updates": []}),
    });
    let v = verify(sign(&staff_key, &payload).unwrap().text.as_bytes()).unwrap();
    assert_eq!(
        read_receipt(&v, Some(&staff_key.key_id()), "2026-017"),
        Err(ReceiptError::BadItem { index: 0, problem: ItemProblem::IdMismatch })
    );
}

#[test]
fn staff_keep_their_review_when_a_member_hands_a_proposal_in_again() {
    let received: Proposal = serde_json::from_value(proposal_data("p1", "2026-017", "submitted", 1)).unwrap();
    let mut stored = received.clone();
    stored.status = Status::Assigned;
    stored.filed_number = Some("〔2026〕第12号".into());
    stored.key_proposal = true;
    let mut again = received.clone();
    again.phone = "13800000000".into();
    let kept = reconcile_proposal(again.clone(), Some(&stored));
    assert_eq!((kept.status, kept.filed_number.as_deref(), kept.key_proposal), (Status::Assigned, Some("〔2026〕第12号"), true));
    assert_eq!(kept.phone, "13800000000");
    // A revised text (rev 2) is reviewed afresh.
    let mut revised: Proposal = serde_json::from_value(proposal_data("p1", "2026-017", "submitted", 2)).unwrap();
    revised.title = "关于加强农村饮用水安全保障的建议（修改稿）".into();
    assert_eq!(reconcile_proposal(revised.clone(), Some(&stored)), revised);
    assert_eq!(reconcile_proposal(received.clone(), None), received);
}

fn received(member_id: &str, name: &str, bundle_id: &str, at: i64) -> ReceivedBundle {
    ReceivedBundle { member_id: member_id.into(), name: name.into(), bundle_id: bundle_id.into(), received_ms: at }
}

fn action(id: &str, member_id: &str, proposal_id: &str, at: i64) -> super::review::StaffAction {
    super::review::StaffAction {
        id: id.into(),
        at_ms: at,
        staff_name: "刘芳".into(),
        proposal_id: proposal_id.into(),
        member_id: member_id.into(),
        event: crate::domain::lifecycle::ProposalEvent {
            id: id.into(),
            proposal_id: proposal_id.into(),
            at_ms: at,
            by: Actor::Staff,
            kind: EventKind::Filed { number: format!("〔2026〕第{at}号") },
        },
    }
}

#[test]
fn receipt_targets_are_the_members_who_handed_in_with_their_own_updates() {
    let bundles = [
        received("2026-021", "李明", "b3", T + 3),
        received("2026-017", "王秀兰", "b2", T + 2),
        received("2026-017", "王秀兰（更正）", "b1", T + 9),
        received("2026-017", "王秀兰", "b2", T + 2),
    ];
    let actions = [action("s1", "2026-017", "p1", 1), action("s2", "2026-017", "p2", 2), action("s3", "2026-099", "p9", 3)];
    let targets = receipt_targets(&bundles, &actions);
    assert_eq!(targets.len(), 2);
    assert_eq!(targets[0].member_id, "2026-017");
    assert_eq!(targets[0].name, "王秀兰（更正）");
    assert_eq!(targets[0].bundles, ["b1", "b2"]);
    assert_eq!(targets[0].updates, 2);
    assert_eq!((targets[1].name.as_str(), targets[1].updates), ("李明", 0));
    // A member with actions but no bundle received is not a target.
    assert!(targets.iter().all(|t| t.member_id != "2026-099"));
    assert!(receipt_targets(&[], &actions).is_empty());
}

#[test]
fn receipts_chain_by_seq_and_the_previous_payload_hash() {
    let first = next_meta(None, "r1".into(), T);
    assert_eq!((first.seq, first.prev.as_deref()), (1, None));
    let issued = IssuedReceipt {
        seq: 1,
        bundle_id: "r1".into(),
        payload_sha256: "ab".repeat(32),
        created_ms: T,
        for_all: false,
        member_ids: vec!["2026-017".into()],
        names: vec!["王秀兰".into()],
        file_name: "回执-王秀兰-2026-01-01.lvzhi.json".into(),
        bundles: 1,
        updates: 0,
    };
    assert!(continues(None, &issued, None));
    assert!(!continues(None, &issued, Some("cd")));
    let second = next_meta(Some(&issued), "r2".into(), T + 1);
    assert_eq!((second.seq, second.prev.as_deref()), (2, Some("ab".repeat(32).as_str())));
    let two = IssuedReceipt { seq: 2, bundle_id: "r2".into(), ..issued.clone() };
    assert!(continues(Some(&issued), &two, second.prev.as_deref()));
    // The same number twice, or a wrong prev, does not continue the chain.
    assert!(!continues(Some(&issued), &issued, second.prev.as_deref()));
    assert!(!continues(Some(&issued), &two, None));
}

#[test]
fn a_receipt_for_one_member_carries_only_theirs_and_one_for_all_carries_everyone() {
    let bundles = [received("2026-017", "王秀兰", "b1", T), received("2026-021", "李明", "b2", T)];
    let actions = [action("s1", "2026-017", "p1", 1), action("s2", "2026-021", "p7", 2)];
    let targets = receipt_targets(&bundles, &actions);
    let staff_key = key(9);
    let only = ["2026-017".to_string()];
    let (signed, issued) =
        issue(&committee(), &staff_key, &meta(1), &targets, &actions, Some(&only), "回执.lvzhi.json").unwrap().unwrap();
    assert_eq!((issued.seq, issued.for_all, issued.bundles, issued.updates), (1, false, 1, 1));
    assert_eq!(issued.names, ["王秀兰"]);
    assert_eq!(issued.payload_sha256, signed.payload_sha256);
    let v = verify(signed.text.as_bytes()).unwrap();
    assert_eq!(v.payload.items.len(), 1);
    let mine = read_receipt(&v, Some(&staff_key.key_id()), "2026-017").unwrap();
    assert_eq!((mine.received.as_slice(), mine.updates.len()), (["b1".to_string()].as_slice(), 1));
    assert_eq!(mine.updates[0].id, "s1");
    assert!(read_receipt(&v, Some(&staff_key.key_id()), "2026-021").unwrap().is_empty());

    let (signed, issued) = issue(&committee(), &staff_key, &meta(2), &targets, &actions, None, "x").unwrap().unwrap();
    assert_eq!((issued.for_all, issued.member_ids.len(), issued.bundles, issued.updates), (true, 2, 2, 2));
    let v = verify(signed.text.as_bytes()).unwrap();
    let theirs = read_receipt(&v, Some(&staff_key.key_id()), "2026-021").unwrap();
    assert_eq!(theirs.updates.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["s2"]);
    // Nobody chosen handed anything in: nothing to sign.
    assert!(issue(&committee(), &staff_key, &meta(3), &targets, &actions, Some(&["2026-555".to_string()]), "x").is_none());
}
