//! 履职记录: the member's activities by month, newest first, with this year's counts per
//! kind; filter by year and kind, search by words; paged from IndexedDB indexes.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::duty::{format_hours, DutyKind, DutyLog};
use crate::domain::text::fold;
use crate::store::DutyFilter;
use crate::ui::components::{empty_state::EmptyState, page_header::PageHeader};
use crate::ui::components::year_options::YearOptions;
use crate::ui::paging::{debounced, MoreFooter, Paged};
use crate::ui::service::{new_id, store_error_text, this_year, AppCtx};
use crate::ui::timing;

use super::kinds::KindOptions;

const PAGE_SIZE: u32 = 30;

/// One line of the list: a month heading or an entry.
#[derive(Clone)]
enum Line {
    Month(String),
    Entry(DutyLog),
}

#[component]
pub fn DutyPage() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = move || ctx.t();

    let filter = RwSignal::new(DutyFilter::default());
    let counts = RwSignal::new(Vec::<(DutyKind, u32)>::new());
    let counted_year = move || filter.with(|f| f.year).unwrap_or_else(this_year);
    let list = Paged::<DutyLog>::new();
    let fetch = move |more: bool| {
        let f = filter.get_untracked();
        let year = counted_year();
        if !more {
            timing::mark("lvzhi:duty-list:start");
        }
        list.fetch(
            more,
            move |after| async move {
                let store = ctx.duty()?;
                let page = store.list(&f, after, PAGE_SIZE).await?;
                // This year's counts per kind come with the first page.
                let c = if more { None } else { Some(store.count_by_kind(year).await?) };
                Ok((page, c))
            },
            move |c| {
                if let Some(c) = c {
                    counts.set(c);
                }
                // The first page: store calls + render, until the frame that shows it.
                request_animation_frame(|| timing::measure("lvzhi:duty-list", "lvzhi:duty-list:start"));
            },
        );
    };
    Effect::new(move |_| {
        filter.track();
        fetch(false);
    });
    let on_search = debounced(move |value: String| filter.update(|f| f.words = value.split_whitespace().map(fold).collect()));
    let Paged { items, next, loading, slow, error, .. } = list;

    // Month headings between entries ("2026年3月"), keyed so paging appends without redraws.
    let lines = move || {
        let mut out = Vec::new();
        let mut month = String::new();
        items.with(|v| {
            for log in v {
                let m = log.date.get(..7).unwrap_or_default();
                if m != month {
                    month = m.to_string();
                    out.push(Line::Month(month.clone()));
                }
                out.push(Line::Entry(log.clone()));
            }
        });
        out
    };
    let total = move || counts.with(|c| c.iter().map(|(_, n)| n).sum::<u32>());
    let year = this_year();
    let filtered = move || filter.with(|f| *f != DutyFilter::default());
    let new_href = move || format!("/duty/log/{}", new_id());

    view! {
        <PageHeader title=ctx.text(|t| t.tab_duty)>
            <A href=new_href attr:class="button primary small">{ctx.text(|t| t.duty_new)}</A>
        </PageHeader>
        <nav class="subnav" aria-label=ctx.text(|t| t.tab_duty)>
            <A href="/duty/reports" attr:class="button small">{ctx.text(|t| t.duty_reports)}</A>
            <A href="/duty/score" attr:class="button small">{ctx.text(|t| t.duty_score)}</A>
            <A href=format!("/duty/report/{year}") attr:class="button small">{ctx.text(|t| t.duty_year_report)}</A>
        </nav>
        <section class="card kind-counts" aria-live="polite">
            <p class="label">{move || (t().duty_year_total)(counted_year(), total())}</p>
            <ul class="chips">
                <For each=move || counts.get() key=|(k, n)| (*k, *n) let:item>
                    <li>
                        <button type="button" class="chip" aria-pressed=move || filter.with(|f| f.kind == Some(item.0)).to_string()
                            on:click=move |_| filter.update(|f| f.kind = if f.kind == Some(item.0) { None } else { Some(item.0) })>
                            {move || t().duty_kind(item.0)}" "<b>{item.1}</b>
                        </button>
                    </li>
                </For>
            </ul>
        </section>
        <div class="toolbar" role="search">
            <input type="search" class="search" enterkeyhint="search"
                aria-label=ctx.text(|t| t.duty_search) placeholder=ctx.text(|t| t.duty_search) on:input=on_search />
            <div class="filters two">
                <select aria-label=ctx.text(|t| t.filter_year)
                    on:change=move |ev| filter.update(|f| f.year = event_target_value(&ev).parse().ok())>
                    <option value="">{ctx.text(|t| t.filter_any_year)}</option>
                    <YearOptions />
                </select>
                <select aria-label=ctx.text(|t| t.duty_kind)
                    prop:value=move || filter.with(|f| f.kind.map(|k| k.as_str()).unwrap_or_default())
                    on:change=move |ev| filter.update(|f| f.kind = DutyKind::from_code(&event_target_value(&ev)))>
                    <option value="">{ctx.text(|t| t.filter_any_kind)}</option>
                    <KindOptions selected=None />
                </select>
            </div>
        </div>
        <p class="save-error" role="alert">{move || error.with(|e| e.as_ref().map(|e| store_error_text(t(), e)))}</p>
        <Show when=move || !items.with(Vec::is_empty) || loading.get() fallback=move || if filtered() {
            view! { <p class="empty-state">{ctx.text(|t| t.search_empty)}</p> }.into_any()
        } else {
            view! { <EmptyState title=ctx.text(|t| t.duty_empty_title) body=ctx.text(|t| t.duty_empty_body) /> }.into_any()
        }>
            <ul class="cards duty-list">
                <For each=lines key=|l| match l { Line::Month(m) => format!("m{m}"), Line::Entry(e) => format!("{}{}", e.id, e.updated_ms) } let:line>
                    {match line {
                        Line::Month(m) => {
                            let (y, mo) = (m.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0), m.get(5..7).and_then(|x| x.parse().ok()).unwrap_or(0));
                            view! { <li class="month"><h2>{move || (t().duty_month)(y, mo)}</h2></li> }.into_any()
                        }
                        Line::Entry(log) => view! { <DutyCard log /> }.into_any(),
                    }}
                </For>
            </ul>
        </Show>
        <MoreFooter has_next=Signal::derive(move || next.with(Option::is_some)) slow more=Callback::new(move |()| fetch(true)) />
    }
}

#[component]
fn DutyCard(log: DutyLog) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = move || ctx.t();
    let kind = log.kind;
    let title = log.title.clone();
    let titled = !title.is_empty();
    let day = log.date.get(5..).unwrap_or(&log.date).to_string();
    let photos = log.photo_ids.len();
    let thumb = log.photo_ids.first().cloned();
    view! {
        <li>
            <A href=format!("/duty/log/{}", log.id) attr:class="card duty-card">
                <span class="duty-day">{day}</span>
                <span class="duty-body">
                    <span class="card-title">{move || if title.is_empty() { t().duty_kind(kind).to_string() } else { title.clone() }}</span>
                    <span class="card-meta">
                        {titled.then(|| view! { <span class="kind-tag">{move || t().duty_kind(kind)}</span> })}
                        {(!log.place.is_empty()).then(|| view! { <span>{log.place.clone()}</span> })}
                        {log.people.map(|n| view! { <span>{move || (t().duty_people_n)(n)}</span> })}
                        {log.hours_tenths.map(|h| view! { <span>{move || (t().duty_hours_n)(&format_hours(h))}</span> })}
                        {(photos > 0).then(|| view! { <span>{move || (t().duty_photos_n)(photos)}</span> })}
                    </span>
                </span>
                {thumb.map(|id| view! { <super::photos::Thumb id /> })}
            </A>
        </li>
    }
}
