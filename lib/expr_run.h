/* The interpreter loop of the expression engine, instantiated once per number
 * type by expr_eval.c, which defines before each inclusion HD__RUN_T (the
 * type) and either
 *   HD__RUN_S        its kernel suffix (dual, hyper, ...): the loop is run_<S>
 *                    and calls hd_<f>_<S>, hd_<f>_<S>_r, hd_<f>_r_<S>, hd_<S>_const;
 * or, for plain doubles,
 *   HD__RUN_NAME, HD__RUN_LIFT(k), HD__RUN_K1(f, a), HD__RUN_K2(f, a, b),
 *   HD__RUN_K2R(f, a, k), HD__RUN_K2L(f, k, b).
 * Every case comes from a row of rules.h; no operation is written here. */
#ifdef HD__RUN_S
#  define HD__RUN_PASTE(a, b, c) HD__RUN_PASTE_(a, b, c)
#  define HD__RUN_PASTE_(a, b, c) a##b##c
#  define HD__RUN_NAME HD__RUN_PASTE(run_, HD__RUN_S, )
#  define HD__RUN_LIFT(k) HD__RUN_PASTE(hd_, HD__RUN_S, _const)(k)
#  define HD__RUN_K1(f, a) HD__RUN_PASTE(hd_##f##_, HD__RUN_S, )(a)
#  define HD__RUN_K2(f, a, b) HD__RUN_PASTE(hd_##f##_, HD__RUN_S, )(a, b)
#  define HD__RUN_K2R(f, a, k) HD__RUN_PASTE(hd_##f##_, HD__RUN_S, _r)(a, k)
#  define HD__RUN_K2L(f, k, b) HD__RUN_PASTE(hd_##f##_r_, HD__RUN_S, )(k, b)
#endif
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
#undef HD__RUN_S
#undef HD__RUN_PASTE
#undef HD__RUN_PASTE_
#undef HD__RUN_NAME
#undef HD__RUN_LIFT
#undef HD__RUN_K1
#undef HD__RUN_K2
#undef HD__RUN_K2R
#undef HD__RUN_K2L
