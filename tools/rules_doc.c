/* Prints doc/rules.md, the table of derivative rules, from the rule table
 * itself (include/hyperdual/rules.h): each row's f, f', f'' and note are the
 * row's own expressions, stringified by the preprocessor, so the document
 * cannot drift from the code. `make rules-doc` regenerates doc/rules.md and
 * tests/rules_doc.sh fails when the committed file differs. */
#include <stdio.h>
#include <hyperdual/rules.h>
#include "../lib/diff/path_kinds.h" /* the drivers' thresholds, stated once */

/* A table cell: the text with '|' escaped, so a note like "|x| < 1" cannot
 * split the row. As code (backquoted) when code is nonzero. */
static void cell(const char *s, int code)
{
    fputs(code ? " `" : " ", stdout);
    for (; *s; s++) {
        if (*s == '|') fputs(code ? "\\|" : "\\|", stdout);
        else putchar(*s);
    }
    fputs(code ? "` |" : " |", stdout);
}

static int n_unary, n_binary;

#define UNARY_ROW(name, cls, F, D, DD, NOTE)                                         \
    fputs("| `hd_" #name "` |", stdout);                                             \
    cell(#cls, 0);                                                                   \
    cell(#F, 1);                                                                     \
    cell(#D, 1);                                                                     \
    cell(#DD, 1);                                                                    \
    cell(NOTE, 0);                                                                   \
    putchar('\n');                                                                   \
    n_unary++;
#define BINARY_ROW(name, cls, F, FX, FY, FXX, FXY, FYY, NOTE)                        \
    fputs("| `hd_" #name "` |", stdout);                                             \
    cell(#cls, 0);                                                                   \
    cell(#F, 1);                                                                     \
    cell(#FX, 1);                                                                    \
    cell(#FY, 1);                                                                    \
    cell(#FXX, 1);                                                                   \
    cell(#FXY, 1);                                                                   \
    cell(#FYY, 1);                                                                   \
    cell(NOTE, 0);                                                                   \
    putchar('\n');                                                                   \
    n_binary++;

int main(void)
{
    puts("# Derivative rules\n");
    puts("<!-- Generated from include/hyperdual/rules.h by tools/rules_doc (`make rules-doc`).");
    puts("     Do not edit: tests/rules_doc.sh fails when this file and the table differ. -->\n");
    puts("Every function of hyperdual is one row of the rule table in");
    puts("`include/hyperdual/rules.h`. The kernels for `double`, `hd_dual` and `hd_hyper`,");
    puts("the `_Generic` macros, the exported mirrors `hd_call_*`, the expression engine and");
    puts("the per-function tests (`tests/check_rules.c`) are all generated from these rows,");
    puts("and so is this page: the formulas below are the code, verbatim.\n");
    puts("A one-argument row gives f(x), then f' in terms of `x` and `f` (the value), then");
    puts("f'' in terms of `x`, `f` and `d` (= f'). A kernel evaluates them once at the value");
    puts("part and applies the chain rule: `f({v, a, b, c}) = {f, f'a, f'b, f'c + f''ab}`.\n");
    puts("Classes tell the kernels which parts are structurally zero: `SMOOTH` (f'' may be");
    puts("nonzero), `LINEAR` (f'' = 0 wherever it exists, kinks included), `STEP` (f' = 0");
    puts("wherever it exists); for two arguments `SMOOTH` (all second partials), `QUOT`");
    puts("(f_xx = 0), `BILINEAR` (only f_xy), `LINEAR` (no second partials), `POWER` (`SMOOTH`,");
    puts("but a partial never multiplies a tangent component that is exactly zero: d/dy x^y");
    puts("is NaN at x < 0, where x^c with a constant c must stay exact).\n");
    puts("Conventions where a derivative does not exist: `fabs` and `relu` have slope 0 at 0;");
    puts("`fmin`/`fmax` at a tie give the average of the two arguments' derivative parts");
    puts("(d1, d2 and d12 alike); `floor`, `ceil`, `trunc`, `round` have derivative 0.");
    puts("Elsewhere IEEE 754 holds: an infinite slope is `inf` (sqrt at 0), a NaN reaches");
    puts("every part that the arithmetic makes depend on it (so f'·0 with f' = inf is NaN;");
    puts("compile with `-DHD_NANSAFE` to keep a zero part zero).");
    puts("Helpers named `hd__*` in the formulas are small inline functions in `rules.h`.\n");

    puts("## One argument\n");
    puts("| function | class | f | f' | f'' | domain, edges, conventions |");
    puts("| --- | --- | --- | --- | --- | --- |");
    HD_UNARY_RULES(UNARY_ROW)

    puts("\n## Two arguments\n");
    puts("`x` is the first argument, `y` the second.\n");
    puts("| function | class | f | f_x | f_y | f_xx | f_xy | f_yy | domain, edges, conventions |");
    puts("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    HD_BINARY_RULES(BINARY_ROW)

    puts("\n## Compositions\n");
    puts("Two functions are compositions of rows rather than rows of their own:\n");
    puts("- `hd_powi(a, n)`: a^n for an `int` n by binary powering with `mul` and `sq`");
    puts("  (a negative n takes `recip` at the end), exact for a negative base;");
    puts("  `hd_powi(a, 0)` is the constant 1.");
    puts("- `hd_fma(a, b, c)`: the derivative parts of `add(mul(a, b), c)` with the value");
    puts("  rounded once, as C's `fma`.\n");
    puts("## Paths\n");
    puts("The drivers' paths (`paths.h`) apply these partials through the chain rule in");
    puts("different orders: the forward paths (scalar, lanes, narrow, sparse) carry tangents");
    puts("from the inputs, the taped path (`HD_PATH_TAPE`, which `hd_gradient` takes from");
    printf("n = %d, `hd_hessian` from n = %d and `hd_sparse_hessian` always, when the objective\n",
           (int)(TAPE_GRADIENT_MIN_N), (int)(TAPE_HESSIAN_MIN_N));
    puts("has `f_taped`) carries adjoints back from the result. The forward paths' IEEE");
    puts("result is the reference: where the tape meets a non-finite value, partial,");
    puts("gradient or Hessian entry, the taped path declines and a forward path answers,");
    puts("with the conventions above. Where every partial is finite the two agree to");
    puts("rounding, but to rounding of the terms the chain rule adds, which may be far");
    puts("larger or smaller than the result:\n");
    puts("- a product overflows on the forward paths only: d/dx1 of x0·x1·x2·x3 at");
    puts("  (-DBL_MAX, 0, 2, 0) is NaN forward (x0·x2 overflows before x3 = 0 multiplies it)");
    puts("  and the exact 0 taped, since a reverse sweep never forms that product");
    puts("  (`tests/check_tape.c`);");
    puts("- a product underflows on one path only: `kowalik_osborne` at");
    puts("  (-1.125, -1e154, -1e300, -1.6875) has H(0, 0) = 2.2e-291 forward and 0 taped");
    puts("  (a second-order adjoint, about 2e-146/1e300, flushes to zero);");
    puts("- large terms cancel after a small one was absorbed: exp(x) - exp(x) + x at");
    puts("  x = 700 has derivative 1 forward and 0 taped.\n");
    puts("Declining in the first case as well takes one more pass over the tape, to bound");
    puts("every forward tangent: it measured 10-35% of the taped gradient and 7-35% of the");
    puts("taped Hessian of F1 and F2 at n = 2 to 200 (`bench_drivers`), and would leave the");
    puts("other two cases, and an overflow inside a run of constant factors (which the tape");
    puts("folds into one scale). So in these cases the paths differ, and which one");
    puts("`hd_gradient` and `hd_hessian` take depends on n.\n");
    puts("## Accuracy\n");
    puts("Values are libm's, bit for bit, where libm has the function (`tests/check_rules.c`).");
    puts("Derivatives, measured against mpmath (120-400 bits) at a few thousand random");
    puts("points across the domains (while writing the tests; not rerun by `make check`):");
    puts("most rows within 6e-16 relative and all within 5e-15, except `erf`/`erfc`, up to");
    puts("about 6e-14 near x = 26 (x^2 rounds before exp(-x^2)), and");
    puts("`logaddexp`, up to about 6e-14 when |x - y| is in the hundreds (x - y rounds before");
    puts("the exponential). `lgamma`/`tgamma` go through `hd_digamma` and `hd_trigamma`, whose");
    puts("relative error is below 1e-13 for x > 0 (a series about the positive root of");
    puts("digamma keeps it there) and for x < 0 except close to the roots of digamma between");
    puts("the poles, where the error is about 1e-16 absolute. The tests hold every row to");
    puts("1e-12 against independent long double formulas and finite differences.\n");
    printf("%d one-argument and %d two-argument rows, %d functions with the compositions.\n", n_unary,
           n_binary, n_unary + n_binary + 2);
    return 0;
}
