/* baseline.h - the baseline file: the findings of an accepted state of a
 * tree, so that later scans report and fail only on new findings
 * (--write-baseline FILE, --baseline FILE).
 *
 * The file is JSON, sorted, one entry per finding (suppressed findings are
 * not written: they are accepted by their comment already):
 *
 *     { "tool": "etsilint", "baselineVersion": 1,
 *       "findings": [ { "rule": "gets-call", "path": "src/a.c",
 *                       "fingerprint": "0123456789abcdef" } ] }
 *
 * Entries are sorted by (path, rule, fingerprint) without duplicates, so the
 * file diffs well under version control. A finding is in the baseline when
 * its rule id, path (relative to the scan root) and fingerprint (finding.h)
 * equal an entry's; fingerprints hold no line number, so a baseline survives
 * unrelated edits and moved code.
 *
 * Ownership: baseline_load returns a new struct baseline, released by
 * baseline_free (which accepts NULL); everything passed in is borrowed. */
#ifndef ETSILINT_BASELINE_H
#define ETSILINT_BASELINE_H

#include <stddef.h>
#include "diag.h"
#include "finding.h"

#define BASELINE_VERSION 1

struct baseline;

/* Read and validate a baseline file. Returns 0 and *out, or -1 with an error
 * in d: "path: cannot read", or "path:line:col: malformed baseline: ..."
 * (line and column where the JSON text goes wrong, 0 for a structural
 * problem, which names the entry). */
int baseline_load(const char *path, struct baseline **out, struct diag *d);
/* Parse a baseline from memory (tests); name is used in diagnostics. */
int baseline_load_string(const char *name, const char *text, size_t len, struct baseline **out,
			 struct diag *d);
void baseline_free(struct baseline *b);
/* Number of entries. */
size_t baseline_size(const struct baseline *b);
/* Set every finding's baseline state to BASELINE_UNCHANGED or BASELINE_NEW.
 * Returns the number of unchanged findings. */
size_t baseline_apply(const struct baseline *b, struct findings *fs);
/* Write the unsuppressed findings of fs as a baseline file. Returns 0, or -1
 * with an error in d. */
int baseline_write(const char *path, const struct findings *fs, struct diag *d);

#endif
