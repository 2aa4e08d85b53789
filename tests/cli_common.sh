# Sourced by the tests of the `hyperdual` tool: the binary, a scratch
# directory removed on exit, and the failure report. The sourcing script
# counts its checks in $checks.
set -u
H="${top_builddir:-.}/cli/hyperdual"
tmp="${TMPDIR:-/tmp}/hd_cli_test.$$"
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
out="$tmp/out" err="$tmp/err"
checks=0 failures=0

# fail MESSAGE: count a failure and show what the tool printed
fail() {
    failures=$((failures + 1))
    echo "FAIL [$checks] $*"
    sed 's/^/    stdout: /' "$out" | head -n 6
    sed 's/^/    stderr: /' "$err" | head -n 4
}

# expect STATUS ARGS...: run the tool, require that exit status
expect() {
    want=$1
    shift
    checks=$((checks + 1))
    timeout 60 "$H" "$@" >"$out" 2>"$err"
    rc=$?
    [ "$rc" -eq "$want" ] || fail "exit status $rc, expected $want: $*"
}

# has TEXT: stdout contains TEXT
has() {
    checks=$((checks + 1))
    grep -qF -- "$1" "$out" || fail "output lacks '$1'"
}

# line REGEX: some line of stdout matches the extended REGEX
line() {
    checks=$((checks + 1))
    grep -Eq -- "$1" "$out" || fail "no output line matches '$1'"
}

# refused ARGS...: exit 2, nothing on stdout, one error line on stderr
refused() {
    expect 2 "$@"
    checks=$((checks + 1))
    [ ! -s "$out" ] || fail "refused, yet printed on stdout: $*"
    checks=$((checks + 1))
    [ "$(wc -l <"$err")" -eq 1 ] && grep -q '^hyperdual: error: ' "$err" || fail "not one error line: $*"
}
