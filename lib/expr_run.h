/* The interpreter loops of the expression engine (expr_eval.c), as macros:
 *
 *   HD__DEFINE_RUN_VALUE(NAME)      the program on doubles: the value only
 *   HD__DEFINE_PARTIALS(NAME)       the program on doubles: each instruction's
 *                                   value and partials
 *   HD__DEFINE_CHAIN(T, S, ORDER)   the derivative parts of kind S from those
 *                                   partials, by shape
 *
 * The rules' formulas (rules.h) appear only in the two loops on doubles, one
 * generator (HD__FORMULAS) for both, exactly as kernels.h writes them (f,
 * then the partials from x, y, f, d; a constant operand's rule by the class
 * that remains); a kind's loop applies the chain-rule primitives of
 * kernels.h (the only code that knows its layout) to them as the kernel of
 * the same operation does, so a kind's result is the kernel's bit for bit.
 * The partials are those of a second-order kernel (f'' where the class has
 * one); a first-order kind reads f' only. */
#ifndef HYPERDUAL_EXPR_RUN_H
#define HYPERDUAL_EXPR_RUN_H

/* An instruction's value and partials. Unary operations and those with a
 * constant operand fill f, fx (f') and, at second order, fxx (f''). */
typedef struct hd__partials {
    double f, fx, fy, fxx, fxy, fyy;
} hd__partials;

/* The state of a loop on doubles between blocks of instructions. */
typedef struct hd__vstate {
    double acc;
    size_t sp;
} hd__vstate;

/* The value of input i: inputs of any kind, read through their val member. */
#define HD__XV(i) (*(const double *)(const void *)(xv + (size_t)(i) * stride))

/* ---- the formulas --------------------------------------------------------------
 * HD__FORMULAS(MODE): a case per opcode of every rule, for a loop whose
 * accumulator acc, stack st (height sp), inputs HD__XV(i) and instruction
 * ip are in scope. It sets acc to the operation's value and, in MODE
 * PARTIALS, P->f and the partials a second-order kernel of the class takes;
 * in MODE VALUE nothing else. */
#define HD__PUT_VALUE(...)
#define HD__PUT_PARTIALS(...) __VA_ARGS__
/* A unary rule's partials (d = f' may appear in f''). */
#define HD__DD_SMOOTH(...) __VA_ARGS__
#define HD__DD_LINEAR(...)
#define HD__DD_STEP(...)
#define HD__U_PARTS(ucls, D, DD)                                                                \
    {                                                                                           \
        const double d = (D);                                                                   \
        P->fx = d;                                                                              \
        HD__CAT2(HD__DD_, ucls)(P->fxx = (DD);)                                                 \
        (void)d;                                                                                \
    }
/* A binary rule's partials, both operands numbers. */
#define HD__B2_LINEAR(FXX, FXY, FYY)
#define HD__B2_BILINEAR(FXX, FXY, FYY) P->fxy = (FXY);
#define HD__B2_QUOT(FXX, FXY, FYY) P->fxy = (FXY); P->fyy = (FYY);
#define HD__B2_SMOOTH(FXX, FXY, FYY) P->fxx = (FXX); P->fxy = (FXY); P->fyy = (FYY);
#define HD__B2_POWER HD__B2_SMOOTH
/* With one operand constant: the one-argument rule of the class that remains. */
#define HD__C_PARTS(ucls, D, DD) P->fx = (D); HD__CAT2(HD__DD_, ucls)(P->fxx = (DD);)
#define HD__CAT2(a, b) HD__CAT2_(a, b)
#define HD__CAT2_(a, b) a##b

#define HD__FORMULA_U(name, cls, F, D, DD, NOTE, MODE)                                          \
    case HD__OP_UV_##name:                                                                      \
        st[sp++] = acc;                                                                         \
        x = HD__XV(ip->idx);                                                                    \
        goto hd__u_##name;                                                                      \
    case HD__OP_U_##name:                                                                       \
        x = acc;                                                                                \
    hd__u_##name: {                                                                             \
        const double f = (F);                                                                   \
        HD__PUT_##MODE(P->f = f; HD__U_PARTS(cls, D, DD))                                       \
        acc = f;                                                                                \
        break;                                                                                  \
    }
/* B, BVR, BVL and BVV share the formulas (both operands are numbers); BR,
 * BRV and BL, BLV take the one-argument rule of the class that remains. */
#define HD__FORMULA_B(name, cls, F, FX, FY, FXX, FXY, FYY, NOTE, MODE)                          \
    case HD__OP_B_##name: y = acc; x = st[--sp]; goto hd__both_##name;                          \
    case HD__OP_BVR_##name: x = acc; y = HD__XV(ip->idx); goto hd__both_##name;                 \
    case HD__OP_BVL_##name: x = HD__XV(ip->idx); y = acc; goto hd__both_##name;                 \
    case HD__OP_BVV_##name:                                                                     \
        st[sp++] = acc;                                                                         \
        x = HD__XV(ip->idx);                                                                    \
        y = HD__XV(ip->idx2);                                                                   \
    hd__both_##name: {                                                                          \
        const double f = (F);                                                                   \
        HD__PUT_##MODE(P->f = f; P->fx = (FX); P->fy = (FY); HD__B2_##cls(FXX, FXY, FYY))       \
        acc = f;                                                                                \
        break;                                                                                  \
    }                                                                                           \
    case HD__OP_BRV_##name: st[sp++] = acc; x = HD__XV(ip->idx); goto hd__right_##name;        \
    case HD__OP_BR_##name:                                                                      \
        x = acc;                                                                                \
    hd__right_##name: {                                                                         \
        y = ip->k;                                                                              \
        const double f = (F);                                                                   \
        HD__PUT_##MODE(P->f = f; HD__C_PARTS(HD__LEFT_##cls, FX, FXX))                          \
        acc = f;                                                                                \
        break;                                                                                  \
    }                                                                                           \
    case HD__OP_BLV_##name: st[sp++] = acc; y = HD__XV(ip->idx); goto hd__left_##name;         \
    case HD__OP_BL_##name:                                                                      \
        y = acc;                                                                                \
    hd__left_##name: {                                                                          \
        x = ip->k;                                                                              \
        const double f = (F);                                                                   \
        HD__PUT_##MODE(P->f = f; HD__C_PARTS(HD__RIGHT_##cls, FY, FYY))                         \
        acc = f;                                                                                \
        break;                                                                                  \
    }
#define HD__FORMULA_U_VALUE(...) HD__FORMULA_U(__VA_ARGS__, VALUE)
#define HD__FORMULA_B_VALUE(...) HD__FORMULA_B(__VA_ARGS__, VALUE)
#define HD__FORMULA_U_PARTIALS(...) HD__FORMULA_U(__VA_ARGS__, PARTIALS)
#define HD__FORMULA_B_PARTIALS(...) HD__FORMULA_B(__VA_ARGS__, PARTIALS)
#define HD__FORMULAS(MODE)                                                                      \
    HD_UNARY_RULES(HD__FORMULA_U_##MODE)                                                        \
    HD_BINARY_RULES(HD__FORMULA_B_##MODE)

/* ---- the value only ------------------------------------------------------------- */
/* NAME(e, x_, st): st has e->max_stack slots; the accumulator holds the top
 * of the stack. */
#define HD__DEFINE_RUN_VALUE(NAME)                                                              \
    static double NAME(const hd_expr *e, const double *x_, double *st)                          \
    {                                                                                           \
        double acc = 0.0, x = 0.0, y = 0.0;                                                     \
        size_t sp = 0;                                                                          \
        const char *const xv = (const char *)x_;                                                \
        const size_t stride = sizeof *x_;                                                       \
        const hd__insn *ip = e->code;                                                           \
        const hd__insn *const end = ip + e->ncode;                                              \
        for (; ip != end; ip++) {                                                               \
            switch (ip->op) {                                                                   \
            case HD__OP_VAR: st[sp++] = acc; acc = x_[ip->idx]; break;                          \
            case HD__OP_CONST: st[sp++] = acc; acc = ip->k; break;                              \
                HD__FORMULAS(VALUE)                                                             \
            default: break;                                                                     \
            }                                                                                   \
        }                                                                                       \
        return acc;                                                                             \
    }

/* ---- values and partials ----------------------------------------------------------- */
/* NAME(ip, end, xv, stride, st, s, P): instructions ip..end-1, whose partials
 * go to P[0..]; the inputs' values are HD__XV(i), the stack st and the
 * accumulator carry over in s from the previous block. */
#define HD__DEFINE_PARTIALS(NAME)                                                               \
    static void NAME(const hd__insn *ip, const hd__insn *const end, const char *xv,             \
                     size_t stride, double *st, hd__vstate *s, hd__partials *P)                 \
    {                                                                                           \
        double acc = s->acc, x = 0.0, y = 0.0;                                                  \
        size_t sp = s->sp;                                                                      \
        for (; ip != end; ip++, P++) {                                                          \
            switch (ip->op) {                                                                   \
            case HD__OP_VAR: st[sp++] = acc; acc = HD__XV(ip->idx); break;                      \
            case HD__OP_CONST: st[sp++] = acc; acc = ip->k; break;                              \
                HD__FORMULAS(PARTIALS)                                                            \
            default: break;                                                                     \
            }                                                                                   \
        }                                                                                       \
        s->acc = acc;                                                                           \
        s->sp = sp;                                                                             \
    }

/* ---- a kind's derivative parts, by shape ------------------------------------------- */
#define HD__CHAIN_U2(ucls, PRIM, ...)                                                           \
    case HD__SH_U_##ucls: acc = PRIM(acc, __VA_ARGS__); break;                                  \
    case HD__SH_U_##ucls##_V: st[sp++] = acc; acc = PRIM(x[ip->idx], __VA_ARGS__); break;
#define HD__CHAIN_B4(cls, PRIM, ...)                                                            \
    case HD__SH_B_##cls##_SA: sp--; acc = PRIM(st[sp], acc, __VA_ARGS__); break;               \
    case HD__SH_B_##cls##_AX: acc = PRIM(acc, x[ip->idx], __VA_ARGS__); break;                 \
    case HD__SH_B_##cls##_XA: acc = PRIM(x[ip->idx], acc, __VA_ARGS__); break;                 \
    case HD__SH_B_##cls##_XX:                                                                   \
        st[sp++] = acc;                                                                         \
        acc = PRIM(x[ip->idx], x[ip->idx2], __VA_ARGS__);                                       \
        break;
#define HD__P2 P->f, P->fx, P->fy
#define HD__CHAIN_CASES_FIRST(S)                                                                \
    HD__CHAIN_U2(LIN, hd__chain1_##S, P->f, P->fx)                                              \
    HD__CHAIN_U2(SMOOTH, hd__chain1_##S, P->f, P->fx)                                           \
    HD__CHAIN_B4(LIN, hd__chain2_##S, HD__P2)                                                   \
    HD__CHAIN_B4(BIL, hd__chain2_##S, HD__P2)                                                   \
    HD__CHAIN_B4(QUOT, hd__chain2_##S, HD__P2)                                                  \
    HD__CHAIN_B4(SMOOTH, hd__chain2_##S, HD__P2)                                                \
    HD__CHAIN_B4(POWER, hd__chain2_power_##S, HD__P2)
#define HD__CHAIN_CASES_SECOND(S)                                                               \
    HD__CHAIN_U2(LIN, hd__chain1_lin_##S, P->f, P->fx)                                          \
    HD__CHAIN_U2(SMOOTH, hd__chain1_##S, P->f, P->fx, P->fxx)                                   \
    HD__CHAIN_B4(LIN, hd__chain2_lin_##S, HD__P2)                                               \
    HD__CHAIN_B4(BIL, hd__chain2_bil_##S, HD__P2, P->fxy)                                       \
    HD__CHAIN_B4(QUOT, hd__chain2_quot_##S, HD__P2, P->fxy, P->fyy)                             \
    HD__CHAIN_B4(SMOOTH, hd__chain2_##S, HD__P2, P->fxx, P->fxy, P->fyy)                        \
    HD__CHAIN_B4(POWER, hd__chain2_power_##S, HD__P2, P->fxx, P->fxy, P->fyy)

/* chain_S(ip, end, x, P, st, s): the derivative parts of kind S over
 * instructions ip..end-1 from their partials P[0..]; the stack st and the
 * accumulator carry over in s from the previous block. */
#define HD__DEFINE_CHAIN(T, S, ORDER)                                                           \
    typedef struct { T acc; size_t sp; } hd__state_##S;                                         \
    static void chain_##S(const hd__insn *ip, const hd__insn *const end, const T *x,            \
                          const hd__partials *P, T *st, hd__state_##S *s)                       \
    {                                                                                           \
        T acc = s->acc;                                                                         \
        size_t sp = s->sp;                                                                      \
        for (; ip != end; ip++, P++) {                                                          \
            switch (ip->shape) {                                                                \
            case HD__SH_LOADV: st[sp++] = acc; acc = x[ip->idx]; break;                         \
            case HD__SH_LOADK: st[sp++] = acc; acc = hd__lift_##S(ip->k); break;                \
                HD__CHAIN_CASES_##ORDER(S)                                                      \
            default: break;                                                                     \
            }                                                                                   \
        }                                                                                       \
        s->acc = acc;                                                                           \
        s->sp = sp;                                                                             \
    }

#endif
