# 履职通 — the two commands people need are `make run` and `make test`.
# Every target installs what it needs first (scripts/setup.sh is idempotent and quick).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# Project-local tools (npm's binaryen wasm-opt) first; cargo-installed tools next.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# Never let Trunk download anything: a missing tool must be a clear error.
export TRUNK_OFFLINE := true
export TRUNK_SKIP_VERSION_CHECK := true
export CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: help setup run build test test-native test-browser test-e2e bench bench-native bench-cli fuzz clean

help:
	@echo "make run    — build and serve the app at http://127.0.0.1:8080 (staff: /staff/)"
	@echo "make test   — run every test (native, browser, end-to-end)"
	@echo "make build  — release build into dist/ and print its size"
	@echo "make bench  — build, then measure size, start and storage (BENCHMARKS.md)"

setup:
	@scripts/setup.sh

# Builds both apps, then serves dist/ with client-side routes for each (/staff/… too).
run: build
	node tests/e2e/serve.mjs dist 8080

# The member app into dist/, then the staff workspace into dist/staff/ (in this order:
# Trunk replaces its whole dist folder).
build: setup
	scripts/trunk-build.sh trunk-member --release
	scripts/trunk-build.sh trunk-staff staff.html --release --dist dist/staff --public-url /staff/
	@scripts/size-report.sh dist member
	@scripts/size-report.sh dist/staff staff
	@node scripts/precompress.mjs dist

test: setup
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory test-native test-browser build test-e2e; \
	echo "[test] all layers passed in $$(( $$(date +%s) - start )) s"

test-native:
	cargo test --locked

test-browser:
	scripts/test-browser.sh

test-e2e:
	node --test --test-concurrency=1 tests/e2e/

# Issue 8, not a test: transfer sizes, cold and warm start at a phone profile, and each
# storage operation against the same operation in plain JavaScript IndexedDB, on seeded data
# (1,000 proposals, 10,000 duty logs, 200 member bundles). Writes build-output/bench/
# (bench.json, bench.md) and the table in BENCHMARKS.md. The ratio budgets are checked by
# `make test` on a smaller set (tests/e2e/bench-budget.test.mjs).
bench: build
	node tests/perf/bench.mjs

# Not a test: native medians for sign, verify, canonical JSON, strict parse and scoring
# (benches/native.rs, divan), written to build-output/bench/native.{json,md}. Needs only
# cargo and node; about 20 s of measuring after the first build.
bench-native:
	@mkdir -p build-output/bench
	LVZHI_BENCH_INPUTS=build-output/bench/inputs.json \
	  cargo bench --locked --bench native -- --color never | tee build-output/bench/native.txt
	node scripts/bench-native.mjs build-output/bench

# Not a test: the shipped staff tool (`release` profile) timed on the large bench bundle
# (1,000 proposals + 10,000 duty logs, written by benches/native.rs): `lvzhi verify` against
# issue 5's 50 MB/s bar. hyperfine when installed, else the median of 5 runs (BENCHMARKS.md).
bench-cli:
	@mkdir -p build-output/bench
	cargo build --locked --release --bin lvzhi
	LVZHI_BENCH_BUNDLE=build-output/bench/large.lvzhi.json \
	  cargo bench --locked --bench native -- no-benchmark-matches-this >/dev/null
	scripts/bench-cli.sh $${CARGO_TARGET_DIR:-target}/release/lvzhi build-output/bench/large.lvzhi.json

# Issue 5: cargo-fuzz targets (fuzz/, docs/BUNDLE.md "Fuzzing") for the parsers of files
# from outside: bundle, payload behind the signature, backup file, backup doc. Needs a
# nightly toolchain (CI has only stable, so `make test` never runs this); installs the
# pinned cargo-fuzz, then runs each target FUZZ_SECONDS (default 30) from its seeds.
CARGO_FUZZ_VERSION := 0.13.2
FUZZ_SECONDS ?= 30
FUZZ_TARGETS := bundle_file bundle_payload backup_file backup_doc
fuzz:
	@rustup toolchain list | grep -q '^nightly' || { echo "make fuzz needs a nightly toolchain: rustup toolchain install nightly"; exit 1; }
	@cargo fuzz --version 2>/dev/null | grep -qF '$(CARGO_FUZZ_VERSION)' || cargo install cargo-fuzz --version $(CARGO_FUZZ_VERSION) --locked
	cd fuzz && for t in $(FUZZ_TARGETS); do \
	  mkdir -p corpus/$$t && \
	  cargo +nightly fuzz run -a $$t corpus/$$t seeds/$$t -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 || exit 1; \
	done

clean:
	cargo clean
	rm -rf dist build-output
