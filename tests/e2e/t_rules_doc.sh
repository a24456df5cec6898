#!/bin/sh
# docs/rules.md lists every rule of the pack exactly as `etsilint rules
# --format markdown` prints it (regenerate with `make docs`).
. "$(dirname "$0")/lib.sh"
expect_rc 0 "$ETSILINT" rules --format markdown
tail -n +6 docs/rules.md >"$TMP/doc"
if cmp -s "$TMP/out" "$TMP/doc"; then ok; else fail "docs/rules.md is stale: run 'make docs'"; diff "$TMP/doc" "$TMP/out" | head -5; fi
n=$(grep -c '^| `' "$TMP/out")
if [ "$n" -ge 70 ]; then ok; else fail "only $n rules in the pack"; fi
echo "rules in the pack: $n"
finish
