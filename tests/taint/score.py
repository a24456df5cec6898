#!/usr/bin/env python3
"""Score etsilint's taint findings against the markers in the case files.

Usage:
    score.py [--no-steps] [--min-precision P] [--min-recall R] REPORT.json CASES_DIR

REPORT.json is the output of `etsilint scan --format json CASES_DIR` ("-"
reads standard input). CASES_DIR holds the case files (*.c, *.h): one
function per case, named bad_<what> or good_<what>, and on sink lines a
trailing comment

    /* expect: RULE-ID[, RULE-ID...] */   the rule must be reported on this line
    /* ok: RULE-ID[, RULE-ID...] */       the rule must not be reported here

(both in one comment as "expect: a; ok: b" also works). Markers apply to the
line they are on. Only findings of rules whose id starts with "taint-" count:

    TP  an expect marker (line, rule) with at least one finding of that rule there
    FN  an expect marker without a finding
    FP  a taint-* finding on a line/rule without an expect marker (on an ok line
        or anywhere else); several findings on one line count once per rule

Prints a per-rule table, the per-shape counts (from the "shape" word of each
case's comment, when present), every FP and FN as file:line, and

    taint: precision P% (TP/(TP+FP)), recall R% (TP/(TP+FN)) over N cases

Steps: each TP finding must carry "steps" (the data-flow path): at least 2,
the last one on the finding's line; --no-steps skips this check.

Exit status: 0 when precision >= 90% and recall >= 90% (--min-precision,
--min-recall change the limits) and the steps check passes; 1 otherwise;
2 on a usage error or an unreadable report.
"""

import json
import os
import re
import sys

RULE_ID = r"[a-z0-9][a-z0-9.-]*"
MARKER_RE = re.compile(r"\b(expect|ok):\s*(" + RULE_ID + r"(?:\s*,\s*" + RULE_ID + r")*)")
CASE_RE = re.compile(r"^[A-Za-z_][\w \t\*]*?\b((?:bad|good)_\w+)\s*\(")
FUNC_RE = re.compile(r"^[A-Za-z_][\w \t\*]*?\b([A-Za-z_]\w*)\s*\((?!\s*\*)")
TAG_RE = re.compile(r"\[((?:shape|sanitizer):[^\]]*)\]")
TAINT_PREFIX = "taint-"
CASE_EXTS = (".c", ".h")


def usage(msg=None):
    if msg:
        sys.stderr.write("score.py: %s\n" % msg)
    sys.stderr.write(__doc__)
    sys.exit(2)


def case_files(cases_dir):
    out = []
    for root, dirs, files in os.walk(cases_dir):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(CASE_EXTS):
                out.append(os.path.join(root, name))
    return out


def read_markers(cases_dir):
    """Returns (expect, ok, defs, problems).

    expect, ok: sets of (relpath, line, rule)
    defs: dict relpath -> list of (line, name, is_case, comment) for each
          function definition (cases and helpers), in file order
    """
    expect, ok, defs, problems = set(), set(), {}, []
    for path in case_files(cases_dir):
        rel = os.path.relpath(path, cases_dir).replace(os.sep, "/")
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().split("\n")
        fdefs = defs.setdefault(rel, [])
        prev = ""
        for i, line in enumerate(lines, 1):
            s = line.strip()
            if FUNC_RE.match(line) and not s.endswith(";"):
                m = CASE_RE.match(line)
                comment = prev[2:-2].strip() if prev.startswith("/*") and prev.endswith("*/") else ""
                if m:
                    fdefs.append((i, m.group(1), True, comment))
                    if not comment:
                        problems.append("CASE %s:%d %s: no one-line comment above it" % (rel, i, m.group(1)))
                else:
                    fdefs.append((i, FUNC_RE.match(line).group(1), False, comment))
            prev = s
            if "/*" not in line and "//" not in line:
                continue
            for mm in MARKER_RE.finditer(line):
                kind = mm.group(1)
                for rule in re.split(r"\s*,\s*", mm.group(2)):
                    if not rule.startswith(TAINT_PREFIX):
                        problems.append("MARKER %s:%d: %s is not a taint rule" % (rel, i, rule))
                        continue
                    if s.startswith(("/*", "//", "*")):
                        problems.append("MARKER %s:%d: marker on a comment-only line "
                                        "(put it on the sink's line)" % (rel, i))
                        continue
                    (expect if kind == "expect" else ok).add((rel, i, rule))
    for key in sorted(expect & ok):
        problems.append("MARKER %s:%d %s: both expected and ok" % key)
    return expect, ok, defs, problems


def owner(defs, rel, line):
    """The case a line belongs to: the function around it when that is a case;
    in a helper, the next case of the file (helpers are defined just above
    the case that calls them), or the function itself when no case follows.
    None at file scope before any function."""
    fdefs = defs.get(rel, [])
    at = None
    for k, d in enumerate(fdefs):
        if d[0] <= line:
            at = k
    if at is None:
        return None
    for d in fdefs[at:]:
        if d[2]:
            return d
    return fdefs[at]


def tags_of(comment):
    """[shape: a, b; sanitizer: c] at the end of a case comment -> ({"a", "b"}, "c")."""
    m = TAG_RE.search(comment)
    if not m:
        return {"untagged"}, ""
    shapes, sanitizer = set(), ""
    for part in m.group(1).split(";"):
        k, _, v = part.partition(":")
        k = k.strip()
        if k == "shape":
            shapes |= {x.strip() for x in v.split(",") if x.strip()}
        elif k == "sanitizer":
            sanitizer = v.strip()
    return shapes or {"untagged"}, sanitizer


def finding_key(f, root, cases_abs):
    path = f.get("path") or ""
    if not os.path.isabs(path):
        cand = os.path.join(root, path) if root else path
        path = cand
    path = os.path.normpath(os.path.abspath(path))
    rel = os.path.relpath(path, cases_abs).replace(os.sep, "/")
    return rel, int(f.get("line") or 0), f.get("rule", "")


def check_steps(f):
    """None when the finding's steps are fine, else a reason."""
    steps = f.get("steps")
    if not isinstance(steps, list) or not steps:
        return "no steps"
    if len(steps) < 2:
        return "%d step (wanted >= 2)" % len(steps)
    last = steps[-1]
    line = last.get("line") if isinstance(last, dict) else None
    if line != f.get("line"):
        return "last step at line %s, finding at line %s" % (line, f.get("line"))
    for s in steps:
        if not isinstance(s, dict) or not isinstance(s.get("line"), int) or s["line"] < 1 \
                or not s.get("message"):
            return "malformed step %r" % (s,)
    return None


def pct(a, b):
    return 100.0 * a / b if b else 100.0


def main(argv):
    no_steps = False
    min_p, min_r = 90.0, 90.0
    args = []
    it = iter(argv[1:])
    for a in it:
        if a == "--no-steps":
            no_steps = True
        elif a in ("--min-precision", "--min-recall"):
            v = next(it, None)
            try:
                v = float(v)
            except (TypeError, ValueError):
                usage("%s needs a number" % a)
            if a == "--min-precision":
                min_p = v
            else:
                min_r = v
        elif a in ("-h", "--help"):
            sys.stdout.write(__doc__)
            return 0
        elif a.startswith("-") and a != "-":
            usage("unknown option %s" % a)
        else:
            args.append(a)
    if len(args) != 2:
        usage()
    report, cases_dir = args
    if not os.path.isdir(cases_dir):
        usage("%s is not a directory" % cases_dir)

    try:
        if report == "-":
            doc = json.load(sys.stdin)
        else:
            with open(report, encoding="utf-8") as f:
                doc = json.load(f)
        findings = doc["findings"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        sys.stderr.write("score.py: cannot read the report %s: %s\n" % (report, e))
        return 2
    root = doc.get("root")
    cases_abs = os.path.normpath(os.path.abspath(cases_dir))
    if not root:
        root = cases_abs

    expect, ok, defs, problems = read_markers(cases_dir)
    cases = [(rel, d[0], d[1], d[3]) for rel in sorted(defs) for d in defs[rel] if d[2]]
    taint = [f for f in findings if str(f.get("rule", "")).startswith(TAINT_PREFIX)
             and not f.get("suppressed")]
    by_key = {}
    for f in taint:
        by_key.setdefault(finding_key(f, root, cases_abs), []).append(f)

    rules = sorted({k[2] for k in expect} | {k[2] for k in ok} | {k[2] for k in by_key})
    stats = {r: {"tp": 0, "fp": 0, "fn": 0, "exp": 0, "ok": 0} for r in rules}
    fps, fns, step_errors = [], [], []
    for key in sorted(expect):
        st = stats[key[2]]
        st["exp"] += 1
        if key in by_key:
            st["tp"] += 1
            if not no_steps:
                for f in by_key[key]:
                    why = check_steps(f)
                    if why:
                        step_errors.append("STEPS %s:%d %s: %s" % (key + (why,)))
        else:
            st["fn"] += 1
            fns.append(key)
    for key in sorted(ok):
        stats[key[2]]["ok"] += 1
    for key in sorted(by_key):
        if key not in expect:
            stats[key[2]]["fp"] += 1
            fps.append(key)

    # Per flow shape and per sanitizer: cases, and the TP/FN/FP of their lines.
    def case_name(key):
        d = owner(defs, key[0], key[1])
        return d[1] if d else "(file scope)"

    shape_rows, san_rows = {}, {}
    case_tags = {}
    for rel, line, name, comment in cases:
        shapes, san = tags_of(comment)
        case_tags[name] = (shapes, san)
        kind = "bad" if name.startswith("bad_") else "good"
        for sh in shapes:
            shape_rows.setdefault(sh, {"bad": 0, "good": 0, "tp": 0, "fn": 0, "fp": 0})[kind] += 1
        if san:
            san_rows.setdefault(san, {"bad": 0, "good": 0, "tp": 0, "fn": 0, "fp": 0})[kind] += 1

    def tally(key, what):
        shapes, san = case_tags.get(case_name(key), ({"(outside cases)"}, ""))
        for sh in shapes:
            shape_rows.setdefault(sh, {"bad": 0, "good": 0, "tp": 0, "fn": 0, "fp": 0})[what] += 1
        if san:
            san_rows[san][what] += 1

    for key in expect:
        tally(key, "tp" if key in by_key else "fn")
    for key in fps:
        tally(key, "fp")

    print("%-26s %5s %5s %4s %4s %4s %9s %7s" % ("rule", "exp", "ok", "TP", "FP", "FN",
                                                  "precision", "recall"))
    tot = {"tp": 0, "fp": 0, "fn": 0, "exp": 0, "ok": 0}
    for r in rules:
        st = stats[r]
        for k in tot:
            tot[k] += st[k]
        print("%-26s %5d %5d %4d %4d %4d %8.1f%% %6.1f%%" % (
            r, st["exp"], st["ok"], st["tp"], st["fp"], st["fn"],
            pct(st["tp"], st["tp"] + st["fp"]), pct(st["tp"], st["tp"] + st["fn"])))
    print("%-26s %5d %5d %4d %4d %4d %8.1f%% %6.1f%%" % (
        "total", tot["exp"], tot["ok"], tot["tp"], tot["fp"], tot["fn"],
        pct(tot["tp"], tot["tp"] + tot["fp"]), pct(tot["tp"], tot["tp"] + tot["fn"])))
    for title, rows in (("flow shape", shape_rows), ("sanitizer (good cases)", san_rows)):
        print()
        print("%-26s %5s %5s %4s %4s %4s" % (title, "bad", "good", "TP", "FP", "FN"))
        for name in sorted(rows):
            r = rows[name]
            print("%-26s %5d %5d %4d %4d %4d" % (name, r["bad"], r["good"], r["tp"], r["fp"], r["fn"]))
    print()

    for p in problems:
        print(p)
    for key in fps:
        fs = by_key[key]
        print("FP %s:%d %s in %s: %s" % (key[0], key[1], key[2], case_name(key),
                                         fs[0].get("message", "")))
    for key in fns:
        print("FN %s:%d %s in %s" % (key[0], key[1], key[2], case_name(key)))
    for e in step_errors:
        print(e)

    tp, fp, fn = tot["tp"], tot["fp"], tot["fn"]
    precision = pct(tp, tp + fp)
    recall = pct(tp, tp + fn)
    nbad = sum(1 for c in cases if c[2].startswith("bad_"))
    print("taint: precision %.1f%% (%d/%d), recall %.1f%% (%d/%d) over %d cases (%d bad, %d good)" % (
        precision, tp, tp + fp, recall, tp, tp + fn, len(cases), nbad, len(cases) - nbad))

    failed = False
    if problems:
        print("score: %d marker problem(s)" % len(problems))
        failed = True
    if not expect:
        print("score: no expect markers under %s" % cases_dir)
        failed = True
    if precision < min_p:
        print("score: precision %.1f%% is below %.0f%%" % (precision, min_p))
        failed = True
    if recall < min_r:
        print("score: recall %.1f%% is below %.0f%%" % (recall, min_r))
        failed = True
    if step_errors:
        print("score: %d true positive(s) without a proper data-flow path (steps)" % len(step_errors))
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
