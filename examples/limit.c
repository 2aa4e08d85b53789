/* limit: what "instantaneous rate of change" means, and why a dual number
 * gets it exactly.
 *
 * s(t) = t^3 at t = 1. The rise over run (s(t+dt) - s(t))/dt is exactly
 * 3 + 3dt + dt^2 in real arithmetic, so it settles on 3 as dt shrinks. In
 * floating point the subtraction cancels more and more digits, and at
 * dt = 1e-16 (where 1 + dt rounds to 1) the quotient is 0. A dual number
 * t + 1·ε with ε² = 0 gives (t + ε)^3 = t^3 + 3t^2·ε: the derivative with no
 * dt at all, so no truncation and no cancellation. A hyper-dual number also
 * carries the second derivative 6t.
 */
#include <math.h>
#include <stdio.h>
#include <hyperdual.h>

/* s(t) = t^3, written once; the library instantiates it for double, hd_dual
 * and hd_hyper. */
HD_GENERIC_OBJECTIVE(position, T, x, ctx,
    return hd_mul(hd_sq(x[0]), x[0]);
)

int main(void)
{
    const hd_objective s = position_objective(1, NULL);
    const double t = 1.0;

    /* The exact derivative from one dual pass: seed dt/dt = 1. */
    const hd_dual td = hd_dual_var(t);
    const hd_dual sd = s.f_dual(&td, NULL);

    printf("s(t) = t^3 at t = %g\n\n", t);
    printf("%-8s  %-22s  %-18s  %s\n", "dt", "(s(t+dt) - s(t))/dt", "3 + 3dt + dt^2", "error vs exact 3");
    const double s_t = s.f(&t, NULL);
    for (int k = 0; k <= 16; k++) {
        const double dt = pow(10.0, -k);
        const double t_dt = t + dt;
        const double quotient = (s.f(&t_dt, NULL) - s_t) / dt;
        printf("%-8g  %-22.12g  %-18.12g  %.3g\n", dt, quotient, 3 + 3 * dt + dt * dt,
               fabs(quotient - 3));
    }
    printf("\nexact from one dual pass: s = %g, ds/dt = %.17g\n", sd.val, sd.d1);
    printf("because (1 + e)^3 = 1 + 3e + 3e^2 + e^3 = 1 + 3e when e^2 = 0\n\n");

    /* One hyper-dual pass gives value, first and second derivative at once. */
    printf("hyper-dual pass at several t: s' = 3t^2 and s'' = 6t\n");
    printf("%6s  %10s  %10s  %10s  %10s  %10s\n", "t", "s(t)", "s'(t)", "3t^2", "s''(t)", "6t");
    const double ts[] = {-2.0, -1.0, 0.0, 0.5, 1.0, 2.0, 3.0};
    for (size_t i = 0; i < sizeof ts / sizeof ts[0]; i++) {
        const hd_hyper th = hd_hyper_var(ts[i]);
        const hd_hyper sh = s.f_hyper(&th, NULL);
        printf("%6g  %10g  %10g  %10g  %10g  %10g\n", ts[i], sh.val, sh.d1, 3 * ts[i] * ts[i],
               sh.d12, 6 * ts[i]);
    }
    return 0;
}
