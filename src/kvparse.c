/* kvparse.c - key/value models of Kconfig-style and BitBake-style files.
 *
 * Kconfig: `KEY=VALUE` (a double-quoted value is unquoted; \" and \\ stay
 * escaped in the text) and `# KEY is not set`.
 *
 * BitBake (as bitbake's ConfHandler reads it): lines ending in a backslash
 * are joined into one logical line; an assignment is
 *     [export] KEY[:override...][[flag]] OP "value"
 * with OP one of = ?= ??= := += =+ .= =. and the value between the first
 * quote after OP and the same quote ending the logical line. A value that
 * spans lines is reported as the raw text (backslash-newlines included).
 * `KEY:append` / `KEY_append` (and prepend, remove) record KEY with op
 * ":append"; any other override (`KEY:pn-foo`) records KEY with the
 * operator. Shell and Python function bodies are skipped.
 *
 * Entries point into the textfile (or at static strings). */
#include "kvparse.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char not_set_value[] = "n";

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int is_kconfig_key(char c)
{
	return is_alnum(c) || c == '_';
}

static size_t skip_space(const char *s, size_t n, size_t p)
{
	while (p < n && is_space(s[p]))
		p++;
	return p;
}

static size_t trim_end(const char *s, size_t start, size_t end)
{
	while (end > start && is_space(s[end - 1]))
		end--;
	return end;
}

static int has_prefix(const char *s, size_t n, size_t p, const char *pre)
{
	size_t k = strlen(pre);
	return n - p >= k && memcmp(s + p, pre, k) == 0;
}

static void kv_push(struct kvfile *out, const struct kventry *e)
{
	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 16;
		out->v = xrealloc(out->v, out->cap * sizeof *out->v);
	}
	out->v[out->n++] = *e;
}

/* ---- Kconfig ---- */

/* "# KEY is not set" (s[p] is the '#'). */
static void kconfig_not_set(const char *s, size_t n, size_t p, unsigned line, struct kvfile *out)
{
	p = skip_space(s, n, p + 1);
	size_t k = p;
	while (p < n && is_kconfig_key(s[p]))
		p++;
	if (p == k || !has_prefix(s, n, p, " is not set"))
		return;
	size_t key_end = p;
	p = skip_space(s, n, p + strlen(" is not set"));
	if (p != n && s[p] != '#') /* the C and Python loaders ignore what follows */
		return;
	struct kventry e = {
		.key = s + k, .key_len = key_end - k,
		.value = not_set_value, .value_len = 1,
		.op = "is not set", .line = line,
		.key_col = (unsigned)k + 1, .value_col = (unsigned)k + 1,
		.unset = 1,
	};
	kv_push(out, &e);
}

static void kconfig_line(const char *s, size_t n, unsigned line, struct kvfile *out)
{
	size_t p = skip_space(s, n, 0);
	if (p == n)
		return;
	if (s[p] == '#') {
		kconfig_not_set(s, n, p, line, out);
		return;
	}
	size_t k = p;
	while (p < n && is_kconfig_key(s[p]))
		p++;
	size_t key_end = p;
	p = skip_space(s, n, p);
	if (key_end == k || p == n || s[p] != '=')
		return;
	p = skip_space(s, n, p + 1);
	size_t vs = p, ve;
	if (p < n && s[p] == '"') {
		vs = ++p;
		while (p < n && s[p] != '"')
			p += (s[p] == '\\' && p + 1 < n) ? 2 : 1;
		ve = p < n ? p : trim_end(s, vs, n);
	} else {
		/* An unquoted value ends before a trailing comment: kconfig's
		 * loaders (C and kconfiglib) read only the first character of a
		 * bool, so CONFIG_X=y  # note sets X. */
		ve = vs;
		while (ve < n && !(s[ve] == '#' && ve > vs && is_space(s[ve - 1])))
			ve++;
		ve = trim_end(s, vs, ve);
	}
	struct kventry e = {
		.key = s + k, .key_len = key_end - k,
		.value = s + vs, .value_len = ve - vs,
		.op = "=", .line = line,
		.key_col = (unsigned)k + 1, .value_col = (unsigned)vs + 1,
	};
	kv_push(out, &e);
}

/* ---- BitBake ---- */

/* Index of the last physical line of the logical line starting at i. */
static size_t logical_end(const struct textfile *tf, size_t i)
{
	for (;;) {
		size_t n;
		const char *s = textfile_line(tf, i, &n);
		n = trim_end(s, 0, n);
		if (i + 1 >= tf->nlines || n == 0 || s[n - 1] != '\\')
			return i;
		i++;
	}
}

/* Skip a ${...} reference at s[p] (which is '$' followed by '{'). */
static size_t skip_varref(const char *s, size_t n, size_t p)
{
	int depth = 0;
	for (; p < n; p++) {
		if (s[p] == '{')
			depth++;
		else if (s[p] == '}' && --depth == 0)
			return p + 1;
	}
	return n;
}

static int is_op_start(const char *s, size_t n, size_t p)
{
	return (s[p] == '+' || s[p] == '.') && p + 1 < n && s[p + 1] == '=';
}

/* Scan a variable name or override component; stops at whitespace, '=',
 * '?', ':', '[' and at "+=" / ".=". Returns the end, or (size_t)-1 when a
 * character shows the line is not an assignment (function definitions). */
static size_t scan_name(const char *s, size_t n, size_t p)
{
	while (p < n) {
		char c = s[p];
		if (c == '$' && p + 1 < n && s[p + 1] == '{') {
			p = skip_varref(s, n, p);
			continue;
		}
		if (is_space(c) || c == '=' || c == '?' || c == ':' || c == '[' || is_op_start(s, n, p))
			break;
		if (c == '"' || c == '\'' || c == '(' || c == ')' || c == '{' || c == '}' || c == '#')
			return (size_t)-1;
		p++;
	}
	return p;
}

static const char *override_op(const char *s, size_t len)
{
	static const char *const ops[][2] = {
		{ "append", ":append" }, { "prepend", ":prepend" }, { "remove", ":remove" },
	};
	for (size_t i = 0; i < ARRAY_LEN(ops); i++)
		if (strlen(ops[i][0]) == len && memcmp(s, ops[i][0], len) == 0)
			return ops[i][1];
	return NULL;
}

/* Old-style "KEY_append": returns the op and shortens *len, or NULL. */
static const char *suffix_op(const char *s, size_t *len)
{
	static const char *const sfx[][2] = {
		{ "_append", ":append" }, { "_prepend", ":prepend" }, { "_remove", ":remove" },
	};
	for (size_t i = 0; i < ARRAY_LEN(sfx); i++) {
		size_t k = strlen(sfx[i][0]);
		if (*len > k && memcmp(s + *len - k, sfx[i][0], k) == 0) {
			*len -= k;
			return sfx[i][1];
		}
	}
	return NULL;
}

/* "?\?=" is "??=" written so that no trigraph is seen (-std=c11). */
static const char *scan_operator(const char *s, size_t n, size_t *p)
{
	static const char *const ops[] = { "?\?=", "?=", ":=", "+=", ".=", "=+", "=.", "=" };
	for (size_t i = 0; i < ARRAY_LEN(ops); i++) {
		if (has_prefix(s, n, *p, ops[i])) {
			*p += strlen(ops[i]);
			return ops[i];
		}
	}
	return NULL;
}

/* Parse the assignment on logical line [first, last]; ignores anything else. */
static void bitbake_assign(const struct textfile *tf, size_t first, size_t last, struct kvfile *out)
{
	size_t n;
	const char *s = textfile_line(tf, first, &n);
	size_t p = skip_space(s, n, 0);
	if (p == n || s[p] == '#')
		return;
	if (has_prefix(s, n, p, "export") && p + 6 < n && is_space(s[p + 6]))
		p = skip_space(s, n, p + 6);

	size_t k = p;
	p = scan_name(s, n, p);
	if (p == (size_t)-1 || p == k)
		return;
	size_t key_len = p - k;
	const char *op = NULL;
	int flag = 0;
	while (p < n && (s[p] == ':' || s[p] == '[')) {
		if (s[p] == '[') {
			const char *rb = memchr(s + p, ']', n - p);
			if (!rb)
				return;
			p = (size_t)(rb - s) + 1;
			if (!op)
				key_len = p - k; /* a varflag is part of the key */
			flag = 1;
			continue;
		}
		if (p + 1 < n && s[p + 1] == '=')
			break; /* ":=" */
		size_t o = p + 1;
		p = scan_name(s, n, o);
		if (p == (size_t)-1)
			return;
		if (!op)
			op = override_op(s + o, p - o);
	}
	if (!op && !flag)
		op = suffix_op(s + k, &key_len);

	p = skip_space(s, n, p);
	const char *assign = scan_operator(s, n, &p);
	if (!assign)
		return;
	if (!op)
		op = assign;

	/* The value runs to the end of the logical line (raw text). */
	size_t lend;
	const char *ls = textfile_line(tf, last, &lend);
	size_t abs_end = (size_t)(ls - tf->data) + trim_end(ls, 0, lend);
	size_t abs = (size_t)(s - tf->data) + p;
	while (abs < abs_end && (is_space(tf->data[abs]) || tf->data[abs] == '\n' ||
				 (tf->data[abs] == '\\' && abs + 1 < abs_end &&
				  (tf->data[abs + 1] == '\n' || tf->data[abs + 1] == '\r'))))
		abs++;
	size_t vs = abs, ve = abs_end;
	if (last != first && ve > vs && tf->data[ve - 1] == '\\')
		ve = trim_end(tf->data, vs, ve - 1); /* dangling continuation at EOF */
	if (vs < ve && (tf->data[vs] == '"' || tf->data[vs] == '\'')) {
		char q = tf->data[vs++];
		if (ve > vs && tf->data[ve - 1] == q)
			ve--;
	}
	unsigned vline, vcol; /* vline is only needed by textfile_pos */
	textfile_pos(tf, vs, &vline, &vcol);
	struct kventry e = {
		.key = s + k, .key_len = key_len,
		.value = tf->data + vs, .value_len = ve - vs,
		.op = op, .line = (unsigned)first + 1,
		.key_col = (unsigned)k + 1,
		.value_col = vcol, /* on line vline when the value starts on a later line */
	};
	kv_push(out, &e);
}

/* A shell or Python function header: "name() {", "python name () {",
 * "fakeroot do_x() {", "def name(...):". Returns 1 for a "{" body that ends
 * at a '}' in column 1, 2 for a Python def whose body is indented. */
static int function_start(const char *s, size_t n)
{
	n = trim_end(s, 0, n);
	if (n == 0 || is_space(s[0]))
		return 0;
	if (has_prefix(s, n, 0, "def ") && s[n - 1] == ':')
		return 2;
	if (s[n - 1] != '{')
		return 0;
	if (memchr(s, '(', n) && memchr(s, ')', n))
		return 1;
	if (has_prefix(s, n, 0, "python") && !memchr(s, '=', n))
		return 1;
	return 0;
}

static void bitbake_parse(const struct textfile *tf, struct kvfile *out)
{
	int body = 0;
	for (size_t i = 0; i < tf->nlines; i++) {
		size_t n;
		const char *s = textfile_line(tf, i, &n);
		if (body == 1) {
			if (n > 0 && s[0] == '}')
				body = 0;
			continue;
		}
		if (body == 2) {
			if (n == 0 || is_space(s[0]) || s[0] == '#')
				continue;
			body = 0;
		}
		body = function_start(s, n);
		if (body)
			continue;
		size_t last = logical_end(tf, i);
		bitbake_assign(tf, i, last, out);
		i = last;
	}
}

void kvparse(const struct textfile *tf, enum kv_syntax syntax, struct kvfile *out)
{
	out->v = NULL;
	out->n = out->cap = 0;
	if (syntax == KV_BITBAKE) {
		bitbake_parse(tf, out);
		return;
	}
	for (size_t i = 0; i < tf->nlines; i++) {
		size_t n;
		const char *s = textfile_line(tf, i, &n);
		kconfig_line(s, n, (unsigned)i + 1, out);
	}
}

void kvfile_free(struct kvfile *kv)
{
	if (!kv)
		return;
	free(kv->v);
	kv->v = NULL;
	kv->n = kv->cap = 0;
}
