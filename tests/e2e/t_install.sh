#!/bin/sh
# make install honours PREFIX and DESTDIR and installs the binary, the rule
# pack and both man pages; the installed binary finds its installed pack.
. "$(dirname "$0")/lib.sh"
expect_rc 0 make -s install BUILD="$TMP/build" PREFIX=/opt/etsilint DESTDIR="$TMP/stage"
S="$TMP/stage/opt/etsilint"
for f in bin/etsilint share/man/man1/etsilint.1 share/man/man5/etsilint-rules.5; do
	if [ -f "$S/$f" ]; then ok; else fail "not installed: $f"; fi
done
n_src=$(ls rules/*.yaml | wc -l)
n_inst=$(ls "$S"/share/etsilint/rules/*.yaml | wc -l)
if [ "$n_src" = "$n_inst" ] && [ "$n_src" -gt 0 ]; then ok; else fail "rule files: $n_inst installed, $n_src in rules/"; fi
# The installed binary uses the installed pack (no source tree beside it).
expect_rc 0 env -u ETSILINT_RULES "$S/bin/etsilint" rules
n_rules=$(grep -c '^[a-z]' "$TMP/out")
if [ "$n_rules" -ge 15 ]; then ok; else fail "installed binary lists $n_rules rules"; fi
expect_rc 0 make -s uninstall PREFIX=/opt/etsilint DESTDIR="$TMP/stage"
if [ -e "$S/bin/etsilint" ] || [ -e "$S/share/etsilint" ]; then fail "uninstall left files"; else ok; fi
finish
