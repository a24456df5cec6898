#!/bin/sh
# Inline suppressions end to end: etsilint-ignore comments on the line, on the
# line above and for the whole file, in C and in '#' files; suppressed
# findings are left out of text output and of the exit status, counted in the
# summary, kept in JSON ("suppressed", "justification") and SARIF
# (suppressions, valid against the schema), and survive the results cache; a
# comment without a reason suppresses nothing and is reported by the data
# rule suppression-without-reason.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

mkdir -p "$TMP/tree/src"
cat >"$TMP/tree/src/a.c" <<'EOF'
void f(char *b)
{
	gets(b); // etsilint-ignore gets-call: the factory jig sends fixed vectors
	// etsilint-ignore gets-call: "second" channel of the jig
	gets(b);
}
EOF
printf '# etsilint-ignore-file esp-jtag-allowed: development board only\r\nCONFIG_SECURE_BOOT_ALLOW_JTAG=y\r\n' \
	>"$TMP/tree/sdkconfig"
C="--cache-dir $TMP/cache"

# Everything suppressed: nothing printed, exit 0, the summary counts them.
expect_rc 0 "$ETSILINT" scan $C "$TMP/tree/src/a.c" "$TMP/tree/sdkconfig"
if [ -s "$TMP/out" ]; then fail "text output of suppressed findings:"; sed 's/^/  | /' "$TMP/out"; else ok; fi
expect_grep "$TMP/err" '^etsilint: 0 findings in 2 files \(3 suppressed\)$'

# One without a reason: it is reported with the comment, exit 1.
printf 'void g(char *b) { gets(b); } /* etsilint-ignore gets-call */\n' >"$TMP/tree/src/b.c"
expect_rc 1 "$ETSILINT" scan $C "$TMP/tree"
expect_grep "$TMP/out" "^$TMP/tree/src/b.c:1:19: critical: .*\[gets-call\]"
expect_grep "$TMP/out" "^$TMP/tree/src/b.c:1:33: low: etsilint-ignore comment without a rule id and a reason.*\[suppression-without-reason\] \(EN 303 645 4-1, CWE-710\)$"
expect_no_grep "$TMP/out" 'src/a.c|sdkconfig'
# (The third is the repository's missing disclosure policy.)
expect_grep "$TMP/err" '^etsilint: 3 findings \(1 critical, 2 low\) in 3 files \(3 suppressed\)$'
# Above the unsuppressed (low) findings: exit 0 although the suppressed ones are critical and high.
printf 'void h(char *b) { gets(b); } // etsilint-ignore gets-call: test only\n' >"$TMP/tree/src/b.c"
expect_rc 0 "$ETSILINT" scan $C --fail-on medium "$TMP/tree"
expect_grep "$TMP/err" '^etsilint: 1 finding \(1 low\) in 3 files \(4 suppressed\)$'

# JSON keeps them with their justification.
printf 'void g(char *b) { gets(b); } /* etsilint-ignore gets-call */\n' >"$TMP/tree/src/b.c"
for pass in cold warm; do
	expect_rc 1 "$ETSILINT" scan -q --cache-dir "$TMP/cache2" --stats -f json -o "$TMP/$pass.json" "$TMP/tree"
done
expect_grep "$TMP/err" '3 files matched, 0 parsed, 3 from the cache'
if cmp -s "$TMP/cold.json" "$TMP/warm.json"; then ok; else fail "JSON differs between a cold and a cached scan"; fi
cat >"$TMP/check_json.py" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
got = sorted((f["path"], f["line"], f["rule"], f["suppressed"], f.get("justification"))
             for f in doc["findings"] if f["rule"] != "disclosure-policy-missing")
want = sorted([
    ("sdkconfig", 2, "esp-jtag-allowed", True, "development board only"),
    ("src/a.c", 3, "gets-call", True, "the factory jig sends fixed vectors"),
    ("src/a.c", 5, "gets-call", True, '"second" channel of the jig'),
    ("src/b.c", 1, "gets-call", False, None),
    ("src/b.c", 1, "suppression-without-reason", False, None),
])
errors = []
if got != want:
    errors.append("findings:\n  got  %s\n  want %s" % (got, want))
if doc["summary"]["suppressed"] != 3 or doc["summary"]["baselined"] != 0:
    errors.append("summary: %s" % doc["summary"])
if any("baseline" in f for f in doc["findings"]):
    errors.append("a baseline state without --baseline")
print("\n".join(errors) or "ok")
sys.exit(1 if errors else 0)
PY
expect_rc 0 $PY "$TMP/check_json.py" "$TMP/warm.json"
sed 's/^/  | /' "$TMP/out" | grep -v '| ok$'

# SARIF: suppressions of kind inSource, valid against the schema.
expect_rc 1 "$ETSILINT" scan -q $C -f sarif -o "$TMP/s.sarif" "$TMP/tree"
expect_rc 0 $PY tests/sarif_validate.py "$TMP/s.sarif"
cat >"$TMP/check_sarif.py" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
sup = [(r["ruleId"], r["suppressions"]) for r in run["results"] if "suppressions" in r]
errors = []
if len(sup) != 3:
    errors.append("%d suppressed results, wanted 3" % len(sup))
for rule, s in sup:
    if len(s) != 1 or s[0]["kind"] != "inSource" or not s[0].get("justification"):
        errors.append("%s: %s" % (rule, s))
if any("baselineState" in r for r in run["results"]):
    errors.append("baselineState without --baseline")
print("\n".join(errors) or "ok")
sys.exit(1 if errors else 0)
PY
expect_rc 0 $PY "$TMP/check_sarif.py" "$TMP/s.sarif"
sed 's/^/  | /' "$TMP/out" | grep -v '| ok$'

# The text output is the same for every -j, and shows no suppressed finding.
"$ETSILINT" scan -q --no-cache -j1 "$TMP/tree" >"$TMP/j1.txt" 2>/dev/null
"$ETSILINT" scan -q --no-cache -j3 "$TMP/tree" >"$TMP/j3.txt" 2>/dev/null
if cmp -s "$TMP/j1.txt" "$TMP/j3.txt"; then ok; else fail "text output differs across -j"; fi
expect_no_grep "$TMP/j1.txt" 'src/a.c'

finish
