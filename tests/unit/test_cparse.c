/* test_cparse.c - the C front end on its own: cparse_file on in-memory
 * sources, with a callback that copies every event (events are borrowed),
 * then exact assertions on kinds, names, values and positions.
 *
 * Tests marked BUG document a known defect: they skip unless the environment
 * variable ETSILINT_RUN_BUGS is set, so the suite stays green while the
 * failing expectation stays in the source. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "cparse.h"
#include "diag.h"
#include "util.h"

/* Skip a test that documents a known bug (run it with ETSILINT_RUN_BUGS=1). */
#define BUG_SKIP()                             \
	do {                                   \
		if (!getenv("ETSILINT_RUN_BUGS")) \
			skip();                \
	} while (0)

/* ---- recording ---------------------------------------------------------- */

struct rarg {
	enum cval_kind kind;
	char *text;
	long long ival;
	size_t nitems;
	int all_int, all_zero;
	unsigned line, col, end_col;
};

struct rev {
	enum cev_kind kind;
	unsigned line, col, end_line, end_col;
	int recovered;
	char *name, *qual, *func;
	enum cstore_kind store;
	size_t nargs;
	struct rarg *args;
};

struct rec {
	struct rev *v;
	size_t n, cap;
	int rc;
	struct diag d;
};

static void record(const struct cev *ev, void *ud)
{
	struct rec *r = ud;
	assert_non_null(ev->name);
	assert_non_null(ev->qual);
	assert_non_null(ev->func);
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->v = xrealloc(r->v, r->cap * sizeof *r->v);
	}
	struct rev *e = &r->v[r->n++];
	memset(e, 0, sizeof *e);
	e->kind = ev->kind;
	e->line = ev->line;
	e->col = ev->col;
	e->end_line = ev->end_line;
	e->end_col = ev->end_col;
	e->recovered = ev->recovered;
	e->name = xstrdup(ev->name);
	e->qual = xstrdup(ev->qual);
	e->func = xstrdup(ev->func);
	e->store = ev->store;
	e->nargs = ev->nargs;
	e->args = xcalloc(ev->nargs ? ev->nargs : 1, sizeof *e->args);
	for (size_t i = 0; i < ev->nargs; i++) {
		const struct cval *v = &ev->args[i];
		assert_non_null(v->text);
		e->args[i] = (struct rarg){v->kind, xstrdup(v->text), v->ival, v->nitems, v->all_int,
					   v->all_zero, v->line, v->col, v->end_col};
	}
}

static void rec_free(struct rec *r)
{
	for (size_t i = 0; i < r->n; i++) {
		for (size_t j = 0; j < r->v[i].nargs; j++)
			free(r->v[i].args[j].text);
		free(r->v[i].args);
		free(r->v[i].name);
		free(r->v[i].qual);
		free(r->v[i].func);
	}
	free(r->v);
	diag_free(&r->d);
	memset(r, 0, sizeof *r);
}

static const char *const kind_str[] = {"other", "string", "int", "ident", "list"};

static void rec_dump(const struct rec *r)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct rev *e = &r->v[i];
		fprintf(stderr, "ev: %s %s qual=%s %u:%u-%u:%u rec=%d func=%s store=%d nargs=%zu\n",
			e->kind == CEV_CALL ? "call" : e->kind == CEV_STORE ? "store" : "macro", e->name,
			e->qual, e->line, e->col, e->end_line, e->end_col, e->recovered, e->func,
			(int)e->store, e->nargs);
		for (size_t j = 0; j < e->nargs; j++)
			fprintf(stderr, "    [%zu] %s <%s> %u:%u\n", j, kind_str[e->args[j].kind],
				e->args[j].text, e->args[j].line, e->args[j].col);
	}
}

/* Parse src as path (C, or C++ when cplusplus) with the events in wanted. */
static void parse_len(struct rec *r, const char *path, const char *src, size_t len, int cplusplus,
		      unsigned wanted)
{
	memset(r, 0, sizeof *r);
	diag_init(&r->d);
	struct cparse *cp = cparse_new();
	assert_non_null(cp);
	r->rc = cparse_file(cp, path, src, len, cplusplus, NULL, 0, wanted, record, r, &r->d);
	cparse_free(cp);
	assert_int_equal(r->rc, 0);
}

static void parse(struct rec *r, const char *src)
{
	parse_len(r, "test.c", src, strlen(src), 0, CEV_CALL | CEV_STORE | CEV_MACRO);
}

/* Number of events of kind named name. */
static size_t count(const struct rec *r, enum cev_kind kind, const char *name)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].kind == kind && (!name || strcmp(r->v[i].name, name) == 0))
			n++;
	return n;
}

/* The event of kind named name on line (0: any line); fails when absent. */
static const struct rev *get_at(const struct rec *r, enum cev_kind kind, const char *name,
				unsigned line)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct rev *e = &r->v[i];
		if (e->kind == kind && strcmp(e->name, name) == 0 && (!line || e->line == line))
			return e;
	}
	fprintf(stderr, "no %s event '%s' on line %u; events:\n",
		kind == CEV_CALL ? "call" : kind == CEV_STORE ? "store" : "macro", name, line);
	rec_dump(r);
	fail();
	return NULL;
}

static const struct rev *get(const struct rec *r, enum cev_kind kind, const char *name)
{
	return get_at(r, kind, name, 0);
}

static void assert_pos(const struct rev *e, unsigned line, unsigned col)
{
	assert_int_equal(e->line, line);
	assert_int_equal(e->col, col);
}

static void assert_arg(const struct rev *e, size_t i, enum cval_kind kind, const char *text)
{
	assert_true(i < e->nargs);
	if (e->args[i].kind != kind)
		fprintf(stderr, "arg %zu of %s: kind %s <%s>, want %s <%s>\n", i, e->name,
			kind_str[e->args[i].kind], e->args[i].text, kind_str[kind], text);
	assert_int_equal(e->args[i].kind, kind);
	if (text)
		assert_string_equal(e->args[i].text, text);
}

/* ---- calls ---------------------------------------------------------------- */

static void test_call_arg_kinds(void **state)
{
	(void)state;
	struct rec r;
	parse(&r, "void foo(const char *s, int n, int m, int k, int *l, int o);\n"
		  "enum { X };\n"
		  "void f(void) {\n"
		  "\tint arr[2] = {0};\n"
		  "\tfoo(\"hi\", 42, X, -7, (int[]){1, 2}, arr[0] + 1);\n"
		  "}\n");
	assert_int_equal(count(&r, CEV_CALL, NULL), 1);
	const struct rev *e = get(&r, CEV_CALL, "foo");
	assert_pos(e, 5, 2);
	assert_int_equal(e->end_line, 5);
	assert_int_equal(e->end_col, 49);
	assert_int_equal(e->recovered, 0);
	assert_string_equal(e->func, "f");
	assert_string_equal(e->qual, "foo");
	assert_int_equal(e->nargs, 6);
	assert_arg(e, 0, CV_STRING, "hi");
	assert_int_equal(e->args[0].line, 5);
	assert_int_equal(e->args[0].col, 6);
	assert_int_equal(e->args[0].end_col, 10);
	assert_arg(e, 1, CV_INT, "42");
	assert_int_equal(e->args[1].ival, 42);
	assert_int_equal(e->args[1].col, 12);
	assert_arg(e, 2, CV_IDENT, "X");
	assert_int_equal(e->args[2].col, 16);
	assert_arg(e, 3, CV_INT, NULL);
	assert_int_equal(e->args[3].ival, -7);
	assert_int_equal(e->args[3].col, 19);
	assert_arg(e, 4, CV_OTHER, NULL);
	assert_int_equal(e->args[4].col, 23);
	assert_arg(e, 5, CV_OTHER, NULL);
	assert_non_null(strstr(e->args[5].text, "arr"));
	assert_int_equal(e->args[5].col, 38);
	rec_free(&r);
}

static void test_call_int_forms_and_casts(void **state)
{
	(void)state;
	struct rec r;
	parse(&r, "void g(long a, long b, long c, unsigned long d, const char *s, int e);\n"
		  "void f(void) {\n"
		  "\tg(0x10, -0x2, (5), 7UL, (const char *)\"x\", (int)3);\n"
		  "\tg(0, 0, 0, 0, \"ab\" \"cd\", 'c');\n"
		  "\tg(1, 2, 3, 4, u8\"wide\", - 1);\n"
		  "}\n");
	const struct rev *e = get_at(&r, CEV_CALL, "g", 3);
	assert_int_equal(e->nargs, 6);
	assert_arg(e, 0, CV_INT, NULL);
	assert_int_equal(e->args[0].ival, 16);
	assert_arg(e, 1, CV_INT, NULL);
	assert_int_equal(e->args[1].ival, -2);
	assert_arg(e, 2, CV_INT, NULL);
	assert_int_equal(e->args[2].ival, 5);
	assert_arg(e, 3, CV_INT, NULL);
	assert_int_equal(e->args[3].ival, 7);
	assert_arg(e, 4, CV_STRING, "x");
	assert_arg(e, 5, CV_INT, NULL);
	assert_int_equal(e->args[5].ival, 3);
	e = get_at(&r, CEV_CALL, "g", 4);
	assert_arg(e, 4, CV_STRING, "abcd");
	/* A character literal is not an integer argument. */
	assert_arg(e, 5, CV_OTHER, "'c'");
	e = get_at(&r, CEV_CALL, "g", 5);
	assert_arg(e, 4, CV_STRING, "wide");
	assert_arg(e, 5, CV_INT, NULL);
	assert_int_equal(e->args[5].ival, -1);
	rec_free(&r);
}

static void test_call_nested_parens_and_commas(void **state)
{
	(void)state;
	struct rec r;
	parse(&r, "int bar(int, int);\n"
		  "void foo(int a, int b, const char *c, int d, int e);\n"
		  "void f(int *v) {\n"
		  "\tfoo(bar(1, 2), (3, 4), \"a,b)\", v[bar(5, 6)], ((7)));\n"
		  "\tfoo(bar(bar(1, 2), 3), 0, \"\", 0, 0);\n"
		  "\tfoo();\n"
		  "}\n");
	const struct rev *e = get_at(&r, CEV_CALL, "foo", 4);
	assert_int_equal(e->nargs, 5);
	assert_arg(e, 0, CV_OTHER, "bar(1, 2)");
	assert_int_equal(e->args[0].col, 6);
	assert_arg(e, 1, CV_OTHER, NULL);
	assert_arg(e, 2, CV_STRING, "a,b)");
	assert_arg(e, 3, CV_OTHER, NULL);
	assert_arg(e, 4, CV_INT, "7");
	assert_int_equal(e->args[4].ival, 7);
	assert_int_equal(e->end_line, 4);
	assert_int_equal(e->end_col, 53);

	/* Nested calls arrive on their own. */
	assert_int_equal(count(&r, CEV_CALL, "bar"), 4);
	e = get_at(&r, CEV_CALL, "bar", 4);
	assert_int_equal(e->nargs, 2);
	e = get_at(&r, CEV_CALL, "foo", 5);
	assert_int_equal(e->nargs, 5);
	assert_arg(e, 2, CV_STRING, "");
	/* No arguments. */
	e = get_at(&r, CEV_CALL, "foo", 6);
	assert_int_equal(e->nargs, 0);
	assert_int_equal(e->end_col, 7);
	rec_free(&r);
}

static void test_call_in_macro_argument_defined(void **state)
{
	(void)state;
	struct rec r;
	parse(&r, "void report(int e);\n"
		  "int foo(int);\n"
		  "#define CHECK(x) do { int e_ = (x); if (e_) report(e_); } while (0)\n"
		  "void f(void) {\n"
		  "\tCHECK(foo(1));\n"
		  "}\n");
	/* foo where it is written, inside the macro argument. */
	assert_int_equal(count(&r, CEV_CALL, "foo"), 1);
	const struct rev *e = get(&r, CEV_CALL, "foo");
	assert_pos(e, 5, 8);
	assert_int_equal(e->end_col, 14);
	assert_int_equal(e->recovered, 0);
	assert_string_equal(e->func, "f");
	assert_int_equal(e->nargs, 1);
	assert_arg(e, 0, CV_INT, "1");
	/* The function-like macro use is a call too. */
	e = get(&r, CEV_CALL, "CHECK");
	assert_pos(e, 5, 2);
	assert_int_equal(e->nargs, 1);
	assert_arg(e, 0, CV_OTHER, "foo(1)");
	/* The call in the macro body is reported where the macro is used (as a
	 * SARIF viewer should show it), not at the #define. */
	assert_int_equal(count(&r, CEV_CALL, "report"), 1);
	e = get(&r, CEV_CALL, "report");
	assert_pos(e, 5, 2);
	assert_int_equal(e->recovered, 0);
	rec_free(&r);
}

static void test_call_in_macro_argument_undefined(void **state)
{
	(void)state;
	struct rec r;
	parse(&r, "int foo(int);\n"
		  "void f(void) {\n"
		  "\tCHECK(foo(1));\n"
		  "}\n");
	assert_int_equal(count(&r, CEV_CALL, "foo"), 1);
	const struct rev *e = get(&r, CEV_CALL, "foo");
	assert_pos(e, 3, 8);
	assert_int_equal(e->nargs, 1);
	assert_arg(e, 0, CV_INT, "1");
	assert_string_equal(e->func, "f");
	e = get(&r, CEV_CALL, "CHECK");
	assert_pos(e, 3, 2);
	assert_arg(e, 0, CV_OTHER, "foo(1)");
	rec_free(&r);
}

static void test_call_recovered_undeclared_ident(void **state)
{
	(void)state;
	struct rec r;
	parse(&r, "char *strcpy(char *d, const char *s);\n"
		  "void f(char *dst) {\n"
		  "\tstrcpy(dst, CONFIG_WIFI_SSID);\n"
		  "}\n");
	assert_int_equal(count(&r, CEV_CALL, "strcpy"), 1);
	const struct rev *e = get(&r, CEV_CALL, "strcpy");
	assert_pos(e, 3, 2);
	assert_int_equal(e->end_col, 31);
	assert_int_equal(e->recovered, 1);
	assert_string_equal(e->func, "f");
	assert_int_equal(e->nargs, 2);
	assert_arg(e, 0, CV_IDENT, "dst");
	assert_arg(e, 1, CV_IDENT, "CONFIG_WIFI_SSID");
	assert_int_equal(e->args[1].col, 14);
	rec_free(&r);

	/* The same with a missing header. */
	parse(&r, "#include <no_such_sdk_header.h>\n"
		  "void f(char *dst) {\n"
		  "\tstrcpy(dst, CONFIG_WIFI_SSID);\n"
		  "}\n");
	e = get(&r, CEV_CALL, "strcpy");
	assert_pos(e, 3, 2);
	assert_int_equal(e->recovered, 1);
	rec_free(&r);
}

static void test_call_recovered_unknown_type(void **state)
{
	(void)state;
	struct rec r;
	parse(&r, "int esp_wifi_init(const void *cfg);\n"
		  "void g(void) {\n"
		  "\twifi_init_config_t cfg = WIFI_INIT_CONFIG_DEFAULT();\n"
		  "\tesp_wifi_init(&cfg);\n"
		  "}\n");
	assert_int_equal(count(&r, CEV_CALL, "esp_wifi_init"), 1);
	const struct rev *e = get(&r, CEV_CALL, "esp_wifi_init");
	assert_pos(e, 4, 2);
	assert_int_equal(e->recovered, 1);
	assert_string_equal(e->func, "g");
	assert_int_equal(e->nargs, 1);
	assert_arg(e, 0, CV_OTHER, "&cfg");
	e = get(&r, CEV_CALL, "WIFI_INIT_CONFIG_DEFAULT");
	assert_pos(e, 3, 27);
	assert_int_equal(e->recovered, 1);
	assert_int_equal(e->nargs, 0);
	/* The declaration's store arrives too. */
	e = get(&r, CEV_STORE, "cfg");
	assert_int_equal(e->store, CS_INIT);
	assert_pos(e, 3, 21);
	rec_free(&r);
}

static void test_call_not_recovered_without_errors(void **state)
{
	(void)state;
	struct rec r;
	parse(&r, "int foo(int);\n"
		  "int bar(const char *);\n"
		  "int f(void) {\n"
		  "\tint x = foo(1);\n"
		  "\treturn bar(\"s\") + x;\n"
		  "}\n");
	assert_int_equal(count(&r, CEV_CALL, NULL), 2);
	for (size_t i = 0; i < r.n; i++)
		assert_int_equal(r.v[i].recovered, 0);
	assert_pos(get(&r, CEV_CALL, "foo"), 4, 10);
	assert_pos(get(&r, CEV_CALL, "bar"), 5, 9);
	rec_free(&r);

	/* A file with errors elsewhere: calls the AST holds are not recovered. */
	parse(&r, "int foo(int);\n"
		  "void f(void) {\n"
		  "\tfoo(1);\n"
		  "\tfoo(UNDECLARED);\n"
		  "}\n");
	assert_int_equal(get_at(&r, CEV_CALL, "foo", 3)->recovered, 0);
	assert_int_equal(get_at(&r, CEV_CALL, "foo", 4)->recovered, 1);
	rec_free(&r);
}

static void test_declarations_are_not_calls(void **state)
{
	(void)state;
	struct rec r;
	/* With errors (unknown esp_err_t), so the token pass sees everything. */
	parse(&r, "int foo(int a);\n"
		  "static esp_err_t foo1(void) {\n"
		  "\treturn 0;\n"
		  "}\n"
		  "char *foo2(void)\n"
		  "{\n"
		  "\treturn 0;\n"
		  "}\n"
		  "static int\n"
		  "foo3(void)\n"
		  "{\n"
		  "\tint x, a = 1, b = 2;\n"
		  "\tx = a * foo(b);\n"
		  "\treturn x;\n"
		  "}\n"
		  "esp_err_t foo4(wifi_config_t *cfg);\n"
		  "static const char **foo5(int n);\n"
		  "void foo6(int (*cb)(int));\n");
	assert_int_equal(count(&r, CEV_CALL, NULL), 1);
	const struct rev *e = get(&r, CEV_CALL, "foo");
	assert_pos(e, 13, 10);
	assert_int_equal(e->recovered, 0);
	assert_string_equal(e->func, "foo3");
	assert_arg(e, 0, CV_IDENT, "b");
	rec_free(&r);

	/* The same without errors. */
	parse(&r, "int foo(int a);\n"
		  "static int foo1(void) { return 0; }\n"
		  "char *foo2(void)\n"
		  "{\n"
		  "\treturn 0;\n"
		  "}\n"
		  "static int\n"
		  "foo3(int a, int b)\n"
		  "{\n"
		  "\tint x;\n"
		  "\tx = a * foo(b);\n"
		  "\treturn x + *foo2();\n"
		  "}\n");
	assert_int_equal(count(&r, CEV_CALL, NULL), 2);
	assert_pos(get(&r, CEV_CALL, "foo"), 11, 10);
	assert_pos(get(&r, CEV_CALL, "foo2"), 12, 14);
	rec_free(&r);
}

static void test_wanted_mask(void **state)
{
	(void)state;
	static const char src[] = "#define PW \"x\"\n"
				  "int foo(int);\n"
				  "int v = 1;\n"
				  "void f(void) { foo(v); }\n";
	struct rec r;
	parse_len(&r, "test.c", src, strlen(src), 0, CEV_CALL);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.v[0].kind, CEV_CALL);
	rec_free(&r);
	parse_len(&r, "test.c", src, strlen(src), 0, CEV_STORE);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.v[0].kind, CEV_STORE);
	rec_free(&r);
	parse_len(&r, "test.c", src, strlen(src), 0, CEV_MACRO);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.v[0].kind, CEV_MACRO);
	rec_free(&r);
}

/* ---- stores --------------------------------------------------------------- */

static void test_store_init(void **state)
{
	(void)state;
	struct rec r;
	parse(&r, "char pw[] = \"x\";\n"
		  "static const char *user = \"admin\", *pass = \"secret\";\n"
		  "void f(void) {\n"
		  "\tconst char *local = (const char *)\"y\";\n"
		  "\tint n = -3;\n"
		  "}\n");
	const struct rev *e = get(&r, CEV_STORE, "pw");
	assert_int_equal(e->store, CS_INIT);
	assert_string_equal(e->qual, "pw");
	assert_pos(e, 1, 6);
	assert_int_equal(e->end_line, 1);
	assert_int_equal(e->end_col, 16);
	assert_string_equal(e->func, "");
	assert_int_equal(e->nargs, 1);
	assert_arg(e, 0, CV_STRING, "x");
	assert_int_equal(e->args[0].line, 1);
	assert_int_equal(e->args[0].col, 13);
	assert_int_equal(e->args[0].end_col, 16);

	e = get(&r, CEV_STORE, "user");
	assert_int_equal(e->store, CS_INIT);
	assert_arg(e, 0, CV_STRING, "admin");
	e = get(&r, CEV_STORE, "pass");
	assert_int_equal(e->store, CS_INIT);
	assert_pos(e, 2, 37);
	assert_arg(e, 0, CV_STRING, "secret");

	e = get(&r, CEV_STORE, "local");
	assert_int_equal(e->store, CS_INIT);
	assert_string_equal(e->func, "f");
	assert_arg(e, 0, CV_STRING, "y");
	e = get(&r, CEV_STORE, "n");
	assert_arg(e, 0, CV_INT, "-3");
	assert_int_equal(e->args[0].ival, -3);
	for (size_t i = 0; i < r.n; i++)
		assert_int_equal(r.v[i].recovered, 0);
	rec_free(&r);
}

static void test_store_init_second_declarator(void **state)
{
	(void)state;
	/* Regression (was a bug): in `int a = 1, b = 2;` / `char u[] = "a", p[] = "b";` the second
	 * declarator's store is CS_ASSIGN (emit_store only looks at the token
	 * before the name; here ','); a declaration with an initializer is CS_INIT,
	 * so `in: [init]` rules miss it. */
	struct rec r;
	parse(&r, "char user[] = \"a\", pass[] = \"b\";\n"
		  "void f(void) { int a = 1, b = 2; (void)a; (void)b; }\n");
	assert_int_equal(get(&r, CEV_STORE, "user")->store, CS_INIT);
	assert_int_equal(get(&r, CEV_STORE, "a")->store, CS_INIT);
	assert_int_equal(get(&r, CEV_STORE, "pass")->store, CS_INIT);
	assert_int_equal(get(&r, CEV_STORE, "b")->store, CS_INIT);
	rec_free(&r);
}

static void test_store_assign(void **state)
{
	(void)state;
	struct rec r;
	parse(&r, "struct sta { const char *password; const char *ssid; };\n"
		  "struct cfg_t { struct sta sta; };\n"
		  "void setup(struct cfg_t *pc) {\n"
		  "\tstruct cfg_t cfg;\n"
		  "\tcfg.sta.password = \"x\";\n"
		  "\tpc->sta.ssid = \"net\";\n"
		  "}\n");
	const struct rev *e = get(&r, CEV_STORE, "password");
	assert_int_equal(e->store, CS_ASSIGN);
	assert_non_null(strstr(e->qual, "cfg.sta.password"));
	assert_pos(e, 5, 10);
	assert_int_equal(e->end_col, 24);
	assert_string_equal(e->func, "setup");
	assert_int_equal(e->recovered, 0);
	assert_arg(e, 0, CV_STRING, "x");
	assert_int_equal(e->args[0].col, 21);
	e = get(&r, CEV_STORE, "ssid");
	assert_int_equal(e->store, CS_ASSIGN);
	assert_non_null(strstr(e->qual, "pc->sta.ssid"));
	assert_arg(e, 0, CV_STRING, "net");
	rec_free(&r);
}

static void test_store_assign_subscript_member(void **state)
{
	(void)state;
	/* Regression (was a bug): `p[i].password = "x";` and `(*q).token = "z";` are reported as
	 * CS_FIELD (designated initializer) with qual ".password"/".token":
	 * token_stores takes the '.' after ']' or ')' for a designator. Expected
	 * CS_ASSIGN. In a file with errors they are also recovered=1 although the
	 * AST holds them (the BinaryOperator offset is that of `p`/`(`, not of
	 * the '.'). `*pp = "w";` (a dereference after ';') is CS_INIT and
	 * recovered=1; expected CS_ASSIGN, recovered=0. */
	struct rec r;
	parse(&r, "struct c { char *password; char *token; };\n"
		  "void f(struct c *p, struct c *q, int i, char **pp) {\n"
		  "\tp[i].password = \"x\";\n"
		  "\t(*q).token = \"z\";\n"
		  "\t*pp = \"w\";\n"
		  "\tundeclared = 1;\n"
		  "}\n");
	const struct rev *e = get(&r, CEV_STORE, "password");
	assert_int_equal(e->store, CS_ASSIGN);
	assert_int_equal(e->recovered, 0);
	e = get(&r, CEV_STORE, "token");
	assert_int_equal(e->store, CS_ASSIGN);
	assert_int_equal(e->recovered, 0);
	e = get(&r, CEV_STORE, "pp");
	assert_int_equal(e->store, CS_ASSIGN);
	assert_int_equal(e->recovered, 0);
	assert_int_equal(get(&r, CEV_STORE, "undeclared")->recovered, 1);
	rec_free(&r);
}

static void test_store_designated_field(void **state)
{
	(void)state;
	struct rec r;
	parse(&r, "struct sta { const char *password; int authmode; };\n"
		  "struct cfg_t { struct sta sta; };\n"
		  "enum { WIFI_AUTH_OPEN };\n"
		  "struct cfg_t c = {\n"
		  "\t.sta = {\n"
		  "\t\t.password = \"y\",\n"
		  "\t\t.authmode = WIFI_AUTH_OPEN,\n"
		  "\t},\n"
		  "};\n");
	const struct rev *e = get(&r, CEV_STORE, "password");
	assert_int_equal(e->store, CS_FIELD);
	assert_pos(e, 6, 4);
	assert_int_equal(e->end_col, 18);
	assert_non_null(strstr(e->qual, "password"));
	assert_arg(e, 0, CV_STRING, "y");
	assert_int_equal(e->args[0].col, 15);
	e = get(&r, CEV_STORE, "authmode");
	assert_int_equal(e->store, CS_FIELD);
	assert_arg(e, 0, CV_IDENT, "WIFI_AUTH_OPEN");
	e = get(&r, CEV_STORE, "sta");
	assert_int_equal(e->store, CS_FIELD);
	assert_arg(e, 0, CV_LIST, NULL);
	e = get(&r, CEV_STORE, "c");
	assert_int_equal(e->store, CS_INIT);
	assert_arg(e, 0, CV_LIST, NULL);
	assert_int_equal(e->args[0].nitems, 1);
	assert_int_equal(e->args[0].all_int, 0);
	rec_free(&r);
}

static void test_store_byte_lists(void **state)
{
	(void)state;
	struct rec r;
	parse(&r, "#include <stdint.h>\n"
		  "static const uint8_t key[16] = {0x01, 0x02, 0, 0, 0, 0, 0, 0,\n"
		  "\t0, 0, 0, 0, 0, 0, 0, 0x10};\n"
		  "static const uint8_t zkey[4] = {0, 0x0, 00, 0,};\n"
		  "static const int mixed[] = {1, X, 2};\n"
		  "static const char chars[] = {'a', 'b', -1};\n"
		  "static const int empty[1] = {};\n");
	const struct rev *e = get(&r, CEV_STORE, "key");
	assert_int_equal(e->store, CS_INIT);
	assert_pos(e, 2, 22);
	assert_int_equal(e->end_line, 3);
	assert_arg(e, 0, CV_LIST, NULL);
	assert_int_equal(e->args[0].nitems, 16);
	assert_int_equal(e->args[0].all_int, 1);
	assert_int_equal(e->args[0].all_zero, 0);
	assert_int_equal(e->args[0].line, 2);
	assert_int_equal(e->args[0].col, 32);
	assert_int_equal(e->args[0].end_col, 0); /* ends on another line */

	e = get(&r, CEV_STORE, "zkey");
	assert_arg(e, 0, CV_LIST, NULL);
	assert_int_equal(e->args[0].nitems, 4);
	assert_int_equal(e->args[0].all_int, 1);
	assert_int_equal(e->args[0].all_zero, 1);

	e = get(&r, CEV_STORE, "mixed");
	assert_arg(e, 0, CV_LIST, NULL);
	assert_int_equal(e->args[0].nitems, 3);
	assert_int_equal(e->args[0].all_int, 0);
	assert_int_equal(e->args[0].all_zero, 0);

	e = get(&r, CEV_STORE, "chars");
	assert_arg(e, 0, CV_LIST, NULL);
	assert_int_equal(e->args[0].nitems, 3);
	assert_int_equal(e->args[0].all_int, 1);
	assert_int_equal(e->args[0].all_zero, 0);

	e = get(&r, CEV_STORE, "empty");
	assert_arg(e, 0, CV_LIST, NULL);
	assert_int_equal(e->args[0].nitems, 0);
	assert_int_equal(e->args[0].all_int, 0);
	assert_int_equal(e->args[0].all_zero, 0);
	rec_free(&r);
}

static void test_comparisons_are_not_stores(void **state)
{
	(void)state;
	struct rec r;
	parse(&r, "int f(int a, int b) {\n"
		  "\tif (a == b || a <= b || a >= b || a != b)\n"
		  "\t\treturn 1;\n"
		  "\treturn a == 2;\n"
		  "}\n");
	assert_int_equal(count(&r, CEV_STORE, NULL), 0);
	assert_int_equal(r.n, 0);
	rec_free(&r);
}

static void test_store_recovered(void **state)
{
	(void)state;
	struct rec r;
	/* wifi_config_t is unknown: the AST loses the statement. */
	parse(&r, "void f(void) {\n"
		  "\twifi_config_t cfg;\n"
		  "\tcfg.sta.password = \"x\";\n"
		  "}\n"
		  "int ok = 1;\n");
	const struct rev *e = get(&r, CEV_STORE, "password");
	assert_int_equal(e->store, CS_ASSIGN);
	assert_int_equal(e->recovered, 1);
	assert_arg(e, 0, CV_STRING, "x");
	e = get(&r, CEV_STORE, "ok");
	assert_int_equal(e->recovered, 0);
	rec_free(&r);
}

/* ---- macros --------------------------------------------------------------- */

static void test_macro_object_like(void **state)
{
	(void)state;
	struct rec r;
	parse(&r, "#define NAME \"value\"\n"
		  "#define F(x) x\n"
		  "#define G (x)\n"
		  "#  define SPACED \"v\" /* comment */\n"
		  "#define NUM 42\n"
		  "#define MULTI \"a\" \\\n"
		  "\t\"b\"\n"
		  "#define CAT \"ab\" \"cd\"\n"
		  "#define CASTED ((const char *)\"c\")\n"
		  "int after = 1;\n");
	const struct rev *e = get(&r, CEV_MACRO, "NAME");
	assert_int_equal(e->store, CS_MACRO);
	assert_pos(e, 1, 9);
	assert_int_equal(e->end_col, 21);
	assert_string_equal(e->qual, "NAME");
	assert_string_equal(e->func, "");
	assert_int_equal(e->recovered, 0);
	assert_int_equal(e->nargs, 1);
	assert_arg(e, 0, CV_STRING, "value");
	assert_int_equal(e->args[0].line, 1);
	assert_int_equal(e->args[0].col, 14);
	assert_int_equal(e->args[0].end_col, 21);

	/* Function-like: no macro event. */
	assert_int_equal(count(&r, CEV_MACRO, "F"), 0);
	/* Object-like with a parenthesized value. */
	assert_arg(get(&r, CEV_MACRO, "G"), 0, CV_IDENT, "x");
	assert_arg(get(&r, CEV_MACRO, "SPACED"), 0, CV_STRING, "v");
	e = get(&r, CEV_MACRO, "NUM");
	assert_arg(e, 0, CV_INT, "42");
	assert_int_equal(e->args[0].ival, 42);

	e = get(&r, CEV_MACRO, "MULTI");
	assert_pos(e, 6, 9);
	assert_int_equal(e->end_line, 7);
	assert_arg(e, 0, CV_STRING, "ab");
	assert_int_equal(e->args[0].line, 6);
	assert_int_equal(e->args[0].col, 15);

	assert_arg(get(&r, CEV_MACRO, "CAT"), 0, CV_STRING, "abcd");
	assert_arg(get(&r, CEV_MACRO, "CASTED"), 0, CV_STRING, "c");

	assert_int_equal(count(&r, CEV_MACRO, NULL), 7);
	/* Nothing inside a directive is a store or a call. */
	assert_int_equal(count(&r, CEV_CALL, NULL), 0);
	assert_int_equal(count(&r, CEV_STORE, NULL), 1);
	assert_int_equal(get(&r, CEV_STORE, "after")->line, 10);
	rec_free(&r);
}

static void test_macro_empty_then_define(void **state)
{
	(void)state;
	/* Regression (was a bug): an empty `#define EMPTY` directly followed by another #define
	 * swallows it: EMPTY gets the value `#define PASSWORD "hunter2"` (CV_OTHER)
	 * and no PASSWORD macro event is produced (token_macros' end-of-directive
	 * test requires b > a). Expected: EMPTY with "" and PASSWORD with
	 * CV_STRING "hunter2". */
	struct rec r;
	parse(&r, "#define EMPTY\n"
		  "#define PASSWORD \"hunter2\"\n");
	const struct rev *e = get(&r, CEV_MACRO, "EMPTY");
	assert_arg(e, 0, CV_OTHER, "");
	e = get(&r, CEV_MACRO, "PASSWORD");
	assert_pos(e, 2, 9);
	assert_arg(e, 0, CV_STRING, "hunter2");
	rec_free(&r);
}

static void test_macro_empty_last(void **state)
{
	(void)state;
	struct rec r;
	parse(&r, "#define A \"a\"\n"
		  "#define Z\n");
	assert_int_equal(count(&r, CEV_MACRO, NULL), 2);
	assert_arg(get(&r, CEV_MACRO, "A"), 0, CV_STRING, "a");
	const struct rev *e = get(&r, CEV_MACRO, "Z");
	assert_pos(e, 2, 9);
	assert_arg(e, 0, CV_OTHER, "");
	rec_free(&r);
}

/* ---- enclosing function --------------------------------------------------- */

static void test_func_field(void **state)
{
	(void)state;
	struct rec r;
	parse(&r, "int g(int);\n"
		  "int top = 0;\n"
		  "static void first(void) { g(1); }\n"
		  "static int\n"
		  "second(int a)\n"
		  "{\n"
		  "\tif (a) {\n"
		  "\t\tg(2);\n"
		  "\t}\n"
		  "\tint v = g(3);\n"
		  "\treturn v;\n"
		  "}\n"
		  "struct s { int (*cb)(int); } tab = { .cb = g };\n");
	assert_string_equal(get_at(&r, CEV_CALL, "g", 3)->func, "first");
	assert_string_equal(get_at(&r, CEV_CALL, "g", 8)->func, "second");
	assert_string_equal(get_at(&r, CEV_CALL, "g", 10)->func, "second");
	assert_string_equal(get(&r, CEV_STORE, "v")->func, "second");
	assert_string_equal(get(&r, CEV_STORE, "top")->func, "");
	assert_string_equal(get(&r, CEV_STORE, "cb")->func, "");
	rec_free(&r);
}

static void test_func_field_extern_c_guard(void **state)
{
	(void)state;
	/* Regression (was a bug): in a C file with the usual `#ifdef __cplusplus extern "C" { #endif`
	 * guard, func is "" for every function after it: find_functions counts
	 * the '{' of `extern "C" {` (its '}' is in a skipped #ifdef too), so no
	 * later '{' is at depth 0. Expected func "f". The same happens inside a
	 * C++ namespace block. */
	struct rec r;
	parse(&r, "#ifdef __cplusplus\n"
		  "extern \"C\" {\n"
		  "#endif\n"
		  "int g(int);\n"
		  "void f(void) { g(1); }\n"
		  "#ifdef __cplusplus\n"
		  "}\n"
		  "#endif\n");
	assert_string_equal(get(&r, CEV_CALL, "g")->func, "f");
	rec_free(&r);
}

/* ---- files ---------------------------------------------------------------- */

static void test_cplusplus(void **state)
{
	(void)state;
	static const char src[] = "namespace app {\n"
				  "class Wifi {\n"
				  "public:\n"
				  "\tvoid begin(const char *ssid, const char *pw);\n"
				  "};\n"
				  "int helper(int);\n"
				  "}\n"
				  "void setup() {\n"
				  "\tapp::Wifi w;\n"
				  "\tw.begin(\"ssid\", \"pass1234\");\n"
				  "\tapp::helper(1);\n"
				  "\tconst char *pw = \"secret\";\n"
				  "}\n";
	struct rec r;
	parse_len(&r, "sketch.cpp", src, strlen(src), 1, CEV_CALL | CEV_STORE | CEV_MACRO);
	assert_int_equal(count(&r, CEV_CALL, NULL), 2);
	const struct rev *e = get(&r, CEV_CALL, "begin");
	assert_pos(e, 10, 4);
	assert_int_equal(e->end_col, 29);
	assert_int_equal(e->recovered, 0);
	assert_string_equal(e->func, "setup");
	assert_int_equal(e->nargs, 2);
	assert_arg(e, 0, CV_STRING, "ssid");
	assert_arg(e, 1, CV_STRING, "pass1234");
	e = get(&r, CEV_CALL, "helper");
	assert_pos(e, 11, 7);
	assert_int_equal(e->recovered, 0);
	assert_arg(e, 0, CV_INT, "1");
	e = get(&r, CEV_STORE, "pw");
	assert_int_equal(e->store, CS_INIT);
	assert_int_equal(e->recovered, 0);
	assert_arg(e, 0, CV_STRING, "secret");
	rec_free(&r);

	/* An unknown class: the call is recovered. */
	static const char src2[] = "void setup() {\n"
				   "\tconst char *pw = \"secret\";\n"
				   "\tUnknownType::call(pw);\n"
				   "}\n";
	parse_len(&r, "sketch.ino", src2, strlen(src2), 1, CEV_CALL | CEV_STORE | CEV_MACRO);
	e = get(&r, CEV_CALL, "call");
	assert_pos(e, 3, 15);
	assert_int_equal(e->recovered, 1);
	assert_string_equal(e->func, "setup");
	assert_arg(e, 0, CV_IDENT, "pw");
	rec_free(&r);

	/* Parsed as C, C++ text is full of errors: no crash, still events. */
	parse_len(&r, "sketch.c", src, strlen(src), 0, CEV_CALL | CEV_STORE | CEV_MACRO);
	assert_int_equal(count(&r, CEV_CALL, "begin"), 1);
	rec_free(&r);
}

static void test_member_call_recovered_flag(void **state)
{
	(void)state;
	/* Regression (was a bug): a call through a member (`w.cb(1)`, `p->cb(2)`, C++ `w.begin(1)`)
	 * is always recovered=1 in a file that has an error anywhere, though the
	 * AST holds it: the visit records the CallExpr's offset (that of `w`/`p`,
	 * not of the callee token) so the token pass reports it again as lost.
	 * Expected recovered=0 for both; only `undeclared_var` is recovered. */
	struct rec r;
	parse(&r, "struct W { void (*cb)(int); };\n"
		  "void setup(struct W w, struct W *p) {\n"
		  "\tw.cb(1);\n"
		  "\tp->cb(2);\n"
		  "\tundeclared_var = 3;\n"
		  "}\n");
	assert_int_equal(count(&r, CEV_CALL, "cb"), 2);
	assert_int_equal(get_at(&r, CEV_CALL, "cb", 3)->recovered, 0);
	assert_int_equal(get_at(&r, CEV_CALL, "cb", 4)->recovered, 0);
	rec_free(&r);
}

static void test_cplusplus_template_call(void **state)
{
	(void)state;
	/* Known limitation: a C++ call with explicit template arguments, `twice<int>(3)`, never
	 * arrives: the AST visit skips it (the callee token is followed by '<',
	 * not '(') but marks its offset as seen, and the token pass only knows
	 * IDENT '('. Expected one call event "twice" with args [3]. */
	BUG_SKIP();
	static const char src[] = "template <typename T> T twice(T x) { return x + x; }\n"
				  "int f() { return twice<int>(3); }\n";
	struct rec r;
	parse_len(&r, "t.cpp", src, strlen(src), 1, CEV_CALL);
	const struct rev *e = get(&r, CEV_CALL, "twice");
	assert_pos(e, 2, 18);
	assert_int_equal(e->nargs, 1);
	assert_arg(e, 0, CV_INT, "3");
	rec_free(&r);
}

static void test_empty_and_comment_files(void **state)
{
	(void)state;
	struct rec r;
	parse_len(&r, "empty.c", "", 0, 0, CEV_CALL | CEV_STORE | CEV_MACRO);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.d.n, 0);
	rec_free(&r);
	parse(&r, "/* only */\n"
		  "// comments\n"
		  "/* foo(1); x = \"y\";\n"
		  "#define PW \"secret\" */\n"
		  "// bar(2); pw = \"z\";");
	assert_int_equal(r.n, 0);
	rec_free(&r);
	parse(&r, "\n\n   \n");
	assert_int_equal(r.n, 0);
	rec_free(&r);
	parse_len(&r, "empty.cpp", "", 0, 1, CEV_CALL | CEV_STORE | CEV_MACRO);
	assert_int_equal(r.n, 0);
	rec_free(&r);
}

static void test_crlf_line_numbers(void **state)
{
	(void)state;
	struct rec r;
	parse(&r, "void f(void);\r\n"
		  "void g(void) {\r\n"
		  "\tf();\r\n"
		  "\r\n"
		  "  char *p = \"x\";\r\n"
		  "\tf(); f();\r\n"
		  "}\r\n"
		  "#define K \"v\"\r\n"
		  "#define M \"a\" \\\r\n"
		  "  \"b\"\r\n"
		  "int q = 3;\r\n");
	assert_int_equal(count(&r, CEV_CALL, "f"), 3);
	assert_pos(get_at(&r, CEV_CALL, "f", 3), 3, 2);
	assert_int_equal(get_at(&r, CEV_CALL, "f", 3)->end_col, 5);
	size_t on6 = 0;
	for (size_t i = 0; i < r.n; i++)
		if (r.v[i].kind == CEV_CALL && r.v[i].line == 6) {
			assert_true(r.v[i].col == 2 || r.v[i].col == 7);
			on6++;
		}
	assert_int_equal(on6, 2);
	const struct rev *e = get(&r, CEV_STORE, "p");
	assert_pos(e, 5, 9);
	assert_arg(e, 0, CV_STRING, "x");
	assert_int_equal(e->args[0].col, 13);
	assert_int_equal(e->args[0].end_col, 16);
	e = get(&r, CEV_MACRO, "K");
	assert_pos(e, 8, 9);
	assert_arg(e, 0, CV_STRING, "v");
	e = get(&r, CEV_MACRO, "M");
	assert_pos(e, 9, 9);
	assert_int_equal(e->end_line, 10);
	assert_arg(e, 0, CV_STRING, "ab");
	assert_pos(get(&r, CEV_STORE, "q"), 11, 5);
	rec_free(&r);
}

static void test_unparsable_args_no_crash(void **state)
{
	(void)state;
	struct rec r;
	/* Unbalanced parentheses at the end of the file. */
	parse(&r, "void f(void) {\n"
		  "\tfoo(1, bar(2,\n");
	assert_true(count(&r, CEV_CALL, "foo") <= 1);
	rec_free(&r);
	parse(&r, "x = ");
	rec_free(&r);
	parse(&r, "#define");
	rec_free(&r);
	parse(&r, ".a = ");
	rec_free(&r);
	parse(&r, "int a[] = {1, 2");
	rec_free(&r);
	/* Data with no terminating NUL inside the length. */
	static const char buf[] = "int v = 1;XXXX";
	parse_len(&r, "t.c", buf, 10, 0, CEV_CALL | CEV_STORE | CEV_MACRO);
	assert_int_equal(count(&r, CEV_STORE, "v"), 1);
	rec_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_call_arg_kinds),
		cmocka_unit_test(test_call_int_forms_and_casts),
		cmocka_unit_test(test_call_nested_parens_and_commas),
		cmocka_unit_test(test_call_in_macro_argument_defined),
		cmocka_unit_test(test_call_in_macro_argument_undefined),
		cmocka_unit_test(test_call_recovered_undeclared_ident),
		cmocka_unit_test(test_call_recovered_unknown_type),
		cmocka_unit_test(test_call_not_recovered_without_errors),
		cmocka_unit_test(test_declarations_are_not_calls),
		cmocka_unit_test(test_wanted_mask),
		cmocka_unit_test(test_store_init),
		cmocka_unit_test(test_store_init_second_declarator),
		cmocka_unit_test(test_store_assign),
		cmocka_unit_test(test_store_assign_subscript_member),
		cmocka_unit_test(test_store_designated_field),
		cmocka_unit_test(test_store_byte_lists),
		cmocka_unit_test(test_comparisons_are_not_stores),
		cmocka_unit_test(test_store_recovered),
		cmocka_unit_test(test_macro_object_like),
		cmocka_unit_test(test_macro_empty_then_define),
		cmocka_unit_test(test_macro_empty_last),
		cmocka_unit_test(test_func_field),
		cmocka_unit_test(test_func_field_extern_c_guard),
		cmocka_unit_test(test_cplusplus),
		cmocka_unit_test(test_member_call_recovered_flag),
		cmocka_unit_test(test_cplusplus_template_call),
		cmocka_unit_test(test_empty_and_comment_files),
		cmocka_unit_test(test_crlf_line_numbers),
		cmocka_unit_test(test_unparsable_args_no_crash),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
