/* cache.h - the content-addressed results cache. A file's findings are
 * stored under a key that hashes its content, its compiler arguments, its
 * path, the rule pack and the tool version, so an unchanged file is not
 * parsed again. Entries are small JSON files in a user cache folder
 * ($XDG_CACHE_HOME/etsilint or ~/.cache/etsilint), never in the scanned tree
 * unless asked. Cached messages and snippets are already masked.
 *
 * Ownership: a struct cache is shared by the worker threads (get/put are
 * thread-safe: entries are written to a temporary name and renamed). */
#ifndef ETSILINT_CACHE_H
#define ETSILINT_CACHE_H

#include <stddef.h>
#include <stdint.h>
#include "diag.h"
#include "finding.h"
#include "rule.h"

struct cache;

/* dir: the cache folder, or NULL for the default. root: the scan root; a
 * default folder inside it is refused (NULL is returned, with a note). */
struct cache *cache_open(const char *dir, const char *root, struct diag *d);
void cache_close(struct cache *c);
const char *cache_dir(const struct cache *c);

/* The key also covers the etsilint binary itself (its size, time and inode),
 * so a rebuilt tool never reuses results of the old one. */
uint64_t cache_key(const struct cache *c, const char *data, size_t len, const char *relpath,
		   unsigned kind, const char *const *args, size_t nargs, uint64_t pack_hash);

/* On a hit, append the entry's findings (with path/relpath) to out and
 * return 1; else 0. */
int cache_get(struct cache *c, uint64_t key, const struct rulepack *pack, const char *path,
	      const char *relpath, struct findings *out);
/* Store findings v[from..n) of fs under key. Errors are silent (a cache). */
void cache_put(struct cache *c, uint64_t key, const struct findings *fs, size_t from);

#endif
