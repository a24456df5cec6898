/* m_assign.c - the `assign` matcher: a value stored into a variable, field or
 * macro whose name matches a regex (hard-coded secrets, insecure settings). */
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "matcher.h"

static const char *const store_names[] = {"init", "assign", "field", "macro"};

struct assign_state {
	void *name_re, *value_re, *exclude_re;
	void *near_re;        /* not-near: pattern on the store's line and those above */
	long long near_lines; /* how many lines above (default 2) */
	long long min_length, min_items;
	unsigned in;  /* bit (1 << enum cstore_kind) */
	int bytes, all_zero;
	char **idents;
	long long *ints;
	size_t nints;
};

static void assign_free(void *state)
{
	struct assign_state *st = state;
	if (!st)
		return;
	matcher_regex_free(st->name_re);
	matcher_regex_free(st->value_re);
	matcher_regex_free(st->exclude_re);
	matcher_regex_free(st->near_re);
	yparam_strlist_free(st->idents);
	free(st->ints);
	free(st);
}

static const char *const assign_keys[] = {
	"name", "value", "exclude", "not-near", "min-length", "min-items",
	"bytes", "all-zero", "ident", "int", "in",
};

static int assign_compile(const struct yparam *p, void **state)
{
	struct assign_state *st = xcalloc(1, sizeof *st);
	*state = st;
	st->min_length = 1;
	st->min_items = 1;
	st->in = 0xf;
	if (!yparam_is_map(p)) {
		yparam_error(p, "'assign' parameters must be a mapping");
		return -1;
	}
	if (yparam_unknown_keys(p, assign_keys, ARRAY_LEN(assign_keys), " in 'assign'"))
		return -1;
	int absent;
	st->name_re = matcher_regex_param(p, "name", 1, 1, &absent);
	if (!st->name_re)
		return -1;
	st->value_re = matcher_regex_param(p, "value", 0, 0, &absent);
	if (!st->value_re && !absent)
		return -1;
	st->exclude_re = matcher_regex_param(p, "exclude", 0, 1, &absent);
	if (!st->exclude_re && !absent)
		return -1;
	struct yparam nn = yparam_get(p, "not-near");
	st->near_lines = 2;
	if (nn.node) {
		/* A scalar pattern, or { pattern: ..., lines: N }. */
		if (yparam_is_map(&nn)) {
			static const char *const keys[] = {"pattern", "lines"};
			if (yparam_unknown_keys(&nn, keys, ARRAY_LEN(keys), " in 'not-near' of 'assign'"))
				return -1;
			st->near_re = matcher_regex_param(&nn, "pattern", 1, 0, &absent);
			if (!st->near_re || yparam_int(&nn, "lines", 0, &st->near_lines) < 0)
				return -1;
			if (st->near_lines < 0 || st->near_lines > 50) {
				yparam_error(&nn, "'not-near': 'lines' must be 0 to 50");
				return -1;
			}
		} else {
			st->near_re = matcher_regex_param(p, "not-near", 1, 0, &absent);
			if (!st->near_re)
				return -1;
		}
	}
	if (yparam_int(p, "min-length", 0, &st->min_length) < 0 ||
	    yparam_int(p, "min-items", 0, &st->min_items) < 0 ||
	    yparam_bool(p, "bytes", 0, &st->bytes) < 0 ||
	    yparam_bool(p, "all-zero", 0, &st->all_zero) < 0)
		return -1;
	size_t n;
	if (yparam_strlist(p, "ident", 0, &st->idents, &n) < 0 ||
	    yparam_intlist(p, "int", 0, &st->ints, &st->nints) < 0)
		return -1;
	struct yparam in = yparam_get(p, "in");
	if (in.node) {
		size_t n_in = yparam_is_seq(&in) ? yparam_seq_len(&in) : 1;
		st->in = 0;
		for (size_t i = 0; i < n_in; i++) {
			struct yparam it = yparam_is_seq(&in) ? yparam_seq_item(&in, i) : in;
			const char *name = yparam_scalar(&it);
			size_t k = 0;
			while (name && k < ARRAY_LEN(store_names) && strcmp(name, store_names[k]) != 0)
				k++;
			if (!name || k == ARRAY_LEN(store_names)) {
				yparam_error(&it, "'in' items must be init, assign, field or macro (not '%s')",
					     name ? name : "(not a string)");
				return -1;
			}
			st->in |= 1u << k;
		}
	}
	return 0;
}

static int value_matches(const struct assign_state *st, const struct cval *v)
{
	if (st->idents || st->ints) {
		for (size_t i = 0; st->idents && st->idents[i]; i++)
			if (v->kind == CV_IDENT && strcmp(st->idents[i], v->text) == 0)
				return 1;
		for (size_t i = 0; i < st->nints; i++)
			if (v->kind == CV_INT && v->ival == st->ints[i])
				return 1;
		return 0;
	}
	if (st->bytes)
		return v->kind == CV_LIST && v->all_int && (long long)v->nitems >= st->min_items &&
		       (!st->all_zero || v->all_zero);
	if (v->kind != CV_STRING)
		return 0;
	size_t len = strlen(v->text);
	if ((long long)len < st->min_length)
		return 0;
	if (st->value_re && !matcher_regex_test(st->value_re, v->text, len))
		return 0;
	if (st->exclude_re && matcher_regex_test(st->exclude_re, v->text, len))
		return 0;
	return 1;
}

static void assign_event(const struct rule *r, const void *state, const struct cev *ev,
			 struct match_ctx *mc)
{
	const struct assign_state *st = state;
	if (!(ev->kind & (CEV_STORE | CEV_MACRO)) || ev->nargs < 1)
		return;
	if (!(st->in & (1u << ev->store)))
		return;
	if (!matcher_regex_test(st->name_re, ev->name, strlen(ev->name)))
		return;
	const struct cval *v = &ev->args[0];
	if (!value_matches(st, v))
		return;
	/* not-near: the store's line or one of the lines just above says what the
	 * value is (password = "busybox"; after user = "anonymous"). */
	const struct textfile *tf = st->near_re ? match_text(mc) : NULL;
	for (long long k = 0; tf && k <= st->near_lines && (long long)ev->line - 1 - k >= 0; k++) {
		size_t len;
		const char *line = textfile_line(tf, (size_t)((long long)ev->line - 1 - k), &len);
		if (line && matcher_regex_test(st->near_re, line, len))
			return;
	}
	struct match_hit h = {
		.line = ev->line,
		.col = ev->col,
		.end_line = ev->end_line,
		.end_col = ev->end_col,
		.name = ev->qual,
		.value = v->text,
		.recovered = ev->recovered,
	};
	if (v->kind == CV_STRING && v->end_col > v->col + 1) {
		h.mask_line = v->line;
		h.mask_col = v->col + 1;
		h.mask_end_col = v->end_col - 1;
	}
	match_report(mc, r, &h);
}

const struct matcher_ops matcher_assign = {
	.name = "assign",
	.default_kinds = FK_C | FK_HEADER | FK_CPP,
	.cev_mask = CEV_STORE | CEV_MACRO,
	.compile = assign_compile,
	.free = assign_free,
	.on_event = assign_event,
};
