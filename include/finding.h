/* finding.h - findings and their deterministic order.
 *
 * Ownership: a struct findings owns its findings and their strings; a finding
 * borrows its rule from the rule pack. */
#ifndef ETSILINT_FINDING_H
#define ETSILINT_FINDING_H

#include <stddef.h>
#include "rule.h"
#include "step.h"

/* A finding compared with a baseline (--baseline; see baseline.h). */
enum baseline_state {
	BASELINE_NONE,      /* no baseline given */
	BASELINE_NEW,       /* not in the baseline: reported, counts for the exit status */
	BASELINE_UNCHANGED, /* in the baseline: kept in JSON and SARIF only */
};

struct finding {
	const struct rule *rule;
	char *path;        /* as walked (relative to the current directory when given so) */
	char *relpath;     /* relative to the scan root, '/' separated */
	unsigned line, col, end_line, end_col; /* 1-based; end is inclusive line, exclusive col */
	char *message;     /* expanded, secrets masked */
	char *snippet;     /* the source line, trimmed, secrets masked; may be "" */
	char fingerprint[17]; /* 16 hex digits; see finding_fingerprint */
	int recovered;     /* reported from a region recovered from a broken parse */
	int suppressed;    /* silenced by an etsilint-ignore comment (suppress.h) */
	char *justification; /* that comment's reason when suppressed, else NULL */
	enum baseline_state baseline;
	struct flow_step *steps; /* data-flow path (source ... sink), owned; NULL when none */
	size_t nsteps;
};

struct findings {
	struct finding *v;
	size_t n, cap;
};

/* Append a copy of f (strings, justification and steps included, are copied). */
void findings_add(struct findings *fs, const struct finding *f);
/* Move all of src's findings into dst; src is left empty. */
void findings_move(struct findings *dst, struct findings *src);
/* Sort by (relpath, line, col, rule id), drop exact duplicates (same rule,
 * file, line, col), then compute fingerprints. */
void findings_finish(struct findings *fs);
void findings_free(struct findings *fs);
/* Is f reported as a finding of this run: neither suppressed nor in the
 * baseline? Only such findings are printed in text and count for the exit
 * status; JSON and SARIF list every finding with its state. */
int finding_is_reported(const struct finding *f);
/* Count the reported findings whose severity is >= min. */
size_t findings_count_at_least(const struct findings *fs, enum severity min);

/* Fingerprint = hash(rule id, relpath, snippet with whitespace removed,
 * occurrence index of that triple in the file). It has no line number, so it
 * does not change when unrelated lines are inserted or deleted, when the line
 * is re-indented, or when the code moves within its file (as long as lines
 * with the same text and rule keep their relative order). Computed by
 * findings_finish. */

/* Mask a secret: keep the first 2 and last 1 characters when len >= 8,
 * else all stars. New string. */
char *finding_mask_secret(const char *s, size_t len);

#endif
