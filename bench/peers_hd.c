/* make bench-peers: hyperdual's side, in C (the generic layer is C11), and
 * the hand-written and central-difference references. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "bench_kernels.h"
#include "peers_hd.h"

static const int kernel_of[4] = {BENCH_ROSEN, BENCH_F2, BENCH_HELICAL, BENCH_WOOD};
static size_t nbox[4][256];
static hd_sparsity *patterns[4][256];
static hd_objective objectives[4][256];

/* Built once, as a caller keeps its objective: the peers' functions build
 * nothing per call either (rebuilding it cost about 3 ns of F2's 60 ns
 * gradient at n = 2). */
static const hd_objective *objective(int fn, size_t n)
{
    if (!objectives[fn][n].n) {
        nbox[fn][n] = n;
        objectives[fn][n] = bench_set_plain.make[kernel_of[fn]](n, &nbox[fn][n]);
    }
    return &objectives[fn][n];
}

int peers_hd_run(int fn, size_t n, int what, const double *x, double *f, double *g, double *h)
{
    const hd_objective *obj = objective(fn, n);
    switch (what) {
    case PEERS_HD_GRADIENT: return hd_gradient(obj, x, f, g);
    case PEERS_HD_HESSIAN: return hd_hessian(obj, x, f, g, h);
    case PEERS_HD_HESSIAN_PATTERN: {
        if (!patterns[fn][n] && hd_sparsity_detect(obj, x, &patterns[fn][n]) != HD_OK) return -1;
        hd_objective with = *obj;
        with.hess_sparsity = patterns[fn][n];
        return hd_hessian(&with, x, f, g, h);
    }
    case PEERS_HAND_GRADIENT:
    case PEERS_HAND_HESSIAN: {
        double *hh = what == PEERS_HAND_HESSIAN ? h : NULL;
        if (fn == 0) bench_rosen_hand_hessian(n, x, f, g, hh);
        else if (fn == 1) bench_f2_hand_hessian(n, x, f, g, hh);
        else return -1;
        return 0;
    }
    default: { /* central differences of the hand-written value (gradient) */
        double xs[256];
        const double e = 6.0554544523933395e-06; /* cbrt(DBL_EPSILON) */
        hd_fn fv = fn == 0 ? bench_rosen_hand : fn == 1 ? bench_f2_hand : NULL;
        if (!fv) return -1;
        memcpy(xs, x, n * sizeof *x);
        *f = fv(xs, &nbox[fn][n]);
        for (size_t i = 0; i < n; i++) {
            const double hstep = e * fmax(1.0, fabs(x[i]));
            xs[i] = x[i] + hstep;
            const double fp = fv(xs, &nbox[fn][n]);
            xs[i] = x[i] - hstep;
            const double fm = fv(xs, &nbox[fn][n]);
            xs[i] = x[i];
            g[i] = (fp - fm) / (2 * hstep);
        }
        return 0;
    }
    }
}
