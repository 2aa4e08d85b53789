/* The vector types against the scalar ones, kernel by kernel, generated from
 * the rule table: lane k of hd_dualv, hd_dual4 or hd_dual2 (hd_hyperv) seeded like an hd_dual
 * (hd_hyper), and entry (i, j) of hd_hyper4's or hd_hyper2's packed Hessian
 * seeded like an hd_hyper with d1 = lane i, d2 = lane j, must give what that scalar kernel gives, for every row, at
 * ordinary points, domain edges and kinks, with zero and non-zero tangents.
 * The two are built from the same row by different primitives, so this is
 * the check that the lane primitives apply the chain rule as the scalar ones
 * do. Expected bit for bit under the default flags; 1e-14 relative plus
 * 1e-15 absolute is accepted, because with -ffp-contract=fast the scalar and
 * the vector code may fuse different products into an fma, and where two
 * O(1) terms cancel (logaddexp's partials at -0.7, 0) that moves the result
 * by ~1e-16 absolute. The seeds are O(1), so 1e-15 is still 10 ulps of them. */
#include <math.h>
#include <hyperdual.h>
#include "tests.h"

static const double points[] = {-2.5, -1.0, -0.7, -1e-3, -0.0, 0.0, 0.3, 0.5, 1.0, 2.2, 40.0};
#define NP (sizeof points / sizeof *points)

static void agree(const char *fn, const char *part, double x, double y, double got, double want)
{
    const int ok = (isnan(got) && isnan(want)) || got == want
                   || fabs(got - want) <= 1e-14 * fmax(fabs(got), fabs(want)) + 1e-15;
    ck_assert_msg(ok, "%s(%g, %g) %s: lanes %.17g, scalar %.17g", fn, x, y, part, got, want);
}

/* tangent of lane k (some lanes zero, some negative) */
static double tan1(int k) { return k % 3 == 1 ? 0.0 : 1.0 - 0.375 * k; }
static double tan2(int k) { return k % 2 ? 0.75 + 0.5 * k : -1.25; }

/* For the first-order lane type hd_S (K lanes): S_at(x, scale), the
 * value x with lane k's tangent scale·tan1(k), and cmp_S(), which compares
 * every lane of a result with the scalar kernel seeded like that lane. */
#define FIRST_ORDER_LANES(S, K)                                                         \
    static hd_##S S##_at(double x, double scale)                                        \
    {                                                                                   \
        hd_##S a = hd_##S##_const(x);                                                   \
        for (int k = 0; k < (K); k++) HD_LANE(a.d, k) = scale * tan1(k);                \
        return a;                                                                       \
    }                                                                                   \
    static void cmp_##S(const char *fn, double x, double y, hd_##S v,                   \
                        hd_dual (*scalar)(int k, void *), void *arg)                    \
    {                                                                                   \
        for (int k = 0; k < (K); k++) {                                                 \
            const hd_dual s = scalar(k, arg);                                           \
            agree(fn, "val", x, y, v.val, s.val);                                       \
            agree(fn, "lane of " #S, x, y, HD_LANE(v.d, k), s.d1);                      \
        }                                                                               \
    }
FIRST_ORDER_LANES(dualv, HD_LANES)
FIRST_ORDER_LANES(dual4, 4)
FIRST_ORDER_LANES(dual2, 2)
static hd_hyperv hyperv_at(double x, double d1, double scale)
{
    hd_hyperv a = hd_hyperv_const(x);
    a.d1 = d1;
    for (int k = 0; k < HD_HYPERV_LANES; k++) {
        HD_LANE(a.d2, k) = scale * tan2(k);
        HD_LANE(a.d12, k) = scale * tan1(k + 1);
    }
    return a;
}
static hd_hyper hyper_lane(hd_hyperv a, int k) { return hd_hyper_make(a.val, a.d1, HD_LANE(a.d2, k), HD_LANE(a.d12, k)); }

/* A packed kind hd_S (K lanes of g, E entries of h, entry e the product of
 * lanes ROW(e) and COL(e)): S_at(x, scale, shift), lanes scale·tan1(k +
 * shift) (lane 1 - shift mod 3 zero) and entries scale·tan2(e + shift);
 * S_entry(a, e), entry e as the hd_hyper it stands for; cmp_S(), which
 * compares every entry of a result with the scalar kernel seeded like it. */
#define PACKED_KIND(S, K, E, ROW, COL)                                                  \
    static hd_##S S##_at(double x, double scale, int shift)                             \
    {                                                                                   \
        hd_##S a = hd_##S##_const(x);                                                   \
        for (int k = 0; k < (K); k++) HD_LANE(a.g, k) = scale * tan1(k + shift);        \
        for (int e = 0; e < (E); e++) HD_LANE(a.h, e) = scale * tan2(e + shift);        \
        return a;                                                                       \
    }                                                                                   \
    static hd_hyper S##_entry(hd_##S a, int e)                                          \
    {                                                                                   \
        return hd_hyper_make(a.val, HD_LANE(a.g, ROW(e)), HD_LANE(a.g, COL(e)),         \
                             HD_LANE(a.h, e));                                          \
    }                                                                                   \
    static void cmp_##S(const char *fn, double x, double y, hd_##S v,                   \
                        hd_hyper (*scalar)(int e, void *), void *arg)                   \
    {                                                                                   \
        for (int e = 0; e < (E); e++) {                                                 \
            const hd_hyper s = scalar(e, arg);                                          \
            agree(fn, "val of " #S, x, y, v.val, s.val);                                \
            agree(fn, "row lane of " #S, x, y, HD_LANE(v.g, ROW(e)), s.d1);             \
            agree(fn, "column lane of " #S, x, y, HD_LANE(v.g, COL(e)), s.d2);          \
            agree(fn, "entry of " #S, x, y, HD_LANE(v.h, e), s.d12);                    \
        }                                                                               \
    }
PACKED_KIND(hyper4, 4, 10, HD__H4_ROW, HD__H4_COL)
PACKED_KIND(hyper2, 2, 4, HD__H2_ROW, HD__H2_COL)
/* hd_hyper2's first operand: shift 2 leaves neither of its two lanes zero
 * (tan1(2), tan1(3)), so that products of two active lanes are checked;
 * the second operand takes shift 5 (tan1(5), tan1(6)), not proportional. */
#define H2_SHIFT 2
static void cmp_hyper(const char *fn, double x, double y, hd_hyperv v, hd_hyper (*scalar)(int k, void *), void *arg)
{
    for (int k = 0; k < HD_HYPERV_LANES; k++) {
        const hd_hyper s = scalar(k, arg);
        agree(fn, "val", x, y, v.val, s.val);
        agree(fn, "d1", x, y, v.d1, s.d1);
        agree(fn, "d2", x, y, HD_LANE(v.d2, k), s.d2);
        agree(fn, "d12", x, y, HD_LANE(v.d12, k), s.d12);
    }
}

/* ---- unary rows ---------------------------------------------------------------- */
typedef struct {
    hd_dual (*dual)(hd_dual);
    hd_hyper (*hyper)(hd_hyper);
    double x;
} unary_arg;
static hd_dual unary_dual(int k, void *p)
{
    const unary_arg *u = p;
    return u->dual(hd_dual_make(u->x, tan1(k)));
}
static hd_hyper unary_hyper(int k, void *p)
{
    const unary_arg *u = p;
    return u->hyper(hyper_lane(hyperv_at(u->x, 0.625, 1.0), k));
}
static hd_hyper unary_hyper4(int e, void *p)
{
    const unary_arg *u = p;
    return u->hyper(hyper4_entry(hyper4_at(u->x, 1.0, 0), e));
}
static hd_hyper unary_hyper2(int e, void *p)
{
    const unary_arg *u = p;
    return u->hyper(hyper2_entry(hyper2_at(u->x, 1.0, H2_SHIFT), e));
}
static void check_unary(const char *fn, hd_dual (*d)(hd_dual), hd_dualv (*dv)(hd_dualv),
                        hd_dual4 (*d4)(hd_dual4), hd_dual2 (*d2)(hd_dual2), hd_hyper (*h)(hd_hyper),
                        hd_hyperv (*hv)(hd_hyperv), hd_hyper4 (*h4)(hd_hyper4),
                        hd_hyper2 (*h2)(hd_hyper2))
{
    for (size_t i = 0; i < NP; i++) {
        unary_arg u = {d, h, points[i]};
        cmp_hyper4(fn, u.x, 0, h4(hyper4_at(u.x, 1.0, 0)), unary_hyper4, &u);
        cmp_hyper2(fn, u.x, 0, h2(hyper2_at(u.x, 1.0, H2_SHIFT)), unary_hyper2, &u);
        cmp_dualv(fn, u.x, 0, dv(dualv_at(u.x, 1.0)), unary_dual, &u);
        cmp_dual4(fn, u.x, 0, d4(dual4_at(u.x, 1.0)), unary_dual, &u);
        cmp_dual2(fn, u.x, 0, d2(dual2_at(u.x, 1.0)), unary_dual, &u);
        cmp_hyper(fn, u.x, 0, hv(hyperv_at(u.x, 0.625, 1.0)), unary_hyper, &u);
    }
}

/* ---- binary rows: number∘number, number∘real, real∘number ------------------------ */
typedef struct {
    hd_dual (*dd)(hd_dual, hd_dual);
    hd_dual (*dr)(hd_dual, double);
    hd_dual (*rd)(double, hd_dual);
    hd_hyper (*hh)(hd_hyper, hd_hyper);
    hd_hyper (*hr)(hd_hyper, double);
    hd_hyper (*rh)(double, hd_hyper);
    double x, y;
    int form; /* 0 both numbers, 1 second real, 2 first real */
} binary_arg;
static hd_dual binary_dual(int k, void *p)
{
    const binary_arg *b = p;
    const hd_dual a = hd_dual_make(b->x, tan1(k)), c = hd_dual_make(b->y, -0.5 * tan1(k + 2));
    return b->form == 0 ? b->dd(a, c) : b->form == 1 ? b->dr(a, b->y) : b->rd(b->x, c);
}
static hd_hyper binary_hyper(int k, void *p)
{
    const binary_arg *b = p;
    const hd_hyper a = hyper_lane(hyperv_at(b->x, 0.625, 1.0), k);
    const hd_hyper c = hyper_lane(hyperv_at(b->y, -1.5, -0.5), k);
    return b->form == 0 ? b->hh(a, c) : b->form == 1 ? b->hr(a, b->y) : b->rh(b->x, c);
}
/* The packed kinds' scalar references and their three forms of one binary row. */
#define PACKED_BINARY(S, SA, SC)                                                        \
    static hd_hyper binary_##S(int e, void *p)                                          \
    {                                                                                   \
        const binary_arg *b = p;                                                        \
        const hd_hyper a = S##_entry(S##_at(b->x, 1.0, SA), e);                         \
        const hd_hyper c = S##_entry(S##_at(b->y, -0.5, SC), e);                        \
        return b->form == 0 ? b->hh(a, c) : b->form == 1 ? b->hr(a, b->y) : b->rh(b->x, c); \
    }                                                                                   \
    typedef struct {                                                                    \
        hd_##S (*pp)(hd_##S, hd_##S);                                                   \
        hd_##S (*pr)(hd_##S, double);                                                   \
        hd_##S (*rp)(double, hd_##S);                                                   \
    } S##_forms;                                                                        \
    static void check_##S(const char *fn, binary_arg b, S##_forms f, double x, double y) \
    {                                                                                   \
        const hd_##S pa = S##_at(x, 1.0, SA), pc = S##_at(y, -0.5, SC);                 \
        const hd_##S q = b.form == 0 ? f.pp(pa, pc) : b.form == 1 ? f.pr(pa, y) : f.rp(x, pc); \
        cmp_##S(fn, x, y, q, binary_##S, &b);                                           \
    }
PACKED_BINARY(hyper4, 0, 2)
PACKED_BINARY(hyper2, H2_SHIFT, 5)
static void check_binary(const char *fn, binary_arg b, hyper4_forms h4, hyper2_forms h2,
                         hd_dualv (*vv)(hd_dualv, hd_dualv),
                         hd_dualv (*vr)(hd_dualv, double), hd_dualv (*rv)(double, hd_dualv),
                         hd_dual4 (*tt)(hd_dual4, hd_dual4), hd_dual4 (*tr)(hd_dual4, double),
                         hd_dual4 (*rt)(double, hd_dual4), hd_dual2 (*pp)(hd_dual2, hd_dual2),
                         hd_dual2 (*pr)(hd_dual2, double), hd_dual2 (*rp)(double, hd_dual2),
                         hd_hyperv (*ww)(hd_hyperv, hd_hyperv), hd_hyperv (*wr)(hd_hyperv, double),
                         hd_hyperv (*rw)(double, hd_hyperv))
{
    for (size_t i = 0; i < NP; i++)
        for (size_t j = 0; j < NP; j += 2) {
            b.x = points[i];
            b.y = points[j];
            hd_dualv a = dualv_at(b.x, 1.0), c = dualv_at(b.y, 1.0);
            for (int k = 0; k < HD_LANES; k++) HD_LANE(c.d, k) = -0.5 * tan1(k + 2);
            hd_dual4 a2 = dual4_at(b.x, 1.0), c2 = dual4_at(b.y, 1.0);
            for (int k = 0; k < 4; k++) HD_LANE(c2.d, k) = -0.5 * tan1(k + 2);
            hd_dual2 a1 = dual2_at(b.x, 1.0), c1 = dual2_at(b.y, 1.0);
            for (int k = 0; k < 2; k++) HD_LANE(c1.d, k) = -0.5 * tan1(k + 2);
            const hd_hyperv ha = hyperv_at(b.x, 0.625, 1.0), hc = hyperv_at(b.y, -1.5, -0.5);
            for (b.form = 0; b.form < 3; b.form++) {
                check_hyper4(fn, b, h4, b.x, b.y);
                check_hyper2(fn, b, h2, b.x, b.y);
                const hd_dualv v = b.form == 0 ? vv(a, c) : b.form == 1 ? vr(a, b.y) : rv(b.x, c);
                cmp_dualv(fn, b.x, b.y, v, binary_dual, &b);
                const hd_dual4 v2 = b.form == 0 ? tt(a2, c2) : b.form == 1 ? tr(a2, b.y) : rt(b.x, c2);
                cmp_dual4(fn, b.x, b.y, v2, binary_dual, &b);
                const hd_dual2 v1 = b.form == 0 ? pp(a1, c1) : b.form == 1 ? pr(a1, b.y) : rp(b.x, c1);
                cmp_dual2(fn, b.x, b.y, v1, binary_dual, &b);
                const hd_hyperv w = b.form == 0 ? ww(ha, hc) : b.form == 1 ? wr(ha, b.y) : rw(b.x, hc);
                cmp_hyper(fn, b.x, b.y, w, binary_hyper, &b);
            }
        }
}

START_TEST(lane_kernels_match_scalar_kernels)
{
#define CHECK_UNARY(name, cls, F, D, DD, NOTE)                                        \
    check_unary(#name, hd_##name##_dual, hd_##name##_dualv, hd_##name##_dual4, hd_##name##_dual2, \
                hd_##name##_hyper, hd_##name##_hyperv, hd_##name##_hyper4, hd_##name##_hyper2);
    HD_UNARY_RULES(CHECK_UNARY)
#define CHECK_BINARY(name, cls, F, FX, FY, FXX, FXY, FYY, NOTE)                      \
    {                                                                                 \
        const binary_arg b = {hd_##name##_dual, hd_##name##_dual_r, hd_##name##_r_dual,  \
                              hd_##name##_hyper, hd_##name##_hyper_r, hd_##name##_r_hyper, \
                              0, 0, 0};                                               \
        const hyper4_forms h4 = {hd_##name##_hyper4, hd_##name##_hyper4_r, hd_##name##_r_hyper4}; \
        const hyper2_forms h2 = {hd_##name##_hyper2, hd_##name##_hyper2_r, hd_##name##_r_hyper2}; \
        check_binary(#name, b, h4, h2, hd_##name##_dualv, hd_##name##_dualv_r, hd_##name##_r_dualv, \
                     hd_##name##_dual4, hd_##name##_dual4_r, hd_##name##_r_dual4,              \
                     hd_##name##_dual2, hd_##name##_dual2_r, hd_##name##_r_dual2,              \
                     hd_##name##_hyperv, hd_##name##_hyperv_r, hd_##name##_r_hyperv);  \
    }
    HD_BINARY_RULES(CHECK_BINARY)
}
END_TEST

/* powi and fma are compositions, not rows: the same comparison. */
START_TEST(lane_compositions_match_scalar)
{
    for (size_t i = 0; i < NP; i++) {
        const double x = points[i];
        for (int n = -3; n <= 5; n++) {
            const hd_dualv v = hd_powi(dualv_at(x, 1.0), n);
            const hd_hyperv w = hd_powi(hyperv_at(x, 0.625, 1.0), n);
            for (int k = 0; k < HD_LANES; k++) {
                const hd_dual s = hd_powi(hd_dual_make(x, tan1(k)), n);
                agree("powi", "lane", x, n, HD_LANE(v.d, k), s.d1);
            }
            for (int k = 0; k < HD_HYPERV_LANES; k++) {
                const hd_hyper s = hd_powi(hyper_lane(hyperv_at(x, 0.625, 1.0), k), n);
                agree("powi", "d12", x, n, HD_LANE(w.d12, k), s.d12);
            }
            const hd_hyper4 p = hd_powi(hyper4_at(x, 1.0, 0), n);
            for (int e = 0; e < 10; e++) {
                const hd_hyper s = hd_powi(hyper4_entry(hyper4_at(x, 1.0, 0), e), n);
                agree("powi", "entry of hyper4", x, n, HD_LANE(p.h, e), s.d12);
            }
            const hd_hyper2 p2 = hd_powi(hyper2_at(x, 1.0, H2_SHIFT), n);
            for (int e = 0; e < 4; e++) {
                const hd_hyper s = hd_powi(hyper2_entry(hyper2_at(x, 1.0, H2_SHIFT), e), n);
                agree("powi", "entry of hyper2", x, n, HD_LANE(p2.h, e), s.d12);
            }
        }
        const hd_hyper4 q = hd_fma(hyper4_at(x, 1.0, 0), hyper4_at(0.5, -1.0, 1), 2.0);
        for (int e = 0; e < 10; e++) {
            const hd_hyper s = hd_fma(hyper4_entry(hyper4_at(x, 1.0, 0), e),
                                      hyper4_entry(hyper4_at(0.5, -1.0, 1), e), 2.0);
            agree("fma", "entry of hyper4", x, 0.5, HD_LANE(q.h, e), s.d12);
        }
        const hd_hyper2 q2 = hd_fma(hyper2_at(x, 1.0, H2_SHIFT), hyper2_at(0.5, -1.0, 1), 2.0);
        for (int e = 0; e < 4; e++) {
            const hd_hyper s = hd_fma(hyper2_entry(hyper2_at(x, 1.0, H2_SHIFT), e),
                                      hyper2_entry(hyper2_at(0.5, -1.0, 1), e), 2.0);
            agree("fma", "entry of hyper2", x, 0.5, HD_LANE(q2.h, e), s.d12);
        }
        const hd_dualv f = hd_fma(dualv_at(x, 1.0), dualv_at(0.5, -1.0), 2.0);
        for (int k = 0; k < HD_LANES; k++) {
            const hd_dual s = hd_fma(hd_dual_make(x, tan1(k)), hd_dual_make(0.5, -tan1(k)), 2.0);
            agree("fma", "val", x, 0.5, f.val, s.val);
            agree("fma", "lane", x, 0.5, HD_LANE(f.d, k), s.d1);
        }
    }
}
END_TEST

Suite *make_lanes_suite(void)
{
    Suite *s = suite_create("lanes");
    TCase *tc = tcase_create("kernels");
    tcase_add_test(tc, lane_kernels_match_scalar_kernels);
    tcase_add_test(tc, lane_compositions_match_scalar);
    suite_add_tcase(s, tc);
    return s;
}
