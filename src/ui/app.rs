//! The root component: boots storage, then shows first-run setup or the tabbed shell.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

use super::components::nav::MainNav;
use super::pages::{
    clues::CluesPage,
    duty::{DutyEntryPage, DutyPage, ReportEditPage, ReportsPage, ScorePage, YearReportPage}, handoff::HandoffPage, me::MePage, not_found::NotFoundPage,
    profile::{ProfileEditPage, SetupPage}, proposals::{ProposalEditPage, ProposalsPage}, store_error::StoreErrorPage,
};
use super::service::AppCtx;
use crate::store::StoreError;

#[derive(Clone)]
enum Boot {
    Opening,
    Ready,
    Failed(StoreError),
}

#[component]
pub fn App() -> impl IntoView {
    let ctx = AppCtx::new();
    provide_context(ctx);
    let updates = super::offline::Updates::register("/sw.js");
    provide_context(super::device::InstallOffer::listen());
    // WeChat's browser cannot download or install: one screen says how to leave it.
    let wechat = RwSignal::new(super::device::in_wechat());

    // Keep <html lang> and the title in step with the chosen language (screen readers, fonts).
    Effect::new(move |_| {
        let lang = ctx.lang.get();
        let doc = document();
        if let Some(html) = doc.document_element() {
            let _ = html.set_attribute("lang", lang.code());
        }
        doc.set_title(lang.texts().app_name);
    });

    let boot = RwSignal::new(Boot::Opening);
    let start = move || {
        boot.set(Boot::Opening);
        spawn_local(async move {
            boot.set(match ctx.boot().await {
                Ok(()) => Boot::Ready,
                Err(e) => Boot::Failed(e),
            });
        });
    };
    start();

    view! {
        <super::offline::UpdateBanner updates />
        {move || match boot.get() {
            _ if wechat.get() => view! { <WeChatGuide dismiss=Callback::new(move |_| wechat.set(false)) /> }.into_any(),
            Boot::Opening => view! { <p class="boot">{ctx.text(|t| t.loading)}</p> }.into_any(),
            Boot::Failed(error) => view! { <StoreErrorPage error retry=Callback::new(move |_| start()) /> }.into_any(),
            Boot::Ready => view! { <Shell /> }.into_any(),
        }}
    }
}

/// Opened inside WeChat: how to open the page in the phone's own browser.
#[component]
fn WeChatGuide(dismiss: Callback<()>) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    view! {
        <main class="content narrow wechat-guide" id="main">
            // Points at WeChat's ··· menu, top right.
            <p class="wechat-arrow" aria-hidden="true">"↗"</p>
            <h1>{ctx.text(|t| t.wechat_title)}</h1>
            <p class="lead">{ctx.text(|t| t.wechat_body)}</p>
            <ol class="steps">
                {move || ctx.t().wechat_steps.iter().map(|s| view! { <li>{*s}</li> }).collect_view()}
            </ol>
            <button type="button" class="button" on:click=move |_| dismiss.run(())>{ctx.text(|t| t.wechat_continue)}</button>
        </main>
    }
}

/// First run shows only the setup form; afterwards the tabbed app with its routes.
#[component]
fn Shell() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let has_profile = move || ctx.profile.with(Option::is_some);

    view! {
        <Router>
            <Show when=has_profile fallback=|| view! { <SetupPage /> }>
                <div class="shell">
                    <MainNav />
                    <main class="content" id="main">
                        <Routes fallback=NotFoundPage>
                            <Route path=path!("/") view=|| view! { <Redirect path="/proposals" /> } />
                            <Route path=path!("/proposals") view=ProposalsPage />
                            <Route path=path!("/proposals/:id") view=ProposalEditPage />
                            <Route path=path!("/clues") view=CluesPage />
                            <Route path=path!("/duty") view=DutyPage />
                            <Route path=path!("/duty/log/:id") view=DutyEntryPage />
                            <Route path=path!("/duty/reports") view=ReportsPage />
                            <Route path=path!("/duty/reports/:id") view=ReportEditPage />
                            <Route path=path!("/duty/score") view=ScorePage />
                            <Route path=path!("/duty/report/:year") view=YearReportPage />
                            <Route path=path!("/handoff") view=HandoffPage />
                            <Route path=path!("/me") view=MePage />
                            <Route path=path!("/me/profile") view=ProfileEditPage />
                        </Routes>
                    </main>
                </div>
            </Show>
        </Router>
    }
}
