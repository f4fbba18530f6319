//! A list shown a page at a time, shared by every list page: the items so far, the cursor
//! of the next page, whether a page is on its way, and the error to show. Only the newest
//! request lands: a slow answer to an older filter is dropped.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::store::{Page, PageCursor, StoreError};

pub struct Paged<T: Send + Sync + 'static> {
    pub items: RwSignal<Vec<T>>,
    pub next: RwSignal<Option<PageCursor>>,
    pub loading: RwSignal<bool>,
    pub error: RwSignal<Option<StoreError>>,
    generation: StoredValue<u32>,
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
            error: RwSignal::new(None),
            generation: StoredValue::new(0),
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
        let after = if more { self.next.get_untracked() } else { None };
        let gen = self.generation.get_value() + u32::from(!more);
        self.generation.set_value(gen);
        self.loading.set(true);
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
            self.loading.set(false);
        });
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
