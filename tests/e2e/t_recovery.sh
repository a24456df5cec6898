#!/bin/sh
# Token recovery without SDK headers: scan tests/recovery/tree (ESP-IDF,
# Zephyr and an OpenSSL/Mbed TLS Linux daemon) once with its fake SDK headers
# (tests/recovery/sdk/include) and once without them. At least 95% of the
# findings of the first scan must come back at the same rule/file:line, none
# may appear only without headers, and findings from statements libclang
# dropped must say "recovered": true. ETSILINT: the binary under test.
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.." || exit 2

TREE=tests/recovery/tree
SDK=tests/recovery/sdk/include
# A private results cache: both scans parse for real.
XDG_CACHE_HOME=$TMP/cache
export XDG_CACHE_HOME
NOCACHE=
if "$ETSILINT" --help 2>/dev/null | grep -q -- '--no-cache'; then NOCACHE=--no-cache; fi

# scan NAME ARGS... : JSON findings of the tree into $TMP/NAME.json; exit 1 expected.
scan() {
	name=$1
	shift
	# shellcheck disable=SC2086
	"$ETSILINT" scan -q -f json -j1 $NOCACHE --rules rules "$@" "$TREE" >"$TMP/$name.json" 2>"$TMP/$name.err"
	rc=$?
	if [ "$rc" = 1 ]; then ok; else fail "scan $name: exit $rc (wanted 1)"; sed 's/^/  stderr: /' "$TMP/$name.err" | head -5; fi
}
scan headers -I "$SDK"
scan noheaders

/usr/bin/python3 - "$TMP/headers.json" "$TMP/noheaders.json" "$TMP/stats" <<'PY'
import json, sys

def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        print("recovery: cannot read %s: %s" % (path, e))
        return {"findings": [], "errors": []}

with_h, without_h = load(sys.argv[1]), load(sys.argv[2])
key = lambda f: (f["rule"], f["path"], f["line"])
a = {key(f): f for f in with_h["findings"]}
b = {key(f): f for f in without_h["findings"]}
kept, lost, new = a.keys() & b.keys(), sorted(a.keys() - b.keys()), sorted(b.keys() - a.keys())
y, x = len(a), len(kept)
pct = 100.0 * x / y if y else 0.0
print("recovery: %d of %d findings kept at the same file:line (%.1f%%), %d new" % (x, y, pct, len(new)))
for label, keys, src in (("lost", lost, a), ("new", new, b)):
    for k in keys:
        print("  %s: %s:%d [%s] %s" % (label, k[1], k[2], k[0], src[k].get("snippet", "").strip()[:100]))
rec_with = sorted(k for k, f in a.items() if f.get("recovered"))
rec_without = sorted(k for k, f in b.items() if f.get("recovered"))
print("recovery: %d findings recovered from tokens without headers, %d with headers"
      % (len(rec_without), len(rec_with)))
for k in rec_with:
    print("  recovered with headers: %s:%d [%s]" % (k[1], k[2], k[0]))
for label, d in (("with headers", with_h), ("without headers", without_h)):
    for e in d.get("errors", []):
        print("  diagnostic %s: %s" % (label, json.dumps(e)))

# Statements libclang drops without the SDK headers: a declaration of an
# unknown type with a designated initializer, and calls whose arguments are
# undeclared SDK macros inside an undeclared ESP_ERROR_CHECK().
must_recover = [
    ("hardcoded-password-c", "esp32-thermostat/main/app_main.c", '.password = "Acme-Thermo-2021"'),
    ("wifi-open-authmode", "esp32-thermostat/main/app_main.c", ".threshold.authmode = WIFI_AUTH_OPEN"),
    ("wifi-prov-security-0", "esp32-thermostat/main/app_main.c", "WIFI_PROV_SECURITY_0"),
    ("hardcoded-password-c", "esp32-thermostat/main/cloud.c", "credentials.authentication.password"),
]
bad_recover = []
for rule, path, text in must_recover:
    try:
        with open("tests/recovery/tree/" + path) as f:
            lines = [n for n, l in enumerate(f, 1) if text in l]
    except OSError:
        lines = []
    hits = [b[(rule, path, n)] for n in lines if (rule, path, n) in b]
    if not hits or not all(f.get("recovered") for f in hits):
        bad_recover.append("%s %s (%s): %s" % (rule, path, text,
                           "not reported" if not hits else "not marked recovered"))
for m in bad_recover:
    print("  expected recovered: %s" % m)

with open(sys.argv[3], "w") as f:
    f.write("Y=%d\nX=%d\nN=%d\nLOW=%d\nREC=%d\nREC_WITH=%d\nBAD_REC=%d\n"
            % (y, x, len(new), 1 if x * 100 < 95 * y else 0, len(rec_without), len(rec_with), len(bad_recover)))
PY
if [ -f "$TMP/stats" ]; then
	# shellcheck disable=SC1091
	. "$TMP/stats"
	if [ "$Y" -ge 30 ]; then ok; else fail "only $Y findings with headers (wanted at least 30)"; fi
	if [ "$LOW" = 0 ]; then ok; else fail "only $X of $Y findings kept without headers (wanted at least 95%)"; fi
	if [ "$N" = 0 ]; then ok; else fail "$N findings appear only without headers"; fi
	if [ "$REC" -ge 1 ]; then ok; else fail "no finding without headers is marked recovered"; fi
	if [ "$BAD_REC" = 0 ]; then ok; else fail "$BAD_REC findings from dropped statements are not marked recovered"; fi
	if [ "$REC_WITH" = 0 ]; then ok; else fail "$REC_WITH findings recovered with headers: the fake SDK headers are incomplete"; fi
else
	fail "no statistics from the comparison"
fi

finish
