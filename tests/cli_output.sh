#!/bin/sh
# Output the tool could not write is an error, never a silent loss: a full
# device, a closed standard output, a pipe whose reader has gone (with
# SIGPIPE ignored, as a parent process may leave it) must each give exit
# status 2 and one line "hyperdual: error: ..." on stderr, whatever the
# command (coreutils' close_stdout rule).
. "${top_srcdir:-.}/tests/cli_common.sh"

# lost DESCRIPTION: the last run ($rc, $err) must report the loss
lost() {
    checks=$((checks + 1))
    if [ "$rc" -ne 2 ]; then fail "exit status $rc, expected 2: $1"; return; fi
    grep -q '^hyperdual: error: .*standard output' "$err" || fail "no error on stderr: $1"
}

# full ARGS...: run with stdout on /dev/full
full() {
    timeout 60 "$H" "$@" >/dev/full 2>"$err"
    rc=$?
    : >"$out"
    lost ">/dev/full: $*"
}

# closed ARGS...: run with stdout closed
closed() {
    timeout 60 "$H" "$@" >&- 2>"$err"
    rc=$?
    : >"$out"
    lost ">&-: $*"
}

if [ -w /dev/full ]; then
    full eval x --at x=1
    full eval x --at x=1 --json
    full minimize 'x^2' --from x=1 --json
    full minimize 'x^2' --from x=1 --method all
    full minimize --problem rosenbrock
    full limit 't^3' --at t=1
    full problems
    full problems --json
    full functions
    full --help
    full --version
    full eval --help
    full minimize --help
else
    echo "/dev/full not found: full-device cases not checked"
fi
closed eval x --at x=1
closed minimize 'x^2' --from x=1 --json
closed functions
closed --help
closed problems

# With stdout closed, the trace file must not become standard output (the
# first file opened takes the lowest free descriptor, 1): the table may not
# land in the CSV.
closed minimize 'x^2' --from x=1 --trace "$tmp/t.csv"
checks=$((checks + 1))
if grep -q 'method *status' "$tmp/t.csv" 2>/dev/null || grep -qv '^[a-z_-]*,' "$tmp/t.csv" 2>/dev/null; then
    fail "the table went into the trace file"
fi

# A large output (eval of 100 variables: a dense 100 x 100 Hessian of long
# decimals, about 200 KB, more than a pipe holds) into a pipe whose reader
# exits at once, with SIGPIPE ignored: every write fails with EPIPE.
vars=$(awk 'BEGIN { for (i = 1; i <= 100; i++) printf "%sx%d=0.%d", (i > 1 ? "," : ""), i, 1000 + i }')
expr="exp(0.01*($(awk 'BEGIN { for (i = 1; i <= 100; i++) printf "%sx%d", (i > 1 ? "+" : ""), i }')))"
for fmt in "" --json; do
    checks=$((checks + 1))
    { (trap '' PIPE; timeout 60 "$H" eval "$expr" --at "$vars" $fmt 2>"$err"; echo $? >"$tmp/rc") | true; }
    rc=$(cat "$tmp/rc")
    lost "closed pipe, SIGPIPE ignored: eval of 100 variables $fmt"
done
# the same output, read whole, is fine (the test's own check)
checks=$((checks + 1))
timeout 60 "$H" eval "$expr" --at "$vars" >"$out" 2>"$err" && [ "$(wc -c <"$out")" -gt 150000 ] \
    || fail "eval of 100 variables: exit status or size ($(wc -c <"$out") bytes) not as the pipe cases need"

echo "$checks checks, $failures failed"
[ "$failures" -eq 0 ]
