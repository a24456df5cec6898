#!/bin/sh
# Runs every test: the cmocka unit test binaries, then the end-to-end scripts
# tests/e2e/t_*.sh (each exits 0 on success). Prints "N passed, M failed".
# Environment: ETSILINT (the binary), BUILD (the build directory).
set -u
cd "$(dirname "$0")/.." || exit 2
: "${BUILD:=build}"
: "${ETSILINT:=$BUILD/etsilint}"
ETSILINT=$(cd "$(dirname "$ETSILINT")" && pwd)/$(basename "$ETSILINT")
ETSILINT_RULES=$(pwd)/rules
# Keep test caches out of the user's cache folder.
XDG_CACHE_HOME=$(pwd)/$BUILD/test-cache
export XDG_CACHE_HOME
export ETSILINT BUILD ETSILINT_RULES
pass=0
fail=0
failed=""
for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	echo "== unit: $(basename "$t")"
	if "$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); failed="$failed $(basename "$t")"; fi
done
for t in tests/e2e/t_*.sh; do
	[ -f "$t" ] || continue
	echo "== e2e: $(basename "$t")"
	if sh "$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); failed="$failed $(basename "$t")"; fi
done
# A short fuzzing pass with a fixed seed: regressions replayed, then a few
# seconds per target (make fuzz runs longer).
if [ -n "${FUZZ_BIN:-}" ] && [ -d "$FUZZ_BIN" ]; then
	echo "== fuzz: short pass"
	if FUZZ_SEED=1 sh tests/fuzz/run.sh -b "$FUZZ_BIN" -w "${FUZZ_WORK:-$BUILD/fuzz}" -t "${FUZZ_SMOKE_SECONDS:-4}"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); failed="$failed fuzz"
	fi
fi
echo
[ -z "$failed" ] || echo "failed:$failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
