use leptos::prelude::*;

use crate::ui::components::{empty_state::EmptyState, page_header::PageHeader};
use crate::ui::service::AppCtx;

#[component]
pub fn ProposalsPage() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    view! {
        <PageHeader title=Signal::derive(move || ctx.t().tab_proposals) />
        <EmptyState
            title=Signal::derive(move || ctx.t().proposals_empty_title)
            body=Signal::derive(move || ctx.t().proposals_empty_body) />
    }
}
