#!/usr/bin/env bash
# check_bash_completion.sh CLI COMPLETION: completes command lines the way bash does on Tab
# (bash-completion's library, then the generated file) and checks that
#  - `couplinglab-cli --` and `couplinglab-cli ` offer exactly the long options of --help;
#  - after an option with listed values (--likelihood potential|boltzmann), as
#    `--option ` and as `--option=`, exactly those values are offered, and a prefix narrows
#    them;
#  - after --output FILE.csv only .csv files and folders, after --plots DIR only folders,
#    after --pairs N nothing;
#  - after a value, options are offered again.
set -euo pipefail
source "$(dirname "$0")/long_options.sh"
cli="$1"
completion="$2"
library=/usr/share/bash-completion/bash_completion
[ -r "$library" ] || fail "$library is missing (Debian package bash-completion)"
[ -s "$completion" ] || fail "$completion is missing or empty"
# bash_completion reads unset variables and returns non-zero from inside its functions.
set +eu
source "$library"
source "$completion"
set -u

# complete LINE: what Tab offers at the end of `couplinglab-cli LINE`, sorted, one a line.
# The words are split as bash splits them for completion: at blanks, and '=' is a word of its
# own (COMP_WORDBREAKS); a line that ends in a blank has an empty word under the cursor.
complete() {
    COMP_LINE="couplinglab-cli $1"
    COMP_POINT=${#COMP_LINE}
    read -ra COMP_WORDS <<<"${COMP_LINE//=/ = }"
    if [[ "$COMP_LINE" == *" " ]]; then COMP_WORDS+=(""); fi
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _couplinglab_cli couplinglab-cli "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    if ((${#COMPREPLY[@]})); then printf '%s\n' "${COMPREPLY[@]}" | sort; fi
}

# expect WANTED LINE
expect() {
    local got
    got="$(complete "$2")"
    [ "$got" = "$1" ] || fail "completing '$2': wanted [${1//$'\n'/ }], got [${got//$'\n'/ }]"
}

options="$(long_options "$cli")"
expect "$options" "--"
expect "$options" " "
expect "$options" "--json --"
expect "$options" "--pairs 100 --"
expect "$(grep -- '^--p' <<<"$options")" "--p"

# Options with listed values, read from --help: "  --name a|b|c".
enumerated="$("$cli" --help | grep -oE -- '^  --[a-z0-9-]+ [a-z0-9]+(\|[a-z0-9]+)+')"
[ "$(wc -l <<<"$enumerated")" -ge 3 ] || fail "found fewer than three options with listed values"
while read -r option values; do
    listed="$(tr '|' '\n' <<<"$values" | sort)"
    expect "$listed" "$option "
    expect "$listed" "$option="
    first="$(head -n 1 <<<"$listed")"
    expect "$first" "$option ${first:0:2}"
    expect "$first" "$option=${first:0:2}"
done <<<"$enumerated"

folder="$(mktemp -d)"
trap 'rm -rf "$folder"' EXIT
mkdir "$folder/plots"
touch "$folder/draws.csv" "$folder/notes.txt"
cd "$folder"
expect $'draws.csv\nplots' "--output "
expect $'draws.csv\nplots' "--output="
expect "plots" "--plots "
expect "" "--pairs "
expect "" "--pairs="
echo "completion of $(wc -l <<<"$options") options and $(wc -l <<<"$enumerated") value lists agrees with --help"
