//! The proposal form (提案表): the record, its limits, and the checks made at submission.
//!
//! A draft is never refused when saved: autosave stores whatever was typed, even over a
//! limit, and nothing is ever truncated, because losing a member's words is worse than
//! storing too many of them. Limits and completeness are checked once, when the member
//! submits ([`Proposal::validate_for_submit`]); until then the UI shows live [`Counter`]s.
//!
//! Where the proposal is in its life (draft, submitted, filed…) is owned by
//! [`super::lifecycle`]; this module only says what a complete proposal looks like.

use serde::{Deserialize, Serialize};

use super::lifecycle::Status;
use super::member::{self, MemberProfile, MEMBER_ID_MAX, NAME_MAX, PHONE_MAX, SECTOR_MAX};
use super::text::{all_found, char_len, search_words, tidy, Problem};

/// 类别, as on the paper form. Stored as the English code (`"economy"`…), which is also
/// the key of the `by_category` index; the Chinese label comes from `i18n`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 经济建设
    Economy,
    /// 政治建设
    Politics,
    /// 文化建设
    Culture,
    /// 社会建设
    Society,
    /// 生态文明
    Ecology,
    /// 其他
    Other,
}

impl Category {
    /// In the order of the paper form, which is the order of the choice list.
    pub const ALL: [Category; 6] = [
        Category::Economy,
        Category::Politics,
        Category::Culture,
        Category::Society,
        Category::Ecology,
        Category::Other,
    ];

    /// The stored code, for index keys and `<option value>`; equal to the serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Economy => "economy",
            Category::Politics => "politics",
            Category::Culture => "culture",
            Category::Society => "society",
            Category::Ecology => "ecology",
            Category::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == code)
    }
}

/// 提案人: copied from the member profile when the draft is created, so a later change of
/// profile does not rewrite a proposal that was already handed in under the old details.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposer {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub member_id: String,
    #[serde(default)]
    pub sector: String,
}

impl Proposer {
    pub fn from_profile(profile: &MemberProfile) -> Self {
        Proposer {
            name: profile.name.clone(),
            member_id: profile.member_id.clone(),
            sector: profile.sector.clone(),
        }
    }
}

/// 联名提案人 / 附议人: one row of the co-signer list. Staff match the member id against
/// their roster, which is why it is required and not only the name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoSigner {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub member_id: String,
}

/// One proposal, as stored in the `proposals` store and sent in bundles.
///
/// `status`, `year`, `category` and `updated_ms` are top-level fields with exactly these
/// names because the store's indexes point at them. Fields that may be missing from a
/// record written by another version carry `#[serde(default)]`; unknown fields are ignored
/// when reading. Identity and index fields have no default, so a damaged record fails to
/// load instead of turning silently into an empty draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub id: String,
    /// Text revision, from 1. Submitting freezes the text of this revision; editing
    /// afterwards starts the next one (see [`super::lifecycle`]), so what staff received
    /// under a given `(id, rev)` never changes.
    pub rev: u32,
    pub status: Status,
    /// The session year the proposal belongs to (lists filter by it).
    pub year: i32,
    pub created_ms: i64,
    pub updated_ms: i64,
    /// 案由 (title), usually "关于……的建议".
    #[serde(default)]
    pub title: String,
    /// 类别; `None` until the member chooses, which keeps a fresh draft out of every
    /// category filter rather than filing it under a guessed one.
    #[serde(default)]
    pub category: Option<Category>,
    #[serde(default)]
    pub proposer: Proposer,
    #[serde(default)]
    pub co_signers: Vec<CoSigner>,
    /// 界别 of the proposal; starts as the proposer's own and may be changed (e.g. a
    /// proposal written for a sector group).
    #[serde(default)]
    pub sector: String,
    /// 提案理由 / 情况分析
    #[serde(default)]
    pub reasons: String,
    /// 办法建议, often a numbered list kept as typed (line breaks included).
    #[serde(default)]
    pub suggestions: String,
    /// 建议主办单位: the member's suggestion, part of the frozen text. The unit the
    /// proposal is actually assigned to is recorded by the `assigned` event.
    #[serde(default)]
    pub lead_unit: String,
    /// 建议协办单位
    #[serde(default)]
    pub assisting_units: Vec<String>,
    /// 联系电话, starts as the profile's.
    #[serde(default)]
    pub phone: String,
    /// Ids of records in the `attachments` store.
    #[serde(default)]
    pub attachment_ids: Vec<String>,
    /// The 提案线索 this draft grew from.
    #[serde(default)]
    pub clue_id: Option<String>,
    /// 立案编号, e.g. "〔2026〕第12号"; set by the `filed` event.
    #[serde(default)]
    pub filed_number: Option<String>,
    /// 重点提案
    #[serde(default)]
    pub key_proposal: bool,
    /// 优秀提案
    #[serde(default)]
    pub excellent: bool,
}

/// Limits as data, so a county with other rules changes numbers here rather than code in
/// the UI. Lengths count characters with [`char_len`] after trimming the ends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProposalLimits {
    /// 案由
    pub title_max: usize,
    /// 提案理由 and 办法建议 together ("about 2,500 characters" in practice).
    pub body_max: usize,
    pub co_signers_max: usize,
    /// One unit name (suggested or assigned).
    pub unit_max: usize,
    pub assisting_units_max: usize,
    /// 立案编号 recorded by hand.
    pub number_max: usize,
    /// Free text of lifecycle events: not-filed reason, contact note, reply summary.
    pub note_max: usize,
    /// Files and photos attached to one proposal (see [`check_attachment`]).
    pub attachments_max: usize,
    /// Size of one attachment in bytes. Phones' photos are 2–6 MB; the whole store lives
    /// in the browser's quota, so this stays modest.
    pub attachment_bytes_max: u64,
}

impl Default for ProposalLimits {
    fn default() -> Self {
        ProposalLimits {
            title_max: 60,
            body_max: 2500,
            co_signers_max: 20,
            unit_max: 40,
            assisting_units_max: 5,
            number_max: 30,
            note_max: 1000,
            attachments_max: 5,
            attachment_bytes_max: 10 * 1024 * 1024,
        }
    }
}

/// Why a file cannot be attached (see [`check_attachment`]); `i18n` words it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttachmentProblem {
    /// The proposal already holds `max` attachments.
    TooMany { max: usize },
    /// The file is larger than `max_bytes`.
    TooBig { max_bytes: u64 },
    /// An empty (0-byte) file: usually a photo that failed to come through.
    Empty,
    /// Neither an image nor a PDF.
    WrongType,
}

/// The media type a file is stored under, when it may be attached: images (raster only —
/// SVG can carry script, which would run in the app's origin when opened) and PDF. A
/// missing or generic browser type (some phones give none for HEIC) is inferred from the
/// file name's extension. `None` for anything else.
pub fn attachment_type(name: &str, media_type: &str) -> Option<String> {
    let given = media_type.trim().to_ascii_lowercase();
    if given == "application/pdf" || (given.starts_with("image/") && given != "image/svg+xml") {
        return Some(given);
    }
    if !given.is_empty() && given != "application/octet-stream" {
        return None;
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let inferred = match ext.as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "heic" => "image/heic",
        "heif" => "image/heif",
        "pdf" => "application/pdf",
        _ => return None,
    };
    Some(inferred.to_string())
}

/// What separates several units in the 建议协办单位 box (the editor splits on the same).
pub const UNIT_SEPARATORS: [char; 6] = ['、', ',', '，', ';', '；', '\n'];

/// What the 建议协办单位 box offers while the member types several units (`typed` is the
/// box's value): each earlier unit (`recent`, newest first) not yet in the box, written
/// after the units already typed, so picking one from the browser's list completes the
/// unit being typed (after the last separator) and keeps the others. At most `max`.
pub fn unit_suggestions(typed: &str, recent: &[String], max: usize) -> Vec<String> {
    let cut = typed.rfind(UNIT_SEPARATORS).map_or(0, |i| i + typed[i..].chars().next().map_or(0, char::len_utf8));
    let done = &typed[..cut];
    let listed: Vec<&str> = done.split(UNIT_SEPARATORS).map(str::trim).filter(|u| !u.is_empty()).collect();
    recent.iter().filter(|u| !listed.contains(&u.as_str())).take(max).map(|u| format!("{done}{u}")).collect()
}

/// Checks a file before it is attached to a proposal that holds `attached` files already:
/// count first (nothing else matters when the list is full), then type, then size.
/// Returns the media type to store it under (see [`attachment_type`]).
pub fn check_attachment(
    limits: &ProposalLimits,
    attached: usize,
    name: &str,
    media_type: &str,
    size: u64,
) -> Result<String, AttachmentProblem> {
    if attached >= limits.attachments_max {
        return Err(AttachmentProblem::TooMany { max: limits.attachments_max });
    }
    let Some(media_type) = attachment_type(name, media_type) else {
        return Err(AttachmentProblem::WrongType);
    };
    if size == 0 {
        Err(AttachmentProblem::Empty)
    } else if size > limits.attachment_bytes_max {
        Err(AttachmentProblem::TooBig { max_bytes: limits.attachment_bytes_max })
    } else {
        Ok(media_type)
    }
}

/// A live character counter ("58 / 60"). `over` is stored rather than derived at each
/// use so the view can style on it without repeating the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counter {
    pub used: usize,
    pub max: usize,
    pub over: bool,
}

impl Counter {
    pub fn new(used: usize, max: usize) -> Self {
        Counter { used, max, over: used > max }
    }

    /// How many characters must go before the text fits; 0 when it fits.
    pub fn excess(&self) -> usize {
        self.used.saturating_sub(self.max)
    }
}

/// The fields of the form, in form order; the UI puts each problem under its field.
/// Row fields carry the 0-based row index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProposalField {
    Title,
    Category,
    /// The co-signer list as a whole (too many rows).
    CoSigners,
    CoSignerName(usize),
    CoSignerMemberId(usize),
    Sector,
    Reasons,
    Suggestions,
    /// Reasons and suggestions together (the shared length limit).
    Body,
    LeadUnit,
    /// The assisting-unit list as a whole (too many entries).
    AssistingUnits,
    AssistingUnit(usize),
    Phone,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProposalProblem {
    pub field: ProposalField,
    pub problem: Problem,
}

impl Proposal {
    /// A fresh draft: revision 1, proposer, sector and phone taken from the profile,
    /// everything else empty. `id`, `now_ms` and `year` come from the caller, which owns
    /// the clock and the id generator.
    pub fn new_draft(id: String, profile: &MemberProfile, now_ms: i64, year: i32) -> Self {
        Proposal {
            id,
            rev: 1,
            status: Status::Draft,
            year,
            created_ms: now_ms,
            updated_ms: now_ms,
            title: String::new(),
            category: None,
            proposer: Proposer::from_profile(profile),
            co_signers: Vec::new(),
            sector: profile.sector.clone(),
            reasons: String::new(),
            suggestions: String::new(),
            lead_unit: String::new(),
            assisting_units: Vec::new(),
            phone: profile.phone.clone(),
            attachment_ids: Vec::new(),
            clue_id: None,
            filed_number: None,
            key_proposal: false,
            excellent: false,
        }
    }

    /// Once submitted, the text staff received must never change; edits go into a new
    /// revision, which first returns the proposal to draft.
    pub fn is_text_frozen(&self) -> bool {
        self.status != Status::Draft
    }

    /// Whether two records hold the same proposal text (everything a member types or
    /// attaches), ignoring status, timestamps and staff-side outcomes. The store uses it
    /// to refuse a write that would alter a frozen text.
    pub fn same_text(&self, other: &Proposal) -> bool {
        self.title == other.title
            && self.category == other.category
            && self.proposer == other.proposer
            && self.co_signers == other.co_signers
            && self.sector == other.sector
            && self.reasons == other.reasons
            && self.suggestions == other.suggestions
            && self.lead_unit == other.lead_unit
            && self.assisting_units == other.assisting_units
            && self.phone == other.phone
            && self.attachment_ids == other.attachment_ids
    }

    pub fn title_counter(&self, limits: &ProposalLimits) -> Counter {
        Counter::new(char_len(&tidy(&self.title)), limits.title_max)
    }

    /// Reasons and suggestions count together: the limit is on the proposal's body, and
    /// members move text between the two sections freely.
    pub fn body_counter(&self, limits: &ProposalLimits) -> Counter {
        let used = char_len(&tidy(&self.reasons)) + char_len(&tidy(&self.suggestions));
        Counter::new(used, limits.body_max)
    }

    /// Appends a co-signer row and returns its index. Never refused, even past
    /// `co_signers_max`: the list is checked at submission, like every other limit.
    pub fn add_co_signer(&mut self, co_signer: CoSigner) -> usize {
        self.co_signers.push(co_signer);
        self.co_signers.len() - 1
    }

    /// Removes row `index`; `None` when there is no such row (a stale tap after a
    /// re-render must not crash the page).
    pub fn remove_co_signer(&mut self, index: usize) -> Option<CoSigner> {
        if index < self.co_signers.len() {
            Some(self.co_signers.remove(index))
        } else {
            None
        }
    }

    /// Swaps row `index` with the one above; false (and nothing changes) for the first
    /// row or an index out of range.
    pub fn move_co_signer_up(&mut self, index: usize) -> bool {
        if index == 0 || index >= self.co_signers.len() {
            return false;
        }
        self.co_signers.swap(index - 1, index);
        true
    }

    /// Swaps row `index` with the one below; false for the last row or out of range.
    pub fn move_co_signer_down(&mut self, index: usize) -> bool {
        let len = self.co_signers.len();
        if len < 2 || index >= len - 1 {
            return false;
        }
        self.co_signers.swap(index, index + 1);
        true
    }

    /// The checks made when the member submits. Returns every problem at once, in form
    /// order, so the member can fix them in one pass.
    pub fn validate_for_submit(&self, limits: &ProposalLimits) -> Result<(), Vec<ProposalProblem>> {
        let mut out = Vec::new();

        check_text(&mut out, ProposalField::Title, &self.title, limits.title_max, true);

        if self.category.is_none() {
            push(&mut out, ProposalField::Category, Problem::Required);
        }

        if self.co_signers.len() > limits.co_signers_max {
            push(&mut out, ProposalField::CoSigners, Problem::TooMany { max: limits.co_signers_max });
        }
        let proposer_id = member_id_key(&self.proposer.member_id);
        let mut seen_ids: Vec<String> = Vec::new();
        for (i, row) in self.co_signers.iter().enumerate() {
            check_text(&mut out, ProposalField::CoSignerName(i), &row.name, NAME_MAX, true);

            let field = ProposalField::CoSignerMemberId(i);
            let id = tidy(&row.member_id);
            if !check_text(&mut out, field, &id, MEMBER_ID_MAX, true) {
                continue;
            }
            let key = member_id_key(&id);
            if !member::is_member_id(&id) {
                push(&mut out, field, Problem::BadMemberId);
            } else if !proposer_id.is_empty() && key == proposer_id {
                push(&mut out, field, Problem::ProposerListed);
            } else if seen_ids.contains(&key) {
                push(&mut out, field, Problem::DuplicateMemberId);
            }
            seen_ids.push(key);
        }

        check_text(&mut out, ProposalField::Sector, &self.sector, SECTOR_MAX, true);
        check_text(&mut out, ProposalField::Reasons, &self.reasons, usize::MAX, true);
        check_text(&mut out, ProposalField::Suggestions, &self.suggestions, usize::MAX, true);
        let body = self.body_counter(limits);
        if body.over {
            push(&mut out, ProposalField::Body, Problem::TooLong { max: body.max });
        }

        check_text(&mut out, ProposalField::LeadUnit, &self.lead_unit, limits.unit_max, false);
        if self.assisting_units.len() > limits.assisting_units_max {
            let max = limits.assisting_units_max;
            push(&mut out, ProposalField::AssistingUnits, Problem::TooMany { max });
        }
        for (i, unit) in self.assisting_units.iter().enumerate() {
            check_text(&mut out, ProposalField::AssistingUnit(i), unit, limits.unit_max, true);
        }

        let phone = tidy(&self.phone);
        if check_text(&mut out, ProposalField::Phone, &phone, PHONE_MAX, true)
            && !member::is_phone_number(&phone)
        {
            push(&mut out, ProposalField::Phone, Problem::BadPhone);
        }

        if out.is_empty() {
            Ok(())
        } else {
            Err(out)
        }
    }

    /// The list's search: every whitespace-separated term must occur somewhere in the
    /// title, reasons or suggestions. Chinese has no word breaks, so a term is matched as
    /// a substring; Latin letters and full-width forms are folded (see [`fold`]), so
    /// "pm2.5" finds "ＰＭ2.5". An empty query matches everything.
    pub fn matches(&self, query: &str) -> bool {
        self.matches_words(&search_words(query))
    }

    /// [`Self::matches`] with the query's words folded once (a list checks many records).
    pub fn matches_words(&self, words: &[String]) -> bool {
        all_found(words, &[&self.title, &self.reasons, &self.suggestions])
    }
}

fn push(out: &mut Vec<ProposalProblem>, field: ProposalField, problem: Problem) {
    out.push(ProposalProblem { field, problem });
}

/// Reports a missing or over-long value; true when the value is present and fits, i.e.
/// when further checks on it make sense.
fn check_text(out: &mut Vec<ProposalProblem>, field: ProposalField, value: &str, max: usize, required: bool) -> bool {
    let value = tidy(value);
    if value.is_empty() {
        if required {
            push(out, field, Problem::Required);
        }
        false
    } else if char_len(&value) > max {
        push(out, field, Problem::TooLong { max });
        false
    } else {
        true
    }
}

/// Member ids are compared without case ("qy-017" and "QY-017" are one card), as staff
/// do when matching against the roster.
fn member_id_key(id: &str) -> String {
    tidy(id).to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_suggestions_complete_the_last_unit_and_keep_the_others() {
        let recent: Vec<String> = ["县水利局", "县财政局", "县卫生健康局"].map(String::from).to_vec();
        assert_eq!(unit_suggestions("", &recent, 10), recent, "an empty box offers every unit");
        assert_eq!(unit_suggestions("县", &recent, 10), recent, "the unit being typed is replaced");
        assert_eq!(unit_suggestions("县水利局、县", &recent, 10), vec!["县水利局、县财政局", "县水利局、县卫生健康局"]);
        assert_eq!(
            unit_suggestions("县财政局，县水利局,", &recent, 10),
            vec!["县财政局，县水利局,县卫生健康局"],
            "commas separate too, and units already typed are not offered again"
        );
        assert_eq!(unit_suggestions("𠀀局；", &recent, 2), vec!["𠀀局；县水利局", "𠀀局；县财政局"], "at most max");
    }

    /// With the phone as people type it, spaces and all (copied into drafts unchanged).
    fn profile() -> MemberProfile {
        MemberProfile { phone: "138 0000 1234".into(), ..crate::domain::member::sample_profile() }
    }

    /// A proposal that passes every check; tests break one thing at a time.
    fn complete() -> Proposal {
        let mut p = Proposal::new_draft("p1".into(), &profile(), 1_767_225_600_000, 2026);
        p.title = "关于加强农村饮用水安全保障的建议".into();
        p.category = Some(Category::Society);
        p.reasons = "部分山区村组仍靠山泉水，枯水期断水。".into();
        p.suggestions = "1. 实施管网延伸工程；\n2. 建立水质定期检测制度。".into();
        p.lead_unit = "县水利局".into();
        p.assisting_units = vec!["县卫生健康局".into()];
        p.co_signers = vec![CoSigner { name: "李明".into(), member_id: "QY-2026-031".into() }];
        p
    }

    fn problems(p: &Proposal) -> Vec<(ProposalField, Problem)> {
        p.validate_for_submit(&ProposalLimits::default())
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect()
    }

    #[test]
    fn new_draft_copies_the_profile_and_starts_at_revision_one() {
        let p = Proposal::new_draft("p9".into(), &profile(), 42, 2026);
        assert_eq!((p.id.as_str(), p.rev, p.status, p.year), ("p9", 1, Status::Draft, 2026));
        assert_eq!((p.created_ms, p.updated_ms), (42, 42));
        assert_eq!(p.proposer, Proposer { name: "王秀兰".into(), member_id: "QY-2026-017".into(), sector: "农业农村界".into() });
        assert_eq!(p.sector, "农业农村界");
        assert_eq!(p.phone, "138 0000 1234");
        assert_eq!(p.category, None);
        assert!(!p.is_text_frozen());
    }

    #[test]
    fn complete_proposal_passes() {
        assert_eq!(complete().validate_for_submit(&ProposalLimits::default()), Ok(()));
    }

    #[test]
    fn empty_draft_reports_every_required_field_in_form_order() {
        let mut p = Proposal::new_draft("p1".into(), &profile(), 0, 2026);
        p.sector.clear();
        p.phone.clear();
        assert_eq!(
            problems(&p),
            vec![
                (ProposalField::Title, Problem::Required),
                (ProposalField::Category, Problem::Required),
                (ProposalField::Sector, Problem::Required),
                (ProposalField::Reasons, Problem::Required),
                (ProposalField::Suggestions, Problem::Required),
                (ProposalField::Phone, Problem::Required),
            ]
        );
    }

    #[test]
    fn whitespace_only_text_counts_as_missing() {
        let p = Proposal { title: "\u{3000} \n".into(), suggestions: "\u{3000}".into(), ..complete() };
        assert_eq!(
            problems(&p),
            vec![(ProposalField::Title, Problem::Required), (ProposalField::Suggestions, Problem::Required)]
        );
    }

    #[test]
    fn title_limit_counts_characters_including_extension_b_and_emoji() {
        let limits = ProposalLimits::default();
        let at_limit = format!("{}{}", "𠀀".repeat(58), "😀水");
        let p = Proposal { title: at_limit.clone(), ..complete() };
        assert_eq!(p.title_counter(&limits), Counter { used: 60, max: 60, over: false });
        assert!(p.validate_for_submit(&limits).is_ok());

        let p = Proposal { title: format!("{at_limit}建"), ..complete() };
        assert_eq!(p.title_counter(&limits), Counter { used: 61, max: 60, over: true });
        assert_eq!(p.title_counter(&limits).excess(), 1);
        assert_eq!(problems(&p), vec![(ProposalField::Title, Problem::TooLong { max: 60 })]);
    }

    #[test]
    fn body_limit_applies_to_reasons_and_suggestions_together() {
        let limits = ProposalLimits::default();
        let p = Proposal { reasons: "情".repeat(1500), suggestions: "议".repeat(1000), ..complete() };
        assert_eq!(p.body_counter(&limits), Counter { used: 2500, max: 2500, over: false });
        assert!(p.validate_for_submit(&limits).is_ok());

        let p = Proposal { reasons: "情".repeat(1500), suggestions: "议".repeat(1001), ..complete() };
        assert!(p.body_counter(&limits).over);
        assert_eq!(problems(&p), vec![(ProposalField::Body, Problem::TooLong { max: 2500 })]);
        // The text itself is untouched: an over-long draft keeps every character.
        assert_eq!(char_len(&p.suggestions), 1001);
    }

    #[test]
    fn limits_are_data() {
        let tight = ProposalLimits { title_max: 5, body_max: 10, ..ProposalLimits::default() };
        let got: Vec<_> = complete()
            .validate_for_submit(&tight)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect();
        assert_eq!(
            got,
            vec![
                (ProposalField::Title, Problem::TooLong { max: 5 }),
                (ProposalField::Body, Problem::TooLong { max: 10 }),
            ]
        );
        // A county config that names only one limit keeps the defaults for the rest.
        let partial: ProposalLimits = serde_json::from_str(r#"{"title_max": 80}"#).unwrap();
        assert_eq!(partial, ProposalLimits { title_max: 80, ..ProposalLimits::default() });
    }

    #[test]
    fn phone_is_checked_with_the_profile_rule() {
        let p = Proposal { phone: "12345".into(), ..complete() };
        assert_eq!(problems(&p), vec![(ProposalField::Phone, Problem::BadPhone)]);
        let p = Proposal { phone: "0551-12345678".into(), ..complete() };
        assert!(p.validate_for_submit(&ProposalLimits::default()).is_ok());
    }

    #[test]
    fn co_signer_rows_must_be_complete_and_valid() {
        let mut p = complete();
        p.co_signers = vec![
            CoSigner { name: "".into(), member_id: "QY-1".into() },
            CoSigner { name: "赵六".into(), member_id: "".into() },
            CoSigner { name: "钱七".into(), member_id: "委员 9".into() },
            CoSigner::default(),
        ];
        assert_eq!(
            problems(&p),
            vec![
                (ProposalField::CoSignerName(0), Problem::Required),
                (ProposalField::CoSignerMemberId(1), Problem::Required),
                (ProposalField::CoSignerMemberId(2), Problem::BadMemberId),
                (ProposalField::CoSignerName(3), Problem::Required),
                (ProposalField::CoSignerMemberId(3), Problem::Required),
            ]
        );
    }

    #[test]
    fn duplicate_co_signers_and_the_proposer_are_refused_ignoring_case() {
        let mut p = complete();
        p.co_signers = vec![
            CoSigner { name: "李明".into(), member_id: "QY-2026-031".into() },
            CoSigner { name: "王秀兰".into(), member_id: "qy-2026-017".into() },
            CoSigner { name: "李明".into(), member_id: " qy-2026-031 ".into() },
        ];
        assert_eq!(
            problems(&p),
            vec![
                (ProposalField::CoSignerMemberId(1), Problem::ProposerListed),
                (ProposalField::CoSignerMemberId(2), Problem::DuplicateMemberId),
            ]
        );
    }

    #[test]
    fn list_sizes_and_unit_names_are_limited() {
        let limits = ProposalLimits::default();
        let mut p = complete();
        p.co_signers = (0..21).map(|i| CoSigner { name: format!("委员{i}"), member_id: format!("QY-{i}") }).collect();
        p.lead_unit = "局".repeat(41);
        p.assisting_units = vec!["县财政局".into(), "".into(), "县".repeat(41), "a".into(), "b".into(), "c".into()];
        assert_eq!(
            problems(&p),
            vec![
                (ProposalField::CoSigners, Problem::TooMany { max: 20 }),
                (ProposalField::LeadUnit, Problem::TooLong { max: limits.unit_max }),
                (ProposalField::AssistingUnits, Problem::TooMany { max: 5 }),
                (ProposalField::AssistingUnit(1), Problem::Required),
                (ProposalField::AssistingUnit(2), Problem::TooLong { max: 40 }),
            ]
        );
    }

    #[test]
    fn lead_unit_is_optional() {
        let p = Proposal { lead_unit: String::new(), assisting_units: vec![], ..complete() };
        assert!(p.validate_for_submit(&ProposalLimits::default()).is_ok());
    }

    #[test]
    fn co_signer_list_helpers_never_panic() {
        let mut p = complete();
        p.co_signers.clear();
        assert!(!p.move_co_signer_up(0));
        assert!(!p.move_co_signer_down(0));
        assert!(!p.move_co_signer_down(usize::MAX));
        assert_eq!(p.remove_co_signer(0), None);

        let a = CoSigner { name: "甲".into(), member_id: "A".into() };
        let b = CoSigner { name: "乙".into(), member_id: "B".into() };
        let c = CoSigner { name: "丙".into(), member_id: "C".into() };
        assert_eq!(p.add_co_signer(a.clone()), 0);
        assert_eq!(p.add_co_signer(b.clone()), 1);
        assert_eq!(p.add_co_signer(c.clone()), 2);

        assert!(!p.move_co_signer_up(0));
        assert!(!p.move_co_signer_down(2));
        assert!(!p.move_co_signer_up(3));
        assert!(!p.move_co_signer_up(usize::MAX));
        assert_eq!(p.co_signers, vec![a.clone(), b.clone(), c.clone()]);

        assert!(p.move_co_signer_up(2));
        assert_eq!(p.co_signers, vec![a.clone(), c.clone(), b.clone()]);
        assert!(p.move_co_signer_down(0));
        assert_eq!(p.co_signers, vec![c.clone(), a.clone(), b.clone()]);

        assert_eq!(p.remove_co_signer(5), None);
        assert_eq!(p.remove_co_signer(1), Some(a));
        assert_eq!(p.co_signers, vec![c, b]);
    }

    #[test]
    fn rare_characters_round_trip_exactly_through_json() {
        let text = "𠀀𠀁𪚥 😀👨‍👩‍👧 \u{3000}「引号」\r\n1. 第一条\n\t2. 第二条 é";
        let mut p = complete();
        p.title = format!("关于{text}的建议");
        p.reasons = text.repeat(3);
        p.suggestions = text.into();
        p.co_signers[0].name = "𠀀明".into();
        let json = serde_json::to_string(&p).unwrap();
        let back: Proposal = serde_json::from_str(&json).unwrap();
        assert_eq!(back, p);
        assert_eq!(back.suggestions.as_bytes(), text.as_bytes());
        assert_eq!(char_len("𠀀😀"), 2);
    }

    #[test]
    fn stored_shape_has_the_indexed_fields_and_short_codes() {
        let v = serde_json::to_value(complete()).unwrap();
        assert_eq!(v["status"], "draft");
        assert_eq!(v["year"], 2026);
        assert_eq!(v["category"], "society");
        assert_eq!(v["updated_ms"], 1_767_225_600_000_i64);
        assert_eq!(v["rev"], 1);
        for c in Category::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
            assert_eq!(Category::from_code(c.as_str()), Some(c));
        }
        assert_eq!(Category::from_code("经济建设"), None);
    }

    #[test]
    fn a_minimal_old_record_still_loads() {
        let old = r#"{"id":"p1","rev":2,"status":"submitted","year":2025,
                      "created_ms":1,"updated_ms":2,"title":"关于……的建议","future_field":[1,2]}"#;
        let p: Proposal = serde_json::from_str(old).unwrap();
        assert_eq!((p.rev, p.status, p.year), (2, Status::Submitted, 2025));
        assert_eq!(p.category, None);
        assert!(p.co_signers.is_empty() && p.attachment_ids.is_empty());
        assert!(!p.key_proposal && !p.excellent);
        // Identity fields have no default: a record without them is refused, not blanked.
        assert!(serde_json::from_str::<Proposal>(r#"{"id":"p1","rev":1,"year":2025,"created_ms":1,"updated_ms":2}"#).is_err());
    }

    #[test]
    fn frozen_and_same_text() {
        let p = complete();
        let mut q = p.clone();
        q.status = Status::Filed;
        q.updated_ms += 1;
        q.filed_number = Some("〔2026〕第12号".into());
        assert!(q.is_text_frozen());
        assert!(p.same_text(&q), "status and outcomes are not text");
        q.suggestions.push('。');
        assert!(!p.same_text(&q));
        let mut r = p.clone();
        r.co_signers.reverse();
        r.co_signers.push(CoSigner::default());
        assert!(!p.same_text(&r));
    }

    #[test]
    fn search_terms_must_all_match_title_or_body() {
        let mut p = complete();
        p.reasons.push_str("城区 PM2.5 浓度偏高。");
        assert!(p.matches(""));
        assert!(p.matches("  \u{3000} "));
        assert!(p.matches("饮用水"));
        assert!(p.matches("饮用水 管网"), "terms may match different sections");
        assert!(p.matches("饮用水\u{3000}检测"), "ideographic space separates terms");
        assert!(p.matches("pm2.5"));
        assert!(p.matches("ＰＭ２.５"));
        assert!(!p.matches("饮用水 旅游"), "every term must match");
        assert!(!p.matches("乡村旅游"));
        // Terms do not match across the boundary between two sections.
        let q = Proposal { title: "水利".into(), reasons: "局长".into(), ..complete() };
        assert!(!q.matches("利局"));
        // Co-signers and units are not searched: the list searches what the proposal says.
        assert!(!p.matches("李明"));
    }

    #[test]
    fn attachment_limits_default_and_survive_partial_serde() {
        let l = ProposalLimits::default();
        assert_eq!((l.attachments_max, l.attachment_bytes_max), (5, 10 * 1024 * 1024));
        let partial: ProposalLimits = serde_json::from_str(r#"{"attachments_max":3}"#).unwrap();
        assert_eq!(partial, ProposalLimits { attachments_max: 3, ..ProposalLimits::default() });
    }

    #[test]
    fn attachment_check_accepts_images_and_pdf_within_limits() {
        let l = ProposalLimits::default();
        assert_eq!(check_attachment(&l, 0, "村口.jpg", "image/jpeg", 3_000_000), Ok("image/jpeg".into()));
        assert_eq!(check_attachment(&l, 4, "调研报告.PDF", "application/pdf", 10 * 1024 * 1024), Ok("application/pdf".into()));
        assert_eq!(check_attachment(&l, 0, "x.png", "IMAGE/PNG", 1), Ok("image/png".into()));
        // No type from the phone: the extension decides.
        assert_eq!(check_attachment(&l, 0, "IMG_0001.HEIC", "", 2_000_000), Ok("image/heic".into()));
        assert_eq!(check_attachment(&l, 0, "扫描件.pdf", "application/octet-stream", 9), Ok("application/pdf".into()));
    }

    #[test]
    fn attachment_check_refuses_with_a_typed_problem() {
        let l = ProposalLimits::default();
        let max_bytes = l.attachment_bytes_max;
        assert_eq!(check_attachment(&l, 5, "a.jpg", "image/jpeg", 10), Err(AttachmentProblem::TooMany { max: 5 }));
        assert_eq!(check_attachment(&l, 0, "a.jpg", "image/jpeg", max_bytes + 1), Err(AttachmentProblem::TooBig { max_bytes }));
        assert_eq!(check_attachment(&l, 0, "a.jpg", "image/jpeg", 0), Err(AttachmentProblem::Empty));
        for (name, ty) in [("会议纪要.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            ("logo.svg", "image/svg+xml"), ("logo.svg", ""), ("page.html", "text/html"), ("fake.jpg", "text/html"), ("noext", "")] {
            assert_eq!(check_attachment(&l, 0, name, ty, 10), Err(AttachmentProblem::WrongType), "{name} {ty}");
        }
        // Count is reported first: a full list refuses even a bad file for that reason.
        assert_eq!(check_attachment(&l, 5, "a.exe", "", 0), Err(AttachmentProblem::TooMany { max: 5 }));
    }
}
