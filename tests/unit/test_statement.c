/* test_statement.c - the conformance statement loader (etsilint-statement.yaml):
 * schema, validation against the catalogue with file:line:col, look-up; the
 * catalogue-status helpers; and the conformance model's status precedence on
 * a hand-built rule pack and findings. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "conformance.h"
#include "diag.h"
#include "finding.h"
#include "provisions.h"
#include "report.h"
#include "rule.h"
#include "statement.h"
#include "util.h"

/* ---- helpers ---- */

struct fx {
	struct statement st;
	struct diag d;
	int rc;
};

static void load(struct fx *f, const char *text)
{
	memset(&f->st, 0, sizeof f->st);
	diag_init(&f->d);
	f->rc = statement_load_string(&f->st, "st.yaml", text, strlen(text), &f->d);
}

static void done(struct fx *f)
{
	statement_free(&f->st);
	diag_free(&f->d);
}

/* Is there an error at line:col whose message contains `part`? */
static int has_error(const struct fx *f, unsigned line, unsigned col, const char *part)
{
	for (size_t i = 0; i < f->d.n; i++) {
		const struct diag_entry *e = &f->d.v[i];
		if (e->level == DIAG_ERROR && e->line == line && e->col == col && e->path &&
		    strcmp(e->path, "st.yaml") == 0 && strstr(e->msg, part))
			return 1;
	}
	return 0;
}

static void dump(const struct fx *f)
{
	for (size_t i = 0; i < f->d.n; i++)
		fprintf(stderr, "  diag %u:%u %s\n", f->d.v[i].line, f->d.v[i].col, f->d.v[i].msg);
}

#define assert_error(f, line, col, part)                                                  \
	do {                                                                              \
		if (!has_error((f), (line), (col), (part)))                               \
			dump(f);                                                          \
		assert_true(has_error((f), (line), (col), (part)));                      \
	} while (0)

/* ---- loading ---- */

static void test_valid_statement(void **state)
{
	(void)state;
	struct fx f;
	load(&f, "product:\n"
		 "  name: ACME sensor\n"
		 "  version: \"2.4\"\n"
		 "provisions:\n"
		 "  \"5.3-13\":\n"
		 "    supported: yes\n"
		 "    justification: Published on the product page.\n"
		 "    evidence: [https://example.com/support, SECURITY.md]\n"
		 "  6-2:\n"
		 "    supported: n.a.\n"
		 "    justification: No processing is based on consent.\n"
		 "  5.7-2:\n"
		 "    supported: NO\n"
		 "    justification: No tamper detection hardware.\n"
		 "    evidence: docs/hw.md\n"
		 "  5.1-3:\n"
		 "    supported: no\n");
	assert_int_equal(f.rc, 0);
	assert_int_equal(f.d.nerrors, 0);
	assert_string_equal(f.st.path, "st.yaml");
	assert_string_equal(f.st.product_name, "ACME sensor");
	assert_string_equal(f.st.product_version, "2.4");
	assert_int_equal(f.st.n, 4);

	const struct stmt_entry *e = statement_find(&f.st, "5.3-13");
	assert_non_null(e);
	assert_ptr_equal(e->prov, provision_find("5.3-13"));
	assert_int_equal(e->supported, STMT_YES);
	assert_string_equal(e->justification, "Published on the product page.");
	assert_int_equal(e->nevidence, 2);
	assert_string_equal(e->evidence[0], "https://example.com/support");
	assert_string_equal(e->evidence[1], "SECURITY.md");
	assert_null(e->evidence[2]);
	assert_int_equal(e->line, 5);
	assert_int_equal(e->col, 3);

	e = statement_find(&f.st, "6-2");
	assert_non_null(e);
	assert_int_equal(e->supported, STMT_NA);
	assert_int_equal(e->nevidence, 0);
	assert_non_null(e->evidence);

	e = statement_find(&f.st, "5.7-2");
	assert_int_equal(e->supported, STMT_NO); /* case-insensitive */
	assert_int_equal(e->nevidence, 1);       /* a single string */
	assert_string_equal(e->evidence[0], "docs/hw.md");

	/* "no" on a mandatory provision needs no justification: it is a non-conformity. */
	e = statement_find(&f.st, "5.1-3");
	assert_int_equal(e->supported, STMT_NO);
	assert_null(e->justification);

	assert_null(statement_find(&f.st, "5.1-1"));
	assert_null(statement_find(NULL, "5.1-1"));
	assert_string_equal(statement_support_name(STMT_YES), "yes");
	assert_string_equal(statement_support_name(STMT_NO), "no");
	assert_string_equal(statement_support_name(STMT_NA), "n.a.");
	done(&f);
}

static void test_empty_statements(void **state)
{
	(void)state;
	static const char *const texts[] = {"", "# nothing yet\n", "provisions:\n",
					    "product: {name: X}\n"};
	for (size_t i = 0; i < ARRAY_LEN(texts); i++) {
		struct fx f;
		load(&f, texts[i]);
		assert_int_equal(f.rc, 0);
		assert_int_equal(f.st.n, 0);
		done(&f);
	}
}

static void test_unknown_provision(void **state)
{
	(void)state;
	struct fx f;
	load(&f, "provisions:\n"
		 "  5.1-9:\n"
		 "    supported: yes\n"
		 "  \"5.3-11 ... 5.3-16\":\n"
		 "    supported: yes\n"
		 "  5.1-1:\n"
		 "    supported: yes\n");
	assert_int_equal(f.rc, -1);
	assert_error(&f, 2, 3, "'5.1-9' is not a provision of ETSI EN 303 645 V2.1.1");
	assert_error(&f, 4, 3, "is not a provision");
	assert_int_equal(f.d.nerrors, 2);
	done(&f);
}

static void test_not_applicable_rules(void **state)
{
	(void)state;
	struct fx f;
	load(&f, "provisions:\n"
		 "  5.1-3:\n"                      /* M: unconditional */
		 "    supported: n.a.\n"
		 "    justification: no authentication\n"
		 "  5.5-3:\n"                      /* R: unconditional */
		 "    supported: n.a.\n"
		 "    justification: fixed algorithms\n"
		 "  5.10-1:\n"                     /* R C(6), no justification */
		 "    supported: n.a.\n"
		 "  6-3:\n"                        /* M C(7), blank justification */
		 "    supported: n.a.\n"
		 "    justification: \"  \"\n"
		 "  5.3-14:\n"                     /* R C(3,4): fine */
		 "    supported: n.a.\n"
		 "    justification: everything is updateable\n");
	assert_int_equal(f.rc, -1);
	assert_error(&f, 3, 16, "provision 5.1-3 (M) is mandatory without a condition");
	assert_error(&f, 6, 16, "provision 5.5-3 (R) is a recommendation without a condition");
	assert_error(&f, 9, 16, "provision 5.10-1: n.a. needs a justification");
	assert_error(&f, 11, 16, "provision 6-3: n.a. needs a justification");
	assert_int_equal(f.d.nerrors, 4);
	assert_non_null(statement_find(&f.st, "5.3-14"));
	done(&f);
}

static void test_bad_values(void **state)
{
	(void)state;
	struct fx f;
	load(&f, "provisions:\n"
		 "  5.2-1:\n"
		 "    supported: maybe\n"
		 "  5.2-2:\n"
		 "    supported: [yes]\n"
		 "  5.2-3:\n"
		 "    justification: forgot the answer\n"
		 "  5.3-1:\n"
		 "    supported: no\n"            /* R without a justification (4-1) */
		 "  5.3-16: yes\n"
		 "  5.4-1:\n"
		 "    supported: yes\n"
		 "    evidence: {url: x}\n"
		 "  5.4-3:\n"
		 "    supported: yes\n"
		 "    justification: [a, b]\n");
	assert_int_equal(f.rc, -1);
	assert_error(&f, 3, 16, "'supported' must be yes, no or n.a. (not applicable), not 'maybe'");
	assert_error(&f, 5, 16, "'supported' must be yes, no or n.a.");
	assert_error(&f, 7, 5, "provision 5.2-3: missing 'supported'");
	assert_error(&f, 9, 16, "a recommendation that is not followed needs a justification");
	assert_error(&f, 10, 11, "provision 5.3-16: give a mapping");
	assert_error(&f, 13, 15, "'evidence' must be a string or a list of strings");
	assert_error(&f, 16, 20, "'justification' must be a string");
	assert_int_equal(f.st.n, 0);
	done(&f);
}

static void test_unknown_keys_and_shapes(void **state)
{
	(void)state;
	struct fx f;
	load(&f, "product:\n"
		 "  name: X\n"
		 "  colour: blue\n"
		 "provisions:\n"
		 "  5.1-1:\n"
		 "    supported: yes\n"
		 "    note: typo\n"
		 "provision: {}\n");
	assert_int_equal(f.rc, -1);
	assert_error(&f, 3, 3, "unknown key 'colour' in 'product'");
	assert_error(&f, 7, 5, "unknown key 'note' in a provision's statement");
	assert_error(&f, 8, 1, "unknown key 'provision' in the statement");
	done(&f);

	load(&f, "- 5.1-1\n");
	assert_int_equal(f.rc, -1);
	assert_error(&f, 1, 1, "must be a mapping");
	done(&f);

	load(&f, "provisions: [5.1-1]\n");
	assert_int_equal(f.rc, -1);
	assert_error(&f, 1, 13, "'provisions' must map provision IDs");
	done(&f);

	load(&f, "product: ACME\n");
	assert_int_equal(f.rc, -1);
	assert_error(&f, 1, 10, "'product' must be a mapping");
	done(&f);
}

static void test_duplicate_provision(void **state)
{
	(void)state;
	struct fx f;
	load(&f, "provisions:\n"
		 "  5.3-13:\n"
		 "    supported: maybe\n"
		 "  \"5.3-13\":\n"
		 "    supported: yes\n");
	assert_int_equal(f.rc, -1);
	assert_error(&f, 3, 16, "must be yes, no or n.a.");
	assert_error(&f, 4, 3, "provision 5.3-13 is stated twice (first at line 2)");
	done(&f);
}

static void test_syntax_error_and_missing_file(void **state)
{
	(void)state;
	struct fx f;
	load(&f, "provisions:\n  5.1-1: {supported: yes\n");
	assert_int_equal(f.rc, -1);
	assert_int_equal(f.d.nerrors, 1);
	assert_non_null(strstr(f.d.v[0].msg, "YAML syntax error"));
	assert_true(f.d.v[0].line > 0 && f.d.v[0].col > 0);
	done(&f);

	struct statement st = {0};
	struct diag d;
	diag_init(&d);
	assert_int_equal(statement_load(&st, "/nonexistent/etsilint-statement.yaml", &d), -1);
	assert_int_equal(d.nerrors, 1);
	assert_non_null(strstr(d.v[0].msg, "cannot read the conformance statement"));
	statement_free(&st);
	statement_free(NULL);
	diag_free(&d);
}

static void test_catalogue_status_helpers(void **state)
{
	(void)state;
	unsigned cv[4];
	const struct provision *p = provision_find("5.3-6");
	assert_true(statement_conditional(p));
	assert_false(statement_mandatory(p));
	assert_int_equal(statement_conditions(p, cv, ARRAY_LEN(cv)), 2);
	assert_int_equal(cv[0], 9);
	assert_int_equal(cv[1], 12);
	p = provision_find("5.1-1");
	assert_true(statement_conditional(p) && statement_mandatory(p));
	assert_int_equal(statement_conditions(p, cv, ARRAY_LEN(cv)), 1);
	assert_int_equal(cv[0], 1);
	p = provision_find("5.1-3");
	assert_false(statement_conditional(p));
	assert_true(statement_mandatory(p));
	assert_int_equal(statement_conditions(p, cv, ARRAY_LEN(cv)), 0);
	/* Every conditional provision of the catalogue has 1..13 conditions. */
	for (size_t i = 0; i < provisions_count; i++) {
		size_t n = statement_conditions(&provisions_table[i], cv, ARRAY_LEN(cv));
		assert_int_equal(n > 0, statement_conditional(&provisions_table[i]));
		for (size_t k = 0; k < n; k++)
			assert_true(cv[k] >= 1 && cv[k] <= 13);
	}
}

/* ---- the conformance model ---- */

static void test_link_prefix(void **state)
{
	(void)state;
	static const char *const cases[][3] = {
		{"/a/b", "/a/b", ""},
		{"/a/b", "/a/b/c", "c/"},
		{"/a/b/c", "/a/b", "../"},
		{"/tmp", "/work/fw", "../work/fw/"},
		{"/a/bc", "/a/b", "../b/"},
		{"/a/b", "/a/bc/d", "../bc/d/"},
		{"/", "/x/y", "x/y/"},
		{"/x/y", "/", "../../"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *p = conformance_link_prefix(cases[i][0], cases[i][1]);
		assert_string_equal(p, cases[i][2]);
		free(p);
	}
}

static struct rule mk_rule(const char *id, enum severity sev, const char *prov)
{
	struct rule r;
	memset(&r, 0, sizeof r);
	r.id = (char *)id;
	r.title = (char *)id;
	r.severity = sev;
	r.provisions = xcalloc(1, sizeof *r.provisions);
	r.provisions[0] = (char *)prov;
	r.nprovisions = 1;
	return r;
}

static void add_finding(struct findings *fs, const struct rule *r, int suppressed)
{
	struct finding f;
	memset(&f, 0, sizeof f);
	f.rule = r;
	f.path = f.relpath = (char *)"src/a.c";
	f.line = 3;
	f.col = 1;
	f.message = (char *)"msg";
	f.snippet = (char *)"";
	f.suppressed = suppressed;
	f.justification = suppressed ? (char *)"test code" : NULL;
	findings_add(fs, &f);
}

/* Does s contain the word "pass" or "passed" (any case)? */
static int says_pass(const char *s)
{
	for (const char *q = s; q && (q = strcasestr(q, "pass")) != NULL; q += 4) {
		const char *e = q + 4;
		if (strncasecmp(e, "ed", 2) == 0)
			e += 2;
		int before = q > s && ((q[-1] | 32) >= 'a' && (q[-1] | 32) <= 'z');
		int after = (*e | 32) >= 'a' && (*e | 32) <= 'z';
		if (!before && !after)
			return 1;
	}
	return 0;
}

/* The item of provision id (a test failure when there is none). */
static const struct conf_item *item(const struct conformance *c, const char *id)
{
	static const struct conf_item none = {.status = CONF_NSTATUS, .summary = (char *)""};
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i].prov->id, id) == 0)
			return &c->v[i];
	fprintf(stderr, "no item for %s\n", id);
	assert_true(0);
	return &none;
}

static void test_status_precedence(void **state)
{
	(void)state;
	struct rule rules[] = {
		mk_rule("pw", SEV_HIGH, "5.1-1"),          /* contradicts 5.1-1 */
		mk_rule("ota", SEV_INFO, "5.3-2"),         /* evidence for 5.3-2 */
		mk_rule("dbg", SEV_LOW, "5.6-4"),          /* low still contradicts */
		mk_rule("sup", SEV_CRITICAL, "5.4-3"),     /* only suppressed findings */
		mk_rule("reset", SEV_INFO, "5.11-1"),      /* evidence, statement yes */
		mk_rule("na", SEV_HIGH, "6-2"),            /* contradicts an n.a. */
		mk_rule("tel", SEV_INFO, "5.10-1"),        /* evidence, statement n.a. */
	};
	struct rule *ptrs[ARRAY_LEN(rules)];
	for (size_t i = 0; i < ARRAY_LEN(rules); i++)
		ptrs[i] = &rules[i];
	struct rulepack pack = {ptrs, ARRAY_LEN(rules), 0};
	struct findings fs = {0};
	add_finding(&fs, &rules[0], 0);
	add_finding(&fs, &rules[1], 0);
	add_finding(&fs, &rules[2], 0);
	add_finding(&fs, &rules[3], 1);
	add_finding(&fs, &rules[4], 0);
	add_finding(&fs, &rules[5], 0);
	add_finding(&fs, &rules[6], 0);
	struct diag d;
	diag_init(&d);
	struct scan_result res = {.tool_version = "t", .root = "/r", .pack = &pack, .findings = &fs,
				  .diag = &d, .nfiles = 1};
	struct fx f;
	load(&f, "provisions:\n"
		 "  5.1-1: {supported: yes, justification: unique passwords}\n"
		 "  5.7-2: {supported: no, justification: no hardware}\n"
		 "  5.3-14: {supported: n.a., justification: all updateable}\n"
		 "  5.3-13: {supported: yes, evidence: [https://x.example/support]}\n"
		 "  5.11-1: {supported: yes}\n"
		 "  6-2: {supported: n.a., justification: no consent basis}\n"
		 "  5.10-1: {supported: n.a., justification: no telemetry}\n"
		 "  5.3-7: {supported: n.a., justification: no updates}\n");
	assert_int_equal(f.rc, 0);

	struct conformance c;
	conformance_build(&c, &res, &f.st, NULL);
	assert_int_equal(c.n, provisions_count);
	size_t total = 0;
	for (int s = 0; s < CONF_NSTATUS; s++)
		total += c.count[s];
	assert_int_equal(total, provisions_count);

	const struct conf_item *it = item(&c, "5.1-1");
	assert_int_equal(it->status, CONF_CONTRADICTED); /* a finding wins over "yes" */
	assert_int_equal(it->ncontra, 1);
	assert_int_equal(it->worst, SEV_HIGH);
	assert_non_null(it->conflict);
	assert_non_null(strstr(it->conflict, "statement says yes"));

	it = item(&c, "5.6-4");
	assert_int_equal(it->status, CONF_CONTRADICTED);
	assert_null(it->conflict);

	it = item(&c, "6-2");
	assert_int_equal(it->status, CONF_CONTRADICTED); /* ... and over "n.a." */
	assert_non_null(strstr(it->conflict, "statement says n.a."));

	it = item(&c, "5.7-2");
	assert_int_equal(it->status, CONF_NOT_MET);

	it = item(&c, "5.3-14");
	assert_int_equal(it->status, CONF_NOT_APPLICABLE);
	assert_null(it->conflict);

	/* n.a. for a C(12) provision while an update mechanism was found. */
	it = item(&c, "5.3-7");
	assert_int_equal(it->status, CONF_NOT_APPLICABLE);
	assert_non_null(it->conflict);
	assert_non_null(strstr(it->conflict, "condition 12 holds"));

	it = item(&c, "5.10-1");
	assert_int_equal(it->status, CONF_NOT_APPLICABLE);
	assert_non_null(strstr(it->conflict, "evidence"));

	it = item(&c, "5.3-13");
	assert_int_equal(it->status, CONF_SUPPORTED);
	assert_null(it->todo); /* evidence links given */

	it = item(&c, "5.11-1");
	assert_int_equal(it->status, CONF_SUPPORTED);
	assert_int_equal(it->nevidence, 1);
	assert_non_null(it->todo); /* "add evidence links" */

	it = item(&c, "5.3-2");
	assert_int_equal(it->status, CONF_EVIDENCE);
	assert_non_null(it->todo);

	/* Suppressed findings do not contradict: nothing else seen, no statement. */
	it = item(&c, "5.4-3");
	assert_int_equal(it->status, CONF_NEEDS_STATEMENT);
	assert_int_equal(it->nsuppressed, 1);
	assert_int_equal(it->ncontra, 0);

	it = item(&c, "5.12-1");
	assert_int_equal(it->status, CONF_NEEDS_STATEMENT);
	assert_non_null(it->todo);
	assert_non_null(strstr(it->summary, "only the manufacturer"));

	/* Never "pass" ("password" is fine). */
	for (size_t i = 0; i < c.n; i++) {
		assert_false(says_pass(c.v[i].summary));
		assert_false(says_pass(c.v[i].todo));
		assert_false(says_pass(c.v[i].conflict));
	}
	for (int s = 0; s < CONF_NSTATUS; s++) {
		assert_false(says_pass(conformance_status_label((enum conf_status)s)));
		assert_false(says_pass(conformance_status_key((enum conf_status)s)));
	}

	/* Every writer produces output. */
	for (size_t w = 0; conformance_writers[w]; w++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *o = open_memstream(&buf, &len);
		assert_non_null(o);
		assert_int_equal(conformance_writers[w]->write(o, &c), 0);
		fclose(o);
		assert_true(len > 1000);
		free(buf);
	}
	assert_non_null(conformance_writer_find("html"));
	assert_null(conformance_writer_find("text"));

	conformance_free(&c);
	conformance_free(NULL);
	done(&f);

	/* Without a statement nothing is supported or n.a. */
	conformance_build(&c, &res, NULL, "");
	assert_int_equal(c.count[CONF_SUPPORTED], 0);
	assert_int_equal(c.count[CONF_NOT_APPLICABLE], 0);
	assert_int_equal(c.count[CONF_NOT_MET], 0);
	assert_int_equal(item(&c, "5.11-1")->status, CONF_EVIDENCE);
	conformance_free(&c);

	findings_free(&fs); /* frees the strings findings_add copied */
	for (size_t i = 0; i < ARRAY_LEN(rules); i++)
		free(rules[i].provisions);
	diag_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_statement),
		cmocka_unit_test(test_empty_statements),
		cmocka_unit_test(test_unknown_provision),
		cmocka_unit_test(test_not_applicable_rules),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_unknown_keys_and_shapes),
		cmocka_unit_test(test_duplicate_provision),
		cmocka_unit_test(test_syntax_error_and_missing_file),
		cmocka_unit_test(test_catalogue_status_helpers),
		cmocka_unit_test(test_link_prefix),
		cmocka_unit_test(test_status_precedence),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
