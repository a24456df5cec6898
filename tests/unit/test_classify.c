/* test_classify.c - file kinds: every row of the classify table, the Zephyr /
 * ESP-IDF "*.conf" rule (which looks at the file system), and the kind names
 * used by applies-to. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "classify.h"
#include "util.h"

struct row {
	const char *path;
	unsigned kind;
};

static void check_rows(const struct row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned got = classify_path(rows[i].path);
		if (got != rows[i].kind)
			fprintf(stderr, "classify_path(\"%s\") = %s (0x%x), want %s (0x%x)\n", rows[i].path,
				classify_kind_name(got), got, classify_kind_name(rows[i].kind), rows[i].kind);
		assert_int_equal(got, rows[i].kind);
	}
}

static void test_c_family(void **state)
{
	(void)state;
	static const struct row rows[] = {
		{"main.c", FK_C},
		{"src/net/wifi.c", FK_C},
		{"/abs/path/x.c", FK_C},
		{"include/wifi.h", FK_HEADER},
		{"sdkconfig.h", FK_HEADER},
		{"build/config/sdkconfig.h", FK_HEADER},
		{"sketch.ino", FK_CPP},
		{"lib/app.cpp", FK_CPP},
		{"a.cc", FK_CPP},
		{"a.cxx", FK_CPP},
		{"a.hpp", FK_CPP},
		{"a.hh", FK_CPP},
		/* Case matters; other extensions are not C. */
		{"MAIN.C", FK_NONE},
		{"x.c.orig", FK_NONE},
		{"x.o", FK_NONE},
		{"x.s", FK_NONE},
	};
	check_rows(rows, ARRAY_LEN(rows));
}

static void test_kconfig(void **state)
{
	(void)state;
	static const struct row rows[] = {
		{".config", FK_KCONFIG},
		{"linux/.config", FK_KCONFIG},
		{"defconfig", FK_KCONFIG},
		{"arch/arm/configs/defconfig", FK_KCONFIG},
		{"foo_defconfig", FK_KCONFIG},
		{"configs/esp32_devkit_defconfig", FK_KCONFIG},
		{"sdkconfig", FK_KCONFIG},
		{"sdkconfig.defaults", FK_KCONFIG},
		{"sdkconfig.defaults.esp32s3", FK_KCONFIG},
		{"sdkconfig.old", FK_KCONFIG},
		{"prj.conf", FK_KCONFIG},
		{"app/prj.conf", FK_KCONFIG},
		{"prj_debug.conf", FK_KCONFIG},
		{"busybox.config", FK_KCONFIG},
		{"board/acme/gw/busybox.fragment", FK_KCONFIG},
		{"meta-x/recipes-kernel/linux/files/cam.cfg", FK_KCONFIG},
		{"meta-x/recipes-bsp/u-boot/u-boot-acme/boot.cfg", FK_KCONFIG},
		/* Not Kconfig. */
		{"openocd/board.cfg", FK_NONE},
		{"recipes-x/files/x.cfg", FK_NONE},
		{"sdkconfig.json", FK_NONE},
		{"sdkconfig.h", FK_HEADER},
		{"defconfig.txt", FK_NONE},
	};
	check_rows(rows, ARRAY_LEN(rows));
}

static void test_build_systems(void **state)
{
	(void)state;
	static const struct row rows[] = {
		{"CMakeLists.txt", FK_CMAKE},
		{"components/wifi/CMakeLists.txt", FK_CMAKE},
		{"x.cmake", FK_CMAKE},
		{"cmake/toolchain.cmake", FK_CMAKE},
		{"Makefile", FK_MAKE},
		{"sub/Makefile", FK_MAKE},
		{"makefile", FK_MAKE},
		{"GNUmakefile", FK_MAKE},
		{"Kbuild", FK_MAKE},
		{"x.mk", FK_MAKE},
		{"rules.mak", FK_MAKE},
		{"cmakelists.txt", FK_NONE},
		{"Makefile.am", FK_NONE},
	};
	check_rows(rows, ARRAY_LEN(rows));
}

static void test_yocto(void **state)
{
	(void)state;
	static const struct row rows[] = {
		{"local.conf", FK_YOCTO},
		{"build/conf/local.conf", FK_YOCTO},
		{"meta-acme/conf/templates/default/local.conf.sample", FK_YOCTO},
		{"x.bb", FK_YOCTO},
		{"meta-app/recipes-core/images/core-image.bb", FK_YOCTO},
		{"x.bbappend", FK_YOCTO},
		{"meta/classes/x.bbclass", FK_YOCTO},
		{"meta-x/conf/layer.conf", FK_YOCTO},
		{"meta-x/conf/distro/mydistro.conf", FK_YOCTO},
		{"meta-x/conf/machine/board.conf", FK_YOCTO},
		{"x.bb.orig", FK_NONE},
	};
	check_rows(rows, ARRAY_LEN(rows));
}

static void test_dts(void **state)
{
	(void)state;
	static const struct row rows[] = {
		{"board.dts", FK_DTS},
		{"arch/arm/boot/dts/x.dtsi", FK_DTS},
		{"x.dtsi", FK_DTS},
		{"boards/nrf52840dk.overlay", FK_DTS},
		{"x.dtb", FK_NONE},
	};
	check_rows(rows, ARRAY_LEN(rows));
}

static void test_rootfs(void **state)
{
	(void)state;
	static const struct row rows[] = {
		{"rootfs/etc/shadow", FK_ROOTFS},
		{"etc/shadow", FK_ROOTFS},
		{"/etc/shadow", FK_ROOTFS},
		{"overlay/etc/shadow-", FK_ROOTFS},
		{"etc/passwd", FK_ROOTFS},
		{"board/rootfs_overlay/etc/passwd", FK_ROOTFS},
		{"etc/inittab", FK_ROOTFS},
		{"rootfs/etc/init.d/S50telnet", FK_ROOTFS},
		{"rootfs/etc/inetd.conf", FK_ROOTFS},
		{"rootfs/etc/default/dropbear", FK_ROOTFS},
		{"sshd_config", FK_ROOTFS},
		{"rootfs/etc/ssh/sshd_config", FK_ROOTFS},
		{"rc.local", FK_ROOTFS},
		{"etc/rc.local", FK_ROOTFS},
		{"wpa_supplicant.conf", FK_ROOTFS},
		{"etc/wpa_supplicant-wlan0.conf", FK_ROOTFS},
		/* The directory must be exactly etc; the name exactly the file. */
		{"shadow", FK_NONE},
		{"passwd", FK_NONE},
		{"myetc/shadow", FK_NONE},
		{"etc/shadow.bak", FK_NONE},
		{"etc/passwd.d/x", FK_NONE},
		{"etc/init.d/sub/x", FK_NONE},
		{"ssh_config", FK_NONE},
	};
	check_rows(rows, ARRAY_LEN(rows));
}

static void test_doc_and_unknown(void **state)
{
	(void)state;
	static const struct row rows[] = {
		{"SECURITY.md", FK_DOC},
		{"docs/SECURITY.md", FK_DOC},
		{"SECURITY.rst", FK_DOC},
		{"SECURITY.txt", FK_DOC},
		{".well-known/security.txt", FK_DOC},
		{"README.md", FK_NONE},
		{"security.md", FK_NONE},
		{"unknown", FK_NONE},
		{"x.py", FK_NONE},
		{"image.bin", FK_NONE},
		{"LICENSE", FK_NONE},
		{"", FK_NONE},
		{"dir/", FK_NONE},
	};
	check_rows(rows, ARRAY_LEN(rows));
}

/* ---- "*.conf" beside a Zephyr / ESP-IDF project ---------------------------- */

static char *mkpath(const char *dir, const char *name)
{
	return path_join(dir, name);
}

static void touch(const char *dir, const char *name)
{
	char *p = mkpath(dir, name);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs("CONFIG_X=y\n", f);
	fclose(f);
	free(p);
}

static void mkdir_in(const char *dir, const char *name)
{
	char *p = mkpath(dir, name);
	assert_int_equal(mkdir(p, 0700), 0);
	free(p);
}

static void rm(const char *dir, const char *name)
{
	char *p = mkpath(dir, name);
	assert_int_equal(remove(p), 0);
	free(p);
}

static unsigned classify_in(const char *dir, const char *name)
{
	char *p = mkpath(dir, name);
	unsigned k = classify_path(p);
	free(p);
	return k;
}

static void test_conf_beside_project(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/etsilint-classify-XXXXXX";
	char *root = mkdtemp(tmpl);
	assert_non_null(root);

	/* zephyr/: prj.conf, overlay-wifi.conf, boards/nrf.conf */
	mkdir_in(root, "zephyr");
	mkdir_in(root, "zephyr/boards");
	mkdir_in(root, "zephyr/boards/deep");
	touch(root, "zephyr/prj.conf");
	touch(root, "zephyr/overlay-wifi.conf");
	touch(root, "zephyr/boards/nrf.conf");
	touch(root, "zephyr/boards/deep/x.conf");
	/* idf/: sdkconfig.defaults and a *.conf beside it */
	mkdir_in(root, "idf");
	touch(root, "idf/sdkconfig.defaults");
	touch(root, "idf/extra.conf");
	mkdir_in(root, "idf2");
	touch(root, "idf2/sdkconfig");
	touch(root, "idf2/extra.conf");
	/* elsewhere/: a lone *.conf */
	mkdir_in(root, "elsewhere");
	touch(root, "elsewhere/app.conf");

	assert_int_equal(classify_in(root, "zephyr/prj.conf"), FK_KCONFIG);
	assert_int_equal(classify_in(root, "zephyr/overlay-wifi.conf"), FK_KCONFIG);
	assert_int_equal(classify_in(root, "zephyr/boards/nrf.conf"), FK_KCONFIG);
	/* Only the directory and its parent are inspected. */
	assert_int_equal(classify_in(root, "zephyr/boards/deep/x.conf"), FK_NONE);
	assert_int_equal(classify_in(root, "idf/extra.conf"), FK_KCONFIG);
	assert_int_equal(classify_in(root, "idf2/extra.conf"), FK_KCONFIG);
	assert_int_equal(classify_in(root, "elsewhere/app.conf"), FK_NONE);
	/* The file need not exist: only its neighbours are looked at. */
	assert_int_equal(classify_in(root, "zephyr/missing.conf"), FK_KCONFIG);
	assert_int_equal(classify_in(root, "elsewhere/missing.conf"), FK_NONE);
	/* Other extensions beside prj.conf keep their own kind. */
	assert_int_equal(classify_in(root, "zephyr/notes.txt"), FK_NONE);
	assert_int_equal(classify_in(root, "zephyr/main.c"), FK_C);

	/* A relative path with no directory: looked up in the current one. */
	char *cwd = getcwd(NULL, 0);
	assert_non_null(cwd);
	char *zdir = mkpath(root, "zephyr");
	assert_int_equal(chdir(zdir), 0);
	unsigned k1 = classify_path("overlay-wifi.conf");
	char *edir = mkpath(root, "elsewhere");
	assert_int_equal(chdir(edir), 0);
	unsigned k2 = classify_path("app.conf");
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(k1, FK_KCONFIG);
	assert_int_equal(k2, FK_NONE);
	free(zdir);
	free(edir);
	free(cwd);

	rm(root, "zephyr/boards/deep/x.conf");
	rm(root, "zephyr/boards/deep");
	rm(root, "zephyr/boards/nrf.conf");
	rm(root, "zephyr/boards");
	rm(root, "zephyr/overlay-wifi.conf");
	rm(root, "zephyr/prj.conf");
	rm(root, "zephyr");
	rm(root, "idf/sdkconfig.defaults");
	rm(root, "idf/extra.conf");
	rm(root, "idf");
	rm(root, "idf2/sdkconfig");
	rm(root, "idf2/extra.conf");
	rm(root, "idf2");
	rm(root, "elsewhere/app.conf");
	rm(root, "elsewhere");
	assert_int_equal(rmdir(root), 0);
}

/* ---- kind names ----------------------------------------------------------- */

static void test_kind_names(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		unsigned kind;
	} names[] = {
		{"c", FK_C},         {"header", FK_HEADER}, {"cpp", FK_CPP},   {"kconfig", FK_KCONFIG},
		{"cmake", FK_CMAKE}, {"make", FK_MAKE},     {"yocto", FK_YOCTO}, {"dts", FK_DTS},
		{"rootfs", FK_ROOTFS}, {"doc", FK_DOC},
	};
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		assert_int_equal(classify_kind_from_name(names[i].name), names[i].kind);
		assert_string_equal(classify_kind_name(names[i].kind), names[i].name);
	}
	/* Every single flag has a name. */
	for (unsigned bit = 1; bit <= FK_DOC; bit <<= 1)
		assert_string_not_equal(classify_kind_name(bit), "none");

	/* The group. */
	assert_int_equal(classify_kind_from_name("c-family"), FK_C | FK_HEADER | FK_CPP);
	assert_int_equal(classify_kind_from_name("c-family"), FK_CFAMILY);
	assert_string_equal(classify_kind_name(FK_CFAMILY), "c-family");

	/* Unknown names and masks. */
	assert_int_equal(classify_kind_from_name("C"), 0);
	assert_int_equal(classify_kind_from_name("none"), 0);
	assert_int_equal(classify_kind_from_name(""), 0);
	assert_int_equal(classify_kind_from_name("headers"), 0);
	assert_int_equal(classify_kind_from_name("c "), 0);
	assert_string_equal(classify_kind_name(FK_NONE), "none");
	assert_string_equal(classify_kind_name(FK_C | FK_DTS), "none");
	assert_string_equal(classify_kind_name(1u << 12), "none");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_c_family),
		cmocka_unit_test(test_kconfig),
		cmocka_unit_test(test_build_systems),
		cmocka_unit_test(test_yocto),
		cmocka_unit_test(test_dts),
		cmocka_unit_test(test_rootfs),
		cmocka_unit_test(test_doc_and_unknown),
		cmocka_unit_test(test_conf_beside_project),
		cmocka_unit_test(test_kind_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
