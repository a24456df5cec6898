#!/usr/bin/env python3
"""Check etsilint's findings on a fixture tree against expectations written in it.

Usage:
    expect.py ETSILINT FIXTURE_DIR... [--rules DIR] [--coverage RULES_DIR]

Each fixture tree is scanned on its own; coverage counts markers of all of them.

Expectations
  * In a comment of any fixture file (C-family: // or /* */; other files: # or //):
        expect: RULE-ID[, RULE-ID...]   the rule must be reported on that line
        ok: RULE-ID[, RULE-ID...]       the rule must not be reported on that line
        suppressed: RULE-ID[, ...]      the rule must be reported there, suppressed
                                        by an etsilint-ignore comment
    Several markers may share one comment ("expect: a; ok: b"). A marker on a
    line with code applies to that line; a marker on a comment-only line
    applies to the next line that is neither blank nor comment-only
    ("# KEY is not set" counts as a config line, not as a comment).
  * In an .etsilint-expect file (in any folder of a fixture tree), for files
    that cannot hold comments; paths are relative to that folder (a path that
    does not exist is accepted at line 1: a repository rule's missing file):
        path/relative/to/folder:LINE RULE-ID     (positive)
        path/relative/to/folder:LINE !RULE-ID    (negative)
        path/relative/to/folder:LINE ~RULE-ID    (suppressed)

Suppressed findings ("suppressed": true in the JSON output) are not reported
findings: they satisfy only "suppressed" markers, never "expect" ones, do not
violate "ok" markers and are never UNEXPECTED (a fixture need not mark every
suppressed finding, but can, to test the suppression).

Checks (each one counts once in the summary):
  * every positive is reported (rule, path, line)         MISSING path:line rule
  * every "suppressed" marker is reported suppressed      MISSING ... (suppressed)
  * no negative is reported                               FORBIDDEN path:line rule
  * every unsuppressed finding is expected                UNEXPECTED path:line rule
  * with --coverage: every rule id in RULES_DIR/*.yaml has at least one positive
    and one negative marker                               COVERAGE rule: ...
Marker problems (unknown rule id with --rules/--coverage, a line both expected
and forbidden, a malformed .etsilint-expect line) count as failures too.
The last line is "N passed, M failed"; the exit status is 0 only when M == 0.
"""

import json
import os
import re
import subprocess
import sys

C_FAMILY = {".c", ".h", ".cpp", ".cc", ".cxx", ".hpp", ".ino"}
EXPECT_FILE = ".etsilint-expect"
SKIP_DIRS = {".git"}

RULE_ID = r"[a-z0-9][a-z0-9.-]*"
MARKER_RE = re.compile(r"\b(expect|ok|suppressed):\s*(" + RULE_ID + r"(?:\s*,\s*" + RULE_ID + r")*)")
NOT_SET_RE = re.compile(r"^#\s*[A-Za-z0-9_]+ is not set\s*$")
RULE_ID_LINE_RE = re.compile(r"^\s*-\s+id:\s*['\"]?(" + RULE_ID + r")['\"]?\s*(?:#.*)?$")
EXPECT_LINE_RE = re.compile(r"^(\S+):(\d+)\s+([!~]?)(" + RULE_ID + r")\s*$")


def comment_only(line, cfamily):
    s = line.strip()
    if not s:
        return False
    if cfamily:
        return s.startswith(("//", "/*", "*"))
    if NOT_SET_RE.match(s):
        return False
    return s.startswith(("#", "//"))


def has_comment(line, cfamily):
    if cfamily:
        return "//" in line or "/*" in line or line.lstrip().startswith("*")
    return "#" in line or "//" in line


def markers_in_file(path, rel, out, problems):
    """Append (kind, rel, line, rule, where) tuples for the markers of one file."""
    cfamily = os.path.splitext(path)[1] in C_FAMILY
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().split("\n")
    except OSError as e:
        problems.append("ERROR cannot read %s: %s" % (rel, e))
        return
    pending = []  # markers from comment-only lines, waiting for the next code line
    for i, line in enumerate(lines, 1):
        found = []
        if has_comment(line, cfamily):
            for m in MARKER_RE.finditer(line):
                for rule in re.split(r"\s*,\s*", m.group(2)):
                    found.append((m.group(1), rule))
        if comment_only(line, cfamily):
            pending.extend((k, r, i) for k, r in found)
            continue
        if not line.strip():
            continue
        for kind, rule in found:
            out.append((kind, rel, i, rule, "%s:%d" % (rel, i)))
        for kind, rule, at in pending:
            out.append((kind, rel, i, rule, "%s:%d" % (rel, at)))
        pending = []
    for kind, rule, at in pending:
        problems.append("MARKER %s:%d %s: %s marker with no code line after it" % (rel, at, rule, kind))


def read_listing(fixture, listing, markers, problems):
    """An .etsilint-expect file: paths are relative to the folder holding it."""
    base = os.path.dirname(listing)
    where_name = os.path.relpath(listing, fixture).replace(os.sep, "/")
    with open(listing, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            m = EXPECT_LINE_RE.match(line)
            if not m:
                problems.append("MARKER %s:%d: malformed line: %s" % (where_name, n, line))
                continue
            rel, lno, neg, rule = m.group(1), int(m.group(2)), m.group(3), m.group(4)
            path = os.path.join(base, rel)
            # A missing file is allowed only at line 1: repository rules report
            # a file that should exist (a missing SECURITY.md) there.
            if not os.path.isfile(path) and lno != 1:
                problems.append("MARKER %s:%d: no such file: %s" % (where_name, n, rel))
                continue
            rel = os.path.relpath(os.path.normpath(path), fixture).replace(os.sep, "/")
            kind = {"!": "ok", "~": "suppressed"}.get(neg, "expect")
            markers.append((kind, rel, lno, rule, "%s:%d" % (where_name, n)))


def collect_markers(fixture):
    markers, problems = [], []
    for root, dirs, files in os.walk(fixture):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        for name in sorted(files):
            path = os.path.join(root, name)
            if name == EXPECT_FILE:
                read_listing(fixture, path, markers, problems)
                continue
            rel = os.path.relpath(path, fixture).replace(os.sep, "/")
            markers_in_file(path, rel, markers, problems)
    return markers, problems


def rule_ids(rules_dir):
    ids = []
    for name in sorted(os.listdir(rules_dir)):
        if name.endswith((".yaml", ".yml")):
            with open(os.path.join(rules_dir, name), encoding="utf-8") as f:
                for line in f:
                    m = RULE_ID_LINE_RE.match(line)
                    if m:
                        ids.append(m.group(1))
    return ids


def norm_path(p, fixture):
    """Finding path relative to the fixture root, '/'-separated."""
    p = p.replace(os.sep, "/")
    if os.path.isabs(p):
        p = os.path.relpath(p, os.path.abspath(fixture)).replace(os.sep, "/")
    else:
        fx = os.path.normpath(fixture).replace(os.sep, "/")
        if fx != "." and p.startswith(fx + "/"):
            p = p[len(fx) + 1:]
    return p[2:] if p.startswith("./") else p


def run_etsilint(binary, fixture, rules, failures):
    """Returns (reported, suppressed): sets of (path, line, rule)."""
    cmd = [binary, "scan", "--format", "json"]
    if rules:
        cmd += ["--rules", rules]
    cmd.append(fixture)
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        failures.append("ERROR cannot run %s: %s" % (binary, e))
        return set(), set()
    err = proc.stderr.decode("utf-8", "replace").strip()
    if proc.returncode not in (0, 1):
        failures.append("ERROR %s exited with status %d%s" % (" ".join(cmd), proc.returncode,
                                                           (":\n" + err) if err else ""))
    try:
        doc = json.loads(proc.stdout.decode("utf-8", "replace"))
        findings = doc["findings"]
    except (ValueError, KeyError, TypeError) as e:
        failures.append("ERROR unreadable JSON output from %s: %s" % (" ".join(cmd), e))
        return set(), set()
    reported = [f for f in findings if not f.get("suppressed")]
    # The default --fail-on threshold is "low": info findings alone exit 0;
    # suppressed findings never count.
    above_info = [f for f in reported if f.get("severity") != "info"]
    if proc.returncode == 0 and above_info:
        failures.append("ERROR exit status 0 with %d findings above info" % len(above_info))
    elif proc.returncode == 1 and not above_info:
        failures.append("ERROR exit status 1 with no unsuppressed findings above info")
    key = lambda f: (norm_path(f["path"], fixture), int(f["line"]), f["rule"])
    return ({key(f) for f in reported},
            {key(f) for f in findings if f.get("suppressed")})


def main(argv):
    args, rules, coverage = [], None, None
    it = iter(argv[1:])
    for a in it:
        if a in ("--rules", "--coverage"):
            val = next(it, None)
            if val is None:
                sys.stderr.write("expect.py: %s needs a directory\n" % a)
                return 2
            if a == "--rules":
                rules = val
            else:
                coverage = val
        elif a.startswith("-"):
            sys.stderr.write("expect.py: unknown option %s\n" % a)
            return 2
        else:
            args.append(a)
    if len(args) < 2:
        sys.stderr.write(__doc__)
        return 2
    binary, fixtures = args[0], args[1:]
    for fixture in fixtures:
        if not os.path.isdir(fixture):
            sys.stderr.write("expect.py: %s is not a directory\n" % fixture)
            return 2

    known = None
    id_dirs = [d for d in (rules, coverage) if d]
    if id_dirs:
        known = set()
        for d in id_dirs:
            known.update(rule_ids(d))

    passed, failures = 0, []
    have_pos, have_neg = set(), set()
    for fixture in fixtures:
        markers, problems = collect_markers(fixture)
        failures.extend(problems)
        pos, neg, sup = {}, {}, {}
        for kind, rel, line, rule, where in markers:
            if known is not None and rule not in known:
                failures.append("MARKER %s: unknown rule %s" % (where, rule))
                continue
            {"expect": pos, "ok": neg, "suppressed": sup}[kind].setdefault((rel, line, rule), where)
        for key in sorted(set(pos) & set(neg)):
            failures.append("MARKER %s:%d %s: both expected and forbidden" % key)
        for key in sorted(set(sup) & (set(pos) | set(neg))):
            failures.append("MARKER %s:%d %s: suppressed and also expected or forbidden" % key)

        found, found_sup = run_etsilint(binary, fixture, rules, failures)
        name = os.path.basename(os.path.normpath(fixture))
        for key in sorted(pos):
            if key in found:
                passed += 1
            else:
                failures.append("MISSING %s/%s:%d %s" % ((name,) + key))
        for key in sorted(sup):
            if key in found_sup:
                passed += 1
            else:
                failures.append("MISSING %s/%s:%d %s (suppressed)" % ((name,) + key))
        for key in sorted(neg):
            if key in found:
                failures.append("FORBIDDEN %s/%s:%d %s" % ((name,) + key))
            else:
                passed += 1
        for key in sorted(found - set(pos)):
            if key not in neg:
                failures.append("UNEXPECTED %s/%s:%d %s" % ((name,) + key))
        have_pos |= {k[2] for k in pos}
        have_neg |= {k[2] for k in neg}

    if coverage:
        for rid in rule_ids(coverage):
            lack = [w for w, s in (("positive", have_pos), ("negative", have_neg)) if rid not in s]
            if lack:
                failures.append("COVERAGE %s: no %s marker" % (rid, " and no ".join(lack)))
            else:
                passed += 1

    for f in failures:
        print(f)
    print("%d passed, %d failed" % (passed, len(failures)))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
