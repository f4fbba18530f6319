//! 我的 → 安装到桌面 and 本机存储 (issue 7).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ui::device::{ask_persistent, is_installed, is_ios, is_persistent, size_text, storage_use, InstallOffer, StorageUse};
use crate::ui::service::AppCtx;

/// The browser's own install where it offers one; Safari's steps, with pictures, on iOS;
/// a plain line once installed. Nothing on browsers that can do neither.
#[component]
pub fn InstallCard() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let offer = use_context::<InstallOffer>();
    let installed = is_installed();
    let ios = is_ios() && !installed;
    let can_prompt = move || offer.is_some_and(InstallOffer::available);
    view! {
        <Show when=move || installed || ios || can_prompt()>
            <section class="card install">
                <h2>{ctx.text(|t| t.install_title)}</h2>
                {if installed {
                    view! { <p class="hint">{ctx.text(|t| t.install_done)}</p> }.into_any()
                } else {
                    view! {
                        <p class="hint">{ctx.text(|t| t.install_hint)}</p>
                        <Show when=can_prompt>
                            <button type="button" class="button primary" on:click=move |_| { if let Some(o) = offer { o.prompt() } }>
                                {ctx.text(|t| t.install_action)}
                            </button>
                        </Show>
                        {ios.then(|| view! { <IosSteps /> })}
                    }.into_any()
                }}
            </section>
        </Show>
    }
}

/// Share → 添加到主屏幕 → 添加, each step beside a drawing of what to tap.
#[component]
fn IosSteps() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    // Safari's share icon, its "add to home screen" icon, and a tick for 添加.
    let pictures: [&'static str; 3] = [
        "M12 3v12M7 8l5-5 5 5M5 11v9h14v-9",
        "M4 4h16v16H4zM12 8v8M8 12h8",
        "M5 12l5 5 9-10",
    ];
    view! {
        <h3>{ctx.text(|t| t.install_ios_title)}</h3>
        <ol class="steps pictured">
            {move || ctx.t().install_ios_steps.iter().zip(pictures).map(|(step, d)| view! {
                <li>
                    <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" class="step-picture">
                        <path d=d fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
                    </svg>
                    <span>{*step}</span>
                </li>
            }).collect_view()}
        </ol>
    }
}

/// Whether the browser keeps our data, how much is used, and a warning at 80%.
#[component]
pub fn StorageCard() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = move || ctx.t();
    let persistent = RwSignal::new(None::<bool>);
    let usage = RwSignal::new(None::<StorageUse>);
    let refresh = move || {
        spawn_local(async move {
            persistent.set(is_persistent().await);
            usage.set(storage_use().await);
        });
    };
    refresh();
    let ask = move |_| {
        spawn_local(async move {
            let _ = ask_persistent().await;
            refresh();
        });
    };
    view! {
        <section class="card storage">
            <h2>{ctx.text(|t| t.storage_title)}</h2>
            {move || match persistent.get() {
                Some(true) => view! { <p class="hint storage-persistent">{t().storage_persistent}</p> }.into_any(),
                Some(false) => view! {
                    <p class="hint storage-not-persistent">{t().storage_not_persistent}</p>
                    <button type="button" class="button small" on:click=ask>{t().storage_persist_ask}</button>
                }.into_any(),
                None => ().into_any(),
            }}
            <p class="storage-usage">{move || match usage.get() {
                Some(u) => (t().storage_usage)(&size_text(u.usage), &size_text(u.quota), u.percent()),
                None => t().storage_unknown.to_string(),
            }}</p>
            {move || usage.get().filter(|u| u.is_high()).map(|u| view! {
                <p class="notice warning" role="alert">{(t().storage_high)(u.percent())}</p>
            })}
        </section>
    }
}
