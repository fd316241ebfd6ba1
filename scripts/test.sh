#!/usr/bin/env bash
# Runs every test layer and prints how many tests ran in each. A layer that runs zero tests fails.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/tests/node_modules/.bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
log=$(mktemp -d)
summary=()

section() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# Sums "N passed" over every `test result:` line of a runner's output; fails on zero in any test
# binary (one that lost its tests must not hide behind the others), and on any ignored test (a skipped
# test must not pass unnoticed).
count() {
  local name=$1 file=$2 n ignored
  if grep -qE '^test result: ok\. 0 passed' "$file"; then
    echo "FAILED: $name: a test binary ran no tests" >&2
    exit 1
  fi
  n=$(grep -E '^test result: ok\.' "$file" | sed -E 's/.* ([0-9]+) passed.*/\1/' | awk '{s+=$1} END {print s+0}')
  ignored=$(grep -E '^test result:' "$file" | sed -E 's/.* ([0-9]+) ignored.*/\1/' | awk '{s+=$1} END {print s+0}')
  if [ "$n" -eq 0 ]; then
    echo "FAILED: $name ran no tests" >&2
    exit 1
  fi
  if [ "$ignored" -ne 0 ]; then
    echo "FAILED: $name ignored $ignored tests" >&2
    exit 1
  fi
  summary+=("$(printf '%-34s %5d passed' "$name" "$n")")
}

# Reads a node:test spec report: fails unless some tests passed and none failed, was skipped, todo or
# cancelled (a missing count line is a failure too).
node_count() {
  local name=$1 file=$2 n field value
  n=$(sed -nE 's/^ℹ pass ([0-9]+)$/\1/p' "$file")
  for field in fail skipped todo cancelled; do
    value=$(sed -nE "s/^ℹ $field ([0-9]+)\$/\\1/p" "$file")
    [ "${value:-missing}" = 0 ] || { echo "FAILED: $name: $field ${value:-count missing}" >&2; exit 1; }
  done
  [ "${n:-0}" -gt 0 ] || { echo "FAILED: $name ran no tests" >&2; exit 1; }
  summary+=("$(printf '%-34s %5d passed' "$name" "$n")")
}

section "cargo fmt --check"
cargo fmt --all -- --check

section "clippy (host, all targets, every crate of the workspace)"
cargo clippy --workspace --all-targets --quiet -- -D warnings
section "clippy (wasm32, with and without the inspect feature)"
cargo clippy --target wasm32-unknown-unknown --lib --quiet -- -D warnings
cargo clippy --target wasm32-unknown-unknown -p fbskit-render --lib --quiet -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --test wasm --features inspect --quiet -- -D warnings

section "native tests"
# Unit and integration tests of fbskit and of its per-label crate, fbskit-render (render/); the crates'
# docs hold no runnable examples (an empty doc-test binary would trip the zero check).
cargo test --quiet -p fbskit -p fbskit-render --lib --tests 2>&1 | tee "$log/native"
count "native (cargo test)" "$log/native"

section "fuzz smoke (cargo fuzz, nightly for fuzz/ only; every target for a few seconds)"
# Installs the pinned nightly and cargo-fuzz when missing; fails if any target cannot build or run.
scripts/fuzz.sh smoke 5 2>&1 | tee "$log/fuzz"
count "fuzz smoke (targets)" "$log/fuzz"

section "wasm-bindgen tests in Node"
# With `inspect`: the tests read print jobs back through the decodeJob export.
cargo test --target wasm32-unknown-unknown --test wasm --features inspect 2>&1 | tee "$log/wasm-node"
count "wasm (Node)" "$log/wasm-node"

section "wasm-bindgen tests in headless Chromium"
WASM_BINDGEN_USE_BROWSER=1 cargo test --target wasm32-unknown-unknown --test wasm --features inspect 2>&1 | tee "$log/wasm-chromium"
grep -q "skipping" "$log/wasm-chromium" && { echo "FAILED: the browser run skipped tests" >&2; exit 1; }
count "wasm (headless Chromium)" "$log/wasm-chromium"

section "build the npm package"
scripts/build.sh

section "JS package tests (node:test, the package imported as users import it)"
# Installed from the packed tarball, so the `files` list and export conditions are what users get.
tarball=$(cd pkg && npm pack --silent --pack-destination "$log")
(cd tests && npm install --no-audit --no-fund --loglevel=error --no-save "$log/$tarball" >/dev/null && node --test --test-reporter=spec js/) 2>&1 | tee "$log/js"
node_count "JS package (node:test)" "$log/js"

section "the page in headless Chromium (node:test + playwright-core, a fake WebUSB printer)"
# Serves www/ with scripts/serve.mjs on a free 127.0.0.1 port; writes target/e2e/page.png.
(cd tests && node --test --test-reporter=spec e2e/) 2>&1 | tee "$log/e2e"
node_count "page in Chromium (node:test)" "$log/e2e"

section "Worker on workerd (node:test, the example Worker with the installed package)"
# Starts the workerd binary on a free 127.0.0.1 port, prints the cold start and the uploaded wasm size.
(cd tests && node --test --test-reporter=spec worker/) 2>&1 | tee "$log/worker"
node_count "Worker on workerd (node:test)" "$log/worker"

section "summary"
printf '%s\n' "${summary[@]}"
total=0
for line in "${summary[@]}"; do total=$((total + $(echo "$line" | awk '{print $(NF-1)}'))); done
echo "$total passed, 0 failed"
