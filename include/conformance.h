/* conformance.h - the conformance report (`etsilint report`): every provision
 * of ETSI EN 303 645 V2.1.1 with a status derived from a scan's findings and
 * the manufacturer's statement (statement.h), written as Markdown, HTML or
 * JSON (docs/report-format.md).
 *
 * Status of a provision, the first that holds:
 *   contradicted     a finding of severity low or higher names it (not
 *                    suppressed; findings in a baseline count: a baseline
 *                    accepts them for CI, not for conformance); a statement
 *                    "yes" or "n.a." does not change that, the conflict is noted
 *   not met          the statement says no
 *   not applicable   the statement says n.a. (conditional provisions only,
 *                    with a justification: statement.h validates both)
 *   supported        the statement says yes; evidence found is listed with it
 *   evidence found   findings of severity info name it, and no statement
 *   needs statement  nothing either way: the report says what to provide
 * A provision is never reported as passed because nothing was found.
 *
 * Ownership: a struct conformance borrows the scan result, the statement and
 * the link prefix (they must outlive it) and owns its items' arrays and texts.
 * Writers (vtable contract) borrow everything and return 0, or -1 on an
 * output error. */
#ifndef ETSILINT_CONFORMANCE_H
#define ETSILINT_CONFORMANCE_H

#include <stdio.h>
#include "finding.h"
#include "provisions.h"
#include "report.h"
#include "statement.h"

enum conf_status {
	CONF_CONTRADICTED,
	CONF_NOT_MET,
	CONF_NOT_APPLICABLE,
	CONF_SUPPORTED,
	CONF_EVIDENCE,
	CONF_NEEDS_STATEMENT,
};
#define CONF_NSTATUS 6

struct conf_item {
	const struct provision *prov;
	enum conf_status status;
	char static_class;               /* 'H' strong static signal, 'P' partial, 'N' none */
	const struct stmt_entry *stmt;   /* NULL: not stated */
	const struct finding **contra;   /* severity >= low, not suppressed; in finding order */
	size_t ncontra, nbaselined;      /* nbaselined: of contra, in the baseline */
	const struct finding **evidence; /* severity info, not suppressed */
	size_t nevidence;
	const struct finding **suppressed; /* any severity, silenced by a comment */
	size_t nsuppressed;
	enum severity worst;             /* of contra (when ncontra) */
	size_t nrules;                   /* rules of the pack that name it */
	char *summary;                   /* what was seen, one or two sentences; never NULL */
	char *conflict;                  /* statement against the scan, or NULL */
	char *todo;                      /* what to provide, or NULL */
};

struct conformance {
	const struct scan_result *res;
	const struct statement *st;      /* NULL: no statement */
	const char *link_prefix;         /* before root-relative paths in links: "" or "../fw/" */
	struct conf_item *v;             /* provisions_table order */
	size_t n;
	size_t count[CONF_NSTATUS];
};

/* Build the report model. link_prefix: NULL or "" for links relative to the
 * scan root, else a path ending in '/' (conformance_link_prefix). */
void conformance_build(struct conformance *c, const struct scan_result *res,
		       const struct statement *st, const char *link_prefix);
void conformance_free(struct conformance *c);

/* "contradicted", "not-met", "not-applicable", "supported", "evidence-found",
 * "needs-statement" (JSON keys); and the words a person reads. */
const char *conformance_status_key(enum conf_status s);
const char *conformance_status_label(enum conf_status s);

/* The relative path from directory `from` to directory `to` (both absolute
 * and canonical): "" when equal, else ending in '/'. New string. */
char *conformance_link_prefix(const char *from, const char *to);

struct conf_writer {
	const char *name; /* "markdown", "html", "json" */
	int (*write)(FILE *out, const struct conformance *c);
};
extern const struct conf_writer *const conformance_writers[]; /* NULL-terminated */
const struct conf_writer *conformance_writer_find(const char *name);

#endif
