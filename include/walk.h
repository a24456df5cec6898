/* walk.h - discovery: walk paths into a sorted list of files to scan.
 * Skips .git and build output folders and --exclude globs; symlinked
 * directories are not followed (no loops); problems go to the diag sink and
 * the walk continues. */
#ifndef ETSILINT_WALK_H
#define ETSILINT_WALK_H

#include <stddef.h>
#include "diag.h"

struct scanfile {
	char *path;    /* as walked */
	char *relpath; /* relative to the scan root */
	unsigned kind; /* FK_* (classify_path) */
};

struct filelist {
	struct scanfile *v;
	size_t n, cap;
};

/* root: absolute, canonical scan root. excludes: globs matched against the
 * root-relative path and against each path component's name. */
int walk_paths(const char *const *paths, size_t npaths, const char *root,
	       const char *const *excludes, size_t nexcludes, struct filelist *out, struct diag *d);
void filelist_free(struct filelist *fl);
/* Path of abs relative to root ("." when equal; abs itself when outside). New string. */
char *walk_relpath(const char *root, const char *abs);

#endif
