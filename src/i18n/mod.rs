//! Every user-facing string lives here, one table per language.
//!
//! `Texts` is a struct rather than a key→string map so that a language missing a string
//! fails to compile. Pure Rust: usable by the browser UI and the native CLI alike.
//! Messages with numbers are plain `fn` fields, so the tables stay `static`.

mod en;
mod staff;
mod zh;

use crate::bundle::error::{AttachmentFault, BundleError, FieldType};
use crate::bundle::payload::{ITEM_TYPES, KINDS};
use crate::bundle::seal::{PassphraseProblem, SealError};
use crate::domain::clue::{ClueField, ClueProblem};
use crate::domain::lifecycle::{
    Actor, AnswerClass, ContactStage, EventField, EventProblem, EventType, NotFiledOutcome, Satisfaction, Status,
    TransitionError,
};
use crate::domain::member::ProfileField;
use crate::domain::proposal::{AttachmentProblem, Category, Counter, ProposalField, ProposalProblem};
use crate::domain::sentiment::{ReportField, ReportProblem, ReportStatus};
use crate::domain::score::{Expected, Missing, RuleError, RuleProblem};
use crate::domain::text::Problem;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Simplified Chinese, the default: members and staff work in Chinese.
    #[default]
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The code stored in settings and written to `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Zh => &zh::TEXTS,
            Lang::En => &en::TEXTS,
        }
    }
}

/// The strings of one language.
pub struct Texts {
    /// The language's own name, shown in the switch ("中文", "English").
    pub lang_name: &'static str,
    pub app_name: &'static str,
    pub loading: &'static str,

    // Offline and installing (issue 7)
    pub update_ready: &'static str,
    pub update_apply: &'static str,
    pub install_title: &'static str,
    pub install_hint: &'static str,
    pub install_action: &'static str,
    pub install_done: &'static str,
    pub install_ios_title: &'static str,
    /// The steps in Safari, each shown beside its picture.
    pub install_ios_steps: [&'static str; 3],
    pub storage_title: &'static str,
    pub storage_persistent: &'static str,
    pub storage_not_persistent: &'static str,
    pub storage_persist_ask: &'static str,
    /// (used, quota, percent) in words: "已用 12.3 MB / 共 2.0 GB（1%）".
    pub storage_usage: fn(&str, &str, u32) -> String,
    /// At 80% of the quota and above.
    pub storage_high: fn(u32) -> String,
    pub storage_unknown: &'static str,
    pub data_lost_title: &'static str,
    pub data_lost_body: &'static str,
    pub data_lost_restore: &'static str,
    pub wechat_title: &'static str,
    pub wechat_body: &'static str,
    pub wechat_steps: [&'static str; 3],
    pub wechat_continue: &'static str,
    /// Under a bundle shown for copying where downloads do not work.
    pub wechat_copy_hint: &'static str,
    pub copy_text: &'static str,
    pub copied: &'static str,

    // Navigation
    pub tab_proposals: &'static str,
    pub tab_duty: &'static str,
    pub tab_handoff: &'static str,
    pub tab_me: &'static str,
    pub nav_label: &'static str,

    // Pages that later capabilities fill
    pub proposals_empty_title: &'static str,
    pub proposals_empty_body: &'static str,
    pub duty_empty_title: &'static str,
    pub duty_empty_body: &'static str,

    // ── Duty log (issue 4). Kind, group and attendance names are arrays in the order of
    // `DutyKind::ALL`, `DutyGroup::ALL` and `Attendance::ALL` (see `Texts::duty_kind`).
    pub duty_kinds: [&'static str; 29],
    pub duty_groups: [&'static str; 11],
    pub attendances: [&'static str; 4],
    pub duty_new: &'static str,
    pub duty_reports: &'static str,
    pub duty_score: &'static str,
    pub duty_year_report: &'static str,
    pub duty_entry_title: &'static str,
    pub duty_kind: &'static str,
    pub duty_date: &'static str,
    pub duty_place: &'static str,
    pub duty_place_hint: &'static str,
    pub duty_place_keep: &'static str,
    pub duty_place_kept: &'static str,
    pub duty_title: &'static str,
    pub duty_title_hint: &'static str,
    pub duty_notes: &'static str,
    pub duty_people: &'static str,
    pub duty_hours: &'static str,
    pub duty_attendance: &'static str,
    pub duty_photos: &'static str,
    pub duty_links: &'static str,
    pub duty_link_proposal: &'static str,
    pub duty_link_report: &'static str,
    pub duty_link_clue: &'static str,
    pub duty_link_none: &'static str,
    pub duty_done: &'static str,
    pub duty_delete: &'static str,
    pub duty_delete_confirm: &'static str,
    pub duty_not_found: &'static str,
    pub duty_back: &'static str,
    pub duty_search: &'static str,
    pub filter_any_kind: &'static str,
    pub duty_bad_number: &'static str,
    pub photo_take: &'static str,
    pub photo_pick: &'static str,
    pub photo_remove: &'static str,
    pub photo_remove_confirm: &'static str,
    pub photo_working: &'static str,
    /// (max photos, max side in px)
    pub photos_limits: fn(usize, u32) -> String,
    /// (file name)
    pub photo_not_image: fn(&str) -> String,
    /// (file name, limit in MB)
    pub photo_too_large: fn(&str, u64) -> String,
    /// (file name, reason)
    pub photo_failed: fn(&str, &str) -> String,
    /// (space left, e.g. "12 MB")
    pub photo_no_space: fn(&str) -> String,
    /// (year, month 1–12)
    pub duty_month: fn(i32, u32) -> String,
    /// (year, entries)
    pub duty_year_total: fn(i32, u32) -> String,
    pub duty_people_n: fn(u32) -> String,
    pub duty_hours_n: fn(&str) -> String,
    pub duty_photos_n: fn(usize) -> String,
    pub report_new: &'static str,
    pub reports_empty_title: &'static str,
    pub reports_empty_body: &'static str,
    pub report_entry_title: &'static str,
    pub report_guide: &'static str,
    pub report_status: &'static str,
    pub report_delete: &'static str,
    pub report_delete_confirm: &'static str,
    pub report_back: &'static str,
    pub report_search: &'static str,
    // Receipts on the member's side (issue 6).
    pub receipt_title: &'static str,
    pub receipt_hint: &'static str,
    pub receipt_pick: &'static str,
    /// (committee name)
    pub receipt_pin_intro: fn(&str) -> String,
    pub receipt_pin_check: &'static str,
    pub receipt_pin_confirm: &'static str,
    /// (bundles received, events added, events already here)
    pub receipt_outcome: fn(u32, u32, u32) -> String,
    /// (proposal title, why)
    pub receipt_refused: fn(&str, &str) -> String,
    pub sent_received: &'static str,
    // Staff workspace (issue 6).
    pub staff_title: &'static str,
    pub staff_coming_title: &'static str,
    pub staff_coming_body: &'static str,
    pub staff_back_to_member: &'static str,
    pub staff_entry: &'static str,
    // The signing key card (我的).
    pub key_title: &'static str,
    pub key_create: &'static str,
    pub key_protected: &'static str,
    pub key_unprotected: &'static str,
    pub key_protect: &'static str,
    pub key_unprotect: &'static str,
    pub key_passphrase: &'static str,
    pub key_passphrase_current: &'static str,
    pub key_passphrase_again: &'static str,
    pub key_passphrase_hint: &'static str,
    pub key_passphrase_mismatch: &'static str,
    pub key_working: &'static str,
    pub key_done: &'static str,
    pub key_new: &'static str,
    pub key_new_confirm: &'static str,
    pub key_unlock_hint: &'static str,
    // ── Hand-off (issue 5): export, the sent log, opening a bundle.
    pub export_title: &'static str,
    pub export_only_new: &'static str,
    pub export_what: &'static str,
    pub export_proposals: &'static str,
    pub export_duty: &'static str,
    pub export_reports: &'static str,
    pub export_pick_proposals: &'static str,
    pub export_pick_hint: &'static str,
    pub export_preview: &'static str,
    pub export_preparing: &'static str,
    pub export_nothing: &'static str,
    pub export_sign: &'static str,
    pub export_share: &'static str,
    /// (file name, size)
    pub export_done: fn(&str, &str) -> String,
    /// (items, attachments, estimated file size)
    pub export_summary: fn(usize, usize, &str) -> String,
    pub item_types: fn(&str) -> &'static str,
    /// (label, count)
    pub item_count: fn(&str, usize) -> String,
    pub sent_title: &'static str,
    pub sent_empty: &'static str,
    /// (seq, date, items)
    pub sent_line: fn(u64, &str, usize) -> String,
    pub open_title: &'static str,
    pub open_hint: &'static str,
    pub open_pick: &'static str,
    pub open_reading: &'static str,
    pub verdict_valid: &'static str,
    pub verdict_invalid: &'static str,
    /// (name, member id, sector)
    pub signed_by: fn(&str, &str, &str) -> String,
    pub fingerprint: &'static str,
    pub my_key: &'static str,
    pub my_key_hint: &'static str,
    pub my_key_none: &'static str,
    /// (created at, seq, items)
    pub bundle_meta: fn(&str, u64, usize) -> String,
    // Score card (履职量化考核).
    pub score_rules: &'static str,
    pub score_custom: &'static str,
    pub score_load: &'static str,
    pub score_load_hint: &'static str,
    /// (rules name)
    pub score_loaded: fn(&str) -> String,
    /// (problems found)
    pub score_rules_refused: fn(usize) -> String,
    /// (points)
    pub score_points_n: fn(&str) -> String,
    pub score_pass: &'static str,
    pub score_fail: &'static str,
    pub score_excellent: &'static str,
    /// (pass mark)
    pub score_pass_line: fn(&str) -> String,
    pub score_item: &'static str,
    pub score_count: &'static str,
    pub score_points: &'static str,
    pub score_capped: &'static str,
    pub score_missing_title: &'static str,
    pub score_all_met: &'static str,
    /// (source of the rules)
    pub score_source: fn(&str) -> String,
    // Yearly report (年度履职报告).
    pub year_report_title: fn(i32) -> String,
    pub year_report_year: &'static str,
    pub year_report_facts: &'static str,
    pub year_report_narrative: &'static str,
    pub year_report_narrative_hint: &'static str,
    pub year_report_regenerate: &'static str,
    pub year_report_regenerate_confirm: &'static str,
    pub year_report_activities: &'static str,
    pub year_report_proposals: &'static str,
    pub year_report_reports: &'static str,
    pub year_report_none: &'static str,
    pub year_report_first: &'static str,
    pub year_report_joint: &'static str,
    pub year_report_sign: &'static str,
    pub year_report_print: &'static str,
    /// (activities, people reached, hours)
    pub year_report_totals: fn(u32, u32, &str) -> String,
    /// The narrative the member starts from (then edits): (facts, member).
    pub year_narrative: fn(&crate::domain::year_summary::YearSummary, &crate::domain::member::MemberProfile) -> String,
    pub handoff_empty_title: &'static str,
    pub handoff_empty_body: &'static str,

    // Not found
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub not_found_home: &'static str,

    // Profile form
    pub setup_title: &'static str,
    pub setup_intro: &'static str,
    pub profile_edit_title: &'static str,
    pub field_name: &'static str,
    pub field_member_id: &'static str,
    pub field_member_id_hint: &'static str,
    pub field_committee: &'static str,
    pub field_committee_hint: &'static str,
    pub field_sector: &'static str,
    pub field_sector_choose: &'static str,
    pub field_sector_other: &'static str,
    pub field_sector_other_option: &'static str,
    pub field_standing: &'static str,
    pub field_standing_hint: &'static str,
    pub field_phone: &'static str,
    pub required_mark: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub cancel: &'static str,
    pub saved: &'static str,
    pub form_has_errors: fn(usize) -> String,
    pub err_required: fn(&str) -> String,
    pub err_too_long: fn(&str, usize) -> String,
    pub err_bad_member_id: &'static str,
    pub err_bad_phone: &'static str,
    pub err_save_failed: fn(&str) -> String,

    // 我的
    pub me_title: &'static str,
    pub me_profile: &'static str,
    pub me_edit_profile: &'static str,
    pub me_standing_yes: &'static str,
    pub me_standing_no: &'static str,
    pub me_language: &'static str,
    pub me_about: &'static str,
    pub me_version: fn(&str) -> String,

    // Storage failures (shown instead of a blank page)
    pub store_error_title: &'static str,
    pub store_unavailable: &'static str,
    pub store_blocked: &'static str,
    pub store_quota: &'static str,
    pub store_version_too_new: &'static str,
    pub store_closed: &'static str,
    pub store_failed: &'static str,
    pub store_error_detail: &'static str,
    pub retry: &'static str,

    // ── Proposals (issue 3): the words for the domain's proposal, lifecycle and clue types.
    // Every enum value and every field that a domain problem can name has one here, so the
    // UI never spells a category or a status itself. Page texts (headings, buttons) go in
    // a section of their own.

    // 类别 (`proposal::Category`), see `Texts::category`.
    pub category_economy: &'static str,
    pub category_politics: &'static str,
    pub category_culture: &'static str,
    pub category_society: &'static str,
    pub category_ecology: &'static str,
    pub category_other: &'static str,

    // Status badges and the status filter (`lifecycle::Status`), see `Texts::status`.
    pub status_draft: &'static str,
    pub status_submitted: &'static str,
    pub status_filed: &'static str,
    pub status_not_filed: &'static str,
    pub status_merged: &'static str,
    pub status_assigned: &'static str,
    pub status_answered: &'static str,
    pub status_evaluated: &'static str,

    // Timeline entries and the "record an event" menu (`lifecycle::EventType`).
    pub event_submitted: &'static str,
    pub event_revised: &'static str,
    pub event_filed: &'static str,
    pub event_not_filed: &'static str,
    pub event_merged: &'static str,
    pub event_assigned: &'static str,
    pub event_contact: &'static str,
    pub event_answered: &'static str,
    pub event_evaluated: &'static str,
    pub event_flagged: &'static str,

    // The values inside events: who recorded it, where a refused proposal went, the three
    // contacts (三沟通), reply classes, satisfaction, and the two flags of a proposal.
    pub actor_member: &'static str,
    pub actor_staff: &'static str,
    pub not_filed_sentiment: &'static str,
    pub not_filed_letter: &'static str,
    pub contact_before: &'static str,
    pub contact_during: &'static str,
    pub contact_after: &'static str,
    pub answer_a: &'static str,
    pub answer_b: &'static str,
    pub answer_c: &'static str,
    pub satisfaction_satisfied: &'static str,
    pub satisfaction_basic: &'static str,
    pub satisfaction_unsatisfied: &'static str,
    pub flag_key: &'static str,
    pub flag_excellent: &'static str,

    // Labels of the proposal form (`proposal::ProposalField`). A co-signer's 姓名 and
    // 委员证号, the 界别 and the 联系电话 reuse the profile form's labels.
    pub proposal_title: &'static str,
    pub proposal_category: &'static str,
    pub proposal_co_signers: &'static str,
    pub proposal_reasons: &'static str,
    pub proposal_suggestions: &'static str,
    /// Reasons and suggestions together, named by the shared length limit.
    pub proposal_body: &'static str,
    pub proposal_lead_unit: &'static str,
    pub proposal_assisting_units: &'static str,
    /// Names one cell of a co-signer row: (row number from 1, cell label).
    pub co_signer_row: fn(usize, &str) -> String,
    /// Names one entry of a unit list: (entry number from 1, list label).
    pub unit_row: fn(usize, &str) -> String,

    // Labels of the event forms (`lifecycle::EventField`).
    pub event_number: &'static str,
    pub event_reason: &'static str,
    pub event_merged_with: &'static str,
    pub event_lead_units: &'static str,
    pub event_assisting_units: &'static str,
    pub event_note: &'static str,
    pub event_date: &'static str,
    pub event_summary: &'static str,

    // Labels of the clue capture form (`clue::ClueField`).
    pub clue_text: &'static str,
    pub clue_place: &'static str,
    pub clue_date: &'static str,

    // Live character counters (`proposal::Counter`): (used, max), see `Texts::counter`.
    pub counter_fits: fn(usize, usize) -> String,
    pub counter_over: fn(usize, usize) -> String,

    // Problems beyond the profile form's (`text::Problem`).
    /// `Required` for a choice rather than typed text (类别).
    pub err_choose: fn(&str) -> String,
    pub err_too_many: fn(&str, usize) -> String,
    pub err_too_large: fn(&str, u64) -> String,
    pub err_bad_date: &'static str,
    pub err_duplicate_member_id: &'static str,
    pub err_proposer_listed: &'static str,

    // Why an event was refused (`lifecycle::TransitionError`), see `Texts::transition_error`.
    /// (event label, status label)
    pub err_not_allowed: fn(&str, &str) -> String,
    pub err_stale_revision: &'static str,
    /// The number of form problems that block submission.
    pub err_submit_incomplete: fn(usize) -> String,
    pub err_wrong_proposal: &'static str,
    // Proposal list and editor (issue 3)
    pub filter_any_status: &'static str,
    /// "label：value" with the language's own colon.
    pub labelled: fn(&str, &str) -> String,
    pub category_choose: &'static str,
    pub compare: &'static str,
    pub clues_title: &'static str,
    pub clue_capture: &'static str,
    pub clue_hint: &'static str,
    pub clue_saved: &'static str,
    pub clue_to_proposal: &'static str,
    pub clue_open_proposal: &'static str,
    pub clues_empty: &'static str,
    /// The photo of a clue: its alt text, the note that it travels into a draft, and delete.
    pub clue_photo: &'static str,
    pub clue_photo_note: &'static str,
    pub clue_delete: &'static str,
    pub clue_delete_confirm: &'static str,
    pub event_turned_into: &'static str,
    pub event_stage: &'static str,
    pub event_class: &'static str,
    pub event_satisfaction: &'static str,
    pub option_none: &'static str,
    pub proposal_new: &'static str,
    pub proposal_search: &'static str,
    pub filter_all: &'static str,
    pub filter_status: &'static str,
    pub filter_year: &'static str,
    pub filter_any_year: &'static str,
    pub filter_any_category: &'static str,
    pub load_more: &'static str,
    pub list_loading: &'static str,
    pub search_empty: &'static str,
    pub untitled: &'static str,
    pub proposal_not_found: &'static str,
    pub back_to_list: &'static str,
    pub save_dirty: &'static str,
    pub save_saving: &'static str,
    pub save_recovered: &'static str,
    pub co_signer_add: &'static str,
    pub co_signer_none: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub remove: &'static str,
    pub units_hint: &'static str,
    pub suggestions_hint: &'static str,
    pub title_hint: &'static str,
    pub similar_title: &'static str,
    pub submit: &'static str,
    pub submit_hint: &'static str,
    pub frozen_note: &'static str,
    pub revise: &'static str,
    pub delete_draft: &'static str,
    pub delete_confirm: &'static str,
    pub timeline: &'static str,
    pub timeline_empty: &'static str,
    pub record_event: &'static str,
    pub event_kind: &'static str,
    pub event_at: &'static str,
    pub revisions: &'static str,
    pub revisions_empty: &'static str,
    pub restore: &'static str,
    pub restore_done: &'static str,
    pub print: &'static str,
    pub print_title: &'static str,
    pub print_signatures: &'static str,
    pub proposer: &'static str,
    pub rev_label: &'static str,
    pub save_saved: fn(&str) -> String,
    pub save_failed: fn(&str) -> String,
    pub list_count: fn(u32) -> String,
    pub similarity: fn(u8) -> String,
    pub updated_at: fn(&str) -> String,
    // Attachments of a proposal (files and photos); sizes in whole MB.
    pub attachments: &'static str,
    pub attachments_add: &'static str,
    pub attachment_remove: &'static str,
    /// The limits line: (max count, max MB per file).
    pub attachments_limits: fn(usize, u64) -> String,
    /// `AttachmentProblem`s, see `Texts::attachment_problem`: (file name, limit).
    pub attachment_too_big: fn(&str, u64) -> String,
    pub attachment_too_many: fn(&str, usize) -> String,
    pub attachment_empty: fn(&str) -> String,
    pub attachment_wrong_type: fn(&str) -> String,
    pub attachment_remove_confirm: fn(&str) -> String,
    /// Storage nearly full before a file is stored: (space left, e.g. "12.3 MB").
    pub attachment_no_space: fn(&str) -> String,

    // ── 社情民意 (issue 4): statuses (`sentiment::ReportStatus`, see `Texts::report_status`)
    // and the labels of the report form (`sentiment::ReportField`).
    pub report_status_draft: &'static str,
    pub report_status_submitted: &'static str,
    pub report_status_adopted: &'static str,
    pub report_status_instructed: &'static str,
    pub report_title: &'static str,
    pub report_situation: &'static str,
    pub report_analysis: &'static str,
    pub report_suggestions: &'static str,
    pub report_submitted_date: &'static str,
    pub report_status_note: &'static str,
    /// The three parts together, named by the shared length limit.
    pub report_body: &'static str,

    // ── Passphrases (issue 5, `bundle::seal`): the private key's protection and backups.
    // See `Texts::seal_error` and `Texts::passphrase_problem`.
    pub passphrase_empty: &'static str,
    /// (fewest characters)
    pub passphrase_too_short: fn(usize) -> String,
    pub seal_wrong_passphrase: &'static str,
    pub seal_unknown_format: &'static str,
    pub seal_bad_params: &'static str,
    pub seal_damaged: &'static str,
    pub seal_failed: &'static str,
    /// What a screen reader says for the QR code of the key id.
    pub key_qr_label: &'static str,

    // ── Duty score (issue 4, 履职量化考核). Rule-file problems (`score::RuleProblem`), see
    // `Texts::rule_error`, and the yearly minimums not yet met (`score::Missing`).
    /// Where a rules-file problem is: "第 12 行".
    pub rule_line: fn(usize) -> String,
    pub rule_syntax: &'static str,
    pub rule_truncated: &'static str,
    /// (limit in KB)
    pub rule_too_large: fn(usize) -> String,
    /// (what was expected, one of the `rule_expected_*`)
    pub rule_wrong_type: fn(&str) -> String,
    pub rule_expected_number: &'static str,
    pub rule_expected_whole_number: &'static str,
    pub rule_expected_text: &'static str,
    pub rule_expected_list: &'static str,
    pub rule_expected_object: &'static str,
    pub rule_expected_bool: &'static str,
    pub rule_expected_other: &'static str,
    pub rule_bad_number: &'static str,
    pub rule_unknown_field: fn(&str) -> String,
    pub rule_missing_field: fn(&str) -> String,
    pub rule_duplicate_field: fn(&str) -> String,
    pub rule_unknown_value: fn(&str) -> String,
    pub rule_invalid: &'static str,
    /// (found, expected)
    pub rule_bad_format: fn(&str, &str) -> String,
    pub rule_empty: &'static str,
    pub rule_unknown_kind: fn(&str) -> String,
    pub rule_unknown_group: fn(&str) -> String,
    pub rule_unknown_item: fn(&str) -> String,
    pub rule_duplicate_id: fn(&str) -> String,
    pub rule_no_selection: &'static str,
    pub rule_counts_nothing: &'static str,
    pub rule_counts_several: &'static str,
    pub rule_negative: &'static str,
    pub rule_zero: &'static str,
    pub rule_min_above_cap: &'static str,
    pub rule_above_max_total: &'static str,
    pub rule_excellent_below_pass: &'static str,
    pub rule_percent_over_100: &'static str,
    pub rule_co_signer_with_split: &'static str,
    pub rule_rate_outside_item: &'static str,
    /// A minimum with nothing yet: (label, need).
    pub score_missing_none: fn(&str, u32) -> String,
    /// A minimum partly met: (label, have, need).
    pub score_missing_some: fn(&str, u32, u32) -> String,

    // ── Signed bundles (issue 5): why a file is refused (`bundle::BundleError`, worded by
    // `Texts::bundle_error`), and the staff tool `lvzhi` (src/bin/lvzhi.rs).
    /// (limit in MB)
    pub bundle_too_large: fn(usize) -> String,
    pub bundle_empty: &'static str,
    pub bundle_invalid_utf8: &'static str,
    pub bundle_truncated: &'static str,
    /// (line, column)
    pub bundle_not_json: fn(usize, usize) -> String,
    pub bundle_duplicate_key: fn(&str) -> String,
    pub bundle_not_envelope: &'static str,
    pub bundle_not_envelope_field: fn(&str) -> String,
    pub bundle_wrong_payload_type: fn(&str) -> String,
    pub bundle_unsupported_version: fn(&str) -> String,
    pub bundle_bad_base64: fn(&str) -> String,
    pub bundle_payload_not_json: &'static str,
    pub bundle_payload_not_canonical: &'static str,
    pub bundle_unsupported_format: fn(&str) -> String,
    pub bundle_missing_field: fn(&str) -> String,
    /// (field, what was expected: one of the `bundle_expected_*`)
    pub bundle_wrong_type: fn(&str, &str) -> String,
    /// `bundle_expected_*` in the order of `bundle::error::FieldType`.
    pub bundle_expected: [&'static str; 5],
    pub bundle_unknown_field: fn(&str) -> String,
    pub bundle_no_signature: &'static str,
    pub bundle_bad_signature: &'static str,
    pub bundle_signed_by_other_key: &'static str,
    pub bundle_key_id_mismatch: &'static str,
    pub bundle_bad_public_key: &'static str,
    pub bundle_unknown_kind: fn(&str) -> String,
    pub bundle_unknown_item_type: fn(&str) -> String,
    pub bundle_empty_id: fn(&str) -> String,
    /// (type name, id, revision)
    pub bundle_duplicate_item: fn(&str, &str, u32) -> String,
    pub bundle_bad_timestamp: fn(&str) -> String,
    pub bundle_attachment_base64: fn(&str) -> String,
    /// (id, declared size, actual size)
    pub bundle_attachment_size: fn(&str, u64, u64) -> String,
    pub bundle_attachment_sha256: fn(&str) -> String,
    pub bundle_float: fn(&str) -> String,
    pub bundle_number_range: fn(&str) -> String,
    /// Item type names in the order of `bundle::payload::ITEM_TYPES`.
    pub bundle_item_types: [&'static str; 7],
    /// Bundle kinds in the order of `bundle::payload::KINDS`.
    pub bundle_kinds: [&'static str; 2],
    /// "提案 3" / "3 proposals": (type name, count)
    pub bundle_count: fn(&str, usize) -> String,
    pub bundle_no_items: &'static str,
    pub bundle_valid: &'static str,
    pub bundle_signer: &'static str,
    pub bundle_member_id: &'static str,
    pub bundle_sector: &'static str,
    pub bundle_fingerprint: &'static str,
    pub bundle_key_id: &'static str,
    pub bundle_kind: &'static str,
    pub bundle_created_at: &'static str,
    pub bundle_seq: &'static str,
    pub bundle_prev: &'static str,
    pub bundle_device: &'static str,
    pub bundle_app: &'static str,
    pub bundle_payload_hash: &'static str,
    pub bundle_items: &'static str,
    pub bundle_attachments: &'static str,
    pub bundle_none: &'static str,
    /// Between names or counts in one line ("、" / ", ").
    pub bundle_list_sep: &'static str,
    /// One item line of `lvzhi show`: (type name, id, revision, title or "")
    pub bundle_item_line: fn(&str, &str, u32, &str) -> String,
    /// One attachment line: (name, media type, size, owner id)
    pub bundle_attachment_line: fn(&str, &str, &str, &str) -> String,
    /// `lvzhi verify` lines: (file, signer, member id, fingerprint, counts) and (file, reason)
    pub cli_ok: fn(&str, &str, &str, &str, &str) -> String,
    pub cli_fail: fn(&str, &str) -> String,
    /// (file, the system's reason)
    pub cli_cannot_read: fn(&str, &str) -> String,
    pub cli_usage: &'static str,
    /// CSV header of `lvzhi export-csv`, one row per proposal.
    pub csv_header: [&'static str; 10],
    // ── Backup and restore (issue 5, `bundle::backup`, 我的 and the first-run page).
    pub backup_title: &'static str,
    pub backup_hint: &'static str,
    pub backup_passphrase: &'static str,
    pub backup_passphrase_again: &'static str,
    pub backup_passphrase_hint: &'static str,
    pub backup_make: &'static str,
    pub backup_working: &'static str,
    /// (file name)
    pub backup_done: fn(&str) -> String,
    pub backup_deliver_failed: &'static str,
    /// (local "YYYY-MM-DD HH:MM")
    pub backup_last: fn(&str) -> String,
    pub backup_never: &'static str,
    pub backup_remind_never: &'static str,
    /// (whole days since the last backup)
    pub backup_remind_days: fn(i64) -> String,
    pub restore_title: &'static str,
    pub restore_hint: &'static str,
    pub restore_pick: &'static str,
    /// (file name)
    pub restore_chosen: fn(&str) -> String,
    pub restore_run: &'static str,
    pub restore_no_file: &'static str,
    pub restore_working: &'static str,
    /// (added, replaced, kept because this device's copy is newer)
    pub restore_counts: fn(u32, u32, u32) -> String,
    /// Appended to `restore_counts` when records were the same on both sides: (count)
    pub restore_unchanged: fn(u32) -> String,
    pub restore_not_backup: &'static str,
    pub restore_damaged: &'static str,
    pub restore_newer: &'static str,
    pub setup_restore: &'static str,
    pub setup_restore_hint: &'static str,

    // ── Staff workspace core (issue 6; `src/staff/`, sentences in `i18n/staff.rs`).
    /// Where in a roster file: (line) and (line, column header).
    pub roster_line: fn(usize) -> String,
    pub roster_line_column: fn(usize, &str) -> String,
    pub roster_not_utf8: &'static str,
    pub roster_empty: &'static str,
    pub roster_missing_column: &'static str,
    pub roster_unknown_column: &'static str,
    pub roster_duplicate_column: &'static str,
    pub roster_unclosed_quote: &'static str,
    pub roster_text_after_quote: &'static str,
    /// (cells expected, cells found)
    pub roster_field_count: fn(usize, usize) -> String,
    pub roster_required: &'static str,
    pub roster_too_long: fn(usize) -> String,
    pub roster_bad_member_id: &'static str,
    /// (line of the first occurrence)
    pub roster_duplicate_member_id: fn(usize) -> String,
    pub roster_bad_key_id: &'static str,
    pub roster_duplicate_key_id: fn(usize) -> String,
    pub roster_bad_status: &'static str,
    /// `staff::roster::Trust`, one sentence each; (member id) for a key of another member.
    pub trust_known: &'static str,
    pub trust_unenrolled: &'static str,
    pub trust_unknown: &'static str,
    pub trust_key_changed: &'static str,
    pub trust_revoked: &'static str,
    pub trust_key_of_other: fn(&str) -> String,
    /// (name on the roster, name in the bundle)
    pub staff_name_differs: fn(&str, &str) -> String,
    /// Result column of the import table, one per `staff::import::FileResult` variant.
    pub import_new: &'static str,
    pub import_duplicate: &'static str,
    pub import_conflict: &'static str,
    pub import_rejected: &'static str,
    pub import_pending: &'static str,
    pub import_confirm: &'static str,
    pub import_conflict_detail: &'static str,
    /// `staff::import::Rejection` (besides `Bundle`, worded by `bundle_error`): (kind name)
    pub reject_wrong_kind: fn(&str) -> String,
    pub reject_revoked: &'static str,
    pub reject_key_of_other: fn(&str) -> String,
    /// (item number from 1, type name, id)
    pub reject_item_unexpected: fn(usize, &str, &str) -> String,
    pub reject_item_malformed: fn(usize, &str, &str) -> String,
    pub reject_item_id_mismatch: fn(usize, &str, &str) -> String,
    /// `staff::import::ItemAction`
    pub item_insert: &'static str,
    pub item_replace: &'static str,
    pub item_skip_same: &'static str,
    pub item_skip_older: &'static str,
    /// (event name) staff may not record
    pub review_member_only: fn(&str) -> String,
    /// Spreadsheet tabs and columns; score columns get the rule items inserted after the 5th.
    pub staff_sheet_proposals: &'static str,
    pub staff_sheet_scores: &'static str,
    pub staff_proposal_columns: [&'static str; 13],
    pub staff_score_columns: [&'static str; 6],
    pub staff_score_pass: &'static str,
    pub staff_score_fail: &'static str,
    pub staff_score_excellent: &'static str,
    pub staff_missing_sep: &'static str,
    /// `staff::scores::ScoreSort`
    pub staff_sort_total: &'static str,
    pub staff_sort_name: &'static str,
    pub staff_sort_sector: &'static str,
    /// 履职考核 (`/staff/duty`) and 一人一档 (`/staff/members/:id`).
    pub staff_nav_duty: &'static str,
    /// (members, members flagged)
    pub staff_duty_count: fn(usize, usize) -> String,
    /// The word beside a flagged row (not colour alone).
    pub staff_duty_flagged: &'static str,
    pub staff_duty_export_xlsx: &'static str,
    pub staff_duty_export_csv: &'static str,
    /// (year, extension without dot): the download's name
    pub staff_duty_file_name: fn(i32, &str) -> String,
    pub staff_duty_export_failed: &'static str,
    pub staff_duty_no_roster: &'static str,
    pub staff_duty_no_records: &'static str,
    /// (items that could not be read)
    pub staff_duty_skipped: fn(u32) -> String,
    pub staff_duty_sort_by: fn(&str) -> String,
    pub staff_member_file: &'static str,
    pub staff_member_open: &'static str,
    /// (name, year)
    pub staff_member_title: fn(&str, i32) -> String,
    pub staff_member_not_found: &'static str,
    pub staff_member_back: &'static str,
    pub staff_member_print: &'static str,
    pub staff_member_counts: &'static str,
    /// (meetings on leave or missed)
    pub staff_member_absences: fn(u32) -> String,
    pub staff_member_logs: &'static str,
    pub staff_member_log_cols: [&'static str; 4],
    pub staff_member_score: &'static str,
    /// (rule set name)
    pub staff_member_rules: fn(&str) -> String,
    /// `staff::receipt::ReceiptError`: (fingerprint) for the key ones, (item number from 1)
    pub receipt_not_a_receipt: &'static str,
    pub receipt_unpinned: fn(&str) -> String,
    pub receipt_other_key: fn(&str) -> String,
    pub receipt_bad_item: fn(usize) -> String,
    pub receipt_nothing_for_me: &'static str,
    // ── Staff spreadsheets and receipts (issue 6 items 6–7; `src/ui/staff/sheets.rs`, `receipts.rs`).
    pub staff_export_xlsx: &'static str,
    pub staff_export_csv: &'static str,
    /// (date "YYYY-MM-DD", extension) of the proposal list file
    pub staff_export_file: fn(&str, &str) -> String,
    pub staff_export_failed: &'static str,
    pub staff_nav_receipts: &'static str,
    pub staff_receipts_title: &'static str,
    pub staff_receipts_hint: &'static str,
    pub staff_committee_code: &'static str,
    pub staff_committee_name: &'static str,
    pub staff_committee_missing: &'static str,
    pub staff_receipt_no_key: &'static str,
    pub staff_receipt_pass_hint: &'static str,
    pub staff_receipt_cols: [&'static str; 5],
    pub staff_receipt_make: &'static str,
    pub staff_receipt_all: &'static str,
    pub staff_receipt_all_hint: &'static str,
    pub staff_receipt_empty: &'static str,
    /// (name, or `staff_receipt_all_name`; date) of a receipt file
    pub staff_receipt_file: fn(&str, &str) -> String,
    pub staff_receipt_all_name: &'static str,
    /// (seq, file name)
    pub staff_receipt_done: fn(u64, &str) -> String,
    pub staff_receipt_race: &'static str,
    pub staff_receipt_nothing: &'static str,
    pub staff_issued_title: &'static str,
    pub staff_issued_cols: [&'static str; 5],
    pub staff_issued_empty: &'static str,
    /// (number of members)
    pub staff_issued_all: fn(usize) -> String,
    /// (bundles acknowledged, updates carried)
    pub staff_issued_contents: fn(u32, u32) -> String,

    // ── Staff workspace UI (issue 6; `src/ui/staff/`).
    pub staff_nav_import: &'static str,
    pub staff_nav_proposals: &'static str,
    pub staff_any_sector: &'static str,
    pub staff_no_proposals: &'static str,
    pub staff_received_at: &'static str,
    pub staff_nav_roster: &'static str,
    pub staff_nav_key: &'static str,
    pub staff_import_title: &'static str,
    pub staff_import_hint: &'static str,
    pub staff_import_pick: &'static str,
    pub staff_import_drop: &'static str,
    pub staff_import_working: fn(usize, usize) -> String,
    pub staff_import_summary: fn(usize, usize, usize, usize, usize) -> String,
    pub staff_import_counts: fn(u32, u32, u32) -> String,
    pub staff_col_file: &'static str,
    pub staff_col_signer: &'static str,
    pub staff_col_result: &'static str,
    pub staff_col_detail: &'static str,
    pub staff_import_failed: &'static str,
    pub staff_go_enrol: &'static str,
    pub staff_recent_title: &'static str,
    pub staff_recent_empty: &'static str,
    pub staff_roster_title: &'static str,
    pub staff_roster_cols: [&'static str; 7],
    pub staff_roster_empty: &'static str,
    pub staff_roster_import: &'static str,
    pub staff_roster_import_hint: &'static str,
    pub staff_roster_problems: fn(usize) -> String,
    pub staff_roster_imported: fn(u32, u32) -> String,
    pub staff_status_active: &'static str,
    pub staff_status_revoked: &'static str,
    pub staff_status_no_key: &'static str,
    pub staff_revoke: &'static str,
    pub staff_revoke_confirm: fn(&str, &str) -> String,
    pub staff_pending_title: &'static str,
    pub staff_pending_empty: &'static str,
    pub staff_fp_compare: &'static str,
    pub staff_fp_checked: &'static str,
    pub staff_key_change_warning: &'static str,
    pub staff_enrol: &'static str,
    pub staff_discard: &'static str,
    pub staff_key_title: &'static str,
    pub staff_key_hint: &'static str,
    pub staff_key_make: &'static str,
    pub staff_key_created: fn(&str) -> String,
    pub staff_key_qr_label: &'static str,
    pub staff_not_found: &'static str,

    // ── Staff review of one proposal (issue 6; `src/ui/staff/review.rs`).
    pub staff_review_back: &'static str,
    pub staff_review_handed_in: &'static str,
    pub staff_review_not_found: &'static str,
    pub staff_review_title: &'static str,
    pub staff_review_none: &'static str,
    /// (what was recorded, e.g. "立案 〔2026〕第1号")
    pub staff_review_done: fn(&str) -> String,
    pub staff_history: &'static str,
    pub staff_history_empty: &'static str,
    /// 时间, 经办人, 操作
    pub staff_history_cols: [&'static str; 3],
    /// (the number the next 立案 gets)
    pub staff_filing_will_get: fn(&str) -> String,
    pub staff_officer: &'static str,
    pub staff_officer_hint: &'static str,
    pub staff_officer_change: &'static str,
    pub staff_officer_needed: &'static str,
    /// (most characters)
    pub staff_officer_bad: fn(usize) -> String,
    pub staff_files_none: &'static str,
    /// A handed-in file whose bytes are missing or cannot be saved.
    pub staff_file_unreadable: fn(&str) -> String,
    pub staff_co_signers_none: &'static str,
}

/// A file size as people read it: "820 KB", "2.4 MB" (integer arithmetic, KB rounded up
/// so a small file never shows as "0 KB").
pub fn file_size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes < MB {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        let tenths = (bytes * 10 + MB / 2) / MB;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

impl Texts {

    pub fn duty_kind(&self, kind: crate::domain::duty::DutyKind) -> &'static str {
        self.duty_kinds[kind.index()]
    }

    pub fn duty_group(&self, group: crate::domain::duty::DutyGroup) -> &'static str {
        self.duty_groups[group.index()]
    }

    pub fn attendance(&self, a: crate::domain::duty::Attendance) -> &'static str {
        self.attendances[a as usize]
    }

    pub fn duty_field(&self, field: crate::domain::duty::DutyField) -> &'static str {
        use crate::domain::duty::DutyField;
        match field {
            DutyField::Kind => self.duty_kind,
            DutyField::Date => self.duty_date,
            DutyField::Place => self.duty_place,
            DutyField::Title => self.duty_title,
            DutyField::Notes => self.duty_notes,
            DutyField::People => self.duty_people,
            DutyField::Hours => self.duty_hours,
            DutyField::Photos => self.duty_photos,
        }
    }

    pub fn duty_problem(&self, p: crate::domain::duty::DutyProblem) -> String {
        self.sentence(self.duty_field(p.field), p.problem)
    }
    /// Why the file `name` was not attached.
    pub fn attachment_problem(&self, name: &str, problem: AttachmentProblem) -> String {
        match problem {
            AttachmentProblem::TooMany { max } => (self.attachment_too_many)(name, max),
            AttachmentProblem::TooBig { max_bytes } => (self.attachment_too_big)(name, max_bytes / (1024 * 1024)),
            AttachmentProblem::Empty => (self.attachment_empty)(name),
            AttachmentProblem::WrongType => (self.attachment_wrong_type)(name),
        }
    }

    pub fn field_label(&self, field: ProfileField) -> &'static str {
        match field {
            ProfileField::Name => self.field_name,
            ProfileField::MemberId => self.field_member_id,
            ProfileField::Committee => self.field_committee,
            ProfileField::Sector => self.field_sector,
            ProfileField::SectorOther => self.field_sector_other,
            ProfileField::Phone => self.field_phone,
        }
    }

    /// The sentence shown under a field that was refused.
    pub fn problem(&self, field: ProfileField, problem: Problem) -> String {
        self.sentence(self.field_label(field), problem)
    }

    /// One sentence per kind of problem, whatever the form; `label` names the field.
    fn sentence(&self, label: &str, problem: Problem) -> String {
        match problem {
            Problem::Required => (self.err_required)(label),
            Problem::TooLong { max } => (self.err_too_long)(label, max),
            Problem::TooMany { max } => (self.err_too_many)(label, max),
            Problem::TooLarge { max } => (self.err_too_large)(label, max),
            Problem::BadMemberId => self.err_bad_member_id.to_string(),
            Problem::BadPhone => self.err_bad_phone.to_string(),
            Problem::BadDate => self.err_bad_date.to_string(),
            Problem::DuplicateMemberId => self.err_duplicate_member_id.to_string(),
            Problem::ProposerListed => self.err_proposer_listed.to_string(),
        }
    }

    pub fn category(&self, category: Category) -> &'static str {
        match category {
            Category::Economy => self.category_economy,
            Category::Politics => self.category_politics,
            Category::Culture => self.category_culture,
            Category::Society => self.category_society,
            Category::Ecology => self.category_ecology,
            Category::Other => self.category_other,
        }
    }

    pub fn status(&self, status: Status) -> &'static str {
        match status {
            Status::Draft => self.status_draft,
            Status::Submitted => self.status_submitted,
            Status::Filed => self.status_filed,
            Status::NotFiled => self.status_not_filed,
            Status::Merged => self.status_merged,
            Status::Assigned => self.status_assigned,
            Status::Answered => self.status_answered,
            Status::Evaluated => self.status_evaluated,
        }
    }

    pub fn event_type(&self, event: EventType) -> &'static str {
        match event {
            EventType::Submitted => self.event_submitted,
            EventType::Revised => self.event_revised,
            EventType::Filed => self.event_filed,
            EventType::NotFiled => self.event_not_filed,
            EventType::Merged => self.event_merged,
            EventType::Assigned => self.event_assigned,
            EventType::Contact => self.event_contact,
            EventType::Answered => self.event_answered,
            EventType::Evaluated => self.event_evaluated,
            EventType::Flagged => self.event_flagged,
        }
    }

    pub fn actor(&self, actor: Actor) -> &'static str {
        match actor {
            Actor::Member => self.actor_member,
            Actor::Staff => self.actor_staff,
        }
    }

    pub fn not_filed_outcome(&self, outcome: NotFiledOutcome) -> &'static str {
        match outcome {
            NotFiledOutcome::Sentiment => self.not_filed_sentiment,
            NotFiledOutcome::Letter => self.not_filed_letter,
        }
    }

    pub fn contact_stage(&self, stage: ContactStage) -> &'static str {
        match stage {
            ContactStage::Before => self.contact_before,
            ContactStage::During => self.contact_during,
            ContactStage::After => self.contact_after,
        }
    }

    pub fn answer_class(&self, class: AnswerClass) -> &'static str {
        match class {
            AnswerClass::A => self.answer_a,
            AnswerClass::B => self.answer_b,
            AnswerClass::C => self.answer_c,
        }
    }

    pub fn satisfaction(&self, satisfaction: Satisfaction) -> &'static str {
        match satisfaction {
            Satisfaction::Satisfied => self.satisfaction_satisfied,
            Satisfaction::BasicallySatisfied => self.satisfaction_basic,
            Satisfaction::Unsatisfied => self.satisfaction_unsatisfied,
        }
    }

    /// Row fields are numbered from 1, as the member sees the rows.
    pub fn proposal_field_label(&self, field: ProposalField) -> String {
        match field {
            ProposalField::Title => self.proposal_title.to_string(),
            ProposalField::Category => self.proposal_category.to_string(),
            ProposalField::CoSigners => self.proposal_co_signers.to_string(),
            ProposalField::CoSignerName(i) => (self.co_signer_row)(i + 1, self.field_name),
            ProposalField::CoSignerMemberId(i) => (self.co_signer_row)(i + 1, self.field_member_id),
            ProposalField::Sector => self.field_sector.to_string(),
            ProposalField::Reasons => self.proposal_reasons.to_string(),
            ProposalField::Suggestions => self.proposal_suggestions.to_string(),
            ProposalField::Body => self.proposal_body.to_string(),
            ProposalField::LeadUnit => self.proposal_lead_unit.to_string(),
            ProposalField::AssistingUnits => self.proposal_assisting_units.to_string(),
            ProposalField::AssistingUnit(i) => (self.unit_row)(i + 1, self.proposal_assisting_units),
            ProposalField::Phone => self.field_phone.to_string(),
        }
    }

    /// The sentence shown under a proposal field that blocks submission.
    pub fn proposal_problem(&self, problem: ProposalProblem) -> String {
        if problem.field == ProposalField::Category && problem.problem == Problem::Required {
            return (self.err_choose)(self.proposal_category);
        }
        self.sentence(&self.proposal_field_label(problem.field), problem.problem)
    }

    pub fn event_field_label(&self, field: EventField) -> String {
        match field {
            EventField::Number => self.event_number.to_string(),
            EventField::Reason => self.event_reason.to_string(),
            EventField::MergedWith => self.event_merged_with.to_string(),
            EventField::LeadUnits => self.event_lead_units.to_string(),
            EventField::LeadUnit(i) => (self.unit_row)(i + 1, self.event_lead_units),
            EventField::AssistingUnit(i) => (self.unit_row)(i + 1, self.event_assisting_units),
            EventField::Note => self.event_note.to_string(),
            EventField::Date => self.event_date.to_string(),
            EventField::Summary => self.event_summary.to_string(),
        }
    }

    pub fn event_problem(&self, problem: EventProblem) -> String {
        self.sentence(&self.event_field_label(problem.field), problem.problem)
    }

    pub fn clue_field_label(&self, field: ClueField) -> &'static str {
        match field {
            ClueField::Text => self.clue_text,
            ClueField::Place => self.clue_place,
            ClueField::Date => self.clue_date,
        }
    }

    pub fn clue_problem(&self, problem: ClueProblem) -> String {
        self.sentence(self.clue_field_label(problem.field), problem.problem)
    }

    pub fn report_status(&self, status: ReportStatus) -> &'static str {
        match status {
            ReportStatus::Draft => self.report_status_draft,
            ReportStatus::Submitted => self.report_status_submitted,
            ReportStatus::Adopted => self.report_status_adopted,
            ReportStatus::Instructed => self.report_status_instructed,
        }
    }

    pub fn report_field_label(&self, field: ReportField) -> &'static str {
        match field {
            ReportField::Title => self.report_title,
            ReportField::Situation => self.report_situation,
            ReportField::Analysis => self.report_analysis,
            ReportField::Suggestions => self.report_suggestions,
            ReportField::SubmittedDate => self.report_submitted_date,
            ReportField::StatusNote => self.report_status_note,
        }
    }

    /// The sentence shown under a report field that blocks submission. The body limit is
    /// reported on the suggestions (the last part) but names the three parts together.
    pub fn report_problem(&self, problem: ReportProblem) -> String {
        if let (ReportField::Suggestions, Problem::TooLong { max }) = (problem.field, problem.problem) {
            return (self.err_too_long)(self.report_body, max);
        }
        self.sentence(self.report_field_label(problem.field), problem.problem)
    }

    /// One line for a refused event. The problems inside `BadEvent` and `Incomplete` are
    /// shown under their fields as well (see `event_problem`, `proposal_problem`).
    pub fn transition_error(&self, error: &TransitionError) -> String {
        match error {
            TransitionError::NotAllowed { from, event } => {
                (self.err_not_allowed)(self.event_type(*event), self.status(*from))
            }
            TransitionError::RevisionMismatch { .. } => self.err_stale_revision.to_string(),
            TransitionError::BadEvent(problems) => (self.form_has_errors)(problems.len()),
            TransitionError::Incomplete(problems) => (self.err_submit_incomplete)(problems.len()),
            TransitionError::WrongProposal => self.err_wrong_proposal.to_string(),
        }
    }

    /// "58 / 60 字", or with the excess once over the limit.
    pub fn counter(&self, counter: Counter) -> String {
        if counter.over {
            (self.counter_over)(counter.used, counter.max)
        } else {
            (self.counter_fits)(counter.used, counter.max)
        }
    }

    pub fn passphrase_problem(&self, problem: PassphraseProblem) -> String {
        match problem {
            PassphraseProblem::Empty => self.passphrase_empty.to_string(),
            PassphraseProblem::TooShort { min } => (self.passphrase_too_short)(min),
        }
    }

    /// Why a key or backup could not be sealed or opened. Malformed fields share one
    /// sentence: the member can do nothing different about a salt or a nonce.
    pub fn seal_error(&self, error: SealError) -> String {
        match error {
            SealError::Passphrase(p) => self.passphrase_problem(p),
            SealError::WrongPassphrase => self.seal_wrong_passphrase.to_string(),
            SealError::UnknownFormat | SealError::UnknownKdf | SealError::UnknownCipher => {
                self.seal_unknown_format.to_string()
            }
            SealError::BadParams => self.seal_bad_params.to_string(),
            SealError::BadSalt | SealError::BadNonce | SealError::BadCiphertext => self.seal_damaged.to_string(),
            SealError::Cipher => self.seal_failed.to_string(),
        }
    }

    /// One line per rules-file problem: `第 12 行 items[2].logs.kinds[0]：未知的活动类别“send_polcy”`.
    pub fn rule_error(&self, error: &RuleError) -> String {
        let mut place: Vec<String> = error.line.map(self.rule_line).into_iter().collect();
        if !error.path.is_empty() {
            place.push(error.path.clone());
        }
        let what = self.rule_problem(&error.problem);
        if place.is_empty() {
            what
        } else {
            (self.labelled)(&place.join(" "), &what)
        }
    }

    pub fn rule_problem(&self, problem: &RuleProblem) -> String {
        match problem {
            RuleProblem::Syntax => self.rule_syntax.to_string(),
            RuleProblem::Truncated => self.rule_truncated.to_string(),
            RuleProblem::TooLarge { max_kb } => (self.rule_too_large)(*max_kb),
            RuleProblem::WrongType { expected } => (self.rule_wrong_type)(match expected {
                Expected::Number => self.rule_expected_number,
                Expected::WholeNumber => self.rule_expected_whole_number,
                Expected::Text => self.rule_expected_text,
                Expected::List => self.rule_expected_list,
                Expected::Object => self.rule_expected_object,
                Expected::Bool => self.rule_expected_bool,
                Expected::Other => self.rule_expected_other,
            }),
            RuleProblem::BadNumber => self.rule_bad_number.to_string(),
            RuleProblem::UnknownField { field } => (self.rule_unknown_field)(field),
            RuleProblem::MissingField { field } => (self.rule_missing_field)(field),
            RuleProblem::DuplicateField { field } => (self.rule_duplicate_field)(field),
            RuleProblem::UnknownValue { value } => (self.rule_unknown_value)(value),
            RuleProblem::Invalid => self.rule_invalid.to_string(),
            RuleProblem::BadFormat { found } => (self.rule_bad_format)(found, crate::domain::score::FORMAT),
            RuleProblem::Empty => self.rule_empty.to_string(),
            RuleProblem::UnknownKind { code } => (self.rule_unknown_kind)(code),
            RuleProblem::UnknownGroup { code } => (self.rule_unknown_group)(code),
            RuleProblem::UnknownItem { id } => (self.rule_unknown_item)(id),
            RuleProblem::DuplicateId { id } => (self.rule_duplicate_id)(id),
            RuleProblem::NoSelection => self.rule_no_selection.to_string(),
            RuleProblem::CountsNothing => self.rule_counts_nothing.to_string(),
            RuleProblem::CountsSeveral => self.rule_counts_several.to_string(),
            RuleProblem::Negative => self.rule_negative.to_string(),
            RuleProblem::Zero => self.rule_zero.to_string(),
            RuleProblem::MinAboveCap => self.rule_min_above_cap.to_string(),
            RuleProblem::AboveMaxTotal => self.rule_above_max_total.to_string(),
            RuleProblem::ExcellentBelowPass => self.rule_excellent_below_pass.to_string(),
            RuleProblem::PercentOver100 => self.rule_percent_over_100.to_string(),
            RuleProblem::CoSignerWithSplit => self.rule_co_signer_with_split.to_string(),
            RuleProblem::RateOutsideItem => self.rule_rate_outside_item.to_string(),
        }
    }

    /// Why a bundle is refused, as one sentence.
    pub fn bundle_error(&self, e: &BundleError) -> String {
        match e {
            BundleError::TooLarge { max_bytes, .. } => (self.bundle_too_large)(max_bytes / (1024 * 1024)),
            BundleError::Empty => self.bundle_empty.to_string(),
            BundleError::InvalidUtf8 => self.bundle_invalid_utf8.to_string(),
            BundleError::Truncated => self.bundle_truncated.to_string(),
            BundleError::NotJson { line, column } => (self.bundle_not_json)(*line, *column),
            BundleError::DuplicateKey { path } => (self.bundle_duplicate_key)(path),
            BundleError::NotAnEnvelope { field } if field.is_empty() => self.bundle_not_envelope.to_string(),
            BundleError::NotAnEnvelope { field } => (self.bundle_not_envelope_field)(field),
            BundleError::WrongPayloadType { found } => (self.bundle_wrong_payload_type)(found),
            BundleError::UnsupportedVersion { found } => (self.bundle_unsupported_version)(found),
            BundleError::BadBase64 { field } => (self.bundle_bad_base64)(field),
            BundleError::PayloadNotJson => self.bundle_payload_not_json.to_string(),
            BundleError::PayloadNotCanonical => self.bundle_payload_not_canonical.to_string(),
            BundleError::UnsupportedFormat { found } => (self.bundle_unsupported_format)(found),
            BundleError::MissingField { field } => (self.bundle_missing_field)(field),
            BundleError::WrongType { field, expected } => (self.bundle_wrong_type)(
                field,
                self.bundle_expected[match expected {
                    FieldType::Text => 0,
                    FieldType::WholeNumber => 1,
                    FieldType::TextOrNull => 2,
                    FieldType::Object => 3,
                    FieldType::List => 4,
                }],
            ),
            BundleError::UnknownField { field } => (self.bundle_unknown_field)(field),
            BundleError::NoSignature => self.bundle_no_signature.to_string(),
            BundleError::BadSignature => self.bundle_bad_signature.to_string(),
            BundleError::SignedByOtherKey { .. } => self.bundle_signed_by_other_key.to_string(),
            BundleError::KeyIdMismatch => self.bundle_key_id_mismatch.to_string(),
            BundleError::BadPublicKey => self.bundle_bad_public_key.to_string(),
            BundleError::UnknownKind { found } => (self.bundle_unknown_kind)(found),
            BundleError::UnknownItemType { item_type } => (self.bundle_unknown_item_type)(item_type),
            BundleError::EmptyId { field } => (self.bundle_empty_id)(field),
            BundleError::DuplicateItem { item_type, id, rev } => {
                (self.bundle_duplicate_item)(self.bundle_item_type(item_type), id, *rev)
            }
            BundleError::BadTimestamp { field } => (self.bundle_bad_timestamp)(field),
            BundleError::BadAttachment { id, fault } => match fault {
                AttachmentFault::Base64 => (self.bundle_attachment_base64)(id),
                AttachmentFault::Size { declared, actual } => (self.bundle_attachment_size)(id, *declared, *actual),
                AttachmentFault::Sha256 => (self.bundle_attachment_sha256)(id),
            },
            BundleError::FloatInPayload { path } => (self.bundle_float)(path),
            BundleError::NumberOutOfRange { path } => (self.bundle_number_range)(path),
        }
    }

    /// The name of an item type ("proposal" → "提案"); an unknown type is shown as written.
    pub fn bundle_item_type<'a>(&self, item_type: &'a str) -> &'a str {
        ITEM_TYPES.iter().position(|t| *t == item_type).map_or(item_type, |i| self.bundle_item_types[i])
    }

    /// The name of a bundle kind ("member-submission" → "委员提交"); unknown ones as written.
    pub fn bundle_kind_name<'a>(&self, kind: &'a str) -> &'a str {
        KINDS.iter().position(|k| *k == kind).map_or(kind, |i| self.bundle_kinds[i])
    }

    /// A yearly minimum not yet met: "本年度尚无社情民意信息（至少 1 项）".
    pub fn missing(&self, missing: &Missing) -> String {
        if missing.have == 0 {
            (self.score_missing_none)(&missing.label, missing.need)
        } else {
            (self.score_missing_some)(&missing.label, missing.have, missing.need)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundle_error_has_its_own_sentence_in_both_languages() {
        use crate::bundle::error::{AttachmentFault, BundleError as E, FieldType};
        let s = || "x".to_string();
        let all = [
            E::TooLarge { max_bytes: 50 * 1024 * 1024, size: 1 },
            E::Empty,
            E::InvalidUtf8,
            E::Truncated,
            E::NotJson { line: 3, column: 5 },
            E::DuplicateKey { path: "items".into() },
            E::NotAnEnvelope { field: String::new() },
            E::NotAnEnvelope { field: "payload".into() },
            E::WrongPayloadType { found: s() },
            E::UnsupportedVersion { found: "2".into() },
            E::BadBase64 { field: s() },
            E::PayloadNotJson,
            E::PayloadNotCanonical,
            E::UnsupportedFormat { found: s() },
            E::MissingField { field: s() },
            E::WrongType { field: s(), expected: FieldType::Text },
            E::UnknownField { field: s() },
            E::NoSignature,
            E::BadSignature,
            E::SignedByOtherKey { keyid: s() },
            E::KeyIdMismatch,
            E::BadPublicKey,
            E::UnknownKind { found: s() },
            E::UnknownItemType { item_type: s() },
            E::EmptyId { field: s() },
            E::DuplicateItem { item_type: "proposal".into(), id: s(), rev: 1 },
            E::BadTimestamp { field: s() },
            E::BadAttachment { id: s(), fault: AttachmentFault::Base64 },
            E::BadAttachment { id: s(), fault: AttachmentFault::Size { declared: 1, actual: 2 } },
            E::BadAttachment { id: s(), fault: AttachmentFault::Sha256 },
            E::FloatInPayload { path: s() },
            E::NumberOutOfRange { path: s() },
        ];
        for lang in Lang::ALL {
            let t = lang.texts();
            let said: Vec<String> = all.iter().map(|e| t.bundle_error(e)).collect();
            let distinct: std::collections::HashSet<&String> = said.iter().collect();
            assert_eq!(distinct.len(), said.len(), "{lang:?}: two reasons share a sentence");
            for (e, m) in all.iter().zip(&said) {
                let cjk = m.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
                assert_eq!(cjk, lang == Lang::Zh || m.contains("履职通"), "{lang:?} {e:?}: {m}");
            }
        }
        let zh = Lang::Zh.texts();
        assert_eq!(zh.bundle_error(&all[0]), "文件超过 50 MB 的上限，无法打开");
        assert_eq!(zh.bundle_error(&all[4]), "不是有效的交接文件（JSON 格式错误，第 3 行第 5 列）");
        assert_eq!(zh.bundle_error(&E::BadSignature), "文件内容被改动过：签名与内容不符");
        assert!(zh.bundle_error(&all[5]).contains("“items”"));
        assert_eq!(zh.bundle_error(&all[25]), "文件中同一条提案（x，第 1 版）出现了两次");
        assert_eq!(zh.bundle_item_type("duty_log"), "履职记录");
        assert_eq!(zh.bundle_item_type("other"), "other");
        assert_eq!(zh.bundle_kind_name("staff-receipt"), "工作人员回执");
    }

    #[test]
    fn codes_round_trip() {
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
        }
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::default(), Lang::Zh);
    }

    #[test]
    fn chinese_messages_name_the_field_and_limit() {
        let t = Lang::Zh.texts();
        assert_eq!(t.problem(ProfileField::Name, Problem::Required), "请填写姓名");
        assert_eq!(
            t.problem(ProfileField::Committee, Problem::TooLong { max: 40 }),
            "所属政协不能超过 40 个字"
        );
        assert!(t.problem(ProfileField::Phone, Problem::BadPhone).contains("电话"));
    }

    #[test]
    fn english_messages_exist_for_every_problem() {
        let t = Lang::En.texts();
        assert_eq!(t.problem(ProfileField::Name, Problem::Required), "Please enter Name");
        assert!(t.problem(ProfileField::MemberId, Problem::BadMemberId).is_ascii());
    }

    #[test]
    fn chinese_proposal_messages_name_the_field_row_and_limit() {
        let t = Lang::Zh.texts();
        let say = |field, problem| t.proposal_problem(ProposalProblem { field, problem });
        assert_eq!(say(ProposalField::Title, Problem::Required), "请填写案由");
        assert_eq!(say(ProposalField::Title, Problem::TooLong { max: 60 }), "案由不能超过 60 个字");
        assert_eq!(say(ProposalField::Category, Problem::Required), "请选择类别");
        assert_eq!(say(ProposalField::Body, Problem::TooLong { max: 2500 }), "提案理由和办法建议不能超过 2500 个字");
        assert_eq!(
            say(ProposalField::CoSignerMemberId(1), Problem::Required),
            "请填写第 2 位联名提案人的委员证号"
        );
        assert_eq!(say(ProposalField::CoSigners, Problem::TooMany { max: 20 }), "联名提案人不能超过 20 个");
        assert_eq!(
            say(ProposalField::AssistingUnit(0), Problem::TooLong { max: 40 }),
            "第 1 个建议协办单位不能超过 40 个字"
        );
        assert!(say(ProposalField::CoSignerMemberId(2), Problem::DuplicateMemberId).contains("重复"));
        assert!(say(ProposalField::Phone, Problem::BadPhone).contains("电话"));
        assert_eq!(t.event_problem(EventProblem { field: EventField::Number, problem: Problem::Required }), "请填写立案编号");
        assert_eq!(
            t.event_problem(EventProblem { field: EventField::LeadUnit(0), problem: Problem::Required }),
            "请填写第 1 个主办单位"
        );
        assert!(t.clue_problem(ClueProblem { field: ClueField::Date, problem: Problem::BadDate }).contains("2026-03-14"));
        assert_eq!(t.clue_problem(ClueProblem { field: ClueField::Text, problem: Problem::Required }), "请填写线索内容");
    }

    #[test]
    fn report_messages_name_the_field_and_the_limit() {
        let t = Lang::Zh.texts();
        let say = |field, problem| t.report_problem(ReportProblem { field, problem });
        assert_eq!(say(ReportField::Title, Problem::Required), "请填写标题");
        assert_eq!(say(ReportField::Situation, Problem::Required), "请填写基本情况");
        assert_eq!(say(ReportField::Suggestions, Problem::Required), "请填写意见建议");
        assert_eq!(say(ReportField::Suggestions, Problem::TooLong { max: 3000 }), "基本情况、原因分析和意见建议不能超过 3000 个字");
        assert_eq!(say(ReportField::StatusNote, Problem::TooLong { max: 500 }), "采用或批示情况不能超过 500 个字");
        assert!(say(ReportField::SubmittedDate, Problem::BadDate).contains("2026-03-14"));
        assert_eq!(t.report_status(ReportStatus::Instructed), "领导批示");
        assert_eq!(t.report_status(ReportStatus::Submitted), "已报送");
        let en = Lang::En.texts();
        assert_eq!(
            en.report_problem(ReportProblem { field: ReportField::Title, problem: Problem::TooLong { max: 60 } }),
            "Title must be at most 60 characters"
        );
        assert_eq!(en.report_status(ReportStatus::Adopted), "Adopted");
    }

    #[test]
    fn refused_events_name_the_event_and_the_status() {
        let not_allowed = TransitionError::NotAllowed { from: Status::Draft, event: EventType::Filed };
        assert_eq!(Lang::Zh.texts().transition_error(&not_allowed), "提案现在是“草稿”，不能记录“立案”。");
        assert_eq!(
            Lang::En.texts().transition_error(&not_allowed),
            "“Filed” cannot be recorded while the proposal is “Draft”."
        );
        let incomplete = TransitionError::Incomplete(vec![
            ProposalProblem { field: ProposalField::Title, problem: Problem::Required },
            ProposalProblem { field: ProposalField::Category, problem: Problem::Required },
        ]);
        assert_eq!(Lang::Zh.texts().transition_error(&incomplete), "还有 2 处需要填写或修改，改好后才能提交。");
        assert_eq!(Lang::En.texts().transition_error(&incomplete), "2 fields need attention before submitting.");
        let stale = TransitionError::RevisionMismatch { expected: 2, got: 1 };
        assert!(Lang::Zh.texts().transition_error(&stale).contains("重新打开"));
    }

    #[test]
    fn counters_show_the_limit_and_the_excess() {
        let t = Lang::Zh.texts();
        assert_eq!(t.counter(Counter::new(58, 60)), "58 / 60 字");
        assert_eq!(t.counter(Counter::new(60, 60)), "60 / 60 字");
        assert_eq!(t.counter(Counter::new(73, 60)), "73 / 60 字，超出 13 字");
        assert_eq!(Lang::En.texts().counter(Counter::new(73, 60)), "73 / 60, 13 over");
    }

    #[test]
    fn seal_errors_and_passphrase_problems_have_sentences() {
        let zh = Lang::Zh.texts();
        assert_eq!(zh.seal_error(SealError::WrongPassphrase), "口令不对，请再试一次");
        assert_eq!(zh.passphrase_problem(PassphraseProblem::TooShort { min: 8 }), "口令至少 8 个字");
        assert_eq!(
            zh.seal_error(SealError::Passphrase(PassphraseProblem::Empty)),
            zh.passphrase_problem(PassphraseProblem::Empty)
        );
        assert_eq!(Lang::En.texts().passphrase_problem(PassphraseProblem::TooShort { min: 8 }), "The passphrase needs at least 8 characters");
        let all = [
            SealError::Passphrase(PassphraseProblem::Empty),
            SealError::Passphrase(PassphraseProblem::TooShort { min: 8 }),
            SealError::UnknownFormat,
            SealError::UnknownKdf,
            SealError::UnknownCipher,
            SealError::BadParams,
            SealError::BadSalt,
            SealError::BadNonce,
            SealError::BadCiphertext,
            SealError::WrongPassphrase,
            SealError::Cipher,
        ];
        for l in Lang::ALL {
            let t = l.texts();
            let sentences: Vec<String> = all.iter().map(|e| t.seal_error(*e)).collect();
            for s in sentences.iter().chain([&t.key_qr_label.to_string()]) {
                assert!(!s.trim().is_empty(), "{l:?}");
                assert_eq!(has_cjk(s), l == Lang::Zh, "{l:?}: {s}");
            }
            // The wrong passphrase, a damaged file and a file from elsewhere read differently.
            let wrong = t.seal_error(SealError::WrongPassphrase);
            assert_ne!(wrong, t.seal_error(SealError::BadNonce));
            assert_ne!(wrong, t.seal_error(SealError::UnknownFormat));
            assert_ne!(t.seal_error(SealError::BadParams), t.seal_error(SealError::BadNonce));
        }
    }

    /// Every kind of problem, listed by hand; the match below stops compiling when a
    /// variant is added, so the list cannot silently fall behind.
    fn all_problems() -> Vec<Problem> {
        match Problem::Required {
            Problem::Required
            | Problem::TooLong { .. }
            | Problem::TooMany { .. }
            | Problem::TooLarge { .. }
            | Problem::BadMemberId
            | Problem::BadPhone
            | Problem::BadDate
            | Problem::DuplicateMemberId
            | Problem::ProposerListed => {}
        }
        vec![
            Problem::Required,
            Problem::TooLong { max: 9 },
            Problem::TooMany { max: 9 },
            Problem::TooLarge { max: 9 },
            Problem::BadMemberId,
            Problem::BadPhone,
            Problem::BadDate,
            Problem::DuplicateMemberId,
            Problem::ProposerListed,
        ]
    }

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| matches!(c, '\u{3000}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3FFFF}'))
    }

    /// Each domain value has a label of its own in both languages; Chinese leaking into
    /// the English table (a copy-paste slip) would show Chinese to an English reader.
    #[test]
    fn every_domain_value_has_a_distinct_label() {
        for l in Lang::ALL {
            let t = l.texts();
            let groups: Vec<Vec<&str>> = vec![
                Category::ALL.map(|c| t.category(c)).to_vec(),
                Status::ALL.map(|s| t.status(s)).to_vec(),
                EventType::ALL.map(|e| t.event_type(e)).to_vec(),
                vec![t.actor(Actor::Member), t.actor(Actor::Staff)],
                NotFiledOutcome::ALL.map(|o| t.not_filed_outcome(o)).to_vec(),
                ContactStage::ALL.map(|s| t.contact_stage(s)).to_vec(),
                AnswerClass::ALL.map(|c| t.answer_class(c)).to_vec(),
                Satisfaction::ALL.map(|s| t.satisfaction(s)).to_vec(),
                vec![t.flag_key, t.flag_excellent],
                ReportStatus::ALL.map(|s| t.report_status(s)).to_vec(),
                ReportField::ALL.map(|f| t.report_field_label(f)).to_vec(),
            ];
            for group in groups {
                for (i, label) in group.iter().enumerate() {
                    assert!(!label.trim().is_empty(), "{l:?}: empty label in {group:?}");
                    assert!(!group[..i].contains(label), "{l:?}: {label} twice in {group:?}");
                    assert_eq!(has_cjk(label), l == Lang::Zh, "{l:?}: {label}");
                }
            }
        }
    }

    #[test]
    fn every_problem_of_every_field_has_a_sentence() {
        let proposal_fields = [
            ProposalField::Title,
            ProposalField::Category,
            ProposalField::CoSigners,
            ProposalField::CoSignerName(0),
            ProposalField::CoSignerMemberId(3),
            ProposalField::Sector,
            ProposalField::Reasons,
            ProposalField::Suggestions,
            ProposalField::Body,
            ProposalField::LeadUnit,
            ProposalField::AssistingUnits,
            ProposalField::AssistingUnit(1),
            ProposalField::Phone,
        ];
        let event_fields = [
            EventField::Number,
            EventField::Reason,
            EventField::MergedWith,
            EventField::LeadUnits,
            EventField::LeadUnit(0),
            EventField::AssistingUnit(2),
            EventField::Note,
            EventField::Date,
            EventField::Summary,
        ];
        let clue_fields = [ClueField::Text, ClueField::Place, ClueField::Date];
        for l in Lang::ALL {
            let t = l.texts();
            let mut labels: Vec<String> = proposal_fields.map(|f| t.proposal_field_label(f)).to_vec();
            labels.extend(event_fields.map(|f| t.event_field_label(f)));
            labels.extend(clue_fields.map(|f| t.clue_field_label(f).to_string()));
            labels.extend(ReportField::ALL.map(|f| t.report_field_label(f).to_string()));
            for label in &labels {
                assert!(!label.trim().is_empty(), "{l:?}");
                assert_eq!(has_cjk(label), l == Lang::Zh, "{l:?}: {label}");
            }
            for problem in all_problems() {
                let mut sentences: Vec<String> =
                    proposal_fields.map(|field| t.proposal_problem(ProposalProblem { field, problem })).to_vec();
                sentences.extend(event_fields.map(|field| t.event_problem(EventProblem { field, problem })));
                sentences.extend(clue_fields.map(|field| t.clue_problem(ClueProblem { field, problem })));
                sentences.extend(ReportField::ALL.map(|field| t.report_problem(ReportProblem { field, problem })));
                for s in sentences {
                    assert!(!s.trim().is_empty(), "{l:?} {problem:?}");
                    assert_eq!(has_cjk(&s), l == Lang::Zh, "{l:?}: {s}");
                }
            }
        }
    }

    #[test]
    fn attachment_messages_name_the_file_and_the_limit() {
        let t = Lang::Zh.texts();
        let max_bytes = 10 * 1024 * 1024;
        assert_eq!(t.attachment_problem("村口照片.jpg", AttachmentProblem::TooBig { max_bytes }), "文件太大：村口照片.jpg 超过 10 MB");
        assert_eq!(t.attachment_problem("a.jpg", AttachmentProblem::TooMany { max: 5 }), "未添加 a.jpg：最多 5 个附件");
        assert!(t.attachment_problem("纪要.docx", AttachmentProblem::WrongType).contains("纪要.docx"));
        assert!(t.attachment_problem("空.jpg", AttachmentProblem::Empty).contains("空.jpg"));
        assert_eq!((t.attachments_limits)(5, 10), "最多 5 个，每个不超过 10 MB，支持图片和 PDF");
        assert!((t.attachment_no_space)("12.3 MB").starts_with("手机上留给履职通的存储空间只剩 12.3 MB，附件未保存"));
        assert!((Lang::En.texts().attachment_no_space)("12.3 MB").contains("Only 12.3 MB"));
        let en = Lang::En.texts();
        assert_eq!(en.attachment_problem("a.jpg", AttachmentProblem::TooBig { max_bytes }), "File too large: a.jpg is over 10 MB");
    }

    #[test]
    fn file_sizes_read_naturally() {
        assert_eq!(file_size(1), "1 KB");
        assert_eq!(file_size(1024), "1 KB");
        assert_eq!(file_size(1025), "2 KB");
        assert_eq!(file_size(820 * 1024), "820 KB");
        assert_eq!(file_size(1024 * 1024), "1.0 MB");
        assert_eq!(file_size(2_516_582), "2.4 MB");
        assert_eq!(file_size(10 * 1024 * 1024), "10.0 MB");
    }

    #[test]
    fn backup_sentences_read_as_specified() {
        let zh = Lang::Zh.texts();
        assert_eq!((zh.restore_counts)(3, 1, 2), "已恢复：新增 3 条，更新 1 条，保留本机较新的 2 条");
        assert_eq!((zh.backup_remind_days)(45), "上次备份已是 45 天前，建议现在备份");
        assert_eq!((zh.backup_last)("2026-11-25 14:02"), "上次备份：2026-11-25 14:02");
        assert_eq!(zh.backup_remind_never, "还没有备份过，建议备份");
        assert_eq!((Lang::En.texts().restore_counts)(1, 0, 0), "Restored: 1 added, 0 updated, 0 kept because this phone's copy is newer");
    }

    /// A string left empty would render as a blank button or label.
    #[test]
    fn no_empty_strings() {
        for l in Lang::ALL {
            let t = l.texts();
            for s in [t.lang_name, t.app_name, t.tab_proposals, t.tab_duty, t.tab_handoff, t.tab_me,
                t.not_found_title, t.setup_title, t.field_name, t.field_phone, t.save,
                t.store_unavailable, t.store_blocked, t.store_failed,
                t.err_bad_date, t.err_duplicate_member_id, t.err_proposer_listed, t.err_stale_revision,
                t.err_wrong_proposal, t.clue_photo, t.clue_photo_note, t.clue_delete, t.clue_delete_confirm] {
                assert!(!s.trim().is_empty(), "{l:?}");
            }
        }
    }
}
