//! Proposals (提案), their saved text revisions and their timelines.
//!
//! Invariants kept here, whatever the UI does:
//! - a proposal whose text is frozen (anything but a draft) cannot be saved with other
//!   text: what staff received under `(id, rev)` never changes;
//! - each proposal keeps at most [`REVISIONS_KEPT`] snapshots, pruned in the same
//!   transaction that adds one;
//! - an event and the proposal it changed are stored together or not at all.

use serde::{Deserialize, Serialize};

use crate::domain::lifecycle::{timeline_order, ProposalEvent, Status};
use crate::domain::proposal::{Category, Proposal};

use super::db::Db;
use super::error::{Result, StoreError};
use super::js::from_js_value;
use super::key::KeyRange;
use super::query::{Page, PageCursor, PageQuery};
use super::schema::{indexes, stores};

/// Snapshots kept per proposal for "compare and restore".
pub const REVISIONS_KEPT: usize = 20;
/// A search reads at most this many records per page request, so a rare word in a large
/// store returns a short page (with a cursor to go on) instead of reading everything.
const SEARCH_SCAN_MAX: usize = 400;

/// A saved copy of a proposal's text, for comparing with and restoring from.
/// `rev` is the snapshot's own sequence number within the proposal (the `by_proposal`
/// index is `[proposal_id, rev]`), not the proposal's submission revision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalRevision {
    pub id: String,
    pub proposal_id: String,
    pub rev: u32,
    pub saved_ms: i64,
    pub proposal: Proposal,
}

/// Which proposals a list shows: any combination of words (Chinese substrings of title
/// and text), status, year and category. The most selective criterion with an index picks
/// the index (newest first); the others are checked in Rust while paging.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProposalFilter {
    pub words: String,
    pub status: Option<Status>,
    pub year: Option<i32>,
    pub category: Option<Category>,
}

impl ProposalFilter {
    pub fn status(status: Status) -> Self {
        ProposalFilter { status: Some(status), ..Default::default() }
    }

    pub fn year(year: i32) -> Self {
        ProposalFilter { year: Some(year), ..Default::default() }
    }

    pub fn category(category: Category) -> Self {
        ProposalFilter { category: Some(category), ..Default::default() }
    }

    /// The index scan: status first (a status holds few proposals), then category, year.
    fn query(&self) -> PageQuery {
        if let Some(s) = self.status {
            PageQuery::newest_first(indexes::BY_STATUS).range(KeyRange::prefix(s.as_str()))
        } else if let Some(c) = self.category {
            PageQuery::newest_first(indexes::BY_CATEGORY).range(KeyRange::prefix(c.as_str()))
        } else if let Some(y) = self.year {
            PageQuery::newest_first(indexes::BY_YEAR).range(KeyRange::prefix(y))
        } else {
            PageQuery::newest_first(indexes::BY_UPDATED)
        }
    }

    /// True when the index scan alone answers the filter (no check in Rust needed).
    fn index_only(&self) -> bool {
        let set = [self.status.is_some(), self.category.is_some(), self.year.is_some()];
        self.words.trim().is_empty() && set.iter().filter(|b| **b).count() <= 1
    }

    pub fn keeps(&self, p: &Proposal) -> bool {
        self.status.is_none_or(|s| p.status == s)
            && self.category.is_none_or(|c| p.category == Some(c))
            && self.year.is_none_or(|y| p.year == y)
            && p.matches(&self.words)
    }

    /// [`Self::keeps`] with the words folded once ([`crate::domain::text::search_words`]).
    fn keeps_with(&self, p: &Proposal, words: &[String]) -> bool {
        self.status.is_none_or(|s| p.status == s)
            && self.category.is_none_or(|c| p.category == Some(c))
            && self.year.is_none_or(|y| p.year == y)
            && p.matches_words(words)
    }
}

#[derive(Clone, Debug)]
pub struct ProposalStore {
    db: Db,
}

impl ProposalStore {
    pub fn new(db: &Db) -> Self {
        ProposalStore { db: db.clone() }
    }

    /// The files attached to proposals (same database).
    pub fn attachments(&self) -> super::AttachmentStore {
        super::AttachmentStore::new(&self.db)
    }

    pub async fn get(&self, id: &str) -> Result<Option<Proposal>> {
        self.db.read_tx(&[stores::PROPOSALS])?.get(stores::PROPOSALS, id).await
    }

    /// Stores a proposal (new or edited). With `snapshot`, also keeps a copy of it among
    /// the proposal's revisions, dropping the oldest beyond [`REVISIONS_KEPT`].
    /// Refuses to change the text of a frozen proposal (`Constraint`), leaving it as it was.
    ///
    /// `attachment_ids` of a stored proposal are owned by [`AttachmentStore`]
    /// (`add`/`delete` change them with the files, in one transaction): a save keeps the
    /// stored list whatever `p` holds, since editors and journals hold a copy read before
    /// files were attached or removed.
    ///
    /// [`AttachmentStore`]: super::AttachmentStore
    pub async fn save(&self, p: &Proposal, snapshot: bool, now_ms: i64) -> Result<()> {
        let tx = self.db.write_tx(&[stores::PROPOSALS, stores::PROPOSAL_REVISIONS])?;
        let mut p = std::borrow::Cow::Borrowed(p);
        if let Some(raw) = tx.get_raw(stores::PROPOSALS, p.id.as_str()).await? {
            // An autosave decodes only what it checks; the whole record only when frozen.
            let stored: SaveHead = from_js_value(stores::PROPOSALS, raw.clone())?;
            if stored.attachment_ids != p.attachment_ids {
                p.to_mut().attachment_ids = stored.attachment_ids;
            }
            let p = p.as_ref();
            if stored.status != Status::Draft && stored.rev == p.rev {
                let stored: Proposal = from_js_value(stores::PROPOSALS, raw)?;
                if stored.is_text_frozen() && !stored.same_text(p) {
                    return Err(StoreError::Constraint {
                        op: "save proposal",
                        detail: format!("proposal {} revision {} is submitted; its text is frozen", p.id, p.rev),
                    });
                }
            }
        }
        let p = p.as_ref();
        tx.put(stores::PROPOSALS, p)?;
        if snapshot {
            let range = KeyRange::prefix(p.id.as_str());
            let newest: Page<ProposalRevision> = tx
                .page(
                    stores::PROPOSAL_REVISIONS,
                    &PageQuery::newest_first(indexes::BY_PROPOSAL).range(range.clone()).limit(1),
                )
                .await?;
            let next_rev = newest.items.first().map_or(1, |r| r.rev + 1);
            tx.put(
                stores::PROPOSAL_REVISIONS,
                &ProposalRevision {
                    id: format!("{}:{next_rev}", p.id),
                    proposal_id: p.id.clone(),
                    rev: next_rev,
                    saved_ms: now_ms,
                    proposal: p.clone(),
                },
            )?;
            let count = tx
                .count(stores::PROPOSAL_REVISIONS, Some(indexes::BY_PROPOSAL), Some(&range))
                .await? as usize;
            if count > REVISIONS_KEPT {
                let oldest: Page<ProposalRevision> = tx
                    .page(
                        stores::PROPOSAL_REVISIONS,
                        &PageQuery::oldest_first(indexes::BY_PROPOSAL)
                            .range(range)
                            .limit((count - REVISIONS_KEPT) as u32),
                    )
                    .await?;
                for r in oldest.items {
                    tx.delete(stores::PROPOSAL_REVISIONS, r.id.as_str())?;
                }
            }
        }
        tx.commit().await
    }

    /// Deletes a draft that was never handed in, with its revisions, events and
    /// attachments. Anything once submitted stays (staff may hold it).
    pub async fn delete_draft(&self, id: &str) -> Result<()> {
        let all = [stores::PROPOSALS, stores::PROPOSAL_REVISIONS, stores::PROPOSAL_EVENTS, stores::ATTACHMENTS];
        let tx = self.db.write_tx(&all)?;
        let Some(p) = tx.get::<Proposal>(stores::PROPOSALS, id).await? else {
            return Ok(());
        };
        if p.status != Status::Draft || p.rev != 1 {
            return Err(StoreError::Constraint {
                op: "delete proposal",
                detail: format!("proposal {id} was submitted; it cannot be deleted"),
            });
        }
        tx.delete(stores::PROPOSALS, id)?;
        for store in [stores::PROPOSAL_REVISIONS, stores::PROPOSAL_EVENTS] {
            let query = PageQuery::oldest_first(indexes::BY_PROPOSAL).range(KeyRange::prefix(id)).limit(500);
            let page: Page<IdOnly> = tx.page(store, &query).await?;
            for r in page.items {
                tx.delete(store, r.id.as_str())?;
            }
        }
        let owned = PageQuery::oldest_first(indexes::BY_OWNER).range(KeyRange::only(id)).limit(500);
        for r in tx.page::<IdOnly>(stores::ATTACHMENTS, &owned).await?.items {
            tx.delete(stores::ATTACHMENTS, r.id.as_str())?;
        }
        tx.commit().await
    }

    /// One page of a list, newest first. A filtered page may be short when matches are
    /// rare (at most a few hundred records are read per call); go on with `next` until it
    /// is `None`.
    pub async fn list(&self, filter: &ProposalFilter, after: Option<PageCursor>, limit: u32) -> Result<Page<Proposal>> {
        let tx = self.db.read_tx(&[stores::PROPOSALS])?;
        Self::page_in(&tx, filter, after, limit).await
    }

    /// The first page of a list and how many proposals the filter holds (as [`Self::count`]),
    /// in one transaction: the count is asked first and answered while the page is read.
    pub async fn first_page(&self, filter: &ProposalFilter, limit: u32) -> Result<(Page<Proposal>, Option<u32>)> {
        let tx = self.db.read_tx(&[stores::PROPOSALS])?;
        let (count, page) = futures::future::join(Self::count_in(&tx, filter), Self::page_in(&tx, filter, None, limit)).await;
        Ok((page?, count?))
    }

    async fn page_in(tx: &super::Tx<'_>, filter: &ProposalFilter, after: Option<PageCursor>, limit: u32) -> Result<Page<Proposal>> {
        let query = filter.query().after(after).limit(limit);
        if filter.index_only() {
            tx.page(stores::PROPOSALS, &query).await
        } else {
            let words = crate::domain::text::search_words(&filter.words);
            tx.page_where(stores::PROPOSALS, &query, |p: &Proposal| filter.keeps_with(p, &words), SEARCH_SCAN_MAX).await
        }
    }

    /// Every proposal of session year `year` (for the yearly score and report).
    pub async fn year_proposals(&self, year: i32) -> Result<Vec<Proposal>> {
        let query = ProposalFilter::year(year).query().limit(super::MAX_PAGE_SIZE);
        self.db.read_tx(&[stores::PROPOSALS])?.all(stores::PROPOSALS, &query).await
    }

    /// Every proposal, oldest update first (for an export, which needs them all).
    pub async fn all(&self) -> Result<Vec<Proposal>> {
        let query = PageQuery::oldest_first(indexes::BY_UPDATED).limit(super::MAX_PAGE_SIZE);
        self.db.read_tx(&[stores::PROPOSALS])?.all(stores::PROPOSALS, &query).await
    }

    /// How many proposals an index-only filter holds (for the list's heading); `None`
    /// when counting would mean reading every record (words, or several criteria).
    pub async fn count(&self, filter: &ProposalFilter) -> Result<Option<u32>> {
        Self::count_in(&self.db.read_tx(&[stores::PROPOSALS])?, filter).await
    }

    async fn count_in(tx: &super::Tx<'_>, filter: &ProposalFilter) -> Result<Option<u32>> {
        if !filter.index_only() {
            return Ok(None);
        }
        let q = filter.query();
        let index = q.range.is_some().then_some(q.index).flatten();
        tx.count(stores::PROPOSALS, index, q.range.as_ref()).await.map(Some)
    }

    /// What the editor offers from the member's recent proposals: `(id, title)` pairs for
    /// the duplicate-title hint, and unit names typed before (most recent first, once each).
    pub async fn recent(&self, limit: u32) -> Result<Recent> {
        let query = PageQuery::newest_first(indexes::BY_UPDATED).limit(limit);
        let page: Page<Summary> = self.db.read_tx(&[stores::PROPOSALS])?.page(stores::PROPOSALS, &query).await?;
        let mut recent = Recent::default();
        for s in page.items {
            for unit in std::iter::once(s.lead_unit).chain(s.assisting_units) {
                let unit = unit.trim().to_string();
                if !unit.is_empty() && !recent.units.contains(&unit) {
                    recent.units.push(unit);
                }
            }
            recent.titles.push((s.id, s.title));
        }
        Ok(recent)
    }

    /// Saved snapshots of one proposal, newest first.
    pub async fn revisions(&self, proposal_id: &str) -> Result<Vec<ProposalRevision>> {
        let query = PageQuery::newest_first(indexes::BY_PROPOSAL)
            .range(KeyRange::prefix(proposal_id))
            .limit(REVISIONS_KEPT as u32 + 5);
        let tx = self.db.read_tx(&[stores::PROPOSAL_REVISIONS])?;
        Ok(tx.page(stores::PROPOSAL_REVISIONS, &query).await?.items)
    }

    /// A proposal's timeline, oldest first.
    pub async fn events(&self, proposal_id: &str) -> Result<Vec<ProposalEvent>> {
        let query = PageQuery::oldest_first(indexes::BY_PROPOSAL).range(KeyRange::prefix(proposal_id)).limit(500);
        let tx = self.db.read_tx(&[stores::PROPOSAL_EVENTS])?;
        let mut events: Vec<ProposalEvent> = tx.page(stores::PROPOSAL_EVENTS, &query).await?.items;
        timeline_order(&mut events);
        Ok(events)
    }

    /// Every proposal's events at once, by proposal id, each in timeline order: one read
    /// for a whole export instead of one transaction per proposal.
    pub async fn all_events(&self) -> Result<std::collections::HashMap<String, Vec<ProposalEvent>>> {
        let query = PageQuery::oldest_first(indexes::BY_PROPOSAL);
        let all: Vec<ProposalEvent> = self.db.read_tx(&[stores::PROPOSAL_EVENTS])?.all(stores::PROPOSAL_EVENTS, &query).await?;
        let mut by_proposal: std::collections::HashMap<String, Vec<ProposalEvent>> = std::collections::HashMap::new();
        for e in all {
            by_proposal.entry(e.proposal_id.clone()).or_default().push(e);
        }
        for events in by_proposal.values_mut() {
            timeline_order(events);
        }
        Ok(by_proposal)
    }

    /// Stores an event together with the proposal it changed (the caller has applied it
    /// with `lifecycle::record`), so the timeline and the status never disagree.
    /// Keeps the stored `attachment_ids`, like [`ProposalStore::save`].
    pub async fn record_event(&self, p: &Proposal, event: &ProposalEvent) -> Result<()> {
        let tx = self.db.write_tx(&[stores::PROPOSALS, stores::PROPOSAL_EVENTS])?;
        match tx.get::<Proposal>(stores::PROPOSALS, p.id.as_str()).await? {
            Some(stored) if stored.attachment_ids != p.attachment_ids => {
                tx.put(stores::PROPOSALS, &Proposal { attachment_ids: stored.attachment_ids, ..p.clone() })?;
            }
            _ => tx.put(stores::PROPOSALS, p)?,
        }
        tx.add(stores::PROPOSAL_EVENTS, event)?;
        tx.commit().await
    }
}

/// Reads only the id of a record (serde ignores the other fields).
#[derive(Deserialize)]
struct IdOnly {
    id: String,
}

/// What [`ProposalStore::save`] checks of the stored record before writing (serde skips
/// the rest): whether its text is frozen, and the attachment list it keeps.
#[derive(Deserialize)]
struct SaveHead {
    rev: u32,
    status: Status,
    #[serde(default)]
    attachment_ids: Vec<String>,
}

/// The few fields [`ProposalStore::recent`] reads (serde skips the rest).
#[derive(Deserialize)]
struct Summary {
    id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    lead_unit: String,
    #[serde(default)]
    assisting_units: Vec<String>,
}

/// See [`ProposalStore::recent`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Recent {
    pub titles: Vec<(String, String)>,
    pub units: Vec<String>,
}
