//! The signing key under 我的: its fingerprint to read aloud and as a QR code, an optional
//! passphrase, and making a new key.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::bundle::keys::fingerprint;
use crate::bundle::seal::passphrase_problem;
use crate::store::DeviceKeyRecord;
use crate::ui::components::qr::QrCode;
use crate::ui::export::{device_key, new_device_key, set_passphrase, KeyError};
use crate::ui::service::{store_error_text, AppCtx};

#[component]
pub fn KeyCard() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = move || ctx.t();
    let record = RwSignal::new(None::<DeviceKeyRecord>);
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let load = move || {
        spawn_local(async move {
            let found = async { ctx.handoff()?.key().await }.await;
            if let Ok(k) = found {
                record.try_set(k);
            }
        });
    };
    load();

    let create = move |_| {
        busy.set(true);
        spawn_local(async move {
            match device_key(ctx).await {
                Ok((k, _)) => {
                    record.try_set(Some(k));
                }
                Err(e) => {
                    error.try_set(Some((ctx.t().save_failed)(store_error_text(ctx.t(), &e))));
                }
            }
            busy.try_set(false);
        });
    };
    let renew = move |_| {
        if !window().confirm_with_message(t().key_new_confirm).unwrap_or(false) {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match new_device_key(ctx).await {
                Ok((k, _)) => {
                    record.try_set(Some(k));
                    message.try_set(Some(ctx.t().key_done.to_string()));
                }
                Err(e) => {
                    error.try_set(Some((ctx.t().save_failed)(store_error_text(ctx.t(), &e))));
                }
            }
            busy.try_set(false);
        });
    };
    view! {
        <section class="card key-card">
            <h2>{ctx.text(|t| t.key_title)}</h2>
            {move || match record.get() {
                None => view! {
                    <p class="muted">{ctx.text(|t| t.my_key_none)}</p>
                    <button type="button" class="button" disabled=move || busy.get() on:click=create>{ctx.text(|t| t.key_create)}</button>
                }.into_any(),
                Some(k) => view! {
                    <p class="hint">{ctx.text(|t| t.my_key_hint)}</p>
                    <p><span class="label">{ctx.text(|t| t.fingerprint)}</span></p>
                    <super::handoff::Fingerprint text=fingerprint(&k.key_id) />
                    <QrCode text=k.key_id.clone() label=ctx.text(|t| t.key_qr_label) />
                }.into_any(),
            }}
            <Show when=move || record.with(Option::is_some)>
                <PassphraseForm record save=Rc::new(move |old, new| Box::pin(async move {
                    set_passphrase(ctx, old.as_deref(), new.as_deref()).await?;
                    load();
                    Ok(())
                })) />
                <p class="save-error" role="alert">{move || error.get()}</p>
                <p class="ok-note" role="status">{move || message.get()}</p>
                <div class="form-actions">
                    <button type="button" class="button danger-text" disabled=move || busy.get() on:click=renew>{ctx.text(|t| t.key_new)}</button>
                </div>
            </Show>
        </section>
    }
}

/// Saves a passphrase change: (current passphrase if sealed, new one or `None` to remove).
pub type SavePassphrase = Rc<dyn Fn(Option<String>, Option<String>) -> Pin<Box<dyn Future<Output = Result<(), KeyError>>>>>;

/// Sets, changes or removes the passphrase of a key record: the member's device key here,
/// the committee key on the staff's 本会密钥 page.
#[component]
pub fn PassphraseForm(record: RwSignal<Option<DeviceKeyRecord>>, save: SavePassphrase) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = move || ctx.t();
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let current = NodeRef::<html::Input>::new();
    let first = NodeRef::<html::Input>::new();
    let again = NodeRef::<html::Input>::new();
    let save = StoredValue::new_local(save);
    let protected = move || record.with(|r| r.as_ref().is_some_and(|r| r.sealed.is_some()));
    // `remove` takes the protection off; the slow key derivation runs after a frame, so
    // "正在处理…" shows first.
    let apply = move |remove: bool| {
        let value = |r: NodeRef<html::Input>| r.get_untracked().map(|i| i.value()).unwrap_or_default();
        let old = record.with_untracked(|r| r.as_ref().is_some_and(|r| r.sealed.is_some())).then(|| value(current));
        let new = (!remove).then(|| value(first));
        if let Some(new) = &new {
            if let Some(problem) = passphrase_problem(new) {
                error.set(Some(t().passphrase_problem(problem)));
                return;
            }
            if *new != value(again) {
                error.set(Some(t().key_passphrase_mismatch.to_string()));
                return;
            }
        }
        error.set(None);
        message.set(None);
        busy.set(true);
        let job = save.with_value(|f| f(old, new));
        spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(30).await;
            match job.await {
                Ok(()) => {
                    for r in [current, first, again] {
                        if let Some(input) = r.get_untracked() {
                            input.set_value("");
                        }
                    }
                    message.try_set(Some(ctx.t().key_done.to_string()));
                }
                Err(KeyError::Store(e)) => {
                    error.try_set(Some((ctx.t().save_failed)(store_error_text(ctx.t(), &e))));
                }
                Err(KeyError::Seal(e)) => {
                    error.try_set(Some(ctx.t().seal_error(e)));
                }
            }
            busy.try_set(false);
        });
    };
    view! {
        <form class="form passphrase-form" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); apply(false) }>
            <p class:ok-note=protected>{move || if protected() { t().key_protected } else { t().key_unprotected }}</p>
            <Show when=protected>
                <div class="field">
                    <label for="k-current">{ctx.text(|t| t.key_passphrase_current)}</label>
                    <input id="k-current" node_ref=current type="password" autocomplete="current-password" />
                </div>
            </Show>
            <div class="field">
                <label for="k-new">{ctx.text(|t| t.key_passphrase)}</label>
                <p class="hint" id="k-new-hint">{ctx.text(|t| t.key_passphrase_hint)}</p>
                <input id="k-new" node_ref=first type="password" autocomplete="new-password" aria-describedby="k-new-hint" />
            </div>
            <div class="field">
                <label for="k-again">{ctx.text(|t| t.key_passphrase_again)}</label>
                <input id="k-again" node_ref=again type="password" autocomplete="new-password" />
            </div>
            <p class="save-error" role="alert">{move || error.get()}</p>
            <p class="ok-note" role="status">{move || if busy.get() { Some(t().key_working.to_string()) } else { message.get() }}</p>
            <div class="form-actions wrap">
                <Show when=protected>
                    <button type="button" class="button" disabled=move || busy.get() on:click=move |_| apply(true)>{ctx.text(|t| t.key_unprotect)}</button>
                </Show>
                <button type="submit" class="button primary" disabled=move || busy.get()>{ctx.text(|t| t.key_protect)}</button>
            </div>
        </form>
    }
}
