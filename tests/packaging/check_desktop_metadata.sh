#!/usr/bin/env bash
# check_desktop_metadata.sh FILE.desktop FILE.metainfo.xml: desktop-file-validate and
# `appstreamcli validate --no-net` accept both files without any error, warning or hint
# (an info-level hint such as "more than one main category" counts as a failure too), and
# the menu entry is in Education.
set -euo pipefail
source "$(dirname "$0")/long_options.sh"
desktop="$1"
metainfo="$2"
for tool in desktop-file-validate appstreamcli; do
    command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/setup.sh installs it)"
done

report="$(desktop-file-validate "$desktop" 2>&1)" || fail "desktop-file-validate: $report"
[ -z "$report" ] || fail "desktop-file-validate: $report"
grep -qE '^Categories=(.*;)?Education;' "$desktop" || fail "$desktop is not in Education"

report="$(appstreamcli validate --no-net --no-color "$metainfo" 2>&1)" ||
    fail "appstreamcli validate: $report"
# Pedantic notes (P:) are not shown without --pedantic; anything else is a finding.
if grep -qE '^ *[EWI]: ' <<<"$report"; then fail "appstreamcli validate: $report"; fi
echo "$desktop and $metainfo validate cleanly"
