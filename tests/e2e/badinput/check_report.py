#!/usr/bin/python3
"""Check an etsilint JSON or SARIF report written for a bad-input tree.

usage: check_report.py json|sarif FILE [CHECK...]

The report must be strict UTF-8 and parse as JSON. For SARIF, every "uri"
anywhere in the log must be a valid URI reference: ASCII only, no spaces or
control characters, every '%' followed by two hex digits (so file names that
are not UTF-8, or hold spaces, '%' or '#', are percent-encoded).

CHECKs (paths are compared as suffixes; bytes that are not UTF-8 in an
argument are matched against the report's U+FFFD in JSON, and against the
percent-decoded bytes in SARIF):
  --finding RULE PATH   at least one finding of RULE on a path ending in PATH
  --no-finding PATH     no finding on a path ending in PATH
  --note PATH           an error/warning (JSON errors[], SARIF notifications)
                        naming a path ending in PATH
  --count N             exactly N findings
Prints "findings=N notes=M" and exits 1 with a message per failed check.
"""
import json
import os
import re
import sys
import urllib.parse

URI_RE = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*$")


def arg_bytes(s):
    return os.fsencode(s)


def walk_uris(node, out):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "uri" and isinstance(v, str):
                out.append(v)
            else:
                walk_uris(v, out)
    elif isinstance(node, list):
        for v in node:
            walk_uris(v, out)


def main(argv):
    fmt, path = argv[1], argv[2]
    problems = []
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        print("%s: not valid UTF-8: %s" % (path, e))
        return 1
    try:
        doc = json.loads(text)
    except ValueError as e:
        print("%s: does not parse as JSON: %s" % (path, e))
        return 1

    # (rule, path as bytes or str) of findings; paths of notes.
    findings, notes = [], []
    if fmt == "json":
        for f in doc.get("findings", []):
            findings.append((f.get("rule"), f.get("path") or ""))
        for e in doc.get("errors", []):
            notes.append(e.get("path") or "")
        match = lambda have, want: have.endswith(arg_bytes(want).decode("utf-8", "replace"))
        if doc.get("summary", {}).get("findings") != len(findings):
            problems.append("summary.findings %r != %d findings" % (doc.get("summary", {}).get("findings"), len(findings)))
    elif fmt == "sarif":
        if doc.get("version") != "2.1.0":
            problems.append("version is %r" % doc.get("version"))
        uris = []
        walk_uris(doc, uris)
        for u in uris:
            if not URI_RE.match(u):
                problems.append("invalid URI (not percent-encoded?): %r" % u)
        run = doc["runs"][0]
        for r in run.get("results", []):
            loc = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            findings.append((r.get("ruleId"), urllib.parse.unquote_to_bytes(loc)))
        for inv in run.get("invocations", []):
            for n in inv.get("toolExecutionNotifications", []):
                for loc in n.get("locations", []):
                    u = loc["physicalLocation"]["artifactLocation"]["uri"]
                    notes.append(urllib.parse.unquote_to_bytes(u))
        match = lambda have, want: have.endswith(arg_bytes(want))
    else:
        print("unknown format %r" % fmt)
        return 2

    i = 3
    while i < len(argv):
        a = argv[i]
        if a == "--finding":
            rule, want = argv[i + 1], argv[i + 2]
            i += 3
            if not any(r == rule and match(p, want) for r, p in findings):
                problems.append("no %s finding on %r" % (rule, want))
        elif a == "--no-finding":
            want = argv[i + 1]
            i += 2
            if any(match(p, want) for _, p in findings):
                problems.append("unexpected finding on %r" % want)
        elif a == "--note":
            want = argv[i + 1]
            i += 2
            if not any(match(p, want) for p in notes):
                problems.append("no error/warning naming %r (have %r)" % (want, notes[:10]))
        elif a == "--count":
            n = int(argv[i + 1])
            i += 2
            if len(findings) != n:
                problems.append("%d findings, wanted %d" % (len(findings), n))
        else:
            print("unknown check %r" % a)
            return 2
    print("findings=%d notes=%d" % (len(findings), len(notes)))
    for p in problems:
        print("%s: %s" % (path, p))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
