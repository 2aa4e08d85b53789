/* hyperdual problems: the registry of built-in test problems. */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

static const char usage[] =
    "usage: hyperdual problems [--json]\n"
    "\n"
    "List the built-in test problems (name, dimension n, residuals m, standard\n"
    "start, known minimum f*). m > 0: a sum of m squares, on which gn and lm run\n"
    "too; m = 0: a scalar function. Run one with: hyperdual minimize --problem NAME\n";

/* "(a, b, c)", cut after six values. */
static void format_start(char *buf, size_t cap, const double *x, size_t n)
{
    size_t used = (size_t)snprintf(buf, cap, "(");
    char b[32];
    for (size_t i = 0; i < n && used < cap; i++) {
        cli_fmt(b, x[i]);
        if (used + strlen(b) + 2 > 34) { /* keep the column narrow */
            used += (size_t)snprintf(buf + used, cap - used, "%s...", i ? ", " : "");
            break;
        }
        used += (size_t)snprintf(buf + used, cap - used, "%s%s", i ? ", " : "", b);
    }
    if (used < cap) snprintf(buf + used, cap - used, ")");
}

int cli_problems(int argc, char **argv)
{
    int json = 0;
    const cli_opt opts[] = {{"json", NULL, &json}};
    const int parsed = cli_parse_args(argc, argv, "problems", usage, opts, 1, NULL);
    if (parsed != CLI_OK) return parsed < 0 ? CLI_OK : parsed;
    const size_t count = hd_problem_count();
    if (json) printf("[");
    else printf("%-28s %4s  %4s %-40s %-20s %s\n", "name", "n", "m", "start", "f*", "title");
    for (size_t i = 0; i < count; i++) {
        const hd_problem *p = hd_problem_at(i);
        if (!p) continue;
        double *x0 = malloc((p->n ? p->n : 1) * sizeof *x0);
        if (!x0) {
            cli_error("out of memory");
            return CLI_USAGE;
        }
        p->start(p->n, x0);
        char b[32];
        if (json) {
            printf("%s\n {\"name\": ", i ? "," : "");
            cli_json_string(stdout, p->name, strlen(p->name));
            printf(", \"title\": ");
            cli_json_string(stdout, p->title, strlen(p->title));
            printf(", \"n\": %zu, \"m\": %zu, \"start\": ", p->n, p->m);
            cli_json_numbers(stdout, x0, p->n);
            printf(", \"f_star\": ");
            cli_json_number(stdout, p->f_star);
            printf("}");
        } else {
            char start[64];
            format_start(start, sizeof start, x0, p->n);
            printf("%-28s %4zu%s %4zu %-40s %-20s %s\n", p->name, p->n, p->variable_n ? "+" : " ", p->m, start,
                   isnan(p->f_star) ? "?" : cli_fmt(b, p->f_star), p->title);
        }
        free(x0);
    }
    if (json) printf("\n]\n");
    else printf("\nn+ : other dimensions allowed (minimize --problem NAME --n N); m: residuals, m > 0 for\n"
                "a sum of squares (minimize --method gn,lm runs on those; m here is at the default n)\n");
    return CLI_OK;
}
