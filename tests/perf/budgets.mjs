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
    max: 3,
    why: 'meets 2× on this machine (measured 1.7–1.9× quick, was 2.1–3.1× before the search words were folded once '
      + 'per search and Chinese text skipped the Unicode case table); up to 400 records are still decoded into Rust',
  },
  autosave: {
    max: 4,
    why: 'MISSES 2× (measured 2.0–3.1× quick after the save started ahead of the re-render and read only the fields '
      + 'it checks; 4.3× once in CI before that): get + put in one transaction; the baseline is about 1 ms at a '
      + '0.1 ms timer resolution, and a frame painted during our save (the field just lost focus) lands in our time',
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
