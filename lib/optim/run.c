/* hd_minimize: the table of methods, the options and their defaults, and
 * the run: validate, allocate what the method needs, evaluate the start,
 * run the method's loop, classify and settle the returned point, fill the
 * result. A new method is one file (its hooks and its row, an hd__method)
 * and one line of the table below (doc/design.md, "Adding a method"). */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <hyperdual.h>
#include "internal.h"
#include "../diff/counted.h"
#include "../size_check.h"
#include "../status_lines.h"

/* ---- the table of methods -------------------------------------------------------- */

/* In the order `all` runs them and --help lists them: first order, then
 * least squares (first derivatives of the residuals: JᵀJ), then second
 * order; in each, the classic method first, then the one for large n. */
static const hd__method *const methods[] = {
    &hd__gradient_descent, &hd__bfgs, &hd__lbfgs, &hd__gauss_newton, &hd__levenberg_marquardt,
    &hd__newton, &hd__trust_region, &hd__newton_cg, &hd__newton_cg_trust_region,
};
#define METHOD_COUNT (sizeof methods / sizeof methods[0])

/* The row of method m, or NULL. */
static const hd__method *method_of(int m)
{
    for (size_t i = 0; i < METHOD_COUNT; i++)
        if ((int)methods[i]->id == m) return methods[i];
    return NULL;
}

int hd_method_at(size_t i, hd_method *method)
{
    if (!method || i >= METHOD_COUNT) return HD_EINVAL;
    *method = methods[i]->id;
    return HD_OK;
}

const char *hd_method_key(hd_method method)
{
    const hd__method *m = method_of(method);
    return m ? m->key : NULL;
}

int hd_method_needs_residuals(hd_method method)
{
    const hd__method *m = method_of(method);
    return m && m->prepare == hd__lsq_prepare;
}

const char *hd_method_name(hd_method method)
{
    const hd__method *m = method_of(method);
    return m ? m->name : "unknown method";
}

void hd_options_default(hd_options *opt, hd_method method)
{
    if (!opt) return;
    const hd__method *m = method_of(method);
    const hd_options d = {
        .method = method,
        .max_iter = m ? m->default_max_iter : 1000,
        .gtol = 1e-8,
        .learning_rate = 1e-3,
        .line_search = m ? m->default_line_search : HD_LINESEARCH_BACKTRACKING,
        .hessian_fix = HD_HESSIAN_SHIFT,
        .ftol = 0.0,
        .xtol = 0.0,
        .max_evals = 0,
        .classify_final = 0,
        .escape_saddles = 1,
        .divergence_limit = 1e150,
        .callback = NULL,
        .callback_data = NULL,
        .trust_radius = 1.0,
        .max_trust_radius = 1e10,
        .barzilai_borwein = 0,
        .trace = NULL,
        .trace_cap = 0,
        .cg_max_iter = 0,
        .preconditioner = NULL,
        .preconditioner_data = NULL,
        .lbfgs_memory = 10,
    };
    *opt = d;
    if (m && m->defaults) m->defaults(opt);
}

int hd_status_converged(int status)
{
    return status == HD_CONVERGED || status == HD_CONVERGED_REDUCTION ||
           status == HD_CONVERGED_SMALL_STEP;
}

/* The status lines live in the table of every code in errors.c, which
 * hd_strerror reads: a status and an error code are described alike. */
const char *hd_status_str(int status) { return hd_strerror(status); }

const char *hd_status_advice(int status, const hd_options *opt)
{
    const hd__method *m = opt ? method_of(opt->method) : NULL;
    if (!m || status <= 0) return hd_strerror(status);
    return hd__status_line(status, m->advice(status, opt));
}

/* ---- the run ----------------------------------------------------------------------- */


static int is_flag(int v) { return v == 0 || v == 1; }

static int finite_nonnegative(double v) { return v >= 0.0 && isfinite(v); }

/* Every option in its documented range (optim.h), whatever the method: an
 * option the method does not use is checked too, because a value out of
 * range there is the mark of an options struct that hd_options_default
 * never filled. NaN fails every test. */
static int options_valid(const hd_options *o)
{
    if (!method_of(o->method)) return 0;
    if (o->line_search < HD_LINESEARCH_NONE || o->line_search > HD_LINESEARCH_WOLFE) return 0;
    if (o->hessian_fix < HD_HESSIAN_AS_IS || o->hessian_fix > HD_HESSIAN_EIGEN) return 0;
    if (o->max_iter < 0 || o->max_evals < 0) return 0;
    if (o->trace_cap > 0 && !o->trace) return 0;
    if (!finite_nonnegative(o->gtol) || !finite_nonnegative(o->ftol) || !finite_nonnegative(o->xtol))
        return 0;
    if (!(o->learning_rate > 0.0 && isfinite(o->learning_rate))) return 0;
    if (!(o->divergence_limit > 0.0)) return 0; /* +inf: no limit */
    if (!is_flag(o->classify_final) || !is_flag(o->escape_saddles) || !is_flag(o->barzilai_borwein))
        return 0;
    /* Normal and finite radii: below DBL_MIN, ||g||/radius overflows before
     * any step is representable. */
    if (!(o->trust_radius >= DBL_MIN && o->trust_radius <= o->max_trust_radius &&
          isfinite(o->max_trust_radius)))
        return 0;
    if (o->cg_max_iter < 0 || o->lbfgs_memory < 1 || o->lbfgs_memory > HD__LBFGS_MEMORY_MAX) return 0;
    return 1;
}

/* Whether the run tests its final point without a dense Hessian at every
 * iterate: classify_final (GD, BFGS, L-BFGS), or the row's own verdict
 * (Newton-CG, Newton with a band or pattern). */
static int tests_without_dense_steps(const hd__run *rn)
{
    return !rn->second_order && (rn->opt.classify_final || rn->method->tests_minimum);
}

static size_t dense_test_max_n(const hd__run *rn)
{
    return rn->method->dense_test_max_n ? rn->method->dense_test_max_n : HD_DENSE_HESSIAN_MAX_N;
}

/* Before the arrays: how the run holds its Hessian (the row's choose_form),
 * and, for a final test beyond the dense n, the band of the Hessian at the
 * start (one taped pass; none found: no banded test, HD_STATIONARY at best). */
static int prepare(hd__run *rn, const double *x)
{
    rn->second_order = rn->method->second_order;
    rn->hform = rn->second_order ? HD__HESS_DENSE : HD__HESS_NONE;
    if (rn->method->choose_form) {
        const int st = rn->method->choose_form(rn, x);
        if (st != HD_OK) return st;
    }
    if (tests_without_dense_steps(rn) && rn->n > dense_test_max_n(rn) && rn->hform != HD__HESS_BAND) {
        size_t b;
        const int st = hd__tape_bandwidth(rn->ev.obj, x, HD_BAND_MAX, &b, &rn->ev.counts);
        if (st < 0 && st != HD_EINVAL) return st; /* no taped body: no band */
        rn->band = b;
        rn->band_test = st == HD_OK;
    }
    return HD_OK;
}

/* The arrays of a run, in doubles: 8 vectors of n (x, g, xt, gt, p, s, y,
 * xbest); the dense ones (h, ht, work with its 2n tail for the trust
 * region, evec: n·n each; eval: n) for Newton and the trust region, and for
 * a final test up to the dense n; four bands of (band + 1)·n (band_h,
 * band_l, band_z, band_w) for Newton with a band, and for a final test
 * beyond the dense n; the method's own state (BFGS: its n·n inverse). Every
 * size is checked, so an absurd n is HD_ENOMEM. */
typedef struct layout {
    size_t total;
    int dense, bands;
    size_t band_len, state;
} layout;

static int plan_layout(const hd__run *rn, layout *l)
{
    const size_t n = rn->n;
    memset(l, 0, sizeof *l);
    l->dense = rn->second_order || (tests_without_dense_steps(rn) && n <= dense_test_max_n(rn));
    l->bands = rn->hform == HD__HESS_BAND || (!l->dense && rn->band_test);
    size_t nn = 0;
    if (!hd__size_mul(n, n, &nn) || !hd__size_mul(8, n, &l->total)) return HD_ENOMEM;
    if (l->dense && !(hd__size_mul_add(4, nn, l->total, &l->total) &&
                      hd__size_mul_add(3, n, l->total, &l->total)))
        return HD_ENOMEM;
    if (l->bands && !(hd__size_mul(rn->band + 1, n, &l->band_len) &&
                      hd__size_mul_add(4, l->band_len, l->total, &l->total)))
        return HD_ENOMEM;
    if (rn->method->state_size &&
        !(rn->method->state_size(rn, &l->state) && hd__size_add(l->total, l->state, &l->total)))
        return HD_ENOMEM;
    size_t bytes;
    return hd__size_mul(l->total, sizeof(double), &bytes) ? HD_OK : HD_ENOMEM;
}

/* One allocation for every array of the layout. */
static int allocate(hd__run *rn, double **block)
{
    const size_t n = rn->n;
    layout l;
    const int st = plan_layout(rn, &l);
    if (st != HD_OK) return st;
    double *b = calloc(l.total, sizeof *b);
    if (!b) return HD_ENOMEM;
    *block = b;
    rn->x = b, b += n;
    rn->g = b, b += n;
    rn->xt = b, b += n;
    rn->gt = b, b += n;
    rn->p = b, b += n;
    rn->s = b, b += n;
    rn->y = b, b += n;
    rn->xbest = b, b += n;
    if (l.dense) {
        rn->h = b, b += n * n;
        rn->ht = b, b += n * n;
        rn->work = b, b += n * n + 2 * n;
        rn->evec = b, b += n * n;
        rn->eval = b, b += n;
    }
    if (l.bands) {
        rn->band_h = b, b += l.band_len;
        rn->band_l = b, b += l.band_len;
        rn->band_z = b, b += l.band_len;
        rn->band_w = b, b += l.band_len;
    }
    if (l.state) rn->state = b;
    return HD_OK;
}

/* GD/BFGS/L-BFGS with classify_final: one Hessian at the returned point, which
 * becomes the current iterate, classifies it; where the gradient test was
 * met there (HD_STATIONARY so far), it is a saddle, a minimum shown (one
 * more Hessian, at the Newton point) or stays stationary. Beyond the dense
 * n, a banded Hessian (when the band was found at the start) decides
 * between the same three where the gradient test was met, and nothing is
 * said of other points. */
static int classify_final(hd__run *rn, int *status)
{
    const size_t n = rn->n;
    if (!rn->h) {
        if (*status != HD_STATIONARY || !rn->best_is_current) return HD_OK;
        const int st = hd__band_verdict(rn, 0);
        if (st < 0) return st;
        *status = st;
        return HD_OK;
    }
    double f;
    memcpy(rn->x, rn->xbest, n * sizeof *rn->x);
    /* Outside the budget on purpose: the caller asked for this Hessian. */
    int st = hd_hessian_ex(rn->ev.obj, rn->x, &f, rn->g, rn->h, HD_PATH_AUTO, &rn->ev.counts);
    if (st != HD_OK) return st;
    if (!hd__finite(n * n, rn->h)) return HD_OK;
    rn->eig_valid = 0;
    rn->prev_valid = 0;
    hd_point_kind kind;
    st = hd__classify_current(rn, &kind);
    if (st != HD_OK || *status != HD_STATIONARY) return st;
    if (hd__negative_curvature(rn)) {
        *status = HD_SADDLE;
        return HD_OK;
    }
    st = hd__minimum_or_stationary(rn);
    if (st < 0) return st;
    *status = st;
    return HD_OK;
}

/* Oldest row first: rotate the ring left by the slot of the oldest row
 * (three reversals), and say how many rows it holds. */
static void reverse_rows(hd_trace_row *a, size_t n)
{
    for (size_t i = 0; i + 1 < n - i; i++) {
        const hd_trace_row t = a[i];
        a[i] = a[n - 1 - i];
        a[n - 1 - i] = t;
    }
}

static size_t order_trace(hd_trace_row *rows, size_t cap, size_t written)
{
    if (written <= cap) return written;
    const size_t oldest = written % cap;
    reverse_rows(rows, oldest);
    reverse_rows(rows + oldest, cap - oldest);
    reverse_rows(rows, cap);
    return cap;
}

/* Writes every member, reads none: an uninitialised result is fine. */
static void init_result(hd_result *res)
{
    memset(res, 0, sizeof *res);
    res->point_kind = -1;
    res->min_eigenvalue = NAN;
    res->f = res->f_last = res->grad_norm = NAN;
}

/* Statuses that describe the iterate where the run stopped: it met the
 * gradient test, or no step from it is representable while its gradient is
 * tiny. */
static int about_last_iterate(int status)
{
    return hd_status_converged(status) || status == HD_STATIONARY || status == HD_SADDLE ||
           status == HD_PRECISION_LIMIT;
}

/* Every status describes the returned point. The line searches and the
 * trust region only accept decreasing steps, so their last iterate is the
 * best point; fixed steps (HD_LINESEARCH_NONE) may stop at an iterate worse
 * than a point they passed. When the status is about that iterate, it is
 * returned instead (x then is not the lowest point seen, but never worse than
 * the start); when it is worse than the start, the fixed steps have left the
 * start for a worse region and settled there: HD_DIVERGED, and the best
 * point seen is returned. Returns the status for the point in rn->xbest. */
static int settle_returned_point(hd__run *rn, int status)
{
    if (!about_last_iterate(status) || rn->best_is_current) return status;
    if (!(rn->f <= rn->f0)) return HD_DIVERGED;
    memcpy(rn->xbest, rn->x, rn->n * sizeof *rn->x);
    rn->fbest = rn->f;
    rn->gbest = rn->gnorm;
    rn->best_is_current = 1;
    return status;
}

/* The run's fields that hd_minimize and hd_minimize_memory share: the
 * validated options, the method's row, the Hessian's form. */
static int begin(hd__run *rn, const hd_objective *obj, const double *x, const hd_options *opt)
{
    if (!hd__objective_valid(obj) || !x) return HD_EINVAL;
    memset(rn, 0, sizeof *rn);
    if (opt) rn->opt = *opt;
    else hd_options_default(&rn->opt, HD_NEWTON);
    if (!options_valid(&rn->opt)) return HD_EINVAL;
    rn->n = obj->n;
    rn->method = method_of(rn->opt.method);
    hd__eval_init(&rn->ev, obj, rn->opt.max_evals);
    return prepare(rn, x);
}

int hd_minimize_memory(const hd_objective *obj, const double *x, const hd_options *opt,
                       size_t *bytes)
{
    if (!bytes) return HD_EINVAL;
    hd__run run;
    const int st = begin(&run, obj, x, opt);
    if (st != HD_OK) return st;
    layout l;
    size_t own = 0;
    if (run.method->own_bytes) {
        const int ost = run.method->own_bytes(&run, &own);
        if (ost == HD_EINVAL) return ost; /* as hd_minimize: no residuals */
        if (ost != HD_OK) own = SIZE_MAX;
    }
    *bytes = plan_layout(&run, &l) == HD_OK && l.total <= (SIZE_MAX - own) / sizeof(double)
                 ? l.total * sizeof(double) + own
                 : SIZE_MAX;
    return HD_OK;
}

static int minimize(const hd_objective *obj, double *x, const hd_options *opt, hd_result *res)
{
    hd__run run;
    hd__run *rn = &run;
    int st = begin(rn, obj, x, opt);
    if (st != HD_OK) return st;
    rn->res = res;
    double *block = NULL;
    st = allocate(rn, &block);
    if (st != HD_OK) return st;
    /* least squares: the residuals' own memory, or HD_EINVAL for an
     * objective without residuals */
    if (rn->method->prepare && (st = rn->method->prepare(rn)) != HD_OK) {
        free(block);
        return st;
    }
    if (!rn->second_order && rn->method->tests_minimum) rn->at_stationary = hd__verdict_escaping;
    rn->ev.keep_tape = rn->method->keeps_tape;
    rn->kind = -1;
    rn->min_eig = NAN;
    rn->radius = rn->opt.trust_radius;
    rn->fbest = rn->f = NAN;
    const size_t n = rn->n;
    memcpy(rn->x, x, n * sizeof *x);
    memcpy(rn->xbest, x, n * sizeof *x);

    st = hd__eval_full(rn, rn->x, &rn->f, rn->g, rn->h);
    int status = HD_OK;
    if (st == HD_OK) {
        rn->gnorm = rn->g0norm = hd__norm_inf(n, rn->g);
        rn->g0norm2 = hd__norm2(n, rn->g);
        rn->fbest = rn->f0 = rn->f;
        rn->gbest = rn->gnorm;
        rn->best_is_current = 1;
        if (rn->method->start) rn->method->start(rn);
        /* A NaN start is never "better": fbest stays NaN and nothing beats it,
         * but iterate_checks stops at once with a non-finite status. */
        st = rn->method->run(rn);
    }
    hd__eval_release(&rn->ev);
    if (st == HD__OUT_OF_EVALS) st = HD_MAX_EVALUATIONS;
    if (st > 0) status = settle_returned_point(rn, st);

    if (status > 0 && rn->opt.classify_final && !rn->second_order && !rn->method->classifies_itself &&
        !rn->method->tests_minimum) {
        const int cst = classify_final(rn, &status);
        if (cst < 0) st = cst;
    } else if (status > 0 && rn->second_order && rn->best_is_current && rn->kind < 0 &&
               hd__finite(n * n, rn->h)) {
        /* The Hessian at the returned point is at hand: classifying it costs
         * an eigen-decomposition and no evaluation. */
        hd_point_kind kind;
        const int cst = hd__classify_current(rn, &kind);
        if (cst < 0) st = cst;
    }
    /* The curvature of the returned point: the current iterate's, or
     * classify_final's. Its kind only where it met the gradient test: the
     * kinds are kinds of stationary point, and a Hessian with positive
     * eigenvalues does not make a point with a large gradient a minimum. */
    if (rn->best_is_current || (rn->opt.classify_final && !rn->second_order && !rn->method->tests_minimum)) {
        res->min_eigenvalue = rn->min_eig;
        if (hd_status_converged(status) || status == HD_STATIONARY || status == HD_SADDLE)
            res->point_kind = rn->kind;
    }
    res->status = st < 0 ? st : status;
    res->converged = hd_status_converged(res->status);
    res->iterations = rn->iter;
    res->counts = rn->ev.counts;
    res->hv_products = rn->ev.hv_products;
    res->passes = hd_counts_passes(&rn->ev.counts);
    res->f = rn->fbest;
    res->grad_norm = rn->gbest;
    res->f_last = rn->f;
    res->trace_len = order_trace(rn->opt.trace, rn->opt.trace_cap, rn->trace_rows);
    res->jacobian_evals = rn->ev.jacobians;
    res->residual_evals = rn->ev.residuals;
    memcpy(x, rn->xbest, n * sizeof *x);
    if (rn->method->release) rn->method->release(rn);
    free(block);
    return st < 0 ? st : HD_OK;
}

int hd_minimize(const hd_objective *obj, double *x, const hd_options *opt, hd_result *res)
{
    hd_result local;
    if (!res) res = &local;
    init_result(res);
    const int st = minimize(obj, x, opt, res);
    if (st < 0) {
        res->status = st;
        res->converged = 0;
    }
    return st;
}
