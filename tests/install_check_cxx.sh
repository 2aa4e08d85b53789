#!/bin/sh
# Build and run a C++ program against the installed hyperdual with the
# README's line and nothing else: `c++ -std=c++11 prog.cc $(pkg-config
# --cflags --libs hyperdual)` (with the warnings as errors), c++ being the
# given compiler. The program uses the installed <hyperdual.hpp> and, through
# <hyperdual/tgmath.h>, finds it by the relative path the install lays out.
# Arguments: CXX LIBDIR.
set -eu
cxx=$1 libdir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/outside.cc" <<'CC'
#include <hyperdual/tgmath.h>
#include <cmath>
#include <cstdio>

// A logistic-style loss of its own parameter names, with transcendental
// calls by their standard names and by the hd_ names.
struct Loss {
    double scale;
    template <class Number> Number operator()(const Number *w, std::size_t dim) const
    {
        Number s = hd_const<Number>(0.0);
        for (std::size_t k = 0; k < dim; k++) s += log(1 + exp(w[k] * scale)) + hd_sq(sin(w[k]));
        return s + erf(w[0]) + hd_lgamma(2 + w[1] * w[1]);
    }
};

int main()
{
    const auto loss = hd::make_objective(2, Loss{0.5});
    const double w[2] = {0.3, -0.7};
    double f, g[2], h[4];
    if (hd_hessian(loss, w, &f, g, h) != HD_OK) return 1;
    // d/dw0 = 0.5 sigmoid(0.5 w0) + sin(2 w0) + 2/sqrt(pi) exp(-w0^2)
    const double s0 = 1 / (1 + std::exp(-0.5 * w[0]));
    const double want = 0.5 * s0 + std::sin(2 * w[0]) + 2 / std::sqrt(std::acos(-1.0)) * std::exp(-w[0] * w[0]);
    if (std::fabs(g[0] - want) > 1e-14) return 2;
    if (h[1] != h[2] || h[1] != 0.0) return 3;
    std::printf("installed hyperdual %s works from C++\n", hd_version());
    return 0;
}
CC
# shellcheck disable=SC2046
$cxx -std=c++11 -Wall -Wextra -Wpedantic -Werror "$tmp/outside.cc" -o "$tmp/outside" \
    $(pkg-config --cflags --libs hyperdual)
LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$tmp/outside"
