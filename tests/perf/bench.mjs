// The benchmark behind `make bench` (issue 8): run after `make build`.
//   node tests/perf/bench.mjs            the full data set, writes build-output/bench/ and BENCHMARKS.md's table
//   node tests/perf/bench.mjs --quick    a small data set, prints only (what the budget test uses)
// Everything is measured in headless Chromium (Debian's, through playwright-core) against
// the release build in dist/, with data from a seeded generator (tests/perf/data.mjs).
//
// Definitions:
// - Transfer size: every file of dist/ (member) and dist/staff/ (staff), raw, gzip -9 and
//   brotli 11, as Node's zlib makes them.
// - Interactive: the mark `lvzhi:ready`, set in the frame after the proposal list (the first
//   screen) has painted its first page from IndexedDB; its startTime is ms since navigation.
//   Phone profile: 390×844, CPU throttled 4× (CDP Emulation.setCPUThrottlingRate), local
//   network (no network throttling). Cold: the service worker unregistered, its caches and
//   the HTTP cache emptied, cache disabled (CDP Network) and the service worker bypassed;
//   the member's data (the large data set) stays, so both starts paint the same screen.
//   Warm: the same page loaded again once the service worker has cached the app.
// - JS heap: CDP Runtime.getHeapUsage after a warm start and a garbage collection; the
//   wasm linear memory (the Rust heap) is apart and reported on its own.
// - Storage operations: the app's User Timing measures (src/ui/timing.rs) around our own
//   store calls, against tests/perf/baseline.js (the same operation in plain JavaScript
//   IndexedDB, same page, same run, same data and indexes). Ratio = ours / baseline.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { start, asMember, DESK, PHONE } from '../e2e/harness.mjs';
import { memberBundles, memberData, SEARCH_WORDS } from './data.mjs';
import { RATIO_BUDGETS } from './budgets.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const BASELINE = readFileSync(join(HERE, 'baseline.js'), 'utf8');

export const FULL = { proposals: 1000, duty: 10000, bundles: 200, runs: 5, listRuns: 9, autosaves: 40, start: true, sizes: true };
export const QUICK = { proposals: 300, duty: 1000, bundles: 20, runs: 5, listRuns: 9, autosaves: 25, start: false, sizes: false };

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const pct = (xs, p) => { const s = sorted(xs); return s[Math.min(s.length - 1, Math.floor((s.length - 1) * p + 0.5))]; };
const median = (xs) => pct(xs, 0.5);
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const stats = (xs) => ({ median: round(median(xs), 2), p95: round(pct(xs, 0.95), 2), runs: xs.map((x) => round(x, 2)) });
const log = (...a) => console.error('[bench]', ...a);

/** raw, gzip -9 and brotli 11 of every file under `dir` (not the precompressed copies,
 *  not `skip`). */
export function transferSizes(dir, skip = []) {
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (name.startsWith('.') || skip.includes(p)) continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (!/\.(br|gz)$/.test(name)) {
        const b = readFileSync(p);
        files.push({
          file: relative(dir, p), raw: b.length, gzip: gzipSync(b, { level: 9 }).length,
          brotli: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length,
        });
      }
    }
  };
  walk(dir);
  files.sort((a, b) => b.gzip - a.gzip);
  const total = files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  return { files, total };
}

function machine(browserVersion) {
  let cpu = cpus()[0]?.model ?? '?';
  try { cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? cpu; } catch { /* not Linux */ }
  let nproc = cpus().length;
  try { nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()); } catch { /* keep */ }
  return { nproc, cpu, chromium: browserVersion, node: process.version, os: `${process.platform} ${process.arch}` };
}

const measures = (page, name) => page.evaluate((n) => performance.getEntriesByName(n, 'measure').map((m) => m.duration), name);
const clear = (page, name) => page.evaluate((n) => performance.clearMeasures(n), name);
async function nextMeasure(page, name, before, timeout = 120_000) {
  await page.waitForFunction(([n, k]) => performance.getEntriesByName(n, 'measure').length > k, [name, before], { timeout, polling: 20 });
  const all = await measures(page, name);
  return all[all.length - 1];
}

/** With `opt.profile`, a CDP CPU profile of `fn` is written to build-output/bench/<label>.cpuprofile
 *  (open it in Chromium's DevTools) and summarised: self time by where it ran. Wasm
 *  functions have no names in the release build (wasm-opt drops them), so they are one row. */
async function profiled(page, opt, label, fn) {
  if (!opt.profile) return fn();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  const out = await fn();
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  mkdirSync(join('build-output', 'bench'), { recursive: true });
  writeFileSync(join('build-output', 'bench', `${label}.cpuprofile`), JSON.stringify(profile));
  const self = new Map();
  const dt = new Map();
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
  for (const n of profile.nodes) {
    const f = n.callFrame;
    const where = f.url.endsWith('.wasm') || /^\$?wasm-function|^\$func/.test(f.functionName) || f.url.startsWith('wasm://') ? 'wasm (our Rust)'
      : /lvzhi-(web|staff)/.test(f.url) ? `wasm-bindgen glue: ${f.functionName || '(anonymous)'}`
        : f.url ? `${f.url.split('/').pop()}: ${f.functionName || '(anonymous)'}` : f.functionName;
    self.set(where, (self.get(where) ?? 0) + (dt.get(n.id) ?? 0));
  }
  const busy = [...self].filter(([k]) => k !== '(idle)').reduce((t, [, v]) => t + v, 0);
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 12)
    .map(([k, v]) => `  ${(v / 1000).toFixed(1).padStart(8)} ms  ${k === '(idle)' ? k : `${((100 * v) / busy).toFixed(0).padStart(3)}%  ${k}`}`);
  log(`profile ${label} (self time):\n${top.join('\n')}`);
  return out;
}

/** Runs the benchmark; returns the results object. */
export async function bench(opt = FULL) {
  const h = await start();
  const result = { date: new Date().toISOString(), machine: machine(h.browser.version()), options: opt, storage: {} };
  try {
    if (opt.sizes) {
      result.sizes = { member: transferSizes('dist', [join('dist', 'staff')]), staff: transferSizes(join('dist', 'staff')) };
    }
    const page = await h.newPage(PHONE);
    await page.context().addInitScript(BASELINE);
    await asMember(page, h.base);
    const data = memberData(opt);
    log(`seeding ${data.proposals.length} proposals, ${data.duty.length} duty logs`);
    await page.evaluate(async (d) => {
      await __bench.put('lvzhi', 'proposals', d.proposals);
      await __bench.put('lvzhi', 'duty_logs', d.duty);
      await __bench.cloneSchema(['proposals']);
    }, data);
    result.data = { proposals: data.proposals.length, duty_logs: data.duty.length, member_bundles: opt.bundles, seed: 'tests/perf/data.mjs' };

    if (opt.start) result.start = await startup(page, h.base, opt.runs);

    // The list's first page and a search, against the baseline's cursor walk.
    const nav = async (name) => page.getByRole('link', { name, exact: true }).first().click();
    // The list's first page is measured twice: when the page mounts (the store call then
    // shares the main thread with the page's first render) and on an idle page (clearing a
    // search shows the first page again): the ratio uses the idle figure, like the baseline.
    const list = { ours: [], render: [], base: [], mount: [] };
    const search = { ours: [], render: [], base: [] };
    const box = page.getByRole('searchbox');
    await nav('我的');
    await nav('提案');
    await page.locator('.proposal-card').first().waitFor();
    await profiled(page, opt, 'list-search', async () => { for (let run = 0; run < opt.listRuns; run++) {
      await nav('我的');
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await clear(page, 'lvzhi:query');
      await nav('提案');
      list.mount.push(await nextMeasure(page, 'lvzhi:query', 0));
      await page.locator('.proposal-card').first().waitFor();

      const word = SEARCH_WORDS[run % SEARCH_WORDS.length];
      await clear(page, 'lvzhi:query');
      await clear(page, 'lvzhi:list');
      await box.fill(word);
      search.ours.push(await nextMeasure(page, 'lvzhi:query', 0));
      search.render.push(await nextMeasure(page, 'lvzhi:list', 0));
      search.base.push((await page.evaluate((w) => __bench.search(w), word)).ms);

      await clear(page, 'lvzhi:query');
      await clear(page, 'lvzhi:list');
      await box.fill('');
      list.ours.push(await nextMeasure(page, 'lvzhi:query', 0));
      list.render.push(await nextMeasure(page, 'lvzhi:list', 0));
      const b = await page.evaluate(() => __bench.list());
      if (b.n !== 20) throw new Error(`baseline list read ${b.n}`);
      list.base.push(b.ms);
    } });
    result.storage.list = { ...ratio(list, 'first page (20 of all proposals) + count'), on_mount: stats(list.mount) };
    result.storage.search = ratio(search, 'word search, first page (≤ 20 hits, ≤ 400 scanned)');
    log('list', result.storage.list.ratio, 'search', result.storage.search.ratio);

    // Autosave: type into a new proposal's title and leave the field (saves at once).
    await nav('提案');
    await page.getByRole('button', { name: '新建提案' }).click();
    await page.locator('#p-title').waitFor();
    const title = page.locator('#p-title');
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
    const auto = { ours: [], base: [] };
    // Each save of ours is followed by one plain-JS save of the same record (in the
    // baseline database), so both see the same moment's load on the machine.
    await profiled(page, opt, 'autosave', async () => { for (let k = 0; k <= opt.autosaves; k++) {
      const before = (await measures(page, 'lvzhi:autosave')).length;
      await title.fill(`关于加强农村饮用水安全的建议 第${k}稿`);
      await title.blur();
      const ms = await nextMeasure(page, 'lvzhi:autosave', before);
      if (k === 0) {
        // The first save also keeps a snapshot (not the steady state); then the record
        // exists and the baseline gets its copy.
        await page.evaluate(async (pid) => {
          const db = await new Promise((ok) => { const r = indexedDB.open('lvzhi'); r.onsuccess = () => ok(r.result); });
          const rec = await new Promise((ok) => { const r = db.transaction('proposals').objectStore('proposals').get(pid); r.onsuccess = () => ok(r.result); });
          db.close();
          await __bench.put('lvzhi-baseline', 'proposals', [rec]);
        }, id);
        continue;
      }
      auto.ours.push(ms);
      auto.base.push(await page.evaluate(([pid, t]) => __bench.autosave(pid, t), [id, `第${k}稿`]));
    } });
    result.storage.autosave = {
      what: 'one save of an open proposal (debounced save started → IndexedDB commit)',
      ours: stats(auto.ours), baseline: stats(auto.base),
      ratio: round(median(auto.ours) / median(auto.base), 2), ratio_p95: round(pct(auto.ours, 0.95) / pct(auto.base, 0.95), 2),
    };
    log('autosave', result.storage.autosave.ratio);

    // Export + sign of everything (only-new unticked, so every run hands in the same set).
    await nav('交接');
    await page.getByLabel('只导出上次交接后新增或修改的内容').uncheck();
    const exp = { ours: [], prepare: [], sign: [], base: [] };
    let exported = null;
    await profiled(page, opt, 'export', async () => { for (let run = 0; run < opt.runs; run++) {
      const p0 = (await measures(page, 'lvzhi:export-prepare')).length;
      await page.getByRole('button', { name: '预览' }).click();
      const prep = await nextMeasure(page, 'lvzhi:export-prepare', p0, 600_000);
      await page.getByRole('button', { name: '签名并下载' }).waitFor();
      const s0 = (await measures(page, 'lvzhi:export-sign')).length;
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 600_000 }), page.getByRole('button', { name: '签名并下载' }).click()]);
      const sign = await nextMeasure(page, 'lvzhi:export-sign', s0, 600_000);
      if (run === 0) exported = statSync(await download.path()).size;
      await download.delete();
      exp.prepare.push(prep);
      exp.sign.push(sign);
      exp.ours.push(prep + sign);
      const b = await page.evaluate((seq) => __bench.exportAll(seq), run + 1);
      exp.base.push(b.ms);
      exp.items = b.items;
      log(`export run ${run + 1}: ours ${round(prep)} + ${round(sign)} ms, baseline ${round(b.ms)} ms (${b.items} items)`);
    } });
    result.storage.export = {
      what: `prepare + sign + record of every handed-in item (${exp.items} items, file ${exported} bytes)`,
      ours: stats(exp.ours), prepare: stats(exp.prepare), sign: stats(exp.sign), baseline: stats(exp.base),
      ratio: round(median(exp.ours) / median(exp.base), 2),
    };

    result.duty = await duty(page, opt, data, nav);
    log('duty timeline', result.duty.timeline.median, 'ms, score', result.duty.score.median, 'ms');
    await page.context().close();

    result.storage.import = await staffImport(h, opt);
    log('import', result.storage.import.ratio);
  } finally {
    await h.close();
  }
  result.budgets = Object.fromEntries(Object.entries(RATIO_BUDGETS).map(([k, b]) => {
    const r = result.storage[k]?.ratio;
    return [k, { max: b.max, ratio: r, ok: r != null && r <= b.max, bar_2x: r != null && r <= 2, why: b.why }];
  }));
  return result;
}

/** Issue 4's bars on the member's seeded logs: the duty timeline's first page (this month,
 *  newest first, with this year's counts per kind) and the yearly score card's work (the
 *  year's facts gathered, then scored), each page opened `opt.listRuns` times. */
async function duty(page, opt, data, nav) {
  const now = new Date();
  const month = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  const timeline = [];
  const score = [];
  let firstMonth = null;
  let total = null;
  await profiled(page, opt, 'duty', async () => { for (let run = 0; run < opt.listRuns; run++) {
    await nav('我的');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await clear(page, 'lvzhi:duty-list');
    await nav('履职');
    timeline.push(await nextMeasure(page, 'lvzhi:duty-list', 0));
    await page.locator('.duty-card').first().waitFor();
    firstMonth ??= await page.locator('.duty-list li.month h2').first().innerText();

    await clear(page, 'lvzhi:score');
    await page.getByRole('link', { name: '考核得分' }).click();
    score.push(await nextMeasure(page, 'lvzhi:score', 0));
    await page.locator('.score-card .score-number').waitFor();
    total ??= await page.locator('.score-card .score-number').innerText();
  } });
  const bar = (xs, max) => ({ max_median_ms: max, ok: median(xs) <= max });
  return {
    what: 'lvzhi:duty-list (timeline first page: store calls + render, to the frame that shows it); '
      + 'lvzhi:score (the year\'s facts gathered: logs counted by index, meetings, proposals and reports read; then scored; not the card drawn)',
    logs_this_month: data.duty.filter((d) => d.date.startsWith(month)).length,
    logs_this_year: data.duty.filter((d) => d.year === now.getFullYear()).length,
    proposals_this_year: data.proposals.filter((p) => p.year === now.getFullYear()).length,
    first_month: firstMonth, score_total: total,
    timeline: stats(timeline), score: stats(score),
    bars: { timeline: bar(timeline, 100), score: bar(score, 50) },
  };
}

function ratio(x, what) {
  return { what, ours: stats(x.ours), with_render: stats(x.render), baseline: stats(x.base), ratio: round(median(x.ours) / median(x.base), 2) };
}

/** Cold and warm starts at the phone profile; alternating, `runs` of each. */
async function startup(page, base, runs) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const url = `${base}/proposals`;
  const ready = async () => {
    await page.waitForFunction(() => performance.getEntriesByName('lvzhi:ready', 'mark').length > 0, null, { timeout: 120_000, polling: 50 });
    return page.evaluate(() => {
      const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
      return {
        ms: performance.getEntriesByName('lvzhi:ready', 'mark')[0].startTime,
        // The app's wasm came through the service worker (warm) or over the network (cold).
        viaWorker: (wasm?.workerStart ?? 0) > 0,
        wasmTransfer: wasm?.transferSize ?? 0,
        bytes: performance.getEntriesByType('resource').reduce((t, r) => t + (r.transferSize || 0), 0)
          + (performance.getEntriesByType('navigation')[0]?.transferSize || 0),
      };
    });
  };
  // Installed means the worker controls the page and its cache holds the wasm.
  const swCached = () => page.waitForFunction(async () => {
    if (navigator.serviceWorker?.controller == null) return false;
    for (const k of await caches.keys()) {
      if (k.startsWith('lvzhi-member-') && (await (await caches.open(k)).keys()).some((r) => r.url.endsWith('.wasm'))) return true;
    }
    return false;
  }, null, { timeout: 60_000, polling: 200 });
  // No worker and no cache: unregister, empty the caches, and leave the page so the
  // unregistered worker has no client left and goes.
  const forget = async () => {
    await page.evaluate(async () => {
      for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
      for (const k of await caches.keys()) await caches.delete(k);
    });
    await page.goto('about:blank');
    await cdp.send('Network.clearBrowserCache');
  };
  const cold = [];
  const warm = [];
  let heap = null;
  let transfer = {};
  for (let run = 0; run < runs; run++) {
    await forget();
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.setBypassServiceWorker', { bypass: true });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(url);
    const c = await ready();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    if (c.viaWorker || c.wasmTransfer === 0) throw new Error(`cold start did not fetch the app from the network: ${JSON.stringify(c)}`);
    cold.push(c.ms);
    transfer.cold = c.bytes;
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await cdp.send('Network.setBypassServiceWorker', { bypass: false });
    // The app registers the worker on load; wait until it controls and has cached.
    await page.reload();
    await swCached();

    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(url);
    const w = await ready();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    if (!w.viaWorker) throw new Error(`warm start was not served by the service worker: ${JSON.stringify(w)}`);
    warm.push(w.ms);
    transfer.warm = w.bytes;
    if (run === runs - 1) {
      await cdp.send('HeapProfiler.enable');
      await cdp.send('HeapProfiler.collectGarbage');
      const u = await cdp.send('Runtime.getHeapUsage');
      // The wasm linear memory (our Rust heap) is outside the JS heap: found with
      // Runtime.queryObjects over WebAssembly.Memory's prototype.
      const proto = await cdp.send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
      const found = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId });
      const sizes = await cdp.send('Runtime.callFunctionOn', {
        objectId: found.objects.objectId, functionDeclaration: 'function () { return this.map((m) => m.buffer.byteLength); }', returnByValue: true,
      });
      heap = { js_used_bytes: u.usedSize, js_total_bytes: u.totalSize, wasm_memory_bytes: sizes.result.value.reduce((a, b) => a + b, 0) };
    }
    log(`start run ${run + 1}: cold ${round(c.ms)} ms, warm ${round(w.ms)} ms`);
  }
  // The same cold start over a phone network (Lighthouse's slow 4G), where the download
  // counts: what a first visit costs.
  const slow = [];
  for (let run = 0; run < runs; run++) {
    await forget();
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.setBypassServiceWorker', { bypass: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(url, { timeout: 120_000 });
    const c = await ready();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    slow.push(c.ms);
    transfer.slow4g_cold = c.bytes;
    log(`start run ${run + 1}: cold on slow 4G ${round(c.ms)} ms`);
  }
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await cdp.send('Network.setBypassServiceWorker', { bypass: false });
  await cdp.detach();
  return {
    slow4g_cold_ms: stats(slow),
    profile: '390×844, CPU 4× (CDP), local network', interactive: 'mark lvzhi:ready (first page of the proposal list painted)',
    cold_ms: stats(cold), warm_ms: stats(warm), heap, transfer_bytes: transfer,
  };
}

/** Staff import of `opt.bundles` member files (each member enrolled), `opt.runs` times. */
async function staffImport(h, opt) {
  const { files, roster } = memberBundles({ count: opt.bundles });
  const dir = mkdtempSync(join(tmpdir(), 'lvzhi-bench-'));
  const paths = files.map((f) => { const p = join(dir, f.name); writeFileSync(p, f.text); return p; });
  const staff = await h.newPage(DESK);
  await staff.context().addInitScript(BASELINE);
  await staff.goto(`${h.base}/staff/`);
  await staff.getByRole('heading', { name: '导入交接文件', level: 1 }).waitFor();
  await staff.evaluate(async (r) => { await __bench.put('lvzhi', 'roster', r); await __bench.cloneSchema(['roster']); }, roster);
  await staff.evaluate((fs) => { window.__files = fs; }, files);
  const STORES = ['inbox', 'staff_items', 'staff_files', 'staff_pending'];
  const ours = [];
  const base = [];
  const totals = [];
  await profiled(staff, opt, 'import', async () => { for (let run = 0; run < opt.runs; run++) {
    await staff.evaluate((s) => __bench.clear('lvzhi', s), STORES);
    await clear(staff, 'lvzhi:import');
    await staff.locator('input.import-files').setInputFiles(paths);
    await staff.locator('.import-summary').filter({ hasText: `共 ${files.length} 个文件` }).waitFor({ timeout: 600_000 });
    const summary = await staff.locator('.import-summary').innerText();
    if (!summary.includes(`新导入 ${files.length}`)) throw new Error(`staff import: ${summary}`);
    const m = await measures(staff, 'lvzhi:import');
    ours.push(median(m));
    totals.push(m.reduce((a, b) => a + b, 0));
    await staff.evaluate((s) => __bench.clear('lvzhi-baseline', s), STORES);
    const b = await staff.evaluate(async () => { const out = []; for (const f of window.__files) out.push(await __bench.importFile(f.text, f.name)); return out; });
    base.push(median(b));
    log(`import run ${run + 1}: ours ${round(median(m), 2)} ms/file (total ${round(totals.at(-1))}), baseline ${round(median(b), 2)} ms/file`);
  } });
  const items = JSON.parse(Buffer.from(JSON.parse(files[0].text).payload, 'base64')).items.length;
  await staff.context().close();
  return {
    what: `one member file (${items} items), verify → classify → one write transaction; ${files.length} files per run`,
    ours: stats(ours), total_ms: stats(totals), baseline: stats(base), ratio: round(median(ours) / median(base), 2),
  };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (x) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;

/** The Markdown table of a result. */
export function markdown(r) {
  const out = [];
  const m = r.machine;
  out.push(`Measured ${r.date.slice(0, 10)} on ${m.nproc} × ${m.cpu}, ${m.chromium === undefined ? '' : `Chromium ${m.chromium}`}, Node ${m.node}.`);
  out.push(`Data: ${r.data.proposals} proposals, ${r.data.duty_logs} duty logs, ${r.data.member_bundles} member bundles (seeded, tests/perf/data.mjs); medians of ${r.options.runs} runs (list and search: ${r.options.listRuns}; autosave: ${r.options.autosaves} saves).`, '');
  if (r.sizes) {
    out.push('#### Transfer size (release build)', '', '| app | file | raw | gzip -9 | brotli 11 |', '| --- | --- | ---: | ---: | ---: |');
    for (const [app, s] of Object.entries(r.sizes)) {
      for (const f of s.files) out.push(`| ${app} | ${f.file} | ${kb(f.raw)} | ${kb(f.gzip)} | ${kb(f.brotli)} |`);
      out.push(`| **${app}** | **total** | **${kb(s.total.raw)}** | **${kb(s.total.gzip)}** | **${kb(s.total.brotli)}** |`);
    }
    out.push('');
  }
  if (r.start) {
    const s = r.start;
    out.push(`#### Start (${s.profile}; interactive = ${s.interactive})`, '', '| | median | p95 | runs |', '| --- | ---: | ---: | --- |');
    out.push(`| cold start (no cache, no service worker) | ${ms(s.cold_ms.median)} | ${ms(s.cold_ms.p95)} | ${s.cold_ms.runs.join(', ')} |`);
    out.push(`| warm start (service worker cache) | ${ms(s.warm_ms.median)} | ${ms(s.warm_ms.p95)} | ${s.warm_ms.runs.join(', ')} |`);
    if (s.slow4g_cold_ms) out.push(`| cold start on slow 4G (150 ms RTT, 1.6 Mbit/s down, brotli served) | ${ms(s.slow4g_cold_ms.median)} | ${ms(s.slow4g_cold_ms.p95)} | ${s.slow4g_cold_ms.runs.join(', ')} |`);
    if (s.heap) out.push(`| JS heap after warm start (after GC) | ${kb(s.heap.js_used_bytes)} used | ${kb(s.heap.js_total_bytes)} total | wasm memory ${kb(s.heap.wasm_memory_bytes)} |`);
    out.push('');
  }
  out.push('#### Storage: ours against plain JavaScript IndexedDB (same page, same run)', '',
    '| operation | ours (median) | ours p95 | plain JS (median) | ratio | budget | bar 2× |', '| --- | ---: | ---: | ---: | ---: | ---: | :---: |');
  for (const [k, v] of Object.entries(r.storage)) {
    const b = r.budgets?.[k];
    out.push(`| ${k}: ${v.what} | ${ms(v.ours.median)} | ${ms(v.ours.p95)} | ${ms(v.baseline.median)} | ${v.ratio}× | ${b ? `≤ ${b.max}× ${b.ok ? '✓' : '✗'}` : ''} | ${b ? (b.bar_2x ? 'met' : '**missed**') : ''} |`);
  }
  out.push('');
  const extra = [];
  if (r.storage.list) extra.push(`list with rendering (lvzhi:list, until the frame that shows it): ${ms(r.storage.list.with_render.median)}; the same store call while the page mounts: ${ms(r.storage.list.on_mount.median)}`);
  if (r.storage.search) extra.push(`search with rendering: ${ms(r.storage.search.with_render.median)}`);
  if (r.storage.autosave) extra.push(`autosave p50 ${ms(r.storage.autosave.ours.median)}, p95 ${ms(r.storage.autosave.ours.p95)} (plain JS p50 ${ms(r.storage.autosave.baseline.median)}, p95 ${ms(r.storage.autosave.baseline.p95)})`);
  if (r.storage.export) extra.push(`export: prepare ${ms(r.storage.export.prepare.median)} + sign and record ${ms(r.storage.export.sign.median)}`);
  if (r.storage.import) extra.push(`staff import of all files: ${ms(r.storage.import.total_ms.median)} per run`);
  for (const e of extra) out.push(`- ${e}`);
  if (r.duty) {
    const d = r.duty;
    const row = (name, x, b) => `| ${name} | ${ms(x.median)} | ${ms(x.p95)} | ≤ ${b.max_median_ms} ms ${b.ok ? 'met' : '**missed**'} | ${x.runs.join(', ')} |`;
    out.push('', '#### Duty (issue 4 bars)', '',
      `${r.data.duty_logs} duty logs stored, ${d.logs_this_month} of them this month and ${d.logs_this_year} this year (with ${d.proposals_this_year} proposals); `
      + `the timeline opens on ${d.first_month}, the score card shows ${d.score_total} points. The issue's bars are for 10,000 logs.`, '',
      '| measure | median | p95 | bar (median) | runs |', '| --- | ---: | ---: | :---: | --- |',
      row('current month\'s timeline (lvzhi:duty-list: first page + counts per kind, rendered)', d.timeline, d.bars.timeline),
      row('yearly score (lvzhi:score: the year\'s facts gathered and scored)', d.score, d.bars.score));
  }
  return out.join('\n') + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const quick = process.argv.includes('--quick');
  const r = await bench({ ...(quick ? QUICK : FULL), profile: process.argv.includes('--profile') });
  const md = markdown(r);
  if (!quick) {
    mkdirSync(join('build-output', 'bench'), { recursive: true });
    writeFileSync(join('build-output', 'bench', 'bench.json'), JSON.stringify(r, null, 2) + '\n');
    writeFileSync(join('build-output', 'bench', 'bench.md'), md);
    // BENCHMARKS.md keeps its prose; the table between the markers is replaced.
    const doc = readFileSync('BENCHMARKS.md', 'utf8');
    const [a, rest] = doc.split('<!-- bench:begin -->');
    const b = rest?.split('<!-- bench:end -->')[1];
    if (b !== undefined) writeFileSync('BENCHMARKS.md', `${a}<!-- bench:begin -->\n${md}<!-- bench:end -->${b}`);
    log('wrote build-output/bench/bench.json, bench.md and the table in BENCHMARKS.md');
  }
  console.log(md);
  const over = Object.entries(r.budgets).filter(([, b]) => !b.ok);
  if (over.length) console.log(`over budget: ${over.map(([k, b]) => `${k} ${b.ratio}× > ${b.max}×`).join(', ')}`);
  const missed = Object.entries(r.duty?.bars ?? {}).filter(([, b]) => !b.ok);
  if (missed.length) console.log(`issue 4 bars missed: ${missed.map(([k, b]) => `${k} ${r.duty[k].median} ms > ${b.max_median_ms} ms`).join(', ')}`);
}
