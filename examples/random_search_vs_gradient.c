/* random_search_vs_gradient: what knowing the downhill direction is worth.
 *
 * A tiny model (logistic regression on generated data, logreg.h) with 10 to
 * 100 parameters is trained to the same loss two ways:
 *  - random search: perturb every weight at random and keep the change if the
 *    loss went down (with the classic 1/5 success rule adapting the step,
 *    which makes it much better than a fixed step), one forward pass per try;
 *  - gradient descent with the exact gradient, whose passes grow with the
 *    number of parameters (forward mode: the optimizer seeds two directions
 *    per hyper-dual pass), with a backtracking line search.
 * Both are charged in forward passes of any kind (a derivative pass costs a
 * small multiple of a plain one; see doc/performance.md). The targets are 99%
 * and 99.99% of the way from the starting loss ln 2 to the minimum, found
 * first by BFGS. A fixed-step random search stalls once its step is too
 * coarse for the remaining gap; the adaptive one keeps going, at a price.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "logreg.h"
#include "scalar_passes.h"

#define SAMPLES 200
#define BUDGET 20000L /* forward passes allowed to random search */

typedef struct {
    double target;
} stop_at;

/* Stop gradient descent as soon as the loss reaches the target. */
static int reached(const hd_iteration *it, void *user)
{
    return it->f <= ((const stop_at *)user)->target;
}

/* Keep-if-better random search from w = 0, with steps of length about
 * sigma; adapt = 1 applies the 1/5 success rule to sigma. Returns the
 * passes used to reach target, or -1 if the budget ran out. */
static long random_search(const hd_objective *obj, double target, double sigma, int adapt,
                          unsigned long long seed)
{
    const size_t n = obj->n;
    double *w = calloc(n, sizeof *w), *trial = malloc(n * sizeof *trial);
    if (!w || !trial) {
        free(w);
        free(trial);
        return -2;
    }
    double f;
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
            if (adapt) sigma *= 1.5;
        } else if (adapt) {
            sigma *= 0.9036020036; /* 1.5^(-1/4): steady when 1 try in 5 succeeds */
        }
    }
    free(w);
    free(trial);
    return passes;
}

static void passes_or_budget(char *buf, size_t size, long passes)
{
    if (passes >= 0) snprintf(buf, size, "%ld", passes);
    else snprintf(buf, size, "> %ld", BUDGET);
}

int main(void)
{
    const size_t sizes[] = {10, 30, 100};
    printf("logistic regression, %d samples; start w = 0 where the loss is ln 2 = %.15g\n", SAMPLES,
           log(2.0));
    printf("target: the minimum (found by BFGS; its gradient, written by hand, is below\n"
           "1e-8 there) plus a fraction \"gap\" of the way from ln 2 down to it\n\n");
    printf("%-6s  %-13s  %-9s  %-8s  %-9s  %-13s  %-9s  %-17s  %s\n", "params", "loss at w = 0",
           "minimum", "gap", "target", "GD iterations", "GD passes", "random, step 0.1",
           "random, 1/5 rule");
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        const size_t n = sizes[k];
        logreg_data D;
        if (logreg_make(&D, SAMPLES, n, 1.0, 1000 + n) != 0) return 1;
        const hd_objective obj = scalar_passes(logreg_objective(n, &D));
        double *w = calloc(n, sizeof *w), *g = malloc(n * sizeof *g);
        if (!w || !g) return 1;

        double f0;
        if (hd_value(&obj, w, &f0) != HD_OK) return 1;

        /* The minimum, by BFGS (gradients only, so cheap at 100 parameters);
         * checked with the gradient written by hand. */
        hd_options opt;
        hd_result res = {0};
        hd_options_default(&opt, HD_BFGS);
        opt.gtol = 1e-10;
        if (hd_minimize(&obj, w, &opt, &res) != HD_OK) return 1;
        const double fmin = res.f;
        logreg_gradient_by_hand(&D, w, g);
        double gmax = 0;
        for (size_t j = 0; j < n; j++) gmax = fmax(gmax, fabs(g[j]));
        if (!(gmax <= 1e-8)) printf("  (the hand-written gradient at the minimum is %g)\n", gmax);
        const double gaps[] = {1e-2, 1e-4};
        for (size_t t = 0; t < sizeof gaps / sizeof gaps[0]; t++) {
            const double target = fmin + gaps[t] * (f0 - fmin);
            /* Gradient descent from 0 until the target. */
            for (size_t j = 0; j < n; j++) w[j] = 0;
            stop_at stop = {target};
            hd_options_default(&opt, HD_GRADIENT_DESCENT);
            opt.callback = reached;
            opt.callback_data = &stop;
            if (hd_minimize(&obj, w, &opt, &res) != HD_OK) return 1;
            char fixed[32], adaptive[32];
            passes_or_budget(fixed, sizeof fixed, random_search(&obj, target, 0.1, 0, 7 + n));
            passes_or_budget(adaptive, sizeof adaptive, random_search(&obj, target, 0.5, 1, 7 + n));
            printf("%-6zu  %-13.10g  %-9.6f  %-8g  %-9.6f  %-13d  %-9ld  %-17s  %s\n", n, f0, fmin,
                   gaps[t], target, res.iterations, res.f_calls + res.dual_calls + res.hyper_calls,
                   fixed, adaptive);
            if (res.f > target)
                printf("  (gradient descent stopped above the target: %s)\n", hd_status_str(res.status));
        }
        free(w);
        free(g);
        logreg_free(&D);
    }
    printf("\nGradient descent needs a handful of steps: the gradient tells every weight\n"
           "which way to move at once. Random search has to find the way by trial, one\n"
           "forward pass per try: with a fixed step it stalls once the step is too coarse\n"
           "for the gap left, and even with the step adapted it needs more passes than\n"
           "gradient descent, although a forward-mode gradient costs a pass per two\n"
           "weights. Reverse mode (backpropagation) gets a gradient for a few passes\n"
           "whatever the number of weights, and then the gap is the steps column.\n");
    return 0;
}
