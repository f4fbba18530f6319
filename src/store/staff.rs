//! The staff side of storage (issue 6): the roster, imported bundles, every item members
//! handed in, files held for enrolment, and the committee's own key.
//!
//! Stores (see `schema.rs`): `roster` and `inbox` from v1, `staff_items`, `staff_pending`
//! and `staff_files` from v3. The decision what to do with a file is the pure
//! [`crate::staff::import::classify`]; this module answers its questions
//! ([`StaffStore::inbox_for`]) and writes its result ([`StaffStore::store_accepted`]), or
//! does all three in one transaction ([`StaffStore::import_verified`], the import page's).
//!
//! Invariants kept here:
//! - one accepted file is one transaction: the inbox record, every item it writes, its
//!   files and the release of the same file from `staff_pending`, all or nothing;
//! - the inbox record is `add`ed, so its unique indexes (`[key_id, bundle_id]`,
//!   `payload_sha256`) refuse a file imported meanwhile by another tab, and nothing of it
//!   is written;
//! - an item is written only over an older hand-in revision, checked again inside the
//!   transaction; a proposal keeps the staff's lifecycle fields (`reconcile_proposal`);
//! - a staff review action is one transaction over `staff_items` and `staff_actions`: the
//!   proposal moves and its action is added together, or neither; a 立案 number comes from
//!   the numbers stored at that moment, read in the same transaction.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use indexed_db_futures::internals::SystemRepr;
use wasm_bindgen::{JsCast, JsValue};

use crate::bundle::{DeviceKey, SignedBundle, Verified};
use crate::domain::lifecycle::{timeline_order, EventKind, EventType, ProposalEvent};
use crate::domain::proposal::{Proposal, ProposalLimits};
use crate::staff::import::{classify, reconcile_proposal, Accepted, FileResult, ItemType, MemoryInbox, Record};
use crate::staff::receipt::{continues, issue, next_meta, receipt_targets, Committee, IssuedReceipt, ReceiptTarget, ReceivedBundle};
use crate::staff::review::{self, FilingCounter, ReviewError, StaffAction, Stamp};
use crate::staff::roster::{self, RosterEntry, Trust};

use super::db::{Db, Tx};
use super::error::{from_dom, from_js, Result, StoreError};
use super::handoff::DeviceKeyRecord;
use super::js::from_js_value;
use super::key::{Key, KeyRange};
use super::query::{Order, Page, PageCursor, PageQuery, MAX_PAGE_SIZE};
use super::schema::{indexes, stores};

/// Id in the `keys` store of the committee's signing key (receipts), beside the member's
/// [`super::DEVICE_KEY_ID`].
pub const COMMITTEE_KEY_ID: &str = "committee";

/// The key of an item in `staff_items`: ids are unique per member only.
pub fn item_key(member_id: &str, item_type: ItemType, id: &str) -> String {
    format!("{member_id}|{}|{id}", item_type.as_str())
}

/// One item a member handed in, as staff keep it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffItem {
    /// [`item_key`].
    pub key: String,
    pub member_id: String,
    /// The bundle's item type (`proposal`, `duty_log`…).
    #[serde(rename = "type")]
    pub item_type: String,
    pub id: String,
    /// Hand-in revision.
    pub rev: u32,
    pub updated_at: String,
    /// The record's `updated_ms` (`at_ms` for events): lists show newest first.
    pub updated_ms: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The member's 界别 as the bundle says.
    pub sector: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    pub bundle_id: String,
    pub received_ms: i64,
    /// The record as handed in (a proposal as reconciled with the staff's copy).
    pub data: Value,
}

/// The staff proposal inbox's filters; `words` are already folded (`text::fold`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProposalInboxFilter {
    pub status: Option<String>,
    pub year: Option<i32>,
    pub sector: Option<String>,
    pub member_id: Option<String>,
    pub words: Vec<String>,
}

impl ProposalInboxFilter {
    /// Whether `item` passes every criterion (the index already applied one of them).
    pub fn keeps(&self, item: &StaffItem) -> bool {
        let text = |k: &str| item.data.get(k).and_then(Value::as_str).unwrap_or_default();
        self.status.as_ref().is_none_or(|s| item.status.as_ref() == Some(s))
            && self.year.is_none_or(|y| item.year == Some(y))
            && self.sector.as_ref().is_none_or(|s| item.sector == *s)
            && self.member_id.as_ref().is_none_or(|m| item.member_id == *m)
            && crate::domain::text::all_found(&self.words, &[text("title"), text("reasons"), text("suggestions")])
    }
}

/// What one accepted file did, in items.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportCounts {
    pub new: u32,
    pub updated: u32,
    pub skipped: u32,
    pub files: u32,
}

/// One imported bundle in the v1 `inbox` store (the file itself is not kept: its items are).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxRecord {
    /// "key_id|bundle_id".
    pub id: String,
    pub key_id: String,
    pub bundle_id: String,
    pub payload_sha256: String,
    pub member_id: String,
    pub name: String,
    pub sector: String,
    pub fingerprint: String,
    pub created_at: String,
    pub seq: u64,
    pub file_name: String,
    pub received_ms: i64,
    pub counts: ImportCounts,
}

/// Why a file is held in `staff_pending`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PendingReason {
    /// Not on the roster.
    Unknown,
    /// On the roster without a key.
    Unenrolled,
    /// Another key than the enrolled one.
    KeyChanged,
}

impl PendingReason {
    pub fn of(t: &Trust) -> Option<PendingReason> {
        match t {
            Trust::Unknown => Some(PendingReason::Unknown),
            Trust::Unenrolled => Some(PendingReason::Unenrolled),
            Trust::KeyChanged { .. } => Some(PendingReason::KeyChanged),
            _ => None,
        }
    }
}

/// A file held until staff enrol its signer; `text` is the whole file, classified again
/// after enrolment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingFile {
    pub payload_sha256: String,
    pub member_id: String,
    pub name: String,
    pub sector: String,
    pub key_id: String,
    pub fingerprint: String,
    pub reason: PendingReason,
    pub file_name: String,
    pub received_ms: i64,
    pub text: String,
}

impl PendingFile {
    pub fn new(v: &Verified, reason: PendingReason, file_name: &str, text: String, now_ms: i64) -> Self {
        let s = &v.payload.signer;
        PendingFile {
            payload_sha256: v.payload_sha256.clone(),
            member_id: s.member_id.trim().to_string(),
            name: s.name.clone(),
            sector: s.sector.clone(),
            key_id: v.key_id.clone(),
            fingerprint: v.fingerprint.clone(),
            reason,
            file_name: file_name.to_string(),
            received_ms: now_ms,
            text,
        }
    }
}

/// A roster row from a CSV merged with the stored one: the file's name, sector and
/// status win, and an enrolled key stays unless the file names one (a roster exported
/// from a spreadsheet usually has no key column; enrolment happens here).
pub fn merge_roster_row(stored: Option<&RosterEntry>, row: RosterEntry) -> RosterEntry {
    match stored {
        Some(s) if row.key_id.is_none() || row.key_id == s.key_id => RosterEntry {
            key_id: s.key_id.clone(),
            enrolled_ms: s.enrolled_ms,
            previous_keys: s.previous_keys.clone(),
            ..row
        },
        Some(s) => {
            let mut previous = s.previous_keys.clone();
            if let Some(old) = &s.key_id {
                if !previous.contains(old) {
                    previous.push(old.clone());
                }
            }
            RosterEntry { previous_keys: previous, ..row }
        }
        None => row,
    }
}

#[derive(Clone, Debug)]
pub struct StaffStore {
    db: Db,
}

impl StaffStore {
    /// Same as [`Db::staff`].
    pub fn new(db: &Db) -> Self {
        StaffStore { db: db.clone() }
    }

    // ── Roster

    /// The whole roster, by member id (a county committee has 100–300 members).
    pub async fn roster(&self) -> Result<Vec<RosterEntry>> {
        let query = PageQuery::by_primary_key(Order::Asc).limit(MAX_PAGE_SIZE);
        self.db.read_tx(&[stores::ROSTER])?.all(stores::ROSTER, &query).await
    }

    pub async fn member(&self, member_id: &str) -> Result<Option<RosterEntry>> {
        self.db.read_tx(&[stores::ROSTER])?.get(stores::ROSTER, member_id).await
    }

    /// Inserts or replaces one member.
    pub async fn save_member(&self, entry: &RosterEntry) -> Result<()> {
        let tx = self.db.write_tx(&[stores::ROSTER])?;
        tx.put(stores::ROSTER, entry)?;
        tx.commit().await
    }

    /// Stores a parsed roster file (all rows or none), each row merged with the stored
    /// member by [`merge_roster_row`]. Members not in the file stay. Returns the number of
    /// (new, changed) members.
    pub async fn import_roster(&self, rows: Vec<RosterEntry>) -> Result<(u32, u32)> {
        let tx = self.db.write_tx(&[stores::ROSTER])?;
        let (mut added, mut changed) = (0, 0);
        for row in rows {
            let stored: Option<RosterEntry> = tx.get(stores::ROSTER, row.member_id.as_str()).await?;
            let merged = merge_roster_row(stored.as_ref(), row);
            match &stored {
                None => added += 1,
                Some(s) if *s != merged => changed += 1,
                Some(_) => continue,
            }
            tx.put(stores::ROSTER, &merged)?;
        }
        tx.commit().await?;
        Ok((added, changed))
    }

    /// Enrols the signer of `v` (after staff compared fingerprints), reading and writing
    /// the roster in one transaction. Refused with the [`Trust`] that forbids it.
    pub async fn enrol(&self, v: &Verified, now_ms: i64) -> Result<std::result::Result<RosterEntry, Trust>> {
        let tx = self.db.write_tx(&[stores::ROSTER])?;
        let query = PageQuery::by_primary_key(Order::Asc).limit(MAX_PAGE_SIZE);
        let mut all: Vec<RosterEntry> = tx.all(stores::ROSTER, &query).await?;
        if let Err(t) = roster::enrol(&mut all, &v.payload.signer, now_ms) {
            return Ok(Err(t));
        }
        let member = v.payload.signer.member_id.trim();
        let Some(entry) = all.into_iter().find(|e| e.member_id == member) else {
            return Err(StoreError::Failed { op: "enrol", detail: "enrolled member missing".into() });
        };
        tx.put(stores::ROSTER, &entry)?;
        tx.commit().await?;
        Ok(Ok(entry))
    }

    /// Revokes the member's key. Returns whether the member is on the roster.
    pub async fn revoke(&self, member_id: &str) -> Result<bool> {
        let tx = self.db.write_tx(&[stores::ROSTER])?;
        let Some(mut e): Option<RosterEntry> = tx.get(stores::ROSTER, member_id).await? else {
            return Ok(false);
        };
        roster::revoke(std::slice::from_mut(&mut e), member_id);
        tx.put(stores::ROSTER, &e)?;
        tx.commit().await?;
        Ok(true)
    }

    // ── Import

    /// What the store holds about the bundle `v` and its items: everything
    /// [`crate::staff::import::classify`] asks, read in one transaction without loading
    /// other members' records (all requests issued at once). Read it right before
    /// classifying a file (after storing the previous one), so duplicates within one batch
    /// are caught too. [`Self::import_verified`] does this, classifies and stores at once.
    pub async fn inbox_for(&self, v: &Verified) -> Result<MemoryInbox> {
        let tx = self.db.read_tx(&[stores::INBOX, stores::STAFF_ITEMS])?;
        let (reqs, keys) = lookups(&tx, v)?;
        let results = settle_all("look up bundle", &reqs).await?;
        Ok(found(v, results, keys)?.0)
    }

    /// Classifies a verified file and stores what it says, in ONE read-write transaction:
    /// the signer's roster entries, the bundle's duplicates and its items' stored revisions
    /// are read with every request issued at once, [`classify`] decides (synchronously,
    /// so the transaction stays alive), then a new file is written as
    /// [`Self::store_accepted`] writes it and a file from a signer not enrolled (or with a
    /// changed key) is held in `staff_pending` with its text (`bytes`). Another tab
    /// importing the same file waits for this transaction and then finds a duplicate (the
    /// inbox record is still `add`ed: [`StoreError::Constraint`] if one slipped in).
    /// Returns the decision and, for a new file, what it wrote.
    pub async fn import_verified(
        &self,
        v: Verified,
        file_name: &str,
        bytes: &[u8],
        now_ms: i64,
    ) -> Result<(FileResult, Option<ImportCounts>)> {
        let tx = self.db.write_tx(&[
            stores::ROSTER,
            stores::INBOX,
            stores::STAFF_ITEMS,
            stores::STAFF_FILES,
            stores::STAFF_PENDING,
        ])?;
        let (mut reqs, keys) = lookups(&tx, &v)?;
        // The whole roster in one `getAll`: a key also found in another member's previous
        // keys must be refused, and no index covers `previous_keys`.
        reqs.push(store_of(&tx, stores::ROSTER)?.get_all().map_err(|e| from_js("read roster", &e))?);
        let mut results = settle_all("import", &reqs).await?;
        let all = results.pop().and_then(|r| r.dyn_into::<js_sys::Array>().ok()).unwrap_or_default();
        let signer = &v.payload.signer;
        let roster = roster_for(&all, signer.member_id.trim(), &signer.key_id)?;
        let (inbox, stored) = found(&v, results, keys)?;
        // From here to the commit nothing but synchronous work and issuing requests.
        let result = classify(v, &roster, &inbox);
        let held = |verified: &Verified, reason: PendingReason| {
            let text = String::from_utf8_lossy(bytes).into_owned();
            tx.put(stores::STAFF_PENDING, &PendingFile::new(verified, reason, file_name, text, now_ms))
        };
        let counts = match &result {
            FileResult::New(a) => Some(write_accepted(&tx, a, &stored, file_name, now_ms)?),
            FileResult::Pending { verified, trust } => {
                held(verified, PendingReason::of(trust).unwrap_or(PendingReason::Unknown))?;
                None
            }
            FileResult::NeedsConfirmation { verified, .. } => {
                held(verified, PendingReason::KeyChanged)?;
                None
            }
            FileResult::Duplicate { .. } | FileResult::Conflict { .. } | FileResult::Rejected(_) => None,
        };
        tx.commit().await?;
        Ok((result, counts))
    }

    /// Stores an accepted file in one transaction: the inbox record (`add`: a file stored
    /// meanwhile makes the whole write fail with [`StoreError::Constraint`]), every item
    /// whose stored revision is older (checked again here), its files, and the release of
    /// the same file from `staff_pending`. Nothing is written if any part fails.
    pub async fn store_accepted(&self, a: &Accepted, file_name: &str, now_ms: i64) -> Result<ImportCounts> {
        let member = a.verified.payload.signer.member_id.trim();
        let tx = self.db.write_tx(&[stores::INBOX, stores::STAFF_ITEMS, stores::STAFF_FILES, stores::STAFF_PENDING])?;
        let mut keys: Vec<String> = Vec::new();
        for c in a.upserts() {
            let key = item_key(member, c.record.item_type(), c.record.id());
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        let items = store_of(&tx, stores::STAFF_ITEMS)?;
        let reqs = keys
            .iter()
            .map(|k| items.get(&JsValue::from_str(k)).map_err(|e| from_js("get", &e)))
            .collect::<Result<Vec<_>>>()?;
        let results = if reqs.is_empty() { Vec::new() } else { settle_all("get", &reqs).await? };
        let stored = keys.into_iter().zip(results).filter(|(_, r)| present(r)).collect();
        let counts = write_accepted(&tx, a, &stored, file_name, now_ms)?;
        tx.commit().await?;
        Ok(counts)
    }

    /// Imported bundles, newest first.
    pub async fn bundles(&self, limit: u32) -> Result<Vec<InboxRecord>> {
        let query = PageQuery::newest_first(indexes::BY_RECEIVED).limit(limit);
        Ok(self.db.read_tx(&[stores::INBOX])?.page(stores::INBOX, &query).await?.items)
    }

    /// One page of the items of one type, newest first (`after` from the previous page).
    pub async fn items(&self, ty: ItemType, after: Option<PageCursor>, limit: u32) -> Result<Page<StaffItem>> {
        let query =
            PageQuery::newest_first(indexes::BY_TYPE).range(KeyRange::prefix(ty.as_str())).limit(limit).after(after);
        self.db.read_tx(&[stores::STAFF_ITEMS])?.page(stores::STAFF_ITEMS, &query).await
    }

    /// One page of the proposal inbox, newest first. The first criterion set picks the
    /// index (status, year, sector, member — in that order); the others and the words are
    /// checked while paging, so a page may be short: go on with `next`.
    pub async fn proposals(&self, filter: &ProposalInboxFilter, after: Option<PageCursor>, limit: u32) -> Result<Page<StaffItem>> {
        let ty = Key::from(ItemType::Proposal.as_str());
        let (index, second): (&'static str, Option<Key>) = if let Some(s) = &filter.status {
            (indexes::BY_TYPE_STATUS, Some(Key::from(s.as_str())))
        } else if let Some(y) = filter.year {
            (indexes::BY_TYPE_YEAR, Some(Key::from(y)))
        } else if let Some(s) = &filter.sector {
            (indexes::BY_TYPE_SECTOR, Some(Key::from(s.as_str())))
        } else if let Some(m) = &filter.member_id {
            (indexes::BY_TYPE_MEMBER, Some(Key::from(m.as_str())))
        } else {
            (indexes::BY_TYPE, None)
        };
        let prefix = match second {
            Some(k) => Key::Array(vec![ty, k]),
            None => ty,
        };
        let query = PageQuery::newest_first(index).range(KeyRange::prefix(prefix)).limit(limit).after(after);
        let keep = |item: &StaffItem| filter.keeps(item);
        self.db.read_tx(&[stores::STAFF_ITEMS])?.page_where(stores::STAFF_ITEMS, &query, keep, 400).await
    }

    /// Every stored item of one type, newest first (the duty overview and the receipts
    /// need them all; hundreds of members × tens of items stay well inside memory).
    pub async fn all_items(&self, ty: ItemType) -> Result<Vec<StaffItem>> {
        let query = PageQuery::newest_first(indexes::BY_TYPE).range(KeyRange::prefix(ty.as_str()));
        self.db.read_tx(&[stores::STAFF_ITEMS])?.all(stores::STAFF_ITEMS, &query).await
    }

    /// Number of stored items of one type.
    pub async fn item_count(&self, ty: ItemType) -> Result<u32> {
        let range = KeyRange::prefix(ty.as_str());
        self.db.read_tx(&[stores::STAFF_ITEMS])?.count(stores::STAFF_ITEMS, Some(indexes::BY_TYPE), Some(&range)).await
    }

    // ── Review

    /// One stored item by its [`item_key`] (the proposal detail page).
    pub async fn proposal(&self, key: &str) -> Result<Option<StaffItem>> {
        self.db.read_tx(&[stores::STAFF_ITEMS])?.get(stores::STAFF_ITEMS, key).await
    }

    /// Records one staff action on the proposal stored under `key`, in one transaction over
    /// `staff_items` and `staff_actions`: the proposal is read, moved by [`review::review`]
    /// (or [`review::file`] for 立案) and written back with its indexed status, and the
    /// action is added. A 立案 takes the next number of the proposal's year from a
    /// [`FilingCounter`] rebuilt here from every stored number (proposals and actions), so
    /// two tabs or a reload never give the same number twice (a racing tab's transaction
    /// waits for this one); the number in a caller's `EventKind::Filed` is ignored. A
    /// refused action (`Ok(Err(_))`) writes nothing.
    pub async fn review_proposal(
        &self,
        key: &str,
        kind: EventKind,
        stamp: &Stamp,
        limits: &ProposalLimits,
    ) -> Result<std::result::Result<StaffAction, ReviewError>> {
        let tx = self.db.write_tx(&[stores::STAFF_ITEMS, stores::STAFF_ACTIONS])?;
        let Some(mut item): Option<StaffItem> = tx.get(stores::STAFF_ITEMS, key).await? else {
            return Err(StoreError::Failed { op: "review", detail: format!("no proposal stored under {key}") });
        };
        if item.item_type != ItemType::Proposal.as_str() {
            return Err(StoreError::Failed { op: "review", detail: format!("{key} is not a proposal") });
        }
        let mut p: Proposal = serde_json::from_value(item.data.clone())
            .map_err(|e| StoreError::Decode { store: stores::STAFF_ITEMS.into(), detail: e.to_string() })?;
        let done = if kind.event_type() == EventType::Filed {
            let mut counter = filing_counter_in(&tx).await?;
            review::file(&mut p, &mut counter, stamp, limits)
        } else {
            review::review(&mut p, kind, stamp, limits)
        };
        let action = match done {
            Ok(a) => a,
            // Nothing was written; dropping the transaction ends it.
            Err(e) => return Ok(Err(e)),
        };
        item.data = to_value(&p)?;
        item.status = Some(p.status.as_str().to_string());
        item.updated_ms = p.updated_ms;
        tx.put(stores::STAFF_ITEMS, &item)?;
        // Through a JSON value, so the event's (internally tagged, large) serde code exists
        // once, for serde_json, as the import already needs it (−25 KB gzip measured).
        tx.add(stores::STAFF_ACTIONS, &to_value(&action)?)?;
        tx.commit().await?;
        Ok(Ok(action))
    }

    /// The number the next 立案 of `year` would get now (shown on the form; the action
    /// itself takes the number again inside its transaction).
    pub async fn peek_filing_number(&self, year: i32) -> Result<String> {
        let tx = self.db.read_tx(&[stores::STAFF_ITEMS, stores::STAFF_ACTIONS])?;
        Ok(filing_counter_in(&tx).await?.peek(year))
    }

    /// The staff history of one proposal, newest first ([`review::history_order`]).
    pub async fn actions_for(&self, proposal_id: &str) -> Result<Vec<StaffAction>> {
        let query = PageQuery::newest_first(indexes::BY_PROPOSAL).range(KeyRange::prefix(proposal_id)).limit(MAX_PAGE_SIZE);
        let records: Vec<Value> = self.db.read_tx(&[stores::STAFF_ACTIONS])?.all(stores::STAFF_ACTIONS, &query).await?;
        // Decoded from JSON values like the import's events (see `review_proposal`).
        let mut actions = records
            .into_iter()
            .map(serde_json::from_value::<StaffAction>)
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| StoreError::Decode { store: stores::STAFF_ACTIONS.into(), detail: e.to_string() })?;
        review::history_order(&mut actions);
        Ok(actions)
    }

    /// The events a member handed in for one of their proposals (`proposal_event` items),
    /// oldest first ([`timeline_order`]).
    pub async fn member_events(&self, member_id: &str, proposal_id: &str) -> Result<Vec<ProposalEvent>> {
        let prefix = Key::array([Key::from(ItemType::ProposalEvent.as_str()), Key::from(member_id)]);
        let query = PageQuery::oldest_first(indexes::BY_TYPE_MEMBER).range(KeyRange::prefix(prefix)).limit(MAX_PAGE_SIZE);
        let items: Vec<StaffItem> = self.db.read_tx(&[stores::STAFF_ITEMS])?.all(stores::STAFF_ITEMS, &query).await?;
        let mut events: Vec<ProposalEvent> = items
            .into_iter()
            .filter_map(|i| serde_json::from_value::<ProposalEvent>(i.data).ok())
            .filter(|e| e.proposal_id == proposal_id)
            .collect();
        timeline_order(&mut events);
        Ok(events)
    }

    /// The files a member handed in with one record (`owner_id`), by name, without their
    /// bytes.
    pub async fn files_of(&self, member_id: &str, owner_id: &str) -> Result<Vec<StaffFileInfo>> {
        let key = Key::array([Key::from(member_id), Key::from(owner_id)]);
        let list = self.db.read_tx(&[stores::STAFF_FILES])?.get_all_raw(stores::STAFF_FILES, indexes::BY_ITEM, key).await?;
        let mut out: Vec<StaffFileInfo> = list
            .iter()
            .map(|v| {
                let get = |k: &str| js_sys::Reflect::get(&v, &JsValue::from_str(k)).unwrap_or_default();
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                StaffFileInfo {
                    id: get("id").as_string().unwrap_or_default(),
                    name: get("name").as_string().unwrap_or_default(),
                    media_type: get("media_type").as_string().unwrap_or_default(),
                    size: get("size").as_f64().map_or(0, |n| n.max(0.0) as u64),
                }
            })
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// The bytes of one file a member handed in (`id` as in [`StaffFileInfo`]), as the Blob
    /// stored at import; `None` when there is no such file.
    pub async fn file_blob(&self, member_id: &str, id: &str) -> Result<Option<web_sys::Blob>> {
        let key = format!("{member_id}|{id}");
        let Some(record) = self.db.read_tx(&[stores::STAFF_FILES])?.get_raw(stores::STAFF_FILES, key.as_str()).await? else {
            return Ok(None);
        };
        let blob = js_sys::Reflect::get(&record, &JsValue::from_str("blob")).map_err(|e| from_js("read file", &e))?;
        Ok(blob.dyn_into::<web_sys::Blob>().ok())
    }

    // ── Pending

    /// Holds a file until its signer is enrolled (replacing the same file held before).
    pub async fn hold(&self, pending: &PendingFile) -> Result<()> {
        let tx = self.db.write_tx(&[stores::STAFF_PENDING])?;
        tx.put(stores::STAFF_PENDING, pending)?;
        tx.commit().await
    }

    /// Held files, newest first.
    pub async fn pending(&self) -> Result<Vec<PendingFile>> {
        let query = PageQuery::newest_first(indexes::BY_RECEIVED).limit(MAX_PAGE_SIZE);
        self.db.read_tx(&[stores::STAFF_PENDING])?.all(stores::STAFF_PENDING, &query).await
    }

    /// Drops a held file (refused after all, or imported: [`Self::store_accepted`] also
    /// releases it, in its own transaction).
    pub async fn release(&self, payload_sha256: &str) -> Result<()> {
        let tx = self.db.write_tx(&[stores::STAFF_PENDING])?;
        tx.delete(stores::STAFF_PENDING, payload_sha256)?;
        tx.commit().await
    }

    // ── The committee key

    /// The committee's signing key (receipts), `None` until made.
    pub async fn committee_key(&self) -> Result<Option<DeviceKeyRecord>> {
        self.db.read_tx(&[stores::KEYS])?.get(stores::KEYS, COMMITTEE_KEY_ID).await
    }

    /// Stores the committee key once: a second one would make every member's pinned
    /// fingerprint wrong, so an existing key is kept and returned instead.
    pub async fn create_committee_key(&self, record: &DeviceKeyRecord) -> Result<DeviceKeyRecord> {
        let tx = self.db.write_tx(&[stores::KEYS])?;
        if let Some(existing) = tx.get::<DeviceKeyRecord>(stores::KEYS, COMMITTEE_KEY_ID).await? {
            return Ok(existing);
        }
        tx.add(stores::KEYS, record)?;
        tx.commit().await?;
        Ok(record.clone())
    }

    /// Replaces the stored committee key record by the same key under a new protection
    /// (a passphrase set, changed or removed): refused when no key or another key is stored.
    pub async fn reseal_committee_key(&self, record: &DeviceKeyRecord) -> Result<()> {
        let tx = self.db.write_tx(&[stores::KEYS])?;
        match tx.get::<DeviceKeyRecord>(stores::KEYS, COMMITTEE_KEY_ID).await? {
            Some(existing) if existing.key_id == record.key_id && record.id == COMMITTEE_KEY_ID => {}
            _ => return Err(StoreError::Failed { op: "reseal committee key", detail: "not the stored committee key".into() }),
        }
        tx.put(stores::KEYS, record)?;
        tx.commit().await
    }

    // ── Receipts

    /// Every staff action (the review history), oldest id first.
    pub async fn actions(&self) -> Result<Vec<StaffAction>> {
        let query = PageQuery::by_primary_key(Order::Asc).limit(MAX_PAGE_SIZE);
        self.db.read_tx(&[stores::STAFF_ACTIONS])?.all(stores::STAFF_ACTIONS, &query).await
    }

    /// The members who handed in bundles, with what a receipt to each would carry; the
    /// inbox and the actions are read in one transaction.
    pub async fn receipt_targets(&self) -> Result<Vec<ReceiptTarget>> {
        let tx = self.db.read_tx(&[stores::INBOX, stores::STAFF_ACTIONS])?;
        let (received, actions) = received_and_actions(&tx).await?;
        Ok(receipt_targets(&received, &actions))
    }

    /// Signs a receipt for the members `only` (`None`: everyone who handed in) and records
    /// it, in one transaction: the inbox, the actions and the last receipt are read, the
    /// receipt takes the next `seq` and the last one's hash as `prev`, and its record is
    /// `add`ed under its `seq`, so two tabs signing at once cannot both use a number (the
    /// second fails with [`StoreError::Constraint`]; nothing of it is given out). The
    /// caller delivers the returned file after this succeeds. `Ok(None)` when nobody
    /// chosen handed anything in.
    #[allow(clippy::too_many_arguments)]
    pub async fn issue_receipt(
        &self,
        committee: &Committee,
        key: &DeviceKey,
        only: Option<&[String]>,
        file_name: &str,
        bundle_id: String,
        now_ms: i64,
    ) -> Result<Option<(SignedBundle, IssuedReceipt)>> {
        let tx = self.db.write_tx(&[stores::INBOX, stores::STAFF_ACTIONS, stores::SETTINGS])?;
        let (received, actions) = received_and_actions(&tx).await?;
        let last = last_receipt_in(&tx).await?;
        let meta = next_meta(last.as_ref(), bundle_id, now_ms);
        let targets = receipt_targets(&received, &actions);
        let Some(signed) = issue(committee, key, &meta, &targets, &actions, only, file_name) else { return Ok(None) };
        let (signed, issued) = signed.map_err(|e| StoreError::Failed { op: "sign receipt", detail: format!("{e:?}") })?;
        if !continues(last.as_ref(), &issued, meta.prev.as_deref()) {
            return Err(StoreError::Constraint { op: "issue receipt", detail: "receipt chain".into() });
        }
        tx.add(stores::SETTINGS, &ReceiptRecord { key: receipt_key(issued.seq), value: issued.clone() })?;
        tx.commit().await?;
        Ok(Some((signed, issued)))
    }

    /// The newest receipt this device signed: the next one continues after it.
    pub async fn last_receipt(&self) -> Result<Option<IssuedReceipt>> {
        last_receipt_in(&self.db.read_tx(&[stores::SETTINGS])?).await
    }

    /// Receipts this device signed, newest first.
    pub async fn receipts(&self) -> Result<Vec<IssuedReceipt>> {
        let query = PageQuery::by_primary_key(Order::Desc).range(receipt_range()).limit(MAX_PAGE_SIZE);
        let all: Vec<ReceiptRecord> = self.db.read_tx(&[stores::SETTINGS])?.all(stores::SETTINGS, &query).await?;
        Ok(all.into_iter().map(|r| r.value).collect())
    }

    /// The committee's code and name as receipts are signed, `None` until saved.
    pub async fn committee_name(&self) -> Result<Option<CommitteeName>> {
        self.db.settings().get_value(COMMITTEE_SETTING).await
    }

    pub async fn save_committee_name(&self, name: &CommitteeName) -> Result<()> {
        self.db.settings().set_value(COMMITTEE_SETTING, name).await
    }
}

/// Settings key of the committee's code and name ([`CommitteeName`]).
pub const COMMITTEE_SETTING: &str = "staff.committee";

/// Issued receipts live in the `settings` store as `{key: "staff.receipt/<seq>", value}`,
/// one record per receipt: no schema change, kept in backups like every setting, and the
/// primary key makes a `seq` unique. Seq is zero-padded so keys sort as numbers.
const RECEIPT_PREFIX: &str = "staff.receipt/";

fn receipt_key(seq: u64) -> String {
    format!("{RECEIPT_PREFIX}{seq:012}")
}

fn receipt_range() -> KeyRange {
    KeyRange::between(RECEIPT_PREFIX, format!("{RECEIPT_PREFIX}\u{ffff}"))
}

#[derive(Serialize, Deserialize)]
struct ReceiptRecord {
    key: String,
    value: IssuedReceipt,
}

/// How receipts name the committee (the code stands where a member id would).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitteeName {
    pub code: String,
    pub name: String,
}

async fn last_receipt_in(tx: &super::db::Tx<'_>) -> Result<Option<IssuedReceipt>> {
    let query = PageQuery::by_primary_key(Order::Desc).range(receipt_range()).limit(1);
    let page: Page<ReceiptRecord> = tx.page(stores::SETTINGS, &query).await?;
    Ok(page.items.into_iter().next().map(|r| r.value))
}

/// Every imported bundle (as the receipts need it) and every staff action.
async fn received_and_actions(tx: &super::db::Tx<'_>) -> Result<(Vec<ReceivedBundle>, Vec<StaffAction>)> {
    let query = PageQuery::by_primary_key(Order::Asc).limit(MAX_PAGE_SIZE);
    let inbox: Vec<InboxRecord> = tx.all(stores::INBOX, &query).await?;
    let actions: Vec<StaffAction> = tx.all(stores::STAFF_ACTIONS, &query).await?;
    let received = inbox
        .into_iter()
        .map(|r| ReceivedBundle { member_id: r.member_id, name: r.name, bundle_id: r.bundle_id, received_ms: r.received_ms })
        .collect();
    Ok((received, actions))
}

/// A file handed in with a record, as the proposal page lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffFileInfo {
    pub id: String,
    pub name: String,
    pub media_type: String,
    pub size: u64,
}

/// A [`FilingCounter`] past every 立案编号 stored in `tx` (which must cover `staff_items`
/// and `staff_actions`): the numbers on proposals (staff's and those a member recorded by
/// hand) and the numbers of 立案 actions (kept even if a proposal later lost its number).
async fn filing_counter_in(tx: &super::db::Tx<'_>) -> Result<FilingCounter> {
    let query = PageQuery::oldest_first(indexes::BY_TYPE).range(KeyRange::prefix(ItemType::Proposal.as_str())).limit(MAX_PAGE_SIZE);
    let items: Vec<NumberOfItem> = tx.all(stores::STAFF_ITEMS, &query).await?;
    let query = PageQuery::by_primary_key(super::query::Order::Asc).limit(MAX_PAGE_SIZE);
    let actions: Vec<NumberOfAction> = tx.all(stores::STAFF_ACTIONS, &query).await?;
    let numbers = items
        .iter()
        .filter_map(|i| i.data.filed_number.as_deref())
        .chain(actions.iter().filter_map(|a| a.event.kind.number.as_deref()));
    Ok(FilingCounter::from_numbers(numbers))
}

/// Only the 立案编号 of a stored proposal item (serde skips the rest).
#[derive(Deserialize)]
struct NumberOfItem {
    #[serde(default)]
    data: FiledNumber,
}

#[derive(Default, Deserialize)]
struct FiledNumber {
    #[serde(default)]
    filed_number: Option<String>,
}

/// Only the number of a stored action's event (set for 立案 only).
#[derive(Deserialize)]
struct NumberOfAction {
    event: EventNumber,
}

#[derive(Deserialize)]
struct EventNumber {
    kind: KindNumber,
}

#[derive(Deserialize)]
struct KindNumber {
    #[serde(default)]
    number: Option<String>,
}

/// Only the revision of a stored item (the data is not decoded for the dedupe lookup).
#[derive(Deserialize)]
struct ItemRev {
    rev: u32,
}

/// The object store `name` of `tx` as the browser's own handle (to issue requests by hand).
fn store_of(tx: &Tx<'_>, name: &str) -> Result<web_sys::IdbObjectStore> {
    let os = tx.object_store(name)?;
    let sys: &web_sys::IdbObjectStore = os.as_sys();
    Ok(sys.clone())
}

/// Whether a `get` found a record.
fn present(v: &JsValue) -> bool {
    !v.is_undefined() && !v.is_null()
}

/// Awaits requests issued together in one transaction, with one promise over all of them:
/// the browser serves them back to back instead of one event-loop round trip each. Their
/// results, in order. The handlers are set before anything is awaited, so no `success` is
/// missed; the continuation runs in the microtask checkpoint after the last one, while
/// the transaction is still active (as with `super::js::next_event`).
async fn settle_all(op: &'static str, reqs: &[web_sys::IdbRequest]) -> Result<Vec<JsValue>> {
    let promises: js_sys::Array = reqs
        .iter()
        .map(|req| {
            JsValue::from(js_sys::Promise::new(&mut |resolve, reject| {
                req.set_onsuccess(Some(&resolve));
                req.set_onerror(Some(&reject));
            }))
        })
        .collect();
    let outcome = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::all(&promises)).await;
    for req in reqs {
        req.set_onsuccess(None);
        req.set_onerror(None);
    }
    if outcome.is_err() {
        // `error` throws on a request still pending: only a finished, failed one answers.
        let cause = reqs.iter().find_map(|r| r.error().ok().flatten());
        return Err(match cause {
            Some(e) => from_dom(op, &e),
            None => StoreError::Failed { op, detail: "request failed without an error".into() },
        });
    }
    reqs.iter().map(|r| r.result().map_err(|e| from_js(op, &e))).collect()
}

/// One distinct item of a file: its key in [`MemoryInbox::items`] and its [`item_key`].
type ItemSlot = ((String, ItemType, String), String);

/// Issues (without awaiting) the reads [`classify`] needs about `v` in `tx` (which covers
/// `inbox` and `staff_items`): the bundle by (key id, bundle id), by payload hash, then
/// each distinct item of a known type. [`found`] reads the answers.
fn lookups(tx: &Tx<'_>, v: &Verified) -> Result<(Vec<web_sys::IdbRequest>, Vec<ItemSlot>)> {
    let fail = |e: JsValue| from_js("look up bundle", &e);
    let inbox = store_of(tx, stores::INBOX)?;
    let by_bundle = Key::array([Key::from(v.key_id.as_str()), Key::from(v.payload.bundle_id.as_str())]);
    let mut reqs = vec![
        inbox.index(indexes::BY_BUNDLE).and_then(|ix| ix.get(&by_bundle.to_js())).map_err(fail)?,
        inbox.index(indexes::BY_HASH).and_then(|ix| ix.get(&JsValue::from_str(&v.payload_sha256))).map_err(fail)?,
    ];
    let items = store_of(tx, stores::STAFF_ITEMS)?;
    let member = v.payload.signer.member_id.trim();
    let mut slots: Vec<ItemSlot> = Vec::new();
    for item in &v.payload.items {
        let Some(ty) = ItemType::from_code(&item.r#type) else { continue };
        let k = (member.to_string(), ty, item.id.clone());
        if slots.iter().any(|(s, _)| *s == k) {
            continue;
        }
        let key = item_key(member, ty, &item.id);
        reqs.push(items.get(&JsValue::from_str(&key)).map_err(fail)?);
        slots.push((k, key));
    }
    Ok((reqs, slots))
}

/// The answers to [`lookups`] (in its order) as the [`MemoryInbox`] [`classify`] reads, and
/// the stored items found, raw, by [`item_key`] (decoded only when written over).
fn found(v: &Verified, results: Vec<JsValue>, slots: Vec<ItemSlot>) -> Result<(MemoryInbox, HashMap<String, JsValue>)> {
    let mut out = MemoryInbox::default();
    let mut results = results.into_iter();
    let (by_bundle, by_hash) = (results.next().unwrap_or_default(), results.next().unwrap_or_default());
    if present(&by_bundle) {
        let r: BundleHash = from_js_value(stores::INBOX, by_bundle)?;
        out.bundles.insert((v.key_id.clone(), v.payload.bundle_id.clone()), r.payload_sha256);
    }
    if present(&by_hash) {
        out.hashes.insert(v.payload_sha256.clone());
    }
    let mut stored = HashMap::new();
    for ((k, key), r) in slots.into_iter().zip(results) {
        if present(&r) {
            let s: ItemRev = from_js_value(stores::STAFF_ITEMS, r.clone())?;
            out.items.insert(k, s.rev);
            stored.insert(key, r);
        }
    }
    Ok((out, stored))
}

/// The roster entries [`roster::trust`] and [`roster::name_differs`] look at for a signer,
/// from every raw roster record in primary-key order (as [`StaffStore::roster`] returns
/// them): the signer's own and any holding the signer's key, now or before. Both answer
/// from these exactly as from the whole roster; the other entries are not decoded.
fn roster_for(all: &js_sys::Array, member_id: &str, key_id: &str) -> Result<Vec<RosterEntry>> {
    let (member, key) = (JsValue::from_str(member_id), JsValue::from_str(key_id));
    let names = [JsValue::from_str("member_id"), JsValue::from_str("key_id"), JsValue::from_str("previous_keys")];
    let field = |r: &JsValue, i: usize| js_sys::Reflect::get(r, &names[i]).unwrap_or_default();
    all.iter()
        .filter(|r| {
            field(r, 0) == member
                || field(r, 1) == key
                || field(r, 2).dyn_into::<js_sys::Array>().is_ok_and(|a| a.includes(&key, 0))
        })
        .map(|r| from_js_value(stores::ROSTER, r))
        .collect()
}

/// Writes an accepted file into `tx` (which covers `inbox`, `staff_items`, `staff_files`
/// and `staff_pending`), given the items `stored` in it before, read in the same
/// transaction, by [`item_key`]. Only issues requests (nothing is awaited); see
/// [`StaffStore::store_accepted`] for what is written.
fn write_accepted(tx: &Tx<'_>, a: &Accepted, stored: &HashMap<String, JsValue>, file_name: &str, now_ms: i64) -> Result<ImportCounts> {
    let v = &a.verified;
    let p = &v.payload;
    let member = p.signer.member_id.trim().to_string();
    let mut counts = ImportCounts::default();
    // Within one file the highest revision of an item wins (the plan skips the others);
    // what this file wrote stands for the stored record of its key from then on.
    let mut written: HashMap<String, StaffItem> = HashMap::new();
    for (i, change) in a.items.iter().enumerate() {
        let ty = change.record.item_type();
        let key = item_key(&member, ty, change.record.id());
        let before = written.get(&key);
        if !change.action.writes() || before.is_some_and(|w| w.rev >= change.rev) {
            counts.skipped += 1;
            continue;
        }
        let decoded: Option<StaffItem> = match before {
            Some(_) => None,
            None => stored.get(&key).map(|r| from_js_value(stores::STAFF_ITEMS, r.clone())).transpose()?,
        };
        let old = before.or(decoded.as_ref());
        if old.is_some_and(|s| s.rev >= change.rev) {
            counts.skipped += 1;
            continue;
        }
        let data = match &change.record {
            Record::Proposal(received) => {
                let old: Option<Proposal> = old.and_then(|s| serde_json::from_value(s.data.clone()).ok());
                to_value(&reconcile_proposal(received.clone(), old.as_ref()))?
            }
            _ => p.items.get(i).map(|it| it.data.clone()).unwrap_or(Value::Null),
        };
        if old.is_some() {
            counts.updated += 1;
        } else {
            counts.new += 1;
        }
        let text = |k: &str| data.get(k).and_then(Value::as_str).map(str::to_string);
        let number = |k: &str| data.get(k).and_then(Value::as_i64);
        let item = StaffItem {
            key: key.clone(),
            member_id: member.clone(),
            item_type: ty.as_str().to_string(),
            id: change.record.id().to_string(),
            rev: change.rev,
            updated_at: change.updated_at.clone(),
            updated_ms: number("updated_ms").or_else(|| number("at_ms")).unwrap_or(now_ms),
            year: number("year").and_then(|y| i32::try_from(y).ok()),
            sector: p.signer.sector.clone(),
            status: text("status"),
            category: text("category"),
            bundle_id: p.bundle_id.clone(),
            received_ms: now_ms,
            data,
        };
        tx.put(stores::STAFF_ITEMS, &item)?;
        written.insert(key, item);
    }
    for att in &p.attachments {
        use base64::Engine;
        let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(&att.data) else {
            return Err(StoreError::Failed { op: "import file", detail: format!("attachment {} unreadable", att.id) });
        };
        tx.put_raw(stores::STAFF_FILES, &file_record(&member, att, &bytes, now_ms)?)?;
        counts.files += 1;
    }
    let record = InboxRecord {
        id: format!("{}|{}", v.key_id, p.bundle_id),
        key_id: v.key_id.clone(),
        bundle_id: p.bundle_id.clone(),
        payload_sha256: v.payload_sha256.clone(),
        member_id: member.clone(),
        name: p.signer.name.clone(),
        sector: p.signer.sector.clone(),
        fingerprint: v.fingerprint.clone(),
        created_at: p.created_at.clone(),
        seq: p.seq,
        file_name: file_name.to_string(),
        received_ms: now_ms,
        counts,
    };
    tx.add(stores::INBOX, &record)?;
    tx.delete(stores::STAFF_PENDING, v.payload_sha256.as_str())?;
    Ok(counts)
}

/// Only the payload hash of a stored inbox record (the duplicate lookup).
#[derive(Deserialize)]
struct BundleHash {
    payload_sha256: String,
}

fn to_value<T: Serialize>(v: &T) -> Result<Value> {
    serde_json::to_value(v).map_err(|e| StoreError::Failed { op: "encode", detail: e.to_string() })
}

/// A `staff_files` record: the attachment's fields and its bytes as a typed Blob.
fn file_record(member: &str, att: &crate::bundle::Attachment, bytes: &[u8], now_ms: i64) -> Result<JsValue> {
    let fail = |e: JsValue| from_js("import file", &e);
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&att.media_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(fail)?;
    let o = js_sys::Object::new();
    #[allow(clippy::cast_precision_loss)]
    let fields = [
        ("key", JsValue::from_str(&format!("{member}|{}", att.id))),
        ("member_id", JsValue::from_str(member)),
        ("id", JsValue::from_str(&att.id)),
        ("owner_id", JsValue::from_str(&att.owner_id)),
        ("name", JsValue::from_str(&att.name)),
        ("media_type", JsValue::from_str(&att.media_type)),
        ("size", JsValue::from_f64(att.size as f64)),
        ("sha256", JsValue::from_str(&att.sha256)),
        ("received_ms", JsValue::from_f64(now_ms as f64)),
        ("blob", blob.into()),
    ];
    for (k, v) in fields {
        js_sys::Reflect::set(&o, &JsValue::from_str(k), &v).map_err(fail)?;
    }
    Ok(o.into())
}
