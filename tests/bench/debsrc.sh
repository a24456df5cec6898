# shellcheck shell=sh
# tests/bench/debsrc.sh - sourced (". tests/bench/debsrc.sh") by bench.sh and
# tests/realworld/realworld.sh: Debian source packages through a private apt configuration.
#
# Set before calling the functions (absolute paths):
#   DEBSRC_APT    the private apt directory: sources.list(.d) written by apt-sources.sh,
#                 lists/ and cache/ (/etc/apt is only read)
#   DEBSRC_SRC    where `apt-get source --download-only` puts .dsc, .orig and .debian files
#   DEBSRC_TREES  where `dpkg-source -x` unpacks them, one folder per tree
#   DEBSRC_LOG    where the apt and dpkg-source logs go
#   DEBSRC_HERE   the folder of apt-sources.sh (default: tests/bench, from the project root)
#   DEBSRC_PROG   prefix of the error messages (default: bench)
# A SPEC is a source package name (the newest version the indexes list) or NAME=VERSION
# (that version exactly, epoch included as apt writes it: wpa=2:2.10-12+deb12u3).
# Downloads and unpacked trees are kept: a second call does not download or unpack again.
# The functions return 0, or 3 after printing why on standard error.

debsrc_err() {
	echo "${DEBSRC_PROG:-bench}: $*" >&2
}

# debsrc_apt_get ARG...: apt-get with the private configuration.
debsrc_apt_get() {
	# As root apt downloads as the _apt user, which may not be able to write under DEBSRC_APT.
	[ "$(id -u)" = 0 ] && set -- -o "APT::Sandbox::User=root" "$@"
	apt-get \
		-o "Dir::Etc::SourceList=$DEBSRC_APT/sources.list" \
		-o "Dir::Etc::SourceParts=$DEBSRC_APT/sources.list.d" \
		-o "Dir::State::Lists=$DEBSRC_APT/lists" \
		-o "Dir::Cache=$DEBSRC_APT/cache" \
		"$@"
}

debsrc_pkg() { echo "${1%%=*}"; }

# debsrc_dsc SPEC: the .dsc of SPEC in DEBSRC_SRC (newest download for a bare name).
debsrc_dsc() {
	case $1 in
	*=*)
		_ds_v=${1#*=}
		echo "$DEBSRC_SRC/${1%%=*}_${_ds_v#*:}.dsc"
		;;
	*)
		# shellcheck disable=SC2012 # the newest download, should several versions be there
		ls -t "$DEBSRC_SRC/$1"_*.dsc 2>/dev/null | head -n 1
		;;
	esac
}

# debsrc_have SPEC: has SPEC been downloaded?
debsrc_have() {
	case $1 in
	*=*) [ -f "$(debsrc_dsc "$1")" ] ;;
	*) [ -f "$DEBSRC_SRC/.$1.downloaded" ] && ls "$DEBSRC_SRC/$1"_*.dsc >/dev/null 2>&1 ;;
	esac
}

# debsrc_update: deb-src entries from /etc/apt, then apt-get update of the private lists;
# once per process.
DEBSRC_UPDATED=0
debsrc_update() {
	[ "$DEBSRC_UPDATED" = 1 ] && return 0
	mkdir -p "$DEBSRC_APT/lists/partial" "$DEBSRC_APT/cache/archives/partial" "$DEBSRC_SRC" \
		"$DEBSRC_LOG" || { debsrc_err "cannot create $DEBSRC_APT"; return 3; }
	echo "== sources: deb-src entries for the Debian repositories configured in /etc/apt ($DEBSRC_APT)"
	sh "${DEBSRC_HERE:-tests/bench}/apt-sources.sh" "$DEBSRC_APT" ||
		{ debsrc_err "cannot derive deb-src entries from /etc/apt"; return 3; }
	echo "== apt-get update (private lists in $DEBSRC_APT/lists)"
	debsrc_apt_get -q update >"$DEBSRC_LOG/apt-update.log" 2>&1
	_ds_st=$?
	if [ $_ds_st -ne 0 ] || grep -q '^\(E\|Err\):' "$DEBSRC_LOG/apt-update.log"; then
		sed 's/^/    /' "$DEBSRC_LOG/apt-update.log" >&2
		debsrc_err "apt-get update failed (status $_ds_st): the source indexes could not be fetched"
		return 3
	fi
	DEBSRC_UPDATED=1
}

# debsrc_download SPEC...: apt-get source --download-only SPEC... into DEBSRC_SRC (no update).
# DEBSRC_QUIET=1: the apt log is not copied to standard error on failure.
debsrc_download() {
	echo "== apt-get source --download-only $* (into $DEBSRC_SRC)"
	(cd "$DEBSRC_SRC" && debsrc_apt_get -q source --download-only "$@") >"$DEBSRC_LOG/apt-source.log" 2>&1
	_ds_st=$?
	if [ $_ds_st -ne 0 ]; then
		[ "${DEBSRC_QUIET:-0}" = 1 ] || sed 's/^/    /' "$DEBSRC_LOG/apt-source.log" >&2
		debsrc_err "apt-get source failed (status $_ds_st) for: $*"
		return 3
	fi
	for _ds_s in "$@"; do
		_ds_p=$(debsrc_pkg "$_ds_s")
		case $_ds_s in
		*=*) [ -f "$(debsrc_dsc "$_ds_s")" ] ||
			{ debsrc_err "apt-get source left no $(basename "$(debsrc_dsc "$_ds_s")") in $DEBSRC_SRC"; return 3; } ;;
		*) ls "$DEBSRC_SRC/${_ds_p}"_*.dsc >/dev/null 2>&1 ||
			{ debsrc_err "apt-get source left no ${_ds_p}_*.dsc in $DEBSRC_SRC"; return 3; } ;;
		esac
		touch "$DEBSRC_SRC/.$_ds_p.downloaded"
	done
}

# debsrc_fetch SPEC...: download the SPECs that are not there yet (update first).
debsrc_fetch() {
	_ds_need=""
	for _ds_s in "$@"; do
		debsrc_have "$_ds_s" || _ds_need="$_ds_need $_ds_s"
	done
	if [ -z "$_ds_need" ]; then
		echo "== sources: cached in $DEBSRC_SRC (delete $DEBSRC_SRC to download again)"
		return 0
	fi
	debsrc_update || return 3
	# shellcheck disable=SC2086 # package specs: no blanks
	debsrc_download $_ds_need
}

# debsrc_unpack SPEC NAME: dpkg-source -x SPEC's .dsc into DEBSRC_TREES/NAME, unless that
# tree is already this .dsc's (DEBSRC_TREES/.NAME.unpacked holds the .dsc's name).
debsrc_unpack() {
	_ds_dsc=$(debsrc_dsc "$1")
	if [ -z "$_ds_dsc" ] || [ ! -f "$_ds_dsc" ]; then
		debsrc_err "no .dsc for $1 in $DEBSRC_SRC"
		return 3
	fi
	if [ -d "$DEBSRC_TREES/$2" ] && [ "$(cat "$DEBSRC_TREES/.$2.unpacked" 2>/dev/null)" = "$(basename "$_ds_dsc")" ]; then
		return 0
	fi
	mkdir -p "$DEBSRC_TREES" "$DEBSRC_LOG" || { debsrc_err "cannot create $DEBSRC_TREES"; return 3; }
	rm -rf "${DEBSRC_TREES:?}/$2" "$DEBSRC_TREES/.$2.unpacked"
	echo "== dpkg-source -x $(basename "$_ds_dsc")"
	dpkg-source -x "$_ds_dsc" "$DEBSRC_TREES/$2" >"$DEBSRC_LOG/unpack-$2.log" 2>&1 || {
		sed 's/^/    /' "$DEBSRC_LOG/unpack-$2.log" >&2
		debsrc_err "dpkg-source -x $_ds_dsc failed"
		return 3
	}
	# quilt's copies of the unpatched files are no source of the package.
	rm -rf "$DEBSRC_TREES/$2/.pc"
	basename "$_ds_dsc" >"$DEBSRC_TREES/.$2.unpacked"
}

# debsrc_version NAME: the Version of the .dsc unpacked in DEBSRC_TREES/NAME.
debsrc_version() {
	sed -n 's/^Version: //p' "$DEBSRC_SRC/$(cat "$DEBSRC_TREES/.$1.unpacked")"
}
