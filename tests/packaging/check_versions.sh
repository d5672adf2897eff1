#!/usr/bin/env bash
# check_versions.sh VERSION CLI GUI METAINFO CHANGELOG: the CMake project version VERSION
# (which is also the package's version) is what both programs' --version print, the newest
# release of the AppStream metadata and the newest entry of the Debian changelog.
set -euo pipefail
source "$(dirname "$0")/long_options.sh"
version="$1"
[[ "$version" =~ ^[0-9]+(\.[0-9]+)+$ ]] || fail "'$version' is not a version"

cli="$("$2" --version)"
[ "$cli" = "couplinglab-cli $version" ] || fail "couplinglab-cli --version says '$cli', not $version"
gui="$(QT_QPA_PLATFORM=offscreen "$3" --version 2>/dev/null)"
[ "$gui" = "Coupling Lab $version" ] || fail "couplinglab --version says '$gui', not $version"

release="$(grep -m 1 -oE '<release version="[^"]*"' "$4" | cut -d'"' -f2)"
[ "$release" = "$version" ] || fail "$4: newest release is '$release', not $version"

entry="$(head -n 1 "$5")"
[[ "$entry" == "couplinglab ($version) "* ]] || fail "$5: newest entry is '$entry', not $version"
echo "version $version everywhere"
