//! A proposal's timeline (办理进程) and the form to record progress by hand: 立案,
//! 不予立案, 并案, 交办, 三沟通, 答复, 满意度测评, 重点/优秀. The domain decides which
//! steps the current status allows; staff receipts add the same events. The form itself
//! is the shared [`RecordForm`] (the staff review page uses it too); here it records the
//! event on the member's own proposal.

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::lifecycle::{allowed, record, Actor, EventType, ProposalEvent, Status};
use crate::domain::proposal::ProposalLimits;
use crate::store::StoreError;
use crate::ui::components::record_form::{date_of, details, Commit, RecordForm};
use crate::ui::service::{new_id, now_ms, store_error_text, AppCtx};

/// Steps a member records here: all but submission and revision, which have their own
/// buttons on the editor.
fn recordable(e: EventType) -> bool {
    !matches!(e, EventType::Submitted | EventType::Revised)
}

#[component]
pub fn Timeline(proposal_id: String, status: Status, reload: Callback<()>) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = move || ctx.t();
    let id = StoredValue::new(proposal_id);
    let events = RwSignal::new(Vec::<ProposalEvent>::new());
    let error = RwSignal::new(None::<String>);
    let for_load = id.get_value();
    spawn_local(async move {
        let result = match ctx.proposals() {
            Ok(store) => store.events(&for_load).await,
            Err(e) => Err(e),
        };
        match result {
            Ok(list) => events.set(list),
            Err(e) => error.set(Some(store_error_text(ctx.t(), &e).to_string())),
        }
    });

    let choices: Vec<EventType> =
        EventType::ALL.into_iter().filter(|e| recordable(*e) && allowed(status, *e)).collect();
    let can_record = !choices.is_empty();

    view! {
        <section class="card timeline" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{ctx.text(|t| t.timeline)}</h2>
            <Show when=move || events.with(Vec::is_empty)>
                <p class="muted">{ctx.text(|t| t.timeline_empty)}</p>
            </Show>
            <ol class="events">
                <For each=move || events.get() key=|e| e.id.clone() let:e>
                    <li>
                        <span class="event-when">{date_of(e.at_ms)}</span>
                        <span class="event-what">{
                            let what = e.kind.event_type();
                            move || t().event_type(what)
                        }</span>
                        <span class="event-detail">{
                            let kind = e.kind.clone();
                            move || details(t(), &kind)
                        }</span>
                        <span class="event-by muted">{move || t().actor(e.by)}</span>
                    </li>
                </For>
            </ol>
            <p class="save-error" role="alert">{move || error.get()}</p>
            {can_record.then(|| view! { <RecordForm choices commit=member_commit(id.get_value(), reload) /> })}
        </section>
    }
}

/// Records a step on the member's own proposal: read, [`record`] as the member, store the
/// event with the proposal in one transaction, then remount from storage.
fn member_commit(proposal_id: String, reload: Callback<()>) -> Commit {
    let ctx = AppCtx::use_ctx();
    Rc::new(move |kind, at_ms| {
        let pid = proposal_id.clone();
        Box::pin(async move {
            let t = ctx.t();
            let result = async {
                let store = ctx.proposals()?;
                let Some(mut p) = store.get(&pid).await? else { return Ok(Some(t.proposal_not_found.to_string())) };
                let event = ProposalEvent { id: new_id(), proposal_id: p.id.clone(), at_ms, by: Actor::Member, kind };
                if let Err(e) = record(&mut p, &event, &ProposalLimits::default(), now_ms()) {
                    return Ok(Some(t.transition_error(&e)));
                }
                store.record_event(&p, &event).await?;
                Ok::<_, StoreError>(None)
            }
            .await;
            match result {
                Ok(None) => {
                    reload.run(());
                    Ok(())
                }
                Ok(Some(why)) => Err(why),
                Err(e) => Err((t.save_failed)(store_error_text(t, &e))),
            }
        })
    })
}
