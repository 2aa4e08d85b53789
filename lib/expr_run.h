/* The interpreter loop of the expression engine, as one macro:
 * HD__DEFINE_RUN(T, NAME) defines
 *   static T NAME(const hd_expr *e, const T *x, T *st)
 * for T double or any kind of the list (kinds.h). Each case applies a rule
 * of rules.h through the generic macros (generic.h), which pick the kernel
 * of T at compile time; no operation is written here. */
#ifndef HYPERDUAL_EXPR_RUN_H
#define HYPERDUAL_EXPR_RUN_H

#define HD__RUN_CASE_U(name, ...)                                                               \
    case HD__OP_U_##name: acc = HD__GENERIC1(name, acc); break;
#define HD__RUN_CASE_B(name, ...)                                                               \
    case HD__OP_B_##name: sp--; acc = HD__GENERIC2(name, st[sp], acc); break;                   \
    case HD__OP_BR_##name: acc = HD__GENERIC2(name, acc, ip->k); break;                         \
    case HD__OP_BL_##name: acc = HD__GENERIC2(name, ip->k, acc); break;                         \
    case HD__OP_BVR_##name: acc = HD__GENERIC2(name, acc, x[ip->idx]); break;                   \
    case HD__OP_BVL_##name: acc = HD__GENERIC2(name, x[ip->idx], acc); break;

/* st has e->max_stack slots; the accumulator holds the top of the stack. */
#define HD__DEFINE_RUN(T, NAME)                                                                 \
    static T NAME(const hd_expr *e, const T *x, T *st)                                          \
    {                                                                                           \
        T acc = hd_const(T, 0.0);                                                               \
        size_t sp = 0;                                                                          \
        const hd__insn *ip = e->code;                                                           \
        const hd__insn *const end = ip + e->ncode;                                              \
        for (; ip != end; ip++) {                                                               \
            switch (ip->op) {                                                                   \
            case HD__OP_VAR:                                                                    \
                st[sp++] = acc;                                                                 \
                acc = x[ip->idx];                                                               \
                break;                                                                          \
            case HD__OP_CONST:                                                                  \
                st[sp++] = acc;                                                                 \
                acc = hd_const(T, ip->k);                                                       \
                break;                                                                          \
                HD_UNARY_RULES(HD__RUN_CASE_U)                                                  \
                HD_BINARY_RULES(HD__RUN_CASE_B)                                                 \
            default:                                                                            \
                break;                                                                          \
            }                                                                                   \
        }                                                                                       \
        return acc;                                                                             \
    }

#endif
