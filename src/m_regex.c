/* m_regex.c - the `regex` matcher: a PCRE2 pattern matched against each
 * line of a text file; one finding per line, at the first match.
 *
 *     match:
 *       regex: { pattern: '...', exclude: '...', caseless: true, list-last-item: '^0$' }
 *
 * list-last-item: a match that is an item of a brace initializer list
 * (`x[] = { A, B, 0 };`, also nested in one) is reported only when the list's
 * last item, its comments and preprocessor lines left out, matches this regex
 * (e.g. a 0-terminated list, as APIs taking a list without its length want);
 * matches outside a brace initializer are not affected. The braces are found
 * by a lexical pass over the file (comments, string and character literals and
 * preprocessor lines skipped), made once per file on the first match.
 *
 * Binary files (with a NUL byte) are skipped. */
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "matcher.h"
#include "util.h"

struct regex_state {
	void *pattern;
	void *exclude;   /* NULL: none */
	void *list_last; /* list-last-item; NULL: none */
};

/* A pair of braces: offsets of '{' and of its '}' (the file's length when it
 * is not closed), and whether it opens a brace initializer. */
struct brace {
	size_t open, close;
	int init;
};

struct braces {
	struct brace *v;
	size_t n, cap;
};

/* Offset past the comment, literal or preprocessor line at s[i], or i when
 * there is none there; *bol says whether i starts a line (blanks before). */
static size_t skip_lexeme(const char *s, size_t len, size_t i, int bol)
{
	if (s[i] == '/' && i + 1 < len && s[i + 1] == '/') {
		while (i < len && s[i] != '\n')
			i++;
		return i;
	}
	if (s[i] == '/' && i + 1 < len && s[i + 1] == '*') {
		i += 2;
		while (i + 1 < len && !(s[i] == '*' && s[i + 1] == '/'))
			i++;
		return i + 1 < len ? i + 2 : len;
	}
	if (s[i] == '"' || s[i] == '\'') {
		char q = s[i++];
		while (i < len && s[i] != q && s[i] != '\n')
			i += s[i] == '\\' && i + 1 < len ? 2 : 1;
		return i < len && s[i] == q ? i + 1 : i;
	}
	if (s[i] == '#' && bol) {
		/* to the end of the line, over backslash continuations */
		while (i < len && s[i] != '\n')
			i += s[i] == '\\' && i + 1 < len ? 2 : 1;
		return i;
	}
	return i;
}

/* Every pair of braces of the file, in the order of their '{'. A '{' opens a
 * brace initializer after '=', or after ',' or '{' inside one. */
static void index_braces(const char *s, size_t len, struct braces *b)
{
	size_t *stack = NULL, depth = 0, cap = 0;
	char last = 0; /* the last significant character */
	int bol = 1;
	size_t i = 0;
	while (i < len) {
		size_t j = skip_lexeme(s, len, i, bol);
		if (j != i) {
			if (s[i] == '"' || s[i] == '\'')
				last = s[i];
			bol = 0;
			i = j;
			continue;
		}
		char c = s[i];
		if (c == '\n') {
			bol = 1;
		} else if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v') {
			bol = 0;
			if (c == '{') {
				int in_init = depth && b->v[stack[depth - 1]].init;
				if (b->n == b->cap) {
					b->cap = b->cap ? 2 * b->cap : 64;
					b->v = xrealloc(b->v, b->cap * sizeof *b->v);
				}
				b->v[b->n] = (struct brace){ i, len, last == '=' || (in_init && (last == ',' || last == '{')) };
				if (depth == cap) {
					cap = cap ? 2 * cap : 32;
					stack = xrealloc(stack, cap * sizeof *stack);
				}
				stack[depth++] = b->n++;
			} else if (c == '}' && depth) {
				b->v[stack[--depth]].close = i;
			}
			last = c;
		}
		i++;
	}
	free(stack);
}

/* Trim blanks of buf[0..n) in place; returns the trimmed text's start, *n its length. */
static const char *trim(const char *buf, size_t *n)
{
	size_t a = 0, z = *n;
	while (a < z && strchr(" \t\r\n\f\v", buf[a]))
		a++;
	while (z > a && strchr(" \t\r\n\f\v", buf[z - 1]))
		z--;
	*n = z - a;
	return buf + a;
}

/* The last item of the brace list b (trimmed; comments and preprocessor lines
 * left out; a blank item after a trailing comma does not count; "" for an
 * empty list), newly allocated. */
static char *last_item(const char *s, size_t len, const struct brace *b)
{
	size_t start = b->open + 1, end = b->close < len ? b->close : len;
	char *cur = xmalloc(end - start + 1), *last = NULL;
	size_t n = 0, nest = 0;
	int bol = 0;
	size_t i = start;
	while (i < end) {
		size_t j = skip_lexeme(s, end, i, bol);
		if (j != i) {
			if (s[i] == '"' || s[i] == '\'') { /* literals are kept */
				memcpy(cur + n, s + i, j - i);
				n += j - i;
			} else if (s[i] == '/') { /* a comment separates like a blank */
				cur[n++] = ' ';
			}
			bol = 0;
			i = j;
			continue;
		}
		char c = s[i++];
		if (c == '\n')
			bol = 1;
		else if (!strchr(" \t\r\f\v", c))
			bol = 0;
		if (c == '(' || c == '[' || c == '{')
			nest++;
		else if ((c == ')' || c == ']' || c == '}') && nest)
			nest--;
		if (c == ',' && !nest) {
			size_t tn = n;
			const char *t = trim(cur, &tn);
			if (tn) {
				free(last);
				last = xstrndup(t, tn);
			}
			n = 0;
			continue;
		}
		cur[n++] = c;
	}
	size_t tn = n;
	const char *t = trim(cur, &tn);
	char *out;
	if (tn) {
		out = xstrndup(t, tn);
		free(last);
	} else {
		out = last ? last : xstrndup("", 0);
	}
	free(cur);
	return out;
}

static void regex_free(void *state)
{
	struct regex_state *st = state;
	if (!st)
		return;
	matcher_regex_free(st->pattern);
	matcher_regex_free(st->exclude);
	matcher_regex_free(st->list_last);
	free(st);
}

static int regex_compile(const struct yparam *p, void **state)
{
	if (!yparam_is_map(p)) {
		yparam_error(p, "regex: parameters must be a mapping with 'pattern'");
		return -1;
	}
	static const char *const keys[] = {"pattern", "exclude", "caseless", "list-last-item"};
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
	absent = 0;
	st->list_last = matcher_regex_param(p, "list-last-item", 0, 0, &absent);
	if (!st->list_last && !absent)
		goto fail;
	*state = st;
	return 0;
fail:
	regex_free(st);
	return -1;
}

/* list-last-item: does the match at byte offset pos pass? It does outside a
 * brace initializer, and inside one when the list's last item matches. */
static int list_end_ok(const struct regex_state *st, const struct textfile *tf, size_t pos,
		       struct braces *br, int *indexed)
{
	if (!*indexed) {
		index_braces(tf->data, tf->len, br);
		*indexed = 1;
	}
	const struct brace *in = NULL;
	for (size_t k = 0; k < br->n && br->v[k].open < pos; k++)
		if (pos < br->v[k].close)
			in = &br->v[k]; /* later '{' containing pos: more inner */
	if (!in || !in->init)
		return 1;
	char *item = last_item(tf->data, tf->len, in);
	int ok = matcher_regex_test(st->list_last, item, strlen(item));
	free(item);
	return ok;
}

static void regex_on_text(const struct rule *r, const void *state, struct match_ctx *mc)
{
	const struct regex_state *st = state;
	const struct textfile *tf = match_text(mc);
	if (!tf || tf->binary)
		return;
	struct braces br = {0};
	int indexed = 0;
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
		if (st->list_last && !list_end_ok(st, tf, tf->off[i] + ovec[0], &br, &indexed))
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
	free(br.v);
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
