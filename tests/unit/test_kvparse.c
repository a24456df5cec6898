/* test_kvparse.c - Kconfig and BitBake key/value parsing. */
#include "testutil.h"

#include "kvparse.h"
#include "textfile.h"
#include "util.h"

struct parsed {
	struct textfile *tf;
	struct kvfile kv;
};

static void parse(struct parsed *p, const char *text, enum kv_syntax syn)
{
	size_t len = strlen(text);
	p->tf = textfile_new(xstrndup(text, len), len);
	kvparse(p->tf, syn, &p->kv);
}

static void parsed_free(struct parsed *p)
{
	kvfile_free(&p->kv);
	textfile_free(p->tf);
}

static void assert_entry(const struct kventry *e, const char *key, const char *op, const char *value,
			 unsigned line, unsigned key_col, unsigned value_col)
{
	assert_int_equal(e->key_len, strlen(key));
	assert_memory_equal(e->key, key, e->key_len);
	assert_string_equal(e->op, op);
	assert_int_equal(e->value_len, strlen(value));
	assert_memory_equal(e->value, value, e->value_len);
	assert_int_equal(e->line, line);
	assert_int_equal(e->key_col, key_col);
	assert_int_equal(e->value_col, value_col);
}

static void test_kconfig_basic(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p,
	      "#\n"
	      "# Automatically generated file; DO NOT EDIT.\n"
	      "CONFIG_SECURE_BOOT=y\n"
	      "\n"
	      "# CONFIG_SECURE_BOOT_ALLOW_JTAG is not set\n"
	      "  CONFIG_LOG_LEVEL=4\n"
	      "CONFIG_WIFI_PASSWORD=\"s3cr\\\"et\"\n"
	      "CONFIG_EMPTY=\"\"\n"
	      "CONFIG_BARE=\n"
	      "CONFIG_SPACED = y  \n"
	      "# a comment CONFIG_NOT_A_KEY=y\n"
	      "# CONFIG_ALMOST is not set, really\n"
	      "garbage line\n",
	      KV_KCONFIG);
	assert_int_equal(p.kv.n, 7);
	assert_entry(&p.kv.v[0], "CONFIG_SECURE_BOOT", "=", "y", 3, 1, 20);
	assert_false(p.kv.v[0].unset);
	assert_entry(&p.kv.v[1], "CONFIG_SECURE_BOOT_ALLOW_JTAG", "is not set", "n", 5, 3, 3);
	assert_true(p.kv.v[1].unset);
	assert_entry(&p.kv.v[2], "CONFIG_LOG_LEVEL", "=", "4", 6, 3, 20);
	assert_entry(&p.kv.v[3], "CONFIG_WIFI_PASSWORD", "=", "s3cr\\\"et", 7, 1, 23);
	assert_entry(&p.kv.v[4], "CONFIG_EMPTY", "=", "", 8, 1, 15);
	assert_entry(&p.kv.v[5], "CONFIG_BARE", "=", "", 9, 1, 13);
	assert_entry(&p.kv.v[6], "CONFIG_SPACED", "=", "y", 10, 1, 17);
	parsed_free(&p);
}

static void test_kconfig_crlf_no_newline(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p, "A=y\r\n# B is not set\r\nC=\"x y\"", KV_KCONFIG);
	assert_int_equal(p.kv.n, 3);
	assert_entry(&p.kv.v[0], "A", "=", "y", 1, 1, 3);
	assert_entry(&p.kv.v[1], "B", "is not set", "n", 2, 3, 3);
	assert_true(p.kv.v[1].unset);
	assert_entry(&p.kv.v[2], "C", "=", "x y", 3, 1, 4);
	parsed_free(&p);
}

/* Trailing comments: the loaders read a bool's first character (kconfiglib
 * and the C one alike) and ignore what follows "is not set". */
static void test_kconfig_trailing_comment(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p,
	      "CONFIG_SECURE_BOOT_ALLOW_JTAG=y    # kept for the field-return lab\n"
	      "# CONFIG_FIT_SIGNATURE is not set   # see README\n"
	      "CONFIG_NAME=\"a # b\"  # note\n"
	      "CONFIG_PATH=/x#y\n"
	      "CONFIG_N=3# no blank before the hash\n",
	      KV_KCONFIG);
	assert_int_equal(p.kv.n, 5);
	assert_entry(&p.kv.v[0], "CONFIG_SECURE_BOOT_ALLOW_JTAG", "=", "y", 1, 1, 31);
	assert_entry(&p.kv.v[1], "CONFIG_FIT_SIGNATURE", "is not set", "n", 2, 3, 3);
	assert_true(p.kv.v[1].unset);
	assert_entry(&p.kv.v[2], "CONFIG_NAME", "=", "a # b", 3, 1, 14);
	assert_entry(&p.kv.v[3], "CONFIG_PATH", "=", "/x#y", 4, 1, 13);
	assert_entry(&p.kv.v[4], "CONFIG_N", "=", "3# no blank before the hash", 5, 1, 10);
	parsed_free(&p);
}

static void test_kconfig_unterminated_and_empty(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p, "K=\"open  \n", KV_KCONFIG);
	assert_int_equal(p.kv.n, 1);
	assert_entry(&p.kv.v[0], "K", "=", "open", 1, 1, 4);
	parsed_free(&p);

	parse(&p, "", KV_KCONFIG);
	assert_int_equal(p.kv.n, 0);
	parsed_free(&p);
	parse(&p, "", KV_BITBAKE);
	assert_int_equal(p.kv.n, 0);
	parsed_free(&p);
	kvfile_free(NULL);
}

static void test_bitbake_operators(void **state)
{
	(void)state;
	struct parsed p;
	/* "?\?=" avoids the ??= trigraph. */
	parse(&p,
	      "A = \"1\"\n"
	      "B ?= \"2\"\n"
	      "C ?\?= \"3\"\n"
	      "D := \"4\"\n"
	      "E += \"5\"\n"
	      "F =+ \"6\"\n"
	      "G .= \"7\"\n"
	      "H =. \"8\"\n"
	      "I='9'\n"
	      "J?=\"10\"\n"
	      "export K = \"11\"\n"
	      "\tL = \"it's\"\n",
	      KV_BITBAKE);
	assert_int_equal(p.kv.n, 12);
	assert_entry(&p.kv.v[0], "A", "=", "1", 1, 1, 6);
	assert_entry(&p.kv.v[1], "B", "?=", "2", 2, 1, 7);
	assert_entry(&p.kv.v[2], "C", "?\?=", "3", 3, 1, 8);
	assert_entry(&p.kv.v[3], "D", ":=", "4", 4, 1, 7);
	assert_entry(&p.kv.v[4], "E", "+=", "5", 5, 1, 7);
	assert_entry(&p.kv.v[5], "F", "=+", "6", 6, 1, 7);
	assert_entry(&p.kv.v[6], "G", ".=", "7", 7, 1, 7);
	assert_entry(&p.kv.v[7], "H", "=.", "8", 8, 1, 7);
	assert_entry(&p.kv.v[8], "I", "=", "9", 9, 1, 4);
	assert_entry(&p.kv.v[9], "J", "?=", "10", 10, 1, 5);
	assert_entry(&p.kv.v[10], "K", "=", "11", 11, 8, 13);
	assert_entry(&p.kv.v[11], "L", "=", "it's", 12, 2, 7);
	for (size_t i = 0; i < p.kv.n; i++)
		assert_false(p.kv.v[i].unset);
	parsed_free(&p);
}

static void test_bitbake_overrides(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p,
	      "EXTRA_IMAGE_FEATURES:append = \" debug-tweaks\"\n"
	      "IMAGE_FEATURES_append = \" tools-debug\"\n"
	      "DISTRO_FEATURES:remove = \"x11\"\n"
	      "IMAGE_INSTALL:prepend = \"a \"\n"
	      "SRC_URI:pn-foo = \"file://x\"\n"
	      "RDEPENDS:${PN}:append:class-target = \" bash\"\n"
	      "RDEPENDS_${PN}_append = \" sh\"\n"
	      "FILES:${PN}-dev += \"/usr/include\"\n"
	      "SRC_URI[sha256sum] = \"abc\"\n"
	      "PREFERRED_VERSION_python3.8 = \"3.8%\"\n",
	      KV_BITBAKE);
	assert_int_equal(p.kv.n, 10);
	assert_entry(&p.kv.v[0], "EXTRA_IMAGE_FEATURES", ":append", " debug-tweaks", 1, 1, 32);
	assert_entry(&p.kv.v[1], "IMAGE_FEATURES", ":append", " tools-debug", 2, 1, 26);
	assert_entry(&p.kv.v[2], "DISTRO_FEATURES", ":remove", "x11", 3, 1, 27);
	assert_entry(&p.kv.v[3], "IMAGE_INSTALL", ":prepend", "a ", 4, 1, 26);
	assert_entry(&p.kv.v[4], "SRC_URI", "=", "file://x", 5, 1, 19);
	assert_entry(&p.kv.v[5], "RDEPENDS", ":append", " bash", 6, 1, 39);
	assert_entry(&p.kv.v[6], "RDEPENDS_${PN}", ":append", " sh", 7, 1, 26);
	assert_entry(&p.kv.v[7], "FILES", "+=", "/usr/include", 8, 1, 21);
	assert_entry(&p.kv.v[8], "SRC_URI[sha256sum]", "=", "abc", 9, 1, 23);
	assert_entry(&p.kv.v[9], "PREFERRED_VERSION_python3.8", "=", "3.8%", 10, 1, 32);
	parsed_free(&p);
}

static void test_bitbake_continuation(void **state)
{
	(void)state;
	struct parsed p;
	const char *text =
		"SRC_URI = \"file://a.patch \\\n"
		"           file://b.patch \\\n"
		"\"\n"
		"NEXT = \"1\"\n"
		"IMAGE_FEATURES += \\\r\n"
		"    \"debug-tweaks\"\r\n"
		"LAST = \"z\"";
	parse(&p, text, KV_BITBAKE);
	assert_int_equal(p.kv.n, 4);
	assert_entry(&p.kv.v[0], "SRC_URI", "=",
		     "file://a.patch \\\n           file://b.patch \\\n", 1, 1, 12);
	assert_entry(&p.kv.v[1], "NEXT", "=", "1", 4, 1, 9);
	/* The value starts on the next physical line: value_col is on that line. */
	assert_entry(&p.kv.v[2], "IMAGE_FEATURES", "+=", "debug-tweaks", 5, 1, 6);
	assert_ptr_equal(p.kv.v[2].value, strstr(p.tf->data, "debug-tweaks"));
	assert_entry(&p.kv.v[3], "LAST", "=", "z", 7, 1, 9);
	parsed_free(&p);
}

static void test_bitbake_skipped(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p,
	      "# IMAGE_FEATURES += \"debug-tweaks\"\n"
	      "inherit core-image\n"
	      "require recipes-core/images/core-image-minimal.bb\n"
	      "export PATH\n"
	      "do_install() {\n"
	      "    FOO = \"bar\"\n"
	      "    install -d ${D}${bindir}\n"
	      "}\n"
	      "python __anonymous () {\n"
	      "    X = \"y\"\n"
	      "}\n"
	      "def helper(d):\n"
	      "    Y = \"z\"\n"
	      "\n"
	      "    return Y\n"
	      "AFTER = \"ok\"\n"
	      "addtask do_x after do_y\n",
	      KV_BITBAKE);
	assert_int_equal(p.kv.n, 1);
	assert_entry(&p.kv.v[0], "AFTER", "=", "ok", 16, 1, 10);
	parsed_free(&p);
}

static void test_bitbake_bom_and_columns(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p, "\xef\xbb\xbf" "A = \"x\"\n  B  +=   \"yy\" \n", KV_BITBAKE);
	assert_int_equal(p.kv.n, 2);
	assert_entry(&p.kv.v[0], "A", "=", "x", 1, 1, 6);
	assert_entry(&p.kv.v[1], "B", "+=", "yy", 2, 3, 12);
	parsed_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kconfig_basic),
		cmocka_unit_test(test_kconfig_crlf_no_newline),
		cmocka_unit_test(test_kconfig_trailing_comment),
		cmocka_unit_test(test_kconfig_unterminated_and_empty),
		cmocka_unit_test(test_bitbake_operators),
		cmocka_unit_test(test_bitbake_overrides),
		cmocka_unit_test(test_bitbake_continuation),
		cmocka_unit_test(test_bitbake_skipped),
		cmocka_unit_test(test_bitbake_bom_and_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
