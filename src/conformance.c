/* conformance.c - the conformance report: the model (a status for every
 * provision of the catalogue from the findings and the statement) and its
 * three writers, Markdown, HTML (one self-contained file) and JSON. */
#include "conformance.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jsonw.h"
#include "util.h"

#define REPORT_VERSION 1
#define STANDARD "ETSI EN 303 645 V2.1.1"

/* ---- what static analysis sees of each provision, and what to provide ---- */

/* cls: H a strong static signal exists, P partial or indirect, N only the
 * manufacturer's evidence can decide (../shared/provisions.md). what: the
 * evidence a statement should give. */
struct prov_hint {
	const char *id;
	char cls;
	const char *what;
};

static const struct prov_hint hints[] = {
	{"4-1", 'N', "the justification of each recommendation not followed or not applicable "
		     "(the justifications of this statement, when every such entry has one)"},
	{"5.1-1", 'H', "how each device gets a unique password, or how the user sets one before use "
		       "(provisioning process, first-use flow)"},
	{"5.1-2", 'P', "how pre-installed passwords are generated (from a random source, not from "
		       "serial numbers, MAC addresses or counters)"},
	{"5.1-3", 'P', "the authentication protocols and how credentials are stored (algorithms, "
		       "salted password hashing)"},
	{"5.1-4", 'P', "how users change the authentication value (user interface or app flow)"},
	{"5.1-5", 'P', "the rate limiting, delays or lockout of authentication over network interfaces"},
	{"5.2-1", 'P', "where the vulnerability disclosure policy is published (URL)"},
	{"5.2-2", 'N', "the vulnerability handling process and its target times"},
	{"5.2-3", 'P', "how vulnerabilities in the software and its third-party components are "
		       "monitored and fixed (SBOM, advisories)"},
	{"5.3-1", 'P', "which software components are updateable, and how"},
	{"5.3-2", 'H', "the update mechanism and how it secures the installation of updates"},
	{"5.3-3", 'N', "how users apply updates (steps, automatic installation)"},
	{"5.3-4", 'P', "how updates are installed automatically"},
	{"5.3-5", 'P', "when the device checks for updates (after initialisation, then at what interval)"},
	{"5.3-6", 'P', "the default automatic-update setting and how users disable or postpone updates"},
	{"5.3-7", 'H', "the cryptography that protects updates (signature algorithm, transport security)"},
	{"5.3-8", 'N', "the process and target times for delivering security updates"},
	{"5.3-9", 'H', "how the device verifies the authenticity and integrity of updates "
		       "(signature verification before installation)"},
	{"5.3-10", 'H', "the trust relationship that verifies updates over the network (signing keys, "
			"authenticated channel)"},
	{"5.3-11", 'N', "how users are told that a security update is required and what it mitigates"},
	{"5.3-12", 'P', "how users are warned that an update will interrupt basic functions"},
	{"5.3-13", 'N', "where the defined support period is published (URL)"},
	{"5.3-14", 'N', "the published rationale, replacement support and support period of "
			"non-updateable devices"},
	{"5.3-15", 'N', "how non-updateable constrained devices are isolated and their hardware "
			"replaced"},
	{"5.3-16", 'N', "where the model designation is shown (label, app, web interface)"},
	{"5.4-1", 'P', "how sensitive security parameters are stored (encrypted storage, secure "
		       "element, flash encryption)"},
	{"5.4-2", 'P', "how the hard-coded per-device identity is protected against tampering"},
	{"5.4-3", 'H', "how credentials and keys reach devices without being in the source code "
		       "(provisioning)"},
	{"5.4-4", 'H', "how keys and credentials for updates and services are made unique per device"},
	{"5.5-1", 'H', "the protocols, versions and cipher suites used to communicate"},
	{"5.5-2", 'P', "the cryptographic libraries used and their review or evaluation"},
	{"5.5-3", 'N', "how cryptographic algorithms and primitives are updated"},
	{"5.5-4", 'P', "which network-accessible functions work before authentication, and why"},
	{"5.5-5", 'P', "how security-relevant configuration changes over the network are authenticated"},
	{"5.5-6", 'H', "how critical security parameters are encrypted in transit"},
	{"5.5-7", 'H', "how critical security parameters stay confidential over remotely accessible "
		       "interfaces"},
	{"5.5-8", 'P', "the lifecycle of critical security parameters (generation, provisioning, "
		       "storage, update, revocation, destruction)"},
	{"5.6-1", 'P', "the network and logical interfaces and which of them are disabled"},
	{"5.6-2", 'P', "what the device discloses before authentication"},
	{"5.6-3", 'P', "the physical interfaces and why each is exposed"},
	{"5.6-4", 'H', "how physically accessible debug interfaces (JTAG, UART console) are disabled "
		       "in production"},
	{"5.6-5", 'H', "the software services that are enabled and why each is needed"},
	{"5.6-6", 'P', "how code not needed for the intended use is removed from release builds"},
	{"5.6-7", 'P', "the privileges each component runs with"},
	{"5.6-8", 'P', "the hardware memory access control used (MPU, MMU, TrustZone)"},
	{"5.6-9", 'P', "the secure development process (reviews, static analysis, hardening flags)"},
	{"5.7-1", 'H', "the secure boot chain and how its keys are protected"},
	{"5.7-2", 'P', "what the device does when it detects an unauthorised software change"},
	{"5.8-1", 'P', "how personal data in transit is protected"},
	{"5.8-2", 'P', "how sensitive personal data sent to associated services is kept confidential"},
	{"5.8-3", 'P', "the user documentation of external sensing capabilities (camera, microphone, "
		       "sensors)"},
	{"5.9-1", 'P', "how the device behaves during data network and power outages"},
	{"5.9-2", 'P', "what keeps working without network access and how the device recovers after "
		       "a power loss"},
	{"5.9-3", 'P', "how the device connects and reconnects to networks (back-off, orderly start-up)"},
	{"5.10-1", 'N', "how telemetry data is examined for security anomalies"},
	{"5.11-1", 'P', "how users erase their data from the device (factory reset) and what is erased"},
	{"5.11-2", 'N', "how users remove their personal data from associated services"},
	{"5.11-3", 'N', "the instructions that tell users how to delete their personal data"},
	{"5.11-4", 'N', "how users are told that their personal data has been deleted"},
	{"5.12-1", 'N', "the installation and maintenance steps"},
	{"5.12-2", 'N', "the guidance on setting up the device securely"},
	{"5.12-3", 'N', "the guidance on checking that the device is set up securely"},
	{"5.13-1", 'H', "how input from user interfaces, APIs and networks is validated"},
	{"6-1", 'N', "the information given to consumers on the personal data processed and why"},
	{"6-2", 'N', "how valid consent is obtained"},
	{"6-3", 'N', "how consumers withdraw their consent"},
	{"6-4", 'P', "the telemetry fields, and why each item of personal data in them is needed"},
	{"6-5", 'N', "the information given to consumers on what telemetry is collected and why"},
};

static const struct prov_hint *hint_find(const char *id)
{
	for (size_t i = 0; i < ARRAY_LEN(hints); i++)
		if (strcmp(hints[i].id, id) == 0)
			return &hints[i];
	return NULL;
}

/* The conditions of Annex B (what must hold for a C(n) provision to apply). */
static const char *const conditions[] = {
	NULL,
	"passwords are used",
	"pre-installed passwords are used",
	"some software components are not updateable",
	"the device is constrained",
	"the device is not constrained",
	"telemetry data is collected",
	"personal data is processed on the basis of consent",
	"users can authenticate against the device",
	"automatic updates or update notifications are supported",
	"a hard-coded unique per-device identity is used",
	"updates are delivered over a network interface",
	"an update mechanism exists",
	"a debug interface is physically accessible",
};

/* Conditions a scan can show to hold: any finding (not suppressed) that
 * names `prov` shows `because`. */
struct cond_signal {
	unsigned cond;
	const char *prov;
	const char *because;
};

static const struct cond_signal signals[] = {
	{1, "5.1-1", "passwords were found in the tree"},
	{12, "5.3-2", "an update mechanism was found in the tree"},
};

/* ---- status words ---- */

const char *conformance_status_key(enum conf_status s)
{
	static const char *const k[CONF_NSTATUS] = {"contradicted", "not-met", "not-applicable",
						    "supported", "evidence-found", "needs-statement"};
	return (unsigned)s < CONF_NSTATUS ? k[s] : "?";
}

const char *conformance_status_label(enum conf_status s)
{
	static const char *const l[CONF_NSTATUS] = {"Contradicted", "Not met", "Not applicable",
						    "Supported (statement)", "Evidence found",
						    "Needs a statement"};
	return (unsigned)s < CONF_NSTATUS ? l[s] : "?";
}

/* What each status means, for the legend. */
static const char *status_meaning(enum conf_status s)
{
	static const char *const m[CONF_NSTATUS] = {
		"findings of severity low or higher contradict it",
		"the statement says it is not met",
		"the statement says its condition does not hold, with a justification",
		"the statement says it is supported, and no finding contradicts it",
		"etsilint found evidence of it and no contradiction; no statement yet",
		"nothing was found either way: the manufacturer must state it",
	};
	return (unsigned)s < CONF_NSTATUS ? m[s] : "?";
}

static const char *class_words(char cls)
{
	return cls == 'H' ? "strong static signal" : cls == 'P' ? "partial static signal"
							       : "manufacturer's evidence only";
}

static const char *cond_text(unsigned n)
{
	return n < ARRAY_LEN(conditions) && conditions[n] ? conditions[n] : "an unknown condition";
}

/* "Mandatory", "Recommended if A and B" for a catalogue status. */
static void requirement_text(struct sbuf *b, const struct provision *p)
{
	unsigned cv[8];
	size_t nc = statement_conditions(p, cv, ARRAY_LEN(cv));
	sbuf_adds(b, statement_mandatory(p) ? "mandatory" : "recommended");
	for (size_t i = 0; i < nc; i++)
		sbuf_addf(b, "%s%s", i == 0 ? " if " : " and ", cond_text(cv[i]));
}

/* ---- the model ---- */

static int names(const struct rule *r, const char *id)
{
	for (size_t i = 0; i < r->nprovisions; i++)
		if (strcmp(r->provisions[i], id) == 0)
			return 1;
	return 0;
}

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

/* Does the scan show condition cond to hold? Returns the reason or NULL. */
static const char *condition_seen(const struct conformance *c, unsigned cond)
{
	for (size_t i = 0; i < ARRAY_LEN(signals); i++) {
		if (signals[i].cond != cond)
			continue;
		for (size_t k = 0; k < c->n; k++)
			if (strcmp(c->v[k].prov->id, signals[i].prov) == 0 &&
			    c->v[k].ncontra + c->v[k].nevidence > 0)
				return signals[i].because;
	}
	return NULL;
}

/* " It applies only if A (condition 1) and B (condition 12); if not, ..." for
 * a conditional provision, with what the scan shows of its conditions. */
static void add_condition_text(struct sbuf *b, const struct conformance *c, const struct provision *p)
{
	unsigned cv[8];
	size_t nc = statement_conditions(p, cv, ARRAY_LEN(cv)), nseen = 0;
	if (!nc)
		return;
	sbuf_adds(b, " It applies only if ");
	for (size_t i = 0; i < nc; i++) {
		sbuf_addf(b, "%s%s (condition %u)", i == 0 ? "" : i + 1 == nc ? " and " : ", ",
			  cond_text(cv[i]), cv[i]);
		nseen += condition_seen(c, cv[i]) != NULL;
	}
	if (nseen == nc) {
		sbuf_adds(b, ": ");
		for (size_t i = 0; i < nc; i++)
			sbuf_addf(b, "%s%s", i ? "; " : "", condition_seen(c, cv[i]));
		sbuf_addf(b, ", so %s.", nc == 1 ? "it holds" : "they hold");
		return;
	}
	sbuf_adds(b, "; if not, state n.a. with a justification.");
	for (size_t i = 0; i < nc; i++) {
		const char *why = condition_seen(c, cv[i]);
		if (why)
			sbuf_addf(b, " Note: %s, so condition %u holds.", why, cv[i]);
	}
}

static void item_texts(const struct conformance *c, struct conf_item *it)
{
	const struct provision *p = it->prov;
	const struct prov_hint *h = hint_find(p->id);
	const char *what = h ? h->what : "the evidence of how it is met";
	const struct stmt_entry *s = it->stmt;
	struct sbuf b = {0};

	switch (it->status) {
	case CONF_CONTRADICTED:
		sbuf_addf(&b, "%zu finding%s of severity low or higher contradict%s it (worst: %s)",
			  it->ncontra, plural(it->ncontra), it->ncontra == 1 ? "s" : "",
			  severity_name(it->worst));
		if (it->nbaselined)
			sbuf_addf(&b, "; %zu of them %s in the baseline, accepted for CI but not for "
				      "conformance", it->nbaselined, it->nbaselined == 1 ? "is" : "are");
		sbuf_adds(&b, ".");
		if (s && s->supported == STMT_NO)
			sbuf_adds(&b, " The statement says it is not met, too.");
		if (s && s->supported == STMT_YES)
			it->conflict = xasprintf("The statement says yes, but %zu finding%s contradict%s "
						 "it: fix %s, or correct the statement.",
						 it->ncontra, plural(it->ncontra),
						 it->ncontra == 1 ? "s" : "", it->ncontra == 1 ? "it" : "them");
		else if (s && s->supported == STMT_NA)
			it->conflict = xasprintf("The statement says n.a., but %zu finding%s name%s it: "
						 "review whether its condition holds.",
						 it->ncontra, plural(it->ncontra),
						 it->ncontra == 1 ? "s" : "");
		break;
	case CONF_NOT_MET:
		sbuf_adds(&b, "The statement says it is not met.");
		if (it->nevidence)
			sbuf_addf(&b, " etsilint found evidence related to it (%zu finding%s).",
				  it->nevidence, plural(it->nevidence));
		break;
	case CONF_NOT_APPLICABLE: {
		unsigned cv[8];
		size_t nc = statement_conditions(p, cv, ARRAY_LEN(cv));
		sbuf_adds(&b, "Not applicable according to the statement: it applies only if ");
		for (size_t i = 0; i < nc; i++)
			sbuf_addf(&b, "%s%s", i ? " and " : "", cond_text(cv[i]));
		sbuf_addf(&b, " (%s), which does not hold.", strchr(p->status, 'C'));
		struct sbuf cf = {0};
		if (it->nevidence)
			sbuf_addf(&cf, "etsilint found evidence that names it (%zu finding%s). ",
				  it->nevidence, plural(it->nevidence));
		for (size_t i = 0; i < nc; i++) {
			const char *why = condition_seen(c, cv[i]);
			if (why)
				sbuf_addf(&cf, "%c%s, so condition %u holds. ", toupper((unsigned char)why[0]),
					  why + 1, cv[i]);
		}
		if (cf.len) {
			sbuf_adds(&cf, "Review the statement's n.a.");
			it->conflict = sbuf_take(&cf);
		}
		sbuf_free(&cf);
		break;
	}
	case CONF_SUPPORTED:
		sbuf_adds(&b, "Supported according to the statement");
		if (it->nevidence)
			sbuf_addf(&b, "; etsilint found evidence of it (%zu finding%s) and no "
				      "contradiction.", it->nevidence, plural(it->nevidence));
		else if (it->nrules)
			sbuf_addf(&b, "; no finding of the %zu rule%s that check%s it contradicts it.",
				  it->nrules, plural(it->nrules), it->nrules == 1 ? "s" : "");
		else
			sbuf_adds(&b, "; no rule of the loaded pack checks it.");
		if (s && s->nevidence == 0)
			it->todo = xasprintf("Add evidence links to the statement: %s.", what);
		break;
	case CONF_EVIDENCE: {
		sbuf_addf(&b, "etsilint found evidence of it (%zu finding%s) and no contradiction; "
			      "there is no statement.", it->nevidence, plural(it->nevidence));
		struct sbuf t = {0};
		sbuf_addf(&t, "Confirm it in the statement (supported: yes, or no) with evidence of "
			      "what static analysis cannot see: %s.", what);
		add_condition_text(&t, c, p);
		it->todo = sbuf_take(&t);
		break;
	}
	case CONF_NEEDS_STATEMENT: {
		if (it->static_class == 'N')
			sbuf_adds(&b, "Static analysis cannot decide it: only the manufacturer's evidence can.");
		else if (it->nrules == 0)
			sbuf_adds(&b, "No rule of the loaded pack checks it, and there is no statement.");
		else if (it->static_class == 'H')
			sbuf_addf(&b, "No contradiction found by the %zu rule%s that check%s it; a clean "
				      "scan does not show that it is met.", it->nrules, plural(it->nrules),
				  it->nrules == 1 ? "s" : "");
		else
			sbuf_addf(&b, "No contradiction found by the %zu rule%s that check%s part of it; "
				      "the rest only the manufacturer can show.", it->nrules,
				  plural(it->nrules), it->nrules == 1 ? "s" : "");
		struct sbuf t = {0};
		sbuf_addf(&t, "State it (supported: yes or no) with evidence: %s.", what);
		add_condition_text(&t, c, p);
		it->todo = sbuf_take(&t);
		break;
	}
	}
	it->summary = sbuf_take(&b);
}

static void push(const struct finding ***v, size_t *n, const struct finding *f)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = f;
}

void conformance_build(struct conformance *c, const struct scan_result *res,
		       const struct statement *st, const char *link_prefix)
{
	memset(c, 0, sizeof *c);
	c->res = res;
	c->st = st;
	c->link_prefix = link_prefix ? link_prefix : "";
	c->n = provisions_count;
	c->v = xcalloc(c->n, sizeof *c->v);
	const struct findings *fs = res->findings;
	for (size_t i = 0; i < c->n; i++) {
		struct conf_item *it = &c->v[i];
		const struct provision *p = &provisions_table[i];
		const struct prov_hint *h = hint_find(p->id);
		it->prov = p;
		it->static_class = h ? h->cls : 'N';
		it->stmt = statement_find(st, p->id);
		for (size_t k = 0; res->pack && k < res->pack->n; k++)
			it->nrules += names(res->pack->rules[k], p->id);
		for (size_t k = 0; fs && k < fs->n; k++) {
			const struct finding *f = &fs->v[k];
			if (!names(f->rule, p->id))
				continue;
			if (f->suppressed) {
				push(&it->suppressed, &it->nsuppressed, f);
			} else if (f->rule->severity >= SEV_LOW) {
				if (!it->ncontra || f->rule->severity > it->worst)
					it->worst = f->rule->severity;
				push(&it->contra, &it->ncontra, f);
				it->nbaselined += f->baseline == BASELINE_UNCHANGED;
			} else {
				push(&it->evidence, &it->nevidence, f);
			}
		}
		const struct stmt_entry *s = it->stmt;
		if (it->ncontra)
			it->status = CONF_CONTRADICTED;
		else if (s && s->supported == STMT_NO)
			it->status = CONF_NOT_MET;
		else if (s && s->supported == STMT_NA)
			it->status = CONF_NOT_APPLICABLE;
		else if (s && s->supported == STMT_YES)
			it->status = CONF_SUPPORTED;
		else if (it->nevidence)
			it->status = CONF_EVIDENCE;
		else
			it->status = CONF_NEEDS_STATEMENT;
		c->count[it->status]++;
	}
	/* Texts last: they look at other provisions' findings (conditions seen). */
	for (size_t i = 0; i < c->n; i++)
		item_texts(c, &c->v[i]);
}

void conformance_free(struct conformance *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		struct conf_item *it = &c->v[i];
		free(it->contra);
		free(it->evidence);
		free(it->suppressed);
		free(it->summary);
		free(it->conflict);
		free(it->todo);
	}
	free(c->v);
	memset(c, 0, sizeof *c);
}

char *conformance_link_prefix(const char *from, const char *to)
{
	const char *f = from, *t = to;
	for (;;) { /* skip the common leading components */
		while (*f == '/')
			f++;
		while (*t == '/')
			t++;
		size_t fl = strcspn(f, "/"), tl = strcspn(t, "/");
		if (!fl || fl != tl || strncmp(f, t, fl) != 0)
			break;
		f += fl;
		t += tl;
	}
	struct sbuf b = {0};
	while (*f) {
		size_t fl = strcspn(f, "/");
		if (fl)
			sbuf_adds(&b, "../");
		f += fl;
		while (*f == '/')
			f++;
	}
	while (*t) {
		size_t tl = strcspn(t, "/");
		if (tl) {
			sbuf_addn(&b, t, tl);
			sbuf_addc(&b, '/');
		}
		t += tl;
		while (*t == '/')
			t++;
	}
	return sbuf_take(&b);
}

/* ---- helpers shared by the writers ---- */

/* Areas in catalogue order: index of the first provision of each. */
static size_t areas_of(const struct conformance *c, size_t *first, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < c->n; i++)
		if ((i == 0 || strcmp(c->v[i].prov->area, c->v[i - 1].prov->area) != 0) && n < max)
			first[n++] = i;
	return n;
}

static size_t area_end(const struct conformance *c, size_t start)
{
	size_t e = start;
	while (e < c->n && strcmp(c->v[e].prov->area, c->v[start].prov->area) == 0)
		e++;
	return e;
}

static const char *area_title(const char *area)
{
	const char *t = provision_area_title(area);
	return t ? t : "";
}

static size_t nfindings_reported(const struct findings *fs)
{
	size_t n = 0;
	for (size_t i = 0; fs && i < fs->n; i++)
		n += !fs->v[i].suppressed;
	return n;
}

static size_t nerrors(const struct diag *d)
{
	return d ? d->nerrors : 0;
}

static int scheme_is(const char *s, const char *scheme)
{
	size_t n = strlen(scheme);
	return strncasecmp(s, scheme, n) == 0;
}

/* How a statement's evidence item is linked: 0 plain text, 1 a URL as it
 * is (http, https, mailto), 2 a path relative to the scan root. */
static int link_kind(const char *s)
{
	if (scheme_is(s, "https://") || scheme_is(s, "http://") || scheme_is(s, "mailto:"))
		return 1;
	if (!*s || *s == '/' || *s == '#')
		return 0;
	for (const char *q = s; *q && *q != '/'; q++)
		if (*q == ':')
			return 0; /* another scheme (javascript:, data:, file:): not a link */
	for (const char *q = s; *q; q++)
		if ((unsigned char)*q < 0x20)
			return 0;
	return 2;
}

/* Percent-encode s into b: keep unreserved characters and '/'; with
 * url_chars, also the other characters a URL needs (: ? # [ ] @ ! $ & * + ,
 * ; = %), never quotes, brackets of Markdown links, spaces or controls. */
static void url_encode(struct sbuf *b, const char *s, int url_chars)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *q = (const unsigned char *)s; *q; q++) {
		int keep = (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
			   (*q >= '0' && *q <= '9') || strchr("-._~/", *q);
		if (!keep && url_chars && *q && strchr(":?#[]@!$&*+,;=%", *q))
			keep = 1;
		if (keep) {
			sbuf_addc(b, (char)*q);
		} else {
			sbuf_addc(b, '%');
			sbuf_addc(b, hex[*q >> 4]);
			sbuf_addc(b, hex[*q & 15]);
		}
	}
}

/* The href of a finding: prefix + path (encoded) + "#L<line>". New string. */
static char *finding_href(const struct conformance *c, const struct finding *f)
{
	struct sbuf b = {0};
	url_encode(&b, c->link_prefix, 0);
	url_encode(&b, f->relpath ? f->relpath : f->path, 0);
	sbuf_addf(&b, "#L%u", f->line);
	return sbuf_take(&b);
}

/* The href of an evidence item (link_kind != 0). New string. */
static char *evidence_href(const struct conformance *c, const char *s)
{
	struct sbuf b = {0};
	if (link_kind(s) == 1) {
		url_encode(&b, s, 1);
	} else {
		url_encode(&b, c->link_prefix, 0);
		const char *hash = strchr(s, '#');
		char *path = hash ? xstrndup(s, (size_t)(hash - s)) : xstrdup(s);
		url_encode(&b, path, 0);
		free(path);
		if (hash)
			url_encode(&b, hash, 1);
	}
	return sbuf_take(&b);
}

/* A statement's answer as a person reads it. */
static const char *stmt_words(enum stmt_support s)
{
	return s == STMT_YES ? "supported (yes)" : s == STMT_NO ? "not met (no)" : "not applicable (n.a.)";
}

static const char *fpath(const struct finding *f)
{
	return f->relpath ? f->relpath : f->path;
}

static const char *product_text(const struct statement *st, struct sbuf *b)
{
	if (st && st->product_name)
		sbuf_adds(b, st->product_name);
	if (st && st->product_version)
		sbuf_addf(b, "%s%s", b->len ? " " : "version ", st->product_version);
	return b->len ? sbuf_str(b) : NULL;
}

/* ---- Markdown ---- */

static const char *const md_marks[CONF_NSTATUS] = {"🔴", "🟠", "⚪", "🟢", "🔵", "🟡"};

/* Text from scanned files and statements: valid UTF-8, line breaks and
 * controls as spaces, Markdown and HTML syntax escaped. */
static void md_text(FILE *o, const char *s)
{
	char *clean = utf8_clean(s ? s : "");
	for (const unsigned char *q = (const unsigned char *)clean; *q; q++) {
		if (*q < 0x20 || *q == 0x7f)
			fputc(' ', o);
		else if (strchr("\\`*_[]<>|~", *q))
			fprintf(o, "\\%c", *q);
		else
			fputc(*q, o);
	}
	free(clean);
}

static void md_finding(FILE *o, const struct conformance *c, const struct finding *f, int show_reason)
{
	char *href = finding_href(c, f);
	fprintf(o, "- **%s** `%s` [", severity_name(f->rule->severity), f->rule->id);
	md_text(o, fpath(f));
	fprintf(o, ":%u](%s): ", f->line, href);
	md_text(o, f->message);
	if (f->baseline == BASELINE_UNCHANGED)
		fputs(" *(in the baseline)*", o);
	if (show_reason) {
		fputs(" — reason: *", o);
		md_text(o, f->justification ? f->justification : "");
		fputc('*', o);
	}
	fputc('\n', o);
	free(href);
}

static void md_findings(FILE *o, const struct conformance *c, const char *title,
			const struct finding *const *v, size_t n, int reasons)
{
	if (!n)
		return;
	fprintf(o, "\n**%s** (%zu):\n\n", title, n);
	for (size_t i = 0; i < n; i++)
		md_finding(o, c, v[i], reasons);
}

static void md_item(FILE *o, const struct conformance *c, const struct conf_item *it)
{
	const struct provision *p = it->prov;
	fprintf(o, "### %s ", p->id);
	md_text(o, p->title);
	struct sbuf req = {0};
	requirement_text(&req, p);
	fprintf(o, "\n\n%s **%s** · %s: %s · %s · ", md_marks[it->status],
		conformance_status_label(it->status), p->status, sbuf_str(&req),
		class_words(it->static_class));
	if (it->nrules)
		fprintf(o, "checked by %zu rule%s\n\n", it->nrules, plural(it->nrules));
	else
		fputs("no rule checks it\n\n", o);
	sbuf_free(&req);
	md_text(o, it->summary);
	fputc('\n', o);
	if (it->conflict) {
		fputs("\n> **Conflict:** ", o);
		md_text(o, it->conflict);
		fputc('\n', o);
	}
	if (it->stmt) {
		const struct stmt_entry *s = it->stmt;
		fprintf(o, "\n**Statement:** %s", stmt_words(s->supported));
		if (s->justification) {
			fputs(" — ", o);
			md_text(o, s->justification);
		}
		fputs(" (", o);
		md_text(o, path_base(c->st->path));
		fprintf(o, ", line %u)", s->line);
		fputc('\n', o);
		if (s->nevidence) {
			fputs("\nEvidence given:\n\n", o);
			for (size_t i = 0; i < s->nevidence; i++) {
				fputs("- ", o);
				if (link_kind(s->evidence[i])) {
					char *href = evidence_href(c, s->evidence[i]);
					fputc('[', o);
					md_text(o, s->evidence[i]);
					fprintf(o, "](%s)", href);
					free(href);
				} else {
					md_text(o, s->evidence[i]);
				}
				fputc('\n', o);
			}
		}
	}
	if (it->todo) {
		fputs("\n**To provide:** ", o);
		md_text(o, it->todo);
		fputc('\n', o);
	}
	md_findings(o, c, "Findings", it->contra, it->ncontra, 0);
	md_findings(o, c, "Evidence found", it->evidence, it->nevidence, 0);
	md_findings(o, c, "Suppressed findings, not counted", it->suppressed, it->nsuppressed, 1);
	fputc('\n', o);
}

static int md_write(FILE *o, const struct conformance *c)
{
	const struct scan_result *res = c->res;
	struct sbuf prod = {0};
	const char *product = product_text(c->st, &prod);
	fputs("# EN 303 645 conformance report", o);
	if (product) {
		fputs(": ", o);
		md_text(o, product);
	}
	fputs("\n\n", o);
	fprintf(o, "- **Standard:** %s (%zu provisions)\n", STANDARD, c->n);
	fputs("- **Scanned:** `", o);
	md_text(o, res->root ? res->root : ".");
	fprintf(o, "`: %zu file%s, %zu finding%s, %zu error%s, etsilint %s with %zu rule%s\n",
		res->nfiles, plural(res->nfiles), nfindings_reported(res->findings),
		plural(nfindings_reported(res->findings)), nerrors(res->diag),
		plural(nerrors(res->diag)), res->tool_version ? res->tool_version : "",
		res->pack ? res->pack->n : 0, plural(res->pack ? res->pack->n : 0));
	if (c->st) {
		fputs("- **Statement:** `", o);
		md_text(o, c->st->path);
		fprintf(o, "` (%zu provision%s stated)\n", c->st->n, plural(c->st->n));
	} else {
		fputs("- **Statement:** none was read (" STATEMENT_NAME " at the scan root, or "
		      "--statement FILE): every provision without a finding needs one\n", o);
	}
	if (nerrors(res->diag))
		fputs("- **Warning:** the scan had errors; findings may be missing\n", o);
	fputs("\nA status comes from the scan's findings and the manufacturer's statement; this is "
	      "not a certification. No provision is taken as met because nothing was found: without "
	      "a statement it needs one. The statuses M, R and C(n) follow a transcription of the "
	      "standard's Annex B.\n\n", o);

	fputs("## Summary\n\n| Status | Provisions | Meaning |\n|---|---:|---|\n", o);
	for (int s = 0; s < CONF_NSTATUS; s++)
		fprintf(o, "| %s %s | %zu | %s |\n", md_marks[s],
			conformance_status_label((enum conf_status)s), c->count[s],
			status_meaning((enum conf_status)s));
	fprintf(o, "| **Total** | **%zu** | |\n\n", c->n);

	fputs("### By provision area\n\n| Area | Provisions |", o);
	for (int s = 0; s < CONF_NSTATUS; s++)
		fprintf(o, " %s %s |", md_marks[s], conformance_status_label((enum conf_status)s));
	fputs("\n|---|---:|", o);
	for (int s = 0; s < CONF_NSTATUS; s++)
		fputs("---:|", o);
	fputc('\n', o);
	size_t first[32];
	size_t na = areas_of(c, first, ARRAY_LEN(first));
	for (size_t a = 0; a < na; a++) {
		size_t e = area_end(c, first[a]), cnt[CONF_NSTATUS] = {0};
		for (size_t i = first[a]; i < e; i++)
			cnt[c->v[i].status]++;
		const char *area = c->v[first[a]].prov->area;
		fprintf(o, "| %s %s | %zu |", area, area_title(area), e - first[a]);
		for (int s = 0; s < CONF_NSTATUS; s++)
			fprintf(o, cnt[s] ? " **%zu** |" : " %zu |", cnt[s]);
		fputc('\n', o);
	}
	fprintf(o, "| **Total** | **%zu** |", c->n);
	for (int s = 0; s < CONF_NSTATUS; s++)
		fprintf(o, " **%zu** |", c->count[s]);
	fputs("\n\n", o);

	for (size_t a = 0; a < na; a++) {
		const char *area = c->v[first[a]].prov->area;
		fprintf(o, "## %s %s\n\n", area, area_title(area));
		for (size_t i = first[a], e = area_end(c, first[a]); i < e; i++)
			md_item(o, c, &c->v[i]);
	}
	sbuf_free(&prod);
	return fflush(o) == 0 && !ferror(o) ? 0 : -1;
}

/* ---- HTML ---- */

static void html_text(FILE *o, const char *s)
{
	char *clean = utf8_clean(s ? s : "");
	for (const unsigned char *q = (const unsigned char *)clean; *q; q++) {
		switch (*q) {
		case '&':
			fputs("&amp;", o);
			break;
		case '<':
			fputs("&lt;", o);
			break;
		case '>':
			fputs("&gt;", o);
			break;
		case '"':
			fputs("&quot;", o);
			break;
		case '\'':
			fputs("&#39;", o);
			break;
		default:
			fputc(*q < 0x20 || *q == 0x7f ? ' ' : *q, o);
		}
	}
	free(clean);
}

static const char html_css[] =
	":root{--ink:#1d2939;--muted:#667085;--line:#e4e7ec;--bg:#f6f7f9;"
	"--c0:#b42318;--c0bg:#fef3f2;--c0bd:#fecdca;"
	"--c1:#6941c6;--c1bg:#f4f3ff;--c1bd:#d9d6fe;"
	"--c2:#475467;--c2bg:#f2f4f7;--c2bd:#d0d5dd;"
	"--c3:#067647;--c3bg:#ecfdf3;--c3bd:#abefc6;"
	"--c4:#175cd3;--c4bg:#eff8ff;--c4bd:#b2ddff;"
	"--c5:#a15c07;--c5bg:#fffaeb;--c5bd:#fedf89}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;background:var(--bg);color:var(--ink);"
	"font:15px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif}\n"
	"main{max-width:1120px;margin:0 auto;padding:32px 28px 64px}\n"
	"h1{font-size:26px;margin:0 0 4px}\n"
	"h2{font-size:20px;margin:40px 0 12px;padding-bottom:6px;border-bottom:2px solid var(--line)}\n"
	"h2 .num{color:var(--muted);font-weight:600;margin-right:8px}\n"
	"h3{font-size:16px;margin:0}\n"
	"a{color:#175cd3;text-decoration:none}a:hover{text-decoration:underline}\n"
	"code,.mono{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}\n"
	".sub{color:var(--muted);margin:0 0 20px}\n"
	".meta{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;background:#fff;"
	"border:1px solid var(--line);border-radius:10px;padding:14px 18px;margin:0 0 16px}\n"
	".meta dt{color:var(--muted)}.meta dd{margin:0;overflow-wrap:anywhere}\n"
	".note{color:var(--muted);font-size:13.5px;margin:0 0 24px}\n"
	".warn{background:var(--c5bg);border:1px solid var(--c5bd);color:var(--c5);border-radius:8px;"
	"padding:8px 12px;margin:0 0 16px}\n"
	".tiles{display:grid;grid-template-columns:repeat(6,1fr);gap:10px;margin:0 0 24px}\n"
	".tile{background:#fff;border:1px solid var(--line);border-top:4px solid var(--k);"
	"border-radius:10px;padding:10px 12px}\n"
	".tile .n{font-size:28px;font-weight:700;color:var(--k);line-height:1.1}\n"
	".tile.zero{opacity:.6}.tile.zero .n{color:var(--muted)}\n"
	".tile .l{font-weight:600;font-size:13.5px}.tile .m{color:var(--muted);font-size:12px;"
	"line-height:1.35;margin-top:4px}\n"
	".bar{display:flex;height:12px;border-radius:6px;overflow:hidden;margin:0 0 28px;"
	"border:1px solid var(--line)}\n"
	".bar span{display:block;height:100%}\n"
	"table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line);"
	"border-radius:10px;overflow:hidden}\n"
	"th,td{padding:7px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}\n"
	"th{background:#f9fafb;font-size:12.5px;color:var(--muted);font-weight:600}\n"
	"td.n,th.n{text-align:center;width:64px}\n"
	"td.n.z{color:#c0c5cd}\n"
	"td.n b{display:inline-block;min-width:26px;padding:0 6px;border-radius:10px;"
	"color:var(--k);background:var(--kb)}\n"
	"tr.total td{font-weight:700;background:#f9fafb}\n"
	".area-t{color:var(--muted);font-size:13px}\n"
	".chips{display:flex;flex-wrap:wrap;gap:3px;margin-top:4px}\n"
	".chip{font:11.5px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:0 5px;"
	"border-radius:4px;color:var(--k);background:var(--kb);border:1px solid var(--kd)}\n"
	".badge{display:inline-block;white-space:nowrap;font-size:12.5px;font-weight:600;"
	"padding:1px 10px;border-radius:999px;color:var(--k);background:var(--kb);"
	"border:1px solid var(--kd)}\n"
	".req{display:inline-block;font-size:12px;color:var(--muted);border:1px solid var(--line);"
	"border-radius:4px;padding:0 6px;margin-right:4px;white-space:nowrap}\n"
	".s0{--k:var(--c0);--kb:var(--c0bg);--kd:var(--c0bd)}"
	".s1{--k:var(--c1);--kb:var(--c1bg);--kd:var(--c1bd)}"
	".s2{--k:var(--c2);--kb:var(--c2bg);--kd:var(--c2bd)}"
	".s3{--k:var(--c3);--kb:var(--c3bg);--kd:var(--c3bd)}"
	".s4{--k:var(--c4);--kb:var(--c4bg);--kd:var(--c4bd)}"
	".s5{--k:var(--c5);--kb:var(--c5bg);--kd:var(--c5bd)}\n"
	".card{background:#fff;border:1px solid var(--line);border-left:5px solid var(--k);"
	"border-radius:10px;padding:14px 18px;margin:0 0 12px}\n"
	".card .head{display:flex;gap:12px;align-items:baseline;justify-content:space-between}\n"
	".card .id{font-weight:700;margin-right:6px}\n"
	".card p{margin:8px 0 0}\n"
	".card .facts{color:var(--muted);font-size:12.5px;margin-top:2px}\n"
	".conflict{background:var(--c0bg);border:1px solid var(--c0bd);border-radius:8px;"
	"padding:6px 10px;margin-top:10px;color:var(--c0)}\n"
	".todo{background:var(--c5bg);border:1px solid var(--c5bd);border-radius:8px;"
	"padding:6px 10px;margin-top:10px}\n"
	".stmt{background:#f9fafb;border:1px solid var(--line);border-radius:8px;padding:6px 10px;"
	"margin-top:10px}\n"
	".stmt ul{margin:4px 0 0;padding-left:20px}\n"
	"details{margin-top:10px}summary{cursor:pointer;font-weight:600;font-size:13.5px}\n"
	"ul.f{list-style:none;margin:6px 0 0;padding:0}\n"
	"ul.f li{padding:4px 0;border-top:1px dashed var(--line);font-size:13.5px;"
	"overflow-wrap:anywhere}\n"
	".sev{display:inline-block;width:62px;font-size:11.5px;font-weight:700;text-transform:uppercase}\n"
	".sev-critical{color:#912018}.sev-high{color:#b42318}.sev-medium{color:#b54708}"
	".sev-low{color:#475467}.sev-info{color:#175cd3}\n"
	".rule{color:var(--muted)}\n"
	".reason{color:var(--muted);font-style:italic}\n"
	".where{color:var(--muted);font-size:12.5px}\n"
	"footer{color:var(--muted);font-size:12.5px;margin-top:40px}\n"
	"@media (max-width:800px){.tiles{grid-template-columns:repeat(2,1fr)}}\n"
	"@media print{body{background:#fff}.card{break-inside:avoid}}\n";

static void html_badge(FILE *o, enum conf_status s)
{
	fprintf(o, "<span class=\"badge s%d\">%s</span>", (int)s, conformance_status_label(s));
}

/* id="p-5.1-1" */
static void html_anchor(FILE *o, const struct provision *p)
{
	fputs("p-", o);
	html_text(o, p->id);
}

static void html_findings(FILE *o, const struct conformance *c, const char *title,
			  const struct finding *const *v, size_t n, int open, int reasons)
{
	if (!n)
		return;
	fprintf(o, "<details%s><summary>%s (%zu)</summary><ul class=\"f\">\n", open ? " open" : "",
		title, n);
	for (size_t i = 0; i < n; i++) {
		const struct finding *f = v[i];
		char *href = finding_href(c, f);
		const char *sev = severity_name(f->rule->severity);
		fprintf(o, "<li><span class=\"sev sev-%s\">%s</span> <a class=\"mono\" href=\"", sev, sev);
		html_text(o, href);
		fputs("\">", o);
		html_text(o, fpath(f));
		fprintf(o, ":%u</a> ", f->line);
		html_text(o, f->message);
		fputs(" <span class=\"rule mono\">[", o);
		html_text(o, f->rule->id);
		fputs("]</span>", o);
		if (f->baseline == BASELINE_UNCHANGED)
			fputs(" <span class=\"reason\">(in the baseline)</span>", o);
		if (reasons) {
			fputs(" <span class=\"reason\">reason: ", o);
			html_text(o, f->justification ? f->justification : "");
			fputs("</span>", o);
		}
		fputs("</li>\n", o);
		free(href);
	}
	fputs("</ul></details>\n", o);
}

static void html_item(FILE *o, const struct conformance *c, const struct conf_item *it)
{
	const struct provision *p = it->prov;
	fprintf(o, "<section class=\"card s%d\" id=\"", (int)it->status);
	html_anchor(o, p);
	fputs("\"><div class=\"head\"><h3><span class=\"id\">", o);
	html_text(o, p->id);
	fputs("</span>", o);
	html_text(o, p->title);
	fputs("</h3>", o);
	html_badge(o, it->status);
	struct sbuf req = {0};
	requirement_text(&req, p);
	fprintf(o, "</div>\n<div class=\"facts\"><span class=\"req\">%s</span> %s &middot; %s "
		   "&middot; ", p->status, sbuf_str(&req), class_words(it->static_class));
	if (it->nrules)
		fprintf(o, "checked by %zu rule%s</div>\n", it->nrules, plural(it->nrules));
	else
		fputs("no rule checks it</div>\n", o);
	sbuf_free(&req);
	fputs("<p>", o);
	html_text(o, it->summary);
	fputs("</p>\n", o);
	if (it->conflict) {
		fputs("<div class=\"conflict\"><b>Conflict:</b> ", o);
		html_text(o, it->conflict);
		fputs("</div>\n", o);
	}
	if (it->stmt) {
		const struct stmt_entry *s = it->stmt;
		fprintf(o, "<div class=\"stmt\"><b>Statement: %s</b>", stmt_words(s->supported));
		if (s->justification) {
			fputs(" &mdash; ", o);
			html_text(o, s->justification);
		}
		fputs(" <span class=\"where\">(", o);
		html_text(o, path_base(c->st->path));
		fprintf(o, ", line %u)</span>", s->line);
		if (s->nevidence) {
			fputs("<ul>\n", o);
			for (size_t i = 0; i < s->nevidence; i++) {
				fputs("<li>", o);
				if (link_kind(s->evidence[i])) {
					char *href = evidence_href(c, s->evidence[i]);
					fputs("<a href=\"", o);
					html_text(o, href);
					fputs("\">", o);
					html_text(o, s->evidence[i]);
					fputs("</a>", o);
					free(href);
				} else {
					html_text(o, s->evidence[i]);
				}
				fputs("</li>\n", o);
			}
			fputs("</ul>", o);
		}
		fputs("</div>\n", o);
	}
	if (it->todo) {
		fputs("<div class=\"todo\"><b>To provide:</b> ", o);
		html_text(o, it->todo);
		fputs("</div>\n", o);
	}
	html_findings(o, c, "Findings", it->contra, it->ncontra, it->ncontra <= 8, 0);
	html_findings(o, c, "Evidence found", it->evidence, it->nevidence, it->nevidence <= 8, 0);
	html_findings(o, c, "Suppressed findings, not counted", it->suppressed, it->nsuppressed, 0, 1);
	fputs("</section>\n", o);
}

static int html_write(FILE *o, const struct conformance *c)
{
	const struct scan_result *res = c->res;
	struct sbuf prod = {0};
	const char *product = product_text(c->st, &prod);
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<meta name=\"generator\" content=\"etsilint\">\n<title>EN 303 645 conformance report", o);
	if (product) {
		fputs(": ", o);
		html_text(o, product);
	}
	fprintf(o, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n", html_css);
	fputs("<h1>EN 303 645 conformance report</h1>\n<p class=\"sub\">", o);
	if (product) {
		html_text(o, product);
		fputs(" &middot; ", o);
	}
	fprintf(o, "%s, %zu provisions</p>\n<dl class=\"meta\">\n", STANDARD, c->n);
	fputs("<dt>Scanned</dt><dd><code>", o);
	html_text(o, res->root ? res->root : ".");
	fprintf(o, "</code>: %zu file%s, %zu finding%s, %zu error%s</dd>\n", res->nfiles,
		plural(res->nfiles), nfindings_reported(res->findings),
		plural(nfindings_reported(res->findings)), nerrors(res->diag), plural(nerrors(res->diag)));
	fputs("<dt>Statement</dt><dd>", o);
	if (c->st) {
		fputs("<code>", o);
		html_text(o, c->st->path);
		fprintf(o, "</code>: %zu provision%s stated", c->st->n, plural(c->st->n));
	} else {
		fputs("none was read (<code>" STATEMENT_NAME "</code> at the scan root, or "
		      "<code>--statement</code> <i>file</i>): every provision without a finding needs one", o);
	}
	fputs("</dd>\n<dt>Tool</dt><dd>etsilint ", o);
	html_text(o, res->tool_version ? res->tool_version : "");
	fprintf(o, " with %zu rule%s</dd>\n</dl>\n", res->pack ? res->pack->n : 0,
		plural(res->pack ? res->pack->n : 0));
	if (nerrors(res->diag))
		fputs("<p class=\"warn\">The scan had errors: findings may be missing.</p>\n", o);
	fputs("<p class=\"note\">A status comes from the scan's findings and the manufacturer's "
	      "statement; this is not a certification. No provision is taken as met because nothing "
	      "was found: without a statement it needs one. The statuses M, R and C(n) follow a "
	      "transcription of the standard's Annex B.</p>\n", o);

	fputs("<div class=\"tiles\">\n", o);
	for (int s = 0; s < CONF_NSTATUS; s++)
		fprintf(o, "<div class=\"tile s%d%s\"><div class=\"n\">%zu</div><div class=\"l\">%s</div>"
			   "<div class=\"m\">%s</div></div>\n", s, c->count[s] ? "" : " zero", c->count[s],
			conformance_status_label((enum conf_status)s), status_meaning((enum conf_status)s));
	fputs("</div>\n<div class=\"bar\" role=\"img\" aria-label=\"provisions by status\">", o);
	for (int s = 0; s < CONF_NSTATUS; s++)
		if (c->count[s])
			fprintf(o, "<span class=\"s%d\" style=\"width:%.2f%%;background:var(--k)\" "
				   "title=\"%s: %zu\"></span>", s, 100.0 * (double)c->count[s] /
				(double)(c->n ? c->n : 1), conformance_status_label((enum conf_status)s),
				c->count[s]);
	fputs("</div>\n", o);

	fputs("<h2>Summary by provision area</h2>\n<table>\n<thead><tr><th>Area</th>"
	      "<th class=\"n\">Provisions</th>", o);
	for (int s = 0; s < CONF_NSTATUS; s++)
		fprintf(o, "<th class=\"n\">%s</th>", conformance_status_label((enum conf_status)s));
	fputs("</tr></thead>\n<tbody>\n", o);
	size_t first[32];
	size_t na = areas_of(c, first, ARRAY_LEN(first));
	for (size_t a = 0; a < na; a++) {
		size_t e = area_end(c, first[a]), cnt[CONF_NSTATUS] = {0};
		for (size_t i = first[a]; i < e; i++)
			cnt[c->v[i].status]++;
		const char *area = c->v[first[a]].prov->area;
		fprintf(o, "<tr><td><a href=\"#a-%s\"><b>%s</b></a> <span class=\"area-t\">", area, area);
		html_text(o, area_title(area));
		fputs("</span><div class=\"chips\">", o);
		for (size_t i = first[a]; i < e; i++) {
			fprintf(o, "<a class=\"chip s%d\" href=\"#", (int)c->v[i].status);
			html_anchor(o, c->v[i].prov);
			fprintf(o, "\" title=\"%s\">", conformance_status_label(c->v[i].status));
			html_text(o, c->v[i].prov->id);
			fputs("</a>", o);
		}
		fprintf(o, "</div></td><td class=\"n\">%zu</td>", e - first[a]);
		for (int s = 0; s < CONF_NSTATUS; s++) {
			if (cnt[s])
				fprintf(o, "<td class=\"n s%d\"><b>%zu</b></td>", s, cnt[s]);
			else
				fputs("<td class=\"n z\">&ndash;</td>", o);
		}
		fputs("</tr>\n", o);
	}
	fprintf(o, "<tr class=\"total\"><td>Total</td><td class=\"n\">%zu</td>", c->n);
	for (int s = 0; s < CONF_NSTATUS; s++)
		fprintf(o, "<td class=\"n\">%zu</td>", c->count[s]);
	fputs("</tr>\n</tbody>\n</table>\n", o);

	for (size_t a = 0; a < na; a++) {
		const char *area = c->v[first[a]].prov->area;
		fprintf(o, "<h2 id=\"a-%s\"><span class=\"num\">%s</span>", area, area);
		html_text(o, area_title(area));
		fputs("</h2>\n", o);
		for (size_t i = first[a], e = area_end(c, first[a]); i < e; i++)
			html_item(o, c, &c->v[i]);
	}
	fputs("<footer>Generated by etsilint ", o);
	html_text(o, res->tool_version ? res->tool_version : "");
	fputs(". Provision titles are paraphrases; the standard's text is authoritative.</footer>\n"
	      "</main>\n</body>\n</html>\n", o);
	sbuf_free(&prod);
	return fflush(o) == 0 && !ferror(o) ? 0 : -1;
}

/* ---- JSON (docs/report-format.md) ---- */

static cJSON *json_finding(const struct finding *f)
{
	cJSON *o = jsonw_obj();
	jsonw_add(o, "rule", jsonw_str(f->rule->id));
	jsonw_add(o, "severity", jsonw_str(severity_name(f->rule->severity)));
	jsonw_add(o, "path", jsonw_str(fpath(f)));
	jsonw_add(o, "line", jsonw_num(f->line));
	jsonw_add(o, "column", jsonw_num(f->col));
	jsonw_add(o, "message", jsonw_str(f->message ? f->message : ""));
	jsonw_add(o, "fingerprint", jsonw_str(f->fingerprint));
	jsonw_add_finding_state(o, f);
	jsonw_add_finding_steps(o, f);
	return o;
}

static cJSON *json_findings(const struct finding *const *v, size_t n)
{
	cJSON *a = jsonw_arr();
	for (size_t i = 0; i < n; i++)
		jsonw_push(a, json_finding(v[i]));
	return a;
}

static cJSON *json_counts(const size_t *cnt)
{
	cJSON *o = jsonw_obj();
	for (int s = 0; s < CONF_NSTATUS; s++)
		jsonw_add(o, conformance_status_key((enum conf_status)s), jsonw_num((double)cnt[s]));
	return o;
}

static cJSON *json_item(const struct conf_item *it)
{
	const struct provision *p = it->prov;
	cJSON *o = jsonw_obj();
	jsonw_add(o, "id", jsonw_str(p->id));
	jsonw_add(o, "area", jsonw_str(p->area));
	jsonw_add(o, "title", jsonw_str(p->title));
	jsonw_add(o, "requirement", jsonw_str(p->status));
	jsonw_add(o, "mandatory", jsonw_bool(statement_mandatory(p)));
	unsigned cv[8];
	size_t nc = statement_conditions(p, cv, ARRAY_LEN(cv));
	cJSON *conds = jsonw_arr();
	for (size_t i = 0; i < nc; i++)
		jsonw_push(conds, jsonw_num(cv[i]));
	jsonw_add(o, "conditions", conds);
	char cls[2] = {it->static_class, '\0'};
	jsonw_add(o, "static", jsonw_str(cls));
	jsonw_add(o, "rules", jsonw_num((double)it->nrules));
	jsonw_add(o, "status", jsonw_str(conformance_status_key(it->status)));
	jsonw_add(o, "label", jsonw_str(conformance_status_label(it->status)));
	jsonw_add(o, "summary", jsonw_str(it->summary));
	jsonw_add(o, "conflict", jsonw_str(it->conflict));
	jsonw_add(o, "todo", jsonw_str(it->todo));
	if (it->stmt) {
		const struct stmt_entry *s = it->stmt;
		cJSON *so = jsonw_obj();
		jsonw_add(so, "supported", jsonw_str(statement_support_name(s->supported)));
		jsonw_add(so, "justification", jsonw_str(s->justification));
		cJSON *ev = jsonw_arr();
		for (size_t i = 0; i < s->nevidence; i++)
			jsonw_push(ev, jsonw_str(s->evidence[i]));
		jsonw_add(so, "evidence", ev);
		jsonw_add(so, "line", jsonw_num(s->line));
		jsonw_add(o, "statement", so);
	} else {
		jsonw_add(o, "statement", jsonw_str(NULL));
	}
	jsonw_add(o, "findings", json_findings(it->contra, it->ncontra));
	jsonw_add(o, "evidence", json_findings(it->evidence, it->nevidence));
	jsonw_add(o, "suppressed", json_findings(it->suppressed, it->nsuppressed));
	return o;
}

static int json_write(FILE *out, const struct conformance *c)
{
	const struct scan_result *res = c->res;
	cJSON *root = jsonw_obj();
	cJSON *tool = jsonw_obj();
	jsonw_add(tool, "name", jsonw_str("etsilint"));
	jsonw_add(tool, "version", jsonw_str(res->tool_version ? res->tool_version : ""));
	jsonw_add(root, "tool", tool);
	jsonw_add(root, "reportVersion", jsonw_num(REPORT_VERSION));
	jsonw_add(root, "standard", jsonw_str(STANDARD));
	jsonw_add(root, "root", jsonw_str(res->root));
	if (c->st && (c->st->product_name || c->st->product_version)) {
		cJSON *p = jsonw_obj();
		jsonw_add(p, "name", jsonw_str(c->st->product_name));
		jsonw_add(p, "version", jsonw_str(c->st->product_version));
		jsonw_add(root, "product", p);
	} else {
		jsonw_add(root, "product", jsonw_str(NULL));
	}
	jsonw_add(root, "statement", jsonw_str(c->st ? c->st->path : NULL));
	cJSON *scan = jsonw_obj();
	jsonw_add(scan, "files", jsonw_num((double)res->nfiles));
	jsonw_add(scan, "findings", jsonw_num((double)nfindings_reported(res->findings)));
	jsonw_add(scan, "rules", jsonw_num((double)(res->pack ? res->pack->n : 0)));
	jsonw_add(scan, "errors", jsonw_num((double)nerrors(res->diag)));
	jsonw_add(root, "scan", scan);

	cJSON *sum = jsonw_obj();
	jsonw_add(sum, "provisions", jsonw_num((double)c->n));
	jsonw_add(sum, "byStatus", json_counts(c->count));
	cJSON *areas = jsonw_arr();
	size_t first[32];
	size_t na = areas_of(c, first, ARRAY_LEN(first));
	for (size_t a = 0; a < na; a++) {
		size_t e = area_end(c, first[a]), cnt[CONF_NSTATUS] = {0};
		for (size_t i = first[a]; i < e; i++)
			cnt[c->v[i].status]++;
		cJSON *ao = jsonw_obj();
		jsonw_add(ao, "area", jsonw_str(c->v[first[a]].prov->area));
		jsonw_add(ao, "title", jsonw_str(area_title(c->v[first[a]].prov->area)));
		jsonw_add(ao, "provisions", jsonw_num((double)(e - first[a])));
		jsonw_add(ao, "byStatus", json_counts(cnt));
		jsonw_push(areas, ao);
	}
	jsonw_add(sum, "byArea", areas);
	jsonw_add(root, "summary", sum);

	cJSON *items = jsonw_arr();
	for (size_t i = 0; i < c->n; i++)
		jsonw_push(items, json_item(&c->v[i]));
	jsonw_add(root, "provisions", items);
	return jsonw_print(out, root);
}

/* ---- the writer table ---- */

static const struct conf_writer writer_markdown = {"markdown", md_write};
static const struct conf_writer writer_html = {"html", html_write};
static const struct conf_writer writer_json = {"json", json_write};

const struct conf_writer *const conformance_writers[] = {&writer_markdown, &writer_html,
							   &writer_json, NULL};

const struct conf_writer *conformance_writer_find(const char *name)
{
	for (size_t i = 0; name && conformance_writers[i]; i++)
		if (strcmp(conformance_writers[i]->name, name) == 0)
			return conformance_writers[i];
	return NULL;
}
