/* projconf.c - .etsilint.yaml: find, load (libyaml), apply to the pack. */
#include "projconf.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

#include "yparam.h"

char *projconf_find(const char *dir)
{
	char *d = realpath(dir, NULL);
	while (d) {
		char *p = path_join(d, PROJCONF_NAME);
		if (access(p, F_OK) == 0) {
			free(d);
			return p;
		}
		free(p);
		if (strcmp(d, "/") == 0)
			break;
		char *slash = strrchr(d, '/');
		if (slash == d)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	free(d);
	return NULL;
}

void projconf_free(struct projconf *pc)
{
	free(pc->path);
	strvec_free(&pc->rules);
	strvec_free(&pc->enable);
	strvec_free(&pc->disable);
	strvec_free(&pc->excludes);
	strvec_free(&pc->cflags);
	for (size_t i = 0; i < pc->nsev; i++)
		free(pc->sev[i].id);
	free(pc->sev);
	memset(pc, 0, sizeof *pc);
}

/* A list of strings into sv; with prefix/base, each made "-I<base/item>". */
static int take_list(const struct yparam *top, const char *key, struct strvec *sv, const char *prefix,
		     const char *base)
{
	char **list = NULL;
	size_t n;
	int rc = yparam_strlist(top, key, 0, &list, &n);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	for (size_t i = 0; i < n; i++) {
		if (base && list[i][0] != '/') {
			char *p = path_join(base, list[i]);
			strvec_push_owned(sv, prefix ? xasprintf("%s%s", prefix, p) : xstrdup(p));
			free(p);
		} else {
			strvec_push_owned(sv, prefix ? xasprintf("%s%s", prefix, list[i]) : xstrdup(list[i]));
		}
	}
	yparam_strlist_free(list);
	return 0;
}

static int load_document(struct projconf *pc, const struct yparam *top, const char *base)
{
	static const char *const known[] = {"rules", "enable", "disable", "severity", "exclude",
					    "include", "define", "fail-on"};
	if (!yparam_is_map(top)) {
		yparam_error(top, "the project configuration must be a mapping (rules:, enable:, "
				  "disable:, severity:, exclude:, include:, define:, fail-on:)");
		return -1;
	}
	int bad = 0;
	/* Unknown keys are errors here: a misspelt "exlcude" would silently scan vendor code. */
	bad |= yparam_unknown_keys_listed(top, known, ARRAY_LEN(known), "");
	bad |= take_list(top, "rules", &pc->rules, NULL, base) < 0;
	bad |= take_list(top, "enable", &pc->enable, NULL, NULL) < 0;
	bad |= take_list(top, "disable", &pc->disable, NULL, NULL) < 0;
	bad |= take_list(top, "exclude", &pc->excludes, NULL, NULL) < 0;
	bad |= take_list(top, "include", &pc->cflags, "-I", base) < 0;
	bad |= take_list(top, "define", &pc->cflags, "-D", NULL) < 0;
	struct yparam fo = yparam_get(top, "fail-on");
	if (fo.node) {
		const char *s = yparam_scalar(&fo);
		enum severity sv;
		if (s && strcmp(s, "none") == 0) {
			pc->has_fail_on = 1;
			pc->fail_on = -1;
		} else if (s && severity_parse(s, &sv) == 0) {
			pc->has_fail_on = 1;
			pc->fail_on = (int)sv;
		} else {
			yparam_error(&fo, "'fail-on' must be one of critical, high, medium, low, info, none");
			bad = 1;
		}
	}
	struct yparam sev = yparam_get(top, "severity");
	if (sev.node) {
		if (!yparam_is_map(&sev)) {
			yparam_error(&sev, "'severity' must map rule ids to severities");
			return -1;
		}
		yaml_document_t *doc = top->doc;
		yaml_node_t *m = sev.node;
		size_t cnt = (size_t)(m->data.mapping.pairs.top - m->data.mapping.pairs.start);
		pc->sev = xcalloc(cnt ? cnt : 1, sizeof *pc->sev);
		for (yaml_node_pair_t *pr = m->data.mapping.pairs.start; pr < m->data.mapping.pairs.top;
		     pr++) {
			struct yparam k = sev, v = sev;
			k.node = yaml_document_get_node(doc, pr->key);
			v.node = yaml_document_get_node(doc, pr->value);
			const char *id = yparam_scalar(&k), *s = yparam_scalar(&v);
			enum severity sv;
			if (!id || !s || severity_parse(s, &sv) != 0) {
				yparam_error(&v, "a severity override must be one of critical, high, "
						 "medium, low, info");
				bad = 1;
				continue;
			}
			pc->sev[pc->nsev++] = (struct projconf_severity){xstrdup(id), sv, yparam_line(&k),
									  yparam_col(&k)};
		}
	}
	return bad ? -1 : 0;
}

struct load_ctx {
	struct projconf *pc;
	const char *base;
};

static int load_cb(const struct yparam *top, void *ctx)
{
	const struct load_ctx *lc = ctx;
	return load_document(lc->pc, top, lc->base);
}

int projconf_load(struct projconf *pc, const char *path, struct diag *d)
{
	char *text;
	size_t len;
	int rc = util_read_file(path, 1u << 20, &text, &len);
	if (rc < 0) {
		diag_error(d, path, 0, 0, "cannot read the project configuration: %s", strerror(-rc));
		return -1;
	}
	pc->path = xstrdup(path);
	const char *slash = strrchr(path, '/');
	char *base = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	if (!*base) {
		free(base);
		base = xstrdup("/");
	}
	struct load_ctx lc = {pc, base};
	int result = yparam_load(path, text, len, d, load_cb, &lc); /* empty: configures nothing */
	free(base);
	free(text);
	return result;
}

/* Does entry (a rule id, a provision ID "5.4-3" or an area "5.4") select r? */
static int selects(const char *entry, const struct rule *r)
{
	if (strcmp(entry, r->id) == 0)
		return 1;
	size_t el = strlen(entry);
	for (size_t i = 0; i < r->nprovisions; i++) {
		const char *p = r->provisions[i];
		if (strcmp(p, entry) == 0 || (strncmp(p, entry, el) == 0 && p[el] == '-'))
			return 1;
	}
	return 0;
}

static int check_entries(const struct projconf *pc, const struct strvec *sv, const char *key,
			 const struct rulepack *pack, struct diag *d)
{
	int bad = 0;
	for (size_t i = 0; i < sv->n; i++) {
		size_t k = 0;
		while (k < pack->n && !selects(sv->v[i], pack->rules[k]))
			k++;
		if (k == pack->n) {
			diag_error(d, pc->path, 0, 0,
				   "'%s': '%s' is no rule id, provision or area of the loaded pack "
				   "(see 'etsilint rules')", key, sv->v[i]);
			bad = 1;
		}
	}
	return bad;
}

int projconf_apply(const struct projconf *pc, struct rulepack *pack, struct diag *d)
{
	int bad = check_entries(pc, &pc->enable, "enable", pack, d) |
		  check_entries(pc, &pc->disable, "disable", pack, d);
	for (size_t i = 0; i < pc->nsev; i++) {
		const struct rule *r = rulepack_find(pack, pc->sev[i].id);
		if (!r) {
			diag_error(d, pc->path, pc->sev[i].line, pc->sev[i].col,
				   "'severity': no rule '%s' in the loaded pack", pc->sev[i].id);
			bad = 1;
			continue;
		}
		((struct rule *)r)->severity = pc->sev[i].sev;
	}
	if (bad)
		return -1;
	char *keep = xcalloc(pack->n ? pack->n : 1, 1);
	for (size_t k = 0; k < pack->n; k++) {
		const struct rule *r = pack->rules[k];
		int on = pc->enable.n == 0;
		for (size_t i = 0; i < pc->enable.n && !on; i++)
			on = selects(pc->enable.v[i], r);
		for (size_t i = 0; i < pc->disable.n && on; i++)
			on = !selects(pc->disable.v[i], r);
		keep[k] = (char)on;
	}
	rulepack_retain(pack, keep);
	free(keep);
	return 0;
}
