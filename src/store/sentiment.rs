//! 社情民意 reports.

use crate::domain::sentiment::{ReportStatus, SentimentReport};

use super::db::Db;
use super::error::Result;
use super::key::KeyRange;
use super::query::{Page, PageCursor, PageQuery, MAX_PAGE_SIZE};
use super::schema::{indexes, stores};

/// A search reads at most this many records per page request (see `ProposalStore::list`).
const SEARCH_SCAN_MAX: usize = 400;

/// Which reports a list shows, newest update first. Status picks `by_status` (a status
/// holds few reports), else year `by_year`, else `by_updated`; the other criteria and
/// `words` (already folded, see `text::fold`) are checked in Rust while paging.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportFilter {
    pub year: Option<i32>,
    pub status: Option<ReportStatus>,
    pub words: Vec<String>,
}

impl ReportFilter {
    fn query(&self) -> PageQuery {
        if let Some(s) = self.status {
            PageQuery::newest_first(indexes::BY_STATUS).range(KeyRange::prefix(s.as_str()))
        } else if let Some(y) = self.year {
            PageQuery::newest_first(indexes::BY_YEAR).range(KeyRange::prefix(y))
        } else {
            PageQuery::newest_first(indexes::BY_UPDATED)
        }
    }

    /// True when the index scan alone answers the filter.
    fn index_only(&self) -> bool {
        self.words.is_empty() && !(self.status.is_some() && self.year.is_some())
    }

    pub fn keeps(&self, r: &SentimentReport) -> bool {
        self.status.is_none_or(|s| r.status == s) && self.year.is_none_or(|y| r.year == y) && r.matches(&self.words)
    }
}

#[derive(Clone, Debug)]
pub struct SentimentStore {
    db: Db,
}

impl SentimentStore {
    pub fn new(db: &Db) -> Self {
        SentimentStore { db: db.clone() }
    }

    pub async fn save(&self, report: &SentimentReport) -> Result<()> {
        let tx = self.db.write_tx(&[stores::SENTIMENT_REPORTS])?;
        tx.put(stores::SENTIMENT_REPORTS, report)?;
        tx.commit().await
    }

    pub async fn get(&self, id: &str) -> Result<Option<SentimentReport>> {
        self.db.read_tx(&[stores::SENTIMENT_REPORTS])?.get(stores::SENTIMENT_REPORTS, id).await
    }

    /// Deleting a missing report is not an error.
    pub async fn delete(&self, id: &str) -> Result<()> {
        let tx = self.db.write_tx(&[stores::SENTIMENT_REPORTS])?;
        tx.delete(stores::SENTIMENT_REPORTS, id)?;
        tx.commit().await
    }

    /// One page, newest update first. A filtered page may be short when matches are rare;
    /// go on with `next` until it is `None`.
    pub async fn list(&self, filter: &ReportFilter, after: Option<PageCursor>, limit: u32) -> Result<Page<SentimentReport>> {
        let query = filter.query().after(after).limit(limit);
        let tx = self.db.read_tx(&[stores::SENTIMENT_REPORTS])?;
        if filter.index_only() {
            tx.page(stores::SENTIMENT_REPORTS, &query).await
        } else {
            let keep = |r: &SentimentReport| filter.keeps(r);
            tx.page_where(stores::SENTIMENT_REPORTS, &query, keep, SEARCH_SCAN_MAX).await
        }
    }

    /// Every report, oldest update first (for an export).
    pub async fn all(&self) -> Result<Vec<SentimentReport>> {
        let query = PageQuery::oldest_first(indexes::BY_UPDATED).limit(MAX_PAGE_SIZE);
        self.db.read_tx(&[stores::SENTIMENT_REPORTS])?.all(stores::SENTIMENT_REPORTS, &query).await
    }

    /// Every report of `year`, oldest update first (for the yearly score and report), read
    /// a page at a time in one transaction.
    pub async fn year_reports(&self, year: i32) -> Result<Vec<SentimentReport>> {
        let tx = self.db.read_tx(&[stores::SENTIMENT_REPORTS])?;
        let query = PageQuery::oldest_first(indexes::BY_YEAR).range(KeyRange::prefix(year)).limit(MAX_PAGE_SIZE);
        tx.all(stores::SENTIMENT_REPORTS, &query).await
    }
}
