#!/usr/bin/env bash
# Screenshot of `claimex serve`'s page with the seed stories extracted and compared:
# starts the server on a free port, drives the page in headless Chromium (Debian package
# `chromium`; Playwright from tests/web, installed by `make web-test` or `npm ci` there)
# and writes the PNG.
#   scripts/serve_screenshot.sh [OUT.png] [SEEDS_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(realpath -m "${1:-out/serve.png}")"
seeds="$(realpath "${2:-$root/fixtures/corpus}")"
claimex="$(realpath "${CLAIMEX:-$root/target/release/claimex}")"
cd "$root"
[ -d tests/web/node_modules ] || (cd tests/web && npm ci --no-audit --no-fund)
node tests/web/serve_page.mjs --screenshot-only --claimex "$claimex" --seeds "$seeds" --screenshot "$out"
