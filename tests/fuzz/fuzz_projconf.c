/* fuzz_projconf.c - the .etsilint.yaml loader. projconf_load reads a file,
 * so the input is written to one temporary file (created once per process
 * in $TMPDIR, removed at exit) and loaded from there; a configuration that
 * loads is then applied to a small rule pack loaded from a string, which
 * exercises enable/disable/severity selection and rulepack_retain. */
#include "fuzz.h"

#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "projconf.h"
#include "rule.h"
#include "util.h"

static char tmpdir[256];
static char *conf_path;

/* Three rules in two areas (5.5, 5.6) with shared and distinct provisions. */
static const char pack_yaml[] =
	"rules:\n"
	"  - id: debug-uart\n"
	"    title: Debug UART enabled\n"
	"    message: '{key}={value}'\n"
	"    severity: medium\n"
	"    provisions: [5.6-4]\n"
	"    cwe: [1191]\n"
	"    remediation: Disable it.\n"
	"    match:\n"
	"      config: { key: CONFIG_UART_CONSOLE, value: '^y$' }\n"
	"  - id: tls-verify-off\n"
	"    title: TLS verification off\n"
	"    message: '{key}={value}'\n"
	"    severity: high\n"
	"    provisions: [5.5-1, 5.6-4]\n"
	"    cwe: [295]\n"
	"    remediation: Verify peers.\n"
	"    match:\n"
	"      config: { key: CONFIG_TLS_VERIFY, unset: true }\n"
	"  - id: weak-hash.md5\n"
	"    title: MD5 used\n"
	"    message: '{match}'\n"
	"    severity: low\n"
	"    provisions: [5.5-1]\n"
	"    cwe: [327]\n"
	"    remediation: Use SHA-256.\n"
	"    match:\n"
	"      regex: { pattern: 'md5' }\n";

static void cleanup(void)
{
	if (conf_path) {
		unlink(conf_path);
		free(conf_path);
		conf_path = NULL;
	}
	if (tmpdir[0])
		rmdir(tmpdir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *t = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/etsilint-fuzz-projconf.XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir)) {
		perror("fuzz_projconf: mkdtemp");
		exit(1);
	}
	conf_path = path_join(tmpdir, PROJCONF_NAME);
	atexit(cleanup);
	/* The pack must load, or every later failure would be meaningless. */
	struct rulepack pack = {0};
	struct diag d;
	diag_init(&d);
	if (rulepack_load_string(&pack, "fuzz-pack.yaml", pack_yaml, strlen(pack_yaml), &d) != 0) {
		diag_print(&d, stderr, "fuzz_projconf");
		exit(1);
	}
	rulepack_free(&pack);
	diag_free(&d);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fopen(conf_path, "wb");
	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
		perror(conf_path);
		abort();
	}
	struct projconf pc = {0};
	struct diag d;
	diag_init(&d);
	int rc = projconf_load(&pc, conf_path, &d);
	if (rc == 0) {
		FUZZ_CHECK(pc.path && strcmp(pc.path, conf_path) == 0, "path not recorded");
		for (size_t i = 0; i < pc.nsev; i++)
			FUZZ_CHECK(pc.sev[i].id && pc.sev[i].sev <= SEV_CRITICAL, "severity %zu", i);
		struct rulepack pack = {0};
		rulepack_load_string(&pack, "fuzz-pack.yaml", pack_yaml, strlen(pack_yaml), &d);
		size_t before = pack.n;
		if (projconf_apply(&pc, &pack, &d) == 0) {
			FUZZ_CHECK(pack.n <= before, "apply added rules");
			for (size_t i = 0; i < pack.n; i++)
				FUZZ_CHECK(pack.rules[i]->index == i, "index %zu after retain", i);
		}
		rulepack_free(&pack);
	} else {
		FUZZ_CHECK(d.nerrors > 0, "load failed without an error");
	}
	projconf_free(&pc);
	diag_free(&d);
	return 0;
}
