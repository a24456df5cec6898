#!/bin/sh
# tests/bench/bench.sh - speed and memory of etsilint against flawfinder, cppcheck and
# clang-tidy on real C trees: the Debian source packages busybox and dropbear.
# Run by `make bench` (not part of `make test`).
#
# Sources (tests/bench/debsrc.sh): a private apt configuration under $BENCH/apt (deb-src
# entries mirroring the machine's Debian repositories, written by apt-sources.sh; /etc/apt
# is only read),
# `apt-get source --download-only` into $BENCH/src, `dpkg-source -x` into $BENCH/trees.
# Downloads and unpacked trees are kept: a re-run does not download again.
#
# For each tree: the .c/.h files (sorted, in the directories etsilint enters) are the file
# set; their lines (`cat FILES | wc -l`) are the numerator of lines/s for every tool.
#   etsilint cold   etsilint scan -q -f json -o /dev/null -jJOBS TREE
#   etsilint warm   the same after one .c file changed (a comment line appended, undone
#                   afterwards), with the cache the cold run left; without a results cache
#                   (no "cache" in --help) this is a second full run, and the table says so.
#                   etsilint's cache home (XDG_CACHE_HOME) is under $BENCH/work.
#   flawfinder      over the tree (through flawfinder-latin1.py: Python 3 flawfinder stops
#                   at the first source that is not UTF-8, and busybox has Latin-1 ones)
#   cppcheck        cppcheck -jJOBS -q --file-list=(the .c files)
#   clang-tidy      clang-tidy --quiet -checks='-*,clang-analyzer-*,cert-*' FILE --, per .c
#                   file, xargs -PJOBS (run-clang-tidy needs a compile database, which these
#                   trees have not). BENCH_TIDY_MAX=N: only the first N .c files (sorted);
#                   etsilint is then timed on the same subset for the ratio.
# Each command runs under /usr/bin/time -v (peak RSS: "Maximum resident set size", for a
# multi-process tool the largest process) and wall time is taken with date +%s.%N.
#
# Environment: ETSILINT (binary, default build/etsilint), BENCH (work directory, default
# build/bench), BENCH_PACKAGES (default "busybox dropbear"), BENCH_JOBS (default 2),
# BENCH_TIDY_MAX (default 0: every .c file).
# Exit status: 0 measured (targets met or not: see the table), 2 usage or missing tool,
# 3 sources could not be fetched or unpacked, 4 a tool failed.
set -u
cd "$(dirname "$0")/../.." || exit 2
ROOT=$(pwd)
HERE=$ROOT/tests/bench
: "${ETSILINT:=build/etsilint}"
: "${BENCH:=build/bench}"
: "${BENCH_PACKAGES:=busybox dropbear}"
: "${BENCH_JOBS:=2}"
: "${BENCH_TIDY_MAX:=0}"
case $ETSILINT in /*) ;; *) ETSILINT=$ROOT/$ETSILINT ;; esac
case $BENCH in /*) ;; *) BENCH=$ROOT/$BENCH ;; esac
APTDIR=$BENCH/apt
SRC=$BENCH/src
TREES=$BENCH/trees
WORK=$BENCH/work
LC_ALL=C
export LC_ALL
T_START=$(date +%s.%N)

die() {
	code=$1
	shift
	echo "bench: $*" >&2
	exit "$code"
}

[ -x "$ETSILINT" ] || die 2 "no etsilint binary at $ETSILINT (run make first)"
[ -x /usr/bin/time ] || die 2 "/usr/bin/time is missing (Debian package time; make bench-deps)"
for t in flawfinder cppcheck clang-tidy apt-get dpkg-source; do
	command -v "$t" >/dev/null 2>&1 || die 2 "$t is missing (make bench-deps installs flawfinder cppcheck clang-tidy dpkg-dev time)"
done
FLAWFINDER=$(command -v flawfinder)
mkdir -p "$APTDIR/lists/partial" "$APTDIR/cache/archives/partial" "$SRC" "$TREES" "$WORK" ||
	die 2 "cannot create $BENCH"

# ---------------------------------------------------------------- sources
# debsrc.sh: the private apt configuration, download and unpacking (shared with
# tests/realworld/realworld.sh).
DEBSRC_APT=$APTDIR
DEBSRC_SRC=$SRC
DEBSRC_TREES=$TREES
DEBSRC_LOG=$WORK
DEBSRC_HERE=$HERE
DEBSRC_PROG=bench
# shellcheck source=tests/bench/debsrc.sh
. "$HERE/debsrc.sh"
# shellcheck disable=SC2086 # package names: no blanks
debsrc_fetch $BENCH_PACKAGES || exit 3
for p in $BENCH_PACKAGES; do
	debsrc_unpack "$p" "$p" || exit 3
done

# ---------------------------------------------------------------- measuring
# measure LABEL COMMAND...: runs COMMAND under /usr/bin/time -v, output in $W/LABEL.*;
# sets M_SECS (wall, date +%s.%N), M_KB (peak RSS) and M_RC (exit status).
measure() {
	label=$1
	shift
	t0=$(date +%s.%N)
	/usr/bin/time -v -o "$W/$label.time" "$@" >"$W/$label.out" 2>"$W/$label.err"
	M_RC=$?
	t1=$(date +%s.%N)
	M_SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
	M_KB=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$W/$label.time")
	[ -n "$M_KB" ] || M_KB=0
}

# Rows of the table: "name|seconds|lines|rss_kb|reference seconds|note" in $W/rows.
row() {
	printf '%s|%s|%s|%s|%s|%s\n' "$1" "$2" "$3" "$4" "$5" "${6:-}" >>"$W/rows"
}

print_table() {
	awk -F'|' '
	function mib(kb) { return kb / 1024 }
	BEGIN {
		printf "  %-34s %9s %10s %9s %9s %9s\n", "tool", "seconds", "lines/s", "RSS MiB", "tool/ets", "ets/tool"
		print "  (tool/ets = seconds / etsilint cold seconds (SUBSET rows: / etsilint subset seconds); ets/tool = inverse)"
	}
	{
		s = $2 + 0; l = $3 + 0; ref = $5 + 0
		lps = s > 0 ? l / s : 0
		r = (ref > 0 && s > 0) ? sprintf("%9.2f %9.3f", s / ref, ref / s) : sprintf("%9s %9s", "-", "-")
		printf "  %-34s %9.2f %10.0f %9.1f %s%s\n", $1, s, lps, mib($4), r, ($6 == "" ? "" : "  " $6)
	}' "$W/rows"
}

verdict() { # verdict VALUE LIMIT -> "ok" or "MISSED"
	awk -v v="$1" -v l="$2" 'BEGIN { print (v + 0 <= l + 0) ? "ok" : "MISSED" }'
}

target() { # target NAME VALUE LIMIT [NOTE]
	printf '    %-24s %9s   target <= %-5s %s%s\n' "$1" "$2" "$3" "$(verdict "$2" "$3")" "${4:+  ($4)}"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.3f", a / b; else print "n/a" }'; }

# Does this etsilint keep a results cache? Its runs then get a cache home of their own
# (XDG_CACHE_HOME under $WORK: the user's ~/.cache is left alone), empty for a cold run.
HAVE_CACHE=0
"$ETSILINT" --help 2>&1 | grep -qi 'cache' && HAVE_CACHE=1
fresh_cache() {
	rm -rf "${W:?}/$1"
	mkdir -p "$W/$1"
	XDG_CACHE_HOME=$W/$1
	export XDG_CACHE_HOME
}

failed=0
for p in $BENCH_PACKAGES; do
	TREE=$TREES/$p
	W=$WORK/$p
	rm -rf "$W"
	mkdir -p "$W"
	: >"$W/rows"
	# The file set: .c and .h files in the directories etsilint enters, sorted.
	find "$TREE" \( -type d \( -name .git -o -name .hg -o -name .svn -o -name .repo -o -name build \
		-o -name _build -o -name 'cmake-build-*' -o -name out -o -name node_modules \
		-o -name __pycache__ -o -name .pio -o -name .cache -o -name tmp-glibc \
		-o -name sstate-cache \) -prune \) -o -type f \( -name '*.c' -o -name '*.h' \) -print |
		sort >"$W/files.ch"
	grep '\.c$' "$W/files.ch" >"$W/files.c"
	nch=$(wc -l <"$W/files.ch")
	nc=$(wc -l <"$W/files.c")
	# Counting the lines also brings the tree into the page cache for every tool alike.
	lines=$(xargs -d '\n' cat <"$W/files.ch" | wc -l)
	clines=$(xargs -d '\n' cat <"$W/files.c" | wc -l)
	if [ "$BENCH_TIDY_MAX" -gt 0 ] && [ "$BENCH_TIDY_MAX" -lt "$nc" ]; then
		head -n "$BENCH_TIDY_MAX" "$W/files.c" >"$W/files.tidy"
		tidy_subset=1
	else
		cp "$W/files.c" "$W/files.tidy"
		tidy_subset=0
	fi
	ntidy=$(wc -l <"$W/files.tidy")
	tlines=$(xargs -d '\n' cat <"$W/files.tidy" | wc -l)
	version=$(debsrc_version "$p")

	echo
	echo "== $p $version: $nch .c/.h files ($nc .c), $lines lines; -j$BENCH_JOBS on $(nproc) CPUs"

	# etsilint, cold: with a results cache, from an empty one ($XDG_CACHE_HOME/etsilint).
	fresh_cache cache-home
	measure ets-cold "$ETSILINT" scan -q -f json -o /dev/null -j"$BENCH_JOBS" "$TREE"
	if [ "$M_RC" -gt 1 ]; then
		echo "bench: etsilint failed on $p (status $M_RC):" >&2
		sed 's/^/    /' "$W/ets-cold.err" >&2
		failed=1
		continue
	fi
	cold=$M_SECS
	cold_kb=$M_KB
	row "etsilint cold" "$cold" "$lines" "$cold_kb" "$cold"

	# etsilint, warm: one .c file changed (a comment line appended, undone afterwards).
	touched=$(head -n 1 "$W/files.c")
	cp -p "$touched" "$W/touched.orig"
	trap 'cp -p "$W/touched.orig" "$touched"; exit 130' INT TERM HUP
	printf '\n/* etsilint bench: touched */\n' >>"$touched"
	measure ets-warm "$ETSILINT" scan -q -f json -o /dev/null -j"$BENCH_JOBS" "$TREE"
	cp -p "$W/touched.orig" "$touched"
	trap - INT TERM HUP
	warm=$M_SECS
	warm_kb=$M_KB
	if [ $HAVE_CACHE = 1 ]; then
		warm_name="etsilint warm (1 file touched)"
		warm_note="touched: ${touched#"$TREE"/}"
	else
		warm_name="etsilint 2nd full run (no cache)"
		warm_note="no results cache in this etsilint: a second full run, 1 file touched"
	fi
	row "$warm_name" "$warm" "$lines" "$warm_kb" "$cold" "$warm_note"

	# etsilint, cold, without include inference (-p-less trees: only the main files and
	# the headers found without -I are parsed; the token pass recovers the rest).
	fresh_cache cache-home-noinf
	measure ets-noinf "$ETSILINT" scan -q --no-infer-includes -f json -o /dev/null -j"$BENCH_JOBS" "$TREE"
	noinf=$M_SECS
	row "etsilint cold --no-infer-includes" "$noinf" "$lines" "$M_KB" "$cold"

	# The finding count, from an untimed run (the timed ones write to /dev/null).
	"$ETSILINT" scan -q -f json -o "$W/etsilint.json" -j"$BENCH_JOBS" "$TREE" 2>/dev/null
	findings=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); s=d["summary"]; print(s["findings"], "findings in", s["files"], "files")' "$W/etsilint.json" 2>/dev/null || echo "?")

	# flawfinder over the tree.
	measure flawfinder python3 "$HERE/flawfinder-latin1.py" "$FLAWFINDER" --quiet --dataonly "$TREE"
	[ "$M_RC" -eq 0 ] || { echo "bench: flawfinder failed on $p (status $M_RC)" >&2; failed=1; }
	ff=$M_SECS
	row "flawfinder" "$ff" "$lines" "$M_KB" "$cold" "$(grep -c '^[^ ].*:[0-9][0-9]*:' "$W/flawfinder.out") hits"

	# cppcheck -jJOBS over the .c files.
	measure cppcheck cppcheck -j"$BENCH_JOBS" -q --file-list="$W/files.c" --output-file="$W/cppcheck.report"
	[ "$M_RC" -eq 0 ] || { echo "bench: cppcheck failed on $p (status $M_RC)" >&2; failed=1; }
	cpp=$M_SECS
	row "cppcheck -j$BENCH_JOBS" "$cpp" "$lines" "$M_KB" "$cold" "$(grep -c ': \(error\|warning\|style\|performance\|portability\|information\):' "$W/cppcheck.report") messages"

	# clang-tidy per .c file, JOBS at a time. Exit status 123 (some file had errors:
	# the trees' headers and configuration are not set up) is expected.
	measure clang-tidy xargs -d '\n' -P"$BENCH_JOBS" -I'{}' \
		clang-tidy --quiet '-checks=-*,clang-analyzer-*,cert-*' '{}' -- <"$W/files.tidy"
	[ "$M_RC" -eq 0 ] || [ "$M_RC" -eq 123 ] || { echo "bench: clang-tidy failed on $p (status $M_RC)" >&2; failed=1; }
	tidy=$M_SECS
	tidy_kb=$M_KB
	tidy_note="$(grep -c ': warning:' "$W/clang-tidy.out") warnings, $(grep -c ': error:' "$W/clang-tidy.out") errors"
	if [ $tidy_subset = 1 ]; then
		fresh_cache cache-home-subset
		# shellcheck disable=SC2046 # paths of Debian source trees: no blanks
		measure ets-subset "$ETSILINT" scan -q -f json -o /dev/null -j"$BENCH_JOBS" $(cat "$W/files.tidy")
		sub=$M_SECS
		row "etsilint, tidy subset ($ntidy .c)" "$sub" "$tlines" "$M_KB" "$sub" "SUBSET: first $ntidy .c files sorted"
		row "clang-tidy -P$BENCH_JOBS, SUBSET ($ntidy .c)" "$tidy" "$tlines" "$tidy_kb" "$sub" "$tidy_note"
		est=$(awk -v s="$tidy" -v a="$clines" -v b="$tlines" 'BEGIN { printf "%.3f", (b > 0 ? s * a / b : 0) }')
		row "clang-tidy, est. full (scaled)" "$est" "$lines" "$tidy_kb" "$cold" "ESTIMATE: subset time x $clines/$tlines .c lines"
	else
		row "clang-tidy -P$BENCH_JOBS" "$tidy" "$lines" "$tidy_kb" "$cold" "$tidy_note"
	fi

	print_table
	echo "  etsilint: $findings"
	r_ff=$(ratio "$cold" "$ff")
	r_cpp=$(ratio "$cold" "$cpp")
	r_warm=$(ratio "$warm" "$cold")
	peak_kb=$cold_kb
	[ "$warm_kb" -gt "$peak_kb" ] && peak_kb=$warm_kb
	peak_mb=$(awk -v k="$peak_kb" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }')
	echo "  targets (issue):"
	target "cold / flawfinder" "$r_ff" 2
	target "cold --no-infer / flawf." "$(ratio "$noinf" "$ff")" 2
	target "cold / cppcheck -j$BENCH_JOBS" "$r_cpp" 0.35
	if [ $HAVE_CACHE = 1 ]; then
		target "warm / cold" "$r_warm" 0.05
	else
		target "warm / cold" "$r_warm" 0.05 "no results cache yet: a second full run measured"
	fi
	target "peak RSS -j$BENCH_JOBS (MB)" "$peak_mb" 300
	echo "  outputs: $W"
done

echo
echo "bench: total $(awk -v a="$T_START" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }') s"
[ $failed = 0 ] || exit 4
exit 0
