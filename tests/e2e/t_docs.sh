#!/bin/sh
# t_docs.sh - the documentation matches the program:
#   - every long option that `etsilint --help` prints is in man/etsilint.1;
#   - every matcher of matcher_table (src/matcher.c) is in man/etsilint-rules.5
#     and rules/README.md;
#   - README.md gives `make run` and `make test` within its first 15 lines;
#   - both manual pages format without groff warnings (when groff exists).
# Run from the repository root with ETSILINT set to the binary.
. "$(dirname "$0")/lib.sh"

MAN1=man/etsilint.1
MAN5=man/etsilint-rules.5

for f in "$MAN1" "$MAN5" rules/README.md README.md src/matcher.c; do
	if [ -f "$f" ]; then ok; else fail "$f is missing"; fi
done

# Long options: roff writes a dash as \-.
"$ETSILINT" --help >"$TMP/help" 2>&1 || fail "'$ETSILINT --help' failed"
sed 's/\\-/-/g' "$MAN1" >"$TMP/man1" 2>/dev/null
opts=$(grep -o -- '--[a-z][a-z-]*' "$TMP/help" | sort -u)
[ -n "$opts" ] || fail "no long options found in --help output"
for o in $opts; do
	if grep -q -e "$o" "$TMP/man1"; then ok; else fail "$MAN1 does not document $o"; fi
done

# Matchers: the names in matcher_table, each looked up in the m_*.c file that
# defines it (const struct matcher_ops matcher_X = { .name = "..." ... }).
syms=$(sed -n '/matcher_table\[\] *= *{/,/};/p' src/matcher.c | grep -o '&matcher_[a-z0-9_]*' | sed 's/^&//')
[ -n "$syms" ] || fail "no entries found in matcher_table of src/matcher.c"
sed 's/\\-/-/g' "$MAN5" >"$TMP/man5" 2>/dev/null
for s in $syms; do
	name=$(awk -v sym="$s" '
		$0 ~ "struct matcher_ops " sym "[ \t]*=" { inside = 1 }
		inside && /\.name[ \t]*=[ \t]*"/ { sub(/^[^"]*"/, ""); sub(/".*/, ""); print; exit }
	' src/m_*.c)
	if [ -z "$name" ]; then
		fail "cannot find the .name of $s in src/m_*.c"
		continue
	fi
	# As a section heading in the man page, as `name` in the README.
	if grep -Eq "^\.SS \"?$name\"?\$" "$TMP/man5"; then ok; else fail "$MAN5 has no '.SS $name' section for matcher '$name'"; fi
	if grep -q "\`$name\`" rules/README.md; then ok; else fail "rules/README.md does not document matcher '$name'"; fi
done

# The two set-up commands open the README.
head -n 15 README.md >"$TMP/readme-top"
for c in 'make run' 'make test'; do
	if grep -q "$c" "$TMP/readme-top"; then ok; else fail "README.md lacks '$c' in its first 15 lines"; fi
done

# The pages format cleanly.
if command -v groff >/dev/null 2>&1; then
	for p in "$MAN1" "$MAN5"; do
		if groff -man -ww -z "$p" >"$TMP/groff" 2>&1 && [ ! -s "$TMP/groff" ]; then
			ok
		else
			fail "groff -man -ww -z $p is not clean:"
			sed 's/^/  | /' "$TMP/groff" | head -10
		fi
	done
else
	echo "note: groff not installed; the manual pages were not formatted (apt-get install groff-base)"
fi

finish
