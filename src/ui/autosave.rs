//! Autosave that cannot lose work, for any form that edits one record.
//!
//! - Every input is journaled synchronously to `localStorage` ([`super::journal`]), so a
//!   killed tab loses nothing; the editor recovers a journal newer than the stored record.
//! - The record is saved to IndexedDB [`DEBOUNCE_MS`] after the last input, and at once on
//!   blur, `visibilitychange` (hidden), `pagehide` and when the editor goes away.
//! - One save at a time: input during a save is saved right after it.
//! - A snapshot (saved version) is kept on the first save of an editing session and then
//!   at most every [`SNAPSHOT_EVERY_MS`].
//! - The form is only ever read, never written: a Chinese IME composition is untouched.
//! - It outlives its page: a timer or `pagehide` after the editor is gone touches no
//!   disposed signal (only `try_` accessors), and saves the last value read on input.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Serialize;

use super::journal;
use super::timing;
use super::service::{now_ms, short_time, store_error_text};
use crate::i18n::Texts;
use crate::store::StoreError;

/// "≤ 1 s after the last keystroke" with room for a slow phone.
pub const DEBOUNCE_MS: u32 = 700;
pub const SNAPSHOT_EVERY_MS: i64 = 5 * 60 * 1000;
/// A save usually commits in a few milliseconds: "保存中…" shows only for a slow one, so
/// the status line does not flicker (and the page does not re-lay out mid-save).
pub const SAYS_SAVING_AFTER_MS: u32 = 300;

/// What the status line says.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    /// A new record nothing has been typed into: there is nothing to save yet.
    Fresh,
    /// Stored; the time of the last save.
    Saved(i64),
    /// Typed but not yet in IndexedDB (it is in the journal).
    Dirty,
    Saving,
    /// Opened from a journal that held text IndexedDB did not.
    Recovered,
    Failed(StoreError),
}

pub type SaveFuture = Pin<Box<dyn Future<Output = Result<(), StoreError>>>>;

/// One form's autosave. Cheap to clone (shared state).
#[derive(Clone)]
pub struct Autosave<T: 'static> {
    inner: Rc<Inner<T>>,
}

struct Inner<T: 'static> {
    journal_key: String,
    /// Reads the form as a record, stamped with the current time; `None` once the form
    /// is gone (then the last value read on input stands in).
    read: Box<dyn Fn() -> Option<T>>,
    /// The form as read at the last input.
    latest: RefCell<Option<T>>,
    /// True when two records hold the same edits (ignoring timestamps).
    same: fn(&T, &T) -> bool,
    /// Stores a record; the flag asks for a snapshot.
    save: Box<dyn Fn(T, bool) -> SaveFuture>,
    /// The last record IndexedDB holds.
    base: RefCell<T>,
    state: RwSignal<SaveState>,
    timer: RefCell<Option<Timeout>>,
    /// Says "保存中…" if a save is still going after [`SAYS_SAVING_AFTER_MS`].
    saying_timer: RefCell<Option<Timeout>>,
    in_flight: Cell<bool>,
    again: Cell<bool>,
    last_snapshot_ms: Cell<i64>,
    enabled: Cell<bool>,
}

impl<T: Clone + Serialize + 'static> Autosave<T> {
    pub fn new(
        journal_key: String,
        base: T,
        state: RwSignal<SaveState>,
        read: impl Fn() -> Option<T> + 'static,
        same: fn(&T, &T) -> bool,
        save: impl Fn(T, bool) -> SaveFuture + 'static,
    ) -> Self {
        Autosave {
            inner: Rc::new(Inner {
                journal_key,
                read: Box::new(read),
                latest: RefCell::new(None),
                same,
                save: Box::new(save),
                base: RefCell::new(base),
                state,
                timer: RefCell::new(None),
                saying_timer: RefCell::new(None),
                in_flight: Cell::new(false),
                again: Cell::new(false),
                last_snapshot_ms: Cell::new(i64::MIN),
                enabled: Cell::new(true),
            }),
        }
    }

    /// Call on every input: journal now, save soon.
    pub fn touched(&self) {
        if !self.inner.enabled.get() {
            return;
        }
        let Some(value) = (self.inner.read)() else { return };
        journal::write(&self.inner.journal_key, &value);
        if !(self.inner.same)(&value, &self.inner.base.borrow()) && !self.inner.in_flight.get() {
            self.inner.state.try_set(SaveState::Dirty);
        }
        *self.inner.latest.borrow_mut() = Some(value);
        let this = self.clone();
        *self.inner.timer.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || this.flush()));
    }

    /// Saves now if the form differs from what is stored.
    pub fn flush(&self) {
        let inner = &self.inner;
        inner.timer.borrow_mut().take();
        if !inner.enabled.get() {
            return;
        }
        if inner.in_flight.get() {
            inner.again.set(true);
            return;
        }
        let Some(value) = (inner.read)().or_else(|| inner.latest.borrow().clone()) else { return };
        if (inner.same)(&value, &inner.base.borrow()) {
            journal::clear(&inner.journal_key);
            if inner.state.try_get_untracked() == Some(SaveState::Dirty) {
                inner.state.try_set(SaveState::Saved(now_ms()));
            }
            return;
        }
        let now = now_ms();
        let snapshot = now.saturating_sub(inner.last_snapshot_ms.get()) >= SNAPSHOT_EVERY_MS;
        inner.in_flight.set(true);
        let this = self.clone();
        timing::mark("lvzhi:autosave:start");
        let future = (inner.save)(value.clone(), snapshot);
        spawn_local(async move {
            let result = future.await;
            let inner = &this.inner;
            inner.in_flight.set(false);
            inner.saying_timer.borrow_mut().take();
            match result {
                Ok(()) => {
                    timing::measure("lvzhi:autosave", "lvzhi:autosave:start");
                    if snapshot {
                        inner.last_snapshot_ms.set(now);
                    }
                    let typed_since = (inner.read)().is_some_and(|now| !(inner.same)(&now, &value));
                    *inner.base.borrow_mut() = value;
                    if !typed_since {
                        journal::clear(&inner.journal_key);
                    }
                    inner.state.try_set(SaveState::Saved(now));
                }
                // The journal still holds the text; the next input or flush tries again.
                Err(e) => {
                    inner.state.try_set(SaveState::Failed(e));
                }
            }
            if inner.again.replace(false) {
                this.flush();
            }
        });
        let state = inner.state;
        let this = self.clone();
        *inner.saying_timer.borrow_mut() = Some(Timeout::new(SAYS_SAVING_AFTER_MS, move || {
            if this.inner.in_flight.get() {
                state.try_set(SaveState::Saving);
            }
        }));
    }

    /// Saves what is typed, then stops autosaving (before a submission changes the record).
    pub async fn finish(&self) -> Result<(), StoreError> {
        self.flush();
        while self.inner.in_flight.get() || self.inner.again.get() {
            gloo_timers::future::TimeoutFuture::new(20).await;
        }
        if let Some(SaveState::Failed(e)) = self.inner.state.try_get_untracked() {
            return Err(e);
        }
        self.inner.enabled.set(false);
        Ok(())
    }

    /// The record as stored last.
    pub fn base(&self) -> T {
        self.inner.base.borrow().clone()
    }
}

impl SaveState {
    /// What an editor says when it opens a record: recovered from the journal, stored at
    /// `updated_ms`, or new.
    pub fn opened(stored: bool, recovered: bool, updated_ms: i64) -> Self {
        match (recovered, stored) {
            (true, _) => SaveState::Recovered,
            (false, true) => SaveState::Saved(updated_ms),
            (false, false) => SaveState::Fresh,
        }
    }

    /// The status line: "已保存 14:02", "保存中…", "保存失败：原因".
    pub fn text(&self, t: &Texts) -> String {
        match self {
            SaveState::Fresh => String::new(),
            SaveState::Saved(ms) => (t.save_saved)(&short_time(*ms)),
            SaveState::Dirty => t.save_dirty.to_string(),
            SaveState::Saving => t.save_saving.to_string(),
            SaveState::Recovered => t.save_recovered.to_string(),
            SaveState::Failed(e) => (t.save_failed)(store_error_text(t, e)),
        }
    }
}

/// Saves at once when the page is hidden or closed, and when the editor goes away.
/// Call once while the editor is being built.
pub fn flush_on_leave<T: Clone + Serialize + 'static>(autosave: StoredValue<Autosave<T>, LocalStorage>) {
    let flush = move || {
        autosave.try_with_value(Autosave::flush);
    };
    let on_hidden = gloo::events::EventListener::new(&document(), "visibilitychange", move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            flush();
        }
    });
    let on_pagehide = gloo::events::EventListener::new(&window(), "pagehide", move |_| flush());
    let keep = send_wrapper::SendWrapper::new((on_hidden, on_pagehide, autosave.get_value()));
    on_cleanup(move || {
        let (a, b, saver) = keep.take();
        saver.flush();
        drop((a, b));
    });
}

/// What an editor opens: the stored record, or its journal when that holds newer typing
/// (`newer(journal, stored)`), which is then stored at once so the journal can go. A
/// journal without a stored record is typing done before the record's first save: it is
/// recovered only where `orphans` says records are created by autosave.
/// Returns `(record, recovered)`, or `None` when there is nothing.
pub async fn open_record<T: serde::de::DeserializeOwned>(
    id: &str,
    stored: Option<T>,
    newer: impl Fn(&T, &T) -> bool,
    orphans: bool,
    save: impl AsyncFn(&T) -> Result<(), StoreError>,
) -> Result<Option<(T, bool)>, StoreError> {
    let journaled = journal::read::<T>(id);
    let recovered = match (stored, journaled) {
        (Some(s), Some(j)) if newer(&j, &s) => Some((j, true)),
        (Some(s), _) => Some((s, false)),
        (None, Some(j)) if orphans => Some((j, true)),
        (None, _) => None,
    };
    if let Some((record, true)) = &recovered {
        save(record).await?;
    }
    journal::clear(id);
    Ok(recovered)
}
