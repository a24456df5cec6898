#!/bin/sh
# The command line: help, version, subcommands, exit codes 0/1/2, formats,
# excludes, usage errors, explicit files, output file, determinism across -j.
. "$(dirname "$0")/lib.sh"

mkdir -p "$TMP/tree/src" "$TMP/tree/.git" "$TMP/tree/build" "$TMP/tree/vendor"
cat >"$TMP/rules.yaml" <<'YAML'
rules:
  - id: t-gets
    title: gets used
    message: "{callee}() cannot bound its input"
    severity: critical
    provisions: [5.13-1]
    cwe: [242]
    remediation: Use fgets with the buffer size.
    match: {call: {name: gets}}
  - id: t-telnetd
    title: telnetd enabled
    message: "{key} enables a telnet server"
    severity: medium
    provisions: [5.6-5]
    cwe: [319]
    remediation: Disable CONFIG_TELNETD.
    match: {config: {key: CONFIG_TELNETD, value: '^y$'}}
YAML
printf 'int main(void) {\n\tchar b[8];\n\tgets(b);\n\treturn 0;\n}\n' >"$TMP/tree/src/a.c"
printf 'void f(char *b) { fgets(b, 8, 0); }\n' >"$TMP/tree/src/clean.c"
printf 'CONFIG_TELNETD=y\n# CONFIG_FTPD is not set\n' >"$TMP/tree/busybox.config"
cp "$TMP/tree/src/a.c" "$TMP/tree/.git/a.c"
cp "$TMP/tree/src/a.c" "$TMP/tree/build/a.c"
cp "$TMP/tree/src/a.c" "$TMP/tree/vendor/a.c"
R="--rules $TMP/rules.yaml"

# Help, version, usage errors.
expect_rc 0 "$ETSILINT" --help
expect_grep "$TMP/out" '^Usage: etsilint'
for opt in --format --output --rules --fail-on --exclude --jobs --quiet --root --max-file-size --color --provision; do
	expect_grep "$TMP/out" -- "$opt"
done
expect_rc 0 "$ETSILINT" --version
expect_grep "$TMP/out" '^etsilint [0-9]+\.[0-9]+\.[0-9]+$'
expect_rc 2 "$ETSILINT"
expect_grep "$TMP/err" 'no command given'
expect_rc 2 "$ETSILINT" frobnicate
expect_grep "$TMP/err" "unknown command 'frobnicate'"
expect_rc 2 "$ETSILINT" scan --bogus
expect_grep "$TMP/err" "unknown option '--bogus'"
expect_rc 2 "$ETSILINT" scan --format xml $R "$TMP/tree"
expect_grep "$TMP/err" "unknown --format 'xml'"
expect_rc 2 "$ETSILINT" scan --fail-on severe $R "$TMP/tree"
expect_rc 2 "$ETSILINT" scan -j 0 $R "$TMP/tree"
expect_rc 2 "$ETSILINT" scan --format

# Findings, exit codes and the text format.
expect_rc 1 "$ETSILINT" scan $R "$TMP/tree"
expect_grep "$TMP/out" "^$TMP/tree/src/a.c:3:2: critical: gets\(\) cannot bound its input \[t-gets\] \(EN 303 645 5.13-1, CWE-242\)$"
expect_grep "$TMP/out" "^$TMP/tree/busybox.config:1:16: medium: CONFIG_TELNETD enables a telnet server \[t-telnetd\]"
expect_no_grep "$TMP/out" '\.git/|/build/'
expect_grep "$TMP/err" '^etsilint: 3 findings \(1 critical, 1 medium\) in 5 files|^etsilint: 3 findings'
expect_rc 0 "$ETSILINT" scan --fail-on high $R "$TMP/tree/busybox.config"
expect_rc 1 "$ETSILINT" scan --fail-on medium $R "$TMP/tree/busybox.config"
expect_rc 0 "$ETSILINT" scan --fail-on none $R "$TMP/tree"
expect_rc 0 "$ETSILINT" scan $R "$TMP/tree/src/clean.c"
expect_rc 0 "$ETSILINT" scan -q $R --exclude 'vendor' --exclude '*.config' --exclude 'src/a.c' "$TMP/tree"
expect_no_grep "$TMP/out" 'gets'
expect_rc 1 "$ETSILINT" scan -q $R --exclude 'vendor/**' "$TMP/tree"
expect_no_grep "$TMP/out" 'vendor/'
# A missing path is an I/O error: exit 2, the rest still scanned.
expect_rc 2 "$ETSILINT" scan $R "$TMP/nope" "$TMP/tree/src"
expect_grep "$TMP/err" "$TMP/nope: error: cannot scan"
expect_grep "$TMP/out" 'src/a.c:3:2'
# Colour only when asked (stdout is not a terminal here).
expect_rc 1 "$ETSILINT" scan $R "$TMP/tree/src"
expect_no_grep "$TMP/out" "$(printf '\033')"
expect_rc 1 "$ETSILINT" scan --color always $R "$TMP/tree/src"
expect_grep "$TMP/out" "$(printf '\033')"

# Output file and JSON paths relative to the root.
expect_rc 1 "$ETSILINT" scan -q -f json -o "$TMP/r.json" $R "$TMP/tree"
expect_grep "$TMP/r.json" '"path":[[:space:]]*"src/a.c"'
expect_rc 2 "$ETSILINT" scan -o "$TMP/no/such/dir/r.json" $R "$TMP/tree"
expect_grep "$TMP/err" 'cannot write'

# Byte-identical output for every -j.
for f in text json sarif; do
	"$ETSILINT" scan -q -j1 -f $f $R "$TMP/tree" >"$TMP/j1.$f" 2>/dev/null
	"$ETSILINT" scan -q -j2 -f $f $R "$TMP/tree" >"$TMP/j2.$f" 2>/dev/null
	"$ETSILINT" scan -q -j7 -f $f $R "$TMP/tree" >"$TMP/j7.$f" 2>/dev/null
	if cmp -s "$TMP/j1.$f" "$TMP/j2.$f" && cmp -s "$TMP/j1.$f" "$TMP/j7.$f"; then ok; else fail "$f output differs across -j"; fi
done

# rules and explain.
expect_rc 0 "$ETSILINT" rules $R
expect_grep "$TMP/out" '^t-gets +critical +5.13-1 +gets used$'
expect_rc 0 "$ETSILINT" rules $R --provision 5.6
expect_no_grep "$TMP/out" 't-gets'
expect_grep "$TMP/out" 't-telnetd'
expect_rc 0 "$ETSILINT" rules $R --format json
expect_grep "$TMP/out" '"id":[[:space:]]*"t-gets"'
expect_rc 0 "$ETSILINT" rules $R --format markdown
expect_grep "$TMP/out" '^\| `t-telnetd` \| medium \| 5.6-5 \| CWE-319 \|'
expect_rc 0 "$ETSILINT" explain t-gets $R
expect_grep "$TMP/out" '^t-gets: gets used'
expect_grep "$TMP/out" 'EN 303 645 5.13-1'
expect_grep "$TMP/out" 'CWE-242'
expect_grep "$TMP/out" 'Use fgets with the buffer size'
expect_rc 2 "$ETSILINT" explain no-such-rule $R
expect_grep "$TMP/err" "no rule 'no-such-rule'"
expect_rc 2 "$ETSILINT" explain $R

finish
