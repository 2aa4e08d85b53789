/* Error strings, optimizer status strings, and the run-time version.
 *
 * One table describes every code a hyperdual function returns or stores:
 * the HD_E* errors (negative, and HD_OK) and the optimizer statuses
 * (positive, hd_result.status), with a status's lines for particular
 * methods. hd_strerror, hd_status_str and hd__status_line (hd_status_advice
 * picks the line for the run's method, lib/optim/run.c) all read it, so
 * they cannot disagree. The statuses are
 * named here, below the optimizer, because only their enumerators are needed
 * (from optim.h, a header): this file links against nothing. */
#include <config.h>
#include <stddef.h>
#include "hyperdual/error.h"
#include "hyperdual/optim.h"
#include "hyperdual/version.h"
#include "status_lines.h"

const char *hd_version(void) { return HD_VERSION_STRING; }

typedef struct code_text {
    const char *text;           /* every code: hd_strerror's, hd_status_str's line */
    const char *for_[HD__FOR_CASES]; /* statuses: the line for a case, or NULL (= text) */
} code_text;

/* The conditions that several lines of one status share. */
#define SADDLE_IS "saddle point: the gradient vanishes but the Hessian has a negative " \
                  "eigenvalue, so the point is no minimum"
#define STALLED_IS "stalled: f or x changed by less than ftol/xtol while ||g||_inf > gtol; " \
                   "this is not convergence"
#define LS_FAILED_IS "line search failed: no step along the search direction (or inside " \
                     "the trust region) decreases f enough"
#define MAX_ITER_IS "iteration limit: max_iter reached before convergence"
#define DIVERGED_IS "diverged: |f| or ||x||_inf passed divergence_limit, the iterates ran " \
                    "away (f rising and ||x||_inf doubling 5 steps in a row, or a singular " \
                    "Hessian after 2 such steps), the trust region took 5 steps of " \
                    "max_trust_radius in a row along a model unbounded below, or fixed " \
                    "steps settled on a stationary point worse than the start"
#define STATIONARY_IS "stationary, not proven a minimum: ||g||_inf <= gtol"
#define SHOWN_NEAR_MINIMUM "at a point shown to be near a minimum (the Hessian of f is " \
                           "positive definite and changes by less than a quarter of itself " \
                           "across the Newton step, so a minimum lies within about twice that " \
                           "step); nothing to do"
#define LSQ_STALLED STALLED_IS ", and no minimum could be shown there: a large-residual " \
                    "problem where the Gauss-Newton model is poor (use Newton, whose exact " \
                    "Hessian has the sum of r_i times the Hessian of r_i), a Jacobian singular " \
                    "at the solution, or loose tolerances: lower ftol/xtol"
/* Lines that several cases share. */
#define SADDLE_UNUSED(method) SADDLE_IS "; " method " does not use curvature and stops " \
                              "there: restart elsewhere, or use Newton or the trust " \
                              "region, which step along it"
#define SADDLE_TRIED SADDLE_IS ", and f could not be decreased along it in floating point: " \
                     "restart elsewhere"
#define STALLED_SECOND_ORDER STALLED_IS ": lower or drop ftol/xtol, or rescale the problem"
#define MAX_ITER_SECOND_ORDER(run) MAX_ITER_IS "; raise max_iter; " run " this long usually " \
                                   "means bad scaling or a Hessian singular along the way: " \
                                   "rescale the variables"
#define DIVERGED_SEARCHED DIVERGED_IS "; with a line search this means f is unbounded below " \
                          "(or divergence_limit is too small)"
#define DIVERGED_FIXED_NEWTON DIVERGED_IS "; use the default Newton (HD_HESSIAN_SHIFT with " \
                              "a line search), unless f is unbounded below"

/* Indexed by code - HD_ESINGULAR, HD_ESINGULAR being the lowest code (a new,
 * lower error code needs a new base here). A new status needs only its row: the
 * table's length bounds the lookup. The status lines name the condition and
 * the usual remedy, so that a one-line report is actionable. */
#define HD__LOWEST_CODE HD_ESINGULAR
#define HD__AT(code) [(code) - HD__LOWEST_CODE]
static const code_text hd__code_text[] = {
    HD__AT(HD_OK)         = {.text = "success"},
    HD__AT(HD_EINVAL)     = {.text = "invalid argument"},
    HD__AT(HD_ENOMEM)     = {.text = "out of memory"},
    HD__AT(HD_ENONFINITE) = {.text = "non-finite value (NaN or infinity)"},
    HD__AT(HD_ELAPACK)    = {.text = "LAPACKE routine failed"},
    HD__AT(HD_ESYNTAX)    = {.text = "syntax error in expression"},
    HD__AT(HD_ERANGE)     = {.text = "size or nesting limit exceeded"},
    HD__AT(HD_EDOM)       = {.text = "argument outside the domain"},
    HD__AT(HD_ESINGULAR)  = {.text = "singular matrix: the data do not determine every parameter"},

    HD__AT(HD_CONVERGED) = {
        .text = "converged: ||g||_inf <= gtol at a point shown to be a minimum (its Hessian is "
        "positive definite and changes by less than a quarter of itself across the Newton "
        "step); nothing to do"},
    HD__AT(HD_SADDLE) = {
        .text = SADDLE_IS "; restart elsewhere, or use Newton or the trust region with "
        "escape_saddles = 1, which step along negative curvature",
        .for_ = {[HD__FOR_GD_FIXED] = SADDLE_UNUSED("gradient descent"),
                 [HD__FOR_GD] = SADDLE_UNUSED("gradient descent"),
                 [HD__FOR_BFGS] = SADDLE_UNUSED("BFGS"),
                 [HD__FOR_LBFGS] = SADDLE_UNUSED("L-BFGS"),
                 [HD__FOR_NEWTON] = SADDLE_TRIED,
                 [HD__FOR_TRUST_REGION] = SADDLE_TRIED,
                 [HD__FOR_NEWTON_FIXED] = SADDLE_IS "; pure Newton is drawn back to saddles "
                                      "and never leaves them: use the default Newton "
                                      "(HD_HESSIAN_SHIFT with a line search) or the "
                                      "trust region",
                 [HD__FOR_NO_ESCAPE] = SADDLE_IS "; set escape_saddles = 1 to step along the negative "
                                   "curvature",
                 [HD__FOR_GN] = SADDLE_UNUSED("Gauss-Newton"),
                 [HD__FOR_LM] = SADDLE_UNUSED("Levenberg-Marquardt")}},
    HD__AT(HD_STALLED) = {
        .text = STALLED_IS ": lower or drop ftol/xtol, rescale the problem, or (after a "
        "first-order method) use a second-order one",
        .for_ = {[HD__FOR_NEWTON] = STALLED_SECOND_ORDER,
                 [HD__FOR_NEWTON_FIXED] = STALLED_SECOND_ORDER,
                 [HD__FOR_TRUST_REGION] = STALLED_SECOND_ORDER,
                 [HD__FOR_GN] = LSQ_STALLED,
                 [HD__FOR_LM] = LSQ_STALLED}},
    HD__AT(HD_PRECISION_LIMIT) = {
        .text = "precision limit: f cannot be decreased in floating point while ||g|| is already "
        "tiny; the point is as good as double precision allows: loosen gtol"},
    HD__AT(HD_LINESEARCH_FAILED) = {
        .text = LS_FAILED_IS "; check the derivatives (hd_check_derivatives), rescale, or (after a "
        "line search) use the trust-region method",
        .for_ = {[HD__FOR_TRUST_REGION] = LS_FAILED_IS "; check the derivatives (hd_check_derivatives) "
                                      "or rescale; a trust_radius below the rounding of x admits "
                                      "no step at all"}},
    HD__AT(HD_NONFINITE_VALUE) = {
        .text = "non-finite value: f is NaN or infinite at the start (trial points outside the "
        "domain are stepped back from); start inside the domain of f"},
    HD__AT(HD_NONFINITE_GRADIENT) = {
        .text = "non-finite gradient: the gradient is NaN or infinite (e.g. sqrt or log at 0); "
        "start elsewhere or reformulate the objective near that point"},
    HD__AT(HD_NONFINITE_HESSIAN) = {
        .text = "non-finite Hessian: a second derivative is NaN or infinite; start elsewhere, "
        "reformulate, or use a first-order method (BFGS)"},
    HD__AT(HD_MAX_ITERATIONS) = {
        .text = MAX_ITER_IS "; raise max_iter",
        .for_ = {[HD__FOR_GD_FIXED] = MAX_ITER_IS "; raise max_iter, use a line search, or use a "
                                  "second-order method (Newton converges in far fewer iterations)",
                 [HD__FOR_GD] = MAX_ITER_IS "; raise max_iter, or use BFGS or a second-order method "
                            "(Newton converges in far fewer iterations)",
                 [HD__FOR_BFGS] = MAX_ITER_IS "; raise max_iter, or use Newton (a Hessian per "
                              "iteration, far fewer iterations)",
                 [HD__FOR_LBFGS] = MAX_ITER_IS "; raise max_iter or lbfgs_memory, or use Newton-CG "
                               "(exact Hessian-vector products, far fewer iterations)",
                 [HD__FOR_NEWTON] = MAX_ITER_SECOND_ORDER("a Newton run"),
                 [HD__FOR_NEWTON_FIXED] = MAX_ITER_IS "; raise max_iter, or use the default Newton "
                                      "(HD_HESSIAN_SHIFT with a line search)",
                 [HD__FOR_TRUST_REGION] = MAX_ITER_SECOND_ORDER("a trust-region run"),
                 [HD__FOR_GN] = MAX_ITER_IS "; raise max_iter; Gauss-Newton converges only "
                            "linearly where the residuals stay large: use Levenberg-Marquardt, "
                            "or Newton (the exact Hessian)",
                 [HD__FOR_LM] = MAX_ITER_IS "; raise max_iter; Levenberg-Marquardt converges "
                            "only linearly where the residuals stay large: use Newton (the "
                            "exact Hessian), or rescale the variables"}},
    HD__AT(HD_MAX_EVALUATIONS) = {
        .text = "evaluation limit: max_evals reached before convergence; raise max_evals"},
    HD__AT(HD_STOPPED_BY_CALLBACK) = {
        .text = "stopped by the callback, which returned non-zero"},
    HD__AT(HD_DIVERGED) = {
        .text = DIVERGED_IS "; lower learning_rate or use a line search (the default Newton "
        "instead of pure Newton), or f is unbounded below",
        .for_ = {[HD__FOR_GD_FIXED] = DIVERGED_IS "; lower learning_rate or use a line search, unless "
                                  "f is unbounded below",
                 [HD__FOR_GD] = DIVERGED_SEARCHED,
                 [HD__FOR_BFGS] = DIVERGED_SEARCHED,
                 [HD__FOR_LBFGS] = DIVERGED_SEARCHED,
                 [HD__FOR_NEWTON] = DIVERGED_SEARCHED,
                 [HD__FOR_NEWTON_FIXED] = DIVERGED_FIXED_NEWTON,
                 [HD__FOR_GN] = DIVERGED_SEARCHED,
                 [HD__FOR_GN_FIXED] = DIVERGED_IS "; pure Gauss-Newton takes the full step: use "
                                  "its line search or Levenberg-Marquardt, unless f is "
                                  "unbounded below",
                 [HD__FOR_LM] = DIVERGED_SEARCHED,
                 [HD__FOR_TRUST_REGION] = DIVERGED_IS "; f is unbounded below as far as the trust "
                                      "region looks (raise max_trust_radius if a minimum lies "
                                      "further out)"}},
    HD__AT(HD_SINGULAR_HESSIAN) = {
        .text = "singular Hessian: pure Newton (HD_HESSIAN_AS_IS) cannot solve H p = -g (and "
        "the iterates were not running away); use "
        "HD_HESSIAN_SHIFT, HD_HESSIAN_EIGEN or the trust region"},
    HD__AT(HD_STATIONARY) = {
        .text = STATIONARY_IS " and no negative curvature shown, but the Hessian is singular or "
        "too nearly singular for the size of the gradient (or was not computed: classify_final "
        "= 0, or n above HD_DENSE_HESSIAN_MAX_N without a narrow band), so a minimum, an "
        "inflection or a degenerate saddle cannot be told apart; a "
        "smaller gtol proves a minimum whose Hessian is merely ill-conditioned, otherwise "
        "check the point by other means",
        .for_ = {[HD__FOR_NO_HESSIAN] = STATIONARY_IS ", but gradient descent, BFGS and L-BFGS "
                                    "compute no Hessian: set classify_final = 1 to have the "
                                    "point classified and a minimum shown",
                 [HD__FOR_LSQ_NO_HESSIAN] = STATIONARY_IS ", but Gauss-Newton and "
                                        "Levenberg-Marquardt use J^T J, not the Hessian, and "
                                        "classify_final = 0 computed none at the end: set "
                                        "classify_final = 1 (the default) to have a minimum "
                                        "shown"}},
    HD__AT(HD_CONVERGED_REDUCTION) = {
        .text = "converged (small reduction): f fell by at most ftol times f, actually and as "
        "the linear model of the residuals predicted (MINPACK's test), " SHOWN_NEAR_MINIMUM},
    HD__AT(HD_CONVERGED_SMALL_STEP) = {
        .text = "converged (small step): the step (Levenberg-Marquardt: the trust region, in "
        "its scaling) shrank to xtol times x, " SHOWN_NEAR_MINIMUM},
    HD__AT(HD_SINGULAR_JACOBIAN) = {
        .text = "singular Jacobian: the Jacobian's columns are linearly dependent (rank below "
        "n), so the Gauss-Newton step is not determined; use Levenberg-Marquardt, whose "
        "damping determines it, or drop the parameters the residuals do not determine"},
};
#undef HD__AT

/* The entry of a code, or NULL when it is no code. */
static const code_text *entry(int code)
{
    /* in long long, so that INT_MIN and INT_MAX cannot overflow */
    const long long i = (long long)code - HD__LOWEST_CODE;
    const long long n = (long long)(sizeof hd__code_text / sizeof hd__code_text[0]);
    return i >= 0 && i < n && hd__code_text[i].text ? &hd__code_text[i] : NULL;
}

const char *hd_strerror(int code)
{
    const code_text *e = entry(code);
    if (e) return e->text;
    return code > 0 ? "unknown optimizer status" : "unknown error code";
}

const char *hd__status_line(int status, int line)
{
    const code_text *e = entry(status);
    if (!e) return hd_strerror(status);
    if (status <= 0 || line < 0 || line >= HD__FOR_CASES || !e->for_[line]) return e->text;
    return e->for_[line];
}
