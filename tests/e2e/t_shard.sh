#!/bin/sh
# --shard K/N and `etsilint merge`: the three shards of the demo firmware
# cover every file exactly once, repository rules run in shard 1 only, a file
# keeps its shard when others are added, and merging the shards' reports
# gives the full scan's JSON byte for byte and its SARIF results (valid
# SARIF); usage errors and unusable merge inputs exit 2 naming the problem.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

cp -R fixtures/demo-firmware "$TMP/tree"
# Problems of two kinds: found before the files are divided (a malformed
# compile database, a dangling link: every shard reports them) and about one
# file (binary content: only its shard does). The merge keeps one of each.
printf '[{"directory": ' >"$TMP/tree/compile_commands.json"
printf 'int x;\0\0' >"$TMP/tree/blob.c"
ln -s missing.c "$TMP/tree/dangling.c"
S="scan -q --no-cache --fail-on none"

# The full scan and the three shards, JSON and SARIF.
expect_rc 0 "$ETSILINT" $S -f json -o "$TMP/full.json" "$TMP/tree"
expect_rc 0 "$ETSILINT" $S -f sarif -o "$TMP/full.sarif" "$TMP/tree"
matched=0
for k in 1 2 3; do
	expect_rc 0 "$ETSILINT" $S --stats --shard $k/3 -f json -o "$TMP/p$k.json" "$TMP/tree"
	n=$(sed -n 's/^etsilint: \([0-9]*\) files matched.*/\1/p' "$TMP/err")
	matched=$((matched + ${n:-0}))
	expect_rc 0 "$ETSILINT" $S --shard $k/3 -f sarif -o "$TMP/p$k.sarif" "$TMP/tree"
done
expect_rc 0 "$ETSILINT" $S --stats -f json "$TMP/tree"
full_matched=$(sed -n 's/^etsilint: \([0-9]*\) files matched.*/\1/p' "$TMP/err")
if [ -n "$full_matched" ] && [ "$matched" = "$full_matched" ]; then ok; else
	fail "the shards matched $matched files, the full scan ${full_matched:-?}"; fi

# Every file in exactly one shard: the summaries add up, the findings of the
# shards are those of the full scan, no file has findings in two shards, the
# repository rule's finding is in shard 1 only, every shard has work.
expect_rc 0 $PY - "$TMP/full.json" "$TMP/p1.json" "$TMP/p2.json" "$TMP/p3.json" <<'PY'
import json, sys
full, *parts = [json.load(open(p)) for p in sys.argv[1:]]
key = lambda f: (f["path"], f["line"], f["column"], f["rule"])
assert sum(p["summary"]["files"] for p in parts) == full["summary"]["files"], "files do not add up"
assert all(p["summary"]["files"] > 0 for p in parts), "an empty shard"
found = sorted(key(f) for p in parts for f in p["findings"])
assert found == sorted(key(f) for f in full["findings"]), "the shards' findings differ from the full scan's"
owner = {}
for i, p in enumerate(parts):
    for f in p["findings"]:
        if f["rule"].startswith("disclosure-policy-"):
            assert i == 0, "a repository rule ran in shard %d" % (i + 1)
            continue
        assert owner.setdefault(f["path"], i) == i, f["path"] + " is in two shards"
assert any(f["rule"] == "disclosure-policy-present" for f in parts[0]["findings"])
assert any(e["path"].endswith("blob.c") for e in full["errors"])
PY

# The merge equals the full scan: JSON byte for byte, in any input order.
expect_rc 0 "$ETSILINT" merge -o "$TMP/merged.json" "$TMP/p1.json" "$TMP/p2.json" "$TMP/p3.json"
expect_grep "$TMP/err" '^etsilint: merged 3 JSON reports: [0-9]+ findings in [0-9]+ files$'
if cmp -s "$TMP/full.json" "$TMP/merged.json"; then ok; else
	fail "merged JSON differs from the full scan"; diff "$TMP/full.json" "$TMP/merged.json" | head -20; fi
expect_rc 0 "$ETSILINT" merge -q -f json "$TMP/p3.json" "$TMP/p1.json" "$TMP/p2.json"
if cmp -s "$TMP/full.json" "$TMP/out"; then ok; else fail "merged JSON depends on the input order"; fi
expect_rc 0 "$ETSILINT" merge "$TMP/full.json"
if cmp -s "$TMP/full.json" "$TMP/out"; then ok; else fail "merging one report changes it"; fi

# SARIF: the same results and notifications, and valid.
expect_rc 0 "$ETSILINT" merge -f sarif -o "$TMP/merged.sarif" "$TMP/p2.sarif" "$TMP/p3.sarif" "$TMP/p1.sarif"
expect_rc 0 $PY - "$TMP/full.sarif" "$TMP/merged.sarif" <<'PY'
import json, sys
a, b = (json.load(open(p))["runs"][0] for p in sys.argv[1:])
assert len(a["results"]) > 50 and a["results"] == b["results"], "results differ"
assert a["invocations"] == b["invocations"], "invocations differ"
assert a["tool"] == b["tool"] and a["originalUriBaseIds"] == b["originalUriBaseIds"]
PY
if cmp -s "$TMP/full.sarif" "$TMP/merged.sarif"; then ok; else fail "merged SARIF differs from the full scan"; fi
expect_rc 0 $PY tests/sarif_validate.py "$TMP/merged.sarif"

# A file keeps its shard when another is added.
mkdir -p "$TMP/tree/added"
printf 'void f(char *b) { gets(b); }\n' >"$TMP/tree/added/new.c"
expect_rc 0 $PY - "$ETSILINT" "$TMP/tree" "$TMP/p1.json" "$TMP/p2.json" "$TMP/p3.json" <<'PY'
import json, subprocess, sys
exe, tree, *parts = sys.argv[1:]
for k, p in enumerate(parts, 1):
    before = {f["path"] for f in json.load(open(p))["findings"]}
    out = subprocess.run([exe, "scan", "-q", "--no-cache", "--fail-on", "none", "--shard", "%d/3" % k,
                          "-f", "json", tree], capture_output=True, check=True).stdout
    after = {f["path"] for f in json.loads(out)["findings"]}
    assert before <= after and after - before <= {"added/new.c"}, "shard %d changed: %s" % (k, before ^ after)
PY

# --shard usage errors.
for bad in 0/3 4/3 1/0 3 1/3/3 x/3 -1/3 ' 1/3' 1/3x ''; do
	expect_rc 2 "$ETSILINT" scan --shard "$bad" "$TMP/tree"
	expect_grep "$TMP/err" "invalid --shard '$bad': give K/N with 1 <= K <= N"
done
expect_rc 2 "$ETSILINT" scan --shard
expect_grep "$TMP/err" "needs an argument"

# Unusable merge inputs: exit 2 naming the file, no output written.
printf '{"tool": {"name": "etsilint"},\n  "findings": [' >"$TMP/broken.json"
printf '{"hello": "world"}\n' >"$TMP/other.json"
expect_rc 2 "$ETSILINT" merge -o "$TMP/never.json" "$TMP/p1.json" "$TMP/p2.sarif"
expect_grep "$TMP/err" "^$TMP/p2.sarif: error: is a SARIF log but $TMP/p1.json is an etsilint JSON report"
expect_grep "$TMP/err" '^etsilint: nothing was merged$'
expect_rc 2 "$ETSILINT" merge -o "$TMP/never.json" "$TMP/p1.json" "$TMP/nope.json"
expect_grep "$TMP/err" "^$TMP/nope.json: error: cannot read: No such file or directory"
expect_rc 2 "$ETSILINT" merge -o "$TMP/never.json" "$TMP/p1.json" "$TMP/broken.json"
expect_grep "$TMP/err" "^$TMP/broken.json:2:16: error: not valid JSON"
expect_rc 2 "$ETSILINT" merge -o "$TMP/never.json" "$TMP/other.json" "$TMP/p1.json"
expect_grep "$TMP/err" "^$TMP/other.json: error: neither an etsilint JSON report"
if [ -e "$TMP/never.json" ]; then fail "a failed merge wrote its output"; else ok; fi
# Overlapping inputs (a shard twice, shards of different N).
expect_rc 2 "$ETSILINT" merge "$TMP/p1.json" "$TMP/p2.json" "$TMP/p1.json"
expect_grep "$TMP/err" "^$TMP/p1.json: error: finding .* is also in $TMP/p1.json"
expect_rc 2 "$ETSILINT" merge "$TMP/p1.sarif" "$TMP/full.sarif"
expect_grep "$TMP/err" "^$TMP/full.sarif: error: finding .* is also in $TMP/p1.sarif"
# Another rule set, another root, the wrong --format.
expect_rc 0 "$ETSILINT" $S --rules rules/passwords.yaml --shard 2/3 -f json -o "$TMP/r2.json" "$TMP/tree"
expect_rc 2 "$ETSILINT" merge "$TMP/p1.json" "$TMP/r2.json" "$TMP/p3.json"
expect_grep "$TMP/err" "^$TMP/r2.json: error: another rule set than $TMP/p1.json"
expect_rc 0 "$ETSILINT" $S --root "$TMP" --shard 2/3 -f json -o "$TMP/root2.json" "$TMP/tree"
expect_rc 2 "$ETSILINT" merge "$TMP/p1.json" "$TMP/root2.json"
expect_grep "$TMP/err" "^$TMP/root2.json: error: root $TMP differs"
expect_rc 2 "$ETSILINT" merge -f sarif "$TMP/p1.json"
expect_grep "$TMP/err" "^$TMP/p1.json: error: is an etsilint JSON report, not a SARIF log"
expect_rc 2 "$ETSILINT" merge -f xml "$TMP/p1.json"
expect_grep "$TMP/err" "unknown --format 'xml' for merge"
expect_rc 2 "$ETSILINT" merge
expect_grep "$TMP/err" "'merge' needs the reports to join"

# The documentation has both.
expect_rc 0 "$ETSILINT" --help
expect_grep "$TMP/out" '^  merge INPUT'
expect_grep "$TMP/out" '--shard K/N'

finish
