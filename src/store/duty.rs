//! 履职记录: duty-log entries, their photos, and the member's book of places.
//!
//! Invariants kept here, whatever the UI does:
//! - a photo and its id in the entry's `photo_ids` are added, and removed, in one
//!   transaction that reads the entry as stored (never a form's copy, so text typed
//!   meanwhile is not overwritten); [`DutyStore::save`] keeps the stored `photo_ids`
//!   whatever the caller passes, so an autosave of an older copy never drops a photo;
//! - deleting an entry deletes its photos in the same transaction.
//!
//! Adding or removing a photo does not touch the entry's `updated_ms`, for the reason given
//! in `attachments.rs` (journal recovery compares timestamps).

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use crate::domain::duty::{Attendance, DutyKind, DutyLog};
use crate::domain::score::LogFact;
use crate::domain::text::tidy;

use super::attachments::{record_blob, typed_blob, AttachmentMeta};
use super::db::{Db, Tx};
use super::error::{Result, StoreError};
use super::key::{Key, KeyRange};
use super::query::{Page, PageCursor, PageQuery, MAX_PAGE_SIZE};
use super::schema::{indexes, stores};

/// A search reads at most this many records per page request (see `ProposalStore::list`).
const SEARCH_SCAN_MAX: usize = 400;
/// [`DutyStore::recent_places`] looks at this many of the newest entries.
const RECENT_SCAN: u32 = 200;
/// Settings key of the place book ([`DutyStore::saved_places`]).
pub const PLACES_KEY: &str = "duty_places";

/// Which entries a list shows. Kind (with or without year) pages `by_kind_date`, year alone
/// `by_year_date`, nothing `by_date`; all newest date first. `words` (already folded, see
/// `text::fold`) are checked in Rust while paging.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DutyFilter {
    pub year: Option<i32>,
    pub kind: Option<DutyKind>,
    pub words: Vec<String>,
}

impl DutyFilter {
    fn query(&self) -> PageQuery {
        match (self.kind, self.year) {
            (Some(kind), Some(year)) => {
                PageQuery::newest_first(indexes::BY_KIND_DATE).range(kind_year_range(kind, year))
            }
            (Some(kind), None) => PageQuery::newest_first(indexes::BY_KIND_DATE).range(KeyRange::prefix(kind.as_str())),
            (None, Some(year)) => PageQuery::newest_first(indexes::BY_YEAR_DATE).range(KeyRange::prefix(year)),
            (None, None) => PageQuery::newest_first(indexes::BY_DATE),
        }
    }

    pub fn keeps(&self, log: &DutyLog) -> bool {
        self.kind.is_none_or(|k| log.kind == k) && self.year.is_none_or(|y| log.year == y) && log.matches(&self.words)
    }
}

/// Every `[kind, date]` key of one kind within one calendar year.
fn kind_year_range(kind: DutyKind, year: i32) -> KeyRange {
    KeyRange::between(
        Key::array([kind.as_str().into(), format!("{year:04}-01-01").into()]),
        Key::array([kind.as_str().into(), format!("{year:04}-12-31").into()]),
    )
}

#[derive(Clone, Debug)]
pub struct DutyStore {
    db: Db,
}

impl DutyStore {
    pub fn new(db: &Db) -> Self {
        DutyStore { db: db.clone() }
    }

    /// Stores an entry (new or edited). The stored `photo_ids` are kept whatever `log`
    /// holds: photos are owned by [`DutyStore::add_photo`] / [`DutyStore::remove_photo`].
    pub async fn save(&self, log: &DutyLog) -> Result<()> {
        let tx = self.db.write_tx(&[stores::DUTY_LOGS])?;
        match tx.get::<DutyLog>(stores::DUTY_LOGS, log.id.as_str()).await? {
            Some(stored) if stored.photo_ids != log.photo_ids => {
                tx.put(stores::DUTY_LOGS, &DutyLog { photo_ids: stored.photo_ids, ..log.clone() })?;
            }
            _ => tx.put(stores::DUTY_LOGS, log)?,
        }
        tx.commit().await
    }

    pub async fn get(&self, id: &str) -> Result<Option<DutyLog>> {
        self.db.read_tx(&[stores::DUTY_LOGS])?.get(stores::DUTY_LOGS, id).await
    }

    /// Deletes the entry and every photo it owns, in one transaction (a missing entry is
    /// not an error).
    pub async fn delete(&self, id: &str) -> Result<()> {
        let tx = self.db.write_tx(&[stores::DUTY_LOGS, stores::ATTACHMENTS])?;
        let listed = tx.get::<DutyLog>(stores::DUTY_LOGS, id).await?.map(|l| l.photo_ids).unwrap_or_default();
        // By owner as well as by the list, so a photo whose id never reached the list
        // (or a damaged list) does not outlive its entry.
        let owned = tx.get_all_raw(stores::ATTACHMENTS, indexes::BY_OWNER, id).await?;
        for record in owned.iter() {
            if let Some(photo_id) = js_sys::Reflect::get(&record, &JsValue::from_str("id")).ok().and_then(|v| v.as_string()) {
                tx.delete(stores::ATTACHMENTS, photo_id)?;
            }
        }
        for photo_id in listed {
            tx.delete(stores::ATTACHMENTS, photo_id)?;
        }
        tx.delete(stores::DUTY_LOGS, id)?;
        tx.commit().await
    }

    /// One page of a list, newest date first (entries of one date by id, descending). With
    /// words, a page may be short when matches are rare (at most a few hundred records are
    /// read per call); go on with `next` until it is `None`.
    pub async fn list(&self, filter: &DutyFilter, after: Option<PageCursor>, limit: u32) -> Result<Page<DutyLog>> {
        let query = filter.query().after(after).limit(limit);
        let tx = self.db.read_tx(&[stores::DUTY_LOGS])?;
        if filter.words.is_empty() {
            tx.page(stores::DUTY_LOGS, &query).await
        } else {
            tx.page_where(stores::DUTY_LOGS, &query, |l: &DutyLog| filter.keeps(l), SEARCH_SCAN_MAX).await
        }
    }

    /// How many entries of each kind fall in `year` (by date), in [`DutyKind::ALL`] order,
    /// kinds with none left out. Counted by the index over key ranges: no record is read.
    pub async fn count_by_kind(&self, year: i32) -> Result<Vec<(DutyKind, u32)>> {
        let tx = self.db.read_tx(&[stores::DUTY_LOGS])?;
        let mut out = Vec::new();
        for kind in DutyKind::ALL {
            let n = tx.count(stores::DUTY_LOGS, Some(indexes::BY_KIND_DATE), Some(&kind_year_range(kind, year))).await?;
            if n > 0 {
                out.push((kind, n));
            }
        }
        Ok(out)
    }

    /// What the yearly score needs of `year`'s entries, kind and attendance (the same facts as
    /// `LogFact::from_log` over [`Self::year_logs`]), mostly without reading them: counted per
    /// kind by the index, and only the meetings that take attendance read, for that one field.
    /// Reading and decoding a year of entries cost about 100 ms at 2,000 a year (issue 4's
    /// bar is 50 ms for the whole score).
    pub async fn year_log_facts(&self, year: i32) -> Result<Vec<LogFact>> {
        let tx = self.db.read_tx(&[stores::DUTY_LOGS])?;
        let mut out = Vec::new();
        for kind in DutyKind::ALL {
            let range = kind_year_range(kind, year);
            if kind.takes_attendance() {
                let query = PageQuery::oldest_first(indexes::BY_KIND_DATE).range(range).limit(MAX_PAGE_SIZE);
                let read: Vec<AttendanceOnly> = tx.all(stores::DUTY_LOGS, &query).await?;
                out.extend(read.into_iter().map(|a| LogFact { kind, attendance: a.attendance }));
            } else {
                let n = tx.count(stores::DUTY_LOGS, Some(indexes::BY_KIND_DATE), Some(&range)).await?;
                out.extend(std::iter::repeat_n(LogFact { kind, attendance: Attendance::Present }, n as usize));
            }
        }
        Ok(out)
    }

    /// Every entry of `year`, in date order (for the yearly report), read a page
    /// at a time in one transaction.
    pub async fn year_logs(&self, year: i32) -> Result<Vec<DutyLog>> {
        let tx = self.db.read_tx(&[stores::DUTY_LOGS])?;
        let query = PageQuery::oldest_first(indexes::BY_YEAR_DATE).range(KeyRange::prefix(year)).limit(MAX_PAGE_SIZE);
        tx.all(stores::DUTY_LOGS, &query).await
    }

    /// Every entry, oldest date first (for an export, which needs them all).
    pub async fn all(&self) -> Result<Vec<DutyLog>> {
        let query = PageQuery::oldest_first(indexes::BY_DATE).limit(MAX_PAGE_SIZE);
        self.db.read_tx(&[stores::DUTY_LOGS])?.all(stores::DUTY_LOGS, &query).await
    }

    /// Places typed in recently edited entries, most recent first, each once, at most
    /// `limit`; only the newest few hundred entries are read.
    pub async fn recent_places(&self, limit: usize) -> Result<Vec<String>> {
        let query = PageQuery::newest_first(indexes::BY_UPDATED).limit(RECENT_SCAN);
        let page: Page<PlaceOnly> = self.db.read_tx(&[stores::DUTY_LOGS])?.page(stores::DUTY_LOGS, &query).await?;
        let mut out: Vec<String> = Vec::new();
        for p in page.items {
            if out.len() >= limit {
                break;
            }
            let place = tidy(&p.place);
            if !place.is_empty() && !out.contains(&place) {
                out.push(place);
            }
        }
        Ok(out)
    }

    /// Stores a photo (`photo`, with its thumbnail `thumb`) under `meta` and appends its id
    /// to the stored entry's `photo_ids`, in one transaction; returns the entry as stored.
    /// The entry must be saved first: a missing one is refused ([`StoreError::Constraint`])
    /// and nothing is stored. The record's owner is `log_id`, whatever `meta.owner_id` says.
    pub async fn add_photo(
        &self,
        log_id: &str,
        meta: &AttachmentMeta,
        photo: &web_sys::Blob,
        thumb: &web_sys::Blob,
    ) -> Result<DutyLog> {
        const OP: &str = "add photo";
        let tx = self.db.write_tx(&[stores::DUTY_LOGS, stores::ATTACHMENTS])?;
        let mut log = stored_log(&tx, log_id, OP).await?;
        let meta = AttachmentMeta { owner_id: log_id.to_owned(), ..meta.clone() };
        let photo = typed_blob(photo, &meta.media_type, OP)?;
        let thumb_type = if thumb.type_().is_empty() { "image/jpeg".to_owned() } else { thumb.type_() };
        let thumb = typed_blob(thumb, &thumb_type, OP)?;
        let record = meta.to_record(&photo, Some(&thumb))?;
        if !log.photo_ids.contains(&meta.id) {
            log.photo_ids.push(meta.id.clone());
        }
        tx.put(stores::DUTY_LOGS, &log)?;
        tx.put_raw(stores::ATTACHMENTS, &record)?;
        tx.commit().await?;
        Ok(log)
    }

    /// Deletes a photo and its id from the entry, in one transaction; returns the entry as
    /// stored. A missing entry, or a photo that belongs to another record, is refused
    /// ([`StoreError::Constraint`]); a photo already gone just leaves the list.
    pub async fn remove_photo(&self, log_id: &str, attachment_id: &str) -> Result<DutyLog> {
        const OP: &str = "remove photo";
        let tx = self.db.write_tx(&[stores::DUTY_LOGS, stores::ATTACHMENTS])?;
        let mut log = stored_log(&tx, log_id, OP).await?;
        if let Some(record) = tx.get_raw(stores::ATTACHMENTS, attachment_id).await? {
            let meta = AttachmentMeta::from_record(&record)?;
            if meta.owner_id != log_id {
                return Err(StoreError::Constraint {
                    op: OP,
                    detail: format!("attachment {attachment_id} belongs to {}, not {log_id}", meta.owner_id),
                });
            }
            tx.delete(stores::ATTACHMENTS, attachment_id)?;
        }
        log.photo_ids.retain(|p| p != attachment_id);
        tx.put(stores::DUTY_LOGS, &log)?;
        tx.commit().await?;
        Ok(log)
    }

    /// The stored photo, or with `thumb` its thumbnail (the photo itself for a record
    /// stored without one); `None` if there is no such attachment.
    pub async fn photo(&self, attachment_id: &str, thumb: bool) -> Result<Option<web_sys::Blob>> {
        let tx = self.db.read_tx(&[stores::ATTACHMENTS])?;
        let Some(record) = tx.get_raw(stores::ATTACHMENTS, attachment_id).await? else { return Ok(None) };
        record_blob(&record, attachment_id, thumb).map(Some)
    }

    /// The meta of the photos of one entry, in the entry's `photo_ids` order (ids without a
    /// stored photo are left out).
    pub async fn photos(&self, log_id: &str) -> Result<Vec<AttachmentMeta>> {
        let tx = self.db.read_tx(&[stores::DUTY_LOGS, stores::ATTACHMENTS])?;
        let Some(log) = tx.get::<DutyLog>(stores::DUTY_LOGS, log_id).await? else { return Ok(Vec::new()) };
        let mut out = Vec::new();
        for id in &log.photo_ids {
            if let Some(record) = tx.get_raw(stores::ATTACHMENTS, id.as_str()).await? {
                out.push(AttachmentMeta::from_record(&record)?);
            }
        }
        Ok(out)
    }

    /// The member's book of places (委员工作站, 议事室…), in the order they were added.
    pub async fn saved_places(&self) -> Result<Vec<String>> {
        let rec: Option<PlaceBook> = self.db.read_tx(&[stores::SETTINGS])?.get(stores::SETTINGS, PLACES_KEY).await?;
        Ok(rec.map(|r| r.value).unwrap_or_default())
    }

    /// Adds a place (trimmed) to the end of the book unless it is empty or already there;
    /// returns the book.
    pub async fn add_place(&self, place: &str) -> Result<Vec<String>> {
        let place = tidy(place);
        self.change_places(|book| {
            if !place.is_empty() && !book.contains(&place) {
                book.push(place.clone());
            }
        })
        .await
    }

    /// Removes a place from the book (not an error if absent); returns the book.
    pub async fn remove_place(&self, place: &str) -> Result<Vec<String>> {
        let place = tidy(place);
        self.change_places(|book| book.retain(|p| *p != place)).await
    }

    /// Read-modify-write of the book in one transaction, so two quick taps cannot lose one.
    async fn change_places(&self, change: impl FnOnce(&mut Vec<String>)) -> Result<Vec<String>> {
        let tx = self.db.write_tx(&[stores::SETTINGS])?;
        let mut book: PlaceBook = tx
            .get(stores::SETTINGS, PLACES_KEY)
            .await?
            .unwrap_or_else(|| PlaceBook { key: PLACES_KEY.to_owned(), value: Vec::new() });
        change(&mut book.value);
        tx.put(stores::SETTINGS, &book)?;
        tx.commit().await?;
        Ok(book.value)
    }
}

/// The stored entry that a photo is added to or removed from.
async fn stored_log(tx: &Tx<'_>, log_id: &str, op: &'static str) -> Result<DutyLog> {
    tx.get::<DutyLog>(stores::DUTY_LOGS, log_id)
        .await?
        .ok_or_else(|| StoreError::Constraint { op, detail: format!("no duty log {log_id}") })
}

/// The one field [`DutyStore::year_log_facts`] reads of a meeting (serde skips the rest).
#[derive(Deserialize)]
struct AttendanceOnly {
    #[serde(default)]
    attendance: Attendance,
}

/// The one field [`DutyStore::recent_places`] reads (serde skips the rest).
#[derive(Deserialize)]
struct PlaceOnly {
    #[serde(default)]
    place: String,
}

/// The place book's settings record (`{ key, value }`, like every setting).
#[derive(Serialize, Deserialize)]
struct PlaceBook {
    key: String,
    #[serde(default)]
    value: Vec<String>,
}
