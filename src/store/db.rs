//! The connection handle and transactions.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Poll, Waker};

use indexed_db_futures::database::Database;
use indexed_db_futures::factory::DBFactory;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::error::{from_dom, from_idb, from_js, from_open, Result, StoreError};
use super::js::{from_js_value, to_js};
use super::key::{Key, KeyRange};
use super::query::{page_in, Page, PageQuery};
use super::schema::{stores, Schema, DATA_VERSION_KEY, SCHEMA};

/// An open database. Cheap to clone (one connection shared by all clones); the connection
/// closes when the last clone is dropped or [`Db::close`] is called.
#[derive(Clone)]
pub struct Db {
    inner: Rc<Inner>,
}

struct Inner {
    idb: Database,
    name: String,
    /// Set when the connection went away under us (another tab upgraded or deleted the
    /// database, or the browser closed it): later calls report [`StoreError::Closed`].
    closed: Rc<Cell<bool>>,
    _on_versionchange: Closure<dyn FnMut(web_sys::Event)>,
    _on_close: Closure<dyn FnMut(web_sys::Event)>,
    /// Installed as `onerror` of every write request: stops the event before it reaches
    /// the transaction, which still aborts (the event is not cancelled) and keeps the
    /// cause in `transaction.error` for [`Tx::commit`] to report.
    quiet_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        let sys: &web_sys::IdbDatabase = self.idb.as_sys();
        sys.set_onversionchange(None);
        sys.set_onclose(None);
        sys.close();
    }
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("name", &self.inner.name)
            .field("version", &self.version())
            .field("closed", &self.inner.closed.get())
            .finish()
    }
}

/// Wakes the open future when the request reports `blocked`.
#[derive(Default)]
struct BlockedSignal {
    fired: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

impl Db {
    /// Opens (creating or upgrading) the product database [`DB_NAME`](super::DB_NAME)
    /// with the current [`SCHEMA`].
    pub async fn open(name: &str) -> Result<Db> {
        Self::open_with(name, &SCHEMA).await
    }

    /// Opens `name` with an explicit schema (tests open old data with a newer one).
    ///
    /// Returns [`StoreError::Blocked`] as soon as the browser reports that another
    /// connection at an older version does not close, instead of waiting for ever. The
    /// open request itself stays queued in the background with its upgrade handler: if
    /// the other tab closes later, the upgrade completes correctly (and that background
    /// connection is closed at once), so a retry then succeeds.
    pub async fn open_with(name: &str, schema: &'static Schema) -> Result<Db> {
        schema.check()?;
        let factory = DBFactory::new().map_err(from_open)?;

        let blocked = Rc::new(BlockedSignal::default());
        let upgraded_from: Rc<Cell<Option<u32>>> = Rc::new(Cell::new(None));
        let request = factory
            .open_db(name)
            .with_version(schema.version())
            .with_on_blocked({
                let blocked = Rc::clone(&blocked);
                move |_event| {
                    blocked.fired.set(true);
                    if let Some(w) = blocked.waker.borrow_mut().take() {
                        w.wake();
                    }
                    Ok(())
                }
            })
            .with_on_upgrade_needed({
                let upgraded_from = Rc::clone(&upgraded_from);
                move |event, db| {
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    let old = event.old_version() as u32;
                    upgraded_from.set(Some(old));
                    schema.upgrade(&db, old)
                }
            })
            .build()
            .map_err(from_open)?;
        let mut request = Box::pin(request);

        let outcome = std::future::poll_fn(|cx| {
            if let Poll::Ready(result) = request.as_mut().poll(cx) {
                return Poll::Ready(Some(result));
            }
            if blocked.fired.get() {
                return Poll::Ready(None);
            }
            *blocked.waker.borrow_mut() = Some(cx.waker().clone());
            Poll::Pending
        })
        .await;

        let idb = match outcome {
            Some(result) => result.map_err(from_open)?,
            None => {
                // Dropping the request would unhook `onupgradeneeded` while the browser
                // keeps the request queued: it would later bump the version without
                // creating any store. Keep it alive until it settles instead.
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(db) = request.await {
                        db.close();
                    }
                });
                return Err(StoreError::Blocked);
            }
        };

        let db = Db::wrap(idb, name);
        db.run_data_steps(schema, upgraded_from.get()).await?;
        Ok(db)
    }

    fn wrap(idb: Database, name: &str) -> Db {
        let closed = Rc::new(Cell::new(false));
        let sys: web_sys::IdbDatabase = idb.as_sys().clone().unchecked_into();
        // Another tab wants a newer version (or deletes the database): let go at once so
        // it is not blocked; this tab's later calls report `Closed` and the UI reloads.
        let on_versionchange = Closure::<dyn FnMut(web_sys::Event)>::new({
            let closed = Rc::clone(&closed);
            let sys = sys.clone();
            move |_event: web_sys::Event| {
                closed.set(true);
                sys.close();
            }
        });
        // The browser closed the connection itself (storage cleared, disk error).
        let on_close = Closure::<dyn FnMut(web_sys::Event)>::new({
            let closed = Rc::clone(&closed);
            move |_event: web_sys::Event| closed.set(true)
        });
        let quiet_error = Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| {
            event.stop_propagation();
        });
        sys.set_onversionchange(Some(on_versionchange.as_ref().unchecked_ref()));
        sys.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        Db {
            inner: Rc::new(Inner {
                idb,
                name: name.to_owned(),
                closed,
                _on_versionchange: on_versionchange,
                _on_close: on_close,
                quiet_error,
            }),
        }
    }

    /// Applies pending data steps (see [`schema`](super::schema)), each in one transaction
    /// together with the bump of the `data_version` marker.
    async fn run_data_steps(&self, schema: &Schema, upgraded_from: Option<u32>) -> Result<()> {
        let has_meta = self.store_names().iter().any(|n| n == stores::META);
        let pending =
            |done: u32| schema.steps.iter().filter(move |s| s.version > done && s.data.is_some());
        // Cheap exit for the common case: no schema in the list has data steps.
        if !has_meta || pending(0).next().is_none() {
            return Ok(());
        }
        let marker: Option<MetaRecord<u32>> =
            self.read_tx(&[stores::META])?.get(stores::META, DATA_VERSION_KEY).await?;
        // A fresh database writes the marker during the upgrade; a missing one means the
        // data predates the marker, i.e. the version we upgraded from.
        let done = marker.map(|m| m.value).or(upgraded_from).unwrap_or_else(|| schema.version());
        let names = self.store_names();
        let all: Vec<&str> = names.iter().map(String::as_str).collect();
        for step in pending(done) {
            let Some(data) = step.data else { continue };
            let tx = self.write_tx(&all)?;
            data(&tx).await?;
            tx.put(
                stores::META,
                &MetaRecord { key: DATA_VERSION_KEY.to_owned(), value: step.version },
            )?;
            tx.commit().await?;
        }
        Ok(())
    }

    /// Deletes a whole database (tests; "erase everything"). Our own handles must be
    /// dropped or closed first; other tabs' handles close themselves on `versionchange`.
    /// If some other connection does not let go, returns [`StoreError::Blocked`] instead
    /// of waiting: the deletion stays queued and happens once that connection closes.
    pub async fn delete_database(name: &str) -> Result<()> {
        let op = "delete database";
        let factory = web_sys::window()
            .and_then(|w| w.indexed_db().ok().flatten())
            .ok_or(StoreError::Unavailable)?;
        let req = factory.delete_database(name).map_err(|e| from_js(op, &e))?;
        // One promise settles on whichever comes first: success, error or blocked.
        let promise = js_sys::Promise::new(&mut |resolve, reject| {
            req.set_onsuccess(Some(&resolve));
            req.set_onblocked(Some(&resolve));
            req.set_onerror(Some(&reject));
        });
        let outcome = wasm_bindgen_futures::JsFuture::from(promise).await;
        req.set_onblocked(None);
        match outcome {
            Ok(event) => {
                let kind =
                    js_sys::Reflect::get(&event, &"type".into()).ok().and_then(|t| t.as_string());
                if kind.as_deref() == Some("blocked") {
                    Err(StoreError::Blocked)
                } else {
                    Ok(())
                }
            }
            Err(_) => Err(match req.error() {
                Ok(Some(e)) => from_dom(op, &e),
                _ => StoreError::Failed { op, detail: "deleteDatabase failed".into() },
            }),
        }
    }

    /// Closes the connection now, for every clone of this handle (their later calls
    /// report [`StoreError::Closed`]). Lets a newer version or a delete proceed.
    pub fn close(&self) {
        self.inner.closed.set(true);
        let sys: &web_sys::IdbDatabase = self.inner.idb.as_sys();
        sys.close();
    }

    /// False once the connection was closed, by us or because another tab upgraded.
    pub fn is_open(&self) -> bool {
        !self.inner.closed.get()
    }

    /// The database name it was opened with.
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// The schema version on disk.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    pub fn version(&self) -> u32 {
        self.inner.idb.version() as u32
    }

    /// Object store names on disk (sorted).
    pub fn store_names(&self) -> Vec<String> {
        self.inner.idb.object_store_names().collect()
    }

    /// A read-only transaction over `stores`, for consistent reads across several stores.
    pub fn read_tx(&self, stores: &[&str]) -> Result<Tx<'_>> {
        self.tx(stores, TransactionMode::Readonly)
    }

    /// A read-write transaction over `stores`: one logical change, all or nothing.
    pub fn write_tx(&self, stores: &[&str]) -> Result<Tx<'_>> {
        self.tx(stores, TransactionMode::Readwrite)
    }

    fn tx(&self, stores: &[&str], mode: TransactionMode) -> Result<Tx<'_>> {
        self.ensure_open()?;
        let tx = self
            .inner
            .idb
            .transaction(stores)
            .with_mode(mode)
            .build()
            .map_err(|e| self.classify(from_idb("begin transaction", e)))?;
        let raw: web_sys::IdbTransaction = tx.as_sys().clone().unchecked_into();
        Ok(Tx { db: self, tx, raw })
    }

    fn ensure_open(&self) -> Result<()> {
        if self.inner.closed.get() {
            Err(StoreError::Closed)
        } else {
            Ok(())
        }
    }

    /// An `InvalidStateError` on a connection that went away is really `Closed`.
    fn classify(&self, e: StoreError) -> StoreError {
        if self.inner.closed.get() {
            StoreError::Closed
        } else {
            e
        }
    }
}

#[derive(Serialize, serde::Deserialize)]
struct MetaRecord<V> {
    key: String,
    value: V,
}

/// A transaction. Write requests are issued synchronously (`put`, `add`, `delete`), reads
/// are awaited; finish a write with [`Tx::commit`]. Dropping a `Tx` without committing
/// rolls every write back (`indexed_db_futures` 0.6 aborts on drop), so `?` is safe.
///
/// While a `Tx` is alive, await nothing but its own methods: the browser commits a
/// transaction by itself as soon as no request is pending, so awaiting a timer or fetch
/// in between would end it early.
pub struct Tx<'db> {
    db: &'db Db,
    tx: Transaction<'db>,
    raw: web_sys::IdbTransaction,
}

impl std::fmt::Debug for Tx<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tx").field("db", self.db).field("mode", &self.tx.mode()).finish()
    }
}

impl<'db> Tx<'db> {
    pub(crate) fn object_store(&self, name: &str) -> Result<ObjectStore<'_>> {
        self.tx.object_store(name).map_err(|e| self.fail(from_idb("open store", e)))
    }

    fn fail(&self, e: StoreError) -> StoreError {
        self.db.classify(e)
    }

    fn quiet(&self, req: &web_sys::IdbRequest) {
        req.set_onerror(Some(self.db.inner.quiet_error.as_ref().unchecked_ref()));
    }

    /// Inserts or replaces `value` (its key comes from the store's key path).
    pub fn put<T: Serialize + ?Sized>(&self, store: &str, value: &T) -> Result<()> {
        let js = to_js(value)?;
        let os = self.object_store(store)?;
        let sys: &web_sys::IdbObjectStore = os.as_sys();
        let req = sys.put(&js).map_err(|e| self.fail(from_js("put", &e)))?;
        self.quiet(&req);
        Ok(())
    }

    /// Inserts or replaces a record built by hand as a JS object (its key comes from the
    /// store's key path). For records serde cannot express, such as one holding a `Blob`
    /// (IndexedDB stores Blobs natively; `serde_wasm_bindgen` cannot): see
    /// `attachments.rs`.
    pub(crate) fn put_raw(&self, store: &str, value: &JsValue) -> Result<()> {
        let os = self.object_store(store)?;
        let sys: &web_sys::IdbObjectStore = os.as_sys();
        let req = sys.put(value).map_err(|e| self.fail(from_js("put", &e)))?;
        self.quiet(&req);
        Ok(())
    }

    /// The record with this primary key as the raw JS value (`None` if absent); the
    /// counterpart of [`Tx::put_raw`].
    pub(crate) async fn get_raw(&self, store: &str, key: impl Into<Key>) -> Result<Option<JsValue>> {
        let os = self.object_store(store)?;
        let sys: &web_sys::IdbObjectStore = os.as_sys();
        let req = sys.get(&key.into().to_js()).map_err(|e| self.fail(from_js("get", &e)))?;
        let v = super::js::next_event("get", &req).await.map_err(|e| self.fail(e))?;
        Ok((!v.is_undefined() && !v.is_null()).then_some(v))
    }

    /// Every record whose `index` key equals `key`, as raw JS values, in one `getAll`
    /// request (for small sets read with [`Tx::put_raw`]'s counterpart decoding).
    pub(crate) async fn get_all_raw(&self, store: &str, index: &str, key: impl Into<Key>) -> Result<js_sys::Array> {
        let os = self.object_store(store)?;
        let sys: &web_sys::IdbObjectStore = os.as_sys();
        let req = sys
            .index(index)
            .and_then(|ix| ix.get_all_with_key(&key.into().to_js()))
            .map_err(|e| self.fail(from_js("get all", &e)))?;
        let v = super::js::next_event("get all", &req).await.map_err(|e| self.fail(e))?;
        Ok(v.dyn_into().unwrap_or_default())
    }

    /// Inserts `value`; the commit fails with [`StoreError::Constraint`] if its key exists.
    pub fn add<T: Serialize + ?Sized>(&self, store: &str, value: &T) -> Result<()> {
        let js = to_js(value)?;
        let os = self.object_store(store)?;
        let sys: &web_sys::IdbObjectStore = os.as_sys();
        let req = sys.add(&js).map_err(|e| self.fail(from_js("add", &e)))?;
        self.quiet(&req);
        Ok(())
    }

    /// Deletes the record with this primary key (no error if there is none).
    pub fn delete(&self, store: &str, key: impl Into<Key>) -> Result<()> {
        let os = self.object_store(store)?;
        let sys: &web_sys::IdbObjectStore = os.as_sys();
        let req = sys.delete(&key.into().to_js()).map_err(|e| self.fail(from_js("delete", &e)))?;
        self.quiet(&req);
        Ok(())
    }

    /// The record with this primary key, if any.
    pub async fn get<T: DeserializeOwned>(
        &self,
        store: &str,
        key: impl Into<Key>,
    ) -> Result<Option<T>> {
        let os = self.object_store(store)?;
        let found: Option<JsValue> = os
            .get::<JsValue, JsValue, _>(indexed_db_futures::KeyRange::Only(key.into().to_js()))
            .primitive()
            .map_err(|e| self.fail(from_idb("get", e)))?
            .await
            .map_err(|e| self.fail(from_idb("get", e)))?;
        match found {
            Some(v) if !v.is_undefined() => from_js_value(store, v).map(Some),
            _ => Ok(None),
        }
    }

    /// Number of records in a store, or in an index within an optional range.
    pub async fn count(
        &self,
        store: &str,
        index: Option<&str>,
        range: Option<&KeyRange>,
    ) -> Result<u32> {
        let os = self.object_store(store)?;
        let query = match range {
            None => JsValue::UNDEFINED,
            Some(r) if r.is_empty() => return Ok(0),
            Some(r) => match r.to_js() {
                Ok(Some(kr)) => kr.into(),
                Ok(None) => JsValue::UNDEFINED,
                Err(e) => return Err(self.fail(from_js("count", &e))),
            },
        };
        let req = match index {
            None => {
                let sys: &web_sys::IdbObjectStore = os.as_sys();
                sys.count_with_key(&query)
            }
            Some(name) => {
                let sys: &web_sys::IdbObjectStore = os.as_sys();
                sys.index(name).and_then(|ix| ix.count_with_key(&query))
            }
        }
        .map_err(|e| self.fail(from_js("count", &e)))?;
        let n = super::js::next_event("count", &req).await.map_err(|e| self.fail(e))?;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Ok(n.as_f64().map_or(0, |n| n as u32))
    }

    /// One page of a store or index; see [`PageQuery`].
    pub async fn page<T: DeserializeOwned>(
        &self,
        store: &str,
        query: &PageQuery,
    ) -> Result<Page<T>> {
        let os = self.object_store(store)?;
        page_in(store, os.as_sys(), query, |_| true, usize::MAX).await.map_err(|e| self.fail(e))
    }

    /// Every record `query` selects (its `limit` is the page size), read page by page in
    /// this transaction. For bounded sets only, such as one year of a member's records.
    pub async fn all<T: DeserializeOwned>(&self, store: &str, query: &PageQuery) -> Result<Vec<T>> {
        let mut out = Vec::new();
        let mut after = None;
        loop {
            let page: Page<T> = self.page(store, &query.clone().after(after)).await?;
            out.extend(page.items);
            match page.next {
                Some(next) => after = Some(next),
                None => return Ok(out),
            }
        }
    }

    /// Like [`Tx::page`], keeping only records that pass `keep`, and reading at most
    /// `scan_max` records (see `page_in`): for searches no index can answer.
    pub async fn page_where<T: DeserializeOwned>(
        &self,
        store: &str,
        query: &PageQuery,
        keep: impl FnMut(&T) -> bool,
        scan_max: usize,
    ) -> Result<Page<T>> {
        let os = self.object_store(store)?;
        page_in(store, os.as_sys(), query, keep, scan_max).await.map_err(|e| self.fail(e))
    }

    /// Commits. On failure nothing of this transaction is stored, and the error names
    /// the first cause (e.g. [`StoreError::Constraint`], [`StoreError::QuotaExceeded`]).
    pub async fn commit(self) -> Result<()> {
        let Tx { db, tx, raw } = self;
        match tx.commit().await {
            Ok(()) => Ok(()),
            Err(e) => Err(db.classify(tx_error(&raw).unwrap_or_else(|| from_idb("commit", e)))),
        }
    }

    /// Rolls back explicitly (same as dropping, but waits until the browser confirms).
    pub async fn abort(self) -> Result<()> {
        let Tx { db, tx, .. } = self;
        tx.abort().await.map_err(|e| db.classify(from_idb("abort", e)))
    }
}

/// The cause a failed transaction recorded (a request's error or e.g. QuotaExceededError).
fn tx_error(raw: &web_sys::IdbTransaction) -> Option<StoreError> {
    raw.error().map(|e| from_dom("commit", &e))
}

/// Future type of data steps, for writing them without naming the trait object.
pub type StepFuture<'t> = Pin<Box<dyn Future<Output = Result<()>> + 't>>;
