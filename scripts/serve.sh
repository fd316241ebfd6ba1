#!/usr/bin/env bash
# The main job: installs what is missing, builds the package into www/pkg/ and serves www/ on
# http://127.0.0.1:8080 (PORT=... to change).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
exec node scripts/serve.mjs www "${PORT:-8080}"
