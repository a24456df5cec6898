/* engine.h - the generic scan: for every discovered file, run each rule that
 * applies to its kind; C files are parsed once and every AST rule shares the
 * one visit; text files are read once and shared by every text rule.
 * Files are processed by -j worker threads; results are merged and sorted,
 * so output does not depend on -j.
 *
 * Ownership: the caller owns config, pack, files, findings and diag. */
#ifndef ETSILINT_ENGINE_H
#define ETSILINT_ENGINE_H

#include <stddef.h>
#include "diag.h"
#include "finding.h"
#include "rule.h"
#include "walk.h"

struct flagset;
struct cache;

/* What a scan did, for --stats and the cache tests. */
struct scan_stats {
	size_t files;   /* files matched */
	size_t cached;  /* files whose findings came from the results cache */
	size_t parsed;  /* files parsed with libclang */
};

struct scan_config {
	unsigned jobs;               /* >= 1 */
	size_t max_file_size;        /* bytes; larger files are skipped with a warning */
	unsigned file_timeout_ms;    /* per-file libclang parse limit; 0: none */
	const char *const *cflags;   /* compiler args for every file when flags is NULL */
	size_t ncflags;
	const struct flagset *flags; /* per-file compiler args (flags.h), or NULL */
	struct cache *cache;         /* results cache, or NULL */
	struct scan_stats *stats;    /* filled in when not NULL */
	int progress;                /* print progress to stderr */
	const char *root;            /* absolute scan root (repository rules); NULL: none run */
	const char *root_display;    /* the root as the user named it, for text output paths */
};

/* Scan files. Findings are added to out (finished: sorted, fingerprinted).
 * Problems with single files are reported to d and the scan goes on. */
void engine_scan(const struct scan_config *cfg, const struct rulepack *pack,
		 const struct filelist *files, struct findings *out, struct diag *d);

/* Match one in-memory file (used by unit tests and fuzzers): runs every rule
 * of pack that applies to `kind` (FK_*; 0: classify `path`). Findings get
 * path and relpath = path and are added to out unfinished. */
void engine_scan_buffer(const struct rulepack *pack, const char *path, unsigned kind,
			const char *data, size_t len, const struct scan_config *cfg,
			struct findings *out, struct diag *d);

#endif
