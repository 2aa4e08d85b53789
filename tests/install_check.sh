#!/bin/sh
# installcheck (run by `make installcheck` and `make distcheck`): outside
# programs build against the installed hyperdual with exactly the README's line
#     cc -std=c11 prog.c -o prog $(pkg-config --cflags --libs hyperdual)
# plus warning flags (which do not change linking) and nothing else: no -lm
# of our own, so the .pc file must name everything the inline kernels need.
# Then `pkg-config --static` must link libhyperdual.a. (tests/doc_api.sh checks
# that the shared library exports only the HD_API names.)
# Arguments: CC LIBDIR (PKG_CONFIG_PATH points at LIBDIR/pkgconfig).
set -eu
cc=$1 libdir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
warn_flags="-Wall -Wextra -Wpedantic -Werror"

# readme_build NAME [LINK-ONLY FLAGS]: the README's line for $tmp/NAME.c.
readme_build() {
    name=$1; shift
    # shellcheck disable=SC2046,SC2086
    $cc -std=c11 $warn_flags "$tmp/$name.c" -o "$tmp/$name" "$@" \
        $(pkg-config --cflags --libs hyperdual) >"$tmp/$name.err" 2>&1
}
run() {
    LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$@"
}

# ---- 1. transcendental calls through the generic macros -------------------------
# exp, sin, log, lgamma and erf are inlined into this object file, so it needs
# libm from `pkg-config --libs`. Derivatives against closed forms: with
# u = x0 x2 and e(u) = 2/sqrt(pi) exp(-u^2) (the derivative of erf),
#   f = exp(x0) sin(x1) + log(x2) lgamma(x3) + erf(x0 x2),
# and at x3 = 5/2, digamma and trigamma are known exactly:
#   psi(5/2) = 8/3 - gamma - 2 ln 2,  psi'(5/2) = pi^2/2 - 40/9.
cat >"$tmp/transcendental.c" <<'C'
#include <hyperdual.h>
#include <math.h>
#include <stdio.h>

/* Parameter names the examples do not use: the macro takes any. */
HD_GENERIC_OBJECTIVE(mixed, S, w, data,
    (void)data;
    S a = hd_mul(hd_exp(w[0]), hd_sin(w[1]));
    S b = hd_mul(hd_log(w[2]), hd_lgamma(w[3]));
    return hd_add(hd_add(a, b), hd_erf(hd_mul(w[0], w[2])));
)

static int bad;
static void expect(const char *what, double got, double want)
{
    if (!(fabs(got - want) <= 1e-13 * fmax(1.0, fabs(want)))) {
        fprintf(stderr, "%s = %.17g, expected %.17g\n", what, got, want);
        bad = 1;
    }
}

int main(void)
{
    const double pi = 3.14159265358979323846, euler_gamma = 0.57721566490153286061;
    const double x0 = 0.3, x1 = 0.7, x2 = 1.9, x3 = 2.5;
    const double u = x0 * x2, e = 2 / sqrt(pi) * exp(-u * u);
    const double psi = 8.0 / 3 - euler_gamma - 2 * log(2.0), psi1 = pi * pi / 2 - 40.0 / 9;
    const double want_f = exp(x0) * sin(x1) + log(x2) * lgamma(x3) + erf(u);
    const double want_g[4] = {exp(x0) * sin(x1) + e * x2, exp(x0) * cos(x1),
                              lgamma(x3) / x2 + e * x0, log(x2) * psi};
    const double want_h[16] = {
        exp(x0) * sin(x1) - 2 * u * e * x2 * x2, exp(x0) * cos(x1), e * (1 - 2 * u * u), 0,
        exp(x0) * cos(x1), -exp(x0) * sin(x1), 0, 0,
        e * (1 - 2 * u * u), 0, -lgamma(x3) / (x2 * x2) - 2 * u * e * x0 * x0, psi / x2,
        0, 0, psi / x2, log(x2) * psi1};

    const hd_objective obj = mixed_objective(4, NULL);
    const double x[4] = {x0, x1, x2, x3};
    double f, g[4], h[16];
    if (hd_hessian(&obj, x, &f, g, h) != HD_OK) return 1;
    expect("f", f, want_f);
    for (int i = 0; i < 4; i++) {
        char what[16];
        snprintf(what, sizeof what, "g[%d]", i);
        expect(what, g[i], want_g[i]);
        for (int j = 0; j < 4; j++) {
            snprintf(what, sizeof what, "h[%d][%d]", i, j);
            expect(what, h[4 * i + j], want_h[4 * i + j]);
        }
    }
    if (bad) return 2;
    printf("installed hyperdual %s: exp, sin, log, lgamma, erf exact\n", hd_version());
    return 0;
}
C

# ---- 2. a vector objective and its Jacobian ---------------------------------------
# F(x) = (exp(x0) cos(x1), log(x0 x1), erf(x0) x1): row-major 3 x 2 Jacobian.
cat >"$tmp/jacobian.c" <<'C'
#include <hyperdual.h>
#include <math.h>
#include <stdio.h>

HD_GENERIC_VECTOR_OBJECTIVE(field, T, p, r, n,
    (void)n;
    r[0] = hd_mul(hd_exp(p[0]), hd_cos(p[1]));
    r[1] = hd_log(hd_mul(p[0], p[1]));
    r[2] = hd_mul(hd_erf(p[0]), p[1]);
)

int main(void)
{
    const double pi = 3.14159265358979323846, x0 = 0.4, x1 = 1.3;
    const double want_f[3] = {exp(x0) * cos(x1), log(x0 * x1), erf(x0) * x1};
    const double want_j[6] = {exp(x0) * cos(x1), -exp(x0) * sin(x1),
                              1 / x0, 1 / x1,
                              2 / sqrt(pi) * exp(-x0 * x0) * x1, erf(x0)};
    const hd_vector_objective F = field_vector_objective(2, 3, NULL);
    const double x[2] = {x0, x1};
    double fx[3], jac[6];
    if (hd_jacobian(&F, x, fx, jac) != HD_OK) return 1;
    for (int k = 0; k < 6; k++) {
        if (k < 3 && !(fabs(fx[k] - want_f[k]) <= 1e-15 * fmax(1.0, fabs(want_f[k])))) {
            fprintf(stderr, "F[%d] = %.17g, expected %.17g\n", k, fx[k], want_f[k]);
            return 2;
        }
        if (!(fabs(jac[k] - want_j[k]) <= 1e-14 * fmax(1.0, fabs(want_j[k])))) {
            fprintf(stderr, "J[%d][%d] = %.17g, expected %.17g\n", k / 2, k % 2, jac[k], want_j[k]);
            return 2;
        }
    }
    printf("installed hyperdual: vector objective's Jacobian exact\n");
    return 0;
}
C

# ---- 3. Newton's method and hd_classify, which call LAPACKE ------------------------
# f = (x0 - 1)^2 + exp(x1) - x1: minimum at (1, 0); the Hessian is
# diag(2, exp(x1)), so its eigenvalues at the returned point are exp(x1) and 2.
cat >"$tmp/newton.c" <<'C'
#include <hyperdual.h>
#include <math.h>
#include <stdio.h>

/* A body that knows its dimension and writes a constant of its type. */
HD_GENERIC_OBJECTIVE_N(bowl, T, x, n, params,
    (void)params;
    T s = hd_const(T, 0.5);
    for (size_t i = 0; i < n; i++) s = hd_add(s, i == 0 ? hd_sq(hd_sub(x[i], 1)) : hd_sub(hd_exp(x[i]), x[i]));
    return s;
)

int main(void)
{
    const hd_objective obj = bowl_objective(2, NULL);
    double x[2] = {3, 2}, h[4], lambda[2];
    hd_options opt;
    hd_options_default(&opt, HD_NEWTON);
    hd_result res = {0};
    hd_point_kind kind;
    if (hd_minimize(&obj, x, &opt, &res) != HD_OK || !res.converged) return 1;
    if (!(fabs(x[0] - 1) <= 1e-8 && fabs(x[1]) <= 1e-8)) return 2;
    if (!(fabs(res.f - 1.5) <= 1e-15)) return 6; /* 0.5 + (x0 - 1)^2 + e^x1 - x1 */
    if (hd_hessian(&obj, x, NULL, NULL, h) != HD_OK) return 3;
    if (hd_classify(2, h, lambda, &kind) != HD_OK || kind != HD_POINT_MINIMUM) return 4;
    if (!(fabs(lambda[0] - exp(x[1])) <= 1e-15 && fabs(lambda[1] - 2) <= 1e-15)) return 5;
    printf("Newton and hd_classify (LAPACKE): ok\n");
    return 0;
}
C

for prog in transcendental jacobian newton; do
    if ! readme_build "$prog"; then
        fail "$prog.c does not build with the README's line:"
        sed 's/^/  /' "$tmp/$prog.err" | head -20 >&2
    else
        run "$tmp/$prog" || fail "$prog exited with status $?"
    fi
done

# ---- 4. static linking ---------------------------------------------------------
# (a) libhyperdual.a beside the system's shared LAPACKE and BLAS: the .pc file
# alone in a directory that holds only the archive, so -lhyperdual can only
# mean libhyperdual.a.
stdir="$tmp/static"
mkdir "$stdir"
if ! cp "$libdir/libhyperdual.a" "$libdir/pkgconfig/hyperdual.pc" "$stdir/"; then
    fail "libhyperdual.a is not installed"
# shellcheck disable=SC2046
elif ! $cc -std=c11 $warn_flags "$tmp/newton.c" -o "$tmp/static_hd" \
        $(PKG_CONFIG_PATH="$stdir" pkg-config --define-variable=libdir="$stdir" \
          --static --cflags --libs hyperdual) >"$tmp/static.err" 2>&1; then
    fail "libhyperdual.a does not link with pkg-config --static:"
    sed 's/^/  /' "$tmp/static.err" | head -20 >&2
elif readelf -d "$tmp/static_hd" 2>/dev/null | grep -q 'NEEDED.*libhyperdual'; then
    fail "the static build still needs libhyperdual.so"
else
    printf 'libhyperdual.a, shared LAPACKE and BLAS: '
    "$tmp/static_hd" || fail "the program linked with libhyperdual.a exited with status $?"
fi

# (b) A fully static program (-static): needs every dependency's archive
# (liblapacke.a, libopenblas.a and, for OpenBLAS's LAPACK, libgfortran.a).
# Where the system lacks one, say which and skip this part.
# shellcheck disable=SC2046
if $cc -std=c11 $warn_flags -static "$tmp/newton.c" -o "$tmp/full_static" \
        $(pkg-config --static --cflags --libs hyperdual) >"$tmp/full.err" 2>&1; then
    if readelf -d "$tmp/full_static" 2>/dev/null | grep -q NEEDED; then
        fail "the -static build has dynamic dependencies"
    else
        printf 'fully static (-static): '
        "$tmp/full_static" || fail "the fully static program exited with status $?"
    fi
else
    missing=$(sed -n 's/.*cannot find -l\([^ :]*\).*/\1/p' "$tmp/full.err" | sort -u | tr '\n' ' ')
    case " $missing " in
    *" hyperdual "*|"  ")
        fail "the fully static link fails:"; sed 's/^/  /' "$tmp/full.err" | head -20 >&2 ;;
    *)  echo "SKIP fully static program: this system has no static archive for: $missing" ;;
    esac
fi

[ "$failures" -eq 0 ] || exit 1
echo "install check: ok"
