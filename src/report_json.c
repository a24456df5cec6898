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
 *     "bySeverity": { "critical": 0, "high": 2, "medium": 1, "low": 0, "info": 0 },
 *     "suppressed": 1,                   entries with "suppressed": true
 *     "baselined": 0                     entries with "baseline": "unchanged"
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
 *       "recovered": false,              true: found in code recovered from a broken parse
 *       "suppressed": false,             true: silenced by an etsilint-ignore comment
 *       "justification": "...",          only when suppressed: the comment's reason
 *       "baseline": "new",               only with --baseline: "new" or "unchanged"
 *       "steps": [                       only for a data-flow finding: its path, source
 *         { "line": 4, "column": 9,      first, sink last; positions as the finding's,
 *           "endLine": 4, "endColumn": 12,   in the finding's file
 *           "message": "..." } ] }
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

#include "jsonw.h"
#include "util.h"

#define JSON_SCHEMA_VERSION 1

static cJSON *rule_provisions(const struct rule *r)
{
	cJSON *a = jsonw_arr();
	for (size_t i = 0; i < r->nprovisions; i++)
		jsonw_push(a, jsonw_str(r->provisions[i]));
	return a;
}

static cJSON *rule_cwes(const struct rule *r)
{
	cJSON *a = jsonw_arr();
	for (size_t i = 0; i < r->ncwe; i++)
		jsonw_push(a, jsonw_num(r->cwe[i]));
	return a;
}

static cJSON *rule_json(const struct rule *r)
{
	cJSON *o = jsonw_obj();
	jsonw_add(o, "id", jsonw_str(r->id));
	jsonw_add(o, "title", jsonw_str(r->title));
	jsonw_add(o, "severity", jsonw_str(severity_name(r->severity)));
	jsonw_add(o, "provisions", rule_provisions(r));
	jsonw_add(o, "cwe", rule_cwes(r));
	jsonw_add(o, "precision", jsonw_str(r->precision));
	return o;
}

static cJSON *finding_json(const struct finding *f)
{
	const struct rule *r = f->rule;
	cJSON *o = jsonw_obj();
	jsonw_add(o, "rule", jsonw_str(r->id));
	jsonw_add(o, "severity", jsonw_str(severity_name(r->severity)));
	jsonw_add(o, "provisions", rule_provisions(r));
	jsonw_add(o, "cwe", rule_cwes(r));
	jsonw_add(o, "path", jsonw_str(f->relpath ? f->relpath : f->path));
	jsonw_add(o, "line", jsonw_num(f->line));
	jsonw_add(o, "column", jsonw_num(f->col));
	jsonw_add(o, "endLine", jsonw_num(f->end_line));
	jsonw_add(o, "endColumn", jsonw_num(f->end_col));
	jsonw_add(o, "message", jsonw_str(f->message ? f->message : ""));
	jsonw_add(o, "snippet", jsonw_str(f->snippet ? f->snippet : ""));
	jsonw_add(o, "fingerprint", jsonw_str(f->fingerprint));
	jsonw_add(o, "recovered", jsonw_bool(f->recovered));
	jsonw_add(o, "suppressed", jsonw_bool(f->suppressed));
	jsonw_add_finding_state(o, f);
	jsonw_add_finding_steps(o, f);
	return o;
}

static cJSON *diag_json(const struct diag_entry *e)
{
	static const char *const levels[] = {"note", "warning", "error"};
	cJSON *o = jsonw_obj();
	jsonw_add(o, "level", jsonw_str((size_t)e->level < ARRAY_LEN(levels) ? levels[e->level] : "error"));
	jsonw_add(o, "path", jsonw_str(e->path));
	jsonw_add(o, "line", jsonw_num(e->line));
	jsonw_add(o, "column", jsonw_num(e->col));
	jsonw_add(o, "message", jsonw_str(e->msg ? e->msg : ""));
	return o;
}

static cJSON *summary_json(const struct scan_result *res)
{
	static const enum severity order[] = {SEV_CRITICAL, SEV_HIGH, SEV_MEDIUM, SEV_LOW, SEV_INFO};
	size_t count[SEV_CRITICAL + 1] = {0};
	const struct findings *fs = res->findings;
	size_t n = fs ? fs->n : 0, nsup = 0, nbase = 0;

	for (size_t i = 0; i < n; i++) {
		if ((size_t)fs->v[i].rule->severity < ARRAY_LEN(count))
			count[fs->v[i].rule->severity]++;
		nsup += fs->v[i].suppressed != 0;
		nbase += fs->v[i].baseline == BASELINE_UNCHANGED;
	}
	cJSON *o = jsonw_obj();
	jsonw_add(o, "files", jsonw_num((double)res->nfiles));
	jsonw_add(o, "findings", jsonw_num((double)n));
	cJSON *by = jsonw_obj();
	for (size_t i = 0; i < ARRAY_LEN(order); i++)
		jsonw_add(by, severity_name(order[i]), jsonw_num((double)count[order[i]]));
	jsonw_add(o, "bySeverity", by);
	jsonw_add(o, "suppressed", jsonw_num((double)nsup));
	jsonw_add(o, "baselined", jsonw_num((double)nbase));
	return o;
}

static cJSON *result_json(const struct scan_result *res)
{
	cJSON *root = jsonw_obj();

	cJSON *tool = jsonw_obj();
	jsonw_add(tool, "name", jsonw_str("etsilint"));
	jsonw_add(tool, "version", jsonw_str(res->tool_version ? res->tool_version : ""));
	jsonw_add(root, "tool", tool);
	jsonw_add(root, "schemaVersion", jsonw_num(JSON_SCHEMA_VERSION));
	jsonw_add(root, "root", jsonw_str(res->root));
	jsonw_add(root, "summary", summary_json(res));

	cJSON *rules = jsonw_arr();
	for (size_t i = 0; res->pack && i < res->pack->n; i++)
		jsonw_push(rules, rule_json(res->pack->rules[i]));
	jsonw_add(root, "rules", rules);

	jsonw_add(root, "findings", jsonw_arr()); /* filled while printing */

	cJSON *errors = jsonw_arr();
	for (size_t i = 0; res->diag && i < res->diag->n; i++)
		jsonw_push(errors, diag_json(&res->diag->v[i]));
	jsonw_add(root, "errors", errors);
	return root;
}

static cJSON *nth_finding(size_t i, const void *ctx)
{
	const struct findings *fs = ctx;
	return finding_json(&fs->v[i]);
}

static int json_write(FILE *out, const struct scan_result *res)
{
	return jsonw_print_streamed(out, result_json(res), "findings",
				    res->findings ? res->findings->n : 0, nth_finding, res->findings);
}

const struct reporter_ops report_json = {
	.name = "json",
	.write = json_write,
};
