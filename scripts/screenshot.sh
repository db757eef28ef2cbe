#!/usr/bin/env bash
# Screenshot of a claimex HTML report with headless Chromium (Debian package `chromium`,
# installed by `make chromium`).
#   scripts/screenshot.sh report.html report.png [WIDTHxHEIGHT]
set -euo pipefail
if [ $# -lt 2 ]; then
    echo "usage: $0 REPORT.html OUT.png [WIDTHxHEIGHT]" >&2
    exit 2
fi
page="$(realpath "$1")"
out="$(realpath -m "$2")"
size="${3:-1100x2400}"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --virtual-time-budget=3000 --user-data-dir="$profile" \
    --window-size="${size/x/,}" --screenshot="$out" "file://$page" 2>/dev/null
echo "$out"
