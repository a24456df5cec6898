/* rulepack.c - load rule files (libyaml document API) into a validated,
 * read-only rule pack. Every problem is reported to the diag sink with
 * file:line:col, and validation goes on so that one run shows them all. */
#include "rule.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <yaml.h>

#include "classify.h"
#include "matcher.h"
#include "provisions.h"
#include "util.h"
#include "yparam.h"

static const char *const severity_names[] = {"info", "low", "medium", "high", "critical"};

const char *severity_name(enum severity s)
{
	if ((unsigned)s < ARRAY_LEN(severity_names))
		return severity_names[s];
	return "unknown";
}

int severity_parse(const char *name, enum severity *out)
{
	for (size_t i = 0; name && i < ARRAY_LEN(severity_names); i++) {
		if (strcasecmp(name, severity_names[i]) == 0) {
			*out = (enum severity)i;
			return 0;
		}
	}
	return -1;
}

/* An id seen during one load (valid or not), for duplicate detection. */
struct seen {
	char *id;
	char *file;
	unsigned line;
};

struct loader {
	struct rulepack *pack;
	struct diag *d;
	size_t nold;            /* rules in the pack before this load */
	struct seen *seen;
	size_t nseen, capseen;
	int failed;
};

static void rule_free(struct rule *r)
{
	if (!r)
		return;
	if (r->ops && r->ops->free)
		r->ops->free(r->mstate);
	free(r->id);
	free(r->title);
	free(r->message);
	free(r->description);
	free(r->remediation);
	free(r->precision);
	for (size_t i = 0; i < r->nprovisions; i++)
		free(r->provisions[i]);
	free(r->provisions);
	free(r->cwe);
	for (size_t i = 0; i < r->nreferences; i++)
		free(r->references[i]);
	free(r->references);
	yparam_strlist_free(r->path_include);
	yparam_strlist_free(r->path_exclude);
	yparam_strlist_free(r->tree_markers);
	yparam_strlist_free(r->tree_dirs);
	free(r->file);
	free(r);
}

/* [a-z0-9][a-z0-9.-]* */
static int id_valid(const char *s)
{
	if (!*s || !strchr("abcdefghijklmnopqrstuvwxyz0123456789", *s))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '.' || *s == '-'))
			return 0;
	return 1;
}

/* Where an id was first defined: *file and *line; 0 when new. */
static int find_seen(const struct loader *L, const char *id, const char **file, unsigned *line)
{
	for (size_t i = 0; i < L->nseen; i++) {
		if (strcmp(L->seen[i].id, id) == 0) {
			*file = L->seen[i].file;
			*line = L->seen[i].line;
			return 1;
		}
	}
	for (size_t i = 0; i < L->nold; i++) {
		const struct rule *r = L->pack->rules[i];
		if (strcmp(r->id, id) == 0) {
			*file = r->file;
			*line = r->line;
			return 1;
		}
	}
	return 0;
}

static void add_seen(struct loader *L, const struct rule *r)
{
	if (L->nseen == L->capseen) {
		L->capseen = L->capseen ? L->capseen * 2 : 32;
		L->seen = xrealloc(L->seen, L->capseen * sizeof *L->seen);
	}
	L->seen[L->nseen++] = (struct seen){xstrdup(r->id), xstrdup(r->file), r->line};
}

/* Required, non-empty string; oneline: no line breaks. */
static int get_text(const struct yparam *rp, const char *key, int required, int oneline, char **out)
{
	struct yparam v = yparam_get(rp, key);
	if (!v.node) {
		if (required)
			yparam_error(rp, "missing required key '%s'", key);
		return required ? -1 : 0;
	}
	const char *s = yparam_scalar(&v);
	if (!s || !*s) {
		yparam_error(&v, "'%s' must be a non-empty string", key);
		return -1;
	}
	if (oneline && strpbrk(s, "\r\n")) {
		yparam_error(&v, "'%s' must be one line", key);
		return -1;
	}
	*out = xstrdup(s);
	return 0;
}

/* A required non-empty sequence. */
static int get_list(const struct yparam *rp, const char *key, const char *what, struct yparam *v)
{
	*v = yparam_get(rp, key);
	if (!v->node) {
		yparam_error(rp, "missing required key '%s'", key);
		return -1;
	}
	if (!yparam_is_seq(v) || yparam_seq_len(v) == 0) {
		yparam_error(v, "'%s' must be a non-empty list of %s", key, what);
		return -1;
	}
	return 0;
}

static int load_provisions(const struct yparam *rp, struct rule *r)
{
	struct yparam v;
	if (get_list(rp, "provisions", "EN 303 645 V2.1.1 provision IDs, e.g. [5.4-3]", &v) < 0)
		return -1;
	size_t n = yparam_seq_len(&v);
	int bad = 0;
	r->provisions = xcalloc(n, sizeof *r->provisions);
	for (size_t i = 0; i < n; i++) {
		struct yparam it = yparam_seq_item(&v, i);
		const char *s = yparam_scalar(&it);
		if (!s || !provision_find(s)) {
			yparam_error(&it, "'provisions': '%s' is not an EN 303 645 V2.1.1 provision ID",
				     s ? s : "(not a string)");
			bad = 1;
			continue;
		}
		r->provisions[r->nprovisions++] = xstrdup(s);
	}
	return bad ? -1 : 0;
}

/* "79" or "CWE-79": a positive decimal number. */
static int parse_cwe(const char *s, unsigned *out)
{
	if (strncasecmp(s, "CWE-", 4) == 0)
		s += 4;
	if (*s < '1' || *s > '9')
		return -1;
	unsigned long v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > UINT_MAX)
			return -1;
	}
	*out = (unsigned)v;
	return 0;
}

static int load_cwe(const struct yparam *rp, struct rule *r)
{
	struct yparam v;
	if (get_list(rp, "cwe", "CWE numbers, e.g. [798] or [\"CWE-798\"]", &v) < 0)
		return -1;
	size_t n = yparam_seq_len(&v);
	int bad = 0;
	r->cwe = xcalloc(n, sizeof *r->cwe);
	for (size_t i = 0; i < n; i++) {
		struct yparam it = yparam_seq_item(&v, i);
		const char *s = yparam_scalar(&it);
		if (!s || parse_cwe(s, &r->cwe[r->ncwe]) < 0) {
			yparam_error(&it, "'cwe': '%s' is not a CWE number (798 or \"CWE-798\")",
				     s ? s : "(not a string)");
			bad = 1;
			continue;
		}
		r->ncwe++;
	}
	return bad ? -1 : 0;
}

/* applies-to: a kind name or a list of them. Sets *mask (0: absent). */
static int load_kinds(const struct yparam *rp, unsigned *mask)
{
	static const char expected[] =
		"c, header, cpp, c-family, kconfig, cmake, make, yocto, dts, rootfs, doc";
	struct yparam v = yparam_get(rp, "applies-to");
	*mask = 0;
	if (!v.node)
		return 0;
	size_t n = yparam_is_seq(&v) ? yparam_seq_len(&v) : 1;
	if (!(yparam_is_seq(&v) || yparam_is_scalar(&v)) || n == 0) {
		yparam_error(&v, "'applies-to' must be a non-empty list of file kinds (%s)", expected);
		return -1;
	}
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		struct yparam it = yparam_is_seq(&v) ? yparam_seq_item(&v, i) : v;
		const char *s = yparam_scalar(&it);
		unsigned k = s ? classify_kind_from_name(s) : 0;
		if (!k) {
			yparam_error(&it, "'applies-to': unknown file kind '%s' (expected %s)",
				     s ? s : "(not a string)", expected);
			bad = 1;
		}
		*mask |= k;
	}
	return bad ? -1 : 0;
}

static void list_matchers(struct sbuf *b)
{
	for (size_t i = 0; matcher_table[i]; i++)
		sbuf_addf(b, "%s%s", i ? ", " : "", matcher_table[i]->name);
}

static int load_match(const struct yparam *rp, struct rule *r)
{
	struct yparam v = yparam_get(rp, "match");
	if (!v.node) {
		yparam_error(rp, "missing required key 'match'");
		return -1;
	}
	yaml_node_t *n = v.node;
	size_t npairs = n->type == YAML_MAPPING_NODE
				? (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start)
				: 0;
	if (npairs != 1) {
		struct yparam at = v;
		if (npairs > 1)
			at.node = yaml_document_get_node(v.doc, n->data.mapping.pairs.start[1].key);
		struct sbuf b = {0};
		list_matchers(&b);
		yparam_error(&at, "'match' must be a mapping with exactly one key, the matcher name (%s)",
			     sbuf_str(&b));
		sbuf_free(&b);
		return -1;
	}
	struct yparam key = v, params = v;
	key.node = yaml_document_get_node(v.doc, n->data.mapping.pairs.start[0].key);
	params.node = yaml_document_get_node(v.doc, n->data.mapping.pairs.start[0].value);
	const char *name = yparam_scalar(&key);
	const struct matcher_ops *ops = name ? matcher_find(name) : NULL;
	if (!ops) {
		struct sbuf b = {0};
		list_matchers(&b);
		yparam_error(&key, "'match': unknown matcher '%s' (known: %s)", name ? name : "(not a string)",
			     sbuf_str(&b));
		sbuf_free(&b);
		return -1;
	}
	void *state = NULL;
	if (ops->compile(&params, &state) != 0) {
		/* compile() reported the problem; whatever it left behind is released. */
		if (state && ops->free)
			ops->free(state);
		return -1;
	}
	r->ops = ops;
	r->mstate = state;
	r->kinds = ops->default_kinds;
	return 0;
}

static const char *const path_keys[] = {"include", "exclude", "exclude-trees"};

static int load_optional(const struct yparam *rp, struct rule *r)
{
	int bad = 0;
	struct yparam v = yparam_get(rp, "precision");
	if (v.node) {
		const char *s = yparam_scalar(&v);
		if (s && (!strcmp(s, "high") || !strcmp(s, "medium") || !strcmp(s, "low"))) {
			r->precision = xstrdup(s);
		} else {
			yparam_error(&v, "'precision' must be one of high, medium, low");
			bad = 1;
		}
	}
	char **refs = NULL;
	int rc = yparam_strlist(rp, "references", 0, &refs, &r->nreferences);
	if (rc < 0)
		bad = 1;
	else if (rc == 0)
		r->references = refs; /* NULL-terminated; nreferences counts the entries */
	if (yparam_bool(rp, "secret", 0, &r->secret) < 0)
		bad = 1;
	if (get_text(rp, "description", 0, 0, &r->description) < 0)
		bad = 1;
	struct yparam paths = yparam_get(rp, "paths");
	if (paths.node) {
		size_t n;
		if (!yparam_is_map(&paths)) {
			yparam_error(&paths, "'paths' must be a mapping with 'include' and/or 'exclude' globs");
			bad = 1;
		} else if (yparam_unknown_keys_listed(&paths, path_keys, ARRAY_LEN(path_keys), " in 'paths'") ||
			   yparam_strlist(&paths, "include", 0, &r->path_include, &n) < 0 ||
			   yparam_strlist(&paths, "exclude", 0, &r->path_exclude, &n) < 0 ||
			   yparam_strlist(&paths, "exclude-trees", 0, &r->tree_markers, &n) < 0) {
			bad = 1;
		} else {
			for (size_t i = 0; r->tree_markers && r->tree_markers[i]; i++) {
				const char *m = r->tree_markers[i];
				if (!*m || *m == '/' || m[strlen(m) - 1] == '/' || strstr(m, "//") ||
				    strchr(m, '*') || strchr(m, '?') || strchr(m, '[') ||
				    strcmp(m, ".") == 0 || strncmp(m, "./", 2) == 0 || strstr(m, "..")) {
					struct yparam et = yparam_get(&paths, "exclude-trees");
					yparam_error(&et, "'exclude-trees': '%s' is not a relative file path "
						     "(no globs, no '.' or '..')", m);
					bad = 1;
					break;
				}
			}
		}
	}
	return bad ? -1 : 0;
}

static int any_glob(char *const *globs, const char *relpath)
{
	const char *base = path_base(relpath);
	for (size_t i = 0; globs[i]; i++)
		if (glob_match(globs[i], relpath) || glob_match(globs[i], base))
			return 1;
	return 0;
}

/* Is relpath in folder dir ("" the root) or under it? */
static int under_dir(const char *relpath, const char *dir)
{
	size_t n = strlen(dir);
	return n == 0 || (strncmp(relpath, dir, n) == 0 && relpath[n] == '/');
}

int rule_applies_to_path(const struct rule *r, const char *relpath)
{
	if (r->path_include && !any_glob(r->path_include, relpath))
		return 0;
	if (r->path_exclude && any_glob(r->path_exclude, relpath))
		return 0;
	for (size_t i = 0; r->tree_dirs && r->tree_dirs[i]; i++)
		if (under_dir(relpath, r->tree_dirs[i]))
			return 0;
	return 1;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void rulepack_bind_files(struct rulepack *pack, const char *const *relpaths, size_t n)
{
	for (size_t i = 0; i < pack->n; i++) {
		struct rule *r = pack->rules[i];
		yparam_strlist_free(r->tree_dirs);
		r->tree_dirs = NULL;
		if (!r->tree_markers)
			continue;
		struct strvec dirs = {0};
		for (size_t f = 0; f < n; f++) {
			const char *p = relpaths[f];
			size_t pl = strlen(p);
			for (size_t m = 0; r->tree_markers[m]; m++) {
				const char *mk = r->tree_markers[m];
				size_t ml = strlen(mk);
				if (pl == ml && strcmp(p, mk) == 0)
					strvec_push(&dirs, "");
				else if (pl > ml && p[pl - ml - 1] == '/' && strcmp(p + pl - ml, mk) == 0)
					strvec_push_owned(&dirs, xstrndup(p, pl - ml - 1));
			}
		}
		if (dirs.n == 0) {
			free(dirs.v);
			continue;
		}
		qsort(dirs.v, dirs.n, sizeof *dirs.v, cmp_str);
		size_t k = 0;
		for (size_t j = 0; j < dirs.n; j++) {
			if (k > 0 && strcmp(dirs.v[k - 1], dirs.v[j]) == 0) {
				free(dirs.v[j]);
				continue;
			}
			dirs.v[k++] = dirs.v[j];
		}
		r->tree_dirs = xcalloc(k + 1, sizeof *r->tree_dirs);
		for (size_t j = 0; j < k; j++) {
			r->tree_dirs[j] = dirs.v[j];
			pack->hash = hash_str(hash_str(pack->hash, r->id), r->tree_dirs[j]);
		}
		free(dirs.v);
	}
}

/* Every key load_rule() and its helpers read, and `metadata`: the team's own
 * fields (owner, ticket), not read. */
static const char *const rule_keys[] = {
	"id", "title", "message", "severity", "provisions", "cwe", "remediation", "match",
	"applies-to", "paths", "description", "precision", "references", "secret", "metadata",
};

static void load_rule(struct loader *L, const struct yparam *item, size_t ordinal)
{
	char label[32];
	snprintf(label, sizeof label, "#%zu", ordinal);
	struct yparam rp = *item;
	rp.rule = label;
	if (!yparam_is_map(&rp)) {
		yparam_error(&rp, "each rule must be a mapping (id: ..., title: ..., match: ...)");
		L->failed = 1;
		return;
	}
	struct rule *r = xcalloc(1, sizeof *r);
	r->file = xstrdup(rp.file);
	r->line = yparam_line(&rp);
	int bad = 0;

	struct yparam idn = yparam_get(&rp, "id");
	const char *id = yparam_scalar(&idn);
	if (!idn.node) {
		yparam_error(&rp, "missing required key 'id'");
		bad = 1;
	} else if (!id || !id_valid(id)) {
		yparam_error(&idn, "'id' must match [a-z0-9][a-z0-9.-]* (got '%s')", id ? id : "(not a string)");
		bad = 1;
	} else {
		const char *ffile;
		unsigned fline;
		r->id = xstrdup(id);
		rp.rule = r->id;
		if (find_seen(L, id, &ffile, &fline)) {
			yparam_error(&idn, "duplicate rule id '%s' (first defined at %s:%u)", id, ffile,
				     fline);
			bad = 1;
		} else {
			add_seen(L, r);
		}
	}

	/* A misspelt key ("severty") must not silently change what the rule does. */
	bad |= yparam_unknown_keys_listed(&rp, rule_keys, ARRAY_LEN(rule_keys), "");
	bad |= get_text(&rp, "title", 1, 1, &r->title) < 0;
	bad |= get_text(&rp, "message", 1, 0, &r->message) < 0;
	struct yparam sev = yparam_get(&rp, "severity");
	if (!sev.node) {
		yparam_error(&rp, "missing required key 'severity'");
		bad = 1;
	} else if (severity_parse(yparam_scalar(&sev), &r->severity) < 0) {
		yparam_error(&sev, "'severity' must be one of critical, high, medium, low, info");
		bad = 1;
	}
	bad |= load_provisions(&rp, r) < 0;
	bad |= load_cwe(&rp, r) < 0;
	bad |= get_text(&rp, "remediation", 1, 0, &r->remediation) < 0;
	bad |= load_optional(&rp, r) < 0;
	unsigned kinds;
	bad |= load_kinds(&rp, &kinds) < 0;
	bad |= load_match(&rp, r) < 0;
	if (kinds)
		r->kinds = kinds;
	if (!r->description && r->title)
		r->description = xstrdup(r->title);

	if (bad) {
		rule_free(r);
		L->failed = 1;
		return;
	}
	struct rulepack *p = L->pack;
	p->rules = xrealloc(p->rules, (p->n + 1) * sizeof *p->rules);
	p->rules[p->n++] = r;
}

static void load_document(struct loader *L, const char *file, yaml_document_t *doc,
			  yaml_node_t *root)
{
	struct yparam top = {doc, root, file, NULL, L->d};
	if (!yparam_is_map(&top)) {
		yparam_error(&top, "a rule file must be a mapping with a 'rules' key");
		L->failed = 1;
		return;
	}
	static const char *const top_keys[] = {"rules"};
	if (yparam_unknown_keys_listed(&top, top_keys, ARRAY_LEN(top_keys), " at the top level of a rule file"))
		L->failed = 1;
	struct yparam rules = yparam_get(&top, "rules");
	if (!rules.node) {
		yparam_error(&top, "missing top-level key 'rules' (a list of rules)");
		L->failed = 1;
		return;
	}
	if (!yparam_is_seq(&rules)) {
		yparam_error(&rules, "'rules' must be a list of rules");
		L->failed = 1;
		return;
	}
	for (size_t i = 0; i < yparam_seq_len(&rules); i++) {
		struct yparam it = yparam_seq_item(&rules, i);
		load_rule(L, &it, i + 1);
	}
}

static void load_text(struct loader *L, const char *file, const char *text, size_t len)
{
	struct rulepack *p = L->pack;
	uint64_t h = p->hash ? p->hash : HASH_SEED;
	h = hash_str(h, path_base(file));
	h = hash_bytes(h, "", 1);
	p->hash = hash_bytes(h, text, len);

	yaml_parser_t ps;
	if (!yaml_parser_initialize(&ps))
		util_oom();
	yaml_parser_set_input_string(&ps, (const unsigned char *)text, len);
	for (int ndoc = 0;; ndoc++) {
		yaml_document_t doc;
		if (!yaml_parser_load(&ps, &doc)) {
			yparam_syntax_error(L->d, file, text, len, &ps);
			L->failed = 1;
			break;
		}
		yaml_node_t *root = yaml_document_get_root_node(&doc);
		if (!root) {
			if (ndoc == 0) {
				diag_error(L->d, file, 0, 0,
					   "empty rule file: expected a mapping with a 'rules' key");
				L->failed = 1;
			}
			yaml_document_delete(&doc);
			break;
		}
		load_document(L, file, &doc, root);
		yaml_document_delete(&doc);
	}
	yaml_parser_delete(&ps);
}

static void load_file(struct loader *L, const char *path)
{
	char *buf;
	size_t len;
	int rc = util_read_file(path, 0, &buf, &len);
	if (rc < 0) {
		diag_error(L->d, path, 0, 0, "cannot read rule file '%s': %s", path, strerror(-rc));
		L->failed = 1;
		return;
	}
	load_text(L, path, buf, len);
	free(buf);
}

static int is_rule_file(const char *name)
{
	size_t n = strlen(name);
	if (name[0] == '.')
		return 0;
	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static void load_dir(struct loader *L, const char *path)
{
	DIR *dir = opendir(path);
	if (!dir) {
		diag_error(L->d, path, 0, 0, "cannot read rule directory '%s': %s", path, strerror(errno));
		L->failed = 1;
		return;
	}
	struct strvec files = {0};
	struct dirent *de;
	while ((de = readdir(dir))) {
		if (!is_rule_file(de->d_name))
			continue;
		char *full = path_join(path, de->d_name);
		struct stat st;
		if (stat(full, &st) == 0 && S_ISREG(st.st_mode))
			strvec_push_owned(&files, full);
		else
			free(full);
	}
	closedir(dir);
	if (files.n == 0) {
		diag_error(L->d, path, 0, 0, "no *.yaml or *.yml rule files in directory '%s'", path);
		L->failed = 1;
	}
	strvec_sort(&files);
	for (size_t i = 0; i < files.n; i++)
		load_file(L, files.v[i]);
	strvec_free(&files);
}

static int cmp_rule(const void *a, const void *b)
{
	const struct rule *const *ra = a, *const *rb = b;
	return strcmp((*ra)->id, (*rb)->id);
}

static void loader_init(struct loader *L, struct rulepack *pack, struct diag *d)
{
	memset(L, 0, sizeof *L);
	L->pack = pack;
	L->d = d;
	L->nold = pack->n;
}

static int loader_finish(struct loader *L)
{
	for (size_t i = 0; i < L->nseen; i++) {
		free(L->seen[i].id);
		free(L->seen[i].file);
	}
	free(L->seen);
	struct rulepack *p = L->pack;
	if (p->n > 1)
		qsort(p->rules, p->n, sizeof *p->rules, cmp_rule);
	for (size_t i = 0; i < p->n; i++)
		p->rules[i]->index = i;
	return L->failed ? -1 : 0;
}

int rulepack_load(struct rulepack *pack, const char *const *paths, size_t npaths, struct diag *d)
{
	struct loader L;
	loader_init(&L, pack, d);
	for (size_t i = 0; i < npaths; i++) {
		struct stat st;
		if (stat(paths[i], &st) < 0) {
			diag_error(d, paths[i], 0, 0, "cannot read rules from '%s': %s", paths[i],
				   strerror(errno));
			L.failed = 1;
		} else if (S_ISDIR(st.st_mode)) {
			load_dir(&L, paths[i]);
		} else {
			load_file(&L, paths[i]);
		}
	}
	return loader_finish(&L);
}

int rulepack_load_string(struct rulepack *pack, const char *name, const char *text, size_t len,
			 struct diag *d)
{
	struct loader L;
	loader_init(&L, pack, d);
	load_text(&L, name, text, len);
	return loader_finish(&L);
}

void rulepack_retain(struct rulepack *pack, const char *keep)
{
	size_t k = 0;
	for (size_t i = 0; i < pack->n; i++) {
		if (keep[i])
			pack->rules[k++] = pack->rules[i];
		else
			rule_free(pack->rules[i]);
	}
	pack->n = k;
	for (size_t i = 0; i < pack->n; i++)
		pack->rules[i]->index = i;
}

void rulepack_free(struct rulepack *pack)
{
	if (!pack)
		return;
	for (size_t i = 0; i < pack->n; i++)
		rule_free(pack->rules[i]);
	free(pack->rules);
	memset(pack, 0, sizeof *pack);
}

const struct rule *rulepack_find(const struct rulepack *pack, const char *id)
{
	size_t lo = 0, hi = pack->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(id, pack->rules[mid]->id);
		if (c == 0)
			return pack->rules[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}
