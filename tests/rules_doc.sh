#!/bin/sh
# doc/rules.md must be exactly what tools/rules_doc prints from the rule table
# (run `make rules-doc` after changing rules.h).
set -u
gen=${top_builddir:-.}/tools/rules_doc
doc=${top_srcdir:-.}/doc/rules.md
[ -x "$gen" ] || { echo "tools/rules_doc not built"; exit 99; }
out=$(mktemp "${TMPDIR:-/tmp}/hd_rules_doc.XXXXXX") || exit 99
trap 'rm -f "$out"' EXIT INT TERM
"$gen" >"$out" || exit 1
if ! diff -u "$doc" "$out"; then
    echo "doc/rules.md is out of date: run 'make rules-doc'"
    exit 1
fi
