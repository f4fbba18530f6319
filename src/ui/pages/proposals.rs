use leptos::prelude::*;

use crate::ui::components::{empty_state::EmptyState, page_header::PageHeader};
use crate::ui::service::AppCtx;

#[component]
pub fn ProposalsPage() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    view! {
        <PageHeader title=ctx.text(|t| t.tab_proposals) />
        <EmptyState
            title=ctx.text(|t| t.proposals_empty_title)
            body=ctx.text(|t| t.proposals_empty_body) />
    }
}
