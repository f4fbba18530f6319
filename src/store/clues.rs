//! 提案线索: quick notes from village visits, their optional photo, and the drafts made
//! from them.
//!
//! Invariants kept here, whatever the UI does:
//! - a clue and its photo (an `attachments` record owned by the clue, with a thumbnail
//!   like a duty photo) are stored, and deleted, in one transaction; [`ClueStore::save`]
//!   keeps the stored `photo_id` whatever the caller passes, so no photo is orphaned;
//! - turning a clue into a draft hands the photo over to the draft (owner and the
//!   draft's `attachment_ids`) in the transaction that stores the draft: the photo then
//!   belongs to the proposal and goes wherever proposal files go (hand-in, deletion of the
//!   draft). The clue keeps `photo_id` to show it while it exists, and deleting the clue
//!   leaves a photo it no longer owns alone.

use wasm_bindgen::JsValue;

use crate::domain::clue::Clue;
use crate::domain::proposal::Proposal;

use super::attachments::{record_blob, typed_blob, AttachmentMeta};
use super::db::{Db, Tx};
use super::error::{from_js, Result, StoreError};
use super::query::{Page, PageCursor, PageQuery};
use super::schema::{indexes, stores};

#[derive(Clone, Debug)]
pub struct ClueStore {
    db: Db,
}

impl ClueStore {
    pub fn new(db: &Db) -> Self {
        ClueStore { db: db.clone() }
    }

    /// Stores a clue (new or edited). A stored clue's `photo_id` is kept whatever `clue`
    /// holds: the photo is owned by [`ClueStore::add_with_photo`] and [`ClueStore::delete`].
    pub async fn save(&self, clue: &Clue) -> Result<()> {
        let tx = self.db.write_tx(&[stores::CLUES])?;
        match tx.get::<Clue>(stores::CLUES, clue.id.as_str()).await? {
            Some(stored) if stored.photo_id != clue.photo_id => {
                tx.put(stores::CLUES, &Clue { photo_id: stored.photo_id, ..clue.clone() })?;
            }
            _ => tx.put(stores::CLUES, clue)?,
        }
        tx.commit().await
    }

    /// Stores a new clue with its photo (`photo`, and `thumb` for lists) under `meta`, in one
    /// transaction: either both are stored or neither. The photo's owner is the clue,
    /// whatever `meta.owner_id` says. A clue with this id already stored is refused
    /// ([`StoreError::Constraint`]): its photo must not be replaced behind its back. The
    /// browser's refusal for space is [`StoreError::QuotaExceeded`]. Returns the clue as stored.
    pub async fn add_with_photo(
        &self,
        clue: &Clue,
        meta: &AttachmentMeta,
        photo: &web_sys::Blob,
        thumb: &web_sys::Blob,
    ) -> Result<Clue> {
        const OP: &str = "add clue photo";
        let tx = self.db.write_tx(&[stores::CLUES, stores::ATTACHMENTS])?;
        if tx.get::<Clue>(stores::CLUES, clue.id.as_str()).await?.is_some() {
            return Err(StoreError::Constraint { op: OP, detail: format!("clue {} is already stored", clue.id) });
        }
        let meta = AttachmentMeta { owner_id: clue.id.clone(), ..meta.clone() };
        let photo = typed_blob(photo, &meta.media_type, OP)?;
        let thumb_type = if thumb.type_().is_empty() { "image/jpeg".to_owned() } else { thumb.type_() };
        let thumb = typed_blob(thumb, &thumb_type, OP)?;
        let record = meta.to_record(&photo, Some(&thumb))?;
        let stored = Clue { photo_id: Some(meta.id.clone()), ..clue.clone() };
        tx.put_raw(stores::ATTACHMENTS, &record)?;
        tx.put(stores::CLUES, &stored)?;
        tx.commit().await?;
        Ok(stored)
    }

    pub async fn get(&self, id: &str) -> Result<Option<Clue>> {
        self.db.read_tx(&[stores::CLUES])?.get(stores::CLUES, id).await
    }

    /// The clue's photo, or with `thumb` its thumbnail; `None` when there is none (any
    /// more: a draft made from the clue may have been deleted with it).
    pub async fn photo(&self, attachment_id: &str, thumb: bool) -> Result<Option<web_sys::Blob>> {
        let tx = self.db.read_tx(&[stores::ATTACHMENTS])?;
        let Some(record) = tx.get_raw(stores::ATTACHMENTS, attachment_id).await? else { return Ok(None) };
        record_blob(&record, attachment_id, thumb).map(Some)
    }

    /// Deletes the clue and every attachment it still owns, in one transaction (a missing
    /// clue is not an error). A photo handed over to a draft stays with the draft, and
    /// the draft stays too.
    pub async fn delete(&self, id: &str) -> Result<()> {
        let tx = self.db.write_tx(&[stores::CLUES, stores::ATTACHMENTS])?;
        // By owner, not by `photo_id`: that id may name a photo the clue gave away.
        let owned = tx.get_all_raw(stores::ATTACHMENTS, indexes::BY_OWNER, id).await?;
        for record in owned.iter() {
            tx.delete(stores::ATTACHMENTS, AttachmentMeta::from_record(&record)?.id.as_str())?;
        }
        tx.delete(stores::CLUES, id)?;
        tx.commit().await
    }

    /// Newest first, a page at a time.
    pub async fn list(&self, after: Option<PageCursor>, limit: u32) -> Result<Page<Clue>> {
        let query = PageQuery::newest_first(indexes::BY_UPDATED).after(after).limit(limit);
        self.db.read_tx(&[stores::CLUES])?.page(stores::CLUES, &query).await
    }

    /// Stores a draft made from a clue and the clue's link to it, together: a clue never
    /// points at a draft that does not exist, nor is a draft made twice by a double tap
    /// (a clue already linked to a proposal is refused, [`StoreError::Constraint`]). The
    /// clue's photo, if it still owns one, becomes the draft's first attachment in the same
    /// transaction. Returns the draft as stored.
    pub async fn draft_proposal(&self, clue: &Clue, draft: &Proposal) -> Result<Proposal> {
        const OP: &str = "draft from clue";
        let tx = self.db.write_tx(&[stores::CLUES, stores::PROPOSALS, stores::ATTACHMENTS])?;
        let stored = tx.get::<Clue>(stores::CLUES, clue.id.as_str()).await?;
        if let Some(pid) = stored.as_ref().and_then(|c| c.proposal_id.as_deref()) {
            return Err(StoreError::Constraint { op: OP, detail: format!("clue {} already drafted {pid}", clue.id) });
        }
        let photo_id = stored.map_or_else(|| clue.photo_id.clone(), |s| s.photo_id);
        let mut draft = draft.clone();
        if let Some(photo_id) = photo_id.as_deref() {
            if hand_over(&tx, photo_id, &clue.id, &draft.id, OP).await? && !draft.attachment_ids.iter().any(|a| a == photo_id) {
                draft.attachment_ids.push(photo_id.to_owned());
            }
        }
        tx.put(stores::CLUES, &Clue { photo_id, ..clue.clone() })?;
        tx.add(stores::PROPOSALS, &draft)?;
        tx.commit().await?;
        Ok(draft)
    }
}

/// Makes the attachment `id` owned by `to` if `from` owns it; whether it did.
async fn hand_over(tx: &Tx<'_>, id: &str, from: &str, to: &str, op: &'static str) -> Result<bool> {
    let Some(record) = tx.get_raw(stores::ATTACHMENTS, id).await? else { return Ok(false) };
    if AttachmentMeta::from_record(&record)?.owner_id != from {
        return Ok(false);
    }
    js_sys::Reflect::set(&record, &JsValue::from_str("owner_id"), &JsValue::from_str(to)).map_err(|e| from_js(op, &e))?;
    tx.put_raw(stores::ATTACHMENTS, &record)?;
    Ok(true)
}
