#!/bin/sh
# t_report.sh - `etsilint report`: the conformance report on the demo firmware,
# without a statement (--no-statement) and with fixtures/demo-firmware/
# etsilint-statement.yaml (found at the scan root); Markdown, HTML and JSON;
# statuses of chosen provisions; every provision of the catalogue exactly once;
# never "pass"; statement errors with file:line:col and exit status 2; escaping
# of hostile paths and statement text; links relative to the report's folder.
# Run from the repository root with ETSILINT set to the binary.
. "$(dirname "$0")/lib.sh"

DEMO=fixtures/demo-firmware
run() { "$ETSILINT" --no-cache -q "$@"; }

# status FILE.json ID : the status of provision ID in a JSON report.
status() {
	python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
print([p["status"] for p in d["provisions"] if p["id"] == sys.argv[2]][0])' "$1" "$2"
}

# expect_status FILE.json ID STATUS
expect_status() {
	got=$(status "$1" "$2" 2>/dev/null)
	if [ "$got" = "$3" ]; then ok; else fail "$1: $2 is '$got', wanted '$3'"; fi
}

# check_json FILE.json : valid, 68 distinct provisions, known statuses, counts add up,
# no status, label or text of the tool says pass.
check_json() {
	if python3 - "$1" <<'EOF'; then ok; else fail "$1: JSON report checks"; fi
import json, re, sys
d = json.load(open(sys.argv[1]))
ids = [p["id"] for p in d["provisions"]]
assert len(ids) == 68 and len(set(ids)) == 68, ("provisions", len(ids), len(set(ids)))
known = {"contradicted", "not-met", "not-applicable", "supported", "evidence-found", "needs-statement"}
for p in d["provisions"]:
    assert p["status"] in known, p
    for k in ("status", "label", "summary", "conflict", "todo"):
        assert not re.search(r"\bpass(ed)?\b", p[k] or "", re.I), (p["id"], k, p[k])
    if p["status"] == "not-applicable":
        assert p["conditions"] and p["statement"]["justification"], p
bs = d["summary"]["byStatus"]
assert set(bs) == known and sum(bs.values()) == 68, bs
for st in known:
    assert bs[st] == sum(1 for p in d["provisions"] if p["status"] == st), st
areas = d["summary"]["byArea"]
assert sum(a["provisions"] for a in areas) == 68 and len(areas) == 15, areas
assert d["tool"]["name"] == "etsilint" and d["reportVersion"] == 1
EOF
}

# The tool's own words (finding lines left out: rule messages may say "passes
# -fno-stack-protector") never say pass.
check_no_pass() {
	grep -v -e '^- \*\*' -e '<li>' "$1" >"$TMP/words"
	expect_no_grep "$TMP/words" '\b[Pp][Aa][Ss][Ss]([Ee][Dd])?\b'
}

# ---- without a statement ----
expect_rc 1 run report --no-statement -f json -o "$TMP/plain.json" "$DEMO"
check_json "$TMP/plain.json"
expect_status "$TMP/plain.json" 5.1-1 contradicted
expect_status "$TMP/plain.json" 5.4-3 contradicted
expect_status "$TMP/plain.json" 5.2-1 evidence-found
expect_status "$TMP/plain.json" 5.11-1 evidence-found
expect_status "$TMP/plain.json" 5.10-1 needs-statement
expect_status "$TMP/plain.json" 6-2 needs-statement
expect_status "$TMP/plain.json" 5.7-2 needs-statement
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
assert d["statement"] is None and d["product"] is None
assert d["summary"]["byStatus"]["supported"] == 0 and d["summary"]["byStatus"]["not-applicable"] == 0
p = [p for p in d["provisions"] if p["id"] == "5.10-1"][0]
assert "telemetry" in p["todo"] and "n.a." in p["todo"], p["todo"]
p = [p for p in d["provisions"] if p["id"] == "5.3-4"][0]
assert "condition 12" in p["todo"] and "update mechanism was found" in p["todo"], p["todo"]' "$TMP/plain.json"; then
	ok
else
	fail "without a statement: no statement, nothing supported, what to provide is said"
fi

expect_rc 1 run report --no-statement -o "$TMP/plain.md" "$DEMO"
expect_grep "$TMP/plain.md" '^# EN 303 645 conformance report'
expect_grep "$TMP/plain.md" '^\| Area \| Provisions \|'
n=$(grep -c '^### [0-9]' "$TMP/plain.md")
if [ "$n" = 68 ]; then ok; else fail "plain.md has $n provision headings, wanted 68"; fi
n=$(grep -c '^### 5\.1-1 ' "$TMP/plain.md")
if [ "$n" = 1 ]; then ok; else fail "plain.md lists 5.1-1 $n times"; fi
grep -A2 '^### 5\.1-1 ' "$TMP/plain.md" >"$TMP/p511"
expect_grep "$TMP/p511" 'Contradicted'
grep -A2 '^### 5\.2-1 ' "$TMP/plain.md" >"$TMP/p521"
expect_grep "$TMP/p521" 'Evidence found'
grep -A6 '^### 5\.10-1 ' "$TMP/plain.md" >"$TMP/p5101"
expect_grep "$TMP/p5101" 'Needs a statement'
expect_grep "$TMP/p5101" '^\*\*To provide:\*\* '
# A finding links to its file and line (relative to the report's folder).
expect_grep "$TMP/plain.md" '\[esp32-sensor/main/app\\_main\.c:21\]\(\.\./[^)]*/esp32-sensor/main/app_main\.c#L21\)'
check_no_pass "$TMP/plain.md"

expect_rc 1 run report --no-statement -f html -o "$TMP/plain.html" "$DEMO"
expect_grep "$TMP/plain.html" '^<!DOCTYPE html>'
expect_grep "$TMP/plain.html" '<style>'
expect_grep "$TMP/plain.html" '</html>$'
expect_no_grep "$TMP/plain.html" '<script|<link |src="http|@import'
n=$(grep -c '<section class="card' "$TMP/plain.html")
if [ "$n" = 68 ]; then ok; else fail "plain.html has $n provision cards, wanted 68"; fi
expect_grep "$TMP/plain.html" 'id="p-5\.1-1".*badge s0">Contradicted<'
expect_grep "$TMP/plain.html" 'id="p-5\.10-1".*badge s5">Needs a statement<'
check_no_pass "$TMP/plain.html"

# Markdown to standard output by default, links relative to the scan root.
expect_rc 1 run report --no-statement "$DEMO"
expect_grep "$TMP/out" '\(esp32-sensor/main/app_main\.c#L21\)'
# The exit status follows --fail-on, as for scan.
expect_rc 0 run report --no-statement --fail-on none -o "$TMP/x.md" "$DEMO"

# Links from a report in another folder resolve to the scanned files.
mkdir -p "$TMP/sub/dir"
expect_rc 1 run report --no-statement -o "$TMP/sub/dir/r.md" "$DEMO"
if python3 - "$TMP/sub/dir/r.md" <<'EOF'; then ok; else fail "links of $TMP/sub/dir/r.md do not resolve"; fi
import os, re, sys, urllib.parse
md = sys.argv[1]
links = re.findall(r"\]\(([^)#]+)#L\d+\)", open(md).read())
assert links
for l in links:
    p = os.path.join(os.path.dirname(md), urllib.parse.unquote(l))
    assert os.path.isfile(p), p
EOF

# ---- with the demo's statement (found at the scan root) ----
expect_rc 1 run report -f json -o "$TMP/st.json" "$DEMO"
check_json "$TMP/st.json"
expect_status "$TMP/st.json" 5.1-1 contradicted
expect_status "$TMP/st.json" 4-1 contradicted
expect_status "$TMP/st.json" 6-2 not-applicable
expect_status "$TMP/st.json" 5.10-1 not-applicable
expect_status "$TMP/st.json" 5.7-2 not-met
expect_status "$TMP/st.json" 5.2-1 supported
expect_status "$TMP/st.json" 5.3-13 supported
expect_status "$TMP/st.json" 5.12-2 supported
expect_status "$TMP/st.json" 5.5-2 needs-statement
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
assert d["statement"].endswith("etsilint-statement.yaml"), d["statement"]
assert d["product"]["name"].startswith("ACME"), d["product"]
p = {p["id"]: p for p in d["provisions"]}
# a yes contradicted by findings: stays contradicted, the conflict is noted
assert p["5.1-1"]["statement"]["supported"] == "yes"
assert "statement says yes" in p["5.1-1"]["conflict"], p["5.1-1"]["conflict"]
assert len(p["5.1-1"]["findings"]) > 0
# n.a. with its justification
assert p["6-2"]["statement"]["supported"] == "n.a."
assert "consent" in p["6-2"]["statement"]["justification"]
# supported with evidence found and evidence given
assert len(p["5.2-1"]["evidence"]) == 1 and "SECURITY.md" in p["5.2-1"]["statement"]["evidence"]
assert p["5.7-2"]["statement"]["supported"] == "no"' "$TMP/st.json"; then
	ok
else
	fail "with the statement: conflict, justification and evidence in the JSON report"
fi

expect_rc 1 run report -o "$TMP/st.md" "$DEMO"
check_no_pass "$TMP/st.md"
grep -A12 '^### 5\.1-1 ' "$TMP/st.md" >"$TMP/s511"
expect_grep "$TMP/s511" 'Contradicted'
expect_grep "$TMP/s511" '^> \*\*Conflict:\*\* The statement says yes'
grep -A8 '^### 6-2 ' "$TMP/st.md" >"$TMP/s62"
expect_grep "$TMP/s62" 'Not applicable'
expect_grep "$TMP/s62" 'not on the basis of consent'
grep -A8 '^### 5\.7-2 ' "$TMP/st.md" >"$TMP/s572"
expect_grep "$TMP/s572" 'Not met'
expect_grep "$TMP/s572" 'cannot detect tampering'
# Evidence paths of the statement link relative to the root.
expect_grep "$TMP/st.md" '\[SECURITY\.md#supported-versions\]\([^)]*SECURITY\.md#supported-versions\)'

expect_rc 1 run report -f html -o "$TMP/st.html" "$DEMO"
check_no_pass "$TMP/st.html"
expect_grep "$TMP/st.html" 'id="p-6-2".*badge s2">Not applicable<'
expect_grep "$TMP/st.html" 'id="p-5\.7-2".*badge s1">Not met<'
expect_grep "$TMP/st.html" 'class="conflict"><b>Conflict:</b> The statement says yes'

# --no-statement wins over the file at the root; --statement names another.
expect_rc 1 run report --no-statement -f json -o "$TMP/ns.json" "$DEMO"
expect_status "$TMP/ns.json" 6-2 needs-statement

# ---- a statement with errors ----
cat >"$TMP/bad.yaml" <<'EOF'
product:
  name: Test device
provisions:
  "5.1-9":
    supported: yes
  "5.1-3":
    supported: n.a.
    justification: The device has no authentication.
  "5.2-1":
    supported: maybe
  "5.10-1":
    supported: n.a.
EOF
expect_rc 2 run report --statement "$TMP/bad.yaml" "$DEMO"
expect_grep "$TMP/err" "bad\.yaml:4:3: error: '5\.1-9' is not a provision"
expect_grep "$TMP/err" 'bad\.yaml:7:16: error: provision 5\.1-3 \(M\) is mandatory without a condition'
expect_grep "$TMP/err" "bad\.yaml:10:16: error: provision 5\.2-1: 'supported' must be yes, no or n\.a\."
expect_grep "$TMP/err" 'bad\.yaml:12:16: error: provision 5\.10-1: n\.a\. needs a justification'
expect_grep "$TMP/err" 'nothing was scanned'
if [ -s "$TMP/out" ]; then fail "a report was written despite statement errors"; else ok; fi
# A statement file that does not exist, and one that is not YAML.
expect_rc 2 run report --statement "$TMP/missing.yaml" "$DEMO"
expect_grep "$TMP/err" 'missing\.yaml: error: cannot read the conformance statement'
printf 'provisions: [oops\n' >"$TMP/syntax.yaml"
expect_rc 2 run report --statement "$TMP/syntax.yaml" "$DEMO"
expect_grep "$TMP/err" 'syntax\.yaml:2:1: error: YAML syntax error'

# ---- usage ----
expect_rc 2 run report --format text "$DEMO"
expect_grep "$TMP/err" "unknown --format 'text' for report"
expect_rc 2 run report --shard 1/2 "$DEMO"
expect_rc 2 run report --statement "$TMP/bad.yaml" --no-statement "$DEMO"

# ---- hostile input: file names and statement text are escaped ----
HOST="$TMP/hostile"
mkdir -p "$HOST/src"
cat >"$HOST/src/<img src=x onerror=alert(1)>.c" <<'EOF'
#include <stdio.h>
void f(char *buf) { gets(buf); }
EOF
cat >"$HOST/etsilint-statement.yaml" <<'EOF'
product:
  name: "<script>alert(1)</script>"
provisions:
  "5.3-16":
    supported: yes
    justification: "Model on the label </div><script>alert(2)</script> | [x](javascript:alert(3))"
    evidence:
      - "javascript:alert(4)"
      - "docs/model <b>.md"
EOF
expect_rc 1 run report -f html -o "$TMP/h.html" "$HOST"
expect_no_grep "$TMP/h.html" '<script|<img|href="javascript'
expect_grep "$TMP/h.html" '&lt;img src=x onerror=alert\(1\)&gt;\.c:2'
expect_grep "$TMP/h.html" '&lt;script&gt;alert\(1\)&lt;/script&gt;'
expect_grep "$TMP/h.html" 'href="hostile/docs/model%20%3Cb%3E\.md"'
expect_rc 1 run report -o "$TMP/h.md" "$HOST"
expect_no_grep "$TMP/h.md" '(^|[^\\])<(script|img|/div)|[^\\]\]\(javascript'
expect_grep "$TMP/h.md" '\\<img src=x onerror=alert\(1\)\\>\.c:2\]\(hostile/src/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E\.c#L2\)'
expect_rc 1 run report -f json -o "$TMP/h.json" "$HOST"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["product"]["name"] == "<script>alert(1)</script>"' "$TMP/h.json"; then ok; else fail "JSON keeps the product name as data"; fi

finish
