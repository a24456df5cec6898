/* diag.h - the diagnostics sink: errors and warnings about inputs (rule
 * files, scanned files, options). Thread-safe. Messages are collected and
 * printed sorted, so output is deterministic for any -j.
 *
 * Ownership: the caller owns the struct diag; strings are copied in. */
#ifndef ETSILINT_DIAG_H
#define ETSILINT_DIAG_H

#include <stdio.h>
#include <pthread.h>
#include "util.h"

enum diag_level { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR };

struct diag_entry {
	enum diag_level level;
	char *path;     /* may be NULL (no file) */
	unsigned line;  /* 0: none */
	unsigned col;   /* 0: none */
	char *msg;
	int fatal;      /* this error prevented a complete scan (exit 2) */
};

struct diag {
	pthread_mutex_t lock;
	struct diag_entry *v;
	size_t n, cap;
	size_t nerrors, nfatal;
};

void diag_init(struct diag *d);
void diag_free(struct diag *d);
/* Record a message. path/line/col may be NULL/0. */
void diag_add(struct diag *d, enum diag_level lvl, int fatal, const char *path,
	      unsigned line, unsigned col, const char *fmt, ...) UTIL_PRINTF(7, 8);
#define diag_error(d, path, line, col, ...) diag_add((d), DIAG_ERROR, 1, (path), (line), (col), __VA_ARGS__)
#define diag_warn(d, path, line, col, ...) diag_add((d), DIAG_WARNING, 0, (path), (line), (col), __VA_ARGS__)
/* Sort (path, line, col, text) and print "path:line:col: error: msg" lines. */
void diag_sort(struct diag *d);
void diag_print(struct diag *d, FILE *out, const char *prog);

#endif
