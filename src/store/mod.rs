//! IndexedDB storage (browser only): the only code that touches the database.
//!
//! - [`Db`] is the open connection (cheap to clone); [`Db::open`] creates or upgrades it
//!   following [`schema`], and reports blocked upgrades, missing IndexedDB and stale app
//!   versions as distinct [`StoreError`]s instead of hanging.
//! - [`Tx`] is one transaction; a logical change that spans stores is one `write_tx` and
//!   one `commit` (dropping it rolls back).
//! - [`Repo<T>`] is the typed per-store API, with keyset [paging](PageQuery) over indexes.
//! - [`ProfileStore`] and [`Settings`] are the typed APIs the UI uses today.
//!
//! ```ignore
//! let db = Db::open(DB_NAME).await?;
//! db.settings().set(settings::LANG, "zh").await?;
//! let proposals = db.repo::<Proposal>(stores::PROPOSALS);
//! let query = PageQuery::newest_first(indexes::BY_STATUS)
//!     .range(KeyRange::prefix("submitted"))
//!     .limit(20);
//! let first = proposals.page(&query).await?;
//! let second = proposals.page(&query.clone().after(first.next.clone())).await?;
//!
//! // One logical change over several stores: all or nothing.
//! let tx = db.write_tx(&[stores::PROPOSALS, stores::PROPOSAL_EVENTS])?;
//! tx.put(stores::PROPOSALS, &proposal)?;
//! tx.put(stores::PROPOSAL_EVENTS, &event)?;
//! tx.commit().await?;
//! ```

mod attachments;
/// Backup and restore of the whole database.
pub mod backup;
mod clues;
mod db;
mod duty;
mod error;
mod handoff;
mod js;
mod key;
mod profile;
mod proposals;
mod query;
mod receipts;
mod repo;
mod sentiment;
/// Stores, indexes and migration steps.
pub mod schema;
/// Preferences (`lang`).
pub mod settings;
/// The staff workspace's stores (issue 6).
pub mod staff;
mod year_reports;

pub use attachments::{AttachmentMeta, AttachmentStore};
pub use clues::ClueStore;
pub use db::{Db, StepFuture, Tx};
pub use duty::{DutyFilter, DutyStore, PLACES_KEY};
pub use error::{from_dom, from_js, Result, StoreError};
pub use handoff::{DeviceKeyRecord, HandoffStore, Manifest, SentBundle, SentItem, DEVICE_KEY_ID};
pub use key::{Key, KeyRange};
pub use profile::ProfileStore;
pub use proposals::{ProposalFilter, ProposalRevision, ProposalStore, Recent, REVISIONS_KEPT};
pub use receipts::{apply_receipt, ReceiptOutcome};
pub use query::{Order, Page, PageCursor, PageQuery, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
pub use repo::Repo;
pub use schema::{indexes, stores, Schema, DB_NAME, SCHEMA};
pub use sentiment::{ReportFilter, SentimentStore};
pub use staff::{
    CommitteeName, ImportCounts, InboxRecord, PendingFile, PendingReason, ProposalInboxFilter, StaffItem, StaffStore,
    COMMITTEE_KEY_ID, COMMITTEE_SETTING,
};
pub use settings::Settings;
pub use year_reports::YearReportStore;

impl Db {
    /// The member profile API.
    pub fn profile(&self) -> ProfileStore {
        ProfileStore::new(self)
    }

    /// Proposals, their revisions and timelines.
    pub fn proposals(&self) -> ProposalStore {
        ProposalStore::new(self)
    }

    /// Files and photos attached to proposals (Blobs).
    pub fn attachments(&self) -> AttachmentStore {
        AttachmentStore::new(self)
    }

    /// 提案线索.
    pub fn clues(&self) -> ClueStore {
        ClueStore::new(self)
    }

    /// This device's signing key and the bundles it signed.
    pub fn handoff(&self) -> HandoffStore {
        HandoffStore::new(self)
    }

    /// 年度履职报告, one per year.
    pub fn year_reports(&self) -> YearReportStore {
        YearReportStore::new(self)
    }

    /// Duty-log entries, their photos and the place book.
    pub fn duty(&self) -> DutyStore {
        DutyStore::new(self)
    }

    /// 社情民意 reports.
    pub fn sentiment(&self) -> SentimentStore {
        SentimentStore::new(self)
    }

    /// The staff workspace: roster, imported bundles and items, held files, committee key.
    pub fn staff(&self) -> StaffStore {
        StaffStore::new(self)
    }

    /// The settings API.
    pub fn settings(&self) -> Settings {
        Settings::new(self)
    }

    /// A typed repository over `store` (see [`stores`]).
    pub fn repo<T: serde::Serialize + serde::de::DeserializeOwned>(
        &self,
        store: &'static str,
    ) -> Repo<T> {
        Repo::new(self, store)
    }
}
