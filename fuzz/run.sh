#!/usr/bin/env bash
# Builds the claimex fuzz targets and runs each one in turn for SECONDS_PER_TARGET
# seconds (default 600), then prints one summary line per target.
#
#   bash fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`) and a nightly toolchain.
# A panic, a failed offset check, a hang (over 10 s on one input) or an input needing
# more than 2 GiB is a finding: libFuzzer keeps going (fork mode) and saves each one
# under fuzz/artifacts/TARGET/. The script exits 1 when any target found something.
# Replay one with `cargo +nightly fuzz run -O -a -s none TARGET fuzz/artifacts/TARGET/FILE`, shrink
# it with `cargo +nightly fuzz tmin -O -a -s none TARGET FILE`, and add it to
# tests/fuzz_inputs/, the regression folder: it holds the seeds and every crash input,
# seeds the fuzzers and is replayed by tests/fuzz_regressions.rs in `make test`.
#
# Environment: FUZZ_TOOLCHAIN (default nightly), FUZZ_SANITIZER (default none: the
# code under test is safe Rust, and without ASan the runs are about twice as fast; use
# address to also check the unsafe code of dependencies), FUZZ_JOBS (libFuzzer fork
# workers, default 1), FUZZ_MAX_LEN (longest input tried; default 4096 for the readers,
# 1024 for the stage targets, whose cost grows with the input: shorter inputs mean many
# more runs, and the offset bugs they look for are local). Run it under `nice -n 19` on
# a shared machine.
set -euo pipefail

SECONDS_PER_TARGET="${1:-600}"
shift || true
ALL_TARGETS=(read_jsonl read_file clean segment numbers number_parse claims)
if [ "$#" -gt 0 ]; then TARGETS=("$@"); else TARGETS=("${ALL_TARGETS[@]}"); fi
TOOLCHAIN="${FUZZ_TOOLCHAIN:-nightly}"
SANITIZER="${FUZZ_SANITIZER:-none}"
JOBS="${FUZZ_JOBS:-1}"
export RUST_BACKTRACE="${RUST_BACKTRACE:-1}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FUZZ="$ROOT/fuzz"
INPUTS="$ROOT/tests/fuzz_inputs"
cd "$ROOT"

if ! cargo "+$TOOLCHAIN" fuzz --version >/dev/null 2>&1; then
    echo "fuzz/run.sh: cargo-fuzz or the $TOOLCHAIN toolchain is missing:" >&2
    echo "  rustup toolchain install nightly && cargo install cargo-fuzz --locked" >&2
    exit 2
fi

# -O: optimised; -a: with debug assertions and overflow checks (Span::new's check).
# Built once, then the binaries are run directly: every target fuzzes the same build,
# even when src/ changes meanwhile.
BUILD_FLAGS=(-O -a --sanitizer "$SANITIZER")
echo "== building fuzz targets (${TARGETS[*]})"
cargo "+$TOOLCHAIN" fuzz build "${BUILD_FLAGS[@]}"
HOST="$(rustc "+$TOOLCHAIN" -vV | sed -n 's/^host: //p')"
BIN_DIR="$FUZZ/target/$HOST/release"

# Seeds: the sample corpus and tests/fuzz_inputs/*.txt (text targets),
# tests/fuzz_inputs/*.jsonl (JSONL reader), and for the file reader the text and HTML
# inputs behind the byte that picks the extension (0: .txt, 1: .html).
seed() {
    local target="$1" dir="$FUZZ/corpus/$1" file
    mkdir -p "$dir" "$FUZZ/artifacts/$target"
    case "$target" in
        read_jsonl) cp -f "$INPUTS"/*.jsonl "$dir"/ ;;
        read_file)
            for file in "$INPUTS"/*.txt "$ROOT"/fixtures/corpus/*.txt; do
                { printf '\000'; cat "$file"; } >"$dir/seed-$(basename "$file")"
            done
            for file in "$INPUTS"/*.html; do
                { printf '\001'; cat "$file"; } >"$dir/seed-$(basename "$file")"
            done ;;
        *) cp -f "$INPUTS"/*.txt "$ROOT"/fixtures/corpus/*.txt "$dir"/ ;;
    esac
}

SUMMARY=()
FOUND=0
for target in "${TARGETS[@]}"; do
    seed "$target"
    log="$FUZZ/artifacts/$target/fuzz.log"
    before="$(find "$FUZZ/artifacts/$target" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)"
    echo "== fuzzing $target for ${SECONDS_PER_TARGET}s (log: ${log#"$ROOT"/})"
    case "$target" in read_*) max_len="${FUZZ_MAX_LEN:-4096}" ;; *) max_len="${FUZZ_MAX_LEN:-1024}" ;; esac
    started=$(date +%s)
    set +e
    "$BIN_DIR/$target" -artifact_prefix="$FUZZ/artifacts/$target/" "$FUZZ/corpus/$target" \
        -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
        -dict="$FUZZ/claimex.dict" -fork="$JOBS" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        -print_final_stats=1 >"$log" 2>&1
    status=$?
    set -e
    elapsed=$(( $(date +%s) - started ))
    # libFuzzer's own time ("exiting: 0 time: 604s"), else the wall-clock time.
    fuzzed="$(grep -oE 'exiting: [0-9]+ time: [0-9]+s' "$log" | grep -oE '[0-9]+s$' | tr -d s | tail -1 || true)"
    [ -n "$fuzzed" ] && elapsed="$fuzzed"
    # Executions: fork mode reports "#N: cov: ..." lines; plain mode "Done N runs".
    runs="$(grep -oE '^#[0-9]+' "$log" | tr -d '#' | sort -n | tail -1 || true)"
    done_runs="$(grep -oE 'Done [0-9]+ runs' "$log" | grep -oE '[0-9]+' | tail -1 || true)"
    [ -n "$done_runs" ] && runs="$done_runs"
    crashes="$(find "$FUZZ/artifacts/$target" -type f -name 'crash-*' | wc -l)"
    timeouts="$(find "$FUZZ/artifacts/$target" -type f -name 'timeout-*' | wc -l)"
    ooms="$(find "$FUZZ/artifacts/$target" -type f -name 'oom-*' | wc -l)"
    new=$(( crashes + timeouts + ooms - before ))
    corpus="$(find "$FUZZ/corpus/$target" -type f | wc -l)"
    line="$(printf '%-13s %6ss %12s runs  %3s new findings (crash %s, timeout %s, oom %s in artifacts)  corpus %s  exit %s' \
        "$target" "$elapsed" "${runs:-?}" "$new" "$crashes" "$timeouts" "$ooms" "$corpus" "$status")"
    echo "$line"
    SUMMARY+=("$line")
    if [ "$new" -gt 0 ] || { [ "$status" -ne 0 ] && [ -z "$runs" ]; }; then FOUND=1; fi
done

echo
echo "== fuzz summary (${SECONDS_PER_TARGET}s per target)"
printf '%s\n' "${SUMMARY[@]}"
if [ "$FOUND" -ne 0 ]; then
    echo "findings under fuzz/artifacts/: minimise them and add them to tests/fuzz_inputs/" >&2
    exit 1
fi
