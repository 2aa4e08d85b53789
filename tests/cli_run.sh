#!/bin/sh
# What the `hyperdual` subcommands print, against values worked out by hand:
# the contract's eval --json example, the forward quotients of t^3 at 1,
# stationary points, a sample of the oracle data through `eval --json`, the
# problem list, minimize's exit statuses, trace and plot files.
. "${top_srcdir:-.}/tests/cli_common.sh"

# ---- eval -------------------------------------------------------------------------
expect 0 eval 'x^2*y' --at x=3,y=2 --json
has '{"expression": "x^2*y", "variables": ["x", "y"], "point": [3, 2], "value": 18, "gradient": [12, 9], "hessian": [[4, 6], [6, 0]]'
expect 0 eval 'x^2*y' --at x=3,y=2
has 'gradient     [12, 9]'
# stationary WANT EXPR --at POINT [OPTIONS]: eval --json says "stationary": WANT
stationary() {
    kind=$1
    shift
    expect 0 eval "$@" --json
    has "\"stationary\": $kind}"
}
# (x^2 - y^2) has a saddle at 0, x^2 + y^2 a minimum, -(x^2 + y^2) a maximum
stationary '"saddle"' 'x^2 - y^2' --at x=0,y=0
has '"eigenvalues": [-2, 2]'
stationary '"minimum"' 'x^2 + y^2' --at x=0,y=0
stationary '"maximum"' '-(x^2 + y^2)' --at x=0,y=0
stationary '"degenerate"' 'x^4' --at x=0
stationary null 'x^2 + y' --at x=0,y=0
# Stationary is decided by the gradient alone, ||g||_inf <= 1e-8 (or --gtol),
# whatever the size of f: g = 2(x - 3) = -2 at x = 2 and 2x = 2e200 at 1e200
# are far from zero, g = 0 at x = 3 is zero.
stationary null '(x-3)^2 + 1e10' --at x=2
has '"gradient": [-2]'
expect 0 eval '(x-3)^2 + 1e10' --at x=2
has 'stationary   no'
stationary null 'x^2' --at x=1e200
stationary '"minimum"' '(x-3)^2 + 1e10' --at x=3
# the tolerance is absolute: g = 2x - 2e-8 = -2e-8 at 0 is not zero, 5e-9 is
stationary null 'x^2 - 2e-8*x + 1e10' --at x=0
stationary '"minimum"' 'x^2 + 5e-9*x + 1e10' --at x=0
stationary '"minimum"' 'x^2 - 2e-8*x' --at x=0 --gtol 1e-7
expect 2 eval 'x^2' --at x=0 --gtol 0
# a NaN or infinite gradient is undefined, never stationary: log'(-1) is NaN,
# (1/x)' at 0 is -inf
stationary '"undefined"' 'log(x)' --at x=-1
stationary '"undefined"' '1/x' --at x=0
expect 0 eval '1/x' --at x=0
has 'stationary   undefined'
stationary '"undefined"' 'x^2 + y/0' --at x=0,y=1
# nor is a NaN value (sqrt(-1) is NaN, and so is f everywhere), whose
# gradient is 0; an infinite value with a finite gradient is an overflow of f
# (x^2 at 1e200 above), not a reason to say undefined
stationary '"undefined"' 'x^2 + sqrt(-1)' --at x=0
has '"gradient": [0]'
# a zero gradient with an infinite Hessian ((x^1.5)'' = 0.75/sqrt(x) at 0) is
# stationary of an unknown kind
stationary '"unknown"' 'x^1.5' --at x=0
has '"gradient": [0]'
# 0.1 prints as the shortest decimal that reads back (%.17g would give 0.10000000000000001 too)
expect 0 eval '0.1*x' --at x=1 --json
has '"value": 0.10000000000000001'

# ---- limit: t^3 at 1, forward quotients (1+dt)^3 - 1)/dt = 3 + 3 dt + dt^2 ----------
expect 0 limit 't^3' --at t=1 --json
has '"derivative": 3'
checks=$((checks + 1))
tr '{' '\n' <"$out" | grep '^"dt"' | head -n 4 | awk -F '[:,]' '{
        dt = $2 + 0; fwd = $4 + 0
        want = 3 + 3 * dt + dt * dt
        if ((fwd - want) > 1e-12 * want || (want - fwd) > 1e-12 * want) { print "dt " dt ": " fwd " != " want; bad = 1 }
    } END { exit bad }' || fail "forward quotients of t^3 are not 7, 3.31, 3.0301, 3.003001"
expect 0 limit 't^3' --at t=1
has '3.0301'
expect 0 limit 'x*y^2' --at x=2,y=3 --wrt y --json
has '"derivative": 12'

# ---- a sample of the oracle data through the tool ------------------------------------
data="${HD_TESTDATA:-}/derivatives.jsonl"
if [ -r "$data" ]; then
    # every 50th case: run it and compare the value with 1e-12 relative slack
    awk 'NR % 50 == 1' "$data" >"$tmp/sample"
    while IFS= read -r line; do
        expr=$(printf '%s\n' "$line" | sed 's/^{"expression": "\([^"]*\)".*/\1/')
        vars=$(printf '%s\n' "$line" | sed 's/.*"variables": \[\([^]]*\)\].*/\1/' | tr -d '" ')
        pts=$(printf '%s\n' "$line" | sed 's/.*"point": \[\([^]]*\)\].*/\1/' | tr -d '" ')
        value=$(printf '%s\n' "$line" | sed 's/.*"value": "\([^"]*\)".*/\1/')
        at=$(awk -v v="$vars" -v p="$pts" 'BEGIN { n = split(v, a, ","); split(p, b, ",");
                 for (i = 1; i <= n; i++) printf "%s%s=%s", (i > 1 ? "," : ""), a[i], b[i] }')
        expect 0 eval "$expr" --at "$at" --json
        got=$(sed 's/.*"value": \([^,]*\),.*/\1/' "$out")
        checks=$((checks + 1))
        awk -v g="$got" -v w="$value" 'BEGIN { d = g - w; if (d < 0) d = -d; m = w < 0 ? -w : w;
                 exit !(d <= 1e-12 * (m > 1 ? m : 1)) }' || fail "$expr at $at: value $got, expected $value"
    done <"$tmp/sample"
fi

# ---- help, version, functions ---------------------------------------------------------
expect 0 --version
has 'hyperdual '
for cmd in eval minimize limit problems functions; do
    expect 0 "$cmd" --help
    has 'usage: hyperdual'
done
expect 0 functions
has 'atan2(y, x)'
has 'pow(x, y)'

# ---- problems and minimize ------------------------------------------------------------
expect 0 problems
has 'rosenbrock'
expect 0 problems --json
has '"name": "rosenbrock"'
# m: the residuals of a sum of squares (Rosenbrock: 2), 0 for a scalar function
has '"name": "rosenbrock", "title": "Rosenbrock (MGH #1)", "n": 2, "m": 2,'
has '"name": "himmelblau", "title": "Himmelblau", "n": 2, "m": 0,'
expect 0 minimize '(1-x)^2 + 100*(y-x^2)^2' --from x=-1.2,y=1 --method newton
has 'converged'
expect 1 minimize '(1-x)^2 + 100*(y-x^2)^2' --from x=-1.2,y=1 --method gd --max-iter 10
has 'iteration limit'
# x^2 - y^2 + y^4/4 from (1, 0): gradient descent slides into the saddle at 0
expect 1 minimize --problem saddle --method gd
has 'saddle point'
expect 0 minimize --problem rosenbrock --method newton,newton-tr --json
has '"converged": true'
# every method's point kind, in the table and the JSON: (x-1)^2 + (y+2)^2 has
# a minimum at (1, -2); x^2 - y^2 + y^4/4 a saddle at 0, where gradient
# descent stops; x^2 + 0*y has a singular Hessian everywhere (degenerate)
expect 0 minimize '(x-1)^2 + (y+2)^2' --from x=0,y=0 --method all
line '^method +status +point +iter '
for m in gd bfgs lbfgs newton newton-tr newton-cg newton-cg-tr; do line "^$m +converged +minimum +[0-9]"; done
expect 0 minimize '(x-1)^2 + (y+2)^2' --from x=0,y=0 --method all --json
checks=$((checks + 1))
[ "$(grep -o '"point_kind": "minimum"' "$out" | wc -l)" -eq 7 ] || fail "seven methods, seven minima in the JSON"
expect 1 minimize --problem saddle --method gd
line '^gd +saddle point +saddle +[0-9]'
expect 1 minimize --problem saddle --method gd --json
has '"point_kind": "saddle"'
checks=$((checks + 1))
timeout 60 "$H" minimize 'x^2 + 0*y' --from x=1,y=5 --method gd --json >"$out" 2>"$err"
has '"point_kind": "degenerate"'

# ---- options ------------------------------------------------------------------------
# --trace and --plot into a folder that does not exist: refused before any work
refused minimize 'x^2' --from x=1 --trace "$tmp/no/such/folder/t.csv"
export HYPERDUAL_GNUPLOT=true   # a gnuplot that draws nothing: the run must not get that far
refused minimize 'x^2' --from x=1 --plot "$tmp/no/such/folder/p.png"
unset HYPERDUAL_GNUPLOT
# --lr is gradient descent's: refused when no chosen method is gd
refused minimize 'x^2' --from x=1 --lr 0.1 --method newton
refused minimize 'x^2' --from x=1 --lr 0.1
refused minimize 'x^2' --from x=1 --lr 0.1 --method newton-tr,bfgs
expect 0 minimize 'x^2' --from x=1 --lr 0.1 --method gd,newton
# --problem with --from: the values in order, or named x1..xn (the others keep
# the standard start). Newton from (0, 0) on Rosenbrock takes 14 iterations
# (doc/optimizers.md's table, measured by bench/optim_report).
expect 0 minimize --problem rosenbrock --from 0,0 --method newton --json
has '"start": [0, 0]'
has '"iterations": 14,'
expect 0 minimize --problem rosenbrock --from x1=0,x2=0 --method newton
has 'from (0, 0)'
line '^newton +converged +minimum +14 '
expect 0 minimize --problem rosenbrock --from x2=0 --json
has '"start": [-1.2, 0]'
expect 0 minimize --problem rosenbrock --from ' x2 = 0 , x1 = 0.5 ' --json
has '"start": [0.5, 0]'
# extended Rosenbrock, n = 4, started at its minimum (1, 1, 1, 1): f = 0
expect 0 minimize --problem extended_rosenbrock --n 4 --from 1,1,1,1 --json
has '"start": [1, 1, 1, 1]'
has '"iterations": 0,'

# The kinds of pass, read off THE list (kinds.h), in its order: the CLI's
# counters must follow it, whatever kinds it holds.
kinds_h="${top_srcdir:-.}/include/hyperdual/kinds.h"
pass_kinds=$(sed -n '/^#define HD__KINDS(X, \.\.\.)/,/[^\\]$/p' "$kinds_h" |
    sed -n 's/^ *X(hd_[a-z0-9]*, \([a-z0-9]*\), .*/\1/p')
npass_kinds=$(echo "$pass_kinds" | wc -l)
[ "$npass_kinds" -ge 10 ] || { echo "FAIL: the list of kinds in $kinds_h was not read"; exit 1; }
calls_columns=$(echo "$pass_kinds" | sed 's/$/_calls/' | tr '\n' ',')
kinds_alternatives=$(echo "$pass_kinds" | tr '\n' '|' | sed 's/|$//')

expect 0 minimize '(x-1)^2 + (y+2)^2' --from x=0,y=0 --method all --trace "$tmp/t.csv"
checks=$((checks + 1))
head -n 1 "$tmp/t.csv" | grep -q "^method,iteration,f,grad_norm,step,f_calls,${calls_columns}tape_sweeps,passes,hv_products,jacobian_evals,residual_evals,x,y\$" \
    || fail "trace header"

# Every pass is counted somewhere, and the counters add up to `passes`, in
# the JSON, the table and the trace (10.7): gd and BFGS (value, dual and
# two-lane passes, one Hessian at the end), Newton at n = 40 (taped
# Hessians), the trust region at n = 3 (lane Hessians).
counted() { # ARGS...: run minimize with --json, the table and a trace; check the sums
    expect_status=$1
    shift
    expect "$expect_status" minimize "$@" --json --trace "$tmp/c.csv"
    checks=$((checks + 1))
    tr '{' '\n' <"$out" | awk -v nkinds="$npass_kinds" '/"method"/ {
            n = split($0, kv, ", ")
            sum = 0; passes = -1; kinds = 0
            for (i = 1; i <= n; i++) {
                if (split(kv[i], p, ": ") != 2) continue
                key = p[1]; gsub(/"/, "", key)
                if (key ~ /_calls$/ && key != "f_calls") { sum += p[2]; kinds++ }
                if (key == "passes") passes = p[2]
            }
            if (kinds != nkinds || sum != passes || passes <= 0) { print "bad: " $0; bad = 1 }
        } END { exit bad }' || fail "JSON counters do not add up to passes: $*"
    checks=$((checks + 1))
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        { sum = 0
          for (c in col) if (c ~ /_calls$/ && c != "f_calls") sum += $col[c]
          if (sum != $col["passes"]) { print "bad row " NR ": " $0; bad = 1 } }
        END { exit bad }' "$tmp/c.csv" || fail "trace counters do not add up to passes: $*"
    expect "$expect_status" minimize "$@"
    checks=$((checks + 1))
    # read from the right (a status may have spaces): time, ||g||, final f,
    # the H·v products when a run made some, passes, then one column per
    # kind of pass shown
    awk -v kinds="^($kinds_alternatives)\$" '/^method / { k = 0; hv = 0
                      for (i = 1; i <= NF; i++) { k += $i ~ kinds
                                                  hv += $i == "H·v" }
                      inside = 1; next }
        inside && NF == 0 { inside = 0 }
        inside { p = NF - 3 - hv; sum = 0; for (i = p - k; i < p; i++) sum += $i
                 if (k == 0 || sum != $p) { print "bad: " $0; bad = 1 } }
        END { exit bad }' "$out" || fail "table columns do not add up to passes: $*"
}
counted 0 --problem rosenbrock --method gd,bfgs
# least squares: residual vectors (f calls), Jacobians (dual4 / dualv passes),
# the final Hessians (hyper4 / taped)
counted 0 --problem osborne1 --method gn,lm
counted 0 --problem osborne2 --method lm
counted 0 --problem extended_rosenbrock --n 40 --method newton
counted 0 --problem helical_valley --method newton-tr
# Newton-CG at n = 40: every product is one sweep (over the recording of the
# iterate's gradient), so the products never outnumber the sweeps; L-BFGS
# makes none
counted 0 --problem extended_rosenbrock --n 40 --method newton-cg,newton-cg-tr,lbfgs
expect 0 minimize --problem extended_rosenbrock --n 40 --method newton-cg,lbfgs --json
checks=$((checks + 1))
tr '{' '\n' <"$out" | awk '/"method": "newton-cg"/ { if (!match($0, /"hv_products": [1-9][0-9]*/)) bad = 1
                                                    split(substr($0, RSTART), a, ": "); hv = a[2] + 0
                                                    match($0, /"tape_sweeps": [0-9]+/); split(substr($0, RSTART), t, ": ")
                                                    if (hv > t[2] + 0) bad = 1; seen++ }
                          /"method": "lbfgs"/ { if ($0 !~ /"hv_products": 0,/) bad = 1; seen++ }
                          END { exit bad || seen != 2 }' || fail "H·v products in the JSON: $(cat "$out")"
checks=$((checks + 1))
[ "$(cut -d, -f1 "$tmp/t.csv" | sort -u | tr '\n' ' ')" = "bfgs gd lbfgs method newton newton-cg newton-cg-tr newton-tr " ] \
    || fail "trace lacks a method"
if command -v gnuplot >/dev/null 2>&1; then
    # gradient descent does not reach the valley's end in 2000 steps: status 1
    expect 1 minimize '(1-x)^2 + 100*(y-x^2)^2' --from x=-1.2,y=1 --method both --max-iter 2000 \
        --plot "$tmp/p.png"
    checks=$((checks + 1))
    [ "$(head -c 4 "$tmp/p.png" | od -An -c | tr -d ' \n')" = "211PNG" ] || fail "--plot wrote no PNG"
    expect 0 minimize '(x-1)^2 + sin(y)' --from x=0,y=0.5 --method newton --plot "$tmp/p.svg"
    checks=$((checks + 1))
    grep -q '<svg' "$tmp/p.svg" || fail "--plot wrote no SVG"
    # 14757 gradient descent iterations: the SVG stays small (it was 3.4 MB
    # with 29701 point markers); the PNG of the same run is about 130 KB
    expect 0 minimize --problem rosenbrock --method all --plot "$tmp/big.svg"
    checks=$((checks + 1))
    size=$(wc -c <"$tmp/big.svg")
    markers=$(grep -o '<use' "$tmp/big.svg" | wc -l)
    [ "$size" -le 400000 ] && [ "$markers" -le 2000 ] \
        || fail "SVG of 14757 iterations: $size bytes, $markers markers (at most 400000 and 2000)"
else
    echo "gnuplot not found: --plot not checked"
fi

echo "$checks checks, $failures failed"
[ "$failures" -eq 0 ]
