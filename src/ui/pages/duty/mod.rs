//! The member's duty side (履职): the log of activities, 社情民意 reports, the score card
//! and the yearly report.

mod entry;
mod kinds;
mod list;
/// Also the clue page's photo (same preparation and messages).
pub(crate) mod photos;
mod reports;
pub mod score;
pub mod year_report;

pub use entry::DutyEntryPage;
pub use list::DutyPage;
pub use reports::{ReportEditPage, ReportsPage};
pub use score::ScorePage;
pub use year_report::YearReportPage;
