//! Text rules shared by every form: trimming and counting the way a person counts.

/// Trims ASCII and CJK whitespace (U+3000 ideographic space is common in pasted Chinese text).
pub fn tidy(s: &str) -> String {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
        .to_string()
}

/// Length as a person counts it: one per character (Unicode scalar), so 𠀀 or 😀 counts 1.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
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
}
