//! Importing one bundle file on the staff side: verify, trust, decode, dedupe, plan.
//!
//! [`classify_file`] is the whole decision for one file, in the order of `docs/BUNDLE.md`:
//! the signature and schema (`bundle::verify`), the kind, the roster ([`trust`]), each
//! item's data as a domain record (all-or-nothing: one bad item refuses the file), then
//! duplicates by (`key_id`, `bundle_id`) and payload hash, and finally one [`ItemChange`]
//! per item by its hand-in revision. It reads the staff store only through [`InboxView`],
//! so the browser can answer from IndexedDB (or from a [`MemoryInbox`] filled once per
//! batch) and tests from memory. Writing the plan in one transaction is the caller's.
//!
//! Items are keyed by (member id, type, id): ids are only unique per member (a yearly
//! report's id is its year), and keying by the signer also means no bundle can overwrite
//! another member's records.

use std::collections::{HashMap, HashSet};

use serde::de::DeserializeOwned;

use super::roster::{name_differs, trust, RosterEntry, Trust};
use crate::bundle::payload::{Item, KIND_MEMBER_SUBMISSION};
use crate::bundle::{verify, BundleError, Verified};
use crate::domain::duty::DutyLog;
use crate::domain::lifecycle::ProposalEvent;
use crate::domain::proposal::Proposal;
use crate::domain::sentiment::SentimentReport;
use crate::domain::year_report::YearReport;

/// The item types a member hands in, as staff store them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemType {
    Proposal,
    ProposalEvent,
    DutyLog,
    SentimentReport,
    YearReport,
}

impl ItemType {
    pub const ALL: [ItemType; 5] =
        [ItemType::Proposal, ItemType::ProposalEvent, ItemType::DutyLog, ItemType::SentimentReport, ItemType::YearReport];

    /// The item `type` in a bundle (one of `bundle::payload::ITEM_TYPES`).
    pub fn as_str(self) -> &'static str {
        match self {
            ItemType::Proposal => "proposal",
            ItemType::ProposalEvent => "proposal_event",
            ItemType::DutyLog => "duty_log",
            ItemType::SentimentReport => "sentiment_report",
            ItemType::YearReport => "year_report",
        }
    }

    pub fn from_code(code: &str) -> Option<ItemType> {
        ItemType::ALL.into_iter().find(|t| t.as_str() == code)
    }
}

/// One item's data as the domain record it claims to be.
#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    Proposal(Proposal),
    ProposalEvent(ProposalEvent),
    DutyLog(DutyLog),
    SentimentReport(SentimentReport),
    YearReport(YearReport),
}

impl Record {
    pub fn item_type(&self) -> ItemType {
        match self {
            Record::Proposal(_) => ItemType::Proposal,
            Record::ProposalEvent(_) => ItemType::ProposalEvent,
            Record::DutyLog(_) => ItemType::DutyLog,
            Record::SentimentReport(_) => ItemType::SentimentReport,
            Record::YearReport(_) => ItemType::YearReport,
        }
    }

    /// The record's own id (equal to its item id; [`decode_item`] checks).
    pub fn id(&self) -> &str {
        match self {
            Record::Proposal(r) => &r.id,
            Record::ProposalEvent(r) => &r.id,
            Record::DutyLog(r) => &r.id,
            Record::SentimentReport(r) => &r.id,
            Record::YearReport(r) => &r.id,
        }
    }
}

/// What is wrong with one item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemProblem {
    /// A type members do not hand in (`clue`, `receipt_status`).
    UnexpectedType,
    /// `data` is not a record of the item's type (a field missing or of the wrong kind).
    Malformed,
    /// `data.id` differs from the item's `id`.
    IdMismatch,
}

/// Why a file is refused. Nothing of it is imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rejection {
    /// The file itself: not a bundle, changed, damaged (see `bundle::verify`).
    Bundle(BundleError),
    /// A valid bundle of another kind (a staff receipt given to the staff import).
    WrongKind { kind: String },
    /// Signed by a revoked or replaced key.
    RevokedKey,
    /// Signed by a key enrolled for another member.
    KeyOfOther { member_id: String },
    /// One item does not hold (0-based `index` in the file).
    BadItem { index: usize, item_type: String, id: String, problem: ItemProblem },
}

/// Reads an item's `data` as its domain record.
pub fn decode_item(index: usize, item: &Item) -> Result<Record, Rejection> {
    let bad = |problem| Rejection::BadItem {
        index,
        item_type: item.r#type.clone(),
        id: item.id.chars().take(80).collect(),
        problem,
    };
    fn read<T: DeserializeOwned>(v: &serde_json::Value) -> Option<T> {
        serde_json::from_value(v.clone()).ok()
    }
    let ty = ItemType::from_code(&item.r#type).ok_or_else(|| bad(ItemProblem::UnexpectedType))?;
    let record = match ty {
        ItemType::Proposal => read(&item.data).map(Record::Proposal),
        ItemType::ProposalEvent => read(&item.data).map(Record::ProposalEvent),
        ItemType::DutyLog => read(&item.data).map(Record::DutyLog),
        ItemType::SentimentReport => read(&item.data).map(Record::SentimentReport),
        ItemType::YearReport => read(&item.data).map(Record::YearReport),
    }
    .ok_or_else(|| bad(ItemProblem::Malformed))?;
    if record.id() != item.id {
        return Err(bad(ItemProblem::IdMismatch));
    }
    Ok(record)
}

/// What the staff store already holds, as far as one import needs to know.
pub trait InboxView {
    /// The payload hash of the bundle stored under (`key_id`, `bundle_id`), if any.
    fn bundle_by_id(&self, key_id: &str, bundle_id: &str) -> Option<String>;
    /// Whether a bundle with this payload hash is stored.
    fn bundle_by_hash(&self, payload_sha256: &str) -> bool;
    /// The hand-in revision stored for this member's item, if any.
    fn item_rev(&self, member_id: &str, item_type: ItemType, id: &str) -> Option<u32>;
}

/// What importing does to one item, decided by its hand-in revision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemAction {
    /// Not stored yet.
    Insert,
    /// Stored under an older revision, which this one replaces.
    Replace { old_rev: u32 },
    /// Stored under this very revision: nothing changes.
    SkipSame,
    /// Stored under a newer revision (an old file imported late): kept as it is.
    SkipOlder { stored_rev: u32 },
}

impl ItemAction {
    pub fn writes(self) -> bool {
        matches!(self, ItemAction::Insert | ItemAction::Replace { .. })
    }
}

/// One item of an accepted bundle and what to do with it.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemChange {
    pub member_id: String,
    /// Hand-in revision.
    pub rev: u32,
    pub updated_at: String,
    pub record: Record,
    pub action: ItemAction,
}

/// The decision for one verified, trusted bundle.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportDecision {
    /// Not seen before: store the bundle record and write the items whose action
    /// [`ItemAction::writes`] (all of them are listed, for the result table).
    New { items: Vec<ItemChange> },
    /// The same file again: nothing changes.
    Duplicate,
    /// The same (key, bundle id) with other content: nothing is imported.
    Conflict { existing_sha: String },
    /// The bundle holds an item staff cannot read (nothing is imported).
    Rejected(Rejection),
}

/// Dedupe and plan for a bundle whose signer is trusted. The items are decoded first, so
/// a bad item refuses the whole file.
pub fn decide(v: &Verified, inbox: &impl InboxView) -> ImportDecision {
    match decode_all(v) {
        Ok(records) => decide_decoded(v, records, inbox),
        Err(e) => ImportDecision::Rejected(e),
    }
}

fn decide_decoded(v: &Verified, records: Vec<Record>, inbox: &impl InboxView) -> ImportDecision {
    if let Some(existing_sha) = inbox.bundle_by_id(&v.key_id, &v.payload.bundle_id) {
        return if existing_sha == v.payload_sha256 {
            ImportDecision::Duplicate
        } else {
            ImportDecision::Conflict { existing_sha }
        };
    }
    if inbox.bundle_by_hash(&v.payload_sha256) {
        return ImportDecision::Duplicate;
    }
    ImportDecision::New { items: plan(v, records, inbox) }
}

fn decode_all(v: &Verified) -> Result<Vec<Record>, Rejection> {
    v.payload.items.iter().enumerate().map(|(i, item)| decode_item(i, item)).collect()
}

/// One change per item. A bundle may carry one (type, id) under two revisions (verify
/// allows it): the highest wins and the other is skipped.
fn plan(v: &Verified, records: Vec<Record>, inbox: &impl InboxView) -> Vec<ItemChange> {
    let member_id = v.payload.signer.member_id.trim().to_string();
    let mut best: HashMap<(ItemType, &str), u32> = HashMap::new();
    for item in &v.payload.items {
        if let Some(ty) = ItemType::from_code(&item.r#type) {
            let e = best.entry((ty, item.id.as_str())).or_insert(item.rev);
            *e = (*e).max(item.rev);
        }
    }
    v.payload
        .items
        .iter()
        .zip(records)
        .map(|(item, record)| {
            let ty = record.item_type();
            let top = best.get(&(ty, item.id.as_str())).copied().unwrap_or(item.rev);
            let action = match inbox.item_rev(&member_id, ty, &item.id) {
                _ if item.rev < top => ItemAction::SkipOlder { stored_rev: top },
                None => ItemAction::Insert,
                Some(old) if old < item.rev => ItemAction::Replace { old_rev: old },
                Some(old) if old == item.rev => ItemAction::SkipSame,
                Some(old) => ItemAction::SkipOlder { stored_rev: old },
            };
            ItemChange { member_id: member_id.clone(), rev: item.rev, updated_at: item.updated_at.clone(), record, action }
        })
        .collect()
}

/// A bundle ready to store.
#[derive(Clone, Debug, PartialEq)]
pub struct Accepted {
    pub verified: Verified,
    pub items: Vec<ItemChange>,
    /// The roster's name when the bundle's differs (a warning to show).
    pub roster_name: Option<String>,
}

impl Accepted {
    /// The changes to write.
    pub fn upserts(&self) -> impl Iterator<Item = &ItemChange> {
        self.items.iter().filter(|c| c.action.writes())
    }
}

/// The result of one file, for the import table.
#[derive(Clone, Debug, PartialEq)]
pub enum FileResult {
    /// 新导入: write it all in one transaction.
    New(Box<Accepted>),
    /// 重复: already imported, nothing changes.
    Duplicate { bundle_id: String },
    /// 冲突: this (key, bundle id) was imported with other content.
    Conflict { bundle_id: String, existing_sha: String },
    Rejected(Rejection),
    /// 待登记: valid, but the signer is not enrolled ([`Trust::Unknown`] or
    /// [`Trust::Unenrolled`]). Keep the file; after [`super::roster::enrol`] classify it again.
    Pending { verified: Box<Verified>, trust: Trust },
    /// 待确认: signed by a new key of a known member. Import after staff confirm with the
    /// member and enrol the key, by classifying it again.
    NeedsConfirmation { verified: Box<Verified>, old_key: String },
}

/// The whole import decision for one file's bytes.
pub fn classify_file(bytes: &[u8], roster: &[RosterEntry], inbox: &impl InboxView) -> FileResult {
    match verify(bytes) {
        Ok(v) => classify(v, roster, inbox),
        Err(e) => FileResult::Rejected(Rejection::Bundle(e)),
    }
}

/// [`classify_file`] for a bundle already verified (a pending one read back from storage).
pub fn classify(v: Verified, roster: &[RosterEntry], inbox: &impl InboxView) -> FileResult {
    if v.payload.kind != KIND_MEMBER_SUBMISSION {
        return FileResult::Rejected(Rejection::WrongKind { kind: v.payload.kind.clone() });
    }
    let t = trust(roster, &v.payload.signer);
    match t {
        Trust::Revoked => return FileResult::Rejected(Rejection::RevokedKey),
        Trust::KeyOfOther { member_id } => return FileResult::Rejected(Rejection::KeyOfOther { member_id }),
        _ => {}
    }
    // Items are read before holding a file, so a bad file is refused now, not after enrolment.
    let records = match decode_all(&v) {
        Ok(r) => r,
        Err(e) => return FileResult::Rejected(e),
    };
    match t {
        Trust::Known => {}
        Trust::KeyChanged { old } => return FileResult::NeedsConfirmation { verified: Box::new(v), old_key: old },
        t => return FileResult::Pending { verified: Box::new(v), trust: t },
    }
    let bundle_id = v.payload.bundle_id.clone();
    match decide_decoded(&v, records, inbox) {
        ImportDecision::New { items } => {
            let roster_name = name_differs(roster, &v.payload.signer).map(str::to_string);
            FileResult::New(Box::new(Accepted { verified: v, items, roster_name }))
        }
        ImportDecision::Duplicate => FileResult::Duplicate { bundle_id },
        ImportDecision::Conflict { existing_sha } => FileResult::Conflict { bundle_id, existing_sha },
        ImportDecision::Rejected(r) => FileResult::Rejected(r),
    }
}

/// The copy of a proposal staff keep when a member hands it in again. Staff own the
/// lifecycle after submission (their review may be ahead of the member's copy), the
/// member owns the text: for the same text revision, status, 立案编号 and flags stay as
/// staff have them; a newer text revision (revised and submitted again, or taken back to
/// draft) is taken as the member sent it, to be reviewed afresh.
pub fn reconcile_proposal(received: Proposal, stored: Option<&Proposal>) -> Proposal {
    match stored {
        Some(s) if s.rev >= received.rev => Proposal {
            status: s.status,
            filed_number: s.filed_number.clone(),
            key_proposal: s.key_proposal,
            excellent: s.excellent,
            updated_ms: s.updated_ms.max(received.updated_ms),
            ..received
        },
        _ => received,
    }
}

/// An [`InboxView`] in memory: what the UI loads once before a batch of files and updates
/// after each one it stores ([`MemoryInbox::add`]), so duplicates within one drop are caught.
#[derive(Clone, Debug, Default)]
pub struct MemoryInbox {
    pub bundles: HashMap<(String, String), String>,
    pub hashes: HashSet<String>,
    pub items: HashMap<(String, ItemType, String), u32>,
}

impl MemoryInbox {
    /// Records an accepted bundle as stored.
    pub fn add(&mut self, a: &Accepted) {
        let v = &a.verified;
        self.bundles.insert((v.key_id.clone(), v.payload.bundle_id.clone()), v.payload_sha256.clone());
        self.hashes.insert(v.payload_sha256.clone());
        for c in a.upserts() {
            self.items.insert((c.member_id.clone(), c.record.item_type(), c.record.id().to_string()), c.rev);
        }
    }
}

impl InboxView for MemoryInbox {
    fn bundle_by_id(&self, key_id: &str, bundle_id: &str) -> Option<String> {
        self.bundles.get(&(key_id.to_string(), bundle_id.to_string())).cloned()
    }
    fn bundle_by_hash(&self, payload_sha256: &str) -> bool {
        self.hashes.contains(payload_sha256)
    }
    fn item_rev(&self, member_id: &str, item_type: ItemType, id: &str) -> Option<u32> {
        self.items.get(&(member_id.to_string(), item_type, id.to_string())).copied()
    }
}
