#!/bin/sh
# tests/realworld/realworld.sh - etsilint on real C trees: the Debian source packages of
# busybox, dropbear, mbedtls, wolfssl, wpa (wpa_supplicant, hostapd) and u-boot, at the
# versions pinned in tests/realworld/trees.conf. Run by `make realworld` (not part of
# `make test`); see tests/realworld/README.md.
#
# Sources: tests/bench/debsrc.sh, the private apt configuration of `make bench`
# ($BENCH/apt: deb-src entries mirroring the machine's Debian repositories; /etc/apt is
# only read); downloads in $BENCH/src, trees unpacked (dpkg-source -x) in $BENCH/trees,
# both shared with `make bench` and kept: a re-run does not download or unpack again.
# A pinned version the archive no longer has: the newest one is fetched and scanned, and
# the report says so.
#
# Each tree (or the parts of it trees.conf names) is scanned once, cold, without the
# results cache:
#   etsilint scan -q --no-cache --no-config -jJOBS -f json -o $REALWORLD/TREE.json --root TREE PATH...
# under /usr/bin/time -v (peak RSS) when it is there; wall time from date +%s.%N. Exit
# status 1 (findings) is expected; 2 (an error) is reported. Then report.py writes
# $REALWORLD/report.md (printed) and $REALWORLD/sample-TREE.md (triage skeletons).
#
# Environment: ETSILINT (binary, default build/etsilint), REALWORLD (output directory,
# default build/realworld), BENCH (apt configuration, downloads and trees; default
# build/bench), REALWORLD_JOBS (default 2), REALWORLD_TREES (names from trees.conf to run;
# default all), REALWORLD_CONF (default tests/realworld/trees.conf).
# Exit status: 0 every tree scanned, 2 usage or missing tool, 3 sources could not be
# fetched or unpacked, 4 a scan failed (exit status 2 or no report: see report.md).
set -u
cd "$(dirname "$0")/../.." || exit 2
ROOT=$(pwd)
: "${ETSILINT:=build/etsilint}"
: "${REALWORLD:=build/realworld}"
: "${BENCH:=build/bench}"
: "${REALWORLD_JOBS:=2}"
: "${REALWORLD_TREES:=}"
: "${REALWORLD_CONF:=tests/realworld/trees.conf}"
case $ETSILINT in /*) ;; *) ETSILINT=$ROOT/$ETSILINT ;; esac
case $REALWORLD in /*) ;; *) REALWORLD=$ROOT/$REALWORLD ;; esac
case $BENCH in /*) ;; *) BENCH=$ROOT/$BENCH ;; esac
LC_ALL=C
export LC_ALL
T_START=$(date +%s.%N)

die() {
	code=$1
	shift
	echo "realworld: $*" >&2
	exit "$code"
}

[ -x "$ETSILINT" ] || die 2 "no etsilint binary at $ETSILINT (run make first)"
for t in apt-get dpkg-source python3; do
	command -v "$t" >/dev/null 2>&1 || die 2 "$t is missing (make realworld-deps installs dpkg-dev python3 time)"
done
[ -f "$REALWORLD_CONF" ] || die 2 "no tree list $REALWORLD_CONF"
mkdir -p "$REALWORLD/log" || die 2 "cannot create $REALWORLD"

DEBSRC_APT=$BENCH/apt
DEBSRC_SRC=$BENCH/src
DEBSRC_TREES=$BENCH/trees
DEBSRC_LOG=$REALWORLD/log
DEBSRC_HERE=$ROOT/tests/bench
DEBSRC_PROG=realworld
# shellcheck source=tests/bench/debsrc.sh
. "$ROOT/tests/bench/debsrc.sh"

# The trees to run: "NAME SPEC PATH..." lines of trees.conf, filtered by REALWORLD_TREES.
LIST=$REALWORLD/log/trees.list
sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$REALWORLD_CONF" | while read -r name spec paths; do
	if [ -n "$REALWORLD_TREES" ]; then
		case " $REALWORLD_TREES " in *" $name "*) ;; *) continue ;; esac
	fi
	case $spec in *=*) ;; *) die 2 "$REALWORLD_CONF: $name: SOURCE-PACKAGE=VERSION expected, not '$spec'" ;; esac
	echo "$name $spec $paths"
done >"$LIST" || exit 2
[ -s "$LIST" ] || die 2 "no tree to run (REALWORLD_TREES='$REALWORLD_TREES', $REALWORLD_CONF)"

# ---------------------------------------------------------------- sources
# All pinned versions in one apt-get call; should that fail, one by one, and a pinned
# version the archive does not have any more is replaced by the newest (noted per tree
# in $REALWORLD/log/NAME.spec, which the report reads).
specs=$(awk '{ print $2 }' "$LIST")
while read -r name spec paths; do
	echo "$spec" >"$REALWORLD/log/$name.spec"
done <"$LIST"
# shellcheck disable=SC2086 # package specs: no blanks
if ! debsrc_fetch $specs 2>"$REALWORLD/log/fetch.err"; then
	echo "== the pinned versions could not be fetched together: one by one"
	while read -r name spec paths; do
		debsrc_have "$spec" && continue
		debsrc_update || exit 3
		DEBSRC_QUIET=1 debsrc_download "$spec" 2>>"$REALWORLD/log/fetch.err" && continue
		# The newest version: its .dsc's name from --print-uris, then the download.
		pkg=$(debsrc_pkg "$spec")
		dscname=$(debsrc_apt_get -q source --print-uris "$pkg" 2>/dev/null |
			sed -n "s/^'[^']*' \(${pkg}_[^ ]*\.dsc\) .*/\1/p" | head -n 1)
		[ -n "$dscname" ] || die 3 "neither $spec nor any version of $pkg is in the archive"
		newest=${dscname#"${pkg}"_}
		newest=${newest%.dsc}
		echo "realworld: $spec is not in the archive (any more): $name is scanned at the newest, $newest" >&2
		if ! debsrc_have "$pkg=$newest"; then
			debsrc_download "$pkg" || exit 3
		fi
		debsrc_have "$pkg=$newest" || die 3 "apt-get source $pkg left no $dscname in $DEBSRC_SRC"
		echo "$pkg=$newest" >"$REALWORLD/log/$name.spec"
	done <"$LIST"
fi
while read -r name spec paths; do
	debsrc_unpack "$(cat "$REALWORLD/log/$name.spec")" "$name" || exit 3
done <"$LIST"

# ---------------------------------------------------------------- scanning
TIME=""
[ -x /usr/bin/time ] && TIME="/usr/bin/time"
failed=0
META=$REALWORLD/log/meta.tsv
printf 'name\tpinned\tversion\tdsc\tsha256\tpaths\tstatus\tseconds\trss_kb\ttree\n' >"$META"
while read -r name spec paths; do
	tree=$DEBSRC_TREES/$name
	version=$(debsrc_version "$name")
	dsc=$DEBSRC_SRC/$(cat "$DEBSRC_TREES/.$name.unpacked")
	sum=$(sha256sum "$dsc" | cut -d' ' -f1)
	set --
	scanned=""
	for p in $paths; do
		if [ -e "$tree/$p" ]; then
			set -- "$@" "$tree/$p"
			scanned="$scanned $p"
		else
			echo "realworld: $name: no $p in the tree: not scanned" >&2
		fi
	done
	scanned=${scanned# }
	[ $# -gt 0 ] || set -- "$tree"
	echo "== $name $version: etsilint scan -q --no-cache --no-config -j$REALWORLD_JOBS${scanned:+ ($scanned)}"
	rm -f "$REALWORLD/$name.json" "$REALWORLD/log/$name.time"
	t0=$(date +%s.%N)
	if [ -n "$TIME" ]; then
		$TIME -v -o "$REALWORLD/log/$name.time" "$ETSILINT" scan -q --no-cache --no-config -j"$REALWORLD_JOBS" \
			-f json -o "$REALWORLD/$name.json" --root "$tree" "$@" 2>"$REALWORLD/log/$name.err"
	else
		"$ETSILINT" scan -q --no-cache --no-config -j"$REALWORLD_JOBS" \
			-f json -o "$REALWORLD/$name.json" --root "$tree" "$@" 2>"$REALWORLD/log/$name.err"
	fi
	rc=$?
	t1=$(date +%s.%N)
	secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
	kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$REALWORLD/log/$name.time" 2>/dev/null)
	echo "   status $rc, $secs s"
	if [ $rc -gt 1 ] || [ ! -s "$REALWORLD/$name.json" ]; then
		echo "realworld: etsilint failed on $name (status $rc):" >&2
		sed 's/^/    /' "$REALWORLD/log/$name.err" | head -n 20 >&2
		failed=1
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "${spec#*=}" "$version" "$(basename "$dsc")" \
		"$sum" "${scanned:-.}" "$rc" "$secs" "${kb:-}" "$tree" >>"$META"
done <"$LIST"

# ---------------------------------------------------------------- report
python3 "$ROOT/tests/realworld/report.py" "$REALWORLD" "$META" "$ETSILINT" || die 4 "report.py failed"
cat "$REALWORLD/report.md"
echo
echo "realworld: report $REALWORLD/report.md, triage samples $REALWORLD/sample-*.md," \
	"total $(awk -v a="$T_START" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }') s"
[ $failed = 0 ] || exit 4
exit 0
