//! Backup and restore of the whole database (the format is in `bundle::backup`).
//!
//! [`snapshot`] reads every store except `meta` in one readonly transaction, so the copy is
//! consistent, as raw JS values turned into JSON (no Rust type per store). Blob fields
//! (attachment `blob` and `thumb`) are collected as handles inside the transaction and read
//! after it: a transaction commits by itself while the code awaits anything but its own
//! requests, and `Blob.arrayBuffer()` is not one.
//!
//! [`restore`] checks the doc first (format, schema version, store names), then builds every
//! record and Blob, and only then opens one readwrite transaction over the stores it
//! touches: all or nothing. Records are keyed, so nothing is duplicated; where a key is
//! already stored the newer record wins (`bundle::backup::merge`: `rev`, `updated_ms`,
//! `at_ms`/`created_ms`; without those the stored one stays). Two exceptions:
//! - the device key (`keys`): a key already on this device stays, because it is the one
//!   staff may have enrolled for this device and the one its `sent_bundles` chain was
//!   signed with; the backup's key comes back only into a device that has none;
//! - a record whose value in a unique index (`sent_bundles.seq`, the inbox's bundle and
//!   hash) belongs to another stored record stays out, since storing it would make the
//!   whole transaction fail.

use std::collections::HashMap;

use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::bundle::backup::{merge, BackupBlob, BackupDoc, DocProblem, Merge, DOC_FORMAT};
use crate::bundle::rfc3339_utc;

use indexed_db_futures::internals::SystemRepr;

use super::db::{Db, Tx};
use super::error::{from_js, StoreError};
use super::schema::{stores, SCHEMA};

/// Why a backup could not be made or restored.
#[derive(Clone, Debug, PartialEq)]
pub enum BackupError {
    /// The doc cannot be restored here; nothing was written.
    Doc(DocProblem),
    Store(StoreError),
}

impl From<StoreError> for BackupError {
    fn from(e: StoreError) -> Self {
        BackupError::Store(e)
    }
}

/// What a restore did, in records (all stores together).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RestoreReport {
    /// Not on this device before.
    pub added: u32,
    /// Replaced by the backup's newer version.
    pub replaced: u32,
    /// Kept because this device's version is newer (or is the device key).
    pub kept: u32,
    /// The same on both sides.
    pub unchanged: u32,
}

/// Stores that hold member data worth reminding about (a profile and settings alone are not).
const DATA_STORES: [&str; 5] =
    [stores::PROPOSALS, stores::DUTY_LOGS, stores::SENTIMENT_REPORTS, stores::CLUES, stores::YEAR_REPORTS];

/// The stores a backup holds: all of the database's except `meta`.
fn backed_up(db: &Db) -> Vec<String> {
    db.store_names().into_iter().filter(|n| n != stores::META).collect()
}

fn key_path(store: &str) -> &'static str {
    SCHEMA.store(store).map_or("id", |d| d.key_path)
}

fn damaged(detail: String) -> BackupError {
    BackupError::Doc(DocProblem::Damaged(detail))
}

/// Every record of a store as raw JS values, in one `getAll`.
async fn all_raw(tx: &Tx<'_>, store: &str) -> Result<js_sys::Array, StoreError> {
    let os = tx.object_store(store)?;
    let sys: &web_sys::IdbObjectStore = os.as_sys();
    let req = sys.get_all().map_err(|e| from_js("get all", &e))?;
    let v = super::js::next_event("get all", &req).await?;
    Ok(v.dyn_into().unwrap_or_default())
}

/// A record's JSON without its Blob fields, and those fields.
fn to_json(store: &str, record: &JsValue) -> Result<(Value, Vec<(String, web_sys::Blob)>), StoreError> {
    let decode = |detail: String| StoreError::Decode { store: store.to_owned(), detail };
    let mut blobs = Vec::new();
    if let Some(obj) = record.dyn_ref::<js_sys::Object>() {
        for k in js_sys::Object::keys(obj).iter() {
            let Some(name) = k.as_string() else { continue };
            if let Ok(blob) = js_sys::Reflect::get(record, &k).unwrap_or_default().dyn_into::<web_sys::Blob>() {
                blobs.push((name, blob));
            }
        }
    }
    let text = js_sys::JSON::stringify(record).map_err(|e| decode(super::error::js_detail(&e)))?;
    let mut value: Value = serde_json::from_str(&String::from(text)).map_err(|e| decode(e.to_string()))?;
    if let Some(map) = value.as_object_mut() {
        for (name, _) in &blobs {
            map.remove(name);
        }
    }
    Ok((value, blobs))
}

/// Everything in `db` but `meta`, read in one transaction, with the bytes of every Blob.
/// `now_ms` becomes `created_at`.
pub async fn snapshot(db: &Db, now_ms: i64) -> Result<BackupDoc, StoreError> {
    let names = backed_up(db);
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut doc = BackupDoc {
        format: DOC_FORMAT.into(),
        created_at: rfc3339_utc(now_ms),
        schema_version: db.version(),
        stores: Default::default(),
        blobs: Vec::new(),
    };
    let mut handles = Vec::new();
    {
        let tx = db.read_tx(&refs)?;
        for store in &refs {
            let mut records = Vec::new();
            for raw in all_raw(&tx, store).await?.iter() {
                let (value, blobs) = to_json(store, &raw)?;
                let id = value.get(key_path(store)).cloned().unwrap_or(Value::Null);
                handles.extend(blobs.into_iter().map(|(field, blob)| (store.to_string(), id.clone(), field, blob)));
                records.push(value);
            }
            doc.stores.insert(store.to_string(), records);
        }
    }
    // The transaction is over: now the Blobs can be read.
    for (store, id, field, blob) in handles {
        let buffer = JsFuture::from(blob.array_buffer()).await.map_err(|e| from_js("read blob", &e))?;
        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
        doc.blobs.push(BackupBlob::new(&store, id, &field, &blob.type_(), &bytes));
    }
    Ok(doc)
}

/// Whether the member has anything a backup would save (proposals, entries, reports, clues).
pub async fn has_member_data(db: &Db) -> Result<bool, StoreError> {
    let tx = db.read_tx(&DATA_STORES)?;
    for store in DATA_STORES {
        if tx.count(store, None, None).await? > 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// One record of the doc, ready to store.
struct Incoming {
    key: String,
    value: Value,
    js: JsValue,
}

/// The JSON text of a value, as a map key (keys of different types stay apart).
fn key_text(v: &Value) -> String {
    v.to_string()
}

/// The record's keys in each unique index of its store (`None` where a field is missing,
/// so the record is not in that index).
fn unique_keys(store: &str, record: &Value) -> Vec<(&'static str, Option<String>)> {
    let Some(def) = SCHEMA.store(store) else { return Vec::new() };
    def.indexes
        .iter()
        .filter(|ix| ix.unique)
        .map(|ix| {
            let parts: Option<Vec<Value>> = ix.key_path.iter().map(|f| record.get(*f).cloned()).collect();
            (ix.name, parts.map(|p| Value::Array(p).to_string()))
        })
        .collect()
}

/// Builds the JS records of `doc` with their Blobs (before any transaction is opened).
fn prepare(doc: &BackupDoc) -> Result<HashMap<String, Vec<Incoming>>, BackupError> {
    let mut out: HashMap<String, Vec<Incoming>> = HashMap::new();
    let mut blobs: HashMap<(String, String), Vec<&BackupBlob>> = HashMap::new();
    for b in &doc.blobs {
        blobs.entry((b.store.clone(), key_text(&b.record_id))).or_default().push(b);
    }
    let js_fail = |e: JsValue| BackupError::Store(from_js("restore", &e));
    for (store, records) in &doc.stores {
        let path = key_path(store);
        let list = out.entry(store.clone()).or_default();
        for value in records {
            let key = value.get(path).filter(|k| k.is_string() || k.is_number()).ok_or_else(|| {
                damaged(format!("a record in {store} has no {path}"))
            })?;
            let key = key_text(key);
            let js = js_sys::JSON::parse(&value.to_string()).map_err(js_fail)?;
            for b in blobs.remove(&(store.clone(), key.clone())).unwrap_or_default() {
                let bytes = b.bytes().ok_or_else(|| damaged(format!("blob of {store}/{key}")))?;
                let options = web_sys::BlobPropertyBag::new();
                options.set_type(&b.media_type);
                let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
                let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(js_fail)?;
                js_sys::Reflect::set(&js, &JsValue::from_str(&b.field), &blob).map_err(js_fail)?;
            }
            list.push(Incoming { key, value: value.clone(), js });
        }
    }
    if let Some(((store, key), _)) = blobs.into_iter().next() {
        return Err(damaged(format!("a blob belongs to no record: {store}/{key}")));
    }
    Ok(out)
}

/// Restores `doc` into `db`, merging with what is there (see the module docs). Refuses,
/// writing nothing, a doc from a newer schema or with a store this database lacks.
pub async fn restore(db: &Db, doc: &BackupDoc) -> Result<RestoreReport, BackupError> {
    let known = backed_up(db);
    let refs: Vec<&str> = known.iter().map(String::as_str).collect();
    doc.check(db.version(), &refs).map_err(BackupError::Doc)?;
    let incoming = prepare(doc)?;
    let touched: Vec<&str> = refs.iter().copied().filter(|s| incoming.get(*s).is_some_and(|l| !l.is_empty())).collect();
    let mut report = RestoreReport::default();
    if touched.is_empty() {
        return Ok(report);
    }
    let tx = db.write_tx(&touched)?;
    for store in &touched {
        let path = key_path(store);
        // What is stored now, by key, and who holds each unique-index key.
        let mut stored: HashMap<String, Value> = HashMap::new();
        let mut owners: HashMap<(&'static str, String), String> = HashMap::new();
        for raw in all_raw(&tx, store).await?.iter() {
            let (value, _) = to_json(store, &raw)?;
            let Some(key) = value.get(path).map(key_text) else { continue };
            for (ix, k) in unique_keys(store, &value) {
                if let Some(k) = k {
                    owners.insert((ix, k), key.clone());
                }
            }
            stored.insert(key, value);
        }
        for record in incoming.get(*store).into_iter().flatten() {
            let choice = stored.get(&record.key).map(|old| match merge(old, &record.value) {
                Merge::Replace if *store == stores::KEYS => Merge::Keep,
                m => m,
            });
            match choice {
                Some(Merge::Same) => {
                    report.unchanged += 1;
                    continue;
                }
                Some(Merge::Keep) => {
                    report.kept += 1;
                    continue;
                }
                _ => {}
            }
            let new_keys = unique_keys(store, &record.value);
            let taken = new_keys.iter().any(|(ix, k)| {
                k.as_ref().and_then(|k| owners.get(&(*ix, k.clone()))).is_some_and(|owner| *owner != record.key)
            });
            if taken {
                report.kept += 1;
                continue;
            }
            if let Some(old) = stored.get(&record.key) {
                for (ix, k) in unique_keys(store, old) {
                    if let Some(k) = k {
                        owners.remove(&(ix, k));
                    }
                }
            }
            for (ix, k) in new_keys {
                if let Some(k) = k {
                    owners.insert((ix, k), record.key.clone());
                }
            }
            tx.put_raw(store, &record.js)?;
            if choice.is_some() {
                report.replaced += 1;
            } else {
                report.added += 1;
            }
            stored.insert(record.key.clone(), record.value.clone());
        }
    }
    tx.commit().await?;
    Ok(report)
}
