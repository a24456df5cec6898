#!/bin/sh
# What a SARIF viewer shows: for a call made inside a macro defined in a
# header, the finding points at the macro's use in the source (file, line,
# column of the use); code in a header is reported in the header itself;
# URIs are relative to SRCROOT and percent-encoded; regions are 1-based and
# carry the source line as snippet.
. "$(dirname "$0")/lib.sh"
R="$TMP/proj"
mkdir -p "$R/src" "$R/include" "$R/my dir"
cat >"$R/include/board.h" <<'C'
#ifndef BOARD_H
#define BOARD_H
#define COPY_NAME(dst, src) strcpy((dst), (src))
static inline void board_reset_name(char *dst, const char *src)
{
	strcpy(dst, src);
}
#endif
C
cat >"$R/src/main.c" <<'C'
#include <string.h>
#include "board.h"

void set_name(char *dst, const char *src)
{
	if (dst)
		COPY_NAME(dst, src);
}
C
printf 'void f(char *b) {\n  gets(b);\n}\n' >"$R/my dir/a#b.c"
expect_rc 1 "$ETSILINT" scan -q --no-cache -f sarif -o "$TMP/out.sarif" "$R"
expect_rc 0 /usr/bin/python3 tests/sarif_validate.py "$TMP/out.sarif"
cat >"$TMP/check.py" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
got = {}
for r in run["results"]:
    loc = r["locations"][0]["physicalLocation"]
    reg = loc["region"]
    got[(r["ruleId"], loc["artifactLocation"]["uri"])] = (
        loc["artifactLocation"].get("uriBaseId"), reg["startLine"], reg["startColumn"],
        reg.get("endLine"), reg.get("snippet", {}).get("text"))
want = {
    ("unbounded-string-copy", "src/main.c"): ("SRCROOT", 7, 3, 7, "COPY_NAME(dst, src);"),
    ("unbounded-string-copy", "include/board.h"): ("SRCROOT", 6, 2, 6, "strcpy(dst, src);"),
    ("gets-call", "my%20dir/a%23b.c"): ("SRCROOT", 2, 3, 2, "gets(b);"),
}
bad = 0
for k, v in want.items():
    if got.get(k) != v:
        print("FAIL:", k, "got", got.get(k), "want", v)
        bad = 1
root = run["originalUriBaseIds"]["SRCROOT"]["uri"]
if not (root.startswith("file:///") and root.endswith("/")):
    print("FAIL: SRCROOT", root); bad = 1
sys.exit(bad)
PY
expect_rc 0 /usr/bin/python3 "$TMP/check.py" "$TMP/out.sarif"
sed 's/^/  /' "$TMP/out"
finish
