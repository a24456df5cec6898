/* yparam.c - read-only view of a rule file's YAML nodes (libyaml document
 * API), with typed accessors that report errors at the offending node. */
#include "yparam.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

static yaml_document_t *pdoc(const struct yparam *p)
{
	return p->doc;
}

static yaml_node_t *pnode(const struct yparam *p)
{
	return p->node;
}

/* A view of another node of the same document. */
static struct yparam sub(const struct yparam *p, yaml_node_t *n)
{
	struct yparam c = *p;
	c.node = n;
	return c;
}

unsigned yparam_line(const struct yparam *p)
{
	yaml_node_t *n = pnode(p);
	return n ? (unsigned)n->start_mark.line + 1 : 0;
}

unsigned yparam_col(const struct yparam *p)
{
	yaml_node_t *n = pnode(p);
	return n ? (unsigned)n->start_mark.column + 1 : 0;
}

int yparam_is_map(const struct yparam *p)
{
	yaml_node_t *n = pnode(p);
	return n && n->type == YAML_MAPPING_NODE;
}

int yparam_is_seq(const struct yparam *p)
{
	yaml_node_t *n = pnode(p);
	return n && n->type == YAML_SEQUENCE_NODE;
}

int yparam_is_scalar(const struct yparam *p)
{
	yaml_node_t *n = pnode(p);
	return n && n->type == YAML_SCALAR_NODE;
}

size_t yparam_seq_len(const struct yparam *p)
{
	yaml_node_t *n = pnode(p);
	if (!n || n->type != YAML_SEQUENCE_NODE)
		return 0;
	return (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
}

struct yparam yparam_seq_item(const struct yparam *p, size_t i)
{
	if (i >= yparam_seq_len(p))
		return sub(p, NULL);
	yaml_node_t *n = pnode(p);
	return sub(p, yaml_document_get_node(pdoc(p), n->data.sequence.items.start[i]));
}

struct yparam yparam_get(const struct yparam *p, const char *key)
{
	yaml_node_t *n = pnode(p);
	if (!n || n->type != YAML_MAPPING_NODE || !key)
		return sub(p, NULL);
	for (yaml_node_pair_t *pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top; pr++) {
		yaml_node_t *k = yaml_document_get_node(pdoc(p), pr->key);
		if (k && k->type == YAML_SCALAR_NODE && strcmp((const char *)k->data.scalar.value, key) == 0)
			return sub(p, yaml_document_get_node(pdoc(p), pr->value));
	}
	return sub(p, NULL);
}

int yparam_unknown_keys(const struct yparam *m, const char *const *known, size_t nknown,
			const char *suffix)
{
	yaml_node_t *n = pnode(m);
	if (!n || n->type != YAML_MAPPING_NODE)
		return 0;
	int bad = 0;
	for (yaml_node_pair_t *pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top; pr++) {
		struct yparam k = sub(m, yaml_document_get_node(pdoc(m), pr->key));
		const char *name = yparam_scalar(&k);
		size_t i = 0;
		while (name && i < nknown && strcmp(name, known[i]) != 0)
			i++;
		if (!name || i == nknown) {
			yparam_error(&k, "unknown key '%s'%s", name ? name : "?", suffix);
			bad = 1;
		}
	}
	return bad;
}

int yparam_unknown_keys_listed(const struct yparam *m, const char *const *known, size_t nknown,
			       const char *where)
{
	struct sbuf b = {0};
	sbuf_adds(&b, where);
	sbuf_adds(&b, " (known: ");
	for (size_t i = 0; i < nknown; i++)
		sbuf_addf(&b, "%s%s", i ? ", " : "", known[i]);
	sbuf_addc(&b, ')');
	int bad = yparam_unknown_keys(m, known, nknown, sbuf_str(&b));
	sbuf_free(&b);
	return bad;
}

const char *yparam_scalar(const struct yparam *p)
{
	yaml_node_t *n = pnode(p);
	if (!n || n->type != YAML_SCALAR_NODE)
		return NULL;
	return (const char *)n->data.scalar.value;
}

void yparam_error(const struct yparam *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *msg = xmalloc(len > 0 ? (size_t)len + 1 : 1);
	msg[0] = '\0';
	if (len > 0) {
		va_start(ap, fmt);
		vsnprintf(msg, (size_t)len + 1, fmt, ap);
		va_end(ap);
	}
	const char *rule = p->rule;
	if (!rule || !*rule)
		diag_error(p->d, p->file, yparam_line(p), yparam_col(p), "%s", msg);
	else if (rule[0] == '#') /* a rule without a usable id: "#3" */
		diag_error(p->d, p->file, yparam_line(p), yparam_col(p), "rule %s: %s", rule, msg);
	else
		diag_error(p->d, p->file, yparam_line(p), yparam_col(p), "rule '%s': %s", rule, msg);
	free(msg);
}

/* Look up `key` (NULL: p itself). Returns 1 when absent and optional, -1
 * (reported) when absent and required, 0 when *v is the node. */
static int lookup(const struct yparam *p, const char *key, int required, struct yparam *v)
{
	*v = key ? yparam_get(p, key) : *p;
	if (v->node)
		return 0;
	if (!required)
		return 1;
	yparam_error(p, "missing required key '%s'", key ? key : "?");
	return -1;
}

static const char *keyname(const char *key)
{
	return key ? key : "value";
}

int yparam_str(const struct yparam *p, const char *key, int required, char **out)
{
	struct yparam v;
	int r = lookup(p, key, required, &v);
	if (r)
		return r;
	const char *s = yparam_scalar(&v);
	if (!s) {
		yparam_error(&v, "'%s' must be a string", keyname(key));
		return -1;
	}
	*out = xstrdup(s);
	return 0;
}

/* Decimal or 0x hexadecimal, optional sign; nothing else. */
static int parse_int(const char *s, long long *out)
{
	const char *q = s;
	int neg = 0;
	if (*q == '+' || *q == '-')
		neg = *q++ == '-';
	int base = 10;
	if (q[0] == '0' && (q[1] == 'x' || q[1] == 'X')) {
		base = 16;
		q += 2;
	}
	if (!*q || (base == 10 ? !strchr("0123456789", *q) : !strchr("0123456789abcdefABCDEF", *q)))
		return -1;
	errno = 0;
	char *end;
	unsigned long long u = strtoull(q, &end, base);
	if (errno || *end)
		return -1;
	if (neg) {
		if (u > (unsigned long long)LLONG_MAX + 1)
			return -1;
		*out = u == (unsigned long long)LLONG_MAX + 1 ? LLONG_MIN : -(long long)u;
	} else {
		if (u > (unsigned long long)LLONG_MAX)
			return -1;
		*out = (long long)u;
	}
	return 0;
}

int yparam_int(const struct yparam *p, const char *key, int required, long long *out)
{
	struct yparam v;
	int r = lookup(p, key, required, &v);
	if (r)
		return r;
	const char *s = yparam_scalar(&v);
	long long x;
	if (!s || parse_int(s, &x) < 0) {
		yparam_error(&v, "'%s' must be an integer (decimal or 0x hexadecimal)", keyname(key));
		return -1;
	}
	*out = x;
	return 0;
}

int yparam_bool(const struct yparam *p, const char *key, int required, int *out)
{
	struct yparam v;
	int r = lookup(p, key, required, &v);
	if (r)
		return r;
	const char *s = yparam_scalar(&v);
	if (s && (strcasecmp(s, "true") == 0 || strcasecmp(s, "yes") == 0)) {
		*out = 1;
		return 0;
	}
	if (s && (strcasecmp(s, "false") == 0 || strcasecmp(s, "no") == 0)) {
		*out = 0;
		return 0;
	}
	yparam_error(&v, "'%s' must be a boolean (true or false)", keyname(key));
	return -1;
}

int yparam_strlist(const struct yparam *p, const char *key, int required, char ***out, size_t *n)
{
	struct yparam v;
	int r = lookup(p, key, required, &v);
	if (r)
		return r;
	if (yparam_is_scalar(&v)) {
		char **list = xcalloc(2, sizeof *list);
		list[0] = xstrdup(yparam_scalar(&v));
		*out = list;
		if (n)
			*n = 1;
		return 0;
	}
	if (!yparam_is_seq(&v)) {
		yparam_error(&v, "'%s' must be a string or a list of strings", keyname(key));
		return -1;
	}
	size_t len = yparam_seq_len(&v);
	char **list = xcalloc(len + 1, sizeof *list);
	for (size_t i = 0; i < len; i++) {
		struct yparam it = yparam_seq_item(&v, i);
		const char *s = yparam_scalar(&it);
		if (!s) {
			yparam_error(&it, "'%s' must be a string or a list of strings; item %zu is not a string",
				     keyname(key), i + 1);
			yparam_strlist_free(list);
			return -1;
		}
		list[i] = xstrdup(s);
	}
	*out = list;
	if (n)
		*n = len;
	return 0;
}

int yparam_intlist(const struct yparam *p, const char *key, int required, long long **out, size_t *n)
{
	struct yparam v;
	int r = lookup(p, key, required, &v);
	if (r)
		return r;
	size_t len = yparam_is_seq(&v) ? yparam_seq_len(&v) : 1;
	long long *list = xcalloc(len ? len : 1, sizeof *list);
	for (size_t i = 0; i < len; i++) {
		struct yparam it = yparam_is_seq(&v) ? yparam_seq_item(&v, i) : v;
		const char *s = yparam_scalar(&it);
		if (!s || parse_int(s, &list[i]) < 0) {
			yparam_error(&it, "'%s' must be an integer or a list of integers", keyname(key));
			free(list);
			return -1;
		}
	}
	*out = list;
	*n = len;
	return 0;
}

void yparam_strlist_free(char **list)
{
	if (!list)
		return;
	for (char **q = list; *q; q++)
		free(*q);
	free(list);
}

void yparam_syntax_error(struct diag *d, const char *file, const char *text, size_t len,
			 const void *parser)
{
	const yaml_parser_t *ps = parser;
	if (ps->error == YAML_MEMORY_ERROR)
		util_oom();
	const char *problem = ps->problem ? ps->problem : "unknown error";
	if (ps->error == YAML_READER_ERROR) {
		/* The reader has no mark: derive the position from the byte offset. */
		unsigned line = 1, col = 1;
		for (size_t i = 0; i < ps->problem_offset && i < len; i++) {
			if (text[i] == '\n') {
				line++;
				col = 1;
			} else {
				col++;
			}
		}
		diag_error(d, file, line, col, "YAML syntax error: %s (byte offset %zu)", problem,
			   ps->problem_offset);
	} else if (ps->context) {
		diag_error(d, file, (unsigned)ps->problem_mark.line + 1,
			   (unsigned)ps->problem_mark.column + 1,
			   "YAML syntax error: %s (%s at line %u, column %u)", problem, ps->context,
			   (unsigned)ps->context_mark.line + 1, (unsigned)ps->context_mark.column + 1);
	} else {
		diag_error(d, file, (unsigned)ps->problem_mark.line + 1,
			   (unsigned)ps->problem_mark.column + 1, "YAML syntax error: %s", problem);
	}
}

int yparam_load(const char *name, const char *text, size_t len, struct diag *d,
		int (*fn)(const struct yparam *top, void *ctx), void *ctx)
{
	yaml_parser_t ps;
	if (!yaml_parser_initialize(&ps))
		util_oom();
	yaml_parser_set_input_string(&ps, (const unsigned char *)text, len);
	yaml_document_t doc;
	int result = 0;
	if (!yaml_parser_load(&ps, &doc)) {
		yparam_syntax_error(d, name, text, len, &ps);
		result = -1;
	} else {
		yaml_node_t *root = yaml_document_get_root_node(&doc);
		if (root) {
			struct yparam top = {&doc, root, name, NULL, d};
			result = fn(&top, ctx);
		}
		yaml_document_delete(&doc);
	}
	yaml_parser_delete(&ps);
	return result;
}
