#![cfg(target_arch = "wasm32")]
//! 提案线索 on real IndexedDB in headless Chromium: capture, newest-first paging and
//! delete; the optional photo stored and deleted with its clue in one transaction; the
//! photo handed over to the draft made from the clue; and the storage-full refusal
//! (a real `QuotaExceededError` DOMException) worded in Chinese. One fresh database per test.

use wasm_bindgen_test::*;

use lvzhi::domain::clue::Clue;
use lvzhi::i18n::Lang;
use lvzhi::store::{from_dom, from_js, AttachmentMeta, StoreError};

mod support;
use support::{finish, fresh_db, profile, blob, bytes_of};

wasm_bindgen_test_configure!(run_in_browser);

fn clue(id: &str, text: &str, at: i64) -> Clue {
    Clue::new(id.into(), text.into(), "桃源村委员议事室".into(), "2026-03-14".into(), 2026, at)
}



fn meta(id: &str, owner: &str, size: usize) -> AttachmentMeta {
    AttachmentMeta {
        id: id.into(),
        owner_id: owner.into(),
        name: "村口水井.jpg".into(),
        media_type: "image/jpeg".into(),
        size: size as u64,
        created_ms: 10,
    }
}

fn photo_bytes() -> Vec<u8> {
    let mut v = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F'];
    v.extend((0..=255u8).cycle().take(50_000));
    v
}

const THUMB: [u8; 6] = [0xFF, 0xD8, 0xFF, 7, 8, 9];

#[wasm_bindgen_test]
async fn clues_are_added_listed_newest_first_paged_and_deleted() {
    let db = fresh_db("clues").await;
    let store = db.clues();
    let texts = ["村民反映：枯水期山泉水断流。", "路灯坏了😀", "𠀀字村的桥要修"];
    for (i, text) in (1i64..).zip(texts) {
        store.save(&clue(&format!("c{i}"), text, i * 100)).await.unwrap();
    }
    let first = store.list(None, 2).await.unwrap();
    let ids: Vec<&str> = first.items.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, vec!["c3", "c2"], "newest first, a page at a time");
    assert_eq!(first.items[0].text, "𠀀字村的桥要修", "rare characters round-trip");
    let rest = store.list(first.next, 2).await.unwrap();
    assert_eq!(rest.items.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), vec!["c1"]);
    assert!(rest.next.is_none());

    store.delete("c2").await.unwrap();
    store.delete("never-there").await.unwrap();
    assert_eq!(store.get("c2").await.unwrap(), None);
    let left = store.list(None, 10).await.unwrap();
    assert_eq!(left.items.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), vec!["c3", "c1"]);
    finish(db).await;
}

#[wasm_bindgen_test]
async fn a_photo_is_stored_with_its_clue_kept_by_saves_and_deleted_with_it() {
    let db = fresh_db("clues-photo").await;
    let store = db.clues();
    let photo = photo_bytes();
    // The owner in `meta` is ignored: the photo belongs to the clue it is stored with.
    let stored = store
        .add_with_photo(&clue("c1", "井水浑浊", 100), &meta("ph1", "someone-else", photo.len()), &blob(&photo, ""), &blob(&THUMB, ""))
        .await
        .unwrap();
    assert_eq!(stored.photo_id.as_deref(), Some("ph1"));
    assert_eq!(store.get("c1").await.unwrap(), Some(stored.clone()));
    let full = store.photo("ph1", false).await.unwrap().expect("photo");
    assert_eq!((full.type_(), bytes_of(&full).await), ("image/jpeg".to_string(), photo.clone()), "byte for byte, typed");
    let small = store.photo("ph1", true).await.unwrap().expect("thumbnail");
    assert_eq!((small.type_(), bytes_of(&small).await), ("image/jpeg".to_string(), THUMB.to_vec()));
    let owned = db.attachments().list("c1").await.unwrap();
    assert_eq!(owned.iter().map(|m| (m.id.as_str(), m.owner_id.as_str())).collect::<Vec<_>>(), vec![("ph1", "c1")]);

    // A save of an older copy (without the photo) does not drop it.
    store.save(&clue("c1", "井水浑浊，已两周", 200)).await.unwrap();
    let after = store.get("c1").await.unwrap().unwrap();
    assert_eq!((after.text.as_str(), after.photo_id.as_deref()), ("井水浑浊，已两周", Some("ph1")));

    // Storing a photo under a clue id already taken is refused, and changes nothing.
    let again = store.add_with_photo(&clue("c1", "另一张", 300), &meta("ph2", "c1", 3), &blob(b"abc", ""), &blob(&THUMB, "")).await;
    assert!(matches!(again, Err(StoreError::Constraint { .. })), "{again:?}");
    assert_eq!(store.photo("ph2", false).await.unwrap(), None);
    assert_eq!(store.get("c1").await.unwrap().unwrap().text, "井水浑浊，已两周");

    // Another clue's photo is untouched by the delete.
    store.add_with_photo(&clue("c2", "桥", 400), &meta("ph3", "c2", 3), &blob(b"xyz", ""), &blob(&THUMB, "")).await.unwrap();
    store.delete("c1").await.unwrap();
    assert_eq!(store.get("c1").await.unwrap(), None);
    assert_eq!(store.photo("ph1", false).await.unwrap(), None, "the photo went with its clue");
    assert!(db.attachments().list("c1").await.unwrap().is_empty());
    assert!(store.photo("ph3", true).await.unwrap().is_some());
    finish(db).await;
}

#[wasm_bindgen_test]
async fn a_draft_made_from_a_clue_takes_its_photo_and_keeps_it_when_the_clue_goes() {
    let db = fresh_db("clues-draft").await;
    let store = db.clues();
    let photo = photo_bytes();
    let c = store
        .add_with_photo(&clue("c1", "村民反映：枯水期山泉水断流", 100), &meta("ph1", "c1", photo.len()), &blob(&photo, ""), &blob(&THUMB, ""))
        .await
        .unwrap();

    let draft = c.to_proposal_draft("p1".into(), &profile(), 500, 2026);
    let mut linked = c.clone();
    linked.link_proposal(draft.id.clone(), 500);
    let stored = store.draft_proposal(&linked, &draft).await.unwrap();
    assert_eq!(stored.attachment_ids, vec!["ph1".to_string()], "the photo is the draft's first attachment");
    let p = db.proposals().get("p1").await.unwrap().expect("draft stored");
    assert_eq!((p.attachment_ids.clone(), p.clue_id.as_deref()), (vec!["ph1".to_string()], Some("c1")));
    let listed = db.attachments().list("p1").await.unwrap();
    assert_eq!(listed.iter().map(|m| (m.id.as_str(), m.owner_id.as_str())).collect::<Vec<_>>(), vec![("ph1", "p1")]);
    let file = db.attachments().get_blob("ph1").await.unwrap().expect("the draft's file");
    assert_eq!(bytes_of(&file).await, photo);
    let back = store.get("c1").await.unwrap().unwrap();
    assert_eq!((back.proposal_id.as_deref(), back.photo_id.as_deref()), (Some("p1"), Some("ph1")), "still shown on the clue");

    // A second draft from the same clue (a double tap) is refused.
    let twice = c.to_proposal_draft("p2".into(), &profile(), 600, 2026);
    let refused = store.draft_proposal(&linked, &twice).await;
    assert!(matches!(refused, Err(StoreError::Constraint { .. })), "{refused:?}");
    assert_eq!(db.proposals().get("p2").await.unwrap(), None);

    // Deleting the clue leaves the draft and the photo it now owns.
    store.delete("c1").await.unwrap();
    assert_eq!(store.get("c1").await.unwrap(), None);
    assert!(db.attachments().get_blob("ph1").await.unwrap().is_some());
    assert_eq!(db.proposals().get("p1").await.unwrap().unwrap().attachment_ids, vec!["ph1".to_string()]);
    finish(db).await;
}

#[wasm_bindgen_test]
async fn a_clue_whose_draft_was_deleted_shows_no_photo_and_deletes_cleanly() {
    let db = fresh_db("clues-gone").await;
    let store = db.clues();
    let c = store.add_with_photo(&clue("c1", "修桥", 100), &meta("ph1", "c1", 3), &blob(b"abc", ""), &blob(&THUMB, "")).await.unwrap();
    let draft = c.to_proposal_draft("p1".into(), &profile(), 500, 2026);
    let mut linked = c.clone();
    linked.link_proposal(draft.id.clone(), 500);
    store.draft_proposal(&linked, &draft).await.unwrap();
    db.proposals().delete_draft("p1").await.unwrap();
    assert_eq!(store.photo("ph1", true).await.unwrap(), None, "gone with the draft that owned it");
    store.delete("c1").await.unwrap();
    assert_eq!(store.get("c1").await.unwrap(), None);
    finish(db).await;
}

/// The browser's "disk full" is a DOMException named QuotaExceededError; a real one must
/// become `QuotaExceeded` and the member must read the Chinese sentence for it, whether it
/// arrives as a DOMException or as the thrown JS value of a failed request.
#[wasm_bindgen_test]
fn a_quota_exceeded_dom_exception_is_said_in_chinese() {
    let e = web_sys::DomException::new_with_message_and_name("The quota has been exceeded.", "QuotaExceededError")
        .expect("DOMException");
    assert_eq!(e.name(), "QuotaExceededError");
    assert_eq!(from_dom("put", &e), StoreError::QuotaExceeded);
    assert_eq!(from_js("put", &e.clone().into()), StoreError::QuotaExceeded);

    let zh = Lang::Zh.texts();
    let said = lvzhi::ui::store_error_text(zh, &StoreError::QuotaExceeded);
    assert_eq!(said, "手机存储空间不足，无法保存。请清理手机空间后重试。");
    assert!((zh.save_failed)(said).contains("手机存储空间不足"));
    assert_ne!(lvzhi::ui::store_error_text(Lang::En.texts(), &StoreError::QuotaExceeded), said);

    // Other names are not mistaken for a full disk.
    let other = web_sys::DomException::new_with_message_and_name("dup", "ConstraintError").expect("DOMException");
    assert!(matches!(from_dom("add", &other), StoreError::Constraint { .. }));
    let plain = web_sys::DomException::new_with_message_and_name("x", "UnknownError").expect("DOMException");
    let failed = from_js("put", &plain.into());
    assert!(matches!(failed, StoreError::Failed { .. }), "{failed:?}");
    assert_eq!(lvzhi::ui::store_error_text(zh, &failed), zh.store_failed);
}
