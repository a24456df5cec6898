/* matcher.h - the matcher interface. Each matcher kind is one small module
 * (src/m_*.c) exporting one `const struct matcher_ops`, listed once in
 * matcher_table (src/matcher.c). The engine knows nothing of any kind.
 *
 * A rule's `match:` is a mapping with exactly one key, the matcher name,
 * whose value holds the matcher's parameters:
 *     match:
 *       call: { name: [strcpy], args: [...] }
 *
 * Ownership (vtable contract): compile() allocates *state, which the rule
 * owns and free() releases (free(NULL) is a no-op). When compile() fails,
 * *state is either left NULL or set to a partly built state that the caller
 * releases with free(). on_event/on_text borrow
 * everything they are given and report through match_report(). */
#ifndef ETSILINT_MATCHER_H
#define ETSILINT_MATCHER_H

#include <stddef.h>
#include "cmodel.h"
#include "kvparse.h"
#include "rule.h"
#include "step.h"
#include "textfile.h"
#include "yparam.h"

struct match_ctx; /* owned by the engine */

/* What a matcher reports. Template variables may be NULL. */
struct match_hit {
	unsigned line, col;         /* 1-based */
	unsigned end_line, end_col; /* 0: same as line / end of line */
	const char *callee;         /* {callee} */
	const char *name;           /* {name}   */
	const char *value;          /* {value}  (masked when the rule is secret) */
	const char *key;            /* {key}    */
	const char *match;          /* {match}  (masked when the rule is secret) */
	/* A secret's position, masked in the snippet: line, columns [col, end_col). */
	unsigned mask_line, mask_col, mask_end_col;
	int recovered;
	int no_snippet; /* a finding about the whole file: no source line to show
			 * (keeps its fingerprint stable when line 1 changes) */
	const struct flow_step *steps; /* data-flow path, borrowed (copied into the finding) */
	size_t nsteps;
};

void match_report(struct match_ctx *mc, const struct rule *r, const struct match_hit *h);
/* Repository matchers: report at a root-relative path (which may not exist,
 * e.g. a missing SECURITY.md); no snippet. */
void match_report_path(struct match_ctx *mc, const struct rule *r, const char *relpath,
		       const struct match_hit *h);
/* Absolute scan root (repository matchers). */
const char *match_root(struct match_ctx *mc);
/* The file being matched. */
const struct textfile *match_text(struct match_ctx *mc);
unsigned match_kind(struct match_ctx *mc);
/* The file's key/value model, parsed once on first use (Kconfig syntax for
 * FK_KCONFIG files, BitBake syntax for FK_YOCTO, Kconfig otherwise). */
const struct kvfile *match_kv(struct match_ctx *mc);
/* A PCRE2 match with the engine's limits; returns 1 match, 0 no match, -1 on
 * a match-limit error (reported once per rule and file). ovec gets [start,end). */
int match_regex(struct match_ctx *mc, const struct rule *r, void *code, const char *subj,
		size_t len, size_t start, size_t ovec[2]);

struct matcher_ops {
	const char *name;
	unsigned default_kinds; /* FK_* mask when the rule has no applies-to */
	unsigned cev_mask;      /* CEV_* kinds wanted; 0 for a text or repository matcher */
	int (*compile)(const struct yparam *params, void **state);
	void (*free)(void *state);
	void (*on_event)(const struct rule *r, const void *state, const struct cev *ev,
			 struct match_ctx *mc);
	void (*on_text)(const struct rule *r, const void *state, struct match_ctx *mc);
	/* Repository matchers (on_text and on_event NULL): once per scan. */
	void (*on_repo)(const struct rule *r, const void *state, struct match_ctx *mc);
};

extern const struct matcher_ops *const matcher_table[]; /* NULL-terminated */
const struct matcher_ops *matcher_find(const char *name);

/* Compile a PCRE2 pattern from rule parameter `key` of p (reports errors with
 * the pattern's line/column). Returns a pcre2_code_8 * or NULL; *absent=1 when
 * the key is missing and not required. */
void *matcher_regex_param(const struct yparam *p, const char *key, int required, int caseless,
			  int *absent);
/* Compile pattern pat (errors reported at the node `at`). */
void *matcher_regex_compile(const struct yparam *at, const char *pat, int caseless);
void matcher_regex_free(void *code);
/* 1 when subj matches code anywhere (no limit reporting; for short values). */
int matcher_regex_test(void *code, const char *subj, size_t len);

#endif
