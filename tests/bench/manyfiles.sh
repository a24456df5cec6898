#!/bin/sh
# Memory on a large tree: generate 100,000 small files (C sources, headers and
# configs, 1,000 folders) under build/bench/many, scan them cold with -j2 and
# print wall time and peak RSS (bounded memory: findings are kept, file
# contents are not). Part of `make bench`, not of `make test`.
# ETSILINT: the binary. BENCH_MANY_FILES: how many files (default 100000).
set -u
: "${ETSILINT:?set ETSILINT}"
N=${BENCH_MANY_FILES:-100000}
D=build/bench/many
if [ ! -f "$D/.done-$N" ]; then
	rm -rf "$D"
	mkdir -p "$D"
	/usr/bin/python3 - "$D" "$N" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, "mod%03d" % (i % 1000), "sub%d" % (i // 1000 % 10))
    os.makedirs(d, exist_ok=True)
    k = i % 10
    if k < 6:
        name, text = "f%06d.c" % i, ('#include "m.h"\nint f%d(char *b, const char *s)\n{\n'
                                     '\tif (!b)\n\t\treturn -1;\n\tstrcpy(b, s);\n\treturn 0;\n}\n' % i)
    elif k < 8:
        name, text = "m%06d.h" % i, "#define M%d %d\nint f%d(char *b, const char *s);\n" % (i, i, i)
    elif k == 8:
        name, text = "f%06d_defconfig" % i, "CONFIG_TELNETD=y\n# CONFIG_FTPD is not set\n"
    else:
        name, text = "m.h", "#define M_H 1\n"
    with open(os.path.join(d, name), "w") as f:
        f.write(text)
PY
	: >"$D/.done-$N"
fi
files=$(find "$D" -type f ! -name '.done-*' | wc -l)
start=$(date +%s.%N)
/usr/bin/time -f '%M' -o "$D/.rss" "$ETSILINT" scan -q --no-cache -j2 -f json -o /dev/null "$D"
rc=$?
end=$(date +%s.%N)
rss_kb=$(tail -n 1 "$D/.rss")
awk -v f="$files" -v s="$start" -v e="$end" -v k="$rss_kb" -v rc="$rc" 'BEGIN {
	printf "== many files: %d files, etsilint -j2 cold: %.1f s, peak RSS %.1f MB (exit %d)\n", f, e - s, k * 1024 / 1e6, rc
	printf "    target: peak RSS bounded (<= 300 MB): %s\n", (k * 1024 / 1e6 <= 300) ? "ok" : "MISSED" }'
[ "$rc" -le 1 ]
