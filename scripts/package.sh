#!/usr/bin/env bash
# Makes the Debian package couplinglab_<version>_<arch>.deb with CPack and checks it with
# lintian. Usage: scripts/package.sh [PRESET] (default: package, a release build without tests
# or benchmarks in build/package; CI passes `ci` to reuse the tree its tests built). Prints
# the package's path on the last line. Any lintian error or warning fails the run; the
# info-level tags that remain are explained in docs/packaging.md.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-package}"
bash scripts/setup.sh
cmake --preset "$preset" >/dev/null
build="build/$preset"  # every preset's binaryDir
# Only what the package holds (a tree with tests need not build them for this); cpack builds
# nothing with Ninja: it installs into its staging folder, strips, runs dpkg-shlibdeps and
# writes the .deb.
cmake --build --preset "$preset" --target couplinglab couplinglab-cli couplinglab_install_files
rm -f "$build"/couplinglab_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
deb="$(ls "$build"/couplinglab_*.deb)"

echo "package: $deb"
dpkg-deb --field "$deb"
lintian --fail-on error,warning --display-info "$deb"
echo "$deb"
