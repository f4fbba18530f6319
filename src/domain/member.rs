//! The member profile (委员信息) entered at first run and edited under 我的.

use serde::{Deserialize, Serialize};

use super::text::{char_len, tidy};

/// Why a field was refused; shared by every form. The UI turns these into words (see `i18n`).
pub use super::text::Problem;

/// Sectors (界别) offered in the setup form. A county uses 10–20 of these; anything else
/// is entered after choosing [`SECTOR_OTHER`]. Values are stored as written here.
pub const SECTORS: &[&str] = &[
    "中共",
    "民革",
    "民盟",
    "民建",
    "民进",
    "农工党",
    "致公党",
    "九三学社",
    "无党派人士",
    "共青团",
    "工会",
    "妇联",
    "工商联",
    "科协",
    "经济界",
    "农业农村界",
    "教育界",
    "科技界",
    "文化旅游界",
    "医药卫生界",
    "体育界",
    "新闻出版界",
    "社会福利和社会保障界",
    "少数民族界",
    "宗教界",
    "特邀界",
];

/// The choice that reveals a free-text sector field.
pub const SECTOR_OTHER: &str = "其他";

pub const NAME_MAX: usize = 30;
pub const MEMBER_ID_MAX: usize = 20;
pub const COMMITTEE_MAX: usize = 40;
pub const SECTOR_MAX: usize = 20;
pub const PHONE_MAX: usize = 20;

/// A validated member profile, as stored and as it will appear in signed bundles.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct MemberProfile {
    /// 姓名
    pub name: String,
    /// 委员证号
    pub member_id: String,
    /// 所属政协, e.g. "某某县政协"
    pub committee: String,
    /// 界别
    pub sector: String,
    /// 是否常委
    pub is_standing: bool,
    /// 联系电话
    pub phone: String,
}

/// What the form holds, exactly as typed. Validation turns it into a [`MemberProfile`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProfileDraft {
    pub name: String,
    pub member_id: String,
    pub committee: String,
    /// One of [`SECTORS`], [`SECTOR_OTHER`], or empty when nothing is chosen yet.
    pub sector_choice: String,
    /// Used only when `sector_choice` is [`SECTOR_OTHER`].
    pub sector_other: String,
    pub is_standing: bool,
    pub phone: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProfileField {
    Name,
    MemberId,
    Committee,
    Sector,
    SectorOther,
    Phone,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: ProfileField,
    pub problem: Problem,
}

impl ProfileDraft {
    /// Fills the form from a stored profile (editing under 我的).
    pub fn from_profile(p: &MemberProfile) -> Self {
        let known = SECTORS.contains(&p.sector.as_str());
        ProfileDraft {
            name: p.name.clone(),
            member_id: p.member_id.clone(),
            committee: p.committee.clone(),
            sector_choice: if known { p.sector.clone() } else { SECTOR_OTHER.to_string() },
            sector_other: if known { String::new() } else { p.sector.clone() },
            is_standing: p.is_standing,
            phone: p.phone.clone(),
        }
    }

    /// Checks every field and returns all problems at once, in form order.
    pub fn validate(&self) -> Result<MemberProfile, Vec<FieldError>> {
        // Fields are checked in form order and each reports at most one problem, so the
        // list comes out in form order without sorting (sorting costs ~3 KB of wasm).
        let mut errors = Vec::new();

        let name = tidy(&self.name);
        check(&mut errors, ProfileField::Name, &name, NAME_MAX);

        let member_id = tidy(&self.member_id);
        if check(&mut errors, ProfileField::MemberId, &member_id, MEMBER_ID_MAX) && !is_member_id(&member_id) {
            errors.push(FieldError { field: ProfileField::MemberId, problem: Problem::BadMemberId });
        }

        let committee = tidy(&self.committee);
        check(&mut errors, ProfileField::Committee, &committee, COMMITTEE_MAX);

        let choice = tidy(&self.sector_choice);
        let sector = if choice == SECTOR_OTHER {
            let other = tidy(&self.sector_other);
            check(&mut errors, ProfileField::SectorOther, &other, SECTOR_MAX);
            other
        } else {
            check(&mut errors, ProfileField::Sector, &choice, SECTOR_MAX);
            choice
        };

        let phone = tidy(&self.phone);
        if check(&mut errors, ProfileField::Phone, &phone, PHONE_MAX) && !is_phone_number(&phone) {
            errors.push(FieldError { field: ProfileField::Phone, problem: Problem::BadPhone });
        }

        if errors.is_empty() {
            Ok(MemberProfile {
                name,
                member_id,
                committee,
                sector,
                is_standing: self.is_standing,
                phone,
            })
        } else {
            Err(errors)
        }
    }
}

/// The checks every field gets: present, and at most `max` characters. Returns whether
/// the value passed, i.e. whether a format check applies.
fn check(errors: &mut Vec<FieldError>, field: ProfileField, value: &str, max: usize) -> bool {
    let problem = if value.is_empty() {
        Problem::Required
    } else if char_len(value) > max {
        Problem::TooLong { max }
    } else {
        return true;
    };
    errors.push(FieldError { field, problem });
    false
}

/// The member-id rule (委员证号): letters, digits and "-", as printed on the card. Also
/// applied to co-signers, whose ids staff match against the roster.
pub fn is_member_id(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// A Chinese mobile number (11 digits, starting 1, optional +86) or a landline with area
/// code, e.g. "0551-12345678" or "0551 1234567-801". Spaces and dashes are allowed.
pub fn is_phone_number(s: &str) -> bool {
    if !s.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '+')) {
        return false;
    }
    let body = s.strip_prefix("+86").unwrap_or(s);
    if body.contains('+') {
        return false;
    }
    let digits: String = body.chars().filter(char::is_ascii_digit).collect();
    let mobile = digits.len() == 11 && digits.starts_with('1');
    let landline = digits.starts_with('0') && (10..=16).contains(&digits.len());
    mobile || landline
}

/// The member the domain tests write as (one fixture for every module's tests).
#[cfg(test)]
pub(crate) fn sample_profile() -> MemberProfile {
    MemberProfile {
        name: "王秀兰".into(),
        member_id: "QY-2026-017".into(),
        committee: "青阳县政协".into(),
        sector: "农业农村界".into(),
        is_standing: false,
        phone: "13800001234".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> ProfileDraft {
        ProfileDraft {
            name: " 王秀兰 ".into(),
            member_id: "WY-2026-017".into(),
            committee: "青阳县政协".into(),
            sector_choice: "农业农村界".into(),
            sector_other: String::new(),
            is_standing: true,
            phone: "138 0000 1234".into(),
        }
    }

    fn problems(d: &ProfileDraft) -> Vec<(ProfileField, Problem)> {
        d.validate().unwrap_err().into_iter().map(|e| (e.field, e.problem)).collect()
    }

    #[test]
    fn valid_draft_is_trimmed_into_a_profile() {
        let p = good().validate().unwrap();
        assert_eq!(p.name, "王秀兰");
        assert_eq!(p.sector, "农业农村界");
        assert!(p.is_standing);
    }

    #[test]
    fn empty_form_reports_every_required_field_in_form_order() {
        let got = problems(&ProfileDraft::default());
        assert_eq!(
            got,
            vec![
                (ProfileField::Name, Problem::Required),
                (ProfileField::MemberId, Problem::Required),
                (ProfileField::Committee, Problem::Required),
                (ProfileField::Sector, Problem::Required),
                (ProfileField::Phone, Problem::Required),
            ]
        );
    }

    #[test]
    fn whitespace_only_counts_as_empty() {
        let d = ProfileDraft { name: "\u{3000}  ".into(), ..good() };
        assert_eq!(problems(&d), vec![(ProfileField::Name, Problem::Required)]);
    }

    #[test]
    fn other_sector_needs_its_own_text() {
        let d = ProfileDraft { sector_choice: SECTOR_OTHER.into(), ..good() };
        assert_eq!(problems(&d), vec![(ProfileField::SectorOther, Problem::Required)]);
        let d = ProfileDraft { sector_choice: SECTOR_OTHER.into(), sector_other: "港澳界".into(), ..good() };
        assert_eq!(d.validate().unwrap().sector, "港澳界");
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        let at_limit = "𠀀".repeat(NAME_MAX);
        assert!(ProfileDraft { name: at_limit.clone(), ..good() }.validate().is_ok());
        let d = ProfileDraft { name: format!("{at_limit}张"), ..good() };
        assert_eq!(problems(&d), vec![(ProfileField::Name, Problem::TooLong { max: NAME_MAX })]);
    }

    #[test]
    fn member_id_charset() {
        let d = ProfileDraft { member_id: "委员017".into(), ..good() };
        assert_eq!(problems(&d), vec![(ProfileField::MemberId, Problem::BadMemberId)]);
    }

    #[test]
    fn phone_numbers() {
        for ok in ["13800001234", "+86 138-0000-1234", "0551-12345678", "0551 1234567-801"] {
            assert!(is_phone_number(ok), "{ok}");
        }
        for bad in ["12345", "1380000123", "23800001234", "138000012345", "电话", "0551+123456", "++8613800001234"] {
            assert!(!is_phone_number(bad), "{bad}");
        }
        let d = ProfileDraft { phone: "12345".into(), ..good() };
        assert_eq!(problems(&d), vec![(ProfileField::Phone, Problem::BadPhone)]);
    }

    #[test]
    fn stored_profile_round_trips_through_the_form() {
        let p = good().validate().unwrap();
        assert_eq!(ProfileDraft::from_profile(&p).validate().unwrap(), p);
        let custom = MemberProfile { sector: "港澳界".into(), ..p };
        let d = ProfileDraft::from_profile(&custom);
        assert_eq!(d.sector_choice, SECTOR_OTHER);
        assert_eq!(d.validate().unwrap(), custom);
    }
}
