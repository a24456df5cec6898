#!/usr/bin/env python3
"""Score an etsilint JSON report of tests/recall/corpus against ANSWERS.md.

    score.py [--min-found N] [--max-false M] REPORT.json ANSWERS.md

ANSWERS.md lists every case: `| # | `path:line` | BAD|OK | provision | description | CWE |
also accept |`. A BAD case is found when a finding (any rule) is on its line or
on one of its "also accept" lines, or on the line just before its own (a call
reported where it starts, the case marked on its second line). An OK case is
a false alarm when a finding is on its own line. Prints one line per BAD case
missed and per false alarm, then
    recall: found F of B bad cases; false alarms A of O ok cases
and exits 1 when F < N or A > M (defaults: report only).

The corpus was written without looking at the rules (a blind check of recall
on firmware-shaped code); keep it that way: fix the tool, not the corpus.
"""
import collections
import json
import re
import sys


def cases(path):
    out = []
    row = re.compile(r'\| (\d+) \| `([^`]+):(\d+)` \| (BAD|OK) \| ([^|]*)\| ([^|]*)\| ([^|]*)\| ([^|]*)\|')
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = row.match(line)
            if not m:
                continue
            n, p, l, kind, prov, desc, _cwe, also = m.groups()
            locs = {(p, int(l)), (p, int(l) - 1)} if kind == "BAD" else {(p, int(l))}
            for a in re.findall(r'([\w./-]+):(\d+)', also):
                locs.add((a[0], int(a[1])))
            out.append(dict(n=int(n), kind=kind, prov=prov.strip(), desc=desc.strip(),
                            main=(p, int(l)), locs=locs))
    return out


def main(argv):
    min_found, max_false = None, None
    args = []
    i = 0
    while i < len(argv):
        if argv[i] == "--min-found":
            min_found = int(argv[i + 1]); i += 2
        elif argv[i] == "--max-false":
            max_false = int(argv[i + 1]); i += 2
        else:
            args.append(argv[i]); i += 1
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(args[0], encoding="utf-8") as f:
        report = json.load(f)
    findings = report["findings"] if isinstance(report, dict) else report
    at = collections.defaultdict(list)
    for f in findings:
        if not f.get("suppressed"):
            at[(f["path"], f["line"])].append(f["rule"])
    bad = ok = found = false = 0
    for c in cases(args[1]):
        if c["kind"] == "BAD":
            bad += 1
            if any(at.get(loc) for loc in c["locs"]):
                found += 1
            else:
                print("MISSED #%d %s:%d [%s] %s" % (c["n"], c["main"][0], c["main"][1], c["prov"], c["desc"]))
        else:
            ok += 1
            if at.get(c["main"]):
                false += 1
                print("FALSE  #%d %s:%d %s (%s)" % (c["n"], c["main"][0], c["main"][1],
                                                   ",".join(at[c["main"]]), c["desc"]))
    print("recall: found %d of %d bad cases; false alarms %d of %d ok cases" % (found, bad, false, ok))
    if (min_found is not None and found < min_found) or (max_false is not None and false > max_false):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
