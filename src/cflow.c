/* cflow.c - placeholder: an empty model (being written). */
#include "cflow.h"

#include <stdlib.h>

#include "util.h"

struct cflow_unit *cflow_build(const struct ctok *t, size_t n)
{
	(void)t;
	(void)n;
	return xcalloc(1, sizeof(struct cflow_unit));
}

void cflow_free(struct cflow_unit *u)
{
	free(u);
}

char *cflow_dump(const struct cflow_unit *u)
{
	(void)u;
	return xstrdup("");
}
