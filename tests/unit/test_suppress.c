/* test_suppress.c - inline suppressions: parsing of etsilint-ignore comments
 * (same line, line above, file level, several ids, missing reason, CRLF, '#'
 * comments, string literals, an id that is a prefix of another), their effect
 * on findings through the engine, agreement between the parser and the data
 * rule suppression-without-reason (rules/meta.yaml), the results cache
 * carrying the suppression, and the exit-status count. */
#include "testscan.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cache.h"
#include "suppress.h"
#include "textfile.h"

/* ---- helpers ---- */

struct sup {
	struct textfile *tf;
	struct suppressions s;
};

static void parse(struct sup *x, unsigned kind, const char *text)
{
	memset(x, 0, sizeof *x);
	x->tf = textfile_new(xstrdup(text), strlen(text));
	suppress_parse(x->tf, kind, &x->s);
}

static void sup_free(struct sup *x)
{
	suppress_free(&x->s);
	textfile_free(x->tf);
}

/* The reason covering (rule, line), or "" for none (for assert_string_equal). */
static const char *why(const struct sup *x, const char *rule, unsigned line)
{
	const char *r = suppress_lookup(&x->s, rule, line);
	return r ? r : "";
}

/* ---- parsing ---- */

static void test_same_line(void **state)
{
	(void)state;
	struct sup x;
	parse(&x, FK_C,
	      "int a;\n"
	      "gets(b); // etsilint-ignore gets-call: fixed-size test vector  \n"
	      "gets(b); /* etsilint-ignore gets-call:  in a block  */ x();\n"
	      "gets(b);\n");
	assert_int_equal(x.s.n, 2);
	assert_string_equal(why(&x, "gets-call", 2), "fixed-size test vector");
	assert_string_equal(why(&x, "gets-call", 3), "in a block");
	/* Code lines: the suppression covers its own line only. */
	assert_string_equal(why(&x, "gets-call", 1), "");
	assert_string_equal(why(&x, "gets-call", 4), "");
	assert_string_equal(why(&x, "other-rule", 2), "");
	sup_free(&x);
}

static void test_line_above(void **state)
{
	(void)state;
	struct sup x;
	parse(&x, FK_C,
	      "\t// etsilint-ignore gets-call: one\n" /* 1 */
	      "\tgets(b);\n"                          /* 2 */
	      "\tgets(b);\n"                          /* 3 */
	      "/* etsilint-ignore rule-a: two */\n"   /* 4 */
	      "// etsilint-ignore rule-b: three\n"    /* 5: stacked */
	      "\n"                                    /* 6: blank ends the run */
	      "x();\n"                                /* 7 */
	      "/*\n"                                  /* 8 */
	      " * etsilint-ignore rule-c: in a block comment\n"
	      " * of several lines\n"                 /* 10 */
	      " */\n"                                 /* 11 */
	      "y();\n");                              /* 12 */
	assert_string_equal(why(&x, "gets-call", 1), "one");
	assert_string_equal(why(&x, "gets-call", 2), "one");
	assert_string_equal(why(&x, "gets-call", 3), "");
	assert_string_equal(why(&x, "rule-a", 5), "two");
	assert_string_equal(why(&x, "rule-a", 6), "two");
	assert_string_equal(why(&x, "rule-b", 6), "three");
	assert_string_equal(why(&x, "rule-a", 7), "");
	assert_string_equal(why(&x, "rule-b", 7), "");
	assert_string_equal(why(&x, "rule-c", 9), "in a block comment");
	assert_string_equal(why(&x, "rule-c", 12), "in a block comment");
	assert_string_equal(why(&x, "rule-c", 13), "");
	sup_free(&x);
}

static void test_file_level(void **state)
{
	(void)state;
	struct sup x;
	parse(&x, FK_C,
	      "a();\n"
	      "b(); // etsilint-ignore-file gets-call, t-two: vendored code\n"
	      "c();\n");
	assert_int_equal(x.s.n, 2);
	for (unsigned l = 1; l <= 500; l += 7) {
		assert_string_equal(why(&x, "gets-call", l), "vendored code");
		assert_string_equal(why(&x, "t-two", l), "vendored code");
	}
	assert_string_equal(why(&x, "gets", 1), "");
	assert_true(x.s.v[0].file);
	sup_free(&x);
	/* "-file" must be followed by a blank: etsilint-ignore-files is no keyword. */
	parse(&x, FK_C, "// etsilint-ignore-files gets-call: no\n");
	assert_int_equal(x.s.n, 0);
	sup_free(&x);
}

static void test_several_ids(void **state)
{
	(void)state;
	struct sup x;
	parse(&x, FK_C, "f(); // etsilint-ignore a-rule,b-rule ,  c.rule_2 : shared reason\n");
	assert_int_equal(x.s.n, 3);
	assert_string_equal(x.s.v[0].rule, "a-rule");
	assert_string_equal(x.s.v[1].rule, "b-rule");
	assert_string_equal(x.s.v[2].rule, "c.rule_2");
	for (size_t i = 0; i < 3; i++)
		assert_string_equal(x.s.v[i].reason, "shared reason");
	sup_free(&x);
}

static void test_missing_reason_suppresses_nothing(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"gets(b); // etsilint-ignore gets-call\n",
		"gets(b); // etsilint-ignore gets-call:\n",
		"gets(b); // etsilint-ignore gets-call:   \t\n",
		"gets(b); /* etsilint-ignore gets-call: */\n",
		"gets(b); /* etsilint-ignore gets-call */ // : not the same comment\n",
		"gets(b); // etsilint-ignore gets-call because: words before the colon\n",
		"gets(b); // etsilint-ignore gets-call, : empty id\n",
		"gets(b); // etsilint-ignore: no id\n",
		"gets(b); // etsilint-ignore\n",
		"gets(b); // xetsilint-ignore gets-call: glued to a word\n",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		struct sup x;
		parse(&x, FK_C, bad[i]);
		if (*why(&x, "gets-call", 1))
			fprintf(stderr, "suppressed by: %s", bad[i]);
		assert_string_equal(why(&x, "gets-call", 1), "");
		sup_free(&x);
	}
	/* The entry is kept, without a reason. */
	struct sup x;
	parse(&x, FK_C, "gets(b); // etsilint-ignore gets-call\n");
	assert_int_equal(x.s.n, 1);
	assert_null(x.s.v[0].reason);
	sup_free(&x);
}

static void test_crlf(void **state)
{
	(void)state;
	struct sup x;
	parse(&x, FK_C,
	      "// etsilint-ignore gets-call: crlf reason\r\n"
	      "gets(b);\r\n"
	      "gets(b); // etsilint-ignore t-two: same line\r\n"
	      "gets(b); // etsilint-ignore t-three:\r\n");
	assert_string_equal(why(&x, "gets-call", 2), "crlf reason"); /* no '\r' kept */
	assert_string_equal(why(&x, "t-two", 3), "same line");
	assert_string_equal(why(&x, "t-three", 4), ""); /* "\r" is no reason */
	sup_free(&x);
	/* '#' comments with CRLF, the file form too. */
	parse(&x, FK_KCONFIG,
	      "# etsilint-ignore esp-jtag-allowed: dev board\r\n"
	      "CONFIG_SECURE_BOOT_ALLOW_JTAG=y\r\n"
	      "CONFIG_X=y # etsilint-ignore-file t-x: whole file\r\n");
	assert_string_equal(why(&x, "esp-jtag-allowed", 2), "dev board");
	assert_string_equal(why(&x, "t-x", 1), "whole file");
	sup_free(&x);
}

static void test_hash_comments(void **state)
{
	(void)state;
	struct sup x;
	parse(&x, FK_MAKE,
	      "# etsilint-ignore hardening-flags-disabled: boot ROM stub\n" /* 1 */
	      "# etsilint-ignore pie-disabled: also the stub\n"            /* 2 */
	      "STUB_CFLAGS += -fno-stack-protector -no-pie\n"              /* 3 */
	      "MSG = \"# etsilint-ignore t-str: in a string\"\n"           /* 4 */
	      "X = 1 // etsilint-ignore t-slash: not a make comment\n");   /* 5 */
	assert_string_equal(why(&x, "hardening-flags-disabled", 3), "boot ROM stub");
	assert_string_equal(why(&x, "pie-disabled", 3), "also the stub");
	assert_string_equal(why(&x, "t-str", 4), "");
	assert_string_equal(why(&x, "t-slash", 5), "");
	sup_free(&x);
	/* A Kconfig "# KEY is not set" line is comment-only: covered by the run. */
	parse(&x, FK_KCONFIG,
	      "# etsilint-ignore esp-secure-boot-disabled: development board\n"
	      "# CONFIG_SECURE_BOOT is not set\n");
	assert_string_equal(why(&x, "esp-secure-boot-disabled", 2), "development board");
	sup_free(&x);
	/* In C, '#' is no comment and "//" in a string is none either. */
	parse(&x, FK_C,
	      "#define A 1 # etsilint-ignore t-a: no\n"
	      "puts(\"// etsilint-ignore t-b: no\"); puts('\"');\n"
	      "puts(\"\\\" /* \"); // etsilint-ignore t-c: yes\n");
	assert_string_equal(why(&x, "t-a", 1), "");
	assert_string_equal(why(&x, "t-b", 2), "");
	assert_string_equal(why(&x, "t-c", 3), "yes");
	sup_free(&x);
	/* Device trees use C comments. */
	parse(&x, FK_DTS, "\tstatus = \"okay\"; /* etsilint-ignore t-d: lab board */\n");
	assert_string_equal(why(&x, "t-d", 1), "lab board");
	sup_free(&x);
}

static void test_prefix_ids(void **state)
{
	(void)state;
	struct sup x;
	parse(&x, FK_C,
	      "gets(b); // etsilint-ignore gets: the short id\n"
	      "gets(b); // etsilint-ignore gets-call-extra: the long id\n"
	      "gets(b); // etsilint-ignore gets-call: the exact id\n");
	assert_string_equal(why(&x, "gets-call", 1), "");
	assert_string_equal(why(&x, "gets", 1), "the short id");
	assert_string_equal(why(&x, "gets-call", 2), "");
	assert_string_equal(why(&x, "gets-call-extra", 2), "the long id");
	assert_string_equal(why(&x, "gets-call", 3), "the exact id");
	assert_string_equal(why(&x, "gets", 3), "");
	sup_free(&x);
}

static void test_no_keyword_no_entries(void **state)
{
	(void)state;
	struct sup x;
	parse(&x, FK_C, "int main(void) { return 0; } // nothing to see\n");
	assert_int_equal(x.s.n, 0);
	sup_free(&x);
	parse(&x, FK_C, "");
	assert_int_equal(x.s.n, 0);
	sup_free(&x);
	/* An unterminated block comment or string does not run off the line. */
	parse(&x, FK_C, "/* etsilint-ignore t-a: open\n\"etsilint-ignore t-b: x\n");
	assert_string_equal(why(&x, "t-a", 1), "open");
	assert_string_equal(why(&x, "t-a", 2), "open"); /* a comment-only line */
	assert_string_equal(why(&x, "t-b", 2), "x");    /* still in the comment */
	sup_free(&x);
}

/* ---- through the engine, with the meta rule of the real pack ---- */

#define GETS_RULE                                            \
	"  - id: t-gets\n"                                   \
	"    title: gets used\n"                             \
	"    message: gets\n"                                \
	"    severity: critical\n"                           \
	"    provisions: [5.13-1]\n"                         \
	"    cwe: [242]\n"                                   \
	"    remediation: Use fgets.\n"                      \
	"    match: {call: {name: gets}}\n"                  \
	"  - id: t-gets-x\n"                                 \
	"    title: gets used (a rule whose id extends t-gets)\n" \
	"    message: gets\n"                                \
	"    severity: low\n"                                \
	"    provisions: [5.13-1]\n"                         \
	"    cwe: [242]\n"                                   \
	"    remediation: Use fgets.\n"                      \
	"    match: {call: {name: gets}}\n"

/* rules/meta.yaml followed by the test rules, as one pack. */
static void setup_meta_pack(struct fixture *fx)
{
	char *meta;
	size_t len;
	assert_int_equal(util_read_file(SRCDIR "/rules/meta.yaml", 0, &meta, &len), 0);
	char *yaml = xasprintf("%s%s", meta, GETS_RULE);
	setup_pack(fx, yaml);
	free(yaml);
	free(meta);
	assert_non_null(rulepack_find(&fx->pack, "suppression-without-reason"));
}

/* Returned by find() for no finding (never NULL, to keep -Wnull-dereference quiet). */
static const struct finding none;

static const struct finding *find(const struct fixture *fx, const char *rule, unsigned line)
{
	for (size_t i = 0; i < fx->out.n; i++)
		if (strcmp(fx->out.v[i].rule->id, rule) == 0 && fx->out.v[i].line == line)
			return &fx->out.v[i];
	return &none;
}

static void test_engine_marks_findings(void **state)
{
	(void)state;
	struct fixture fx;
	setup_meta_pack(&fx);
	scan(&fx, "void f(char *b)\n"                                       /* 1 */
		  "{\n"                                                     /* 2 */
		  "\tgets(b); // etsilint-ignore t-gets: jig vectors\n"     /* 3 */
		  "\t// etsilint-ignore t-gets, t-gets-x: both, line above\n" /* 4 */
		  "\tgets(b);\n"                                            /* 5 */
		  "\tgets(b); /* etsilint-ignore t-gets */\n"               /* 6 */
		  "}\n");
	const struct finding *f;
	assert_ptr_not_equal(f = find(&fx, "t-gets", 3), &none);
	assert_true(f->suppressed);
	assert_string_equal(f->justification, "jig vectors");
	assert_ptr_not_equal(f = find(&fx, "t-gets-x", 3), &none); /* t-gets is not t-gets-x */
	assert_false(f->suppressed);
	assert_null(f->justification);
	assert_ptr_not_equal(f = find(&fx, "t-gets", 5), &none);
	assert_true(f->suppressed);
	assert_ptr_not_equal(f = find(&fx, "t-gets-x", 5), &none);
	assert_true(f->suppressed);
	assert_string_equal(f->justification, "both, line above");
	assert_ptr_not_equal(f = find(&fx, "t-gets", 6), &none); /* no reason: not suppressed */
	assert_false(f->suppressed);
	assert_ptr_not_equal(f = find(&fx, "suppression-without-reason", 6), &none);
	assert_int_equal(f->col, 14);
	assert_ptr_equal(find(&fx, "suppression-without-reason", 3), &none);
	assert_ptr_equal(find(&fx, "suppression-without-reason", 4), &none);
	assert_int_equal(fx.out.n, 7);
	/* Only unsuppressed findings count for the exit status. */
	assert_int_equal(findings_count_at_least(&fx.out, SEV_CRITICAL), 1);
	assert_int_equal(findings_count_at_least(&fx.out, SEV_INFO), 4);
	fixture_free(&fx);
}

/* The parser and the data rule agree: a comment is reported by the rule
 * exactly when it holds the keyword but no applicable suppression. */
static void test_meta_rule_agrees_with_parser(void **state)
{
	(void)state;
	static const struct {
		unsigned kind;
		const char *path, *line;
		int good; /* the parser finds a suppression with a reason */
	} cases[] = {
		{FK_C, "a.c", "x(); // etsilint-ignore t-gets: ok\n", 1},
		{FK_C, "a.c", "x(); /* etsilint-ignore t-gets, t-gets-x : ok */\n", 1},
		{FK_C, "a.c", "x(); // etsilint-ignore-file t-gets: ok\n", 1},
		{FK_C, "a.c", "x(); // etsilint-ignore t-gets\n", 0},
		{FK_C, "a.c", "x(); // etsilint-ignore t-gets:\n", 0},
		{FK_C, "a.c", "x(); /* etsilint-ignore t-gets: */\n", 0},
		{FK_C, "a.c", "x(); /* etsilint-ignore t-gets:*/ y();\n", 0},
		{FK_C, "a.c", "x(); // etsilint-ignore-file t-gets\n", 0},
		{FK_C, "a.c", "x(); // etsilint-ignore: why\n", 0},
		{FK_C, "a.c", "x(); // etsilint-ignore\n", 0},
		{FK_C, "a.c", "x(); // etsilint-ignore t-gets t-gets-x: two words\n", 0},
		{FK_C, "a.c", "x(); // etsilint-ignore t-gets,: dangling comma\n", 0},
		{FK_KCONFIG, "sdkconfig", "# etsilint-ignore esp-jtag-allowed: dev\n", 1},
		{FK_KCONFIG, "sdkconfig", "# etsilint-ignore esp-jtag-allowed\r\n", 0},
		{FK_MAKE, "Makefile", "X = 1 # etsilint-ignore-file a,b: r\n", 1},
		{FK_MAKE, "Makefile", "X = 1 # etsilint-ignore-file a,b\n", 0},
	};
	struct fixture fx;
	setup_meta_pack(&fx);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct sup x;
		parse(&x, cases[i].kind, cases[i].line);
		int good = x.s.n > 0 && x.s.v[0].reason != NULL;
		sup_free(&x);
		scan_as(&fx, cases[i].path, cases[i].kind, cases[i].line);
		int reported = find(&fx, "suppression-without-reason", 1) != &none;
		if (good != cases[i].good || reported == good)
			fprintf(stderr, "case %zu: parser %d, rule %d: %s", i, good, reported,
				cases[i].line);
		assert_int_equal(good, cases[i].good);
		assert_int_equal(reported, !good);
	}
	fixture_free(&fx);
}

/* ---- the results cache carries the suppression ---- */

static void test_cache_round_trip(void **state)
{
	(void)state;
	struct fixture fx;
	setup_meta_pack(&fx);
	char dir[] = "/tmp/etsilint-suppress-XXXXXX";
	assert_non_null(mkdtemp(dir));
	struct cache *c = cache_open(dir, NULL, &fx.d);
	assert_non_null(c);
	const char *src = "void f(char *b)\n{\n\tgets(b); // etsilint-ignore t-gets: \"quoted\" reason\n}\n";
	struct scan_stats st = {0};
	struct scan_config cfg = {.jobs = 1, .cache = c, .stats = &st};
	struct findings first = {0}, second = {0};
	engine_scan_buffer(&fx.pack, "src/a.c", FK_C, src, strlen(src), &cfg, &first, &fx.d);
	engine_scan_buffer(&fx.pack, "src/a.c", FK_C, src, strlen(src), &cfg, &second, &fx.d);
	assert_int_equal(st.cached, 1); /* the second scan came from the cache */
	findings_finish(&first);
	findings_finish(&second);
	assert_int_equal(first.n, 2);
	assert_int_equal(second.n, 2);
	for (size_t i = 0; i < first.n; i++) {
		assert_ptr_equal(first.v[i].rule, second.v[i].rule);
		assert_int_equal(first.v[i].suppressed, second.v[i].suppressed);
		if (first.v[i].suppressed) {
			assert_string_equal(first.v[i].justification, "\"quoted\" reason");
			assert_string_equal(second.v[i].justification, "\"quoted\" reason");
		} else {
			assert_null(second.v[i].justification);
		}
		assert_string_equal(first.v[i].fingerprint, second.v[i].fingerprint);
	}
	findings_free(&first);
	findings_free(&second);
	cache_close(c);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	fixture_free(&fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_line),
		cmocka_unit_test(test_line_above),
		cmocka_unit_test(test_file_level),
		cmocka_unit_test(test_several_ids),
		cmocka_unit_test(test_missing_reason_suppresses_nothing),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_hash_comments),
		cmocka_unit_test(test_prefix_ids),
		cmocka_unit_test(test_no_keyword_no_entries),
		cmocka_unit_test(test_engine_marks_findings),
		cmocka_unit_test(test_meta_rule_agrees_with_parser),
		cmocka_unit_test(test_cache_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
