/* walk.c - discovery: directory walk into a sorted file list. */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "classify.h"
#include "util.h"

/* Directories never descended into: VCS metadata and build outputs. */
static const char *const skip_dirs[] = {
	".git", ".hg", ".svn", ".repo", "build", "_build", "cmake-build-*", "out",
	"node_modules", "__pycache__", ".pio", ".cache", "tmp-glibc", "sstate-cache",
};

struct walker {
	const char *root;
	const char *const *excludes;
	size_t nexcludes;
	struct filelist *out;
	struct diag *d;
	/* (dev, ino) of the directories on the current path: loop guard. */
	struct {
		dev_t dev;
		ino_t ino;
	} stack[256];
	size_t depth;
};

char *walk_relpath(const char *root, const char *abs)
{
	size_t rl = strlen(root);
	if (strcmp(root, "/") == 0)
		return xstrdup(abs[0] == '/' ? abs + 1 : abs);
	if (strncmp(root, abs, rl) == 0) {
		if (abs[rl] == '\0')
			return xstrdup(".");
		if (abs[rl] == '/')
			return xstrdup(abs + rl + 1);
	}
	return xstrdup(abs);
}

static int excluded(const struct walker *w, const char *rel, const char *name)
{
	for (size_t i = 0; i < w->nexcludes; i++) {
		const char *g = w->excludes[i];
		if (glob_match(g, rel) || glob_match(g, name))
			return 1;
		/* "dir/" excludes everything under dir. */
		size_t gl = strlen(g);
		if (gl > 1 && g[gl - 1] == '/') {
			char *t = xstrndup(g, gl - 1);
			int m = glob_match(t, rel) || glob_match(t, name);
			free(t);
			if (m)
				return 1;
		}
	}
	return 0;
}

static int skip_dir(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(skip_dirs); i++)
		if (glob_match(skip_dirs[i], name))
			return 1;
	return 0;
}

static void add_file(struct walker *w, const char *path, const char *rel)
{
	unsigned kind = classify_path(path);
	if (kind == FK_NONE)
		return;
	struct filelist *fl = w->out;
	if (fl->n == fl->cap) {
		fl->cap = fl->cap ? fl->cap * 2 : 64;
		fl->v = xrealloc(fl->v, fl->cap * sizeof *fl->v);
	}
	fl->v[fl->n++] = (struct scanfile){xstrdup(path), xstrdup(rel), kind};
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk_dir(struct walker *w, const char *path, const char *rel, const struct stat *st)
{
	for (size_t i = 0; i < w->depth; i++) {
		if (w->stack[i].dev == st->st_dev && w->stack[i].ino == st->st_ino) {
			diag_warn(w->d, path, 0, 0, "directory loop; not descended again");
			return;
		}
	}
	if (w->depth == ARRAY_LEN(w->stack)) {
		diag_warn(w->d, path, 0, 0, "directory nesting deeper than %zu levels; not descended",
			  ARRAY_LEN(w->stack));
		return;
	}
	DIR *dir = opendir(path);
	if (!dir) {
		diag_error(w->d, path, 0, 0, "cannot open directory: %s", strerror(errno));
		return;
	}
	struct strvec names = {0};
	struct dirent *de;
	while ((de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		strvec_push(&names, de->d_name);
	}
	closedir(dir);
	if (names.n > 1)
		qsort(names.v, names.n, sizeof *names.v, cmp_name);
	w->stack[w->depth].dev = st->st_dev;
	w->stack[w->depth].ino = st->st_ino;
	w->depth++;
	for (size_t i = 0; i < names.n; i++) {
		char *child = path_join(path, names.v[i]);
		struct stat cst;
		if (lstat(child, &cst) != 0) {
			diag_error(w->d, child, 0, 0, "cannot stat: %s", strerror(errno));
			free(child);
			continue;
		}
		char *crel = strcmp(rel, ".") == 0 ? xstrdup(names.v[i]) : path_join(rel, names.v[i]);
		if (excluded(w, crel, names.v[i])) {
			free(crel);
			free(child);
			continue;
		}
		if (S_ISDIR(cst.st_mode)) {
			if (!skip_dir(names.v[i]))
				walk_dir(w, child, crel, &cst);
		} else if (S_ISREG(cst.st_mode)) {
			add_file(w, child, crel);
		} else if (S_ISLNK(cst.st_mode)) {
			struct stat tst;
			if (stat(child, &tst) != 0) {
				if (classify_path(child) != FK_NONE)
					diag_warn(w->d, child, 0, 0, "%s; skipped",
						  errno == ELOOP ? "symbolic link loop"
								 : "dangling symbolic link");
			} else if (S_ISREG(tst.st_mode)) {
				add_file(w, child, crel);
			}
			/* Symlinked directories are not followed: no loops, no escapes. */
		}
		free(crel);
		free(child);
	}
	w->depth--;
	strvec_free(&names);
}

static int cmp_file(const void *a, const void *b)
{
	const struct scanfile *x = a, *y = b;
	int c = strcmp(x->relpath, y->relpath);
	return c ? c : strcmp(x->path, y->path);
}

int walk_paths(const char *const *paths, size_t npaths, const char *root,
	       const char *const *excludes, size_t nexcludes, struct filelist *out, struct diag *d)
{
	struct walker w = {.root = root, .excludes = excludes, .nexcludes = nexcludes, .out = out, .d = d};
	int rc = 0;
	for (size_t i = 0; i < npaths; i++) {
		struct stat st;
		if (stat(paths[i], &st) != 0) {
			diag_error(d, paths[i], 0, 0, "cannot scan: %s", strerror(errno));
			rc = -1;
			continue;
		}
		char *abs = realpath(paths[i], NULL);
		char *rel = walk_relpath(root, abs ? abs : paths[i]);
		free(abs);
		if (S_ISDIR(st.st_mode)) {
			walk_dir(&w, paths[i], rel, &st);
		} else if (!S_ISREG(st.st_mode)) {
			/* A FIFO or device would block or never end. */
			diag_warn(d, paths[i], 0, 0, "not a regular file; skipped");
		} else {
			/* A file named explicitly is scanned when it has a kind. */
			size_t before = out->n;
			add_file(&w, paths[i], rel);
			/* Said only when it is the one file named: a pre-commit hook passes
			 * every changed file, most of them of no kind etsilint checks. */
			if (out->n == before && npaths == 1)
				diag_warn(d, paths[i], 0, 0, "not a file kind etsilint checks; skipped");
		}
		free(rel);
	}
	/* Sort and drop files reached twice (overlapping path arguments). */
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, cmp_file);
	size_t k = 0;
	for (size_t i = 0; i < out->n; i++) {
		if (k && strcmp(out->v[k - 1].relpath, out->v[i].relpath) == 0) {
			free(out->v[i].path);
			free(out->v[i].relpath);
			continue;
		}
		out->v[k++] = out->v[i];
	}
	out->n = k;
	return rc;
}

void filelist_free(struct filelist *fl)
{
	for (size_t i = 0; i < fl->n; i++) {
		free(fl->v[i].path);
		free(fl->v[i].relpath);
	}
	free(fl->v);
	fl->v = NULL;
	fl->n = fl->cap = 0;
}
