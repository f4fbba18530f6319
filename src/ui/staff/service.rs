//! The staff workspace's one door to storage (like `ui/service.rs` for the member app):
//! the open database in context, and the import of one file from bytes to result row.

use leptos::prelude::*;

use crate::bundle::{verify, DeviceKey};
use crate::i18n::Texts;
use crate::staff::import::{FileResult, Rejection};
use crate::store::{Db, DeviceKeyRecord, ImportCounts, StaffStore, StoreError, COMMITTEE_KEY_ID};
use crate::ui::service::{now_ms, store_error_text, DB_NAME};

/// The staff app's database handle, provided once by the shell. `Copy` for closures.
#[derive(Clone, Copy)]
pub struct StaffCtx {
    db: StoredValue<Option<Db>, LocalStorage>,
}

impl StaffCtx {
    pub fn new() -> Self {
        StaffCtx { db: StoredValue::new_local(None) }
    }

    pub fn use_ctx() -> Self {
        expect_context::<StaffCtx>()
    }

    /// Opens the shared database (the same one as the member app on this browser).
    pub async fn boot(self) -> Result<(), StoreError> {
        let db = Db::open(DB_NAME).await?;
        self.db.set_value(Some(db));
        Ok(())
    }

    pub fn staff(&self) -> Result<StaffStore, StoreError> {
        self.db.get_value().map(|d| d.staff()).ok_or(StoreError::Unavailable)
    }

    /// The shared `settings` store (staff keys are prefixed `staff.`, apart from a member's).
    pub fn settings(&self) -> Result<crate::store::Settings, StoreError> {
        self.db.get_value().map(|d| d.settings()).ok_or(StoreError::Unavailable)
    }

    /// The committee key, made on first call from 32 bytes of the browser's CSPRNG.
    pub async fn make_committee_key(self) -> Result<DeviceKeyRecord, StoreError> {
        let seed = crate::ui::export::random_bytes::<32>().ok_or(StoreError::Unavailable)?;
        let key = DeviceKey::from_seed(seed);
        let record = DeviceKeyRecord {
            id: COMMITTEE_KEY_ID.into(),
            device_id: crate::ui::service::new_id(),
            public_key: crate::bundle::public_key_b64(&key.public_key()),
            key_id: key.key_id(),
            created_ms: now_ms(),
            seed: Some({
                use base64::Engine;
                base64::engine::general_purpose::STANDARD.encode(seed)
            }),
            sealed: None,
        };
        self.staff()?.create_committee_key(&record).await
    }
}

/// The committee's signing key from its record: the stored seed, or the seed sealed with
/// a passphrase (like a member's key, `ui::export::unlock`).
pub fn committee_signing_key(record: &DeviceKeyRecord, passphrase: &str) -> Result<DeviceKey, crate::bundle::seal::SealError> {
    match record.seed.as_deref().and_then(crate::ui::export::decode_seed) {
        Some(seed) => Ok(DeviceKey::from_seed(seed)),
        None => crate::ui::export::unlock(record, passphrase),
    }
}

/// The result column of one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    New,
    Duplicate,
    Conflict,
    Rejected,
    Pending,
    Confirm,
    /// The browser refused to store it (nothing of it is stored).
    Failed,
}

/// One row of the import table.
#[derive(Clone, Debug, PartialEq)]
pub struct FileRow {
    pub file_name: String,
    /// "name（member id）" when the file could be read.
    pub signer: Option<String>,
    pub kind: RowKind,
    pub label: &'static str,
    pub detail: Option<String>,
    pub counts: Option<ImportCounts>,
}

/// Verifies, classifies and stores one file (all of it in one transaction, or nothing);
/// a file from a signer not enrolled is held in `staff_pending` with its text, in the same
/// transaction.
pub async fn import_file(staff: &StaffStore, t: &'static Texts, file_name: &str, bytes: &[u8]) -> FileRow {
    let mut row =
        FileRow { file_name: file_name.to_string(), signer: None, kind: RowKind::Rejected, label: "", detail: None, counts: None };
    let failed = |mut row: FileRow, e: &StoreError| {
        row.kind = RowKind::Failed;
        row.label = t.staff_import_failed;
        row.detail = Some(store_error_text(t, e).to_string());
        row
    };
    let v = match verify(bytes) {
        Ok(v) => v,
        Err(e) => {
            let r = FileResult::Rejected(Rejection::Bundle(e));
            row.label = t.file_result_label(&r);
            row.detail = t.file_result_detail(&r);
            return row;
        }
    };
    let s = &v.payload.signer;
    row.signer = Some(format!("{}（{}）", s.name, s.member_id.trim()));
    // Read, classify and store (or hold) in one transaction (`StaffStore::import_verified`).
    let (result, counts) = match staff.import_verified(v, file_name, bytes, now_ms()).await {
        Ok(r) => r,
        // Stored meanwhile (another tab, or the same file twice in one drop).
        Err(StoreError::Constraint { .. }) => {
            row.kind = RowKind::Duplicate;
            row.label = t.import_duplicate;
            return row;
        }
        Err(e) => return failed(row, &e),
    };
    row.label = t.file_result_label(&result);
    row.detail = t.file_result_detail(&result);
    row.counts = counts;
    row.kind = match &result {
        FileResult::New(_) => RowKind::New,
        FileResult::Duplicate { .. } => RowKind::Duplicate,
        FileResult::Conflict { .. } => RowKind::Conflict,
        FileResult::Rejected(_) => RowKind::Rejected,
        FileResult::Pending { .. } => RowKind::Pending,
        FileResult::NeedsConfirmation { .. } => RowKind::Confirm,
    };
    row
}
