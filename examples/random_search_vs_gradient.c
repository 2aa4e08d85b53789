/* random_search_vs_gradient: what knowing the downhill direction is worth.
 *
 * A tiny model (logistic regression on generated data, logreg.h) with 10 to
 * 100 parameters is trained to the same loss two ways:
 *  - random search: perturb every weight at random and keep the change if the
 *    loss went down (with the classic 1/5 success rule adapting the step,
 *    which makes it much better than a fixed step), one forward pass per try;
 *  - gradient descent with the exact gradient, from n dual passes per
 *    iteration (forward mode: one pass per parameter), with a backtracking
 *    line search.
 * Both are charged in forward passes (a dual pass costs about as much as a
 * plain one; see doc/performance.md). The target is 99% of the way from the
 * starting loss ln 2 to the minimum, found first by Newton's method.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "logreg.h"

#define SAMPLES 200
#define BUDGET 200000L /* forward passes allowed to random search */

typedef struct {
    double target;
} stop_at;

/* Stop gradient descent as soon as the loss reaches the target. */
static int reached(const hd_iteration *it, void *user)
{
    return it->f <= ((const stop_at *)user)->target;
}

/* (1+1) random search from w = 0; returns the passes used to reach target,
 * or -1 if the budget ran out. */
static long random_search(const hd_objective *obj, double target, unsigned long long seed)
{
    const size_t n = obj->n;
    double *w = calloc(n, sizeof *w), *trial = malloc(n * sizeof *trial);
    if (!w || !trial) {
        free(w);
        free(trial);
        return -2;
    }
    double f, sigma = 0.5;
    long passes = 1;
    unsigned long long s = seed;
    if (hd_value(obj, w, &f) != HD_OK) passes = -2;
    while (passes > 0 && f > target) {
        if (passes >= BUDGET) {
            passes = -1;
            break;
        }
        for (size_t j = 0; j < n; j++) trial[j] = w[j] + sigma * logreg_normal(&s) / sqrt((double)n);
        double ft;
        if (hd_value(obj, trial, &ft) != HD_OK) {
            passes = -2;
            break;
        }
        passes++;
        if (ft < f) { /* keep if better; a success widens the step, a failure narrows it */
            f = ft;
            for (size_t j = 0; j < n; j++) w[j] = trial[j];
            sigma *= 1.5;
        } else {
            sigma *= 0.9036020036; /* 1.5^(-1/4): steady when 1 try in 5 succeeds */
        }
    }
    free(w);
    free(trial);
    return passes;
}

int main(void)
{
    const size_t sizes[] = {10, 30, 100};
    printf("logistic regression, %d samples; start w = 0 where the loss is ln 2 = %.15g\n", SAMPLES,
           log(2.0));
    printf("target: 99%% of the way from ln 2 to the minimum\n\n");
    printf("%-6s  %-14s  %-10s  %-13s  %-10s  %-18s  %-13s  %s\n", "params", "loss at w = 0",
           "minimum", "|grad| there", "target", "GD iters / passes", "random search", "passes ratio");
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        const size_t n = sizes[k];
        logreg_data D;
        if (logreg_make(&D, SAMPLES, n, 1000 + n) != 0) return 1;
        const hd_objective obj = logreg_objective(n, &D);
        double *w = calloc(n, sizeof *w), *g = malloc(n * sizeof *g);
        if (!w || !g) return 1;

        double f0;
        if (hd_value(&obj, w, &f0) != HD_OK) return 1;

        /* The minimum, by Newton; checked with the gradient written by hand. */
        hd_options opt;
        hd_result res;
        hd_options_default(&opt, HD_NEWTON);
        opt.gtol = 1e-10;
        if (hd_minimize(&obj, w, &opt, &res) != HD_OK) return 1;
        const double fmin = res.f;
        logreg_gradient_by_hand(&D, w, g);
        double gmax = 0;
        for (size_t j = 0; j < n; j++) gmax = fmax(gmax, fabs(g[j]));
        const double target = fmin + 0.01 * (f0 - fmin);

        /* Gradient descent from 0 until the target. */
        for (size_t j = 0; j < n; j++) w[j] = 0;
        stop_at stop = {target};
        hd_options_default(&opt, HD_GRADIENT_DESCENT);
        opt.callback = reached;
        opt.callback_data = &stop;
        if (hd_minimize(&obj, w, &opt, &res) != HD_OK) return 1;
        const long gd_passes = res.f_calls + res.dual_calls + res.hyper_calls;
        const long rs = random_search(&obj, target, 7 + n);
        char gd_col[32], rs_col[32], ratio[32];
        snprintf(gd_col, sizeof gd_col, "%d / %ld", res.iterations, gd_passes);
        if (rs >= 0) {
            snprintf(rs_col, sizeof rs_col, "%ld", rs);
            snprintf(ratio, sizeof ratio, "%.1f", (double)rs / (double)gd_passes);
        } else {
            snprintf(rs_col, sizeof rs_col, "> %ld", BUDGET);
            snprintf(ratio, sizeof ratio, "> %.1f", (double)BUDGET / (double)gd_passes);
        }
        printf("%-6zu  %-14.10g  %-10.6g  %-13.2g  %-10.6g  %-18s  %-13s  %s\n", n, f0, fmin, gmax,
               target, gd_col, rs_col, ratio);
        if (res.f > target) printf("  (gradient descent stopped above the target: %s)\n",
                                   hd_status_str(res.status));
        free(w);
        free(g);
        logreg_free(&D);
    }
    printf("\nA gradient tells every weight which way to move at once; random search has to\n"
           "discover it by trial, and the more weights, the less likely a random change is\n"
           "to help. In forward mode a gradient costs one pass per weight, so the fair\n"
           "price is the passes column; reverse mode (backpropagation) would make each\n"
           "gradient cost a few passes whatever the number of weights.\n");
    return 0;
}
