/* kvparse.h - key/value models of Kconfig-style configs (.config, defconfig,
 * sdkconfig, prj.conf: KEY=VALUE and "# KEY is not set") and BitBake-style
 * assignments (local.conf, *.bb: KEY = "v", KEY += "v", KEY:append = " v",
 * KEY_append, ?=, ??=, .=, =+, export KEY = ...).
 *
 * Ownership: entries point into the text they were parsed from, which the
 * caller keeps alive; the array itself is owned by the struct kvfile. */
#ifndef ETSILINT_KVPARSE_H
#define ETSILINT_KVPARSE_H

#include <stddef.h>
#include "textfile.h"

struct kventry {
	const char *key;    size_t key_len;
	const char *value;  size_t value_len; /* unquoted; for "is not set": "n" */
	const char *op;     /* "=", "+=", ":append", "is not set", ... (static string) */
	unsigned line;      /* 1-based */
	unsigned key_col;   /* 1-based column of the key */
	unsigned value_col; /* 1-based column of the value's first byte (inside quotes) */
	int unset;          /* "# KEY is not set" */
};

struct kvfile {
	struct kventry *v;
	size_t n, cap;
};

enum kv_syntax { KV_KCONFIG, KV_BITBAKE };

void kvparse(const struct textfile *tf, enum kv_syntax syntax, struct kvfile *out);
void kvfile_free(struct kvfile *kv);

#endif
