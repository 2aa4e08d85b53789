// The C++ face, include/hyperdual.hpp, as a C++ user meets it: the generic
// names against the exported C mirrors (hd_call_*), the operators, the value
// comparisons, every kind, and templated objectives on every driver and path
// against hand formulas and against the same functions written in C with
// HD_GENERIC_OBJECTIVE (tests/cxx_c_side.c). Built and run by
// tests/cxx_test.sh with each C++ compiler, -Wall -Wextra -Wpedantic -Werror.
#include <hyperdual.hpp>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <type_traits>
#include <vector>

#include "cxx_c_side.h"

static int checks = 0, failures = 0;
static void check(bool ok, const char *what, int line)
{
    checks++;
    if (!ok) {
        failures++;
        std::printf("FAIL: tests/cxx_api.cc:%d: %s\n", line, what);
    }
}
#define CHECK(c) check((c), #c, __LINE__)

// the same bits, or both NaN
static bool same(double a, double b)
{
    return (a != a && b != b) || std::memcmp(&a, &b, sizeof a) == 0;
}
static bool same(hd_dual a, hd_dual b) { return same(a.val, b.val) && same(a.d1, b.d1); }
static bool same(hd_hyper a, hd_hyper b)
{
    return same(a.val, b.val) && same(a.d1, b.d1) && same(a.d2, b.d2) && same(a.d12, b.d12);
}
static bool near(double got, double want, double tol)
{
    return std::fabs(got - want) <= tol * (1.0 + std::fabs(want));
}
static bool all_same(const double *a, const double *b, std::size_t k)
{
    for (std::size_t i = 0; i < k; i++)
        if (!same(a[i], b[i])) return false;
    return true;
}

// ---- types: what each name returns --------------------------------------------------

static_assert(std::is_same<decltype(hd_sin(hd_dual())), hd_dual>::value, "hd_sin(hd_dual)");
static_assert(std::is_same<decltype(hd_mul(hd_hyper(), 2)), hd_hyper>::value, "hd_mul(hyper, int)");
static_assert(std::is_same<decltype(hd_mul(2.0f, hd_hyper())), hd_hyper>::value, "hd_mul(float, hyper)");
static_assert(std::is_same<decltype(hd_sin(2)), double>::value, "hd_sin(int) is libm's");
static_assert(std::is_same<decltype(hd_pow(2, 3)), double>::value, "hd_pow(int, int)");
static_assert(std::is_same<decltype(hd_powi(hd_dual(), 3)), hd_dual>::value, "hd_powi");
static_assert(std::is_same<decltype(hd_fma(1, hd_hyper(), 2.0)), hd_hyper>::value, "hd_fma mixed");
static_assert(std::is_same<decltype(hd_val(hd_hyper())), double>::value, "hd_val");
static_assert(std::is_same<decltype(hd_const<hd_dual>(2)), hd_dual>::value, "hd_const");
static_assert(std::is_same<decltype(hd_const<double>(2)), double>::value, "hd_const<double>");

// Every kind of the list has the operators, the standard names and the
// generic names, with the types of C's dispatch.
template <class T> struct kind_types {
    static const T &t();
    static_assert(std::is_same<decltype(t() + t()), T>::value, "+");
    static_assert(std::is_same<decltype(t() - 1), T>::value, "- int");
    static_assert(std::is_same<decltype(2.5 * t()), T>::value, "double *");
    static_assert(std::is_same<decltype(t() / 3L), T>::value, "/ long");
    static_assert(std::is_same<decltype(-t()), T>::value, "unary -");
    static_assert(std::is_same<decltype(+t()), T>::value, "unary +");
    static_assert(std::is_same<decltype(std::declval<T &>() += 1), T &>::value, "+=");
    static_assert(std::is_same<decltype(std::declval<T &>() *= t()), T &>::value, "*=");
    static_assert(std::is_same<decltype(t() < 1), bool>::value, "<");
    static_assert(std::is_same<decltype(1 == t()), bool>::value, "==");
    static_assert(std::is_same<decltype(sin(t())), T>::value, "sin");
    static_assert(std::is_same<decltype(pow(t(), 2)), T>::value, "pow(T, int)");
    static_assert(std::is_same<decltype(pow(2, t())), T>::value, "pow(int, T)");
    static_assert(std::is_same<decltype(fma(t(), 2, t())), T>::value, "fma");
    static_assert(std::is_same<decltype(abs(t())), T>::value, "abs");
    static_assert(std::is_same<decltype(hd_logaddexp(t(), 1)), T>::value, "hd_logaddexp");
    static_assert(std::is_same<decltype(hd_sigmoid(t())), T>::value, "hd_sigmoid");
    static const bool ok = true;
};
#define KIND_TYPES(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u)                    \
    static_assert(kind_types<T>::ok, #T);
HD__KINDS(KIND_TYPES, ~)

// ---- every rule on hd_dual and hd_hyper against the exported C mirrors ----------------

static const double points[] = {0.3, 1.7, -0.6, 0.0};
static const int npoints = sizeof points / sizeof *points;
static hd_dual dual_at(double v) { return hd_dual_make(v, 0.7); }
static hd_hyper hyper_at(double v) { return hd_hyper_make(v, 0.7, -1.3, 0.4); }

static void rules_against_c()
{
    int rules = 0;
    for (int i = 0; i < npoints; i++) {
        const double v = points[i], w = points[(i + 1) % npoints];
        const hd_dual a = dual_at(v), b = dual_at(w);
        const hd_hyper p = hyper_at(v), q = hyper_at(w);
#define UNARY_AGAINST_C(name, cls, F, D, DD, NOTE)                                              \
        CHECK(same(hd_##name(a), hd_call_##name##_dual(a)));                                   \
        CHECK(same(hd_##name(p), hd_call_##name##_hyper(p)));                                  \
        CHECK(same(hd_##name(v), hd_call_##name##_dual(a).val));                               \
        rules++;
        HD_UNARY_RULES(UNARY_AGAINST_C)
#define BINARY_AGAINST_C(name, cls, F, FX, FY, FXX, FXY, FYY, NOTE)                             \
        CHECK(same(hd_##name(a, b), hd_call_##name##_dual(a, b)));                             \
        CHECK(same(hd_##name(a, w), hd_call_##name##_dual_r(a, w)));                           \
        CHECK(same(hd_##name(v, b), hd_call_##name##_r_dual(v, b)));                           \
        CHECK(same(hd_##name(p, q), hd_call_##name##_hyper(p, q)));                            \
        CHECK(same(hd_##name(p, w), hd_call_##name##_hyper_r(p, w)));                          \
        CHECK(same(hd_##name(v, q), hd_call_##name##_r_hyper(v, q)));                          \
        CHECK(same(hd_##name(v, w), hd_call_##name##_dual(a, b).val));                         \
        rules++;
        HD_BINARY_RULES(BINARY_AGAINST_C)
        CHECK(same(hd_powi(p, -3), hd_call_powi_hyper(p, -3)));
        CHECK(same(hd_powi(a, 5), hd_call_powi_dual(a, 5)));
        CHECK(same(hd_fma(p, q, p), hd_call_fma_hyper(p, q, p)));
        CHECK(same(hd_fma(a, 2, 3), hd_call_fma_dual(a, hd_dual_const(2), hd_dual_const(3))));
        CHECK(same(hd_fma(2, 3, p), hd_call_fma_hyper(hd_hyper_const(2), hd_hyper_const(3), p)));
        CHECK(same(hd_fma(v, w, 1.0), std::fma(v, w, 1.0)));
    }
    CHECK(rules > 0);
    // abs, C++'s name that C's tgmath.h lacks, is fabs on both sides of 0
    CHECK(same(abs(hyper_at(-0.4)), hd_call_fabs_hyper(hyper_at(-0.4))));
    CHECK(same(abs(dual_at(0.4)), hd_call_fabs_dual(dual_at(0.4))));
    // by hand: (x^3 - 2x) at 2 has f = 4, f' = 10, f'' = 12
    const hd_hyper x = hd_hyper_var(2.0), f = hd_sub(hd_powi(x, 3), hd_mul(2, x));
    CHECK(f.val == 4 && f.d1 == 10 && f.d12 == 12);
}

// ---- operators -----------------------------------------------------------------------

static void operators()
{
    const hd_hyper a = hyper_at(0.8), b = hyper_at(-1.9);
    CHECK(same(a + b, hd_call_add_hyper(a, b)));
    CHECK(same(a - b, hd_call_sub_hyper(a, b)));
    CHECK(same(a * b, hd_call_mul_hyper(a, b)));
    CHECK(same(a / b, hd_call_div_hyper(a, b)));
    CHECK(same(-a, hd_call_neg_hyper(a)));
    CHECK(same(+a, a));
    CHECK(same(a * 3, hd_call_mul_hyper_r(a, 3.0)));
    CHECK(same(3 * a, hd_call_mul_r_hyper(3.0, a)));
    CHECK(same(1 - a, hd_call_sub_r_hyper(1.0, a)));
    CHECK(same(a / 2.5f, hd_call_div_hyper_r(a, 2.5)));
    CHECK(same(2 / a, hd_call_div_r_hyper(2.0, a)));
    hd_hyper c = a;
    c += b;
    CHECK(same(c, a + b));
    c -= 2;
    CHECK(same(c, a + b - 2));
    c *= a;
    CHECK(same(c, (a + b - 2) * a));
    c /= 4u;
    CHECK(same(c, (a + b - 2) * a / 4));
    const hd_dual d = dual_at(0.8), e = dual_at(-1.9);
    CHECK(same(d * e + d, hd_call_add_dual(hd_call_mul_dual(d, e), d)));
    // a product by hand: (x y)' = x' y + x y', (x y)'' over both seeds
    const hd_hyper x = hd_hyper_make(2, 1, 0, 0), y = hd_hyper_make(3, 0, 1, 0);
    const hd_hyper xy = x * y;
    CHECK(xy.val == 6 && xy.d1 == 3 && xy.d2 == 2 && xy.d12 == 1);
}

// Comparisons read the values only, as on plain doubles.
static void comparisons()
{
    const hd_dual lo = hd_dual_make(1, 5), hi = hd_dual_make(2, -5), lo2 = hd_dual_make(1, -7);
    CHECK(lo < hi && lo <= hi && hi > lo && hi >= lo && lo != hi);
    CHECK(!(hi < lo) && !(lo > hi) && !(lo == hi));
    CHECK(lo == lo2 && lo <= lo2 && lo >= lo2 && !(lo != lo2)); // derivatives ignored
    CHECK(lo < 2 && 2 > lo && lo == 1 && 1 == lo && lo != 0 && 0.5 <= lo && lo >= 1.0f);
    const hd_hyper n = hd_hyper_make(std::nan(""), 1, 1, 1);
    CHECK(!(n < 0) && !(n >= 0) && !(n == n) && n != n); // NaN as on doubles
    const hd_taped t = hd_taped_const(3);
    CHECK(t > 2 && t < hd_taped_const(4));
}

// ---- every kind: the value part of a body that uses the whole face ------------------

template <class T> static T everything(const T *x)
{
    using std::exp;
    using std::sin;
    T r = hd_const<T>(0.25);
    r += x[0] * x[1] - x[1] / 3 + 2 * x[0];
    r -= exp(x[0]) * sin(x[1]) + hd_sq(x[0]);
    r *= hd_powi(x[1], 2) + hd_fma(x[0], 2, x[1]);
    r /= 1 + hd_sigmoid(x[0]) + pow(abs(x[1]), 1.5);
    if (x[0] < x[1]) r = r + hd_logaddexp(x[0], x[1]);
    if (x[0] >= 10) r = -r;
    return r + fma(x[1], x[0], 1) + atan2(x[0], 2) + hd_val(x[0]);
}
static void every_kind()
{
    const double x[2] = {0.7, -1.4};
    const double want = everything(x);
    int kinds = 0;
#define KIND_VALUE(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u)                     \
    {                                                                                           \
        const T v[2] = {hd_const<T>(x[0]), hd_const<T>(x[1])};                                 \
        CHECK(hd_val(everything(v)) == want);                                                  \
        kinds++;                                                                                \
    }
    HD__KINDS(KIND_VALUE, ~)
    CHECK(kinds == HD_KIND_COUNT - 1);
}

// ---- objectives: templated functors ---------------------------------------------------

// exp(x0 x1) + c x1^2, as cxx_c_side.c's bump, operation for operation.
struct Bump {
    double c;
    template <class T> T operator()(const T *x) const { return exp(x[0] * x[1]) + c * hd_sq(x[1]); }
};
// Rosenbrock, as cxx_c_side.c's rosen.
struct Rosen {
    template <class T> T operator()(const T *x) const
    {
        const T a = 1 - x[0];
        const T b = x[1] - hd_sq(x[0]);
        return hd_sq(a) + 100 * hd_sq(b);
    }
};
// Rosenbrock with operators only, for the hand formulas.
struct RosenOps {
    template <class T> T operator()(const T *x) const
    {
        return (1 - x[0]) * (1 - x[0]) + 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]);
    }
};
// sum cos(x_i) x_{i+1 mod n}: sees n, as cxx_c_side.c's ring. Its names are
// none of the examples' (and some are the header's own).
struct Ring {
    template <class Number> Number operator()(const Number *ctx, std::size_t obj_) const
    {
        Number fn_ = hd_const<Number>(0.0);
        for (std::size_t n = 0; n < obj_; n++) fn_ += cos(ctx[n]) * ctx[(n + 1) % obj_];
        return fn_;
    }
};

// The hand formulas.
static void bump_hand(double c, const double *x, double *f, double *g, double *h)
{
    const double e = std::exp(x[0] * x[1]);
    *f = e + c * x[1] * x[1];
    g[0] = x[1] * e;
    g[1] = x[0] * e + 2 * c * x[1];
    h[0] = x[1] * x[1] * e;
    h[1] = h[2] = (1 + x[0] * x[1]) * e;
    h[3] = x[0] * x[0] * e + 2 * c;
}
static void rosen_hand(const double *x, double *f, double *g, double *h)
{
    const double u = 1 - x[0], v = x[1] - x[0] * x[0];
    *f = u * u + 100 * v * v;
    g[0] = -2 * u - 400 * x[0] * v;
    g[1] = 200 * v;
    h[0] = 2 - 400 * x[1] + 1200 * x[0] * x[0];
    h[1] = h[2] = -400 * x[0];
    h[3] = 200;
}
static void ring_hand(std::size_t n, const double *x, double *f, double *g, double *h)
{
    *f = 0;
    for (std::size_t k = 0; k < n * n; k++) h[k] = 0;
    for (std::size_t k = 0; k < n; k++) {
        const std::size_t up = (k + 1) % n, down = (k + n - 1) % n;
        *f += std::cos(x[k]) * x[up];
        g[k] = -std::sin(x[k]) * x[up] + std::cos(x[down]);
        h[k * n + k] = -std::cos(x[k]) * x[up];
        h[k * n + up] = h[up * n + k] = -std::sin(x[k]);
    }
}
static bool all_near(const double *got, const double *want, std::size_t k, double tol)
{
    for (std::size_t i = 0; i < k; i++)
        if (!near(got[i], want[i], tol)) return false;
    return true;
}

// Every driver and every path on one objective: the same bits as the C path,
// and the hand formulas to tol. `cxx` and `c` are const hd_objective *.
struct Hand {
    double f;
    std::vector<double> g, h;
};
static void all_drivers(const char *name, const hd_objective *cxx, const hd_objective *c,
                        const double *x, const Hand &want, double tol)
{
    const std::size_t n = cxx->n;
    std::vector<double> g(n), h(n * n), gc(n), hc(n * n), v(n), w(n), hv(n), hvc(n);
    for (std::size_t i = 0; i < n; i++) {
        v[i] = 0.5 - 0.25 * (double)i;
        w[i] = 1.0 + (double)(i % 3);
    }
    double f = 0, fc = 0;
    std::printf("# %s, n = %zu\n", name, n);

    CHECK(hd_value(cxx, x, &f) == HD_OK && hd_value(c, x, &fc) == HD_OK);
    CHECK(same(f, fc) && near(f, want.f, tol));
    CHECK(cxx->f && cxx->f_dual && cxx->f_hyper && cxx->bodies); // the contract's members
    // ... which serve their kinds alone: no second copy of them in the table
    CHECK(!cxx->bodies->value && !cxx->bodies->dual && !cxx->bodies->hyper && cxx->bodies->hyper4);
    CHECK(same(cxx->f(x, cxx->ctx), f));

    const hd_path gpaths[] = {HD_PATH_AUTO, HD_PATH_SCALAR, HD_PATH_LANES, HD_PATH_NARROW,
                              HD_PATH_TAPE};
    for (hd_path p : gpaths) {
        hd_counts k = hd_counts(), kc = hd_counts();
        CHECK(hd_gradient_ex(cxx, x, &f, g.data(), p, &k) == HD_OK);
        CHECK(hd_gradient_ex(c, x, &fc, gc.data(), p, &kc) == HD_OK);
        CHECK(same(f, fc) && all_same(g.data(), gc.data(), n));
        CHECK(all_near(g.data(), want.g.data(), n, tol));
        CHECK(std::memcmp(&k, &kc, sizeof k) == 0); // the same passes of the same kinds
        // the path's own kind answered, so its body in the C++ table ran
        if (p == HD_PATH_SCALAR) CHECK(k.dual_calls == (long)n);
        if (p == HD_PATH_LANES) CHECK(k.dualv_calls > 0);
        if (p == HD_PATH_NARROW) CHECK(k.dual2_calls + k.dual4_calls > 0);
        if (p == HD_PATH_TAPE) CHECK(k.taped_calls > 0);
    }
    CHECK(hd_gradient(cxx, x, &f, g.data()) == HD_OK && all_near(g.data(), want.g.data(), n, tol));

    const hd_path hpaths[] = {HD_PATH_AUTO, HD_PATH_SCALAR, HD_PATH_LANES, HD_PATH_SPARSE,
                              HD_PATH_TAPE};
    for (hd_path p : hpaths) {
        hd_counts k = hd_counts(), kc = hd_counts();
        CHECK(hd_hessian_ex(cxx, x, &f, g.data(), h.data(), p, &k) == HD_OK);
        CHECK(hd_hessian_ex(c, x, &fc, gc.data(), hc.data(), p, &kc) == HD_OK);
        CHECK(same(f, fc) && all_same(g.data(), gc.data(), n) && all_same(h.data(), hc.data(), n * n));
        CHECK(near(f, want.f, tol) && all_near(g.data(), want.g.data(), n, tol));
        CHECK(all_near(h.data(), want.h.data(), n * n, tol));
        CHECK(std::memcmp(&k, &kc, sizeof k) == 0);
        if (p == HD_PATH_SCALAR) CHECK(k.hyper_calls == (long)(n * (n + 1) / 2));
        if (p == HD_PATH_LANES) CHECK(k.hyperv_calls > 0);
        if (p == HD_PATH_SPARSE) CHECK(k.pattern_calls + k.taped_calls + k.hyperv_calls > 0);
        if (p == HD_PATH_TAPE) CHECK(k.taped_calls > 0);
    }
    CHECK(hd_hessian(cxx, x, &f, g.data(), h.data()) == HD_OK);
    CHECK(all_near(h.data(), want.h.data(), n * n, tol));

    // the pattern from hd_pattern passes of the C++ body, and its entries
    hd_sparsity *sp = nullptr, *spc = nullptr;
    CHECK(hd_sparsity_detect(cxx, x, &sp) == HD_OK && hd_sparsity_detect(c, x, &spc) == HD_OK);
    if (sp && spc) {
        CHECK(sp->nnz == spc->nnz && sp->ncolors == spc->ncolors);
        std::vector<double> vals(sp->nnz);
        CHECK(hd_sparse_hessian(cxx, sp, x, nullptr, nullptr, vals.data(), nullptr) == HD_OK);
        bool ok = true;
        for (std::size_t i = 0; i < n; i++)
            for (std::size_t t = sp->row_start[i]; t < sp->row_start[i + 1]; t++)
                ok = ok && near(vals[t], want.h[i * n + sp->col[t]], tol);
        CHECK(ok);
        std::size_t nonzero = 0;
        for (double e : want.h) nonzero += e != 0;
        CHECK(sp->nnz >= nonzero);
    }
    hd_sparsity_free(sp);
    hd_sparsity_free(spc);

    // the further drivers
    double dv = 0, dvc = 0, gv = 0, gw = 0, vhw = 0, want_dv = 0, want_vhw = 0;
    for (std::size_t i = 0; i < n; i++) {
        want_dv += want.g[i] * v[i];
        for (std::size_t j = 0; j < n; j++) want_vhw += v[i] * want.h[i * n + j] * w[j];
    }
    CHECK(hd_directional(cxx, x, v.data(), &f, &dv) == HD_OK);
    CHECK(hd_directional(c, x, v.data(), &fc, &dvc) == HD_OK);
    CHECK(same(dv, dvc) && near(dv, want_dv, tol));
    CHECK(hd_directional2(cxx, x, v.data(), w.data(), &f, &gv, &gw, &vhw) == HD_OK);
    CHECK(near(gv, want_dv, tol) && near(vhw, want_vhw, tol));
    CHECK(hd_hessian_vector(cxx, x, v.data(), &f, g.data(), hv.data()) == HD_OK);
    CHECK(hd_hessian_vector(c, x, v.data(), &fc, gc.data(), hvc.data()) == HD_OK);
    CHECK(all_same(hv.data(), hvc.data(), n));
    bool hv_ok = true;
    for (std::size_t i = 0; i < n; i++) {
        double s = 0;
        for (std::size_t j = 0; j < n; j++) s += want.h[i * n + j] * v[j];
        hv_ok = hv_ok && near(hv[i], s, tol);
    }
    CHECK(hv_ok);
}

// hd_check_derivatives on a C++ objective: the hand gradient passes, a
// planted mistake is caught.
static void rosen_grad_cb(const double *x, double *out, void *)
{
    double f, h[4];
    rosen_hand(x, &f, out, h);
}
static void rosen_bad_grad_cb(const double *x, double *out, void *ctx)
{
    rosen_grad_cb(x, out, ctx);
    out[1] *= 1.001;
}

static void objectives()
{
    // Bump: c in the functor
    {
        const double c = 1.5, x[2] = {0.5, 2.0};
        const auto obj = hd::make_objective(2, Bump{c});
        const hd_objective cobj = cxx_c_bump(&c);
        Hand want{0, std::vector<double>(2), std::vector<double>(4)};
        bump_hand(c, x, &want.f, want.g.data(), want.h.data());
        all_drivers("bump", obj, &cobj, x, want, 1e-14);
    }
    // Rosenbrock, in the mirror form and with operators only
    {
        const double x[2] = {-1.2, 1.0};
        const auto obj = hd::make_objective(2, Rosen());
        const hd_objective cobj = cxx_c_rosen();
        Hand want{0, std::vector<double>(2), std::vector<double>(4)};
        rosen_hand(x, &want.f, want.g.data(), want.h.data());
        all_drivers("rosen", obj, &cobj, x, want, 1e-14);

        const auto ops = hd::make_objective(2, RosenOps());
        double f, g[2], h[4];
        CHECK(hd_hessian(ops, x, &f, g, h) == HD_OK);
        CHECK(near(f, want.f, 1e-14) && all_near(g, want.g.data(), 2, 1e-14) &&
              all_near(h, want.h.data(), 4, 1e-14));

        hd_derivative_error ge, ge_bad;
        CHECK(hd_check_derivatives(obj, x, rosen_grad_cb, nullptr, 1e-10, &ge, nullptr) == HD_OK);
        CHECK(ge.bad_entries == 0);
        CHECK(hd_check_derivatives(obj, x, rosen_bad_grad_cb, nullptr, 1e-10, &ge_bad, nullptr) ==
              HD_OK);
        CHECK(ge_bad.bad_entries == 1 && ge_bad.worst_row == 1);
    }
    // The ring: the functor sees n; n = 3 (the narrow and lane paths) and
    // n = 12 (the tape and sparse paths choose themselves)
    for (std::size_t n : {std::size_t(3), std::size_t(12)}) {
        std::vector<double> x(n);
        for (std::size_t i = 0; i < n; i++) x[i] = 0.3 + 0.17 * (double)i - 0.02 * (double)(i * i);
        const auto obj = hd::make_objective(n, Ring());
        const hd_objective cobj = cxx_c_ring(n);
        Hand want{0, std::vector<double>(n), std::vector<double>(n * n)};
        ring_hand(n, x.data(), &want.f, want.g.data(), want.h.data());
        all_drivers("ring", obj, &cobj, x.data(), want, 1e-14);
    }
}

// ---- hd_minimize on a C++ objective: every method, the C path's very iterates ---------

static void minimize()
{
    const auto obj = hd::make_objective(2, Rosen());
    const hd_objective cobj = cxx_c_rosen();
    const hd_method methods[] = {HD_GRADIENT_DESCENT, HD_NEWTON, HD_NEWTON_TRUST_REGION, HD_BFGS};
    for (hd_method m : methods) {
        hd_options opt;
        hd_options_default(&opt, m);
        if (m == HD_GRADIENT_DESCENT) opt.max_iter = 100000;
        opt.classify_final = 1; // first-order methods show a minimum only with a Hessian at the end
        double x[2] = {-1.2, 1.0}, xc[2] = {-1.2, 1.0};
        hd_result res = hd_result(), resc = hd_result();
        CHECK(hd_minimize(obj, x, &opt, &res) == HD_OK);
        CHECK(hd_minimize(&cobj, xc, &opt, &resc) == HD_OK);
        std::printf("# minimize %s: %s after %d iterations, passes %ld\n", hd_method_name(m),
                    hd_status_str(res.status), res.iterations, res.passes);
        CHECK(res.status == HD_CONVERGED && res.converged == 1);
        CHECK(res.point_kind == HD_POINT_MINIMUM);
        CHECK(near(x[0], 1.0, 1e-6) && near(x[1], 1.0, 1e-6));
        CHECK(all_same(x, xc, 2) && res.iterations == resc.iterations && same(res.f, resc.f));
        CHECK(std::memcmp(&res.counts, &resc.counts, sizeof res.counts) == 0);
    }
}

// ---- hd_jacobian through hd::vector_objective -----------------------------------------

struct Resid {
    template <class T> void operator()(const T *x, T *out) const
    {
        out[0] = hd_sq(x[0]) - x[1];
        out[1] = sin(x[0]) * x[1];
        out[2] = exp(x[1]) / x[0];
    }
};
static void jacobian()
{
    const auto F = hd::make_vector_objective(2, 3, Resid());
    const hd_vector_objective Fc = cxx_c_resid();
    const double x[2] = {0.9, -0.4};
    double fx[3], jac[6], fxc[3], jacc[6];
    CHECK(hd_jacobian(F, x, fx, jac) == HD_OK && hd_jacobian(&Fc, x, fxc, jacc) == HD_OK);
    CHECK(all_same(fx, fxc, 3) && all_same(jac, jacc, 6));
    const double e = std::exp(x[1]);
    const double want[6] = {2 * x[0], -1, std::cos(x[0]) * x[1], std::sin(x[0]),
                            -e / (x[0] * x[0]), e / x[0]};
    CHECK(all_near(jac, want, 6, 1e-15));
    CHECK(near(fx[2], e / x[0], 1e-15));
    CHECK(F.get()->n == 2 && F.get()->m == 3);
    // f and f_dual serve value and dual; hyper, which has no member, is in the table
    const hd_vbodies *t = F.get()->bodies;
    CHECK(!t->value && !t->dual && t->hyper && t->dualv);
}

// Least squares through a C++ functor: the sum of squares of y_i - a exp(-k t_i)
// at data made from (a, k) = (2, 0.5) exactly, so LM must return them, and the
// objective's gradient is 2 J^T r (J from hd_jacobian of the same functor).
struct Decay {
    double t[5], y[5];
    template <class T> void operator()(const T *p, T *out) const
    {
        for (int i = 0; i < 5; i++) out[i] = y[i] - p[0] * exp(-p[1] * t[i]);
    }
};
static void least_squares()
{
    Decay d = {{0, 1, 2, 3, 4}, {0, 0, 0, 0, 0}};
    for (int i = 0; i < 5; i++) d.y[i] = 2.0 * std::exp(-0.5 * d.t[i]);
    const auto F = hd::make_vector_objective(2, 5, d);
    hd_objective S;
    CHECK(hd_sum_of_squares(F, &S) == HD_OK);
    const double x0[2] = {1.0, 0.3};
    double f, g[2], r[5], jac[10];
    CHECK(hd_gradient(&S, x0, &f, g) == HD_OK && hd_jacobian(F, x0, r, jac) == HD_OK);
    for (int j = 0; j < 2; j++) {
        double want = 0.0;
        for (int i = 0; i < 5; i++) want += 2.0 * jac[i * 2 + j] * r[i];
        CHECK(near(g[j], want, 1e-14));
    }
    double x[2] = {1.0, 0.3};
    hd_options opt;
    hd_options_default(&opt, HD_LEVENBERG_MARQUARDT);
    hd_result res{};
    CHECK(hd_minimize(&S, x, &opt, &res) == HD_OK && res.converged);
    CHECK(near(x[0], 2.0, 1e-10) && near(x[1], 0.5, 1e-10));
}

// ---- copies, lifetime and the standards' conveniences ---------------------------------

static void copies()
{
    const double x[2] = {0.5, 2.0};
    double f0, g0[2], f1, g1[2];
    auto later = hd::make_objective(2, Bump{0.0}); // replaced below
    {
        auto first = hd::make_objective(2, Bump{3.0});
        CHECK(hd_gradient(first, x, &f0, g0) == HD_OK);
        auto second = first; // a copy bound to itself
        CHECK(second.get()->ctx == static_cast<const void *>(&second));
        later = second;      // assignment re-binds too
    }                        // first and second are gone
    CHECK(later.get()->ctx == static_cast<const void *>(&later));
    CHECK(hd_gradient(later, x, &f1, g1) == HD_OK);
    CHECK(same(f0, f1) && all_same(g0, g1, 2) && later.functor().c == 3.0);
    std::vector<hd::objective<Bump>> many;
    for (int i = 0; i < 8; i++) many.push_back(hd::make_objective(2, Bump{(double)i}));
    bool ok = true;
    for (int i = 0; i < 8; i++) {
        double f;
        ok = ok && hd_value(many[(std::size_t)i], x, &f) == HD_OK && same(f, std::exp(1.0) + 4.0 * i);
    }
    CHECK(ok); // moved as the vector grew, each still reads its own c
    // n changed through get(): a ring of 4 evaluates 4 terms
    auto ring = hd::make_objective(3, Ring());
    ring.get()->n = 4;
    const double y[4] = {0, 0, 0, 0};
    double f;
    CHECK(hd_value(ring, y, &f) == HD_OK && f == 0.0);
    const double z[4] = {0, 1, 1, 1};
    CHECK(hd_value(ring, z, &f) == HD_OK && near(f, 1 + std::cos(1.0) * 2 + std::cos(1.0) * 0, 1e-15));
}

#if __cplusplus >= 201402L
static void lambdas()
{
    // a generic lambda (C++14), capturing its data by reference
    const double c = 2.0;
    const auto obj = hd::make_objective(2, [&c](const auto *p) { return c * hd_sq(p[0]) + sin(p[1]); });
    const double x[2] = {1.5, 0.25};
    double f, g[2], h[4];
    CHECK(hd_hessian(obj, x, &f, g, h) == HD_OK);
    CHECK(near(g[0], 2 * c * x[0], 1e-15) && near(g[1], std::cos(x[1]), 1e-15));
    CHECK(near(h[0], 2 * c, 1e-15) && h[1] == 0 && near(h[3], -std::sin(x[1]), 1e-15));
    // one that sees n
    const auto sum = hd::make_objective(3, [](const auto *v, std::size_t dim) {
        auto s = v[0] * 0;
        for (std::size_t i = 0; i < dim; i++) s += v[i] * v[i] * (double)(i + 1);
        return s;
    });
    const double y[3] = {1, 2, 3};
    double gs[3];
    CHECK(hd_gradient(sum, y, &f, gs) == HD_OK && f == 1 + 8 + 27);
    CHECK(gs[0] == 2 && gs[1] == 8 && gs[2] == 18); // 2 (i + 1) y_i
}
#endif
#if __cplusplus >= 201703L
static void deduction()
{
    // C++17: the class template's arguments deduced
    const hd::objective obj(2, Rosen());
    const hd::vector_objective F(2, 3, Resid());
    const double x[2] = {1.0, 1.0};
    double f, g[2], jac[6];
    CHECK(hd_gradient(obj, x, &f, g) == HD_OK && f == 0 && g[0] == 0 && g[1] == 0);
    CHECK(hd_jacobian(F, x, nullptr, jac) == HD_OK && jac[0] == 2);
}
#endif

int main()
{
    rules_against_c();
    operators();
    comparisons();
    every_kind();
    objectives();
    minimize();
    jacobian();
    least_squares();
    copies();
#if __cplusplus >= 201402L
    lambdas();
#endif
#if __cplusplus >= 201703L
    deduction();
#endif
    std::printf("cxx_api (C++ %ld): %d checks, %d failed\n", (long)__cplusplus, checks, failures);
    return failures ? 1 : 0;
}
