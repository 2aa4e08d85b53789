/* The optimizer report: every method on every built-in problem from its
 * standard start, as a Markdown table, then the targets against what
 * the default Newton did. `make optim-table` writes it to doc/optim-table.md.
 *
 *   optim_report [--problem NAME] [--method NAME] [--no-time]
 *
 * A run "reaches f*" when f - f* <= max(1e-8·max(1, |f*|), f_star_tol), where
 * f_star_tol is the precision of the published f* (hd_problem.f_star_tol). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <hyperdual.h>

/* Gradient descent needs tens of thousands of iterations on the curved
 * valleys; the report caps it so that `make bench` stays short, and says so. */
#define GD_MAX_ITER 20000

typedef struct {
    const char *name;
    hd_method method;
    int pure; /* full Newton step, Hessian as is */
} method_row;

static const method_row methods[] = {
    {"gradient descent", HD_GRADIENT_DESCENT, 0},
    {"newton", HD_NEWTON, 0},
    {"newton-tr", HD_NEWTON_TRUST_REGION, 0},
    {"pure newton", HD_NEWTON, 1},
    {"bfgs", HD_BFGS, 0},
    {"gauss-newton", HD_GAUSS_NEWTON, 0},
    {"levenberg-marquardt", HD_LEVENBERG_MARQUARDT, 0},
    {"lbfgs", HD_LBFGS, 0},
    {"newton-cg", HD_NEWTON_CG, 0},
    {"newton-cg-tr", HD_NEWTON_CG_TRUST_REGION, 0},
};
#define N_METHODS (sizeof methods / sizeof methods[0])

/* Short status names for a table cell (hd_status_str gives the full line). */
static const char *status_name(int status)
{
    switch (status) {
    case HD_CONVERGED: return "converged";
    case HD_SADDLE: return "saddle";
    case HD_STALLED: return "stalled";
    case HD_PRECISION_LIMIT: return "precision limit";
    case HD_LINESEARCH_FAILED: return "line search failed";
    case HD_NONFINITE_VALUE: return "non-finite f";
    case HD_NONFINITE_GRADIENT: return "non-finite gradient";
    case HD_NONFINITE_HESSIAN: return "non-finite Hessian";
    case HD_MAX_ITERATIONS: return "iteration limit";
    case HD_MAX_EVALUATIONS: return "evaluation limit";
    case HD_STOPPED_BY_CALLBACK: return "stopped";
    case HD_DIVERGED: return "diverged";
    case HD_SINGULAR_HESSIAN: return "singular Hessian";
    case HD_STATIONARY: return "stationary";
    case HD_CONVERGED_REDUCTION: return "converged (small reduction)";
    case HD_CONVERGED_SMALL_STEP: return "converged (small step)";
    case HD_SINGULAR_JACOBIAN: return "singular Jacobian";
    default: return "unknown status";
    }
}

typedef struct {
    int rc;          /* hd_minimize's return */
    hd_result res;
    double seconds;
    double gap;      /* f - f*, NaN when f* is unknown */
    int reached;     /* -1 f* unknown, 0 no, 1 f*, 2 a documented local minimum */
} run;

static double now(void)
{
    struct timespec ts;
    if (!timespec_get(&ts, TIME_UTC)) return 0.0;
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The report's criterion for reaching a known minimum f* of precision tol. */
static int reaches(double f, double fs, double tol)
{
    return f - fs <= fmax(1e-8 * fmax(1.0, fabs(fs)), tol);
}

static void options_for(const method_row *m, hd_options *opt)
{
    hd_options_default(opt, m->method);
    if (m->method == HD_GRADIENT_DESCENT) opt->max_iter = GD_MAX_ITER;
    /* first-order methods pay one Hessian at the end, so a saddle is named */
    if (m->method == HD_GRADIENT_DESCENT || m->method == HD_BFGS || m->method == HD_LBFGS)
        opt->classify_final = 1;
    if (m->pure) {
        opt->line_search = HD_LINESEARCH_NONE;
        opt->hessian_fix = HD_HESSIAN_AS_IS;
    }
}

/* Run method m on p from x0 (the standard start when x0 is NULL); a
 * least-squares method on the sum of squares of p's residuals. */
static run run_one(const hd_problem *p, const method_row *m, const double *x0)
{
    run r;
    memset(&r, 0, sizeof r);
    hd_objective obj = p->objective(0);
    hd_vector_objective residuals;
    if (hd_method_needs_residuals(m->method)) {
        residuals = p->residuals(0);
        if (hd_sum_of_squares(&residuals, &obj) != HD_OK) r.rc = HD_EINVAL;
    }
    double *x = r.rc == HD_OK ? malloc(obj.n * sizeof *x) : NULL;
    if (!x) {
        if (r.rc == HD_OK) r.rc = HD_ENOMEM;
        r.gap = NAN;
        r.reached = -1;
        return r;
    }
    if (x0) memcpy(x, x0, obj.n * sizeof *x);
    else p->start(0, x);
    hd_options opt;
    options_for(m, &opt);
    const double t0 = now();
    r.rc = hd_minimize(&obj, x, &opt, &r.res);
    r.seconds = now() - t0;
    free(x);
    const double fs = hd_problem_f_star(p, 0);
    const int ok = r.rc == HD_OK && isfinite(r.res.f);
    r.gap = ok ? r.res.f - fs : NAN;
    if (isnan(fs)) r.reached = -1;
    else if (ok && reaches(r.res.f, fs, p->f_star_tol)) r.reached = 1;
    else if (ok && !isnan(p->f_local) && fabs(r.res.f - p->f_local) <=
                                            fmax(1e-8 * fmax(1.0, fabs(p->f_local)), p->f_local_tol))
        r.reached = 2;
    else r.reached = 0;
    return r;
}

static void print_row(const hd_problem *p, const method_row *m, const run *r, int with_time)
{
    printf("| %s | %zu | %s | ", p->name, p->n, m->name);
    if (r->rc != HD_OK) {
        printf("%s |", hd_strerror(r->rc));
        for (int k = 0; k < HD_KIND_COUNT + 6; k++) printf(" |");
        printf("%s\n", with_time ? " |" : "");
        return;
    }
    const hd_result *s = &r->res;
    printf("%s | %d | ", status_name(s->status), s->iterations);
    for (int k = 0; k < HD_KIND_COUNT; k++) printf("%ld | ", s->counts.calls[k]);
    printf("%ld | ", s->passes);
    if (isnan(r->gap)) printf("? | ");
    else printf("%.2e | ", r->gap);
    static const char *reached[] = {"?", "**no**", "yes", "local"};
    printf("%s | %.2e |", reached[r->reached + 1], s->grad_norm);
    if (with_time) printf(" %.2f |", 1e3 * r->seconds);
    printf("\n");
}

/* Gradient descent, Gauss-Newton, Levenberg-Marquardt and Newton on every
 * sum of squares, side by side: iterations, and whether f* (or the
 * documented local minimum) was reached; cost in passes and, for the
 * least-squares methods, Jacobians. */
static void least_squares_table(void)
{
    static const char *const order[] = {"gradient descent", "gauss-newton", "levenberg-marquardt", "newton"};
    enum { K = sizeof order / sizeof order[0] };
    const method_row *ms[K];
    for (size_t k = 0; k < K; k++)
        for (size_t j = 0; j < N_METHODS; j++)
            if (!strcmp(methods[j].name, order[k])) ms[k] = &methods[j];
    int reached[K] = {0}, converged[K] = {0}, total = 0;
    printf("\n## Least squares: gradient descent, Gauss-Newton, Levenberg-Marquardt, Newton\n\n");
    printf("Every sum of squares of the registry (f = sum r_i^2, default n) from its standard start, "
           "default options; gradient descent capped at %d iterations. Each cell: iterations, "
           "passes (LM and GN: and Jacobians), and *yes* when f* was reached (*local*: the "
           "documented local minimum), else the status.\n\n", GD_MAX_ITER);
    printf("| problem | n | m |");
    for (size_t k = 0; k < K; k++) printf(" %s |", order[k]);
    printf("\n| --- | --- | --- |");
    for (size_t k = 0; k < K; k++) printf(" --- |");
    printf("\n");
    for (size_t i = 0; i < hd_problem_count(); i++) {
        const hd_problem *p = hd_problem_at(i);
        if (!p->residuals) continue;
        total++;
        printf("| %s | %zu | %zu |", p->name, p->n, p->m);
        for (size_t k = 0; k < K; k++) {
            const run r = run_one(p, ms[k], NULL);
            if (r.rc != HD_OK) {
                printf(" %s |", hd_strerror(r.rc));
                continue;
            }
            reached[k] += r.reached >= 1;
            converged[k] += r.res.converged;
            printf(" %d it, %ld passes", r.res.iterations, r.res.passes);
            if (hd_method_needs_residuals(ms[k]->method)) printf(", %ld J", r.res.jacobian_evals);
            printf(", %s |", r.reached == 1 ? "yes" : r.reached == 2 ? "local" : status_name(r.res.status));
        }
        printf("\n");
    }
    printf("\n");
    for (size_t k = 0; k < K; k++)
        printf("- %s: f* (or the documented local minimum) reached on **%d of %d**, a minimum shown on %d.\n",
               order[k], reached[k], total, converged[k]);
}

/* The targets for the default Newton (textbook line-search Newton
 * with the added-identity modification, from the standard starts). */
static const struct {
    const char *name;
    int max_iter;
} targets[] = {
    {"rosenbrock", 21}, {"beale", 7}, {"helical_valley", 10}, {"wood", 39},
    {"powell_badly_scaled", 91}, {"extended_rosenbrock", 21},
};

static int summary(int with_time)
{
    (void)with_time;
    const method_row *newton = &methods[1], *tr = &methods[2];
    int reached = 0, local = 0, total = 0;
    printf("\n## Default Newton on MGH #1-#18\n\n");
    printf("f - f* <= max(1e-8·max(1, |f*|), precision of the published f*):\n\n");
    for (size_t i = 0; i < hd_problem_count(); i++) {
        const hd_problem *p = hd_problem_at(i);
        if (p->mgh_number < 1 || p->mgh_number > 18) continue;
        const run r = run_one(p, newton, NULL);
        total++;
        if (r.reached == 1) reached++;
        else
            printf("- %s: %s (MGH #%d): %s after %d iterations, f = %.10g, f* = %.10g (%s)\n",
                   r.reached == 2 ? "documented local minimum" : "**not reached**", p->name,
                   p->mgh_number, r.rc == HD_OK ? status_name(r.res.status) : hd_strerror(r.rc),
                   r.res.iterations, r.res.f, p->f_star, p->f_star_note);
        if (r.reached == 2) local++;
    }
    printf("\n**%d of %d** reach f*, %d more a documented local minimum (target: at least 17 "
           "of 18, counting documented local minima).\n",
           reached, total, local);

    printf("\n## Default Newton iterations against the targets\n\n");
    printf("| problem | n | target | iterations | status | met |\n| --- | --- | --- | --- | --- | --- |\n");
    int met = 0;
    for (size_t k = 0; k < sizeof targets / sizeof targets[0]; k++) {
        const hd_problem *p = hd_problem_find(targets[k].name);
        if (!p) continue;
        const run r = run_one(p, newton, NULL);
        const int ok = r.rc == HD_OK && r.reached == 1 && r.res.iterations <= targets[k].max_iter;
        met += ok;
        printf("| %s | %zu | <= %d | %d | %s | %s |\n", p->name, p->n, targets[k].max_iter,
               r.res.iterations, r.rc == HD_OK ? status_name(r.res.status) : hd_strerror(r.rc),
               ok ? "yes" : "**no**");
    }
    printf("\n%d of %zu iteration targets met.\n", met, sizeof targets / sizeof targets[0]);

    const hd_problem *rosen = hd_problem_find("rosenbrock");
    const double origin[2] = {0.0, 0.0};
    const run r0 = run_one(rosen, newton, origin);
    /* Each f or dual call is one evaluation at a trial point (a dual pass gives
     * f and one directional derivative); hyper, hyperv and the packed kinds'
     * (hyper2, hyper4) calls are Hessian passes, which give f and g at the
     * iterate on the way. */
    printf("\nRosenbrock from (0, 0), default Newton: %s in %d iterations, f = %.3g; "
           "%ld trial-point evaluations (%ld f + %ld dual calls; target: <= 17, Optim.jl's f "
           "count), and %ld hyper-dual + %ld lane hyper-dual + %ld packed (hd_hyper2, hd_hyper4) "
           "passes for the Hessians.\n",
           r0.rc == HD_OK ? status_name(r0.res.status) : hd_strerror(r0.rc), r0.res.iterations,
           r0.res.f, r0.res.f_calls + r0.res.dual_calls, r0.res.f_calls, r0.res.dual_calls,
           r0.res.hyper_calls, r0.res.hyperv_calls, r0.res.hyper2_calls + r0.res.hyper4_calls);

    least_squares_table();
    /* issue 15: the methods for large n against dense Newton, on every MGH problem */
    printf("\n## Newton-CG and L-BFGS against dense Newton (MGH problems)\n\n");
    printf("| method | reach f* | documented local minimum | neither | converged (minimum shown) |\n"
           "| --- | --- | --- | --- | --- |\n");
    static const char *const large_n[] = {"newton", "newton-cg", "newton-cg-tr", "lbfgs"};
    for (size_t k = 0; k < sizeof large_n / sizeof large_n[0]; k++) {
        const method_row *m = NULL;
        for (size_t j = 0; j < N_METHODS; j++)
            if (!strcmp(methods[j].name, large_n[k])) m = &methods[j];
        int yes = 0, loc = 0, no = 0, conv = 0;
        for (size_t i = 0; i < hd_problem_count(); i++) {
            const hd_problem *p = hd_problem_at(i);
            if (p->mgh_number < 1) continue;
            const run r = run_one(p, m, NULL);
            yes += r.reached == 1;
            loc += r.reached == 2;
            no += r.reached == 0;
            conv += r.rc == HD_OK && r.res.status == HD_CONVERGED;
        }
        printf("| %s | %d | %d | %d | %d |\n", large_n[k], yes, loc, no, conv);
    }

    const hd_problem *pbs = hd_problem_find("powell_badly_scaled");
    const run rt = run_one(pbs, tr, NULL);
    printf("\nTrust-region Newton on Powell badly scaled: %s in %d iterations, f - f* = %.2e, "
           "||g||_inf = %.2e (target: solved).\n",
           rt.rc == HD_OK ? status_name(rt.res.status) : hd_strerror(rt.rc), rt.res.iterations,
           rt.gap, rt.res.grad_norm);
    return 0;
}

/* --serve NAME: the residuals of a sum-of-squares problem for a peer
 * (bench/lmder_compare.py drives MINPACK's lmder through scipy with them).
 * Prints "n m" and the standard start, then answers one request per line
 * of standard input: "r x_1 ... x_n" (the m residuals), "j x_1 ... x_n"
 * (the m·n Jacobian, row-major), "lm" (this library's Levenberg-Marquardt
 * from the standard start: status, Jacobians, residual evaluations,
 * iterations, f), "q" (quit). Numbers round-trip (%.17g). */
static void print_numbers(const double *v, size_t k)
{
    for (size_t i = 0; i < k; i++) printf("%s%.17g", i ? " " : "", v[i]);
    printf("\n");
}

static int read_point(const char *line, size_t n, double *x)
{
    const char *s = line + 1;
    for (size_t j = 0; j < n; j++) {
        char *end;
        x[j] = strtod(s, &end);
        if (end == s) return 0;
        s = end;
    }
    return 1;
}

static int serve(const hd_problem *p)
{
    if (!p->residuals) {
        fprintf(stderr, "optim_report: %s is not a sum of squares\n", p->name);
        return 2;
    }
    const hd_vector_objective F = p->residuals(0);
    const size_t n = F.n, m = F.m;
    double *x = malloc(n * sizeof *x), *out = malloc(m * n * sizeof *out);
    if (!x || !out) return 2;
    printf("%zu %zu\n", n, m);
    p->start(0, x);
    print_numbers(x, n);
    fflush(stdout);
    static char line[1 << 16];
    int status = 0;
    while (fgets(line, sizeof line, stdin)) {
        int rc = HD_OK;
        if (line[0] == 'q') break;
        if (line[0] == 'l') {
            hd_objective obj;
            hd_options opt;
            hd_result res;
            hd_options_default(&opt, HD_LEVENBERG_MARQUARDT);
            p->start(0, x);
            rc = hd_sum_of_squares(&F, &obj);
            if (rc == HD_OK) rc = hd_minimize(&obj, x, &opt, &res);
            if (rc == HD_OK)
                printf("%s|%ld|%ld|%d|%.17g\n", status_name(res.status), res.jacobian_evals,
                       res.residual_evals, res.iterations, res.f);
        } else if (!read_point(line, n, x)) {
            rc = HD_EINVAL;
        } else if (line[0] == 'r') {
            rc = hd_vector_value(&F, x, out);
            if (rc == HD_OK) print_numbers(out, m);
        } else if (line[0] == 'j') {
            rc = hd_jacobian(&F, x, NULL, out);
            if (rc == HD_OK) print_numbers(out, m * n);
        }
        if (rc != HD_OK) {
            fprintf(stderr, "optim_report: %s\n", hd_strerror(rc));
            status = 2;
            break;
        }
        fflush(stdout);
    }
    free(x);
    free(out);
    return status;
}

int main(int argc, char **argv)
{
    const char *only_problem = NULL, *only_method = NULL;
    int with_time = 1;
    for (int a = 1; a < argc; a++) {
        if (!strcmp(argv[a], "--problem") && a + 1 < argc) only_problem = argv[++a];
        else if (!strcmp(argv[a], "--method") && a + 1 < argc) only_method = argv[++a];
        else if (!strcmp(argv[a], "--no-time")) with_time = 0;
        else if (!strcmp(argv[a], "--serve") && a + 1 < argc) {
            const hd_problem *p = hd_problem_find(argv[++a]);
            return p ? serve(p) : 2;
        } else if (!strcmp(argv[a], "--least-squares")) {
            /* the names of the sums of squares, for bench/lmder_compare.py */
            for (size_t i = 0; i < hd_problem_count(); i++)
                if (hd_problem_at(i)->residuals) printf("%s\n", hd_problem_at(i)->name);
            return 0;
        }
        else {
            fprintf(stderr, "usage: %s [--problem NAME] [--method NAME] [--no-time]\n", argv[0]);
            return 2;
        }
    }
    if (only_problem && !hd_problem_find(only_problem)) {
        fprintf(stderr, "%s: no problem named %s\n", argv[0], only_problem);
        return 2;
    }

    printf("# Optimizer report\n\n");
    printf("*Generated by `make optim-table` (which runs bench/optim_report); do not edit by "
           "hand.*\n\n");
    printf("Every method on every built-in problem (default n) from its standard start, with "
           "the default options of each method (gtol = 1e-8 on ||g||_inf); gradient descent "
           "is capped at %d iterations. *pure newton* is the full step with the Hessian as is. "
           "Calls count objective evaluations by kind; a *dual4* call is one hd_dual4 pass "
           "(four gradient directions), a *lanes* call one hd_dualv pass "
           "(HD_LANES gradient directions), a *hyperv* call one hd_hyperv pass (HD_HYPERV_LANES "
           "Hessian entries), as the drivers choose them (doc/performance.md); passes count "
           "all derivative passes. "
           "*reached* means f - f* <= max(1e-8·max(1, |f*|), precision of the published f*), "
           "*local* that f is a documented local minimum (the registry's f_star_note), ? that "
           "f* is unknown. Gradient descent and BFGS pay one Hessian at the end to classify "
           "their final point (classify_final), so a saddle is reported as one, and one more "
           "at the Newton point to show a minimum; L-BFGS too. *newton-cg* and *newton-cg-tr* "
           "(truncated Newton on exact Hessian-vector products, line search and "
           "Steihaug-Toint) test their final point with the dense Hessian at these sizes. "
           "*stationary* means that the gradient test "
           "was met but no minimum was shown: the Hessian is singular or too nearly singular "
           "for the gradient (doc/optimizers.md, \"Is it a minimum?\"). Gauss-Newton and "
           "Levenberg-Marquardt run on the sums of squares (every MGH problem), on the objective "
           "of their residuals (hd_sum_of_squares): their f calls are residual vectors, their "
           "dual4 / lanes calls Jacobians, and a Hessian or two at the end shows the minimum "
           "(\"Least squares\" there).%s\n\n",
           GD_MAX_ITER, with_time ? " Times are wall-clock milliseconds on the machine that "
                                    "generated the table." : "");
    /* one column per kind of the list (kinds.h), so the columns add up to passes */
    printf("| problem | n | method | status | iter |");
    for (int k = 0; k < HD_KIND_COUNT; k++)
        printf(" %s calls |", k == HD_KIND_VALUE ? "f" : hd_kind_name((hd_kind)k));
    printf(" passes | f - f* | reached | ‖g‖∞ |%s\n", with_time ? " ms |" : "");
    printf("| --- | --- | --- | --- | --- |");
    for (int k = 0; k < HD_KIND_COUNT; k++) printf(" --- |");
    printf(" --- | --- | --- | --- |%s\n", with_time ? " --- |" : "");
    for (size_t i = 0; i < hd_problem_count(); i++) {
        const hd_problem *p = hd_problem_at(i);
        if (only_problem && strcmp(p->name, only_problem)) continue;
        for (size_t k = 0; k < N_METHODS; k++) {
            if (only_method && strcmp(methods[k].name, only_method)) continue;
            if (hd_method_needs_residuals(methods[k].method) && !p->residuals) continue;
            const run r = run_one(p, &methods[k], NULL);
            print_row(p, &methods[k], &r, with_time);
        }
    }
    if (!only_problem && !only_method) return summary(with_time);
    return 0;
}
