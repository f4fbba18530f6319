//! 履职考核: every roster member's score for a year under the chosen rules (a preset or the
//! committee's rules file, remembered), sortable by clicking a column, the members below
//! the committee's marks marked by word and icon as well as colour, and the table as shown
//! exported to XLSX and CSV. Each name opens the member's 一人一档 (`member.rs`).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

use super::service::StaffCtx;
use crate::staff::export::{score_sheet, to_csv};
use crate::staff::import::ItemType;
use crate::staff::roster::RosterEntry;
use crate::staff::scores::{flagged_count, score_table, sort_rows, Gathered, ScoreRow, ScoreSort};
use crate::store::StoreError;
use crate::ui::components::year_options::YearOptions;
use crate::ui::files::download_bytes;
use crate::ui::pages::duty::score::{RulesChoice, RulesFileLoader, RulesKeys, RulesSelect};
use crate::ui::service::{now_ms, store_error_text, this_year, AppCtx};

/// The staff's remembered rules, apart from the member's own choice on a shared browser.
const STAFF_KEYS: RulesKeys = RulesKeys { choice: "staff.score.rules", custom: "staff.score.custom_rules" };

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The rules the staff pages score by (the same choice on the overview and each file).
pub(super) fn rules_choice(staff: StaffCtx) -> RulesChoice {
    RulesChoice::new(STAFF_KEYS, Callback::new(move |()| staff.settings()))
}

/// The roster and every imported record, read once per page.
pub(super) struct DutyData {
    pub roster: Vec<RosterEntry>,
    pub records: Gathered,
}

/// `None` while reading.
pub(super) type Loaded = Option<Result<Arc<DutyData>, StoreError>>;

pub(super) fn load_duty_data(staff: StaffCtx, into: RwSignal<Loaded>) {
    spawn_local(async move {
        let read = async {
            let s = staff.staff()?;
            let roster = s.roster().await?;
            let mut records = Gathered::default();
            for ty in [ItemType::Proposal, ItemType::ProposalEvent, ItemType::DutyLog, ItemType::SentimentReport] {
                for item in s.all_items(ty).await? {
                    records.add(&item.member_id, ty, &item.data);
                }
            }
            Ok(Arc::new(DutyData { roster, records }))
        }
        .await;
        into.try_set(Some(read));
    });
}

/// The year in `?year=`, else this year.
pub(super) fn year_from_query() -> i32 {
    use_query_map().with_untracked(|q| q.get("year").and_then(|y| y.parse().ok())).unwrap_or_else(this_year)
}

/// The 一人一档 address of a member, for `year`.
pub(super) fn member_href(member_id: &str, year: i32) -> String {
    format!("/staff/members/{}?year={year}", String::from(js_sys::encode_uri_component(member_id)))
}

#[component]
pub fn DutyPage() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let staff = StaffCtx::use_ctx();
    let t = move || ctx.t();
    let year = RwSignal::new(year_from_query());
    let rc = rules_choice(staff);
    let data = RwSignal::new(None as Loaded);
    load_duty_data(staff, data);
    // Highest total first until a header is clicked.
    let sort = RwSignal::new((ScoreSort::Total, true));
    let export_error = RwSignal::new(false);

    let rows = Memo::new(move |_| -> Option<Vec<ScoreRow>> {
        let data = data.with(|d| d.as_ref().and_then(|r| r.as_ref().ok().cloned()))?;
        let rules = rc.rules()?;
        let g = &data.records;
        let mut rows = score_table(&data.roster, &rules, year.get(), &g.proposals, &g.events, &g.records);
        let (by, descending) = sort.get();
        sort_rows(&mut rows, by, descending);
        Some(rows)
    });

    let export = move |xlsx: bool| {
        let Some(rows) = rows.get_untracked() else { return };
        let t = ctx.t();
        let sheet = score_sheet(t, &rows);
        let y = year.get_untracked();
        if !xlsx {
            let done = download_bytes(to_csv(&sheet).as_bytes(), "text/csv;charset=utf-8", &(t.staff_duty_file_name)(y, "csv"));
            export_error.set(done.is_err());
            return;
        }
        leptos::task::spawn_local(async move {
            let done = super::xlsx::workbook(vec![sheet], now_ms())
                .await
                .ok()
                .and_then(|bytes| download_bytes(&bytes, XLSX_MIME, &(t.staff_duty_file_name)(y, "xlsx")).ok());
            export_error.try_set(done.is_none());
        });
    };

    let table = move || -> AnyView {
        let loaded = data.get();
        let Some(loaded) = loaded else { return view! { <p class="muted">{t().list_loading}</p> }.into_any() };
        let d = match loaded {
            Ok(d) => d,
            Err(e) => return view! { <p class="error" role="alert">{store_error_text(t(), &e)}</p> }.into_any(),
        };
        if d.roster.is_empty() {
            return view! {
                <div class="empty-state duty-empty">
                    <p>{t().staff_duty_no_roster}</p>
                    <p><a class="button" href="/staff/roster">{t().staff_roster_import}</a></p>
                </div>
            }
            .into_any();
        }
        let Some(list) = rows.get() else { return ().into_any() };
        let (n, flagged) = flagged_count(&list);
        let y = year.get_untracked();
        view! {
            {d.records.is_empty().then(|| view! {
                <p class="notice">{t().staff_duty_no_records}" "<a href="/staff/import">{t().staff_nav_import}</a></p>
            })}
            {(d.records.skipped > 0).then(|| view! { <p class="notice warning-note">{(t().staff_duty_skipped)(d.records.skipped)}</p> })}
            <div class="duty-summary">
                <p class="duty-count" role="status">{(t().staff_duty_count)(n, flagged)}</p>
                <div class="duty-export">
                    <button type="button" class="button small export-xlsx" on:click=move |_| export(true)>{t().staff_duty_export_xlsx}</button>
                    <button type="button" class="button small export-csv" on:click=move |_| export(false)>{t().staff_duty_export_csv}</button>
                </div>
            </div>
            <p class="error" role="alert">{move || export_error.get().then(|| t().staff_duty_export_failed)}</p>
            <table class="staff-table duty-table">
                <thead>
                    <tr>
                        <SortHeader col=0 by=ScoreSort::Name sort />
                        <th scope="col">{t().staff_score_columns[1]}</th>
                        <SortHeader col=2 by=ScoreSort::Sector sort />
                        <SortHeader col=3 by=ScoreSort::Total sort />
                        <th scope="col">{t().staff_score_columns[4]}</th>
                        <th scope="col">{t().staff_score_columns[5]}</th>
                        <th scope="col"><span class="sr-only">{t().staff_member_file}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|r| view! { <DutyRow r year=y /> }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };

    view! {
        <header class="page-header"><h1>{ctx.text(|t| t.staff_nav_duty)}</h1></header>
        <div class="toolbar duty-toolbar">
            <div class="filters">
                <select aria-label=ctx.text(|t| t.filter_year) prop:value=move || year.get().to_string()
                    on:change=move |ev| { if let Ok(y) = event_target_value(&ev).parse() { year.set(y) } }>
                    <YearOptions />
                </select>
                <RulesSelect rc />
            </div>
        </div>
        {table}
        <RulesFileLoader rc />
    }
}

/// A sortable column header: a button inside, `aria-sort` on the cell.
#[component]
fn SortHeader(col: usize, by: ScoreSort, sort: RwSignal<(ScoreSort, bool)>) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let state = move || match sort.get() {
        (s, true) if s == by => "descending",
        (s, false) if s == by => "ascending",
        _ => "none",
    };
    let click = move |_| {
        sort.update(|(s, desc)| {
            if *s == by {
                *desc = !*desc;
            } else {
                // Totals read best from the top; names and sectors from the start.
                *s = by;
                *desc = by == ScoreSort::Total;
            }
        })
    };
    let label = move || ctx.t().staff_score_columns[col];
    view! {
        <th scope="col" aria-sort=state class="sortable">
            <button type="button" class="sort-button" title=move || (ctx.t().staff_duty_sort_by)(label()) on:click=click>
                {label}
                <span class="sort-mark" aria-hidden="true">{move || match state() {
                    "descending" => "▼",
                    "ascending" => "▲",
                    _ => "↕",
                }}</span>
            </button>
        </th>
    }
}

#[component]
fn DutyRow(r: ScoreRow, year: i32) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = ctx.t();
    let verdict = match (r.pass, r.excellent) {
        (None, _) => "",
        (Some(true), Some(true)) => t.staff_score_excellent,
        (Some(true), _) => t.staff_score_pass,
        (Some(false), _) => t.staff_score_fail,
    };
    let missing: Vec<String> = r.missing.iter().map(|m| t.missing(m)).collect();
    let href = member_href(&r.member_id, year);
    view! {
        <tr class:flagged=r.flagged data-member=r.member_id.clone()>
            <td><a href=href.clone()>{r.name.clone()}</a></td>
            <td class="nowrap">{r.member_id.clone()}</td>
            <td>{r.sector.clone()}</td>
            <td class="num">{r.total.to_string()}</td>
            <td class="nowrap">
                {r.flagged.then(|| view! { <span class="flag-icon" role="img" aria-label=t.staff_duty_flagged title=t.staff_duty_flagged>"⚠"</span> })}
                <span class=if r.flagged { "verdict bad" } else if r.pass.is_some() { "verdict good" } else { "" }>{verdict}</span>
            </td>
            <td class="missing-cell">{missing.join(t.staff_missing_sep)}</td>
            <td class="nowrap"><a class="button small" href=href>{t.staff_member_open}</a></td>
        </tr>
    }
}
