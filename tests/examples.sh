#!/bin/sh
# Run each example and check the numbers it prints against values known from
# mathematics, computed here in awk (3 + 3dt + dt^2, 2xh + h^2, the chain rule
# by hand, analytic minima), never against a saved copy of the output.
# Usage: examples.sh [NAME...]   (default: every example)
set -u
: "${top_builddir:=.}"
out=$(mktemp -d "${TMPDIR:-/tmp}/hd-examples.XXXXXX") || exit 99
trap 'rm -rf "$out"' EXIT
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# run NAME: run examples/NAME into $out/NAME; a crash or non-zero exit fails.
run() {
    prog="$top_builddir/examples/$1"
    if [ ! -x "$prog" ]; then fail "$1: $prog not built"; return 1; fi
    if ! "$prog" >"$out/$1" 2>"$out/$1.err"; then
        fail "$1 exited with status $? ($(head -c 300 "$out/$1.err"))"; return 1
    fi
    return 0
}

# check NAME AWK-PROGRAM: the awk program reads the output, prints one line
# per problem found and must print "checked N" with N > 0 at the end.
check() {
    name=$1; shift
    result=$(awk "$@" "$out/$name") || { fail "$name: awk failed"; return; }
    printf '%s\n' "$result" | grep -v '^checked ' | while IFS= read -r line; do
        [ -n "$line" ] && echo "FAIL: $name: $line"
    done
    if printf '%s\n' "$result" | grep -qv '^checked '; then failures=$((failures + 1)); fi
    n=$(printf '%s\n' "$result" | sed -n 's/^checked //p')
    if [ -z "$n" ] || [ "$n" -eq 0 ]; then fail "$name: nothing checked (output format changed?)"; fi
    echo "$name: ${n:-0} numbers checked"
}

# Shared awk helpers: near(a, b, tol) is a relative-or-absolute comparison.
AWKLIB='
function abs(v) { return v < 0 ? -v : v }
function near(a, b, tol) { return abs(a - b) <= tol * (1 + abs(b)) }
function want(cond, what) { n++; if (!cond) print what }
END { print "checked " n }
'

check_limit() {
    run limit || return
    check limit "$AWKLIB"'
    # forward quotients: exactly 3 + 3dt + dt^2 in real arithmetic; round-off
    # grows like 1e-16/dt, so check to 1e-9 while dt >= 1e-4
    $1 ~ /^[0-9.e+-]+$/ && NF == 4 && $1 + 0 >= 1e-4 {
        dt = $1 + 0
        want(near($2, 3 + 3 * dt + dt * dt, 1e-9), "quotient at dt=" dt " is " $2)
        rows++
    }
    $1 == "1" && NF == 4      { want($2 == "7", "dt=1 should give 7, got " $2) }
    $1 == "0.1" && NF == 4    { want($2 == "3.31", "dt=0.1 should give 3.31, got " $2) }
    $1 == "0.01" && NF == 4   { want($2 == "3.0301", "dt=0.01 should give 3.0301, got " $2) }
    $1 == "0.001" && NF == 4  { want($2 == "3.003001", "dt=0.001 should give 3.003001, got " $2) }
    # 1 + 1e-16 rounds to 1 (1e-16 < 2^-53), so the quotient is exactly 0
    $1 == "1e-16" && NF == 4  { want($2 + 0 == 0, "dt=1e-16 should give 0 (1 + dt == 1), got " $2); tiny = 1 }
    /^exact from one dual pass/ { want($NF + 0 == 3, "dual derivative should be exactly 3, got " $NF); dual = 1 }
    # hyper-dual table: t, s, s'"'"', 3t^2, s'"'"''"'"', 6t
    /^hyper-dual pass/ { hyper = 1; next }
    hyper && $1 ~ /^-?[0-9.]+$/ && NF == 6 {
        t = $1 + 0
        want($2 + 0 == t * t * t, "s(" t ") = " $2)
        want($3 + 0 == 3 * t * t, "s'"'"'(" t ") = " $3)
        want($5 + 0 == 6 * t, "s'"'"''"'"'(" t ") = " $5)
        hrows++
    }
    END {
        want(rows == 5, "expected 5 quotient rows with dt >= 1e-4, saw " rows)
        want(tiny, "no dt = 1e-16 row"); want(dual, "no exact dual line")
        want(hrows >= 5, "expected >= 5 hyper-dual rows, saw " hrows)
    }'
}

check_nudge() {
    run nudge || return
    check nudge "$AWKLIB"'
    /^f\(x\) = x\^2 at x = 3/ { want($NF + 0 == 9, "f(3) = " $NF) }
    /^nudge h/ { tab = 1; next }
    tab && NF == 4 && $1 ~ /^[0-9.e-]+$/ {
        h = $1 + 0                      # (3 + h)^2 - 9 = 6h + h^2
        want(near($2, 6 * h + h * h, 1e-9), "change for h=" h " is " $2)
        want(near($3, 6 + h, 1e-9), "rate for h=" h " is " $3)
        want(near($4, 6 * h, 1e-12), "f'"'"'(3)h for h=" h " is " $4)
        if (h == 0.001) { want($2 == "0.006001", "h=0.001 should change f by 0.006001, got " $2); seen++ }
        rows++
    }
    /^$/ { tab = 0 }
    /^exact rate/ { want($NF + 0 == 6, "f'"'"'(3) should be 6, got " $NF) }
    /^which way/ { way = 1; next }
    way && NF >= 5 && $1 ~ /^-?[0-9.]+$/ {
        x = $1 + 0
        want($2 + 0 == 2 * x, "f'"'"'(" x ") = " $2)
        dir = (x > 0) ? "up" : (x < 0) ? "down" : "flat"
        want(index($0, dir) > 0, "direction at x=" x " should be " dir)
        want(near($(NF), 2 * x * 0.01 + 0.0001, 1e-6), "actual change at x=" x " is " $(NF))
        wrows++
    }
    /^going downhill/ { way = 0 }
    /^step [0-9]+:/ {                   # x_k = 3 / 2^k
        k = $2 + 0; xk = 3 / 2 ^ k
        want(near($5, xk, 1e-12), "step " k ": x = " $5 ", expected " xk)
        steps++
    }
    END {
        want(rows == 5 && seen == 1, "nudge table incomplete")
        want(wrows == 4, "direction table incomplete"); want(steps == 6, "downhill steps incomplete")
    }'
}

check_rules() {
    run rules || return
    check rules "$AWKLIB"'
    # the dual column of each building block, by the textbook rule (x = 1.5)
    function blk(expr, v, d) { if ($1 " " $2 " " $3 == expr || $1 == expr) {
        want(near($(NF - 3), v, 1e-9), expr " value " $(NF - 3) " expected " v)
        want(near($(NF - 2), d, 1e-9), expr " derivative " $(NF - 2) " expected " d)
        blocks++ } }
    BEGIN { x = 1.5 }
    /agree|DIFFERENT/ && !/^by hand/ {
        want($NF == "agree", "row disagrees: " $0)
        blk("x + 2", x + 2, 1); blk("x * x", x * x, 2 * x); blk("5 * x", 5 * x, 5)
        blk("x / 4", x / 4, 0.25); blk("x^3", x ^ 3, 3 * x ^ 2)
        blk("2^x", 2 ^ x, 2 ^ x * log(2)); blk("exp(x)", exp(x), exp(x))
        blk("log(x)", log(x), 1 / x)
        blk("relu(-1)", 0, 0); blk("relu(0)", 0, 0); blk("relu(2)", 2, 1)
    }
    # chain rule, by hand: f = log(1 + e), e = exp(sin(x^2))
    /^u5 = log/ { e = exp(sin(x * x)); want(near($NF, e * cos(x * x) * 2 * x / (1 + e), 1e-9), "chain: " $NF) }
    /^hd_gradient:/ {
        e = exp(sin(x * x)); sub(/,$/, "", $4)
        want(near($4, log(1 + e), 1e-14), "f(1.5) = " $4)
        want(near($NF, e * cos(x * x) * 2 * x / (1 + e), 1e-14), "f'"'"'(1.5) = " $NF)
        grad = 1
    }
    END { want(blocks == 11, "expected 11 building blocks, saw " blocks); want(grad, "no hd_gradient line") }'
}

if [ $# -eq 0 ]; then set -- limit nudge rules; fi
for ex in "$@"; do "check_$ex"; done
[ "$failures" -eq 0 ]
