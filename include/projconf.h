/* projconf.h - the project configuration file, .etsilint.yaml at the root
 * of a repository (found by walking up from the scan root):
 *
 *     rules: [rules/, extra-rules.yaml]   # rule files or folders (relative to the file)
 *     enable: [5.5, 5.4-3, tls-verify-disabled-openssl]   # only these (ids, provisions, areas)
 *     disable: [zephyr-shell-release]     # never these (ids, provisions, areas)
 *     severity: { cleartext-url: low }    # severity overrides
 *     exclude: ["third_party/"]           # like --exclude
 *     include: [components/sdk/include]   # like -I (relative to the file)
 *     define: [CONFIG_FOO=1]              # like -D
 *     fail-on: high                       # like --fail-on
 *
 * The command line wins: --rules replaces `rules`, --fail-on replaces
 * `fail-on`; excludes, include folders and defines add up.
 *
 * Ownership: a struct projconf owns all its strings. */
#ifndef ETSILINT_PROJCONF_H
#define ETSILINT_PROJCONF_H

#include "diag.h"
#include "rule.h"
#include "util.h"

#define PROJCONF_NAME ".etsilint.yaml"

struct projconf_severity {
	char *id;
	enum severity sev;
	unsigned line, col;
};

struct projconf {
	char *path;            /* the file, or NULL when none was found */
	struct strvec rules;   /* absolute or relative to the current directory */
	struct strvec enable, disable, excludes, cflags;
	struct projconf_severity *sev;
	size_t nsev;
	int has_fail_on;
	int fail_on;           /* enum severity, or -1 for "none" */
};

/* The nearest .etsilint.yaml in dir or one of its parents; new string or NULL. */
char *projconf_find(const char *dir);
/* Load path into pc (zeroed by the caller). Errors name file:line:col; -1. */
int projconf_load(struct projconf *pc, const char *path, struct diag *d);
void projconf_free(struct projconf *pc);
/* Apply enable/disable/severity to pack. A severity override naming no rule
 * of the pack, or an enable/disable entry that selects nothing, is an error. */
int projconf_apply(const struct projconf *pc, struct rulepack *pack, struct diag *d);

#endif
