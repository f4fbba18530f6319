//! 提案: every member's proposals as staff hold them, newest first, filtered by status,
//! year and 界别 and searched by words; paged from the `staff_items` indexes. Each title
//! opens the proposal's review page.

use leptos::prelude::*;

use super::service::StaffCtx;
use crate::domain::lifecycle::Status;
use crate::domain::proposal::{Category, Proposal};
use crate::domain::text::fold;
use crate::store::{ProposalInboxFilter, StaffItem};
use crate::ui::paging::{debounced, Paged};
use crate::ui::components::year_options::YearOptions;
use crate::ui::service::{short_time, store_error_text, AppCtx};

const PAGE_SIZE: u32 = 30;

#[component]
pub fn ProposalsPage() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let staff = StaffCtx::use_ctx();
    let t = move || ctx.t();
    let filter = RwSignal::new(ProposalInboxFilter::default());
    let list = Paged::<StaffItem>::new();
    let fetch = move |more: bool| {
        let f = filter.get_untracked();
        list.fetch(more, move |after| async move { Ok((staff.staff()?.proposals(&f, after, PAGE_SIZE).await?, ())) }, |()| {});
    };
    Effect::new(move |_| {
        filter.track();
        fetch(false);
    });
    let on_search = debounced(move |value: String| filter.update(|f| f.words = value.split_whitespace().map(fold).collect()));
    let Paged { items, next, error, .. } = list;

    view! {
        <header class="page-header"><h1>{ctx.text(|t| t.staff_nav_proposals)}</h1></header>
        <div class="toolbar" role="search">
            <input type="search" class="search" aria-label=ctx.text(|t| t.proposal_search) placeholder=ctx.text(|t| t.proposal_search)
                on:input=on_search />
            <div class="filters">
                <select aria-label=ctx.text(|t| t.filter_status)
                    on:change=move |ev| filter.update(|f| f.status = Status::from_code(&event_target_value(&ev)).map(|s| s.as_str().to_string()))>
                    <option value="">{ctx.text(|t| t.filter_any_status)}</option>
                    {Status::ALL.into_iter().filter(|s| *s != Status::Draft).map(|s| view! {
                        <option value=s.as_str()>{move || t().status(s)}</option>
                    }).collect_view()}
                </select>
                <select aria-label=ctx.text(|t| t.filter_year)
                    on:change=move |ev| filter.update(|f| f.year = event_target_value(&ev).parse().ok())>
                    <option value="">{ctx.text(|t| t.filter_any_year)}</option>
                    <YearOptions />
                </select>
                <select aria-label=ctx.text(|t| t.field_sector)
                    on:change=move |ev| { let v = event_target_value(&ev); filter.update(|f| f.sector = (!v.is_empty()).then_some(v)) }>
                    <option value="">{ctx.text(|t| t.staff_any_sector)}</option>
                    {crate::domain::member::SECTORS.iter().map(|s| view! { <option value=*s>{*s}</option> }).collect_view()}
                </select>
            </div>
            <super::sheets::ExportButtons filter />
        </div>
        <p class="save-error" role="alert">{move || error.with(|e| e.as_ref().map(|e| store_error_text(t(), e)))}</p>
        <Show when=move || !items.with(Vec::is_empty) fallback=move || view! { <p class="empty-state">{ctx.text(|t| t.staff_no_proposals)}</p> }>
            <table class="staff-table proposal-inbox">
                <thead>
                    <tr>
                        <th scope="col">{ctx.text(|t| t.proposal_title)}</th>
                        <th scope="col">{ctx.text(|t| t.proposer)}</th>
                        <th scope="col">{ctx.text(|t| t.field_sector)}</th>
                        <th scope="col">{ctx.text(|t| t.proposal_category)}</th>
                        <th scope="col">{ctx.text(|t| t.filter_status)}</th>
                        <th scope="col">{ctx.text(|t| t.staff_received_at)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || items.get() key=|i| (i.key.clone(), i.rev) let:item>
                        <InboxRow item />
                    </For>
                </tbody>
            </table>
        </Show>
        <Show when=move || next.with(Option::is_some)>
            <div class="more"><button type="button" class="button" on:click=move |_| fetch(true)>{ctx.text(|t| t.load_more)}</button></div>
        </Show>
    }
}

#[component]
fn InboxRow(item: StaffItem) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = move || ctx.t();
    let p: Option<Proposal> = serde_json::from_value(item.data.clone()).ok();
    let Some(p) = p else {
        return view! { <tr><td colspan="6">{item.id.clone()}</td></tr> }.into_any();
    };
    let status = p.status;
    let category: Option<Category> = p.category;
    let title = if p.title.trim().is_empty() { ctx.t().untitled.to_string() } else { p.title.clone() };
    view! {
        <tr>
            <td>
                <a class="card-title" href=super::review::href(&item.key)>{title}</a>
                {p.filed_number.clone().map(|n| view! { <span class="muted">" "{n}</span> })}
            </td>
            <td>{format!("{}（{}）", p.proposer.name, p.proposer.member_id)}</td>
            <td>{item.sector.clone()}</td>
            <td>{move || category.map(|c| t().category(c)).unwrap_or_default()}</td>
            <td><span class=format!("status status-{}", status.as_str())>{move || t().status(status)}</span></td>
            <td class="nowrap">{short_time(item.received_ms)}</td>
        </tr>
    }
    .into_any()
}
