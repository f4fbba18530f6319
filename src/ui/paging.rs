//! A list shown a page at a time, shared by every list page: the items so far, the cursor
//! of the next page, whether a page is on its way, and the error to show. Only the newest
//! request lands: a slow answer to an older filter is dropped.
//!
//! "加载中…" appears only once a page has taken [`SLOW_MS`]: most pages come in a few
//! milliseconds, and a line flashed in and out would move the list and cost the phone a
//! layout while the page is still being read.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;

use gloo::timers::callback::Timeout;

use crate::store::{Page, PageCursor, StoreError};
use crate::ui::service::AppCtx;

/// How long a page may take before the list says it is loading.
pub const SLOW_MS: u32 = 300;

pub struct Paged<T: Send + Sync + 'static> {
    pub items: RwSignal<Vec<T>>,
    pub next: RwSignal<Option<PageCursor>>,
    /// A page is on its way (the empty state waits for it).
    pub loading: RwSignal<bool>,
    /// …and has taken longer than [`SLOW_MS`] (what the footer shows).
    pub slow: RwSignal<bool>,
    pub error: RwSignal<Option<StoreError>>,
    generation: StoredValue<u32>,
    slow_timer: StoredValue<Option<Timeout>, LocalStorage>,
}

impl<T: Send + Sync + 'static> Clone for Paged<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Paged<T> {}

impl<T: Send + Sync + 'static> Paged<T> {
    pub fn new() -> Self {
        Paged {
            items: RwSignal::new(Vec::new()),
            next: RwSignal::new(None),
            loading: RwSignal::new(true),
            slow: RwSignal::new(false),
            error: RwSignal::new(None),
            generation: StoredValue::new(0),
            slow_timer: StoredValue::new_local(None),
        }
    }

    /// Loads the first page (`more` false: replaces the items) or the next one (appends).
    /// `load` gets the cursor to resume after and whether this is the first page, and may
    /// return something more for the first page (a count), handed to `first`.
    pub fn fetch<X: 'static, F: Future<Output = Result<(Page<T>, X), StoreError>> + 'static>(
        self,
        more: bool,
        load: impl FnOnce(Option<PageCursor>) -> F,
        first: impl FnOnce(X) + 'static,
    ) {
        // 加载更多 stays on screen while a page loads; a second tap must not fetch it twice.
        if more && self.loading.get_untracked() {
            return;
        }
        let after = if more { self.next.get_untracked() } else { None };
        let gen = self.generation.get_value() + u32::from(!more);
        self.generation.set_value(gen);
        if !self.loading.get_untracked() {
            self.loading.set(true);
        }
        self.slow_timer.set_value(Some(Timeout::new(SLOW_MS, move || {
            if self.generation.try_get_value() == Some(gen) {
                self.slow.try_set(true);
            }
        })));
        let future = load(after);
        spawn_local(async move {
            let result = future.await;
            if self.generation.try_get_value() != Some(gen) {
                return;
            }
            match result {
                Ok((page, extra)) => {
                    if more {
                        self.items.update(|v| v.extend(page.items));
                    } else {
                        self.items.set(page.items);
                        first(extra);
                    }
                    self.next.set(page.next);
                    self.error.set(None);
                }
                Err(e) => self.error.set(Some(e)),
            }
            self.slow_timer.set_value(None);
            self.loading.set(false);
            if self.slow.get_untracked() {
                self.slow.set(false);
            }
        });
    }
}

/// The foot of a paged list: 加载更多 while there is a next page, 加载中… once a page is
/// slow (see the module note).
#[component]
pub fn MoreFooter(has_next: Signal<bool>, slow: RwSignal<bool>, more: Callback<()>) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    view! {
        <div class="more">
            <Show when=move || has_next.get() && !slow.get()>
                <button type="button" class="button" on:click=move |_| more.run(())>{ctx.text(|t| t.load_more)}</button>
            </Show>
            <Show when=move || slow.get()>
                <p class="muted">{ctx.text(|t| t.list_loading)}</p>
            </Show>
        </div>
    }
}

/// An `input` handler for a search box that owns its text (IME-safe): `apply` gets the
/// text 300 ms after the last keystroke.
pub fn debounced(apply: impl Fn(String) + Clone + 'static) -> impl FnMut(leptos::ev::Event) + 'static {
    let timer = StoredValue::new_local(None::<gloo::timers::callback::Timeout>);
    move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let apply = apply.clone();
        timer.set_value(Some(gloo::timers::callback::Timeout::new(300, move || apply(value))));
    }
}
