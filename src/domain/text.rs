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
    fold_into(&mut out, s);
    out
}

/// [`fold`], appending to `out`. Searches fold hundreds of long texts per keystroke, so
/// the characters that have no case (ASCII other than A–Z, and the CJK, kana and Hangul
/// blocks, which is nearly all of a proposal) skip the Unicode case table.
fn fold_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            '\0'..='\u{7F}' | '\u{3001}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}' | '\u{20000}'..='\u{3FFFF}' => out.push(c),
            '\u{3000}' => out.push(' '),
            '\u{FF01}'..='\u{FF5E}' => {
                out.push(char::from_u32(c as u32 - 0xFEE0).map_or(c, |a| a.to_ascii_lowercase()));
            }
            _ => out.extend(c.to_lowercase()),
        }
    }
}

/// The words of a search box, folded: what [`all_found`] takes. Blank input gives none.
pub fn search_words(query: &str) -> Vec<String> {
    query.split_whitespace().map(fold).collect()
}

/// The search rule of every list: each of `words` (from [`search_words`]) occurs in one of
/// `fields`. The fields are folded into one text joined by line breaks, so no word can
/// match across two of them.
pub fn all_found(words: &[String], fields: &[&str]) -> bool {
    if words.is_empty() {
        return true;
    }
    let mut hay = String::with_capacity(fields.iter().map(|f| f.len() + 1).sum());
    for f in fields {
        fold_into(&mut hay, f);
        hay.push('\n');
    }
    words.iter().all(|w| hay.contains(w.as_str()))
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
    fn fold_agrees_with_the_unicode_case_table_outside_its_fast_ranges() {
        // The fast path must fold exactly as lower-casing would.
        for c in ('\0'..='\u{FFFF}').chain('\u{20000}'..='\u{2A6DF}') {
            let narrowed = match c {
                '\u{3000}' => ' ',
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            };
            let slow: String = narrowed.to_lowercase().collect();
            assert_eq!(fold(&c.to_string()), slow, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn all_words_must_be_found_each_within_one_field() {
        let words = search_words(" 饮用水\u{3000}ＰＭ２.５ ");
        assert_eq!(words, ["饮用水", "pm2.5"]);
        assert!(all_found(&words, &["农村饮用水", "PM2.5 超标"]));
        assert!(!all_found(&words, &["农村饮用水"]));
        assert!(!all_found(&search_words("用水检"), &["饮用水", "检测"]), "no match across two fields");
        assert!(all_found(&search_words("  "), &[]));
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
