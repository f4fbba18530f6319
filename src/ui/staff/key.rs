//! 本会密钥: the committee's signing key for receipts, made once; its fingerprint and QR
//! code are what members pin.

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::date_of;
use super::service::StaffCtx;
use crate::bundle::fingerprint;
use crate::store::{DeviceKeyRecord, StoreError};
use crate::ui::export::{reseal, KeyError};
use crate::ui::pages::key::PassphraseForm;
use crate::ui::components::qr::QrCode;
use crate::ui::pages::handoff::Fingerprint;
use crate::ui::service::{store_error_text, AppCtx};

#[component]
pub fn KeyPage() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let staff = StaffCtx::use_ctx();
    let t = move || ctx.t();
    // None while loading; Some(None) when no key was made yet.
    let key = RwSignal::new(None::<Option<DeviceKeyRecord>>);
    // The same record for the passphrase form (which wants `Option<record>`).
    let record = RwSignal::new(None::<DeviceKeyRecord>);
    Effect::new(move |_| record.set(key.get().flatten()));
    let error = RwSignal::new(None::<&'static str>);
    spawn_local(async move {
        match async { staff.staff()?.committee_key().await }.await {
            Ok(k) => {
                key.try_set(Some(k));
            }
            Err(e) => {
                error.try_set(Some(store_error_text(ctx.t(), &e)));
            }
        }
    });
    let make = move |_| {
        spawn_local(async move {
            match staff.make_committee_key().await {
                Ok(k) => {
                    key.try_set(Some(Some(k)));
                }
                Err(e) => {
                    error.try_set(Some(store_error_text(ctx.t(), &e)));
                }
            }
        });
    };
    view! {
        <header class="page-header"><h1>{ctx.text(|t| t.staff_key_title)}</h1></header>
        <section class="card key-card committee-key">
            <p class="hint">{ctx.text(|t| t.staff_key_hint)}</p>
            <p class="error" role="alert">{move || error.get()}</p>
            {move || match key.get() {
                None => view! { <p class="muted">{t().loading}</p> }.into_any(),
                Some(None) => view! {
                    <button type="button" class="button primary" on:click=make>{t().staff_key_make}</button>
                }.into_any(),
                Some(Some(k)) => view! {
                    <div class="fingerprint-big"><Fingerprint text=fingerprint(&k.key_id) /></div>
                    <QrCode text=k.key_id.clone() label=ctx.text(|t| t.staff_key_qr_label) />
                    <p class="muted">{(t().staff_key_created)(&date_of(k.created_ms))}</p>
                }.into_any(),
            }}
            // Same protection as a member's key: a passphrase asked at every signing.
            <Show when=move || record.with(Option::is_some)>
                <PassphraseForm record save=Rc::new(move |old, new| Box::pin(async move {
                    let store = staff.staff().map_err(KeyError::Store)?;
                    let stored = store.committee_key().await.map_err(KeyError::Store)?.ok_or(KeyError::Store(StoreError::Unavailable))?;
                    let resealed = reseal(stored, old.as_deref(), new.as_deref())?;
                    store.reseal_committee_key(&resealed).await.map_err(KeyError::Store)?;
                    key.try_set(Some(Some(resealed)));
                    Ok(())
                })) />
            </Show>
        </section>
    }
}
