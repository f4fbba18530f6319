use leptos::prelude::*;

use crate::ui::components::{empty_state::EmptyState, page_header::PageHeader};
use crate::ui::service::AppCtx;

#[component]
pub fn HandoffPage() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    view! {
        <PageHeader title=ctx.text(|t| t.tab_handoff) />
        <EmptyState
            title=ctx.text(|t| t.handoff_empty_title)
            body=ctx.text(|t| t.handoff_empty_body) />
    }
}
