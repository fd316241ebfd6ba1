#!/usr/bin/env bash
# Runs fbskit's cargo-fuzz targets (fuzz/). Installs what it needs, idempotently, from rustup's dist
# server and crates.io: a pinned nightly (the fuzz crate only; the main crate stays on stable) and
# cargo-fuzz at a pinned version. A warm machine skips both.
#
#   scripts/fuzz.sh smoke [SECONDS]        every target for SECONDS (default 5); the test command's layer
#   scripts/fuzz.sh run TARGET [SECONDS] [DIR]
#                                          one target for SECONDS (default 600), continuing after crashes;
#                                          new inputs are kept in DIR when given
#   scripts/fuzz.sh minimize TARGET DIR    merges DIR's inputs into fuzz/corpus/TARGET, keeping only the
#                                          inputs that add coverage (cargo fuzz cmin)
#   scripts/fuzz.sh list                   the target names
#
# Runs never write into the committed corpus: new inputs go to a scratch directory (fuzz/corpus/<target>
# is read as a second, read-only seed directory). Crash inputs land in fuzz/artifacts/<target>/; commit
# them, fix the bug, and tests/fuzz_replay.rs replays them from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

NIGHTLY=nightly-2026-10-29
CARGO_FUZZ_VERSION=0.13.2
say() { printf '\033[1m[fuzz]\033[0m %s\n' "$*"; }

rustup toolchain list | grep -q "^$NIGHTLY" || {
  say "rustup: $NIGHTLY"
  rustup toolchain install "$NIGHTLY" --profile minimal
}
if [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]; then
  say "cargo install cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install --force --quiet --locked cargo-fuzz --version "$CARGO_FUZZ_VERSION"
fi

targets() { (cd fuzz && cargo "+$NIGHTLY" fuzz list); }

# run TARGET SECONDS DIR [extra libFuzzer flags]: fuzz with DIR (a scratch directory when empty) as the
# working corpus, seeded from the committed one.
run() {
  local target=$1 seconds=$2 scratch=$3 keep=1 dict=()
  shift 3
  [ -n "$scratch" ] || { scratch=$(mktemp -d); keep=0; }
  mkdir -p "$scratch"
  scratch=$(cd "$scratch" && pwd)
  mkdir -p "fuzz/artifacts/$target"
  [ -f "fuzz/dict/$target.dict" ] && dict=("-dict=dict/$target.dict")
  # The status is kept by hand: `set -e` does not apply inside a function called as `if ! run`.
  local status=0
  (cd fuzz && cargo "+$NIGHTLY" fuzz run -O "$target" "$scratch" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
    "${dict[@]}" "$@") || status=$?
  [ "$keep" = 1 ] || rm -rf "$scratch"
  return "$status"
}

case "${1:-smoke}" in
  list) targets ;;
  run)
    run "$2" "${3:-600}" "${4:-}" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1
    ;;
  minimize)
    found=$(cd "$3" && pwd)
    merged=$(mktemp -d)
    (cd fuzz && cargo "+$NIGHTLY" fuzz run -O "$2" "$merged" "corpus/$2" "$found" -- -merge=1 -use_counters=0 -max_len=8192)
    rm -rf "fuzz/corpus/$2" && mv "$merged" "fuzz/corpus/$2"
    say "$2: $(ls "fuzz/corpus/$2" | wc -l) inputs, $(du -sh "fuzz/corpus/$2" | cut -f1)"
    ;;
  smoke)
    seconds=${2:-5}
    (cd fuzz && cargo "+$NIGHTLY" fuzz build -O)
    passed=0
    for target in $(targets); do
      say "$target: ${seconds}s"
      log=$(mktemp)
      if ! run "$target" "$seconds" "" >"$log" 2>&1; then
        cat "$log" >&2
        echo "FAILED: fuzz target $target" >&2
        exit 1
      fi
      grep -E '^stat::number_of_executed_units|^Done [0-9]+ runs' "$log" | tail -1
      rm -f "$log"
      passed=$((passed + 1))
    done
    # The same line shape as cargo test's, so scripts/test.sh counts it like any other layer.
    echo "test result: ok. $passed passed; 0 failed (fuzz smoke, ${seconds}s per target)"
    ;;
  *) echo "usage: $0 smoke [SECONDS] | run TARGET [SECONDS] [DIR] | minimize TARGET DIR | list" >&2; exit 2 ;;
esac
