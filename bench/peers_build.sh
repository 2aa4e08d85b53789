#!/bin/sh
# peers_build.sh NAME FLAGS...: build make bench-peers with one set of
# compiler flags in bench/peers-NAME and run it.
#
# Fair to both sides: every configuration (Eigen, Ceres, ADOL-C and
# hyperdual; each function, n and kind) is its own translation unit, as a
# user's code for one function is built; hyperdual's library (a shared
# library, as installed) is compiled with the same FLAGS as the rest. Objects are rebuilt when a source or the flags change, two at a
# time. Called by `make bench-peers`, which passes the configured tools and
# flags in the environment: CC CXX LIBTOOL DEFS STD_CFLAGS VISIBILITY_CFLAGS
# LAPACKE_CFLAGS LAPACKE_LIBS BLAS_LIBS OPENMP_CFLAGS LIB_SOURCES srcdir
# builddir.
set -e
if [ "$1" = --one ]; then # --one DIR LIB FN N HESSIAN: one configuration
    dir=$2 lib=$3 fn=$4 n=$5 hess=$6
    o=$dir/peer-$lib-$fn-$n-$hess.o
    config="-DPEER_FN=$fn -DPEER_N=$n -DPEER_HESSIAN=$hess"
    if [ "$lib" = hd ]; then # hyperdual's side, in C, against the library's headers
        src=$srcdir/bench/peers_hd.c
        deps="$src $srcdir/bench/bench_objectives.h $(ls "$srcdir"/include/hyperdual/*.h)"
        compile="$CC $DEFS -I$builddir -I$srcdir/include -I$srcdir/bench $STD_CFLAGS"
    else
        src=$srcdir/bench/peers_$lib.cc
        deps="$src $srcdir/bench/peers.h"
        compile="$CXX -std=c++17 -I/usr/include/eigen3 -I$srcdir/bench"
    fi
    for dep in $deps "$srcdir/bench/peer_configs.h" "$dir/flags"; do
        [ -f "$o" ] && [ ! "$dep" -nt "$o" ] || { rm -f "$o"; break; }
    done
    [ -f "$o" ] && exit 0
    echo "  CC       $o"
    # shellcheck disable=SC2046
    exec $compile $(cat "$dir/flags") $config -c "$src" -o "$o"
fi

name=$1
shift
flags="$*"
dir=bench/peers-$name
mkdir -p "$dir/lib"
# A change of flags rebuilds everything.
if [ ! -f "$dir/flags" ] || [ "$(cat "$dir/flags")" != "$flags" ]; then
    echo "$flags" >"$dir/flags"
fi

# The list of configurations and of peers, read from peer_configs.h.
expand() {
    printf '#include "peer_configs.h"\n@@ %s\n' "$1" |
        $CXX -E -P -I"$srcdir/bench" "$2" -x c++ - | sed -n 's/^@@//p'
}
configs=$(expand 'PEER_CONFIGS(ROW)' '-DROW(f,n)=f n')
libs=$(expand 'PEER_LIBRARIES(LIB)' '-DLIB(l,...)=l')
for lib in $libs hd; do
    set -- $configs
    while [ $# -ge 2 ]; do
        echo "$dir $lib $1 $2 0"
        echo "$dir $lib $1 $2 1"
        shift 2
    done
done | xargs -P 2 -n 5 sh "$0" --one

# hyperdual: the library and the objectives, with the same flags.
ltflags="--quiet --tag=CC"
hd_objs=
for s in $LIB_SOURCES; do
    lo=$dir/lib/$(basename "$s" .c).lo
    if [ ! -f "$lo" ] || [ "$dir/flags" -nt "$lo" ] || [ -n "$(find "$srcdir/lib" "$srcdir/include" -newer "$lo" -name '*.[ch]' | head -1)" ]; then
        echo "  CC       $lo"
        $LIBTOOL $ltflags --mode=compile $CC $DEFS -DHD_BUILDING_LIBRARY -I"$builddir" \
            -I"$srcdir/include" -I"$srcdir/lib" $STD_CFLAGS $VISIBILITY_CFLAGS $LAPACKE_CFLAGS \
            $OPENMP_CFLAGS $flags -c "$srcdir/$s" -o "$lo"
    fi
    hd_objs="$hd_objs $lo"
done
$LIBTOOL $ltflags --mode=link $CC $flags $OPENMP_CFLAGS -o "$dir/libhyperdual.la" $hd_objs \
    -rpath "$(cd "$dir" && pwd)" $LAPACKE_LIBS $BLAS_LIBS -lm
objs=
for s in bench/peers_ref.c bench/bench_hand.c; do
    o=$dir/$(basename "$s" .c).o
    $CC $DEFS -I"$builddir" -I"$srcdir/include" -I"$srcdir/bench" $STD_CFLAGS $flags \
        -c "$srcdir/$s" -o "$o"
    objs="$objs $o"
done
$CXX $flags -std=c++17 -I"$srcdir/bench" -c "$srcdir/bench/bench_peers.cc" -o "$dir/bench_peers.o"
for o in "$dir"/peer-*.o; do objs="$objs $o"; done
$LIBTOOL --quiet --tag=CXX --mode=link $CXX $flags -o "$dir/bench_peers" "$dir/bench_peers.o" \
    $objs "$dir/libhyperdual.la" -ladolc -lm

cxx_version=$($CXX --version | head -1)
cc_version=$($CC --version | head -1)
"$dir/bench_peers" \
    "Build: \`$flags\` on both sides. Peers: $cxx_version, -std=c++17, one translation unit" \
    "per peer configuration (function, n, gradient or Hessian), as a user's code is built." \
    "hyperdual: $cc_version, -std=c11, one translation unit per configuration too, and the" \
    "library (shared, as installed); each objective is built in the function that calls the" \
    "drivers, as a user's code does."
