#!/usr/bin/env bash
# README's sample outputs, regenerated from the real commands so they cannot go stale.
#
# Each sample in README.md is a fenced block right after a marker line
# `<!-- sample: NAME -->`; this script runs the command behind each NAME and puts its
# output in that block.
#   scripts/readme_samples.sh            rewrite README.md
#   scripts/readme_samples.sh --check    exit 1 (with a diff) when README.md differs
# Environment: CLAIMEX (the binary; default target/release/claimex), SHARED (default
# ../shared). `make readme` rewrites; `tests/readme.rs` runs the check.
set -euo pipefail
cd "$(dirname "$0")/.."
claimex="${CLAIMEX:-target/release/claimex}"
ukraine="${SHARED:-../shared}/data/corpora/ukraine-2022.jsonl"
mode="${1:-write}"
case "$mode" in write | --check) ;; *) echo "usage: $0 [--check]" >&2; exit 2 ;; esac
[ -f "$ukraine" ] || { echo "$0: $ukraine is missing (the shared data)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
extract() { "$claimex" extract "$1" --no-ner --profile ukraine --threads 2 --no-progress -o "$2" 2>/dev/null; }
extract fixtures/corpus "$work/seeds.jsonl"
extract "$ukraine" "$work/ukraine.jsonl"

# The first N blank-line separated paragraphs of stdin.
paragraphs() { awk -v n="$1" 'BEGIN { RS = ""; ORS = "\n\n" } NR <= n' | sed '$ { /^$/d }'; }

samples="$work/samples"
mkdir "$samples"
"$claimex" compare --profile ukraine "$work/seeds.jsonl" 2>/dev/null | paragraphs 2 >"$samples/seeds-compare"
"$claimex" names "$work/ukraine.jsonl" --unmerged --top 10 >"$samples/ukraine-speakers-unmerged"
"$claimex" names "$work/ukraine.jsonl" --top 10 >"$samples/ukraine-speakers"

# README with every sample block replaced by the sample's output.
awk -v dir="$samples" '
    /^<!-- sample: [a-z0-9-]+ -->$/ { name = $3; print; skipping = 1; next }
    skipping == 1 && /^```/ { skipping = 2; next }
    skipping == 2 && /^```/ {
        file = dir "/" name
        print "```"
        if ((status = getline line < file) < 0) { print "no sample named " name > "/dev/stderr"; exit 1 }
        while (status > 0) { print line; status = getline line < file }
        close(file)
        print "```"
        skipping = 0
        next
    }
    skipping == 2 { next }
    { print }
' README.md >"$work/README.md"

if [ "$mode" = --check ]; then
    if ! diff -u README.md "$work/README.md"; then
        echo "README.md samples are stale: run make readme" >&2
        exit 1
    fi
else
    cp "$work/README.md" README.md
fi
