/* test_report.c - findings (order, duplicates, fingerprints, masking) and the
 * text, JSON and SARIF reporters, on a rule pack built by hand. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <cJSON.h>

#include "diag.h"
#include "finding.h"
#include "report.h"
#include "rule.h"
#include "util.h"

/* ---- a small rule pack, sorted by id ---- */

enum { R_DEBUG, R_PASSWORD, R_MD5, NRULES };

static struct rule rules[NRULES];
static struct rule *rule_ptrs[NRULES];
static struct rulepack pack;

static char **strlist(const char *const *s, size_t n)
{
	char **v = xcalloc(n ? n : 1, sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = xstrdup(s[i]);
	return v;
}

static void rule_init(struct rule *r, size_t index, const char *id, const char *title,
		      enum severity sev, const char *const *provs, size_t nprovs,
		      const unsigned *cwe, size_t ncwe, const char *const *refs, size_t nrefs)
{
	memset(r, 0, sizeof *r);
	r->id = xstrdup(id);
	r->title = xstrdup(title);
	r->message = xstrdup("message");
	r->remediation = xstrdup("Do it properly.");
	r->severity = sev;
	r->provisions = strlist(provs, nprovs);
	r->nprovisions = nprovs;
	r->cwe = xcalloc(ncwe ? ncwe : 1, sizeof *r->cwe);
	memcpy(r->cwe, cwe, ncwe * sizeof *cwe);
	r->ncwe = ncwe;
	r->references = strlist(refs, nrefs);
	r->nreferences = nrefs;
	r->index = index;
}

static void rule_release(struct rule *r)
{
	for (size_t i = 0; i < r->nprovisions; i++)
		free(r->provisions[i]);
	for (size_t i = 0; i < r->nreferences; i++)
		free(r->references[i]);
	free(r->provisions);
	free(r->references);
	free(r->cwe);
	free(r->id);
	free(r->title);
	free(r->message);
	free(r->description);
	free(r->remediation);
	free(r->precision);
}

static int pack_setup(void **state)
{
	(void)state;
	static const char *const p_debug[] = {"5.6-4"};
	static const unsigned c_debug[] = {1191};
	static const char *const p_pw[] = {"5.1-1", "5.4-3"};
	static const unsigned c_pw[] = {798, 259};
	static const char *const ref_pw[] = {"https://cwe.mitre.org/data/definitions/798.html",
					     "https://example.org/guide"};
	static const char *const p_md5[] = {"5.5-1"};
	static const unsigned c_md5[] = {327};

	rule_init(&rules[R_DEBUG], 0, "debug-uart-enabled", "Debug UART left enabled", SEV_MEDIUM,
		  p_debug, 1, c_debug, 1, NULL, 0);
	rule_init(&rules[R_PASSWORD], 1, "hardcoded-password", "Hard-coded password", SEV_CRITICAL,
		  p_pw, 2, c_pw, 2, ref_pw, 2);
	rules[R_PASSWORD].description = xstrdup("A password is stored in the firmware image.");
	rules[R_PASSWORD].precision = xstrdup("high");
	rules[R_PASSWORD].secret = 1;
	rule_init(&rules[R_MD5], 2, "weak-hash.md5", "MD5 used", SEV_LOW, p_md5, 1, c_md5, 1, NULL,
		  0);
	rules[R_MD5].precision = xstrdup("low");
	for (size_t i = 0; i < NRULES; i++)
		rule_ptrs[i] = &rules[i];
	pack.rules = rule_ptrs;
	pack.n = NRULES;
	return 0;
}

static int pack_teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < NRULES; i++)
		rule_release(&rules[i]);
	return 0;
}

/* ---- helpers ---- */

static void add(struct findings *fs, int rule, const char *relpath, unsigned line, unsigned col,
		const char *snippet)
{
	char *path = xasprintf("fw/%s", relpath);
	char *msg = xasprintf("%s found", rules[rule].title);
	struct finding f = {
		.rule = &rules[rule],
		.path = path,
		.relpath = (char *)relpath,
		.line = line,
		.col = col,
		.end_line = line,
		.end_col = col + 5,
		.message = msg,
		.snippet = (char *)snippet,
	};
	findings_add(fs, &f);
	free(path);
	free(msg);
}

static void assert_hex16(const char *fp)
{
	assert_int_equal(strlen(fp), 16);
	for (const char *p = fp; *p; p++)
		assert_true((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'));
}

/* Run a reporter into a new string. */
static char *render(const struct reporter_ops *ops, const struct scan_result *res)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(ops->write(f, res), 0);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(strlen(buf), len);
	return buf;
}

static struct scan_result result_of(const struct findings *fs, const struct diag *d)
{
	struct scan_result res = {
		.tool_version = "0.1.0",
		.root = "/home/dev/my fw",
		.pack = &pack,
		.findings = fs,
		.diag = d,
		.nfiles = 7,
		.fail_on = SEV_LOW,
		.color = 0,
	};
	return res;
}

static cJSON *get(const cJSON *o, const char *path)
{
	/* "a.b.0.c": object keys and array indexes */
	char *copy = xstrdup(path);
	const cJSON *cur = o;
	for (char *tok = strtok(copy, "."); tok && cur; tok = strtok(NULL, ".")) {
		if (*tok >= '0' && *tok <= '9')
			cur = cJSON_GetArrayItem(cur, atoi(tok));
		else
			cur = cJSON_GetObjectItemCaseSensitive(cur, tok);
	}
	free(copy);
	if (!cur)
		fail_msg("missing %s", path);
	return (cJSON *)cur;
}

static const char *get_str(const cJSON *o, const char *path)
{
	cJSON *j = get(o, path);
	assert_true(cJSON_IsString(j));
	return j->valuestring;
}

static int get_int(const cJSON *o, const char *path)
{
	cJSON *j = get(o, path);
	assert_true(cJSON_IsNumber(j));
	return j->valueint;
}

static int array_has(const cJSON *arr, const char *s)
{
	const cJSON *it;
	cJSON_ArrayForEach(it, arr)
		if (cJSON_IsString(it) && strcmp(it->valuestring, s) == 0)
			return 1;
	return 0;
}

static int have_jsonschema(void)
{
	return access("/usr/bin/python3", X_OK) == 0 &&
	       system("/usr/bin/python3 -c 'import jsonschema' >/dev/null 2>&1") == 0;
}

/* Validate SARIF text with tests/sarif_validate.py (skipped without jsonschema). */
static void validate_sarif(const char *text)
{
	if (!have_jsonschema()) {
		print_message("note: /usr/bin/python3 lacks jsonschema; SARIF schema check skipped\n");
		return;
	}
	char tmpl[] = "/tmp/etsilint-test-XXXXXX.sarif";
	int fd = mkstemps(tmpl, 6);
	assert_true(fd >= 0);
	size_t len = strlen(text);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	close(fd);
	char *cmd = xasprintf("/usr/bin/python3 %s/tests/sarif_validate.py %s", SRCDIR, tmpl);
	int rc = system(cmd);
	free(cmd);
	unlink(tmpl);
	assert_int_equal(rc, 0);
}

/* ---- findings ---- */

static void test_sort_and_dedupe(void **state)
{
	(void)state;
	struct findings fs = {0};
	add(&fs, R_MD5, "src/b.c", 3, 1, "md5()");
	add(&fs, R_PASSWORD, "src/a.c", 10, 5, "pw = \"x\"");
	add(&fs, R_DEBUG, "src/a.c", 10, 5, "uart");
	add(&fs, R_PASSWORD, "src/a.c", 2, 9, "pw2");
	add(&fs, R_PASSWORD, "src/a.c", 10, 5, "pw = \"x\""); /* exact duplicate */
	add(&fs, R_PASSWORD, "src/a.c", 10, 1, "pw = \"x\"");
	add(&fs, R_MD5, "Makefile", 99, 1, "");
	findings_finish(&fs);

	assert_int_equal(fs.n, 6);
	const struct {
		const char *relpath;
		unsigned line, col;
		int rule;
	} want[] = {
		{"Makefile", 99, 1, R_MD5},    {"src/a.c", 2, 9, R_PASSWORD},
		{"src/a.c", 10, 1, R_PASSWORD}, {"src/a.c", 10, 5, R_DEBUG},
		{"src/a.c", 10, 5, R_PASSWORD}, {"src/b.c", 3, 1, R_MD5},
	};
	for (size_t i = 0; i < fs.n; i++) {
		assert_string_equal(fs.v[i].relpath, want[i].relpath);
		assert_int_equal(fs.v[i].line, want[i].line);
		assert_int_equal(fs.v[i].col, want[i].col);
		assert_ptr_equal(fs.v[i].rule, &rules[want[i].rule]);
		assert_hex16(fs.v[i].fingerprint);
	}
	assert_int_equal(findings_count_at_least(&fs, SEV_CRITICAL), 3);
	assert_int_equal(findings_count_at_least(&fs, SEV_MEDIUM), 4);
	assert_int_equal(findings_count_at_least(&fs, SEV_INFO), 6);
	findings_free(&fs);
	findings_free(&fs); /* safe twice */
}

static void test_move(void **state)
{
	(void)state;
	struct findings a = {0}, b = {0};
	add(&a, R_MD5, "x.c", 1, 1, "a");
	add(&b, R_MD5, "y.c", 1, 1, "b");
	add(&b, R_MD5, "z.c", 1, 1, "c");
	findings_move(&a, &b);
	assert_int_equal(a.n, 3);
	assert_int_equal(b.n, 0);
	assert_null(b.v);
	assert_string_equal(a.v[2].snippet, "c");
	assert_string_equal(a.v[2].path, "fw/z.c");
	findings_free(&a);
	findings_free(&b);
}

static void test_fingerprint_survives_line_shift(void **state)
{
	(void)state;
	struct findings a = {0}, b = {0};
	add(&a, R_PASSWORD, "src/wifi.c", 10, 5, "pass = \"hunter2\";");
	add(&a, R_MD5, "src/wifi.c", 20, 3, "MD5_Init(&c);");
	/* Same code after lines were inserted above and the line re-indented. */
	add(&b, R_PASSWORD, "src/wifi.c", 42, 9, "pass  =  \"hunter2\" ;");
	add(&b, R_MD5, "src/wifi.c", 77, 1, "\tMD5_Init(&c);");
	findings_finish(&a);
	findings_finish(&b);
	assert_string_equal(a.v[0].fingerprint, b.v[0].fingerprint);
	assert_string_equal(a.v[1].fingerprint, b.v[1].fingerprint);
	assert_string_not_equal(a.v[0].fingerprint, a.v[1].fingerprint);
	findings_free(&a);
	findings_free(&b);
}

static void test_fingerprint_differs(void **state)
{
	(void)state;
	struct findings fs = {0};
	add(&fs, R_PASSWORD, "a.c", 1, 1, "pass = \"one\";");
	add(&fs, R_PASSWORD, "a.c", 2, 1, "pass = \"two\";");
	add(&fs, R_PASSWORD, "b.c", 1, 1, "pass = \"one\";"); /* other file */
	add(&fs, R_MD5, "a.c", 3, 1, "pass = \"one\";");      /* other rule */
	findings_finish(&fs);
	assert_int_equal(fs.n, 4);
	for (size_t i = 0; i < fs.n; i++)
		for (size_t j = i + 1; j < fs.n; j++)
			assert_string_not_equal(fs.v[i].fingerprint, fs.v[j].fingerprint);
	findings_free(&fs);
}

static void test_fingerprint_occurrence(void **state)
{
	(void)state;
	struct findings fs = {0}, one = {0}, shifted = {0};
	add(&fs, R_MD5, "a.c", 5, 2, "MD5(buf);");
	add(&fs, R_MD5, "a.c", 9, 2, "MD5(buf);");
	findings_finish(&fs);
	assert_int_equal(fs.n, 2);
	assert_string_not_equal(fs.v[0].fingerprint, fs.v[1].fingerprint);

	/* The first occurrence keeps its fingerprint when it is alone. */
	add(&one, R_MD5, "a.c", 100, 2, "MD5(buf);");
	findings_finish(&one);
	assert_string_equal(one.v[0].fingerprint, fs.v[0].fingerprint);

	/* Both move down: fingerprints follow the order, not the line numbers. */
	add(&shifted, R_MD5, "a.c", 30, 2, "MD5(buf);");
	add(&shifted, R_MD5, "a.c", 12, 2, "MD5(buf);");
	findings_finish(&shifted);
	assert_string_equal(shifted.v[0].fingerprint, fs.v[0].fingerprint);
	assert_string_equal(shifted.v[1].fingerprint, fs.v[1].fingerprint);
	findings_free(&fs);
	findings_free(&one);
	findings_free(&shifted);
}

static void assert_mask(const char *in, const char *want)
{
	char *m = finding_mask_secret(in, strlen(in));
	assert_string_equal(m, want);
	free(m);
}

static void test_mask_secret(void **state)
{
	(void)state;
	assert_mask("hunter2!", "hu*****!");
	assert_mask("correct horse battery", "co******************y");
	assert_mask("hunter2", "*******");
	assert_mask("ab", "**");
	assert_mask("", "");
	/* len is honoured, not the NUL */
	char *m = finding_mask_secret("abcdefghXYZ", 8);
	assert_string_equal(m, "ab*****h");
	free(m);
}

/* ---- shared helpers ---- */

static void test_report_helpers(void **state)
{
	(void)state;
	assert_ptr_equal(reporter_find("text"), &report_text);
	assert_ptr_equal(reporter_find("json"), &report_json);
	assert_ptr_equal(reporter_find("sarif"), &report_sarif);
	assert_ptr_equal(reporter_find("github"), &report_github);
	assert_null(reporter_find("xml"));
	size_t n = 0;
	while (reporter_table[n])
		n++;
	assert_int_equal(n, 4);

	char *refs = report_rule_refs(&rules[R_PASSWORD]);
	assert_string_equal(refs, "EN 303 645 5.1-1, 5.4-3, CWE-798, CWE-259");
	free(refs);
	refs = report_rule_refs(&rules[R_MD5]);
	assert_string_equal(refs, "EN 303 645 5.5-1, CWE-327");
	free(refs);

	assert_string_equal(report_sarif_level(SEV_CRITICAL), "error");
	assert_string_equal(report_sarif_level(SEV_HIGH), "error");
	assert_string_equal(report_sarif_level(SEV_MEDIUM), "warning");
	assert_string_equal(report_sarif_level(SEV_LOW), "note");
	assert_string_equal(report_sarif_level(SEV_INFO), "note");
	assert_string_equal(report_security_severity(SEV_CRITICAL), "9.5");
	assert_string_equal(report_security_severity(SEV_HIGH), "8.0");
	assert_string_equal(report_security_severity(SEV_MEDIUM), "5.5");
	assert_string_equal(report_security_severity(SEV_LOW), "3.0");
	assert_string_equal(report_security_severity(SEV_INFO), "0.0");
}

/* ---- text ---- */

static void test_text_output(void **state)
{
	(void)state;
	struct findings fs = {0};
	add(&fs, R_PASSWORD, "src/wifi.c", 12, 7, "pass = \"hu*****!\";");
	add(&fs, R_MD5, "src/wifi.c", 30, 1, "");
	findings_finish(&fs);
	struct scan_result res = result_of(&fs, NULL);
	char *out = render(&report_text, &res);
	assert_string_equal(out,
			    "fw/src/wifi.c:12:7: critical: Hard-coded password found [hardcoded-password]"
			    " (EN 303 645 5.1-1, 5.4-3, CWE-798, CWE-259)\n"
			    "    pass = \"hu*****!\";\n"
			    "fw/src/wifi.c:30:1: low: MD5 used found [weak-hash.md5]"
			    " (EN 303 645 5.5-1, CWE-327)\n");
	free(out);

	res.color = 1;
	out = render(&report_text, &res);
	assert_non_null(strstr(out, "\033[1mfw/src/wifi.c:12:7:\033[0m \033[1;31mcritical\033[0m: "));
	assert_non_null(strstr(out, "[\033[2mhardcoded-password\033[0m]"));
	assert_non_null(strstr(out, "\033[36mlow\033[0m"));
	free(out);

	/* No findings: no output at all. */
	struct findings none = {0};
	res = result_of(&none, NULL);
	out = render(&report_text, &res);
	assert_string_equal(out, "");
	free(out);
	findings_free(&fs);
}

static void test_text_escapes_control_chars(void **state)
{
	(void)state;
	struct findings fs = {0};
	add(&fs, R_MD5, "evil\033[2J.c", 1, 1, "x\ry");
	struct scan_result res = result_of(&fs, NULL);
	char *out = render(&report_text, &res);
	assert_null(strchr(out, '\033'));
	assert_null(strchr(out, '\r'));
	assert_non_null(strstr(out, "fw/evil\\x1b[2J.c:1:1: low: "));
	assert_non_null(strstr(out, "    x\\x0dy\n"));
	free(out);
	findings_free(&fs);
}

/* ---- JSON ---- */

static void test_json_output(void **state)
{
	(void)state;
	struct findings fs = {0};
	struct diag d;
	diag_init(&d);
	add(&fs, R_PASSWORD, "src/wifi.c", 12, 7, "pass = \"hu*****!\";");
	add(&fs, R_MD5, "src/wifi.c", 30, 1, "MD5(x);");
	fs.v[1].recovered = 1;
	findings_finish(&fs);
	diag_warn(&d, "src/broken.c", 4, 2, "parse error, recovered");
	diag_add(&d, DIAG_NOTE, 0, NULL, 0, 0, "note without a file");
	struct scan_result res = result_of(&fs, &d);

	char *out = render(&report_json, &res);
	assert_true(strlen(out) > 0 && out[strlen(out) - 1] == '\n');
	cJSON *j = cJSON_Parse(out);
	assert_non_null(j);

	assert_string_equal(get_str(j, "tool.name"), "etsilint");
	assert_string_equal(get_str(j, "tool.version"), "0.1.0");
	assert_int_equal(get_int(j, "schemaVersion"), 1);
	assert_string_equal(get_str(j, "root"), "/home/dev/my fw");
	assert_int_equal(get_int(j, "summary.files"), 7);
	assert_int_equal(get_int(j, "summary.findings"), 2);
	assert_int_equal(get_int(j, "summary.bySeverity.critical"), 1);
	assert_int_equal(get_int(j, "summary.bySeverity.high"), 0);
	assert_int_equal(get_int(j, "summary.bySeverity.low"), 1);
	assert_int_equal(get_int(j, "summary.bySeverity.info"), 0);

	assert_int_equal(cJSON_GetArraySize(get(j, "rules")), NRULES);
	assert_string_equal(get_str(j, "rules.1.id"), "hardcoded-password");
	assert_string_equal(get_str(j, "rules.1.title"), "Hard-coded password");
	assert_string_equal(get_str(j, "rules.1.severity"), "critical");
	assert_string_equal(get_str(j, "rules.1.provisions.1"), "5.4-3");
	assert_int_equal(get_int(j, "rules.1.cwe.0"), 798);
	assert_string_equal(get_str(j, "rules.1.precision"), "high");
	assert_true(cJSON_IsNull(get(j, "rules.0.precision")));

	assert_int_equal(cJSON_GetArraySize(get(j, "findings")), 2);
	assert_string_equal(get_str(j, "findings.0.rule"), "hardcoded-password");
	assert_string_equal(get_str(j, "findings.0.severity"), "critical");
	assert_string_equal(get_str(j, "findings.0.provisions.0"), "5.1-1");
	assert_int_equal(get_int(j, "findings.0.cwe.1"), 259);
	assert_string_equal(get_str(j, "findings.0.path"), "src/wifi.c");
	assert_int_equal(get_int(j, "findings.0.line"), 12);
	assert_int_equal(get_int(j, "findings.0.column"), 7);
	assert_int_equal(get_int(j, "findings.0.endLine"), 12);
	assert_int_equal(get_int(j, "findings.0.endColumn"), 12);
	assert_string_equal(get_str(j, "findings.0.message"), "Hard-coded password found");
	assert_string_equal(get_str(j, "findings.0.snippet"), "pass = \"hu*****!\";");
	assert_string_equal(get_str(j, "findings.0.fingerprint"), fs.v[0].fingerprint);
	assert_true(cJSON_IsFalse(get(j, "findings.0.recovered")));
	assert_true(cJSON_IsTrue(get(j, "findings.1.recovered")));

	assert_int_equal(cJSON_GetArraySize(get(j, "errors")), 2);
	assert_string_equal(get_str(j, "errors.0.level"), "warning");
	assert_string_equal(get_str(j, "errors.0.path"), "src/broken.c");
	assert_int_equal(get_int(j, "errors.0.line"), 4);
	assert_int_equal(get_int(j, "errors.0.column"), 2);
	assert_string_equal(get_str(j, "errors.0.message"), "parse error, recovered");
	assert_string_equal(get_str(j, "errors.1.level"), "note");
	assert_true(cJSON_IsNull(get(j, "errors.1.path")));
	assert_int_equal(get_int(j, "errors.1.line"), 0);

	cJSON_Delete(j);
	free(out);
	findings_free(&fs);
	diag_free(&d);
}

/* ---- SARIF ---- */

static void test_sarif_output(void **state)
{
	(void)state;
	struct findings fs = {0};
	struct diag d;
	diag_init(&d);
	add(&fs, R_PASSWORD, "src/my wifi.c", 12, 7, "pass = \"hu*****!\";");
	add(&fs, R_MD5, "src/wifi.c", 30, 1, "MD5(x);");
	fs.v[1].recovered = 1;
	fs.v[1].end_col = 1; /* degenerate: must still end after it starts */
	findings_finish(&fs);
	diag_error(&d, "/etc/etsilint/rules/bad.yaml", 3, 5, "unknown matcher 'foo'");
	diag_warn(&d, "src/big.bin", 0, 0, "skipped: too large");
	struct scan_result res = result_of(&fs, &d);

	char *out = render(&report_sarif, &res);
	cJSON *j = cJSON_Parse(out);
	assert_non_null(j);
	assert_string_equal(get_str(j, "$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
	assert_string_equal(get_str(j, "version"), "2.1.0");
	assert_int_equal(cJSON_GetArraySize(get(j, "runs")), 1);
	cJSON *run = get(j, "runs.0");

	/* driver and rules, in pack order */
	assert_string_equal(get_str(run, "tool.driver.name"), "etsilint");
	assert_string_equal(get_str(run, "tool.driver.semanticVersion"), "0.1.0");
	assert_int_equal(cJSON_GetArraySize(get(run, "tool.driver.rules")), NRULES);
	cJSON *pw = get(run, "tool.driver.rules.1");
	assert_string_equal(get_str(pw, "id"), "hardcoded-password");
	assert_string_equal(get_str(pw, "name"), "HardcodedPassword");
	assert_string_equal(get_str(run, "tool.driver.rules.2.name"), "WeakHashMd5");
	assert_string_equal(get_str(pw, "shortDescription.text"), "Hard-coded password");
	assert_string_equal(get_str(pw, "fullDescription.text"),
			    "A password is stored in the firmware image.");
	assert_string_equal(get_str(run, "tool.driver.rules.0.fullDescription.text"),
			    "Debug UART left enabled");
	assert_string_equal(get_str(pw, "helpUri"),
			    "https://cwe.mitre.org/data/definitions/798.html");
	assert_null(cJSON_GetObjectItem(get(run, "tool.driver.rules.0"), "helpUri"));
	const char *md = get_str(pw, "help.markdown");
	assert_non_null(strstr(md, "**Remediation**"));
	assert_non_null(strstr(md, "[https://example.org/guide](https://example.org/guide)"));
	assert_non_null(strstr(md, "CWE-798"));
	assert_non_null(strstr(get_str(pw, "help.text"), "Do it properly."));
	assert_string_equal(get_str(pw, "defaultConfiguration.level"), "error");
	assert_string_equal(get_str(pw, "properties.security-severity"), "9.5");
	assert_string_equal(get_str(pw, "properties.precision"), "high");
	assert_string_equal(get_str(run, "tool.driver.rules.2.properties.precision"), "low");
	assert_null(cJSON_GetObjectItem(get(run, "tool.driver.rules.0.properties"), "precision"));
	cJSON *tags = get(pw, "properties.tags");
	assert_true(array_has(tags, "security"));
	assert_true(array_has(tags, "external/cwe/cwe-798"));
	assert_true(array_has(tags, "external/cwe/cwe-259"));
	assert_true(array_has(tags, "en303645/5.4-3"));
	assert_true(array_has(get(pw, "properties.provisions"), "5.1-1"));
	assert_int_equal(cJSON_GetArraySize(get(pw, "relationships")), 2);
	assert_string_equal(get_str(pw, "relationships.1.target.id"), "5.4-3");
	assert_string_equal(get_str(pw, "relationships.1.target.toolComponent.name"), "EN 303 645");
	assert_string_equal(get_str(pw, "relationships.1.kinds.0"), "relevant");

	/* taxonomy */
	assert_string_equal(get_str(run, "taxonomies.0.name"), "EN 303 645");
	assert_string_equal(get_str(run, "taxonomies.0.version"), "2.1.1");
	assert_string_equal(get_str(run, "taxonomies.0.organization"), "ETSI");
	assert_true(cJSON_GetArraySize(get(run, "taxonomies.0.taxa")) > 30);
	int taxon = get_int(pw, "relationships.1.target.index");
	assert_string_equal(get_str(get(run, "taxonomies.0.taxa"), "0.id"), "4-1");
	assert_string_equal(get_str(cJSON_GetArrayItem(get(run, "taxonomies.0.taxa"), taxon), "id"),
			    "5.4-3");

	/* results */
	assert_string_equal(get_str(run, "originalUriBaseIds.SRCROOT.uri"), "file:///home/dev/my%20fw/");
	assert_int_equal(cJSON_GetArraySize(get(run, "results")), 2);
	cJSON *r0 = get(run, "results.0");
	assert_string_equal(get_str(r0, "ruleId"), "hardcoded-password");
	assert_int_equal(get_int(r0, "ruleIndex"), 1);
	assert_string_equal(get_str(r0, "level"), "error");
	assert_string_equal(get_str(r0, "message.text"), "Hard-coded password found");
	cJSON *loc = get(r0, "locations.0.physicalLocation");
	assert_string_equal(get_str(loc, "artifactLocation.uri"), "src/my%20wifi.c");
	assert_string_equal(get_str(loc, "artifactLocation.uriBaseId"), "SRCROOT");
	assert_int_equal(get_int(loc, "region.startLine"), 12);
	assert_int_equal(get_int(loc, "region.startColumn"), 7);
	assert_int_equal(get_int(loc, "region.endLine"), 12);
	assert_int_equal(get_int(loc, "region.endColumn"), 12);
	assert_string_equal(get_str(loc, "region.snippet.text"), "pass = \"hu*****!\";");
	assert_string_equal(get_str(r0, "partialFingerprints.etsilint/v1"), fs.v[0].fingerprint);
	assert_null(cJSON_GetObjectItem(r0, "properties"));
	cJSON *r1 = get(run, "results.1");
	assert_int_equal(get_int(r1, "ruleIndex"), 2);
	assert_string_equal(get_str(r1, "level"), "note");
	assert_int_equal(get_int(r1, "locations.0.physicalLocation.region.startColumn"), 1);
	assert_int_equal(get_int(r1, "locations.0.physicalLocation.region.endColumn"), 2);
	assert_true(cJSON_IsTrue(get(r1, "properties.recovered")));

	/* invocation */
	assert_true(cJSON_IsFalse(get(run, "invocations.0.executionSuccessful")));
	cJSON *notes = get(run, "invocations.0.toolExecutionNotifications");
	assert_int_equal(cJSON_GetArraySize(notes), 2);
	assert_string_equal(get_str(notes, "0.level"), "error");
	assert_string_equal(get_str(notes, "0.message.text"), "unknown matcher 'foo'");
	assert_string_equal(get_str(notes, "0.locations.0.physicalLocation.artifactLocation.uri"),
			    "file:///etc/etsilint/rules/bad.yaml");
	assert_int_equal(get_int(notes, "0.locations.0.physicalLocation.region.startLine"), 3);
	assert_string_equal(get_str(notes, "1.level"), "warning");
	assert_null(cJSON_GetObjectItem(get(notes, "1.locations.0.physicalLocation"), "region"));
	cJSON_Delete(j);

	validate_sarif(out);
	free(out);
	findings_free(&fs);
	diag_free(&d);

	/* No findings, no errors: still a valid log, execution successful. */
	struct findings none = {0};
	struct diag empty;
	diag_init(&empty);
	res = result_of(&none, &empty);
	out = render(&report_sarif, &res);
	j = cJSON_Parse(out);
	assert_non_null(j);
	assert_true(cJSON_IsTrue(get(j, "runs.0.invocations.0.executionSuccessful")));
	assert_int_equal(cJSON_GetArraySize(get(j, "runs.0.results")), 0);
	cJSON_Delete(j);
	validate_sarif(out);
	free(out);
	diag_free(&empty);
}

/* ---- hostile strings ---- */

static int is_valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t n = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3
			 : (*p & 0xf8) == 0xf0 ? 4 : 0;
		if (n == 0 || (n == 2 && *p < 0xc2))
			return 0;
		for (size_t i = 1; i < n; i++)
			if ((p[i] & 0xc0) != 0x80)
				return 0;
		p += n;
	}
	return 1;
}

static void test_special_characters(void **state)
{
	(void)state;
	static const char path[] = "dir \"q\"/back\\slash\t#?%/bad\xff\xfe\x01.c";
	static const char snippet[] = "s = \"\x1b[31m\\\"\x7f\xc3\xa9\xc3\" \xed\xa0\x80\xf4\x90\x80\x80";
	struct findings fs = {0};
	struct diag d;
	diag_init(&d);
	add(&fs, R_PASSWORD, path, 1, 1, snippet);
	free(fs.v[0].message);
	fs.v[0].message = xstrdup("value \"\\\n\xc0\xaf\" found");
	findings_finish(&fs);
	diag_warn(&d, path, 1, 1, "bad byte \xfe in \"%s\"", "x\\y");
	struct scan_result res = result_of(&fs, &d);
	res.root = "/tmp/odd root\xff";

	char *out = render(&report_json, &res);
	assert_true(is_valid_utf8(out));
	cJSON *j = cJSON_Parse(out);
	assert_non_null(j);
	const char *p = get_str(j, "findings.0.path");
	assert_non_null(strstr(p, "dir \"q\"/back\\slash\t#?%/bad\xef\xbf\xbd\xef\xbf\xbd\x01.c"));
	assert_non_null(strstr(get_str(j, "findings.0.message"), "\"\\\n"));
	assert_non_null(strstr(get_str(j, "findings.0.snippet"), "\xc3\xa9"));
	assert_true(is_valid_utf8(get_str(j, "errors.0.message")));
	cJSON_Delete(j);
	free(out);

	out = render(&report_sarif, &res);
	assert_true(is_valid_utf8(out));
	j = cJSON_Parse(out);
	assert_non_null(j);
	assert_string_equal(get_str(j, "runs.0.results.0.locations.0.physicalLocation.artifactLocation.uri"),
			    "dir%20%22q%22/back%5Cslash%09%23%3F%25/bad%FF%FE%01.c");
	assert_string_equal(get_str(j, "runs.0.originalUriBaseIds.SRCROOT.uri"),
			    "file:///tmp/odd%20root%FF/");
	cJSON_Delete(j);
	validate_sarif(out);
	free(out);

	findings_free(&fs);
	diag_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sort_and_dedupe),
		cmocka_unit_test(test_move),
		cmocka_unit_test(test_fingerprint_survives_line_shift),
		cmocka_unit_test(test_fingerprint_differs),
		cmocka_unit_test(test_fingerprint_occurrence),
		cmocka_unit_test(test_mask_secret),
		cmocka_unit_test(test_report_helpers),
		cmocka_unit_test(test_text_output),
		cmocka_unit_test(test_text_escapes_control_chars),
		cmocka_unit_test(test_json_output),
		cmocka_unit_test(test_sarif_output),
		cmocka_unit_test(test_special_characters),
	};
	return cmocka_run_group_tests(tests, pack_setup, pack_teardown);
}
