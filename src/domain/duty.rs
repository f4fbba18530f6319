//! 履职记录: one entry per activity, made on the spot (often offline in a village room).
//!
//! The kinds are the ones the glossary names, grouped as a member thinks of them. Their
//! stored codes (`"plenary"`, `"send_policy"`…) are also what a scoring rules file names
//! (see [`super::score`]), so a code, once shipped, never changes meaning.
//!
//! Like a proposal draft, an entry is never refused when autosaved; [`DutyLog::validate`]
//! is checked when the member taps 保存 and by the list before it counts an entry.

use serde::{Deserialize, Serialize};

use super::text::{char_len, parse_iso_date, tidy, Problem};

/// The groups of the kind picker, in the order shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DutyGroup {
    /// 会议: 全体会议, 常委会议, 主席会议, 大会发言
    Meeting,
    /// 协商: 专题协商, 协商座谈会, 专委会协商, 委员论坛
    Consultation,
    /// 调研视察
    Research,
    /// 民主监督
    Oversight,
    /// 听证
    Hearing,
    /// 联系界别群众
    Contact,
    /// 七送两收集
    SevenTwo,
    /// 宣讲
    Talk,
    /// 学习培训
    Study,
    /// 委员工作站 / 议事室活动
    Station,
    /// 其他
    Other,
}

impl DutyGroup {
    pub const ALL: [DutyGroup; 11] = [
        DutyGroup::Meeting,
        DutyGroup::Consultation,
        DutyGroup::Research,
        DutyGroup::Oversight,
        DutyGroup::Hearing,
        DutyGroup::Contact,
        DutyGroup::SevenTwo,
        DutyGroup::Talk,
        DutyGroup::Study,
        DutyGroup::Station,
        DutyGroup::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DutyGroup::Meeting => "meeting",
            DutyGroup::Consultation => "consultation",
            DutyGroup::Research => "research",
            DutyGroup::Oversight => "oversight",
            DutyGroup::Hearing => "hearing",
            DutyGroup::Contact => "contact",
            DutyGroup::SevenTwo => "seven_two",
            DutyGroup::Talk => "talk",
            DutyGroup::Study => "study",
            DutyGroup::Station => "station",
            DutyGroup::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<DutyGroup> {
        DutyGroup::ALL.into_iter().find(|g| g.as_str() == code)
    }

    /// Position in [`DutyGroup::ALL`]; i18n keeps the names in an array of that order.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The kinds of this group, in picker order.
    pub fn kinds(self) -> impl Iterator<Item = DutyKind> {
        DutyKind::ALL.into_iter().filter(move |k| k.group() == self)
    }
}

/// What kind of activity an entry records. Stored as its snake_case code (the
/// `by_kind_date` index key).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DutyKind {
    /// 参加全体会议
    Plenary,
    /// 参加常委会议
    StandingMeeting,
    /// 参加主席会议
    ChairsMeeting,
    /// 大会发言 / 书面发言
    Speech,
    /// 专题协商
    TopicConsultation,
    /// 协商座谈会
    ConsultationForum,
    /// 专委会协商
    CommitteeConsultation,
    /// 委员论坛
    MemberForum,
    /// 调研视察
    Inspection,
    /// 联合调研
    JointResearch,
    /// 民主监督
    Oversight,
    /// 民主评议 / 行风评议
    Review,
    /// 担任监督员 (司法, 征兵, 目标考核)
    Supervisor,
    /// 听证会
    Hearing,
    /// 联系界别群众
    ContactSector,
    /// 为群众办实事
    PracticalDeed,
    /// 送政策
    SendPolicy,
    /// 送法律
    SendLaw,
    /// 送文化
    SendCulture,
    /// 送技术
    SendTech,
    /// 送医疗
    SendMedical,
    /// 送信息
    SendInfo,
    /// 送温暖
    SendWarmth,
    /// 收集社情民意
    CollectSentiment,
    /// 收集提案线索
    CollectClues,
    /// 政策宣讲
    PolicyTalk,
    /// 学习培训
    Study,
    /// 委员工作站 / 议事室活动
    StationActivity,
    /// 其他
    Other,
}

impl DutyKind {
    /// Picker order (grouped); i18n keeps the names in an array of this order.
    pub const ALL: [DutyKind; 29] = [
        DutyKind::Plenary,
        DutyKind::StandingMeeting,
        DutyKind::ChairsMeeting,
        DutyKind::Speech,
        DutyKind::TopicConsultation,
        DutyKind::ConsultationForum,
        DutyKind::CommitteeConsultation,
        DutyKind::MemberForum,
        DutyKind::Inspection,
        DutyKind::JointResearch,
        DutyKind::Oversight,
        DutyKind::Review,
        DutyKind::Supervisor,
        DutyKind::Hearing,
        DutyKind::ContactSector,
        DutyKind::PracticalDeed,
        DutyKind::SendPolicy,
        DutyKind::SendLaw,
        DutyKind::SendCulture,
        DutyKind::SendTech,
        DutyKind::SendMedical,
        DutyKind::SendInfo,
        DutyKind::SendWarmth,
        DutyKind::CollectSentiment,
        DutyKind::CollectClues,
        DutyKind::PolicyTalk,
        DutyKind::Study,
        DutyKind::StationActivity,
        DutyKind::Other,
    ];

    pub fn group(self) -> DutyGroup {
        use DutyKind::*;
        match self {
            Plenary | StandingMeeting | ChairsMeeting | Speech => DutyGroup::Meeting,
            TopicConsultation | ConsultationForum | CommitteeConsultation | MemberForum => DutyGroup::Consultation,
            Inspection | JointResearch => DutyGroup::Research,
            Oversight | Review | Supervisor => DutyGroup::Oversight,
            Hearing => DutyGroup::Hearing,
            ContactSector | PracticalDeed => DutyGroup::Contact,
            SendPolicy | SendLaw | SendCulture | SendTech | SendMedical | SendInfo | SendWarmth | CollectSentiment
            | CollectClues => DutyGroup::SevenTwo,
            PolicyTalk => DutyGroup::Talk,
            Study => DutyGroup::Study,
            StationActivity => DutyGroup::Station,
            Other => DutyGroup::Other,
        }
    }

    /// The stored code; equal to the serde form.
    pub fn as_str(self) -> &'static str {
        use DutyKind::*;
        match self {
            Plenary => "plenary",
            StandingMeeting => "standing_meeting",
            ChairsMeeting => "chairs_meeting",
            Speech => "speech",
            TopicConsultation => "topic_consultation",
            ConsultationForum => "consultation_forum",
            CommitteeConsultation => "committee_consultation",
            MemberForum => "member_forum",
            Inspection => "inspection",
            JointResearch => "joint_research",
            Oversight => "oversight",
            Review => "review",
            Supervisor => "supervisor",
            Hearing => "hearing",
            ContactSector => "contact_sector",
            PracticalDeed => "practical_deed",
            SendPolicy => "send_policy",
            SendLaw => "send_law",
            SendCulture => "send_culture",
            SendTech => "send_tech",
            SendMedical => "send_medical",
            SendInfo => "send_info",
            SendWarmth => "send_warmth",
            CollectSentiment => "collect_sentiment",
            CollectClues => "collect_clues",
            PolicyTalk => "policy_talk",
            Study => "study",
            StationActivity => "station_activity",
            Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<DutyKind> {
        DutyKind::ALL.into_iter().find(|k| k.as_str() == code)
    }

    /// Position in [`DutyKind::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Meetings where attendance is what counts (and 请假/缺席 is recorded as such).
    pub fn takes_attendance(self) -> bool {
        matches!(self, DutyKind::Plenary | DutyKind::StandingMeeting | DutyKind::ChairsMeeting)
    }
}

/// Whether the member was at a meeting. Only meetings that [`DutyKind::takes_attendance`]
/// record anything but `Present`; some counties score 请假 and 缺席 (and lateness) apart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    /// 出席
    #[default]
    Present,
    /// 迟到 / 早退
    Late,
    /// 请假
    Leave,
    /// 缺席 (无故)
    Absent,
}

impl Attendance {
    pub const ALL: [Attendance; 4] = [Attendance::Present, Attendance::Late, Attendance::Leave, Attendance::Absent];

    pub fn as_str(self) -> &'static str {
        match self {
            Attendance::Present => "present",
            Attendance::Late => "late",
            Attendance::Leave => "leave",
            Attendance::Absent => "absent",
        }
    }

    pub fn from_code(code: &str) -> Option<Attendance> {
        Attendance::ALL.into_iter().find(|a| a.as_str() == code)
    }
}

/// One duty-log entry, as stored in `duty_logs` (indexed by `date`, `[year, date]` and
/// `[kind, date]`). `year` is the year of `date`, kept beside it for the index.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DutyLog {
    pub id: String,
    pub kind: DutyKind,
    /// "YYYY-MM-DD".
    pub date: String,
    pub year: i32,
    pub created_ms: i64,
    pub updated_ms: i64,
    /// e.g. "桃源村委员议事室".
    #[serde(default)]
    pub place: String,
    /// Optional; lists show the kind's name when empty, so a routine entry needs no typing.
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub notes: String,
    /// 服务/联系群众人数.
    #[serde(default)]
    pub people: Option<u32>,
    /// Hours spent, in tenths (15 = 1.5 h): whole numbers keep sums exact.
    #[serde(default)]
    pub hours_tenths: Option<u32>,
    #[serde(default)]
    pub attendance: Attendance,
    #[serde(default)]
    pub proposal_id: Option<String>,
    #[serde(default)]
    pub clue_id: Option<String>,
    #[serde(default)]
    pub report_id: Option<String>,
    /// Photos in the `attachments` store, in the order taken.
    #[serde(default)]
    pub photo_ids: Vec<String>,
}

/// Limits as data, like [`super::proposal::ProposalLimits`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DutyLimits {
    pub title_max: usize,
    pub place_max: usize,
    pub notes_max: usize,
    pub people_max: u32,
    /// One entry covers at most a few days of activity.
    pub hours_tenths_max: u32,
    pub photos_max: usize,
    /// Longest side of a stored photo, in pixels (the browser resizes before storing).
    pub photo_side_max: u32,
}

impl Default for DutyLimits {
    fn default() -> Self {
        DutyLimits {
            title_max: 60,
            place_max: 50,
            notes_max: 2000,
            people_max: 100_000,
            hours_tenths_max: 720,
            photos_max: 9,
            photo_side_max: 1600,
        }
    }
}

/// The fields of the entry form, in form order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DutyField {
    Kind,
    Date,
    Place,
    Title,
    Notes,
    People,
    Hours,
    Photos,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DutyProblem {
    pub field: DutyField,
    pub problem: Problem,
}

impl DutyLog {
    /// A fresh entry of `kind` on `date` ("YYYY-MM-DD"); the year follows the date, or
    /// `fallback_year` while the date is not valid yet.
    pub fn new(id: String, kind: DutyKind, date: String, fallback_year: i32, now_ms: i64) -> Self {
        let year = year_of(&date).unwrap_or(fallback_year);
        DutyLog {
            id,
            kind,
            date,
            year,
            created_ms: now_ms,
            updated_ms: now_ms,
            place: String::new(),
            title: String::new(),
            notes: String::new(),
            people: None,
            hours_tenths: None,
            attendance: Attendance::Present,
            proposal_id: None,
            clue_id: None,
            report_id: None,
            photo_ids: Vec::new(),
        }
    }

    /// Sets the date and keeps `year` in step with it (an invalid date keeps the old year).
    pub fn set_date(&mut self, date: String) {
        if let Some(year) = year_of(&date) {
            self.year = year;
        }
        self.date = date;
    }

    /// Trims the free-text fields (on save; never truncates).
    pub fn tidied(mut self) -> Self {
        self.place = tidy(&self.place);
        self.title = tidy(&self.title);
        self.notes = tidy(&self.notes);
        self
    }

    /// Every problem, in form order; empty when the entry can be counted.
    pub fn validate(&self, limits: &DutyLimits) -> Vec<DutyProblem> {
        let mut out = Vec::new();
        let mut push = |field, problem| out.push(DutyProblem { field, problem });
        if parse_iso_date(&self.date).is_none() {
            push(DutyField::Date, if self.date.trim().is_empty() { Problem::Required } else { Problem::BadDate });
        }
        for (field, text, max) in [
            (DutyField::Place, &self.place, limits.place_max),
            (DutyField::Title, &self.title, limits.title_max),
            (DutyField::Notes, &self.notes, limits.notes_max),
        ] {
            if char_len(text) > max {
                push(field, Problem::TooLong { max });
            }
        }
        if let Some(people) = self.people {
            if people > limits.people_max {
                push(DutyField::People, Problem::TooLarge { max: limits.people_max as u64 });
            }
        }
        if let Some(hours) = self.hours_tenths {
            if hours > limits.hours_tenths_max {
                push(DutyField::Hours, Problem::TooLarge { max: (limits.hours_tenths_max / 10) as u64 });
            }
        }
        if self.photo_ids.len() > limits.photos_max {
            push(DutyField::Photos, Problem::TooMany { max: limits.photos_max });
        }
        out
    }

    /// Whether a list search for `words` (already folded) keeps this entry.
    pub fn matches(&self, folded_words: &[String]) -> bool {
        super::text::all_found(folded_words, &[&self.title, &self.place, &self.notes])
    }
}

/// The year of a valid "YYYY-MM-DD" date.
pub fn year_of(date: &str) -> Option<i32> {
    use chrono::Datelike;
    parse_iso_date(date).map(|d| d.year())
}

/// Parses what a member types into the hours box: "2", "1.5", "１.５", "0.5". Tenths only;
/// `None` for anything else, including negative numbers and more than one decimal.
pub fn parse_hours(input: &str) -> Option<u32> {
    let folded = super::text::fold(input.trim());
    let (whole, frac) = match folded.split_once('.') {
        Some((w, f)) => (w, f),
        None => (folded.as_str(), ""),
    };
    if whole.is_empty() && frac.is_empty() {
        return None;
    }
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || !digits(frac) || frac.len() > 1 || whole.len() > 4 {
        return None;
    }
    let whole: u32 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let tenth: u32 = if frac.is_empty() { 0 } else { frac.parse().ok()? };
    Some(whole * 10 + tenth)
}

/// "1.5" for 15 tenths, "2" for 20.
pub fn format_hours(tenths: u32) -> String {
    if tenths.is_multiple_of(10) {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

/// Parses a head count typed by a member ("30", "３０"); `None` when not a whole number.
pub fn parse_count(input: &str) -> Option<u32> {
    let folded = super::text::fold(input.trim());
    if folded.is_empty() || !folded.chars().all(|c| c.is_ascii_digit()) || folded.len() > 9 {
        return None;
    }
    folded.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> DutyLog {
        DutyLog::new("d1".into(), DutyKind::SendPolicy, "2026-03-14".into(), 2020, 1)
    }

    #[test]
    fn codes_round_trip_and_match_serde() {
        for kind in DutyKind::ALL {
            assert_eq!(DutyKind::from_code(kind.as_str()), Some(kind));
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{}\"", kind.as_str()));
            assert_eq!(DutyKind::ALL[kind.index()], kind);
        }
        for group in DutyGroup::ALL {
            assert_eq!(DutyGroup::from_code(group.as_str()), Some(group));
            assert_eq!(DutyGroup::ALL[group.index()], group);
        }
    }

    #[test]
    fn seven_two_has_its_nine_sub_kinds_and_every_group_has_a_kind() {
        assert_eq!(DutyGroup::SevenTwo.kinds().count(), 9);
        for group in DutyGroup::ALL {
            assert!(group.kinds().count() >= 1, "{group:?}");
        }
        // Picker order is grouped: a group's kinds are contiguous in ALL.
        let groups: Vec<_> = DutyKind::ALL.iter().map(|k| k.group()).collect();
        let mut seen = Vec::new();
        for g in groups {
            if seen.last() != Some(&g) {
                assert!(!seen.contains(&g), "{g:?} split");
                seen.push(g);
            }
        }
        assert_eq!(seen, DutyGroup::ALL);
    }

    #[test]
    fn year_follows_a_valid_date_only() {
        let mut e = entry();
        assert_eq!(e.year, 2026);
        e.set_date("2025-12-31".into());
        assert_eq!(e.year, 2025);
        e.set_date("2025-13-01".into());
        assert_eq!((e.year, e.date.as_str()), (2025, "2025-13-01"));
        let bad = DutyLog::new("x".into(), DutyKind::Other, "".into(), 2024, 1);
        assert_eq!(bad.year, 2024);
    }

    #[test]
    fn validation_names_each_field_and_never_truncates() {
        let mut e = entry();
        assert!(e.validate(&DutyLimits::default()).is_empty());
        e.date = "2026-02-30".into();
        e.title = "𠀀".repeat(61);
        e.people = Some(100_001);
        e.hours_tenths = Some(721);
        e.photo_ids = (0..10).map(|i| i.to_string()).collect();
        let problems = e.validate(&DutyLimits::default());
        let fields: Vec<_> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, [DutyField::Date, DutyField::Title, DutyField::People, DutyField::Hours, DutyField::Photos]);
        assert_eq!(problems[1].problem, Problem::TooLong { max: 60 });
        assert_eq!(problems[3].problem, Problem::TooLarge { max: 72 });
        assert_eq!(e.title.chars().count(), 61);
        e.date = " ".into();
        assert_eq!(e.validate(&DutyLimits::default())[0].problem, Problem::Required);
    }

    #[test]
    fn hours_and_counts_parse_like_people_type_them() {
        assert_eq!(parse_hours("2"), Some(20));
        assert_eq!(parse_hours("1.5"), Some(15));
        assert_eq!(parse_hours("１．５"), Some(15));
        assert_eq!(parse_hours(".5"), Some(5));
        assert_eq!(parse_hours("3."), Some(30));
        for bad in ["", ".", "-1", "1.25", "abc", "1,5", "99999"] {
            assert_eq!(parse_hours(bad), None, "{bad}");
        }
        assert_eq!(format_hours(15), "1.5");
        assert_eq!(format_hours(20), "2");
        assert_eq!(parse_count(" ３０ "), Some(30));
        assert_eq!(parse_count("3.5"), None);
        assert_eq!(parse_count("-3"), None);
    }

    #[test]
    fn rare_characters_and_missing_fields_round_trip() {
        let mut e = entry();
        e.place = "𠀀村议事室😀".into();
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(serde_json::from_str::<DutyLog>(&json).unwrap(), e);
        let old = r#"{"id":"a","kind":"plenary","date":"2026-01-05","year":2026,"created_ms":1,"updated_ms":2}"#;
        let read: DutyLog = serde_json::from_str(old).unwrap();
        assert_eq!(read.attendance, Attendance::Present);
        assert!(read.photo_ids.is_empty());
    }

    #[test]
    fn search_looks_at_title_place_and_notes() {
        let mut e = entry();
        e.place = "桃源村".into();
        e.notes = "讲解 ＰＭ2.5 治理".into();
        assert!(e.matches(&["桃源".into(), "pm2.5".into()]));
        assert!(!e.matches(&["城关".into()]));
    }
}
