#!/bin/sh
# No output format prints a secret in full: for every finding of a rule marked
# `secret: true`, the quoted values (or KEY=VALUE value) on its source line
# must not appear in the text, JSON or SARIF output.
. "$(dirname "$0")/lib.sh"
T=fixtures/demo-firmware
for f in text json sarif; do
	"$ETSILINT" scan -q -f $f "$T" >"$TMP/out.$f" 2>/dev/null
done
cat >"$TMP/check.py" <<'PY'
import json, re, sys
tmp, tree = sys.argv[1], sys.argv[2]
import glob
# The rules marked `secret: true`, read from the YAML files.
secret_rules = set()
for path in glob.glob("rules/*.yaml"):
    rid = None
    for line in open(path, encoding="utf-8"):
        m = re.match(r"\s*- id:\s*(\S+)", line)
        if m:
            rid = m.group(1)
        if rid and re.match(r"\s*secret:\s*true\b", line):
            secret_rules.add(rid)
outputs = {f: open("%s/out.%s" % (tmp, f), encoding="utf-8", errors="replace").read()
           for f in ("text", "json", "sarif")}
findings = json.loads(outputs["json"])["findings"]
checked, leaks = 0, []
for f in findings:
    if f["rule"] not in secret_rules:
        continue
    src = open("%s/%s" % (tree, f["path"]), encoding="utf-8", errors="replace").read().split("\n")
    line = src[f["line"] - 1]
    values = re.findall(r'"((?:[^"\\]|\\.){6,})"', line)
    m = re.match(r'\s*[A-Za-z0-9_]+\s*[?:+.]*=\s*"?([^"#]{6,})"?\s*$', line)
    if m:
        values.append(m.group(1).strip())
    for v in values:
        checked += 1
        for fmt, text in outputs.items():
            if v in text:
                leaks.append("%s:%d %s: %r printed in %s" % (f["path"], f["line"], f["rule"], v, fmt))
print("secret values checked: %d, secret rules: %d" % (checked, len(secret_rules)))
for l in leaks:
    print("LEAK", l)
sys.exit(1 if leaks or checked < 5 else 0)
PY
expect_rc 0 /usr/bin/python3 "$TMP/check.py" "$TMP" "$T"
cat "$TMP/out"
finish
