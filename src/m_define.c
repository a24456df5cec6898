/* m_define.c - the `define` matcher: an object-like #define of a name,
 * whatever its value (#define MBEDTLS_SSL_PROTO_TLS1, #define
 * WOLFSSL_ALLOW_SSLV3 1), optionally with a value matching a regex.
 *
 *     match:
 *       define: { name: [MBEDTLS_SSL_PROTO_TLS1], value: '^1$' } */
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "matcher.h"

struct define_state {
	char **names; /* NULL-terminated, or NULL */
	void *name_re, *value_re;
};

static void define_free(void *state)
{
	struct define_state *st = state;
	if (!st)
		return;
	yparam_strlist_free(st->names);
	matcher_regex_free(st->name_re);
	matcher_regex_free(st->value_re);
	free(st);
}

static int define_compile(const struct yparam *p, void **state)
{
	struct define_state *st = xcalloc(1, sizeof *st);
	*state = st;
	if (!yparam_is_map(p)) {
		yparam_error(p, "'define' parameters must be a mapping with 'name' or 'name-regex'");
		return -1;
	}
	static const char *const keys[] = {"name", "name-regex", "value"};
	if (yparam_unknown_keys(p, keys, ARRAY_LEN(keys), " in 'define'"))
		return -1;
	size_t n;
	int absent;
	if (yparam_strlist(p, "name", 0, &st->names, &n) < 0)
		return -1;
	st->name_re = matcher_regex_param(p, "name-regex", 0, 0, &absent);
	if (!st->name_re && !absent)
		return -1;
	st->value_re = matcher_regex_param(p, "value", 0, 0, &absent);
	if (!st->value_re && !absent)
		return -1;
	if (!st->names && !st->name_re) {
		yparam_error(p, "'define' needs 'name' or 'name-regex'");
		return -1;
	}
	return 0;
}

static void define_event(const struct rule *r, const void *state, const struct cev *ev,
			 struct match_ctx *mc)
{
	const struct define_state *st = state;
	if (ev->kind != CEV_MACRO)
		return;
	int named = 0;
	for (size_t i = 0; st->names && st->names[i] && !named; i++)
		named = strcmp(st->names[i], ev->name) == 0;
	if (!named && !(st->name_re && matcher_regex_test(st->name_re, ev->name, strlen(ev->name))))
		return;
	const char *value = ev->nargs ? ev->args[0].text : "";
	if (st->value_re && !matcher_regex_test(st->value_re, value, strlen(value)))
		return;
	struct match_hit h = {
		.line = ev->line,
		.col = ev->col,
		.end_line = ev->end_line,
		.end_col = ev->end_col,
		.name = ev->name,
		.value = value,
	};
	match_report(mc, r, &h);
}

const struct matcher_ops matcher_define = {
	.name = "define",
	.default_kinds = FK_C | FK_HEADER | FK_CPP,
	.cev_mask = CEV_MACRO,
	.compile = define_compile,
	.free = define_free,
	.on_event = define_event,
};
