/* hyperdual eval EXPR --at x=1,y=2 [--json]: value, exact gradient and Hessian,
 * the Hessian's eigenvalues, and the kind of a stationary point. */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

static const char usage[] =
    "usage: hyperdual eval EXPR [--at NAME=VALUE,...] [--gtol G] [--json]\n"
    "\n"
    "Evaluate EXPR at the point and print its value, exact gradient and Hessian\n"
    "(hyper-dual numbers, no finite differences), the Hessian's eigenvalues and\n"
    "whether the point is stationary: where the gradient is zero, ||g||_inf <= G,\n"
    "whatever f is, it names a minimum, maximum, saddle or degenerate point; a\n"
    "NaN or infinite gradient, or a NaN value, is undefined. EXPR '-' reads\n"
    "standard input.\n"
    "\n"
    "  --at NAME=VALUE,...  the point; also fixes the order of the variables\n"
    "  --gtol G             the zero of the gradient test (default 1e-8, minimize's)\n"
    "  --json               one JSON object: expression, variables, point, value,\n"
    "                       gradient, hessian, eigenvalues, stationary\n"
    "\n"
    "Division by zero is not an error: the results are inf or nan.\n"
    "Example: hyperdual eval 'x^2*y' --at x=3,y=2\n";

/* The default zero of the gradient: minimize's default gtol, so a point
 * where minimize stops as converged is one eval calls stationary. */
#define EVAL_GTOL 1e-8

/* What eval says about the point. The test is the gradient's alone: a scale
 * taken from |f| would call (x-3)^2 + 1e10 stationary at x = 2. */
typedef enum {
    NOT_STATIONARY,
    STATIONARY,
    /* a NaN or infinite gradient, or a NaN value (f is not defined there; an
     * infinite value with a finite gradient is an overflow of f alone) */
    UNDEFINED
} stationarity;

static stationarity judge(double f, const double *g, size_t n, double gtol)
{
    int defined = !isnan(f);
    double gmax = 0.0;
    for (size_t i = 0; i < n; i++) {
        defined &= isfinite(g[i]) != 0;
        if (fabs(g[i]) > gmax) gmax = fabs(g[i]);
    }
    if (!defined) return UNDEFINED;
    return gmax <= gtol ? STATIONARY : NOT_STATIONARY;
}

static void print_text(const cli_text *t, const cli_point *pt, double f, const double *g,
                       const double *h, const double *eig, int have_eig, stationarity stat, hd_point_kind kind)
{
    const size_t n = pt->n;
    char b[32];
    printf("expression   %.*s\n", (int)t->len, t->text);
    if (n) {
        printf("point        ");
        for (size_t i = 0; i < n; i++) printf("%s%s = %s", i ? ", " : "", pt->names[i], cli_fmt(b, pt->values[i]));
        putchar('\n');
    }
    printf("value        %s\n", cli_fmt(b, f));
    if (!n) return;
    printf("gradient     [");
    for (size_t i = 0; i < n; i++) printf("%s%s", i ? ", " : "", cli_fmt(b, g[i]));
    printf("]\n");
    /* the Hessian with aligned columns */
    size_t width = 1;
    for (size_t i = 0; i < n * n; i++) {
        const size_t w = strlen(cli_fmt(b, h[i]));
        if (w > width) width = w;
    }
    for (size_t i = 0; i < n; i++) {
        printf("%s", i ? "              " : "Hessian      [");
        putchar('[');
        for (size_t j = 0; j < n; j++)
            printf("%s%*s", j ? ", " : "", (int)width, cli_fmt(b, h[i * n + j]));
        printf("]%s\n", i + 1 < n ? "," : "]");
    }
    if (have_eig) {
        printf("eigenvalues  [");
        for (size_t i = 0; i < n; i++) printf("%s%s", i ? ", " : "", cli_fmt(b, eig[i]));
        printf("]\n");
    } else {
        int finite = 1;
        for (size_t i = 0; i < n * n; i++) finite &= isfinite(h[i]) != 0;
        printf("eigenvalues  (none: %s)\n", finite ? "the eigensolver failed" : "the Hessian is not finite");
    }
    if (stat == UNDEFINED)
        printf("stationary   undefined (%s)\n", isnan(f) ? "the value is nan" : "the gradient is not finite");
    else if (stat == NOT_STATIONARY)
        printf("stationary   no\n");
    else if (have_eig)
        printf("stationary   yes: %s\n", hd_point_kind_str(kind));
    else
        printf("stationary   yes (kind unknown: the Hessian is not finite)\n");
}

static void print_json(const cli_text *t, const cli_point *pt, double f, const double *g,
                       const double *h, const double *eig, int have_eig, stationarity stat, hd_point_kind kind)
{
    const size_t n = pt->n;
    printf("{\"expression\": ");
    cli_json_string(stdout, t->text, t->len);
    printf(", \"variables\": [");
    for (size_t i = 0; i < n; i++) {
        if (i) printf(", ");
        cli_json_string(stdout, pt->names[i], strlen(pt->names[i]));
    }
    printf("], \"point\": ");
    cli_json_numbers(stdout, pt->values, n);
    printf(", \"value\": ");
    cli_json_number(stdout, f);
    printf(", \"gradient\": ");
    cli_json_numbers(stdout, g, n);
    printf(", \"hessian\": [");
    for (size_t i = 0; i < n; i++) {
        if (i) printf(", ");
        cli_json_numbers(stdout, h + i * n, n);
    }
    printf("], \"eigenvalues\": ");
    if (have_eig) cli_json_numbers(stdout, eig, n);
    else printf("null");
    printf(", \"stationary\": ");
    if (stat == UNDEFINED) printf("\"undefined\"");
    else if (stat == NOT_STATIONARY) printf("null");
    else printf("\"%s\"", have_eig ? hd_point_kind_str(kind) : "unknown");
    printf("}\n");
}

int cli_eval(int argc, char **argv)
{
    const char *expr_arg = NULL, *at = NULL, *gtol_arg = NULL;
    int json = 0;
    const cli_opt opts[] = {{"at", &at, NULL}, {"gtol", &gtol_arg, NULL}, {"json", NULL, &json}};
    const int parsed = cli_parse_args(argc, argv, "eval", usage, opts, sizeof opts / sizeof opts[0], &expr_arg);
    if (parsed != CLI_OK) return parsed < 0 ? CLI_OK : parsed;
    if (!expr_arg) {
        cli_error("eval needs an expression (see hyperdual eval --help)");
        return CLI_USAGE;
    }
    double gtol = EVAL_GTOL;
    if (gtol_arg && !cli_parse_positive("--gtol", gtol_arg, &gtol)) return CLI_USAGE;
    cli_point pt;
    cli_text t;
    hd_expr *e;
    if (cli_load("--at", at, expr_arg, &pt, &t, &e) != CLI_OK) return CLI_USAGE;
    int status = CLI_USAGE;
    const size_t n = pt.n;
    double *g = malloc((n + 1) * sizeof *g), *eig = malloc((n + 1) * sizeof *eig);
    double *h = malloc((n * n + 1) * sizeof *h);
    if (g && eig && h) {
        double f;
        int rc = HD_OK, have_eig = 0;
        hd_point_kind kind = HD_POINT_DEGENERATE;
        if (n == 0) {
            f = hd_expr_eval(e, NULL);
            have_eig = 1; /* no eigenvalues to find: an empty list */
        } else {
            const hd_objective obj = hd_expr_objective(e);
            rc = hd_hessian(&obj, pt.values, &f, g, h);
            have_eig = rc == HD_OK && hd_classify(n, h, eig, &kind) == HD_OK;
        }
        if (rc != HD_OK) {
            cli_error("cannot evaluate: %s", hd_strerror(rc));
        } else {
            const stationarity stat = n > 0 ? judge(f, g, n, gtol) : NOT_STATIONARY;
            (json ? print_json : print_text)(&t, &pt, f, g, h, eig, have_eig, stat, kind);
            status = CLI_OK;
        }
    } else {
        cli_error("out of memory");
    }
    free(g);
    free(h);
    free(eig);
    cli_unload(&pt, &t, e);
    return status;
}
