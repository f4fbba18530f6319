//! The proposal list: newest first, search by words, filter by status, year and category,
//! paged from IndexedDB indexes (a page at a time, never the whole store).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::domain::lifecycle::Status;
use crate::domain::proposal::{Category, Proposal};
use crate::store::ProposalFilter;
use crate::ui::components::{empty_state::EmptyState, page_header::PageHeader};
use crate::ui::components::year_options::YearOptions;
use crate::ui::paging::{debounced, MoreFooter, Paged};
use crate::ui::timing;
use crate::ui::service::{new_id, now_ms, short_time, store_error_text, this_year, AppCtx};

const PAGE_SIZE: u32 = 20;

#[component]
pub fn ProposalsPage() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let navigate = use_navigate();

    let filter = RwSignal::new(ProposalFilter::default());
    let count = RwSignal::new(None::<u32>);
    let list = Paged::<Proposal>::new();
    let fetch = move |more: bool| {
        let f = filter.get_untracked();
        timing::mark("lvzhi:list:start");
        list.fetch(
            more,
            move |after| async move {
                timing::mark("lvzhi:query:start");
                let store = ctx.proposals()?;
                let (page, n) = if more {
                    (store.list(&f, after, PAGE_SIZE).await?, None)
                } else {
                    store.first_page(&f, PAGE_SIZE).await?
                };
                timing::measure("lvzhi:query", "lvzhi:query:start");
                Ok((page, n))
            },
            move |n| {
                count.set(n);
                // Query + render, until the frame that shows it (read by the benchmark).
                request_animation_frame(|| {
                    timing::measure("lvzhi:list", "lvzhi:list:start");
                    timing::ready();
                });
            },
        );
    };
    Effect::new(move |_| {
        filter.track();
        fetch(false);
    });
    let Paged { items, next, loading, slow, error, .. } = list;

    // A double tap must not make two drafts.
    let creating = StoredValue::new(false);
    let create = move |_| {
        let Some(profile) = ctx.profile.get_untracked() else { return };
        if creating.get_value() {
            return;
        }
        creating.set_value(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let draft = Proposal::new_draft(new_id(), &profile, now_ms(), this_year());
            let saved = match ctx.proposals() {
                Ok(store) => store.save(&draft, false, draft.created_ms).await,
                Err(e) => Err(e),
            };
            match saved {
                Ok(()) => navigate(&format!("/proposals/{}", draft.id), Default::default()),
                Err(e) => {
                    error.set(Some(e));
                    creating.try_set_value(false);
                }
            }
        });
    };

    // The search box owns its text (IME-safe); the filter follows it after a pause.
    let on_search = debounced(move |value: String| filter.update(|f| f.words = value));
    let filtered = move || filter.with(|f| *f != ProposalFilter::default());

    view! {
        <PageHeader title=ctx.text(|t| t.tab_proposals)>
            <A href="/clues" attr:class="button small">{ctx.text(|t| t.clue_capture)}</A>
            <button type="button" class="button primary small" on:click=create>
                {ctx.text(|t| t.proposal_new)}
            </button>
        </PageHeader>
        <div class="toolbar" role="search">
            <input type="search" class="search" enterkeyhint="search"
                aria-label=ctx.text(|t| t.proposal_search) placeholder=ctx.text(|t| t.proposal_search)
                on:input=on_search />
            <div class="filters">
                <select aria-label=ctx.text(|t| t.filter_status)
                    on:change=move |ev| filter.update(|f| f.status = Status::from_code(&event_target_value(&ev)))>
                    <option value="">{ctx.text(|t| t.filter_any_status)}</option>
                    {Status::ALL.into_iter().map(|s| view! {
                        <option value=s.as_str()>{move || ctx.t().status(s)}</option>
                    }).collect_view()}
                </select>
                <select aria-label=ctx.text(|t| t.filter_year)
                    on:change=move |ev| filter.update(|f| f.year = event_target_value(&ev).parse().ok())>
                    <option value="">{ctx.text(|t| t.filter_any_year)}</option>
                    <YearOptions />
                </select>
                <select aria-label=ctx.text(|t| t.proposal_category)
                    on:change=move |ev| filter.update(|f| f.category = Category::from_code(&event_target_value(&ev)))>
                    <option value="">{ctx.text(|t| t.filter_any_category)}</option>
                    {Category::ALL.into_iter().map(|c| view! {
                        <option value=c.as_str()>{move || ctx.t().category(c)}</option>
                    }).collect_view()}
                </select>
            </div>
        </div>
        <p class="save-error" role="alert">{move || error.with(|e| e.as_ref().map(|e| store_error_text(ctx.t(), e)))}</p>
        <p class="list-count" aria-live="polite">{move || count.get().filter(|n| *n > 0).map(|n| (ctx.t().list_count)(n))}</p>
        <Show when=move || !items.with(Vec::is_empty) || loading.get() fallback=move || if filtered() {
            view! { <p class="empty-state">{ctx.text(|t| t.search_empty)}</p> }.into_any()
        } else {
            view! { <EmptyState title=ctx.text(|t| t.proposals_empty_title) body=ctx.text(|t| t.proposals_empty_body) /> }.into_any()
        }>
            <ul class="cards">
                <For each=move || items.get() key=|p| (p.id.clone(), p.updated_ms) let:p>
                    <ProposalCard p />
                </For>
            </ul>
        </Show>
        <MoreFooter has_next=Signal::derive(move || next.with(Option::is_some)) slow more=Callback::new(move |()| fetch(true)) />
    }
}

#[component]
fn ProposalCard(p: Proposal) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let href = format!("/proposals/{}", p.id);
    let status = p.status;
    let category = p.category;
    let untitled = p.title.trim().is_empty();
    let title = p.title.clone();
    let when = short_time(p.updated_ms);
    view! {
        <li>
            <A href=href attr:class="card proposal-card">
                <span class="card-title" class:muted=untitled>
                    {move || if untitled { ctx.t().untitled.to_string() } else { title.clone() }}
                </span>
                <span class="card-meta">
                    <span class=format!("status status-{}", status.as_str())>{move || ctx.t().status(status)}</span>
                    {category.map(|c| view! { <span>{move || ctx.t().category(c)}</span> })}
                    {p.filed_number.clone().map(|n| view! { <span>{n}</span> })}
                    <span>{move || (ctx.t().updated_at)(&when)}</span>
                </span>
            </A>
        </li>
    }
}
