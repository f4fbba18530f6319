//! The life of a proposal after the member writes it, as the domain owns it.
//!
//! ```text
//! draft ─submitted→ submitted ─filed→     filed ──┐
//!                             ─merged→    merged ─┴─assigned→ assigned ─answered→ answered ─evaluated→ evaluated
//!                             ─not_filed→ not_filed
//! submitted | not_filed ─revised→ draft (rev + 1)
//! answered ─answered→ answered          a later reply replaces the earlier one
//! contact (三沟通)     in assigned | answered; status unchanged
//! flagged (重点/优秀)  in filed | merged | assigned | answered | evaluated; status unchanged
//! ```
//!
//! Each step is a [`ProposalEvent`] record in the `proposal_events` store. [`apply`] is the
//! one place where a [`Proposal`]'s status moves (the fields are public for serde and the
//! form, not for setting by hand), and it refuses every step not drawn above with a typed
//! [`TransitionError`]. Members record events by hand for now; staff receipts
//! will produce the same events later, so both paths meet the same rules.

use serde::{Deserialize, Serialize};

use super::proposal::{Proposal, ProposalLimits, ProposalProblem};
use super::text::{char_len, parse_iso_date, tidy, Problem};

/// Where a proposal stands. Stored as the snake_case code, which is also the first part
/// of the `by_status` index key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 草稿: the only status in which the text may change.
    Draft,
    /// 已提交: handed to staff (exported in a bundle), awaiting review.
    Submitted,
    /// 立案: accepted, with a number.
    Filed,
    /// 不予立案: refused; the member may revise and submit again.
    NotFiled,
    /// 并案: combined with other proposals; the proposer still gets a reply.
    Merged,
    /// 交办: sent to handling unit(s).
    Assigned,
    /// 已答复
    Answered,
    /// 已测评: the member has rated the reply; the proposal is closed.
    Evaluated,
}

impl Status {
    /// In lifecycle order, which is the order of the status filter.
    pub const ALL: [Status; 8] = [
        Status::Draft,
        Status::Submitted,
        Status::Filed,
        Status::NotFiled,
        Status::Merged,
        Status::Assigned,
        Status::Answered,
        Status::Evaluated,
    ];

    /// The stored code, for index keys and `<option value>`; equal to the serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Filed => "filed",
            Status::NotFiled => "not_filed",
            Status::Merged => "merged",
            Status::Assigned => "assigned",
            Status::Answered => "answered",
            Status::Evaluated => "evaluated",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == code)
    }
}

/// Who recorded an event: the member by hand, or staff (through a receipt).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    Member,
    Staff,
}

/// Where a proposal that was not filed went instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotFiledOutcome {
    /// 转为社情民意信息
    Sentiment,
    /// 转为委员来信
    Letter,
}

impl NotFiledOutcome {
    pub const ALL: [NotFiledOutcome; 2] = [NotFiledOutcome::Sentiment, NotFiledOutcome::Letter];
}

/// 三沟通: contact with the handling unit before, during and after handling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactStage {
    Before,
    During,
    After,
}

impl ContactStage {
    pub const ALL: [ContactStage; 3] = [ContactStage::Before, ContactStage::During, ContactStage::After];
}

/// How the handling unit classed its reply. Stored as "a", "b", "c".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerClass {
    /// 已解决或基本解决
    A,
    /// 正在解决
    B,
    /// 列入计划或留作参考、说明情况
    C,
}

impl AnswerClass {
    pub const ALL: [AnswerClass; 3] = [AnswerClass::A, AnswerClass::B, AnswerClass::C];
}

/// 满意度测评: the member's rating of the reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Satisfaction {
    Satisfied,
    BasicallySatisfied,
    Unsatisfied,
}

impl Satisfaction {
    pub const ALL: [Satisfaction; 3] =
        [Satisfaction::Satisfied, Satisfaction::BasicallySatisfied, Satisfaction::Unsatisfied];
}

/// What happened. Stored internally tagged, e.g. `{"type":"filed","number":"〔2026〕第12号"}`,
/// so the record reads plainly in IndexedDB and in exported bundles.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    /// 提交 of text revision `rev`.
    Submitted { rev: u32 },
    /// 修改后重新提交, first half: the submitted text stays as it was under its revision,
    /// editing continues in revision `new_rev`, and the proposal is a draft again until it
    /// is submitted once more.
    Revised { new_rev: u32 },
    /// 立案, with its number, e.g. "〔2026〕第12号".
    Filed { number: String },
    /// 不予立案; the reason as told, and where it went, if anywhere.
    NotFiled {
        #[serde(default)]
        reason: String,
        #[serde(default)]
        turned_into: Option<NotFiledOutcome>,
    },
    /// 并案, with the numbers or titles of the proposals it was merged with.
    Merged {
        #[serde(default)]
        with: String,
    },
    /// 交办 to the lead unit(s) and assisting units actually chosen by staff.
    Assigned {
        lead: Vec<String>,
        #[serde(default)]
        assisting: Vec<String>,
    },
    /// A 三沟通 contact with the handling unit.
    Contact {
        stage: ContactStage,
        #[serde(default)]
        note: String,
    },
    /// 答复; `date` is "YYYY-MM-DD" as written on the reply letter.
    Answered {
        class: AnswerClass,
        date: String,
        #[serde(default)]
        summary: String,
    },
    /// 满意度测评
    Evaluated { satisfaction: Satisfaction },
    /// Sets the 重点提案 and 优秀提案 flags to these values.
    Flagged { key: bool, excellent: bool },
}

/// The kind of an [`EventKind`] without its data: for the transition table, the
/// "record an event" menu and error messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventType {
    Submitted,
    Revised,
    Filed,
    NotFiled,
    Merged,
    Assigned,
    Contact,
    Answered,
    Evaluated,
    Flagged,
}

impl EventType {
    /// In lifecycle order.
    pub const ALL: [EventType; 10] = [
        EventType::Submitted,
        EventType::Revised,
        EventType::Filed,
        EventType::NotFiled,
        EventType::Merged,
        EventType::Assigned,
        EventType::Contact,
        EventType::Answered,
        EventType::Evaluated,
        EventType::Flagged,
    ];

    /// The `type` tag of the stored event.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Submitted => "submitted",
            EventType::Revised => "revised",
            EventType::Filed => "filed",
            EventType::NotFiled => "not_filed",
            EventType::Merged => "merged",
            EventType::Assigned => "assigned",
            EventType::Contact => "contact",
            EventType::Answered => "answered",
            EventType::Evaluated => "evaluated",
            EventType::Flagged => "flagged",
        }
    }
}

/// One entry of a proposal's timeline, as stored in `proposal_events` (indexed by
/// `[proposal_id, at_ms]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalEvent {
    pub id: String,
    pub proposal_id: String,
    /// When it happened, which may be earlier than when it was recorded (a 立案 notice
    /// entered a week later keeps its own date).
    pub at_ms: i64,
    pub by: Actor,
    pub kind: EventKind,
}

/// The fields of the "record an event" forms, for problems in the event's own data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventField {
    /// 立案编号
    Number,
    /// 不予立案理由
    Reason,
    /// 并案 with what
    MergedWith,
    /// The lead-unit list as a whole (none given).
    LeadUnits,
    LeadUnit(usize),
    AssistingUnit(usize),
    /// 沟通情况
    Note,
    /// 答复日期
    Date,
    /// 答复摘要
    Summary,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventProblem {
    pub field: EventField,
    pub problem: Problem,
}

/// Why an event could not be applied. Nothing is changed when this is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TransitionError {
    /// This kind of event cannot happen in this status (e.g. 立案 of a draft).
    NotAllowed { from: Status, event: EventType },
    /// The event names another text revision than the proposal holds: it was built from
    /// a stale copy, and applying it would misdescribe what was submitted.
    RevisionMismatch { expected: u32, got: u32 },
    /// The event's own data is incomplete (e.g. 立案 without a number).
    BadEvent(Vec<EventProblem>),
    /// The proposal cannot be submitted yet; the same problems the form shows.
    Incomplete(Vec<ProposalProblem>),
    /// The event belongs to another proposal.
    WrongProposal,
}

impl EventKind {
    pub fn event_type(&self) -> EventType {
        match self {
            EventKind::Submitted { .. } => EventType::Submitted,
            EventKind::Revised { .. } => EventType::Revised,
            EventKind::Filed { .. } => EventType::Filed,
            EventKind::NotFiled { .. } => EventType::NotFiled,
            EventKind::Merged { .. } => EventType::Merged,
            EventKind::Assigned { .. } => EventType::Assigned,
            EventKind::Contact { .. } => EventType::Contact,
            EventKind::Answered { .. } => EventType::Answered,
            EventKind::Evaluated { .. } => EventType::Evaluated,
            EventKind::Flagged { .. } => EventType::Flagged,
        }
    }

    /// Checks the event's own data, all problems at once. Free text that only explains
    /// (a not-filed reason, a reply summary) may be empty, because members often learn
    /// the outcome without the details; what identifies the step may not.
    pub fn validate(&self, limits: &ProposalLimits) -> Result<(), Vec<EventProblem>> {
        let mut out = Vec::new();
        match self {
            EventKind::Filed { number } => {
                check_text(&mut out, EventField::Number, number, limits.number_max, true);
            }
            EventKind::NotFiled { reason, .. } => {
                check_text(&mut out, EventField::Reason, reason, limits.note_max, false);
            }
            EventKind::Merged { with } => {
                check_text(&mut out, EventField::MergedWith, with, limits.note_max, false);
            }
            EventKind::Assigned { lead, assisting } => {
                if lead.is_empty() {
                    out.push(EventProblem { field: EventField::LeadUnits, problem: Problem::Required });
                }
                for (i, unit) in lead.iter().enumerate() {
                    check_text(&mut out, EventField::LeadUnit(i), unit, limits.unit_max, true);
                }
                for (i, unit) in assisting.iter().enumerate() {
                    check_text(&mut out, EventField::AssistingUnit(i), unit, limits.unit_max, true);
                }
            }
            EventKind::Contact { note, .. } => {
                check_text(&mut out, EventField::Note, note, limits.note_max, true);
            }
            EventKind::Answered { date, summary, .. } => {
                let date = tidy(date);
                if date.is_empty() {
                    out.push(EventProblem { field: EventField::Date, problem: Problem::Required });
                } else if parse_iso_date(&date).is_none() {
                    out.push(EventProblem { field: EventField::Date, problem: Problem::BadDate });
                }
                check_text(&mut out, EventField::Summary, summary, limits.note_max, false);
            }
            EventKind::Submitted { .. }
            | EventKind::Revised { .. }
            | EventKind::Evaluated { .. }
            | EventKind::Flagged { .. } => {}
        }
        if out.is_empty() {
            Ok(())
        } else {
            Err(out)
        }
    }
}

fn check_text(out: &mut Vec<EventProblem>, field: EventField, value: &str, max: usize, required: bool) {
    let value = tidy(value);
    if value.is_empty() {
        if required {
            out.push(EventProblem { field, problem: Problem::Required });
        }
    } else if char_len(&value) > max {
        out.push(EventProblem { field, problem: Problem::TooLong { max } });
    }
}

/// The transition table: may an event of this type happen to a proposal in this status?
/// The UI asks it to offer only the events that can be recorded.
pub fn allowed(from: Status, event: EventType) -> bool {
    use Status::*;
    match event {
        EventType::Submitted => from == Draft,
        EventType::Revised => matches!(from, Submitted | NotFiled),
        EventType::Filed | EventType::NotFiled | EventType::Merged => from == Submitted,
        EventType::Assigned => matches!(from, Filed | Merged),
        EventType::Contact => matches!(from, Assigned | Answered),
        EventType::Answered => matches!(from, Assigned | Answered),
        EventType::Evaluated => from == Answered,
        EventType::Flagged => matches!(from, Filed | Merged | Assigned | Answered | Evaluated),
    }
}

/// Moves the proposal by one event: status, revision, 立案编号 and flags. Checks, in this
/// order, that the transition is allowed, that a revision number matches, that the
/// event's data is complete and, for submission, that the proposal is; on any error the
/// proposal is left exactly as it was. `updated_ms` is not touched: the caller owns the
/// clock (see [`record`]).
pub fn apply(p: &mut Proposal, kind: &EventKind, limits: &ProposalLimits) -> Result<(), TransitionError> {
    let event = kind.event_type();
    if !allowed(p.status, event) {
        return Err(TransitionError::NotAllowed { from: p.status, event });
    }
    match *kind {
        EventKind::Submitted { rev } if rev != p.rev => {
            return Err(TransitionError::RevisionMismatch { expected: p.rev, got: rev });
        }
        EventKind::Revised { new_rev } if new_rev != p.rev.saturating_add(1) => {
            return Err(TransitionError::RevisionMismatch { expected: p.rev.saturating_add(1), got: new_rev });
        }
        _ => {}
    }
    kind.validate(limits).map_err(TransitionError::BadEvent)?;
    if event == EventType::Submitted {
        p.validate_for_submit(limits).map_err(TransitionError::Incomplete)?;
    }

    match kind {
        EventKind::Submitted { .. } => p.status = Status::Submitted,
        EventKind::Revised { new_rev } => {
            p.rev = *new_rev;
            p.status = Status::Draft;
        }
        EventKind::Filed { number } => {
            p.filed_number = Some(tidy(number));
            p.status = Status::Filed;
        }
        EventKind::NotFiled { .. } => p.status = Status::NotFiled,
        EventKind::Merged { .. } => p.status = Status::Merged,
        EventKind::Assigned { .. } => p.status = Status::Assigned,
        EventKind::Contact { .. } => {}
        EventKind::Answered { .. } => p.status = Status::Answered,
        EventKind::Evaluated { .. } => p.status = Status::Evaluated,
        EventKind::Flagged { key, excellent } => {
            p.key_proposal = *key;
            p.excellent = *excellent;
        }
    }
    Ok(())
}

/// What the store does when an event is recorded: check it belongs to this proposal,
/// [`apply`] it, and stamp `updated_ms` with the caller's clock so the proposal moves to
/// the top of the newest-first list. Store the event and the proposal in one transaction.
pub fn record(
    p: &mut Proposal,
    event: &ProposalEvent,
    limits: &ProposalLimits,
    now_ms: i64,
) -> Result<(), TransitionError> {
    if event.proposal_id != p.id {
        return Err(TransitionError::WrongProposal);
    }
    apply(p, &event.kind, limits)?;
    p.updated_ms = now_ms;
    Ok(())
}

/// Sorts a timeline oldest first. Ties in `at_ms` (events entered with the same day's
/// time) are broken by id, so every device shows the same order.
pub fn timeline_order(events: &mut [ProposalEvent]) {
    events.sort_by(|a, b| (a.at_ms, &a.id).cmp(&(b.at_ms, &b.id)));
}

/// The reply that counts: the latest `answered` event, since a later reply replaces an
/// earlier one (a B-class "being solved" followed by an A-class "solved").
pub fn latest_answer(events: &[ProposalEvent]) -> Option<&ProposalEvent> {
    events
        .iter()
        .filter(|e| e.kind.event_type() == EventType::Answered)
        .max_by(|a, b| (a.at_ms, &a.id).cmp(&(b.at_ms, &b.id)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::proposal::{Category, ProposalField};
    use Status::*;

    fn limits() -> ProposalLimits {
        ProposalLimits::default()
    }

    fn complete(status: Status) -> Proposal {
        let profile = crate::domain::member::sample_profile();
        let mut p = Proposal::new_draft("p1".into(), &profile, 1000, 2026);
        p.title = "关于加强农村饮用水安全保障的建议".into();
        p.category = Some(Category::Society);
        p.reasons = "枯水期断水。".into();
        p.suggestions = "1. 管网延伸。".into();
        p.status = status;
        p
    }

    /// A valid event of each type for a proposal at revision `rev`.
    fn sample(event: EventType, rev: u32) -> EventKind {
        match event {
            EventType::Submitted => EventKind::Submitted { rev },
            EventType::Revised => EventKind::Revised { new_rev: rev + 1 },
            EventType::Filed => EventKind::Filed { number: "〔2026〕第12号".into() },
            EventType::NotFiled => EventKind::NotFiled {
                reason: "属于个人诉求".into(),
                turned_into: Some(NotFiledOutcome::Letter),
            },
            EventType::Merged => EventKind::Merged { with: "〔2026〕第8号".into() },
            EventType::Assigned => EventKind::Assigned {
                lead: vec!["县水利局".into()],
                assisting: vec!["县卫生健康局".into()],
            },
            EventType::Contact => EventKind::Contact { stage: ContactStage::Before, note: "水利局来电商议办理方案".into() },
            EventType::Answered => EventKind::Answered {
                class: AnswerClass::B,
                date: "2026-06-30".into(),
                summary: "已列入年度管网改造计划".into(),
            },
            EventType::Evaluated => EventKind::Evaluated { satisfaction: Satisfaction::BasicallySatisfied },
            EventType::Flagged => EventKind::Flagged { key: true, excellent: false },
        }
    }

    /// Every (status, event) pair against a table written out by hand: `Some(to)` where
    /// the event is allowed and leads to `to`, `x` where it must be rejected.
    #[test]
    fn every_status_and_event_pair_follows_the_table() {
        let x: Option<Status> = None;
        let s = Some;
        assert_eq!(
            EventType::ALL,
            [
                EventType::Submitted,
                EventType::Revised,
                EventType::Filed,
                EventType::NotFiled,
                EventType::Merged,
                EventType::Assigned,
                EventType::Contact,
                EventType::Answered,
                EventType::Evaluated,
                EventType::Flagged,
            ],
            "columns below are in this order"
        );
        #[rustfmt::skip]
        let table: [(Status, [Option<Status>; 10]); 8] = [
            //            submitted     revised   filed      not_filed     merged     assigned     contact      answered     evaluated     flagged
            (Draft,     [s(Submitted), x,        x,         x,            x,         x,           x,           x,           x,            x]),
            (Submitted, [x,            s(Draft), s(Filed),  s(NotFiled),  s(Merged), x,           x,           x,           x,            x]),
            (Filed,     [x,            x,        x,         x,            x,         s(Assigned), x,           x,           x,            s(Filed)]),
            (NotFiled,  [x,            s(Draft), x,         x,            x,         x,           x,           x,           x,            x]),
            (Merged,    [x,            x,        x,         x,            x,         s(Assigned), x,           x,           x,            s(Merged)]),
            (Assigned,  [x,            x,        x,         x,            x,         x,           s(Assigned), s(Answered), x,            s(Assigned)]),
            (Answered,  [x,            x,        x,         x,            x,         x,           s(Answered), s(Answered), s(Evaluated), s(Answered)]),
            (Evaluated, [x,            x,        x,         x,            x,         x,           x,           x,           x,            s(Evaluated)]),
        ];
        assert_eq!(table.map(|(from, _)| from), Status::ALL, "rows cover every status");

        let mut checked = 0;
        for (from, row) in table {
            for (event, expected) in EventType::ALL.into_iter().zip(row) {
                let mut p = complete(from);
                let before = p.clone();
                let kind = sample(event, p.rev);
                let result = apply(&mut p, &kind, &limits());
                assert_eq!(allowed(from, event), expected.is_some(), "allowed({from:?}, {event:?})");
                match expected {
                    Some(to) => {
                        assert_eq!(result, Ok(()), "{from:?} + {event:?}");
                        assert_eq!(p.status, to, "{from:?} + {event:?}");
                    }
                    None => {
                        assert_eq!(result, Err(TransitionError::NotAllowed { from, event }), "{from:?} + {event:?}");
                        assert_eq!(p, before, "a rejected event changes nothing");
                    }
                }
                checked += 1;
            }
        }
        assert_eq!(checked, Status::ALL.len() * EventType::ALL.len());
    }

    #[test]
    fn submitting_an_incomplete_draft_returns_the_form_problems() {
        let mut p = complete(Draft);
        p.title.clear();
        p.category = None;
        let before = p.clone();
        let err = apply(&mut p, &EventKind::Submitted { rev: 1 }, &limits()).unwrap_err();
        let TransitionError::Incomplete(problems) = err else { panic!("{err:?}") };
        let fields: Vec<_> = problems.iter().map(|e| (e.field, e.problem)).collect();
        assert_eq!(
            fields,
            vec![(ProposalField::Title, Problem::Required), (ProposalField::Category, Problem::Required)]
        );
        assert_eq!(p, before);
    }

    #[test]
    fn submission_and_revision_must_name_the_right_revision() {
        let mut p = complete(Draft);
        assert_eq!(
            apply(&mut p, &EventKind::Submitted { rev: 2 }, &limits()),
            Err(TransitionError::RevisionMismatch { expected: 1, got: 2 })
        );
        apply(&mut p, &EventKind::Submitted { rev: 1 }, &limits()).unwrap();
        assert!(p.is_text_frozen());
        for wrong in [1, 3] {
            assert_eq!(
                apply(&mut p, &EventKind::Revised { new_rev: wrong }, &limits()),
                Err(TransitionError::RevisionMismatch { expected: 2, got: wrong })
            );
        }
        assert_eq!(p.status, Submitted);
    }

    /// 修改后重新提交: submitted text is frozen; editing means a new revision, back in
    /// draft, submitted again under the new number.
    #[test]
    fn revise_and_resubmit_after_not_filed() {
        let mut p = complete(Draft);
        apply(&mut p, &EventKind::Submitted { rev: 1 }, &limits()).unwrap();
        apply(&mut p, &sample(EventType::NotFiled, 1), &limits()).unwrap();
        assert_eq!((p.status, p.rev), (NotFiled, 1));
        apply(&mut p, &EventKind::Revised { new_rev: 2 }, &limits()).unwrap();
        assert_eq!((p.status, p.rev), (Draft, 2));
        assert!(!p.is_text_frozen());
        p.suggestions.push_str("\n2. 建立水质检测制度。");
        // The old revision's submission event no longer applies.
        assert!(matches!(
            apply(&mut p, &EventKind::Submitted { rev: 1 }, &limits()),
            Err(TransitionError::RevisionMismatch { expected: 2, got: 1 })
        ));
        apply(&mut p, &EventKind::Submitted { rev: 2 }, &limits()).unwrap();
        assert_eq!((p.status, p.rev), (Submitted, 2));
    }

    #[test]
    fn the_full_path_sets_number_and_flags() {
        let mut p = complete(Draft);
        let path = [
            EventKind::Submitted { rev: 1 },
            EventKind::Filed { number: " 〔2026〕第12号\u{3000}".into() },
            sample(EventType::Assigned, 1),
            EventKind::Contact { stage: ContactStage::During, note: "现场查看".into() },
            sample(EventType::Answered, 1),
            EventKind::Answered { class: AnswerClass::A, date: "2026-09-01".into(), summary: String::new() },
            EventKind::Flagged { key: true, excellent: true },
            sample(EventType::Evaluated, 1),
            EventKind::Flagged { key: true, excellent: false },
        ];
        for kind in &path {
            apply(&mut p, kind, &limits()).unwrap_or_else(|e| panic!("{kind:?}: {e:?}"));
        }
        assert_eq!(p.status, Evaluated);
        assert_eq!(p.filed_number.as_deref(), Some("〔2026〕第12号"));
        assert!(p.key_proposal && !p.excellent);
        assert_eq!(p.rev, 1);
        for event in EventType::ALL.into_iter().filter(|e| *e != EventType::Flagged) {
            assert!(apply(&mut p, &sample(event, 1), &limits()).is_err(), "{event:?} after evaluation");
        }
    }

    #[test]
    fn merged_proposals_are_assigned_without_a_number() {
        let mut p = complete(Submitted);
        apply(&mut p, &sample(EventType::Merged, 1), &limits()).unwrap();
        apply(&mut p, &sample(EventType::Assigned, 1), &limits()).unwrap();
        assert_eq!((p.status, p.filed_number.as_deref()), (Assigned, None));
    }

    #[test]
    fn event_data_is_checked_before_anything_changes() {
        let l = limits();
        // (status, event, expected problems)
        type Case = (Status, EventKind, Vec<(EventField, Problem)>);
        let cases: Vec<Case> = vec![
            (Submitted, EventKind::Filed { number: "\u{3000}".into() }, vec![(EventField::Number, Problem::Required)]),
            (Submitted, EventKind::Filed { number: "号".repeat(31) }, vec![(EventField::Number, Problem::TooLong { max: 30 })]),
            (Submitted, EventKind::NotFiled { reason: "因".repeat(1001), turned_into: None }, vec![(EventField::Reason, Problem::TooLong { max: 1000 })]),
            (Submitted, EventKind::Merged { with: "案".repeat(1001) }, vec![(EventField::MergedWith, Problem::TooLong { max: 1000 })]),
            (Filed, EventKind::Assigned { lead: vec![], assisting: vec![] }, vec![(EventField::LeadUnits, Problem::Required)]),
            (
                Filed,
                EventKind::Assigned { lead: vec!["县水利局".into(), " ".into()], assisting: vec!["局".repeat(41)] },
                vec![(EventField::LeadUnit(1), Problem::Required), (EventField::AssistingUnit(0), Problem::TooLong { max: 40 })],
            ),
            (Assigned, EventKind::Contact { stage: ContactStage::After, note: String::new() }, vec![(EventField::Note, Problem::Required)]),
            (
                Assigned,
                EventKind::Answered { class: AnswerClass::C, date: "2026-02-30".into(), summary: "答".repeat(1001) },
                vec![(EventField::Date, Problem::BadDate), (EventField::Summary, Problem::TooLong { max: 1000 })],
            ),
            (Assigned, EventKind::Answered { class: AnswerClass::C, date: "".into(), summary: "".into() }, vec![(EventField::Date, Problem::Required)]),
        ];
        for (from, kind, expected) in cases {
            let mut p = complete(from);
            let before = p.clone();
            let got = apply(&mut p, &kind, &l);
            let want = TransitionError::BadEvent(
                expected.into_iter().map(|(field, problem)| EventProblem { field, problem }).collect(),
            );
            assert_eq!(got, Err(want), "{kind:?}");
            assert_eq!(p, before);
        }
        // Explanations may be left empty: members often hear the outcome without details.
        let mut p = complete(Submitted);
        apply(&mut p, &EventKind::NotFiled { reason: String::new(), turned_into: None }, &l).unwrap();
        let mut p = complete(Submitted);
        apply(&mut p, &EventKind::Merged { with: String::new() }, &l).unwrap();
    }

    #[test]
    fn an_illegal_transition_is_reported_before_bad_event_data() {
        let mut p = complete(Draft);
        assert_eq!(
            apply(&mut p, &EventKind::Filed { number: String::new() }, &limits()),
            Err(TransitionError::NotAllowed { from: Draft, event: EventType::Filed })
        );
    }

    #[test]
    fn record_checks_the_owner_and_stamps_the_time() {
        let mut p = complete(Submitted);
        let event = ProposalEvent {
            id: "e1".into(),
            proposal_id: "p1".into(),
            at_ms: 500,
            by: Actor::Member,
            kind: sample(EventType::Filed, 1),
        };
        let other = ProposalEvent { proposal_id: "p2".into(), ..event.clone() };
        assert_eq!(record(&mut p, &other, &limits(), 9000), Err(TransitionError::WrongProposal));
        assert_eq!(p.updated_ms, 1000);
        record(&mut p, &event, &limits(), 9000).unwrap();
        assert_eq!((p.status, p.updated_ms), (Filed, 9000));
        // A refused event leaves the time alone too.
        assert!(record(&mut p, &event, &limits(), 9999).is_err());
        assert_eq!(p.updated_ms, 9000);
    }

    fn event(id: &str, at_ms: i64, kind: EventKind) -> ProposalEvent {
        ProposalEvent { id: id.into(), proposal_id: "p1".into(), at_ms, by: Actor::Staff, kind }
    }

    #[test]
    fn timeline_sorts_by_time_then_id() {
        let mut events = vec![
            event("c", 300, sample(EventType::Assigned, 1)),
            event("b", 100, sample(EventType::Filed, 1)),
            event("z", 50, EventKind::Submitted { rev: 1 }),
            event("a", 100, sample(EventType::Flagged, 1)),
        ];
        timeline_order(&mut events);
        let ids: Vec<_> = events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["z", "a", "b", "c"]);
    }

    #[test]
    fn the_latest_reply_counts() {
        let first = EventKind::Answered { class: AnswerClass::B, date: "2026-06-30".into(), summary: "正在解决".into() };
        let second = EventKind::Answered { class: AnswerClass::A, date: "2026-10-08".into(), summary: "已解决".into() };
        let events = vec![
            event("e3", 3000, second.clone()),
            event("e1", 1000, sample(EventType::Assigned, 1)),
            event("e2", 2000, first),
            event("e4", 4000, sample(EventType::Evaluated, 1)),
        ];
        assert_eq!(latest_answer(&events).map(|e| &e.kind), Some(&second));
        assert_eq!(latest_answer(&events[1..2]), None);
    }

    #[test]
    fn events_are_stored_as_tagged_records_with_short_codes() {
        let e = event(
            "e1",
            1,
            EventKind::NotFiled { reason: "不属于提案范围".into(), turned_into: Some(NotFiledOutcome::Sentiment) },
        );
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "id": "e1", "proposal_id": "p1", "at_ms": 1, "by": "staff",
                "kind": { "type": "not_filed", "reason": "不属于提案范围", "turned_into": "sentiment" }
            })
        );
        let v = serde_json::to_value(EventKind::Answered {
            class: AnswerClass::A,
            date: "2026-06-30".into(),
            summary: String::new(),
        })
        .unwrap();
        assert_eq!(v, serde_json::json!({ "type": "answered", "class": "a", "date": "2026-06-30", "summary": "" }));
        let v = serde_json::to_value(EventKind::Evaluated { satisfaction: Satisfaction::BasicallySatisfied }).unwrap();
        assert_eq!(v["satisfaction"], "basically_satisfied");

        for t in EventType::ALL {
            let kind = sample(t, 1);
            let v = serde_json::to_value(&kind).unwrap();
            assert_eq!(v["type"], t.as_str());
            assert_eq!(serde_json::from_value::<EventKind>(v).unwrap(), kind);
        }
        for s in Status::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
            assert_eq!(Status::from_code(s.as_str()), Some(s));
        }
        // Optional explanations may be absent in records from other versions.
        let old: EventKind = serde_json::from_str(r#"{"type":"not_filed"}"#).unwrap();
        assert_eq!(old, EventKind::NotFiled { reason: String::new(), turned_into: None });
        assert!(serde_json::from_str::<EventKind>(r#"{"type":"reopened"}"#).is_err());
    }
}
