#!/bin/sh
# Progress: on a terminal a scan of many files shows "etsilint: N/M files,
# K findings" on stderr (and clears it); not a byte of it when stderr is a
# pipe or file, nor with -q.
. "$(dirname "$0")/lib.sh"
if ! command -v script >/dev/null 2>&1; then fail "script(1) missing (bsdutils)"; finish; exit 1; fi
cp -r fixtures/demo-firmware "$TMP/demo"
# script(1) gives the command a terminal; its stdout goes to a file.
script -qec "'$ETSILINT' scan --no-cache -o /dev/null '$TMP/demo'" /dev/null >"$TMP/tty.out" 2>&1
expect_grep "$TMP/tty.out" 'etsilint: [0-9]+/[0-9]+ files, [0-9]+ findings'
script -qec "'$ETSILINT' scan -q --no-cache -o /dev/null '$TMP/demo'" /dev/null >"$TMP/tty-q.out" 2>&1
expect_no_grep "$TMP/tty-q.out" '/[0-9]+ files, '
"$ETSILINT" scan --no-cache -o /dev/null "$TMP/demo" 2>"$TMP/pipe.err"
expect_no_grep "$TMP/pipe.err" '/[0-9]+ files, '
expect_grep "$TMP/pipe.err" '^etsilint: [0-9]+ findings'
finish
