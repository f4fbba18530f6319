//! 回执: the members who handed in bundles, each with what a receipt to them would carry;
//! a receipt per member (or one for all) signed with the committee key, numbered on from
//! the previous receipt of this desk; and the receipts issued so far.

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::date_of;
use super::service::{committee_signing_key, StaffCtx};
use crate::bundle::payload::uuid_v7;
use crate::bundle::DeviceKey;
use crate::staff::receipt::{Committee, IssuedReceipt, ReceiptTarget};
use crate::store::{CommitteeName, DeviceKeyRecord, StoreError};
use crate::ui::export::{deliver, random_bytes, safe_name};
use crate::ui::service::{now_ms, short_time, store_error_text, AppCtx};

/// Everything the page shows, loaded together.
#[derive(Clone)]
struct Loaded {
    targets: Vec<ReceiptTarget>,
    issued: Vec<IssuedReceipt>,
    key: Option<DeviceKeyRecord>,
    committee: CommitteeName,
}

fn input_value(r: NodeRef<leptos::html::Input>) -> String {
    r.get_untracked().map(|i| i.value().trim().to_string()).unwrap_or_default()
}

#[component]
pub fn ReceiptsPage() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let staff = StaffCtx::use_ctx();
    let t = move || ctx.t();
    let loaded = RwSignal::new(None::<Loaded>);
    let error = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // The key once unlocked, so a sealed key asks for its passphrase once per visit.
    let unlocked = StoredValue::new_local(None::<Rc<DeviceKey>>);
    let pass = NodeRef::<leptos::html::Input>::new();
    let code_in = NodeRef::<leptos::html::Input>::new();
    let name_in = NodeRef::<leptos::html::Input>::new();

    let load = move || {
        spawn_local(async move {
            let r = async {
                let s = staff.staff()?;
                Ok::<_, StoreError>(Loaded {
                    targets: s.receipt_targets().await?,
                    issued: s.receipts().await?,
                    key: s.committee_key().await?,
                    committee: s.committee_name().await?.unwrap_or_default(),
                })
            }
            .await;
            match r {
                Ok(l) => {
                    loaded.try_set(Some(l));
                }
                Err(e) => {
                    error.try_set(Some(store_error_text(ctx.t(), &e).to_string()));
                }
            }
        });
    };
    load();

    let save_committee = move |_| {
        let name = CommitteeName { code: input_value(code_in), name: input_value(name_in) };
        error.set(None);
        message.set(None);
        spawn_local(async move {
            match async { staff.staff()?.save_committee_name(&name).await }.await {
                Ok(()) => {
                    loaded.try_update(|l| if let Some(l) = l { l.committee = name });
                    message.try_set(Some(ctx.t().saved.to_string()));
                }
                Err(e) => {
                    error.try_set(Some((ctx.t().save_failed)(store_error_text(ctx.t(), &e))));
                }
            }
        });
    };

    // `only`: (member id, name) of one member; `None` for everyone.
    let sign = move |only: Option<(String, String)>| {
        let Some(l) = loaded.get_untracked() else { return };
        let t = ctx.t();
        message.set(None);
        let Some(record) = l.key else { return };
        // What the form says now is what signs (and is remembered), saved or not.
        let typed = CommitteeName { code: input_value(code_in), name: input_value(name_in) };
        if typed.code.is_empty() || typed.name.is_empty() {
            error.set(Some(t.staff_committee_missing.to_string()));
            return;
        }
        let remember = typed != l.committee;
        error.set(None);
        let passphrase = pass.get_untracked().map(|i| i.value()).unwrap_or_default();
        busy.set(true);
        spawn_local(async move {
            // Unlocking a sealed key is slow on purpose: let "busy" paint first.
            gloo_timers::future::TimeoutFuture::new(30).await;
            let key = match unlocked.get_value() {
                Some(k) => k,
                None => match committee_signing_key(&record, &passphrase) {
                    Ok(k) => {
                        let k = Rc::new(k);
                        unlocked.set_value(Some(k.clone()));
                        k
                    }
                    Err(e) => {
                        busy.try_set(false);
                        error.try_set(Some(t.seal_error(e)));
                        return;
                    }
                },
            };
            if remember {
                if let Err(e) = async { staff.staff()?.save_committee_name(&typed).await }.await {
                    busy.try_set(false);
                    error.try_set(Some((t.save_failed)(store_error_text(t, &e))));
                    return;
                }
            }
            let now = now_ms();
            let who = only.as_ref().map_or(t.staff_receipt_all_name, |(_, name)| name.as_str());
            let file_name = (t.staff_receipt_file)(&safe_name(who), &date_of(now));
            let committee = Committee { code: typed.code, name: typed.name, device_id: record.device_id.clone() };
            let ids = only.map(|(id, _)| vec![id]);
            let bundle_id = uuid_v7(u64::try_from(now).unwrap_or(0), random_bytes::<10>().unwrap_or_default());
            let result =
                async { staff.staff()?.issue_receipt(&committee, &key, ids.as_deref(), &file_name, bundle_id, now).await }.await;
            busy.try_set(false);
            match result {
                Ok(Some((signed, issued))) => {
                    if deliver(&signed.text, &file_name, false).await.is_err() {
                        error.try_set(Some(t.staff_export_failed.to_string()));
                    }
                    message.try_set(Some((t.staff_receipt_done)(issued.seq, &file_name)));
                    load();
                }
                Ok(None) => {
                    error.try_set(Some(t.staff_receipt_nothing.to_string()));
                }
                Err(StoreError::Constraint { .. }) => {
                    error.try_set(Some(t.staff_receipt_race.to_string()));
                }
                Err(e) => {
                    error.try_set(Some((t.save_failed)(store_error_text(t, &e))));
                }
            }
        });
    };

    let committee_form = move |c: CommitteeName| {
        view! {
            <div class="committee-form">
                <div class="field">
                    <label for="r-code">{ctx.text(|t| t.staff_committee_code)}</label>
                    <input id="r-code" type="text" node_ref=code_in value=c.code autocomplete="off" />
                </div>
                <div class="field">
                    <label for="r-name">{ctx.text(|t| t.staff_committee_name)}</label>
                    <input id="r-name" type="text" node_ref=name_in value=c.name autocomplete="organization" />
                </div>
                <button type="button" class="button small" on:click=save_committee>{ctx.text(|t| t.save)}</button>
            </div>
        }
    };

    let key_state = move |k: Option<DeviceKeyRecord>| match k {
        None => view! {
            <p class="warning-box">{t().staff_receipt_no_key}" "<a href="/staff/key">{t().staff_nav_key}</a></p>
        }
        .into_any(),
        Some(k) if k.seed.is_none() && unlocked.with_value(Option::is_none) => view! {
            <div class="field">
                <label for="r-pass">{ctx.text(|t| t.key_passphrase_current)}</label>
                <p class="hint">{ctx.text(|t| t.staff_receipt_pass_hint)}</p>
                <input id="r-pass" node_ref=pass type="password" autocomplete="current-password" />
            </div>
        }
        .into_any(),
        Some(_) => ().into_any(),
    };

    view! {
        <header class="page-header"><h1>{ctx.text(|t| t.staff_receipts_title)}</h1></header>
        {move || match loaded.get() {
            None => view! { <p class="muted">{t().loading}</p> }.into_any(),
            Some(l) => {
                let can_sign = l.key.is_some();
                let targets = l.targets.clone();
                view! {
                    <section class="card receipts-card">
                        <p class="hint">{t().staff_receipts_hint}</p>
                        {committee_form(l.committee.clone())}
                        {key_state(l.key.clone())}
                        <p class="ok-note" role="status">{move || message.get()}</p>
                        <p class="save-error" role="alert">{move || error.get()}</p>
                        <Show when={let empty = targets.is_empty(); move || !empty}
                            fallback=move || view! { <p class="empty-state">{t().staff_receipt_empty}</p> }>
                            <div class="receipt-all">
                                <button type="button" class="button" disabled=move || busy.get() || !can_sign on:click=move |_| sign(None)>
                                    {ctx.text(|t| t.staff_receipt_all)}
                                </button>
                                <span class="hint">{ctx.text(|t| t.staff_receipt_all_hint)}</span>
                            </div>
                        </Show>
                    </section>
                    {(!l.targets.is_empty()).then(|| view! {
                        <table class="staff-table receipt-targets">
                            <thead><tr>{t().staff_receipt_cols.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}</tr></thead>
                            <tbody>
                                {l.targets.iter().map(|r| {
                                    let who = (r.member_id.clone(), r.name.clone());
                                    view! {
                                        <tr>
                                            <td>{r.name.clone()}</td>
                                            <td class="mono">{r.member_id.clone()}</td>
                                            <td>{r.bundles.len()}</td>
                                            <td>{r.updates}</td>
                                            <td>
                                                <button type="button" class="button small primary" disabled=move || busy.get() || !can_sign
                                                    on:click=move |_| sign(Some(who.clone()))>{t().staff_receipt_make}</button>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    })}
                    <h2 class="section-title">{t().staff_issued_title}</h2>
                    {if l.issued.is_empty() {
                        view! { <p class="empty-state">{t().staff_issued_empty}</p> }.into_any()
                    } else {
                        view! {
                            <table class="staff-table issued-receipts">
                                <thead><tr>{t().staff_issued_cols.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}</tr></thead>
                                <tbody>
                                    {l.issued.iter().map(|r| {
                                        let whom = if r.for_all { (t().staff_issued_all)(r.member_ids.len()) } else { r.names.join(t().bundle_list_sep) };
                                        view! {
                                            <tr>
                                                <td class="mono">{r.seq}</td>
                                                <td class="nowrap">{short_time(r.created_ms)}</td>
                                                <td>{whom}</td>
                                                <td class="file-cell">{r.file_name.clone()}</td>
                                                <td>{(t().staff_issued_contents)(r.bundles, r.updates)}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                }.into_any()
            }
        }}
    }
}
