#![cfg(target_arch = "wasm32")]
//! The IndexedDB store in real headless Chromium: one fresh database per test, deleted at
//! the end. Run with `scripts/test-browser.sh`.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU32, Ordering as AtomicOrdering};

use indexed_db_futures::database::Database;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyPath;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

use lvzhi::domain::member::MemberProfile;
use lvzhi::domain::year_report::YearReport;
use lvzhi::store::schema::{IndexDef, Migration, StoreDef, DATA_VERSION_KEY, PROFILE_ID, V1, V2, V3};
use lvzhi::store::{
    indexes, settings, stores, Db, Key, KeyRange, Order, Page, PageQuery, Schema, StepFuture,
    StoreError, Tx, SCHEMA,
};

wasm_bindgen_test_configure!(run_in_browser);

// ---------------------------------------------------------------------------------------
// Helpers

fn unique_name(tag: &str) -> String {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let n = (js_sys::Math::random() * 1e12) as u64;
    format!("lvzhi-test-{tag}-{n}")
}

async fn finish(db: Db) {
    let name = db.name().to_owned();
    drop(db);
    Db::delete_database(&name).await.expect("delete test database");
}

/// A proposal-like record with every field the proposal indexes read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Item {
    id: String,
    status: String,
    year: i32,
    category: String,
    updated_ms: i64,
    title: String,
}

/// 45 items; three share each `updated_ms`, so page boundaries fall inside runs of equal
/// index keys and resuming must use the primary key.
fn items() -> Vec<Item> {
    (0..45)
        .map(|i: i64| Item {
            id: format!("p{i:02}"),
            status: match i {
                i if i % 5 == 0 => "withdrawn",
                i if i % 3 == 0 => "draft",
                _ => "submitted",
            }
            .into(),
            year: 2025 + i32::from(i >= 20),
            category: "教育".into(),
            updated_ms: 1_700_000_000_000 + i / 3,
            title: format!("提案 {i} 关于𠀀字库"),
        })
        .collect()
}

fn ids(items: &[Item]) -> Vec<String> {
    items.iter().map(|i| i.id.clone()).collect()
}

/// Reads every page, returning the ids page by page.
async fn all_pages(db: &Db, query: PageQuery) -> Vec<Vec<String>> {
    let repo = db.repo::<Item>(stores::PROPOSALS);
    let mut pages = Vec::new();
    let mut after = None;
    loop {
        let page = repo.page(&query.clone().after(after)).await.expect("page");
        pages.push(ids(&page.items));
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
        assert!(pages.len() < 20, "paging does not end");
    }
    pages
}

fn sizes(pages: &[Vec<String>]) -> Vec<usize> {
    pages.iter().map(Vec::len).collect()
}

fn sorted_ids(mut v: Vec<Item>, key: impl Fn(&Item) -> (String, i64), desc: bool) -> Vec<String> {
    v.sort_by(|a, b| {
        let o = key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id));
        if desc {
            o.reverse()
        } else {
            o
        }
    });
    ids(&v)
}

fn profile() -> MemberProfile {
    MemberProfile {
        name: "𠀀王秀兰😀".into(),
        member_id: "WY-2026-017".into(),
        committee: "青阳县政协".into(),
        sector: "农业农村界（𪚥）".into(),
        is_standing: true,
        phone: "138 0000 1234".into(),
    }
}

/// Guards against a silent fallback to Node: only a browser has a window, and the
/// user agent names the headless Chromium that chromedriver started.
#[wasm_bindgen_test]
fn runs_in_headless_chromium() {
    let window = web_sys::window().expect("a browser window (not Node)");
    let ua = window.navigator().user_agent().expect("user agent");
    assert!(ua.contains("HeadlessChrome"), "unexpected browser: {ua}");
    assert!(window.indexed_db().expect("indexedDB getter").is_some(), "IndexedDB present");
}

// ---------------------------------------------------------------------------------------
// Profile and settings

#[wasm_bindgen_test]
async fn profile_round_trip_keeps_chinese_and_rare_characters() {
    let db = Db::open(&unique_name("profile")).await.expect("open");
    assert_eq!(db.profile().get().await.expect("get"), None, "fresh database has no profile");

    let p = profile();
    db.profile().save(&p, 1_750_000_000_123).await.expect("save");
    assert_eq!(db.profile().get().await.expect("get"), Some(p.clone()));

    // Stored as a plain object under id "me", with the time we passed in.
    let raw: Value =
        db.repo::<Value>(stores::PROFILE).get(PROFILE_ID).await.expect("raw").expect("record");
    assert_eq!(raw["id"], json!("me"));
    assert_eq!(raw["updated_ms"], json!(1_750_000_000_123_i64));
    assert_eq!(raw["is_standing"], json!(true));
    assert_eq!(raw["name"], json!("𠀀王秀兰😀"));

    let edited = MemberProfile { phone: "0551-12345678".into(), is_standing: false, ..p };
    db.profile().save(&edited, 1_750_000_000_999).await.expect("save again");
    assert_eq!(db.profile().get().await.expect("get"), Some(edited));
    assert_eq!(
        db.repo::<Value>(stores::PROFILE).count().await.expect("count"),
        1,
        "still one record"
    );
    finish(db).await;
}

#[wasm_bindgen_test]
async fn settings_strings_and_values_round_trip() {
    let db = Db::open(&unique_name("settings")).await.expect("open");
    let s = db.settings();
    assert_eq!(s.get(settings::LANG).await.expect("get"), None);
    s.set(settings::LANG, "zh").await.expect("set");
    assert_eq!(s.get(settings::LANG).await.expect("get").as_deref(), Some("zh"));
    s.set(settings::LANG, "en").await.expect("set");
    assert_eq!(s.get(settings::LANG).await.expect("get").as_deref(), Some("en"));

    s.set_value("font_scale", &150_u32).await.expect("set value");
    assert_eq!(s.get_value::<u32>("font_scale").await.expect("get value"), Some(150));
    // A number is not a string: reported, not panicked on.
    assert!(matches!(s.get("font_scale").await, Err(StoreError::Decode { .. })));

    s.remove(settings::LANG).await.expect("remove");
    assert_eq!(s.get(settings::LANG).await.expect("get"), None);
    assert_eq!(s.get_value::<u32>("font_scale").await.expect("other key kept"), Some(150));
    finish(db).await;
}

// ---------------------------------------------------------------------------------------
// Paging

async fn seeded(tag: &str) -> Db {
    let db = Db::open(&unique_name(tag)).await.expect("open");
    db.repo::<Item>(stores::PROPOSALS).put_all(&items()).await.expect("seed");
    db
}

#[wasm_bindgen_test]
async fn pages_newest_first_over_an_index() {
    let db = seeded("newest").await;
    let pages = all_pages(&db, PageQuery::newest_first(indexes::BY_UPDATED).limit(10)).await;
    assert_eq!(sizes(&pages), vec![10, 10, 10, 10, 5]);
    let expected = sorted_ids(items(), |i| (String::new(), i.updated_ms), true);
    assert_eq!(pages.concat(), expected, "exact order, nothing missing or repeated");
    assert_eq!(pages[0][..4], ["p44", "p43", "p42", "p41"]);
    finish(db).await;
}

#[wasm_bindgen_test]
async fn pages_oldest_first_over_an_index() {
    let db = seeded("oldest").await;
    let pages = all_pages(&db, PageQuery::oldest_first(indexes::BY_UPDATED).limit(10)).await;
    assert_eq!(sizes(&pages), vec![10, 10, 10, 10, 5]);
    let expected = sorted_ids(items(), |i| (String::new(), i.updated_ms), false);
    assert_eq!(pages.concat(), expected);
    assert_eq!(pages[0][..4], ["p00", "p01", "p02", "p03"]);
    finish(db).await;
}

#[wasm_bindgen_test]
async fn pages_one_status_in_both_directions() {
    let db = seeded("status").await;
    let submitted: Vec<Item> = items().into_iter().filter(|i| i.status == "submitted").collect();
    assert_eq!(submitted.len(), 24, "fixture: 24 submitted among draft and withdrawn");

    for (order, desc) in [(Order::Desc, true), (Order::Asc, false)] {
        let q = match order {
            Order::Desc => PageQuery::newest_first(indexes::BY_STATUS),
            Order::Asc => PageQuery::oldest_first(indexes::BY_STATUS),
        }
        .range(KeyRange::prefix("submitted"))
        .limit(10);
        let pages = all_pages(&db, q).await;
        assert_eq!(sizes(&pages), vec![10, 10, 4], "{order:?}");
        let expected = sorted_ids(submitted.clone(), |i| (i.status.clone(), i.updated_ms), desc);
        assert_eq!(pages.concat(), expected, "{order:?}");
    }

    // A page size that divides the count exactly ends without an empty extra page.
    let pages = all_pages(
        &db,
        PageQuery::newest_first(indexes::BY_STATUS).range(KeyRange::prefix("submitted")).limit(8),
    )
    .await;
    assert_eq!(sizes(&pages), vec![8, 8, 8]);

    // Compound prefix and a year range on by_year [year, updated_ms].
    let pages = all_pages(
        &db,
        PageQuery::newest_first(indexes::BY_YEAR).range(KeyRange::prefix(2026)).limit(10),
    )
    .await;
    assert_eq!(sizes(&pages), vec![10, 10, 5]);
    assert!(pages.concat().iter().all(|id| id.as_str() >= "p20"));

    let repo = db.repo::<Item>(stores::PROPOSALS);
    assert_eq!(repo.count().await.expect("count"), 45);
    assert_eq!(
        repo.count_in(indexes::BY_STATUS, Some(&KeyRange::prefix("submitted")))
            .await
            .expect("count"),
        24
    );
    assert_eq!(
        repo.count_in(indexes::BY_STATUS, Some(&KeyRange::prefix("nothing"))).await.expect("count"),
        0
    );
    assert_eq!(repo.count_in(indexes::BY_YEAR, None).await.expect("count"), 45);
    finish(db).await;
}

#[wasm_bindgen_test]
async fn pages_by_primary_key() {
    let db = seeded("pk").await;
    let pages = all_pages(&db, PageQuery::by_primary_key(Order::Asc).limit(10)).await;
    assert_eq!(sizes(&pages), vec![10, 10, 10, 10, 5]);
    assert_eq!(pages.concat(), (0..45).map(|i| format!("p{i:02}")).collect::<Vec<_>>());
    let pages = all_pages(&db, PageQuery::by_primary_key(Order::Desc).limit(10)).await;
    assert_eq!(pages.concat(), (0..45).rev().map(|i| format!("p{i:02}")).collect::<Vec<_>>());
    finish(db).await;
}

/// Keyset paging survives changes between pages: the next page continues right after
/// the last item shown, even if that item was deleted or new records share its index key.
#[wasm_bindgen_test]
async fn next_page_resumes_exactly_after_changes() {
    for order in [Order::Desc, Order::Asc] {
        let db = seeded("resume").await;
        let repo = db.repo::<Item>(stores::PROPOSALS);
        let base = match order {
            Order::Desc => PageQuery::newest_first(indexes::BY_UPDATED),
            Order::Asc => PageQuery::oldest_first(indexes::BY_UPDATED),
        }
        .limit(10);
        let first = repo.page(&base).await.expect("page 1");
        let cursor = first.next.clone().expect("more pages");
        let last = first.items.last().expect("items").clone();
        assert_eq!(cursor.primary_key(), &Key::from(last.id.as_str()));

        // Three records with the same timestamp as the last shown item, sorting before it
        // in scan order (so they belong to the part already shown), and the last shown
        // item itself deleted: the next page must seek by primary key, not walk.
        let twins: [&str; 3] =
            if order == Order::Desc { ["p97", "p98", "p99"] } else { ["p", "p0", "p08a"] };
        for twin in twins {
            repo.put(&Item { id: twin.into(), ..last.clone() }).await.expect("twin");
        }
        repo.delete(last.id.as_str()).await.expect("delete");

        let second = repo.page(&base.clone().after(Some(cursor))).await.expect("page 2");
        let desc = order == Order::Desc;
        let mut now: Vec<Item> = items().into_iter().filter(|i| i.id != last.id).collect();
        now.extend(twins.iter().map(|t| Item { id: (*t).into(), ..last.clone() }));
        let expected: Vec<String> =
            sorted_ids(now.clone(), |i| (String::new(), i.updated_ms), desc)
                .into_iter()
                .filter(|id| {
                    let i = now.iter().find(|i| &i.id == id).expect("item");
                    let o = (i.updated_ms, &i.id).cmp(&(last.updated_ms, &last.id));
                    if desc {
                        o == std::cmp::Ordering::Less
                    } else {
                        o == std::cmp::Ordering::Greater
                    }
                })
                .take(10)
                .collect();
        assert_eq!(expected.len(), 10);
        assert_eq!(ids(&second.items), expected, "{order:?}");
        finish(db).await;
    }
}

#[wasm_bindgen_test]
async fn undecodable_record_is_an_error_not_a_panic() {
    let db = Db::open(&unique_name("decode")).await.expect("open");
    db.repo::<Value>(stores::PROPOSALS)
        .put(&json!({ "id": "bad", "status": "draft", "updated_ms": "not a number" }))
        .await
        .expect("put raw");
    let typed = db.repo::<Item>(stores::PROPOSALS);
    assert!(matches!(typed.get("bad").await, Err(StoreError::Decode { .. })));
    assert!(matches!(
        typed.page(&PageQuery::newest_first(indexes::BY_UPDATED)).await,
        Err(StoreError::Decode { .. })
    ));
    assert_eq!(typed.get("missing").await.expect("missing is fine"), None);
    finish(db).await;
}

// ---------------------------------------------------------------------------------------
// Transactions

fn event(id: &str, proposal_id: &str) -> Value {
    json!({ "id": id, "proposal_id": proposal_id, "at_ms": 1, "kind": "created" })
}

#[wasm_bindgen_test]
async fn dropped_write_transaction_leaves_nothing() {
    let db = Db::open(&unique_name("drop")).await.expect("open");
    let item = items().remove(0);
    {
        let tx = db.write_tx(&[stores::PROPOSALS, stores::PROPOSAL_EVENTS]).expect("tx");
        tx.put(stores::PROPOSALS, &item).expect("put");
        tx.put(stores::PROPOSAL_EVENTS, &event("e1", &item.id)).expect("put");
        let seen: Option<Item> =
            tx.get(stores::PROPOSALS, item.id.as_str()).await.expect("read own write");
        assert_eq!(seen.as_ref(), Some(&item), "visible inside the transaction");
        // dropped here without commit
    }
    assert_eq!(db.repo::<Item>(stores::PROPOSALS).get(item.id.as_str()).await.expect("get"), None);
    assert_eq!(db.repo::<Value>(stores::PROPOSAL_EVENTS).count().await.expect("count"), 0);
    finish(db).await;
}

#[wasm_bindgen_test]
async fn aborted_write_transaction_leaves_nothing() {
    let db = Db::open(&unique_name("abort")).await.expect("open");
    let tx = db.write_tx(&[stores::PROPOSALS]).expect("tx");
    for item in items() {
        tx.put(stores::PROPOSALS, &item).expect("put");
    }
    tx.abort().await.expect("abort");
    assert_eq!(db.repo::<Item>(stores::PROPOSALS).count().await.expect("count"), 0);
    finish(db).await;
}

#[wasm_bindgen_test]
async fn failing_write_rolls_back_the_whole_change() {
    let db = Db::open(&unique_name("constraint")).await.expect("open");
    let bundles = db.repo::<Value>(stores::SENT_BUNDLES);
    bundles.put(&json!({ "id": "b0", "seq": 0, "created_ms": 5 })).await.expect("existing");

    // One logical change over two stores; its last write breaks the unique `by_seq`.
    let tx = db.write_tx(&[stores::PROPOSALS, stores::SENT_BUNDLES]).expect("tx");
    tx.put(stores::PROPOSALS, &items()[0]).expect("put");
    tx.put(stores::SENT_BUNDLES, &json!({ "id": "b1", "seq": 1, "created_ms": 6 })).expect("put");
    tx.put(stores::SENT_BUNDLES, &json!({ "id": "b2", "seq": 1, "created_ms": 7 })).expect("put");
    let result = tx.commit().await;
    assert!(matches!(result, Err(StoreError::Constraint { .. })), "got {result:?}");

    assert_eq!(db.repo::<Item>(stores::PROPOSALS).count().await.expect("count"), 0);
    assert_eq!(bundles.count().await.expect("count"), 1, "only the earlier record");
    assert_eq!(
        bundles.get("b0").await.expect("get"),
        Some(json!({ "id": "b0", "seq": 0, "created_ms": 5 }))
    );

    // `add` refuses an existing key the same way.
    let tx = db.write_tx(&[stores::SENT_BUNDLES]).expect("tx");
    tx.add(stores::SENT_BUNDLES, &json!({ "id": "b0", "seq": 9, "created_ms": 8 })).expect("add");
    assert!(matches!(tx.commit().await, Err(StoreError::Constraint { .. })));
    assert_eq!(bundles.get("b0").await.expect("get").expect("kept")["seq"], json!(0));
    finish(db).await;
}

// ---------------------------------------------------------------------------------------
// Schema and upgrades

/// store name → (key path, index name → (key path, unique))
type SchemaMap = BTreeMap<String, (String, BTreeMap<String, (Vec<String>, bool)>)>;

/// Reads the live schema of `name` through a separate raw connection.
async fn live_schema(name: &str) -> SchemaMap {
    let raw = Database::open(name).await.expect("raw open");
    let mut out = BTreeMap::new();
    for store_name in raw.object_store_names() {
        let tx = raw.transaction(store_name.as_str()).build().expect("tx");
        let store = tx.object_store(&store_name).expect("store");
        let key_path = match store.key_path() {
            Some(KeyPath::One(k)) => k,
            other => panic!("unexpected key path {other:?}"),
        };
        let mut idx = BTreeMap::new();
        for index_name in store.index_names() {
            let index = store.index(&index_name).expect("index");
            let path = match index.key_path() {
                Some(KeyPath::One(k)) => vec![k],
                Some(KeyPath::Sequence(seq)) => seq.into_iter().collect(),
                other => panic!("unexpected index key path {other:?}"),
            };
            idx.insert(index_name, (path, index.as_sys().unique()));
        }
        out.insert(store_name, (key_path, idx));
    }
    raw.close();
    out
}

fn expected_schema(schema: &Schema) -> SchemaMap {
    schema
        .store_names()
        .into_iter()
        .map(|n| {
            let def = schema.store(n).expect("def");
            let idx = def
                .indexes
                .iter()
                .map(|i| {
                    (
                        i.name.to_owned(),
                        (i.key_path.iter().map(|s| (*s).to_owned()).collect(), i.unique),
                    )
                })
                .collect();
            (n.to_owned(), (def.key_path.to_owned(), idx))
        })
        .collect()
}

/// The product schema as it was at version 1, to write data the way v1 code did.
static SCHEMA_V1: Schema = Schema { steps: &[V1] };

fn sorted_names(schema: &Schema) -> Vec<String> {
    let mut names: Vec<String> = schema.store_names().into_iter().map(String::from).collect();
    names.sort();
    names
}

#[wasm_bindgen_test]
async fn fresh_database_gets_every_store_and_index_of_every_version() {
    let name = unique_name("fresh");
    let db = Db::open(&name).await.expect("open");
    assert_eq!(db.version(), 3);
    let mut on_disk = db.store_names();
    on_disk.sort();
    let wanted = sorted_names(&SCHEMA);
    assert_eq!(on_disk, wanted);
    assert_eq!(wanted.len(), 19, "13 product stores of v1, meta, v2's year_reports, v3's 4 staff stores: {wanted:?}");
    assert!(wanted.iter().any(|s| s == stores::YEAR_REPORTS));
    assert!(wanted.iter().any(|s| s == stores::STAFF_ITEMS));
    assert_eq!(live_schema(&name).await, expected_schema(&SCHEMA));
    assert_eq!(marker(&db).await, Some(3), "fresh database: no data step pending");
    finish(db).await;

    // Version 1 alone, as v1 code created it.
    let name = unique_name("fresh-v1");
    let db = Db::open_with(&name, &SCHEMA_V1).await.expect("open v1");
    assert_eq!(db.version(), 1);
    assert_eq!(sorted_names(&SCHEMA_V1).len(), 14, "13 product stores and meta");
    assert!(!db.store_names().iter().any(|s| s == stores::YEAR_REPORTS));
    assert_eq!(live_schema(&name).await, expected_schema(&SCHEMA_V1));
    assert_eq!(marker(&db).await, Some(1));
    finish(db).await;
}

async fn marker(db: &Db) -> Option<u32> {
    let rec: Option<Value> =
        db.repo::<Value>(stores::META).get(DATA_VERSION_KEY).await.expect("meta");
    rec.and_then(|r| r["value"].as_u64()).and_then(|v| u32::try_from(v).ok())
}

/// Runs of the test v4 data step, to check it runs once per upgraded database.
static DIGEST_RUNS: AtomicU32 = AtomicU32::new(0);
const CLUE_DIGEST: &str = "clue_digest";

/// Test-only v4 on top of the product's v1 to v3: a new store, filled from `clues` by a
/// data step ("new store + copy after open").
const V4: Migration = Migration {
    version: 4,
    create: &[StoreDef {
        name: CLUE_DIGEST,
        key_path: "id",
        indexes: &[IndexDef { name: indexes::BY_YEAR, key_path: &["year"], unique: false }],
    }],
    delete: &[],
    data: Some(copy_clues),
};
static SCHEMA_V4: Schema = Schema { steps: &[V1, V2, V3, V4] };
static SCHEMA_V2: Schema = Schema { steps: &[V1, V2] };

fn copy_clues<'t>(tx: &'t Tx<'_>) -> StepFuture<'t> {
    Box::pin(async move {
        DIGEST_RUNS.fetch_add(1, AtomicOrdering::SeqCst);
        let mut after = None;
        loop {
            let query = PageQuery::by_primary_key(Order::Asc).limit(2).after(after);
            let page: Page<Value> = tx.page(stores::CLUES, &query).await?;
            for clue in &page.items {
                let digest = json!({ "id": clue["id"], "year": clue["year"], "digest": format!("{}…", clue["title"].as_str().unwrap_or("")) });
                tx.put(CLUE_DIGEST, &digest)?;
            }
            match page.next {
                Some(next) => after = Some(next),
                None => return Ok(()),
            }
        }
    })
}

/// Three records for every store of the schema, built from its definition so a store
/// added to any version is covered without touching this test: key path and every indexed
/// field filled, unique indexes kept unique.
fn sample_records(schema: &Schema) -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    for name in schema.store_names() {
        let def = schema.store(name).expect("def");
        for n in 0..3_i64 {
            let mut rec = serde_json::Map::new();
            rec.insert(def.key_path.into(), json!(format!("{name}-{n}")));
            for field in def.indexes.iter().flat_map(|i| i.key_path.iter()) {
                let v = if field.ends_with("_ms") || ["year", "seq", "rev"].contains(field) {
                    json!(2025 + n)
                } else {
                    json!(format!("{field}-{n}-数据𠀀"))
                };
                rec.entry((*field).to_owned()).or_insert(v);
            }
            rec.insert("title".into(), json!(format!("标题{n}😀")));
            rec.insert("flag".into(), json!(n % 2 == 0));
            out.push((name, Value::Object(rec)));
        }
    }
    out
}

/// Every record is there unchanged, and every store of `schema` holds exactly those
/// records, in the store and in each of its indexes; a store of `schema` that `records`
/// has nothing for must be empty (e.g. one a newer version added).
async fn assert_all_present(db: &Db, schema: &Schema, records: &[(&'static str, Value)]) {
    for (store, rec) in records {
        let def = schema.store(store).expect("def");
        let key = rec[def.key_path].as_str().expect("key").to_owned();
        let got: Option<Value> = db.repo::<Value>(store).get(key.as_str()).await.expect("get");
        assert_eq!(got.as_ref(), Some(rec), "{store}/{key}");
    }
    for name in schema.store_names() {
        let expected = records.iter().filter(|(s, _)| *s == name).count();
        let repo = db.repo::<Value>(name);
        let count = repo.count().await.expect("count") as usize;
        // `meta` also holds the data_version marker.
        let extra = usize::from(name == stores::META);
        assert_eq!(count, expected + extra, "{name}");
        for index in schema.store(name).expect("def").indexes {
            assert_eq!(
                repo.count_in(index.name, None).await.expect("count") as usize,
                expected,
                "{name}.{}",
                index.name
            );
        }
    }
}

/// Opens `name` with `schema`, as the code of that version would, and writes `records` in
/// one transaction.
async fn write_with(name: &str, schema: &'static Schema, records: &[(&'static str, Value)]) {
    let db = Db::open_with(name, schema).await.expect("open");
    let tx = db.write_tx(&schema.store_names()).expect("tx");
    for (store, rec) in records {
        tx.put(store, rec).expect("put");
    }
    tx.commit().await.expect("commit");
}

/// The real upgrade the app performs: data written by v1 code, opened by the current code.
#[wasm_bindgen_test]
async fn upgrade_from_v1_to_v2_keeps_every_record_and_adds_year_reports() {
    let name = unique_name("v1-v2");
    let records = sample_records(&SCHEMA_V1);
    assert_eq!(records.len(), 14 * 3);
    write_with(&name, &SCHEMA_V1, &records).await;
    {
        let db = Db::open_with(&name, &SCHEMA_V1).await.expect("reopen v1");
        assert_eq!(db.version(), 1);
        assert_all_present(&db, &SCHEMA_V1, &records).await;
        // v1 has no year_reports store: reported, not panicked on.
        assert!(db.year_reports().get(2026).await.is_err());
    }

    let db = Db::open_with(&name, &SCHEMA_V2).await.expect("open with v2");
    assert_eq!(db.version(), 2);
    // Every v1 record is intact, and year_reports exists (empty, with its index).
    assert_all_present(&db, &SCHEMA_V2, &records).await;
    assert_eq!(live_schema(&name).await, expected_schema(&SCHEMA_V2));
    assert_eq!(db.year_reports().get(2026).await.expect("get"), None);
    let report = YearReport::new(2026, "走访𠀀农户😀".into(), 1_750_000_000_000);
    db.year_reports().save(&report).await.expect("save");
    assert_eq!(db.year_reports().get(2026).await.expect("get"), Some(report));
    // v2 has no data step, so the marker still names the last one applied (v1's state).
    assert_eq!(marker(&db).await, Some(1));
    drop(db);

    // v1 code (a stale tab) cannot open the upgraded database.
    let stale = Db::open_with(&name, &SCHEMA_V1).await;
    assert!(matches!(stale, Err(StoreError::VersionTooNew { .. })), "got {stale:?}");

    // A data step of a later version still runs once on this upgraded database.
    let runs = DIGEST_RUNS.load(AtomicOrdering::SeqCst);
    let db = Db::open_with(&name, &SCHEMA_V4).await.expect("open v4");
    assert_eq!(DIGEST_RUNS.load(AtomicOrdering::SeqCst), runs + 1, "v4 data step ran");
    assert_eq!(db.repo::<Value>(CLUE_DIGEST).count().await.expect("count"), 3);
    assert_eq!(marker(&db).await, Some(4));
    finish(db).await;
}

/// The real upgrade to v3: data written by v2 code (every store), opened by the current
/// code. Every record is intact and the staff stores exist, empty, with all their indexes.
#[wasm_bindgen_test]
async fn upgrade_from_v2_to_v3_keeps_every_record_and_adds_the_staff_stores() {
    let name = unique_name("v2-v3");
    let records = sample_records(&SCHEMA_V2);
    assert_eq!(records.len(), 15 * 3);
    write_with(&name, &SCHEMA_V2, &records).await;
    {
        let db = Db::open_with(&name, &SCHEMA_V2).await.expect("reopen v2");
        assert_eq!(db.version(), 2);
        assert!(!db.store_names().iter().any(|s| s == stores::STAFF_ITEMS));
    }
    let db = Db::open(&name).await.expect("open with the current schema");
    assert_eq!(db.version(), 3);
    assert_all_present(&db, &SCHEMA, &records).await;
    assert_eq!(live_schema(&name).await, expected_schema(&SCHEMA));
    for s in [stores::STAFF_ITEMS, stores::STAFF_PENDING, stores::STAFF_ACTIONS, stores::STAFF_FILES] {
        assert_eq!(db.repo::<Value>(s).count().await.expect("count"), 0, "{s}");
    }
    // v3 has no data step, so the marker still says what v2 wrote when it made the database.
    assert_eq!(marker(&db).await, Some(2));
    drop(db);
    let stale = Db::open_with(&name, &SCHEMA_V2).await;
    assert!(matches!(stale, Err(StoreError::VersionTooNew { .. })), "got {stale:?}");
    Db::delete_database(&name).await.expect("delete");
}

#[wasm_bindgen_test]
async fn year_reports_are_one_per_year() {
    let db = Db::open(&unique_name("year-reports")).await.expect("open");
    let store = db.year_reports();
    let first = YearReport::new(2026, "初稿".into(), 1_000);
    store.save(&first).await.expect("save");
    store.save(&YearReport::new(2025, "去年".into(), 900)).await.expect("save other year");
    let edited = YearReport {
        narrative: "全年参加会议十二次，𪚥".into(),
        updated_ms: 2_000,
        printed_ms: Some(2_500),
        ..first
    };
    store.save(&edited).await.expect("save again");
    assert_eq!(store.get(2026).await.expect("get"), Some(edited));
    assert_eq!(store.get(2025).await.expect("get").map(|r| r.narrative), Some("去年".into()));
    assert_eq!(store.get(2024).await.expect("get"), None);
    let raw = db.repo::<Value>(stores::YEAR_REPORTS);
    assert_eq!(raw.count().await.expect("count"), 2, "saving a year again replaces it");
    assert_eq!(raw.get("2026").await.expect("raw").expect("record")["year"], json!(2026));
    // Newest first over by_updated.
    let page = raw.page(&PageQuery::newest_first(indexes::BY_UPDATED)).await.expect("page");
    assert_eq!(page.items.iter().map(|r| r["id"].clone()).collect::<Vec<_>>(), [json!("2026"), json!("2025")]);
    finish(db).await;
}

/// The test-only v4 data step on top of the current schema: data written by v3 code.
#[wasm_bindgen_test]
async fn upgrade_to_v4_keeps_every_record_and_copies_data_once() {
    let name = unique_name("upgrade");
    let records = sample_records(&SCHEMA);
    write_with(&name, &SCHEMA, &records).await;
    {
        let db = Db::open(&name).await.expect("reopen v3");
        assert_eq!(db.version(), 3);
        assert_all_present(&db, &SCHEMA, &records).await;
    }

    let runs = DIGEST_RUNS.load(AtomicOrdering::SeqCst);
    let db = Db::open_with(&name, &SCHEMA_V4).await.expect("open v4");
    assert_eq!(db.version(), 4);
    assert_eq!(DIGEST_RUNS.load(AtomicOrdering::SeqCst), runs + 1, "data step ran");
    assert!(db.store_names().iter().any(|s| s == CLUE_DIGEST));
    // The stores v3 had still hold exactly their records; clue_digest is checked below.
    assert_all_present(&db, &SCHEMA, &records).await;
    let digests = db.repo::<Value>(CLUE_DIGEST);
    assert_eq!(digests.count().await.expect("count"), 3);
    assert_eq!(
        digests.get("clues-1").await.expect("get").expect("copied")["digest"],
        json!("标题1😀…")
    );
    assert_eq!(
        digests.count_in(indexes::BY_YEAR, Some(&KeyRange::only(2026))).await.expect("count"),
        1
    );
    assert_eq!(marker(&db).await, Some(4));
    drop(db);

    let db = Db::open_with(&name, &SCHEMA_V4).await.expect("reopen v4");
    assert_eq!(DIGEST_RUNS.load(AtomicOrdering::SeqCst), runs + 1, "data step does not run again");
    assert_eq!(live_schema(&name).await, expected_schema(&SCHEMA_V4));
    finish(db).await;

    // A database created directly at v4 has nothing to copy.
    let db = Db::open_with(&unique_name("fresh-v4"), &SCHEMA_V4).await.expect("fresh v4");
    assert_eq!(DIGEST_RUNS.load(AtomicOrdering::SeqCst), runs + 1);
    assert_eq!(marker(&db).await, Some(4));
    finish(db).await;
}

#[wasm_bindgen_test]
async fn upgrade_blocked_by_an_old_connection_is_reported_then_completes() {
    let name = unique_name("blocked");
    let db = Db::open(&name).await.expect("open v3");
    db.profile().save(&profile(), 1).await.expect("save");
    drop(db);

    // An old tab: holds v3 open and never reacts to `versionchange`.
    let holder = Database::open(name.as_str()).await.expect("raw open");
    assert_eq!(Db::open_with(&name, &SCHEMA_V4).await.unwrap_err(), StoreError::Blocked);

    // Once the old tab lets go, the queued upgrade completes with its stores, and the
    // next open finds v4 with the v3 data.
    holder.close();
    let db = Db::open_with(&name, &SCHEMA_V4).await.expect("open v4 after unblock");
    assert_eq!(db.version(), 4);
    assert!(db.store_names().iter().any(|s| s == CLUE_DIGEST));
    assert_eq!(db.profile().get().await.expect("get"), Some(profile()));
    assert_eq!(marker(&db).await, Some(4));
    finish(db).await;
}

#[wasm_bindgen_test]
async fn delete_blocked_by_an_old_connection_is_reported_then_completes() {
    let name = unique_name("delete");
    let db = Db::open(&name).await.expect("open");
    db.profile().save(&profile(), 1).await.expect("save");
    drop(db);

    let holder = Database::open(name.as_str()).await.expect("raw open");
    assert_eq!(Db::delete_database(&name).await, Err(StoreError::Blocked));
    holder.close();
    // The queued deletion runs before this open: the database comes back empty.
    let db = Db::open(&name).await.expect("open after delete");
    assert_eq!(db.profile().get().await.expect("get"), None);
    finish(db).await;
}

#[wasm_bindgen_test]
async fn open_connection_yields_to_a_newer_tab() {
    let name = unique_name("yield");
    let old = Db::open(&name).await.expect("open v3");
    let new = Db::open_with(&name, &SCHEMA_V4).await.expect("v4 not blocked by our own v3 handle");
    assert_eq!(new.version(), 4);
    assert!(!old.is_open());
    assert_eq!(old.profile().get().await, Err(StoreError::Closed));
    assert_eq!(old.settings().set(settings::LANG, "zh").await, Err(StoreError::Closed));
    drop(old);
    finish(new).await;
}

#[wasm_bindgen_test]
async fn stale_app_opening_newer_database_gets_version_too_new() {
    let name = unique_name("stale");
    let db = Db::open_with(&name, &SCHEMA_V4).await.expect("open v4");
    drop(db);
    let stale = Db::open(&name).await;
    assert!(matches!(stale, Err(StoreError::VersionTooNew { .. })), "got {stale:?}");
    Db::delete_database(&name).await.expect("delete");
}

#[wasm_bindgen_test]
async fn misnumbered_schema_is_refused_before_touching_the_database() {
    static BAD: Schema = Schema { steps: &[V4] };
    let result = Db::open_with(&unique_name("bad"), &BAD).await;
    assert!(matches!(result, Err(StoreError::Failed { op: "schema", .. })), "got {result:?}");
    // A gap (v3 left out) is refused the same way.
    static GAP: Schema = Schema { steps: &[V1, V2, V4] };
    let result = Db::open_with(&unique_name("gap"), &GAP).await;
    assert!(matches!(result, Err(StoreError::Failed { op: "schema", .. })), "got {result:?}");
}

#[wasm_bindgen_test]
async fn missing_indexeddb_is_reported_as_unavailable() {
    // Shadow `window.indexedDB` like a browser that has none, and restore it right after
    // (on the global object the attribute is an own property, so keep its descriptor).
    let window: JsValue = web_sys::window().expect("window").into();
    let target: &js_sys::Object = window.unchecked_ref();
    let key: JsValue = "indexedDB".into();
    let original = js_sys::Reflect::get_own_property_descriptor(target, &key).expect("descriptor");
    let desc = js_sys::Object::new();
    js_sys::Reflect::set(&desc, &"value".into(), &JsValue::UNDEFINED).expect("desc");
    js_sys::Reflect::set(&desc, &"configurable".into(), &JsValue::TRUE).expect("desc");
    js_sys::Reflect::define_property(target, &key, &desc).expect("shadow");
    let result = Db::open(&unique_name("none")).await;
    if original.is_undefined() {
        js_sys::Reflect::delete_property(target, &key).expect("restore");
    } else {
        js_sys::Reflect::define_property(target, &key, original.unchecked_ref()).expect("restore");
    }
    assert_eq!(result.unwrap_err(), StoreError::Unavailable);
    // Restored: opening works again.
    let db = Db::open(&unique_name("again")).await.expect("open after restore");
    finish(db).await;
}
