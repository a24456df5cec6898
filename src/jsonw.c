/* jsonw.c - cJSON construction: out-of-memory aborts, strings made valid UTF-8. */
#include "jsonw.h"

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

/* Length of the valid UTF-8 sequence at p (n bytes left), or 0. */
static size_t utf8_seq_len(const unsigned char *p, size_t n)
{
	if (p[0] < 0x80)
		return 1;
	size_t len;
	unsigned lo = 0x80, hi = 0xbf;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		if (p[0] == 0xe0)
			lo = 0xa0; /* no overlongs */
		else if (p[0] == 0xed)
			hi = 0x9f; /* no surrogates */
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		if (p[0] == 0xf0)
			lo = 0x90;
		else if (p[0] == 0xf4)
			hi = 0x8f; /* <= U+10FFFF */
	} else
		return 0;
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return len;
}

cJSON *jsonw_str(const char *s)
{
	if (!s)
		return check(cJSON_CreateNull());
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	struct sbuf b = {0};
	for (size_t i = 0; i < n;) {
		size_t l = utf8_seq_len(p + i, n - i);
		if (l) {
			sbuf_addn(&b, s + i, l);
			i += l;
		} else {
			sbuf_adds(&b, "\xef\xbf\xbd");
			i++;
		}
	}
	cJSON *j = check(cJSON_CreateString(sbuf_str(&b)));
	sbuf_free(&b);
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
