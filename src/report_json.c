/* report_json.c - machine-readable JSON output (schema version 1).
 *
 * The schema is stable: fields are only ever added; a removal or a change of
 * meaning bumps "schemaVersion". It is also documented in docs/json-format.md.
 *
 * {
 *   "tool": { "name": "etsilint", "version": "0.1.0" },
 *   "schemaVersion": 1,
 *   "root": "/abs/scan/root",           string, or null when unknown
 *   "summary": {
 *     "files": 12,                       files scanned
 *     "findings": 3,                     number of entries in "findings"
 *     "bySeverity": { "critical": 0, "high": 2, "medium": 1, "low": 0, "info": 0 }
 *   },
 *   "rules": [                           every rule of the pack, sorted by id
 *     { "id": "hardcoded-password", "title": "...", "severity": "high",
 *       "provisions": ["5.1-1", "5.4-3"], "cwe": [798],
 *       "precision": "high" }            string, or null when unspecified
 *   ],
 *   "findings": [                        sorted by (path, line, column, rule)
 *     { "rule": "hardcoded-password", "severity": "high",
 *       "provisions": ["5.1-1"], "cwe": [798],
 *       "path": "src/wifi.c",            relative to "root", '/' separated
 *       "line": 10, "column": 5,         1-based; columns count bytes
 *       "endLine": 10, "endColumn": 20,  end line inclusive, end column exclusive
 *       "message": "...", "snippet": "...",   secrets masked; snippet may be ""
 *       "fingerprint": "0123456789abcdef",    16 hex digits, stable across line shifts
 *       "recovered": false }             true: found in code recovered from a broken parse
 *   ],
 *   "errors": [                          problems with inputs (rule files, scanned files)
 *     { "level": "error",                "error" | "warning" | "note"
 *       "path": "src/x.c",               string, or null
 *       "line": 3, "column": 1,          0 when unknown
 *       "message": "..." }
 *   ]
 * }
 *
 * Strings are valid UTF-8: bytes of scanned files that are not are replaced
 * by U+FFFD. The document is pretty-printed and ends with a newline. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "util.h"

#define JSON_SCHEMA_VERSION 1

static cJSON *check(cJSON *j)
{
	if (!j)
		util_oom();
	return j;
}

static void jadd(cJSON *obj, const char *key, cJSON *item)
{
	if (!cJSON_AddItemToObject(obj, key, check(item)))
		util_oom();
}

static void jpush(cJSON *arr, cJSON *item)
{
	if (!cJSON_AddItemToArray(arr, check(item)))
		util_oom();
}

/* Length of the valid UTF-8 sequence at p (n bytes left), or 0. */
static size_t utf8_seq_len(const unsigned char *p, size_t n)
{
	if (p[0] < 0x80)
		return 1;
	size_t len;
	unsigned lo = 0x80, hi = 0xbf;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		if (p[0] == 0xe0)
			lo = 0xa0; /* no overlongs */
		else if (p[0] == 0xed)
			hi = 0x9f; /* no surrogates */
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		if (p[0] == 0xf0)
			lo = 0x90;
		else if (p[0] == 0xf4)
			hi = 0x8f; /* <= U+10FFFF */
	} else
		return 0;
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return len;
}

/* A JSON string of s (NULL: null), invalid UTF-8 replaced by U+FFFD. */
static cJSON *jstr(const char *s)
{
	if (!s)
		return check(cJSON_CreateNull());
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	struct sbuf b = {0};
	for (size_t i = 0; i < n;) {
		size_t l = utf8_seq_len(p + i, n - i);
		if (l) {
			sbuf_addn(&b, s + i, l);
			i += l;
		} else {
			sbuf_adds(&b, "\xef\xbf\xbd");
			i++;
		}
	}
	cJSON *j = check(cJSON_CreateString(sbuf_str(&b)));
	sbuf_free(&b);
	return j;
}

static cJSON *jnum(double v)
{
	return check(cJSON_CreateNumber(v));
}

static cJSON *rule_provisions(const struct rule *r)
{
	cJSON *a = check(cJSON_CreateArray());
	for (size_t i = 0; i < r->nprovisions; i++)
		jpush(a, jstr(r->provisions[i]));
	return a;
}

static cJSON *rule_cwes(const struct rule *r)
{
	cJSON *a = check(cJSON_CreateArray());
	for (size_t i = 0; i < r->ncwe; i++)
		jpush(a, jnum(r->cwe[i]));
	return a;
}

static cJSON *rule_json(const struct rule *r)
{
	cJSON *o = check(cJSON_CreateObject());
	jadd(o, "id", jstr(r->id));
	jadd(o, "title", jstr(r->title));
	jadd(o, "severity", jstr(severity_name(r->severity)));
	jadd(o, "provisions", rule_provisions(r));
	jadd(o, "cwe", rule_cwes(r));
	jadd(o, "precision", jstr(r->precision));
	return o;
}

static cJSON *finding_json(const struct finding *f)
{
	const struct rule *r = f->rule;
	cJSON *o = check(cJSON_CreateObject());
	jadd(o, "rule", jstr(r->id));
	jadd(o, "severity", jstr(severity_name(r->severity)));
	jadd(o, "provisions", rule_provisions(r));
	jadd(o, "cwe", rule_cwes(r));
	jadd(o, "path", jstr(f->relpath ? f->relpath : f->path));
	jadd(o, "line", jnum(f->line));
	jadd(o, "column", jnum(f->col));
	jadd(o, "endLine", jnum(f->end_line));
	jadd(o, "endColumn", jnum(f->end_col));
	jadd(o, "message", jstr(f->message ? f->message : ""));
	jadd(o, "snippet", jstr(f->snippet ? f->snippet : ""));
	jadd(o, "fingerprint", jstr(f->fingerprint));
	jadd(o, "recovered", check(cJSON_CreateBool(f->recovered != 0)));
	return o;
}

static cJSON *diag_json(const struct diag_entry *e)
{
	static const char *const levels[] = {"note", "warning", "error"};
	cJSON *o = check(cJSON_CreateObject());
	jadd(o, "level", jstr((size_t)e->level < ARRAY_LEN(levels) ? levels[e->level] : "error"));
	jadd(o, "path", jstr(e->path));
	jadd(o, "line", jnum(e->line));
	jadd(o, "column", jnum(e->col));
	jadd(o, "message", jstr(e->msg ? e->msg : ""));
	return o;
}

static cJSON *summary_json(const struct scan_result *res)
{
	static const enum severity order[] = {SEV_CRITICAL, SEV_HIGH, SEV_MEDIUM, SEV_LOW, SEV_INFO};
	size_t count[SEV_CRITICAL + 1] = {0};
	const struct findings *fs = res->findings;
	size_t n = fs ? fs->n : 0;

	for (size_t i = 0; i < n; i++)
		if ((size_t)fs->v[i].rule->severity < ARRAY_LEN(count))
			count[fs->v[i].rule->severity]++;
	cJSON *o = check(cJSON_CreateObject());
	jadd(o, "files", jnum((double)res->nfiles));
	jadd(o, "findings", jnum((double)n));
	cJSON *by = check(cJSON_CreateObject());
	for (size_t i = 0; i < ARRAY_LEN(order); i++)
		jadd(by, severity_name(order[i]), jnum((double)count[order[i]]));
	jadd(o, "bySeverity", by);
	return o;
}

static cJSON *result_json(const struct scan_result *res)
{
	cJSON *root = check(cJSON_CreateObject());

	cJSON *tool = check(cJSON_CreateObject());
	jadd(tool, "name", jstr("etsilint"));
	jadd(tool, "version", jstr(res->tool_version ? res->tool_version : ""));
	jadd(root, "tool", tool);
	jadd(root, "schemaVersion", jnum(JSON_SCHEMA_VERSION));
	jadd(root, "root", jstr(res->root));
	jadd(root, "summary", summary_json(res));

	cJSON *rules = check(cJSON_CreateArray());
	for (size_t i = 0; res->pack && i < res->pack->n; i++)
		jpush(rules, rule_json(res->pack->rules[i]));
	jadd(root, "rules", rules);

	cJSON *findings = check(cJSON_CreateArray());
	for (size_t i = 0; res->findings && i < res->findings->n; i++)
		jpush(findings, finding_json(&res->findings->v[i]));
	jadd(root, "findings", findings);

	cJSON *errors = check(cJSON_CreateArray());
	for (size_t i = 0; res->diag && i < res->diag->n; i++)
		jpush(errors, diag_json(&res->diag->v[i]));
	jadd(root, "errors", errors);
	return root;
}

static int json_write(FILE *out, const struct scan_result *res)
{
	cJSON *root = result_json(res);
	char *text = cJSON_Print(root);
	cJSON_Delete(root);
	if (!text)
		util_oom();
	int rc = 0;
	if (fputs(text, out) == EOF || fputc('\n', out) == EOF || fflush(out) != 0)
		rc = -1;
	cJSON_free(text);
	return rc;
}

const struct reporter_ops report_json = {
	.name = "json",
	.write = json_write,
};
