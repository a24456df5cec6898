/* provisions.h - the ETSI EN 303 645 V2.1.1 provision catalogue. */
#ifndef ETSILINT_PROVISIONS_H
#define ETSILINT_PROVISIONS_H

#include <stddef.h>

struct provision {
	const char *id;    /* "5.4-3" */
	const char *area;  /* "5.4" */
	const char *title; /* short paraphrase */
	const char *status; /* "M", "R", "M C(1)" ... */
};

extern const struct provision provisions_table[];
extern const size_t provisions_count;

/* NULL when id is not a V2.1.1 provision ID. */
const struct provision *provision_find(const char *id);
/* Title of an area "5.4" ("Securely store sensitive security parameters"). */
const char *provision_area_title(const char *area);

#endif
