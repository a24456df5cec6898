#!/bin/sh
# Recall on firmware code written without looking at the rules: tests/recall/corpus
# (five trees: ESP-IDF, Zephyr, Buildroot gateway, Yocto layer, STM32 + lwIP + Mbed TLS;
# 45 planted issues and 54 near misses, every one listed in tests/recall/ANSWERS.md).
# Fails when fewer bad cases are found, or more near misses reported, than the figures
# recorded below (raise them as the tool improves; never edit the corpus to pass).
. "$(dirname "$0")/lib.sh"
MIN_FOUND=38
MAX_FALSE=1
expect_rc 1 "$ETSILINT" scan --no-cache --no-config -q --format json -o "$TMP/recall.json" tests/recall/corpus
if /usr/bin/python3 tests/recall/score.py --min-found $MIN_FOUND --max-false $MAX_FALSE \
	"$TMP/recall.json" tests/recall/ANSWERS.md >"$TMP/score" 2>&1; then ok; else
	fail "recall below $MIN_FOUND found or above $MAX_FALSE false alarms"
fi
cat "$TMP/score"
expect_grep "$TMP/score" '^recall: found [0-9]+ of 45 bad cases; false alarms [0-9]+ of 54 ok cases$'
# The scan never writes into the scanned tree.
if [ -z "$(find tests/recall/corpus -newer "$TMP/recall.json" -type f | head -1)" ]; then ok; else fail "files changed under tests/recall/corpus"; fi
finish
