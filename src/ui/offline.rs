//! Working offline (issue 7): the service worker that keeps every file of this build
//! (`public/sw.js`, its file list written by the build), and the 新版本可用 banner.
//!
//! A new version never replaces the running one by itself: the browser installs it in the
//! background and it waits; the banner shows, and only the person's tap on 更新 switches
//! (the page then reloads into the new version). IndexedDB upgrades in `store::schema`
//! keep data written by the old version readable by the new one.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

use super::service::AppCtx;

/// A version that has installed and waits for the person's tap.
#[derive(Clone, Copy)]
pub struct Updates {
    waiting: RwSignal<Option<SendWorker>, LocalStorage>,
}

/// `ServiceWorker` is a JS handle; it lives in a local-only signal.
#[derive(Clone)]
struct SendWorker(ServiceWorker);

/// The browser's worker container; `None` where there is none (old browsers, and plain
/// `http://` pages other than localhost, where browsers offer no service workers).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = window().navigator();
    let has = js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    has.then(|| navigator.service_worker())
}

impl Updates {
    /// Registers the worker at `script` (the app's own `sw.js`) and watches for updates.
    /// Failing to register (no worker support, a private window) leaves the app working
    /// online as before.
    pub fn register(script: &'static str) -> Self {
        let updates = Updates { waiting: RwSignal::new_local(None) };
        let Some(container) = container() else { return updates };
        leptos::task::spawn_local(async move {
            let Ok(registration) = wasm_bindgen_futures::JsFuture::from(container.register(script)).await else { return };
            let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else { return };
            updates.watch(&container, &registration);
        });
        updates
    }

    fn watch(self, container: &ServiceWorkerContainer, registration: &ServiceWorkerRegistration) {
        // Only an update waits: on the very first visit there is no controller and the
        // new worker takes over at once.
        let controlled = {
            let container = container.clone();
            move || container.controller().is_some()
        };
        if let Some(worker) = registration.waiting() {
            if controlled() {
                self.waiting.set(Some(SendWorker(worker)));
            }
        }
        let reg = registration.clone();
        let on_found = Closure::<dyn Fn()>::new(move || {
            let Some(worker) = reg.installing() else { return };
            let watched = worker.clone();
            let controlled = controlled.clone();
            let on_state = Closure::<dyn Fn()>::new(move || {
                if watched.state() == ServiceWorkerState::Installed && controlled() {
                    self.waiting.set(Some(SendWorker(watched.clone())));
                }
            });
            worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        on_found.forget();
        // Look for a new version whenever the app comes back to the screen (the browser
        // also looks at every start); offline this simply fails and nothing changes.
        let reg = registration.clone();
        let on_visible = Closure::<dyn Fn()>::new(move || {
            if document().visibility_state() == web_sys::VisibilityState::Visible {
                let _ = reg.update();
            }
        });
        let _ = document().add_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref());
        on_visible.forget();
    }

    /// Switches to the waiting version: the worker takes over and the page reloads once.
    fn apply(self) {
        let Some(SendWorker(worker)) = self.waiting.get_untracked() else { return };
        if let Some(container) = container() {
            let reload = Closure::once_into_js(|| {
                let _ = window().location().reload();
            });
            container.set_oncontrollerchange(Some(reload.unchecked_ref()));
        }
        let _ = worker.post_message(&JsValue::from_str("skip-waiting"));
    }
}

/// 新版本可用 · 更新: shown while a new version waits.
#[component]
pub fn UpdateBanner(updates: Updates) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    view! {
        <Show when=move || updates.waiting.with(Option::is_some)>
            <div class="update-banner" role="status">
                <span>{ctx.text(|t| t.update_ready)}</span>
                <button type="button" class="button primary" on:click=move |_| updates.apply()>{ctx.text(|t| t.update_apply)}</button>
            </div>
        </Show>
    }
}
