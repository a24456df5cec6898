#!/bin/sh
# End-to-end: scan every fixture tree under fixtures/ (the demo firmware and
# the smaller trees beside it) and compare the findings with the expectations
# written into them (expect:/ok: markers, .etsilint-expect files); check that
# every rule has at least one positive and one negative case across them.
# ETSILINT: the binary under test (default: build/etsilint).
cd "$(dirname "$0")/../.." || exit 2
ETSILINT=${ETSILINT:-build/etsilint}
# shellcheck disable=SC2046
/usr/bin/python3 tests/e2e/expect.py "$ETSILINT" $(ls -d fixtures/*/) --coverage rules
