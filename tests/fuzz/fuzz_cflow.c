/* fuzz_cflow.c - the token-built function model (cflow_build) on tokens made
 * from the input. Byte 0 picks how (byte % 4):
 *   0  the rest is C text, tokenized here (keywords of C in GNU mode)
 *   2  the same with C++ keywords
 *   1, 3  every further byte is one token: bits 0-5 index the table below
 *      (punctuators, keywords, identifiers, literals that matter to the
 *      parser), bit 6 starts a new line, bit 7 marks the token as part of a
 *      preprocessor directive. This reaches odd token sequences quickly.
 * The model must be well formed (strings never NULL, the children each kind
 * promises present, positions ordered), no larger than linear in the
 * tokens, independent of the tokens once built (they are freed before the
 * model is walked, so ASan sees any borrowed pointer), and its dump must
 * have one line per function and (checked on every 8th input size) be the
 * same for a second build. Building must never crash or
 * hang (run.sh's per-input timeout). */
#include "fuzz.h"

#include <string.h>

#include "cflow.h"
#include "diag.h"
#include "rule.h"
#include "taint.h"
#include "ctok.h"
#include "util.h"

/* ---- C text to tokens (like tests/unit/test_cflow.c, shorter) ---- */

static const char *const c_kw[] = {
	"auto", "break", "case", "char", "const", "continue", "default", "do", "double",
	"else", "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long",
	"register", "restrict", "return", "short", "signed", "sizeof", "static", "struct",
	"switch", "typedef", "union", "unsigned", "void", "volatile", "while", "_Alignof",
	"_Atomic", "_Bool", "_Static_assert", "_Thread_local", "__attribute__", "__asm__",
	"asm", "__extension__", "__inline", "__typeof__", "typeof", "__builtin_offsetof",
	"__builtin_va_arg", "__func__", "__label__",
};
static const char *const cxx_kw[] = {
	"class", "namespace", "template", "this", "new", "delete", "true", "false", "bool",
	"nullptr", "public", "using", "operator", "throw", "try", "catch",
};
static const char *const puncts[] = {
	"...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&",
	"||", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##", "::", "<:", ":>", "<%", "%>",
};

struct toks {
	struct ctok *v;
	size_t n, cap;
};

static struct ctok *add(struct toks *t, enum ctok_kind kind, const char *s, size_t n,
			unsigned line, unsigned col)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->v = xrealloc(t->v, t->cap * sizeof *t->v);
	}
	struct ctok *k = &t->v[t->n++];
	memset(k, 0, sizeof *k);
	k->kind = kind;
	k->s = xstrndup(s, n);
	k->line = k->end_line = line;
	k->col = col;
	k->end_col = col + (unsigned)n;
	return k;
}

static int word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static int in_list(const char *const *l, size_t n, const char *s, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(l[i]) == len && memcmp(l[i], s, len) == 0)
			return 1;
	return 0;
}

static void tokenize(struct toks *t, const char *src, size_t len, int cxx)
{
	size_t i = 0;
	unsigned line = 1, col = 1, dir = 0;
	int line_start = 1;
	while (i < len) {
		char c = src[i];
		if (c == '\n' || (c == '\\' && i + 1 < len && src[i + 1] == '\n')) {
			if (c == '\n') {
				dir = 0;
				line_start = 1;
			}
			i += c == '\n' ? 1 : 2;
			line++;
			col = 1;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r') {
			i++;
			col++;
			continue;
		}
		if (c == '/' && i + 1 < len && (src[i + 1] == '/' || src[i + 1] == '*')) {
			int block = src[i + 1] == '*';
			i += 2;
			while (i < len && (block ? !(src[i] == '*' && i + 1 < len && src[i + 1] == '/')
						 : src[i] != '\n')) {
				if (src[i] == '\n') {
					line++;
					col = 0;
				}
				i++;
				col++;
			}
			if (block && i < len)
				i += 2;
			continue;
		}
		size_t s = i;
		enum ctok_kind kind = CTK_PUNCT;
		if (word(c) && !(c >= '0' && c <= '9')) {
			while (i < len && word(src[i]))
				i++;
			if (i < len && (src[i] == '"' || src[i] == '\'') && i - s <= 2) {
				char q = src[i++];
				while (i < len && src[i] != q && src[i] != '\n')
					i += src[i] == '\\' && i + 1 < len ? 2 : 1;
				i += i < len && src[i] == q;
				kind = CTK_LIT;
			} else {
				kind = in_list(c_kw, ARRAY_LEN(c_kw), src + s, i - s) ||
						       (cxx && in_list(cxx_kw, ARRAY_LEN(cxx_kw), src + s, i - s))
					       ? CTK_KEYWORD
					       : CTK_IDENT;
			}
		} else if (c >= '0' && c <= '9') {
			while (i < len && (word(src[i]) || src[i] == '.'))
				i++;
			kind = CTK_LIT;
		} else if (c == '"' || c == '\'') {
			i++;
			while (i < len && src[i] != c && src[i] != '\n')
				i += src[i] == '\\' && i + 1 < len ? 2 : 1;
			i += i < len && src[i] == c;
			kind = CTK_LIT;
		} else {
			size_t n = 1;
			for (size_t k = 0; k < ARRAY_LEN(puncts); k++) {
				size_t pl = strlen(puncts[k]);
				if (i + pl <= len && memcmp(src + i, puncts[k], pl) == 0) {
					n = pl;
					break;
				}
			}
			i += n;
		}
		if (i > len)
			i = len;
		struct ctok *k = add(t, kind, src + s, i - s, line, col);
		col += (unsigned)(i - s);
		if (line_start && kind == CTK_PUNCT && k->s[0] == '#' && !k->s[1])
			dir = (unsigned)t->n;
		k->directive = dir;
		line_start = 0;
	}
}

/* ---- bytes to tokens ---- */

static const struct {
	enum ctok_kind kind;
	const char *s;
} table[64] = {
	{CTK_PUNCT, "("}, {CTK_PUNCT, ")"}, {CTK_PUNCT, "["}, {CTK_PUNCT, "]"},
	{CTK_PUNCT, "{"}, {CTK_PUNCT, "}"}, {CTK_PUNCT, ";"}, {CTK_PUNCT, ","},
	{CTK_PUNCT, "."}, {CTK_PUNCT, "->"}, {CTK_PUNCT, "++"}, {CTK_PUNCT, "--"},
	{CTK_PUNCT, "&"}, {CTK_PUNCT, "*"}, {CTK_PUNCT, "+"}, {CTK_PUNCT, "-"},
	{CTK_PUNCT, "!"}, {CTK_PUNCT, "~"}, {CTK_PUNCT, "/"}, {CTK_PUNCT, "<<"},
	{CTK_PUNCT, "<"}, {CTK_PUNCT, "=="}, {CTK_PUNCT, "&&"}, {CTK_PUNCT, "||"},
	{CTK_PUNCT, "?"}, {CTK_PUNCT, ":"}, {CTK_PUNCT, "="}, {CTK_PUNCT, "+="},
	{CTK_PUNCT, "..."}, {CTK_PUNCT, "::"}, {CTK_PUNCT, "#"}, {CTK_KEYWORD, "if"},
	{CTK_KEYWORD, "else"}, {CTK_KEYWORD, "while"}, {CTK_KEYWORD, "do"}, {CTK_KEYWORD, "for"},
	{CTK_KEYWORD, "switch"}, {CTK_KEYWORD, "case"}, {CTK_KEYWORD, "default"},
	{CTK_KEYWORD, "return"}, {CTK_KEYWORD, "break"}, {CTK_KEYWORD, "goto"},
	{CTK_KEYWORD, "sizeof"}, {CTK_KEYWORD, "int"}, {CTK_KEYWORD, "char"},
	{CTK_KEYWORD, "const"}, {CTK_KEYWORD, "struct"}, {CTK_KEYWORD, "static"},
	{CTK_KEYWORD, "typedef"}, {CTK_KEYWORD, "__attribute__"}, {CTK_KEYWORD, "void"},
	{CTK_KEYWORD, "typeof"}, {CTK_IDENT, "a"}, {CTK_IDENT, "b"}, {CTK_IDENT, "f"},
	{CTK_IDENT, "uint8_t"}, {CTK_IDENT, "FOR_EACH"}, {CTK_IDENT, "offsetof"},
	{CTK_IDENT, "PRIu32"}, {CTK_LIT, "0"}, {CTK_LIT, "\"s\""}, {CTK_LIT, "'c'"},
	{CTK_KEYWORD, "class"}, {CTK_LIT, "R\"x(y)x\""},
};

static void from_bytes(struct toks *t, const uint8_t *d, size_t n)
{
	unsigned line = 1, col = 1;
	for (size_t i = 0; i < n; i++) {
		if (d[i] & 0x40) {
			line++;
			col = 1;
		}
		const char *s = table[d[i] & 0x3f].s;
		struct ctok *k = add(t, table[d[i] & 0x3f].kind, s, strlen(s), line, col);
		k->directive = d[i] & 0x80 ? (unsigned)t->n : 0;
		col += (unsigned)strlen(s) + 1;
	}
}

/* ---- checks ---- */

static size_t nodes;

static int before(unsigned l1, unsigned c1, unsigned l2, unsigned c2)
{
	return l1 < l2 || (l1 == l2 && c1 <= c2);
}

static void check_expr(const struct cflow_expr *e, size_t depth)
{
	FUZZ_CHECK(e != NULL, "NULL expression");
	FUZZ_CHECK(depth < 20000, "expression nesting %zu", depth);
	nodes++;
	FUZZ_CHECK(e->kind >= CFX_NAME && e->kind <= CFX_OTHER, "expression kind %d", (int)e->kind);
	FUZZ_CHECK(e->op && e->name, "expression kind %d: NULL string", (int)e->kind);
	FUZZ_CHECK(e->nargs == 0 || e->args, "nargs %zu without args", e->nargs);
	FUZZ_CHECK(e->line >= 1 && e->col >= 1, "expression at %u:%u", e->line, e->col);
	FUZZ_CHECK(before(e->line, e->col, e->end_line, e->end_col), "expression %u:%u ends at %u:%u",
		   e->line, e->col, e->end_line, e->end_col);
	switch (e->kind) {
	case CFX_UNARY: case CFX_MEMBER: case CFX_CALL: case CFX_CAST:
		FUZZ_CHECK(e->a, "expression kind %d without a", (int)e->kind);
		break;
	case CFX_BINARY: case CFX_ASSIGN: case CFX_COMMA: case CFX_INDEX:
		FUZZ_CHECK(e->a && e->b, "expression kind %d without a or b", (int)e->kind);
		break;
	case CFX_COND:
		FUZZ_CHECK(e->a && e->b && e->c, "?: without an operand");
		break;
	default:
		break;
	}
	if (e->kind == CFX_UNARY || e->kind == CFX_BINARY || e->kind == CFX_ASSIGN ||
	    e->kind == CFX_MEMBER)
		FUZZ_CHECK(e->op[0], "expression kind %d without op", (int)e->kind);
	if (e->a)
		check_expr(e->a, depth + 1);
	if (e->b && !(e->kind == CFX_COND && e->b == e->a))
		check_expr(e->b, depth + 1);
	if (e->c)
		check_expr(e->c, depth + 1);
	for (size_t i = 0; i < e->nargs; i++)
		check_expr(e->args[i], depth + 1);
}

static void check_stmt(const struct cflow_stmt *s, size_t depth)
{
	FUZZ_CHECK(s != NULL, "NULL statement");
	FUZZ_CHECK(depth < 20000, "statement nesting %zu", depth);
	for (; s; s = s->kind == CFS_IF ? s->els : NULL) {
		nodes++;
		FUZZ_CHECK(s->kind >= CFS_EXPR && s->kind <= CFS_MACROLOOP, "statement kind %d",
			   (int)s->kind);
		FUZZ_CHECK(s->name && s->type, "statement kind %d: NULL string", (int)s->kind);
		FUZZ_CHECK(s->nkids == 0 || s->kids, "nkids %zu without kids", s->nkids);
		FUZZ_CHECK(s->line >= 1 && s->col >= 1, "statement at %u:%u", s->line, s->col);
		switch (s->kind) {
		case CFS_IF: case CFS_WHILE: case CFS_SWITCH: case CFS_DO: case CFS_MACROLOOP:
			FUZZ_CHECK(s->e && s->body, "statement kind %d without e or body", (int)s->kind);
			break;
		case CFS_FOR:
			FUZZ_CHECK(s->body, "for without body");
			break;
		case CFS_EXPR:
			FUZZ_CHECK(s->e, "expression statement without e");
			break;
		case CFS_DECL: case CFS_LABEL:
			FUZZ_CHECK(s->name[0], "statement kind %d without name", (int)s->kind);
			break;
		default:
			break;
		}
		if (s->e)
			check_expr(s->e, depth + 1);
		if (s->step)
			check_expr(s->step, depth + 1);
		if (s->init)
			check_stmt(s->init, depth + 1);
		if (s->body)
			check_stmt(s->body, depth + 1);
		if (s->kind != CFS_IF && s->els)
			check_stmt(s->els, depth + 1);
		for (size_t i = 0; i < s->nkids; i++)
			check_stmt(s->kids[i], depth + 1);
	}
}

/* The taint analysis runs over every model too, with a configuration that
 * uses each kind of source, sink, sanitizer and propagator. */
static const char taint_yaml[] =
	"rules:\n"
	"  - id: fuzz-taint\n"
	"    title: t\n"
	"    message: m\n"
	"    severity: high\n"
	"    provisions: [5.13-1]\n"
	"    cwe: [20]\n"
	"    remediation: r\n"
	"    match:\n"
	"      taint:\n"
	"        sources:\n"
	"          - { call: [recv, read, a], out: [1], return: bounded }\n"
	"          - { call: [getenv, b], return: true }\n"
	"          - { call: [sscanf, c], out-from: 2 }\n"
	"          - { call: [fgets, d], out: [0], unless: { arg: 2, from: [fopen] } }\n"
	"          - { call: [e], out: [0], only-if: { arg: 1, matches: '^s' } }\n"
	"          - { field: [data, len, x], type: 'ev|t' }\n"
	"          - { param: [0, 1, 2], signature: 'void|int' }\n"
	"          - { param: [1], function: '^[a-f]' }\n"
	"        sinks:\n"
	"          - { call: [memcpy, f, g], arg: 2 }\n"
	"          - { call: [system, h], arg: 0 }\n"
	"          - { call: [sprintf, i], arg-from: 2, format: 1, conversions: s }\n"
	"          - { index: true }\n"
	"          - { loop-bound: true }\n"
	"        sanitizers:\n"
	"          - { call: [MIN, j], returns: clean }\n"
	"          - { call: [strlen, k], returns: bounded }\n"
	"          - { call: ['/^valid/', l], checks: [0, 1] }\n"
	"          - { call: [clean, m], cleans: [0] }\n"
	"        propagators:\n"
	"          - { call: [strcpy, n], from: [1], to: [0] }\n"
	"          - { call: [snprintf, o], from-from: 2, to: [0] }\n"
	"          - { call: [ntohs, p], return-from: [0] }\n";

static struct rulepack taint_pack;
static size_t taint_hits;

static void free_pack(void)
{
	rulepack_free(&taint_pack);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct diag d;
	diag_init(&d);
	if (rulepack_load_string(&taint_pack, "fuzz-taint.yaml", taint_yaml, strlen(taint_yaml), &d) != 0) {
		diag_print(&d, stderr, "fuzz_cflow");
		exit(1);
	}
	diag_free(&d);
	atexit(free_pack);
	return 0;
}

static void on_taint(const struct taint_hit *h, void *ud)
{
	(void)ud;
	taint_hits++;
	FUZZ_CHECK(h->callee && h->name && h->source, "taint hit with a NULL string");
	FUZZ_CHECK(h->nsteps >= 1 && h->steps, "taint hit without steps");
	for (size_t i = 0; i < h->nsteps; i++)
		FUZZ_CHECK(h->steps[i].message != NULL, "step %zu without a message", i);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct toks t = {0};
	if (data[0] % 2)
		from_bytes(&t, data + 1, size - 1);
	else
		tokenize(&t, (const char *)data + 1, size - 1, data[0] % 4 == 2);
	size_t ntok = t.n;
	struct cflow_unit *u = cflow_build(t.v, t.n);
	/* determinism, on some inputs (a second build halves the speed) */
	struct cflow_unit *u2 = size % 8 == 0 ? cflow_build(t.v, t.n) : NULL;
	for (size_t i = 0; i < t.n; i++)
		free(t.v[i].s);
	free(t.v);

	FUZZ_CHECK(u != NULL, "cflow_build returned NULL");
	FUZZ_CHECK(u->nfuncs == 0 || u->funcs, "nfuncs %zu without funcs", u->nfuncs);
	nodes = 0;
	for (size_t i = 0; i < u->nfuncs; i++) {
		const struct cflow_func *f = &u->funcs[i];
		FUZZ_CHECK(f->name && f->name[0], "function %zu without a name", i);
		FUZZ_CHECK(f->nparams == 0 || f->params, "nparams %zu without params", f->nparams);
		for (size_t k = 0; k < f->nparams; k++)
			FUZZ_CHECK(f->params[k].name && f->params[k].type, "param %zu: NULL string", k);
		FUZZ_CHECK(f->body && f->body->kind == CFS_BLOCK, "function %s: body not a block",
			   f->name);
		FUZZ_CHECK(f->end_line >= f->line, "function %s: lines %u..%u", f->name, f->line,
			   f->end_line);
		check_stmt(f->body, 0);
	}
	FUZZ_CHECK(nodes <= 8 * ntok + 8, "%zu nodes for %zu tokens", nodes, ntok);

	char *d = cflow_dump(u), *d2 = u2 ? cflow_dump(u2) : NULL;
	FUZZ_CHECK(!d2 || strcmp(d, d2) == 0, "two builds differ");
	size_t lines = 0;
	for (const char *c = d; *c; c++)
		lines += *c == '\n';
	FUZZ_CHECK(lines == u->nfuncs, "dump of %zu functions has %zu lines", u->nfuncs, lines);
	free(d);
	free(d2);
	taint_hits = 0;
	taint_run(taint_pack.rules[0]->mstate, u, on_taint, NULL);
	cflow_free(u);
	cflow_free(u2);
	return 0;
}
