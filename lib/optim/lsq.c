/* What Gauss-Newton (gn.c) and Levenberg-Marquardt (lm.c) share: the
 * residuals behind the objective (hd_objective_residuals), their own memory,
 * evaluating residuals and Jacobians, the QR factorization of J with column
 * pivoting (LAPACKE through lib/linalg.c), accepting a step, and the verdict
 * at the end: a stop of the MINPACK tests (relative reduction, small step)
 * or of the gradient test is "converged" only where the exact Hessian of
 * f = Σ r_i² shows a minimum (hd__minimum_shown, as for every method).
 *
 * Why QR of J and not a Cholesky factorization of JᵀJ: forming JᵀJ squares
 * the condition number, so a Jacobian with a condition number beyond 1e8
 * (Meyer's scales span 1e-3 to 1e4; Powell's badly scaled problem) gives a
 * JᵀJ that is singular in double precision, while the QR factorization of
 * J keeps the accuracy the data allow (doc/optimizers.md). */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "../linalg.h"
#include "../size_check.h"
#include "../status_lines.h"

void hd__lsq_defaults(hd_options *o)
{
    o->ftol = 1e-8; /* scipy's least_squares; MINPACK's lmder1 uses sqrt(eps) */
    o->xtol = 1e-8;
    o->classify_final = 1; /* the exact Hessian is one call away: show the minimum */
}

void hd__lsq_release(hd__run *rn)
{
    hd__lsq *ls = rn->own;
    if (!ls) return;
    free(ls->perm);
    free(ls);
    rn->own = NULL;
}

/* The arrays of the method's own memory (doubles), each listed once with
 * its length: one list for hd__lsq_own_bytes and hd__lsq_prepare. */
typedef struct {
    double **at;
    size_t len;
} lsq_array;
enum { LSQ_ARRAYS = 15 };

/* The residuals behind the run's objective and the lengths of the arrays
 * (pointing into *proto); *bytes: the struct, the arrays and the column
 * permutation in all. Every size is checked, so an absurd m or n is
 * HD_ENOMEM; an objective without residuals (of n variables) HD_EINVAL. */
static int lsq_plan(const hd__run *rn, hd__lsq *proto, lsq_array arrays[LSQ_ARRAYS], size_t *bytes)
{
    hd_vector_objective F;
    if (hd_objective_residuals(rn->ev.obj, &F) != HD_OK || F.n != rn->n)
        return HD_EINVAL; /* no residuals: not a sum of squares */
    const size_t n = rn->n, m = F.m, rows = m > n ? m : n;
    size_t mn, rows_n, n2;
    if (!hd__size_mul(m, n, &mn) || !hd__size_mul(rows, n, &rows_n) || !hd__size_mul(2 * n, n, &n2))
        return HD_ENOMEM;
    memset(proto, 0, sizeof *proto);
    proto->F = F;
    proto->m = m;
    proto->rows = rows;
    const lsq_array list[LSQ_ARRAYS] = {
        {&proto->r, m},   {&proto->rt, m},       {&proto->jac, mn},    {&proto->qr, rows_n},
        {&proto->qtr, rows}, {&proto->aug, n2},  {&proto->rhs, 2 * n}, {&proto->tau, n},
        {&proto->tau2, n}, {&proto->colnorm, n}, {&proto->diag, n},    {&proto->w1, n},
        {&proto->w2, n},  {&proto->w3, n},       {&proto->w4, n},
    };
    memcpy(arrays, list, sizeof list);
    size_t total = 0, perm;
    for (size_t k = 0; k < LSQ_ARRAYS; k++)
        if (!hd__size_add(total, arrays[k].len, &total)) return HD_ENOMEM;
    if (!hd__size_mul(total, sizeof(double), bytes) || !hd__size_add(*bytes, sizeof(hd__lsq), bytes) ||
        !hd__size_mul(n, sizeof(size_t), &perm) || !hd__size_add(*bytes, perm, bytes))
        return HD_ENOMEM;
    return HD_OK;
}

int hd__lsq_own_bytes(const hd__run *rn, size_t *bytes)
{
    hd__lsq proto;
    lsq_array arrays[LSQ_ARRAYS];
    return lsq_plan(rn, &proto, arrays, bytes);
}

/* One block: the struct, then its arrays; the permutation apart. */
int hd__lsq_prepare(hd__run *rn)
{
    hd__lsq proto;
    lsq_array arrays[LSQ_ARRAYS];
    size_t bytes;
    const int st = lsq_plan(rn, &proto, arrays, &bytes);
    if (st != HD_OK) return st;
    const size_t n = rn->n;
    hd__lsq *ls = calloc(1, bytes - n * sizeof(size_t));
    size_t *perm = hd__malloc_array(n, sizeof *perm);
    if (!ls || !perm) {
        free(ls);
        free(perm);
        return HD_ENOMEM;
    }
    double *p = (double *)(void *)(ls + 1);
    for (size_t k = 0; k < LSQ_ARRAYS; k++) {
        *arrays[k].at = p;
        p += arrays[k].len;
    }
    proto.perm = perm;
    *ls = proto;
    rn->own = ls;
    return HD_OK;
}
_Static_assert(sizeof(hd__lsq) % sizeof(double) == 0, "the arrays follow the struct aligned");

/* f = Σ r_i², in the order the sum-of-squares objective adds them. */
static double sum_of_squares(size_t m, const double *r)
{
    double s = 0.0;
    for (size_t i = 0; i < m; i++) s += r[i] * r[i];
    return s;
}

/* g = 2 Jᵀ r (J m×n row-major). */
static void gradient(size_t m, size_t n, const double *jac, const double *r, double *g)
{
    memset(g, 0, n * sizeof *g);
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < n; j++) g[j] += 2.0 * jac[i * n + j] * r[i];
}

/* Residuals and Jacobian at x (a new iterate, or the start). */
static int jacobian_at(hd__run *rn, const double *x, double *r, double *f, double *g)
{
    hd__lsq *ls = rn->own;
    const int st = hd__eval_jacobian(&rn->ev, &ls->F, x, r, ls->jac);
    if (st != HD_OK) return st;
    *f = sum_of_squares(ls->m, r);
    gradient(ls->m, rn->n, ls->jac, r, g);
    return HD_OK;
}

/* The start (hd__eval_full, through the row's evaluate). */
int hd__lsq_evaluate(hd__run *rn, const double *x, double *f, double *g)
{
    hd__lsq *ls = rn->own;
    const int st = jacobian_at(rn, x, ls->r, f, g);
    ls->g_known = st == HD_OK;
    return st;
}

double hd__lsq_scaled_norm(const hd__lsq *ls, const double *v)
{
    double s = 0.0;
    for (size_t j = 0; j < ls->F.n; j++) s += (ls->diag[j] * v[j]) * (ls->diag[j] * v[j]);
    return sqrt(s);
}

int hd__lsq_factor(hd__run *rn, int first)
{
    hd__lsq *ls = rn->own;
    const size_t n = rn->n, m = ls->m, rows = ls->rows;
    if (!hd__finite(m * n, ls->jac)) return HD_NONFINITE_GRADIENT;
    for (size_t j = 0; j < n; j++) {
        double s = 0.0;
        for (size_t i = 0; i < rows; i++) {
            const double v = i < m ? ls->jac[i * n + j] : 0.0;
            ls->qr[i + j * rows] = v;
            s += v * v;
        }
        ls->colnorm[j] = sqrt(s);
        ls->diag[j] = first ? (ls->colnorm[j] > 0.0 ? ls->colnorm[j] : 1.0)
                            : fmax(ls->diag[j], ls->colnorm[j]);
    }
    for (size_t i = 0; i < rows; i++) ls->qtr[i] = i < m ? ls->r[i] : 0.0;
    int st = hd__qr_pivoted(rows, n, ls->qr, ls->tau, ls->perm);
    rn->res->factorizations++;
    if (st == HD_OK) st = hd__qr_apply_qt(rows, n, ls->qr, ls->tau, ls->qtr);
    return st;
}

int hd__lsq_trial(hd__run *rn, double *ft)
{
    hd__lsq *ls = rn->own;
    const int st = hd__eval_residuals(&rn->ev, &ls->F, rn->xt, ls->rt);
    if (st != HD_OK) return st;
    rn->res->ls_trials++;
    const double s = sum_of_squares(ls->m, ls->rt);
    *ft = isfinite(s) ? s : INFINITY;
    return HD_OK;
}

int hd__lsq_accept(hd__run *rn, double ft, double step, int with_jacobian)
{
    hd__lsq *ls = rn->own;
    const size_t n = rn->n;
    if (with_jacobian) {
        double fj;
        const int st = jacobian_at(rn, rn->xt, ls->rt, &fj, rn->gt);
        if (st != HD_OK) return st;
        /* Nothing is accepted; ls->jac now holds the trial's J, which no
         * one reads: x keeps its factorization until a step is accepted. */
        if (!isfinite(fj) || !hd__finite(n, rn->gt) || !hd__finite(ls->m * n, ls->jac))
            return HD_NONFINITE_GRADIENT;
    } else {
        for (size_t i = 0; i < n; i++) rn->gt[i] = NAN;
    }
    memcpy(ls->r, ls->rt, ls->m * sizeof *ls->r);
    hd__accept(rn, ft, step);
    ls->g_known = with_jacobian;
    return HD_OK;
}

/* The gradient (and, with classify_final, the Hessian) at x where the run
 * stopped without its Jacobian, outside max_evals (as classify_final's
 * Hessian: the verdict needs them); the iterate is then reported with it. */
static int derivatives_at_end(hd__run *rn, int *have_h)
{
    hd__lsq *ls = rn->own;
    const size_t n = rn->n;
    double f;
    *have_h = 0;
    if (rn->opt.classify_final) {
        const int st = hd_hessian_ex(rn->ev.obj, rn->x, &f, rn->g, rn->h, HD_PATH_AUTO, &rn->ev.counts);
        if (st != HD_OK) return st;
        *have_h = 1;
    } else if (!ls->g_known) {
        const int st = hd_gradient_ex(rn->ev.obj, rn->x, &f, rn->g, HD_PATH_AUTO, &rn->ev.counts);
        if (st != HD_OK) return st;
    }
    rn->eig_valid = 0;
    rn->prev_valid = 0;
    if (!ls->g_known) {
        rn->gnorm = hd__norm_inf(n, rn->g);
        if (rn->best_is_current) rn->gbest = rn->gnorm;
        ls->g_known = 1;
        (void)hd__report(rn); /* the run ends here whatever the callback says */
    }
    return HD_OK;
}

/* After a minimum was shown at x: the test's Newton point z = x + p, where
 * it computed the Hessian (and so g(z)), is nearer the minimum by the same
 * theorem, and one residual evaluation (outside max_evals, like the test's
 * Hessians) says whether f(z) < f(x). Then z becomes the returned point,
 * unless its gradient is above both gtol and x's. On large-residual
 * problems, where Gauss-Newton and Levenberg-Marquardt converge linearly,
 * this exact Newton step takes them from f - f* ~ ftol·f to rounding
 * (Brown and Dennis: from 4e-3 to 1e-10, no Jacobian). */
static int newton_polish(hd__run *rn)
{
    hd__lsq *ls = rn->own;
    const size_t n = rn->n;
    int moved = 0;
    for (size_t i = 0; i < n; i++) moved |= rn->xt[i] != rn->x[i];
    if (!moved || !hd__finite(n, rn->gt)) return HD_OK;
    if (rn->iter >= rn->opt.max_iter) return HD_OK; /* the step is an iteration: none at the limit */
    const double gz = hd__norm_inf(n, rn->gt);
    if (!(gz <= fmax(rn->gnorm, rn->opt.gtol))) return HD_OK;
    const int st = hd_vector_value_ex(&ls->F, rn->xt, ls->rt, &rn->ev.counts);
    if (st != HD_OK) return st;
    rn->ev.residuals++;
    const double fz = sum_of_squares(ls->m, ls->rt);
    if (!(fz < rn->f)) return HD_OK;
    memcpy(ls->r, ls->rt, ls->m * sizeof *ls->r);
    hd__accept(rn, fz, 1.0);
    rn->kind = HD_POINT_MINIMUM; /* shown at the previous point, nearer the minimum here */
    (void)hd__report(rn);
    return HD_OK;
}

/* A candidate stop without a minimum shown. */
static int not_shown(const hd__run *rn, int status)
{
    if (rn->gnorm <= rn->opt.gtol) return HD_STATIONARY;
    return status == HD__STOP_FLOOR ? hd__failed_step_status(rn) : HD_STALLED;
}

int hd__lsq_finish(hd__run *rn, int status)
{
    const int candidate = status == HD_STATIONARY || status == HD__STOP_REDUCTION ||
                          status == HD__STOP_SMALL_STEP || status == HD__STOP_FLOOR;
    if (!candidate) return status;
    int have_h;
    int st = derivatives_at_end(rn, &have_h);
    if (st != HD_OK) return st;
    if (!have_h || !hd__finite(rn->n * rn->n, rn->h) || !hd__finite(rn->n, rn->g))
        return not_shown(rn, status);
    hd_point_kind kind;
    st = hd__classify_current(rn, &kind);
    if (st != HD_OK) return st;
    if (hd__negative_curvature(rn))
        return rn->gnorm <= rn->opt.gtol ? HD_SADDLE : not_shown(rn, status);
    st = hd__minimum_or_stationary(rn);
    if (st != HD_CONVERGED) return st == HD_STATIONARY ? not_shown(rn, status) : st;
    if ((st = newton_polish(rn)) != HD_OK) return st;
    /* A minimum is shown: the gradient test, the library's common one, is
     * named where it holds; otherwise the test that stopped the run. */
    if (rn->gnorm <= rn->opt.gtol) return HD_CONVERGED;
    if (status == HD__STOP_REDUCTION) return HD_CONVERGED_REDUCTION;
    if (status == HD__STOP_SMALL_STEP) return HD_CONVERGED_SMALL_STEP;
    rn->kind = -1; /* HD__STOP_FLOOR: no convergence test was met */
    return hd__failed_step_status(rn);
}

int hd__lsq_stop_test(const hd__run *rn, double actred, double prered, double ratio,
                      double step_norm, double x_norm)
{
    const double ftol = rn->opt.ftol, xtol = rn->opt.xtol;
    const int small_ratio = 0.5 * ratio <= 1.0;
    if (fabs(actred) <= ftol && prered <= ftol && small_ratio) return HD__STOP_REDUCTION;
    if (step_norm <= xtol * x_norm) return HD__STOP_SMALL_STEP;
    if ((fabs(actred) <= DBL_EPSILON && prered <= DBL_EPSILON && small_ratio) ||
        step_norm <= DBL_EPSILON * x_norm)
        return HD__STOP_FLOOR;
    return 0;
}

int hd__lsq_advice(int status, const hd_options *o, int line)
{
    return status == HD_STATIONARY && !o->classify_final ? HD__FOR_LSQ_NO_HESSIAN : line;
}
