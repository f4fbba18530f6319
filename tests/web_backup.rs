#![cfg(target_arch = "wasm32")]
//! Backup and restore of the whole database on real IndexedDB: a snapshot restored into a
//! fresh database gives back every record and every Blob byte; restoring into a database
//! with data merges by key without duplicates, the newer record winning; docs from a newer
//! app are refused with nothing written.

use std::collections::BTreeMap;

use serde_json::{json, Value};
use wasm_bindgen_test::*;

use lvzhi::bundle::backup::{open_doc, seal_doc, BackupBlob, BackupDoc, DocProblem, FileError, DOC_FORMAT};
use lvzhi::bundle::seal::{SealError, SealParams};
use lvzhi::domain::duty::{DutyKind, DutyLog};
use lvzhi::domain::proposal::{Category, Proposal};
use lvzhi::store::backup::{restore, snapshot, BackupError, RestoreReport};
use lvzhi::store::{stores, AttachmentMeta, Db, SCHEMA};

mod support;
use support::{finish, fresh_db, profile, blob, bytes_of};

wasm_bindgen_test_configure!(run_in_browser);

const SMALL: SealParams = SealParams { m_cost_kib: 1024, t_cost: 1, p_cost: 1 };



fn meta(id: &str, owner: &str, media_type: &str, size: usize, at: i64) -> AttachmentMeta {
    AttachmentMeta { id: id.into(), owner_id: owner.into(), name: format!("{id}.bin"), media_type: media_type.into(), size: size as u64, created_ms: at }
}

async fn put_json(db: &Db, store: &str, records: &[Value]) {
    let tx = db.write_tx(&[store]).expect("tx");
    for r in records {
        tx.put(store, r).expect("put");
    }
    tx.commit().await.expect("commit");
}

const PHOTO: &[u8] = &[0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0, 255, 0xff, 0xd9];
const THUMB: &[u8] = &[0xff, 0xd8, 9, 9, 0xff, 0xd9];
const PDF: &[u8] = b"%PDF-1.4 \x00\x01 binary";

/// A database with records in every store but `meta`, Blobs with and without thumbnails.
async fn filled(tag: &str) -> Db {
    let db = fresh_db(tag).await;
    db.profile().save(&profile(), 1_000).await.expect("profile");
    db.settings().set("lang", "zh").await.expect("lang");
    let mut p = Proposal::new_draft("p1".into(), &profile(), 1_000, 2026);
    p.title = "关于村级饮用水管网改造的建议".into();
    p.category = Some(Category::Society);
    p.rev = 2;
    db.proposals().save(&p, true, 2_000).await.expect("proposal");
    db.attachments().add(&meta("a1", "p1", "application/pdf", PDF.len(), 3_000), &blob(PDF, "")).await.expect("file");
    let log = DutyLog::new("d1".into(), DutyKind::ALL[0], "2026-05-04".into(), 2026, 4_000);
    db.duty().save(&log).await.expect("log");
    db.duty().add_photo("d1", &meta("ph1", "d1", "image/jpeg", PHOTO.len(), 5_000), &blob(PHOTO, ""), &blob(THUMB, "image/jpeg")).await.expect("photo");
    put_json(&db, stores::PROPOSAL_EVENTS, &[json!({ "id": "e1", "proposal_id": "p1", "at_ms": 6_000, "kind": "submitted", "rev": 1 })]).await;
    put_json(&db, stores::PROPOSAL_REVISIONS, &[json!({ "id": "p1#1", "proposal_id": "p1", "rev": 1, "saved_ms": 1_500, "title": "旧案由" })]).await;
    put_json(&db, stores::SENTIMENT_REPORTS, &[json!({ "id": "s1", "year": 2026, "status": "draft", "updated_ms": 7_000, "title": "社情" })]).await;
    put_json(&db, stores::CLUES, &[json!({ "id": "c1", "year": 2026, "updated_ms": 8_000, "text": "线索 𠀀", "tags": ["水", 1.5, null, true] })]).await;
    put_json(&db, stores::KEYS, &[json!({ "id": "device", "device_id": "dev-1", "public_key": "pk", "key_id": "kid-1", "created_ms": 9_000, "seed": "c2VlZA==" })]).await;
    put_json(&db, stores::SENT_BUNDLES, &[json!({ "id": "b1", "seq": 1, "created_ms": 10_000, "payload_sha256": "00", "file_name": "f.json", "size": 10, "items": [] })]).await;
    put_json(&db, stores::INBOX, &[json!({ "id": "i1", "received_ms": 11_000, "member_id": "m1", "key_id": "k", "bundle_id": "b", "payload_sha256": "ab" })]).await;
    put_json(&db, stores::ROSTER, &[json!({ "member_id": "m1", "key_id": "k", "sector": "农业农村界", "name": "张三" })]).await;
    put_json(&db, stores::YEAR_REPORTS, &[json!({ "id": "2026", "year": 2026, "updated_ms": 12_000, "text": "年度报告" })]).await;
    // The staff stores of schema v3 (a staff desk's database is backed up the same way).
    put_json(&db, stores::STAFF_ITEMS, &[json!({ "key": "m1|duty_log|d1", "type": "duty_log", "member_id": "m1", "updated_ms": 13_000, "rev": 1, "data": { "id": "d1" } })]).await;
    put_json(&db, stores::STAFF_PENDING, &[json!({ "payload_sha256": "cd", "received_ms": 14_000, "text": "{}" })]).await;
    put_json(&db, stores::STAFF_ACTIONS, &[json!({ "id": "x1", "proposal_id": "p1", "at_ms": 15_000 })]).await;
    put_json(&db, stores::STAFF_FILES, &[json!({ "key": "m1|a1", "member_id": "m1", "owner_id": "d1", "received_ms": 16_000 })]).await;
    db
}

/// Blobs in a stable order, for comparing two snapshots.
fn sorted_blobs(doc: &BackupDoc) -> Vec<BackupBlob> {
    let mut b = doc.blobs.clone();
    b.sort_by_key(|b| (b.store.clone(), b.record_id.to_string(), b.field.clone()));
    b
}

#[wasm_bindgen_test]
async fn a_snapshot_restored_into_a_fresh_database_gives_back_every_record_and_byte() {
    let source = filled("backup-src").await;
    let doc = snapshot(&source, 1_800_000_000_000).await.expect("snapshot");
    assert_eq!(doc.format, DOC_FORMAT);
    assert_eq!(doc.created_at, "2027-01-15T08:00:00.000Z");
    assert_eq!(doc.schema_version, SCHEMA.version());
    let mut expected: Vec<&str> = SCHEMA.store_names().into_iter().filter(|s| *s != stores::META).collect();
    expected.sort_unstable();
    assert_eq!(doc.stores.keys().map(String::as_str).collect::<Vec<_>>(), expected, "every store but meta");
    for (store, records) in &doc.stores {
        assert!(!records.is_empty(), "{store} has records");
    }
    assert_eq!(doc.blobs.len(), 3, "the file, the photo and its thumbnail");
    let files = &doc.stores[stores::ATTACHMENTS];
    assert!(files.iter().all(|r| r.get("blob").is_none() && r.get("thumb").is_none()), "no Blob inside record JSON");

    // Through the file format and back, as the app does.
    let text = seal_doc(&doc, "备份口令十分安全", [3; 16], [4; 12], SMALL).expect("seal");
    let doc = open_doc(&text, "备份口令十分安全").expect("open");

    let target = fresh_db("backup-dst").await;
    let report = restore(&target, &doc).await.expect("restore");
    let total = u32::try_from(doc.record_count()).unwrap();
    assert_eq!(report, RestoreReport { added: total, replaced: 0, kept: 0, unchanged: 0 });

    let again = snapshot(&target, 1_800_000_000_000).await.expect("snapshot of the copy");
    assert_eq!(again.stores, doc.stores, "every record of every store, deep-equal");
    assert_eq!(sorted_blobs(&again), sorted_blobs(&doc));

    // Read back through the app's own APIs: typed records and Blob bytes with their types.
    assert_eq!(target.profile().get().await.unwrap(), Some(profile()));
    let p = target.proposals().get("p1").await.unwrap().expect("proposal");
    assert_eq!((p.rev, p.attachment_ids.clone()), (2, vec!["a1".to_string()]));
    let file = target.attachments().get_blob("a1").await.unwrap().expect("file");
    assert_eq!((bytes_of(&file).await, file.type_()), (PDF.to_vec(), "application/pdf".to_string()));
    let photo = target.duty().photo("ph1", false).await.unwrap().expect("photo");
    let thumb = target.duty().photo("ph1", true).await.unwrap().expect("thumb");
    assert_eq!(bytes_of(&photo).await, PHOTO);
    assert_eq!((bytes_of(&thumb).await, thumb.type_()), (THUMB.to_vec(), "image/jpeg".to_string()));
    assert_eq!(target.duty().get("d1").await.unwrap().expect("log").photo_ids, vec!["ph1".to_string()]);
    assert_eq!(target.handoff().key().await.unwrap().expect("key").key_id, "kid-1");
    assert_eq!(target.handoff().last_sent().await.unwrap().expect("sent").seq, 1);

    // Restoring the same file again changes nothing and adds nothing.
    let report = restore(&target, &doc).await.expect("again");
    assert_eq!(report, RestoreReport { added: 0, replaced: 0, kept: 0, unchanged: total });
    assert_eq!(snapshot(&target, 1_800_000_000_000).await.unwrap().stores, doc.stores);
    finish(source).await;
    finish(target).await;
}

fn doc_with(stores: &[(&str, Vec<Value>)]) -> BackupDoc {
    BackupDoc {
        format: DOC_FORMAT.into(),
        created_at: "2026-11-25T08:00:00Z".into(),
        schema_version: SCHEMA.version(),
        stores: stores.iter().map(|(s, r)| (s.to_string(), r.clone())).collect::<BTreeMap<_, _>>(),
        blobs: Vec::new(),
    }
}

async fn records(db: &Db, store: &str) -> Vec<Value> {
    snapshot(db, 0).await.expect("snapshot").stores.remove(store).unwrap_or_default()
}

fn field<'a>(records: &'a [Value], key: &str, id: &str, name: &str) -> &'a Value {
    records.iter().find(|r| r[key] == json!(id)).map_or(&Value::Null, |r| &r[name])
}

#[wasm_bindgen_test]
async fn restoring_into_a_database_with_data_merges_by_key_and_the_newer_wins() {
    let db = fresh_db("backup-merge").await;
    put_json(&db, stores::CLUES, &[
        json!({ "id": "c1", "year": 2026, "updated_ms": 20, "text": "本机较新" }),
        json!({ "id": "c2", "year": 2026, "updated_ms": 5, "text": "本机较旧" }),
        json!({ "id": "c4", "year": 2026, "updated_ms": 5, "text": "只在本机" }),
    ]).await;
    put_json(&db, stores::PROPOSALS, &[json!({ "id": "p1", "rev": 3, "updated_ms": 1, "year": 2026, "status": "draft", "title": "第三版" })]).await;
    put_json(&db, stores::KEYS, &[json!({ "id": "device", "device_id": "new-phone", "key_id": "kid-new", "created_ms": 1 })]).await;
    put_json(&db, stores::SETTINGS, &[json!({ "key": "lang", "value": "en" })]).await;
    put_json(&db, stores::SENT_BUNDLES, &[json!({ "id": "here-1", "seq": 1, "created_ms": 1 })]).await;

    let doc = doc_with(&[
        (stores::CLUES, vec![
            json!({ "id": "c1", "year": 2026, "updated_ms": 10, "text": "备份较旧" }),
            json!({ "id": "c2", "year": 2026, "updated_ms": 30, "text": "备份较新" }),
            json!({ "id": "c3", "year": 2026, "updated_ms": 1, "text": "只在备份" }),
        ]),
        // A later revision wins even with an older time; an earlier one loses to it.
        (stores::PROPOSALS, vec![
            json!({ "id": "p1", "rev": 2, "updated_ms": 99, "year": 2026, "status": "draft", "title": "第二版" }),
            json!({ "id": "p2", "rev": 1, "updated_ms": 99, "year": 2026, "status": "draft", "title": "新提案" }),
        ]),
        (stores::PROPOSAL_EVENTS, vec![json!({ "id": "e1", "proposal_id": "p2", "at_ms": 7 })]),
        // The device's own key stays, even if the backup's is newer.
        (stores::KEYS, vec![json!({ "id": "device", "device_id": "old-phone", "key_id": "kid-old", "created_ms": 50 })]),
        (stores::SETTINGS, vec![json!({ "key": "lang", "value": "zh" }), json!({ "key": "score_preset", "value": "a" })]),
        // seq 1 is taken here by another bundle: that record stays out, seq 2 comes in.
        (stores::SENT_BUNDLES, vec![json!({ "id": "old-1", "seq": 1, "created_ms": 0 }), json!({ "id": "old-2", "seq": 2, "created_ms": 0 })]),
    ]);
    let report = restore(&db, &doc).await.expect("restore");
    // added: c3, p2, e1, score_preset, old-2; replaced: c2; kept: c1, p1, key, lang, old-1.
    assert_eq!(report, RestoreReport { added: 5, replaced: 1, kept: 5, unchanged: 0 });

    let clues = records(&db, stores::CLUES).await;
    assert_eq!(clues.len(), 4, "no duplicates: {clues:?}");
    assert_eq!(field(&clues, "id", "c1", "text"), "本机较新");
    assert_eq!(field(&clues, "id", "c2", "text"), "备份较新");
    assert_eq!(field(&clues, "id", "c3", "text"), "只在备份");
    assert_eq!(field(&clues, "id", "c4", "text"), "只在本机");
    let proposals = records(&db, stores::PROPOSALS).await;
    assert_eq!(proposals.len(), 2);
    assert_eq!(field(&proposals, "id", "p1", "title"), "第三版");
    assert_eq!(field(&records(&db, stores::KEYS).await, "id", "device", "key_id"), "kid-new");
    let settings = records(&db, stores::SETTINGS).await;
    assert_eq!(field(&settings, "key", "lang", "value"), "en");
    assert_eq!(field(&settings, "key", "score_preset", "value"), "a");
    let sent = records(&db, stores::SENT_BUNDLES).await;
    assert_eq!(sent.iter().map(|r| r["id"].as_str().unwrap_or("")).collect::<Vec<_>>(), vec!["here-1", "old-2"]);

    // Once more: everything is either the same or kept, nothing added.
    let report = restore(&db, &doc).await.expect("again");
    assert_eq!((report.added, report.replaced), (0, 0));
    assert_eq!(records(&db, stores::CLUES).await.len(), 4);
    finish(db).await;
}

#[wasm_bindgen_test]
async fn docs_from_a_newer_app_or_contradicting_themselves_are_refused_with_nothing_written() {
    let db = fresh_db("backup-refuse").await;
    let clue = json!({ "id": "c1", "year": 2026, "updated_ms": 1, "text": "不该写入" });

    let unknown = doc_with(&[(stores::CLUES, vec![clue.clone()]), ("photos_v2", vec![json!({ "id": "x" })])]);
    assert_eq!(restore(&db, &unknown).await, Err(BackupError::Doc(DocProblem::UnknownStore("photos_v2".into()))));
    let mut meta = doc_with(&[(stores::CLUES, vec![clue.clone()])]);
    meta.stores.insert(stores::META.into(), vec![json!({ "key": "data_version", "value": 9 })]);
    assert_eq!(restore(&db, &meta).await, Err(BackupError::Doc(DocProblem::UnknownStore("meta".into()))));

    let mut newer = doc_with(&[(stores::CLUES, vec![clue.clone()])]);
    newer.schema_version = SCHEMA.version() + 1;
    assert_eq!(
        restore(&db, &newer).await,
        Err(BackupError::Doc(DocProblem::NewerSchema { theirs: SCHEMA.version() + 1, ours: SCHEMA.version() }))
    );

    let mut orphan = doc_with(&[(stores::CLUES, vec![clue.clone()])]);
    orphan.blobs.push(BackupBlob::new(stores::ATTACHMENTS, json!("nope"), "blob", "image/jpeg", b"x"));
    assert!(matches!(restore(&db, &orphan).await, Err(BackupError::Doc(DocProblem::Damaged(_)))));
    let keyless = doc_with(&[(stores::CLUES, vec![clue.clone(), json!({ "text": "没有 id" })])]);
    assert!(matches!(restore(&db, &keyless).await, Err(BackupError::Doc(DocProblem::Damaged(_)))));

    let mut other = doc_with(&[(stores::CLUES, vec![clue])]);
    other.format = "lvzhi-backup/2".into();
    assert_eq!(restore(&db, &other).await, Err(BackupError::Doc(DocProblem::UnknownFormat)));

    assert!(records(&db, stores::CLUES).await.is_empty(), "nothing was written");
    finish(db).await;
}

#[wasm_bindgen_test]
async fn the_sealed_file_opens_only_with_its_passphrase() {
    let db = filled("backup-seal").await;
    let doc = snapshot(&db, 1_000).await.expect("snapshot");
    let text = seal_doc(&doc, "我的备份口令很长", [5; 16], [6; 12], SMALL).expect("seal");
    assert!(!text.contains("关于村级饮用水"), "the contents are encrypted");
    assert_eq!(open_doc(&text, "我的备份口令很长"), Ok(doc));
    assert_eq!(open_doc(&text, "我的备份口令很短"), Err(FileError::Seal(SealError::WrongPassphrase)));
    finish(db).await;
}
