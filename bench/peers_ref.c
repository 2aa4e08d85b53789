/* make bench-peers: the references beside the peers and hyperdual (one
 * unit for all configurations: they are not compared with the peers), the
 * hand-written derivatives, central differences of the hand-written value,
 * hd_hessian with a pattern from hd_sparsity_detect attached, and the
 * scalar path's Hessian (the reference for the helical valley and Wood). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "bench_kernels.h"
#include "bench_objectives.h"
#include "peer_configs.h"
#include "peers_ref.h"

static double (*const hand_value[4])(const double *, void *) = {bench_rosen_hand, bench_f2_hand};
static void (*const hand_hessian[4])(size_t, const double *, double *, double *, double *) = {
    bench_rosen_hand_hessian, bench_f2_hand_hessian};

/* Central differences of the hand-written value. */
static void central(int fn, size_t n, const double *x, double *f, double *g)
{
    double xs[256];
    const double e = 6.0554544523933395e-06; /* cbrt(DBL_EPSILON) */
    memcpy(xs, x, n * sizeof *x);
    *f = hand_value[fn](xs, &n);
    for (size_t i = 0; i < n; i++) {
        const double hstep = e * fmax(1.0, fabs(x[i]));
        xs[i] = x[i] + hstep;
        const double fp = hand_value[fn](xs, &n);
        xs[i] = x[i] - hstep;
        const double fm = hand_value[fn](xs, &n);
        xs[i] = x[i];
        g[i] = (fp - fm) / (2 * hstep);
    }
}

/* The objective of function fn at n variables (its ctx: the size_t n). */
#define OBJECTIVE(fn, nbox)                                                                   \
    (fn == P_F1 ? bench_rosen_objective(*(nbox), (void *)(nbox))                              \
     : fn == P_F2 ? bench_f2_objective(*(nbox), (void *)(nbox))                               \
     : fn == P_HELICAL ? bench_helical_objective(*(nbox), (void *)(nbox))                     \
                       : bench_wood_objective(*(nbox), (void *)(nbox)))

/* One configuration: its n and references. */
#define CONFIG(fn, n)                                                                         \
    static const size_t n_##fn##_##n = n;                                                     \
    static void hd_pattern_##fn##_##n(const double *x, double *f, double *g, double *h)       \
    {                                                                                         \
        static hd_objective with;                                                             \
        static hd_sparsity *sp;                                                               \
        if (!sp) {                                                                            \
            with = OBJECTIVE(fn, &n_##fn##_##n);                                              \
            if (hd_sparsity_detect(&with, x, &sp) != HD_OK) abort();                          \
            with.hess_sparsity = sp;                                                          \
        }                                                                                     \
        (void)!hd_hessian(&with, x, f, g, h);                                                 \
    }                                                                                         \
    static void hand_grad_##fn##_##n(const double *x, double *f, double *g, double *h)        \
    {                                                                                         \
        (void)h;                                                                              \
        hand_hessian[fn](n, x, f, g, NULL);                                                   \
    }                                                                                         \
    static void hand_hess_##fn##_##n(const double *x, double *f, double *g, double *h)        \
    {                                                                                         \
        hand_hessian[fn](n, x, f, g, h);                                                      \
    }                                                                                         \
    static void scalar_hess_##fn##_##n(const double *x, double *f, double *g, double *h)      \
    {                                                                                         \
        const hd_objective obj = OBJECTIVE(fn, &n_##fn##_##n);                                \
        if (hd_hessian_ex(&obj, x, f, g, h, HD_PATH_SCALAR, NULL) != HD_OK) abort();          \
    }                                                                                         \
    static void cd_grad_##fn##_##n(const double *x, double *f, double *g, double *h)          \
    {                                                                                         \
        (void)h;                                                                              \
        central(fn, n, x, f, g);                                                              \
    }
PEER_CONFIGS(CONFIG)

#define ROW(fn, n)                                                                            \
    {fn, n,                                                                                   \
     {hd_pattern_##fn##_##n, hand_grad_##fn##_##n, hand_hess_##fn##_##n, cd_grad_##fn##_##n,      \
      scalar_hess_##fn##_##n}},
static const struct {
    int fn, n;
    peers_ref_fn what[5];
} configs[] = {PEER_CONFIGS(ROW)};
#define NCONFIGS (sizeof configs / sizeof configs[0])

peers_ref_fn peers_ref_find(int fn, int n, int what)
{
    if (what >= PEERS_HAND_GRADIENT && what <= PEERS_CD_GRADIENT && !hand_value[fn]) return NULL;
    for (size_t c = 0; c < NCONFIGS; c++)
        if (configs[c].fn == fn && configs[c].n == n) return configs[c].what[what];
    return NULL;
}
