/* report.h - output formats. Each is one `const struct reporter_ops`
 * (src/report_*.c) listed in reporter_table (src/report.c).
 *
 * Ownership (vtable contract): write() borrows everything and writes to out;
 * it returns 0, or -1 on an output error. */
#ifndef ETSILINT_REPORT_H
#define ETSILINT_REPORT_H

#include <stdio.h>
#include "diag.h"
#include "finding.h"
#include "rule.h"

struct scan_result {
	const char *tool_version;       /* "0.1.0" */
	const char *root;               /* absolute scan root (no trailing '/') */
	const struct rulepack *pack;
	const struct findings *findings;
	const struct diag *diag;        /* errors and warnings of the scan */
	size_t nfiles;                  /* files scanned */
	enum severity fail_on;          /* threshold for the exit code */
	int color;                      /* text: ANSI colours */
};

struct reporter_ops {
	const char *name; /* "text", "json", "sarif", "github" */
	int (*write)(FILE *out, const struct scan_result *res);
};

extern const struct reporter_ops report_text, report_json, report_sarif, report_github;
extern const struct reporter_ops *const reporter_table[]; /* NULL-terminated */
const struct reporter_ops *reporter_find(const char *name);

/* Helpers shared by reporters. */
/* "EN 303 645 5.4-3, CWE-798" for a rule (new string). */
char *report_rule_refs(const struct rule *r);
/* SARIF level for a severity: error / warning / note. */
const char *report_sarif_level(enum severity s);
/* GitHub security-severity score as a string: "9.5", "8.0", "5.5", "3.0", "0.0". */
const char *report_security_severity(enum severity s);

#endif
