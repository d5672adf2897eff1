#!/usr/bin/env bash
# Builds and runs the tests under the sanitizers (CMake presets in CMakePresets.json):
#   asan  every test under AddressSanitizer + UndefinedBehaviorSanitizer
#   tsan  the threaded tests (label "threaded": worker, window, sweep, CLI runs) under
#         ThreadSanitizer
# Any report fails the test that made it, and so the stage.
#
#   bash scripts/sanitizers.sh [asan|tsan|all]    (default all)
set -euo pipefail
cd "$(dirname "$0")/.."

run_asan() {
    cmake --preset asan >/dev/null
    cmake --build --preset asan
    ctest --preset asan
}

run_tsan() {
    cmake --preset tsan >/dev/null
    cmake --build --preset tsan --target couplinglab_threaded_tests
    ctest --preset tsan
}

case "${1:-all}" in
    asan) run_asan ;;
    tsan) run_tsan ;;
    all) run_asan && run_tsan ;;
    *)
        echo "usage: scripts/sanitizers.sh [asan|tsan|all]" >&2
        exit 2
        ;;
esac
