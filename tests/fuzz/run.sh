#!/bin/sh
# run.sh - run the libFuzzer targets of tests/fuzz/ (called by `make fuzz` and
# `make fuzz-smoke`; runs from the source root, where fuzz_textrules finds rules/).
#
#   sh tests/fuzz/run.sh [-b BINDIR] [-w WORKDIR] [-t SECONDS] [-n] [TARGET...]
#
#   -b BINDIR   the built targets (default build/fuzz/bin)
#   -w WORKDIR  corpora, crash artifacts and logs (default build/fuzz)
#   -t SECONDS  fuzzing time per target (default 60)
#   -n          only replay tests/fuzz/regressions/, do not fuzz
#   TARGET      fuzz_rulepack ... (default: every target in BINDIR)
#
# First every tests/fuzz/regressions/<target>-* input is replayed once through
# its target. Then each target fuzzes for SECONDS, starting from its seeds
# (tests/fuzz/corpus/<target>/, read only) and the inputs it found before
# (WORKDIR/corpus/<target>/, where new ones are written). A crash is written
# to WORKDIR/artifacts/, minimised for up to FUZZ_MINIMIZE_SECONDS (default
# 30; 0: no), and the way to keep it as a regression input is printed.
# Environment: FUZZ_TIMEOUT (seconds per input, default 10), FUZZ_RSS_LIMIT_MB
# (2048), FUZZ_MAX_LEN (8192), FUZZ_MINIMIZE_SECONDS (30).
# Exit status: 0 when nothing crashed, 1 otherwise, 2 on a usage error.
set -u

cd "$(dirname "$0")/../.." || exit 2
BIN=build/fuzz/bin
WORK=build/fuzz
SECONDS_EACH=60
REPLAY_ONLY=0
while getopts b:w:t:n opt; do
	case $opt in
	b) BIN=$OPTARG ;;
	w) WORK=$OPTARG ;;
	t) SECONDS_EACH=$OPTARG ;;
	n) REPLAY_ONLY=1 ;;
	*) echo "usage: $0 [-b BINDIR] [-w WORKDIR] [-t SECONDS] [-n] [TARGET...]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
MIN_SECONDS=${FUZZ_MINIMIZE_SECONDS:-30}
# Per-input time limit (a slower input is a finding) and memory limit.
TIMEOUT=${FUZZ_TIMEOUT:-10}
RSS_MB=${FUZZ_RSS_LIMIT_MB:-2048}
# Largest input libFuzzer builds (it starts from the seed sizes and grows).
MAX_LEN=${FUZZ_MAX_LEN:-8192}

if [ $# -gt 0 ]; then
	TARGETS=$*
else
	TARGETS=$(cd "$BIN" 2>/dev/null && ls fuzz_* 2>/dev/null)
fi
[ -n "$TARGETS" ] || { echo "run.sh: no fuzz targets in $BIN (make fuzz-bins)" >&2; exit 2; }
for t in $TARGETS; do
	[ -x "$BIN/$t" ] || { echo "run.sh: $BIN/$t is missing (make fuzz-bins)" >&2; exit 2; }
done
mkdir -p "$WORK/logs" "$WORK/artifacts" || exit 2
# Crash reports: symbolised stacks, a non-zero exit for every sanitizer finding.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:symbolize=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS UBSAN_OPTIONS

failed=0

# ---- replay the regression inputs ----
for t in $TARGETS; do
	for f in tests/fuzz/regressions/"$t"-*; do
		[ -f "$f" ] || continue
		log="$WORK/logs/replay-$(basename "$f").log"
		if "$BIN/$t" -timeout="$TIMEOUT" -rss_limit_mb="$RSS_MB" "$f" >"$log" 2>&1; then
			echo "replay  $t  $(basename "$f")  ok"
		else
			echo "replay  $t  $(basename "$f")  FAILED (log: $log)"
			grep -E '^(SUMMARY|==[0-9]+==ERROR|.*invariant failed)' "$log" | head -3 | sed 's/^/        /'
			failed=1
		fi
	done
done
[ "$REPLAY_ONLY" = 1 ] && exit $failed

# ---- fuzz each target ----
summary=""
for t in $TARGETS; do
	mkdir -p "$WORK/corpus/$t"
	seeds=""
	[ -d "tests/fuzz/corpus/$t" ] && seeds="tests/fuzz/corpus/$t"
	dict=""
	[ -f "tests/fuzz/$t.dict" ] && dict="-dict=tests/fuzz/$t.dict"
	log="$WORK/logs/$t.log"
	rm -f "$WORK/artifacts/$t"-*
	echo "fuzz    $t  ${SECONDS_EACH}s ..."
	# shellcheck disable=SC2086 # $dict and $seeds are one word or empty
	# FUZZ_SEED (e.g. in CI) fixes libFuzzer's random seed.
	"$BIN/$t" ${FUZZ_SEED:+-seed="$FUZZ_SEED"} -max_total_time="$SECONDS_EACH" -timeout="$TIMEOUT" -rss_limit_mb="$RSS_MB" \
		-max_len="$MAX_LEN" -print_final_stats=1 -artifact_prefix="$WORK/artifacts/$t-" $dict \
		"$WORK/corpus/$t" $seeds >"$log" 2>&1
	st=$?
	runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
	[ -n "$runs" ] || runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	ncorp=$(find "$WORK/corpus/$t" -type f | wc -l)
	if [ $st -eq 0 ]; then
		line=$(printf '%-16s %10s runs  corpus %5s  ok' "$t" "${runs:-?}" "$ncorp")
	else
		failed=1
		art=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
		line=$(printf '%-16s %10s runs  corpus %5s  CRASH %s' "$t" "${runs:-?}" "$ncorp" "${art:-"(see $log)"}")
		echo "        log: $log"
		grep -E '^(SUMMARY|==[0-9]+==ERROR|.*invariant failed)' "$log" | head -3 | sed 's/^/        /'
		if [ -n "$art" ] && [ -f "$art" ] && [ "$MIN_SECONDS" -gt 0 ]; then
			min="$WORK/artifacts/$t-minimized"
			"$BIN/$t" -minimize_crash=1 -max_total_time="$MIN_SECONDS" -timeout="$TIMEOUT" \
				-exact_artifact_path="$min" "$art" >"$WORK/logs/$t-minimize.log" 2>&1
			[ -f "$min" ] || min=$art
			echo "        minimised: $min ($(wc -c <"$min") bytes); keep it with"
			echo "        cp $min tests/fuzz/regressions/$t-NAME"
		fi
	fi
	echo "        $line"
	summary="$summary$line
"
done
echo "== fuzz summary (${SECONDS_EACH}s per target)"
printf '%s' "$summary"
exit $failed
