/* test_steps.c - data-flow paths (struct flow_step) carried by findings to
 * every output: deep copies, duplicates and order (finding.c), text notes,
 * JSON "steps", SARIF codeFlows (checked against the SARIF 2.1.0 schema with
 * tests/sarif_validate.py when python3-jsonschema is there), the results
 * cache (a warm scan's outputs equal the cold one's) and `etsilint merge`
 * (shards' JSON and SARIF merge into the full scan's bytes). Findings without
 * steps must print exactly as before: no note, no key.
 *
 * ETSILINT_STEPS_SARIF=FILE keeps a copy of the SARIF log with codeFlows
 * that the schema test writes (to validate or view it by hand). */
#include "testutil.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cJSON.h>

#include "cache.h"
#include "conformance.h"
#include "diag.h"
#include "finding.h"
#include "jsonw.h"
#include "merge.h"
#include "report.h"
#include "rule.h"
#include "util.h"

#define RULE(ID, SEV)                                              \
	"  - id: " ID "\n"                                         \
	"    title: Test rule " ID "\n"                            \
	"    message: 'name={name}'\n"                             \
	"    severity: " SEV "\n"                                  \
	"    provisions: [5.5-1]\n"                                \
	"    cwe: [20]\n"                                          \
	"    remediation: Validate it.\n"                          \
	"    match:\n"                                             \
	"      call: { name: strcpy }\n"

static const char pack_yaml[] = "rules:\n" RULE("tainted-copy", "high") RULE("weak-call", "low");

static struct rulepack pack;
static const struct rule *r_taint, *r_weak;

static int pack_setup(void **state)
{
	(void)state;
	struct diag d;
	diag_init(&d);
	memset(&pack, 0, sizeof pack);
	int rc = rulepack_load_string(&pack, "test.yaml", pack_yaml, strlen(pack_yaml), &d);
	if (rc != 0 || d.nerrors)
		diag_print(&d, stderr, "test_steps");
	diag_free(&d);
	r_taint = rulepack_find(&pack, "tainted-copy");
	r_weak = rulepack_find(&pack, "weak-call");
	return rc != 0 || !r_taint || !r_weak;
}

static int pack_teardown(void **state)
{
	(void)state;
	rulepack_free(&pack);
	return 0;
}

/* ---- helpers ---- */

/* The three steps of the path used throughout: source, assignment, sink. */
static const struct flow_step three[] = {
	{4, 9, 4, 12, (char *)"recv() writes untrusted data into 'buf'"},
	{6, 5, 6, 20, (char *)"'n' = strlen(buf): \"n\" is tainted"},
	{9, 3, 9, 9, (char *)"'buf' reaches strcpy()"},
};

static void add(struct findings *fs, const struct rule *r, const char *relpath, unsigned line,
		unsigned col, const char *snippet, const struct flow_step *steps, size_t nsteps)
{
	char *path = xasprintf("fw/%s", relpath);
	struct finding f = {
		.rule = r,
		.path = path,
		.relpath = (char *)relpath,
		.line = line,
		.col = col,
		.end_line = line,
		.end_col = col + 6,
		.message = (char *)(r == r_taint ? "untrusted data reaches strcpy()" : "weak call"),
		.snippet = (char *)snippet,
		.steps = (struct flow_step *)steps,
		.nsteps = nsteps,
	};
	findings_add(fs, &f);
	free(path);
}

/* One finding with the three steps in src/net.c, one without in src/util.c,
 * finished (sorted, fingerprinted). */
static void two_findings(struct findings *fs)
{
	add(fs, r_weak, "src/util.c", 3, 1, "gets(line);", NULL, 0);
	add(fs, r_taint, "src/net.c", 9, 3, "strcpy(dst, buf);", three, ARRAY_LEN(three));
	findings_finish(fs);
}

static struct scan_result result_of(const struct findings *fs, size_t nfiles)
{
	struct scan_result res = {
		.tool_version = "0.1.0",
		.root = "/home/dev/fw",
		.pack = &pack,
		.findings = fs,
		.nfiles = nfiles,
		.fail_on = SEV_LOW,
	};
	return res;
}

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

static cJSON *get(const cJSON *o, const char *path)
{
	char *copy = xstrdup(path);
	const cJSON *cur = o;
	for (char *tok = strtok(copy, "."); tok && cur; tok = strtok(NULL, "."))
		cur = (*tok >= '0' && *tok <= '9') ? cJSON_GetArrayItem(cur, atoi(tok))
						   : cJSON_GetObjectItemCaseSensitive(cur, tok);
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

static char *tmp_file(const char *suffix, const char *text)
{
	char *tmpl = xasprintf("/tmp/etsilint-steps-XXXXXX%s", suffix);
	int fd = mkstemps(tmpl, (int)strlen(suffix));
	assert_true(fd >= 0);
	size_t len = strlen(text);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	close(fd);
	return tmpl;
}

static int have_jsonschema(void)
{
	return access("/usr/bin/python3", X_OK) == 0 &&
	       system("/usr/bin/python3 -c 'import jsonschema' >/dev/null 2>&1") == 0;
}

static void validate_sarif(const char *text)
{
	const char *keep = getenv("ETSILINT_STEPS_SARIF");
	if (keep && *keep) {
		FILE *f = fopen(keep, "w");
		assert_non_null(f);
		fputs(text, f);
		assert_int_equal(fclose(f), 0);
	}
	if (!have_jsonschema()) {
		print_message("note: /usr/bin/python3 lacks jsonschema; SARIF schema check skipped\n");
		return;
	}
	char *file = tmp_file(".sarif", text);
	char *cmd = xasprintf("/usr/bin/python3 %s/tests/sarif_validate.py %s", SRCDIR, file);
	int rc = system(cmd);
	free(cmd);
	unlink(file);
	free(file);
	assert_int_equal(rc, 0);
}

static void assert_steps_equal(const struct finding *f, const struct flow_step *want, size_t n)
{
	assert_int_equal(f->nsteps, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(f->steps[i].line, want[i].line);
		assert_int_equal(f->steps[i].col, want[i].col);
		assert_int_equal(f->steps[i].end_line, want[i].end_line);
		assert_int_equal(f->steps[i].end_col, want[i].end_col);
		assert_string_equal(f->steps[i].message, want[i].message);
	}
}

/* ---- findings ---- */

static void test_deep_copy(void **state)
{
	(void)state;
	struct flow_step mine[3];
	memcpy(mine, three, sizeof mine);
	for (size_t i = 0; i < 3; i++)
		mine[i].message = xstrdup(three[i].message);
	struct findings a = {0}, b = {0};
	add(&a, r_taint, "src/net.c", 9, 3, "x", mine, 3);
	/* The caller's steps are its own: changing or freeing them is harmless. */
	mine[0].line = 99;
	for (size_t i = 0; i < 3; i++) {
		mine[i].message[0] = '#';
		free(mine[i].message);
	}
	assert_ptr_not_equal(a.v[0].steps, mine);
	assert_steps_equal(&a.v[0], three, 3);

	/* A NULL message is copied as ""; NULL steps or nsteps 0 give none. */
	struct flow_step odd = {1, 1, 1, 2, NULL};
	add(&a, r_taint, "src/a.c", 1, 1, "", &odd, 1);
	assert_int_equal(a.v[1].nsteps, 1);
	assert_string_equal(a.v[1].steps[0].message, "");
	add(&a, r_taint, "src/b.c", 1, 1, "", NULL, 3);
	assert_int_equal(a.v[2].nsteps, 0);
	assert_null(a.v[2].steps);
	add(&a, r_taint, "src/c.c", 1, 1, "", three, 0);
	assert_int_equal(a.v[3].nsteps, 0);
	assert_null(a.v[3].steps);

	/* Moved, not copied; freed once (the sanitizers watch). */
	add(&b, r_weak, "src/z.c", 1, 1, "", three, 2);
	const struct flow_step *moved = b.v[0].steps;
	findings_move(&a, &b);
	assert_int_equal(a.n, 5);
	assert_ptr_equal(a.v[4].steps, moved);
	findings_finish(&a);
	findings_free(&a);
	findings_free(&b);
	findings_free(&a); /* safe twice */
}

/* Duplicates (same rule, file, line, column) keep the first finding in the
 * total order, steps included, whatever order they were added in. */
static void test_duplicates(void **state)
{
	(void)state;
	static const struct flow_step other[] = {{2, 1, 2, 4, (char *)"argv[1] is untrusted"},
						 {9, 3, 9, 9, (char *)"reaches strcpy()"}};
	struct findings x = {0}, y = {0};
	add(&x, r_taint, "src/net.c", 9, 3, "s", three, 3);
	add(&x, r_taint, "src/net.c", 9, 3, "s", other, 2);
	add(&x, r_taint, "src/net.c", 9, 3, "s", three, 2);
	add(&y, r_taint, "src/net.c", 9, 3, "s", three, 2);
	add(&y, r_taint, "src/net.c", 9, 3, "s", other, 2);
	add(&y, r_taint, "src/net.c", 9, 3, "s", three, 3);
	findings_finish(&x);
	findings_finish(&y);
	assert_int_equal(x.n, 1);
	assert_int_equal(y.n, 1);
	assert_steps_equal(&x.v[0], other, 2); /* fewer steps, then the first step's line */
	assert_steps_equal(&y.v[0], other, 2);
	findings_free(&x);
	findings_free(&y);
}

/* ---- text ---- */

static const char text_plain[] =
	"fw/src/net.c:9:3: high: untrusted data reaches strcpy() [tainted-copy] (EN 303 645 5.5-1, CWE-20)\n"
	"    strcpy(dst, buf);\n"
	"fw/src/net.c:4:9: note: recv() writes untrusted data into 'buf'\n"
	"fw/src/net.c:6:5: note: 'n' = strlen(buf): \"n\" is tainted\n"
	"fw/src/net.c:9:3: note: 'buf' reaches strcpy()\n"
	"fw/src/util.c:3:1: low: weak call [weak-call] (EN 303 645 5.5-1, CWE-20)\n"
	"    gets(line);\n";

static void test_text_notes(void **state)
{
	(void)state;
	struct findings fs = {0};
	two_findings(&fs);
	struct scan_result res = result_of(&fs, 2);
	char *out = render(&report_text, &res);
	assert_string_equal(out, text_plain);
	free(out);

	res.color = 1;
	out = render(&report_text, &res);
	assert_string_equal(
		out,
		"\033[1mfw/src/net.c:9:3:\033[0m \033[1;31mhigh\033[0m: untrusted data reaches strcpy() "
		"[\033[2mtainted-copy\033[0m] (EN 303 645 5.5-1, CWE-20)\n"
		"    strcpy(dst, buf);\n"
		"\033[1mfw/src/net.c:4:9:\033[0m \033[1;36mnote\033[0m: recv() writes untrusted data into 'buf'\n"
		"\033[1mfw/src/net.c:6:5:\033[0m \033[1;36mnote\033[0m: 'n' = strlen(buf): \"n\" is tainted\n"
		"\033[1mfw/src/net.c:9:3:\033[0m \033[1;36mnote\033[0m: 'buf' reaches strcpy()\n"
		"\033[1mfw/src/util.c:3:1:\033[0m \033[36mlow\033[0m: weak call "
		"[\033[2mweak-call\033[0m] (EN 303 645 5.5-1, CWE-20)\n"
		"    gets(line);\n");
	free(out);

	/* No snippet: the notes follow the finding line; control bytes escaped;
	 * a suppressed finding prints neither itself nor its notes. */
	findings_free(&fs);
	struct flow_step evil = {2, 1, 2, 2, (char *)"bad\033[2J\n"};
	add(&fs, r_taint, "a.c", 5, 1, "", &evil, 1);
	add(&fs, r_taint, "b.c", 5, 1, "", three, 3);
	findings_finish(&fs);
	fs.v[1].suppressed = 1;
	res.color = 0;
	out = render(&report_text, &res);
	assert_string_equal(out, "fw/a.c:5:1: high: untrusted data reaches strcpy() [tainted-copy] "
				 "(EN 303 645 5.5-1, CWE-20)\n"
				 "fw/a.c:2:1: note: bad\\x1b[2J\\x0a\n");
	free(out);
	findings_free(&fs);
}

/* ---- JSON ---- */

static const char json_steps[] =
	"\t\t\t\"steps\":\t[{\n"
	"\t\t\t\t\t\"line\":\t4,\n"
	"\t\t\t\t\t\"column\":\t9,\n"
	"\t\t\t\t\t\"endLine\":\t4,\n"
	"\t\t\t\t\t\"endColumn\":\t12,\n"
	"\t\t\t\t\t\"message\":\t\"recv() writes untrusted data into 'buf'\"\n"
	"\t\t\t\t}, {\n"
	"\t\t\t\t\t\"line\":\t6,\n"
	"\t\t\t\t\t\"column\":\t5,\n"
	"\t\t\t\t\t\"endLine\":\t6,\n"
	"\t\t\t\t\t\"endColumn\":\t20,\n"
	"\t\t\t\t\t\"message\":\t\"'n' = strlen(buf): \\\"n\\\" is tainted\"\n"
	"\t\t\t\t}, {\n"
	"\t\t\t\t\t\"line\":\t9,\n"
	"\t\t\t\t\t\"column\":\t3,\n"
	"\t\t\t\t\t\"endLine\":\t9,\n"
	"\t\t\t\t\t\"endColumn\":\t9,\n"
	"\t\t\t\t\t\"message\":\t\"'buf' reaches strcpy()\"\n"
	"\t\t\t\t}]\n"
	"\t\t}, {\n";

/* Parse out, drop key from every element of the array at arr, print again. */
static char *without(const char *out, const char *arr, const char *key)
{
	cJSON *j = cJSON_Parse(out);
	assert_non_null(j);
	cJSON *it;
	cJSON_ArrayForEach(it, get(j, arr))
		cJSON_DeleteItemFromObjectCaseSensitive(it, key);
	char *text = cJSON_Print(j);
	cJSON_Delete(j);
	return text;
}

static char *reprint(const char *out)
{
	cJSON *j = cJSON_Parse(out);
	assert_non_null(j);
	char *text = cJSON_Print(j);
	cJSON_Delete(j);
	return text;
}

static void test_json_steps(void **state)
{
	(void)state;
	struct findings fs = {0};
	two_findings(&fs);
	struct scan_result res = result_of(&fs, 2);
	char *out = render(&report_json, &res);
	/* Exactly, as the streamed writer prints it, after the finding's state. */
	char *at = strstr(out, json_steps);
	assert_non_null(at);
	assert_non_null(strstr(out, "\t\t\t\"suppressed\":\tfalse,\n\t\t\t\"steps\":\t[{\n"));
	cJSON *j = cJSON_Parse(out);
	assert_non_null(j);
	assert_string_equal(get_str(j, "findings.0.path"), "src/net.c");
	cJSON *steps = get(j, "findings.0.steps");
	assert_int_equal(cJSON_GetArraySize(steps), 3);
	for (int i = 0; i < 3; i++) {
		cJSON *s = cJSON_GetArrayItem(steps, i);
		assert_int_equal(cJSON_GetArraySize(s), 5);
		assert_int_equal(get_int(s, "line"), (int)three[i].line);
		assert_int_equal(get_int(s, "column"), (int)three[i].col);
		assert_int_equal(get_int(s, "endLine"), (int)three[i].end_line);
		assert_int_equal(get_int(s, "endColumn"), (int)three[i].end_col);
		assert_string_equal(get_str(s, "message"), three[i].message);
	}
	/* No steps: no key. */
	assert_null(cJSON_GetObjectItemCaseSensitive(get(j, "findings.1"), "steps"));
	cJSON_Delete(j);

	/* The same findings without steps give the same document minus "steps". */
	struct findings bare = {0};
	add(&bare, r_weak, "src/util.c", 3, 1, "gets(line);", NULL, 0);
	add(&bare, r_taint, "src/net.c", 9, 3, "strcpy(dst, buf);", NULL, 0);
	findings_finish(&bare);
	res.findings = &bare;
	char *plain = render(&report_json, &res);
	assert_null(strstr(plain, "\"steps\""));
	char *a = without(out, "findings", "steps"), *b = reprint(plain);
	assert_string_equal(a, b);
	cJSON_free(a);
	cJSON_free(b);
	free(plain);
	free(out);
	findings_free(&bare);
	findings_free(&fs);
}

/* The conformance report's JSON lists findings with the same "steps". */
static void test_conformance_json_steps(void **state)
{
	(void)state;
	struct findings fs = {0};
	two_findings(&fs);
	struct scan_result res = result_of(&fs, 2);
	struct conformance c;
	conformance_build(&c, &res, NULL, NULL);
	const struct conf_writer *w = conformance_writer_find("json");
	assert_non_null(w);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(w->write(f, &c), 0);
	assert_int_equal(fclose(f), 0);
	conformance_free(&c);
	cJSON *j = cJSON_Parse(buf);
	assert_non_null(j);
	const cJSON *prov, *found = NULL;
	cJSON_ArrayForEach(prov, get(j, "provisions"))
		if (strcmp(get_str(prov, "id"), "5.5-1") == 0)
			found = prov;
	assert_non_null(found);
	cJSON *fl = get(found, "findings");
	assert_int_equal(cJSON_GetArraySize(fl), 2);
	assert_string_equal(get_str(fl, "0.rule"), "tainted-copy");
	cJSON *steps = get(fl, "0.steps");
	assert_int_equal(cJSON_GetArraySize(steps), 3);
	assert_int_equal(get_int(steps, "1.line"), 6);
	assert_int_equal(get_int(steps, "1.column"), 5);
	assert_int_equal(get_int(steps, "1.endLine"), 6);
	assert_int_equal(get_int(steps, "1.endColumn"), 20);
	assert_string_equal(get_str(steps, "2.message"), "'buf' reaches strcpy()");
	assert_null(cJSON_GetObjectItemCaseSensitive(get(fl, "1"), "steps"));
	cJSON_Delete(j);
	free(buf);
	findings_free(&fs);
}

/* ---- SARIF ---- */

static void test_sarif_code_flows(void **state)
{
	(void)state;
	struct findings fs = {0};
	two_findings(&fs);
	/* Degenerate positions are made 1-based and non-empty, as regions are. */
	struct flow_step odd[] = {{0, 0, 0, 0, (char *)"start"}, {7, 4, 7, 4, (char *)"end"}};
	add(&fs, r_taint, "src/z z.c", 1, 1, "", odd, 2);
	findings_finish(&fs);
	struct scan_result res = result_of(&fs, 3);
	char *out = render(&report_sarif, &res);
	cJSON *j = cJSON_Parse(out);
	assert_non_null(j);
	cJSON *r0 = get(j, "runs.0.results.0");
	assert_string_equal(get_str(r0, "ruleId"), "tainted-copy");
	cJSON *cfs = get(r0, "codeFlows");
	assert_int_equal(cJSON_GetArraySize(cfs), 1);
	assert_int_equal(cJSON_GetArraySize(get(cfs, "0")), 1); /* threadFlows only */
	assert_int_equal(cJSON_GetArraySize(get(cfs, "0.threadFlows")), 1);
	cJSON *locs = get(cfs, "0.threadFlows.0.locations");
	assert_int_equal(cJSON_GetArraySize(locs), 3);
	static const char *const importance[] = {"essential", "important", "essential"};
	for (int i = 0; i < 3; i++) {
		cJSON *tfl = cJSON_GetArrayItem(locs, i);
		assert_int_equal(cJSON_GetArraySize(tfl), 3);
		assert_int_equal(get_int(tfl, "executionOrder"), i + 1);
		assert_string_equal(get_str(tfl, "importance"), importance[i]);
		assert_int_equal(cJSON_GetArraySize(get(tfl, "location")), 2);
		assert_string_equal(get_str(tfl, "location.message.text"), three[i].message);
		cJSON *phys = get(tfl, "location.physicalLocation");
		/* the result's own artifactLocation */
		assert_true(cJSON_Compare(get(phys, "artifactLocation"),
					  get(r0, "locations.0.physicalLocation.artifactLocation"), 1));
		assert_string_equal(get_str(phys, "artifactLocation.uri"), "src/net.c");
		assert_string_equal(get_str(phys, "artifactLocation.uriBaseId"), "SRCROOT");
		cJSON *reg = get(phys, "region");
		assert_int_equal(cJSON_GetArraySize(reg), 4); /* no snippet */
		assert_int_equal(get_int(reg, "startLine"), (int)three[i].line);
		assert_int_equal(get_int(reg, "startColumn"), (int)three[i].col);
		assert_int_equal(get_int(reg, "endLine"), (int)three[i].end_line);
		assert_int_equal(get_int(reg, "endColumn"), (int)three[i].end_col);
	}
	/* The result without steps has no codeFlows. */
	assert_string_equal(get_str(j, "runs.0.results.1.ruleId"), "weak-call");
	assert_null(cJSON_GetObjectItemCaseSensitive(get(j, "runs.0.results.1"), "codeFlows"));
	/* Clamped positions, an encoded URI. */
	cJSON *z = get(j, "runs.0.results.2.codeFlows.0.threadFlows.0.locations");
	assert_string_equal(get_str(z, "0.location.physicalLocation.artifactLocation.uri"), "src/z%20z.c");
	assert_int_equal(get_int(z, "0.location.physicalLocation.region.startLine"), 1);
	assert_int_equal(get_int(z, "0.location.physicalLocation.region.startColumn"), 1);
	assert_int_equal(get_int(z, "0.location.physicalLocation.region.endLine"), 1);
	assert_int_equal(get_int(z, "0.location.physicalLocation.region.endColumn"), 2);
	assert_int_equal(get_int(z, "1.location.physicalLocation.region.endColumn"), 5);
	assert_string_equal(get_str(z, "0.importance"), "essential");
	assert_string_equal(get_str(z, "1.importance"), "essential");
	cJSON_Delete(j);
	validate_sarif(out);

	/* Without steps: the same log minus codeFlows. */
	struct findings bare = {0};
	add(&bare, r_weak, "src/util.c", 3, 1, "gets(line);", NULL, 0);
	add(&bare, r_taint, "src/net.c", 9, 3, "strcpy(dst, buf);", NULL, 0);
	add(&bare, r_taint, "src/z z.c", 1, 1, "", NULL, 0);
	findings_finish(&bare);
	res.findings = &bare;
	char *plain = render(&report_sarif, &res);
	assert_null(strstr(plain, "codeFlows"));
	char *a = without(out, "runs.0.results", "codeFlows"), *b = reprint(plain);
	assert_string_equal(a, b);
	cJSON_free(a);
	cJSON_free(b);
	free(plain);
	free(out);
	findings_free(&bare);
	findings_free(&fs);
}

/* ---- the results cache ---- */

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

static void test_cache_warm_equals_cold(void **state)
{
	(void)state;
	char dir[] = "/tmp/etsilint-steps-cache-XXXXXX";
	assert_non_null(mkdtemp(dir));
	struct diag d;
	diag_init(&d);
	struct cache *c = cache_open(dir, NULL, &d);
	assert_non_null(c);
	struct findings cold = {0}, warm = {0}, one = {0};
	two_findings(&cold);
	/* Per file, as the engine stores them. */
	for (size_t i = 0; i < cold.n; i++) {
		findings_free(&one);
		findings_add(&one, &cold.v[i]);
		cache_put(c, 100 + i, &one, 0);
	}
	findings_free(&one);
	for (size_t i = 0; i < cold.n; i++)
		assert_int_equal(cache_get(c, 100 + i, &pack, cold.v[i].path, cold.v[i].relpath, &warm), 1);
	findings_finish(&warm);
	assert_int_equal(warm.n, cold.n);
	struct scan_result rc = result_of(&cold, 2), rw = result_of(&warm, 2);
	static const struct reporter_ops *const ops[] = {&report_text, &report_json, &report_sarif};
	for (size_t i = 0; i < ARRAY_LEN(ops); i++) {
		char *a = render(ops[i], &rc), *b = render(ops[i], &rw);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
	assert_steps_equal(&warm.v[0], three, 3);
	findings_free(&cold);
	findings_free(&warm);
	cache_close(c);
	assert_int_equal(nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS), 0);
	diag_free(&d);
}

/* ---- etsilint merge ---- */

/* Render fs (nfiles) with ops into a temporary file; its name. */
static char *shard_file(const struct reporter_ops *ops, const struct findings *fs, size_t nfiles)
{
	struct scan_result res = result_of(fs, nfiles);
	char *text = render(ops, &res);
	char *file = tmp_file(ops == &report_sarif ? ".sarif" : ".json", text);
	free(text);
	return file;
}

static void test_merge_keeps_steps(void **state)
{
	(void)state;
	struct findings full = {0}, p1 = {0}, p2 = {0};
	two_findings(&full);
	add(&full, r_taint, "src/util.c", 8, 2, "strcpy(a, b);", three + 1, 2);
	findings_finish(&full);
	/* Shards by file: src/net.c, then src/util.c. */
	for (size_t i = 0; i < full.n; i++)
		findings_add(strcmp(full.v[i].relpath, "src/net.c") == 0 ? &p1 : &p2, &full.v[i]);
	static const struct reporter_ops *const ops[] = {&report_json, &report_sarif};
	for (size_t k = 0; k < ARRAY_LEN(ops); k++) {
		struct scan_result res = result_of(&full, 2);
		char *want = render(ops[k], &res);
		/* The shards in reverse order: the merge sorts. */
		char *files[2] = {shard_file(ops[k], &p2, 1), shard_file(ops[k], &p1, 1)};
		struct diag d;
		diag_init(&d);
		cJSON *doc = NULL;
		struct merge_info info;
		int rc = merge_reports((const char *const *)files, 2, MERGE_AUTO, &doc, &info, &d);
		if (rc != 0)
			diag_print(&d, stderr, "test_steps");
		assert_int_equal(rc, 0);
		assert_int_equal(info.findings, 3);
		char *got = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&got, &len);
		assert_non_null(f);
		assert_int_equal(jsonw_print(f, doc), 0);
		assert_int_equal(fclose(f), 0);
		assert_string_equal(got, want);
		assert_non_null(strstr(got, ops[k] == &report_sarif ? "\"codeFlows\"" : "\"steps\""));
		free(got);
		free(want);
		for (size_t i = 0; i < 2; i++) {
			unlink(files[i]);
			free(files[i]);
		}
		diag_free(&d);
	}
	findings_free(&full);
	findings_free(&p1);
	findings_free(&p2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deep_copy),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_text_notes),
		cmocka_unit_test(test_json_steps),
		cmocka_unit_test(test_conformance_json_steps),
		cmocka_unit_test(test_sarif_code_flows),
		cmocka_unit_test(test_cache_warm_equals_cold),
		cmocka_unit_test(test_merge_keeps_steps),
	};
	return cmocka_run_group_tests(tests, pack_setup, pack_teardown);
}
