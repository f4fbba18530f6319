//! 提案办理: one proposal as the member handed it in, its timeline (the member's events
//! and staff's), the staff history (who, when, what) and the action form, which offers
//! only what `staff::review::offered` allows in the current status. Each action is one
//! transaction in the store (`StaffStore::review_proposal`); the page then reloads from
//! storage, so it always shows what is stored.

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

use super::service::StaffCtx;
use crate::domain::lifecycle::{timeline_order, ProposalEvent};
use crate::domain::proposal::{Proposal, ProposalLimits};
use crate::domain::text::{char_len, tidy};
use crate::i18n::{file_size, Texts};
use crate::staff::review::{offered, StaffAction, Stamp};
use crate::store::settings::STAFF_NAME;
use crate::store::staff::StaffFileInfo;
use crate::store::{StaffItem, StoreError};
use crate::ui::components::record_form::{date_of, details, Commit, RecordForm};
use crate::ui::files::download_blob;
use crate::ui::service::{new_id, now_ms, store_error_text, AppCtx};

/// Longest 经办人 name accepted (a name with a department fits).
const OFFICER_MAX: usize = 20;

/// The link to a proposal's page from the inbox (the key holds `|`).
pub fn href(key: &str) -> String {
    format!("/staff/proposals/{}", String::from(js_sys::encode_uri_component(key)))
}

#[component]
pub fn ProposalReviewPage() -> impl IntoView {
    let params = use_params_map();
    move || {
        params.with(|p| p.get("key")).map(|raw| {
            // The router decodes with decodeURI, which leaves reserved characters encoded.
            let key = js_sys::decode_uri_component(&raw).map(String::from).unwrap_or(raw);
            view! { <ReviewLoader key /> }
        })
    }
}

/// Everything the page shows, read after each action.
#[derive(Clone)]
struct Loaded {
    item: StaffItem,
    p: Proposal,
    /// Newest first.
    actions: Vec<StaffAction>,
    /// The member's events and staff's, oldest first.
    timeline: Vec<ProposalEvent>,
    files: Vec<StaffFileInfo>,
    /// The number the next 立案 of the proposal's year would get.
    next_number: Option<String>,
}

async fn load(staff: StaffCtx, key: &str) -> Result<Option<Loaded>, StoreError> {
    let store = staff.staff()?;
    let Some(item) = store.proposal(key).await? else { return Ok(None) };
    let p: Proposal = serde_json::from_value(item.data.clone())
        .map_err(|e| StoreError::Decode { store: "staff_items".into(), detail: e.to_string() })?;
    // Proposal ids are unique per member only.
    let actions: Vec<StaffAction> =
        store.actions_for(&p.id).await?.into_iter().filter(|a| a.member_id == item.member_id).collect();
    let mut timeline = store.member_events(&item.member_id, &p.id).await?;
    // A staff event the member handed back after a receipt is the same event: once.
    for a in &actions {
        if !timeline.iter().any(|e| e.id == a.event.id) {
            timeline.push(a.event.clone());
        }
    }
    timeline_order(&mut timeline);
    let files = store.files_of(&item.member_id, &p.id).await?;
    let next_number = store.peek_filing_number(p.year).await.ok();
    Ok(Some(Loaded { item, p, actions, timeline, files, next_number }))
}

#[component]
fn ReviewLoader(key: String) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let staff = StaffCtx::use_ctx();
    let t = move || ctx.t();
    let key = StoredValue::new(key);
    let state = RwSignal::new(None::<Result<Option<Loaded>, StoreError>>);
    // None while reading; Some(None) when no name is stored yet.
    let officer = RwSignal::new(None::<Option<String>>);
    let notice = RwSignal::new(None::<String>);
    let reload = move || {
        let k = key.get_value();
        spawn_local(async move {
            let loaded = load(staff, &k).await;
            state.try_set(Some(loaded));
        });
    };
    reload();
    spawn_local(async move {
        let name = match staff.settings() {
            Ok(s) => s.get(STAFF_NAME).await.ok().flatten(),
            Err(_) => None,
        };
        officer.try_set(Some(name.filter(|n| !n.trim().is_empty())));
    });

    let commit: Commit = Rc::new(move |kind, at_ms| {
        let k = key.get_value();
        Box::pin(async move {
            let t = ctx.t();
            let Some(Some(name)) = officer.get_untracked() else { return Err(t.staff_officer_needed.to_string()) };
            let stamp = Stamp { id: new_id(), happened_ms: at_ms, now_ms: now_ms(), staff_name: name };
            let recorded = match staff.staff() {
                Ok(store) => store.review_proposal(&k, kind, &stamp, &ProposalLimits::default()).await,
                Err(e) => Err(e),
            };
            match recorded {
                Ok(Ok(action)) => {
                    notice.try_set(Some((t.staff_review_done)(&what(t, &action.event))));
                    reload();
                    Ok(())
                }
                Ok(Err(e)) => Err(t.review_error(&e)),
                Err(e) => Err((t.save_failed)(store_error_text(t, &e))),
            }
        })
    });
    let commit = StoredValue::new_local(commit);

    view! {
        {move || match state.get() {
            None => view! { <p class="boot">{ctx.text(|t| t.list_loading)}</p> }.into_any(),
            Some(Err(e)) => view! {
                <Header title=None />
                <p class="save-error" role="alert">{move || store_error_text(t(), &e)}</p>
            }
            .into_any(),
            Some(Ok(None)) => view! {
                <Header title=None />
                <p class="empty-state">{ctx.text(|t| t.staff_review_not_found)}</p>
            }
            .into_any(),
            Some(Ok(Some(l))) => {
                let title = if l.p.title.trim().is_empty() { t().untitled.to_string() } else { l.p.title.clone() };
                view! {
                    <Header title=Some(title) />
                    <div class="review-grid">
                        <div class="review-main">
                            <HandedIn l=l.clone() />
                            <HistoryCard actions=l.actions.clone() />
                        </div>
                        <div class="review-side">
                            <ActionCard l=l.clone() officer notice commit=commit.get_value() />
                            <TimelineCard events=l.timeline.clone() />
                        </div>
                    </div>
                }
                .into_any()
            }
        }}
    }
}

#[component]
fn Header(title: Option<String>) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    view! {
        <header class="page-header">
            <h1>{title.unwrap_or_else(|| ctx.t().staff_nav_proposals.to_string())}</h1>
            <div class="page-actions">
                <a class="button" href="/staff/proposals">{ctx.text(|t| t.staff_review_back)}</a>
            </div>
        </header>
    }
}

/// The proposal as handed in (the frozen text of its revision). The rows are data and one
/// template renders them all (each distinct view costs wasm size).
#[component]
fn HandedIn(l: Loaded) -> impl IntoView {
    let t = AppCtx::use_ctx().t();
    let p = l.p;
    let or_none = |s: String| if s.trim().is_empty() { t.staff_files_none.to_string() } else { s };
    let co_signers = p.co_signers.iter().map(|c| format!("{}（{}）", c.name, c.member_id)).collect::<Vec<_>>().join("、");
    let sector = if p.sector.trim().is_empty() { l.item.sector.clone() } else { p.sector.clone() };
    let title = if p.title.trim().is_empty() { t.untitled.to_string() } else { p.title.clone() };
    let rows: [(&'static str, String); 10] = [
        (t.proposal_title, title),
        (t.event_number, or_none(p.filed_number.clone().unwrap_or_default())),
        (t.proposer, format!("{}（{}）", p.proposer.name, p.proposer.member_id)),
        (t.proposal_co_signers, or_none(co_signers)),
        (t.field_sector, sector),
        (t.proposal_category, or_none(p.category.map(|c| t.category(c).to_string()).unwrap_or_default())),
        (t.filter_year, p.year.to_string()),
        (t.proposal_lead_unit, or_none(p.lead_unit.clone())),
        (t.proposal_assisting_units, or_none(p.assisting_units.join("、"))),
        (t.field_phone, or_none(p.phone.clone())),
    ];
    let texts: [(&'static str, String); 2] = [(t.proposal_reasons, p.reasons), (t.proposal_suggestions, p.suggestions)];
    view! {
        <section class="card handed-in" aria-labelledby="handed-in-title">
            <h2 id="handed-in-title">{t.staff_review_handed_in}</h2>
            <dl class="facts">
                {rows.into_iter().map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> }).collect_view()}
                <dt>{t.attachments}</dt>
                <dd><HandedInFiles member_id=l.item.member_id.clone() files=l.files /></dd>
            </dl>
            {texts.into_iter().map(|(label, value)| view! { <h3>{label}</h3><p class="body-text">{value}</p> }).collect_view()}
        </section>
    }
}

/// The files handed in with the proposal, each a button that saves it (staff open photos
/// and PDFs with the desktop's own programs).
#[component]
fn HandedInFiles(member_id: String, files: Vec<StaffFileInfo>) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let staff = StaffCtx::use_ctx();
    let error = RwSignal::new(None::<String>);
    if files.is_empty() {
        return view! { <span>{ctx.t().staff_files_none}</span> }.into_any();
    }
    let save = move |member_id: String, f: StaffFileInfo| {
        spawn_local(async move {
            let blob = match staff.staff() {
                Ok(store) => store.file_blob(&member_id, &f.id).await,
                Err(e) => Err(e),
            };
            let failed = match blob {
                Ok(Some(b)) => download_blob(&b, &f.name).is_err(),
                Ok(None) => true,
                Err(e) => {
                    error.set(Some(store_error_text(ctx.t(), &e).to_string()));
                    return;
                }
            };
            error.set(failed.then(|| (ctx.t().staff_file_unreadable)(&f.name)));
        });
    };
    view! {
        <ul class="handed-in-files">
            {files.into_iter().map(|f| {
                let label = format!("{}（{}）", f.name, file_size(f.size));
                let member_id = member_id.clone();
                view! { <li><button type="button" class="link" on:click=move |_| save(member_id.clone(), f.clone())>{label}</button></li> }
            }).collect_view()}
        </ul>
        <p class="save-error" role="alert">{move || error.get()}</p>
    }
    .into_any()
}

/// Status, the 经办人, and the form with the steps the status allows.
#[component]
fn ActionCard(
    l: Loaded,
    officer: RwSignal<Option<Option<String>>>,
    notice: RwSignal<Option<String>>,
    commit: Commit,
) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = move || ctx.t();
    let status = l.p.status;
    let choices = offered(status);
    let next_number = Signal::derive(move || l.next_number.clone());
    let flags = [(l.p.key_proposal, t().flag_key), (l.p.excellent, t().flag_excellent)];
    let has_officer = move || officer.with(|o| matches!(o, Some(Some(_))));
    view! {
        <section class="card review-actions" aria-labelledby="review-title">
            <h2 id="review-title">{ctx.text(|t| t.staff_review_title)}</h2>
            <p class="review-status">
                <span class=format!("status status-{}", status.as_str())>{move || t().status(status)}</span>
                {l.p.filed_number.clone().map(|n| view! { <span class="filed-number">{n}</span> })}
                {flags.into_iter().filter(|(on, _)| *on).map(|(_, label)| view! { <span class="status">{label}</span> }).collect_view()}
            </p>
            <p class="ok-line" role="status">{move || notice.get()}</p>
            <Officer officer />
            {if choices.is_empty() {
                view! { <p class="muted">{ctx.text(|t| t.staff_review_none)}</p> }.into_any()
            } else {
                view! {
                    <div hidden=move || !has_officer()>
                        <RecordForm choices commit filing_number=next_number always_open=true />
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}

/// The 经办人: asked once, remembered in the settings store, shown and changeable.
#[component]
fn Officer(officer: RwSignal<Option<Option<String>>>) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let staff = StaffCtx::use_ctx();
    let t = move || ctx.t();
    let editing = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let input = NodeRef::<leptos::html::Input>::new();
    let asking = move || editing.get() || officer.with(|o| matches!(o, Some(None)));
    let save = move || {
        let name = tidy(&input.get_untracked().map(|e| e.value()).unwrap_or_default());
        if name.is_empty() || char_len(&name) > OFFICER_MAX {
            error.set(Some((t().staff_officer_bad)(OFFICER_MAX)));
            return;
        }
        error.set(None);
        spawn_local(async move {
            let saved = match staff.settings() {
                Ok(s) => s.set(STAFF_NAME, &name).await,
                Err(e) => Err(e),
            };
            match saved {
                Ok(()) => {
                    officer.try_set(Some(Some(name)));
                    editing.try_set(false);
                }
                Err(e) => {
                    error.try_set(Some((t().save_failed)(store_error_text(t(), &e))));
                }
            }
        });
    };
    let current = move || officer.with(|o| o.clone().flatten()).unwrap_or_default();
    view! {
        <Show when=move || !asking() && officer.with(Option::is_some)>
            <p class="officer-line">
                <span class="muted">{ctx.text(|t| t.staff_officer)}"："</span>
                <strong class="officer-name">{current}</strong>
                <button type="button" class="button small" on:click=move |_| editing.set(true)>{ctx.text(|t| t.staff_officer_change)}</button>
            </p>
        </Show>
        <div class="field officer-field" hidden=move || !asking()>
            <label for="staff-officer">{ctx.text(|t| t.staff_officer)}</label>
            <p class="hint" id="staff-officer-hint">{ctx.text(|t| t.staff_officer_hint)}</p>
            <div class="inline-input">
                <input id="staff-officer" node_ref=input type="text" autocomplete="name" value=current
                    aria-describedby="staff-officer-hint"
                    on:keydown=move |ev| if ev.key() == "Enter" && !ev.is_composing() { save() } />
                <button type="button" class="button primary" on:click=move |_| save()>{ctx.text(|t| t.save)}</button>
            </div>
            <p class="error" role="alert">{move || error.get()}</p>
        </div>
    }
}

#[component]
fn TimelineCard(events: Vec<ProposalEvent>) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = move || ctx.t();
    let empty = events.is_empty();
    view! {
        <section class="card timeline" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{ctx.text(|t| t.timeline)}</h2>
            {empty.then(|| view! { <p class="muted">{ctx.text(|t| t.timeline_empty)}</p> })}
            <ol class="events">
                {events.into_iter().map(|e| {
                    let what = e.kind.event_type();
                    let kind = e.kind.clone();
                    view! {
                        <li>
                            <span class="event-when">{date_of(e.at_ms)}</span>
                            <span class="event-what">{move || t().event_type(what)}</span>
                            <span class="event-detail">{move || details(t(), &kind)}</span>
                            <span class="event-by muted">{move || t().actor(e.by)}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn HistoryCard(actions: Vec<StaffAction>) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = move || ctx.t();
    let cols = t().staff_history_cols;
    let empty = actions.is_empty();
    view! {
        <section class="card history" aria-labelledby="history-title">
            <h2 id="history-title">{ctx.text(|t| t.staff_history)}</h2>
            {if empty {
                view! { <p class="muted">{ctx.text(|t| t.staff_history_empty)}</p> }.into_any()
            } else {
                view! {
                    <table class="staff-table staff-history">
                        <thead><tr>{cols.map(|c| view! { <th scope="col">{c}</th> }).collect_view()}</tr></thead>
                        <tbody>
                            {actions.into_iter().map(|a| {
                                let event = a.event.clone();
                                view! {
                                    <tr>
                                        <td class="nowrap">{date_time(a.at_ms)}</td>
                                        <td class="nowrap">{a.staff_name}</td>
                                        <td>{move || what(t(), &event)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            }}
        </section>
    }
}

/// "立案 〔2026〕第1号": the step and what it says.
fn what(t: &'static Texts, e: &ProposalEvent) -> String {
    let d = details(t, &e.kind);
    let name = t.event_type(e.kind.event_type());
    if d.is_empty() {
        name.to_string()
    } else {
        format!("{name} {d}")
    }
}

/// "2026-03-14 09:05" on the device's clock.
fn date_time(ms: i64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!("{} {:02}:{:02}", date_of(ms), d.get_hours(), d.get_minutes())
}
