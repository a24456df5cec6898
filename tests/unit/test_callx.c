/* test_callx.c - the `call` matcher parameters that keep it quiet on real code
 * (in-macro, max-args, not-ident-regex, expr-regex, before, not-before, any,
 * literals in shapes the front end does not join, calls in functions a macro
 * defines at file scope) and the rule key
 * paths.exclude-trees (rulepack_bind_files), end to end: a rule pack loaded
 * from a string, one in-memory file scanned, exact findings asserted. */
#include "testscan.h"

#include <stdio.h>
#include <stdlib.h>

#include "classify.h"
#include "diag.h"
#include "engine.h"
#include "finding.h"
#include "rule.h"
#include "util.h"

/* The fixed part of a rule; MATCH is the YAML of its `match:` value. */
#define RULE(ID, EXTRA, MATCH)                                             \
	"  - id: " ID "\n"                                                 \
	"    title: Test rule " ID "\n"                                    \
	"    message: 'callee={callee} value={value}'\n"                   \
	"    severity: medium\n"                                           \
	"    provisions: [5.13-1]\n"                                       \
	"    cwe: [134]\n"                                                 \
	"    remediation: Fix it.\n"                                       \
	EXTRA                                                              \
	"    match:\n"                                                     \
	MATCH

/* A call made inside a function-like macro's expansion is reported at the
 * macro's use site with the macro's arguments: in-macro: false skips it. */
static void test_in_macro(void **state)
{
	(void)state;
	struct fixture fx;
	setup_pack(&fx, "rules:\n"
		   RULE("fmt", "", "      call: { name: printf, in-macro: false, args: [ { index: 0, not-string: '.*' } ] }\n")
		   RULE("fmt-any", "", "      call: { name: printf, args: [ { index: 0, not-string: '.*' } ] }\n"));
	scan(&fx, "int printf(const char *, ...);\n"                                   /* 1 */
		  "#define dev_err(dev, fmt, ...) printf(\"%s: \" fmt, \"x\", ##__VA_ARGS__)\n"
		  "#define CHECK(e) do { if (!(e)) printf(\"failed at %d\\n\", __LINE__); } while (0)\n"
		  "int g(void);\n"                                                       /* 4 */
		  "void f(int dev, const char *user) {\n"                                /* 5 */
		  "\tdev_err(dev, \"code %d\\n\", 1);\n"                                 /* 6 */
		  "\tCHECK(g());\n"                                                      /* 7 */
		  "\tprintf(user);\n"                                                    /* 8 */
		  "}\n");
	ASSERT_FINDINGS(&fx, { "fmt-any", 6, 2 }, { "fmt-any", 7, 2 }, { "fmt", 8, 2 },
			{ "fmt-any", 8, 2 });
	fixture_free(&fx);
}

/* max-args: printf(fmt, x) passes arguments to a format on purpose. */
static void test_max_args(void **state)
{
	(void)state;
	struct fixture fx;
	setup_pack(&fx, "rules:\n"
		   RULE("fmt", "", "      call: { name: printf, max-args: 1, args: [ { index: 0, not-string: '.*' } ] }\n")
		   RULE("none", "", "      call: { name: h, max-args: 0 }\n"));
	scan(&fx, "int printf(const char *, ...);\n"
		  "void h();\n"
		  "void f(const char *fmt, const char *user, int n) {\n" /* 3 */
		  "\tprintf(user);\n"                                    /* 4 */
		  "\tprintf(fmt, n);\n"                                  /* 5: no */
		  "\th();\n"                                             /* 6 */
		  "\th(n);\n"                                            /* 7: no */
		  "}\n");
	ASSERT_FINDINGS(&fx, { "fmt", 4, 2 }, { "none", 6, 2 });
	fixture_free(&fx);
}

/* A conditional whose branches are string literals is a string literal to
 * string and not-string (all its branches must match); not-ident-regex. */
static void test_cond_literals_and_not_ident_regex(void **state)
{
	(void)state;
	struct fixture fx;
	setup_pack(&fx, "rules:\n"
		   RULE("fmt", "", "      call: { name: printf, args: [ { index: 0, not-string: '.*', not-ident-regex: '(?-i)^[A-Z][A-Z0-9_]*$' } ] }\n")
		   RULE("pct", "", "      call: { name: puts, args: [ { index: 0, string: '%' } ] }\n"));
	scan(&fx, "int printf(const char *, ...);\n"
		  "int puts(const char *);\n"
		  "void f(int x, const char *user, const char *Prompt, struct c *cfg) {\n" /* 3 */
		  "\tprintf(x ? \"failed\" : \"passed\");\n"                            /* 4: no */
		  "\tprintf((x ? \"%-11s %4u\" : \"%-11s all\"));\n"                    /* 5: no */
		  "\tprintf(x > 1 ? \"a\" : x ? \"b\" \"c\" : \"d\");\n"                /* 6: no */
		  "\tprintf(x ? \"a\" : user);\n"                                       /* 7 */
		  "\tprintf(SEQ_CLEAR_SCREEN);\n"                                       /* 8: no */
		  "\tprintf(Prompt);\n"                                                 /* 9 */
		  "\tputs(x ? \"100%\" : \"50%\");\n"                                   /* 10 */
		  "\tputs(x ? \"100%\" : \"half\");\n"                                  /* 11: no */
		  "\tputs(\"a:b\" ? \"%\" : \"%\");\n"                                  /* 12 */
		  "\tprintf(HOME CLEAR);\n"                                          /* 13: no */
		  "\tprintf(HOME user);\n"                                           /* 14 */
		  "\tprintf(cfg->BANNER);\n"                                         /* 15: no */
		  "\tprintf(cfg->banner);\n"                                         /* 16 */
		  "}\n");
	ASSERT_FINDINGS(&fx, { "fmt", 7, 2 }, { "fmt", 9, 2 }, { "pct", 10, 2 }, { "pct", 12, 2 },
			{ "fmt", 14, 2 }, { "fmt", 16, 2 });
	fixture_free(&fx);
}

/* expr-regex: the argument's tokens joined ("out+2*i"); any: alternatives,
 * each with its own names and arguments. */
static void test_any_expr(void **state)
{
	(void)state;
	struct fixture fx;
	setup_pack(&fx, "rules:\n"
		   RULE("copy", "",
			"      call:\n"
			"        in-macro: false\n"
			"        any:\n"
			"          - name: [strcpy, strcat]\n"
			"            args: [ { index: 1, not-string: '' } ]\n"
			"          - name: sprintf\n"
			"            args: [ { index: 1, not-string: '^(?:[^%]|%%|%[0-9]*[dux])*$' } ]\n"
			"          - name: sprintf\n"
			"            args: [ { index: 0, expr-regex: '\\+|-(?!>)|^&.*\\[' } ]\n"));
	scan(&fx, "char *strcpy(char *, const char *);\n"
		  "char *strcat(char *, const char *);\n"
		  "int sprintf(char *, const char *, ...);\n"
		  "struct s { char name[8]; };\n"                        /* 4 */
		  "void f(char *d, const char *src, struct s *p, int i) {\n"
		  "\tstrcpy(d, \"dev\");\n"                              /* 6: no */
		  "\tstrcat(d, src);\n"                                  /* 7 */
		  "\tsprintf(d, \"eth%daddr\", i);\n"                    /* 8: no */
		  "\tsprintf(d, \"%s.old\", src);\n"                     /* 9 */
		  "\tsprintf(d + 2 * i, \"%02x\", i);\n"                 /* 10 */
		  "\tsprintf(&d[i], \"%u\", i);\n"                       /* 11 */
		  "\tsprintf(p->name, \"%u\", i);\n"                     /* 12: no */
		  "\td += sprintf(d, \"%u \", i);\n"                     /* 13: no */
		  "\ti = sprintf(d, \"%u \", i);\n"                      /* 14: no */
		  "\tsprintf(d, src, i);\n"                              /* 15 */
		  "}\n");
	ASSERT_FINDINGS(&fx, { "copy", 7, 2 }, { "copy", 9, 2 }, { "copy", 10, 2 }, { "copy", 11, 2 },
			{ "copy", 15, 2 });
	fixture_free(&fx);
}

/* before / not-before: a regex on the lines before the call in the same
 * function (and its own line up to the callee), {argN} the argument's text. */
static void test_before(void **state)
{
	(void)state;
	struct fixture fx;
	setup_pack(&fx, "rules:\n"
		   RULE("built", "",
			"      call:\n"
			"        name: system\n"
			"        before: { lines: 3, pattern: '\\bsnprintf\\s*\\(\\s*{arg0}\\s*,' }\n")
		   RULE("unmeasured", "",
			"      call:\n"
			"        name: strcpy\n"
			"        not-before: { lines: 5, pattern: '\\bstrlen\\s*\\(\\s*{arg1}\\s*\\)' }\n"));
	scan(&fx, "int system(const char *);\n"                                   /* 1 */
		  "int snprintf(char *, unsigned long, const char *, ...);\n"
		  "char *strcpy(char *, const char *);\n"
		  "unsigned long strlen(const char *);\n"                            /* 4 */
		  "struct c { char *cmd; };\n"
		  "void f(char *cmd, const char *host, struct c *c) {\n"            /* 6 */
		  "\tsnprintf(cmd, 64, \"ping %s\", host);\n"                      /* 7 */
		  "\tsystem(cmd);\n"                                                /* 8 */
		  "\tsnprintf( c->cmd , 64, \"ping %s\", host);\n"                 /* 9 */
		  "\tsystem(c->cmd);\n"                                             /* 10 */
		  "\tsystem(host);\n"                                               /* 11: no */
		  "}\n"                                                             /* 12 */
		  "void g(char *cmd) {\n"                                           /* 13 */
		  "\tsystem(cmd);\n"                                                /* 14: no, f ended */
		  "}\n"
		  "void h(char *d, const char *s, const char *s2) {\n"              /* 16 */
		  "\tif (strlen(s) >= 16)\n"
		  "\t\treturn;\n"
		  "\tstrcpy(d, s);\n"                                               /* 19: no */
		  "\tstrcpy(d, s2);\n"                                              /* 20 */
		  "\tstrcpy(d, \"lit\");\n"                                         /* 21: no argument text */
		  "}\n");
	ASSERT_FINDINGS(&fx, { "built", 8, 2 }, { "built", 10, 2 }, { "unmeasured", 20, 2 },
			{ "unmeasured", 21, 2 });
	fixture_free(&fx);
}

/* after / not-after: a regex on the lines after the call up to the end of its
 * function (and its own last line from the end of the call). */
static void test_after(void **state)
{
	(void)state;
	struct fixture fx;
	setup_pack(&fx, "rules:\n"
		   RULE("used", "",
			"      call:\n"
			"        name: memset\n"
			"        after: { lines: 2, pattern: '\\bcbc\\s*\\(\\s*{arg0}\\s*[,)]' }\n")
		   RULE("zero", "",
			"      call:\n"
			"        name: memset\n"
			"        not-after: { lines: 3, pattern: '\\bone_block\\s*\\(\\s*{arg0}\\s*,' }\n"));
	scan(&fx, "void *memset(void *, int, unsigned long);\n"              /* 1 */
		  "void cbc(unsigned char *);\n"
		  "void one_block(unsigned char *, unsigned char *);\n"
		  "void f(unsigned char *iv, unsigned char *h) {\n"           /* 4 */
		  "\tmemset(iv, 0, 16); cbc(iv);\n"                          /* 5: used, zero */
		  "\tmemset(h, 0, 16);\n"                                    /* 6: zero */
		  "\tmemset(iv, 0, 16);\n"                                   /* 7: zero (one_block 4 lines on) */
		  "\n"
		  "\tcbc(iv);\n"                                             /* 9 */
		  "\n"
		  "\tone_block(iv, h);\n"                                    /* 11 */
		  "\tmemset(iv,\n"                                           /* 12: no: one_block */
		  "\t       0, 16); one_block(iv, h);\n"
		  "\tmemset(iv, 0, 16);\n"                                   /* 14: zero, not used: f ends */
		  "}\n"                                                       /* 15 */
		  "void g(unsigned char *iv) {\n"
		  "\tcbc(iv);\n"
		  "}\n");
	ASSERT_FINDINGS(&fx, { "used", 5, 2 }, { "zero", 5, 2 }, { "zero", 6, 2 }, { "used", 7, 2 },
			{ "zero", 7, 2 }, { "zero", 14, 2 });
	fixture_free(&fx);
}

/* The lines of a before/after window are matched as one text: a pattern can
 * follow a statement over several lines, and ^ / $ match at each line. */
static void test_context_text(void **state)
{
	(void)state;
	struct fixture fx;
	setup_pack(&fx, "rules:\n"
		   RULE("host", "",
			"      call:\n"
			"        name: system\n"
			"        before: { lines: 5, pattern: '\\bsnprintf\\s*\\(\\s*{arg0}\\s*,[^;]*\\bhost\\s*\\)' }\n")
		   RULE("branch", "",
			"      call:\n"
			"        name: system\n"
			"        not-before: { lines: 1, pattern: '^\\s*else$' }\n"));
	scan(&fx, "int system(const char *);\n"                                   /* 1 */
		  "int snprintf(char *, unsigned long, const char *, ...);\n"
		  "void f(char *cmd, const char *host, int on) {\n"                 /* 3 */
		  "\tsnprintf(cmd, 64,\n"
		  "\t\t\"ping %s\",\n"
		  "\t\thost);\n"
		  "\tif (on)\n"                                                    /* 7 */
		  "\t\tsystem(cmd);\n"                                            /* 8: host, branch */
		  "\telse\n"
		  "\t\tsystem(cmd);\n"                                            /* 10: no, snprintf( is 6 lines up */
		  "\tsystem(\"else\");\n"                                        /* 11: branch */
		  "}\n");
	ASSERT_FINDINGS(&fx, { "branch", 8, 3 }, { "host", 8, 3 }, { "branch", 11, 2 });
	fixture_free(&fx);
}

/* conversion: the argument must be converted with one of the letters by the
 * call's literal format (matched from the end when the counts differ). */
static void test_conversion(void **state)
{
	(void)state;
	struct fixture fx;
	setup_pack(&fx, "rules:\n"
		   RULE("logged", "",
			"      call:\n"
			"        name: log_msg\n"
			"        args: [ { index: any, conversion: 'sd', ident-regex: 'password$' } ]\n"));
	scan(&fx, "void log_msg(int level, const char *fmt, ...);\n"          /* 1 */
		  "void f(const char *password, int n, void *p) {\n"
		  "\tlog_msg(1, \"pw %s\", password);\n"                      /* 3 */
		  "\tlog_msg(1, \"at %p\", password);\n"                      /* 4: no */
		  "\tlog_msg(1, \"%*d %p\", n, n, password);\n"               /* 5: no, the 3rd is %p */
		  "\tlog_msg(1, \"%d %s\", n, password);\n"                   /* 6 */
		  "\tlog_msg(1, \"%% %s\", password);\n"                      /* 7 */
		  "\tlog_msg(1, \"x\" Y \" %p\", p, n, password);\n"        /* 8: no, from the end */
		  "\tlog_msg(1, password);\n"                                   /* 9: no format literal */
		  "}\n");
	ASSERT_FINDINGS(&fx, { "logged", 3, 2 }, { "logged", 6, 2 }, { "logged", 7, 2 }, { "logged", 9, 2 });
	fixture_free(&fx);
}

/* Literals in shapes the front end does not join: translated (_("...")),
 * interrupted by preprocessor directives, joined with several macros, with
 * a constant offset, and constant strings of the file (const char x[] = "..."). */
static void test_literal_shapes(void **state)
{
	(void)state;
	struct fixture fx;
	setup_pack(&fx, "rules:\n"
		   RULE("fmt", "", "      call: { name: printf, args: [ { index: 0, not-string: '.*' } ] }\n")
		   RULE("pct", "", "      call: { name: puts, args: [ { index: 0, string: '%' } ] }\n"));
	scan(&fx, "int printf(const char *, ...);\n"
		  "int puts(const char *);\n"
		  "void f(const char *user, int i) {\n"          /* 3 */
		  "\tprintf(_(\"Restarting...\\n\"));\n"       /* 4: no */
		  "\tprintf(\"usage: fw [-h]\\n\"\n"            /* 5: no */
		  "#ifdef CONFIG_FW_DEBUG\n"
		  "\t       \"  -d  debug\\n\"\n"
		  "#endif\n"
		  "\t       \"  -v  version\\n\");\n"
		  "\tprintf(\": \" ERR_FMT ERR_ARG);\n"           /* 10: no */
		  "\tprintf(_(user));\n"                         /* 11 */
		  "\tprintf(\"a\" + i);\n"                       /* 12 */
		  "\tputs(_(\"100%\"));\n"                       /* 13 */
		  "\tprintf(\"Non-authoritative answer:\\n\" + 4);\n" /* 14: no */
		  "\tprintf(banner);\n"                          /* 15: no */
		  "\tprintf(msg);\n"                             /* 16 */
		  "\tputs(pct);\n"                               /* 17 */
		  "}\n"
		  "static const char banner[] =\n"
		  "\t\"Acme gateway \" \"v2\\n\";\n"
		  "static const char *msg = \"changes\";\n"
		  "static const char *const pct = \"100%\";\n");
	ASSERT_FINDINGS(&fx, { "fmt", 11, 2 }, { "fmt", 12, 2 }, { "pct", 13, 2 }, { "fmt", 16, 2 },
			{ "pct", 17, 2 });
	fixture_free(&fx);
}

/* paths.exclude-trees: the folders holding a marker file in the bound file
 * list, and everything under them, are not checked by the rule. */
static void test_exclude_trees(void **state)
{
	(void)state;
	struct fixture fx;
	setup_pack(&fx, "rules:\n"
		   RULE("md5", "    paths:\n      exclude-trees: [library/ssl_tls.c, sandbox_defconfig]\n",
			"      call: { name: MD5 }\n")
		   RULE("md5-all", "", "      call: { name: MD5 }\n"));
	const char *src = "void MD5(const void *, unsigned long, unsigned char *);\n"
			  "void f(const void *p, unsigned long n, unsigned char *o) { MD5(p, n, o); }\n";
	static const char *const files[] = {
		"third_party/mbedtls/library/ssl_tls.c", "third_party/mbedtls/library/md5.c",
		"u-boot/configs/sandbox_defconfig", "main/app.c", "library/ssl_tls.c.orig",
	};
	uint64_t before = fx.pack.hash;
	rulepack_bind_files(&fx.pack, files, ARRAY_LEN(files));
	assert_true(fx.pack.hash != before);
	scan_as(&fx, "third_party/mbedtls/library/md5.c", FK_C, src);
	ASSERT_FINDINGS(&fx, { "md5-all", 2, 60 });
	scan_as(&fx, "third_party/mbedtls/programs/hash.c", FK_C, src);
	ASSERT_FINDINGS(&fx, { "md5-all", 2, 60 });
	scan_as(&fx, "u-boot/configs/x.c", FK_C, src);
	ASSERT_FINDINGS(&fx, { "md5-all", 2, 60 });
	scan_as(&fx, "u-boot/board/x.c", FK_C, src);
	ASSERT_FINDINGS(&fx, { "md5", 2, 60 }, { "md5-all", 2, 60 });
	scan_as(&fx, "third_party/mbedtls2/x.c", FK_C, src);
	ASSERT_FINDINGS(&fx, { "md5", 2, 60 }, { "md5-all", 2, 60 });
	scan_as(&fx, "main/app.c", FK_C, src);
	ASSERT_FINDINGS(&fx, { "md5", 2, 60 }, { "md5-all", 2, 60 });

	/* The marker at the scan root: the whole tree is the library's. */
	static const char *const lib[] = { "library/ssl_tls.c", "programs/x.c" };
	rulepack_bind_files(&fx.pack, lib, ARRAY_LEN(lib));
	scan_as(&fx, "programs/x.c", FK_C, src);
	ASSERT_FINDINGS(&fx, { "md5-all", 2, 60 });

	/* Bound again without a marker: nothing excluded any more. */
	rulepack_bind_files(&fx.pack, files + 3, 1);
	scan_as(&fx, "programs/x.c", FK_C, src);
	ASSERT_FINDINGS(&fx, { "md5", 2, 60 }, { "md5-all", 2, 60 });
	fixture_free(&fx);
}

static void assert_load_fails(const char *yaml, const char *msg_part)
{
	struct fixture fx;
	int rc = load_pack(&fx, yaml);
	assert_int_equal(rc, -1);
	int found = 0;
	for (size_t i = 0; i < fx.d.n; i++)
		if (fx.d.v[i].level == DIAG_ERROR && fx.d.v[i].line > 0 &&
		    strstr(fx.d.v[i].msg, msg_part))
			found = 1;
	if (!found) {
		fprintf(stderr, "want an error containing '%s'\n", msg_part);
		dump_diag(&fx);
	}
	assert_true(found);
	fixture_free(&fx);
}

/* A function that a function-like macro defines at file scope (a template of
 * shims, DIGEST_ONCE(MD5) defining MD5_once) has no name in the source: its calls
 * have the enclosing function "". `any: [ {function: '.'}, {in-macro: false} ]`
 * keeps the calls in functions of the source, through macros or not, and drops
 * those; a negative `function` lookahead drops shims by name (MD5_Init). */
static void test_file_scope_macro_functions(void **state)
{
	(void)state;
	struct fixture fx;
	setup_pack(&fx, "rules:\n"
		   RULE("md5", "",
			"      call:\n"
			"        name: MD5_Init\n"
			"        function: '^(?!(?:\\w+_)?MD5_Init$)'\n"
			"        any:\n"
			"          - function: '.'\n"
			"          - in-macro: false\n")
		   RULE("md5-all", "", "      call: { name: MD5_Init }\n"));
	scan(&fx, "typedef struct { int s; } MD5_CTX;\n"                        /* 1 */
		  "int MD5_Init(MD5_CTX *);\n"
		  "int lib_md5_starts(MD5_CTX *);\n"
		  "#define DIGEST_ONCE(alg) \\\n"                                  /* 4 */
		  "\tstatic void alg##_once(void) { alg##_CTX c; alg##_Init(&c); }\n"
		  "DIGEST_ONCE(MD5)\n"                                             /* 6: md5-all only */
		  "#define START(c) MD5_Init(c)\n"
		  "int EVP_MD5_Init(MD5_CTX *c) { return MD5_Init(c); }\n"        /* 8: md5-all only */
		  "void use(void) {\n"                                             /* 9 */
		  "\tMD5_CTX c;\n"
		  "\tMD5_Init(&c);\n"                                              /* 11 */
		  "\tSTART(&c);\n"                                                 /* 12: through a macro, in use() */
		  "}\n");
	ASSERT_FINDINGS(&fx, { "md5-all", 6, 1 }, { "md5-all", 8, 39 }, { "md5", 11, 2 },
			{ "md5-all", 11, 2 }, { "md5", 12, 2 }, { "md5-all", 12, 2 });
	fixture_free(&fx);
}

static void test_params_errors(void **state)
{
	(void)state;
	assert_load_fails("rules:\n" RULE("r", "", "      call: { name: f, max-args: 65 }\n"), "'max-args'");
	assert_load_fails("rules:\n" RULE("r", "", "      call: { name: f, max-args: x }\n"), "'max-args'");
	assert_load_fails("rules:\n" RULE("r", "", "      call: { name: f, in-macro: perhaps }\n"), "'in-macro'");
	assert_load_fails("rules:\n" RULE("r", "", "      call: { any: [] }\n"), "'any'");
	assert_load_fails("rules:\n" RULE("r", "", "      call: { any: [f] }\n"), "'any' item");
	assert_load_fails("rules:\n" RULE("r", "", "      call: { any: [ { max-args: 1 } ] }\n"), "'name'");
	assert_load_fails("rules:\n" RULE("r", "", "      call: { name: f, any: [ { any: [ { name: g } ] } ] }\n"),
			  "cannot hold 'any'");
	assert_load_fails("rules:\n" RULE("r", "", "      call: { name: f, before: { pattern: '(' } }\n"), "");
	assert_load_fails("rules:\n" RULE("r", "", "      call: { name: f, before: { lines: 0, pattern: x } }\n"), "'lines'");
	assert_load_fails("rules:\n" RULE("r", "", "      call: { name: f, not-before: x }\n"), "'not-before'");
	assert_load_fails("rules:\n" RULE("r", "", "      call: { name: f, before: { lines: 3 } }\n"), "pattern");
	assert_load_fails("rules:\n" RULE("r", "", "      call: { name: f, after: { lines: 201, pattern: x } }\n"), "'lines'");
	assert_load_fails("rules:\n" RULE("r", "", "      call: { name: f, not-after: { line: 3, pattern: x } }\n"),
			  "unknown key 'line'");
	assert_load_fails("rules:\n" RULE("r", "", "      call: { name: f, not-aftr: { pattern: x } }\n"),
			  "unknown key 'not-aftr' in 'call'");
	assert_load_fails("rules:\n" RULE("r", "", "      call: { name: f, any: [ { nmae: g } ] }\n"),
			  "unknown key 'nmae' in 'call'");
	assert_load_fails("rules:\n" RULE("r", "", "      call: { name: f, args: [ { index: 0, strng: x } ] }\n"),
			  "unknown key 'strng' in an 'args' item");
	assert_load_fails("rules:\n" RULE("r", "", "      call: { name: f, args: [ { index: 0, expr-regex: '[' } ] }\n"), "");
	assert_load_fails("rules:\n" RULE("r", "    paths: { exclude-trees: ['**/x.c'] }\n", "      call: { name: f }\n"),
			  "'exclude-trees'");
	assert_load_fails("rules:\n" RULE("r", "    paths: { exclude-trees: ['../x.c'] }\n", "      call: { name: f }\n"),
			  "'exclude-trees'");
	assert_load_fails("rules:\n" RULE("r", "    paths: { exclude-trees: ['/x.c'] }\n", "      call: { name: f }\n"),
			  "'exclude-trees'");
	/* A name on the call applies to every alternative: then they need none. */
	struct fixture fx;
	setup_pack(&fx, "rules:\n" RULE("r", "", "      call: { name: f, any: [ { max-args: 1 }, { args: [ { index: 1, kind: int } ] } ] }\n"));
	scan(&fx, "void f();\nvoid g(int a) { f(a); f(a, 1); f(a, a); }\n");
	ASSERT_FINDINGS(&fx, { "r", 2, 17 }, { "r", 2, 23 });
	fixture_free(&fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_in_macro),
		cmocka_unit_test(test_max_args),
		cmocka_unit_test(test_cond_literals_and_not_ident_regex),
		cmocka_unit_test(test_any_expr),
		cmocka_unit_test(test_before),
		cmocka_unit_test(test_after),
		cmocka_unit_test(test_conversion),
		cmocka_unit_test(test_context_text),
		cmocka_unit_test(test_literal_shapes),
		cmocka_unit_test(test_exclude_trees),
		cmocka_unit_test(test_file_scope_macro_functions),
		cmocka_unit_test(test_params_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
