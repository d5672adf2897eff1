#!/usr/bin/env bash
# Checks that every C++ file is formatted as .clang-format says, then runs clang-tidy
# (.clang-tidy at the root) on every source file of core/ and ui/; fails on any finding. Uses the
# tidy preset's compile database (clang++, no tests, no benchmarks).
#
#   bash scripts/tidy.sh
set -euo pipefail
cd "$(dirname "$0")/.."

tidy="$(command -v clang-tidy-14 || command -v clang-tidy || true)"
if [ -z "$tidy" ]; then
    echo "tidy: clang-tidy is not installed (bash scripts/setup.sh installs it)" >&2
    exit 2
fi

format="$(command -v clang-format-14 || command -v clang-format || true)"
if [ -z "$format" ]; then
    echo "tidy: clang-format is not installed (bash scripts/setup.sh installs it)" >&2
    exit 2
fi
mapfile -t all_cpp < <(git ls-files '*.cpp' '*.h')
if ! "$format" --dry-run --Werror "${all_cpp[@]}"; then
    echo "tidy: FAILED: run clang-format -i on the files above" >&2
    exit 1
fi
echo "tidy: ${#all_cpp[@]} C++ files formatted as .clang-format says"

cmake --preset tidy >/dev/null
# The window library's generated sources (moc, rcc) are included by its files.
cmake --build build/tidy --target couplinglab_ui_autogen -j 2 >/dev/null

mapfile -t sources < <(git ls-files 'core/*.cpp' 'ui/*.cpp')
echo "tidy: ${#sources[@]} files of core/ and ui/ with $("$tidy" --version | grep -o 'version [0-9.]*')"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
printf '%s\n' "${sources[@]}" |
    xargs -P 2 -n 1 "$tidy" -p build/tidy --quiet >"$log" 2>&1 || status=$?
if ((status != 0)) || grep -q "warning:\|error:" "$log"; then
    grep -v "^[0-9]* warnings generated\.$" "$log" >&2 || true
    echo "tidy: FAILED" >&2
    exit 1
fi
echo "tidy: clean"
