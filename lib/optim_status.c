/* Options, names and the status strings: each names the condition and the
 * usual remedy, so that a one-line report is actionable. */
#include <config.h>
#include <stddef.h>
#include <hyperdual.h>

void hd_options_default(hd_options *opt, hd_method method)
{
    if (!opt) return;
    const hd_options d = {
        .method = method,
        .max_iter = method == HD_GRADIENT_DESCENT ? 100000 : 1000,
        .gtol = 1e-8,
        .learning_rate = 1e-3,
        .line_search = method == HD_BFGS ? HD_LINESEARCH_WOLFE : HD_LINESEARCH_BACKTRACKING,
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
    };
    *opt = d;
}

const char *hd_status_str(int status)
{
    switch (status) {
    case HD_CONVERGED:
        return "converged: ||g||_inf <= gtol, and the Hessian is positive semidefinite where it "
               "was computed; nothing to do";
    case HD_SADDLE:
        return "saddle point: the gradient vanishes but the Hessian has a negative eigenvalue and "
               "f could not be decreased along it; restart elsewhere, or use Newton or the trust "
               "region with escape_saddles = 1";
    case HD_STALLED:
        return "stalled: f or x changed by less than ftol/xtol while ||g||_inf > gtol; this is "
               "not convergence: rescale the problem or use a second-order method";
    case HD_PRECISION_LIMIT:
        return "precision limit: f cannot be decreased in floating point while ||g|| is already "
               "tiny; the point is as good as double precision allows: loosen gtol";
    case HD_LINESEARCH_FAILED:
        return "line search failed: no step along the search direction (or inside the trust "
               "region) decreases f enough; check the derivatives (hd_check_derivatives), "
               "rescale, or use the trust-region method";
    case HD_NONFINITE_VALUE:
        return "non-finite value: f is NaN or infinite at the start (trial points outside the "
               "domain are stepped back from); start inside the domain of f";
    case HD_NONFINITE_GRADIENT:
        return "non-finite gradient: the gradient is NaN or infinite (e.g. sqrt or log at 0); "
               "start elsewhere or reformulate the objective near that point";
    case HD_NONFINITE_HESSIAN:
        return "non-finite Hessian: a second derivative is NaN or infinite; start elsewhere, "
               "reformulate, or use a first-order method (BFGS)";
    case HD_MAX_ITERATIONS:
        return "iteration limit: max_iter reached before convergence; raise max_iter or use a "
               "second-order method (Newton converges in far fewer iterations)";
    case HD_MAX_EVALUATIONS:
        return "evaluation limit: max_evals reached before convergence; raise max_evals";
    case HD_STOPPED_BY_CALLBACK:
        return "stopped by the callback, which returned non-zero";
    case HD_DIVERGED:
        return "diverged: |f| or ||x||_inf exceeded divergence_limit, or the iterates ran away "
               "(5 consecutive steps each raised f and doubled ||x||_inf, or a singular Hessian "
               "came after 2 such steps); lower learning_rate or use a line search (the default "
               "Newton instead of pure Newton), or f is unbounded below";
    case HD_SINGULAR_HESSIAN:
        return "singular Hessian: pure Newton (HD_HESSIAN_AS_IS) cannot solve H p = -g (and "
               "the iterates were not running away); use "
               "HD_HESSIAN_SHIFT, HD_HESSIAN_EIGEN or the trust region";
    default:
        /* hd_strerror sends positive codes here: answer them without it */
        return status > 0 ? "unknown optimizer status" : hd_strerror(status);
    }
}

const char *hd_method_name(hd_method method)
{
    switch (method) {
    case HD_GRADIENT_DESCENT: return "gradient descent";
    case HD_NEWTON: return "newton";
    case HD_NEWTON_TRUST_REGION: return "newton trust region";
    case HD_BFGS: return "bfgs";
    default: return "unknown method";
    }
}

const char *hd_point_kind_str(hd_point_kind kind)
{
    switch (kind) {
    case HD_POINT_MINIMUM: return "minimum";
    case HD_POINT_MAXIMUM: return "maximum";
    case HD_POINT_SADDLE: return "saddle";
    case HD_POINT_DEGENERATE: return "degenerate";
    default: return "unknown";
    }
}
