//! 工作人员工作台 (issue 6): the committee staff's workspace — verify and import bundles,
//! keep the roster and enrol keys, the committee's own key, review proposals; later score
//! duty, export spreadsheets, sign receipts. Desktop first (1280×800), usable on a tablet.
//!
//! It is its own wasm binary (`lvzhi-staff`, served under `/staff/`), so a member's phone
//! never downloads it; it shares the domain, bundle, store and i18n code and the browser's
//! IndexedDB with the member app. Routes are written in full (`/staff/roster`) rather
//! than through the router's `base`, so every link is a plain path the server and the
//! tests see as is.

mod duty;
mod import;
mod key;
mod member;
mod proposals;
mod receipts;
mod review;
mod roster;
mod service;
mod xlsx;
mod sheets;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use super::service::{store_error_text, AppCtx};
use service::StaffCtx;

/// Entry point of the staff binary.
pub fn start() {
    console_error_panic_hook::set_once();
    if let Some(el) = document().get_element_by_id("boot") {
        el.remove();
    }
    leptos::mount::mount_to_body(StaffApp);
}

#[component]
fn StaffApp() -> impl IntoView {
    let ctx = AppCtx::new();
    provide_context(ctx);
    let staff = StaffCtx::new();
    provide_context(staff);
    // The workspace's own worker (scope /staff/), so a desk keeps working offline too.
    let updates = crate::ui::offline::Updates::register("/staff/sw.js");
    Effect::new(move |_| {
        let lang = ctx.lang.get();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", lang.code());
        }
        document().set_title(lang.texts().staff_title);
    });
    // None while opening, then the outcome.
    let booted = RwSignal::new(None::<Result<(), crate::store::StoreError>>);
    spawn_local(async move {
        let r = staff.boot().await;
        booted.set(Some(r));
    });
    let item = move |href: &'static str, label: fn(&'static crate::i18n::Texts) -> &'static str| {
        view! { <A href=href attr:class="nav-item" exact=true><span class="nav-label">{ctx.text(label)}</span></A> }
    };
    view! {
        <crate::ui::offline::UpdateBanner updates />
        <Router>
            <div class="shell staff">
                <nav class="main-nav staff-nav" aria-label=ctx.text(|t| t.nav_label)>
                    <p class="nav-brand">{ctx.text(|t| t.staff_title)}</p>
                    {item("/staff/import", |t| t.staff_nav_import)}
                    {item("/staff/proposals", |t| t.staff_nav_proposals)}
                    {item("/staff/duty", |t| t.staff_nav_duty)}
                    {item("/staff/roster", |t| t.staff_nav_roster)}
                    {item("/staff/key", |t| t.staff_nav_key)}
                    {item("/staff/receipts", |t| t.staff_nav_receipts)}
                </nav>
                <main class="content" id="main">
                    {move || match booted.get() {
                        None => view! { <p class="muted">{ctx.t().loading}</p> }.into_any(),
                        Some(Err(e)) => view! { <p class="error" role="alert">{store_error_text(ctx.t(), &e)}</p> }.into_any(),
                        Some(Ok(())) => view! {
                            <Routes fallback=NotFound>
                                <Route path=path!("/staff") view=import::ImportPage />
                                <Route path=path!("/staff/import") view=import::ImportPage />
                                <Route path=path!("/staff/proposals") view=proposals::ProposalsPage />
                                <Route path=path!("/staff/duty") view=duty::DutyPage />
                                <Route path=path!("/staff/members/:member_id") view=member::MemberFilePage />
                                <Route path=path!("/staff/proposals/:key") view=review::ProposalReviewPage />
                                <Route path=path!("/staff/roster") view=roster::RosterPage />
                                <Route path=path!("/staff/key") view=key::KeyPage />
                                <Route path=path!("/staff/receipts") view=receipts::ReceiptsPage />
                            </Routes>
                        }.into_any(),
                    }}
                </main>
            </div>
        </Router>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    view! {
        <header class="page-header"><h1>{ctx.text(|t| t.staff_not_found)}</h1></header>
        <p><a href="/staff/import">{ctx.text(|t| t.staff_nav_import)}</a></p>
    }
}

/// The files of an `<input type=file multiple>` or a drop's `dataTransfer` (`FileList`
/// read through `Array.from`, which needs no extra web-sys feature).
fn files_of(holder: &wasm_bindgen::JsValue) -> Vec<web_sys::File> {
    use wasm_bindgen::JsCast;
    let Ok(list) = js_sys::Reflect::get(holder, &"files".into()) else { return Vec::new() };
    if list.is_undefined() || list.is_null() {
        return Vec::new();
    }
    js_sys::Array::from(&list).iter().filter_map(|f| f.dyn_into::<web_sys::File>().ok()).collect()
}

/// A file's bytes (empty when the browser cannot read it: verify then refuses it).
async fn read_bytes(file: &web_sys::File) -> Vec<u8> {
    match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
        Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
        Err(_) => Vec::new(),
    }
}

/// "YYYY-MM-DD" of a time on the device's calendar.
fn date_of(ms: i64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!("{}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}
