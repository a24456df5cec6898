#!/bin/sh
# A scan never writes into the scanned tree: every byte and every file name
# stays as it was, whatever the output format.
. "$(dirname "$0")/lib.sh"
cp -r fixtures/demo-firmware "$TMP/demo"
snapshot() { (cd "$TMP/demo" && find . -print0 | sort -z | xargs -0 ls -ld --time-style=+%s.%N | awk '{print $1, $5, $6, $7}'; find . -type f -print0 | sort -z | xargs -0 sha256sum); }
snapshot >"$TMP/before"
for f in text json sarif; do
	(cd "$TMP/demo" && "$ETSILINT" scan -q -f $f . >/dev/null 2>&1)
	"$ETSILINT" scan -q -f $f "$TMP/demo" >/dev/null 2>&1
done
snapshot >"$TMP/after"
if cmp -s "$TMP/before" "$TMP/after"; then ok; else fail "the scanned tree changed"; diff "$TMP/before" "$TMP/after" | head; fi
finish
