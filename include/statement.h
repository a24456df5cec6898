/* statement.h - the manufacturer's conformance statement (an implementation
 * conformance statement, ICS), etsilint-statement.yaml at the scan root or
 * given with --statement:
 *
 *     product:                          # optional
 *       name: ACME environmental sensor
 *       version: 2.4.0
 *     provisions:
 *       "5.3-13":
 *         supported: yes                # yes | no | n.a.
 *         justification: Support period published on the product page.
 *         evidence: [https://acme-things.com/support-period]   # a string or a list
 *       "6-2":
 *         supported: n.a.
 *         justification: No personal data is processed on the basis of consent.
 *
 * Validation (each problem is an error with file:line:col; the load fails):
 * unknown keys; a key of `provisions` that is no EN 303 645 V2.1.1 provision
 * ID, or is given twice; `supported` missing or not yes / no / n.a.; n.a.
 * for a provision without a condition C(n) (mandatory or recommended: a
 * recommendation that is not followed is `no` with a justification, 4-1);
 * n.a. without a justification; `no` for a recommendation without a
 * justification (4-1 asks for one).
 *
 * Ownership: a struct statement owns its strings and entries; an entry
 * borrows its provision from provisions_table. */
#ifndef ETSILINT_STATEMENT_H
#define ETSILINT_STATEMENT_H

#include <stddef.h>
#include "diag.h"
#include "provisions.h"

#define STATEMENT_NAME "etsilint-statement.yaml"

enum stmt_support { STMT_YES = 1, STMT_NO, STMT_NA };

struct stmt_entry {
	const struct provision *prov; /* borrowed from provisions_table */
	enum stmt_support supported;
	char *justification;          /* NULL when absent */
	char **evidence;              /* links or paths; NULL-terminated, never NULL */
	size_t nevidence;
	unsigned line, col;           /* the provision's key in the file */
};

struct statement {
	char *path;                   /* as given (diagnostics, the report) */
	char *product_name;           /* NULL when absent */
	char *product_version;        /* NULL when absent */
	struct stmt_entry *v;         /* in file order */
	size_t n;
};

/* Load path into st (zeroed by the caller). Returns 0, or -1 with every
 * problem in d ("path:line:col: error: ..."); st is then still freed by the
 * caller. An empty file is a statement without entries. */
int statement_load(struct statement *st, const char *path, struct diag *d);
/* The same from memory (tests); name is used as the path. */
int statement_load_string(struct statement *st, const char *name, const char *text, size_t len,
			  struct diag *d);
void statement_free(struct statement *st);
/* The entry for a provision ID, or NULL. */
const struct stmt_entry *statement_find(const struct statement *st, const char *id);
/* "yes", "no", "n.a.". */
const char *statement_support_name(enum stmt_support s);

/* Helpers on a catalogue status (they belong with provisions.h; kept here
 * because the statement's validation is their first user). */
/* Does the provision apply only under a condition ("M C(1)", "R C(9,12)")? */
int statement_conditional(const struct provision *p);
/* Its condition numbers (at most max) into out; returns how many. */
size_t statement_conditions(const struct provision *p, unsigned *out, size_t max);
/* Is it mandatory ("M ...")? */
int statement_mandatory(const struct provision *p);

#endif
