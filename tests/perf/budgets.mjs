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
    max: 5.5,
    why: 'MISSES 2× (measured 2.4–3.1× full, 3.2–4.0× quick): the time is main-thread work in our code, '
      + 'not IndexedDB: every record of the page crosses into Rust field by field (serde_wasm_bindgen)',
  },
  search: {
    max: 4,
    why: 'MISSES 2× (measured 2.6–3.1× full, 2.1–3.0× quick): up to 400 records decoded into Rust and folded, '
      + 'where the baseline reads fields in place',
  },
  autosave: {
    max: 4,
    why: 'MISSES 2× under load (measured 2.3–3.4× full, 1.6–2.8× quick, each save interleaved with a baseline save): get + put in one '
      + 'transaction plus serde both ways; sub-millisecond baseline at a 0.1 ms timer resolution',
  },
  export: {
    max: 1.5,
    why: 'meets 2× (measured 0.70× full, 0.76× quick) since prepare reads all events in one transaction and '
      + 'opens no transaction for records without files; it was 2.9–3.9× with one transaction per record',
  },
  import: {
    max: 4.5,
    why: 'MISSES 2× (measured 2.6–3.9× full, 2.3–3.2× quick, 4.1× once under load): Ed25519 and SHA-2 in wasm, '
      + 'the strict JSON reader and the canonical re-check per file, against WebCrypto and JSON.parse',
  },
};
