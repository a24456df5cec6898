/* suppress.c - inline suppressions (see suppress.h): one pass over the lines
 * finds the comment text of each line, parses the etsilint-ignore markers in
 * it into a small table; findings are then looked up by (rule id, line). */
#include "suppress.h"

#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "util.h"

#define KEYWORD "etsilint-ignore"
#define KEYWORD_LEN (sizeof KEYWORD - 1)

/* The comment text of one line: up to a few segments (a line can hold
 * several block comments); more are ignored. */
#define MAX_SEGS 8

struct line_comments {
	const char *seg[MAX_SEGS];
	size_t seglen[MAX_SEGS];
	size_t nseg;
	int code;    /* something other than blanks and comments */
	int comment; /* some comment (possibly empty) */
};

static void add_seg(struct line_comments *lc, const char *s, size_t n)
{
	lc->comment = 1;
	if (lc->nseg < MAX_SEGS) {
		lc->seg[lc->nseg] = s;
		lc->seglen[lc->nseg++] = n;
	}
}

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Index just after the string or character literal opened at s[i], or n. */
static size_t skip_literal(const char *s, size_t n, size_t i)
{
	char q = s[i++];
	while (i < n && s[i] != q)
		i += s[i] == '\\' ? 2 : 1;
	return i < n ? i + 1 : n;
}

/* C-style comments; *in_block carries an open block comment across lines. */
static void scan_c_line(const char *s, size_t n, int *in_block, struct line_comments *lc)
{
	size_t i = 0;
	while (i < n) {
		if (*in_block) {
			const char *end = NULL;
			for (size_t k = i; k + 1 < n; k++)
				if (s[k] == '*' && s[k + 1] == '/') {
					end = s + k;
					break;
				}
			if (!end) {
				add_seg(lc, s + i, n - i);
				return;
			}
			add_seg(lc, s + i, (size_t)(end - (s + i)));
			i = (size_t)(end - s) + 2;
			*in_block = 0;
			continue;
		}
		char c = s[i];
		if (c == '/' && i + 1 < n && s[i + 1] == '/') {
			add_seg(lc, s + i + 2, n - i - 2);
			return;
		}
		if (c == '/' && i + 1 < n && s[i + 1] == '*') {
			*in_block = 1;
			i += 2;
			continue;
		}
		if (c == '"' || c == '\'') {
			lc->code = 1;
			i = skip_literal(s, n, i);
			continue;
		}
		if (!blank(c))
			lc->code = 1;
		i++;
	}
	if (*in_block)
		lc->comment = 1; /* a block comment opened at the end of the line */
}

/* `#` comments outside double-quoted strings. */
static void scan_hash_line(const char *s, size_t n, struct line_comments *lc)
{
	size_t i = 0;
	while (i < n) {
		char c = s[i];
		if (c == '#') {
			add_seg(lc, s + i + 1, n - i - 1);
			return;
		}
		if (c == '"') {
			lc->code = 1;
			i = skip_literal(s, n, i);
			continue;
		}
		if (!blank(c))
			lc->code = 1;
		i++;
	}
}

static int id_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int id_char(char c)
{
	return id_start(c) || c == '_' || c == '.' || c == '-';
}

static void push(struct suppressions *out, const char *id, size_t idlen, const char *reason,
		 size_t rlen, unsigned line, int file)
{
	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 8;
		out->v = xrealloc(out->v, out->cap * sizeof *out->v);
	}
	struct suppression *e = &out->v[out->n++];
	e->rule = xstrndup(id, idlen);
	e->reason = reason ? xstrndup(reason, rlen) : NULL;
	e->line = e->last = line;
	e->file = file;
}

/* Parse the markers in one comment segment s[0..n). */
static void parse_segment(const char *s, size_t n, unsigned line, struct suppressions *out)
{
	size_t from = 0;
	while (from + KEYWORD_LEN <= n) {
		const char *k = memmem(s + from, n - from, KEYWORD, KEYWORD_LEN);
		if (!k)
			return;
		size_t i = (size_t)(k - s);
		from = i + KEYWORD_LEN;
		if (i > 0 && id_char(s[i - 1]))
			continue; /* part of a longer word */
		i += KEYWORD_LEN;
		int file = 0;
		if (n - i >= 5 && memcmp(s + i, "-file", 5) == 0) {
			file = 1;
			i += 5;
		}
		if (i >= n || (s[i] != ' ' && s[i] != '\t'))
			continue; /* "etsilint-ignored", "etsilint-ignore:" ... */
		/* ID[, ID...] */
		size_t ids[16][2], nids = 0;
		int ok = 1;
		for (;;) {
			while (i < n && blank(s[i]))
				i++;
			if (i >= n || !id_start(s[i])) {
				ok = 0;
				break;
			}
			size_t st = i;
			while (i < n && id_char(s[i]))
				i++;
			if (nids < ARRAY_LEN(ids)) {
				ids[nids][0] = st;
				ids[nids][1] = i - st;
				nids++;
			}
			size_t j = i;
			while (j < n && blank(s[j]))
				j++;
			if (j < n && s[j] == ',') {
				i = j + 1;
				continue;
			}
			i = j;
			break;
		}
		if (!ok || nids == 0)
			continue;
		const char *reason = NULL;
		size_t rlen = 0;
		if (i < n && s[i] == ':') {
			size_t a = i + 1, e = n;
			while (a < e && blank(s[a]))
				a++;
			while (e > a && blank(s[e - 1]))
				e--;
			if (e > a) {
				reason = s + a;
				rlen = e - a;
			}
		}
		for (size_t m = 0; m < nids; m++)
			push(out, s + ids[m][0], ids[m][1], reason, rlen, line, file);
		if (reason)
			return; /* the reason runs to the end of the comment */
		from = i;
	}
}

void suppress_parse(const struct textfile *tf, unsigned kind, struct suppressions *out)
{
	if (!tf || tf->binary || !memmem(tf->data, tf->len, KEYWORD, KEYWORD_LEN))
		return;
	int cstyle = (kind & (FK_CFAMILY | FK_DTS)) != 0;
	/* comment_only[i]: line i (0-based) holds comments and blanks only. */
	unsigned char *comment_only = xcalloc(tf->nlines + 1, 1);
	int in_block = 0;
	for (size_t i = 0; i < tf->nlines; i++) {
		size_t len;
		const char *s = textfile_line(tf, i, &len);
		struct line_comments lc = {0};
		if (cstyle) {
			int was_in_block = in_block;
			scan_c_line(s, len, &in_block, &lc);
			if (was_in_block)
				lc.comment = 1;
		} else {
			scan_hash_line(s, len, &lc);
		}
		comment_only[i] = lc.comment && !lc.code;
		for (size_t k = 0; k < lc.nseg; k++)
			parse_segment(lc.seg[k], lc.seglen[k], (unsigned)i + 1, out);
	}
	for (size_t k = 0; k < out->n; k++) {
		struct suppression *e = &out->v[k];
		size_t i = e->line - 1; /* 0-based */
		if (e->file || !comment_only[i])
			continue;
		do
			i++;
		while (i < tf->nlines && comment_only[i]);
		e->last = (unsigned)i + 1;
	}
	free(comment_only);
}

const char *suppress_lookup(const struct suppressions *s, const char *rule, unsigned line)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct suppression *e = &s->v[i];
		if (e->reason && strcmp(e->rule, rule) == 0 &&
		    (e->file || (line >= e->line && line <= e->last)))
			return e->reason;
	}
	return NULL;
}

size_t suppress_apply(const struct suppressions *s, struct findings *fs, size_t from)
{
	size_t marked = 0;
	if (s->n == 0)
		return 0;
	for (size_t i = from; i < fs->n; i++) {
		struct finding *f = &fs->v[i];
		if (f->suppressed || !f->rule)
			continue;
		const char *why = suppress_lookup(s, f->rule->id, f->line);
		if (why) {
			f->suppressed = 1;
			f->justification = xstrdup(why);
			marked++;
		}
	}
	return marked;
}

void suppress_free(struct suppressions *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].rule);
		free(s->v[i].reason);
	}
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}
