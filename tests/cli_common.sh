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
