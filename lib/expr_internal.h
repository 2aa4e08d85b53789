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
 * but the two loads is generated from the rows of rules.h. An operand is
 * computed (the accumulator, or popped from below it), a variable x[idx]
 * (no load of its own: the operation pushes the accumulator and takes it)
 * or a constant k:
 *   U_f   acc = f(acc)
 *   UV_f  push acc; acc = f(x[idx])
 *   B_f   acc = f(pop(), acc)          both operands computed
 *   BR_f  acc = f(acc, k)              constant right operand (number-by-real kernel)
 *   BL_f  acc = f(k, acc)              constant left operand
 *   BVR_f acc = f(acc, x[idx])
 *   BVL_f acc = f(x[idx], acc)
 *   BRV_f push acc; acc = f(x[idx], k)
 *   BLV_f push acc; acc = f(k, x[idx])
 *   BVV_f push acc; acc = f(x[idx], x[idx2])
 * A unary row's two opcodes and a binary row's eight are consecutive, in
 * that order. */
#define HD__OP_UNARY(name, ...) HD__OP_U_##name, HD__OP_UV_##name,
#define HD__OP_BINARY(name, ...) HD__OP_B_##name, HD__OP_BR_##name, HD__OP_BL_##name, \
                                 HD__OP_BVR_##name, HD__OP_BVL_##name, HD__OP_BRV_##name, \
                                 HD__OP_BLV_##name, HD__OP_BVV_##name,
enum hd__opcode {
    HD__OP_VAR,     /* push acc; acc = x[idx] */
    HD__OP_CONST,   /* push acc; acc = k */
    HD_UNARY_RULES(HD__OP_UNARY)
    HD_BINARY_RULES(HD__OP_BINARY)
    HD__OP_COUNT
};
enum { HD__VARIANT_U, HD__VARIANT_UV };
enum { HD__VARIANT_B, HD__VARIANT_BR, HD__VARIANT_BL, HD__VARIANT_BVR, HD__VARIANT_BVL,
       HD__VARIANT_BRV, HD__VARIANT_BLV, HD__VARIANT_BVV };

/* ---- shapes -------------------------------------------------------------------
 * What an instruction does to the derivative parts, once its value and
 * partials are known: the chain-rule primitive of kernels.h it applies (by
 * the rule's class) and where its operands come from. The number kinds are
 * evaluated from the values and partials on doubles, the rules' formulas
 * written once, and each kind's primitives by shape, which hold no rule
 * (expr_run.h). An operation with a constant operand (BR, BL, BRV, BLV)
 * applies the one-argument primitive of the class that remains (kernels.h:
 * HD__LEFT_cls, HD__RIGHT_cls), as its kernel does.
 *   LOADV, LOADK   push acc; acc = x[idx] or the constant k
 *   U_LIN          acc = chain1_lin(acc)     (first order: chain1)
 *   U_SMOOTH       acc = chain1(acc)
 *   U_LIN_V        push acc; acc = chain1_lin(x[idx])
 *   U_SMOOTH_V     push acc; acc = chain1(x[idx])
 *   B_cls_SA       acc = chain2_cls(pop(), acc)
 *   B_cls_AX       acc = chain2_cls(acc, x[idx])
 *   B_cls_XA       acc = chain2_cls(x[idx], acc)
 *   B_cls_XX       push acc; acc = chain2_cls(x[idx], x[idx2])
 * with cls LIN, BIL, QUOT, SMOOTH or POWER (first order: chain2, or
 * chain2_power for POWER). */
#define HD__SHAPE_CLASSES(X) X(LIN) X(BIL) X(QUOT) X(SMOOTH) X(POWER)
#define HD__SHAPE_B(cls) HD__SH_B_##cls##_SA, HD__SH_B_##cls##_AX, HD__SH_B_##cls##_XA, \
                         HD__SH_B_##cls##_XX,
enum hd__shape {
    HD__SH_LOADV, HD__SH_LOADK, HD__SH_U_LIN, HD__SH_U_SMOOTH, HD__SH_U_LIN_V, HD__SH_U_SMOOTH_V,
    HD__SHAPE_CLASSES(HD__SHAPE_B)
    HD__SH_COUNT
};

typedef struct hd__insn {
    uint16_t op;
    uint16_t shape;      /* enum hd__shape of op (set by the compiler) */
    uint32_t idx;        /* variable index (VAR, UV, BVR, BVL, BRV, BLV, BVV) */
    union {
        double k;        /* constant (CONST, BR, BL, BRV, BLV) */
        uint32_t idx2;   /* second variable index (BVV) */
    };
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
