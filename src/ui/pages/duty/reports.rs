//! 社情民意信息: the member's reports (一事一议), their status (已报送, 已采用, 领导批示),
//! listed newest first and edited with the same autosave as proposals.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::domain::proposal::Counter;
use crate::domain::sentiment::{ReportField, ReportLimits, ReportProblem, ReportStatus, SentimentReport};
use crate::domain::text::{char_len, fold};
use crate::store::{ReportFilter, StoreError};
use crate::ui::autosave::{flush_on_leave, open_record, Autosave, SaveFuture, SaveState};
use crate::ui::components::year_options::YearOptions;
use crate::ui::components::{empty_state::EmptyState, page_header::PageHeader};
use crate::ui::journal;
use crate::ui::paging::{debounced, MoreFooter, Paged};
use crate::ui::service::{new_id, now_ms, store_error_text, this_year, today_iso, AppCtx};

const PAGE_SIZE: u32 = 20;

#[component]
pub fn ReportsPage() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = move || ctx.t();
    let filter = RwSignal::new(ReportFilter::default());
    let list = Paged::<SentimentReport>::new();
    let fetch = move |more: bool| {
        let f = filter.get_untracked();
        list.fetch(more, move |after| async move { Ok((ctx.sentiment()?.list(&f, after, PAGE_SIZE).await?, ())) }, |()| {});
    };
    Effect::new(move |_| {
        filter.track();
        fetch(false);
    });
    let on_search = debounced(move |value: String| filter.update(|f| f.words = value.split_whitespace().map(fold).collect()));
    let Paged { items, next, loading, slow, error, .. } = list;
    let filtered = move || filter.with(|f| *f != ReportFilter::default());

    view! {
        <PageHeader title=ctx.text(|t| t.duty_reports)>
            <A href="/duty" attr:class="button small">{ctx.text(|t| t.tab_duty)}</A>
            <A href=move || format!("/duty/reports/{}", new_id()) attr:class="button primary small">{ctx.text(|t| t.report_new)}</A>
        </PageHeader>
        <div class="toolbar" role="search">
            <input type="search" class="search" enterkeyhint="search"
                aria-label=ctx.text(|t| t.report_search) placeholder=ctx.text(|t| t.report_search) on:input=on_search />
            <div class="filters two">
                <select aria-label=ctx.text(|t| t.filter_year)
                    on:change=move |ev| filter.update(|f| f.year = event_target_value(&ev).parse().ok())>
                    <option value="">{ctx.text(|t| t.filter_any_year)}</option>
                    <YearOptions />
                </select>
                <select aria-label=ctx.text(|t| t.report_status)
                    on:change=move |ev| filter.update(|f| f.status = ReportStatus::from_code(&event_target_value(&ev)))>
                    <option value="">{ctx.text(|t| t.filter_any_status)}</option>
                    {ReportStatus::ALL.into_iter().map(|s| view! {
                        <option value=s.as_str()>{move || t().report_status(s)}</option>
                    }).collect_view()}
                </select>
            </div>
        </div>
        <p class="save-error" role="alert">{move || error.with(|e| e.as_ref().map(|e| store_error_text(t(), e)))}</p>
        <Show when=move || !items.with(Vec::is_empty) || loading.get() fallback=move || if filtered() {
            view! { <p class="empty-state">{ctx.text(|t| t.search_empty)}</p> }.into_any()
        } else {
            view! { <EmptyState title=ctx.text(|t| t.reports_empty_title) body=ctx.text(|t| t.reports_empty_body) /> }.into_any()
        }>
            <ul class="cards">
                <For each=move || items.get() key=|r| (r.id.clone(), r.updated_ms) let:r>
                    <li>
                        <A href=format!("/duty/reports/{}", r.id) attr:class="card proposal-card">
                            <span class="card-title" class:muted=r.title.trim().is_empty()>
                                {if r.title.trim().is_empty() { t().untitled.to_string() } else { r.title.clone() }}
                            </span>
                            <span class="card-meta">
                                <span class=format!("status report-{}", r.status.as_str())>{move || t().report_status(r.status)}</span>
                                {(!r.submitted_date.is_empty()).then(|| view! { <span>{r.submitted_date.clone()}</span> })}
                                <span>{t().counter(Counter::new(r.body_chars(), ReportLimits::default().body_guide))}</span>
                            </span>
                        </A>
                    </li>
                </For>
            </ul>
        </Show>
        <MoreFooter has_next=Signal::derive(move || next.with(Option::is_some)) slow more=Callback::new(move |()| fetch(true)) />
    }
}

#[component]
pub fn ReportEditPage() -> impl IntoView {
    let params = use_params_map();
    move || params.with(|p| p.get("id")).map(|id| view! { <ReportLoader id /> })
}

#[component]
fn ReportLoader(id: String) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let state = RwSignal::new(None::<Result<(SentimentReport, bool, bool), StoreError>>);
    spawn_local(async move {
        let loaded = async {
            let store = ctx.sentiment()?;
            let stored = store.get(&id).await?;
            let newer = |j: &SentimentReport, s: &SentimentReport| j.id == s.id && j.updated_ms > s.updated_ms && !same_report(j, s);
            Ok(match open_record(&id, stored, newer, true, async |r: &SentimentReport| store.save(r).await).await? {
                Some((r, recovered)) => (r, true, recovered),
                None => (SentimentReport::new(id.clone(), this_year(), now_ms()), false, false),
            })
        }
        .await;
        state.try_set(Some(loaded));
    });
    move || match state.get() {
        None => view! { <p class="boot">{ctx.text(|t| t.list_loading)}</p> }.into_any(),
        Some(Err(e)) => view! {
            <PageHeader title=ctx.text(|t| t.report_entry_title) />
            <p class="save-error" role="alert">{move || store_error_text(ctx.t(), &e)}</p>
        }
        .into_any(),
        Some(Ok((report, stored, recovered))) => view! { <ReportForm initial=report stored recovered /> }.into_any(),
    }
}

fn same_report(a: &SentimentReport, b: &SentimentReport) -> bool {
    let mut b = b.clone();
    b.created_ms = a.created_ms;
    b.updated_ms = a.updated_ms;
    *a == b
}

#[component]
fn ReportForm(initial: SentimentReport, stored: bool, recovered: bool) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = move || ctx.t();
    let limits = ReportLimits::default();
    let (title_max, guide) = (limits.title_max, limits.body_guide);
    let navigate = use_navigate();

    let title = NodeRef::<html::Input>::new();
    let situation = NodeRef::<html::Textarea>::new();
    let analysis = NodeRef::<html::Textarea>::new();
    let suggestions = NodeRef::<html::Textarea>::new();
    let status = NodeRef::<html::Select>::new();
    let submitted = NodeRef::<html::Input>::new();
    let note = NodeRef::<html::Textarea>::new();

    let current_status = RwSignal::new(initial.status);
    let title_count = RwSignal::new(char_len(&initial.title));
    let body_count = RwSignal::new(initial.body_chars());
    let problems = RwSignal::new(Vec::<ReportProblem>::new());
    let action_error = RwSignal::new(None::<String>);
    let save_state = RwSignal::new(SaveState::opened(stored, recovered, initial.updated_ms));

    let base = std::rc::Rc::new(initial.clone());
    let read = move || {
        let mut r = (*base).clone();
        r.title = title.try_get_untracked()??.value();
        r.situation = situation.try_get_untracked()??.value();
        r.analysis = analysis.try_get_untracked()??.value();
        r.suggestions = suggestions.try_get_untracked()??.value();
        r.status = ReportStatus::from_code(&status.try_get_untracked()??.value()).unwrap_or(r.status);
        r.submitted_date = submitted.try_get_untracked()??.value();
        r.status_note = note.try_get_untracked()??.value();
        r.updated_ms = now_ms();
        Some(r)
    };
    let read_now = StoredValue::new_local(read.clone());
    let autosave = Autosave::new(
        initial.id.clone(),
        initial.clone(),
        save_state,
        read,
        same_report,
        move |r: SentimentReport, _snapshot: bool| -> SaveFuture { Box::pin(async move { ctx.sentiment()?.save(&r).await }) },
    );
    let autosave = StoredValue::new_local(autosave);
    flush_on_leave(autosave);
    let touched = move || {
        autosave.try_with_value(Autosave::touched);
    };

    // Past a draft, the report needs its date: today unless the member says otherwise.
    let on_status = move |ev: leptos::ev::Event| {
        let s = ReportStatus::from_code(&event_target_value(&ev)).unwrap_or(ReportStatus::Draft);
        current_status.set(s);
        if let Some(input) = submitted.get_untracked() {
            if s != ReportStatus::Draft && input.value().is_empty() {
                input.set_value(&today_iso());
            }
        }
    };
    let on_body = move |_| {
        let len = |r: NodeRef<html::Textarea>| r.get_untracked().map(|e| char_len(e.value().trim())).unwrap_or(0);
        body_count.set(len(situation) + len(analysis) + len(suggestions));
    };
    let error_for = move |field: ReportField| {
        move || {
            problems.with(|ps| {
                let msgs: Vec<String> = ps.iter().filter(|p| p.field == field).map(|p| t().report_problem(*p)).collect();
                (!msgs.is_empty()).then(|| msgs.join("；"))
            })
        }
    };

    let done = {
        let navigate = navigate.clone();
        move |_| {
            let Some(report) = read_now.with_value(|r| r()) else { return };
            let found =
                if report.status == ReportStatus::Draft { Vec::new() } else { report.validate_for_submit(&limits) };
            if !found.is_empty() {
                problems.set(found);
                return;
            }
            problems.set(Vec::new());
            let navigate = navigate.clone();
            spawn_local(async move {
                let result = async {
                    autosave.get_value().finish().await?;
                    ctx.sentiment()?.save(&report).await
                }
                .await;
                match result {
                    Ok(()) => navigate("/duty/reports", Default::default()),
                    Err(e) => action_error.set(Some((t().save_failed)(store_error_text(t(), &e)))),
                }
            });
        }
    };
    let id = StoredValue::new(initial.id.clone());
    let delete = move |_| {
        if !window().confirm_with_message(t().report_delete_confirm).unwrap_or(false) {
            return;
        }
        let navigate = navigate.clone();
        spawn_local(async move {
            let _ = autosave.get_value().finish().await;
            let result = async { ctx.sentiment()?.delete(&id.get_value()).await }.await;
            journal::clear(&id.get_value());
            match result {
                Ok(()) => navigate("/duty/reports", Default::default()),
                Err(e) => action_error.set(Some((t().save_failed)(store_error_text(t(), &e)))),
            }
        });
    };

    let status_line = move || save_state.with(|s| s.text(t()));
    let r = initial;
    let textarea = move |id: &'static str, label: fn(&'static crate::i18n::Texts) -> &'static str, node: NodeRef<html::Textarea>, value: String, field: ReportField| {
        view! {
            <div class="field" class:has-error=move || error_for(field)().is_some()>
                <label for=id>{ctx.text(label)}</label>
                <textarea id=id node_ref=node rows="6" on:input=on_body>{value}</textarea>
                <p class="error">{error_for(field)}</p>
            </div>
        }
    };

    view! {
        <PageHeader title=ctx.text(|t| t.report_entry_title)>
            <span class="save-status" role="status" aria-live="polite">{status_line}</span>
        </PageHeader>
        <form class="form report-form" novalidate
            on:input=move |_| touched()
            on:change=move |_| touched()
            on:focusout=move |_| autosave.with_value(Autosave::flush)
            on:submit=move |ev: leptos::ev::SubmitEvent| ev.prevent_default()>
            <p class="hint">{ctx.text(|t| t.report_guide)}</p>
            <div class="field" class:has-error=move || error_for(ReportField::Title)().is_some()>
                <label for="r-title">{ctx.text(|t| t.report_title)}<span class="req">{ctx.text(|t| t.required_mark)}</span></label>
                <input id="r-title" node_ref=title type="text" value=r.title.clone()
                    on:input=move |ev| title_count.set(char_len(&event_target_value(&ev))) />
                <p class="counter" class:over=move || { title_count.get() > title_max }>{move || t().counter(Counter::new(title_count.get(), title_max))}</p>
                <p class="error">{error_for(ReportField::Title)}</p>
            </div>
            {textarea("r-situation", |t| t.report_situation, situation, r.situation.clone(), ReportField::Situation)}
            {textarea("r-analysis", |t| t.report_analysis, analysis, r.analysis.clone(), ReportField::Analysis)}
            {textarea("r-suggestions", |t| t.report_suggestions, suggestions, r.suggestions.clone(), ReportField::Suggestions)}
            <p class="counter" class:over=move || { body_count.get() > guide }>
                {move || (t().labelled)(t().report_body, &t().counter(Counter::new(body_count.get(), guide)))}
            </p>
            <div class="field-pair">
                <div class="field">
                    <label for="r-status">{ctx.text(|t| t.report_status)}</label>
                    <select id="r-status" node_ref=status on:change=on_status>
                        {ReportStatus::ALL.into_iter().map(|s| view! {
                            <option value=s.as_str() selected=s == r.status>{move || t().report_status(s)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field" class:has-error=move || error_for(ReportField::SubmittedDate)().is_some()>
                    <label for="r-date">{ctx.text(|t| t.report_submitted_date)}</label>
                    <input id="r-date" node_ref=submitted type="date" value=r.submitted_date.clone() />
                    <p class="error">{error_for(ReportField::SubmittedDate)}</p>
                </div>
            </div>
            <div class="field" hidden=move || !matches!(current_status.get(), ReportStatus::Adopted | ReportStatus::Instructed)
                class:has-error=move || error_for(ReportField::StatusNote)().is_some()>
                <label for="r-note">{ctx.text(|t| t.report_status_note)}</label>
                <textarea id="r-note" node_ref=note rows="3">{r.status_note.clone()}</textarea>
                <p class="error">{error_for(ReportField::StatusNote)}</p>
            </div>
            <p class="save-error" role="alert">{move || action_error.get()}</p>
            <div class="form-actions">
                {stored.then(|| view! {
                    <button type="button" class="button danger-text" on:click=delete.clone()>{ctx.text(|t| t.report_delete)}</button>
                })}
                <button type="button" class="button primary" on:click=done>{ctx.text(|t| t.duty_done)}</button>
            </div>
        </form>
    }
}
