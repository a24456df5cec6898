/* report_text.c - compiler-style text output, one finding per line:
 *
 *     path:line:col: severity: message [rule-id] (EN 303 645 5.4-3, CWE-798)
 *         snippet
 *     path:line:col: note: step message
 *
 * The snippet line is printed only when the snippet is non-empty. A finding
 * with a data-flow path (source ... sink) is followed by one note line per
 * step, in the finding's file. Findings that are suppressed (etsilint-ignore)
 * or in the baseline are not printed (the CLI's summary counts them). Control
 * characters from scanned files (paths, messages, snippets) are printed as
 * \xNN so that a hostile file cannot drive the terminal. The summary is not
 * part of this output (the CLI prints it to stderr). */
#include "report.h"

#include <stdlib.h>

#include "util.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_DIM "\033[2m"
#define C_NOTE "\033[1;36m" /* bold cyan, as compilers colour "note" */

static const char *severity_color(enum severity s)
{
	switch (s) {
	case SEV_CRITICAL:
	case SEV_HIGH:
		return "\033[1;31m"; /* bold red */
	case SEV_MEDIUM:
		return "\033[35m"; /* magenta */
	case SEV_LOW:
		return "\033[36m"; /* cyan */
	case SEV_INFO:
		break;
	}
	return "\033[34m"; /* blue */
}

/* Append s with control bytes (other than tab) escaped. */
static void add_safe(struct sbuf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
			sbuf_addf(b, "\\x%02x", *p);
		else
			sbuf_addc(b, (char)*p);
	}
}

static void format_finding(struct sbuf *b, const struct finding *f, int color)
{
	const struct rule *r = f->rule;
	const char *sev = severity_name(r->severity);

	if (color)
		sbuf_adds(b, C_BOLD);
	add_safe(b, f->path ? f->path : f->relpath);
	sbuf_addf(b, ":%u:%u:", f->line, f->col);
	if (color)
		sbuf_adds(b, C_RESET);
	sbuf_addc(b, ' ');
	if (color)
		sbuf_addf(b, "%s%s" C_RESET, severity_color(r->severity), sev);
	else
		sbuf_adds(b, sev);
	sbuf_adds(b, ": ");
	add_safe(b, f->message ? f->message : "");
	sbuf_adds(b, color ? " [" C_DIM : " [");
	add_safe(b, r->id);
	sbuf_adds(b, color ? C_RESET "]" : "]");

	char *refs = report_rule_refs(r);
	if (*refs) {
		sbuf_adds(b, " (");
		sbuf_adds(b, refs);
		sbuf_addc(b, ')');
	}
	free(refs);
	sbuf_addc(b, '\n');

	if (f->snippet && *f->snippet) {
		sbuf_adds(b, "    ");
		add_safe(b, f->snippet);
		sbuf_addc(b, '\n');
	}

	/* The data-flow path, one note per step, as compilers print notes. */
	for (size_t i = 0; i < f->nsteps; i++) {
		const struct flow_step *s = &f->steps[i];
		if (color)
			sbuf_adds(b, C_BOLD);
		add_safe(b, f->path ? f->path : f->relpath);
		sbuf_addf(b, ":%u:%u:", s->line, s->col);
		if (color)
			sbuf_adds(b, C_RESET);
		sbuf_adds(b, color ? " " C_NOTE "note" C_RESET ": " : " note: ");
		add_safe(b, s->message ? s->message : "");
		sbuf_addc(b, '\n');
	}
}

static int text_write(FILE *out, const struct scan_result *res)
{
	struct sbuf b = {0};
	const struct findings *fs = res->findings;
	int rc = 0;

	for (size_t i = 0; fs && i < fs->n; i++) {
		if (!finding_is_reported(&fs->v[i]))
			continue;
		format_finding(&b, &fs->v[i], res->color);
		if (fwrite(b.s, 1, b.len, out) != b.len)
			rc = -1;
		b.len = 0;
	}
	sbuf_free(&b);
	if (fflush(out) != 0 || ferror(out))
		rc = -1;
	return rc;
}

const struct reporter_ops report_text = {
	.name = "text",
	.write = text_write,
};
