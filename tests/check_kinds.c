/* The list of kinds (kinds.h) and what it generates: the objective's table,
 * the macros' hygiene whatever names the caller picks, hd_const, the body
 * that knows n, and the counters (by name and by kind, summing to the
 * passes). Truth comes from hand formulas and from the list itself. */
#include <math.h>
#include <stddef.h>
#include <string.h>
#include <hyperdual.h>
#include "tests.h"

/* ---- one list: the nested copy must be the same rows ---------------------------------- */

#define ROW_TEXT(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u)                        \
    #T " " #S " " #ID " " #ORDER " " #LANES " " #COUNTER " " #KIND " " #FACE " " #MEMBER "\n"
START_TEST(the_nested_copy_of_the_list_is_the_list)
{
    static const char a[] = HD__KINDS(ROW_TEXT, ~);
    static const char b[] = HD__KINDS_B(ROW_TEXT, ~);
    ck_assert_str_eq(a, b);
    ck_assert_int_eq(HD_KIND_COUNT, 11);
}
END_TEST

/* Every kind has a name, every name is its suffix, and the names differ. */
#define NAME_CHECK(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u)                      \
    ck_assert_str_eq(hd_kind_name(KIND), #S);                                                   \
    seen |= 1u << KIND;
START_TEST(kinds_are_named_by_their_suffix)
{
    unsigned seen = 0;
    HD__EVAL_KINDS(NAME_CHECK, ~)
    ck_assert_uint_eq(seen, (1u << HD_KIND_COUNT) - 1);
    ck_assert_str_eq(hd_kind_name(HD_KIND_VALUE), "value");
    ck_assert_str_eq(hd_kind_name(HD_KIND_COUNT), "?");
    ck_assert_str_eq(hd_kind_name((hd_kind)-1), "?");
}
END_TEST

/* The counters by name and by kind are the same storage; passes are every
 * counter but f_calls, and tape_sweeps is not a pass. */
#define SET_COUNTER(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u)                     \
    c.COUNTER = 10 + KIND;                                                                      \
    ck_assert_int_eq(c.calls[KIND], 10 + KIND);
START_TEST(counters_by_name_and_by_kind_agree)
{
    hd_counts c = {0};
    HD__EVAL_KINDS(SET_COUNTER, ~)
    c.tape_sweeps = 1000;
    long expect = 0;
    for (int k = 1; k < HD_KIND_COUNT; k++) expect += 10 + k;
    ck_assert_int_eq(hd_counts_passes(&c), expect);
    ck_assert_int_eq(hd_counts_passes(NULL), 0);
    hd_result r;
    memset(&r, 0, sizeof r);
    r.counts = c;
    ck_assert_int_eq(r.dual_calls, c.calls[HD_KIND_DUAL]);
    ck_assert_int_eq(r.pattern_calls, c.calls[HD_KIND_PATTERN]);
    ck_assert_int_eq(r.tape_sweeps, 1000);
    ck_assert_int_eq(r.f_calls, 10);
}
END_TEST

/* ---- hygiene: any names for T, x, ctx (and n, out), the contract's member
 * names and the expansion's own names included ------------------------------------------ */

/* f = 2·d·x0·x1 + sin(x0): gradient (2 d x1 + cos x0, 2 d x0), H01 = 2d, H00 = -sin x0. */
HD_GENERIC_OBJECTIVE(named_data, T, w, data,
    const double d = *(const double *)data;
    return hd_add(hd_mul(hd_mul(w[0], w[1]), hd_const(T, 2.0 * d)), hd_sin(w[0]));)
HD_GENERIC_OBJECTIVE(named_members, f, ctx, n,
    const double d = *(const double *)n;
    return hd_add(hd_mul(hd_mul(ctx[0], ctx[1]), hd_const(f, 2.0 * d)), hd_sin(ctx[0]));)
HD_GENERIC_OBJECTIVE(named_internals, o_, n_, ctx_,
    const double d = *(const double *)ctx_;
    return hd_add(hd_mul(hd_mul(n_[0], n_[1]), hd_const(o_, 2.0 * d)), hd_sin(n_[0]));)
HD_GENERIC_OBJECTIVE(named_fields, bodies, size, f_hyper,
    const double d = *(const double *)f_hyper;
    return hd_add(hd_mul(hd_mul(size[0], size[1]), hd_const(bodies, 2.0 * d)), hd_sin(size[0]));)
HD_GENERIC_OBJECTIVE(named_params, S, p, params,
    const double d = *(const double *)params;
    return hd_add(hd_mul(hd_mul(p[0], p[1]), hd_const(S, 2.0 * d)), hd_sin(p[0]));)

static void expect_named(hd_objective obj, double d)
{
    const double x[2] = {0.7, -1.3};
    double f, g[2], h[4];
    ck_assert_int_eq(hd_hessian(&obj, x, &f, g, h), HD_OK);
    ck_assert_double_eq_tol(f, 2 * d * x[0] * x[1] + sin(x[0]), 1e-15);
    ck_assert_double_eq_tol(g[0], 2 * d * x[1] + cos(x[0]), 1e-15);
    ck_assert_double_eq_tol(g[1], 2 * d * x[0], 1e-15);
    ck_assert_double_eq_tol(h[0], -sin(x[0]), 1e-15);
    ck_assert_double_eq_tol(h[1], 2 * d, 1e-15);
    ck_assert_double_eq_tol(h[3], 0, 1e-15);
    /* the contract's members are callable directly, with the caller's ctx */
    ck_assert_double_eq_tol(obj.f(x, obj.ctx), f, 1e-15);
}

START_TEST(objective_macro_takes_any_names)
{
    double d = 1.5;
    expect_named(named_data_objective(2, &d), d);
    expect_named(named_members_objective(2, &d), d);
    expect_named(named_internals_objective(2, &d), d);
    expect_named(named_fields_objective(2, &d), d);
    expect_named(named_params_objective(2, &d), d);
}
END_TEST

/* r = (x0 - c, x0·x1): J = [1 0; x1 x0]. */
HD_GENERIC_VECTOR_OBJECTIVE(vnamed_data, T, p, out, data,
    out[0] = hd_sub(p[0], *(const double *)data);
    out[1] = hd_mul(p[0], p[1]);)
HD_GENERIC_VECTOR_OBJECTIVE(vnamed_members, f, n, m, ctx,
    m[0] = hd_sub(n[0], *(const double *)ctx);
    m[1] = hd_mul(n[0], n[1]);
    (void)sizeof(f);)
HD_GENERIC_VECTOR_OBJECTIVE(vnamed_internals, o_, n_, m_, ctx_,
    m_[0] = hd_sub(n_[0], *(const double *)ctx_);
    m_[1] = hd_mul(n_[0], n_[1]);
    (void)sizeof(o_);)

START_TEST(vector_macro_takes_any_names)
{
    double c = 0.25;
    const hd_vector_objective F[3] = {vnamed_data_vector_objective(2, 2, &c),
                                      vnamed_members_vector_objective(2, 2, &c),
                                      vnamed_internals_vector_objective(2, 2, &c)};
    for (int k = 0; k < 3; k++) {
        const double x[2] = {2.0, -3.0};
        double r[2], J[4];
        ck_assert_int_eq(hd_jacobian(&F[k], x, r, J), HD_OK);
        ck_assert_double_eq(r[0], 1.75);
        ck_assert_double_eq(r[1], -6.0);
        ck_assert_double_eq(J[0], 1.0);
        ck_assert_double_eq(J[1], 0.0);
        ck_assert_double_eq(J[2], -3.0);
        ck_assert_double_eq(J[3], 2.0);
    }
}
END_TEST

/* ---- a body that knows n ----------------------------------------------------------------- */

/* f = Σ c_i x_i² with c_i = i + 1: gradient 2 c_i x_i, Hessian diag(2 c_i). */
HD_GENERIC_OBJECTIVE_N(weighted, T, x, n, ctx,
    (void)ctx;
    T s = (T){0};
    for (size_t i = 0; i < n; i++) s = hd_add(s, hd_mul((double)(i + 1), hd_sq(x[i])));
    return s;)
/* The same with names that are the contract's members. */
HD_GENERIC_OBJECTIVE_N(weighted_named, f, ctx, n_, n,
    (void)n;
    f s = hd_const(f, 0.0);
    for (size_t i = 0; i < n_; i++) s = hd_add(s, hd_mul((double)(i + 1), hd_sq(ctx[i])));
    return s;)

START_TEST(a_body_sees_its_dimension)
{
    static const size_t sizes[] = {1, 2, 3, 5, 9, 20, 40};
    double x[40], g[40], h[1600], f;
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        const size_t n = sizes[k];
        for (size_t i = 0; i < n; i++) x[i] = 0.5 - 0.1 * (double)i;
        const hd_objective objs[2] = {weighted_objective(n, NULL), weighted_named_objective(n, NULL)};
        for (int o = 0; o < 2; o++) {
            /* the bodies need n: only the table, called through the drivers */
            ck_assert(objs[o].f_hyper == NULL && objs[o].f == NULL && objs[o].f_dual == NULL);
            ck_assert(objs[o].bodies->hyper != NULL);
            ck_assert_int_eq(hd_hessian(&objs[o], x, &f, g, h), HD_OK);
            double want = 0;
            for (size_t i = 0; i < n; i++) {
                want += (double)(i + 1) * x[i] * x[i];
                ck_assert_double_eq_tol(g[i], 2.0 * (double)(i + 1) * x[i], 1e-14);
                for (size_t j = 0; j < n; j++)
                    ck_assert_double_eq_tol(h[i * n + j], i == j ? 2.0 * (double)(i + 1) : 0.0, 1e-14);
            }
            ck_assert_double_eq_tol(f, want, 1e-14 * want);
            double v;
            ck_assert_int_eq(hd_value(&objs[o], x, &v), HD_OK);
            ck_assert_double_eq_tol(v, want, 1e-14 * want);
            ck_assert_int_eq(hd_gradient(&objs[o], x, &v, g), HD_OK);
            for (size_t i = 0; i < n; i++) ck_assert_double_eq_tol(g[i], 2.0 * (double)(i + 1) * x[i], 1e-14);
        }
    }
}
END_TEST

/* hd_const gives a constant (zero derivative parts) of any kind. */
START_TEST(constants_of_every_kind_are_constant)
{
    const hd_dual d = hd_const(hd_dual, 2.5);
    ck_assert(d.val == 2.5 && d.d1 == 0.0);
    const hd_hyper h = hd_const(hd_hyper, -1.0);
    ck_assert(h.val == -1.0 && h.d1 == 0.0 && h.d2 == 0.0 && h.d12 == 0.0);
    const hd_dualv v = hd_const(hd_dualv, 3.0);
    ck_assert(v.val == 3.0);
    for (int k = 0; k < HD_LANES; k++) ck_assert(HD_LANE(v.d, k) == 0.0);
    const double r = hd_const(double, 4.0);
    ck_assert(r == 4.0);
    const hd_taped t = hd_const(hd_taped, 5.0);
    ck_assert(t.val == 5.0 && t.tape == NULL);
    const hd_hyper4 p = hd_const(hd_hyper4, 6.0);
    ck_assert(p.val == 6.0);
    for (int k = 0; k < 4; k++) ck_assert(HD_LANE(p.g, k) == 0.0);
    for (int e = 0; e < 10; e++) ck_assert(HD_LANE(p.h, e) == 0.0);
    const hd_hyper2 q = hd_const(hd_hyper2, 7.0);
    ck_assert(q.val == 7.0);
    for (int k = 0; k < 2; k++) ck_assert(HD_LANE(q.g, k) == 0.0);
    for (int e = 0; e < 4; e++) ck_assert(HD_LANE(q.h, e) == 0.0);
}
END_TEST

/* Every lane part is laid out as double[K] and aligned as a double, whether
 * it is built of pairs, of four-lane AVX registers (tests/check_avx runs
 * this suite built with -mavx2) or of plain arrays, so that units built
 * with and without AVX share the library's types: the sizes and offsets of
 * the lane kinds, and lane k of a part at double k of it. */
#define LANES_AT(part, K)                                                                          \
    do {                                                                                           \
        double as_array[K];                                                                        \
        for (int k = 0; k < (K); k++) HD_LANE(part, k) = 1.0 + k;                                 \
        ck_assert_uint_eq(sizeof(part), sizeof as_array);                                          \
        memcpy(as_array, &(part), sizeof as_array);                                                \
        for (int k = 0; k < (K); k++) ck_assert(as_array[k] == 1.0 + k);                           \
    } while (0);
START_TEST(lane_parts_are_arrays_of_doubles)
{
    const size_t d = sizeof(double);
    ck_assert_uint_eq(sizeof(hd_dual2), 3 * d);
    ck_assert_uint_eq(sizeof(hd_dual4), 5 * d);
    ck_assert_uint_eq(sizeof(hd_dualv), (1 + HD_LANES) * d);
    ck_assert_uint_eq(sizeof(hd_hyperv), (2 + 2 * HD_HYPERV_LANES) * d);
    ck_assert_uint_eq(sizeof(hd_hyper4), 15 * d);
    ck_assert_uint_eq(sizeof(hd_hyper2), 7 * d);
    ck_assert_uint_eq(offsetof(hd_dualv, d), d);
    ck_assert_uint_eq(offsetof(hd_hyperv, d2), 2 * d);
    ck_assert_uint_eq(offsetof(hd_hyperv, d12), (2 + HD_HYPERV_LANES) * d);
    ck_assert_uint_eq(offsetof(hd_hyper4, g), d);
    ck_assert_uint_eq(offsetof(hd_hyper4, h), 5 * d);
    ck_assert_uint_eq(offsetof(hd_hyper2, g), d);
    ck_assert_uint_eq(offsetof(hd_hyper2, h), 3 * d);
    ck_assert_uint_eq(_Alignof(hd_dual2), _Alignof(double));
    ck_assert_uint_eq(_Alignof(hd_dual4), _Alignof(double));
    ck_assert_uint_eq(_Alignof(hd_dualv), _Alignof(double));
    ck_assert_uint_eq(_Alignof(hd_hyperv), _Alignof(double));
    ck_assert_uint_eq(_Alignof(hd_hyper4), _Alignof(double));
    ck_assert_uint_eq(_Alignof(hd_hyper2), _Alignof(double));
    hd_dual2 a2 = hd_dual2_const(0);
    hd_dual4 a4 = hd_dual4_const(0);
    hd_dualv av = hd_dualv_const(0);
    hd_hyperv hv = hd_hyperv_const(0);
    hd_hyper4 h4 = hd_hyper4_const(0);
    hd_hyper2 h2 = hd_hyper2_const(0);
    LANES_AT(a2.d, 2)
    LANES_AT(a4.d, 4)
    LANES_AT(av.d, HD_LANES)
    LANES_AT(hv.d2, HD_HYPERV_LANES)
    LANES_AT(hv.d12, HD_HYPERV_LANES)
    LANES_AT(h4.g, 4)
    LANES_AT(h4.h, 10)
    LANES_AT(h2.g, 2)
    LANES_AT(h2.h, 4)
}
END_TEST

/* hd_hyper4_entry numbers the ten entries (i, j) = (j, i) of a 4×4
 * symmetric matrix 0..9, each once, and pair p of h holds the products of
 * the g lanes the layout comment in kinds.h names. */
START_TEST(packed_entries_are_numbered_once)
{
    unsigned seen = 0;
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++) {
            const int e = hd_hyper4_entry(i, j);
            ck_assert_int_eq(e, hd_hyper4_entry(j, i));
            ck_assert(e >= 0 && e < 10);
            if (j >= i) {
                ck_assert_msg(!(seen >> e & 1), "entry %d twice", e);
                seen |= 1u << e;
            }
            const int r = HD__H4_ROW(e), c = HD__H4_COL(e);
            ck_assert((r == i && c == j) || (r == j && c == i));
        }
    ck_assert_uint_eq(seen, 0x3ffu);
    /* the diagonal first, then [g0 g1]·[g2 g3], [g0 g1]·[g3 g2], [g0 g2]·[g1 g3] */
    static const int pairs[5][4] = {{0, 0, 1, 1}, {2, 2, 3, 3}, {0, 2, 1, 3}, {0, 3, 1, 2}, {0, 1, 2, 3}};
    for (int p = 0; p < 5; p++) {
        ck_assert_int_eq(hd_hyper4_entry(pairs[p][0], pairs[p][1]), 2 * p);
        ck_assert_int_eq(hd_hyper4_entry(pairs[p][2], pairs[p][3]), 2 * p + 1);
    }
    /* hd_hyper2: slots (0,0), (1,1), (0,1), (1,0), their rows and columns as
     * the kernels read them; both triangles read (0,1), hd_hyper's order */
    static const int h2[4][2] = {{0, 0}, {1, 1}, {0, 1}, {1, 0}};
    for (int e = 0; e < 4; e++) {
        ck_assert_int_eq(HD__H2_ROW(e), h2[e][0]);
        ck_assert_int_eq(HD__H2_COL(e), h2[e][1]);
    }
    ck_assert_int_eq(hd_hyper2_entry(0, 0), 0);
    ck_assert_int_eq(hd_hyper2_entry(1, 1), 1);
    ck_assert_int_eq(hd_hyper2_entry(0, 1), 2);
    ck_assert_int_eq(hd_hyper2_entry(1, 0), 2);
}
END_TEST

Suite *make_kinds_suite(void)
{
    Suite *s = suite_create("kinds");
    TCase *tc = tcase_create("list");
    tcase_add_test(tc, the_nested_copy_of_the_list_is_the_list);
    tcase_add_test(tc, kinds_are_named_by_their_suffix);
    tcase_add_test(tc, counters_by_name_and_by_kind_agree);
    tcase_add_test(tc, objective_macro_takes_any_names);
    tcase_add_test(tc, vector_macro_takes_any_names);
    tcase_add_test(tc, a_body_sees_its_dimension);
    tcase_add_test(tc, constants_of_every_kind_are_constant);
    tcase_add_test(tc, packed_entries_are_numbered_once);
    tcase_add_test(tc, lane_parts_are_arrays_of_doubles);
    suite_add_tcase(s, tc);
    return s;
}
