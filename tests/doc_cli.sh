#!/bin/sh
# The lists the documentation repeats must agree with the code:
#   - the methods `hyperdual minimize --help` offers are exactly those of
#     doc/api.md's "From the shell", of the --method paragraph of
#     hyperdual(1), and each is accepted by --method;
#   - the functions `hyperdual functions` prints are exactly those
#     hyperdual(1) lists, with the same number of arguments;
#   - every header in include/ and include/hyperdual/ (hyperdual.hpp too) has
#     an entry (.TP, .I <header>) in the FILES of hyperdual(3), and FILES has
#     no entry for a header that does not exist;
#   - every source path (doc/..., tests/..., design/...) that a header, the
#     README, doc/*.md or a man page mentions exists;
#   - the man pages' title lines carry the package's version.
. "${top_srcdir:-.}/tests/cli_common.sh"
src=${top_srcdir:-.}
build=${top_builddir:-.}
man1="$src/doc/hyperdual.1"
man3="$src/doc/hyperdual.3"
[ -x "$H" ] || { echo "cli/hyperdual not built"; exit 99; }

# same WHAT LIST1 LIST2: two sorted word lists (one word a line) agree
same() {
    checks=$((checks + 1))
    if [ "$2" != "$3" ]; then
        failures=$((failures + 1))
        echo "FAIL: $1"
        printf '%s\n' "$2" >"$tmp/a"
        printf '%s\n' "$3" >"$tmp/b"
        diff "$tmp/a" "$tmp/b" | sed -n 's/^\([<>]\)/    \1/p'
    fi
}

# man_words FROM TO: the bold words of the troff lines between the first line
# matching FROM and the next matching TO (".B w", ".BR w1 "sep" w2 ...": the
# odd arguments), one a line, "\-" read as "-", with the state "one"/"two"
# set by lines saying "of one argument" / "of two" (for the functions).
man_words() {
    awk -v from="$1" -v to="$2" '
    !inside && $0 ~ from { inside = 1; next }
    inside && $0 ~ to { exit }
    !inside { next }
    /of one argument/ { state = "one" }
    /of two/ { state = "two" }
    /^\.BR? / {
        line = substr($0, index($0, " ") + 1); k = 0
        while (length(line) > 0) {
            sub(/^[ \t]+/, "", line)
            if (line == "") break
            if (substr(line, 1, 1) == "\"") { line = substr(line, 2); arg = substr(line, 1, index(line, "\"") - 1); line = substr(line, index(line, "\"") + 1) }
            else { n = match(line, /[ \t]/); arg = n ? substr(line, 1, n - 1) : line; line = n ? substr(line, n) : "" }
            k++
            if ($1 == ".B" || k % 2 == 1) { gsub(/\\-/, "-", arg); print arg (state ? " " state : "") }
        }
    }' "$man1"
}

# ---- methods ---------------------------------------------------------------------
"$H" minimize --help >"$out" 2>"$err" || fail "minimize --help"
help_methods=$(sed -n 's/^ *--method M *\([a-z|-]*\).*/\1/p' "$out" | tr '|' '\n' | sort)
checks=$((checks + 1))
[ "$(printf '%s\n' "$help_methods" | wc -l)" -ge 4 ] || fail "no method list on the --method line of minimize --help"
api_methods=$(sed -n '/^## From the shell/,/^## /p' "$src/doc/api.md" | tr '\n' ' ' |
              sed -n 's/.*--method \([a-z|-]*\).*/\1/p' | tr '|' '\n' | sort)
same "doc/api.md's --method list differs from minimize --help's" "$help_methods" "$api_methods"
man_methods=$(man_words '^\.BI \\\\-\\\\-method' '^\.TP' | grep -v ',' | sort)
same "hyperdual.1's --method names differ from minimize --help's" "$help_methods" "$man_methods"
# on a sum of squares, which every method (Gauss-Newton and Levenberg-Marquardt
# included) takes: accepted means not refused (exit 0 or 1)
for m in $help_methods; do
    checks=$((checks + 1))
    "$H" minimize --problem rosenbrock --method "$m" >"$out" 2>"$err"
    [ $? -ne 2 ] || fail "--method $m (listed by --help) is not accepted"
done

# ---- functions ---------------------------------------------------------------------
"$H" functions >"$out" 2>"$err" || fail "functions"
cli_functions=$(sed -n 's/^\([a-z0-9_]*\)(\([^)]*\))$/\1 \2/p' "$out" |
                awk '{ print $1, (NF == 2 ? "one" : "two") }' | sort)
man_functions=$(man_words '^Functions ' 'Every other name is a variable' | sort)
same "hyperdual.1 lists other functions (or arities) than 'hyperdual functions'" "$cli_functions" "$man_functions"
# the argument order the manual gives is the one `functions` prints
checks=$((checks + 1))
grep -q 'atan2 " (y, x)' "$man1" && grep -qx 'atan2(y, x)' "$out" || fail "atan2's arguments: manual and 'functions' differ"

# ---- hyperdual(3) FILES ---------------------------------------------------------------
files=$(sed -n '/^\.SH FILES/,/^\.SH /p' "$man3")
headers=$(cd "$src/include" && ls *.h *.hpp hyperdual/*.h | sort)
# the entries: the `.I <header>` line of each .TP
listed=$(printf '%s\n' "$files" | awk 'tp && /^\.I </ { print $2 } { tp = /^\.TP/ }' | tr -d '<>' | sort -u)
same "hyperdual.3's FILES differs from include/ and include/hyperdual/" "$headers" "$listed"

# ---- paths the docs mention -------------------------------------------------------------
for f in "$src"/include/hyperdual.h "$src"/include/hyperdual/*.h "$src/README.md" "$src"/doc/*.md "$man1" "$man3"; do
    grep -oE '(^|[^A-Za-z0-9_./-])(doc|design|tests|examples|lib|cli|bench|include|fuzz|tools)/[A-Za-z0-9_./*-]*[A-Za-z0-9_*]' "$f" |
        sed 's/^[^a-z]//' | sort -u | while IFS= read -r p; do
            # built programs are named without .c; doc/html is made by `make doc`
            case $p in doc/html*) continue ;; esac
            [ -n "$(ls -d "$src"/$p "$build"/$p "$src/$p.c" 2>/dev/null)" ] ||
                echo "${f#"$src"/} mentions $p, which does not exist"
        done
done >"$tmp/paths"
checks=$((checks + 1))
if [ -s "$tmp/paths" ]; then
    failures=$((failures + 1))
    sed 's/^/FAIL: /' "$tmp/paths"
fi

# the version in each man page's .TH line is `hyperdual --version`'s
version=$("$H" --version | sed -n 's/^hyperdual \([^ ]*\).*/\1/p')
for m in "$man1" "$man3"; do
    same "${m#"$src"/}'s title line names version $version" "$version" \
        "$(sed -n 's/^\.TH [^"]*"[^"]*" "hyperdual \([^"]*\)".*/\1/p' "$m")"
done

echo "$checks checks, $failures failed"
[ "$failures" -eq 0 ]
