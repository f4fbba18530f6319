//! Staff review of a member's proposal: 立案 with a number in sequence, 不予立案, 并案, 交办,
//! 答复, 满意度, 重点/优秀. Every action goes through `domain::lifecycle::record` (the one
//! transition table) as an event `by: Actor::Staff`, and is kept as a [`StaffAction`] in
//! the history; the same events travel back to the member in a receipt.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::lifecycle::{allowed, record, Actor, EventKind, EventType, ProposalEvent, Status, TransitionError};
use crate::domain::proposal::{Proposal, ProposalLimits};

/// One staff action, as the history keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAction {
    /// Equal to `event.id`, so an update in a receipt traces back to its action.
    pub id: String,
    /// When staff recorded it (the event's `at_ms` is when it happened).
    pub at_ms: i64,
    pub staff_name: String,
    pub proposal_id: String,
    /// The proposer, whose receipt carries the event.
    pub member_id: String,
    pub event: ProposalEvent,
}

/// Why a staff action was refused; the proposal is unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewError {
    /// Only the member submits or revises their own text.
    MemberOnly(EventType),
    Transition(TransitionError),
}

/// Whether staff record this kind of event (everything but the member's 提交 and 修改).
pub fn staff_may(event: EventType) -> bool {
    !matches!(event, EventType::Submitted | EventType::Revised)
}

/// The actions to offer for a proposal in `status`, in lifecycle order.
pub fn offered(status: Status) -> Vec<EventType> {
    EventType::ALL.into_iter().filter(|e| staff_may(*e) && allowed(status, *e)).collect()
}

/// Who acts and when: the caller's ids and clock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    /// Id of the action and its event (a UUID from the caller).
    pub id: String,
    /// When it happened (a 答复 letter's date may be earlier than today).
    pub happened_ms: i64,
    /// Now.
    pub now_ms: i64,
    pub staff_name: String,
}

/// Records `kind` on `p` as staff. On success `p` has moved (status, number, flags,
/// `updated_ms = now`) and the action to store with it is returned; on error nothing changed.
pub fn review(p: &mut Proposal, kind: EventKind, stamp: &Stamp, limits: &ProposalLimits) -> Result<StaffAction, ReviewError> {
    let ty = kind.event_type();
    if !staff_may(ty) {
        return Err(ReviewError::MemberOnly(ty));
    }
    let event =
        ProposalEvent { id: stamp.id.clone(), proposal_id: p.id.clone(), at_ms: stamp.happened_ms, by: Actor::Staff, kind };
    record(p, &event, limits, stamp.now_ms).map_err(ReviewError::Transition)?;
    Ok(StaffAction {
        id: stamp.id.clone(),
        at_ms: stamp.now_ms,
        staff_name: stamp.staff_name.clone(),
        proposal_id: p.id.clone(),
        member_id: p.proposer.member_id.trim().to_string(),
        event,
    })
}

/// 立案 with the next number of the proposal's session year; the number is taken from
/// `counter` only when the filing succeeds, so a refused one leaves no gap.
pub fn file(
    p: &mut Proposal,
    counter: &mut FilingCounter,
    stamp: &Stamp,
    limits: &ProposalLimits,
) -> Result<StaffAction, ReviewError> {
    let number = counter.peek(p.year);
    let action = review(p, EventKind::Filed { number: number.clone() }, stamp, limits)?;
    counter.mark_used(&number);
    Ok(action)
}

/// History newest first (ties by id, so every screen shows the same order).
pub fn history_order(actions: &mut [StaffAction]) {
    actions.sort_by(|a, b| (b.at_ms, &b.id).cmp(&(a.at_ms, &a.id)));
}

/// 立案编号 per session year: "〔2026〕第12号", in sequence, never reused. The next number is
/// one past the highest used in that year, so a number given out and then left (a proposal
/// merged later, a record lost) is never given again, and a counter rebuilt from the stored
/// numbers ([`FilingCounter::from_numbers`]) after a reload or two imports continues
/// without colliding.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilingCounter {
    highest: BTreeMap<i32, u32>,
}

impl FilingCounter {
    /// A counter that continues after every number in `numbers` (stored 立案编号, staff
    /// actions' numbers; text that is not a filing number is ignored).
    pub fn from_numbers<'a>(numbers: impl IntoIterator<Item = &'a str>) -> Self {
        let mut c = FilingCounter::default();
        for n in numbers {
            c.mark_used(n);
        }
        c
    }

    /// The next number of `year`, not yet taken.
    pub fn peek(&self, year: i32) -> String {
        filing_number(year, self.highest.get(&year).copied().unwrap_or(0).saturating_add(1))
    }

    /// Takes the next number of `year`.
    pub fn next(&mut self, year: i32) -> String {
        let n = self.peek(year);
        self.mark_used(&n);
        n
    }

    /// Notes a number as used (one typed by hand too); returns whether it was read.
    pub fn mark_used(&mut self, number: &str) -> bool {
        match parse_filing_number(number) {
            Some((year, n)) => {
                let h = self.highest.entry(year).or_insert(0);
                *h = (*h).max(n);
                true
            }
            None => false,
        }
    }
}

/// "〔2026〕第12号".
pub fn filing_number(year: i32, n: u32) -> String {
    format!("〔{year}〕第{n}号")
}

/// The (year, n) of a filing number, read leniently since numbers are also typed by hand:
/// brackets 〔〕, [], ［］, ()、（）or 【】, spaces, 第 and 号 optional, full-width digits.
pub fn parse_filing_number(s: &str) -> Option<(i32, u32)> {
    let s: String = crate::domain::text::fold(s).chars().filter(|c| !c.is_whitespace()).collect();
    let s = s.strip_prefix(['〔', '[', '(', '【'])?;
    let close = s.find(['〕', ']', ')', '】'])?;
    let year: i32 = s[..close].parse().ok().filter(|y| (1900..=9999).contains(y))?;
    let rest = &s[close..];
    let rest = rest[rest.chars().next()?.len_utf8()..].trim_start_matches('第');
    let rest = rest.strip_suffix('号').unwrap_or(rest);
    let n: u32 = rest.parse().ok().filter(|n| *n > 0)?;
    Some((year, n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lifecycle::{AnswerClass, NotFiledOutcome, Satisfaction};
    use crate::domain::proposal::Category;

    fn proposal(id: &str, year: i32) -> Proposal {
        let profile = crate::domain::member::sample_profile();
        let mut p = Proposal::new_draft(id.into(), &profile, 1000, year);
        p.title = "关于加强农村饮用水安全保障的建议".into();
        p.category = Some(Category::Society);
        p.reasons = "枯水期断水。".into();
        p.suggestions = "1. 管网延伸。".into();
        p.status = Status::Submitted;
        p
    }

    fn stamp(id: &str, now: i64) -> Stamp {
        Stamp { id: id.into(), happened_ms: now - 10, now_ms: now, staff_name: "提案委 刘芳".into() }
    }

    #[test]
    fn filing_numbers_run_in_sequence_per_year_and_are_never_reused() {
        let mut c = FilingCounter::default();
        assert_eq!(c.next(2026), "〔2026〕第1号");
        assert_eq!(c.next(2026), "〔2026〕第2号");
        assert_eq!(c.next(2027), "〔2027〕第1号");
        assert_eq!(c.peek(2026), "〔2026〕第3号");
        assert_eq!(c.peek(2026), "〔2026〕第3号", "peek takes nothing");
        // A number typed by hand further on moves the sequence past it.
        assert!(c.mark_used("〔2026〕第 12 号"));
        assert_eq!(c.next(2026), "〔2026〕第13号");
        assert!(!c.mark_used("待定"));
        // A reload rebuilds from the stored numbers: nothing given out is given again, even
        // when a lower number is no longer stored.
        let stored = ["〔2026〕第13号", "[2026]第5号", "（2027）第1号", "〔２０２７〕第２号", "随便写的"];
        let mut again = FilingCounter::from_numbers(stored);
        assert_eq!(again.next(2026), "〔2026〕第14号");
        assert_eq!(again.next(2027), "〔2027〕第3号");
        assert_eq!(again.next(2025), "〔2025〕第1号");
        let mut seen = std::collections::HashSet::new();
        let mut c = FilingCounter::from_numbers(["〔2026〕第3号"]);
        for i in 0..200 {
            assert!(seen.insert(c.next(2026 + i % 2)));
        }
    }

    #[test]
    fn filing_numbers_are_read_leniently() {
        assert_eq!(parse_filing_number("〔2026〕第12号"), Some((2026, 12)));
        assert_eq!(parse_filing_number(" 【2026】 7 "), Some((2026, 7)));
        assert_eq!(parse_filing_number("〔2026〕第0号"), None);
        assert_eq!(parse_filing_number("2026第1号"), None);
        assert_eq!(parse_filing_number("〔26〕第1号"), None);
        assert_eq!(parse_filing_number(&filing_number(2030, 99)), Some((2030, 99)));
    }

    #[test]
    fn staff_actions_go_through_the_lifecycle_and_are_kept() {
        let limits = ProposalLimits::default();
        let mut c = FilingCounter::from_numbers(["〔2026〕第11号"]);
        let mut p = proposal("p1", 2026);
        assert_eq!(offered(p.status), [EventType::Filed, EventType::NotFiled, EventType::Merged]);
        let a = file(&mut p, &mut c, &stamp("a1", 5000), &limits).unwrap();
        assert_eq!(p.filed_number.as_deref(), Some("〔2026〕第12号"));
        assert_eq!((p.status, p.updated_ms), (Status::Filed, 5000));
        assert_eq!(a.event.by, Actor::Staff);
        assert_eq!((a.id.as_str(), a.event.id.as_str(), a.at_ms, a.event.at_ms), ("a1", "a1", 5000, 4990));
        assert_eq!((a.member_id.as_str(), a.proposal_id.as_str()), ("QY-2026-017", "p1"));

        // A refused filing takes no number.
        let mut filed_again = p.clone();
        let err = file(&mut filed_again, &mut c, &stamp("a2", 6000), &limits).unwrap_err();
        assert!(matches!(err, ReviewError::Transition(TransitionError::NotAllowed { from: Status::Filed, .. })));
        assert_eq!(c.peek(2026), "〔2026〕第13号");

        let steps = [
            EventKind::Assigned { lead: vec!["县水利局".into()], assisting: vec!["县财政局".into()] },
            EventKind::Answered { class: AnswerClass::A, date: "2026-06-30".into(), summary: "已解决".into() },
            EventKind::Evaluated { satisfaction: Satisfaction::Satisfied },
            EventKind::Flagged { key: true, excellent: true },
        ];
        let mut history = vec![a];
        for (i, k) in steps.into_iter().enumerate() {
            history.push(review(&mut p, k, &stamp(&format!("b{i}"), 7000 + i as i64), &limits).unwrap());
        }
        assert_eq!((p.status, p.key_proposal, p.excellent), (Status::Evaluated, true, true));
        history_order(&mut history);
        assert_eq!(history.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["b3", "b2", "b1", "b0", "a1"]);

        // The member's own steps are not staff's to record; the table refuses the rest.
        let mut q = proposal("p2", 2026);
        assert_eq!(
            review(&mut q, EventKind::Revised { new_rev: 2 }, &stamp("c", 1), &limits),
            Err(ReviewError::MemberOnly(EventType::Revised))
        );
        assert!(matches!(
            review(&mut q, EventKind::Assigned { lead: vec!["x".into()], assisting: vec![] }, &stamp("c", 1), &limits),
            Err(ReviewError::Transition(TransitionError::NotAllowed { .. }))
        ));
        let not_filed = EventKind::NotFiled { reason: "属个人诉求".into(), turned_into: Some(NotFiledOutcome::Letter) };
        review(&mut q, not_filed, &stamp("c", 2), &limits).unwrap();
        assert_eq!(q.status, Status::NotFiled);
        let mut m = proposal("p3", 2026);
        review(&mut m, EventKind::Merged { with: "〔2026〕第12号".into() }, &stamp("d", 3), &limits).unwrap();
        assert_eq!((m.status, m.filed_number), (Status::Merged, None));
    }
}
