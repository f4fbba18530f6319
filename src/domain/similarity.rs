//! The duplicate hint: while a member types a title, their own earlier proposals with a
//! similar title are shown, because committees ask for one matter per proposal and a
//! second proposal on the same matter is usually merged or refused.
//!
//! Titles are compared by character bigrams with the Dice coefficient. Chinese has no
//! spaces between words, and two-character words dominate it, so bigrams catch shared
//! words ("饮水", "安全") without a dictionary, and tolerate a word inserted or dropped
//! ("饮用水" vs "饮水"). Before comparing, titles lose what every title shares and which
//! says nothing about the matter: punctuation, spaces, letter case, the opening "关于" and
//! the closing "的建议"/"的提案". Without that, any two titles "关于……的建议" share three
//! bigrams and unrelated matters score around 25 %.

use super::text::fold;

/// A useful default for the hint. In the tests, titles on the same matter score 57–77;
/// titles that share only a common phrase such as "加强农村" score 30–35; unrelated ones 0.
pub const HINT_THRESHOLD: u8 = 40;

/// The set phrases of a title, removed before comparing. Longest first, so "的建议" is
/// removed whole rather than leaving "的".
const PREFIXES: &[&str] = &["关于"];
const SUFFIXES: &[&str] = &["的意见和建议", "的意见建议", "的几点建议", "的建议", "的提案", "的意见", "建议", "提案"];

/// Similarity of two titles as a whole percentage, 0–100: `2·|A∩B| / (|A|+|B|)` over
/// the bigram multisets, rounded down so that 100 means the same bigrams. A title of one
/// meaningful character is compared as that character; an empty one matches nothing.
pub fn score(a: &str, b: &str) -> u8 {
    dice(&grams(a), &grams(b))
}

/// Titles among `candidates` (pairs of id and title) scoring at least `threshold`, best
/// first, at most `limit`. Equal scores keep the candidates' order, so a caller that
/// passes newest first sees the newest first. The proposal being edited is skipped by
/// its id (`exclude_id`), so a title never matches itself.
pub fn similar<'a>(
    title: &str,
    exclude_id: &str,
    candidates: impl Iterator<Item = (&'a str, &'a str)>,
    threshold: u8,
    limit: usize,
) -> Vec<(&'a str, u8)> {
    let query = grams(title);
    if query.is_empty() || limit == 0 {
        return Vec::new();
    }
    let mut hits: Vec<(&'a str, u8)> = candidates
        .filter(|(id, _)| *id != exclude_id)
        .map(|(id, other)| (id, dice(&query, &grams(other))))
        .filter(|(_, s)| *s > 0 && *s >= threshold)
        .collect();
    // A stable sort keeps the caller's order among equal scores.
    hits.sort_by_key(|(_, score)| std::cmp::Reverse(*score));
    hits.truncate(limit);
    hits
}

/// A gram is two adjacent characters; a title of one character is the gram `(c, '\0')`,
/// which no real pair can equal because '\0' never survives [`meaningful`].
type Gram = (char, char);

/// The sorted bigram multiset of a title's meaningful characters.
fn grams(title: &str) -> Vec<Gram> {
    let chars = meaningful(title);
    let mut grams: Vec<Gram> = match chars.len() {
        0 => Vec::new(),
        1 => vec![(chars[0], '\0')],
        _ => chars.windows(2).map(|w| (w[0], w[1])).collect(),
    };
    grams.sort_unstable();
    grams
}

/// Letters and digits only (CJK ideographs count as letters), folded, without the set
/// phrases. A phrase is kept when removing it would leave nothing ("建议" alone).
fn meaningful(title: &str) -> Vec<char> {
    let kept: String = fold(title).chars().filter(|c| c.is_alphanumeric()).collect();
    let mut core = kept.as_str();
    if let Some(rest) = PREFIXES.iter().find_map(|p| core.strip_prefix(p)) {
        if !rest.is_empty() {
            core = rest;
        }
    }
    if let Some(rest) = SUFFIXES.iter().find_map(|s| core.strip_suffix(s)) {
        if !rest.is_empty() {
            core = rest;
        }
    }
    core.chars().collect()
}

/// Dice coefficient of two sorted multisets, in whole percent rounded down.
fn dice(a: &[Gram], b: &[Gram]) -> u8 {
    let total = a.len() + b.len();
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    // shared ≤ min(|a|, |b|), so the quotient is at most 100.
    u8::try_from(200 * shared / total).unwrap_or(100)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WATER: &str = "关于加强农村饮用水安全保障的建议";

    #[test]
    fn related_titles_are_similar_and_unrelated_ones_are_not() {
        let related = [
            "关于加强农村饮水安全的建议",
            "关于保障农村饮用水安全的提案",
            "关于加强农村饮用水水源地保护的建议",
            "关于进一步加强农村饮用水安全管理的建议",
        ];
        for other in related {
            let s = score(WATER, other);
            assert!(s >= 55, "{other}: {s}");
        }
        let unrelated = [
            "关于发展乡村旅游的建议",
            "关于加快县城老旧小区改造的建议",
            "关于规范校外培训机构管理的提案",
            "关于加强农村养老服务的建议",
            "关于加强农村人居环境整治的建议",
        ];
        for other in unrelated {
            let s = score(WATER, other);
            assert!(s < HINT_THRESHOLD, "{other}: {s}");
        }
    }

    #[test]
    fn boilerplate_alone_does_not_make_titles_similar() {
        assert_eq!(score("关于发展乡村旅游的建议", "关于加快老旧小区改造的建议"), 0);
        // A title that is only the set phrase is still compared.
        assert_eq!(score("建议", "建议"), 100);
    }

    #[test]
    fn identical_meaning_scores_100_whatever_the_punctuation_case_and_spacing() {
        assert_eq!(score(WATER, WATER), 100);
        assert_eq!(score("关于加强“农村饮用水”安全保障的建议。", " 关于 加强农村饮用水安全保障 的建议"), 100);
        assert_eq!(score("关于治理PM2.5的建议", "关于治理ｐｍ２５的建议"), 100);
        assert_eq!(score("关于「农村」、(饮水)！的建议", "关于农村饮水的建议"), 100);
    }

    #[test]
    fn the_score_is_the_dice_coefficient_of_bigram_multisets() {
        // 农村饮用水 → 农村 村饮 饮用 用水; 农村饮水 → 农村 村饮 饮水: 2·2/(4+3) = 57 %.
        assert_eq!(score("农村饮用水", "农村饮水"), 57);
        // Repeated bigrams count as often as they occur on both sides: 哈哈 哈哈 vs 哈哈.
        assert_eq!(score("哈哈哈", "哈哈"), 66);
        assert_eq!(score("ab", "ba"), 0);
    }

    #[test]
    fn single_characters_and_empty_titles() {
        assert_eq!(score("水", "水"), 100);
        assert_eq!(score("水", "水利"), 0);
        assert_eq!(score("水", "火"), 0);
        assert_eq!(score("", ""), 0);
        assert_eq!(score("。。！", "关于的建议"), 0);
        // One character must not collide with the pair of itself doubled.
        assert_eq!(score("哈", "哈哈"), 0);
    }

    #[test]
    fn similar_ranks_filters_limits_and_skips_the_proposal_itself() {
        let mine = [
            ("p-self", WATER),
            ("p-tour", "关于发展乡村旅游的建议"),
            ("p-water2", "关于保障农村饮用水安全的提案"),
            ("p-water1", "关于加强农村饮水安全的建议"),
            ("p-water3", "关于加强农村饮水安全的建议"),
        ];
        let hits = similar(WATER, "p-self", mine.into_iter(), HINT_THRESHOLD, 10);
        let ids: Vec<_> = hits.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, ["p-water2", "p-water1", "p-water3"], "best first, ties in given order: {hits:?}");
        assert!(hits.windows(2).all(|w| w[0].1 >= w[1].1));

        let top = similar(WATER, "p-self", mine.into_iter(), HINT_THRESHOLD, 1);
        assert_eq!(top.len(), 1);
        assert_eq!(top[0].0, "p-water2");

        assert!(similar(WATER, "p-self", mine.into_iter(), 101, 10).is_empty());
        assert!(similar(WATER, "p-self", mine.into_iter(), HINT_THRESHOLD, 0).is_empty());
        assert!(similar("", "p-self", mine.into_iter(), 0, 10).is_empty());
        // A threshold of 0 still leaves out titles with nothing in common.
        let all = similar(WATER, "p-self", mine.into_iter(), 0, 10);
        assert!(all.iter().all(|(id, _)| *id != "p-tour" && *id != "p-self"));
    }
}
