/* statement.c - etsilint-statement.yaml: load (libyaml + yparam), validate
 * against the provision catalogue, look up. */
#include "statement.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "util.h"
#include "yparam.h"

int statement_conditional(const struct provision *p)
{
	return p && strstr(p->status, "C(") != NULL;
}

int statement_mandatory(const struct provision *p)
{
	return p && p->status[0] == 'M';
}

size_t statement_conditions(const struct provision *p, unsigned *out, size_t max)
{
	const char *s = p ? strstr(p->status, "C(") : NULL;
	size_t n = 0;
	if (!s)
		return 0;
	for (s += 2; *s && *s != ')';) {
		char *end;
		unsigned long v = strtoul(s, &end, 10);
		if (end == s)
			break;
		if (n < max)
			out[n++] = (unsigned)v;
		s = end;
		if (*s == ',')
			s++;
	}
	return n;
}

const char *statement_support_name(enum stmt_support s)
{
	switch (s) {
	case STMT_YES:
		return "yes";
	case STMT_NO:
		return "no";
	case STMT_NA:
		return "n.a.";
	}
	return "?";
}

void statement_free(struct statement *st)
{
	if (!st)
		return;
	free(st->path);
	free(st->product_name);
	free(st->product_version);
	for (size_t i = 0; i < st->n; i++) {
		free(st->v[i].justification);
		yparam_strlist_free(st->v[i].evidence);
	}
	free(st->v);
	memset(st, 0, sizeof *st);
}

const struct stmt_entry *statement_find(const struct statement *st, const char *id)
{
	for (size_t i = 0; st && id && i < st->n; i++)
		if (strcmp(st->v[i].prov->id, id) == 0)
			return &st->v[i];
	return NULL;
}

/* Report every key of the mapping m that is not in known[]. */
static int check_keys(const struct yparam *m, const char *what, const char *const *known, size_t nknown)
{
	char *where = xasprintf(" in %s", what);
	int bad = yparam_unknown_keys_listed(m, known, nknown, where);
	free(where);
	return bad;
}

/* A string value (a scalar) of m[key] into *out (new), or leave it NULL. */
static int take_str(const struct yparam *m, const char *key, char **out)
{
	int rc = yparam_str(m, key, 0, out);
	return rc < 0 ? -1 : 0;
}

static int parse_support(const char *s, enum stmt_support *out)
{
	if (!s)
		return -1;
	if (strcasecmp(s, "yes") == 0)
		*out = STMT_YES;
	else if (strcasecmp(s, "no") == 0)
		*out = STMT_NO;
	else if (strcasecmp(s, "n.a.") == 0)
		*out = STMT_NA;
	else
		return -1;
	return 0;
}

static int blank(const char *s)
{
	if (!s)
		return 1;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/* One entry: k is the provision's key node, v its value. seen[i]: the line
 * where provisions_table[i] was first stated, valid or not (0: not yet). */
static int load_entry(struct statement *st, const struct yparam *k, const struct yparam *v,
		      unsigned *seen)
{
	static const char *const known[] = {"supported", "justification", "evidence"};
	const char *id = yparam_scalar(k);
	const struct provision *p = provision_find(id);
	if (!p) {
		yparam_error(k, "'%s' is not a provision of ETSI EN 303 645 V2.1.1 (IDs are like "
				"5.1-1, 5.13-1, 6-3 or 4-1; see 'etsilint rules' or the standard's Annex B)",
			     id ? id : "?");
		return -1;
	}
	size_t idx = (size_t)(p - provisions_table);
	if (seen[idx]) {
		yparam_error(k, "provision %s is stated twice (first at line %u)", p->id, seen[idx]);
		return -1;
	}
	seen[idx] = yparam_line(k);
	if (!yparam_is_map(v)) {
		yparam_error(v, "provision %s: give a mapping with supported: yes | no | n.a., and "
				"optionally justification: and evidence:", p->id);
		return -1;
	}
	int bad = check_keys(v, "a provision's statement", known, ARRAY_LEN(known));
	struct stmt_entry e = {.prov = p, .line = yparam_line(k), .col = yparam_col(k)};
	struct yparam sv = yparam_get(v, "supported");
	const char *s = yparam_scalar(&sv);
	if (!sv.node) {
		yparam_error(v, "provision %s: missing 'supported' (yes, no or n.a.)", p->id);
		bad = 1;
	} else if (parse_support(s, &e.supported) != 0) {
		yparam_error(&sv, "provision %s: 'supported' must be yes, no or n.a. (not applicable), "
				  "not '%s'", p->id, s ? s : "a list or mapping");
		bad = 1;
	}
	bad |= take_str(v, "justification", &e.justification) < 0;
	char **ev = NULL;
	size_t nev = 0;
	int rc = yparam_strlist(v, "evidence", 0, &ev, &nev);
	if (rc < 0)
		bad = 1;
	e.evidence = rc == 0 ? ev : xcalloc(1, sizeof *e.evidence);
	e.nevidence = rc == 0 ? nev : 0;
	if (!bad && e.supported == STMT_NA && !statement_conditional(p)) {
		if (statement_mandatory(p))
			yparam_error(&sv, "provision %s (%s) is mandatory without a condition: it applies "
					  "to every device and cannot be n.a.", p->id, p->status);
		else
			yparam_error(&sv, "provision %s (%s) is a recommendation without a condition: it "
					  "applies to every device and cannot be n.a.; state 'no' with a "
					  "justification (4-1) if it is not followed", p->id, p->status);
		bad = 1;
	}
	if (!bad && e.supported == STMT_NA && blank(e.justification)) {
		yparam_error(&sv, "provision %s: n.a. needs a justification (why the condition of %s "
				  "does not hold)", p->id, p->status);
		bad = 1;
	}
	if (!bad && e.supported == STMT_NO && !statement_mandatory(p) && blank(e.justification)) {
		yparam_error(&sv, "provision %s (%s): a recommendation that is not followed needs a "
				  "justification (provision 4-1)", p->id, p->status);
		bad = 1;
	}
	if (bad) {
		free(e.justification);
		yparam_strlist_free(e.evidence);
		return -1;
	}
	st->v = xrealloc(st->v, (st->n + 1) * sizeof *st->v);
	st->v[st->n++] = e;
	return 0;
}

static int load_product(struct statement *st, const struct yparam *pr)
{
	static const char *const known[] = {"name", "version"};
	if (!yparam_is_map(pr)) {
		yparam_error(pr, "'product' must be a mapping (name:, version:)");
		return -1;
	}
	int bad = check_keys(pr, "'product'", known, ARRAY_LEN(known));
	bad |= take_str(pr, "name", &st->product_name) < 0;
	bad |= take_str(pr, "version", &st->product_version) < 0;
	return bad ? -1 : 0;
}

static int load_document(struct statement *st, const struct yparam *top)
{
	static const char *const known[] = {"product", "provisions"};
	if (!yparam_is_map(top)) {
		yparam_error(top, "a conformance statement must be a mapping (product:, provisions:)");
		return -1;
	}
	int bad = check_keys(top, "the statement", known, ARRAY_LEN(known));
	struct yparam pr = yparam_get(top, "product");
	if (pr.node)
		bad |= load_product(st, &pr) < 0;
	struct yparam pv = yparam_get(top, "provisions");
	if (!pv.node)
		return bad ? -1 : 0;
	if (!yparam_is_map(&pv)) {
		if (yparam_scalar(&pv) && !*yparam_scalar(&pv)) /* "provisions:" with nothing */
			return bad ? -1 : 0;
		yparam_error(&pv, "'provisions' must map provision IDs (\"5.1-1\") to statements");
		return -1;
	}
	yaml_document_t *doc = pv.doc;
	yaml_node_t *m = pv.node;
	unsigned *seen = xcalloc(provisions_count, sizeof *seen);
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
		struct yparam k = pv, v = pv;
		k.node = yaml_document_get_node(doc, p->key);
		v.node = yaml_document_get_node(doc, p->value);
		bad |= load_entry(st, &k, &v, seen) < 0;
	}
	free(seen);
	return bad ? -1 : 0;
}

static int load_cb(const struct yparam *top, void *ctx)
{
	return load_document(ctx, top);
}

int statement_load_string(struct statement *st, const char *name, const char *text, size_t len,
			  struct diag *d)
{
	st->path = xstrdup(name);
	return yparam_load(name, text, len, d, load_cb, st); /* empty: states nothing */
}

int statement_load(struct statement *st, const char *path, struct diag *d)
{
	char *text;
	size_t len;
	int rc = util_read_file(path, 4u << 20, &text, &len);
	if (rc < 0) {
		diag_error(d, path, 0, 0, "cannot read the conformance statement: %s", strerror(-rc));
		return -1;
	}
	int result = statement_load_string(st, path, text, len, d);
	free(text);
	return result;
}
