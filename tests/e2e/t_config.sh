#!/bin/sh
# The project configuration .etsilint.yaml: found by walking up from the scan
# root; disable/enable/severity/fail-on/exclude/include/define; the command
# line wins; errors name file:line:col and stop the run with exit 2.
. "$(dirname "$0")/lib.sh"
mkdir -p "$TMP/repo/src/deep" "$TMP/repo/vendor" "$TMP/repo/inc"
cat >"$TMP/repo/src/deep/a.c" <<'C'
#include "board.h"
int main(void)
{
	char b[8];
	gets(b);
	strcpy(b, b + 4);
#ifdef BOARD_DEBUG
	system(getenv("CMD"));
#endif
	return 0;
}
C
cp "$TMP/repo/src/deep/a.c" "$TMP/repo/vendor/v.c"
printf '#define BOARD_REV 2\n' >"$TMP/repo/inc/board.h"
cat >"$TMP/repo/.etsilint.yaml" <<'YAML'
# project settings
disable: [unbounded-string-copy, taint-command-injection]
severity: { gets-call: low }
fail-on: critical
exclude: [vendor]
include: [inc]
define: [BOARD_DEBUG=1]
YAML
# Scanning a subfolder still finds the file at the repository root.
expect_rc 0 "$ETSILINT" scan --no-cache "$TMP/repo/src"
expect_grep "$TMP/out" 'deep/a.c:5:2: low: .*\[gets-call\]'
expect_no_grep "$TMP/out" 'unbounded-string-copy'
expect_no_grep "$TMP/out" 'vendor/'
expect_grep "$TMP/out" 'deep/a.c:8:2: .*\[command-injection-shell\]'
# The command line wins over the file.
expect_rc 1 "$ETSILINT" scan --no-cache --fail-on low "$TMP/repo/src"
expect_rc 1 "$ETSILINT" scan --no-cache --no-config "$TMP/repo/src"
expect_grep "$TMP/out" 'unbounded-string-copy'
expect_grep "$TMP/out" 'critical: .*\[gets-call\]'
# enable: only the rules of an area.
printf 'enable: [5.13]\n' >"$TMP/repo/.etsilint.yaml"
expect_rc 0 sh -c "cd '$TMP/repo' && '$ETSILINT' rules"
n=$(grep -c '5\.13' "$TMP/out"); all=$(($(wc -l <"$TMP/out") - 1))
if [ "$n" = "$all" ] && [ "$n" -ge 3 ]; then ok; else fail "enable: $n of $all listed rules are 5.13"; fi
# Errors: file, line and column; exit 2; nothing scanned.
cat >"$TMP/repo/.etsilint.yaml" <<'YAML'
severity: { gets-call: loud }
exlcude: [vendor]
YAML
expect_rc 2 "$ETSILINT" scan "$TMP/repo/src"
expect_grep "$TMP/err" "\.etsilint\.yaml:1:24: error: a severity override must be one of"
expect_grep "$TMP/err" "\.etsilint\.yaml:2:1: error: unknown key 'exlcude'"
expect_grep "$TMP/err" 'nothing was scanned'
printf 'severity: { no-such-rule: low }\n' >"$TMP/repo/.etsilint.yaml"
expect_rc 2 "$ETSILINT" scan "$TMP/repo/src"
expect_grep "$TMP/err" "\.etsilint\.yaml:1:13: error: 'severity': no rule 'no-such-rule'"
printf 'disable: [5.99]\n' >"$TMP/repo/.etsilint.yaml"
expect_rc 2 "$ETSILINT" scan "$TMP/repo/src"
expect_grep "$TMP/err" "'disable': '5.99' is no rule id"
printf 'rules: [\n' >"$TMP/repo/.etsilint.yaml"
expect_rc 2 "$ETSILINT" scan "$TMP/repo/src"
expect_grep "$TMP/err" '\.etsilint\.yaml:[0-9]+:[0-9]+: error: YAML syntax error'
# --config names the file explicitly.
printf 'disable: [gets-call]\n' >"$TMP/other.yaml"
expect_rc 1 "$ETSILINT" scan --no-cache --config "$TMP/other.yaml" "$TMP/repo/src"
expect_no_grep "$TMP/out" 'gets-call'
finish
