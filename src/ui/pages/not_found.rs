use leptos::prelude::*;
use leptos_router::components::A;

use crate::ui::components::page_header::PageHeader;
use crate::ui::service::AppCtx;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    view! {
        <PageHeader title=ctx.text(|t| t.not_found_title) />
        <section class="empty-state not-found">
            <p class="big-mark" aria-hidden="true">"404"</p>
            <p>{ctx.text(|t| t.not_found_body)}</p>
            <A href="/proposals" attr:class="button primary">{ctx.text(|t| t.not_found_home)}</A>
        </section>
    }
}
