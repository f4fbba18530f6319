//! Sentences for the staff workspace core (`src/staff/`): roster problems, trust, import
//! results, review and receipt errors. Kept apart from `mod.rs` so the staff vocabulary
//! reads in one place.

use super::Texts;
use crate::staff::import::{FileResult, ItemAction, ItemProblem, Rejection};
use crate::staff::receipt::ReceiptError;
use crate::staff::review::ReviewError;
use crate::staff::roster::{RosterFault, RosterProblem, Trust};
use crate::staff::scores::ScoreSort;

impl Texts {
    /// One line per roster problem: "第 4 行“委员证号”：与第 2 行的委员证号重复".
    pub fn roster_problem(&self, p: &RosterProblem) -> String {
        let what = self.roster_fault(&p.problem);
        let place = match (&p.column_name, p.line) {
            (_, 0) => return what,
            (Some(c), l) => (self.roster_line_column)(l, c),
            (None, l) => (self.roster_line)(l),
        };
        (self.labelled)(&place, &what)
    }

    pub fn roster_fault(&self, f: &RosterFault) -> String {
        match f {
            RosterFault::NotUtf8 => self.roster_not_utf8.to_string(),
            RosterFault::Empty => self.roster_empty.to_string(),
            RosterFault::MissingColumn => self.roster_missing_column.to_string(),
            RosterFault::UnknownColumn => self.roster_unknown_column.to_string(),
            RosterFault::DuplicateColumn => self.roster_duplicate_column.to_string(),
            RosterFault::UnclosedQuote => self.roster_unclosed_quote.to_string(),
            RosterFault::TextAfterQuote => self.roster_text_after_quote.to_string(),
            RosterFault::FieldCount { expected, found } => (self.roster_field_count)(*expected, *found),
            RosterFault::Required => self.roster_required.to_string(),
            RosterFault::TooLong { max } => (self.roster_too_long)(*max),
            RosterFault::BadMemberId => self.roster_bad_member_id.to_string(),
            RosterFault::DuplicateMemberId { first_line } => (self.roster_duplicate_member_id)(*first_line),
            RosterFault::BadKeyId => self.roster_bad_key_id.to_string(),
            RosterFault::DuplicateKeyId { first_line } => (self.roster_duplicate_key_id)(*first_line),
            RosterFault::BadStatus => self.roster_bad_status.to_string(),
        }
    }

    pub fn trust(&self, t: &Trust) -> String {
        match t {
            Trust::Known => self.trust_known.to_string(),
            Trust::Unenrolled => self.trust_unenrolled.to_string(),
            Trust::Unknown => self.trust_unknown.to_string(),
            Trust::KeyChanged { .. } => self.trust_key_changed.to_string(),
            Trust::Revoked => self.trust_revoked.to_string(),
            Trust::KeyOfOther { member_id } => (self.trust_key_of_other)(member_id),
        }
    }

    /// Why a file was refused, as one sentence.
    pub fn rejection(&self, r: &Rejection) -> String {
        match r {
            Rejection::Bundle(e) => self.bundle_error(e),
            Rejection::WrongKind { kind } => (self.reject_wrong_kind)(self.bundle_kind_name(kind)),
            Rejection::RevokedKey => self.reject_revoked.to_string(),
            Rejection::KeyOfOther { member_id } => (self.reject_key_of_other)(member_id),
            Rejection::BadItem { index, item_type, id, problem } => {
                let f = match problem {
                    ItemProblem::UnexpectedType => self.reject_item_unexpected,
                    ItemProblem::Malformed => self.reject_item_malformed,
                    ItemProblem::IdMismatch => self.reject_item_id_mismatch,
                };
                f(index + 1, self.bundle_item_type(item_type), id)
            }
        }
    }

    /// The result column of the import table.
    pub fn file_result_label(&self, r: &FileResult) -> &'static str {
        match r {
            FileResult::New(_) => self.import_new,
            FileResult::Duplicate { .. } => self.import_duplicate,
            FileResult::Conflict { .. } => self.import_conflict,
            FileResult::Rejected(_) => self.import_rejected,
            FileResult::Pending { .. } => self.import_pending,
            FileResult::NeedsConfirmation { .. } => self.import_confirm,
        }
    }

    /// The detail sentence beside the label, where there is one to say.
    pub fn file_result_detail(&self, r: &FileResult) -> Option<String> {
        match r {
            FileResult::New(a) => a.roster_name.as_deref().map(|n| (self.staff_name_differs)(n, &a.verified.payload.signer.name)),
            FileResult::Duplicate { .. } => None,
            FileResult::Conflict { .. } => Some(self.import_conflict_detail.to_string()),
            FileResult::Rejected(r) => Some(self.rejection(r)),
            FileResult::Pending { trust, .. } => Some(self.trust(trust)),
            FileResult::NeedsConfirmation { .. } => Some(self.trust_key_changed.to_string()),
        }
    }

    pub fn item_action(&self, a: ItemAction) -> &'static str {
        match a {
            ItemAction::Insert => self.item_insert,
            ItemAction::Replace { .. } => self.item_replace,
            ItemAction::SkipSame => self.item_skip_same,
            ItemAction::SkipOlder { .. } => self.item_skip_older,
        }
    }

    pub fn review_error(&self, e: &ReviewError) -> String {
        match e {
            ReviewError::MemberOnly(ev) => (self.review_member_only)(self.event_type(*ev)),
            ReviewError::Transition(t) => self.transition_error(t),
        }
    }

    pub fn score_sort(&self, s: ScoreSort) -> &'static str {
        match s {
            ScoreSort::Total => self.staff_sort_total,
            ScoreSort::Name => self.staff_sort_name,
            ScoreSort::Sector => self.staff_sort_sector,
        }
    }

    pub fn receipt_error(&self, e: &ReceiptError) -> String {
        match e {
            ReceiptError::NotAReceipt { .. } => self.receipt_not_a_receipt.to_string(),
            ReceiptError::Unpinned { fingerprint, .. } => (self.receipt_unpinned)(fingerprint),
            ReceiptError::OtherKey { fingerprint, .. } => (self.receipt_other_key)(fingerprint),
            ReceiptError::BadItem { index, .. } => (self.receipt_bad_item)(index + 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use crate::domain::lifecycle::EventType;
    use crate::i18n::Lang;
    use crate::staff::import::{FileResult, ItemAction, ItemProblem, Rejection};
    use crate::staff::receipt::ReceiptError;
    use crate::staff::review::ReviewError;
    use crate::staff::roster::{RosterFault, RosterProblem, Trust};
    use crate::staff::scores::ScoreSort;

    fn cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// Each sentence is non-empty, Chinese in zh, free of Chinese in en except where it
    /// quotes the roster file's own headers and values, and distinct within its group.
    fn check(group: &str, said: impl Fn(&crate::i18n::Texts) -> Vec<String>, en_may_quote: bool) {
        for lang in Lang::ALL {
            let all = said(lang.texts());
            let distinct: HashSet<&String> = all.iter().collect();
            assert_eq!(distinct.len(), all.len(), "{lang:?} {group}: two share a sentence: {all:?}");
            for m in &all {
                assert!(!m.trim().is_empty(), "{lang:?} {group}: empty");
                match lang {
                    Lang::Zh => assert!(cjk(m), "{group}: not Chinese: {m}"),
                    Lang::En => assert!(en_may_quote || !cjk(m), "{group}: Chinese in English: {m}"),
                }
            }
        }
    }

    #[test]
    fn every_staff_problem_and_state_has_a_sentence_in_both_languages() {
        let faults = [
            RosterFault::NotUtf8,
            RosterFault::Empty,
            RosterFault::MissingColumn,
            RosterFault::UnknownColumn,
            RosterFault::DuplicateColumn,
            RosterFault::UnclosedQuote,
            RosterFault::TextAfterQuote,
            RosterFault::FieldCount { expected: 5, found: 2 },
            RosterFault::Required,
            RosterFault::TooLong { max: 30 },
            RosterFault::BadMemberId,
            RosterFault::DuplicateMemberId { first_line: 2 },
            RosterFault::BadKeyId,
            RosterFault::DuplicateKeyId { first_line: 2 },
            RosterFault::BadStatus,
        ];
        check("roster", |t| faults.iter().map(|f| t.roster_fault(f)).collect(), true);
        let trusts = [
            Trust::Known,
            Trust::Unenrolled,
            Trust::Unknown,
            Trust::KeyChanged { old: "k".into() },
            Trust::Revoked,
            Trust::KeyOfOther { member_id: "A-1".into() },
        ];
        check("trust", |t| trusts.iter().map(|x| t.trust(x)).collect(), false);
        let item = |problem| Rejection::BadItem { index: 0, item_type: "proposal".into(), id: "p1".into(), problem };
        let rejections = [
            Rejection::Bundle(crate::bundle::BundleError::BadSignature),
            Rejection::WrongKind { kind: "staff-receipt".into() },
            Rejection::RevokedKey,
            Rejection::KeyOfOther { member_id: "A-1".into() },
            item(ItemProblem::UnexpectedType),
            item(ItemProblem::Malformed),
            item(ItemProblem::IdMismatch),
        ];
        check("rejection", |t| rejections.iter().map(|r| t.rejection(r)).collect(), false);
        let results = [
            FileResult::Duplicate { bundle_id: "b".into() },
            FileResult::Conflict { bundle_id: "b".into(), existing_sha: "x".into() },
            FileResult::Rejected(Rejection::RevokedKey),
        ];
        check("result", |t| {
            let mut v: Vec<String> = results.iter().map(|r| t.file_result_label(r).to_string()).collect();
            v.extend([t.import_new, t.import_pending, t.import_confirm].map(String::from));
            v
        }, false);
        let actions = [ItemAction::Insert, ItemAction::Replace { old_rev: 1 }, ItemAction::SkipSame, ItemAction::SkipOlder { stored_rev: 3 }];
        check("item", |t| actions.iter().map(|a| t.item_action(*a).to_string()).collect(), false);
        check("review", |t| vec![t.review_error(&ReviewError::MemberOnly(EventType::Submitted))], false);
        check("sort", |t| [ScoreSort::Total, ScoreSort::Name, ScoreSort::Sector].map(|s| t.score_sort(s).to_string()).to_vec(), false);
        let receipts = [
            ReceiptError::NotAReceipt { kind: "member-submission".into() },
            ReceiptError::Unpinned { key_id: "k".into(), fingerprint: "1234 5678".into() },
            ReceiptError::OtherKey { key_id: "k".into(), fingerprint: "1234 5678".into() },
            ReceiptError::BadItem { index: 0, problem: ItemProblem::Malformed },
        ];
        check("receipt", |t| {
            let mut v: Vec<String> = receipts.iter().map(|e| t.receipt_error(e)).collect();
            v.push(t.receipt_nothing_for_me.to_string());
            v
        }, false);
        check("proposal columns", |t| t.staff_proposal_columns.map(String::from).to_vec(), false);
        check("score columns", |t| t.staff_score_columns.map(String::from).to_vec(), false);
        check("labels", |t| {
            [t.staff_score_pass, t.staff_score_fail, t.staff_score_excellent, t.staff_sheet_proposals, t.staff_sheet_scores]
                .map(String::from)
                .to_vec()
        }, false);

        check("duty", |t| {
            let mut v: Vec<String> = [
                t.staff_nav_duty, t.staff_duty_flagged, t.staff_duty_export_xlsx, t.staff_duty_export_csv,
                t.staff_duty_export_failed, t.staff_duty_no_roster, t.staff_duty_no_records, t.staff_member_file,
                t.staff_member_open, t.staff_member_not_found, t.staff_member_back, t.staff_member_print,
                t.staff_member_counts, t.staff_member_logs, t.staff_member_score,
            ]
            .map(String::from)
            .to_vec();
            v.extend([(t.staff_duty_count)(3, 1), (t.staff_duty_skipped)(2), (t.staff_member_absences)(1)]);
            v.extend([(t.staff_duty_sort_by)(t.staff_score_columns[3]), (t.staff_member_rules)(t.staff_sheet_scores)]);
            v.extend(t.staff_member_log_cols.map(String::from));
            v
        }, false);
        assert_eq!((Lang::Zh.texts().staff_duty_file_name)(2026, "xlsx"), "履职考核-2026.xlsx");
        assert_eq!((Lang::Zh.texts().staff_duty_count)(12, 3), "共 12 人，3 人未达要求");
        assert!(!cjk(&(Lang::En.texts().staff_duty_file_name)(2026, "csv")));

        let zh = Lang::Zh.texts();
        let p = RosterProblem { line: 0, column_name: None, problem: RosterFault::NotUtf8 };
        assert!(zh.roster_problem(&p).starts_with("文件不是 UTF-8"));
        let p = RosterProblem { line: 6, column_name: None, problem: RosterFault::FieldCount { expected: 5, found: 2 } };
        assert_eq!(zh.roster_problem(&p), "第 6 行：本行有 2 格，标题行有 5 格");
        assert_eq!(zh.rejection(&rejections[5]), "第 1 条（提案 p1）内容不完整或格式不对，整份文件未导入");
        assert_eq!(zh.review_error(&ReviewError::MemberOnly(EventType::Revised)), format!("“{}”只能由委员本人操作", zh.event_revised));
        let en = Lang::En.texts();
        assert_eq!(en.roster_problem(&p), "Line 6: the row has 2 cells, the header 5");
    }
}
