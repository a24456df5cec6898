/* m_regex.c - the `regex` matcher: a PCRE2 pattern matched against each
 * line of a text file; one finding per line, at the first match.
 *
 *     match:
 *       regex: { pattern: '...', exclude: '...', caseless: true }
 *
 * Binary files (with a NUL byte) are skipped. */
#include <stdlib.h>

#include "classify.h"
#include "matcher.h"
#include "util.h"

struct regex_state {
	void *pattern;
	void *exclude; /* NULL: none */
};

static void regex_free(void *state)
{
	struct regex_state *st = state;
	if (!st)
		return;
	matcher_regex_free(st->pattern);
	matcher_regex_free(st->exclude);
	free(st);
}

static int regex_compile(const struct yparam *p, void **state)
{
	if (!yparam_is_map(p)) {
		yparam_error(p, "regex: parameters must be a mapping with 'pattern'");
		return -1;
	}
	static const char *const keys[] = {"pattern", "exclude", "caseless"};
	if (yparam_unknown_keys(p, keys, ARRAY_LEN(keys), " in 'regex'"))
		return -1;
	int caseless = 0, absent = 0;
	if (yparam_bool(p, "caseless", 0, &caseless) < 0)
		return -1;
	struct regex_state *st = xcalloc(1, sizeof *st);
	st->pattern = matcher_regex_param(p, "pattern", 1, caseless, &absent);
	if (!st->pattern)
		goto fail;
	absent = 0;
	st->exclude = matcher_regex_param(p, "exclude", 0, caseless, &absent);
	if (!st->exclude && !absent)
		goto fail;
	*state = st;
	return 0;
fail:
	regex_free(st);
	return -1;
}

static void regex_on_text(const struct rule *r, const void *state, struct match_ctx *mc)
{
	const struct regex_state *st = state;
	const struct textfile *tf = match_text(mc);
	if (!tf || tf->binary)
		return;
	for (size_t i = 0; i < tf->nlines; i++) {
		size_t len, ovec[2];
		const char *line = textfile_line(tf, i, &len);
		int rc = match_regex(mc, r, st->pattern, line, len, 0, ovec);
		if (rc < 0)
			break; /* the match limit was hit: reported once, rest of the file skipped */
		if (rc != 1)
			continue;
		if (st->exclude && matcher_regex_test(st->exclude, line, len))
			continue;
		char *text = xstrndup(line + ovec[0], ovec[1] - ovec[0]);
		struct match_hit h = {
			.line = (unsigned)i + 1,
			.col = (unsigned)ovec[0] + 1,
			.end_line = (unsigned)i + 1,
			.end_col = (unsigned)ovec[1] + 1,
			.match = text,
		};
		if (r->secret) {
			h.mask_line = h.line;
			h.mask_col = h.col;
			h.mask_end_col = h.end_col;
		}
		match_report(mc, r, &h);
		free(text);
	}
}

const struct matcher_ops matcher_regex = {
	.name = "regex",
	.default_kinds = FK_ALL,
	.cev_mask = 0,
	.compile = regex_compile,
	.free = regex_free,
	.on_event = NULL,
	.on_text = regex_on_text,
};
