//! 一人一档: one member's file for a year — the roster data, duty counts by kind, the
//! proposals (status and 立案 number), duty log and 社情民意, and the score card under the
//! staff's chosen rules with what is missing. Printed on A4 without the workspace's chrome.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::date_of;
use super::duty::{load_duty_data, member_href, rules_choice, year_from_query, DutyData, Loaded};
use super::service::StaffCtx;
use crate::bundle::fingerprint;
use crate::domain::duty::{format_hours, year_of};
use crate::domain::score::ScoreRules;
use crate::domain::year_summary::YearSummary;
use crate::staff::roster::{MemberStatus, RosterEntry};
use crate::staff::scores::score_table;
use crate::ui::components::year_options::YearOptions;
use crate::ui::pages::duty::score::{RulesSelect, ScoreCardView};
use crate::ui::pages::duty::year_report::{kind_chips, proposal_list, report_list};
use crate::ui::service::{store_error_text, AppCtx};

#[component]
pub fn MemberFilePage() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let staff = StaffCtx::use_ctx();
    let t = move || ctx.t();
    let params = use_params_map();
    let navigate = use_navigate();
    let member_id = move || {
        let raw = params.with(|p| p.get("member_id")).unwrap_or_default();
        // The router decodes paths but not every escape; an id never holds a '%'.
        js_sys::decode_uri_component(&raw).map(String::from).unwrap_or(raw)
    };
    let year = RwSignal::new(year_from_query());
    let rc = rules_choice(staff);
    let data = RwSignal::new(None as Loaded);
    load_duty_data(staff, data);

    let body = move || -> AnyView {
        let Some(loaded) = data.get() else { return view! { <p class="muted">{t().list_loading}</p> }.into_any() };
        let d = match loaded {
            Ok(d) => d,
            Err(e) => return view! { <p class="error" role="alert">{store_error_text(t(), &e)}</p> }.into_any(),
        };
        let id = member_id();
        let Some(entry) = d.roster.iter().find(|e| e.member_id == id).cloned() else {
            return view! { <p class="empty-state">{t().staff_member_not_found}</p> }.into_any();
        };
        let Some(rules) = rc.rules() else { return ().into_any() };
        view! { <MemberFile d entry rules year=year.get() /> }.into_any()
    };

    view! {
        <div class="no-print member-toolbar">
            <header class="page-header">
                <h1>{ctx.text(|t| t.staff_member_file)}</h1>
                <a class="button small" href=move || format!("/staff/duty?year={}", year.get())>{ctx.text(|t| t.staff_member_back)}</a>
            </header>
            <div class="toolbar">
                <div class="filters">
                    <select aria-label=ctx.text(|t| t.filter_year) prop:value=move || year.get().to_string()
                        on:change=move |ev| {
                            if let Ok(y) = event_target_value(&ev).parse::<i32>() {
                                year.set(y);
                                // Keep the address in step, so a reload or a bookmark opens the same year.
                                navigate(&member_href(&member_id(), y), leptos_router::NavigateOptions { replace: true, ..Default::default() });
                            }
                        }>
                        <YearOptions />
                    </select>
                    <RulesSelect rc />
                </div>
                <button type="button" class="button primary print-button" on:click=move |_| { let _ = window().print(); }>
                    {ctx.text(|t| t.staff_member_print)}
                </button>
            </div>
        </div>
        {body}
    }
}

#[component]
fn MemberFile(d: std::sync::Arc<DutyData>, entry: RosterEntry, rules: ScoreRules, year: i32) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = ctx.t();
    let g = &d.records;
    let own = g.member(&entry.member_id);
    let summary = YearSummary::build(year, &entry.member_id, &own.logs, &g.proposals, &own.reports);
    let row = score_table(std::slice::from_ref(&entry), &rules, year, &g.proposals, &g.events, &g.records).pop();
    let mut logs: Vec<_> = own.logs.iter().filter(|l| year_of(&l.date) == Some(year)).cloned().collect();
    logs.sort_by(|a, b| (&a.date, a.created_ms).cmp(&(&b.date, b.created_ms)));
    let status = match (entry.status, &entry.key_id) {
        (MemberStatus::Revoked, _) => t.staff_status_revoked,
        (_, None) => t.staff_status_no_key,
        _ => t.staff_status_active,
    };
    let cols = t.staff_roster_cols;
    let facts: Vec<(&'static str, String)> = vec![
        (cols[0], entry.name.clone()),
        (cols[1], entry.member_id.clone()),
        (cols[2], entry.sector.clone()),
        (cols[3], entry.key_id.as_deref().map(fingerprint).unwrap_or_default()),
        (cols[4], entry.enrolled_ms.map(date_of).unwrap_or_default()),
        (cols[5], status.to_string()),
    ];
    let s = summary;
    let none = move || view! { <p class="muted">{t.year_report_none}</p> };
    view! {
        <article class="member-file">
            <header class="print-head member-head">
                <h1>{(t.staff_member_title)(&entry.name, year)}</h1>
                <p class="who">{format!("{} · {}", entry.sector, entry.member_id)}</p>
            </header>
            <section class="card">
                <dl class="member-facts">
                    {facts.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
                </dl>
            </section>
            <section class="card">
                <h2>{t.staff_member_counts}</h2>
                <p>{(t.year_report_totals)(s.activities, s.people, &format_hours(s.hours_tenths))}</p>
                {(s.absences > 0).then(|| view! { <p class="muted">{(t.staff_member_absences)(s.absences)}</p> })}
                {kind_chips(t, &s)}
            </section>
            <section class="card">
                <h2>{t.year_report_proposals}</h2>
                {proposal_list(t, &s)}
            </section>
            <section class="card">
                <h2>{t.staff_member_logs}</h2>
                {if logs.is_empty() { none().into_any() } else { view! {
                    <table class="staff-table member-logs">
                        <thead><tr>{t.staff_member_log_cols.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}</tr></thead>
                        <tbody>
                            {logs.iter().map(|l| {
                                let what = [l.title.trim(), l.place.trim()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ");
                                view! {
                                    <tr>
                                        <td class="nowrap">{l.date.clone()}</td>
                                        <td>{t.duty_kind(l.kind)}</td>
                                        <td>{what}</td>
                                        <td class="nowrap">{l.kind.takes_attendance().then(|| t.attendance(l.attendance))}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any() }}
            </section>
            <section class="card">
                <h2>{t.year_report_reports}</h2>
                {report_list(t, &s)}
            </section>
            <section class="member-score">
                <h2>{t.staff_member_score}</h2>
                <p class="muted">{(t.staff_member_rules)(&rules.name)}</p>
                {row.map(|r| view! { <ScoreCardView rules=rules.clone() card=r.card /> })}
            </section>
        </article>
    }
}
