#!/usr/bin/env bash
# Builds the release preset's benchmark programs and runs them: the figures of
# docs/performance.md. Run it on a quiet machine; nothing here is a pass/fail test.
#
#   bash scripts/bench.sh [sampler|data|sweep|history|gui|all]    (default all)
set -euo pipefail
cd "$(dirname "$0")/.."

what="${1:-all}"
case "$what" in
    sampler | data | sweep | history | gui | all) ;;
    *)
        echo "usage: scripts/bench.sh [sampler|data|sweep|history|gui|all]" >&2
        exit 2
        ;;
esac

cmake --preset release >/dev/null
cmake --build --preset release --target bench_sampler bench_bit_data bench_sweep bench_history \
    bench_gui_latency
bench=build/release/bench
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ "$what" == sampler || "$what" == all ]]; then "$bench/bench_sampler"; fi
if [[ "$what" == data || "$what" == all ]]; then "$bench/bench_bit_data"; fi
if [[ "$what" == sweep || "$what" == all ]]; then "$bench/bench_sweep"; fi
if [[ "$what" == history || "$what" == all ]]; then "$bench/bench_history"; fi
if [[ "$what" == gui || "$what" == all ]]; then
    QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" "$bench/bench_gui_latency"
fi
