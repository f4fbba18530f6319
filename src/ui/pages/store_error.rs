use leptos::prelude::*;

use crate::store::StoreError;
use crate::ui::service::{store_error_text, AppCtx};

/// Shown when IndexedDB cannot be opened (private mode, blocked upgrade …): a clear
/// sentence and a retry, never a blank page.
#[component]
pub fn StoreErrorPage(error: StoreError, retry: Callback<()>) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let detail = error.to_string();
    view! {
        <main class="content narrow" role="alert">
            <h1>{ctx.text(|t| t.store_error_title)}</h1>
            <p class="lead">{Signal::derive(move || store_error_text(ctx.t(), &error))}</p>
            <button type="button" class="button primary" on:click=move |_| retry.run(())>
                {ctx.text(|t| t.retry)}
            </button>
            <details class="tech">
                <summary>{ctx.text(|t| t.store_error_detail)}</summary>
                <code>{detail}</code>
            </details>
        </main>
    }
}
