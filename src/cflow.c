/* cflow.c - the function model of cflow.h, built from the token stream.
 *
 * Layout: (1) an arena; (2) token classification and bracket matching, done
 * once over the tokens that are not part of a preprocessor directive;
 * (3) an expression parser (precedence climbing); (4) a statement parser;
 * (5) the file-scope scan that finds function definitions; (6) cflow_dump.
 *
 * Robustness rules the whole file relies on:
 * - Directive tokens are dropped up front, so no parser ever sees them, even
 *   in the middle of an expression.
 * - Brackets are matched once, up front, by a stack that tolerates
 *   unbalanced input (see match_brackets). A bracketed construct whose closer
 *   is known is parsed with p->end set to that closer, so nothing inside it
 *   can run past it; an unmatched opener is parsed up to a plausible stop
 *   token (';', '{', '}', the closer) instead.
 * - Every loop consumes at least one token per iteration or stops; the
 *   statement and argument loops have an explicit "no progress: skip one
 *   token" net.
 * - Recursion is capped (MAX_DEPTH levels of statements, unary operands and
 *   right-associative operators). Beyond it a whole operand or statement is
 *   skipped in one step using the bracket matches, so 10,000 nested
 *   parentheses cost neither stack nor time.
 * - Nothing is ever re-parsed more than once (a declaration that turns out
 *   to be an expression is re-read once), so building is linear.
 *
 * Guarantees on the model beyond cflow.h (what a consumer may rely on):
 * - CFX_UNARY/MEMBER/CALL/CAST have a; CFX_BINARY/ASSIGN/COMMA/INDEX have a
 *   and b; CFX_COND has a, b and c ("a ?: c" gives b == a, the same node).
 *   CFX_SIZEOF's a may be NULL. Arrays (args, kids) are NULL when empty.
 * - CFS_IF/WHILE/SWITCH/DO/MACROLOOP have e and body; CFS_FOR has body
 *   (init, e, step may be NULL); CFS_GOTO of "goto *p" has name "" and
 *   e = p. An empty statement where one is required (if (x);) is an empty
 *   CFS_BLOCK with scope 0.
 * - Nesting: statements and operands nest at most MAX_DEPTH levels; within
 *   one level, chains of operators (a + b + ..., a[0][1]..., and the
 *   right-associative ones cut at MAX_DEPTH) become one flat CFX_OTHER past
 *   CHAIN_MAX operators. "else if" chains are els chains of any length
 *   (walk them iteratively). The bound is a product of these limits, so a
 *   recursive consumer still needs its own depth guard; real code stays
 *   within a few dozen levels.
 *
 * Heuristics, for code seen with macros unexpanded and headers missing:
 * - A function definition is "specifiers name(params) trailing {" at file
 *   scope with at least one type word before the name; macro-made ones
 *   (ZTEST(a, b) {, wpa's SM_STATE(x, y) {), K&R definitions, templates
 *   and class members are skipped. extern "C" { and namespace x { are
 *   transparent.
 * - The end of a body is its matching '}', unless #ifdef'd braces make the
 *   match missing or implausible: then the first '}' starting a line at or
 *   left of the header's column (body_end).
 * - A statement is a declaration when it starts with a type keyword,
 *   qualifier, storage class, struct/union/enum, typeof or attribute; or
 *   with "T x", "T *x" followed by = ; [ , ), "T (*x)(", or a type macro
 *   with type-like arguments ("STACK_OF(X509) *sk ="). If its declarator
 *   then does not parse, it is re-read as an expression.
 * - NAME(args) body is CFS_MACROLOOP for for_each/foreach names, and for
 *   all-caps names followed by '{' or by a statement on the same line (see
 *   loop_macro for why not on the next line).
 * - "(x)" is a cast only before an identifier, a literal, '(' or an
 *   unambiguous unary operator; "(T *)", "(x_t)", "(struct s)" and type
 *   keywords are always type names.
 *
 * Known limits: no macro expansion, so a macro that expands to part of a
 * statement (busybox's IF_FEATURE_X(int y;) arguments, empty attribute
 * macros before a parameter) reads as a call or as a CFX_OTHER; C++ is
 * parsed as far as it looks like C (templates, lambdas, constructors with
 * initialiser lists and range-for over templates are approximations). */
#include "cflow.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

#define MAX_DEPTH 200
#define CHAIN_MAX 256
#define NONE ((size_t)-1)

/* ==== arena ============================================================ */

struct chunk {
	struct chunk *next;
	size_t used, cap;
	max_align_t data[];
};

struct arena {
	struct chunk *head;
	size_t next_cap;
};

static void *arena_alloc(struct arena *a, size_t n)
{
	const size_t al = sizeof(max_align_t);
	n = n ? (n + al - 1) / al * al : al;
	struct chunk *c = a->head;
	if (c && c->cap - c->used >= n) {
		void *r = (char *)c->data + c->used;
		c->used += n;
		return r;
	}
	if (n > a->next_cap / 4 && c) {
		/* A large block of its own, behind the current chunk, so that
		 * the space left in that one is not wasted. */
		struct chunk *big = xmalloc(sizeof *big + n);
		big->used = big->cap = n;
		big->next = c->next;
		c->next = big;
		return big->data;
	}
	size_t cap = a->next_cap > n ? a->next_cap : n;
	c = xmalloc(sizeof *c + cap);
	c->cap = cap;
	c->used = n;
	c->next = a->head;
	a->head = c;
	if (a->next_cap < ((size_t)1 << 20))
		a->next_cap *= 2;
	return c->data;
}

static void *arena_zalloc(struct arena *a, size_t n)
{
	void *r = arena_alloc(a, n);
	memset(r, 0, n);
	return r;
}

static const char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	if (!n)
		return "";
	char *r = arena_alloc(a, n + 1);
	memcpy(r, s, n);
	r[n] = 0;
	return r;
}

static void arena_free(struct arena *a)
{
	while (a && a->head) {
		struct chunk *c = a->head;
		a->head = c->next;
		free(c);
	}
	free(a);
}

/* ==== tokens =========================================================== */

/* Token codes: one byte per token, computed once, so that the parsers
 * compare small integers instead of strings. */
enum {
	K_EOF, K_IDENT, K_NUM, K_STR, K_PUNCT, K_KW,
	P_LPAREN, P_RPAREN, P_LBRACK, P_RBRACK, P_LBRACE, P_RBRACE,
	P_SEMI, P_COMMA, P_DOT, P_ARROW, P_INC, P_DEC,
	P_AMP, P_STAR, P_PLUS, P_MINUS, P_TILDE, P_BANG, P_SLASH, P_PERCENT,
	P_SHL, P_SHR, P_LT, P_GT, P_LE, P_GE, P_EQ, P_NE, P_CARET, P_PIPE,
	P_ANDAND, P_OROR, P_QUEST, P_COLON, P_ASSIGN, P_OPASSIGN, P_ELLIPSIS, P_SCOPE,
	/* keywords (and a few identifiers that act like them, e.g. offsetof) */
	W_IF, W_ELSE, W_WHILE, W_DO, W_FOR, W_SWITCH, W_CASE, W_DEFAULT,
	W_RETURN, W_BREAK, W_CONTINUE, W_GOTO,
	W_SIZEOF, W_ALIGNOF, W_OFFSETOF, W_TYPE, W_QUAL, W_STORAGE, W_STRUCT,
	W_TYPEOF, W_ATTR, W_ASM, W_TYPEDEF, W_STATIC_ASSERT, W_EXT, W_LIT,
	W_THIS, W_PREFIXOP, W_NAMESPACE, W_CXXDECL,
};

struct kw {
	const char *s;
	unsigned char code;
	unsigned char cxx; /* only when the token is a keyword (C++ words are
			    * ordinary identifiers in C: "new", "class"...) */
};

static const struct kw kws[] = {
	{"if", W_IF, 0}, {"else", W_ELSE, 0}, {"while", W_WHILE, 0}, {"do", W_DO, 0},
	{"for", W_FOR, 0}, {"switch", W_SWITCH, 0}, {"case", W_CASE, 0},
	{"default", W_DEFAULT, 0}, {"return", W_RETURN, 0}, {"break", W_BREAK, 0},
	{"continue", W_CONTINUE, 0}, {"goto", W_GOTO, 0},
	{"sizeof", W_SIZEOF, 0}, {"_Alignof", W_ALIGNOF, 0}, {"alignof", W_ALIGNOF, 0},
	{"__alignof", W_ALIGNOF, 0}, {"__alignof__", W_ALIGNOF, 0},
	{"offsetof", W_OFFSETOF, 0}, {"__builtin_offsetof", W_OFFSETOF, 0},
	{"void", W_TYPE, 0}, {"char", W_TYPE, 0}, {"short", W_TYPE, 0}, {"int", W_TYPE, 0},
	{"long", W_TYPE, 0}, {"float", W_TYPE, 0}, {"double", W_TYPE, 0},
	{"signed", W_TYPE, 0}, {"unsigned", W_TYPE, 0}, {"_Bool", W_TYPE, 0},
	{"_Complex", W_TYPE, 0}, {"_Imaginary", W_TYPE, 0}, {"__int128", W_TYPE, 0},
	{"__signed", W_TYPE, 0}, {"__signed__", W_TYPE, 0}, {"_Float16", W_TYPE, 0},
	{"__fp16", W_TYPE, 0}, {"bool", W_TYPE, 1}, {"wchar_t", W_TYPE, 1},
	{"char8_t", W_TYPE, 1}, {"char16_t", W_TYPE, 1}, {"char32_t", W_TYPE, 1},
	{"const", W_QUAL, 0}, {"volatile", W_QUAL, 0}, {"restrict", W_QUAL, 0},
	{"__restrict", W_QUAL, 0}, {"__restrict__", W_QUAL, 0}, {"_Atomic", W_QUAL, 0},
	{"__const", W_QUAL, 0}, {"__volatile", W_QUAL, 0}, {"__volatile__", W_QUAL, 0},
	{"_Nonnull", W_QUAL, 0}, {"_Nullable", W_QUAL, 0}, {"mutable", W_QUAL, 1},
	{"static", W_STORAGE, 0}, {"extern", W_STORAGE, 0}, {"register", W_STORAGE, 0},
	{"auto", W_STORAGE, 0}, {"inline", W_STORAGE, 0}, {"__inline", W_STORAGE, 0},
	{"__inline__", W_STORAGE, 0}, {"_Thread_local", W_STORAGE, 0},
	{"__thread", W_STORAGE, 0}, {"_Noreturn", W_STORAGE, 0},
	{"thread_local", W_STORAGE, 1}, {"constexpr", W_STORAGE, 1},
	{"virtual", W_STORAGE, 1}, {"explicit", W_STORAGE, 1}, {"friend", W_STORAGE, 1},
	{"struct", W_STRUCT, 0}, {"union", W_STRUCT, 0}, {"enum", W_STRUCT, 0},
	{"class", W_STRUCT, 1},
	{"typeof", W_TYPEOF, 0}, {"__typeof__", W_TYPEOF, 0}, {"__typeof", W_TYPEOF, 0},
	{"typeof_unqual", W_TYPEOF, 0}, {"decltype", W_TYPEOF, 1},
	{"__attribute__", W_ATTR, 0}, {"__attribute", W_ATTR, 0}, {"__declspec", W_ATTR, 0},
	{"_Alignas", W_ATTR, 0}, {"alignas", W_ATTR, 0},
	{"asm", W_ASM, 0}, {"__asm__", W_ASM, 0}, {"__asm", W_ASM, 0},
	{"typedef", W_TYPEDEF, 0}, {"__label__", W_TYPEDEF, 0},
	{"_Static_assert", W_STATIC_ASSERT, 0}, {"static_assert", W_STATIC_ASSERT, 0},
	{"__extension__", W_EXT, 0},
	{"true", W_LIT, 1}, {"false", W_LIT, 1}, {"nullptr", W_LIT, 1},
	{"this", W_THIS, 1},
	{"new", W_PREFIXOP, 1}, {"delete", W_PREFIXOP, 1}, {"throw", W_PREFIXOP, 1},
	{"co_await", W_PREFIXOP, 1},
	{"namespace", W_NAMESPACE, 1}, {"template", W_CXXDECL, 1}, {"using", W_CXXDECL, 1},
};

/* Keyword lookup: a small open-addressing table, built once (pthread_once:
 * cflow_build runs in several threads at a time). */
#define KWH 512

static unsigned short kwh[KWH]; /* 1 + index into kws, 0: free */
static pthread_once_t kwh_once = PTHREAD_ONCE_INIT;

static unsigned kw_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h & (KWH - 1);
}

static void kwh_init(void)
{
	for (size_t i = 0; i < ARRAY_LEN(kws); i++) {
		unsigned h = kw_hash(kws[i].s);
		while (kwh[h])
			h = (h + 1) & (KWH - 1);
		kwh[h] = (unsigned short)(i + 1);
	}
}

static const struct kw *kw_find(const char *s)
{
	for (unsigned h = kw_hash(s);; h = (h + 1) & (KWH - 1)) {
		unsigned x = kwh[h];
		if (!x)
			return NULL;
		if (strcmp(kws[x - 1].s, s) == 0)
			return &kws[x - 1];
	}
}

static int punct_code(const char *s)
{
	if (s[0] && !s[1]) {
		switch (s[0]) {
		case '(': return P_LPAREN;
		case ')': return P_RPAREN;
		case '[': return P_LBRACK;
		case ']': return P_RBRACK;
		case '{': return P_LBRACE;
		case '}': return P_RBRACE;
		case ';': return P_SEMI;
		case ',': return P_COMMA;
		case '.': return P_DOT;
		case '&': return P_AMP;
		case '*': return P_STAR;
		case '+': return P_PLUS;
		case '-': return P_MINUS;
		case '~': return P_TILDE;
		case '!': return P_BANG;
		case '/': return P_SLASH;
		case '%': return P_PERCENT;
		case '<': return P_LT;
		case '>': return P_GT;
		case '^': return P_CARET;
		case '|': return P_PIPE;
		case '?': return P_QUEST;
		case ':': return P_COLON;
		case '=': return P_ASSIGN;
		}
		return K_PUNCT;
	}
	static const struct {
		char s[4];
		unsigned char code;
	} multi[] = {
		{"->", P_ARROW}, {"++", P_INC}, {"--", P_DEC}, {"<<", P_SHL}, {">>", P_SHR},
		{"<=", P_LE}, {">=", P_GE}, {"==", P_EQ}, {"!=", P_NE}, {"&&", P_ANDAND},
		{"||", P_OROR}, {"*=", P_OPASSIGN}, {"/=", P_OPASSIGN}, {"%=", P_OPASSIGN},
		{"+=", P_OPASSIGN}, {"-=", P_OPASSIGN}, {"&=", P_OPASSIGN}, {"^=", P_OPASSIGN},
		{"|=", P_OPASSIGN}, {"<<=", P_OPASSIGN}, {">>=", P_OPASSIGN},
		{"...", P_ELLIPSIS}, {"::", P_SCOPE},
		/* digraphs */
		{"<:", P_LBRACK}, {":>", P_RBRACK}, {"<%", P_LBRACE}, {"%>", P_RBRACE},
	};
	for (size_t i = 0; i < ARRAY_LEN(multi); i++)
		if (strcmp(multi[i].s, s) == 0)
			return multi[i].code;
	return K_PUNCT;
}

/* A string literal has a '"' before any '\'' (L"x", u8"x", R"(x)");
 * numbers (1'000 in C++) and character literals do not. */
static int lit_code(const char *s)
{
	const char *q = strpbrk(s, "\"'");
	return q && *q == '"' ? K_STR : K_NUM;
}

/* ==== parser state ===================================================== */

struct parser {
	const struct ctok **t; /* the tokens outside directives */
	unsigned char *k;      /* their codes */
	size_t *m;             /* index of the matching bracket, or NONE */
	const char **str;      /* arena copies of spellings, made on first use */
	size_t n;
	size_t i;              /* current token */
	size_t end;            /* tokens from end on are invisible (see file comment) */
	int depth;
	struct arena *ar;
	void **stk; /* scratch stack for the arrays being built (LIFO) */
	size_t sn, scap;
	struct sbuf sb; /* scratch text: string literals, names */
	struct sbuf tb; /* scratch text: types */
	int tprev;      /* code of the last token spelled into tb */
	int tdepth;     /* '[' open in tb */
};

static const char *tok_s(const struct ctok *t)
{
	return t->s ? t->s : "";
}

static int classify(const struct ctok *t)
{
	const char *s = tok_s(t);
	switch (t->kind) {
	case CTK_PUNCT:
		return punct_code(s);
	case CTK_LIT:
		return lit_code(s);
	case CTK_KEYWORD:
	case CTK_IDENT: {
		const struct kw *k = kw_find(s);
		if (k && (!k->cxx || t->kind == CTK_KEYWORD))
			return k->code;
		return t->kind == CTK_KEYWORD ? K_KW : K_IDENT;
	}
	}
	return K_PUNCT;
}

static int is_opener(int c)
{
	return c == P_LPAREN || c == P_LBRACK || c == P_LBRACE;
}

/* Match brackets over the whole token stream with one stack, tolerating
 * unbalanced input the way it usually arises (#ifdef branches that each
 * open or close a brace, macros with partial syntax):
 * - ')' or ']' pairs with the nearest open one of its kind if there is one
 *   since the innermost open '{' (openers above it stay unmatched), else it
 *   is stray;
 * - '}' pairs with the innermost open '{', closing any '(' '[' left open
 *   inside it; with no open '{' it is stray.
 * Matched pairs are properly nested, and between the two tokens of a pair
 * every brace is matched inside the pair. Counters per stack entry make
 * each decision O(1), so this is linear even on adversarial input. */
static void match_brackets(struct parser *p)
{
	size_t *stk = xmalloc((p->n + 1) * sizeof *stk);
	/* np[d], nb[d]: '(' and '[' entries in stk[0..d]; lb[d]: number of
	 * entries up to and including the innermost '{' at or below d. */
	size_t *np = xmalloc((p->n + 1) * sizeof *np);
	size_t *nb = xmalloc((p->n + 1) * sizeof *nb);
	size_t *lb = xmalloc((p->n + 1) * sizeof *lb);
	size_t sp = 0;
	for (size_t j = 0; j < p->n; j++)
		p->m[j] = NONE;
	for (size_t j = 0; j < p->n; j++) {
		int c = p->k[j];
		if (is_opener(c)) {
			np[sp] = (sp ? np[sp - 1] : 0) + (c == P_LPAREN);
			nb[sp] = (sp ? nb[sp - 1] : 0) + (c == P_LBRACK);
			lb[sp] = c == P_LBRACE ? sp + 1 : (sp ? lb[sp - 1] : 0);
			stk[sp++] = j;
			continue;
		}
		if (c != P_RPAREN && c != P_RBRACK && c != P_RBRACE)
			continue;
		if (c == P_RBRACE) {
			if (!sp || !lb[sp - 1])
				continue; /* stray */
			sp = lb[sp - 1] - 1;
		} else {
			size_t *cnt = c == P_RPAREN ? np : nb;
			size_t base = sp && lb[sp - 1] ? cnt[lb[sp - 1] - 1] : 0;
			if (!sp || cnt[sp - 1] == base)
				continue; /* stray */
			int want = c == P_RPAREN ? P_LPAREN : P_LBRACK;
			while (p->k[stk[sp - 1]] != want)
				sp--;
			sp--;
		}
		p->m[stk[sp]] = j;
		p->m[j] = stk[sp];
	}
	free(stk);
	free(np);
	free(nb);
	free(lb);
}

static int K(const struct parser *p)
{
	return p->i < p->end ? p->k[p->i] : K_EOF;
}

static int KA(const struct parser *p, size_t j)
{
	return j < p->end ? p->k[j] : K_EOF;
}

/* The match of the opener at j if it lies inside the visible range. */
static size_t match_in(const struct parser *p, size_t j)
{
	size_t m = j < p->end ? p->m[j] : NONE;
	return m != NONE && m > j && m < p->end ? m : NONE;
}

static const char *S(struct parser *p, size_t j)
{
	if (!p->str[j]) {
		const char *s = tok_s(p->t[j]);
		p->str[j] = arena_strndup(p->ar, s, strlen(s));
	}
	return p->str[j];
}

static int first_on_line(const struct parser *p, size_t j)
{
	return j < p->n && (j == 0 || p->t[j - 1]->line < p->t[j]->line);
}

static int is_stmt_kw(int c)
{
	return c >= W_IF && c <= W_GOTO;
}

static int is_word(int c)
{
	return c == K_IDENT || c == K_NUM || c == K_STR || c == K_KW || c >= W_IF;
}

/* Skip one token, or a whole bracketed group when its match is visible. */
static void skip_one(struct parser *p)
{
	size_t m = is_opener(K(p)) ? match_in(p, p->i) : NONE;
	p->i = m != NONE ? m + 1 : p->i + 1;
}

/* Skip through the next ';' (consumed) or up to a '}' (not consumed),
 * jumping over bracketed groups. */
static void skip_to_semi(struct parser *p)
{
	while (p->i < p->end) {
		int c = K(p);
		if (c == P_SEMI) {
			p->i++;
			return;
		}
		if (c == P_RBRACE)
			return;
		skip_one(p);
	}
}

/* ---- scratch stack: arrays are collected here, then copied to the arena */

static size_t mark(const struct parser *p)
{
	return p->sn;
}

static void push(struct parser *p, void *x)
{
	if (p->sn == p->scap) {
		p->scap = p->scap ? p->scap * 2 : 256;
		p->stk = xrealloc(p->stk, p->scap * sizeof *p->stk);
	}
	p->stk[p->sn++] = x;
}

static void *take(struct parser *p, size_t base, size_t *n)
{
	*n = p->sn - base;
	if (!*n)
		return NULL;
	void **v = arena_alloc(p->ar, *n * sizeof *v);
	memcpy(v, p->stk + base, *n * sizeof *v);
	p->sn = base;
	return v;
}

/* ---- nodes ------------------------------------------------------------ */

static void tokpos(const struct parser *p, size_t j, unsigned *line, unsigned *col)
{
	if (j < p->n) {
		*line = p->t[j]->line;
		*col = p->t[j]->col;
	} else if (p->n) {
		*line = p->t[p->n - 1]->end_line;
		*col = p->t[p->n - 1]->end_col;
	} else {
		*line = *col = 1;
	}
}

static struct cflow_expr *ex(struct parser *p, enum cflow_expr_kind kind, size_t first)
{
	struct cflow_expr *e = arena_zalloc(p->ar, sizeof *e);
	e->kind = kind;
	e->op = e->name = "";
	tokpos(p, first, &e->line, &e->col);
	e->end_line = e->line;
	e->end_col = e->col;
	return e;
}

/* Set the end of e to the end of the last token consumed since first. */
static struct cflow_expr *done(struct parser *p, struct cflow_expr *e, size_t first)
{
	if (p->i > first && p->i - 1 < p->n) {
		e->end_line = p->t[p->i - 1]->end_line;
		e->end_col = p->t[p->i - 1]->end_col;
	}
	return e;
}

static struct cflow_expr *empty(struct parser *p)
{
	return ex(p, CFX_OTHER, p->i);
}

static struct cflow_stmt *st(struct parser *p, enum cflow_stmt_kind kind, size_t first)
{
	struct cflow_stmt *s = arena_zalloc(p->ar, sizeof *s);
	s->kind = kind;
	s->name = s->type = "";
	tokpos(p, first, &s->line, &s->col);
	return s;
}

/* ==== expressions ====================================================== */

enum { PREC_COMMA = 1, PREC_ASSIGN, PREC_COND };

static int binprec(int c)
{
	switch (c) {
	case P_COMMA: return PREC_COMMA;
	case P_ASSIGN: case P_OPASSIGN: return PREC_ASSIGN;
	case P_QUEST: return PREC_COND;
	case P_OROR: return 4;
	case P_ANDAND: return 5;
	case P_PIPE: return 6;
	case P_CARET: return 7;
	case P_AMP: return 8;
	case P_EQ: case P_NE: return 9;
	case P_LT: case P_GT: case P_LE: case P_GE: return 10;
	case P_SHL: case P_SHR: return 11;
	case P_PLUS: case P_MINUS: return 12;
	case P_STAR: case P_SLASH: case P_PERCENT: return 13;
	}
	return 0;
}

/* Tokens that can begin an operand (what unary() accepts). */
static int can_start(int c)
{
	switch (c) {
	case K_IDENT: case K_NUM: case K_STR: case K_KW:
	case P_LPAREN: case P_LBRACE: case P_SCOPE:
	case P_MINUS: case P_PLUS: case P_BANG: case P_TILDE: case P_STAR: case P_AMP:
	case P_INC: case P_DEC: case P_ANDAND:
	case W_SIZEOF: case W_ALIGNOF: case W_OFFSETOF: case W_TYPE: case W_QUAL:
	case W_STRUCT: case W_TYPEOF: case W_LIT: case W_THIS: case W_EXT: case W_PREFIXOP:
		return 1;
	}
	return 0;
}

/* Stop sets for rest(): where reading leftover tokens must end. */
enum {
	ST_SEMI = 1, ST_COMMA = 2, ST_RPAREN = 4, ST_RBRACK = 8, ST_LBRACE = 16,
	ST_RBRACE = 32, ST_KW = 64, ST_COLON = 128,
};
#define ST_STMT (ST_SEMI | ST_RBRACE | ST_LBRACE | ST_KW)

static int is_stop(const struct parser *p, int stops)
{
	int c = K(p);
	switch (c) {
	case K_EOF: return 1;
	case P_SEMI: return stops & ST_SEMI;
	case P_COMMA: return stops & ST_COMMA;
	case P_RPAREN: return stops & ST_RPAREN;
	case P_RBRACK: return stops & ST_RBRACK;
	case P_LBRACE: return stops & ST_LBRACE;
	case P_RBRACE: return stops & ST_RBRACE;
	case P_COLON: return stops & ST_COLON;
	}
	return (stops & ST_KW) && is_stmt_kw(c);
}

static struct cflow_expr *expr(struct parser *p, int minprec);
static struct cflow_expr *unary(struct parser *p);
static struct cflow_stmt *block(struct parser *p);

/* What follows e that should not be there, up to a stop token (not
 * consumed): the operands that can still be read go into a CFX_OTHER
 * together with e, so that calls and assignments in code we do not
 * understand stay visible. Returns e itself when nothing follows. */
static struct cflow_expr *rest(struct parser *p, size_t first, struct cflow_expr *e, int stops)
{
	if (is_stop(p, stops))
		return e;
	size_t base = mark(p);
	if (e)
		push(p, e);
	int prec = stops & ST_COMMA ? PREC_ASSIGN : PREC_COMMA;
	while (!is_stop(p, stops)) {
		size_t before = p->i;
		if (can_start(K(p))) {
			struct cflow_expr *x = expr(p, prec);
			if (x)
				push(p, x);
		}
		if (p->i == before)
			skip_one(p);
	}
	struct cflow_expr *o = ex(p, CFX_OTHER, first);
	o->args = take(p, base, &o->nargs);
	return done(p, o, first);
}

/* An operand skipped whole (beyond MAX_DEPTH), or NULL when none starts here. */
static struct cflow_expr *skip_operand(struct parser *p)
{
	size_t s = p->i;
	if (!can_start(K(p)))
		return NULL;
	skip_one(p);
	return done(p, ex(p, CFX_OTHER, s), s);
}

/* expr() for a right operand that recurses (assignment, ?:), depth-capped. */
static struct cflow_expr *deep(struct parser *p, int prec)
{
	if (p->depth >= MAX_DEPTH)
		return skip_operand(p);
	p->depth++;
	struct cflow_expr *e = expr(p, prec);
	p->depth--;
	return e;
}

/* Precedence climbing. Returns NULL (nothing consumed) when no operand
 * starts at the current token. */
static struct cflow_expr *expr(struct parser *p, int minprec)
{
	size_t s = p->i;
	struct cflow_expr *lhs = unary(p);
	if (!lhs)
		return NULL;
	/* Generated code can chain thousands of operators, and beyond
	 * MAX_DEPTH even "a = b = ..." and "a ? b : c ? ..." chain here
	 * instead of recursing: past CHAIN_MAX operators the operands go into
	 * one flat CFX_OTHER, which keeps the model shallow for recursive
	 * consumers. */
	int chain = 0;
	struct cflow_expr *flat = NULL;
	size_t base = 0;
	for (;;) {
		int c = K(p);
		int prec = binprec(c);
		if (!prec || prec < minprec)
			break;
		if (++chain > CHAIN_MAX && !flat) {
			flat = ex(p, CFX_OTHER, s);
			base = mark(p);
			push(p, lhs);
			lhs = flat;
		}
		size_t op = p->i++;
		struct cflow_expr *b = NULL, *rhs;
		if (c == P_QUEST) {
			b = K(p) == P_COLON ? lhs : deep(p, PREC_COMMA);
			if (!b)
				b = empty(p);
			rhs = NULL;
			if (K(p) == P_COLON) {
				p->i++;
				rhs = deep(p, PREC_COND);
			}
			if (!rhs)
				rhs = empty(p);
		} else {
			rhs = prec == PREC_ASSIGN ? deep(p, prec) : expr(p, prec + 1);
		}
		if (flat) {
			if (b && b != lhs)
				push(p, b);
			if (rhs)
				push(p, rhs);
			if (!rhs)
				break;
			continue;
		}
		if (!rhs) {
			/* An operator without a right operand: keep the left one. */
			struct cflow_expr *o = ex(p, CFX_OTHER, s);
			o->args = arena_alloc(p->ar, sizeof *o->args);
			o->args[0] = lhs;
			o->nargs = 1;
			lhs = done(p, o, s);
			break;
		}
		struct cflow_expr *e = ex(p, c == P_QUEST	   ? CFX_COND
					     : prec == PREC_ASSIGN ? CFX_ASSIGN
					     : prec == PREC_COMMA  ? CFX_COMMA
								   : CFX_BINARY,
					  s);
		if (c != P_QUEST && prec != PREC_COMMA)
			e->op = S(p, op);
		e->a = lhs;
		e->b = b ? b : rhs;
		e->c = b ? rhs : NULL;
		lhs = done(p, e, s);
	}
	if (flat) {
		flat->args = take(p, base, &flat->nargs);
		done(p, flat, s);
	}
	return lhs;
}

static int is_caps_macro(const char *s)
{
	int upper = 0;
	for (; *s; s++) {
		if (*s >= 'a' && *s <= 'z')
			return 0;
		upper |= *s >= 'A' && *s <= 'Z';
	}
	return upper;
}

/* Adjacent string literals, with the macro names around them dropped
 * ("a" PRIu32 "b", ESC "[H"): contents joined, quotes and prefixes removed. */
static struct cflow_expr *string_expr(struct parser *p)
{
	size_t s = p->i;
	p->sb.len = 0;
	sbuf_adds(&p->sb, "");
	for (;;) {
		int c = K(p);
		if (c == K_STR) {
			const char *t = S(p, p->i);
			const char *q = strchr(t, '"'), *r = strrchr(t, '"');
			if (q && r > q) {
				q++;
				/* C++ raw string R"delim(...)delim" */
				if (q - 1 > t && q[-2] == 'R') {
					const char *lp = memchr(q, '(', (size_t)(r - q));
					const char *rp = r;
					while (rp > q && *rp != ')')
						rp--;
					if (lp && rp > lp) {
						q = lp + 1;
						r = rp;
					}
				}
				sbuf_addn(&p->sb, q, (size_t)(r - q));
			}
			p->i++;
			continue;
		}
		if (c == K_IDENT) {
			const char *t = S(p, p->i);
			if (KA(p, p->i + 1) == K_STR)
				p->i++; /* DRV_PREFIX "text", "a" PRIu32 "b" */
			else if (p->i > s && (strncmp(t, "PRI", 3) == 0 ||
				      strncmp(t, "SCN", 3) == 0 || is_caps_macro(t)))
				p->i++; /* "%" PRIu32 at the end */
			else
				break;
			continue;
		}
		break;
	}
	struct cflow_expr *e = ex(p, CFX_STR, s);
	e->name = arena_strndup(p->ar, p->sb.s, p->sb.len);
	return done(p, e, s);
}

/* A brace initializer; designators (.f =, [i] =, f:) are dropped. */
static struct cflow_expr *init_list(struct parser *p)
{
	size_t s = p->i, rb = match_in(p, s), save = p->end;
	struct cflow_expr *e = ex(p, CFX_INIT, s);
	int stops = ST_COMMA;
	p->i++;
	if (rb != NONE)
		p->end = rb;
	else
		stops |= ST_RBRACE | ST_SEMI;
	size_t base = mark(p);
	while (p->i < p->end) {
		size_t before = p->i;
		int c = K(p);
		if (rb == NONE && (c == P_RBRACE || c == P_SEMI))
			break;
		if (c == P_COMMA) {
			p->i++;
			continue;
		}
		int desig = 0;
		for (;;) {
			size_t m;
			if (K(p) == P_DOT && KA(p, p->i + 1) == K_IDENT) {
				p->i += 2;
			} else if (K(p) == P_LBRACK && (m = match_in(p, p->i)) != NONE) {
				p->i = m + 1;
			} else if (!desig && K(p) == K_IDENT && KA(p, p->i + 1) == P_COLON) {
				p->i += 2; /* old GNU "field: value" */
				break;
			} else {
				break;
			}
			desig = 1;
		}
		if (desig && K(p) == P_ASSIGN)
			p->i++;
		size_t es = p->i;
		struct cflow_expr *x = rest(p, es, expr(p, PREC_ASSIGN), stops);
		if (x)
			push(p, x);
		if (K(p) == P_COMMA)
			p->i++;
		if (p->i == before)
			p->i++;
	}
	e->args = take(p, base, &e->nargs);
	p->end = save;
	if (rb != NONE)
		p->i = rb + 1;
	else if (K(p) == P_RBRACE)
		p->i++;
	return done(p, e, s);
}

static const char *callee_name(const struct cflow_expr *e)
{
	if (e->kind == CFX_MEMBER)
		return e->name;
	if (e->kind != CFX_NAME)
		return "";
	/* "ns::f" is called "f" */
	const char *q = strrchr(e->name, ':');
	return q ? q + 1 : e->name;
}

/* The arguments of a call, at '(': top-level comma-separated. */
static void call_args(struct parser *p, struct cflow_expr *call)
{
	size_t rp = match_in(p, p->i), save = p->end;
	int stops = ST_COMMA;
	p->i++;
	if (rp != NONE)
		p->end = rp;
	else
		stops |= ST_RPAREN | ST_SEMI | ST_LBRACE | ST_RBRACE;
	size_t base = mark(p);
	while (p->i < p->end) {
		size_t before = p->i;
		int c = K(p);
		if (rp == NONE && (c == P_RPAREN || c == P_SEMI || c == P_LBRACE || c == P_RBRACE))
			break;
		if (c == P_COMMA) { /* an empty macro argument */
			p->i++;
			continue;
		}
		struct cflow_expr *x = rest(p, before, expr(p, PREC_ASSIGN), stops);
		if (x)
			push(p, x);
		if (K(p) == P_COMMA)
			p->i++;
		if (p->i == before)
			p->i++;
	}
	call->args = take(p, base, &call->nargs);
	p->end = save;
	if (rp != NONE)
		p->i = rp + 1;
	else if (K(p) == P_RPAREN)
		p->i++;
}

/* Postfix operators after the operand e (which started at token s). Past
 * CHAIN_MAX of them (a[0][0]..., f()()...) the rest is read into one flat
 * CFX_OTHER, as for binary operators. */
static struct cflow_expr *postfix(struct parser *p, struct cflow_expr *e, size_t s)
{
	size_t base = 0;
	for (int chain = 0;; chain++) {
		int c = K(p);
		if (chain == CHAIN_MAX && (c == P_LPAREN || c == P_LBRACK || c == P_DOT ||
					   c == P_ARROW || c == P_INC || c == P_DEC)) {
			struct cflow_expr *flat = ex(p, CFX_OTHER, s);
			base = mark(p);
			push(p, e);
			e = flat;
		}
		if (chain >= CHAIN_MAX) {
			/* flat: keep what data the operators bring in */
			struct cflow_expr *x = NULL;
			if (c == P_LPAREN || c == P_LBRACK) {
				size_t m = match_in(p, p->i), save = p->end, first = p->i + 1;
				p->i++;
				if (m != NONE)
					p->end = m;
				x = rest(p, first, expr(p, PREC_COMMA),
					 m != NONE ? 0 : ST_RPAREN | ST_RBRACK | ST_SEMI | ST_LBRACE | ST_RBRACE);
				p->end = save;
				if (m != NONE)
					p->i = m + 1;
				else if (K(p) == P_RPAREN || K(p) == P_RBRACK)
					p->i++;
			} else if (c == P_DOT || c == P_ARROW) {
				p->i++;
				if (p->i < p->end && (p->t[p->i]->kind == CTK_IDENT ||
						      p->t[p->i]->kind == CTK_KEYWORD))
					p->i++;
			} else if (c == P_INC || c == P_DEC) {
				p->i++;
			} else {
				e->args = take(p, base, &e->nargs);
				return done(p, e, s);
			}
			if (x)
				push(p, x);
			continue;
		}
		if (c == P_LPAREN) {
			struct cflow_expr *call = ex(p, CFX_CALL, s);
			call->a = e;
			call->name = callee_name(e);
			call_args(p, call);
			e = done(p, call, s);
		} else if (c == P_LBRACK) {
			struct cflow_expr *x = ex(p, CFX_INDEX, s);
			size_t rb = match_in(p, p->i), save = p->end;
			size_t bs = ++p->i;
			x->a = e;
			if (rb != NONE) {
				p->end = rb;
				x->b = rest(p, bs, expr(p, PREC_COMMA), 0);
				p->end = save;
				p->i = rb + 1;
			} else {
				x->b = rest(p, bs, expr(p, PREC_COMMA),
					    ST_RBRACK | ST_SEMI | ST_LBRACE | ST_RBRACE | ST_RPAREN);
				if (K(p) == P_RBRACK)
					p->i++;
			}
			if (!x->b)
				x->b = empty(p);
			e = done(p, x, s);
		} else if (c == P_DOT || c == P_ARROW) {
			struct cflow_expr *x = ex(p, CFX_MEMBER, s);
			x->op = c == P_DOT ? "." : "->";
			x->a = e;
			p->i++;
			if (p->i < p->end && (p->t[p->i]->kind == CTK_IDENT || p->t[p->i]->kind == CTK_KEYWORD))
				x->name = S(p, p->i++);
			e = done(p, x, s);
		} else if (c == P_INC || c == P_DEC) {
			struct cflow_expr *x = ex(p, CFX_UNARY, s);
			x->op = c == P_INC ? "post++" : "post--";
			x->a = e;
			p->i++;
			e = done(p, x, s);
		} else {
			return e;
		}
	}
}

/* Whether the tokens between the parentheses at lp and rp could be the
 * arguments of a type-making macro: STACK_OF(X509), TAILQ_HEAD(h, e). */
static int type_args(const struct parser *p, size_t lp, size_t rp)
{
	for (size_t j = lp + 1; j < rp; j++)
		switch (p->k[j]) {
		case K_IDENT: case K_NUM: case P_COMMA: case P_STAR: case W_TYPE: case W_QUAL:
		case W_STRUCT:
			break;
		default:
			return 0;
		}
	return 1;
}

/* Whether the tokens in the parentheses at lp are a type name: 1 surely (a
 * type keyword, "struct x", "name *", "name_t"), 2 maybe (one plain
 * identifier: a cast only if an operand follows), 0 no. */
static int type_paren(const struct parser *p, size_t lp)
{
	size_t rp = match_in(p, lp);
	if (rp == NONE || rp == lp + 1)
		return 0;
	int kw = 0, ids = 0, stars = 0, groups = 0, macro = 0;
	size_t last = NONE;
	for (size_t j = lp + 1; j < rp; j++) {
		int c = p->k[j];
		size_t m;
		switch (c) {
		case W_TYPE: case W_QUAL: case W_STRUCT:
			kw = 1;
			break;
		case W_TYPEOF: case W_ATTR:
			kw |= c == W_TYPEOF;
			if (j + 1 < rp && p->k[j + 1] == P_LPAREN && (m = p->m[j + 1]) != NONE && m < rp)
				j = m;
			break;
		case K_IDENT:
			if (stars && !kw)
				return 0; /* "a * b" */
			if (!(j > lp + 1 && p->k[j - 1] == P_SCOPE))
				ids++;
			last = j;
			break;
		case P_SCOPE:
			break;
		case P_STAR:
			stars++;
			break;
		case P_AMP: case P_ANDAND:
			if (!kw)
				return 0;
			break;
		case P_LBRACK: case P_LPAREN:
			/* "(int [4])", "(void (*)(int))", "(STACK_OF(X509) *)" */
			if ((m = p->m[j]) == NONE || m > rp)
				return 0;
			if (c == P_LPAREN && !kw && !stars && p->k[j - 1] == K_IDENT && type_args(p, j, m))
				macro = 1;
			else
				groups += c == P_LPAREN;
			j = m;
			break;
		default:
			return 0;
		}
	}
	if (kw)
		return 1;
	if (groups || !ids)
		return 0;
	if (stars)
		return 1;
	if (macro) /* "(f(x))": a call, unless stars follow */
		return 0;
	if (ids == 1) {
		const char *s = tok_s(p->t[last]);
		size_t n = strlen(s);
		return n > 2 && strcmp(s + n - 2, "_t") == 0 ? 1 : 2;
	}
	return 0;
}

/* Spell token j into p->tb, with the spacing of a type as clang prints
 * it: "const char *", "uint8_t [64]", "int (*)(int, char)"; and macro-made
 * types as written: "STACK_OF(X509) *". */
static void spell(struct parser *p, size_t j)
{
	int c = p->k[j];
	if (!p->tb.len)
		p->tdepth = 0;
	if (p->tb.len && p->tdepth > 0) { /* array sizes: "[N+1]", "[2*M]" */
		if (is_word(c) && is_word(p->tprev))
			sbuf_addc(&p->tb, ' ');
	} else if (p->tb.len) {
		int pc = p->tprev, sp = 0;
		int wordish = is_word(pc) || pc == P_RPAREN;
		if (is_word(c))
			sp = wordish || pc == P_COMMA;
		else if (c == P_STAR || c == P_AMP || c == P_ANDAND)
			sp = wordish;
		else if (c == P_LBRACK)
			sp = is_word(pc);
		else if (c == P_LPAREN) /* "int (*)", not "ElfW(Addr)" */
			sp = is_word(pc) && j + 1 < p->n && p->k[j + 1] == P_STAR;
		else if (c == P_ELLIPSIS)
			sp = pc == P_COMMA;
		if (sp)
			sbuf_addc(&p->tb, ' ');
	}
	sbuf_adds(&p->tb, S(p, j));
	p->tprev = c;
	p->tdepth += (c == P_LBRACK) - (c == P_RBRACK && p->tdepth > 0);
}

static void spell_range(struct parser *p, size_t a, size_t b)
{
	for (size_t j = a; j < b; j++)
		spell(p, j);
}

static const char *tb_take(struct parser *p)
{
	return p->tb.len ? arena_strndup(p->ar, p->tb.s, p->tb.len) : "";
}

static struct cflow_expr *sizeof_expr(struct parser *p)
{
	size_t s = p->i++;
	struct cflow_expr *e = ex(p, CFX_SIZEOF, s);
	if (K(p) == P_LPAREN && type_paren(p, p->i) == 1) {
		p->i = match_in(p, p->i) + 1;
		if (K(p) == P_LBRACE) /* sizeof (int[]){1, 2} */
			(void)init_list(p);
		return done(p, e, s);
	}
	if (K(p) == P_ELLIPSIS) /* C++ sizeof...(Args) */
		p->i++;
	e->a = unary(p);
	return done(p, e, s);
}

/* '(' in operand position: statement expression, cast, compound literal or
 * parenthesised expression. *post is set when postfix operators may follow. */
static struct cflow_expr *paren(struct parser *p, int *post)
{
	size_t s = p->i, rp = match_in(p, s), save = p->end;
	struct cflow_expr *e;
	*post = 1;
	if (KA(p, s + 1) == P_LBRACE) {
		/* ({ ... }): the values of its top-level statements */
		if (rp != NONE)
			p->end = rp;
		p->i = s + 1;
		struct cflow_stmt *b = block(p);
		p->end = save;
		if (rp != NONE)
			p->i = rp + 1;
		else if (K(p) == P_RPAREN)
			p->i++;
		e = ex(p, CFX_OTHER, s);
		size_t base = mark(p);
		for (size_t k = 0; k < b->nkids; k++) {
			const struct cflow_stmt *x = b->kids[k];
			if ((x->kind == CFS_EXPR || x->kind == CFS_DECL) && x->e)
				push(p, x->e);
		}
		e->args = take(p, base, &e->nargs);
		return done(p, e, s);
	}
	int tc = type_paren(p, s);
	if (tc) {
		int after = KA(p, rp + 1);
		if (after == P_LBRACE) { /* compound literal */
			p->tb.len = 0;
			spell_range(p, s + 1, rp);
			e = ex(p, CFX_CAST, s);
			e->name = tb_take(p);
			p->i = rp + 1;
			e->a = init_list(p);
			return done(p, e, s);
		}
		/* "(x) - y" and "(x) & y" stay binary; "(T) ~y", "(T) sizeof y" do not */
		if ((tc == 1 && can_start(after)) ||
		    (tc == 2 && (after == K_IDENT || after == K_NUM || after == K_STR || after == P_LPAREN ||
				 after == W_SIZEOF || after == W_ALIGNOF || after == P_TILDE ||
				 after == P_BANG || after == K_KW))) {
			p->tb.len = 0;
			spell_range(p, s + 1, rp);
			e = ex(p, CFX_CAST, s);
			e->name = tb_take(p);
			p->i = rp + 1;
			e->a = unary(p);
			if (!e->a)
				e->a = empty(p);
			*post = 0;
			return done(p, e, s);
		}
		if (tc == 1) { /* a type alone, e.g. a macro argument "(int)" */
			p->tb.len = 0;
			spell_range(p, s + 1, rp);
			e = ex(p, CFX_OTHER, s);
			e->name = tb_take(p);
			p->i = rp + 1;
			return done(p, e, s);
		}
	}
	p->i = s + 1;
	if (rp != NONE) {
		p->end = rp;
		e = rest(p, s + 1, expr(p, PREC_COMMA), 0);
		p->end = save;
		p->i = rp + 1;
	} else {
		e = rest(p, s + 1, expr(p, PREC_COMMA), ST_RPAREN | ST_SEMI | ST_LBRACE | ST_RBRACE);
		if (K(p) == P_RPAREN)
			p->i++;
	}
	return e ? e : done(p, ex(p, CFX_OTHER, s), s);
}

/* A type name where an operand should be (va_arg(ap, int), macro
 * arguments): CFX_OTHER named by the type. */
static struct cflow_expr *type_operand(struct parser *p)
{
	size_t s = p->i;
	p->tb.len = 0;
	for (;;) {
		int c = K(p);
		if (c == W_TYPE || c == W_QUAL || c == P_STAR) {
			spell(p, p->i++);
		} else if (c == W_STRUCT) {
			spell(p, p->i++);
			if (K(p) == K_IDENT)
				spell(p, p->i++);
		} else if (c == W_TYPEOF) {
			spell(p, p->i++);
			size_t m = K(p) == P_LPAREN ? match_in(p, p->i) : NONE;
			if (m != NONE) {
				spell_range(p, p->i, m + 1);
				p->i = m + 1;
			}
		} else {
			break;
		}
	}
	struct cflow_expr *e = ex(p, CFX_OTHER, s);
	e->name = tb_take(p);
	return done(p, e, s);
}

static struct cflow_expr *primary(struct parser *p)
{
	size_t s = p->i;
	struct cflow_expr *e;
	if (K(p) == K_IDENT && KA(p, s + 1) == K_STR)
		return string_expr(p);
	switch (K(p)) {
	case K_IDENT:
	case P_SCOPE: {
		/* a name, C++-qualified "a::b" kept whole */
		int words = 0;
		p->sb.len = 0;
		if (K(p) == P_SCOPE) {
			sbuf_adds(&p->sb, "::");
			p->i++;
		}
		while (K(p) == K_IDENT) {
			words++;
			sbuf_adds(&p->sb, S(p, p->i++));
			if (K(p) != P_SCOPE || KA(p, p->i + 1) != K_IDENT)
				break;
			sbuf_adds(&p->sb, "::");
			p->i++;
		}
		e = ex(p, words ? CFX_NAME : CFX_OTHER, s);
		if (words)
			e->name = p->i == s + 1 ? S(p, s) : arena_strndup(p->ar, p->sb.s, p->sb.len);
		return done(p, e, s);
	}
	case K_KW: /* __func__, __builtin_va_arg(...): names and calls */
	case W_THIS:
		e = ex(p, CFX_NAME, s);
		e->name = S(p, p->i++);
		return done(p, e, s);
	case K_NUM:
	case W_LIT:
		e = ex(p, CFX_NUM, s);
		e->name = S(p, p->i++);
		return done(p, e, s);
	case K_STR:
		return string_expr(p);
	case W_OFFSETOF:
		p->i++;
		if (K(p) == P_LPAREN)
			skip_one(p);
		return done(p, ex(p, CFX_SIZEOF, s), s);
	case P_LBRACE:
		return init_list(p);
	case W_TYPE:
	case W_QUAL:
	case W_STRUCT:
	case W_TYPEOF:
		return type_operand(p);
	}
	return NULL;
}

static struct cflow_expr *unary1(struct parser *p)
{
	size_t s = p->i;
	struct cflow_expr *e, *a;
	int post = 1;
	switch (K(p)) {
	case P_MINUS: case P_PLUS: case P_BANG: case P_TILDE:
	case P_STAR: case P_AMP: case P_INC: case P_DEC:
		p->i++;
		a = unary(p);
		e = ex(p, a ? CFX_UNARY : CFX_OTHER, s);
		if (a) {
			e->op = S(p, s);
			e->a = a;
		}
		return done(p, e, s);
	case P_ANDAND: /* GNU &&label */
		p->i++;
		if (K(p) == K_IDENT)
			p->i++;
		return done(p, ex(p, CFX_OTHER, s), s);
	case W_SIZEOF:
	case W_ALIGNOF:
		return sizeof_expr(p);
	case W_EXT:
		p->i++;
		a = unary(p);
		return a ? a : done(p, ex(p, CFX_OTHER, s), s);
	case W_PREFIXOP: /* C++ new, delete, throw */
		p->i++;
		a = unary(p);
		e = ex(p, CFX_OTHER, s);
		if (a) {
			e->args = arena_alloc(p->ar, sizeof *e->args);
			e->args[0] = a;
			e->nargs = 1;
		}
		return done(p, e, s);
	case P_LPAREN:
		e = paren(p, &post);
		return post ? postfix(p, e, s) : e;
	}
	e = primary(p);
	return e ? postfix(p, e, s) : NULL;
}

static struct cflow_expr *unary(struct parser *p)
{
	if (p->depth >= MAX_DEPTH)
		return skip_operand(p);
	p->depth++;
	struct cflow_expr *e = unary1(p);
	p->depth--;
	return e;
}

/* A full expression then whatever garbage follows it, up to stops. */
static struct cflow_expr *clause(struct parser *p, int stops)
{
	size_t s = p->i;
	return rest(p, s, expr(p, PREC_COMMA), stops);
}

/* The parenthesised condition of if/while/switch/do-while. Never NULL. */
static struct cflow_expr *cond(struct parser *p)
{
	size_t s = p->i, save = p->end;
	struct cflow_expr *e;
	if (K(p) != P_LPAREN) {
		e = clause(p, ST_STMT);
	} else {
		size_t rp = match_in(p, s);
		p->i++;
		if (rp != NONE) {
			p->end = rp;
			e = clause(p, 0);
			p->end = save;
			p->i = rp + 1;
		} else {
			e = clause(p, ST_RPAREN | ST_SEMI | ST_LBRACE | ST_RBRACE);
			if (K(p) == P_RPAREN)
				p->i++;
		}
	}
	return e ? e : done(p, ex(p, CFX_OTHER, s), s);
}

/* ==== declarations ===================================================== */

/* Identifiers that qualify a declaration rather than name a type or a
 * variable: attribute macros of the SDKs ("IRAM_ATTR", "UNUSED_PARAM",
 * "__unused"). Not "__u8" and friends, which are types. */
static int attr_like(const char *s)
{
	static const char *const names[] = {
		"UNUSED", "UNUSED_PARAM", "FAST_FUNC", "FAR", "NEAR", "MAYBE_UNUSED",
		"ALWAYS_INLINE", "FUNC_NORETURN", "NORETURN", "PACKED", "WEAK", "PROGMEM",
		"NOINLINE", "ATTR_UNUSED", "RESTRICT", "__aligned", "__packed", "__unused",
		"__maybe_unused", "__used", "__noinit", "__weak", "__iomem", "__user",
		"__force", "__rcu", "__percpu", "__must_check", "__cold", "__hot",
		"__always_inline", "__noinline", "__deprecated", "__printf", "__section",
		"__init", "__exit", "__initdata", "__ro_after_init", "__nocache",
		"__ramfunc", "__syscall", "__pinned_func", "__isr", "__naked",
		"__cacheline_aligned", "__read_mostly", "__visible", "__noreturn",
		"__printf_like", "__fallthrough", "__nonnull",
	};
	size_t n = strlen(s);
	if (n > 5 && strcmp(s + n - 5, "_ATTR") == 0)
		return 1;
	if (n > 4 && s[0] == '_' && s[1] == '_' && s[n - 1] == '_' && s[n - 2] == '_')
		return 1; /* __attribute_used__, __wur__ ... */
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (strcmp(names[i], s) == 0)
			return 1;
	return 0;
}

struct declspec {
	int has_type; /* a type specifier was read */
	int kw;       /* a keyword was read: surely a declaration */
	int is_static;
};

/* Declaration specifiers into p->tb; storage classes and attributes are
 * dropped from the text. Stops at the declarator. */
static void specifiers(struct parser *p, struct declspec *ds)
{
	memset(ds, 0, sizeof *ds);
	p->tb.len = 0;
	sbuf_adds(&p->tb, "");
	p->tprev = 0;
	for (;;) {
		size_t j = p->i, m;
		int c = K(p);
		if (c == W_STORAGE) {
			ds->kw = 1;
			ds->is_static |= strcmp(S(p, j), "static") == 0;
			p->i++;
		} else if (c == W_ATTR || c == W_ASM) {
			ds->kw = 1;
			p->i++;
			if (K(p) == P_LPAREN)
				skip_one(p);
		} else if (c == W_QUAL) {
			ds->kw = 1;
			spell(p, p->i++);
			if (K(p) == P_LPAREN && (m = match_in(p, p->i)) != NONE) { /* _Atomic(int) */
				spell_range(p, p->i, m + 1);
				p->i = m + 1;
				ds->has_type = 1;
			}
		} else if (c == W_TYPE) {
			ds->kw = ds->has_type = 1;
			spell(p, p->i++);
		} else if (c == W_TYPEOF) {
			ds->kw = ds->has_type = 1;
			spell(p, p->i++);
			if (K(p) == P_LPAREN && (m = match_in(p, p->i)) != NONE) {
				spell_range(p, p->i, m + 1);
				p->i = m + 1;
			}
		} else if (c == W_STRUCT) {
			ds->kw = ds->has_type = 1;
			spell(p, p->i++);
			while (K(p) == W_ATTR) {
				p->i++;
				if (K(p) == P_LPAREN)
					skip_one(p);
			}
			if (K(p) == K_IDENT) {
				spell(p, p->i++);
				while (K(p) == P_SCOPE && KA(p, p->i + 1) == K_IDENT) {
					spell(p, p->i++);
					spell(p, p->i++);
				}
			}
			if (K(p) == P_LBRACE) /* the definition of the tag: not kept */
				skip_one(p);
		} else if (c == K_IDENT && !ds->has_type) {
			const char *s = S(p, j);
			int c1 = KA(p, j + 1);
			if (attr_like(s)) {
				p->i++;
				if (c1 == P_LPAREN)
					skip_one(p);
				continue;
			}
			if (c1 == P_SCOPE && KA(p, j + 2) == K_IDENT) { /* ns::type */
				spell(p, j);
				spell(p, j + 1);
				p->i += 2;
				continue;
			}
			/* A typedef name if something of a declaration follows it;
			 * else it is the declarator's name. */
			if (c1 == P_LPAREN && (m = match_in(p, j + 1)) != NONE && type_args(p, j + 1, m) &&
			    (KA(p, m + 1) == K_IDENT || KA(p, m + 1) == P_STAR)) {
				/* a type made by a macro: STACK_OF(X509) *sk, ElfW(Addr) a */
				spell_range(p, j, m + 1);
				p->i = m + 1;
				ds->has_type = 1;
				continue;
			}
			if (c1 == K_IDENT || c1 == W_TYPE || c1 == W_QUAL || c1 == W_STRUCT ||
			    c1 == W_ATTR || c1 == P_STAR || c1 == P_AMP || c1 == P_ANDAND ||
			    (c1 == P_LPAREN && KA(p, j + 2) == P_STAR)) {
				spell(p, p->i++);
				ds->has_type = 1;
			} else {
				return;
			}
		} else {
			return;
		}
	}
}

struct decl {
	size_t name; /* token, or NONE */
	int is_array, is_func, bad;
};

/* One declarator, from the current token up to '=' ',' ';' ':' '{' '}' or
 * a ')' that closes nothing. The name is the last identifier outside
 * brackets that is not an attribute macro ("int (*cb)(int)" -> cb,
 * "int argc UNUSED_PARAM" -> argc); then the type text (p->tb, holding the
 * specifiers) gets the declarator without the name. */
static void declarator(struct parser *p, struct decl *d)
{
	size_t start = p->i, cand = NONE, any = NONE, func_of = NONE, array_of = NONE;
	size_t last_id = NONE; /* the identifier just before, for '(' and '[' */
	size_t trail = NONE;   /* first attribute macro after the suffixes */
	int open = 0, prevc = 0, suffix = 0;
	memset(d, 0, sizeof *d);
	while (p->i < p->end) {
		size_t j = p->i;
		int c = K(p);
		if (c == P_ASSIGN || c == P_COMMA || c == P_SEMI || c == P_COLON || c == P_LBRACE ||
		    c == P_RBRACE)
			break;
		if (c == P_RPAREN) {
			if (!open)
				break;
			open--;
			last_id = NONE;
		} else if (c == P_STAR || c == P_AMP || c == P_ANDAND || c == W_QUAL || c == P_SCOPE) {
			last_id = NONE;
		} else if (c == W_ATTR || c == W_ASM) {
			p->i++;
			if (K(p) == P_LPAREN)
				skip_one(p);
			continue;
		} else if (c == K_IDENT) {
			/* "__unused", or anything after "name[N]" / "name(...)"
			 * ("byte Z[16] ALIGNED_long;"): an attribute macro */
			if (attr_like(S(p, j)) || (suffix && !open)) {
				if (suffix && !open && trail == NONE)
					trail = j;
				p->i++;
				if (K(p) == P_LPAREN)
					skip_one(p);
				continue;
			}
			cand = any = last_id = j;
		} else if (c == P_LBRACK) {
			if (last_id != NONE)
				array_of = last_id;
			suffix |= !open;
			skip_one(p);
			prevc = P_RBRACK;
			continue;
		} else if (c == P_LPAREN) {
			if (prevc == K_IDENT || prevc == P_RPAREN || prevc == P_RBRACK) {
				if (prevc == K_IDENT)
					func_of = last_id;
				suffix |= !open;
				skip_one(p); /* parameters */
				prevc = P_RPAREN;
				last_id = NONE;
				continue;
			}
			open++; /* grouping: "(*name)" */
			last_id = NONE;
		} else {
			d->bad = 1;
			break;
		}
		prevc = c;
		p->i++;
	}
	d->name = cand != NONE ? cand : any;
	d->is_array = d->name != NONE && array_of == d->name;
	d->is_func = d->name != NONE && func_of == d->name;
	/* the type text: the declarator without its name and attributes */
	for (size_t j = start; j < (trail != NONE ? trail : p->i); j++) {
		int c = p->k[j];
		size_t m;
		if (j == d->name)
			continue;
		if (c == W_ATTR || c == W_ASM || (c == K_IDENT && attr_like(S(p, j)))) {
			if (j + 1 < p->i && p->k[j + 1] == P_LPAREN && (m = p->m[j + 1]) != NONE && m < p->i)
				j = m;
			continue;
		}
		spell(p, j);
	}
}

/* Whether a macro name suggests iteration (FOR, list_for_each, LOOP...). */
static int iter_name(const char *s)
{
	static const char *const words[] = {"for", "each", "loop", "iter"};
	for (; *s; s++)
		for (size_t i = 0; i < ARRAY_LEN(words); i++)
			if (strncasecmp(s, words[i], strlen(words[i])) == 0)
				return 1;
	return 0;
}

/* A sentinel: "this is not a declaration after all". */
static struct cflow_stmt not_decl;

static int decl_start(const struct parser *p)
{
	size_t s = p->i, j = s + 1;
	switch (K(p)) {
	case W_TYPE: case W_QUAL: case W_STORAGE: case W_STRUCT: case W_TYPEOF: case W_ATTR:
		return 1;
	case K_IDENT:
		break;
	default:
		return 0;
	}
	while (KA(p, j) == P_SCOPE && KA(p, j + 1) == K_IDENT)
		j += 2;
	int c = KA(p, j);
	if (c == K_IDENT) {
		/* "MACRO\n x = 1;": a statement macro without its ';' */
		if (p->t[j]->line != p->t[j - 1]->line && is_caps_macro(tok_s(p->t[s])))
			return 0;
		return 1;
	}
	if (c == W_QUAL || c == W_TYPE || c == W_STRUCT || c == W_ATTR)
		return 1;
	if (c == P_LPAREN) {
		size_t m = match_in(p, j), q;
		if (m == NONE)
			return 0;
		if (KA(p, j + 1) == P_STAR) {
			/* a function pointer: "mp_err (*redux)(mp_int *, ...)" */
			for (q = j + 2; KA(p, q) == P_STAR || KA(p, q) == W_QUAL; q++)
				;
			return KA(p, q) == K_IDENT && q + 1 == m &&
			       (KA(p, m + 1) == P_LPAREN || KA(p, m + 1) == P_LBRACK);
		}
		/* a type made by a macro, "STACK_OF(X509) *sk = ...", "ElfW(Addr)
		 * a;"; not "FOR(i, n) x = 0;" nor "TRACE((...))\n y = 1;" */
		if (iter_name(tok_s(p->t[s])) || !type_args(p, j, m))
			return 0;
		for (q = m + 1; KA(p, q) == P_STAR || KA(p, q) == W_QUAL; q++)
			;
		if (KA(p, q) != K_IDENT || p->t[q]->line != p->t[m]->line)
			return 0;
		c = KA(p, q + 1);
		return c == P_ASSIGN || c == P_SEMI || c == P_COMMA || c == P_LBRACK;
	}
	if (c != P_STAR)
		return 0;
	while (KA(p, j) == P_STAR || KA(p, j) == W_QUAL)
		j++;
	if (KA(p, j) != K_IDENT)
		return 0;
	c = KA(p, j + 1);
	return c == P_ASSIGN || c == P_SEMI || c == P_LBRACK || c == P_COMMA || c == P_RPAREN;
}

/* A declaration statement: CFS_DECL, a scope-0 CFS_BLOCK of them, NULL
 * (nothing to keep: "struct x {...};", a prototype), or &not_decl. In a
 * for-init, "decl : range" (C++) takes the range as the initializer. */
static struct cflow_stmt *decl_stmt(struct parser *p, int for_init, int stops)
{
	size_t s = p->i;
	struct declspec ds;
	specifiers(p, &ds);
	if (p->i == s)
		return &not_decl;
	const char *base = arena_strndup(p->ar, p->tb.s, p->tb.len);
	size_t base_len = p->tb.len;
	int base_prev = p->tprev;
	size_t mk = mark(p);
	for (int n = 0;; n++) {
		size_t ds_i = p->i;
		struct decl d;
		p->tb.len = 0;
		sbuf_addn(&p->tb, base, base_len);
		p->tprev = base_prev;
		declarator(p, &d);
		if (d.bad && n == 0 && !ds.kw) {
			p->sn = mk;
			return &not_decl;
		}
		if (d.bad) {
			skip_to_semi(p);
			break;
		}
		struct cflow_stmt *x = NULL;
		if (d.name != NONE && !d.is_func && (base_len || ds.kw)) {
			x = st(p, CFS_DECL, n ? ds_i : s);
			x->name = S(p, d.name);
			x->type = tb_take(p);
			x->is_array = d.is_array;
			push(p, x);
		}
		struct cflow_expr *e = NULL;
		if (K(p) == P_ASSIGN) {
			p->i++;
			size_t es = p->i;
			e = rest(p, es, expr(p, PREC_ASSIGN), stops | ST_COMMA);
		} else if (for_init && K(p) == P_COLON) {
			p->i++;
			e = clause(p, stops);
		}
		if (x)
			x->e = e;
		if (K(p) != P_COMMA)
			break;
		p->i++;
	}
	if (K(p) == P_SEMI)
		p->i++;
	size_t nk;
	struct cflow_stmt **kids = take(p, mk, &nk);
	if (nk <= 1)
		return nk ? kids[0] : NULL;
	struct cflow_stmt *b = st(p, CFS_BLOCK, s);
	b->kids = kids;
	b->nkids = nk;
	return b;
}

/* ==== statements ======================================================= */

static struct cflow_stmt *stmt(struct parser *p, int in_block);

/* Statements up to the end of the visible range, or up to a '}' when
 * stop_rbrace (an unmatched block); kids of b. */
static void stmt_list(struct parser *p, struct cflow_stmt *b, int stop_rbrace)
{
	size_t base = mark(p);
	while (p->i < p->end) {
		if (K(p) == P_RBRACE) {
			if (stop_rbrace)
				break;
			p->i++; /* stray */
			continue;
		}
		size_t before = p->i;
		struct cflow_stmt *x = stmt(p, 1);
		if (x)
			push(p, x);
		if (p->i == before)
			p->i++;
	}
	b->kids = take(p, base, &b->nkids);
}

static struct cflow_stmt *block(struct parser *p)
{
	size_t s = p->i, rb = match_in(p, s), save = p->end;
	struct cflow_stmt *b = st(p, CFS_BLOCK, s);
	b->scope = 1;
	p->i++;
	if (rb != NONE) {
		p->end = rb;
		stmt_list(p, b, 0);
		p->end = save;
		p->i = rb + 1;
	} else {
		stmt_list(p, b, 1);
		if (K(p) == P_RBRACE)
			p->i++;
	}
	return b;
}

/* A statement where one is required (a body): never NULL. */
static struct cflow_stmt *body(struct parser *p)
{
	struct cflow_stmt *x = stmt(p, 0);
	return x ? x : st(p, CFS_BLOCK, p->i);
}

/* The ';' ending a simple statement; a missing one is tolerated. */
static void end_stmt(struct parser *p)
{
	if (K(p) == P_SEMI)
		p->i++;
}

/* A label outside a block ("if (x) l: y;") takes the next statement with it. */
static struct cflow_stmt *label_wrap(struct parser *p, struct cflow_stmt *x, int in_block)
{
	if (in_block)
		return x;
	struct cflow_stmt *b = st(p, CFS_BLOCK, 0);
	b->line = x->line;
	b->col = x->col;
	b->kids = arena_alloc(p->ar, 2 * sizeof *b->kids);
	b->kids[0] = x;
	b->kids[1] = body(p);
	b->nkids = 2;
	return b;
}

/* if / else if chains are built iteratively: a chain of hundreds of
 * "else if" must not cost stack. */
static struct cflow_stmt *if_stmt(struct parser *p)
{
	struct cflow_stmt *first = NULL, *prev = NULL;
	for (;;) {
		struct cflow_stmt *x = st(p, CFS_IF, p->i);
		p->i++;
		x->e = cond(p);
		x->body = body(p);
		if (prev)
			prev->els = x;
		else
			first = x;
		prev = x;
		if (K(p) != W_ELSE)
			break;
		p->i++;
		if (K(p) == W_IF)
			continue;
		x->els = body(p);
		break;
	}
	return first;
}

static struct cflow_stmt *for_stmt(struct parser *p)
{
	struct cflow_stmt *x = st(p, CFS_FOR, p->i);
	p->i++;
	if (K(p) == P_LPAREN) {
		size_t rp = match_in(p, p->i), save = p->end;
		int stops = ST_SEMI, close = 0;
		if (rp != NONE)
			p->end = rp;
		else
			stops |= ST_RPAREN | ST_LBRACE | ST_RBRACE;
		p->i++;
		if (K(p) == P_SEMI) {
			p->i++;
		} else if (decl_start(p)) {
			size_t ds = p->i;
			struct cflow_stmt *d = decl_stmt(p, 1, stops);
			if (d == &not_decl) {
				p->i = ds;
				d = NULL;
				struct cflow_expr *e = clause(p, stops);
				if (e) {
					d = st(p, CFS_EXPR, ds);
					d->e = e;
				}
				end_stmt(p);
			}
			x->init = d;
		} else {
			size_t es = p->i;
			struct cflow_expr *e = clause(p, stops);
			if (e) {
				x->init = st(p, CFS_EXPR, es);
				x->init->e = e;
			}
			end_stmt(p);
		}
		close = rp == NONE ? ST_RPAREN | ST_LBRACE | ST_RBRACE : 0;
		if (K(p) == P_SEMI) {
			p->i++;
		} else if (!is_stop(p, close)) {
			x->e = clause(p, stops);
			end_stmt(p);
		}
		if (!is_stop(p, close))
			x->step = clause(p, stops);
		p->end = save;
		if (rp != NONE)
			p->i = rp + 1;
		else if (K(p) == P_RPAREN)
			p->i++;
	}
	x->body = body(p);
	return x;
}

/* NAME(args) followed by a body: an iteration macro (list_for_each_entry,
 * SYS_SLIST_FOR_EACH_NODE, TAILQ_FOREACH...) or a scoped one (K_SPINLOCK).
 * Names of the for_each family qualify, and all-caps names followed by '{'
 * or by a statement on the same line. An all-caps macro followed by a
 * statement on the next line is rather one whose expansion ends with its
 * own ';' (dropbear's TRACE(("...")), wpa's C2S(x) case lists, busybox's
 * IF_FEATURE_X(...)): a statement of its own, not a loop. */
static int loop_macro(const struct parser *p)
{
	size_t s = p->i;
	if (K(p) != K_IDENT || KA(p, s + 1) != P_LPAREN)
		return 0;
	const char *name = tok_s(p->t[s]);
	int iter = strstr(name, "for_each") || strstr(name, "FOR_EACH") || strstr(name, "foreach") ||
		   strstr(name, "FOREACH");
	if (!iter && !is_caps_macro(name))
		return 0;
	size_t rp = match_in(p, s + 1);
	if (rp == NONE)
		return 0;
	int c = KA(p, rp + 1);
	if (c == P_LBRACE)
		return 1;
	if (c == K_EOF || (!iter && first_on_line(p, rp + 1)))
		return 0;
	switch (c) {
	case K_IDENT: case W_IF: case W_FOR: case W_WHILE: case W_DO:
	case W_SWITCH: case W_RETURN: case W_BREAK: case W_CONTINUE: case W_GOTO:
	case W_TYPE: case W_QUAL: case W_STRUCT:
		return 1;
	}
	return 0;
}

static struct cflow_stmt *stmt1(struct parser *p, int in_block)
{
	size_t s;
	struct cflow_stmt *x;
again:
	s = p->i;
	switch (K(p)) {
	case K_EOF:
	case P_RBRACE:
		return NULL;
	case P_LBRACE:
		return block(p);
	case P_SEMI:
	case P_RPAREN:
	case P_RBRACK:
	case W_ELSE: /* stray: an #ifdef'd "} else {" seen twice */
		p->i++;
		return NULL;
	case W_EXT:
		p->i++;
		goto again;
	case P_LBRACK:
		if (KA(p, s + 1) == P_LBRACK) { /* [[attribute]] */
			skip_one(p);
			goto again;
		}
		break;
	case W_IF:
		return if_stmt(p);
	case W_WHILE:
	case W_SWITCH:
		x = st(p, K(p) == W_WHILE ? CFS_WHILE : CFS_SWITCH, s);
		p->i++;
		x->e = cond(p);
		x->body = body(p);
		return x;
	case W_DO:
		x = st(p, CFS_DO, s);
		p->i++;
		x->body = body(p);
		if (K(p) == W_WHILE) {
			p->i++;
			x->e = cond(p);
			end_stmt(p);
		} else {
			x->e = empty(p);
		}
		return x;
	case W_FOR:
		return for_stmt(p);
	case W_CASE:
		x = st(p, CFS_CASE, s);
		p->i++;
		x->e = expr(p, PREC_COND);
		if (K(p) == P_ELLIPSIS) { /* GNU case range "lo ... hi": e = lo */
			p->i++;
			(void)expr(p, PREC_COND);
		}
		x->e = rest(p, s + 1, x->e, ST_STMT | ST_COLON);
		if (!x->e)
			x->e = empty(p);
		if (K(p) == P_COLON)
			p->i++;
		return label_wrap(p, x, in_block);
	case W_DEFAULT:
		p->i++;
		if (K(p) != P_COLON)
			return NULL;
		p->i++;
		return label_wrap(p, st(p, CFS_CASE, s), in_block);
	case W_RETURN:
		x = st(p, CFS_RETURN, s);
		p->i++;
		if (K(p) != P_SEMI)
			x->e = clause(p, ST_STMT);
		end_stmt(p);
		return x;
	case W_BREAK:
	case W_CONTINUE:
		x = st(p, K(p) == W_BREAK ? CFS_BREAK : CFS_CONTINUE, s);
		p->i++;
		end_stmt(p);
		return x;
	case W_GOTO:
		x = st(p, CFS_GOTO, s);
		p->i++;
		if (K(p) == K_IDENT)
			x->name = S(p, p->i++);
		else if (K(p) == P_STAR) { /* GNU computed goto: e = the address */
			p->i++;
			x->e = clause(p, ST_STMT);
		}
		end_stmt(p);
		return x;
	case W_ASM: /* inline assembly: no C data flow we can see */
	case W_TYPEDEF:
	case W_STATIC_ASSERT:
	case W_CXXDECL:
	case W_NAMESPACE:
		skip_to_semi(p);
		return NULL;
	case W_ATTR: { /* __attribute__((fallthrough)); */
		size_t m = KA(p, s + 1) == P_LPAREN ? match_in(p, s + 1) : NONE;
		if (m != NONE && KA(p, m + 1) == P_SEMI) {
			p->i = m + 2;
			return NULL;
		}
		break;
	}
	case K_IDENT:
		if (KA(p, s + 1) == P_COLON) {
			x = st(p, CFS_LABEL, s);
			x->name = S(p, s);
			p->i += 2;
			return label_wrap(p, x, in_block);
		}
		break;
	}
	if (decl_start(p)) {
		x = decl_stmt(p, 0, ST_STMT);
		if (x != &not_decl)
			return x;
		p->i = s;
	}
	if (loop_macro(p)) {
		x = st(p, CFS_MACROLOOP, s);
		x->e = unary(p);
		if (!x->e)
			x->e = empty(p);
		x->body = body(p);
		return x;
	}
	/* an expression statement */
	struct cflow_expr *e = expr(p, PREC_COMMA);
	int c = K(p);
	/* A word starting a new line where an operator should be: the ';' was
	 * inside a macro ("LOG_X(a)\n y = 1;"); else leftovers are garbage. */
	int macro_end = e && p->i < p->end && first_on_line(p, p->i) &&
			(c == K_IDENT || c == K_KW || c == W_TYPE || c == W_QUAL || c == W_STRUCT ||
			 c == W_STORAGE);
	if (!macro_end)
		e = rest(p, s, e, ST_STMT);
	end_stmt(p);
	if (!e)
		return NULL;
	x = st(p, CFS_EXPR, s);
	x->e = e;
	return x;
}

static struct cflow_stmt *stmt(struct parser *p, int in_block)
{
	if (p->depth >= MAX_DEPTH) {
		skip_to_semi(p);
		return NULL;
	}
	p->depth++;
	struct cflow_stmt *x = stmt1(p, in_block);
	p->depth--;
	return x;
}

/* ==== file scope ======================================================= */

/* What may follow a function's parameter list before its body: attribute
 * macros and keywords (const, __attribute__((...)), noexcept...). */
static int trailing_ok(const struct parser *p, size_t a, size_t lb)
{
	for (size_t j = a; j < lb;) {
		switch (p->k[j]) {
		case K_IDENT: case K_KW: case W_QUAL: case W_ATTR: case W_ASM: case W_PREFIXOP:
			j++;
			if (j < lb && p->k[j] == P_LPAREN && p->m[j] != NONE && p->m[j] < lb)
				j = p->m[j] + 1;
			break;
		default:
			return 0;
		}
	}
	return 1;
}

struct header {
	size_t start; /* first token of the header */
	size_t name, lp, rp;
	int is_static;
};

/* Whether tokens [start, lb) are a function header "specifiers name(params)
 * trailing". Tokens that cannot be part of one restart the header after
 * them, so garbage before a definition does not hide it. Functions made by
 * macros ("ZTEST(suite, name) {") have no type word before the name and
 * are skipped. */
static int header(const struct parser *p, size_t start, size_t lb, struct header *h)
{
	int has_type = 0, is_static = 0, tries = 0;
	size_t hs = start;
	for (size_t j = start; j < lb;) {
		int c = p->k[j];
		size_t m = j + 1 < lb && p->k[j + 1] == P_LPAREN ? p->m[j + 1] : NONE;
		if (m != NONE && m >= lb)
			m = NONE;
		if (c == K_IDENT && m != NONE) {
			if (has_type && tries++ < 16 && trailing_ok(p, m + 1, lb)) {
				*h = (struct header){hs, j, j + 1, m, is_static};
				return 1;
			}
			j = m + 1; /* a macro with arguments among the specifiers */
			continue;
		}
		if (c == K_STR && j > start && p->k[j - 1] == W_STORAGE) { /* extern "C" */
			j++;
			continue;
		}
		switch (c) {
		case K_IDENT: case W_TYPE: case W_STRUCT:
			has_type = 1;
			j++;
			break;
		case W_TYPEOF: case W_ATTR: case W_ASM:
			has_type |= c == W_TYPEOF;
			j = m != NONE ? m + 1 : j + 1;
			break;
		case W_STORAGE:
			is_static |= strcmp(tok_s(p->t[j]), "static") == 0;
			j++;
			break;
		case W_QUAL: case P_STAR: case P_AMP: case P_SCOPE: case K_KW:
			j++;
			break;
		default:
			m = is_opener(c) ? p->m[j] : NONE;
			j = m != NONE && m < lb ? m + 1 : j + 1;
			has_type = is_static = 0;
			hs = j;
		}
	}
	return 0;
}

/* extern "C" { and namespace x { open no scope we care about. */
static int transparent(const struct parser *p, size_t start, size_t lb)
{
	if (lb == start + 2 && p->k[start] == W_STORAGE && p->k[start + 1] == K_STR)
		return 1;
	if (start < lb && p->k[start] == W_NAMESPACE) {
		size_t j = start + 1;
		while (j < lb && (p->k[j] == K_IDENT || p->k[j] == P_SCOPE || p->k[j] == W_STORAGE))
			j++;
		return j == lb;
	}
	return 0;
}

/* The '}' ending the body opened at lb. Normally its match; but #ifdef
 * branches that each open a brace leave the match wrong or missing. Then
 * the first '}' that starts a line at or left of the header's column
 * ends the function, as it does in nearly all formatted C. */
static size_t body_end(const struct parser *p, size_t lb, unsigned col0)
{
	size_t m = p->m[lb];
	if (m != NONE && (p->t[m]->line == p->t[lb]->line ||
			  (first_on_line(p, m) && p->t[m]->col <= col0)))
		return m;
	size_t lim = m != NONE ? m : p->n;
	for (size_t q = lb + 1; q < lim; q++)
		if (p->k[q] == P_RBRACE && first_on_line(p, q) && p->t[q]->col <= col0)
			return q;
	return lim;
}

static void param_list(struct parser *p, size_t lp, size_t rp, struct cflow_func *f)
{
	size_t save_i = p->i, save_end = p->end, cnt = 1;
	for (size_t j = lp + 1; j < rp; j++) {
		if (p->k[j] == P_COMMA)
			cnt++;
		else if (is_opener(p->k[j]) && p->m[j] != NONE && p->m[j] < rp)
			j = p->m[j];
	}
	f->params = arena_zalloc(p->ar, cnt * sizeof *f->params);
	for (size_t a = lp + 1; a < rp;) {
		size_t b = a;
		while (b < rp && p->k[b] != P_COMMA)
			b = is_opener(p->k[b]) && p->m[b] != NONE && p->m[b] < rp ? p->m[b] + 1 : b + 1;
		int only_void = b == a + 1 && a == lp + 1 && b == rp && p->k[a] == W_TYPE &&
				strcmp(tok_s(p->t[a]), "void") == 0;
		if (b > a && !only_void && !(b == a + 1 && p->k[a] == P_ELLIPSIS)) {
			struct cflow_param *q = &f->params[f->nparams++];
			struct declspec ds;
			struct decl d;
			p->i = a;
			p->end = b;
			specifiers(p, &ds);
			size_t base_len = p->tb.len;
			declarator(p, &d);
			if (!base_len && d.name != NONE) {
				/* "(foo_t)": the identifier is the type; spell it */
				size_t nm = d.name;
				p->tb.len = 0;
				p->tprev = 0;
				for (size_t j = a; j < p->i; j++)
					if (j == nm || !(p->k[j] == K_IDENT && attr_like(S(p, j))))
						spell(p, j);
				d.name = NONE;
			}
			q->name = d.name != NONE ? S(p, d.name) : "";
			q->type = tb_take(p);
			tokpos(p, d.name != NONE ? d.name : a, &q->line, &q->col);
		}
		a = b + 1;
	}
	p->i = save_i;
	p->end = save_end;
}

static void funcs_scan(struct parser *p, struct cflow_unit *u)
{
	struct cflow_func *v = NULL;
	size_t nv = 0, cap = 0, start = 0;
	for (size_t i = 0; i < p->n;) {
		int c = p->k[i];
		if (c == P_SEMI || c == P_RBRACE) {
			start = ++i;
			continue;
		}
		if (c == P_ASSIGN) { /* a global's initializer */
			i++;
			while (i < p->n && p->k[i] != P_SEMI && p->k[i] != P_RBRACE)
				i = is_opener(p->k[i]) && p->m[i] != NONE ? p->m[i] + 1 : i + 1;
			continue;
		}
		if (c == P_LPAREN || c == P_LBRACK) {
			i = p->m[i] != NONE ? p->m[i] + 1 : i + 1;
			continue;
		}
		if (c != P_LBRACE) {
			i++;
			continue;
		}
		struct header h;
		if (header(p, start, i, &h)) {
			unsigned col0 = p->t[h.start]->col;
			if (first_on_line(p, i) && p->t[i]->col < col0)
				col0 = p->t[i]->col;
			size_t be = body_end(p, i, col0);
			if (nv == cap) {
				cap = cap ? cap * 2 : 16;
				v = xrealloc(v, cap * sizeof *v);
			}
			struct cflow_func *f = &v[nv++];
			memset(f, 0, sizeof *f);
			f->name = S(p, h.name);
			f->line = p->t[h.name]->line;
			f->col = p->t[h.name]->col;
			f->is_static = h.is_static;
			param_list(p, h.lp, h.rp, f);
			f->body = st(p, CFS_BLOCK, i);
			f->body->scope = 1;
			p->i = i + 1;
			p->end = be;
			p->depth = 0;
			p->sn = 0;
			stmt_list(p, f->body, 0);
			p->end = p->n;
			f->end_line = be < p->n ? p->t[be]->line : p->t[p->n - 1]->end_line;
			start = i = be + 1;
			continue;
		}
		if (transparent(p, start, i)) {
			start = ++i;
			continue;
		}
		/* struct/enum/class bodies, initializers without '=', garbage */
		i = p->m[i] != NONE ? p->m[i] + 1 : i + 1;
		start = i;
	}
	if (nv) {
		u->funcs = arena_alloc(p->ar, nv * sizeof *u->funcs);
		memcpy(u->funcs, v, nv * sizeof *v);
	}
	u->nfuncs = nv;
	free(v);
}

/* What the slot after the last token holds: a harmless empty token, so a
 * look one past the end can never read uninitialised memory. */
static char eof_s[1];
static const struct ctok eof_tok = {.kind = CTK_PUNCT, .s = eof_s};

/* Object-like macros of this file that name another identifier
 * (#define SYSTEM system, #define COMMAND_ARG data): uses are read as that
 * identifier, so a call through such an alias is the call it names. Only
 * when every definition of the name in the file agrees. */
struct alias {
	const char *name, *to;
	int bad;
};

static size_t collect_aliases(const struct ctok *t, size_t n, struct alias **out)
{
	struct alias *v = NULL;
	size_t nv = 0;
	for (size_t i = 0; i + 3 < n; i++) {
		const struct ctok *h = &t[i];
		if (!h->directive || h->kind != CTK_PUNCT || strcmp(tok_s(h), "#") != 0 ||
		    (size_t)h->directive != i + 1)
			continue;
		const struct ctok *d = &t[i + 1], *nm = &t[i + 2], *to = &t[i + 3];
		if (d->directive != h->directive || strcmp(tok_s(d), "define") != 0 ||
		    nm->directive != h->directive || nm->kind != CTK_IDENT ||
		    to->directive != h->directive)
			continue;
		int only = i + 4 >= n || t[i + 4].directive != h->directive;
		int fnlike = to->kind == CTK_PUNCT && !strcmp(tok_s(to), "(") && to->off == nm->end_off;
		int ok = only && !fnlike && to->kind == CTK_IDENT && strcmp(tok_s(nm), tok_s(to)) != 0;
		size_t k = 0;
		while (k < nv && strcmp(v[k].name, tok_s(nm)) != 0)
			k++;
		if (k == nv) {
			if (nv >= 4096)
				continue;
			v = xrealloc(v, (nv + 1) * sizeof *v);
			v[nv].name = tok_s(nm);
			v[nv].to = ok ? tok_s(to) : NULL;
			v[nv].bad = !ok;
			nv++;
		} else if (!ok || !v[k].to || strcmp(v[k].to, tok_s(to)) != 0) {
			v[k].bad = 1;
		}
	}
	*out = v;
	return nv;
}

static int cmp_alias(const void *a, const void *b)
{
	return strcmp(((const struct alias *)a)->name, ((const struct alias *)b)->name);
}

struct cflow_unit *cflow_build(const struct ctok *t, size_t n)
{
	struct cflow_unit *u = xcalloc(1, sizeof *u);
	struct arena *ar = xcalloc(1, sizeof *ar);
	ar->next_cap = 64 * 1024;
	u->arena = ar;
	if (!t)
		n = 0;
	struct parser *p = xcalloc(1, sizeof *p);
	p->ar = ar;
	pthread_once(&kwh_once, kwh_init);
	size_t nk = 0;
	for (size_t i = 0; i < n; i++)
		nk += !t[i].directive;
	p->t = xmalloc((nk + 1) * sizeof *p->t);
	p->k = xmalloc(nk + 1);
	p->m = xmalloc((nk + 1) * sizeof *p->m);
	p->str = xcalloc(nk + 1, sizeof *p->str);
	struct alias *al = NULL;
	size_t nal = t ? collect_aliases(t, n, &al) : 0;
	if (nal > 1)
		qsort(al, nal, sizeof *al, cmp_alias);
	struct ctok *subst = NULL; /* copies of aliased tokens, named as their target */
	size_t nsubst = 0;
	for (size_t i = 0; i < n; i++) {
		if (t[i].directive)
			continue;
		const struct ctok *tk = &t[i];
		if (nal && tk->kind == CTK_IDENT) {
			struct alias key = {tok_s(tk), NULL, 0};
			const struct alias *a = bsearch(&key, al, nal, sizeof *al, cmp_alias);
			if (a && !a->bad && a->to) {
				if (!subst)
					subst = xmalloc(n * sizeof *subst);
				subst[nsubst] = *tk;
				subst[nsubst].s = (char *)a->to;
				tk = &subst[nsubst++];
			}
		}
		p->t[p->n] = tk;
		p->k[p->n] = (unsigned char)classify(tk);
		p->n++;
	}
	p->t[p->n] = &eof_tok;
	p->k[p->n] = K_EOF;
	p->m[p->n] = NONE;
	p->end = p->n;
	match_brackets(p);
	funcs_scan(p, u);
	free(subst);
	free(al);
	free(p->t);
	free(p->k);
	free(p->m);
	free(p->str);
	free(p->stk);
	sbuf_free(&p->sb);
	sbuf_free(&p->tb);
	free(p);
	return u;
}

void cflow_free(struct cflow_unit *u)
{
	if (!u)
		return;
	arena_free(u->arena);
	free(u);
}

/* ==== dump =============================================================
 *
 * One line per function:
 *   (func NAME [static] (params P...) BODY)      P: the name, "-" if unnamed
 * Statements:
 *   (block S...) scope 1 / (seq S...) scope 0    (expr E)
 *   (decl NAME "TYPE" [array] [E])               (if C THEN [ELSE])
 *   (while C BODY)  (do BODY C)  (for INIT C STEP BODY), "-" for an absent part
 *   (switch E BODY)  (case E)  (default)  (label NAME)  (return [E])
 *   (break)  (continue)  (goto NAME) / (goto * E)  (macroloop CALL BODY)
 * Expressions:
 *   (name X)  (num 0x1)  (str "contents as written")
 *   (call NAME ARG...) when the callee is the name NAME, else
 *   (call NAME|- (callee E) ARG...)
 *   (member . E f) (member -> E f)  (index A B)  (unary OP A)  (binary OP A B)
 *   (assign OP A B)  (cond A B C)  (cast "TYPE" A)  (sizeof [A])  (comma A B)
 *   (init E...)  (other ["TYPE"] E...)
 * Text is printed as is, except bytes below 0x20 (\xNN) so that a function
 * stays on one line. Nesting beyond DUMP_DEPTH prints "...". */

#define DUMP_DEPTH 4000

static void dtext(struct sbuf *b, const char *s)
{
	for (; *s; s++) {
		if ((unsigned char)*s < 0x20)
			sbuf_addf(b, "\\x%02x", (unsigned char)*s);
		else
			sbuf_addc(b, *s);
	}
}

static void dquoted(struct sbuf *b, const char *s)
{
	sbuf_addc(b, '"');
	dtext(b, s);
	sbuf_addc(b, '"');
}

static void dump_expr(struct sbuf *b, const struct cflow_expr *e, int depth);

static void dump_args(struct sbuf *b, const struct cflow_expr *e, int depth)
{
	for (size_t i = 0; i < e->nargs; i++) {
		sbuf_addc(b, ' ');
		dump_expr(b, e->args[i], depth + 1);
	}
}

static void dump_sub(struct sbuf *b, const struct cflow_expr *e, int depth)
{
	sbuf_addc(b, ' ');
	dump_expr(b, e, depth + 1);
}

static void dump_expr(struct sbuf *b, const struct cflow_expr *e, int depth)
{
	if (!e) {
		sbuf_adds(b, "-");
		return;
	}
	if (depth > DUMP_DEPTH) {
		sbuf_adds(b, "...");
		return;
	}
	switch (e->kind) {
	case CFX_NAME:
		sbuf_adds(b, "(name ");
		dtext(b, e->name);
		break;
	case CFX_NUM:
		sbuf_adds(b, "(num ");
		dtext(b, e->name);
		break;
	case CFX_STR:
		sbuf_adds(b, "(str ");
		dquoted(b, e->name);
		break;
	case CFX_CALL:
		sbuf_adds(b, "(call ");
		dtext(b, *e->name ? e->name : "-");
		if (!e->a || e->a->kind != CFX_NAME || strcmp(e->a->name, e->name) != 0) {
			sbuf_adds(b, " (callee");
			dump_sub(b, e->a, depth);
			sbuf_addc(b, ')');
		}
		dump_args(b, e, depth);
		break;
	case CFX_MEMBER:
		sbuf_addf(b, "(member %s", e->op);
		dump_sub(b, e->a, depth);
		sbuf_addc(b, ' ');
		dtext(b, e->name);
		break;
	case CFX_INDEX:
		sbuf_adds(b, "(index");
		dump_sub(b, e->a, depth);
		dump_sub(b, e->b, depth);
		break;
	case CFX_UNARY:
		sbuf_addf(b, "(unary %s", e->op);
		dump_sub(b, e->a, depth);
		break;
	case CFX_BINARY:
	case CFX_ASSIGN:
		sbuf_addf(b, "(%s %s", e->kind == CFX_BINARY ? "binary" : "assign", e->op);
		dump_sub(b, e->a, depth);
		dump_sub(b, e->b, depth);
		break;
	case CFX_COND:
		sbuf_adds(b, "(cond");
		dump_sub(b, e->a, depth);
		dump_sub(b, e->b, depth);
		dump_sub(b, e->c, depth);
		break;
	case CFX_CAST:
		sbuf_adds(b, "(cast ");
		dquoted(b, e->name);
		dump_sub(b, e->a, depth);
		break;
	case CFX_SIZEOF:
		sbuf_adds(b, "(sizeof");
		if (e->a)
			dump_sub(b, e->a, depth);
		break;
	case CFX_COMMA:
		sbuf_adds(b, "(comma");
		dump_sub(b, e->a, depth);
		dump_sub(b, e->b, depth);
		break;
	case CFX_INIT:
		sbuf_adds(b, "(init");
		dump_args(b, e, depth);
		break;
	case CFX_OTHER:
		sbuf_adds(b, "(other");
		if (*e->name) {
			sbuf_addc(b, ' ');
			dquoted(b, e->name);
		}
		dump_args(b, e, depth);
		break;
	default:
		sbuf_adds(b, "(?");
	}
	sbuf_addc(b, ')');
}

static void dump_stmt(struct sbuf *b, const struct cflow_stmt *s, int depth);

static void dump_s(struct sbuf *b, const struct cflow_stmt *s, int depth)
{
	sbuf_addc(b, ' ');
	dump_stmt(b, s, depth + 1);
}

static void dump_stmt(struct sbuf *b, const struct cflow_stmt *s, int depth)
{
	if (!s) {
		sbuf_adds(b, "-");
		return;
	}
	if (depth > DUMP_DEPTH) {
		sbuf_adds(b, "...");
		return;
	}
	switch (s->kind) {
	case CFS_EXPR:
		sbuf_adds(b, "(expr");
		dump_sub(b, s->e, depth);
		break;
	case CFS_DECL:
		sbuf_adds(b, "(decl ");
		dtext(b, s->name);
		sbuf_addc(b, ' ');
		dquoted(b, s->type);
		if (s->is_array)
			sbuf_adds(b, " array");
		if (s->e)
			dump_sub(b, s->e, depth);
		break;
	case CFS_BLOCK:
		sbuf_adds(b, s->scope ? "(block" : "(seq");
		for (size_t i = 0; i < s->nkids; i++)
			dump_s(b, s->kids[i], depth);
		break;
	case CFS_IF: {
		/* else-if chains iteratively: they can be very long */
		size_t open = 0;
		const struct cflow_stmt *x = s;
		for (; x && x->kind == CFS_IF; x = x->els, open++) {
			sbuf_adds(b, "(if");
			dump_sub(b, x->e, depth);
			dump_s(b, x->body, depth);
			if (x->els)
				sbuf_addc(b, ' ');
		}
		if (x)
			dump_stmt(b, x, depth + 1);
		while (--open)
			sbuf_addc(b, ')');
		break;
	}
	case CFS_WHILE:
	case CFS_SWITCH:
		sbuf_adds(b, s->kind == CFS_WHILE ? "(while" : "(switch");
		dump_sub(b, s->e, depth);
		dump_s(b, s->body, depth);
		break;
	case CFS_DO:
		sbuf_adds(b, "(do");
		dump_s(b, s->body, depth);
		dump_sub(b, s->e, depth);
		break;
	case CFS_FOR:
		sbuf_adds(b, "(for");
		dump_s(b, s->init, depth);
		dump_sub(b, s->e, depth);
		dump_sub(b, s->step, depth);
		dump_s(b, s->body, depth);
		break;
	case CFS_CASE:
		if (s->e) {
			sbuf_adds(b, "(case");
			dump_sub(b, s->e, depth);
		} else {
			sbuf_adds(b, "(default");
		}
		break;
	case CFS_LABEL:
		sbuf_adds(b, "(label ");
		dtext(b, s->name);
		break;
	case CFS_RETURN:
		sbuf_adds(b, "(return");
		if (s->e)
			dump_sub(b, s->e, depth);
		break;
	case CFS_BREAK:
		sbuf_adds(b, "(break");
		break;
	case CFS_CONTINUE:
		sbuf_adds(b, "(continue");
		break;
	case CFS_GOTO:
		sbuf_adds(b, "(goto");
		if (s->e) {
			sbuf_adds(b, " *");
			dump_sub(b, s->e, depth);
		} else {
			sbuf_addc(b, ' ');
			dtext(b, s->name);
		}
		break;
	case CFS_MACROLOOP:
		sbuf_adds(b, "(macroloop");
		dump_sub(b, s->e, depth);
		dump_s(b, s->body, depth);
		break;
	default:
		sbuf_adds(b, "(?");
	}
	sbuf_addc(b, ')');
}

char *cflow_dump(const struct cflow_unit *u)
{
	struct sbuf b = {0};
	sbuf_adds(&b, "");
	for (size_t i = 0; u && i < u->nfuncs; i++) {
		const struct cflow_func *f = &u->funcs[i];
		sbuf_adds(&b, "(func ");
		dtext(&b, f->name);
		if (f->is_static)
			sbuf_adds(&b, " static");
		sbuf_adds(&b, " (params");
		for (size_t k = 0; k < f->nparams; k++) {
			sbuf_addc(&b, ' ');
			dtext(&b, *f->params[k].name ? f->params[k].name : "-");
		}
		sbuf_adds(&b, ") ");
		dump_stmt(&b, f->body, 0);
		sbuf_adds(&b, ")\n");
	}
	return sbuf_take(&b);
}
