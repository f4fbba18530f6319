//! The form that records one step of a proposal's progress (立案, 不予立案, 并案, 交办,
//! 三沟通, 答复, 满意度测评, 重点/优秀), shared by the member's timeline (progress recorded
//! by hand) and the staff review page. What happens to the step is the caller's
//! [`Commit`]; the form only builds and checks the event.
//!
//! The form is one static view: every input exists once and is shown or hidden by the
//! chosen step, so the code that renders it is compiled once (wasm size) and nothing is
//! ever written into an input.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::lifecycle::{AnswerClass, ContactStage, EventKind, EventProblem, EventType, NotFiledOutcome, Satisfaction};
use crate::domain::proposal::ProposalLimits;
use crate::domain::text::parse_iso_date;
use crate::i18n::Texts;
use crate::ui::service::{now_ms, today_iso, AppCtx};

/// The future a [`Commit`] returns: `Err` carries the sentence the form shows.
pub type CommitFuture = Pin<Box<dyn Future<Output = Result<(), String>>>>;

/// What the form hands a checked step to: the event and when it happened (ms).
pub type Commit = Rc<dyn Fn(EventKind, i64) -> CommitFuture>;

/// `choices` must not be empty. `filing_number` (staff): the 立案编号 the store will give,
/// shown instead of a number input and put into the event; the store takes the number
/// again when it records. `always_open`: shown without the "记录进展" button first.
#[component]
pub fn RecordForm(
    choices: Vec<EventType>,
    commit: Commit,
    #[prop(optional)] filing_number: Option<Signal<Option<String>>>,
    #[prop(optional)] always_open: bool,
) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = move || ctx.t();
    let commit = StoredValue::new_local(commit);
    let open = RwSignal::new(always_open);
    let busy = RwSignal::new(false);
    let kind = RwSignal::new(choices.first().copied().unwrap_or(EventType::Flagged));
    let problems = RwSignal::new(Vec::<EventProblem>::new());
    let error = RwSignal::new(None::<String>);
    let given_number = move || filing_number.and_then(|n| n.get());

    let date = NodeRef::<html::Input>::new();
    let text1 = NodeRef::<html::Input>::new();
    let text2 = NodeRef::<html::Input>::new();
    let note = NodeRef::<html::Textarea>::new();
    let option = NodeRef::<html::Select>::new();
    let flag_key = NodeRef::<html::Input>::new();
    let flag_excellent = NodeRef::<html::Input>::new();

    // Which inputs a step uses, and what they are called for it.
    let number_given = move || filing_number.is_some() && kind.get() == EventType::Filed;
    let shows = move |part: Part| uses(kind.get(), part) && !(part == Part::Text1 && number_given());
    let label = move |part: Part| part_label(t(), kind.get(), part);
    let options = move || option_labels(t(), kind.get());

    let save = move |_| {
        if busy.get_untracked() {
            return;
        }
        let value = |r: NodeRef<html::Input>| r.get_untracked().map(|e| e.value()).unwrap_or_default();
        let note_text = note.get_untracked().map(|e| e.value()).unwrap_or_default();
        let choice: usize = option.get_untracked().and_then(|s| s.value().parse().ok()).unwrap_or(0);
        let checked = |r: NodeRef<html::Input>| r.get_untracked().is_some_and(|e| e.checked());
        let day = value(date);
        let step = kind.get_untracked();
        let typed = match filing_number {
            Some(n) if step == EventType::Filed => n.get_untracked().unwrap_or_default(),
            _ => value(text1),
        };
        let event_kind = build(step, &day, typed, value(text2), note_text, choice, checked(flag_key), checked(flag_excellent));
        let Some(at_ms) = at_ms_of(&day) else {
            error.set(Some(t().err_bad_date.to_string()));
            return;
        };
        if let Err(found) = event_kind.validate(&ProposalLimits::default()) {
            problems.set(found);
            return;
        }
        problems.set(Vec::new());
        error.set(None);
        busy.set(true);
        let done = commit.with_value(|c| c(event_kind, at_ms));
        spawn_local(async move {
            let result = done.await;
            // The caller may have remounted the page meanwhile: the signals may be gone.
            busy.try_set(false);
            match result {
                Ok(()) => {
                    open.try_set(always_open);
                }
                Err(why) => {
                    error.try_set(Some(why));
                }
            }
        });
    };

    let problem_text = move || {
        problems.with(|ps| ps.iter().map(|p| t().event_problem(*p)).collect::<Vec<_>>().join("；"))
    };

    view! {
        <Show when=move || !open.get()>
            <button type="button" class="button" on:click=move |_| open.set(true)>{ctx.text(|t| t.record_event)}</button>
        </Show>
        <div class="record-form form" hidden=move || !open.get()>
            <div class="field">
                <label for="ev-kind">{ctx.text(|t| t.event_kind)}</label>
                <select id="ev-kind" on:change=move |ev| {
                    let code = event_target_value(&ev);
                    if let Some(k) = EventType::ALL.into_iter().find(|e| e.as_str() == code) {
                        kind.set(k);
                        problems.set(Vec::new());
                        error.set(None);
                        // The inputs are shared between steps: start the new step empty.
                        for r in [text1, text2] {
                            if let Some(el) = r.get_untracked() { el.set_value(""); }
                        }
                        if let Some(el) = note.get_untracked() { el.set_value(""); }
                    }
                }>
                    {choices.iter().map(|c| {
                        let c = *c;
                        view! { <option value=c.as_str()>{move || t().event_type(c)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="ev-date">{ctx.text(|t| t.event_at)}</label>
                <input id="ev-date" node_ref=date type="date" value=today_iso() />
            </div>
            <div class="field" hidden=move || !number_given()>
                <span class="field-label">{ctx.text(|t| t.event_number)}</span>
                <p class="filing-number">{move || given_number().map(|n| (t().staff_filing_will_get)(&n))}</p>
            </div>
            <div class="field" hidden=move || !shows(Part::Text1)>
                <label for="ev-text1">{move || label(Part::Text1)}</label>
                <input id="ev-text1" node_ref=text1 type="text" />
            </div>
            <div class="field" hidden=move || !shows(Part::Text2)>
                <label for="ev-text2">{move || label(Part::Text2)}</label>
                <input id="ev-text2" node_ref=text2 type="text" />
            </div>
            <div class="field" hidden=move || !shows(Part::Option)>
                <label for="ev-option">{move || label(Part::Option)}</label>
                <select id="ev-option" node_ref=option>
                    {move || options().into_iter().enumerate().map(|(i, l)| view! { <option value=i.to_string()>{l}</option> }).collect_view()}
                </select>
            </div>
            <div class="field" hidden=move || !shows(Part::Note)>
                <label for="ev-note">{move || label(Part::Note)}</label>
                <textarea id="ev-note" node_ref=note rows="4"></textarea>
            </div>
            <div class="field check" hidden=move || !shows(Part::Flags)>
                <input id="ev-key" node_ref=flag_key type="checkbox" />
                <label for="ev-key">{ctx.text(|t| t.flag_key)}</label>
            </div>
            <div class="field check" hidden=move || !shows(Part::Flags)>
                <input id="ev-excellent" node_ref=flag_excellent type="checkbox" />
                <label for="ev-excellent">{ctx.text(|t| t.flag_excellent)}</label>
            </div>
            <p class="error" role="alert">{problem_text}</p>
            <p class="save-error" role="alert">{move || error.get()}</p>
            <div class="form-actions">
                {(!always_open).then(|| view! {
                    <button type="button" class="button" on:click=move |_| open.set(false)>{ctx.text(|t| t.cancel)}</button>
                })}
                <button type="button" class="button primary" on:click=save disabled=move || busy.get()>{ctx.text(|t| t.save)}</button>
            </div>
        </div>
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Part {
    Text1,
    Text2,
    Option,
    Note,
    Flags,
}

fn uses(kind: EventType, part: Part) -> bool {
    use EventType as E;
    match part {
        Part::Text1 => matches!(kind, E::Filed | E::Merged | E::Assigned),
        Part::Text2 => kind == E::Assigned,
        Part::Option => matches!(kind, E::NotFiled | E::Contact | E::Answered | E::Evaluated),
        Part::Note => matches!(kind, E::NotFiled | E::Contact | E::Answered),
        Part::Flags => kind == E::Flagged,
    }
}

fn part_label(t: &'static Texts, kind: EventType, part: Part) -> &'static str {
    use EventType as E;
    match (kind, part) {
        (E::Filed, _) => t.event_number,
        (E::Merged, _) => t.event_merged_with,
        (E::Assigned, Part::Text1) => t.event_lead_units,
        (E::Assigned, _) => t.event_assisting_units,
        (E::NotFiled, Part::Option) => t.event_turned_into,
        (E::NotFiled, _) => t.event_reason,
        (E::Contact, Part::Option) => t.event_stage,
        (E::Contact, _) => t.event_note,
        (E::Answered, Part::Option) => t.event_class,
        (E::Answered, _) => t.event_summary,
        (E::Evaluated, _) => t.event_satisfaction,
        _ => "",
    }
}

fn option_labels(t: &'static Texts, kind: EventType) -> Vec<&'static str> {
    match kind {
        EventType::NotFiled => {
            std::iter::once(t.option_none).chain(NotFiledOutcome::ALL.map(|o| t.not_filed_outcome(o))).collect()
        }
        EventType::Contact => ContactStage::ALL.map(|s| t.contact_stage(s)).to_vec(),
        EventType::Answered => AnswerClass::ALL.map(|c| t.answer_class(c)).to_vec(),
        EventType::Evaluated => Satisfaction::ALL.map(|s| t.satisfaction(s)).to_vec(),
        _ => Vec::new(),
    }
}

/// The event as typed into the form's shared inputs.
#[allow(clippy::too_many_arguments)]
fn build(kind: EventType, day: &str, text1: String, text2: String, note: String, choice: usize, key: bool, excellent: bool) -> EventKind {
    let units = |s: &str| {
        s.split(['、', ',', '，', ';', '；'])
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty())
            .collect::<Vec<_>>()
    };
    match kind {
        EventType::Filed => EventKind::Filed { number: text1.trim().to_string() },
        EventType::NotFiled => EventKind::NotFiled {
            reason: note,
            turned_into: choice.checked_sub(1).and_then(|i| NotFiledOutcome::ALL.get(i).copied()),
        },
        EventType::Merged => EventKind::Merged { with: text1 },
        EventType::Assigned => EventKind::Assigned { lead: units(&text1), assisting: units(&text2) },
        EventType::Contact => EventKind::Contact { stage: ContactStage::ALL[choice.min(2)], note },
        EventType::Answered => EventKind::Answered { class: AnswerClass::ALL[choice.min(2)], date: day.to_string(), summary: note },
        EventType::Evaluated => EventKind::Evaluated { satisfaction: Satisfaction::ALL[choice.min(2)] },
        EventType::Flagged => EventKind::Flagged { key, excellent },
        // Not offered in this form (they have their own buttons).
        EventType::Submitted | EventType::Revised => EventKind::Flagged { key, excellent },
    }
}

/// "2026-03-14" → noon of that day, local time (today: now, so same-day events keep order).
fn at_ms_of(day: &str) -> Option<i64> {
    if day == today_iso() {
        return Some(now_ms());
    }
    let d = parse_iso_date(day)?;
    use chrono::Datelike;
    let js = js_sys::Date::new_with_year_month_day_hr_min(d.year() as u32, d.month0() as i32, d.day() as i32, 12, 0);
    Some(js.get_time() as i64)
}

/// "YYYY-MM-DD" of a time on the device's calendar.
pub fn date_of(ms: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!("{}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}

/// One line of what an event says (timelines and the staff history).
pub fn details(t: &'static Texts, kind: &EventKind) -> String {
    match kind {
        EventKind::Submitted { rev } | EventKind::Revised { new_rev: rev } => format!("{} {rev}", t.rev_label),
        EventKind::Filed { number } => number.clone(),
        EventKind::NotFiled { reason, turned_into } => {
            let to = turned_into.map(|o| t.not_filed_outcome(o)).unwrap_or_default();
            [reason.as_str(), to].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join("；")
        }
        EventKind::Merged { with } => with.clone(),
        EventKind::Assigned { lead, assisting } => {
            let mut s = lead.join("、");
            if !assisting.is_empty() {
                s.push_str(" · ");
                s.push_str(&(t.labelled)(t.event_assisting_units, &assisting.join("、")));
            }
            s
        }
        EventKind::Contact { stage, note } => (t.labelled)(t.contact_stage(*stage), note),
        EventKind::Answered { class, date, summary } => format!("{}，{date}。{summary}", t.answer_class(*class)),
        EventKind::Evaluated { satisfaction } => t.satisfaction(*satisfaction).to_string(),
        EventKind::Flagged { key, excellent } => [(*key, t.flag_key), (*excellent, t.flag_excellent)]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, l)| *l)
            .collect::<Vec<_>>()
            .join("、"),
    }
}
