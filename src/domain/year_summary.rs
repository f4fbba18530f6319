//! The facts of the yearly duty report (年度履职报告 / 常委述职), generated from the
//! member's logs, proposals and sentiment reports of one year. The narrative that starts
//! from these facts is written in `i18n` (it is prose) and then edited by the member.

use super::duty::{year_of, Attendance, DutyGroup, DutyKind, DutyLog};
use super::lifecycle::Status;
use super::proposal::Proposal;
use super::score::ProposalFact;
use super::sentiment::{ReportStatus, SentimentReport};

/// One of the member's proposals, as the report lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProposalLine {
    pub id: String,
    pub title: String,
    /// 领衔 (first proposer) rather than 联名.
    pub first: bool,
    pub status: Status,
    pub filed_number: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportLine {
    pub id: String,
    pub title: String,
    pub status: ReportStatus,
    pub submitted_date: String,
}

/// One activity in the report's list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActivityLine {
    pub date: String,
    pub kind: DutyKind,
    pub title: String,
    pub place: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct YearSummary {
    pub year: i32,
    /// Activities taken part in (a meeting on leave or missed is not one).
    pub activities: u32,
    /// Non-zero groups, in [`DutyGroup::ALL`] order.
    pub by_group: Vec<(DutyGroup, u32)>,
    /// Non-zero kinds, in [`DutyKind::ALL`] order.
    pub by_kind: Vec<(DutyKind, u32)>,
    /// Meetings on leave or missed.
    pub absences: u32,
    pub people: u32,
    pub hours_tenths: u32,
    /// Proposals handed in (drafts are not), first-proposer ones first.
    pub proposals: Vec<ProposalLine>,
    pub proposals_first: u32,
    pub proposals_joint: u32,
    pub proposals_filed: u32,
    /// Reports past draft.
    pub reports: Vec<ReportLine>,
    pub reports_adopted: u32,
    pub reports_instructed: u32,
    /// Activities in date order.
    pub entries: Vec<ActivityLine>,
}

impl YearSummary {
    /// Everything of `year` for the member `member_id`. Entries without a valid date are
    /// left out, as the score leaves them out.
    pub fn build(
        year: i32,
        member_id: &str,
        logs: &[DutyLog],
        proposals: &[Proposal],
        reports: &[SentimentReport],
    ) -> Self {
        let mut s = YearSummary { year, ..Default::default() };
        let mut kinds = [0u32; DutyKind::ALL.len()];
        let mut logs: Vec<&DutyLog> = logs.iter().filter(|l| year_of(&l.date) == Some(year)).collect();
        logs.sort_by(|a, b| (&a.date, a.created_ms).cmp(&(&b.date, b.created_ms)));
        for log in logs {
            if matches!(log.attendance, Attendance::Leave | Attendance::Absent) {
                s.absences += 1;
                continue;
            }
            s.activities += 1;
            kinds[log.kind.index()] += 1;
            s.people += log.people.unwrap_or(0);
            s.hours_tenths += log.hours_tenths.unwrap_or(0);
            s.entries.push(ActivityLine {
                date: log.date.clone(),
                kind: log.kind,
                title: log.title.clone(),
                place: log.place.clone(),
            });
        }
        s.by_kind = DutyKind::ALL.into_iter().map(|k| (k, kinds[k.index()])).filter(|(_, n)| *n > 0).collect();
        s.by_group = DutyGroup::ALL
            .into_iter()
            .map(|g| (g, g.kinds().map(|k| kinds[k.index()]).sum::<u32>()))
            .filter(|(_, n)| *n > 0)
            .collect();

        for p in proposals.iter().filter(|p| p.year == year) {
            let Some(fact) = ProposalFact::for_member(p, member_id) else { continue };
            if !fact.submitted {
                continue;
            }
            let first = fact.position == 1;
            if first {
                s.proposals_first += 1;
            } else {
                s.proposals_joint += 1;
            }
            s.proposals_filed += u32::from(fact.filed);
            s.proposals.push(ProposalLine {
                id: p.id.clone(),
                title: p.title.clone(),
                first,
                status: p.status,
                filed_number: p.filed_number.clone(),
            });
        }
        s.proposals.sort_by_key(|p| !p.first);

        for r in reports.iter().filter(|r| r.year == year && r.status != ReportStatus::Draft) {
            s.reports_adopted += u32::from(r.counts_as_adopted());
            s.reports_instructed += u32::from(r.status == ReportStatus::Instructed);
            s.reports.push(ReportLine {
                id: r.id.clone(),
                title: r.title.clone(),
                status: r.status,
                submitted_date: r.submitted_date.clone(),
            });
        }
        s.reports.sort_by(|a, b| a.submitted_date.cmp(&b.submitted_date));
        s
    }

    /// The group count, 0 when the member had none.
    pub fn group(&self, group: DutyGroup) -> u32 {
        self.by_group.iter().find(|(g, _)| *g == group).map_or(0, |(_, n)| *n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::member::sample_profile;
    use crate::domain::proposal::CoSigner;

    fn log(id: &str, kind: DutyKind, date: &str) -> DutyLog {
        DutyLog::new(id.into(), kind, date.into(), 2026, 1)
    }

    #[test]
    fn counts_activities_people_hours_and_leaves_absences_out() {
        let mut a = log("a", DutyKind::Plenary, "2026-01-10");
        a.hours_tenths = Some(35);
        let mut b = log("b", DutyKind::StandingMeeting, "2026-03-01");
        b.attendance = Attendance::Leave;
        let mut c = log("c", DutyKind::SendLaw, "2026-02-02");
        c.people = Some(40);
        c.title = "送法进村".into();
        let d = log("d", DutyKind::SendPolicy, "2025-12-31");
        let e = log("e", DutyKind::Inspection, "");
        let s = YearSummary::build(2026, "X", &[a, b, c, d, e], &[], &[]);
        assert_eq!((s.activities, s.absences, s.people, s.hours_tenths), (2, 1, 40, 35));
        assert_eq!(s.by_kind, [(DutyKind::Plenary, 1), (DutyKind::SendLaw, 1)]);
        assert_eq!(s.by_group, [(DutyGroup::Meeting, 1), (DutyGroup::SevenTwo, 1)]);
        assert_eq!(s.group(DutyGroup::Research), 0);
        let dates: Vec<_> = s.entries.iter().map(|e| e.date.as_str()).collect();
        assert_eq!(dates, ["2026-01-10", "2026-02-02"]);
    }

    #[test]
    fn proposals_count_by_role_and_drafts_do_not_count() {
        let me = sample_profile();
        let mut mine = Proposal::new_draft("p1".into(), &me, 1, 2026);
        mine.status = Status::Filed;
        mine.filed_number = Some("〔2026〕第12号".into());
        let mut other = sample_profile();
        other.member_id = "OTHER-1".into();
        let mut joint = Proposal::new_draft("p2".into(), &other, 1, 2026);
        joint.co_signers = vec![CoSigner { name: me.name.clone(), member_id: me.member_id.clone() }];
        joint.status = Status::Submitted;
        let draft = Proposal::new_draft("p3".into(), &me, 1, 2026);
        let mut last_year = Proposal::new_draft("p4".into(), &me, 1, 2025);
        last_year.status = Status::Submitted;
        let s = YearSummary::build(2026, &me.member_id, &[], &[joint, mine, draft, last_year], &[]);
        assert_eq!((s.proposals_first, s.proposals_joint, s.proposals_filed), (1, 1, 1));
        assert_eq!(s.proposals.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["p1", "p2"]);
        assert_eq!(s.proposals[0].filed_number.as_deref(), Some("〔2026〕第12号"));
    }

    #[test]
    fn reports_past_draft_count_and_adoption_is_tallied() {
        let mut a = SentimentReport::new("r1".into(), 2026, 1);
        a.status = ReportStatus::Instructed;
        a.submitted_date = "2026-05-01".into();
        let mut b = SentimentReport::new("r2".into(), 2026, 1);
        b.status = ReportStatus::Submitted;
        b.submitted_date = "2026-04-01".into();
        let c = SentimentReport::new("r3".into(), 2026, 1);
        let s = YearSummary::build(2026, "X", &[], &[], &[a, b, c]);
        assert_eq!(s.reports.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["r2", "r1"]);
        assert_eq!((s.reports_adopted, s.reports_instructed), (1, 1));
    }
}
