/* hyperdual limit EXPR --at t=1: forward and central difference quotients
 * for dt = 1, 0.1, ..., 1e-16 beside the exact derivative from a dual number,
 * so the truncation error can be seen to shrink until round-off takes over. */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

static const char usage[] =
    "usage: hyperdual limit EXPR --at NAME=VALUE[,...] [--wrt NAME] [--json]\n"
    "\n"
    "Print the forward quotient (f(t+dt) - f(t))/dt and the central quotient\n"
    "(f(t+dt) - f(t-dt))/(2 dt) for dt = 1, 0.1, ..., 1e-16 beside the exact\n"
    "derivative from one dual-number pass, with each quotient's error: the\n"
    "truncation error shrinks with dt until round-off takes over.\n"
    "\n"
    "  --at NAME=VALUE,...  the point; other variables stay fixed there\n"
    "  --wrt NAME           the variable to vary (default: the first of --at)\n"
    "  --json               one JSON object with every row\n"
    "\n"
    "Example: hyperdual limit 't^3' --at t=1   (forward quotients 7, 3.31, 3.0301, ...)\n";

enum { STEPS = 17 }; /* dt = 1e-0 ... 1e-16 */

typedef struct {
    double dt, fwd, ctr;
} row;

int cli_limit(int argc, char **argv)
{
    const char *expr_arg = NULL, *at = NULL, *wrt = NULL;
    int json = 0;
    const cli_opt opts[] = {{"at", &at, NULL}, {"wrt", &wrt, NULL}, {"json", NULL, &json}};
    const int parsed = cli_parse_args(argc, argv, "limit", usage, opts, 3, &expr_arg);
    if (parsed != CLI_OK) return parsed < 0 ? CLI_OK : parsed;
    if (!expr_arg || !at) {
        cli_error(!expr_arg ? "limit needs an expression (see hyperdual limit --help)"
                            : "limit needs a point: --at NAME=VALUE");
        return CLI_USAGE;
    }
    cli_point pt;
    cli_text t;
    hd_expr *e;
    if (cli_load("--at", at, expr_arg, &pt, &t, &e) != CLI_OK) return CLI_USAGE;
    size_t k = 0;
    while (wrt && k < pt.n && strcmp(pt.names[k], wrt) != 0) k++;
    if (k == pt.n) {
        cli_error("--wrt '%s' is not one of the variables of --at", wrt);
        cli_unload(&pt, &t, e);
        return CLI_USAGE;
    }
    double *x = malloc(pt.n * sizeof *x);
    hd_dual *xd = malloc(pt.n * sizeof *xd);
    int status = CLI_USAGE;
    if (x && xd) {
        for (size_t i = 0; i < pt.n; i++) {
            x[i] = pt.values[i];
            xd[i] = hd_dual_const(pt.values[i]);
        }
        const double t0 = x[k];
        xd[k] = hd_dual_var(t0);
        const hd_dual exact = hd_expr_eval_dual(e, xd);
        const double f0 = hd_expr_eval(e, x);
        row rows[STEPS];
        for (int s = 0; s < STEPS; s++) {
            char lit[16];
            snprintf(lit, sizeof lit, "1e-%d", s); /* the correctly rounded 10^-s */
            const double dt = strtod(lit, NULL);
            x[k] = t0 + dt;
            const double fp = hd_expr_eval(e, x);
            x[k] = t0 - dt;
            const double fm = hd_expr_eval(e, x);
            x[k] = t0;
            rows[s].dt = dt;
            rows[s].fwd = (fp - f0) / dt;
            rows[s].ctr = (fp - fm) / (2 * dt);
        }
        const double d = exact.d1;
        if (json) {
            printf("{\"expression\": ");
            cli_json_string(stdout, t.text, t.len);
            printf(", \"variable\": ");
            cli_json_string(stdout, pt.names[k], strlen(pt.names[k]));
            printf(", \"point\": ");
            cli_json_number(stdout, t0);
            printf(", \"value\": ");
            cli_json_number(stdout, f0);
            printf(", \"derivative\": ");
            cli_json_number(stdout, d);
            printf(", \"rows\": [");
            for (int s = 0; s < STEPS; s++) {
                printf("%s{\"dt\": ", s ? ", " : "");
                cli_json_number(stdout, rows[s].dt);
                printf(", \"forward\": ");
                cli_json_number(stdout, rows[s].fwd);
                printf(", \"forward_error\": ");
                cli_json_number(stdout, rows[s].fwd - d);
                printf(", \"central\": ");
                cli_json_number(stdout, rows[s].ctr);
                printf(", \"central_error\": ");
                cli_json_number(stdout, rows[s].ctr - d);
                printf("}");
            }
            printf("]}\n");
        } else {
            char b1[32], b2[32];
            printf("f(%s) = %.*s at %s = %s, f = %s\n", pt.names[k], (int)t.len, t.text, pt.names[k],
                   cli_fmt(b1, t0), cli_fmt(b2, f0));
            printf("exact derivative (one dual-number pass): %s\n\n", cli_fmt(b1, d));
            /* 12 digits show the quotients converge (7, 3.31, 3.0301, ...) and
             * then scatter; the error columns are exact */
            printf("%7s  %-18s %-9s  %-18s %s\n", "dt", "forward quotient", "error", "central quotient",
                   "error");
            int best_f = 0, best_c = 0;
            for (int s = 0; s < STEPS; s++) {
                const double ef = fabs(rows[s].fwd - d), ec = fabs(rows[s].ctr - d);
                if (ef < fabs(rows[best_f].fwd - d)) best_f = s;
                if (ec < fabs(rows[best_c].ctr - d)) best_c = s;
                snprintf(b1, sizeof b1, "%.12g", rows[s].fwd);
                snprintf(b2, sizeof b2, "%.12g", rows[s].ctr);
                printf("%7.0e  %-18s %-9.2e  %-18s %.2e\n", rows[s].dt, b1, ef, b2, ec);
            }
            printf("\nsmallest error: forward at dt = %.0e (%.2e), central at dt = %.0e (%.2e);\n"
                   "the dual number has no dt and no truncation error.\n",
                   rows[best_f].dt, fabs(rows[best_f].fwd - d), rows[best_c].dt, fabs(rows[best_c].ctr - d));
        }
        status = CLI_OK;
    } else {
        cli_error("out of memory");
    }
    free(x);
    free(xd);
    cli_unload(&pt, &t, e);
    return status;
}
