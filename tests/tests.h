/* Shared declarations of the Check test suites: each area's check_<area>.c
 * exports make_<area>_suite(); check_main.c runs them all. */
#ifndef HYPERDUAL_TESTS_H
#define HYPERDUAL_TESTS_H

#include <check.h>
#include <hyperdual.h>

/* The suites; add one line here and one in check_main.c per area. */
#define HD_TEST_SUITES(X) \
    X(smoke) \
    X(expr) \
    X(problems) \
    X(paths) \
    X(lanes) \
    X(diff_extra) \
    X(optim) \
    X(rules) \
    X(edges) \
    X(identities) \
    X(tgmath) \
    X(lanes_nansafe) \
    X(tape) \
    X(kinds) \
    X(lsq) \
    X(large)

#define HD__DECLARE_SUITE(area) Suite *make_##area##_suite(void);
HD_TEST_SUITES(HD__DECLARE_SUITE)

/* obj without the kinds whose bits (1u << hd_kind) are set in `drop`: its
 * table is copied into *copy and those bodies (and the contract's members of
 * value, dual, hyper) set to NULL, so a test can take a path away. */
#define HD_TEST_DROP_ROW(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u)            \
    if (drop & (1u << KIND)) {                                                              \
        copy->S = NULL;                                                                     \
        HD_TEST_DROP_##FACE(MEMBER)                                                         \
    }
#define HD_TEST_DROP_CONTRACT(MEMBER) obj.MEMBER = NULL;
#define HD_TEST_DROP_TABLE(MEMBER)
static inline hd_objective hd_test_without(hd_objective obj, hd_bodies *copy, unsigned drop)
{
    static const hd_bodies none = {.size = sizeof(hd_bodies)};
    *copy = obj.bodies ? *obj.bodies : none;
    HD__EVAL_KINDS(HD_TEST_DROP_ROW, ~)
    obj.bodies = copy;
    return obj;
}
#define HD_TEST_KIND(k) (1u << HD_KIND_##k)

/* The hd_kind of a body's number type T, so that an objective can count the
 * passes it is given (the counters must equal what the body saw). */
#define HD_TEST_KIND_ASSOC(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, u) , T: KIND
#define HD_TEST_KIND_OF(T) _Generic((T){0} HD__EVAL_KINDS(HD_TEST_KIND_ASSOC, ~))

/* Directory of the shared oracle data (../shared/testdata), or NULL. */
const char *hd_test_data_dir(void);

#endif
