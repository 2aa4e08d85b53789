/* The expression engine's API: parse errors with their codes and columns,
 * limits, variable order, constant folding, evaluation on double, hd_dual
 * and hd_hyper against derivatives worked out by hand, and every kind of the
 * list against the compiled kernels, bit for bit. (The oracle program,
 * tests/oracle.c, checks 1260 further cases against symbolic results.) */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <hyperdual.h>
#include "tests.h"

static hd_expr *parse_ok(const char *s, const char *const *vars, size_t n)
{
    hd_expr *e = NULL;
    hd_expr_error err;
    const int rc = hd_expr_parse(s, strlen(s), vars, n, &e, &err);
    ck_assert_msg(rc == HD_OK, "'%s': %s at column %zu", s, err.message, err.column);
    ck_assert_ptr_nonnull(e);
    return e;
}

static void parse_fails(const char *s, size_t len, const char *const *vars, size_t n, int code, size_t column,
                        const char *fragment)
{
    hd_expr *e = (hd_expr *)1;
    hd_expr_error err;
    const int rc = hd_expr_parse(s, len, vars, n, &e, &err);
    ck_assert_msg(rc == code, "'%.40s': code %d, expected %d (%s)", s, rc, code, err.message);
    ck_assert_int_eq(err.code, code);
    ck_assert_ptr_null(e);
    ck_assert_msg(err.column == column, "'%.40s': column %zu, expected %zu (%s)", s, err.column, column,
                  err.message);
    ck_assert_msg(strstr(err.message, fragment), "'%.40s': message '%s' lacks '%s'", s, err.message, fragment);
}

START_TEST(syntax_errors_have_columns)
{
    static const char *const xy[] = {"x", "y"};
    parse_fails("x +", 3, xy, 2, HD_ESYNTAX, 4, "end");
    parse_fails("x * * y", 7, xy, 2, HD_ESYNTAX, 5, "'*'");
    parse_fails("x y", 3, xy, 2, HD_ESYNTAX, 3, "missing operator");
    parse_fails("2x", 2, xy, 2, HD_ESYNTAX, 1, "malformed number");
    parse_fails("foo(x)", 6, xy, 2, HD_ESYNTAX, 1, "unknown function 'foo'");
    parse_fails("atan2(x)", 8, xy, 2, HD_ESYNTAX, 8, "too few arguments");
    parse_fails("sin(x, y)", 9, xy, 2, HD_ESYNTAX, 6, "too many arguments");
    parse_fails("(x", 2, xy, 2, HD_ESYNTAX, 1, "never closed");
    parse_fails("x)", 2, xy, 2, HD_ESYNTAX, 2, "unmatched");
    parse_fails("", 0, xy, 2, HD_ESYNTAX, 1, "empty");
    parse_fails("x + z", 5, xy, 2, HD_ESYNTAX, 5, "missing variable 'z'");
    parse_fails("pi(1)", 5, NULL, 0, HD_ESYNTAX, 1, "constant");
    parse_fails("sqrt", 4, NULL, 0, HD_ESYNTAX, 1, "parentheses");
    parse_fails("x\0+1", 4, NULL, 0, HD_ESYNTAX, 2, "0x00");
    parse_fails("x+\xc3\xa9", 4, NULL, 0, HD_ESYNTAX, 3, "non-ASCII");
}
END_TEST

START_TEST(limits_are_clean_errors)
{
    const size_t deep = 100000;
    char *s = malloc(2 * deep + 2);
    ck_assert_ptr_nonnull(s);
    memset(s, '(', deep);
    s[deep] = 'x';
    memset(s + deep + 1, ')', deep);
    parse_fails(s, 2 * deep + 1, NULL, 0, HD_ERANGE, HD_EXPR_MAX_DEPTH + 1, "nesting");
    /* exactly at the bound is fine */
    const size_t ok = HD_EXPR_MAX_DEPTH;
    memset(s, '(', ok);
    s[ok] = 'x';
    memset(s + ok + 1, ')', ok);
    hd_expr *e = NULL;
    ck_assert_int_eq(hd_expr_parse(s, 2 * ok + 1, NULL, 0, &e, NULL), HD_OK);
    const double x = 0.25;
    ck_assert_double_eq(hd_expr_eval(e, &x), 0.25);
    hd_expr_free(e);
    free(s);
    /* one byte over the length limit; the content does not matter */
    char *big = malloc(HD_EXPR_MAX_LENGTH + 1);
    ck_assert_ptr_nonnull(big);
    memset(big, '1', HD_EXPR_MAX_LENGTH + 1);
    parse_fails(big, HD_EXPR_MAX_LENGTH + 1, NULL, 0, HD_ERANGE, HD_EXPR_MAX_LENGTH + 1, "longer");
    free(big);
}
END_TEST

START_TEST(bad_variable_lists_are_rejected)
{
    static const char *const dup[] = {"x", "x"}, *const con[] = {"pi"}, *const fn[] = {"sin"},
                             *const inv[] = {"2x"};
    parse_fails("x", 1, dup, 2, HD_EINVAL, 0, "duplicate");
    parse_fails("x", 1, con, 1, HD_EINVAL, 0, "constant");
    parse_fails("x", 1, fn, 1, HD_EINVAL, 0, "function");
    parse_fails("x", 1, inv, 1, HD_EINVAL, 0, "not a valid");
    hd_expr_error err;
    hd_expr *e = NULL;
    ck_assert_int_eq(hd_expr_parse("x", 1, NULL, 0, NULL, &err), HD_EINVAL);
    ck_assert_int_eq(hd_expr_parse(NULL, 1, NULL, 0, &e, NULL), HD_EINVAL);
    ck_assert_ptr_null(e);
}
END_TEST

START_TEST(variables_in_order_of_appearance_or_as_listed)
{
    hd_expr *e = parse_ok("b*a + c - b", NULL, 0);
    ck_assert_uint_eq(hd_expr_num_vars(e), 3);
    ck_assert_str_eq(hd_expr_var_name(e, 0), "b");
    ck_assert_str_eq(hd_expr_var_name(e, 1), "a");
    ck_assert_str_eq(hd_expr_var_name(e, 2), "c");
    ck_assert_ptr_null(hd_expr_var_name(e, 3));
    const double v[3] = {2, 3, 5}; /* b, a, c */
    ck_assert_double_eq(hd_expr_eval(e, v), 2 * 3 + 5 - 2);
    hd_expr_free(e);

    static const char *const order[] = {"c", "unused", "a", "b"};
    e = parse_ok("b*a + c - b", order, 4);
    ck_assert_uint_eq(hd_expr_num_vars(e), 4);
    ck_assert_int_eq(hd_expr_uses_var(e, 0), 1);
    ck_assert_int_eq(hd_expr_uses_var(e, 1), 0);
    const double w[4] = {5, 100, 3, 2}; /* c, unused, a, b */
    ck_assert_double_eq(hd_expr_eval(e, w), 2 * 3 + 5 - 2);
    hd_expr_free(e);
}
END_TEST

START_TEST(constants_fold_and_grammar_binds_as_specified)
{
    static const struct { const char *s; double v; } cases[] = {
        {"2^3^2", 512},         {"-2^2", -4},      {"(-2)^2", 4},       {"2**-1", 0.5},
        {"8/4/2", 1},           {"1-2-3", -4},     {"--3", 3},          {"+-+3", -3},
        {".5+3.+1e-3+2.5E+1", 28.501}, {"2*pi", 2 * 3.14159265358979323846}, {"e", 2.71828182845904523536},
        {"max(1, 2) + min(3, 4) + abs(-5)", 10}, {"atan2(1, 1)", 0.78539816339744830962},
        {"hypot(3, 4)", 5},     {"sq(3) + recip(4)", 9.25},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hd_expr *e = parse_ok(cases[i].s, NULL, 0);
        ck_assert_uint_eq(hd_expr_num_vars(e), 0);
        ck_assert_msg(hd_expr_size(e) == 1, "'%s' not folded to one constant", cases[i].s);
        ck_assert_msg(fabs(hd_expr_eval(e, NULL) - cases[i].v) <= 1e-15 * fmax(1, fabs(cases[i].v)),
                      "'%s' = %.17g, expected %.17g", cases[i].s, hd_expr_eval(e, NULL), cases[i].v);
        hd_expr_free(e);
    }
    hd_expr *e = parse_ok("1e999 - 1e999", NULL, 0);
    ck_assert(isnan(hd_expr_eval(e, NULL)));
    hd_expr_free(e);
    e = parse_ok("1e999", NULL, 0);
    ck_assert(isinf(hd_expr_eval(e, NULL)));
    hd_expr_free(e);
}
END_TEST

/* f = sin(x) exp(y) + x^3 / y and its derivatives, by hand. */
static void reference(double x, double y, double *f, double g[2], double h[3])
{
    *f = sin(x) * exp(y) + x * x * x / y;
    g[0] = cos(x) * exp(y) + 3 * x * x / y;
    g[1] = sin(x) * exp(y) - x * x * x / (y * y);
    h[0] = -sin(x) * exp(y) + 6 * x / y;                    /* xx */
    h[1] = cos(x) * exp(y) - 3 * x * x / (y * y);           /* xy */
    h[2] = sin(x) * exp(y) + 2 * x * x * x / (y * y * y);   /* yy */
}

#define CLOSE(a, b) ck_assert_msg(fabs((a) - (b)) <= 1e-14 * fmax(1, fabs(b)), "%.17g vs %.17g", (a), (b))

START_TEST(three_number_types_match_hand_derivatives)
{
    static const char *const xy[] = {"x", "y"};
    hd_expr *e = parse_ok("sin(x)*exp(y) + x^3/y", xy, 2);
    const double x = 0.7, y = 1.3;
    double f, g[2], h[3];
    reference(x, y, &f, g, h);
    const double p[2] = {x, y};
    CLOSE(hd_expr_eval(e, p), f);
    for (int i = 0; i < 2; i++) {
        const hd_dual pd[2] = {{x, i == 0}, {y, i == 1}};
        const hd_dual r = hd_expr_eval_dual(e, pd);
        CLOSE(r.val, f);
        CLOSE(r.d1, g[i]);
    }
    const hd_hyper pxy[2] = {{x, 1, 0, 0}, {y, 0, 1, 0}};
    const hd_hyper r = hd_expr_eval_hyper(e, pxy);
    CLOSE(r.val, f);
    CLOSE(r.d1, g[0]);
    CLOSE(r.d2, g[1]);
    CLOSE(r.d12, h[1]);
    const hd_hyper pyy[2] = {{x, 0, 0, 0}, {y, 1, 1, 0}};
    CLOSE(hd_expr_eval_hyper(e, pyy).d12, h[2]);
    /* the same through the drivers */
    const hd_objective obj = hd_expr_objective(e);
    ck_assert_uint_eq(obj.n, 2);
    double fh, gh[2], hh[4];
    ck_assert_int_eq(hd_hessian(&obj, p, &fh, gh, hh), HD_OK);
    CLOSE(fh, f);
    CLOSE(gh[0], g[0]);
    CLOSE(gh[1], g[1]);
    CLOSE(hh[0], h[0]);
    CLOSE(hh[1], h[1]);
    CLOSE(hh[2], h[1]);
    CLOSE(hh[3], h[2]);
    hd_expr_free(e);
}
END_TEST

START_TEST(constant_exponents_are_exact_at_zero_and_negative_bases)
{
    static const char *const vx[] = {"x"};
    static const struct { const char *s; double x, f, d, dd; } cases[] = {
        {"x^2", 0, 0, 0, 2},        {"x**2", 0, 0, 0, 2},        {"pow(x, 2)", 0, 0, 0, 2},
        {"x^3", -2, -8, 12, -12},   {"x^-1", -0.5, -2, -4, -16}, {"x^0", 0, 1, 0, 0},
        {"x^(1+1)", -3, 9, -6, 2},  {"-x^2", 3, -9, -6, -2},     {"max(x^2, 4)", 2, 4, 2, 1},
        {"abs(x)", 0, 0, 0, 0},     {"relu(x)", 0, 0, 0, 0},     {"min(x, 2)", 2, 2, 0.5, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hd_expr *e = parse_ok(cases[i].s, vx, 1);
        const hd_hyper r = hd_expr_eval_hyper(e, &(hd_hyper){cases[i].x, 1, 1, 0});
        ck_assert_msg(r.val == cases[i].f && r.d1 == cases[i].d && r.d2 == cases[i].d && r.d12 == cases[i].dd,
                      "%s at %g: {%g, %g, %g, %g}", cases[i].s, cases[i].x, r.val, r.d1, r.d2, r.d12);
        hd_expr_free(e);
    }
}
END_TEST

/* (x+1)*((x+1)*(...)): every product waits for its right operand, so the
 * program needs a deep value stack (heap path beyond 64 slots). */
START_TEST(deep_programs_evaluate_on_the_heap_stack)
{
    enum { DEPTH = 300 };
    char *s = malloc(DEPTH * 16 + 16), *p = s;
    ck_assert_ptr_nonnull(s);
    for (int i = 0; i < DEPTH - 1; i++) p += sprintf(p, "(x+1)*(");
    p += sprintf(p, "(x+1)");
    for (int i = 0; i < DEPTH - 1; i++) *p++ = ')';
    *p = '\0';
    static const char *const vx[] = {"x"};
    hd_expr *e = parse_ok(s, vx, 1);
    const double x = 1e-3, b = 1 + x;
    const hd_hyper r = hd_expr_eval_hyper(e, &(hd_hyper){x, 1, 1, 0});
    const double f = pow(b, DEPTH);
    ck_assert_msg(fabs(r.val - f) <= 1e-12 * f, "%.17g vs %.17g", r.val, f);
    ck_assert_msg(fabs(r.d1 - DEPTH * f / b) <= 1e-12 * f * DEPTH, "%.17g", r.d1);
    ck_assert_msg(fabs(r.d12 - DEPTH * (DEPTH - 1.0) * f / (b * b)) <= 1e-12 * f * DEPTH * DEPTH, "%.17g", r.d12);
    hd_expr_free(e);
    free(s);
}
END_TEST

START_TEST(function_table_lists_every_callable_name)
{
    int arity = 0, saw_abs = 0, saw_pow = 0;
    size_t i = 0;
    for (const char *name; (name = hd_expr_function(i, &arity)) != NULL; i++) {
        ck_assert_int_eq(hd_expr_name_kind_of(name, strlen(name)), HD_EXPR_NAME_FUNCTION);
        ck_assert(arity == 1 || arity == 2);
        saw_abs |= strcmp(name, "abs") == 0 && arity == 1;
        saw_pow |= strcmp(name, "pow") == 0 && arity == 2;
    }
    ck_assert(i >= 40);
    ck_assert(saw_abs && saw_pow);
    ck_assert_int_eq(hd_expr_name_kind_of("pi", 2), HD_EXPR_NAME_CONSTANT);
    ck_assert_int_eq(hd_expr_name_kind_of("x_1", 3), HD_EXPR_NAME_VARIABLE);
    ck_assert_int_eq(hd_expr_name_kind_of("1x", 2), HD_EXPR_NAME_INVALID);
    ck_assert_int_eq(hd_expr_name_kind_of("", 0), HD_EXPR_NAME_INVALID);
}
END_TEST

START_TEST(constant_objective_is_rejected_by_drivers)
{
    hd_expr *e = parse_ok("3", NULL, 0);
    const hd_objective obj = hd_expr_objective(e);
    double f;
    ck_assert_uint_eq(obj.n, 0);
    ck_assert_int_eq(hd_value(&obj, &f, &f), HD_EINVAL);
    hd_expr_free(e);
    hd_expr_free(NULL);
    ck_assert(isnan(hd_expr_eval(NULL, NULL)));
}
END_TEST

/* One parsed expression, evaluated by several threads at once: each must get
 * exactly the serial results (the engine keeps no state outside its stack). */
typedef struct {
    const hd_expr *e;
    int id, mismatches;
} worker;

static void *evaluate_many(void *arg)
{
    worker *w = arg;
    for (int k = 0; k < 2000; k++) {
        const double x = 0.001 * k + w->id, y = 1.0 + 0.002 * k;
        double f, g[2], h[3];
        reference(x, y, &f, g, h);
        const hd_hyper p[2] = {{x, 1, 0, 0}, {y, 0, 1, 0}};
        const hd_hyper r = hd_expr_eval_hyper(w->e, p);
        if (fabs(r.d12 - h[1]) > 1e-13 * fmax(1, fabs(h[1])) || fabs(r.val - f) > 1e-13 * fmax(1, fabs(f)))
            w->mismatches++;
    }
    return NULL;
}

START_TEST(concurrent_evaluation_is_safe)
{
    static const char *const xy[] = {"x", "y"};
    hd_expr *e = parse_ok("sin(x)*exp(y) + x^3/y", xy, 2);
    enum { THREADS = 4 };
    pthread_t t[THREADS];
    worker w[THREADS];
    for (int i = 0; i < THREADS; i++) {
        w[i] = (worker){e, i, 0};
        ck_assert_int_eq(pthread_create(&t[i], NULL, evaluate_many, &w[i]), 0);
    }
    for (int i = 0; i < THREADS; i++) {
        ck_assert_int_eq(pthread_join(t[i], NULL), 0);
        ck_assert_int_eq(w[i].mismatches, 0);
    }
    hd_expr_free(e);
}
END_TEST

/* ---- every kind bit for bit as the compiled kernels --------------------------------
 * The engine computes each instruction's partials on doubles and applies a
 * kind's chain-rule primitives to them; the taped kind records straight
 * from the partials. A compiled body of the same operations, in the same
 * order, calls the kernels themselves: the two must agree bit for bit on
 * every kind of the list (kinds.h), the tape's nodes included. The text
 * below uses every shape of instruction (expr_internal.h): each rule class
 * with operands computed, on the stack, a variable, two variables or a
 * constant, and a unary rule of each class on a variable and on code. */
#define SHAPES_TEXT                                                                               \
    "sin(x0)*x1 + x2/x0 - pow(x1, x2) + hypot(x0, 2) + 3*exp(x2) - atan2(1.5, x1) + abs(x0)*x2"  \
    " + max(x0, x1) + x0^2.5 + 2^x1 + log(x2)*tanh(x1) + sq(x0 - x1) + relu(x1)*x0"              \
    " + pow(x0*x1, x2) + fmin(2, x2*x1) + (x0 - sin(x1)) + (x0*x1)^3 + cos(x0 + x1) + (-x2)"      \
    " + floor(x0*x1) + (x0 + 1)/(x1 + 2) + pow(x0 + 1, x1 + x2) + atan2(x0*x1, x2)"              \
    " + atan2(x2, x0*x1) + (x0*x1)/x2 + x2/(x0*x1) + pow(x2, x0*x1) + 2/(x0*x1)"
/* The same, one operation per statement so that C's unspecified order of
 * argument evaluation cannot reorder the tape. */
#define SHAPES_BODY                                                                               \
    T a, b, s;                                                                                    \
    a = hd_sin(x[0]); s = hd_mul(a, x[1]);                                                        \
    a = hd_div(x[2], x[0]); s = hd_add(s, a);                                                     \
    a = hd_pow(x[1], x[2]); s = hd_sub(s, a);                                                     \
    a = hd_hypot(x[0], 2); s = hd_add(s, a);                                                      \
    a = hd_exp(x[2]); a = hd_mul(3, a); s = hd_add(s, a);                                         \
    a = hd_atan2(1.5, x[1]); s = hd_sub(s, a);                                                    \
    a = hd_fabs(x[0]); a = hd_mul(a, x[2]); s = hd_add(s, a);                                     \
    a = hd_fmax(x[0], x[1]); s = hd_add(s, a);                                                    \
    a = hd_pow(x[0], 2.5); s = hd_add(s, a);                                                      \
    a = hd_pow(2, x[1]); s = hd_add(s, a);                                                        \
    a = hd_log(x[2]); b = hd_tanh(x[1]); a = hd_mul(a, b); s = hd_add(s, a);                      \
    a = hd_sub(x[0], x[1]); a = hd_sq(a); s = hd_add(s, a);                                       \
    a = hd_relu(x[1]); a = hd_mul(a, x[0]); s = hd_add(s, a);                                     \
    a = hd_mul(x[0], x[1]); a = hd_pow(a, x[2]); s = hd_add(s, a);                                \
    a = hd_mul(x[2], x[1]); a = hd_fmin(2, a); s = hd_add(s, a);                                  \
    a = hd_sin(x[1]); a = hd_sub(x[0], a); s = hd_add(s, a);                                      \
    a = hd_mul(x[0], x[1]); a = hd_pow(a, 3); s = hd_add(s, a);                                   \
    a = hd_add(x[0], x[1]); a = hd_cos(a); s = hd_add(s, a);                                      \
    a = hd_neg(x[2]); s = hd_add(s, a);                                                           \
    a = hd_mul(x[0], x[1]); a = hd_floor(a); s = hd_add(s, a);                                    \
    a = hd_add(x[0], 1); b = hd_add(x[1], 2); a = hd_div(a, b); s = hd_add(s, a);                 \
    a = hd_add(x[0], 1); b = hd_add(x[1], x[2]); a = hd_pow(a, b); s = hd_add(s, a);              \
    a = hd_mul(x[0], x[1]); a = hd_atan2(a, x[2]); s = hd_add(s, a);                              \
    a = hd_mul(x[0], x[1]); a = hd_atan2(x[2], a); s = hd_add(s, a);                              \
    a = hd_mul(x[0], x[1]); a = hd_div(a, x[2]); s = hd_add(s, a);                                \
    a = hd_mul(x[0], x[1]); a = hd_div(x[2], a); s = hd_add(s, a);                                \
    a = hd_mul(x[0], x[1]); a = hd_pow(x[2], a); s = hd_add(s, a);                                \
    a = hd_mul(x[0], x[1]); a = hd_div(2, a); s = hd_add(s, a);                                   \
    (void)b;
HD_GENERIC_OBJECTIVE_N(shapes, T, x, n, ctx, (void)n; (void)ctx; SHAPES_BODY return s;)
/* Three copies, 1*(...) + 2*(...) + 3*(...): longer than the engine's blocks
 * of instructions, so their seams are crossed. */
HD_GENERIC_OBJECTIVE_N(shapes3, T, x, n, ctx, (void)n; (void)ctx;
    T r = (T){0};
    for (int k = 1; k <= 3; k++) {
        SHAPES_BODY
        s = hd_mul((double)k, s);
        r = k == 1 ? s : hd_add(r, s);
    }
    return r;)
/* (x0+1)*((x0+1)*(...)): a stack deeper than the engine keeps on the C stack. */
enum { DEEP = 300 };
HD_GENERIC_OBJECTIVE_N(deep, T, x, n, ctx, (void)n; (void)ctx;
    T r = hd_add(x[0], 1);
    for (int i = 1; i < DEEP; i++) r = hd_mul(hd_add(x[0], 1), r);
    return r;)

/* Deterministic pseudo-random words (xorshift64) and numbers in [-1, 1). */
static uint64_t rnd_bits(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}
static double rnd(uint64_t *state) { return (double)(rnd_bits(state) >> 11) * 0x1p-52 - 1.0; }
/* n inputs of a kind of `size` bytes at v: every double part random (every
 * word random bits for hd_pattern), the value v[i]; the taped ones on tape
 * t with nodes 1..n and a random scale. */
static void seed(void *x, size_t size, size_t n, const double *v, int pattern, hd_tape *t)
{
    uint64_t state = 88172645463325252u;
    for (size_t i = 0; i < n; i++) {
        unsigned char *p = (unsigned char *)x + i * size;
        for (size_t w = 0; w < size / 8; w++) {
            const uint64_t bits = rnd_bits(&state);
            const double d = rnd(&state);
            if (pattern) memcpy(p + 8 * w, &bits, 8);
            else memcpy(p + 8 * w, &d, 8);
        }
        memcpy(p, &v[i], sizeof(double)); /* val is every kind's first member */
        if (t) {
            hd_taped *q = (hd_taped *)(void *)p;
            q->scale = 1.0 + rnd(&state);
            q->tape = t;
            q->id = (uint32_t)(i + 1);
        }
    }
}

/* The engine's and the compiled body of kind S on the same inputs: the same
 * bits (for the taped kind: the same result and the same nodes). */
#define SAME_KIND(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u)                         \
    {                                                                                             \
        const int taped = _Generic((T){0}, hd_taped: 1, default: 0);                              \
        const int pattern = _Generic((T){0}, hd_pattern: 1, default: 0);                          \
        hd_tape te = {0}, tc = {0};                                                               \
        T *xe = malloc(n * sizeof *xe), *xc = malloc(n * sizeof *xc);                             \
        ck_assert(xe && xc);                                                                      \
        for (hd_tape *t = taped ? &te : NULL; t; t = t == &te ? &tc : NULL) {                     \
            t->node = calloc(n + 1, sizeof *t->node);                                             \
            t->cap = t->len = n + 1;                                                              \
        }                                                                                         \
        seed(xe, sizeof *xe, n, v, pattern, taped ? &te : NULL);                                  \
        seed(xc, sizeof *xc, n, v, pattern, taped ? &tc : NULL);                                  \
        T re = engine->bodies->S(xe, n, engine->ctx), rc = compiled->bodies->S(xc, n, NULL);      \
        if (taped) {                                                                              \
            hd_taped ae, ac;                                                                      \
            memcpy(&ae, &re, sizeof ae);                                                          \
            memcpy(&ac, &rc, sizeof ac);                                                          \
            ck_assert_msg(!memcmp(&ae.val, &ac.val, sizeof ae.val) && !memcmp(&ae.scale, &ac.scale, sizeof ae.scale) \
                              && ae.id == ac.id && (ae.tape == &te) == (ac.tape == &tc),          \
                          "%s: taped result", what);                                              \
            ck_assert_msg(te.len == tc.len && !te.failed && !tc.failed, "%s: %zu nodes, %zu compiled", \
                          what, te.len, tc.len);                                                  \
            ck_assert_msg(memcmp(te.node, tc.node, te.len * sizeof *te.node) == 0, "%s: tapes", what); \
        } else {                                                                                  \
            ck_assert_msg(memcmp(&re, &rc, sizeof re) == 0, "%s: kind " #S " differs", what);      \
        }                                                                                         \
        free(te.node);                                                                            \
        free(tc.node);                                                                            \
        free(xe);                                                                                 \
        free(xc);                                                                                 \
    }
static void same_as_compiled(const char *what, const char *text, const hd_objective *compiled,
                             const double *v)
{
    static const char *const xs[] = {"x0", "x1", "x2"};
    hd_expr *e = parse_ok(text, xs, 3);
    const hd_objective eo = hd_expr_objective(e);
    const hd_objective *engine = &eo;
    const size_t n = 3;
    HD__EVAL_KINDS(SAME_KIND, ~)
    hd_expr_free(e);
}

/* A program without variables on kind S, with no inputs at all (x NULL):
 * the constant, as hd_const gives it (an hd_taped compared member by
 * member: it has padding). */
static int same_taped(const void *a, const void *b, size_t size)
{
    const hd_taped *p = a, *q = b;
    (void)size;
    return !memcmp(&p->val, &q->val, sizeof p->val) && !memcmp(&p->scale, &q->scale, sizeof p->scale)
           && p->tape == q->tape && p->id == q->id;
}
static int same_bits(const void *a, const void *b, size_t size) { return !memcmp(a, b, size); }
#define CONSTANT_KIND(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u)                     \
    {                                                                                             \
        const T r = o.bodies->S(NULL, 0, o.ctx), c = hd_const(T, 2.5);                            \
        ck_assert_msg(_Generic(r, hd_taped: same_taped, default: same_bits)(&r, &c, sizeof r),    \
                      "kind " #S ": the constant");                                               \
    }

START_TEST(every_kind_is_the_compiled_kernels_bit_for_bit)
{
    hd_expr *k = parse_ok("2.5", NULL, 0);
    const hd_objective o = hd_expr_objective(k);
    HD__EVAL_KINDS(CONSTANT_KIND, ~)
    hd_expr_free(k);

    /* every part finite at the first two; NaNs (pow of a negative base) at the last */
    static const double points[][3] = {{0.7, 1.3, 0.45}, {1.9, 0.3, 2.2}, {-0.4, -1.1, 0.8}};
    const hd_objective one = shapes_objective(3, NULL), three = shapes3_objective(3, NULL),
                       deep_o = deep_objective(3, NULL);
    char *text3 = malloc(3 * sizeof SHAPES_TEXT + 32), *deep_text = malloc(DEEP * 16);
    ck_assert(text3 && deep_text);
    sprintf(text3, "1*(" SHAPES_TEXT ") + 2*(" SHAPES_TEXT ") + 3*(" SHAPES_TEXT ")");
    char *p = deep_text;
    for (int i = 0; i < DEEP - 1; i++) p += sprintf(p, "(x0+1)*(");
    p += sprintf(p, "x0+1");
    for (int i = 0; i < DEEP - 1; i++) *p++ = ')';
    *p = '\0';
    for (size_t k = 0; k < sizeof points / sizeof *points; k++) {
        same_as_compiled("shapes", SHAPES_TEXT, &one, points[k]);
        same_as_compiled("three copies", text3, &three, points[k]);
        same_as_compiled("deep", deep_text, &deep_o, points[k]);
    }
    free(text3);
    free(deep_text);
}
END_TEST

Suite *make_expr_suite(void)
{
    Suite *s = suite_create("expr");
    TCase *tc = tcase_create("parse");
    tcase_add_test(tc, syntax_errors_have_columns);
    tcase_add_test(tc, limits_are_clean_errors);
    tcase_add_test(tc, bad_variable_lists_are_rejected);
    tcase_add_test(tc, variables_in_order_of_appearance_or_as_listed);
    tcase_add_test(tc, constants_fold_and_grammar_binds_as_specified);
    tcase_add_test(tc, function_table_lists_every_callable_name);
    suite_add_tcase(s, tc);
    tc = tcase_create("evaluate");
    tcase_add_test(tc, three_number_types_match_hand_derivatives);
    tcase_add_test(tc, constant_exponents_are_exact_at_zero_and_negative_bases);
    tcase_add_test(tc, deep_programs_evaluate_on_the_heap_stack);
    tcase_add_test(tc, constant_objective_is_rejected_by_drivers);
    tcase_add_test(tc, concurrent_evaluation_is_safe);
    tcase_add_test(tc, every_kind_is_the_compiled_kernels_bit_for_bit);
    suite_add_tcase(s, tc);
    return s;
}
