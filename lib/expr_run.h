/* The interpreter loop of the expression engine, instantiated once per number
 * type by expr_eval.c, which defines before each inclusion:
 *   HD__RUN_T        the number type            HD__RUN_NAME  the function's name
 *   HD__RUN_LIFT(k)  a constant of that type
 *   HD__RUN_K1(f, a), HD__RUN_K2(f, a, b), HD__RUN_K2R(f, a, k), HD__RUN_K2L(f, k, b)
 *                    the generated kernel of rule f for (number), (number, number),
 *                    (number, real) and (real, number)
 * Every case comes from a row of rules.h; no operation is written here. */
#define HD__RUN_CASE_U(name, ...)                                                    \
    case HD__OP_U_##name: acc = HD__RUN_K1(name, acc); break;
#define HD__RUN_CASE_B(name, ...)                                                    \
    case HD__OP_B_##name: acc = HD__RUN_K2(name, st[--sp], acc); break;                \
    case HD__OP_BR_##name: acc = HD__RUN_K2R(name, acc, ip->k); break;                 \
    case HD__OP_BL_##name: acc = HD__RUN_K2L(name, ip->k, acc); break;                 \
    case HD__OP_BVR_##name: acc = HD__RUN_K2(name, acc, x[ip->idx]); break;            \
    case HD__OP_BVL_##name: acc = HD__RUN_K2(name, x[ip->idx], acc); break;

/* st has e->max_stack slots; the accumulator holds the top of the stack. */
static HD__RUN_T HD__RUN_NAME(const hd_expr *e, const HD__RUN_T *x, HD__RUN_T *st)
{
    HD__RUN_T acc = HD__RUN_LIFT(0.0);
    size_t sp = 0;
    const hd__insn *ip = e->code;
    const hd__insn *const end = ip + e->ncode;
    for (; ip != end; ip++) {
        switch (ip->op) {
        case HD__OP_VAR:
            st[sp++] = acc;
            acc = x[ip->idx];
            break;
        case HD__OP_CONST:
            st[sp++] = acc;
            acc = HD__RUN_LIFT(ip->k);
            break;
        HD_UNARY_RULES(HD__RUN_CASE_U)
        HD_BINARY_RULES(HD__RUN_CASE_B)
        default:
            break;
        }
    }
    return acc;
}

#undef HD__RUN_CASE_U
#undef HD__RUN_CASE_B
#undef HD__RUN_T
#undef HD__RUN_NAME
#undef HD__RUN_LIFT
#undef HD__RUN_K1
#undef HD__RUN_K2
#undef HD__RUN_K2R
#undef HD__RUN_K2L
