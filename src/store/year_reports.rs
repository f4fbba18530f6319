//! 年度履职报告: one saved report per year, keyed by the year (see [`YearReport::id_for`]).

use crate::domain::year_report::YearReport;

use super::db::Db;
use super::error::Result;
use super::schema::stores;

/// Reads and saves [`YearReport`]s in the `year_reports` store (schema v2).
#[derive(Clone, Debug)]
pub struct YearReportStore {
    db: Db,
}

impl YearReportStore {
    /// Same as [`Db::year_reports`].
    pub fn new(db: &Db) -> Self {
        YearReportStore { db: db.clone() }
    }

    /// The report of `year`, `None` until one was saved.
    pub async fn get(&self, year: i32) -> Result<Option<YearReport>> {
        let id = YearReport::id_for(year);
        self.db.read_tx(&[stores::YEAR_REPORTS])?.get(stores::YEAR_REPORTS, id.as_str()).await
    }

    /// Every saved yearly report.
    pub async fn all(&self) -> Result<Vec<YearReport>> {
        let query = super::PageQuery::by_primary_key(super::Order::Asc).limit(super::MAX_PAGE_SIZE);
        self.db.read_tx(&[stores::YEAR_REPORTS])?.all(stores::YEAR_REPORTS, &query).await
    }

    /// Inserts or replaces the report of `report.year` (its id is the year, so a year has
    /// at most one).
    pub async fn save(&self, report: &YearReport) -> Result<()> {
        let tx = self.db.write_tx(&[stores::YEAR_REPORTS])?;
        tx.put(stores::YEAR_REPORTS, report)?;
        tx.commit().await
    }
}
