/* yparam.h - read-only view of a YAML node of a rule file, for matchers
 * compiling their parameters. Every error is reported to the diag sink with
 * the rule file, line and column of the offending node.
 *
 * Ownership: a struct yparam borrows the parsed document; strings returned
 * are new copies owned by the caller. */
#ifndef ETSILINT_YPARAM_H
#define ETSILINT_YPARAM_H

#include <stddef.h>
#include "diag.h"

struct yparam {
	void *doc;         /* yaml_document_t * */
	void *node;        /* yaml_node_t *, NULL when absent */
	const char *file;  /* rule file, for diagnostics */
	const char *rule;  /* rule id, for diagnostics */
	struct diag *d;
};

/* Position of the node (1-based). */
unsigned yparam_line(const struct yparam *p);
unsigned yparam_col(const struct yparam *p);
int yparam_is_map(const struct yparam *p);
int yparam_is_seq(const struct yparam *p);
int yparam_is_scalar(const struct yparam *p);
size_t yparam_seq_len(const struct yparam *p);
/* Item i of a sequence. */
struct yparam yparam_seq_item(const struct yparam *p, size_t i);
/* Child of a mapping; ->node is NULL when the key is absent. */
struct yparam yparam_get(const struct yparam *p, const char *key);
/* Report every key of the mapping m that is not one of known[0..nknown), at
 * the key, as "unknown key 'K'" followed by suffix (e.g. " in 'taint'").
 * Returns 1 when some key was unknown, else 0. */
int yparam_unknown_keys(const struct yparam *m, const char *const *known, size_t nknown,
			const char *suffix);
/* The same, with the known keys listed after where: "unknown key 'x'WHERE
 * (known: a, b, c)". */
int yparam_unknown_keys_listed(const struct yparam *m, const char *const *known, size_t nknown,
			       const char *where);
/* Scalar text (borrowed) or NULL when not a scalar. */
const char *yparam_scalar(const struct yparam *p);

/* Typed accessors: return 0 on success, -1 after reporting an error
 * ("rule X: 'key' must be ..."). A missing key with required=0 returns 1
 * and leaves *out untouched. */
int yparam_str(const struct yparam *p, const char *key, int required, char **out);
int yparam_int(const struct yparam *p, const char *key, int required, long long *out);
int yparam_bool(const struct yparam *p, const char *key, int required, int *out);
/* A string or a list of strings. *out is a NULL-terminated new array. */
int yparam_strlist(const struct yparam *p, const char *key, int required, char ***out, size_t *n);
void yparam_strlist_free(char **list);
/* An integer or a list of integers. *out is a new array of *n items. */
int yparam_intlist(const struct yparam *p, const char *key, int required, long long **out, size_t *n);
/* Report an error at p's node: "file:line:col: rule ID: message". */
void yparam_error(const struct yparam *p, const char *fmt, ...) UTIL_PRINTF(2, 3);

/* Report a libyaml parser error (parser: the yaml_parser_t that failed) as
 * "file:line:col: error: YAML syntax error: ...". */
void yparam_syntax_error(struct diag *d, const char *file, const char *text, size_t len,
			 const void *parser);

/* Parse the first YAML document of text and call fn with its root (not for
 * an empty document: 0 is returned). Syntax errors are reported with
 * name:line:col and give -1; otherwise fn's result. */
int yparam_load(const char *name, const char *text, size_t len, struct diag *d,
		int (*fn)(const struct yparam *top, void *ctx), void *ctx);

#endif
