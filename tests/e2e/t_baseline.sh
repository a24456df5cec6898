#!/bin/sh
# Baselines end to end: --write-baseline writes today's findings (sorted,
# versioned, without suppressed ones) and exits like a scan; after lines are
# inserted at the top of several files, an unrelated line is deleted and a
# function with a finding is moved down its file, --baseline reports no new
# finding and exits 0; one new insecure line gives exactly one new finding
# (text, JSON "baseline", SARIF baselineState) and exit 1. Unusable baseline
# files are errors with the path (and line:col for bad JSON), exit 2.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

cp -r fixtures/demo-firmware "$TMP/fw"
BL="$TMP/baseline.json"
S="scan --no-cache"

# Write the baseline: a normal scan (report, summary, exit 1) that also writes the file.
expect_rc 1 "$ETSILINT" $S -f json -o "$TMP/before.json" --write-baseline "$BL" "$TMP/fw"
expect_grep "$TMP/err" '^etsilint: [0-9]+ findings'
cat >"$TMP/check_file.py" <<'PY'
import json, sys
bl = json.load(open(sys.argv[1]))
report = json.load(open(sys.argv[2]))
errors = []
if bl.get("baselineVersion") != 1 or bl.get("tool") != "etsilint":
    errors.append("header: %s" % {k: v for k, v in bl.items() if k != "findings"})
entries = [(e["path"], e["rule"], e["fingerprint"]) for e in bl["findings"]]
if entries != sorted(set(entries)):
    errors.append("entries are not sorted and unique")
want = sorted({(f["path"], f["rule"], f["fingerprint"])
               for f in report["findings"] if not f["suppressed"]})
if entries != want:
    errors.append("%d entries, %d unsuppressed findings in the report" % (len(entries), len(want)))
if len(want) < 100 or not any(f["suppressed"] for f in report["findings"]):
    errors.append("the demo tree should have >= 100 findings and some suppressed ones")
print("\n".join(errors) or "ok")
sys.exit(1 if errors else 0)
PY
expect_rc 0 $PY "$TMP/check_file.py" "$BL" "$TMP/before.json"
sed 's/^/  | /' "$TMP/out" | grep -v '| ok$'
# The same findings, the same file.
"$ETSILINT" $S -q --write-baseline "$TMP/again.json" "$TMP/fw" >/dev/null 2>&1
if cmp -s "$BL" "$TMP/again.json"; then ok; else fail "a second --write-baseline differs"; fi

# Unrelated edits: lines inserted at the top of several files ...
for f in esp32-sensor/main/ota.c linux/acmed/acmed.c linux/tls-daemon/openssl_backend.c \
	 zephyr-thermostat/src/storage.c; do
	{ printf '/* Copyright (c) 2026 ACME Corp.\n * SPDX-License-Identifier: MIT\n */\n\n'; cat "$TMP/fw/$f"; } \
		>"$TMP/edit" && mv "$TMP/edit" "$TMP/fw/$f"
done
for f in zephyr-gateway/prj.conf linux/hardening/watchdogd/Makefile esp32-sensor/sdkconfig.defaults \
	 linux/rootfs-overlay/etc/ssh/sshd_config esp32-sensor/sdkconfig.defaults.prod \
	 esp32-sensor/sdkconfig.defaults.release; do
	{ printf '# Reviewed 2026-03-01\n#\n'; cat "$TMP/fw/$f"; } >"$TMP/edit" && mv "$TMP/edit" "$TMP/fw/$f"
done
# ... an unrelated (blank) line deleted ...
awk 'done || NF { print; next } { done = 1 }' "$TMP/fw/linux/acmed/uplink.c" >"$TMP/edit" &&
	mv "$TMP/edit" "$TMP/fw/linux/acmed/uplink.c"
# ... and a function with findings moved to the end of its file.
cat >"$TMP/move.py" <<'PY'
import sys
path, name = sys.argv[1], sys.argv[2]
lines = open(path).read().split("\n")
start = next(i for i, l in enumerate(lines) if l[:1].isalpha() and name + "(" in l)
end = next(i for i in range(start, len(lines)) if lines[i] == "}")
block = lines[start:end + 1]
rest = lines[:start] + lines[end + 1:]
while rest and rest[-1] == "":
    rest.pop()
open(path, "w").write("\n".join(rest + [""] + block) + "\n")
PY
expect_rc 0 $PY "$TMP/move.py" "$TMP/fw/esp32-sensor/main/link.c" link_seal_legacy
expect_rc 0 $PY "$TMP/move.py" "$TMP/fw/esp32-sensor/main/ota.c" ota_from
if cmp -s fixtures/demo-firmware/esp32-sensor/main/link.c "$TMP/fw/esp32-sensor/main/link.c"; then
	fail "link.c was not changed"
else
	ok
fi

# The line numbers moved ...
"$ETSILINT" $S -q -f json -o "$TMP/after.json" "$TMP/fw" >/dev/null 2>&1
cat >"$TMP/moved.py" <<'PY'
import json, sys
a = {(f["path"], f["rule"], f["fingerprint"]): f["line"] for f in json.load(open(sys.argv[1]))["findings"]}
b = {(f["path"], f["rule"], f["fingerprint"]): f["line"] for f in json.load(open(sys.argv[2]))["findings"]}
moved = sum(1 for k in a if k in b and a[k] != b[k])
print("%d same, %d moved, %d gone, %d new" % (len(a.keys() & b.keys()), moved, len(a.keys() - b.keys()),
                                              len(b.keys() - a.keys())))
sys.exit(0 if moved >= 20 and a.keys() == b.keys() else 1)
PY
expect_rc 0 $PY "$TMP/moved.py" "$TMP/before.json" "$TMP/after.json"
sed 's/^/  | /' "$TMP/out"
# ... yet nothing is new: no text output, exit 0.
expect_rc 0 "$ETSILINT" $S --baseline "$BL" "$TMP/fw"
if [ -s "$TMP/out" ]; then fail "findings printed against the baseline:"; head -5 "$TMP/out" | sed 's/^/  | /'; else ok; fi
expect_grep "$TMP/err" '^etsilint: 0 findings in [0-9]+ files \([0-9]+ suppressed, [0-9]+ in the baseline\)$'

# One new insecure line: exactly one new finding, exit 1, in every format.
printf '\nvoid acmed_debug_read(char *buf)\n{\n\tgets(buf);\n}\n' >>"$TMP/fw/linux/acmed/uplink.c"
expect_rc 1 "$ETSILINT" $S --baseline "$BL" "$TMP/fw"
n=$(grep -c '^[^ ].*:[0-9]*:[0-9]*: ' "$TMP/out")
if [ "$n" = 1 ]; then ok; else fail "$n findings printed, wanted 1"; sed 's/^/  | /' "$TMP/out" | head; fi
expect_grep "$TMP/out" "^$TMP/fw/linux/acmed/uplink.c:[0-9]+:2: critical: .*\[gets-call\]"
expect_grep "$TMP/err" '^etsilint: 1 finding \(1 critical\) in [0-9]+ files \([0-9]+ suppressed, [0-9]+ in the baseline\)$'
expect_rc 1 "$ETSILINT" $S -q --baseline "$BL" -f json -o "$TMP/new.json" "$TMP/fw"
expect_rc 1 "$ETSILINT" $S -q --baseline "$BL" -f sarif -o "$TMP/new.sarif" "$TMP/fw"
expect_rc 0 $PY tests/sarif_validate.py "$TMP/new.sarif"
cat >"$TMP/check_new.py" <<'PY'
import collections, json, sys
doc = json.load(open(sys.argv[1]))
run = json.load(open(sys.argv[2]))["runs"][0]
errors = []
states = collections.Counter(f.get("baseline") for f in doc["findings"])
# Suppressed findings are not written to a baseline: they are "new" but not reported.
new = [f for f in doc["findings"] if f.get("baseline") == "new" and not f["suppressed"]]
if set(states) != {"new", "unchanged"} or len(new) != 1 or new[0]["rule"] != "gets-call":
    errors.append("JSON baseline states %s, new: %s" % (dict(states), [(f["path"], f["rule"]) for f in new]))
if doc["summary"]["baselined"] != states["unchanged"]:
    errors.append("summary.baselined %s != %d" % (doc["summary"]["baselined"], states["unchanged"]))
sarif = collections.Counter(r.get("baselineState") for r in run["results"])
if sarif != states:
    errors.append("SARIF baselineState %s, JSON %s" % (dict(sarif), dict(states)))
print("\n".join(errors) or "ok")
sys.exit(1 if errors else 0)
PY
expect_rc 0 $PY "$TMP/check_new.py" "$TMP/new.json" "$TMP/new.sarif"
sed 's/^/  | /' "$TMP/out" | grep -v '| ok$'
# --fail-on still applies to the new findings only.
expect_rc 0 "$ETSILINT" $S -q --baseline "$BL" --fail-on none "$TMP/fw"

# Unusable baselines: exit 2 before scanning, with the path.
expect_rc 2 "$ETSILINT" $S --baseline "$TMP/missing.json" "$TMP/fw"
expect_grep "$TMP/err" "^$TMP/missing.json: error: cannot read the baseline: No such file"
expect_grep "$TMP/err" "nothing was scanned"
printf '{\n  "baselineVersion": 1,\n  "findings": [\n    {"rule": "gets-call" "path": "a.c"}\n  ]\n}\n' >"$TMP/bad.json"
expect_rc 2 "$ETSILINT" $S --baseline "$TMP/bad.json" "$TMP/fw"
expect_grep "$TMP/err" "^$TMP/bad.json:4:26: error: malformed baseline: not valid JSON"
: >"$TMP/empty.json"
expect_rc 2 "$ETSILINT" $S --baseline "$TMP/empty.json" "$TMP/fw"
expect_grep "$TMP/err" "$TMP/empty.json:1:1: error: malformed baseline: not valid JSON \(the file is empty\)"
printf '{"baselineVersion": 2, "findings": []}\n' >"$TMP/v2.json"
expect_rc 2 "$ETSILINT" $S --baseline "$TMP/v2.json" "$TMP/fw"
expect_grep "$TMP/err" "$TMP/v2.json: error: unsupported baselineVersion 2 \(this etsilint reads version 1\)"
printf '{"baselineVersion": 1, "findings": [{"rule": "a", "path": "b", "fingerprint": "c"}, {"rule": "a", "path": "b"}]}\n' >"$TMP/nofp.json"
expect_rc 2 "$ETSILINT" $S --baseline "$TMP/nofp.json" "$TMP/fw"
expect_grep "$TMP/err" "$TMP/nofp.json: error: malformed baseline: findings\[1\] lacks a string \"fingerprint\""
printf '[]\n' >"$TMP/arr.json"
expect_rc 2 "$ETSILINT" $S --baseline "$TMP/arr.json" "$TMP/fw"
expect_grep "$TMP/err" "$TMP/arr.json: error: malformed baseline: not a JSON object"
# A baseline that cannot be written: exit 2 after the report.
expect_rc 2 "$ETSILINT" $S --write-baseline "$TMP/no/such/dir/bl.json" "$TMP/fw"
expect_grep "$TMP/err" "$TMP/no/such/dir/bl.json: error: cannot write the baseline"
# An empty baseline marks everything new.
printf '{"baselineVersion": 1, "findings": []}\n' >"$TMP/none.json"
expect_rc 1 "$ETSILINT" $S -q --baseline "$TMP/none.json" -f json -o "$TMP/all.json" "$TMP/fw"
expect_no_grep "$TMP/all.json" '"baseline":[[:space:]]*"unchanged"'

finish
