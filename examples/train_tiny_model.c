/* train_tiny_model: gradient descent against Newton on the same tiny model.
 *
 * The logistic regression of logreg.h, trained from w = 0 until
 * |grad|_inf <= 1e-6 by gradient descent (backtracking line search) and by
 * Newton's method (line search, Cholesky through LAPACKE). The features are
 * scaled unevenly, so the loss curves 100 times more in some directions than
 * in others, as real data often does. Newton needs a
 * handful of iterations, but each one pays for a Hessian: n(n+1)/2
 * hyper-dual passes, against about n/2 for a gradient (two directions per
 * pass). As the number of
 * parameters n grows, the quadratic cost of the Hessian overtakes Newton's
 * advantage in iterations; that is why large models are trained with
 * first-order methods.
 *
 * Wall times are printed as "<number> ms" (they vary from run to run; the
 * documentation check masks them). Which method wins is decided on passes,
 * which do not vary.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "logreg.h"
#include "scalar_passes.h"

#define SAMPLES 200
#define MAX_ROWS 20000
#define SPREAD 10.0 /* feature scales from 1/sqrt(10) to sqrt(10): curvature ratio ~100 */

static double now_ms(void)
{
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Loss and elapsed time at each iteration, recorded by the callback. */
typedef struct {
    double start;
    int rows;
    double f[MAX_ROWS], ms[MAX_ROWS];
} history;

static int record(const hd_iteration *it, void *user)
{
    history *h = user;
    if (it->iteration < MAX_ROWS) {
        h->f[it->iteration] = it->f;
        h->ms[it->iteration] = now_ms() - h->start;
        h->rows = it->iteration + 1;
    }
    return 0;
}

/* Train from w = 0; fills res and the history. */
static int train(const hd_objective *obj, hd_method method, hd_result *res, history *h)
{
    hd_options opt;
    hd_options_default(&opt, method);
    opt.gtol = 1e-6;
    opt.callback = record;
    opt.callback_data = h;
    double *w = calloc(obj->n, sizeof *w);
    if (!w) return HD_ENOMEM;
    h->rows = 0;
    h->start = now_ms();
    const int rc = hd_minimize(obj, w, &opt, res);
    free(w);
    return rc;
}

int main(void)
{
    static history gd_h, nt_h; /* large: not on the stack */
    hd_result gd = {0}, nt = {0};

    /* ---- loss against iteration and time, n = 30 ---------------------------- */
    {
        logreg_data D;
        if (logreg_make(&D, SAMPLES, 30, SPREAD, 1030) != 0) return 1;
        const hd_objective obj = scalar_passes(logreg_objective(30, &D));
        if (train(&obj, HD_GRADIENT_DESCENT, &gd, &gd_h) != HD_OK) return 1;
        if (train(&obj, HD_NEWTON, &nt, &nt_h) != HD_OK) return 1;
        printf("30 parameters, %d samples: loss against iteration and wall time\n\n", SAMPLES);
        printf("%-9s  %-17s  %-12s  %-17s  %s\n", "iteration", "gradient descent", "time",
               "Newton", "time");
        const int rows = gd_h.rows > nt_h.rows ? gd_h.rows : nt_h.rows;
        for (int k = 0; k < rows; k++) {
            /* every iteration while Newton runs, then at doublings */
            if (k >= nt_h.rows && (k & (k - 1)) != 0 && k != rows - 1) continue;
            char a[32] = "", at[32] = "", b[32] = "", bt[32] = "";
            if (k < gd_h.rows) {
                snprintf(a, sizeof a, "%.12f", gd_h.f[k]);
                snprintf(at, sizeof at, "%.2f ms", gd_h.ms[k]);
            }
            if (k < nt_h.rows) {
                snprintf(b, sizeof b, "%.12f", nt_h.f[k]);
                snprintf(bt, sizeof bt, "%.2f ms", nt_h.ms[k]);
            }
            printf("%-9d  %-17s  %-12s  %-17s  %s\n", k, a, at, b, bt);
        }
        /* each status in a word or two: its line up to the colon */
        const char *gs = hd_status_str(gd.status), *ns = hd_status_str(nt.status);
        printf("(stopped when |grad|_inf <= 1e-6: gradient descent %.*s, Newton %.*s)\n\n",
               (int)strcspn(gs, ":"), gs, (int)strcspn(ns, ":"), ns);
        logreg_free(&D);
    }

    /* ---- cost as the number of parameters grows ------------------------------ */
    printf("cost to |grad|_inf <= 1e-6 as the number of parameters n grows\n");
    printf("(a Hessian is n(n+1)/2 hyper-dual passes; a gradient about n/2, two directions each)\n\n");
    printf("%-6s  %-16s  %-10s  %-8s  %-8s  %-8s  %-9s  %-14s  %-12s\n", "params", "method",
           "iterations", "f", "dual", "hyper", "passes", "final loss", "time");
    const size_t sizes[] = {5, 10, 30, 100};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        const size_t n = sizes[k];
        logreg_data D;
        if (logreg_make(&D, SAMPLES, n, SPREAD, 1000 + n) != 0) return 1;
        const hd_objective obj = scalar_passes(logreg_objective(n, &D));
        if (train(&obj, HD_GRADIENT_DESCENT, &gd, &gd_h) != HD_OK) return 1;
        const double gd_ms = gd_h.ms[gd_h.rows - 1];
        if (train(&obj, HD_NEWTON, &nt, &nt_h) != HD_OK) return 1;
        const double nt_ms = nt_h.ms[nt_h.rows - 1];
        const hd_result *r[2] = {&gd, &nt};
        const double ms[2] = {gd_ms, nt_ms};
        for (int i = 0; i < 2; i++) {
            char t[32];
            snprintf(t, sizeof t, "%.1f ms", ms[i]);
            printf("%-6zu  %-16s  %-10d  %-8ld  %-8ld  %-8ld  %-9ld  %-14.10f  %s\n", n,
                   i == 0 ? "gradient descent" : "Newton", r[i]->iterations, r[i]->f_calls,
                   r[i]->dual_calls, r[i]->hyper_calls, r[i]->passes, r[i]->f, t);
        }
        const long gd_p = gd.f_calls + gd.dual_calls + gd.hyper_calls;
        const long nt_p = nt.f_calls + nt.dual_calls + nt.hyper_calls;
        printf("%-6s  fewer passes: %s (%ld against %ld)\n\n", "",
               gd_p < nt_p ? "gradient descent" : "Newton", gd_p < nt_p ? gd_p : nt_p,
               gd_p < nt_p ? nt_p : gd_p);
        logreg_free(&D);
    }
    return 0;
}
