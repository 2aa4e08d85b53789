#!/bin/sh
# Build and run a program against the installed hyperdual using only
# `pkg-config --cflags --libs hyperdual`. Arguments: CC LIBDIR.
set -eu
cc=$1 libdir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/outside.c" <<'C'
#include <hyperdual.h>
#include <math.h>
#include <stdio.h>
HD_GENERIC_OBJECTIVE(f, T, x, ctx, return hd_mul(hd_sin(x[0]), hd_exp(x[1]));)
int main(void)
{
    hd_objective obj = f_objective(2, NULL);
    double x[2] = {0.5, 0.25}, fx, g[2], h[4];
    if (hd_hessian(&obj, x, &fx, g, h) != HD_OK) return 1;
    /* d2/dx0 dx1 sin(x0) exp(x1) = cos(x0) exp(x1) */
    if (fabs(h[1] - cos(0.5) * exp(0.25)) > 1e-15) return 2;
    printf("installed hyperdual %s works\n", hd_version());
    return 0;
}
C
# shellcheck disable=SC2046
$cc -std=c11 -Wall -Wextra -Wpedantic -Werror -o "$tmp/outside" "$tmp/outside.c" \
    $(pkg-config --cflags --libs hyperdual) -lm
LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$tmp/outside"
