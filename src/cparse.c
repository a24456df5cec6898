/* cparse.c - the C front end: the only file that includes clang-c/Index.h.
 *
 * One libclang parse per file. From it:
 *   1. the file's token stream (clang_tokenize over the whole main file),
 *   2. one AST visit, which reports every call the AST holds and records the
 *      offsets of the calls and stores it saw,
 *   3. one token pass, which reports stores (initializers, assignments,
 *      designated initializers), object-like macros, and the calls the AST
 *      lost: libclang drops a whole statement when one of its arguments uses
 *      an undeclared name or an unknown type, which is the rule in firmware
 *      trees whose SDK headers are absent. Those events carry recovered=1
 *      when the translation unit had errors.
 * Arguments and values are always read from tokens, so a call looks the same
 * to a rule whether the AST or the token pass found it. */
#include "cparse.h"

#include <clang-c/Index.h>
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#include "cflow.h"
#include "ctok.h"
#include "util.h"

struct cparse {
	CXIndex index;
	unsigned timeout_ms; /* 0: parse in this thread, without a limit */
};


struct toks {
	struct ctok *v;
	size_t n;
};

/* Offsets the AST visit saw (calls: callee offset; stores: names, '='). */
struct offset_set {
	unsigned *v;
	size_t n, cap;
};

/* Function bodies by token range, for cev.func. */
struct func_range {
	size_t open, close; /* token indexes of '{' and its '}' */
	const char *name;
};

/* Object-like macros of this file whose value is a string literal. */
struct str_macro {
	const char *name;
	char *value;
};

struct pass {
	struct toks t;
	struct str_macro *macros;
	size_t nmacros;
	struct offset_set seen_calls, seen_stores, emitted_calls;
	struct func_range *funcs;
	size_t nfuncs;
	const char *data;
	size_t len;
	unsigned wanted;
	int tu_errors;
	cev_fn fn;
	void *ud;
	CXFile file;
	const char *cur_func; /* during the AST visit */
};

struct cparse *cparse_new(void)
{
	struct cparse *cp = xcalloc(1, sizeof *cp);
	cp->index = clang_createIndex(0, 0);
	return cp;
}

void cparse_set_timeout(struct cparse *cp, unsigned ms)
{
	cp->timeout_ms = ms;
}

void cparse_free(struct cparse *cp)
{
	if (!cp)
		return;
	clang_disposeIndex(cp->index);
	free(cp);
}

char *cparse_version(void)
{
	CXString s = clang_getClangVersion();
	char *r = xstrdup(clang_getCString(s));
	clang_disposeString(s);
	return r;
}

/* ---- offset sets ---- */

static void oset_add(struct offset_set *s, unsigned off)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n++] = off;
}

static int cmp_uint(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
	return x < y ? -1 : x > y;
}

static void oset_sort(struct offset_set *s)
{
	if (s->n > 1)
		qsort(s->v, s->n, sizeof *s->v, cmp_uint);
}

static int oset_has(const struct offset_set *s, unsigned off)
{
	return s->n && bsearch(&off, s->v, s->n, sizeof *s->v, cmp_uint) != NULL;
}

/* ---- tokens ---- */

static int tok_is(const struct ctok *t, const char *s)
{
	return t->kind == CTK_PUNCT && strcmp(t->s, s) == 0;
}

static int tok_is_string(const struct ctok *t)
{
	if (t->kind != CTK_LIT)
		return 0;
	const char *s = t->s;
	if (*s == 'L' || *s == 'U')
		s++;
	else if (*s == 'u')
		s += s[1] == '8' ? 2 : 1;
	return *s == '"' || (*s == 'R' && s[1] == '"');
}

static int tok_is_char(const struct ctok *t)
{
	if (t->kind != CTK_LIT)
		return 0;
	const char *s = t->s;
	while (*s == 'L' || *s == 'u' || *s == 'U' || *s == '8')
		s++;
	return *s == '\'';
}

static int tok_is_number(const struct ctok *t)
{
	return t->kind == CTK_LIT && (isdigit((unsigned char)t->s[0]) || t->s[0] == '.');
}

static void tokenize_file(CXTranslationUnit tu, CXFile file, const char *data, size_t len,
			  struct toks *out)
{
	CXSourceLocation b = clang_getLocationForOffset(tu, file, 0);
	CXSourceLocation e = clang_getLocationForOffset(tu, file, (unsigned)len);
	CXToken *ct = NULL;
	unsigned n = 0;
	clang_tokenize(tu, clang_getRange(b, e), &ct, &n);
	out->v = xcalloc(n ? n : 1, sizeof *out->v);
	out->n = 0;
	/* Line/column by one incremental walk over the text (tokens are sorted);
	 * a UTF-8 byte order mark is not a column, as in textfile.c. */
	unsigned pos = 0, line = 1, col = 1;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		pos = 3;
	for (unsigned i = 0; i < n; i++) {
		CXTokenKind k = clang_getTokenKind(ct[i]);
		if (k == CXToken_Comment)
			continue;
		CXSourceRange r = clang_getTokenExtent(tu, ct[i]);
		unsigned so, eo;
		CXFile f1;
		clang_getFileLocation(clang_getRangeStart(r), &f1, NULL, NULL, &so);
		clang_getFileLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &eo);
		if (so > len || eo > len || eo < so || so < pos)
			continue;
		struct ctok *t = &out->v[out->n++];
		t->kind = k == CXToken_Punctuation ? CTK_PUNCT
			  : k == CXToken_Keyword   ? CTK_KEYWORD
			  : k == CXToken_Identifier ? CTK_IDENT
						    : CTK_LIT;
		CXString s = clang_getTokenSpelling(tu, ct[i]);
		t->s = xstrdup(clang_getCString(s));
		clang_disposeString(s);
		for (; pos < so; pos++) {
			if (data[pos] == '\n') {
				line++;
				col = 1;
			} else {
				col++;
			}
		}
		t->off = so;
		t->end_off = eo;
		t->line = line;
		t->col = col;
		unsigned el = line, ec = col;
		for (unsigned p = so; p < eo; p++) {
			if (data[p] == '\n') {
				el++;
				ec = 1;
			} else {
				ec++;
			}
		}
		t->end_line = el;
		t->end_col = ec;
	}
	if (ct)
		clang_disposeTokens(tu, ct, n);
	/* Preprocessor directives: '#' first on its line, through continuations. */
	for (size_t i = 0; i < out->n; i++) {
		struct ctok *t = &out->v[i];
		if (!tok_is(t, "#") || (i > 0 && out->v[i - 1].line == t->line))
			continue;
		unsigned last = t->line;
		/* Extend over backslash-continued lines. */
		size_t p = t->off;
		for (;;) {
			while (p < len && data[p] != '\n')
				p++;
			size_t q = p;
			while (q > 0 && (data[q - 1] == '\r'))
				q--;
			if (p < len && q > 0 && data[q - 1] == '\\') {
				last++;
				p++;
				continue;
			}
			break;
		}
		size_t j = i;
		while (j < out->n && out->v[j].line <= last)
			out->v[j++].directive = (unsigned)i + 1;
		i = j - 1;
	}
}

/* Name of the directive starting at token i ("if", "define", ...), or "". */
static const char *directive_name(const struct toks *t, size_t i)
{
	if (i + 1 < t->n && tok_is(&t->v[i], "#") && t->v[i + 1].directive == t->v[i].directive)
		return t->v[i + 1].s;
	return "";
}

/* Drop the tokens of "#if 0" blocks (up to the matching #else, #elif or
 * #endif): code nobody compiles, which the AST does not see either. */
static void drop_if0(struct toks *t)
{
	size_t k = 0;
	for (size_t i = 0; i < t->n; i++) {
		struct ctok *x = &t->v[i];
		int if0 = tok_is(x, "#") && strcmp(directive_name(t, i), "if") == 0 && i + 3 <= t->n &&
			  strcmp(t->v[i + 2].s, "0") == 0 && t->v[i + 2].directive == x->directive &&
			  (i + 3 == t->n || t->v[i + 3].directive != x->directive);
		if (!if0) {
			t->v[k++] = *x;
			continue;
		}
		/* Keep the "#if 0" directive itself; skip to the end of the block. */
		size_t j = i;
		while (j < t->n && t->v[j].directive == x->directive)
			t->v[k++] = t->v[j++];
		int depth = 0;
		for (; j < t->n; j++) {
			const char *d = t->v[j].directive && tok_is(&t->v[j], "#") ? directive_name(t, j) : "";
			if (!strncmp(d, "if", 2)) {
				depth++;
			} else if (!strcmp(d, "endif")) {
				if (depth-- == 0)
					break;
			} else if ((!strcmp(d, "else") || !strncmp(d, "elif", 4)) && depth == 0) {
				break;
			}
			free(t->v[j].s);
		}
		i = j - 1;
	}
	t->n = k;
}

static void toks_free(struct toks *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].s);
	free(t->v);
}

/* Index of the token starting at byte offset off, or (size_t)-1. */
static size_t tok_at(const struct toks *t, unsigned off)
{
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (t->v[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->n && t->v[lo].off == off ? lo : (size_t)-1;
}

/* Index of the bracket matching the opener at i, or t->n when unbalanced. */
static size_t match_close(const struct toks *t, size_t i)
{
	int depth = 0;
	for (size_t j = i; j < t->n; j++) {
		const struct ctok *k = &t->v[j];
		if (k->kind != CTK_PUNCT)
			continue;
		if (tok_is(k, "(") || tok_is(k, "[") || tok_is(k, "{"))
			depth++;
		else if (tok_is(k, ")") || tok_is(k, "]") || tok_is(k, "}")) {
			if (--depth == 0)
				return j;
		}
	}
	return t->n;
}

static size_t match_open(const struct toks *t, size_t i)
{
	int depth = 0;
	for (size_t j = i + 1; j-- > 0;) {
		const struct ctok *k = &t->v[j];
		if (k->kind != CTK_PUNCT)
			continue;
		if (tok_is(k, ")") || tok_is(k, "]") || tok_is(k, "}"))
			depth++;
		else if (tok_is(k, "(") || tok_is(k, "[") || tok_is(k, "{")) {
			if (--depth == 0)
				return j;
		}
	}
	return (size_t)-1;
}

/* ---- values from token ranges ---- */

/* Contents of a string literal token without prefix and quotes. */
static void string_contents(const char *s, struct sbuf *out)
{
	const char *q = strchr(s, '"');
	if (!q)
		return;
	if (q > s && q[-1] == 'R') { /* raw string R"delim(...)delim" */
		const char *lp = strchr(q, '(');
		const char *rp = strrchr(q, ')');
		if (lp && rp && rp > lp)
			sbuf_addn(out, lp + 1, (size_t)(rp - lp - 1));
		return;
	}
	size_t n = strlen(q);
	if (n >= 2)
		sbuf_addn(out, q + 1, n - 2);
}

static int is_word_tok(const struct ctok *t)
{
	return t->kind != CTK_PUNCT;
}

static void join_tokens(const struct toks *t, size_t a, size_t b, struct sbuf *out)
{
	for (size_t i = a; i < b; i++) {
		if (i > a && is_word_tok(&t->v[i]) && is_word_tok(&t->v[i - 1]))
			sbuf_addc(out, ' ');
		else if (i > a && (tok_is(&t->v[i], "=") || tok_is(&t->v[i - 1], "=") ||
				   tok_is(&t->v[i - 1], ",")))
			sbuf_addc(out, ' ');
		sbuf_adds(out, t->v[i].s);
	}
}

static int parse_int(const char *s, long long *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 0);
	if (end == s)
		return 0;
	while (*end == 'u' || *end == 'U' || *end == 'l' || *end == 'L')
		end++;
	if (*end)
		return 0;
	*out = v;
	return 1;
}

/* One item of a list: an integer or character literal (possibly negative). */
static int item_int(const struct toks *t, size_t a, size_t b, long long *v)
{
	if (b - a == 2 && tok_is(&t->v[a], "-") && tok_is_number(&t->v[a + 1])) {
		if (!parse_int(t->v[a + 1].s, v))
			return 0;
		*v = -*v;
		return 1;
	}
	if (b - a != 1)
		return 0;
	if (tok_is_char(&t->v[a])) {
		const char *q = strchr(t->v[a].s, '\'');
		*v = q && q[1] ? (unsigned char)q[1] : 0;
		return 1;
	}
	return tok_is_number(&t->v[a]) && parse_int(t->v[a].s, v);
}

/* Strip outer parentheses and leading casts like "(const char *)". */
static void strip_casts(const struct toks *t, size_t *pa, size_t b)
{
	size_t a = *pa;
	while (a < b && tok_is(&t->v[a], "(")) {
		size_t c = match_close(t, a);
		if (c >= b)
			break;
		if (c == b - 1) { /* ( whole ) */
			a++;
			b--;
			continue;
		}
		int typeish = c > a + 1;
		for (size_t i = a + 1; i < c; i++)
			if (!(t->v[i].kind == CTK_IDENT || t->v[i].kind == CTK_KEYWORD || tok_is(&t->v[i], "*")))
				typeish = 0;
		if (!typeish)
			break;
		a = c + 1;
	}
	*pa = a;
	(void)b;
}

static void value_from_tokens(const struct toks *t, size_t a, size_t b, struct cval *v,
			      struct sbuf *text)
{
	memset(v, 0, sizeof *v);
	size_t ob = b;
	while (b > a && tok_is(&t->v[a], "(") && match_close(t, a) == b - 1) {
		a++;
		b--;
	}
	strip_casts(t, &a, b);
	if (a >= b) {
		v->kind = CV_OTHER;
		v->text = "";
		if (a < t->n) {
			v->line = t->v[a].line;
			v->col = t->v[a].col;
		}
		return;
	}
	(void)ob;
	v->line = t->v[a].line;
	v->col = t->v[a].col;
	v->end_col = t->v[b - 1].end_line == v->line ? t->v[b - 1].end_col : 0;
	/* String literals, possibly concatenated with macros that must expand to
	 * string literals ("id=" MACSTR ";%s", "%" PRIu32): a string. */
	int all_str = 1, nstr = 0, prev_ident = 0;
	for (size_t i = a; i < b && all_str; i++) {
		if (tok_is_string(&t->v[i])) {
			nstr++;
			prev_ident = 0;
		} else if (t->v[i].kind == CTK_IDENT && !prev_ident) {
			prev_ident = 1;
		} else {
			all_str = 0;
		}
	}
	if (all_str && nstr) {
		v->kind = CV_STRING;
		for (size_t i = a; i < b; i++)
			if (tok_is_string(&t->v[i]))
				string_contents(t->v[i].s, text);
		return;
	}
	long long iv;
	if (item_int(t, a, b, &iv) && !tok_is_char(&t->v[b - 1])) {
		v->kind = CV_INT;
		v->ival = iv;
		join_tokens(t, a, b, text);
		return;
	}
	if (b - a == 1 && (t->v[a].kind == CTK_IDENT || t->v[a].kind == CTK_KEYWORD)) {
		v->kind = CV_IDENT;
		sbuf_adds(text, t->v[a].s);
		return;
	}
	join_tokens(t, a, b, text);
	if (tok_is(&t->v[a], "{") && match_close(t, a) == b - 1) {
		v->kind = CV_LIST;
		v->all_int = 1;
		v->all_zero = 1;
		size_t start = a + 1;
		for (size_t i = a + 1; i <= b - 1; i++) {
			const struct ctok *k = &t->v[i];
			if (tok_is(k, "(") || tok_is(k, "[") || tok_is(k, "{")) {
				i = match_close(t, i);
				if (i >= b - 1)
					i = b - 2;
				continue;
			}
			if (i == b - 1 || tok_is(k, ",")) {
				if (i > start) {
					v->nitems++;
					long long x;
					if (!item_int(t, start, i, &x))
						v->all_int = v->all_zero = 0;
					else if (x != 0)
						v->all_zero = 0;
				}
				start = i + 1;
			}
		}
		if (v->nitems == 0)
			v->all_int = v->all_zero = 0;
		return;
	}
	v->kind = CV_OTHER;
}

/* ---- event emission ---- */

/* Function bodies are disjoint and sorted by their '{': binary search. */
static const char *func_at(const struct pass *ps, size_t tokidx)
{
	size_t lo = 0, hi = ps->nfuncs;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (ps->funcs[mid].open < tokidx)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0 && tokidx < ps->funcs[lo - 1].close)
		return ps->funcs[lo - 1].name;
	return "";
}

/* Split the argument list of the call whose '(' is token lp. */
static void emit_call(struct pass *ps, size_t name_idx, size_t lp, const char *name, int recovered)
{
	const struct toks *t = &ps->t;
	size_t rp = match_close(t, lp);
	size_t cap = 8, nargs = 0;
	struct cval *args = xcalloc(cap, sizeof *args);
	struct sbuf *texts = xcalloc(cap, sizeof *texts);
	if (rp > lp + 1) {
		size_t start = lp + 1;
		for (size_t i = lp + 1; i <= rp && i < t->n; i++) {
			const struct ctok *k = &t->v[i];
			if (i < rp && (tok_is(k, "(") || tok_is(k, "[") || tok_is(k, "{"))) {
				size_t c = match_close(t, i);
				i = c < rp ? c : rp - 1;
				continue;
			}
			if (i == rp || tok_is(k, ",") || i == t->n - 1) {
				if (nargs == cap) {
					cap *= 2;
					args = xrealloc(args, cap * sizeof *args);
					texts = xrealloc(texts, cap * sizeof *texts);
				}
				memset(&texts[nargs], 0, sizeof texts[nargs]);
				size_t end = i == t->n - 1 && i != rp ? i + 1 : i;
				value_from_tokens(t, start, end, &args[nargs], &texts[nargs]);
				nargs++;
				start = i + 1;
			}
		}
	}
	/* An argument naming a string macro of this file is that string:
	 * #define FMT "%d\n" ... printf(FMT, x). */
	for (size_t i = 0; i < nargs; i++) {
		if (args[i].kind != CV_IDENT)
			continue;
		for (size_t m = 0; m < ps->nmacros; m++) {
			if (strcmp(ps->macros[m].name, sbuf_str(&texts[i])) == 0) {
				args[i].kind = CV_STRING;
				texts[i].len = 0;
				sbuf_adds(&texts[i], ps->macros[m].value);
				break;
			}
		}
	}
	for (size_t i = 0; i < nargs; i++)
		args[i].text = sbuf_str(&texts[i]);
	const struct ctok *nt = &t->v[name_idx];
	const struct ctok *et = &t->v[rp < t->n ? rp : t->n - 1];
	struct cev ev = {
		.kind = CEV_CALL,
		.type = "",
		.line = nt->line,
		.col = nt->col,
		.end_line = et->end_line,
		.end_col = et->end_col,
		.recovered = recovered,
		.name = name,
		.qual = name,
		.nargs = nargs,
		.args = args,
		.func = func_at(ps, name_idx),
	};
	ps->fn(&ev, ps->ud);
	for (size_t i = 0; i < nargs; i++)
		sbuf_free(&texts[i]);
	free(texts);
	free(args);
}

/* ---- the AST visit ---- */

static unsigned cursor_offset(CXCursor c, CXFile want, int *in_file)
{
	CXFile f;
	unsigned off;
	clang_getFileLocation(clang_getCursorLocation(c), &f, NULL, NULL, &off);
	*in_file = f && clang_File_isEqual(f, want);
	return off;
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData cd)
{
	(void)parent;
	struct pass *ps = cd;
	/* Where the code is used: a macro body's code counts where the macro is
	 * expanded (COPY(a, b) in this file, defined in a header), a macro
	 * argument where it is written. Code of other files is not visited. */
	CXSourceLocation loc = clang_getCursorLocation(c);
	CXFile lf;
	clang_getFileLocation(loc, &lf, NULL, NULL, NULL);
	if (!lf || !clang_File_isEqual(lf, ps->file))
		return clang_Location_isFromMainFile(loc) ? CXChildVisit_Recurse : CXChildVisit_Continue;
	enum CXCursorKind k = clang_getCursorKind(c);
	int in_file;
	switch (k) {
	case CXCursor_CallExpr: {
		unsigned off = cursor_offset(c, ps->file, &in_file);
		if (!in_file)
			break;
		CXString s = clang_getCursorSpelling(c);
		const char *name = clang_getCString(s);
		size_t ti = tok_at(&ps->t, off);
		if (name && *name && ti != (size_t)-1) {
			oset_add(&ps->seen_calls, off);
			/* The callee as written, with its '(' next: arguments from tokens.
			 * Other shapes (w.cb(1), (*fp)(2)) are left to the token pass,
			 * which finds them seen here by their first token. */
			if ((ps->wanted & CEV_CALL) && ti + 1 < ps->t.n && tok_is(&ps->t.v[ti + 1], "(") &&
			    !ps->t.v[ti].directive) {
				/* A call made inside a macro (ESP_LOGI -> esp_log_write)
				 * is reported under both names: this one, and the macro's
				 * by the token pass. */
				if (strcmp(ps->t.v[ti].s, name) == 0)
					oset_add(&ps->emitted_calls, off);
				emit_call(ps, ti, ti + 1, name, 0);
			}
		}
		clang_disposeString(s);
		break;
	}
	case CXCursor_VarDecl:
	case CXCursor_MemberRef:
	case CXCursor_BinaryOperator:
	case CXCursor_CompoundAssignOperator: {
		unsigned off = cursor_offset(c, ps->file, &in_file);
		if (in_file)
			oset_add(&ps->seen_stores, off);
		break;
	}
	default:
		break;
	}
	return CXChildVisit_Recurse;
}

/* ---- the token pass ---- */

static int is_stmt_boundary(const struct toks *t, size_t i)
{
	if (i == (size_t)-1)
		return 1;
	const struct ctok *k = &t->v[i];
	return tok_is(k, ";") || tok_is(k, "{") || tok_is(k, "}") || k->directive;
}

static int call_keyword(const char *s)
{
	static const char *const kw[] = {"return", "else", "do", "case", "goto", "throw", "co_return",
					 NULL};
	for (size_t i = 0; kw[i]; i++)
		if (strcmp(s, kw[i]) == 0)
			return 1;
	return 0;
}

/* Is IDENT '(' at i a call (not a declaration or definition)? */
static int looks_like_call(const struct toks *t, size_t i)
{
	if (i == 0)
		return 1;
	const struct ctok *p = &t->v[i - 1];
	if (p->directive && !t->v[i].directive)
		return 1;
	if (p->kind == CTK_IDENT || p->kind == CTK_KEYWORD)
		return p->kind == CTK_KEYWORD && call_keyword(p->s);
	if (tok_is(p, "*") || tok_is(p, "&")) {
		size_t j = i - 1;
		while (j > 0 && (tok_is(&t->v[j], "*") || tok_is(&t->v[j], "&")))
			j--;
		const struct ctok *q = &t->v[j];
		if ((q->kind == CTK_IDENT || q->kind == CTK_KEYWORD) && !call_keyword(q->s)) {
			size_t k = j;
			while (k > 0 && (t->v[k - 1].kind == CTK_IDENT || t->v[k - 1].kind == CTK_KEYWORD))
				k--;
			if (is_stmt_boundary(t, k - 1) || (k > 0 && tok_is(&t->v[k - 1], ",")) ||
			    (k > 0 && tok_is(&t->v[k - 1], "(")))
				return 0;
		}
	}
	return 1;
}

/* A '{' that opens a linkage block or namespace, not a body: extern "C" {,
 * namespace X {, namespace {. */
static int transparent_brace(const struct toks *t, size_t i)
{
	if (i >= 2 && tok_is_string(&t->v[i - 1]) && strcmp(t->v[i - 2].s, "extern") == 0)
		return 1;
	if (i >= 1 && strcmp(t->v[i - 1].s, "namespace") == 0)
		return 1;
	return i >= 2 && t->v[i - 1].kind == CTK_IDENT && strcmp(t->v[i - 2].s, "namespace") == 0;
}

static void find_functions(struct pass *ps)
{
	const struct toks *t = &ps->t;
	size_t cap = 0;
	int depth = 0;
	for (size_t i = 0; i < t->n; i++) {
		const struct ctok *k = &t->v[i];
		if (k->directive)
			continue;
		if (tok_is(k, "{") && depth == 0 && transparent_brace(t, i)) {
			continue; /* its '}' is then seen at depth 0 and ignored */
		} else if (tok_is(k, "{")) {
			if (depth == 0 && i > 0 && tok_is(&t->v[i - 1], ")")) {
				size_t lp = match_open(t, i - 1);
				if (lp != (size_t)-1 && lp > 0 && t->v[lp - 1].kind == CTK_IDENT) {
					size_t close = match_close(t, i);
					if (ps->nfuncs == cap) {
						cap = cap ? cap * 2 : 16;
						ps->funcs = xrealloc(ps->funcs, cap * sizeof *ps->funcs);
					}
					ps->funcs[ps->nfuncs++] =
						(struct func_range){i, close, t->v[lp - 1].s};
				}
			}
			depth++;
		} else if (tok_is(k, "}") && depth > 0) {
			depth--;
		}
	}
}

/* First token of the member chain ending at name token i: "p[i].cfg->cb"
 * starts at p, "(*q).token" at '('. *designated is set for ".a.b =" in an
 * initializer list. */
static size_t chain_start(const struct toks *t, size_t i, int *designated)
{
	size_t start = i;
	*designated = 0;
	while (start >= 1 && (tok_is(&t->v[start - 1], ".") || tok_is(&t->v[start - 1], "->"))) {
		if (start >= 2 && t->v[start - 2].kind == CTK_IDENT) {
			start -= 2;
			continue;
		}
		if (start >= 2 && (tok_is(&t->v[start - 2], "]") || tok_is(&t->v[start - 2], ")"))) {
			size_t o = match_open(t, start - 2);
			if (o == (size_t)-1)
				break;
			start = o;
			while (start >= 1 && t->v[start - 1].kind == CTK_IDENT)
				start--; /* arr[i] */
			if (start < o && start + 1 < o)
				start = o - 1;
			continue;
		}
		if (tok_is(&t->v[start - 1], ".")) {
			*designated = 1;
			start--;
		}
		break;
	}
	return start;
}

static void token_calls(struct pass *ps)
{
	const struct toks *t = &ps->t;
	for (size_t i = 0; i + 1 < t->n; i++) {
		const struct ctok *k = &t->v[i];
		if (k->kind != CTK_IDENT || k->directive || !tok_is(&t->v[i + 1], "("))
			continue;
		if (oset_has(&ps->emitted_calls, k->off) || !looks_like_call(t, i))
			continue;
		int designated;
		size_t cs = chain_start(t, i, &designated);
		int seen = oset_has(&ps->seen_calls, k->off) || oset_has(&ps->seen_calls, t->v[cs].off);
		emit_call(ps, i, i + 1, k->s, ps->tu_errors && !seen);
	}
}

/* End (exclusive) of an initializer/assigned value starting at a. */
static size_t value_end(const struct toks *t, size_t a)
{
	size_t i = a;
	for (; i < t->n; i++) {
		const struct ctok *k = &t->v[i];
		if (tok_is(k, "(") || tok_is(k, "[") || tok_is(k, "{")) {
			size_t c = match_close(t, i);
			if (c >= t->n)
				return t->n;
			i = c;
			continue;
		}
		if (tok_is(k, ",") || tok_is(k, ";") || tok_is(k, ")") || tok_is(k, "]") ||
		    tok_is(k, "}"))
			break;
	}
	return i;
}

/* Does the statement holding token i (after a ',') start like a declaration
 * ("int a = 1, b = 2")? Walks back to the enclosing ';', '{', '}' or '('. */
/* Start of the declaration statement holding token i (after a ','), or
 * (size_t)-1 when it does not start like one ("int a = 1, b = 2"). */
static size_t declaration_start(const struct toks *t, size_t i)
{
	size_t j = i;
	while (j-- > 0) {
		const struct ctok *k = &t->v[j];
		if (tok_is(k, ")") || tok_is(k, "]") || tok_is(k, "}")) {
			size_t o = match_open(t, j);
			if (o == (size_t)-1)
				return 0;
			if (tok_is(k, "}") && !(o > 0 && tok_is(&t->v[o - 1], "=")))
				break; /* a block, not an initializer */
			j = o;
			continue;
		}
		if (tok_is(k, "(") || tok_is(k, "[") || tok_is(k, "{") || tok_is(k, ";") || k->directive)
			break;
	}
	size_t s = j + 1;
	if (j == (size_t)-1)
		s = 0;
	if (s + 1 < i &&
	    (t->v[s].kind == CTK_IDENT || (t->v[s].kind == CTK_KEYWORD && !call_keyword(t->v[s].s))) &&
	    (t->v[s + 1].kind == CTK_IDENT || t->v[s + 1].kind == CTK_KEYWORD || tok_is(&t->v[s + 1], "*")))
		return s;
	return (size_t)-1;
}

/* The type word of the declaration starting at s: the word before its first
 * declarator's name ("static const T *a = ..., b" -> T). */
static const char *declaration_type(const struct toks *t, size_t s)
{
	size_t e = s;
	while (e < t->n && !tok_is(&t->v[e], "=") && !tok_is(&t->v[e], ",") &&
	       !tok_is(&t->v[e], "[") && !tok_is(&t->v[e], ";"))
		e++;
	if (e < s + 2 || t->v[e - 1].kind != CTK_IDENT)
		return "";
	size_t k = e - 2;
	while (k > s && tok_is(&t->v[k], "*"))
		k--;
	return t->v[k].kind == CTK_IDENT || t->v[k].kind == CTK_KEYWORD ? t->v[k].s : "";
}

static enum cstore_kind store_kind(const struct toks *t, size_t start, int designated)
{
	if (designated)
		return CS_FIELD;
	if (start == 0 || t->v[start - 1].directive)
		return CS_ASSIGN;
	size_t p = start - 1;
	while (p > 0 && tok_is(&t->v[p], "*"))
		p--;
	if (tok_is(&t->v[p], ","))
		return declaration_start(t, p) != (size_t)-1 ? CS_INIT : CS_ASSIGN;
	const struct ctok *k = &t->v[p];
	if (k->kind == CTK_IDENT || (k->kind == CTK_KEYWORD && !call_keyword(k->s)))
		return CS_INIT; /* "type name =", "type *name =" */
	return CS_ASSIGN;       /* "; name =", "; *p =" */
}

static void emit_store(struct pass *ps, size_t name_idx, size_t chain_start, size_t eq,
		       const char *qual, int designated, int recovered)
{
	const struct toks *t = &ps->t;
	size_t vend = value_end(t, eq + 1);
	struct cval v;
	struct sbuf text = {0};
	value_from_tokens(t, eq + 1, vend, &v, &text);
	v.text = sbuf_str(&text);
	enum cstore_kind sk = store_kind(t, chain_start, designated);
	const char *type = "";
	if (sk == CS_INIT) {
		size_t ti = chain_start - 1;
		while (ti > 0 && tok_is(&t->v[ti], "*"))
			ti--;
		if (tok_is(&t->v[ti], ",")) { /* a later declarator: the statement's type */
			size_t ds = declaration_start(t, ti);
			if (ds != (size_t)-1)
				type = declaration_type(t, ds);
		} else if (t->v[ti].kind == CTK_IDENT || t->v[ti].kind == CTK_KEYWORD) {
			type = t->v[ti].s;
		}
	}
	const struct ctok *nt = &t->v[name_idx];
	const struct ctok *et = &t->v[vend > eq + 1 ? vend - 1 : eq];
	struct cev ev = {
		.kind = CEV_STORE,
		.type = type,
		.line = nt->line,
		.col = nt->col,
		.end_line = et->end_line,
		.end_col = et->end_col,
		.recovered = recovered,
		.name = nt->s,
		.qual = qual,
		.nargs = 1,
		.args = &v,
		.store = sk,
		.func = func_at(ps, name_idx),
	};
	ps->fn(&ev, ps->ud);
	sbuf_free(&text);
}

static void token_stores(struct pass *ps)
{
	const struct toks *t = &ps->t;
	for (size_t i = 1; i < t->n; i++) {
		const struct ctok *k = &t->v[i];
		if (!tok_is(k, "=") || k->directive)
			continue;
		size_t j = i - 1;
		while (tok_is(&t->v[j], "]")) { /* name[16] = ... */
			size_t o = match_open(t, j);
			if (o == (size_t)-1 || o == 0)
				break;
			j = o - 1;
		}
		if (t->v[j].kind != CTK_IDENT)
			continue;
		size_t name_idx = j;
		int designated;
		size_t start = chain_start(t, name_idx, &designated);
		struct sbuf q = {0};
		join_tokens(t, start, name_idx + 1, &q);
		/* The AST saw it: a VarDecl/MemberRef at the name, an assignment at the
		 * start of its left side (possibly a leading '*'). */
		int seen = oset_has(&ps->seen_stores, t->v[name_idx].off) ||
			   oset_has(&ps->seen_stores, t->v[start].off) ||
			   (start > 0 && tok_is(&t->v[start - 1], "*") &&
			    oset_has(&ps->seen_stores, t->v[start - 1].off)) ||
			   oset_has(&ps->seen_stores, k->off);
		emit_store(ps, name_idx, start, i, sbuf_str(&q), designated, ps->tu_errors && !seen);
		sbuf_free(&q);
	}
}

static void collect_string_macros(struct pass *ps)
{
	const struct toks *t = &ps->t;
	size_t cap = 0;
	for (size_t i = 0; i + 3 < t->n; i++) {
		if (!tok_is(&t->v[i], "#") || strcmp(directive_name(t, i), "define") != 0 ||
		    t->v[i + 2].kind != CTK_IDENT || t->v[i + 2].directive != t->v[i].directive)
			continue;
		size_t a = i + 3, b = a;
		while (b < t->n && t->v[b].directive == t->v[i].directive && tok_is_string(&t->v[b]))
			b++;
		if (b == a || (b < t->n && t->v[b].directive == t->v[i].directive))
			continue; /* empty, or not only string literals (function-like too) */
		struct sbuf v = {0};
		for (size_t k = a; k < b; k++)
			string_contents(t->v[k].s, &v);
		if (ps->nmacros == cap) {
			cap = cap ? cap * 2 : 8;
			ps->macros = xrealloc(ps->macros, cap * sizeof *ps->macros);
		}
		ps->macros[ps->nmacros++] = (struct str_macro){t->v[i + 2].s, sbuf_take(&v)};
	}
}

static void token_macros(struct pass *ps)
{
	const struct toks *t = &ps->t;
	for (size_t i = 0; i + 2 < t->n; i++) {
		if (!tok_is(&t->v[i], "#") || !t->v[i].directive || strcmp(t->v[i + 1].s, "define") != 0)
			continue;
		if (i > 0 && t->v[i - 1].line == t->v[i].line)
			continue;
		size_t ni = i + 2;
		const struct ctok *nt = &t->v[ni];
		if (nt->kind != CTK_IDENT && nt->kind != CTK_KEYWORD)
			continue;
		/* Function-like: '(' right after the name. */
		if (ni + 1 < t->n && tok_is(&t->v[ni + 1], "(") && t->v[ni + 1].off == nt->end_off &&
		    t->v[ni + 1].directive == t->v[i].directive)
			continue;
		size_t a = ni + 1, b = a;
		while (b < t->n && t->v[b].directive == t->v[i].directive)
			b++;
		struct cval v;
		struct sbuf text = {0};
		value_from_tokens(t, a, b, &v, &text);
		v.text = sbuf_str(&text);
		if (a >= b) {
			v.line = nt->line;
			v.col = nt->end_col;
		}
		const struct ctok *et = &t->v[b > a ? b - 1 : ni];
		struct cev ev = {
			.kind = CEV_MACRO,
			.type = "",
			.line = nt->line,
			.col = nt->col,
			.end_line = et->end_line,
			.end_col = et->end_col,
			.name = nt->s,
			.qual = nt->s,
			.nargs = 1,
			.args = &v,
			.store = CS_MACRO,
			.func = "",
		};
		ps->fn(&ev, ps->ud);
		sbuf_free(&text);
		i = b - 1;
	}
}

/* ---- the parse ---- */

static const char *const base_args[] = {
	"-ferror-limit=0",
	"-w",
	"-Wno-implicit-function-declaration",
	"-Wno-implicit-int",
	"-Wno-int-conversion",
	"-Wno-incompatible-pointer-types",
	"-Wno-incompatible-function-pointer-types",
	"-Wno-unknown-warning-option",
};

static const char *parse_error_text(enum CXErrorCode e)
{
	switch (e) {
	case CXError_Crashed: return "libclang crashed";
	case CXError_InvalidArguments: return "invalid arguments";
	case CXError_ASTReadError: return "AST read error";
	default: return "failure";
	}
}

/* ---- a parse with a time limit ----
 * libclang cannot be interrupted, so a parse that may run too long runs in a
 * thread of its own, on its own copies of the inputs, with the worker's index.
 * If it is not done in time, the worker gives the job up (the job then owns
 * and later frees the TU, the index and the copies) and takes a new index;
 * the parse finishes in the background and nothing of it is used. */
struct parse_job {
	pthread_mutex_t lock;
	pthread_cond_t cv;
	int done, abandoned;
	CXIndex index;
	char *path, *data;
	size_t len;
	char **args;
	int nargs;
	unsigned opts;
	CXTranslationUnit tu;
	enum CXErrorCode ec;
};

static void job_free(struct parse_job *j)
{
	if (j->tu)
		clang_disposeTranslationUnit(j->tu);
	if (j->abandoned)
		clang_disposeIndex(j->index);
	for (int i = 0; i < j->nargs; i++)
		free(j->args[i]);
	free(j->args);
	free(j->path);
	free(j->data);
	pthread_cond_destroy(&j->cv);
	pthread_mutex_destroy(&j->lock);
	free(j);
}

static void *parse_thread(void *arg)
{
	struct parse_job *j = arg;
	struct CXUnsavedFile uf = {j->path, j->data, (unsigned long)j->len};
	CXTranslationUnit tu = NULL;
	enum CXErrorCode ec = clang_parseTranslationUnit2(j->index, j->path,
							  (const char *const *)j->args, j->nargs, &uf,
							  1, j->opts, &tu);
	pthread_mutex_lock(&j->lock);
	j->tu = tu;
	j->ec = ec;
	j->done = 1;
	int abandoned = j->abandoned;
	pthread_cond_signal(&j->cv);
	pthread_mutex_unlock(&j->lock);
	if (abandoned)
		job_free(j);
	return NULL;
}

/* Parse with cp->timeout_ms. Returns the error code; *timed_out is set when
 * the parse was given up (cp has a new index then). */
static enum CXErrorCode parse_timed(struct cparse *cp, const char *path, const char *data,
				    size_t len, const char *const *args, int nargs, unsigned opts,
				    CXTranslationUnit *tu, int *timed_out)
{
	struct parse_job *j = xcalloc(1, sizeof *j);
	pthread_mutex_init(&j->lock, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&j->cv, &ca);
	pthread_condattr_destroy(&ca);
	j->index = cp->index;
	j->path = xstrdup(path);
	j->data = xstrndup(data, len);
	j->len = len;
	j->nargs = nargs;
	j->args = xcalloc((size_t)nargs + 1, sizeof *j->args);
	for (int i = 0; i < nargs; i++)
		j->args[i] = xstrdup(args[i]);
	j->opts = opts;
	*timed_out = 0;
	pthread_t th;
	if (pthread_create(&th, NULL, parse_thread, j) != 0) { /* no thread: parse here */
		parse_thread(j);
		*tu = j->tu;
		j->tu = NULL;
		enum CXErrorCode ec = j->ec;
		job_free(j);
		return ec;
	}
	struct timespec until;
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += cp->timeout_ms / 1000;
	until.tv_nsec += (long)(cp->timeout_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&j->lock);
	while (!j->done)
		if (pthread_cond_timedwait(&j->cv, &j->lock, &until) == ETIMEDOUT)
			break;
	if (!j->done) {
		j->abandoned = 1; /* the thread frees the job, its TU and the old index */
		pthread_mutex_unlock(&j->lock);
		pthread_detach(th);
		cp->index = clang_createIndex(0, 0);
		*timed_out = 1;
		*tu = NULL;
		return CXError_Failure;
	}
	pthread_mutex_unlock(&j->lock);
	pthread_join(th, NULL);
	*tu = j->tu;
	j->tu = NULL;
	enum CXErrorCode ec = j->ec;
	job_free(j);
	return ec;
}

int cparse_file(struct cparse *cp, const char *path, const char *data, size_t len, int cplusplus,
		const char *const *args, size_t nargs, unsigned wanted, cev_fn fn, void *ud,
		struct diag *d)
{
	size_t nall = ARRAY_LEN(base_args) + nargs + 2;
	const char **all = xcalloc(nall, sizeof *all);
	size_t n = 0;
	all[n++] = "-x";
	all[n++] = cplusplus ? "c++" : "c";
	for (size_t i = 0; i < ARRAY_LEN(base_args); i++)
		all[n++] = base_args[i];
	for (size_t i = 0; i < nargs; i++)
		all[n++] = args[i];
	CXTranslationUnit tu = NULL;
	unsigned opts = CXTranslationUnit_KeepGoing | CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;
	enum CXErrorCode ec;
	int timed_out = 0;
	if (cp->timeout_ms) {
		ec = parse_timed(cp, path, data, len, all, (int)n, opts, &tu, &timed_out);
	} else {
		struct CXUnsavedFile uf = {path, data, (unsigned long)len};
		ec = clang_parseTranslationUnit2(cp->index, path, all, (int)n, &uf, 1, opts, &tu);
	}
	free(all);
	if (timed_out) {
		diag_warn(d, path, 0, 0,
			  "parsing took longer than the time limit (%u.%03u s, --file-timeout); C rules "
			  "were skipped for this file, text rules were applied", cp->timeout_ms / 1000,
			  cp->timeout_ms % 1000);
		return -2;
	}
	if (ec != CXError_Success || !tu) {
		diag_warn(d, path, 0, 0, "could not be parsed as C (%s); only text rules were applied",
			  parse_error_text(ec));
		return -1;
	}
	struct pass ps = {0};
	ps.data = data;
	ps.len = len;
	ps.wanted = wanted;
	ps.fn = fn;
	ps.ud = ud;
	ps.file = clang_getFile(tu, path);
	unsigned ndiag = clang_getNumDiagnostics(tu);
	for (unsigned i = 0; i < ndiag; i++) {
		CXDiagnostic dg = clang_getDiagnostic(tu, i);
		if (clang_getDiagnosticSeverity(dg) >= CXDiagnostic_Error)
			ps.tu_errors = 1;
		clang_disposeDiagnostic(dg);
	}
	if (ps.file) {
		tokenize_file(tu, ps.file, data, len, &ps.t);
		drop_if0(&ps.t);
	}
	find_functions(&ps);
	if (wanted & CEV_CALL)
		collect_string_macros(&ps);
	clang_visitChildren(clang_getTranslationUnitCursor(tu), visit, &ps);
	oset_sort(&ps.seen_calls);
	oset_sort(&ps.seen_stores);
	oset_sort(&ps.emitted_calls);
	if (wanted & CEV_CALL)
		token_calls(&ps);
	if (wanted & CEV_STORE)
		token_stores(&ps);
	if (wanted & CEV_MACRO)
		token_macros(&ps);
	if (wanted & CEV_UNIT) {
		struct cflow_unit *u = cflow_build(ps.t.v, ps.t.n);
		struct cev ev = {.kind = CEV_UNIT, .name = "", .qual = "", .type = "", .func = "",
				 .unit = u, .line = 1, .col = 1, .end_line = 1, .end_col = 1};
		fn(&ev, ud);
		cflow_free(u);
	}
	free(ps.seen_calls.v);
	free(ps.seen_stores.v);
	free(ps.emitted_calls.v);
	for (size_t i = 0; i < ps.nmacros; i++)
		free(ps.macros[i].value);
	free(ps.macros);
	free(ps.funcs);
	toks_free(&ps.t);
	clang_disposeTranslationUnit(tu);
	return 0;
}
