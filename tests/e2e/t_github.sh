#!/bin/sh
# --format github: one workflow annotation per reported finding, levels by
# severity, properties and data escaped so no name can start a command.
. "$(dirname "$0")/lib.sh"
mkdir -p "$TMP/repo/src"
printf 'void f(char *b) {\n\tgets(b);\n\tstrcpy(b, "x"); // etsilint-ignore unbounded-string-copy: fixed size\n}\n' >"$TMP/repo/src/a,b:c.c"
printf 'CONFIG_TELNETD=y\n' >"$TMP/repo/busybox.config"
expect_rc 1 "$ETSILINT" scan -q --no-cache -f github "$TMP/repo"
expect_grep "$TMP/out" '^::error file=src/a%2Cb%3Ac\.c,line=2,col=2,endLine=2,endColumn=[0-9]+,title=gets-call::gets\(\) .*\(EN 303 645 5\.13-1, CWE-242'
expect_grep "$TMP/out" '^::warning file=busybox\.config,line=1,col=16,.*title=busybox-cleartext-daemons::'
expect_no_grep "$TMP/out" 'unbounded-string-copy'
n=$(grep -c '^::' "$TMP/out"); lines=$(wc -l <"$TMP/out")
if [ "$n" = "$lines" ]; then ok; else fail "$lines lines but $n annotations"; fi
finish
