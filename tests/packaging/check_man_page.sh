#!/usr/bin/env bash
# check_man_page.sh PROGRAM PAGE.1.gz: the man page generated from PROGRAM's --help names
# every long option that --help names, is titled with the program's name and carries the
# version that PROGRAM --version prints.
set -euo pipefail
source "$(dirname "$0")/long_options.sh"
program="$1"
page="$2"
name="$(basename "$program")"
[ -s "$page" ] || fail "$page is missing or empty"

# The page's text with roff's escapes for '-', fonts and italic corrections taken out.
text="$(zcat "$page" | sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\[,\/]//g')"

options="$(long_options "$program")"
[ "$(wc -l <<<"$options")" -ge 3 ] || fail "$name --help names fewer than three long options"
missing=0
while read -r option; do
    if ! grep -qF -- "$option" <<<"$text"; then
        echo "FAIL: $page does not mention $option" >&2
        missing=1
    fi
done <<<"$options"
[ "$missing" -eq 0 ] || exit 1

version="$("$program" --version | grep -oE '[0-9]+(\.[0-9]+)+' | tail -n 1)"
title="$(grep -m 1 '^\.TH ' <<<"$text")"
upper="$(tr '[:lower:]' '[:upper:]' <<<"$name")"
[[ "$title" == ".TH ${upper} \"1\" "*"\"${name} ${version}\""* ]] ||
    fail "$page is titled '$title', not $upper(1) of $name $version"
grep -qx "${name} - .*" <<<"$text" || fail "$page has no NAME line for $name"
echo "$page: $(wc -l <<<"$options") long options, $name $version"
