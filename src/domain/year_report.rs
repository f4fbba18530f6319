//! 年度履职报告: the member's yearly duty report, saved in the `year_reports` store (schema
//! v2). There is one per year, so its id is the year itself and saving a year again
//! replaces the earlier text instead of adding a second report.

use serde::{Deserialize, Serialize};

/// One saved yearly report; one per year, so the id is the year ("2026").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearReport {
    /// [`YearReport::id_for`] of `year`.
    pub id: String,
    pub year: i32,
    pub created_ms: i64,
    /// Indexed (`by_updated`), so lists show the latest report first.
    pub updated_ms: i64,
    /// The member's own words about the year, beside the figures the app counts.
    #[serde(default)]
    pub narrative: String,
    /// When it was last printed, if ever.
    #[serde(default)]
    pub printed_ms: Option<i64>,
}

impl YearReport {
    /// A report not yet printed; the caller passes the clock in.
    pub fn new(year: i32, narrative: String, now_ms: i64) -> Self {
        YearReport {
            id: Self::id_for(year),
            year,
            created_ms: now_ms,
            updated_ms: now_ms,
            narrative,
            printed_ms: None,
        }
    }

    /// The primary key of `year`'s report: the year in decimal, e.g. "2026".
    pub fn id_for(year: i32) -> String {
        year.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_report_is_keyed_by_its_year_and_unprinted() {
        let r = YearReport::new(2026, "全年参加会议十二次。".into(), 1_000);
        assert_eq!(r.id, "2026");
        assert_eq!(YearReport::id_for(2025), "2025");
        assert_eq!((r.year, r.created_ms, r.updated_ms, r.printed_ms), (2026, 1_000, 1_000, None));
        assert_eq!(r.narrative, "全年参加会议十二次。");
    }

    #[test]
    fn round_trip_keeps_rare_characters_and_emoji() {
        let r = YearReport { printed_ms: Some(2_000), ..YearReport::new(2026, "𠀀𪚥 走访😀农户".into(), 1_000) };
        let json = serde_json::to_string(&r).unwrap();
        let back: YearReport = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
        assert_eq!(back.narrative.chars().count(), 8);
    }

    #[test]
    fn missing_optional_fields_take_defaults() {
        let r: YearReport =
            serde_json::from_str(r#"{"id":"2025","year":2025,"created_ms":5,"updated_ms":6}"#).unwrap();
        assert_eq!(r, YearReport { updated_ms: 6, created_ms: 5, ..YearReport::new(2025, String::new(), 0) });
        assert_eq!((r.narrative.as_str(), r.printed_ms), ("", None));
        // The required fields are required: a record without its year is refused, not guessed.
        assert!(serde_json::from_str::<YearReport>(r#"{"id":"2025","created_ms":5,"updated_ms":6}"#).is_err());
    }
}
