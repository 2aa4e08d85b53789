/* Private to the expression engine (lib/expr_*.c): the token, the
 * instruction set generated from the rule table, and the compiled program. */
#ifndef HYPERDUAL_EXPR_INTERNAL_H
#define HYPERDUAL_EXPR_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <hyperdual.h>
#include <hyperdual/expr.h>

/* ---- tokens (expr_lex.c) --------------------------------------------------- */
enum hd__tok_kind {
    HD__TOK_END, HD__TOK_NUM, HD__TOK_NAME,
    HD__TOK_PLUS, HD__TOK_MINUS, HD__TOK_STAR, HD__TOK_SLASH, HD__TOK_POW,
    HD__TOK_LPAREN, HD__TOK_RPAREN, HD__TOK_COMMA
};

typedef struct hd__token {
    enum hd__tok_kind kind;
    size_t pos, len;   /* byte offset and length in the text */
    double num;        /* HD__TOK_NUM */
} hd__token;

/* Next token at or after *pos; on success *pos is past it. Returns HD_OK or
 * HD_ESYNTAX / HD_ENOMEM with err filled. */
int hd__lex(const char *s, size_t len, size_t *pos, hd__token *tok, hd_expr_error *err);

/* Fill err (code, column = offset + 1 or 0 for none, printf message); returns code. */
int hd__expr_fail(hd_expr_error *err, int code, size_t column, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* A name quoted for a message: at most 40 bytes, then "...". */
typedef struct { char s[48]; } hd__quoted;
hd__quoted hd__quote(const char *name, size_t len);

/* ---- instruction set --------------------------------------------------------
 * A stack machine with the top of the stack in an accumulator. Every opcode
 * but the two loads is generated from the rows of rules.h:
 *   U_f   acc = f(acc)
 *   B_f   acc = f(pop(), acc)          both operands computed
 *   BR_f  acc = f(acc, k)              constant right operand (number-by-real kernel)
 *   BL_f  acc = f(k, acc)              constant left operand
 *   BVR_f acc = f(acc, x[idx])         variable right operand (saves a push)
 *   BVL_f acc = f(x[idx], acc)         variable left operand
 * A binary row's five opcodes are consecutive, in that order. */
#define HD__OP_UNARY(name, ...) HD__OP_U_##name,
#define HD__OP_BINARY(name, ...) HD__OP_B_##name, HD__OP_BR_##name, HD__OP_BL_##name, \
                                 HD__OP_BVR_##name, HD__OP_BVL_##name,
enum hd__opcode {
    HD__OP_VAR,     /* push acc; acc = x[idx] */
    HD__OP_CONST,   /* push acc; acc = k */
    HD_UNARY_RULES(HD__OP_UNARY)
    HD_BINARY_RULES(HD__OP_BINARY)
    HD__OP_COUNT
};
enum { HD__VARIANT_B, HD__VARIANT_BR, HD__VARIANT_BL, HD__VARIANT_BVR, HD__VARIANT_BVL };

typedef struct hd__insn {
    uint32_t op;
    uint32_t idx;   /* variable index (VAR, BVR, BVL) */
    double   k;     /* constant (CONST, BR, BL) */
} hd__insn;

struct hd_expr {
    hd__insn *code;
    size_t    ncode;
    size_t    max_stack;   /* values below the accumulator the program needs */
    size_t    nvars;
    char    **names;       /* nvars NUL-terminated names (one allocation, see parse) */
    unsigned char *used;   /* nvars flags */
};

/* The function table: name -> opcode (U_f, or B_f for two arguments). */
typedef struct hd__function {
    const char *name;
    int         arity;
    unsigned    op;
} hd__function;
const hd__function *hd__find_function(const char *name, size_t len);

#endif /* HYPERDUAL_EXPR_INTERNAL_H */
