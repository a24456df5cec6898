/* m_initializer.c - the `initializer` matcher: a brace initializer of a
 * variable of a given type that lacks every one of some designated fields
 * (an OTA client config without .cert_pem / .crt_bundle_attach).
 *
 *     match:
 *       initializer:
 *         type: '^esp_http_client_config_t$'
 *         lacks: [cert_pem, crt_bundle_attach, use_global_ca_store]
 *
 * With `has` instead of (or as well as) `lacks`, the list must also contain
 * one of those fields. */
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "matcher.h"

struct init_state {
	void *type_re;
	char **lacks; /* NULL-terminated, or NULL */
	char **has;   /* NULL-terminated, or NULL */
};

static void init_free(void *state)
{
	struct init_state *st = state;
	if (!st)
		return;
	matcher_regex_free(st->type_re);
	yparam_strlist_free(st->lacks);
	yparam_strlist_free(st->has);
	free(st);
}

static int init_compile(const struct yparam *p, void **state)
{
	struct init_state *st = xcalloc(1, sizeof *st);
	*state = st;
	if (!yparam_is_map(p)) {
		yparam_error(p, "'initializer' parameters must be a mapping with 'type' and 'lacks'");
		return -1;
	}
	static const char *const keys[] = {"type", "lacks", "has"};
	if (yparam_unknown_keys(p, keys, ARRAY_LEN(keys), " in 'initializer'"))
		return -1;
	int absent;
	st->type_re = matcher_regex_param(p, "type", 1, 0, &absent);
	if (!st->type_re)
		return -1;
	size_t n;
	if (yparam_strlist(p, "lacks", 0, &st->lacks, &n) < 0 ||
	    yparam_strlist(p, "has", 0, &st->has, &n) < 0)
		return -1;
	if (!st->lacks && !st->has) {
		yparam_error(p, "'initializer' needs 'lacks' and/or 'has' (designated field names)");
		return -1;
	}
	return 0;
}

/* At an opening '"': the closing quote (or the terminating NUL). */
static const char *string_end(const char *p)
{
	for (p++; *p && *p != '"'; p++)
		if (*p == '\\' && p[1])
			p++;
	return p;
}

/* Does the initializer text designate .field (at any nesting)? String
 * literals are skipped: ".url = \"http://h/?a.cert_pem=1\"" sets no cert_pem. */
static int designates(const char *text, const char *field)
{
	size_t fl = strlen(field);
	for (const char *p = text; *p; p++) {
		if (*p == '"') { /* skip string literals */
			p = string_end(p);
			if (!*p)
				break;
			continue;
		}
		if (*p != '.' || strncmp(p + 1, field, fl) != 0)
			continue;
		const char *q = p + 1 + fl;
		while (*q == ' ')
			q++;
		if (*q == '=' || *q == '.' || *q == '[')
			return 1;
	}
	return 0;
}

static int any_designated(const char *text, char *const *fields)
{
	for (size_t i = 0; fields[i]; i++)
		if (designates(text, fields[i]))
			return 1;
	return 0;
}

/* Any ".name =" designator at all? {0} or { &a, &b } are not judged: their
 * fields may be set by later assignments, or they are not structs. */
static int has_designator(const char *text)
{
	for (const char *p = text; *p; p++) {
		if (*p == '"') { /* skip string literals */
			p = string_end(p);
			if (!*p)
				break;
			continue;
		}
		if (*p == '.' && (p[1] == '_' || (p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z')))
			return 1;
	}
	return 0;
}

static int offends(const struct init_state *st, const char *text)
{
	if (!has_designator(text))
		return 0;
	if (st->lacks && any_designated(text, st->lacks))
		return 0;
	if (st->has && !any_designated(text, st->has))
		return 0;
	return 1;
}

/* An array of structs ("{ { .url = a, .cert_pem = c }, { .url = b } }") is
 * checked element by element: one entry with a CA must not hide another. */
static int offends_any(const struct init_state *st, const char *text)
{
	const char *p = text;
	while (*p == ' ')
		p++;
	const char *q = *p == '{' ? p + 1 : p;
	while (*q == ' ')
		q++;
	if (*p != '{' || *q != '{')
		return offends(st, text);
	int depth = 0;
	const char *start = NULL;
	for (; *q; q++) {
		if (*q == '"') { /* skip string literals */
			q = string_end(q);
			if (!*q)
				break;
			continue;
		}
		if (*q == '{' && depth++ == 0)
			start = q;
		else if (*q == '}' && depth > 0 && --depth == 0 && start) {
			char *item = xstrndup(start, (size_t)(q - start + 1));
			int bad = offends(st, item);
			free(item);
			if (bad)
				return 1;
		}
	}
	return 0;
}

static void init_event(const struct rule *r, const void *state, const struct cev *ev,
		       struct match_ctx *mc)
{
	const struct init_state *st = state;
	if (ev->kind != CEV_STORE || ev->store != CS_INIT || ev->nargs < 1 ||
	    ev->args[0].kind != CV_LIST)
		return;
	if (!matcher_regex_test(st->type_re, ev->type, strlen(ev->type)))
		return;
	const char *text = ev->args[0].text;
	if (!offends_any(st, text))
		return;
	struct match_hit h = {
		.line = ev->line,
		.col = ev->col,
		.end_line = ev->end_line,
		.end_col = ev->end_col,
		.name = ev->name,
		.value = ev->type,
		.recovered = ev->recovered,
	};
	match_report(mc, r, &h);
}

const struct matcher_ops matcher_initializer = {
	.name = "initializer",
	.default_kinds = FK_C | FK_HEADER | FK_CPP,
	.cev_mask = CEV_STORE,
	.compile = init_compile,
	.free = init_free,
	.on_event = init_event,
};
