#!/usr/bin/env bash
# Fuzzes the session loader (tests/fuzz/fuzz_session.cpp) for SECONDS (default 60).
#
#   bash scripts/fuzz.sh [SECONDS]
#
# Builds fuzz_session in the asan preset's tree (clang, libFuzzer, AddressSanitizer and
# UndefinedBehaviorSanitizer; the core and ui libraries carry libFuzzer's coverage
# instrumentation), runs the seed corpus once through CTest (fuzz_session_corpus), then fuzzes
# from a fresh copy of tests/fuzz/corpus/session, so the corpus in the repository never changes.
# Exits non-zero on any crash, failed check, sanitizer report, leak or timeout; the input that
# caused it is kept in build/asan/fuzz-artifacts/ (replay: build/asan/tests/fuzz/fuzz_session
# FILE). Needs clang and libclang-rt-14-dev (scripts/setup.sh installs both).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || ((seconds < 1)); then
    echo "usage: scripts/fuzz.sh [SECONDS]" >&2
    exit 2
fi
build=build/asan
cmake --preset asan >/dev/null
cmake --build "$build" --target fuzz_session -j 2

export QT_QPA_PLATFORM=offscreen
# detect_stack_use_after_return would halve the executions per second; the asan test preset has it.
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

# The seed corpus alone, as every fuzzer build checks it.
ctest --test-dir "$build" -R '^fuzz_session_corpus$' --output-on-failure

corpus="$build/fuzz-corpus"
artifacts="$build/fuzz-artifacts"
rm -rf "$corpus" "$artifacts"
mkdir -p "$corpus" "$artifacts"
cp tests/fuzz/corpus/session/*.json "$corpus/"

echo "fuzz: fuzz_session for ${seconds} s from $(ls "$corpus" | wc -l) seed inputs"
status=0
"$build/tests/fuzz/fuzz_session" "$corpus" \
    -dict=tests/fuzz/session.dict \
    -max_total_time="$seconds" \
    -max_len=4096 \
    -timeout=10 \
    -rss_limit_mb=2048 \
    -print_final_stats=1 \
    -artifact_prefix="$artifacts/" || status=$?

if ((status != 0)) || [ -n "$(ls -A "$artifacts")" ]; then
    echo "fuzz: FAILED (exit status $status); inputs kept in $artifacts:" >&2
    ls -l "$artifacts" >&2
    exit 1
fi
echo "fuzz: no crash, no sanitizer report in ${seconds} s; corpus grew to $(ls "$corpus" | wc -l) inputs"
