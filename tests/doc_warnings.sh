#!/bin/sh
# The Doxygen reference builds without a warning: every parameter of a
# public function documented, no stray HTML-like tags, no dangling links.
# Skipped (77) when configure found no doxygen; about a second otherwise.
set -u
: "${top_srcdir:=.}"
[ -n "${DOXYGEN:-}" ] || { echo "SKIP: doxygen not found by configure"; exit 77; }
out=$(mktemp -d) || exit 1
trap 'rm -rf "$out"' EXIT
log=$(
    { cat "$top_srcdir/doc/Doxyfile"
      echo "INPUT = $top_srcdir/include $top_srcdir/README.md $top_srcdir/doc"
      echo "EXCLUDE = $top_srcdir/doc/html"
      echo "USE_MDFILE_AS_MAINPAGE = $top_srcdir/README.md"
      echo "STRIP_FROM_PATH = $top_srcdir"
      echo "OUTPUT_DIRECTORY = $out"; } | "$DOXYGEN" - 2>&1 >/dev/null
) || { printf '%s\n' "$log"; echo "FAIL: doxygen failed"; exit 1; }
warnings=$(printf '%s\n' "$log" | grep -i 'warning' || true)
if [ -n "$warnings" ]; then
    printf '%s\n' "$warnings" | sed 's/^/FAIL: /'
    exit 1
fi
echo "doxygen: no warnings"
