/* flags.c - per-file compiler arguments. This first version applies the
 * user's -I/-D to every file; compile databases and include inference are
 * added behind the same interface. */
#include "flags.h"

#include <stdlib.h>

#include "util.h"

struct flagset {
	struct strvec user;
};

struct flagset *flags_new(const char *root, const char *cdb_dir, const struct filelist *files,
			  const char *const *user, size_t nuser, struct diag *d)
{
	(void)root;
	(void)cdb_dir;
	(void)files;
	(void)d;
	struct flagset *fs = xcalloc(1, sizeof *fs);
	for (size_t i = 0; i < nuser; i++)
		strvec_push(&fs->user, user[i]);
	return fs;
}

void flags_free(struct flagset *fs)
{
	if (!fs)
		return;
	strvec_free(&fs->user);
	free(fs);
}

void flags_for(const struct flagset *fs, const char *relpath, const char *const **args, size_t *n)
{
	(void)relpath;
	*args = (const char *const *)fs->user.v;
	*n = fs->user.n;
}

const char *flags_database(const struct flagset *fs)
{
	(void)fs;
	return NULL;
}
