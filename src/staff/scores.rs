//! 履职考核一览: every roster member's score for a year under one rule set, from the
//! records staff imported, with the members below the committee's marks flagged.
//!
//! Proposals count for everyone on them (a co-signer's proposal arrives in the proposer's
//! bundle), so all imported proposals are passed for every member; duty logs and reports
//! count for the member who handed them in.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::import::ItemType;
use super::roster::RosterEntry;
use crate::domain::duty::DutyLog;
use crate::domain::lifecycle::ProposalEvent;
use crate::domain::member::SECTORS;
use crate::domain::proposal::Proposal;
use crate::domain::score::{score, Missing, Points, ScoreCard, ScoreRules, YearFacts};
use crate::domain::sentiment::SentimentReport;

/// One member's own imported records.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MemberRecords {
    pub logs: Vec<DutyLog>,
    pub reports: Vec<SentimentReport>,
}

/// The imported records as the table and the member files read them: every proposal and
/// event, and each member's own logs and reports. Built one stored item at a time with
/// [`Gathered::add`], straight from `staff_items` (type, member, `data`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gathered {
    pub proposals: Vec<Proposal>,
    pub events: Vec<ProposalEvent>,
    /// By member id.
    pub records: HashMap<String, MemberRecords>,
    /// Items whose `data` is not the record their type says (checked at import, so only a
    /// damaged store or an older app's shape): left out of every score and counted, so the
    /// page can say how many, instead of the whole table failing.
    pub skipped: u32,
    /// Proposal and event ids taken: the same proposal handed in under two members (a
    /// co-signer's copy) counts once. Ids are device-made UUIDs, so this never merges two.
    seen: HashSet<(bool, String)>,
}

impl Gathered {
    /// Takes one stored item of `member_id`. Yearly reports are not scored and are ignored.
    pub fn add(&mut self, member_id: &str, item_type: ItemType, data: &Value) {
        fn read<T: serde::de::DeserializeOwned>(v: &Value) -> Option<T> {
            serde_json::from_value(v.clone()).ok()
        }
        let member = member_id.trim().to_string();
        let ok = match item_type {
            ItemType::Proposal => read::<Proposal>(data).map(|p| {
                if self.seen.insert((true, p.id.clone())) {
                    self.proposals.push(p);
                }
            }),
            ItemType::ProposalEvent => read::<ProposalEvent>(data).map(|e| {
                if self.seen.insert((false, e.id.clone())) {
                    self.events.push(e);
                }
            }),
            ItemType::DutyLog => read::<DutyLog>(data).map(|l| self.records.entry(member).or_default().logs.push(l)),
            ItemType::SentimentReport => {
                read::<SentimentReport>(data).map(|r| self.records.entry(member).or_default().reports.push(r))
            }
            ItemType::YearReport => Some(()),
        };
        if ok.is_none() {
            self.skipped += 1;
        }
    }

    /// Whether anything scorable was imported at all (the page says so when not).
    pub fn is_empty(&self) -> bool {
        self.proposals.is_empty() && self.records.values().all(|r| r.logs.is_empty() && r.reports.is_empty())
    }

    /// One member's own records (empty when none were imported).
    pub fn member(&self, member_id: &str) -> MemberRecords {
        self.records.get(member_id.trim()).cloned().unwrap_or_default()
    }
}

/// The counts line under the table: (members, members flagged).
pub fn flagged_count(rows: &[ScoreRow]) -> (usize, usize) {
    (rows.len(), rows.iter().filter(|r| r.flagged).count())
}

/// One row of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoreRow {
    pub member_id: String,
    pub name: String,
    pub sector: String,
    pub total: Points,
    /// `None` when the rules set no pass mark and no minimums.
    pub pass: Option<bool>,
    pub excellent: Option<bool>,
    /// Yearly minimums not met (`Texts::missing` words them).
    pub missing: Vec<Missing>,
    /// Below the pass mark or with a minimum unmet: highlighted.
    pub flagged: bool,
    pub card: ScoreCard,
}

/// Scores every roster member for `year`. Members without records get a row too (often
/// the ones to look at).
pub fn score_table(
    roster: &[RosterEntry],
    rules: &ScoreRules,
    year: i32,
    proposals: &[Proposal],
    events: &[ProposalEvent],
    records: &HashMap<String, MemberRecords>,
) -> Vec<ScoreRow> {
    let none = MemberRecords::default();
    roster
        .iter()
        .map(|e| {
            let own = records.get(&e.member_id).unwrap_or(&none);
            let facts = YearFacts::collect(year, &e.member_id, &own.logs, proposals, events, &own.reports);
            let card = score(rules, &facts);
            ScoreRow {
                member_id: e.member_id.clone(),
                name: e.name.clone(),
                sector: e.sector.clone(),
                total: card.total,
                pass: card.pass,
                excellent: card.excellent,
                missing: card.missing.clone(),
                flagged: card.pass == Some(false) || !card.missing.is_empty(),
                card,
            }
        })
        .collect()
}

/// The column a table is sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScoreSort {
    /// Highest first when descending.
    Total,
    /// By the characters' code points (no pinyin table here), then member id.
    Name,
    /// In the order of `domain::member::SECTORS` (the committee's usual order), other
    /// sectors after them alphabetically, then by name.
    Sector,
}

/// Sorts rows by `by`; ties fall back to member id so the order is stable across reloads.
pub fn sort_rows(rows: &mut [ScoreRow], by: ScoreSort, descending: bool) {
    let sector_rank = |s: &str| SECTORS.iter().position(|x| *x == s).unwrap_or(SECTORS.len());
    rows.sort_by(|a, b| {
        let primary = match by {
            ScoreSort::Total => a.total.cmp(&b.total),
            ScoreSort::Name => a.name.cmp(&b.name),
            ScoreSort::Sector => (sector_rank(&a.sector), &a.sector, &a.name).cmp(&(sector_rank(&b.sector), &b.sector, &b.name)),
        };
        let primary = if descending { primary.reverse() } else { primary };
        match primary {
            Ordering::Equal => a.member_id.cmp(&b.member_id),
            o => o,
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::duty::{Attendance, DutyKind};
    use crate::domain::lifecycle::Status;
    use crate::domain::proposal::CoSigner;
    use crate::domain::score::parse_rules;
    use crate::staff::roster::MemberStatus;

    fn member(id: &str, name: &str, sector: &str) -> RosterEntry {
        RosterEntry {
            member_id: id.into(),
            name: name.into(),
            sector: sector.into(),
            key_id: None,
            enrolled_ms: None,
            status: MemberStatus::Active,
            previous_keys: vec![],
        }
    }

    fn log(id: &str, date: &str) -> DutyLog {
        serde_json::from_value(serde_json::json!({
            "id": id, "kind": DutyKind::Plenary, "date": date, "year": 2026, "created_ms": 1, "updated_ms": 1,
            "attendance": Attendance::Present,
        }))
        .unwrap()
    }

    fn proposal(id: &str, proposer: &str, co: &[&str]) -> Proposal {
        let mut p = Proposal::new_draft(id.into(), &crate::domain::member::sample_profile(), 1, 2026);
        p.proposer.member_id = proposer.into();
        p.co_signers = co.iter().map(|m| CoSigner { name: "某".into(), member_id: (*m).into() }).collect();
        p.status = Status::Filed;
        p
    }

    const RULES: &str = r#"{
        "format": "lvzhi-score-rules/1", "name": "测试", "base": 0, "pass": 4,
        "items": [
            {"id": "meet", "label": "会议", "logs": {"kinds": ["plenary"], "points": 2}},
            {"id": "prop", "label": "提案", "proposals": {"submitted": {"first": 3, "co_signer": 1}}}
        ],
        "minimums": [{"label": "提案", "items": ["prop"], "need": 1}]
    }"#;

    #[test]
    fn every_member_is_scored_sorted_and_flagged() {
        let rules = parse_rules(RULES).unwrap_or_else(|e| panic!("{e:?}"));
        let roster = vec![
            member("A", "王秀兰", "农业农村界"),
            member("B", "李明", "中共"),
            member("C", "张华", "教育界"),
            member("D", "赵一", "自定义界"),
        ];
        let proposals = vec![proposal("p1", "A", &["B"])];
        let mut records = HashMap::new();
        records.insert("A".to_string(), MemberRecords { logs: vec![log("l1", "2026-01-10")], reports: vec![] });
        records.insert(
            "C".to_string(),
            MemberRecords { logs: vec![log("l2", "2026-02-01"), log("l3", "2026-03-01"), log("l4", "2025-12-30")], reports: vec![] },
        );
        let mut rows = score_table(&roster, &rules, 2026, &proposals, &[], &records);
        let totals: Vec<_> = rows.iter().map(|r| (r.member_id.as_str(), r.total.hundredths(), r.flagged)).collect();
        // A: 2 (meeting) + 3 (first proposer); B: 1 as co-signer (under the pass mark);
        // C: two meetings of 2026 but no proposal (minimum unmet); D: nothing.
        assert_eq!(totals, [("A", 500, false), ("B", 100, true), ("C", 400, true), ("D", 0, true)]);
        assert_eq!(rows[2].pass, Some(false));
        assert_eq!(rows[2].missing, vec![Missing { label: "提案".into(), have: 0, need: 1 }]);
        assert!(rows[1].missing.is_empty() && rows[1].pass == Some(false));

        sort_rows(&mut rows, ScoreSort::Total, true);
        assert_eq!(rows.iter().map(|r| r.member_id.as_str()).collect::<Vec<_>>(), ["A", "C", "B", "D"]);
        sort_rows(&mut rows, ScoreSort::Total, false);
        assert_eq!(rows.iter().map(|r| r.member_id.as_str()).collect::<Vec<_>>(), ["D", "B", "C", "A"]);
        sort_rows(&mut rows, ScoreSort::Sector, false);
        assert_eq!(rows.iter().map(|r| r.member_id.as_str()).collect::<Vec<_>>(), ["B", "A", "C", "D"]);
        sort_rows(&mut rows, ScoreSort::Name, false);
        let names: Vec<_> = rows.iter().map(|r| r.name.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
    }

    #[test]
    fn stored_items_are_gathered_per_member_and_a_corrupt_one_is_counted() {
        let mut g = Gathered::default();
        assert!(g.is_empty());
        let p = serde_json::to_value(proposal("p1", "A", &["B"])).unwrap();
        g.add("A", ItemType::Proposal, &p);
        // The co-signer's copy of the same proposal counts once.
        g.add("B", ItemType::Proposal, &p);
        g.add(" A ", ItemType::DutyLog, &serde_json::to_value(log("l1", "2026-01-10")).unwrap());
        g.add("C", ItemType::DutyLog, &serde_json::to_value(log("l2", "2026-02-01")).unwrap());
        // A log whose data lost its kind, and a proposal that is not one: skipped, counted.
        g.add("C", ItemType::DutyLog, &serde_json::json!({"id": "l3", "date": "2026-03-01"}));
        g.add("A", ItemType::Proposal, &serde_json::json!("not a record"));
        g.add("A", ItemType::YearReport, &serde_json::json!({}));
        assert_eq!(g.skipped, 2);
        assert!(!g.is_empty());
        assert_eq!(g.proposals.len(), 1);
        assert_eq!(g.member("A").logs.len(), 1, "member ids are trimmed");
        assert_eq!(g.member("C").logs.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(), ["l2"]);
        assert_eq!(g.member("D"), MemberRecords::default());

        let rules = parse_rules(RULES).unwrap_or_else(|e| panic!("{e:?}"));
        let roster = vec![member("A", "王秀兰", "农业农村界"), member("C", "张华", "教育界")];
        let rows = score_table(&roster, &rules, 2026, &g.proposals, &g.events, &g.records);
        assert_eq!(rows.iter().map(|r| r.total.hundredths()).collect::<Vec<_>>(), [500, 200]);
        assert_eq!(flagged_count(&rows), (2, 1));
    }
}
