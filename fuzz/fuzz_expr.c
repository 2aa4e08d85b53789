/* libFuzzer target for the expression engine: any bytes are parsed (with the
 * variables found in the text, and again with a fixed list), and whatever
 * parses is evaluated on double, hd_dual and hd_hyper and differentiated by
 * the drivers. Properties checked beyond "no crash, no UB, no leak":
 *   - a failed parse returns no expression, a known code, a column inside
 *     the text or one past it (0 only for non-syntax errors), a message;
 *   - the three number types agree on the value (or are all NaN).
 * Build and run: make fuzz; make fuzz-run FUZZ_SECONDS=60. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <hyperdual.h>

#define MAX_VARS 8

static void check_error(int rc, const hd_expr *e, const hd_expr_error *err, size_t size)
{
    if (e) abort();
    if (rc != err->code) abort();
    if (rc != HD_ESYNTAX && rc != HD_ERANGE && rc != HD_ENOMEM && rc != HD_EINVAL) abort();
    if (err->column > size + 1 && !(rc == HD_ERANGE && err->column == HD_EXPR_MAX_LENGTH + 1)) abort();
    if (rc == HD_ESYNTAX && err->column == 0) abort();
    if (err->message[0] == '\0' || !memchr(err->message, '\0', sizeof err->message)) abort();
}

static int same(double a, double b) { return (isnan(a) && isnan(b)) || a == b; }

static void exercise(const hd_expr *e)
{
    const size_t n = hd_expr_num_vars(e);
    if (n > MAX_VARS) { /* many variables: one plain evaluation at 0 */
        double *z = calloc(n, sizeof *z);
        if (z) (void)hd_expr_eval(e, z);
        free(z);
        return;
    }
    double x[MAX_VARS + 1];
    hd_dual xd[MAX_VARS + 1];
    hd_hyper xh[MAX_VARS + 1];
    static const double points[] = {0.0, 0.5, -1.25, 3.0};
    for (size_t p = 0; p < sizeof points / sizeof points[0]; p++) {
        for (size_t i = 0; i < n; i++) {
            x[i] = points[p] + 0.25 * (double)i;
            xd[i] = hd_dual_make(x[i], i == 0);
            xh[i] = hd_hyper_make(x[i], i == 0, i == n - 1, 0.0);
        }
        const double f = hd_expr_eval(e, x);
        const hd_dual fd = hd_expr_eval_dual(e, xd);
        const hd_hyper fh = hd_expr_eval_hyper(e, xh);
        if (!same(f, fd.val) || !same(f, fh.val)) abort();
    }
    if (n >= 1 && n <= 3) {
        const hd_objective obj = hd_expr_objective(e);
        double f, g[3], h[9];
        if (hd_hessian(&obj, x, &f, g, h) != HD_OK) abort();
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++)
                if (!same(h[i * n + j], h[j * n + i])) abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    hd_expr *e = (hd_expr *)1;
    hd_expr_error err;
    int rc = hd_expr_parse(text, size, NULL, 0, &e, &err);
    if (rc == HD_OK) {
        exercise(e);
        hd_expr_free(e);
    } else {
        check_error(rc, e, &err, size);
    }
    static const char *const xy[] = {"x", "y"};
    e = (hd_expr *)1;
    rc = hd_expr_parse(text, size, xy, 2, &e, &err);
    if (rc == HD_OK) {
        exercise(e);
        hd_expr_free(e);
    } else {
        check_error(rc, e, &err, size);
    }
    return 0;
}
