/* test_textmatch.c - the `regex` and `config` matchers end to end: a rule
 * pack loaded from a string, one in-memory file scanned with an explicit
 * kind, exact findings (rule id, line, column) asserted. */
#include "testscan.h"

#include <stdio.h>
#include <stdlib.h>

#include "classify.h"
#include "diag.h"
#include "engine.h"
#include "finding.h"
#include "rule.h"
#include "util.h"

/* The fixed part of a rule; MATCH is the YAML of its `match:` value. */
#define RULE(ID, EXTRA, MATCH)                         \
	"  - id: " ID "\n"                             \
	"    title: Test rule " ID "\n"                \
	"    message: 'key={key} value={value} match={match}'\n" \
	"    severity: high\n"                         \
	"    provisions: [5.6-4]\n"                    \
	"    cwe: [1191]\n"                            \
	"    remediation: Fix it.\n"                   \
	EXTRA                                          \
	"    match:\n"                                 \
	MATCH

/* ---- config: Kconfig ---- */

static void test_config_kconfig_value(void **state)
{
	(void)state;
	struct fixture fx;
	setup_pack(&fx, "rules:\n"
		   RULE("jtag", "", "      config:\n"
				    "        key: CONFIG_SECURE_BOOT_ALLOW_JTAG\n"
				    "        value: '^y$'\n"));
	scan_as(&fx, "sdkconfig", FK_KCONFIG,
	        "# CONFIG_SECURE_BOOT_ALLOW_JTAG is not set\n"
	        "CONFIG_SECURE_BOOT_ALLOW_JTAG=n\n"
	        "#CONFIG_SECURE_BOOT_ALLOW_JTAG=y\n"
	        "CONFIG_SECURE_BOOT_ALLOW_JTAG=y\n"
	        "CONFIG_SECURE_BOOT_ALLOW_JTAG_X=y\n"
	        "CONFIG_SECURE_BOOT_ALLOW_JTAG=yes\n"
	        "CONFIG_SECURE_BOOT_ALLOW_JTAG=\"y\"\r\n");
	static const struct expect want[] = { { "jtag", 4, 31 }, { "jtag", 7, 32 } };
	assert_findings(&fx, want, ARRAY_LEN(want));
	assert_non_null(strstr(fx.out.v[0].message, "key=CONFIG_SECURE_BOOT_ALLOW_JTAG value=y"));
	assert_int_equal(fx.out.v[0].end_col, 32);

	/* The default kinds of `config` are kconfig and yocto: not rootfs. */
	scan_as(&fx, "etc/inittab", FK_ROOTFS, "CONFIG_SECURE_BOOT_ALLOW_JTAG=y\n");
	assert_findings(&fx, NULL, 0);
	fixture_free(&fx);
}

static void test_config_kconfig_unset(void **state)
{
	(void)state;
	struct fixture fx;
	setup_pack(&fx, "rules:\n"
		   RULE("no-secure-boot", "", "      config:\n"
					      "        key: CONFIG_SECURE_BOOT\n"
					      "        unset: true\n"));
	scan_as(&fx, "sdkconfig", FK_KCONFIG,
	        "# CONFIG_SECURE_BOOT is not set\r\n"
	        "CONFIG_SECURE_BOOT=y\r\n"
	        "CONFIG_SECURE_BOOT=n\r\n"
	        "# CONFIG_SECURE_BOOT_V2 is not set\r\n"
	        "#CONFIG_SECURE_BOOT=n");
	static const struct expect want[] = { { "no-secure-boot", 1, 3 }, { "no-secure-boot", 3, 1 } };
	assert_findings(&fx, want, ARRAY_LEN(want));
	fixture_free(&fx);
}

static void test_config_key_list_and_regex(void **state)
{
	(void)state;
	struct fixture fx;
	setup_pack(&fx, "rules:\n"
		   RULE("debug-kernel", "", "      config:\n"
					    "        key: [CONFIG_KGDB, CONFIG_MAGIC_SYSRQ]\n")
		   RULE("uart-dl", "", "      config:\n"
				       "        key-regex: '^CONFIG_SECURE_FLASH_UART_BOOTLOADER_ALLOW_'\n"
				       "        value: '^y$'\n"));
	scan_as(&fx, "defconfig", FK_KCONFIG,
	        "CONFIG_KGDB=y\n"                                        /* 1: any set value */
	        "CONFIG_MAGIC_SYSRQ=n\n"                                 /* 2: n is unset */
	        "# CONFIG_MAGIC_SYSRQ is not set\n"                      /* 3 */
	        "  CONFIG_MAGIC_SYSRQ=0x1\n"                             /* 4 */
	        "CONFIG_KGDB_SERIAL_CONSOLE=y\n"                         /* 5: other key */
	        "CONFIG_SECURE_FLASH_UART_BOOTLOADER_ALLOW_ENC=y\n"      /* 6 */
	        "CONFIG_SECURE_FLASH_UART_BOOTLOADER_ALLOW_CACHE=n\n"    /* 7 */
	        "# CONFIG_SECURE_FLASH_UART_BOOTLOADER_ALLOW_DEC is not set\n");
	static const struct expect want[] = {
		{ "debug-kernel", 1, 1 },
		{ "debug-kernel", 4, 3 },
		{ "uart-dl", 6, 47 },
	};
	assert_findings(&fx, want, ARRAY_LEN(want));
	fixture_free(&fx);
}

/* ---- config: BitBake ---- */

static void test_config_yocto_contains(void **state)
{
	(void)state;
	struct fixture fx;
	setup_pack(&fx, "rules:\n"
		   RULE("debug-tweaks", "", "      config:\n"
					    "        key: [EXTRA_IMAGE_FEATURES, IMAGE_FEATURES]\n"
					    "        contains: [debug-tweaks, empty-root-password]\n"));
	scan_as(&fx, "conf/local.conf", FK_YOCTO,
	        "EXTRA_IMAGE_FEATURES ?= \"debug-tweaks\"\n"                      /* 1 */
	        "# EXTRA_IMAGE_FEATURES = \"debug-tweaks\"\n"                     /* 2 */
	        "IMAGE_FEATURES += \"debug-tweaks-extra\"\n"                      /* 3 */
	        "IMAGE_FEATURES:append = \" tools-sdk empty-root-password\"\n"    /* 4 */
	        "EXTRA_IMAGE_FEATURES = \"a \\\n"                                 /* 5 */
	        "    debug-tweaks\"\n"                                            /* 6 */
	        "DISTRO_FEATURES += \"debug-tweaks\"\n"                           /* 7 */
	        "export IMAGE_FEATURES = \"ssh-server-dropbear debug-tweaks\"\n"  /* 8 */
	        "IMAGE_FEATURES:remove = \"debug-tweaks\"\n"                      /* 9: removal */
	        "do_install() {\n"
	        "    IMAGE_FEATURES=\"debug-tweaks\"\n"
	        "}\n");
	static const struct expect want[] = {
		{ "debug-tweaks", 1, 26 },
		{ "debug-tweaks", 4, 37 },
		{ "debug-tweaks", 6, 5 },
		{ "debug-tweaks", 8, 46 },
	};
	assert_findings(&fx, want, ARRAY_LEN(want));
	assert_int_equal(fx.out.v[0].end_col, 38);

	/* Kconfig syntax is not BitBake syntax: a yocto-only rule skips kconfig files. */
	fixture_free(&fx);
	setup_pack(&fx, "rules:\n"
		   RULE("yocto-only", "    applies-to: [yocto]\n",
			"      config:\n"
			"        key: IMAGE_FEATURES\n"
			"        contains: debug-tweaks\n"));
	scan_as(&fx, "prj.conf", FK_KCONFIG, "IMAGE_FEATURES=\"debug-tweaks\"\n");
	assert_findings(&fx, NULL, 0);
	scan_as(&fx, "x.bb", FK_YOCTO, "IMAGE_FEATURES=\"debug-tweaks\"\n");
	static const struct expect want2[] = { { "yocto-only", 1, 17 } };
	assert_findings(&fx, want2, ARRAY_LEN(want2));
	fixture_free(&fx);
}

static void test_config_value_and_contains(void **state)
{
	(void)state;
	struct fixture fx;
	setup_pack(&fx, "rules:\n"
		   RULE("users", "", "      config:\n"
				     "        key: EXTRA_USERS_PARAMS\n"
				     "        value: 'usermod'\n"
				     "        contains: ['-P']\n"));
	scan_as(&fx, "core-image.bb", FK_YOCTO,
	        "EXTRA_USERS_PARAMS = \"usermod -P root root;\"\n"
	        "EXTRA_USERS_PARAMS = \"useradd -P x y;\"\n"
	        "EXTRA_USERS_PARAMS = \"usermod -p HASH root;\"\n");
	static const struct expect want[] = { { "users", 1, 31 } };
	assert_findings(&fx, want, ARRAY_LEN(want));
	fixture_free(&fx);
}

/* ---- regex ---- */

static void test_regex_lines(void **state)
{
	(void)state;
	struct fixture fx;
	setup_pack(&fx, "rules:\n"
		   RULE("inittab-shell", "    applies-to: [rootfs]\n",
			"      regex:\n"
			"        pattern: '::respawn:-?/bin/(ba)?sh\\b'\n"
			"        exclude: '^\\s*#'\n")
		   RULE("empty-pw", "    applies-to: [rootfs]\n",
			"      regex: { pattern: 'permitemptypasswords\\s+yes', caseless: true }\n")
		   RULE("case-sensitive", "    applies-to: [rootfs]\n",
			"      regex: { pattern: 'permitemptypasswords' }\n"));
	scan_as(&fx, "etc/inittab", FK_ROOTFS,
	        "::sysinit:/etc/init.d/rcS\n"
	        "ttyS0::respawn:-/bin/sh\n"
	        "  # ::respawn:-/bin/sh\n"
	        "::respawn:/bin/bash ::respawn:/bin/sh\r\n"
	        "PermitEmptyPasswords yes\n"
	        "::respawn:/sbin/getty");
	static const struct expect want[] = {
		{ "inittab-shell", 2, 6 },
		{ "inittab-shell", 4, 1 },
		{ "empty-pw", 5, 1 },
	};
	assert_findings(&fx, want, ARRAY_LEN(want));
	assert_int_equal(fx.out.v[0].end_col, 24);
	assert_non_null(strstr(fx.out.v[0].message, "match=::respawn:-/bin/sh"));

	/* applies-to: rootfs only. */
	scan_as(&fx, "sdkconfig", FK_KCONFIG, "::respawn:-/bin/sh\n");
	assert_findings(&fx, NULL, 0);

	/* Binary data is skipped. */
	static const char bin[] = "\x7f" "ELF\0\0::respawn:-/bin/sh\n";
	scan_len(&fx, "etc/inittab", FK_ROOTFS, bin, sizeof bin - 1);
	assert_findings(&fx, NULL, 0);

	/* Empty file. */
	scan_as(&fx, "etc/inittab", FK_ROOTFS, "");
	assert_findings(&fx, NULL, 0);
	fixture_free(&fx);
}

static void test_regex_default_kinds(void **state)
{
	(void)state;
	struct fixture fx;
	setup_pack(&fx, "rules:\n"
		   RULE("todo", "", "      regex: { pattern: 'BACKDOOR' }\n"));
	scan_as(&fx, "Makefile", FK_MAKE, "all:\n\techo BACKDOOR\n");
	static const struct expect want[] = { { "todo", 2, 7 } };
	assert_findings(&fx, want, ARRAY_LEN(want));
	scan_as(&fx, "SECURITY.md", FK_DOC, "x BACKDOOR\n");
	static const struct expect want2[] = { { "todo", 1, 3 } };
	assert_findings(&fx, want2, ARRAY_LEN(want2));
	fixture_free(&fx);
}

/* list-last-item: inside a brace initializer, the list's last item (comments
 * and preprocessor lines left out, a trailing comma ignored) must match; a
 * match outside one (code, a function body, a #define) is not affected. */
static void test_regex_list_last_item(void **state)
{
	(void)state;
	struct fixture fx;
	setup_pack(&fx, "rules:\n"
		   RULE("weak-id", "    applies-to: [c-family]\n",
			"      regex:\n"
			"        pattern: '\\bWEAK_\\w+'\n"
			"        list-last-item: '^0$'\n"));
	scan_as(&fx, "suites.c", FK_C,
	        "static const int table[] = {\n"                  /* 1 */
	        "\tWEAK_A,\n"                                      /* 2: no, no 0 at the end */
	        "\tGOOD_B\n"
	        "};\n"
	        "static const int conf[] = {\n"                   /* 5 */
	        "\tGOOD_B, WEAK_C,\n"                              /* 6 */
	        "#if defined(X)\n"
	        "\tWEAK_D, /* \"}\" , */\n"                        /* 8 */
	        "#endif\n"
	        "\t0 /* end */,\n"
	        "};\n"
	        "struct m { const char *k; int ids[3]; } maps[] = {\n" /* 12 */
	        "\t{ \"x,}\", { WEAK_E, 0 } },\n"                  /* 13: inner list ends with 0 */
	        "\t{ \"y\", { WEAK_F, GOOD_B } },\n"               /* 14: no */
	        "};\n"
	        "int f(int id)\n"                                  /* 16 */
	        "{\n"
	        "\tif (id == WEAK_G) { return 1; }\n"              /* 18: not a list */
	        "\tint l[] = { 1, WEAK_H, 2 };\n"                  /* 19: no */
	        "\treturn l[0];\n"
	        "}\n"
	        "#define ONE WEAK_I\n"                             /* 22: not a list */
	        "static const int empty[] = { };\n"
	        "static const int open_list[] = { WEAK_J, 0\n");  /* 24: never closed */
	static const struct expect want[] = {
		{ "weak-id", 6, 10 }, { "weak-id", 8, 2 }, { "weak-id", 13, 13 },
		{ "weak-id", 18, 12 }, { "weak-id", 22, 13 }, { "weak-id", 24, 34 },
	};
	assert_findings(&fx, want, ARRAY_LEN(want));
	fixture_free(&fx);
}

/* ---- secrets ---- */

static void test_secret_masking(void **state)
{
	(void)state;
	struct fixture fx;
	setup_pack(&fx, "rules:\n"
		   RULE("kconfig-password", "    secret: true\n",
			"      config:\n"
			"        key-regex: 'PASSWORD$'\n"
			"        value: '.'\n")
		   RULE("psk-line", "    secret: true\n    applies-to: [rootfs, kconfig]\n",
			"      regex: { pattern: 'psk=\\S+' }\n"));
	scan_as(&fx, "sdkconfig", FK_KCONFIG,
	        "CONFIG_WIFI_PASSWORD=\"hunter2hunter2\"\n"
	        "CONFIG_AP_PASSWORD=\"\"\n"
	        "  psk=SuperSecretPSK123\n");
	static const struct expect want[] = { { "kconfig-password", 1, 23 }, { "psk-line", 3, 3 } };
	assert_findings(&fx, want, ARRAY_LEN(want));
	const struct finding *f = &fx.out.v[0];
	assert_non_null(f->snippet);
	assert_null(strstr(f->snippet, "hunter2hunter2"));
	assert_null(strstr(f->message, "hunter2hunter2"));
	assert_non_null(strstr(f->snippet, "CONFIG_WIFI_PASSWORD"));
	assert_non_null(strstr(f->message, "key=CONFIG_WIFI_PASSWORD"));
	f = &fx.out.v[1];
	assert_null(strstr(f->snippet, "SuperSecretPSK123"));
	assert_null(strstr(f->message, "SuperSecretPSK123"));
	assert_int_equal(f->end_col, 24);
	fixture_free(&fx);
}

/* ---- invalid parameters ---- */

static void assert_load_fails(const char *yaml)
{
	struct fixture fx;
	assert_int_equal(load_pack(&fx, yaml), -1);
	assert_true(fx.d.nerrors > 0);
	fixture_free(&fx);
}

static void test_bad_params(void **state)
{
	(void)state;
	assert_load_fails("rules:\n" RULE("both", "", "      config: { key: A, key-regex: 'B' }\n"));
	assert_load_fails("rules:\n" RULE("neither", "", "      config: { value: 'y' }\n"));
	assert_load_fails("rules:\n" RULE("bad-key-re", "", "      config: { key-regex: '(' }\n"));
	assert_load_fails("rules:\n" RULE("bad-value", "", "      config: { key: A, value: '[' }\n"));
	assert_load_fails("rules:\n" RULE("unset-value", "",
					  "      config: { key: A, unset: true, value: 'y' }\n"));
	assert_load_fails("rules:\n" RULE("bad-unset", "", "      config: { key: A, unset: maybe }\n"));
	assert_load_fails("rules:\n" RULE("bad-word", "", "      config: { key: A, contains: 'a b' }\n"));
	assert_load_fails("rules:\n" RULE("not-map", "", "      config: A\n"));
	assert_load_fails("rules:\n" RULE("no-pattern", "", "      regex: { exclude: 'x' }\n"));
	assert_load_fails("rules:\n" RULE("bad-pattern", "", "      regex: { pattern: 'a(' }\n"));
	assert_load_fails("rules:\n" RULE("bad-exclude", "", "      regex: { pattern: a, exclude: '*' }\n"));
	assert_load_fails("rules:\n" RULE("bad-caseless", "",
					  "      regex: { pattern: a, caseless: sometimes }\n"));
	assert_load_fails("rules:\n" RULE("bad-list-end", "",
					  "      regex: { pattern: a, list-last-item: '(' }\n"));
	assert_load_fails("rules:\n" RULE("unknown-key", "",
					  "      regex: { pattern: a, list-last: '^0$' }\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_kconfig_value),
		cmocka_unit_test(test_config_kconfig_unset),
		cmocka_unit_test(test_config_key_list_and_regex),
		cmocka_unit_test(test_config_yocto_contains),
		cmocka_unit_test(test_config_value_and_contains),
		cmocka_unit_test(test_regex_lines),
		cmocka_unit_test(test_regex_default_kinds),
		cmocka_unit_test(test_regex_list_last_item),
		cmocka_unit_test(test_secret_masking),
		cmocka_unit_test(test_bad_params),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
