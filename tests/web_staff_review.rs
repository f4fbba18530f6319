#![cfg(target_arch = "wasm32")]
//! Staff review actions in real headless Chromium: 立案 numbers taken inside the write
//! transaction (in sequence per year, never twice, also from two connections at once), a
//! refused action that writes nothing, a member's later re-import that keeps staff's
//! status and number, and the history newest first. Run with `scripts/test-browser.sh`.

mod support;

use std::future::Future;
use std::task::Poll;

use serde_json::{json, Value};
use wasm_bindgen_test::*;

use lvzhi::bundle::payload::{attachment, rfc3339_utc, Item};
use lvzhi::bundle::{sign, verify, DeviceKey};
use lvzhi::domain::lifecycle::{AnswerClass, EventKind, EventType, NotFiledOutcome, Status, TransitionError};
use lvzhi::domain::proposal::{Proposal, ProposalLimits};
use lvzhi::staff::import::{classify, FileResult};
use lvzhi::staff::review::{ReviewError, StaffAction, Stamp};
use lvzhi::staff::roster::{MemberStatus, RosterEntry};
use lvzhi::store::staff::StaffItem;
use lvzhi::store::{stores, Db, ProposalInboxFilter};
use support::{finish, fresh_db, member_payload};

wasm_bindgen_test_configure!(run_in_browser);

const T: i64 = 1_767_225_600_000;
const MEMBER: &str = "QY-2026-017";

fn key() -> DeviceKey {
    DeviceKey::from_seed([7; 32])
}

fn proposal(id: &str, hand_in: u32, year: i32, title: &str) -> Item {
    let data = json!({
        "id": id, "rev": 1, "status": "submitted", "year": year, "created_ms": T, "updated_ms": T + i64::from(hand_in),
        "title": title, "category": "society",
        "proposer": {"name": "王秀兰", "member_id": MEMBER, "sector": "农业农村界"},
        "reasons": "枯水期断水。", "suggestions": "1. 管网延伸。", "attachment_ids": ["f1"],
    });
    Item { r#type: "proposal".into(), id: id.into(), rev: hand_in, updated_at: rfc3339_utc(T), data }
}

fn submitted_event(id: &str, proposal_id: &str) -> Item {
    let data = json!({"id": id, "proposal_id": proposal_id, "at_ms": T - 5, "by": "member", "kind": {"type": "submitted", "rev": 1}});
    Item { r#type: "proposal_event".into(), id: id.into(), rev: 1, updated_at: rfc3339_utc(T), data }
}

/// Signs a member bundle with `items`, classifies it against the database and stores it,
/// as the import page does.
async fn import(db: &Db, bundle: u8, seq: u64, items: Vec<Item>) {
    let k = key();
    let mut p = member_payload(&k, MEMBER, T, bundle, seq, items);
    if bundle == 1 {
        p.attachments.push(attachment("f1", "p1", "调研报告.pdf", "application/pdf", b"%PDF-1.4 test"));
    }
    let bytes = sign(&k, &p).expect("sign").text.into_bytes();
    let v = verify(&bytes).expect("verify");
    let roster = db.staff().roster().await.expect("roster");
    let inbox = db.staff().inbox_for(&v).await.expect("inbox");
    let FileResult::New(a) = classify(v, &roster, &inbox) else { panic!("expected a new file") };
    db.staff().store_accepted(&a, "member.lvzhi.json", T).await.expect("store");
}

async fn enrolled_db(tag: &str) -> Db {
    let db = fresh_db(tag).await;
    let k = key();
    let entry = RosterEntry {
        member_id: MEMBER.into(),
        name: "王秀兰".into(),
        sector: "农业农村界".into(),
        key_id: Some(k.key_id()),
        enrolled_ms: Some(T),
        status: MemberStatus::Active,
        previous_keys: vec![],
    };
    db.staff().save_member(&entry).await.expect("roster");
    db
}

fn item_key(id: &str) -> String {
    format!("{MEMBER}|proposal|{id}")
}

fn stamp(id: &str, now: i64) -> Stamp {
    Stamp { id: id.into(), happened_ms: now - 1000, now_ms: now, staff_name: "提案委 刘芳".into() }
}

async fn item(db: &Db, id: &str) -> StaffItem {
    db.staff().proposal(&item_key(id)).await.expect("get").expect("stored")
}

fn data(item: &StaffItem) -> Proposal {
    serde_json::from_value(item.data.clone()).expect("proposal")
}

async fn action_count(db: &Db) -> u32 {
    db.repo::<Value>(stores::STAFF_ACTIONS).count().await.expect("count")
}

/// Lets both futures run interleaved until both are done (no `futures` crate here).
async fn join2<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
    let (mut a, mut b) = (std::pin::pin!(a), std::pin::pin!(b));
    let (mut ra, mut rb) = (None, None);
    std::future::poll_fn(|cx| {
        if ra.is_none() {
            if let Poll::Ready(v) = a.as_mut().poll(cx) {
                ra = Some(v);
            }
        }
        if rb.is_none() {
            if let Poll::Ready(v) = b.as_mut().poll(cx) {
                rb = Some(v);
            }
        }
        if ra.is_some() && rb.is_some() { Poll::Ready(()) } else { Poll::Pending }
    })
    .await;
    (ra.expect("a"), rb.expect("b"))
}

fn filed() -> EventKind {
    // The caller's number is ignored: the store gives the next one.
    EventKind::Filed { number: "〔2026〕第99号".into() }
}

#[wasm_bindgen_test]
async fn filing_numbers_run_in_sequence_per_year_also_from_two_connections() {
    let db = enrolled_db("review-file").await;
    let items = vec![
        proposal("p1", 1, 2026, "关于农村饮水的建议"),
        proposal("p2", 1, 2026, "关于村级养老的建议"),
        proposal("p3", 1, 2026, "关于校车安全的建议"),
        proposal("p4", 1, 2026, "关于河道保洁的建议"),
        proposal("q1", 1, 2027, "关于明年的建议"),
    ];
    import(&db, 1, 1, items).await;
    let staff = db.staff();
    let limits = ProposalLimits::default();
    assert_eq!(staff.peek_filing_number(2026).await.expect("peek"), "〔2026〕第1号");

    let a = staff.review_proposal(&item_key("p1"), filed(), &stamp("a1", T + 10), &limits).await.expect("store").expect("filed");
    assert_eq!(a.event.kind, EventKind::Filed { number: "〔2026〕第1号".into() });
    assert_eq!((a.staff_name.as_str(), a.member_id.as_str(), a.proposal_id.as_str()), ("提案委 刘芳", MEMBER, "p1"));
    let a = staff.review_proposal(&item_key("p2"), filed(), &stamp("a2", T + 20), &limits).await.expect("store").expect("filed");
    assert_eq!(a.event.kind, EventKind::Filed { number: "〔2026〕第2号".into() });
    let p1 = item(&db, "p1").await;
    assert_eq!((p1.status.as_deref(), data(&p1).filed_number.as_deref()), (Some("filed"), Some("〔2026〕第1号")));
    assert_eq!(p1.updated_ms, T + 10, "the item moves to the top of the inbox");
    assert_eq!(data(&item(&db, "p2").await).filed_number.as_deref(), Some("〔2026〕第2号"));
    // The status index follows the data.
    let filter = ProposalInboxFilter { status: Some("filed".into()), ..Default::default() };
    let page = staff.proposals(&filter, None, 10).await.expect("inbox");
    assert_eq!(page.items.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["p2", "p1"]);

    // Another year starts at 1.
    let q = staff.review_proposal(&item_key("q1"), filed(), &stamp("a3", T + 30), &limits).await.expect("store").expect("filed");
    assert_eq!(q.event.kind, EventKind::Filed { number: "〔2027〕第1号".into() });
    assert_eq!(staff.peek_filing_number(2026).await.expect("peek"), "〔2026〕第3号");

    // Two tabs (two connections) filing at the same moment get two numbers.
    let other = Db::open(db.name()).await.expect("second connection");
    let (x, y) = join2(
        staff.review_proposal(&item_key("p3"), filed(), &stamp("b1", T + 40), &limits),
        other.staff().review_proposal(&item_key("p4"), filed(), &stamp("b2", T + 40), &limits),
    )
    .await;
    let mut numbers = [x, y].map(|r| match r.expect("store").expect("filed").event.kind {
        EventKind::Filed { number } => number,
        other => panic!("not a filing: {other:?}"),
    });
    numbers.sort();
    assert_eq!(numbers, ["〔2026〕第3号".to_string(), "〔2026〕第4号".to_string()]);
    drop(other);
    assert_eq!(action_count(&db).await, 5);
    finish(db).await;
}

#[wasm_bindgen_test]
async fn a_refused_action_writes_nothing() {
    let db = enrolled_db("review-refused").await;
    import(&db, 1, 1, vec![proposal("p1", 1, 2026, "关于农村饮水的建议")]).await;
    let staff = db.staff();
    let limits = ProposalLimits::default();
    let before = item(&db, "p1").await;

    // 交办 before 立案: not in the table.
    let assign = EventKind::Assigned { lead: vec!["县水利局".into()], assisting: vec![] };
    let r = staff.review_proposal(&item_key("p1"), assign, &stamp("x1", T + 10), &limits).await.expect("store");
    assert!(matches!(r, Err(ReviewError::Transition(TransitionError::NotAllowed { from: Status::Submitted, event: EventType::Assigned }))));
    // The member's own step.
    let r = staff.review_proposal(&item_key("p1"), EventKind::Revised { new_rev: 2 }, &stamp("x2", T + 11), &limits).await;
    assert_eq!(r.expect("store"), Err(ReviewError::MemberOnly(EventType::Revised)));
    assert_eq!(item(&db, "p1").await, before);
    assert_eq!(action_count(&db).await, 0);

    // Filed, then a second filing and an incomplete 交办 are refused and take no number.
    staff.review_proposal(&item_key("p1"), filed(), &stamp("a1", T + 20), &limits).await.expect("store").expect("filed");
    let after_filing = item(&db, "p1").await;
    let r = staff.review_proposal(&item_key("p1"), filed(), &stamp("x3", T + 30), &limits).await.expect("store");
    assert!(matches!(r, Err(ReviewError::Transition(TransitionError::NotAllowed { from: Status::Filed, .. }))));
    let empty = EventKind::Assigned { lead: vec![], assisting: vec![] };
    let r = staff.review_proposal(&item_key("p1"), empty, &stamp("x4", T + 31), &limits).await.expect("store");
    assert!(matches!(r, Err(ReviewError::Transition(TransitionError::BadEvent(_)))));
    assert_eq!(item(&db, "p1").await, after_filing);
    assert_eq!(action_count(&db).await, 1);
    assert_eq!(staff.peek_filing_number(2026).await.expect("peek"), "〔2026〕第2号");
    // An action on nothing stored is a store error, not a silent success.
    assert!(staff.review_proposal(&item_key("nope"), filed(), &stamp("x5", T + 32), &limits).await.is_err());
    assert_eq!(action_count(&db).await, 1);
    finish(db).await;
}

#[wasm_bindgen_test]
async fn a_member_re_import_after_filing_keeps_staff_status_and_number() {
    let db = enrolled_db("review-reimport").await;
    import(&db, 1, 1, vec![proposal("p1", 1, 2026, "关于农村饮水的建议"), submitted_event("e1", "p1")]).await;
    let staff = db.staff();
    let limits = ProposalLimits::default();
    staff.review_proposal(&item_key("p1"), filed(), &stamp("a1", T + 10), &limits).await.expect("store").expect("filed");
    let flags = EventKind::Flagged { key: true, excellent: false };
    staff.review_proposal(&item_key("p1"), flags, &stamp("a2", T + 20), &limits).await.expect("store").expect("flagged");

    // The member hands the same proposal in again (hand-in revision 2, still "submitted"
    // on the phone, which has not had a receipt yet).
    import(&db, 2, 2, vec![proposal("p1", 2, 2026, "关于农村饮水的建议")]).await;
    let p1 = item(&db, "p1").await;
    assert_eq!(p1.rev, 2, "the newer hand-in is stored");
    let p = data(&p1);
    assert_eq!((p1.status.as_deref(), p.status), (Some("filed"), Status::Filed));
    assert_eq!((p.filed_number.as_deref(), p.key_proposal), (Some("〔2026〕第1号"), true));
    let filter = ProposalInboxFilter { status: Some("filed".into()), ..Default::default() };
    assert_eq!(staff.proposals(&filter, None, 10).await.expect("inbox").items.len(), 1);
    // And review goes on from there.
    let assign = EventKind::Assigned { lead: vec!["县水利局".into()], assisting: vec!["县财政局".into()] };
    staff.review_proposal(&item_key("p1"), assign, &stamp("a3", T + 30), &limits).await.expect("store").expect("assigned");
    assert_eq!(item(&db, "p1").await.status.as_deref(), Some("assigned"));

    // The page's other reads: the member's events and the files by name.
    let events = staff.member_events(MEMBER, "p1").await.expect("events");
    assert_eq!(events.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["e1"]);
    assert!(staff.member_events(MEMBER, "p2").await.expect("events").is_empty());
    let files = staff.files_of(MEMBER, "p1").await.expect("files");
    assert_eq!(files.iter().map(|f| (f.name.as_str(), f.size)).collect::<Vec<_>>(), [("调研报告.pdf", 13)]);
    finish(db).await;
}

#[wasm_bindgen_test]
async fn the_history_is_newest_first_per_proposal() {
    let db = enrolled_db("review-history").await;
    import(&db, 1, 1, vec![proposal("p1", 1, 2026, "关于农村饮水的建议"), proposal("p2", 1, 2026, "关于养老的建议")]).await;
    let staff = db.staff();
    let limits = ProposalLimits::default();
    let steps = [
        ("a1", T + 10, EventKind::Filed { number: String::new() }),
        ("a2", T + 20, EventKind::Assigned { lead: vec!["县水利局".into()], assisting: vec![] }),
        ("a4", T + 30, EventKind::Answered { class: AnswerClass::B, date: "2026-06-30".into(), summary: "列入计划".into() }),
        // Recorded in the same millisecond: the id breaks the tie.
        ("a3", T + 30, EventKind::Flagged { key: false, excellent: true }),
    ];
    for (id, now, kind) in steps {
        staff.review_proposal(&item_key("p1"), kind, &stamp(id, now), &limits).await.expect("store").expect("recorded");
    }
    let not_filed = EventKind::NotFiled { reason: "属个人诉求".into(), turned_into: Some(NotFiledOutcome::Letter) };
    staff.review_proposal(&item_key("p2"), not_filed, &stamp("b1", T + 15), &limits).await.expect("store").expect("not filed");

    let history: Vec<StaffAction> = staff.actions_for("p1").await.expect("history");
    assert_eq!(history.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["a4", "a3", "a2", "a1"]);
    assert!(history.iter().all(|a| a.staff_name == "提案委 刘芳" && a.proposal_id == "p1"));
    assert_eq!(history[3].event.kind, EventKind::Filed { number: "〔2026〕第1号".into() });
    let other = staff.actions_for("p2").await.expect("history");
    assert_eq!(other.len(), 1);
    assert_eq!(item(&db, "p2").await.status.as_deref(), Some("not_filed"));
    assert!(staff.actions_for("p").await.expect("history").is_empty(), "an id prefix matches nothing");
    finish(db).await;
}
