// Benchmark (not a timed test): with 1,000 proposals stored, how long the list's first
// page and a search take in headless Chromium at a phone viewport. Medians of 7 runs.
// Run after `make build`:  node tests/perf/proposals.mjs
// Figures come from the app's own User Timing measure "lvzhi:list" (IndexedDB query +
// render until the next frame), so the 300 ms search debounce is not counted.
import { start, asMember } from '../e2e/harness.mjs';

const RUNS = 7;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const h = await start();
try {
  const page = await h.newPage();
  await asMember(page, h.base);
  // Seed 1,000 proposals straight into the app's database (the stored shape of Proposal).
  await page.evaluate(async () => {
    const db = await new Promise((ok, err) => { const r = indexedDB.open('lvzhi'); r.onsuccess = () => ok(r.result); r.onerror = () => err(r.error); });
    const tx = db.transaction('proposals', 'readwrite');
    const store = tx.objectStore('proposals');
    const topics = ['农村饮用水安全', '乡村旅游发展', '中小学课后服务', '县域医疗共同体', '老旧小区改造', '农产品冷链物流', '河道生态治理', '养老服务体系'];
    const cats = ['economy', 'politics', 'culture', 'society', 'ecology', 'other'];
    const statuses = ['draft', 'submitted', 'filed', 'assigned', 'answered'];
    for (let i = 0; i < 1000; i++) {
      const topic = topics[i % topics.length];
      store.put({
        id: `bench-${String(i).padStart(4, '0')}`, rev: 1, status: statuses[i % statuses.length],
        year: 2022 + (i % 5), created_ms: 1.7e12 + i * 1000, updated_ms: 1.7e12 + i * 1000,
        title: `关于加强${topic}的建议（第${i}号）`, category: cats[i % cats.length],
        proposer: { name: '王秀兰', member_id: 'QY-2026-017', sector: '农业农村界' }, co_signers: [],
        sector: '农业农村界', reasons: `${topic}方面存在的问题与原因分析。`.repeat(20),
        suggestions: '1. 加大投入；2. 完善机制；3. 强化监督。'.repeat(5), lead_unit: '县发改委',
        assisting_units: [], phone: '13800001234', attachment_ids: [], clue_id: null,
        filed_number: null, key_proposal: false, excellent: false,
      });
    }
    await new Promise((ok, err) => { tx.oncomplete = ok; tx.onerror = () => err(tx.error); });
    db.close();
  });

  const lastMeasure = () => page.evaluate(() => {
    const m = performance.getEntriesByName('lvzhi:list', 'measure');
    return m.length ? m[m.length - 1].duration : null;
  });
  const firstPage = [];
  const search = [];
  for (let run = 0; run < RUNS; run++) {
    await page.getByRole('link', { name: '我的' }).click();
    await page.evaluate(() => performance.clearMeasures('lvzhi:list'));
    await page.getByRole('link', { name: '提案' }).click();
    await page.waitForFunction(() => performance.getEntriesByName('lvzhi:list', 'measure').length > 0 && document.querySelectorAll('.proposal-card').length === 20);
    firstPage.push(await lastMeasure());

    await page.evaluate(() => performance.clearMeasures('lvzhi:list'));
    await page.getByRole('searchbox').fill(run % 2 ? '冷链物流' : '课后服务');
    await page.waitForFunction(() => performance.getEntriesByName('lvzhi:list', 'measure').length > 0);
    search.push(await lastMeasure());
  }
  const cards = await page.locator('.proposal-card').count();
  console.log(`proposals: 1000 stored; search page showed ${cards} cards`);
  console.log(`list first page (20 of 1000): median ${median(firstPage).toFixed(1)} ms  runs ${firstPage.map((x) => x.toFixed(1)).join(' ')}`);
  console.log(`search (substring, first page): median ${median(search).toFixed(1)} ms  runs ${search.map((x) => x.toFixed(1)).join(' ')}`);
} finally {
  await h.close();
}
