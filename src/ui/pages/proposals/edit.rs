//! The proposal editor (提案表): every field of the form, live counters, autosave that
//! cannot lose work, a duplicate-title hint, submission, and the frozen view after it.
//!
//! Inputs are uncontrolled: their text is set once when the editor mounts and read through
//! `NodeRef`s. Whenever the stored record changes from outside the form (submission,
//! revision, restore), the editor is mounted afresh from storage instead of writing into
//! inputs, so an open IME composition is never disturbed.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use wasm_bindgen::JsCast;

use crate::domain::lifecycle::{record, Actor, EventKind, ProposalEvent};
use crate::domain::proposal::{
    unit_suggestions, Category, CoSigner, Counter, Proposal, ProposalField, ProposalLimits, ProposalProblem, UNIT_SEPARATORS,
};
use crate::domain::similarity::{similar, HINT_THRESHOLD};
use crate::domain::text::char_len;
use crate::store::StoreError;
use crate::ui::autosave::{flush_on_leave, open_record, Autosave, SaveFuture, SaveState};
use crate::ui::components::page_header::PageHeader;
use crate::ui::journal;
use crate::ui::service::{new_id, now_ms, store_error_text, AppCtx};

/// How many earlier units the 协办 box offers at once.
const UNITS_OFFERED: usize = 12;

/// `/proposals/:id`: loads the record (recovering a newer journal) and mounts the editor.
#[component]
pub fn ProposalEditPage() -> impl IntoView {
    let params = use_params_map();
    move || params.with(|p| p.get("id")).map(|id| view! { <EditorLoader id /> })
}

#[derive(Clone)]
enum Loaded {
    Loading,
    Missing,
    Failed(StoreError),
    Ready { proposal: Proposal, recovered: bool },
}

#[component]
fn EditorLoader(id: String) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let id = StoredValue::new(id);
    let state = RwSignal::new(Loaded::Loading);
    let load = move || {
        // Through Loading, so a reload replaces the editor's DOM instead of patching it
        // (a patched input would keep the text typed before).
        state.set(Loaded::Loading);
        spawn_local(async move {
            let Some(id) = id.try_get_value() else { return };
            state.set(match load_with_journal(ctx, &id).await {
                Ok(Some((proposal, recovered))) => Loaded::Ready { proposal, recovered },
                Ok(None) => Loaded::Missing,
                Err(e) => Loaded::Failed(e),
            });
        });
    };
    load();
    let reload = Callback::new(move |_| load());

    move || match state.get() {
        Loaded::Loading => view! { <p class="boot">{ctx.text(|t| t.list_loading)}</p> }.into_any(),
        Loaded::Missing => view! {
            <PageHeader title=ctx.text(|t| t.tab_proposals) />
            <section class="empty-state">
                <p>{ctx.text(|t| t.proposal_not_found)}</p>
                <A href="/proposals" attr:class="button">{ctx.text(|t| t.back_to_list)}</A>
            </section>
        }
        .into_any(),
        Loaded::Failed(e) => view! {
            <PageHeader title=ctx.text(|t| t.tab_proposals) />
            <p class="save-error" role="alert">{move || store_error_text(ctx.t(), &e)}</p>
        }
        .into_any(),
        Loaded::Ready { proposal, recovered } => view! { <Editor initial=proposal recovered reload /> }.into_any(),
    }
}

/// The stored proposal, or the journaled one when it is newer (typed, then the tab died
/// before IndexedDB held it); a recovered journal is stored at once.
async fn load_with_journal(ctx: AppCtx, id: &str) -> Result<Option<(Proposal, bool)>, StoreError> {
    let store = ctx.proposals()?;
    let stored = store.get(id).await?;
    let newer = |j: &Proposal, s: &Proposal| {
        j.id == s.id && j.rev == s.rev && !s.is_text_frozen() && j.updated_ms > s.updated_ms && !j.same_text(s)
    };
    // Drafts are created stored, so a journal without its record belongs to a deleted one.
    open_record(id, stored, newer, false, async |p: &Proposal| store.save(p, true, now_ms()).await).await
}

/// One co-signer row; `key` stays with the row when rows move, so inputs move with it.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    key: u32,
    name: String,
    member_id: String,
}

#[component]
fn Editor(initial: Proposal, recovered: bool, reload: Callback<()>) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = move || ctx.t();
    let limits = ProposalLimits::default();
    let title_max = limits.title_max;
    let body_max = limits.body_max;
    let frozen = initial.is_text_frozen();
    let id = initial.id.clone();

    let title = NodeRef::<html::Input>::new();
    let category = NodeRef::<html::Select>::new();
    let sector = NodeRef::<html::Input>::new();
    let reasons = NodeRef::<html::Textarea>::new();
    let suggestions = NodeRef::<html::Textarea>::new();
    let lead_unit = NodeRef::<html::Input>::new();
    let assisting = NodeRef::<html::Input>::new();
    let phone = NodeRef::<html::Input>::new();

    let rows = RwSignal::new(
        initial
            .co_signers
            .iter()
            .zip(0u32..)
            .map(|(c, key)| Row { key, name: c.name.clone(), member_id: c.member_id.clone() })
            .collect::<Vec<_>>(),
    );
    let next_key = StoredValue::new(initial.co_signers.len() as u32);

    let title_count = RwSignal::new(char_len(&initial.title));
    let body_count = RwSignal::new(char_len(&initial.reasons) + char_len(&initial.suggestions));
    let problems = RwSignal::new(Vec::<ProposalProblem>::new());
    let action_error = RwSignal::new(None::<String>);
    let save_state = RwSignal::new(if recovered { SaveState::Recovered } else { SaveState::Saved(initial.updated_ms) });
    let similar_titles = RwSignal::new(Vec::<(String, String, u8)>::new());
    let recent_titles = StoredValue::new(Vec::<(String, String)>::new());
    // Unit names typed in earlier proposals, offered while typing (a datalist).
    let recent_units = RwSignal::new(Vec::<String>::new());
    // The 协办 box as typed, for its own list: it holds several units, so each offer keeps
    // the units before the last separator (`unit_suggestions`).
    let assisting_typed = RwSignal::new(initial.assisting_units.join("、"));

    // Reads the whole form into a record, stamped now. Never writes to the form. `None`
    // once the editor is gone (a late timer or pagehide), so nothing half-read is saved.
    let base_for_read = std::rc::Rc::new(initial.clone());
    let read = move || {
        let mut p = (*base_for_read).clone();
        p.title = title.try_get_untracked()??.value();
        p.category = Category::from_code(&category.try_get_untracked()??.value());
        p.sector = sector.try_get_untracked()??.value();
        p.reasons = reasons.try_get_untracked()??.value();
        p.suggestions = suggestions.try_get_untracked()??.value();
        p.lead_unit = lead_unit.try_get_untracked()??.value();
        p.assisting_units = split_units(&assisting.try_get_untracked()??.value());
        p.phone = phone.try_get_untracked()??.value();
        p.co_signers = rows
            .try_get_untracked()?
            .into_iter()
            .map(|r| CoSigner { name: r.name, member_id: r.member_id })
            .collect();
        p.updated_ms = now_ms();
        Some(p)
    };

    let read_for_submit = StoredValue::new_local(read.clone());
    let autosave = Autosave::new(
        id.clone(),
        initial.clone(),
        save_state,
        read,
        Proposal::same_text,
        move |p: Proposal, snapshot: bool| -> SaveFuture {
            Box::pin(async move {
                let now = p.updated_ms;
                ctx.proposals()?.save(&p, snapshot, now).await
            })
        },
    );
    let autosave = StoredValue::new_local(autosave);
    // `try_`: events such as focusout also fire while the editor's DOM is being removed.
    let touched = move || {
        autosave.try_with_value(Autosave::touched);
    };
    let flush = move || {
        autosave.try_with_value(Autosave::flush);
    };

    if !frozen {
        flush_on_leave(autosave);
    }

    // The duplicate hint compares with the member's recent titles, loaded once.
    {
        let own = id.clone();
        spawn_local(async move {
            if let Ok(store) = ctx.proposals() {
                if let Ok(recent) = store.recent(300).await {
                    recent_titles.try_set_value(recent.titles.into_iter().filter(|(i, _)| *i != own).collect());
                    recent_units.set(recent.units);
                }
            }
        });
    }
    let own_id = StoredValue::new(id.clone());
    let update_hint = move |text: &str| {
        let found = recent_titles.try_with_value(|list| {
            similar(text, &own_id.get_value(), list.iter().map(|(i, t)| (i.as_str(), t.as_str())), HINT_THRESHOLD, 3)
                .into_iter()
                .filter_map(|(i, pct)| list.iter().find(|(id, _)| id == i).map(|(id, t)| (id.clone(), t.clone(), pct)))
                .collect::<Vec<_>>()
        });
        similar_titles.set(found.unwrap_or_default());
    };

    let on_title = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        title_count.set(char_len(&value));
        update_hint(&value);
        touched();
    };
    let on_body = move |_| {
        let len = |r: NodeRef<html::Textarea>| r.get_untracked().map(|e| char_len(&e.value())).unwrap_or(0);
        body_count.set(len(reasons) + len(suggestions));
        touched();
    };

    let error_for = move |field: ProposalField| {
        Signal::derive(move || {
            problems.with(|ps| {
                let msgs: Vec<String> =
                    ps.iter().filter(|p| p.field == field).map(|p| t().proposal_problem(*p)).collect();
                (!msgs.is_empty()).then(|| msgs.join("；"))
            })
        })
    };

    // Submitting: check, save what is typed, then record the event and remount frozen.
    let submit = move |_| {
        let Some(draft) = read_for_submit.with_value(|read| read()) else { return };
        if let Err(found) = draft.validate_for_submit(&limits) {
            problems.set(found);
            focus_first_problem();
            return;
        }
        problems.set(Vec::new());
        spawn_local(async move {
            let saver = autosave.get_value();
            let result = async {
                saver.finish().await?;
                let mut p = saver.base();
                let event = ProposalEvent {
                    id: new_id(),
                    proposal_id: p.id.clone(),
                    at_ms: now_ms(),
                    by: Actor::Member,
                    kind: EventKind::Submitted { rev: p.rev },
                };
                if let Err(e) = record(&mut p, &event, &ProposalLimits::default(), now_ms()) {
                    return Ok(Err(e));
                }
                let store = ctx.proposals()?;
                store.save(&p, true, now_ms()).await?;
                store.record_event(&p, &event).await?;
                Ok::<_, StoreError>(Ok(()))
            }
            .await;
            match result {
                Ok(Ok(())) => reload.run(()),
                Ok(Err(e)) => action_error.set(Some(t().transition_error(&e))),
                Err(e) => action_error.set(Some((t().save_failed)(store_error_text(t(), &e)))),
            }
        });
    };

    let revise = move |_| {
        spawn_local(async move {
            let result = async {
                let store = ctx.proposals()?;
                let Some(mut p) = store.get(&own_id.get_value()).await? else { return Ok(None) };
                let event = ProposalEvent {
                    id: new_id(),
                    proposal_id: p.id.clone(),
                    at_ms: now_ms(),
                    by: Actor::Member,
                    kind: EventKind::Revised { new_rev: p.rev + 1 },
                };
                if let Err(e) = record(&mut p, &event, &ProposalLimits::default(), now_ms()) {
                    return Ok(Some(e));
                }
                store.record_event(&p, &event).await?;
                Ok::<_, StoreError>(None)
            }
            .await;
            match result {
                Ok(None) => reload.run(()),
                Ok(Some(e)) => action_error.set(Some(t().transition_error(&e))),
                Err(e) => action_error.set(Some((t().save_failed)(store_error_text(t(), &e)))),
            }
        });
    };

    let navigate = use_navigate();
    let delete = move |_| {
        let confirmed = window().confirm_with_message(t().delete_confirm).unwrap_or(false);
        if !confirmed {
            return;
        }
        autosave.with_value(|a| {
            let a = a.clone();
            let navigate = navigate.clone();
            spawn_local(async move {
                let _ = a.finish().await;
                let result = match ctx.proposals() {
                    Ok(store) => store.delete_draft(&own_id.get_value()).await,
                    Err(e) => Err(e),
                };
                journal::clear(&own_id.get_value());
                match result {
                    Ok(()) => navigate("/proposals", Default::default()),
                    Err(e) => action_error.set(Some((t().save_failed)(store_error_text(t(), &e)))),
                }
            });
        });
    };

    let status_line = move || save_state.with(|s| s.text(t()));
    let status_failed = move || matches!(save_state.get(), SaveState::Failed(_));

    let counter = move |c: Counter| t().counter(c);
    let numbered_rows = move || rows.get().into_iter().enumerate().collect::<Vec<_>>();
    let p = initial;
    let for_revisions = p.clone();
    let selected_category = p.category;
    let status = p.status;
    let is_new_draft = !frozen && p.rev == 1;

    view! {
        <PageHeader title=Signal::derive(move || t().status(status))>
            <span class="save-status" class:failed=status_failed role="status" aria-live="polite">{status_line}</span>
        </PageHeader>

        {frozen.then(|| view! {
            <div class="notice">
                <p>{ctx.text(|t| t.frozen_note)}</p>
                <button type="button" class="button" on:click=revise>{ctx.text(|t| t.revise)}</button>
            </div>
        })}
        {p.filed_number.clone().map(|n| view! { <p class="filed-number">{n}</p> })}
        <div class="print-only print-head">
            <p class="committee">{ctx.profile.get_untracked().map(|m| m.committee).unwrap_or_default()}</p>
            <h1>{ctx.text(|t| t.print_title)}</h1>
            <p class="number">{p.filed_number.clone().unwrap_or_default()}</p>
        </div>

        <form class="form proposal-form" novalidate
            on:input=move |_| touched()
            on:focusout=move |_| flush()
            on:submit=move |ev: leptos::ev::SubmitEvent| ev.prevent_default()>
            <p class="form-summary" role="alert">
                {move || { let n = problems.with(Vec::len); (n > 0).then(|| (t().err_submit_incomplete)(n)) }}
            </p>

            <div class="field" class:has-error=move || error_for(ProposalField::Title).with(Option::is_some)>
                <label for="p-title">{ctx.text(|t| t.proposal_title)}<span class="req">{ctx.text(|t| t.required_mark)}</span></label>
                <p class="hint" id="p-title-hint">{ctx.text(|t| t.title_hint)}</p>
                <input id="p-title" node_ref=title type="text" value=p.title.clone() readonly=frozen
                    aria-describedby="p-title-hint p-title-count p-title-error" on:input=on_title />
                <p class="counter" id="p-title-count" class:over=move || { title_count.get() > title_max }>
                    {move || counter(Counter::new(title_count.get(), title_max))}
                </p>
                <p class="error" id="p-title-error">{error_for(ProposalField::Title)}</p>
                <Show when=move || !similar_titles.with(Vec::is_empty)>
                    <div class="similar" role="note">
                        <p>{ctx.text(|t| t.similar_title)}</p>
                        <ul>
                            <For each=move || similar_titles.get() key=|(id, _, _)| id.clone() let:item>
                                <li>
                                    <A href=format!("/proposals/{}", item.0)>{item.1.clone()}</A>
                                    " "<span class="muted">{move || (t().similarity)(item.2)}</span>
                                </li>
                            </For>
                        </ul>
                    </div>
                </Show>
            </div>

            <div class="field" class:has-error=move || error_for(ProposalField::Category).with(Option::is_some)>
                <label for="p-category">{ctx.text(|t| t.proposal_category)}<span class="req">{ctx.text(|t| t.required_mark)}</span></label>
                <select id="p-category" node_ref=category disabled=frozen aria-describedby="p-category-error">
                    <option value="" selected=selected_category.is_none()>{ctx.text(|t| t.category_choose)}</option>
                    {Category::ALL.into_iter().map(|c| view! {
                        <option value=c.as_str() selected=selected_category == Some(c)>{move || t().category(c)}</option>
                    }).collect_view()}
                </select>
                <p class="error" id="p-category-error">{error_for(ProposalField::Category)}</p>
            </div>

            <div class="field">
                <span class="label">{ctx.text(|t| t.proposer)}</span>
                <p class="static">{format!("{}（{}）", p.proposer.name, p.proposer.member_id)}</p>
            </div>

            <fieldset class="field co-signers" disabled=frozen>
                <legend>{ctx.text(|t| t.proposal_co_signers)}</legend>
                <p class="error">{error_for(ProposalField::CoSigners)}</p>
                <Show when=move || rows.with(Vec::is_empty)>
                    <p class="muted">{ctx.text(|t| t.co_signer_none)}</p>
                </Show>
                <ol class="rows">
                    <For each=numbered_rows key=|(i, r)| (*i, r.key) let:item>
                        <CoSignerRow index=item.0 row=item.1 rows touched problems />
                    </For>
                </ol>
                <button type="button" class="button small" on:click=move |_| {
                    let key = next_key.get_value();
                    next_key.set_value(key + 1);
                    rows.update(|rs| rs.push(Row { key, name: String::new(), member_id: String::new() }));
                    touched();
                }>{ctx.text(|t| t.co_signer_add)}</button>
            </fieldset>

            <div class="field" class:has-error=move || error_for(ProposalField::Sector).with(Option::is_some)>
                <label for="p-sector">{ctx.text(|t| t.field_sector)}</label>
                <input id="p-sector" node_ref=sector type="text" value=p.sector.clone() readonly=frozen aria-describedby="p-sector-error" />
                <p class="error" id="p-sector-error">{error_for(ProposalField::Sector)}</p>
            </div>

            <div class="field" class:has-error=move || error_for(ProposalField::Reasons).with(Option::is_some)>
                <label for="p-reasons">{ctx.text(|t| t.proposal_reasons)}<span class="req">{ctx.text(|t| t.required_mark)}</span></label>
                <textarea id="p-reasons" node_ref=reasons rows="8" readonly=frozen aria-describedby="p-body-count p-reasons-error"
                    on:input=on_body>{p.reasons.clone()}</textarea>
                <p class="error" id="p-reasons-error">{error_for(ProposalField::Reasons)}</p>
            </div>

            <div class="field" class:has-error=move || error_for(ProposalField::Suggestions).with(Option::is_some)>
                <label for="p-suggestions">{ctx.text(|t| t.proposal_suggestions)}<span class="req">{ctx.text(|t| t.required_mark)}</span></label>
                <p class="hint">{ctx.text(|t| t.suggestions_hint)}</p>
                <textarea id="p-suggestions" node_ref=suggestions rows="8" readonly=frozen aria-describedby="p-body-count p-suggestions-error"
                    on:input=on_body>{p.suggestions.clone()}</textarea>
                <p class="counter" id="p-body-count" class:over=move || { body_count.get() > body_max }>
                    {move || (t().labelled)(t().proposal_body, &counter(Counter::new(body_count.get(), body_max)))}
                </p>
                <p class="error" id="p-suggestions-error">{error_for(ProposalField::Suggestions)}</p>
                <p class="error">{error_for(ProposalField::Body)}</p>
            </div>

            <div class="field" class:has-error=move || error_for(ProposalField::LeadUnit).with(Option::is_some)>
                <label for="p-lead">{ctx.text(|t| t.proposal_lead_unit)}</label>
                <input id="p-lead" node_ref=lead_unit type="text" value=p.lead_unit.clone() readonly=frozen aria-describedby="p-lead-error" list="units-recent" />
                <datalist id="units-recent">
                    <For each=move || recent_units.get() key=|u| u.clone() let:u>
                        <option value=u></option>
                    </For>
                </datalist>
                <p class="error" id="p-lead-error">{error_for(ProposalField::LeadUnit)}</p>
            </div>

            <div class="field" class:has-error=move || error_for(ProposalField::AssistingUnits).with(Option::is_some)>
                <label for="p-assisting">{ctx.text(|t| t.proposal_assisting_units)}</label>
                <p class="hint" id="p-assisting-hint">{ctx.text(|t| t.units_hint)}</p>
                <input id="p-assisting" node_ref=assisting type="text" value=p.assisting_units.join("、") readonly=frozen
                    aria-describedby="p-assisting-hint p-assisting-error" list="units-assisting"
                    on:input=move |ev| assisting_typed.set(event_target_value(&ev)) />
                // Only the options change while typing, never the box, so an IME composition is untouched.
                <datalist id="units-assisting">
                    <For each=move || recent_units.with(|r| assisting_typed.with(|typed| unit_suggestions(typed, r, UNITS_OFFERED)))
                        key=|u| u.clone() let:u>
                        <option value=u></option>
                    </For>
                </datalist>
                <p class="error" id="p-assisting-error">{error_for(ProposalField::AssistingUnits)}</p>
            </div>

            <div class="field" class:has-error=move || error_for(ProposalField::Phone).with(Option::is_some)>
                <label for="p-phone">{ctx.text(|t| t.field_phone)}<span class="req">{ctx.text(|t| t.required_mark)}</span></label>
                <input id="p-phone" node_ref=phone type="tel" inputmode="tel" value=p.phone.clone() readonly=frozen aria-describedby="p-phone-error" />
                <p class="error" id="p-phone-error">{error_for(ProposalField::Phone)}</p>
            </div>

            // Picking a file also fires the form's input event; harmless, since the text is
            // unchanged and autosave then saves nothing.
            <super::attachments::Attachments proposal=p.clone() frozen />
            <p class="save-error" role="alert">{move || action_error.get()}</p>
            {(!frozen).then(|| view! {
                <p class="hint">{ctx.text(|t| t.submit_hint)}</p>
                <div class="form-actions">
                    {is_new_draft.then(|| view! {
                        <button type="button" class="button danger-text" on:click=delete.clone()>{ctx.text(|t| t.delete_draft)}</button>
                    })}
                    <button type="button" class="button primary" on:click=submit>{ctx.text(|t| t.submit)}</button>
                </div>
            })}
        </form>
        <div class="print-only signatures">
            <p>{ctx.text(|t| t.print_signatures)}</p>
            <div class="sign-line"></div>
            <div class="sign-line"></div>
            <div class="sign-line"></div>
        </div>
        <div class="no-print print-bar">
            <button type="button" class="button" on:click=move |_| { flush(); let _ = window().print(); }>
                {ctx.text(|t| t.print)}
            </button>
        </div>
        <super::timeline::Timeline proposal_id=own_id.get_value() status reload />
        <super::revisions::Revisions current=for_revisions reload />
    }
}

#[component]
fn CoSignerRow(
    index: usize,
    row: Row,
    rows: RwSignal<Vec<Row>>,
    touched: impl Fn() + Copy + Send + Sync + 'static,
    problems: RwSignal<Vec<ProposalProblem>>,
) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let key = row.key;
    // Typing updates the row in place without re-rendering the inputs.
    let set = move |f: fn(&mut Row, String), ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        rows.update_untracked(|rs| {
            if let Some(r) = rs.iter_mut().find(|r| r.key == key) {
                f(r, value);
            }
        });
        touched();
    };
    let shift = move |delta: isize| {
        rows.update(|rs| {
            if let Some(i) = rs.iter().position(|r| r.key == key) {
                let j = i as isize + delta;
                if j >= 0 && (j as usize) < rs.len() {
                    rs.swap(i, j as usize);
                }
            }
        });
        touched();
    };
    let problem = move |field: ProposalField| {
        move || {
            problems.with(|ps| ps.iter().find(|p| p.field == field).map(|p| ctx.t().proposal_problem(*p)))
        }
    };
    let name_id = format!("cs-name-{key}");
    let member_id = format!("cs-id-{key}");
    view! {
        <li class="row">
            <div class="row-fields">
                <label for=name_id.clone() class="sr-only">{ctx.text(|t| t.field_name)}</label>
                <input id=name_id type="text" value=row.name placeholder=ctx.text(|t| t.field_name)
                    on:input=move |ev| set(|r, v| r.name = v, ev) />
                <label for=member_id.clone() class="sr-only">{ctx.text(|t| t.field_member_id)}</label>
                <input id=member_id type="text" value=row.member_id placeholder=ctx.text(|t| t.field_member_id)
                    autocapitalize="characters" spellcheck="false"
                    on:input=move |ev| set(|r, v| r.member_id = v, ev) />
            </div>
            <p class="error">{problem(ProposalField::CoSignerName(index))}</p>
            <p class="error">{problem(ProposalField::CoSignerMemberId(index))}</p>
            <div class="row-actions">
                <button type="button" class="icon-button" on:click=move |_| shift(-1)
                    aria-label=ctx.text(|t| t.move_up) title=ctx.text(|t| t.move_up)>"↑"</button>
                <button type="button" class="icon-button" on:click=move |_| shift(1)
                    aria-label=ctx.text(|t| t.move_down) title=ctx.text(|t| t.move_down)>"↓"</button>
                <button type="button" class="icon-button" on:click=move |_| {
                    rows.update(|rs| rs.retain(|r| r.key != key));
                    touched();
                } aria-label=ctx.text(|t| t.remove) title=ctx.text(|t| t.remove)>"✕"</button>
            </div>
        </li>
    }
}

/// "交通局、住建局, 水利局" → three units. Members type 、 or commas, full or half width.
fn split_units(s: &str) -> Vec<String> {
    s.split(UNIT_SEPARATORS)
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty())
        .collect()
}

/// Moves focus to the first field the submission check complained about.
fn focus_first_problem() {
    request_animation_frame(|| {
        if let Some(el) = document()
            .query_selector(".field.has-error input, .field.has-error select, .field.has-error textarea")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}
