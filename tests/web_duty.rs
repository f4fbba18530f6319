#![cfg(target_arch = "wasm32")]
//! Duty logs, their photos, the place book and 社情民意 reports on real IndexedDB in
//! headless Chromium, and photo preparation on a real canvas. One fresh database per test.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

use lvzhi::domain::duty::{Attendance, DutyKind, DutyLog};
use lvzhi::domain::score::LogFact;
use lvzhi::domain::sentiment::{ReportStatus, SentimentReport};
use lvzhi::domain::text::fold;
use lvzhi::store::{stores, AttachmentMeta, Db, DutyFilter, Page, PageCursor, ReportFilter, StoreError};
use lvzhi::ui::photo::{fit_within, prepare_photo, PhotoError};

mod support;
use support::{finish, fresh_db, blob, bytes_of};

wasm_bindgen_test_configure!(run_in_browser);

fn entry(id: &str, kind: DutyKind, date: &str, updated_ms: i64) -> DutyLog {
    let mut log = DutyLog::new(id.into(), kind, date.into(), 2000, updated_ms);
    log.updated_ms = updated_ms;
    log
}

async fn put_all(db: &Db, logs: &[DutyLog]) {
    db.repo::<DutyLog>(stores::DUTY_LOGS).put_all(logs).await.expect("put logs");
}

/// Every page of a duty list, `limit` at a time, as ids.
async fn all_pages(db: &Db, filter: &DutyFilter, limit: u32) -> (Vec<String>, usize) {
    let mut ids = Vec::new();
    let mut after: Option<PageCursor> = None;
    let mut pages = 0;
    loop {
        let page: Page<DutyLog> = db.duty().list(filter, after, limit).await.expect("list");
        assert!(page.items.len() <= limit as usize);
        pages += 1;
        ids.extend(page.items.into_iter().map(|l| l.id));
        match page.next {
            Some(next) => after = Some(next),
            None => return (ids, pages),
        }
        assert!(pages < 100, "paging does not end");
    }
}



fn meta(id: &str, owner: &str, size: usize, at: i64) -> AttachmentMeta {
    AttachmentMeta {
        id: id.into(),
        owner_id: owner.into(),
        name: format!("{id}.jpg"),
        media_type: "image/jpeg".into(),
        size: size as u64,
        created_ms: at,
    }
}

#[wasm_bindgen_test]
async fn pages_run_newest_date_first_across_ties_without_gaps_or_repeats() {
    let db = fresh_db("duty-page").await;
    // Seven dates, three entries on most of them, ids in no particular order.
    let dates = ["2026-01-05", "2026-03-14", "2025-12-31", "2026-03-14", "2026-02-01", "2026-03-14", "2026-01-05"];
    let mut logs = Vec::new();
    for (i, date) in dates.iter().cycle().take(20).enumerate() {
        logs.push(entry(&format!("{:02}-{}", (i * 7) % 20, i), DutyKind::SendPolicy, date, i as i64));
    }
    put_all(&db, &logs).await;

    let mut expected: Vec<(String, String)> = logs.iter().map(|l| (l.date.clone(), l.id.clone())).collect();
    expected.sort();
    expected.reverse();
    let expected: Vec<String> = expected.into_iter().map(|(_, id)| id).collect();
    for limit in [1, 3, 4, 20, 50] {
        let (ids, pages) = all_pages(&db, &DutyFilter::default(), limit).await;
        assert_eq!(ids, expected, "limit {limit}");
        assert_eq!(pages, 20usize.div_ceil(limit as usize), "limit {limit}: no empty last page");
    }

    // An entry added on a date already passed does not show up twice or shift the rest.
    let first = db.duty().list(&DutyFilter::default(), None, 5).await.unwrap();
    put_all(&db, &[entry("zz-new", DutyKind::Study, "2026-03-14", 99)]).await;
    let second = db.duty().list(&DutyFilter::default(), first.next, 5).await.unwrap();
    let shown: Vec<&str> = first.items.iter().chain(&second.items).map(|l| l.id.as_str()).collect();
    assert_eq!(shown, expected[..10].iter().map(String::as_str).collect::<Vec<_>>());
    finish(db).await;
}

#[wasm_bindgen_test]
async fn lists_by_year_kind_and_words() {
    let db = fresh_db("duty-filter").await;
    let mut talk = entry("a", DutyKind::PolicyTalk, "2026-04-02", 1);
    talk.place = "桃源村议事室".into();
    talk.notes = "讲解 ＰＭ2.5 治理".into();
    let mut talk_old = entry("b", DutyKind::PolicyTalk, "2025-12-31", 2);
    talk_old.place = "桃源村".into();
    let study_jan = entry("c", DutyKind::Study, "2026-01-01", 3);
    let talk_jan = entry("d", DutyKind::PolicyTalk, "2026-01-01", 4);
    let mut visit = entry("e", DutyKind::SendMedical, "2026-05-20", 5);
    visit.title = "义诊".into();
    visit.place = "城关镇".into();
    let next_year = entry("f", DutyKind::PolicyTalk, "2027-01-01", 6);
    put_all(&db, &[talk, talk_old, study_jan, talk_jan, visit, next_year]).await;

    let by = |year, kind| DutyFilter { year, kind, words: vec![] };
    assert_eq!(all_pages(&db, &by(Some(2026), None), 2).await.0, ["e", "a", "d", "c"]);
    assert_eq!(all_pages(&db, &by(Some(2025), None), 2).await.0, ["b"]);
    assert_eq!(all_pages(&db, &by(Some(2026), Some(DutyKind::PolicyTalk)), 1).await.0, ["a", "d"]);
    assert_eq!(all_pages(&db, &by(None, Some(DutyKind::PolicyTalk)), 3).await.0, ["f", "a", "d", "b"]);
    assert!(all_pages(&db, &by(Some(2024), Some(DutyKind::PolicyTalk)), 3).await.0.is_empty());
    assert!(all_pages(&db, &by(None, Some(DutyKind::Hearing)), 3).await.0.is_empty());

    let words = |w: &[&str]| w.iter().map(|s| fold(s)).collect::<Vec<_>>();
    let search = DutyFilter { year: None, kind: None, words: words(&["桃源"]) };
    assert_eq!(all_pages(&db, &search, 1).await.0, ["a", "b"]);
    let search = DutyFilter { year: Some(2026), kind: None, words: words(&["桃源", "pm2.5"]) };
    assert_eq!(all_pages(&db, &search, 5).await.0, ["a"]);
    let search = DutyFilter { year: None, kind: Some(DutyKind::SendMedical), words: words(&["义诊"]) };
    assert_eq!(all_pages(&db, &search, 5).await.0, ["e"]);
    let search = DutyFilter { year: None, kind: None, words: words(&["没有这个词"]) };
    assert!(all_pages(&db, &search, 5).await.0.is_empty());
    finish(db).await;
}

#[wasm_bindgen_test]
async fn counts_by_kind_within_the_year_and_reads_a_whole_year_in_date_order() {
    let db = fresh_db("duty-count").await;
    let mut logs = vec![
        entry("a", DutyKind::Study, "2026-01-01", 1),
        entry("b", DutyKind::Study, "2026-12-31", 1),
        entry("c", DutyKind::Plenary, "2026-02-10", 1),
        entry("d", DutyKind::Study, "2025-12-31", 1),
        entry("e", DutyKind::Study, "2027-01-01", 1),
        entry("f", DutyKind::SendPolicy, "2026-06-01", 1),
        entry("g", DutyKind::SendPolicy, "2026-06-01", 1),
    ];
    // Enough entries in 2025 that a year spans more than one page (500).
    for i in 0..520 {
        let date = format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
        logs.push(entry(&format!("y{i:03}"), DutyKind::Other, &date, i));
    }
    put_all(&db, &logs).await;

    let counts = db.duty().count_by_kind(2026).await.unwrap();
    assert_eq!(counts, vec![(DutyKind::Plenary, 1), (DutyKind::SendPolicy, 2), (DutyKind::Study, 2)], "ALL order");
    assert_eq!(db.duty().count_by_kind(2025).await.unwrap(), vec![(DutyKind::Study, 1), (DutyKind::Other, 520)]);
    assert!(db.duty().count_by_kind(2030).await.unwrap().is_empty());

    let year: Vec<String> = db.duty().year_logs(2026).await.unwrap().into_iter().map(|l| l.id).collect();
    assert_eq!(year, ["a", "c", "f", "g", "b"]);
    let old = db.duty().year_logs(2025).await.unwrap();
    assert_eq!(old.len(), 521);
    assert!(old.windows(2).all(|w| w[0].date <= w[1].date), "date order");
    assert!(old.iter().all(|l| l.year == 2025));
    finish(db).await;
}

#[wasm_bindgen_test]
async fn year_log_facts_count_what_reading_the_whole_year_gives() {
    let db = fresh_db("duty-facts").await;
    let mut logs = vec![
        entry("a", DutyKind::Study, "2026-01-01", 1),
        entry("b", DutyKind::Study, "2026-12-31", 1),
        entry("c", DutyKind::Plenary, "2026-02-10", 1),
        entry("d", DutyKind::StandingMeeting, "2026-03-10", 1),
        entry("e", DutyKind::Plenary, "2025-02-10", 1),
        entry("f", DutyKind::SendPolicy, "2026-06-01", 1),
        entry("g", DutyKind::Study, "2027-01-01", 1),
    ];
    logs[2].attendance = Attendance::Leave;
    logs[3].attendance = Attendance::Absent;
    // Not a meeting: a stray attendance counts as present, as `LogFact::from_log` says.
    logs[5].attendance = Attendance::Leave;
    // More meetings than one page (500) of the attendance read.
    for i in 0..520 {
        let mut m = entry(&format!("m{i:03}"), DutyKind::ChairsMeeting, &format!("2026-{:02}-{:02}", 1 + i % 12, 1 + i % 28), i);
        m.attendance = if i % 4 == 0 { Attendance::Late } else { Attendance::Present };
        logs.push(m);
    }
    put_all(&db, &logs).await;

    let sorted = |facts: Vec<LogFact>| {
        let mut v: Vec<String> = facts.iter().map(|f| format!("{:?}/{:?}", f.kind, f.attendance)).collect();
        v.sort();
        v
    };
    let read: Vec<LogFact> = db.duty().year_logs(2026).await.unwrap().iter().map(LogFact::from_log).collect();
    let counted = db.duty().year_log_facts(2026).await.unwrap();
    assert_eq!(counted.len(), 525);
    assert_eq!(sorted(counted.clone()), sorted(read));
    let has = |kind, attendance| counted.iter().filter(|f| **f == LogFact { kind, attendance }).count();
    assert_eq!(has(DutyKind::Plenary, Attendance::Leave), 1);
    assert_eq!(has(DutyKind::StandingMeeting, Attendance::Absent), 1);
    assert_eq!(has(DutyKind::SendPolicy, Attendance::Present), 1);
    assert_eq!(has(DutyKind::ChairsMeeting, Attendance::Late), 130);
    assert_eq!(has(DutyKind::Study, Attendance::Present), 2);
    assert!(db.duty().year_log_facts(2030).await.unwrap().is_empty());
    finish(db).await;
}

#[wasm_bindgen_test]
async fn photos_are_added_and_removed_with_the_entry_in_one_step() {
    let db = fresh_db("duty-photo").await;
    let duty = db.duty();
    let opened = entry("d1", DutyKind::SendMedical, "2026-03-14", 1);
    duty.save(&opened).await.unwrap();
    duty.save(&entry("d2", DutyKind::Study, "2026-03-15", 1)).await.unwrap();

    let photo: Vec<u8> = (0..=255u8).cycle().take(50_000).collect();
    let thumb = vec![0xFFu8, 0xD8, 0xFF, 1, 2, 3];
    let after_add = duty
        .add_photo("d1", &meta("p1", "d1", photo.len(), 10), &blob(&photo, ""), &blob(&thumb, "image/jpeg"))
        .await
        .unwrap();
    assert_eq!(after_add.photo_ids, ["p1"]);
    // The owner is the entry, whatever the meta says.
    duty.add_photo("d1", &meta("p2", "elsewhere", 3, 20), &blob(b"abc", ""), &blob(b"t", "")).await.unwrap();
    assert_eq!(duty.get("d1").await.unwrap().unwrap().photo_ids, ["p1", "p2"]);
    assert_eq!(duty.photos("d1").await.unwrap().iter().map(|m| m.owner_id.as_str()).collect::<Vec<_>>(), ["d1", "d1"]);

    let full = duty.photo("p1", false).await.unwrap().expect("photo");
    assert_eq!(full.type_(), "image/jpeg", "stored under the meta's type");
    assert_eq!(bytes_of(&full).await, photo);
    let small = duty.photo("p1", true).await.unwrap().expect("thumb");
    assert_eq!(bytes_of(&small).await, thumb);
    assert_eq!(small.type_(), "image/jpeg");
    assert!(duty.photo("nope", true).await.unwrap().is_none());

    // The editor autosaves the copy it opened (no photo ids) with new notes.
    let mut typed = opened.clone();
    typed.notes = "义诊 120 人次𠀀".into();
    typed.updated_ms = 5;
    duty.save(&typed).await.unwrap();
    let stored = duty.get("d1").await.unwrap().unwrap();
    assert_eq!(stored.notes, typed.notes);
    assert_eq!(stored.photo_ids, ["p1", "p2"], "photos kept");
    // A copy claiming photos the store does not hold cannot add them either.
    duty.save(&DutyLog { photo_ids: vec!["ghost".into()], ..typed.clone() }).await.unwrap();
    assert_eq!(duty.get("d1").await.unwrap().unwrap().photo_ids, ["p1", "p2"]);

    let after_remove = duty.remove_photo("d1", "p1").await.unwrap();
    assert_eq!(after_remove.photo_ids, ["p2"]);
    assert_eq!(after_remove.notes, typed.notes, "only photo_ids changed");
    assert!(duty.photo("p1", false).await.unwrap().is_none());
    assert!(duty.photo("p1", true).await.unwrap().is_none());

    // Refusals change nothing.
    let orphan = duty.add_photo("missing", &meta("p3", "missing", 1, 30), &blob(b"x", ""), &blob(b"y", "")).await;
    assert!(matches!(orphan, Err(StoreError::Constraint { .. })), "{orphan:?}");
    assert!(duty.photo("p3", false).await.unwrap().is_none());
    let wrong_owner = duty.remove_photo("d2", "p2").await;
    assert!(matches!(wrong_owner, Err(StoreError::Constraint { .. })), "{wrong_owner:?}");
    assert!(duty.photo("p2", false).await.unwrap().is_some());
    assert_eq!(duty.get("d1").await.unwrap().unwrap().photo_ids, ["p2"]);

    // Deleting the entry takes its photos with it, and leaves the other entry alone.
    duty.add_photo("d2", &meta("q1", "d2", 1, 40), &blob(b"q", ""), &blob(b"q", "")).await.unwrap();
    duty.delete("d1").await.unwrap();
    assert!(duty.get("d1").await.unwrap().is_none());
    assert!(duty.photo("p2", false).await.unwrap().is_none());
    assert!(duty.photo("q1", true).await.unwrap().is_some());
    assert_eq!(db.repo::<DutyLog>(stores::DUTY_LOGS).count().await.unwrap(), 1);
    duty.delete("d1").await.unwrap();
    finish(db).await;
}

#[wasm_bindgen_test]
async fn a_photo_record_without_a_thumbnail_serves_the_photo() {
    let db = fresh_db("duty-nothumb").await;
    // A proposal attachment (no thumbnail) read through the photo API.
    let mut p = lvzhi::domain::proposal::Proposal::new_draft("p".into(), &support::profile(), 1, 2026);
    p.title = "t".into();
    db.proposals().save(&p, false, 1).await.unwrap();
    db.attachments().add(&meta("a1", "p", 3, 1), &blob(b"abc", "")).await.unwrap();
    assert_eq!(bytes_of(&db.duty().photo("a1", true).await.unwrap().unwrap()).await, b"abc");
    finish(db).await;
}

#[wasm_bindgen_test]
async fn recent_places_are_distinct_and_most_recent_first_and_the_place_book_keeps_names() {
    let db = fresh_db("duty-places").await;
    let with_place = |id: &str, place: &str, ms: i64| {
        let mut l = entry(id, DutyKind::StationActivity, "2026-03-01", ms);
        l.place = place.into();
        l
    };
    put_all(
        &db,
        &[
            with_place("a", "桃源村议事室", 1),
            with_place("b", " 城关委员工作站 ", 5),
            with_place("c", "", 6),
            with_place("d", "桃源村议事室", 4),
            with_place("e", "𠀀村😀", 3),
            with_place("f", "城关委员工作站", 2),
        ],
    )
    .await;
    let duty = db.duty();
    assert_eq!(duty.recent_places(10).await.unwrap(), ["城关委员工作站", "桃源村议事室", "𠀀村😀"]);
    assert_eq!(duty.recent_places(2).await.unwrap(), ["城关委员工作站", "桃源村议事室"]);

    assert!(duty.saved_places().await.unwrap().is_empty());
    duty.add_place(" 桃源村议事室 ").await.unwrap();
    duty.add_place("城关委员工作站").await.unwrap();
    duty.add_place("桃源村议事室").await.unwrap();
    assert_eq!(duty.add_place("\u{3000}").await.unwrap(), ["桃源村议事室", "城关委员工作站"]);
    assert_eq!(duty.saved_places().await.unwrap(), ["桃源村议事室", "城关委员工作站"]);
    assert_eq!(duty.remove_place("桃源村议事室").await.unwrap(), ["城关委员工作站"]);
    duty.remove_place("不存在").await.unwrap();
    assert_eq!(duty.saved_places().await.unwrap(), ["城关委员工作站"]);
    finish(db).await;
}

fn report(id: &str, year: i32, status: ReportStatus, updated_ms: i64) -> SentimentReport {
    let mut r = SentimentReport::new(id.into(), year, 1);
    r.updated_ms = updated_ms;
    r.status = status;
    r.title = format!("关于{id}的情况反映");
    r
}

#[wasm_bindgen_test]
async fn sentiment_reports_list_by_status_year_and_words() {
    let db = fresh_db("sentiment").await;
    let s = db.sentiment();
    let mut road = report("road", 2026, ReportStatus::Adopted, 50);
    road.situation = "𠀀村道路塌方😀".into();
    road.status_note = "采用于《社情民意》第３期".into();
    for r in [
        report("a", 2026, ReportStatus::Draft, 10),
        report("b", 2026, ReportStatus::Submitted, 40),
        report("c", 2025, ReportStatus::Submitted, 30),
        report("d", 2026, ReportStatus::Submitted, 20),
        road.clone(),
        report("e", 2025, ReportStatus::Instructed, 60),
    ] {
        s.save(&r).await.unwrap();
    }
    assert_eq!(s.get("road").await.unwrap(), Some(road.clone()), "round trip, rare characters included");

    let list = |filter: ReportFilter, limit: u32| {
        let s = s.clone();
        async move {
            let mut ids = Vec::new();
            let mut after = None;
            loop {
                let page = s.list(&filter, after, limit).await.unwrap();
                ids.extend(page.items.into_iter().map(|r| r.id));
                match page.next {
                    Some(n) => after = Some(n),
                    None => return ids,
                }
            }
        }
    };
    let f = |year, status, words: &[&str]| ReportFilter { year, status, words: words.iter().map(|w| fold(w)).collect() };
    assert_eq!(list(f(None, None, &[]), 2).await, ["e", "road", "b", "c", "d", "a"]);
    assert_eq!(list(f(None, Some(ReportStatus::Submitted), &[]), 1).await, ["b", "c", "d"]);
    assert_eq!(list(f(Some(2026), None, &[]), 2).await, ["road", "b", "d", "a"]);
    assert_eq!(list(f(Some(2026), Some(ReportStatus::Submitted), &[]), 1).await, ["b", "d"]);
    assert_eq!(list(f(None, None, &["塌方", "第3期"]), 1).await, ["road"]);
    assert_eq!(list(f(Some(2025), None, &["关于"]), 5).await, ["e", "c"]);

    let year: Vec<String> = s.year_reports(2026).await.unwrap().into_iter().map(|r| r.id).collect();
    assert_eq!(year, ["a", "d", "b", "road"]);
    let adopted = s.year_reports(2025).await.unwrap().iter().filter(|r| r.counts_as_adopted()).count();
    assert_eq!(adopted, 1);

    // Moving on in status moves the report between status lists.
    s.save(&SentimentReport { status: ReportStatus::Instructed, updated_ms: 70, ..road }).await.unwrap();
    assert_eq!(list(f(None, Some(ReportStatus::Adopted), &[]), 5).await, Vec::<String>::new());
    assert_eq!(list(f(None, Some(ReportStatus::Instructed), &[]), 5).await, ["road", "e"]);
    s.delete("road").await.unwrap();
    s.delete("road").await.unwrap();
    assert!(s.get("road").await.unwrap().is_none());
    assert_eq!(list(f(None, None, &[]), 10).await.len(), 5);
    finish(db).await;
}

// ── Photo preparation

/// A `w`×`h` PNG drawn on a canvas: left half red, right half blue.
async fn png(w: u32, h: u32) -> web_sys::Blob {
    let document = web_sys::window().unwrap().document().unwrap();
    let c: web_sys::HtmlCanvasElement = document.create_element("canvas").unwrap().dyn_into().unwrap();
    c.set_width(w);
    c.set_height(h);
    let ctx: web_sys::CanvasRenderingContext2d = c.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    ctx.set_fill_style_str("#d00");
    ctx.fill_rect(0.0, 0.0, f64::from(w) / 2.0, f64::from(h));
    ctx.set_fill_style_str("#00d");
    ctx.fill_rect(f64::from(w) / 2.0, 0.0, f64::from(w) / 2.0, f64::from(h));
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        c.to_blob_with_type(&resolve, "image/png").unwrap();
    });
    JsFuture::from(promise).await.unwrap().dyn_into().unwrap()
}

fn file(parts: &JsValue, name: &str, media_type: &str) -> web_sys::File {
    let options = web_sys::FilePropertyBag::new();
    options.set_type(media_type);
    web_sys::File::new_with_blob_sequence_and_options(parts, name, &options).unwrap()
}

/// Width and height as decoded by the browser.
async fn size_of(b: &web_sys::Blob) -> (u32, u32) {
    let window = web_sys::window().unwrap();
    let bitmap: web_sys::ImageBitmap =
        JsFuture::from(window.create_image_bitmap_with_blob(b).unwrap()).await.unwrap().dyn_into().unwrap();
    (bitmap.width(), bitmap.height())
}

#[wasm_bindgen_test]
fn fitting_keeps_the_aspect_ratio_and_never_upscales() {
    assert_eq!(fit_within(3000, 2000, 1600), (1600, 1067));
    assert_eq!(fit_within(2000, 3000, 1600), (1067, 1600));
    assert_eq!(fit_within(1600, 1200, 1600), (1600, 1200));
    assert_eq!(fit_within(200, 100, 1600), (200, 100));
    assert_eq!(fit_within(10_000, 10, 320), (320, 1));
}

#[wasm_bindgen_test]
async fn a_large_photo_becomes_a_jpeg_within_the_side_limit_with_a_thumbnail() {
    let source = png(3000, 2000).await;
    let f = file(&js_sys::Array::of1(&source), "现场照片.png", "image/png");
    let (photo, thumb, w, h) = prepare_photo(&f, 1600, 320).await.expect("prepared");
    assert_eq!((w, h), (1600, 1067));
    assert_eq!(photo.type_(), "image/jpeg");
    assert_eq!(thumb.type_(), "image/jpeg");
    assert_eq!(size_of(&photo).await, (1600, 1067));
    assert_eq!(size_of(&thumb).await, (320, 213));
    assert_eq!(&bytes_of(&photo).await[..3], &[0xFF, 0xD8, 0xFF], "JPEG signature");
    assert!(thumb.size() < photo.size());

    // Small pictures keep their size; an empty type is decoded all the same.
    let small = png(200, 100).await;
    let f = file(&js_sys::Array::of1(&small), "small", "");
    let (photo, thumb, w, h) = prepare_photo(&f, 1600, 320).await.expect("prepared");
    assert_eq!((w, h), (200, 100));
    assert_eq!(size_of(&photo).await, (200, 100));
    assert_eq!(size_of(&thumb).await, (200, 100));
}

#[wasm_bindgen_test]
async fn files_that_are_not_pictures_or_too_large_are_refused() {
    let text = js_sys::Array::of1(&JsValue::from_str("会议纪要：不是图片"));
    let result = prepare_photo(&file(&text, "纪要.txt", "text/plain"), 1600, 320).await;
    assert_eq!(result.err(), Some(PhotoError::NotAnImage));
    // Claims to be a JPEG (or says nothing) but does not decode.
    let result = prepare_photo(&file(&text, "broken.jpg", "image/jpeg"), 1600, 320).await;
    assert_eq!(result.err(), Some(PhotoError::NotAnImage));
    let result = prepare_photo(&file(&text, "noname", ""), 1600, 320).await;
    assert_eq!(result.err(), Some(PhotoError::NotAnImage));

    let huge = js_sys::Uint8Array::new_with_length(31 * 1024 * 1024);
    let result = prepare_photo(&file(&js_sys::Array::of1(&huge), "huge.jpg", "image/jpeg"), 1600, 320).await;
    assert_eq!(result.err(), Some(PhotoError::TooLarge));
}

/// `jpeg` with an EXIF block saying "rotate 90° clockwise to display" (orientation 6), as
/// phones write for a portrait photo whose pixels are stored landscape.
fn with_exif_orientation_6(jpeg: &[u8]) -> Vec<u8> {
    let app1: [u8; 36] = [
        0xFF, 0xE1, 0x00, 0x22, b'E', b'x', b'i', b'f', 0, 0, // APP1, length 34, "Exif\0\0"
        b'M', b'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08, // big-endian TIFF header, IFD at 8
        0x00, 0x01, // one entry
        0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00, // Orientation = 6
        0x00, 0x00, 0x00, 0x00, // no next IFD
    ];
    assert_eq!(&jpeg[..2], &[0xFF, 0xD8]);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[wasm_bindgen_test]
async fn a_sideways_phone_photo_comes_out_upright() {
    let landscape = png(400, 200).await;
    let f = file(&js_sys::Array::of1(&landscape), "l.png", "image/png");
    let (jpeg, _, _, _) = prepare_photo(&f, 1600, 320).await.expect("prepared");
    let rotated = with_exif_orientation_6(&bytes_of(&jpeg).await);
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(rotated.as_slice()));
    let (photo, thumb, w, h) = prepare_photo(&file(&parts, "IMG_0001.JPG", "image/jpeg"), 100, 50).await.expect("prepared");
    assert_eq!((w, h), (50, 100), "portrait, as the phone showed it");
    assert_eq!(size_of(&photo).await, (50, 100));
    assert_eq!(size_of(&thumb).await, (25, 50));
}
