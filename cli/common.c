/* Shared pieces of the command-line tool: the contract's error format with a
 * caret, options, points, the expression, number output. */
#include <config.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"

/* ---- errors ------------------------------------------------------------------------ */
static void verror(const char *fmt, va_list ap, size_t column)
{
    fputs("hyperdual: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    if (column) fprintf(stderr, " at column %zu", column);
    fputc('\n', stderr);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(fmt, ap, 0);
    va_end(ap);
}

/* The text is echoed byte for byte, except that bytes a terminal would not
 * show as one character (controls, non-ASCII) become '?', so the caret stays
 * under column N. Long texts are cut to a window around the column. */
void cli_error_at(const char *text, size_t len, size_t column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(fmt, ap, column);
    va_end(ap);
    if (!column) return;
    enum { WINDOW = 120 };
    size_t start = 0, end = len;
    if (len > WINDOW + WINDOW / 2) {
        start = column - 1 > WINDOW / 2 ? column - 1 - WINDOW / 2 : 0;
        end = start + WINDOW < len ? start + WINDOW : len;
    }
    if (start) fputs("...", stderr);
    for (size_t i = start; i < end; i++) {
        const unsigned char c = (unsigned char)text[i];
        fputc(c == '\t' ? ' ' : (c < 0x20 || c >= 0x7f) ? '?' : c, stderr);
    }
    if (end < len) fputs("...", stderr);
    fputc('\n', stderr);
    for (size_t i = start ? 3 : 0, pad = i + (column - 1 - start); i < pad; i++) fputc(' ', stderr);
    fputs("^\n", stderr);
}

/* ---- arguments ------------------------------------------------------------------- */
int cli_is_help(const char *arg) { return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0; }

int cli_is_option(const char *arg) { return arg[0] == '-' && arg[1] == '-' && arg[2] != '\0'; }

/* Option `name` at argv[*i]: 1 with *val set (and *i advanced past a
 * separate value), 0 if argv[*i] is another option, -1 after printing an
 * error if the value is missing. */
static int option_value(int argc, char **argv, int *i, const char *name, const char **val)
{
    const char *arg = argv[*i];
    const size_t n = strlen(name);
    if (strncmp(arg, "--", 2) != 0 || strncmp(arg + 2, name, n) != 0) return 0;
    if (arg[2 + n] == '=') {
        *val = arg + 3 + n;
        return 1;
    }
    if (arg[2 + n] != '\0') return 0;
    if (*i + 1 >= argc) {
        cli_error("option --%s needs a value", name);
        return -1;
    }
    *val = argv[++*i];
    return 1;
}

int cli_parse_args(int argc, char **argv, const char *cmd, const char *usage, const cli_opt *opts,
                   size_t nopts, const char **expr)
{
    int positional_only = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!positional_only && cli_is_help(a)) {
            fputs(usage, stdout);
            return -1;
        }
        if (!positional_only && strcmp(a, "--") == 0) {
            positional_only = 1;
            continue;
        }
        if (positional_only || !cli_is_option(a)) {
            if (!expr) {
                cli_error("unexpected argument '%s' for %s (see hyperdual %s --help)", a, cmd, cmd);
                return CLI_USAGE;
            }
            if (*expr) {
                cli_error("%s takes one expression; '%s' is a second one (quote the expression)", cmd, a);
                return CLI_USAGE;
            }
            *expr = a;
            continue;
        }
        size_t k = 0;
        for (; k < nopts; k++) {
            const char *v;
            if (opts[k].flag) {
                if (strcmp(a + 2, opts[k].name) == 0) {
                    *opts[k].flag = 1;
                    break;
                }
                continue;
            }
            const int r = option_value(argc, argv, &i, opts[k].name, &v);
            if (r < 0) return CLI_USAGE;
            if (r == 0) continue;
            if (*opts[k].value) {
                cli_error("--%s given twice", opts[k].name);
                return CLI_USAGE;
            }
            *opts[k].value = v;
            break;
        }
        if (k == nopts) {
            cli_error("unknown option '%s' for %s (see hyperdual %s --help)", a, cmd, cmd);
            return CLI_USAGE;
        }
    }
    return CLI_OK;
}

int cli_parse_double(const char *s, double *out)
{
    char *end;
    while (*s == ' ') s++;
    if (!*s) return 0;
    errno = 0;
    *out = strtod(s, &end);
    while (*end == ' ') end++;
    return *end == '\0';
}

int cli_parse_positive(const char *option, const char *s, double *out)
{
    if (cli_parse_double(s, out) && *out > 0 && isfinite(*out)) return 1;
    cli_error("%s needs a positive number, not '%s'", option, s);
    return 0;
}

int cli_parse_count(const char *s, long max, long *out)
{
    char *end;
    errno = 0;
    const long v = strtol(s, &end, 10);
    if (end == s || *end || errno || v < 1 || v > max) return 0;
    *out = v;
    return 1;
}

/* ---- the expression --------------------------------------------------------------- */
int cli_read_text(const char *arg, cli_text *out)
{
    out->owned = NULL;
    if (strcmp(arg, "-") != 0) {
        out->text = arg;
        out->len = strlen(arg);
        return CLI_OK;
    }
    /* Read at most one byte past the limit: enough for the parser to say
     * "too long" without holding an unbounded input in memory. */
    const size_t cap = HD_EXPR_MAX_LENGTH + 2;
    char *buf = malloc(cap);
    if (!buf) {
        cli_error("out of memory");
        return CLI_USAGE;
    }
    size_t n = 0, got;
    while (n < cap && (got = fread(buf + n, 1, cap - n, stdin)) > 0) n += got;
    if (ferror(stdin)) {
        free(buf);
        cli_error("cannot read the expression from standard input");
        return CLI_USAGE;
    }
    if (n && buf[n - 1] == '\n') n--;
    if (n && buf[n - 1] == '\r') n--;
    out->owned = buf;
    out->text = buf;
    out->len = n;
    return CLI_OK;
}


/* ---- points: NAME=VALUE,NAME=VALUE ---------------------------------------------- */
static int is_name_char(char c, int first)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || (!first && c >= '0' && c <= '9');
}

int cli_parse_point(const char *option, const char *arg, cli_point *pt)
{
    const size_t len = strlen(arg);
    size_t i = 0;
    pt->n = 0;
    pt->names = NULL;
    pt->values = NULL;
#define FAIL(col, ...) do { cli_error_at(arg, len, (col), __VA_ARGS__); goto fail; } while (0)
    if (len == 0) {
        cli_error("empty %s (write NAME=VALUE,...)", option);
        return CLI_USAGE;
    }
    for (;;) {
        while (arg[i] == ' ') i++;
        const size_t name_at = i;
        while (is_name_char(arg[i], i == name_at)) i++;
        const size_t name_len = i - name_at;
        if (!name_len) FAIL(name_at + 1, "expected a variable name in %s", option);
        if (pt->n >= CLI_MAX_VARS)
            FAIL(name_at + 1, "more than %d variables in %s", CLI_MAX_VARS, option);
        char name[48];
        snprintf(name, sizeof name, "%.*s%s", (int)(name_len > 40 ? 40 : name_len), arg + name_at,
                 name_len > 40 ? "..." : "");
        switch (hd_expr_name_kind_of(arg + name_at, name_len)) {
        case HD_EXPR_NAME_CONSTANT: FAIL(name_at + 1, "'%s' is a constant, not a variable", name);
        case HD_EXPR_NAME_FUNCTION: FAIL(name_at + 1, "'%s' is a function, not a variable", name);
        default: break;
        }
        for (size_t k = 0; k < pt->n; k++)
            if (strlen(pt->names[k]) == name_len && memcmp(pt->names[k], arg + name_at, name_len) == 0)
                FAIL(name_at + 1, "duplicate variable '%s' in %s", name, option);
        while (arg[i] == ' ') i++;
        if (arg[i] != '=') FAIL(i + 1, "expected '=' after '%s' in %s", name, option);
        i++;
        const size_t value_at = i;
        while (arg[i] && arg[i] != ',') i++;
        char *names_grown = NULL;
        char **nn = realloc(pt->names, (pt->n + 1) * sizeof *nn);
        if (nn) pt->names = nn;
        double *vv = realloc(pt->values, (pt->n + 1) * sizeof *vv);
        if (vv) pt->values = vv;
        if (nn && vv) names_grown = malloc(name_len + 1);
        if (!names_grown) {
            cli_error("out of memory");
            goto fail;
        }
        memcpy(names_grown, arg + name_at, name_len);
        names_grown[name_len] = '\0';
        pt->names[pt->n] = names_grown;
        char value[64];
        const size_t value_len = i - value_at;
        snprintf(value, sizeof value, "%.*s", (int)(value_len < 63 ? value_len : 63), arg + value_at);
        pt->n++;
        if (value_len >= 63 || !cli_parse_double(value, &pt->values[pt->n - 1]))
            FAIL(value_at + 1, "malformed value for '%s' in %s", name, option);
        if (!arg[i]) return CLI_OK;
        i++; /* the ',' */
    }
#undef FAIL
fail:
    cli_point_free(pt);
    return CLI_USAGE;
}

void cli_point_free(cli_point *pt)
{
    for (size_t i = 0; i < pt->n; i++) free(pt->names[i]);
    free(pt->names);
    free(pt->values);
    pt->n = 0;
    pt->names = NULL;
    pt->values = NULL;
}

int cli_load(const char *option, const char *point_arg, const char *expr_arg, cli_point *pt, cli_text *t,
             hd_expr **e)
{
    static const char *const none[1] = {NULL};
    pt->n = 0;
    pt->names = NULL;
    pt->values = NULL;
    t->owned = NULL;
    *e = NULL;
    if (point_arg && cli_parse_point(option, point_arg, pt) != CLI_OK) return CLI_USAGE;
    if (cli_read_text(expr_arg, t) != CLI_OK) {
        cli_point_free(pt);
        return CLI_USAGE;
    }
    hd_expr_error err;
    const char *const *names = pt->n ? (const char *const *)pt->names : none;
    if (hd_expr_parse(t->text, t->len, names, pt->n, e, &err) != HD_OK) {
        cli_error_at(t->text, t->len, err.column, "%s", err.message);
        cli_unload(pt, t, NULL);
        return CLI_USAGE;
    }
    return CLI_OK;
}

void cli_unload(cli_point *pt, cli_text *t, hd_expr *e)
{
    hd_expr_free(e);
    free(t->owned);
    t->owned = NULL;
    cli_point_free(pt);
}

/* Column (from 1) where item k (from 0) of a comma-separated list starts,
 * blanks skipped: values never hold a comma, so item k follows comma k. */
size_t cli_item_column(const char *arg, size_t k)
{
    size_t i = 0;
    for (; k > 0 && arg[i]; i++)
        if (arg[i] == ',') k--;
    while (arg[i] == ' ') i++;
    return i + 1;
}

/* ---- output -------------------------------------------------------------------------- */
void cli_open_standard_streams(void)
{
    /* Opened the wrong way round (as gnulib's stdopen does), so that a write
     * to a closed stdout still fails, and loudly, at the end. */
    for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
        const int got = open("/dev/null", fd == STDIN_FILENO ? O_WRONLY : O_RDONLY);
        if (got >= 0 && got != fd) close(got);
    }
}

int cli_close_output(FILE *out, const char *what, const char *name)
{
    /* a write may have failed earlier (its data dropped) while the last
     * flush succeeds: the error flag says so */
    const int failed_before = ferror(out) != 0;
    errno = 0;
    const int close_failed = fclose(out) != 0;
    if (!failed_before && !close_failed) return CLI_OK;
    const char *q = name ? "'" : "";
    if (close_failed && errno) cli_error("cannot write %s%s%s%s%s: %s", what, name ? " " : "", q, name ? name : "", q, strerror(errno));
    else cli_error("cannot write %s%s%s%s%s", what, name ? " " : "", q, name ? name : "", q);
    return CLI_USAGE;
}

int cli_close_standard_streams(int status)
{
    if (cli_close_output(stdout, "to standard output", NULL) != CLI_OK) status = CLI_USAGE;
    /* the error itself may not be written: the exit status still says it */
    if (ferror(stderr) || fclose(stderr) != 0) status = CLI_USAGE;
    return status;
}


const char *cli_fmt(char buf[32], double v)
{
    if (isnan(v)) return strcpy(buf, "nan");
    if (isinf(v)) return strcpy(buf, v > 0 ? "inf" : "-inf");
    int p = 1;
    for (; p < 17; p++) {
        snprintf(buf, 32, "%.*g", p, v);
        if (strtod(buf, NULL) == v) break;
    }
    /* 4000, not 4e+03: whole digits are written out below 1e17 */
    const double mag = fabs(v);
    if (mag >= 1.0 && mag < 1e17) {
        const int digits = (int)floor(log10(mag)) + 1;
        if (digits > p) p = digits;
    }
    snprintf(buf, 32, "%.*g", p, v);
    return buf;
}

void cli_json_number(FILE *out, double v)
{
    if (isnan(v)) fputs("\"nan\"", out);
    else if (isinf(v)) fputs(v > 0 ? "\"inf\"" : "\"-inf\"", out);
    else fprintf(out, "%.17g", v);
}

void cli_json_numbers(FILE *out, const double *v, size_t n)
{
    fputc('[', out);
    for (size_t i = 0; i < n; i++) {
        if (i) fputs(", ", out);
        cli_json_number(out, v[i]);
    }
    fputc(']', out);
}

void cli_json_string(FILE *out, const char *s, size_t len)
{
    fputc('"', out);
    for (size_t i = 0; i < len; i++) {
        const unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') fprintf(out, "\\%c", c);
        else if (c < 0x20 || c >= 0x7f) fprintf(out, "\\u%04x", c);
        else fputc(c, out);
    }
    fputc('"', out);
}

double cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}
