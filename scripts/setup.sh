#!/usr/bin/env bash
# Installs everything the build and the tests need, idempotently, from the package registries only
# (crates.io, npm, Debian apt). A warm machine skips every step. See ../shared/reference/toolchain.md.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    say "apt: ${missing[*]}"
    local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}
apt_install build-essential pkg-config chromium chromium-driver

rustup target list --installed | grep -qx wasm32-unknown-unknown || {
  say "rustup: wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
}
rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed | grep -q '^clippy' || rustup component add clippy

# wasm-bindgen's CLI must be exactly the library version in Cargo.lock.
[ -f Cargo.lock ] || cargo generate-lockfile
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
  say "cargo install wasm-bindgen-cli $bindgen_version"
  # Without --locked: its lockfile pins a webpki-roots the registry lacks.
  cargo install --force --quiet wasm-bindgen-cli --version "$bindgen_version"
fi
wasm_pack_version=0.15.1
if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}')" != "$wasm_pack_version" ]; then
  say "cargo install wasm-pack $wasm_pack_version"
  cargo install --force --quiet --locked wasm-pack --version "$wasm_pack_version"
fi

# npm tooling (wasm-opt from binaryen@132, playwright-core, workerd, benchmark peers), from the lockfile.
if [ ! -d tests/node_modules ] || [ tests/package-lock.json -nt tests/node_modules/.package-lock.json ]; then
  say "npm ci (tests/)"
  (cd tests && npm ci --no-audit --no-fund --loglevel=error)
fi
say "ready: $(wasm-bindgen --version), $(wasm-pack --version), node $(node --version)"
