use leptos::prelude::*;

use crate::ui::components::{empty_state::EmptyState, page_header::PageHeader};
use crate::ui::service::AppCtx;

#[component]
pub fn DutyPage() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    view! {
        <PageHeader title=Signal::derive(move || ctx.t().tab_duty) />
        <EmptyState
            title=Signal::derive(move || ctx.t().duty_empty_title)
            body=Signal::derive(move || ctx.t().duty_empty_body) />
    }
}
