#!/bin/sh
# Scaling of the data-flow (taint) analysis: `etsilint scan --no-cache` with
# only the taint rules on one generated function (tests/taint/gen_large.py)
# of 5,000, 20,000 and 50,000 lines. Prints the seconds, the seconds per
# 1,000 lines and that figure relative to the smallest run (about 1.0 for
# every size when the analysis is linear; path explosion shows as a ratio
# that grows with the size), the peak RSS and the findings against the
# generator's count.
#
# Environment: ETSILINT (binary, default build/etsilint), TAINT_RULES (the
# taint rule file, default rules/taint.yaml), TAINT_SIZES (default
# "5000 20000 50000"), BENCH (work directory, default build/bench).
# Exit status: 0 measured, 2 usage or missing file, 4 a scan failed or a
# finding count differs from the generator's.
set -u
cd "$(dirname "$0")/../.." || exit 2
: "${ETSILINT:=build/etsilint}"
: "${TAINT_RULES:=rules/taint.yaml}"
: "${TAINT_SIZES:=5000 20000 50000}"
: "${BENCH:=build/bench}"
W=$BENCH/taint-scale
[ -x "$ETSILINT" ] || { echo "taint_scale: no etsilint binary at $ETSILINT (run make first)" >&2; exit 2; }
[ -f "$TAINT_RULES" ] || { echo "taint_scale: no taint rule file $TAINT_RULES" >&2; exit 2; }
rm -rf "$W"
mkdir -p "$W" || exit 2
TIME=
[ -x /usr/bin/time ] && TIME="/usr/bin/time -v -o $W/time"

echo
echo "== taint analysis scaling: one function of N lines, rules $TAINT_RULES only"
printf '  %8s %9s %12s %9s %9s %10s\n' lines seconds "s/1k lines" ratio "RSS MiB" findings
base=
failed=0
for n in $TAINT_SIZES; do
	d=$W/n$n
	mkdir -p "$d"
	expected=$(python3 tests/taint/gen_large.py "$n" -o "$d/big_handler.c") || { failed=1; continue; }
	t0=$(date +%s.%N)
	# shellcheck disable=SC2086 # $TIME: the command and its options
	$TIME "$ETSILINT" scan --no-cache -q -j1 --file-timeout 0 --rules "$TAINT_RULES" \
		-f json -o "$d/out.json" "$d" 2>"$d/err"
	rc=$?
	t1=$(date +%s.%N)
	if [ $rc -gt 1 ]; then
		echo "taint_scale: etsilint failed on $n lines (status $rc):" >&2
		sed 's/^/    /' "$d/err" >&2
		failed=1
		continue
	fi
	secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
	per=$(awk -v s="$secs" -v n="$n" 'BEGIN { printf "%.4f", s * 1000 / n }')
	[ -n "$base" ] || base=$per
	ratio=$(awk -v p="$per" -v b="$base" 'BEGIN { if (b > 0) printf "%.2f", p / b; else print "n/a" }')
	kb=0
	[ -n "$TIME" ] && kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$W/time")
	mib=$(awk -v k="${kb:-0}" 'BEGIN { printf "%.1f", k / 1024 }')
	got=$(python3 -c 'import json, sys
print(sum(1 for f in json.load(open(sys.argv[1]))["findings"] if f["rule"].startswith("taint-")))' "$d/out.json")
	note=""
	if [ "$got" != "$expected" ]; then
		note="  (expected $expected)"
		failed=1
	fi
	printf '  %8d %9s %12s %9s %9s %10s%s\n' "$n" "$secs" "$per" "$ratio" "$mib" "$got" "$note"
done
echo "  (ratio: seconds per 1,000 lines relative to the first size; ~1 = linear)"
[ $failed = 0 ] || exit 4
exit 0
