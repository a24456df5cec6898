#!/usr/bin/env python3
"""tests/realworld/report.py OUTDIR META ETSILINT - the report of `make realworld`.

Reads META (the tab-separated table realworld.sh writes: one scanned tree a row) and
OUTDIR/TREE.json (etsilint's JSON report per tree); writes OUTDIR/report.md and, per tree,
OUTDIR/sample-TREE.md: a deterministic random sample (random.Random(TREE name)) of up to
SAMPLE findings of severity medium or higher, as a Markdown table skeleton for a manual
triage (verdict and reason left empty).

Lines: the files of the kinds etsilint reads, found by a walk over the scanned paths that
mirrors src/walk.c (sorted, the same directories skipped, symbolic links to directories
not followed) and src/classify.c (the file-kind table); the lines of files etsilint skips as binary
(NUL bytes) or too large are not counted. The file count is checked against the JSON summary.
Python 3 standard library only.
"""
import collections
import csv
import fnmatch
import json
import os
import random
import subprocess
import sys

SAMPLE = 30
TOP_RULES = 15
SEVERITIES = ["critical", "high", "medium", "low", "info"]
RANK = {s: i for i, s in enumerate(reversed(SEVERITIES))}  # info 0 ... critical 4
MEDIUM = RANK["medium"]

# src/walk.c: directories never entered.
SKIP_DIRS = [".git", ".hg", ".svn", ".repo", "build", "_build", "cmake-build-*", "out",
             "node_modules", "__pycache__", ".pio", ".cache", "tmp-glibc", "sstate-cache"]
# src/classify.c: (matched against the base name or the path's tail, pattern, kind);
# the first match wins.
KINDS = [
    ("tail", "etc/shadow", "rootfs"), ("tail", "etc/shadow-", "rootfs"),
    ("tail", "etc/passwd", "rootfs"), ("tail", "etc/inittab", "rootfs"),
    ("tail", "etc/init.d/*", "rootfs"), ("tail", "etc/inetd.conf", "rootfs"),
    ("tail", "etc/default/dropbear", "rootfs"), ("base", "sshd_config", "rootfs"),
    ("base", "rc.local", "rootfs"), ("base", "wpa_supplicant*.conf", "rootfs"),
    ("base", "local.conf", "yocto"), ("base", "*.bb", "yocto"), ("base", "*.bbappend", "yocto"),
    ("base", "*.bbclass", "yocto"), ("tail", "conf/distro/*.conf", "yocto"),
    ("tail", "conf/machine/*.conf", "yocto"), ("base", "layer.conf", "yocto"),
    ("base", "*.c", "c"), ("base", "*.h", "header"), ("base", "*.ino", "cpp"),
    ("base", "*.cpp", "cpp"), ("base", "*.cc", "cpp"), ("base", "*.cxx", "cpp"),
    ("base", "*.hpp", "cpp"), ("base", "*.hh", "cpp"), ("base", "sdkconfig.json", None),
    ("base", "*.cmake", "cmake"),
    ("base", ".config", "kconfig"), ("base", "defconfig", "kconfig"),
    ("base", "*_defconfig", "kconfig"), ("base", "sdkconfig", "kconfig"),
    ("base", "sdkconfig.*", "kconfig"), ("base", "prj.conf", "kconfig"),
    ("base", "prj_*.conf", "kconfig"), ("base", "*.config", "kconfig"),
    ("base", "CMakeLists.txt", "cmake"), ("base", "Makefile", "make"),
    ("base", "makefile", "make"), ("base", "GNUmakefile", "make"), ("base", "Kbuild", "make"),
    ("base", "*.mk", "make"), ("base", "*.mak", "make"),
    ("base", "*.dts", "dts"), ("base", "*.dtsi", "dts"), ("base", "*.overlay", "dts"),
    ("base", "*.pem", "key"), ("base", "*.key", "key"), ("base", "*.crt", "key"),
    ("base", "*.p8", "key"), ("base", "id_rsa", "key"), ("base", "id_ecdsa", "key"),
    ("base", "id_ed25519", "key"),
    ("base", "SECURITY.md", "doc"), ("base", "SECURITY.rst", "doc"),
    ("base", "SECURITY.txt", "doc"), ("base", "security.txt", "doc"),
]
CFAMILY = {"c", "header", "cpp"}
MAX_FILE = 16 << 20  # etsilint's default --max-file-size


def fnm(pattern, name):
    return fnmatch.fnmatchcase(name, pattern)


def classify(path):
    base = os.path.basename(path)
    parts = path.split("/")
    for how, pattern, kind in KINDS:
        if how == "base":
            if fnm(pattern, base):
                return kind
        else:
            n = pattern.count("/") + 1
            pp, tp = pattern.split("/"), parts[-n:]
            if len(tp) == n and all(fnm(a, b) for a, b in zip(pp, tp)):
                return kind
    if fnm("*.conf", base):
        d = os.path.dirname(path) or "."
        for m in ("prj.conf", "sdkconfig", "sdkconfig.defaults"):
            if os.path.exists(os.path.join(d, m)) or os.path.exists(os.path.join(d, "..", m)):
                return "kconfig"
    return None


def walk(path):
    """The files etsilint reads under path (a file or a directory), with their kinds."""
    if os.path.isfile(path):
        k = classify(path)
        if k:
            yield path, k
        return
    try:
        names = sorted(os.listdir(path))
    except OSError:
        return
    for name in names:
        child = os.path.join(path, name)
        if os.path.islink(child):
            if os.path.isfile(child):
                k = classify(child)
                if k:
                    yield child, k
        elif os.path.isdir(child):
            if not any(fnm(s, name) for s in SKIP_DIRS):
                yield from walk(child)
        elif os.path.isfile(child):
            k = classify(child)
            if k:
                yield child, k


def count_lines(paths):
    """{'files', 'binary', 'lines', 'cfamily_lines', 'by_kind': {kind: [files, lines]}}: the files
    of a known kind (binary ones, which etsilint skips, counted apart), the lines of the others."""
    seen, files, binary, lines, clines = set(), 0, 0, 0, 0
    by_kind = collections.defaultdict(lambda: [0, 0])
    for top in paths:
        for f, kind in walk(top):
            real = os.path.realpath(f)
            if f in seen:
                continue
            seen.add(f)
            try:
                if os.path.getsize(real) > MAX_FILE:
                    continue
                with open(real, "rb") as fh:
                    data = fh.read()
            except OSError:
                continue
            files += 1
            if b"\0" in data:
                binary += 1
                continue
            n = data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
            lines += n
            if kind in CFAMILY:
                clines += n
            by_kind[kind][0] += 1
            by_kind[kind][1] += n
    return {"files": files, "binary": binary, "lines": lines, "cfamily_lines": clines, "by_kind": dict(by_kind)}


def per_k(n, lines):
    return "%.2f" % (1000.0 * n / lines) if lines else "-"


def md_cell(s, limit=None):
    s = " ".join(str(s).split())
    if limit and len(s) > limit:
        s = s[: limit - 1] + "…"
    return s.replace("\\", "\\\\").replace("|", "\\|")


def md_code(s, limit=110):
    s = " ".join(str(s).split())
    if len(s) > limit:
        s = s[: limit - 1] + "…"
    if not s:
        return ""
    s = s.replace("|", "\\|")
    return "`` %s ``" % s if "`" in s else "`%s`" % s


def rule_severity(findings):
    sevs = sorted({f["severity"] for f in findings}, key=lambda s: -RANK.get(s, -1))
    return "/".join(sevs)


def main():
    outdir, meta_path, etsilint = sys.argv[1:4]
    with open(meta_path, newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    trees = []
    for r in rows:
        name = r["name"]
        t = {"meta": r, "name": name, "json": None, "error": None}
        jpath = os.path.join(outdir, name + ".json")
        try:
            with open(jpath) as fh:
                t["json"] = json.load(fh)
        except (OSError, ValueError) as e:
            t["error"] = "no JSON report (%s)" % e
        tree = r["tree"]
        scanned = [tree] if r["paths"] == "." else [os.path.join(tree, p) for p in r["paths"].split()]
        t["count"] = count_lines([p for p in scanned if os.path.exists(p)])
        findings = [f for f in (t["json"] or {}).get("findings", []) if not f.get("suppressed")]
        t["findings"] = findings
        t["medium"] = [f for f in findings if RANK.get(f["severity"], -1) >= MEDIUM]
        trees.append(t)

    out = []
    w = out.append
    tool = next((t["json"]["tool"] for t in trees if t["json"]), None)
    if tool is None:
        try:
            v = subprocess.run([etsilint, "--version"], capture_output=True, text=True, check=False).stdout.split()
        except OSError:
            v = []
        tool = {"name": "etsilint", "version": v[-1] if v else "?"}
    w("# etsilint on real-world trees")
    w("")
    w("Generated by `make realworld` (tests/realworld/realworld.sh, report.py); %s %s, rule pack of "
      "%d rules; `etsilint scan -q --no-cache --no-config -j%s -f json` per tree (cold: no results "
      "cache; no .etsilint.yaml). "
      "Debian 12 source packages (`apt-get source`, `dpkg-source -x`: Debian patches applied), "
      "versions pinned in tests/realworld/trees.conf."
      % (tool.get("name"), tool.get("version"),
         len(next((t["json"]["rules"] for t in trees if t["json"]), [])),
         os.environ.get("REALWORLD_JOBS", "2")))
    w("")
    w("Lines: all lines of the text files of the kinds etsilint reads (C/C++ sources and headers, "
      "Kconfig/defconfig, make, CMake, device trees, key files, root-filesystem files, ...) in the "
      "scanned paths; *C lines* the .c/.h/C++ part. *>= medium*: findings of severity medium, "
      "high or critical. Suppressed findings (none expected) are not counted. Wall time on %d CPUs, "
      "other work on the machine included." % (os.cpu_count() or 0))
    w("")
    w("| tree | version | scanned | files | lines | C lines | time s | peak RSS MB | findings | >= medium "
      "| per 1k lines | >= medium per 1k |")
    w("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    tot = collections.Counter()
    for t in trees:
        m, c = t["meta"], t["count"]
        files = t["json"]["summary"]["files"] if t["json"] else c["files"]
        rss = "%.0f" % (int(m["rss_kb"]) / 1024.0) if m["rss_kb"] else "-"
        ver = m["version"] + ("" if m["version"] == m["pinned"] else " (**not the pinned %s**)" % m["pinned"])
        status = "" if m["status"] in ("0", "1") and t["json"] else " **(exit %s)**" % m["status"]
        w("| %s%s | %s | %s | %d | %d | %d | %s | %s | %d | %d | %s | %s |" % (
            t["name"], status, ver, "all" if m["paths"] == "." else "partial¹", files, c["lines"],
            c["cfamily_lines"], m["seconds"], rss, len(t["findings"]), len(t["medium"]),
            per_k(len(t["findings"]), c["lines"]), per_k(len(t["medium"]), c["lines"])))
        tot.update(files=files, lines=c["lines"], clines=c["cfamily_lines"], findings=len(t["findings"]),
                   medium=len(t["medium"]))
        tot["secs"] += float(m["seconds"] or 0)
    w("| **total** | | | %d | %d | %d | %.1f | | %d | %d | %s | %s |" % (
        tot["files"], tot["lines"], tot["clines"], tot["secs"], tot["findings"], tot["medium"],
        per_k(tot["findings"], tot["lines"]), per_k(tot["medium"], tot["lines"])))
    w("")
    partial = [t for t in trees if t["meta"]["paths"] != "."]
    for t in partial:
        w("¹ %s: only %s scanned (the paths tests/realworld/trees.conf names)." % (
            t["name"], ", ".join("`%s`" % p for p in t["meta"]["paths"].split())))
    if partial:
        w("")

    # Pinned sources.
    w("## Sources")
    w("")
    w("| tree | Debian source package | pinned | scanned | .dsc | SHA-256 of the .dsc |")
    w("|---|---|---|---|---|---|")
    for t in trees:
        m = t["meta"]
        pkg = m["dsc"].split("_")[0]
        w("| %s | %s | %s | %s | %s | `%s` |" % (t["name"], pkg, m["pinned"], m["version"], m["dsc"], m["sha256"]))
    w("")

    # Noisiest rules over all trees.
    by_rule = collections.defaultdict(list)
    for t in trees:
        for f in t["findings"]:
            by_rule[f["rule"]].append((t["name"], f))
    w("## Noisiest rules, all trees")
    w("")
    w("| rule | severity | findings | trees | per tree |")
    w("|---|---|---:|---:|---|")
    ranked = sorted(by_rule.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    for rule, lst in ranked[:TOP_RULES]:
        per = collections.Counter(n for n, _ in lst)
        w("| %s | %s | %d | %d | %s |" % (
            rule, rule_severity([f for _, f in lst]), len(lst), len(per),
            ", ".join("%s %d" % (n, c) for n, c in sorted(per.items(), key=lambda kv: (-kv[1], kv[0])))))
    w("")
    w("%d rules fired in all; %d findings, %d of them >= medium." % (
        len(by_rule), tot["findings"], tot["medium"]))
    w("")

    # Per tree.
    for t in trees:
        m, c, j = t["meta"], t["count"], t["json"]
        w("## %s %s" % (t["name"], m["version"]))
        w("")
        w("- scanned: %s (`%s`)" % ("the whole tree" if m["paths"] == "." else m["paths"], m["tree"]))
        w("- etsilint exit status %s%s; %s s" % (
            m["status"],
            {"0": "", "1": " (findings)"}.get(m["status"], " (**error**)"),
            m["seconds"]))
        if t["error"]:
            w("- **%s**" % t["error"])
        if t["error"] or m["status"] not in ("0", "1"):
            try:
                with open(os.path.join(outdir, "log", t["name"] + ".err"), errors="replace") as fh:
                    err = fh.read().splitlines()
            except OSError:
                err = []
            if err:
                w("- standard error (log/%s.err):" % t["name"])
                w("")
                w("  ```")
                w("\n".join("  " + ln for ln in err[:20]))
                w("  ```")
                w("")
        if j:
            s = j["summary"]
            w("- %d files (walk over the same kinds: %d%s%s), %d lines, of which %d in C/C++ files" % (
                s["files"], c["files"], "" if s["files"] == c["files"] else ", **differs**",
                ", %d of them binary, without lines" % c["binary"] if c["binary"] else "", c["lines"],
                c["cfamily_lines"]))
            w("- lines by kind: " + ", ".join(
                "%s %d files / %d lines" % (k, v[0], v[1])
                for k, v in sorted(c["by_kind"].items(), key=lambda kv: -kv[1][1])))
            w("- findings by severity: " + ", ".join(
                "%s %d" % (sv, s["bySeverity"].get(sv, 0)) for sv in SEVERITIES))
            rec = sum(1 for f in t["findings"] if f.get("recovered"))
            w("- recovered from tokens (not in the syntax tree): %d" % rec)
            errs = j.get("errors", [])
            if errs:
                lv = collections.Counter(e.get("level", "?") for e in errs)
                msgs = collections.Counter(e.get("message", "") for e in errs)
                w("- scan diagnostics: %s; %s" % (
                    ", ".join("%d %s" % (n, l) for l, n in sorted(lv.items())),
                    "; ".join("%s (%d)" % (md_cell(msg, 80), n) for msg, n in msgs.most_common(4))))
        w("- triage sample: sample-%s.md (%d of %d findings >= medium)" % (
            t["name"], min(SAMPLE, len(t["medium"])), len(t["medium"])))
        w("")
        rules = collections.defaultdict(list)
        for f in t["findings"]:
            rules[f["rule"]].append(f)
        if rules:
            w("| rule | severity | findings | per 1k lines | files |")
            w("|---|---|---:|---:|---:|")
            for rule, fs in sorted(rules.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:TOP_RULES]:
                w("| %s | %s | %d | %s | %d |" % (
                    rule, rule_severity(fs), len(fs), per_k(len(fs), c["lines"]), len({f["path"] for f in fs})))
            if len(rules) > TOP_RULES:
                rest = sorted(rules.items(), key=lambda kv: (-len(kv[1]), kv[0]))[TOP_RULES:]
                w("| *%d more rule%s* | | %d | | |" % (len(rest), "" if len(rest) == 1 else "s",
                                                    sum(len(fs) for _, fs in rest)))
            w("")

    with open(os.path.join(outdir, "report.md"), "w") as fh:
        fh.write("\n".join(out) + "\n")

    # Triage samples.
    for t in trees:
        pool = sorted(t["medium"], key=lambda f: (f["path"], f["line"], f.get("column", 0), f["rule"]))
        rng = random.Random(t["name"])
        pick = sorted(rng.sample(pool, min(SAMPLE, len(pool))),
                      key=lambda f: (f["path"], f["line"], f.get("column", 0), f["rule"]))
        m = t["meta"]
        s = []
        s.append("# Triage sample: %s %s" % (t["name"], m["version"]))
        s.append("")
        s.append("%d of the %d findings of severity >= medium of `make realworld` (%s), drawn with "
                 "Python's `random.Random(%r).sample` from the findings sorted by path, line, column "
                 "and rule; paths relative to the unpacked tree `%s`. Fill in *verdict* (TP or FP) "
                 "and *reason*." % (len(pick), len(pool), "%s %s" % (tool.get("name"), tool.get("version")),
                                   t["name"], m["tree"]))
        s.append("")
        s.append("| rule | file:line | snippet | verdict | reason |")
        s.append("|---|---|---|---|---|")
        for f in pick:
            s.append("| %s | %s:%d | %s | | |" % (
                f["rule"], md_cell(f["path"]), f["line"], md_code(f.get("snippet", ""))))
        s.append("")
        with open(os.path.join(outdir, "sample-%s.md" % t["name"]), "w") as fh:
            fh.write("\n".join(s))
    return 0


if __name__ == "__main__":
    sys.exit(main())
