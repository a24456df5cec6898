/* m_taint.c - the `taint` matcher: untrusted data reaching a dangerous use.
 * Compiles the rule's sources, sinks, sanitizers and propagators (YAML) into
 * a taint_config and runs the analysis (taint.c) on each file's flow model
 * (CEV_UNIT). Parameters: see etsilint-rules(5).
 *
 * Names in `call:` lists are exact, or a PCRE2 pattern written /.../. */
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "matcher.h"
#include "taint.h"

/* ---- parameters ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int compile_names(const struct yparam *item, const char *key, int required,
			 struct taint_names *out)
{
	char **list = NULL;
	size_t n = 0;
	int rc = yparam_strlist(item, key, required, &list, &n);
	if (rc != 0)
		return rc;
	struct yparam at = yparam_get(item, key);
	out->exact = xcalloc(n ? n : 1, sizeof *out->exact);
	out->re = xcalloc(n ? n : 1, sizeof *out->re);
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(list[i]);
		if (len >= 2 && list[i][0] == '/' && list[i][len - 1] == '/') {
			list[i][len - 1] = '\0';
			void *re = matcher_regex_compile(&at, list[i] + 1, 0);
			if (!re)
				bad = 1;
			else
				out->re[out->nre++] = re;
		} else {
			out->exact[out->nexact++] = xstrdup(list[i]);
		}
	}
	yparam_strlist_free(list);
	if (out->nexact > 1)
		qsort(out->exact, out->nexact, sizeof *out->exact, cmp_str);
	return bad ? -1 : 0;
}

/* An integer or list of integers in [0, 63] as a mask; 1 when absent. */
static int compile_mask(const struct yparam *item, const char *key, taint_mask *out)
{
	long long *v = NULL;
	size_t n = 0;
	int rc = yparam_intlist(item, key, 0, &v, &n);
	if (rc != 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (v[i] < 0 || v[i] > 61) {
			struct yparam at = yparam_get(item, key);
			yparam_error(&at, "'%s': argument indexes are 0-based and at most 61", key);
			free(v);
			return -1;
		}
		*out |= (taint_mask)1 << v[i];
	}
	free(v);
	return 0;
}

static int compile_index(const struct yparam *item, const char *key, int *out)
{
	long long v;
	int rc = yparam_int(item, key, 0, &v);
	if (rc != 0)
		return rc;
	if (v < 0 || v > 61) {
		struct yparam at = yparam_get(item, key);
		yparam_error(&at, "'%s': argument indexes are 0-based and at most 61", key);
		return -1;
	}
	*out = (int)v;
	return 0;
}

static int compile_re(const struct yparam *item, const char *key, void **out)
{
	int absent;
	*out = matcher_regex_param(item, key, 0, 0, &absent);
	return *out || absent ? 0 : -1;
}

static int check_keys(const struct yparam *item, const char *const *keys, size_t nkeys,
		      const char *what)
{
	/* Unknown keys are errors here: a typo in a source list silently
	 * changes what the analysis sees. */
	if (!yparam_is_map(item)) {
		yparam_error(item, "each %s item must be a mapping", what);
		return -1;
	}
	char *suffix = xasprintf(" in a %s item", what);
	int bad = yparam_unknown_keys(item, keys, nkeys, suffix);
	free(suffix);
	return bad ? -1 : 0;
}

static int compile_source(const struct yparam *it, struct taint_source *s)
{
	static const char *const keys[] = {"call", "out", "out-from", "return", "field", "type",
					   "param", "function", "signature", "only-if", "unless", NULL};
	if (check_keys(it, keys, ARRAY_LEN(keys) - 1, "sources") != 0)
		return -1;
	s->out_from = -1;
	s->if_arg = -1;
	s->unless_arg = -1;
	struct yparam un = yparam_get(it, "unless");
	if (un.node) {
		static const char *const ukeys[] = {"arg", "from", NULL};
		if (check_keys(&un, ukeys, ARRAY_LEN(ukeys) - 1, "unless") != 0 || compile_index(&un, "arg", &s->unless_arg) < 0 ||
		    compile_names(&un, "from", 1, &s->unless_from) != 0)
			return -1;
		if (s->unless_arg < 0) {
			yparam_error(&un, "'unless' needs 'arg' and 'from'");
			return -1;
		}
	}
	struct yparam oi = yparam_get(it, "only-if");
	if (oi.node) {
		static const char *const okeys[] = {"arg", "matches", NULL};
		if (check_keys(&oi, okeys, ARRAY_LEN(okeys) - 1, "only-if") != 0 || compile_index(&oi, "arg", &s->if_arg) < 0 ||
		    compile_re(&oi, "matches", &s->if_re) != 0)
			return -1;
		if (s->if_arg < 0 || !s->if_re) {
			yparam_error(&oi, "'only-if' needs 'arg' and 'matches'");
			return -1;
		}
	}
	int has_call = yparam_get(it, "call").node != NULL, has_field = yparam_get(it, "field").node != NULL,
	    has_param = yparam_get(it, "param").node != NULL;
	if (has_call + has_field + has_param != 1) {
		yparam_error(it, "a source needs exactly one of 'call', 'field' or 'param'");
		return -1;
	}
	if (has_call) {
		s->kind = TSRC_CALL;
		if (compile_names(it, "call", 1, &s->names) != 0 || compile_mask(it, "out", &s->out) < 0 ||
		    compile_index(it, "out-from", &s->out_from) < 0)
			return -1;
		struct yparam rv = yparam_get(it, "return");
		if (rv.node) {
			const char *t = yparam_scalar(&rv);
			if (t && !strcmp(t, "bounded")) {
				s->ret = TRET_BOUNDED;
			} else {
				int b;
				if (yparam_bool(it, "return", 1, &b) != 0) {
					yparam_error(&rv, "'return' must be true, false or bounded");
					return -1;
				}
				s->ret = b ? TRET_TAINTED : TRET_NONE;
			}
		}
		if (!s->out && s->out_from < 0 && s->ret == TRET_NONE) {
			yparam_error(it, "a call source needs 'out', 'out-from' or 'return'");
			return -1;
		}
		return 0;
	}
	if (has_field) {
		s->kind = TSRC_FIELD;
		size_t n;
		if (yparam_strlist(it, "field", 1, &s->fields, &n) != 0)
			return -1;
		if (!yparam_get(it, "type").node) {
			yparam_error(it, "a field source needs 'type' (a pattern for the variable's declared type)");
			return -1;
		}
		return compile_re(it, "type", &s->type_re);
	}
	s->kind = TSRC_PARAM;
	if (compile_mask(it, "param", &s->params) != 0 || compile_re(it, "function", &s->func_re) != 0 ||
	    compile_re(it, "signature", &s->sig_re) != 0)
		return -1;
	if (!s->func_re && !s->sig_re) {
		yparam_error(it, "a param source needs 'function' or 'signature'");
		return -1;
	}
	return 0;
}

static int compile_sink(const struct yparam *it, struct taint_sink *s)
{
	static const char *const keys[] = {"call", "arg", "args", "arg-from", "index", "loop-bound",
					   "format", "conversions", "dest", "fixed-dest", NULL};
	if (check_keys(it, keys, ARRAY_LEN(keys) - 1, "sinks") != 0)
		return -1;
	s->arg_from = -1;
	s->format = -1;
	s->dest = -1;
	int flag = 0;
	if (yparam_bool(it, "index", 0, &flag) < 0)
		return -1;
	if (flag) {
		s->kind = TSNK_INDEX;
		return 0;
	}
	if (yparam_bool(it, "loop-bound", 0, &flag) < 0)
		return -1;
	if (flag) {
		s->kind = TSNK_LOOP;
		return 0;
	}
	s->kind = TSNK_CALL;
	int one = -1;
	if (compile_names(it, "call", 1, &s->names) != 0 || compile_index(it, "arg", &one) < 0 ||
	    compile_mask(it, "args", &s->args) < 0 || compile_index(it, "arg-from", &s->arg_from) < 0)
		return -1;
	if (one >= 0)
		s->args |= (taint_mask)1 << one;
	if (compile_index(it, "format", &s->format) < 0 || compile_index(it, "dest", &s->dest) < 0 ||
	    yparam_str(it, "conversions", 0, &s->conversions) < 0)
		return -1;
	if (yparam_bool(it, "fixed-dest", 0, &s->fixed_dest) < 0)
		return -1;
	if (s->fixed_dest && s->dest < 0) {
		struct yparam f = yparam_get(it, "fixed-dest");
		yparam_error(&f, "'fixed-dest' needs 'dest'");
		return -1;
	}
	if ((s->format >= 0) != (s->conversions != NULL)) {
		yparam_error(it, "'format' and 'conversions' go together");
		return -1;
	}
	if (!s->args && s->arg_from < 0) {
		yparam_error(it, "a call sink needs 'arg', 'args' or 'arg-from'");
		return -1;
	}
	return 0;
}

static int compile_sanitizer(const struct yparam *it, struct taint_sanitizer *s)
{
	static const char *const keys[] = {"call", "returns", "checks", "cleans", NULL};
	if (check_keys(it, keys, ARRAY_LEN(keys) - 1, "sanitizers") != 0)
		return -1;
	if (compile_names(it, "call", 1, &s->names) != 0 || compile_mask(it, "checks", &s->checks) < 0 ||
	    compile_mask(it, "cleans", &s->cleans) < 0)
		return -1;
	struct yparam rv = yparam_get(it, "returns");
	if (rv.node) {
		const char *t = yparam_scalar(&rv);
		if (!t || (strcmp(t, "clean") && strcmp(t, "bounded"))) {
			yparam_error(&rv, "'returns' must be clean or bounded");
			return -1;
		}
		s->returns_clean = !strcmp(t, "clean");
		s->returns_bounded = !strcmp(t, "bounded");
	}
	if (!s->returns_clean && !s->returns_bounded && !s->checks && !s->cleans) {
		yparam_error(it, "a sanitizer needs 'returns', 'checks' or 'cleans'");
		return -1;
	}
	return 0;
}

static int compile_prop(const struct yparam *it, struct taint_propagator *p)
{
	static const char *const keys[] = {"call", "from", "from-from", "to", "to-from", "return-from",
					   "writes", NULL};
	if (check_keys(it, keys, ARRAY_LEN(keys) - 1, "propagators") != 0)
		return -1;
	p->from_from = -1;
	p->to_from = -1;
	if (compile_names(it, "call", 1, &p->names) != 0 || compile_mask(it, "from", &p->from) < 0 ||
	    compile_index(it, "from-from", &p->from_from) < 0 || compile_mask(it, "to", &p->to) < 0 ||
	    compile_mask(it, "return-from", &p->ret_from) < 0 || compile_index(it, "to-from", &p->to_from) < 0)
		return -1;
	if (!p->ret_from && !((p->from || p->from_from >= 0) && (p->to || p->to_from >= 0))) {
		yparam_error(it, "a propagator needs 'from'/'from-from' with 'to'/'to-from', or 'return-from'");
		return -1;
	}
	struct yparam wr = yparam_get(it, "writes");
	if (wr.node) {
		const char *t = yparam_scalar(&wr);
		if (t && !strcmp(t, "join")) {
			p->writes = TWR_JOIN;
		} else if (t && !strcmp(t, "replace")) {
			p->writes = TWR_REPLACE;
		} else if (t && !strcmp(t, "copy")) {
			p->writes = TWR_COPY;
		} else {
			yparam_error(&wr, "'writes' must be join, replace or copy");
			return -1;
		}
	}
	return 0;
}

/* Compile the list under key with fn into a new array of n items of size sz. */
static int compile_list(const struct yparam *p, const char *key, int required, size_t sz,
			int (*fn)(const struct yparam *, void *), void **out, size_t *n)
{
	struct yparam l = yparam_get(p, key);
	*out = NULL;
	*n = 0;
	if (!l.node) {
		if (required) {
			yparam_error(p, "missing required key '%s'", key);
			return -1;
		}
		return 0;
	}
	if (!yparam_is_seq(&l)) {
		yparam_error(&l, "'%s' must be a list", key);
		return -1;
	}
	size_t len = yparam_seq_len(&l);
	char *v = xcalloc(len ? len : 1, sz);
	*out = v;
	int rc = 0;
	for (size_t i = 0; i < len; i++) {
		struct yparam it = yparam_seq_item(&l, i);
		(*n)++;
		if (fn(&it, v + i * sz) != 0)
			rc = -1;
	}
	if (required && len == 0) {
		yparam_error(&l, "'%s' must not be empty", key);
		rc = -1;
	}
	return rc;
}

static int src_fn(const struct yparam *it, void *out) { return compile_source(it, out); }
static int sink_fn(const struct yparam *it, void *out) { return compile_sink(it, out); }
static int san_fn(const struct yparam *it, void *out) { return compile_sanitizer(it, out); }
static int prop_fn(const struct yparam *it, void *out) { return compile_prop(it, out); }

static void taint_free_state(void *state)
{
	taint_config_free(state);
}

static int taint_compile(const struct yparam *p, void **state)
{
	static const char *const keys[] = {"sources", "sinks", "sanitizers", "propagators",
					   "bounds-check", NULL};
	struct taint_config *cfg = xcalloc(1, sizeof *cfg);
	*state = cfg;
	cfg->bounds_check = 1;
	if (!yparam_is_map(p)) {
		yparam_error(p, "'taint' must be a mapping with 'sources' and 'sinks'");
		return -1;
	}
	if (yparam_unknown_keys(p, keys, ARRAY_LEN(keys) - 1, " in 'taint'"))
		return -1;
	int rc = 0;
	void *v;
	if (compile_list(p, "sources", 1, sizeof *cfg->sources, src_fn, &v, &cfg->nsources) != 0)
		rc = -1;
	cfg->sources = v;
	if (compile_list(p, "sinks", 1, sizeof *cfg->sinks, sink_fn, &v, &cfg->nsinks) != 0)
		rc = -1;
	cfg->sinks = v;
	if (compile_list(p, "sanitizers", 0, sizeof *cfg->sanitizers, san_fn, &v, &cfg->nsanitizers) != 0)
		rc = -1;
	cfg->sanitizers = v;
	if (compile_list(p, "propagators", 0, sizeof *cfg->props, prop_fn, &v, &cfg->nprops) != 0)
		rc = -1;
	cfg->props = v;
	if (yparam_bool(p, "bounds-check", 0, &cfg->bounds_check) < 0)
		rc = -1;
	return rc;
}

/* ---- matching ---- */

struct report_ctx {
	const struct rule *r;
	struct match_ctx *mc;
};

static void on_hit(const struct taint_hit *h, void *ud)
{
	struct report_ctx *rc = ud;
	struct match_hit mh = {0};
	mh.line = h->line;
	mh.col = h->col;
	mh.end_line = h->end_line;
	mh.end_col = h->end_line == h->line ? h->end_col : 0;
	mh.callee = h->callee;
	mh.name = h->name;
	mh.value = h->source;
	mh.steps = h->steps;
	mh.nsteps = h->nsteps;
	match_report(rc->mc, rc->r, &mh);
}

static void taint_on_event(const struct rule *r, const void *state, const struct cev *ev,
			   struct match_ctx *mc)
{
	if (ev->kind != CEV_UNIT || !ev->unit)
		return;
	struct report_ctx rc = {r, mc};
	taint_run(state, ev->unit, on_hit, &rc);
}

const struct matcher_ops matcher_taint = {
	.name = "taint",
	.default_kinds = FK_C | FK_CPP | FK_HEADER,
	.cev_mask = CEV_UNIT,
	.compile = taint_compile,
	.free = taint_free_state,
	.on_event = taint_on_event,
};
