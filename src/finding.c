/* finding.c - findings: storage, deterministic order, duplicates, fingerprints. */
#include "finding.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *rule_id(const struct finding *f)
{
	return f->rule && f->rule->id ? f->rule->id : "";
}

static char *dup_or_empty(const char *s)
{
	return xstrdup(s ? s : "");
}

/* A deep copy of n steps (messages copied, NULL as ""); NULL when n is 0. */
static struct flow_step *steps_dup(const struct flow_step *v, size_t n)
{
	if (!v || n == 0)
		return NULL;
	struct flow_step *c = xcalloc(n, sizeof *c);
	for (size_t i = 0; i < n; i++) {
		c[i] = v[i];
		c[i].message = dup_or_empty(v[i].message);
	}
	return c;
}

void findings_add(struct findings *fs, const struct finding *f)
{
	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 4;
		fs->v = xrealloc(fs->v, fs->cap * sizeof *fs->v);
	}
	struct finding *c = &fs->v[fs->n++];
	*c = *f;
	c->relpath = dup_or_empty(f->relpath ? f->relpath : f->path);
	c->path = dup_or_empty(f->path ? f->path : f->relpath);
	c->message = dup_or_empty(f->message);
	c->snippet = dup_or_empty(f->snippet);
	c->justification = f->justification ? xstrdup(f->justification) : NULL;
	c->steps = steps_dup(f->steps, f->nsteps);
	c->nsteps = c->steps ? f->nsteps : 0;
	c->fingerprint[sizeof c->fingerprint - 1] = '\0';
}

void findings_move(struct findings *dst, struct findings *src)
{
	if (dst == src || src->n == 0)
		return;
	if (dst->n + src->n > dst->cap) {
		/* Geometric growth: merging many per-file sets stays linear. */
		size_t cap = dst->cap ? dst->cap : 16;
		while (cap < dst->n + src->n)
			cap *= 2;
		dst->cap = cap;
		dst->v = xrealloc(dst->v, dst->cap * sizeof *dst->v);
	}
	memcpy(dst->v + dst->n, src->v, src->n * sizeof *src->v);
	dst->n += src->n;
	free(src->v);
	src->v = NULL;
	src->n = src->cap = 0;
}

static void finding_release(struct finding *f)
{
	free(f->path);
	free(f->relpath);
	free(f->message);
	free(f->snippet);
	free(f->justification);
	for (size_t i = 0; i < f->nsteps; i++)
		free(f->steps[i].message);
	free(f->steps);
	f->steps = NULL;
	f->nsteps = 0;
}

void findings_free(struct findings *fs)
{
	if (!fs)
		return;
	for (size_t i = 0; i < fs->n; i++)
		finding_release(&fs->v[i]);
	free(fs->v);
	fs->v = NULL;
	fs->n = fs->cap = 0;
}

int finding_is_reported(const struct finding *f)
{
	return !f->suppressed && f->baseline != BASELINE_UNCHANGED;
}

size_t findings_count_at_least(const struct findings *fs, enum severity min)
{
	size_t n = 0;
	for (size_t i = 0; i < fs->n; i++)
		if (fs->v[i].rule && fs->v[i].rule->severity >= min && finding_is_reported(&fs->v[i]))
			n++;
	return n;
}

static int cmp_uint(unsigned a, unsigned b)
{
	return a < b ? -1 : a > b;
}

/* The identity of a finding: (relpath, line, col, rule id). */
static int cmp_key(const struct finding *a, const struct finding *b)
{
	int c = strcmp(a->relpath, b->relpath);
	if (c)
		return c;
	if ((c = cmp_uint(a->line, b->line)) != 0)
		return c;
	if ((c = cmp_uint(a->col, b->col)) != 0)
		return c;
	return strcmp(rule_id(a), rule_id(b));
}

/* Data-flow paths: shorter first, then step by step. */
static int cmp_steps(const struct finding *a, const struct finding *b)
{
	if (a->nsteps != b->nsteps)
		return a->nsteps < b->nsteps ? -1 : 1;
	for (size_t i = 0; i < a->nsteps; i++) {
		const struct flow_step *x = &a->steps[i], *y = &b->steps[i];
		int c;
		if ((c = cmp_uint(x->line, y->line)) != 0 || (c = cmp_uint(x->col, y->col)) != 0 ||
		    (c = cmp_uint(x->end_line, y->end_line)) != 0 ||
		    (c = cmp_uint(x->end_col, y->end_col)) != 0 ||
		    (c = strcmp(x->message, y->message)) != 0)
			return c;
	}
	return 0;
}

/* Total order: the key, then everything else, so that which of several
 * duplicates survives does not depend on the input order. */
static int cmp_finding(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;
	int c = cmp_key(a, b);
	if (c)
		return c;
	if ((c = cmp_uint(a->end_line, b->end_line)) != 0)
		return c;
	if ((c = cmp_uint(a->end_col, b->end_col)) != 0)
		return c;
	if ((c = strcmp(a->message, b->message)) != 0)
		return c;
	if ((c = strcmp(a->snippet, b->snippet)) != 0)
		return c;
	if ((c = strcmp(a->path, b->path)) != 0)
		return c;
	if ((c = cmp_uint((unsigned)a->suppressed, (unsigned)b->suppressed)) != 0)
		return c;
	if ((c = strcmp(a->justification ? a->justification : "",
			b->justification ? b->justification : "")) != 0)
		return c;
	if ((c = cmp_uint((unsigned)a->recovered, (unsigned)b->recovered)) != 0)
		return c;
	return cmp_steps(a, b);
}

/* The snippet with every whitespace byte removed. New string. */
static char *snippet_normalize(const char *s)
{
	size_t n = strlen(s);
	char *out = xmalloc(n + 1), *p = out;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			*p++ = *s;
	*p = '\0';
	return out;
}

struct fpkey {
	const char *rule;
	const char *relpath;
	char *norm;
	size_t pos; /* index in the sorted findings */
};

static int cmp_fpkey(const void *pa, const void *pb)
{
	const struct fpkey *a = pa, *b = pb;
	int c = strcmp(a->rule, b->rule);
	if (c)
		return c;
	if ((c = strcmp(a->relpath, b->relpath)) != 0)
		return c;
	if ((c = strcmp(a->norm, b->norm)) != 0)
		return c;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static uint64_t hash_field(uint64_t h, const char *s)
{
	return hash_bytes(h, s, strlen(s) + 1); /* the NUL separates fields */
}

static void fingerprints_compute(struct findings *fs)
{
	struct fpkey *k = xcalloc(fs->n, sizeof *k);
	for (size_t i = 0; i < fs->n; i++) {
		k[i].rule = rule_id(&fs->v[i]);
		k[i].relpath = fs->v[i].relpath;
		k[i].norm = snippet_normalize(fs->v[i].snippet);
		k[i].pos = i;
	}
	/* Groups of equal (rule, relpath, snippet), each in file order. */
	qsort(k, fs->n, sizeof *k, cmp_fpkey);
	size_t occ = 0;
	for (size_t i = 0; i < fs->n; i++) {
		if (i > 0 && strcmp(k[i].rule, k[i - 1].rule) == 0 &&
		    strcmp(k[i].relpath, k[i - 1].relpath) == 0 &&
		    strcmp(k[i].norm, k[i - 1].norm) == 0)
			occ++;
		else
			occ = 0;
		char num[24];
		snprintf(num, sizeof num, "%zu", occ);
		uint64_t h = HASH_SEED;
		h = hash_field(h, k[i].rule);
		h = hash_field(h, k[i].relpath);
		h = hash_field(h, k[i].norm);
		h = hash_field(h, num);
		struct finding *f = &fs->v[k[i].pos];
		snprintf(f->fingerprint, sizeof f->fingerprint, "%016" PRIx64, h);
	}
	for (size_t i = 0; i < fs->n; i++)
		free(k[i].norm);
	free(k);
}

void findings_finish(struct findings *fs)
{
	if (fs->n == 0)
		return;
	qsort(fs->v, fs->n, sizeof *fs->v, cmp_finding);
	size_t out = 1;
	for (size_t i = 1; i < fs->n; i++) {
		if (cmp_key(&fs->v[out - 1], &fs->v[i]) == 0)
			finding_release(&fs->v[i]);
		else
			fs->v[out++] = fs->v[i];
	}
	fs->n = out;
	fingerprints_compute(fs);
}

char *finding_mask_secret(const char *s, size_t len)
{
	char *m = xmalloc(len + 1);
	memset(m, '*', len);
	if (len >= 8) {
		m[0] = s[0];
		m[1] = s[1];
		m[len - 1] = s[len - 1];
	}
	m[len] = '\0';
	return m;
}
