/* diag.c - collected, sorted diagnostics. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void diag_init(struct diag *d)
{
	memset(d, 0, sizeof *d);
	pthread_mutex_init(&d->lock, NULL);
}

void diag_free(struct diag *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].path);
		free(d->v[i].msg);
	}
	free(d->v);
	pthread_mutex_destroy(&d->lock);
	memset(d, 0, sizeof *d);
}

void diag_add(struct diag *d, enum diag_level lvl, int fatal, const char *path, unsigned line,
	      unsigned col, const char *fmt, ...)
{
	struct sbuf b = {0};
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n > 0) {
		b.s = xmalloc((size_t)n + 1);
		va_start(ap, fmt);
		vsnprintf(b.s, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	struct diag_entry e = {lvl, path ? xstrdup(path) : NULL, line, col, b.s ? b.s : xstrdup(""),
			       lvl == DIAG_ERROR && fatal};
	pthread_mutex_lock(&d->lock);
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = xrealloc(d->v, d->cap * sizeof *d->v);
	}
	d->v[d->n++] = e;
	if (lvl == DIAG_ERROR)
		d->nerrors++;
	if (e.fatal)
		d->nfatal++;
	pthread_mutex_unlock(&d->lock);
}

static int cmp_entry(const void *pa, const void *pb)
{
	const struct diag_entry *a = pa, *b = pb;
	int c = strcmp(a->path ? a->path : "", b->path ? b->path : "");
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return strcmp(a->msg, b->msg);
}

void diag_sort(struct diag *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof *d->v, cmp_entry);
}

/* Control characters (ESC, newlines in file names) as \xNN: a name cannot
 * forge a diagnostic line or drive the terminal. */
static void put_escaped(FILE *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\x%02x", c);
		else
			fputc(c, out);
	}
}

void diag_print(struct diag *d, FILE *out, const char *prog)
{
	static const char *const names[] = {"note", "warning", "error"};
	for (size_t i = 0; i < d->n; i++) {
		const struct diag_entry *e = &d->v[i];
		put_escaped(out, e->path ? e->path : prog);
		if (e->path && e->line)
			fprintf(out, ":%u:%u", e->line, e->col ? e->col : 1);
		fprintf(out, ": %s: ", names[e->level]);
		put_escaped(out, e->msg);
		fputc('\n', out);
	}
}
