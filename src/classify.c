/* classify.c - file kinds from a data table of names and globs. */
#include "classify.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

/* How a pattern is matched: against the base name, or against the tail of
 * the path (so "etc/shadow" matches "rootfs/etc/shadow"). First match wins. */
enum how { BASE, TAIL };

struct kind_rule {
	enum how how;
	const char *pattern;
	unsigned kind;
};

static const struct kind_rule table[] = {
	/* Root filesystem overlay files. */
	{TAIL, "etc/shadow", FK_ROOTFS},
	{TAIL, "etc/shadow-", FK_ROOTFS},
	{TAIL, "etc/passwd", FK_ROOTFS},
	{TAIL, "etc/inittab", FK_ROOTFS},
	{TAIL, "etc/init.d/*", FK_ROOTFS},
	{TAIL, "etc/inetd.conf", FK_ROOTFS},
	{TAIL, "etc/default/dropbear", FK_ROOTFS},
	{BASE, "sshd_config", FK_ROOTFS},
	{BASE, "rc.local", FK_ROOTFS},
	{BASE, "wpa_supplicant*.conf", FK_ROOTFS},
	/* Yocto / BitBake. */
	{BASE, "local.conf", FK_YOCTO},
	{BASE, "local.conf.sample", FK_YOCTO}, /* a layer's template (conf/templates/NAME/) */
	{BASE, "*.bb", FK_YOCTO},
	{BASE, "*.bbappend", FK_YOCTO},
	{BASE, "*.bbclass", FK_YOCTO},
	{TAIL, "conf/distro/*.conf", FK_YOCTO},
	{TAIL, "conf/machine/*.conf", FK_YOCTO},
	{BASE, "layer.conf", FK_YOCTO},
	/* C and C++ sources. */
	{BASE, "*.c", FK_C},
	{BASE, "*.h", FK_HEADER},
	{BASE, "*.ino", FK_CPP},
	{BASE, "*.cpp", FK_CPP},
	{BASE, "*.cc", FK_CPP},
	{BASE, "*.cxx", FK_CPP},
	{BASE, "*.hpp", FK_CPP},
	{BASE, "*.hh", FK_CPP},
	{BASE, "sdkconfig.json", FK_NONE},
	{BASE, "*.cmake", FK_CMAKE},
	/* Kconfig-style configurations. */
	{BASE, ".config", FK_KCONFIG},
	{BASE, "defconfig", FK_KCONFIG},
	{BASE, "*_defconfig", FK_KCONFIG},
	{BASE, "sdkconfig", FK_KCONFIG},
	{BASE, "sdkconfig.*", FK_KCONFIG},
	{BASE, "prj.conf", FK_KCONFIG},
	{BASE, "prj_*.conf", FK_KCONFIG},
	{BASE, "*.config", FK_KCONFIG},
	{BASE, "*.fragment", FK_KCONFIG},            /* Buildroot: busybox.fragment, linux.fragment */
	{TAIL, "recipes-*/*/*/*.cfg", FK_KCONFIG},   /* Yocto kernel and U-Boot config fragments */
	/* Build systems. */
	{BASE, "CMakeLists.txt", FK_CMAKE},
	{BASE, "*.cmake", FK_CMAKE},
	{BASE, "Makefile", FK_MAKE},
	{BASE, "makefile", FK_MAKE},
	{BASE, "GNUmakefile", FK_MAKE},
	{BASE, "Kbuild", FK_MAKE},
	{BASE, "*.mk", FK_MAKE},
	{BASE, "*.mak", FK_MAKE},
	/* Device trees. */
	{BASE, "*.dts", FK_DTS},
	{BASE, "*.dtsi", FK_DTS},
	{BASE, "*.overlay", FK_DTS},
	/* Key and certificate files. */
	{BASE, "*.pem", FK_KEY},
	{BASE, "*.key", FK_KEY},
	{BASE, "*.crt", FK_KEY},
	{BASE, "*.p8", FK_KEY},
	{BASE, "id_rsa", FK_KEY},
	{BASE, "id_ecdsa", FK_KEY},
	{BASE, "id_ed25519", FK_KEY},
	/* Documentation. */
	{BASE, "SECURITY.md", FK_DOC},
	{BASE, "SECURITY.rst", FK_DOC},
	{BASE, "SECURITY.txt", FK_DOC},
	{BASE, "security.txt", FK_DOC},
};

static const struct {
	const char *name;
	unsigned kinds;
} kind_names[] = {
	{"c", FK_C},           {"header", FK_HEADER}, {"cpp", FK_CPP},     {"kconfig", FK_KCONFIG},
	{"cmake", FK_CMAKE},   {"make", FK_MAKE},     {"yocto", FK_YOCTO}, {"dts", FK_DTS},
	{"rootfs", FK_ROOTFS}, {"doc", FK_DOC},       {"key", FK_KEY},     {"c-family", FK_CFAMILY},
	{"all", FK_ALL},
};

static int tail_match(const char *pat, const char *path)
{
	/* Number of components in pat decides how much of the path's tail to use. */
	size_t comps = 1;
	for (const char *p = pat; *p; p++)
		comps += *p == '/';
	const char *tail = path + strlen(path);
	while (tail > path && comps) {
		tail--;
		if (*tail == '/' && --comps == 0) {
			tail++;
			break;
		}
	}
	return fnmatch(pat, tail, FNM_PATHNAME) == 0;
}

/* A "*.conf" next to a Zephyr or ESP-IDF project (a prj.conf or sdkconfig
 * file in the same directory or its parent: boards/xyz.conf, overlay-*.conf). */
static int zephyr_idf_conf(const char *path)
{
	static const char *const markers[] = {"prj.conf", "sdkconfig", "sdkconfig.defaults",
					      "../prj.conf", "../sdkconfig", "../sdkconfig.defaults"};
	const char *base = path_base(path);
	char *dir = base == path ? xstrdup(".") : xstrndup(path, (size_t)(base - path - 1));
	int found = 0;
	for (size_t i = 0; i < ARRAY_LEN(markers) && !found; i++) {
		char *p = path_join(dir, markers[i]);
		found = access(p, F_OK) == 0;
		free(p);
	}
	free(dir);
	return found;
}

unsigned classify_path(const char *path)
{
	const char *base = path_base(path);
	for (size_t i = 0; i < ARRAY_LEN(table); i++) {
		const struct kind_rule *r = &table[i];
		int m = r->how == BASE ? fnmatch(r->pattern, base, 0) == 0
				       : tail_match(r->pattern, path);
		if (m)
			return r->kind;
	}
	if (fnmatch("*.conf", base, 0) == 0 && zephyr_idf_conf(path))
		return FK_KCONFIG;
	return FK_NONE;
}

unsigned classify_kind_from_name(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(kind_names); i++)
		if (strcmp(kind_names[i].name, name) == 0)
			return kind_names[i].kinds;
	return 0;
}

const char *classify_kind_name(unsigned kind)
{
	for (size_t i = 0; i < ARRAY_LEN(kind_names); i++)
		if (kind_names[i].kinds == kind)
			return kind_names[i].name;
	return "none";
}
