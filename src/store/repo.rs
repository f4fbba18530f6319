//! A typed repository over one object store: the common reads and writes, each in its own
//! transaction. Changes that span stores use [`Db::write_tx`] directly.

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::db::Db;
use super::error::Result;
use super::key::{Key, KeyRange};
use super::query::{Page, PageQuery};

/// Records of type `T` in one store. `T` must serialise to an object that carries the
/// store's key path field (usually `id`) and the fields its indexes read.
pub struct Repo<T> {
    db: Db,
    store: &'static str,
    _record: PhantomData<fn() -> T>,
}

impl<T> Clone for Repo<T> {
    fn clone(&self) -> Self {
        Repo { db: self.db.clone(), store: self.store, _record: PhantomData }
    }
}

impl<T> std::fmt::Debug for Repo<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Repo").field("store", &self.store).finish()
    }
}

impl<T: Serialize + DeserializeOwned> Repo<T> {
    /// Same as [`Db::repo`].
    pub fn new(db: &Db, store: &'static str) -> Self {
        Repo { db: db.clone(), store, _record: PhantomData }
    }

    /// The store this repository reads and writes.
    pub fn store(&self) -> &'static str {
        self.store
    }

    /// Inserts or replaces one record.
    pub async fn put(&self, value: &T) -> Result<()> {
        let tx = self.db.write_tx(&[self.store])?;
        tx.put(self.store, value)?;
        tx.commit().await
    }

    /// Inserts or replaces several records, all or nothing.
    pub async fn put_all(&self, values: &[T]) -> Result<()> {
        let tx = self.db.write_tx(&[self.store])?;
        for v in values {
            tx.put(self.store, v)?;
        }
        tx.commit().await
    }

    /// By primary key; `None` if absent, [`StoreError::Decode`](super::StoreError::Decode)
    /// if the stored record does not fit `T`.
    pub async fn get(&self, key: impl Into<Key>) -> Result<Option<T>> {
        self.db.read_tx(&[self.store])?.get(self.store, key).await
    }

    /// Deletes by primary key; deleting a missing record is not an error.
    pub async fn delete(&self, key: impl Into<Key>) -> Result<()> {
        let tx = self.db.write_tx(&[self.store])?;
        tx.delete(self.store, key)?;
        tx.commit().await
    }

    /// Number of records in the store (cheap: no record is read).
    pub async fn count(&self) -> Result<u32> {
        self.db.read_tx(&[self.store])?.count(self.store, None, None).await
    }

    /// Number of records in `index` within `range` (e.g. proposals per status).
    pub async fn count_in(&self, index: &str, range: Option<&KeyRange>) -> Result<u32> {
        self.db.read_tx(&[self.store])?.count(self.store, Some(index), range).await
    }

    /// One page of records; pass `page.next` back through [`PageQuery::after`] for the next.
    pub async fn page(&self, query: &PageQuery) -> Result<Page<T>> {
        self.db.read_tx(&[self.store])?.page(self.store, query).await
    }
}
