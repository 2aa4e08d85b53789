/* Error strings, optimizer status strings, and the run-time version.
 *
 * One table describes every code a hyperdual function returns or stores:
 * the HD_E* errors (negative, and HD_OK) and the optimizer statuses
 * (positive, hd_result.status). hd_strerror and hd_status_str both read it,
 * so the two cannot disagree and neither calls the other. The statuses are
 * named here, below the optimizer, because only their enumerators are needed
 * (from optim.h, a header): this file links against nothing. */
#include <config.h>
#include <stddef.h>
#include "hyperdual/error.h"
#include "hyperdual/optim.h"
#include "hyperdual/version.h"

const char *hd_version(void) { return HD_VERSION_STRING; }

/* Indexed by code - HD_EDOM, HD_EDOM being the lowest code (a new, lower
 * error code needs a new base here). A new status needs only its row: the
 * table's length bounds the lookup. The status lines name the condition and
 * the usual remedy, so that a one-line report is actionable. */
#define HD__AT(code) [(code) - HD_EDOM]
static const char *const hd__code_text[] = {
    HD__AT(HD_OK)         = "success",
    HD__AT(HD_EINVAL)     = "invalid argument",
    HD__AT(HD_ENOMEM)     = "out of memory",
    HD__AT(HD_ENONFINITE) = "non-finite value (NaN or infinity)",
    HD__AT(HD_ELAPACK)    = "LAPACKE routine failed",
    HD__AT(HD_ESYNTAX)    = "syntax error in expression",
    HD__AT(HD_ERANGE)     = "size or nesting limit exceeded",
    HD__AT(HD_EDOM)       = "argument outside the domain",

    HD__AT(HD_CONVERGED) =
        "converged: ||g||_inf <= gtol at a point shown to be a minimum (its Hessian is "
        "positive definite and changes by less than a quarter of itself across the Newton "
        "step); nothing to do",
    HD__AT(HD_SADDLE) =
        "saddle point: the gradient vanishes but the Hessian has a negative eigenvalue and "
        "f could not be decreased along it; restart elsewhere, or use Newton or the trust "
        "region with escape_saddles = 1",
    HD__AT(HD_STALLED) =
        "stalled: f or x changed by less than ftol/xtol while ||g||_inf > gtol; this is "
        "not convergence: rescale the problem or use a second-order method",
    HD__AT(HD_PRECISION_LIMIT) =
        "precision limit: f cannot be decreased in floating point while ||g|| is already "
        "tiny; the point is as good as double precision allows: loosen gtol",
    HD__AT(HD_LINESEARCH_FAILED) =
        "line search failed: no step along the search direction (or inside the trust "
        "region) decreases f enough; check the derivatives (hd_check_derivatives), "
        "rescale, or use the trust-region method",
    HD__AT(HD_NONFINITE_VALUE) =
        "non-finite value: f is NaN or infinite at the start (trial points outside the "
        "domain are stepped back from); start inside the domain of f",
    HD__AT(HD_NONFINITE_GRADIENT) =
        "non-finite gradient: the gradient is NaN or infinite (e.g. sqrt or log at 0); "
        "start elsewhere or reformulate the objective near that point",
    HD__AT(HD_NONFINITE_HESSIAN) =
        "non-finite Hessian: a second derivative is NaN or infinite; start elsewhere, "
        "reformulate, or use a first-order method (BFGS)",
    HD__AT(HD_MAX_ITERATIONS) =
        "iteration limit: max_iter reached before convergence; raise max_iter or use a "
        "second-order method (Newton converges in far fewer iterations)",
    HD__AT(HD_MAX_EVALUATIONS) =
        "evaluation limit: max_evals reached before convergence; raise max_evals",
    HD__AT(HD_STOPPED_BY_CALLBACK) =
        "stopped by the callback, which returned non-zero",
    HD__AT(HD_DIVERGED) =
        "diverged: |f| or ||x||_inf exceeded divergence_limit, the iterates ran away "
        "(5 consecutive steps each raised f and doubled ||x||_inf, or a singular Hessian "
        "came after 2 such steps), or fixed steps settled on a stationary point worse than "
        "the start (the best point seen is returned); lower learning_rate or use a line "
        "search (the default Newton instead of pure Newton), or f is unbounded below",
    HD__AT(HD_SINGULAR_HESSIAN) =
        "singular Hessian: pure Newton (HD_HESSIAN_AS_IS) cannot solve H p = -g (and "
        "the iterates were not running away); use "
        "HD_HESSIAN_SHIFT, HD_HESSIAN_EIGEN or the trust region",
    HD__AT(HD_STATIONARY) =
        "stationary, not proven a minimum: ||g||_inf <= gtol and no negative curvature, but "
        "the Hessian is singular or too nearly singular for the size of the gradient (or "
        "was not computed: classify_final = 0), so a minimum, an inflection or a "
        "degenerate saddle cannot be told apart; a smaller gtol proves a minimum whose "
        "Hessian is merely ill-conditioned, otherwise check the point by other means",
};
#undef HD__AT

const char *hd_strerror(int code)
{
    /* in long long, so that INT_MIN and INT_MAX cannot overflow */
    const long long i = (long long)code - HD_EDOM;
    const long long n = (long long)(sizeof hd__code_text / sizeof hd__code_text[0]);
    if (i >= 0 && i < n && hd__code_text[i]) return hd__code_text[i];
    return code > 0 ? "unknown optimizer status" : "unknown error code";
}
