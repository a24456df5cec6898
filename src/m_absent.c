/* m_absent.c - the `absent` matcher: a required setting missing from a file.
 *
 *     match:
 *       absent: { key: CONFIG_SECURE_BOOT, value: '^y$' }     # key/value files
 *       absent: { pattern: '-D_FORTIFY_SOURCE=[12]', when: 'CMAKE_C_FLAGS|CFLAGS' }
 *
 * With key/key-regex: reported when no set entry of the file's key/value
 * model has that key (and a value matching `value`). With pattern: reported
 * when no line matches it. `when` (a line regex) limits the check to files
 * that have such a line, and the finding is placed on the first of them;
 * otherwise on line 1. Combine with the rule's `paths` to check only some
 * files (release configurations). */
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "matcher.h"

struct absent_state {
	char **keys; /* NULL-terminated, or NULL */
	void *key_re, *value_re, *pattern, *when;
};

static void absent_free(void *state)
{
	struct absent_state *st = state;
	if (!st)
		return;
	yparam_strlist_free(st->keys);
	matcher_regex_free(st->key_re);
	matcher_regex_free(st->value_re);
	matcher_regex_free(st->pattern);
	matcher_regex_free(st->when);
	free(st);
}

static int absent_compile(const struct yparam *p, void **state)
{
	struct absent_state *st = xcalloc(1, sizeof *st);
	*state = st;
	if (!yparam_is_map(p)) {
		yparam_error(p, "'absent' parameters must be a mapping with 'key' or 'pattern'");
		return -1;
	}
	static const char *const keys[] = {"key", "key-regex", "value", "pattern", "when"};
	if (yparam_unknown_keys(p, keys, ARRAY_LEN(keys), " in 'absent'"))
		return -1;
	size_t n;
	int absent;
	if (yparam_strlist(p, "key", 0, &st->keys, &n) < 0)
		return -1;
	void **res[] = {&st->key_re, &st->value_re, &st->pattern, &st->when};
	const char *names[] = {"key-regex", "value", "pattern", "when"};
	for (size_t i = 0; i < ARRAY_LEN(res); i++) {
		*res[i] = matcher_regex_param(p, names[i], 0, 0, &absent);
		if (!*res[i] && !absent)
			return -1;
	}
	int by_key = st->keys || st->key_re;
	if (by_key == !!st->pattern) {
		yparam_error(p, "'absent' needs exactly one of 'key'/'key-regex' (a setting) or "
				"'pattern' (a line)");
		return -1;
	}
	if (st->value_re && !by_key) {
		yparam_error(p, "'absent': 'value' goes with 'key', not with 'pattern'");
		return -1;
	}
	return 0;
}

static int key_present(const struct absent_state *st, struct match_ctx *mc)
{
	const struct kvfile *kv = match_kv(mc);
	for (size_t i = 0; i < kv->n; i++) {
		const struct kventry *e = &kv->v[i];
		if (e->unset || (e->value_len == 1 && e->value[0] == 'n') || strcmp(e->op, ":remove") == 0)
			continue;
		int named = 0;
		for (size_t k = 0; st->keys && st->keys[k] && !named; k++)
			named = strlen(st->keys[k]) == e->key_len &&
				memcmp(st->keys[k], e->key, e->key_len) == 0;
		if (!named && !(st->key_re && matcher_regex_test(st->key_re, e->key, e->key_len)))
			continue;
		if (!st->value_re || matcher_regex_test(st->value_re, e->value, e->value_len))
			return 1;
	}
	return 0;
}

static void absent_text(const struct rule *r, const void *state, struct match_ctx *mc)
{
	const struct absent_state *st = state;
	const struct textfile *tf = match_text(mc);
	if (!tf || tf->binary)
		return;
	unsigned at = 0; /* line of the first `when` match */
	int found = 0;
	for (size_t i = 0; i < tf->nlines && (!found || (st->when && !at)); i++) {
		size_t len;
		const char *line = textfile_line(tf, i, &len);
		if (st->when && !at && matcher_regex_test(st->when, line, len))
			at = (unsigned)i + 1;
		if (st->pattern && !found && matcher_regex_test(st->pattern, line, len))
			found = 1;
	}
	if (st->when && !at)
		return;
	if (!st->pattern)
		found = key_present(st, mc);
	if (found)
		return;
	struct match_hit h = {.line = at ? at : 1, .col = 1, .no_snippet = !at};
	h.key = st->keys ? st->keys[0] : "";
	h.name = h.key;
	match_report(mc, r, &h);
}

const struct matcher_ops matcher_absent = {
	.name = "absent",
	.default_kinds = FK_KCONFIG | FK_YOCTO,
	.compile = absent_compile,
	.free = absent_free,
	.on_text = absent_text,
};
