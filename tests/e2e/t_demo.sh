#!/bin/sh
# End-to-end: scan the bundled demo firmware and compare the findings with the
# expectations written into it (expect:/ok: markers, .etsilint-expect), and
# check that every rule has at least one positive and one negative case there.
# ETSILINT: the binary under test (default: build/etsilint).
cd "$(dirname "$0")/../.." || exit 2
ETSILINT=${ETSILINT:-build/etsilint}
/usr/bin/python3 tests/e2e/expect.py "$ETSILINT" fixtures/demo-firmware --coverage rules
exit $?
