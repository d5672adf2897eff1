#!/usr/bin/env bash
# Builds the release preset's benchmark programs and runs them: the figures of
# docs/performance.md. Run it on a quiet machine; nothing here is a pass/fail test.
#
#   bash scripts/bench.sh [sampler|data|sweep|history|gui|animation|all]    (default all)
set -euo pipefail
cd "$(dirname "$0")/.."

what="${1:-all}"
case "$what" in
    sampler | data | sweep | history | gui | animation | all) ;;
    *)
        echo "usage: scripts/bench.sh [sampler|data|sweep|history|gui|animation|all]" >&2
        exit 2
        ;;
esac

cmake --preset release >/dev/null
cmake --build --preset release --target bench_sampler bench_bit_data bench_sweep bench_history \
    bench_gui_latency couplinglab-cli
bench=build/release/bench
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ "$what" == sampler || "$what" == all ]]; then "$bench/bench_sampler"; fi
if [[ "$what" == data || "$what" == all ]]; then "$bench/bench_bit_data"; fi
if [[ "$what" == sweep || "$what" == all ]]; then "$bench/bench_sweep"; fi
if [[ "$what" == history || "$what" == all ]]; then "$bench/bench_history"; fi
# The CLI's animations of the default run (10 s at 15 frames a second): wall time, peak memory
# and the file's size for each kind and format.
if [[ "$what" == animation || "$what" == all ]]; then
    out=$(mktemp -d)
    for spec in "trajectory gif 960x540" "trajectory mp4 960x540" "trace gif 960x540" \
        "trace mp4 960x540" "grid gif 960x540" "grid mp4 960x540" "trace mp4 1920x1080" \
        "grid gif 1920x1080"; do
        read -r kind format size <<<"$spec"
        iteration=()
        if [[ "$kind" == trajectory ]]; then iteration=(--trajectory 2000); fi
        measured=$({ /usr/bin/time -f "%e s, %M KB peak" build/release/app/cli/couplinglab-cli \
            --quiet "${iteration[@]}" --animation "$kind" --animation-output "$out/a.$format" \
            --animation-size "$size" >/dev/null; } 2>&1 | tail -1)
        echo "animation $kind $format $size: $measured, $(stat -c %s "$out/a.$format") bytes"
    done
    rm -rf "$out"
fi
if [[ "$what" == gui || "$what" == all ]]; then
    QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" "$bench/bench_gui_latency"
fi
