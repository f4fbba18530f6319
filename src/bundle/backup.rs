//! The encrypted backup file (issue 5): everything on the phone in one file, under a
//! passphrase, and the rule that reminds the member to make one.
//!
//! The contents are a [`BackupDoc`]: every object store except `meta` as plain JSON
//! records (read as JS values, so no Rust type per store is needed), and the Blobs of
//! those records (attachment `blob` and `thumb`) in a separate list, as base64 with their
//! type, keyed by store, record key and field. A record's JSON never holds its Blobs.
//! The JSON of the doc is sealed (`seal.rs`, associated data [`DOC_AAD`], so a sealed key
//! cannot pass for a backup) and the file is `{"format":"lvzhi-backup-file/1","sealed":{…}}`.
//!
//! `meta` is not backed up: it holds the database's own bookkeeping (the data-version
//! marker of migration steps), which describes the database it is in, not the member's
//! data; restoring an older marker over a newer database would re-run data steps.
//! The schema version of the doc says which record shapes it holds; a newer one is refused.
//!
//! Pure Rust: no clock, no RNG, no browser; `store::backup` reads and writes the database.

use std::collections::BTreeMap;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

use super::seal::{open, seal, SealError, SealParams, Sealed};

/// `format` of a [`BackupDoc`].
pub const DOC_FORMAT: &str = "lvzhi-backup/1";
/// `format` of the file around the sealed doc.
pub const FILE_FORMAT: &str = "lvzhi-backup-file/1";
/// Associated data of the sealed doc.
pub const DOC_AAD: &[u8] = b"lvzhi-backup/1";
/// A member is reminded when the last backup is this many days old (or there is none).
pub const REMIND_AFTER_DAYS: i64 = 30;
/// The end of a backup file's name.
pub const FILE_SUFFIX: &str = ".lvzhi-backup.json";

/// Everything stored on the phone (see the module docs).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BackupDoc {
    /// [`DOC_FORMAT`].
    pub format: String,
    /// RFC 3339 UTC.
    pub created_at: String,
    /// The database schema version the records were read under.
    pub schema_version: u32,
    /// Records per store name, in primary-key order; Blob fields left out.
    pub stores: BTreeMap<String, Vec<serde_json::Value>>,
    /// The Blob fields of those records.
    #[serde(default)]
    pub blobs: Vec<BackupBlob>,
}

/// One Blob-valued field of a record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupBlob {
    pub store: String,
    /// The record's primary key (the value of its store's key path).
    pub record_id: serde_json::Value,
    /// The field name, e.g. `blob` or `thumb`.
    pub field: String,
    /// The Blob's type ("" when it had none).
    pub media_type: String,
    /// The bytes, standard base64.
    pub data_b64: String,
}

impl BackupBlob {
    pub fn new(store: &str, record_id: serde_json::Value, field: &str, media_type: &str, bytes: &[u8]) -> Self {
        BackupBlob {
            store: store.into(),
            record_id,
            field: field.into(),
            media_type: media_type.into(),
            data_b64: B64.encode(bytes),
        }
    }

    /// The bytes; `None` if the base64 is damaged.
    pub fn bytes(&self) -> Option<Vec<u8>> {
        B64.decode(&self.data_b64).ok()
    }
}

/// Why a doc cannot be restored here. Checked before anything is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocProblem {
    /// `format` is not [`DOC_FORMAT`].
    UnknownFormat,
    /// Made by a newer app whose records this one may not understand.
    NewerSchema { theirs: u32, ours: u32 },
    /// A store this app does not have (a newer app's): restoring the rest would leave
    /// the member believing everything came back.
    UnknownStore(String),
    /// The doc contradicts itself (a Blob of a missing record, damaged base64, a record
    /// without its key).
    Damaged(String),
}

impl BackupDoc {
    /// Whether this app (schema `ours`, restorable stores `known`) can restore the doc.
    pub fn check(&self, ours: u32, known: &[&str]) -> Result<(), DocProblem> {
        if self.format != DOC_FORMAT {
            return Err(DocProblem::UnknownFormat);
        }
        if self.schema_version > ours {
            return Err(DocProblem::NewerSchema { theirs: self.schema_version, ours });
        }
        let stores = self.stores.keys().chain(self.blobs.iter().map(|b| &b.store));
        if let Some(unknown) = stores.into_iter().find(|s| !known.contains(&s.as_str())) {
            return Err(DocProblem::UnknownStore(unknown.clone()));
        }
        if let Some(b) = self.blobs.iter().find(|b| b.bytes().is_none()) {
            return Err(DocProblem::Damaged(format!("blob {}/{} is not base64", b.store, b.record_id)));
        }
        Ok(())
    }

    /// Number of records in the doc.
    pub fn record_count(&self) -> usize {
        self.stores.values().map(Vec::len).sum()
    }
}

/// What restoring does with a record whose key is already stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Merge {
    /// The file's record is newer: it replaces the stored one.
    Replace,
    /// The stored record is newer, or neither says (no `rev` or times): it stays.
    Keep,
    /// Both are the same record.
    Same,
}

/// The version stamp of a record: `rev`, then `updated_ms`, then `at_ms` or `created_ms`
/// (events and attachments have only those). Missing parts are `None`, which sorts first.
fn stamp(record: &serde_json::Value) -> [Option<f64>; 3] {
    let n = |k: &str| record.get(k).and_then(serde_json::Value::as_f64);
    [n("rev"), n("updated_ms"), n("at_ms").or_else(|| n("created_ms"))]
}

/// Which of two records with the same key to keep: the newer by [`stamp`] order; when
/// neither is newer (records without stamps, such as settings), the stored one.
pub fn merge(stored: &serde_json::Value, incoming: &serde_json::Value) -> Merge {
    if stored == incoming {
        return Merge::Same;
    }
    let (a, b) = (stamp(stored), stamp(incoming));
    if a.iter().all(Option::is_none) && b.iter().all(Option::is_none) {
        return Merge::Keep;
    }
    match b.partial_cmp(&a) {
        Some(std::cmp::Ordering::Greater) => Merge::Replace,
        _ => Merge::Keep,
    }
}

/// The file around the sealed doc.
#[derive(Serialize, Deserialize)]
struct BackupFile {
    format: String,
    sealed: Sealed,
}

/// Why a file could not be opened as a backup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileError {
    /// Not JSON, or not a backup file (a bundle, a photo, a newer format).
    NotBackup,
    /// The sealed part could not be opened (wrong passphrase, damaged, too costly).
    Seal(SealError),
    /// It opened, but what is inside is not a backup doc.
    Damaged,
}

/// Seals `doc` under `passphrase` and returns the text of the file.
pub fn seal_doc(
    doc: &BackupDoc,
    passphrase: &str,
    salt: [u8; 16],
    nonce: [u8; 12],
    params: SealParams,
) -> Result<String, SealError> {
    let bytes = serde_json::to_vec(doc).map_err(|_| SealError::Cipher)?;
    let sealed = seal(&bytes, passphrase, salt, nonce, params, DOC_AAD)?;
    serde_json::to_string(&BackupFile { format: FILE_FORMAT.into(), sealed }).map_err(|_| SealError::Cipher)
}

/// Opens the text of a backup file with `passphrase`.
pub fn open_doc(text: &str, passphrase: &str) -> Result<BackupDoc, FileError> {
    let file: BackupFile = serde_json::from_str(text).map_err(|_| FileError::NotBackup)?;
    if file.format != FILE_FORMAT {
        return Err(FileError::NotBackup);
    }
    let bytes = open(&file.sealed, passphrase, DOC_AAD).map_err(FileError::Seal)?;
    serde_json::from_slice(&bytes).map_err(|_| FileError::Damaged)
}

/// `履职通备份-<name>-<YYYY-MM-DD>.lvzhi-backup.json`, without characters file systems refuse.
pub fn file_name(name: &str, date: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') && !c.is_control())
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        format!("履职通备份-{date}{FILE_SUFFIX}")
    } else {
        format!("履职通备份-{cleaned}-{date}{FILE_SUFFIX}")
    }
}

/// What the backup card says about the age of the last backup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reminder {
    /// There is data and it was never backed up.
    Never,
    /// The last backup is this many whole days old (at least [`REMIND_AFTER_DAYS`]).
    DaysAgo(i64),
}

/// Whether to remind the member to back up: only when there is something to lose, and the
/// last backup is [`REMIND_AFTER_DAYS`] or more days old, or there is none. A backup time
/// in the future (the phone's clock was changed) counts as recent.
pub fn reminder(now_ms: i64, last_ms: Option<i64>, has_data: bool) -> Option<Reminder> {
    const DAY_MS: i64 = 24 * 60 * 60 * 1000;
    if !has_data {
        return None;
    }
    match last_ms {
        None => Some(Reminder::Never),
        Some(last) => {
            let days = now_ms.saturating_sub(last) / DAY_MS;
            (days >= REMIND_AFTER_DAYS).then_some(Reminder::DaysAgo(days))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: SealParams = SealParams { m_cost_kib: 64, t_cost: 1, p_cost: 1 };
    const DAY: i64 = 24 * 60 * 60 * 1000;
    const PASS: &str = "备份口令十分安全";

    fn doc() -> BackupDoc {
        let mut stores = BTreeMap::new();
        stores.insert("proposals".to_string(), vec![serde_json::json!({ "id": "p1", "rev": 2, "title": "案由" })]);
        stores.insert("attachments".to_string(), vec![serde_json::json!({ "id": "a1", "owner_id": "p1" })]);
        BackupDoc {
            format: DOC_FORMAT.into(),
            created_at: "2026-11-25T08:00:00Z".into(),
            schema_version: 2,
            stores,
            blobs: vec![BackupBlob::new("attachments", "a1".into(), "blob", "image/jpeg", &[0, 1, 2, 255])],
        }
    }

    #[test]
    fn a_sealed_doc_opens_with_its_passphrase_only() {
        let text = seal_doc(&doc(), PASS, [1; 16], [2; 12], FAST).expect("seal");
        assert!(text.starts_with(r#"{"format":"lvzhi-backup-file/1","sealed":{"#), "{text}");
        assert!(!text.contains("案由"), "the records are encrypted");
        let back = open_doc(&text, PASS).expect("open");
        assert_eq!(back, doc());
        assert_eq!(back.blobs[0].bytes(), Some(vec![0, 1, 2, 255]));
        assert_eq!(open_doc(&text, "别的口令也很长啊"), Err(FileError::Seal(SealError::WrongPassphrase)));
    }

    #[test]
    fn other_files_are_not_backups() {
        assert_eq!(open_doc("not json", PASS), Err(FileError::NotBackup));
        assert_eq!(open_doc(r#"{"payloadType":"application/vnd.lvzhi.bundle+json"}"#, PASS), Err(FileError::NotBackup));
        let text = seal_doc(&doc(), PASS, [1; 16], [2; 12], FAST).expect("seal");
        assert_eq!(open_doc(&text.replace(FILE_FORMAT, "lvzhi-backup-file/9"), PASS), Err(FileError::NotBackup));
        // A sealed key (other associated data) is not a backup, even with the right passphrase.
        let key = seal(b"seed", PASS, [1; 16], [2; 12], FAST, b"lvzhi-key/1").expect("seal key");
        let text = serde_json::to_string(&BackupFile { format: FILE_FORMAT.into(), sealed: key }).expect("json");
        assert_eq!(open_doc(&text, PASS), Err(FileError::Seal(SealError::WrongPassphrase)));
        // Sealed with the backup's associated data, but not a doc inside.
        let junk = seal(b"[1,2]", PASS, [1; 16], [2; 12], FAST, DOC_AAD).expect("seal");
        let text = serde_json::to_string(&BackupFile { format: FILE_FORMAT.into(), sealed: junk }).expect("json");
        assert_eq!(open_doc(&text, PASS), Err(FileError::Damaged));
    }

    #[test]
    fn docs_from_newer_apps_or_with_unknown_stores_are_refused() {
        let known = ["proposals", "attachments"];
        assert_eq!(doc().check(2, &known), Ok(()));
        assert_eq!(doc().check(1, &known), Err(DocProblem::NewerSchema { theirs: 2, ours: 1 }));
        assert_eq!(doc().check(2, &["proposals"]), Err(DocProblem::UnknownStore("attachments".into())));
        let mut d = doc();
        d.format = "lvzhi-backup/2".into();
        assert_eq!(d.check(2, &known), Err(DocProblem::UnknownFormat));
        let mut d = doc();
        d.blobs[0].data_b64 = "**".into();
        assert!(matches!(d.check(2, &known), Err(DocProblem::Damaged(_))));
        let mut d = doc();
        d.blobs[0].store = "photos".into();
        assert_eq!(d.check(2, &known), Err(DocProblem::UnknownStore("photos".into())));
        assert_eq!(doc().record_count(), 2);
    }

    #[test]
    fn file_names_carry_the_member_and_the_date() {
        assert_eq!(file_name("王秀兰", "2026-11-25"), "履职通备份-王秀兰-2026-11-25.lvzhi-backup.json");
        assert_eq!(file_name("a/b:c", "2026-11-25"), "履职通备份-abc-2026-11-25.lvzhi-backup.json");
        assert_eq!(file_name(" / ", "2026-11-25"), "履职通备份-2026-11-25.lvzhi-backup.json");
    }

    #[test]
    fn the_member_is_reminded_after_thirty_days_or_when_never_backed_up() {
        let now = 1_800_000_000_000;
        assert_eq!(reminder(now, None, false), None, "nothing to lose");
        assert_eq!(reminder(now, Some(now - 100 * DAY), false), None);
        assert_eq!(reminder(now, None, true), Some(Reminder::Never));
        assert_eq!(reminder(now, Some(now - 29 * DAY - 1), true), None);
        assert_eq!(reminder(now, Some(now - 30 * DAY), true), Some(Reminder::DaysAgo(30)));
        assert_eq!(reminder(now, Some(now - 45 * DAY - 5), true), Some(Reminder::DaysAgo(45)));
        assert_eq!(reminder(now, Some(now + 3 * DAY), true), None, "a clock set back");
    }
    #[test]
    fn the_newer_record_wins_and_unstamped_ones_stay() {
        use serde_json::json;
        let stored = json!({ "id": "p1", "rev": 2, "updated_ms": 50, "title": "本机" });
        assert_eq!(merge(&stored, &stored.clone()), Merge::Same);
        assert_eq!(merge(&stored, &json!({ "id": "p1", "rev": 3, "updated_ms": 10 })), Merge::Replace, "a later revision");
        assert_eq!(merge(&stored, &json!({ "id": "p1", "rev": 1, "updated_ms": 90 })), Merge::Keep, "an earlier revision");
        assert_eq!(merge(&stored, &json!({ "id": "p1", "rev": 2, "updated_ms": 60 })), Merge::Replace);
        assert_eq!(merge(&stored, &json!({ "id": "p1", "rev": 2, "updated_ms": 50, "title": "别处" })), Merge::Keep, "a tie");
        let event = json!({ "id": "e1", "at_ms": 5 });
        assert_eq!(merge(&event, &json!({ "id": "e1", "at_ms": 6 })), Merge::Replace);
        assert_eq!(merge(&json!({ "id": "a", "created_ms": 9 }), &json!({ "id": "a", "created_ms": 8 })), Merge::Keep);
        assert_eq!(merge(&json!({ "key": "lang", "value": "zh" }), &json!({ "key": "lang", "value": "en" })), Merge::Keep);
    }
}
