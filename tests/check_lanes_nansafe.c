/* NaN-safe mode (HD_NANSAFE, defined before the header) on the lane types
 * and the packed kinds hd_hyper4 and hd_hyper2:
 * a zero tangent lane stays zero through an infinite coefficient (log and
 * sqrt at 0), while a non-zero lane gets the IEEE result and a NaN lane
 * stays NaN, lane by lane, as for hd_dual and hd_hyper. */
#define HD_NANSAFE 1
#include <math.h>
#include <hyperdual.h>
#include "tests.h"

START_TEST(zero_lanes_stay_zero_through_infinite_slopes)
{
    hd_dualv a = hd_dualv_const(0.0);
    HD_LANE(a.d, 1) = 1.0;
    HD_LANE(a.d, 2) = NAN;
    const hd_dualv l = hd_log(a), s = hd_sqrt(a);
    for (int k = 0; k < HD_LANES; k++) {
        if (k == 1) {
            ck_assert(isinf(HD_LANE(l.d, k)) && HD_LANE(l.d, k) > 0);  /* 1/x at 0+ */
            ck_assert(isinf(HD_LANE(s.d, k)) && HD_LANE(s.d, k) > 0);
        } else if (k == 2) {
            ck_assert(isnan(HD_LANE(l.d, k)) && isnan(HD_LANE(s.d, k)));
        } else {
            ck_assert(HD_LANE(l.d, k) == 0.0 && HD_LANE(s.d, k) == 0.0);
        }
    }
    ck_assert(isinf(l.val) && l.val < 0);

    hd_hyperv h = hd_hyperv_const(0.0);
    HD_LANE(h.d2, 1) = 1.0; /* lane 0 constant, lane 1 active; d1 = 0 */
    const hd_hyperv r = hd_sqrt(h);
    ck_assert(r.d1 == 0.0);
    ck_assert(HD_LANE(r.d2, 0) == 0.0 && HD_LANE(r.d12, 0) == 0.0);
    ck_assert(isinf(HD_LANE(r.d2, 1)));
    ck_assert(HD_LANE(r.d12, 1) == 0.0); /* f'' a·b with a = d1 = 0 */

    /* the same seeds through hd_hyper give the same parts */
    const hd_hyper q = hd_sqrt(hd_hyper_make(0.0, 0.0, 1.0, 0.0));
    ck_assert(q.d1 == r.d1 && isinf(q.d2) && q.d12 == HD_LANE(r.d12, 1));

    /* hd_hyper4: lane 1 active, lane 3 NaN; every entry (i, j) is what
     * hd_hyper gives with d1 = lane i, d2 = lane j */
    hd_hyper4 p = hd_hyper4_const(0.0);
    HD_LANE(p.g, 1) = 1.0;
    HD_LANE(p.g, 3) = NAN;
    const hd_hyper4 t = hd_sqrt(p);
    ck_assert(HD_LANE(t.g, 0) == 0.0 && HD_LANE(t.g, 2) == 0.0);
    ck_assert(isinf(HD_LANE(t.g, 1)) && isnan(HD_LANE(t.g, 3)));
    for (int i = 0; i < 4; i++)
        for (int j = i; j < 4; j++) {
            const hd_hyper s = hd_sqrt(hd_hyper_make(0.0, HD_LANE(p.g, i), HD_LANE(p.g, j), 0.0));
            const double e = HD_LANE(t.h, hd_hyper4_entry(i, j));
            ck_assert_msg((isnan(e) && isnan(s.d12)) || e == s.d12, "(%d,%d): %g vs %g", i, j, e, s.d12);
        }
    ck_assert(HD_LANE(t.h, hd_hyper4_entry(0, 0)) == 0.0 && HD_LANE(t.h, hd_hyper4_entry(0, 2)) == 0.0);

    /* hd_hyper2: lane 0 constant, lane 1 active; the same, entry by entry */
    hd_hyper2 p2 = hd_hyper2_const(0.0);
    HD_LANE(p2.g, 1) = 1.0;
    const hd_hyper2 t2 = hd_sqrt(p2);
    ck_assert(HD_LANE(t2.g, 0) == 0.0 && isinf(HD_LANE(t2.g, 1)));
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            const hd_hyper s = hd_sqrt(hd_hyper_make(0.0, HD_LANE(p2.g, i), HD_LANE(p2.g, j), 0.0));
            const double e = HD_LANE(t2.h, hd_hyper2_entry(i, j));
            ck_assert_msg((isnan(e) && isnan(s.d12)) || e == s.d12, "(%d,%d): %g vs %g", i, j, e, s.d12);
        }
    ck_assert(HD_LANE(t2.h, hd_hyper2_entry(0, 0)) == 0.0 && HD_LANE(t2.h, hd_hyper2_entry(0, 1)) == 0.0);
}
END_TEST

Suite *make_lanes_nansafe_suite(void)
{
    Suite *s = suite_create("lanes_nansafe");
    TCase *tc = tcase_create("nansafe");
    tcase_add_test(tc, zero_lanes_stay_zero_through_infinite_slopes);
    suite_add_tcase(s, tc);
    return s;
}
