//! 提案线索: capture in two taps (open this page, type, 保存), list, and turn a clue into
//! a proposal draft that links back to it.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::domain::clue::{Clue, ClueLimits, ClueProblem};
use crate::store::PageCursor;
use crate::ui::components::page_header::PageHeader;
use crate::ui::service::{new_id, now_ms, store_error_text, this_year, today_iso, AppCtx};

const PAGE_SIZE: u32 = 20;

#[component]
pub fn CluesPage() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = move || ctx.t();
    let navigate = use_navigate();

    let clues = RwSignal::new(Vec::<Clue>::new());
    let next = RwSignal::new(None::<PageCursor>);
    let error = RwSignal::new(None::<String>);
    let problems = RwSignal::new(Vec::<ClueProblem>::new());
    let saved = RwSignal::new(false);

    let fetch = move |more: bool| {
        let after = if more { next.get_untracked() } else { None };
        spawn_local(async move {
            let result = match ctx.clues() {
                Ok(store) => store.list(after, PAGE_SIZE).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(page) => {
                    if more {
                        clues.update(|v| v.extend(page.items));
                    } else {
                        clues.set(page.items);
                    }
                    next.set(page.next);
                }
                Err(e) => error.set(Some(store_error_text(ctx.t(), &e).to_string())),
            }
        });
    };
    fetch(false);

    let text = NodeRef::<html::Textarea>::new();
    let place = NodeRef::<html::Input>::new();
    let date = NodeRef::<html::Input>::new();
    // The capture box is ready to type into as soon as the page opens (the first tap).
    Effect::new(move |_| {
        if let Some(el) = text.get() {
            let _ = el.focus();
        }
    });

    let save = move |_| {
        let value = |r: NodeRef<html::Input>| r.get_untracked().map(|e| e.value()).unwrap_or_default();
        let body = text.get_untracked().map(|e| e.value()).unwrap_or_default();
        let day = value(date);
        let year = day.get(..4).and_then(|y| y.parse().ok()).unwrap_or_else(this_year);
        let clue = Clue::new(new_id(), body.trim().to_string(), value(place).trim().to_string(), day, year, now_ms());
        if let Err(found) = clue.validate(&ClueLimits::default()) {
            problems.set(found);
            saved.set(false);
            return;
        }
        problems.set(Vec::new());
        spawn_local(async move {
            let result = match ctx.clues() {
                Ok(store) => store.save(&clue).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => {
                    // The form is cleared only after the clue is safely stored.
                    if let Some(el) = text.get_untracked() {
                        el.set_value("");
                    }
                    saved.set(true);
                    clues.update(|v| v.insert(0, clue));
                }
                Err(e) => error.set(Some((t().save_failed)(store_error_text(t(), &e)))),
            }
        });
    };

    // A double tap must not make two drafts from one clue.
    let drafting = StoredValue::new(false);
    let to_proposal = move |clue: Clue| {
        let Some(profile) = ctx.profile.get_untracked() else { return };
        if drafting.get_value() {
            return;
        }
        drafting.set_value(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let now = now_ms();
            let draft = clue.to_proposal_draft(new_id(), &profile, now, this_year());
            let mut linked = clue.clone();
            linked.link_proposal(draft.id.clone(), now);
            let result = match ctx.clues() {
                Ok(store) => store.draft_proposal(&linked, &draft).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => navigate(&format!("/proposals/{}", draft.id), Default::default()),
                Err(e) => {
                    error.set(Some((t().save_failed)(store_error_text(t(), &e))));
                    drafting.try_set_value(false);
                }
            }
        });
    };
    let to_proposal = StoredValue::new(to_proposal);

    let problem_text = move || problems.with(|ps| ps.iter().map(|p| t().clue_problem(*p)).collect::<Vec<_>>().join("；"));

    view! {
        <PageHeader title=ctx.text(|t| t.clues_title)>
            <A href="/proposals" attr:class="button small">{ctx.text(|t| t.tab_proposals)}</A>
        </PageHeader>
        <section class="card capture">
            <label for="clue-text" class="label">{ctx.text(|t| t.clue_capture)}</label>
            <p class="hint" id="clue-hint">{ctx.text(|t| t.clue_hint)}</p>
            <textarea id="clue-text" node_ref=text rows="4" aria-describedby="clue-hint clue-error"
                on:input=move |_| saved.set(false)></textarea>
            <div class="capture-meta">
                <label for="clue-place" class="sr-only">{ctx.text(|t| t.clue_place)}</label>
                <input id="clue-place" node_ref=place type="text" placeholder=ctx.text(|t| t.clue_place) />
                <label for="clue-date" class="sr-only">{ctx.text(|t| t.clue_date)}</label>
                <input id="clue-date" node_ref=date type="date" value=today_iso() />
            </div>
            <p class="error" id="clue-error" role="alert">{problem_text}</p>
            <p class="save-error" role="alert">{move || error.get()}</p>
            <div class="form-actions">
                <span class="ok-note" role="status">{move || saved.get().then(|| t().clue_saved)}</span>
                <button type="button" class="button primary" on:click=save>{ctx.text(|t| t.save)}</button>
            </div>
        </section>
        <Show when=move || clues.with(Vec::is_empty)>
            <p class="empty-state">{ctx.text(|t| t.clues_empty)}</p>
        </Show>
        <ul class="cards">
            <For each=move || clues.get() key=|c| (c.id.clone(), c.updated_ms) let:clue>
                <li class="card clue">
                    <p class="clue-text">{clue.text.clone()}</p>
                    <p class="card-meta">
                        <span>{clue.date.clone()}</span>
                        <span>{clue.place.clone()}</span>
                    </p>
                    {match clue.proposal_id.clone() {
                        Some(pid) => view! {
                            <A href=format!("/proposals/{pid}") attr:class="button small">{ctx.text(|t| t.clue_open_proposal)}</A>
                        }.into_any(),
                        None => {
                            let c = clue.clone();
                            view! {
                                <button type="button" class="button small"
                                    on:click=move |_| to_proposal.with_value(|f| f(c.clone()))>
                                    {ctx.text(|t| t.clue_to_proposal)}
                                </button>
                            }.into_any()
                        }
                    }}
                </li>
            </For>
        </ul>
        <Show when=move || next.with(Option::is_some)>
            <div class="more"><button type="button" class="button" on:click=move |_| fetch(true)>{ctx.text(|t| t.load_more)}</button></div>
        </Show>
    }
}
