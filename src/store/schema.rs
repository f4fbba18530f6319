//! The database schema as data: an ordered list of migration steps, one per version.
//!
//! # How versions work
//!
//! The schema version is the `version` of the last [`Migration`] in [`Schema::steps`].
//! Opening a database whose on-disk version is lower fires `upgradeneeded`; the runner
//! ([`Schema::upgrade`]) then applies, in order, every step with
//! `old_version < step.version <= new_version`. A fresh database (old version 0) therefore
//! runs every step, an up-to-date one runs none, and a v1 database opened by v3 code runs
//! steps 2 and 3. Version 1 is step 1, [`V1`] (every store the product started with);
//! version 2 is [`V2`], which adds the [`stores::YEAR_REPORTS`] store and has no data step;
//! version 3 is [`V3`], the staff workspace's own stores (issue 6), create only as well.
//!
//! A step may only do what `indexed_db_futures` 0.6's upgrade callback allows, i.e. what
//! needs no `versionchange` transaction handle:
//! - `create`: new object stores, **each created together with all of its indexes**
//!   (an index cannot be added to an existing store from the 0.6 callback);
//! - `delete`: drop whole stores that an earlier step replaced.
//!
//! Everything that touches records (reshaping, splitting, back-filling a new field) is a
//! **data step**, [`Migration::data`], run right after the open succeeds, in one readwrite
//! transaction over all stores together with the bump of the `data_version` marker in the
//! [`stores::META`] store. A crash in between leaves the marker behind, so the step runs
//! again on the next open; data steps must therefore be idempotent (upserts by id).
//!
//! # Planned shape of a store change (version 3 and later)
//!
//! Adding a brand-new store needs only a `create`, without a data step: that is all
//! [`V2`] does. Fields that are merely added to records need no step at all: serde fills
//! them with defaults when reading.
//!
//! To change a store's key path or give it a new index (say `proposals` gains
//! `by_committee [committee, updated_ms]`):
//! 1. v3 step `create`s `proposals_v2` with the new key path and *all* indexes (old and
//!    new), and has a `data` step that copies every `proposals` record into `proposals_v2`
//!    (page by page with [`Tx::page`](super::Tx::page), filling the new field), skipping
//!    gracefully when `proposals` no longer exists (a database jumping several versions).
//! 2. Code from v3 on reads and writes `proposals_v2` only.
//! 3. A later step (v4 or after) lists `proposals` in `delete`, once no data step still
//!    reads from it.
//!
//! Every version must come with a browser test that writes data with the previous version,
//! reopens with the new schema, and finds every record intact (see `tests/web_store.rs`).
//!
//! # Record conventions
//!
//! Records are plain JS objects (serde structs). Every record has a string `id` (UUID)
//! unless its store says otherwise, `updated_ms` (ms since the epoch) where lists show
//! newest first, and `year` where lists filter by year. Single-field indexes use a plain key
//! path (keys are scalars); compound ones an array key path (keys are arrays). Keys cannot
//! be booleans, and a record whose indexed field is missing is simply absent from that
//! index.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyPath;

use super::db::{StepFuture, Tx};
use super::error::Result;

/// Name of the product database. Tests pass their own names.
pub const DB_NAME: &str = "lvzhi";

/// Object store names. [`V1`](super::V1) creates all of them except
/// [`YEAR_REPORTS`], which [`V2`](super::V2) adds.
pub mod stores {
    /// The member's own profile, one record with id [`super::PROFILE_ID`].
    pub const PROFILE: &str = "profile";
    /// UI preferences, `{ key, value }`.
    pub const SETTINGS: &str = "settings";
    /// Storage bookkeeping, `{ key, value }` (e.g. `data_version`). Not user data.
    pub const META: &str = "meta";
    /// 提案; lists by update time, status, year, category.
    pub const PROPOSALS: &str = "proposals";
    /// A proposal's history (submitted, accepted, answered…), by `proposal_id`.
    pub const PROPOSAL_EVENTS: &str = "proposal_events";
    /// Saved texts of a proposal, by `proposal_id` and `rev`.
    pub const PROPOSAL_REVISIONS: &str = "proposal_revisions";
    /// 履职记录: meetings, inspections, surveys; by date, year and kind.
    pub const DUTY_LOGS: &str = "duty_logs";
    /// 社情民意信息.
    pub const SENTIMENT_REPORTS: &str = "sentiment_reports";
    /// 线索: notes that may become proposals or reports.
    pub const CLUES: &str = "clues";
    /// Files attached to any record, by `owner_id`.
    pub const ATTACHMENTS: &str = "attachments";
    /// The member's signing keys.
    pub const KEYS: &str = "keys";
    /// Bundles this device signed, by per-device `seq` (unique) and `created_ms`.
    pub const SENT_BUNDLES: &str = "sent_bundles";
    /// Staff: imported bundles.
    pub const INBOX: &str = "inbox";
    /// Staff: known members and their keys, keyed by `member_id`.
    pub const ROSTER: &str = "roster";
    /// 年度履职报告, one per year (id = the year, "2026"); since v2.
    pub const YEAR_REPORTS: &str = "year_reports";
    /// Staff, since v3: every item members handed in, keyed by `key` = "member_id|type|id"
    /// (ids are unique per member only), with the bundle's `data` and the fields the inbox
    /// filters need.
    pub const STAFF_ITEMS: &str = "staff_items";
    /// Staff, since v3: files held until staff enrol the signer (unknown member, no key yet,
    /// changed key), keyed by `payload_sha256`, with the file's text.
    pub const STAFF_PENDING: &str = "staff_pending";
    /// Staff, since v3: the review history staff record on proposals.
    pub const STAFF_ACTIONS: &str = "staff_actions";
    /// Staff, since v3: files that came inside bundles (Blobs), keyed by `key` =
    /// "member_id|attachment id". Kept apart from the member's own `attachments`, since a
    /// staff desk may also be a member's browser and the two must never mix.
    pub const STAFF_FILES: &str = "staff_files";
}

/// Index names (the same name means the same idea in every store that has it).
pub mod indexes {
    /// `updated_ms`: proposals, duty_logs, sentiment_reports, clues, year_reports.
    pub const BY_UPDATED: &str = "by_updated";
    /// `[status, updated_ms]`: proposals, sentiment_reports.
    pub const BY_STATUS: &str = "by_status";
    /// `[year, updated_ms]`: proposals, sentiment_reports, clues.
    pub const BY_YEAR: &str = "by_year";
    /// `[category, updated_ms]`: proposals.
    pub const BY_CATEGORY: &str = "by_category";
    /// `[proposal_id, at_ms]` in proposal_events, `[proposal_id, rev]` in proposal_revisions.
    pub const BY_PROPOSAL: &str = "by_proposal";
    /// `date` (ISO "YYYY-MM-DD" string): duty_logs.
    pub const BY_DATE: &str = "by_date";
    /// `[year, date]`: duty_logs.
    pub const BY_YEAR_DATE: &str = "by_year_date";
    /// `[kind, date]`: duty_logs.
    pub const BY_KIND_DATE: &str = "by_kind_date";
    /// `owner_id`: attachments.
    pub const BY_OWNER: &str = "by_owner";
    /// `seq`, unique: sent_bundles.
    pub const BY_SEQ: &str = "by_seq";
    /// `created_ms`: sent_bundles.
    pub const BY_CREATED: &str = "by_created";
    /// `received_ms`: inbox.
    pub const BY_RECEIVED: &str = "by_received";
    /// `[member_id, received_ms]`: inbox.
    pub const BY_MEMBER: &str = "by_member";
    /// `[key_id, bundle_id]`, unique: inbox (a bundle is imported once).
    pub const BY_BUNDLE: &str = "by_bundle";
    /// `payload_sha256`, unique: inbox (same content under another id is a duplicate).
    pub const BY_HASH: &str = "by_hash";
    /// `key_id`: roster.
    pub const BY_KEY: &str = "by_key";
    /// `sector`: roster.
    pub const BY_SECTOR: &str = "by_sector";
    /// `[type, updated_ms]`: staff_items (every item of one type, newest first).
    pub const BY_TYPE: &str = "by_type";
    /// `[type, status, updated_ms]`: staff_items (proposals by status).
    pub const BY_TYPE_STATUS: &str = "by_type_status";
    /// `[type, member_id, updated_ms]`: staff_items (one member's items).
    pub const BY_TYPE_MEMBER: &str = "by_type_member";
    /// `[type, year, updated_ms]`: staff_items.
    pub const BY_TYPE_YEAR: &str = "by_type_year";
    /// `[type, sector, updated_ms]`: staff_items (the member's 界别).
    pub const BY_TYPE_SECTOR: &str = "by_type_sector";
    /// `[type, category, updated_ms]`: staff_items (proposal categories).
    pub const BY_TYPE_CATEGORY: &str = "by_type_category";
    /// `[member_id, owner_id]`: staff_files (the files of one member's item).
    pub const BY_ITEM: &str = "by_item";
}

/// Id of the single profile record.
pub const PROFILE_ID: &str = "me";

/// Key in [`stores::META`] of the last data step applied.
pub const DATA_VERSION_KEY: &str = "data_version";

/// An index created together with its store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexDef {
    /// Unique within its store; see [`indexes`].
    pub name: &'static str,
    /// One field gives scalar keys; several give array keys, compared part by part.
    pub key_path: &'static [&'static str],
    /// Makes a second record with the same key fail the whole transaction.
    pub unique: bool,
}

/// An object store and all of its indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreDef {
    /// See [`stores`].
    pub name: &'static str,
    /// Field holding the primary key (in-line keys only: records carry their key).
    pub key_path: &'static str,
    /// All of the store's indexes; none can be added later to an existing store.
    pub indexes: &'static [IndexDef],
}

/// Moves records after a structural step; see the module docs. Gets a readwrite
/// transaction over every store and must only await IndexedDB requests on it.
pub type DataStep = for<'t, 'db> fn(&'t Tx<'db>) -> StepFuture<'t>;

/// What one schema version adds to the previous one.
#[derive(Clone, Copy)]
pub struct Migration {
    /// Position in [`Schema::steps`], starting at 1.
    pub version: u32,
    /// New stores, each with all of its indexes.
    pub create: &'static [StoreDef],
    /// Stores to drop (applied before `create`, so a step may recreate a store).
    pub delete: &'static [&'static str],
    /// Record changes run after the open; see the module docs.
    pub data: Option<DataStep>,
}

impl std::fmt::Debug for Migration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Migration")
            .field("version", &self.version)
            .field("create", &self.create.iter().map(|s| s.name).collect::<Vec<_>>())
            .field("delete", &self.delete)
            .field("data", &self.data.is_some())
            .finish()
    }
}

/// The ordered migration steps; a parameter of [`Db::open_with`](super::Db::open_with) so
/// tests can open the same database with a newer schema.
#[derive(Debug, Clone, Copy)]
pub struct Schema {
    /// Versions 1, 2, 3… in order.
    pub steps: &'static [Migration],
}

const fn ix(name: &'static str, key_path: &'static [&'static str]) -> IndexDef {
    IndexDef { name, key_path, unique: false }
}

const fn unique(name: &'static str, key_path: &'static [&'static str]) -> IndexDef {
    IndexDef { name, key_path, unique: true }
}

const fn store(name: &'static str, indexes: &'static [IndexDef]) -> StoreDef {
    StoreDef { name, key_path: "id", indexes }
}

use indexes::*;
use stores::*;

/// Version 1: every store the product started with, with every index.
pub const V1: Migration = Migration {
    version: 1,
    create: &[
        store(PROFILE, &[]),
        StoreDef { name: SETTINGS, key_path: "key", indexes: &[] },
        StoreDef { name: META, key_path: "key", indexes: &[] },
        store(
            PROPOSALS,
            &[
                ix(BY_UPDATED, &["updated_ms"]),
                ix(BY_STATUS, &["status", "updated_ms"]),
                ix(BY_YEAR, &["year", "updated_ms"]),
                ix(BY_CATEGORY, &["category", "updated_ms"]),
            ],
        ),
        store(PROPOSAL_EVENTS, &[ix(BY_PROPOSAL, &["proposal_id", "at_ms"])]),
        store(PROPOSAL_REVISIONS, &[ix(BY_PROPOSAL, &["proposal_id", "rev"])]),
        store(
            DUTY_LOGS,
            &[
                ix(BY_DATE, &["date"]),
                ix(BY_YEAR_DATE, &["year", "date"]),
                ix(BY_KIND_DATE, &["kind", "date"]),
                ix(BY_UPDATED, &["updated_ms"]),
            ],
        ),
        store(
            SENTIMENT_REPORTS,
            &[
                ix(BY_UPDATED, &["updated_ms"]),
                ix(BY_YEAR, &["year", "updated_ms"]),
                ix(BY_STATUS, &["status", "updated_ms"]),
            ],
        ),
        store(CLUES, &[ix(BY_UPDATED, &["updated_ms"]), ix(BY_YEAR, &["year", "updated_ms"])]),
        store(ATTACHMENTS, &[ix(BY_OWNER, &["owner_id"])]),
        store(KEYS, &[]),
        store(SENT_BUNDLES, &[unique(BY_SEQ, &["seq"]), ix(BY_CREATED, &["created_ms"])]),
        store(
            INBOX,
            &[
                ix(BY_RECEIVED, &["received_ms"]),
                ix(BY_MEMBER, &["member_id", "received_ms"]),
                unique(BY_BUNDLE, &["key_id", "bundle_id"]),
                unique(BY_HASH, &["payload_sha256"]),
            ],
        ),
        StoreDef {
            name: ROSTER,
            key_path: "member_id",
            indexes: &[ix(BY_KEY, &["key_id"]), ix(BY_SECTOR, &["sector"])],
        },
    ],
    delete: &[],
    data: None,
};

/// Version 2: the member's yearly reports. A new store only, so no data step; a v1
/// database keeps every record as it is.
pub const V2: Migration = Migration {
    version: 2,
    create: &[store(YEAR_REPORTS, &[ix(BY_UPDATED, &["updated_ms"])])],
    delete: &[],
    data: None,
};

/// Version 3: the staff workspace (issue 6). New stores only, so no data step. The v1
/// stores `inbox` (imported bundles: one small record per bundle, without the file) and
/// `roster` are used as they are. Files from bundles go to [`stores::STAFF_FILES`], not
/// to the member's `attachments`.
pub const V3: Migration = Migration {
    version: 3,
    create: &[
        StoreDef {
            name: STAFF_ITEMS,
            key_path: "key",
            indexes: &[
                ix(BY_TYPE, &["type", "updated_ms"]),
                ix(BY_TYPE_STATUS, &["type", "status", "updated_ms"]),
                ix(BY_TYPE_MEMBER, &["type", "member_id", "updated_ms"]),
                ix(BY_TYPE_YEAR, &["type", "year", "updated_ms"]),
                ix(BY_TYPE_SECTOR, &["type", "sector", "updated_ms"]),
                ix(BY_TYPE_CATEGORY, &["type", "category", "updated_ms"]),
            ],
        },
        StoreDef { name: STAFF_PENDING, key_path: "payload_sha256", indexes: &[ix(BY_RECEIVED, &["received_ms"])] },
        store(STAFF_ACTIONS, &[ix(BY_PROPOSAL, &["proposal_id", "at_ms"])]),
        StoreDef { name: STAFF_FILES, key_path: "key", indexes: &[ix(BY_ITEM, &["member_id", "owner_id"])] },
    ],
    delete: &[],
    data: None,
};

/// The schema the app opens [`DB_NAME`] with.
pub static SCHEMA: Schema = Schema { steps: &[V1, V2, V3] };

impl Schema {
    /// The version to open with: that of the last step.
    pub fn version(&self) -> u32 {
        self.steps.last().map_or(0, |s| s.version)
    }

    /// Steps must be numbered 1, 2, 3… so that "apply every step above the old version"
    /// is well defined.
    pub(crate) fn check(&self) -> Result<()> {
        if self.steps.is_empty() {
            return Err(bad_schema("no steps"));
        }
        for (i, step) in self.steps.iter().enumerate() {
            if usize::try_from(step.version).ok() != Some(i + 1) {
                return Err(bad_schema(&format!("step {} has version {}", i + 1, step.version)));
            }
        }
        Ok(())
    }

    /// Every store that exists after the last step.
    pub fn store_names(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = Vec::new();
        for step in self.steps {
            names.retain(|n| !step.delete.contains(n));
            names.extend(step.create.iter().map(|s| s.name));
        }
        names
    }

    /// The definition of a store as of the last step.
    pub fn store(&self, name: &str) -> Option<&'static StoreDef> {
        let mut found = None;
        for step in self.steps {
            if step.delete.contains(&name) {
                found = None;
            }
            if let Some(def) = step.create.iter().find(|s| s.name == name) {
                found = Some(def);
            }
        }
        found
    }

    /// Runs inside `upgradeneeded`: applies the structural part of every step above
    /// `old_version`. On a fresh database it also records that no data step is pending,
    /// in the same versionchange transaction, so data steps only ever run on old data.
    pub(crate) fn upgrade(
        &self,
        db: &Database,
        old_version: u32,
    ) -> indexed_db_futures::Result<()> {
        let mut meta = None;
        for step in self.steps.iter().filter(|s| s.version > old_version) {
            for name in step.delete {
                if db.object_store_names().any(|e| e == *name) {
                    db.delete_object_store(name)?;
                }
            }
            for def in step.create {
                let store = db
                    .create_object_store(def.name)
                    .with_key_path(KeyPath::One(def.key_path))
                    .build()?;
                for index in def.indexes {
                    let key_path = match index.key_path {
                        [one] => KeyPath::One(*one),
                        many => KeyPath::Sequence(many.iter().copied().collect()),
                    };
                    store.create_index(index.name, key_path).with_unique(index.unique).build()?;
                }
                if def.name == META {
                    meta = Some(store);
                }
            }
        }
        if old_version == 0 {
            if let Some(meta) = meta {
                let marker = js_sys::Object::new();
                js_sys::Reflect::set(&marker, &"key".into(), &DATA_VERSION_KEY.into())?;
                js_sys::Reflect::set(&marker, &"value".into(), &self.version().into())?;
                // The request belongs to the versionchange transaction; its failure fails the
                // whole upgrade, so there is nothing to await here.
                drop(meta.put(wasm_bindgen::JsValue::from(marker)).primitive()?);
            }
        }
        Ok(())
    }
}

fn bad_schema(detail: &str) -> super::error::StoreError {
    super::error::StoreError::Failed { op: "schema", detail: detail.to_owned() }
}
