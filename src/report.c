/* report.c - the table of output formats and helpers shared by reporters. */
#include "report.h"

#include <string.h>

#include "util.h"

const struct reporter_ops *const reporter_table[] = {
	&report_text,
	&report_github,
	&report_json,
	&report_sarif,
	NULL,
};

const struct reporter_ops *reporter_find(const char *name)
{
	for (size_t i = 0; reporter_table[i]; i++)
		if (strcmp(reporter_table[i]->name, name) == 0)
			return reporter_table[i];
	return NULL;
}

char *report_rule_refs(const struct rule *r)
{
	struct sbuf b = {0};
	for (size_t i = 0; i < r->nprovisions; i++)
		sbuf_addf(&b, "%s%s", i ? ", " : "EN 303 645 ", r->provisions[i]);
	for (size_t i = 0; i < r->ncwe; i++)
		sbuf_addf(&b, "%sCWE-%u", b.len ? ", " : "", r->cwe[i]);
	return sbuf_take(&b);
}

const char *report_sarif_level(enum severity s)
{
	switch (s) {
	case SEV_CRITICAL:
	case SEV_HIGH:
		return "error";
	case SEV_MEDIUM:
		return "warning";
	case SEV_LOW:
	case SEV_INFO:
		break;
	}
	return "note";
}

const char *report_security_severity(enum severity s)
{
	switch (s) {
	case SEV_CRITICAL:
		return "9.5";
	case SEV_HIGH:
		return "8.0";
	case SEV_MEDIUM:
		return "5.5";
	case SEV_LOW:
		return "3.0";
	case SEV_INFO:
		break;
	}
	return "0.0";
}
