/* report_sarif.c - SARIF 2.1.0 output (GitHub code scanning and other viewers).
 *
 * One run. tool.driver.rules holds every rule of the pack in pack order, so a
 * result's ruleIndex is its rule's index in the pack. EN 303 645 is described
 * as a taxonomy (run.taxonomies[0], one taxon per provision) that each rule
 * references through relationships. Result locations are relative to the
 * scan root, given as originalUriBaseIds.SRCROOT. Columns count bytes (the
 * default columnKind is left as is). partialFingerprints["etsilint/v1"] is
 * the finding's fingerprint, which survives unrelated line shifts.
 * A finding silenced by an etsilint-ignore comment carries
 * suppressions: [{kind: "inSource", justification}]; with --baseline, every
 * result has a baselineState, "new" or "unchanged". A finding with a
 * data-flow path has codeFlows: one codeFlow, one threadFlow, one
 * threadFlowLocation per step (location with the step's region and message,
 * executionOrder 1.., importance "essential" for source and sink, else
 * "important").
 *
 * Strings are valid UTF-8: bytes of scanned files that are not are replaced
 * by U+FFFD. */
#include "report.h"

#include <limits.h>

#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "provisions.h"
#include "util.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define TOOL_URI "https://github.com/etsilint/etsilint"
#define FINGERPRINT_KEY "etsilint/v1"
#define TAXONOMY_NAME "EN 303 645"
#define TAXONOMY_VERSION "2.1.1"
#define TAXONOMY_URI \
	"https://www.etsi.org/deliver/etsi_en/303600_303699/303645/02.01.01_60/en_303645v020101p.pdf"
#define CWE_URI "https://cwe.mitre.org/data/definitions/%u.html"

#ifndef ETSILINT_VERSION
#define ETSILINT_VERSION "0.0.0"
#endif

/* {"text": s}, a SARIF message; NULL gives "". */
static cJSON *text_json(const char *s)
{
	cJSON *o = jsonw_obj();
	jsonw_add(o, "text", jsonw_str(s ? s : ""));
	return o;
}

/* ---- URIs ---- */

/* Append s percent-encoded: unreserved characters, '/' and the sub-delims
 * allowed in a path stay; everything else (space, '%', '#', '?', ':',
 * non-ASCII bytes ...) becomes %XX. */
static void uri_encode(struct sbuf *b, const char *s)
{
	static const char keep[] = "-._~/!$&'()*+,;=@";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr(keep, *p))
			sbuf_addc(b, (char)*p);
		else
			sbuf_addf(b, "%%%02X", *p);
	}
}

/* A URI for a local path: file:// for absolute paths, else a relative
 * reference. dir: end with '/'. New string. */
static char *path_uri(const char *path, int dir)
{
	struct sbuf b = {0};
	if (path[0] == '/')
		sbuf_adds(&b, "file://");
	uri_encode(&b, path);
	if (dir && (b.len == 0 || b.s[b.len - 1] != '/'))
		sbuf_addc(&b, '/');
	return sbuf_take(&b);
}

/* References printed as helpUri must be absolute http(s) URIs. */
static int is_web_uri(const char *s)
{
	if (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0)
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= ' ' || *p >= 0x7f || strchr("<>\"{}|\\^`", *p))
			return 0;
	return 1;
}

/* ---- rules ---- */

/* "tls-verify-none" -> "TlsVerifyNone". New string. */
static char *camel_case(const char *id)
{
	struct sbuf b = {0};
	int up = 1;
	for (const char *p = id; *p; p++) {
		if (*p == '-' || *p == '.' || *p == '_') {
			up = 1;
			continue;
		}
		char c = *p;
		if (up && c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		sbuf_addc(&b, c);
		up = 0;
	}
	if (b.len == 0)
		sbuf_adds(&b, id);
	return sbuf_take(&b);
}

static const char *sarif_precision(const char *p)
{
	static const char *const names[] = {"very-high", "high", "medium", "low"};
	if (!p)
		return NULL;
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (strcmp(p, names[i]) == 0)
			return names[i];
	return NULL;
}

/* Push s onto arr unless it is there already (SARIF wants unique tags). */
static void push_unique(cJSON *arr, struct strvec *seen, const char *s)
{
	for (size_t i = 0; i < seen->n; i++)
		if (strcmp(seen->v[i], s) == 0)
			return;
	strvec_push(seen, s);
	jsonw_push(arr, jsonw_str(s));
}

static void rule_help(const struct rule *r, cJSON *o)
{
	const char *desc = r->description && *r->description ? r->description : r->title;
	struct sbuf t = {0}, m = {0};

	sbuf_addf(&t, "%s\n", desc ? desc : "");
	sbuf_addf(&m, "%s\n", desc ? desc : "");
	if (r->nprovisions) {
		sbuf_adds(&t, "\nEN 303 645 provisions:");
		sbuf_adds(&m, "\n**EN 303 645 provisions:**");
		for (size_t i = 0; i < r->nprovisions; i++) {
			const struct provision *pv = provision_find(r->provisions[i]);
			const char *sep = i ? ", " : " ";
			if (pv) {
				sbuf_addf(&t, "%s%s (%s)", sep, pv->id, pv->title);
				sbuf_addf(&m, "%s%s (%s)", sep, pv->id, pv->title);
			} else {
				sbuf_addf(&t, "%s%s", sep, r->provisions[i]);
				sbuf_addf(&m, "%s%s", sep, r->provisions[i]);
			}
		}
		sbuf_adds(&t, "\n");
		sbuf_adds(&m, "\n");
	}
	if (r->ncwe) {
		sbuf_adds(&t, "CWE:");
		sbuf_adds(&m, "\n**CWE:**");
		for (size_t i = 0; i < r->ncwe; i++) {
			const char *sep = i ? ", " : " ";
			sbuf_addf(&t, "%sCWE-%u", sep, r->cwe[i]);
			sbuf_addf(&m, "%s[CWE-%u](" CWE_URI ")", sep, r->cwe[i], r->cwe[i]);
		}
		sbuf_adds(&t, "\n");
		sbuf_adds(&m, "\n");
	}
	if (r->remediation && *r->remediation) {
		sbuf_addf(&t, "\nRemediation: %s\n", r->remediation);
		sbuf_addf(&m, "\n**Remediation**\n\n%s\n", r->remediation);
	}
	if (r->nreferences) {
		sbuf_adds(&t, "\nReferences:\n");
		sbuf_adds(&m, "\n**References**\n\n");
		for (size_t i = 0; i < r->nreferences; i++) {
			sbuf_addf(&t, "- %s\n", r->references[i]);
			if (is_web_uri(r->references[i]))
				sbuf_addf(&m, "- [%s](%s)\n", r->references[i], r->references[i]);
			else
				sbuf_addf(&m, "- %s\n", r->references[i]);
		}
	}
	cJSON *help = jsonw_obj();
	jsonw_add(help, "text", jsonw_str(sbuf_str(&t)));
	jsonw_add(help, "markdown", jsonw_str(sbuf_str(&m)));
	jsonw_add(o, "help", help);
	sbuf_free(&t);
	sbuf_free(&m);
}

static cJSON *rule_relationships(const struct rule *r)
{
	cJSON *rels = jsonw_arr();
	struct strvec seen = {0};
	for (size_t i = 0; i < r->nprovisions; i++) {
		const char *id = r->provisions[i];
		int dup = 0;
		for (size_t k = 0; k < seen.n && !dup; k++)
			dup = strcmp(seen.v[k], id) == 0;
		if (dup)
			continue;
		strvec_push(&seen, id);

		cJSON *target = jsonw_obj();
		jsonw_add(target, "id", jsonw_str(id));
		const struct provision *pv = provision_find(id);
		if (pv)
			jsonw_add(target, "index", jsonw_num((double)(pv - provisions_table)));
		cJSON *tc = jsonw_obj();
		jsonw_add(tc, "name", jsonw_str(TAXONOMY_NAME));
		jsonw_add(tc, "index", jsonw_num(0));
		jsonw_add(target, "toolComponent", tc);

		cJSON *rel = jsonw_obj();
		jsonw_add(rel, "target", target);
		cJSON *kinds = jsonw_arr();
		jsonw_push(kinds, jsonw_str("relevant"));
		jsonw_add(rel, "kinds", kinds);
		jsonw_push(rels, rel);
	}
	strvec_free(&seen);
	return rels;
}

static cJSON *rule_json(const struct rule *r)
{
	cJSON *o = jsonw_obj();
	jsonw_add(o, "id", jsonw_str(r->id));
	char *name = camel_case(r->id);
	jsonw_add(o, "name", jsonw_str(name));
	free(name);
	jsonw_add(o, "shortDescription", text_json(r->title));
	jsonw_add(o, "fullDescription",
	     text_json(r->description && *r->description ? r->description : r->title));
	rule_help(r, o);
	if (r->nreferences && is_web_uri(r->references[0]))
		jsonw_add(o, "helpUri", jsonw_str(r->references[0]));

	cJSON *conf = jsonw_obj();
	jsonw_add(conf, "level", jsonw_str(report_sarif_level(r->severity)));
	jsonw_add(o, "defaultConfiguration", conf);

	cJSON *props = jsonw_obj();
	cJSON *tags = jsonw_arr();
	struct strvec seen = {0};
	push_unique(tags, &seen, "security");
	for (size_t i = 0; i < r->ncwe; i++) {
		char *t = xasprintf("external/cwe/cwe-%u", r->cwe[i]);
		push_unique(tags, &seen, t);
		free(t);
	}
	for (size_t i = 0; i < r->nprovisions; i++) {
		char *t = xasprintf("en303645/%s", r->provisions[i]);
		push_unique(tags, &seen, t);
		free(t);
	}
	strvec_free(&seen);
	jsonw_add(props, "tags", tags);
	jsonw_add(props, "security-severity", jsonw_str(report_security_severity(r->severity)));
	const char *prec = sarif_precision(r->precision);
	if (prec)
		jsonw_add(props, "precision", jsonw_str(prec));
	cJSON *provs = jsonw_arr();
	for (size_t i = 0; i < r->nprovisions; i++)
		jsonw_push(provs, jsonw_str(r->provisions[i]));
	jsonw_add(props, "provisions", provs);
	jsonw_add(o, "properties", props);

	if (r->nprovisions)
		jsonw_add(o, "relationships", rule_relationships(r));
	return o;
}

static cJSON *driver_json(const struct scan_result *res)
{
	const char *version = res->tool_version ? res->tool_version : ETSILINT_VERSION;
	cJSON *d = jsonw_obj();
	jsonw_add(d, "name", jsonw_str("etsilint"));
	jsonw_add(d, "version", jsonw_str(version));
	jsonw_add(d, "semanticVersion", jsonw_str(version));
	jsonw_add(d, "informationUri", jsonw_str(TOOL_URI));
	cJSON *rules = jsonw_arr();
	for (size_t i = 0; res->pack && i < res->pack->n; i++)
		jsonw_push(rules, rule_json(res->pack->rules[i]));
	jsonw_add(d, "rules", rules);
	cJSON *tax = jsonw_obj();
	jsonw_add(tax, "name", jsonw_str(TAXONOMY_NAME));
	jsonw_add(tax, "index", jsonw_num(0));
	cJSON *supported = jsonw_arr();
	jsonw_push(supported, tax);
	jsonw_add(d, "supportedTaxonomies", supported);
	return d;
}

static cJSON *taxonomy_json(void)
{
	cJSON *t = jsonw_obj();
	jsonw_add(t, "name", jsonw_str(TAXONOMY_NAME));
	jsonw_add(t, "version", jsonw_str(TAXONOMY_VERSION));
	jsonw_add(t, "organization", jsonw_str("ETSI"));
	jsonw_add(t, "informationUri", jsonw_str(TAXONOMY_URI));
	jsonw_add(t, "shortDescription",
	     text_json("ETSI EN 303 645: Cyber Security for Consumer Internet of Things: Baseline Requirements"));
	cJSON *taxa = jsonw_arr();
	for (size_t i = 0; i < provisions_count; i++) {
		cJSON *x = jsonw_obj();
		jsonw_add(x, "id", jsonw_str(provisions_table[i].id));
		jsonw_add(x, "shortDescription", text_json(provisions_table[i].title));
		jsonw_push(taxa, x);
	}
	jsonw_add(t, "taxa", taxa);
	return t;
}

/* ---- results ---- */

/* The position of r in the pack (its index, verified), or -1. */
static long rule_position(const struct rulepack *pack, const struct rule *r)
{
	if (!pack)
		return -1;
	if (r->index < pack->n && pack->rules[r->index] == r)
		return (long)r->index;
	for (size_t i = 0; i < pack->n; i++)
		if (pack->rules[i] == r)
			return (long)i;
	return -1;
}

/* A region, 1-based and non-empty whatever the positions; with a snippet
 * unless it is NULL or "". */
static cJSON *region_json(unsigned line, unsigned col, unsigned end_line, unsigned end_col,
			  const char *snippet)
{
	unsigned sl = line ? line : 1;
	unsigned sc = col ? col : 1;
	unsigned el = end_line < sl ? sl : end_line;
	unsigned ec = end_col;
	if (el == sl && ec <= sc)
		ec = sc < UINT_MAX ? sc + 1 : sc; /* no wrap to 0 */
	else if (ec < 1)
		ec = 1;
	cJSON *reg = jsonw_obj();
	jsonw_add(reg, "startLine", jsonw_num(sl));
	jsonw_add(reg, "startColumn", jsonw_num(sc));
	jsonw_add(reg, "endLine", jsonw_num(el));
	jsonw_add(reg, "endColumn", jsonw_num(ec));
	if (snippet && *snippet)
		jsonw_add(reg, "snippet", text_json(snippet));
	return reg;
}

/* The artifactLocation of a finding's file, relative to SRCROOT. */
static cJSON *artifact_json(const struct finding *f)
{
	cJSON *art = jsonw_obj();
	char *uri = path_uri(f->relpath ? f->relpath : f->path, 0);
	jsonw_add(art, "uri", jsonw_str(uri));
	free(uri);
	jsonw_add(art, "uriBaseId", jsonw_str("SRCROOT"));
	return art;
}

/* The data-flow path as one codeFlow with one threadFlow: a location per
 * step, in execution order, source and sink essential. */
static cJSON *code_flows_json(const struct finding *f)
{
	cJSON *locs = jsonw_arr();
	for (size_t i = 0; i < f->nsteps; i++) {
		const struct flow_step *s = &f->steps[i];
		cJSON *phys = jsonw_obj();
		jsonw_add(phys, "artifactLocation", artifact_json(f));
		jsonw_add(phys, "region", region_json(s->line, s->col, s->end_line, s->end_col, NULL));
		cJSON *loc = jsonw_obj();
		jsonw_add(loc, "physicalLocation", phys);
		jsonw_add(loc, "message", text_json(s->message));
		cJSON *tfl = jsonw_obj();
		jsonw_add(tfl, "location", loc);
		jsonw_add(tfl, "executionOrder", jsonw_num((double)(i + 1)));
		jsonw_add(tfl, "importance",
			  jsonw_str(i == 0 || i + 1 == f->nsteps ? "essential" : "important"));
		jsonw_push(locs, tfl);
	}
	cJSON *tf = jsonw_obj();
	jsonw_add(tf, "locations", locs);
	cJSON *tfs = jsonw_arr();
	jsonw_push(tfs, tf);
	cJSON *cf = jsonw_obj();
	jsonw_add(cf, "threadFlows", tfs);
	cJSON *cfs = jsonw_arr();
	jsonw_push(cfs, cf);
	return cfs;
}

static cJSON *result_json(const struct scan_result *res, const struct finding *f)
{
	const struct rule *r = f->rule;
	cJSON *o = jsonw_obj();
	jsonw_add(o, "ruleId", jsonw_str(r->id));
	long idx = rule_position(res->pack, r);
	if (idx >= 0)
		jsonw_add(o, "ruleIndex", jsonw_num((double)idx));
	jsonw_add(o, "level", jsonw_str(report_sarif_level(r->severity)));
	jsonw_add(o, "message", text_json(f->message && *f->message ? f->message : r->title));

	cJSON *phys = jsonw_obj();
	jsonw_add(phys, "artifactLocation", artifact_json(f));
	jsonw_add(phys, "region", region_json(f->line, f->col, f->end_line, f->end_col, f->snippet));
	cJSON *loc = jsonw_obj();
	jsonw_add(loc, "physicalLocation", phys);
	cJSON *locs = jsonw_arr();
	jsonw_push(locs, loc);
	jsonw_add(o, "locations", locs);
	if (f->nsteps)
		jsonw_add(o, "codeFlows", code_flows_json(f));

	cJSON *fp = jsonw_obj();
	jsonw_add(fp, FINGERPRINT_KEY, jsonw_str(f->fingerprint));
	jsonw_add(o, "partialFingerprints", fp);
	if (f->baseline != BASELINE_NONE)
		jsonw_add(o, "baselineState",
			  jsonw_str(f->baseline == BASELINE_UNCHANGED ? "unchanged" : "new"));
	if (f->suppressed) {
		cJSON *sup = jsonw_obj();
		jsonw_add(sup, "kind", jsonw_str("inSource"));
		jsonw_add(sup, "justification", jsonw_str(f->justification ? f->justification : ""));
		cJSON *sups = jsonw_arr();
		jsonw_push(sups, sup);
		jsonw_add(o, "suppressions", sups);
	}
	if (f->recovered) {
		cJSON *props = jsonw_obj();
		jsonw_add(props, "recovered", jsonw_bool(1));
		jsonw_add(o, "properties", props);
	}
	return o;
}

static cJSON *notification_json(const struct diag_entry *e)
{
	static const char *const levels[] = {"note", "warning", "error"};
	cJSON *o = jsonw_obj();
	jsonw_add(o, "level", jsonw_str((size_t)e->level < ARRAY_LEN(levels) ? levels[e->level] : "error"));
	jsonw_add(o, "message", text_json(e->msg && *e->msg ? e->msg : "(no message)"));
	if (e->path && *e->path) {
		cJSON *art = jsonw_obj();
		char *uri = path_uri(e->path, 0);
		jsonw_add(art, "uri", jsonw_str(uri));
		free(uri);
		cJSON *phys = jsonw_obj();
		jsonw_add(phys, "artifactLocation", art);
		if (e->line) {
			cJSON *reg = jsonw_obj();
			jsonw_add(reg, "startLine", jsonw_num(e->line));
			if (e->col)
				jsonw_add(reg, "startColumn", jsonw_num(e->col));
			jsonw_add(phys, "region", reg);
		}
		cJSON *loc = jsonw_obj();
		jsonw_add(loc, "physicalLocation", phys);
		cJSON *locs = jsonw_arr();
		jsonw_push(locs, loc);
		jsonw_add(o, "locations", locs);
	}
	return o;
}

static cJSON *invocation_json(const struct diag *d)
{
	cJSON *inv = jsonw_obj();
	jsonw_add(inv, "executionSuccessful", jsonw_bool(!d || d->nfatal == 0));
	cJSON *notes = jsonw_arr();
	for (size_t i = 0; d && i < d->n; i++)
		jsonw_push(notes, notification_json(&d->v[i]));
	jsonw_add(inv, "toolExecutionNotifications", notes);
	return inv;
}

static cJSON *sarif_json(const struct scan_result *res)
{
	cJSON *run = jsonw_obj();
	cJSON *tool = jsonw_obj();
	jsonw_add(tool, "driver", driver_json(res));
	jsonw_add(run, "tool", tool);

	cJSON *taxonomies = jsonw_arr();
	jsonw_push(taxonomies, taxonomy_json());
	jsonw_add(run, "taxonomies", taxonomies);

	cJSON *invs = jsonw_arr();
	jsonw_push(invs, invocation_json(res->diag));
	jsonw_add(run, "invocations", invs);

	if (res->root && *res->root) {
		cJSON *base = jsonw_obj();
		char *uri = path_uri(res->root, 1);
		jsonw_add(base, "uri", jsonw_str(uri));
		free(uri);
		cJSON *bases = jsonw_obj();
		jsonw_add(bases, "SRCROOT", base);
		jsonw_add(run, "originalUriBaseIds", bases);
	}

	cJSON *results = jsonw_arr();
	for (size_t i = 0; res->findings && i < res->findings->n; i++)
		jsonw_push(results, result_json(res, &res->findings->v[i]));
	jsonw_add(run, "results", results);

	cJSON *root = jsonw_obj();
	jsonw_add(root, "$schema", jsonw_str(SARIF_SCHEMA));
	jsonw_add(root, "version", jsonw_str("2.1.0"));
	cJSON *runs = jsonw_arr();
	jsonw_push(runs, run);
	jsonw_add(root, "runs", runs);
	return root;
}

static int sarif_write(FILE *out, const struct scan_result *res)
{
	return jsonw_print(out, sarif_json(res));
}

const struct reporter_ops report_sarif = {
	.name = "sarif",
	.write = sarif_write,
};
