//! 履职量化考核: a year of duty scored by a committee's rules, which are data.
//!
//! Counties score duty differently (see `docs/SCORING.md` and the presets in `rules/`), so
//! the rules are a JSON file (`"format": "lvzhi-score-rules/1"`) that a member or staff
//! can load, and this module is the one engine that reads any of them:
//!
//! - [`parse_rules`] reads a rules file and returns every problem as a typed [`RuleError`]
//!   (line, field path, [`RuleProblem`]); serde's English messages never reach a person.
//! - [`score`] turns a [`YearFacts`] (built by the caller from stored records with
//!   [`LogFact::from_log`], [`ProposalFact::for_member`], [`ReportFact::from_report`] and
//!   [`YearFacts::collect`]) into a [`ScoreCard`]: total, breakdown per item, and what is
//!   still missing this year.
//!
//! Points are fixed-point hundredths ([`Points`]) so that a 1.5-point deduction and a
//! quarter of a joint proposal (6.25) add up exactly, with no float in the arithmetic.

use std::fmt;

use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde::Deserialize;

use super::duty::{year_of, Attendance, DutyGroup, DutyKind, DutyLog};
use super::lifecycle::{EventKind, NotFiledOutcome, ProposalEvent, Status};
use super::proposal::Proposal;
use super::sentiment::{ReportStatus, SentimentReport};

/// The value of `"format"` this engine reads. A later incompatible format gets a new number.
pub const FORMAT: &str = "lvzhi-score-rules/1";

/// A rules file larger than this is refused before parsing (real ones are a few KB).
pub const RULES_MAX_BYTES: usize = 256 * 1024;

/// Largest magnitude of one number of points in a rules file, so sums cannot overflow.
const POINTS_MAX: i64 = 1_000_000 * 100;

// ───────────────────────────── Facts ─────────────────────────────

/// Everything the engine scores for one member and one year.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct YearFacts {
    pub year: i32,
    pub logs: Vec<LogFact>,
    pub proposals: Vec<ProposalFact>,
    pub reports: Vec<ReportFact>,
}

/// One duty-log entry, as scoring sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LogFact {
    pub kind: DutyKind,
    pub attendance: Attendance,
}

/// One proposal the member is on, as scoring sees it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProposalFact {
    /// 1 = first proposer (提案人), 2.. = co-signer in list order.
    pub position: u32,
    /// People on the proposal, first proposer included.
    pub signers: u32,
    /// Handed in (any status after 草稿).
    pub submitted: bool,
    /// Reached 立案 (or 并案, which is accepted and answered like a filed proposal).
    pub filed: bool,
    /// 不予立案, but turned into 社情民意信息.
    pub to_sentiment: bool,
    /// 重点提案
    pub key: bool,
    /// 优秀提案
    pub excellent: bool,
}

/// One 社情民意信息 the member wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReportFact {
    pub submitted: bool,
    /// 被采用
    pub adopted: bool,
    /// 获领导批示
    pub instructed: bool,
}

impl LogFact {
    /// Only meetings that take attendance can be anything but present (the form offers
    /// the choice nowhere else), so a stray value on another kind is read as present.
    pub fn from_log(log: &DutyLog) -> Self {
        let attendance = if log.kind.takes_attendance() { log.attendance } else { Attendance::Present };
        LogFact { kind: log.kind, attendance }
    }
}

impl ProposalFact {
    /// The member's part in `p`, or `None` when they are not on it. Ids are compared
    /// trimmed, and an empty id matches nobody (a half-filled co-signer row).
    ///
    /// `to_sentiment` is always false here: where a refused proposal went is stored on its
    /// `not_filed` event, not on the proposal; use [`ProposalFact::for_member_with_events`].
    pub fn for_member(p: &Proposal, member_id: &str) -> Option<Self> {
        let id = member_id.trim();
        if id.is_empty() {
            return None;
        }
        let position = if p.proposer.member_id.trim() == id {
            1
        } else {
            let i = p.co_signers.iter().position(|c| c.member_id.trim() == id)?;
            i as u32 + 2
        };
        Some(ProposalFact {
            position,
            signers: 1 + p.co_signers.len() as u32,
            submitted: p.status != Status::Draft,
            filed: matches!(
                p.status,
                Status::Filed | Status::Merged | Status::Assigned | Status::Answered | Status::Evaluated
            ),
            to_sentiment: false,
            key: p.key_proposal,
            excellent: p.excellent,
        })
    }

    /// Like [`ProposalFact::for_member`], and reads `to_sentiment` from the proposal's
    /// events: a 不予立案 proposal whose latest `not_filed` event says 转为社情民意信息.
    pub fn for_member_with_events(p: &Proposal, member_id: &str, events: &[ProposalEvent]) -> Option<Self> {
        let mut fact = Self::for_member(p, member_id)?;
        if p.status == Status::NotFiled {
            let latest = events
                .iter()
                .filter(|e| e.proposal_id == p.id && matches!(e.kind, EventKind::NotFiled { .. }))
                .max_by(|a, b| (a.at_ms, &a.id).cmp(&(b.at_ms, &b.id)));
            fact.to_sentiment = matches!(
                latest.map(|e| &e.kind),
                Some(EventKind::NotFiled { turned_into: Some(NotFiledOutcome::Sentiment), .. })
            );
        }
        Some(fact)
    }
}

impl ReportFact {
    /// 已采用 and 领导批示 both count as adopted; 批示 also earns `instructed`.
    pub fn from_report(report: &SentimentReport) -> Self {
        ReportFact {
            submitted: report.status != ReportStatus::Draft,
            adopted: report.counts_as_adopted(),
            instructed: report.status == ReportStatus::Instructed,
        }
    }
}

impl YearFacts {
    /// The facts of `year` for `member_id`: logs whose date is in that year (an entry
    /// without a valid date is not counted, as the list does not count it), proposals of
    /// that session year the member is on, and the member's own reports of that year.
    /// `events` need only hold those of 不予立案 proposals (they say whether one was
    /// turned into 社情民意); without them `to_sentiment` stays false.
    pub fn collect(
        year: i32,
        member_id: &str,
        logs: &[DutyLog],
        proposals: &[Proposal],
        events: &[ProposalEvent],
        reports: &[SentimentReport],
    ) -> Self {
        YearFacts {
            year,
            logs: logs.iter().filter(|l| year_of(&l.date) == Some(year)).map(LogFact::from_log).collect(),
            proposals: proposals
                .iter()
                .filter(|p| p.year == year)
                .filter_map(|p| ProposalFact::for_member_with_events(p, member_id, events))
                .collect(),
            reports: reports.iter().filter(|r| r.year == year).map(ReportFact::from_report).collect(),
        }
    }
}

// ───────────────────────────── Points ─────────────────────────────

/// Points in hundredths: `Points(150)` is 1.5 points. Written in rules files as plain
/// JSON numbers (`2`, `-1.5`, `6.25`); more than two decimals is an error, not a rounding.
/// Arithmetic saturates, so no rules file can make a sum overflow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Points(pub i64);

impl Points {
    pub const ZERO: Points = Points(0);

    /// Whole points: `Points::whole(5)` is 5 points.
    pub const fn whole(n: i64) -> Points {
        Points(n * 100)
    }

    pub fn hundredths(self) -> i64 {
        self.0
    }
}

impl std::ops::Add for Points {
    type Output = Points;
    fn add(self, other: Points) -> Points {
        Points(self.0.saturating_add(other.0))
    }
}

impl std::ops::AddAssign for Points {
    fn add_assign(&mut self, other: Points) {
        *self = *self + other;
    }
}

/// "12.5", "6.25", "-1.5", "0": no trailing zeros, the way a score sheet writes it.
impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let (whole, frac) = (abs / 100, abs % 100);
        if frac == 0 {
            write!(f, "{sign}{whole}")
        } else if frac % 10 == 0 {
            write!(f, "{sign}{whole}.{}", frac / 10)
        } else {
            write!(f, "{sign}{whole}.{frac:02}")
        }
    }
}

/// The `expecting` text of [`Points`]; [`classify`] recognises it to report `BadNumber`.
const POINTS_EXPECTED: &str = "points with at most two decimals";

impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Points;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(POINTS_EXPECTED)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Points, E> {
                match v.checked_mul(100) {
                    Some(h) if h.abs() <= POINTS_MAX => Ok(Points(h)),
                    _ => Err(E::invalid_value(Unexpected::Signed(v), &self)),
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Points, E> {
                match i64::try_from(v) {
                    Ok(v) => self.visit_i64(v),
                    Err(_) => Err(E::invalid_value(Unexpected::Unsigned(v), &self)),
                }
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Points, E> {
                let scaled = v * 100.0;
                let rounded = scaled.round();
                if !rounded.is_finite() || (scaled - rounded).abs() > 1e-6 || rounded.abs() > POINTS_MAX as f64 {
                    return Err(E::invalid_value(Unexpected::Float(v), &self));
                }
                Ok(Points(rounded as i64))
            }
        }
        d.deserialize_any(V)
    }
}

// ───────────────────────────── Rules ─────────────────────────────

/// A committee's scoring rules, as read from a rules file (see `docs/SCORING.md`).
/// Codes (kinds, groups, item ids) are kept as written; [`parse_rules`] has checked them.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreRules {
    /// Always [`FORMAT`].
    pub format: String,
    /// e.g. "桐城市政协委员履职考核（2019）".
    pub name: String,
    /// Where the rules come from (document, year), shown under the score card.
    #[serde(default)]
    pub source: String,
    /// How the file reads the source where it is silent or ambiguous.
    #[serde(default)]
    pub notes: String,
    /// Points everyone starts with.
    #[serde(default)]
    pub base: Points,
    /// The total never goes above this (满分).
    #[serde(default)]
    pub max_total: Option<Points>,
    /// The total never goes below this; 0 unless the file says otherwise.
    #[serde(default)]
    pub min_total: Points,
    /// 合格 at or above this.
    #[serde(default)]
    pub pass: Option<Points>,
    /// 优秀 at or above this.
    #[serde(default)]
    pub excellent: Option<Points>,
    pub items: Vec<ItemRule>,
    /// Yearly requirements ("至少1件提案、1篇社情民意、3次活动").
    #[serde(default)]
    pub minimums: Vec<MinimumRule>,
}

/// One line of the score sheet. Exactly one of `logs`, `proposals`, `reports` says what
/// it counts. Its points are `start` plus what each counted fact earns, then held within
/// `min` and `cap`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemRule {
    /// Referred to by minimums; unique in the file.
    pub id: String,
    /// Shown on the score card, e.g. "参加活动".
    pub label: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub logs: Option<LogsRule>,
    #[serde(default)]
    pub proposals: Option<ProposalsRule>,
    #[serde(default)]
    pub reports: Option<ReportsRule>,
    /// Points the item starts at before anything is counted (e.g. 10 for attendance that
    /// is only ever deducted from).
    #[serde(default)]
    pub start: Points,
    /// The item never goes below this (e.g. 0 for a deductions-only item).
    #[serde(default)]
    pub min: Option<Points>,
    /// The item never goes above this (per-item yearly cap).
    #[serde(default)]
    pub cap: Option<Points>,
}

/// Duty-log entries of the listed kinds and groups (their union).
///
/// Each entry earns the `points` of the first of `rates` that matches it; when none does,
/// an entry the member attended (present or late) earns `points` and one they missed
/// (leave or absent) earns nothing.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogsRule {
    #[serde(default)]
    pub kinds: Vec<String>,
    #[serde(default)]
    pub groups: Vec<String>,
    #[serde(default)]
    pub points: Points,
    #[serde(default)]
    pub rates: Vec<RateRule>,
}

/// An exception to a logs item's `points`: entries of these kinds/groups (any of the item's
/// when both are empty) with one of these attendances (any when empty) earn `points`,
/// which may be negative (a deduction).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateRule {
    #[serde(default)]
    pub kinds: Vec<String>,
    #[serde(default)]
    pub groups: Vec<String>,
    #[serde(default)]
    pub attendance: Vec<Attendance>,
    pub points: Points,
}

/// Submitted proposals the member is on. A proposal earns `submitted`, plus `filed` if it
/// was filed or else `to_sentiment` if it was turned into 社情民意, plus `key` and
/// `excellent` when so flagged, each for the member's role.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProposalsRule {
    #[serde(default)]
    pub submitted: Award,
    #[serde(default)]
    pub filed: Award,
    #[serde(default)]
    pub to_sentiment: Award,
    #[serde(default)]
    pub key: Award,
    #[serde(default)]
    pub excellent: Award,
    /// When set, the `first` amounts are the whole proposal's value, shared out.
    #[serde(default)]
    pub split: Option<Split>,
}

/// Points by role: first proposer (提案人) and co-signer (联名/附议).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Award {
    #[serde(default)]
    pub first: Points,
    #[serde(default)]
    pub co_signer: Points,
}

/// Tongcheng-style sharing of a joint proposal: the first proposer gets `first_percent` of
/// its value and the rest is divided equally among the co-signers credited (at most
/// `max_credited` people in all, first proposer included). Shares are rounded down to
/// the hundredth. A proposal with one credited person gives them the whole value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Split {
    pub first_percent: u32,
    #[serde(default)]
    pub max_credited: Option<u32>,
}

/// Submitted 社情民意信息: `points` each, plus `adopted` (采用) and `instructed` (批示).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportsRule {
    #[serde(default)]
    pub points: Points,
    #[serde(default)]
    pub adopted: Points,
    #[serde(default)]
    pub instructed: Points,
}

/// A yearly requirement: the counts of `items` together reach `need`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinimumRule {
    /// What is required, as a noun: "社情民意信息" (the card says "本年度尚无社情民意信息").
    pub label: String,
    pub items: Vec<String>,
    pub need: u32,
}

// ───────────────────────────── Errors ─────────────────────────────

/// One problem of a rules file: where (line when known, field path such as
/// `items[2].logs.kinds[0]`, empty for the whole file) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleError {
    pub line: Option<usize>,
    pub path: String,
    pub problem: RuleProblem,
}

/// What kind of value was expected where another was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    Number,
    WholeNumber,
    Text,
    List,
    Object,
    Bool,
    Other,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleProblem {
    /// Not JSON (a missing comma, quote or bracket).
    Syntax,
    /// The file ends in the middle.
    Truncated,
    /// Over [`RULES_MAX_BYTES`].
    TooLarge { max_kb: usize },
    WrongType { expected: Expected },
    /// Points with more than two decimals or beyond a million; a count below zero.
    BadNumber,
    UnknownField { field: String },
    MissingField { field: String },
    DuplicateField { field: String },
    /// A value outside a fixed list (e.g. attendance "lat").
    UnknownValue { value: String },
    /// Any other value serde refused.
    Invalid,
    /// `format` is not [`FORMAT`].
    BadFormat { found: String },
    /// Required text or list is empty.
    Empty,
    UnknownKind { code: String },
    UnknownGroup { code: String },
    /// A minimum names an item id that is not in `items`.
    UnknownItem { id: String },
    DuplicateId { id: String },
    /// A logs item with neither kinds nor groups.
    NoSelection,
    /// An item with none of `logs`, `proposals`, `reports`.
    CountsNothing,
    /// An item with more than one of them (the path names the second).
    CountsSeveral,
    /// Below zero where that means nothing (a cap, 满分).
    Negative,
    /// Must be at least 1.
    Zero,
    MinAboveCap,
    /// A threshold or minimum above `max_total`.
    AboveMaxTotal,
    ExcellentBelowPass,
    PercentOver100,
    /// `co_signer` points in an item that shares proposals by `split`.
    CoSignerWithSplit,
    /// A rate names a kind or group the item does not count.
    RateOutsideItem,
}

// ───────────────────────────── Parsing ─────────────────────────────

/// Reads and checks a rules file. A syntax or type error stops reading, so it comes
/// alone; otherwise every semantic problem is listed, in file order.
pub fn parse_rules(text: &str) -> Result<ScoreRules, Vec<RuleError>> {
    if text.len() > RULES_MAX_BYTES {
        return Err(vec![RuleError {
            line: None,
            path: String::new(),
            problem: RuleProblem::TooLarge { max_kb: RULES_MAX_BYTES / 1024 },
        }]);
    }
    let rules: ScoreRules = serde_json::from_str(text).map_err(|e| vec![from_serde(text, &e)])?;
    let mut errors = check(&rules);
    if errors.is_empty() {
        Ok(rules)
    } else {
        for e in &mut errors {
            e.line = line_of(text, &e.path);
        }
        Err(errors)
    }
}

/// Turns serde_json's error into a [`RuleError`]: its line, the path of the last token
/// read before its position, and the kind of problem recognised from serde's message
/// (the message shapes are serde's stable `de::Error` constructors).
fn from_serde(text: &str, e: &serde_json::Error) -> RuleError {
    use serde_json::error::Category;
    let line = (e.line() > 0).then_some(e.line());
    let offset = offset_of(text, e.line(), e.column());
    // A syntax error is found after the slip (at the next token), so only its line helps.
    let (problem, mut path) = match e.classify() {
        Category::Eof => (RuleProblem::Truncated, String::new()),
        Category::Syntax | Category::Io => (RuleProblem::Syntax, String::new()),
        Category::Data => (classify(&e.to_string()), path_at(text, offset)),
    };
    if let RuleProblem::MissingField { field } = &problem {
        path = join(&path, field);
    }
    RuleError { line, path, problem }
}

/// The [`RuleProblem`] of a serde data error message.
fn classify(message: &str) -> RuleProblem {
    // serde_json appends " at line L column C".
    let message = message.rfind(" at line ").map_or(message, |i| &message[..i]);
    let quoted = || {
        let start = message.find('`').map(|i| i + 1).unwrap_or(0);
        let end = message[start..].find('`').map(|i| start + i).unwrap_or(message.len());
        message[start..end].to_string()
    };
    if message.starts_with("unknown field") {
        RuleProblem::UnknownField { field: quoted() }
    } else if message.starts_with("missing field") {
        RuleProblem::MissingField { field: quoted() }
    } else if message.starts_with("duplicate field") {
        RuleProblem::DuplicateField { field: quoted() }
    } else if message.starts_with("unknown variant") {
        RuleProblem::UnknownValue { value: quoted() }
    } else if message.starts_with("invalid value") {
        RuleProblem::BadNumber
    } else if let Some(rest) = message.strip_prefix("invalid type: ") {
        let expected = rest.rsplit_once("expected ").map_or("", |(_, e)| e);
        RuleProblem::WrongType { expected: expected_kind(expected) }
    } else {
        RuleProblem::Invalid
    }
}

fn expected_kind(expected: &str) -> Expected {
    if expected == POINTS_EXPECTED || ["i64", "f64", "number"].iter().any(|w| expected.contains(w)) {
        Expected::Number
    } else if ["u32", "u64", "usize", "integer"].iter().any(|w| expected.contains(w)) {
        Expected::WholeNumber
    } else if expected.contains("string") || expected.contains("variant") {
        Expected::Text
    } else if expected.contains("sequence") {
        Expected::List
    } else if expected.contains("struct") || expected.contains("map") {
        Expected::Object
    } else if expected.contains("bool") {
        Expected::Bool
    } else {
        Expected::Other
    }
}

/// The semantic checks, in file order.
fn check(rules: &ScoreRules) -> Vec<RuleError> {
    let mut out = Vec::new();
    let mut push = |path: String, problem| out.push(RuleError { line: None, path, problem });
    if rules.format != FORMAT {
        push("format".into(), RuleProblem::BadFormat { found: rules.format.clone() });
    }
    if rules.name.trim().is_empty() {
        push("name".into(), RuleProblem::Empty);
    }
    if let Some(max) = rules.max_total {
        if max < Points::ZERO {
            push("max_total".into(), RuleProblem::Negative);
        } else if rules.min_total > max {
            push("min_total".into(), RuleProblem::AboveMaxTotal);
        }
    }
    for (field, threshold) in [("pass", rules.pass), ("excellent", rules.excellent)] {
        if let (Some(t), Some(max)) = (threshold, rules.max_total) {
            if t > max {
                push(field.into(), RuleProblem::AboveMaxTotal);
            }
        }
    }
    if let (Some(pass), Some(excellent)) = (rules.pass, rules.excellent) {
        if excellent < pass {
            push("excellent".into(), RuleProblem::ExcellentBelowPass);
        }
    }
    if rules.items.is_empty() {
        push("items".into(), RuleProblem::Empty);
    }
    for (i, item) in rules.items.iter().enumerate() {
        let at = |field: &str| format!("items[{i}].{field}");
        if item.id.trim().is_empty() {
            push(at("id"), RuleProblem::Empty);
        } else if rules.items[..i].iter().any(|other| other.id == item.id) {
            push(at("id"), RuleProblem::DuplicateId { id: item.id.clone() });
        }
        if item.label.trim().is_empty() {
            push(at("label"), RuleProblem::Empty);
        }
        let present: Vec<&str> = [
            ("logs", item.logs.is_some()),
            ("proposals", item.proposals.is_some()),
            ("reports", item.reports.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, is)| is.then_some(name))
        .collect();
        match present.as_slice() {
            [] => push(format!("items[{i}]"), RuleProblem::CountsNothing),
            [_] => {}
            [_, second, ..] => push(at(second), RuleProblem::CountsSeveral),
        }
        if let Some(cap) = item.cap {
            if cap < Points::ZERO {
                push(at("cap"), RuleProblem::Negative);
            } else if item.min.is_some_and(|min| min > cap) {
                push(at("min"), RuleProblem::MinAboveCap);
            }
        }
        if let Some(logs) = &item.logs {
            if logs.kinds.is_empty() && logs.groups.is_empty() {
                push(at("logs"), RuleProblem::NoSelection);
            }
            check_codes(&mut push, &at("logs"), &logs.kinds, &logs.groups);
            for (r, rate) in logs.rates.iter().enumerate() {
                let base = at(&format!("logs.rates[{r}]"));
                check_codes(&mut push, &base, &rate.kinds, &rate.groups);
                for (j, code) in rate.kinds.iter().enumerate() {
                    if DutyKind::from_code(code).is_some_and(|k| !selects(logs, k)) {
                        push(format!("{base}.kinds[{j}]"), RuleProblem::RateOutsideItem);
                    }
                }
                for (j, code) in rate.groups.iter().enumerate() {
                    if DutyGroup::from_code(code).is_some_and(|g| !g.kinds().any(|k| selects(logs, k))) {
                        push(format!("{base}.groups[{j}]"), RuleProblem::RateOutsideItem);
                    }
                }
            }
        }
        if let Some(p) = &item.proposals {
            if let Some(split) = p.split {
                if split.first_percent > 100 {
                    push(at("proposals.split.first_percent"), RuleProblem::PercentOver100);
                }
                if split.max_credited == Some(0) {
                    push(at("proposals.split.max_credited"), RuleProblem::Zero);
                }
                for (name, award) in p.awards() {
                    if award.co_signer != Points::ZERO {
                        push(at(&format!("proposals.{name}.co_signer")), RuleProblem::CoSignerWithSplit);
                    }
                }
            }
        }
    }
    for (m, min) in rules.minimums.iter().enumerate() {
        let at = |field: &str| format!("minimums[{m}].{field}");
        if min.label.trim().is_empty() {
            push(at("label"), RuleProblem::Empty);
        }
        if min.items.is_empty() {
            push(at("items"), RuleProblem::Empty);
        }
        for (j, id) in min.items.iter().enumerate() {
            if !rules.items.iter().any(|item| &item.id == id) {
                push(at(&format!("items[{j}]")), RuleProblem::UnknownItem { id: id.clone() });
            }
        }
        if min.need == 0 {
            push(at("need"), RuleProblem::Zero);
        }
    }
    out
}

fn check_codes(push: &mut impl FnMut(String, RuleProblem), base: &str, kinds: &[String], groups: &[String]) {
    for (j, code) in kinds.iter().enumerate() {
        if DutyKind::from_code(code).is_none() {
            push(format!("{base}.kinds[{j}]"), RuleProblem::UnknownKind { code: code.clone() });
        }
    }
    for (j, code) in groups.iter().enumerate() {
        if DutyGroup::from_code(code).is_none() {
            push(format!("{base}.groups[{j}]"), RuleProblem::UnknownGroup { code: code.clone() });
        }
    }
}

fn selects(logs: &LogsRule, kind: DutyKind) -> bool {
    logs.kinds.iter().any(|c| c == kind.as_str()) || logs.groups.iter().any(|c| c == kind.group().as_str())
}

impl ProposalsRule {
    fn awards(&self) -> [(&'static str, Award); 5] {
        [
            ("submitted", self.submitted),
            ("filed", self.filed),
            ("to_sentiment", self.to_sentiment),
            ("key", self.key),
            ("excellent", self.excellent),
        ]
    }
}

// ─────────────── Locating paths in the text (for line numbers) ───────────────

/// Byte offset of serde_json's (line, column), where column counts bytes from the start
/// of the line.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    (start + column).min(text.len())
}

fn line_at(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count()
}

/// A light walk over JSON tokens that knows the field path of each key and value. It
/// never fails: on text that is not JSON it skips what it does not understand.
fn walk(text: &str, mut visit: impl FnMut(usize, &str) -> bool) {
    enum Frame {
        Obj { path: String, key: Option<String>, expect_key: bool },
        Arr { path: String, index: usize },
    }
    fn value_path(stack: &[Frame]) -> String {
        match stack.last() {
            None => String::new(),
            Some(Frame::Obj { path, key, .. }) => join(path, key.as_deref().unwrap_or("")),
            Some(Frame::Arr { path, index }) => format!("{path}[{index}]"),
        }
    }
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        match bytes[i] {
            b' ' | b'\t' | b'\r' | b'\n' | b':' => i += 1,
            b'{' | b'[' => {
                let path = value_path(&stack);
                if !visit(start, &path) {
                    return;
                }
                stack.push(if bytes[i] == b'{' {
                    Frame::Obj { path, key: None, expect_key: true }
                } else {
                    Frame::Arr { path, index: 0 }
                });
                i += 1;
            }
            b'}' | b']' => {
                let path = match stack.pop() {
                    Some(Frame::Obj { path, .. } | Frame::Arr { path, .. }) => path,
                    None => String::new(),
                };
                if !visit(start, &path) {
                    return;
                }
                i += 1;
            }
            b',' => {
                match stack.last_mut() {
                    Some(Frame::Obj { expect_key, .. }) => *expect_key = true,
                    Some(Frame::Arr { index, .. }) => *index += 1,
                    None => {}
                }
                i += 1;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                let end = i.min(bytes.len());
                i = end + 1;
                let is_key = matches!(stack.last(), Some(Frame::Obj { expect_key: true, .. }));
                if is_key {
                    let raw = text.get(start + 1..end).unwrap_or("").to_string();
                    if let Some(Frame::Obj { key, expect_key, .. }) = stack.last_mut() {
                        *key = Some(raw);
                        *expect_key = false;
                    }
                }
                if !visit(start, &value_path(&stack)) {
                    return;
                }
            }
            _ => {
                while i < bytes.len() && !b" \t\r\n,:{}[]\"".contains(&bytes[i]) {
                    i += 1;
                }
                if i == start {
                    i += 1;
                }
                if !visit(start, &value_path(&stack)) {
                    return;
                }
            }
        }
    }
}

/// The path of the last token that starts before `offset`.
fn path_at(text: &str, offset: usize) -> String {
    let mut last = String::new();
    walk(text, |start, path| {
        if start >= offset {
            return false;
        }
        last = path.to_string();
        true
    });
    last
}

/// The line of the first token (key or value) at `path`; the whole file is line-less.
fn line_of(text: &str, path: &str) -> Option<usize> {
    if path.is_empty() {
        return None;
    }
    let mut found = None;
    walk(text, |start, p| {
        if p == path {
            found = Some(start);
            return false;
        }
        true
    });
    found.map(|offset| line_at(text, offset))
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_string()
    } else {
        format!("{path}.{field}")
    }
}

// ───────────────────────────── Scoring ─────────────────────────────

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoreCard {
    /// `base` plus every item, held within `min_total` and `max_total`.
    pub total: Points,
    /// `None` when the rules set neither a pass mark nor minimums; otherwise whether the
    /// total reaches the pass mark and every minimum is met.
    pub pass: Option<bool>,
    /// `None` when the rules set no 优秀 mark; never true when `pass` is false.
    pub excellent: Option<bool>,
    pub items: Vec<ItemScore>,
    /// Minimums not met, in file order.
    pub missing: Vec<Missing>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemScore {
    pub id: String,
    pub label: String,
    /// Facts counted: logs attended (present or late), submitted proposals, submitted reports.
    pub count: u32,
    /// `start` plus what each fact earned.
    pub points_before_cap: Points,
    /// After `min` and `cap`.
    pub points: Points,
    /// Whether `min` or `cap` changed the points.
    pub capped: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing {
    pub label: String,
    pub have: u32,
    pub need: u32,
}

/// Scores one year. Pure and total: rules that were not checked by [`parse_rules`] still
/// score (an unknown code simply matches nothing).
pub fn score(rules: &ScoreRules, facts: &YearFacts) -> ScoreCard {
    let mut items = Vec::with_capacity(rules.items.len());
    let mut total = rules.base;
    for item in &rules.items {
        let (count, earned) = if let Some(logs) = &item.logs {
            score_logs(logs, &facts.logs)
        } else if let Some(p) = &item.proposals {
            score_proposals(p, &facts.proposals)
        } else if let Some(r) = &item.reports {
            score_reports(r, &facts.reports)
        } else {
            (0, Points::ZERO)
        };
        let before = item.start + earned;
        let mut points = before;
        if let Some(cap) = item.cap {
            points = points.min(cap);
        }
        if let Some(min) = item.min {
            points = points.max(min);
        }
        total += points;
        items.push(ItemScore {
            id: item.id.clone(),
            label: item.label.clone(),
            count,
            points_before_cap: before,
            points,
            capped: points != before,
        });
    }
    if let Some(max) = rules.max_total {
        total = total.min(max);
    }
    total = total.max(rules.min_total);

    let missing: Vec<Missing> = rules
        .minimums
        .iter()
        .filter_map(|m| {
            let counts = items.iter().filter(|s| m.items.contains(&s.id)).map(|s| s.count);
            let have = counts.fold(0u32, u32::saturating_add);
            (have < m.need).then(|| Missing { label: m.label.clone(), have, need: m.need })
        })
        .collect();
    let pass = (rules.pass.is_some() || !rules.minimums.is_empty())
        .then(|| rules.pass.is_none_or(|p| total >= p) && missing.is_empty());
    let excellent = rules.excellent.map(|e| total >= e && pass != Some(false));
    ScoreCard { total, pass, excellent, items, missing }
}

fn score_logs(rule: &LogsRule, logs: &[LogFact]) -> (u32, Points) {
    let mut count = 0;
    let mut sum = Points::ZERO;
    for log in logs.iter().filter(|l| selects(rule, l.kind)) {
        let attended = matches!(log.attendance, Attendance::Present | Attendance::Late);
        if attended {
            count += 1;
        }
        let rate = rule.rates.iter().find(|r| {
            let by_kind = (r.kinds.is_empty() && r.groups.is_empty())
                || r.kinds.iter().any(|c| c == log.kind.as_str())
                || r.groups.iter().any(|c| c == log.kind.group().as_str());
            by_kind && (r.attendance.is_empty() || r.attendance.contains(&log.attendance))
        });
        sum += match rate {
            Some(r) => r.points,
            None if attended => rule.points,
            None => Points::ZERO,
        };
    }
    (count, sum)
}

fn score_proposals(rule: &ProposalsRule, proposals: &[ProposalFact]) -> (u32, Points) {
    let mut count = 0;
    let mut sum = Points::ZERO;
    for p in proposals.iter().filter(|p| p.submitted && p.position >= 1) {
        count += 1;
        let mut awards = vec![rule.submitted];
        if p.filed {
            awards.push(rule.filed);
        } else if p.to_sentiment {
            awards.push(rule.to_sentiment);
        }
        if p.key {
            awards.push(rule.key);
        }
        if p.excellent {
            awards.push(rule.excellent);
        }
        let first = p.position == 1;
        match rule.split {
            None => {
                for a in awards {
                    sum += if first { a.first } else { a.co_signer };
                }
            }
            Some(split) => {
                let value = awards.iter().fold(0i64, |acc, a| acc.saturating_add(a.first.0));
                let credited = p.signers.max(p.position).min(split.max_credited.unwrap_or(u32::MAX)).max(1);
                let first_share = if credited == 1 {
                    value
                } else {
                    value.saturating_mul(split.first_percent.min(100) as i64) / 100
                };
                sum += Points(if first {
                    first_share
                } else if p.position <= credited {
                    (value - first_share) / (credited as i64 - 1)
                } else {
                    0
                });
            }
        }
    }
    (count, sum)
}

fn score_reports(rule: &ReportsRule, reports: &[ReportFact]) -> (u32, Points) {
    let mut count = 0;
    let mut sum = Points::ZERO;
    for r in reports.iter().filter(|r| r.submitted) {
        count += 1;
        sum += rule.points;
        if r.adopted {
            sum += rule.adopted;
        }
        if r.instructed {
            sum += rule.instructed;
        }
    }
    (count, sum)
}

// ───────────────────────────── Presets ─────────────────────────────

/// The shipped rule sets, built from the real ones in the glossary: (id, file text).
pub const PRESET_FILES: [(&str, &str); 4] = [
    ("tongcheng-2019", include_str!("../../rules/tongcheng-2019.json")),
    ("guangshui", include_str!("../../rules/guangshui.json")),
    ("xuanwei", include_str!("../../rules/xuanwei.json")),
    ("minhang", include_str!("../../rules/minhang.json")),
];

/// The presets, parsed (a native test asserts each one parses, so none is ever dropped).
pub fn presets() -> Vec<(&'static str, ScoreRules)> {
    PRESET_FILES.iter().filter_map(|(id, text)| parse_rules(text).ok().map(|r| (*id, r))).collect()
}

/// One preset by id.
pub fn preset(id: &str) -> Option<ScoreRules> {
    PRESET_FILES.iter().find(|(pid, _)| *pid == id).and_then(|(_, text)| parse_rules(text).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lifecycle::Actor;
    use crate::domain::proposal::{CoSigner, Proposer};
    use crate::i18n::Lang;
    use Attendance::*;
    use DutyKind::*;

    fn log(kind: DutyKind, attendance: Attendance) -> LogFact {
        LogFact { kind, attendance }
    }

    fn logs(kinds: &[DutyKind]) -> Vec<LogFact> {
        kinds.iter().map(|&k| log(k, Present)).collect()
    }

    /// A submitted proposal: `position` of `signers`, filed or not.
    fn prop(position: u32, signers: u32, filed: bool) -> ProposalFact {
        ProposalFact { position, signers, submitted: true, filed, ..Default::default() }
    }

    fn report(adopted: bool) -> ReportFact {
        ReportFact { submitted: true, adopted, instructed: false }
    }

    fn p(x: f64) -> Points {
        Points((x * 100.0).round() as i64)
    }

    /// (id, count, points_before_cap, points, capped) of each item.
    fn rows(card: &ScoreCard) -> Vec<(&str, u32, Points, Points, bool)> {
        card.items.iter().map(|i| (i.id.as_str(), i.count, i.points_before_cap, i.points, i.capped)).collect()
    }

    fn preset_rules(id: &str) -> ScoreRules {
        let text = PRESET_FILES.iter().find(|(pid, _)| *pid == id).map(|(_, t)| *t).unwrap_or_default();
        match parse_rules(text) {
            Ok(rules) => rules,
            Err(errors) => panic!("{id}: {errors:?}"),
        }
    }

    #[test]
    fn every_preset_parses_and_is_listed() {
        let ids: Vec<_> = presets().into_iter().map(|(id, r)| {
            assert_eq!(r.format, FORMAT);
            assert!(!r.source.is_empty() && !r.notes.is_empty(), "{id} cites its source and says what it chose");
            id
        }).collect();
        assert_eq!(ids, ["tongcheng-2019", "guangshui", "xuanwei", "minhang"]);
        assert!(preset("minhang").is_some());
        assert!(preset("jinan").is_none());
    }

    /// The full example in docs/SCORING.md is a valid file, and scores as its text says.
    #[test]
    fn the_documented_example_parses() {
        let doc = include_str!("../../docs/SCORING.md");
        let start = doc.find("```json\n").map(|i| i + 8).unwrap_or(0);
        let end = doc[start..].find("```").map(|i| start + i).unwrap_or(start);
        let rules = match parse_rules(&doc[start..end]) {
            Ok(rules) => rules,
            Err(e) => panic!("{e:?}"),
        };
        // plenary 40 − 10 (absent) = 30; speech 5; submitted-only proposal as first proposer 5;
        // 30 + 5 + 5 = 40 < 60, and no 社情民意 yet
        let facts = YearFacts {
            logs: vec![log(Plenary, Present), log(Plenary, Absent), log(Speech, Present)],
            proposals: vec![prop(1, 1, false)],
            ..Default::default()
        };
        let card = score(&rules, &facts);
        assert_eq!(card.total, p(40.0));
        assert_eq!((card.pass, card.excellent), (Some(false), Some(false)));
        let labels: Vec<_> = card.missing.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(labels, ["社情民意信息", "履职活动"]);
    }

    #[test]
    fn points_are_exact_hundredths_and_print_like_a_score_sheet() {
        for (json, hundredths, shown) in [("2", 200, "2"), ("-1.5", -150, "-1.5"), ("6.25", 625, "6.25"), ("0.1", 10, "0.1"), ("0", 0, "0")] {
            let points: Points = serde_json::from_str(json).unwrap();
            assert_eq!(points, Points(hundredths), "{json}");
            assert_eq!(points.to_string(), shown);
        }
        assert_eq!(Points(-5).to_string(), "-0.05");
        for bad in ["1.234", "2000000", "1e300", "\"2\""] {
            assert!(serde_json::from_str::<Points>(bad).is_err(), "{bad}");
        }
        assert_eq!(Points(i64::MAX) + Points(1), Points(i64::MAX));
    }

    /// 桐城 (2019): plenary 50 / leave 30 / absent 0 capped at 50; proposals 10 + 15 filed,
    /// shared half to the first proposer, the rest among at most 3 people, capped at 25;
    /// activities 2 (speech 5) capped at 10; sentiment 10 + 5 adopted capped at 15; pass 60.
    #[test]
    fn tongcheng_fixture() {
        let rules = preset_rules("tongcheng-2019");
        let mut facts = YearFacts { year: 2026, ..Default::default() };
        // plenary: present 50 + leave 30 = 80 → cap 50 (count: 1 attended)
        facts.logs.push(log(Plenary, Present));
        facts.logs.push(log(Plenary, Leave));
        // activities: speech 5 + inspection 2 + send_policy 2 + study 2 = 11 → cap 10; `other` is not counted
        facts.logs.extend(logs(&[Speech, Inspection, SendPolicy, Study, Other]));
        // proposals, each worth 10 submitted + 15 filed:
        //   co-signer 2 of 4, filed: 25, first 12.5, 3 credited → (25 − 12.5) / 2 = 6.25
        //   co-signer 4 of 4, filed: beyond the 3 credited → 0
        //   first of 2, not filed: 10, first half → 5
        //   co-signer 3 of 3, not filed: (10 − 5) / 2 = 2.5
        //   a draft: not counted
        // 6.25 + 0 + 5 + 2.5 = 13.75, under the cap of 25 (count 4)
        facts.proposals = vec![prop(2, 4, true), prop(4, 4, true), prop(1, 2, false), prop(3, 3, false)];
        facts.proposals.push(ProposalFact { submitted: false, ..prop(1, 1, false) });
        // sentiment: adopted 15 + plain 10 = 25 → cap 15; an unsubmitted one is not counted
        facts.reports = vec![report(true), report(false), ReportFact::default()];
        let card = score(&rules, &facts);
        assert_eq!(
            rows(&card),
            [
                ("plenary", 1, p(80.0), p(50.0), true),
                ("proposals", 4, p(13.75), p(13.75), false),
                ("activities", 4, p(11.0), p(10.0), true),
                ("sentiment", 2, p(25.0), p(15.0), true),
            ]
        );
        // 50 + 13.75 + 10 + 15 = 88.75 ≥ 60
        assert_eq!(card.total, p(88.75));
        assert_eq!((card.pass, card.excellent), (Some(true), None));
        assert!(card.missing.is_empty());

        // Two solo filed proposals: 25 + 25 = 50 → cap 25. An absent plenary earns 0.
        let facts = YearFacts {
            logs: vec![log(Plenary, Absent)],
            proposals: vec![prop(1, 1, true), prop(1, 1, true)],
            ..Default::default()
        };
        let card = score(&rules, &facts);
        assert_eq!(rows(&card)[..2], [("plenary", 0, p(0.0), p(0.0), false), ("proposals", 2, p(50.0), p(25.0), true)]);
        // 0 + 25 + 0 + 0 = 25 < 60
        assert_eq!((card.total, card.pass), (p(25.0), Some(false)));
    }

    /// 广水: filed proposal 20 first / 15 co-signer, turned into 社情民意 15 / 10; sentiment 20
    /// each; attendance from 10, −1 late, −1.5 absent, −3 absent from 常委会, floor 0;
    /// study 5 each (our reading) capped at 10.
    #[test]
    fn guangshui_fixture() {
        let rules = preset_rules("guangshui");
        let sentiment = |position| ProposalFact { to_sentiment: true, ..prop(position, 2, false) };
        let facts = YearFacts {
            year: 2026,
            // attendance: 10 − 1 (late plenary) − 1.5 (absent chairs' meeting) − 3 (absent
            // standing meeting) + 0 (present, leave) = 4.5; attended: present + late = 2
            // study: 3 × 5 = 15 → cap 10
            logs: vec![
                log(Plenary, Present),
                log(Plenary, Late),
                log(ChairsMeeting, Absent),
                log(StandingMeeting, Absent),
                log(Plenary, Leave),
                log(Study, Present),
                log(Study, Present),
                log(Study, Present),
            ],
            // proposals: 20 (first, filed) + 15 (co-signer, filed) + 15 (first, to 社情民意)
            // + 10 (co-signer, to 社情民意) + 0 (first, refused) = 60; the key flag earns nothing here
            proposals: vec![
                ProposalFact { key: true, ..prop(1, 1, true) },
                prop(3, 3, true),
                sentiment(1),
                sentiment(2),
                prop(1, 1, false),
            ],
            // sentiment: 2 × 20 = 40
            reports: vec![report(false), report(true)],
        };
        let card = score(&rules, &facts);
        assert_eq!(
            rows(&card),
            [
                ("proposals", 5, p(60.0), p(60.0), false),
                ("sentiment", 2, p(40.0), p(40.0), false),
                ("attendance", 2, p(4.5), p(4.5), false),
                ("study", 3, p(15.0), p(10.0), true),
            ]
        );
        // 60 + 40 + 4.5 + 10 = 114.5; no pass mark in the rules
        assert_eq!((card.total, card.pass, card.excellent), (p(114.5), None, None));

        // Deductions stop at 0: 10 − 4 × 3 = −2 → 0. With no logs at all, attendance is a full 10.
        let absent = YearFacts { logs: vec![log(StandingMeeting, Absent); 4], ..Default::default() };
        assert_eq!(rows(&score(&rules, &absent))[2], ("attendance", 0, p(-2.0), p(0.0), true));
        assert_eq!(score(&rules, &YearFacts::default()).total, p(10.0));
    }

    /// 宣威: plenary 2, other meetings 1, speech 2, research/inspection/oversight 2, training 1;
    /// no caps; missed meetings earn nothing; kinds it does not list earn nothing.
    #[test]
    fn xuanwei_fixture() {
        let rules = preset_rules("xuanwei");
        let mut facts = YearFacts { year: 2026, ..Default::default() };
        // plenary: present 2 + late 2 + absent 0 = 4 (count 2)
        facts.logs = vec![log(Plenary, Present), log(Plenary, Late), log(Plenary, Absent)];
        facts.logs.extend(logs(&[
            StandingMeeting,   // meetings 1
            TopicConsultation, // meetings 1
            MemberForum,       // meetings 1 → 3
            Speech,
            Speech,        // speech 2 × 2 = 4
            Inspection,    // research 2
            JointResearch, // research 2
            Review,        // research 2
            Hearing,       // research 2 → 8
            Study,
            Study,
            Study,      // training 3 × 1 = 3
            SendPolicy, // not scored
            Other,      // not scored
        ]));
        facts.logs.push(log(ChairsMeeting, Leave)); // missed: 0, not counted
        let card = score(&rules, &facts);
        assert_eq!(
            rows(&card),
            [
                ("plenary", 2, p(4.0), p(4.0), false),
                ("meetings", 3, p(3.0), p(3.0), false),
                ("speech", 2, p(4.0), p(4.0), false),
                ("research", 4, p(8.0), p(8.0), false),
                ("training", 3, p(3.0), p(3.0), false),
            ]
        );
        // 4 + 3 + 4 + 8 + 3 = 22
        assert_eq!((card.total, card.pass, card.excellent), (p(22.0), None, None));
    }

    /// 闵行: half-day plenary 5, activity 5; filed proposal 15 drafter / 3 participant, key
    /// +15/+3, excellent +10/+2; sentiment 5 (our reading); at least 3 activities, 1
    /// proposal, 1 sentiment report, and falling short fails the year.
    #[test]
    fn minhang_fixture() {
        let rules = preset_rules("minhang");
        let facts = YearFacts {
            year: 2026,
            // plenary: 3 half-days × 5 = 15; activities: 2 × 5 = 10 (count 2 < 3)
            logs: logs(&[Plenary, Plenary, Plenary, Inspection, SendLaw]),
            // proposals: first, filed, key: 15 + 15 = 30; co-signer, filed, excellent: 3 + 2 = 5;
            // first, not filed: 0 → 35 (count 3)
            proposals: vec![
                ProposalFact { key: true, ..prop(1, 2, true) },
                ProposalFact { excellent: true, ..prop(2, 2, true) },
                prop(1, 1, false),
            ],
            // sentiment: none → 0 (count 0)
            reports: vec![],
        };
        let card = score(&rules, &facts);
        assert_eq!(
            rows(&card),
            [
                ("plenary", 3, p(15.0), p(15.0), false),
                ("activities", 2, p(10.0), p(10.0), false),
                ("proposals", 3, p(35.0), p(35.0), false),
                ("sentiment", 0, p(0.0), p(0.0), false),
            ]
        );
        // 15 + 10 + 35 + 0 = 60, but two minimums are not met
        assert_eq!(card.total, p(60.0));
        assert_eq!(
            card.missing,
            [
                Missing { label: "履职活动".into(), have: 2, need: 3 },
                Missing { label: "社情民意信息".into(), have: 0, need: 1 },
            ]
        );
        assert_eq!(card.pass, Some(false));
        let zh = Lang::Zh.texts();
        assert_eq!(zh.missing(&card.missing[1]), "本年度尚无社情民意信息（至少 1 项）");
        assert_eq!(zh.missing(&card.missing[0]), "履职活动：已有 2 项，至少需要 3 项");

        // One more activity and one report meet every minimum: 60 + 5 + 5 = 70.
        let mut more = facts.clone();
        more.logs.push(log(PolicyTalk, Present));
        more.reports.push(report(false));
        let card = score(&rules, &more);
        assert!(card.missing.is_empty());
        assert_eq!((card.total, card.pass), (p(70.0), Some(true)));
    }

    #[test]
    fn totals_respect_base_max_min_and_the_excellent_mark() {
        let rules = parse_rules(
            r#"{"format":"lvzhi-score-rules/1","name":"测试","base":70,"max_total":120,"pass":60,"excellent":85,
                "items":[{"id":"a","label":"活动","logs":{"groups":["research"],"points":20}},
                         {"id":"m","label":"缺席全会","logs":{"kinds":["plenary"],"rates":[{"attendance":["absent"],"points":-30}]}}]}"#,
        )
        .unwrap();
        let with = |logs: Vec<LogFact>| score(&rules, &YearFacts { logs, ..Default::default() });
        // 70 + 20 = 90 ≥ 85
        assert_eq!(with(vec![log(Inspection, Present)]).excellent, Some(true));
        // 70 + 3 × 20 = 130 → 120
        assert_eq!(with(vec![log(Inspection, Present); 3]).total, p(120.0));
        // 70 − 3 × 30 = −20 → 0 (min_total defaults to 0)
        let card = with(vec![log(Plenary, Absent); 3]);
        assert_eq!((card.total, card.pass, card.excellent), (p(0.0), Some(false), Some(false)));
    }

    #[test]
    fn split_rounds_down_and_a_lone_credited_person_takes_all() {
        let rules = parse_rules(
            r#"{"format":"lvzhi-score-rules/1","name":"t","items":[{"id":"p","label":"提案",
                "proposals":{"submitted":{"first":10},"split":{"first_percent":50,"max_credited":4}}}]}"#,
        )
        .unwrap();
        let one = |f: ProposalFact| score(&rules, &YearFacts { proposals: vec![f], ..Default::default() }).total;
        // 10: first 5, the other 5 among 3 co-signers → 1.666… → 1.66
        assert_eq!(one(prop(2, 5, false)), p(1.66));
        assert_eq!(one(prop(5, 5, false)), p(0.0));
        assert_eq!(one(prop(1, 5, false)), p(5.0));
        assert_eq!(one(prop(1, 1, false)), p(10.0));
    }

    // ───── builders ─────

    fn proposal(status: Status) -> Proposal {
        Proposal {
            id: "p1".into(),
            rev: 1,
            status,
            year: 2026,
            created_ms: 1,
            updated_ms: 1,
            title: "关于……的建议".into(),
            category: None,
            proposer: Proposer { name: "张三".into(), member_id: "A001".into(), sector: String::new() },
            co_signers: vec![
                CoSigner { name: "李四".into(), member_id: "A002".into() },
                CoSigner { name: "".into(), member_id: "".into() },
                CoSigner { name: "王五".into(), member_id: " A003 ".into() },
            ],
            sector: String::new(),
            reasons: String::new(),
            suggestions: String::new(),
            lead_unit: String::new(),
            assisting_units: vec![],
            phone: String::new(),
            attachment_ids: vec![],
            clue_id: None,
            filed_number: None,
            key_proposal: true,
            excellent: false,
        }
    }

    #[test]
    fn proposal_facts_follow_the_record() {
        let filed = proposal(Status::Assigned);
        let first = ProposalFact::for_member(&filed, "A001").unwrap();
        assert_eq!(
            first,
            ProposalFact { position: 1, signers: 4, submitted: true, filed: true, to_sentiment: false, key: true, excellent: false }
        );
        assert_eq!(ProposalFact::for_member(&filed, "A003").map(|f| f.position), Some(4));
        assert_eq!(ProposalFact::for_member(&filed, "A009"), None);
        assert_eq!(ProposalFact::for_member(&filed, " "), None);
        for (status, submitted, is_filed) in [
            (Status::Draft, false, false),
            (Status::Submitted, true, false),
            (Status::NotFiled, true, false),
            (Status::Merged, true, true),
            (Status::Evaluated, true, true),
        ] {
            let f = ProposalFact::for_member(&proposal(status), "A002").unwrap();
            assert_eq!((f.position, f.submitted, f.filed), (2, submitted, is_filed), "{status:?}");
        }
    }

    #[test]
    fn to_sentiment_comes_from_the_latest_not_filed_event() {
        let event = |id: &str, at_ms, turned_into| ProposalEvent {
            id: id.into(),
            proposal_id: "p1".into(),
            at_ms,
            by: Actor::Member,
            kind: EventKind::NotFiled { reason: String::new(), turned_into },
        };
        let refused = proposal(Status::NotFiled);
        let sentiment = [event("e1", 1, Some(NotFiledOutcome::Letter)), event("e2", 2, Some(NotFiledOutcome::Sentiment))];
        assert!(ProposalFact::for_member_with_events(&refused, "A001", &sentiment).unwrap().to_sentiment);
        let letter = [event("e1", 2, Some(NotFiledOutcome::Letter)), event("e2", 1, Some(NotFiledOutcome::Sentiment))];
        assert!(!ProposalFact::for_member_with_events(&refused, "A001", &letter).unwrap().to_sentiment);
        assert!(!ProposalFact::for_member(&refused, "A001").unwrap().to_sentiment);
        // A proposal revised after refusal is a draft again: nothing turned into anything.
        assert!(!ProposalFact::for_member_with_events(&proposal(Status::Draft), "A001", &sentiment).unwrap().to_sentiment);
    }

    #[test]
    fn year_facts_keep_the_year_and_the_member() {
        let mut absent_talk = DutyLog::new("d1".into(), PolicyTalk, "2026-05-01".into(), 2026, 1);
        absent_talk.attendance = Absent;
        let mut late = DutyLog::new("d2".into(), Plenary, "2026-01-05".into(), 2026, 1);
        late.attendance = Late;
        let other_year = DutyLog::new("d3".into(), Plenary, "2025-12-31".into(), 2025, 1);
        let bad_date = DutyLog::new("d4".into(), Plenary, "2026-02-30".into(), 2026, 1);
        let mut old = proposal(Status::Filed);
        old.year = 2025;
        let mut instructed = SentimentReport::new("r1".into(), 2026, 1);
        instructed.status = ReportStatus::Instructed;
        let reports = [instructed, SentimentReport::new("r2".into(), 2026, 1), SentimentReport::new("r3".into(), 2025, 1)];
        let logs = [absent_talk, late, other_year, bad_date];
        let facts = YearFacts::collect(2026, "A002", &logs, &[proposal(Status::Filed), old], &[], &reports);
        // A policy talk takes no attendance, so it is read as present.
        assert_eq!(facts.logs, [log(PolicyTalk, Present), log(Plenary, Late)]);
        assert_eq!(facts.proposals.len(), 1);
        assert_eq!(facts.proposals[0].position, 2);
        // The 2025 report is left out; the draft is there but earns nothing until submitted.
        assert_eq!(
            facts.reports,
            [ReportFact { submitted: true, adopted: true, instructed: true }, ReportFact::default()]
        );
    }

    // ───── rule-file validation ─────

    fn errors(text: &str) -> Vec<RuleError> {
        match parse_rules(text) {
            Ok(_) => panic!("accepted: {text}"),
            Err(e) => e,
        }
    }

    fn one(text: &str) -> RuleError {
        let e = errors(text);
        assert_eq!(e.len(), 1, "{e:?}");
        e.into_iter().next().unwrap()
    }

    fn at(line: usize, path: &str, problem: RuleProblem) -> RuleError {
        RuleError { line: Some(line), path: path.into(), problem }
    }

    const GOOD: &str = r#"{
  "format": "lvzhi-score-rules/1",
  "name": "测试",
  "items": [
    {
      "id": "activities",
      "label": "参加活动",
      "logs": { "groups": ["research"], "points": 2 },
      "cap": 10
    }
  ]
}"#;

    #[test]
    fn a_syntax_error_names_its_line_in_chinese() {
        assert!(parse_rules(GOOD).is_ok());
        let text = GOOD.replace("\"测试\",", "\"测试\"");
        let e = one(&text);
        assert_eq!(e, RuleError { line: Some(4), path: String::new(), problem: RuleProblem::Syntax });
        assert_eq!(Lang::Zh.texts().rule_error(&e), "第 4 行：不是有效的 JSON（可能缺少逗号、引号或括号）");
        assert_eq!(one(&GOOD[..60]).problem, RuleProblem::Truncated);
    }

    #[test]
    fn an_unknown_field_is_named_with_its_path() {
        let e = one(&GOOD.replace("\"points\": 2", "\"poinst\": 2"));
        assert_eq!(e, at(8, "items[0].logs.poinst", RuleProblem::UnknownField { field: "poinst".into() }));
        assert_eq!(Lang::Zh.texts().rule_error(&e), "第 8 行 items[0].logs.poinst：不认识的字段“poinst”（是否拼写有误？）");
        assert_eq!(
            Lang::En.texts().rule_error(&e),
            "Line 8 items[0].logs.poinst: Unknown field “poinst” (a typo?)"
        );
    }

    #[test]
    fn an_unknown_kind_code_is_named_with_line_and_path() {
        let text = GOOD.replace("\"groups\": [\"research\"]", "\"groups\": [\"research\"],\n        \"kinds\": [\"speech\", \"send_polcy\"]");
        let e = one(&text);
        assert_eq!(e, at(9, "items[0].logs.kinds[1]", RuleProblem::UnknownKind { code: "send_polcy".into() }));
        assert_eq!(Lang::Zh.texts().rule_error(&e), "第 9 行 items[0].logs.kinds[1]：未知的活动类别“send_polcy”");
        let group = one(&GOOD.replace("\"research\"", "\"reserch\""));
        assert_eq!(group, at(8, "items[0].logs.groups[0]", RuleProblem::UnknownGroup { code: "reserch".into() }));
    }

    #[test]
    fn wrong_types_missing_fields_and_bad_values_are_typed() {
        let e = one(&GOOD.replace("\"cap\": 10", "\"cap\": \"10\""));
        assert_eq!(e, at(9, "items[0].cap", RuleProblem::WrongType { expected: Expected::Number }));
        assert_eq!(Lang::Zh.texts().rule_error(&e), "第 9 行 items[0].cap：这里应填数字");
        let e = one(&GOOD.replace("\"items\": [", "\"items\": \"activities\", \"x\": ["));
        assert_eq!((e.path.as_str(), e.problem), ("items", RuleProblem::WrongType { expected: Expected::List }));
        let e = one(&GOOD.replace("\"label\": \"参加活动\",", ""));
        assert_eq!((e.path.as_str(), e.problem.clone()), ("items[0].label", RuleProblem::MissingField { field: "label".into() }));
        assert_eq!(Lang::Zh.texts().rule_error(&e), "第 10 行 items[0].label：缺少字段“label”");
        let e = one(&GOOD.replace("\"cap\": 10", "\"cap\": 1.234"));
        assert_eq!(e, at(9, "items[0].cap", RuleProblem::BadNumber));
        let e = one(&GOOD.replace("\"points\": 2", "\"points\": 2, \"rates\": [{\"attendance\": [\"lat\"], \"points\": -1}]"));
        assert_eq!(e, at(8, "items[0].logs.rates[0].attendance[0]", RuleProblem::UnknownValue { value: "lat".into() }));
        let e = one(&GOOD.replace("\"cap\": 10", "\"cap\": 10, \"cap\": 5"));
        assert_eq!(e.problem, RuleProblem::DuplicateField { field: "cap".into() });
        let minimum = GOOD.replace("\n  ]\n}", "\n  ],\n  \"minimums\": [{\"label\": \"活动\", \"items\": [\"activities\"], \"need\": -1}]\n}");
        assert_eq!(one(&minimum).problem, RuleProblem::BadNumber);
        let e = one(&GOOD.replace("\"items\": [", "\"items\": [5, "));
        assert_eq!(e, at(4, "items[0]", RuleProblem::WrongType { expected: Expected::Object }));
        // No serde wording reaches a sentence.
        for lang in Lang::ALL {
            let s = lang.texts().rule_error(&e);
            assert!(!s.contains("struct") && !s.contains("expected"), "{s}");
        }
    }

    #[test]
    fn semantic_problems_are_all_listed_with_their_paths() {
        let text = r#"{
  "format": "lvzhi-score-rules/2",
  "name": " ",
  "max_total": 100,
  "pass": 110,
  "excellent": 90,
  "items": [
    { "id": "a", "label": "活动", "logs": { "groups": ["research"], "rates": [{ "kinds": ["plenary"], "points": 1 }] } },
    { "id": "a", "label": "", "reports": {}, "logs": { "kinds": [] } },
    { "id": "p", "label": "提案", "cap": -1,
      "proposals": { "filed": { "first": 10, "co_signer": 5 }, "split": { "first_percent": 150, "max_credited": 0 } } },
    { "id": "n", "label": "无", "min": 5, "cap": 3 }
  ],
  "minimums": [{ "label": "社情民意信息", "items": ["sentiment"], "need": 0 }]
}"#;
        use RuleProblem::*;
        let e = errors(text);
        let brief: Vec<(Option<usize>, String, RuleProblem)> = e.into_iter().map(|e| (e.line, e.path, e.problem)).collect();
        let want: Vec<(Option<usize>, String, RuleProblem)> = [
            (2, "format", BadFormat { found: "lvzhi-score-rules/2".into() }),
            (3, "name", Empty),
            (5, "pass", AboveMaxTotal),
            (6, "excellent", ExcellentBelowPass),
            (8, "items[0].logs.rates[0].kinds[0]", RateOutsideItem),
            (9, "items[1].id", DuplicateId { id: "a".into() }),
            (9, "items[1].label", Empty),
            (9, "items[1].reports", CountsSeveral),
            (9, "items[1].logs", NoSelection),
            (10, "items[2].cap", Negative),
            (11, "items[2].proposals.split.first_percent", PercentOver100),
            (11, "items[2].proposals.split.max_credited", Zero),
            (11, "items[2].proposals.filed.co_signer", CoSignerWithSplit),
            (12, "items[3]", CountsNothing),
            (12, "items[3].min", MinAboveCap),
            (14, "minimums[0].items[0]", UnknownItem { id: "sentiment".into() }),
            (14, "minimums[0].need", Zero),
        ]
        .into_iter()
        .map(|(line, path, problem)| (Some(line), path.to_string(), problem))
        .collect();
        assert_eq!(brief, want);
        let zh = Lang::Zh.texts();
        assert_eq!(
            zh.rule_error(&RuleError { line: Some(14), path: "minimums[0].items[0]".into(), problem: UnknownItem { id: "sentiment".into() } }),
            "第 14 行 minimums[0].items[0]：没有编号为“sentiment”的考核项目"
        );
        assert_eq!(one(r#"{"format":"lvzhi-score-rules/1","name":"x","items":[]}"#), at(1, "items", Empty));
    }

    #[test]
    fn oversized_files_are_refused_before_parsing() {
        let big = " ".repeat(RULES_MAX_BYTES + 1);
        assert_eq!(one(&big).problem, RuleProblem::TooLarge { max_kb: 256 });
    }

    /// Every problem has a sentence in both languages, Chinese only in the Chinese table.
    #[test]
    fn every_rule_problem_has_a_sentence() {
        use RuleProblem::*;
        let s = || "x".to_string();
        let all = [
            Syntax, Truncated, TooLarge { max_kb: 1 }, BadNumber, UnknownField { field: s() }, MissingField { field: s() },
            DuplicateField { field: s() }, UnknownValue { value: s() }, Invalid, BadFormat { found: s() }, Empty,
            UnknownKind { code: s() }, UnknownGroup { code: s() }, UnknownItem { id: s() }, DuplicateId { id: s() },
            NoSelection, CountsNothing, CountsSeveral, Negative, Zero, MinAboveCap, AboveMaxTotal, ExcellentBelowPass,
            PercentOver100, CoSignerWithSplit, RateOutsideItem,
        ]
        .into_iter()
        .chain(
            [Expected::Number, Expected::WholeNumber, Expected::Text, Expected::List, Expected::Object, Expected::Bool, Expected::Other]
                .map(|expected| WrongType { expected }),
        );
        for problem in all {
            for lang in Lang::ALL {
                let sentence = lang.texts().rule_problem(&problem);
                let cjk = sentence.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
                assert_eq!(cjk, lang == Lang::Zh, "{lang:?} {problem:?}: {sentence}");
            }
        }
    }
}
