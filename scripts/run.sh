#!/usr/bin/env bash
# Installs what is missing, builds the release preset and starts Coupling Lab.
# Arguments are passed to the application.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh release
if [ -x build/release/app/gui/couplinglab ]; then
    exec build/release/app/gui/couplinglab "$@"
fi
# Until the window is built, the command line's default demo.
exec build/release/app/cli/couplinglab-cli "$@"
