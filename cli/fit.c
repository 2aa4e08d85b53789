/* hyperdual fit: a least-squares fit of a model EXPR to the rows of a CSV
 * file. The names of EXPR in --from are the parameters, the others columns
 * of the file; the residuals r_i = EXPR(θ, row i) - y_i (hd_data_residuals)
 * are minimized by Levenberg-Marquardt, and the standard errors come from
 * hd_fit_statistics. Bad data is bad input: exit 2 and
 * "hyperdual: error: FILE:LINE:COLUMN: what" on stderr, nothing on stdout. */
#include <config.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "plot.h"

static const char usage[] =
    "usage: hyperdual fit EXPR --data FILE.csv --from NAME=VALUE,... [options]\n"
    "\n"
    "Fit a model to data by least squares: minimize the sum over the rows of\n"
    "(EXPR - y)^2 with Levenberg-Marquardt and exact derivatives, and report the\n"
    "parameters with their standard errors sqrt(diag(s^2 (J^T J)^-1)),\n"
    "s^2 = RSS / (rows - parameters). EXPR '-' reads standard input.\n"
    "\n"
    "  --data FILE.csv     the data: a header line naming the columns, then one\n"
    "                      row of numbers per line (blank lines are skipped);\n"
    "                      '-' reads standard input\n"
    "  --from NAME=VALUE,... the parameters and their start values; every other\n"
    "                      name of EXPR is a column of FILE\n"
    "  --y NAME            the column of observed values (default: the last one);\n"
    "                      EXPR may not use it\n"
    "  --max-iter N        iteration limit (default 1000)\n"
    "  --json              the result as one JSON object\n"
    "  --plot FILE.png|.svg  the data and the fitted curve (a model of one\n"
    "                      column); needs gnuplot\n"
    "\n"
    "Exit status: 0 if the fit converged, 1 if not, 2 bad input (bad data\n"
    "included: FILE:LINE:COLUMN names the place).\n"
    "Example: hyperdual fit 'a*exp(-k*t) + c' --data decay.csv --from a=1,k=1,c=0\n";

/* Largest data file read (bytes). */
#define MAX_DATA_BYTES ((size_t)1 << 28)
/* Points of the fitted curve in --plot. */
#define CURVE_POINTS 400

typedef struct {
    const char *path;
    char *text;              /* the file, NUL-terminated */
    size_t ncols;
    char **names;            /* the header's column names */
    size_t *name_column;     /* their character columns, for messages */
    size_t rows;             /* data rows read */
    size_t last_line;        /* the file's last line number */
} table;

static void table_free(table *t)
{
    for (size_t j = 0; t->names && j < t->ncols; j++) free(t->names[j]);
    free(t->names);
    free(t->name_column);
    free(t->text);
}

/* "FILE:LINE:COLUMN: what" */
#define DATA_ERROR(t, line, col, ...)                                                              \
    do {                                                                                           \
        char what_[512];                                                                           \
        snprintf(what_, sizeof what_, __VA_ARGS__);                                                \
        cli_error("%s:%zu:%zu: %s", (t)->path, (size_t)(line), (size_t)(col), what_);              \
    } while (0)

static int blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* The next line of *p (without its newline; a trailing '\r' stays, blanks
 * strip it); NULL at the end. */
static char *next_line(char **p)
{
    if (!**p) return NULL;
    char *line = *p, *nl = strchr(line, '\n');
    if (nl) {
        *nl = '\0';
        *p = nl + 1;
    } else {
        *p = line + strlen(line);
    }
    return line;
}

static int is_blank_line(const char *s)
{
    while (blank(*s)) s++;
    return !*s;
}

/* The cells of a line: start offset (from the line) and length, blanks
 * around them dropped; *count cells. NULL on out of memory. */
typedef struct {
    size_t at, len;
} span;

static span *split(const char *line, size_t *count)
{
    size_t n = 1;
    for (const char *c = line; *c; c++) n += *c == ',';
    span *cells = malloc(n * sizeof *cells);
    if (!cells) return NULL;
    size_t k = 0, i = 0;
    for (;;) {
        size_t a = i;
        while (line[i] && line[i] != ',') i++;
        size_t b = i;
        while (a < b && blank(line[a])) a++;
        while (b > a && blank(line[b - 1])) b--;
        cells[k].at = a;
        cells[k].len = b - a;
        k++;
        if (!line[i]) break;
        i++;
    }
    *count = k;
    return cells;
}

static int read_file(table *t)
{
    const int from_stdin = strcmp(t->path, "<stdin>") == 0;
    FILE *f = from_stdin ? stdin : fopen(t->path, "rb");
    if (!f) {
        cli_error("cannot read the data file '%s': %s", t->path, strerror(errno));
        return CLI_USAGE;
    }
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap + 1);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            if (cap >= MAX_DATA_BYTES) {
                free(buf);
                if (!from_stdin) fclose(f);
                cli_error("the data file '%s' is larger than %zu MiB", t->path, MAX_DATA_BYTES >> 20);
                return CLI_USAGE;
            }
            char *grown = realloc(buf, 2 * cap + 1);
            if (!grown) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = grown;
            cap *= 2;
        }
    }
    const int no_memory = !buf, failed = no_memory || ferror(f);
    if (!from_stdin) fclose(f);
    if (failed) {
        free(buf);
        cli_error(no_memory ? "out of memory reading '%s'" : "cannot read the data file '%s'", t->path);
        return CLI_USAGE;
    }
    buf[n] = '\0';
    if (memchr(buf, '\0', n)) {
        /* a NUL byte would end the text early: say where */
        const char *z = memchr(buf, '\0', n);
        size_t line = 1, col = 1;
        for (const char *c = buf; c < z; c++) col = *c == '\n' ? (line++, 1) : col + 1;
        free(buf);
        DATA_ERROR(t, line, col, "a NUL byte: not a text file");
        return CLI_USAGE;
    }
    t->text = buf;
    return CLI_OK;
}

/* The header: every column named, each once. */
static int read_header(table *t, char *line)
{
    size_t count;
    span *cells = split(line, &count);
    t->names = cells ? calloc(count, sizeof *t->names) : NULL;
    t->name_column = cells ? calloc(count, sizeof *t->name_column) : NULL;
    if (!cells || !t->names || !t->name_column) {
        free(cells);
        cli_error("out of memory");
        return CLI_USAGE;
    }
    t->ncols = count;
    for (size_t j = 0; j < count; j++) {
        t->name_column[j] = cells[j].at + 1;
        if (!cells[j].len) {
            DATA_ERROR(t, 1, cells[j].at + 1, "column %zu of the header has no name", j + 1);
            free(cells);
            return CLI_USAGE;
        }
        t->names[j] = malloc(cells[j].len + 1);
        if (!t->names[j]) {
            free(cells);
            cli_error("out of memory");
            return CLI_USAGE;
        }
        memcpy(t->names[j], line + cells[j].at, cells[j].len);
        t->names[j][cells[j].len] = '\0';
        for (size_t i = 0; i < j; i++)
            if (strcmp(t->names[i], t->names[j]) == 0) {
                DATA_ERROR(t, 1, cells[j].at + 1, "column '%.40s' is named twice in the header", t->names[j]);
                free(cells);
                return CLI_USAGE;
            }
    }
    free(cells);
    return CLI_OK;
}

static long column_of(const table *t, const char *name)
{
    for (size_t j = 0; j < t->ncols; j++)
        if (strcmp(t->names[j], name) == 0) return (long)j;
    return -1;
}

/* "t, y, w" (at most a few hundred characters) */
static const char *column_list(const table *t)
{
    static char buf[300];
    buf[0] = '\0';
    for (size_t j = 0; j < t->ncols && strlen(buf) < sizeof buf - 60; j++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%.40s", j ? ", " : "", t->names[j]);
    return buf;
}

/* A cell of a needed column: a finite number. */
static int read_cell(const table *t, size_t line_no, const char *line, span cell, const char *column,
                     double *out)
{
    char buf[128];
    const size_t col = cell.at + 1;
    if (!cell.len) {
        DATA_ERROR(t, line_no, col, "empty cell in column '%.40s'", column);
        return 0;
    }
    snprintf(buf, sizeof buf, "%.*s", (int)(cell.len < 127 ? cell.len : 127), line + cell.at);
    double v;
    if (cell.len >= 127 || !cli_parse_double(buf, &v)) {
        DATA_ERROR(t, line_no, col, "'%.40s' in column '%.40s' is not a number", buf, column);
        return 0;
    }
    if (!isfinite(v)) {
        DATA_ERROR(t, line_no, col, "'%.40s' in column '%.40s' is not a finite number", buf, column);
        return 0;
    }
    *out = v;
    return 1;
}

/* The data rows: data (rows × k, the columns cols[0..k-1]) and y (column
 * ycol). Every row has exactly the header's cells; the cells of the needed
 * columns are finite numbers. */
static int read_rows(table *t, char *rest, const size_t *cols, size_t k, size_t ycol, double **data,
                     double **y)
{
    size_t cap = 64, rows = 0, line_no = 1;
    double *d = malloc(cap * (k ? k : 1) * sizeof *d), *yy = malloc(cap * sizeof *yy);
    char *line;
    int status = CLI_OK;
    while (status == CLI_OK && (line = next_line(&rest)) != NULL) {
        line_no++;
        if (is_blank_line(line)) continue;
        if (!d || !yy) break;
        if (rows == cap) {
            cap *= 2;
            double *d2 = realloc(d, cap * (k ? k : 1) * sizeof *d2);
            if (d2) d = d2;
            double *y2 = realloc(yy, cap * sizeof *y2);
            if (y2) yy = y2;
            if (!d2 || !y2) {
                status = -1;
                break;
            }
        }
        size_t count;
        span *cells = split(line, &count);
        if (!cells) {
            status = -1;
            break;
        }
        if (count != t->ncols) {
            const size_t col = count < t->ncols ? strlen(line) + 1 : cells[t->ncols].at + 1;
            DATA_ERROR(t, line_no, col, "%s cell: the row has %zu cell%s and the header names %zu column%s (%s)",
                       count < t->ncols ? "missing" : "extra", count, count == 1 ? "" : "s", t->ncols,
                       t->ncols == 1 ? "" : "s", column_list(t));
            status = CLI_USAGE;
        }
        for (size_t j = 0; status == CLI_OK && j < k; j++)
            if (!read_cell(t, line_no, line, cells[cols[j]], t->names[cols[j]], &d[rows * k + j]))
                status = CLI_USAGE;
        if (status == CLI_OK && !read_cell(t, line_no, line, cells[ycol], t->names[ycol], &yy[rows]))
            status = CLI_USAGE;
        free(cells);
        rows += status == CLI_OK;
    }
    t->last_line = line_no;
    t->rows = rows;
    if (status == -1 || !d || !yy) {
        cli_error("out of memory");
        status = CLI_USAGE;
    }
    if (status != CLI_OK) {
        free(d);
        free(yy);
        return status;
    }
    *data = d;
    *y = yy;
    return CLI_OK;
}

typedef struct {
    const char *expr_arg, *data, *from, *y, *max_iter_arg, *plot;
    int json;
    long max_iter;
} args;

/* What the fit needs: the model and its variables, the data. */
typedef struct {
    cli_text text;
    cli_point params;        /* --from: the parameters and their start values */
    hd_expr *expr;           /* over the parameters, then the columns it uses */
    size_t k;                /* columns the model uses */
    size_t *cols;            /* their indices in the table */
    size_t ycol;
    table t;
    double *data, *y;
} problem;

static void problem_free(problem *pb)
{
    hd_expr_free(pb->expr);
    free(pb->cols);
    free(pb->text.owned);
    cli_point_free(&pb->params);
    table_free(&pb->t);
    free(pb->data);
    free(pb->y);
}

/* The name at column col (1-based) of the text, for messages. */
static const char *name_at(const cli_text *t, size_t col, char buf[48])
{
    size_t i = col ? col - 1 : 0, n = 0;
    while (i + n < t->len && n < 40 &&
           ((t->text[i + n] >= 'A' && t->text[i + n] <= 'Z') || (t->text[i + n] >= 'a' && t->text[i + n] <= 'z') ||
            t->text[i + n] == '_' || (n && t->text[i + n] >= '0' && t->text[i + n] <= '9')))
        n++;
    snprintf(buf, 48, "%.*s", (int)n, t->text + i);
    return buf;
}

/* Parameters first, then the columns EXPR uses, in order of appearance: the
 * names EXPR has (a first parse without a list) decide which columns. */
static int load_model(problem *pb)
{
    const cli_text *tx = &pb->text;
    hd_expr_error err;
    hd_expr *all = NULL;
    if (hd_expr_parse(tx->text, tx->len, NULL, 0, &all, &err) != HD_OK) {
        cli_error_at(tx->text, tx->len, err.column, "%s", err.message);
        return CLI_USAGE;
    }
    const size_t nnames = hd_expr_num_vars(all), p = pb->params.n;
    const char **vars = malloc((p + nnames + 1) * sizeof *vars);
    pb->cols = malloc((nnames + 1) * sizeof *pb->cols);
    if (!vars || !pb->cols) {
        hd_expr_free(all);
        free(vars);
        cli_error("out of memory");
        return CLI_USAGE;
    }
    for (size_t i = 0; i < p; i++) vars[i] = pb->params.names[i];
    pb->k = 0;
    for (size_t i = 0; i < nnames; i++) {
        const char *name = hd_expr_var_name(all, i);
        int is_param = 0;
        for (size_t j = 0; j < p; j++) is_param |= strcmp(name, pb->params.names[j]) == 0;
        const long col = is_param ? -1 : column_of(&pb->t, name);
        if (col >= 0 && (size_t)col == pb->ycol) {
            /* y from y: RSS 0 and standard errors 0, a fit of nothing */
            cli_error("EXPR uses the observed column '%.40s', which the model is fitted to: leave it out of EXPR, "
                      "or name another column with --y", name);
            hd_expr_free(all);
            free(vars);
            return CLI_USAGE;
        }
        if (col >= 0) {
            pb->cols[pb->k] = (size_t)col;
            vars[p + pb->k++] = pb->t.names[col];
        }
    }
    int status = CLI_OK;
    if (hd_expr_parse(tx->text, tx->len, vars, p + pb->k, &pb->expr, &err) != HD_OK) {
        /* the first parse succeeded: only a name can be missing now */
        char nb[48];
        DATA_ERROR(&pb->t, 1, 1, "no column '%s' in the header (EXPR names it, and --from does not): the columns "
                   "are %s", name_at(tx, err.column, nb), column_list(&pb->t));
        status = CLI_USAGE;
    }
    for (size_t j = 0; status == CLI_OK && j < p; j++)
        if (!hd_expr_uses_var(pb->expr, j)) {
            cli_error("parameter '%.40s' of --from does not appear in EXPR: the data cannot determine it",
                      pb->params.names[j]);
            status = CLI_USAGE;
        }
    hd_expr_free(all);
    free(vars);
    return status;
}

static int load(const args *a, problem *pb)
{
    memset(pb, 0, sizeof *pb);
    pb->t.path = strcmp(a->data, "-") == 0 ? "<stdin>" : a->data;
    if (cli_parse_point("--from", a->from, &pb->params) != CLI_OK) return CLI_USAGE;
    if (cli_read_text(a->expr_arg, &pb->text) != CLI_OK) return CLI_USAGE;
    if (read_file(&pb->t) != CLI_OK) return CLI_USAGE;
    int empty = 1;
    for (const char *c = pb->t.text; *c && empty; c++) empty = blank(*c) || *c == '\n';
    if (empty) {
        DATA_ERROR(&pb->t, 1, 1, "empty file: the first line must name the columns");
        return CLI_USAGE;
    }
    char *rest = pb->t.text, *header = next_line(&rest);
    if (is_blank_line(header)) {
        DATA_ERROR(&pb->t, 1, 1, "the first line must name the columns, and it is blank");
        return CLI_USAGE;
    }
    if (read_header(&pb->t, header) != CLI_OK) return CLI_USAGE;
    const long ycol = a->y ? column_of(&pb->t, a->y) : (long)pb->t.ncols - 1;
    if (ycol < 0) {
        DATA_ERROR(&pb->t, 1, 1, "no column '%.40s' (--y) in the header: the columns are %s", a->y,
                   column_list(&pb->t));
        return CLI_USAGE;
    }
    pb->ycol = (size_t)ycol;
    if (load_model(pb) != CLI_OK) return CLI_USAGE;
    if (read_rows(&pb->t, rest, pb->cols, pb->k, pb->ycol, &pb->data, &pb->y) != CLI_OK) return CLI_USAGE;
    const size_t p = pb->params.n;
    if (pb->t.rows == 0) {
        DATA_ERROR(&pb->t, pb->t.last_line + 1, 1, "no data rows after the header");
        return CLI_USAGE;
    }
    if (pb->t.rows <= p) {
        DATA_ERROR(&pb->t, pb->t.last_line + 1, 1,
                   "%zu data row%s for %zu parameters: a fit needs more rows than parameters (the standard "
                   "errors divide by rows - parameters)", pb->t.rows, pb->t.rows == 1 ? "" : "s", p);
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* The result of the fit. */
typedef struct {
    int rc, stats_rc;
    hd_result res;
    hd_fit_stats st;
    double *x, *cov, *se;
    int *ident;
    double seconds;
} outcome;

static int fit(const args *a, const problem *pb, const hd_objective *model, outcome *out)
{
    const size_t p = pb->params.n;
    const hd_data_model dm = {.model = model, .p = p, .k = pb->k, .m = pb->t.rows, .data = pb->data, .y = pb->y};
    hd_vector_objective F;
    hd_objective obj;
    if (hd_data_residuals(&dm, &F) != HD_OK || hd_sum_of_squares(&F, &obj) != HD_OK) {
        cli_error("cannot set up the fit (an internal error)");
        return CLI_USAGE;
    }
    memcpy(out->x, pb->params.values, p * sizeof *out->x);
    hd_options opt;
    hd_options_default(&opt, HD_LEVENBERG_MARQUARDT);
    if (a->max_iter) opt.max_iter = (int)a->max_iter;
    const double t0 = cli_now();
    out->rc = hd_minimize(&obj, out->x, &opt, &out->res);
    out->seconds = cli_now() - t0;
    if (out->rc != HD_OK) {
        cli_error("the fit failed: %s", hd_strerror(out->rc));
        return CLI_USAGE;
    }
    out->stats_rc = hd_fit_statistics(&F, out->x, &out->st, out->cov, out->se, out->ident);
    if (out->stats_rc == HD_ESINGULAR) {
        char list[400] = "";
        size_t bad = 0;
        for (size_t j = 0; j < p; j++)
            if (!out->ident[j] && strlen(list) < sizeof list - 60) {
                snprintf(list + strlen(list), sizeof list - strlen(list), "%s%.40s", bad ? ", " : "",
                         pb->params.names[j]);
                bad++;
            }
        cli_error("%s %s %s not identifiable from this data: at the fit's point the Jacobian's columns are "
                  "linearly dependent (J^T J is singular, rank %zu of %zu), so there are no standard errors; fix or "
                  "drop %s", bad == 1 ? "parameter" : "parameters", list, bad == 1 ? "is" : "are", out->st.rank, p,
                  bad == 1 ? "it" : "them");
        return CLI_USAGE;
    }
    if (out->stats_rc != HD_OK) {
        cli_error("no standard errors at the fit's point: %s (status: %s)", hd_strerror(out->stats_rc),
                  hd_status_str(out->res.status));
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* hd_status_str's text up to its ':' */
static void status_label(int status, char *buf, size_t cap)
{
    const char *s = hd_status_str(status);
    const size_t len = strcspn(s, ":");
    snprintf(buf, cap, "%.*s", (int)(len < cap - 1 ? len : cap - 1), s);
}

static void print_json(const problem *pb, const outcome *o)
{
    const size_t p = pb->params.n;
    char b[80];
    printf("{\"expression\": ");
    cli_json_string(stdout, pb->text.text, pb->text.len);
    printf(", \"data\": ");
    cli_json_string(stdout, pb->t.path, strlen(pb->t.path));
    printf(", \"y\": ");
    cli_json_string(stdout, pb->t.names[pb->ycol], strlen(pb->t.names[pb->ycol]));
    printf(", \"columns\": [");
    for (size_t j = 0; j < pb->k; j++) {
        printf("%s", j ? ", " : "");
        cli_json_string(stdout, pb->t.names[pb->cols[j]], strlen(pb->t.names[pb->cols[j]]));
    }
    printf("], \"rows\": %zu, \"method\": \"%s\"", pb->t.rows, hd_method_key(HD_LEVENBERG_MARQUARDT));
    const struct {
        const char *key;
        const double *v;
    } objects[] = {{"start", pb->params.values}, {"parameters", o->x}, {"standard_errors", o->se}};
    for (size_t q = 0; q < sizeof objects / sizeof objects[0]; q++) {
        printf(", \"%s\": {", objects[q].key);
        for (size_t j = 0; j < p; j++) {
            printf("%s", j ? ", " : "");
            cli_json_string(stdout, pb->params.names[j], strlen(pb->params.names[j]));
            printf(": ");
            cli_json_number(stdout, objects[q].v[j]);
        }
        printf("}");
    }
    printf(", \"covariance\": [");
    for (size_t i = 0; i < p; i++) {
        printf("%s", i ? ", " : "");
        cli_json_numbers(stdout, o->cov + i * p, p);
    }
    printf("], \"rss\": ");
    cli_json_number(stdout, o->st.rss);
    printf(", \"dof\": %zu, \"sigma\": ", o->st.dof);
    cli_json_number(stdout, sqrt(o->st.s2));
    status_label(o->res.status, b, sizeof b);
    printf(", \"status\": \"%s\", \"converged\": %s, \"iterations\": %d, \"jacobian_evals\": %ld, "
           "\"residual_evals\": %ld",
           b, o->res.converged ? "true" : "false", o->res.iterations, o->res.jacobian_evals, o->res.residual_evals);
    for (int k = 0; k < HD_KIND_COUNT; k++)
        printf(", \"%s_calls\": %ld", k == HD_KIND_VALUE ? "f" : hd_kind_name((hd_kind)k), o->res.counts.calls[k]);
    printf(", \"tape_sweeps\": %ld, \"passes\": %ld, \"seconds\": ", o->res.tape_sweeps, o->res.passes);
    cli_json_number(stdout, o->seconds);
    printf("}\n");
}

static void print_text(const problem *pb, const outcome *o)
{
    const size_t p = pb->params.n;
    char b1[32], b2[32], label[80];
    printf("fit %.*s%s to column %s of %s: %zu rows, %zu parameters, Levenberg-Marquardt from ",
           pb->text.len > 100 ? 100 : (int)pb->text.len, pb->text.text, pb->text.len > 100 ? "..." : "",
           pb->t.names[pb->ycol], pb->t.path, pb->t.rows, p);
    for (size_t j = 0; j < p; j++)
        printf("%s%s = %s", j ? ", " : "", pb->params.names[j], cli_fmt(b1, pb->params.values[j]));
    printf("\n\n%-12s %-24s %s\n", "parameter", "estimate", "std. error");
    for (size_t j = 0; j < p; j++)
        printf("%-12.40s %-24s %s\n", pb->params.names[j], cli_fmt(b1, o->x[j]), cli_fmt(b2, o->se[j]));
    status_label(o->res.status, label, sizeof label);
    printf("\nRSS %s, %zu degrees of freedom, residual standard error %s\n", cli_fmt(b1, o->st.rss), o->st.dof,
           cli_fmt(b2, sqrt(o->st.s2)));
    printf("status: %s after %d iterations\n", label, o->res.iterations);
    printf("cost: %ld Jacobians, %ld residual vectors, %ld derivative passes, %.3fs\n", o->res.jacobian_evals,
           o->res.residual_evals, o->res.passes, o->seconds);
    if (!o->res.converged) {
        hd_options opt;
        hd_options_default(&opt, HD_LEVENBERG_MARQUARDT);
        printf("\n%s\n", hd_status_advice(o->res.status, &opt));
    }
}

/* The data and the fitted curve over the data's range. */
static int plot(const args *a, const problem *pb, const hd_objective *model, const double *x)
{
    const size_t p = pb->params.n, m = pb->t.rows;
    double *dx = malloc(m * sizeof *dx), *cx = malloc(CURVE_POINTS * sizeof *cx);
    double *cy = malloc(CURVE_POINTS * sizeof *cy), *in = malloc((p + 1) * sizeof *in);
    int status = CLI_USAGE;
    if (dx && cx && cy && in) {
        double lo = INFINITY, hi = -INFINITY;
        for (size_t i = 0; i < m; i++) {
            dx[i] = pb->data[i];
            lo = fmin(lo, dx[i]);
            hi = fmax(hi, dx[i]);
        }
        memcpy(in, x, p * sizeof *in);
        for (size_t i = 0; i < CURVE_POINTS; i++) {
            cx[i] = lo + (hi - lo) * (double)i / (CURVE_POINTS - 1);
            in[p] = cx[i];
            if (hd_value(model, in, &cy[i]) != HD_OK) cy[i] = NAN;
        }
        char title[200];
        snprintf(title, sizeof title, "%.*s%s", pb->text.len > 120 ? 120 : (int)pb->text.len, pb->text.text,
                 pb->text.len > 120 ? "..." : "");
        const cli_plot_fit_request req = {a->plot, title, pb->t.names[pb->cols[0]], pb->t.names[pb->ycol], dx, pb->y,
                                          m, cx, cy, CURVE_POINTS};
        status = cli_plot_fit(&req);
    } else {
        cli_error("out of memory");
    }
    free(dx);
    free(cx);
    free(cy);
    free(in);
    return status;
}

int cli_fit(int argc, char **argv)
{
    args a;
    memset(&a, 0, sizeof a);
    const cli_opt opts[] = {
        {"data", &a.data, NULL},         {"from", &a.from, NULL}, {"y", &a.y, NULL},
        {"max-iter", &a.max_iter_arg, NULL}, {"plot", &a.plot, NULL}, {"json", NULL, &a.json},
    };
    const int parsed = cli_parse_args(argc, argv, "fit", usage, opts, sizeof opts / sizeof opts[0], &a.expr_arg);
    if (parsed != CLI_OK) return parsed < 0 ? CLI_OK : parsed;
    if (!a.expr_arg || !a.data || !a.from) {
        cli_error("fit needs %s (see hyperdual fit --help)",
                  !a.expr_arg ? "a model EXPR" : !a.data ? "the data: --data FILE.csv"
                                                         : "the parameters and their start: --from NAME=VALUE,...");
        return CLI_USAGE;
    }
    if (strcmp(a.expr_arg, "-") == 0 && strcmp(a.data, "-") == 0) {
        cli_error("EXPR and --data cannot both be read from standard input ('-')");
        return CLI_USAGE;
    }
    if (a.max_iter_arg && !cli_parse_count(a.max_iter_arg, 100000000, &a.max_iter)) {
        cli_error("--max-iter needs a whole number from 1 to 100000000, not '%s'", a.max_iter_arg);
        return CLI_USAGE;
    }
    problem pb;
    if (load(&a, &pb) != CLI_OK) {
        problem_free(&pb);
        return CLI_USAGE;
    }
    const size_t p = pb.params.n;
    if (a.plot && pb.k != 1) {
        cli_error("--plot draws a model of one data column, and EXPR uses %zu", pb.k);
        problem_free(&pb);
        return CLI_USAGE;
    }
    if (a.plot && cli_plot_check(a.plot) != CLI_OK) {
        problem_free(&pb);
        return CLI_USAGE;
    }
    const hd_objective model = hd_expr_objective(pb.expr);
    outcome o;
    memset(&o, 0, sizeof o);
    o.x = malloc(p * sizeof *o.x);
    o.cov = malloc(p * p * sizeof *o.cov);
    o.se = malloc(p * sizeof *o.se);
    o.ident = malloc(p * sizeof *o.ident);
    int status = CLI_USAGE;
    if (!o.x || !o.cov || !o.se || !o.ident) cli_error("out of memory");
    else if (fit(&a, &pb, &model, &o) == CLI_OK && (!a.plot || plot(&a, &pb, &model, o.x) == CLI_OK)) {
        if (a.json) print_json(&pb, &o);
        else print_text(&pb, &o);
        status = o.res.converged ? CLI_OK : CLI_NOT_CONVERGED;
    }
    free(o.x);
    free(o.cov);
    free(o.se);
    free(o.ident);
    problem_free(&pb);
    return status;
}
