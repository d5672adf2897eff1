#!/usr/bin/env bash
# check_install_tree.sh BUILD_DIR: `cmake --install` of the build tree under /usr places
# exactly the files of the package (both programs, menu entry, icons, metadata, man pages,
# completion, copyright and changelog; no test or benchmark), the programs carry no RUNPATH
# and run from there, and `appstreamcli validate-tree` accepts the tree (metadata, menu entry and icon together).
set -euo pipefail
source "$(dirname "$0")/long_options.sh"
build="$1"
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
DESTDIR="$root" cmake --install "$build" --prefix /usr >/dev/null

wanted="usr/bin/couplinglab
usr/bin/couplinglab-cli
usr/share/applications/couplinglab.desktop
usr/share/bash-completion/completions/couplinglab-cli
usr/share/doc/couplinglab/changelog.gz
usr/share/doc/couplinglab/copyright
$(for size in 16 24 32 48 64 128 256; do
    echo "usr/share/icons/hicolor/${size}x${size}/apps/couplinglab.png"
done)
usr/share/icons/hicolor/scalable/apps/couplinglab.svg
usr/share/man/man1/couplinglab-cli.1.gz
usr/share/lintian/overrides/couplinglab
usr/share/man/man1/couplinglab.1.gz
usr/share/metainfo/io.github.couplinglab.CouplingLab.metainfo.xml"
got="$(cd "$root" && find . -type f -o -type l | sed 's|^\./||' | LC_ALL=C sort)"
wanted="$(LC_ALL=C sort <<<"$wanted")"
if [ "$got" != "$wanted" ]; then
    diff <(echo "$wanted") <(echo "$got") >&2 || true
    fail "the installed files differ from the package's list (< wanted, > installed)"
fi

for size in 16 24 32 48 64 128 256; do
    png="$root/usr/share/icons/hicolor/${size}x${size}/apps/couplinglab.png"
    file "$png" | grep -q "PNG image data, $size x $size," || fail "$png: $(file -b "$png")"
done
for program in couplinglab couplinglab-cli; do
    if readelf -d "$root/usr/bin/$program" | grep -qE 'R(UN)?PATH'; then
        fail "the installed $program has a library search path: $(readelf -d "$root/usr/bin/$program" | grep -E 'R(UN)?PATH')"
    fi
done
"$root/usr/bin/couplinglab-cli" --version | grep -q '^couplinglab-cli ' ||
    fail "the installed couplinglab-cli does not run"

report="$(appstreamcli validate-tree --no-net --no-color "$root" 2>&1)" ||
    fail "appstreamcli validate-tree: $report"
if grep -qE '^ *[EWI]: ' <<<"$report"; then fail "appstreamcli validate-tree: $report"; fi
echo "cmake --install places the $(wc -l <<<"$got") files of the package"
