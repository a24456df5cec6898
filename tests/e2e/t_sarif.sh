#!/bin/sh
# SARIF from the demo tree validates against the SARIF 2.1.0 schema, uses
# relative URIs under SRCROOT, and its fingerprints survive inserted lines.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

cp -r fixtures/demo-firmware "$TMP/demo"
expect_rc 1 "$ETSILINT" scan -q -f sarif -o "$TMP/demo.sarif" "$TMP/demo"
expect_rc 0 $PY tests/sarif_validate.py "$TMP/demo.sarif"
expect_grep "$TMP/out" ': valid$'

# Structure a SARIF viewer and code scanning rely on.
cat >"$TMP/check.py" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
run = log["runs"][0]
rules = run["tool"]["driver"]["rules"]
errors = []
if not run["results"]:
    errors.append("no results")
if not run["originalUriBaseIds"]["SRCROOT"]["uri"].startswith("file:///"):
    errors.append("SRCROOT is not an absolute file URI")
for r in rules:
    p = r.get("properties", {})
    if not isinstance(p.get("security-severity"), str):
        errors.append("rule %s: security-severity not a string" % r["id"])
    tags = p.get("tags", [])
    if not any(t.startswith("external/cwe/cwe-") for t in tags):
        errors.append("rule %s: no CWE tag" % r["id"])
    if not any(t.startswith("en303645/") for t in tags):
        errors.append("rule %s: no EN 303 645 tag" % r["id"])
    if "markdown" not in r.get("help", {}):
        errors.append("rule %s: no markdown help" % r["id"])
areas = set()
for res in run["results"]:
    rule = rules[res["ruleIndex"]]
    if rule["id"] != res["ruleId"]:
        errors.append("ruleIndex mismatch for %s" % res["ruleId"])
    loc = res["locations"][0]["physicalLocation"]
    if loc["artifactLocation"].get("uriBaseId") != "SRCROOT":
        errors.append("result without SRCROOT")
    uri = loc["artifactLocation"]["uri"]
    if uri.startswith("/") or "://" in uri:
        errors.append("absolute uri " + uri)
    reg = loc["region"]
    if reg["startLine"] < 1 or reg["startColumn"] < 1:
        errors.append("bad region in " + uri)
    if "etsilint/v1" not in res.get("partialFingerprints", {}):
        errors.append("no partialFingerprints")
    for t in rule["properties"]["tags"]:
        if t.startswith("en303645/"):
            areas.add(t.split("/")[1].split("-")[0])
print("provision areas with findings:", len(areas), sorted(areas))
if len(areas) < 6:
    errors.append("findings in fewer than 6 provision areas")
for e in errors:
    print("FAIL:", e)
sys.exit(1 if errors else 0)
PY
expect_rc 0 $PY "$TMP/check.py" "$TMP/demo.sarif"
cat "$TMP/out"

# Fingerprints do not change when unrelated lines are inserted above.
fps() { $PY -c 'import json,sys
for r in json.load(open(sys.argv[1]))["runs"][0]["results"]:
    print(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["partialFingerprints"]["etsilint/v1"])' "$1" | sort; }
fps "$TMP/demo.sarif" >"$TMP/fp1"
for f in $(find "$TMP/demo" -name '*.c' | head -3); do
	{ printf '/* inserted */\n\n\n'; cat "$f"; } >"$f.new" && mv "$f.new" "$f"
done
"$ETSILINT" scan -q -f sarif -o "$TMP/demo2.sarif" "$TMP/demo"
fps "$TMP/demo2.sarif" >"$TMP/fp2"
if cmp -s "$TMP/fp1" "$TMP/fp2"; then ok; else fail "fingerprints changed after inserting lines"; diff "$TMP/fp1" "$TMP/fp2" | head; fi
finish
