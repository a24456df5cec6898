#!/bin/sh
# --file-timeout: a file whose C parse takes longer is reported as skipped
# (for C rules; its text rules still run), the rest of the tree is scanned,
# the run does not wait for the abandoned parse, and the incomplete result is
# not cached.
. "$(dirname "$0")/lib.sh"
mkdir -p "$TMP/t"
/usr/bin/python3 -c "
import sys
open(sys.argv[1] + '/slow.c', 'w').write('int v;\n' * 40000 + 'void f(char *b) { gets(b); }\n' + '/* -----BEGIN PRIVATE KEY----- */\n')
open(sys.argv[1] + '/good.c', 'w').write('void g(char *b)\n{\n\tgets(b);\n}\n')" "$TMP/t"
C="$TMP/cache"
start=$(date +%s)
expect_rc 1 "$ETSILINT" scan --cache-dir "$C" --file-timeout 0.2 "$TMP/t"
took=$(($(date +%s) - start))
expect_grep "$TMP/err" "slow\.c: warning: parsing took longer than the time limit \(0\.200 s, --file-timeout\)"
expect_grep "$TMP/out" 'good\.c:3:2: critical: .*\[gets-call\]'
expect_no_grep "$TMP/out" 'slow\.c:[0-9]+:[0-9]+: critical'
expect_grep "$TMP/out" 'slow\.c:40002:4: high: .*\[pem-private-key\]'
if [ "$took" -le 5 ]; then ok; else fail "the scan took $took s: it waited for the abandoned parse"; fi
# Without a limit (same cache): slow.c is parsed now, not taken from the cache.
expect_rc 1 "$ETSILINT" scan --cache-dir "$C" --stats --file-timeout 0 "$TMP/t"
expect_grep "$TMP/out" 'slow\.c:40001:19: critical: .*\[gets-call\]'
expect_no_grep "$TMP/err" 'time limit'
expect_rc 2 "$ETSILINT" scan --file-timeout soon "$TMP/t"
expect_grep "$TMP/err" "invalid --file-timeout 'soon'"
finish
