//! 历史版本: the snapshots autosave keeps (at most 20 per proposal), each comparable with
//! the current text and, while the proposal is a draft, restorable.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::proposal::Proposal;
use crate::i18n::Texts;
use crate::store::ProposalRevision;
use crate::ui::service::{now_ms, short_time, store_error_text, AppCtx};

#[component]
pub fn Revisions(current: Proposal, reload: Callback<()>) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = move || ctx.t();
    let frozen = current.is_text_frozen();
    let current = StoredValue::new(current);
    let revisions = RwSignal::new(None::<Vec<ProposalRevision>>);
    let compared = RwSignal::new(None::<u32>);
    let error = RwSignal::new(None::<String>);

    // Loaded when first opened: most members never look.
    let load = move |_| {
        if revisions.with_untracked(Option::is_some) {
            return;
        }
        let id = current.with_value(|p| p.id.clone());
        spawn_local(async move {
            let result = match ctx.proposals() {
                Ok(store) => store.revisions(&id).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(list) => revisions.set(Some(list)),
                Err(e) => error.set(Some(store_error_text(ctx.t(), &e).to_string())),
            }
        });
    };

    let restore = move |snapshot: Proposal| {
        spawn_local(async move {
            let result = async {
                let store = ctx.proposals()?;
                let Some(mut p) = store.get(&snapshot.id).await? else { return Ok(()) };
                copy_text(&snapshot, &mut p);
                p.updated_ms = now_ms();
                store.save(&p, true, p.updated_ms).await
            }
            .await;
            match result {
                Ok(()) => reload.run(()),
                Err(e) => error.set(Some((t().save_failed)(store_error_text(t(), &e)))),
            }
        });
    };
    let restore = StoredValue::new(restore);

    view! {
        <details class="card revisions" on:toggle=load>
            <summary>{ctx.text(|t| t.revisions)}</summary>
            <p class="save-error" role="alert">{move || error.get()}</p>
            <Show when=move || revisions.with(|r| r.as_ref().is_some_and(Vec::is_empty))>
                <p class="muted">{ctx.text(|t| t.revisions_empty)}</p>
            </Show>
            <ol class="revision-list">
                <For each=move || revisions.get().unwrap_or_default() key=|r| r.id.clone() let:r>
                    {
                        let rev = r.rev;
                        let snapshot = r.proposal.clone();
                        let changes = current.with_value(|c| differences(ctx.t(), &r.proposal, c));
                        let unchanged = changes.is_empty();
                        view! {
                            <li>
                                <div class="revision-head">
                                    <span>{short_time(r.saved_ms)}</span>
                                    <span class="muted">{(!r.proposal.title.is_empty()).then(|| r.proposal.title.clone())}</span>
                                </div>
                                <div class="revision-actions">
                                    <button type="button" class="button small" disabled=unchanged
                                        on:click=move |_| compared.update(|c| *c = if *c == Some(rev) { None } else { Some(rev) })>
                                        {ctx.text(|t| t.compare)}
                                    </button>
                                    {(!frozen && !unchanged).then(|| view! {
                                        <button type="button" class="button small"
                                            on:click=move |_| restore.with_value(|f| f(snapshot.clone()))>
                                            {ctx.text(|t| t.restore)}
                                        </button>
                                    })}
                                </div>
                                <Show when=move || compared.get() == Some(rev)>
                                    <dl class="diff">
                                        {changes.iter().map(|(label, old, new)| view! {
                                            <dt>{*label}</dt>
                                            <dd><del>{old.clone()}</del><ins>{new.clone()}</ins></dd>
                                        }).collect_view()}
                                    </dl>
                                </Show>
                            </li>
                        }
                    }
                </For>
            </ol>
        </details>
    }
}

/// The editable text of a snapshot, put back into the current record (identity, status
/// and lifecycle stay as they are).
fn copy_text(from: &Proposal, to: &mut Proposal) {
    to.title.clone_from(&from.title);
    to.category = from.category;
    to.co_signers.clone_from(&from.co_signers);
    to.sector.clone_from(&from.sector);
    to.reasons.clone_from(&from.reasons);
    to.suggestions.clone_from(&from.suggestions);
    to.lead_unit.clone_from(&from.lead_unit);
    to.assisting_units.clone_from(&from.assisting_units);
    to.phone.clone_from(&from.phone);
}

/// Fields whose text differs: (label, in the snapshot, now).
fn differences(t: &'static Texts, old: &Proposal, new: &Proposal) -> Vec<(&'static str, String, String)> {
    let names = |p: &Proposal| p.co_signers.iter().map(|c| format!("{}（{}）", c.name, c.member_id)).collect::<Vec<_>>().join("、");
    let category = |p: &Proposal| p.category.map(|c| t.category(c).to_string()).unwrap_or_default();
    [
        (t.proposal_title, old.title.clone(), new.title.clone()),
        (t.proposal_category, category(old), category(new)),
        (t.proposal_co_signers, names(old), names(new)),
        (t.field_sector, old.sector.clone(), new.sector.clone()),
        (t.proposal_reasons, old.reasons.clone(), new.reasons.clone()),
        (t.proposal_suggestions, old.suggestions.clone(), new.suggestions.clone()),
        (t.proposal_lead_unit, old.lead_unit.clone(), new.lead_unit.clone()),
        (t.proposal_assisting_units, old.assisting_units.join("、"), new.assisting_units.join("、")),
        (t.field_phone, old.phone.clone(), new.phone.clone()),
    ]
    .into_iter()
    .filter(|(_, a, b)| a != b)
    .collect()
}
