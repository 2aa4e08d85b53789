/* Shared pieces of the `hyperdual` command-line tool: error reporting in the
 * contract's format, argument and point parsing, number formatting. */
#ifndef HYPERDUAL_CLI_H
#define HYPERDUAL_CLI_H

#include <stddef.h>
#include <stdio.h>
#include <hyperdual.h>

/* Exit statuses (documented in hyperdual(1)). */
enum { CLI_OK = 0, CLI_NOT_CONVERGED = 1, CLI_USAGE = 2 };

/* More variables than this make a Hessian an unreasonable thing to print. */
#define CLI_MAX_VARS 100

/* The subcommands: each returns the exit status. */
int cli_eval(int argc, char **argv);
int cli_limit(int argc, char **argv);
int cli_minimize(int argc, char **argv);
int cli_problems(int argc, char **argv);
int cli_fit(int argc, char **argv);

/* ---- errors (stderr) ------------------------------------------------------------ */
/* "hyperdual: error: <what>" */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* "hyperdual: error: <what> at column N", then the text and a caret under column N. */
void cli_error_at(const char *text, size_t len, size_t column, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* ---- arguments --------------------------------------------------------------------- */
/* 1 if argv[i] is a request for help. */
int cli_is_help(const char *arg);
/* 1 if arg is an option (starts with "--"); everything else, including "-"
 * and "-x^2", is a positional argument. */
int cli_is_option(const char *arg);
/* One option of a subcommand: "--name VALUE" / "--name=VALUE" stored in
 * *value (given twice is an error), or a flag "--name" setting *flag. */
typedef struct {
    const char *name;    /* without the leading "--" */
    const char **value;  /* for an option with a value, else NULL */
    int *flag;           /* for a flag, else NULL */
} cli_opt;
/* Parse a subcommand's arguments: its options, at most one positional EXPR
 * (stored in *expr, which may be NULL if the command takes none), "--" ending
 * the options, --help printing usage. Returns CLI_OK, CLI_USAGE (error
 * printed) or -1 when help was printed (exit 0). */
int cli_parse_args(int argc, char **argv, const char *cmd, const char *usage, const cli_opt *opts,
                   size_t nopts, const char **expr);
/* Parse a whole decimal number (strtod syntax, "inf" and "nan" included). */
int cli_parse_double(const char *s, double *out);
/* Parse a positive finite number given to `option`; 0 after printing
 * "<option> needs a positive number". */
int cli_parse_positive(const char *option, const char *s, double *out);
/* Parse a whole positive integer no larger than max. */
int cli_parse_count(const char *s, long max, long *out);

/* The expression: an argument, or "-" for standard input (one trailing
 * newline dropped). */
typedef struct {
    const char *text;
    size_t len;
    char *owned;
} cli_text;

/* A point "x=1,y=2" (for --at / --from). */
typedef struct {
    size_t n;
    char **names;
    double *values;
} cli_point;
/* CLI_OK, or CLI_USAGE after printing the error with a caret into arg. */
int cli_parse_point(const char *option, const char *arg, cli_point *pt);
/* The column (from 1) of item k (from 0) of a comma-separated list, for a caret. */
size_t cli_item_column(const char *arg, size_t k);
void cli_point_free(cli_point *pt);

/* Read the expression EXPR (expr_arg, or standard input for "-"); CLI_OK, or
 * CLI_USAGE with the error printed. Release t->owned with free. */
int cli_read_text(const char *expr_arg, cli_text *t);

/* The point given to `option` (point_arg may be NULL: no variables), the
 * expression EXPR (an argument or "-") and its program over the point's
 * variables. CLI_OK, or CLI_USAGE with the error printed and nothing to free;
 * on success release with cli_unload. */
int cli_load(const char *option, const char *point_arg, const char *expr_arg, cli_point *pt, cli_text *t,
             hd_expr **e);
void cli_unload(cli_point *pt, cli_text *t, hd_expr *e);

/* ---- output -------------------------------------------------------------------------- */
/* At the start: a closed standard descriptor (0, 1 or 2) is reopened on
 * /dev/null for the wrong direction, so that no file the tool opens (a
 * trace) becomes standard output, and writing to a closed stdout fails. */
void cli_open_standard_streams(void);
/* At the end (coreutils' close_stdout): close stdout and stderr; if a write
 * to stdout failed (full device, closed pipe, closed descriptor) or its last
 * flush fails, print "cannot write to standard output" and return CLI_USAGE,
 * else status. Every write to stdout goes through its stdio buffer and sets
 * its error flag, so this one check covers them all. */
int cli_close_standard_streams(int status);
/* Close a file the tool wrote; CLI_OK, or CLI_USAGE after printing
 * "cannot write <what> ['<name>'][: reason]" when a write or the close
 * failed (name may be NULL). */
int cli_close_output(FILE *out, const char *what, const char *name);
/* Shortest decimal that reads back as v ("nan", "inf", "-inf" when not finite). */
const char *cli_fmt(char buf[32], double v);
/* JSON: %.17g, or the strings "nan", "inf", "-inf". */
void cli_json_number(FILE *out, double v);
void cli_json_string(FILE *out, const char *s, size_t len);
void cli_json_numbers(FILE *out, const double *v, size_t n);
/* Seconds on a monotonic clock. */
double cli_now(void);

/* Bytes the process may still allocate (cli/memory.c): the memory the system
 * has available and what ulimit -v / -d leave, the smallest; SIZE_MAX when
 * unknown. */
size_t cli_memory_available(void);
/* "3.2 GB": bytes in decimal units, three digits. */
const char *cli_bytes(char buf[32], size_t bytes);

#endif /* HYPERDUAL_CLI_H */
