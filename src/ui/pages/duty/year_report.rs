//! 年度履职报告 / 常委述职: the facts of a year generated from the member's records, and
//! an editable narrative that starts from a template, saved as a `year_reports` record
//! (autosaved like every form) and printed on A4.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::domain::duty::format_hours;
use crate::domain::year_report::YearReport;
use crate::domain::year_summary::YearSummary;
use crate::i18n::Texts;
use crate::store::StoreError;
use crate::ui::autosave::{flush_on_leave, open_record, Autosave, SaveFuture, SaveState};
use crate::ui::components::year_options::YearOptions;
use crate::ui::components::page_header::PageHeader;
use crate::ui::service::{now_ms, store_error_text, this_year, AppCtx};

#[component]
pub fn YearReportPage() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let params = use_params_map();
    let navigate = use_navigate();
    let year = move || params.with(|p| p.get("year").and_then(|y| y.parse::<i32>().ok())).unwrap_or_else(this_year);
    // Rebuilt (and the editor remounted) when the year or a regeneration asks for it.
    let reloads = RwSignal::new(0u32);
    view! {
        <div class="no-print">
            <PageHeader title=Signal::derive(move || ctx.t().duty_year_report)>
                <A href="/duty" attr:class="button small">{ctx.text(|t| t.tab_duty)}</A>
            </PageHeader>
            <div class="filters two">
                <select aria-label=ctx.text(|t| t.year_report_year) prop:value=move || year().to_string()
                    on:change=move |ev| navigate(&format!("/duty/report/{}", event_target_value(&ev)), Default::default())>
                    <YearOptions />
                </select>
            </div>
        </div>
        {move || {
            reloads.track();
            view! { <ReportLoader year=year() reloads /> }
        }}
    }
}

#[derive(Clone)]
enum Loaded {
    Loading,
    Failed(StoreError),
    Ready { summary: YearSummary, report: YearReport, stored: bool, recovered: bool },
}

#[component]
fn ReportLoader(year: i32, reloads: RwSignal<u32>) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let state = RwSignal::new(Loaded::Loading);
    spawn_local(async move {
        let loaded = async {
            let records = ctx.year_records(year).await?;
            let member = ctx.profile.get_untracked().unwrap_or_default();
            let summary = YearSummary::build(year, &member.member_id, &records.logs, &records.proposals, &records.reports);
            let store = ctx.year_reports()?;
            let id = YearReport::id_for(year);
            let stored = store.get(year).await?;
            let newer = |j: &YearReport, s: &YearReport| j.updated_ms > s.updated_ms && j.narrative != s.narrative;
            let opened = open_record(&id, stored, newer, true, async |r: &YearReport| store.save(r).await).await?;
            Ok::<_, StoreError>(match opened {
                Some((report, recovered)) => Loaded::Ready { summary, report, stored: true, recovered },
                None => {
                    let narrative = (ctx.t().year_narrative)(&summary, &member);
                    Loaded::Ready { summary, report: YearReport::new(year, narrative, now_ms()), stored: false, recovered: false }
                }
            })
        }
        .await;
        state.try_set(loaded.unwrap_or_else(Loaded::Failed));
    });
    move || match state.get() {
        Loaded::Loading => view! { <p class="boot">{ctx.text(|t| t.list_loading)}</p> }.into_any(),
        Loaded::Failed(e) => view! { <p class="save-error" role="alert">{move || store_error_text(ctx.t(), &e)}</p> }.into_any(),
        Loaded::Ready { summary, report, stored, recovered } => {
            view! { <YearReportView summary report stored recovered reloads /> }.into_any()
        }
    }
}

fn same_report(a: &YearReport, b: &YearReport) -> bool {
    a.narrative == b.narrative && a.printed_ms == b.printed_ms
}

#[component]
fn YearReportView(summary: YearSummary, report: YearReport, stored: bool, recovered: bool, reloads: RwSignal<u32>) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = ctx.t();
    let member = ctx.profile.get_untracked().unwrap_or_default();
    let narrative = NodeRef::<html::Textarea>::new();
    let save_state = RwSignal::new(SaveState::opened(stored, recovered, report.updated_ms));
    let base = report.clone();
    let read = move || {
        let mut r = base.clone();
        r.narrative = narrative.try_get_untracked()??.value();
        r.updated_ms = now_ms();
        Some(r)
    };
    let read_now = StoredValue::new_local(read.clone());
    let autosave = Autosave::new(
        report.id.clone(),
        report.clone(),
        save_state,
        read,
        same_report,
        move |r: YearReport, _| -> SaveFuture { Box::pin(async move { ctx.year_reports()?.save(&r).await }) },
    );
    let autosave = StoredValue::new_local(autosave);
    flush_on_leave(autosave);
    let action_error = RwSignal::new(None::<String>);
    // The printed copy of the narrative: a paragraph follows the textarea (which prints
    // badly); writing it never touches the textarea, so IME input is undisturbed.
    let printed = RwSignal::new(report.narrative.clone());

    // Printing saves the report as printed (the record of what was handed in).
    let print = move |_| {
        let Some(mut r) = read_now.with_value(|read| read()) else { return };
        r.printed_ms = Some(now_ms());
        spawn_local(async move {
            let saved = async {
                autosave.get_value().finish().await?;
                ctx.year_reports()?.save(&r).await
            }
            .await;
            match saved {
                Ok(()) => {
                    let _ = window().print();
                    reloads.update(|n| *n += 1);
                }
                Err(e) => action_error.set(Some((ctx.t().save_failed)(store_error_text(ctx.t(), &e)))),
            }
        });
    };
    let regenerate = {
        let summary = summary.clone();
        let member = member.clone();
        move |_| {
            if !window().confirm_with_message(ctx.t().year_report_regenerate_confirm).unwrap_or(false) {
                return;
            }
            let fresh = YearReport {
                narrative: (ctx.t().year_narrative)(&summary, &member),
                updated_ms: now_ms(),
                ..read_now.with_value(|read| read()).unwrap_or_else(|| YearReport::new(summary.year, String::new(), now_ms()))
            };
            spawn_local(async move {
                let saved = async {
                    autosave.get_value().finish().await?;
                    ctx.year_reports()?.save(&fresh).await
                }
                .await;
                match saved {
                    Ok(()) => reloads.update(|n| *n += 1),
                    Err(e) => action_error.set(Some((ctx.t().save_failed)(store_error_text(ctx.t(), &e)))),
                }
            });
        }
    };

    let s = summary;
    let hours = format_hours(s.hours_tenths);
    view! {
        <article class="year-report">
            <header class="print-head year-head">
                <p class="committee">{member.committee.clone()}</p>
                <h1>{(t.year_report_title)(s.year)}</h1>
                <p class="who">{format!("{} · {} · {}", member.name, member.sector, member.member_id)}</p>
            </header>
            <section class="card">
                <h2>{t.year_report_facts}</h2>
                <p>{(t.year_report_totals)(s.activities, s.people, &hours)}</p>
                {kind_chips(t, &s)}
                <h3>{t.year_report_proposals}</h3>
                {proposal_list(t, &s)}
                <h3>{t.year_report_reports}</h3>
                {report_list(t, &s)}
                <h3>{t.year_report_activities}</h3>
                {if s.entries.is_empty() { view! { <p class="muted">{t.year_report_none}</p> }.into_any() } else { view! {
                    <table class="report-table">
                        <tbody>
                            {s.entries.iter().map(|e| view! {
                                <tr>
                                    <td class="nowrap">{e.date.clone()}</td>
                                    <td>{t.duty_kind(e.kind)}</td>
                                    <td>{if e.title.is_empty() { e.place.clone() } else { format!("{} {}", e.title, e.place) }}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any() }}
            </section>
            <section class="card narrative">
                <div class="card-head no-print">
                    <h2><label for="y-narrative">{t.year_report_narrative}</label></h2>
                    <span class="save-status" role="status" aria-live="polite">{move || save_state.with(|s| s.text(ctx.t()))}</span>
                </div>
                <p class="hint no-print">{t.year_report_narrative_hint}</p>
                <textarea id="y-narrative" node_ref=narrative rows="16"
                    on:input=move |ev| {
                        printed.set(event_target_value(&ev));
                        autosave.try_with_value(Autosave::touched);
                    }
                    on:focusout=move |_| { autosave.try_with_value(Autosave::flush); }>{report.narrative.clone()}</textarea>
                <p class="print-only narrative-print">{move || printed.get()}</p>
                <p class="print-only sign-line-text">{t.year_report_sign}</p>
            </section>
            <p class="save-error no-print" role="alert">{move || action_error.get()}</p>
            <div class="form-actions no-print">
                <button type="button" class="button" on:click=regenerate>{t.year_report_regenerate}</button>
                <button type="button" class="button primary" on:click=print>{t.year_report_print}</button>
            </div>
        </article>
    }
}

// The parts of a year's summary that the member's yearly report and the staff's 一人一档
// (`ui/staff/member.rs`) both show.

/// The activities of the year counted per kind, as chips.
pub fn kind_chips(t: &'static Texts, s: &YearSummary) -> impl IntoView {
    view! {
        <ul class="chips">
            {s.by_kind.iter().map(|(k, n)| view! { <li class="chip static-chip">{t.duty_kind(*k)}" "<b>{*n}</b></li> }).collect_view()}
        </ul>
    }
}

/// The year's proposals: title, first proposer or co-signer, status, 立案 number.
pub fn proposal_list(t: &'static Texts, s: &YearSummary) -> AnyView {
    if s.proposals.is_empty() {
        return view! { <p class="muted">{t.year_report_none}</p> }.into_any();
    }
    view! {
        <ol class="report-list">
            {s.proposals.iter().map(|p| view! {
                <li>
                    {if p.title.trim().is_empty() { t.untitled.to_string() } else { p.title.clone() }}
                    <span class="muted">{format!("（{} · {}{}）", if p.first { t.year_report_first } else { t.year_report_joint }, t.status(p.status),
                        p.filed_number.as_ref().map(|n| format!(" · {n}")).unwrap_or_default())}</span>
                </li>
            }).collect_view()}
        </ol>
    }
    .into_any()
}

/// The year's 社情民意 reports with their status and date.
pub fn report_list(t: &'static Texts, s: &YearSummary) -> AnyView {
    if s.reports.is_empty() {
        return view! { <p class="muted">{t.year_report_none}</p> }.into_any();
    }
    view! {
        <ol class="report-list">
            {s.reports.iter().map(|r| view! {
                <li>{r.title.clone()}<span class="muted">{format!("（{} · {}）", t.report_status(r.status), r.submitted_date)}</span></li>
            }).collect_view()}
        </ol>
    }
    .into_any()
}
