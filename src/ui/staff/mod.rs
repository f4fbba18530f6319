//! 工作人员工作台 (issue 6): the committee staff's workspace — verify and import bundles,
//! review proposals, score duty, export spreadsheets, sign receipts. Desktop first
//! (1280×800), usable on a tablet.
//!
//! It is its own wasm binary (`lvzhi-staff`, served under `/staff/`), so a member's phone
//! never downloads it; it shares the domain, bundle, store and i18n code and the browser's
//! IndexedDB with the member app.

use leptos::prelude::*;

use super::service::AppCtx;

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
    Effect::new(move |_| {
        let lang = ctx.lang.get();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", lang.code());
        }
        document().set_title(lang.texts().staff_title);
    });
    view! {
        <div class="shell staff">
            <nav class="main-nav" aria-label=ctx.text(|t| t.nav_label)>
                <p class="nav-brand">{ctx.text(|t| t.staff_title)}</p>
            </nav>
            <main class="content" id="main">
                <header class="page-header"><h1>{ctx.text(|t| t.staff_title)}</h1></header>
                <section class="empty-state">
                    <h2>{ctx.text(|t| t.staff_coming_title)}</h2>
                    <p>{ctx.text(|t| t.staff_coming_body)}</p>
                    <p><a href="/" rel="external" class="button">{ctx.text(|t| t.staff_back_to_member)}</a></p>
                </section>
            </main>
        </div>
    }
}
