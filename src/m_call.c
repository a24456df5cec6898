/* m_call.c - the `call` matcher: a call by callee name, with constraints on
 * its arguments (identifier, integer, string literal regex, expression text,
 * value kind), on their number, on the enclosing function, on whether the
 * call is made inside a macro's expansion, on the lines before it (before,
 * not-before) or after it (after, not-after), and alternatives (`any`). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
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
	void *not_ident_re;  /* anything but an identifier (or a member's last name, or
			      * juxtaposed identifiers) matching */
	void *expr_re;       /* an expression (not a literal) whose joined tokens match */
	long long *ints;
	size_t nints;
	void *string_re;     /* string literal contents match */
	void *not_string_re; /* anything but a string literal matching */
	int kind;            /* enum cval_kind, or -1 */
	char *conversions;   /* converted by the call's literal format with one of these letters */
};

/* before / not-before, after / not-after: a line regex looked for in the
 * lines before (after) the call, in the same function; {argN} stands for
 * argument N's text. */
struct context_check {
	char *pattern;   /* NULL: no check */
	long long lines; /* how many lines back */
	void *re;        /* compiled once when the pattern has no {argN} */
};

/* One call pattern: the rule's `call` mapping, or one item of its `any`. */
struct call_pat {
	char **names; /* NULL-terminated, or NULL */
	void *name_re;
	void *function_re;     /* the enclosing function's name must match */
	struct arg_check *args;
	size_t nargs;
	struct context_check before, not_before, after, not_after;
	long long max_args; /* -1: any number */
	int in_macro;       /* 0: not a call made inside a macro's expansion */
};

struct call_state {
	struct call_pat top;
	struct call_pat *alts; /* `any`: one of them must match too */
	size_t nalts;
};

static const char *const kind_names[] = {"other", "string", "int", "ident", "list"};

static int is_ident_char(char c)
{
	return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void pat_free(struct call_pat *p)
{
	yparam_strlist_free(p->names);
	matcher_regex_free(p->name_re);
	matcher_regex_free(p->function_re);
	free(p->before.pattern);
	matcher_regex_free(p->before.re);
	free(p->not_before.pattern);
	matcher_regex_free(p->not_before.re);
	free(p->after.pattern);
	matcher_regex_free(p->after.re);
	free(p->not_after.pattern);
	matcher_regex_free(p->not_after.re);
	for (size_t i = 0; i < p->nargs; i++) {
		yparam_strlist_free(p->args[i].idents);
		yparam_strlist_free(p->args[i].not_idents);
		free(p->args[i].ints);
		matcher_regex_free(p->args[i].string_re);
		matcher_regex_free(p->args[i].not_string_re);
		matcher_regex_free(p->args[i].ident_re);
		matcher_regex_free(p->args[i].not_ident_re);
		matcher_regex_free(p->args[i].expr_re);
		free(p->args[i].conversions);
	}
	free(p->args);
}

static void call_free(void *state)
{
	struct call_state *st = state;
	if (!st)
		return;
	pat_free(&st->top);
	for (size_t i = 0; i < st->nalts; i++)
		pat_free(&st->alts[i]);
	free(st->alts);
	free(st);
}

/* An optional regex parameter: 0 absent or compiled, -1 on error. */
static int opt_regex(const struct yparam *p, const char *key, int caseless, void **out)
{
	int absent;
	*out = matcher_regex_param(p, key, 0, caseless, &absent);
	return *out || absent ? 0 : -1;
}

static const char *const arg_keys[] = {
	"index", "ident", "not-ident", "int", "string", "not-string",
	"ident-regex", "not-ident-regex", "expr-regex", "kind", "conversion",
};

static int compile_arg(const struct yparam *item, struct arg_check *a)
{
	a->kind = -1;
	if (!yparam_is_map(item)) {
		yparam_error(item, "each 'args' item must be a mapping with 'index'");
		return -1;
	}
	if (yparam_unknown_keys(item, arg_keys, ARRAY_LEN(arg_keys), " in an 'args' item"))
		return -1;
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
	if (opt_regex(item, "string", 0, &a->string_re) < 0 ||
	    opt_regex(item, "not-string", 0, &a->not_string_re) < 0 ||
	    opt_regex(item, "ident-regex", 1, &a->ident_re) < 0 ||
	    opt_regex(item, "not-ident-regex", 1, &a->not_ident_re) < 0 ||
	    opt_regex(item, "expr-regex", 0, &a->expr_re) < 0)
		return -1;
	if (yparam_str(item, "conversion", 0, &a->conversions) < 0)
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
	if (!a->idents && !a->not_idents && !a->ident_re && !a->not_ident_re && !a->expr_re &&
	    !a->ints && !a->string_re && !a->not_string_re && a->kind < 0) {
		yparam_error(item, "an 'args' item needs one of ident, ident-regex, not-ident, "
				   "not-ident-regex, expr-regex, int, string, not-string, kind");
		return -1;
	}
	return 0;
}

/* Replace each {argN} of pattern with the regex for argument N's text (args
 * NULL: with a plain word, to check the pattern's syntax). Returns a new
 * string, or NULL when an {argN} names an argument the call does not have. */
static char *expand_pattern(const char *pattern, const struct cev *ev)
{
	struct sbuf b = {0};
	for (const char *q = pattern; *q;) {
		if (q[0] == '{' && strncmp(q, "{arg", 4) == 0 && q[4] >= '0' && q[4] <= '9') {
			const char *r = q + 4;
			size_t k = 0;
			while (*r >= '0' && *r <= '9' && k < 1000)
				k = k * 10 + (size_t)(*r++ - '0');
			if (*r == '}') {
				if (!ev) {
					sbuf_adds(&b, "arg");
				} else if (k >= ev->nargs || !*ev->args[k].text ||
					   ev->args[k].kind == CV_STRING) {
					sbuf_free(&b);
					return NULL;
				} else {
					/* Words as they are, other characters quoted,
					 * blanks allowed between them (\Q...\E would
					 * not allow "strlen( s )"). */
					sbuf_adds(&b, "(?:");
					for (const char *t = ev->args[k].text; *t; t++) {
						if (is_ident_char(*t))
							sbuf_addc(&b, *t);
						else if (*t == ' ')
							sbuf_adds(&b, "\\s+");
						else {
							sbuf_adds(&b, "\\s*\\");
							sbuf_addc(&b, *t);
							sbuf_adds(&b, "\\s*");
						}
					}
					sbuf_adds(&b, ")(?!\\w)");
				}
				q = r + 1;
				continue;
			}
		}
		sbuf_addc(&b, *q++);
	}
	return sbuf_take(&b);
}

static int compile_context(const struct yparam *p, const char *key, struct context_check *c)
{
	struct yparam v = yparam_get(p, key);
	if (!v.node)
		return 0;
	if (!yparam_is_map(&v)) {
		yparam_error(&v, "'%s' must be a mapping with 'pattern' and 'lines'", key);
		return -1;
	}
	static const char *const keys[] = {"pattern", "lines"};
	if (yparam_unknown_keys(&v, keys, ARRAY_LEN(keys), " (expected 'pattern' and 'lines')"))
		return -1;
	c->lines = 10;
	int rc = yparam_int(&v, "lines", 0, &c->lines);
	if (rc < 0)
		return -1;
	if (c->lines < 1 || c->lines > 200) {
		struct yparam l = yparam_get(&v, "lines");
		yparam_error(&l, "'lines' must be between 1 and 200");
		return -1;
	}
	if (yparam_str(&v, "pattern", 1, &c->pattern) != 0)
		return -1;
	char *probe = expand_pattern(c->pattern, NULL);
	struct yparam pat = yparam_get(&v, "pattern");
	/* (?m): the window's lines are matched as one text, ^ and $ at each line. */
	char *ml = xasprintf("(?m)%s", probe);
	void *re = matcher_regex_compile(&pat, ml, 0);
	free(ml);
	free(probe);
	if (!re)
		return -1;
	if (strstr(c->pattern, "{arg"))
		matcher_regex_free(re);
	else
		c->re = re;
	return 0;
}

static const char *const pat_keys[] = {
	"name", "name-regex", "function", "args", "max-args", "in-macro",
	"before", "not-before", "after", "not-after", "any",
};

/* The keys of one pattern; names are required unless need_name is 0. */
static int compile_pat(const struct yparam *p, struct call_pat *pat, int need_name)
{
	pat->max_args = -1;
	pat->in_macro = 1;
	if (yparam_unknown_keys(p, pat_keys, ARRAY_LEN(pat_keys), " in 'call'"))
		return -1;
	size_t n;
	if (yparam_strlist(p, "name", 0, &pat->names, &n) < 0)
		return -1;
	if (opt_regex(p, "name-regex", 0, &pat->name_re) < 0 ||
	    opt_regex(p, "function", 1, &pat->function_re) < 0)
		return -1;
	if (need_name && !pat->names && !pat->name_re) {
		yparam_error(p, "'call' needs 'name' or 'name-regex'");
		return -1;
	}
	int rc = yparam_int(p, "max-args", 0, &pat->max_args);
	if (rc < 0)
		return -1;
	if (rc == 0 && (pat->max_args < 0 || pat->max_args > 64)) {
		struct yparam m = yparam_get(p, "max-args");
		yparam_error(&m, "'max-args' must be between 0 and 64");
		return -1;
	}
	if (yparam_bool(p, "in-macro", 0, &pat->in_macro) < 0)
		return -1;
	if (compile_context(p, "before", &pat->before) < 0 ||
	    compile_context(p, "not-before", &pat->not_before) < 0 ||
	    compile_context(p, "after", &pat->after) < 0 ||
	    compile_context(p, "not-after", &pat->not_after) < 0)
		return -1;
	struct yparam args = yparam_get(p, "args");
	if (args.node) {
		if (!yparam_is_seq(&args)) {
			yparam_error(&args, "'args' must be a list");
			return -1;
		}
		pat->nargs = yparam_seq_len(&args);
		pat->args = xcalloc(pat->nargs ? pat->nargs : 1, sizeof *pat->args);
		for (size_t i = 0; i < pat->nargs; i++) {
			struct yparam item = yparam_seq_item(&args, i);
			if (compile_arg(&item, &pat->args[i]) != 0)
				return -1;
		}
	}
	return 0;
}

static int call_compile(const struct yparam *p, void **state)
{
	struct call_state *st = xcalloc(1, sizeof *st);
	*state = st;
	st->top.max_args = -1;
	st->top.in_macro = 1;
	if (!yparam_is_map(p)) {
		yparam_error(p, "'call' parameters must be a mapping");
		return -1;
	}
	struct yparam any = yparam_get(p, "any");
	if (any.node && (!yparam_is_seq(&any) || yparam_seq_len(&any) == 0)) {
		yparam_error(&any, "'any' must be a non-empty list of call patterns");
		return -1;
	}
	int top_named = yparam_get(p, "name").node || yparam_get(p, "name-regex").node;
	if (compile_pat(p, &st->top, !any.node) != 0)
		return -1;
	if (!any.node)
		return 0;
	st->nalts = yparam_seq_len(&any);
	st->alts = xcalloc(st->nalts, sizeof *st->alts);
	for (size_t i = 0; i < st->nalts; i++) {
		struct yparam item = yparam_seq_item(&any, i);
		if (!yparam_is_map(&item)) {
			yparam_error(&item, "each 'any' item must be a mapping (a call pattern)");
			return -1;
		}
		if (yparam_get(&item, "any").node) {
			struct yparam nested = yparam_get(&item, "any");
			yparam_error(&nested, "'any' items cannot hold 'any'");
			return -1;
		}
		if (compile_pat(&item, &st->alts[i], !top_named) != 0)
			return -1;
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

/* ---- a conditional whose branches are string literals ---- */

/* End of the string or character literal starting at s (its quote). */
static const char *skip_quoted(const char *s)
{
	char q = *s++;
	while (*s && *s != q) {
		if (*s == '\\' && s[1])
			s++;
		s++;
	}
	return *s ? s + 1 : s;
}

/* The top-level occurrence of ch in [s, e), or NULL. For '?', the first one;
 * for ':', the one that closes the conditional (nested ?: pairs skipped). */
static const char *top_level(const char *s, const char *e, char ch)
{
	int depth = 0, pending = 0;
	for (const char *q = s; q < e;) {
		if (*q == '"' || *q == '\'') {
			q = skip_quoted(q);
			continue;
		}
		if (*q == '(' || *q == '[' || *q == '{')
			depth++;
		else if ((*q == ')' || *q == ']' || *q == '}') && depth > 0)
			depth--;
		else if (depth == 0 && *q == '?') {
			if (ch == '?')
				return q;
			pending++;
		} else if (depth == 0 && *q == ':' && ch == ':' && !(q + 1 < e && q[1] == ':') &&
			   !(q > s && q[-1] == ':')) {
			if (pending == 0)
				return q;
			pending--;
		}
		q++;
	}
	return NULL;
}

/* Calls that translate a string literal and return it (gettext): _("..."). */
static const char *const translate_fns[] = {"_", "N_", "gettext", "gettext_noop", NULL};

/* Is [s, e) string literals, possibly in parentheses, possibly joined with
 * string macros (identifiers: "id=" MACSTR), translated (_("...")) or
 * interrupted by preprocessor directives (#ifdef X "..." #endif), with at
 * least one literal, possibly with a constant offset ("..." + 4)? The
 * literals' contents (escapes kept, as for CV_STRING; a macro's contents
 * unknown; the offset ignored) go to out. */
static int literal_branch(const char *s, const char *e, struct sbuf *out)
{
	while (s < e && *s == ' ')
		s++;
	while (e > s && e[-1] == ' ')
		e--;
	while (s < e && *s == '(' && e[-1] == ')') {
		s++;
		e--;
	}
	int nlit = 0;
	while (s < e) {
		if (*s == ' ') {
			s++;
			continue;
		}
		if (*s == '#') { /* a directive: up to the next literal */
			while (s < e && *s != '"')
				s++;
			continue;
		}
		if (*s == '+' && nlit > 0) { /* "Non-authoritative: ..." + 4: a suffix */
			const char *d = s + 1;
			while (d < e && *d == ' ')
				d++;
			const char *d0 = d;
			while (d < e && *d >= '0' && *d <= '9')
				d++;
			if (d > d0 && d == e)
				return 1;
			return 0;
		}
		const char *q = s;
		while (q < e && is_ident_char(*q))
			q++;
		if (q < e && *q == '"' && q - s <= 2) { /* encoding prefix: L, u, U, u8 */
			const char *end = skip_quoted(q);
			if (end > e || end[-1] != '"')
				return 0;
			sbuf_addn(out, q + 1, (size_t)(end - q - 2));
			nlit++;
			s = end;
			continue;
		}
		if (q == s)
			return 0;
		if (q < e && *q == '(') { /* _("...") */
			int known = 0;
			for (size_t k = 0; translate_fns[k]; k++)
				if (strlen(translate_fns[k]) == (size_t)(q - s) &&
				    memcmp(translate_fns[k], s, (size_t)(q - s)) == 0)
					known = 1;
			if (!known || q + 1 >= e || q[1] != '"')
				return 0;
			const char *end = skip_quoted(q + 1);
			if (end >= e || *end != ')' || end[-1] != '"')
				return 0;
			sbuf_addn(out, q + 2, (size_t)(end - q - 3));
			nlit++;
			s = end + 1;
			continue;
		}
		s = q; /* a string macro */
	}
	return nlit > 0;
}

/* The branches of a conditional `c ? "a" : "b"` (nested conditionals in the
 * branches too) when they are all string literals: returns their number, or 0
 * when [s, e) is no such conditional; *all_match is cleared when re is given
 * and some branch's contents do not match it. */
static size_t cond_literals(const char *s, const char *e, void *re, int *all_match)
{
	while (s < e && *s == ' ')
		s++;
	while (e > s && e[-1] == ' ')
		e--;
	while (s < e && *s == '(' && e[-1] == ')' && top_level(s + 1, e - 1, '?')) {
		/* (c ? "a" : "b") */
		s++;
		e--;
	}
	const char *qm = top_level(s, e, '?');
	if (!qm)
		return 0;
	const char *colon = top_level(qm + 1, e, ':');
	if (!colon)
		return 0;
	size_t n = 0;
	const char *parts[2][2] = {{qm + 1, colon}, {colon + 1, e}};
	for (int i = 0; i < 2; i++) {
		struct sbuf b = {0};
		if (literal_branch(parts[i][0], parts[i][1], &b)) {
			if (re && !matcher_regex_test(re, sbuf_str(&b), b.len))
				*all_match = 0;
			n++;
		} else {
			size_t k = cond_literals(parts[i][0], parts[i][1], re, all_match);
			if (k == 0) {
				sbuf_free(&b);
				return 0;
			}
			n += k;
		}
		sbuf_free(&b);
	}
	return n;
}

/* For a CV_OTHER value that is a string literal in another shape than the
 * front end recognises (a conditional between literals, a translated
 * literal, literals joined with several macros or interrupted by
 * preprocessor directives): 1 when every literal it can be matches re, 0
 * when one does not, -1 when the value is no such literal. */
static int cond_match(const struct cval *v, void *re)
{
	if (v->kind != CV_OTHER || !strchr(v->text, '"'))
		return -1;
	const char *e = v->text + strlen(v->text);
	int all = 1;
	if (strchr(v->text, '?') && cond_literals(v->text, e, re, &all) > 0)
		return all;
	struct sbuf b = {0};
	int r = -1;
	if (literal_branch(v->text, e, &b))
		r = matcher_regex_test(re, sbuf_str(&b), b.len);
	sbuf_free(&b);
	return r;
}

/* Does an identifier-like value match re? An identifier, the last name of a
 * member access (pr->fmt, cfg.banner), or juxtaposed identifiers (string
 * macros: HOME CLEAR), every one of which must match. */
static int names_match(const struct cval *v, void *re)
{
	if (v->kind == CV_IDENT)
		return matcher_regex_test(re, v->text, strlen(v->text));
	if (v->kind != CV_OTHER || !*v->text)
		return 0;
	const char *t = v->text;
	int member = 0, blank = 0;
	for (const char *q = t; *q; q++) {
		if (is_ident_char(*q))
			continue;
		if (*q == ' ')
			blank = 1;
		else if (*q == '.' || (*q == '-' && q[1] == '>'))
			member = 1, q += *q == '-';
		else
			return 0;
	}
	if (member && blank)
		return 0;
	if (member) {
		const char *last = t;
		for (const char *q = t; *q; q++)
			if (*q == '.' || *q == '>')
				last = q + 1;
		return *last && !(*last >= '0' && *last <= '9') &&
		       matcher_regex_test(re, last, strlen(last));
	}
	for (const char *q = t; *q;) {
		const char *w = q;
		while (*q && *q != ' ')
			q++;
		if (q == w || (*w >= '0' && *w <= '9') || !matcher_regex_test(re, w, (size_t)(q - w)))
			return 0;
		while (*q == ' ')
			q++;
	}
	return 1;
}

/* For an identifier: is it a constant string of this file, a const char array
 * or a const pointer initialised with string literals
 * (static const char banner[] = "...";)? 1 when its literals match re, 0 when
 * they do not, -1 when no such definition is found. Like a string macro of
 * the same file, it counts as that string. */
static int const_string_match(const struct cval *v, void *re, struct match_ctx *mc)
{
	const struct textfile *tf = mc ? match_text(mc) : NULL;
	if (v->kind != CV_IDENT || !tf || !tf->data)
		return -1;
	size_t n = strlen(v->text);
	const char *end = tf->data + tf->len;
	for (const char *p = tf->data; (p = memmem(p, (size_t)(end - p), v->text, n)) != NULL; p += n) {
		if ((p > tf->data && is_ident_char(p[-1])) || (p + n < end && is_ident_char(p[n])))
			continue;
		/* Before the name on its line: "const char", "char const", or
		 * "const char *const" (the pointer itself constant). */
		const char *ls = p;
		while (ls > tf->data && ls[-1] != '\n')
			ls--;
		struct sbuf pre = {0};
		sbuf_addn(&pre, ls, (size_t)(p - ls));
		const char *t = sbuf_str(&pre);
		int constant = (strstr(t, "const char") || strstr(t, "char const")) &&
			       (!strchr(t, '*') || strstr(t, "* const") || strstr(t, "*const"));
		sbuf_free(&pre);
		if (!constant)
			continue;
		/* After it: optional [...], then '=' and literals up to ';'. */
		const char *q = p + n;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (q < end && *q == '[') {
			while (q < end && *q != ']' && *q != '\n')
				q++;
			if (q < end && *q == ']')
				q++;
		}
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (q >= end || *q != '=' || (q + 1 < end && q[1] == '='))
			continue;
		const char *semi = q + 1;
		while (semi < end && *semi != ';' && semi - q < 8192) {
			if (*semi == '"')
				semi = skip_quoted(semi);
			else
				semi++;
		}
		if (semi >= end || *semi != ';')
			continue;
		/* Blanks and line breaks between the literals become single blanks. */
		struct sbuf val = {0};
		for (const char *c = q + 1; c < semi; c++) {
			if (*c == '"') {
				const char *e2 = skip_quoted(c);
				sbuf_addn(&val, c, (size_t)(e2 - c));
				c = e2 - 1;
			} else if (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r') {
				if (val.len && sbuf_str(&val)[val.len - 1] != ' ')
					sbuf_addc(&val, ' ');
			} else {
				sbuf_addc(&val, *c);
			}
		}
		struct sbuf lit = {0};
		int r = -1;
		if (literal_branch(sbuf_str(&val), sbuf_str(&val) + val.len, &lit))
			r = matcher_regex_test(re, sbuf_str(&lit), lit.len);
		sbuf_free(&lit);
		sbuf_free(&val);
		if (r >= 0)
			return r;
	}
	return -1;
}

/* A constraint holds when one of its positive alternatives holds (or it has
 * none) and every negative one (not-ident, not-ident-regex, not-string) holds. */
/* A constant written as a macro name (ESP_LOGI(TAG, "%s", WIFI_PASS) with
 * #define WIFI_PASS "..."): the front end gives the literal it expands to;
 * does the name as written at the argument's position match re? */
static int macro_spelled(const struct cval *v, struct match_ctx *mc, void *re)
{
	const struct textfile *tf = match_text(mc);
	if (!tf || v->line == 0 || v->col == 0)
		return 0;
	size_t len;
	const char *line = textfile_line(tf, v->line - 1, &len);
	if (v->col - 1 >= len)
		return 0;
	const char *w = line + v->col - 1, *e = w;
	if (!((*w >= 'A' && *w <= 'Z') || (*w >= 'a' && *w <= 'z') || *w == '_'))
		return 0;
	while (e < line + len && is_ident_char(*e))
		e++;
	return matcher_regex_test(re, w, (size_t)(e - w));
}

static int arg_holds(const struct arg_check *a, const struct cval *v, struct match_ctx *mc)
{
	if (a->not_idents && v->kind == CV_IDENT && in_list(a->not_idents, v->text))
		return 0;
	if (a->not_ident_re && names_match(v, a->not_ident_re))
		return 0;
	if (a->not_string_re) {
		if (v->kind == CV_STRING &&
		    matcher_regex_test(a->not_string_re, v->text, strlen(v->text)))
			return 0;
		if (cond_match(v, a->not_string_re) == 1)
			return 0;
		if (const_string_match(v, a->not_string_re, mc) == 1)
			return 0;
	}
	int positives = a->idents || a->ident_re || a->nints || a->string_re || a->kind >= 0 ||
			a->expr_re;
	if (!positives)
		return 1;
	if (a->idents && v->kind == CV_IDENT && in_list(a->idents, v->text))
		return 1;
	if (a->nints && v->kind == CV_INT)
		for (size_t i = 0; i < a->nints; i++)
			if (a->ints[i] == v->ival)
				return 1;
	if (a->string_re) {
		if (v->kind == CV_STRING && matcher_regex_test(a->string_re, v->text, strlen(v->text)))
			return 1;
		if (cond_match(v, a->string_re) == 1)
			return 1;
		if (const_string_match(v, a->string_re, mc) == 1)
			return 1;
	}
	if (a->kind >= 0 && (int)v->kind == a->kind)
		return 1;
	if (a->expr_re && (v->kind == CV_IDENT || v->kind == CV_OTHER) &&
	    matcher_regex_test(a->expr_re, v->text, strlen(v->text)))
		return 1;
	if (a->ident_re && (v->kind == CV_STRING || v->kind == CV_INT) && macro_spelled(v, mc, a->ident_re))
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

/* Is the call made inside a function-like macro's expansion? The front end
 * reports such a call at the macro's use site, where the source holds the
 * macro's name, not the callee's (dev_err(dev, "...") -> printf(...)). */
static int through_macro(const struct cev *ev, struct match_ctx *mc)
{
	const struct textfile *tf = match_text(mc);
	if (!tf || ev->line == 0 || ev->col == 0)
		return 0;
	size_t len;
	const char *line = textfile_line(tf, ev->line - 1, &len);
	if (ev->col - 1 >= len)
		return 0;
	const char *s = line + ev->col - 1;
	size_t rest = len - (ev->col - 1), n = strlen(ev->name);
	if (rest < n || memcmp(s, ev->name, n) != 0)
		return 1;
	if (rest > n) {
		char c = s[n];
		if (c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			return 1;
	}
	return 0;
}

/* Does the text of the c->lines lines before the call (and its own line up to
 * the callee), back to the end of the previous function (a '}' in column 1),
 * or with after != 0 of the lines after it (and its own last line from the
 * end of the call) up to the end of its function, match c's pattern? The
 * lines are matched as one text, joined by newlines (^ and $ at each line), so
 * a pattern can follow a statement over several lines. -1 when the pattern
 * names an argument the call lacks. */
static int context_found(const struct context_check *c, const struct cev *ev, struct match_ctx *mc,
			 int after)
{
	const struct textfile *tf = match_text(mc);
	if (!tf || ev->line == 0)
		return 0;
	pcre2_code *re = c->re;
	if (!re) {
		char *pat = expand_pattern(c->pattern, ev);
		if (!pat)
			return -1;
		int err;
		PCRE2_SIZE erroff;
		re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
				   PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_MULTILINE, &err, &erroff,
				   NULL);
		free(pat);
		if (!re)
			return -1;
	}
	long long call = (long long)(after && ev->end_line ? ev->end_line : ev->line) - 1;
	long long first = call, last = call; /* the window, 0-based lines */
	for (long long n = 1; n <= c->lines; n++) {
		long long at = after ? call + n : call - n;
		if (at < 0 || (size_t)at >= tf->nlines)
			break;
		size_t len;
		const char *line = textfile_line(tf, (size_t)at, &len);
		if (len > 0 && line[0] == '}')
			break;
		if (after)
			last = at;
		else
			first = at;
	}
	struct sbuf text = {0};
	for (long long at = first; at <= last; at++) {
		size_t len;
		const char *line = textfile_line(tf, (size_t)at, &len);
		if (at == call && !after) {
			len = ev->col > 0 && ev->col - 1 < len ? ev->col - 1 : len;
		} else if (at == call) {
			size_t from = ev->end_col > 0 && ev->end_col - 1 < len ? ev->end_col - 1 : len;
			line += from;
			len -= from;
		}
		if (at > first)
			sbuf_addc(&text, '\n');
		sbuf_addn(&text, line, len);
	}
	int found = matcher_regex_test(re, sbuf_str(&text), text.len);
	sbuf_free(&text);
	if (re != c->re)
		pcre2_code_free(re);
	return found;
}

/* Is argument k converted with one of `letters` by the call's format (the
 * last string literal before it)? Yes when there is no literal format or the
 * mapping is not known. When the format has fewer or more conversions than
 * there are arguments after it (a macro's part of it unknown), they are
 * matched from the end. */
static int converted_with(const struct cev *ev, size_t k, const char *letters)
{
	size_t f = k;
	while (f > 0 && ev->args[f - 1].kind != CV_STRING)
		f--;
	if (f == 0)
		return 1;
	f--;
	char conv[64];
	int got = util_format_conversions(ev->args[f].text, conv, sizeof conv);
	if (got < 0)
		return 1;
	size_t nconv = (size_t)got, nvar = ev->nargs - f - 1;
	size_t pos;
	if (nconv == nvar)
		pos = k - f - 1;
	else if (nconv >= ev->nargs - k)
		pos = nconv - (ev->nargs - k);
	else
		return 1;
	/* A '*' width or precision is a number. */
	return strchr(letters, conv[pos] == '*' ? 'd' : conv[pos]) != NULL;
}

/* The cheap part of pattern p: names, enclosing function, number of arguments. */
static int pat_selects(const struct call_pat *p, const struct cev *ev)
{
	if (p->names && !in_list(p->names, ev->name))
		return 0;
	if (!p->names && p->name_re && !matcher_regex_test(p->name_re, ev->name, strlen(ev->name)))
		return 0;
	if (p->function_re && !matcher_regex_test(p->function_re, ev->func, strlen(ev->func)))
		return 0;
	if (p->max_args >= 0 && ev->nargs > (size_t)p->max_args)
		return 0;
	return 1;
}

/* The rest of pattern p: macro expansion, the text before the call, the
 * arguments. *shown and *literal get the first argument that satisfied a
 * constraint and the first string literal among them. */
static int pat_holds(const struct call_pat *p, const struct cev *ev, struct match_ctx *mc,
		     const struct cval **shown, const struct cval **literal)
{
	if (!p->in_macro && through_macro(ev, mc))
		return 0;
	if (p->before.pattern && context_found(&p->before, ev, mc, 0) != 1)
		return 0;
	if (p->not_before.pattern && context_found(&p->not_before, ev, mc, 0) == 1)
		return 0;
	if (p->after.pattern && context_found(&p->after, ev, mc, 1) != 1)
		return 0;
	if (p->not_after.pattern && context_found(&p->not_after, ev, mc, 1) == 1)
		return 0;
	for (size_t i = 0; i < p->nargs; i++) {
		const struct arg_check *a = &p->args[i];
		const struct cval *held = NULL;
		if (a->index == INDEX_ANY) {
			for (size_t k = 0; k < ev->nargs && !held; k++)
				if (arg_holds(a, &ev->args[k], mc) &&
				    (!a->conversions || converted_with(ev, k, a->conversions)))
					held = &ev->args[k];
		} else if (a->index < ev->nargs && arg_holds(a, &ev->args[a->index], mc) &&
			   (!a->conversions || converted_with(ev, a->index, a->conversions))) {
			held = &ev->args[a->index];
		}
		if (!held)
			return 0;
		if (!*shown)
			*shown = held;
		if (!*literal && held->kind == CV_STRING)
			*literal = held;
	}
	return 1;
}

static void call_event(const struct rule *r, const void *state, const struct cev *ev,
		       struct match_ctx *mc)
{
	const struct call_state *st = state;
	if (ev->kind != CEV_CALL || !pat_selects(&st->top, ev))
		return;
	size_t i = 0;
	if (st->nalts) { /* the first alternative that selects the call, before any text is read */
		while (i < st->nalts && !pat_selects(&st->alts[i], ev))
			i++;
		if (i == st->nalts)
			return;
	}
	const struct cval *shown = NULL, *literal = NULL;
	if (!pat_holds(&st->top, ev, mc, &shown, &literal))
		return;
	if (st->nalts) {
		for (; i < st->nalts; i++) {
			const struct cval *s2 = shown, *l2 = literal;
			if (pat_selects(&st->alts[i], ev) && pat_holds(&st->alts[i], ev, mc, &s2, &l2)) {
				shown = s2;
				literal = l2;
				break;
			}
		}
		if (i == st->nalts)
			return;
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
