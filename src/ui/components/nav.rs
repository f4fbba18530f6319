//! The main navigation: a bottom tab bar on phones, a side bar from 1024 px (CSS decides).

use leptos::prelude::*;
use leptos_router::components::A;

use super::icons::{Icon, IconKind};
use crate::ui::service::AppCtx;

#[component]
pub fn MainNav() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let tab = move |href: &'static str, icon: IconKind, label: fn(&'static crate::i18n::Texts) -> &'static str| {
        view! {
            <A href=href attr:class="nav-item">
                <Icon kind=icon />
                <span class="nav-label">{ctx.text(label)}</span>
            </A>
        }
    };
    view! {
        <nav class="main-nav" aria-label=ctx.text(|t| t.nav_label)>
            <div class="nav-brand" aria-hidden="true">{ctx.text(|t| t.app_name)}</div>
            {tab("/proposals", IconKind::Proposals, |t| t.tab_proposals)}
            {tab("/duty", IconKind::Duty, |t| t.tab_duty)}
            {tab("/handoff", IconKind::Handoff, |t| t.tab_handoff)}
            {tab("/me", IconKind::Me, |t| t.tab_me)}
        </nav>
    }
}
