/* rule.h - the loaded, read-only rule pack.
 *
 * Ownership: a struct rulepack owns its rules and everything they point to,
 * including each rule's compiled matcher state. Borrowed by everything else. */
#ifndef ETSILINT_RULE_H
#define ETSILINT_RULE_H

#include <stddef.h>
#include <stdint.h>
#include "diag.h"

enum severity { SEV_INFO, SEV_LOW, SEV_MEDIUM, SEV_HIGH, SEV_CRITICAL };
const char *severity_name(enum severity s);
/* Returns 0 and sets *out, or -1 for an unknown name. */
int severity_parse(const char *name, enum severity *out);

struct matcher_ops;

struct rule {
	char *id;
	char *title;
	char *message;       /* template: {callee} {name} {value} {key} {match} */
	char *description;   /* optional; defaults to title */
	char *remediation;
	char *precision;     /* "high" | "medium" | "low"; NULL: unspecified */
	enum severity severity;
	char **provisions;   size_t nprovisions;
	unsigned *cwe;       size_t ncwe;
	char **references;   size_t nreferences;
	unsigned kinds;      /* FK_* mask from applies-to (or the matcher's default) */
	int secret;          /* values are secrets: mask them in every output */
	char **path_include; /* paths.include globs (NULL-terminated) or NULL: all */
	char **path_exclude; /* paths.exclude globs (NULL-terminated) or NULL */
	char **tree_markers; /* paths.exclude-trees: marker files (NULL-terminated) or NULL */
	char **tree_dirs;    /* the folders holding a marker in the bound file list
			      * (rulepack_bind_files; "" the scan root), sorted, or NULL */
	const struct matcher_ops *ops;
	void *mstate;        /* compiled matcher parameters, owned */
	char *file;          /* rule file it came from */
	unsigned line;       /* line of the rule in that file */
	size_t index;        /* position in the pack (sorted by id) */
};

struct rulepack {
	struct rule **rules; /* sorted by id */
	size_t n;
	uint64_t hash;       /* content hash of every loaded rule file */
};

/* Load every path (a YAML file, or a directory whose *.yaml / *.yml files are
 * loaded in name order). Errors go to d with file:line:col; returns 0 when
 * the pack is complete and valid, -1 otherwise (pack still freed by caller). */
int rulepack_load(struct rulepack *pack, const char *const *paths, size_t npaths, struct diag *d);
/* Load from a string (tests, fuzzing). name is used in diagnostics. */
int rulepack_load_string(struct rulepack *pack, const char *name, const char *text, size_t len,
			 struct diag *d);
void rulepack_free(struct rulepack *pack);
/* Keep only rules[i] with keep[i] != 0 (the others are freed); re-index. */
void rulepack_retain(struct rulepack *pack, const char *keep);
const struct rule *rulepack_find(const struct rulepack *pack, const char *id);
/* Does the rule's paths.include / paths.exclude admit this root-relative path?
 * A glob matches the whole relative path or the file's base name. A path in a
 * folder found by rulepack_bind_files for the rule's paths.exclude-trees (or
 * under one) is not admitted either. */
int rule_applies_to_path(const struct rule *r, const char *relpath);
/* paths.exclude-trees: find, among the root-relative paths of the files a
 * scan walked (all of them, before any sharding), the folders that hold one
 * of a rule's marker files at its relative path ("library/ssl_tls.c": the
 * folder of library/); those folders and everything under them are not
 * checked by the rule. The folders found are mixed into pack->hash (results
 * cache key). Call once, after loading and before scanning. */
void rulepack_bind_files(struct rulepack *pack, const char *const *relpaths, size_t n);

#endif
