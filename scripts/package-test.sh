#!/usr/bin/env bash
# Builds the Debian package from a build tree (default: ci, which the tests stage of .ci/run
# has built), installs it with apt, checks that the programs run from /usr/bin, and removes
# it again. Needs root (or sudo). Usage: scripts/package-test.sh [PRESET]
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-ci}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

fail() {
    echo "package-test: FAIL: $*" >&2
    exit 1
}

deb="$(bash scripts/package.sh "$preset" | tail -n 1)"
[ -f "$deb" ] || fail "scripts/package.sh made no package"
version="$(dpkg-deb --field "$deb" Version)"

DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "./$deb" >/dev/null
removed=0
remove() {
    if [ "$removed" -eq 0 ]; then
        DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -qq couplinglab >/dev/null
        removed=1
    fi
}
work="$(mktemp -d)"
trap 'remove; rm -rf "$work"' EXIT

for program in couplinglab couplinglab-cli; do
    [ "$(command -v "$program")" = "/usr/bin/$program" ] || fail "$program is not /usr/bin/$program"
done
[ "$(/usr/bin/couplinglab-cli --version)" = "couplinglab-cli $version" ] ||
    fail "couplinglab-cli --version says '$(/usr/bin/couplinglab-cli --version)', the package $version"

# A short run: 200 warmup iterations and draws on 2 chains, the summary as JSON.
/usr/bin/couplinglab-cli --warmup 200 --draws 200 --chains 2 --json --quiet >"$work/summary.json" ||
    fail "the sampling run failed"
grep -q '"program": *"couplinglab-cli"' "$work/summary.json" || fail "no summary: $(head -c 300 "$work/summary.json")"
grep -q "\"version\": *\"$version\"" "$work/summary.json" || fail "the summary's version is not $version"
grep -q '"draws": *400' "$work/summary.json" || fail "the summary does not count 400 draws"

# The window, offscreen, sampling for 2 s: `timeout` ends it (status 124); any other status,
# a crash or an early exit, fails.
status=0
QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$work" timeout 2 /usr/bin/couplinglab --start \
    --settings "$work/settings.ini" 2>"$work/window.log" || status=$?
[ "$status" -eq 124 ] || fail "the window exited with status $status before 2 s: $(cat "$work/window.log")"

remove
[ ! -e /usr/bin/couplinglab ] && [ ! -e /usr/bin/couplinglab-cli ] || fail "apt-get remove left the programs"
echo "package-test: $deb ($version) installs, runs from /usr/bin and is removed"
