/* suppress.h - inline suppressions: comments in a scanned file that silence
 * named rules on a line or in the whole file.
 *
 *     gets(buf);  // etsilint-ignore gets-call: reads a fixed-size test vector
 *     // etsilint-ignore rule-a, rule-b: reason      (also in a block comment)
 *     # etsilint-ignore-file esp-jtag-allowed: development board only
 *
 * Comments are C-style (line comments, and block comments, which may span
 * lines) in C-family and device-tree files, `#` (outside double quotes) in
 * every other kind; string literals are skipped. A
 * suppression covers its own line; on a comment-only line it also covers the
 * comment-only lines after it and the first line after them that is not
 * comment-only (so it may stand on the line above the code, and several may be
 * stacked). `etsilint-ignore-file` covers the whole file wherever it stands.
 * Rule ids are matched exactly and may be comma-separated; the reason after
 * ':' is required: a suppression without one (or a malformed one) suppresses
 * nothing, and the data rule `suppression-without-reason` (rules/meta.yaml)
 * reports the comment.
 *
 * Suppressed findings are kept, marked `suppressed` with the reason as
 * their `justification` (finding.h).
 *
 * Ownership: a struct suppressions owns its entries and their strings;
 * suppress_free releases them (and accepts an empty table). Everything
 * passed in is borrowed. */
#ifndef ETSILINT_SUPPRESS_H
#define ETSILINT_SUPPRESS_H

#include <stddef.h>
#include "finding.h"
#include "textfile.h"

struct suppression {
	char *rule;    /* the rule id named */
	char *reason;  /* the text after ':', trimmed; NULL when missing: suppresses nothing */
	unsigned line; /* 1-based line of the comment */
	unsigned last; /* last line covered (see above) */
	int file;      /* etsilint-ignore-file: every line */
};

struct suppressions {
	struct suppression *v; /* in file order */
	size_t n, cap;
};

/* Parse the suppression comments of a file of kind `kind` (FK_*) into out
 * (zero-initialised by the caller). Files without the text "etsilint-ignore"
 * cost one memmem. */
void suppress_parse(const struct textfile *tf, unsigned kind, struct suppressions *out);
/* The reason of a suppression (with a reason) of `rule` covering `line`, or
 * NULL. Borrowed from s. */
const char *suppress_lookup(const struct suppressions *s, const char *rule, unsigned line);
/* Mark fs->v[from..n) suppressed where s covers them (justification copied).
 * Returns how many were marked. */
size_t suppress_apply(const struct suppressions *s, struct findings *fs, size_t from);
void suppress_free(struct suppressions *s);

#endif
