/* ctok.h - one token of a C file as the front end (cparse.c) produces it:
 * comments dropped, "#if 0" blocks dropped, preprocessor directives kept
 * and marked. Independent of libclang, so token-level models (cflow.c) can
 * be built and unit-tested without it.
 *
 * Ownership: arrays of tokens are owned by whoever built them. */
#ifndef ETSILINT_CTOK_H
#define ETSILINT_CTOK_H

#include <stddef.h>

enum ctok_kind { CTK_PUNCT, CTK_KEYWORD, CTK_IDENT, CTK_LIT };

struct ctok {
	enum ctok_kind kind;
	char *s;                 /* spelling, e.g. "memcpy", "->", "\"%s\"", "0x10" */
	unsigned line, col, end_line, end_col; /* 1-based; end_col exclusive */
	unsigned off, end_off;   /* byte offsets [off, end_off) in the file */
	unsigned directive;      /* 0, or 1 + index of the '#' token of the
				  * preprocessor directive this token is part of */
};

#endif
