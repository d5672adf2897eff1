# Sourced by the checks.

# long_options PROGRAM: the long options that PROGRAM --help lists (lines "  --name ..." or
# "  -x, --name ..."), one a line, sorted, without repeats.
long_options() {
    "$1" --help | grep -oE -- '^  (-[A-Za-z], )?--[a-z][a-z0-9-]*' | grep -oE -- '--[a-z0-9-]+$' |
        sort -u
}

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
