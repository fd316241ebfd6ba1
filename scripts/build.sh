#!/usr/bin/env bash
# Builds the npm package into pkg/ (wasm-pack, web target, wasm-opt -Oz) and copies it into www/pkg/,
# so www/ is a self-contained static site. The package holds two modules: the main one, and in
# pkg/inspect/ the same library built with the `inspect` feature (adds `decodeJob`), as `fbskit/inspect`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/tests/node_modules/.bin:$PATH"

# wasm-pack looks wasm-opt up on PATH; it must be npm's binaryen@132, never Debian's (it breaks the module).
command -v wasm-opt | grep -q node_modules || { echo "wasm-opt from tests/node_modules is missing: run scripts/setup.sh" >&2; exit 1; }

wasm-pack build --release --target web --out-dir pkg --out-name fbskit >/dev/null 2>pkg.log || { cat pkg.log >&2; rm -f pkg.log; exit 1; }
rm -f pkg.log
# The inspect module: built aside (wasm-pack writes a whole package), then only its module files kept.
rm -rf target/pkg-inspect
wasm-pack build --release --target web --out-dir target/pkg-inspect --out-name fbskit -- --features inspect >/dev/null 2>pkg.log || { cat pkg.log >&2; rm -f pkg.log; exit 1; }
rm -f pkg.log
mkdir -p pkg/inspect
cp target/pkg-inspect/fbskit.js target/pkg-inspect/fbskit.d.ts target/pkg-inspect/fbskit_bg.wasm target/pkg-inspect/fbskit_bg.wasm.d.ts pkg/inspect/


cp README.md pkg/README.md
node scripts/package.mjs
rm -f pkg/.gitignore
rm -rf www/pkg
mkdir -p www/pkg
cp pkg/*.js pkg/*.d.ts pkg/*.wasm pkg/package.json www/pkg/
raw=$(stat -c %s pkg/fbskit_bg.wasm)
gz=$(gzip -9 -c pkg/fbskit_bg.wasm | wc -c)
echo "pkg/fbskit_bg.wasm: $raw bytes, $gz gzipped"
