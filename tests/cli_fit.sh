#!/bin/sh
# hyperdual fit and the least-squares methods of hyperdual minimize, against
# independent truth: the closed form of linear regression (computed here in
# awk), scipy's curve_fit on the decay data of examples/curve_fit (reference
# values stored in tests/examples.sh, with their provenance), and bad data
# files, each refused with exit 2, nothing on stdout and
# "hyperdual: error: FILE:LINE:COLUMN: what" at the place worked out by hand.
. "${top_srcdir:-.}/tests/cli_common.sh"

# json_number KEY: the number after "KEY": in stdout (the first one), or
# json_number OBJECT KEY: KEY's number inside the object "OBJECT": {...}
json_number() {
    if [ $# -eq 2 ]; then
        sed -n "s/.*\"$1\": {\([^}]*\)}.*/\1/p" "$out" | tr ',' '\n' | sed -n "s/^ *\"$2\": *//p" | head -n 1
    else
        tr ',{}' '\n\n\n' <"$out" | sed -n "s/^ *\"$1\": *//p" | head -n 1
    fi
}

# near A B TOL: |A - B| <= TOL·max(1, |B|)
near() {
    awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b
        exit !(d <= t * (m > 1 ? m : 1)) }'
}

# check_value WHAT GOT WANT TOL
check_value() {
    checks=$((checks + 1))
    near "$2" "$3" "$4" || fail "$1 = $2, expected $3 (to $4)"
}

# ---- linear regression: the closed form -----------------------------------------------
awk 'BEGIN { print "x,noise,y"; for (i = 0; i < 12; i++) printf "%d,%g,%.6f\n", i, 0, 1.5 + 0.3 * i + 0.05 * ((i * 7) % 5 - 2) }' \
    >"$tmp/line.csv"
# a = mean(y) - b mean(x), b = Sxy / Sxx, s^2 = RSS / (m - 2),
# se_b = sqrt(s^2 / Sxx), se_a = sqrt(s^2 (1/m + mean(x)^2 / Sxx))
closed=$(awk -F, 'NR > 1 { x[NR] = $1; y[NR] = $3; sx += $1; sy += $3; m++ }
    END { mx = sx / m; my = sy / m
          for (i in x) { sxx += (x[i] - mx)^2; sxy += (x[i] - mx) * (y[i] - my) }
          b = sxy / sxx; a = my - b * mx
          for (i in x) rss += (y[i] - a - b * x[i])^2
          s2 = rss / (m - 2)
          printf "%.17g %.17g %.17g %.17g %.17g\n", a, b, sqrt(s2 * (1 / m + mx * mx / sxx)), sqrt(s2 / sxx), rss }' \
    "$tmp/line.csv")
set -- $closed
a=$1 b=$2 se_a=$3 se_b=$4 rss=$5
expect 0 fit 'a + b*x' --data "$tmp/line.csv" --from a=0,b=0 --json
check_value a "$(json_number parameters a)" "$a" 1e-10
check_value b "$(json_number parameters b)" "$b" 1e-10
check_value "se(a)" "$(json_number standard_errors a)" "$se_a" 1e-8
check_value "se(b)" "$(json_number standard_errors b)" "$se_b" 1e-8
check_value rss "$(json_number rss)" "$rss" 1e-10
has '"dof": 10,'
has '"converged": true'
has '"status": "converged'
for key in parameters standard_errors rss status converged iterations jacobian_evals residual_evals; do
    has "\"$key\": "
done
# the y column by name, a column the model does not use (noise), the text table
expect 0 fit 'a + b*x' --data "$tmp/line.csv" --from a=0,b=0 --y y
line '^a +[-0-9.e]+ +[0-9.e-]+$'
line '^status: converged'
line '^RSS [0-9.e-]+, 10 degrees of freedom'
# the same data from standard input
checks=$((checks + 1))
timeout 60 "$H" fit 'a + b*x' --data - --from a=0,b=0 --json <"$tmp/line.csv" >"$out" 2>"$err" || fail "--data -"
check_value "b from stdin" "$(json_number parameters b)" "$b" 1e-10

# ---- exponential decay: scipy's curve_fit (tests/examples.sh has the provenance) -------
if [ -x "${top_builddir:-.}/examples/curve_fit" ]; then
    "${top_builddir:-.}/examples/curve_fit" --csv >"$tmp/decay.csv"
    expect 0 fit 'A*exp(-k*t) + c' --data "$tmp/decay.csv" --from A=2,k=1,c=0 --json
    check_value A "$(json_number parameters A)" 5.05819727959726 1e-6
    check_value k "$(json_number parameters k)" 0.702163413522831 1e-6
    check_value c "$(json_number parameters c)" 1.00183316605833 1e-6
    # standard errors to 1e-3 relative: TOL·max(1, |B|) is absolute below 1
    check_value "se(A)" "$(json_number standard_errors A)" 0.0316832198606 3e-5
    check_value "se(k)" "$(json_number standard_errors k)" 0.0086159368238 8e-6
    check_value "se(c)" "$(json_number standard_errors c)" 0.0106096553225 1e-5
else
    echo "examples/curve_fit not built: the decay fit not checked"
fi

# ---- a model the data cannot determine: no NaN, the parameters named ---------------------
refused fit 'c + a*b*x' --data "$tmp/line.csv" --from a=1,b=1,c=0
checks=$((checks + 1))
grep -q 'parameters a, b are not identifiable' "$err" || fail "the unidentifiable parameters are not named"
refused fit 'a + b*x + 0*c' --data "$tmp/line.csv" --from a=1,b=1,c=0
# a model that reads the observed column predicts it from itself (RSS 0,
# standard errors 0): refused, with the column named
refused fit 'a*y + b' --data "$tmp/line.csv" --from a=1,b=0
checks=$((checks + 1))
grep -q "the observed column 'y'" "$err" || fail "a model of y from y is not refused by name: $(cat "$err")"

# ---- bad data: FILE:LINE:COLUMN ------------------------------------------------------------
# data WHERE CONTENT: write $tmp/d.csv, then expect refusal at WHERE (LINE:COLUMN)
baddata() {
    where=$1 what=$2
    shift 2
    refused fit 'a*t + b' --data "$tmp/d.csv" --from a=1,b=0 "$@"
    checks=$((checks + 1))
    grep -q "^hyperdual: error: $tmp/d.csv:$where: .*$what" "$err" || fail "expected $where and '$what'"
}
: >"$tmp/d.csv"
baddata 1:1 'empty file'
printf '\n  \n\n' >"$tmp/d.csv"
baddata 1:1 'empty file'
printf '\nt,y\n1,2\n' >"$tmp/d.csv"
baddata 1:1 'first line must name the columns'
printf 't,y\n' >"$tmp/d.csv"
baddata 2:1 'no data rows'
# a missing cell: the row "2" ends at column 1, the cell would be at 2
printf 't,y\n1,2\n2\n3,4\n' >"$tmp/d.csv"
baddata 3:2 'missing cell'
printf 't,y\n1,2,9\n' >"$tmp/d.csv"
baddata 2:5 'extra cell'
printf 't,y\n1,2\n2,abc\n3,4\n' >"$tmp/d.csv"
baddata 3:3 "'abc' in column 'y' is not a number"
printf 't,y\n1,2\nx1,3\n3,4\n' >"$tmp/d.csv"
baddata 3:1 "'x1' in column 't' is not a number"
printf 't,y\n1,2\n2,nan\n3,4\n' >"$tmp/d.csv"
baddata 3:3 'not a finite number'
printf 't,y\n1,2\n2,3\n3,-inf\n' >"$tmp/d.csv"
baddata 4:3 'not a finite number'
printf 't,y\n1,2\n1e999,3\n3,4\n' >"$tmp/d.csv"
baddata 3:1 'not a finite number'
printf 't,y\n1,2\n2,\n3,4\n' >"$tmp/d.csv"
baddata 3:3 "empty cell in column 'y'"
# two parameters need three rows: the end of the file is line 4
printf 't,y\n1,2\n2,3\n' >"$tmp/d.csv"
baddata 4:1 '2 data rows for 2 parameters'
printf 't,y\n1,2\n' >"$tmp/d.csv"
baddata 3:1 '1 data row for 2 parameters'
printf 't,,y\n1,2,3\n' >"$tmp/d.csv"
baddata 1:3 'has no name'
printf 't,y,t\n1,2,3\n' >"$tmp/d.csv"
baddata 1:5 "'t' is named twice"
# unknown columns: --y, and a name of EXPR that is neither a parameter nor a column
printf 't,y\n1,2\n2,3\n3,4\n' >"$tmp/d.csv"
baddata 1:1 "no column 'z' (--y)" --y z
refused fit 'a*s + b' --data "$tmp/d.csv" --from a=1,b=0
checks=$((checks + 1))
grep -q "^hyperdual: error: $tmp/d.csv:1:1: no column 's' in the header" "$err" || fail "unknown column of EXPR"
# a column that is not used may hold anything; blank lines and CRLF are fine
printf 't,label,y\r\n1,one,2.1\r\n\r\n2,two,2.9\r\n3,,4.2\r\n4,four,4.8\r\n' >"$tmp/d.csv"
expect 0 fit 'a*t + b' --data "$tmp/d.csv" --from a=1,b=0 --json
has '"rows": 4'
# other bad input
refused fit 'a*t + b' --data "$tmp/no/such.csv" --from a=1,b=0
refused fit 'a*t + b' --from a=1,b=0
refused fit 'a*t + b' --data "$tmp/d.csv"
refused fit 'a*t + b' --data "$tmp/d.csv" --from a=1,b=0,c=2
refused fit 'a*t + b' --data "$tmp/d.csv" --from a=1,b=0 --plot "$tmp/p.pdf"
refused fit 'a*t + b' --data - --from a=1,b=0 --plot "$tmp/p.png" </dev/null
checks=$((checks + 1))
timeout 10 "$H" fit - --data - --from a=1 </dev/null >"$out" 2>"$err"
[ $? -eq 2 ] && [ ! -s "$out" ] || fail "EXPR and --data both from standard input"
expect 2 fit 'a*t + b +' --data "$tmp/d.csv" --from a=1,b=0
checks=$((checks + 1))
grep -q 'at column 10' "$err" || fail "an EXPR syntax error names its column"

# output that cannot be written is an error (exit 2), never lost silently
if [ -w /dev/full ]; then
    checks=$((checks + 1))
    timeout 60 "$H" fit 'a + b*x' --data "$tmp/line.csv" --from a=0,b=0 >/dev/full 2>"$err"
    [ $? -eq 2 ] && grep -q 'cannot write to standard output' "$err" || fail "fit into a full device"
fi

# ---- --plot: data and curve ----------------------------------------------------------------
if command -v gnuplot >/dev/null 2>&1; then
    expect 0 fit 'a*t + b' --data "$tmp/d.csv" --from a=1,b=0 --plot "$tmp/fit.svg"
    checks=$((checks + 1))
    grep -q '<svg' "$tmp/fit.svg" || fail "--plot wrote no SVG"
    printf 't,u,y\n1,1,2\n2,0,3\n3,1,4\n4,0,5\n' >"$tmp/two.csv"
    refused fit 'a*t + b*u' --data "$tmp/two.csv" --from a=1,b=0 --plot "$tmp/fit.svg"
else
    echo "gnuplot not found: --plot not checked"
fi

# ---- minimize: gn and lm need residuals ------------------------------------------------------
expect 0 minimize --problem osborne1 --method lm --json
has '"method": "lm"'
checks=$((checks + 1))
[ "$(json_number jacobian_evals)" -ge 1 ] && [ "$(json_number residual_evals)" -ge 1 ] || fail "lm's counters"
# Meyer's minimum: LM converges (exit 0)
expect 0 minimize --problem meyer --method lm
line '^method +status +point +iter +jacobians +residuals '
line '^lm +converged'
refused minimize '(x-1)^2' --from x=0 --method lm
refused minimize --problem saddle --method gn
# 'all' runs them where there are residuals and says where it did not
expect 0 minimize '(x-1)^2 + (y+2)^2' --from x=0,y=0 --method all
line '^gn, lm skipped: they need residuals'
expect 0 minimize '(x-1)^2 + (y+2)^2' --from x=0,y=0 --method all --json
has '"skipped": ["gn", "lm"]'
expect 0 minimize --problem rosenbrock --method all --json
has '"skipped": []'
has '"method": "gn"'
has '"method": "lm"'

echo "$checks checks, $failures failures"
[ "$failures" -eq 0 ]
