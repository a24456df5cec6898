# Shared helpers for the end-to-end tests (sourced). ETSILINT: the binary.
: "${ETSILINT:?set ETSILINT to the etsilint binary}"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/etsilint-e2e.XXXXXX")
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$TMP"' EXIT
checks=0
failures=0

ok() { checks=$((checks + 1)); }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL: $*"; }

# expect_rc WANT CMD... : run CMD, compare its exit status.
expect_rc() {
	want=$1; shift
	"$@" >"$TMP/out" 2>"$TMP/err"
	got=$?
	if [ "$got" = "$want" ]; then ok; else fail "exit $got (wanted $want): $*"; sed 's/^/  stderr: /' "$TMP/err" | head -5; fi
}

# expect_grep FILE REGEX : FILE must contain a line matching REGEX.
expect_grep() {
	if grep -Eq -- "$2" "$1"; then ok; else fail "$1 lacks /$2/"; sed 's/^/  | /' "$1" | head -10; fi
}

# expect_no_grep FILE REGEX : FILE must not contain a line matching REGEX.
expect_no_grep() {
	if grep -Eq -- "$2" "$1"; then fail "$1 has /$2/"; grep -E -- "$2" "$1" | head -3 | sed 's/^/  | /'; else ok; fi
}

finish() {
	echo "$(basename "$0"): $((checks - failures)) passed, $failures failed"
	[ "$failures" -eq 0 ]
}
