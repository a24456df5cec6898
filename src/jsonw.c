/* jsonw.c - cJSON construction: out-of-memory aborts, strings made valid UTF-8. */
#include "jsonw.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static cJSON *check(cJSON *j)
{
	if (!j)
		util_oom();
	return j;
}

cJSON *jsonw_obj(void)
{
	return check(cJSON_CreateObject());
}

cJSON *jsonw_arr(void)
{
	return check(cJSON_CreateArray());
}

cJSON *jsonw_num(double v)
{
	return check(cJSON_CreateNumber(v));
}

cJSON *jsonw_bool(int v)
{
	return check(cJSON_CreateBool(v != 0));
}

cJSON *jsonw_str(const char *s)
{
	if (!s)
		return check(cJSON_CreateNull());
	char *clean = utf8_clean(s);
	cJSON *j = check(cJSON_CreateString(clean));
	free(clean);
	return j;
}

void jsonw_add(cJSON *obj, const char *key, cJSON *item)
{
	if (!cJSON_AddItemToObject(obj, key, check(item)))
		util_oom();
}

void jsonw_push(cJSON *arr, cJSON *item)
{
	if (!cJSON_AddItemToArray(arr, check(item)))
		util_oom();
}

int jsonw_print(FILE *out, cJSON *root)
{
	char *text = cJSON_Print(root);
	cJSON_Delete(root);
	if (!text)
		util_oom();
	int rc = 0;
	if (fputs(text, out) == EOF || fputc('\n', out) == EOF || fflush(out) != 0)
		rc = -1;
	cJSON_free(text);
	return rc;
}
