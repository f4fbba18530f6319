// Budgets the test run enforces (tests/e2e/bench-budget.test.mjs, small data set) and
// `make bench` reports against: the most each storage operation of ours may cost as a
// multiple of the same operation in plain JavaScript IndexedDB, in the same page and run
// (ratio of medians). Set from the figures measured on the 2-core build machine
// (BENCHMARKS.md; quick set in brackets) with ~30 % headroom for a shared, noisy machine.
// The bar is 2× everywhere; where we miss it the reason is written here and the
// budget stops it getting worse without pretending the bar is met.
// The release transfer-size budget (gzip) lives in scripts/size-report.sh.
export const RATIO_BUDGETS = {
  list: {
    max: 3,
    why: 'meets 2× on a quiet machine (measured 1.5–1.65× quick, 1.9–2.1× with four builds running): the page and '
      + 'its count share one transaction, and "加载中…" no longer flashes in (its layout landed inside the page read, '
      + 'which made this 2.3–3.5× before); the rest is decoding whole records into Rust',
  },
  search: {
    max: 3,
    why: 'meets 2× on this machine (measured 1.7–1.9× quick, was 2.1–3.1× before the search words were folded once '
      + 'per search and Chinese text skipped the Unicode case table); up to 400 records are still decoded into Rust',
  },
  autosave: {
    max: 4,
    why: 'about 2× (measured 1.7–3.0× quick with four builds running, 4.3× once in CI before these changes): the save '
      + 'starts ahead of any re-render, "保存中…" shows only for a slow save, and only the checked fields are decoded; '
      + 'left: get + put in one transaction plus serde; the baseline is about 1 ms at a 0.1 ms timer resolution, '
      + 'and a frame painted for the field that just lost focus can land in our time',
  },
  export: {
    max: 1.5,
    why: 'meets 2× (measured 0.70× full, 0.76× quick) since prepare reads all events in one transaction and '
      + 'opens no transaction for records without files; it was 2.9–3.9× with one transaction per record',
  },
  import: {
    max: 3.2,
    why: 'meets 2× on a quiet machine (measured 1.25–2.0× quick, 2.5× once under load; it was 3.2–3.9×) since the '
      + 'roster, duplicate and item look-ups, the decision and the write are one transaction with every read issued '
      + 'at once; the rest is spread out (per file, quiet: verify in wasm 0.6 ms, reads 1.4, item puts 1.8, commit 1.0)',
  },
};
