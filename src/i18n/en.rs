//! English
use super::Texts;

pub static TEXTS: Texts = Texts {
    lang_name: "English",
    app_name: "Lvzhi",
    loading: "Opening local data…",

    tab_proposals: "Proposals",
    tab_duty: "Duty",
    tab_handoff: "Hand-off",
    tab_me: "Me",
    nav_label: "Main navigation",

    proposals_empty_title: "No proposals yet",
    proposals_empty_body: "Draft proposals here, even offline; every keystroke is kept on this device. Drafting is coming soon.",
    duty_empty_title: "No duty records yet",
    duty_empty_body: "Meetings, research visits and village visits are logged here and become your yearly duty report. Logging is coming soon.",
    handoff_empty_title: "Hand-off",
    handoff_empty_body: "At sessions, export your proposals and duty records as a signed file for the committee staff, and read their receipts. Export is coming soon.",

    not_found_title: "Page not found",
    not_found_body: "The link may be wrong, or the page has moved.",
    not_found_home: "Back to proposals",

    setup_title: "Welcome to Lvzhi",
    setup_intro: "First, tell us who you are. This stays on this device and is attached to what you hand in.",
    profile_edit_title: "Edit member details",
    field_name: "Name",
    field_member_id: "Member ID",
    field_member_id_hint: "Letters, digits or dashes, e.g. QY-2026-017",
    field_committee: "Committee",
    field_committee_hint: "e.g. Qingyang County CPPCC",
    field_sector: "Sector",
    field_sector_choose: "Choose a sector",
    field_sector_other: "Sector name",
    field_sector_other_option: "Other",
    field_standing: "I am a standing committee member",
    field_standing_hint: "Standing members give a yearly duty report",
    field_phone: "Phone",
    required_mark: "required",
    save: "Save",
    saving: "Saving…",
    cancel: "Cancel",
    saved: "Saved",
    form_has_errors: |n| {
        if n == 1 {
            "1 field needs attention.".to_string()
        } else {
            format!("{n} fields need attention.")
        }
    },
    err_required: |label| format!("Please enter {label}"),
    err_too_long: |label, max| format!("{label} must be at most {max} characters"),
    err_bad_member_id: "Member ID may only contain letters, digits and dashes",
    err_bad_phone: "Enter an 11-digit mobile number or a landline with area code",
    err_save_failed: |why| format!("Could not save: {why}. Your entries are still in the form; please try again."),

    me_title: "Me",
    me_profile: "Member details",
    me_edit_profile: "Edit",
    me_standing_yes: "Standing committee member",
    me_standing_no: "Member",
    me_language: "Language / 语言",
    me_about: "About",
    me_version: |v| format!("Lvzhi {v} · data stays on this device"),

    store_error_title: "Cannot open local data",
    store_unavailable: "This browser cannot store data here. Private browsing may be on, or site storage is blocked. Open the page in a normal window or in the phone's own browser.",
    store_blocked: "An older version of Lvzhi is open in another tab. Close the other tabs, then tap Retry.",
    store_quota: "The device is out of storage space. Free some space, then try again.",
    store_version_too_new: "Local data was written by a newer version of Lvzhi than the one open here. Reload the page to get the new version; nothing was changed.",
    store_closed: "The connection to local data was closed (Lvzhi may have been updated in another tab). Reload the page.",
    store_failed: "Something went wrong reading local data. Nothing was changed.",
    store_error_detail: "Technical details",
    retry: "Retry",

    // ── Proposals (issue 3)
    category_economy: "Economy",
    category_politics: "Politics",
    category_culture: "Culture",
    category_society: "Society",
    category_ecology: "Ecology",
    category_other: "Other",

    status_draft: "Draft",
    status_submitted: "Submitted",
    status_filed: "Filed",
    status_not_filed: "Not filed",
    status_merged: "Merged",
    status_assigned: "Assigned",
    status_answered: "Answered",
    status_evaluated: "Rated",

    event_submitted: "Submitted",
    event_revised: "Revised (new version)",
    event_filed: "Filed",
    event_not_filed: "Not filed",
    event_merged: "Merged",
    event_assigned: "Assigned",
    event_contact: "Contact",
    event_answered: "Answered",
    event_evaluated: "Satisfaction rated",
    event_flagged: "Key / excellent flags",

    actor_member: "Member",
    actor_staff: "Committee staff",
    not_filed_sentiment: "Turned into a public-sentiment report",
    not_filed_letter: "Turned into a member's letter",
    contact_before: "Before handling",
    contact_during: "During handling",
    contact_after: "After handling",
    answer_a: "A (solved or mostly solved)",
    answer_b: "B (being solved)",
    answer_c: "C (planned or explained)",
    satisfaction_satisfied: "Satisfied",
    satisfaction_basic: "Basically satisfied",
    satisfaction_unsatisfied: "Unsatisfied",
    flag_key: "Key proposal",
    flag_excellent: "Excellent proposal",

    proposal_title: "Title",
    proposal_category: "Category",
    proposal_co_signers: "Co-signers",
    proposal_reasons: "Reasons",
    proposal_suggestions: "Suggestions",
    proposal_body: "Reasons and suggestions",
    proposal_lead_unit: "Suggested lead unit",
    proposal_assisting_units: "Suggested assisting unit",
    co_signer_row: |n, cell| format!("{cell} of co-signer {n}"),
    unit_row: |n, list| format!("{list} {n}"),

    event_number: "Filing number",
    event_reason: "Reason",
    event_merged_with: "Merged with",
    event_lead_units: "Lead unit",
    event_assisting_units: "Assisting unit",
    event_note: "Notes",
    event_date: "Reply date",
    event_summary: "Reply summary",

    clue_text: "Note",
    clue_place: "Place",
    clue_date: "Date",

    counter_fits: |used, max| format!("{used} / {max}"),
    counter_over: |used, max| format!("{used} / {max}, {} over", used.saturating_sub(max)),

    err_choose: |label| format!("Please choose {label}"),
    err_too_many: |label, max| format!("At most {max} entries for {label}"),
    err_bad_date: "Enter the date as year-month-day, e.g. 2026-03-14",
    err_duplicate_member_id: "This member is already listed (same member ID)",
    err_proposer_listed: "The proposer need not be listed as a co-signer",

    err_not_allowed: |event, status| format!("“{event}” cannot be recorded while the proposal is “{status}”."),
    err_stale_revision: "This proposal was changed elsewhere. Go back to the list, open it again and retry.",
    err_submit_incomplete: |n| {
        if n == 1 {
            "1 field needs attention before submitting.".to_string()
        } else {
            format!("{n} fields need attention before submitting.")
        }
    },
    err_wrong_proposal: "This entry belongs to another proposal and was not saved.",
};
