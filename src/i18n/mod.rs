//! Every user-facing string lives here, one table per language.
//!
//! `Texts` is a struct rather than a key→string map so that a language missing a string
//! fails to compile. Pure Rust: usable by the browser UI and the native CLI alike.
//! Messages with numbers are plain `fn` fields, so the tables stay `static`.

mod en;
mod zh;

use crate::domain::member::{ProfileField, Problem};

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
}

impl Texts {
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
        let label = self.field_label(field);
        match problem {
            Problem::Required => (self.err_required)(label),
            Problem::TooLong { max } => (self.err_too_long)(label, max),
            Problem::BadMemberId => self.err_bad_member_id.to_string(),
            Problem::BadPhone => self.err_bad_phone.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// A string left empty would render as a blank button or label.
    #[test]
    fn no_empty_strings() {
        for l in Lang::ALL {
            let t = l.texts();
            for s in [t.lang_name, t.app_name, t.tab_proposals, t.tab_duty, t.tab_handoff, t.tab_me,
                t.not_found_title, t.setup_title, t.field_name, t.field_phone, t.save,
                t.store_unavailable, t.store_blocked, t.store_failed] {
                assert!(!s.trim().is_empty(), "{l:?}");
            }
        }
    }
}
