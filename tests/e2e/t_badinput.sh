#!/bin/sh
# Bad inputs: binary files and NUL bytes in .c files; invalid UTF-8 in file
# content and file names (and control characters in names); CRLF and BOM;
# empty files; a 50 MB source; a 200,000-line function; 1 MB lines; 200-level
# (and too deep) directories; symbolic link loops and dangling links;
# unreadable files and directories; files deleted during the scan; a rule pack
# with every kind of error; a catastrophic-backtracking regular expression.
#
# Each case is a tree holding good.c, whose gets() finding must always be
# reported (the rest of the tree is still scanned). Every run has a time limit
# (a run that exceeds it is a hang), must exit 0, 1 or 2 as documented, must
# not crash or print a sanitizer report, and is repeated with -f json and
# -f sarif, whose output must parse (badinput/check_report.py; SARIF URIs
# must be percent-encoded).
#
# Known bugs: checks between known_begin and known_end print "KNOWN: ..." when
# they fail and are not counted; remove the markers once the bug is fixed.
. "$(dirname "$0")/lib.sh"
LC_ALL=C
export LC_ALL
HERE=$(cd "$(dirname "$0")" && pwd)
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
CHECK="$PY $HERE/badinput/check_report.py"
LIMIT=120 # seconds; longer is a hang
START=$(date +%s)

# ---- helpers ----

known=
nknown=0
ok() {
	checks=$((checks + 1))
	[ -z "$known" ] || echo "NOTE: a check of known bug '$known' passes now: remove its KNOWN marker"
}
fail() {
	if [ -n "$known" ]; then
		nknown=$((nknown + 1))
		echo "KNOWN: [$known] $*"
	else
		checks=$((checks + 1))
		failures=$((failures + 1))
		echo "FAIL: $*"
	fi
}
known_begin() { known=$1; }
known_end() { known=; }

now_ms() { date +%s%3N; }

# run WANT ARGS... : etsilint ARGS (as $AS when set), within $LIMIT seconds;
# stdout in $TMP/out, stderr in $TMP/err, milliseconds taken in $ms.
AS=
run() {
	want=$1
	shift
	t0=$(now_ms)
	$AS timeout -k 5 "$LIMIT" "$ETSILINT" "$@" >"$TMP/out" 2>"$TMP/err"
	got=$?
	ms=$(($(now_ms) - t0))
	what=
	case $got in
	0 | 1 | 2) ;;
	124 | 137) what="HANG (killed after ${LIMIT}s)" ;;
	*) what="CRASH? exit $got" ;;
	esac
	if grep -Eq 'AddressSanitizer|LeakSanitizer|runtime error:|UndefinedBehaviorSanitizer' "$TMP/err"; then
		what="${what:+$what, }sanitizer report"
	fi
	if [ -z "$what" ] && [ "$got" = "$want" ]; then
		ok
	else
		fail "${what:-exit $got (wanted $want)}: etsilint $*"
		sed 's/^/  stderr: /' "$TMP/err" | cut -c1-300 | head -8
	fi
}

# mktree NAME : $TMP/NAME with good.c (one critical t-gets finding at 3:2); sets $d.
mktree() {
	d=$TMP/$1
	mkdir -p "$d"
	printf 'int main(void) {\n\tchar b[8];\n\tgets(b);\n\treturn 0;\n}\n' >"$d/good.c"
}

# scan_all WANT DIR [CHECK...] : scan DIR (options $R $EXTRA) as text, JSON
# and SARIF; each exits WANT, reports good.c and the same number of findings;
# the JSON and SARIF reports pass check_report.py with CHECKs. Leaves the
# text run's output in $TMP/out, $TMP/err (copies: $TMP/text.out, .err).
EXTRA=
scan_all() {
	want=$1 dir=$2
	shift 2
	run "$want" scan $R $EXTRA "$dir"
	cp "$TMP/out" "$TMP/text.out"
	cp "$TMP/err" "$TMP/text.err"
	n=$(sed -n 's/^etsilint: \([0-9][0-9]*\) findings\{0,1\}.*/\1/p' "$TMP/text.err")
	if [ -n "$n" ]; then ok; else fail "no summary for $dir"; n=0; fi
	if grep -q "^$dir/good.c:3:2: critical: gets() cannot bound its input \[t-gets\]" "$TMP/text.out"; then
		ok
	else
		fail "text: good.c finding missing in $dir (the rest of the tree was not scanned?)"
	fi
	for fmt in json sarif; do
		run "$want" scan $R $EXTRA -f $fmt "$dir"
		cp "$TMP/out" "$TMP/report.$fmt"
		if $CHECK $fmt "$TMP/report.$fmt" --count "$n" --finding t-gets good.c "$@" >"$TMP/check" 2>&1; then
			ok
		else
			fail "$fmt report for $dir:"
			sed 's/^/  /' "$TMP/check" | cut -c1-300 | head -8
		fi
	done
	cp "$TMP/text.out" "$TMP/out"
	cp "$TMP/text.err" "$TMP/err"
}

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
R="--no-cache --rules $TMP/rules.yaml"

# ---- binary files and NUL bytes, named like sources ----
mktree binary
head -c 65536 /dev/urandom >"$d/blob.c"
printf '\0' >>"$d/blob.c"
cp "$ETSILINT" "$d/elf.c"
printf 'void f(char *b) { gets(b); }\n\0\n' >"$d/nul.c"
printf 'int x;\0' >"$d/nul.h"
printf 'CONFIG_TELNETD=y\n\0' >"$d/nul.config"
scan_all 1 "$d" --no-finding nul.c --no-finding nul.config \
	--note blob.c --note elf.c --note nul.c --note nul.h --note nul.config
for f in blob.c elf.c nul.c nul.h nul.config; do
	expect_grep "$TMP/err" "^$d/$f: warning: binary content \(NUL bytes\); skipped$"
done
expect_no_grep "$TMP/out" 'nul\.(c|config):'
# Warnings only: the status is unchanged (0).
run 0 scan $R "$d/nul.c" "$d/blob.c"
expect_grep "$TMP/err" "nul.c: warning: binary content"

# ---- invalid UTF-8 in file content ----
mktree utf8
printf 'int f(void) {\n\tchar b[8]; /* \377\376 \303\050 \355\240\200 \364\220\200\200 */ gets(b);\n\treturn 0;\n}\n' >"$d/bad.c"
printf 'const char *s = "caf\351 \300\257"; void g(char *b) { gets(b); }\n' >"$d/latin1.c"
printf 'CONFIG_NAME="caf\351"\nCONFIG_TELNETD=y\n' >"$d/latin1.config"
printf '\300\257\340\200\257\n' >"$d/overlong.h"
scan_all 1 "$d" --finding t-gets bad.c --finding t-gets latin1.c --finding t-telnetd latin1.config
expect_grep "$TMP/out" "^$d/bad.c:2:34: critical: gets\(\)"
expect_grep "$TMP/out" "^$d/latin1.config:2:16: medium: CONFIG_TELNETD"
expect_no_grep "$TMP/err" 'error:'
# The results cache gives the same report as --no-cache, cold and warm
# (snippets with bytes that are not UTF-8 included: same fingerprints).
for fmt in text json; do
	run 1 scan --rules "$TMP/rules.yaml" --no-cache -f $fmt "$d"
	cp "$TMP/out" "$TMP/nocache.$fmt"
	run 1 scan --rules "$TMP/rules.yaml" --cache-dir "$TMP/cache-utf8-$fmt" -f $fmt "$d"
	cp "$TMP/out" "$TMP/cold.$fmt"
	run 1 scan --rules "$TMP/rules.yaml" --cache-dir "$TMP/cache-utf8-$fmt" -f $fmt "$d"
	cp "$TMP/out" "$TMP/warm.$fmt"
	if cmp -s "$TMP/nocache.$fmt" "$TMP/cold.$fmt"; then ok; else fail "-f $fmt: the cold cached run differs from --no-cache"; fi
	if cmp -s "$TMP/nocache.$fmt" "$TMP/warm.$fmt"; then
		ok
	else
		fail "-f $fmt: the report from the cache differs from the cold run:"
		diff "$TMP/nocache.$fmt" "$TMP/warm.$fmt" | head -4 | cut -c1-200
	fi
done

# ---- invalid UTF-8, spaces, '%', '#', control characters in file names ----
mktree names
bad=$(printf 'n\377\376')
mkdir "$d/dir$bad"
printf 'void f(char *b) { gets(b); }\n' >"$d/dir$bad/x$bad.c"
printf 'void f(char *b) { gets(b); }\n' >"$d/sp ace %41#?.c"
printf 'x\0' >"$d/bin$bad.c"
esc=$(printf '\033[2J')
printf 'void f(char *b) { gets(b); }\n' >"$d/e$esc.c"
printf 'x\0' >"$d/binesc$esc.c"
printf 'x\0' >"$d/$(printf 'nl\nforged.c')"
scan_all 1 "$d" --finding t-gets "dir$bad/x$bad.c" --finding t-gets "sp ace %41#?.c" \
	--finding t-gets "e$esc.c" --note "bin$bad.c" --note "binesc$esc.c"
expect_grep "$TMP/out" "^$d/dir$bad/x$bad.c:1:19: critical"
expect_grep "$TMP/out" "^$d/sp ace %41#\?.c:1:19: critical"
# The text report escapes control characters in paths.
expect_grep "$TMP/out" "^$d/e\\\\x1b\[2J.c:1:19: critical"
if grep -q "$(printf '\033')" "$TMP/out"; then fail "text report has a raw ESC from a file name"; else ok; fi
expect_grep "$TMP/err" "bin$bad.c: warning: binary content"
# SARIF URIs are percent-encoded (check_report.py checks every URI).
run 1 scan $R -f sarif "$d"
cp "$TMP/out" "$TMP/names.sarif"
expect_grep "$TMP/names.sarif" '"uri":[[:space:]]*"dirn%FF%FE/xn%FF%FE\.c"'
expect_grep "$TMP/names.sarif" '"uri":[[:space:]]*"sp%20ace%20%2541%23%3F\.c"'
expect_grep "$TMP/names.sarif" '"uri":[[:space:]]*"e%1B%5B2J\.c"'
# Diagnostics on stderr should escape control characters in paths as the
# text report does: a file name must not drive the terminal or forge lines.
run 1 scan $R "$d"
if grep -q "$(printf '\033')" "$TMP/err"; then fail "stderr diagnostics print a raw ESC from a file name"; else ok; fi
expect_no_grep "$TMP/err" '^forged\.c: warning'

# ---- CRLF and byte-order marks ----
mktree crlf
printf 'int main(void) {\r\n\tchar b[8];\r\n\tgets(b);\r\n\treturn 0;\r\n}\r\n' >"$d/crlf.c"
printf '\357\273\277int main(void) {\r\n\tchar b[8];\r\n\tgets(b);\r\n\treturn 0;\r\n}\r\n' >"$d/bomcrlf.c"
printf '\357\273\277CONFIG_TELNETD=y\r\n' >"$d/bom.config"
printf 'CONFIG_A=n\r\nCONFIG_TELNETD=y\r\n' >"$d/crlf.config"
printf 'CONFIG_A=n\nCONFIG_TELNETD=y' >"$d/noeol.config"
scan_all 1 "$d" --finding t-gets crlf.c --finding t-gets bomcrlf.c --finding t-telnetd bom.config
expect_grep "$TMP/out" "^$d/crlf.c:3:2: critical"
expect_grep "$TMP/out" "^$d/bomcrlf.c:3:2: critical"
expect_grep "$TMP/out" "^$d/bom.config:1:16: medium"
expect_grep "$TMP/out" "^$d/crlf.config:2:16: medium"
expect_grep "$TMP/out" "^$d/noeol.config:2:16: medium"
expect_no_grep "$TMP/out" '\\x0d|\\x0D'
# A BOM belongs to no line (textfile.c): columns on line 1 count from after
# it, for C rules as for text rules, and a secret on line 1 is masked where it is.
mkdir "$TMP/bom1"
printf '\357\273\277void f(char *b) { gets(b); }\n' >"$TMP/bom1/call.c"
printf '\357\273\277static const char *wifi_password = "Sup3rS3cretValue";\n' >"$TMP/bom1/secret.c"
cat >"$TMP/bom-rules.yaml" <<'YAML'
rules:
  - id: t-gets-text
    title: gets in the text
    message: "text {match}"
    severity: low
    provisions: [5.13-1]
    cwe: [242]
    remediation: none
    match: {regex: {pattern: 'gets\('}}
  - id: t-password
    title: password literal
    message: "{name} is a password literal"
    severity: high
    provisions: [5.1-1]
    cwe: [798]
    secret: true
    remediation: none
    match: {assign: {name: 'password$'}}
YAML
run 1 scan --no-cache --rules "$TMP/rules.yaml" --rules "$TMP/bom-rules.yaml" "$TMP/bom1"
expect_grep "$TMP/out" "call.c:1:19: low: text gets\( \[t-gets-text\]"
expect_grep "$TMP/out" "call.c:1:19: critical: gets\(\)"
expect_grep "$TMP/out" "secret.c:1:20: high: wifi_password is a password literal"
expect_grep "$TMP/out" '^    static const char \*wifi_password = "Su\*{13}e";$'
expect_no_grep "$TMP/out" 'Sup3r'

# ---- empty files ----
mktree empty
: >"$d/empty.c"
: >"$d/empty.h"
: >"$d/empty.config"
: >"$d/CMakeLists.txt"
mkdir -p "$d/etc"
: >"$d/etc/shadow"
printf '\357\273\277' >"$d/bomonly.c"
printf '\357\273' >"$d/halfbom.c"
printf '\n' >"$d/newline.c"
printf '\r\n\r\n' >"$d/crlfonly.c"
scan_all 1 "$d" --count 1
expect_no_grep "$TMP/err" 'error:|warning:'
expect_grep "$TMP/err" ' in 10 files'

# ---- a 50 MB source file ----
mktree big
awk 'BEGIN { while (n < 52428800) { s = sprintf("int v%d = %d; /* padding padding padding padding */", i, i++);
	print s; n += length(s) + 1 } print "void g(char *b) { gets(b); }" }' >"$d/big.c"
lines=$(wc -l <"$d/big.c")
scan_all 1 "$d" --no-finding big.c --note big.c
expect_grep "$TMP/err" "^$d/big.c: warning: larger than the size limit \(16777216 bytes\); skipped$"
EXTRA="--max-file-size 64M"
run 1 scan $R $EXTRA "$d"
EXTRA=
expect_grep "$TMP/out" "^$d/big.c:$lines:19: critical: gets"
expect_grep "$TMP/out" "^$d/good.c:3:2: critical"
rm -f "$d/big.c"
# Many tentative definitions of one name (int v; repeated): libclang's parse
# time grows with their square (4 MB: over a minute; 50 MB: hours).
{
	yes 'int v;' | head -n 16384
	printf 'void g(char *b) { gets(b); }\n'
} >"$d/redecl.c"
LIMIT=30
run 1 scan $R "$d/redecl.c" "$d/good.c"
LIMIT=120
expect_grep "$TMP/out" "redecl.c:16385:19: critical: gets"
known_begin redecl-quadratic
if [ "$ms" -lt 2000 ]; then ok; else fail "16384 x 'int v;' took ${ms} ms to scan (want < 2000)"; fi
known_end

# ---- a 200,000-line function, 1 MB lines ----
mktree long
awk 'BEGIN { print "int f(int x) {"; for (i = 0; i < 200000; i++) printf "\tx = x * 3 + %d;\n", i;
	print "\t{ char b[8]; gets(b); }"; print "\treturn x;"; print "}" }' >"$d/longfn.c"
awk 'BEGIN { s = "x"; while (length(s) < 1048576) s = s s;
	printf "static const char s[] = \"%s\"; void h(char *b) { gets(b); }\n", s }' >"$d/longline.c"
awk 'BEGIN { s = "y"; while (length(s) < 1048576) s = s s; printf "# %s\nCONFIG_TELNETD=y", s }' >"$d/longline.config"
awk 'BEGIN { s = "z"; while (length(s) < 1048576) s = s s; printf "%s", s }' >"$d/oneline-noeol.h"
scan_all 1 "$d" --finding t-gets longfn.c --finding t-gets longline.c --finding t-telnetd longline.config
expect_grep "$TMP/out" "^$d/longfn.c:200002:15: critical: gets"
expect_grep "$TMP/out" "^$d/longline.c:1:1048623: critical: gets"
expect_grep "$TMP/out" "^$d/longline.config:2:16: medium"
# Snippets are clipped.
if awk 'length > 400 { bad = 1 } END { exit !bad }' "$TMP/out"; then fail "an output line is longer than 400 bytes"; else ok; fi

# ---- deeply nested directories ----
mktree deep
p=$d
i=0
while [ $i -lt 200 ]; do p=$p/d; i=$((i + 1)); done
mkdir -p "$p"
cp "$d/good.c" "$p/deep.c"
p=$d
i=0
while [ $i -lt 300 ]; do p=$p/e; i=$((i + 1)); done
mkdir -p "$p"
cp "$d/good.c" "$p/deeper.c"
scan_all 1 "$d" --finding t-gets d/d/d/deep.c
expect_grep "$TMP/out" "/d/d/d/deep.c:3:2: critical"
expect_grep "$TMP/err" "/e/e/e: warning: directory nesting deeper than 256 levels; not descended$"
# A path longer than PATH_MAX: an error naming it, exit 2, the rest scanned.
mktree longpath
long=nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn
$PY -c '
import os, shutil, sys
os.chdir(sys.argv[1])
for i in range(80):
    os.mkdir(sys.argv[2])
    os.chdir(sys.argv[2])
shutil.copy(os.path.join(sys.argv[1], "good.c"), "long.c")
' "$d" $long
scan_all 2 "$d"
expect_grep "$TMP/err" "/$long/$long: error: cannot stat: File name too long$"
expect_grep "$TMP/err" 'the scan was incomplete'
rm -rf "$d"

# ---- symbolic link loops, dangling links, special files ----
mktree links
ln -s loop2.c "$d/loop1.c"
ln -s loop1.c "$d/loop2.c"
ln -s self.c "$d/self.c"
ln -s nowhere.c "$d/dangling.c"
mkdir "$d/sub"
ln -s .. "$d/sub/up"
ln -s "$d" "$d/sub/abs"
ln -s ../good.c "$d/sub/alias.c"
ln -s /dev/zero "$d/zero.c"
fifo=
mkfifo "$d/fifo.c" 2>/dev/null && ln -s fifo.c "$d/fifolink.c" && fifo=$d/fifo.c
# A file deleted before the scan leaves a dangling link.
printf 'void f(char *b) { gets(b); }\n' >"$d/gone.c"
ln -s gone.c "$d/to-gone.c"
rm "$d/gone.c"
scan_all 1 "$d" --finding t-gets sub/alias.c --no-finding zero.c \
	--note loop1.c --note loop2.c --note self.c --note dangling.c --note to-gone.c
for f in loop1.c loop2.c self.c dangling.c to-gone.c; do
	expect_grep "$TMP/err" "^$d/$f: warning: .*symbolic link"
done
expect_grep "$TMP/out" "^$d/sub/alias.c:3:2: critical"
c=$(grep -c "/good.c:3:2: critical" "$TMP/out")
if [ "$c" = 1 ]; then ok; else fail "good.c reported $c times (a directory link followed?)"; fi
# Named explicitly: a device is bounded by the size limit.
run 1 scan $R "$d/zero.c" "$d/good.c"
expect_grep "$TMP/err" "zero.c: warning: not a regular file; skipped"
expect_grep "$TMP/out" "good.c:3:2: critical"
# Named explicitly: a FIFO with no writer must not block the scan forever.
if [ -n "$fifo" ]; then
	LIMIT=10
	run 1 scan $R "$fifo" "$d/good.c"
	LIMIT=120
else
	echo "SKIP: mkfifo failed: no FIFO case"
fi

# ---- unreadable files and directories ----
mktree unreadable
cp "$d/good.c" "$d/secret.c"
mkdir "$d/closed" "$d/noexec"
cp "$d/good.c" "$d/closed/hidden.c"
cp "$d/good.c" "$d/noexec/x.c"
AS=
skip=
if [ "$(id -u)" = 0 ]; then
	# chmod 000 does not stop root: run etsilint as nobody.
	AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
	chmod 755 "$TMP"
	chmod 644 "$TMP/rules.yaml"
	chmod -R a+rX "$d"
	if ! $AS "$ETSILINT" --version >/dev/null 2>&1; then
		skip="cannot run $ETSILINT as uid 65534 with setpriv"
	elif $AS cat "$d/good.c" >/dev/null 2>&1; then :; else
		skip="uid 65534 cannot read $d"
	fi
fi
if [ -z "$skip" ]; then
	chmod 000 "$d/secret.c" "$d/closed"
	chmod 644 "$d/noexec"
	if $AS cat "$d/secret.c" >/dev/null 2>&1; then
		skip="chmod 000 does not stop reads here"
	fi
fi
if [ -n "$skip" ]; then
	echo "SKIP: unreadable files: $skip"
else
	scan_all 2 "$d" --no-finding secret.c --no-finding hidden.c --no-finding noexec/x.c \
		--note secret.c --note closed --note noexec/x.c
	expect_grep "$TMP/err" "^$d/secret.c: error: cannot read: Permission denied$"
	expect_grep "$TMP/err" "^$d/closed: error: cannot open directory: Permission denied$"
	expect_grep "$TMP/err" "^$d/noexec/x.c: error: cannot stat: Permission denied$"
	expect_grep "$TMP/err" 'the scan was incomplete \(see the errors above\); exit status 2'
	# Named explicitly; an unreadable rule file.
	run 2 scan $R "$d/secret.c" "$d/good.c"
	expect_grep "$TMP/err" "secret.c: error: cannot read"
	expect_grep "$TMP/out" "good.c:3:2: critical"
	cp "$TMP/rules.yaml" "$TMP/closed-rules.yaml"
	chmod 000 "$TMP/closed-rules.yaml"
	run 2 scan --no-cache --rules "$TMP/closed-rules.yaml" "$d/good.c"
	expect_grep "$TMP/err" "closed-rules.yaml.*Permission denied"
	expect_grep "$TMP/err" 'nothing was scanned'
	chmod 755 "$d/closed" "$d/noexec"
fi
AS=
chmod 700 "$TMP"

# ---- files deleted during the scan ----
mktree race
i=1
while [ $i -le 1500 ]; do
	printf 'void f%d(char *b) { gets(b); }\n' $i >"$d/f$i.c"
	i=$((i + 1))
done
(
	timeout -k 5 "$LIMIT" "$ETSILINT" scan $R -j 2 "$d" >"$TMP/race.out" 2>"$TMP/race.err"
	echo $? >"$TMP/race.rc"
) &
sleep 0.2
rm -f "$d"/f*1.c "$d"/f*3.c "$d"/f*7.c
wait
rc=$(cat "$TMP/race.rc")
case $rc in
1 | 2) ok ;;
*) fail "race: exit $rc (wanted 1 or 2)"; sed 's/^/  stderr: /' "$TMP/race.err" | head -5 ;;
esac
if grep -Eq 'AddressSanitizer|LeakSanitizer|runtime error:' "$TMP/race.err"; then fail "race: sanitizer report"; else ok; fi
listed=$(sed -n 's/^etsilint: .* in \([0-9]*\) files.*/\1/p' "$TMP/race.err")
found=$(grep -c ': critical: gets' "$TMP/race.out")
lost=$(grep -c "^$d/f[0-9]*\.c: error: cannot read: No such file or directory$" "$TMP/race.err")
echo "race: ${listed:-?} files listed, $found reported, $lost deleted after the walk"
# Every listed file has its finding or an error: nothing silently lost.
if [ "$((found + lost))" = "${listed:-x}" ]; then ok; else fail "race: $found findings + $lost errors != ${listed:-?} files"; fi
if [ "$lost" -gt 0 ]; then want=2; else want=1; fi
if [ "$rc" = "$want" ]; then ok; else fail "race: exit $rc with $lost read errors (wanted $want)"; fi
# Every file still there is reported.
(cd "$d" && ls) | sed "s|^|$d/|; s|\$|:|" | sort >"$TMP/race.have"
sed -n 's/^\([^ ]*\.c:\)[0-9]*:[0-9]*: critical: .*/\1/p' "$TMP/race.out" | sort >"$TMP/race.rep"
missing=$(comm -23 "$TMP/race.have" "$TMP/race.rep" | head -3)
if [ -z "$missing" ]; then ok; else fail "race: surviving files not reported: $missing"; fi
rm -rf "$d"

# ---- a rule pack with every kind of error ----
mktree pack
cat >"$TMP/bad.yaml" <<'YAML'
rules:
  - id: Bad_ID
    title: t
    message: m
    severity: low
    provisions: [5.6-6]
    cwe: [489]
    remediation: r
    match: {regex: {pattern: "x"}}
  - id: no-title
    message: m
    severity: low
    provisions: [5.6-6]
    cwe: [489]
    remediation: r
    match: {regex: {pattern: "x"}}
  - id: bad-sev
    title: t
    message: m
    severity: severe
    provisions: [5.6-6]
    cwe: [489]
    remediation: r
    match: {regex: {pattern: "x"}}
  - id: bad-prov
    title: t
    message: m
    severity: low
    provisions: [5.99-1]
    cwe: [489]
    remediation: r
    match: {regex: {pattern: "x"}}
  - id: bad-cwe
    title: t
    message: m
    severity: low
    provisions: [5.6-6]
    cwe: [CWE-abc]
    remediation: r
    match: {regex: {pattern: "x"}}
  - id: bad-kind
    title: t
    message: m
    severity: low
    provisions: [5.6-6]
    cwe: [489]
    remediation: r
    applies-to: [fortran]
    match: {regex: {pattern: "x"}}
  - id: unknown-matcher
    title: t
    message: m
    severity: low
    provisions: [5.6-6]
    cwe: [489]
    remediation: r
    match: {frobnicate: {pattern: "x"}}
  - id: bad-regex
    title: t
    message: m
    severity: low
    provisions: [5.6-6]
    cwe: [489]
    remediation: r
    match: {regex: {pattern: "(unclosed"}}
  - id: no-match
    title: t
    message: m
    severity: low
    provisions: [5.6-6]
    cwe: [489]
    remediation: r
  - id: bad-precision
    title: t
    message: m
    severity: low
    precision: perfect
    provisions: [5.6-6]
    cwe: [489]
    remediation: r
    match: {regex: {pattern: "x"}}
  - id: bad-call
    title: t
    message: m
    severity: low
    provisions: [5.6-6]
    cwe: [489]
    remediation: r
    match: {call: {args: [{index: 99, int: 0}]}}
  - id: bad-config
    title: t
    message: m
    severity: low
    provisions: [5.6-6]
    cwe: [489]
    remediation: r
    match: {config: {key: FOO, unset: true, value: y}}
  - id: bad-paths
    title: t
    message: m
    severity: low
    provisions: [5.6-6]
    cwe: [489]
    remediation: r
    paths: [oops]
    match: {regex: {pattern: "x"}}
  - id: no-provisions
    title: t
    message: m
    severity: low
    provisions: []
    cwe: [489]
    remediation: r
    match: {regex: {pattern: "x"}}
  - just a string
  - id: dup
    title: t
    message: m
    severity: low
    provisions: [5.6-6]
    cwe: [489]
    remediation: r
    match: {regex: {pattern: "x"}}
  - id: dup
    title: t
    message: m
    severity: low
    provisions: [5.6-6]
    cwe: [489]
    remediation: r
    match: {regex: {pattern: "x", caseless: maybe}}
YAML
B=$TMP/bad.yaml
for fmt in text json sarif; do
	run 2 scan --no-cache --rules "$B" -f $fmt "$d"
	expect_grep "$TMP/err" 'the rule pack has errors; nothing was scanned'
	if [ -s "$TMP/out" ]; then fail "-f $fmt: a report was written although nothing was scanned"; else ok; fi
done
for e in "2:9: error: rule #1: 'id' must match" \
	"10:5: error: rule 'no-title': missing required key 'title'" \
	"20:15: error: rule 'bad-sev': 'severity'" \
	"29:18: error: rule 'bad-prov': .*'5.99-1'" \
	"38:11: error: rule 'bad-cwe': .*'CWE-abc'" \
	"48:18: error: rule 'bad-kind': .*'fortran'" \
	"57:13: error: rule 'unknown-matcher': .*'frobnicate'" \
	"65:30: error: rule 'bad-regex': .*invalid regular expression" \
	"66:5: error: rule 'no-match': missing required key 'match'" \
	"77:16: error: rule 'bad-precision'" \
	"89:19: error: rule 'bad-call'" \
	"97:21: error: rule 'bad-config'" \
	"105:12: error: rule 'bad-paths'" \
	"111:17: error: rule 'no-provisions': 'provisions'" \
	"115:5: error: rule #15: each rule must be a mapping" \
	"124:9: error: rule #17: duplicate rule id 'dup'" \
	"131:45: error: rule 'dup': 'caseless'"; do
	expect_grep "$TMP/err" "^$B:$e"
done
run 2 rules --rules "$B"
# Broken files: YAML syntax, NUL and invalid UTF-8, empty, an alias bomb
# (must not be expanded), a self-referencing alias, a bad file among good ones.
printf 'rules:\n  - id: x\n    title: [unclosed\n' >"$TMP/syntax.yaml"
printf 'rules:\n  - id: x\n    title: "\377\376"\n\0\n' >"$TMP/binary.yaml"
: >"$TMP/empty.yaml"
{
	echo 'x0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
	i=1
	while [ $i -le 12 ]; do
		p=$((i - 1))
		echo "x$i: &a$i [*a$p,*a$p,*a$p,*a$p,*a$p,*a$p,*a$p,*a$p,*a$p]"
		i=$((i + 1))
	done
	printf 'rules:\n  - id: bomb\n    title: t\n    message: m\n    severity: low\n'
	printf '    provisions: [5.6-6]\n    cwe: [489]\n    remediation: r\n    match: {regex: {pattern: *a12}}\n'
} >"$TMP/bomb.yaml"
printf 'rules:\n  - &r\n    id: self\n    title: t\n    message: m\n    severity: low\n    provisions: [5.6-6]\n    cwe: [489]\n    remediation: r\n    match: {regex: {pattern: x}}\n    x-self: *r\n' >"$TMP/selfref.yaml"
mkdir "$TMP/mixed"
cp "$TMP/rules.yaml" "$TMP/mixed/a.yaml"
cp "$TMP/syntax.yaml" "$TMP/mixed/b.yaml"
mkdir "$TMP/norules"
for y in syntax binary empty bomb; do
	run 2 scan --no-cache --rules "$TMP/$y.yaml" "$d"
	expect_grep "$TMP/err" "^$TMP/$y.yaml(:[0-9]+:[0-9]+)?: error: "
	expect_grep "$TMP/err" 'nothing was scanned'
done
# The alias cycle hangs under a key no rule has: loading ends, with that key reported.
run 2 rules --rules "$TMP/selfref.yaml"
expect_grep "$TMP/err" "^$TMP/selfref.yaml:11:5: error: rule 'self': unknown key 'x-self'"
run 2 scan --no-cache --rules "$TMP/mixed" "$d"
expect_grep "$TMP/err" "^$TMP/mixed/b.yaml:[0-9]+:[0-9]+: error: YAML syntax error"
run 2 scan --no-cache --rules "$TMP/norules" "$d"
expect_grep "$TMP/err" "$TMP/norules.*no \*.yaml"

# ---- a catastrophic-backtracking regular expression ----
mktree regex
cat >"$TMP/evil.yaml" <<'YAML'
rules:
  - id: t-evil
    title: nested quantifier
    message: "a run of a: {match}"
    severity: low
    provisions: [5.13-1]
    cwe: [1333]
    remediation: none
    match: {regex: {pattern: '(a+)+$'}}
YAML
{
	head -c 50000 /dev/zero | tr '\0' a
	echo b
} >"$d/evil.c"
R="--no-cache --rules $TMP/rules.yaml --rules $TMP/evil.yaml"
scan_all 1 "$d" --note evil.c
expect_grep "$TMP/err" "^$d/evil.c: warning: rule 't-evil': regular expression stopped \(match limit exceeded\)"
if [ "$ms" -lt 10000 ]; then ok; else fail "catastrophic regex: the scan took ${ms} ms"; fi
# Many lines that each exhaust the match limit: the limit must bound the
# work per file, not per line (the warning says the rest of the file is
# not checked by the rule).
awk 'BEGIN { for (i = 0; i < 400; i++) print "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab" }' >"$d/many.c"
run 1 scan $R "$d"
expect_grep "$TMP/err" "many.c: warning: rule 't-evil': regular expression stopped"
expect_grep "$TMP/out" "good.c:3:2: critical"
if [ "$ms" -lt 5000 ]; then ok; else fail "400 lines hitting the regex match limit took ${ms} ms (want < 5000)"; fi
R="--no-cache --rules $TMP/rules.yaml"

# ---- the default rule pack over the bad-content trees, and the cache ----
if "$ETSILINT" rules >/dev/null 2>&1; then
	trees="$TMP/binary $TMP/utf8 $TMP/names $TMP/crlf $TMP/empty $TMP/long $TMP/links"
	run 1 scan --no-cache $trees
	expect_no_grep "$TMP/err" ': error: '
	for fmt in json sarif; do
		run 1 scan -q --no-cache -f $fmt $trees
		cp "$TMP/out" "$TMP/default.$fmt"
		if $CHECK $fmt "$TMP/default.$fmt" >"$TMP/check" 2>&1; then ok; else fail "default pack, $fmt:"; sed 's/^/  /' "$TMP/check" | head -5; fi
	done
	# Cold, then warm from the cache: the same report.
	run 1 scan -q --no-cache -f json $trees
	cp "$TMP/out" "$TMP/nocache.json"
	run 1 scan -q --cache-dir "$TMP/cache" -f json $trees
	cp "$TMP/out" "$TMP/cold.json"
	run 1 scan -q --cache-dir "$TMP/cache" -f json $trees
	if cmp -s "$TMP/cold.json" "$TMP/out"; then ok; else fail "cached report differs from the cold one"; diff "$TMP/cold.json" "$TMP/out" | head -6; fi
	if cmp -s "$TMP/cold.json" "$TMP/nocache.json"; then ok; else fail "report with the cache differs from --no-cache"; fi
else
	echo "SKIP: no default rule pack: the default-pack run"
fi

echo "t_badinput.sh: $(($(date +%s) - START)) s; $nknown known-bug check(s) failed (KNOWN, not counted)"
finish
