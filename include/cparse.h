/* cparse.h - the C front end. Owns libclang (the only module that includes
 * clang-c/Index.h): one parse per file, one visit feeding every AST matcher
 * through cmodel events, plus a token-level pass that recovers calls, stores
 * and macros the AST lost (missing headers, unknown types).
 *
 * Ownership: a struct cparse is one worker's libclang index; not shared
 * between threads. */
#ifndef ETSILINT_CPARSE_H
#define ETSILINT_CPARSE_H

#include <stddef.h>
#include "cmodel.h"
#include "diag.h"

struct cparse;

struct cparse *cparse_new(void);
void cparse_free(struct cparse *cp);
/* Give each libclang parse at most ms milliseconds (0: no limit). A parse
 * over the limit is abandoned (it finishes in the background, unused), the
 * file gets a warning and no AST events, and cparse_file returns -2. */
void cparse_set_timeout(struct cparse *cp, unsigned ms);

/* Parse `path` whose content is data[0..len) (passed to libclang as an
 * unsaved file; nothing else is read for it), with extra compiler args.
 * Events for constructs whose location is in this file are sent to fn in
 * no particular order; wanted is a CEV_* mask. cplusplus: parse as C++.
 * Returns 0, or -1 when libclang could not produce a translation unit
 * (reported to d as a warning). */
int cparse_file(struct cparse *cp, const char *path, const char *data, size_t len, int cplusplus,
		const char *const *args, size_t nargs, unsigned wanted, cev_fn fn, void *ud,
		struct diag *d);

/* libclang's version string, e.g. "clang version 14.0.6". New string. */
char *cparse_version(void);

#endif
