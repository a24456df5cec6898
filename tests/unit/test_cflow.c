/* test_cflow.c - the token-built function model (cflow.c) on C snippets.
 *
 * A small tokenizer of its own (below) turns a snippet into struct ctok the
 * way cparse.c does (comments dropped, preprocessor directives kept and
 * marked through their backslash continuations), so these tests need no
 * libclang. Most assertions compare cflow_dump's text (its format is
 * documented at the end of src/cflow.c); the tokens are freed before the
 * dump is made, which checks under ASan that the model owns its strings.
 * Every model built here is also walked by check_unit for the structural
 * guarantees listed at the top of src/cflow.c. */
#include "testutil.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cflow.h"
#include "util.h"

/* ---- a small C tokenizer -------------------------------------------------- */

/* Keywords as libclang reports them for C in GNU mode. */
static const char *const c_keywords[] = {
	"auto", "break", "case", "char", "const", "continue", "default", "do", "double",
	"else", "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long",
	"register", "restrict", "return", "short", "signed", "sizeof", "static", "struct",
	"switch", "typedef", "union", "unsigned", "void", "volatile", "while", "_Alignas",
	"_Alignof", "_Atomic", "_Bool", "_Complex", "_Generic", "_Imaginary", "_Noreturn",
	"_Static_assert", "_Thread_local", "__attribute__", "__attribute", "__asm__", "__asm",
	"asm", "__extension__", "__inline", "__inline__", "__restrict", "__restrict__",
	"__typeof__", "typeof", "__builtin_offsetof", "__builtin_va_arg", "__func__",
	"__alignof__", "__volatile__", "__const", "__thread", "__label__",
};

/* Extra keywords when tokenizing as C++ (tokenize_cxx). */
static const char *const cxx_keywords[] = {
	"class", "namespace", "template", "this", "new", "delete", "true", "false", "bool",
	"nullptr", "public", "private", "protected", "virtual", "using", "operator", "throw",
	"try", "catch",
};

struct toks {
	struct ctok *v;
	size_t n, cap;
};

static int is_kw(const char *s, size_t n, int cxx)
{
	for (size_t i = 0; i < ARRAY_LEN(c_keywords); i++)
		if (strlen(c_keywords[i]) == n && !memcmp(c_keywords[i], s, n))
			return 1;
	for (size_t i = 0; cxx && i < ARRAY_LEN(cxx_keywords); i++)
		if (strlen(cxx_keywords[i]) == n && !memcmp(cxx_keywords[i], s, n))
			return 1;
	return 0;
}

static const char *const puncts[] = {
	"...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&",
	"||", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##", "::",
};

static int ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '$';
}

static struct toks tokenize2(const char *src, int cxx)
{
	struct toks t = {0};
	size_t len = strlen(src), i = 0;
	unsigned line = 1, col = 1;
	unsigned dir = 0;       /* directive of the current line: 1 + index of '#' */
	int line_start = 1;     /* nothing but blanks so far on this line */
	while (i < len) {
		char c = src[i];
		if (c == '\n') {
			i++;
			line++;
			col = 1;
			dir = 0;
			line_start = 1;
			continue;
		}
		if (c == '\\' && src[i + 1] == '\n') { /* continuation: same logical line */
			i += 2;
			line++;
			col = 1;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
			i++;
			col++;
			continue;
		}
		if (c == '/' && src[i + 1] == '/') {
			while (i < len && src[i] != '\n') {
				if (src[i] == '\\' && src[i + 1] == '\n') {
					i++;
					line++;
					col = 0;
				}
				i++;
				col++;
			}
			continue;
		}
		if (c == '/' && src[i + 1] == '*') {
			i += 2;
			col += 2;
			while (i < len && !(src[i] == '*' && src[i + 1] == '/')) {
				if (src[i] == '\n') {
					line++;
					col = 0;
				}
				i++;
				col++;
			}
			if (i < len) {
				i += 2;
				col += 2;
			}
			continue;
		}
		size_t s = i;
		unsigned sl = line, sc = col;
		enum ctok_kind kind;
		if (ident_char(c) && !(c >= '0' && c <= '9')) {
			while (i < len && ident_char(src[i]))
				i++;
			size_t n = i - s;
			/* encoding prefixes of literals: L"x" u8"x" R"(x)" */
			int prefix = i < len && (src[i] == '"' || src[i] == '\'') && n <= 3 &&
				     strspn(src + s, "LuUR8") >= n;
			if (prefix) {
				char q = src[i++];
				while (i < len && src[i] != q && src[i] != '\n')
					i += src[i] == '\\' && i + 1 < len ? 2 : 1;
				if (i < len && src[i] == q)
					i++;
				kind = CTK_LIT;
			} else {
				kind = is_kw(src + s, n, cxx) ? CTK_KEYWORD : CTK_IDENT;
			}
		} else if ((c >= '0' && c <= '9') || (c == '.' && src[i + 1] >= '0' && src[i + 1] <= '9')) {
			while (i < len && (ident_char(src[i]) || src[i] == '.' ||
					   ((src[i] == '+' || src[i] == '-') &&
					    strchr("eEpP", src[i - 1]))))
				i++;
			kind = CTK_LIT;
		} else if (c == '"' || c == '\'') {
			i++;
			while (i < len && src[i] != c && src[i] != '\n')
				i += src[i] == '\\' && i + 1 < len ? 2 : 1;
			if (i < len && src[i] == c)
				i++;
			kind = CTK_LIT;
		} else {
			size_t n = 1;
			for (size_t k = 0; k < ARRAY_LEN(puncts); k++) {
				size_t pl = strlen(puncts[k]);
				if (!strncmp(src + i, puncts[k], pl)) {
					n = pl;
					break;
				}
			}
			i += n;
			kind = CTK_PUNCT;
		}
		if (t.n == t.cap) {
			t.cap = t.cap ? t.cap * 2 : 64;
			t.v = xrealloc(t.v, t.cap * sizeof *t.v);
		}
		struct ctok *k = &t.v[t.n];
		memset(k, 0, sizeof *k);
		k->kind = kind;
		k->s = xstrndup(src + s, i - s);
		k->line = sl;
		k->col = sc;
		k->end_line = line;
		col += (unsigned)(i - s);
		k->end_col = col;
		k->off = (unsigned)s;
		k->end_off = (unsigned)i;
		if (line_start && kind == CTK_PUNCT && !strcmp(k->s, "#"))
			dir = (unsigned)t.n + 1;
		k->directive = dir;
		line_start = 0;
		t.n++;
	}
	return t;
}

static struct toks tokenize(const char *src)
{
	return tokenize2(src, 0);
}

static void toks_free(struct toks *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].s);
	free(t->v);
	memset(t, 0, sizeof *t);
}

/* ---- structural checks ------------------------------------------------------ */

static size_t nodes; /* counted by check_*: for the linearity checks */

static void check_expr(const struct cflow_expr *e, int depth)
{
	assert_non_null(e);
	assert_true(depth < 5000);
	nodes++;
	assert_non_null(e->op);
	assert_non_null(e->name);
	assert_true(e->nargs == 0 || e->args != NULL);
	switch (e->kind) {
	case CFX_UNARY: case CFX_MEMBER: case CFX_CALL: case CFX_CAST:
		assert_non_null(e->a);
		break;
	case CFX_BINARY: case CFX_ASSIGN: case CFX_COMMA: case CFX_INDEX:
		assert_non_null(e->a);
		assert_non_null(e->b);
		break;
	case CFX_COND:
		assert_non_null(e->a);
		assert_non_null(e->b);
		assert_non_null(e->c);
		break;
	default:
		break;
	}
	assert_true(e->kind >= CFX_NAME && e->kind <= CFX_OTHER);
	if (e->kind == CFX_UNARY || e->kind == CFX_BINARY || e->kind == CFX_ASSIGN ||
	    e->kind == CFX_MEMBER)
		assert_true(e->op[0] != 0);
	if (e->a)
		check_expr(e->a, depth + 1);
	if (e->b && !(e->kind == CFX_COND && e->b == e->a))
		check_expr(e->b, depth + 1);
	if (e->c)
		check_expr(e->c, depth + 1);
	for (size_t i = 0; i < e->nargs; i++)
		check_expr(e->args[i], depth + 1);
}

static void check_stmt(const struct cflow_stmt *s, int depth)
{
	assert_non_null(s);
	assert_true(depth < 5000);
	nodes++;
	assert_non_null(s->name);
	assert_non_null(s->type);
	assert_true(s->nkids == 0 || s->kids != NULL);
	switch (s->kind) {
	case CFS_IF: case CFS_WHILE: case CFS_SWITCH: case CFS_DO: case CFS_MACROLOOP:
		assert_non_null(s->e);
		assert_non_null(s->body);
		break;
	case CFS_FOR:
		assert_non_null(s->body);
		break;
	case CFS_EXPR:
		assert_non_null(s->e);
		break;
	case CFS_DECL:
		assert_true(s->name[0] != 0);
		break;
	default:
		break;
	}
	/* else-if chains can be long: follow els iteratively */
	for (; s; s = s->kind == CFS_IF ? s->els : NULL) {
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

static void check_unit(const struct cflow_unit *u)
{
	assert_non_null(u);
	assert_true(u->nfuncs == 0 || u->funcs != NULL);
	for (size_t i = 0; i < u->nfuncs; i++) {
		const struct cflow_func *f = &u->funcs[i];
		assert_non_null(f->name);
		assert_true(f->name[0] != 0);
		assert_true(f->nparams == 0 || f->params != NULL);
		for (size_t k = 0; k < f->nparams; k++) {
			assert_non_null(f->params[k].name);
			assert_non_null(f->params[k].type);
		}
		assert_non_null(f->body);
		assert_int_equal(f->body->kind, CFS_BLOCK);
		check_stmt(f->body, 0);
	}
}

/* ---- helpers ------------------------------------------------------------------ */

/* The model of src; the tokens are already freed. */
static struct cflow_unit *build(const char *src)
{
	struct toks t = tokenize(src);
	struct cflow_unit *u = cflow_build(t.v, t.n);
	toks_free(&t);
	check_unit(u);
	return u;
}

static char *dump_src(const char *src)
{
	struct cflow_unit *u = build(src);
	char *d = cflow_dump(u);
	cflow_free(u);
	return d;
}

#define assert_dump(src, want)                      \
	do {                                        \
		char *d_ = dump_src(src);           \
		if (strcmp(d_, want) != 0)          \
			printf("got:  %s", d_);     \
		assert_string_equal(d_, want);      \
		free(d_);                           \
	} while (0)

/* The dump of the body statements of the only function in "void f(void) { body }". */
static char *body_of(const char *body)
{
	char *src = xasprintf("void f(void)\n{\n%s\n}\n", body);
	char *d = dump_src(src);
	free(src);
	const char *pre = "(func f (params) (block";
	if (strncmp(d, pre, strlen(pre)) != 0 || strchr(d, '\n') != d + strlen(d) - 1)
		return d; /* not one function: the comparison shows it */
	size_t a = strlen(pre) + (d[strlen(pre)] == ' '), b = strlen(d) - 3; /* "))\n" */
	char *r = xstrndup(d + a, b > a ? b - a : 0);
	free(d);
	return r;
}

#define assert_body(body, want)                     \
	do {                                        \
		char *b_ = body_of(body);           \
		if (strcmp(b_, want) != 0)          \
			printf("got:  %s\n", b_);   \
		assert_string_equal(b_, want);      \
		free(b_);                           \
	} while (0)

/* ---- tests ----------------------------------------------------------------------- */

/* #define NAME IDENT of the same file: uses of NAME read as IDENT (a call
 * through SYSTEM is a call of system); function-like macros, bodies of more
 * than one token and names defined differently in #ifdef branches are not
 * aliases. */
static void test_macro_aliases(void **state)
{
	(void)state;
	char *d = dump_src("#define SYS system\n"
			   "#define ARG data\n"
			   "#define FN(x) run(x)\n"
			   "#define TWO a b\n"
			   "#define TWICE system\n"
			   "#ifdef A\n"
			   "#define TWICE popen\n"
			   "#endif\n"
			   "#ifdef B\n"
			   "#define SAME system\n"
			   "#else\n"
			   "#define SAME system\n"
			   "#endif\n"
			   "void f(char *data) { SYS(ARG); FN(data); TWO; TWICE(data); SAME(data); }\n");
	assert_non_null(strstr(d, "(call system (name data))"));
	assert_non_null(strstr(d, "(call FN (name data))"));
	assert_non_null(strstr(d, "(name TWO)"));
	assert_non_null(strstr(d, "(call TWICE (name data))"));
	assert_int_equal(strstr(d, "(call SYS") == NULL, 1);
	assert_int_equal(strstr(d, "(call SAME") == NULL, 1);
	free(d);
}

static void test_empty_input(void **state)
{
	(void)state;
	struct cflow_unit *u = cflow_build(NULL, 0);
	assert_int_equal(u->nfuncs, 0);
	char *d = cflow_dump(u);
	assert_string_equal(d, "");
	free(d);
	cflow_free(u);
	cflow_free(NULL);
	assert_dump("", "");
	assert_dump("/* only a comment */\n// and another\n", "");
	assert_dump("#include <stdio.h>\n#define X(a) { a }\n#if 0\n#endif\n", "");
	assert_dump(";;;", "");
	assert_dump("}", "");
	assert_dump("{", "");
}

static void test_handler_example(void **state)
{
	(void)state;
	assert_dump("int handle(int sock, char *buf)\n"
		    "{\n"
		    "\tint n = recv(sock, buf, sizeof(buf), 0);\n"
		    "\tif (n > 0)\n"
		    "\t\tmemcpy(dst, buf, n);\n"
		    "\treturn n;\n"
		    "}\n",
		    "(func handle (params sock buf) (block (decl n \"int\" (call recv (name sock) "
		    "(name buf) (sizeof (name buf)) (num 0))) (if (binary > (name n) (num 0)) (expr "
		    "(call memcpy (name dst) (name buf) (name n)))) (return (name n))))\n");
}

static void test_function_headers(void **state)
{
	(void)state;
	struct cflow_unit *u = build(
		"static inline __attribute__((always_inline)) uint32_t rd(volatile uint32_t *reg)\n"
		"{ return *reg; }\n"
		"void IRAM_ATTR gpio_isr(void *arg) { }\n"
		"int late(void) __attribute__((noinline)) { return 0; }\n"
		"const struct ops *\n"
		"get_ops(void)\n"
		"{\n"
		"\treturn &ops;\n"
		"}\n"
		"ssize_t FAST_FUNC safe_read(int fd, void *buf, size_t count) { return 0; }\n"
		"extern \"C\" int c_linkage(int q) { return q; }\n");
	assert_int_equal(u->nfuncs, 6);
	const char *names[] = {"rd", "gpio_isr", "late", "get_ops", "safe_read", "c_linkage"};
	for (size_t i = 0; i < 6; i++)
		assert_string_equal(u->funcs[i].name, names[i]);
	assert_true(u->funcs[0].is_static);
	assert_false(u->funcs[1].is_static);
	/* positions: the name, and the line of the closing brace */
	assert_int_equal(u->funcs[0].line, 1);
	assert_int_equal(u->funcs[0].col, 55);
	assert_int_equal(u->funcs[0].end_line, 2);
	assert_int_equal(u->funcs[3].line, 6);
	assert_int_equal(u->funcs[3].col, 1);
	assert_int_equal(u->funcs[3].end_line, 9);
	assert_int_equal(u->funcs[3].body->line, 7);
	assert_int_equal(u->funcs[4].nparams, 3);
	cflow_free(u);
}

static void test_params(void **state)
{
	(void)state;
	struct cflow_unit *u = build(
		"int cb(int (*fp)(int, char), const char *restrict fmt, ...) { return 0; }\n"
		"void none(void) { }\n"
		"void unnamed(foo_t, struct bar *, int) { }\n"
		"int foo_main(int argc UNUSED_PARAM, char **argv) { return 0; }\n"
		"void arr(uint8_t buf[], size_t n, const uint8_t key[16]) { }\n");
	assert_int_equal(u->nfuncs, 5);
	const struct cflow_func *f = &u->funcs[0];
	assert_int_equal(f->nparams, 2);
	assert_string_equal(f->params[0].name, "fp");
	assert_string_equal(f->params[0].type, "int (*)(int, char)");
	assert_string_equal(f->params[1].name, "fmt");
	assert_string_equal(f->params[1].type, "const char *restrict");
	assert_int_equal(f->params[1].line, 1);
	assert_int_equal(f->params[1].col, 51);
	assert_int_equal(u->funcs[1].nparams, 0);
	f = &u->funcs[2];
	assert_int_equal(f->nparams, 3);
	assert_string_equal(f->params[0].name, "");
	assert_string_equal(f->params[0].type, "foo_t");
	assert_string_equal(f->params[1].name, "");
	assert_string_equal(f->params[1].type, "struct bar *");
	assert_string_equal(f->params[2].type, "int");
	f = &u->funcs[3];
	assert_string_equal(f->params[0].name, "argc");
	assert_string_equal(f->params[0].type, "int");
	assert_string_equal(f->params[1].name, "argv");
	assert_string_equal(f->params[1].type, "char **");
	f = &u->funcs[4];
	assert_string_equal(f->params[0].type, "uint8_t []");
	assert_string_equal(f->params[2].name, "key");
	assert_string_equal(f->params[2].type, "const uint8_t [16]");
	cflow_free(u);
}

static void test_not_functions(void **state)
{
	(void)state;
	/* prototypes, types, globals with initializers, K&R, macro-made
	 * functions: none is a function definition we model */
	assert_dump("#include <stdio.h>\n"
		    "struct foo { int a; int (*cb)(int); };\n"
		    "static const int tab[] = { 1, 2, f(3) };\n"
		    "int proto(int a, char *b);\n"
		    "typedef int (*fn_t)(int);\n"
		    "enum { A, B };\n"
		    "static struct ops o = { .open = my_open, .close = NULL };\n"
		    "int old(a, b) int a; char *b; { return a; }\n"
		    "ZTEST(suite, test_x)\n{\n\tzassert_true(1);\n}\n"
		    "K_THREAD_DEFINE(tid, 512, entry, NULL, NULL, NULL, 7, 0, 0);\n"
		    "int after(void) { return 1; }\n",
		    "(func after (params) (block (return (num 1))))\n");
}

static void test_precedence(void **state)
{
	(void)state;
	assert_body("x = a + b * c - d / e % f;",
		    "(expr (assign = (name x) (binary - (binary + (name a) (binary * (name b) "
		    "(name c))) (binary % (binary / (name d) (name e)) (name f)))))");
	assert_body("x = a || b && c | d ^ e & f == g < h << i + j;",
		    "(expr (assign = (name x) (binary || (name a) (binary && (name b) (binary | "
		    "(name c) (binary ^ (name d) (binary & (name e) (binary == (name f) (binary < "
		    "(name g) (binary << (name h) (binary + (name i) (name j))))))))))))");
	assert_body("a = b += c;", "(expr (assign = (name a) (assign += (name b) (name c))))");
	assert_body("r = a ? b : c ? d : e;",
		    "(expr (assign = (name r) (cond (name a) (name b) (cond (name c) (name d) "
		    "(name e)))))");
	assert_body("x = 1, y = 2;",
		    "(expr (comma (assign = (name x) (num 1)) (assign = (name y) (num 2))))");
	assert_body("m <<= a >> 2 != b >= c;",
		    "(expr (assign <<= (name m) (binary != (binary >> (name a) (num 2)) (binary >= "
		    "(name b) (name c)))))");
	assert_body("e = a ?: b;", "(expr (assign = (name e) (cond (name a) (name a) (name b))))");
}

static void test_unary_postfix_sizeof(void **state)
{
	(void)state;
	assert_body("x = -a + !*p++ - ~b;",
		    "(expr (assign = (name x) (binary - (binary + (unary - (name a)) (unary ! "
		    "(unary * (unary post++ (name p))))) (unary ~ (name b)))))");
	assert_body("p = &a[i]; ++i; j--;",
		    "(expr (assign = (name p) (unary & (index (name a) (name i))))) (expr (unary ++ "
		    "(name i))) (expr (unary post-- (name j)))");
	assert_body("n = sizeof x + sizeof(int) + sizeof(buf) + sizeof(struct s *) + "
		    "_Alignof(long) + offsetof(struct s, f) + __builtin_offsetof(struct s, g);",
		    "(expr (assign = (name n) (binary + (binary + (binary + (binary + (binary + "
		    "(binary + (sizeof (name x)) (sizeof)) (sizeof (name buf))) (sizeof)) (sizeof)) "
		    "(sizeof)) (sizeof))))");
	assert_body("v = va_arg(ap, unsigned int);",
		    "(expr (assign = (name v) (call va_arg (name ap) (other \"unsigned int\"))))");
}

static void test_casts_vs_parens(void **state)
{
	(void)state;
	assert_body("x = (uint8_t *)buf + (size_t)-1 + (struct foo *)p + (const char *)s;",
		    "(expr (assign = (name x) (binary + (binary + (binary + (cast \"uint8_t *\" "
		    "(name buf)) (cast \"size_t\" (unary - (num 1)))) (cast \"struct foo *\" (name p)))"
		    " (cast \"const char *\" (name s)))))");
	/* one identifier in parentheses: a cast only before an operand */
	assert_body("x = (mytype)y + (a) - b + (c) * d + (e)(f);",
		    "(expr (assign = (name x) (binary + (binary + (binary - (binary + (cast "
		    "\"mytype\" (name y)) (name a)) (name b)) (binary * (name c) (name d))) (cast "
		    "\"e\" (name f)))))");
	assert_body("(void)f(x);", "(expr (cast \"void\" (call f (name x))))");
	assert_body("q = (void (*)(int))fp;",
		    "(expr (assign = (name q) (cast \"void (*)(int)\" (name fp))))");
	assert_body("y = (a + b) * (int)c[2];",
		    "(expr (assign = (name y) (binary * (binary + (name a) (name b)) (cast \"int\" "
		    "(index (name c) (num 2))))))");
	assert_body("z = (*fp)(x) + (p)->f + (q)[1];",
		    "(expr (assign = (name z) (binary + (binary + (call - (callee (unary * "
		    "(name fp))) (name x)) (member -> (name p) f)) (index (name q) (num 1)))))");
}

static void test_compound_literal_stmt_expr(void **state)
{
	(void)state;
	assert_body("return (struct pt){ .x = 1, .y = z, [2] = w, .a.b = { 3 } };",
		    "(return (cast \"struct pt\" (init (num 1) (name z) (name w) (init (num 3)))))");
	assert_body("v = ({ int t = a; t + b; });",
		    "(expr (assign = (name v) (other (name a) (binary + (name t) (name b)))))");
	assert_body("send(s, (uint8_t[]){ 1, x }, 2);",
		    "(expr (call send (name s) (cast \"uint8_t []\" (init (num 1) (name x))) "
		    "(num 2)))");
}

static void test_strings(void **state)
{
	(void)state;
	assert_body("printf(\"a=%\" PRIu32 \"\\n\" \"b\", a);",
		    "(expr (call printf (str \"a=%\\nb\") (name a)))");
	assert_body("s = L\"wide\"; t = u8\"utf\"; c = 'x'; n = 0x1F;",
		    "(expr (assign = (name s) (str \"wide\"))) (expr (assign = (name t) (str "
		    "\"utf\"))) (expr (assign = (name c) (num 'x'))) (expr (assign = (name n) "
		    "(num 0x1F)))");
	/* macro names before the first string too (wpa's DRV_PREFIX "...") */
	assert_body("log(TAG \"x\"); printf(ESC\"[H\" ESC\"[J\");",
		    "(expr (call log (str \"x\"))) (expr (call printf (str \"[H[J\")))");
}

static void test_decl_vs_expr(void **state)
{
	(void)state;
	assert_body("foo_t x; a * b; a * b + c; x = y; f(x); *p = 1; a.b = c;",
		    "(decl x \"foo_t\") (decl b \"a *\") (expr (binary + (binary * (name a) (name b)) "
		    "(name c))) (expr (assign = (name x) (name y))) (expr (call f (name x))) (expr "
		    "(assign = (unary * (name p)) (num 1))) (expr (assign = (member . (name a) b) "
		    "(name c)))");
	assert_body("struct s v = {0}; const char *p = \"x\"; unsigned long n; "
		    "static const char *const TAG = \"t\";",
		    "(decl v \"struct s\" (init (num 0))) (decl p \"const char *\" (str \"x\")) (decl "
		    "n \"unsigned long\") (decl TAG \"const char *const\" (str \"t\"))");
	assert_body("struct { int a; } anon = { .a = 1 }; enum color c = RED; typeof(x) t = x;",
		    "(decl anon \"struct\" (init (num 1))) (decl c \"enum color\" (name RED)) (decl t "
		    "\"typeof(x)\" (name x))");
	/* attribute macros are not part of the type; local prototypes,
	 * typedefs, static assertions and tag definitions declare nothing */
	assert_body("uint8_t __aligned(4) abuf[16]; DMA_ATTR uint8_t dbuf[32]; int proto(int);"
		    "typedef int myint; _Static_assert(1, \"x\"); struct tag { int a; };",
		    "(decl abuf \"uint8_t [16]\" array) (decl dbuf \"uint8_t [32]\" array)");
	/* local function pointers and types made by macros (OpenSSL, ELF) */
	assert_body("mp_err (*redux)(mp_int *x, const mp_int *n); STACK_OF(X509) *sk = get(); "
		    "ElfW(Addr) base;",
		    "(decl redux \"mp_err (*)(mp_int *x, const mp_int *n)\") (decl sk \"STACK_OF(X509) *\" "
		    "(call get)) (decl base \"ElfW(Addr)\")");
	/* not a type macro when its arguments are not type-like */
	assert_body("IF_ERR(s =) fn[i](l, r);",
		    "(macroloop (call IF_ERR (other (name s))) (expr (call - (callee (index (name fn) "
		    "(name i))) (name l) (name r))))");
	assert_body("sk = (STACK_OF(X509) *)p; n = (word32)sizeof(b) + (f(x)) + (T)~m;",
		    "(expr (assign = (name sk) (cast \"STACK_OF(X509) *\" (name p)))) (expr (assign = "
		    "(name n) (binary + (binary + (cast \"word32\" (sizeof (name b))) (call f (name x))) "
		    "(cast \"T\" (unary ~ (name m))))))");
	/* a statement macro without its ';' on the line before */
	assert_body("LOCK_IT\n\tx = 1;", "(expr (name LOCK_IT)) (expr (assign = (name x) (num 1)))");
}

static void test_multiple_declarators(void **state)
{
	(void)state;
	struct cflow_unit *u = build("void f(void)\n{\n\tint a = 1, *b = x, c[4];\n}\n");
	const struct cflow_stmt *s = u->funcs[0].body->kids[0];
	assert_int_equal(s->kind, CFS_BLOCK);
	assert_int_equal(s->scope, 0);
	assert_int_equal(s->nkids, 3);
	assert_string_equal(s->kids[0]->name, "a");
	assert_string_equal(s->kids[0]->type, "int");
	assert_string_equal(s->kids[1]->name, "b");
	assert_string_equal(s->kids[1]->type, "int *");
	assert_int_equal(s->kids[1]->e->kind, CFX_NAME);
	assert_string_equal(s->kids[2]->type, "int [4]");
	assert_true(s->kids[2]->is_array);
	assert_null(s->kids[2]->e);
	assert_int_equal(s->kids[0]->line, 3);
	assert_int_equal(s->kids[0]->col, 2);
	assert_int_equal(s->kids[1]->col, 13);
	cflow_free(u);
}

static void test_arrays(void **state)
{
	(void)state;
	assert_body("byte z[AES_BLOCK_SIZE + 1] ALIGNED_long; char *v[2 * MAX_ARGS];",
		    "(decl z \"byte [AES_BLOCK_SIZE+1]\" array) (decl v \"char *[2*MAX_ARGS]\" array)");
	assert_body("uint8_t buf[64]; char *argv[8]; char (*pa)[4]; int m[2][3]; "
		    "int (*cb)(int) = NULL; char s[] = \"abc\"; int (*fns[2])(void);",
		    "(decl buf \"uint8_t [64]\" array) (decl argv \"char *[8]\" array) (decl pa "
		    "\"char (*)[4]\") (decl m \"int [2][3]\" array) (decl cb \"int (*)(int)\" (name "
		    "NULL)) (decl s \"char []\" array (str \"abc\")) (decl fns \"int (*[2])(void)\" "
		    "array)");
}

static void test_member_chains_and_calls(void **state)
{
	(void)state;
	assert_body("a->b.c[i] = x;",
		    "(expr (assign = (index (member . (member -> (name a) b) c) (name i)) (name x)))");
	assert_body("obj->ops->send(obj, buf);",
		    "(expr (call send (callee (member -> (member -> (name obj) ops) send)) (name obj) "
		    "(name buf)))");
	assert_body("foo(a, b(c, d), (e, f), MIN(g, h));",
		    "(expr (call foo (name a) (call b (name c) (name d)) (comma (name e) (name f)) "
		    "(call MIN (name g) (name h))))");
	assert_body("w = (*fp)(x)[2]->f++;",
		    "(expr (assign = (name w) (unary post++ (member -> (index (call - (callee (unary "
		    "* (name fp))) (name x)) (num 2)) f))))");
	assert_body("f();", "(expr (call f))");
	/* empty macro arguments are dropped */
	assert_body("M(, a,);", "(expr (call M (name a)))");
}

static void test_if_else(void **state)
{
	(void)state;
	assert_body("if (a) x(); else if (b) { y(); } else z();",
		    "(if (name a) (expr (call x)) (if (name b) (block (expr (call y))) (expr (call "
		    "z))))");
	assert_body("if (x) ; else ;", "(if (name x) (seq) (seq))");
	struct cflow_unit *u = build("void f(void)\n{\n\tif (a)\n\t\tb();\n\telse\n\t\tc();\n}\n");
	const struct cflow_stmt *s = u->funcs[0].body->kids[0];
	assert_int_equal(s->kind, CFS_IF);
	assert_int_equal(s->line, 3);
	assert_int_equal(s->col, 2);
	assert_int_equal(s->els->line, 6);
	assert_int_equal(s->e->line, 3);
	assert_int_equal(s->e->col, 6);
	assert_int_equal(s->e->end_col, 7);
	cflow_free(u);
}

static void test_loops(void **state)
{
	(void)state;
	assert_body("while (n--) *d++ = *s++;",
		    "(while (unary post-- (name n)) (expr (assign = (unary * (unary post++ (name d))) "
		    "(unary * (unary post++ (name s))))))");
	assert_body("do { x++; } while (x < 10);",
		    "(do (block (expr (unary post++ (name x)))) (binary < (name x) (num 10)))");
	assert_body("for (int i = 0, j; i < 10; i++, j--) { continue; }",
		    "(for (seq (decl i \"int\" (num 0)) (decl j \"int\")) (binary < (name i) (num 10)) "
		    "(comma (unary post++ (name i)) (unary post-- (name j))) (block (continue)))");
	assert_body("for (;;) break;", "(for - - - (break))");
	assert_body("for (i = 0; i < n; i++) sum += a[i];",
		    "(for (expr (assign = (name i) (num 0))) (binary < (name i) (name n)) (unary "
		    "post++ (name i)) (expr (assign += (name sum) (index (name a) (name i)))))");
	assert_body("for (i = 0; i < n;) ;",
		    "(for (expr (assign = (name i) (num 0))) (binary < (name i) (name n)) - (seq))");
}

static void test_switch_case(void **state)
{
	(void)state;
	assert_body("switch (cmd) {\n"
		    "case CMD_A:\n"
		    "case 2 ... 5:\n"
		    "\tx = 1;\n"
		    "\t/* fallthrough */\n"
		    "case 'c': {\n"
		    "\ty();\n"
		    "\tbreak;\n"
		    "}\n"
		    "default:\n"
		    "\treturn -1;\n"
		    "}",
		    "(switch (name cmd) (block (case (name CMD_A)) (case (num 2)) (expr (assign = "
		    "(name x) (num 1))) (case (num 'c')) (block (expr (call y)) (break)) (default) "
		    "(return (unary - (num 1)))))");
	/* a label outside a block keeps its statement */
	assert_body("switch (x) case 1: f();", "(switch (name x) (seq (case (num 1)) (expr (call f))))");
}

static void test_goto_labels(void **state)
{
	(void)state;
	assert_body("if (!p)\n\t\tgoto out;\n\tuse(p);\nout:\n\treturn ret;",
		    "(if (unary ! (name p)) (goto out)) (expr (call use (name p))) (label out) "
		    "(return (name ret))");
	assert_body("goto *tbl[i];", "(goto * (index (name tbl) (name i)))");
	assert_body("err: ;", "(label err)");
}

static void test_macroloop(void **state)
{
	(void)state;
	assert_body("SYS_SLIST_FOR_EACH_NODE(&list, node) { handle(node); }",
		    "(macroloop (call SYS_SLIST_FOR_EACH_NODE (unary & (name list)) (name node)) "
		    "(block (expr (call handle (name node)))))");
	assert_body("list_for_each_entry(pos, &head, list)\n\t\tpos->x = 0;",
		    "(macroloop (call list_for_each_entry (name pos) (unary & (name head)) (name "
		    "list)) (expr (assign = (member -> (name pos) x) (num 0))))");
	assert_body("K_SPINLOCK(&lock) { n++; }",
		    "(macroloop (call K_SPINLOCK (unary & (name lock))) (block (expr (unary post++ "
		    "(name n)))))");
	/* not loops: followed by ';', or lowercase names */
	assert_body("ESP_ERROR_CHECK(nvs_flash_init()); LOG_INF(\"x\"); lock(&m) ;",
		    "(expr (call ESP_ERROR_CHECK (call nvs_flash_init))) (expr (call LOG_INF (str "
		    "\"x\"))) (expr (call lock (unary & (name m))))");
	struct cflow_unit *u = build("void f(void)\n{\n\tTAILQ_FOREACH(e, &q, link)\n\t\tif (e) g(e);\n}\n");
	const struct cflow_stmt *s = u->funcs[0].body->kids[0];
	assert_int_equal(s->kind, CFS_MACROLOOP);
	assert_string_equal(s->e->name, "TAILQ_FOREACH");
	assert_int_equal(s->e->nargs, 3);
	assert_int_equal(s->body->kind, CFS_IF);
	cflow_free(u);
}

static void test_esp_idf_handler(void **state)
{
	(void)state;
	assert_dump(
		"static esp_err_t h(httpd_req_t *req)\n"
		"{\n"
		"\tchar buf[100];\n"
		"\tint ret = httpd_req_recv(req, buf, MIN(req->content_len, sizeof(buf)));\n"
		"\tif (ret <= 0) {\n"
		"\t\tif (ret == HTTPD_SOCK_ERR_TIMEOUT) {\n"
		"\t\t\thttpd_resp_send_408(req);\n"
		"\t\t}\n"
		"\t\treturn ESP_FAIL;\n"
		"\t}\n"
		"\tESP_LOGI(TAG, \"got %.*s\", ret, buf);\n"
		"\treturn ESP_OK;\n"
		"}\n",
		"(func h static (params req) (block (decl buf \"char [100]\" array) (decl ret \"int\" "
		"(call httpd_req_recv (name req) (name buf) (call MIN (member -> (name req) "
		"content_len) (sizeof (name buf))))) (if (binary <= (name ret) (num 0)) (block (if "
		"(binary == (name ret) (name HTTPD_SOCK_ERR_TIMEOUT)) (block (expr (call "
		"httpd_resp_send_408 (name req))))) (return (name ESP_FAIL)))) (expr (call ESP_LOGI "
		"(name TAG) (str \"got %.*s\") (name ret) (name buf))) (return (name ESP_OK))))\n");
	struct cflow_unit *u = build("static esp_err_t h(httpd_req_t *req)\n{\n\treturn 0;\n}\n");
	assert_string_equal(u->funcs[0].params[0].type, "httpd_req_t *");
	cflow_free(u);
}

static void test_zephyr_gatt_write(void **state)
{
	(void)state;
	struct cflow_unit *u = build(
		"static ssize_t write_vnd(struct bt_conn *conn, const struct bt_gatt_attr *attr,\n"
		"\t\t\t const void *buf, uint16_t len, uint16_t offset, uint8_t flags)\n"
		"{\n"
		"\tuint8_t *value = attr->user_data;\n"
		"\n"
		"\tif (offset + len > sizeof(vnd_value)) {\n"
		"\t\treturn BT_GATT_ERR(BT_ATT_ERR_INVALID_OFFSET);\n"
		"\t}\n"
		"\n"
		"\tmemcpy(value + offset, buf, len);\n"
		"\n"
		"\treturn len;\n"
		"}\n"
		"\n"
		"BT_GATT_SERVICE_DEFINE(vnd_svc,\n"
		"\tBT_GATT_PRIMARY_SERVICE(&vnd_uuid),\n"
		"\tBT_GATT_CHARACTERISTIC(&vnd_enc_uuid.uuid, BT_GATT_CHRC_READ,\n"
		"\t\t\t       BT_GATT_PERM_READ, read_vnd, write_vnd, vnd_value),\n"
		");\n");
	assert_int_equal(u->nfuncs, 1);
	const struct cflow_func *f = &u->funcs[0];
	assert_string_equal(f->name, "write_vnd");
	assert_int_equal(f->nparams, 6);
	assert_string_equal(f->params[1].name, "attr");
	assert_string_equal(f->params[1].type, "const struct bt_gatt_attr *");
	assert_string_equal(f->params[2].type, "const void *");
	assert_int_equal(f->params[5].line, 2);
	assert_int_equal(f->end_line, 13);
	char *d = cflow_dump(u);
	assert_string_equal(d, "(func write_vnd static (params conn attr buf len offset flags) (block "
			       "(decl value \"uint8_t *\" (member -> (name attr) user_data)) (if "
			       "(binary > (binary + (name offset) (name len)) (sizeof (name "
			       "vnd_value))) (block (return (call BT_GATT_ERR (name "
			       "BT_ATT_ERR_INVALID_OFFSET))))) (expr (call memcpy (binary + (name "
			       "value) (name offset)) (name buf) (name len))) (return (name len))))\n");
	free(d);
	cflow_free(u);
}

static void test_freertos_task(void **state)
{
	(void)state;
	assert_dump("void vTaskCode( void * pvParameters )\n"
		    "{\n"
		    "\tuint8_t rx[ 32 ];\n"
		    "\tfor( ;; )\n"
		    "\t{\n"
		    "\t\tif( xQueueReceive( xQueue, rx, portMAX_DELAY ) == pdPASS )\n"
		    "\t\t{\n"
		    "\t\t\tprocess( rx );\n"
		    "\t\t}\n"
		    "\t}\n"
		    "}\n",
		    "(func vTaskCode (params pvParameters) (block (decl rx \"uint8_t [32]\" array) "
		    "(for - - - (block (if (binary == (call xQueueReceive (name xQueue) (name rx) "
		    "(name portMAX_DELAY)) (name pdPASS)) (block (expr (call process (name "
		    "rx)))))))))\n");
}

static void test_unbalanced(void **state)
{
	(void)state;
	/* a body without its closing brace, then more code */
	assert_dump("void f(void) {\n\tif (x) {\n\t\tg();\n\t}\n", "(func f (params) (block (if (name x) "
						   "(block (expr (call g))))))\n");
	/* unclosed parentheses inside a statement stop at ';' */
	assert_body("foo(a, (b; c = 1;",
		    "(expr (call foo (name a) (name b))) (expr (assign = (name c) (num 1)))");
	assert_body("x = ; y = 2;", "(expr (other (name x))) (expr (assign = (name y) (num 2)))");
	assert_body(") ] y = 3;", "(expr (assign = (name y) (num 3)))");
	assert_body("x = a b(c);", "(expr (other (assign = (name x) (name a)) (call b (name c))))");
	assert_body("if (a b) { z(); }", "(if (other (name a) (name b)) (block (expr (call z))))");
	assert_body("int x = 1 2;", "(decl x \"int\" (other (num 1) (num 2)))");
	/* stray closers at file scope do not hide the next function */
	assert_dump("} } ) ] int ok(void) { return 0; }\n", "(func ok (params) (block (return (num 0))))\n");
	/* a function cut short before its body */
	assert_dump("int f(void)", "");
	assert_dump("int f(void) {", "(func f (params) (block))\n");
	assert_dump("int f(int a", "");
	/* a macro call as the very last token (found by fuzz_cflow) */
	assert_dump("d\nL(){L()", "(func L (params) (block (expr (call L))))\n");
}

static void test_ifdef_duplicated_if(void **state)
{
	(void)state;
	/* both #ifdef branches open a brace: the function still ends at the
	 * brace in column 1, and the next one is intact */
	assert_dump("void f(int a)\n"
		    "{\n"
		    "#ifdef A\n"
		    "\tif (a > 1) {\n"
		    "#else\n"
		    "\tif (a > 2) {\n"
		    "#endif\n"
		    "\t\tg(a);\n"
		    "\t}\n"
		    "}\n"
		    "\n"
		    "int h(void)\n"
		    "{\n"
		    "\treturn 1;\n"
		    "}\n",
		    "(func f (params a) (block (if (binary > (name a) (num 1)) (block (if (binary > "
		    "(name a) (num 2)) (block (expr (call g (name a)))))))))\n"
		    "(func h (params) (block (return (num 1))))\n");
	/* and duplicated function headers */
	assert_dump("#ifdef NEW_API\n"
		    "int api(int a, int b)\n"
		    "{\n"
		    "#else\n"
		    "int api(int a)\n"
		    "{\n"
		    "#endif\n"
		    "\treturn a;\n"
		    "}\n"
		    "int next(void) { return 2; }\n",
		    "(func api (params a b) (block (block (return (name a)))))\n"
		    "(func next (params) (block (return (num 2))))\n");
	/* "} else if (b) {" and "} else {": balanced after all */
	assert_body("if (a) {\n#ifdef X\n\t} else if (b) {\n#else\n\t} else {\n#endif\n\t\tc();\n\t}",
		    "(if (name a) (block) (if (name b) (block) (block (expr (call c)))))");
	/* both branches close a brace: the function ends early, the rest of
	 * it is skipped at file scope, and the next function is found */
	assert_dump("void f(int a)\n{\n\tif (a) {\n\t\tb();\n#ifdef X\n\t}\n#else\n\t}\n#endif\n"
		    "\td();\n}\nint g(void) { return 2; }\n",
		    "(func f (params a) (block (if (name a) (block (expr (call b))))))\n"
		    "(func g (params) (block (return (num 2))))\n");
}

static void test_directives_inside(void **state)
{
	(void)state;
	assert_body("if (x\n#ifdef CONFIG_Y\n\t    && y\n#endif\n\t   ) {\n\t\tz();\n\t}",
		    "(if (binary && (name x) (name y)) (block (expr (call z))))");
	assert_body("n = f(a,\n#define LOCAL(x) ((x) + 1)\n\t b);",
		    "(expr (assign = (name n) (call f (name a) (name b))))");
	assert_body("#define A \\\n\tfoo(x);\n\ty = 2;\n#pragma pack(1)\n",
		    "(expr (assign = (name y) (num 2)))");
}

/* n copies of a, then s, then n copies of b */
static char *nest(const char *a, const char *s, const char *b, size_t n)
{
	struct sbuf sb = {0};
	for (size_t i = 0; i < n; i++)
		sbuf_adds(&sb, a);
	sbuf_adds(&sb, s);
	for (size_t i = 0; i < n; i++)
		sbuf_adds(&sb, b);
	return sbuf_take(&sb);
}

static void deep_case(const char *a, const char *s, const char *b, size_t n)
{
	char *inner = nest(a, s, b, n);
	char *src = xasprintf("void f(void)\n{\n\tx = %s;\n}\nint g(void) { return 2; }\n", inner);
	struct cflow_unit *u = build(src);
	assert_int_equal(u->nfuncs, 2);
	assert_string_equal(u->funcs[1].name, "g");
	char *d = cflow_dump(u);
	assert_non_null(strstr(d, "(func g (params) (block (return (num 2))))\n"));
	free(d);
	cflow_free(u);
	free(src);
	free(inner);
}

static void test_deep_nesting(void **state)
{
	(void)state;
	deep_case("(", "y", ")", 10000);
	deep_case("(", "y", "", 10000);         /* never closed: stops at ';' */
	deep_case("", "y", ")", 10000);         /* stray closers */
	deep_case("- ", "y", "", 10000);
	deep_case("a = ", "b", "", 10000);
	deep_case("a ? b : ", "c", "", 10000);
	deep_case("f(", "1", ")", 10000);
	deep_case("{", "1", "}", 10000);
	deep_case("*(int *)", "p", "", 10000);
	deep_case("", "a", " + a", 10000);       /* flattened */
	deep_case("[", "", "]", 10000);
	/* statements */
	const char *stmts[][3] = {{"{", "y();", "}"}, {"{", "y();", ""}, {"if (a) ", "y();", ""},
				  {"while (a) {", "y();", "}"}, {"do ", "y();", " while (a);"}};
	for (size_t i = 0; i < ARRAY_LEN(stmts); i++) {
		char *inner = nest(stmts[i][0], stmts[i][1], stmts[i][2], 10000);
		char *src = xasprintf("void f(void)\n{\n\t%s\n}\nint g(void) { return 2; }\n", inner);
		struct cflow_unit *u = build(src);
		assert_int_equal(u->nfuncs, 2);
		assert_string_equal(u->funcs[1].name, "g");
		cflow_free(u);
		free(src);
		free(inner);
	}
	/* an else-if chain of 20,000 is kept whole (built without recursion) */
	struct sbuf sb = {0};
	sbuf_adds(&sb, "void f(void)\n{\n");
	for (int i = 0; i < 20000; i++)
		sbuf_addf(&sb, "\t%sif (x == %d) y = %d;\n", i ? "else " : "", i, i);
	sbuf_adds(&sb, "}\n");
	struct cflow_unit *u = build(sbuf_str(&sb));
	size_t n = 0;
	for (const struct cflow_stmt *s = u->funcs[0].body->kids[0]; s; s = s->els)
		n++;
	assert_int_equal(n, 20000);
	char *d = cflow_dump(u);
	assert_non_null(strstr(d, "(if (binary == (name x) (num 19999)) (expr (assign = (name y) "
				  "(num 19999))))))))"));
	size_t open = 0, close = 0;
	for (const char *c = d; *c; c++) {
		open += *c == '(';
		close += *c == ')';
	}
	assert_int_equal(open, close);
	assert_string_equal(d + strlen(d) - 4, ")))\n");
	free(d);
	cflow_free(u);
	sbuf_free(&sb);
}

static void test_function_after_garbage(void **state)
{
	(void)state;
	assert_dump("@@ ] ) int ; } } = { ( ;\n"
		    "static int good(int x) { return x; }\n",
		    "(func good static (params x) (block (return (name x))))\n");
	assert_dump("MODULE_LICENSE(\"GPL\")\nint after_macro(void) { return 0; }\n",
		    "(func after_macro (params) (block (return (num 0))))\n");
	assert_dump("if (x) { y(); }\nint after_stmt(void) { return 0; }\n",
		    "(func after_stmt (params) (block (return (num 0))))\n");
	assert_dump("int x = ({ 1; }) } int after_init(void) { return 0; }\n",
		    "(func after_init (params) (block (return (num 0))))\n");
}

static void test_cplusplus(void **state)
{
	(void)state;
	struct toks t = tokenize2("namespace ns {\n"
				  "class K { int m(int x) { return x; } };\n"
				  "int in_ns(int y) { return y; }\n"
				  "}\n"
				  "extern \"C\" {\n"
				  "int in_extern_c(void) { bool b = true; return this->v; }\n"
				  "}\n"
				  "int K::meth(int z) const { p = new K(z); delete p; return 0; }\n",
				  1);
	struct cflow_unit *u = cflow_build(t.v, t.n);
	toks_free(&t);
	check_unit(u);
	char *d = cflow_dump(u);
	assert_string_equal(d, "(func in_ns (params y) (block (return (name y))))\n"
			       "(func in_extern_c (params) (block (decl b \"bool\" (num true)) (return "
			       "(member -> (name this) v))))\n"
			       "(func meth (params z) (block (expr (assign = (name p) (other (call K "
			       "(name z))))) (expr (other (name p))) (return (num 0))))\n");
	free(d);
	cflow_free(u);
}

static void test_missing_semicolon_macros(void **state)
{
	(void)state;
	assert_body("log_x(a)\n\ty = 1;",
		    "(expr (call log_x (name a))) (expr (assign = (name y) (num 1)))");
	/* all-caps too (dropbear's TRACE(("...")) and wpa's C2S(x) lists); on
	 * the same line, or with a for_each name, it is a loop macro */
	assert_body("TRACE((\"enter\"))\n\ty = 2;\n\tC2S(A)\n\tC2S(B)\n\tIF_X(f();)\n\tif (a) b();",
		    "(expr (call TRACE (str \"enter\"))) (expr (assign = (name y) (num 2))) (expr (call "
		    "C2S (name A))) (expr (call C2S (name B))) (expr (call IF_X (other (call f)))) (if "
		    "(name a) (expr (call b)))");
	assert_body("REPEAT(3) y++;\n\tlist_for_each(p, &h)\n\t\tn++;",
		    "(macroloop (call REPEAT (num 3)) (expr (unary post++ (name y)))) (macroloop (call "
		    "list_for_each (name p) (unary & (name h))) (expr (unary post++ (name n))))");
	assert_body("foo(a) }", "(expr (call foo (name a)))");
}

/* cflow_build runs in the engine's worker threads: no shared state but the
 * keyword table, built once. Same result from every thread. */
static const char *thread_src = "static int h(int a) { if (a) return f(a->b[1]); return 0; }\n";

static void *thread_build(void *arg)
{
	char **out = arg;
	for (int i = 0; i < 50; i++) {
		free(*out);
		*out = dump_src(thread_src);
	}
	return NULL;
}

static void test_threads(void **state)
{
	(void)state;
	pthread_t th[4];
	char *out[4] = {0};
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&th[i], NULL, thread_build, &out[i]), 0);
	for (int i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	for (int i = 0; i < 4; i++) {
		assert_string_equal(out[i], "(func h static (params a) (block (if (name a) (return (call f "
					    "(index (member -> (name a) b) (num 1))))) (return (num 0))))\n");
		free(out[i]);
	}
}

/* ---- size and speed -------------------------------------------------------------- */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A function of about `lines` lines of typical firmware code, as tokens
 * built directly (strings shared, nothing to free but the array). */
struct gen {
	struct ctok *v;
	size_t n, cap;
	unsigned line, col;
};

static void gen_tok(struct gen *g, enum ctok_kind k, const char *s)
{
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 1024;
		g->v = xrealloc(g->v, g->cap * sizeof *g->v);
	}
	struct ctok *t = &g->v[g->n];
	memset(t, 0, sizeof *t);
	t->kind = k;
	t->s = (char *)s;
	t->line = t->end_line = g->line;
	t->col = g->col;
	t->end_col = g->col + (unsigned)strlen(s);
	g->col = t->end_col + 1;
	g->n++;
}

/* One line of text, split on spaces: words with a letter or '_' first are
 * identifiers (or keywords from the list), digits or quotes literals. */
static void gen_line(struct gen *g, unsigned indent, const char *const *words)
{
	g->line++;
	g->col = 1 + indent;
	for (; *words; words++) {
		const char *w = *words;
		enum ctok_kind k = CTK_PUNCT;
		if ((w[0] >= 'a' && w[0] <= 'z') || (w[0] >= 'A' && w[0] <= 'Z') || w[0] == '_')
			k = is_kw(w, strlen(w), 0) ? CTK_KEYWORD : CTK_IDENT;
		else if ((w[0] >= '0' && w[0] <= '9') || w[0] == '"')
			k = CTK_LIT;
		gen_tok(g, k, w);
	}
}

#define L0(...) gen_line(g, 0, (const char *const[]){__VA_ARGS__, NULL})
#define L(...) gen_line(g, 8, (const char *const[]){__VA_ARGS__, NULL})

static void gen_function(struct gen *g, size_t lines)
{
	L0("static", "int", "handler", "(", "struct", "req", "*", "r", ",", "uint8_t", "*", "out", ")");
	L0("{");
	while (g->line < lines) {
		L("uint8_t", "buf", "[", "64", "]", ";");
		L("int", "n", "=", "recv", "(", "r", "->", "sock", ",", "buf", ",", "sizeof", "(",
		  "buf", ")", ",", "0", ")", ";");
		L("if", "(", "n", "<=", "0", "||", "n", ">", "MAX_LEN", ")", "{");
		L("ESP_LOGE", "(", "TAG", ",", "\"recv %d\"", ",", "n", ")", ";");
		L("goto", "out", ";");
		L("}");
		L("for", "(", "int", "i", "=", "0", ";", "i", "<", "n", ";", "i", "++", ")");
		L("out", "[", "i", "]", "=", "(", "uint8_t", ")", "(", "buf", "[", "i", "]", "^",
		  "r", "->", "key", "[", "i", "%", "16", "]", ")", ";");
		L("switch", "(", "buf", "[", "0", "]", ")", "{");
		L("case", "CMD_SET", ":", "cfg", ".", "val", "=", "buf", "[", "1", "]", ";",
		  "break", ";");
		L("default", ":", "break", ";");
		L("}");
		L("SYS_SLIST_FOR_EACH_NODE", "(", "&", "list", ",", "node", ")", "{", "notify", "(",
		  "node", ",", "n", ")", ";", "}");
		L("ret", "=", "n", ">", "0", "?", "handle", "(", "r", ",", "buf", ")", ":", "-",
		  "EIO", ";");
	}
	L0("out", ":");
	L("return", "ret", ";");
	L0("}");
}

static double time_build(size_t lines, size_t *ntok, size_t *nnodes)
{
	struct gen g = {0};
	gen_function(&g, lines);
	double t0 = now();
	struct cflow_unit *u = cflow_build(g.v, g.n);
	double dt = now() - t0;
	assert_int_equal(u->nfuncs, 1);
	nodes = 0;
	check_unit(u);
	*nnodes = nodes;
	*ntok = g.n;
	assert_int_equal(u->funcs[0].end_line, g.line);
	cflow_free(u);
	free(g.v);
	return dt;
}

static void test_large_functions(void **state)
{
	(void)state;
	size_t t1, n1, t2, n2;
	double d1 = time_build(5000, &t1, &n1);
	double d2 = time_build(200000, &t2, &n2);
	printf("cflow_build: 5,000-line function: %zu tokens, %zu nodes, %.4f s\n", t1, n1, d1);
	printf("cflow_build: 200,000-line function: %zu tokens, %zu nodes, %.4f s\n", t2, n2, d2);
	/* generous bounds: sanitizer builds are several times slower */
	assert_true(d1 < 1.0);
	assert_true(d2 < 5.0);
	/* linear: 40 times the code, 40 times the model (within 5%) */
	assert_true(n2 > n1 * 38 && n2 < n1 * 42);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_macro_aliases),
		cmocka_unit_test(test_handler_example),
		cmocka_unit_test(test_function_headers),
		cmocka_unit_test(test_params),
		cmocka_unit_test(test_not_functions),
		cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_unary_postfix_sizeof),
		cmocka_unit_test(test_casts_vs_parens),
		cmocka_unit_test(test_compound_literal_stmt_expr),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_decl_vs_expr),
		cmocka_unit_test(test_multiple_declarators),
		cmocka_unit_test(test_arrays),
		cmocka_unit_test(test_member_chains_and_calls),
		cmocka_unit_test(test_if_else),
		cmocka_unit_test(test_loops),
		cmocka_unit_test(test_switch_case),
		cmocka_unit_test(test_goto_labels),
		cmocka_unit_test(test_macroloop),
		cmocka_unit_test(test_esp_idf_handler),
		cmocka_unit_test(test_zephyr_gatt_write),
		cmocka_unit_test(test_freertos_task),
		cmocka_unit_test(test_unbalanced),
		cmocka_unit_test(test_ifdef_duplicated_if),
		cmocka_unit_test(test_directives_inside),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_function_after_garbage),
		cmocka_unit_test(test_cplusplus),
		cmocka_unit_test(test_missing_semicolon_macros),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_large_functions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
