//! Keyset paging over an index: a page is read with a cursor that starts right after the
//! last (index key, primary key) of the previous page, so rendering a page never loads the
//! whole store, and records added or removed meanwhile neither duplicate nor skip items.

use std::cmp::Ordering;

use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

use super::error::{from_js, StoreError};
use super::js::{as_cursor, from_js_value, next_event};
use super::key::{Bound, Key, KeyRange};

/// Page size used by lists unless they choose another.
pub const DEFAULT_PAGE_SIZE: u32 = 20;
/// Upper limit on a page, so one call cannot load a whole store by accident.
pub const MAX_PAGE_SIZE: u32 = 500;

/// Direction of a listing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// Ascending keys: oldest first on time indexes.
    Asc,
    /// Descending keys: newest first on time indexes.
    Desc,
}

/// Where the next page starts: the position of the last item returned. Plain data, so it
/// can be kept in a signal and reused after the store changed.
#[derive(Clone, Debug, PartialEq)]
pub struct PageCursor {
    pub(crate) key: Key,
    pub(crate) primary_key: Key,
}

impl PageCursor {
    /// The index key of the last item returned.
    pub fn key(&self) -> &Key {
        &self.key
    }
    /// The primary key (id) of the last item returned.
    pub fn primary_key(&self) -> &Key {
        &self.primary_key
    }
}

/// One page of results. `next` is `None` when there is nothing after this page.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    /// At most the query's `limit` records, in the query's order.
    pub items: Vec<T>,
    /// Pass to [`PageQuery::after`] for the following page.
    pub next: Option<PageCursor>,
}

/// What to list: an index (or the primary key), an optional key range, an order, a size,
/// and where to resume.
#[derive(Clone, Debug, PartialEq)]
pub struct PageQuery {
    pub(crate) index: Option<&'static str>,
    pub(crate) range: Option<KeyRange>,
    pub(crate) order: Order,
    pub(crate) limit: u32,
    pub(crate) after: Option<PageCursor>,
}

impl PageQuery {
    /// Descending over `index`: newest first on `by_updated`, `by_status`, `by_year`…
    pub fn newest_first(index: &'static str) -> Self {
        Self::new(Some(index), Order::Desc)
    }

    /// Ascending over `index`.
    pub fn oldest_first(index: &'static str) -> Self {
        Self::new(Some(index), Order::Asc)
    }

    /// Over the store's primary key (ids), in `order`.
    pub fn by_primary_key(order: Order) -> Self {
        Self::new(None, order)
    }

    fn new(index: Option<&'static str>, order: Order) -> Self {
        PageQuery { index, range: None, order, limit: DEFAULT_PAGE_SIZE, after: None }
    }

    /// Only keys in `range`, e.g. `KeyRange::prefix("submitted")` on `by_status`.
    #[must_use]
    pub fn range(mut self, range: KeyRange) -> Self {
        self.range = Some(range);
        self
    }

    /// At most `limit` items (clamped to 1..=[`MAX_PAGE_SIZE`]).
    #[must_use]
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = limit.clamp(1, MAX_PAGE_SIZE);
        self
    }

    /// Continue after a previous page (`page.next`); `None` starts from the beginning.
    #[must_use]
    pub fn after(mut self, cursor: Option<PageCursor>) -> Self {
        self.after = cursor;
        self
    }

    /// The range actually scanned: the caller's range narrowed to start at the resume key,
    /// so the browser seeks there directly instead of walking earlier records.
    fn effective_range(&self) -> Option<KeyRange> {
        let mut range = self.range.clone().unwrap_or(KeyRange { lower: None, upper: None });
        if let Some(after) = &self.after {
            // On the primary key the resume key is unique, so it can be excluded outright;
            // on an index other records may share it and are sorted out by primary key.
            let from = Bound { key: after.key.clone(), open: self.index.is_none() };
            let (side, outward) = match self.order {
                Order::Asc => (&mut range.lower, Ordering::Greater),
                Order::Desc => (&mut range.upper, Ordering::Less),
            };
            let keep_caller_bound =
                side.as_ref().is_some_and(|b| b.key.idb_cmp(&from.key) == outward);
            if !keep_caller_bound {
                *side = Some(from);
            }
        }
        if range.lower.is_none() && range.upper.is_none() {
            None
        } else {
            Some(range)
        }
    }
}

/// Reads one page with a raw cursor on `store` (or one of its indexes).
///
/// `indexed_db_futures` 0.6 has no `continuePrimaryKey`, which is what makes keyset
/// paging exact when many records share an index key (same status, same millisecond), so
/// this walks the `IDBCursor` directly.
///
/// `keep` filters records in Rust (e.g. a Chinese substring search, which no index can
/// answer); at most `scan_max` records are read per call, so a rare match cannot make one
/// call read the whole store: the page may then hold fewer than `limit` items while
/// `next` says where to continue.
pub(crate) async fn page_in<T: DeserializeOwned>(
    store_name: &str,
    store: &web_sys::IdbObjectStore,
    q: &PageQuery,
    mut keep: impl FnMut(&T) -> bool,
    scan_max: usize,
) -> Result<Page<T>, StoreError> {
    let mut items = Vec::new();
    let next = scan(store, q, scan_max, &mut |value| {
        let item: T = from_js_value(store_name, value)?;
        let kept = keep(&item);
        if kept {
            items.push(item);
        }
        Ok(kept)
    })
    .await?;
    Ok(Page { items, next })
}

/// The cursor walk behind [`page_in`], untyped so that its code exists once rather than
/// once per record type: `take` decodes a record, keeps it or not, and says which. Returns
/// where the next page starts.
async fn scan(
    store: &web_sys::IdbObjectStore,
    q: &PageQuery,
    scan_max: usize,
    take: &mut dyn FnMut(JsValue) -> Result<bool, StoreError>,
) -> Result<Option<PageCursor>, StoreError> {
    let range = q.effective_range();
    let range_js: JsValue = match &range {
        None => JsValue::UNDEFINED,
        Some(r) if r.is_empty() => return Ok(None),
        Some(r) => match r.to_js() {
            Ok(Some(kr)) => kr.into(),
            Ok(None) => JsValue::UNDEFINED,
            Err(e) => return Err(from_js("page", &e)),
        },
    };
    let direction = match q.order {
        Order::Asc => web_sys::IdbCursorDirection::Next,
        Order::Desc => web_sys::IdbCursorDirection::Prev,
    };
    let request = match q.index {
        Some(name) => store
            .index(name)
            .and_then(|ix| ix.open_cursor_with_range_and_direction(&range_js, direction)),
        None => store.open_cursor_with_range_and_direction(&range_js, direction),
    }
    .map_err(|e| from_js("page", &e))?;
    let request: &web_sys::IdbRequest = &request;

    let mut cursor = as_cursor(next_event("page", request).await?);

    // Step past the records at the resume key that the previous page already returned.
    if let (Some(after), Some(_)) = (&q.after, q.index) {
        // In scan order, has (key, pk) been returned already?
        let seen = |pk: &Key| {
            matches!(
                (pk.idb_cmp(&after.primary_key), q.order),
                (Ordering::Equal, _)
                    | (Ordering::Less, Order::Asc)
                    | (Ordering::Greater, Order::Desc)
            )
        };
        if let Some(c) = &cursor {
            let (key, pk) = position(c)?;
            if key.idb_cmp(&after.key) == Ordering::Equal && seen(&pk) {
                if pk.idb_cmp(&after.primary_key) != Ordering::Equal {
                    // Seek straight to the resume position (O(log n), not a walk)…
                    c.continue_primary_key(&after.key.to_js(), &after.primary_key.to_js())
                        .map_err(|e| from_js("page", &e))?;
                    cursor = as_cursor(next_event("page", request).await?);
                }
                // …and past it, if that record still exists.
                if let Some(c) = &cursor {
                    let (key, pk) = position(c)?;
                    if key.idb_cmp(&after.key) == Ordering::Equal && seen(&pk) {
                        c.continue_().map_err(|e| from_js("page", &e))?;
                        cursor = as_cursor(next_event("page", request).await?);
                    }
                }
            }
        }
    }

    let mut kept = 0;
    let mut last = None;
    let mut scanned = 0;
    while let Some(c) = &cursor {
        if kept >= q.limit as usize || scanned >= scan_max {
            // One record beyond the page exists: there is a next page.
            return Ok(last);
        }
        scanned += 1;
        let (key, primary_key) = position(c)?;
        let value = c.value().map_err(|e| from_js("page", &e))?;
        if take(value)? {
            kept += 1;
        }
        last = Some(PageCursor { key, primary_key });
        c.continue_().map_err(|e| from_js("page", &e))?;
        cursor = as_cursor(next_event("page", request).await?);
    }
    Ok(None)
}

fn position(c: &web_sys::IdbCursorWithValue) -> Result<(Key, Key), StoreError> {
    let key = c.key().map_err(|e| from_js("page", &e))?;
    let pk = c.primary_key().map_err(|e| from_js("page", &e))?;
    let decode =
        |v: &JsValue| Key::from_js(v).map_err(|detail| StoreError::Failed { op: "page", detail });
    Ok((decode(&key)?, decode(&pk)?))
}
