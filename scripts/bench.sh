#!/usr/bin/env bash
# Benchmarks the built package against bwip-js and JsBarcode in one Node process (not part of the tests).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
dir=$(mktemp -d)
tarball=$(cd pkg && npm pack --silent --pack-destination "$dir")
cd bench
npm ci --no-audit --no-fund --loglevel=error
npm install --no-save --no-audit --no-fund --loglevel=error "$dir/$tarball"
# --expose-gc: each measuring round starts from a clean heap (see measureSideBySide in bench.mjs).
node --expose-gc bench.mjs
