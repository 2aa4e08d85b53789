#!/bin/sh
# The library's files call each other in layers: the graph of which file of
# lib/ calls a function (or reads an object) that another file defines has
# no cycle (doc/design.md, "Layers"). Read off the built objects with nm;
# tsort finds a cycle. Prints the graph's edges when it fails.
set -u
builddir=${top_builddir:-.}
command -v nm >/dev/null 2>&1 && command -v tsort >/dev/null 2>&1 || { echo "nm or tsort missing"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hd_layers.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
# The objects of the library's sources (HD_LIB_SOURCES, from make: objects
# left over from files since removed must not count), the shared library's
# (libtool keeps them in .libs/), else the static ones.
objs=""
for src in ${HD_LIB_SOURCES:?set HD_LIB_SOURCES to the sources of the library}; do
    case $src in *.c) ;; *) continue ;; esac
    base=libhyperdual_la-$(basename "$src" .c).o
    dir=$builddir/$(dirname "$src")
    if [ -f "$dir/.libs/$base" ]; then objs="$objs $dir/.libs/$base"
    elif [ -f "$dir/$base" ]; then objs="$objs $dir/$base"
    else echo "no object for $src under $builddir: build the library first"; exit 99; fi
done
for o in $objs; do
    # lib/optim/.libs/libhyperdual_la-core.o -> optim/core
    dir=$(dirname "$o" | sed "s|^$builddir/lib||; s|/\.libs$||; s|^/||")
    name=$(basename "$o" .o | sed 's/^libhyperdual_la-//')
    file=${dir:+$dir/}$name
    nm "$o" | awk -v f="$file" '$1 == "U" { print "U", f, $2 } NF == 3 && $2 ~ /^[TDBR]$/ { print "D", f, $3 }'
done >"$tmp/syms"
awk '$1 == "D" { def[$3] = $2; next } { use[NR] = $2 " " $3 }
     END { for (k in use) { split(use[k], a, " "); if ((a[2] in def) && def[a[2]] != a[1]) print a[1], def[a[2]] } }' \
    "$tmp/syms" | sort -u >"$tmp/edges"
[ -s "$tmp/edges" ] || { echo "no edges found: the symbol tables are empty?"; exit 99; }
if ! tsort "$tmp/edges" >/dev/null 2>"$tmp/loops"; then :; fi
if [ -s "$tmp/loops" ]; then
    echo "FAIL: the files of lib/ call each other in a cycle:"
    sed 's/^/    /' "$tmp/loops"
    echo "  the calls (file -> file it calls):"
    sed 's/^/    /' "$tmp/edges"
    exit 1
fi
echo "layers: $(wc -l <"$tmp/edges") calls between $(cut -d' ' -f1,2 "$tmp/edges" | tr ' ' '\n' | sort -u | wc -l) files, no cycle"
