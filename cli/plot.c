/* --plot: convergence curves and, for two variables, contour lines with each
 * method's path; a fit's data and fitted curve; drawn by gnuplot. gnuplot is looked for at run time and fed
 * a script on a pipe (inline datablocks, no temporary files, no shell). */
#include <config.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cli.h"
#include "plot.h"

#define PACKAGE_HINT "install the package 'gnuplot' (Debian/Ubuntu: apt-get install gnuplot-nox)"

/* $HYPERDUAL_GNUPLOT, else gnuplot from PATH. */
static const char *program(void)
{
    const char *p = getenv("HYPERDUAL_GNUPLOT");
    return p && *p ? p : "gnuplot";
}

static int executable_in_path(const char *prog)
{
    if (strchr(prog, '/')) return access(prog, X_OK) == 0;
    const char *path = getenv("PATH");
    if (!path || !*path) path = "/usr/local/bin:/usr/bin:/bin";
    char buf[4096];
    while (*path) {
        const char *end = strchr(path, ':');
        const size_t len = end ? (size_t)(end - path) : strlen(path);
        if (len && len + strlen(prog) + 2 < sizeof buf) {
            snprintf(buf, sizeof buf, "%.*s/%s", (int)len, path, prog);
            if (access(buf, X_OK) == 0) return 1;
        }
        path += len + (end ? 1 : 0);
    }
    return 0;
}

static const char *extension(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (dot && strcasecmp(dot, ".png") == 0) return "png";
    if (dot && strcasecmp(dot, ".svg") == 0) return "svg";
    return NULL;
}

int cli_plot_check(const char *path)
{
    if (!extension(path)) {
        cli_error("--plot needs a file name ending in .png or .svg, not '%s'", path);
        return CLI_USAGE;
    }
    for (const char *p = path; *p; p++)
        if ((unsigned char)*p < 0x20) {
            cli_error("--plot: the file name contains a control character");
            return CLI_USAGE;
        }
    if (!executable_in_path(program())) {
        cli_error("--plot needs gnuplot, and '%s' was not found: %s", program(), PACKAGE_HINT);
        return CLI_USAGE;
    }
    /* Created (emptied) now, so that a folder that does not exist stops the
     * command before the work; gnuplot then writes it. */
    FILE *f = fopen(path, "w");
    if (!f) {
        cli_error("cannot write the plot file '%s': %s", path, strerror(errno));
        return CLI_USAGE;
    }
    return cli_close_output(f, "the plot file", path);
}

/* Which of count points to draw: every one up to MAX_DRAWN, else the first
 * index of each of MAX_DRAWN log-spaced buckets (all the early iterates,
 * ever sparser later, as the log-scaled iteration axis spreads them) and the
 * last: 14757 gradient descent steps made a 3.4 MB SVG of point markers. */
enum { MAX_DRAWN = 300 };
static int drawn(size_t j, size_t count)
{
    if (count <= MAX_DRAWN || j <= 1 || j + 1 == count) return 1;
    const double h = log((double)(count - 1)) / (MAX_DRAWN - 1);
    return floor(log((double)j) / h) != floor(log((double)(j - 1)) / h);
}

/* A gnuplot single-quoted string: ' is written twice. */
static void quoted(FILE *gp, const char *s)
{
    fputc('\'', gp);
    for (; *s; s++) {
        if (*s == '\'') fputc('\'', gp);
        if ((unsigned char)*s >= 0x20) fputc(*s, gp);
    }
    fputc('\'', gp);
}

static void convergence(FILE *gp, const cli_plot_request *r)
{
    double best = INFINITY;
    size_t longest = 0;
    for (size_t i = 0; i < r->nseries; i++) {
        for (size_t j = 0; j < r->series[i].count; j++)
            if (isfinite(r->series[i].f[j])) best = fmin(best, r->series[i].f[j]);
        if (r->series[i].count > longest) longest = r->series[i].count;
    }
    /* f - f_best is 0 at the best iterate; the log axis shows it at this floor. */
    const double floor_ = 1e-16 * fmax(1.0, isfinite(best) ? fabs(best) : 1.0);
    const int logx = longest > 200;
    int *shown = calloc(r->nseries + 1, sizeof *shown), any = 0;
    for (size_t i = 0; i < r->nseries; i++) {
        fprintf(gp, "$m%zu << EOD\n", i);
        for (size_t j = 0; j < r->series[i].count; j++) {
            const double d = r->series[i].f[j] - best;
            if (!isfinite(d) || !drawn(j, r->series[i].count)) continue;
            fprintf(gp, "%.17g %.17g\n", r->series[i].iteration[j] + logx, fmax(d, floor_));
            if (shown) shown[i] = 1;
            any = 1;
        }
        fprintf(gp, "EOD\n");
    }
    fprintf(gp, "set logscale y\nset format y '%%.0e'\nset grid\nset key top right\n");
    fprintf(gp, "set title 'convergence: f - f_best (f_best = %.10g)'\n", best);
    fprintf(gp, logx ? "set logscale x\nset xlabel 'iteration + 1'\n" : "set xlabel 'iteration'\n");
    fprintf(gp, "set ylabel 'f - f_best'\nplot ");
    /* gnuplot refuses a plot whose data are all empty: such runs are left out */
    const char *sep = "";
    for (size_t i = 0; i < r->nseries; i++) {
        if (shown && !shown[i]) continue;
        fprintf(gp, "%s$m%zu using 1:2 with linespoints pt 7 ps 0.4 lw 2 title ", sep, i);
        quoted(gp, r->series[i].label);
        sep = ", ";
    }
    if (!any) fprintf(gp, "1 title 'no finite values recorded'");
    fprintf(gp, "\nunset logscale\nset format y '%%g'\n");
    free(shown);
}

/* Contour lines of f over the box holding every path, then the paths. */
static void contours(FILE *gp, const cli_plot_request *r)
{
    double lo[2] = {INFINITY, INFINITY}, hi[2] = {-INFINITY, -INFINITY};
    for (size_t i = 0; i < r->nseries; i++)
        for (size_t j = 0; r->series[i].xy && j < r->series[i].count; j++)
            for (int k = 0; k < 2; k++) {
                const double v = r->series[i].xy[2 * j + k];
                if (isfinite(v)) lo[k] = fmin(lo[k], v), hi[k] = fmax(hi[k], v);
            }
    if (!(lo[0] <= hi[0]) || !(lo[1] <= hi[1])) return;
    for (int k = 0; k < 2; k++) {
        const double w = hi[k] > lo[k] ? hi[k] - lo[k] : fmax(1.0, fabs(lo[k]));
        lo[k] -= 0.15 * w;
        hi[k] += 0.15 * w;
    }
    enum { GRID = 61, LEVELS = 16 };
    double fmin_ = INFINITY, fmax_ = -INFINITY;
    fprintf(gp, "$grid << EOD\n");
    for (int a = 0; a < GRID; a++) {
        for (int b = 0; b < GRID; b++) {
            const double x[2] = {lo[0] + (hi[0] - lo[0]) * a / (GRID - 1), lo[1] + (hi[1] - lo[1]) * b / (GRID - 1)};
            double f = NAN;
            if (hd_value(r->obj, x, &f) != HD_OK) f = NAN;
            if (isfinite(f)) {
                fmin_ = fmin(fmin_, f);
                fmax_ = fmax(fmax_, f);
                fprintf(gp, "%.10g %.10g %.10g\n", x[0], x[1], f);
            } else {
                fprintf(gp, "%.10g %.10g NaN\n", x[0], x[1]);
            }
        }
        fprintf(gp, "\n");
    }
    fprintf(gp, "EOD\n");
    fprintf(gp, "set xrange [%.10g:%.10g]\nset yrange [%.10g:%.10g]\n", lo[0], hi[0], lo[1], hi[1]);
    if (fmax_ > fmin_) {
        /* levels crowd towards the minimum (six decades), where paths end */
        fprintf(gp, "set contour base\nunset surface\nset view map\nset cntrparam levels discrete ");
        for (int k = 0; k < LEVELS; k++)
            fprintf(gp, "%s%.10g", k ? "," : "", fmin_ + (fmax_ - fmin_) * pow(10.0, -6.0 + 6.0 * k / (LEVELS - 1)));
        fprintf(gp, "\nset table $cont\nsplot $grid using 1:2:3 with lines notitle\nunset table\nunset contour\n");
    }
    fprintf(gp, "set key opaque\nset title 'contour lines of f and the paths'\nset xlabel ");
    quoted(gp, r->names[0]);
    fprintf(gp, "\nset ylabel ");
    quoted(gp, r->names[1]);
    fprintf(gp, "\n");
    for (size_t i = 0; i < r->nseries; i++) {
        fprintf(gp, "$p%zu << EOD\n", i);
        for (size_t j = 0; r->series[i].xy && j < r->series[i].count; j++)
            if (drawn(j, r->series[i].count))
                fprintf(gp, "%.17g %.17g\n", r->series[i].xy[2 * j], r->series[i].xy[2 * j + 1]);
        fprintf(gp, "EOD\n");
    }
    fprintf(gp, "plot %s", fmax_ > fmin_ ? "$cont using 1:2 with lines lc rgb '#b0b0b0' notitle" : "");
    /* the box holds at least one finite point, so some path is non-empty */
    int first = fmax_ <= fmin_;
    for (size_t i = 0; i < r->nseries; i++) {
        if (!r->series[i].xy || !r->series[i].count) continue;
        fprintf(gp, "%s$p%zu using 1:2 with linespoints pt 7 ps 0.5 lw 1.5 lc %zu title ", first ? "" : ", ", i,
                i + 1);
        quoted(gp, r->series[i].label);
        first = 0;
    }
    fprintf(gp, "\n");
}

/* The terminal for path's extension, size "w,h", and the output file. */
static void terminal(FILE *gp, const char *path, const char *size)
{
    if (strcmp(extension(path), "png") == 0)
        fprintf(gp, "if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) { set terminal pngcairo size %s noenhanced } "
                    "else { set terminal png size %s noenhanced }\n", size, size);
    else
        fprintf(gp, "set terminal svg size %s noenhanced\n", size);
    fprintf(gp, "set output ");
    quoted(gp, path);
}

static void script(FILE *gp, const void *request)
{
    const cli_plot_request *r = request;
    const int two = r->obj != NULL;
    terminal(gp, r->path, two ? "1200,520" : "800,520");
    fprintf(gp, "\nset multiplot layout 1,%d title ", two ? 2 : 1);
    quoted(gp, r->title);
    fprintf(gp, "\n");
    convergence(gp, r);
    if (two) contours(gp, r);
    fprintf(gp, "unset multiplot\nset output\n");
}

/* A fit: the data as points, the fitted curve as a line. */
static void fit_script(FILE *gp, const void *request)
{
    const cli_plot_fit_request *r = request;
    terminal(gp, r->path, "800,520");
    fprintf(gp, "\n$data << EOD\n");
    for (size_t i = 0; i < r->count; i++) fprintf(gp, "%.17g %.17g\n", r->x[i], r->y[i]);
    fprintf(gp, "EOD\n$curve << EOD\n");
    for (size_t i = 0; i < r->curve_count; i++)
        if (isfinite(r->curve_y[i])) fprintf(gp, "%.17g %.17g\n", r->curve_x[i], r->curve_y[i]);
    fprintf(gp, "EOD\nset grid\nset key top right\nset title ");
    quoted(gp, r->title);
    fprintf(gp, "\nset xlabel ");
    quoted(gp, r->x_name);
    fprintf(gp, "\nset ylabel ");
    quoted(gp, r->y_name);
    fprintf(gp, "\nplot $data using 1:2 with points pt 7 ps 0.6 title 'data', $curve using 1:2 with lines "
                "lw 2 title 'fit'\nset output\n");
}

/* Feed write's script to gnuplot on a pipe; CLI_OK or CLI_USAGE with the error printed. */
static int draw(const char *path, void (*write)(FILE *, const void *), const void *request)
{
    int fds[2];
    if (pipe(fds) != 0) {
        cli_error("--plot: cannot create a pipe to gnuplot");
        return CLI_USAGE;
    }
    fflush(stdout);
    fflush(stderr);
    const pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        cli_error("--plot: cannot start gnuplot");
        return CLI_USAGE;
    }
    if (pid == 0) {
        dup2(fds[0], STDIN_FILENO);
        close(fds[0]);
        close(fds[1]);
        execlp(program(), program(), (char *)NULL);
        _exit(127);
    }
    close(fds[0]);
    /* If gnuplot dies early, a write must fail, not kill us. */
    signal(SIGPIPE, SIG_IGN);
    FILE *gp = fdopen(fds[1], "w");
    if (gp) {
        write(gp, request);
        fclose(gp);
    } else {
        close(fds[1]);
    }
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(st) && WEXITSTATUS(st) == 127) {
        cli_error("--plot needs gnuplot, and '%s' could not be run: %s", program(), PACKAGE_HINT);
        return CLI_USAGE;
    }
    if (!gp || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        cli_error("gnuplot failed to draw '%s'", path);
        return CLI_USAGE;
    }
    /* the file was emptied before the run: still empty, gnuplot drew nothing */
    FILE *f = fopen(path, "r");
    const int empty = !f || fgetc(f) == EOF;
    if (f) fclose(f);
    if (empty) {
        cli_error("gnuplot wrote nothing to '%s'", path);
        return CLI_USAGE;
    }
    return CLI_OK;
}

int cli_plot(const cli_plot_request *req) { return draw(req->path, script, req); }

int cli_plot_fit(const cli_plot_fit_request *req) { return draw(req->path, fit_script, req); }
