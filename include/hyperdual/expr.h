/**
 * @file hyperdual/expr.h
 * @brief The expression engine: parse a formula once into a compact flat
 *        program, then evaluate it on double, hd_dual or hd_hyper, or hand it
 *        to the drivers and optimizers as an hd_objective.
 *
 * Grammar (the contract's, all of it):
 *
 *     expr  := term (('+' | '-') term)*
 *     term  := unary (('*' | '/') unary)*
 *     unary := ('-' | '+') unary | power
 *     power := atom (('^' | '**') unary)?      right-associative; -x^2 = -(x^2)
 *     atom  := NUMBER | NAME | NAME '(' expr (',' expr)* ')' | '(' expr ')'
 *
 * NUMBER is a C decimal floating literal (`3`, `0.5`, `1e-3`, `.5`, `3.`);
 * one that overflows is an infinite value, not an error. NAME is
 * `[A-Za-z_][A-Za-z0-9_]*`. `pi` and `e` are constants. Every function of the
 * rule table (rules.h) is callable by its name without `hd_`: the one-argument
 * ones (`sqrt`, `exp`, ..., `sigmoid`, `softplus`, `sq`, `recip`, `relu`, ...)
 * and the two-argument ones (`pow`, `atan2`, `hypot`, `fmin`, `fmax`, ...),
 * plus the aliases `abs` (fabs), `min` (fmin) and `max` (fmax);
 * hd_expr_function() lists them. Every other name is a variable. Blanks
 * (space, tab, newline, carriage return) may separate tokens.
 *
 * The program is an instruction array over a value stack; the parser is an
 * operator-precedence (shunting-yard) parser with explicit, heap-allocated
 * stacks, so no input can exhaust the C stack. Subexpressions without a
 * variable are folded at parse time on plain doubles, and an operation with a
 * constant operand uses the number-by-real rule: `x^2` is hd_pow_hyper_r(x, 2)
 * and is exact at x <= 0 (second derivative 2 at 0). Every operation applies a
 * row of rules.h: its value and partials come from the row's formulas, and
 * each number type's chain-rule primitives of kernels.h apply them, so every
 * result is bit for bit that of the kernel a compiled HD_GENERIC_OBJECTIVE
 * calls; the engine holds no derivative rule of its own.
 *
 * Limits: at most HD_EXPR_MAX_LENGTH bytes of text and HD_EXPR_MAX_DEPTH
 * levels of nesting; beyond them parsing fails cleanly with HD_ERANGE.
 *
 * Thread safety: a parsed hd_expr is immutable; any number of threads may
 * evaluate it at the same time. There is no global state.
 */
#ifndef HYPERDUAL_EXPR_H
#define HYPERDUAL_EXPR_H

#include <stddef.h>
#include "export.h"
#include "error.h"
#include "types.h"
#include "diff.h"

HD_BEGIN_DECLS

/** Longest accepted expression text, in bytes (1 MiB). */
#define HD_EXPR_MAX_LENGTH ((size_t)1 << 20)

/**
 * Deepest accepted nesting: open parentheses, function calls and operators
 * still waiting for their right operand (a prefix sign, or a right-associative
 * `^` chain), counted together. `((((x))))` has depth 4, `-(-(-x))` 6,
 * `x^x^x` 2; a flat sum or product of any length has depth 1.
 */
#define HD_EXPR_MAX_DEPTH 10000

/** A parsed expression (opaque, immutable once parsed). */
typedef struct hd_expr hd_expr;

/** Why hd_expr_parse() failed, and where. */
typedef struct hd_expr_error {
    int    code;         /**< the return code: HD_ESYNTAX, HD_ERANGE, HD_EINVAL or HD_ENOMEM */
    size_t column;       /**< 1-based column (byte offset + 1) in the text; 0 when none applies */
    char   message[160]; /**< what is wrong, without the column, e.g. "unknown function 'foo'" */
} hd_expr_error;

/**
 * @brief Parse and compile an expression.
 *
 * @param text  the expression; need not be NUL-terminated, may contain any
 *              bytes (a NUL or non-ASCII byte is a syntax error at its column)
 * @param len   length of text in bytes
 * @param vars  the variables, in the order evaluation takes them, or NULL:
 *              then the variables are the expression's names in order of
 *              first appearance. Each must be a valid NAME that is neither a
 *              constant nor a function (see hd_expr_name_kind()), without
 *              duplicates; names the expression does not use are allowed.
 * @param nvars number of names in vars (ignored when vars is NULL)
 * @param out   out: the compiled expression (free with hd_expr_free()); NULL on error
 * @param err   out, may be NULL: code, column and message of a failure
 * @return HD_OK;
 *         HD_ESYNTAX for a syntax error, an unknown function, a wrong number of
 *         arguments or a variable missing from vars (with its column);
 *         HD_ERANGE if text is longer than HD_EXPR_MAX_LENGTH or nested deeper
 *         than HD_EXPR_MAX_DEPTH;
 *         HD_EINVAL for a NULL text (with len > 0) or out, or a bad vars list
 *         (column 0);
 *         HD_ENOMEM.
 */
HD_API HD_WARN_UNUSED int hd_expr_parse(const char *text, size_t len, const char *const *vars,
                                        size_t nvars, hd_expr **out, hd_expr_error *err);

/** @brief Release an expression; NULL is allowed. */
HD_API void hd_expr_free(hd_expr *expr);

/** @brief Number of variables (the length of the x arrays evaluation takes). */
HD_API size_t hd_expr_num_vars(const hd_expr *expr);

/** @brief Name of variable i (0 <= i < hd_expr_num_vars()), or NULL. */
HD_API const char *hd_expr_var_name(const hd_expr *expr, size_t i);

/** @brief 1 if the expression mentions variable i, else 0. */
HD_API int hd_expr_uses_var(const hd_expr *expr, size_t i);

/** @brief Number of instructions of the compiled program (after constant folding). */
HD_API size_t hd_expr_size(const hd_expr *expr);

/**
 * @brief Value at x (x holds hd_expr_num_vars() values; may be NULL when there are none).
 * @return f(x); NaN if expr is NULL or scratch memory cannot be allocated
 *         (only programs nested deeper than 64 levels need any).
 */
HD_API double hd_expr_eval(const hd_expr *expr, const double *x);

/** @brief The expression on dual numbers: {f(x), directional derivative}. As hd_expr_eval(). */
HD_API hd_dual hd_expr_eval_dual(const hd_expr *expr, const hd_dual *x);

/** @brief The expression on hyper-dual numbers (second directional derivatives). As hd_expr_eval(). */
HD_API hd_hyper hd_expr_eval_hyper(const hd_expr *expr, const hd_hyper *x);

/**
 * @brief The expression as an objective for hd_value/hd_gradient/hd_hessian
 *        and hd_minimize: n = hd_expr_num_vars(), all three members set,
 *        ctx = expr. The expression must outlive the objective. With no
 *        variables n is 0, which the drivers reject (HD_EINVAL).
 */
HD_API hd_objective hd_expr_objective(const hd_expr *expr);

/** What a NAME means to the parser (hd_expr_name_kind()). */
typedef enum {
    HD_EXPR_NAME_INVALID,   /**< not of the form [A-Za-z_][A-Za-z0-9_]* */
    HD_EXPR_NAME_VARIABLE,  /**< any other name */
    HD_EXPR_NAME_CONSTANT,  /**< pi or e */
    HD_EXPR_NAME_FUNCTION   /**< a function (see hd_expr_function()) */
} hd_expr_name_kind;

/** @brief Classify name[0..len-1] (need not be NUL-terminated). */
HD_API hd_expr_name_kind hd_expr_name_kind_of(const char *name, size_t len);

/**
 * @brief The i-th callable function, for listings.
 * @param i     0, 1, ... (aliases such as abs, min, max come last)
 * @param arity out, may be NULL: 1 or 2
 * @return its name, or NULL when i is past the end
 */
HD_API const char *hd_expr_function(size_t i, int *arity);

HD_END_DECLS

#endif /* HYPERDUAL_EXPR_H */
