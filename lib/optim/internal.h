/* Private to lib/optim/: the state of one hd_minimize run, the table of
 * methods' row type, and the shared steps. The files, bottom up (each calls
 * only files below it):
 *   core.c        evaluations, accepting a step, trace and callback, curvature,
 *                 the checks of every iteration, "is it a minimum?"
 *   linesearch.c  backtracking and strong Wolfe
 *   loop.c        the line-search loop, driven by a method's hooks
 *   lsq.c         least squares: residuals and Jacobians, QR steps, the stop tests
 *                 and the verdict at the end
 *   cg.c          truncated conjugate gradients (line search, Steihaug-Toint)
 *   verdict.c     the final test of runs without a dense Hessian at every
 *                 iterate: dense where affordable, banded, or none
 *   gd.c bfgs.c lbfgs.c gn.c lm.c newton.c newton_sparse.c newton_cg.c trust.c
 *                 the methods: hooks and a row each
 *   classify.c    hd_classify
 *   run.c         the table of methods and hd_minimize */
#ifndef HYPERDUAL_LIB_OPTIM_INTERNAL_H
#define HYPERDUAL_LIB_OPTIM_INTERNAL_H

#include <stddef.h>
#include <hyperdual.h>

/* Internal "evaluation budget exhausted" signal; positive so that it never
 * collides with HD_E* codes, and above every public status. */
#define HD__OUT_OF_EVALS 1000

/* The objective of a run and the passes made on it: the drivers count them
 * (their _ex forms), by kind, into `counts`. */
struct hd__tape_session;
typedef struct hd__eval {
    const hd_objective *obj;
    hd_counts counts;
    long max_evals; /* 0 = unlimited */
    long jacobians, residuals; /* least squares: Jacobians, and residual vectors without one */
    long hv_products; /* Hessian-vector products (their passes are in counts) */
    int keep_tape;  /* gradients keep their recording, so that the products at
                       that point are one sweep each (Newton-CG) */
    struct hd__tape_session *tape; /* the last gradient's recording, or NULL */
} hd__eval;

/* How a second-order step holds the Hessian of the current iterate. */
enum {
    HD__HESS_DENSE, /* n·n in rn->h (and the trial's in rn->ht): Newton, the trust region */
    HD__HESS_BAND,  /* LAPACK lower band storage in rn->band_h (Newton with a band) */
    HD__HESS_CSR,   /* the values of the attached pattern (Newton with a pattern that is no band) */
    HD__HESS_NONE   /* Hessian-vector products only, or no Hessian */
};

struct hd__method;

/* One run of hd_minimize. Arrays are n long unless marked n*n. */
typedef struct hd__run {
    hd__eval ev;
    const struct hd__method *method; /* its row of the table (run.c) */
    hd_options opt;
    hd_result *res;
    size_t n;
    int second_order;      /* Newton and TR: a Hessian at every iterate */
    double *x, *g, *h;     /* iterate, gradient, Hessian (n*n; NULL for first order) */
    double *xt, *gt, *ht;  /* trial point and its derivatives */
    double f, gnorm;
    double f_prev;         /* f before the last accepted step */
    double *p;             /* search direction / step */
    double *s, *y;         /* the step pair: s = x_new - x_old, y = g_new - g_old */
    double *work;          /* n*n scratch for factorizations (NULL for first order) */
    double *evec, *eval;   /* eigen-decomposition of h (n*n, n) when needed */
    double *state;         /* the method's own arrays (state_size doubles; BFGS: its n*n inverse) */
    int pair_fresh;        /* BFGS: the next update rescales the identity first */
    double alpha_prev, slope_prev; /* the last step length and slope (line-search loop) */
    double *xbest;
    double fbest, gbest;   /* value and ||g||_inf at xbest */
    double g0norm;         /* ||g||_inf at the start: scale for "tiny" */
    double g0norm2;        /* ||g||_2 at the start: Newton-CG's scale of the forcing term */
    double f0;             /* f at the start: the returned point is never worse */
    int best_is_current;   /* xbest is the current iterate */
    int iter;
    double step, dx_norm, tau, min_eig; /* for the callback and trace */
    double tau_prev;       /* Newton shift warm start */
    int modified;          /* the Newton direction came from a modified Hessian */
    double radius;         /* trust region */
    int eig_valid;         /* evec/eval hold the decomposition of h at x */
    int kind;              /* hd_point_kind of the current iterate, -1 if unknown */
    int runaway;           /* consecutive steps that raised f and doubled ||x||_inf; for the
                              trust region, maximal steps along a model unbounded below */
    size_t trace_rows;     /* rows reported to opt.trace (a ring of opt.trace_cap) */
    int prev_valid;        /* xt and ht hold the previous iterate and its Hessian
                              (second order, until the next trial point) */
    void *own;             /* the method's own memory (prepare/release), or NULL */
    /* Runs without a dense Hessian at every iterate (second_order == 0). */
    int hform;             /* HD__HESS_*: how the method's steps see the Hessian */
    size_t band;           /* the half-bandwidth of the band arrays (band_h != NULL) */
    double *band_h, *band_l, *band_z, *band_w; /* (band + 1)·n each, LAPACK lower band
                              storage: H at x, its factor, H at a second point, work;
                              NULL when no band was found at the start (or needed) */
    int (*at_stationary)(struct hd__run *rn); /* at ||g|| <= gtol when second_order == 0:
                              the final test (verdict.c), or NULL: HD_STATIONARY */
    int band_test;         /* the band arrays serve the final test (a band of
                              half-width `band` found at the start) */
    double curv_u;         /* Newton-CG: the curvature of the direction of negative
                              curvature its CG met (in its state) */
    int cg_first_negative; /* ... met at CG's first direction, which is then the step */
    size_t lbfgs_pairs, lbfgs_first; /* L-BFGS: pairs held, the oldest's slot */
    double lbfgs_gamma;    /* L-BFGS: sᵀy / yᵀy of the newest pair */
} hd__run;

/* ---- the table of methods (run.c) ----------------------------------------------- */

/* What a method of the line-search loop (loop.c) supplies. NULL: the
 * default named. */
typedef struct hd__line_search_hooks {
    int (*direction)(hd__run *rn);                   /* rn->p; non-zero: stop with that status */
    double (*fixed_step)(const hd__run *rn);         /* the step without a line search (1) */
    double (*first_trial)(const hd__run *rn, double slope); /* the search's first trial (1) */
    int (*refine)(hd__run *rn, double *alpha, double *ft, double *slope); /* after the search
                                                        (none); may replace the step */
    void (*after_step)(hd__run *rn);                 /* after accepting a step (none) */
    int keeps_pair;                                  /* s and y are set before accepting */
} hd__line_search_hooks;

/* A method: one row of the table. */
typedef struct hd__method {
    hd_method id;
    const char *key;                 /* hd_method_key: the CLI's name, "gd" */
    const char *name;                /* hd_method_name: "gradient descent" */
    int second_order;                /* a dense Hessian at every iterate (unless choose_form
                                        picks another form) */
    int keeps_tape;                  /* gradients keep their recording for H·v (hd__eval) */
    int tests_minimum;               /* no dense Hessian at every iterate, but a second-order
                                        verdict at ||g|| <= gtol (verdict.c), as Newton's */
    size_t dense_test_max_n;         /* the final test (classify_final, tests_minimum) holds
                                        dense n·n arrays up to this n, a band beyond;
                                        0 = HD_DENSE_HESSIAN_MAX_N */
    int default_max_iter;
    hd_linesearch default_line_search;
    /* Before allocation: how the run holds its Hessian (rn->hform, rn->band,
     * rn->second_order), from the objective and the start x; may evaluate
     * (counted). NULL: dense for second_order, else none. HD_OK or an error. */
    int (*choose_form)(hd__run *rn, const double *x);
    /* doubles of its own state for this run (rn->n, rn->opt, rn->hform, rn->band set;
     * NULL: none); 0 when that does not fit a size_t */
    int (*state_size)(const hd__run *rn, size_t *doubles);
    void (*start)(hd__run *rn);      /* after the start is evaluated (NULL: nothing) */
    int (*run)(hd__run *rn);         /* its loop: hd__line_search_run, or its own */
    const hd__line_search_hooks *steps; /* for hd__line_search_run */
    int (*escapes_saddles)(const hd_options *o); /* second order: leaves a saddle */
    int (*advice)(int status, const hd_options *o); /* which line of a status fits (HD__FOR_*) */
    /* Least squares (NULL / 0 for the others): */
    void (*defaults)(hd_options *o);  /* adjusts hd_options_default's values for the method */
    int (*prepare)(hd__run *rn);      /* before the start is evaluated: the method's own memory
                                         (rn->own); HD_EINVAL refuses the objective */
    int (*own_bytes)(const hd__run *rn, size_t *bytes); /* what prepare takes
                                         (hd_minimize_memory); its errors */
    void (*release)(hd__run *rn);     /* frees rn->own */
    int (*evaluate)(hd__run *rn, const double *x, double *f, double *g); /* in place of
                                         hd__eval_full's gradient (first order only) */
    int own_tolerances;               /* ftol/xtol are the method's tests, not the stall tests */
    int classifies_itself;            /* its loop classifies the returned point (with
                                         classify_final); run.c does not */
} hd__method;

/* Pieces the rows share (core.c): a method that always escapes saddles, and
 * the advice of the trust regions (trust.c, newton_cg.c). */
int hd__escapes_always(const hd_options *o);
int hd__trust_region_advice(int status, const hd_options *o);

/* The rows (gd.c, bfgs.c, lbfgs.c, gn.c, lm.c, newton.c, trust.c, newton_cg.c). */
extern const hd__method hd__gradient_descent, hd__bfgs, hd__lbfgs, hd__newton, hd__trust_region,
    hd__newton_cg, hd__newton_cg_trust_region;
extern const hd__method hd__gauss_newton, hd__levenberg_marquardt;

/* ---- the line-search loop (loop.c) ---- */
int hd__line_search_run(hd__run *rn);

/* ---- evaluations (core.c) ---- */
void hd__eval_init(hd__eval *ev, const hd_objective *obj, long max_evals);
/* Close the kept recording, if any (at the end of a run). */
void hd__eval_release(hd__eval *ev);
int hd__eval_value(hd__eval *ev, const double *x, double *f);
int hd__eval_directional(hd__eval *ev, const double *x, const double *v, double *f, double *dv);
int hd__eval_gradient(hd__eval *ev, const double *x, double *f, double *g);
int hd__eval_hessian(hd__eval *ev, const double *x, double *f, double *g, double *h);
int hd__eval_residuals(hd__eval *ev, const hd_vector_objective *F, const double *x, double *r);
int hd__eval_jacobian(hd__eval *ev, const hd_vector_objective *F, const double *x, double *r,
                      double *jac);
/* H(x)·v, counted (one product in ev->hv_products, its passes by kind). */
int hd__eval_hessian_vector(hd__eval *ev, const double *x, const double *v, double *hv);
/* What the method needs at x: value and gradient, and the Hessian for a
 * second-order method (least squares: its row's evaluate). */
int hd__eval_full(hd__run *rn, const double *x, double *f, double *g, double *h);

/* ---- small vector helpers (core.c) ---- */
double hd__norm_inf(size_t n, const double *v);
double hd__dot(size_t n, const double *a, const double *b);
/* ||v||_2 without overflow of the squares: scaled by a power of two, so
 * the same bits as sqrt(v·v) wherever no square over- or underflows. */
double hd__norm2(size_t n, const double *v);
/* k with 2^(k-1) <= ||v||_inf < 2^k, within -1000..1000 (0 for a zero or
 * non-finite v): v·2^-k has entries below 1 in magnitude, exactly. */
int hd__pow2_exponent(size_t n, const double *v);
int hd__finite(size_t n, const double *v);

/* ---- line searches (linesearch.c) ----
 * Along x + alpha p from f0 with slope d0 = gᵀp < 0. On success *alpha, *ft
 * and rn->xt hold the accepted step, its value and point; returns HD_OK, or
 * HD_LINESEARCH_FAILED when no acceptable step exists in floating point, or a
 * negative error / HD__OUT_OF_EVALS. */
int hd__backtrack(hd__run *rn, double f0, double d0, double *alpha, double *ft);
int hd__wolfe(hd__run *rn, double f0, double d0, double *alpha, double *ft);
/* x_t = x + alpha p; returns 1 when x_t == x in floating point. */
int hd__trial_point(hd__run *rn, double alpha);

/* ---- shared steps of the loops (core.c) ---- */
/* Move the iterate to the trial point (x <- xt, g <- gt, ...). */
void hd__accept(hd__run *rn, double ft, double step);
/* Callback and trace row for the current iterate; HD_STOPPED_BY_CALLBACK or 0. */
int hd__report(hd__run *rn);
/* Status for a failed step: precision limit when ||g|| is already tiny. */
int hd__failed_step_status(const hd__run *rn);
/* The checks at the top of every iteration (non-finite, callback, gradient
 * test with saddle handling, divergence, ftol/xtol, max_iter); 0 = go on. */
int hd__iterate_checks(hd__run *rn);
/* Derivatives at the accepted trial point; a non-finite one halves the step
 * (keeping sufficient decrease with a line search) until all are finite. */
int hd__finish_step(hd__run *rn, double f0, double d0, double *alpha, double *ft);
/* Search along a unit direction u of curvature lambda = uᵀHu < 0 (the
 * eigenvector of the most negative eigenvalue, or a direction of negative
 * curvature that CG or inverse iteration found) for a step that beats f_beat
 * (core.c: its comment has the details); 1 when found. u must not be rn->p. */
int hd__curvature_search(hd__run *rn, const double *u, double lambda, double a_min, double f_beat,
                         int both_signs, int max_halvings, double *a_out, double *f_out,
                         double *gu_out);
/* After a line search along p: the step along u (unit, curvature lambda < 0)
 * instead, when it ends lower (core.c); 0 or an error / limit code. */
int hd__prefer_curvature(hd__run *rn, const double *u, double lambda, double *alpha, double *ft,
                         double *slope);
/* The trust region's ratio of actual to predicted decrease, with the radius
 * updated (N&W Alg. 4.1); a step is taken when it exceeds HD__TRUST_ETA. */
double hd__trust_ratio(hd__run *rn, double ft, double pred, double pnorm, int boundary);
#define HD__TRUST_ETA 1e-4
/* Rejected trust-region trials per iteration. Every rejection divides the
 * radius by 4 at least, and about 1075 such divisions take any double to 0,
 * where the step is 0 and the iteration ends: the cap only makes that bound
 * explicit. */
#define HD__TRUST_MAX_REJECTIONS 1100
/* From a stationary point: step along u (unit, curvature lambda < 0), both
 * signs; 0 after moving (an iteration), HD_SADDLE when f cannot be decreased
 * along it, HD_MAX_ITERATIONS at the limit (an escape is an iteration). */
int hd__escape_saddle(hd__run *rn, const double *u, double lambda);
/* Eigen-decomposition of rn->h into rn->evec/rn->eval (cached per iterate). */
int hd__eigen(hd__run *rn);
/* Classify the current iterate by its Hessian (no evaluations). */
int hd__classify_current(hd__run *rn, hd_point_kind *kind);
/* At ||g|| <= gtol without negative curvature: HD_CONVERGED when a minimum
 * is shown (hd__minimum_shown), else HD_STATIONARY. */
int hd__minimum_or_stationary(hd__run *rn);

/* ---- least squares (lsq.c) ----
 * The method's own memory (rn->own) and the steps Gauss-Newton and
 * Levenberg-Marquardt share. */
typedef struct hd__lsq {
    hd_vector_objective F; /* the residuals (hd_objective_residuals) */
    size_t m, rows;        /* residuals; rows = max(m, n): J padded with zero rows */
    double *r, *rt;        /* residuals at x and at the trial point (m) */
    double *jac;           /* J at x, m×n row-major, when jac_known */
    double *qr;            /* rows×n column-major: J P = Q R (hd__lsq_factor) */
    double *tau;           /* n: Q's reflectors */
    size_t *perm;          /* n: column j of J P is column perm[j] of J */
    double *qtr;           /* rows: Qᵀ r */
    double *colnorm;       /* n: ||column j of J|| */
    double *diag;          /* n: the scaling D (max over the run of the column norms) */
    double *aug;           /* 2n×n: LM's [R; sqrt(par) D P], then its factor S */
    double *rhs;           /* 2n: LM's [Qᵀ r; 0], then its transform */
    double *tau2;          /* n: the reflectors of aug's factorization */
    double *w1, *w2, *w3, *w4; /* n each: scratch */
    int g_known;           /* rn->g (and jac, r) belong to rn->x */
} hd__lsq;

/* Internal stops of the least-squares loops, settled by hd__lsq_finish
 * (positive, above every public status, like HD__OUT_OF_EVALS). */
enum { HD__STOP_REDUCTION = 1001, /* relative reduction <= ftol */
       HD__STOP_SMALL_STEP,       /* step <= xtol·||x|| */
       HD__STOP_FLOOR };          /* the same tests at the rounding level (eps) */

int hd__lsq_prepare(hd__run *rn);
/* The bytes hd__lsq_prepare takes for this run: HD_OK, HD_EINVAL (no
 * residuals), HD_ENOMEM (beyond a size_t). */
int hd__lsq_own_bytes(const hd__run *rn, size_t *bytes);
void hd__lsq_release(hd__run *rn);
int hd__lsq_evaluate(hd__run *rn, const double *x, double *f, double *g);
void hd__lsq_defaults(hd_options *o);
/* J P = Q R of the Jacobian at x, its column norms, Qᵀ r; the scaling D
 * starts at the column norms (1 for a zero column) when first, else keeps
 * the larger. HD_NONFINITE_GRADIENT for a non-finite J. */
int hd__lsq_factor(hd__run *rn, int first);
/* ||D v||_2 */
double hd__lsq_scaled_norm(const hd__lsq *ls, const double *v);
/* Residuals at rn->xt into ls->rt; *ft = Σ rt_i² (inf when not finite). */
int hd__lsq_trial(hd__run *rn, double *ft);
/* Accept rn->xt with the residuals ls->rt and value ft: with its Jacobian
 * (1; HD_NONFINITE_GRADIENT, nothing accepted, where J or r is not finite
 * there) or without it (0: the run is ending; g is filled in by
 * hd__lsq_finish). */
int hd__lsq_accept(hd__run *rn, double ft, double step, int with_jacobian);
/* The status a least-squares run ends with: the gradient test's
 * HD_STATIONARY and the HD__STOP_* candidates become converged statuses
 * where a minimum is shown (one Hessian at x and one at the Newton point,
 * outside max_evals, with classify_final), else HD_STATIONARY, HD_STALLED,
 * HD_SADDLE or the failed-step status; other statuses pass unchanged. */
int hd__lsq_finish(hd__run *rn, int status);
/* MINPACK's tests after a trial (lmder): the relative reduction actred
 * and the predicted one prered (both relative to f) at most ftol with
 * ratio = actred/prered <= 2 (HD__STOP_REDUCTION); the step's scaled norm
 * at most xtol times x's (HD__STOP_SMALL_STEP); either at eps
 * (HD__STOP_FLOOR); else 0. */
int hd__lsq_stop_test(const hd__run *rn, double actred, double prered, double ratio,
                      double step_norm, double x_norm);
/* The advice of either least-squares row (HD__FOR_*). */
int hd__lsq_advice(int status, const hd_options *o, int line);
/* ---- truncated conjugate gradients (cg.c) ----
 * One solve of H p = -g at the current iterate by (preconditioned) CG from
 * p = 0, stopped by the residual test, the iteration limit, negative
 * curvature (dᵀHd <= 0) or, with a finite radius, the trust region's
 * boundary (Steihaug-Toint). */
typedef struct hd__cg {
    int (*apply)(hd__run *rn, const double *v, double *hv); /* H·v at rn->x */
    double tol;          /* stop when ||r||_2 <= tol */
    double radius;       /* Steihaug-Toint's radius, in the preconditioner's norm
                            ||p||_M = sqrt(pᵀMp); INFINITY for the line-search variant */
    size_t max_iter;     /* >= 1 */
    double *r, *y, *d, *hd; /* n each: residual, preconditioned residual, direction, H·d */
    double *u;           /* n: out, the unit direction of negative curvature met, signed
                            so that gᵀu <= 0 (when `negative`) */
    /* results */
    int negative;        /* CG met dᵀHd <= 0 */
    double u_curv;       /* uᵀHu <= 0 (when negative) */
    size_t iterations;   /* products made */
    double pred;         /* predicted reduction -(gᵀp + ½ pᵀHp) */
    double p_norm;       /* ||p||_M */
    int boundary;        /* the step ends on the trust region's boundary */
} hd__cg;
/* Line search (radius INFINITY, N&W Alg. 7.1): p = the last iterate, or
 * -M⁻¹g when the first direction already has non-positive curvature.
 * Steihaug-Toint: p = the iterate, or where the direction of negative
 * curvature or the last step crosses the boundary. HD_OK, a status
 * (HD_NONFINITE_HESSIAN for a non-finite product, HD_STOPPED_BY_CALLBACK
 * when the preconditioner says so), HD__OUT_OF_EVALS, or an error
 * (HD_EINVAL: the preconditioner is not positive definite). */
int hd__truncated_cg(hd__run *rn, hd__cg *cg, double *p);
/* The CG's stopping tolerance of Newton-CG: eta ||g||_2 with the forcing
 * sequence eta = min(0.5, sqrt(||g||_2)) (N&W (7.3), superlinear). */
double hd__cg_tolerance(const hd__run *rn);
/* The CG iteration limit of the options (cg_max_iter, 0 = 2n). */
size_t hd__cg_max_iter(const hd__run *rn);
/* H·v at rn->x from the drivers (an hd__cg apply): one sweep of the
 * gradient's recording when the run keeps it (hd__eval.keep_tape). */
int hd__apply_exact(hd__run *rn, const double *v, double *hv);
/* A CG solve whose vectors are the first 5n doubles of rn->state (r, y, d,
 * H·d, then the direction of negative curvature u). */
hd__cg hd__cg_setup(hd__run *rn, int (*apply)(hd__run *rn, const double *v, double *hv),
                    double radius);
/* The line-search step of truncated Newton into rn->p (a direction hook's
 * work): rn->modified and rn->curv_u say whether CG met negative curvature. */
int hd__cg_direction(hd__run *rn, int (*apply)(hd__run *rn, const double *v, double *hv));
/* The refine hook after it: the step along that negative curvature when it
 * ends lower (hd__prefer_curvature). */
int hd__cg_refine(hd__run *rn, double *alpha, double *ft, double *slope);

/* ---- the final test without a dense Hessian at every iterate (verdict.c) ----
 * At ||g||_inf <= gtol: the current iterate's Hessian, dense when rn->h is
 * allocated (n <= the row's dense_test_max_n), else banded when the band
 * arrays are (a band found at the start) and the band at x is still that
 * narrow, shows a minimum (HD_CONVERGED), negative curvature (a step along
 * it when `escape`, returning 0, else HD_SADDLE), or neither
 * (HD_STATIONARY); without either, HD_STATIONARY. */
int hd__verdict(hd__run *rn, int escape);
/* The hook of Newton-CG and sparse Newton (at_stationary): escapes as the row says. */
int hd__verdict_escaping(hd__run *rn);
/* The banded test alone (run.c's classify_final beyond the dense n). */
int hd__band_verdict(hd__run *rn, int escape);
/* The largest lbfgs_memory accepted. */
#define HD__LBFGS_MEMORY_MAX 1000

/* Runaway divergence: this many consecutive accepted steps, each raising f
 * and at least doubling ||x||_inf, are reported as HD_DIVERGED. Only methods
 * without a decrease test (fixed steps) can produce them. The trust region
 * counts steps of max_trust_radius along a model unbounded below instead. */
#define HD__RUNAWAY_STEPS 5
/* A singular Hessian met after this many such steps is the end of the same
 * divergence (far out, the curvature of a function growing like |x| rounds
 * to 0), and is reported as HD_DIVERGED too. */
#define HD__RUNAWAY_SINGULAR 2

/* Eigenvalue tolerance of hd_classify: |lambda| <= this · max|lambda| is zero. */
#define HD__EIG_RTOL 1e-10
hd_point_kind hd__kind_from_eigenvalues(size_t n, const double *w);
/* With rn->eval current: max|lambda|, and whether the smallest eigenvalue is
 * significantly negative (below -HD__EIG_RTOL·max|lambda|). */
double hd__eig_scale(const hd__run *rn);
int hd__negative_curvature(const hd__run *rn);

/* ---- is it a minimum? (core.c) ----
 * At the current iterate (rn->x, rn->g, rn->h; ||g|| <= gtol, no significant
 * negative curvature), a Newton-Kantorovich test in the metric of H:
 * H = L Lᵀ must factor (else H is singular to working precision), and with
 * the Newton step p = -H^-1 g and a second point z, the change of the
 * Hessian M = L^-1 (H(z) - H(x)) L^-T must satisfy
 *     ||M||_2 · ||p||_H / ||z - x||_H <= HD__HESSIAN_CHANGE_MAX,
 * ||v||_H = sqrt(vᵀ H v). That is h = omega ||p||_H of the affine-invariant
 * Kantorovich theorem with omega estimated from z: below 1/2, a stationary
 * point lies within about 2||p||_H of x, and H stays positive definite up to
 * it, so it is a strict local minimum; 1/4 leaves a factor 2 for the
 * estimate. z is the previous iterate when rn->prev_valid (no evaluation),
 * else x + p (one Hessian, outside the budget). The test is invariant under
 * any linear change of variables and any scaling of f, so an ill-conditioned
 * but well-determined minimum passes. Sets *shown; the run ends after it
 * (rn->xt, gt, ht, s, p, work, eval are overwritten). */
#define HD__HESSIAN_CHANGE_MAX 0.25
int hd__minimum_shown(hd__run *rn, int *shown);

#endif
