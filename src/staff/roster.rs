//! The roster (委员名册): who may hand bundles in, under which key. Staff import it from a
//! CSV file and enrol each member's key after comparing fingerprints; [`trust`] then says
//! what to do with a bundle from a given signer.

use serde::{Deserialize, Serialize};

use super::csv::{self, CsvFault};
use crate::bundle::payload::Signer;
use crate::domain::member::{is_member_id, MEMBER_ID_MAX, NAME_MAX, SECTOR_MAX};
use crate::domain::text::{char_len, tidy};

/// Whether a member's enrolled key may still sign.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberStatus {
    /// 在册
    #[default]
    Active,
    /// 已撤销: the enrolled key is refused (a lost phone, a member who left).
    Revoked,
}

/// One member on the roster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterEntry {
    /// 委员证号, the key of the roster.
    pub member_id: String,
    pub name: String,
    pub sector: String,
    /// The enrolled key ([`crate::bundle::key_id`]); `None` until enrolled.
    #[serde(default)]
    pub key_id: Option<String>,
    #[serde(default)]
    pub enrolled_ms: Option<i64>,
    #[serde(default)]
    pub status: MemberStatus,
    /// Keys this member used before and replaced. A bundle signed by one is refused: a key
    /// is replaced because a phone was lost or changed, and the member hands in again from
    /// the current device.
    #[serde(default)]
    pub previous_keys: Vec<String>,
}

/// The columns of a roster file, by their Chinese header (English accepted too).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RosterColumn {
    Name,
    MemberId,
    Sector,
    KeyId,
    Status,
}

impl RosterColumn {
    pub const ALL: [RosterColumn; 5] =
        [RosterColumn::Name, RosterColumn::MemberId, RosterColumn::Sector, RosterColumn::KeyId, RosterColumn::Status];

    /// The header as staff write it (data of the file format, like the sector names).
    pub fn header(self) -> &'static str {
        match self {
            RosterColumn::Name => "姓名",
            RosterColumn::MemberId => "委员证号",
            RosterColumn::Sector => "界别",
            RosterColumn::KeyId => "密钥编号",
            RosterColumn::Status => "状态",
        }
    }

    fn english(self) -> &'static str {
        match self {
            RosterColumn::Name => "name",
            RosterColumn::MemberId => "member_id",
            RosterColumn::Sector => "sector",
            RosterColumn::KeyId => "key_id",
            RosterColumn::Status => "status",
        }
    }

    fn required(self) -> bool {
        matches!(self, RosterColumn::Name | RosterColumn::MemberId | RosterColumn::Sector)
    }

    fn from_header(h: &str) -> Option<RosterColumn> {
        let h = tidy(h);
        RosterColumn::ALL.into_iter().find(|c| c.header() == h || c.english().eq_ignore_ascii_case(&h))
    }
}

/// The values of the 状态 column.
pub const STATUS_ACTIVE: &str = "在册";
pub const STATUS_REVOKED: &str = "已撤销";

/// What is wrong at one place of a roster file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RosterFault {
    /// The bytes are not UTF-8 (Excel's plain "CSV" on Chinese Windows is GBK: save as
    /// "CSV UTF-8" instead).
    NotUtf8,
    /// No header row.
    Empty,
    MissingColumn,
    UnknownColumn,
    DuplicateColumn,
    UnclosedQuote,
    TextAfterQuote,
    /// A row with more or fewer cells than the header.
    FieldCount { expected: usize, found: usize },
    Required,
    TooLong { max: usize },
    BadMemberId,
    /// The member id is already on line `first_line`.
    DuplicateMemberId { first_line: usize },
    /// Not a 43-character key id.
    BadKeyId,
    /// The key is already on line `first_line`: one key belongs to one member.
    DuplicateKeyId { first_line: usize },
    /// Neither 在册 nor 已撤销.
    BadStatus,
}

/// One problem of a roster file: the 1-based line, the column as its header names it
/// (`None` for the whole row or file) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterProblem {
    pub line: usize,
    pub column_name: Option<String>,
    pub problem: RosterFault,
}

/// Reads a roster file as bytes (what the file picker gives): UTF-8 with or without BOM.
pub fn parse_roster_bytes(bytes: &[u8]) -> Result<Vec<RosterEntry>, Vec<RosterProblem>> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_roster_csv(text),
        Err(_) => Err(vec![RosterProblem { line: 0, column_name: None, problem: RosterFault::NotUtf8 }]),
    }
}

/// Reads a roster: a header row naming 姓名, 委员证号 and 界别 (any order) and optionally
/// 密钥编号 and 状态 (在册 / 已撤销), then one member per row. Every problem is reported, with
/// its line, so staff can fix the file in one go; nothing is returned unless all rows hold.
pub fn parse_roster_csv(text: &str) -> Result<Vec<RosterEntry>, Vec<RosterProblem>> {
    let at = |line: usize, column: Option<&str>, problem| RosterProblem {
        line,
        column_name: column.map(str::to_string),
        problem,
    };
    let records = csv::read(text).map_err(|f| {
        vec![match f {
            CsvFault::UnclosedQuote { line } => at(line, None, RosterFault::UnclosedQuote),
            CsvFault::TextAfterQuote { line } => at(line, None, RosterFault::TextAfterQuote),
        }]
    })?;
    let Some((header, rows)) = records.split_first() else {
        return Err(vec![at(1, None, RosterFault::Empty)]);
    };
    let mut problems = Vec::new();
    let mut columns: Vec<(RosterColumn, usize)> = Vec::new();
    for (i, h) in header.fields.iter().enumerate() {
        match RosterColumn::from_header(h) {
            None => problems.push(at(header.line, Some(&tidy(h)), RosterFault::UnknownColumn)),
            Some(c) if columns.iter().any(|(d, _)| *d == c) => {
                problems.push(at(header.line, Some(&tidy(h)), RosterFault::DuplicateColumn))
            }
            Some(c) => columns.push((c, i)),
        }
    }
    for c in RosterColumn::ALL.into_iter().filter(|c| c.required()) {
        if !columns.iter().any(|(d, _)| *d == c) {
            problems.push(at(header.line, Some(c.header()), RosterFault::MissingColumn));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let name_of = |c: RosterColumn| header.fields[columns.iter().find(|(d, _)| *d == c).map_or(0, |(_, i)| *i)].trim();

    let mut entries: Vec<(usize, RosterEntry)> = Vec::new();
    for row in rows {
        if row.fields.len() != header.fields.len() {
            let fault = RosterFault::FieldCount { expected: header.fields.len(), found: row.fields.len() };
            problems.push(at(row.line, None, fault));
            continue;
        }
        let cell = |c: RosterColumn| columns.iter().find(|(d, _)| *d == c).map(|(_, i)| tidy(&row.fields[*i]));
        let before = problems.len();
        let mut text = |c: RosterColumn, max: usize| -> String {
            let v = cell(c).unwrap_or_default();
            if v.is_empty() {
                problems.push(at(row.line, Some(name_of(c)), RosterFault::Required));
            } else if char_len(&v) > max {
                problems.push(at(row.line, Some(name_of(c)), RosterFault::TooLong { max }));
            }
            v
        };
        let name = text(RosterColumn::Name, NAME_MAX);
        let sector = text(RosterColumn::Sector, SECTOR_MAX);
        let member_id = text(RosterColumn::MemberId, MEMBER_ID_MAX);
        if !member_id.is_empty() && !is_member_id(&member_id) {
            problems.push(at(row.line, Some(name_of(RosterColumn::MemberId)), RosterFault::BadMemberId));
        } else if let Some((first, _)) = entries.iter().find(|(_, e)| e.member_id == member_id) {
            let fault = RosterFault::DuplicateMemberId { first_line: *first };
            problems.push(at(row.line, Some(name_of(RosterColumn::MemberId)), fault));
        }
        let key_id = cell(RosterColumn::KeyId).filter(|k| !k.is_empty());
        if let Some(k) = &key_id {
            if !is_key_id(k) {
                problems.push(at(row.line, Some(name_of(RosterColumn::KeyId)), RosterFault::BadKeyId));
            } else if let Some((first, _)) = entries.iter().find(|(_, e)| e.key_id.as_ref() == Some(k)) {
                let fault = RosterFault::DuplicateKeyId { first_line: *first };
                problems.push(at(row.line, Some(name_of(RosterColumn::KeyId)), fault));
            }
        }
        let status = match cell(RosterColumn::Status).as_deref() {
            None | Some("") | Some(STATUS_ACTIVE) => MemberStatus::Active,
            Some(STATUS_REVOKED) => MemberStatus::Revoked,
            Some(s) if s.eq_ignore_ascii_case("active") => MemberStatus::Active,
            Some(s) if s.eq_ignore_ascii_case("revoked") => MemberStatus::Revoked,
            Some(_) => {
                problems.push(at(row.line, Some(name_of(RosterColumn::Status)), RosterFault::BadStatus));
                MemberStatus::Active
            }
        };
        if problems.len() == before {
            let entry =
                RosterEntry { member_id, name, sector, key_id, enrolled_ms: None, status, previous_keys: Vec::new() };
            entries.push((row.line, entry));
        }
    }
    if problems.is_empty() {
        Ok(entries.into_iter().map(|(_, e)| e).collect())
    } else {
        Err(problems)
    }
}

/// A key id as [`crate::bundle::key_id`] writes it: 43 base64url characters.
pub fn is_key_id(s: &str) -> bool {
    s.len() == 43 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// What the roster says about a bundle's signer (by the signer's member id and the key
/// that verified the signature).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trust {
    /// The member's enrolled, active key.
    Known,
    /// On the roster, but no key enrolled yet: hold the bundle until staff compare the
    /// fingerprint and enrol it.
    Unenrolled,
    /// The member id is not on the roster: hold the bundle until the member is enrolled.
    Unknown,
    /// A key other than the enrolled `old` one: a new phone, or someone else. Import only
    /// after staff confirm with the member (then [`enrol`] the new key).
    KeyChanged { old: String },
    /// The member's key was revoked, or replaced earlier: refused.
    Revoked,
    /// The key is enrolled for another member (`member_id`): refused, one key signs for
    /// one member only.
    KeyOfOther { member_id: String },
}

/// What to do with a bundle from `signer`. Checks, in order: a key enrolled for someone
/// else, the member on the roster, a revoked or replaced key, no key yet, a changed key.
pub fn trust(roster: &[RosterEntry], signer: &Signer) -> Trust {
    let key = signer.key_id.as_str();
    let member = signer.member_id.trim();
    let other = roster.iter().find(|e| {
        e.member_id != member && (e.key_id.as_deref() == Some(key) || e.previous_keys.iter().any(|k| k == key))
    });
    if let Some(o) = other {
        return Trust::KeyOfOther { member_id: o.member_id.clone() };
    }
    let Some(entry) = roster.iter().find(|e| e.member_id == member) else { return Trust::Unknown };
    if entry.previous_keys.iter().any(|k| k == key) {
        return Trust::Revoked;
    }
    match &entry.key_id {
        None => Trust::Unenrolled,
        Some(k) if k == key && entry.status == MemberStatus::Revoked => Trust::Revoked,
        Some(k) if k == key => Trust::Known,
        Some(old) => Trust::KeyChanged { old: old.clone() },
    }
}

/// The roster's name for the signer when the bundle says another one (a typo in the
/// member's profile, or a traditional character): a warning, not a refusal, since the key
/// identifies the member.
pub fn name_differs<'a>(roster: &'a [RosterEntry], signer: &Signer) -> Option<&'a str> {
    let entry = roster.iter().find(|e| e.member_id == signer.member_id.trim())?;
    (tidy(&entry.name) != tidy(&signer.name)).then_some(entry.name.as_str())
}

/// Enrols `signer`'s key after staff compared fingerprints: sets the entry's key (the old
/// one goes to `previous_keys`) and makes it active, or adds the member with the bundle's
/// name and sector. Refuses a key that [`trust`] refuses (revoked, replaced, another's).
pub fn enrol(roster: &mut Vec<RosterEntry>, signer: &Signer, now_ms: i64) -> Result<(), Trust> {
    match trust(roster, signer) {
        t @ (Trust::Revoked | Trust::KeyOfOther { .. }) => return Err(t),
        Trust::Known => return Ok(()),
        _ => {}
    }
    let member = signer.member_id.trim();
    match roster.iter_mut().find(|e| e.member_id == member) {
        Some(e) => {
            if let Some(old) = e.key_id.take() {
                if !e.previous_keys.contains(&old) {
                    e.previous_keys.push(old);
                }
            }
            e.key_id = Some(signer.key_id.clone());
            e.enrolled_ms = Some(now_ms);
            e.status = MemberStatus::Active;
        }
        None => roster.push(RosterEntry {
            member_id: member.to_string(),
            name: tidy(&signer.name),
            sector: tidy(&signer.sector),
            key_id: Some(signer.key_id.clone()),
            enrolled_ms: Some(now_ms),
            status: MemberStatus::Active,
            previous_keys: Vec::new(),
        }),
    }
    Ok(())
}

/// Revokes the member's enrolled key; later bundles signed by it are refused. Returns
/// whether the member is on the roster.
pub fn revoke(roster: &mut [RosterEntry], member_id: &str) -> bool {
    match roster.iter_mut().find(|e| e.member_id == member_id) {
        Some(e) => {
            e.status = MemberStatus::Revoked;
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY_A: &str = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    const KEY_B: &str = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
    const KEY_C: &str = "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC";

    fn faults(text: &str) -> Vec<(usize, Option<String>, RosterFault)> {
        parse_roster_csv(text).unwrap_err().into_iter().map(|p| (p.line, p.column_name, p.problem)).collect()
    }

    #[test]
    fn a_roster_with_bom_quotes_and_optional_columns_reads() {
        let text = format!(
            "\u{feff}委员证号,姓名,界别,密钥编号,状态\r\n2026-017,王秀兰,农业农村界,{KEY_A},在册\r\n\
             2026-021,\"李,明\",\"社会福利和社会保障界\",,已撤销\r\n2026-033, 张华 ,教育界,,\r\n"
        );
        let roster = parse_roster_csv(&text).unwrap();
        assert_eq!(roster.len(), 3);
        assert_eq!(roster[0].key_id.as_deref(), Some(KEY_A));
        assert_eq!((roster[1].name.as_str(), roster[1].status), ("李,明", MemberStatus::Revoked));
        assert_eq!((roster[2].name.as_str(), roster[2].key_id.as_ref()), ("张华", None));
        // Only the three required columns, in another order, LF line ends.
        let roster = parse_roster_csv("界别,姓名,委员证号\n教育界,赵一,A-1\n").unwrap();
        assert_eq!(roster[0].member_id, "A-1");
        assert_eq!(roster[0].status, MemberStatus::Active);
    }

    #[test]
    fn every_bad_row_is_reported_with_its_line_and_column() {
        let text = format!(
            "姓名,委员证号,界别,密钥编号,状态\n\
             王秀兰,2026-017,农业农村界,{KEY_A},在册\n\
             ,2026/018,教育界,,\n\
             李明,2026-017,教育界,short,在岗\n\
             张华,2026-040,教育界,{KEY_A},\n\
             只有两格,2026-041\n\
             {},2026-050,教育界,,\n",
            "名".repeat(31)
        );
        let s = |v: &str| Some(v.to_string());
        assert_eq!(faults(&text), vec![
            (3, s("姓名"), RosterFault::Required),
            (3, s("委员证号"), RosterFault::BadMemberId),
            (4, s("委员证号"), RosterFault::DuplicateMemberId { first_line: 2 }),
            (4, s("密钥编号"), RosterFault::BadKeyId),
            (4, s("状态"), RosterFault::BadStatus),
            (5, s("密钥编号"), RosterFault::DuplicateKeyId { first_line: 2 }),
            (6, None, RosterFault::FieldCount { expected: 5, found: 2 }),
            (7, s("姓名"), RosterFault::TooLong { max: 30 }),
        ]);
        // And the sentences say where, in Chinese.
        let t = crate::i18n::Lang::Zh.texts();
        let first = &parse_roster_csv(&text).unwrap_err()[2];
        assert_eq!(t.roster_problem(first), "第 4 行“委员证号”：与第 2 行的委员证号重复");
    }

    #[test]
    fn header_and_file_problems() {
        let s = |v: &str| Some(v.to_string());
        assert_eq!(faults("姓名,证号,界别,姓名\n"), vec![
            (1, s("证号"), RosterFault::UnknownColumn),
            (1, s("姓名"), RosterFault::DuplicateColumn),
            (1, s("委员证号"), RosterFault::MissingColumn),
        ]);
        assert_eq!(faults(""), vec![(1, None, RosterFault::Empty)]);
        assert_eq!(faults("姓名,委员证号,界别\n\"王,1,教育界\n"), vec![(2, None, RosterFault::UnclosedQuote)]);
        let gbk = [0xd0, 0xd5, 0xc3, 0xfb]; // "姓名" in GBK
        assert_eq!(parse_roster_bytes(&gbk).unwrap_err()[0].problem, RosterFault::NotUtf8);
        assert!(parse_roster_bytes("\u{feff}姓名,委员证号,界别\n".as_bytes()).unwrap().is_empty());
    }

    fn signer(member_id: &str, key: &str) -> Signer {
        Signer {
            member_id: member_id.into(),
            name: "王秀兰".into(),
            sector: "农业农村界".into(),
            public_key: String::new(),
            key_id: key.into(),
        }
    }

    fn entry(member_id: &str, key: Option<&str>, status: MemberStatus) -> RosterEntry {
        RosterEntry {
            member_id: member_id.into(),
            name: "王秀兰".into(),
            sector: "农业农村界".into(),
            key_id: key.map(String::from),
            enrolled_ms: None,
            status,
            previous_keys: Vec::new(),
        }
    }

    #[test]
    fn trust_follows_the_roster() {
        let mut roster = vec![
            entry("A", Some(KEY_A), MemberStatus::Active),
            entry("B", None, MemberStatus::Active),
            entry("R", Some(KEY_C), MemberStatus::Revoked),
        ];
        assert_eq!(trust(&roster, &signer("A", KEY_A)), Trust::Known);
        assert_eq!(trust(&roster, &signer(" A ", KEY_A)), Trust::Known);
        assert_eq!(trust(&roster, &signer("A", KEY_B)), Trust::KeyChanged { old: KEY_A.into() });
        assert_eq!(trust(&roster, &signer("B", KEY_B)), Trust::Unenrolled);
        assert_eq!(trust(&roster, &signer("Z", KEY_B)), Trust::Unknown);
        assert_eq!(trust(&roster, &signer("R", KEY_C)), Trust::Revoked);
        assert_eq!(trust(&roster, &signer("B", KEY_A)), Trust::KeyOfOther { member_id: "A".into() });
        // A revoked member with a new key: staff confirm and enrol it.
        assert_eq!(trust(&roster, &signer("R", KEY_B)), Trust::KeyChanged { old: KEY_C.into() });

        // Enrolling a changed key retires the old one, which is refused from then on.
        enrol(&mut roster, &signer("A", KEY_B), 77).unwrap();
        assert_eq!(trust(&roster, &signer("A", KEY_B)), Trust::Known);
        assert_eq!(trust(&roster, &signer("A", KEY_A)), Trust::Revoked);
        assert_eq!((roster[0].previous_keys.clone(), roster[0].enrolled_ms), (vec![KEY_A.to_string()], Some(77)));
        assert_eq!(enrol(&mut roster, &signer("A", KEY_A), 78), Err(Trust::Revoked));
        assert_eq!(enrol(&mut roster, &signer("B", KEY_B), 78), Err(Trust::KeyOfOther { member_id: "A".into() }));
        // Someone not on the roster is added from the bundle.
        enrol(&mut roster, &signer("N", "NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN"), 79).unwrap();
        assert_eq!(roster.last().map(|e| (e.member_id.as_str(), e.status)), Some(("N", MemberStatus::Active)));

        assert!(revoke(&mut roster, "A"));
        assert_eq!(trust(&roster, &signer("A", KEY_B)), Trust::Revoked);
        assert!(!revoke(&mut roster, "nobody"));
    }

    #[test]
    fn a_different_name_is_a_warning() {
        let roster = vec![entry("A", Some(KEY_A), MemberStatus::Active)];
        assert_eq!(name_differs(&roster, &signer("A", KEY_A)), None);
        let s = Signer { name: "王秀蘭".into(), ..signer("A", KEY_A) };
        assert_eq!(name_differs(&roster, &s), Some("王秀兰"));
        assert_eq!(name_differs(&roster, &signer("Z", KEY_A)), None);
    }
}
