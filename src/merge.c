/* merge.c - shards (--shard K/N) and `etsilint merge` (see merge.h).
 *
 * The merge works on the parsed documents: the first input is the
 * skeleton (tool, rules, root; SARIF: taxonomies, originalUriBaseIds and
 * the invocation), and its findings, summary and errors are replaced by the
 * joined ones. Items are moved between documents, never rebuilt, so a field
 * this version does not know survives the merge. */
#include "merge.h"

#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "util.h"

#define JSON_SCHEMA_VERSION 1 /* what report_json.c writes */

/* ---- shards ---- */

int merge_shard_parse(const char *s, unsigned *k, unsigned *n)
{
	unsigned long v[2];
	const char *p = s;
	for (int i = 0; i < 2; i++) {
		if (*p < '0' || *p > '9')
			return -1;
		unsigned long x = 0;
		for (; *p >= '0' && *p <= '9'; p++) {
			x = x * 10 + (unsigned long)(*p - '0');
			if (x > MERGE_MAX_SHARDS)
				return -1;
		}
		v[i] = x;
		if (i == 0 && *p++ != '/')
			return -1;
	}
	if (*p || v[0] < 1 || v[0] > v[1])
		return -1;
	*k = (unsigned)v[0];
	*n = (unsigned)v[1];
	return 0;
}

unsigned merge_shard_of(const char *relpath, unsigned n)
{
	return (unsigned)(hash_str(HASH_SEED, relpath) % (n ? n : 1)) + 1;
}

/* ---- reading the inputs ---- */

struct input {
	const char *name;
	cJSON *doc;             /* NULL when it could not be used */
	enum merge_format fmt;
	const char *version;    /* the tool's version */
	const cJSON *rules;     /* rules / runs[0].tool.driver.rules */
	cJSON *items;           /* findings / runs[0].results */
	cJSON *notes;           /* errors / runs[0].invocations[0].toolExecutionNotifications, or NULL */
	const cJSON *root;      /* JSON: root (string or null) */
	double files;           /* JSON: summary.files */
	int success;            /* SARIF: runs[0].invocations[0].executionSuccessful */
};

static cJSON *get(const cJSON *o, const char *key)
{
	return cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
}

static const char *str_of(const cJSON *o, const char *key)
{
	const cJSON *v = get(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int is_str(const cJSON *v, const char *s)
{
	return cJSON_IsString(v) && strcmp(v->valuestring, s) == 0;
}

static const char *format_name(enum merge_format f)
{
	return f == MERGE_SARIF ? "a SARIF log" : f == MERGE_JSON ? "an etsilint JSON report" : "?";
}

/* 1-based line and column of byte offset off in text. */
static void text_pos(const char *text, size_t off, unsigned *line, unsigned *col)
{
	unsigned l = 1, c = 1;
	for (size_t i = 0; i < off; i++) {
		if (text[i] == '\n')
			l++, c = 1;
		else
			c++;
	}
	*line = l;
	*col = c;
}

/* SARIF: "$schema" or "version": "2.1.0", with "runs"; etsilint JSON:
 * "schemaVersion" with "findings". */
static enum merge_format detect(const cJSON *doc)
{
	if (cJSON_IsArray(get(doc, "runs")) &&
	    (cJSON_IsString(get(doc, "$schema")) || is_str(get(doc, "version"), "2.1.0")))
		return MERGE_SARIF;
	if (cJSON_IsNumber(get(doc, "schemaVersion")) && cJSON_IsArray(get(doc, "findings")))
		return MERGE_JSON;
	return MERGE_AUTO;
}

static int check_json(struct input *in, struct diag *d)
{
	const cJSON *doc = in->doc, *tool = get(doc, "tool");
	const cJSON *ver = get(doc, "schemaVersion");
	if (!is_str(get(tool, "name"), "etsilint")) {
		diag_error(d, in->name, 0, 0, "not an etsilint report: tool.name is not \"etsilint\"");
		return -1;
	}
	if (ver->valuedouble != JSON_SCHEMA_VERSION) {
		diag_error(d, in->name, 0, 0, "schemaVersion %g: this etsilint merges version %d",
			   ver->valuedouble, JSON_SCHEMA_VERSION);
		return -1;
	}
	in->version = str_of(tool, "version");
	in->root = get(doc, "root");
	in->rules = get(doc, "rules");
	in->items = get(doc, "findings");
	in->notes = get(doc, "errors");
	const cJSON *files = get(get(doc, "summary"), "files");
	const char *missing = !in->version ? "tool.version" :
			      !(cJSON_IsString(in->root) || cJSON_IsNull(in->root)) ? "root" :
			      !cJSON_IsNumber(files) || files->valuedouble < 0 ? "summary.files" :
			      !cJSON_IsArray(in->rules) ? "rules" :
			      in->notes && !cJSON_IsArray(in->notes) ? "errors" : NULL;
	if (missing) {
		diag_error(d, in->name, 0, 0, "malformed etsilint JSON report: no valid \"%s\"", missing);
		return -1;
	}
	in->files = files->valuedouble;
	size_t i = 0;
	const cJSON *f;
	cJSON_ArrayForEach(f, in->items) {
		if (!cJSON_IsString(get(f, "path")) || !cJSON_IsNumber(get(f, "line")) ||
		    !cJSON_IsNumber(get(f, "column")) || !cJSON_IsString(get(f, "rule"))) {
			diag_error(d, in->name, 0, 0, "malformed etsilint JSON report: findings[%zu] "
				   "lacks a path, line, column or rule", i);
			return -1;
		}
		i++;
	}
	return 0;
}

static int check_sarif(struct input *in, struct diag *d)
{
	const cJSON *doc = in->doc, *runs = get(doc, "runs");
	const char *v = str_of(doc, "version");
	if (!v || strcmp(v, "2.1.0") != 0) {
		diag_error(d, in->name, 0, 0, "SARIF version %s: merge reads 2.1.0", v ? v : "missing");
		return -1;
	}
	if (cJSON_GetArraySize(runs) != 1) {
		diag_error(d, in->name, 0, 0, "SARIF log with %d runs: etsilint writes one",
			   cJSON_GetArraySize(runs));
		return -1;
	}
	const cJSON *run = cJSON_GetArrayItem(runs, 0), *driver = get(get(run, "tool"), "driver");
	if (!is_str(get(driver, "name"), "etsilint")) {
		diag_error(d, in->name, 0, 0,
			   "not a SARIF log of etsilint: runs[0].tool.driver.name is not \"etsilint\"");
		return -1;
	}
	in->version = str_of(driver, "version");
	in->rules = get(driver, "rules");
	in->items = get(run, "results");
	const cJSON *inv = cJSON_GetArrayItem(get(run, "invocations"), 0);
	in->notes = get(inv, "toolExecutionNotifications");
	in->success = !cJSON_IsFalse(get(inv, "executionSuccessful"));
	const char *missing = !in->version ? "runs[0].tool.driver.version" :
			      !cJSON_IsArray(in->rules) ? "runs[0].tool.driver.rules" :
			      !cJSON_IsArray(in->items) ? "runs[0].results" :
			      in->notes && !cJSON_IsArray(in->notes) ?
				"runs[0].invocations[0].toolExecutionNotifications" : NULL;
	if (missing) {
		diag_error(d, in->name, 0, 0, "malformed SARIF log: no valid \"%s\"", missing);
		return -1;
	}
	size_t i = 0;
	const cJSON *r;
	cJSON_ArrayForEach(r, in->items) {
		if (!cJSON_IsString(get(r, "ruleId"))) {
			diag_error(d, in->name, 0, 0, "malformed SARIF log: runs[0].results[%zu] has no "
				   "ruleId", i);
			return -1;
		}
		i++;
	}
	return 0;
}

/* Read, parse, detect and check one input. On failure in->doc is NULL and
 * the problem is in d. */
static void load_input(struct input *in, enum merge_format want, struct diag *d)
{
	char *text;
	size_t len;
	int rc = util_read_file(in->name, 0, &text, &len);
	if (rc != 0) {
		diag_error(d, in->name, 0, 0, "cannot read: %s", strerror(-rc));
		return;
	}
	const char *nul = memchr(text, '\0', len);
	const char *end = NULL;
	/* The terminating NUL belongs to the buffer: nothing may follow the value. */
	in->doc = nul ? NULL : cJSON_ParseWithLengthOpts(text, len + 1, &end, 1);
	if (!in->doc) {
		unsigned line = 1, col = 1;
		if (nul)
			end = nul;
		if (end && end >= text && end <= text + len)
			text_pos(text, (size_t)(end - text), &line, &col);
		diag_error(d, in->name, line, col, "not valid JSON%s: merge reads the JSON or SARIF "
			   "reports of etsilint scan", len == 0 ? " (the file is empty)" : "");
		free(text);
		return;
	}
	free(text);
	in->fmt = detect(in->doc);
	int ok;
	if (in->fmt == MERGE_AUTO) {
		diag_error(d, in->name, 0, 0, "neither an etsilint JSON report (\"schemaVersion\", "
			   "\"findings\") nor a SARIF log (\"version\": \"2.1.0\", \"runs\")");
		ok = -1;
	} else if (want != MERGE_AUTO && in->fmt != want) {
		diag_error(d, in->name, 0, 0, "is %s, not %s (--format %s)", format_name(in->fmt),
			   format_name(want), want == MERGE_SARIF ? "sarif" : "json");
		ok = -1;
	} else {
		ok = in->fmt == MERGE_JSON ? check_json(in, d) : check_sarif(in, d);
	}
	if (ok != 0) {
		cJSON_Delete(in->doc);
		in->doc = NULL;
	}
}

/* "rule 3 is 'a' here but 'b' in REF" and the like, for two rule arrays
 * that differ. New string. */
static char *rules_difference(const cJSON *a, const cJSON *b, const char *refname)
{
	int na = cJSON_GetArraySize(a), nb = cJSON_GetArraySize(b);
	const cJSON *x = a ? a->child : NULL, *y = b ? b->child : NULL;
	for (int i = 0; x && y; i++, x = x->next, y = y->next) {
		if (cJSON_Compare(x, y, 1))
			continue;
		const char *ix = str_of(x, "id"), *iy = str_of(y, "id");
		ix = ix ? ix : "?";
		iy = iy ? iy : "?";
		if (strcmp(ix, iy) == 0)
			return xasprintf("rule '%s' is configured differently (severity, title ...)", ix);
		return xasprintf("rule %d is '%s' here but '%s' in %s", i + 1, ix, iy, refname);
	}
	return xasprintf("%d rules here, %d in %s", na, nb, refname);
}

/* Is input in consistent with the reference input ref? */
static void check_consistent(const struct input *ref, const struct input *in, struct diag *d)
{
	if (in->fmt != ref->fmt) {
		diag_error(d, in->name, 0, 0, "is %s but %s is %s: merge reports of one format",
			   format_name(in->fmt), ref->name, format_name(ref->fmt));
		return;
	}
	if (strcmp(in->version, ref->version) != 0)
		diag_error(d, in->name, 0, 0, "written by etsilint %s but %s by etsilint %s: merge "
			   "reports of one etsilint version", in->version, ref->name, ref->version);
	if (!cJSON_Compare(in->rules, ref->rules, 1)) {
		char *why = rules_difference(in->rules, ref->rules, ref->name);
		diag_error(d, in->name, 0, 0, "another rule set than %s (%s): merge reports scanned "
			   "with the same rules and configuration", ref->name, why);
		free(why);
	}
	if (in->fmt == MERGE_JSON && !cJSON_Compare(in->root, ref->root, 1))
		diag_error(d, in->name, 0, 0, "root %s differs from %s's %s: merge reports of one "
			   "scan root", cJSON_IsString(in->root) ? in->root->valuestring : "null",
			   ref->name, cJSON_IsString(ref->root) ? ref->root->valuestring : "null");
}

/* ---- sorting ---- */

/* A finding or an error, with its sort key: path, line, column, then the
 * rule id (findings) or the message and level (errors). */
struct entry {
	cJSON *item, *parent;
	size_t input, pos;
	const char *path;
	char *decoded;          /* owned: path decoded from a SARIF URI */
	double line, col;
	const char *text;       /* rule id, or the message */
	const char *level;      /* errors: the level, else "" */
};

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The path a SARIF URI was made from (report_sarif.c percent-encodes paths
 * and gives absolute ones as file://), so that results sort as the scan
 * sorted its findings. New string. */
static char *uri_path(const char *uri)
{
	struct sbuf b = {0};
	if (strncmp(uri, "file://", 7) == 0)
		uri += 7;
	for (const char *p = uri; *p; p++) {
		int h, l;
		if (*p == '%' && (h = hexval(p[1])) >= 0 && (l = hexval(p[2])) >= 0) {
			sbuf_addc(&b, (char)(h * 16 + l));
			p += 2;
		} else {
			sbuf_addc(&b, *p);
		}
	}
	return sbuf_take(&b);
}

static double num_of(const cJSON *o, const char *key)
{
	const cJSON *v = get(o, key);
	return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

static void entry_init(struct entry *e, cJSON *item, cJSON *parent, size_t input, size_t pos,
		       enum merge_format fmt, int is_note)
{
	memset(e, 0, sizeof *e);
	e->item = item;
	e->parent = parent;
	e->input = input;
	e->pos = pos;
	e->level = "";
	if (fmt == MERGE_JSON) {
		e->path = str_of(item, "path");
		e->line = num_of(item, "line");
		e->col = num_of(item, "column");
		e->text = str_of(item, is_note ? "message" : "rule");
	} else {
		const cJSON *loc = get(cJSON_GetArrayItem(get(item, "locations"), 0), "physicalLocation");
		const char *uri = str_of(get(loc, "artifactLocation"), "uri");
		const cJSON *reg = get(loc, "region");
		if (uri)
			e->path = e->decoded = uri_path(uri);
		e->line = num_of(reg, "startLine");
		e->col = num_of(reg, "startColumn");
		e->text = is_note ? str_of(get(item, "message"), "text") : str_of(item, "ruleId");
	}
	if (is_note && str_of(item, "level"))
		e->level = str_of(item, "level");
	if (!e->path)
		e->path = "";
	if (!e->text)
		e->text = "";
}

static int cmp_num(double a, double b)
{
	return a < b ? -1 : a > b;
}

static int cmp_key(const struct entry *a, const struct entry *b)
{
	int c = strcmp(a->path, b->path);
	if (c == 0 && (c = cmp_num(a->line, b->line)) == 0 && (c = cmp_num(a->col, b->col)) == 0 &&
	    (c = strcmp(a->text, b->text)) == 0)
		c = strcmp(a->level, b->level);
	return c;
}

/* Equal keys keep their input order: a scan's own order is kept. */
static int cmp_entry(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int c = cmp_key(a, b);
	if (c == 0 && (c = cmp_num((double)a->input, (double)b->input)) == 0)
		c = cmp_num((double)a->pos, (double)b->pos);
	return c;
}

struct entries {
	struct entry *v;
	size_t n, cap;
};

static void entries_collect(struct entries *es, cJSON *arr, size_t input, enum merge_format fmt,
			    int is_note)
{
	size_t pos = 0;
	cJSON *item;
	cJSON_ArrayForEach(item, arr) {
		if (es->n == es->cap) {
			es->cap = es->cap ? es->cap * 2 : 64;
			es->v = xrealloc(es->v, es->cap * sizeof *es->v);
		}
		entry_init(&es->v[es->n++], item, arr, input, pos++, fmt, is_note);
	}
}

static void entries_free(struct entries *es)
{
	for (size_t i = 0; i < es->n; i++)
		free(es->v[i].decoded);
	free(es->v);
	memset(es, 0, sizeof *es);
}

static void move_to(cJSON *arr, const struct entry *e)
{
	jsonw_push(arr, cJSON_DetachItemViaPointer(e->parent, e->item));
}

/* Findings or results, sorted, into a new array. A finding found in two
 * inputs means that they overlap (not shards of one scan): an error. */
static cJSON *join_findings(struct entries *es, const struct input *in, struct diag *d)
{
	if (es->n) /* qsort wants a non-NULL array even for 0 elements */
		qsort(es->v, es->n, sizeof *es->v, cmp_entry);
	size_t errors = d->nerrors;
	for (size_t i = 1; i < es->n; i++) {
		const struct entry *a = &es->v[i - 1], *b = &es->v[i];
		if (a->input != b->input && cmp_key(a, b) == 0 && errors == d->nerrors)
			diag_error(d, in[b->input].name, 0, 0, "finding %s:%g:%g [%s] is also in %s: "
				   "merge the reports of one --shard N, each K once", b->path, b->line,
				   b->col, b->text, in[a->input].name);
	}
	if (d->nerrors != errors)
		return NULL;
	cJSON *arr = jsonw_arr();
	for (size_t i = 0; i < es->n; i++)
		move_to(arr, &es->v[i]);
	return arr;
}

/* Errors or notifications, sorted, into a new array. Every shard reports the
 * problems found before the files are divided (rule pack, walk, compile
 * database): equal entries are kept as often as the input that has them
 * most often has them, not once per input. */
static cJSON *join_notes(struct entries *es)
{
	if (es->n) /* qsort wants a non-NULL array even for 0 elements */
		qsort(es->v, es->n, sizeof *es->v, cmp_entry);
	cJSON *arr = jsonw_arr();
	for (size_t i = 0; i < es->n;) {
		size_t j = i + 1;
		while (j < es->n && cmp_key(&es->v[i], &es->v[j]) == 0)
			j++;
		/* es->v[i..j) are equal, grouped by input. */
		size_t best = i, nbest = 0;
		for (size_t a = i; a < j;) {
			size_t b = a + 1;
			while (b < j && es->v[b].input == es->v[a].input)
				b++;
			if (b - a > nbest)
				best = a, nbest = b - a;
			a = b;
		}
		for (size_t k = best; k < best + nbest; k++)
			move_to(arr, &es->v[k]);
		i = j;
	}
	return arr;
}

/* Replace obj[key] by item (taken over), or add it. */
static void set_key(cJSON *obj, const char *key, cJSON *item)
{
	if (get(obj, key)) {
		if (!cJSON_ReplaceItemInObjectCaseSensitive(obj, key, item))
			util_oom();
	} else {
		jsonw_add(obj, key, item);
	}
}

/* ---- the two formats ---- */

/* The summary report_json.c writes, counted from the merged findings. */
static cJSON *json_summary(const cJSON *findings, double files)
{
	static const char *const sev[] = {"critical", "high", "medium", "low", "info"};
	size_t count[ARRAY_LEN(sev)] = {0}, n = 0, nsup = 0, nbase = 0;
	const cJSON *f;
	cJSON_ArrayForEach(f, findings) {
		const char *s = str_of(f, "severity"), *b = str_of(f, "baseline");
		for (size_t k = 0; s && k < ARRAY_LEN(sev); k++)
			count[k] += strcmp(s, sev[k]) == 0;
		nsup += cJSON_IsTrue(get(f, "suppressed")) != 0;
		nbase += b && strcmp(b, "unchanged") == 0;
		n++;
	}
	cJSON *o = jsonw_obj();
	jsonw_add(o, "files", jsonw_num(files));
	jsonw_add(o, "findings", jsonw_num((double)n));
	cJSON *by = jsonw_obj();
	for (size_t k = 0; k < ARRAY_LEN(sev); k++)
		jsonw_add(by, sev[k], jsonw_num((double)count[k]));
	jsonw_add(o, "bySeverity", by);
	jsonw_add(o, "suppressed", jsonw_num((double)nsup));
	jsonw_add(o, "baselined", jsonw_num((double)nbase));
	return o;
}

/* Merge inputs in[0..n-1] (all usable, one format) into in[0]'s document,
 * which is taken over. Returns it, or NULL with the problem in d. */
static cJSON *merge_docs(struct input *in, size_t n, struct merge_info *info, struct diag *d)
{
	enum merge_format fmt = in[0].fmt;
	struct entries fe = {0}, ne = {0};
	double files = 0;
	int success = 1;
	for (size_t i = 0; i < n; i++) {
		entries_collect(&fe, in[i].items, i, fmt, 0);
		entries_collect(&ne, in[i].notes, i, fmt, 1);
		files += in[i].files;
		success &= in[i].success;
	}
	cJSON *findings = join_findings(&fe, in, d);
	if (!findings) {
		entries_free(&fe);
		entries_free(&ne);
		return NULL;
	}
	cJSON *notes = join_notes(&ne);
	cJSON *doc = in[0].doc;
	in[0].doc = NULL;
	info->format = fmt;
	info->findings = (size_t)cJSON_GetArraySize(findings);
	if (fmt == MERGE_JSON) {
		info->files = (size_t)files;
		set_key(doc, "summary", json_summary(findings, files));
		set_key(doc, "findings", findings);
		set_key(doc, "errors", notes);
	} else {
		cJSON *run = cJSON_GetArrayItem(get(doc, "runs"), 0);
		cJSON *invs = get(run, "invocations");
		if (!cJSON_IsArray(invs)) {
			invs = jsonw_arr();
			set_key(run, "invocations", invs);
		}
		cJSON *inv = cJSON_GetArrayItem(invs, 0);
		if (!cJSON_IsObject(inv)) {
			inv = jsonw_obj();
			jsonw_push(invs, inv);
		}
		set_key(inv, "executionSuccessful", jsonw_bool(success));
		set_key(inv, "toolExecutionNotifications", notes);
		set_key(run, "results", findings);
	}
	entries_free(&fe);
	entries_free(&ne);
	return doc;
}

int merge_reports(const char *const *inputs, size_t n, enum merge_format want, cJSON **out,
		  struct merge_info *info, struct diag *d)
{
	*out = NULL;
	memset(info, 0, sizeof *info);
	if (n == 0)
		return -1;
	size_t errors = d->nerrors;
	struct input *in = xcalloc(n, sizeof *in);
	const struct input *ref = NULL;
	for (size_t i = 0; i < n; i++) {
		in[i].name = inputs[i];
		load_input(&in[i], want, d);
		if (!in[i].doc)
			continue;
		if (ref)
			check_consistent(ref, &in[i], d);
		else
			ref = &in[i];
	}
	if (d->nerrors == errors)
		*out = merge_docs(in, n, info, d);
	for (size_t i = 0; i < n; i++)
		cJSON_Delete(in[i].doc);
	free(in);
	return *out ? 0 : -1;
}
