/* report_github.c - GitHub Actions workflow commands, one annotation per
 * reported finding, shown on the pull request's changed lines:
 *
 *     ::error file=src/a.c,line=3,col=2,endLine=3,endColumn=9,title=gets-call::gets() cannot ...
 *
 * critical/high -> error, medium -> warning, low/info -> notice. Paths are
 * relative to the scan root (run the scan from the repository root).
 * Suppressed and baselined findings are left out, as in the text output.
 * Values are escaped as the runner expects (%, CR, LF; and ':' ',' in
 * properties), so no file name or message can start another command. */
#include "report.h"

#include <stdlib.h>

#include "util.h"

static void add_escaped(struct sbuf *b, const char *s, int property)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '%')
			sbuf_adds(b, "%25");
		else if (*p == '\r')
			sbuf_adds(b, "%0D");
		else if (*p == '\n')
			sbuf_adds(b, "%0A");
		else if (property && *p == ':')
			sbuf_adds(b, "%3A");
		else if (property && *p == ',')
			sbuf_adds(b, "%2C");
		else if (*p < 0x20 || *p == 0x7f)
			sbuf_addc(b, ' ');
		else
			sbuf_addc(b, (char)*p);
	}
}

static const char *command(enum severity s)
{
	return s >= SEV_HIGH ? "error" : s == SEV_MEDIUM ? "warning" : "notice";
}

static int github_write(FILE *out, const struct scan_result *res)
{
	struct sbuf b = {0};
	const struct findings *fs = res->findings;
	int rc = 0;
	for (size_t i = 0; fs && i < fs->n; i++) {
		const struct finding *f = &fs->v[i];
		if (!finding_is_reported(f))
			continue;
		const struct rule *r = f->rule;
		b.len = 0;
		sbuf_addf(&b, "::%s file=", command(r->severity));
		add_escaped(&b, f->relpath, 1);
		sbuf_addf(&b, ",line=%u,col=%u,endLine=%u", f->line, f->col, f->end_line);
		if (f->end_line == f->line && f->end_col > f->col)
			sbuf_addf(&b, ",endColumn=%u", f->end_col);
		sbuf_adds(&b, ",title=");
		add_escaped(&b, r->id, 1);
		sbuf_adds(&b, "::");
		add_escaped(&b, f->message ? f->message : "", 0);
		char *refs = report_rule_refs(r);
		sbuf_adds(&b, " (");
		add_escaped(&b, refs, 0);
		sbuf_adds(&b, ")\n");
		free(refs);
		if (fwrite(b.s, 1, b.len, out) != b.len)
			rc = -1;
	}
	sbuf_free(&b);
	if (fflush(out) != 0 || ferror(out))
		rc = -1;
	return rc;
}

const struct reporter_ops report_github = {
	.name = "github",
	.write = github_write,
};
