//! Text rules shared by every form: trimming, counting and matching the way a person
//! does, the date format, and the problems a form can report.

use chrono::NaiveDate;

/// Why a typed value was refused. One vocabulary for every form, so that `i18n` has one
/// sentence per kind of problem and a new form needs only its field labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong { max: usize },
    /// A list holds more entries than the limit allows.
    TooMany { max: usize },
    /// A number above the limit (people reached, hours).
    TooLarge { max: u64 },
    /// Member ids use letters, digits and "-" only.
    BadMemberId,
    /// Not a Chinese mobile (11 digits starting with 1) or landline number.
    BadPhone,
    /// Not a real calendar date written as "YYYY-MM-DD".
    BadDate,
    /// The same member id appears twice in one list.
    DuplicateMemberId,
    /// The proposer listed among their own co-signers.
    ProposerListed,
}

/// Trims ASCII and CJK whitespace (U+3000 ideographic space is common in pasted Chinese text).
pub fn tidy(s: &str) -> String {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
        .to_string()
}

/// Length as a person counts it: one per character (Unicode scalar), so 𠀀 or 😀 counts 1.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Text as compared by search and similarity: Latin lower-cased, and the full-width forms a
/// Chinese IME produces (Ａ, １, ？) mapped to their ASCII twins, so that "ＰＭ２.５" finds
/// "pm2.5". Chinese characters pass through unchanged.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let half = match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        out.extend(half.to_lowercase());
    }
    out
}

/// Dates are stored as "YYYY-MM-DD" strings: sortable as text, readable in exports, and
/// free of time zones (a reply dated 3 March stays 3 March wherever it is read).
/// Only that exact shape of a real calendar day is accepted.
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    let year = s[0..4].parse().ok()?;
    let month = s[5..7].parse().ok()?;
    let day = s[8..10].parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_removes_ideographic_space() {
        assert_eq!(tidy("\u{3000} 张三\u{3000}\n"), "张三");
    }

    #[test]
    fn char_len_counts_supplementary_characters_once() {
        assert_eq!(char_len("𠀀😀张"), 3);
        assert_eq!("𠀀".len(), 4);
    }

    #[test]
    fn fold_lowercases_and_narrows_full_width_forms() {
        assert_eq!(fold("ＰＭ２．５ Pm2.5"), "pm2.5 pm2.5");
        assert_eq!(fold("农村ＡＢＣ\u{3000}𠀀"), "农村abc 𠀀");
    }

    #[test]
    fn iso_dates_must_be_real_days_in_the_exact_shape() {
        assert_eq!(parse_iso_date("2026-03-14"), NaiveDate::from_ymd_opt(2026, 3, 14));
        assert!(parse_iso_date("2024-02-29").is_some());
        for bad in ["2026-3-14", "2026/03/14", "2026-02-29", "2026-13-01", "20260314", "２026-03-14", "", "2026-03-14 "] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
    }
}
