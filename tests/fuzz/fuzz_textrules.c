/* fuzz_textrules.c - the text matchers (config, regex, assign, absent ...)
 * through engine_scan_buffer with the real rule pack, loaded once from
 * rules/ ($ETSILINT_RULES overrides) in LLVMFuzzerInitialize.
 *
 * Input: byte 0 picks the file kind (and, with its upper bits, a path that
 * the rules' paths.include globs select); the rest is the file. C and C++
 * are left out: a libclang parse per input is far too slow for fuzzing. */
#include "fuzz.h"

#include <string.h>

#include "classify.h"
#include "diag.h"
#include "engine.h"
#include "finding.h"
#include "rule.h"
#include "util.h"

static struct rulepack pack;

static const struct kind_paths {
	unsigned kind;
	const char *paths[4];
} kinds[] = {
	{FK_KCONFIG, {"prj.conf", "sdkconfig.defaults.release", "configs/board_defconfig", ".config"}},
	{FK_YOCTO, {"conf/local.conf", "recipes-core/images/image.bb", "conf/distro/prod.conf", "layer.conf"}},
	{FK_DTS, {"boards/board.dts", "app_release.overlay", "board.dtsi", "prod.overlay"}},
	{FK_ROOTFS, {"etc/shadow", "etc/passwd", "etc/ssh/sshd_config", "etc/inittab"}},
	{FK_MAKE, {"Makefile", "build/rules.mk", "Kbuild", "GNUmakefile"}},
	{FK_CMAKE, {"CMakeLists.txt", "cmake/release.cmake", "CMakeLists.txt", "toolchain.cmake"}},
	{FK_DOC, {"SECURITY.md", "security.txt", "SECURITY.rst", "docs/SECURITY.md"}},
	{FK_KEY, {"certs/server.key", "ca.pem", "id_rsa", "device.crt"}},
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *dir = getenv("ETSILINT_RULES");
	const char *paths[] = {dir && *dir ? dir : "rules"};
	struct diag d;
	diag_init(&d);
	if (rulepack_load(&pack, paths, 1, &d) != 0 || pack.n == 0) {
		diag_print(&d, stderr, "fuzz_textrules");
		fprintf(stderr, "fuzz_textrules: cannot load the rule pack from %s "
				"(run from the source root or set ETSILINT_RULES)\n", paths[0]);
		exit(1);
	}
	diag_free(&d);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const struct kind_paths *k = &kinds[data[0] % ARRAY_LEN(kinds)];
	const char *path = k->paths[(data[0] / ARRAY_LEN(kinds)) % ARRAY_LEN(k->paths)];
	struct findings out = {0};
	struct diag d;
	diag_init(&d);
	engine_scan_buffer(&pack, path, k->kind, (const char *)data + 1, size - 1, NULL, &out, &d);
	findings_finish(&out);
	for (size_t i = 0; i < out.n; i++) {
		const struct finding *f = &out.v[i];
		FUZZ_CHECK(f->rule && f->path && f->message && f->snippet, "finding %zu incomplete", i);
		FUZZ_CHECK(strlen(f->fingerprint) == 16, "finding %zu: fingerprint '%s'", i, f->fingerprint);
		FUZZ_CHECK(f->rule->kinds & k->kind, "rule %s reported on kind %#x", f->rule->id, k->kind);
	}
	findings_free(&out);
	diag_free(&d);
	return 0;
}
