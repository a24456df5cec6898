/* baseline.c - the baseline file (see baseline.h): read into a sorted table
 * of (path, rule, fingerprint), looked up by binary search. */
#include "baseline.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "util.h"

struct bl_entry {
	const char *path, *rule, *fingerprint;
};

struct baseline {
	struct bl_entry *v;
	size_t n;
	struct strvec strings; /* owns the entries' strings */
};

static int cmp_entry(const void *pa, const void *pb)
{
	const struct bl_entry *a = pa, *b = pb;
	int c = strcmp(a->path, b->path);
	if (c)
		return c;
	if ((c = strcmp(a->rule, b->rule)) != 0)
		return c;
	return strcmp(a->fingerprint, b->fingerprint);
}

/* Sort and drop duplicates. */
static size_t sort_unique(struct bl_entry *v, size_t n)
{
	if (n == 0)
		return 0;
	qsort(v, n, sizeof *v, cmp_entry);
	size_t out = 1;
	for (size_t i = 1; i < n; i++)
		if (cmp_entry(&v[out - 1], &v[i]) != 0)
			v[out++] = v[i];
	return out;
}

/* 1-based line and column of byte offset off in text. */
static void text_pos(const char *text, size_t len, size_t off, unsigned *line, unsigned *col)
{
	unsigned l = 1, c = 1;
	for (size_t i = 0; i < off && i < len; i++) {
		if (text[i] == '\n') {
			l++;
			c = 1;
		} else {
			c++;
		}
	}
	*line = l;
	*col = c;
}

static const char *str_item(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) && v->valuestring ? v->valuestring : NULL;
}

int baseline_load_string(const char *name, const char *text, size_t len, struct baseline **out,
			 struct diag *d)
{
	*out = NULL;
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!root) {
		unsigned line = 1, col = 1;
		if (end && end >= text && end <= text + len)
			text_pos(text, len, (size_t)(end - text), &line, &col);
		diag_error(d, name, line, col, "malformed baseline: not valid JSON%s",
			   len == 0 ? " (the file is empty)" : "");
		return -1;
	}
	int rc = -1;
	const cJSON *ver = cJSON_GetObjectItemCaseSensitive(root, "baselineVersion");
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "findings");
	if (!cJSON_IsObject(root)) {
		diag_error(d, name, 0, 0, "malformed baseline: not a JSON object (write one with "
					  "--write-baseline)");
		goto done;
	}
	if (!cJSON_IsNumber(ver)) {
		diag_error(d, name, 0, 0, "malformed baseline: no \"baselineVersion\" number");
		goto done;
	}
	if (ver->valuedouble != BASELINE_VERSION) {
		diag_error(d, name, 0, 0,
			   "unsupported baselineVersion %g (this etsilint reads version %d)",
			   ver->valuedouble, BASELINE_VERSION);
		goto done;
	}
	if (!cJSON_IsArray(arr)) {
		diag_error(d, name, 0, 0, "malformed baseline: no \"findings\" array");
		goto done;
	}
	struct baseline *b = xcalloc(1, sizeof *b);
	size_t n = (size_t)cJSON_GetArraySize(arr), k = 0;
	b->v = xcalloc(n ? n : 1, sizeof *b->v);
	const cJSON *it;
	cJSON_ArrayForEach(it, arr) {
		const char *keys[] = {"path", "rule", "fingerprint"}, *val[3];
		for (size_t i = 0; i < 3; i++) {
			val[i] = cJSON_IsObject(it) ? str_item(it, keys[i]) : NULL;
			if (!val[i]) {
				if (cJSON_IsObject(it))
					diag_error(d, name, 0, 0, "malformed baseline: findings[%zu] "
						   "lacks a string \"%s\"", k, keys[i]);
				else
					diag_error(d, name, 0, 0, "malformed baseline: findings[%zu] "
						   "is not an object", k);
				baseline_free(b);
				goto done;
			}
		}
		for (size_t i = 0; i < 3; i++)
			strvec_push(&b->strings, val[i]);
		size_t s = b->strings.n - 3;
		b->v[k++] = (struct bl_entry){b->strings.v[s], b->strings.v[s + 1], b->strings.v[s + 2]};
	}
	b->n = sort_unique(b->v, k);
	*out = b;
	rc = 0;
done:
	cJSON_Delete(root);
	return rc;
}

int baseline_load(const char *path, struct baseline **out, struct diag *d)
{
	char *data;
	size_t len;
	*out = NULL;
	int rc = util_read_file(path, 0, &data, &len);
	if (rc < 0) {
		diag_error(d, path, 0, 0, "cannot read the baseline: %s", strerror(-rc));
		return -1;
	}
	rc = baseline_load_string(path, data, len, out, d);
	free(data);
	return rc;
}

void baseline_free(struct baseline *b)
{
	if (!b)
		return;
	free(b->v);
	strvec_free(&b->strings);
	free(b);
}

size_t baseline_size(const struct baseline *b)
{
	return b ? b->n : 0;
}

static struct bl_entry entry_of(const struct finding *f)
{
	return (struct bl_entry){f->relpath ? f->relpath : f->path, f->rule->id, f->fingerprint};
}

size_t baseline_apply(const struct baseline *b, struct findings *fs)
{
	size_t unchanged = 0;
	for (size_t i = 0; i < fs->n; i++) {
		struct finding *f = &fs->v[i];
		struct bl_entry key = entry_of(f);
		int in = b && b->n && bsearch(&key, b->v, b->n, sizeof *b->v, cmp_entry);
		f->baseline = in ? BASELINE_UNCHANGED : BASELINE_NEW;
		unchanged += in;
	}
	return unchanged;
}

int baseline_write(const char *path, const struct findings *fs, struct diag *d)
{
	struct bl_entry *v = xcalloc(fs->n ? fs->n : 1, sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < fs->n; i++)
		if (!fs->v[i].suppressed)
			v[n++] = entry_of(&fs->v[i]);
	n = sort_unique(v, n);
	cJSON *root = jsonw_obj();
	jsonw_add(root, "tool", jsonw_str("etsilint"));
	jsonw_add(root, "baselineVersion", jsonw_num(BASELINE_VERSION));
	cJSON *arr = jsonw_arr();
	for (size_t i = 0; i < n; i++) {
		cJSON *o = jsonw_obj();
		jsonw_add(o, "path", jsonw_str(v[i].path));
		jsonw_add(o, "rule", jsonw_str(v[i].rule));
		jsonw_add(o, "fingerprint", jsonw_str(v[i].fingerprint));
		jsonw_push(arr, o);
	}
	jsonw_add(root, "findings", arr);
	free(v);
	FILE *out = fopen(path, "w");
	if (!out) {
		diag_error(d, path, 0, 0, "cannot write the baseline: %s", strerror(errno));
		cJSON_Delete(root);
		return -1;
	}
	int rc = jsonw_print(out, root);
	if (fclose(out) != 0)
		rc = -1;
	if (rc != 0) {
		diag_error(d, path, 0, 0, "cannot write the baseline: %s",
			   errno ? strerror(errno) : "output error");
		return -1;
	}
	return 0;
}
