#!/usr/bin/env bash
# Runs the browser tests (tests/web_*.rs) in real headless Chromium: cargo builds each test
# binary for wasm32, and wasm-bindgen-test-runner (the runner set in .cargo/config.toml)
# drives Chromium through chromedriver, with the options in webdriver.json.
# Fails when a test fails, and also when a binary did not run in Chrome or ran no test,
# so a silent fallback (e.g. to Node) cannot pass.
set -euo pipefail
cd "$(dirname "$0")/.."

export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver || echo /usr/bin/chromedriver)}"
# The runner's budget covers a whole test binary (default 20 s); a loaded 2-core machine
# needs more.
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"

[ -x "$CHROMEDRIVER" ] || { echo "chromedriver not found at $CHROMEDRIVER (run scripts/setup.sh)" >&2; exit 1; }
command -v wasm-bindgen-test-runner >/dev/null \
  || { echo "wasm-bindgen-test-runner not on PATH (run scripts/setup.sh)" >&2; exit 1; }

targets=()
for f in tests/web_*.rs; do
  [ -e "$f" ] && targets+=(--test "$(basename "$f" .rs)")
done
binaries=$(( ${#targets[@]} / 2 ))
[ "$binaries" -gt 0 ] || { echo "no tests/web_*.rs found" >&2; exit 1; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$(date +%s)
set +e
cargo test --target wasm32-unknown-unknown "${targets[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
[ "$status" -eq 0 ] || { echo "browser tests FAILED (exit $status)" >&2; exit "$status"; }

in_chrome=$(grep -c '^Running headless tests in Chrome' "$log" || true)
if [ "$in_chrome" -ne "$binaries" ]; then
  echo "expected $binaries test binaries to run in headless Chrome, saw $in_chrome" >&2
  exit 1
fi
if grep -q '^running 0 tests' "$log"; then
  echo "a browser test binary ran no tests" >&2
  exit 1
fi
echo "browser tests passed: $binaries binaries in headless Chromium, $(( $(date +%s) - start )) s"
