#!/usr/bin/env bash
# Installs every tool the build and the tests need, idempotently.
# A second run checks versions, installs nothing, and says so.
# Pinned versions live here and in Cargo.toml / package-lock.json only.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130   # must equal the `=` pin of wasm-bindgen in Cargo.toml
APT_PACKAGES=(chromium chromium-driver fonts-noto-cjk)

installed=()
say() { printf '[setup] %s\n' "$*"; }

# 1. Rust target for the browser build.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
  installed+=("wasm32 target")
fi

# 2. Trunk (pinned: newer releases need a newer rustc than this machine has).
if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (a few minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
  installed+=("trunk $TRUNK_VERSION")
fi

# 3. wasm-bindgen CLI + test runner, the exact version of the crate.
#    No --locked: its lock file names a crate version the registry mirror lacks.
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ] \
   || ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  installed+=("wasm-bindgen-cli $WASM_BINDGEN_VERSION")
fi

# 4. Debian packages: Chromium + driver for browser tests, CJK fonts for screenshots.
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  say "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  installed+=("${missing[@]}")
fi

# 5. npm packages (playwright-core, binaryen's wasm-opt) from the committed lock file.
#    Re-run only when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.lvzhi-installed-lock; then
  say "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.lvzhi-installed-lock
  installed+=("npm packages")
fi

if [ ${#installed[@]} -eq 0 ]; then
  say "all tools present, nothing installed"
else
  say "installed: ${installed[*]}"
fi
