#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors and runs every test through ctest.
# Exits non-zero on any failure. This is what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh ci
ctest --preset ci
