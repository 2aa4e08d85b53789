/**
 * @file hyperdual/optim.h
 * @brief Minimizers (gradient descent, Newton, trust-region Newton, BFGS,
 *        L-BFGS, truncated Newton, and for sums of squares Gauss–Newton and
 *        Levenberg–Marquardt) with exact derivatives, honest statuses and
 *        saddle-point awareness, the classification of a stationary point by
 *        its Hessian's eigenvalues, and the statistics of a least-squares fit.
 *
 * Memory, in doubles, for n variables (hd_minimize_memory() gives the exact
 * bytes of a run): gradient descent 8n; BFGS 8n + n²; L-BFGS 8n + 2mn + 2m
 * (m = lbfgs_memory); Newton-CG and its trust-region variant 13n; Newton and
 * the trust region 11n + 4n²; Newton with a banded Hessian (half-bandwidth
 * b <= HD_BAND_MAX) 13n + 4(b+1)n, with another sparse pattern 13n + its
 * non-zeros. A method that needs no dense Hessian for its steps, when it
 * tests its final point (Newton-CG and Newton with a band or pattern always,
 * GD and L-BFGS with classify_final), adds 4n² + 3n up to
 * n = HD_DENSE_HESSIAN_MAX_N and, beyond, 4(b+1)n when the Hessian is banded
 * at the start (Newton with a band: its own); BFGS with classify_final adds
 * 4n² + 3n (doc/optimizers.md, "Memory"). Gauss–Newton and Levenberg–
 * Marquardt, for m residuals: 18n + 2m + mn + max(m, n)(n + 1) + 2n²,
 * n indices and a header of a few hundred bytes, and with classify_final
 * (their default) 4n² + 3n at every n. The derivative drivers add their own scratch: a recorded
 * evaluation (a tape of the body's operations) on the taped path
 * (hd_tape_memory()).
 */
#ifndef HYPERDUAL_OPTIM_H
#define HYPERDUAL_OPTIM_H

#include <stddef.h>
#include "export.h"
#include "error.h"
#include "diff.h"

HD_BEGIN_DECLS

/** Minimization methods. */
typedef enum {
    HD_GRADIENT_DESCENT,    /**< x <- x - step·g */
    HD_NEWTON,              /**< line-search Newton: solve H p = -g (LAPACKE Cholesky) */
    HD_NEWTON_TRUST_REGION, /**< trust-region Newton, exact subproblem (Moré–Sorensen) */
    HD_BFGS,                /**< quasi-Newton BFGS with the same line searches */
    /* least squares: objectives from hd_sum_of_squares() only (HD_EINVAL otherwise) */
    HD_GAUSS_NEWTON,        /**< Gauss–Newton: min ||r + J p|| (QR of J), backtracking on ||r||² */
    HD_LEVENBERG_MARQUARDT, /**< Levenberg–Marquardt as MINPACK's lmder (Moré 1978): scaled
                                 trust region on ||r + J p|| */
    /* large n */
    HD_NEWTON_CG,           /**< truncated Newton: a line search along a conjugate-gradient
                                 step from exact Hessian-vector products (N&W Alg. 7.1) */
    HD_LBFGS,               /**< limited-memory BFGS: lbfgs_memory step pairs (N&W Alg. 7.5) */
    HD_NEWTON_CG_TRUST_REGION /**< truncated Newton in a trust region: Steihaug-Toint CG */
} hd_method;

/**
 * @brief Methods that need no dense Hessian for their steps (Newton-CG, L-BFGS,
 *        gradient descent) test their final point with a dense one up to this n
 *        (4n² + 3n doubles), and with a banded one beyond (doc/optimizers.md).
 */
#define HD_DENSE_HESSIAN_MAX_N 300

/**
 * @brief The widest half-bandwidth b the optimizer keeps as a band
 *        (LAPACK band storage, (b+1)·n doubles per matrix): Newton with a
 *        banded Hessian, and the final test beyond HD_DENSE_HESSIAN_MAX_N.
 */
#define HD_BAND_MAX 64

/** Step-length rules. */
typedef enum {
    HD_LINESEARCH_NONE,        /**< fixed step: learning_rate (GD), 1 (Newton) */
    HD_LINESEARCH_BACKTRACKING,/**< Armijo backtracking, safeguarded interpolation */
    HD_LINESEARCH_WOLFE        /**< strong Wolfe (Nocedal & Wright Alg. 3.5/3.6) */
} hd_linesearch;

/** What Newton does with a Hessian that is not positive definite. */
typedef enum {
    HD_HESSIAN_AS_IS,  /**< pure Newton: no modification */
    HD_HESSIAN_SHIFT,  /**< add tau·I until Cholesky succeeds (N&W Alg. 3.3) */
    HD_HESSIAN_EIGEN   /**< replace eigenvalues by max(|lambda|, delta) */
} hd_hessian_fix;

/** Optimizer statuses (hd_result.status). Positive, so they never collide with HD_E* codes. */
enum {
    HD_CONVERGED = 1,         /**< ||g||_inf <= gtol at a point shown to be a minimum: its Hessian is
                                   positive definite and changes by less than a quarter of itself
                                   across the Newton step (doc/optimizers.md) */
    HD_SADDLE,                /**< gradient test met at a saddle/maximum that could not be escaped */
    HD_STALLED,               /**< ftol/xtol test met (off by default); never "converged" */
    HD_PRECISION_LIMIT,       /**< f cannot be decreased in floating point while ||g|| is tiny */
    HD_LINESEARCH_FAILED,     /**< no acceptable step along a descent direction */
    HD_NONFINITE_VALUE,       /**< f is NaN or infinite at the current point */
    HD_NONFINITE_GRADIENT,    /**< the gradient has a NaN or infinity */
    HD_NONFINITE_HESSIAN,     /**< the Hessian has a NaN or infinity */
    HD_MAX_ITERATIONS,        /**< max_iter reached */
    HD_MAX_EVALUATIONS,       /**< max_evals reached */
    HD_STOPPED_BY_CALLBACK,   /**< the callback returned non-zero */
    HD_DIVERGED,              /**< |f| or ||x|| grew past divergence_limit, or the iterates ran
                                   away: 5 consecutive steps each raised f and at least doubled
                                   ||x||_inf (or a singular Hessian came after 2 such steps), or
                                   fixed steps settled on a stationary point worse than the start */
    HD_SINGULAR_HESSIAN,      /**< pure Newton (HD_HESSIAN_AS_IS) met an exactly singular Hessian
                                   while not running away */
    HD_STATIONARY,            /**< ||g||_inf <= gtol without significant negative curvature
                                   shown, but not proven a minimum: the Hessian is singular or
                                   nearly so (the test of HD_CONVERGED fails), or GD/BFGS/L-BFGS
                                   with classify_final = 0 never computed it, or (beyond
                                   HD_DENSE_HESSIAN_MAX_N) it has no band; never "converged" */
    /* least squares (Gauss–Newton, Levenberg–Marquardt) */
    HD_CONVERGED_REDUCTION,   /**< f fell by at most ftol·f, actually and as the linear model
                                   predicted (MINPACK's test), at a point shown to be near a
                                   minimum (HD_CONVERGED's test) */
    HD_CONVERGED_SMALL_STEP,  /**< the step (LM: the trust region) shrank to xtol·||x|| (LM: in
                                   its scaling), at a point shown to be near a minimum */
    HD_SINGULAR_JACOBIAN      /**< Gauss–Newton: the Jacobian has dependent columns (rank < n),
                                   so the Gauss–Newton step is not determined */
};

/**
 * @brief A preconditioner for Newton-CG: z = M⁻¹ r for a symmetric positive
 *        definite M that approximates the Hessian at x (the same M for every
 *        call with the same x).
 * @param n    the number of variables
 * @param x    the current iterate (n values)
 * @param r    the residual (n values)
 * @param z    out: M⁻¹ r (n values)
 * @param user hd_options.preconditioner_data
 * @return 0; non-zero stops the run (HD_STOPPED_BY_CALLBACK)
 */
typedef int (*hd_preconditioner)(size_t n, const double *x, const double *r, double *z, void *user);

/** What the per-iteration callback sees. */
HD__ANONYMOUS_BEGIN
typedef struct hd_iteration {
    int           iteration;     /**< 0 for the start point */
    size_t        n;
    const double *x;             /**< current iterate, n values */
    double        f;
    double        grad_norm;     /**< ||g||_inf */
    double        step;          /**< accepted step length (line search) or 0 */
    double        dx_norm;       /**< ||x_k - x_{k-1}||_inf */
    double        tau;           /**< Hessian shift used (Newton), trust radius (TR), else 0 */
    double        min_eigenvalue;/**< smallest Hessian eigenvalue when computed, else NaN */
    HD_COUNTS_MEMBERS            /**< passes so far, by kind (kinds.h): `counts` and
                                      f_calls, dual_calls, ... */
    long          jacobian_evals;/**< least squares: Jacobians so far (their passes are in counts) */
    long          residual_evals;/**< least squares: residual vectors without a Jacobian so far
                                      (each one f_call) */
    long          hv_products;   /**< Hessian-vector products so far (their passes are counted
                                      by kind above) */
} hd_iteration;
HD__ANONYMOUS_END

/** Per-iteration callback; a non-zero return stops the run (HD_STOPPED_BY_CALLBACK). */
typedef int (*hd_callback)(const hd_iteration *it, void *user);

/** One row of the optional trace. */
HD__ANONYMOUS_BEGIN
typedef struct hd_trace_row {
    int    iteration;
    double f, grad_norm, step, tau;
    HD_COUNTS_MEMBERS     /**< passes so far, by kind (kinds.h) */
    long   jacobian_evals, residual_evals; /**< least squares: as in hd_iteration */
    long   hv_products;   /**< Hessian-vector products so far */
} hd_trace_row;
HD__ANONYMOUS_END

/** Options; fill with hd_options_default() and change what you need. Every
 *  field must lie in its range below, whatever the method (a field the method
 *  does not use included): hd_minimize refuses anything else with HD_EINVAL. */
typedef struct hd_options {
    hd_method      method;         /**< one of hd_method */
    int            max_iter;       /**< >= 0; default 1000 (GD: 100000) */
    double         gtol;           /**< finite, >= 0: stop when ||grad||_inf <= gtol; default 1e-8 */
    double         learning_rate;  /**< finite, > 0: GD step with HD_LINESEARCH_NONE; default 1e-3 */
    hd_linesearch  line_search;    /**< default: backtracking (GD, Newton), strong Wolfe (BFGS); TR ignores it */
    hd_hessian_fix hessian_fix;    /**< Newton with a line search; default HD_HESSIAN_SHIFT */
    double         ftol;           /**< finite, >= 0: relative f change test, 0 = off (default);
                                        GN, LM: MINPACK's relative reduction test, default 1e-8 */
    double         xtol;           /**< finite, >= 0: relative step test, 0 = off (default);
                                        GN, LM: MINPACK's step test, default 1e-8 */
    long           max_evals;      /**< >= 0: limit on f_calls + passes (plain evaluations and
                                        derivative passes of every kind), 0 = none; checked before
                                        each evaluation, so a gradient or Hessian may overshoot it */
    int            classify_final; /**< 0 or 1: GD/BFGS/L-BFGS/GN/LM: pay one Hessian at the end
                                        (and a second one to prove a minimum) to classify the
                                        point; default 0 (GN, LM: 1), and then they cannot show
                                        a minimum: HD_STATIONARY (GN, LM: or HD_STALLED) at
                                        best, as their first-order work never sees curvature.
                                        GD and L-BFGS use dense Hessians up to
                                        HD_DENSE_HESSIAN_MAX_N and a band beyond (no band: no
                                        test). Newton-CG ignores it: it always tests */
    int            escape_saddles; /**< 0 or 1: Newton, TR, Newton-CG: use negative curvature
                                        (default 1): escape saddles, and (shifted Newton,
                                        Newton-CG) prefer a curvature step that beats the
                                        Newton step; pure Newton never escapes */
    double         divergence_limit; /**< > 0, +inf = none: |f| or ||x||_inf above this = diverged;
                                        default 1e150 */
    hd_callback    callback;       /**< may be NULL */
    void          *callback_data;
    double         trust_radius;   /**< DBL_MIN <= trust_radius <= max_trust_radius: TR's initial
                                        radius (Euclidean), default 1 */
    double         max_trust_radius; /**< finite: TR's largest radius, default 1e10 */
    int            barzilai_borwein; /**< 0 or 1: GD: step sᵀs/sᵀy of the last step pair (Barzilai &
                                        Borwein 1988): the step itself with HD_LINESEARCH_NONE,
                                        the first trial with a line search; default 0 */
    hd_trace_row  *trace;          /**< NULL (default) or the caller's buffer of trace_cap rows:
                                        it receives the last trace_cap iterates, oldest first
                                        (hd_result.trace_len says how many) */
    size_t         trace_cap;      /**< rows in trace; 0 (default) when trace is NULL */
    int            cg_max_iter;    /**< >= 0: Newton-CG's conjugate-gradient iterations (each
                                        one Hessian-vector product) per step; 0 (default) = 2n */
    hd_preconditioner preconditioner; /**< Newton-CG: NULL (default) = none */
    void          *preconditioner_data;
    int            lbfgs_memory;   /**< 1 to 1000: L-BFGS's step pairs m; default 10 */
} hd_options;

/** @brief Defaults for a method (see hd_options fields); does nothing when opt is NULL. */
HD_API void hd_options_default(hd_options *opt, hd_method method);

/** Result of hd_minimize. */
HD__ANONYMOUS_BEGIN
typedef struct hd_result {
    int    status;        /**< why it stopped: an HD_* status (or HD_E* error), see hd_status_str */
    int    converged;     /**< 1 when status is HD_CONVERGED: a minimum was shown */
    int    iterations;
    HD_COUNTS_MEMBERS     /**< objective evaluations by kind (kinds.h): `counts`, and
                               f_calls, dual_calls, hyper_calls, ... by name */
    double f;             /**< final value */
    double grad_norm;     /**< final ||grad||_inf */
    /* beyond the contract */
    long   passes;        /**< derivative passes: every counter but f_calls
                               (hd_counts_passes()), as the drivers count them */
    long   factorizations;/**< Cholesky / eigen factorizations */
    long   modifications; /**< Hessian modification retries (shifts) */
    long   ls_trials;     /**< trial points (line search, trust region, saddle escape) */
    long   tr_rejected;   /**< rejected trust-region steps */
    int    point_kind;    /**< hd_point_kind of the returned point when it met the gradient
                               test and its Hessian is known (Newton and TR classify it for
                               free; GD/BFGS with classify_final): HD_POINT_MINIMUM with
                               HD_CONVERGED, HD_POINT_DEGENERATE with HD_STATIONARY, saddle or
                               maximum with HD_SADDLE; -1 otherwise (a point that is not
                               stationary has no kind) */
    double min_eigenvalue;/**< smallest Hessian eigenvalue at the returned point, NaN if unknown
                               (known wherever the Hessian there is, stationary or not) */
    long   saddle_escapes;/**< steps taken along negative curvature from a stationary point */
    long   curvature_steps;/**< steps along negative curvature: Newton's and Newton-CG's that
                               beat the line search's step, Newton-CG's along CG's first direction
                               when it had negative curvature, Steihaug-Toint's that ended along it */
    double f_last;        /**< f at the last iterate (differs from f when an iterate got worse) */
    size_t trace_len;     /**< rows written to hd_options.trace: min(iterations + 1, trace_cap) */
    long   jacobian_evals;/**< least squares: Jacobians computed (their passes are in counts) */
    long   residual_evals;/**< least squares: residual vectors computed without a Jacobian
                               (trial points; each one f_call) */
    long   hv_products;   /**< Hessian-vector products (Newton-CG's conjugate-gradient steps),
                               each made of passes counted by kind above: one taped pass and
                               one sweep on the tape, ceil(n/8) hyperv or n hyper passes */
} hd_result;
HD__ANONYMOUS_END

/**
 * @brief Minimize obj from x (in: start, out: the point res describes, never worse than
 *        the start).
 *
 * The point returned is the best point seen, except when fixed steps
 * (HD_LINESEARCH_NONE) passed a lower point and then stopped on a point
 * that met the gradient test: the status is about that point, so that point
 * is returned. Every status, res->f and res->grad_norm describe the point
 * returned (doc/optimizers.md, "The point returned").
 *
 * The drivers count every evaluation they make, by kind, so the counters of
 * the result (res->counts: f_calls, dual_calls, hyper_calls, and one per
 * faster kind of kinds.h) are the passes actually made: a Hessian costs
 * n(n+1)/2 hyper-dual passes on the scalar path, or fewer lane passes, or
 * one recorded pass and its sweeps, whichever the drivers choose; a
 * line-search trial one value or dual pass. The run
 * never stops on a non-finite trial value: the step shrinks instead. See
 * doc/optimizers.md for the methods, options and statuses.
 * Gauss–Newton and Levenberg–Marquardt run on the residuals behind an
 * objective of hd_sum_of_squares() (hd_objective_residuals()), count
 * res->jacobian_evals and res->residual_evals, and end "converged" only
 * where the exact Hessian shows a minimum (HD_CONVERGED,
 * HD_CONVERGED_REDUCTION, HD_CONVERGED_SMALL_STEP; doc/optimizers.md,
 * "Least squares").
 * @param obj in: the objective; obj->n >= 1 and a hyper-dual body (f_hyper or bodies->hyper)
 * @param x   in/out: n = obj->n values; the start, then the point returned
 * @param opt in, may be NULL (= defaults for HD_NEWTON): the options
 * @param res out, may be NULL: only written, never read (an uninitialised result is
 *            fine); on a negative return, res->status is that code and converged 0
 * @return HD_OK when the run ended in a status (see res->status); HD_EINVAL for
 *         bad arguments (NULL obj or x, n == 0, no hyper-dual body, an out-of-range
 *         option, a trace_cap without a trace, HD_GAUSS_NEWTON or
 *         HD_LEVENBERG_MARQUARDT on an objective that is no sum of squares
 *         (hd_objective_residuals())); HD_ENOMEM (also for an n, or m
 *         residuals, whose array sizes do not fit in a size_t); x is untouched
 *         after these. HD_ELAPACK if LAPACKE fails in an unexpected way, and
 *         HD_EINVAL when Newton-CG's preconditioner turns out not to be
 *         positive definite (rᵀM⁻¹r <= 0, or NaN; or M⁻¹g infinite): x and res
 *         then still describe the best point seen. Without a preconditioner
 *         Newton-CG never returns HD_EINVAL after it started: a CG step that
 *         overflows along a nearly flat direction ends CG with the step so far.
 */
HD_API HD_WARN_UNUSED int hd_minimize(const hd_objective *obj, double *x, const hd_options *opt,
                                      hd_result *res);

/**
 * @brief The bytes hd_minimize(obj, x, opt, ...) allocates for its own arrays
 *        (the memory of the method, see the top of this header), so that a
 *        caller can refuse an n that does not fit before trying.
 *
 * The derivative drivers' scratch (the taped path's recording of one
 * evaluation) comes on top. Where the run's memory depends on the band of
 * the Hessian at the start (Newton, and the final test beyond
 * HD_DENSE_HESSIAN_MAX_N), one taped pass at x reads it.
 * @param obj   in: the objective, as for hd_minimize
 * @param x     in: the start, n values
 * @param opt   in, may be NULL (= defaults for HD_NEWTON): the options
 * @param bytes out, not NULL: the bytes, or SIZE_MAX when they do not fit a size_t
 * @return HD_OK; HD_EINVAL as hd_minimize (bad arguments or options); HD_ENOMEM
 *         only when the band cannot be read for lack of memory
 */
HD_API HD_WARN_UNUSED int hd_minimize_memory(const hd_objective *obj, const double *x,
                                             const hd_options *opt, size_t *bytes);

/**
 * @brief One line naming a status and the usual remedy; a negative error code
 *        gets hd_strerror()'s phrase (hd_strerror of a status gives this line).
 * @param status an HD_* status or HD_E* error code
 * @return a static string, never NULL ("unknown optimizer status" for a
 *         positive value that is no status)
 */
HD_API const char *hd_status_str(int status);

/**
 * @brief The line for a status as it applies to a run with these options:
 *        the same condition as hd_status_str(), with the remedy that fits the
 *        method (hd_status_str()'s line says what is true of any method, so
 *        it cannot, for example, tell gradient descent to use a second-order
 *        method without telling Newton the same).
 * @param status an HD_* status or HD_E* error code
 * @param opt    the options of the run, may be NULL
 * @return a static string, never NULL: hd_status_str(status) when opt is NULL,
 *         status is an error code or no status, or nothing more specific applies
 */
HD_API const char *hd_status_advice(int status, const hd_options *opt);

/** @brief Name of a method ("gradient descent", "newton", "newton trust region",
 *         "bfgs", "gauss-newton", "levenberg-marquardt", "newton-cg", "l-bfgs",
 *         "newton-cg trust region"); "unknown method" for a value that is no
 *         method. */
HD_API const char *hd_method_name(hd_method method);

/**
 * @brief A method's short key, the name `hyperdual minimize --method` takes:
 *        "gd", "bfgs", "lbfgs", "gn", "lm", "newton", "newton-tr", "newton-cg",
 *        "newton-cg-tr".
 * @param method any value
 * @return a static string, or NULL for a value that is no method
 */
HD_API const char *hd_method_key(hd_method method);

/**
 * @brief Whether a method runs only on a sum of squares with residuals (an
 *        objective from hd_sum_of_squares(); hd_minimize refuses others with
 *        HD_EINVAL): Gauss–Newton and Levenberg–Marquardt.
 * @param method any value
 * @return 1 for such a method, 0 for any other value
 */
HD_API int hd_method_needs_residuals(hd_method method);

/**
 * @brief The methods in a sensible order (first order, then least squares,
 *        then second order),
 *        for listing them: method i for i = 0, 1, ... until HD_EINVAL.
 * @param i      the position, from 0
 * @param method out, not NULL: the i-th method
 * @return HD_OK; HD_EINVAL when i is past the last method or method is NULL
 */
HD_API HD_WARN_UNUSED int hd_method_at(size_t i, hd_method *method);

/** @brief 1 for a status that says a minimum was shown: HD_CONVERGED,
 *         HD_CONVERGED_REDUCTION, HD_CONVERGED_SMALL_STEP (hd_result.converged). */
HD_API int hd_status_converged(int status);

/** The statistics of a least-squares fit at a point (hd_fit_statistics()). */
typedef struct hd_fit_stats {
    size_t m;     /**< residuals (observations) */
    size_t p;     /**< parameters */
    size_t dof;   /**< degrees of freedom m - p (0 when m <= p) */
    size_t rank;  /**< numerical rank of J: singular values above eps·max(m, p)·σ_max */
    double rss;   /**< residual sum of squares Σ r_i² */
    double s2;    /**< RSS / (m - p), the residual variance; NaN when m <= p */
} hd_fit_stats;

/**
 * @brief RSS, degrees of freedom, covariance s² (JᵀJ)⁻¹ and standard errors
 *        of a least-squares fit at x (one Jacobian; J's SVD through LAPACKE).
 *
 * The covariance is computed as s² V Σ⁻² Vᵀ from J = U Σ Vᵀ, never by
 * inverting JᵀJ, whose condition number is that of J squared. J is rank
 * deficient when a singular value is at most eps·max(m, p)·σ_max (the
 * threshold of scipy's curve_fit); then no covariance exists, and the
 * parameters with a component of at least 1e-6 in J's null space (the
 * right singular vectors of the small singular values) are the ones the
 * data do not determine.
 * @param F             in: the residuals (as for hd_jacobian())
 * @param x             in: n = F->n parameter values (usually a fit's solution)
 * @param stats         out, not NULL: filled whenever the residuals and the
 *                      Jacobian are finite (also with HD_EDOM, HD_ESINGULAR)
 * @param covariance    out, may be NULL: p*p, row-major; written only on HD_OK
 * @param std_errors    out, may be NULL: p values sqrt(diag(covariance)); only on HD_OK
 * @param identifiable  out, may be NULL: p flags, 1 for a parameter the data
 *                      determine, 0 for one in J's null space; written on
 *                      HD_OK (all 1) and HD_ESINGULAR
 * @return HD_OK; HD_EINVAL for a NULL F/x/stats or an unusable F; HD_EDOM when
 *         m <= p (no degrees of freedom: s² is undefined); HD_ESINGULAR when J
 *         is rank deficient (see identifiable); HD_ENONFINITE when the
 *         residuals or the Jacobian are not finite at x; HD_ENOMEM; HD_ELAPACK.
 */
HD_API HD_WARN_UNUSED int hd_fit_statistics(const hd_vector_objective *F, const double *x,
                                            hd_fit_stats *stats, double *covariance,
                                            double *std_errors, int *identifiable);

/** Kinds of stationary point. */
typedef enum { HD_POINT_MINIMUM, HD_POINT_MAXIMUM, HD_POINT_SADDLE,
               HD_POINT_DEGENERATE } hd_point_kind;

/**
 * @brief Classify a point by the eigenvalues of its Hessian (LAPACKE dsyev).
 *
 * An eigenvalue counts as zero when |lambda| <= 1e-10 · max|lambda| (or when
 * all are exactly 0). All positive: minimum; all negative: maximum; both signs:
 * saddle; otherwise (some zero): degenerate. The tolerance is relative because
 * the eigensolver's absolute error is about eps · max|lambda|: a smaller
 * eigenvalue is not resolved (Powell's badly scaled problem has condition
 * number ~1e18 at its minimum and is classified degenerate; hd_minimize,
 * which also knows the gradient and a second Hessian, shows it a minimum:
 * doc/optimizers.md, "Is it a minimum?"). Only one
 * triangle is read: pass a symmetric matrix.
 * @param n           the order of the matrix, >= 1
 * @param hess        in: n*n symmetric, row-major (not modified)
 * @param eigenvalues out, may be NULL: n eigenvalues, ascending
 * @param kind        out, not NULL: the kind of point
 * @return HD_OK; HD_EINVAL for n == 0 or a NULL hess/kind; HD_ENOMEM;
 *         HD_ENONFINITE for a NaN/inf entry; HD_ELAPACK if dsyev fails
 *         (kind and eigenvalues are then not written).
 */
HD_API HD_WARN_UNUSED int hd_classify(size_t n, const double *hess, double *eigenvalues,
                                      hd_point_kind *kind);

/** @brief "minimum", "maximum", "saddle" or "degenerate". */
HD_API const char *hd_point_kind_str(hd_point_kind kind);

HD_END_DECLS

#endif /* HYPERDUAL_OPTIM_H */
