//! 提案线索: a short note of something heard in a village that may later become a
//! proposal. Captured in two taps, so only the text is required; turning it into a
//! proposal draft carries the text over and links both ways.

use serde::{Deserialize, Serialize};

use super::member::MemberProfile;
use super::proposal::Proposal;
use super::text::{char_len, parse_iso_date, tidy, Problem};

/// One clue, as stored in the `clues` store (indexed by `updated_ms` and
/// `[year, updated_ms]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clue {
    pub id: String,
    /// What was heard or seen, in the member's words.
    #[serde(default)]
    pub text: String,
    /// Where, e.g. "桃源村委员议事室"; optional.
    #[serde(default)]
    pub place: String,
    /// When it was heard, "YYYY-MM-DD" (the capture form fills in today).
    #[serde(default)]
    pub date: String,
    /// The year lists file it under; passed in by the caller, like a proposal's.
    pub year: i32,
    /// A photo in the `attachments` store.
    #[serde(default)]
    pub photo_id: Option<String>,
    pub created_ms: i64,
    pub updated_ms: i64,
    /// The proposal drafted from this clue, once there is one.
    #[serde(default)]
    pub proposal_id: Option<String>,
}

/// Limits as data, like [`super::proposal::ProposalLimits`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClueLimits {
    /// A clue is a note, not a proposal; long enough for a villager's story.
    pub text_max: usize,
    pub place_max: usize,
    /// Longest side of the stored photo in px (shrunk like a duty photo before storing).
    pub photo_side_max: u32,
}

impl Default for ClueLimits {
    fn default() -> Self {
        ClueLimits { text_max: 1000, place_max: 50, photo_side_max: 1600 }
    }
}

/// The fields of the capture form, in form order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClueField {
    Text,
    Place,
    Date,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClueProblem {
    pub field: ClueField,
    pub problem: Problem,
}

impl Clue {
    pub fn new(id: String, text: String, place: String, date: String, year: i32, now_ms: i64) -> Self {
        Clue {
            id,
            text,
            place,
            date,
            year,
            photo_id: None,
            created_ms: now_ms,
            updated_ms: now_ms,
            proposal_id: None,
        }
    }

    /// Checks the capture form, all problems at once. Only the text is required: a clue
    /// noted in a hurry without a place is still worth keeping. The date may be empty,
    /// but a date that is there must be a real day.
    pub fn validate(&self, limits: &ClueLimits) -> Result<(), Vec<ClueProblem>> {
        let mut out = Vec::new();
        let mut push = |field, problem| out.push(ClueProblem { field, problem });

        let text = tidy(&self.text);
        if text.is_empty() {
            push(ClueField::Text, Problem::Required);
        } else if char_len(&text) > limits.text_max {
            push(ClueField::Text, Problem::TooLong { max: limits.text_max });
        }
        if char_len(&tidy(&self.place)) > limits.place_max {
            push(ClueField::Place, Problem::TooLong { max: limits.place_max });
        }
        let date = tidy(&self.date);
        if !date.is_empty() && parse_iso_date(&date).is_none() {
            push(ClueField::Date, Problem::BadDate);
        }

        if out.is_empty() {
            Ok(())
        } else {
            Err(out)
        }
    }

    /// A proposal draft grown from this clue: a fresh draft for the member, with the clue's
    /// text as the start of 提案理由 and its date and place noted after it, so the source
    /// is not lost while the member rewrites. The title stays empty: a 案由 is written,
    /// not cut from a note. Link the clue back with [`Clue::link_proposal`] in the same
    /// transaction that stores the draft.
    pub fn to_proposal_draft(&self, new_id: String, profile: &MemberProfile, now_ms: i64, year: i32) -> Proposal {
        let mut draft = Proposal::new_draft(new_id, profile, now_ms, year);
        let source: Vec<String> = [tidy(&self.date), tidy(&self.place)].into_iter().filter(|s| !s.is_empty()).collect();
        let text = tidy(&self.text);
        draft.reasons = if source.is_empty() {
            text
        } else {
            format!("{text}\n（{}）", source.join("，"))
        };
        draft.clue_id = Some(self.id.clone());
        draft
    }

    /// Records that a proposal was drafted from this clue, so the clue list can show it
    /// as used and open the proposal.
    pub fn link_proposal(&mut self, proposal_id: String, now_ms: i64) {
        self.proposal_id = Some(proposal_id);
        self.updated_ms = now_ms;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lifecycle::Status;

    fn clue() -> Clue {
        Clue::new(
            "c1".into(),
            "村民反映：枯水期山泉水断流，一组、二组三十多户吃水要到两公里外挑。".into(),
            "桃源村委员议事室".into(),
            "2026-03-14".into(),
            2026,
            1_000,
        )
    }

    fn profile() -> MemberProfile {
        crate::domain::member::sample_profile()
    }

    fn problems(c: &Clue) -> Vec<(ClueField, Problem)> {
        c.validate(&ClueLimits::default()).unwrap_err().into_iter().map(|e| (e.field, e.problem)).collect()
    }

    #[test]
    fn new_clue_is_valid_and_unlinked() {
        let c = clue();
        assert_eq!(c.validate(&ClueLimits::default()), Ok(()));
        assert_eq!((c.created_ms, c.updated_ms, c.year), (1_000, 1_000, 2026));
        assert_eq!((c.photo_id.as_deref(), c.proposal_id.as_deref()), (None, None));
    }

    #[test]
    fn only_text_is_required() {
        let c = Clue { place: String::new(), date: String::new(), ..clue() };
        assert!(c.validate(&ClueLimits::default()).is_ok());
        let c = Clue { text: "\u{3000}\n".into(), ..clue() };
        assert_eq!(problems(&c), vec![(ClueField::Text, Problem::Required)]);
    }

    #[test]
    fn limits_and_dates_are_checked_in_form_order() {
        let c = Clue { text: "𠀀".repeat(1001), place: "村".repeat(51), date: "2026-3-14".into(), ..clue() };
        assert_eq!(
            problems(&c),
            vec![
                (ClueField::Text, Problem::TooLong { max: 1000 }),
                (ClueField::Place, Problem::TooLong { max: 50 }),
                (ClueField::Date, Problem::BadDate),
            ]
        );
        let c = Clue { text: "𠀀".repeat(1000), ..clue() };
        assert!(c.validate(&ClueLimits::default()).is_ok(), "1,000 characters of Extension B fit");
        let tight = ClueLimits { text_max: 10, ..ClueLimits::default() };
        assert!(clue().validate(&tight).is_err());
    }

    #[test]
    fn a_clue_becomes_a_linked_draft() {
        let c = clue();
        let p = c.to_proposal_draft("p7".into(), &profile(), 5_000, 2026);
        assert_eq!((p.id.as_str(), p.status, p.rev, p.year), ("p7", Status::Draft, 1, 2026));
        assert_eq!((p.created_ms, p.updated_ms), (5_000, 5_000));
        assert_eq!(p.clue_id.as_deref(), Some("c1"));
        assert_eq!(p.proposer.name, "王秀兰");
        assert_eq!(
            p.reasons,
            "村民反映：枯水期山泉水断流，一组、二组三十多户吃水要到两公里外挑。\n（2026-03-14，桃源村委员议事室）"
        );
        assert!(p.title.is_empty());
        assert_eq!(p.category, None);

        let mut c = c;
        c.link_proposal(p.id.clone(), 5_000);
        assert_eq!((c.proposal_id.as_deref(), c.updated_ms), (Some("p7"), 5_000));
    }

    #[test]
    fn the_source_line_leaves_out_what_is_missing() {
        let c = Clue { place: " ".into(), text: "  路灯坏了😀𠀀 ".into(), ..clue() };
        let p = c.to_proposal_draft("p8".into(), &profile(), 0, 2026);
        assert_eq!(p.reasons, "路灯坏了😀𠀀\n（2026-03-14）");
        let c = Clue { place: String::new(), date: String::new(), ..c };
        assert_eq!(c.to_proposal_draft("p9".into(), &profile(), 0, 2026).reasons, "路灯坏了😀𠀀");
    }

    #[test]
    fn stored_shape_round_trips() {
        let mut c = clue();
        c.photo_id = Some("att-1".into());
        c.text.push_str("𠀀😀");
        let v = serde_json::to_value(&c).unwrap();
        for key in ["id", "text", "place", "date", "year", "photo_id", "created_ms", "updated_ms", "proposal_id"] {
            assert!(v.get(key).is_some(), "{key}");
        }
        let back: Clue = serde_json::from_value(v).unwrap();
        assert_eq!(back, c);
        let old: Clue = serde_json::from_str(r#"{"id":"c0","year":2025,"created_ms":1,"updated_ms":1,"text":"修桥"}"#).unwrap();
        assert_eq!((old.text.as_str(), old.photo_id, old.proposal_id), ("修桥", None, None));
    }
}
