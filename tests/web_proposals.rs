#![cfg(target_arch = "wasm32")]
//! The proposal store on real IndexedDB in headless Chromium: lists by index with paging,
//! Chinese search, revision snapshots and their pruning, events stored with their
//! proposal, and the frozen-text rule. One fresh database per test.

use std::collections::HashSet;

use wasm_bindgen_test::*;

use lvzhi::domain::lifecycle::{record, Actor, EventKind, ProposalEvent, Status};
use lvzhi::domain::proposal::{Category, Proposal, ProposalLimits};
use lvzhi::store::{ProposalFilter, StoreError, REVISIONS_KEPT};

mod support;
use support::{finish, fresh_db, profile};

wasm_bindgen_test_configure!(run_in_browser);

/// A proposal ready to submit.
fn proposal(i: i64, title: &str, year: i32) -> Proposal {
    let mut p = Proposal::new_draft(format!("p{i:03}"), &profile(), 1_000 + i, year);
    p.title = title.into();
    p.category = Some(if i % 2 == 0 { Category::Economy } else { Category::Society });
    p.reasons = format!("第{i}条理由：村里饮用水管网老化。");
    p.suggestions = "1. 更新管网\n2. 定期检测水质".into();
    p.updated_ms = 1_000 + i;
    p
}

#[wasm_bindgen_test]
async fn lists_newest_first_in_pages_under_each_filter() {
    let db = fresh_db("plist").await;
    let store = db.proposals();
    for i in 0..25 {
        store.save(&proposal(i, &format!("关于第{i}件事的建议"), 2025 + (i % 2) as i32), false, 0).await.unwrap();
    }

    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = store.list(&ProposalFilter::default(), after, 10).await.unwrap();
        seen.extend(page.items.iter().map(|p| p.id.clone()));
        after = page.next;
        if after.is_none() {
            break;
        }
    }
    let expected: Vec<String> = (0..25).rev().map(|i| format!("p{i:03}")).collect();
    assert_eq!(seen, expected, "every proposal once, newest first");

    let y2026 = store.list(&ProposalFilter::year(2026), None, 50).await.unwrap().items;
    assert_eq!(y2026.len(), 12);
    assert!(y2026.iter().all(|p| p.year == 2026));
    assert!(y2026.windows(2).all(|w| w[0].updated_ms > w[1].updated_ms));

    let society = store.list(&ProposalFilter::category(Category::Society), None, 50).await.unwrap().items;
    assert_eq!(society.len(), 12);
    assert_eq!(store.count(&ProposalFilter::category(Category::Economy)).await.unwrap(), Some(13));
    assert_eq!(store.count(&ProposalFilter::status(Status::Draft)).await.unwrap(), Some(25));
    assert_eq!(store.count(&ProposalFilter::status(Status::Submitted)).await.unwrap(), Some(0));
    assert_eq!(store.count(&ProposalFilter::default()).await.unwrap(), Some(25));
    // The list's first page and its count come from one transaction, as the two calls give.
    for filter in [ProposalFilter::default(), ProposalFilter::category(Category::Society), ProposalFilter::year(2026)] {
        let (page, count) = store.first_page(&filter, 10).await.unwrap();
        assert_eq!(page, store.list(&filter, None, 10).await.unwrap(), "{filter:?}");
        assert_eq!(count, store.count(&filter).await.unwrap(), "{filter:?}");
    }

    // A draft without a category is listed, but under no category.
    let mut fresh = Proposal::new_draft("p999".into(), &profile(), 9_999, 2026);
    fresh.updated_ms = 9_999;
    store.save(&fresh, false, 0).await.unwrap();
    assert_eq!(store.list(&ProposalFilter::default(), None, 1).await.unwrap().items[0].id, "p999");
    assert_eq!(store.count(&ProposalFilter::category(Category::Economy)).await.unwrap(), Some(13));
    finish(db).await;
}

#[wasm_bindgen_test]
async fn search_finds_chinese_substrings_across_pages() {
    let db = fresh_db("psearch").await;
    let store = db.proposals();
    for i in 0..30 {
        let title = if i % 3 == 0 { format!("关于加强农村饮用水安全的建议{i}") } else { format!("关于发展乡村旅游的建议{i}") };
        store.save(&proposal(i, &title, 2026), false, 0).await.unwrap();
    }
    let mut found = HashSet::new();
    let mut after = None;
    loop {
        let words = ProposalFilter { words: "饮用水 安全".into(), ..Default::default() };
        let page = store.list(&words, after, 4).await.unwrap();
        assert!(page.items.len() <= 4);
        for p in &page.items {
            assert!(p.title.contains("饮用水"), "{}", p.title);
            assert!(found.insert(p.id.clone()), "no duplicates across pages");
        }
        after = page.next;
        if after.is_none() {
            break;
        }
    }
    assert_eq!(found.len(), 10);
    // Words in the body count too; a word nowhere gives an empty result.
    let in_body = ProposalFilter { words: "定期检测".into(), year: Some(2026), ..Default::default() };
    assert_eq!(store.list(&in_body, None, 50).await.unwrap().items.len(), 30);
    let nowhere = ProposalFilter { words: "高铁".into(), ..Default::default() };
    assert!(store.list(&nowhere, None, 50).await.unwrap().items.is_empty());
    assert_eq!(store.count(&nowhere).await.unwrap(), None);
    let (page, count) = store.first_page(&in_body, 50).await.unwrap();
    assert_eq!((page.items.len(), count), (30, None), "a word search has no count");
    // Several criteria together: category from the index, year checked while paging.
    let both = ProposalFilter { year: Some(2026), category: Some(Category::Society), ..Default::default() };
    assert_eq!(store.list(&both, None, 50).await.unwrap().items.len(), 15);
    finish(db).await;
}

#[wasm_bindgen_test]
async fn keeps_the_last_twenty_revisions_and_rare_characters_exactly() {
    let db = fresh_db("prev").await;
    let store = db.proposals();
    let mut p = proposal(1, "关于𠀀字😀的建议", 2026);
    for n in 0..(REVISIONS_KEPT as i64 + 5) {
        p.reasons = format!("第{n}稿 𠀀😀");
        store.save(&p, true, 10_000 + n).await.unwrap();
    }
    let revs = store.revisions("p001").await.unwrap();
    assert_eq!(revs.len(), REVISIONS_KEPT);
    assert_eq!(revs[0].proposal.reasons, "第24稿 𠀀😀", "newest first");
    assert_eq!(revs[0].rev, 25);
    assert_eq!(revs.last().unwrap().proposal.reasons, "第5稿 𠀀😀", "oldest five pruned");
    assert_eq!(store.get("p001").await.unwrap().unwrap().title, "关于𠀀字😀的建议");
    finish(db).await;
}

#[wasm_bindgen_test]
async fn events_are_stored_with_their_proposal_and_frozen_text_is_refused() {
    let db = fresh_db("pevents").await;
    let store = db.proposals();
    let limits = ProposalLimits::default();
    let mut p = proposal(7, "关于加强农村饮用水安全的建议", 2026);
    store.save(&p, true, 1).await.unwrap();

    let submit = ProposalEvent {
        id: "e1".into(),
        proposal_id: p.id.clone(),
        at_ms: 2_000,
        by: Actor::Member,
        kind: EventKind::Submitted { rev: 1 },
    };
    record(&mut p, &submit, &limits, 2_000).unwrap();
    store.record_event(&p, &submit).await.unwrap();
    let filed = ProposalEvent {
        id: "e2".into(),
        proposal_id: p.id.clone(),
        at_ms: 3_000,
        by: Actor::Member,
        kind: EventKind::Filed { number: "〔2026〕第12号".into() },
    };
    record(&mut p, &filed, &limits, 3_000).unwrap();
    store.record_event(&p, &filed).await.unwrap();

    let stored = store.get(&p.id).await.unwrap().unwrap();
    assert_eq!(stored.status, Status::Filed);
    assert_eq!(stored.filed_number.as_deref(), Some("〔2026〕第12号"));
    let events = store.events(&p.id).await.unwrap();
    assert_eq!(events.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["e1", "e2"]);

    // The same event twice is refused, and the proposal is not touched by the failure.
    let mut again = stored.clone();
    again.updated_ms = 99_999;
    assert!(matches!(store.record_event(&again, &filed).await, Err(StoreError::Constraint { .. })));
    assert_eq!(store.get(&p.id).await.unwrap().unwrap().updated_ms, stored.updated_ms);

    // Submitted text never changes in place.
    let mut edited = stored.clone();
    edited.reasons.push_str("（补充）");
    assert!(matches!(store.save(&edited, false, 4_000).await, Err(StoreError::Constraint { .. })));
    assert_eq!(store.get(&p.id).await.unwrap().unwrap().reasons, stored.reasons);
    // …and a submitted proposal cannot be deleted.
    assert!(store.delete_draft(&p.id).await.is_err());
    finish(db).await;
}

#[wasm_bindgen_test]
async fn deleting_a_draft_removes_its_revisions_and_nothing_else() {
    let db = fresh_db("pdel").await;
    let store = db.proposals();
    store.save(&proposal(1, "甲", 2026), true, 1).await.unwrap();
    store.save(&proposal(2, "乙", 2026), true, 2).await.unwrap();
    store.delete_draft("p001").await.unwrap();
    assert!(store.get("p001").await.unwrap().is_none());
    assert!(store.revisions("p001").await.unwrap().is_empty());
    assert_eq!(store.revisions("p002").await.unwrap().len(), 1);
    let mut with_units = proposal(3, "丙", 2026);
    with_units.lead_unit = "县水利局".into();
    with_units.assisting_units = vec!["县卫健委".into(), "县水利局".into()];
    with_units.updated_ms = 5_000;
    store.save(&with_units, false, 5_000).await.unwrap();
    let recent = store.recent(10).await.unwrap();
    assert_eq!(recent.titles, vec![("p003".to_string(), "丙".to_string()), ("p002".to_string(), "乙".to_string())]);
    assert_eq!(recent.units, vec!["县水利局".to_string(), "县卫健委".to_string()], "each unit once");
    finish(db).await;
}
