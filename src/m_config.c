/* m_config.c - the `config` matcher: a setting in a Kconfig-style or
 * BitBake-style key/value file (the engine's match_kv model).
 *
 *     match:
 *       config: { key: [CONFIG_A, CONFIG_B] | key-regex: '...',
 *                 value: '^y$', contains: [debug-tweaks], unset: false }
 *
 * A key is "unset" when it is `# KEY is not set` or its value is exactly
 * "n". `unset: true` matches unset keys (at the key); otherwise only set
 * keys match, and `value` (a regex on the unquoted value) and `contains`
 * (a whitespace-separated word of the value) must both hold when given.
 * Findings sit at the key, the value (with `value`) or the word (with
 * `contains`). `KEY:remove` (and KEY_remove) entries never match. */
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "matcher.h"
#include "util.h"

struct config_state {
	char **keys;      /* NULL-terminated; NULL when key-regex is used */
	size_t nkeys;
	void *key_re;
	void *value_re;   /* NULL: any value */
	char **contains;  /* NULL-terminated; NULL: no word required */
	size_t ncontains;
	int unset;
};

static void config_free(void *state)
{
	struct config_state *st = state;
	if (!st)
		return;
	yparam_strlist_free(st->keys);
	yparam_strlist_free(st->contains);
	matcher_regex_free(st->key_re);
	matcher_regex_free(st->value_re);
	free(st);
}

static int check_words(const struct yparam *p, char **words, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *w = words[i];
		if (!*w || strpbrk(w, " \t\r\n")) {
			struct yparam c = yparam_get(p, "contains");
			yparam_error(&c, "config: 'contains' words must be non-empty and without spaces");
			return -1;
		}
	}
	return 0;
}

static int config_compile(const struct yparam *p, void **state)
{
	if (!yparam_is_map(p)) {
		yparam_error(p, "config: parameters must be a mapping with 'key' or 'key-regex'");
		return -1;
	}
	static const char *const keys[] = {"key", "key-regex", "value", "contains", "unset"};
	if (yparam_unknown_keys(p, keys, ARRAY_LEN(keys), " in 'config'"))
		return -1;
	struct config_state *st = xcalloc(1, sizeof *st);
	int absent = 0, rc;

	rc = yparam_strlist(p, "key", 0, &st->keys, &st->nkeys);
	if (rc < 0)
		goto fail;
	int has_key = rc == 0;
	if (has_key && st->nkeys == 0) {
		struct yparam k = yparam_get(p, "key");
		yparam_error(&k, "config: 'key' must not be empty");
		goto fail;
	}
	st->key_re = matcher_regex_param(p, "key-regex", 0, 0, &absent);
	if (!st->key_re && !absent)
		goto fail;
	if (has_key == (st->key_re != NULL)) {
		yparam_error(p, "config: exactly one of 'key' and 'key-regex' is required");
		goto fail;
	}
	absent = 0;
	st->value_re = matcher_regex_param(p, "value", 0, 0, &absent);
	if (!st->value_re && !absent)
		goto fail;
	rc = yparam_strlist(p, "contains", 0, &st->contains, &st->ncontains);
	if (rc < 0 || (rc == 0 && check_words(p, st->contains, st->ncontains) < 0))
		goto fail;
	if (yparam_bool(p, "unset", 0, &st->unset) < 0)
		goto fail;
	if (st->unset && (st->value_re || st->contains)) {
		yparam_error(p, "config: 'unset: true' cannot be combined with 'value' or 'contains'");
		goto fail;
	}
	*state = st;
	return 0;
fail:
	config_free(st);
	return -1;
}

static int key_matches(const struct config_state *st, const struct kventry *e)
{
	if (st->key_re)
		return matcher_regex_test(st->key_re, e->key, e->key_len);
	for (size_t i = 0; i < st->nkeys; i++)
		if (strlen(st->keys[i]) == e->key_len && memcmp(st->keys[i], e->key, e->key_len) == 0)
			return 1;
	return 0;
}

static int entry_is_unset(const struct kventry *e)
{
	return e->unset || (e->value_len == 1 && e->value[0] == 'n');
}

static int is_sep(const char *s, size_t n, size_t i)
{
	char c = s[i];
	if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')
		return 1;
	/* A line continuation inside a multi-line BitBake value. */
	return c == '\\' && i + 1 < n && (s[i + 1] == '\n' || s[i + 1] == '\r');
}

/* The first whitespace-separated word of the value equal to one of st's
 * words: returns its offset in the value and sets *wlen, or -1. */
static long find_word(const struct config_state *st, const struct kventry *e, size_t *wlen)
{
	const char *s = e->value;
	size_t n = e->value_len, i = 0;
	while (i < n) {
		while (i < n && is_sep(s, n, i))
			i++;
		size_t start = i;
		while (i < n && !is_sep(s, n, i))
			i++;
		if (i == start)
			break;
		for (size_t k = 0; k < st->ncontains; k++) {
			if (strlen(st->contains[k]) == i - start &&
			    memcmp(st->contains[k], s + start, i - start) == 0) {
				*wlen = i - start;
				return (long)start;
			}
		}
	}
	return -1;
}

/* Line and column of p, a pointer into the value of e. */
static void value_pos(const struct textfile *tf, const struct kventry *e, const char *p,
		      unsigned *line, unsigned *col)
{
	if (tf && p >= tf->data && p <= tf->data + tf->len) {
		textfile_pos(tf, (size_t)(p - tf->data), line, col);
		return;
	}
	*line = e->line;
	*col = e->value_col + (unsigned)(p - e->value);
}

/* Length of [p, p+n) up to its first newline. */
static size_t first_line_len(const char *p, size_t n)
{
	const char *nl = memchr(p, '\n', n);
	size_t k = nl ? (size_t)(nl - p) : n;
	if (k > 0 && p[k - 1] == '\r')
		k--;
	return k;
}

static void config_on_text(const struct rule *r, const void *state, struct match_ctx *mc)
{
	const struct config_state *st = state;
	const struct kvfile *kv = match_kv(mc);
	const struct textfile *tf = match_text(mc);
	if (!kv)
		return;
	for (size_t i = 0; i < kv->n; i++) {
		const struct kventry *e = &kv->v[i];
		/* KEY:remove takes words away: it never sets anything. */
		if (strcmp(e->op, ":remove") == 0 || !key_matches(st, e) ||
		    entry_is_unset(e) != st->unset)
			continue;
		struct match_hit h = { .line = e->line, .col = e->key_col, .end_line = e->line };
		if (st->value_re) {
			size_t ovec[2];
			if (match_regex(mc, r, st->value_re, e->value, e->value_len, 0, ovec) != 1)
				continue;
		}
		const char *word = NULL; /* with `contains`: the word found, for {value} */
		size_t word_len = 0;
		if (!st->unset && (st->value_re || st->contains)) {
			const char *at = e->value;
			size_t len = e->value_len;
			if (st->contains) {
				long off = find_word(st, e, &len);
				if (off < 0)
					continue;
				at += off;
				word = at;
				word_len = len;
			}
			value_pos(tf, e, at, &h.line, &h.col);
			h.end_line = h.line;
			h.end_col = h.col + (unsigned)first_line_len(at, len);
		}
		if (r->secret && !e->unset && e->value_len > 0) {
			value_pos(tf, e, e->value, &h.mask_line, &h.mask_col);
			h.mask_end_col = h.mask_col + (unsigned)first_line_len(e->value, e->value_len);
		}
		char *key = xstrndup(e->key, e->key_len);
		char *value = word ? xstrndup(word, word_len) : xstrndup(e->value, e->value_len);
		h.key = key;
		h.name = key;
		h.value = value;
		match_report(mc, r, &h);
		free(key);
		free(value);
	}
}

const struct matcher_ops matcher_config = {
	.name = "config",
	.default_kinds = FK_KCONFIG | FK_YOCTO,
	.cev_mask = 0,
	.compile = config_compile,
	.free = config_free,
	.on_event = NULL,
	.on_text = config_on_text,
};
