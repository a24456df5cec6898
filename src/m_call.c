/* m_call.c - the `call` matcher: a call by callee name, with constraints on
 * its arguments (identifier, integer, string literal regex, value kind). */
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "matcher.h"

#define INDEX_ANY ((size_t)-1)

struct arg_check {
	size_t index;        /* or INDEX_ANY: some argument */
	char **idents;       /* NULL-terminated, or NULL */
	char **not_idents;   /* anything but one of these identifiers */
	void *ident_re;      /* an identifier (or a.b->c chain) whose last name matches */
	long long *ints;
	size_t nints;
	void *string_re;     /* string literal contents match */
	void *not_string_re; /* anything but a string literal matching */
	int kind;            /* enum cval_kind, or -1 */
};

struct call_state {
	char **names; /* NULL-terminated, or NULL */
	void *name_re;
	void *function_re; /* the enclosing function's name must match */
	struct arg_check *args;
	size_t nargs;
};

static const char *const kind_names[] = {"other", "string", "int", "ident", "list"};

static void call_free(void *state)
{
	struct call_state *st = state;
	if (!st)
		return;
	yparam_strlist_free(st->names);
	matcher_regex_free(st->name_re);
	matcher_regex_free(st->function_re);
	for (size_t i = 0; i < st->nargs; i++) {
		yparam_strlist_free(st->args[i].idents);
		yparam_strlist_free(st->args[i].not_idents);
		free(st->args[i].ints);
		matcher_regex_free(st->args[i].string_re);
		matcher_regex_free(st->args[i].not_string_re);
		matcher_regex_free(st->args[i].ident_re);
	}
	free(st->args);
	free(st);
}

static int compile_arg(const struct yparam *item, struct arg_check *a)
{
	a->kind = -1;
	if (!yparam_is_map(item)) {
		yparam_error(item, "each 'args' item must be a mapping with 'index'");
		return -1;
	}
	struct yparam ix = yparam_get(item, "index");
	const char *ixs = yparam_scalar(&ix);
	long long idx;
	if (ixs && strcmp(ixs, "any") == 0) {
		a->index = INDEX_ANY;
	} else {
		if (yparam_int(item, "index", 1, &idx) != 0)
			return -1;
		if (idx < 0 || idx > 64) {
			yparam_error(&ix, "'index' must be 'any' or between 0 and 64");
			return -1;
		}
		a->index = (size_t)idx;
	}
	size_t n;
	if (yparam_strlist(item, "ident", 0, &a->idents, &n) < 0 ||
	    yparam_strlist(item, "not-ident", 0, &a->not_idents, &n) < 0 ||
	    yparam_intlist(item, "int", 0, &a->ints, &a->nints) < 0)
		return -1;
	int absent;
	a->string_re = matcher_regex_param(item, "string", 0, 0, &absent);
	if (!a->string_re && !absent)
		return -1;
	a->not_string_re = matcher_regex_param(item, "not-string", 0, 0, &absent);
	if (!a->not_string_re && !absent)
		return -1;
	a->ident_re = matcher_regex_param(item, "ident-regex", 0, 1, &absent);
	if (!a->ident_re && !absent)
		return -1;
	char *kind = NULL;
	int rc = yparam_str(item, "kind", 0, &kind);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		for (size_t i = 0; i < ARRAY_LEN(kind_names); i++)
			if (strcmp(kind, kind_names[i]) == 0)
				a->kind = (int)i;
		if (a->kind < 0) {
			yparam_error(item, "'kind' must be one of string, int, ident, list, other");
			free(kind);
			return -1;
		}
		free(kind);
	}
	if (!a->idents && !a->not_idents && !a->ident_re && !a->ints && !a->string_re &&
	    !a->not_string_re && a->kind < 0) {
		yparam_error(item, "an 'args' item needs one of ident, ident-regex, not-ident, int, "
				   "string, not-string, kind");
		return -1;
	}
	return 0;
}

static int call_compile(const struct yparam *p, void **state)
{
	struct call_state *st = xcalloc(1, sizeof *st);
	*state = st;
	if (!yparam_is_map(p)) {
		yparam_error(p, "'call' parameters must be a mapping");
		return -1;
	}
	size_t n;
	int rc = yparam_strlist(p, "name", 0, &st->names, &n);
	if (rc < 0)
		return -1;
	int absent;
	st->name_re = matcher_regex_param(p, "name-regex", 0, 0, &absent);
	if (!st->name_re && !absent)
		return -1;
	st->function_re = matcher_regex_param(p, "function", 0, 1, &absent);
	if (!st->function_re && !absent)
		return -1;
	if (!st->names && !st->name_re) {
		yparam_error(p, "'call' needs 'name' or 'name-regex'");
		return -1;
	}
	struct yparam args = yparam_get(p, "args");
	if (args.node) {
		if (!yparam_is_seq(&args)) {
			yparam_error(&args, "'args' must be a list");
			return -1;
		}
		st->nargs = yparam_seq_len(&args);
		st->args = xcalloc(st->nargs ? st->nargs : 1, sizeof *st->args);
		for (size_t i = 0; i < st->nargs; i++) {
			struct yparam item = yparam_seq_item(&args, i);
			if (compile_arg(&item, &st->args[i]) != 0)
				return -1;
		}
	}
	return 0;
}

static int in_list(char *const *list, const char *s)
{
	for (size_t i = 0; list && list[i]; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

/* A constraint holds when one of its positive alternatives holds (or it has
 * none) and every negative one (not-ident, not-string) holds. */
static int arg_holds(const struct arg_check *a, const struct cval *v)
{
	if (a->not_idents && v->kind == CV_IDENT && in_list(a->not_idents, v->text))
		return 0;
	if (a->not_string_re && v->kind == CV_STRING &&
	    matcher_regex_test(a->not_string_re, v->text, strlen(v->text)))
		return 0;
	int positives = a->idents || a->ident_re || a->nints || a->string_re || a->kind >= 0;
	if (!positives)
		return 1;
	if (a->idents && v->kind == CV_IDENT && in_list(a->idents, v->text))
		return 1;
	if (a->nints && v->kind == CV_INT)
		for (size_t i = 0; i < a->nints; i++)
			if (a->ints[i] == v->ival)
				return 1;
	if (a->string_re && v->kind == CV_STRING && matcher_regex_test(a->string_re, v->text, strlen(v->text)))
		return 1;
	if (a->kind >= 0 && (int)v->kind == a->kind)
		return 1;
	if (a->ident_re && (v->kind == CV_IDENT || v->kind == CV_OTHER)) {
		/* The last name of "cfg.sta.password", "creds->psk", "password". */
		const char *t = v->text, *last = t;
		for (const char *q = t; *q; q++)
			if (*q == '.' || *q == '>' || *q == ' ' || *q == '&' || *q == '*' || *q == '(')
				last = q + 1;
		int simple = 1;
		for (const char *q = last; *q; q++)
			if (!(*q == '_' || (*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'z') ||
			      (*q >= 'A' && *q <= 'Z')))
				simple = 0;
		if (simple && *last && matcher_regex_test(a->ident_re, last, strlen(last)))
			return 1;
	}
	return 0;
}

static void call_event(const struct rule *r, const void *state, const struct cev *ev,
		       struct match_ctx *mc)
{
	const struct call_state *st = state;
	if (ev->kind != CEV_CALL)
		return;
	if (st->names ? !in_list(st->names, ev->name)
		      : !matcher_regex_test(st->name_re, ev->name, strlen(ev->name)))
		return;
	if (st->function_re && !matcher_regex_test(st->function_re, ev->func, strlen(ev->func)))
		return;
	const struct cval *shown = NULL, *literal = NULL;
	for (size_t i = 0; i < st->nargs; i++) {
		const struct arg_check *a = &st->args[i];
		const struct cval *held = NULL;
		if (a->index == INDEX_ANY) {
			for (size_t k = 0; k < ev->nargs && !held; k++)
				if (arg_holds(a, &ev->args[k]))
					held = &ev->args[k];
		} else if (a->index < ev->nargs && arg_holds(a, &ev->args[a->index])) {
			held = &ev->args[a->index];
		}
		if (!held)
			return;
		if (!shown)
			shown = held;
		if (!literal && held->kind == CV_STRING)
			literal = held;
	}
	struct match_hit h = {
		.line = ev->line,
		.col = ev->col,
		.end_line = ev->end_line,
		.end_col = ev->end_col,
		.callee = ev->name,
		.name = ev->name,
		.value = shown ? shown->text : NULL,
		.recovered = ev->recovered,
	};
	/* A secret rule masks the string literal it matched (or the shown one). */
	if (!literal && shown && shown->kind == CV_STRING)
		literal = shown;
	if (literal && literal->end_col > literal->col + 1) {
		h.mask_line = literal->line;
		h.mask_col = literal->col + 1;
		h.mask_end_col = literal->end_col - 1;
	}
	match_report(mc, r, &h);
}

const struct matcher_ops matcher_call = {
	.name = "call",
	.default_kinds = FK_C | FK_HEADER | FK_CPP,
	.cev_mask = CEV_CALL,
	.compile = call_compile,
	.free = call_free,
	.on_event = call_event,
};
