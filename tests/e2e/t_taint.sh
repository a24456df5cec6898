#!/bin/sh
# The data-flow (taint) rules, measured: the cases under tests/taint/cases
# (bad_*/good_* functions with expect:/ok: markers) are scanned and scored by
# tests/taint/score.py (precision and recall >= 90%, every true positive with
# a data-flow path of >= 2 steps); the SARIF output validates against the
# SARIF 2.1.0 schema and carries that path as codeFlows; the text output
# prints it as note: lines; and one generated 5,000-line function is analysed
# within --file-timeout 60 with exactly the findings it was generated with.
# ETSILINT: the binary; SARIF_SCHEMA: the schema (default
# ../shared/schemas/sarif-schema-2.1.0.json beside the repository).
cd "$(dirname "$0")/../.." || exit 2
# shellcheck source=tests/e2e/lib.sh
. tests/e2e/lib.sh
PY=/usr/bin/python3
CASES=tests/taint/cases

# --- precision and recall over the cases
expect_rc 1 "$ETSILINT" scan --no-cache -q --format json -o "$TMP/cases.json" "$CASES"
if $PY tests/taint/score.py "$TMP/cases.json" "$CASES" >"$TMP/score" 2>&1; then
	ok
else
	fail "tests/taint/score.py: precision or recall below 90%, or paths missing"
fi
cat "$TMP/score"
expect_grep "$TMP/score" '^taint: precision [0-9.]+% \([0-9]+/[0-9]+\), recall [0-9.]+% \([0-9]+/[0-9]+\) over [0-9]+ cases'

# --- SARIF: valid, and taint results carry their path as a code flow
expect_rc 1 "$ETSILINT" scan --no-cache -q --format sarif -o "$TMP/cases.sarif" "$CASES"
expect_rc 0 $PY tests/sarif_validate.py "$TMP/cases.sarif"
expect_grep "$TMP/out" ': valid$'
cat >"$TMP/flows.py" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
errors, n = [], 0
for res in run["results"]:
    if not res["ruleId"].startswith("taint-"):
        continue
    n += 1
    loc = res["locations"][0]["physicalLocation"]
    where = "%s:%d %s" % (loc["artifactLocation"]["uri"], loc["region"]["startLine"], res["ruleId"])
    try:
        tfl = res["codeFlows"][0]["threadFlows"][0]["locations"]
    except (KeyError, IndexError, TypeError):
        errors.append(where + ": no codeFlows[0].threadFlows[0].locations")
        continue
    if len(tfl) < 2:
        errors.append(where + ": %d thread flow location(s), wanted >= 2" % len(tfl))
        continue
    last = tfl[-1]["location"]["physicalLocation"]
    if last["region"]["startLine"] != loc["region"]["startLine"]:
        errors.append(where + ": the last flow location is not the result's line")
    for t in tfl:
        if not t["location"].get("message", {}).get("text"):
            errors.append(where + ": a flow location without a message")
            break
print("taint results with code flows:", n)
if n == 0:
    errors.append("no taint results in the SARIF log")
for e in errors:
    print("FAIL:", e)
sys.exit(1 if errors else 0)
PY
expect_rc 0 $PY "$TMP/flows.py" "$TMP/cases.sarif"
sed 's/^/  /' "$TMP/out" | head -20

# --- text: a taint finding is followed by its path as note: lines
expect_rc 1 "$ETSILINT" scan --no-cache -q --color never "$CASES"
cp "$TMP/out" "$TMP/cases.txt"
if awk '
	/\[taint-[a-z-]+\]/ { want = 1; findings++; next }
	want && /^[^ ].*:[0-9]+:[0-9]+: note: / { noted++; want = 0; next }
	/^[^ ].*:[0-9]+:[0-9]+: / { want = 0 }
	END { printf "%d taint findings, %d followed by note: lines\n", findings, noted
	      exit !(findings > 0 && noted == findings) }' "$TMP/cases.txt" >"$TMP/notes" 2>&1; then
	ok
else
	fail "taint findings without note: lines in the text output"
fi
cat "$TMP/notes"

# --- no path explosion: one generated function of 5,000 lines
mkdir -p "$TMP/large"
expected=$($PY tests/taint/gen_large.py 5000 -o "$TMP/large/big_handler.c")
if [ -n "$expected" ] && [ "$expected" -gt 0 ]; then ok; else fail "gen_large.py printed no expected count"; fi
t0=$(date +%s.%N)
expect_rc 1 "$ETSILINT" scan --no-cache -q --file-timeout 60 --format json -o "$TMP/large.json" "$TMP/large"
t1=$(date +%s.%N)
secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
expect_no_grep "$TMP/err" 'time limit'
got=$($PY -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(sum(1 for f in d["findings"] if f["rule"].startswith("taint-")))' "$TMP/large.json" 2>/dev/null)
echo "5,000-line function: $got taint findings (expected $expected) in $secs s"
if [ "$got" = "$expected" ]; then ok; else fail "5,000-line function: $got taint findings, expected $expected"; fi
# The same findings on the lines the generator marked.
if $PY tests/taint/score.py --no-steps --min-precision 100 --min-recall 100 "$TMP/large.json" "$TMP/large" >"$TMP/large.score" 2>&1; then
	ok
else
	fail "5,000-line function: findings not on the generated markers"
	grep -E '^(FP|FN|taint:)' "$TMP/large.score" | head -20
fi
finish
