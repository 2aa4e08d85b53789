/* The lines of a status for particular runs (lib/errors.c holds them; the
 * table of methods, lib/optim/run.c, says which fits a run). */
#ifndef HYPERDUAL_LIB_STATUS_LINES_H
#define HYPERDUAL_LIB_STATUS_LINES_H

/* Who a status line is for: a run of some method with some options. A
 * status's generic line (hd_status_str) must be true whatever the method;
 * where the condition or the remedy depends on the method, the row also has
 * a line for the case, which hd_status_advice picks (each method's row of the table of methods, lib/optim/run.c,
 * says which fits a run). */
enum {
    HD__FOR_GD_FIXED,     /* gradient descent with a fixed step */
    HD__FOR_GD,           /* gradient descent with a line search */
    HD__FOR_BFGS,
    HD__FOR_LBFGS,
    HD__FOR_NEWTON,       /* Newton with a modified Hessian and a line search */
    HD__FOR_NEWTON_FIXED, /* Newton with a fixed step, or with the Hessian as is */
    HD__FOR_TRUST_REGION,
    HD__FOR_NO_ESCAPE,    /* Newton or the trust region with escape_saddles = 0, at a saddle */
    HD__FOR_NO_HESSIAN,   /* gradient descent or BFGS with classify_final = 0, stationary */
    HD__FOR_GN,           /* Gauss-Newton with a line search */
    HD__FOR_GN_FIXED,     /* Gauss-Newton with the full step */
    HD__FOR_LM,           /* Levenberg-Marquardt */
    HD__FOR_LSQ_NO_HESSIAN, /* Gauss-Newton or Levenberg-Marquardt with classify_final = 0, stationary */
    HD__FOR_CASES
};

/* The line of status for case `line` (an HD__FOR_*), its generic line where
 * it has none for that case; hd_strerror's text for an error code. */
const char *hd__status_line(int status, int line);

#endif
