#!/bin/sh
# The results cache: a warm re-scan parses nothing, one changed file is the
# only one parsed again, results are identical, --no-cache bypasses it, and a
# default cache folder inside the scanned tree is refused.
. "$(dirname "$0")/lib.sh"
cp -r fixtures/demo-firmware "$TMP/demo"
C="$TMP/cache"
stat_of() { sed -n 's/^etsilint: \([0-9]*\) files matched, \([0-9]*\) parsed, \([0-9]*\) from the cache.*/\1 \2 \3/p' "$TMP/err"; }

expect_rc 1 "$ETSILINT" scan -q --stats --cache-dir "$C" -f json -o "$TMP/cold.json" "$TMP/demo"
set -- $(stat_of); files=$1 parsed=$2 cached=$3
echo "cold: $files files, $parsed parsed, $cached cached"
if [ "$parsed" -gt 3 ] && [ "$cached" = 0 ]; then ok; else fail "cold scan: $parsed parsed, $cached cached"; fi

expect_rc 1 "$ETSILINT" scan -q --stats --cache-dir "$C" -f json -o "$TMP/warm.json" "$TMP/demo"
set -- $(stat_of)
echo "warm: $1 files, $2 parsed, $3 cached"
if [ "$2" = 0 ] && [ "$3" = "$files" ]; then ok; else fail "warm scan: $2 parsed, $3 cached of $files"; fi
if cmp -s "$TMP/cold.json" "$TMP/warm.json"; then ok; else fail "warm output differs from cold"; fi

one=$(find "$TMP/demo" -name '*.c' | sort | head -1)
printf '\n/* touched */\n' >>"$one"
expect_rc 1 "$ETSILINT" scan -q --stats --cache-dir "$C" "$TMP/demo"
set -- $(stat_of)
echo "one file changed: $2 parsed, $3 cached"
if [ "$2" = 1 ] && [ "$3" = $((files - 1)) ]; then ok; else fail "after one change: $2 parsed, $3 cached"; fi

# A changed header re-parses the header and the files that include it.
hdr="$TMP/demo/esp32-sensor/main/app.h"
n_inc=$(grep -l '#include "app.h"' "$TMP/demo/esp32-sensor/main/"*.c | wc -l)
printf '\n/* header touched */\n' >>"$hdr"
expect_rc 1 "$ETSILINT" scan -q --stats --cache-dir "$C" "$TMP/demo"
set -- $(stat_of)
echo "header changed: $2 parsed (the header and its $n_inc includers), $3 cached"
if [ "$n_inc" -ge 2 ] && [ "$2" = $((n_inc + 1)) ]; then ok; else fail "after a header change: $2 parsed, wanted $((n_inc + 1))"; fi

# One parse per C file however many rules: a one-rule pack parses as many.
cat >"$TMP/one.yaml" <<'YAML'
rules:
  - id: only-gets
    title: gets
    message: gets
    severity: low
    provisions: [5.13-1]
    cwe: [242]
    remediation: fgets
    match: {call: {name: gets}}
YAML
"$ETSILINT" scan -q --stats --no-cache --rules "$TMP/one.yaml" "$TMP/demo" >/dev/null 2>"$TMP/err"
set -- $(stat_of); one_rule=$2
"$ETSILINT" scan -q --stats --no-cache "$TMP/demo" >/dev/null 2>"$TMP/err"
set -- $(stat_of); all_rules=$2
echo "parses: $one_rule with one rule, $all_rules with the whole pack"
if [ "$one_rule" = "$all_rules" ] && [ "$one_rule" -gt 3 ]; then ok; else fail "parses differ: $one_rule vs $all_rules"; fi

expect_rc 1 "$ETSILINT" scan -q --stats --no-cache "$TMP/demo"
set -- $(stat_of)
if [ "$3" = 0 ] && [ "$2" = "$parsed" ]; then ok; else fail "--no-cache: $2 parsed, $3 cached"; fi

# The default cache folder inside the scanned tree is not used.
expect_rc 1 env XDG_CACHE_HOME="$TMP/demo/.cache" "$ETSILINT" scan --stats "$TMP/demo"
expect_grep "$TMP/err" 'inside the scanned tree; not used'
if [ -e "$TMP/demo/.cache/etsilint" ] && [ -n "$(ls -A "$TMP/demo/.cache/etsilint")" ]; then fail "cache written into the tree"; else ok; fi
finish
