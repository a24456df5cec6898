#!/bin/sh
# tests/bench/apt-sources.sh OUTDIR - write deb-src entries that mirror the machine's
# configured Debian repositories into OUTDIR/sources.list (one-line entries) and
# OUTDIR/sources.list.d/debian-src.sources (deb822 entries). /etc/apt is only read.
# Only repositories that look like Debian archives are mirrored: a URI whose path has a
# component starting with "debian" (…/debian, …/debian-security, …/debian-ports), or an
# entry signed by the Debian archive keyring. Prints the entries; exits 1 when none is found.
set -u
out=${1:?usage: apt-sources.sh OUTDIR}
etc=${BENCH_APT_ETC:-/etc/apt}
mkdir -p "$out/sources.list.d" || exit 2
rm -f "$out/sources.list" "$out/sources.list.d/"*
: >"$out/sources.list"

# One-line format: "deb [options] URI suite [component...]" -> "deb-src ...".
for f in "$etc/sources.list" "$etc"/sources.list.d/*.list; do
	[ -f "$f" ] || continue
	awk '
	/^[ \t]*deb[ \t]/ {
		line = $0
		sub(/^[ \t]*deb[ \t]+/, "", line)
		opts = ""
		if (line ~ /^\[/) { opts = substr(line, 1, index(line, "]")); line = substr(line, index(line, "]") + 1) }
		sub(/^[ \t]+/, "", line)
		split(line, w, /[ \t]+/)
		uri = w[1]
		if (uri ~ /^[a-z+]+:\/\/[^\/]*\/(.*\/)?debian[^\/]*\/?$/ || opts ~ /debian-archive-keyring/)
			print "deb-src " (opts == "" ? "" : opts " ") line
	}' "$f" >>"$out/sources.list"
done

# deb822 format: copy each enabled stanza whose Types has "deb", with "Types: deb-src".
for f in "$etc"/sources.list.d/*.sources; do
	[ -f "$f" ] || continue
	awk '
	function flush(   i, keep) {
		if (n && isdeb && enabled && debian) {
			for (i = 1; i <= n; i++) print s[i]
			print ""
		}
		n = 0; isdeb = 0; enabled = 1; debian = 0
	}
	BEGIN { n = 0; isdeb = 0; enabled = 1; debian = 0 }
	/^[ \t]*#/ { next }
	/^[ \t]*$/ { flush(); next }
	{
		line = $0
		if (tolower(line) ~ /^types:/) {
			if (line ~ /[: \t]deb([ \t]|$)/) isdeb = 1
			line = "Types: deb-src"
		} else if (tolower(line) ~ /^enabled:/) {
			if (tolower(line) ~ /no/) enabled = 0
		} else if (tolower(line) ~ /^uris:/) {
			u = line; sub(/^[^:]*:[ \t]*/, "", u)
			m = split(u, us, /[ \t]+/)
			for (i = 1; i <= m; i++)
				if (us[i] ~ /^[a-z+]+:\/\/[^\/]*\/(.*\/)?debian[^\/]*\/?$/) debian = 1
		} else if (tolower(line) ~ /^signed-by:/ && line ~ /debian-archive-keyring/) {
			debian = 1
		}
		s[++n] = line
	}
	END { flush() }' "$f" >>"$out/sources.list.d/debian-src.sources"
done
[ -s "$out/sources.list.d/debian-src.sources" ] || rm -f "$out/sources.list.d/debian-src.sources"

if [ ! -s "$out/sources.list" ] && [ ! -f "$out/sources.list.d/debian-src.sources" ]; then
	echo "bench: no Debian repository found in $etc/sources.list or $etc/sources.list.d/*.list, *.sources" >&2
	exit 1
fi
for f in "$out/sources.list" "$out/sources.list.d/debian-src.sources"; do
	[ -s "$f" ] && sed 's/^/    /' "$f"
done
exit 0
