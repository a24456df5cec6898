/* Shell variable assignment from a console line (a small CLI): the copy is
 * safe when the destination is allocated for the source's length. Taint
 * cases: "expect: RULE" must be reported on that line, "ok: RULE" must not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern int cli_set_var(char *assignment);

/* unbounded-copy, a console line formatted into a fixed buffer [shape: copy] */
int bad_cli_set_fixed(const char *name)
{
	char line[256];
	char assignment[64];

	if (fgets(line, sizeof(line), stdin) == NULL)
		return -1;
	sprintf(assignment, "%s=%s", name, line); /* expect: taint-unbounded-copy */
	return cli_set_var(assignment);
}

/* unbounded-copy, the destination is allocated from strlen() of the line [shape: copy; sanitizer: sized-allocation] */
int good_cli_set_sized(const char *name)
{
	char line[256];
	char *assignment;
	int rc;

	if (fgets(line, sizeof(line), stdin) == NULL)
		return -1;
	assignment = malloc(strlen(name) + strlen(line) + 2);
	if (assignment == NULL)
		return -1;
	sprintf(assignment, "%s=%s", name, line); /* ok: taint-unbounded-copy */
	rc = cli_set_var(assignment);
	free(assignment);
	return rc;
}
