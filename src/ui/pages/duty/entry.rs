//! One duty-log entry, fast on a phone: the kind (last one used preselected), today's
//! date, a place from the member's list, and 完成. Everything else is optional.
//!
//! `/duty/log/:id` opens a stored entry, or a fresh one under that id (the 记一笔 button
//! makes the id). A fresh entry is stored by autosave on the first change, so opening the
//! form and leaving stores nothing, while a single changed field is never lost. Inputs are
//! uncontrolled and read through `NodeRef`s (IME-safe), as in the proposal editor.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use send_wrapper::SendWrapper;

use crate::domain::duty::{format_hours, parse_count, parse_hours, Attendance, DutyField, DutyKind, DutyLimits, DutyLog, DutyProblem};
use crate::store::StoreError;
use crate::ui::autosave::{flush_on_leave, open_record, Autosave, SaveFuture, SaveState};
use crate::ui::components::page_header::PageHeader;
use crate::ui::journal;
use crate::ui::service::{now_ms, store_error_text, this_year, today_iso, AppCtx};

use super::kinds::KindOptions;
use super::photos::{Photos, ReadEntry};

/// Where the last kind used is remembered (a preference, not data).
const LAST_KIND_KEY: &str = "lvzhi.duty.last_kind";

#[component]
pub fn DutyEntryPage() -> impl IntoView {
    let params = use_params_map();
    move || params.with(|p| p.get("id")).map(|id| view! { <EntryLoader id /> })
}

#[derive(Clone)]
enum Loaded {
    Loading,
    Failed(StoreError),
    Ready { log: DutyLog, stored: bool, recovered: bool },
}

#[component]
fn EntryLoader(id: String) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let state = RwSignal::new(Loaded::Loading);
    spawn_local(async move {
        state.try_set(match load_with_journal(ctx, &id).await {
            Ok((log, stored, recovered)) => Loaded::Ready { log, stored, recovered },
            Err(e) => Loaded::Failed(e),
        });
    });
    move || match state.get() {
        Loaded::Loading => view! { <p class="boot">{ctx.text(|t| t.list_loading)}</p> }.into_any(),
        Loaded::Failed(e) => view! {
            <PageHeader title=ctx.text(|t| t.duty_entry_title) />
            <p class="save-error" role="alert">{move || store_error_text(ctx.t(), &e)}</p>
            <A href="/duty" attr:class="button">{ctx.text(|t| t.duty_back)}</A>
        }
        .into_any(),
        Loaded::Ready { log, stored, recovered } => view! { <EntryForm initial=log stored recovered /> }.into_any(),
    }
}

/// The stored entry, or a newer journal of it, or a fresh entry of the last kind used.
async fn load_with_journal(ctx: AppCtx, id: &str) -> Result<(DutyLog, bool, bool), StoreError> {
    let store = ctx.duty()?;
    let stored = store.get(id).await?;
    let newer = |j: &DutyLog, s: &DutyLog| j.id == s.id && j.updated_ms > s.updated_ms && !same_entry(j, s);
    match open_record(id, stored, newer, true, async |log: &DutyLog| store.save(log).await).await? {
        Some((log, recovered)) => Ok((log, true, recovered)),
        None => {
            let kind = last_kind().unwrap_or(DutyKind::ContactSector);
            Ok((DutyLog::new(id.to_string(), kind, today_iso(), this_year(), now_ms()), false, false))
        }
    }
}

/// Two records hold the same entry (times and photos aside: photos are stored apart).
fn same_entry(a: &DutyLog, b: &DutyLog) -> bool {
    let mut b = b.clone();
    b.created_ms = a.created_ms;
    b.updated_ms = a.updated_ms;
    b.photo_ids.clone_from(&a.photo_ids);
    *a == b
}

fn last_kind() -> Option<DutyKind> {
    let storage = window().local_storage().ok()??;
    DutyKind::from_code(&storage.get_item(LAST_KIND_KEY).ok()??)
}

fn remember_kind(kind: DutyKind) {
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = storage.set_item(LAST_KIND_KEY, kind.as_str());
    }
}

#[component]
fn EntryForm(initial: DutyLog, stored: bool, recovered: bool) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = move || ctx.t();
    let limits = DutyLimits::default();
    let navigate = use_navigate();

    let kind = NodeRef::<html::Select>::new();
    let date = NodeRef::<html::Input>::new();
    let attendance = NodeRef::<html::Select>::new();
    let place = NodeRef::<html::Input>::new();
    let title = NodeRef::<html::Input>::new();
    let notes = NodeRef::<html::Textarea>::new();
    let people = NodeRef::<html::Input>::new();
    let hours = NodeRef::<html::Input>::new();
    let proposal = NodeRef::<html::Select>::new();
    let report = NodeRef::<html::Select>::new();
    let clue = NodeRef::<html::Select>::new();

    let current_kind = RwSignal::new(initial.kind);
    let problems = RwSignal::new(Vec::<DutyProblem>::new());
    let number_error = RwSignal::new(Vec::<DutyField>::new());
    let action_error = RwSignal::new(None::<String>);
    let save_state = RwSignal::new(SaveState::opened(stored, recovered, initial.updated_ms));
    let places = RwSignal::new(Vec::<String>::new());
    let place_kept = RwSignal::new(false);
    // (id, title) of recent proposals, reports and clues, for the links. Until they are
    // loaded the stored links are kept as they are, so a save in between drops none.
    let proposals = RwSignal::new(None::<Vec<(String, String)>>);
    let reports = RwSignal::new(None::<Vec<(String, String)>>);
    let clues = RwSignal::new(None::<Vec<(String, String)>>);

    spawn_local(async move {
        if let Ok(store) = ctx.duty() {
            let mut list = store.saved_places().await.unwrap_or_default();
            for p in store.recent_places(20).await.unwrap_or_default() {
                if !list.contains(&p) {
                    list.push(p);
                }
            }
            places.try_set(list);
        }
        if let Ok(store) = ctx.proposals() {
            if let Ok(recent) = store.recent(50).await {
                proposals.try_set(Some(recent.titles));
            }
        }
        if let Ok(store) = ctx.sentiment() {
            if let Ok(page) = store.list(&Default::default(), None, 50).await {
                reports.try_set(Some(page.items.into_iter().map(|r| (r.id, r.title)).collect()));
            }
        }
        if let Ok(store) = ctx.clues() {
            if let Ok(page) = store.list(None, 50).await {
                clues.try_set(Some(page.items.into_iter().map(|c| (c.id, c.text.chars().take(40).collect())).collect()));
            }
        }
    });

    // Numbers the member typed that are not numbers are reported, not silently dropped.
    let read_number = move |r: NodeRef<html::Input>, field: DutyField, parse: fn(&str) -> Option<u32>| {
        let text = r.try_get_untracked()??.value();
        let value = parse(&text);
        let bad = value.is_none() && !text.trim().is_empty();
        number_error.try_update(|v| {
            v.retain(|f| *f != field);
            if bad {
                v.push(field);
            }
        });
        Some(value)
    };
    let base = std::rc::Rc::new(initial.clone());
    let read = move || {
        let mut log = (*base).clone();
        log.kind = DutyKind::from_code(&kind.try_get_untracked()??.value()).unwrap_or(log.kind);
        log.set_date(date.try_get_untracked()??.value());
        log.attendance = if log.kind.takes_attendance() {
            Attendance::from_code(&attendance.try_get_untracked()??.value()).unwrap_or_default()
        } else {
            Attendance::Present
        };
        log.place = place.try_get_untracked()??.value();
        log.title = title.try_get_untracked()??.value();
        log.notes = notes.try_get_untracked()??.value();
        log.people = read_number(people, DutyField::People, parse_count)?;
        log.hours_tenths = read_number(hours, DutyField::Hours, parse_hours)?;
        for (options, select, field) in [
            (proposals, proposal, &mut log.proposal_id),
            (reports, report, &mut log.report_id),
            (clues, clue, &mut log.clue_id),
        ] {
            if options.try_with_untracked(Option::is_some)? {
                let v = select.try_get_untracked()??.value();
                *field = (!v.is_empty()).then_some(v);
            }
        }
        log.updated_ms = now_ms();
        Some(log)
    };
    let read_now: ReadEntry = StoredValue::new(SendWrapper::new(Box::new(read.clone())));

    let autosave = Autosave::new(
        initial.id.clone(),
        initial.clone(),
        save_state,
        read,
        same_entry,
        move |log: DutyLog, _snapshot: bool| -> SaveFuture { Box::pin(async move { ctx.duty()?.save(&log).await }) },
    );
    let autosave = StoredValue::new_local(autosave);
    flush_on_leave(autosave);
    let touched = move || {
        autosave.try_with_value(Autosave::touched);
    };
    let flush = move || {
        autosave.try_with_value(Autosave::flush);
    };

    let error_for = move |field: DutyField| {
        move || {
            let mut msgs: Vec<String> =
                problems.with(|ps| ps.iter().filter(|p| p.field == field).map(|p| t().duty_problem(*p)).collect());
            if number_error.with(|v| v.contains(&field)) {
                msgs.push(t().duty_bad_number.to_string());
            }
            (!msgs.is_empty()).then(|| msgs.join("；"))
        }
    };

    let done = {
        let navigate = navigate.clone();
        move |_| {
            let Some(log) = read_now.with_value(|r| r()) else { return };
            let found = log.validate(&limits);
            if !found.is_empty() || number_error.with(|v| !v.is_empty()) {
                problems.set(found);
                return;
            }
            remember_kind(log.kind);
            let navigate = navigate.clone();
            spawn_local(async move {
                let saver = autosave.get_value();
                // A fresh entry nobody changed is stored too: 完成 means "record this".
                let result = async {
                    saver.finish().await?;
                    let store = ctx.duty()?;
                    if store.get(&log.id).await?.is_none() {
                        store.save(&log).await?;
                    }
                    Ok::<_, StoreError>(())
                }
                .await;
                match result {
                    Ok(()) => navigate("/duty", Default::default()),
                    Err(e) => action_error.set(Some((t().save_failed)(store_error_text(t(), &e)))),
                }
            });
        }
    };

    let id = StoredValue::new(initial.id.clone());
    let delete = move |_| {
        if !window().confirm_with_message(t().duty_delete_confirm).unwrap_or(false) {
            return;
        }
        let navigate = navigate.clone();
        spawn_local(async move {
            let saver = autosave.get_value();
            let _ = saver.finish().await;
            let result = async { ctx.duty()?.delete(&id.get_value()).await }.await;
            journal::clear(&id.get_value());
            match result {
                Ok(()) => navigate("/duty", Default::default()),
                Err(e) => action_error.set(Some((t().save_failed)(store_error_text(t(), &e)))),
            }
        });
    };

    let keep_place = move |_| {
        let Some(value) = place.get_untracked().map(|p| p.value().trim().to_string()) else { return };
        if value.is_empty() {
            return;
        }
        spawn_local(async move {
            let result = async { ctx.duty()?.add_place(&value).await }.await;
            match result {
                Ok(saved) => {
                    place_kept.try_set(true);
                    places.try_update(|v| {
                        v.retain(|p| !saved.contains(p));
                        v.splice(0..0, saved);
                    });
                }
                Err(e) => {
                    action_error.try_set(Some((t().save_failed)(store_error_text(t(), &e))));
                }
            }
        });
    };

    let status_line = move || save_state.with(|s| s.text(t()));
    let status_failed = move || matches!(save_state.get(), SaveState::Failed(_));
    let log = initial;
    let attendance_now = log.attendance;

    view! {
        <PageHeader title=ctx.text(|t| t.duty_entry_title)>
            <span class="save-status" class:failed=status_failed role="status" aria-live="polite">{status_line}</span>
        </PageHeader>
        <form class="form duty-form" novalidate
            on:input=move |_| touched()
            on:change=move |_| touched()
            on:focusout=move |_| flush()
            on:submit=move |ev: leptos::ev::SubmitEvent| ev.prevent_default()>
            <div class="field-pair">
                <div class="field">
                    <label for="d-kind">{ctx.text(|t| t.duty_kind)}</label>
                    <select id="d-kind" node_ref=kind
                        on:change=move |ev| if let Some(k) = DutyKind::from_code(&event_target_value(&ev)) { current_kind.set(k) }>
                        <KindOptions selected=Some(log.kind) />
                    </select>
                </div>
                <div class="field" class:has-error=move || error_for(DutyField::Date)().is_some()>
                    <label for="d-date">{ctx.text(|t| t.duty_date)}</label>
                    <input id="d-date" node_ref=date type="date" value=log.date.clone() required aria-describedby="d-date-error" />
                    <p class="error" id="d-date-error">{error_for(DutyField::Date)}</p>
                </div>
            </div>
            <div class="field" hidden=move || !current_kind.get().takes_attendance()>
                <label for="d-attendance">{ctx.text(|t| t.duty_attendance)}</label>
                <select id="d-attendance" node_ref=attendance>
                    {Attendance::ALL.into_iter().map(|a| view! {
                        <option value=a.as_str() selected=a == attendance_now>{move || t().attendance(a)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field" class:has-error=move || error_for(DutyField::Place)().is_some()>
                <label for="d-place">{ctx.text(|t| t.duty_place)}</label>
                <div class="input-with-action">
                    <input id="d-place" node_ref=place type="text" value=log.place.clone() list="d-places"
                        aria-describedby="d-place-hint d-place-error" on:input=move |_| place_kept.set(false) />
                    <button type="button" class="button small" on:click=keep_place>
                        {move || if place_kept.get() { t().duty_place_kept } else { t().duty_place_keep }}
                    </button>
                </div>
                <datalist id="d-places">
                    <For each=move || places.get() key=|p| p.clone() let:p>
                        <option value=p></option>
                    </For>
                </datalist>
                <p class="hint" id="d-place-hint">{ctx.text(|t| t.duty_place_hint)}</p>
                <p class="error" id="d-place-error">{error_for(DutyField::Place)}</p>
            </div>
            <div class="field" class:has-error=move || error_for(DutyField::Title)().is_some()>
                <label for="d-title">{ctx.text(|t| t.duty_title)}</label>
                <input id="d-title" node_ref=title type="text" value=log.title.clone()
                    placeholder=ctx.text(|t| t.duty_title_hint) aria-describedby="d-title-error" />
                <p class="error" id="d-title-error">{error_for(DutyField::Title)}</p>
            </div>
            <div class="field" class:has-error=move || error_for(DutyField::Notes)().is_some()>
                <label for="d-notes">{ctx.text(|t| t.duty_notes)}</label>
                <textarea id="d-notes" node_ref=notes rows="4" aria-describedby="d-notes-error">{log.notes.clone()}</textarea>
                <p class="error" id="d-notes-error">{error_for(DutyField::Notes)}</p>
            </div>
            <div class="field-pair">
                <div class="field" class:has-error=move || error_for(DutyField::People)().is_some()>
                    <label for="d-people">{ctx.text(|t| t.duty_people)}</label>
                    <input id="d-people" node_ref=people type="text" inputmode="numeric"
                        value=log.people.map(|n| n.to_string()).unwrap_or_default() aria-describedby="d-people-error" />
                    <p class="error" id="d-people-error">{error_for(DutyField::People)}</p>
                </div>
                <div class="field" class:has-error=move || error_for(DutyField::Hours)().is_some()>
                    <label for="d-hours">{ctx.text(|t| t.duty_hours)}</label>
                    <input id="d-hours" node_ref=hours type="text" inputmode="decimal"
                        value=log.hours_tenths.map(format_hours).unwrap_or_default() aria-describedby="d-hours-error" />
                    <p class="error" id="d-hours-error">{error_for(DutyField::Hours)}</p>
                </div>
            </div>
            <fieldset class="field links">
                <legend>{ctx.text(|t| t.duty_links)}</legend>
                <LinkSelect id="d-proposal" label=ctx.text(|t| t.duty_link_proposal) node=proposal options=proposals current=log.proposal_id.clone() />
                <LinkSelect id="d-report" label=ctx.text(|t| t.duty_link_report) node=report options=reports current=log.report_id.clone() />
                <LinkSelect id="d-clue" label=ctx.text(|t| t.duty_link_clue) node=clue options=clues current=log.clue_id.clone() />
            </fieldset>
            <Photos log_id=log.id.clone() initial=log.photo_ids.clone() current=read_now />
            <p class="save-error" role="alert">{move || action_error.get()}</p>
            <div class="form-actions">
                {stored.then(|| view! {
                    <button type="button" class="button danger-text" on:click=delete.clone()>{ctx.text(|t| t.duty_delete)}</button>
                })}
                <button type="button" class="button primary" on:click=done>{ctx.text(|t| t.duty_done)}</button>
            </div>
        </form>
    }
}

/// A choice of one record to link to; `options` are `(id, title)` pairs once loaded.
#[component]
fn LinkSelect(
    id: &'static str,
    label: Signal<&'static str>,
    node: NodeRef<html::Select>,
    options: RwSignal<Option<Vec<(String, String)>>>,
    current: Option<String>,
) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    view! {
        <div class="link-row">
            <label for=id>{label}</label>
            <select id=id node_ref=node>
                <option value="">{ctx.text(|t| t.duty_link_none)}</option>
                {move || options.get().unwrap_or_default().into_iter().map(|(value, title)| {
                    let selected = current.as_deref() == Some(value.as_str());
                    let title = if title.trim().is_empty() { ctx.t().untitled.to_string() } else { title };
                    view! { <option value=value selected=selected>{title}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
