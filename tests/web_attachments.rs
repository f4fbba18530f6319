#![cfg(target_arch = "wasm32")]
//! Attachments on real IndexedDB in headless Chromium: Blobs stored and read back byte
//! for byte, listed by owner without their bytes, the proposal's `attachment_ids` changed
//! in the same transaction, frozen proposals refusing, and editor saves that cannot undo
//! an attachment. One fresh database per test.

use wasm_bindgen_test::*;

use lvzhi::domain::lifecycle::{record, Actor, EventKind, ProposalEvent, Status};
use lvzhi::domain::proposal::{Category, Proposal, ProposalLimits};
use lvzhi::store::{AttachmentMeta, StoreError};

mod support;
use support::{finish, fresh_db, profile, bytes_of};

wasm_bindgen_test_configure!(run_in_browser);

fn draft(id: &str) -> Proposal {
    let mut p = Proposal::new_draft(id.into(), &profile(), 1_000, 2026);
    p.title = "关于村级饮用水管网改造的建议".into();
    p.category = Some(Category::Society);
    p.reasons = "管网老化。".into();
    p.suggestions = "1. 更新管网".into();
    p
}

fn blob(bytes: &[u8]) -> web_sys::Blob {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::Blob::new_with_u8_array_sequence(&parts).expect("blob")
}


fn meta(id: &str, owner: &str, name: &str, media_type: &str, size: usize, at: i64) -> AttachmentMeta {
    AttachmentMeta {
        id: id.into(),
        owner_id: owner.into(),
        name: name.into(),
        media_type: media_type.into(),
        size: size as u64,
        created_ms: at,
    }
}

/// Bytes that are not text: every byte value, then a JPEG-like header.
fn photo_bytes() -> Vec<u8> {
    let mut v: Vec<u8> = (0..=255u8).collect();
    v.extend_from_slice(&[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F']);
    v.extend(std::iter::repeat_n(0xA5u8, 70_000));
    v
}

#[wasm_bindgen_test]
async fn adds_lists_reads_back_and_deletes_with_the_proposal_in_step() {
    let db = fresh_db("att").await;
    let proposals = db.proposals();
    let attachments = db.attachments();
    proposals.save(&draft("p1"), false, 0).await.unwrap();
    proposals.save(&draft("p2"), false, 0).await.unwrap();

    let photo = photo_bytes();
    let pdf = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n".to_vec();
    // Added newest id first, so the list's order must come from created_ms.
    let m_photo = meta("zz-photo", "p1", "村口水井 𠀀 照片😀.jpg", "image/jpeg", photo.len(), 10);
    let m_pdf = meta("aa-pdf", "p1", "scan.pdf", "application/pdf", pdf.len(), 20);
    let after_first = attachments.add(&m_photo, &blob(&photo)).await.unwrap();
    assert_eq!(after_first.attachment_ids, vec!["zz-photo".to_string()]);
    attachments.add(&m_pdf, &blob(&pdf)).await.unwrap();
    attachments.add(&meta("other", "p2", "b.png", "image/png", 3, 5), &blob(b"png")).await.unwrap();

    let listed = attachments.list("p1").await.unwrap();
    assert_eq!(listed, vec![m_photo.clone(), m_pdf.clone()], "oldest first, exact meta, only p1's");
    assert_eq!(proposals.get("p1").await.unwrap().unwrap().attachment_ids, vec!["zz-photo", "aa-pdf"]);

    let back = attachments.get_blob("zz-photo").await.unwrap().expect("stored blob");
    assert_eq!(back.type_(), "image/jpeg", "stored under the checked type");
    assert_eq!(back.size() as usize, photo.len());
    assert_eq!(bytes_of(&back).await, photo, "byte-exact");
    let back_pdf = attachments.get_blob("aa-pdf").await.unwrap().unwrap();
    assert_eq!(bytes_of(&back_pdf).await, pdf);
    assert!(attachments.get_blob("missing").await.unwrap().is_none());

    attachments.delete("zz-photo").await.unwrap();
    assert_eq!(attachments.list("p1").await.unwrap(), vec![m_pdf]);
    assert!(attachments.get_blob("zz-photo").await.unwrap().is_none());
    let p1 = proposals.get("p1").await.unwrap().unwrap();
    assert_eq!(p1.attachment_ids, vec!["aa-pdf"]);
    assert_eq!(p1.title, draft("p1").title, "only attachment_ids changed");
    attachments.delete("zz-photo").await.unwrap();
    assert_eq!(attachments.list("p2").await.unwrap().len(), 1, "other owners untouched");

    // Deleting the draft takes its files with it.
    proposals.delete_draft("p1").await.unwrap();
    assert!(attachments.list("p1").await.unwrap().is_empty());
    assert!(attachments.get_blob("aa-pdf").await.unwrap().is_none());
    finish(db).await;
}

#[wasm_bindgen_test]
async fn an_editor_save_with_a_stale_copy_keeps_the_attachments_and_the_typed_text() {
    let db = fresh_db("att-stale").await;
    let proposals = db.proposals();
    let opened = draft("p1");
    proposals.save(&opened, false, 0).await.unwrap();

    // Attached while the editor holds `opened` (no ids)…
    db.attachments().add(&meta("a1", "p1", "一.jpg", "image/jpeg", 3, 1), &blob(b"abc")).await.unwrap();
    // …then the editor autosaves its copy with new text.
    let mut typed = opened.clone();
    typed.reasons = "管网老化，枯水期断水。𠀀".into();
    typed.updated_ms = 2_000;
    proposals.save(&typed, true, 2_000).await.unwrap();

    let stored = proposals.get("p1").await.unwrap().unwrap();
    assert_eq!(stored.reasons, typed.reasons, "typed text saved");
    assert_eq!(stored.attachment_ids, vec!["a1"], "attachment kept");

    // Submitting from the same stale copy keeps them too.
    let mut submitted = typed.clone();
    let event = ProposalEvent {
        id: "e1".into(),
        proposal_id: "p1".into(),
        at_ms: 3_000,
        by: Actor::Member,
        kind: EventKind::Submitted { rev: 1 },
    };
    record(&mut submitted, &event, &ProposalLimits::default(), 3_000).unwrap();
    proposals.record_event(&submitted, &event).await.unwrap();
    let stored = proposals.get("p1").await.unwrap().unwrap();
    assert_eq!(stored.status, Status::Submitted);
    assert_eq!(stored.attachment_ids, vec!["a1"]);
    finish(db).await;
}

#[wasm_bindgen_test]
async fn frozen_proposals_refuse_adding_and_removing() {
    let db = fresh_db("att-frozen").await;
    let proposals = db.proposals();
    let attachments = db.attachments();
    let mut p = draft("p1");
    proposals.save(&p, false, 0).await.unwrap();
    attachments.add(&meta("a1", "p1", "一.jpg", "image/jpeg", 3, 1), &blob(b"abc")).await.unwrap();

    let event = ProposalEvent {
        id: "e1".into(),
        proposal_id: "p1".into(),
        at_ms: 3_000,
        by: Actor::Member,
        kind: EventKind::Submitted { rev: 1 },
    };
    p = proposals.get("p1").await.unwrap().unwrap();
    record(&mut p, &event, &ProposalLimits::default(), 3_000).unwrap();
    proposals.record_event(&p, &event).await.unwrap();

    let add = attachments.add(&meta("a2", "p1", "二.jpg", "image/jpeg", 3, 2), &blob(b"def")).await;
    assert!(matches!(add, Err(StoreError::Constraint { .. })), "{add:?}");
    let delete = attachments.delete("a1").await;
    assert!(matches!(delete, Err(StoreError::Constraint { .. })), "{delete:?}");

    // Nothing changed: both refusals rolled back.
    assert_eq!(attachments.list("p1").await.unwrap().iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), vec!["a1"]);
    assert!(attachments.get_blob("a2").await.unwrap().is_none());
    assert_eq!(proposals.get("p1").await.unwrap().unwrap().attachment_ids, vec!["a1"]);
    assert_eq!(bytes_of(&attachments.get_blob("a1").await.unwrap().unwrap()).await, b"abc");

    // A proposal that does not exist gets no attachment.
    let orphan = attachments.add(&meta("a3", "nope", "x.jpg", "image/jpeg", 3, 3), &blob(b"xyz")).await;
    assert!(matches!(orphan, Err(StoreError::Constraint { .. })), "{orphan:?}");
    assert!(attachments.get_blob("a3").await.unwrap().is_none());
    finish(db).await;
}
