/* report_sarif.c - SARIF 2.1.0 output (GitHub code scanning and other viewers).
 *
 * One run. tool.driver.rules holds every rule of the pack in pack order, so a
 * result's ruleIndex is its rule's index in the pack. EN 303 645 is described
 * as a taxonomy (run.taxonomies[0], one taxon per provision) that each rule
 * references through relationships. Result locations are relative to the
 * scan root, given as originalUriBaseIds.SRCROOT. Columns count bytes (the
 * default columnKind is left as is). partialFingerprints["etsilint/v1"] is
 * the finding's fingerprint, which survives unrelated line shifts.
 *
 * Strings are valid UTF-8: bytes of scanned files that are not are replaced
 * by U+FFFD. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

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

/* ---- cJSON helpers: out-of-memory aborts, strings made valid UTF-8 ---- */

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

static cJSON *jobj(void)
{
	return check(cJSON_CreateObject());
}

static cJSON *jarr(void)
{
	return check(cJSON_CreateArray());
}

static cJSON *jnum(double v)
{
	return check(cJSON_CreateNumber(v));
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

/* A JSON string of s (NULL: ""), invalid UTF-8 replaced by U+FFFD. */
static cJSON *jstr(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)p);
	struct sbuf b = {0};
	for (size_t i = 0; i < n;) {
		size_t l = utf8_seq_len(p + i, n - i);
		if (l) {
			sbuf_addn(&b, (const char *)p + i, l);
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

/* {"text": s} */
static cJSON *jtext(const char *s)
{
	cJSON *o = jobj();
	jadd(o, "text", jstr(s));
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
	jpush(arr, jstr(s));
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
	cJSON *help = jobj();
	jadd(help, "text", jstr(sbuf_str(&t)));
	jadd(help, "markdown", jstr(sbuf_str(&m)));
	jadd(o, "help", help);
	sbuf_free(&t);
	sbuf_free(&m);
}

static cJSON *rule_relationships(const struct rule *r)
{
	cJSON *rels = jarr();
	struct strvec seen = {0};
	for (size_t i = 0; i < r->nprovisions; i++) {
		const char *id = r->provisions[i];
		int dup = 0;
		for (size_t k = 0; k < seen.n && !dup; k++)
			dup = strcmp(seen.v[k], id) == 0;
		if (dup)
			continue;
		strvec_push(&seen, id);

		cJSON *target = jobj();
		jadd(target, "id", jstr(id));
		const struct provision *pv = provision_find(id);
		if (pv)
			jadd(target, "index", jnum((double)(pv - provisions_table)));
		cJSON *tc = jobj();
		jadd(tc, "name", jstr(TAXONOMY_NAME));
		jadd(tc, "index", jnum(0));
		jadd(target, "toolComponent", tc);

		cJSON *rel = jobj();
		jadd(rel, "target", target);
		cJSON *kinds = jarr();
		jpush(kinds, jstr("relevant"));
		jadd(rel, "kinds", kinds);
		jpush(rels, rel);
	}
	strvec_free(&seen);
	return rels;
}

static cJSON *rule_json(const struct rule *r)
{
	cJSON *o = jobj();
	jadd(o, "id", jstr(r->id));
	char *name = camel_case(r->id);
	jadd(o, "name", jstr(name));
	free(name);
	jadd(o, "shortDescription", jtext(r->title));
	jadd(o, "fullDescription",
	     jtext(r->description && *r->description ? r->description : r->title));
	rule_help(r, o);
	if (r->nreferences && is_web_uri(r->references[0]))
		jadd(o, "helpUri", jstr(r->references[0]));

	cJSON *conf = jobj();
	jadd(conf, "level", jstr(report_sarif_level(r->severity)));
	jadd(o, "defaultConfiguration", conf);

	cJSON *props = jobj();
	cJSON *tags = jarr();
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
	jadd(props, "tags", tags);
	jadd(props, "security-severity", jstr(report_security_severity(r->severity)));
	const char *prec = sarif_precision(r->precision);
	if (prec)
		jadd(props, "precision", jstr(prec));
	cJSON *provs = jarr();
	for (size_t i = 0; i < r->nprovisions; i++)
		jpush(provs, jstr(r->provisions[i]));
	jadd(props, "provisions", provs);
	jadd(o, "properties", props);

	if (r->nprovisions)
		jadd(o, "relationships", rule_relationships(r));
	return o;
}

static cJSON *driver_json(const struct scan_result *res)
{
	const char *version = res->tool_version ? res->tool_version : ETSILINT_VERSION;
	cJSON *d = jobj();
	jadd(d, "name", jstr("etsilint"));
	jadd(d, "version", jstr(version));
	jadd(d, "semanticVersion", jstr(version));
	jadd(d, "informationUri", jstr(TOOL_URI));
	cJSON *rules = jarr();
	for (size_t i = 0; res->pack && i < res->pack->n; i++)
		jpush(rules, rule_json(res->pack->rules[i]));
	jadd(d, "rules", rules);
	cJSON *tax = jobj();
	jadd(tax, "name", jstr(TAXONOMY_NAME));
	jadd(tax, "index", jnum(0));
	cJSON *supported = jarr();
	jpush(supported, tax);
	jadd(d, "supportedTaxonomies", supported);
	return d;
}

static cJSON *taxonomy_json(void)
{
	cJSON *t = jobj();
	jadd(t, "name", jstr(TAXONOMY_NAME));
	jadd(t, "version", jstr(TAXONOMY_VERSION));
	jadd(t, "organization", jstr("ETSI"));
	jadd(t, "informationUri", jstr(TAXONOMY_URI));
	jadd(t, "shortDescription",
	     jtext("ETSI EN 303 645: Cyber Security for Consumer Internet of Things: Baseline Requirements"));
	cJSON *taxa = jarr();
	for (size_t i = 0; i < provisions_count; i++) {
		cJSON *x = jobj();
		jadd(x, "id", jstr(provisions_table[i].id));
		jadd(x, "shortDescription", jtext(provisions_table[i].title));
		jpush(taxa, x);
	}
	jadd(t, "taxa", taxa);
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

static cJSON *region_json(const struct finding *f)
{
	unsigned sl = f->line ? f->line : 1;
	unsigned sc = f->col ? f->col : 1;
	unsigned el = f->end_line < sl ? sl : f->end_line;
	unsigned ec = f->end_col;
	if (el == sl && ec <= sc)
		ec = sc + 1;
	else if (ec < 1)
		ec = 1;
	cJSON *reg = jobj();
	jadd(reg, "startLine", jnum(sl));
	jadd(reg, "startColumn", jnum(sc));
	jadd(reg, "endLine", jnum(el));
	jadd(reg, "endColumn", jnum(ec));
	if (f->snippet && *f->snippet)
		jadd(reg, "snippet", jtext(f->snippet));
	return reg;
}

static cJSON *result_json(const struct scan_result *res, const struct finding *f)
{
	const struct rule *r = f->rule;
	cJSON *o = jobj();
	jadd(o, "ruleId", jstr(r->id));
	long idx = rule_position(res->pack, r);
	if (idx >= 0)
		jadd(o, "ruleIndex", jnum((double)idx));
	jadd(o, "level", jstr(report_sarif_level(r->severity)));
	jadd(o, "message", jtext(f->message && *f->message ? f->message : r->title));

	cJSON *art = jobj();
	char *uri = path_uri(f->relpath ? f->relpath : f->path, 0);
	jadd(art, "uri", jstr(uri));
	free(uri);
	jadd(art, "uriBaseId", jstr("SRCROOT"));
	cJSON *phys = jobj();
	jadd(phys, "artifactLocation", art);
	jadd(phys, "region", region_json(f));
	cJSON *loc = jobj();
	jadd(loc, "physicalLocation", phys);
	cJSON *locs = jarr();
	jpush(locs, loc);
	jadd(o, "locations", locs);

	cJSON *fp = jobj();
	jadd(fp, FINGERPRINT_KEY, jstr(f->fingerprint));
	jadd(o, "partialFingerprints", fp);
	if (f->recovered) {
		cJSON *props = jobj();
		jadd(props, "recovered", check(cJSON_CreateTrue()));
		jadd(o, "properties", props);
	}
	return o;
}

static cJSON *notification_json(const struct diag_entry *e)
{
	static const char *const levels[] = {"note", "warning", "error"};
	cJSON *o = jobj();
	jadd(o, "level", jstr((size_t)e->level < ARRAY_LEN(levels) ? levels[e->level] : "error"));
	jadd(o, "message", jtext(e->msg && *e->msg ? e->msg : "(no message)"));
	if (e->path && *e->path) {
		cJSON *art = jobj();
		char *uri = path_uri(e->path, 0);
		jadd(art, "uri", jstr(uri));
		free(uri);
		cJSON *phys = jobj();
		jadd(phys, "artifactLocation", art);
		if (e->line) {
			cJSON *reg = jobj();
			jadd(reg, "startLine", jnum(e->line));
			if (e->col)
				jadd(reg, "startColumn", jnum(e->col));
			jadd(phys, "region", reg);
		}
		cJSON *loc = jobj();
		jadd(loc, "physicalLocation", phys);
		cJSON *locs = jarr();
		jpush(locs, loc);
		jadd(o, "locations", locs);
	}
	return o;
}

static cJSON *invocation_json(const struct diag *d)
{
	cJSON *inv = jobj();
	jadd(inv, "executionSuccessful", check(cJSON_CreateBool(!d || d->nfatal == 0)));
	cJSON *notes = jarr();
	for (size_t i = 0; d && i < d->n; i++)
		jpush(notes, notification_json(&d->v[i]));
	jadd(inv, "toolExecutionNotifications", notes);
	return inv;
}

static cJSON *sarif_json(const struct scan_result *res)
{
	cJSON *run = jobj();
	cJSON *tool = jobj();
	jadd(tool, "driver", driver_json(res));
	jadd(run, "tool", tool);

	cJSON *taxonomies = jarr();
	jpush(taxonomies, taxonomy_json());
	jadd(run, "taxonomies", taxonomies);

	cJSON *invs = jarr();
	jpush(invs, invocation_json(res->diag));
	jadd(run, "invocations", invs);

	if (res->root && *res->root) {
		cJSON *base = jobj();
		char *uri = path_uri(res->root, 1);
		jadd(base, "uri", jstr(uri));
		free(uri);
		cJSON *bases = jobj();
		jadd(bases, "SRCROOT", base);
		jadd(run, "originalUriBaseIds", bases);
	}

	cJSON *results = jarr();
	for (size_t i = 0; res->findings && i < res->findings->n; i++)
		jpush(results, result_json(res, &res->findings->v[i]));
	jadd(run, "results", results);

	cJSON *root = jobj();
	jadd(root, "$schema", jstr(SARIF_SCHEMA));
	jadd(root, "version", jstr("2.1.0"));
	cJSON *runs = jarr();
	jpush(runs, run);
	jadd(root, "runs", runs);
	return root;
}

static int sarif_write(FILE *out, const struct scan_result *res)
{
	cJSON *root = sarif_json(res);
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

const struct reporter_ops report_sarif = {
	.name = "sarif",
	.write = sarif_write,
};
