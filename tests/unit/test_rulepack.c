/* test_rulepack.c - rule file loading and validation, provisions, yparam. */
#include "testutil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <yaml.h>

#include "classify.h"
#include "diag.h"
#include "matcher.h"
#include "provisions.h"
#include "rule.h"
#include "util.h"
#include "yparam.h"

/* ---- helpers ---------------------------------------------------------- */

struct fx {
	struct rulepack pack;
	struct diag d;
	int rc;
};

static void fx_load(struct fx *f, const char *name, const char *text)
{
	f->rc = rulepack_load_string(&f->pack, name, text, strlen(text), &f->d);
}

static void fx_init(struct fx *f)
{
	memset(&f->pack, 0, sizeof f->pack);
	diag_init(&f->d);
	f->rc = 0;
}

static void fx_done(struct fx *f)
{
	rulepack_free(&f->pack);
	diag_free(&f->d);
}

/* The base rule, one key per line: line 2 holds "id", line 3 "title" ... */
static const char *const base_keys[][2] = {
	{"id", "test-rule"},
	{"title", "A test rule"},
	{"message", "\"{match} found\""},
	{"severity", "high"},
	{"provisions", "[5.4-3, 5.5-1]"},
	{"cwe", "[798, \"CWE-259\"]"},
	{"remediation", "Do not do that."},
	{"match", "{regex: {pattern: passw(or)?d}}"},
};
#define NBASE ARRAY_LEN(base_keys)

/* The base rule file without key `omit`, with `key` set to `value` (appended
 * when key is not a base key). NULLs: unchanged. New string. */
static char *mk_rule(const char *omit, const char *key, const char *value)
{
	struct sbuf b = {0};
	sbuf_adds(&b, "rules:\n");
	int first = 1, used = 0;
	for (size_t i = 0; i < NBASE; i++) {
		const char *k = base_keys[i][0], *v = base_keys[i][1];
		if (omit && strcmp(omit, k) == 0)
			continue;
		if (key && strcmp(key, k) == 0) {
			v = value;
			used = 1;
		}
		sbuf_addf(&b, "%s%s: %s\n", first ? "  - " : "    ", k, v);
		first = 0;
	}
	if (key && !used)
		sbuf_addf(&b, "    %s: %s\n", key, value);
	return sbuf_take(&b);
}

/* Line of key in mk_rule's output when nothing is omitted. */
static unsigned key_line(const char *key)
{
	for (size_t i = 0; i < NBASE; i++)
		if (strcmp(base_keys[i][0], key) == 0)
			return (unsigned)i + 2;
	return (unsigned)NBASE + 2;
}

/* Column of the value of key on its line. */
static unsigned value_col(const char *key)
{
	return 4 + (unsigned)strlen(key) + 2 + 1;
}

/* Load mk_rule(omit, key, value) and expect exactly one error at line:col
 * whose message contains `mention`. */
static void expect_one_error(const char *omit, const char *key, const char *value, unsigned line,
			     unsigned col, const char *mention)
{
	struct fx f;
	fx_init(&f);
	char *text = mk_rule(omit, key, value);
	fx_load(&f, "t.yaml", text);
	assert_int_equal(f.rc, -1);
	if (f.d.nerrors != 1) {
		for (size_t i = 0; i < f.d.n; i++)
			fprintf(stderr, "  %u:%u: %s\n", f.d.v[i].line, f.d.v[i].col, f.d.v[i].msg);
		print_error("text:\n%s", text);
	}
	assert_int_equal(f.d.nerrors, 1);
	assert_string_equal(f.d.v[0].path, "t.yaml");
	assert_int_equal(f.d.v[0].line, line);
	assert_int_equal(f.d.v[0].col, col);
	assert_non_null(strstr(f.d.v[0].msg, mention));
	assert_int_equal(f.pack.n, 0);
	free(text);
	fx_done(&f);
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char *p = path_join(dir, name);
	FILE *fp = fopen(p, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	free(p);
}

static void remove_file(const char *dir, const char *name)
{
	char *p = path_join(dir, name);
	unlink(p);
	free(p);
}

/* ---- valid rules -------------------------------------------------------- */

static void test_valid_rule_all_fields(void **state)
{
	(void)state;
	static const char text[] =
		"rules:\n"
		"  - id: hardcoded-password\n"
		"    title: Hard-coded password\n"
		"    message: \"{name} holds a hard-coded password\"\n"
		"    severity: critical\n"
		"    provisions: [5.1-1, 5.4-3]\n"
		"    cwe: [798, CWE-259, \"cwe-321\"]\n"
		"    applies-to: [c, header]\n"
		"    match:\n"
		"      regex:\n"
		"        pattern: 'password\\s*='\n"
		"    remediation: Provision credentials per device.\n"
		"    references: [https://example.org/a, https://example.org/b]\n"
		"    description: |\n"
		"      Longer text.\n"
		"    precision: medium\n"
		"    secret: true\n"
		"    paths: {include: ['*.c'], exclude: ['test_*'], exclude-trees: [VENDOR]}\n";
	struct fx f;
	fx_init(&f);
	fx_load(&f, "rules.yaml", text);
	assert_int_equal(f.rc, 0);
	assert_int_equal(f.d.nerrors, 0);
	assert_int_equal(f.pack.n, 1);
	const struct rule *r = f.pack.rules[0];
	assert_string_equal(r->id, "hardcoded-password");
	assert_string_equal(r->title, "Hard-coded password");
	assert_string_equal(r->message, "{name} holds a hard-coded password");
	assert_int_equal(r->severity, SEV_CRITICAL);
	assert_int_equal(r->nprovisions, 2);
	assert_string_equal(r->provisions[0], "5.1-1");
	assert_string_equal(r->provisions[1], "5.4-3");
	assert_int_equal(r->ncwe, 3);
	assert_int_equal(r->cwe[0], 798);
	assert_int_equal(r->cwe[1], 259);
	assert_int_equal(r->cwe[2], 321);
	assert_int_equal(r->kinds, FK_C | FK_HEADER);
	assert_non_null(r->ops);
	assert_string_equal(r->ops->name, "regex");
	assert_string_equal(r->remediation, "Provision credentials per device.");
	assert_int_equal(r->nreferences, 2);
	assert_string_equal(r->references[0], "https://example.org/a");
	assert_string_equal(r->references[1], "https://example.org/b");
	assert_string_equal(r->description, "Longer text.\n");
	assert_string_equal(r->precision, "medium");
	assert_int_equal(r->secret, 1);
	assert_string_equal(r->path_include[0], "*.c");
	assert_string_equal(r->path_exclude[0], "test_*");
	assert_string_equal(r->tree_markers[0], "VENDOR");
	assert_string_equal(r->file, "rules.yaml");
	assert_int_equal(r->line, 2);
	assert_int_equal(r->index, 0);
	assert_true(f.pack.hash != 0);
	assert_ptr_equal(rulepack_find(&f.pack, "hardcoded-password"), r);
	assert_null(rulepack_find(&f.pack, "nope"));
	fx_done(&f);
}

static void test_defaults(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	char *text = mk_rule(NULL, NULL, NULL);
	fx_load(&f, "t.yaml", text);
	assert_int_equal(f.rc, 0);
	assert_int_equal(f.d.nerrors, 0);
	assert_int_equal(f.pack.n, 1);
	const struct rule *r = f.pack.rules[0];
	assert_string_equal(r->description, "A test rule"); /* defaults to the title */
	assert_null(r->precision);
	assert_int_equal(r->secret, 0);
	assert_int_equal(r->nreferences, 0);
	assert_int_equal(r->kinds, r->ops->default_kinds);
	assert_int_equal(r->line, 2);
	assert_int_equal(r->cwe[1], 259);
	free(text);
	fx_done(&f);
}

static void test_all_matchers_sorted(void **state)
{
	(void)state;
	static const char text[] =
		"rules:\n"
		"  - id: z-regex\n"
		"    title: t\n    message: m\n    severity: low\n    provisions: [5.2-1]\n"
		"    cwe: [1]\n    remediation: r\n"
		"    match: {regex: {pattern: foo}}\n"
		"  - id: c-call\n"
		"    title: t\n    message: m\n    severity: high\n    provisions: [5.5-1]\n"
		"    cwe: [295]\n    remediation: r\n"
		"    match:\n"
		"      call:\n"
		"        name: [SSL_CTX_set_verify, SSL_set_verify]\n"
		"        args:\n"
		"          - { index: 1, ident: SSL_VERIFY_NONE, int: 0 }\n"
		"  - id: a-assign\n"
		"    title: t\n    message: m\n    severity: high\n    provisions: [5.4-3]\n"
		"    cwe: [798]\n    remediation: r\n    secret: yes\n"
		"    match: {assign: {name: 'pass(word)?'}}\n"
		"  - id: b-config.x\n"
		"    title: t\n    message: m\n    severity: medium\n    provisions: [5.6-4]\n"
		"    cwe: [1191]\n    remediation: r\n"
		"    match: {config: {key: CONFIG_GDBSTUB, value: '^y$'}}\n";
	struct fx f;
	fx_init(&f);
	fx_load(&f, "m.yaml", text);
	for (size_t i = 0; i < f.d.n; i++)
		fprintf(stderr, "  %u:%u: %s\n", f.d.v[i].line, f.d.v[i].col, f.d.v[i].msg);
	assert_int_equal(f.rc, 0);
	assert_int_equal(f.d.nerrors, 0);
	assert_int_equal(f.pack.n, 4);
	static const char *const order[] = {"a-assign", "b-config.x", "c-call", "z-regex"};
	static const char *const ops[] = {"assign", "config", "call", "regex"};
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(f.pack.rules[i]->id, order[i]);
		assert_string_equal(f.pack.rules[i]->ops->name, ops[i]);
		assert_int_equal(f.pack.rules[i]->index, i);
		assert_ptr_equal(rulepack_find(&f.pack, order[i]), f.pack.rules[i]);
	}
	assert_int_equal(f.pack.rules[0]->secret, 1);
	assert_int_equal(f.pack.rules[3]->line, 2);
	fx_done(&f);
}

/* A misspelt key would silently change a rule: unknown keys are errors, at
 * the top level, in a rule and in its paths. */
static void test_unknown_keys_rejected(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	char *text = mk_rule(NULL, "paths", "{include: ['*.c'], exlcude: ['x']}");
	char *full = xasprintf("schema: 2\n%s    x-future: {nested: [1, 2]}\nother-top: [a]\n", text);
	fx_load(&f, "t.yaml", full);
	assert_int_equal(f.rc, -1);
	assert_int_equal(f.pack.n, 0);
	assert_int_equal(f.d.nerrors, 4);
	diag_sort(&f.d);
	static const struct {
		unsigned line, col;
		const char *msg;
	} want[] = {
		{1, 1, "unknown key 'schema' at the top level of a rule file (known: rules)"},
		{11, 31, "rule 'test-rule': unknown key 'exlcude' in 'paths' (known: include, exclude, exclude-trees)"},
		{12, 5, "rule 'test-rule': unknown key 'x-future' (known: id, title,"},
		{13, 1, "unknown key 'other-top' at the top level"},
	};
	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		assert_int_equal(f.d.v[i].line, want[i].line);
		assert_int_equal(f.d.v[i].col, want[i].col);
		assert_non_null(strstr(f.d.v[i].msg, want[i].msg));
	}
	free(full);
	free(text);
	fx_done(&f);
}

static void test_empty_rules_list(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	fx_load(&f, "t.yaml", "rules: []\n");
	assert_int_equal(f.rc, 0);
	assert_int_equal(f.pack.n, 0);
	fx_done(&f);
}

/* ---- file structure errors ------------------------------------------ */

static void test_yaml_syntax_error(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	/* The second ':' on line 3 is not allowed there (column 15). */
	fx_load(&f, "bad.yaml", "rules:\n  - id: ok\n    title: a: b\n");
	assert_int_equal(f.rc, -1);
	assert_int_equal(f.d.nerrors, 1);
	assert_string_equal(f.d.v[0].path, "bad.yaml");
	assert_int_equal(f.d.v[0].line, 3);
	assert_int_equal(f.d.v[0].col, 13);
	assert_non_null(strstr(f.d.v[0].msg, "YAML syntax error"));
	assert_non_null(strstr(f.d.v[0].msg, "mapping values are not allowed"));
	fx_done(&f);

	/* An unterminated flow sequence: the context names where it started. */
	fx_init(&f);
	fx_load(&f, "bad.yaml", "rules:\n  - id: x\n    cwe: [1, 2\n");
	assert_int_equal(f.rc, -1);
	assert_int_equal(f.d.nerrors, 1);
	assert_int_equal(f.d.v[0].line, 4);
	assert_int_equal(f.d.v[0].col, 1);
	assert_non_null(strstr(f.d.v[0].msg, "line 3, column 10"));
	fx_done(&f);

	/* Invalid UTF-8: the reader's byte offset is turned into a line. */
	fx_init(&f);
	fx_load(&f, "bad.yaml", "rules:\n  - id: \xc3\x28x\n");
	assert_int_equal(f.rc, -1);
	assert_int_equal(f.d.nerrors, 1);
	assert_int_equal(f.d.v[0].line, 2);
	assert_non_null(strstr(f.d.v[0].msg, "UTF-8"));
	fx_done(&f);
}

static void test_top_not_mapping(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	fx_load(&f, "t.yaml", "# comment\n- id: x\n");
	assert_int_equal(f.rc, -1);
	assert_int_equal(f.d.nerrors, 1);
	assert_int_equal(f.d.v[0].line, 2);
	assert_int_equal(f.d.v[0].col, 1);
	assert_non_null(strstr(f.d.v[0].msg, "'rules'"));
	fx_done(&f);
}

static void test_missing_rules(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	fx_load(&f, "t.yaml", "rule:\n  - id: x\n");
	assert_int_equal(f.rc, -1);
	assert_int_equal(f.d.nerrors, 2);
	assert_int_equal(f.d.v[0].line, 1);
	assert_int_equal(f.d.v[0].col, 1);
	assert_non_null(strstr(f.d.v[0].msg, "unknown key 'rule'"));
	assert_int_equal(f.d.v[1].line, 1);
	assert_int_equal(f.d.v[1].col, 1);
	assert_non_null(strstr(f.d.v[1].msg, "missing top-level key 'rules'"));
	fx_done(&f);
}

static void test_empty_file(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	fx_load(&f, "t.yaml", "# nothing here\n");
	assert_int_equal(f.rc, -1);
	assert_int_equal(f.d.nerrors, 1);
	assert_non_null(strstr(f.d.v[0].msg, "'rules'"));
	fx_done(&f);
}

static void test_rules_not_sequence(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	fx_load(&f, "t.yaml", "rules:\n  id: x\n");
	assert_int_equal(f.rc, -1);
	assert_int_equal(f.d.nerrors, 1);
	assert_int_equal(f.d.v[0].line, 2);
	assert_int_equal(f.d.v[0].col, 3);
	assert_non_null(strstr(f.d.v[0].msg, "'rules'"));
	fx_done(&f);
}

static void test_rule_not_mapping(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	fx_load(&f, "t.yaml", "rules:\n  - just-a-string\n");
	assert_int_equal(f.rc, -1);
	assert_int_equal(f.d.nerrors, 1);
	assert_int_equal(f.d.v[0].line, 2);
	assert_int_equal(f.d.v[0].col, 5);
	assert_non_null(strstr(f.d.v[0].msg, "rule #1"));
	assert_non_null(strstr(f.d.v[0].msg, "mapping"));
	fx_done(&f);
}

/* ---- per-rule errors -------------------------------------------------- */

static void test_missing_required_keys(void **state)
{
	(void)state;
	for (size_t i = 0; i < NBASE; i++) {
		const char *key = base_keys[i][0];
		char mention[64];
		snprintf(mention, sizeof mention, "missing required key '%s'", key);
		/* Reported at the rule: its first key, line 2 column 5. */
		expect_one_error(key, NULL, NULL, 2, 5, mention);
	}
}

static void test_empty_required_string(void **state)
{
	(void)state;
	expect_one_error(NULL, "title", "\"\"", key_line("title"), value_col("title"), "'title'");
	expect_one_error(NULL, "remediation", "[a, b]", key_line("remediation"),
			 value_col("remediation"), "'remediation'");
	expect_one_error(NULL, "title", "\"two\\nlines\"", key_line("title"), value_col("title"),
			 "one line");
}

static void test_bad_severity(void **state)
{
	(void)state;
	expect_one_error(NULL, "severity", "urgent", key_line("severity"), value_col("severity"),
			 "'severity' must be one of critical, high, medium, low, info");
}

static void test_bad_provisions(void **state)
{
	(void)state;
	unsigned l = key_line("provisions"), c = value_col("provisions");
	expect_one_error(NULL, "provisions", "5.4-3", l, c, "'provisions'");
	expect_one_error(NULL, "provisions", "[]", l, c, "'provisions'");
	expect_one_error(NULL, "provisions", "{a: b}", l, c, "'provisions'");
	/* The unknown ID is reported at the item: "[5.4-3, 5.4-9]" -> column c + 8. */
	expect_one_error(NULL, "provisions", "[5.4-3, 5.4-9]", l, c + 8, "5.4-9");
	expect_one_error(NULL, "provisions", "[4.1]", l, c + 1, "'provisions'");
}

static void test_bad_cwe(void **state)
{
	(void)state;
	unsigned l = key_line("cwe"), c = value_col("cwe");
	expect_one_error(NULL, "cwe", "[798, abc]", l, c + 6, "'cwe'");
	expect_one_error(NULL, "cwe", "[CWE-]", l, c + 1, "'cwe'");
	expect_one_error(NULL, "cwe", "[-5]", l, c + 1, "'cwe'");
	expect_one_error(NULL, "cwe", "[[1]]", l, c + 1, "'cwe'");
	expect_one_error(NULL, "cwe", "798", l, c, "'cwe'");
	expect_one_error(NULL, "cwe", "[]", l, c, "'cwe'");
}

static void test_bad_optional_fields(void **state)
{
	(void)state;
	unsigned l = key_line("extra");
	expect_one_error(NULL, "precision", "perfect", l, value_col("precision"),
			 "'precision' must be one of high, medium, low");
	expect_one_error(NULL, "secret", "maybe", l, value_col("secret"), "'secret'");
	expect_one_error(NULL, "applies-to", "[c, fortran]", l, value_col("applies-to") + 4,
			 "unknown file kind 'fortran'");
	expect_one_error(NULL, "applies-to", "[]", l, value_col("applies-to"), "'applies-to'");
	expect_one_error(NULL, "references", "[[x]]", l, value_col("references") + 1,
			 "'references'");
	expect_one_error(NULL, "description", "{a: 1}", l, value_col("description"),
			 "'description'");
}

static void test_applies_to_group(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	char *text = mk_rule(NULL, "applies-to", "[c-family, kconfig]");
	fx_load(&f, "t.yaml", text);
	assert_int_equal(f.rc, 0);
	assert_int_equal(f.pack.n, 1);
	assert_int_equal(f.pack.rules[0]->kinds, FK_CFAMILY | FK_KCONFIG);
	free(text);
	fx_done(&f);
}

static void test_bad_id(void **state)
{
	(void)state;
	unsigned c = value_col("id");
	expect_one_error(NULL, "id", "Bad_ID", 2, c, "'id'");
	expect_one_error(NULL, "id", "-leading-dash", 2, c, "'id'");
	expect_one_error(NULL, "id", "\"\"", 2, c, "'id'");
	expect_one_error(NULL, "id", "[a]", 2, c, "'id'");
}

static void test_duplicate_id_same_file(void **state)
{
	(void)state;
	char *one = mk_rule(NULL, NULL, NULL);
	/* Append the same rule again: its id is on line 2 + NBASE. */
	char *text = xasprintf("%s%s", one, one + strlen("rules:\n"));
	struct fx f;
	fx_init(&f);
	fx_load(&f, "t.yaml", text);
	assert_int_equal(f.rc, -1);
	assert_int_equal(f.d.nerrors, 1);
	assert_int_equal(f.d.v[0].line, 2 + NBASE);
	assert_int_equal(f.d.v[0].col, value_col("id"));
	assert_non_null(strstr(f.d.v[0].msg, "duplicate"));
	assert_non_null(strstr(f.d.v[0].msg, "t.yaml:2"));
	assert_int_equal(f.pack.n, 1); /* the first one stays */
	free(text);
	free(one);
	fx_done(&f);
}

static void test_duplicate_id_across_loads(void **state)
{
	(void)state;
	char *text = mk_rule(NULL, NULL, NULL);
	struct fx f;
	fx_init(&f);
	fx_load(&f, "a.yaml", text);
	assert_int_equal(f.rc, 0);
	uint64_t h1 = f.pack.hash;
	fx_load(&f, "b.yaml", text);
	assert_int_equal(f.rc, -1);
	assert_int_equal(f.d.nerrors, 1);
	assert_string_equal(f.d.v[0].path, "b.yaml");
	assert_int_equal(f.d.v[0].line, 2);
	assert_int_equal(f.d.v[0].col, value_col("id"));
	assert_non_null(strstr(f.d.v[0].msg, "a.yaml:2"));
	assert_int_equal(f.pack.n, 1);
	assert_string_equal(f.pack.rules[0]->file, "a.yaml");
	assert_true(f.pack.hash != h1); /* chained over every loaded file */
	free(text);
	fx_done(&f);
}

static void test_bad_match(void **state)
{
	(void)state;
	unsigned l = key_line("match"), c = value_col("match");
	expect_one_error(NULL, "match", "{}", l, c, "'match'");
	expect_one_error(NULL, "match", "regex", l, c, "'match'");
	/* Two keys: reported at the second. */
	expect_one_error(NULL, "match", "{regex: {pattern: a}, call: {name: f}}", l, c + 22,
			 "exactly one key");
	expect_one_error(NULL, "match", "{grep: {pattern: a}}", l, c + 1, "unknown matcher 'grep'");
}

/* A matcher's compile error drops the rule and frees what compile left. */
static void test_matcher_compile_error(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"{call: {}}", "{call: [f]}", "{assign: {}}", "{config: 3}",
		"{regex: {pattern: a, exclude: \"[\"}}", "{regex: {pattern: a, caseless: maybe}}",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		struct fx f;
		fx_init(&f);
		char *text = mk_rule(NULL, "match", bad[i]);
		fx_load(&f, "t.yaml", text);
		assert_int_equal(f.rc, -1);
		assert_true(f.d.nerrors >= 1);
		assert_int_equal(f.d.v[0].line, key_line("match"));
		assert_int_equal(f.pack.n, 0);
		free(text);
		fx_done(&f);
	}
}

static void test_invalid_regex(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	char *text = mk_rule(NULL, "match", "{regex: {pattern: \"(\"}}");
	fx_load(&f, "t.yaml", text);
	assert_int_equal(f.rc, -1);
	assert_true(f.d.nerrors >= 1);
	assert_int_equal(f.d.v[0].line, key_line("match"));
	assert_true(f.d.v[0].col >= value_col("match") + 18);
	assert_non_null(strstr(f.d.v[0].msg, "test-rule"));
	assert_int_equal(f.pack.n, 0);
	free(text);
	fx_done(&f);
}

static void test_all_errors_reported(void **state)
{
	(void)state;
	static const char text[] =
		"rules:\n"
		"  - id: one\n"
		"    severity: bad\n"
		"  - id: two\n"
		"    title: t\n    message: m\n    severity: low\n    provisions: [9-9]\n"
		"    cwe: [1]\n    remediation: r\n    match: {regex: {pattern: x}}\n"
		"  - id: three\n"
		"    title: t\n    message: m\n    severity: low\n    provisions: [5.13-1]\n"
		"    cwe: [20]\n    remediation: r\n    match: {regex: {pattern: x}}\n";
	struct fx f;
	fx_init(&f);
	fx_load(&f, "t.yaml", text);
	assert_int_equal(f.rc, -1);
	/* one: severity + 6 missing keys; two: provision. */
	assert_int_equal(f.d.nerrors, 8);
	assert_int_equal(f.pack.n, 1);
	assert_string_equal(f.pack.rules[0]->id, "three");
	int saw_two = 0;
	for (size_t i = 0; i < f.d.n; i++) {
		if (strstr(f.d.v[i].msg, "rule 'two'")) {
			saw_two = 1;
			assert_int_equal(f.d.v[i].line, 8);
		} else {
			assert_non_null(strstr(f.d.v[i].msg, "rule 'one'"));
		}
	}
	assert_true(saw_two);
	fx_done(&f);
}

/* ---- files and directories ------------------------------------------- */

static void test_load_directory(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/etsilint-rp-XXXXXX";
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	char *a = mk_rule(NULL, "id", "dup-rule");
	char *b = mk_rule(NULL, "id", "dup-rule");
	char *c = mk_rule(NULL, "id", "c-rule");
	write_file(dir, "b.yml", b);
	write_file(dir, "a.yaml", a);
	write_file(dir, "c.yaml", c);
	write_file(dir, "notes.txt", "not: [yaml");
	write_file(dir, ".hidden.yaml", "broken: [");

	struct fx f;
	fx_init(&f);
	const char *paths[] = {dir};
	f.rc = rulepack_load(&f.pack, paths, 1, &f.d);
	/* a.yaml loads before b.yml: the duplicate is reported in b.yml. */
	assert_int_equal(f.rc, -1);
	assert_int_equal(f.d.nerrors, 1);
	char *pa = path_join(dir, "a.yaml"), *pb = path_join(dir, "b.yml");
	assert_string_equal(f.d.v[0].path, pb);
	char *first = xasprintf("%s:2", pa);
	assert_non_null(strstr(f.d.v[0].msg, first));
	assert_int_equal(f.pack.n, 2);
	assert_string_equal(f.pack.rules[0]->id, "c-rule");
	assert_string_equal(f.pack.rules[1]->id, "dup-rule");
	assert_string_equal(f.pack.rules[1]->file, pa);
	uint64_t h = f.pack.hash;
	fx_done(&f);

	/* Without the duplicate the load is clean and the hash is stable. */
	remove_file(dir, "b.yml");
	fx_init(&f);
	f.rc = rulepack_load(&f.pack, paths, 1, &f.d);
	assert_int_equal(f.rc, 0);
	assert_int_equal(f.pack.n, 2);
	uint64_t h2 = f.pack.hash;
	assert_true(h2 != h);
	fx_done(&f);
	fx_init(&f);
	f.rc = rulepack_load(&f.pack, paths, 1, &f.d);
	assert_int_equal(f.pack.hash, h2);
	fx_done(&f);

	/* A file path works too. */
	fx_init(&f);
	const char *one[] = {pa};
	f.rc = rulepack_load(&f.pack, one, 1, &f.d);
	assert_int_equal(f.rc, 0);
	assert_int_equal(f.pack.n, 1);
	fx_done(&f);

	remove_file(dir, "a.yaml");
	remove_file(dir, "c.yaml");
	remove_file(dir, "notes.txt");
	remove_file(dir, ".hidden.yaml");

	/* An empty directory is an error. */
	fx_init(&f);
	f.rc = rulepack_load(&f.pack, paths, 1, &f.d);
	assert_int_equal(f.rc, -1);
	assert_int_equal(f.d.nerrors, 1);
	fx_done(&f);

	rmdir(dir);
	free(first);
	free(pa);
	free(pb);
	free(a);
	free(b);
	free(c);
}

static void test_nonexistent_path(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f);
	const char *paths[] = {"/nonexistent/etsilint/rules.yaml"};
	f.rc = rulepack_load(&f.pack, paths, 1, &f.d);
	assert_int_equal(f.rc, -1);
	assert_int_equal(f.d.nerrors, 1);
	assert_string_equal(f.d.v[0].path, paths[0]);
	assert_non_null(strstr(f.d.v[0].msg, paths[0]));
	assert_non_null(strstr(f.d.v[0].msg, strerror(ENOENT)));
	assert_int_equal(f.pack.n, 0);
	fx_done(&f);
}

/* ---- severity, provisions, yparam ------------------------------------ */

static void test_severity(void **state)
{
	(void)state;
	enum severity s;
	assert_int_equal(severity_parse("critical", &s), 0);
	assert_int_equal(s, SEV_CRITICAL);
	assert_int_equal(severity_parse("info", &s), 0);
	assert_int_equal(s, SEV_INFO);
	assert_int_equal(severity_parse("urgent", &s), -1);
	assert_string_equal(severity_name(SEV_MEDIUM), "medium");
	assert_string_equal(severity_name(SEV_LOW), "low");
	assert_string_equal(severity_name(SEV_HIGH), "high");
}

static void test_provisions(void **state)
{
	(void)state;
	assert_int_equal(provisions_count, 68);
	const struct provision *p = provision_find("5.4-3");
	assert_non_null(p);
	assert_string_equal(p->area, "5.4");
	assert_string_equal(p->status, "M");
	assert_non_null(provision_find("4-1"));
	assert_non_null(provision_find("5.3-16"));
	assert_non_null(provision_find("5.13-1"));
	assert_non_null(provision_find("6-5"));
	assert_null(provision_find("5.3-17"));
	assert_null(provision_find("5.4"));
	assert_null(provision_find("6-6"));
	assert_null(provision_find(""));
	assert_string_equal(provision_area_title("5.4"), "Securely store sensitive security parameters");
	assert_string_equal(provision_area_title("4"), "Reporting implementation");
	assert_string_equal(provision_area_title("6"), "Data protection provisions");
	assert_string_equal(provision_area_title("5.13"), "Validate input data");
	assert_null(provision_area_title("5.14"));
	for (size_t i = 0; i < provisions_count; i++) {
		const struct provision *q = &provisions_table[i];
		assert_non_null(provision_area_title(q->area));
		assert_ptr_equal(provision_find(q->id), q); /* ids are unique */
		size_t al = strlen(q->area);
		assert_int_equal(strncmp(q->id, q->area, al), 0);
		assert_int_equal(q->id[al], '-');
		assert_true(q->title[0] && q->status[0]);
	}
}

static void test_yparam(void **state)
{
	(void)state;
	static const char text[] = "a: 0x1F\nb: 12x\nc: Yes\nd: [x, y]\ne: s\nf: -42\ng: {k: v}\n";
	yaml_parser_t ps;
	yaml_document_t doc;
	assert_true(yaml_parser_initialize(&ps));
	yaml_parser_set_input_string(&ps, (const unsigned char *)text, strlen(text));
	assert_true(yaml_parser_load(&ps, &doc));
	struct diag d;
	diag_init(&d);
	struct yparam p = {&doc, yaml_document_get_root_node(&doc), "y.yaml", "r1", &d};
	long long v = 0;
	assert_int_equal(yparam_int(&p, "a", 1, &v), 0);
	assert_int_equal(v, 31);
	assert_int_equal(yparam_int(&p, "f", 1, &v), 0);
	assert_int_equal(v, -42);
	assert_int_equal(yparam_int(&p, "b", 1, &v), -1);
	assert_int_equal(d.nerrors, 1);
	assert_int_equal(d.v[0].line, 2);
	assert_int_equal(d.v[0].col, 4);
	assert_non_null(strstr(d.v[0].msg, "rule 'r1': 'b' must be an integer"));
	assert_int_equal(yparam_int(&p, "zz", 0, &v), 1);
	assert_int_equal(yparam_int(&p, "zz", 1, &v), -1);
	assert_non_null(strstr(d.v[1].msg, "'zz'"));
	int bv = 0;
	assert_int_equal(yparam_bool(&p, "c", 1, &bv), 0);
	assert_int_equal(bv, 1);
	assert_int_equal(yparam_bool(&p, "e", 1, &bv), -1);
	char **list = NULL;
	size_t n = 0;
	assert_int_equal(yparam_strlist(&p, "d", 1, &list, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[1], "y");
	assert_null(list[2]);
	yparam_strlist_free(list);
	assert_int_equal(yparam_strlist(&p, "e", 1, &list, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(list[0], "s");
	yparam_strlist_free(list);
	assert_int_equal(yparam_strlist(&p, "g", 1, &list, &n), -1);
	char *s = NULL;
	assert_int_equal(yparam_str(&p, "e", 1, &s), 0);
	assert_string_equal(s, "s");
	free(s);
	assert_int_equal(yparam_str(&p, "d", 1, &s), -1);
	struct yparam g = yparam_get(&p, "g");
	assert_true(yparam_is_map(&g));
	struct yparam k = yparam_get(&g, "k");
	assert_string_equal(yparam_scalar(&k), "v");
	assert_int_equal(yparam_line(&k), 7);
	struct yparam dd = yparam_get(&p, "d");
	assert_int_equal(yparam_seq_len(&dd), 2);
	struct yparam it = yparam_seq_item(&dd, 1);
	assert_int_equal(yparam_col(&it), 8);
	assert_null(yparam_seq_item(&dd, 2).node);
	assert_null(yparam_get(&p, "missing").node);
	diag_free(&d);
	yaml_document_delete(&doc);
	yaml_parser_delete(&ps);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_rule_all_fields),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_all_matchers_sorted),
		cmocka_unit_test(test_unknown_keys_rejected),
		cmocka_unit_test(test_empty_rules_list),
		cmocka_unit_test(test_yaml_syntax_error),
		cmocka_unit_test(test_top_not_mapping),
		cmocka_unit_test(test_missing_rules),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_rules_not_sequence),
		cmocka_unit_test(test_rule_not_mapping),
		cmocka_unit_test(test_missing_required_keys),
		cmocka_unit_test(test_empty_required_string),
		cmocka_unit_test(test_bad_severity),
		cmocka_unit_test(test_bad_provisions),
		cmocka_unit_test(test_bad_cwe),
		cmocka_unit_test(test_bad_optional_fields),
		cmocka_unit_test(test_applies_to_group),
		cmocka_unit_test(test_bad_id),
		cmocka_unit_test(test_duplicate_id_same_file),
		cmocka_unit_test(test_duplicate_id_across_loads),
		cmocka_unit_test(test_bad_match),
		cmocka_unit_test(test_matcher_compile_error),
		cmocka_unit_test(test_invalid_regex),
		cmocka_unit_test(test_all_errors_reported),
		cmocka_unit_test(test_load_directory),
		cmocka_unit_test(test_nonexistent_path),
		cmocka_unit_test(test_severity),
		cmocka_unit_test(test_provisions),
		cmocka_unit_test(test_yparam),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
