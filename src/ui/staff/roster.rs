//! 名册: the roster table, its CSV import (all rows or none, problems by line), the files
//! waiting for a signer to be enrolled, and revoking a member's key. Enrolling needs the
//! fingerprint compared with the member in person (a ticked box), a changed key the same
//! with a warning; the held file is then imported at once.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::service::{import_file, FileRow, RowKind, StaffCtx};
use super::{date_of, files_of, read_bytes};
use crate::bundle::fingerprint;
use crate::staff::roster::{parse_roster_bytes, MemberStatus, RosterEntry};
use crate::store::{PendingFile, PendingReason};
use crate::ui::pages::handoff::Fingerprint;
use crate::ui::service::{now_ms, store_error_text, AppCtx};

#[component]
pub fn RosterPage() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let staff = StaffCtx::use_ctx();
    let t = move || ctx.t();
    let roster = RwSignal::new(Vec::<RosterEntry>::new());
    let pending = RwSignal::new(Vec::<PendingFile>::new());
    // The outcome of the last roster file: Ok(message) or the problems.
    let csv = RwSignal::new(None::<Result<String, Vec<String>>>);
    let notice = RwSignal::new(None::<String>);
    let reload = move || {
        spawn_local(async move {
            let Ok(s) = staff.staff() else { return };
            match s.roster().await {
                Ok(r) => {
                    roster.try_set(r);
                }
                Err(e) => {
                    notice.try_set(Some(store_error_text(ctx.t(), &e).to_string()));
                }
            }
            if let Ok(p) = s.pending().await {
                pending.try_set(p);
            }
        })
    };
    reload();

    let on_csv = move |ev: leptos::ev::Event| {
        let Some(target) = ev.target() else { return };
        let Some(file) = files_of(&target).into_iter().next() else { return };
        if let Ok(input) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(target) {
            input.set_value("");
        }
        spawn_local(async move {
            let bytes = read_bytes(&file).await;
            let t = ctx.t();
            let outcome = match parse_roster_bytes(&bytes) {
                Err(problems) => Err(problems.iter().map(|p| t.roster_problem(p)).collect()),
                Ok(rows) => match staff.staff() {
                    Ok(s) => match s.import_roster(rows).await {
                        Ok((a, c)) => Ok((t.staff_roster_imported)(a, c)),
                        Err(e) => Err(vec![store_error_text(t, &e).to_string()]),
                    },
                    Err(e) => Err(vec![store_error_text(t, &e).to_string()]),
                },
            };
            csv.try_set(Some(outcome));
            reload();
        });
    };

    let revoke = move |e: RosterEntry| {
        let question = (ctx.t().staff_revoke_confirm)(&e.name, &e.member_id);
        if !window().confirm_with_message(&question).unwrap_or(false) {
            return;
        }
        spawn_local(async move {
            if let Ok(s) = staff.staff() {
                if let Err(err) = s.revoke(&e.member_id).await {
                    notice.try_set(Some(store_error_text(ctx.t(), &err).to_string()));
                }
            }
            reload();
        });
    };

    view! {
        <header class="page-header"><h1>{ctx.text(|t| t.staff_roster_title)}</h1></header>
        <p class="error" role="alert">{move || notice.get()}</p>
        <section class="card pending-card" id="pending">
            <h2>{ctx.text(|t| t.staff_pending_title)}</h2>
            {move || {
                let list = pending.get();
                if list.is_empty() {
                    return view! { <p class="muted">{t().staff_pending_empty}</p> }.into_any();
                }
                list.into_iter().map(|p| view! { <PendingView p=p on_done=Callback::new(move |_| reload()) /> }).collect_view().into_any()
            }}
        </section>
        <section class="card">
            <div class="card-head">
                <h2>{ctx.text(|t| t.staff_roster_title)}</h2>
                <label class="button small file-button">
                    {ctx.text(|t| t.staff_roster_import)}
                    <input type="file" accept=".csv,text/csv" class="sr-only roster-file" on:change=on_csv />
                </label>
            </div>
            <p class="hint">{ctx.text(|t| t.staff_roster_import_hint)}</p>
            {move || csv.get().map(|r| match r {
                Ok(msg) => view! { <p class="ok-line" role="status">{msg}</p> }.into_any(),
                Err(problems) => view! {
                    <div class="verdict-box invalid roster-problems" role="alert">
                        <p>{(t().staff_roster_problems)(problems.len())}</p>
                        <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    </div>
                }.into_any(),
            })}
            {move || {
                let list = roster.get();
                if list.is_empty() {
                    return view! { <p class="muted">{t().staff_roster_empty}</p> }.into_any();
                }
                let cols = t().staff_roster_cols;
                view! {
                    <table class="staff-table roster-table">
                        <thead><tr>{cols.iter().map(|c| view! { <th>{*c}</th> }).collect_view()}</tr></thead>
                        <tbody>
                            {list.into_iter().map(|e| {
                                let status = match (e.status, &e.key_id) {
                                    (MemberStatus::Revoked, _) => t().staff_status_revoked,
                                    (_, None) => t().staff_status_no_key,
                                    _ => t().staff_status_active,
                                };
                                let can_revoke = e.status == MemberStatus::Active && e.key_id.is_some();
                                let fp = e.key_id.as_deref().map(fingerprint).unwrap_or_default();
                                let row = e.clone();
                                view! {
                                    <tr>
                                        <td><a href=super::duty::member_href(&e.member_id, crate::ui::service::this_year())>{e.name.clone()}</a></td>
                                        <td>{e.member_id.clone()}</td>
                                        <td>{e.sector.clone()}</td>
                                        <td class="mono">{fp}</td>
                                        <td>{e.enrolled_ms.map(date_of).unwrap_or_default()}</td>
                                        <td>{status}</td>
                                        <td>{can_revoke.then(|| view! {
                                            <button type="button" class="button small danger-text" on:click=move |_| revoke(row.clone())>
                                                {t().staff_revoke}
                                            </button>
                                        })}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

/// One held file: who signed, why it waits, the fingerprint to compare, and enrolment.
#[component]
fn PendingView(p: PendingFile, on_done: Callback<()>) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let staff = StaffCtx::use_ctx();
    let t = ctx.t();
    let checked = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let result = RwSignal::new(None::<Result<FileRow, String>>);
    let changed = p.reason == PendingReason::KeyChanged;
    let reason = match p.reason {
        PendingReason::Unknown => t.trust_unknown,
        PendingReason::Unenrolled => t.trust_unenrolled,
        PendingReason::KeyChanged => t.trust_key_changed,
    };
    let sha = p.payload_sha256.clone();
    let text = p.text.clone();
    let file_name = p.file_name.clone();
    let enrol = move |_| {
        if !checked.get_untracked() || busy.get_untracked() {
            return;
        }
        busy.set(true);
        let (text, file_name) = (text.clone(), file_name.clone());
        spawn_local(async move {
            let t = ctx.t();
            let outcome = async {
                let s = staff.staff().map_err(|e| store_error_text(t, &e).to_string())?;
                let v = crate::bundle::verify(text.as_bytes()).map_err(|e| t.bundle_error(&e))?;
                s.enrol(&v, now_ms()).await.map_err(|e| store_error_text(t, &e).to_string())?.map_err(|tr| t.trust(&tr))?;
                Ok(import_file(&s, t, &file_name, text.as_bytes()).await)
            }
            .await;
            busy.try_set(false);
            let done = matches!(&outcome, Ok(r) if r.kind == RowKind::New || r.kind == RowKind::Duplicate);
            result.try_set(Some(outcome));
            if done {
                on_done.run(());
            }
        });
    };
    let discard = move |_| {
        let sha = sha.clone();
        spawn_local(async move {
            if let Ok(s) = staff.staff() {
                let _ = s.release(&sha).await;
            }
            on_done.run(());
        });
    };
    view! {
        <div class="pending-file" class:key-changed=changed>
            <p><strong>{(t.signed_by)(&p.name, &p.member_id, &p.sector)}</strong></p>
            <p class="muted">{p.file_name.clone()}" · "{date_of(p.received_ms)}" · "{reason}</p>
            {changed.then(|| view! { <p class="warning-box" role="alert">{t.staff_key_change_warning}</p> })}
            <p>{t.staff_fp_compare}</p>
            <div class="fingerprint-big"><Fingerprint text=p.fingerprint.clone() /></div>
            <label class="check">
                <input type="checkbox" class="fp-checked" on:change=move |ev| checked.set(event_target_checked(&ev)) />
                <span>{t.staff_fp_checked}</span>
            </label>
            <div class="form-actions">
                <button type="button" class="button primary" disabled=move || !checked.get() || busy.get() on:click=enrol>
                    {t.staff_enrol}
                </button>
                <button type="button" class="button small" on:click=discard>{t.staff_discard}</button>
            </div>
            {move || result.get().map(|r| match r {
                Ok(row) => view! { <p role="status">{row.label}" "{row.detail.unwrap_or_default()}</p> }.into_any(),
                Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
            })}
        </div>
    }
}
