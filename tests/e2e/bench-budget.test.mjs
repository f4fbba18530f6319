// The storage budgets of issue 8, on a small data set so it stays quick: each storage
// operation's time as a ratio to the same operation in plain JavaScript IndexedDB, run in
// the same page (tests/perf/bench.mjs), must stay within tests/perf/budgets.mjs. The full
// figures (1,000 proposals, 10,000 duty logs, 200 bundles) come from `make bench`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bench, QUICK } from '../perf/bench.mjs';
import { RATIO_BUDGETS } from '../perf/budgets.mjs';

test('storage operations stay within their budgets against plain IndexedDB', { timeout: 180_000 }, async () => {
  const r = await bench(QUICK);
  for (const [op, budget] of Object.entries(RATIO_BUDGETS)) {
    const s = r.storage[op];
    assert.ok(s, `${op} was measured`);
    assert.ok(s.ours.median > 0 && s.baseline.median > 0, `${op}: both sides took time`);
    assert.ok(s.ratio <= budget.max,
      `${op}: ${s.ratio}× the plain-JS baseline (ours ${s.ours.median} ms, plain ${s.baseline.median} ms) exceeds its budget ${budget.max}× (${budget.why})`);
  }
  // Issue 4's bars, absolute: the current month's duty timeline ≤ 100 ms and the yearly
  // score ≤ 50 ms (medians). The quick set holds a tenth of the 10,000 logs; the
  // timeline reads one page either way, the score counts logs by index (BENCHMARKS.md).
  for (const [k, b] of Object.entries(r.duty.bars)) {
    assert.ok(b.ok, `duty ${k}: median ${r.duty[k].median} ms exceeds issue 4's bar ${b.max_median_ms} ms (runs ${r.duty[k].runs.join(', ')})`);
  }
});
