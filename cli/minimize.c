/* hyperdual minimize: run one or more methods from the same start on an
 * expression or a built-in problem; print a side-by-side table, optionally a
 * per-iteration CSV trace and a gnuplot figure. */
#include <config.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "plot.h"

/* The usage, in two parts around the --method line, which is built from
 * the method tables below (one list: help, parser and error agree). */
static const char usage_head[] =
    "usage: hyperdual minimize EXPR --from NAME=VALUE,... [options]\n"
    "       hyperdual minimize --problem NAME [--n N] [--from VALUE,...] [options]\n"
    "\n"
    "Minimize with exact gradients and Hessians and compare methods side by side:\n"
    "status, kind of the final point, iterations, objective calls by kind,\n"
    "derivative passes (and Hessian-vector products), final f, ||g||_inf and time.\n"
    "EXPR '-' reads standard input.\n"
    "gn and lm (Gauss-Newton, Levenberg-Marquardt) need residuals: they run on the\n"
    "built-in sums of squares (hyperdual problems: m > 0), and 'all' skips them\n"
    "elsewhere; to fit a model to data, see hyperdual fit.\n"
    "\n"
    "  --from NAME=VALUE,...  start point (also orders the variables; --at works too)\n"
    "  --problem NAME         a built-in problem (hyperdual problems), from its\n"
    "                         standard start or from --from: n values in order\n"
    "                         (--from 0,0) or some of x1..xn (--from x2=0; the\n"
    "                         others keep the standard start)\n"
    "  --n N                  dimension, for problems that allow others, as large as\n"
    "                         memory allows: each method's arrays are checked against\n"
    "                         the memory available before any run; gd, lbfgs and\n"
    "                         newton-cg[-tr] hold a few vectors of n, newton a band\n"
    "                         when the Hessian has one, else (like bfgs and newton-tr)\n"
    "                         n x n matrices, allowed up to n = 2000\n";
static const char usage_tail[] =
    "                         or a comma list such as gd,bfgs (default newton)\n"
    "  --lr RATE              gradient descent with this fixed step (no line search);\n"
    "                         refused unless gd is among the methods\n"
    "  --max-iter N           iteration limit of every method\n"
    "  --gtol G               stop when ||g||_inf <= G (default 1e-8)\n"
    "  --trace FILE.csv       one row per iteration and method\n"
    "  --plot FILE.png|.svg   convergence curves (f - f_best, log scale) and, for\n"
    "                         two variables, contour lines with each method's path;\n"
    "                         needs gnuplot\n"
    "  --json                 the results as one JSON object\n"
    "\n"
    "Exit status: 0 if every method converged, 1 if one did not, 2 bad input.\n"
    "Example: hyperdual minimize '(1-x)^2 + 100*(y-x^2)^2' --from x=-1.2,y=1 --method all\n";

/* Largest --n that is parsed at all; what memory allows is checked per
 * run (check_memory). */
#define MAX_N 1000000000L

/* Iterates kept per run for the trace and the plot; x only for small n. */
#define KEEP_X_MAX 10

typedef struct {
    int iteration;
    double f, grad_norm, step;
    hd_counts counts; /* passes so far, by kind */
    long jacobian_evals, residual_evals;
    long hv_products; /* Hessian-vector products so far */
} record;

typedef struct {
    hd_method method;
    hd_result res;
    const hd_options *opt; /* while it runs */
    const char *advice;    /* hd_status_advice for the way it ended */
    int rc;
    double seconds;
    double *x;            /* final point */
    record *rec;          /* one per iteration */
    double *rec_x;        /* n per record when n <= KEEP_X_MAX */
    size_t nrec, cap;
    size_t n;
    int keep_x, out_of_memory;
    double last_progress; /* for the terminal progress line */
    int progress;
} run;

/* The methods are the library's, in its order (hd_method_at), by their
 * keys (hd_method_key): one list, which --help, the error messages and
 * `all` read. */
#define MAX_METHODS 16

static size_t method_count(void)
{
    size_t n = 0;
    hd_method m;
    while (n < MAX_METHODS && hd_method_at(n, &m) == HD_OK) n++;
    return n;
}

static hd_method method_at(size_t i)
{
    hd_method m = HD_NEWTON;
    return hd_method_at(i, &m) == HD_OK ? m : HD_NEWTON;
}

/* Names for several methods at once; "all" is every method above (those that
 * need residuals only where there are some). */
static const struct {
    const char *name, *methods;
} method_aliases[] = {{"both", "gd,newton"}, {"all", NULL}};
#define NALIASES (sizeof method_aliases / sizeof method_aliases[0])

static const char *short_name(hd_method m)
{
    const char *key = hd_method_key(m);
    return key ? key : "?";
}

/* The method names joined by sep, then the aliases' if with_aliases. */
static void join_names(char *buf, size_t cap, const char *sep, int with_aliases)
{
    const size_t nm = method_count();
    buf[0] = '\0';
    for (size_t i = 0; i < nm + (with_aliases ? NALIASES : 0); i++)
        snprintf(buf + strlen(buf), cap - strlen(buf), "%s%s", i ? sep : "",
                 i < nm ? short_name(method_at(i)) : method_aliases[i - nm].name);
}

/* "gd|newton|newton-tr|bfgs|both|all" */
static const char *method_choices(void)
{
    static char buf[160];
    if (!buf[0]) join_names(buf, sizeof buf, "|", 1);
    return buf;
}

static const char *full_usage(void)
{
    static char buf[sizeof usage_head + sizeof usage_tail + 400];
    snprintf(buf, sizeof buf, "%s  --method M             %s\n%24s", usage_head, method_choices(), "");
    for (size_t i = 0; i < NALIASES; i++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s = %s%s", i ? " " : " (", method_aliases[i].name,
                 method_aliases[i].methods ? method_aliases[i].methods : "every method",
                 i + 1 < NALIASES ? "," : "),\n");
    snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s", usage_tail);
    return buf;
}

/* "gd,newton" / "both" / "all" -> methods[]; *every_method says it was
 * "all"; 0 on a bad name (error printed). */
static int parse_methods(const char *arg, hd_method *methods, size_t *count, int *every_method)
{
    static char every[160];
    *count = 0;
    *every_method = 0;
    if (!every[0]) join_names(every, sizeof every, ",", 0);
    for (size_t i = 0; i < NALIASES; i++)
        if (strcmp(arg, method_aliases[i].name) == 0) {
            *every_method = !method_aliases[i].methods;
            arg = method_aliases[i].methods ? method_aliases[i].methods : every;
        }
    const char *p = arg;
    for (;;) {
        const char *end = strchr(p, ',');
        const size_t len = end ? (size_t)(end - p) : strlen(p);
        const size_t nm = method_count();
        size_t i = 0;
        while (i < nm && !(strlen(short_name(method_at(i))) == len && strncmp(p, short_name(method_at(i)), len) == 0))
            i++;
        if (i == nm) {
            cli_error_at(arg, strlen(arg), (size_t)(p - arg) + 1, "unknown method '%.*s' (%s)",
                         (int)(len > 40 ? 40 : len), p, method_choices());
            return 0;
        }
        for (size_t k = 0; k < *count; k++)
            if (methods[k] == method_at(i)) {
                cli_error_at(arg, strlen(arg), (size_t)(p - arg) + 1, "method '%s' given twice",
                             short_name(method_at(i)));
                return 0;
            }
        methods[(*count)++] = method_at(i);
        if (!end) return 1;
        p = end + 1;
    }
}

/* The optimizer's per-iteration callback: keep the iterate, show progress. */
static int on_iteration(const hd_iteration *it, void *user)
{
    run *r = user;
    if (r->nrec == r->cap) {
        const size_t cap = r->cap ? 2 * r->cap : 256;
        record *rec = realloc(r->rec, cap * sizeof *rec);
        if (rec) r->rec = rec;
        double *rx = r->keep_x ? realloc(r->rec_x, cap * r->n * sizeof *rx) : NULL;
        if (rx) r->rec_x = rx;
        if (!rec || (r->keep_x && !rx)) {
            r->out_of_memory = 1;
            return 1;
        }
        r->cap = cap;
    }
    record *q = &r->rec[r->nrec];
    q->iteration = it->iteration;
    q->f = it->f;
    q->grad_norm = it->grad_norm;
    q->step = it->step;
    q->counts = it->counts;
    q->jacobian_evals = it->jacobian_evals;
    q->residual_evals = it->residual_evals;
    q->hv_products = it->hv_products;
    if (r->keep_x) memcpy(r->rec_x + r->nrec * r->n, it->x, r->n * sizeof *it->x);
    r->nrec++;
    if (r->progress) {
        const double now = cli_now();
        if (now - r->last_progress > 0.2) {
            r->last_progress = now;
            fprintf(stderr, "\r%-10s iteration %-8d f = %-14.8g ||g|| = %-10.3g", short_name(r->method),
                    it->iteration, it->f, it->grad_norm);
            fflush(stderr);
        }
    }
    return 0;
}

typedef struct {
    const hd_objective *obj;
    const hd_objective *lsq; /* the sum of squares of the residuals, or NULL */
    const double *x0;
    size_t n;
    long max_iter;
    double gtol, lr;
    int have_lr;
} setup;

/* The options of one method's run (without the callback). */
static void method_options(const setup *s, hd_method m, hd_options *opt)
{
    hd_options_default(opt, m);
    if (s->max_iter) opt->max_iter = (int)s->max_iter;
    if (s->gtol > 0) opt->gtol = s->gtol;
    if (s->have_lr && m == HD_GRADIENT_DESCENT) {
        opt->learning_rate = s->lr;
        opt->line_search = HD_LINESEARCH_NONE;
    }
    /* one Hessian at the end, so a first-order method stopping at a saddle
     * says so instead of "converged" */
    opt->classify_final = 1;
}

/* What method m minimizes: the sum of squares of the residuals for the
 * methods that need them, the objective otherwise. */
static const hd_objective *objective_for(const setup *s, hd_method m)
{
    return hd_method_needs_residuals(m) ? s->lsq : s->obj;
}

static void run_method(const setup *s, run *r)
{
    hd_options opt;
    method_options(s, r->method, &opt);
    r->opt = &opt;
    opt.callback = on_iteration;
    opt.callback_data = r;
    r->n = s->n;
    r->keep_x = s->n <= KEEP_X_MAX;
    r->progress = isatty(STDERR_FILENO);
    r->last_progress = cli_now();
    memset(&r->res, 0, sizeof r->res);
    memcpy(r->x, s->x0, s->n * sizeof *r->x);
    const double t0 = cli_now();
    r->rc = hd_minimize(objective_for(s, r->method), r->x, &opt, &r->res);
    r->seconds = cli_now() - t0;
    r->advice = hd_status_advice(r->rc != HD_OK ? r->rc : r->res.status, &opt);
    r->opt = NULL;
    if (r->progress) fprintf(stderr, "\r%70s\r", "");
}

static int converged(const run *r) { return r->rc == HD_OK && r->res.converged; }

/* The kind of the returned point ("minimum", "saddle", ...; "unknown" when
 * it was not classified or the run was refused). */
static const char *point_kind(const run *r)
{
    return hd_point_kind_str(r->rc == HD_OK ? (hd_point_kind)r->res.point_kind : (hd_point_kind)-1);
}

/* A short label: hd_status_str()'s text up to its ':' ("iteration limit",
 * "stationary, not proven a minimum", ...); the advice for the run explains
 * it below the table. */
#define LABEL_MAX 64
static const char *status_label(const run *r, char buf[LABEL_MAX])
{
    const char *s = r->rc != HD_OK ? hd_strerror(r->rc) : hd_status_str(r->res.status);
    const size_t len = strcspn(s, ":");
    snprintf(buf, LABEL_MAX, "%.*s", (int)(len < LABEL_MAX - 1 ? len : LABEL_MAX - 1), s);
    return buf;
}

/* The counter of kind k as the JSON and the trace name it: f_calls,
 * dual_calls, ... (hd_kind_name's suffix; the plain value is f). */
static const char *counter_name(int k, char buf[32])
{
    snprintf(buf, 32, "%s_calls", k == HD_KIND_VALUE ? "f" : hd_kind_name((hd_kind)k));
    return buf;
}

/* A table column for each kind of derivative pass some run made, so that
 * the columns add up to `passes`; f calls always. */
static void print_table(const run *runs, size_t nruns, char **names, size_t n)
{
    char b1[32], b2[LABEL_MAX];
    int used[HD_KIND_COUNT] = {0}, width = 18; /* the status column fits every label */
    int lsq = 0; /* a least-squares run: Jacobians and residual vectors too */
    for (size_t i = 0; i < nruns; i++) {
        lsq |= hd_method_needs_residuals(runs[i].method);
        for (int k = 0; k < HD_KIND_COUNT; k++) used[k] |= k == HD_KIND_VALUE || runs[i].res.counts.calls[k] != 0;
        const int len = (int)strlen(status_label(&runs[i], b2));
        if (len > width) width = len;
    }
    int products = 0, mw = 10; /* a column of Hessian-vector products when some run made them;
                                  the method column fits every name */
    for (size_t i = 0; i < nruns; i++) {
        products |= runs[i].res.hv_products != 0;
        if ((int)strlen(short_name(runs[i].method)) > mw) mw = (int)strlen(short_name(runs[i].method));
    }
    printf("%-*s %-*s %-10s %7s", mw, "method", width, "status", "point", "iter");
    if (lsq) printf(" %9s %9s", "jacobians", "residuals");
    for (int k = 0; k < HD_KIND_COUNT; k++)
        if (used[k]) printf(" %9s", k == HD_KIND_VALUE ? "f calls" : hd_kind_name((hd_kind)k));
    printf(" %10s", "passes");
    if (products) printf(" %10s", "H·v"); /* 4 bytes, 3 columns: 9 columns wide */
    printf(" %-24s %-10s %9s\n", "final f", "||g||_inf", "time");
    for (size_t i = 0; i < nruns; i++) {
        const run *r = &runs[i];
        printf("%-*s %-*s %-10s %7d", mw, short_name(r->method), width, status_label(r, b2), point_kind(r),
               r->res.iterations);
        if (lsq) printf(" %9ld %9ld", r->res.jacobian_evals, r->res.residual_evals);
        for (int k = 0; k < HD_KIND_COUNT; k++)
            if (used[k]) printf(" %9ld", r->res.counts.calls[k]);
        printf(" %10ld", r->res.passes);
        if (products) printf(" %9ld", r->res.hv_products);
        printf(" %-24s %-10.3g %8.3fs\n", cli_fmt(b1, r->res.f), r->res.grad_norm, r->seconds);
    }
    if (n <= KEEP_X_MAX) {
        putchar('\n');
        for (size_t i = 0; i < nruns; i++) {
            printf("%-*s at ", mw, short_name(runs[i].method));
            for (size_t k = 0; k < n; k++)
                printf("%s%s = %s", k ? ", " : "", names[k], cli_fmt(b1, runs[i].x[k]));
            putchar('\n');
        }
    }
    int notes = 0;
    for (size_t i = 0; i < nruns; i++) {
        const run *r = &runs[i];
        if (converged(r)) continue;
        if (!notes++) putchar('\n');
        if (r->out_of_memory) printf("%-*s out of memory while recording the iterations\n", mw, short_name(r->method));
        else printf("%-*s %s\n", mw, short_name(r->method), r->advice);
    }
}

static void print_json(const cli_text *t, const char *problem, const run *runs, size_t nruns, char **names,
                       const double *x0, size_t n, const char *skipped)
{
    printf("{\"expression\": ");
    if (t) cli_json_string(stdout, t->text, t->len);
    else printf("null");
    printf(", \"problem\": ");
    if (problem) cli_json_string(stdout, problem, strlen(problem));
    else printf("null");
    printf(", \"variables\": [");
    for (size_t i = 0; i < n; i++) {
        if (i) printf(", ");
        cli_json_string(stdout, names[i], strlen(names[i]));
    }
    printf("], \"start\": ");
    cli_json_numbers(stdout, x0, n);
    /* the methods 'all' left out, as their keys */
    printf(", \"skipped\": [");
    for (const char *k = skipped; *k;) {
        const size_t len = strcspn(k, ",");
        printf("%s", k == skipped ? "" : ", ");
        cli_json_string(stdout, k, len);
        k += len + (k[len] == ',');
    }
    printf("]");
    printf(", \"results\": [");
    char b[LABEL_MAX];
    for (size_t i = 0; i < nruns; i++) {
        const run *r = &runs[i];
        printf("%s{\"method\": \"%s\", \"status\": \"%s\", \"converged\": %s, \"point_kind\": \"%s\", "
               "\"iterations\": %d",
               i ? ", " : "", short_name(r->method), status_label(r, b), converged(r) ? "true" : "false",
               point_kind(r), r->res.iterations);
        for (int k = 0; k < HD_KIND_COUNT; k++) printf(", \"%s\": %ld", counter_name(k, b), r->res.counts.calls[k]);
        printf(", \"tape_sweeps\": %ld, \"passes\": %ld, \"hv_products\": %ld, \"jacobian_evals\": %ld, "
               "\"residual_evals\": %ld, \"f\": ",
               r->res.tape_sweeps, r->res.passes, r->res.hv_products, r->res.jacobian_evals,
               r->res.residual_evals);
        cli_json_number(stdout, r->res.f);
        printf(", \"grad_norm\": ");
        cli_json_number(stdout, r->res.grad_norm);
        printf(", \"seconds\": ");
        cli_json_number(stdout, r->seconds);
        printf(", \"x\": ");
        cli_json_numbers(stdout, r->x, n);
        printf("}");
    }
    printf("]}\n");
}

/* Opened before any run, so that a trace that cannot be written stops the
 * command before the work, not after it. */
static FILE *open_trace(const char *path)
{
    FILE *out = fopen(path, "w");
    if (!out) cli_error("cannot write the trace file '%s': %s", path, strerror(errno));
    return out;
}

/* Writes and closes out. */
static int write_trace(FILE *out, const char *path, const run *runs, size_t nruns, char **names, size_t n)
{
    char b[32];
    fprintf(out, "method,iteration,f,grad_norm,step");
    for (int k = 0; k < HD_KIND_COUNT; k++) fprintf(out, ",%s", counter_name(k, b));
    fprintf(out, ",tape_sweeps,passes,hv_products,jacobian_evals,residual_evals");
    if (n <= KEEP_X_MAX)
        for (size_t k = 0; k < n; k++) fprintf(out, ",%s", names[k]);
    fputc('\n', out);
    for (size_t i = 0; i < nruns; i++) {
        const run *r = &runs[i];
        for (size_t j = 0; j < r->nrec; j++) {
            const record *q = &r->rec[j];
            fprintf(out, "%s,%d,%.17g,%.17g,%.17g", short_name(r->method), q->iteration, q->f, q->grad_norm,
                    q->step);
            for (int k = 0; k < HD_KIND_COUNT; k++) fprintf(out, ",%ld", q->counts.calls[k]);
            fprintf(out, ",%ld,%ld,%ld,%ld,%ld", q->counts.tape_sweeps, hd_counts_passes(&q->counts),
                    q->hv_products, q->jacobian_evals, q->residual_evals);
            if (r->keep_x)
                for (size_t k = 0; k < n; k++) fprintf(out, ",%.17g", r->rec_x[j * n + k]);
            fputc('\n', out);
        }
    }
    return cli_close_output(out, "the trace file", path);
}

static int make_plot(const char *path, const hd_objective *obj, const run *runs, size_t nruns, char **names,
                     size_t n, const char *title)
{
    cli_plot_series *series = calloc(nruns, sizeof *series);
    if (!series) {
        cli_error("out of memory");
        return CLI_USAGE;
    }
    for (size_t i = 0; i < nruns; i++) {
        series[i].label = hd_method_name(runs[i].method);
        series[i].count = runs[i].nrec;
        series[i].f = malloc((runs[i].nrec + 1) * sizeof *series[i].f);
        series[i].iteration = malloc((runs[i].nrec + 1) * sizeof *series[i].iteration);
        series[i].xy = n == 2 ? runs[i].rec_x : NULL;
        if (!series[i].f || !series[i].iteration) {
            series[i].count = 0;
            continue;
        }
        for (size_t j = 0; j < runs[i].nrec; j++) {
            series[i].f[j] = runs[i].rec[j].f;
            series[i].iteration[j] = runs[i].rec[j].iteration;
        }
    }
    cli_plot_request req = {path, title, series, nruns, n == 2 ? obj : NULL, n == 2 ? names : NULL};
    const int status = cli_plot(&req);
    for (size_t i = 0; i < nruns; i++) {
        free(series[i].f);
        free(series[i].iteration);
    }
    free(series);
    return status;
}

typedef struct {
    const char *expr_arg, *from, *at, *problem, *methods, *trace, *plot, *n_arg, *max_iter_arg, *gtol_arg, *lr_arg;
    long n, max_iter;
    double gtol, lr;
    int have_lr, json;
} args;

static int parse_args(int argc, char **argv, args *a)
{
    const cli_opt opts[] = {
        {"from", &a->from, NULL},       {"at", &a->at, NULL},         {"problem", &a->problem, NULL},
        {"method", &a->methods, NULL},  {"trace", &a->trace, NULL},   {"plot", &a->plot, NULL},
        {"n", &a->n_arg, NULL},         {"max-iter", &a->max_iter_arg, NULL},
        {"gtol", &a->gtol_arg, NULL},   {"lr", &a->lr_arg, NULL},     {"json", NULL, &a->json},
    };
    const int parsed =
        cli_parse_args(argc, argv, "minimize", full_usage(), opts, sizeof opts / sizeof opts[0], &a->expr_arg);
    if (parsed != CLI_OK) return parsed;
    if (a->from && a->at) {
        cli_error("--from and --at both given (they are the same option)");
        return CLI_USAGE;
    }
    if (!a->from) a->from = a->at;
    if (a->n_arg && !cli_parse_count(a->n_arg, MAX_N, &a->n)) {
        cli_error("--n needs a whole number from 1 to %ld, not '%s'", MAX_N, a->n_arg);
        return CLI_USAGE;
    }
    if (a->max_iter_arg && !cli_parse_count(a->max_iter_arg, 100000000, &a->max_iter)) {
        cli_error("--max-iter needs a whole number from 1 to 100000000, not '%s'", a->max_iter_arg);
        return CLI_USAGE;
    }
    if (a->gtol_arg && !cli_parse_positive("--gtol", a->gtol_arg, &a->gtol)) return CLI_USAGE;
    if (a->lr_arg) {
        if (!cli_parse_positive("--lr", a->lr_arg, &a->lr)) return CLI_USAGE;
        a->have_lr = 1;
    }
    if (!a->expr_arg == !a->problem) {
        cli_error(a->problem ? "give either an expression or --problem, not both"
                             : "minimize needs an expression or --problem NAME (see hyperdual minimize --help)");
        return CLI_USAGE;
    }
    if (a->expr_arg && !a->from) {
        cli_error("minimize needs a start point: --from NAME=VALUE,...");
        return CLI_USAGE;
    }
    if (a->n && !a->problem) {
        cli_error("--n is for --problem; an expression's dimension is its number of variables");
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* --from for a built-in problem, whose variables are x1..xn (pt holds them
 * at the standard start): n values in order ("0,0"), or NAME=VALUE items for
 * some of them ("x2=0"), the others keeping the standard start. A list with
 * an '=' is the second form. CLI_OK, or CLI_USAGE with the error printed. */
static int problem_start(const char *arg, const hd_problem *prob, cli_point *pt)
{
    const size_t len = strlen(arg);
    if (!strchr(arg, '=')) {
        size_t count = 1;
        for (const char *c = arg; *c; c++) count += *c == ',';
        if (count != pt->n) {
            cli_error("--from gives %zu value%s; problem '%s' has n = %zu (give n values, or NAME=VALUE for "
                      "some of x1..x%zu)", count, count == 1 ? "" : "s", prob->name, pt->n, pt->n);
            return CLI_USAGE;
        }
        for (size_t k = 0; k < count; k++) {
            const size_t at = cli_item_column(arg, k) - 1;
            const size_t item_len = strcspn(arg + at, ",");
            char value[64];
            snprintf(value, sizeof value, "%.*s", (int)(item_len < 63 ? item_len : 63), arg + at);
            if (item_len >= 63 || !cli_parse_double(value, &pt->values[k])) {
                cli_error_at(arg, len, at + 1, "malformed value for x%zu in --from", k + 1);
                return CLI_USAGE;
            }
        }
        return CLI_OK;
    }
    cli_point given;
    if (cli_parse_point("--from", arg, &given) != CLI_OK) return CLI_USAGE;
    int status = CLI_OK;
    for (size_t i = 0; i < given.n && status == CLI_OK; i++) {
        size_t k = 0;
        while (k < pt->n && strcmp(given.names[i], pt->names[k]) != 0) k++;
        if (k < pt->n) {
            pt->values[k] = given.values[i];
        } else {
            cli_error_at(arg, len, cli_item_column(arg, i), "'%.40s' is not a variable of problem '%s' (x1..x%zu)",
                         given.names[i], prob->name, pt->n);
            status = CLI_USAGE;
        }
    }
    cli_point_free(&given);
    return status;
}

/* ---- memory: --n as large as memory allows ---------------------------------------- */

/* The tool's own bytes for n variables and nmethods runs: the names x1..xn
 * (a pointer and a small string each), the start and each run's result. */
static size_t cli_bytes_for(size_t n, size_t nmethods)
{
    const size_t per = sizeof(char *) + 32 + sizeof(double) * (1 + nmethods);
    return n > SIZE_MAX / per ? SIZE_MAX : n * per;
}

/* Before allocating the point: the tool's arrays fit. CLI_OK or CLI_USAGE. */
static int check_point_memory(size_t n, size_t nmethods)
{
    const size_t need = cli_bytes_for(n, nmethods), avail = cli_memory_available();
    if (need <= avail) return CLI_OK;
    char b1[32], b2[32];
    cli_error("--n %zu needs %s for the point and the results alone, and %s of memory are available", n,
              cli_bytes(b1, need), cli_bytes(b2, avail));
    return CLI_USAGE;
}

/* Methods that hold n x n matrices also factor them at every step (or at
 * the end), O(n³) work: beyond this n (the tool's limit before the
 * matrix-free methods existed) a run would take hours, so they are refused
 * there whatever the memory. */
#define DENSE_MAX_N 2000

/* Whether method m fits: its arrays (hd_minimize_memory), the recorded
 * evaluation of the taped path (tape bytes) and the tool's own in the memory
 * available, and n x n arrays only up to DENSE_MAX_N. *bytes: what it needs
 * in all (SIZE_MAX when that does not fit a size_t). */
static int method_fits(const setup *s, hd_method m, size_t nmethods, size_t tape, size_t avail, size_t *bytes)
{
    hd_options opt;
    method_options(s, m, &opt);
    *bytes = SIZE_MAX;
    if (!objective_for(s, m)) return 0; /* no residuals here: it cannot run */
    const size_t c = cli_bytes_for(s->n, nmethods), own = c <= SIZE_MAX - tape ? c + tape : SIZE_MAX;
    size_t b = SIZE_MAX;
    if (hd_minimize_memory(objective_for(s, m), s->x0, &opt, &b) != HD_OK) b = SIZE_MAX;
    *bytes = b <= SIZE_MAX - own ? b + own : SIZE_MAX;
    const int dense = s->n > DENSE_MAX_N && b / sizeof(double) / s->n >= s->n;
    return *bytes <= avail && !dense;
}

/* Every chosen method fits (method_fits) before any run starts: a run that
 * could not allocate would end with an error after the others had taken
 * their time, and one that allocated more than the machine has would be
 * killed. The error names the methods that would fit. CLI_OK or CLI_USAGE. */
static int check_run_memory(const setup *s, const hd_method *methods, size_t nmethods)
{
    const size_t avail = cli_memory_available();
    size_t tape = 0;
    char b1[32], b2[32];
    if (hd_tape_memory(s->obj, s->x0, avail, &tape) != HD_OK) {
        cli_error("n = %zu is too large: one recorded evaluation (the taped path of every gradient) needs "
                  "more than the %s of memory available", s->n, cli_bytes(b1, avail));
        return CLI_USAGE;
    }
    for (size_t i = 0; i < nmethods; i++) {
        size_t bytes;
        if (method_fits(s, methods[i], nmethods, tape, avail, &bytes)) continue;
        char fits[256] = "";
        for (size_t k = 0; k < method_count(); k++) {
            size_t b;
            if (method_fits(s, method_at(k), nmethods, tape, avail, &b))
                snprintf(fits + strlen(fits), sizeof fits - strlen(fits), "%s%s", fits[0] ? ", " : "",
                         short_name(method_at(k)));
        }
        /* BFGS holds its inverse-Hessian approximation and never factors it */
        const char *why = methods[i] == HD_BFGS ? "an n x n matrix (its inverse-Hessian approximation, "
                                                  "O(n^2) work per step)"
                                                : "n x n matrices (and factors them, O(n^3) work)";
        if (bytes <= avail)
            cli_error("n = %zu is too large for %s: it holds %s, which this tool allows up to n = %d (%s%s)", s->n,
                      short_name(methods[i]), why, DENSE_MAX_N, fits[0] ? "methods that fit: " : "no method fits",
                      fits);
        else
            cli_error("n = %zu is too large for %s: it needs %s of memory (its arrays and one recorded "
                      "evaluation), and %s are available (%s%s)", s->n, short_name(methods[i]),
                      cli_bytes(b1, bytes), cli_bytes(b2, avail), fits[0] ? "methods that fit: " : "no method fits",
                      fits);
        return CLI_USAGE;
    }
    return CLI_OK;
}

static int has_method(const hd_method *methods, size_t count, hd_method m)
{
    for (size_t i = 0; i < count; i++)
        if (methods[i] == m) return 1;
    return 0;
}

int cli_minimize(int argc, char **argv)
{
    args a;
    memset(&a, 0, sizeof a);
    const int parsed = parse_args(argc, argv, &a);
    if (parsed != CLI_OK) return parsed < 0 ? CLI_OK : parsed;

    hd_method methods[MAX_METHODS];
    size_t nmethods = 1;
    int every_method = 0;
    methods[0] = HD_NEWTON;
    if (a.methods && !parse_methods(a.methods, methods, &nmethods, &every_method)) return CLI_USAGE;
    /* an option no chosen method reads is refused, not silently ignored */
    if (a.have_lr && !has_method(methods, nmethods, HD_GRADIENT_DESCENT)) {
        cli_error("--lr is gradient descent's step, and gd is not among the methods (%s); add it: --method gd,...",
                  a.methods ? a.methods : "newton by default");
        return CLI_USAGE;
    }

    cli_point pt = {0, NULL, NULL};
    cli_text t = {NULL, 0, NULL};
    hd_expr *e = NULL;
    hd_objective obj;
    const hd_problem *prob = NULL;
    char title[200];
    int status = CLI_USAGE;
    if (a.problem) {
        prob = hd_problem_find(a.problem);
        if (!prob) {
            cli_error("unknown problem '%s' (see hyperdual problems)", a.problem);
            return CLI_USAGE;
        }
        const size_t n = a.n ? (size_t)a.n : prob->n;
        if (a.n && (!prob->variable_n || !prob->n_ok || !prob->n_ok(n))) {
            cli_error("problem '%s' does not allow n = %zu", prob->name, n);
            return CLI_USAGE;
        }
        if (check_point_memory(n, nmethods) != CLI_OK) return CLI_USAGE;
        obj = prob->objective(n);
        pt.n = n;
        pt.names = calloc(n, sizeof *pt.names);
        pt.values = malloc(n * sizeof *pt.values);
        for (size_t i = 0; pt.names && pt.values && i < n; i++) {
            pt.names[i] = malloc(24);
            if (pt.names[i]) snprintf(pt.names[i], 24, "x%zu", i + 1);
            else pt.n = i; /* free what exists; reported below */
        }
        if (!pt.names || !pt.values || pt.n != n) {
            cli_error("out of memory");
            cli_point_free(&pt);
            return CLI_USAGE;
        }
        prob->start(n, pt.values);
        if (a.from && problem_start(a.from, prob, &pt) != CLI_OK) {
            cli_point_free(&pt);
            return CLI_USAGE;
        }
        snprintf(title, sizeof title, "%s, n = %zu", prob->title, n);
    } else {
        if (cli_load("--from", a.from, a.expr_arg, &pt, &t, &e) != CLI_OK) return CLI_USAGE;
        obj = hd_expr_objective(e);
        snprintf(title, sizeof title, "%.*s%s", t.len > 120 ? 120 : (int)t.len, t.text, t.len > 120 ? "..." : "");
    }

    /* Gauss-Newton and Levenberg-Marquardt run on the residuals of a sum of
     * squares: named without them, an error; in 'all', skipped and said so. */
    hd_vector_objective residuals;
    hd_objective lsq;
    const int have_residuals = prob && prob->residuals &&
                               (residuals = prob->residuals(pt.n), hd_sum_of_squares(&residuals, &lsq) == HD_OK);
    char skipped[64] = "";
    size_t kept = 0;
    for (size_t i = 0; i < nmethods; i++) {
        if (have_residuals || !hd_method_needs_residuals(methods[i])) {
            methods[kept++] = methods[i];
            continue;
        }
        if (!every_method) {
            if (prob)
                cli_error("method '%s' needs residuals, and problem '%s' is not a sum of squares (hyperdual "
                          "problems: m = 0)", short_name(methods[i]), prob->name);
            else
                cli_error("method '%s' needs residuals, and an expression is a scalar: use --problem NAME for a "
                          "built-in sum of squares, or hyperdual fit for a model and data", short_name(methods[i]));
            cli_unload(&pt, &t, e);
            return CLI_USAGE;
        }
        snprintf(skipped + strlen(skipped), sizeof skipped - strlen(skipped), "%s%s", skipped[0] ? "," : "",
                 short_name(methods[i]));
    }
    nmethods = kept;

    /* every method fits in memory and every file is known to be writable
     * before the work starts */
    const setup s = {&obj, have_residuals ? &lsq : NULL, pt.values, pt.n, a.max_iter, a.gtol, a.lr, a.have_lr};
    FILE *trace = NULL;
    if (check_run_memory(&s, methods, nmethods) != CLI_OK || (a.plot && cli_plot_check(a.plot) != CLI_OK) ||
        (a.trace && !(trace = open_trace(a.trace)))) {
        cli_unload(&pt, &t, e);
        return CLI_USAGE;
    }

    run runs[MAX_METHODS];
    memset(runs, 0, sizeof runs);
    int all_converged = 1, failed = 0;
    for (size_t i = 0; i < nmethods; i++) {
        runs[i].method = methods[i];
        runs[i].x = malloc(pt.n * sizeof *runs[i].x);
        if (!runs[i].x) {
            failed = 1;
            break;
        }
        run_method(&s, &runs[i]);
        all_converged &= converged(&runs[i]);
    }
    if (failed) {
        cli_error("out of memory");
        if (trace) fclose(trace);
    } else {
        /* the files first: if one fails, the error is all that is printed */
        status = all_converged ? CLI_OK : CLI_NOT_CONVERGED;
        if (trace && write_trace(trace, a.trace, runs, nmethods, pt.names, pt.n) != CLI_OK) status = CLI_USAGE;
        if (status != CLI_USAGE && a.plot &&
            make_plot(a.plot, &obj, runs, nmethods, pt.names, pt.n, title) != CLI_OK)
            status = CLI_USAGE;
        if (status == CLI_USAGE) {
            /* nothing on stdout */
        } else if (a.json) {
            print_json(e ? &t : NULL, prob ? prob->name : NULL, runs, nmethods, pt.names, pt.values, pt.n, skipped);
        } else {
            char b[32];
            printf("minimize %s from (", title);
            for (size_t k = 0; k < pt.n && k < KEEP_X_MAX; k++)
                printf("%s%s", k ? ", " : "", cli_fmt(b, pt.values[k]));
            printf("%s)", pt.n > KEEP_X_MAX ? ", ..." : "");
            if (prob && !isnan(prob->f_star)) printf(", known minimum f* = %s", cli_fmt(b, prob->f_star));
            printf("\n\n");
            print_table(runs, nmethods, pt.names, pt.n);
            if (skipped[0]) {
                putchar('\n');
                for (const char *k = skipped; *k; k++)
                    if (*k == ',') fputs(", ", stdout);
                    else putchar(*k);
                printf(" skipped: %s need residuals, and %s is not a sum of squares with them\n",
                       strchr(skipped, ',') ? "they" : "it", prob ? "this problem" : "an expression");
            }
        }
    }
    for (size_t i = 0; i < nmethods; i++) {
        free(runs[i].x);
        free(runs[i].rec);
        free(runs[i].rec_x);
    }
    cli_unload(&pt, &t, e);
    return status;
}
