/* The expression compiler: an operator-precedence (shunting-yard) parser with
 * explicit heap stacks that emits the flat program of expr_internal.h.
 *
 * Operands waiting on the operand stack are either constants (folded on plain
 * doubles as soon as an operation has only constant inputs), variables (not
 * yet loaded, so an operation with a variable operand takes it directly:
 * UV, BVR, BVL, BRV, BLV, BVV) or computed code (already emitted; its value
 * sits in the accumulator or on the run-time stack). Invariant: the run-time
 * stack holds, in order, the values of the computed operands below the
 * topmost one, which is in the accumulator. A load, and an operation with no
 * computed operand, push the accumulator first, so at run time the program
 * needs exactly as many stack slots as the compiler counts. */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "expr_internal.h"

/* ---- constant folding: the plain-double kernels ------------------------------ */
#define HD__APPLY1(name, ...) case HD__OP_U_##name: return hd__##name##_r(x);
static double apply1_double(unsigned op, double x)
{
    switch (op) {
    HD_UNARY_RULES(HD__APPLY1)
    default: return NAN;
    }
}
#define HD__APPLY2(name, ...) case HD__OP_B_##name: return hd__##name##_rr(x, y);
static double apply2_double(unsigned op, double x, double y)
{
    switch (op) {
    HD_BINARY_RULES(HD__APPLY2)
    default: return NAN;
    }
}

/* ---- the function table, generated from rules.h ----------------------------- */
#define HD__FN_UNARY(name, ...) {#name, 1, HD__OP_U_##name},
#define HD__FN_BINARY(name, ...) {#name, 2, HD__OP_B_##name},
static const hd__function functions[] = {
    HD_UNARY_RULES(HD__FN_UNARY)
    HD_BINARY_RULES(HD__FN_BINARY)
    /* the contract's short names */
    {"abs", 1, HD__OP_U_fabs},
    {"min", 2, HD__OP_B_fmin},
    {"max", 2, HD__OP_B_fmax},
};
#define NFUNCTIONS (sizeof functions / sizeof functions[0])

const hd__function *hd__find_function(const char *name, size_t len)
{
    for (size_t i = 0; i < NFUNCTIONS; i++)
        if (strlen(functions[i].name) == len && memcmp(functions[i].name, name, len) == 0)
            return &functions[i];
    return NULL;
}

const char *hd_expr_function(size_t i, int *arity)
{
    if (i >= NFUNCTIONS) return NULL;
    if (arity) *arity = functions[i].arity;
    return functions[i].name;
}

/* pi and e, as the doubles nearest to them. */
static int find_constant(const char *name, size_t len, double *value)
{
    if (len == 2 && memcmp(name, "pi", 2) == 0) {
        *value = HD__PI;
        return 1;
    }
    if (len == 1 && name[0] == 'e') {
        *value = 2.71828182845904523536028747135266250;
        return 1;
    }
    return 0;
}

hd_expr_name_kind hd_expr_name_kind_of(const char *name, size_t len)
{
    if (!name || len == 0) return HD_EXPR_NAME_INVALID;
    for (size_t i = 0; i < len; i++) {
        const unsigned char c = (unsigned char)name[i];
        const int alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
        if (!alpha && !(i > 0 && c >= '0' && c <= '9')) return HD_EXPR_NAME_INVALID;
    }
    double unused;
    if (find_constant(name, len, &unused)) return HD_EXPR_NAME_CONSTANT;
    if (hd__find_function(name, len)) return HD_EXPR_NAME_FUNCTION;
    return HD_EXPR_NAME_VARIABLE;
}

/* ---- growable arrays ---------------------------------------------------------- */
static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return HD_OK;
    size_t n = *cap ? *cap : 16;
    while (n < need) n *= 2;
    void *q = realloc(*p, n * elem);
    if (!q) return HD_ENOMEM;
    *p = q;
    *cap = n;
    return HD_OK;
}

/* ---- variables: an open-addressing hash of (pointer, length) names ------------ */
typedef struct {
    const char *s;      /* into the text, or the caller's list */
    size_t      len;
} name_ref;
typedef struct {
    name_ref    *name;  /* nvars names */
    size_t       nvars, cap;
    uint32_t    *slot;  /* hash slots: variable index + 1, 0 = empty */
    size_t       nslots;
} vartab;

static size_t hash_name(const char *s, size_t len)
{
    size_t h = 1469598103934665603u & (size_t)-1;
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * (size_t)1099511628211u;
    return h;
}

/* Index of the name, or -1. */
static long vartab_find(const vartab *t, const char *s, size_t len)
{
    if (!t->nslots) return -1;
    for (size_t h = hash_name(s, len) & (t->nslots - 1);; h = (h + 1) & (t->nslots - 1)) {
        const uint32_t v = t->slot[h];
        if (!v) return -1;
        if (t->name[v - 1].len == len && memcmp(t->name[v - 1].s, s, len) == 0) return (long)v - 1;
    }
}

static int vartab_add(vartab *t, const char *s, size_t len)
{
    if (grow((void **)&t->name, &t->cap, t->nvars + 1, sizeof *t->name) != HD_OK) return HD_ENOMEM;
    if (2 * (t->nvars + 1) > t->nslots) {
        const size_t n = t->nslots ? 2 * t->nslots : 64;
        uint32_t *slot = calloc(n, sizeof *slot);
        if (!slot) return HD_ENOMEM;
        for (size_t i = 0; i < t->nslots; i++) {
            const uint32_t v = t->slot[i];
            if (!v) continue;
            size_t h = hash_name(t->name[v - 1].s, t->name[v - 1].len) & (n - 1);
            while (slot[h]) h = (h + 1) & (n - 1);
            slot[h] = v;
        }
        free(t->slot);
        t->slot = slot;
        t->nslots = n;
    }
    t->name[t->nvars].s = s;
    t->name[t->nvars].len = len;
    t->nvars++;
    size_t h = hash_name(s, len) & (t->nslots - 1);
    while (t->slot[h]) h = (h + 1) & (t->nslots - 1);
    t->slot[h] = (uint32_t)t->nvars;
    return HD_OK;
}

static void vartab_free(vartab *t)
{
    free(t->name);
    free(t->slot);
}

/* ---- parser state ------------------------------------------------------------- */
enum { OPD_CONST, OPD_VAR, OPD_CODE };
typedef struct {
    int      kind;
    uint32_t idx;
    double   k;
} operand;

enum { OPR_BINARY, OPR_NEG, OPR_LPAREN, OPR_FUNC };
typedef struct {
    int      kind;
    unsigned op;        /* base opcode (U_f or B_f) */
    int      prec;      /* binary and prefix operators */
    int      argc;      /* OPR_FUNC: arguments completed so far */
    const hd__function *fn;
    size_t   pos;       /* offset of the token (the '(' for calls) */
} operator_;

typedef struct {
    const char *s;
    size_t len;
    hd_expr_error *err;
    hd__insn *code;
    size_t ncode, code_cap;
    operand *opd;
    size_t nopd, opd_cap;
    operator_ *opr;
    size_t nopr, opr_cap;
    size_t sp, max_sp;      /* run-time stack height while emitting */
    vartab vars;
    int fixed_vars;         /* 1: the caller's list; a new name is an error */
    unsigned char *used;
    size_t used_cap;
} parser;

#define PREC_NEG 3
#define PREC_POW 4

/* ---- the shape of each opcode, from the rule classes (expr_internal.h) ------ */
#define SH_UNARY_LINEAR HD__SH_U_LIN
#define SH_UNARY_STEP HD__SH_U_LIN
#define SH_UNARY_SMOOTH HD__SH_U_SMOOTH
#define SH_BINARY_LINEAR LIN
#define SH_BINARY_BILINEAR BIL
#define SH_BINARY_QUOT QUOT
#define SH_BINARY_SMOOTH SMOOTH
#define SH_BINARY_POWER POWER
#define SH_CAT3(a, b, c) SH_CAT3_(a, b, c)
#define SH_CAT3_(a, b, c) a##b##c
#define SH_CAT(a, b) SH_CAT_(a, b)
#define SH_CAT_(a, b) a##b
#define SH_OF_UNARY(name, cls, ...)                                                   \
    [HD__OP_U_##name] = SH_UNARY_##cls, [HD__OP_UV_##name] = SH_UNARY_##cls##_V,
#define SH_UNARY_LINEAR_V HD__SH_U_LIN_V
#define SH_UNARY_STEP_V HD__SH_U_LIN_V
#define SH_UNARY_SMOOTH_V HD__SH_U_SMOOTH_V
#define SH_OF_BINARY(name, cls, ...)                                                  \
    [HD__OP_B_##name] = SH_CAT3(HD__SH_B_, SH_BINARY_##cls, _SA),                     \
    [HD__OP_BR_##name] = SH_CAT(SH_UNARY_, HD__LEFT_##cls),                           \
    [HD__OP_BL_##name] = SH_CAT(SH_UNARY_, HD__RIGHT_##cls),                          \
    [HD__OP_BVR_##name] = SH_CAT3(HD__SH_B_, SH_BINARY_##cls, _AX),                   \
    [HD__OP_BVL_##name] = SH_CAT3(HD__SH_B_, SH_BINARY_##cls, _XA),                   \
    [HD__OP_BRV_##name] = SH_CAT3(SH_UNARY_, HD__LEFT_##cls, _V),                     \
    [HD__OP_BLV_##name] = SH_CAT3(SH_UNARY_, HD__RIGHT_##cls, _V),                    \
    [HD__OP_BVV_##name] = SH_CAT3(HD__SH_B_, SH_BINARY_##cls, _XX),
static const uint8_t shape_of[HD__OP_COUNT] = {
    [HD__OP_VAR] = HD__SH_LOADV,
    [HD__OP_CONST] = HD__SH_LOADK,
    HD_UNARY_RULES(SH_OF_UNARY)
    HD_BINARY_RULES(SH_OF_BINARY)
};

/* The shapes that push the accumulator: a load, or an operation on variables. */
static int pushes(unsigned shape)
{
    switch (shape) {
    case HD__SH_LOADV: case HD__SH_LOADK: case HD__SH_U_LIN_V: case HD__SH_U_SMOOTH_V:
#define SH_XX(cls) case HD__SH_B_##cls##_XX:
    HD__SHAPE_CLASSES(SH_XX)
        return 1;
    default:
        return 0;
    }
}

static int emit(parser *p, unsigned op, uint32_t idx, double k)
{
    if (grow((void **)&p->code, &p->code_cap, p->ncode + 1, sizeof *p->code) != HD_OK)
        return hd__expr_fail(p->err, HD_ENOMEM, 0, "out of memory");
    hd__insn *in = &p->code[p->ncode++];
    in->op = (uint16_t)op;
    in->shape = shape_of[op];
    in->idx = idx;
    in->k = k;
    if (pushes(in->shape) && ++p->sp > p->max_sp) p->max_sp = p->sp;
    return HD_OK;
}

/* A binary operation on two variables: x[a] op x[b]. */
static int emit_vv(parser *p, unsigned op, uint32_t a, uint32_t b)
{
    const int rc = emit(p, op, a, 0.0);
    if (rc == HD_OK) p->code[p->ncode - 1].idx2 = b;
    return rc;
}

/* Turn a pending constant or variable into computed code (a load). */
static int load(parser *p, const operand *a)
{
    if (a->kind == OPD_VAR) return emit(p, HD__OP_VAR, a->idx, 0.0);
    if (a->kind == OPD_CONST) return emit(p, HD__OP_CONST, 0, a->k);
    return HD_OK;
}

static int push_operand(parser *p, int kind, uint32_t idx, double k)
{
    if (grow((void **)&p->opd, &p->opd_cap, p->nopd + 1, sizeof *p->opd) != HD_OK)
        return hd__expr_fail(p->err, HD_ENOMEM, 0, "out of memory");
    p->opd[p->nopd].kind = kind;
    p->opd[p->nopd].idx = idx;
    p->opd[p->nopd].k = k;
    p->nopd++;
    return HD_OK;
}

static int apply_unary(parser *p, unsigned op)
{
    operand *a = &p->opd[p->nopd - 1];
    if (a->kind == OPD_CONST) {
        a->k = apply1_double(op, a->k);
        return HD_OK;
    }
    const int rc = a->kind == OPD_VAR ? emit(p, op + HD__VARIANT_UV, a->idx, 0.0) : emit(p, op, 0, 0.0);
    a->kind = OPD_CODE;
    return rc;
}

static int apply_binary(parser *p, unsigned op)
{
    const operand b = p->opd[--p->nopd];
    operand *a = &p->opd[p->nopd - 1];
    int rc = HD_OK;
    if (a->kind == OPD_CONST && b.kind == OPD_CONST) {
        a->k = apply2_double(op, a->k, b.k);
        return HD_OK;
    }
    if (a->kind == OPD_CODE && b.kind == OPD_CODE) {
        rc = emit(p, op + HD__VARIANT_B, 0, 0.0);
        p->sp--;
    } else if (a->kind == OPD_CODE) {
        rc = b.kind == OPD_CONST ? emit(p, op + HD__VARIANT_BR, 0, b.k)
                                 : emit(p, op + HD__VARIANT_BVR, b.idx, 0.0);
    } else if (b.kind == OPD_CODE) {
        rc = a->kind == OPD_CONST ? emit(p, op + HD__VARIANT_BL, 0, a->k)
                                  : emit(p, op + HD__VARIANT_BVL, a->idx, 0.0);
    } else if (b.kind == OPD_CONST) {      /* a variable */
        rc = emit(p, op + HD__VARIANT_BRV, a->idx, b.k);
    } else if (a->kind == OPD_CONST) {     /* b a variable */
        rc = emit(p, op + HD__VARIANT_BLV, b.idx, a->k);
    } else {                               /* two variables */
        rc = emit_vv(p, op + HD__VARIANT_BVV, a->idx, b.idx);
    }
    a->kind = OPD_CODE;
    return rc;
}

/* Apply the operator on top of the operator stack (binary or prefix). */
static int reduce(parser *p)
{
    const operator_ o = p->opr[--p->nopr];
    return o.kind == OPR_NEG ? apply_unary(p, o.op) : apply_binary(p, o.op);
}

static int push_operator(parser *p, const operator_ *o)
{
    if (p->nopr >= HD_EXPR_MAX_DEPTH)
        return hd__expr_fail(p->err, HD_ERANGE, o->pos + 1, "nesting deeper than %d levels",
                             HD_EXPR_MAX_DEPTH);
    if (grow((void **)&p->opr, &p->opr_cap, p->nopr + 1, sizeof *p->opr) != HD_OK)
        return hd__expr_fail(p->err, HD_ENOMEM, 0, "out of memory");
    p->opr[p->nopr++] = *o;
    return HD_OK;
}

/* Reduce binary and prefix operators down to the nearest '(' or call. */
static int reduce_to_group(parser *p)
{
    while (p->nopr && (p->opr[p->nopr - 1].kind == OPR_BINARY || p->opr[p->nopr - 1].kind == OPR_NEG)) {
        const int rc = reduce(p);
        if (rc != HD_OK) return rc;
    }
    return HD_OK;
}

static int binary_operator(parser *p, const hd__token *t)
{
    operator_ o = {OPR_BINARY, 0, 0, 0, NULL, t->pos};
    int right = 0;
    switch (t->kind) {
    case HD__TOK_PLUS:  o.op = HD__OP_B_add; o.prec = 1; break;
    case HD__TOK_MINUS: o.op = HD__OP_B_sub; o.prec = 1; break;
    case HD__TOK_STAR:  o.op = HD__OP_B_mul; o.prec = 2; break;
    case HD__TOK_SLASH: o.op = HD__OP_B_div; o.prec = 2; break;
    default:            o.op = HD__OP_B_pow; o.prec = PREC_POW; right = 1; break;
    }
    while (p->nopr) {
        const operator_ *top = &p->opr[p->nopr - 1];
        if (top->kind != OPR_BINARY && top->kind != OPR_NEG) break;
        if (top->prec < o.prec || (top->prec == o.prec && right)) break;
        const int rc = reduce(p);
        if (rc != HD_OK) return rc;
    }
    return push_operator(p, &o);
}

static const char *token_text(const hd__token *t)
{
    switch (t->kind) {
    case HD__TOK_PLUS:   return "'+'";
    case HD__TOK_MINUS:  return "'-'";
    case HD__TOK_STAR:   return "'*'";
    case HD__TOK_SLASH:  return "'/'";
    case HD__TOK_POW:    return t->len == 2 ? "'**'" : "'^'";
    case HD__TOK_LPAREN: return "'('";
    case HD__TOK_RPAREN: return "')'";
    case HD__TOK_COMMA:  return "','";
    case HD__TOK_NUM:    return "a number";
    case HD__TOK_NAME:   return "a name";
    default:             return "the end";
    }
}

static const char *plural(int n) { return n == 1 ? "" : "s"; }

/* A NAME where an operand is expected: constant, variable or function call. */
static int name_operand(parser *p, const hd__token *t, hd__token *next, int *have_next, size_t *pos)
{
    const char *name = p->s + t->pos;
    int rc = hd__lex(p->s, p->len, pos, next, p->err);
    if (rc != HD_OK) return rc;
    const int call = next->kind == HD__TOK_LPAREN;
    *have_next = !call;
    double k;
    const hd__function *fn = hd__find_function(name, t->len);
    if (find_constant(name, t->len, &k)) {
        if (call)
            return hd__expr_fail(p->err, HD_ESYNTAX, t->pos + 1, "'%s' is a constant, not a function",
                                 hd__quote(name, t->len).s);
        return push_operand(p, OPD_CONST, 0, k);
    }
    if (fn) {
        if (!call)
            return hd__expr_fail(p->err, HD_ESYNTAX, t->pos + 1,
                                 "function '%s' needs its argument%s in parentheses", fn->name,
                                 plural(fn->arity));
        const operator_ o = {OPR_FUNC, fn->op, 0, 0, fn, next->pos};
        return push_operator(p, &o);
    }
    if (call)
        return hd__expr_fail(p->err, HD_ESYNTAX, t->pos + 1, "unknown function '%s'",
                             hd__quote(name, t->len).s);
    long idx = vartab_find(&p->vars, name, t->len);
    if (idx < 0) {
        if (p->fixed_vars)
            return hd__expr_fail(p->err, HD_ESYNTAX, t->pos + 1, "missing variable '%s'",
                                 hd__quote(name, t->len).s);
        if (p->vars.nvars >= UINT32_MAX - 1 || vartab_add(&p->vars, name, t->len) != HD_OK)
            return hd__expr_fail(p->err, HD_ENOMEM, 0, "out of memory");
        idx = (long)p->vars.nvars - 1;
    }
    if (grow((void **)&p->used, &p->used_cap, p->vars.nvars, 1) != HD_OK)
        return hd__expr_fail(p->err, HD_ENOMEM, 0, "out of memory");
    p->used[idx] = 1;
    return push_operand(p, OPD_VAR, (uint32_t)idx, 0.0);
}

/* ')' or ',' after an operand: close a group or start the next argument. */
static int close_group(parser *p, const hd__token *t, int *expect)
{
    int rc = reduce_to_group(p);
    if (rc != HD_OK) return rc;
    const int comma = t->kind == HD__TOK_COMMA;
    if (!p->nopr) {
        return comma ? hd__expr_fail(p->err, HD_ESYNTAX, t->pos + 1, "',' outside a function call")
                     : hd__expr_fail(p->err, HD_ESYNTAX, t->pos + 1, "unmatched ')'");
    }
    operator_ *g = &p->opr[p->nopr - 1];
    if (g->kind == OPR_LPAREN) {
        if (comma) return hd__expr_fail(p->err, HD_ESYNTAX, t->pos + 1, "',' outside a function call");
        p->nopr--;
        *expect = 0;
        return HD_OK;
    }
    g->argc++;
    const int arity = g->fn->arity;
    if (comma) {
        if (g->argc >= arity)
            return hd__expr_fail(p->err, HD_ESYNTAX, t->pos + 1,
                                 "too many arguments for '%s' (it takes %d)", g->fn->name, arity);
        *expect = 1;
        return HD_OK;
    }
    if (g->argc < arity)
        return hd__expr_fail(p->err, HD_ESYNTAX, t->pos + 1,
                             "too few arguments for '%s' (it takes %d)", g->fn->name, arity);
    const operator_ o = p->opr[--p->nopr];
    *expect = 0;
    return arity == 1 ? apply_unary(p, o.op) : apply_binary(p, o.op);
}

/* A token where an operand is expected but cannot start one. */
static int missing_operand(parser *p, const hd__token *t, int first)
{
    if (t->kind == HD__TOK_END) {
        if (first) return hd__expr_fail(p->err, HD_ESYNTAX, 1, "empty expression");
        return hd__expr_fail(p->err, HD_ESYNTAX, t->pos + 1, "unexpected end of expression");
    }
    if (t->kind == HD__TOK_RPAREN && p->nopr) {
        const operator_ *g = &p->opr[p->nopr - 1];
        if (g->kind == OPR_LPAREN)
            return hd__expr_fail(p->err, HD_ESYNTAX, t->pos + 1, "empty parentheses");
        if (g->kind == OPR_FUNC && g->argc == 0)
            return hd__expr_fail(p->err, HD_ESYNTAX, t->pos + 1, "'%s' needs %d argument%s",
                                 g->fn->name, g->fn->arity, plural(g->fn->arity));
    }
    return hd__expr_fail(p->err, HD_ESYNTAX, t->pos + 1, "expected a number, name or '(' before %s",
                         token_text(t));
}

static int parse_tokens(parser *p)
{
    size_t pos = 0;
    hd__token t, next;
    int have_next = 0, expect = 1, first = 1, rc;
    for (;; first = 0) {
        if (have_next) {
            t = next;
            have_next = 0;
        } else if ((rc = hd__lex(p->s, p->len, &pos, &t, p->err)) != HD_OK) {
            return rc;
        }
        if (expect) {
            switch (t.kind) {
            case HD__TOK_NUM:
                rc = push_operand(p, OPD_CONST, 0, t.num);
                expect = 0;
                break;
            case HD__TOK_NAME:
                rc = name_operand(p, &t, &next, &have_next, &pos);
                expect = !have_next;   /* a call still expects its first argument */
                break;
            case HD__TOK_LPAREN: {
                const operator_ o = {OPR_LPAREN, 0, 0, 0, NULL, t.pos};
                rc = push_operator(p, &o);
                break;
            }
            case HD__TOK_MINUS: {
                const operator_ o = {OPR_NEG, HD__OP_U_neg, PREC_NEG, 0, NULL, t.pos};
                rc = push_operator(p, &o);
                break;
            }
            case HD__TOK_PLUS:  /* unary plus changes nothing */
                break;
            default:
                return missing_operand(p, &t, first);
            }
        } else {
            switch (t.kind) {
            case HD__TOK_PLUS: case HD__TOK_MINUS: case HD__TOK_STAR: case HD__TOK_SLASH:
            case HD__TOK_POW:
                rc = binary_operator(p, &t);
                expect = 1;
                break;
            case HD__TOK_RPAREN: case HD__TOK_COMMA:
                rc = close_group(p, &t, &expect);
                break;
            case HD__TOK_END:
                return HD_OK;
            default:
                if (t.kind == HD__TOK_NAME || t.kind == HD__TOK_NUM)
                    return hd__expr_fail(p->err, HD_ESYNTAX, t.pos + 1, "missing operator before '%s'",
                                         hd__quote(p->s + t.pos, t.len).s);
                return hd__expr_fail(p->err, HD_ESYNTAX, t.pos + 1, "missing operator before %s",
                                     token_text(&t));
            }
        }
        if (rc != HD_OK) return rc;
    }
}

/* After the last token: every group must be closed; apply what is pending. */
static int finish(parser *p)
{
    int rc = reduce_to_group(p);
    if (rc != HD_OK) return rc;
    if (p->nopr) {
        const operator_ *g = &p->opr[p->nopr - 1];
        if (g->kind == OPR_FUNC)
            return hd__expr_fail(p->err, HD_ESYNTAX, g->pos + 1, "'(' of '%s' is never closed",
                                 g->fn->name);
        return hd__expr_fail(p->err, HD_ESYNTAX, g->pos + 1, "'(' is never closed");
    }
    if (p->nopd != 1) /* cannot happen for a grammar-checked token stream */
        return hd__expr_fail(p->err, HD_ESYNTAX, 0, "internal parser error");
    return load(p, &p->opd[0]);
}

/* Check the caller's variable list and enter it in the table. */
static int take_vars(parser *p, const char *const *vars, size_t nvars)
{
    for (size_t i = 0; i < nvars; i++) {
        if (!vars[i]) return hd__expr_fail(p->err, HD_EINVAL, 0, "variable %zu is NULL", i + 1);
        const size_t n = strlen(vars[i]);
        const hd__quoted q = hd__quote(vars[i], n);
        switch (hd_expr_name_kind_of(vars[i], n)) {
        case HD_EXPR_NAME_VARIABLE: break;
        case HD_EXPR_NAME_CONSTANT:
            return hd__expr_fail(p->err, HD_EINVAL, 0, "'%s' is a constant, not a variable", q.s);
        case HD_EXPR_NAME_FUNCTION:
            return hd__expr_fail(p->err, HD_EINVAL, 0, "'%s' is a function, not a variable", q.s);
        default:
            return hd__expr_fail(p->err, HD_EINVAL, 0, "'%s' is not a valid variable name", q.s);
        }
        if (vartab_find(&p->vars, vars[i], n) >= 0)
            return hd__expr_fail(p->err, HD_EINVAL, 0, "duplicate variable '%s'", q.s);
        if (nvars >= UINT32_MAX - 1 || vartab_add(&p->vars, vars[i], n) != HD_OK)
            return hd__expr_fail(p->err, HD_ENOMEM, 0, "out of memory");
    }
    if (grow((void **)&p->used, &p->used_cap, nvars, 1) != HD_OK)
        return hd__expr_fail(p->err, HD_ENOMEM, 0, "out of memory");
    if (nvars) memset(p->used, 0, nvars);
    p->fixed_vars = 1;
    return HD_OK;
}

/* Move the result into its own allocations: the program (trimmed) and the
 * names, copied into one block after the pointer array. */
static int build(parser *p, hd_expr **out)
{
    hd_expr *e = calloc(1, sizeof *e);
    const size_t nv = p->vars.nvars;
    size_t bytes = nv * sizeof(char *);
    for (size_t i = 0; i < nv; i++) bytes += p->vars.name[i].len + 1;
    if (!e || !(e->names = malloc(bytes ? bytes : 1)) || !(e->used = malloc(nv ? nv : 1))) {
        hd_expr_free(e);
        return hd__expr_fail(p->err, HD_ENOMEM, 0, "out of memory");
    }
    char *dst = (char *)(e->names + nv);
    for (size_t i = 0; i < nv; i++) {
        e->names[i] = dst;
        memcpy(dst, p->vars.name[i].s, p->vars.name[i].len);
        dst[p->vars.name[i].len] = '\0';
        dst += p->vars.name[i].len + 1;
    }
    if (nv) memcpy(e->used, p->used, nv);
    hd__insn *code = realloc(p->code, p->ncode * sizeof *code);
    e->code = code ? code : p->code;
    p->code = NULL;
    e->ncode = p->ncode;
    e->max_stack = p->max_sp;
    e->nvars = nv;
    *out = e;
    return HD_OK;
}

int hd_expr_parse(const char *text, size_t len, const char *const *vars, size_t nvars,
                  hd_expr **out, hd_expr_error *err)
{
    hd_expr_error scratch;
    if (!err) err = &scratch;
    err->code = HD_OK;
    err->column = 0;
    err->message[0] = '\0';
    if (out) *out = NULL;
    if (!out || (!text && len))
        return hd__expr_fail(err, HD_EINVAL, 0, "NULL argument");
    if (len > HD_EXPR_MAX_LENGTH)
        return hd__expr_fail(err, HD_ERANGE, HD_EXPR_MAX_LENGTH + 1,
                             "expression longer than %zu bytes", (size_t)HD_EXPR_MAX_LENGTH);
    parser p;
    memset(&p, 0, sizeof p);
    p.s = text ? text : "";
    p.len = len;
    p.err = err;
    int rc = vars ? take_vars(&p, vars, nvars) : HD_OK;
    if (rc == HD_OK) rc = parse_tokens(&p);
    if (rc == HD_OK) rc = finish(&p);
    if (rc == HD_OK) rc = build(&p, out);
    free(p.code);
    free(p.opd);
    free(p.opr);
    free(p.used);
    vartab_free(&p.vars);
    return rc;
}

void hd_expr_free(hd_expr *expr)
{
    if (!expr) return;
    free(expr->code);
    free(expr->names);
    free(expr->used);
    free(expr);
}

size_t hd_expr_num_vars(const hd_expr *expr) { return expr ? expr->nvars : 0; }

const char *hd_expr_var_name(const hd_expr *expr, size_t i)
{
    return expr && i < expr->nvars ? expr->names[i] : NULL;
}

int hd_expr_uses_var(const hd_expr *expr, size_t i)
{
    return expr && i < expr->nvars ? expr->used[i] : 0;
}

size_t hd_expr_size(const hd_expr *expr) { return expr ? expr->ncode : 0; }
