#!/bin/sh
# Malformed input to the `hyperdual` tool: every case must exit with status 2
# and report in the contract's format,
#     hyperdual: error: <what> at column <N>
#     <the text>
#     <a caret under column N>
# (or the first line alone, without " at column", where no column applies),
# and none may crash or hang (each run is under `timeout`). The expected
# columns were worked out by hand from each input. A few valid inputs close
# to the errors (division by zero, a leading minus, a 1 MiB expression) must
# succeed.
. "${top_srcdir:-.}/tests/cli_common.sh"

# run [--stdin FILE] ARGS...: the tool's exit status in $rc
run() {
    input=/dev/null
    if [ "${1-}" = --stdin ]; then input=$2; shift 2; fi
    timeout 30 "$H" "$@" <"$input" >"$out" 2>"$err"
    rc=$?
}

# bad COLUMN [--stdin FILE] ARGS...: exit 2 and the error format; COLUMN "-"
# means a one-line error without a column, "?" any column. The caret must sit
# under the column (inside the window, when a long text is echoed as one).
bad() {
    col=$1
    shift
    checks=$((checks + 1))
    run "$@"
    if [ "$rc" -ne 2 ]; then fail "exit status $rc, expected 2: $*"; return; fi
    first=$(head -n 1 "$err")
    nlines=$(wc -l <"$err")
    case $first in
    "hyperdual: error: "?*) ;;
    *) fail "first line not in the contract's format: $*"; return ;;
    esac
    if [ "$col" = - ]; then
        case $first in *" at column "[0-9]*) fail "unexpected column: $*"; return ;; esac
        [ "$nlines" -eq 1 ] || fail "expected one line, got $nlines: $*"
        return
    fi
    [ "$nlines" -eq 3 ] || { fail "expected 3 lines, got $nlines: $*"; return; }
    got=$(printf '%s\n' "$first" | sed -n 's/.* at column \([0-9][0-9]*\)$/\1/p')
    [ -n "$got" ] || { fail "no column in the message: $*"; return; }
    caret=$(sed -n 3p "$err")
    case $caret in *[!\ ^]* | "" ) fail "third line is not a caret line: $*"; return ;; esac
    pos=$(printf '%s' "$caret" | awk '{ print index($0, "^") }')
    [ "$col" = "?" ] || [ "$got" = "$col" ] || { fail "column $got, expected $col: $*"; return; }
    case $(sed -n 2p "$err") in
    ...*)   # a long text is echoed as a window around the column
        len=$(sed -n 2p "$err" | awk '{ print length($0) }')
        [ "$pos" -gt 3 ] && [ "$pos" -le $((len + 1)) ] || fail "caret outside the echoed window: $*" ;;
    *)
        [ "$pos" = "$got" ] || fail "caret under column $pos, expected $got: $*" ;;
    esac
}

# good [--stdin FILE] ARGS...: exit 0
good() {
    checks=$((checks + 1))
    run "$@"
    [ "$rc" -eq 0 ] || fail "exit status $rc, expected 0: $*"
}

at="--at"
# ---- syntax ------------------------------------------------------------------
bad 4 eval 'x +' $at x=1
bad 1 eval '* x' $at x=1
bad 5 eval 'x * * y' $at x=1,y=2
bad 3 eval 'x y' $at x=1,y=2
bad 1 eval '2x' $at x=1
bad 1 eval '1.2.3'
bad 1 eval '1e'
bad 3 eval 'x+1e+' $at x=1
bad 1 eval '.'
bad 4 eval 'x ^' $at x=1
bad 6 eval 'x ** * y' $at x=1,y=1
bad 1 eval '(x' $at x=1
bad 2 eval 'x)' $at x=1
bad 1 eval '((x)' $at x=1
bad 4 eval '(x))' $at x=1
bad 2 eval '()'
bad 5 eval 'sin()'
bad 6 eval 'sin(x,)' $at x=1
bad 5 eval 'sin(,x)' $at x=1
bad 8 eval 'atan2(x)' $at x=1
bad 8 eval 'pow(x,y,z)' $at x=1,y=1,z=1
bad 1 eval 'foo(x)' $at x=1
bad 1 eval 'sinn(x)' $at x=1
bad 1 eval 'sin x' $at x=1
bad 1 eval 'pi(2)'
bad 3 eval '2*e(x)' $at x=1
bad 2 eval 'x,y' $at x=1,y=1
bad 3 eval '(x,y)' $at x=1,y=1
bad 1 eval ''
bad 1 eval '   '
bad 3 eval 'x $ y' $at x=1,y=1
bad 3 eval 'x # 1' $at x=1
bad 3 eval 'x = 1' $at x=1
bad 3 eval 'x % 2' $at x=1
bad 2 eval 'x&y' $at x=1,y=1
bad 3 eval 'x !' $at x=1
bad 1 eval '[x]' $at x=1
bad 1 eval '{x}' $at x=1
bad 2 eval 'x;y' $at x=1,y=1
bad 1 eval "'x'" $at x=1
bad 1 eval '"x"' $at x=1
bad 2 eval 'x\y' $at x=1,y=1
bad 1 eval '0x10'
bad 1 eval '1_000'
bad 3 eval 'x^^2' $at x=1
bad 4 eval 'x**' $at x=1
bad 3 eval ' -'
bad 2 eval '+'
bad 7 eval 'sin(x))' $at x=1
bad 6 eval 'max(x)' $at x=1
bad 8 eval 'min(x,y,z)' $at x=1,y=1,z=1
bad 6 eval 'abs(x,y)' $at x=1,y=1
bad 8 eval 'hypot(x)' $at x=1
bad 1 eval 'sqrt'
bad 5 eval 'x + sin' $at x=1
bad 7 eval 'exp(x)(y)' $at x=1,y=1
bad 3 eval '2 (x)' $at x=1
bad 2 eval 'x)(' $at x=1
bad 1 eval '1..5'

# ---- bytes that are not printable ASCII (through standard input) ---------------
printf 'x\000+1' >"$tmp/nul"
bad 2 --stdin "$tmp/nul" eval - $at x=1
printf 'x+\377' >"$tmp/ff"
bad 3 --stdin "$tmp/ff" eval - $at x=1
printf '\303\251+x' >"$tmp/utf8"
bad 1 --stdin "$tmp/utf8" eval - $at x=1
printf 'x\007' >"$tmp/bel"
bad 2 --stdin "$tmp/bel" eval - $at x=1
printf 'x+\033[31m' >"$tmp/esc"
bad 3 --stdin "$tmp/esc" eval - $at x=1
printf 'sin(x)\000' >"$tmp/nul_end"
bad 7 --stdin "$tmp/nul_end" eval - $at x=1

# ---- enormous and deeply nested input ----------------------------------------------
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "("; printf "x"; for (i = 0; i < 100000; i++) printf ")" }' >"$tmp/parens"
bad 10001 --stdin "$tmp/parens" eval - $at x=1
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "-"; printf "x" }' >"$tmp/minus"
bad 10001 --stdin "$tmp/minus" eval - $at x=1
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "x^"; printf "x" }' >"$tmp/powers"
bad '?' --stdin "$tmp/powers" eval - $at x=1
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "sin("; printf "x" }' >"$tmp/calls"
bad '?' --stdin "$tmp/calls" eval - $at x=1
awk 'BEGIN { for (i = 0; i < 524290; i++) printf "x+"; printf "x" }' >"$tmp/toolong"
bad 1048577 --stdin "$tmp/toolong" eval - $at x=1
awk 'BEGIN { for (i = 0; i < 524287; i++) printf "x+"; printf "x" }' >"$tmp/onemib"
good --stdin "$tmp/onemib" eval - $at x=1
awk 'BEGIN { for (i = 0; i < 5000; i++) printf "("; printf "x"; for (i = 0; i < 5000; i++) printf ")" }' >"$tmp/deep_ok"
good --stdin "$tmp/deep_ok" eval - $at x=1

# ---- variables and --at ----------------------------------------------------------------
bad 3 eval 'x+y' $at x=1
bad 1 eval 'x'
bad 5 eval 'x' $at x=1,x=2
bad 5 eval 'x' $at 'x=1,'
bad 1 eval 'x' $at '=1'
bad 2 eval 'x' $at 'x'
bad 3 eval 'x' $at 'x='
bad 3 eval 'x' $at 'x=abc'
bad 3 eval 'x' $at 'x=1;y=2'
bad 1 eval 'x' $at '1x=2'
bad 1 eval 'x' $at 'pi=3'
bad 5 eval 'x' $at 'x=1,sin=1'
bad 1 eval 'x' $at 'e=1'
bad 3 eval 'x' $at 'x=1 y=2'
bad 3 eval 'x' $at 'x==1'
bad - eval 'x' $at ''
bad - eval 'x' $at x=1 $at y=2
bad - eval 'x' $at

# ---- usage ------------------------------------------------------------------------------
bad - eval
bad - eval 'x' 'y' $at x=1,y=1
bad - eval 'x' --bogus $at x=1
bad -
bad - frobnicate
bad - limit 'x'
bad - limit 'x' $at x=1 --wrt y
bad 3 limit 'x+' $at x=1
bad - minimize 'x^2'
bad - minimize --problem no_such_problem
bad 8 minimize 'x^2' --from x=1 --method newton,foo
bad 4 minimize 'x^2' --from x=1 --method gd,gd
bad - minimize 'x^2' --from x=1 --max-iter 0
bad - minimize 'x^2' --from x=1 --gtol -1
bad - minimize 'x^2' --from x=1 --plot out.pdf
bad 5 minimize 'x^2+' --from x=1
bad - problems --bogus
# --problem with --from: n values in order, or names x1..xn
bad - minimize --problem rosenbrock --from 0
bad - minimize --problem rosenbrock --from 0,0,0
bad 3 minimize --problem rosenbrock --from 0,a
bad 1 minimize --problem rosenbrock --from ',1'
bad 1 minimize --problem rosenbrock --from y=1
bad 6 minimize --problem rosenbrock --from x1=1,x3=0
bad 6 minimize --problem rosenbrock --from x1=1,0
bad 1 minimize --problem rosenbrock --from x0=1
bad 6 minimize --problem rosenbrock --from x1=1,x1=2
bad - minimize --problem rosenbrock --from ''
# --n as large as memory allows, and no larger: refused before any run, with
# nothing on stdout (bad checks the one-line error): the point alone (1e9
# names and values), one method's arrays, n x n matrices beyond n = 2000, and
# the same under a limit on the address space (ulimit -v, 300 MB)
bad - minimize --problem extended_rosenbrock --n 1000000000 --method lbfgs
bad - minimize --problem extended_rosenbrock --n 3000 --method bfgs
bad - minimize --problem extended_rosenbrock --n 3000 --method newton-tr
bad - minimize --problem extended_rosenbrock --n 2001 --method all
# (AddressSanitizer reserves terabytes of address space: not under ulimit -v)
case ${HD_CFLAGS:-} in
*sanitize=address*) echo "sanitizers: --n under ulimit -v not checked" ;;
*)
    checks=$((checks + 1))
    (ulimit -v 300000 && exec timeout 30 "$H" minimize --problem extended_rosenbrock --n 2000000 --method lbfgs) \
        >"$out" 2>"$err"
    rc=$?
    if [ "$rc" -ne 2 ] || [ -s "$out" ] || ! grep -q '^hyperdual: error: .*n[ =]* 2000000 .*memory' "$err"; then
        fail "--n 2000000 under ulimit -v 300000: exit $rc, $(head -c 200 "$err")"
    fi ;;
esac
checks=$((checks + 1))
run minimize --problem extended_rosenbrock --n 3000 --method bfgs
grep -q 'methods that fit: gd, lbfgs, newton, newton-cg, newton-cg-tr)$' "$err" \
    || fail "--n 3000 --method bfgs: the error does not name the methods that fit: $(cat "$err")"
# and says why in BFGS's terms: it never factors its matrix
grep -q 'an n x n matrix (its inverse-Hessian approximation, O(n^2) work per step)' "$err" \
    || fail "--n 3000 --method bfgs: the error does not say why for BFGS: $(cat "$err")"
run minimize --problem trigonometric --n 3000 --method newton
grep -q 'n x n matrices (and factors them, O(n^3) work)' "$err" \
    || fail "--n 3000 --method newton: the error does not say why: $(cat "$err")"
checks=$((checks + 1))
HYPERDUAL_GNUPLOT=/nonexistent/gnuplot run minimize 'x^2' --from x=1 --plot "$tmp/p.png"
if [ "$rc" -ne 2 ] || ! grep -q "package 'gnuplot'" "$err"; then fail "missing gnuplot: exit $rc"; fi

# ---- not errors: division by zero, a leading minus, blanks ---------------------------
good eval '1/x' $at x=0 --json
grep -q '"value": "inf"' "$out" || fail "1/x at 0: value is not \"inf\""
good eval '0/x' $at x=0 --json
grep -q '"value": "nan"' "$out" || fail "0/x at 0: value is not \"nan\""
good eval 'log(x)' $at x=0 --json
grep -q '"value": "-inf"' "$out" || fail "log(x) at 0: value is not \"-inf\""
good eval '-x^2' $at x=3
good eval ' x * y ' $at ' x = 1 , y = 2 '
good eval '1e999'

echo "$checks cases, $failures failed"
[ "$checks" -ge 60 ] || { echo "FAIL: fewer than 60 cases"; exit 1; }
[ "$failures" -eq 0 ]
