/* Figures through gnuplot, found at run time (never a build dependency). */
#ifndef HYPERDUAL_CLI_PLOT_H
#define HYPERDUAL_CLI_PLOT_H

#include <stddef.h>
#include <hyperdual.h>

/* One method's run. */
typedef struct {
    const char *label;
    size_t count;
    double *iteration, *f;  /* count values each */
    const double *xy;       /* count (x, y) pairs, or NULL */
} cli_plot_series;

typedef struct {
    const char *path;       /* FILE.png or FILE.svg */
    const char *title;
    const cli_plot_series *series;
    size_t nseries;
    const hd_objective *obj; /* two variables: contour lines of f under the paths; else NULL */
    char **names;            /* the two axis names when obj is set */
} cli_plot_request;

/* A fit of one data column: the data (x, y) and the fitted curve. */
typedef struct {
    const char *path;        /* FILE.png or FILE.svg */
    const char *title;
    const char *x_name, *y_name;
    const double *x, *y;     /* count data points */
    size_t count;
    const double *curve_x, *curve_y; /* curve_count points of the fitted curve */
    size_t curve_count;
} cli_plot_fit_request;

/* Before any work: the file name is usable and gnuplot can be found.
 * CLI_OK, or CLI_USAGE with the error printed (naming the package). */
int cli_plot_check(const char *path);
/* Draw; CLI_OK or CLI_USAGE with the error printed. */
int cli_plot(const cli_plot_request *req);
int cli_plot_fit(const cli_plot_fit_request *req);

#endif
