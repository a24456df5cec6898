#!/bin/sh
# valgrind memcheck finds no memory error and no definite leak on the demo scan
# (libclang included), for the text and SARIF writers.
. "$(dirname "$0")/lib.sh"
if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind is not installed (make deps installs it)"; fail "no valgrind"; finish; exit 1
fi
case "$ETSILINT" in */san/*) echo "sanitizer build: valgrind check skipped"; finish; exit 0 ;; esac
for fmt in text sarif; do
	valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
		"$ETSILINT" scan -q --no-cache -j2 -f $fmt -o "$TMP/out.$fmt" fixtures/demo-firmware 2>"$TMP/vg"
	rc=$?
	if [ $rc = 1 ]; then ok; else fail "valgrind ($fmt): exit $rc"; head -30 "$TMP/vg"; fi
done
finish
