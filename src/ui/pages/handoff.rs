//! 交接: export what a member hands in as a signed file, see what was handed in when, and
//! open any bundle to check who signed it and whether it was changed.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::bundle::keys::fingerprint;
use crate::bundle::verify::{verify, Verified, BUNDLE_MAX_BYTES};
use crate::i18n::file_size;
use crate::store::SentBundle;
use crate::ui::components::page_header::PageHeader;
use crate::ui::components::year_options::YearOptions;
use crate::ui::files::{read_bytes, take_chosen, ReadError};
use crate::ui::export::{
    can_share_files, deliver, device_key, prepare, sign_and_record, submitted_proposals, unlock, ExportError, Prepared, Selection,
};
use crate::ui::service::{short_time, store_error_text, AppCtx};
use crate::ui::timing;

#[component]
pub fn HandoffPage() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let sent = RwSignal::new(Vec::<SentBundle>::new());
    let key_id = RwSignal::new(None::<String>);
    let reload = move || {
        spawn_local(async move {
            if let Ok(store) = ctx.handoff() {
                if let Ok(list) = store.sent().await {
                    sent.try_set(list);
                }
                if let Ok(Some(k)) = store.key().await {
                    key_id.try_set(Some(k.key_id));
                }
            }
        });
    };
    reload();

    view! {
        <PageHeader title=ctx.text(|t| t.tab_handoff) />
        <ExportCard on_done=Callback::new(move |_| reload()) />
        <section class="card">
            <h2>{ctx.text(|t| t.sent_title)}</h2>
            <Show when=move || !sent.with(Vec::is_empty) fallback=move || view! { <p class="muted">{ctx.text(|t| t.sent_empty)}</p> }>
                <ul class="sent-list">
                    <For each=move || sent.get() key=|b| (b.id.clone(), b.received_ms) let:b>
                        <li>
                            <span class="sent-file">{b.file_name.clone()}
                                {b.received_ms.map(|_| view! { " "<span class="verdict good">{ctx.text(|t| t.sent_received)}</span> })}
                            </span>
                            <span class="muted">{move || (ctx.t().sent_line)(b.seq, &short_time(b.created_ms), b.items.len())}</span>
                        </li>
                    </For>
                </ul>
            </Show>
        </section>
        <ReceiptCard on_done=Callback::new(move |_| reload()) />
        <OpenCard />
        <section class="card key-card">
            <h2>{ctx.text(|t| t.my_key)}</h2>
            {move || match key_id.get() {
                Some(id) => view! {
                    <p class="hint">{ctx.text(|t| t.my_key_hint)}</p>
                    <p><span class="label">{ctx.text(|t| t.fingerprint)}</span></p>
                    <Fingerprint text=fingerprint(&id) />
                }.into_any(),
                None => view! { <p class="muted">{ctx.text(|t| t.my_key_none)}</p> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ExportCard(on_done: Callback<()>) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = move || ctx.t();
    let selection = RwSignal::new(Selection::default());
    let prepared = RwSignal::new(None::<Prepared>);
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let copy_out = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    // A key protected by a passphrase is unlocked at signing.
    let needs_pass = RwSignal::new(false);
    let pass = NodeRef::<leptos::html::Input>::new();

    // Any change of choice drops the preview: what is signed is what was previewed.
    Effect::new(move |_| {
        selection.track();
        prepared.set(None);
    });

    let preview = move |_| {
        let Some(profile) = ctx.profile.get_untracked() else { return };
        let chosen = selection.get_untracked();
        busy.set(true);
        error.set(None);
        message.set(None);
        spawn_local(async move {
            let result = async {
                let (record, key) = device_key(ctx).await?;
                needs_pass.try_set(key.is_none());
                timing::mark("lvzhi:export-prepare:start");
                let prepared = prepare(ctx, &profile, &record, &chosen).await;
                timing::measure("lvzhi:export-prepare", "lvzhi:export-prepare:start");
                prepared
            }
            .await;
            busy.try_set(false);
            match result {
                Ok(p) => {
                    prepared.try_set(Some(p));
                    // The first preview makes the key: show its fingerprint below.
                    on_done.run(());
                }
                Err(e) => {
                    error.try_set(Some(store_error_text(ctx.t(), &e).to_string()));
                }
            }
        });
    };

    let export = move |share: bool| {
        let Some(p) = prepared.get_untracked() else { return };
        let Some(profile) = ctx.profile.get_untracked() else { return };
        let passphrase = pass.get_untracked().map(|i| i.value()).unwrap_or_default();
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            // Unlocking derives a key from the passphrase (slow): let "busy" paint first.
            gloo_timers::future::TimeoutFuture::new(30).await;
            let result = async {
                let (record, key) = device_key(ctx).await.map_err(ExportError::Store)?;
                let key = match key {
                    Some(k) => k,
                    None => unlock(&record, &passphrase).map_err(ExportError::Seal)?,
                };
                timing::mark("lvzhi:export-sign:start");
                let signed = sign_and_record(ctx, &key, &p, &profile).await;
                timing::measure("lvzhi:export-sign", "lvzhi:export-sign:start");
                signed
            }
            .await;
            busy.try_set(false);
            match result {
                Ok((signed, file_name)) => {
                    // WeChat's browser drops downloads: show the text to copy instead
                    // (the share sheet, where there is one, still works there).
                    if crate::ui::device::in_wechat() && !share {
                        copy_out.try_set(Some(signed.text.clone()));
                    } else {
                        let _ = deliver(&signed.text, &file_name, share).await;
                    }
                    prepared.try_set(None);
                    message.try_set(Some((ctx.t().export_done)(&file_name, &file_size(signed.text.len() as u64))));
                    on_done.run(());
                }
                Err(ExportError::Store(e)) => {
                    error.try_set(Some((ctx.t().save_failed)(store_error_text(ctx.t(), &e))));
                }
                Err(ExportError::Bundle(e)) => {
                    error.try_set(Some(ctx.t().bundle_error(&e)));
                }
                Err(ExportError::Seal(e)) => {
                    error.try_set(Some(ctx.t().seal_error(e)));
                }
            }
        });
    };
    // The submitted proposals, loaded when the member opens "choose proposals".
    let choices = RwSignal::new(Vec::<(String, String)>::new());
    let load_choices = move || {
        if !choices.with_untracked(Vec::is_empty) {
            return;
        }
        spawn_local(async move {
            if let Ok(list) = submitted_proposals(ctx).await {
                choices.try_set(list);
            }
        });
    };
    let share_ok = can_share_files();
    let check = move |label: fn(&'static crate::i18n::Texts) -> &'static str, get: fn(&Selection) -> bool, set: fn(&mut Selection, bool)| {
        view! {
            <label class="check">
                <input type="checkbox" prop:checked=move || selection.with(get)
                    on:change=move |ev| { let on = event_target_checked(&ev); selection.update(|s| set(s, on)) } />
                <span>{ctx.text(label)}</span>
            </label>
        }
    };

    view! {
        <section class="card export-card">
            <h2>{ctx.text(|t| t.export_title)}</h2>
            {check(|t| t.export_only_new, |s| s.only_new, |s, on| s.only_new = on)}
            <fieldset class="choices">
                <legend>{ctx.text(|t| t.export_what)}</legend>
                {check(|t| t.export_proposals, |s| s.proposals, |s, on| s.proposals = on)}
                {check(|t| t.export_duty, |s| s.duty, |s, on| s.duty = on)}
                {check(|t| t.export_reports, |s| s.reports, |s, on| s.reports = on)}
                <details class="pick-proposals" on:toggle=move |_| load_choices()>
                    <summary>{ctx.text(|t| t.export_pick_proposals)}</summary>
                    <p class="hint">{ctx.text(|t| t.export_pick_hint)}</p>
                    <For each=move || choices.get() key=|(id, _)| id.clone() let:item>
                        <label class="check">
                            <input type="checkbox" on:change={
                                let id = item.0.clone();
                                move |ev| {
                                    let on = event_target_checked(&ev);
                                    let id = id.clone();
                                    selection.update(|s| {
                                        s.proposal_ids.retain(|x| *x != id);
                                        if on {
                                            s.proposal_ids.push(id);
                                        }
                                    })
                                }
                            } />
                            <span>{if item.1.trim().is_empty() { t().untitled.to_string() } else { item.1.clone() }}</span>
                        </label>
                    </For>
                </details>
                <select aria-label=ctx.text(|t| t.filter_year)
                    on:change=move |ev| { let y = event_target_value(&ev).parse().ok(); selection.update(|s| s.year = y) }>
                    <option value="">{ctx.text(|t| t.filter_any_year)}</option>
                    <YearOptions />
                </select>
            </fieldset>
            {move || prepared.get().map(|p| {
                let n = p.payload.items.len();
                if n == 0 {
                    return view! { <p class="muted" role="status">{t().export_nothing}</p> }.into_any();
                }
                view! {
                    <div class="preview" role="status">
                        <p>{(t().export_summary)(n, p.payload.attachments.len(), &file_size(p.file_bytes))}</p>
                        <ul class="chips">
                            {p.counts.iter().map(|(k, c)| view! { <li class="chip static-chip">{(t().item_count)((t().item_types)(k), *c)}</li> }).collect_view()}
                        </ul>
                    </div>
                }.into_any()
            })}
            <Show when=move || needs_pass.get() && prepared.with(Option::is_some)>
                <div class="field">
                    <label for="x-pass">{ctx.text(|t| t.key_passphrase_current)}</label>
                    <p class="hint">{ctx.text(|t| t.key_unlock_hint)}</p>
                    <input id="x-pass" node_ref=pass type="password" autocomplete="current-password" />
                </div>
            </Show>
            <p class="ok-note" role="status">{move || message.get()}</p>
            <p class="save-error" role="alert">{move || error.get()}</p>
            {move || copy_out.get().map(|text| view! { <CopyBox text /> })}
            <div class="form-actions">
                <Show when=move || prepared.with(|p| p.as_ref().is_some_and(|p| !p.payload.items.is_empty()))
                    fallback=move || view! {
                        <button type="button" class="button primary" disabled=move || busy.get() on:click=preview>
                            {move || if busy.get() { t().export_preparing } else { t().export_preview }}
                        </button>
                    }>
                    {share_ok.then(|| view! {
                        <button type="button" class="button" disabled=move || busy.get() on:click=move |_| export(true)>{ctx.text(|t| t.export_share)}</button>
                    })}
                    <button type="button" class="button primary" disabled=move || busy.get() on:click=move |_| export(false)>{ctx.text(|t| t.export_sign)}</button>
                </Show>
            </div>
        </section>
    }
}

/// A signed file shown as text where it cannot be downloaded (WeChat): select all, copy.
#[component]
fn CopyBox(text: String) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let area = NodeRef::<leptos::html::Textarea>::new();
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let Some(el) = area.get_untracked() else { return };
        el.select();
        // The Clipboard API where allowed; `execCommand` for older in-app browsers.
        use wasm_bindgen::JsCast;
        let call = |on: &wasm_bindgen::JsValue, name: &str, arg: wasm_bindgen::JsValue| {
            js_sys::Reflect::get(on, &name.into())
                .ok()
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
                .and_then(|f| f.call1(on, &arg).ok())
        };
        let clipboard = js_sys::Reflect::get(&window().navigator(), &"clipboard".into()).ok().filter(|c| !c.is_undefined());
        let done = clipboard.and_then(|c| call(&c, "writeText", el.value().into())).is_some()
            || call(&document(), "execCommand", "copy".into()).is_some_and(|v| v.is_truthy());
        copied.set(done);
    };
    view! {
        <div class="copy-box">
            <p class="notice warning">{ctx.text(|t| t.wechat_copy_hint)}</p>
            <textarea node_ref=area readonly rows="6" class="copy-text" aria-label=ctx.text(|t| t.copy_text)>{text}</textarea>
            <button type="button" class="button" on:click=copy>
                {move || if copied.get() { ctx.t().copied } else { ctx.t().copy_text }}
            </button>
        </div>
    }
}

#[component]
fn OpenCard() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = move || ctx.t();
    let result = RwSignal::new(None::<Result<Verified, String>>);
    let reading = RwSignal::new(false);

    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = take_chosen(&ev).into_iter().next() else { return };
        reading.set(true);
        result.set(None);
        spawn_local(async move {
            let bytes = read_bundle(&file).await;
            // Let the "checking" line paint before the (synchronous) verification.
            gloo_timers::future::TimeoutFuture::new(16).await;
            let verdict = bytes.and_then(|b| verify(&b)).map_err(|e| ctx.t().bundle_error(&e));
            reading.try_set(false);
            result.try_set(Some(verdict));
        });
    };

    view! {
        <section class="card open-card">
            <h2>{ctx.text(|t| t.open_title)}</h2>
            <p class="hint">{ctx.text(|t| t.open_hint)}</p>
            <label class="button small file-button">
                {ctx.text(|t| t.open_pick)}
                <input type="file" accept=".json,application/json" class="sr-only" on:change=on_file />
            </label>
            <p class="muted" role="status">{move || reading.get().then(|| t().open_reading)}</p>
            {move || result.get().map(|r| match r {
                Ok(v) => {
                    let p = &v.payload;
                    let mut counts: Vec<(String, usize)> = Vec::new();
                    for item in &p.items {
                        match counts.iter_mut().find(|(k, _)| *k == item.r#type) {
                            Some((_, n)) => *n += 1,
                            None => counts.push((item.r#type.clone(), 1)),
                        }
                    }
                    view! {
                        <div class="verdict-box valid" role="status">
                            <p class="verdict good">{t().verdict_valid}</p>
                            <p>{(t().signed_by)(&p.signer.name, &p.signer.member_id, &p.signer.sector)}</p>
                            <p><span class="label">{t().fingerprint}</span></p>
                            <Fingerprint text=v.fingerprint.clone() />
                            <p class="muted">{(t().bundle_meta)(&local_time(&p.created_at), p.seq, p.items.len())}</p>
                            <ul class="chips">
                                {counts.into_iter().map(|(k, n)| view! { <li class="chip static-chip">{(t().item_count)((t().item_types)(&k), n)}</li> }).collect_view()}
                            </ul>
                            <ol class="report-list bundle-items">
                                {p.items.iter().map(|i| view! { <li>{item_line(t(), i)}</li> }).collect_view()}
                            </ol>
                        </div>
                    }.into_any()
                }
                Err(reason) => view! {
                    <div class="verdict-box invalid" role="alert">
                        <p class="verdict bad">{t().verdict_invalid}</p>
                        <p>{reason}</p>
                    </div>
                }.into_any(),
            })}
        </section>
    }
}

/// A fingerprint in two halves of three groups, so a narrow screen breaks it in the middle
/// (people read it aloud in halves too).
#[component]
pub fn Fingerprint(text: String) -> impl IntoView {
    let groups: Vec<&str> = text.split(' ').collect();
    let (a, b) = groups.split_at(groups.len().div_ceil(2));
    view! {
        <p class="fingerprint"><span>{a.join(" ")}</span>" "<span>{b.join(" ")}</span></p>
    }
}

/// One line per item of an opened bundle: its kind and what a person recognises it by.
fn item_line(t: &crate::i18n::Texts, item: &crate::bundle::payload::Item) -> String {
    let text = |k: &str| item.data.get(k).and_then(|x| x.as_str()).unwrap_or_default().to_string();
    let label = match item.r#type.as_str() {
        "duty_log" => {
            let kind = crate::domain::duty::DutyKind::from_code(&text("kind")).map(|k| t.duty_kind(k)).unwrap_or_default();
            let title = text("title");
            format!("{} {}", text("date"), if title.is_empty() { kind.to_string() } else { title })
        }
        "year_report" => text("id"),
        _ => text("title"),
    };
    format!("{} · {}", (t.item_types)(&item.r#type), label).trim_end_matches([' ', '·']).to_string()
}

/// "2026-11-25T09:30:00.000Z" as local "2026-11-25 17:30" (or "17:30" today).
fn local_time(rfc3339: &str) -> String {
    let ms = js_sys::Date::parse(rfc3339);
    if ms.is_nan() { rfc3339.to_string() } else { short_time(ms as i64) }
}

/// Settings keys of the committee key the member pinned at the first receipt.
const COMMITTEE_KEY: &str = "committee.key_id";

/// 导入回执: a receipt signed by the committee. The committee key is pinned at the first
/// receipt after the member compares its fingerprint with staff; later receipts must be
/// signed by that key.
#[component]
fn ReceiptCard(on_done: Callback<()>) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = move || ctx.t();
    let message = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let refused = RwSignal::new(Vec::<String>::new());
    // A receipt waiting for the member to confirm the committee's fingerprint.
    let to_pin = RwSignal::new(None::<(Verified, String, String)>);
    let checked = RwSignal::new(false);

    let apply = move |v: Verified, pinned: Option<String>| {
        spawn_local(async move {
            let me = ctx.profile.get_untracked().map(|p| p.member_id).unwrap_or_default();
            let pinned = match pinned {
                Some(k) => Some(k),
                None => match ctx.settings() {
                    Ok(settings) => settings.get(COMMITTEE_KEY).await.ok().flatten(),
                    Err(_) => None,
                },
            };
            finish(ctx, v, pinned, me, message, error, refused, to_pin, on_done).await;
        });
    };

    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = take_chosen(&ev).into_iter().next() else { return };
        message.set(None);
        error.set(None);
        refused.set(Vec::new());
        to_pin.set(None);
        checked.set(false);
        spawn_local(async move {
            match read_bundle(&file).await.and_then(|b| verify(&b)) {
                Ok(v) => apply(v, None),
                Err(e) => {
                    error.try_set(Some(ctx.t().bundle_error(&e)));
                }
            }
        });
    };

    let confirm = move |_| {
        let Some((v, key_id, _)) = to_pin.get_untracked() else { return };
        spawn_local(async move {
            let saved = async { ctx.settings()?.set(COMMITTEE_KEY, &key_id).await }.await;
            match saved {
                Ok(()) => apply(v, Some(key_id)),
                Err(e) => {
                    error.try_set(Some((ctx.t().save_failed)(store_error_text(ctx.t(), &e))));
                }
            }
        });
    };

    view! {
        <section class="card receipt-card">
            <h2>{ctx.text(|t| t.receipt_title)}</h2>
            <p class="hint">{ctx.text(|t| t.receipt_hint)}</p>
            <label class="button small file-button">
                {ctx.text(|t| t.receipt_pick)}
                <input type="file" accept=".json,application/json" class="sr-only" on:change=on_file />
            </label>
            {move || to_pin.get().map(|(_, _, fingerprint)| view! {
                <div class="verdict-box" role="status">
                    <p>{move || (t().receipt_pin_intro)(&to_pin.with(|p| p.as_ref().map(|p| p.0.payload.signer.name.clone()).unwrap_or_default()))}</p>
                    <Fingerprint text=fingerprint />
                    <label class="check">
                        <input type="checkbox" on:change=move |ev| checked.set(event_target_checked(&ev)) />
                        <span>{ctx.text(|t| t.receipt_pin_check)}</span>
                    </label>
                    <button type="button" class="button primary" disabled=move || !checked.get() on:click=confirm>{ctx.text(|t| t.receipt_pin_confirm)}</button>
                </div>
            })}
            <p class="ok-note" role="status">{move || message.get()}</p>
            <p class="save-error" role="alert">{move || error.get()}</p>
            <ul class="rule-errors">
                <For each=move || refused.get() key=|r| r.clone() let:r><li>{r}</li></For>
            </ul>
        </section>
    }
}

/// Reads the receipt for this member with the pinned key and applies it; an unpinned key
/// asks for the fingerprint comparison first.
#[allow(clippy::too_many_arguments)]
async fn finish(
    ctx: AppCtx,
    v: Verified,
    pinned: Option<String>,
    me: String,
    message: RwSignal<Option<String>>,
    error: RwSignal<Option<String>>,
    refused: RwSignal<Vec<String>>,
    to_pin: RwSignal<Option<(Verified, String, String)>>,
    on_done: Callback<()>,
) {
    use crate::staff::receipt::{read_receipt, ReceiptError};
    let t = ctx.t();
    match read_receipt(&v, pinned.as_deref(), &me) {
        Err(ReceiptError::Unpinned { key_id, fingerprint }) => {
            to_pin.try_set(Some((v, key_id, fingerprint)));
        }
        Err(e) => {
            error.try_set(Some(t.receipt_error(&e)));
        }
        Ok(r) if r.is_empty() => {
            to_pin.try_set(None);
            message.try_set(Some(t.receipt_nothing_for_me.to_string()));
        }
        Ok(r) => {
            to_pin.try_set(None);
            match ctx.apply_receipt(&r).await {
                Ok(o) => {
                    message.try_set(Some((t.receipt_outcome)(o.received, o.applied, o.already)));
                    refused.try_set(o.refused.iter().map(|(title, e)| (t.receipt_refused)(title, &t.transition_error(e))).collect());
                    on_done.run(());
                }
                Err(e) => {
                    error.try_set(Some((t.save_failed)(store_error_text(t, &e))));
                }
            }
        }
    }
}

/// A bundle file's bytes; one over the limit is refused from its size, before reading, so
/// a huge file never freezes the page.
async fn read_bundle(file: &web_sys::File) -> Result<Vec<u8>, crate::bundle::BundleError> {
    match read_bytes(file, BUNDLE_MAX_BYTES).await {
        Ok(bytes) => Ok(bytes),
        Err(ReadError::TooLarge { size }) => Err(crate::bundle::BundleError::TooLarge { max_bytes: BUNDLE_MAX_BYTES, size }),
        // An unreadable file reads as empty: "the file is empty" is what the member can act on.
        Err(ReadError::Unreadable) => Ok(Vec::new()),
    }
}
