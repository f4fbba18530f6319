//! Files and photos attached to a proposal, stored as Blobs in the `attachments` store.
//! Photos of duty-log entries live in the same store (their owner is the entry; see
//! `duty.rs`, which reuses the record helpers here).
//!
//! A record is a plain JS object: the [`AttachmentMeta`] fields plus a `blob` property
//! holding the Blob itself, and for photos an optional `thumb` property with a small
//! JPEG for lists (IndexedDB stores Blobs natively; `serde_wasm_bindgen` cannot,
//! so the record is built with `Reflect` and written with [`Tx::put_raw`]). Lists read
//! the records of one owner with one `getAll` on the `by_owner` index and decode only the
//! meta fields; IndexedDB hands out a Blob as a handle whose bytes are read only when
//! someone reads the Blob.
//!
//! Invariants kept here:
//! - an attachment and the id in its proposal's `attachment_ids` are added, and removed,
//!   in one transaction, which reads the proposal as stored (never a copy held by a form,
//!   so text typed meanwhile is not overwritten);
//! - a proposal whose text is frozen gets no attachment added or removed
//!   ([`StoreError::Constraint`]), like its text (`ProposalStore::save`).
//!
//! Adding does not touch the proposal's `updated_ms`: the editor's journal recovery
//! compares its timestamp with the stored one, and a newer stored stamp would hide typed
//! text that did not reach IndexedDB yet.

use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use crate::domain::proposal::Proposal;

use super::db::{Db, Tx};
use super::error::{from_js, Result, StoreError};
use super::schema::{indexes, stores};

/// What is known about an attached file without reading it. `owner_id` is the proposal's
/// id (the `by_owner` index). `size` in bytes (stored as a JS number: exact up to 2^53).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentMeta {
    pub id: String,
    pub owner_id: String,
    /// The file name as chosen on the device (shown, never used as a path).
    pub name: String,
    /// The type the Blob is stored under (see `domain::proposal::attachment_type`).
    pub media_type: String,
    pub size: u64,
    pub created_ms: i64,
}

/// Name of the Blob property of a stored record.
const BLOB: &str = "blob";
/// Name of the optional thumbnail Blob property (duty photos); absent on older records
/// and on proposal files.
const THUMB: &str = "thumb";

/// The record is read and written field by field with `Reflect` rather than serde: it is
/// built by hand anyway (for the Blob), and this is less code in the app than serde's
/// generic paths (see "Size discipline" in ARCHITECTURE.md). Field names are the serde
/// names, so the derives above describe the same shape.
impl AttachmentMeta {
    /// The record to store: meta fields, the Blob and, if given, a thumbnail Blob.
    pub(super) fn to_record(&self, blob: &JsValue, thumb: Option<&JsValue>) -> Result<JsValue> {
        let o = js_sys::Object::new();
        #[allow(clippy::cast_precision_loss)]
        let fields = [
            ("id", JsValue::from_str(&self.id)),
            ("owner_id", JsValue::from_str(&self.owner_id)),
            ("name", JsValue::from_str(&self.name)),
            ("media_type", JsValue::from_str(&self.media_type)),
            ("size", JsValue::from_f64(self.size as f64)),
            ("created_ms", JsValue::from_f64(self.created_ms as f64)),
            (BLOB, blob.clone()),
            (THUMB, thumb.cloned().unwrap_or(JsValue::UNDEFINED)),
        ];
        for (k, v) in fields {
            if v.is_undefined() {
                continue;
            }
            js_sys::Reflect::set(&o, &JsValue::from_str(k), &v).map_err(|e| from_js("add attachment", &e))?;
        }
        Ok(o.into())
    }

    pub(super) fn from_record(v: &JsValue) -> Result<Self> {
        let get = |k: &str| js_sys::Reflect::get(v, &JsValue::from_str(k)).unwrap_or_default();
        let text = |k: &str| get(k).as_string();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let number = |k: &str| get(k).as_f64().map(|n| n as i64);
        let meta = (|| {
            Some(AttachmentMeta {
                id: text("id")?,
                owner_id: text("owner_id")?,
                name: text("name")?,
                media_type: text("media_type")?,
                size: u64::try_from(number("size")?).ok()?,
                created_ms: number("created_ms")?,
            })
        })();
        meta.ok_or_else(|| StoreError::Decode {
            store: stores::ATTACHMENTS.to_owned(),
            detail: "attachment record lacks a field".into(),
        })
    }
}

#[derive(Clone, Debug)]
pub struct AttachmentStore {
    db: Db,
}

impl AttachmentStore {
    pub fn new(db: &Db) -> Self {
        AttachmentStore { db: db.clone() }
    }

    /// Stores `blob` under `meta` and appends `meta.id` to the `attachment_ids` of the
    /// proposal `meta.owner_id`, in one transaction. The Blob is stored with
    /// `meta.media_type` as its type, so it opens as what was checked. Refuses
    /// ([`StoreError::Constraint`]) a missing proposal or a frozen one; the browser's
    /// refusal for space is [`StoreError::QuotaExceeded`]. Returns the proposal as stored.
    pub async fn add(&self, meta: &AttachmentMeta, blob: &web_sys::Blob) -> Result<Proposal> {
        let tx = self.db.write_tx(&[stores::PROPOSALS, stores::ATTACHMENTS])?;
        let mut p = owner(&tx, &meta.owner_id, "add attachment").await?;
        let typed = typed_blob(blob, &meta.media_type, "add attachment")?;
        let record = meta.to_record(&typed, None)?;
        if !p.attachment_ids.contains(&meta.id) {
            p.attachment_ids.push(meta.id.clone());
        }
        tx.put(stores::PROPOSALS, &p)?;
        tx.put_raw(stores::ATTACHMENTS, &record)?;
        tx.commit().await?;
        Ok(p)
    }

    /// The attachments of `owner_id`, oldest first, without their Blobs.
    pub async fn list(&self, owner_id: &str) -> Result<Vec<AttachmentMeta>> {
        let tx = self.db.read_tx(&[stores::ATTACHMENTS])?;
        let records = tx.get_all_raw(stores::ATTACHMENTS, indexes::BY_OWNER, owner_id).await?;
        // Within one owner the index orders by id (random), not by time. A few items:
        // insertion keeps the code small (no generic sort).
        let mut items: Vec<AttachmentMeta> = Vec::new();
        for r in records.iter() {
            let a = AttachmentMeta::from_record(&r)?;
            let at = items
                .iter()
                .position(|b| (b.created_ms, b.id.as_str()) > (a.created_ms, a.id.as_str()))
                .unwrap_or(items.len());
            items.insert(at, a);
        }
        Ok(items)
    }

    /// The stored file, `None` if there is no such attachment.
    pub async fn get_blob(&self, id: &str) -> Result<Option<web_sys::Blob>> {
        let tx = self.db.read_tx(&[stores::ATTACHMENTS])?;
        let Some(record) = tx.get_raw(stores::ATTACHMENTS, id).await? else { return Ok(None) };
        record_blob(&record, id, false).map(Some)
    }

    /// Deletes the attachment and its id from its proposal, in one transaction. Deleting a
    /// missing attachment is not an error; a frozen proposal refuses
    /// ([`StoreError::Constraint`]). An attachment whose proposal is gone is just deleted.
    pub async fn delete(&self, id: &str) -> Result<()> {
        let tx = self.db.write_tx(&[stores::PROPOSALS, stores::ATTACHMENTS])?;
        let Some(record) = tx.get_raw(stores::ATTACHMENTS, id).await? else {
            return Ok(());
        };
        let meta = AttachmentMeta::from_record(&record)?;
        if let Some(mut p) = tx.get::<Proposal>(stores::PROPOSALS, meta.owner_id.as_str()).await? {
            refuse_frozen(&p, "delete attachment")?;
            p.attachment_ids.retain(|a| a != id);
            tx.put(stores::PROPOSALS, &p)?;
        }
        tx.delete(stores::ATTACHMENTS, id)?;
        tx.commit().await
    }
}

/// `blob` as a Blob of type `media_type` (a slice shares the bytes; nothing is copied), so
/// the stored file opens as what was checked.
pub(super) fn typed_blob(blob: &web_sys::Blob, media_type: &str, op: &'static str) -> Result<web_sys::Blob> {
    blob.slice_with_f64_and_f64_and_content_type(0.0, blob.size(), media_type).map_err(|e| from_js(op, &e))
}

/// The file Blob of a stored record, or with `thumb` its thumbnail (the file itself when
/// the record has no thumbnail, so a list can always show something).
pub(super) fn record_blob(record: &JsValue, id: &str, thumb: bool) -> Result<web_sys::Blob> {
    let field = |k: &str| {
        js_sys::Reflect::get(record, &JsValue::from_str(k)).ok().and_then(|b| b.dyn_into::<web_sys::Blob>().ok())
    };
    let found = if thumb { field(THUMB).or_else(|| field(BLOB)) } else { field(BLOB) };
    found.ok_or_else(|| StoreError::Decode {
        store: stores::ATTACHMENTS.to_owned(),
        detail: format!("attachment {id} holds no blob"),
    })
}

/// The stored proposal that owns a new attachment, if its attachments may change.
async fn owner(tx: &Tx<'_>, owner_id: &str, op: &'static str) -> Result<Proposal> {
    let Some(p) = tx.get::<Proposal>(stores::PROPOSALS, owner_id).await? else {
        return Err(StoreError::Constraint { op, detail: format!("no proposal {owner_id}") });
    };
    refuse_frozen(&p, op)?;
    Ok(p)
}

fn refuse_frozen(p: &Proposal, op: &'static str) -> Result<()> {
    if p.is_text_frozen() {
        return Err(StoreError::Constraint {
            op,
            detail: format!("proposal {} revision {} is submitted; its attachments are frozen", p.id, p.rev),
        });
    }
    Ok(())
}
