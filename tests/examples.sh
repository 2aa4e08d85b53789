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
function want(cond, what) { nchecked++; if (!cond) print what }
END { print "checked " nchecked }
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

check_gd_vs_newton() {
    run gd_vs_newton || return
    check gd_vs_newton "$AWKLIB"'
    function ceil(v) { return (v == int(v)) ? v : int(v) + 1 }
    /^kappa/ { quad = 1; next }
    quad && NF == 4 && $1 ~ /^[0-9]+$/ {
        # |grad|_inf = kappa r^k, r = (kappa-1)/(kappa+1): first k with kappa r^k <= 1e-8
        k = $1 + 0; r = (k - 1) / (k + 1); pred = ceil(log(1e-8 / k) / log(r))
        want(abs($2 - pred) <= 1, "kappa " k ": GD took " $2 " iterations, theory says " pred)
        want($4 == 1, "kappa " k ": Newton should take 1 iteration on a quadratic, took " $4)
        qrows++
    }
    /^2\. Rosenbrock/ { quad = 0 }
    /\(1\.000000, 1\.000000\)|\([-0-9.]+, [-0-9.]+\)  [a-z]/ && !/^ / && NF >= 10 {
        # method iterations f dual hyper passes final-f (x, y) status
        want($(NF - 1) == "1.000000)" && $(NF - 2) == "(1.000000,", "Rosenbrock minimum is (1, 1): " $0)
        want($NF == "converged", "not converged: " $0)
        want($(NF - 3) + 0 < 1e-10, "final f should be ~0: " $0)
        # each Newton iteration needs a 2x2 Hessian: 3 hyper-dual passes
        if ($0 ~ /^newton/) want($(NF - 5) >= 3 * $(NF - 8), "a 2x2 Hessian per iteration is 3 hyper-dual passes each: " $0)
        want($(NF - 4) == $(NF - 6) + $(NF - 5), "passes = dual + hyper: " $0)
        rrows++
    }
    /^pure Newton/ { pure = 1; next }
    pure && $1 ~ /^[0-9]+$/ && NF == 3 {
        # the full Newton step on sqrt(1 + x^2) is x -> -x^3
        i = $1 + 0; x[i] = $2 + 0
        if (i == 0) want(x[0] == 1.5, "start should be 1.5")
        if (i >= 1 && i <= 3) want(near(x[i], -x[i - 1] ^ 3, 1e-10), "pure Newton iterate " i " = " $2 ", expected " (-x[i - 1] ^ 3))
        if (i >= 1) want(abs(x[i]) > abs(x[i - 1]), "pure Newton should diverge: |x" i "| = " $2)
        want(near($3, -x[i] ^ 3, 1e-12), "predicted -x^3 at " i)
        prows++
    }
    /never worse than the start/ { pure = 0; r = $NF; sub(/\)$/, "", r); want(r == "1.5", "returned x should be the start 1.5: " $NF) }
    /^default Newton/ { want($0 ~ /< 1e-12: yes, f = 1 after/ && $NF == "converged", "safeguarded Newton should reach 0: " $0); dn = 1 }
    /Hessian eigenvalues -2 and 2: saddle/ { want(index($0, "gradient (0, 0)") > 0, "saddle gradient: " $0); sad++ }
    /gradient descent from \(0, 0\)/ { want($0 ~ /stays at \(0, 0\)/ && $0 ~ /saddle/, "GD at the saddle: " $0); sad++ }
    /Newton from \(0, 0\)/ {
        y = $8; gsub(/[(),]/, "", y); x0 = $7; gsub(/[(),]/, "", x0)
        want(abs(x0) < 1e-6 && near(abs(y), sqrt(2), 1e-6), "minimum at (0, +-sqrt 2): " $0)
        want($11 + 0 == -1, "minimum value -1: " $0); want($NF == "converged", "Newton at saddle: " $0)
        sad++
    }
    /there: Hessian eigenvalues/ { want($4 + 0 == 2 && $6 + 0 == 4 && $NF == "minimum", "Hessian at (0, sqrt 2) is diag(2, 4): " $0); sad++ }
    END {
        want(qrows == 3, "quadratic rows: " qrows); want(rrows == 4, "Rosenbrock rows: " rrows)
        want(prows >= 4, "pure Newton rows: " prows); want(dn, "no default Newton line"); want(sad == 4, "saddle lines: " sad)
    }'
}

check_random_search_vs_gradient() {
    run random_search_vs_gradient || return
    check random_search_vs_gradient "$AWKLIB"'
    /loss is ln 2 = / { want(near($NF, log(2), 1e-14), "ln 2 printed as " $NF) }
    /hand-written gradient at the minimum|stopped above the target/ { want(0, $0) }
    $1 ~ /^[0-9]+$/ && NF >= 9 {
        # params f0 minimum gap target GD-iterations GD-passes fixed adaptive
        n = $1; want(near($2, log(2), 1e-9), "loss at w = 0 is ln 2 (softplus(0)): " $2)
        want($3 + 0 < log(2), "minimum below ln 2: " $3)
        if (n in fmin) want($3 == fmin[n], "same minimum for both gaps: " $0); fmin[n] = $3
        want(near($5, $3 + $4 * ($2 - $3), 2e-6), "target = minimum + gap (ln 2 - minimum): " $0)
        want($6 > 0 && $7 > $6, "GD iterations and passes: " $0)
        adaptive = $NF; fixed = $(NF - 1)
        if ($(NF - 2) == ">") fixed = 1e99
        want(adaptive > $7, "the text says random search needs more passes than GD: " $0)
        want(fixed + 0 >= adaptive + 0 || $4 > 1e-3, "fixed step should not beat the adaptive one at the small gap: " $0)
        rows++
    }
    END { want(rows == 6, "expected 6 rows, saw " rows) }'
}

check_train_tiny_model() {
    run train_tiny_model || return
    check train_tiny_model "$AWKLIB"'
    /^iteration/ { curve = 1; next }
    curve && $1 ~ /^[0-9]+$/ {
        if ($1 == 0) { want(near($2, log(2), 1e-11) && near($5, log(2), 1e-11), "loss at w = 0 is ln 2: " $0) }
        # a line search accepts only decreases
        if (prev_gd != "") want($2 + 0 <= prev_gd, "GD loss went up: " $0); prev_gd = $2 + 0
        if (NF >= 6) { if (prev_nt != "") want($5 + 0 <= prev_nt, "Newton loss went up: " $0); prev_nt = $5 + 0 }
        crows++
    }
    # gradient descent computes no Hessian, so it cannot show a minimum
    /^\(stopped/ { curve = 0; want($0 ~ /descent stationary, not proven a minimum, Newton converged/, $0) }
    $1 ~ /^[0-9]+$/ && ($2 == "gradient" || $2 == "Newton") {
        np = $1; m = ($2 == "Newton") ? "newton" : "gd"; o = (m == "gd") ? 1 : 0
        it = $(3 + o); f = $(4 + o); d = $(5 + o); h = $(6 + o); p = $(7 + o); loss[m] = $(8 + o)
        want(p == d + h, "passes = dual + hyper: " $0)
        # every Newton iteration needs a Hessian of n(n+1)/2 hyper-dual passes
        if (m == "newton") want(h >= it * np * (np + 1) / 2, "a Hessian per iteration costs n(n+1)/2 = " np * (np + 1) / 2 " passes: " $0)
        cost[m] = f + d + h; sizes++
    }
    /fewer passes:/ {
        want(near(loss["gd"], loss["newton"], 1e-8), "both should reach the same minimum: " loss["gd"] " vs " loss["newton"])
        win = cost["gd"] < cost["newton"] ? "gradient" : "Newton"
        want($3 == win, "winner should be " win ": " $0)
        if (first == "") first = $3; last = $3; wins++
    }
    END {
        want(crows >= 6, "loss curve rows: " crows); want(sizes == 8 && wins == 4, "cost table incomplete")
        want(first == "Newton" && last == "gradient", "the text says Newton wins small models and GD large ones: " first ", " last)
    }'
}

check_hessian_check() {
    run hessian_check || return
    check hessian_check "$AWKLIB"'
    BEGIN { x = 0.5; z = 0.8; e = exp(x * z); right = (1 + x * z) * e; wrong = x * z * e }
    /^gradient / || /^Hessian  / { want($2 == 0, "correct derivatives flagged: " $0); ok++ }
    /^Hessian with the mistake/ {
        # d2f/dxdz and d2f/dzdx are both wrong
        want($5 == 2, "two entries are wrong: " $0)
        want($0 ~ /worst at \((0, 2|2, 0)\)/, "the wrong entry is (0, 2): " $0)
        u = $(NF - 2); sub(/,$/, "", u)
        want(near(u, wrong, 1e-11) && near($NF, right, 1e-9), "user " u " vs exact " $NF)
        want(near($6, right - wrong, 1e-2), "error size: " $6)
        bad = 1
    }
    /^d2f\/dxdz/ {
        ex = $3; sub(/,$/, "", ex); fd = $6
        want(near(ex, right, 1e-14), "exact d2f/dxdz " ex " vs (1 + xz) e^(xz) = " right)
        want(abs(fd - right) < 1e-7, "central difference " fd)
        fdl = 1
    }
    END { want(ok == 2 && bad && fdl, "incomplete output") }'
}

# The exponential decay fit against an independent fit of the same 40 points
# (`curve_fit --csv`): scipy 1.10.1, scipy.optimize.curve_fit(lambda t, A, k,
# c: A*exp(-k*t) + c, t, y, p0=[2, 1, 0]) with the exact Jacobian and
# xtol = ftol = gtol = 1e-15, computed once (Debian 12's python3-scipy):
#   A = 5.05819727959726, k = 0.702163413522831, c = 1.00183316605833,
#   standard errors 0.0316832198606, 0.0086159368238, 0.0106096553225,
#   RSS 0.0727991135686143.
# (With its defaults, finite differences and tolerance 1.5e-8, curve_fit
# gives the same to 1e-9 in the parameters and 2e-7 in the errors.) The
# parameters must agree to 1e-6, the errors to 1e-3 (relative), and the true
# values (5, 0.7, 1) must lie within 4 standard errors.
check_curve_fit() {
    run curve_fit || return
    check curve_fit "$AWKLIB"'
    BEGIN {
        ref["A"] = 5.05819727959726; ref["k"] = 0.702163413522831; ref["c"] = 1.00183316605833
        se["A"] = 0.0316832198606; se["k"] = 0.0086159368238; se["c"] = 0.0106096553225
        truth["A"] = 5; truth["k"] = 0.7; truth["c"] = 1
    }
    /^Levenberg-Marquardt/ { want($0 ~ /: converged/, "the fit did not converge: " $0); status = 1 }
    ($1 == "A" || $1 == "k" || $1 == "c") && NF == 4 {
        want(abs($2 - ref[$1]) <= 1e-6, $1 " = " $2 ", scipy " ref[$1])
        want(abs($3 - se[$1]) <= 1e-3 * se[$1], "standard error of " $1 " = " $3 ", scipy " se[$1])
        want(abs($2 - truth[$1]) <= 4 * $3, $1 " = " $2 " is more than 4 errors from " truth[$1])
        rows++
    }
    /^RSS = / { want(abs($3 - 0.0727991135686143) <= 1e-9, "RSS " $3); want($5 == 37, "dof " $5); rss = 1 }
    /^(gauss-newton|levenberg-marquardt|newton) / { want($2 == "converged", $1 " did not converge: " $0); methods++ }
    END { want(status && rows == 3 && rss && methods == 3, "incomplete output") }'
}

if [ $# -eq 0 ]; then
    set -- limit nudge rules gd_vs_newton random_search_vs_gradient train_tiny_model hessian_check curve_fit
fi
for ex in "$@"; do "check_$ex"; done
[ "$failures" -eq 0 ]
