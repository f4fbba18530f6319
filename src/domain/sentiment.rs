//! 社情民意信息: a short report of what people in a village or a sector are living with,
//! written by a member and handed to the committee, which may adopt it (采用) and pass it
//! on, where a leader may comment on it (领导批示).
//!
//! Practice asks for 一事一议 (one matter per report) and about 1,500 characters in three
//! parts: 基本情况 (what is happening), 原因分析 (why) and 意见建议 (what to do). One
//! matter per report is guidance the form shows, not something a program can check; the
//! length is shown by a counter against a soft guide and refused only past a hard limit.
//! Like a proposal draft, a report is never refused or truncated when autosaved: the
//! checks run when the member marks it as submitted ([`SentimentReport::validate_for_submit`]).

use serde::{Deserialize, Serialize};

use super::proposal::Counter;
use super::text::{char_len, parse_iso_date, tidy, Problem};

/// Where a report is. Stored as its snake_case code (the `by_status` index key).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    /// 草稿: being written.
    #[default]
    Draft,
    /// 已报送: handed to the committee.
    Submitted,
    /// 已采用: the committee adopted it (passed it on, printed it in its bulletin).
    Adopted,
    /// 领导批示: a leader commented on it; counts as adopted, and more.
    Instructed,
}

impl ReportStatus {
    /// In the order a report moves, which is the order of the status filter.
    pub const ALL: [ReportStatus; 4] =
        [ReportStatus::Draft, ReportStatus::Submitted, ReportStatus::Adopted, ReportStatus::Instructed];

    /// The stored code; equal to the serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportStatus::Draft => "draft",
            ReportStatus::Submitted => "submitted",
            ReportStatus::Adopted => "adopted",
            ReportStatus::Instructed => "instructed",
        }
    }

    pub fn from_code(code: &str) -> Option<ReportStatus> {
        ReportStatus::ALL.into_iter().find(|s| s.as_str() == code)
    }

    /// Position in [`ReportStatus::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// One report, as stored in `sentiment_reports` (indexed by `updated_ms`,
/// `[status, updated_ms]` and `[year, updated_ms]`). Identity and index fields have no
/// default, so a damaged record fails to load instead of becoming an empty draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentimentReport {
    pub id: String,
    /// The year the report counts in (lists, the yearly score).
    pub year: i32,
    pub created_ms: i64,
    pub updated_ms: i64,
    pub status: ReportStatus,
    #[serde(default)]
    pub title: String,
    /// 基本情况
    #[serde(default)]
    pub situation: String,
    /// 原因分析 (optional: a short report may go straight from facts to suggestions)
    #[serde(default)]
    pub analysis: String,
    /// 意见建议
    #[serde(default)]
    pub suggestions: String,
    /// 报送日期, "YYYY-MM-DD", or "" while not handed in.
    #[serde(default)]
    pub submitted_date: String,
    /// What the committee or a leader did with it (采用 in which bulletin, the 批示 text).
    #[serde(default)]
    pub status_note: String,
    /// The 提案线索 the report grew from.
    #[serde(default)]
    pub clue_id: Option<String>,
}

/// Limits as data, like [`super::proposal::ProposalLimits`]. Lengths count characters with
/// [`char_len`] after trimming the ends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportLimits {
    pub title_max: usize,
    /// The customary length of the three parts together: the counter shows it, nothing
    /// refuses past it (a report of 1,600 characters is still accepted by staff).
    pub body_guide: usize,
    /// The three parts together, refused at submission.
    pub body_max: usize,
    /// [`SentimentReport::status_note`].
    pub note_max: usize,
}

impl Default for ReportLimits {
    fn default() -> Self {
        ReportLimits { title_max: 60, body_guide: 1500, body_max: 3000, note_max: 500 }
    }
}

/// The fields of the report form, in form order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReportField {
    Title,
    Situation,
    Analysis,
    Suggestions,
    SubmittedDate,
    StatusNote,
}

impl ReportField {
    pub const ALL: [ReportField; 6] = [
        ReportField::Title,
        ReportField::Situation,
        ReportField::Analysis,
        ReportField::Suggestions,
        ReportField::SubmittedDate,
        ReportField::StatusNote,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReportProblem {
    pub field: ReportField,
    pub problem: Problem,
}

impl SentimentReport {
    /// A fresh draft; `id`, `year` and `now_ms` come from the caller (clock and ids).
    pub fn new(id: String, year: i32, now_ms: i64) -> Self {
        SentimentReport {
            id,
            year,
            created_ms: now_ms,
            updated_ms: now_ms,
            status: ReportStatus::Draft,
            title: String::new(),
            situation: String::new(),
            analysis: String::new(),
            suggestions: String::new(),
            submitted_date: String::new(),
            status_note: String::new(),
            clue_id: None,
        }
    }

    /// Trims every text field (on save; never truncates).
    pub fn tidied(mut self) -> Self {
        for field in [
            &mut self.title,
            &mut self.situation,
            &mut self.analysis,
            &mut self.suggestions,
            &mut self.submitted_date,
            &mut self.status_note,
        ] {
            *field = tidy(field);
        }
        self
    }

    /// Characters of the three parts together, each trimmed (like the proposal body):
    /// the member moves text between the parts freely, so they share one count.
    pub fn body_chars(&self) -> usize {
        [&self.situation, &self.analysis, &self.suggestions].iter().map(|s| char_len(&tidy(s))).sum()
    }

    /// The live counter, against the customary length (`body_guide`); `over` there is a
    /// hint, not a refusal.
    pub fn body_counter(&self, limits: &ReportLimits) -> Counter {
        Counter::new(self.body_chars(), limits.body_guide)
    }

    /// Whether it counts as 已采用 in lists and the yearly score.
    pub fn counts_as_adopted(&self) -> bool {
        matches!(self.status, ReportStatus::Adopted | ReportStatus::Instructed)
    }

    /// The checks made when the member marks the report as submitted (and when a later
    /// status is recorded). Every problem, in form order; empty when it may go.
    ///
    /// The 报送日期 may be empty on a draft (the UI stamps today's date when it submits);
    /// once the report is past draft it is required. A body over `body_max` is reported
    /// on [`ReportField::Suggestions`], the last part, where the counter sits.
    pub fn validate_for_submit(&self, limits: &ReportLimits) -> Vec<ReportProblem> {
        let mut out = Vec::new();
        let mut push = |field, problem| out.push(ReportProblem { field, problem });
        let title = tidy(&self.title);
        if title.is_empty() {
            push(ReportField::Title, Problem::Required);
        } else if char_len(&title) > limits.title_max {
            push(ReportField::Title, Problem::TooLong { max: limits.title_max });
        }
        if tidy(&self.situation).is_empty() {
            push(ReportField::Situation, Problem::Required);
        }
        if tidy(&self.suggestions).is_empty() {
            push(ReportField::Suggestions, Problem::Required);
        }
        if self.body_chars() > limits.body_max {
            push(ReportField::Suggestions, Problem::TooLong { max: limits.body_max });
        }
        let date = tidy(&self.submitted_date);
        if date.is_empty() {
            if self.status != ReportStatus::Draft {
                push(ReportField::SubmittedDate, Problem::Required);
            }
        } else if parse_iso_date(&date).is_none() {
            push(ReportField::SubmittedDate, Problem::BadDate);
        }
        if char_len(&tidy(&self.status_note)) > limits.note_max {
            push(ReportField::StatusNote, Problem::TooLong { max: limits.note_max });
        }
        out
    }

    /// Whether a list search for `folded_words` ([`super::text::search_words`]) keeps this report:
    /// every word must occur in the title, a part, or the status note.
    pub fn matches(&self, folded_words: &[String]) -> bool {
        super::text::all_found(
            folded_words,
            &[&self.title, &self.situation, &self.analysis, &self.suggestions, &self.status_note],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A report that passes every check; tests break one thing at a time.
    fn complete() -> SentimentReport {
        let mut r = SentimentReport::new("r1".into(), 2026, 1_000);
        r.title = "关于山区村组枯水期饮水困难的情况反映".into();
        r.situation = "桃源村三个村民组靠山泉水，每年冬季断水一个多月。".into();
        r.analysis = "管网未延伸到高处村组。".into();
        r.suggestions = "建议将管网延伸纳入明年农村饮水工程。".into();
        r
    }

    fn problems(r: &SentimentReport) -> Vec<(ReportField, Problem)> {
        r.validate_for_submit(&ReportLimits::default()).into_iter().map(|p| (p.field, p.problem)).collect()
    }

    #[test]
    fn codes_round_trip_and_match_serde() {
        for s in ReportStatus::ALL {
            assert_eq!(ReportStatus::from_code(s.as_str()), Some(s));
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.as_str()));
            assert_eq!(ReportStatus::ALL[s.index()], s);
        }
        assert_eq!(ReportStatus::from_code("filed"), None);
    }

    #[test]
    fn a_new_report_is_an_empty_draft() {
        let r = SentimentReport::new("r9".into(), 2025, 42);
        assert_eq!((r.id.as_str(), r.year, r.created_ms, r.updated_ms), ("r9", 2025, 42, 42));
        assert_eq!(r.status, ReportStatus::Draft);
        assert_eq!(r.body_chars(), 0);
        assert!(!r.counts_as_adopted());
    }

    #[test]
    fn complete_report_passes_and_an_empty_one_names_every_required_field() {
        assert_eq!(problems(&complete()), vec![]);
        let empty = SentimentReport::new("r".into(), 2026, 0);
        assert_eq!(
            problems(&empty),
            vec![
                (ReportField::Title, Problem::Required),
                (ReportField::Situation, Problem::Required),
                (ReportField::Suggestions, Problem::Required),
            ]
        );
        // Analysis is optional; whitespace (including U+3000) counts as missing.
        let r = SentimentReport { analysis: String::new(), situation: "\u{3000} \n".into(), ..complete() };
        assert_eq!(problems(&r), vec![(ReportField::Situation, Problem::Required)]);
    }

    #[test]
    fn title_counts_characters_including_extension_b_and_emoji() {
        let r = SentimentReport { title: format!("{}😀", "𠀀".repeat(59)), ..complete() };
        assert_eq!(problems(&r), vec![]);
        let r = SentimentReport { title: format!("{}😀水", "𠀀".repeat(59)), ..complete() };
        assert_eq!(problems(&r), vec![(ReportField::Title, Problem::TooLong { max: 60 })]);
        assert_eq!(char_len(&r.title), 61, "never truncated");
    }

    #[test]
    fn the_guide_is_soft_and_the_body_limit_is_hard() {
        let limits = ReportLimits::default();
        let r = SentimentReport {
            situation: "情".repeat(1000),
            analysis: "因".repeat(500),
            suggestions: " 议 ".into(),
            ..complete()
        };
        assert_eq!(r.body_chars(), 1501, "parts trimmed, then counted together");
        assert_eq!(r.body_counter(&limits), Counter { used: 1501, max: 1500, over: true });
        assert_eq!(problems(&r), vec![], "over the guide is still accepted");

        let at_max = SentimentReport { situation: "𠀀".repeat(2000), analysis: "😀".repeat(999), suggestions: "议".into(), ..complete() };
        assert_eq!(at_max.body_chars(), 3000);
        assert_eq!(problems(&at_max), vec![]);
        let over = SentimentReport { suggestions: "议议".into(), ..at_max };
        assert_eq!(problems(&over), vec![(ReportField::Suggestions, Problem::TooLong { max: 3000 })]);
    }

    #[test]
    fn submitted_date_is_checked_and_required_past_draft() {
        assert_eq!(problems(&SentimentReport { submitted_date: "2026-03-14".into(), ..complete() }), vec![]);
        assert_eq!(
            problems(&SentimentReport { submitted_date: "2026-02-30".into(), ..complete() }),
            vec![(ReportField::SubmittedDate, Problem::BadDate)]
        );
        assert_eq!(
            problems(&SentimentReport { submitted_date: "2026/3/14".into(), ..complete() }),
            vec![(ReportField::SubmittedDate, Problem::BadDate)]
        );
        let sent = SentimentReport { status: ReportStatus::Submitted, ..complete() };
        assert_eq!(problems(&sent), vec![(ReportField::SubmittedDate, Problem::Required)]);
        let sent = SentimentReport { submitted_date: " 2026-03-14 ".into(), ..sent };
        assert_eq!(problems(&sent), vec![]);
    }

    #[test]
    fn status_note_has_a_limit_and_limits_are_data() {
        let r = SentimentReport { status_note: "批".repeat(501), ..complete() };
        assert_eq!(problems(&r), vec![(ReportField::StatusNote, Problem::TooLong { max: 500 })]);
        let partial: ReportLimits = serde_json::from_str(r#"{"body_guide": 1200}"#).unwrap();
        assert_eq!(partial, ReportLimits { body_guide: 1200, ..ReportLimits::default() });
        let tight = ReportLimits { title_max: 5, ..ReportLimits::default() };
        assert_eq!(complete().validate_for_submit(&tight)[0].problem, Problem::TooLong { max: 5 });
    }

    #[test]
    fn adopted_and_instructed_count_as_adopted() {
        let adopted: Vec<_> = ReportStatus::ALL
            .into_iter()
            .filter(|s| SentimentReport { status: *s, ..complete() }.counts_as_adopted())
            .collect();
        assert_eq!(adopted, [ReportStatus::Adopted, ReportStatus::Instructed]);
    }

    #[test]
    fn rare_characters_round_trip_and_missing_fields_default() {
        let mut r = complete();
        r.situation = "𠀀村反映😀：道路塌方".into();
        r.status = ReportStatus::Instructed;
        r.status_note = "县长批示：请交通局办理。".into();
        r.clue_id = Some("c1".into());
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.contains("\"status\":\"instructed\""));
        assert_eq!(serde_json::from_str::<SentimentReport>(&json).unwrap(), r);

        let old = r#"{"id":"a","year":2026,"created_ms":1,"updated_ms":2,"status":"submitted","extra":true}"#;
        let read: SentimentReport = serde_json::from_str(old).unwrap();
        assert_eq!(read.status, ReportStatus::Submitted);
        assert_eq!((read.title.as_str(), read.submitted_date.as_str(), read.clue_id), ("", "", None));
        // Identity and index fields are required: a damaged record does not load as a draft.
        assert!(serde_json::from_str::<SentimentReport>(r#"{"id":"a","year":2026,"created_ms":1,"updated_ms":2}"#).is_err());
    }

    #[test]
    fn search_folds_and_looks_at_every_text_field() {
        let mut r = complete();
        r.suggestions = "治理 ＰＭ2.5 污染".into();
        r.status_note = "采用于《社情民意》第3期".into();
        assert!(r.matches(&[]));
        assert!(r.matches(&["桃源村".into(), "pm2.5".into()]));
        assert!(r.matches(&["第3期".into()]));
        assert!(!r.matches(&["城关".into()]));
        // No match across the boundary of two fields.
        assert!(!r.matches(&["断水一个多月。管网".into()]));
    }
}
