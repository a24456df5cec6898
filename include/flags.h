/* flags.h - the compiler arguments each C file is parsed with: from a
 * compile database (compile_commands.json: -p DIR, or found at the scan root
 * or its build/), else inferred from the tree (the one folder that resolves
 * each quoted #include), plus -I/-D given by the user.
 *
 * Ownership: a struct flagset owns every string it hands out; flags_for()
 * returns arrays borrowed until flags_free(). Read-only after flags_new, so
 * worker threads may call flags_for concurrently. */
#ifndef ETSILINT_FLAGS_H
#define ETSILINT_FLAGS_H

#include <stddef.h>
#include <stdint.h>
#include "diag.h"
#include "walk.h"

struct flagset;

/* root: absolute scan root. cdb_dir: folder holding compile_commands.json
 * (NULL: look in root and root/build). user: -I/-D arguments from the command
 * line or project configuration, applied to every file (after the database's
 * or inferred ones). opts: FLAGS_NO_INFER parses files the database does not
 * list with the user's arguments only (faster: headers the inference would
 * resolve are not parsed; the token pass recovers what the AST then loses).
 * Problems (unreadable or malformed database) go to d. */
enum { FLAGS_NO_INFER = 1u << 0 }; /* opts: no include inference */

struct flagset *flags_new(const char *root, const char *cdb_dir, const struct filelist *files,
			  const char *const *user, size_t nuser, unsigned opts, struct diag *d);
void flags_free(struct flagset *fs);

/* Arguments for one file of the list given to flags_new (by its relpath). */
void flags_for(const struct flagset *fs, const char *relpath, const char *const **args, size_t *n);

/* A stamp of the in-tree headers the file reaches through its includes
 * (their paths, sizes and modification times), 0 when none is known: part
 * of the results cache key, so a changed header re-parses its includers. */
uint64_t flags_deps(const struct flagset *fs, const char *relpath);

/* Where the arguments came from: "compile_commands.json" path, or NULL. */
const char *flags_database(const struct flagset *fs);

#endif
